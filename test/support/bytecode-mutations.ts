// Test support: small, length-preserving edits of one instruction of a method, the kind of mistake a
// bytecode transform makes (a wrong opcode of the same family, a local off by one, a branch off by a
// few bytes, the wrong invoke or field instruction), or of one entry of its tables (a stack map
// frame, an exception handler, a local variable, max_stack or max_locals). The class stays parseable, so what decides
// between accepting and rejecting it is the verifier, which makes these edits a differential test of
// our verifier against HotSpot's.

import { instructionLength } from '../../src/analysis/type-checker.js';
import type { RawCode } from '../../src/classfile/raw-class-file.js';

function range(first: number, last: number): number[] {
  const result: number[] = [];
  for (let opcode = first; opcode <= last; opcode++) result.push(opcode);
  return result;
}

/** One-byte instructions that take no operand bytes: constants, loads/stores _n, arithmetic, returns… */
const ONE_BYTE = [
  ...range(0x00, 0x0f), ...range(0x1a, 0x2d), ...range(0x3b, 0x83), ...range(0x85, 0x98), ...range(0xac, 0xb1),
  0xbe, 0xbf, 0xc2, 0xc3,
];
/** iload…aload, istore…astore with a one-byte index. */
const LOCAL_VARIABLE = [0x15, 0x16, 0x17, 0x18, 0x19, 0x36, 0x37, 0x38, 0x39, 0x3a];
/** if<cond>, if_icmp<cond>, if_acmp<cond>, goto, jsr, ifnull, ifnonnull: a two-byte offset. */
const BRANCH = [...range(0x99, 0xa8), 0xc6, 0xc7];
const FIELD = [0xb2, 0xb3, 0xb4, 0xb5];
const INVOKE = [0xb6, 0xb7, 0xb8];

/**
 * Edits one instruction of `code` in place, chosen with `random` (values in [0, 1)); returns what
 * was done ("@12 opcode 42->43"), or null when no edit applied after a few tries.
 */
export function mutateInstruction(code: Uint8Array, random: () => number): string | null {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const starts: number[] = [];
  for (let offset = 0; offset < code.length; ) {
    starts.push(offset);
    const length = instructionLength(code, offset);
    if (length <= 0) return null;
    offset += length;
  }
  for (let attempt = 0; attempt < 10; attempt++) {
    const at = pick(starts);
    const opcode = code[at]!;
    if (ONE_BYTE.includes(opcode)) {
      const to = pick(ONE_BYTE);
      if (to === opcode) continue;
      code[at] = to;
      return `@${at} opcode ${opcode}->${to}`;
    }
    if (LOCAL_VARIABLE.includes(opcode)) {
      if (random() < 0.5) {
        code[at] = pick(LOCAL_VARIABLE);
        return `@${at} opcode ${opcode}->${code[at]}`;
      }
      const index = code[at + 1]! + (random() < 0.5 ? 1 : -1);
      if (index < 0 || index > 255) continue;
      code[at + 1] = index;
      return `@${at} local ${index}`;
    }
    if (BRANCH.includes(opcode)) {
      if (random() < 0.5) {
        code[at] = pick(BRANCH);
        return `@${at} opcode ${opcode}->${code[at]}`;
      }
      const delta = pick([-3, -2, -1, 1, 2, 3]);
      const offset = ((code[at + 1]! << 8) | code[at + 2]!) + delta;
      code[at + 1] = (offset >> 8) & 0xff;
      code[at + 2] = offset & 0xff;
      return `@${at} branch offset ${delta > 0 ? '+' : ''}${delta}`;
    }
    if (FIELD.includes(opcode) || INVOKE.includes(opcode)) {
      const to = pick(FIELD.includes(opcode) ? FIELD : INVOKE);
      if (to === opcode) continue;
      code[at] = to;
      return `@${at} opcode ${opcode}->${to}`;
    }
    if (opcode === 0xc0 || opcode === 0xc1) {
      code[at] = opcode ^ 1; // checkcast <-> instanceof
      return `@${at} opcode ${opcode}->${code[at]}`;
    }
  }
  return null;
}

/** The file offsets of a StackMapTable's verification_type_info items and of its frames' offset parts. */
function stackMapParts(info: Uint8Array, infoOffset: number): { types: number[]; offsets: { at: number; short: boolean }[] } {
  const types: number[] = [];
  const offsets: { at: number; short: boolean }[] = [];
  let p = 2;
  const verificationType = (): void => {
    types.push(infoOffset + p);
    p += info[p] === 7 || info[p] === 8 ? 3 : 1;
  };
  const count = (info[0]! << 8) | info[1]!;
  for (let i = 0; i < count && p < info.length; i++) {
    const frameType = info[p]!;
    if (frameType < 128) {
      // same_frame, same_locals_1_stack_item_frame: the offset delta is in the frame type (JVMS §4.7.4).
      offsets.push({ at: infoOffset + p, short: true });
      p++;
      if (frameType >= 64) verificationType();
    } else if (frameType >= 247) {
      offsets.push({ at: infoOffset + p + 1, short: false });
      p += 3;
      if (frameType === 247) verificationType();
      else if (frameType >= 252 && frameType <= 254) for (let k = 0; k < frameType - 251; k++) verificationType();
      else if (frameType === 255) {
        for (let part = 0; part < 2; part++) {
          const n = (info[p]! << 8) | info[p + 1]!;
          p += 2;
          for (let k = 0; k < n; k++) verificationType();
        }
      }
    } else {
      break; // reserved frame types 128-246
    }
  }
  return { types, offsets };
}

function addU2(bytes: Uint8Array, at: number, delta: number): number | null {
  const value = ((bytes[at]! << 8) | bytes[at + 1]!) + delta;
  if (value < 0 || value > 0xffff) return null;
  bytes[at] = value >> 8;
  bytes[at + 1] = value & 0xff;
  return value;
}

/**
 * Edits, in place in `bytes` (the class file `code` was read from), one entry of a method's tables:
 * a StackMapTable frame (a verification type or a frame's offset), an exception handler (a bound,
 * the handler or the catch type), a LocalVariableTable entry (its slot or range), max_stack or
 * max_locals. `classIndices` are the pool's Class constants. Returns what was done, or null.
 */
export function mutateCodeTables(bytes: Uint8Array, code: RawCode, classIndices: readonly number[], random: () => number): string | null {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const step = (): number => pick([-2, -1, 1, 2]);
  switch (Math.floor(random() * 5)) {
    case 0: {
      const table = code.attributes.find((a) => a.name === 'StackMapTable');
      if (table === undefined) return null;
      const parts = stackMapParts(table.info, table.offset + 6);
      if (random() < 0.5 && parts.types.length > 0) {
        const at = pick(parts.types);
        const tag = bytes[at]!;
        if (tag <= 6) {
          const to = (tag + 1 + Math.floor(random() * 6)) % 7; // another of Top…UninitializedThis
          bytes[at] = to;
          return `frame type ${tag}->${to}`;
        }
        if (tag !== 7 || classIndices.length === 0) return null;
        const index = pick(classIndices);
        bytes[at + 1] = index >> 8;
        bytes[at + 2] = index & 0xff;
        return `frame class -> #${index}`;
      }
      if (parts.offsets.length === 0) return null;
      const { at, short } = pick(parts.offsets);
      const delta = random() < 0.5 ? -1 : 1;
      if (short) {
        const base = bytes[at]! < 64 ? 0 : 64;
        const value = bytes[at]! - base + delta;
        if (value < 0 || value > 63) return null;
        bytes[at] = base + value;
      } else if (addU2(bytes, at, delta) === null) return null;
      return `frame offset ${delta > 0 ? '+' : ''}${delta}`;
    }
    case 1: {
      if (code.exceptionTable.length === 0) return null;
      const handler = Math.floor(random() * code.exceptionTable.length);
      // exception_table follows the code and its u2 length (JVMS §4.7.3).
      const at = code.codeOffset + code.code.length + 2 + 8 * handler;
      const field = Math.floor(random() * 4);
      if (field === 3) {
        const index = random() < 0.3 || classIndices.length === 0 ? 0 : pick(classIndices);
        bytes[at + 6] = index >> 8;
        bytes[at + 7] = index & 0xff;
        return `handler ${handler} catch type -> #${index}`;
      }
      const value = addU2(bytes, at + 2 * field, step());
      return value === null ? null : `handler ${handler} ${['start_pc', 'end_pc', 'handler_pc'][field]} -> ${value}`;
    }
    case 2: {
      const table = code.attributes.find((a) => a.name === 'LocalVariableTable');
      if (table === undefined || table.info.length < 12) return null;
      const entries = (table.info[0]! << 8) | table.info[1]!;
      const at = table.offset + 6 + 2 + 10 * Math.floor(random() * entries);
      const field = pick([0, 1, 4]); // start_pc, length, index
      const value = addU2(bytes, at + 2 * field, step());
      return value === null ? null : `local variable ${['start_pc', 'length', '', '', 'index'][field]} -> ${value}`;
    }
    default: {
      // max_stack and max_locals precede code_length and the code (JVMS §4.7.3).
      const isStack = random() < 0.5;
      const value = addU2(bytes, code.codeOffset - (isStack ? 8 : 6), -1);
      return value === null ? null : `${isStack ? 'max_stack' : 'max_locals'} -> ${value}`;
    }
  }
}
