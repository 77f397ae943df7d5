// # Reading a class for the inference verifier when some of its methods cannot be decoded
//
// The inference verifier works on a ClassNode, and ClassReader refuses a whole class when one
// instruction of one method cannot be turned into a node: a branch or switch offset outside the
// code, an instruction whose constant pool operand is of the wrong kind (getfield on a Methodref,
// ldc of a Utf8…). Such a class is well formed for HotSpot, whose format checker (JVMS §4.8) does
// not look at instruction operands: its old verifier (check_code.c, verify_opcode_operands) rejects
// the method with a VerifyError, "Illegal target of jump or branch", "Illegal type in constant
// pool", and goes on with the other methods. So we do the same: find the methods the reader cannot
// decode, report each as that method's verification error, and read the class with their code
// replaced by nops (same length, so every table offset stays in range) to verify the others.

import { ClassReader } from '../asm/class-reader.js';
import { ClassFormatError } from '../classfile/class-format-error.js';
import { type RawAttribute, type RawClassFile, readRawCode } from '../classfile/raw-class-file.js';
import { ClassNode } from '../tree/class-node.js';

export interface ReadForInference {
  /** The class, with the code of the undecodable methods replaced by nops. */
  readonly node: ClassNode;
  /** Why the reader refused each undecodable method, by name + descriptor. */
  readonly undecodable: ReadonlyMap<string, string>;
}

const NOP = 0x00;

function readNode(bytes: Uint8Array): ClassNode {
  const node = new ClassNode();
  new ClassReader(bytes).accept(node, ClassReader.SKIP_FRAMES);
  return node;
}

/** The code ranges (file offsets) of the methods of a class. */
function codeRanges(classFile: RawClassFile): { method: string; start: number; end: number }[] {
  const ranges: { method: string; start: number; end: number }[] = [];
  for (const member of classFile.methods) {
    const attribute = member.attributes.find((a: RawAttribute) => a.name === 'Code');
    if (attribute === undefined) continue;
    const code = readRawCode(attribute, classFile.constantPool);
    ranges.push({ method: member.name + member.descriptor, start: code.codeOffset, end: code.codeOffset + code.code.length });
  }
  return ranges;
}

/** A copy of `bytes` with the code of every range but `keep` filled with nops. */
function withCodeBlanked(bytes: Uint8Array, ranges: readonly { start: number; end: number }[], keep: (index: number) => boolean): Uint8Array {
  const copy = Uint8Array.from(bytes);
  ranges.forEach((range, index) => {
    if (!keep(index)) copy.fill(NOP, range.start, range.end);
  });
  return copy;
}

/** The reader's complaint in the words of HotSpot's old verifier, the reader's detail after them. */
function hotSpotMessage(detail: string): string {
  if (detail.startsWith('bytecode offset')) return `Illegal target of jump or branch: ${detail}`;
  if (detail.startsWith('constant pool index')) return `Illegal type in constant pool: ${detail}`;
  return detail;
}

/**
 * Reads `bytes` into a ClassNode for the inference verifier. Throws the reader's ClassFormatError
 * when the class cannot be read even with no code at all (the damage is not in an instruction).
 */
export function readForInference(bytes: Uint8Array, classFile: RawClassFile): ReadForInference {
  try {
    return { node: readNode(bytes), undecodable: new Map() };
  } catch (error) {
    if (!(error instanceof ClassFormatError)) throw error;
    const ranges = codeRanges(classFile);
    // Not an instruction's fault when the class cannot be read without any code either.
    readNode(withCodeBlanked(bytes, ranges, () => false));
    const undecodable = new Map<string, string>();
    ranges.forEach((range, index) => {
      try {
        readNode(withCodeBlanked(bytes, ranges, (other) => other === index));
      } catch (methodError) {
        if (!(methodError instanceof ClassFormatError)) throw methodError;
        undecodable.set(range.method, hotSpotMessage(methodError.message.replace(/^Malformed class file: /, '')));
      }
    });
    const readable = ranges.filter((range) => !undecodable.has(range.method));
    const kept = new Set(readable);
    return { node: readNode(withCodeBlanked(bytes, ranges, (index) => kept.has(ranges[index]!))), undecodable };
  }
}
