// Javassist 3.27 side of test/source-javassist-bytecode.test.ts: the three low-level edits real
// users make (after Javassist's tutorial §5 and Hibernate's bytecode enhancer), printed step by step.
//   java -cp javassist.jar:. JavassistBytecode <classes> <out> <pattern: body|enter|accessor>
// Prints what the TypeScript twin prints: each edited method's code[] as hex, its exception table
// and line numbers; then writes the classes under <out>.
import javassist.*;
import javassist.bytecode.*;

public class JavassistBytecode {
  public static void main(String[] args) throws Exception {
    if (args[2].equals("wide")) {
      wide(args[0], args[3], args[4].split(","), java.util.Arrays.asList(args[5].split(",")));
      return;
    }
    if (args[2].equals("library")) {
      library(args[0], args[1], java.nio.file.Files.readAllLines(java.nio.file.Paths.get(args[3])));
      return;
    }
    if (args[2].equals("load")) {
      // Links (so verifies) and initializes each class named in args[3], as found on the class path.
      int loaded = 0;
      for (String name : java.nio.file.Files.readAllLines(java.nio.file.Paths.get(args[3]))) {
        Class.forName(name, true, JavassistBytecode.class.getClassLoader());
        loaded++;
      }
      System.out.println("loaded " + loaded);
      return;
    }
    ClassPool pool = new ClassPool(true);
    pool.insertClassPath(args[0]);
    CtClass cc = pool.get("bc.Account");
    ClassFile cf = cc.getClassFile();
    ConstPool cp = cf.getConstPool();
    String pattern = args[2];
    if (pattern.equals("ops")) {
      bytecodeOps(args[0]);
      return;
    }
    if (pattern.equals("gaps")) {
      gaps(args[0]);
      return;
    }
    if (pattern.equals("wrap")) {
      // (9) A catch-all appended to int methods: handler code with CodeIterator.append, its entry with ExceptionTable.add.
      for (String name : new String[] {"twice", "readBalance", "loop", "safeDiv"}) {
        MethodInfo mi = cf.getMethod(name);
        CodeAttribute ca = mi.getCodeAttribute();
        CodeIterator it = ca.iterator();
        int end = it.getCodeLength();
        Bytecode h = new Bytecode(cp);
        h.addOpcode(Opcode.POP);
        h.addIconst(-1);
        h.addOpcode(Opcode.IRETURN);
        int handler = it.append(h.get());
        ca.getExceptionTable().add(0, end, handler, cp.addClassInfo("java.lang.RuntimeException"));
        System.out.println(name + " handler at " + handler + " entries " + ca.getExceptionTable().size());
        mi.rebuildStackMapIf6(pool, cf);
        print(name, mi);
      }
      cc.writeFile(args[1]);
      return;
    }
    if (pattern.equals("mixed")) {
      // (6) Snippets after the pool got an entry, then a byte-level walk of the same methods.
      int enter = cp.addMethodrefInfo(cp.addClassInfo("bc.Trace"), "enter", "(Ljava/lang/String;)V");
      cc.getDeclaredMethod("twice").insertBefore("{ bc.Trace.enter(\"src-\" + owner); }");
      cc.getDeclaredMethod("loop").insertBefore("{ bc.Trace.enter(\"loop-\" + $1 + \"-\" + balance); }");
      for (String name : new String[] {"twice", "loop", "describe"}) {
        MethodInfo mi = cf.getMethod(name);
        CodeIterator it = mi.getCodeAttribute().iterator();
        int reads = 0;
        int enters = 0;
        while (it.hasNext()) {
          int index = it.next();
          int op = it.byteAt(index);
          if (op == Opcode.GETFIELD && cp.getFieldrefName(it.u16bitAt(index + 1)).equals("owner")) reads++;
          if (op == Opcode.INVOKESTATIC && cp.getMethodrefName(it.u16bitAt(index + 1)).equals("enter")) enters++;
        }
        System.out.println(name + " owner reads " + reads + " enter calls " + enters);
        Bytecode b = new Bytecode(cp);
        // ldc_w even for a small index: ASM would write ldc, so the offsets are this code's own.
        b.addOpcode(Opcode.LDC_W);
        b.addIndex(cp.addStringInfo("bytes-" + name));
        b.add(Opcode.INVOKESTATIC);
        b.addIndex(enter);
        it.begin();
        it.insert(b.get());
        mi.rebuildStackMapIf6(pool, cf);
        StringBuilder lines = new StringBuilder(name + " lines");
        for (it.begin(); it.hasNext(); ) {
          int index = it.next();
          lines.append(' ').append(index).append(':').append(mi.getLineNumber(index));
        }
        // Only where no snippet changed the code: the two compilers compile snippets differently.
        if (name.equals("describe")) System.out.println(lines);
      }
      cc.writeFile(args[1]);
      return;
    }
    if (pattern.equals("body")) {
      // (1) A new body built with Bytecode: return balance * 3 + owner.length(), and a try/catch.
      MethodInfo computed = cf.getMethod("computed");
      Bytecode b = new Bytecode(cp, 0, 1);
      b.addAload(0);
      b.addGetfield(cc, "balance", "I");
      b.addIconst(3);
      b.addOpcode(Opcode.IMUL);
      b.addAload(0);
      b.addGetfield("bc.Account", "owner", "Ljava/lang/String;");
      b.addInvokevirtual("java.lang.String", "length", "()I");
      b.addOpcode(Opcode.IADD);
      b.addIconst(100000);
      b.addOpcode(Opcode.IADD);
      b.addReturn(CtClass.intType);
      System.out.println("maxStack " + b.getMaxStack() + " length " + b.length());
      computed.setCodeAttribute(b.toCodeAttribute());
      computed.rebuildStackMapIf6(pool, cf);
      print("computed", computed);
      MethodInfo parse = cf.getMethod("parse");
      Bytecode p = new Bytecode(cp, 0, 2);
      int start = p.currentPc();
      p.addAload(1);
      p.addInvokestatic("java.lang.Integer", "parseInt", "(Ljava/lang/String;)I");
      p.addOpcode(Opcode.IRETURN);
      int end = p.currentPc();
      p.addAstore(1);
      p.addIconst(-1);
      p.addOpcode(Opcode.IRETURN);
      p.addExceptionHandler(start, end, end, "java.lang.NumberFormatException");
      System.out.println("maxStack " + p.getMaxStack() + " maxLocals " + p.getMaxLocals());
      parse.setCodeAttribute(p.toCodeAttribute());
      parse.rebuildStackMapIf6(pool, cf);
      print("parse", parse);
      // A new method (Javassist's tutorial §5.2): MethodInfo, code from Bytecode, ClassFile.addMethod.
      MethodInfo sum = new MethodInfo(cp, "sum", "(II)I");
      sum.setAccessFlags(AccessFlag.PUBLIC);
      Bytecode s = new Bytecode(cp, 0, 3);
      s.addIload(1);
      s.addIload(2);
      s.addOpcode(Opcode.IADD);
      s.addAload(0);
      s.addGetfield(cc, "balance", "I");
      s.addOpcode(Opcode.IADD);
      s.addReturn(CtClass.intType);
      sum.setCodeAttribute(s.toCodeAttribute());
      cf.addMethod(sum);
      print("sum", sum);
      System.out.println("sum " + cc.getDeclaredMethod("sum").getSignature() + " " + Modifier.toString(cc.getDeclaredMethod("sum").getModifiers()));
    } else if (pattern.equals("enter")) {
      // (2) Trace.enter("<name>") at the start of every method, after super(…) in constructors.
      for (Object o : cf.getMethods()) {
        MethodInfo mi = (MethodInfo) o;
        if (mi.getCodeAttribute() == null || mi.getName().equals("<clinit>")) continue;
        Bytecode b = new Bytecode(cp);
        b.addLdc(mi.getName());
        b.addInvokestatic("bc.Trace", "enter", "(Ljava/lang/String;)V");
        CodeAttribute ca = mi.getCodeAttribute();
        CodeIterator it = ca.iterator();
        if (mi.isConstructor()) System.out.println(mi.getName() + " super call at " + it.skipSuperConstructor());
        int at = it.insert(b.get());
        System.out.println(mi.getName() + " inserted at " + at + " next " + it.lookAhead());
        ca.setMaxStack(ca.computeMaxStack());
        System.out.println(mi.getName() + " maxStack " + ca.getMaxStack() + " maxLocals " + ca.getMaxLocals());
        mi.rebuildStackMapIf6(pool, cf);
        print(mi.getName(), mi);
      }
    } else {
      // (3) Hibernate-style: each read of owner becomes invokevirtual $$_read_owner() (same length,
      // written over), each read of balance invokeinterface Balanced.readBalance() (5 bytes: a gap).
      cc.addMethod(CtNewMethod.make("public String $$_read_owner() { return \"[\" + owner + \"]\"; }", cc));
      int ownerReader = cp.addMethodrefInfo(cp.addClassInfo(cc), "$$_read_owner", "()Ljava/lang/String;");
      int balanceReader = cp.addInterfaceMethodrefInfo(cp.addClassInfo("bc.Balanced"), "readBalance", "()I");
      for (Object o : cf.getMethods()) {
        MethodInfo mi = (MethodInfo) o;
        String name = mi.getName();
        if (mi.getCodeAttribute() == null || name.startsWith("$$_") || name.equals("readBalance") || mi.isConstructor()) continue;
        CodeAttribute ca = mi.getCodeAttribute();
        CodeIterator it = ca.iterator();
        boolean changed = false;
        while (it.hasNext()) {
          int index = it.next();
          if (it.byteAt(index) != Opcode.GETFIELD) continue;
          int ref = it.u16bitAt(index + 1);
          String field = cp.getFieldrefName(ref);
          if (field.equals("owner")) {
            it.writeByte(Opcode.INVOKEVIRTUAL, index);
            it.write16bit(ownerReader, index + 1);
            changed = true;
          } else if (field.equals("balance")) {
            int gap = it.insertGap(index, 2);
            it.writeByte(Opcode.INVOKEINTERFACE, index);
            it.write16bit(balanceReader, index + 1);
            it.writeByte(1, index + 3);
            it.writeByte(0, index + 4);
            // A switch after `index` makes the gap a multiple of 4: the rest of the old getfield becomes nops.
            for (int i = index + 5; i < index + gap + 3; i++) it.writeByte(Opcode.NOP, i);
            System.out.println(name + " gap " + gap + " at " + index);
            changed = true;
          }
        }
        if (!changed) continue;
        ca.setMaxStack(ca.computeMaxStack());
        mi.rebuildStackMapIf6(pool, cf);
        // The pool indexes of the two sides differ here (the accessor's compiled code added entries
        // of each compiler's choosing), so code[] is printed with its references resolved.
        System.out.println(name + " ops" + ops(mi));
        printTables(name, mi);
      }
    }
    cc.writeFile(args[1]);
  }

  static Bytecode b;

  static void line(String what) {
    StringBuilder hex = new StringBuilder();
    for (byte x : b.get()) hex.append(String.format("%02x", x & 0xff));
    System.out.println(what + " " + hex + " depth " + b.getStackDepth() + " max " + b.getMaxStack() + " locals " + b.getMaxLocals());
    b = new Bytecode(b.getConstPool(), 0, 0);
  }

  /** (5) Each Bytecode.add* alone: its bytes (pool indexes included), stack depth, max_stack and max_locals. */
  static void bytecodeOps(String classes) throws Exception {
    ClassPool pool = new ClassPool(true);
    pool.insertClassPath(classes);
    CtClass cc = pool.get("bc.Account");
    ConstPool cp = cc.getClassFile().getConstPool();
    b = new Bytecode(cp, 0, 0);
    int[] ints = {-2, -1, 0, 5, 6, 127, 128, -128, -129, 32767, 32768, -32768, -32769, 100000, Integer.MIN_VALUE};
    for (int v : ints) { b.addIconst(v); line("iconst " + v); }
    long[] longs = {0, 1, 2, -1, 1L << 40};
    for (long v : longs) { b.addLconst(v); line("lconst " + v); }
    float[] floats = {0f, 1f, 2f, 3f, -0f, 0.5f};
    for (float v : floats) { b.addFconst(v); line("fconst " + v); }
    double[] doubles = {0d, 1d, 2d, -0d, 0.25d};
    for (double v : doubles) { b.addDconst(v); line("dconst " + v); }
    for (int n : new int[] {0, 3, 4, 255, 256, 1000}) {
      b.addAload(n); line("aload " + n); b.addIload(n); line("iload " + n); b.addLload(n); line("lload " + n);
      b.addFload(n); line("fload " + n); b.addDload(n); line("dload " + n);
      b.addAstore(n); line("astore " + n); b.addIstore(n); line("istore " + n); b.addLstore(n); line("lstore " + n);
      b.addFstore(n); line("fstore " + n); b.addDstore(n); line("dstore " + n);
    }
    CtClass[] types = {CtClass.booleanType, CtClass.byteType, CtClass.charType, CtClass.shortType, CtClass.intType, CtClass.longType, CtClass.floatType, CtClass.doubleType, pool.get("java.lang.String"), pool.get("int[]")};
    for (CtClass t : types) {
      System.out.println("load " + t.getName() + " " + b.addLoad(2, t)); line("load");
      System.out.println("store " + t.getName() + " " + b.addStore(5, t)); line("store");
      b.addReturn(t); line("return " + t.getName());
      b.addConstZero(t); line("zero " + t.getName());
    }
    b.addReturn(null); line("return null");
    b.addReturn(CtClass.voidType); line("return void");
    System.out.println("params " + b.addLoadParameters(types, 1)); line("params");
    b.addLdc("hello"); line("ldc hello");
    b.addLdc("acct-"); line("ldc acct-");
    for (int i = 0; i < 300; i++) b.addLdc("s" + i);
    line("ldc many");
    b.addLdc2w(5L); line("ldc2w long");
    b.addLdc2w(2.5d); line("ldc2w double");
    b.addNew(cc); line("new cc"); b.addNew("java.lang.StringBuilder"); line("new sb");
    b.addCheckcast("java.lang.String"); line("checkcast");
    b.addCheckcast(pool.get("java.lang.String[]")); line("checkcast array");
    b.addInstanceof("bc.Balanced"); line("instanceof");
    b.addAnewarray("java.lang.Object"); line("anewarray");
    b.addAnewarray(pool.get("int[]"), 3); line("anewarray int[] 3");
    b.addNewarray(Bytecode.T_INT, 4); line("newarray");
    b.addGetfield(cc, "balance", "I"); line("getfield");
    b.addPutfield(cc, "balance", "I"); line("putfield");
    b.addGetstatic("java.lang.System", "out", "Ljava/io/PrintStream;"); line("getstatic");
    b.addPutstatic("bc.X", "l", "J"); line("putstatic long");
    b.addGetfield("bc.X", "d", "D"); line("getfield double");
    b.addInvokevirtual("java.io.PrintStream", "println", "(Ljava/lang/String;)V"); line("invokevirtual");
    b.addInvokevirtual(cc, "m", "(J[DLjava/lang/String;[[I)D"); line("invokevirtual complex");
    b.addInvokestatic("java.lang.Math", "max", "(JJ)J"); line("invokestatic");
    b.addInvokestatic(pool.get("java.util.List"), "of", "()Ljava/util/List;"); line("invokestatic interface");
    b.addInvokespecial(cc, "<init>", "(Ljava/lang/String;I)V"); line("invokespecial");
    b.addInvokespecial(pool.get("java.util.List"), "x", "()V"); line("invokespecial interface");
    b.addInvokeinterface("java.util.List", "get", "(I)Ljava/lang/Object;", 2); line("invokeinterface");
    b.addInvokeinterface(pool.get("java.util.Map"), "put", "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;", 3); line("invokeinterface ct");
    b.addInvokestatic(cc, "m", CtClass.intType, new CtClass[] {CtClass.longType, pool.get("java.lang.String")}); line("invokestatic types");
    b.addInvokevirtual(pool.get("java.lang.Object"), "notify", CtClass.voidType, null); line("invokevirtual void");
    b.addInvokespecial(cc, MethodInfo.nameInit, CtClass.voidType, new CtClass[] {CtClass.doubleType}); line("invokespecial types");
    b.addPrintln("hi"); line("println");
    for (int op = 0; op <= 201; op++) {
      if (op >= 178 && op <= 186) continue;
      b.addOpcode(op); line("op " + op);
    }
    b.addIconst(1); b.addIconst(2); b.addOpcode(Opcode.IADD); b.setMaxLocals(false, types, 3); line("seq");
    b.add(1, 2); b.add(1, 2, 3, 4); b.add32bit(0x01020304); b.addGap(3); b.addIndex(7); line("raw");
    b.addExceptionHandler(0, 1, 2, "java.lang.Exception"); b.addExceptionHandler(0, 1, 2, 0);
    System.out.println("et " + b.getExceptionTable().size() + " " + b.getExceptionTable().catchType(0));
    System.out.println("pool size " + cp.getSize());
  }

  /**
   * (8) Gaps that take run's code[] past 32767 bytes: branches widened (goto_w), switches padded
   * again, at each listed index, as insertGap, insertExGap and insertAt. Javassist 3.27 makes broken
   * code for a non-exclusive gap at a branch or switch there (its Branch.shiftOffset keeps the branch
   * before the gap): those indexes (`broken`) are left out; the test runs classforge's instead.
   */
  static void wide(String classes, String className, String[] positions, java.util.List<String> broken) throws Exception {
    for (String at : positions) for (int kind = 0; kind < 3; kind++) {
      int pos = Integer.parseInt(at);
      if (broken.contains(at) && kind != 1) continue;
      ClassPool pool = new ClassPool(true);
      pool.insertClassPath(classes);
      CtClass cc = pool.get(className);
      MethodInfo mi = cc.getClassFile().getMethod("run");
      CodeAttribute ca = mi.getCodeAttribute();
      CodeIterator it = ca.iterator();
      it.move(pos);
      int r = kind == 0 ? it.insertGap(pos, 201) : kind == 1 ? it.insertExGap(pos, 203) : it.insertAt(pos, new byte[300]);
      StringBuilder sb = new StringBuilder(pos + " " + kind + " " + r + " next " + it.lookAhead() + " ");
      for (byte x : ca.getCode()) sb.append(String.format("%02x", x & 0xff));
      LineNumberAttribute lines = (LineNumberAttribute) ca.getAttribute(LineNumberAttribute.tag);
      for (int i = 0; i < lines.tableLength(); i += 100) sb.append(" l" + lines.startPc(i));
      LocalVariableAttribute lv = (LocalVariableAttribute) ca.getAttribute(LocalVariableAttribute.tag);
      for (int i = 0; i < lv.tableLength(); i++) sb.append(" v" + lv.startPc(i) + "+" + lv.codeLength(i));
      System.out.println(sb);
    }
  }

  /**
   * (7) A library's classes (a jar): a call inserted at the start of every method (after the
   * super/this call of constructors), then, on a fresh pool, gaps before every getfield, goto and
   * athrow (1-3 bytes) and exclusive gaps before every ifeq; then, on a fresh pool, iconst_0 pop
   * inserted before every call while walking the code; code[], exception table and lines.
   * The first edit's classes are written to `out`.
   */
  static void library(String jar, String out, java.util.List<String> names) throws Exception {
    for (int pass = 0; pass < 3; pass++) {
      ClassPool pool = new ClassPool(true);
      pool.insertClassPath(jar);
      for (String name : names) {
        CtClass cc = pool.get(name);
        ClassFile cf = cc.getClassFile();
        ConstPool cp = cf.getConstPool();
        for (Object o : cf.getMethods()) {
          MethodInfo mi = (MethodInfo) o;
          CodeAttribute ca = mi.getCodeAttribute();
          if (ca == null) continue;
          CodeIterator it = ca.iterator();
          int at = 0;
          if (pass == 0) {
            Bytecode b = new Bytecode(cp);
            b.addLdc(name + "." + mi.getName());
            b.addInvokestatic("java.lang.String", "valueOf", "(Ljava/lang/Object;)Ljava/lang/String;");
            b.addOpcode(Opcode.POP);
            at = mi.isConstructor() ? it.skipConstructor() : 0;
            it.insert(b.get());
          } else if (pass == 2) {
            // Before every call, while walking: the loop tracing agents write.
            while (it.hasNext()) {
              int index = it.next();
              int op = it.byteAt(index);
              if (op >= Opcode.INVOKEVIRTUAL && op <= Opcode.INVOKEINTERFACE) at = it.insertAt(index, new byte[] {Opcode.ICONST_0, Opcode.POP});
            }
          } else {
            while (it.hasNext()) {
              int index = it.next();
              int op = it.byteAt(index);
              if (op == Opcode.GETFIELD || op == Opcode.GOTO || op == Opcode.ATHROW) at += it.insertGap(index, index % 3 + 1);
              if (op == Opcode.IFEQ) at += it.insertExGap(index, 2);
            }
          }
          StringBuilder sb = new StringBuilder(pass + " " + name + "." + mi.getName() + mi.getDescriptor() + " " + at + " max " + ca.computeMaxStack() + " ");
          for (byte x : ca.getCode()) sb.append(String.format("%02x", x & 0xff));
          ExceptionTable et = ca.getExceptionTable();
          for (int i = 0; i < et.size(); i++) sb.append(" h" + et.startPc(i) + "-" + et.endPc(i) + ">" + et.handlerPc(i) + ":" + et.catchType(i));
          LineNumberAttribute lines = (LineNumberAttribute) ca.getAttribute(LineNumberAttribute.tag);
          if (lines != null) for (int i = 0; i < lines.tableLength(); i++) sb.append(" l" + lines.startPc(i) + ":" + lines.lineNumber(i));
          System.out.println(sb);
        }
        // After the class's edits: rebuilding a StackMapTable adds Class entries to the pool, which
        // would shift the indexes the next method's insert gets (classforge computes frames when writing).
        if (pass == 0) {
          for (Object o : cf.getMethods()) ((MethodInfo) o).rebuildStackMapIf6(pool, cf);
          cc.writeFile(out);
        }
      }
    }
  }

  /**
   * (4) Before every instruction of some methods, and at the end: insertAt, insertExAt (2 bytes) and
   * insertExGap (1 byte), each on a fresh class; code[], exception table, line and local variable tables.
   */
  static void gaps(String classes) throws Exception {
    for (String m : new String[] {"twice", "describe", "lookup", "safeDiv", "loop"}) {
      ClassPool pool0 = new ClassPool(true);
      pool0.insertClassPath(classes);
      CodeIterator it0 = pool0.get("bc.Account").getClassFile().getMethod(m).getCodeAttribute().iterator();
      java.util.List<Integer> starts = new java.util.ArrayList<>();
      while (it0.hasNext()) starts.add(it0.next());
      starts.add(it0.getCodeLength());
      for (int pos : starts) for (int kind = 0; kind < 3; kind++) {
        ClassPool pool = new ClassPool(true);
        pool.insertClassPath(classes);
        MethodInfo mi = pool.get("bc.Account").getClassFile().getMethod(m);
        CodeAttribute ca = mi.getCodeAttribute();
        CodeIterator it = ca.iterator();
        it.move(pos);
        String r;
        if (kind == 0) r = "insertAt " + it.insertAt(pos, new byte[] {Opcode.ICONST_0, Opcode.POP});
        else if (kind == 1) r = "insertExAt " + it.insertExAt(pos, new byte[] {Opcode.ICONST_0, Opcode.POP});
        else r = "insertExGap " + it.insertExGap(pos, 1) + " look " + it.lookAhead();
        StringBuilder sb = new StringBuilder(m + " " + pos + " " + r + " ");
        for (byte x : ca.getCode()) sb.append(String.format("%02x", x & 0xff));
        ExceptionTable et = ca.getExceptionTable();
        for (int i = 0; i < et.size(); i++) sb.append(" h" + et.startPc(i) + "-" + et.endPc(i) + ">" + et.handlerPc(i));
        LineNumberAttribute lines = (LineNumberAttribute) ca.getAttribute(LineNumberAttribute.tag);
        for (int i = 0; i < lines.tableLength(); i++) sb.append(" l" + lines.startPc(i) + ":" + lines.lineNumber(i));
        LocalVariableAttribute lv = (LocalVariableAttribute) ca.getAttribute(LocalVariableAttribute.tag);
        for (int i = 0; i < lv.tableLength(); i++) sb.append(" v" + lv.startPc(i) + "+" + lv.codeLength(i) + ":" + lv.variableName(i));
        sb.append(" line@" + (pos + 2) + "=" + mi.getLineNumber(pos + 2));
        System.out.println(sb);
      }
    }
  }

  static void print(String label, MethodInfo mi) {
    CodeAttribute ca = mi.getCodeAttribute();
    StringBuilder hex = new StringBuilder();
    for (byte x : ca.getCode()) hex.append(String.format("%02x", x & 0xff));
    System.out.println(label + " code " + hex);
    printTables(label, mi);
  }

  /** Each instruction as index:mnemonic, with the member a field or method instruction names and a jump's target. */
  static String ops(MethodInfo mi) throws BadBytecode {
    ConstPool cp = mi.getConstPool();
    CodeIterator it = mi.getCodeAttribute().iterator();
    StringBuilder sb = new StringBuilder();
    while (it.hasNext()) {
      int i = it.next();
      int op = it.byteAt(i);
      sb.append(' ').append(i).append(':').append(Mnemonic.OPCODE[op]);
      if (op >= Opcode.GETSTATIC && op <= Opcode.PUTFIELD) {
        int r = it.u16bitAt(i + 1);
        sb.append('=').append(cp.getFieldrefClassName(r)).append('.').append(cp.getFieldrefName(r));
      } else if (op >= Opcode.INVOKEVIRTUAL && op <= Opcode.INVOKESTATIC) {
        int r = it.u16bitAt(i + 1);
        sb.append('=').append(cp.getMethodrefClassName(r)).append('.').append(cp.getMethodrefName(r));
      } else if (op == Opcode.INVOKEINTERFACE) {
        int r = it.u16bitAt(i + 1);
        sb.append('=').append(cp.getInterfaceMethodrefClassName(r)).append('.').append(cp.getInterfaceMethodrefName(r)).append('/').append(it.byteAt(i + 3));
      } else if (op >= Opcode.IFEQ && op <= Opcode.GOTO) {
        sb.append('=').append(i + it.s16bitAt(i + 1));
      }
    }
    return sb.toString();
  }

  static void printTables(String label, MethodInfo mi) {
    CodeAttribute ca = mi.getCodeAttribute();
    ExceptionTable et = ca.getExceptionTable();
    for (int i = 0; i < et.size(); i++) {
      System.out.println(label + " handler " + et.startPc(i) + " " + et.endPc(i) + " " + et.handlerPc(i) + " " + et.catchType(i));
    }
    LineNumberAttribute lines = (LineNumberAttribute) ca.getAttribute(LineNumberAttribute.tag);
    if (lines != null) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < lines.tableLength(); i++) sb.append(" ").append(lines.startPc(i)).append(":").append(lines.lineNumber(i));
      System.out.println(label + " lines" + sb);
    }
  }
}
