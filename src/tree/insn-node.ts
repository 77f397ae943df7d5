import type { MethodVisitor } from '../asm/method-visitor.js';
import { AbstractInsnNode } from './abstract-insn-node.js';
import type { LabelNode } from './label-node.js';

/** A node that represents a zero-operand instruction (NOP, ACONST_NULL… MONITOREXIT). */
export class InsnNode extends AbstractInsnNode {
  constructor(opcode: number) {
    super(opcode);
  }

  override getType(): number {
    return AbstractInsnNode.INSN;
  }

  override accept(methodVisitor: MethodVisitor): void {
    methodVisitor.visitInsn(this.opcode);
    this.acceptAnnotations(methodVisitor);
  }

  override clone(_clonedLabels: Map<LabelNode, LabelNode>): AbstractInsnNode {
    return new InsnNode(this.opcode).cloneAnnotations(this);
  }
}
