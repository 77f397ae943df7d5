// A small visitor transform used by `npm run demo`: prints "enter <Class>.<method>" at the start of every
// method, written exactly as it would be with Java ASM (ClassVisitor → MethodVisitor, super.visitX).
import { ClassReader, ClassVisitor, ClassWriter, MethodVisitor, Opcodes } from '../dist/src/index.js';

class EnterLogger extends MethodVisitor {
  constructor(next, message) {
    super(Opcodes.ASM9, next);
    this.message = message;
  }

  visitCode() {
    super.visitCode();
    super.visitFieldInsn(Opcodes.GETSTATIC, 'java/lang/System', 'out', 'Ljava/io/PrintStream;');
    super.visitLdcInsn(this.message);
    super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, 'java/io/PrintStream', 'println', '(Ljava/lang/String;)V', false);
  }
}

class TraceEntry extends ClassVisitor {
  constructor(next) {
    super(Opcodes.ASM9, next);
    this.className = '';
  }

  visit(version, access, name, signature, superName, interfaces) {
    this.className = name;
    super.visit(version, access, name, signature, superName, interfaces);
  }

  visitMethod(access, name, descriptor, signature, exceptions) {
    const next = super.visitMethod(access, name, descriptor, signature, exceptions);
    if (next === null || (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) !== 0) return next;
    return new EnterLogger(next, `enter ${this.className.replaceAll('/', '.')}.${name}`);
  }
}

/** Rewrites one class: methods of the class gain the entry log; everything else is copied raw. */
export function traceEntry(bytes) {
  const reader = new ClassReader(bytes);
  const writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
  reader.accept(new TraceEntry(writer), 0);
  return writer.toByteArray();
}

/** The copy path: nothing changed, so the bytes come back identical. */
export function copy(bytes) {
  const reader = new ClassReader(bytes);
  const writer = new ClassWriter(reader, 0);
  reader.accept(writer, 0);
  return writer.toByteArray();
}
