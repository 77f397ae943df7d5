// The examples of the ASM 4 user guide (E. Bruneton, "ASM 4.0 - A Java bytecode engineering library"), in Java
// against ASM 9.4 (Debian's libasm-java): the oracle of test/asm-port-guide.test.ts. `java Guide <outDir> <C.class>`
// prints what the examples print and writes the classes they make into outDir; guide-port.ts (TypeScript) and
// guide-port.mjs (plain JavaScript) are its line-by-line ports to classforge.
import org.objectweb.asm.*;
import org.objectweb.asm.tree.*;
import org.objectweb.asm.tree.analysis.*;
import org.objectweb.asm.commons.*;
import org.objectweb.asm.util.*;
import org.objectweb.asm.signature.*;
import java.io.*;
import java.nio.file.*;
import java.util.*;
import static org.objectweb.asm.Opcodes.*;

public class Guide {
  static String out;
  static void write(String name, byte[] b) throws Exception { Files.write(Paths.get(out, name + ".class"), b); }
  static String inputPath;
  static byte[] input() throws Exception { return Files.readAllBytes(Paths.get(inputPath)); }

  // 2.2.2 ClassPrinter
  static class ClassPrinter extends ClassVisitor {
    public ClassPrinter() { super(ASM4); }
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
      System.out.println(name + " extends " + superName + " {");
    }
    public void visitSource(String source, String debug) {}
    public void visitOuterClass(String owner, String name, String desc) {}
    public AnnotationVisitor visitAnnotation(String desc, boolean visible) { return null; }
    public void visitAttribute(Attribute attr) {}
    public void visitInnerClass(String name, String outerName, String innerName, int access) {}
    public FieldVisitor visitField(int access, String name, String desc, String signature, Object value) {
      System.out.println("    " + desc + " " + name); return null;
    }
    public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
      System.out.println("    " + name + desc); return null;
    }
    public void visitEnd() { System.out.println("}"); }
  }

  static class ChangeVersionAdapter extends ClassVisitor {
    public ChangeVersionAdapter(ClassVisitor cv) { super(ASM4, cv); }
    @Override public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
      cv.visit(V1_5, access, name, signature, superName, interfaces);
    }
  }
  static class RemoveDebugAdapter extends ClassVisitor {
    public RemoveDebugAdapter(ClassVisitor cv) { super(ASM4, cv); }
    @Override public void visitSource(String source, String debug) {}
    @Override public void visitOuterClass(String owner, String name, String desc) {}
    @Override public void visitInnerClass(String name, String outerName, String innerName, int access) {}
  }
  static class RemoveMethodAdapter extends ClassVisitor {
    private String mName; private String mDesc;
    public RemoveMethodAdapter(ClassVisitor cv, String mName, String mDesc) { super(ASM4, cv); this.mName = mName; this.mDesc = mDesc; }
    @Override public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
      if (name.equals(mName) && desc.equals(mDesc)) { return null; }
      return cv.visitMethod(access, name, desc, signature, exceptions);
    }
  }
  static class AddFieldAdapter extends ClassVisitor {
    private int fAcc; private String fName; private String fDesc; private boolean isFieldPresent;
    public AddFieldAdapter(ClassVisitor cv, int fAcc, String fName, String fDesc) { super(ASM4, cv); this.fAcc = fAcc; this.fName = fName; this.fDesc = fDesc; }
    @Override public FieldVisitor visitField(int access, String name, String desc, String signature, Object value) {
      if (name.equals(fName)) { isFieldPresent = true; }
      return cv.visitField(access, name, desc, signature, value);
    }
    @Override public void visitEnd() {
      if (!isFieldPresent) { FieldVisitor fv = cv.visitField(fAcc, fName, fDesc, null, null); if (fv != null) { fv.visitEnd(); } }
      cv.visitEnd();
    }
  }
  // 3.2.4 AddTimerAdapter
  static class AddTimerAdapter extends ClassVisitor {
    private String owner; private boolean isInterface;
    public AddTimerAdapter(ClassVisitor cv) { super(ASM4, cv); }
    @Override public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
      cv.visit(version, access, name, signature, superName, interfaces);
      owner = name; isInterface = (access & ACC_INTERFACE) != 0;
    }
    @Override public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
      MethodVisitor mv = cv.visitMethod(access, name, desc, signature, exceptions);
      if (!isInterface && mv != null && !name.equals("<init>")) { mv = new AddTimerMethodAdapter(mv); }
      return mv;
    }
    @Override public void visitEnd() {
      if (!isInterface) { FieldVisitor fv = cv.visitField(ACC_PUBLIC + ACC_STATIC, "timer", "J", null, null); if (fv != null) { fv.visitEnd(); } }
      cv.visitEnd();
    }
    class AddTimerMethodAdapter extends MethodVisitor {
      public AddTimerMethodAdapter(MethodVisitor mv) { super(ASM4, mv); }
      @Override public void visitCode() {
        mv.visitCode();
        mv.visitFieldInsn(GETSTATIC, owner, "timer", "J");
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/System", "currentTimeMillis", "()J");
        mv.visitInsn(LSUB);
        mv.visitFieldInsn(PUTSTATIC, owner, "timer", "J");
      }
      @Override public void visitInsn(int opcode) {
        if ((opcode >= IRETURN && opcode <= RETURN) || opcode == ATHROW) {
          mv.visitFieldInsn(GETSTATIC, owner, "timer", "J");
          mv.visitMethodInsn(INVOKESTATIC, "java/lang/System", "currentTimeMillis", "()J");
          mv.visitInsn(LADD);
          mv.visitFieldInsn(PUTSTATIC, owner, "timer", "J");
        }
        mv.visitInsn(opcode);
      }
      @Override public void visitMaxs(int maxStack, int maxLocals) { mv.visitMaxs(maxStack + 4, maxLocals); }
    }
  }
  // 3.2.5 PatternMethodAdapter / RemoveAddZeroAdapter / RemoveGetFieldPutFieldAdapter
  static abstract class PatternMethodAdapter extends MethodVisitor {
    protected final static int SEEN_NOTHING = 0;
    protected int state;
    public PatternMethodAdapter(int api, MethodVisitor mv) { super(api, mv); }
    @Override public void visitInsn(int opcode) { visitInsn(); mv.visitInsn(opcode); }
    @Override public void visitIntInsn(int opcode, int operand) { visitInsn(); mv.visitIntInsn(opcode, operand); }
    @Override public void visitVarInsn(int opcode, int var) { visitInsn(); mv.visitVarInsn(opcode, var); }
    @Override public void visitTypeInsn(int opcode, String desc) { visitInsn(); mv.visitTypeInsn(opcode, desc); }
    @Override public void visitFieldInsn(int opcode, String owner, String name, String desc) { visitInsn(); mv.visitFieldInsn(opcode, owner, name, desc); }
    @Override public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) { visitInsn(); mv.visitMethodInsn(opcode, owner, name, desc, itf); }
    @Override public void visitJumpInsn(int opcode, Label label) { visitInsn(); mv.visitJumpInsn(opcode, label); }
    @Override public void visitLabel(Label label) { visitInsn(); mv.visitLabel(label); }
    @Override public void visitLdcInsn(Object cst) { visitInsn(); mv.visitLdcInsn(cst); }
    @Override public void visitIincInsn(int var, int increment) { visitInsn(); mv.visitIincInsn(var, increment); }
    @Override public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) { visitInsn(); mv.visitTableSwitchInsn(min, max, dflt, labels); }
    @Override public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) { visitInsn(); mv.visitLookupSwitchInsn(dflt, keys, labels); }
    @Override public void visitMultiANewArrayInsn(String desc, int dims) { visitInsn(); mv.visitMultiANewArrayInsn(desc, dims); }
    @Override public void visitFrame(int type, int nLocal, Object[] local, int nStack, Object[] stack) { visitInsn(); mv.visitFrame(type, nLocal, local, nStack, stack); }
    @Override public void visitMaxs(int maxStack, int maxLocals) { visitInsn(); mv.visitMaxs(maxStack, maxLocals); }
    protected abstract void visitInsn();
  }
  static class RemoveAddZeroAdapter extends PatternMethodAdapter {
    private static int SEEN_ICONST_0 = 1;
    public RemoveAddZeroAdapter(MethodVisitor mv) { super(ASM5, mv); }
    @Override public void visitInsn(int opcode) {
      if (state == SEEN_ICONST_0) { if (opcode == IADD) { state = SEEN_NOTHING; return; } }
      visitInsn();
      if (opcode == ICONST_0) { state = SEEN_ICONST_0; return; }
      mv.visitInsn(opcode);
    }
    @Override protected void visitInsn() { if (state == SEEN_ICONST_0) { mv.visitInsn(ICONST_0); } state = SEEN_NOTHING; }
  }
  static class RemoveGetFieldPutFieldAdapter extends PatternMethodAdapter {
    private final static int SEEN_ALOAD_0 = 1, SEEN_ALOAD_0ALOAD_0 = 2, SEEN_ALOAD_0ALOAD_0GETFIELD = 3;
    private String fieldOwner; private String fieldName; private String fieldDesc;
    public RemoveGetFieldPutFieldAdapter(MethodVisitor mv) { super(ASM5, mv); }
    @Override public void visitVarInsn(int opcode, int var) {
      switch (state) {
        case SEEN_NOTHING: if (opcode == ALOAD && var == 0) { state = SEEN_ALOAD_0; return; } break;
        case SEEN_ALOAD_0: if (opcode == ALOAD && var == 0) { state = SEEN_ALOAD_0ALOAD_0; return; } break;
        case SEEN_ALOAD_0ALOAD_0: if (opcode == ALOAD && var == 0) { mv.visitVarInsn(ALOAD, 0); return; } break;
      }
      visitInsn(); mv.visitVarInsn(opcode, var);
    }
    @Override public void visitFieldInsn(int opcode, String owner, String name, String desc) {
      switch (state) {
        case SEEN_ALOAD_0ALOAD_0: if (opcode == GETFIELD) { state = SEEN_ALOAD_0ALOAD_0GETFIELD; fieldOwner = owner; fieldName = name; fieldDesc = desc; return; } break;
        case SEEN_ALOAD_0ALOAD_0GETFIELD: if (opcode == PUTFIELD && name.equals(fieldName)) { state = SEEN_NOTHING; return; } break;
      }
      visitInsn(); mv.visitFieldInsn(opcode, owner, name, desc);
    }
    @Override protected void visitInsn() {
      switch (state) {
        case SEEN_ALOAD_0: mv.visitVarInsn(ALOAD, 0); break;
        case SEEN_ALOAD_0ALOAD_0: mv.visitVarInsn(ALOAD, 0); mv.visitVarInsn(ALOAD, 0); break;
        case SEEN_ALOAD_0ALOAD_0GETFIELD: mv.visitVarInsn(ALOAD, 0); mv.visitVarInsn(ALOAD, 0); mv.visitFieldInsn(GETFIELD, fieldOwner, fieldName, fieldDesc); break;
      }
      state = SEEN_NOTHING;
    }
  }
  static class MethodTransformer extends ClassVisitor {
    final String which;
    MethodTransformer(ClassVisitor cv, String which) { super(ASM9, cv); this.which = which; }
    @Override public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
      MethodVisitor mv = cv.visitMethod(access, name, desc, signature, exceptions);
      if (mv == null) return null;
      if (which.equals("addzero")) return new RemoveAddZeroAdapter(mv);
      if (which.equals("getput")) return new RemoveGetFieldPutFieldAdapter(mv);
      if (which.equals("timer4")) return new AddTimerMethodAdapter4("C", access, desc, mv);
      if (which.equals("advice")) return new AddTimerAdvice("C", access, name, desc, mv);
      return mv;
    }
  }
  // 3.3.1 LocalVariablesSorter
  static class AddTimerMethodAdapter4 extends LocalVariablesSorter {
    private int time; private String owner;
    public AddTimerMethodAdapter4(String owner, int access, String desc, MethodVisitor mv) { super(ASM5, access, desc, mv); this.owner = owner; }
    @Override public void visitCode() {
      super.visitCode();
      mv.visitMethodInsn(INVOKESTATIC, "java/lang/System", "currentTimeMillis", "()J", false);
      time = newLocal(Type.LONG_TYPE);
      mv.visitVarInsn(LSTORE, time);
    }
    @Override public void visitInsn(int opcode) {
      if ((opcode >= IRETURN && opcode <= RETURN) || opcode == ATHROW) {
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/System", "currentTimeMillis", "()J", false);
        mv.visitVarInsn(LLOAD, time);
        mv.visitInsn(LSUB);
        mv.visitFieldInsn(GETSTATIC, owner, "timer", "J");
        mv.visitInsn(LADD);
        mv.visitFieldInsn(PUTSTATIC, owner, "timer", "J");
      }
      super.visitInsn(opcode);
    }
    @Override public void visitMaxs(int maxStack, int maxLocals) { super.visitMaxs(maxStack + 4, maxLocals); }
  }
  // 3.3.2 AdviceAdapter
  static class AddTimerAdvice extends AdviceAdapter {
    private String owner;
    AddTimerAdvice(String owner, int access, String name, String desc, MethodVisitor mv) { super(ASM5, mv, access, name, desc); this.owner = owner; }
    @Override protected void onMethodEnter() {
      mv.visitFieldInsn(GETSTATIC, owner, "timer", "J");
      mv.visitMethodInsn(INVOKESTATIC, "java/lang/System", "currentTimeMillis", "()J", false);
      mv.visitInsn(LSUB);
      mv.visitFieldInsn(PUTSTATIC, owner, "timer", "J");
    }
    @Override protected void onMethodExit(int opcode) {
      mv.visitFieldInsn(GETSTATIC, owner, "timer", "J");
      mv.visitMethodInsn(INVOKESTATIC, "java/lang/System", "currentTimeMillis", "()J", false);
      mv.visitInsn(LADD);
      mv.visitFieldInsn(PUTSTATIC, owner, "timer", "J");
    }
    @Override public void visitMaxs(int maxStack, int maxLocals) { super.visitMaxs(maxStack + 4, maxLocals); }
  }


  // 4.2.2 RemoveAnnotationAdapter / AddAnnotationAdapter
  static class RemoveAnnotationAdapter extends ClassVisitor {
    private String annDesc;
    public RemoveAnnotationAdapter(ClassVisitor cv, String annDesc) { super(ASM4, cv); this.annDesc = annDesc; }
    @Override public AnnotationVisitor visitAnnotation(String desc, boolean vis) {
      if (desc.equals(annDesc)) { return null; }
      return cv.visitAnnotation(desc, vis);
    }
  }
  static class AddAnnotationAdapter extends ClassVisitor {
    private String annotationDesc; private boolean isAnnotationPresent;
    public AddAnnotationAdapter(ClassVisitor cv, String annotationDesc) { super(ASM4, cv); this.annotationDesc = annotationDesc; }
    @Override public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
      int v = (version & 0xFF) < V1_5 ? V1_5 : version;
      cv.visit(v, access, name, signature, superName, interfaces);
    }
    @Override public AnnotationVisitor visitAnnotation(String desc, boolean visible) {
      if (visible && desc.equals(annotationDesc)) { isAnnotationPresent = true; }
      return cv.visitAnnotation(desc, visible);
    }
    @Override public void visitInnerClass(String name, String outerName, String innerName, int access) { addAnnotation(); cv.visitInnerClass(name, outerName, innerName, access); }
    @Override public FieldVisitor visitField(int access, String name, String desc, String signature, Object value) { addAnnotation(); return cv.visitField(access, name, desc, signature, value); }
    @Override public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) { addAnnotation(); return cv.visitMethod(access, name, desc, signature, exceptions); }
    @Override public void visitEnd() { addAnnotation(); cv.visitEnd(); }
    private void addAnnotation() {
      if (!isAnnotationPresent) {
        AnnotationVisitor av = cv.visitAnnotation(annotationDesc, true);
        if (av != null) {
          av.visit("count", 3);
          av.visit("name", "s");
          av.visit("big", 4L);
          av.visit("ratio", 0.25f);
          av.visit("ch", 'c');
          av.visit("ints", new int[] { 1, 2 });
          av.visitEnum("e", "Ljava/lang/annotation/RetentionPolicy;", "RUNTIME");
          AnnotationVisitor arr = av.visitArray("names");
          arr.visit(null, "a"); arr.visit(null, "b"); arr.visitEnd();
          av.visitEnd();
        }
        isAnnotationPresent = true;
      }
    }
  }
  // 3.3 / 7.2: a method adapter that transforms a MethodNode (tree inside a visitor chain)
  static class MyMethodAdapter extends MethodVisitor {
    MethodVisitor next;
    public MyMethodAdapter(int access, String name, String desc, String signature, String[] exceptions, MethodVisitor mv) {
      super(ASM4, new MethodNode(access, name, desc, signature, exceptions));
      next = mv;
    }
    @Override public void visitEnd() {
      MethodNode mn = (MethodNode) mv;
      InsnList insns = mn.instructions;
      ListIterator<AbstractInsnNode> i = insns.iterator();
      while (i.hasNext()) {
        AbstractInsnNode in = i.next();
        if (in instanceof LineNumberNode) { i.remove(); }
      }
      mn.accept(next);
    }
  }
  // 7.1.5 AddTimerTransformer (tree API)
  static void addTimerTransform(ClassNode cn) {
    for (MethodNode mn : cn.methods) {
      if ("<init>".equals(mn.name) || "<clinit>".equals(mn.name)) { continue; }
      InsnList insns = mn.instructions;
      if (insns.size() == 0) { continue; }
      Iterator<AbstractInsnNode> j = insns.iterator();
      while (j.hasNext()) {
        AbstractInsnNode in = j.next();
        int op = in.getOpcode();
        if ((op >= IRETURN && op <= RETURN) || op == ATHROW) {
          InsnList il = new InsnList();
          il.add(new FieldInsnNode(GETSTATIC, cn.name, "timer", "J"));
          il.add(new MethodInsnNode(INVOKESTATIC, "java/lang/System", "currentTimeMillis", "()J", false));
          il.add(new InsnNode(LADD));
          il.add(new FieldInsnNode(PUTSTATIC, cn.name, "timer", "J"));
          insns.insert(in.getPrevious(), il);
        }
      }
      InsnList il = new InsnList();
      il.add(new FieldInsnNode(GETSTATIC, cn.name, "timer", "J"));
      il.add(new MethodInsnNode(INVOKESTATIC, "java/lang/System", "currentTimeMillis", "()J", false));
      il.add(new InsnNode(LSUB));
      il.add(new FieldInsnNode(PUTSTATIC, cn.name, "timer", "J"));
      insns.insert(il);
      mn.maxStack += 4;
    }
    int acc = ACC_PUBLIC | ACC_STATIC;
    cn.fields.add(new FieldNode(acc, "timer", "J", null, null));
  }

  static byte[] transform(java.util.function.Function<ClassVisitor, ClassVisitor> f, int flags) throws Exception { return transform(f, flags, 0); }
  static byte[] transform(java.util.function.Function<ClassVisitor, ClassVisitor> f, int flags, int ropts) throws Exception {
    ClassReader cr = new ClassReader(input());
    ClassWriter cw = new ClassWriter(cr, flags);
    cr.accept(f.apply(cw), ropts);
    return cw.toByteArray();
  }

  public static void main(String[] args) throws Exception {
    out = args[0];
    inputPath = args[1];
    // ClassPrinter
    ClassPrinter cp = new ClassPrinter();
    ClassReader cr = new ClassReader("java.lang.Runnable");
    cr.accept(cp, 0);
    new ClassReader(input()).accept(new ClassPrinter(), 0);

    // 2.2.3 Generating classes
    ClassWriter cw = new ClassWriter(0);
    cw.visit(V1_5, ACC_PUBLIC + ACC_ABSTRACT + ACC_INTERFACE, "pkg/Comparable", null, "java/lang/Object", new String[] { "pkg/Mesurable" });
    cw.visitField(ACC_PUBLIC + ACC_FINAL + ACC_STATIC, "LESS", "I", null, new Integer(-1)).visitEnd();
    cw.visitField(ACC_PUBLIC + ACC_FINAL + ACC_STATIC, "EQUAL", "I", null, new Integer(0)).visitEnd();
    cw.visitField(ACC_PUBLIC + ACC_FINAL + ACC_STATIC, "GREATER", "I", null, new Integer(1)).visitEnd();
    cw.visitField(ACC_PUBLIC + ACC_FINAL + ACC_STATIC, "BIG", "J", null, 1L).visitEnd();
    cw.visitField(ACC_PUBLIC + ACC_FINAL + ACC_STATIC, "HALF", "F", null, 0.5f).visitEnd();
    cw.visitField(ACC_PUBLIC + ACC_FINAL + ACC_STATIC, "PI", "D", null, 3.14).visitEnd();
    cw.visitField(ACC_PUBLIC + ACC_FINAL + ACC_STATIC, "FLAG", "Z", null, true).visitEnd();
    cw.visitField(ACC_PUBLIC + ACC_FINAL + ACC_STATIC, "CH", "C", null, 'x').visitEnd();
    cw.visitMethod(ACC_PUBLIC + ACC_ABSTRACT, "compareTo", "(Ljava/lang/Object;)I", null, null).visitEnd();
    cw.visitEnd();
    write("comparable", cw.toByteArray());

    write("changeversion", transform(ChangeVersionAdapter::new, 0));
    write("removedebug", transform(RemoveDebugAdapter::new, 0));
    write("removemethod", transform(v -> new RemoveMethodAdapter(v, "self", "()V"), 0));
    write("addfield", transform(v -> new AddFieldAdapter(v, ACC_PUBLIC, "added", "Ljava/lang/String;"), 0));
    write("addtimer", transform(AddTimerAdapter::new, 0));
    write("addzero", transform(v -> new MethodTransformer(v, "addzero"), ClassWriter.COMPUTE_MAXS));
    write("getput", transform(v -> new MethodTransformer(v, "getput"), ClassWriter.COMPUTE_MAXS));
    write("timer4", transform(v -> new AddTimerAdapter(new MethodTransformer(v, "timer4")) {
      @Override public MethodVisitor visitMethod(int a, String n, String d, String s, String[] e) { return cv.visitMethod(a, n, d, s, e); } }, ClassWriter.COMPUTE_MAXS, ClassReader.EXPAND_FRAMES));
    write("advice", transform(v -> new MethodTransformer(v, "advice"), ClassWriter.COMPUTE_MAXS, ClassReader.EXPAND_FRAMES));
    try { transform(v -> new MethodTransformer(v, "timer4"), 0); } catch (Exception e) { System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage()); }

    // 3.1.5 Bean generation with frames
    cw = new ClassWriter(0);
    cw.visit(V1_6, ACC_PUBLIC, "pkg/Bean", null, "java/lang/Object", null);
    cw.visitField(ACC_PRIVATE, "f", "I", null, null).visitEnd();
    MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, "checkAndSetF", "(I)V", null, null);
    mv.visitCode();
    mv.visitVarInsn(ILOAD, 1);
    Label label = new Label();
    mv.visitJumpInsn(IFLT, label);
    mv.visitVarInsn(ALOAD, 0);
    mv.visitVarInsn(ILOAD, 1);
    mv.visitFieldInsn(PUTFIELD, "pkg/Bean", "f", "I");
    Label end = new Label();
    mv.visitJumpInsn(GOTO, end);
    mv.visitLabel(label);
    mv.visitFrame(F_SAME, 0, null, 0, null);
    mv.visitTypeInsn(NEW, "java/lang/IllegalArgumentException");
    mv.visitInsn(DUP);
    mv.visitMethodInsn(INVOKESPECIAL, "java/lang/IllegalArgumentException", "<init>", "()V");
    mv.visitInsn(ATHROW);
    mv.visitLabel(end);
    mv.visitFrame(F_SAME, 0, null, 0, null);
    mv.visitInsn(RETURN);
    mv.visitMaxs(2, 2);
    mv.visitEnd();
    mv = cw.visitMethod(ACC_PUBLIC + ACC_STATIC, "consts", "()V", null, null);
    mv.visitCode();
    mv.visitLdcInsn(1L); mv.visitInsn(POP2);
    mv.visitLdcInsn(1f); mv.visitInsn(POP);
    mv.visitLdcInsn(1d); mv.visitInsn(POP2);
    mv.visitLdcInsn(1); mv.visitInsn(POP);
    mv.visitLdcInsn(123456789012L); mv.visitInsn(POP2);
    mv.visitLdcInsn(2.5f); mv.visitInsn(POP);
    mv.visitLdcInsn(100000); mv.visitInsn(POP);
    mv.visitLdcInsn("s"); mv.visitInsn(POP);
    mv.visitLdcInsn(Type.getType(String.class)); mv.visitInsn(POP);
    mv.visitLdcInsn(Type.getType("[I")); mv.visitInsn(POP);
    mv.visitIntInsn(BIPUSH, 10); mv.visitInsn(POP);
    mv.visitIntInsn(NEWARRAY, T_INT); mv.visitInsn(POP);
    Label l2 = new Label();
    mv.visitInsn(ICONST_0); mv.visitVarInsn(ISTORE, 0);
    mv.visitLabel(l2);
    mv.visitFrame(F_FULL, 1, new Object[] { INTEGER }, 0, new Object[0]);
    mv.visitIincInsn(0, 1);
    mv.visitVarInsn(ILOAD, 0);
    mv.visitIntInsn(SIPUSH, 1000);
    mv.visitJumpInsn(IF_ICMPLT, l2);
    Label l3 = new Label();
    mv.visitLdcInsn("x");
    mv.visitVarInsn(ASTORE, 0);
    mv.visitLabel(l3);
    mv.visitFrame(F_FULL, 1, new Object[] { "java/lang/String" }, 1, new Object[] { TOP });
    mv.visitInsn(POP);
    mv.visitInsn(RETURN);
    mv.visitMaxs(4, 1);
    mv.visitEnd();
    cw.visitEnd();
    write("bean", cw.toByteArray());

    // GeneratorAdapter hello world
    cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES);
    cw.visit(V1_8, ACC_PUBLIC, "Example", null, "java/lang/Object", null);
    Method m = Method.getMethod("void <init> ()");
    GeneratorAdapter mg = new GeneratorAdapter(ACC_PUBLIC, m, null, null, cw);
    mg.loadThis();
    mg.invokeConstructor(Type.getType(Object.class), m);
    mg.returnValue();
    mg.endMethod();
    m = Method.getMethod("void main (String[])");
    mg = new GeneratorAdapter(ACC_PUBLIC + ACC_STATIC, m, null, null, cw);
    mg.getStatic(Type.getType(System.class), "out", Type.getType(PrintStream.class));
    mg.push("Hello world!");
    mg.invokeVirtual(Type.getType(PrintStream.class), Method.getMethod("void println (String)"));
    mg.push(5L); mg.push(1.5f); mg.push(2.5d); mg.push(true); mg.pop(); mg.pop(); mg.pop2(); mg.pop2();
    mg.returnValue();
    mg.endMethod();
    cw.visitEnd();
    write("hello", cw.toByteArray());

    // Types
    System.out.println(Type.getType(String.class).getInternalName());
    System.out.println(Type.getDescriptor(String.class));
    System.out.println(Type.getInternalName(String.class));
    System.out.println(Type.getMethodDescriptor(Type.INT_TYPE, Type.getType(String.class), Type.LONG_TYPE));
    for (Type t : Type.getArgumentTypes("(I[Ljava/lang/String;J)V")) System.out.println(t + " " + t.getSort() + " " + t.getSize() + " " + t.getClassName());
    System.out.println(Type.getReturnType("(I)Ljava/lang/Object;"));
    System.out.println(Type.getObjectType("java/lang/String").getDescriptor());
    System.out.println(Type.getType("[[I").getElementType() + " " + Type.getType("[[I").getDimensions());
    System.out.println(Type.getMethodType("(IJ)V").getArgumentsAndReturnSizes());

    // Tree API: MaxStack / dead code / BasicVerifier
    ClassNode cn = new ClassNode();
    new ClassReader(input()).accept(cn, 0);
    for (MethodNode mn : cn.methods) {
      Analyzer<BasicValue> a = new Analyzer<BasicValue>(new BasicVerifier());
      a.analyze(cn.name, mn);
      Frame<BasicValue>[] frames = a.getFrames();
      int maxStack = 0;
      for (Frame<BasicValue> f : frames) if (f != null) maxStack = Math.max(maxStack, f.getStackSize());
      System.out.println(mn.name + " frames=" + frames.length + " maxStackSeen=" + maxStack + " insns=" + mn.instructions.size());
      Iterator<AbstractInsnNode> it = mn.instructions.iterator();
      int n = 0; while (it.hasNext()) { AbstractInsnNode in = it.next(); if (in.getOpcode() >= 0) n++; }
      System.out.println("  real=" + n + " first=" + frames[0]);
    }
    // TraceClassVisitor on stdout
    new ClassReader(input()).accept(new TraceClassVisitor(null, new PrintWriter(System.out)), 0);
    // CheckClassAdapter error
    try {
      ClassWriter w = new ClassWriter(0);
      ClassVisitor cc = new CheckClassAdapter(w);
      cc.visit(V1_8, ACC_PUBLIC, "X", null, "java/lang/Object", null);
      MethodVisitor bad = cc.visitMethod(ACC_PUBLIC, "m", "()V", null, null);
      bad.visitCode();
      bad.visitVarInsn(ALOAD, -1);
    } catch (Exception e) { System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage()); }

    write("removeann", transform(v -> new RemoveAnnotationAdapter(v, "Ljava/lang/Deprecated;"), 0));
    write("addann", transform(v -> new AddAnnotationAdapter(v, "LMyAnn;"), 0));
    write("methodnode", transform(v -> new ClassVisitor(ASM9, v) {
      @Override public MethodVisitor visitMethod(int a, String n, String d, String s, String[] e) {
        MethodVisitor mv = cv.visitMethod(a, n, d, s, e);
        return mv == null ? null : new MyMethodAdapter(a, n, d, s, e, mv);
      } }, 0));
    ClassNode tcn = new ClassNode();
    ClassReader tcr = new ClassReader(input());
    tcr.accept(tcn, 0);
    addTimerTransform(tcn);
    ClassWriter tcw = new ClassWriter(0);
    tcn.accept(tcw);
    write("treetimer", tcw.toByteArray());
    // 4.1 signatures
    new ClassReader(input()).accept(new ClassVisitor(ASM9) {
      @Override public MethodVisitor visitMethod(int a, String n, String d, String s, String[] e) {
        if (s != null) {
          TraceSignatureVisitor v = new TraceSignatureVisitor(a);
          new SignatureReader(s).accept(v);
          System.out.println(n + ": " + v.getDeclaration() + " returns " + v.getReturnType());
          SignatureWriter w = new SignatureWriter();
          new SignatureReader(s).accept(w);
          System.out.println(w.toString().equals(s));
        }
        return null;
      } }, 0);
  }
}
