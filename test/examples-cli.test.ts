// The example transforms through the command line, as a user runs them: javac output in a directory,
// `classforge transform <dir> -o <out> -t examples/<x>/transform.ts`, then java -Xverify:all on <out>.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { compileJava, runJava } from '../src/testing/index.js';

const root = resolve(__dirname, '..');
const cli = join(root, 'dist', 'cli', 'classforge.js');
const run = promisify(execFile);
/** Outputs of the CLI go here (they must not exist beforehand: the CLI creates them). */
const outputs = mkdtempSync(join(tmpdir(), 'classforge-examples-cli-'));
afterAll(() => rmSync(outputs, { recursive: true, force: true }));

async function classforge(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8' });
}

describe.skipIf(!existsSync(join(root, 'dist', 'cli', 'classforge.js')))('the examples through `classforge transform`', () => {
  it('method-timing: times every method of a javac output directory', async () => {
    const program = await compileJava(join(root, 'examples', 'method-timing', 'java'));
    const out = join(outputs, 'timed');
    const { stdout } = await classforge(
      'transform', program.dir, '-o', out, '-t', 'examples/method-timing/transform.ts',
      '--options', '{"methods": "Inventory\\\\.(take|checkout)$"}', '--json', '--jobs', '1',
    );
    expect(JSON.parse(stdout)).toMatchObject({ changed: 1 });
    const result = await runJava({ classpath: out, mainClass: 'example.timing.Inventory', verify: true });
    expect(result.stdout).toBe('left: 1\nfailed: only 0 pear\n');
    expect(result.stderr.replace(/\d+ ns/g, 'N ns')).toBe(
      'example.timing.Inventory.take took N ns\n' +
        'example.timing.Inventory.take took N ns (threw java.lang.IllegalStateException)\n' +
        'example.timing.Inventory.checkout took N ns (threw java.lang.IllegalStateException)\n',
    );
  });

  it('controllable-clock (chained with field-write-log, which finds no field write here): the clock freezes', async () => {
    const program = await compileJava(join(root, 'examples', 'controllable-clock', 'java'));
    const out = join(outputs, 'clock');
    await classforge(
      'transform', program.dir, '-o', out,
      '-t', 'examples/controllable-clock/transform.ts', '-t', 'examples/field-write-log/transform.ts',
    );
    // The clock class is in the output: a helper class of the transform.
    expect(existsSync(join(out, 'classforge', 'examples', 'Clock.class'))).toBe(true);
    const result = await runJava({
      classpath: out,
      mainClass: 'example.clock.Receipt',
      jvmArgs: ['-Dclassforge.clock.millis=1700000000000', '-Dclassforge.clock.nanos=0'],
      verify: true,
    });
    expect(result.stdout).toBe('issued at 2023-11-14T22:13:20Z\ntotal 3.75, computed in 0 ns\nvalid until 2023-11-15T22:13:20Z\n');
    expect(result.stderr).toBe('');
  });

  it('controllable-clock under `classforge run`: the agent jar carries the clock class, and the clock freezes', async () => {
    const program = await compileJava(join(root, 'examples', 'controllable-clock', 'java'));
    const java = join(process.env.JAVA_HOME ?? '', 'bin', 'java');
    const { stdout, stderr } = await classforge(
      'run', '-t', 'examples/controllable-clock/transform.ts', '--',
      existsSync(java) ? java : 'java', '-Xverify:all', '-Dclassforge.clock.millis=1700000000000', '-Dclassforge.clock.nanos=0',
      '-cp', program.dir, 'example.clock.Receipt',
    );
    expect(stdout).toBe('issued at 2023-11-14T22:13:20Z\ntotal 3.75, computed in 0 ns\nvalid until 2023-11-15T22:13:20Z\n');
    // What the transform logs as the class loads; nothing about the clock class, which loads as it is.
    expect(stderr.split('\n').filter((line) => line !== '')).toEqual([
      '[controllable-clock] example.clock.Receipt: main([Ljava/lang/String;)V: System.currentTimeMillis()',
      '[controllable-clock] example.clock.Receipt: main([Ljava/lang/String;)V: System.nanoTime()',
      '[controllable-clock] example.clock.Receipt: main([Ljava/lang/String;)V: System.nanoTime()',
      '[controllable-clock] example.clock.Receipt: main([Ljava/lang/String;)V: System::currentTimeMillis',
    ]);
  });

  it('rejects options the transform schema refuses, with the path, and writes nothing', async () => {
    const program = await compileJava(join(root, 'examples', 'field-write-log', 'java'));
    const out = join(outputs, 'bad');
    const failure = await classforge(
      'transform', program.dir, '-o', out, '-t', 'examples/field-write-log/transform.ts', '--options', '{"output": "printer"}',
    ).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toContain('field-write-log: options/output must be equal to one of the allowed values');
    expect(existsSync(out)).toBe(false);
  });
});
