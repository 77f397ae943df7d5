// The advice-timing example: the advice compiled with javac against Byte Buddy's annotations (Debian's
// byte-buddy.jar), the program transformed with it, run under -Xverify:all; then the same inside the JVM.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { compileJava, javaTool, runJava, transformClasses } from 'classforge/testing';
import adviceTiming from './transform.js';

const BYTE_BUDDY = '/usr/share/java/byte-buddy.jar';
const here = fileURLToPath(new URL('.', import.meta.url));
const CLI = join(here, '..', '..', 'dist', 'cli', 'classforge.js');

/** The report lines with the durations blanked. */
const reports = (stderr: string): string[] => stderr.trimEnd().split('\n').map((line) => line.replace(/ \d+ ns/, ' N ns'));

const EXPECTED = [
  'example.orders.Orders.add took N ns',
  'example.orders.Orders.add took N ns (threw java.lang.IllegalArgumentException)',
  'example.orders.Orders.count took N ns',
  'example.orders.Orders.main took N ns',
];

describe.skipIf(!existsSync(BYTE_BUDDY))('examples/advice-timing', () => {
  it('times every method with the Java advice, exceptions included, and leaves the output alone', async () => {
    const [advice, program] = await Promise.all([
      compileJava(join(here, 'advice'), { classpath: BYTE_BUDDY }),
      compileJava(join(here, 'java')),
    ]);
    const original = await runJava({ classpath: program, mainClass: 'example.orders.Orders', verify: true });
    expect(original.stdout).toBe('refused: quantity 0\nlines: 1\n');

    const options = { advice: join(advice.dir, 'example', 'advice', 'TimingAdvice.class') };
    const timed = await transformClasses(program, adviceTiming, { options });
    expect(timed.changed).toEqual(['example/orders/Orders']);
    // The advice class comes along as a helper: the inlined exit advice calls its report method.
    expect(timed.added).toEqual(['example/advice/TimingAdvice']);
    const run = await runJava({ classpath: timed, mainClass: 'example.orders.Orders', verify: true });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe(original.stdout);
    expect(reports(run.stderr)).toEqual(EXPECTED);

    const onlyCount = await transformClasses(program, adviceTiming, { options: { ...options, methods: '\\.count$' } });
    expect(reports((await runJava({ classpath: onlyCount, mainClass: 'example.orders.Orders', verify: true })).stderr)).toEqual([
      'example.orders.Orders.count took N ns',
    ]);
  });

  it.skipIf(!existsSync(CLI))('runs inside the JVM with classforge run', async () => {
    const [advice, program] = await Promise.all([compileJava(join(here, 'advice'), { classpath: BYTE_BUDDY }), compileJava(join(here, 'java'))]);
    const options = JSON.stringify({ advice: join(advice.dir, 'example', 'advice', 'TimingAdvice.class') });
    const run = await execa('node', [CLI, 'run', '-t', join(here, 'transform.ts'), '--options', options, '--', javaTool('java'), '-Xverify:all', '-cp', program.dir, 'example.orders.Orders'], { reject: false });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe('refused: quantity 0\nlines: 1');
    expect(reports(run.stderr)).toEqual(EXPECTED);
  });
});
