// invokeinterface with a count that does not match its descriptor, or a fourth byte that is not
// zero, in classes HotSpot verifies with its old verifier (version 49, and version 50 after the
// type check fails over; found on Debian's commons-collections3, a version 50 jar). HotSpot
// rejects both; our inference verifier works on ClassReader's nodes, which drop both bytes, and
// accepted them. HotSpot's verdict is computed here (java -Xverify:all), not assumed.

import { describe, expect, it } from 'vitest';
import { ClassVerifier } from '../src/analysis/class-verifier.js';
import { ChainedClassHierarchy, MapClassHierarchy } from '../src/analysis/verification-hierarchy.js';
import { instructionLength } from '../src/analysis/type-checker.js';
import { ClassPath } from '../src/classpath/class-path.js';
import { readRawClassFile, readRawCode } from '../src/classfile/raw-class-file.js';
import { compileJava } from '../src/testing/compile-java.js';
import { verifyClasses } from '../src/testing/verify-classes.js';
import { stripFrames } from './support/class-versions.js';
import { javaHome } from './support/corpus.js';

const NAME = 'calls/Adder';
const SOURCE = `
package calls;
import java.util.List;
public class Adder {
  static boolean add(List<Object> list, Object item) { return list.add(item); }
}`;
const INVOKEINTERFACE = 0xb9;

type Edit = 'count' | 'zero byte' | 'none';

function edited(bytes: Uint8Array, edit: Edit): Uint8Array {
  const copy = Uint8Array.from(bytes);
  const classFile = readRawClassFile(copy);
  const member = classFile.methods.find((m) => m.name === 'add')!;
  const code = readRawCode(member.attributes.find((a) => a.name === 'Code')!, classFile.constantPool);
  let offset = 0;
  while (code.code[offset] !== INVOKEINTERFACE) offset += instructionLength(code.code, offset);
  expect(code.code[offset + 3]).toBe(2); // List.add(Object): the receiver and one word
  if (edit === 'count') copy[code.codeOffset + offset + 3] = 3;
  if (edit === 'zero byte') copy[code.codeOffset + offset + 4] = 1;
  return copy;
}

describe('verify: invokeinterface operands, by inference', () => {
  it.each<[number, Edit]>([
    [49, 'count'],
    [49, 'zero byte'],
    [50, 'count'],
    [50, 'zero byte'],
    [49, 'none'],
    [50, 'none'],
  ])('version %i, %s: same verdict as HotSpot', async (version, edit) => {
    const compiled = await compileJava({ 'calls/Adder.java': SOURCE }, { release: 8 });
    const original = compiled.classes.get(NAME)!;
    let base: Uint8Array;
    if (version === 49) base = stripFrames(original, 49);
    else {
      base = Uint8Array.from(original);
      base[7] = 50;
    }
    const bytes = edited(base, edit);
    const hotspot = await verifyClasses(new Map([[NAME, bytes]]), { timeout: 300_000 });
    const verifier = new ClassVerifier(new ChainedClassHierarchy([new MapClassHierarchy([bytes]), new ClassPath([], { jdk: javaHome() })]));
    const ours = verifier.verify(bytes).errors.map((e) => `${e.method} @${e.offset}: ${e.message}`);
    if (edit === 'none') {
      expect(hotspot.failures).toEqual([]);
      expect(ours).toEqual([]);
    } else {
      expect(hotspot.failures).toHaveLength(1);
      expect(hotspot.failures[0]!.error).toMatch(/^java\.lang\.VerifyError: .*invokeinterface/);
      expect(ours).toEqual([
        edit === 'count'
          ? 'add(Ljava/util/List;Ljava/lang/Object;)Z @2: Inconsistent args_size for invokeinterface'
          : 'add(Ljava/util/List;Ljava/lang/Object;)Z @2: Fourth operand byte of invokeinterface must be zero',
      ]);
    }
  }, 600_000);
});
