// The source-audit example (a source-style transform) tested as a user would: javac → transform → java
// -Xverify:all, and the same module inside the JVM through `classforge run`.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { compileJava, javaTool, runJava, transformClasses } from 'classforge/testing';
import audit from './transform.js';

const sources = fileURLToPath(new URL('./java', import.meta.url));
const transformFile = fileURLToPath(new URL('./transform.ts', import.meta.url));
const cli = fileURLToPath(new URL('../../dist/cli/classforge.js', import.meta.url));

const EXPECTED_OUT = 'withdrew: true\nwithdrew: false\nbalance: 0\n';
const EXPECTED_AUDIT = [
  'call Account.deposit[100]',
  'return Account.deposit = 100',
  'call Account.withdraw[30]',
  'return Account.withdraw = true',
  'call Account.withdraw[300]',
  'return Account.withdraw = false',
  'call Account.close[done]',
];

describe('examples/source-audit', () => {
  it('logs calls and results of the selected methods; the program output is unchanged', async () => {
    const program = await compileJava(sources);
    const audited = await transformClasses(program, audit, { options: { methods: '^(deposit|withdraw|close)$' } });
    expect(audited.changed).toEqual(['example/audit/Account']);
    const run = await runJava({ classpath: audited, mainClass: 'example.audit.Account', verify: true });
    expect(run.stdout).toBe(EXPECTED_OUT);
    expect(run.stderr.trimEnd().split('\n')).toEqual(EXPECTED_AUDIT);
  });

  // It had `include: ['example.**']`: run on a user's own program (com.acme…), it changed nothing, and
  // classforge run said nothing about it.
  it.skipIf(!existsSync(cli))('audits classes of any package, offline and with classforge run', async () => {
    const program = await compileJava({
      'com/acme/Shop.java': `package com.acme;
        public class Shop {
          static int price(String item, int count) { return item.length() * count; }
          public static void main(String[] a) { System.out.println("price " + price("tea", 2)); }
        }`,
    });
    const expectedAudit = ['call Shop.price[tea, 2]', 'return Shop.price = 6'];
    const audited = await transformClasses(program, audit, { options: { methods: '^price$' } });
    expect(audited.changed).toEqual(['com/acme/Shop']);
    const offline = await runJava({ classpath: audited, mainClass: 'com.acme.Shop', verify: true });
    expect(offline.stdout).toBe('price 6\n');
    expect(offline.stderr.trimEnd().split('\n')).toEqual(expectedAudit);
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [cli, 'run', '-t', transformFile, '--options', '{"methods": "^price$"}', '--', javaTool('java'), '-Xverify:all', '-cp', program.dir, 'com.acme.Shop'],
      { encoding: 'utf8' },
    );
    expect(stdout).toBe('price 6\n');
    expect(stderr.trimEnd().split('\n').filter((line) => !line.startsWith('[source-audit]'))).toEqual(expectedAudit);
  });

  it.skipIf(!existsSync(cli))('runs unchanged inside the JVM with classforge run', async () => {
    const program = await compileJava(sources);
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [cli, 'run', '-t', transformFile, '--options', '{"methods": "^(deposit|withdraw|close)$"}', '--', javaTool('java'), '-Xverify:all', '-cp', program.dir, 'example.audit.Account'],
      { encoding: 'utf8' },
    );
    expect(stdout).toBe(EXPECTED_OUT);
    // ctx.log lines of the host come with the program's stderr.
    expect(stderr.trimEnd().split('\n').filter((line) => !line.startsWith('[source-audit]'))).toEqual(EXPECTED_AUDIT);
  });
});
