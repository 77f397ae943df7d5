import javassist.*;

/**
 * The Javassist 3.27 side of test/source-javassist-converter.test.ts: one CodeConverter of every kind
 * applied to conv.User, written to outDir. args: classPath outDir
 */
public class JavassistConverter {
  public static void main(String[] args) throws Exception {
    ClassPool pool = new ClassPool(true);
    pool.appendPathList(args[0]);
    CtClass account = pool.get("conv.Account");
    CtClass hooks = pool.get("conv.Hooks");
    CodeConverter conv = new CodeConverter();
    conv.redirectMethodCall(account.getDeclaredMethod("deposit"), account.getDeclaredMethod("depositTwice"));
    conv.redirectMethodCall("legacy", hooks.getDeclaredMethod("modern"));
    conv.redirectMethodCall("legacyToo", hooks.getDeclaredMethod("modern"));
    conv.redirectMethodCallToStatic(account.getDeclaredMethod("withdraw"), hooks.getDeclaredMethod("withdraw"));
    conv.insertBeforeMethod(account.getDeclaredMethod("balance"), hooks.getDeclaredMethod("beforeBalance"));
    conv.insertAfterMethod(account.getDeclaredMethod("close"), hooks.getDeclaredMethod("afterClose"));
    conv.replaceNew(pool.get("java.lang.StringBuilder"), pool.get("conv.LoudBuilder"));
    conv.replaceNew(pool.get("conv.Account"), hooks, "makeAccount");
    conv.redirectFieldAccess(account.getDeclaredField("owner"), account, "alias");
    conv.replaceFieldRead(account.getDeclaredField("total"), hooks, "readTotal");
    conv.replaceFieldWrite(account.getDeclaredField("total"), hooks, "writeTotal");
    CtClass user = pool.get("conv.User");
    user.instrument(conv);
    user.writeFile(args[1]);
  }
}
