// # Where an expression is in its method's code (Javassist's Expr.indexOfBytecode and mayThrow)
//
// Javassist's expressions know their bytecode offset (currentPos); the tree has instructions, not
// offsets. The offset is computed the way the class would be written: the method's instructions
// are replayed into a ClassWriter (copying the class file's constant pool when the class has one,
// so `ldc` and `ldc_w` come out as in the class file) with a label put before the expression's
// instruction, whose offset is then its bytecode offset (JVMS §4.7.3 code[]). For a method nobody
// changed that is the offset in the class file; for a changed method, the offset it would have if
// written now, as Javassist's currentPos is in its edited code.

import { ClassWriter } from '../asm/class-writer.js';
import type { ClassReader } from '../asm/class-reader.js';
import { Label } from '../asm/label.js';
import type { AbstractInsnNode } from '../tree/abstract-insn-node.js';
import { FrameNode } from '../tree/frame-node.js';
import { LineNumberNode } from '../tree/line-number-node.js';
import type { MethodNode } from '../tree/method-node.js';

/** The bytecode offset `target` (an instruction or label of `method`) would have in the written method. */
export function bytecodeOffset(method: MethodNode, target: AbstractInsnNode, reader: ClassReader | null): number {
  const writer = reader !== null ? new ClassWriter(reader, 0) : new ClassWriter(0);
  const visitor = writer.visitMethod(method.access, method.name, method.desc, null, null);
  visitor.visitCode();
  const marker = new Label();
  // The labels may hold another writer's offsets: start afresh, and leave them fresh (as MethodNode.accept does).
  method.instructions.resetLabels();
  try {
    for (const insn of method.instructions) {
      if (insn === target) visitor.visitLabel(marker);
      // Frames and line numbers are attributes, not code.
      if (insn instanceof FrameNode || insn instanceof LineNumberNode) continue;
      insn.accept(visitor);
    }
  } finally {
    method.instructions.resetLabels();
  }
  return marker.getOffset();
}

/**
 * For each node of `method`, the number of real instructions before it: two nodes have the same
 * number exactly when they are at the same bytecode offset, and the order of numbers is the order
 * of offsets (labels, frames and line numbers take no bytes).
 */
export function instructionOrdinals(method: MethodNode): Map<AbstractInsnNode, number> {
  const ordinals = new Map<AbstractInsnNode, number>();
  let count = 0;
  for (const insn of method.instructions) {
    ordinals.set(insn, count);
    if (insn.getOpcode() >= 0) count++;
  }
  return ordinals;
}
