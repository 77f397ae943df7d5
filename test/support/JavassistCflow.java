import javassist.*;

/**
 * The Javassist 3.27 side of test/source-javassist-cflow.test.ts: CtBehavior.useCflow and $cflow.
 * args: classPath outDir
 */
public class JavassistCflow {
  public static void main(String[] args) throws Exception {
    ClassPool pool = new ClassPool(true);
    pool.appendPathList(args[0]);
    CtClass calc = pool.get("flow.Calc");
    CtMethod fact = calc.getDeclaredMethod("fact");
    fact.useCflow("fact");
    fact.insertBefore("if ($cflow(fact) == 0) System.out.println(\"fact \" + $1);");
    CtMethod outer = calc.getDeclaredMethod("outer");
    outer.useCflow("outer");
    CtMethod inner = calc.getDeclaredMethod("inner");
    inner.insertBefore("System.out.println(\"inner \" + $1 + \" in outer: \" + ($cflow(outer) > 0) + \" fact depth \" + $cflow(fact));");
    CtMethod fails = calc.getDeclaredMethod("fails");
    fails.useCflow("fails");
    fails.insertBefore("System.out.println(\"fails depth \" + $cflow(fails));");
    CtConstructor init = calc.getDeclaredConstructors()[0];
    init.useCflow("init");
    init.insertBeforeBody("System.out.println(\"init depth \" + $cflow(init));");
    try {
      inner.insertAfter("System.out.println($cflow(nosuch));");
      System.out.println("unknown accepted");
    } catch (CannotCompileException e) {
      System.out.println("unknown refused");
    }
    for (CtField f : calc.getDeclaredFields()) System.out.println("field " + f.getName() + " " + Modifier.toString(f.getModifiers()));
    calc.writeFile(args[1]);
  }
}
