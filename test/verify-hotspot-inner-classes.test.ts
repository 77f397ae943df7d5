// InnerClasses entries HotSpot's class file parser refuses (JVMS §4.7.6), found by editing one
// entry of javac output: an entry whose outer class is the inner class itself, inner class flags
// that are illegal on a class (an interface that is not abstract, abstract and final). (An outer
// class that is an array, found the same way, is checked too.) HotSpot throws ClassFormatError; we never looked at the attribute and
// reported 0 errors. A legal edit (a nested class made public) stays valid on both sides.
// HotSpot's verdict is computed here (java -Xverify:all), not assumed.

import { describe, expect, it } from 'vitest';
import { ClassVerifier } from '../src/analysis/class-verifier.js';
import { ChainedClassHierarchy, MapClassHierarchy } from '../src/analysis/verification-hierarchy.js';
import { ClassPath } from '../src/classpath/class-path.js';
import { readRawClassFile } from '../src/classfile/raw-class-file.js';
import { compileJava } from '../src/testing/compile-java.js';
import { verifyClasses } from '../src/testing/verify-classes.js';
import { javaHome } from './support/corpus.js';

const NAME = 'nest/Outer';
const SOURCE = `
package nest;
public class Outer {
  static class Box { int value; }
  interface Api { void run(); }
  static int read(Box box) { return box.value; }
}`;

const ACC_PUBLIC = 0x0001;
const ACC_FINAL = 0x0010;
const ACC_ABSTRACT = 0x0400;

type Edit = { flags: number } | { outerIsInner: true };

/** Outer.class with the InnerClasses entry of `inner` edited. */
function edited(bytes: Uint8Array, inner: string, edit: Edit): Uint8Array {
  const copy = Uint8Array.from(bytes);
  const classFile = readRawClassFile(copy);
  const attribute = classFile.attributes.find((a) => a.name === 'InnerClasses')!;
  const pool = classFile.constantPool.entries;
  const nameOf = (index: number): string | undefined => {
    const entry = pool[index];
    return entry?.kind === 'Class' ? (pool[entry.nameIndex] as { value: string }).value : undefined;
  };
  const count = (attribute.info[0]! << 8) | attribute.info[1]!;
  let at = -1;
  for (let i = 0; i < count; i++) {
    const p = attribute.offset + 6 + 2 + 8 * i;
    if (nameOf((copy[p]! << 8) | copy[p + 1]!) === inner) at = p;
  }
  expect(at).toBeGreaterThan(0);
  if ('flags' in edit) {
    const flags = ((copy[at + 6]! << 8) | copy[at + 7]!) ^ edit.flags;
    copy[at + 6] = flags >> 8;
    copy[at + 7] = flags & 0xff;
  } else {
    copy[at + 2] = copy[at]!;
    copy[at + 3] = copy[at + 1]!;
  }
  return copy;
}

describe('verify: InnerClasses entries HotSpot refuses', () => {
  it.each<[string, string, Edit, RegExp | null]>([
    ['outer class = inner class', 'nest/Outer$Box', { outerIsInner: true }, /^<class>: Class is both outer and inner class in class file nest\/Outer$/],
    ['interface not abstract', 'nest/Outer$Api', { flags: ACC_ABSTRACT }, /^<class>: Illegal class modifiers in class nest\/Outer: 0x208$/],
    ['abstract final class', 'nest/Outer$Box', { flags: ACC_ABSTRACT | ACC_FINAL }, /^<class>: Illegal class modifiers in class nest\/Outer: 0x418$/],
    ['nested class made public', 'nest/Outer$Box', { flags: ACC_PUBLIC }, null],
  ])('%s', async (_what, inner, edit, ourError) => {
    const compiled = await compileJava({ 'nest/Outer.java': SOURCE });
    const bytes = edited(compiled.classes.get(NAME)!, inner, edit);
    const hotspot = await verifyClasses(new Map([[NAME, bytes]]), { classPath: [compiled.dir], timeout: 300_000 });
    const verifier = new ClassVerifier(new ChainedClassHierarchy([new MapClassHierarchy([bytes]), new ClassPath([compiled.dir], { jdk: javaHome() })]));
    const ours = verifier.verify(bytes).errors.map((e) => `${e.method}: ${e.message}`);
    if (ourError === null) {
      expect(hotspot.failures).toEqual([]);
      expect(ours).toEqual([]);
    } else {
      expect(hotspot.failures).toHaveLength(1);
      expect(hotspot.failures[0]!.error).toMatch(/^java\.lang\.ClassFormatError/);
      expect(ours).toEqual([expect.stringMatching(ourError)]);
      expect(hotspot.failures[0]!.error).toContain(ours[0]!.replace(/^<class>: /, ''));
    }
  }, 600_000);
});
