// `classforge transform`, `verify` and `print` on edge inputs met in an exploratory run: jars with
// .class resources under META-INF (data the JVM never loads as classes), and the three commands
// agreeing on what a class is. Runs the built CLI (dist/cli/classforge.js).

import { closeSync, existsSync, lstatSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crc32 } from '../src/transform/jar-writer.js';
import { compileJava, makeTempDir, PROJECT_ROOT } from './support/javac.js';

const CLI = join(PROJECT_ROOT, 'dist', 'cli', 'classforge.js');

let work = '';
let classA: Uint8Array;
let identity = '';

beforeAll(async () => {
  work = await makeTempDir('jar-inputs');
  const compiled = await compileJava({ 'p/A.java': 'package p;\npublic class A { int f() { return 1; } }\n' });
  classA = compiled.classes[0]!.bytes;
  identity = join(work, 'identity.mjs');
  await writeFile(identity, "import { defineTransform } from 'classforge';\nexport default defineTransform({ name: 'identity', tree() {} });\n");
});

afterAll(async () => {
  if (work !== '') await rm(work, { recursive: true, force: true });
});

async function classforge(...args: string[]) {
  const result = await execa('node', [CLI, ...args], { reject: false, cwd: work });
  return { exitCode: result.exitCode ?? -1, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

async function jar(name: string, entries: Record<string, Uint8Array | string>): Promise<string> {
  const zip = new JSZip();
  for (const [entry, bytes] of Object.entries(entries)) zip.file(entry, bytes);
  const path = join(work, name);
  await writeFile(path, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return path;
}

describe('a .class resource under META-INF is data for every command', () => {
  // java.lang.ClassLoader never defines a class from META-INF/ (not a valid package name); tools
  // such as build plugins leave data files named *.class there.
  let path = '';
  beforeAll(async () => {
    path = await jar('meta-inf-data.jar', {
      'META-INF/MANIFEST.MF': 'Manifest-Version: 1.0\r\n\r\n',
      'META-INF/plugin/data.class': 'not a class file',
      'META-INF/versions/11/META-INF/other.class': 'not one either',
      'p/A.class': classA,
    });
  });

  it('verify checks only the loadable class', async () => {
    const result = await classforge('verify', path);
    expect(result).toEqual({ exitCode: 0, stdout: 'verified 1 class, 2 methods: 0 errors', stderr: '' });
  });

  it('print prints only the loadable class', async () => {
    const result = await classforge('print', path);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout.match(/^public class \S+/gm)).toEqual(['public class p/A']);
  });

  it('transform copies it like any resource', async () => {
    const result = await classforge('transform', path, '-o', join(work, 'meta-inf-data.out.jar'), '-t', identity, '--json');
    expect(result.exitCode, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ classesSeen: 1, resources: 3, failed: 0 });
  });
});

describe('a class renamed to a name with ".." segments', () => {
  // ClassRemapper takes any string; as an entry path, '../../escaped/A' would leave the output.
  let transformPath = '';
  let dir = '';
  beforeAll(async () => {
    transformPath = join(work, 'escape.mjs');
    await writeFile(
      transformPath,
      "import { defineTransform, ClassRemapper, SimpleRemapper } from 'classforge';\n" +
        "export default defineTransform({ name: 'escape', visitor: (next) => new ClassRemapper(next, new SimpleRemapper('p/A', '../../escaped/A')) });\n",
    );
    dir = join(work, 'escape-in');
    await mkdir(join(dir, 'p'), { recursive: true });
    await writeFile(join(dir, 'p', 'A.class'), classA);
  });

  const message = "classforge: a transform renamed p.A to '../../escaped/A', which is not a valid class name (JVMS §4.2.1: '/'-separated non-empty names without '.', ';' or '[')\n";

  it('fails the class instead of writing outside a directory output', async () => {
    const out = join(work, 'out', 'escape-dir');
    const result = await classforge('transform', dir, '-o', out, '-t', transformPath);
    expect(result.stderr + '\n').toBe(message);
    expect(result.exitCode).toBe(1);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(join(work, 'escaped'))).toBe(false);
    expect(existsSync(join(work, 'out', 'escaped'))).toBe(false);
  });

  it('keeps the class unchanged with --keep-going, in a jar too (no zip-slip entry)', async () => {
    const input = await jar('escape.jar', { 'p/A.class': classA });
    const out = join(work, 'out', 'escape.jar');
    const result = await classforge('transform', input, '-o', out, '-t', transformPath, '--keep-going');
    expect(result.stderr + '\n').toBe(message);
    expect(result.exitCode).toBe(1);
    const written = await JSZip.loadAsync(readFileSync(out));
    expect(Object.keys(written.files)).toEqual(Object.keys((await JSZip.loadAsync(readFileSync(input))).files));
    expect(Object.keys(written.files).filter((name) => name.includes('..'))).toEqual([]);
    expect(Buffer.from(await written.file('p/A.class')!.async('uint8array')).equals(Buffer.from(classA))).toBe(true);
  });
});

describe('output paths that cannot or must not be written', () => {
  let input = '';
  beforeAll(async () => {
    input = await jar('plain.jar', { 'p/A.class': classA });
  });

  it('names the output and exits 2 when its parent is a file', async () => {
    const file = join(work, 'a-file');
    await writeFile(file, 'x');
    const result = await classforge('transform', input, '-o', join(file, 'sub', 'out.jar'), '-t', identity);
    expect(result.stderr).toBe(`classforge: ${join(file, 'sub', 'out.jar')}: cannot write the output: a parent of it is a file, not a directory`);
    expect(result.exitCode).toBe(2);
  });

  it.skipIf(process.platform !== 'linux')('names the output and exits 2 when its directory cannot hold files (/proc)', async () => {
    const result = await classforge('transform', input, '-o', '/proc/classforge-out.jar', '-t', identity);
    expect(result.stderr).toMatch(/^classforge: \/proc\/classforge-out\.jar: cannot write the output: E[A-Z]+: .+$/);
    expect(result.exitCode).toBe(2);
  });

  it('does not replace an existing FIFO (or device) with the output', async () => {
    const fifo = join(work, 'out', 'fifo.jar');
    await mkdir(join(work, 'out'), { recursive: true });
    await execa('mkfifo', [fifo]);
    const result = await classforge('transform', input, '-o', fifo, '-t', identity);
    expect(result.stderr).toBe(`classforge: ${fifo}: exists and is not a regular file or directory: choose another -o`);
    expect(result.exitCode).toBe(2);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('sees an output reached through a link to the input directory, under directories not made yet, as inside the input', async () => {
    const dir = join(work, 'linked-in');
    await mkdir(join(dir, 'p'), { recursive: true });
    await writeFile(join(dir, 'p', 'A.class'), classA);
    const link = join(work, 'link-to-input');
    await symlink(dir, link);
    const result = await classforge('transform', link, '-o', join(link, 'new', 'deeper'), '-t', identity);
    expect(result.stderr).toBe(`classforge: ${join(link, 'new', 'deeper')}: the output is inside the input ${link}: choose an -o outside it`);
    expect(result.exitCode).toBe(2);
    expect(readdirSync(dir)).toEqual(['p']);
  });
});

describe('a jar with a launcher script in front and no .jar name (java -jar runs it)', () => {
  let app = '';
  beforeAll(async () => {
    const zip = new JSZip();
    zip.file('META-INF/MANIFEST.MF', 'Manifest-Version: 1.0\r\nMain-Class: p.Main\r\n\r\n');
    const compiled = await compileJava({ 'p/Main.java': 'package p;\npublic class Main { public static void main(String[] a) { System.out.println("ran " + a.length); } }\n' });
    zip.file('p/Main.class', compiled.classes[0]!.bytes);
    const script = Buffer.from('#!/bin/sh\nexec java -jar "$0" "$@"\n');
    app = join(work, 'app');
    await writeFile(app, Buffer.concat([script, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })]));
    const run = await execa('java', ['-jar', app], { reject: false });
    expect(run.stdout).toBe('ran 0');
  });

  it('transform reads it as a jar and keeps the script', async () => {
    const out = join(work, 'out', 'app');
    const result = await classforge('transform', app, '-o', out, '-t', identity, '--json');
    expect(result.exitCode, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ classesSeen: 1, failed: 0 });
    expect(readFileSync(out).equals(readFileSync(app))).toBe(true);
  });

  it('verify and print read it as a jar', async () => {
    expect(await classforge('verify', app)).toEqual({ exitCode: 0, stdout: 'verified 1 class, 2 methods: 0 errors', stderr: '' });
    const printed = await classforge('print', app);
    expect(printed.exitCode, printed.stderr).toBe(0);
    expect(printed.stdout).toMatch(/^public class p\/Main/m);
  });
});

describe('a jar with a duplicated class entry', () => {
  // java.util.zip.ZipFile, so the JVM, reads the last of entries sharing a name; frames computed for
  // changed methods must use that class too. Here the first p/Circle.class is a stale one that
  // extends Object, the last extends BaseShape, and Use merges a Circle and a Square.
  it('computes frames, and verifies, against the entry the JVM loads (the last)', async () => {
    const current = await compileJava({
      'p/Main.java': 'package p;\npublic class Main { public static void main(String[] x) { System.out.println(new Use().run(x.length == 0)); } }\n',
      'p/BaseShape.java': 'package p;\nabstract class BaseShape { abstract String id(); }\n',
      'p/Circle.java': 'package p;\nfinal class Circle extends BaseShape { String id() { return "circle"; } }\n',
      'p/Square.java': 'package p;\nfinal class Square extends BaseShape { String id() { return "square"; } }\n',
      'p/Use.java': 'package p;\npublic class Use { public String run(boolean c) { BaseShape s = c ? new Circle() : new Square(); return s.id(); } }\n',
    });
    const stale = await compileJava({ 'p/Circle.java': 'package p;\nfinal class Circle { String id() { return "stale"; } }\n' });
    // JSZip keeps one entry per name and the jar tool refuses duplicates: the zip is built by hand.
    const entries: [string, Uint8Array][] = [
      ['META-INF/MANIFEST.MF', Buffer.from('Manifest-Version: 1.0\r\nMain-Class: p.Main\r\n\r\n')],
      ['p/Circle.class', stale.classes[0]!.bytes],
      ...current.classes.map((c): [string, Uint8Array] => [`${c.name}.class`, c.bytes]),
    ];
    const input = join(work, 'duplicates.jar');
    await writeFile(input, storedZip(entries));
    const nop = join(work, 'nop.mjs');
    await writeFile(
      nop,
      "import { defineTransform, ClassVisitor, MethodVisitor, Opcodes } from 'classforge';\n" +
        'class Nop extends MethodVisitor { constructor(n) { super(Opcodes.ASM9, n); } visitCode() { super.visitCode(); super.visitInsn(Opcodes.NOP); } }\n' +
        'class All extends ClassVisitor { constructor(n) { super(Opcodes.ASM9, n); } visitMethod(...a) { const mv = super.visitMethod(...a); return mv && new Nop(mv); } }\n' +
        "export default defineTransform({ name: 'nop', visitor: (next) => new All(next) });\n",
    );
    expect((await execa('java', ['-Xverify:all', '-jar', input], { reject: false })).stdout).toBe('circle');
    // verify reads the hierarchy as the JVM does too (its frames say BaseShape, which only the last Circle is).
    expect(await classforge('verify', input)).toEqual({ exitCode: 0, stdout: 'verified 6 classes, 11 methods: 0 errors', stderr: '' });
    const out = join(work, 'out', 'duplicates.jar');
    const result = await classforge('transform', input, '-o', out, '-t', nop);
    expect(result.exitCode, result.stderr).toBe(0);
    const run = await execa('java', ['-Xverify:all', '-jar', out], { reject: false });
    expect(run.stdout || run.stderr).toBe('circle');
  });
});

/** A zip of stored entries, in order, duplicates kept (APPNOTE 6.3 §4.3.7, §4.3.12, §4.3.16). */
function storedZip(entries: readonly [string, Uint8Array][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(10, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(10, 4);
    central.writeUInt16LE(10, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, Buffer.from(data));
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

describe('a .class resource under META-INF of a directory input', () => {
  it('is copied as data by transform, as from a jar', async () => {
    const dir = join(work, 'dir-meta-inf');
    await mkdir(join(dir, 'META-INF', 'plugin'), { recursive: true });
    await mkdir(join(dir, 'p'), { recursive: true });
    await writeFile(join(dir, 'META-INF', 'plugin', 'data.class'), 'not a class file');
    await writeFile(join(dir, 'p', 'A.class'), classA);
    const out = join(work, 'out', 'dir-meta-inf');
    const result = await classforge('transform', dir, '-o', out, '-t', identity, '--json');
    expect(result.exitCode, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ classesSeen: 1, resources: 1, failed: 0 });
    expect(readFileSync(join(out, 'META-INF', 'plugin', 'data.class'), 'utf8')).toBe('not a class file');
    expect(await classforge('verify', dir)).toEqual({ exitCode: 0, stdout: 'verified 1 class, 2 methods: 0 errors', stderr: '' });
  });
});

describe('a jar of more than 2 GiB (java -jar runs it)', () => {
  // Built sparse: a stored entry of 2.1 GiB of zeros is a hole in the file, so the test writes a
  // few kilobytes. ZIP64 records (APPNOTE 6.3 §4.3.14-15, §4.5.3) give the entry's size and the
  // central directory's offset.
  let big = '';
  beforeAll(async () => {
    const compiled = await compileJava({ 'p/Main.java': 'package p;\npublic class Main { public static void main(String[] a) { System.out.println("big " + a.length); } }\n' });
    big = join(work, 'big.jar');
    writeSparseZip64(big, [
      ['META-INF/MANIFEST.MF', Buffer.from('Manifest-Version: 1.0\r\nMain-Class: p.Main\r\n\r\n')],
      ['p/Main.class', compiled.classes[0]!.bytes],
    ], 'data/zeros.bin', 2 ** 31 + 2 ** 26);
    const run = await execa('java', ['-jar', big], { reject: false });
    expect(run.stdout || run.stderr).toBe('big 0');
  });

  it('verify and print read it in place', async () => {
    expect(await classforge('verify', big)).toEqual({ exitCode: 0, stdout: 'verified 1 class, 2 methods: 0 errors', stderr: '' });
    const printed = await classforge('print', big);
    expect(printed.exitCode, printed.stderr).toBe(0);
    expect(printed.stdout).toMatch(/^public class p\/Main/m);
  });

  it('transform says it cannot take it, in one line, exit 2', async () => {
    const result = await classforge('transform', big, '-o', join(work, 'out', 'big.jar'), '-t', identity);
    expect(result.stderr).toMatch(/^classforge: \S+big\.jar: cannot transform a jar of more than 2 GiB \(\d+ bytes\): it is rewritten in memory$/);
    expect(result.exitCode).toBe(2);
  });
});

/** A zip of stored `entries`, then a stored entry `bigName` of `bigSize` zero bytes left as a hole, with ZIP64 end records. */
function writeSparseZip64(path: string, entries: readonly [string, Uint8Array][], bigName: string, bigSize: number): void {
  const fd = openSync(path, 'w');
  try {
    let offset = 0;
    const centrals: Buffer[] = [];
    const write = (chunk: Buffer): void => {
      writeSync(fd, chunk, 0, chunk.length, offset);
      offset += chunk.length;
    };
    const header = (signature: number, size: number): Buffer => {
      const b = Buffer.alloc(size);
      b.writeUInt32LE(signature, 0);
      return b;
    };
    for (const [name, data] of entries) {
      const nameBytes = Buffer.from(name);
      const crc = crc32(data);
      const local = header(0x04034b50, 30);
      local.writeUInt16LE(10, 4);
      local.writeUInt32LE(crc, 14);
      local.writeUInt32LE(data.length, 18);
      local.writeUInt32LE(data.length, 22);
      local.writeUInt16LE(nameBytes.length, 26);
      const central = header(0x02014b50, 46);
      central.writeUInt16LE(45, 4);
      central.writeUInt16LE(10, 6);
      central.writeUInt32LE(crc, 16);
      central.writeUInt32LE(data.length, 20);
      central.writeUInt32LE(data.length, 24);
      central.writeUInt16LE(nameBytes.length, 28);
      central.writeUInt32LE(offset, 42);
      centrals.push(central, nameBytes);
      write(Buffer.concat([local, nameBytes, Buffer.from(data)]));
    }
    // The big entry: sizes in its ZIP64 extra fields; CRC-32 of 2^31 + 2^26 zero bytes is not
    // needed by readers that do not read it (ZipFile checks no CRC).
    const nameBytes = Buffer.from(bigName);
    const localExtra = Buffer.alloc(20);
    localExtra.writeUInt16LE(0x0001, 0);
    localExtra.writeUInt16LE(16, 2);
    localExtra.writeBigUInt64LE(BigInt(bigSize), 4);
    localExtra.writeBigUInt64LE(BigInt(bigSize), 12);
    const local = header(0x04034b50, 30);
    local.writeUInt16LE(45, 4);
    local.writeUInt32LE(0xffffffff, 18);
    local.writeUInt32LE(0xffffffff, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(localExtra.length, 28);
    const bigOffset = offset;
    write(Buffer.concat([local, nameBytes, localExtra]));
    offset += bigSize;
    const centralExtra = Buffer.alloc(20);
    centralExtra.writeUInt16LE(0x0001, 0);
    centralExtra.writeUInt16LE(16, 2);
    centralExtra.writeBigUInt64LE(BigInt(bigSize), 4);
    centralExtra.writeBigUInt64LE(BigInt(bigSize), 12);
    const central = header(0x02014b50, 46);
    central.writeUInt16LE(45, 4);
    central.writeUInt16LE(45, 6);
    central.writeUInt32LE(0xffffffff, 20);
    central.writeUInt32LE(0xffffffff, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt16LE(centralExtra.length, 30);
    central.writeUInt32LE(bigOffset, 42);
    centrals.push(central, nameBytes, centralExtra);
    const cd = Buffer.concat(centrals);
    const cdOffset = offset;
    write(cd);
    const count = entries.length + 1;
    const zip64End = header(0x06064b50, 56);
    zip64End.writeBigUInt64LE(44n, 4);
    zip64End.writeUInt16LE(45, 12);
    zip64End.writeUInt16LE(45, 14);
    zip64End.writeBigUInt64LE(BigInt(count), 24);
    zip64End.writeBigUInt64LE(BigInt(count), 32);
    zip64End.writeBigUInt64LE(BigInt(cd.length), 40);
    zip64End.writeBigUInt64LE(BigInt(cdOffset), 48);
    const locator = header(0x07064b50, 20);
    locator.writeBigUInt64LE(BigInt(offset), 8);
    locator.writeUInt32LE(1, 16);
    const end = header(0x06054b50, 22);
    end.writeUInt16LE(count, 8);
    end.writeUInt16LE(count, 10);
    end.writeUInt32LE(cd.length, 12);
    end.writeUInt32LE(0xffffffff, 16);
    write(Buffer.concat([zip64End, locator, end]));
  } finally {
    closeSync(fd);
  }
}
