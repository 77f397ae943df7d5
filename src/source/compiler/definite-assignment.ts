// # Definite assignment of a snippet's locals (JLS ch. 16), checked on the code the generator wrote
//
// javac refuses a read of a local variable that is not definitely assigned before it ("variable x
// might not have been initialized", JLS §16), and pattern variables outside the places a pattern
// match introduces them (§6.3.1: `o instanceof String s & s.isEmpty()`, with `&` rather than `&&`).
// The code generator follows scopes more loosely than JLS §6.3.1 does, so without this check such a
// snippet compiled into code that reads a never-written local slot — which HotSpot's verifier then
// rejects when the class is loaded (found by test/source-fuzz.test.ts).
//
// The check is a forward "must" data flow over the generated instructions (JVMS §4.10.1's view of
// locals, reduced to assigned / not assigned): at the snippet's first instruction none of its own
// locals (slots from `firstSlot` up) is assigned; a store assigns; paths join by intersection; a
// handler starts with what holds before any instruction of its range. A load (or iinc, or ret) of a
// slot not assigned on every path is an error. Every program javac accepts passes: its definite
// assignment rules imply this flow property of the code it means. Unreachable code is never visited.

import { Opcodes } from '../../asm/opcodes.js';
import type { AbstractInsnNode } from '../../tree/abstract-insn-node.js';
import { IincInsnNode } from '../../tree/iinc-insn-node.js';
import { JumpInsnNode } from '../../tree/jump-insn-node.js';
import { LabelNode } from '../../tree/label-node.js';
import { LookupSwitchInsnNode } from '../../tree/lookup-switch-insn-node.js';
import type { MethodNode } from '../../tree/method-node.js';
import { TableSwitchInsnNode } from '../../tree/table-switch-insn-node.js';
import { VarInsnNode } from '../../tree/var-insn-node.js';

/** The first read of a local slot that some path reaches without assigning it, or null when there is none. */
export function findUnassignedRead(method: MethodNode, firstSlot: number): { slot: number; insn: AbstractInsnNode } | null {
  // Only code that reads one of those slots needs the data flow (a walk by links, without allocating).
  let reads = false;
  for (let insn = method.instructions.getFirst(); insn !== null && !reads; insn = insn.getNext()) {
    if ((insn instanceof VarInsnNode || insn instanceof IincInsnNode) && insn.var >= firstSlot) {
      const opcode = insn.getOpcode();
      reads = !(opcode >= Opcodes.ISTORE && opcode <= Opcodes.ASTORE);
    }
  }
  if (!reads) return null;
  const code = method.instructions.toArray();
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
  // Assigned slots (relative to firstSlot) as bits; undefined: not reached yet.
  const states: (bigint | undefined)[] = new Array(code.length);
  const pending: number[] = [0];
  states[0] = 0n;
  // A target outside the list (none is expected) leaves the code checked here.
  const flowTo = (target: number | undefined, state: bigint): void => {
    if (target === undefined) return;
    const known = states[target];
    const merged = known === undefined ? state : known & state;
    if (merged !== known) {
      states[target] = merged;
      pending.push(target);
    }
  };
  const bit = (slot: number): bigint => 1n << BigInt(slot - firstSlot);
  while (pending.length > 0) {
    const i = pending.pop()!;
    const insn = code[i]!;
    const before = states[i]!;
    let after = before;
    const opcode = insn.getOpcode();
    if (insn instanceof VarInsnNode || insn instanceof IincInsnNode) {
      const slot = insn.var;
      const isStore = opcode >= Opcodes.ISTORE && opcode <= Opcodes.ASTORE;
      if (slot >= firstSlot) {
        if (!isStore && (before & bit(slot)) === 0n) return { slot, insn };
        if (isStore) {
          after = before | bit(slot);
          // A long or double takes two slots (JVMS §2.6.1).
          if (opcode === Opcodes.LSTORE || opcode === Opcodes.DSTORE) after |= bit(slot + 1);
        }
      }
    }
    for (const handler of handlersAt[i]!) flowTo(handler, before);
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
  return null;
}
