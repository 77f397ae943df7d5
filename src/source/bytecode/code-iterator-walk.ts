// # Walking code[]: the length of each instruction (JVMS §6.5)

import { CannotCompileException } from '../cannot-compile-exception.js';

const TABLESWITCH = 170;
const LOOKUPSWITCH = 171;
const WIDE = 196;
const IINC = 132;

/** Instruction lengths by opcode (JVMS §6.5); 0 for the variable-length switches and wide. */
const LENGTHS: readonly number[] = (() => {
  const lengths = new Array<number>(202).fill(1);
  const set = (length: number, ...ops: number[]): void => ops.forEach((op) => (lengths[op] = length));
  set(2, 16, 18, 21, 22, 23, 24, 25, 54, 55, 56, 57, 58, 169, 188); // bipush, ldc, loads, stores, ret, newarray
  set(3, 17, 19, 20, 132, 178, 179, 180, 181, 182, 183, 184, 187, 189, 192, 193, 198, 199); // sipush, ldc_w, ldc2_w, iinc, fields, invokes, new, anewarray, checkcast, instanceof, ifnull
  for (let op = 153; op <= 168; op++) lengths[op] = 3; // if<cond>, if_icmp, if_acmp, goto, jsr
  set(5, 185, 186, 200, 201); // invokeinterface, invokedynamic, goto_w, jsr_w
  set(4, 197); // multianewarray
  set(0, TABLESWITCH, LOOKUPSWITCH, WIDE);
  return lengths;
})();

/**
 * The index after the instruction at `index` (Javassist's CodeIterator.nextOpcode): switches are
 * padded to a 4-byte boundary from the start of code[] (JVMS §6.5 tableswitch, lookupswitch), wide
 * takes 4 bytes, or 6 before iinc.
 */
export function nextOpcode(code: Uint8Array, index: number): number {
  const op = code[index]!;
  const length = LENGTHS[op];
  if (length === undefined) throw new CannotCompileException(`bad bytecode: opcode ${op} at ${index}`);
  if (length > 0) return index + length;
  const s32 = (at: number): number => (code[at]! << 24) | (code[at + 1]! << 16) | (code[at + 2]! << 8) | code[at + 3]!;
  if (op === WIDE) return index + (code[index + 1] === IINC ? 6 : 4);
  // After the opcode, 0-3 bytes of padding up to a multiple of 4 from the start of code[], then the default offset.
  const defaultAt = (index & ~3) + 4;
  if (op === TABLESWITCH) {
    const low = s32(defaultAt + 4);
    const high = s32(defaultAt + 8);
    return defaultAt + 12 + 4 * (high - low + 1);
  }
  return defaultAt + 8 + 8 * s32(defaultAt + 4); // lookupswitch: npairs, then (match, offset) pairs
}
