// The examples of the ASM 4 user guide (E. Bruneton, "ASM 4.0 — A Java bytecode engineering library") as Guide.java
// writes them, ported line by line to TypeScript: the same classes, methods and calls, with Java's protected `cv`/`mv`
// read as `this.cv`/`this.mv`, 1n / new Float / new Double for Java's long / float / double constants,
// Type.getObjectType for Type.getType(X.class), `{ write }` for a PrintWriter and a ClassPath for ClassReader(String).
// runGuide returns what Guide.java prints and writes; test/asm-port-guide.test.ts compares them.

import {
  AbstractInsnNode,
  AdviceAdapter,
  Analyzer,
  AnnotationVisitor,
  Attribute,
  BasicValue,
  BasicVerifier,
  Character,
  CheckClassAdapter,
  ClassNode,
  ClassPath,
  ClassReader,
  ClassVisitor,
  ClassWriter,
  Double,
  FieldInsnNode,
  FieldNode,
  FieldVisitor,
  Float,
  Frame,
  GeneratorAdapter,
  InsnList,
  InsnNode,
  Label,
  LineNumberNode,
  LocalVariablesSorter,
  Method,
  MethodInsnNode,
  MethodNode,
  MethodVisitor,
  Opcodes,
  SignatureReader,
  SignatureWriter,
  TraceClassVisitor,
  TraceSignatureVisitor,
  Type,
  type ConstantValue,
  type FrameElement,
} from '../../src/index.js';

const {
  ASM4, ASM5, ASM9, V1_5, V1_6, V1_8, ACC_PUBLIC, ACC_PRIVATE, ACC_ABSTRACT, ACC_INTERFACE, ACC_FINAL, ACC_STATIC,
  IRETURN, RETURN, ATHROW, GETSTATIC, PUTSTATIC, INVOKESTATIC, INVOKESPECIAL, LSUB, LADD, ICONST_0, IADD, ALOAD,
  GETFIELD, PUTFIELD, ILOAD, IFLT, GOTO, F_SAME, F_FULL, NEW, DUP, POP, POP2, LSTORE, LLOAD, BIPUSH, SIPUSH, NEWARRAY,
  T_INT, ISTORE, IF_ICMPLT, INTEGER, TOP, ASTORE,
} = Opcodes;

export interface GuideResult {
  /** What the examples print (System.out in Guide.java). */
  text: string;
  /** The classes they write, by example name. */
  classes: Map<string, Uint8Array>;
}

let printed: string[] = [];
const log = (s: string) => printed.push(s + '\n');

// 2.2.2 ClassPrinter
class ClassPrinter extends ClassVisitor {
  constructor() {
    super(ASM4);
  }
  override visit(version: number, access: number, name: string, signature: string | null, superName: string | null, interfaces: string[] | null): void {
    log(name + ' extends ' + superName + ' {');
  }
  override visitSource(source: string | null, debug: string | null): void {}
  override visitOuterClass(owner: string, name: string | null, desc: string | null): void {}
  override visitAnnotation(desc: string, visible: boolean): AnnotationVisitor | null {
    return null;
  }
  override visitAttribute(attr: Attribute): void {}
  override visitInnerClass(name: string, outerName: string | null, innerName: string | null, access: number): void {}
  override visitField(access: number, name: string, desc: string, signature: string | null, value: ConstantValue | null): FieldVisitor | null {
    log('    ' + desc + ' ' + name);
    return null;
  }
  override visitMethod(access: number, name: string, desc: string, signature: string | null, exceptions: string[] | null): MethodVisitor | null {
    log('    ' + name + desc);
    return null;
  }
  override visitEnd(): void {
    log('}');
  }
}

// 2.2.4 ChangeVersionAdapter, RemoveDebugAdapter; 2.2.5 RemoveMethodAdapter, AddFieldAdapter
class ChangeVersionAdapter extends ClassVisitor {
  constructor(cv: ClassVisitor) {
    super(ASM4, cv);
  }
  override visit(version: number, access: number, name: string, signature: string | null, superName: string | null, interfaces: string[] | null): void {
    this.cv!.visit(V1_5, access, name, signature, superName, interfaces);
  }
}

class RemoveDebugAdapter extends ClassVisitor {
  constructor(cv: ClassVisitor) {
    super(ASM4, cv);
  }
  override visitSource(source: string | null, debug: string | null): void {}
  override visitOuterClass(owner: string, name: string | null, desc: string | null): void {}
  override visitInnerClass(name: string, outerName: string | null, innerName: string | null, access: number): void {}
}

class RemoveMethodAdapter extends ClassVisitor {
  constructor(cv: ClassVisitor, private mName: string, private mDesc: string) {
    super(ASM4, cv);
  }
  override visitMethod(access: number, name: string, desc: string, signature: string | null, exceptions: string[] | null): MethodVisitor | null {
    if (name === this.mName && desc === this.mDesc) {
      return null;
    }
    return this.cv!.visitMethod(access, name, desc, signature, exceptions);
  }
}

class AddFieldAdapter extends ClassVisitor {
  private isFieldPresent = false;
  constructor(cv: ClassVisitor, private fAcc: number, private fName: string, private fDesc: string) {
    super(ASM4, cv);
  }
  override visitField(access: number, name: string, desc: string, signature: string | null, value: ConstantValue | null): FieldVisitor | null {
    if (name === this.fName) {
      this.isFieldPresent = true;
    }
    return this.cv!.visitField(access, name, desc, signature, value);
  }
  override visitEnd(): void {
    if (!this.isFieldPresent) {
      const fv = this.cv!.visitField(this.fAcc, this.fName, this.fDesc, null, null);
      if (fv != null) {
        fv.visitEnd();
      }
    }
    this.cv!.visitEnd();
  }
}

// 3.2.4 AddTimerAdapter (Java's inner class AddTimerMethodAdapter reads the outer `owner`: passed here)
class AddTimerAdapter extends ClassVisitor {
  private owner = '';
  private isInterface = false;
  constructor(cv: ClassVisitor) {
    super(ASM4, cv);
  }
  override visit(version: number, access: number, name: string, signature: string | null, superName: string | null, interfaces: string[] | null): void {
    this.cv!.visit(version, access, name, signature, superName, interfaces);
    this.owner = name;
    this.isInterface = (access & ACC_INTERFACE) != 0;
  }
  override visitMethod(access: number, name: string, desc: string, signature: string | null, exceptions: string[] | null): MethodVisitor | null {
    let mv = this.cv!.visitMethod(access, name, desc, signature, exceptions);
    if (!this.isInterface && mv != null && name !== '<init>') {
      mv = new AddTimerMethodAdapter(mv, this.owner);
    }
    return mv;
  }
  override visitEnd(): void {
    if (!this.isInterface) {
      const fv = this.cv!.visitField(ACC_PUBLIC + ACC_STATIC, 'timer', 'J', null, null);
      if (fv != null) {
        fv.visitEnd();
      }
    }
    this.cv!.visitEnd();
  }
}

class AddTimerMethodAdapter extends MethodVisitor {
  constructor(mv: MethodVisitor, private owner: string) {
    super(ASM4, mv);
  }
  override visitCode(): void {
    this.mv!.visitCode();
    this.mv!.visitFieldInsn(GETSTATIC, this.owner, 'timer', 'J');
    this.mv!.visitMethodInsn(INVOKESTATIC, 'java/lang/System', 'currentTimeMillis', '()J');
    this.mv!.visitInsn(LSUB);
    this.mv!.visitFieldInsn(PUTSTATIC, this.owner, 'timer', 'J');
  }
  override visitInsn(opcode: number): void {
    if ((opcode >= IRETURN && opcode <= RETURN) || opcode == ATHROW) {
      this.mv!.visitFieldInsn(GETSTATIC, this.owner, 'timer', 'J');
      this.mv!.visitMethodInsn(INVOKESTATIC, 'java/lang/System', 'currentTimeMillis', '()J');
      this.mv!.visitInsn(LADD);
      this.mv!.visitFieldInsn(PUTSTATIC, this.owner, 'timer', 'J');
    }
    this.mv!.visitInsn(opcode);
  }
  override visitMaxs(maxStack: number, maxLocals: number): void {
    this.mv!.visitMaxs(maxStack + 4, maxLocals);
  }
}

// 3.2.5 PatternMethodAdapter, RemoveAddZeroAdapter, RemoveGetFieldPutFieldAdapter. Java overloads visitInsn() and
// visitInsn(int); a TypeScript class cannot, so the no-argument one is visitInsn0.
const SEEN_NOTHING = 0;
abstract class PatternMethodAdapter extends MethodVisitor {
  protected state = SEEN_NOTHING;
  constructor(api: number, mv: MethodVisitor) {
    super(api, mv);
  }
  override visitInsn(opcode: number): void {
    this.visitInsn0();
    this.mv!.visitInsn(opcode);
  }
  override visitIntInsn(opcode: number, operand: number): void {
    this.visitInsn0();
    this.mv!.visitIntInsn(opcode, operand);
  }
  override visitVarInsn(opcode: number, v: number): void {
    this.visitInsn0();
    this.mv!.visitVarInsn(opcode, v);
  }
  override visitTypeInsn(opcode: number, desc: string): void {
    this.visitInsn0();
    this.mv!.visitTypeInsn(opcode, desc);
  }
  override visitFieldInsn(opcode: number, owner: string, name: string, desc: string): void {
    this.visitInsn0();
    this.mv!.visitFieldInsn(opcode, owner, name, desc);
  }
  override visitMethodInsn(opcode: number, owner: string, name: string, desc: string, itf?: boolean): void {
    this.visitInsn0();
    this.mv!.visitMethodInsn(opcode, owner, name, desc, itf);
  }
  override visitJumpInsn(opcode: number, label: Label): void {
    this.visitInsn0();
    this.mv!.visitJumpInsn(opcode, label);
  }
  override visitLabel(label: Label): void {
    this.visitInsn0();
    this.mv!.visitLabel(label);
  }
  override visitLdcInsn(cst: ConstantValue): void {
    this.visitInsn0();
    this.mv!.visitLdcInsn(cst);
  }
  override visitIincInsn(v: number, increment: number): void {
    this.visitInsn0();
    this.mv!.visitIincInsn(v, increment);
  }
  override visitTableSwitchInsn(min: number, max: number, dflt: Label, ...labels: (Label | readonly Label[])[]): void {
    this.visitInsn0();
    this.mv!.visitTableSwitchInsn(min, max, dflt, ...labels);
  }
  override visitLookupSwitchInsn(dflt: Label, keys: number[], labels: Label[]): void {
    this.visitInsn0();
    this.mv!.visitLookupSwitchInsn(dflt, keys, labels);
  }
  override visitMultiANewArrayInsn(desc: string, dims: number): void {
    this.visitInsn0();
    this.mv!.visitMultiANewArrayInsn(desc, dims);
  }
  override visitFrame(type: number, nLocal: number, local: FrameElement[] | null, nStack: number, stack: FrameElement[] | null): void {
    this.visitInsn0();
    this.mv!.visitFrame(type, nLocal, local, nStack, stack);
  }
  override visitMaxs(maxStack: number, maxLocals: number): void {
    this.visitInsn0();
    this.mv!.visitMaxs(maxStack, maxLocals);
  }
  protected abstract visitInsn0(): void;
}

const SEEN_ICONST_0 = 1;
class RemoveAddZeroAdapter extends PatternMethodAdapter {
  constructor(mv: MethodVisitor) {
    super(ASM5, mv);
  }
  override visitInsn(opcode: number): void {
    if (this.state == SEEN_ICONST_0) {
      if (opcode == IADD) {
        this.state = SEEN_NOTHING;
        return;
      }
    }
    this.visitInsn0();
    if (opcode == ICONST_0) {
      this.state = SEEN_ICONST_0;
      return;
    }
    this.mv!.visitInsn(opcode);
  }
  protected override visitInsn0(): void {
    if (this.state == SEEN_ICONST_0) {
      this.mv!.visitInsn(ICONST_0);
    }
    this.state = SEEN_NOTHING;
  }
}

const SEEN_ALOAD_0 = 1;
const SEEN_ALOAD_0ALOAD_0 = 2;
const SEEN_ALOAD_0ALOAD_0GETFIELD = 3;
class RemoveGetFieldPutFieldAdapter extends PatternMethodAdapter {
  private fieldOwner = '';
  private fieldName = '';
  private fieldDesc = '';
  constructor(mv: MethodVisitor) {
    super(ASM5, mv);
  }
  override visitVarInsn(opcode: number, v: number): void {
    switch (this.state) {
      case SEEN_NOTHING:
        if (opcode == ALOAD && v == 0) {
          this.state = SEEN_ALOAD_0;
          return;
        }
        break;
      case SEEN_ALOAD_0:
        if (opcode == ALOAD && v == 0) {
          this.state = SEEN_ALOAD_0ALOAD_0;
          return;
        }
        break;
      case SEEN_ALOAD_0ALOAD_0:
        if (opcode == ALOAD && v == 0) {
          this.mv!.visitVarInsn(ALOAD, 0);
          return;
        }
        break;
    }
    this.visitInsn0();
    this.mv!.visitVarInsn(opcode, v);
  }
  override visitFieldInsn(opcode: number, owner: string, name: string, desc: string): void {
    switch (this.state) {
      case SEEN_ALOAD_0ALOAD_0:
        if (opcode == GETFIELD) {
          this.state = SEEN_ALOAD_0ALOAD_0GETFIELD;
          this.fieldOwner = owner;
          this.fieldName = name;
          this.fieldDesc = desc;
          return;
        }
        break;
      case SEEN_ALOAD_0ALOAD_0GETFIELD:
        if (opcode == PUTFIELD && name === this.fieldName) {
          this.state = SEEN_NOTHING;
          return;
        }
        break;
    }
    this.visitInsn0();
    this.mv!.visitFieldInsn(opcode, owner, name, desc);
  }
  protected override visitInsn0(): void {
    switch (this.state) {
      case SEEN_ALOAD_0:
        this.mv!.visitVarInsn(ALOAD, 0);
        break;
      case SEEN_ALOAD_0ALOAD_0:
        this.mv!.visitVarInsn(ALOAD, 0);
        this.mv!.visitVarInsn(ALOAD, 0);
        break;
      case SEEN_ALOAD_0ALOAD_0GETFIELD:
        this.mv!.visitVarInsn(ALOAD, 0);
        this.mv!.visitVarInsn(ALOAD, 0);
        this.mv!.visitFieldInsn(GETFIELD, this.fieldOwner, this.fieldName, this.fieldDesc);
        break;
    }
    this.state = SEEN_NOTHING;
  }
}

// 3.3.1 LocalVariablesSorter
class AddTimerMethodAdapter4 extends LocalVariablesSorter {
  private time = 0;
  constructor(private owner: string, access: number, desc: string, mv: MethodVisitor) {
    super(ASM5, access, desc, mv);
  }
  override visitCode(): void {
    super.visitCode();
    this.mv!.visitMethodInsn(INVOKESTATIC, 'java/lang/System', 'currentTimeMillis', '()J', false);
    this.time = this.newLocal(Type.LONG_TYPE);
    this.mv!.visitVarInsn(LSTORE, this.time);
  }
  override visitInsn(opcode: number): void {
    if ((opcode >= IRETURN && opcode <= RETURN) || opcode == ATHROW) {
      this.mv!.visitMethodInsn(INVOKESTATIC, 'java/lang/System', 'currentTimeMillis', '()J', false);
      this.mv!.visitVarInsn(LLOAD, this.time);
      this.mv!.visitInsn(LSUB);
      this.mv!.visitFieldInsn(GETSTATIC, this.owner, 'timer', 'J');
      this.mv!.visitInsn(LADD);
      this.mv!.visitFieldInsn(PUTSTATIC, this.owner, 'timer', 'J');
    }
    super.visitInsn(opcode);
  }
  override visitMaxs(maxStack: number, maxLocals: number): void {
    super.visitMaxs(maxStack + 4, maxLocals);
  }
}

// 3.3.2 AdviceAdapter
class AddTimerAdvice extends AdviceAdapter {
  constructor(private owner: string, access: number, name: string, desc: string, mv: MethodVisitor) {
    super(ASM5, mv, access, name, desc);
  }
  protected override onMethodEnter(): void {
    this.mv!.visitFieldInsn(GETSTATIC, this.owner, 'timer', 'J');
    this.mv!.visitMethodInsn(INVOKESTATIC, 'java/lang/System', 'currentTimeMillis', '()J', false);
    this.mv!.visitInsn(LSUB);
    this.mv!.visitFieldInsn(PUTSTATIC, this.owner, 'timer', 'J');
  }
  protected override onMethodExit(opcode: number): void {
    this.mv!.visitFieldInsn(GETSTATIC, this.owner, 'timer', 'J');
    this.mv!.visitMethodInsn(INVOKESTATIC, 'java/lang/System', 'currentTimeMillis', '()J', false);
    this.mv!.visitInsn(LADD);
    this.mv!.visitFieldInsn(PUTSTATIC, this.owner, 'timer', 'J');
  }
  override visitMaxs(maxStack: number, maxLocals: number): void {
    super.visitMaxs(maxStack + 4, maxLocals);
  }
}

class MethodTransformer extends ClassVisitor {
  constructor(cv: ClassVisitor, private which: string) {
    super(ASM9, cv);
  }
  override visitMethod(access: number, name: string, desc: string, signature: string | null, exceptions: string[] | null): MethodVisitor | null {
    const mv = this.cv!.visitMethod(access, name, desc, signature, exceptions);
    if (mv == null) return null;
    if (this.which === 'addzero') return new RemoveAddZeroAdapter(mv);
    if (this.which === 'getput') return new RemoveGetFieldPutFieldAdapter(mv);
    if (this.which === 'timer4') return new AddTimerMethodAdapter4('C', access, desc, mv);
    if (this.which === 'advice') return new AddTimerAdvice('C', access, name, desc, mv);
    return mv;
  }
}

// 4.2.2 RemoveAnnotationAdapter, AddAnnotationAdapter
class RemoveAnnotationAdapter extends ClassVisitor {
  constructor(cv: ClassVisitor, private annDesc: string) {
    super(ASM4, cv);
  }
  override visitAnnotation(desc: string, vis: boolean): AnnotationVisitor | null {
    if (desc === this.annDesc) {
      return null;
    }
    return this.cv!.visitAnnotation(desc, vis);
  }
}

class AddAnnotationAdapter extends ClassVisitor {
  private isAnnotationPresent = false;
  constructor(cv: ClassVisitor, private annotationDesc: string) {
    super(ASM4, cv);
  }
  override visit(version: number, access: number, name: string, signature: string | null, superName: string | null, interfaces: string[] | null): void {
    const v = (version & 0xff) < V1_5 ? V1_5 : version;
    this.cv!.visit(v, access, name, signature, superName, interfaces);
  }
  override visitAnnotation(desc: string, visible: boolean): AnnotationVisitor | null {
    if (visible && desc === this.annotationDesc) {
      this.isAnnotationPresent = true;
    }
    return this.cv!.visitAnnotation(desc, visible);
  }
  override visitInnerClass(name: string, outerName: string | null, innerName: string | null, access: number): void {
    this.addAnnotation();
    this.cv!.visitInnerClass(name, outerName, innerName, access);
  }
  override visitField(access: number, name: string, desc: string, signature: string | null, value: ConstantValue | null): FieldVisitor | null {
    this.addAnnotation();
    return this.cv!.visitField(access, name, desc, signature, value);
  }
  override visitMethod(access: number, name: string, desc: string, signature: string | null, exceptions: string[] | null): MethodVisitor | null {
    this.addAnnotation();
    return this.cv!.visitMethod(access, name, desc, signature, exceptions);
  }
  override visitEnd(): void {
    this.addAnnotation();
    this.cv!.visitEnd();
  }
  private addAnnotation(): void {
    if (!this.isAnnotationPresent) {
      const av = this.cv!.visitAnnotation(this.annotationDesc, true);
      if (av != null) {
        av.visit('count', 3);
        av.visit('name', 's');
        av.visit('big', 4n);
        av.visit('ratio', new Float(0.25));
        av.visit('ch', new Character('c'));
        av.visit('ints', new Int32Array([1, 2]));
        av.visitEnum('e', 'Ljava/lang/annotation/RetentionPolicy;', 'RUNTIME');
        const arr = av.visitArray('names')!;
        arr.visit(null, 'a');
        arr.visit(null, 'b');
        arr.visitEnd();
        av.visitEnd();
      }
      this.isAnnotationPresent = true;
    }
  }
}

// 7.2: a MethodNode inside a visitor chain
class MyMethodAdapter extends MethodVisitor {
  private next: MethodVisitor;
  constructor(access: number, name: string, desc: string, signature: string | null, exceptions: string[] | null, mv: MethodVisitor) {
    super(ASM4, new MethodNode(access, name, desc, signature, exceptions));
    this.next = mv;
  }
  override visitEnd(): void {
    const mn = this.mv as MethodNode;
    const insns = mn.instructions;
    const i = insns.iterator();
    while (i.hasNext()) {
      const insn = i.next();
      if (insn instanceof LineNumberNode) {
        i.remove();
      }
    }
    mn.accept(this.next);
  }
}

// 7.1.5 AddTimerTransformer (tree API)
function addTimerTransform(cn: ClassNode): void {
  for (const mn of cn.methods) {
    if ('<init>' === mn.name || '<clinit>' === mn.name) {
      continue;
    }
    const insns = mn.instructions;
    if (insns.size() == 0) {
      continue;
    }
    const j = insns.iterator();
    while (j.hasNext()) {
      const insn: AbstractInsnNode = j.next();
      const op = insn.getOpcode();
      if ((op >= IRETURN && op <= RETURN) || op == ATHROW) {
        const il = new InsnList();
        il.add(new FieldInsnNode(GETSTATIC, cn.name, 'timer', 'J'));
        il.add(new MethodInsnNode(INVOKESTATIC, 'java/lang/System', 'currentTimeMillis', '()J', false));
        il.add(new InsnNode(LADD));
        il.add(new FieldInsnNode(PUTSTATIC, cn.name, 'timer', 'J'));
        insns.insert(insn.getPrevious()!, il);
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
  cn.fields.push(new FieldNode(acc, 'timer', 'J', null, null));
}

export function runGuide(inputBytes: Uint8Array): GuideResult {
  printed = [];
  const classes = new Map<string, Uint8Array>();
  const write = (name: string, b: Uint8Array) => classes.set(name, b);
  const input = () => inputBytes;
  const transform = (f: (cv: ClassVisitor) => ClassVisitor, flags: number, ropts = 0): Uint8Array => {
    const cr = new ClassReader(input());
    const cw = new ClassWriter(cr, flags);
    cr.accept(f(cw), ropts);
    return cw.toByteArray();
  };

  // ClassPrinter: Java's new ClassReader("java.lang.Runnable") reads the class from the class path.
  const cp = new ClassPrinter();
  const cr = new ClassReader(new ClassPath([]).getClassBytes('java/lang/Runnable')!);
  cr.accept(cp, 0);
  new ClassReader(input()).accept(new ClassPrinter(), 0);

  // 2.2.3 Generating classes
  let cw = new ClassWriter(0);
  cw.visit(V1_5, ACC_PUBLIC + ACC_ABSTRACT + ACC_INTERFACE, 'pkg/Comparable', null, 'java/lang/Object', ['pkg/Mesurable']);
  cw.visitField(ACC_PUBLIC + ACC_FINAL + ACC_STATIC, 'LESS', 'I', null, -1).visitEnd();
  cw.visitField(ACC_PUBLIC + ACC_FINAL + ACC_STATIC, 'EQUAL', 'I', null, 0).visitEnd();
  cw.visitField(ACC_PUBLIC + ACC_FINAL + ACC_STATIC, 'GREATER', 'I', null, 1).visitEnd();
  cw.visitField(ACC_PUBLIC + ACC_FINAL + ACC_STATIC, 'BIG', 'J', null, 1n).visitEnd();
  cw.visitField(ACC_PUBLIC + ACC_FINAL + ACC_STATIC, 'HALF', 'F', null, new Float(0.5)).visitEnd();
  cw.visitField(ACC_PUBLIC + ACC_FINAL + ACC_STATIC, 'PI', 'D', null, new Double(3.14)).visitEnd();
  cw.visitField(ACC_PUBLIC + ACC_FINAL + ACC_STATIC, 'FLAG', 'Z', null, 1).visitEnd();
  cw.visitField(ACC_PUBLIC + ACC_FINAL + ACC_STATIC, 'CH', 'C', null, new Character('x').value).visitEnd();
  cw.visitMethod(ACC_PUBLIC + ACC_ABSTRACT, 'compareTo', '(Ljava/lang/Object;)I', null, null).visitEnd();
  cw.visitEnd();
  write('comparable', cw.toByteArray());

  write('changeversion', transform((v) => new ChangeVersionAdapter(v), 0));
  write('removedebug', transform((v) => new RemoveDebugAdapter(v), 0));
  write('removemethod', transform((v) => new RemoveMethodAdapter(v, 'self', '()V'), 0));
  write('addfield', transform((v) => new AddFieldAdapter(v, ACC_PUBLIC, 'added', 'Ljava/lang/String;'), 0));
  write('addtimer', transform((v) => new AddTimerAdapter(v), 0));
  write('addzero', transform((v) => new MethodTransformer(v, 'addzero'), ClassWriter.COMPUTE_MAXS));
  write('getput', transform((v) => new MethodTransformer(v, 'getput'), ClassWriter.COMPUTE_MAXS));
  write(
    'timer4',
    transform(
      (v) =>
        new (class extends AddTimerAdapter {
          override visitMethod(a: number, n: string, d: string, s: string | null, e: string[] | null): MethodVisitor | null {
            return this.cv!.visitMethod(a, n, d, s, e);
          }
        })(new MethodTransformer(v, 'timer4')),
      ClassWriter.COMPUTE_MAXS,
      ClassReader.EXPAND_FRAMES,
    ),
  );
  write('advice', transform((v) => new MethodTransformer(v, 'advice'), ClassWriter.COMPUTE_MAXS, ClassReader.EXPAND_FRAMES));
  try {
    transform((v) => new MethodTransformer(v, 'timer4'), 0);
  } catch (e) {
    log((e as Error).name + ': ' + (e as Error).message);
  }

  // 3.1.5 a method with frames
  cw = new ClassWriter(0);
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
  mv.visitLdcInsn(1n);
  mv.visitInsn(POP2);
  mv.visitLdcInsn(new Float(1));
  mv.visitInsn(POP);
  mv.visitLdcInsn(new Double(1));
  mv.visitInsn(POP2);
  mv.visitLdcInsn(1);
  mv.visitInsn(POP);
  mv.visitLdcInsn(123456789012n);
  mv.visitInsn(POP2);
  mv.visitLdcInsn(new Float(2.5));
  mv.visitInsn(POP);
  mv.visitLdcInsn(100000);
  mv.visitInsn(POP);
  mv.visitLdcInsn('s');
  mv.visitInsn(POP);
  mv.visitLdcInsn(Type.getObjectType('java/lang/String'));
  mv.visitInsn(POP);
  mv.visitLdcInsn(Type.getType('[I'));
  mv.visitInsn(POP);
  mv.visitIntInsn(BIPUSH, 10);
  mv.visitInsn(POP);
  mv.visitIntInsn(NEWARRAY, T_INT);
  mv.visitInsn(POP);
  const l2 = new Label();
  mv.visitInsn(ICONST_0);
  mv.visitVarInsn(ISTORE, 0);
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

  // GeneratorAdapter hello world
  cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES);
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
  mg.push(5n);
  mg.push(new Float(1.5));
  mg.push(new Double(2.5));
  mg.push(true);
  mg.pop();
  mg.pop();
  mg.pop2();
  mg.pop2();
  mg.returnValue();
  mg.endMethod();
  cw.visitEnd();
  write('hello', cw.toByteArray());

  // Type
  const S = Type.getObjectType('java/lang/String');
  log(S.getInternalName());
  log(S.getDescriptor());
  log(S.getInternalName());
  log(Type.getMethodDescriptor(Type.INT_TYPE, S, Type.LONG_TYPE));
  for (const t of Type.getArgumentTypes('(I[Ljava/lang/String;J)V')) log(t + ' ' + t.getSort() + ' ' + t.getSize() + ' ' + t.getClassName());
  log(String(Type.getReturnType('(I)Ljava/lang/Object;')));
  log(Type.getObjectType('java/lang/String').getDescriptor());
  log(Type.getType('[[I').getElementType() + ' ' + Type.getType('[[I').getDimensions());
  log(String(Type.getMethodType('(IJ)V').getArgumentsAndReturnSizes()));

  // 8.1 Analyzer with BasicVerifier
  const cn = new ClassNode();
  new ClassReader(input()).accept(cn, 0);
  for (const mn of cn.methods) {
    const a = new Analyzer<BasicValue>(new BasicVerifier());
    a.analyze(cn.name, mn);
    const frames: (Frame<BasicValue> | null)[] = a.getFrames();
    let maxStack = 0;
    for (const f of frames) if (f != null) maxStack = Math.max(maxStack, f.getStackSize());
    log(mn.name + ' frames=' + frames.length + ' maxStackSeen=' + maxStack + ' insns=' + mn.instructions.size());
    const it = mn.instructions.iterator();
    let n = 0;
    while (it.hasNext()) {
      const insn = it.next();
      if (insn.getOpcode() >= 0) n++;
    }
    log('  real=' + n + ' first=' + frames[0]);
  }
  // TraceClassVisitor to System.out
  new ClassReader(input()).accept(new TraceClassVisitor(null, { write: (s: string) => printed.push(s) }), 0);
  // CheckClassAdapter
  try {
    const w = new ClassWriter(0);
    const cc = new CheckClassAdapter(w);
    cc.visit(V1_8, ACC_PUBLIC, 'X', null, 'java/lang/Object', null);
    const bad = cc.visitMethod(ACC_PUBLIC, 'm', '()V', null, null)!;
    bad.visitCode();
    bad.visitVarInsn(ALOAD, -1);
  } catch (e) {
    log((e as Error).name + ': ' + (e as Error).message);
  }

  write('removeann', transform((v) => new RemoveAnnotationAdapter(v, 'Ljava/lang/Deprecated;'), 0));
  write('addann', transform((v) => new AddAnnotationAdapter(v, 'LMyAnn;'), 0));
  write(
    'methodnode',
    transform(
      (v) =>
        new (class extends ClassVisitor {
          override visitMethod(a: number, n: string, d: string, s: string | null, e: string[] | null): MethodVisitor | null {
            const mv = this.cv!.visitMethod(a, n, d, s, e);
            return mv == null ? null : new MyMethodAdapter(a, n, d, s, e, mv);
          }
        })(ASM9, v),
      0,
    ),
  );
  const tcn = new ClassNode();
  const tcr = new ClassReader(input());
  tcr.accept(tcn, 0);
  addTimerTransform(tcn);
  const tcw = new ClassWriter(0);
  tcn.accept(tcw);
  write('treetimer', tcw.toByteArray());

  // 4.1 signatures
  new ClassReader(input()).accept(
    new (class extends ClassVisitor {
      override visitMethod(a: number, n: string, d: string, s: string | null, e: string[] | null): MethodVisitor | null {
        if (s != null) {
          const v = new TraceSignatureVisitor(a);
          new SignatureReader(s).accept(v);
          log(n + ': ' + v.getDeclaration() + ' returns ' + v.getReturnType());
          const w = new SignatureWriter();
          new SignatureReader(s).accept(w);
          log(String(w.toString() === s));
        }
        return null;
      }
    })(ASM9),
    0,
  );
  return { text: printed.join(''), classes };
}
