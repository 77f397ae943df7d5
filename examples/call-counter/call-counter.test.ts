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

  // It had `include: ['example.**']`: run on a user's own program (com.acme…), it changed nothing, and
  // classforge run said nothing about it. A class older than Java 8 (no lambdas) is left alone.
  it.skipIf(!existsSync(cli))('counts calls in classes of any package, offline and with classforge run; skips classes before version 52', async () => {
    const program = await compileJava({
      'com/acme/Shop.java': `package com.acme;
        public class Shop {
          static int price(int count) { return 3 * count; }
          public static void main(String[] a) { System.out.println("price " + (price(1) + price(2))); }
        }`,
    });
    const legacy = await compileJava({ 'com/acme/old/Legacy.java': 'package com.acme.old; public class Legacy { static int price(int c) { return c; } }' }, { release: 7 });
    const options = { methods: '^price$' };
    const counted = await transformClasses(program, counter, { options });
    expect(counted.changed).toEqual(['com/acme/Shop']);
    const offline = await runJava({ classpath: counted, mainClass: 'com.acme.Shop', verify: true });
    expect(offline.stdout).toBe('price 9\n');
    expect(offline.stderr.trimEnd()).toBe('com.acme.Shop.price: 2 calls');
    const old = await transformClasses(legacy, counter, { options });
    expect(old.status.get('com/acme/old/Legacy')).toBe('unchanged');
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [cli, 'run', '-t', transformFile, '--options', JSON.stringify(options), '--', javaTool('java'), '-Xverify:all', '-cp', program.dir, 'com.acme.Shop'],
      { encoding: 'utf8' },
    );
    expect(stdout).toBe('price 9\n');
    expect(stderr.trimEnd().split('\n').filter((line) => !line.startsWith('[call-counter]'))).toEqual(['com.acme.Shop.price: 2 calls']);
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
