// A lookupswitch with its match values out of order, or a switch with a padding byte that is not
// zero, in classes HotSpot verifies with its old verifier (version 49, and version 50 when the type
// check fails over). HotSpot rejects both ("Unsorted lookup switch", "Non zero padding bytes in
// switch"; the padding only before version 51); our inference verifier works on ClassReader's
// nodes, which keep neither, and accepted them, and our type checker let the padding of a version
// 50 class through. HotSpot's verdict is computed here (java -Xverify:all), not assumed.

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

const NAME = 'switches/Sparse';
const SOURCE = `
package switches;
public class Sparse {
  static int pick(int k) { switch (k) { case -100: return 1; case 0: return 2; case 5000: return 3; default: return 0; } }
}`;
const LOOKUPSWITCH = 0xab;

type Edit = 'unsorted' | 'padding' | 'none';

/** `bytes` with `pick`'s lookupswitch edited: its first two pairs swapped, or a padding byte set. */
function edited(bytes: Uint8Array, edit: Edit): Uint8Array {
  const copy = Uint8Array.from(bytes);
  const classFile = readRawClassFile(copy);
  const member = classFile.methods.find((m) => m.name === 'pick')!;
  const code = readRawCode(member.attributes.find((a) => a.name === 'Code')!, classFile.constantPool);
  let offset = 0;
  while (code.code[offset] !== LOOKUPSWITCH) offset += instructionLength(code.code, offset);
  const operands = (offset + 4) & ~3;
  expect(operands - offset - 1).toBeGreaterThan(0); // javac put it where it has padding
  if (edit === 'padding') copy[code.codeOffset + offset + 1] = 0x5a;
  if (edit === 'unsorted') {
    const firstPair = code.codeOffset + operands + 8;
    const pair = copy.slice(firstPair, firstPair + 8);
    copy.copyWithin(firstPair, firstPair + 8, firstPair + 16);
    copy.set(pair, firstPair + 8);
  }
  return copy;
}

async function verdicts(bytes: Uint8Array): Promise<{ hotspot: string[]; ours: string[] }> {
  const hotspot = await verifyClasses(new Map([[NAME, bytes]]), { timeout: 300_000 });
  const verifier = new ClassVerifier(new ChainedClassHierarchy([new MapClassHierarchy([bytes]), new ClassPath([], { jdk: javaHome() })]));
  return { hotspot: hotspot.failures.map((f) => f.error), ours: verifier.verify(bytes).errors.map((e) => `${e.method} @${e.offset}: ${e.message}`) };
}

async function compiled(version: number): Promise<Uint8Array> {
  const classes = await compileJava({ 'switches/Sparse.java': SOURCE }, { release: 8 });
  const original = classes.classes.get(NAME)!;
  if (version === 49) return stripFrames(original, 49);
  const copy = Uint8Array.from(original);
  copy[7] = version; // 50 keeps the StackMapTable: type checked, then failed over
  return copy;
}

describe('verify: switch operands HotSpot checks', () => {
  it.each<[number, Edit, RegExp | null]>([
    [49, 'unsorted', /^pick\(I\)I @1: Unsorted lookup switch$/],
    [49, 'padding', /^pick\(I\)I @1: Non zero padding bytes in switch$/],
    [50, 'unsorted', /^pick\(I\)I @1: Unsorted lookup switch$/],
    [50, 'padding', /^pick\(I\)I @1: Non zero padding bytes in switch$/],
    [52, 'padding', null], // any padding from version 51 (JVMS §6.5 lookupswitch)
    [49, 'none', null],
    [50, 'none', null],
  ])('version %i, %s: same verdict as HotSpot', async (version, edit, ourError) => {
    const { hotspot, ours } = await verdicts(edited(await compiled(version), edit));
    if (ourError === null) {
      expect(hotspot).toEqual([]);
      expect(ours).toEqual([]);
    } else {
      expect(hotspot).toHaveLength(1);
      expect(hotspot[0]).toMatch(/^java\.lang\.VerifyError/);
      expect(ours).toHaveLength(1);
      expect(ours[0]).toMatch(ourError);
    }
  }, 600_000);
});
