// # A gap in code[] that reaches past 32767 bytes: branches widened, switches padded again
//
// A 16-bit branch offset (JVMS §6.5 if<cond>, goto, jsr) reaches ±32767 bytes. When a gap makes
// code[] longer than that, Javassist (CodeIterator.insertGapCore0w) lays the code out again: a
// goto or jsr that no longer reaches becomes goto_w or jsr_w, an if<cond> becomes the opposite
// test jumping over a goto_w (`if<!cond> +8; goto_w target`), and each tableswitch or
// lookupswitch gets the padding its new index needs (§6.5: its operands start at a multiple of 4),
// the padding it no longer needs becoming nops after it, so the gap is not rounded. Offsets, the exception table and the line and local variable tables
// move as for an ordinary gap (code-edits.ts).

import { CannotCompileException } from '../cannot-compile-exception.js';
import type { EditableCode } from './code-edits.js';
import { nextOpcode } from './code-iterator-walk.js';

const GOTO = 167;
const JSR = 168;
const TABLESWITCH = 170;
const LOOKUPSWITCH = 171;
const GOTO_W = 200;
const JSR_W = 201;

const isIf = (op: number): boolean => (op >= 153 && op <= 166) || op === 198 || op === 199;
/** The test that is true when `op`'s is false (ifeq/ifne, iflt/ifge… pair up; ifnull/ifnonnull). */
const opposite = (op: number): number => (op === 198 ? 199 : op === 199 ? 198 : 153 + ((op - 153) ^ 1));

/**
 * Inserts the gap; where it starts (widened branches before `where` move it), its length, and where
 * an old instruction index goes (`where` itself: past the gap, or with `atGap`, to its start).
 */
export function insertWideGap(
  edit: EditableCode,
  where: number,
  length: number,
  exclusive: boolean,
): { position: number; length: number; relocate: (pc: number, atGap: boolean) => number } {
  const old = edit.code;
  const view = new DataView(old.buffer, old.byteOffset, old.byteLength);
  const starts: number[] = [];
  for (let i = 0; i < old.length; i = nextOpcode(old, i)) starts.push(i);
  const widened = new Set<number>();
  // New index of each old instruction start (and of the end), and where the gap starts.
  let position = new Map<number, number>();
  let gapStart = where;
  const branchTarget = (i: number): number => {
    const op = old[i]!;
    return i + (op === GOTO_W || op === JSR_W ? view.getInt32(i + 1) : view.getInt16(i + 1));
  };
  /** Where a reference to old index `pc` goes: `where` itself to the gap (not exclusive) or past it. */
  const map = (pc: number, from: number | null = null): number => {
    if (pc === where && from !== where && !exclusive) return gapStart;
    return position.get(pc)!;
  };
  const size = (i: number, at: number): number => {
    const op = old[i]!;
    if (op === TABLESWITCH || op === LOOKUPSWITCH) {
      // A switch never shrinks: padding it no longer needs becomes nops after its table (Javassist's Switcher).
      const body = nextOpcode(old, i) - ((i & ~3) + 4);
      return 1 + Math.max(3 - (at & 3), 3 - (i & 3)) + body;
    }
    if (widened.has(i)) return op === GOTO || op === JSR ? 5 : 8;
    return nextOpcode(old, i) - i;
  };
  for (;;) {
    position = new Map();
    let at = 0;
    for (const i of starts) {
      if (i === where) {
        gapStart = at;
        at += length;
      }
      position.set(i, at);
      at += size(i, at);
    }
    if (where === old.length) {
      gapStart = at;
      at += length;
    }
    position.set(old.length, at);
    let grew = false;
    for (const i of starts) {
      const op = old[i]!;
      if (widened.has(i) || !(isIf(op) || op === GOTO || op === JSR)) continue;
      const offset = map(branchTarget(i), i) - position.get(i)!;
      if (offset < -32768 || offset > 32767) {
        widened.add(i);
        grew = true;
      }
    }
    if (!grew) break;
  }
  const code = new Uint8Array(position.get(old.length)!);
  const out = new DataView(code.buffer);
  for (const i of starts) {
    const op = old[i]!;
    const at = position.get(i)!;
    if (isIf(op) || op === GOTO || op === JSR || op === GOTO_W || op === JSR_W) {
      const target = map(branchTarget(i), i);
      if (!widened.has(i)) {
        code.set(old.subarray(i, nextOpcode(old, i)), at);
        if (op === GOTO_W || op === JSR_W) out.setInt32(at + 1, target - at);
        else out.setInt16(at + 1, target - at);
      } else if (op === GOTO || op === JSR) {
        code[at] = op === GOTO ? GOTO_W : JSR_W;
        out.setInt32(at + 1, target - at);
      } else {
        code[at] = opposite(op);
        out.setInt16(at + 1, 8);
        code[at + 3] = GOTO_W;
        out.setInt32(at + 4, target - (at + 3));
      }
    } else if (op === TABLESWITCH || op === LOOKUPSWITCH) {
      code[at] = op;
      const from = (i & ~3) + 4;
      const to = (at & ~3) + 4;
      const end = nextOpcode(old, i);
      code.set(old.subarray(from, end), to); // the nops after it, if any, are the array's zeros
      const offsets = [0];
      if (op === TABLESWITCH) {
        const count = view.getInt32(from + 8) - view.getInt32(from + 4) + 1;
        for (let k = 0; k < count; k++) offsets.push(12 + 4 * k);
      } else {
        const pairs = view.getInt32(from + 4);
        for (let k = 0; k < pairs; k++) offsets.push(12 + 8 * k);
      }
      // A case that went to the instruction after the switch goes to the nops before it, as in Javassist.
      const nops = (3 - (i & 3)) - (3 - (at & 3));
      for (const o of offsets) {
        const target = i + view.getInt32(from + o);
        out.setInt32(to + o, map(target, i) - at - (target === end && nops > 0 ? nops : 0));
      }
    } else {
      code.set(old.subarray(i, nextOpcode(old, i)), at);
    }
  }
  if (code.length > 65535) throw new CannotCompileException(`code[] would be ${code.length} bytes: more than 65535 (JVMS §4.7.3)`);
  edit.code = code;
  const shift = (pc: number): number => map(pc);
  for (const handler of edit.exceptionTable) {
    handler.startPc = shift(handler.startPc);
    handler.endPc = shift(handler.endPc);
    handler.handlerPc = shift(handler.handlerPc);
  }
  for (const line of edit.lineNumbers) line.startPc = shift(line.startPc);
  for (const local of [...edit.localVariables, ...edit.localVariableTypes]) {
    const end = local.startPc + local.length;
    const start = local.startPc === where && where === 0 ? 0 : shift(local.startPc);
    local.startPc = start;
    local.length = shift(end) - start;
  }
  const relocate = (pc: number, atGap: boolean): number => (pc === where && atGap ? gapStart : (position.get(pc) ?? pc));
  return { position: gapStart, length, relocate };
}
