// Test support: small, length-preserving edits of one instruction of a method, the kind of mistake a
// bytecode transform makes (a wrong opcode of the same family, a local off by one, a branch off by a
// few bytes, the wrong invoke or field instruction). The class stays parseable, so what decides
// between accepting and rejecting it is the verifier, which makes these edits a differential test of
// our verifier against HotSpot's.

import { instructionLength } from '../../src/analysis/type-checker.js';

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
