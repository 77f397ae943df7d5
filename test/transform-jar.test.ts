// Jars in and out of `classforge transform`: entries read in order and classified, and a rewrite that
// keeps every unchanged entry byte for byte (an identity rewrite gives back the input jar), tried on
// Debian's real jars and on jars built here by the JDK's own jar and jarsigner tools, then opened
// by the JDK (jar, java -cp, ZipInputStream through `jar t < file`) and by Info-ZIP's unzip.

import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClassReader } from '../src/asm/class-reader.js';
import { ClassVisitor } from '../src/asm/class-visitor.js';
import { ClassWriter } from '../src/asm/class-writer.js';
import { MethodVisitor } from '../src/asm/method-visitor.js';
import { Opcodes } from '../src/asm/opcodes.js';
import type { ConstantValue } from '../src/asm/java-values.js';
import { ClassPathError } from '../src/classpath/class-path-error.js';
import { ZipArchive } from '../src/classpath/zip-archive.js';
import { classifyJarEntry, JarFile } from '../src/transform/jar-file.js';
import { crc32, rewriteJar, writeJar } from '../src/transform/jar-writer.js';
import { corpusJars } from './support/corpus.js';
import { compileJava, defaultJavaHome, makeTempDir, runJava } from './support/javac.js';

// ## Fixtures: a small program, built into jars by the JDK's jar tool

const sources: Record<string, string> = {
  'demo/Main.java': `package demo;
public class Main {
  public static void main(String[] args) throws Exception {
    System.out.println(Greeter.greet());
    try (java.io.BufferedReader in = new java.io.BufferedReader(
        new java.io.InputStreamReader(Main.class.getResourceAsStream("/demo/data.txt"), "UTF-8"))) {
      System.out.println(in.readLine());
    }
    System.out.println(Version.name());
  }
}
`,
  'demo/Greeter.java': `package demo;
class Greeter {
  static String greet() { return "hello from the jar"; }
}
`,
  'demo/Version.java': `package demo;
class Version {
  static String name() { return "base version"; }
}
`,
};

const versioned: Record<string, string> = {
  'demo/Version.java': `package demo;
class Version {
  static String name() { return "release 11 version"; }
}
`,
};

/** Rewrites every string constant `from` (in LDC instructions) to `to`, through ClassReader → ClassWriter. */
function replaceString(classBytes: Uint8Array, from: string, to: string): Uint8Array {
  const reader = new ClassReader(classBytes);
  const writer = new ClassWriter(reader, 0);
  class Ldc extends MethodVisitor {
    override visitLdcInsn(value: ConstantValue): void {
      super.visitLdcInsn(value === from ? to : value);
    }
  }
  class Rewrite extends ClassVisitor {
    override visitMethod(access: number, name: string, descriptor: string, signature: string | null, exceptions: string[] | null) {
      const mv = super.visitMethod(access, name, descriptor, signature, exceptions);
      return mv === null ? null : new Ldc(Opcodes.ASM9, mv);
    }
  }
  reader.accept(new Rewrite(Opcodes.ASM9, writer), 0);
  const out = writer.toByteArray();
  expect(Buffer.from(out).equals(Buffer.from(classBytes))).toBe(false);
  return out;
}

const javaHome = defaultJavaHome();
const tool = (name: string): string => join(javaHome, 'bin', name);
const hasUnzip = spawnSync('unzip', ['-v'], { encoding: 'utf8' }).status === 0;
const hasZip = spawnSync('zip', ['-v'], { encoding: 'utf8' }).status === 0;

let scratch: string;
let plainJar: string;
let storedJar: string;
let multiReleaseJar: string;
let classesDir: string;

beforeAll(async () => {
  scratch = await makeTempDir('transform-jar');
  const base = await compileJava(sources, { release: 8 });
  const v11 = await compileJava(versioned, { release: 11 });
  // A staging copy: the compile cache must stay untouched.
  const classes = join(scratch, 'classes');
  classesDir = classes;
  cpSync(base.dir, classes, { recursive: true });
  rmSync(join(classes, '.classforge-complete.json'), { force: true });
  writeFileSync(join(classes, 'demo', 'data.txt'), 'a resource, kept byte for byte\n');
  const classes11 = join(scratch, 'classes11');
  cpSync(v11.dir, classes11, { recursive: true });
  rmSync(join(classes11, '.classforge-complete.json'), { force: true });

  plainJar = join(scratch, 'plain.jar');
  execFileSync(tool('jar'), ['--create', '--file', plainJar, '--main-class', 'demo.Main', '-C', classes, '.']);
  storedJar = join(scratch, 'stored.jar');
  execFileSync(tool('jar'), ['--create', '--no-compress', '--file', storedJar, '-C', classes, '.']);
  multiReleaseJar = join(scratch, 'multi-release.jar');
  execFileSync(tool('jar'), ['--create', '--file', multiReleaseJar, '-C', classes, '.', '--release', '11', '-C', classes11, '.']);
}, 300_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

// ## Helpers

/** The Greeter class entry of a demo jar with its string changed. */
function greeterReplacement(jar: JarFile): Map<number, Uint8Array> {
  const entry = jar.getEntry('demo/Greeter.class')!;
  return new Map([[entry.index, replaceString(jar.read(entry), 'hello from the jar', 'HELLO, REWRITTEN')]]);
}

/**
 * Checks that `output` is `input` with only `changed` entries rewritten and `removed` ones left out:
 * the same entries in the same order with the same metadata (method, flags, DOS time and date,
 * extra fields, attributes, comment), unchanged entries raw-identical (local span, and central record
 * but for the offset), every entry's content identical unless changed, and CRCs right.
 */
/** An extra field without its ZIP64 block (header ID 0x0001), whose sizes change with the data. */
function withoutZip64Extra(extra: Uint8Array): Uint8Array {
  const kept: number[] = [];
  for (let p = 0; p + 4 <= extra.length; ) {
    const id = extra[p]! | (extra[p + 1]! << 8);
    const size = extra[p + 2]! | (extra[p + 3]! << 8);
    if (id !== 0x0001) kept.push(...extra.subarray(p, p + 4 + size));
    p += 4 + size;
  }
  return Uint8Array.from(kept);
}

/** Zeroes the data of the ZIP64 extra block of a central directory record (APPNOTE §4.3.12). */
function zeroZip64Extra(record: Buffer): void {
  const extraStart = 46 + record.readUInt16LE(28);
  const extraEnd = extraStart + record.readUInt16LE(30);
  for (let p = extraStart; p + 4 <= extraEnd; ) {
    const size = record.readUInt16LE(p + 2);
    if (record.readUInt16LE(p) === 0x0001) record.fill(0, p + 4, p + 4 + size);
    p += 4 + size;
  }
}

function expectOnlyChanged(input: JarFile, output: JarFile, changed: string[], removed: string[] = []): void {
  const kept = input.entries().filter((e) => !removed.includes(e.name));
  expect(output.entries().map((e) => e.name)).toEqual(kept.map((e) => e.name));
  expect(output.localOrder().map((e) => e.name)).toEqual(input.localOrder().filter((e) => !removed.includes(e.name)).map((e) => e.name));
  expect(output.archive.comment).toBe(input.archive.comment);
  expect(output.archive.prefixLength).toBe(input.archive.prefixLength);
  kept.forEach((a, k) => {
    const b = output.entries()[k]!;
    const meta = (e: typeof a) => ({
      method: e.zip.method,
      flags: e.zip.flags,
      dosTime: e.zip.dosTime,
      dosDate: e.zip.dosDate,
      // A ZIP64 extra block holds sizes and the local header's offset, which change (APPNOTE §4.5.3).
      extra: Buffer.from(withoutZip64Extra(e.zip.extra)).toString('hex'),
      versionMadeBy: e.zip.versionMadeBy,
      versionNeeded: e.zip.versionNeeded,
      internal: e.zip.internalAttributes,
      external: e.zip.externalAttributes,
      comment: e.zip.comment,
      kind: e.kind,
    });
    expect(meta(b), a.name).toEqual(meta(a));
    if (a.kind === 'directory') return;
    const content = output.read(b);
    expect(crc32(content), a.name).toBe(b.zip.crc32);
    if (changed.includes(a.name)) {
      expect(Buffer.from(content).equals(Buffer.from(input.read(a))), a.name).toBe(false);
      // The local header keeps name, method, flags, time, date and extra field.
      const la = input.layout(a);
      const lb = output.layout(b);
      const headerA = Buffer.from(input.bytes.subarray(la.localStart, la.dataStart));
      const headerB = Buffer.from(output.bytes.subarray(lb.localStart, lb.dataStart));
      expect(headerB.subarray(4, 14).equals(headerA.subarray(4, 14)), a.name).toBe(true);
      // Name and extra field lengths, name, and the extra field but for a ZIP64 block's sizes.
      const extraStart = 30 + headerA.readUInt16LE(26);
      expect(headerB.subarray(26, extraStart).equals(headerA.subarray(26, extraStart)), a.name).toBe(true);
      expect(withoutZip64Extra(headerB.subarray(extraStart))).toEqual(withoutZip64Extra(headerA.subarray(extraStart)));
      return;
    }
    expect(Buffer.from(content).equals(Buffer.from(input.read(a))), a.name).toBe(true);
    const la = input.layout(a);
    const lb = output.layout(b);
    expect(Buffer.from(output.bytes.subarray(lb.localStart, lb.spanEnd)).equals(Buffer.from(input.bytes.subarray(la.localStart, la.spanEnd))), a.name).toBe(true);
    const ca = Buffer.from(input.bytes.subarray(la.centralStart, la.centralEnd));
    const cb = Buffer.from(output.bytes.subarray(lb.centralStart, lb.centralEnd));
    // The local header's offset: in the record, or in its ZIP64 extra block (APPNOTE §4.5.3).
    ca.fill(0, 42, 46);
    cb.fill(0, 42, 46);
    zeroZip64Extra(ca);
    zeroZip64Extra(cb);
    expect(cb.equals(ca), a.name).toBe(true);
  });
}

/** The JDK's two zip readers agree on the listing: ZipFile (`jar tf x`) and ZipInputStream (`jar t < x`). */
function expectJdkLists(path: string, names: string[]): void {
  const fromZipFile = execFileSync(tool('jar'), ['tf', path], { encoding: 'utf8' }).trim().split('\n');
  expect(fromZipFile).toEqual(names);
  const streamed = spawnSync(tool('jar'), ['t'], { input: readFileSync(path), encoding: 'utf8' });
  expect(streamed.status, streamed.stderr).toBe(0);
  expect(streamed.stdout.trim().split('\n')).toEqual(names);
}

/** Info-ZIP's integrity test (every CRC, every header), when unzip is installed. */
function expectUnzipTests(path: string): void {
  if (!hasUnzip) return;
  const result = spawnSync('unzip', ['-tqq', path], { encoding: 'utf8' });
  expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
}

/** `unzip -Z -T` (zipinfo): each entry's attributes, method, time and date; the changed entries' sizes masked. */
function zipinfo(path: string, changed: string[]): string[] {
  return execFileSync('unzip', ['-Z', '-T', path], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => /^[-d]/.test(line))
    .map((line) => {
      // Fields: permissions, version, system, size, text/binary and extra flags, method, time, name.
      const fields = line.split(/\s+/);
      if (changed.includes(fields.slice(7).join(' '))) fields[3] = '(size)';
      return fields.join(' ');
    });
}

// ## Reading

describe('JarFile', () => {
  it('classifies entry names: classes (versioned ones too), resources, directories, signature files', () => {
    expect(classifyJarEntry('com/acme/Foo.class')).toEqual({ kind: 'class', className: 'com/acme/Foo', release: null, signature: false });
    expect(classifyJarEntry('module-info.class')).toEqual({ kind: 'class', className: 'module-info', release: null, signature: false });
    expect(classifyJarEntry('META-INF/versions/11/com/acme/Foo$1.class')).toEqual({
      kind: 'class',
      className: 'com/acme/Foo$1',
      release: 11,
      signature: false,
    });
    expect(classifyJarEntry('META-INF/versions/9/module-info.class').className).toBe('module-info');
    expect(classifyJarEntry('META-INF/versions/11/com/acme/messages.properties')).toEqual({
      kind: 'resource',
      className: null,
      release: 11,
      signature: false,
    });
    expect(classifyJarEntry('com/acme/')).toMatchObject({ kind: 'directory' });
    expect(classifyJarEntry('META-INF/MANIFEST.MF')).toMatchObject({ kind: 'resource', signature: false });
    expect(classifyJarEntry('META-INF/hidden/Foo.class')).toMatchObject({ kind: 'resource', className: null });
    for (const name of ['META-INF/SIGNER.SF', 'META-INF/SIGNER.RSA', 'META-INF/x.dsa', 'META-INF/K.EC', 'META-INF/SIG-ABC']) {
      expect(classifyJarEntry(name), name).toMatchObject({ kind: 'resource', signature: true });
    }
    // Only directly under META-INF, as the JDK's verifier sees them.
    expect(classifyJarEntry('META-INF/sub/SIGNER.SF').signature).toBe(false);
    expect(classifyJarEntry('SIGNER.SF').signature).toBe(false);
  });

  it('lists a jar built by the JDK in central-directory order, with local-header order and layout', () => {
    const jar = JarFile.open(plainJar);
    const names = execFileSync(tool('jar'), ['tf', plainJar], { encoding: 'utf8' }).trim().split('\n');
    expect(jar.entries().map((e) => e.name)).toEqual(names);
    expect(jar.localOrder().map((e) => e.name)).toEqual(names);
    expect(jar.classes().map((e) => e.className).sort()).toEqual(['demo/Greeter', 'demo/Main', 'demo/Version']);
    expect(jar.getEntry('demo/data.txt')!.kind).toBe('resource');
    expect(jar.getEntry('META-INF/')!.kind).toBe('directory');
    expect(jar.signed).toBe(false);
    expect(jar.multiRelease).toBe(false);
    const first = jar.layout(jar.entries()[0]!);
    expect(first.localStart).toBe(0);
    expect(Buffer.from(jar.read(jar.getEntry('demo/data.txt')!)).toString()).toBe('a resource, kept byte for byte\n');
  });

  it('lists a multi-release jar’s versioned classes as classes', () => {
    const jar = JarFile.open(multiReleaseJar);
    expect(jar.multiRelease).toBe(true);
    const version11 = jar.getEntry('META-INF/versions/11/demo/Version.class')!;
    expect(version11).toMatchObject({ kind: 'class', className: 'demo/Version', release: 11 });
    expect(jar.classes().map((e) => `${e.className}@${e.release ?? 'base'}`).sort()).toEqual([
      'demo/Greeter@base',
      'demo/Main@base',
      'demo/Version@11',
      'demo/Version@base',
    ]);
  });

  it('names the file and the problem for a truncated or corrupt jar', () => {
    const bytes = readFileSync(plainJar);
    const truncated = join(scratch, 'truncated.jar');
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    expect(() => JarFile.open(truncated)).toThrow(ClassPathError);
    expect(() => JarFile.open(truncated)).toThrow(new RegExp(`^${truncated}: not a zip file, or truncated`));
    // A local header overwritten: the entry is named.
    const corrupt = Buffer.from(bytes);
    const entry = JarFile.fromBytes(bytes, 'x').getEntry('demo/Greeter.class')!;
    corrupt.writeUInt32LE(0, entry.zip.localHeaderOffset);
    expect(() => JarFile.fromBytes(corrupt, 'corrupt.jar')).toThrow(
      /^corrupt\.jar: entry demo\/Greeter\.class: no local file header signature at byte \d+ \(corrupt archive\)$/,
    );
    // A central directory pointing inside itself.
    const inside = Buffer.from(bytes);
    const archive = ZipArchive.fromBytes(bytes, 'x');
    inside.writeUInt32LE(archive.centralDirectoryPosition - 10, JarFile.fromBytes(bytes, 'x').layout(entry).centralStart + 42);
    expect(() => JarFile.fromBytes(inside, 'inside.jar')).toThrow(/^inside\.jar: entry demo\/Greeter\.class: its local header/);
    expect(() => JarFile.open(join(scratch, 'missing.jar'))).toThrow(/missing\.jar: cannot read/);
  });

  it('names the entry whose data cannot be inflated', () => {
    const bytes = Buffer.from(readFileSync(plainJar));
    const jar = JarFile.fromBytes(bytes, 'garbled.jar');
    const entry = jar.getEntry('demo/Main.class')!;
    const layout = jar.layout(entry);
    bytes.fill(0xff, layout.dataStart, layout.dataStart + 8);
    expect(() => jar.read(entry)).toThrow(/^garbled\.jar: entry demo\/Main\.class: cannot inflate/);
  });
});

// ## Writing

describe('rewriteJar', () => {
  describe.each(corpusJars.map((path) => [path.slice(path.lastIndexOf('/') + 1), path] as const))('Debian %s', (_, path) => {
    it.skipIf(!existsSync(path))('is byte-identical when nothing changes (also when every entry is given back unchanged)', () => {
      const jar = JarFile.open(path);
      const input = Buffer.from(jar.bytes);
      const identity = rewriteJar(jar, new Map());
      expect(identity.bytes.equals(input)).toBe(true);
      expect(identity).toMatchObject({ changed: [], removed: [], warnings: [] });
      const same = new Map<number, Uint8Array>();
      for (const entry of jar.entries()) if (entry.kind !== 'directory') same.set(entry.index, jar.read(entry));
      expect(rewriteJar(jar, same).bytes.equals(input)).toBe(true);
    });

    it.skipIf(!existsSync(path))('changes only the replaced class entry, keeping data descriptors where the jar had them', () => {
      const jar = JarFile.open(path);
      const classes = jar.classes();
      const target = classes[Math.floor(classes.length / 2)]!;
      const reader = new ClassReader(jar.read(target));
      const writer = new ClassWriter(0);
      reader.accept(writer, 0);
      // A full rewrite (new constant pool) is a valid, different class file.
      let bytes = writer.toByteArray();
      if (Buffer.from(bytes).equals(Buffer.from(jar.read(target)))) bytes = jar.read(classes[0]!);
      const out = join(scratch, `changed-${target.index}.jar`);
      const result = writeJar(out, jar, new Map([[target.index, bytes]]));
      expect(result.changed).toEqual([target.name]);
      const output = JarFile.open(out);
      expectOnlyChanged(jar, output, [target.name]);
      const rewritten = output.getEntry(target.name)!;
      expect(Buffer.from(output.read(rewritten)).equals(Buffer.from(bytes))).toBe(true);
      // byte-buddy.jar's entries carry data descriptors (flag bit 3): the new one has the same format.
      const descriptorLength = (j: JarFile, e: typeof target) => j.layout(e).spanEnd - j.layout(e).dataEnd;
      expect(descriptorLength(output, rewritten)).toBe(descriptorLength(jar, target));
      expectUnzipTests(out);
      if (hasUnzip) expect(zipinfo(out, [target.name])).toEqual(zipinfo(path, [target.name]));
      expectJdkLists(out, jar.entries().map((e) => e.name));
    });
  });

  it('changes one class of a JDK-built jar: java runs it, the rest is byte-identical, times and methods kept', async () => {
    const jar = JarFile.open(plainJar);
    const out = join(scratch, 'plain-out.jar');
    const result = writeJar(out, jar, greeterReplacement(jar));
    expect(result).toMatchObject({ changed: ['demo/Greeter.class'], removed: [], warnings: [] });
    const output = JarFile.open(out);
    expectOnlyChanged(jar, output, ['demo/Greeter.class']);
    expectJdkLists(out, jar.entries().map((e) => e.name));
    expectUnzipTests(out);
    if (hasUnzip) expect(zipinfo(out, ['demo/Greeter.class'])).toEqual(zipinfo(plainJar, ['demo/Greeter.class']));
    const before = await runJava({ classpath: plainJar, mainClass: 'demo.Main', jvmArgs: ['-Xverify:all'] });
    expect(before.stdout).toBe('hello from the jar\na resource, kept byte for byte\nbase version\n');
    const after = await runJava({ classpath: out, mainClass: 'demo.Main', jvmArgs: ['-Xverify:all'] });
    expect(after).toMatchObject({ exitCode: 0, stdout: 'HELLO, REWRITTEN\na resource, kept byte for byte\nbase version\n' });
    // The input is untouched, and no temporary file is left beside the output.
    expect(rewriteJar(JarFile.open(plainJar), new Map()).bytes.equals(readFileSync(plainJar))).toBe(true);
    expect(execFileSync('ls', ['-a', scratch], { encoding: 'utf8' })).not.toMatch(/\.tmp/);
  });

  it('keeps a stored (jar --no-compress) jar stored', async () => {
    const jar = JarFile.open(storedJar);
    expect(jar.entries().every((e) => e.zip.method === 0)).toBe(true);
    const out = join(scratch, 'stored-out.jar');
    writeJar(out, jar, greeterReplacement(jar));
    const output = JarFile.open(out);
    expectOnlyChanged(jar, output, ['demo/Greeter.class']);
    const greeter = output.getEntry('demo/Greeter.class')!;
    expect([greeter.zip.method, greeter.zip.compressedSize]).toEqual([0, greeter.zip.size]);
    expectJdkLists(out, jar.entries().map((e) => e.name));
    expectUnzipTests(out);
    if (hasUnzip) expect(zipinfo(out, ['demo/Greeter.class'])).toEqual(zipinfo(storedJar, ['demo/Greeter.class']));
    const after = await runJava({ classpath: out, mainClass: 'demo.Main' });
    expect(after.stdout.split('\n')[0]).toBe('HELLO, REWRITTEN');
  });

  it('rewrites a versioned class of a multi-release jar, which the JVM then picks', async () => {
    const jar = JarFile.open(multiReleaseJar);
    const entry = jar.getEntry('META-INF/versions/11/demo/Version.class')!;
    const out = join(scratch, 'multi-release-out.jar');
    writeJar(out, jar, new Map([[entry.index, replaceString(jar.read(entry), 'release 11 version', 'REWRITTEN 11')]]));
    expectOnlyChanged(jar, JarFile.open(out), [entry.name]);
    const before = await runJava({ classpath: multiReleaseJar, mainClass: 'demo.Main' });
    expect(before.stdout.split('\n')[2]).toBe('release 11 version');
    const after = await runJava({ classpath: out, mainClass: 'demo.Main' });
    expect(after.stdout.split('\n')[2]).toBe('REWRITTEN 11');
  });

  it('drops a signed jar’s signature files with a warning, leaving the manifest untouched', async () => {
    const signed = join(scratch, 'signed.jar');
    const keystore = join(scratch, 'keystore.p12');
    cpSync(plainJar, signed);
    execFileSync(tool('keytool'), [
      '-genkeypair', '-keystore', keystore, '-storetype', 'PKCS12', '-storepass', 'changeit', '-keypass', 'changeit',
      '-alias', 'classforge', '-dname', 'CN=classforge test', '-keyalg', 'RSA', '-keysize', '2048', '-validity', '2',
    ], { stdio: 'pipe' });
    execFileSync(tool('jarsigner'), ['-keystore', keystore, '-storepass', 'changeit', signed, 'classforge'], { stdio: 'pipe' });
    const jar = JarFile.open(signed);
    expect(jar.signed).toBe(true);
    expect(jar.signatureEntries().map((e) => e.name).sort()).toEqual(['META-INF/CLASSFOR.RSA', 'META-INF/CLASSFOR.SF']);

    // Unchanged, the jar and its still-valid signature are kept as they are.
    expect(rewriteJar(jar, new Map()).bytes.equals(readFileSync(signed))).toBe(true);

    const out = join(scratch, 'signed-out.jar');
    const result = writeJar(out, jar, greeterReplacement(jar));
    expect(result.removed).toEqual(['META-INF/CLASSFOR.SF', 'META-INF/CLASSFOR.RSA']);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(new RegExp(`^${signed}: the jar was signed; removed its signature files \\(META-INF/CLASSFOR\\.SF, META-INF/CLASSFOR\\.RSA\\)`));
    const output = JarFile.open(out);
    expect(output.signed).toBe(false);
    expectOnlyChanged(jar, output, ['demo/Greeter.class'], result.removed);
    expect(Buffer.from(output.read(output.getEntry('META-INF/MANIFEST.MF')!)).equals(Buffer.from(jar.read(jar.getEntry('META-INF/MANIFEST.MF')!)))).toBe(true);
    expectUnzipTests(out);
    const after = await runJava({ classpath: out, mainClass: 'demo.Main', jvmArgs: ['-Xverify:all'] });
    expect(after).toMatchObject({ exitCode: 0, stdout: 'HELLO, REWRITTEN\na resource, kept byte for byte\nbase version\n' });

    // Why: with the signature kept, the JVM refuses the rewritten class.
    const kept = join(scratch, 'signed-kept.jar');
    writeJar(kept, jar, greeterReplacement(jar), { signatures: 'keep' });
    const refused = await runJava({ classpath: kept, mainClass: 'demo.Main' });
    expect(refused.exitCode).not.toBe(0);
    expect(refused.stderr).toMatch(/SecurityException: SHA-256 digest error for demo\/Greeter\.class/);
  });

  it('keeps bytes before the first entry (a launcher script) and the archive comment', async () => {
    const script = Buffer.from('#!/bin/sh\nexec java -jar "$0" "$@"\n');
    const original = readFileSync(plainJar);
    // Append a comment: rewrite the end record's comment length.
    const comment = Buffer.from('built for classforge tests');
    const withComment = Buffer.concat([original, comment]);
    withComment.writeUInt16LE(comment.length, original.length - 2);
    const prefixed = join(scratch, 'prefixed.jar');
    writeFileSync(prefixed, Buffer.concat([script, withComment]));
    const jar = JarFile.open(prefixed);
    expect(jar.archive.prefixLength).toBe(script.length);
    expect(jar.archive.comment).toBe('built for classforge tests');
    expect(rewriteJar(jar, new Map()).bytes.equals(readFileSync(prefixed))).toBe(true);
    const out = join(scratch, 'prefixed-out.jar');
    writeJar(out, jar, greeterReplacement(jar));
    const written = readFileSync(out);
    expect(written.subarray(0, script.length).equals(script)).toBe(true);
    expect(written.subarray(written.length - comment.length).equals(comment)).toBe(true);
    expectOnlyChanged(jar, JarFile.open(out), ['demo/Greeter.class']);
    const after = await runJava({ classpath: out, mainClass: 'demo.Main' });
    expect(after.stdout.split('\n')[0]).toBe('HELLO, REWRITTEN');
  });

  it('reads and rewrites ZIP64 records (sizes and offsets in extra fields, ZIP64 end records)', async () => {
    const jar = JarFile.open(plainJar);
    const files = jar.entries().filter((e) => e.kind !== 'directory').map((e) => ({ name: e.name, data: jar.read(e) }));
    const path = join(scratch, 'zip64.jar');
    writeFileSync(path, zip64Jar(files));
    const z = JarFile.open(path);
    expect(z.archive.zip64EndPosition).toBeGreaterThan(0);
    expect(rewriteJar(z, new Map()).bytes.equals(readFileSync(path))).toBe(true);
    const out = join(scratch, 'zip64-out.jar');
    // The jar in memory stays as read (the writer patches copies of its headers, not the jar's bytes).
    const inMemory = Buffer.from(z.bytes);
    writeJar(out, z, greeterReplacement(z));
    expect(Buffer.from(z.bytes).equals(inMemory)).toBe(true);
    const output = JarFile.open(out);
    expectOnlyChanged(z, output, ['demo/Greeter.class']);
    expect(output.archive.zip64EndPosition).toBeGreaterThan(0);
    expectJdkLists(out, files.map((f) => f.name));
    expectUnzipTests(out);
    const after = await runJava({ classpath: out, mainClass: 'demo.Main' });
    expect(after.stdout.split('\n')[0]).toBe('HELLO, REWRITTEN');
  });

  it.skipIf(!hasZip)('keeps Info-ZIP extra fields and its streamed data descriptors', async () => {
    // Info-ZIP writes extended-timestamp and Unix extra fields that differ between the local and the
    // central headers; written to a pipe it also uses data descriptors.
    const files = ['demo/Greeter.class', 'demo/Main.class', 'demo/Version.class', 'demo/data.txt'];
    const infoZip = join(scratch, 'info-zip.jar');
    execFileSync('zip', ['-q', infoZip, ...files], { cwd: classesDir });
    const streamed = join(scratch, 'info-zip-streamed.jar');
    writeFileSync(streamed, execFileSync('zip', ['-q', '-', ...files], { cwd: classesDir }));
    for (const path of [infoZip, streamed]) {
      const jar = JarFile.open(path);
      expect(jar.entries().every((e) => e.zip.extra.length > 0)).toBe(true);
      expect(rewriteJar(jar, new Map()).bytes.equals(readFileSync(path))).toBe(true);
      const out = `${path}.out.jar`;
      writeJar(out, jar, greeterReplacement(jar));
      const output = JarFile.open(out);
      expectOnlyChanged(jar, output, ['demo/Greeter.class']);
      expectJdkLists(out, files);
      expectUnzipTests(out);
      if (hasUnzip) expect(zipinfo(out, ['demo/Greeter.class'])).toEqual(zipinfo(path, ['demo/Greeter.class']));
      const after = await runJava({ classpath: out, mainClass: 'demo.Main' });
      expect(after.stdout.split('\n')[0]).toBe('HELLO, REWRITTEN');
    }
    expect(JarFile.open(streamed).entries().every((e) => (e.zip.flags & 8) !== 0)).toBe(true);
  });

  it('keeps JSZip’s streamed entries (data descriptors, DOS times) and a replaced resource’s metadata', async () => {
    const zip = new JSZip();
    const date = new Date(2001, 2, 3, 4, 5, 6);
    zip.file('a/one.txt', 'one '.repeat(50), { date });
    zip.file('a/two.bin', new Uint8Array(300).fill(7), { date, compression: 'STORE' });
    const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', streamFiles: true });
    const jar = JarFile.fromBytes(bytes, 'jszip.zip');
    expect(rewriteJar(jar, new Map()).bytes.equals(bytes)).toBe(true);
    const one = jar.getEntry('a/one.txt')!;
    const two = jar.getEntry('a/two.bin')!;
    const result = rewriteJar(jar, new Map([[one.index, Buffer.from('changed '.repeat(40))], [two.index, new Uint8Array(10).fill(9)]]));
    expect(result.changed).toEqual(['a/one.txt', 'a/two.bin']);
    const output = JarFile.fromBytes(result.bytes, 'out.zip');
    expectOnlyChanged(jar, output, ['a/one.txt', 'a/two.bin']);
    const reread = await JSZip.loadAsync(result.bytes, { checkCRC32: true });
    expect(await reread.file('a/one.txt')!.async('string')).toBe('changed '.repeat(40));
    expect(reread.file('a/one.txt')!.date.getTime()).toBe(zip.file('a/one.txt')!.date.getTime());
    expect(await reread.file('a/two.bin')!.async('uint8array')).toEqual(new Uint8Array(10).fill(9));
    // An empty zip is its own rewrite.
    const empty = await new JSZip().generateAsync({ type: 'nodebuffer', comment: 'nothing here' });
    expect(JarFile.fromBytes(empty, 'empty.zip').entries()).toEqual([]);
    expect(rewriteJar(JarFile.fromBytes(empty, 'empty.zip'), new Map()).bytes.equals(empty)).toBe(true);
  });

  it('keeps a count of 65,535 entries without ZIP64 records as it is, and updates it', () => {
    // 0xffff in the end record is a real count when there is no ZIP64 record.
    const names = Array.from({ length: 0xffff }, (_, i) => (i === 0 ? 'META-INF/SIGNER.SF' : `e/${i.toString(36)}`));
    const locals: Buffer[] = [];
    const centrals: Buffer[] = [];
    let offset = 0;
    for (const text of names) {
      const name = Buffer.from(text);
      const local = Buffer.alloc(30 + name.length);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(10, 4);
      local.writeUInt16LE(name.length, 26);
      name.copy(local, 30);
      const central = Buffer.alloc(46 + name.length);
      central.writeUInt32LE(0x02014b50, 0);
      central.writeUInt16LE(10, 6);
      central.writeUInt16LE(name.length, 28);
      central.writeUInt32LE(offset, 42);
      name.copy(central, 46);
      locals.push(local);
      centrals.push(central);
      offset += local.length;
    }
    const cd = Buffer.concat(centrals);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(0xffff, 8);
    end.writeUInt16LE(0xffff, 10);
    end.writeUInt32LE(cd.length, 12);
    end.writeUInt32LE(offset, 16);
    const bytes = Buffer.concat([...locals, cd, end]);
    const jar = JarFile.fromBytes(bytes, 'many.zip');
    expect(jar.entries()).toHaveLength(0xffff);
    expect(rewriteJar(jar, new Map()).bytes.equals(bytes)).toBe(true);
    const unsigned = rewriteJar(jar, new Map(), { signatures: 'drop' });
    expect(unsigned.removed).toEqual(['META-INF/SIGNER.SF']);
    const output = JarFile.fromBytes(unsigned.bytes, 'fewer.zip');
    expect(output.entries()).toHaveLength(0xfffe);
    expect(output.archive.zip64EndPosition).toBe(-1);
    expect(unsigned.bytes.readUInt16LE(unsigned.bytes.length - 12)).toBe(0xfffe);
  });

  it('writes nothing when the input is truncated', () => {
    const truncated = join(scratch, 'cut.jar');
    const bytes = readFileSync(plainJar);
    writeFileSync(truncated, bytes.subarray(0, bytes.length - 30));
    const out = join(scratch, 'cut-out.jar');
    expect(() => writeJar(out, JarFile.open(truncated), new Map())).toThrow(ClassPathError);
    expect(existsSync(out)).toBe(false);
  });

  it('treats a replacement equal to the original as unchanged, and rejects an unknown index', () => {
    const jar = JarFile.open(plainJar);
    const entry = jar.getEntry('demo/Main.class')!;
    const result = rewriteJar(jar, new Map([[entry.index, Uint8Array.from(jar.read(entry))]]));
    expect(result.changed).toEqual([]);
    expect(result.bytes.equals(readFileSync(plainJar))).toBe(true);
    expect(() => rewriteJar(jar, new Map([[10_000, new Uint8Array(1)]]))).toThrow(/no entry at index 10000/);
  });

  it('computes CRC-32 as zip does', () => {
    expect(crc32(new Uint8Array(0))).toBe(0);
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });
});

/** A jar of stored entries written with every ZIP64 record: sizes and offsets in ZIP64 extra fields. */
function zip64Jar(files: { name: string; data: Uint8Array }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name);
    const local = Buffer.alloc(30 + name.length + 20);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(45, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(0x6000, 10);
    local.writeUInt16LE(0x5a21, 12);
    local.writeUInt32LE(crc32(file.data), 14);
    local.writeUInt32LE(0xffffffff, 18);
    local.writeUInt32LE(0xffffffff, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(20, 28);
    name.copy(local, 30);
    local.writeUInt16LE(1, 30 + name.length);
    local.writeUInt16LE(16, 32 + name.length);
    local.writeBigUInt64LE(BigInt(file.data.length), 34 + name.length);
    local.writeBigUInt64LE(BigInt(file.data.length), 42 + name.length);
    const central = Buffer.alloc(46 + name.length + 28);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(45, 4);
    central.writeUInt16LE(45, 6);
    local.copy(central, 8, 6, 18);
    central.writeUInt32LE(0xffffffff, 20);
    central.writeUInt32LE(0xffffffff, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(28, 30);
    central.writeUInt32LE(0xffffffff, 42);
    name.copy(central, 46);
    central.writeUInt16LE(1, 46 + name.length);
    central.writeUInt16LE(24, 48 + name.length);
    central.writeBigUInt64LE(BigInt(file.data.length), 50 + name.length);
    central.writeBigUInt64LE(BigInt(file.data.length), 58 + name.length);
    central.writeBigUInt64LE(BigInt(offset), 66 + name.length);
    locals.push(local, Buffer.from(file.data));
    centrals.push(central);
    offset += local.length + file.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end64 = Buffer.alloc(56);
  end64.writeUInt32LE(0x06064b50, 0);
  end64.writeBigUInt64LE(44n, 4);
  end64.writeUInt16LE(45, 12);
  end64.writeUInt16LE(45, 14);
  end64.writeBigUInt64LE(BigInt(files.length), 24);
  end64.writeBigUInt64LE(BigInt(files.length), 32);
  end64.writeBigUInt64LE(BigInt(cd.length), 40);
  end64.writeBigUInt64LE(BigInt(offset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(offset + cd.length), 8);
  locator.writeUInt32LE(1, 16);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(0xffff, 8);
  end.writeUInt16LE(0xffff, 10);
  end.writeUInt32LE(0xffffffff, 12);
  end.writeUInt32LE(0xffffffff, 16);
  return Buffer.concat([...locals, cd, end64, locator, end]);
}
