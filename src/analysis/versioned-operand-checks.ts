// # Instruction operands a class file version does not allow
//
// Both of HotSpot's verifiers check the kind of the constant an instruction names against what the
// class's version allows (verifier.cpp verify_invoke_instructions / verify_ldc, check_code.c
// verify_opcode_operands), and refuse with a VerifyError ("Illegal type at constant pool entry",
// "Illegal type in constant pool"):
// - invokestatic or invokespecial of a CONSTANT_InterfaceMethodref before version 52 (JVMS §6.5:
//   static and private interface methods came with Java 8);
// - ldc or ldc_w of a CONSTANT_Class before version 49 (class literals came with Java 5).
// The kinds themselves are legal, so ClassReader takes them; a tool that lowers a class's version
// makes these. Checked on the raw code before the type checker or the inference analysis.

import type { ConstantPool } from '../classfile/constant-pool.js';
import { instructionLength, type TypeCheckError } from './type-checker.js';

const INVOKESPECIAL = 0xb7;
const INVOKESTATIC = 0xb8;
const LDC = 0x12;
const LDC_W = 0x13;
const JAVA_1_5 = 49;
const JAVA_8 = 52;

/** The first instruction of `code` naming a constant its class's version does not allow, or null. */
export function versionedOperandError(code: Uint8Array, pool: ConstantPool, majorVersion: number): TypeCheckError | null {
  if (majorVersion >= JAVA_8) return null;
  for (let offset = 0; offset < code.length; ) {
    const size = instructionLength(code, offset);
    if (size <= 0) return null; // a bad instruction: the verifier reports it where it is
    const opcode = code[offset]!;
    if (opcode === INVOKESPECIAL || opcode === INVOKESTATIC) {
      const index = (code[offset + 1]! << 8) | code[offset + 2]!;
      if (pool.entries[index]?.kind === 'InterfaceMethodref') return { offset, message: `Illegal type at constant pool entry ${index}` };
    } else if ((opcode === LDC || opcode === LDC_W) && majorVersion < JAVA_1_5) {
      const index = opcode === LDC ? code[offset + 1]! : (code[offset + 1]! << 8) | code[offset + 2]!;
      if (pool.entries[index]?.kind === 'Class') return { offset, message: 'Illegal type in constant pool' };
    }
    offset += size;
  }
  return null;
}
