// The call-counter example (a source-style transform with generics and lambdas in its snippets)
// tested as a user would: javac → transform → java -Xverify:all, and inside the JVM with classforge run.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { compileJava, javaTool, runJava, transformClasses } from 'classforge/testing';
import counter from './transform.js';

const sources = fileURLToPath(new URL('./java', import.meta.url));
const transformFile = fileURLToPath(new URL('./transform.ts', import.meta.url));
const cli = fileURLToPath(new URL('../../dist/cli/classforge.js', import.meta.url));
const OPTIONS = { methods: '^(add|remove)$' };
const EXPECTED_COUNTS = ['example.counter.Cart.add: 3 calls', 'example.counter.Cart.remove: 2 calls'];

describe('examples/call-counter', () => {
  it('counts the calls of the selected methods and prints them at exit; the output is unchanged', async () => {
    const program = await compileJava(sources);
    const counted = await transformClasses(program, counter, { options: OPTIONS });
    expect(counted.changed).toEqual(['example/counter/Cart']);
    const run = await runJava({ classpath: counted, mainClass: 'example.counter.Cart', verify: true });
    expect(run.stdout).toBe('items: 2\n');
    expect(run.stderr.trimEnd().split('\n')).toEqual(EXPECTED_COUNTS);
  });

  it.skipIf(!existsSync(cli))('runs inside the JVM with classforge run', async () => {
    const program = await compileJava(sources);
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [cli, 'run', '-t', transformFile, '--options', JSON.stringify(OPTIONS), '--', javaTool('java'), '-Xverify:all', '-cp', program.dir, 'example.counter.Cart'],
      { encoding: 'utf8' },
    );
    expect(stdout).toBe('items: 2\n');
    expect(stderr.trimEnd().split('\n').filter((line) => !line.startsWith('[call-counter]'))).toEqual(EXPECTED_COUNTS);
  });
});
