// The transform shown in README.md ("Transform modules"); examples/trace/trace.test.ts is the README's test.
import { ClassVisitor, MethodVisitor, Opcodes, defineTransform } from 'classforge';

export default defineTransform({
  name: 'trace',
  include: ['com.acme.**'],            // dotted class-name globs; default: every class
  exclude: ['com.acme.generated.*'],
  options: { type: 'object', properties: { prefix: { type: 'string', default: 'enter' } } }, // JSON Schema (ajv)
  visitor: (next, ctx) =>
    new (class extends ClassVisitor {
      override visitMethod(access: number, name: string, descriptor: string, signature: string | null,
                           exceptions: string[] | null) {
        const mv = super.visitMethod(access, name, descriptor, signature, exceptions);
        return new (class extends MethodVisitor {
          override visitCode() {
            super.visitCode();
            super.visitFieldInsn(Opcodes.GETSTATIC, 'java/lang/System', 'out', 'Ljava/io/PrintStream;');
            super.visitLdcInsn(`${ctx.options.prefix} ${ctx.className}.${name}`);
            super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, 'java/io/PrintStream', 'println', '(Ljava/lang/String;)V', false);
          }
        })(Opcodes.ASM9, mv);
      }
    })(Opcodes.ASM9, next),
});
