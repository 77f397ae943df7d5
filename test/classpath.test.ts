// ClassPath over directories of javac output, jars (plain, multi-release, Debian's), the JDK's
// runtime image and its fallbacks (jmods/, rt.jar); ZipArchive on the zip layouts jars use.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClassReader } from '../src/asm/class-reader.js';
import { ClassWriter } from '../src/asm/class-writer.js';
import { ClassPath } from '../src/classpath/class-path.js';
import { ClassPathError } from '../src/classpath/class-path-error.js';
import { readClassHeader } from '../src/classpath/class-header.js';
import { featureVersionOf, findJavaHome, readJavaRelease } from '../src/classpath/java-home.js';
import { readUnqualifiedExports } from '../src/classpath/module-exports.js';
import { ZipArchive } from '../src/classpath/zip-archive.js';
import { corpusJars, javaBaseClasses, javaHome, jarClasses } from './support/corpus.js';
import { compileJava, makeTempDir } from './support/javac.js';

const home = javaHome();
const jar = join(home, 'bin', 'jar');
const guava = '/usr/share/java/guava.jar';

let scratch: string;
beforeAll(async () => {
  scratch = await makeTempDir('classpath');
});
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

const opened: ClassPath[] = [];
function classPath(entries: string[], options?: ConstructorParameters<typeof ClassPath>[1]): ClassPath {
  const result = new ClassPath(entries, { jdk: home, ...options });
  opened.push(result);
  return result;
}
afterAll(() => {
  for (const cp of opened) cp.close();
});

const sources = {
  'p/Shape.java': 'package p; public interface Shape extends Comparable<Shape> { double area(); }',
  'p/Base.java':
    'package p; public abstract class Base implements Shape, java.io.Serializable { public int compareTo(Shape s) { return 0; } }',
  'p/Square.java': 'package p; public final class Square extends Base { public double area() { return 1; } }',
  'p/Outer.java': 'package p; public class Outer { protected static class Inner extends Outer {} }',
  'Top.java': 'public class Top {}',
};

describe('ClassPath over the JDK', () => {
  it('answers hierarchy questions about JDK classes', () => {
    const cp = classPath([]);
    expect(cp.getSuperName('java/util/ArrayList')).toBe('java/util/AbstractList');
    expect(cp.getSuperName('java/lang/Object')).toBeNull();
    expect(cp.isInterface('java/util/List')).toBe(true);
    expect(cp.isInterface('java/util/ArrayList')).toBe(false);
    expect(cp.isInterface('java/lang/Override')).toBe(true);
    expect(cp.getInterfaces('java/util/ArrayList')).toEqual([
      'java/util/List',
      'java/util/RandomAccess',
      'java/lang/Cloneable',
      'java/io/Serializable',
    ]);
    expect(cp.getInterfaces('java/util/List')).toEqual(['java/util/Collection']);
    expect(cp.getSuperName('java/util/List')).toBe('java/lang/Object');
    expect(cp.getAccess('java/lang/String')).toBe(0x0001 | 0x0010 | 0x0020);
    expect(cp.hasClass('java/lang/String')).toBe(true);
    expect(cp.exists('javax/swing/JFrame')).toBe(true);
    expect(cp.getSuperName('javax/swing/JFrame')).toBe('java/awt/Frame');
  });

  it('returns undefined for unknown classes and odd names', () => {
    const cp = classPath([]);
    for (const name of ['com/example/Nothing', 'java/lang/Nothing', 'Nothing', '', '../etc/passwd', 'a//b', '[Lno/Such;']) {
      expect(cp.getSuperName(name), name).toBeUndefined();
      expect(cp.isInterface(name), name).toBeUndefined();
      expect(cp.getInterfaces(name), name).toBeUndefined();
      expect(cp.getAccess(name), name).toBeUndefined();
      expect(cp.hasClass(name), name).toBe(false);
      expect(cp.getClassBytes(name), name).toBeUndefined();
    }
  });

  it('answers array classes as the JVM sees them', () => {
    const cp = classPath([]);
    expect(cp.getSuperName('[I')).toBe('java/lang/Object');
    expect(cp.getSuperName('[[Ljava/lang/String;')).toBe('java/lang/Object');
    expect(cp.getInterfaces('[Ljava/util/List;')).toEqual(['java/lang/Cloneable', 'java/io/Serializable']);
    expect(cp.isInterface('[Ljava/util/List;')).toBe(false);
    expect(cp.getClassBytes('[I')).toBeUndefined();
  });

  it('gives bytes and header answers equal to ClassReader for every java.base class', async () => {
    const classes = await javaBaseClasses();
    const cp = classPath([]);
    const wrong: string[] = [];
    for (const { name, bytes } of classes) {
      if (name === 'module-info') continue;
      const reader = new ClassReader(bytes);
      const superName = cp.getSuperName(name);
      // jlink regenerates a few classes, so compare headers with the image's own bytes.
      const ours = cp.getClassBytes(name)!;
      const own = new ClassReader(ours);
      if (superName !== own.getSuperName() || superName !== reader.getSuperName()) wrong.push(`${name} super`);
      if (JSON.stringify(cp.getInterfaces(name)) !== JSON.stringify(own.getInterfaces())) wrong.push(`${name} interfaces`);
      if (cp.getAccess(name) !== own.getAccess()) wrong.push(`${name} access`);
    }
    expect(wrong).toEqual([]);
  });

  it('is fast enough: getSuperName for every java.base class (printed, not asserted)', async () => {
    const names = (await javaBaseClasses()).map((c) => c.name).filter((n) => n !== 'module-info');
    const cp = classPath([]);
    const start = performance.now();
    for (const name of names) cp.getSuperName(name);
    const cold = performance.now() - start;
    const again = performance.now();
    for (const name of names) cp.getSuperName(name);
    const warm = performance.now() - again;
    console.log(
      `getSuperName for ${names.length} java.base classes: ${cold.toFixed(0)} ms cold, ${warm.toFixed(1)} ms cached`,
    );
    expect(cp.classReadCount).toBe(names.length);
  });

  it('searches the JDK first, like the boot loader', () => {
    // A class path entry cannot replace java.lang.Object, but may add to its package.
    const dir = join(scratch, 'shadow');
    mkdirSync(join(dir, 'java', 'lang'), { recursive: true });
    const objectBytes = classPath([]).getClassBytes('java/lang/Object')!;
    // A copy of ArrayList's bytes under Object's name: found only if the entry came first.
    writeFileSync(join(dir, 'java', 'lang', 'Object.class'), classPath([]).getClassBytes('java/util/ArrayList')!);
    const cp = classPath([dir]);
    expect(Buffer.compare(Buffer.from(cp.getClassBytes('java/lang/Object')!), Buffer.from(objectBytes))).toBe(0);
    expect(cp.getSuperName('java/lang/Object')).toBeNull();
    writeFileSync(join(dir, 'java', 'lang', 'Thing.class'), objectBytes);
    expect(cp.hasClass('java/lang/Thing')).toBe(true);
  });

  it('has no JDK with { jdk: false }', () => {
    const cp = new ClassPath([], { jdk: false });
    expect(cp.getSuperName('java/lang/Object')).toBeUndefined();
    expect(cp.describe()).toBe('(empty class path)');
    expect(cp.release).toBeUndefined();
  });

  it('refuses a jdk option that is neither a Java home nor false, saying what it takes', () => {
    // From JavaScript: { jdk: null } failed inside path.resolve with Node's TypeError.
    for (const jdk of [null, true, 17]) {
      expect(() => new ClassPath([], { jdk } as unknown as { jdk: false })).toThrow(
        /^JDK: the jdk option is a Java home directory or false for none, not (null|boolean|number)$/,
      );
    }
  });

  it('finds the current JDK and reads its release file', () => {
    const found = findJavaHome();
    expect(found).toBeDefined();
    expect(existsSync(join(found!, 'bin', 'java'))).toBe(true);
    expect(findJavaHome({ PATH: join(home, 'bin') })).toBe(home);
    expect(findJavaHome({ JAVA_HOME: '/opt/some-jdk', PATH: join(home, 'bin') })).toBe('/opt/some-jdk');
    expect(findJavaHome({ PATH: '/nonexistent' })).toBeUndefined();
    const release = readJavaRelease(home)!;
    expect(release.featureVersion).toBeGreaterThanOrEqual(17);
    expect(release.modules).toContain('java.base');
    expect(featureVersionOf('1.8.0_402')).toBe(8);
    expect(featureVersionOf('17.0.15')).toBe(17);
    expect(featureVersionOf('25')).toBe(25);
    const cp = new ClassPath([]);
    expect(cp.javaHome).toBe(findJavaHome());
    expect(cp.release).toBe(readJavaRelease(cp.javaHome!)?.featureVersion);
    cp.close();
  });

  it('describes what it searches', async () => {
    const compiled = await compileJava(sources);
    const cp = classPath([compiled.dir, guava, join(scratch, 'nope.jar')]);
    expect(cp.describe()).toBe(
      `JDK ${home} (lib/modules), dir ${compiled.dir}, jar ${guava}, ${join(scratch, 'nope.jar')} (missing)`,
    );
  });

  it('abbreviates a long class path in what it describes', () => {
    // Hundreds of --cp jars (a build tool's class path) must not make every missing-class error a page long.
    const entries = Array.from({ length: 40 }, (_, i) => join(scratch, `lib${i}.jar`));
    const cp = classPath(entries);
    const described = cp.describe();
    expect(described).toMatch(new RegExp(`^JDK .*, ${join(scratch, 'lib6.jar')} \\(missing\\), … and 33 more$`));
    expect(described).not.toContain('lib7.jar');
    const short = classPath(entries.slice(0, 8));
    expect(short.describe()).toContain(`${join(scratch, 'lib7.jar')} (missing)`);
    expect(short.describe()).not.toContain('more');
  });
});

describe('ClassPath over javac output', () => {
  it('reads classes from a directory', async () => {
    const compiled = await compileJava(sources);
    const cp = classPath([compiled.dir]);
    expect(cp.getSuperName('p/Square')).toBe('p/Base');
    expect(cp.getSuperName('p/Base')).toBe('java/lang/Object');
    expect(cp.getInterfaces('p/Base')).toEqual(['p/Shape', 'java/io/Serializable']);
    expect(cp.getInterfaces('p/Shape')).toEqual(['java/lang/Comparable']);
    expect(cp.isInterface('p/Shape')).toBe(true);
    expect(cp.getAccess('p/Square')! & 0x0010).toBe(0x0010);
    expect(cp.getAccess('p/Base')! & 0x0400).toBe(0x0400);
    expect(cp.getSuperName('p/Outer$Inner')).toBe('p/Outer');
    expect(cp.getSuperName('Top')).toBe('java/lang/Object');
    expect(cp.getSuperName('p/Missing')).toBeUndefined();
    const square = compiled.classes.find((c) => c.name === 'p/Square')!;
    expect(Buffer.compare(Buffer.from(cp.getClassBytes('p/Square')!), Buffer.from(square.bytes))).toBe(0);
  });

  it('says whether a class is a subtype of another, through superclasses and interfaces (Byte Buddy\'s isSubTypeOf)', async () => {
    const compiled = await compileJava(sources);
    const cp = classPath([compiled.dir]);
    for (const supertype of ['p/Square', 'p/Base', 'p/Shape', 'java/lang/Comparable', 'java/io/Serializable', 'java/lang/Object']) {
      expect(cp.isSubtypeOf('p/Square', supertype), supertype).toBe(true);
    }
    expect(cp.isSubtypeOf('p/Shape', 'java/lang/Comparable')).toBe(true);
    expect(cp.isSubtypeOf('p/Shape', 'java/lang/Object')).toBe(true);
    expect(cp.isSubtypeOf('p/Shape', 'p/Base')).toBe(false);
    expect(cp.isSubtypeOf('p/Base', 'p/Square')).toBe(false);
    expect(cp.isSubtypeOf('p/Outer$Inner', 'java/io/Serializable')).toBe(false);
    expect(cp.isSubtypeOf('java/util/ArrayList', 'java/lang/Iterable')).toBe(true);
    expect(cp.isSubtypeOf('java/util/ArrayList', 'java/util/Map')).toBe(false);
    expect(cp.isSubtypeOf('p/Missing', 'java/lang/Object')).toBeUndefined();
    // Square without Base: its direct superclass is known from its own class file, the rest is not.
    const alone = join(scratch, 'square-alone', 'p');
    mkdirSync(alone, { recursive: true });
    writeFileSync(join(alone, 'Square.class'), compiled.classes.find((c) => c.name === 'p/Square')!.bytes);
    const partial = classPath([join(scratch, 'square-alone')]);
    expect(partial.isSubtypeOf('p/Square', 'p/Base')).toBe(true);
    expect(partial.isSubtypeOf('p/Square', 'java/io/Serializable')).toBeUndefined();
    expect(partial.isSubtypeOf('p/Square', 'java/lang/Object')).toBe(true);
  });

  it('reads classes from a jar built by the jar tool, and a dir/* wildcard', async () => {
    const compiled = await compileJava(sources);
    const dir = join(scratch, 'libs');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, 'shapes.jar');
    execFileSync(jar, ['--create', '--file', path, '-C', compiled.dir, '.']);
    for (const cp of [classPath([path]), classPath([`${dir}/*`])]) {
      expect(cp.getSuperName('p/Square')).toBe('p/Base');
      expect(cp.getInterfaces('p/Base')).toEqual(['p/Shape', 'java/io/Serializable']);
      const square = compiled.classes.find((c) => c.name === 'p/Square')!;
      expect(Buffer.compare(Buffer.from(cp.getClassBytes('p/Square')!), Buffer.from(square.bytes))).toBe(0);
    }
  });

  it('reads a jmod given as an entry (classes/ prefix, JM header)', async () => {
    // jmod refuses classes of the unnamed package.
    const { 'Top.java': _top, ...packaged } = sources;
    const compiled = await compileJava({ ...packaged, 'module-info.java': 'module shapes { exports p; }' });
    const path = join(scratch, 'shapes.jmod');
    rmSync(path, { force: true });
    execFileSync(join(home, 'bin', 'jmod'), ['create', '--class-path', compiled.dir, path]);
    const cp = classPath([path]);
    expect(cp.getSuperName('p/Square')).toBe('p/Base');
    expect(readFileSync(path).subarray(0, 4)).toEqual(Buffer.from([0x4a, 0x4d, 0x01, 0x00]));
  });
});

describe("ClassPath over a jar manifest's Class-Path", () => {
  // app.jar holds p/Square and names, in its manifest, an unreadable jar, lib/shapes.jar (p/Base,
  // p/Shape), a missing jar, an http: URL and, folded over a continuation line, itself (a cycle);
  // shapes.jar names app.jar back.
  let appJar: string;
  let libJar: string;
  beforeAll(async () => {
    const compiled = await compileJava(sources);
    const classes = new Map(compiled.classes.map((c) => [c.name, c.bytes]));
    const dir = join(scratch, 'manifest-cp');
    mkdirSync(join(dir, 'lib'), { recursive: true });
    appJar = join(dir, 'app.jar');
    libJar = join(dir, 'lib', 'shapes.jar');
    const app = new JSZip();
    app.file(
      'META-INF/MANIFEST.MF',
      'Manifest-Version: 1.0\r\nClass-Path: broken.jar lib/shapes.jar  missing.jar http://example.com/x.jar\r\n  app.jar\r\n\r\nName: p/\r\nClass-Path: other.jar\r\n\r\n',
    );
    app.file('p/Square.class', classes.get('p/Square')!);
    writeFileSync(appJar, await app.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
    // Not a zip: the JVM skips such a Class-Path entry, and so do we.
    writeFileSync(join(dir, 'broken.jar'), 'not a zip file');
    const lib = new JSZip();
    lib.file('META-INF/MANIFEST.MF', 'Manifest-Version: 1.0\nclass-path: ../app.jar\n');
    for (const name of ['p/Base', 'p/Shape']) lib.file(`${name}.class`, classes.get(name)!);
    writeFileSync(libJar, await lib.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
  });

  it('searches the entries it names right after the jar, as the JVM does, once each', () => {
    const cp = classPath([appJar]);
    // Found in app.jar itself: the manifest is not read.
    expect(cp.getSuperName('p/Square')).toBe('p/Base');
    expect(cp.entryReadCount()).toBe(1);
    expect(cp.describe()).not.toContain('Class-Path');
    // p/Base is only in lib/shapes.jar, through app.jar's manifest.
    expect(cp.getSuperName('p/Base')).toBe('java/lang/Object');
    expect(cp.getInterfaces('p/Base')).toEqual(['p/Shape', 'java/io/Serializable']);
    expect(cp.isInterface('p/Shape')).toBe(true);
    expect(cp.getSuperName('p/Nowhere')).toBeUndefined();
    // In search order, after the JDK (the skip reason of broken.jar has commas of its own).
    const described = cp.describe();
    const broken = join(scratch, 'manifest-cp', 'broken.jar');
    const parts = [
      `jar ${appJar}`,
      `jar ${broken} (Class-Path of ${appJar}) (unreadable, skipped: ${broken}: not a zip file`,
      `jar ${libJar} (Class-Path of ${appJar})`,
      `${join(scratch, 'manifest-cp', 'missing.jar')} (Class-Path of ${appJar}) (missing)`,
    ];
    let at = 0;
    for (const part of parts) {
      const found = described.indexOf(part, at);
      expect(found, `${part} in ${described}`).toBeGreaterThanOrEqual(0);
      at = found + part.length;
    }
    expect(described.endsWith('(missing)')).toBe(true);
  });

  it('is what COMPUTE_FRAMES needs for a common super class across the jars', () => {
    const writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES, { classPath: classPath([appJar]) });
    expect(writer.getCommonSuperClass('p/Square', 'p/Base')).toBe('p/Base');
    expect(() =>
      new ClassWriter(ClassWriter.COMPUTE_FRAMES, { classPath: classPath([appJar], { manifestClassPath: false }) }).getCommonSuperClass(
        'p/Square',
        'java/lang/String',
      ),
    ).toThrow(/p\/Base/);
  });

  it('can be turned off', () => {
    const cp = classPath([appJar], { manifestClassPath: false });
    expect(cp.getSuperName('p/Base')).toBeUndefined();
    expect(cp.describe()).not.toContain('Class-Path');
  });
});

describe('ClassPath over multi-release jars', () => {
  let mrJar: string;
  let unflagged: string;
  beforeAll(async () => {
    const base = await compileJava({ 'mr/Impl.java': 'package mr; class Impl {}' }, { release: 8 });
    const v11 = await compileJava({ 'mr/Impl.java': 'package mr; class Impl implements java.io.Serializable {}' }, {
      release: 11,
    });
    const v17 = await compileJava(
      { 'mr/Impl.java': 'package mr; class Impl implements java.util.RandomAccess {}' },
      { release: 17 },
    );
    mrJar = join(scratch, 'mr.jar');
    execFileSync(jar, ['--create', '--file', mrJar, '-C', base.dir, 'mr', '--release', '11', '-C', v11.dir, 'mr', '--release', '17', '-C', v17.dir, 'mr']);
    // (Impl is package-private: jar insists that public classes keep their API across versions.)
    // The same entries without `Multi-Release: true` in the manifest.
    const zip = await JSZip.loadAsync(readFileSync(mrJar));
    zip.file('META-INF/MANIFEST.MF', 'Manifest-Version: 1.0\r\n\r\n');
    unflagged = join(scratch, 'unflagged.jar');
    writeFileSync(unflagged, await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
  });

  it('honours META-INF/versions/N for N <= release, highest first', () => {
    expect(classPath([mrJar], { release: 8 }).getInterfaces('mr/Impl')).toEqual([]);
    expect(classPath([mrJar], { release: 11 }).getInterfaces('mr/Impl')).toEqual(['java/io/Serializable']);
    expect(classPath([mrJar], { release: 16 }).getInterfaces('mr/Impl')).toEqual(['java/io/Serializable']);
    expect(classPath([mrJar], { release: 17 }).getInterfaces('mr/Impl')).toEqual(['java/util/RandomAccess']);
    expect(classPath([mrJar], { release: 21 }).getInterfaces('mr/Impl')).toEqual(['java/util/RandomAccess']);
    // Default: the JDK's feature version (17 or later here).
    expect(classPath([mrJar]).getInterfaces('mr/Impl')).toEqual(['java/util/RandomAccess']);
    // No JDK and no release: the base entries.
    expect(new ClassPath([mrJar], { jdk: false }).getInterfaces('mr/Impl')).toEqual([]);
    const bytes = classPath([mrJar], { release: 11 }).getClassBytes('mr/Impl')!;
    expect((bytes[6]! << 8) | bytes[7]!).toBe(55);
  });

  it('ignores versioned entries without Multi-Release: true in the manifest', () => {
    expect(classPath([unflagged], { release: 17 }).getInterfaces('mr/Impl')).toEqual([]);
  });
});

describe('ClassPath over Debian jars', () => {
  for (const path of corpusJars) {
    it.skipIf(!existsSync(path))(`reads every class of ${path} as jszip does`, async () => {
      const classes = (await jarClasses(path)).filter((c) => !c.name.startsWith('META-INF/'));
      expect(classes.length).toBeGreaterThan(100);
      const cp = classPath([path]);
      const wrong: string[] = [];
      for (const { name, bytes } of classes) {
        const ours = cp.getClassBytes(name);
        if (ours === undefined || Buffer.compare(Buffer.from(ours), Buffer.from(bytes)) !== 0) wrong.push(`${name} bytes`);
        if (name === 'module-info') continue;
        const reader = new ClassReader(bytes);
        if (cp.getSuperName(name) !== reader.getSuperName()) wrong.push(`${name} super`);
        if (JSON.stringify(cp.getInterfaces(name)) !== JSON.stringify(reader.getInterfaces())) wrong.push(`${name} interfaces`);
      }
      expect(wrong).toEqual([]);
    });
  }

  it.skipIf(!existsSync(guava))('is lazy: one class asked, one class read', () => {
    const cp = classPath([guava]);
    expect(cp.entryReadCount()).toBe(0);
    expect(cp.getSuperName('com/google/common/collect/ImmutableList')).toBe('com/google/common/collect/ImmutableCollection');
    // The JDK lookup of a package it does not have reads nothing; guava gives one entry.
    expect(cp.classReadCount).toBe(1);
    expect(cp.entryReadCount()).toBe(1);
    cp.getSuperName('com/google/common/collect/ImmutableList');
    cp.isInterface('com/google/common/collect/ImmutableList');
    expect(cp.entryReadCount()).toBe(1);
  });
});

describe('ClassPath errors', () => {
  it('names a truncated jar', () => {
    const bytes = readFileSync(guava);
    const truncated = join(scratch, 'truncated-guava.jar');
    writeFileSync(truncated, bytes.subarray(0, bytes.length >> 1));
    const cp = classPath([truncated]);
    expect(() => cp.getSuperName('com/google/common/collect/ImmutableList')).toThrow(ClassPathError);
    expect(() => cp.getSuperName('com/google/common/collect/ImmutableList')).toThrow(
      `${truncated}: not a zip file, or truncated: no end of central directory record found`,
    );
    // JDK classes come first and are still answered.
    expect(cp.getSuperName('java/util/ArrayList')).toBe('java/util/AbstractList');
  });

  it('names a jar whose entry data is cut off or corrupt', async () => {
    const zip = new JSZip();
    const object = classPath([]).getClassBytes('java/lang/Object')!;
    zip.file('a/B.class', object, { createFolders: false });
    const good = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const archive = ZipArchive.fromBytes(good, 'good.jar');
    const entry = archive.getEntry('a/B.class')!;
    expect(entry.method).toBe(8);
    // Garble the deflate stream.
    const garbled = Buffer.from(good);
    const dataStart = 30 + 'a/B.class'.length;
    garbled.fill(0xff, dataStart, dataStart + 16);
    const path = join(scratch, 'garbled.jar');
    writeFileSync(path, garbled);
    expect(() => classPath([path]).getSuperName('a/B')).toThrow(new RegExp(`^${path}: entry a/B\\.class: cannot inflate`));
    // A central directory pointing past the data.
    expect(() => ZipArchive.fromBytes(good.subarray(0, 40), 'short.jar')).toThrow(/^short\.jar: not a zip file, or truncated/);
  });

  it('names a malformed class file', () => {
    const dir = join(scratch, 'bad-class');
    mkdirSync(join(dir, 'x'), { recursive: true });
    writeFileSync(join(dir, 'x', 'Y.class'), Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 52, 0, 5, 1]));
    expect(() => classPath([dir]).getSuperName('x/Y')).toThrow(/dir .*bad-class: x\/Y\.class: Truncated/);
  });

  it('says what to do when a JDK home is not one', () => {
    expect(() => new ClassPath([], { jdk: scratch })).toThrow(/not a Java home: it has no runtime image/);
  });
});

describe('ClassPath JDK fallbacks', () => {
  it.skipIf(!existsSync(join(home, 'jmods')))('reads jmods/ when there is no lib/modules', () => {
    const fakeHome = join(scratch, 'jmods-home');
    mkdirSync(fakeHome, { recursive: true });
    symlinkSync(join(home, 'jmods'), join(fakeHome, 'jmods'));
    const cp = classPath([], { jdk: fakeHome });
    expect(cp.describe()).toBe(`JDK ${fakeHome} (jmods)`);
    expect(cp.getSuperName('java/util/ArrayList')).toBe('java/util/AbstractList');
    expect(cp.getSuperName('javax/swing/JFrame')).toBe('java/awt/Frame');
    expect(cp.getSuperName('com/example/Nothing')).toBeUndefined();
    const image = classPath([]);
    expect(Buffer.compare(Buffer.from(cp.getClassBytes('java/util/List')!), Buffer.from(image.getClassBytes('java/util/List')!))).toBe(0);
    // Module exports, from each jmod's classes/module-info.class, as from the runtime image.
    for (const name of ['java/util/List', 'sun/nio/ch/SelChImpl', 'sun/misc/Unsafe', 'javax/swing/JFrame', 'com/example/Nothing']) {
      expect(cp.getModuleExport(name)).toEqual(image.getModuleExport(name));
    }
  });

  it('reads the unqualified exports of a module-info that javac compiled, and null from bytes that are none', async () => {
    const compiled = await compileJava({
      'module-info.java': 'module m { exports a; exports b to java.base; exports c.d; }',
      'a/A.java': 'package a; public class A {}',
      'b/B.java': 'package b; public class B {}',
      'c/d/D.java': 'package c.d; public class D {}',
    });
    const moduleInfo = compiled.classes.find((c) => c.name === 'module-info')!.bytes;
    expect([...readUnqualifiedExports(moduleInfo)!].sort()).toEqual(['a', 'c/d']);
    expect(readUnqualifiedExports(compiled.classes.find((c) => c.name === 'a/A')!.bytes)).toBeNull();
    expect(readUnqualifiedExports(moduleInfo.subarray(0, moduleInfo.length - 7))).toBeNull();
    expect(readUnqualifiedExports(new Uint8Array([1, 2, 3]))).toBeNull();
  });

  it('knows which JDK module holds a package and whether it exports it to every module (module-info)', () => {
    const image = classPath([]);
    expect(image.getModuleExport('java/util/List')).toEqual({ module: 'java.base', exportedToAll: true });
    // Exported to a few JDK modules only (qualified), or not at all.
    expect(image.getModuleExport('jdk/internal/misc/Unsafe')).toEqual({ module: 'java.base', exportedToAll: false });
    expect(image.getModuleExport('sun/nio/ch/SelChImpl')).toEqual({ module: 'java.base', exportedToAll: false });
    expect(image.getModuleExport('sun/misc/Unsafe')).toEqual({ module: 'jdk.unsupported', exportedToAll: true });
    expect(image.getModuleExport('javax/swing/JFrame')).toEqual({ module: 'java.desktop', exportedToAll: true });
    // Not a JDK package, or the unnamed package.
    expect(image.getModuleExport('com/example/Nothing')).toBeUndefined();
    expect(image.getModuleExport('Nothing')).toBeUndefined();
  });

  it('reads rt.jar in a Java 8 style home', async () => {
    const image = classPath([]);
    const zip = new JSZip();
    for (const name of ['java/lang/Object', 'java/util/AbstractList', 'java/util/ArrayList']) {
      zip.file(`${name}.class`, image.getClassBytes(name)!);
    }
    const fakeHome = join(scratch, 'java8-home');
    mkdirSync(join(fakeHome, 'jre', 'lib'), { recursive: true });
    writeFileSync(join(fakeHome, 'jre', 'lib', 'rt.jar'), await zip.generateAsync({ type: 'uint8array' }));
    writeFileSync(join(fakeHome, 'release'), 'JAVA_VERSION="1.8.0_402"\n');
    const cp = classPath([], { jdk: fakeHome });
    expect(cp.describe()).toBe(`JDK ${join(fakeHome, 'jre', 'lib', 'rt.jar')}`);
    expect(cp.release).toBe(8);
    expect(cp.getSuperName('java/util/ArrayList')).toBe('java/util/AbstractList');
    expect(cp.getSuperName('java/util/List')).toBeUndefined();
  });
});

// ## ZipArchive on layouts beyond what jar writes

/** A zip with one stored entry written with ZIP64 records (sizes in the extra field, ZIP64 end records). */
function zip64(name: string, data: Uint8Array, prefix = 0, comment = ''): Buffer {
  const nameBytes = Buffer.from(name);
  const parts: Buffer[] = [Buffer.alloc(prefix, 0x5a)];
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(45, 4);
  local.writeUInt32LE(0xffffffff, 18);
  local.writeUInt32LE(0xffffffff, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const localExtra = Buffer.alloc(20);
  localExtra.writeUInt16LE(1, 0);
  localExtra.writeUInt16LE(16, 2);
  localExtra.writeBigUInt64LE(BigInt(data.length), 4);
  localExtra.writeBigUInt64LE(BigInt(data.length), 12);
  local.writeUInt16LE(localExtra.length, 28);
  parts.push(local, nameBytes, localExtra, Buffer.from(data));
  const cdOffset = parts.reduce((n, b) => n + b.length, 0) - prefix;
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(45, 4);
  central.writeUInt16LE(45, 6);
  central.writeUInt32LE(0xffffffff, 20);
  central.writeUInt32LE(0xffffffff, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  const extra = Buffer.alloc(28);
  extra.writeUInt16LE(1, 0);
  extra.writeUInt16LE(24, 2);
  extra.writeBigUInt64LE(BigInt(data.length), 4);
  extra.writeBigUInt64LE(BigInt(data.length), 12);
  extra.writeBigUInt64LE(0n, 20);
  central.writeUInt16LE(extra.length, 30);
  central.writeUInt32LE(0xffffffff, 42);
  parts.push(central, nameBytes, extra);
  const cdSize = 46 + nameBytes.length + extra.length;
  const end64Offset = cdOffset + cdSize;
  const end64 = Buffer.alloc(56);
  end64.writeUInt32LE(0x06064b50, 0);
  end64.writeBigUInt64LE(44n, 4);
  end64.writeUInt16LE(45, 12);
  end64.writeUInt16LE(45, 14);
  end64.writeBigUInt64LE(1n, 24);
  end64.writeBigUInt64LE(1n, 32);
  end64.writeBigUInt64LE(BigInt(cdSize), 40);
  end64.writeBigUInt64LE(BigInt(cdOffset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(end64Offset), 8);
  locator.writeUInt32LE(1, 16);
  const commentBytes = Buffer.from(comment);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(0xffff, 8);
  end.writeUInt16LE(0xffff, 10);
  end.writeUInt32LE(0xffffffff, 12);
  end.writeUInt32LE(0xffffffff, 16);
  end.writeUInt16LE(commentBytes.length, 20);
  parts.push(end64, locator, end, commentBytes);
  return Buffer.concat(parts);
}

describe('ZipArchive', () => {
  it('lists entries in central-directory order with their metadata, and reads them', async () => {
    const zip = new JSZip();
    zip.file('b/Stored.txt', 'stored text', { compression: 'STORE' });
    zip.file('a/Deflated.txt', 'deflated '.repeat(100), { compression: 'DEFLATE' });
    zip.folder('empty');
    zip.file('ünïcode.txt', 'x');
    const bytes = await zip.generateAsync({ type: 'uint8array', comment: 'a zip comment, with a PK\u0005\u0006 inside' });
    const archive = ZipArchive.fromBytes(bytes, 'test.zip');
    expect(archive.entries().map((e) => e.name)).toEqual(['b/', 'b/Stored.txt', 'a/', 'a/Deflated.txt', 'empty/', 'ünïcode.txt']);
    expect(archive.comment).toBe('a zip comment, with a PK\u0005\u0006 inside');
    const stored = archive.getEntry('b/Stored.txt')!;
    expect([stored.method, stored.size, stored.compressedSize]).toEqual([0, 11, 11]);
    const deflated = archive.getEntry('a/Deflated.txt')!;
    expect(deflated.method).toBe(8);
    expect(deflated.compressedSize).toBeLessThan(deflated.size);
    expect(archive.getEntry('empty/')!.isDirectory).toBe(true);
    expect(Buffer.from(archive.read('b/Stored.txt')!).toString()).toBe('stored text');
    expect(Buffer.from(archive.read('a/Deflated.txt')!).toString()).toBe('deflated '.repeat(100));
    expect(Buffer.from(archive.read('ünïcode.txt')!).toString()).toBe('x');
    expect(archive.read('nothing')).toBeUndefined();
    expect(archive.readCount).toBe(3);
  });

  it('skips data before the zip and reads ZIP64 records', () => {
    const payload = Buffer.from('zip64 payload');
    for (const prefix of [0, 7]) {
      const bytes = zip64('x/Payload.bin', payload, prefix, 'trailing comment');
      const archive = ZipArchive.fromBytes(bytes, 'zip64.zip');
      expect(archive.prefixLength).toBe(prefix);
      expect(archive.entries().map((e) => [e.name, e.size, e.compressedSize, e.localHeaderOffset])).toEqual([
        ['x/Payload.bin', payload.length, payload.length, 0],
      ]);
      expect(Buffer.from(archive.read('x/Payload.bin')!).toString()).toBe('zip64 payload');
    }
    // The JDK reads the same file (so the layout above is a real ZIP64 zip).
    const path = join(scratch, 'zip64.zip');
    writeFileSync(path, zip64('x/Payload.bin', payload));
    expect(execFileSync(jar, ['--list', '--file', path], { encoding: 'utf8' }).trim()).toBe('x/Payload.bin');
  });

  it('opens files with positioned reads and closes them', () => {
    const archive = ZipArchive.open(guava);
    expect(archive.entries().length).toBeGreaterThan(1000);
    const manifest = archive.read('META-INF/MANIFEST.MF')!;
    expect(Buffer.from(manifest).toString()).toMatch(/^Manifest-Version: 1\.0/);
    archive.close();
    expect(() => archive.read('META-INF/MANIFEST.MF')).toThrow(/has been closed/);
  });

  it('rejects unsupported compression methods and encryption by name', async () => {
    const zip = new JSZip();
    zip.file('a.txt', 'abc', { compression: 'STORE' });
    const bytes = Buffer.from(await zip.generateAsync({ type: 'uint8array' }));
    // Set the central directory's method to 12 (bzip2).
    const cd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bytes.writeUInt16LE(12, cd + 10);
    expect(() => ZipArchive.fromBytes(bytes, 'bz.zip').read('a.txt')).toThrow(
      'bz.zip: entry a.txt uses compression method 12 (bzip2); only stored (0) and deflated (8) entries can be read',
    );
    bytes.writeUInt16LE(0, cd + 10);
    bytes.writeUInt16LE(1, cd + 8);
    expect(() => ZipArchive.fromBytes(bytes, 'enc.zip').read('a.txt')).toThrow('enc.zip: entry a.txt is encrypted');
  });
});

describe('readClassHeader', () => {
  it('reads version, access, names and interfaces', async () => {
    const compiled = await compileJava(sources, { release: 11 });
    const base = readClassHeader(compiled.classes.find((c) => c.name === 'p/Base')!.bytes);
    expect(base).toEqual({
      minorVersion: 0,
      majorVersion: 55,
      access: 0x0001 | 0x0020 | 0x0400,
      name: 'p/Base',
      superName: 'java/lang/Object',
      interfaces: ['p/Shape', 'java/io/Serializable'],
    });
  });
});
