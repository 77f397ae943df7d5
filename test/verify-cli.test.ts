// `classforge verify`: the built CLI on a directory and a jar of javac output (exit 0), on a
// frame-stripped copy (exit 1, naming the class and method), with --json, and on bad input
// (exit 2, one line on stderr).

import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClassReader } from '../src/asm/class-reader.js';
import { ClassWriter } from '../src/asm/class-writer.js';
import { readJavaRelease } from '../src/classpath/java-home.js';
import { javaHome } from './support/corpus.js';
import { compileJava, makeTempDir, PROJECT_ROOT } from './support/javac.js';

const CLI = join(PROJECT_ROOT, 'dist', 'cli', 'classforge.js');

const SOURCES: Record<string, string> = {
  'app/Counter.java': `
package app;
public class Counter {
  private int count;
  public int countTo(int n) {
    for (int i = 0; i < n; i++) {
      count++;
    }
    return count;
  }
}`,
  'app/Main.java': `
package app;
public class Main {
  public static void main(String[] args) {
    System.out.println(new Counter().countTo(args.length));
  }
}`,
};

async function classforge(...args: string[]) {
  const result = await execa('node', [CLI, ...args], { reject: false, stripFinalNewline: false });
  return { exitCode: result.exitCode ?? -1, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

function expectOneLineError(stderr: string): void {
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(stderr.startsWith('classforge: ')).toBe(true);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('classforge verify', () => {
  let work = '';
  let goodDir = '';
  let strippedDir = '';
  let jar = '';
  let badJar = '';

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npx tsc -p ." (npm test builds it) first`);
    const compiled = await compileJava(SOURCES, { options: ['-g'] });
    goodDir = compiled.dir;
    work = await makeTempDir('verify-cli');
    strippedDir = join(work, 'stripped');
    const zip = new JSZip();
    const bad = new JSZip();
    for (const c of compiled.classes) {
      const writer = new ClassWriter(0);
      new ClassReader(c.bytes).accept(writer, ClassReader.SKIP_FRAMES);
      const path = join(strippedDir, `${c.name}.class`);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, writer.toByteArray());
      zip.file(`${c.name}.class`, await readFile(c.path));
      bad.file(`${c.name}.class`, await readFile(c.path));
    }
    bad.file('app/Broken.class', new Uint8Array([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 61, 0]));
    jar = join(work, 'app.jar');
    badJar = join(work, 'bad.jar');
    await writeFile(jar, await zip.generateAsync({ type: 'uint8array' }));
    await writeFile(badJar, await bad.generateAsync({ type: 'uint8array' }));
  }, 60_000);

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('exits 0 on a directory of javac output', async () => {
    const result = await classforge('verify', goodDir);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('verified 2 classes, 4 methods: 0 errors\n');
    expect(result.exitCode).toBe(0);
  });

  it('exits 0 on a jar and on a single class file', async () => {
    const fromJar = await classforge('verify', jar);
    expect(fromJar.stdout).toBe('verified 2 classes, 4 methods: 0 errors\n');
    expect(fromJar.exitCode).toBe(0);
    const single = await classforge('verify', join(goodDir, 'app', 'Counter.class'), '--cp', goodDir);
    expect(single.stdout).toBe('verified 1 class, 2 methods: 0 errors\n');
    expect(single.exitCode).toBe(0);
  });

  it('exits 1 on a frame-stripped copy, naming the class, method, offset and line', async () => {
    const result = await classforge('verify', strippedDir);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe(
      'app/Counter.countTo(I)I @4 (line 6): Expecting a stackmap frame at branch target 23\n' +
        'verified 2 classes, 4 methods: 1 error\n',
    );
  });

  it('prints a JSON report with --json', async () => {
    const result = await classforge('verify', strippedDir, '--json');
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({
      ok: false,
      classes: 2,
      methods: 4,
      errors: [
        {
          className: 'app/Counter',
          method: 'countTo(I)I',
          offset: 4,
          line: 6,
          message: 'Expecting a stackmap frame at branch target 23',
        },
      ],
      unresolved: [],
      malformed: [],
    });
    const good = JSON.parse((await classforge('verify', goodDir, '--json')).stdout) as Record<string, unknown>;
    expect(good).toMatchObject({ ok: true, errors: [] });
  });

  it('exits 1 on a jar holding a malformed class, naming it', async () => {
    const result = await classforge('verify', badJar);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain(`${badJar}!/app/Broken.class: ClassFormatError`);
    expect(result.stdout).toContain('verified 2 classes, 4 methods: 0 errors, 1 malformed class');
  });

  it('exits 2 on a garbage file and on a missing path, with one line on stderr', async () => {
    const garbage = join(work, 'garbage.class');
    await writeFile(garbage, 'this is not a class file');
    const result = await classforge('verify', garbage);
    expect(result.exitCode).toBe(2);
    expectOneLineError(result.stderr);
    expect(result.stderr).toContain(garbage);
    const missing = await classforge('verify', join(work, 'nope.jar'));
    expect(missing.exitCode).toBe(2);
    expectOneLineError(missing.stderr);
    expect(missing.stderr).toContain('no such file or directory');
    const usage = await classforge('verify');
    expect(usage.exitCode).toBe(2);
  });

  it('--verbose adds the stack to an error, as the other commands do (it was an unknown option)', async () => {
    const garbage = join(work, 'garbage-verbose.class');
    await writeFile(garbage, 'this is not a class file');
    const result = await classforge('verify', garbage, '--verbose');
    expect(result.exitCode).toBe(2);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^classforge: ${garbage.replace(/[.\\/]/g, '\\$&')}: ClassFormatError: `));
    expect(lines[1]).toMatch(/^ClassFormatError: /);
    expect(lines.slice(2).some((line) => /^ {4}at /.test(line))).toBe(true);
    const quiet = await classforge('verify', garbage);
    expect(quiet.stderr.trimEnd().split('\n')).toEqual([lines[0]]);
  });

  it('names the methods it cannot verify for a class found nowhere, and says to add it with --cp (exit 0)', async () => {
    const program = await compileJava({
      'demo/Base.java': 'package demo; public class Base { }',
      'demo/Sub.java': 'package demo; public class Sub extends Base { }',
      'demo/User.java': 'package demo; public class User { static Base pick(boolean b) { return b ? new Sub() : new Base(); } }',
    });
    const alone = await makeTempDir('verify-unresolved');
    await mkdir(join(alone, 'demo'));
    await writeFile(join(alone, 'demo', 'User.class'), program.classes.find((c) => c.name === 'demo/User')!.bytes);
    const result = await classforge('verify', alone);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^warning: demo\/User\.pick\(Z\)Ldemo\/Base;: not verified: .*demo\/(Sub|Base)/m);
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe(
      'verified 1 class, 2 methods: 0 errors, 1 method unresolved (a class they need is on no class path: add its jar or directory with --cp)',
    );
    // With the classes on --cp, nothing is left unresolved.
    const resolved = await classforge('verify', alone, '--cp', program.dir);
    expect(resolved.stdout.trimEnd()).toBe('verified 1 class, 2 methods: 0 errors');
  });

  it('shows the first 20 warnings and counts the others, all of them with --verbose', async () => {
    const sources: Record<string, string> = { 'demo/Base.java': 'package demo; public class Base { }' };
    for (let i = 0; i < 23; i++) sources[`demo/Sub${i}.java`] = `package demo; public class Sub${i} extends Base { }`;
    const program = await compileJava(sources);
    const alone = await makeTempDir('verify-many-warnings');
    await mkdir(join(alone, 'demo'));
    for (const c of program.classes) if (c.name !== 'demo/Base') await writeFile(join(alone, c.name + '.class'), c.bytes);
    const result = await classforge('verify', alone);
    expect(result.exitCode, result.stderr).toBe(0);
    const warnings = result.stdout.split('\n').filter((line) => line.startsWith('warning: '));
    expect(warnings).toHaveLength(21);
    expect(warnings[0]).toMatch(/^warning: demo\/Sub\d+: its superclass demo\.Base is on no class path: the JVM cannot load the class \(NoClassDefFoundError: demo\/Base\)$/);
    expect(warnings[20]).toBe('warning: … and 3 more like these (--verbose or --json lists them all)');
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe(
      'verified 23 classes, 23 methods: 0 errors, 23 classes with a superclass or interface found nowhere (a class they need is on no class path: add its jar or directory with --cp)',
    );
    const verbose = await classforge('verify', alone, '--verbose');
    expect(verbose.stdout.split('\n').filter((line) => line.startsWith('warning: '))).toHaveLength(23);
  });

  it('says a Java source file is not a class file, as print does', async () => {
    const source = join(work, 'Main.java');
    await writeFile(source, 'package app; public class Main {}\n');
    const result = await classforge('verify', source);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`classforge: ${source}: not a class file (no 0xCAFEBABE magic); is it Java source? compile it with javac first\n`);
  });

  it('warns when the classes are newer than the JDK the class path reads', async () => {
    const home = javaHome();
    const jdk = readJavaRelease(home)?.featureVersion ?? 0;
    // A javac class relabelled as one Java version past that JDK's (its code is valid for both).
    const bytes = new Uint8Array(await readFile(join(goodDir, 'app', 'Counter.class')));
    bytes[6] = 0;
    bytes[7] = jdk + 44 + 1;
    const dir = join(work, 'newer', 'app');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'Counter.class'), bytes);
    const result = await execa('node', [CLI, 'verify', join(work, 'newer')], { reject: false, env: { JAVA_HOME: home } });
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain(`warning: some classes are Java ${jdk + 1} class files (version ${jdk + 45}), newer than the JDK the class path reads (Java ${jdk}`);
    const plain = await execa('node', [CLI, 'verify', goodDir], { reject: false, env: { JAVA_HOME: home } });
    expect(plain.stderr).not.toContain('warning');
  });
});
