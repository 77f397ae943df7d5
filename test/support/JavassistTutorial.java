import javassist.*;
import javassist.bytecode.*;
import java.util.*;

/**
 * The Javassist 3.27 side of test/source-javassist-tutorial.test.ts: Javassist tutorial idioms and the
 * bytecode-level queries real code makes (CodeIterator, getLineNumber, Descriptor), one answer a line.
 * args: classPath outDir class... (the classes whose every method's code is walked)
 */
public class JavassistTutorial {
  static void p(String s) { System.out.println(s); }
  static String names(CtClass[] cs) { StringBuilder b = new StringBuilder("["); for (CtClass c : cs) { if (b.length() > 1) b.append(","); b.append(c.getName()); } return b + "]"; }

  /** What a pool-referencing instruction names, through ConstPool (the way enhancers find field accesses). */
  static String poolReference(ConstPool cp, CodeIterator it, int index, int op) {
    if (op >= Opcode.GETSTATIC && op <= Opcode.PUTFIELD) {
      int i = it.u16bitAt(index + 1);
      return "{" + cp.getFieldrefClassName(i) + "." + cp.getFieldrefName(i) + ":" + cp.getFieldrefType(i) + "}";
    }
    if (op >= Opcode.INVOKEVIRTUAL && op <= Opcode.INVOKEINTERFACE) {
      int i = it.u16bitAt(index + 1);
      if (cp.getTag(i) == ConstPool.CONST_Methodref) return "{" + cp.getMethodrefClassName(i) + "." + cp.getMethodrefName(i) + cp.getMethodrefType(i) + "}";
      return "{i " + cp.getInterfaceMethodrefClassName(i) + "." + cp.getInterfaceMethodrefName(i) + cp.getInterfaceMethodrefType(i) + "}";
    }
    if (op == Opcode.NEW || op == Opcode.CHECKCAST || op == Opcode.INSTANCEOF || op == Opcode.ANEWARRAY) {
      int i = it.u16bitAt(index + 1);
      return "{" + cp.getClassInfo(i) + " " + cp.getClassInfoByDescriptor(i) + "}";
    }
    if (op == Opcode.LDC || op == Opcode.LDC_W || op == Opcode.LDC2_W) {
      int i = op == Opcode.LDC ? it.byteAt(index + 1) : it.u16bitAt(index + 1);
      int tag = cp.getTag(i);
      Object value = tag == ConstPool.CONST_String || tag == ConstPool.CONST_Integer || tag == ConstPool.CONST_Long ? cp.getLdcValue(i) : "";
      return "{" + tag + " " + value + "}";
    }
    return "";
  }

  public static void main(String[] args) throws Exception {
    String classPath = args[0], out = args[1];
    ClassPool pool = new ClassPool(true);
    pool.appendPathList(classPath);
    for (int a = 2; a < args.length; a++) {
      CtClass cc = pool.get(args[a]);
      for (CtBehavior b : cc.getDeclaredBehaviors()) {
        MethodInfo mi = b.getMethodInfo();
        CodeAttribute ca = mi.getCodeAttribute();
        if (ca == null) { p("code " + cc.getName() + "." + mi.getName() + mi.getDescriptor() + " none " + mi.getLineNumber(0)); continue; }
        CodeIterator it = ca.iterator();
        StringBuilder sb = new StringBuilder();
        while (it.hasNext()) {
          int ahead = it.lookAhead();
          int index = it.next();
          if (ahead != index) throw new AssertionError("lookAhead");
          int op = it.byteAt(index);
          sb.append(index).append(':').append(Mnemonic.OPCODE[op]);
          if (op == Opcode.SIPUSH || op == Opcode.GOTO || op == Opcode.IFEQ) sb.append('=').append(it.s16bitAt(index + 1));
          if (op == Opcode.BIPUSH) sb.append('=').append(it.signedByteAt(index + 1));
          if (op == Opcode.GOTO_W) sb.append('=').append(it.s32bitAt(index + 1));
          if (op == Opcode.WIDE) sb.append('=').append(it.u16bitAt(index + 2));
          sb.append(poolReference(mi.getConstPool(), it, index, op));
          sb.append('@').append(mi.getLineNumber(index)).append(' ');
        }
        p("code " + cc.getName() + "." + mi.getName() + mi.getDescriptor() + " " + sb + "length " + it.getCodeLength() + " " + ca.getCodeLength() + " line@-1 " + mi.getLineNumber(-1) + " line@end " + mi.getLineNumber(ca.getCodeLength()));
        LineNumberAttribute lines = (LineNumberAttribute) ca.getAttribute(LineNumberAttribute.tag);
        if (lines != null) {
          StringBuilder lb = new StringBuilder();
          for (int i = 0; i < lines.tableLength(); i++) lb.append(lines.startPc(i)).append('>').append(lines.lineNumber(i)).append(' ');
          int first = lines.lineNumber(0);
          for (int line : new int[] { first - 1, first, first + 1, first + 3, first + 50 }) {
            LineNumberAttribute.Pc near = lines.toNearPc(line);
            lb.append("near").append(line).append('=').append(near.index).append('/').append(near.line).append(" start").append(line).append('=').append(lines.toStartPc(line)).append(' ');
          }
          p("lines " + cc.getName() + "." + mi.getName() + mi.getDescriptor() + " " + lb + "pc5=" + lines.toLineNumber(5));
        }
        ExceptionTable et = ca.getExceptionTable();
        StringBuilder eb = new StringBuilder();
        for (int i = 0; i < et.size(); i++) eb.append(et.startPc(i)).append('-').append(et.endPc(i)).append('>').append(et.handlerPc(i)).append(':').append(et.catchType(i) == 0 ? "any" : mi.getConstPool().getClassInfo(et.catchType(i))).append(' ');
        p("handlers " + cc.getName() + "." + mi.getName() + mi.getDescriptor() + " " + eb);
        it.begin();
        it.move(it.getCodeLength() > 1 ? ca.iterator().next() : 0);
        p("move " + cc.getName() + "." + mi.getName() + mi.getDescriptor() + " " + it.lookAhead() + " " + it.hasNext());
      }
    }
    // What ExprEditor says about calls: constructor calls are named super/this, a method of an array
    // is named on the array type.
    CtClass calls = pool.get("tut.Calls");
    for (CtBehavior b : calls.getDeclaredBehaviors()) {
      b.instrument(new javassist.expr.ExprEditor() {
        public void edit(javassist.expr.MethodCall m) {
          String target;
          try { target = m.getMethod().getLongName(); } catch (NotFoundException e) { target = "not found"; }
          p("call " + m.where().getLongName() + " " + m.getClassName() + " " + m.getMethodName() + m.getSignature() + " " + m.isSuper() + " " + target);
        }
        public void edit(javassist.expr.ConstructorCall c) {
          String target;
          try { target = c.getConstructor().getLongName(); } catch (NotFoundException e) { target = "not found"; }
          p("constructorCall " + c.where().getLongName() + " " + c.getClassName() + " " + c.getMethodName() + c.getSignature() + " " + c.isSuper() + " " + target);
        }
      });
    }
    // The Code attribute of a method made from source, before and after it is added.
    CtClass holder = pool.get("tut.User");
    CtMethod made = CtNewMethod.make("public static long big(long a, long b) { return a * b + a / (b + 1L); }", holder);
    for (String when : new String[] { "unadded", "added" }) {
      if (when.equals("added")) holder.addMethod(made);
      CodeAttribute ca = made.getMethodInfo().getCodeAttribute();
      StringBuilder ops = new StringBuilder();
      for (CodeIterator it = ca.iterator(); it.hasNext(); ) ops.append(Mnemonic.OPCODE[it.byteAt(it.next())]).append(' ');
      p("made " + when + " " + ca.getMaxStack() + " " + ca.getMaxLocals() + " " + ca.getCodeLength() + " " + ops);
    }
    // The tutorial's abstract-method idiom: an abstract method makes the class abstract; added to an
    // interface, a method becomes public.
    CtClass cool = pool.makeClass("tut.Cool");
    CtMethod m = new CtMethod(CtClass.intType, "m", new CtClass[] { CtClass.intType }, cool);
    p("abstract before " + Modifier.toString(cool.getModifiers()));
    cool.addMethod(m);
    p("abstract after " + Modifier.toString(cool.getModifiers()));
    m.setBody("{ return ($1 <= 0) ? 1 : (m($1 - 1) * $1); }");
    cool.setModifiers(cool.getModifiers() & ~Modifier.ABSTRACT);
    p("abstract cleared " + Modifier.toString(cool.getModifiers()) + " " + Modifier.toString(m.getModifiers()));
    cool.writeFile(out);
    CtClass iface = pool.makeInterface("tut.Face");
    CtMethod pkg = CtNewMethod.abstractMethod(CtClass.intType, "size", null, null, iface);
    pkg.setModifiers(Modifier.ABSTRACT);
    iface.addMethod(pkg);
    p("interface method " + Modifier.toString(pkg.getModifiers()));
    CtMethod priv = CtNewMethod.abstractMethod(CtClass.intType, "hidden", null, null, iface);
    priv.setModifiers(Modifier.ABSTRACT | Modifier.PRIVATE);
    try { iface.addMethod(priv); p("interface private added"); } catch (CannotCompileException e) { p("interface private refused"); }
    iface.writeFile(out);
    CtClass ann = pool.makeAnnotation("tut.Marker");
    p("annotation " + Modifier.toString(ann.getModifiers()) + " " + ann.isAnnotation() + " " + names(ann.getInterfaces()));
    ann.writeFile(out);
    // ClassFile and MethodInfo queries.
    for (int a = 2; a < args.length; a++) {
      ClassFile cf = pool.get(args[a]).getClassFile();
      StringBuilder kinds = new StringBuilder();
      for (Object o : cf.getMethods()) { MethodInfo mi = (MethodInfo) o; kinds.append(mi.getName()).append(mi.isMethod() ? "+" : "-").append(' '); }
      p("classfile " + cf.getName() + " " + cf.isAbstract() + " " + cf.isFinal() + " " + cf.getSourceFile() + " " + (cf.getStaticInitializer() != null) + " " + cf.getAccessFlags() + " " + kinds);
    }
    cool.defrost();
    ClassFile coolFile = cool.getClassFile();
    coolFile.setAccessFlags(AccessFlag.PUBLIC | AccessFlag.FINAL);
    p("accessFlags " + coolFile.getAccessFlags() + " " + Modifier.toString(cool.getModifiers()));
    // The tutorial's §5.2: a field added through the ClassFile.
    FieldInfo width = new FieldInfo(coolFile.getConstPool(), "width", "I");
    width.setAccessFlags(AccessFlag.PUBLIC);
    coolFile.addField(width);
    // (Javassist's CtClass does not see a field added this way until the class is read again: its member cache is stale.)
    p("addField " + width.getName() + width.getDescriptor() + width.getAccessFlags());
    cool.writeFile(out);
    // getDeclaringClass of member, local and anonymous classes.
    for (int a = 2; a < args.length; a++) {
      CtClass cc = pool.get(args[a]);
      CtClass d = cc.getDeclaringClass();
      p("declaring " + cc.getName() + " " + (d == null ? "null" : d.getName()));
    }
    // insertAt with Javassist's argument order, and copy(src, declaring, map).
    CtClass point = pool.get("tut.Point");
    CtMethod move = point.getDeclaredMethod("move");
    int first = move.getMethodInfo().getLineNumber(0);
    p("insertAt dry " + move.insertAt(first + 1, false, null));
    p("insertAt " + move.insertAt(first + 1, true, "System.out.println(\"at \" + dx);"));
    CtClass point3 = pool.makeClass("tut.Point3");
    point3.addField(CtField.make("public int x;", point3));
    point3.addField(CtField.make("public int y;", point3));
    point3.addConstructor(CtNewConstructor.make("public Point3() { }", point3));
    point3.addConstructor(CtNewConstructor.make("public Point3(int x, int y) { this.x = x; this.y = y; }", point3));
    ClassMap map = new ClassMap();
    map.put("tut.Point", "tut.Point3");
    CtMethod copied = CtNewMethod.copy(point.getDeclaredMethod("moved"), point3, map);
    p("copy " + copied.getName() + copied.getSignature());
    point3.addMethod(copied);
    point3.addMethod(CtNewMethod.copy(move, point3, map));
    point3.writeFile(out);
    point.writeFile(out);
    CtClass user = pool.get("tut.User");
    ClassMap rename = new ClassMap();
    rename.put("tut.User", "tut.User2");
    rename.put("tut.Point", "tut.Point3");
    user.replaceClassName(rename);
    p("renamed " + user.getName() + " " + user.getRefClasses().contains("tut.Point3") + " " + user.getRefClasses().contains("tut.Point"));
    user.writeFile(out);
    ClassMap cm = new ClassMap();
    cm.fix("a.A");
    cm.put("a.A", "a.B");
    cm.put("a.C", "a.D");
    cm.putIfNone("a.C", "a.E");
    cm.putIfNone("a.G", "a.H");
    cm.put("a.F", "a.F");
    cm.put(pool.get("tut.Point"), pool.get("tut.Point3"));
    p("classmap " + cm.get("a/A") + " " + cm.get("a/C") + " " + cm.get("a/F") + " " + cm.get("a/G") + " " + cm.get("tut/Point") + " " + cm.size());
    // Array and Modifier queries
    for (String n : new String[] { "int[]", "java.lang.String[][]", "tut.Outer$Nested[]", "tut.Outer$Hidden[][]", "tut.Outer$Guarded[]", "tut.Outer[]" }) {
      p("array " + n + " " + Modifier.toString(pool.get(n).getModifiers()));
    }
    for (int mod : new int[] { 0, 1, 2, 4, 7, 0x19, 0x8a, 0x840, 0x46 }) {
      p("modifier " + mod + " " + Modifier.setPublic(mod) + " " + Modifier.setProtected(mod) + " " + Modifier.setPrivate(mod) + " " + Modifier.setPackage(mod) + " " + Modifier.clear(mod, 0x18)
        + " " + Modifier.isVolatile(mod) + Modifier.isTransient(mod) + Modifier.isStrict(mod) + Modifier.isPackage(mod) + " " + Modifier.toString(mod));
    }
    // Descriptor
    CtClass[] types = { CtClass.intType, CtClass.longType, CtClass.doubleType, CtClass.booleanType, pool.get("java.lang.String"), pool.get("int[][]"), pool.get("java.lang.Object[]") };
    String d1 = Descriptor.ofMethod(CtClass.intType, types);
    String d2 = Descriptor.ofMethod(pool.get("java.lang.String[]"), new CtClass[0]);
    String d3 = Descriptor.ofConstructor(new CtClass[] { CtClass.charType });
    for (String d : new String[] { d1, d2, d3, "(J[JD)V", "()J", "([[Ljava/util/Map$Entry;BSCF)D" }) {
      p("desc " + d + " " + Descriptor.toString(d) + " " + Descriptor.numOfParameters(d) + " " + Descriptor.paramSize(d) + " " + Descriptor.dataSize(d) + " " + Descriptor.getParamDescriptor(d)
        + " " + Descriptor.appendParameter("java.util.List", d) + " " + Descriptor.insertParameter(pool.get("int[]"), d) + " " + Descriptor.appendParameter(CtClass.longType, d)
        + " " + Descriptor.changeReturnType("java.lang.Number", d) + " " + Descriptor.eqParamTypes(d, d1) + " " + Descriptor.getReturnType(d, pool).getName() + " " + names(Descriptor.getParameterTypes(d, pool))
        + " " + Descriptor.rename(d, "java/lang/String", "x/Str"));
    }
    for (String t : new String[] { "I", "J", "D", "V", "Z", "[I", "[[Ljava/lang/String;", "Ljava/util/Map$Entry;" }) {
      p("type " + t + " " + Descriptor.toClassName(t) + " " + Descriptor.dataSize(t) + " " + Descriptor.toCtClass(t, pool).getName());
    }
    for (CtClass t : types) p("of " + t.getName() + " " + Descriptor.of(t) + " " + Descriptor.toJvmName(t));
    p("names " + Descriptor.of("java.lang.String") + " " + Descriptor.toJvmName("a.b.C") + " " + Descriptor.toJavaName("a/b/C$D") + " " + Descriptor.ofParameters(types) + " " + Descriptor.ofParameters(new CtClass[0]));
  }
}
