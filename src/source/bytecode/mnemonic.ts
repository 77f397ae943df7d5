// # Javassist's Mnemonic.OPCODE and Opcode constants
//
// Mnemonic.OPCODE[op] is the lower-case name of opcode `op` (JVMS §6.5), 0 (nop) to 201 (jsr_w),
// as Javassist's table; Opcode.NAME is its number, for every name including the one-byte forms
// (ILOAD_0, ALOAD_3…) ASM's Opcodes leave out.

import { Printer } from '../../util/printer.js';

const OPCODE_NAMES: readonly string[] = [...Printer.OPCODES.map((name) => name.toLowerCase()), 'goto_w', 'jsr_w'];

export const Mnemonic = {
  OPCODE: OPCODE_NAMES,
} as const;

export const Opcode: Readonly<Record<string, number>> = Object.freeze(Object.fromEntries(OPCODE_NAMES.map((name, op) => [name.toUpperCase(), op])));
