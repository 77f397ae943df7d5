import javassist.*;

/**
 * The Javassist 3.27 side of test/source-javassist-pool.test.ts: the tutorial's ClassPool and CtClass
 * life cycle (freeze, defrost, prune, detach, stopPruning, cascaded pools, childFirstLookup), one
 * answer a line; any exception prints as "error" (Javassist throws RuntimeException where
 * classforge throws CannotCompileException). args: classPath
 */
public class JavassistPool {
  static void p(String s) { System.out.println(s); }
  interface S { Object run() throws Throwable; }
  static void t(String n, S s) { try { p(n + " = " + s.run()); } catch (Throwable e) { p(n + " error"); } }
  public static void main(String[] a) throws Exception {
    ClassPool pool = new ClassPool(true);
    pool.appendClassPath(a[0]);
    CtClass cc = pool.get("life.Point");
    t("frozen0", () -> cc.isFrozen());
    t("prune", () -> { cc.prune(); return cc.isFrozen(); });
    t("modify after prune", () -> { cc.addField(CtField.make("int q;", cc)); return "ok"; });
    t("toBytecode after prune", () -> cc.toBytecode().length > 0);
    t("methods after prune", () -> cc.getDeclaredMethods().length);
    t("body after prune", () -> { cc.getDeclaredMethod("move").insertBefore("System.out.println(1);"); return "ok"; });
    t("defrost after prune", () -> { cc.defrost(); return cc.isFrozen(); });
    t("detach", () -> { cc.detach(); return pool.get("life.Point") != cc; });
    CtClass c2 = pool.get("life.Point");
    t("toBytecode", () -> c2.toBytecode().length > 0);
    t("frozen", () -> c2.isFrozen());
    t("modify frozen", () -> { c2.getDeclaredMethod("move").insertBefore("System.out.println(1);"); return "ok"; });
    t("toBytecode again", () -> c2.toBytecode().length > 0);
    t("defrost", () -> { c2.defrost(); return c2.isFrozen(); });
    t("modify", () -> { c2.getDeclaredMethod("move").insertBefore("System.out.println(1);"); return "ok"; });
    t("isModified", () -> c2.isModified());
    t("rename frozen", () -> { c2.toBytecode(); c2.setName("life.Pair"); return c2.getName(); });
    t("getAndRename", () -> pool.getAndRename("life.Point", "life.Pair2").getName() + " " + pool.get("life.Pair2").isFrozen());

    t("makeClass over frozen", () -> { pool.get("life.Line").toBytecode(); return pool.makeClass("life.Line").getName(); });
    t("makeClass bytes over frozen", () -> pool.makeClass(new java.io.ByteArrayInputStream(pool.get("life.Line").toBytecode())).getName());
    t("makeInterface over frozen", () -> pool.makeInterface("life.Line").getName());
    t("makeClass over unfrozen", () -> { CtClass old = pool.get("life.Pair2"); old.defrost(); CtClass made = pool.makeClass("life.Pair2"); return (made != old) + " " + (pool.get("life.Pair2") == made) + " " + made.isInterface(); });
    pool.get("life.Line").detach();
    for (String n : new String[] { "int", "[I", "[Ljava.lang.String;", "[[Ljava/lang/Object;", "[[Llife.Point;", "java.lang.String[][]", "java/lang/String", "void", "[Lno.Such;", "[X" }) {
      t("name " + n, () -> pool.get(n).getName());
    }
    t("interface setSuperclass", () -> {
      CtClass face = pool.makeInterface("life.Face");
      face.setSuperclass(pool.get("java.lang.Runnable"));
      StringBuilder b = new StringBuilder(face.getSuperclass().getName());
      for (CtClass i : face.getInterfaces()) b.append(' ').append(i.getName());
      return b;
    });
    t("setInterfaces null", () -> { CtClass line = pool.get("life.Line"); line.addInterface(pool.get("java.io.Serializable")); line.setInterfaces(null); return line.getInterfaces().length; });
    t("array package", () -> pool.get("java.util.Map$Entry[][]").getPackageName() + " " + pool.get("int[]").getPackageName() + " " + pool.get("life.Point[]").getPackageName());
    for (CtClass type : new CtClass[] { CtClass.booleanType, CtClass.charType, CtClass.byteType, CtClass.shortType, CtClass.intType, CtClass.longType, CtClass.floatType, CtClass.doubleType, CtClass.voidType }) {
      CtPrimitiveType pt = (CtPrimitiveType) type;
      t("primitive " + pt.getName(), () -> pt.getDescriptor() + " " + pt.getWrapperName() + " " + pt.getGetMethodName() + " " + pt.getGetMethodDescriptor() + " " + pt.getReturnOp() + " " + pt.getArrayType() + " " + pt.getDataSize());
    }
    t("class file versions", () -> javassist.bytecode.ClassFile.JAVA_1 + " " + javassist.bytecode.ClassFile.JAVA_5 + " " + javassist.bytecode.ClassFile.JAVA_8 + " " + javassist.bytecode.ClassFile.JAVA_11);
    t("access flags", () -> {
      StringBuilder b = new StringBuilder();
      int[] all = { javassist.bytecode.AccessFlag.PUBLIC, javassist.bytecode.AccessFlag.PRIVATE, javassist.bytecode.AccessFlag.PROTECTED, javassist.bytecode.AccessFlag.STATIC, javassist.bytecode.AccessFlag.FINAL,
        javassist.bytecode.AccessFlag.SYNCHRONIZED, javassist.bytecode.AccessFlag.VOLATILE, javassist.bytecode.AccessFlag.BRIDGE, javassist.bytecode.AccessFlag.TRANSIENT, javassist.bytecode.AccessFlag.VARARGS,
        javassist.bytecode.AccessFlag.NATIVE, javassist.bytecode.AccessFlag.INTERFACE, javassist.bytecode.AccessFlag.ABSTRACT, javassist.bytecode.AccessFlag.STRICT, javassist.bytecode.AccessFlag.SYNTHETIC,
        javassist.bytecode.AccessFlag.ANNOTATION, javassist.bytecode.AccessFlag.ENUM, javassist.bytecode.AccessFlag.MANDATED, javassist.bytecode.AccessFlag.SUPER, javassist.bytecode.AccessFlag.MODULE };
      for (int f : all) b.append(f).append(' ');
      for (int m : new int[] { 0x19, 0x6, 0x1042 }) b.append(javassist.bytecode.AccessFlag.setPublic(m)).append(' ').append(javassist.bytecode.AccessFlag.setPrivate(m)).append(' ').append(javassist.bytecode.AccessFlag.isPackage(m)).append(' ').append(javassist.bytecode.AccessFlag.clear(m, 0x10)).append(' ').append(javassist.bytecode.AccessFlag.toModifier(m)).append(' ').append(javassist.bytecode.AccessFlag.of(m)).append(' ');
      return b;
    });
    ClassPool.doPruning = true;
    ClassPool pruning = new ClassPool(true);
    pruning.appendClassPath(a[0]);
    CtClass prunedPoint = pruning.get("life.Point");
    t("doPruning", () -> { prunedPoint.getDeclaredMethod("move").insertBefore("System.out.println(1);"); prunedPoint.toBytecode(); prunedPoint.defrost(); return "defrosted"; });
    CtClass keptLine = pruning.get("life.Line");
    t("doPruning stopPruning", () -> { keptLine.stopPruning(true); keptLine.addField(CtField.make("int z;", keptLine)); keptLine.toBytecode(); keptLine.defrost(); return "defrosted"; });
    ClassPool.doPruning = false;
    CtClass afterReset = pruning.makeClass("life.Fresh");
    t("doPruning reset", () -> { afterReset.addField(CtField.make("int w;", afterReset)); afterReset.toBytecode(); afterReset.defrost(); return "defrosted"; });
    ClassPool child = new ClassPool(pool);
    t("child get", () -> child.get("life.Point") == pool.get("life.Point"));
    t("child shadow", () -> { CtClass own = child.makeClass("life.Point"); return (child.get("life.Point") == own) + " " + (pool.get("life.Point") != own); });
    ClassPool first = new ClassPool(pool);
    first.childFirstLookup = true;
    first.appendClassPath(a[0]);
    t("child first", () -> (first.get("life.Line") != pool.get("life.Line")) + " " + (first.get("life.Line") == first.get("life.Line")));
    ClassPool parentFirst = new ClassPool(pool);
    parentFirst.appendClassPath(a[0]);
    t("parent first", () -> parentFirst.get("life.Line") == pool.get("life.Line"));
    ClassPool empty = new ClassPool(pool);
    empty.childFirstLookup = true;
    t("child first fallback", () -> empty.get("life.Line") == pool.get("life.Line"));
    t("child makeClass", () -> { CtClass only = first.makeClass("life.Only"); return pool.getOrNull("life.Only") + " " + (first.getOrNull("life.Only") == only); });
  }
}
