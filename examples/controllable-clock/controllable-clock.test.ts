// The controllable-clock example: a program that prints the time prints a frozen time once rewritten.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ClassReader, ClassVisitor, MethodVisitor, Opcodes } from 'classforge';
import { compileJava, runJava, transformClasses, verifyClasses } from 'classforge/testing';
import { CLOCK_CLASS, clockClass } from './clock-class.js';
import controllableClock from './transform.js';

const sources = fileURLToPath(new URL('./java', import.meta.url));
const FROZEN = ['-Dclassforge.clock.millis=1700000000000', '-Dclassforge.clock.nanos=0'];

/** The `owner.name` of every method call in a class. */
function calls(bytes: Uint8Array): string[] {
  const found: string[] = [];
  new ClassReader(bytes).accept(
    new (class extends ClassVisitor {
      override visitMethod(): MethodVisitor {
        return new (class extends MethodVisitor {
          override visitMethodInsn(_opcode: number, owner: string, name: string): void {
            found.push(`${owner}.${name}`);
          }
        })(Opcodes.ASM9);
      }
    })(Opcodes.ASM9),
    0,
  );
  return found;
}

describe('examples/controllable-clock', () => {
  it('freezes System.currentTimeMillis(), System.nanoTime() and System::currentTimeMillis', async () => {
    const program = await compileJava(sources);

    // Untransformed, the frozen-time properties change nothing: the program reads the real clock.
    const original = await runJava({ classpath: program, mainClass: 'example.clock.Receipt', jvmArgs: FROZEN, verify: true });
    expect(original.exitCode).toBe(0);
    expect(original.stdout).not.toContain('issued at 2023-11-14T22:13:20Z');

    const rewritten = await transformClasses(program, controllableClock);
    expect(rewritten.changed).toEqual(['example/clock/Receipt']);
    // The clock class comes with the rewritten classes: a helper class of the transform.
    expect(rewritten.added).toEqual([CLOCK_CLASS]);
    expect([...rewritten.classes.keys()]).toEqual([CLOCK_CLASS, 'example/clock/Receipt']);
    expect(rewritten.classes.get(CLOCK_CLASS)).toEqual(clockClass());
    expect(rewritten.logs.map((entry) => entry.message)).toEqual([
      'main([Ljava/lang/String;)V: System.currentTimeMillis()',
      'main([Ljava/lang/String;)V: System.nanoTime()',
      'main([Ljava/lang/String;)V: System.nanoTime()',
      'main([Ljava/lang/String;)V: System::currentTimeMillis',
    ]);
    expect(calls(rewritten.classes.get('example/clock/Receipt')!)).not.toContain('java/lang/System.currentTimeMillis');

    const frozen = await runJava({ classpath: rewritten, mainClass: 'example.clock.Receipt', jvmArgs: FROZEN, verify: true });
    expect(frozen.stderr).toBe('');
    expect(frozen.stdout).toBe(
      'issued at 2023-11-14T22:13:20Z\n' + 'total 3.75, computed in 0 ns\n' + 'valid until 2023-11-15T22:13:20Z\n',
    );

    // Without the properties the clock is the real one.
    const live = await runJava({ classpath: rewritten, mainClass: 'example.clock.Receipt', verify: true });
    expect(live.exitCode).toBe(0);
    expect(live.stdout).not.toContain('2023-11-14');
  });

  it('can redirect to a clock class of your own, and HotSpot verifies the result', async () => {
    const program = await compileJava(sources);
    const rewritten = await transformClasses(program, controllableClock, { options: { clockClass: 'example/clock/TestClock' } });
    expect(calls(rewritten.classes.get('example/clock/Receipt')!)).toContain('example/clock/TestClock.currentTimeMillis');
    expect(rewritten.added).toEqual(['example/clock/TestClock']);
    const verification = await verifyClasses(rewritten.classes);
    expect(verification.failures).toEqual([]);

    // A program with a clock of its own: the transform adds none (and would refuse to replace it).
    const own = new Map([...program.classes, ['example/clock/TestClock', clockClass('example/clock/TestClock')]]);
    await expect(transformClasses(own, controllableClock, { options: { clockClass: 'example/clock/TestClock' } })).rejects.toThrow(
      "transform 'controllable-clock': helperClasses: gives example.clock.TestClock, which the input classes already hold",
    );
    const bringsOwn = await transformClasses(own, controllableClock, { options: { clockClass: 'example/clock/TestClock', addClockClass: false } });
    expect(bringsOwn.added).toEqual([]);
    expect(bringsOwn.changed).toEqual(['example/clock/Receipt']);
    expect(bringsOwn.status.get('example/clock/TestClock')).toBe('unchanged');

    await expect(transformClasses(program, controllableClock, { options: { clockClass: 'a.b.Clock' } })).rejects.toThrow(
      'controllable-clock: options/clockClass must match pattern',
    );
  });
});
