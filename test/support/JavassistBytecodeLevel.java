// Javassist 3.27 side of test/source-javassist-bytecode-level.test.ts: the bytecode-level pieces
// ported code reaches for besides the common ones — Bytecode.addRet/addMultiNewarray/addInvokedynamic,
// ConstPool.addMethodHandleInfo/addMethodTypeInfo/addInvokeDynamicInfo/addDynamicInfo and their
// getters, new CodeAttribute(cp, maxStack, maxLocals, code, new ExceptionTable(cp)), and CodeIterator
// insert/insertEx/insertGap around exception handlers — printed line by line.
//   java -cp javassist.jar:. JavassistBytecodeLevel <classes> <out> ops|pool|bodies|handlers
//   java -cp . JavassistBytecodeLevel <dir>,<dir>… - run     (loads dx.Calc from each dir, prints its answers)
import javassist.*;
import javassist.bytecode.*;
import javassist.bytecode.annotation.*;

public class JavassistBytecodeLevel {
  static String hex(byte[] b) {
    StringBuilder sb = new StringBuilder();
    for (byte x : b) sb.append(String.format("%02x", x & 0xff));
    return sb.toString();
  }

  static Bytecode b;

  static void line(String what) {
    System.out.println(what + " " + hex(b.get()) + " depth " + b.getStackDepth() + " max " + b.getMaxStack());
    b = new Bytecode(b.getConstPool(), 0, 0);
  }

  /** The bootstrap index of concat's invokedynamic (javac's string concatenation), through the pool's getters. */
  static int concatBootstrap(ClassFile cf) throws BadBytecode {
    ConstPool cp = cf.getConstPool();
    CodeIterator it = cf.getMethod("concat").getCodeAttribute().iterator();
    while (it.hasNext()) {
      int i = it.next();
      if (it.byteAt(i) == Opcode.INVOKEDYNAMIC) return cp.getInvokeDynamicBootstrap(it.u16bitAt(i + 1));
    }
    throw new IllegalStateException("no invokedynamic in concat");
  }

  static void tables(StringBuilder sb, CodeAttribute ca) {
    ExceptionTable et = ca.getExceptionTable();
    for (int i = 0; i < et.size(); i++) sb.append(" h" + et.startPc(i) + "-" + et.endPc(i) + ">" + et.handlerPc(i) + ":" + et.catchType(i));
    LineNumberAttribute lines = (LineNumberAttribute) ca.getAttribute(LineNumberAttribute.tag);
    if (lines != null) for (int i = 0; i < lines.tableLength(); i++) sb.append(" l" + lines.startPc(i) + ":" + lines.lineNumber(i));
  }

  /** Every callback of a StackMapTable.Walker, in order. */
  static class Recorder extends StackMapTable.Walker {
    final StringBuilder sb;
    Recorder(byte[] info, StringBuilder sb) { super(info); this.sb = sb; }
    public void sameFrame(int pos, int d) { sb.append(" S" + pos + "/" + d); }
    public void sameLocals(int pos, int d, int tag, int data) { sb.append(" L" + pos + "/" + d + "/" + tag + "/" + data); }
    public void chopFrame(int pos, int d, int k) { sb.append(" C" + pos + "/" + d + "/" + k); }
    public void appendFrame(int pos, int d, int[] t, int[] data) { sb.append(" A" + pos + "/" + d + java.util.Arrays.toString(t) + java.util.Arrays.toString(data)); }
    public void fullFrame(int pos, int d, int[] lt, int[] ld, int[] st, int[] sd) {
      sb.append(" F" + pos + "/" + d + java.util.Arrays.toString(lt) + java.util.Arrays.toString(ld) + java.util.Arrays.toString(st) + java.util.Arrays.toString(sd));
    }
    public void objectOrUninitialized(int tag, int data, int pos) { sb.append(" o" + tag + "/" + data + "@" + pos); }
  }

  public static void main(String[] args) throws Exception {
    if (args[2].equals("run")) {
      for (String dir : args[0].split(",")) {
        ClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {new java.io.File(dir).toURI().toURL()}, null);
        try {
          Class<?> c = Class.forName(args.length > 3 ? args[3] : "dx.Calc", true, loader);
          Object o = c.getConstructor().newInstance();
          System.out.println(new java.io.File(dir).getName() + " " + c.getMethod("checks").invoke(o));
        } catch (Throwable e) {
          System.out.println(new java.io.File(dir).getName() + " " + e + (e.getCause() == null ? "" : " " + e.getCause()));
        }
      }
      return;
    }
    ClassPool pool = new ClassPool(true);
    pool.insertClassPath(args[0]);
    CtClass cc = pool.get("dx.Calc");
    ClassFile cf = cc.getClassFile();
    ConstPool cp = cf.getConstPool();
    String pattern = args[2];
    if (pattern.equals("ops")) {
      b = new Bytecode(cp, 0, 0);
      for (int v : new int[] {0, 3, 255, 256, 1000}) { b.addRet(v); line("ret " + v); }
      System.out.println("dims " + b.addMultiNewarray(pool.get("int[][][]"), 2)); line("multi int[][][] 2");
      System.out.println("dims " + b.addMultiNewarray("[[Ljava.lang.String;", 2)); line("multi desc 2");
      System.out.println("dims " + b.addMultiNewarray(pool.get("int[][]"), new int[] {3, 4})); line("multi int[][] {3,4}");
      System.out.println("dims " + b.addMultiNewarray(pool.get("java.lang.String[][][]"), new int[] {300, 2})); line("multi String[][][] {300,2}");
      System.out.println("dims " + b.addMultiNewarray(pool.get("dx.Calc[][]"), 1)); line("multi Calc[][] 1");
      int bs = concatBootstrap(cf);
      b.addInvokedynamic(bs, "makeConcatWithConstants", "(Ljava/lang/String;I)Ljava/lang/String;"); line("indy concat");
      b.addInvokedynamic(bs, "makeConcatWithConstants", "(Ljava/lang/String;I)Ljava/lang/String;"); line("indy concat again");
      b.addInvokedynamic(0, "run", "()V"); line("indy void");
      b.addInvokedynamic(1, "fold", "(JD[I)J"); line("indy long");
      b.addIconst(1); b.addIconst(2); b.addInvokedynamic(3, "pair", "(II)Ljava/lang/Object;"); line("indy after consts");
      // THIS (null) names the class itself; the other overloads of invokespecial and invokeinterface.
      System.out.println("this class " + cp.addClassInfo(ConstPool.THIS));
      b.addGetfield(Bytecode.THIS, "value", "I"); line("getfield THIS");
      b.addPutstatic(Bytecode.THIS, "counter", "J"); line("putstatic THIS");
      b.addInvokestatic(Bytecode.THIS, "concat", "(Ljava/lang/String;I)Ljava/lang/String;"); line("invokestatic THIS");
      b.addInvokespecial(Bytecode.THIS, "<init>", "()V"); line("invokespecial THIS");
      b.addInvokevirtual(Bytecode.THIS, "guarded", "(I)I"); line("invokevirtual THIS");
      b.addNew(Bytecode.THIS); line("new THIS");
      b.addCheckcast(Bytecode.THIS); line("checkcast THIS");
      b.addAnewarray(Bytecode.THIS, 3); line("anewarray THIS");
      b.addInvokespecial(true, cp.addClassInfo("java.util.List"), "m", "(I)V"); line("invokespecial interface index");
      b.addInvokespecial(false, cp.addClassInfo("dx.Calc"), "x", "(JD)V"); line("invokespecial class index");
      b.addInvokespecial(cp.addMethodrefInfo(cp.addClassInfo("java.lang.Object"), "<init>", "()V"), "()V"); line("invokespecial methodref");
      b.addInvokespecial(cp.addMethodrefInfo(cp.addClassInfo("dx.Calc"), "y", "(JJ)I"), "(JJ)I"); line("invokespecial methodref args");
      b.addInvokeinterface(pool.get("java.util.Map"), "get", pool.get("java.lang.Object"), new CtClass[] {pool.get("java.lang.Object")}, 2); line("invokeinterface types");
      b.addInvokeinterface(pool.get("java.util.List"), "clear", CtClass.voidType, null, 1); line("invokeinterface void");
      System.out.println("pool size " + cp.getSize());
      return;
    }
    if (pattern.equals("pool")) {
      System.out.println("tags " + ConstPool.CONST_MethodHandle + " " + ConstPool.CONST_MethodType + " " + ConstPool.CONST_Dynamic + " " + ConstPool.CONST_DynamicCallSite + " " + ConstPool.CONST_InvokeDynamic);
      System.out.println("refs " + ConstPool.REF_getField + " " + ConstPool.REF_getStatic + " " + ConstPool.REF_putField + " " + ConstPool.REF_putStatic + " " + ConstPool.REF_invokeVirtual + " " + ConstPool.REF_invokeStatic + " " + ConstPool.REF_invokeSpecial + " " + ConstPool.REF_newInvokeSpecial + " " + ConstPool.REF_invokeInterface);
      // javac's entries, read back.
      for (int i = 1; i < cp.getSize(); i++) {
        int tag = cp.getTag(i);
        if (tag == ConstPool.CONST_MethodHandle) System.out.println("javac " + i + " handle " + cp.getMethodHandleKind(i) + " " + cp.getMethodHandleIndex(i));
        else if (tag == ConstPool.CONST_MethodType) System.out.println("javac " + i + " type " + cp.getMethodTypeInfo(i) + " " + cp.getUtf8Info(cp.getMethodTypeInfo(i)));
        else if (tag == ConstPool.CONST_InvokeDynamic) System.out.println("javac " + i + " indy " + cp.getInvokeDynamicBootstrap(i) + " " + cp.getInvokeDynamicNameAndType(i) + " " + cp.getNameAndTypeName(cp.getInvokeDynamicNameAndType(i)) + " " + cp.getInvokeDynamicType(i));
        else if (tag == ConstPool.CONST_NameAndType) System.out.println("javac " + i + " nt " + cp.getNameAndTypeName(i) + " " + cp.getNameAndTypeDescriptor(i) + " " + cp.getUtf8Info(cp.getNameAndTypeName(i)) + cp.getUtf8Info(cp.getNameAndTypeDescriptor(i)));
        else if (tag == ConstPool.CONST_Fieldref) System.out.println("javac " + i + " field " + cp.getMemberClass(i) + " " + cp.getMemberNameAndType(i) + " " + cp.getFieldrefClass(i) + " " + cp.getFieldrefNameAndType(i));
        else if (tag == ConstPool.CONST_Methodref) System.out.println("javac " + i + " method " + cp.getMemberClass(i) + " " + cp.getMemberNameAndType(i) + " " + cp.getMethodrefClass(i) + " " + cp.getMethodrefNameAndType(i));
        else if (tag == ConstPool.CONST_InterfaceMethodref) System.out.println("javac " + i + " imethod " + cp.getMemberClass(i) + " " + cp.getMemberNameAndType(i) + " " + cp.getInterfaceMethodrefClass(i) + " " + cp.getInterfaceMethodrefNameAndType(i));
      }
      int calc = cp.addClassInfo("dx.Calc");
      int concat = cp.addMethodrefInfo(calc, "concat", "(Ljava/lang/String;I)Ljava/lang/String;");
      int fresh = cp.addMethodrefInfo(calc, "fresh", "()V");
      int field = cp.addFieldrefInfo(calc, "value", "I");
      int[] handles = {
        cp.addMethodHandleInfo(ConstPool.REF_invokeStatic, concat),
        cp.addMethodHandleInfo(ConstPool.REF_invokeStatic, concat),
        cp.addMethodHandleInfo(ConstPool.REF_invokeVirtual, fresh),
        cp.addMethodHandleInfo(ConstPool.REF_getField, field),
        cp.addMethodHandleInfo(ConstPool.REF_putField, field),
      };
      for (int h : handles) System.out.println("handle " + h + " " + cp.getTag(h) + " " + cp.getMethodHandleKind(h) + " " + cp.getMethodHandleIndex(h));
      int[] types = {cp.addMethodTypeInfo(cp.addUtf8Info("(I)V")), cp.addMethodTypeInfo(cp.addUtf8Info("(I)V")), cp.addMethodTypeInfo(cp.addUtf8Info("(JJ)Ljava/lang/Object;"))};
      for (int t : types) System.out.println("type " + t + " " + cp.getTag(t) + " " + cp.getMethodTypeInfo(t) + " " + cp.getUtf8Info(cp.getMethodTypeInfo(t)));
      // Every bootstrap index 0, the class's one bootstrap method: HotSpot checks them when it loads the class.
      int nt = cp.addNameAndTypeInfo("k", "I");
      int nt2 = cp.addNameAndTypeInfo("call", "(I)J");
      int nt3 = cp.addNameAndTypeInfo("cfg", "Ljava/lang/String;");
      int[] dynamics = {cp.addDynamicInfo(0, nt), cp.addDynamicInfo(0, nt), cp.addDynamicInfo(0, nt3)};
      for (int d : dynamics) System.out.println("dynamic " + d + " " + cp.getTag(d) + " " + cp.getDynamicBootstrap(d) + " " + cp.getDynamicNameAndType(d) + " " + cp.getDynamicType(d));
      int[] indys = {cp.addInvokeDynamicInfo(0, nt2), cp.addInvokeDynamicInfo(0, nt2), cp.addInvokeDynamicInfo(0, cp.addNameAndTypeInfo("go", "()V"))};
      for (int d : indys) System.out.println("indy " + d + " " + cp.getTag(d) + " " + cp.getInvokeDynamicBootstrap(d) + " " + cp.getInvokeDynamicNameAndType(d) + " " + cp.getUtf8Info(cp.getNameAndTypeName(cp.getInvokeDynamicNameAndType(d))) + " " + cp.getInvokeDynamicType(d));
      System.out.println("ldc " + cp.getLdcValue(handles[0]) + " " + cp.getLdcValue(types[0]) + " " + cp.getLdcValue(dynamics[0]));
      System.out.println("pool size " + cp.getSize());
      cc.writeFile(args[1]);
      return;
    }
    if (pattern.equals("bodies")) {
      // built(int): value / d, an ArithmeticException handler (added to the table after the
      // CodeAttribute was made: the table stays the attribute's) giving -1.
      int valueRef = cp.addFieldrefInfo(cp.addClassInfo("dx.Calc"), "value", "I");
      byte[] code = {
        (byte) Opcode.ALOAD_0, (byte) Opcode.GETFIELD, (byte) (valueRef >> 8), (byte) valueRef,
        (byte) Opcode.ILOAD_1, (byte) Opcode.IDIV, (byte) Opcode.IRETURN,
        (byte) Opcode.POP, (byte) Opcode.ICONST_M1, (byte) Opcode.IRETURN,
      };
      ExceptionTable et = new ExceptionTable(cp);
      CodeAttribute built = new CodeAttribute(cp, 2, 2, code, et);
      et.add(0, 7, 7, cp.addClassInfo("java.lang.ArithmeticException"));
      code[8] = (byte) Opcode.ICONST_0; // the array is the attribute's code[]: built(0) now answers 0
      System.out.println("built " + built.getMaxStack() + " " + built.getMaxLocals() + " " + built.getCodeLength() + " " + et.size() + " " + built.getExceptionTable().size());
      MethodInfo mi = cf.getMethod("built");
      mi.setCodeAttribute(built);
      // An insert at 0 through the new attribute moves the table it was made with.
      CodeIterator it = built.iterator();
      Bytecode nop = new Bytecode(cp);
      nop.addIconst(7);
      nop.addOpcode(Opcode.POP);
      System.out.println("insert " + it.insertAt(0, nop.get()) + " table " + et.startPc(0) + "-" + et.endPc(0) + ">" + et.handlerPc(0));
      et.setEndPc(0, et.endPc(0));
      et.setCatchType(0, cp.addClassInfo("java.lang.ArithmeticException"));
      mi.rebuildStackMapIf6(pool, cf);
      StringBuilder sb = new StringBuilder("built " + hex(mi.getCodeAttribute().getCode()));
      tables(sb, mi.getCodeAttribute());
      System.out.println(sb);

      // guardedCopy(int): guarded's code and table copied into a new attribute with ExceptionTable.add(index, table, offset).
      CodeAttribute g = cf.getMethod("guarded").getCodeAttribute();
      ExceptionTable copied = new ExceptionTable(cp);
      copied.add(0, g.getExceptionTable(), 0);
      copied.add(1, g.getExceptionTable(), 100);
      sb = new StringBuilder("copied");
      for (int i = 0; i < copied.size(); i++) sb.append(" " + copied.startPc(i) + "-" + copied.endPc(i) + ">" + copied.handlerPc(i) + ":" + copied.catchType(i));
      System.out.println(sb);
      copied.remove(3);
      copied.remove(2);
      copied.remove(1);
      copied.remove(1);
      MethodInfo gc = cf.getMethod("guardedCopy");
      gc.setCodeAttribute(new CodeAttribute(cp, g.getMaxStack(), g.getMaxLocals(), g.getCode(), copied));
      gc.rebuildStackMapIf6(pool, cf);
      sb = new StringBuilder("guardedCopy " + hex(gc.getCodeAttribute().getCode()));
      tables(sb, gc.getCodeAttribute());
      System.out.println(sb);

      // grid(): new int[2][3]; cube(): new String[2][3][] with the lengths pushed by addMultiNewarray.
      Bytecode gb = new Bytecode(cp, 0, 1);
      gb.addIconst(2);
      gb.addIconst(3);
      gb.addMultiNewarray(pool.get("int[][]"), 2);
      gb.addOpcode(Opcode.ARETURN);
      System.out.println("grid max " + gb.getMaxStack());
      cf.getMethod("grid").setCodeAttribute(gb.toCodeAttribute());
      Bytecode cb = new Bytecode(cp, 0, 1);
      cb.addMultiNewarray(pool.get("java.lang.String[][][]"), new int[] {2, 3});
      cb.addOpcode(Opcode.ARETURN);
      System.out.println("cube max " + cb.getMaxStack());
      cf.getMethod("cube").setCodeAttribute(cb.toCodeAttribute());

      // dyn(String, int): the string concatenation call site of concat, again.
      Bytecode db = new Bytecode(cp, 0, 3);
      db.addAload(1);
      db.addIload(2);
      db.addInvokedynamic(concatBootstrap(cf), "makeConcatWithConstants", "(Ljava/lang/String;I)Ljava/lang/String;");
      db.addOpcode(Opcode.ARETURN);
      System.out.println("dyn max " + db.getMaxStack());
      cf.getMethod("dyn").setCodeAttribute(db.toCodeAttribute());

      // parse(String): Bytecode's own table, live — an entry added after toCodeAttribute counts.
      Bytecode pb = new Bytecode(cp, 0, 2);
      pb.addAload(1);
      pb.addInvokestatic("java.lang.Integer", "parseInt", "(Ljava/lang/String;)I");
      pb.addOpcode(Opcode.IRETURN);
      pb.addAstore(1);
      pb.addIconst(-9);
      pb.addOpcode(Opcode.IRETURN);
      CodeAttribute pca = pb.toCodeAttribute();
      pb.getExceptionTable().add(0, 5, 5, cp.addClassInfo("java.lang.NumberFormatException"));
      System.out.println("parse table " + pca.getExceptionTable().size());
      cf.getMethod("parse").setCodeAttribute(pca);
      for (String name : new String[] {"grid", "cube", "dyn", "parse"}) {
        MethodInfo m = cf.getMethod(name);
        m.rebuildStackMapIf6(pool, cf);
        sb = new StringBuilder(name + " " + hex(m.getCodeAttribute().getCode()));
        tables(sb, m.getCodeAttribute());
        System.out.println(sb);
      }
      cc.writeFile(args[1]);
      return;
    }
    if (pattern.equals("timing")) {
      // A profiler's edit: System.nanoTime() into a new local at the start of every method, and
      // before every return the elapsed time recorded (dx.Timing.record), as tracing agents write it.
      for (Object o : cf.getMethods()) {
        MethodInfo mi = (MethodInfo) o;
        CodeAttribute ca = mi.getCodeAttribute();
        if (ca == null || !mi.isMethod()) continue;
        int slot = ca.getMaxLocals();
        ca.setMaxLocals(slot + 2);
        CodeIterator it = ca.iterator();
        Bytecode start = new Bytecode(cp);
        start.addInvokestatic("java.lang.System", "nanoTime", "()J");
        start.addLstore(slot);
        int at = it.insertEx(start.get()); // exclusive: a try block at 0 starts after it (the local is set in the handler)
        StringBuilder sb = new StringBuilder(mi.getName() + " at " + at + " next " + it.lookAhead());
        while (it.hasNext()) {
          int i = it.next();
          int op = it.byteAt(i);
          if (op >= Opcode.IRETURN && op <= Opcode.RETURN) {
            Bytecode end = new Bytecode(cp);
            end.addInvokestatic("java.lang.System", "nanoTime", "()J");
            end.addLload(slot);
            end.addOpcode(Opcode.LSUB);
            end.addLdc(mi.getName());
            end.addInvokestatic("dx.Timing", "record", "(JLjava/lang/String;)V");
            it.insert(i, end.get());
            sb.append(" ret@" + i + ">" + it.lookAhead());
          }
        }
        ca.setMaxStack(ca.computeMaxStack());
        sb.append(" max " + ca.getMaxStack() + " " + hex(ca.getCode()));
        tables(sb, ca);
        System.out.println(sb);
      }
      // (Frames once every method is edited: Javassist's adds the Class entries they name, which
      // would shift the indexes of the entries added after them.)
      for (Object o : cf.getMethods()) ((MethodInfo) o).rebuildStackMapIf6(pool, cf);
      cc.writeFile(args[1]);
      return;
    }
    if (pattern.equals("exceptions")) {
      for (Object o : cf.getMethods()) {
        MethodInfo mi = (MethodInfo) o;
        ExceptionsAttribute ea = mi.getExceptionsAttribute();
        if (ea == null) continue;
        StringBuilder sb = new StringBuilder(mi.getName() + " " + ea.getName() + " " + ea.tableLength() + " " + java.util.Arrays.toString(ea.getExceptions()) + " " + java.util.Arrays.toString(ea.getExceptionIndexes()));
        for (int i = 0; i < ea.tableLength(); i++) sb.append(" " + ea.getException(i));
        System.out.println(sb + " same " + (mi.getAttribute(ExceptionsAttribute.tag) != null));
      }
      ExceptionsAttribute fresh = new ExceptionsAttribute(cp);
      System.out.println("fresh " + fresh.tableLength() + " " + java.util.Arrays.toString(fresh.getExceptions()) + " " + java.util.Arrays.toString(fresh.getExceptionIndexes()));
      fresh.setExceptions(new String[] {"java.lang.IllegalStateException", "java.io.IOException"});
      System.out.println("fresh " + fresh.tableLength() + " " + java.util.Arrays.toString(fresh.getExceptions()) + " " + java.util.Arrays.toString(fresh.getExceptionIndexes()));
      MethodInfo parse = cf.getMethod("parse");
      parse.setExceptionsAttribute(fresh);
      MethodInfo risky = cf.getMethod("risky");
      risky.getExceptionsAttribute().setExceptions(new String[] {"java.lang.Exception"});
      ExceptionsAttribute built = new ExceptionsAttribute(cp);
      built.setExceptionIndexes(new int[] {cp.addClassInfo("java.lang.CloneNotSupportedException")});
      cf.getMethod("built").setExceptionsAttribute(built);
      for (String name : new String[] {"parse", "risky", "built", "grid", "cube"}) {
        MethodInfo mi = cf.getMethod(name);
        ExceptionsAttribute ea = mi.getExceptionsAttribute();
        System.out.println("set " + name + " " + (ea == null ? "null" : java.util.Arrays.toString(ea.getExceptions()) + " " + java.util.Arrays.toString(ea.getExceptionIndexes())));
      }
      risky.removeExceptionsAttribute();
      System.out.println("removed " + risky.getExceptionsAttribute());
      cc.writeFile(args[1]);
      ClassPool after = new ClassPool(true);
      after.insertClassPath(args[1]);
      for (String name : new String[] {"parse", "risky", "built", "grid"}) {
        StringBuilder sb = new StringBuilder("written " + name);
        for (CtClass t : after.get("dx.Calc").getDeclaredMethod(name).getExceptionTypes()) sb.append(" " + t.getName());
        System.out.println(sb);
      }
      return;
    }
    if (pattern.equals("mixedIndy")) {
      // The pool grows first (ConstPool.add*Info), then a snippet changes methods holding invokedynamic
      // (javac's string concatenation), then the bytes of those methods are edited.
      int record = cp.addMethodrefInfo(cp.addClassInfo("dx.Timing"), "record", "(JLjava/lang/String;)V");
      cc.getDeclaredMethod("concat").insertBefore("{ dx.Timing.record(1L, \"src\"); }");
      cc.getDeclaredMethod("checks").insertBefore("{ dx.Timing.record(3L, \"checks\"); }");
      for (String name : new String[] {"concat", "checks"}) {
        MethodInfo mi = cf.getMethod(name);
        CodeIterator it = mi.getCodeAttribute().iterator();
        Bytecode b = new Bytecode(cp);
        b.addLconst(2);
        b.addLdc("bytes-" + name);
        b.addOpcode(Opcode.INVOKESTATIC);
        b.addIndex(record);
        it.insert(b.get());
        mi.rebuildStackMapIf6(pool, cf);
        StringBuilder sb = new StringBuilder(name);
        for (it.begin(); it.hasNext(); ) {
          int i = it.next();
          int op = it.byteAt(i);
          if (op == Opcode.INVOKEDYNAMIC) {
            int r = it.u16bitAt(i + 1);
            sb.append(" indy " + cp.getInvokeDynamicBootstrap(r) + " " + cp.getUtf8Info(cp.getNameAndTypeName(cp.getInvokeDynamicNameAndType(r))) + cp.getInvokeDynamicType(r));
          } else if (op == Opcode.INVOKESTATIC && cp.getMethodrefName(it.u16bitAt(i + 1)).equals("record")) {
            sb.append(" record");
          }
        }
        System.out.println(sb);
      }
      cc.writeFile(args[1]);
      return;
    }
    if (pattern.equals("attributes")) {
      for (String className : new String[] {"dx.Calc", "dx.Frames"}) {
        ClassFile f = pool.get(className).getClassFile();
        StringBuilder sb = new StringBuilder(className);
        for (AttributeInfo a : f.getAttributes()) sb.append(" " + a.getName());
        System.out.println(sb);
        for (Object o : f.getFields()) {
          FieldInfo fi = (FieldInfo) o;
          sb = new StringBuilder("  field " + fi.getName());
          for (AttributeInfo a : fi.getAttributes()) sb.append(" " + a.getName());
          System.out.println(sb);
        }
        for (Object o : f.getMethods()) {
          MethodInfo mi = (MethodInfo) o;
          sb = new StringBuilder("  method " + mi.getName() + mi.getDescriptor());
          for (AttributeInfo a : mi.getAttributes()) sb.append(" " + a.getName());
          CodeAttribute ca = mi.getCodeAttribute();
          if (ca != null) {
            sb.append(" /");
            for (AttributeInfo a : ca.getAttributes()) sb.append(" " + a.getName());
          }
          System.out.println(sb);
          if (ca == null) continue;
          for (String tag : new String[] {LocalVariableAttribute.tag, LocalVariableAttribute.typeTag}) {
            LocalVariableAttribute lva = (LocalVariableAttribute) ca.getAttribute(tag);
            if (lva == null) continue;
            sb = new StringBuilder("    " + lva.getName() + " " + lva.getClass().getSimpleName());
            for (int i = 0; i < lva.tableLength(); i++) {
              sb.append(" " + lva.variableName(i) + "/" + lva.nameIndex(i) + "/" + lva.descriptorIndex(i) + "/" + lva.signatureIndex(i) + "/" + lva.descriptor(i) + "/" + lva.signature(i)
                  + "/" + lva.startPc(i) + "+" + lva.codeLength(i) + "@" + lva.index(i));
            }
            System.out.println(sb);
          }
        }
      }
      return;
    }
    if (pattern.equals("params")) {
      // Parameter annotations as scanners read them, then set: a new attribute added, a live one changed, one removed.
      for (String className : new String[] {"dx.Params", "dx.Params$Inner"}) {
        for (Object o : pool.get(className).getClassFile().getMethods()) {
          MethodInfo mi = (MethodInfo) o;
          for (String tag : new String[] {ParameterAnnotationsAttribute.visibleTag, ParameterAnnotationsAttribute.invisibleTag}) {
            ParameterAnnotationsAttribute pa = (ParameterAnnotationsAttribute) mi.getAttribute(tag);
            if (pa == null) continue;
            StringBuilder sb = new StringBuilder(className + "." + mi.getName() + mi.getDescriptor() + " " + pa.getName() + " " + pa.numParameters() + " [" + pa + "]");
            for (Annotation[] parameter : pa.getAnnotations()) {
              sb.append(" |");
              for (Annotation a : parameter) sb.append(" " + a.getTypeName() + a.getMemberNames());
            }
            System.out.println(sb);
          }
        }
      }
      CtClass params = pool.get("dx.Params");
      ClassFile pf = params.getClassFile();
      ConstPool pcp = pf.getConstPool();
      Annotation tagX = new Annotation("dx.Params$Tag", pcp);
      tagX.addMemberValue("value", new StringMemberValue("x", pcp));
      ParameterAnnotationsAttribute added = new ParameterAnnotationsAttribute(pcp, ParameterAnnotationsAttribute.visibleTag);
      added.setAnnotations(new Annotation[][] {{tagX}});
      pf.getMethod("none").addAttribute(added);
      Annotation tagY = new Annotation("dx.Params$Tag", pcp);
      tagY.addMemberValue("value", new StringMemberValue("y", pcp));
      ParameterAnnotationsAttribute live = (ParameterAnnotationsAttribute) pf.getMethod("m").getAttribute(ParameterAnnotationsAttribute.visibleTag);
      live.setAnnotations(new Annotation[][] {{}, {tagY}, {tagX, tagY}});
      pf.getMethod("m").removeAttribute(ParameterAnnotationsAttribute.invisibleTag);
      System.out.println("after " + added + " | " + pf.getMethod("m").getAttribute(ParameterAnnotationsAttribute.visibleTag) + " | " + pf.getMethod("m").getAttribute(ParameterAnnotationsAttribute.invisibleTag));
      // Every kind of element value, printed as Javassist prints it.
      Annotation all = new Annotation("dx.Params$Tag", pcp);
      all.addMemberValue("s", new StringMemberValue("q", pcp));
      all.addMemberValue("f", new FloatMemberValue(1.0f, pcp));
      all.addMemberValue("g", new FloatMemberValue(1.0e10f, pcp));
      all.addMemberValue("d", new DoubleMemberValue(0.1, pcp));
      all.addMemberValue("e", new DoubleMemberValue(2.5e-5, pcp));
      all.addMemberValue("j", new LongMemberValue(5L, pcp));
      all.addMemberValue("c", new CharMemberValue('z', pcp));
      all.addMemberValue("b", new ByteMemberValue((byte) 3, pcp));
      all.addMemberValue("h", new ShortMemberValue((short) 4, pcp));
      all.addMemberValue("z", new BooleanMemberValue(true, pcp));
      all.addMemberValue("k", new ClassMemberValue("java.util.Map$Entry", pcp));
      EnumMemberValue policy = new EnumMemberValue(pcp);
      policy.setType("java.lang.annotation.RetentionPolicy");
      policy.setValue("RUNTIME");
      all.addMemberValue("p", policy);
      ArrayMemberValue array = new ArrayMemberValue(pcp);
      array.setValue(new MemberValue[] {new IntegerMemberValue(pcp, 1), new StringMemberValue("w", pcp)});
      all.addMemberValue("a", array);
      all.addMemberValue("n", new AnnotationMemberValue(tagY, pcp));
      System.out.println("all " + all);
      params.writeFile(args[1]);
      return;
    }
    if (pattern.equals("small")) {
      // ConstantValue, SourceFile, InnerClasses, EnclosingMethod, Deprecated and AnnotationDefault as scanners read them.
      String[] classes = args[3].split(",");
      for (String className : classes) {
        ClassFile f = pool.get(className).getClassFile();
        ConstPool p = f.getConstPool();
        SourceFileAttribute sf = (SourceFileAttribute) f.getAttribute(SourceFileAttribute.tag);
        StringBuilder sb = new StringBuilder(className + " source " + (sf == null ? null : sf.getFileName()) + " deprecated " + (f.getAttribute(DeprecatedAttribute.tag) != null));
        InnerClassesAttribute ic = (InnerClassesAttribute) f.getAttribute(InnerClassesAttribute.tag);
        if (ic != null) {
          for (int i = 0; i < ic.tableLength(); i++) {
            sb.append(" | " + ic.innerClassIndex(i) + " " + ic.innerClass(i) + " " + ic.outerClassIndex(i) + " " + ic.outerClass(i) + " " + ic.innerNameIndex(i) + " " + ic.innerName(i) + " " + ic.accessFlags(i) + " " + ic.find(ic.innerClass(i)));
          }
          sb.append(" find " + ic.find("nope"));
        }
        EnclosingMethodAttribute em = (EnclosingMethodAttribute) f.getAttribute(EnclosingMethodAttribute.tag);
        // (Javassist 3.27's methodDescriptor() throws NullPointerException outside a method: not asked then.)
        if (em != null) sb.append(" enclosing " + em.classIndex() + " " + em.methodIndex() + " " + em.className() + " " + em.methodName() + " " + (em.methodIndex() == 0 ? "-" : em.methodDescriptor()));
        NestHostAttribute host = (NestHostAttribute) f.getAttribute(NestHostAttribute.tag);
        if (host != null) sb.append(" host " + host.hostClassIndex() + " " + p.getClassInfo(host.hostClassIndex()));
        NestMembersAttribute members = (NestMembersAttribute) f.getAttribute(NestMembersAttribute.tag);
        if (members != null) {
          sb.append(" members " + members.numberOfClasses());
          for (int i = 0; i < members.numberOfClasses(); i++) sb.append(" " + members.memberClass(i) + "=" + p.getClassInfo(members.memberClass(i)));
        }
        System.out.println(sb);
        for (Object o : f.getFields()) {
          FieldInfo fi = (FieldInfo) o;
          ConstantAttribute ca = (ConstantAttribute) fi.getAttribute(ConstantAttribute.tag);
          System.out.println("  field " + fi.getName() + " " + fi.getConstantValue() + " " + (ca == null ? "none" : ca.getConstantValue() + "=" + p.getLdcValue(ca.getConstantValue())) + " deprecated " + (fi.getAttribute(DeprecatedAttribute.tag) != null));
        }
        for (Object o : f.getMethods()) {
          MethodInfo mi = (MethodInfo) o;
          AnnotationDefaultAttribute ad = (AnnotationDefaultAttribute) mi.getAttribute(AnnotationDefaultAttribute.tag);
          if (ad != null || mi.getAttribute(DeprecatedAttribute.tag) != null) {
            System.out.println("  method " + mi.getName() + " default " + (ad == null ? null : ad + " " + ad.getDefaultValue().getClass().getSimpleName()) + " deprecated " + (mi.getAttribute(DeprecatedAttribute.tag) != null));
          }
        }
      }
      return;
    }
    if (pattern.equals("printer")) {
      // InstructionPrinter over every method; constructors through instructionString.
      for (String className : args[3].split(",")) {
        CtClass c = pool.get(className);
        for (CtMethod m : c.getDeclaredMethods()) {
          System.out.println("== " + className + "." + m.getName() + m.getSignature());
          InstructionPrinter.print(m, System.out);
        }
        for (CtConstructor k : c.getDeclaredConstructors()) {
          System.out.println("== " + className + ".<init>" + k.getSignature());
          CodeIterator it = k.getMethodInfo2().getCodeAttribute().iterator();
          while (it.hasNext()) {
            int pos = it.next();
            System.out.println(pos + ": " + InstructionPrinter.instructionString(it, pos, k.getMethodInfo2().getConstPool()));
          }
        }
      }
      return;
    }
    if (pattern.equals("hierarchy")) {
      CtClass plain = pool.get("dx.Plain");
      ClassFile pf = plain.getClassFile();
      pf.addInterface("java.io.Serializable");
      pf.addInterface("java.lang.Cloneable");
      System.out.println("added " + java.util.Arrays.toString(pf.getInterfaces()) + " " + plain.getInterfaces().length);
      pf.setInterfaces(null);
      System.out.println("null " + java.util.Arrays.toString(pf.getInterfaces()));
      pf.setInterfaces(new String[] {"java.lang.Cloneable"});
      System.out.println("set " + java.util.Arrays.toString(pf.getInterfaces()));
      pf.setSuperclass("dx.Timing");
      System.out.println("super " + pf.getSuperclass() + " " + plain.getSuperclass().getName());
      plain.writeFile(args[1]);
      ClassPool after = new ClassPool(true);
      after.insertClassPath(args[1]);
      after.appendClassPath(args[0]);
      CtClass written = after.get("dx.Plain");
      StringBuilder sb = new StringBuilder("written " + written.getSuperclass().getName());
      for (CtClass i : written.getInterfaces()) sb.append(" " + i.getName());
      MethodInfo init = written.getClassFile().getMethod("<init>");
      CodeIterator it = init.getCodeAttribute().iterator();
      while (it.hasNext()) {
        int i = it.next();
        if (it.byteAt(i) == Opcode.INVOKESPECIAL) sb.append(" calls " + init.getConstPool().getMethodrefClassName(it.u16bitAt(i + 1)));
      }
      System.out.println(sb);
      return;
    }
    if (pattern.equals("rename")) {
      CtClass plain = pool.get("dx.Plain");
      ClassFile pf = plain.getClassFile();
      MethodInfo max = pf.getMethod("max");
      max.removeCodeAttribute();
      max.setAccessFlags(AccessFlag.PUBLIC | AccessFlag.STATIC | AccessFlag.NATIVE);
      System.out.println("removed " + (max.getCodeAttribute() == null) + " " + Modifier.toString(plain.getDeclaredMethod("max").getModifiers()));
      java.util.Map<String, String> map = new java.util.HashMap<>();
      map.put("java.lang.StringBuilder", "java.lang.StringBuffer");
      pf.renameClass(map);
      pf.renameClass("dx.Plain", "dx.Plain3");
      System.out.println("renamed " + pf.getName());
      pf.setName("dx.Plain2");
      // (Javassist's CtClass keeps its old name, and writeFile its old file name: the bytes are written here.)
      System.out.println("named " + pf.getName());
      byte[] bytes = plain.toBytecode();
      java.nio.file.Files.createDirectories(java.nio.file.Paths.get(args[1], "dx"));
      java.nio.file.Files.write(java.nio.file.Paths.get(args[1], "dx", "Plain2.class"), bytes);
      CtClass written = new ClassPool(true).makeClass(new java.io.ByteArrayInputStream(bytes));
      System.out.println("written " + new java.util.TreeSet<>(written.getClassFile().getConstPool().getClassNames()) + " " + Modifier.toString(written.getDeclaredMethod("max").getModifiers()));
      return;
    }
    if (pattern.equals("misc")) {
      System.out.println("this " + cp.getThisClassInfo() + " " + cp.getClassInfo(cp.getThisClassInfo()));
      System.out.println("classes " + new java.util.TreeSet<>(cp.getClassNames()));
      for (int i = 1; i < cp.getSize(); i++) {
        int tag = cp.getTag(i);
        if (tag != ConstPool.CONST_Fieldref && tag != ConstPool.CONST_Methodref && tag != ConstPool.CONST_InterfaceMethodref) continue;
        System.out.println("member " + i + " " + cp.isMember("dx.Calc", "value", i) + " " + cp.isConstructor("dx.Calc", i) + " " + cp.isConstructor("java.lang.Object", i)
            + " " + cp.isMember("java.util.List", "of", i) + " " + cp.eqMember("value", "I", i) + " " + cp.eqMember("<init>", "()V", i) + " " + cp.eqMember("size", "()I", i)
            // The getMethodref* and getInterfaceMethodref* getters take any member reference.
            + " " + cp.getMethodrefClassName(i) + "." + cp.getMethodrefName(i) + cp.getMethodrefType(i) + " " + cp.getInterfaceMethodrefClass(i) + " " + cp.getInterfaceMethodrefName(i) + cp.getInterfaceMethodrefType(i));
      }
      // Marks move with gaps as the iterator's position does.
      CodeIterator it0 = cf.getMethod("guarded").getCodeAttribute().iterator();
      java.util.List<Integer> starts = new java.util.ArrayList<>();
      while (it0.hasNext()) starts.add(it0.next());
      for (int pos : starts) {
        for (int at : new int[] {pos - 1, pos, pos + 1}) {
          ClassPool p = new ClassPool(true);
          p.insertClassPath(args[0]);
          CodeIterator it = p.get("dx.Calc").getClassFile().getMethod("guarded").getCodeAttribute().iterator();
          it.setMark(at);
          it.setMark2(at + 1);
          int g1 = it.insertGap(pos, 2);
          String first = it.getMark() + "," + it.getMark2();
          it.setMark(pos);
          it.setMark2(pos);
          int g2 = it.insertExGap(pos, 1);
          System.out.println("marks " + pos + " " + at + " " + g1 + " " + first + " " + g2 + " " + it.getMark() + "," + it.getMark2());
        }
      }
      // (Module and Package entries belong in module-info classes: this class is read back, never loaded.)
      int module = cp.addModuleInfo(cp.addUtf8Info("my.module"));
      int pkg = cp.addPackageInfo(cp.addUtf8Info("my/pkg"));
      System.out.println("module " + module + " " + cp.addModuleInfo(cp.addUtf8Info("my.module")) + " " + cp.getTag(module) + " " + cp.getModuleInfo(module)
          + " package " + pkg + " " + cp.getTag(pkg) + " " + cp.getPackageInfo(pkg));
      byte[] raw = new byte[8];
      ByteArray.write16bit(0xfedc, raw, 0);
      ByteArray.write32bit(0x89abcdef, raw, 2);
      System.out.println("bytearray " + hex(raw) + " " + ByteArray.readU16bit(raw, 0) + " " + ByteArray.readS16bit(raw, 0) + " " + ByteArray.read32bit(raw, 2) + " " + ByteArray.readS16bit(raw, 4));
      Bytecode rb = new Bytecode(cp);
      rb.add32bit(0x89abcdef);
      rb.add32bit(0x01020304);
      System.out.println("read32bit " + rb.read32bit(0) + " " + rb.read32bit(2) + " " + rb.read32bit(4));
      for (String d : new String[] {"I", "[[Ljava/lang/String;", "[J", "(I[[JLjava/lang/Object;D)[Ljava/util/List;", "()V", "(JD)J"}) {
        StringBuilder sb = new StringBuilder("descriptor " + d + " " + Descriptor.arrayDimension(d) + " " + Descriptor.toArrayComponent(d, Descriptor.arrayDimension(d)));
        Descriptor.Iterator di = new Descriptor.Iterator(d);
        while (di.hasNext()) {
          int at = di.next();
          sb.append(" " + at + di.currentChar() + (di.isParameter() ? "p" : "") + (di.is2byte() ? "2" : ""));
        }
        System.out.println(sb);
      }
      MethodInfo parse = cf.getMethod("parse");
      parse.setName("parseRenamed");
      parse.setDescriptor("(Ljava/lang/CharSequence;)I");
      System.out.println("renamed " + parse + " " + cf.getMethod("parseRenamed") + " " + cf.getMethod("parse"));
      cc.writeFile(args[1]);
      ClassPool after = new ClassPool(true);
      after.insertClassPath(args[1]);
      java.util.List<String> names = new java.util.ArrayList<>();
      for (CtMethod m : after.get("dx.Calc").getDeclaredMethods()) names.add(m.getName() + m.getSignature());
      java.util.Collections.sort(names);
      System.out.println("written " + names);
      return;
    }
    if (pattern.equals("frames")) {
      // Each method's StackMapTable as javac wrote it: printed (Javassist's Printer) and walked.
      System.out.println("tags " + StackMapTable.TOP + StackMapTable.INTEGER + StackMapTable.FLOAT + StackMapTable.DOUBLE + StackMapTable.LONG + StackMapTable.NULL + StackMapTable.THIS + StackMapTable.OBJECT + StackMapTable.UNINIT);
      StringBuilder tags = new StringBuilder("typeTagOf");
      for (char c : "DFJL[IZBCSV".toCharArray()) tags.append(" " + StackMapTable.typeTagOf(c));
      System.out.println(tags);
      for (String className : new String[] {"dx.Calc", "dx.Frames"}) {
        for (Object o : pool.get(className).getClassFile().getMethods()) {
          MethodInfo mi = (MethodInfo) o;
          StackMapTable smt = (StackMapTable) mi.getCodeAttribute().getAttribute(StackMapTable.tag);
          if (smt == null) {
            System.out.println(className + "." + mi.getName() + mi.getDescriptor() + " none");
            continue;
          }
          StringBuilder sb = new StringBuilder(className + "." + mi.getName() + mi.getDescriptor() + " " + smt.getName() + " " + smt.length() + " " + new StackMapTable.Walker(smt).size() + " " + hex(smt.get()));
          new Recorder(smt.get(), sb).parse();
          System.out.println(sb);
          smt.println(System.out);
        }
      }
      // New code has no frames until rebuildStackMapIf6.
      Bytecode nb = new Bytecode(cp, 0, 2);
      nb.addIconst(1);
      nb.addOpcode(Opcode.IRETURN);
      CodeAttribute fresh = nb.toCodeAttribute();
      System.out.println("new code " + fresh.getAttribute(StackMapTable.tag));
      return;
    }
    if (pattern.equals("bootstrap")) {
      // A class without bootstrap methods (javac -XDstringConcat=inline) gets two: string
      // concatenation for an invokedynamic, ConstantBootstraps.getStaticFinal for a dynamic constant.
      CtClass plain = pool.get("dx.Plain");
      ClassFile pf = plain.getClassFile();
      ConstPool pcp = pf.getConstPool();
      System.out.println("plain before " + (pf.getAttribute(BootstrapMethodsAttribute.tag) == null));
      int concatFactory = pcp.addMethodrefInfo(pcp.addClassInfo("java.lang.invoke.StringConcatFactory"), "makeConcatWithConstants",
          "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;Ljava/lang/String;[Ljava/lang/Object;)Ljava/lang/invoke/CallSite;");
      int getStaticFinal = pcp.addMethodrefInfo(pcp.addClassInfo("java.lang.invoke.ConstantBootstraps"), "getStaticFinal",
          "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;Ljava/lang/Class;)Ljava/lang/Object;");
      BootstrapMethodsAttribute.BootstrapMethod[] methods = {
        new BootstrapMethodsAttribute.BootstrapMethod(pcp.addMethodHandleInfo(ConstPool.REF_invokeStatic, concatFactory), new int[] {pcp.addStringInfo("\u0001-\u0001")}),
        new BootstrapMethodsAttribute.BootstrapMethod(pcp.addMethodHandleInfo(ConstPool.REF_invokeStatic, getStaticFinal), new int[] {pcp.addClassInfo("java.lang.Integer")}),
      };
      pf.addAttribute(new BootstrapMethodsAttribute(pcp, methods));
      Bytecode hb = new Bytecode(pcp, 0, 2);
      hb.addAload(0);
      hb.addIload(1);
      hb.addInvokedynamic(0, "makeConcatWithConstants", "(Ljava/lang/String;I)Ljava/lang/String;");
      hb.addOpcode(Opcode.ARETURN);
      MethodInfo hello = pf.getMethod("hello");
      hello.setCodeAttribute(hb.toCodeAttribute());
      Bytecode mb = new Bytecode(pcp, 0, 0);
      mb.addLdc(pcp.addDynamicInfo(1, pcp.addNameAndTypeInfo("MAX_VALUE", "I")));
      mb.addOpcode(Opcode.IRETURN);
      MethodInfo max = pf.getMethod("max");
      max.setCodeAttribute(mb.toCodeAttribute());
      hello.rebuildStackMapIf6(pool, pf);
      max.rebuildStackMapIf6(pool, pf);
      for (BootstrapMethodsAttribute.BootstrapMethod m : ((BootstrapMethodsAttribute) pf.getAttribute(BootstrapMethodsAttribute.tag)).getMethods()) {
        System.out.println("plain bootstrap " + m.methodRef + " " + java.util.Arrays.toString(m.arguments) + " " + pcp.getMethodHandleKind(m.methodRef) + " " + pcp.getMethodrefName(pcp.getMethodHandleIndex(m.methodRef)));
      }
      System.out.println("hello " + hex(hello.getCodeAttribute().getCode()));
      System.out.println("max " + hex(max.getCodeAttribute().getCode()));
      System.out.println("plain pool " + pcp.getSize());
      plain.writeFile(args[1]);

      // javac's table read, one bootstrap method appended and used by dyn.
      BootstrapMethodsAttribute javacTable = (BootstrapMethodsAttribute) cf.getAttribute(BootstrapMethodsAttribute.tag);
      java.util.List<BootstrapMethodsAttribute.BootstrapMethod> all = new java.util.ArrayList<>(java.util.Arrays.asList(javacTable.getMethods()));
      for (BootstrapMethodsAttribute.BootstrapMethod m : all) System.out.println("calc bootstrap " + m.methodRef + " " + java.util.Arrays.toString(m.arguments));
      all.add(new BootstrapMethodsAttribute.BootstrapMethod(all.get(0).methodRef, new int[] {cp.addStringInfo("<\u0001|\u0001>")}));
      cf.addAttribute(new BootstrapMethodsAttribute(cp, all.toArray(new BootstrapMethodsAttribute.BootstrapMethod[0])));
      Bytecode db = new Bytecode(cp, 0, 3);
      db.addAload(1);
      db.addIload(2);
      db.addInvokedynamic(all.size() - 1, "makeConcatWithConstants", "(Ljava/lang/String;I)Ljava/lang/String;");
      db.addOpcode(Opcode.ARETURN);
      MethodInfo dyn = cf.getMethod("dyn");
      dyn.setCodeAttribute(db.toCodeAttribute());
      dyn.rebuildStackMapIf6(pool, cf);
      System.out.println("calc bootstraps " + ((BootstrapMethodsAttribute) cf.getAttribute(BootstrapMethodsAttribute.tag)).getMethods().length);
      System.out.println("dyn " + hex(dyn.getCodeAttribute().getCode()));
      cc.writeFile(args[1]);
      return;
    }
    if (pattern.equals("handlers")) {
      // Every kind of insertion before every instruction (and at the end) of the methods with exception handlers.
      String[] methods = args[3].split(",");
      for (String m : methods) {
        ClassPool p0 = new ClassPool(true);
        p0.insertClassPath(args[0]);
        CodeIterator it0 = p0.get("dx.Calc").getClassFile().getMethod(m).getCodeAttribute().iterator();
        java.util.List<Integer> starts = new java.util.ArrayList<>();
        while (it0.hasNext()) starts.add(it0.next());
        starts.add(it0.getCodeLength());
        for (int pos : starts) {
          for (int kind = 0; kind < 6; kind++) {
            ClassPool p = new ClassPool(true);
            p.insertClassPath(args[0]);
            CtClass c = p.get("dx.Calc");
            MethodInfo mi = c.getClassFile().getMethod(m);
            CodeAttribute ca = mi.getCodeAttribute();
            CodeIterator it = ca.iterator();
            byte[] two = {(byte) Opcode.ICONST_0, (byte) Opcode.POP};
            String r;
            if (kind == 0) { it.insert(pos, two); r = "insert(pos)"; }
            else if (kind == 1) { it.insertEx(pos, two); r = "insertEx(pos)"; }
            else if (kind == 2) { r = "insertGap(pos) " + it.insertGap(pos, 3); }
            else if (kind == 3) { r = "insertExGap(pos) " + it.insertExGap(pos, 5); }
            else if (kind == 4) { it.move(pos); r = "insert " + it.insert(two) + " look " + it.lookAhead(); }
            else { it.move(pos); r = "insertEx " + it.insertEx(two) + " look " + it.lookAhead(); }
            StringBuilder sb = new StringBuilder(m + " " + pos + " " + r + " " + hex(ca.getCode()));
            tables(sb, ca);
            System.out.println(sb);
            // (Code inserted after the last instruction would run off the end of code[]: not run.)
            if ((kind == 0 || kind == 1 || kind == 3) && pos < it0.getCodeLength()) {
              // iconst_0 at a handler's start is one more than the exception on the stack.
              ca.setMaxStack(ca.getMaxStack() + 1);
              mi.rebuildStackMapIf6(p, c.getClassFile());
              c.writeFile(args[1] + "/" + m + "-" + pos + "-" + kind);
            }
          }
        }
      }
    }
  }
}
