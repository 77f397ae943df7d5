import javassist.*;
import java.util.*;

/**
 * The Javassist 3.27 side of test/source-javassist-generated.test.ts: methods made with
 * CtNewMethod.make(src, declaring, delegateObj, delegateMethod) and CtNewMethod.wrapped.
 * args: classPath outDir
 */
public class JavassistGenerated {
  public static void main(String[] args) throws Exception {
    ClassPool pool = new ClassPool(true);
    pool.appendPathList(args[0]);
    CtClass point = pool.get("gen.Point");
    point.addMethod(CtNewMethod.make("public void ymove(int dy) { $proceed(0, dy); }", point, "this", "move"));
    point.addMethod(CtNewMethod.make("public String describe() { return \"$proceed: \" + $proceed(); }", point, "super", "toString"));
    point.addMethod(CtNewMethod.make("public static int twice(int v) { return $proceed(v, 2); }", point, "java.lang.Math", "multiplyExact"));
    point.addMethod(CtNewMethod.make("public int plain() { return x; }", point, null, null));
    CtClass calc = pool.get("gen.Calc");
    CtMethod invoke = calc.getDeclaredMethod("invoke");
    CtMethod tagged = calc.getDeclaredMethod("tagged");
    CtMethod counted = calc.getDeclaredMethod("counted");
    CtMethod big = calc.getDeclaredMethod("big");
    List<CtMethod> made = new ArrayList<>();
    made.add(CtNewMethod.wrapped(CtClass.intType, "sum", new CtClass[] { CtClass.intType, CtClass.longType, CtClass.doubleType }, null, invoke, null, calc));
    made.add(CtNewMethod.wrapped(pool.get("java.lang.String"), "join", new CtClass[] { pool.get("java.lang.Object"), CtClass.charType }, new CtClass[] { pool.get("java.io.IOException") }, invoke, null, calc));
    made.add(CtNewMethod.wrapped(CtClass.voidType, "run", new CtClass[] { CtClass.booleanType }, null, invoke, null, calc));
    made.add(CtNewMethod.wrapped(CtClass.doubleType, "half", new CtClass[] { CtClass.floatType }, null, tagged, CtMethod.ConstParameter.string("tag \"q\"\n"), calc));
    made.add(CtNewMethod.wrapped(CtClass.longType, "count", new CtClass[] { CtClass.shortType, CtClass.byteType }, null, counted, CtMethod.ConstParameter.integer(-7), calc));
    made.add(CtNewMethod.wrapped(pool.get("java.lang.Object"), "large", new CtClass[0], null, big, CtMethod.ConstParameter.integer(1234567890123L), calc));
    for (CtMethod m : made) calc.addMethod(m);
    for (CtMethod m : calc.getDeclaredMethods()) {
      System.out.println("method " + m.getName() + m.getSignature() + " " + Modifier.toString(m.getModifiers()) + " " + Arrays.toString(Arrays.stream(m.getExceptionTypes()).map(CtClass::getName).toArray()));
    }
    try {
      CtNewMethod.wrapped(CtClass.intType, "bad", null, null, calc.getDeclaredMethod("counted"), null, calc);
      System.out.println("bad accepted");
    } catch (CannotCompileException e) {
      System.out.println("bad refused");
    }
    // setWrappedBody, and constructors made with howto (PASS_NONE, PASS_PARAMS, PASS_ARRAY)
    calc.getDeclaredMethod("replaced").setWrappedBody(invoke, null);
    CtClass sub = pool.get("gen.Sub");
    CtMethod init = sub.getDeclaredMethod("init");
    CtMethod initK = sub.getDeclaredMethod("initK");
    CtClass string = pool.get("java.lang.String");
    sub.addConstructor(CtNewConstructor.make(new CtClass[] { CtClass.longType }, null, CtNewConstructor.PASS_NONE, init, null, sub));
    sub.addConstructor(CtNewConstructor.make(new CtClass[] { CtClass.intType, string }, null, CtNewConstructor.PASS_PARAMS, null, null, sub));
    sub.addConstructor(CtNewConstructor.make(new CtClass[] { string }, null, CtNewConstructor.PASS_ARRAY, null, null, sub));
    sub.addConstructor(CtNewConstructor.make(new CtClass[] { CtClass.doubleType, CtClass.charType }, new CtClass[] { pool.get("java.io.IOException") }, CtNewConstructor.PASS_ARRAY, initK, CtMethod.ConstParameter.integer(5), sub));
    for (CtConstructor c : sub.getDeclaredConstructors()) System.out.println("constructor " + c.getSignature() + " " + c.getExceptionTypes().length);
    sub.writeFile(args[1]);
    point.writeFile(args[1]);
    calc.writeFile(args[1]);
  }
}
