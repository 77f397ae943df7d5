// The inference verifier (version 49 classes, and version 50 ones whose type check fails over) on a
// method with an instruction our ClassReader cannot decode: a branch out of the code, getfield
// turned into invokespecial on the same Fieldref. HotSpot's format checker does not look at
// instruction operands, so the class loads and its old verifier rejects that one method with a
// VerifyError. We threw a ClassFormatError for the whole class instead ("malformed class", the
// other methods never verified). Now: a verification error on that method, the other methods
// verified as usual. HotSpot's verdict is computed here (java -Xverify:all), not assumed.

import { describe, expect, it } from 'vitest';
import { ClassVerifier } from '../src/analysis/class-verifier.js';
import { ChainedClassHierarchy, MapClassHierarchy } from '../src/analysis/verification-hierarchy.js';
import { ClassPath } from '../src/classpath/class-path.js';
import { readRawClassFile, readRawCode } from '../src/classfile/raw-class-file.js';
import { compileJava } from '../src/testing/compile-java.js';
import { verifyClasses } from '../src/testing/verify-classes.js';
import { instructionLength } from '../src/analysis/type-checker.js';
import { stripFrames } from './support/class-versions.js';
import { javaHome } from './support/corpus.js';

const SOURCE = `
package undecodable;
public class Holder {
  int value;
  int read() { return value; }
  static int clamp(int x) { if (x > 10) return 10; return x; }
  static int twice(int x) { return x * 2; }
}`;

const GETFIELD = 0xb4;
const INVOKESPECIAL = 0xb7;
const IF_ICMPLE = 0xa4;

/** The file offset of the first instruction with `opcode` in method `name`, and of its code. */
function instructionAt(bytes: Uint8Array, name: string, opcode: number): { at: number; codeOffset: number; codeLength: number } {
  const classFile = readRawClassFile(bytes);
  const member = classFile.methods.find((m) => m.name === name)!;
  const code = readRawCode(member.attributes.find((a) => a.name === 'Code')!, classFile.constantPool);
  for (let offset = 0; offset < code.code.length; offset += instructionLength(code.code, offset)) {
    if (code.code[offset] === opcode) return { at: code.codeOffset + offset, codeOffset: code.codeOffset, codeLength: code.code.length };
  }
  throw new Error(`no opcode ${opcode} in ${name}`);
}

/** `read` calls invokespecial on a Fieldref; `clamp`'s branch jumps 0x7000 bytes ahead; `twice` is intact. */
function broken(bytes: Uint8Array): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[instructionAt(copy, 'read', GETFIELD).at] = INVOKESPECIAL;
  const branch = instructionAt(copy, 'clamp', IF_ICMPLE).at;
  copy[branch + 1] = 0x70;
  return copy;
}

describe('verify: an instruction the reader cannot decode, verified by inference', () => {
  it.each([49, 50])('version %i: a VerifyError on that method, as HotSpot, not a malformed class', async (version) => {
    const compiled = await compileJava({ 'undecodable/Holder.java': SOURCE }, { release: 8 });
    const original = compiled.classes.get('undecodable/Holder')!;
    // Version 50 keeps its frames (the type check fails, then the failover verifies by inference).
    const base = version === 49 ? stripFrames(original, 49) : Uint8Array.from(original);
    if (version === 50) base[7] = 50;
    const mutant = broken(base);

    const hotspot = await verifyClasses(new Map([['undecodable/Holder', mutant]]), { timeout: 300_000 });
    expect(hotspot.failures).toHaveLength(1);
    expect(hotspot.failures[0]!.error).toMatch(/^java\.lang\.VerifyError/);

    const verifier = new ClassVerifier(new ChainedClassHierarchy([new MapClassHierarchy([mutant]), new ClassPath([], { jdk: javaHome() })]));
    const result = verifier.verify(mutant);
    expect(result.methods).toBe(4);
    expect(result.errors.map((e) => [e.method, e.message.replace(/:.*/, '')]).sort()).toEqual([
      ['clamp(I)I', 'Illegal target of jump or branch'],
      ['read()I', 'Illegal type in constant pool'],
    ]);

    // Unbroken, both accept it.
    const intact = await verifyClasses(new Map([['undecodable/Holder', base]]), { timeout: 300_000 });
    expect(intact.failures).toEqual([]);
    expect(verifier.verify(base).errors).toEqual([]);
  }, 600_000);
});
