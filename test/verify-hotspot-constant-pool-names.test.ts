// Names and descriptors HotSpot's class file parser refuses (JVMS §4.2, §4.3, §4.4), found by
// rewriting one constant of javac output: a dotted class name, a class name with `//`, a field
// descriptor without its `;`, a constructor reference returning int (in a NameAndType no
// instruction uses any more), a method name with `<`, a super class that is an array, an
// interface whose super class is not Object. HotSpot throws ClassFormatError; we verified the code
// alone and reported 0 errors. A legal rename stays valid on both sides. HotSpot's verdict is
// computed here (java -Xverify:all), not assumed.

import { describe, expect, it } from 'vitest';
import { ClassVerifier } from '../src/analysis/class-verifier.js';
import { ChainedClassHierarchy, MapClassHierarchy } from '../src/analysis/verification-hierarchy.js';
import { ClassPath } from '../src/classpath/class-path.js';
import { readRawClassFile } from '../src/classfile/raw-class-file.js';
import { compileJava } from '../src/testing/compile-java.js';
import { verifyClasses } from '../src/testing/verify-classes.js';
import { stripFrames } from './support/class-versions.js';
import { javaHome } from './support/corpus.js';

const SOURCES = {
  'names/Counter.java': `
package names;
public class Counter {
  private java.util.List<String> items = new java.util.ArrayList<>();
  public int size() { return items.size(); }
  public static Object make() { return new StringBuilder("x"); }
}`,
  'names/Sized.java': `
package names;
public interface Sized { int size(); }`,
};

/**
 * `bytes` with a new Utf8 constant `value` appended to the pool, and the u2 at the file offset
 * `at(classFile)` (a name or descriptor index) pointed at it: other users of the old string keep it.
 */
function repointed(bytes: Uint8Array, value: string, at: (classFile: ReturnType<typeof readRawClassFile>) => number): Uint8Array {
  const classFile = readRawClassFile(bytes);
  const encoded = new TextEncoder().encode(value);
  const constant = Uint8Array.of(1, encoded.length >> 8, encoded.length & 0xff, ...encoded);
  const end = classFile.constantPool.endOffset;
  const copy = new Uint8Array(bytes.length + constant.length);
  copy.set(bytes.subarray(0, end));
  copy.set(constant, end);
  copy.set(bytes.subarray(end), end + constant.length);
  const count = (copy[8]! << 8) | copy[9]!;
  copy[8] = (count + 1) >> 8;
  copy[9] = (count + 1) & 0xff;
  const offset = at(classFile);
  const shifted = offset >= end ? offset + constant.length : offset;
  copy[shifted] = count >> 8;
  copy[shifted + 1] = count & 0xff;
  return copy;
}

type Pool = ReturnType<typeof readRawClassFile>['constantPool'];

/** The file offset of the name index of the Class constant naming `name`. */
function className(pool: Pool, name: string): number {
  const entry = pool.entries.find((e) => e !== null && e.kind === 'Class' && (pool.entries[e.nameIndex] as { value?: string }).value === name)!;
  return entry.offset + 1;
}

/** The file offset of the name (0) or descriptor (2) index of the NameAndType naming `name`. */
function nameAndType(pool: Pool, name: string, part: 0 | 2): number {
  const entry = pool.entries.find((e) => e !== null && e.kind === 'NameAndType' && (pool.entries[e.nameIndex] as { value?: string }).value === name)!;
  return entry.offset + 1 + part;
}

describe('verify: names and descriptors HotSpot refuses', () => {
  it.each<[string, string, string, (c: ReturnType<typeof readRawClassFile>) => number, RegExp | null]>([
    ['dotted class name', 'names/Counter', 'java.util.ArrayList', (c) => className(c.constantPool, 'java/util/ArrayList'), /^Illegal class name "java\.util\.ArrayList"/],
    ['class name with //', 'names/Counter', 'java//util/ArrayList', (c) => className(c.constantPool, 'java/util/ArrayList'), /^Illegal class name/],
    ['field descriptor without ;', 'names/Counter', 'Ljava/util/List', (c) => nameAndType(c.constantPool, 'items', 2), /^Field "items" in class names\/Counter has illegal signature/],
    ['<init> returning int', 'names/Counter', '(Ljava/lang/String;)I', (c) => nameAndType(c.constantPool, '<init>', 2), /^Method "<init>" in class names\/Counter has illegal signature/],
    ['method name with <', 'names/Counter', 'si<ze', (c) => nameAndType(c.constantPool, 'size', 0), /^Illegal method name "si<ze"/],
    ['<clinit> with a descriptor other than ()V', 'names/Counter', '<clinit>', (c) => nameAndType(c.constantPool, 'size', 0), /^(Bad method name at constant pool index \d+|Method "<clinit>" in class names\/Counter has illegal signature "\(\)I")/],
    ['array super class', 'names/Counter', '[Ljava/lang/Object;', (c) => className(c.constantPool, 'java/lang/Object'), /^Bad superclass name in class file names\/Counter$/],
    ['interface extending Number', 'names/Sized', 'java/lang/Number', (c) => className(c.constantPool, 'java/lang/Object'), /^Interfaces must have java\.lang\.Object as superclass/],
    // Legal: a method renamed to another legal name, a class name with characters Java forbids.
    ['legal method name', 'names/Counter', 'size$1', (c) => nameAndType(c.constantPool, 'size', 0), null],
    ['legal class name', 'names/Counter', 'java/util/Array-List', (c) => className(c.constantPool, 'java/util/ArrayList'), /^$/],
  ])('%s', async (_what, name, value, at, ourError) => {
    const compiled = await compileJava(SOURCES);
    const bytes = repointed(compiled.classes.get(name)!, value, at);
    const hotspot = await verifyClasses(new Map([[name, bytes]]), { timeout: 300_000 });
    const verifier = new ClassVerifier(new ChainedClassHierarchy([new MapClassHierarchy([bytes]), new ClassPath([], { jdk: javaHome() })]));
    const result = verifier.verify(bytes);
    const ours = result.errors.filter((e) => e.method === '<class>').map((e) => e.message);
    if (ourError === null) {
      expect(hotspot.failures).toEqual([]);
      expect(result.errors).toEqual([]);
    } else if (ourError.source === '^$') {
      // A legal name of a class that does not exist: no format error on either side.
      expect(hotspot.failures.every((f) => !f.error.startsWith('java.lang.ClassFormatError'))).toBe(true);
      expect(ours).toEqual([]);
    } else {
      expect(hotspot.failures).toHaveLength(1);
      expect(hotspot.failures[0]!.error).toMatch(/^java\.lang\.ClassFormatError/);
      expect(ours).toEqual([expect.stringMatching(ourError)]);
      // The same complaint as HotSpot's: its message holds ours, up to the class name's spelling.
      expect(hotspot.failures[0]!.error).toContain(ours[0]!.replace(/ in class( file)? .*/, ''));
    }
  }, 600_000);

  it('a version 48 class (older name rules) with a <init> reference returning int: refused by both', async () => {
    const compiled = await compileJava(SOURCES, { release: 8 });
    const old = stripFrames(compiled.classes.get('names/Counter')!, 48);
    const bytes = repointed(old, '()I', (c) => nameAndType(c.constantPool, '<init>', 2));
    const hotspot = await verifyClasses(new Map([['names/Counter', bytes]]), { timeout: 300_000 });
    expect(hotspot.failures).toHaveLength(1);
    expect(hotspot.failures[0]!.error).toMatch(/^java\.lang\.ClassFormatError: Method "<init>" in class names\/Counter has illegal signature "\(\)I"/);
    const verifier = new ClassVerifier(new ChainedClassHierarchy([new MapClassHierarchy([bytes]), new ClassPath([], { jdk: javaHome() })]));
    const ours = verifier.verify(bytes).errors.filter((e) => e.method === '<class>').map((e) => e.message);
    expect(ours).toEqual(['Method "<init>" in class names/Counter has illegal signature "()I"']);
  }, 600_000);
});
