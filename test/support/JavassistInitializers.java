import javassist.*;

/**
 * The Javassist 3.27 side of test/source-javassist-initializers.test.ts: fields added with each kind
 * of CtField.Initializer. args: classPath outDir
 */
public class JavassistInitializers {
  public static void main(String[] args) throws Exception {
    ClassPool pool = new ClassPool(true);
    pool.appendPathList(args[0]);
    CtClass cc = pool.get("init.Target");
    CtClass made = pool.get("init.Made");
    CtClass factory = pool.get("init.Factory");
    CtClass string = pool.get("java.lang.String");
    String[] strings = { "s1", "s\"2" };
    add(cc, CtClass.intType, "i", 0, CtField.Initializer.constant(42));
    add(cc, CtClass.longType, "l", 0, CtField.Initializer.constant(1234567890123L));
    add(cc, CtClass.doubleType, "d", 0, CtField.Initializer.constant(2.5));
    add(cc, CtClass.floatType, "f", 0, CtField.Initializer.constant(1.5f));
    add(cc, CtClass.booleanType, "z", 0, CtField.Initializer.constant(true));
    add(cc, string, "s", 0, CtField.Initializer.constant("text\n\"q\""));
    add(cc, CtClass.intType, "SI", Modifier.STATIC | Modifier.FINAL, CtField.Initializer.constant(7));
    add(cc, string, "SS", Modifier.STATIC | Modifier.FINAL, CtField.Initializer.constant("konst"));
    add(cc, CtClass.longType, "SL", Modifier.STATIC, CtField.Initializer.constant(99L));
    add(cc, CtClass.booleanType, "SZ", Modifier.STATIC | Modifier.FINAL, CtField.Initializer.constant(true));
    add(cc, CtClass.charType, "SC", Modifier.STATIC | Modifier.FINAL, CtField.Initializer.constant('q'));
    add(cc, CtClass.intType, "p0", 0, CtField.Initializer.byParameter(0));
    add(cc, string, "p1", 0, CtField.Initializer.byParameter(1));
    add(cc, made, "n1", 0, CtField.Initializer.byNew(made));
    add(cc, made, "n2", 0, CtField.Initializer.byNew(made, strings));
    add(cc, made, "n3", 0, CtField.Initializer.byNewWithParams(made));
    add(cc, made, "n4", 0, CtField.Initializer.byNewWithParams(made, strings));
    add(cc, made, "SN1", Modifier.STATIC, CtField.Initializer.byNew(made));
    add(cc, made, "SN2", Modifier.STATIC, CtField.Initializer.byNew(made, strings));
    add(cc, made, "c1", 0, CtField.Initializer.byCall(factory, "create"));
    add(cc, made, "c2", 0, CtField.Initializer.byCall(factory, "create", strings));
    add(cc, made, "c3", 0, CtField.Initializer.byCallWithParams(factory, "create"));
    add(cc, made, "c4", 0, CtField.Initializer.byCallWithParams(factory, "create", strings));
    add(cc, made, "SC1", Modifier.STATIC, CtField.Initializer.byCall(factory, "create"));
    add(cc, made, "SC2", Modifier.STATIC, CtField.Initializer.byCall(factory, "create", strings));
    add(cc, pool.get("int[]"), "a1", 0, CtField.Initializer.byNewArray(pool.get("int[]"), 3));
    add(cc, pool.get("java.lang.String[][]"), "a2", 0, CtField.Initializer.byNewArray(pool.get("java.lang.String[][]"), new int[] { 2, 4 }));
    add(cc, CtClass.intType, "e", 0, CtField.Initializer.byExpr("i * 2 + base"));
    for (CtField f : cc.getDeclaredFields()) System.out.println("field " + f.getName() + " " + f.getConstantValue());
    cc.writeFile(args[1]);
  }

  static void add(CtClass cc, CtClass type, String name, int modifiers, CtField.Initializer init) throws Exception {
    CtField f = new CtField(type, name, cc);
    f.setModifiers(Modifier.PUBLIC | modifiers);
    cc.addField(f, init);
  }
}
