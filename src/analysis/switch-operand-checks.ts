// # The operand checks of HotSpot's old verifier on tableswitch and lookupswitch
//
// Classes before version 50, and version 50 classes whose type check fails over, are verified by
// HotSpot's old verifier (check_code.c), whose verify_opcode_operands rejects, besides what the
// instruction decoding already refuses:
// - a padding byte that is not zero, for class files before version 51 ("Non zero padding bytes in
//   switch"; JVMS §6.5 tableswitch/lookupswitch: "zero to three bytes … must be zero" until Java 7
//   relaxed it);
// - a lookupswitch whose match values are not sorted in increasing order ("Unsorted lookup switch",
//   JVMS §6.5 lookupswitch).
// HotSpot's type checker (verifier.cpp, verify_switch) checks the padding of version 50 classes too
// ("Nonzero padding byte in lookupswitch or tableswitch"), which our TypeChecker, knowing no class
// version, leaves to switchPaddingError. ClassReader forgets both (the padding, and the order of the pairs it turns into label lists), so
// the inference verifier, which works on what the reader made, checks the raw code with this first.

import { instructionLength, type TypeCheckError } from './type-checker.js';

/** The first class file version whose switch padding may hold any value (Java 7). */
const NONZERO_PADDING_VERSION = 51;
const TABLESWITCH = 0xaa;
const LOOKUPSWITCH = 0xab;

function s4(code: Uint8Array, offset: number): number {
  return (code[offset]! << 24) | (code[offset + 1]! << 16) | (code[offset + 2]! << 8) | code[offset + 3]!;
}

/** The first switch of `code` with a padding byte that is not zero, before version 51; null when none. */
export function switchPaddingError(code: Uint8Array, majorVersion: number): TypeCheckError | null {
  if (majorVersion >= NONZERO_PADDING_VERSION) return null;
  for (let offset = 0; offset < code.length; ) {
    const size = instructionLength(code, offset);
    if (size <= 0) return null; // a bad instruction: the type checker reports it where it is
    const opcode = code[offset]!;
    if (opcode === TABLESWITCH || opcode === LOOKUPSWITCH) {
      for (let padding = offset + 1; padding < ((offset + 4) & ~3); padding++) {
        if (code[padding] !== 0) return { offset, message: 'Nonzero padding byte in lookupswitch or tableswitch' };
      }
    }
    offset += size;
  }
  return null;
}

/** The first switch of `code` HotSpot's old verifier refuses, with its message; null when none. */
export function switchOperandError(code: Uint8Array, majorVersion: number): TypeCheckError | null {
  for (let offset = 0; offset < code.length; ) {
    const size = instructionLength(code, offset);
    if (size <= 0) return null; // a bad instruction: the analysis reports it where it is
    const opcode = code[offset]!;
    if (opcode === TABLESWITCH || opcode === LOOKUPSWITCH) {
      const operands = (offset + 4) & ~3;
      if (majorVersion < NONZERO_PADDING_VERSION) {
        for (let padding = offset + 1; padding < operands; padding++) {
          if (code[padding] !== 0) return { offset, message: 'Non zero padding bytes in switch' };
        }
      }
      if (opcode === LOOKUPSWITCH) {
        const pairs = s4(code, operands + 4);
        for (let i = 1; i < pairs; i++) {
          if (s4(code, operands + 8 + i * 8) <= s4(code, operands + i * 8)) return { offset, message: 'Unsorted lookup switch' };
        }
      }
    }
    offset += size;
  }
  return null;
}
