// # Javassist's CodeIterator: walking a method's code[] opcode by opcode, and editing it
//
// `ca.iterator()`, then `while (it.hasNext()) { const index = it.next(); const op = it.byteAt(index); … }`
// — the loop tracing agents and enhancers use to find instructions (Javassist's tutorial, §5). The
// bytes are those of the class file (written-code.ts), or of the edits made so far.
//
// Editing works as Javassist's: insert/insertAt/insertEx put bytes before an instruction through a
// gap (code-edits.ts moves branch offsets, the exception table, line and local variable tables),
// write/writeByte/write16bit/write32bit overwrite, append adds at the end. Pool indexes in written
// bytes are those of the method's ConstPool (cp.addMethodrefInfo…, or Bytecode). The edited code is
// decoded into the method when the class is next written or read (pool-edits.ts flushPendingCode),
// with its stack map frames computed then.

import { CannotCompileException } from '../cannot-compile-exception.js';
import { nextOpcode } from './code-iterator-walk.js';
import { type EditableCode, insertGap } from './code-edits.js';
import type { ConstPool } from './const-pool.js';
import type { CodeAttribute } from './attributes.js';

const NEW = 187;
const INVOKESPECIAL = 183;

/** @internal What an iterator of a method's code needs besides the bytes. */
export interface CodeIteratorContext {
  /** Called after every change of the code (records the method as edited). */
  changed(): void;
  constPool(): ConstPool;
  /** The dotted name of the declaring class (skipSuperConstructor tells super() from this()). */
  className: string;
}

/** Javassist's CodeIterator.Gap: where insertGapAt put the gap, and its length (which may exceed the one asked). */
export interface Gap {
  position: number;
  length: number;
}

export class CodeIterator {
  private position = 0;
  private mark = 0;
  private mark2 = 0;

  /** @internal */
  constructor(
    private readonly edit: EditableCode,
    private readonly context: CodeIteratorContext | null = null,
    private readonly owner: CodeAttribute | null = null,
  ) {}

  private get code(): Uint8Array {
    return this.edit.code;
  }

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

  /** A second mark, moved by gaps as the first is. */
  setMark2(index: number): void {
    this.mark2 = index;
  }

  getMark2(): number {
    return this.mark2;
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

  /** The CodeAttribute this iterator walks (Javassist's get()). */
  get(): CodeAttribute {
    if (this.owner === null) throw new CannotCompileException('this CodeIterator has no CodeAttribute');
    return this.owner;
  }

  /** A copy of code[]. */
  getCode(): Uint8Array {
    return new Uint8Array(this.code);
  }

  /**
   * Moves to the instruction after the call of the super or this constructor of a constructor and
   * answers the call's index; -1 (and back to the start) when there is none (Javassist's
   * skipConstructor: the first invokespecial <init> not paired with a `new`).
   */
  skipConstructor(): number {
    return this.skipConstructorCall(-1);
  }

  /** As skipConstructor, for a super(…) call only; -1 when the constructor calls this(…). */
  skipSuperConstructor(): number {
    return this.skipConstructorCall(0);
  }

  /** As skipConstructor, for a this(…) call only. */
  skipThisConstructor(): number {
    return this.skipConstructorCall(1);
  }

  private skipConstructorCall(which: number): number {
    const context = this.requireContext('skipConstructor');
    const cp = context.constPool();
    this.begin();
    let nested = 0;
    while (this.hasNext()) {
      const index = this.next();
      const op = this.byteAt(index);
      if (op === NEW) nested++;
      else if (op === INVOKESPECIAL) {
        const ref = this.u16bitAt(index + 1);
        if (cp.getTag(ref) !== ConstPoolMethodref || cp.getMethodrefName(ref) !== '<init>') continue;
        if (--nested < 0) {
          if (which < 0) return index;
          if ((cp.getMethodrefClassName(ref) === context.className) === which > 0) return index;
          break;
        }
      }
    }
    this.begin();
    return -1;
  }

  // --- Editing (Javassist's CodeIterator) ---

  /** Overwrites code[] from `index` with `code`. */
  write(code: ArrayLike<number>, index: number): void {
    if (index < 0 || index + code.length > this.code.length) throw new RangeError(`write of ${code.length} bytes at ${index}: code is ${this.code.length} bytes`);
    for (let i = 0; i < code.length; i++) this.code[index + i] = code[i]! & 0xff;
    this.changed();
  }

  writeByte(value: number, index: number): void {
    this.write([value], index);
  }

  write16bit(value: number, index: number): void {
    this.write([value >>> 8, value], index);
  }

  write32bit(value: number, index: number): void {
    this.write([value >>> 24, value >>> 16, value >>> 8, value], index);
  }

  /** Inserts `code` before the instruction next() would return; branches to it now reach the inserted code. Its index. */
  insert(code: ArrayLike<number>): number;
  /** Inserts `code` before the instruction at `pos` (Javassist's insert(int, byte[])). */
  insert(pos: number, code: ArrayLike<number>): void;
  insert(first: ArrayLike<number> | number, second?: ArrayLike<number>): number | void {
    if (typeof first === 'number') {
      this.insertBytes(first, second!, false);
      return;
    }
    return this.insertBytes(this.position, first, false);
  }

  /** Inserts `code` before the instruction at `pos`; the index of the inserted code. */
  insertAt(pos: number, code: ArrayLike<number>): number {
    return this.insertBytes(pos, code, false);
  }

  /** As insert, but branches to that instruction and a block that starts there still go to it (exclusive). */
  insertEx(code: ArrayLike<number>): number;
  insertEx(pos: number, code: ArrayLike<number>): void;
  insertEx(first: ArrayLike<number> | number, second?: ArrayLike<number>): number | void {
    if (typeof first === 'number') {
      this.insertBytes(first, second!, true);
      return;
    }
    return this.insertBytes(this.position, first, true);
  }

  insertExAt(pos: number, code: ArrayLike<number>): number {
    return this.insertBytes(pos, code, true);
  }

  /** Inserts a gap of at least `length` nop bytes before the next instruction; the gap's index. */
  insertGap(length: number): number;
  /** Inserts a gap before the instruction at `pos`; the gap's length (Javassist's insertGap(int, int)). */
  insertGap(pos: number, length: number): number;
  insertGap(first: number, second?: number): number {
    if (second === undefined) return this.insertGapAt(this.position, first, false).position;
    return this.insertGapAt(first, second, false).length;
  }

  insertExGap(length: number): number;
  insertExGap(pos: number, length: number): number;
  insertExGap(first: number, second?: number): number {
    if (second === undefined) return this.insertGapAt(this.position, first, true).position;
    return this.insertGapAt(first, second, true).length;
  }

  /**
   * A gap of nops of at least `length` bytes before the instruction at `pos` (longer when a switch's
   * padding requires: a multiple of 4). The iterator's position and mark after `pos` move with it.
   */
  insertGapAt(pos: number, length: number, exclusive: boolean): Gap {
    const next = this.position;
    const gap = insertGap(this.edit, pos, length, exclusive);
    if (gap.length > 0) {
      // As Javassist: the next instruction at `pos` comes after the gap; the mark there, only for an exclusive gap.
      this.position = gap.relocate(next, false);
      this.mark = gap.relocate(this.mark, !exclusive);
      this.mark2 = gap.relocate(this.mark2, !exclusive);
      this.changed();
    }
    return { position: gap.position, length: gap.length };
  }

  /** Appends `code` at the end of code[]; its index. */
  append(code: ArrayLike<number>): number {
    const at = this.code.length;
    const grown = new Uint8Array(at + code.length);
    grown.set(this.code, 0);
    for (let i = 0; i < code.length; i++) grown[at + i] = code[i]! & 0xff;
    this.edit.code = grown;
    this.changed();
    return at;
  }

  /** Appends `length` nop bytes. */
  appendGap(length: number): void {
    this.append(new Uint8Array(length));
  }

  private insertBytes(pos: number, code: ArrayLike<number>, exclusive: boolean): number {
    if (code.length === 0) return pos;
    const gap = this.insertGapAt(pos, code.length, exclusive);
    for (let i = 0; i < code.length; i++) this.edit.code[gap.position + i] = code[i]! & 0xff;
    return gap.position;
  }

  private changed(): void {
    this.requireContext('editing').changed();
  }

  private requireContext(what: string): CodeIteratorContext {
    if (this.context === null) throw new CannotCompileException(`${what} needs a CodeIterator of a method's CodeAttribute`);
    return this.context;
  }

  private at(index: number): number {
    const value = this.code[index];
    if (value === undefined) throw new RangeError(`code index ${index} out of 0..${this.code.length - 1}`);
    return value;
  }
}

const ConstPoolMethodref = 10;
