import javassist.*;
import java.io.ObjectStreamClass;

/**
 * The oracles of test/source-javassist-serial.test.ts: for each class, the JDK's default
 * serialVersionUID (ObjectStreamClass, on the class as javac compiled it) and Javassist 3.27's
 * calculateDefault; then Javassist's setSerialVersionUID, written to outDir.
 * args: classPath outDir class...
 */
public class JavassistSerial {
  public static void main(String[] args) throws Exception {
    ClassPool pool = new ClassPool(true);
    pool.appendPathList(args[0]);
    for (int i = 2; i < args.length; i++) {
      CtClass cc = pool.get(args[i]);
      System.out.println("jdk " + args[i] + " " + ObjectStreamClass.lookupAny(Class.forName(args[i])).getSerialVersionUID());
      System.out.println("javassist " + args[i] + " " + SerialVersionUID.calculateDefault(cc));
      SerialVersionUID.setSerialVersionUID(cc);
      cc.writeFile(args[1]);
    }
  }
}
