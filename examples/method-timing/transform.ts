// Method timing with AdviceAdapter: every selected method measures System.nanoTime() at entry and
// reports `pkg.Class.method took N ns` at every exit: each return, and an exception leaving the
// method (thrown by it or by a callee), which a catch-all handler around the whole body reports
// as `… took N ns (threw java.lang.IllegalStateException)` before rethrowing it.
//
//   classforge transform app.jar -o timed.jar -t examples/method-timing/transform.ts \
//     --options '{"methods": "^com\\.acme\\..*\\.handle.*", "thresholdNanos": 100000}'

import { AdviceAdapter, ClassVisitor, Label, Method, MethodVisitor, Opcodes, Type, defineTransform } from 'classforge';

interface TimingOptions {
  /** A regular expression matched against `pkg.Class.method`; only matching methods are timed. */
  methods: string;
  /** Report only exits that took at least this many nanoseconds. */
  thresholdNanos: number;
  /** Where reports go: the program's standard error (default) or standard output. */
  output: 'stderr' | 'stdout';
}

const SYSTEM = Type.getObjectType('java/lang/System');
const STRING_BUILDER = Type.getObjectType('java/lang/StringBuilder');
const PRINT_STREAM = Type.getObjectType('java/io/PrintStream');
const OBJECT = Type.getObjectType('java/lang/Object');
const CLASS = Type.getObjectType('java/lang/Class');
const THROWABLE = Type.getObjectType('java/lang/Throwable');

class TimedMethod extends AdviceAdapter {
  private start = -1;
  private readonly bodyStart = new Label();
  private entries = 0;

  constructor(
    next: MethodVisitor,
    access: number,
    name: string,
    descriptor: string,
    private readonly label: string,
    private readonly settings: TimingOptions,
  ) {
    super(Opcodes.ASM9, next, access, name, descriptor);
  }

  // In a constructor AdviceAdapter calls this after the super(...) call: `this` is usable from here.
  // A constructor that calls super(...) or this(...) on several branches (Groovy selects its
  // super constructor with a switch) gets a call on each: every branch stores into one local, so
  // the exits after the branches join read a value set on every path.
  protected override onMethodEnter(): void {
    this.invokeStatic(SYSTEM, new Method('nanoTime', '()J'));
    if (this.start < 0) this.start = this.newLocal(Type.LONG_TYPE);
    this.storeLocal(this.start);
    if (this.entries++ === 0) this.mark(this.bodyStart);
  }

  // ATHROW exits are reported by the handler added in visitMaxs, with the other exceptions.
  protected override onMethodExit(opcode: number): void {
    if (opcode !== Opcodes.ATHROW) this.report(-1);
  }

  override visitMaxs(maxStack: number, maxLocals: number): void {
    // With several super(...) branches, one protected range from the first would also cover
    // another branch before its super call, where `this` is uninitialized and HotSpot accepts no
    // handler that may see it (JVMS §4.10.1.9): only normal exits are timed then.
    if (this.entries === 1) {
      // Listed last in the exception table, the catch-all sees only what the method's own
      // handlers let through: exactly the exceptions that leave the method.
      const handler = new Label();
      this.visitTryCatchBlock(this.bodyStart, handler, handler, null);
      // GeneratorAdapter's helpers (mark, push, invoke…) write straight to the next visitor, so
      // AdviceAdapter does not mistake this code for the method's own (in a constructor, a
      // visited handler label would restart its search for the super(...) call).
      this.mark(handler);
      const thrown = this.newLocal(THROWABLE);
      this.storeLocal(thrown);
      this.report(thrown);
      this.loadLocal(thrown);
      this.throwException();
    }
    super.visitMaxs(maxStack, maxLocals);
  }

  /** Prints the time since entry when it reaches the threshold; `thrown` is the exception's local, or -1. */
  private report(thrown: number): void {
    const elapsed = this.newLocal(Type.LONG_TYPE);
    this.invokeStatic(SYSTEM, new Method('nanoTime', '()J'));
    this.loadLocal(this.start);
    this.math(AdviceAdapter.SUB, Type.LONG_TYPE);
    this.storeLocal(elapsed);
    const done = new Label();
    if (this.settings.thresholdNanos > 0) {
      this.loadLocal(elapsed);
      this.push(BigInt(this.settings.thresholdNanos));
      this.ifCmp(Type.LONG_TYPE, AdviceAdapter.LT, done);
    }
    this.getStatic(SYSTEM, this.settings.output === 'stdout' ? 'out' : 'err', PRINT_STREAM);
    this.newInstance(STRING_BUILDER);
    this.dup();
    this.push(`${this.label} took `);
    this.invokeConstructor(STRING_BUILDER, new Method('<init>', '(Ljava/lang/String;)V'));
    this.loadLocal(elapsed);
    this.invokeVirtual(STRING_BUILDER, new Method('append', '(J)Ljava/lang/StringBuilder;'));
    this.push(thrown < 0 ? ' ns' : ' ns (threw ');
    this.invokeVirtual(STRING_BUILDER, new Method('append', '(Ljava/lang/String;)Ljava/lang/StringBuilder;'));
    if (thrown >= 0) {
      this.loadLocal(thrown);
      this.invokeVirtual(OBJECT, new Method('getClass', '()Ljava/lang/Class;'));
      this.invokeVirtual(CLASS, new Method('getName', '()Ljava/lang/String;'));
      this.invokeVirtual(STRING_BUILDER, new Method('append', '(Ljava/lang/String;)Ljava/lang/StringBuilder;'));
      this.push(')');
      this.invokeVirtual(STRING_BUILDER, new Method('append', '(Ljava/lang/String;)Ljava/lang/StringBuilder;'));
    }
    this.invokeVirtual(STRING_BUILDER, new Method('toString', '()Ljava/lang/String;'));
    this.invokeVirtual(PRINT_STREAM, new Method('println', '(Ljava/lang/String;)V'));
    this.mark(done);
  }
}

class MethodTiming extends ClassVisitor {
  private className = '';
  private readonly methods: RegExp;

  constructor(
    next: ClassVisitor,
    private readonly settings: TimingOptions,
  ) {
    super(Opcodes.ASM9, next);
    this.methods = new RegExp(settings.methods);
  }

  override visit(version: number, access: number, name: string, signature: string | null, superName: string | null, interfaces: string[] | null): void {
    this.className = name.replace(/\//g, '.');
    super.visit(version, access, name, signature, superName, interfaces);
  }

  override visitMethod(access: number, name: string, descriptor: string, signature: string | null, exceptions: string[] | null): MethodVisitor | null {
    const next = super.visitMethod(access, name, descriptor, signature, exceptions);
    const label = `${this.className}.${name}`;
    if (next === null || (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) !== 0 || !this.methods.test(label)) {
      return next; // untouched: copied as is
    }
    return new TimedMethod(next, access, name, descriptor, label, this.settings);
  }
}

export default defineTransform<TimingOptions>({
  name: 'method-timing',
  description: 'Reports how long each selected method call took, exceptions included',
  options: {
    type: 'object',
    properties: {
      methods: { type: 'string', default: '', description: 'regular expression on pkg.Class.method (default: every method)' },
      thresholdNanos: { type: 'integer', minimum: 0, default: 0 },
      output: { enum: ['stderr', 'stdout'], default: 'stderr' },
    },
    additionalProperties: false,
  },
  visitor: (next, ctx) => new MethodTiming(next, ctx.options),
});
