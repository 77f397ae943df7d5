// `classforge print`: the built CLI (dist/cli/classforge.js, as `npx classforge` runs it) on a class
// file, a jar and a directory, with --class and --verbose, and on bad input: exit 2 with one line
// on stderr and no stack trace.

import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileJava, makeTempDir, PROJECT_ROOT } from './support/javac.js';

const CLI = join(PROJECT_ROOT, 'dist', 'cli', 'classforge.js');
const ASM_JARS = ['/usr/share/java/asm.jar', '/usr/share/java/asm-util.jar'];

const SOURCES: Record<string, string> = {
  'com/acme/Hello.java': `
package com.acme;
public class Hello {
  public static void main(String[] args) { System.out.println("hello " + args.length); }
}
`,
  'com/acme/util/Strings.java': `
package com.acme.util;
public final class Strings {
  private Strings() {}
  public static String twice(String s) { return s + s; }
  public static final int LIMIT = 42;
}
`,
  'org/other/Thing.java': `
package org.other;
public interface Thing { int size(); }
`,
};

/** Runs the CLI with `args`; never throws on a non-zero exit. */
async function classforge(...args: string[]) {
  const result = await execa('node', [CLI, ...args], { reject: false, stripFinalNewline: false });
  return { exitCode: result.exitCode ?? -1, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

/** stderr must be exactly one line, start with "classforge: " and hold no stack frame. */
function expectOneLineError(stderr: string): void {
  expect(stderr.endsWith('\n')).toBe(true);
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(stderr.startsWith('classforge: ')).toBe(true);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('classforge print', () => {
  let work = '';
  let classesDir = '';
  let helloClass = '';
  let jar = '';

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npx tsc -p ." (npm test builds it) first`);
    work = await makeTempDir('cli-print');
    const compiled = await compileJava(SOURCES, { options: ['-g'] });
    classesDir = compiled.dir;
    helloClass = join(classesDir, 'com', 'acme', 'Hello.class');
    const zip = new JSZip();
    zip.file('META-INF/MANIFEST.MF', 'Manifest-Version: 1.0\r\n\r\n');
    for (const c of compiled.classes) zip.file(`${c.name}.class`, c.bytes);
    jar = join(work, 'app.jar');
    await writeFile(jar, await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
  }, 300_000);

  afterAll(async () => {
    if (work !== '') await rm(work, { recursive: true, force: true });
  });

  it('prints a class file in Textifier format', async () => {
    const { exitCode, stdout, stderr } = await classforge('print', helloClass);
    expect(stderr).toBe('');
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/^\/\/ class version \d+\.0 \(\d+\)\n\/\/ access flags 0x21\npublic class com\/acme\/Hello \{\n/);
    expect(stdout).toContain('  // compiled from: Hello.java\n');
    expect(stdout).toContain('    INVOKESPECIAL java/lang/Object.<init> ()V\n');
    expect(stdout).toContain('  public static main([Ljava/lang/String;)V\n');
    expect(stdout.endsWith('}\n')).toBe(true);
  });

  it('prints every class of a jar, in entry order', async () => {
    const { exitCode, stdout, stderr } = await classforge('print', jar);
    expect(stderr).toBe('');
    expect(exitCode).toBe(0);
    const headers = [...stdout.matchAll(/^(?:public |final |abstract )*(?:class|interface) (\S+)/gm)].map((m) => m[1]);
    expect(headers).toEqual(['com/acme/Hello', 'com/acme/util/Strings', 'org/other/Thing']);
  });

  it('prints every class of a directory, recursively', async () => {
    const { exitCode, stdout } = await classforge('print', classesDir);
    expect(exitCode).toBe(0);
    expect(stdout).toContain('class com/acme/Hello {');
    expect(stdout).toContain('class com/acme/util/Strings {');
    expect(stdout).toContain('interface org/other/Thing {');
  });

  it('filters classes with --class globs (* within a segment, ** across)', async () => {
    const single = await classforge('print', jar, '--class', 'com.acme.*');
    expect(single.exitCode).toBe(0);
    expect(single.stdout).toContain('com/acme/Hello');
    expect(single.stdout).not.toContain('com/acme/util/Strings {');
    expect(single.stdout).not.toContain('org/other/Thing');

    const deep = await classforge('print', classesDir, '--class', 'com.acme.**');
    expect(deep.stdout).toContain('class com/acme/Hello {');
    expect(deep.stdout).toContain('class com/acme/util/Strings {');
    expect(deep.stdout).not.toContain('org/other/Thing');
  });

  it('adds version, constant pool and raw attributes with --verbose', async () => {
    const { exitCode, stdout, stderr } = await classforge('print', '--verbose', helloClass);
    expect(stderr).toBe('');
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/^Classfile .*Hello\.class\n/);
    expect(stdout).toMatch(/ {2}major version: \d+\n/);
    expect(stdout).toContain('Constant pool:\n');
    expect(stdout).toMatch(/#\d+ = Methodref +#\d+\.#\d+ +\/\/ java\/lang\/Object\."<init>":\(\)V\n/);
    expect(stdout).toMatch(/ {2}class: SourceFile \(2 bytes\)\n/);
    expect(stdout).toMatch(/ {2}method main\(\[Ljava\/lang\/String;\)V: Code \(\d+ bytes\)\n/);
    expect(stdout).toMatch(/Code\/LineNumberTable \(\d+ bytes\)\n/);
    expect(stdout).toContain('public class com/acme/Hello {');
  });

  it('--version and --help exit 0', async () => {
    const pkg = JSON.parse(await readFile(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
    const version = await classforge('--version');
    expect(version.exitCode).toBe(0);
    expect(version.stdout.trim()).toBe(pkg.version);
    const help = await classforge('--help');
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain('print');
    const printHelp = await classforge('print', '--help');
    expect(printHelp.exitCode).toBe(0);
    expect(printHelp.stdout).toContain('--class <glob>');
  });

  it('exits 2 with one line on a nonexistent path', async () => {
    const missing = join(work, 'nope', 'Missing.class');
    const { exitCode, stdout, stderr } = await classforge('print', missing);
    expect(exitCode).toBe(2);
    expect(stdout).toBe('');
    expectOneLineError(stderr);
    expect(stderr).toBe(`classforge: ${missing}: no such file or directory\n`);
  });

  it('exits 2 with a one-line ClassFormatError on garbage bytes', async () => {
    const garbage = join(work, 'Garbage.class');
    await writeFile(garbage, Buffer.from('this is not a class file at all, just text\n'));
    const { exitCode, stderr } = await classforge('print', garbage);
    expect(exitCode).toBe(2);
    expectOneLineError(stderr);
    expect(stderr).toContain(`classforge: ${garbage}: ClassFormatError: `);
  });

  it('exits 2 with one line on a truncated class file', async () => {
    const truncated = join(work, 'Truncated.class');
    const bytes = await readFile(helloClass);
    await writeFile(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const { exitCode, stderr } = await classforge('print', truncated);
    expect(exitCode).toBe(2);
    expectOneLineError(stderr);
    expect(stderr).toContain('ClassFormatError');
  });

  it('exits 2 with one line on a truncated jar', async () => {
    const truncated = join(work, 'truncated.jar');
    const bytes = await readFile(jar);
    await writeFile(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const { exitCode, stderr } = await classforge('print', truncated);
    expect(exitCode).toBe(2);
    expectOneLineError(stderr);
    expect(stderr).toContain(`classforge: ${truncated}: `);
  });

  it('keeps going after a malformed class in a directory, then exits 2', async () => {
    const dir = join(work, 'mixed');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'A.class'), await readFile(helloClass));
    await writeFile(join(dir, 'B.class'), Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0, 0]));
    const { exitCode, stdout, stderr } = await classforge('print', dir);
    expect(exitCode).toBe(2);
    expect(stdout).toContain('class com/acme/Hello {');
    expectOneLineError(stderr);
    expect(stderr).toContain('B.class: ClassFormatError');
  });

  it('shows the stack trace of an error only with --verbose', async () => {
    const garbage = join(work, 'Garbage2.class');
    await writeFile(garbage, Buffer.from([1, 2, 3]));
    const { exitCode, stderr } = await classforge('print', '--verbose', garbage);
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(/\n\s+at /);
  });

  it('exits 2 on bad usage', async () => {
    const noArgument = await classforge('print');
    expect(noArgument.exitCode).toBe(2);
    expectOneLineError(noArgument.stderr);
    const badOption = await classforge('print', helloClass, '--no-such-option');
    expect(badOption.exitCode).toBe(2);
    expectOneLineError(badOption.stderr);
    const badCommand = await classforge('no-such-command');
    expect(badCommand.exitCode).toBe(2);
    expectOneLineError(badCommand.stderr);
  });

  it.skipIf(!ASM_JARS.every((j) => existsSync(j)))('survives a closed stdout pipe (| head)', async () => {
    const result = await execa(
      'bash',
      ['-c', `set -o pipefail; node ${JSON.stringify(CLI)} print ${ASM_JARS.map((j) => JSON.stringify(j)).join(' ')} | head -n 3`],
      { reject: false },
    );
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout.split('\n')).toHaveLength(3);
  });
});
