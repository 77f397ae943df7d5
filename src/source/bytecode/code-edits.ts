// # A method's code as bytes being edited: the gap that keeps offsets right, and back into the tree
//
// Javassist's CodeIterator edits code[] in place; what points into it must follow when it grows
// (JVMS §4.7.3): branch offsets (§6.5 if<cond>, goto, jsr, goto_w, tableswitch, lookupswitch), the
// exception table, LineNumberTable (§4.7.12), LocalVariableTable and LocalVariableTypeTable
// (§4.7.13-14). insertGap moves them as Javassist's CodeIterator.insertGapCore0 does, exclusive or
// not (an exclusive gap is outside the block that starts at `where`). StackMapTable is not kept: the
// code is decoded back into the method's tree (decodeInto) and the class is written with its frames
// computed, which is what MethodInfo.rebuildStackMapIf6 does in Javassist.

import { ClassReader } from '../../asm/class-reader.js';
import type { RawCode } from '../../classfile/raw-class-file.js';
import { ClassNode } from '../../tree/class-node.js';
import type { MethodNode } from '../../tree/method-node.js';
import { CannotCompileException } from '../cannot-compile-exception.js';
import { nextOpcode } from './code-iterator-walk.js';
import { type PoolEdits, utf8EntryBytes } from './pool-edits.js';
import { insertWideGap } from './wide-gap.js';

export interface EditableHandler {
  startPc: number;
  endPc: number;
  handlerPc: number;
  /** Constant pool index of the caught class; 0 catches all. */
  catchType: number;
}

export interface EditableLocal {
  startPc: number;
  length: number;
  nameIndex: number;
  descriptorIndex: number;
  index: number;
}

/** code[] and what points into it, in the class's (frozen) constant pool index space. */
export interface EditableCode {
  code: Uint8Array;
  maxStack: number;
  maxLocals: number;
  exceptionTable: EditableHandler[];
  lineNumbers: { startPc: number; line: number }[];
  localVariables: EditableLocal[];
  localVariableTypes: EditableLocal[];
}

/** An editable copy of a Code attribute read from the class file. */
export function editableCode(raw: RawCode): EditableCode {
  const u2 = (info: Uint8Array, at: number): number => (info[at]! << 8) | info[at + 1]!;
  const locals = (name: string): EditableLocal[] =>
    raw.attributes
      .filter((attribute) => attribute.name === name)
      .flatMap((attribute) =>
        Array.from({ length: u2(attribute.info, 0) }, (_, i) => {
          const at = 2 + 10 * i;
          const info = attribute.info;
          return { startPc: u2(info, at), length: u2(info, at + 2), nameIndex: u2(info, at + 4), descriptorIndex: u2(info, at + 6), index: u2(info, at + 8) };
        }),
      );
  const lineNumbers: { startPc: number; line: number }[] = [];
  for (const attribute of raw.attributes) {
    if (attribute.name !== 'LineNumberTable') continue;
    for (let i = 0; i < u2(attribute.info, 0); i++) lineNumbers.push({ startPc: u2(attribute.info, 2 + 4 * i), line: u2(attribute.info, 4 + 4 * i) });
  }
  return {
    code: new Uint8Array(raw.code),
    maxStack: raw.maxStack,
    maxLocals: raw.maxLocals,
    exceptionTable: raw.exceptionTable.map((h) => ({ startPc: h.startPc, endPc: h.endPc, handlerPc: h.handlerPc, catchType: h.catchTypeIndex })),
    lineNumbers,
    localVariables: locals('LocalVariableTable'),
    localVariableTypes: locals('LocalVariableTypeTable'),
  };
}

const TABLESWITCH = 170;
const LOOKUPSWITCH = 171;

/** The offset `offset` of the branch at `i` once a gap of `gap` bytes is at `where` (Javassist's CodeIterator.newOffset). */
function newOffset(i: number, offset: number, where: number, gap: number, exclusive: boolean): number {
  const target = i + offset;
  if (i < where) {
    if (where < target || (exclusive && where === target)) offset += gap;
  } else if (i === where) {
    // The instruction itself moves; a backward target does not (Javassist, JASSIST-124).
    if (target < where) offset -= gap;
  } else if (target < where || (!exclusive && where === target)) {
    offset -= gap;
  }
  return offset;
}

/** A pc of a table once a gap is at `where` (Javassist's ExceptionTable/LineNumberAttribute.shiftPc). */
function shiftPc(pc: number, where: number, gap: number, exclusive: boolean): number {
  return pc > where || (exclusive && pc === where) ? pc + gap : pc;
}

/**
 * Inserts `length` nop bytes at `where` (an instruction's index, or the end), moving what points
 * into code[]; the gap grows to a multiple of 4 when a switch would move by another amount (its
 * padding depends on its index, JVMS §6.5 tableswitch), as Javassist's does. Where the gap is, and its length.
 */
export function insertGap(
  edit: EditableCode,
  where: number,
  length: number,
  exclusive: boolean,
): { position: number; length: number; relocate: (pc: number, atGap: boolean) => number } {
  if (length <= 0) return { position: where, length: 0, relocate: (pc) => pc };
  const old = edit.code;
  const starts: number[] = [];
  for (let i = 0; i < old.length; i = nextOpcode(old, i)) starts.push(i);
  if (where !== old.length && !starts.includes(where)) throw new CannotCompileException(`bad bytecode: ${where} is not the index of an instruction`);
  // Past 32767 bytes a 16-bit branch may no longer reach: laid out again, as Javassist does then.
  if (old.length + length > 32767) return insertWideGap(edit, where, length, exclusive);
  if (length % 4 !== 0 && starts.some((i) => i >= where && (old[i] === TABLESWITCH || old[i] === LOOKUPSWITCH))) length = (length + 3) & ~3;
  const code = new Uint8Array(old.length + length);
  code.set(old.subarray(0, where), 0);
  code.set(old.subarray(where), where + length);
  const view = new DataView(code.buffer);
  for (const i of starts) {
    const op = old[i]!;
    const at = i >= where ? i + length : i; // the instruction's new index
    if ((op >= 153 && op <= 168) || op === 198 || op === 199) {
      const offset = newOffset(i, view.getInt16(at + 1), where, length, exclusive);
      if (offset < -32768 || offset > 32767) throw new CannotCompileException(`the branch at ${i} would jump ${offset} bytes: too far for a 16-bit offset (goto_w is not made here)`);
      view.setInt16(at + 1, offset);
    } else if (op === 200 || op === 201) {
      view.setInt32(at + 1, newOffset(i, view.getInt32(at + 1), where, length, exclusive));
    } else if (op === TABLESWITCH || op === LOOKUPSWITCH) {
      const defaultAt = (at & ~3) + 4;
      const offsets = [defaultAt];
      if (op === TABLESWITCH) {
        const count = view.getInt32(defaultAt + 8) - view.getInt32(defaultAt + 4) + 1;
        for (let k = 0; k < count; k++) offsets.push(defaultAt + 12 + 4 * k);
      } else {
        const pairs = view.getInt32(defaultAt + 4);
        for (let k = 0; k < pairs; k++) offsets.push(defaultAt + 12 + 8 * k);
      }
      for (const o of offsets) view.setInt32(o, newOffset(i, view.getInt32(o), where, length, exclusive));
    }
  }
  edit.code = code;
  for (const handler of edit.exceptionTable) {
    handler.startPc = shiftPc(handler.startPc, where, length, exclusive);
    handler.endPc = shiftPc(handler.endPc, where, length, exclusive);
    handler.handlerPc = shiftPc(handler.handlerPc, where, length, exclusive);
  }
  for (const line of edit.lineNumbers) line.startPc = shiftPc(line.startPc, where, length, exclusive);
  for (const local of [...edit.localVariables, ...edit.localVariableTypes]) {
    // Javassist's LocalVariableAttribute.shiftPc: a range that covers `where` grows.
    const pc = local.startPc;
    if (pc > where || (exclusive && pc === where && pc !== 0)) local.startPc = pc + length;
    else if (pc + local.length > where || (exclusive && pc + local.length === where)) local.length += length;
  }
  return { position: where, length, relocate: (pc, atGap) => (pc > where || (pc === where && !atGap) ? pc + length : pc) };
}

/**
 * Replaces `method`'s code with `edit`, decoded by ClassReader from a one-method class file whose
 * constant pool is `pool`'s (indexes as the bytes have them). The method's frames and maxima are
 * computed when the class is written.
 */
export function decodeInto(method: MethodNode, edit: EditableCode, pool: PoolEdits, internalName: string): void {
  const { count, bytes: poolBytes } = pool.poolBytes();
  const extra: Uint8Array[] = [];
  let next = count;
  const utf8 = (value: string): number => {
    extra.push(utf8EntryBytes(value));
    return next++;
  };
  const thisName = utf8(internalName);
  extra.push(Uint8Array.of(7, thisName >>> 8, thisName & 0xff));
  const thisClass = next++;
  const codeName = utf8('Code');
  const methodName = utf8(method.name);
  const methodDesc = utf8(method.desc);
  const out: number[] = [];
  const u2 = (v: number): void => void out.push((v >>> 8) & 0xff, v & 0xff);
  const u4 = (v: number): void => void out.push((v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
  const subAttributes: number[][] = [];
  const table = (name: string, rows: number[][]): void => {
    if (rows.length === 0) return;
    const body: number[] = [];
    const nameIndex = utf8(name);
    body.push(nameIndex >>> 8, nameIndex & 0xff);
    const size = 2 + rows.reduce((sum, row) => sum + row.length * 2, 0);
    body.push((size >>> 24) & 0xff, (size >>> 16) & 0xff, (size >>> 8) & 0xff, size & 0xff, rows.length >>> 8, rows.length & 0xff);
    for (const row of rows) for (const v of row) body.push((v >>> 8) & 0xff, v & 0xff);
    subAttributes.push(body);
  };
  table('LineNumberTable', edit.lineNumbers.map((l) => [l.startPc, l.line]));
  const localRows = (locals: EditableLocal[]): number[][] => locals.map((l) => [l.startPc, l.length, l.nameIndex, l.descriptorIndex, l.index]);
  table('LocalVariableTable', localRows(edit.localVariables));
  table('LocalVariableTypeTable', localRows(edit.localVariableTypes));
  // Header after the pool: access, this, super (none), interfaces, fields, one method with its Code.
  u2(0x0021);
  u2(thisClass);
  u2(0);
  u2(0);
  u2(0);
  u2(1);
  u2(method.access);
  u2(methodName);
  u2(methodDesc);
  u2(1);
  u2(codeName);
  const codeSize = 12 + edit.code.length + 8 * edit.exceptionTable.length + subAttributes.reduce((sum, a) => sum + a.length, 0);
  u4(codeSize);
  u2(edit.maxStack);
  u2(edit.maxLocals);
  u4(edit.code.length);
  out.push(...edit.code);
  u2(edit.exceptionTable.length);
  for (const h of edit.exceptionTable) [h.startPc, h.endPc, h.handlerPc, h.catchType].forEach(u2);
  u2(subAttributes.length);
  for (const a of subAttributes) out.push(...a);
  // invokedynamic instructions index the class's bootstrap methods.
  const bootstrap = pool.bootstrapMethods();
  if (bootstrap === null) u2(0);
  else {
    u2(1);
    u2(bootstrap.nameIndex);
    u4(bootstrap.info.length);
    out.push(...bootstrap.info);
  }
  const extraSize = extra.reduce((sum, e) => sum + e.length, 0);
  const file = new Uint8Array(10 + poolBytes.length + extraSize + out.length);
  file.set([0xca, 0xfe, 0xba, 0xbe, 0, 0, pool.majorVersion() >>> 8, pool.majorVersion() & 0xff, next >>> 8, next & 0xff]);
  file.set(poolBytes, 10);
  let at = 10 + poolBytes.length;
  for (const e of extra) {
    file.set(e, at);
    at += e.length;
  }
  file.set(out, at);
  const decoded = new ClassNode();
  try {
    new ClassReader(file).accept(decoded, ClassReader.SKIP_FRAMES);
  } catch (error) {
    throw new CannotCompileException(`bad bytecode in ${internalName}.${method.name}${method.desc}: ${(error as Error).message}`, { cause: error });
  }
  const source = decoded.methods[0]!;
  method.instructions = source.instructions;
  method.tryCatchBlocks = source.tryCatchBlocks;
  method.localVariables = source.localVariables;
  method.maxStack = source.maxStack;
  method.maxLocals = source.maxLocals;
  // Their labels were the old code's.
  method.visibleLocalVariableAnnotations = null;
  method.invisibleLocalVariableAnnotations = null;
}
