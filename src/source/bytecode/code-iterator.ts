// # Javassist's CodeIterator, read-only: walking a method's code[] opcode by opcode
//
// `ca.iterator()`, then `while (it.hasNext()) { const index = it.next(); const op = it.byteAt(index); … }`
// — the loop tracing agents and enhancers use to find instructions (Javassist's tutorial, §5). The
// bytes are those of the class file (written-code.ts). What changes code (insertAt, writeByte,
// insertGap…) is not offered: edit through the tree or snippets instead.

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

export class CodeIterator {
  private position = 0;
  private mark = 0;

  /** @internal */
  constructor(private readonly code: Uint8Array) {}

  /** Back to the first instruction. */
  begin(): void {
    this.position = 0;
  }

  /** The next call of next() returns `index` (which must start an instruction). */
  move(index: number): void {
    this.position = index;
  }

  setMark(index: number): void {
    this.mark = index;
  }

  getMark(): number {
    return this.mark;
  }

  getCodeLength(): number {
    return this.code.length;
  }

  hasNext(): boolean {
    return this.position < this.code.length;
  }

  /** The index of the next instruction, and moves past it (Javassist's next()). */
  next(): number {
    const index = this.position;
    this.position = nextOpcode(this.code, index);
    return index;
  }

  /** The index of the instruction next() would return, without moving. */
  lookAhead(): number {
    return this.position;
  }

  /** The unsigned byte at `index`. */
  byteAt(index: number): number {
    return this.at(index);
  }

  signedByteAt(index: number): number {
    return (this.at(index) << 24) >> 24;
  }

  /** The unsigned 16-bit big-endian value at `index` (a constant pool index, a local slot after wide). */
  u16bitAt(index: number): number {
    return (this.at(index) << 8) | this.at(index + 1);
  }

  /** The signed 16-bit value at `index` (a branch offset). */
  s16bitAt(index: number): number {
    return (this.u16bitAt(index) << 16) >> 16;
  }

  /** The signed 32-bit value at `index` (goto_w, switch tables). */
  s32bitAt(index: number): number {
    return (this.at(index) << 24) | (this.at(index + 1) << 16) | (this.at(index + 2) << 8) | this.at(index + 3);
  }

  /** A copy of code[]. */
  getCode(): Uint8Array {
    return new Uint8Array(this.code);
  }

  private at(index: number): number {
    const value = this.code[index];
    if (value === undefined) throw new RangeError(`code index ${index} out of 0..${this.code.length - 1}`);
    return value;
  }
}

/**
 * The index after the instruction at `index` (Javassist's CodeIterator.nextOpcode): switches are
 * padded to a 4-byte boundary from the start of code[] (JVMS §6.5 tableswitch, lookupswitch), wide
 * takes 4 bytes, or 6 before iinc.
 */
function nextOpcode(code: Uint8Array, index: number): number {
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
