// # Definite assignment of a snippet's locals (JLS ch. 16), checked on the code the generator wrote
//
// javac refuses a read of a local variable that is not definitely assigned before it ("variable x
// might not have been initialized", JLS §16), and pattern variables outside the places a pattern
// match introduces them (§6.3.1: `o instanceof String s & s.isEmpty()`, with `&` rather than `&&`).
// The code generator follows scopes more loosely than JLS §6.3.1 does, so without this check such a
// snippet compiled into code that reads a never-written local slot — which HotSpot's verifier then
// rejects when the class is loaded (found by test/source-fuzz.test.ts).
//
// The check is a forward "must" data flow over the generated instructions (instruction-flow.ts; JVMS
// §4.10.1's view of locals, reduced to assigned / not assigned): at the snippet's first instruction
// none of its own locals (slots from `firstSlot` up) is assigned; a store assigns; paths join by
// intersection; a handler starts with what holds before any instruction of its range. A load (or
// iinc, or ret) of a slot not assigned on every path is an error. Every program javac accepts passes: its definite
// assignment rules imply this flow property of the code it means. Unreachable code is never visited.

import { Opcodes } from '../../asm/opcodes.js';
import type { AbstractInsnNode } from '../../tree/abstract-insn-node.js';
import { IincInsnNode } from '../../tree/iinc-insn-node.js';
import type { MethodNode } from '../../tree/method-node.js';
import { VarInsnNode } from '../../tree/var-insn-node.js';
import { forwardFlow } from './instruction-flow.js';

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
  let found: { slot: number; insn: AbstractInsnNode } | null = null;
  // Assigned slots (relative to firstSlot) as bits; paths join by intersection.
  const bit = (slot: number): bigint => 1n << BigInt(slot - firstSlot);
  forwardFlow(method, 0n, (known, incoming) => known & incoming, (insn, before) => {
    if (!(insn instanceof VarInsnNode || insn instanceof IincInsnNode) || insn.var < firstSlot) return before;
    const slot = insn.var;
    const opcode = insn.getOpcode();
    if (!(opcode >= Opcodes.ISTORE && opcode <= Opcodes.ASTORE)) {
      if ((before & bit(slot)) !== 0n) return before;
      found = { slot, insn };
      return null;
    }
    // A long or double takes two slots (JVMS §2.6.1).
    return before | bit(slot) | (opcode === Opcodes.LSTORE || opcode === Opcodes.DSTORE ? bit(slot + 1) : 0n);
  });
  return found;
}
