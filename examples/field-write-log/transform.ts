// Field-write logging: before every PUTFIELD and PUTSTATIC the program prints
// `pkg.Owner.field = value`. The value on top of the operand stack is duplicated (DUP, or DUP2
// for long and double), turned into a String with the String.valueOf overload of its type, and
// printed; the write itself is unchanged. Only the value is touched, never the object reference
// below it, so writes in a constructor before super(...) (javac's this$0) are logged safely too.
//
//   classforge transform app.jar -o logged.jar -t examples/field-write-log/transform.ts \
//     --options '{"fields": "^com\\.acme\\.Order\\.", "output": "stdout"}'

import { ClassVisitor, MethodVisitor, Opcodes, Type, defineTransform } from 'classforge';

interface FieldLogOptions {
  /** A regular expression matched against `pkg.Owner.field`; only matching writes are logged. */
  fields: string;
  /** Where the log goes: the program's standard error (default) or standard output. */
  output: 'stderr' | 'stdout';
}

/** The String.valueOf descriptor for a value of field type `descriptor`. */
function valueOfDescriptor(descriptor: string): string {
  switch (Type.getType(descriptor).getSort()) {
    case Type.BOOLEAN:
      return '(Z)Ljava/lang/String;';
    case Type.CHAR:
      return '(C)Ljava/lang/String;';
    case Type.BYTE:
    case Type.SHORT:
    case Type.INT:
      return '(I)Ljava/lang/String;';
    case Type.LONG:
      return '(J)Ljava/lang/String;';
    case Type.FLOAT:
      return '(F)Ljava/lang/String;';
    case Type.DOUBLE:
      return '(D)Ljava/lang/String;';
    default:
      return '(Ljava/lang/Object;)Ljava/lang/String;';
  }
}

class FieldWriteLogger extends MethodVisitor {
  constructor(
    next: MethodVisitor,
    private readonly settings: FieldLogOptions,
    private readonly fields: RegExp,
  ) {
    super(Opcodes.ASM9, next);
  }

  override visitFieldInsn(opcode: number, owner: string, name: string, descriptor: string): void {
    const label = `${owner.replace(/\//g, '.')}.${name}`;
    if ((opcode === Opcodes.PUTFIELD || opcode === Opcodes.PUTSTATIC) && this.fields.test(label)) {
      const wide = descriptor === 'J' || descriptor === 'D';
      // stack: … value → … value value → … value "value" → … value "label = value" → print → … value
      super.visitInsn(wide ? Opcodes.DUP2 : Opcodes.DUP);
      super.visitMethodInsn(Opcodes.INVOKESTATIC, 'java/lang/String', 'valueOf', valueOfDescriptor(descriptor), false);
      super.visitLdcInsn(`${label} = `);
      super.visitInsn(Opcodes.SWAP);
      super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, 'java/lang/String', 'concat', '(Ljava/lang/String;)Ljava/lang/String;', false);
      super.visitFieldInsn(Opcodes.GETSTATIC, 'java/lang/System', this.settings.output === 'stdout' ? 'out' : 'err', 'Ljava/io/PrintStream;');
      super.visitInsn(Opcodes.SWAP);
      super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, 'java/io/PrintStream', 'println', '(Ljava/lang/String;)V', false);
    }
    super.visitFieldInsn(opcode, owner, name, descriptor);
  }
}

/** Puts a FieldWriteLogger on every method (declared once: see README, "Declare visitor classes once"). */
class FieldWriteLogging extends ClassVisitor {
  constructor(next: ClassVisitor, private readonly options: FieldLogOptions, private readonly fields: RegExp) {
    super(Opcodes.ASM9, next);
  }
  override visitMethod(access: number, name: string, descriptor: string, signature: string | null, exceptions: string[] | null) {
    const mv = super.visitMethod(access, name, descriptor, signature, exceptions);
    return mv === null ? null : new FieldWriteLogger(mv, this.options, this.fields);
  }
}

export default defineTransform<FieldLogOptions>({
  name: 'field-write-log',
  description: 'Logs every field write (owner.field = value) before it happens',
  options: {
    type: 'object',
    properties: {
      fields: { type: 'string', default: '', description: 'regular expression on pkg.Owner.field (default: every field)' },
      output: { enum: ['stderr', 'stdout'], default: 'stderr' },
    },
    additionalProperties: false,
  },
  visitor: (next, ctx) => {
    return new FieldWriteLogging(next, ctx.options, new RegExp(ctx.options.fields));
  },
});
