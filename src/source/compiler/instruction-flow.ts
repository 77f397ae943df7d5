// # A forward data flow over a method's instructions, as the verifier walks them
//
// The checks the compiler makes on the code it wrote (definite assignment, definite unassignment: JLS
// ch. 16) follow the code's paths as JVMS §4.10.1 does: from the first instruction, each one passes
// its state on to its successors — the next instruction (unless it jumps away, returns or throws), its
// jump or switch targets, and the handlers covering it, which start with the state before it (an
// exception may come from anywhere in the instruction). A successor merges what reaches it with what
// it had; the walk goes on until nothing changes. Unreachable code is never visited. States are bit
// sets (one bit per local or variable): small, and compared in one operation.

import { Opcodes } from '../../asm/opcodes.js';
import type { AbstractInsnNode } from '../../tree/abstract-insn-node.js';
import { JumpInsnNode } from '../../tree/jump-insn-node.js';
import type { LabelNode } from '../../tree/label-node.js';
import { LookupSwitchInsnNode } from '../../tree/lookup-switch-insn-node.js';
import type { MethodNode } from '../../tree/method-node.js';
import { TableSwitchInsnNode } from '../../tree/table-switch-insn-node.js';

/**
 * Runs the flow over `method` from `initial` at its first instruction. `join(known, incoming)` merges
 * two states (intersection for a "must" property, union for a "may" one); `transfer(insn, before)` gives
 * the state after `insn`, or null to stop the walk (it found what it was looking for). With
 * `handlersSeeAfter`, a handler also gets the state after each instruction it covers: JLS §16.2.15
 * takes an exception to come from anywhere in a try block, also after its last assignment, where
 * the code itself (a store cannot throw) would be more precise than javac.
 */
export function forwardFlow(
  method: MethodNode,
  initial: bigint,
  join: (known: bigint, incoming: bigint) => bigint,
  transfer: (insn: AbstractInsnNode, before: bigint) => bigint | null,
  handlersSeeAfter = false,
): void {
  const code = method.instructions.toArray();
  if (code.length === 0) return;
  const indexOf = new Map<AbstractInsnNode, number>();
  code.forEach((insn, i) => indexOf.set(insn, i));
  // The handlers covering each instruction (JVMS §4.7.3: start inclusive, end exclusive).
  const handlersAt: number[][] = code.map(() => []);
  for (const block of method.tryCatchBlocks ?? []) {
    const start = indexOf.get(block.start);
    const end = indexOf.get(block.end);
    const handler = indexOf.get(block.handler);
    if (start === undefined || end === undefined || handler === undefined) continue;
    for (let i = start; i < end; i++) handlersAt[i]!.push(handler);
  }
  // undefined: not reached yet.
  const states: (bigint | undefined)[] = new Array(code.length);
  const pending: number[] = [0];
  states[0] = initial;
  // A target outside the list (none is expected) leaves the code checked here.
  const flowTo = (target: number | undefined, state: bigint): void => {
    if (target === undefined) return;
    const known = states[target];
    const merged = known === undefined ? state : join(known, state);
    if (merged !== known) {
      states[target] = merged;
      pending.push(target);
    }
  };
  while (pending.length > 0) {
    const i = pending.pop()!;
    const insn = code[i]!;
    const before = states[i]!;
    const after = transfer(insn, before);
    if (after === null) return;
    const opcode = insn.getOpcode();
    for (const handler of handlersAt[i]!) {
      flowTo(handler, before);
      if (handlersSeeAfter) flowTo(handler, after);
    }
    if (insn instanceof JumpInsnNode) {
      flowTo(indexOf.get(insn.label), after);
      if (opcode === Opcodes.GOTO || opcode === Opcodes.JSR) continue;
    } else if (insn instanceof TableSwitchInsnNode || insn instanceof LookupSwitchInsnNode) {
      flowTo(indexOf.get(insn.dflt), after);
      for (const label of insn.labels) flowTo(indexOf.get(label as LabelNode), after);
      continue;
    } else if ((opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) || opcode === Opcodes.ATHROW || opcode === Opcodes.RET) {
      continue;
    }
    if (i + 1 < code.length) flowTo(i + 1, after);
  }
}
