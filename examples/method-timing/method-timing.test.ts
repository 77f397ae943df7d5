// The method-timing example, tested the way a user tests a transform: javac → transform → java -Xverify:all.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ClassPath, ClassWriter, Label, Opcodes } from 'classforge';
import { compileJava, runJava, transformClasses, verifyClasses } from 'classforge/testing';
import methodTiming from './transform.js';

const sources = fileURLToPath(new URL('./java', import.meta.url));
const transformFile = fileURLToPath(new URL('./transform.ts', import.meta.url));

describe('examples/method-timing', () => {
  it('leaves the program output alone and reports each method exit on stderr, exceptions included', async () => {
    const program = await compileJava(sources);
    const original = await runJava({ classpath: program, mainClass: 'example.timing.Inventory', verify: true });
    expect(original.stdout).toBe('left: 1\nfailed: only 0 pear\n');
    expect(original.stderr).toBe('');

    const timed = await transformClasses(program, methodTiming);
    expect(timed.changed).toEqual(['example/timing/Inventory']);
    const run = await runJava({ classpath: timed, mainClass: 'example.timing.Inventory', verify: true });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe(original.stdout);
    const reports = run.stderr.trimEnd().split('\n').map((line) => line.replace(/ \d+ ns/, ' N ns'));
    expect(reports).toEqual([
      'example.timing.Inventory.<init> took N ns',
      'example.timing.Inventory.add took N ns',
      'example.timing.Inventory.take took N ns',
      // take throws, checkout lets the exception through: both report it.
      'example.timing.Inventory.take took N ns (threw java.lang.IllegalStateException)',
      'example.timing.Inventory.checkout took N ns (threw java.lang.IllegalStateException)',
      'example.timing.Inventory.main took N ns',
    ]);
  });

  it('takes its options like --options: a method pattern, a threshold and the output stream', async () => {
    const program = await compileJava(sources);
    const onlyTake = await transformClasses(program, transformFile, { options: { methods: '\\.take$', output: 'stdout' } });
    const run = await runJava({ classpath: onlyTake, mainClass: 'example.timing.Inventory', verify: true });
    expect(run.stdout).toMatch(
      /^example\.timing\.Inventory\.take took \d+ ns\nleft: 1\nexample\.timing\.Inventory\.take took \d+ ns \(threw java\.lang\.IllegalStateException\)\nfailed: only 0 pear\n$/,
    );

    // Nothing in this program takes an hour.
    const slowOnly = await transformClasses(program, methodTiming, { options: { thresholdNanos: 3_600_000_000_000 } });
    expect((await runJava({ classpath: slowOnly, mainClass: 'example.timing.Inventory', verify: true })).stderr).toBe('');

    await expect(transformClasses(program, methodTiming, { options: { thresholdNanos: -1 } })).rejects.toThrow(
      'method-timing: options/thresholdNanos must be >= 0',
    );
  });

  it('times a constructor that calls super(...) on two branches, as Groovy writes them', async () => {
    // Java cannot say this; Groovy selects its super constructor with a switch. Generated here:
    // Twice(boolean b) { if (b) super(); else super(); System.out.println("body " + b); }
    const writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES, { classPath: new ClassPath([]) });
    writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, 'Twice', null, 'java/lang/Object', null);
    const init = writer.visitMethod(Opcodes.ACC_PUBLIC, '<init>', '(Z)V', null, null)!;
    init.visitCode();
    const otherBranch = new Label();
    const joined = new Label();
    init.visitVarInsn(Opcodes.ILOAD, 1);
    init.visitJumpInsn(Opcodes.IFEQ, otherBranch);
    init.visitVarInsn(Opcodes.ALOAD, 0);
    init.visitMethodInsn(Opcodes.INVOKESPECIAL, 'java/lang/Object', '<init>', '()V', false);
    init.visitJumpInsn(Opcodes.GOTO, joined);
    init.visitLabel(otherBranch);
    init.visitVarInsn(Opcodes.ALOAD, 0);
    init.visitMethodInsn(Opcodes.INVOKESPECIAL, 'java/lang/Object', '<init>', '()V', false);
    init.visitLabel(joined);
    init.visitFieldInsn(Opcodes.GETSTATIC, 'java/lang/System', 'out', 'Ljava/io/PrintStream;');
    init.visitVarInsn(Opcodes.ILOAD, 1);
    init.visitMethodInsn(Opcodes.INVOKESTATIC, 'java/lang/String', 'valueOf', '(Z)Ljava/lang/String;', false);
    init.visitMethodInsn(Opcodes.INVOKEVIRTUAL, 'java/io/PrintStream', 'println', '(Ljava/lang/String;)V', false);
    init.visitInsn(Opcodes.RETURN);
    init.visitMaxs(0, 0);
    init.visitEnd();
    const main = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, 'main', '([Ljava/lang/String;)V', null, null)!;
    main.visitCode();
    for (const value of [Opcodes.ICONST_1, Opcodes.ICONST_0]) {
      main.visitTypeInsn(Opcodes.NEW, 'Twice');
      main.visitInsn(Opcodes.DUP);
      main.visitInsn(value);
      main.visitMethodInsn(Opcodes.INVOKESPECIAL, 'Twice', '<init>', '(Z)V', false);
      main.visitInsn(Opcodes.POP);
    }
    main.visitInsn(Opcodes.RETURN);
    main.visitMaxs(0, 0);
    main.visitEnd();
    writer.visitEnd();

    const timed = await transformClasses(new Map([['Twice', writer.toByteArray()]]), methodTiming, { options: { output: 'stdout' } });
    const run = await runJava({ classpath: timed, mainClass: 'Twice', verify: true });
    expect(run.stderr).toBe('');
    expect(run.stdout.replace(/ \d+ ns/g, ' N ns')).toBe(
      'true\nTwice.<init> took N ns\nfalse\nTwice.<init> took N ns\nTwice.main took N ns\n',
    );
  });

  it('produces classes HotSpot links under -Xverify:all', async () => {
    const timed = await transformClasses(await compileJava(sources), methodTiming);
    const verification = await verifyClasses(timed);
    expect(verification.failures).toEqual([]);
    expect(verification.ok).toBe(true);
  });
});
