// # max_stack of code[] as Javassist's CodeAttribute.computeMaxStack computes it
//
// A walk of every path from the start and from each handler (depth 1: the exception, JVMS §4.10.1.6),
// each instruction's effect from stack-effects.ts, field and method instructions from the
// descriptors their pool entries name. Exact, as Javassist's: ASM's COMPUTE_MAXS on code read
// without frames overestimates across branches, so it cannot stand in for it.

import { CannotCompileException } from '../cannot-compile-exception.js';
import type { EditableCode } from './code-edits.js';
import { nextOpcode } from './code-iterator-walk.js';
import type { ConstPool } from './const-pool.js';
import { STACK_GROW, dataSize, slots } from './stack-effects.js';

const GOTO = 167;
const JSR = 168;
const RET = 169;
const TABLESWITCH = 170;
const LOOKUPSWITCH = 171;
const WIDE = 196;
const GOTO_W = 200;
const JSR_W = 201;

/** The stack effect of the instruction at `i` whose effect depends on an operand. */
function operandEffect(code: Uint8Array, i: number, cp: ConstPool): number {
  const op = code[i]!;
  const index = (code[i + 1]! << 8) | code[i + 2]!;
  switch (op) {
    case 178: // getstatic
      return slots(cp.getFieldrefType(index));
    case 179: // putstatic
      return -slots(cp.getFieldrefType(index));
    case 180: // getfield
      return slots(cp.getFieldrefType(index)) - 1;
    case 181: // putfield
      return -slots(cp.getFieldrefType(index)) - 1;
    case 182: // invokevirtual
    case 183: // invokespecial
      return dataSize(methodType(cp, index)) - 1;
    case 184: // invokestatic
      return dataSize(methodType(cp, index));
    case 185: // invokeinterface
      return dataSize(cp.getInterfaceMethodrefType(index)) - 1;
    case 186: // invokedynamic
      return dataSize(cp.getInvokeDynamicType(index));
    case 197: // multianewarray: dimensions counts popped, one array pushed
      return 1 - code[i + 3]!;
    case WIDE:
      return STACK_GROW[code[i + 1]!] ?? 0;
    default:
      return STACK_GROW[op] ?? 0;
  }
}

/** A Methodref's or (invokestatic/invokespecial of an interface method) InterfaceMethodref's descriptor. */
function methodType(cp: ConstPool, index: number): string {
  return cp.getTag(index) === 11 ? cp.getInterfaceMethodrefType(index) : cp.getMethodrefType(index);
}

export function computeMaxStack(edit: EditableCode, cp: ConstPool): number {
  const code = edit.code;
  // depth + 1 at each instruction start reached; 0: not reached yet.
  const depths = new Int32Array(code.length + 1);
  const work: number[] = [];
  const reach = (at: number, depth: number): void => {
    if (at < 0 || at >= code.length) throw new CannotCompileException(`bad bytecode: a branch to ${at}`);
    if (depths[at] === 0) {
      depths[at] = depth + 1;
      work.push(at);
    }
  };
  reach(0, 0);
  for (const handler of edit.exceptionTable) reach(handler.handlerPc, 1);
  let max = 0;
  const view = new DataView(code.buffer, code.byteOffset, code.byteLength);
  while (work.length > 0) {
    let i = work.pop()!;
    let depth = depths[i]! - 1;
    for (;;) {
      const op = code[i]!;
      depth += operandEffect(code, i, cp);
      if (depth > max) max = depth;
      const next = nextOpcode(code, i);
      if ((op >= 153 && op <= 166) || op === 198 || op === 199) reach(i + view.getInt16(i + 1), depth);
      else if (op === GOTO || op === GOTO_W) {
        reach(i + (op === GOTO ? view.getInt16(i + 1) : view.getInt32(i + 1)), depth);
        break;
      } else if (op === JSR || op === JSR_W) {
        // The subroutine runs with the return address pushed; after it, the code after the jsr.
        reach(i + (op === JSR ? view.getInt16(i + 1) : view.getInt32(i + 1)), depth);
        depth -= 1;
      } else if (op === TABLESWITCH || op === LOOKUPSWITCH) {
        const base = (i & ~3) + 4;
        reach(i + view.getInt32(base), depth);
        if (op === TABLESWITCH) {
          const count = view.getInt32(base + 8) - view.getInt32(base + 4) + 1;
          for (let k = 0; k < count; k++) reach(i + view.getInt32(base + 12 + 4 * k), depth);
        } else {
          const pairs = view.getInt32(base + 4);
          for (let k = 0; k < pairs; k++) reach(i + view.getInt32(base + 12 + 8 * k), depth);
        }
        break;
      } else if ((op >= 172 && op <= 177) || op === 191 || op === RET) break; // returns, athrow, ret
      if (next >= code.length) break;
      if (depths[next] !== 0) break;
      depths[next] = depth + 1;
      i = next;
    }
  }
  return max;
}
