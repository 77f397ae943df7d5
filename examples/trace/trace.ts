// The transform shown in README.md ("Transform modules"); examples/trace/trace.test.ts is the README's test.
import { ClassVisitor, MethodVisitor, Opcodes, defineTransform, type TransformContext } from 'classforge';

type TraceOptions = { prefix: string };

// Visitor classes are declared once, at module level: a class expression inside visitMethod (a Java
// anonymous class ported as is) would create a new class for every method, and run about twice as slow.
class TraceMethod extends MethodVisitor {
  constructor(mv: MethodVisitor | null, private readonly message: string) {
    super(Opcodes.ASM9, mv);
  }
  override visitCode() {
    super.visitCode();
    super.visitFieldInsn(Opcodes.GETSTATIC, 'java/lang/System', 'out', 'Ljava/io/PrintStream;');
    super.visitLdcInsn(this.message);
    super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, 'java/io/PrintStream', 'println', '(Ljava/lang/String;)V', false);
  }
}

class TraceClass extends ClassVisitor {
  constructor(next: ClassVisitor, private readonly ctx: TransformContext<TraceOptions>) {
    super(Opcodes.ASM9, next);
  }
  override visitMethod(access: number, name: string, descriptor: string, signature: string | null,
                       exceptions: string[] | null) {
    const mv = super.visitMethod(access, name, descriptor, signature, exceptions);
    return new TraceMethod(mv, `${this.ctx.options.prefix} ${this.ctx.className}.${name}`);
  }
}

export default defineTransform<TraceOptions>({
  name: 'trace',
  include: ['com.acme.**'],            // dotted class-name globs; default: every class
  exclude: ['com.acme.generated.*'],
  options: { type: 'object', properties: { prefix: { type: 'string', default: 'enter' } } }, // JSON Schema (ajv)
  visitor: (next, ctx) => new TraceClass(next, ctx),
});
