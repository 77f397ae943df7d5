// The JDK runtime image reader against the JDK's own tools: `jimage list` for the entries, `jmod
// extract` (or `jimage extract`) for the bytes, and jlink-compressed images for the decompressors.

import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, openSync, closeSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ClassPathError } from '../src/classpath/class-path-error.js';
import { imageLocationName, imageNameHash, JImageReader } from '../src/classpath/jimage-reader.js';
import { ClassPath } from '../src/classpath/class-path.js';
import { corpusCacheDirectory, javaBaseClasses, javaHome } from './support/corpus.js';
import { findJdk25, jdkVersion, makeTempDir } from './support/javac.js';

const home = javaHome();
const modulesPath = join(home, 'lib', 'modules');
const opened: JImageReader[] = [];

function open(path: string): JImageReader {
  const reader = JImageReader.open(path);
  opened.push(reader);
  return reader;
}

afterAll(() => {
  for (const reader of opened) reader.close();
});

/** `jimage list` output as module → sorted resource names (directories excluded, as jimage lists files only). */
function jimageList(image: string): Map<string, string[]> {
  const output = execFileSync(join(home, 'bin', 'jimage'), ['list', image], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const modules = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const line of output.split('\n')) {
    const header = /^Module: (\S+)$/.exec(line);
    if (header) {
      current = [];
      modules.set(header[1]!, current);
    } else if (current !== null && line.startsWith('    ')) {
      current.push(line.trim());
    }
  }
  for (const names of modules.values()) names.sort();
  return modules;
}

/** Our reader's resources as module → sorted names relative to the module. */
function ourList(reader: JImageReader): Map<string, string[]> {
  const modules = new Map<string, string[]>();
  for (const location of reader.locations()) {
    if (location.module === '' || location.module === 'packages' || location.module === 'modules') continue;
    const full = imageLocationName(location);
    const relative = full.slice(location.module.length + 2);
    let names = modules.get(location.module);
    if (names === undefined) modules.set(location.module, (names = []));
    names.push(relative);
  }
  for (const names of modules.values()) names.sort();
  return modules;
}

describe.skipIf(!existsSync(modulesPath))('jimage reader on the JDK runtime image', () => {
  it('lists the same resources as `jimage list`, module by module', () => {
    const reader = open(modulesPath);
    const expected = jimageList(modulesPath);
    const actual = ourList(reader);
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    const ourBase = actual.get('java.base')!.filter((n) => n.endsWith('.class'));
    const theirBase = expected.get('java.base')!.filter((n) => n.endsWith('.class'));
    expect(ourBase.length).toBeGreaterThan(5000);
    expect(ourBase).toEqual(theirBase);
    for (const [module, names] of expected) expect(actual.get(module), module).toEqual(names);
    expect(reader.modules()).toEqual([...expected.keys()].sort());
    console.log(`jimage: ${reader.resourceCount} locations, ${ourBase.length} java.base classes, ${expected.size} modules`);
  });

  it('reads every java.base class byte for byte as jmod/jimage extract gives it', async () => {
    const reader = open(modulesPath);
    const classes = await javaBaseClasses();
    expect(classes.length).toBeGreaterThan(5000);
    const mismatches: string[] = [];
    let missing = 0;
    for (const { name, bytes } of classes) {
      if (name === 'module-info') continue;
      const ours = reader.findClass(name);
      if (ours === undefined) missing++;
      else if (Buffer.compare(Buffer.from(ours), Buffer.from(bytes)) !== 0) mismatches.push(name);
    }
    // jlink regenerates a few classes when it builds the image (system module descriptors, the
    // java.lang.invoke $Holder classes), so those differ from the jmod's copies: check them against
    // `jimage extract` instead.
    expect(missing).toBe(0);
    expect(mismatches.length).toBeLessThan(20);
    if (mismatches.length > 0) {
      const dir = await makeTempDir('jimage-extract');
      try {
        const pattern = mismatches.map((n) => `/java.base/${n}.class`.replace(/[$.]/g, '\\$&')).join('|');
        execFileSync(join(home, 'bin', 'jimage'), ['extract', '--dir', dir, '--include', `regex:${pattern}`, modulesPath], {
          stdio: 'pipe',
        });
        for (const name of mismatches) {
          const extracted = readFileSync(join(dir, 'java.base', `${name}.class`));
          expect(Buffer.compare(Buffer.from(reader.findClass(name)!), extracted), name).toBe(0);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    expect(reader.getResource('/java.base/module-info.class')).toBeDefined();
  });

  it('finds a package\'s module through the /packages/ entries', () => {
    const reader = open(modulesPath);
    expect(reader.moduleOfPackage('java.lang')).toBe('java.base');
    expect(reader.moduleOfPackage('java/util/concurrent')).toBe('java.base');
    expect(reader.moduleOfPackage('javax.swing')).toBe('java.desktop');
    expect(reader.moduleOfPackage('com.example.nothing')).toBeUndefined();
    expect(reader.findClass('java/lang/Nothing')).toBeUndefined();
    expect(reader.findClass('Unnamed')).toBeUndefined();
    const object = reader.findClass('java/lang/Object')!;
    expect(Array.from(object.subarray(0, 4))).toEqual([0xca, 0xfe, 0xba, 0xbe]);
  });

  it('hashes names as the image does (non-ASCII included)', () => {
    // Every location is found again by its own name through the hash table.
    const reader = open(modulesPath);
    const locations = reader.locations();
    for (let i = 0; i < locations.length; i += 97) {
      const name = imageLocationName(locations[i]!);
      expect(reader.findLocation(name), name).toEqual(locations[i]);
    }
    // FNV-1 over modified UTF-8 bytes: é is C3 A9, U+0000 is C0 80.
    const fnv = (bytes: number[]): number => {
      let h = 0x01000193;
      for (const b of bytes) h = Math.imul(h, 0x01000193) ^ b;
      return h & 0x7fffffff;
    };
    expect(imageNameHash('aé')).toBe(fnv([0x61, 0xc3, 0xa9]));
    expect(imageNameHash('\u0000')).toBe(fnv([0xc0, 0x80]));
    expect(imageNameHash('\u20ac')).toBe(fnv([0xe2, 0x82, 0xac]));
  });

  it('reports a truncated image or a file that is not an image, naming the file', async () => {
    const dir = await makeTempDir('jimage-bad');
    try {
      const truncated = join(dir, 'modules');
      const fd = openSync(modulesPath, 'r');
      const head = Buffer.alloc(4096);
      const { readSync } = await import('node:fs');
      readSync(fd, head, 0, head.length, 0);
      closeSync(fd);
      writeFileSync(truncated, head);
      expect(() => JImageReader.open(truncated)).toThrow(ClassPathError);
      expect(() => JImageReader.open(truncated)).toThrow(/modules: truncated: its index needs \d+ bytes/);
      const notImage = join(dir, 'not-an-image');
      writeFileSync(notImage, 'hello, this is not a runtime image at all');
      expect(() => JImageReader.open(notImage)).toThrow(/not-an-image: not a runtime image \(bad magic/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// ## Compressed images, built with jlink (cached: each takes a few seconds)

/** A java.base-only image built with `jlink --compress=<level>`, or null without jlink/jmods. */
function jlinkImage(level: '1' | '2'): string | null {
  const jlink = join(home, 'bin', 'jlink');
  if (!existsSync(jlink) || !existsSync(join(home, 'jmods', 'java.base.jmod'))) return null;
  const key = `${jdkVersion(home) ?? 'unknown'}`.replace(/[^A-Za-z0-9._-]/g, '_');
  const target = join(corpusCacheDirectory, `jlink-java.base-${key}-compress${level}`);
  const image = join(target, 'lib', 'modules');
  if (existsSync(image)) return image;
  mkdirSync(corpusCacheDirectory, { recursive: true });
  const scratch = `${target}.tmp-${process.pid}`;
  rmSync(scratch, { recursive: true, force: true });
  execFileSync(jlink, ['--add-modules', 'java.base', `--compress=${level}`, '--output', scratch], { stdio: 'pipe' });
  try {
    renameSync(scratch, target);
  } catch (error) {
    rmSync(scratch, { recursive: true, force: true });
    if (!existsSync(image)) throw error;
  }
  return image;
}

describe.skipIf(!existsSync(modulesPath))('jimage reader on compressed images (jlink --compress)', () => {
  for (const [level, decompressor] of [
    ['1', 'compact-cp'],
    ['2', 'zip'],
  ] as const) {
    it(`expands "${decompressor}" resources to the uncompressed image's bytes`, () => {
      const path = jlinkImage(level);
      if (path === null) {
        console.log(`skipped: ${home} has no jlink or jmods`);
        return;
      }
      const compressed = open(path);
      const plain = open(modulesPath);
      let count = 0;
      let compressedCount = 0;
      const mismatches: string[] = [];
      for (const location of compressed.locations()) {
        if (location.module !== 'java.base' || location.extension !== 'class') continue;
        count++;
        if (location.compressedSize !== 0) compressedCount++;
        const name = imageLocationName(location);
        const ours = compressed.readResource(location);
        const reference = plain.getResource(name)!;
        if (Buffer.compare(Buffer.from(ours), Buffer.from(reference)) !== 0) mismatches.push(name);
      }
      expect(count).toBeGreaterThan(5000);
      expect(compressedCount).toBeGreaterThan(count / 2);
      // The java.base-only image has its own system module descriptors.
      expect(mismatches.filter((n) => !n.includes('/jdk/internal/module/SystemModules'))).toEqual([]);
      // A ClassPath over that JDK home reads through the decompressor too.
      const classPath = new ClassPath([], { jdk: join(path, '..', '..') });
      expect(classPath.getSuperName('java/util/ArrayList')).toBe('java/util/AbstractList');
      classPath.close();
    });
  }

  it('names an unsupported decompressor', async () => {
    // Rewrite the decompressor name of one compressed resource to point at another string.
    const path = jlinkImage('2');
    if (path === null) return;
    const dir = await makeTempDir('jimage-decompressor');
    try {
      const copy = join(dir, 'modules');
      copyFileSync(path, copy);
      const reader = open(copy);
      const location = reader.findLocation('/java.base/java/lang/Object.class')!;
      expect(location.compressedSize).toBeGreaterThan(0);
      const bytes = readFileSync(copy);
      const at = reader.indexSize + location.contentOffset;
      // Any other string offset: use the one of the module name "java.base".
      const javaBase = reader.findLocation('/packages/java.lang')!;
      const content = reader.readResource(javaBase);
      const moduleOffset = new DataView(content.buffer, content.byteOffset).getInt32(4, reader.littleEndian);
      new DataView(bytes.buffer, bytes.byteOffset).setInt32(at + 20, moduleOffset, reader.littleEndian);
      writeFileSync(copy, bytes);
      const broken = open(copy);
      expect(() => broken.getResource('/java.base/java/lang/Object.class')).toThrow(
        /Object\.class is compressed with the "java\.base" decompressor, which is not supported/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('jimage reader on a JDK 25 image', () => {
  const jdk25 = findJdk25();
  it.skipIf(jdk25 === null)('reads class files of version 69', () => {
    const reader = open(join(jdk25!, 'lib', 'modules'));
    const object = reader.findClass('java/lang/Object')!;
    expect((object[6]! << 8) | object[7]!).toBe(69);
    expect(reader.moduleOfPackage('java.lang.classfile')).toBe('java.base');
  });
});
