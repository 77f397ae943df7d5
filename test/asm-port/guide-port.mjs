// The examples of the ASM 4 user guide (E. Bruneton, "ASM 4.0 — A Java bytecode engineering library": ClassPrinter,
// the Comparable generator, ChangeVersionAdapter, RemoveMethodAdapter, AddFieldAdapter, AddTimerAdapter, the pattern
// adapters, LocalVariablesSorter and AdviceAdapter timers, the Bean with frames, the GeneratorAdapter hello world,
// the annotation adapters, a MethodNode inside a visitor chain, the tree AddTimerTransformer, signatures, Type,
// analysis, TraceClassVisitor, CheckClassAdapter) ported line by line from Guide.java to plain JavaScript, as a
// JavaScript user writes them: no types, `this.cv`/`this.mv` for Java's protected fields, 1n / new Float / new Double
// for Java's long / float / double constants, `{ write }` for a PrintWriter, a ClassPath for ClassReader(String).
// It takes the classforge module (as `import * as classforge from 'classforge'` gives it) and C.class, and returns
// what Guide.java prints and writes. test/asm-port-guide.test.ts compares the two.

export function runGuide(classforge, inputBytes) {
const { ClassReader, ClassWriter, ClassVisitor, MethodVisitor, Opcodes, Label, Type, Float, Double, Character,
  ClassNode, MethodNode, FieldNode, InsnList, InsnNode, FieldInsnNode, MethodInsnNode, LineNumberNode, Analyzer,
  BasicVerifier, LocalVariablesSorter, AdviceAdapter, GeneratorAdapter, Method, TraceClassVisitor, CheckClassAdapter,
  ClassPath, SignatureReader, SignatureWriter, TraceSignatureVisitor } = classforge;
const { ASM4, ASM5, ASM9, V1_5, V1_6, V1_8, ACC_PUBLIC, ACC_PRIVATE, ACC_ABSTRACT, ACC_INTERFACE, ACC_FINAL, ACC_STATIC,
  IRETURN, RETURN, ATHROW, GETSTATIC, PUTSTATIC, INVOKESTATIC, INVOKESPECIAL, LSUB, LADD, ICONST_0, IADD, ALOAD, GETFIELD, PUTFIELD,
  ILOAD, IFLT, GOTO, F_SAME, F_FULL, NEW, DUP, POP, POP2, LSTORE, LLOAD, BIPUSH, SIPUSH, NEWARRAY, T_INT, ISTORE, IF_ICMPLT,
  INTEGER, TOP, ASTORE } = Opcodes;
const printed = [];
const classes = new Map();
const write = (name, b) => classes.set(name, b);
const input = () => inputBytes;
const log = (s) => printed.push(s + '\n');

class ClassPrinter extends ClassVisitor {
  constructor() { super(ASM4); }
  visit(version, access, name, signature, superName, interfaces) { log(name + ' extends ' + superName + ' {'); }
  visitSource(source, debug) {}
  visitOuterClass(owner, name, desc) {}
  visitAnnotation(desc, visible) { return null; }
  visitAttribute(attr) {}
  visitInnerClass(name, outerName, innerName, access) {}
  visitField(access, name, desc, signature, value) { log('    ' + desc + ' ' + name); return null; }
  visitMethod(access, name, desc, signature, exceptions) { log('    ' + name + desc); return null; }
  visitEnd() { log('}'); }
}
class ChangeVersionAdapter extends ClassVisitor {
  constructor(cv) { super(ASM4, cv); }
  visit(version, access, name, signature, superName, interfaces) { this.cv.visit(V1_5, access, name, signature, superName, interfaces); }
}
class RemoveDebugAdapter extends ClassVisitor {
  constructor(cv) { super(ASM4, cv); }
  visitSource(source, debug) {}
  visitOuterClass(owner, name, desc) {}
  visitInnerClass(name, outerName, innerName, access) {}
}
class RemoveMethodAdapter extends ClassVisitor {
  constructor(cv, mName, mDesc) { super(ASM4, cv); this.mName = mName; this.mDesc = mDesc; }
  visitMethod(access, name, desc, signature, exceptions) {
    if (name === this.mName && desc === this.mDesc) return null;
    return this.cv.visitMethod(access, name, desc, signature, exceptions);
  }
}
class AddFieldAdapter extends ClassVisitor {
  constructor(cv, fAcc, fName, fDesc) { super(ASM4, cv); this.fAcc = fAcc; this.fName = fName; this.fDesc = fDesc; this.isFieldPresent = false; }
  visitField(access, name, desc, signature, value) {
    if (name === this.fName) this.isFieldPresent = true;
    return this.cv.visitField(access, name, desc, signature, value);
  }
  visitEnd() {
    if (!this.isFieldPresent) { const fv = this.cv.visitField(this.fAcc, this.fName, this.fDesc, null, null); if (fv != null) fv.visitEnd(); }
    this.cv.visitEnd();
  }
}
class AddTimerAdapter extends ClassVisitor {
  constructor(cv) { super(ASM4, cv); }
  visit(version, access, name, signature, superName, interfaces) {
    this.cv.visit(version, access, name, signature, superName, interfaces);
    this.owner = name; this.isInterface = (access & ACC_INTERFACE) != 0;
  }
  visitMethod(access, name, desc, signature, exceptions) {
    let mv = this.cv.visitMethod(access, name, desc, signature, exceptions);
    if (!this.isInterface && mv != null && name !== '<init>') mv = new AddTimerMethodAdapter(mv, this.owner);
    return mv;
  }
  visitEnd() {
    if (!this.isInterface) { const fv = this.cv.visitField(ACC_PUBLIC + ACC_STATIC, 'timer', 'J', null, null); if (fv != null) fv.visitEnd(); }
    this.cv.visitEnd();
  }
}
class AddTimerMethodAdapter extends MethodVisitor {
  constructor(mv, owner) { super(ASM4, mv); this.owner = owner; }
  visitCode() {
    this.mv.visitCode();
    this.mv.visitFieldInsn(GETSTATIC, this.owner, 'timer', 'J');
    this.mv.visitMethodInsn(INVOKESTATIC, 'java/lang/System', 'currentTimeMillis', '()J');
    this.mv.visitInsn(LSUB);
    this.mv.visitFieldInsn(PUTSTATIC, this.owner, 'timer', 'J');
  }
  visitInsn(opcode) {
    if ((opcode >= IRETURN && opcode <= RETURN) || opcode == ATHROW) {
      this.mv.visitFieldInsn(GETSTATIC, this.owner, 'timer', 'J');
      this.mv.visitMethodInsn(INVOKESTATIC, 'java/lang/System', 'currentTimeMillis', '()J');
      this.mv.visitInsn(LADD);
      this.mv.visitFieldInsn(PUTSTATIC, this.owner, 'timer', 'J');
    }
    this.mv.visitInsn(opcode);
  }
  visitMaxs(maxStack, maxLocals) { this.mv.visitMaxs(maxStack + 4, maxLocals); }
}
const SEEN_NOTHING = 0;
class PatternMethodAdapter extends MethodVisitor {
  constructor(api, mv) { super(api, mv); this.state = SEEN_NOTHING; }
  visitInsn(opcode) { this.visitInsn0(); this.mv.visitInsn(opcode); }
  visitIntInsn(opcode, operand) { this.visitInsn0(); this.mv.visitIntInsn(opcode, operand); }
  visitVarInsn(opcode, v) { this.visitInsn0(); this.mv.visitVarInsn(opcode, v); }
  visitTypeInsn(opcode, desc) { this.visitInsn0(); this.mv.visitTypeInsn(opcode, desc); }
  visitFieldInsn(opcode, owner, name, desc) { this.visitInsn0(); this.mv.visitFieldInsn(opcode, owner, name, desc); }
  visitMethodInsn(opcode, owner, name, desc, itf) { this.visitInsn0(); this.mv.visitMethodInsn(opcode, owner, name, desc, itf); }
  visitJumpInsn(opcode, label) { this.visitInsn0(); this.mv.visitJumpInsn(opcode, label); }
  visitLabel(label) { this.visitInsn0(); this.mv.visitLabel(label); }
  visitLdcInsn(cst) { this.visitInsn0(); this.mv.visitLdcInsn(cst); }
  visitIincInsn(v, increment) { this.visitInsn0(); this.mv.visitIincInsn(v, increment); }
  visitTableSwitchInsn(min, max, dflt, ...labels) { this.visitInsn0(); this.mv.visitTableSwitchInsn(min, max, dflt, ...labels); }
  visitLookupSwitchInsn(dflt, keys, labels) { this.visitInsn0(); this.mv.visitLookupSwitchInsn(dflt, keys, labels); }
  visitMultiANewArrayInsn(desc, dims) { this.visitInsn0(); this.mv.visitMultiANewArrayInsn(desc, dims); }
  visitFrame(type, nLocal, local, nStack, stack) { this.visitInsn0(); this.mv.visitFrame(type, nLocal, local, nStack, stack); }
  visitMaxs(maxStack, maxLocals) { this.visitInsn0(); this.mv.visitMaxs(maxStack, maxLocals); }
}
const SEEN_ICONST_0 = 1;
class RemoveAddZeroAdapter extends PatternMethodAdapter {
  constructor(mv) { super(ASM5, mv); }
  visitInsn(opcode) {
    if (this.state == SEEN_ICONST_0) { if (opcode == IADD) { this.state = SEEN_NOTHING; return; } }
    this.visitInsn0();
    if (opcode == ICONST_0) { this.state = SEEN_ICONST_0; return; }
    this.mv.visitInsn(opcode);
  }
  visitInsn0() { if (this.state == SEEN_ICONST_0) this.mv.visitInsn(ICONST_0); this.state = SEEN_NOTHING; }
}
const SEEN_ALOAD_0 = 1, SEEN_ALOAD_0ALOAD_0 = 2, SEEN_ALOAD_0ALOAD_0GETFIELD = 3;
class RemoveGetFieldPutFieldAdapter extends PatternMethodAdapter {
  constructor(mv) { super(ASM5, mv); }
  visitVarInsn(opcode, v) {
    switch (this.state) {
      case SEEN_NOTHING: if (opcode == ALOAD && v == 0) { this.state = SEEN_ALOAD_0; return; } break;
      case SEEN_ALOAD_0: if (opcode == ALOAD && v == 0) { this.state = SEEN_ALOAD_0ALOAD_0; return; } break;
      case SEEN_ALOAD_0ALOAD_0: if (opcode == ALOAD && v == 0) { this.mv.visitVarInsn(ALOAD, 0); return; } break;
    }
    this.visitInsn0(); this.mv.visitVarInsn(opcode, v);
  }
  visitFieldInsn(opcode, owner, name, desc) {
    switch (this.state) {
      case SEEN_ALOAD_0ALOAD_0: if (opcode == GETFIELD) { this.state = SEEN_ALOAD_0ALOAD_0GETFIELD; this.fieldOwner = owner; this.fieldName = name; this.fieldDesc = desc; return; } break;
      case SEEN_ALOAD_0ALOAD_0GETFIELD: if (opcode == PUTFIELD && name === this.fieldName) { this.state = SEEN_NOTHING; return; } break;
    }
    this.visitInsn0(); this.mv.visitFieldInsn(opcode, owner, name, desc);
  }
  visitInsn0() {
    switch (this.state) {
      case SEEN_ALOAD_0: this.mv.visitVarInsn(ALOAD, 0); break;
      case SEEN_ALOAD_0ALOAD_0: this.mv.visitVarInsn(ALOAD, 0); this.mv.visitVarInsn(ALOAD, 0); break;
      case SEEN_ALOAD_0ALOAD_0GETFIELD: this.mv.visitVarInsn(ALOAD, 0); this.mv.visitVarInsn(ALOAD, 0); this.mv.visitFieldInsn(GETFIELD, this.fieldOwner, this.fieldName, this.fieldDesc); break;
    }
    this.state = SEEN_NOTHING;
  }
}
class AddTimerMethodAdapter4 extends LocalVariablesSorter {
  constructor(owner, access, desc, mv) { super(ASM5, access, desc, mv); this.owner = owner; }
  visitCode() {
    super.visitCode();
    this.mv.visitMethodInsn(INVOKESTATIC, 'java/lang/System', 'currentTimeMillis', '()J', false);
    this.time = this.newLocal(Type.LONG_TYPE);
    this.mv.visitVarInsn(LSTORE, this.time);
  }
  visitInsn(opcode) {
    if ((opcode >= IRETURN && opcode <= RETURN) || opcode == ATHROW) {
      this.mv.visitMethodInsn(INVOKESTATIC, 'java/lang/System', 'currentTimeMillis', '()J', false);
      this.mv.visitVarInsn(LLOAD, this.time);
      this.mv.visitInsn(LSUB);
      this.mv.visitFieldInsn(GETSTATIC, this.owner, 'timer', 'J');
      this.mv.visitInsn(LADD);
      this.mv.visitFieldInsn(PUTSTATIC, this.owner, 'timer', 'J');
    }
    super.visitInsn(opcode);
  }
  visitMaxs(maxStack, maxLocals) { super.visitMaxs(maxStack + 4, maxLocals); }
}
class AddTimerAdvice extends AdviceAdapter {
  constructor(owner, access, name, desc, mv) { super(ASM5, mv, access, name, desc); this.owner = owner; }
  onMethodEnter() {
    this.mv.visitFieldInsn(GETSTATIC, this.owner, 'timer', 'J');
    this.mv.visitMethodInsn(INVOKESTATIC, 'java/lang/System', 'currentTimeMillis', '()J', false);
    this.mv.visitInsn(LSUB);
    this.mv.visitFieldInsn(PUTSTATIC, this.owner, 'timer', 'J');
  }
  onMethodExit(opcode) {
    this.mv.visitFieldInsn(GETSTATIC, this.owner, 'timer', 'J');
    this.mv.visitMethodInsn(INVOKESTATIC, 'java/lang/System', 'currentTimeMillis', '()J', false);
    this.mv.visitInsn(LADD);
    this.mv.visitFieldInsn(PUTSTATIC, this.owner, 'timer', 'J');
  }
  visitMaxs(maxStack, maxLocals) { super.visitMaxs(maxStack + 4, maxLocals); }
}
class MethodTransformer extends ClassVisitor {
  constructor(cv, which) { super(ASM9, cv); this.which = which; }
  visitMethod(access, name, desc, signature, exceptions) {
    const mv = this.cv.visitMethod(access, name, desc, signature, exceptions);
    if (mv == null) return null;
    if (this.which === 'addzero') return new RemoveAddZeroAdapter(mv);
    if (this.which === 'getput') return new RemoveGetFieldPutFieldAdapter(mv);
    if (this.which === 'timer4') return new AddTimerMethodAdapter4('C', access, desc, mv);
    if (this.which === 'advice') return new AddTimerAdvice('C', access, name, desc, mv);
    return mv;
  }
}
class RemoveAnnotationAdapter extends ClassVisitor {
  constructor(cv, annDesc) { super(ASM4, cv); this.annDesc = annDesc; }
  visitAnnotation(desc, vis) {
    if (desc === this.annDesc) return null;
    return this.cv.visitAnnotation(desc, vis);
  }
}
class AddAnnotationAdapter extends ClassVisitor {
  constructor(cv, annotationDesc) { super(ASM4, cv); this.annotationDesc = annotationDesc; this.isAnnotationPresent = false; }
  visit(version, access, name, signature, superName, interfaces) {
    const v = (version & 0xFF) < V1_5 ? V1_5 : version;
    this.cv.visit(v, access, name, signature, superName, interfaces);
  }
  visitAnnotation(desc, visible) {
    if (visible && desc === this.annotationDesc) this.isAnnotationPresent = true;
    return this.cv.visitAnnotation(desc, visible);
  }
  visitInnerClass(name, outerName, innerName, access) { this.addAnnotation(); this.cv.visitInnerClass(name, outerName, innerName, access); }
  visitField(access, name, desc, signature, value) { this.addAnnotation(); return this.cv.visitField(access, name, desc, signature, value); }
  visitMethod(access, name, desc, signature, exceptions) { this.addAnnotation(); return this.cv.visitMethod(access, name, desc, signature, exceptions); }
  visitEnd() { this.addAnnotation(); this.cv.visitEnd(); }
  addAnnotation() {
    if (!this.isAnnotationPresent) {
      const av = this.cv.visitAnnotation(this.annotationDesc, true);
      if (av != null) {
        av.visit('count', 3);
        av.visit('name', 's');
        av.visit('big', 4n);
        av.visit('ratio', new Float(0.25));
        av.visit('ch', new Character('c'));
        av.visit('ints', new Int32Array([1, 2]));
        av.visitEnum('e', 'Ljava/lang/annotation/RetentionPolicy;', 'RUNTIME');
        const arr = av.visitArray('names');
        arr.visit(null, 'a'); arr.visit(null, 'b'); arr.visitEnd();
        av.visitEnd();
      }
      this.isAnnotationPresent = true;
    }
  }
}
class MyMethodAdapter extends MethodVisitor {
  constructor(access, name, desc, signature, exceptions, mv) {
    super(ASM4, new MethodNode(access, name, desc, signature, exceptions));
    this.next = mv;
  }
  visitEnd() {
    const mn = this.mv; // Java: (MethodNode) mv
    const insns = mn.instructions;
    const i = insns.iterator();
    while (i.hasNext()) {
      const insn = i.next();
      if (insn instanceof LineNumberNode) i.remove();
    }
    mn.accept(this.next);
  }
}
function addTimerTransform(cn) {
  for (const mn of cn.methods) {
    if ('<init>' === mn.name || '<clinit>' === mn.name) continue;
    const insns = mn.instructions;
    if (insns.size() == 0) continue;
    const j = insns.iterator();
    while (j.hasNext()) {
      const insn = j.next();
      const op = insn.getOpcode();
      if ((op >= IRETURN && op <= RETURN) || op == ATHROW) {
        const il = new InsnList();
        il.add(new FieldInsnNode(GETSTATIC, cn.name, 'timer', 'J'));
        il.add(new MethodInsnNode(INVOKESTATIC, 'java/lang/System', 'currentTimeMillis', '()J', false));
        il.add(new InsnNode(LADD));
        il.add(new FieldInsnNode(PUTSTATIC, cn.name, 'timer', 'J'));
        insns.insert(insn.getPrevious(), il);
      }
    }
    const il = new InsnList();
    il.add(new FieldInsnNode(GETSTATIC, cn.name, 'timer', 'J'));
    il.add(new MethodInsnNode(INVOKESTATIC, 'java/lang/System', 'currentTimeMillis', '()J', false));
    il.add(new InsnNode(LSUB));
    il.add(new FieldInsnNode(PUTSTATIC, cn.name, 'timer', 'J'));
    insns.insert(il);
    mn.maxStack += 4;
  }
  const acc = ACC_PUBLIC | ACC_STATIC;
  cn.fields.push(new FieldNode(acc, 'timer', 'J', null, null)); // Java: cn.fields.add(…)
}
function transform(f, flags, ropts = 0) {
  const cr = new ClassReader(input());
  const cw = new ClassWriter(cr, flags);
  cr.accept(f(cw), ropts);
  return cw.toByteArray();
}

{
  const cp = new ClassPrinter();
  const cr = new ClassReader(new ClassPath([]).getClassBytes('java/lang/Runnable')); // Java: new ClassReader("java.lang.Runnable")
  cr.accept(cp, 0);
}
new ClassReader(input()).accept(new ClassPrinter(), 0);

{
  const cw = new ClassWriter(0);
  cw.visit(V1_5, ACC_PUBLIC + ACC_ABSTRACT + ACC_INTERFACE, 'pkg/Comparable', null, 'java/lang/Object', ['pkg/Mesurable']);
  cw.visitField(ACC_PUBLIC + ACC_FINAL + ACC_STATIC, 'LESS', 'I', null, -1).visitEnd();
  cw.visitField(ACC_PUBLIC + ACC_FINAL + ACC_STATIC, 'EQUAL', 'I', null, 0).visitEnd();
  cw.visitField(ACC_PUBLIC + ACC_FINAL + ACC_STATIC, 'GREATER', 'I', null, 1).visitEnd();
  cw.visitField(ACC_PUBLIC + ACC_FINAL + ACC_STATIC, 'BIG', 'J', null, 1n).visitEnd();
  cw.visitField(ACC_PUBLIC + ACC_FINAL + ACC_STATIC, 'HALF', 'F', null, new Float(0.5)).visitEnd();
  cw.visitField(ACC_PUBLIC + ACC_FINAL + ACC_STATIC, 'PI', 'D', null, new Double(3.14)).visitEnd();
  cw.visitField(ACC_PUBLIC + ACC_FINAL + ACC_STATIC, 'FLAG', 'Z', null, true).visitEnd();
  cw.visitField(ACC_PUBLIC + ACC_FINAL + ACC_STATIC, 'CH', 'C', null, new Character('x')).visitEnd();
  cw.visitMethod(ACC_PUBLIC + ACC_ABSTRACT, 'compareTo', '(Ljava/lang/Object;)I', null, null).visitEnd();
  cw.visitEnd();
  write('comparable', cw.toByteArray());
}
write('changeversion', transform((v) => new ChangeVersionAdapter(v), 0));
write('removedebug', transform((v) => new RemoveDebugAdapter(v), 0));
write('removemethod', transform((v) => new RemoveMethodAdapter(v, 'self', '()V'), 0));
write('addfield', transform((v) => new AddFieldAdapter(v, ACC_PUBLIC, 'added', 'Ljava/lang/String;'), 0));
write('addtimer', transform((v) => new AddTimerAdapter(v), 0));
write('addzero', transform((v) => new MethodTransformer(v, 'addzero'), ClassWriter.COMPUTE_MAXS));
write('getput', transform((v) => new MethodTransformer(v, 'getput'), ClassWriter.COMPUTE_MAXS));
write('timer4', transform((v) => new (class extends AddTimerAdapter {
  visitMethod(a, n, d, s, e) { return this.cv.visitMethod(a, n, d, s, e); } })(new MethodTransformer(v, 'timer4')), ClassWriter.COMPUTE_MAXS, ClassReader.EXPAND_FRAMES));
write('advice', transform((v) => new MethodTransformer(v, 'advice'), ClassWriter.COMPUTE_MAXS, ClassReader.EXPAND_FRAMES));
try { transform((v) => new MethodTransformer(v, 'timer4'), 0); } catch (e) { log(e.constructor.name + ': ' + e.message); }

{
  const cw = new ClassWriter(0);
  cw.visit(V1_6, ACC_PUBLIC, 'pkg/Bean', null, 'java/lang/Object', null);
  cw.visitField(ACC_PRIVATE, 'f', 'I', null, null).visitEnd();
  let mv = cw.visitMethod(ACC_PUBLIC, 'checkAndSetF', '(I)V', null, null);
  mv.visitCode();
  mv.visitVarInsn(ILOAD, 1);
  const label = new Label();
  mv.visitJumpInsn(IFLT, label);
  mv.visitVarInsn(ALOAD, 0);
  mv.visitVarInsn(ILOAD, 1);
  mv.visitFieldInsn(PUTFIELD, 'pkg/Bean', 'f', 'I');
  const end = new Label();
  mv.visitJumpInsn(GOTO, end);
  mv.visitLabel(label);
  mv.visitFrame(F_SAME, 0, null, 0, null);
  mv.visitTypeInsn(NEW, 'java/lang/IllegalArgumentException');
  mv.visitInsn(DUP);
  mv.visitMethodInsn(INVOKESPECIAL, 'java/lang/IllegalArgumentException', '<init>', '()V');
  mv.visitInsn(ATHROW);
  mv.visitLabel(end);
  mv.visitFrame(F_SAME, 0, null, 0, null);
  mv.visitInsn(RETURN);
  mv.visitMaxs(2, 2);
  mv.visitEnd();
  mv = cw.visitMethod(ACC_PUBLIC + ACC_STATIC, 'consts', '()V', null, null);
  mv.visitCode();
  mv.visitLdcInsn(1n); mv.visitInsn(POP2);
  mv.visitLdcInsn(new Float(1)); mv.visitInsn(POP);
  mv.visitLdcInsn(new Double(1)); mv.visitInsn(POP2);
  mv.visitLdcInsn(1); mv.visitInsn(POP);
  mv.visitLdcInsn(123456789012n); mv.visitInsn(POP2);
  mv.visitLdcInsn(new Float(2.5)); mv.visitInsn(POP);
  mv.visitLdcInsn(100000); mv.visitInsn(POP);
  mv.visitLdcInsn('s'); mv.visitInsn(POP);
  mv.visitLdcInsn(Type.getObjectType('java/lang/String')); mv.visitInsn(POP);
  mv.visitLdcInsn(Type.getType('[I')); mv.visitInsn(POP);
  mv.visitIntInsn(BIPUSH, 10); mv.visitInsn(POP);
  mv.visitIntInsn(NEWARRAY, T_INT); mv.visitInsn(POP);
  const l2 = new Label();
  mv.visitInsn(ICONST_0); mv.visitVarInsn(ISTORE, 0);
  mv.visitLabel(l2);
  mv.visitFrame(F_FULL, 1, [INTEGER], 0, []);
  mv.visitIincInsn(0, 1);
  mv.visitVarInsn(ILOAD, 0);
  mv.visitIntInsn(SIPUSH, 1000);
  mv.visitJumpInsn(IF_ICMPLT, l2);
  const l3 = new Label();
  mv.visitLdcInsn('x');
  mv.visitVarInsn(ASTORE, 0);
  mv.visitLabel(l3);
  mv.visitFrame(F_FULL, 1, ['java/lang/String'], 1, [TOP]);
  mv.visitInsn(POP);
  mv.visitInsn(RETURN);
  mv.visitMaxs(4, 1);
  mv.visitEnd();
  cw.visitEnd();
  write('bean', cw.toByteArray());
}

{
  const cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES);
  cw.visit(V1_8, ACC_PUBLIC, 'Example', null, 'java/lang/Object', null);
  let m = Method.getMethod('void <init> ()');
  let mg = new GeneratorAdapter(ACC_PUBLIC, m, null, null, cw);
  mg.loadThis();
  mg.invokeConstructor(Type.getType('Ljava/lang/Object;'), m);
  mg.returnValue();
  mg.endMethod();
  m = Method.getMethod('void main (String[])');
  mg = new GeneratorAdapter(ACC_PUBLIC + ACC_STATIC, m, null, null, cw);
  mg.getStatic(Type.getType('Ljava/lang/System;'), 'out', Type.getType('Ljava/io/PrintStream;'));
  mg.push('Hello world!');
  mg.invokeVirtual(Type.getType('Ljava/io/PrintStream;'), Method.getMethod('void println (String)'));
  mg.push(5n); mg.push(new Float(1.5)); mg.push(new Double(2.5)); mg.push(true); mg.pop(); mg.pop(); mg.pop2(); mg.pop2();
  mg.returnValue();
  mg.endMethod();
  cw.visitEnd();
  write('hello', cw.toByteArray());
}

{
  const S = Type.getObjectType('java/lang/String');
  log(S.getInternalName());
  log(S.getDescriptor());
  log(S.getInternalName());
  log(Type.getMethodDescriptor(Type.INT_TYPE, S, Type.LONG_TYPE));
  for (const t of Type.getArgumentTypes('(I[Ljava/lang/String;J)V')) log(t + ' ' + t.getSort() + ' ' + t.getSize() + ' ' + t.getClassName());
  log('' + Type.getReturnType('(I)Ljava/lang/Object;'));
  log(Type.getObjectType('java/lang/String').getDescriptor());
  log(Type.getType('[[I').getElementType() + ' ' + Type.getType('[[I').getDimensions());
  log('' + Type.getMethodType('(IJ)V').getArgumentsAndReturnSizes());
}

{
  const cn = new ClassNode();
  new ClassReader(input()).accept(cn, 0);
  for (const mn of cn.methods) {
    const a = new Analyzer(new BasicVerifier());
    a.analyze(cn.name, mn);
    const frames = a.getFrames();
    let maxStack = 0;
    for (const f of frames) if (f != null) maxStack = Math.max(maxStack, f.getStackSize());
    log(mn.name + ' frames=' + frames.length + ' maxStackSeen=' + maxStack + ' insns=' + mn.instructions.size());
    const it = mn.instructions.iterator();
    let n = 0; while (it.hasNext()) { const insn = it.next(); if (insn.getOpcode() >= 0) n++; }
    log('  real=' + n + ' first=' + frames[0]);
  }
}
new ClassReader(input()).accept(new TraceClassVisitor(null, { write: (s) => printed.push(s) }), 0); // Java: new PrintWriter(System.out)
try {
  const w = new ClassWriter(0);
  const cc = new CheckClassAdapter(w);
  cc.visit(V1_8, ACC_PUBLIC, 'X', null, 'java/lang/Object', null);
  const bad = cc.visitMethod(ACC_PUBLIC, 'm', '()V', null, null);
  bad.visitCode();
  bad.visitVarInsn(ALOAD, -1);
} catch (e) { log(e.constructor.name + ': ' + e.message); }

write('removeann', transform((v) => new RemoveAnnotationAdapter(v, 'Ljava/lang/Deprecated;'), 0));
write('addann', transform((v) => new AddAnnotationAdapter(v, 'LMyAnn;'), 0));
write('methodnode', transform((v) => new (class extends ClassVisitor {
  visitMethod(a, n, d, s, e) {
    const mv = this.cv.visitMethod(a, n, d, s, e);
    return mv == null ? null : new MyMethodAdapter(a, n, d, s, e, mv);
  } })(ASM9, v), 0));
const tcn = new ClassNode();
const tcr = new ClassReader(input());
tcr.accept(tcn, 0);
addTimerTransform(tcn);
const tcw = new ClassWriter(0);
tcn.accept(tcw);
write('treetimer', tcw.toByteArray());
new ClassReader(input()).accept(new (class extends ClassVisitor {
  visitMethod(a, n, d, s, e) {
    if (s != null) {
      const v = new TraceSignatureVisitor(a);
      new SignatureReader(s).accept(v);
      log(n + ': ' + v.getDeclaration() + ' returns ' + v.getReturnType());
      const w = new SignatureWriter();
      new SignatureReader(s).accept(w);
      log(String(w.toString() === s));
    }
    return null;
  } })(ASM9), 0);
return { text: printed.join(''), classes };
}
