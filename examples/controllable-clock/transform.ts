// A controllable clock: calls to System.currentTimeMillis() and System.nanoTime() (and method
// references to them) are redirected to static methods of the same name and descriptor on a clock
// class, by default classforge.examples.Clock (see clock-class.ts), which returns a frozen time
// when a system property says so and the real one otherwise. Tests of time-dependent code then
// freeze time from the command line, without changing the code.
//
//   classforge transform app.jar -o app-clock.jar -t examples/controllable-clock/transform.ts
//   java -Dclassforge.clock.millis=1700000000000 -cp app-clock.jar Main
//   classforge run -t examples/controllable-clock/transform.ts -- java -Dclassforge.clock.millis=… -cp app.jar Main
//
// The clock class is a helper class (helperClasses below): `transform` writes it into the output, the
// agent jar of `run`/`attach` carries it, and transformClasses returns it with the rewritten classes.
// With `addClockClass: false` the program brings its own (the `clockClass` option names it).

import { ClassVisitor, Handle, MethodVisitor, Opcodes, defineTransform, type ConstantValue, type TransformContext } from 'classforge';
import { CLOCK_CLASS, clockClass } from './clock-class.js';

interface ClockOptions {
  /** Internal name of the class whose static currentTimeMillis()J and nanoTime()J replace System's. */
  clockClass: string;
  /** Whether to add the clock class (clock-class.ts) under that name; false when the program has one. */
  addClockClass: boolean;
}

const REDIRECTED = new Set(['currentTimeMillis', 'nanoTime']);

function isSystemClock(owner: string, name: string, descriptor: string): boolean {
  return owner === 'java/lang/System' && REDIRECTED.has(name) && descriptor === '()J';
}

class ClockCalls extends MethodVisitor {
  constructor(
    next: MethodVisitor,
    private readonly clock: string,
    private readonly onRedirect: (what: string) => void,
  ) {
    super(Opcodes.ASM9, next);
  }

  override visitMethodInsn(opcode: number, owner: string, name: string, descriptor: string, isInterface?: boolean): void {
    if (opcode === Opcodes.INVOKESTATIC && isSystemClock(owner, name, descriptor)) {
      this.onRedirect(`System.${name}()`);
      super.visitMethodInsn(opcode, this.clock, name, descriptor, false);
    } else {
      super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
    }
  }

  // `System::currentTimeMillis` is an invokedynamic to LambdaMetafactory whose arguments hold a
  // method handle to System.currentTimeMillis: point that handle at the clock too.
  override visitInvokeDynamicInsn(name: string, descriptor: string, bootstrap: Handle, bootstrapArguments: ConstantValue[]): void {
    const redirected = bootstrapArguments.map((argument) => {
      if (argument instanceof Handle && argument.getTag() === Opcodes.H_INVOKESTATIC && isSystemClock(argument.getOwner(), argument.getName(), argument.getDesc())) {
        this.onRedirect(`System::${argument.getName()}`);
        return new Handle(Opcodes.H_INVOKESTATIC, this.clock, argument.getName(), argument.getDesc(), false);
      }
      return argument;
    });
    super.visitInvokeDynamicInsn(name, descriptor, bootstrap, redirected);
  }
}

/** Puts a ClockCalls on every method (declared once: see README, "Declare visitor classes once"). */
class ClockClass extends ClassVisitor {
  constructor(next: ClassVisitor, private readonly ctx: TransformContext<ClockOptions>) {
    super(Opcodes.ASM9, next);
  }
  override visitMethod(access: number, name: string, descriptor: string, signature: string | null, exceptions: string[] | null) {
    const mv = super.visitMethod(access, name, descriptor, signature, exceptions);
    const ctx = this.ctx;
    return mv === null ? null : new ClockCalls(mv, ctx.options.clockClass, (what) => ctx.log(`${name}${descriptor}: ${what}`));
  }
}

export default defineTransform<ClockOptions>({
  name: 'controllable-clock',
  description: 'Redirects System.currentTimeMillis()/nanoTime() to a clock class that tests can freeze',
  options: {
    type: 'object',
    properties: {
      clockClass: { type: 'string', pattern: '^[^.;\\[]+$', default: CLOCK_CLASS },
      addClockClass: { type: 'boolean', default: true },
    },
    additionalProperties: false,
  },
  visitor: (next, ctx) => {
    // The clock itself must keep calling the real System clock.
    if (ctx.internalName === ctx.options.clockClass) return new ClassVisitor(Opcodes.ASM9, next);
    return new ClockClass(next, ctx);
  },
  helperClasses: (ctx) => (ctx.options.addClockClass ? [clockClass(ctx.options.clockClass)] : []),
});
