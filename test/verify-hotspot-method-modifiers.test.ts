// Methods whose access flags or Code attribute HotSpot's class file parser refuses (JVMS §4.6,
// §4.7.3), found by flipping one access flag of a javac-compiled method: abstract or native with
// its code kept, a final or synchronized constructor, public and private together, an abstract
// static method, a private abstract interface method, a <clinit> that is not static. HotSpot throws
// ClassFormatError; each method's code alone verifies, so we reported 0 errors. Legal flips
// (synchronized, final, strict on an ordinary method; static on <clinit>'s neighbours…) stay valid
// on both sides. HotSpot's verdict is computed here (java -Xverify:all), not assumed.

import { describe, expect, it } from 'vitest';
import { ClassVerifier } from '../src/analysis/class-verifier.js';
import { ChainedClassHierarchy, MapClassHierarchy } from '../src/analysis/verification-hierarchy.js';
import { ClassPath } from '../src/classpath/class-path.js';
import { readRawClassFile } from '../src/classfile/raw-class-file.js';
import { compileJava } from '../src/testing/compile-java.js';
import { verifyClasses } from '../src/testing/verify-classes.js';
import { javaHome } from './support/corpus.js';

const SOURCES = {
  'flags/Plain.java': `
package flags;
public class Plain {
  static int counter = Integer.getInteger("x", 1);
  public Plain() { }
  public int next() { return counter++; }
  static int twice(int x) { return 2 * x; }
}`,
  'flags/Api.java': `
package flags;
public interface Api {
  int size();
  default boolean isEmpty() { return size() == 0; }
  private int half() { return size() / 2; }
}`,
};

/** The class `name` with `flags` xor-ed into method `method`'s access flags. */
function withFlags(bytes: Uint8Array, method: string, flags: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  const member = readRawClassFile(copy).methods.find((m) => m.name === method)!;
  const access = ((copy[member.offset]! << 8) | copy[member.offset + 1]!) ^ flags;
  copy[member.offset] = access >> 8;
  copy[member.offset + 1] = access & 0xff;
  return copy;
}

const PUBLIC = 0x0001;
const PRIVATE = 0x0002;
const STATIC = 0x0008;
const FINAL = 0x0010;
const SYNCHRONIZED = 0x0020;
const NATIVE = 0x0100;
const ABSTRACT = 0x0400;
const STRICT = 0x0800;

describe('verify: method flags HotSpot refuses', () => {
  it.each<[string, string, number, RegExp | null]>([
    ['flags/Plain', 'next', ABSTRACT, /^next\(\)I: Code attribute in native or abstract methods in class file flags\/Plain$/],
    ['flags/Plain', 'twice', NATIVE, /^twice\(I\)I: Code attribute in native or abstract methods/],
    ['flags/Plain', '<init>', FINAL, /^<init>\(\)V: Method <init> in class flags\/Plain has illegal modifiers: 0x11$/],
    ['flags/Plain', '<init>', SYNCHRONIZED, /^<init>\(\)V: Method <init> in class flags\/Plain has illegal modifiers: 0x21$/],
    ['flags/Plain', 'next', PRIVATE, /^next\(\)I: Method next in class flags\/Plain has illegal modifiers: 0x3$/],
    ['flags/Plain', '<clinit>', STATIC, /^<clinit>\(\)V: Method <clinit> is not static in class file flags\/Plain$/],
    ['flags/Api', 'size', STATIC, /^size\(\)I: Method size in class flags\/Api has illegal modifiers: 0x409$/],
    ['flags/Api', 'half', ABSTRACT, /^half\(\)I: Method half in class flags\/Api has illegal modifiers: 0x402$/],
    ['flags/Api', 'isEmpty', PUBLIC, /^isEmpty\(\)Z: Method isEmpty in class flags\/Api has illegal modifiers: 0x0$/],
    // Legal: the verdicts must stay "valid".
    ['flags/Plain', 'next', SYNCHRONIZED | FINAL | STRICT, null],
    ['flags/Plain', 'twice', PRIVATE, null],
    ['flags/Plain', '<clinit>', PUBLIC | FINAL, null],
    ['flags/Api', 'size', STRICT, null], // abstract strict is legal from version 61
  ])('%s.%s, flags ^ %d', async (name, method, flags, ourError) => {
    const compiled = await compileJava(SOURCES);
    const bytes = withFlags(compiled.classes.get(name)!, method, flags);
    // The other class of the pair is on the class path unchanged (Plain does not need Api).
    const hotspot = await verifyClasses(new Map([[name, bytes]]), { timeout: 300_000 });
    const verifier = new ClassVerifier(new ChainedClassHierarchy([new MapClassHierarchy([bytes]), new ClassPath([], { jdk: javaHome() })]));
    const ours = verifier.verify(bytes).errors.map((e) => `${e.method}: ${e.message}`);
    if (ourError === null) {
      expect(hotspot.failures).toEqual([]);
      expect(ours).toEqual([]);
    } else {
      expect(hotspot.failures).toHaveLength(1);
      expect(hotspot.failures[0]!.error).toMatch(/^java\.lang\.ClassFormatError/);
      // The flags' error; the code may fail too (a <clinit> that is not static is checked as an instance method).
      expect(ours).toContainEqual(expect.stringMatching(ourError));
      expect(ours.every((error) => error.startsWith(`${method}(`))).toBe(true);
    }
  }, 600_000);
});
