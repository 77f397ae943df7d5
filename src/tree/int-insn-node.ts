import type { MethodVisitor } from '../asm/method-visitor.js';
import { AbstractInsnNode } from './abstract-insn-node.js';
import type { LabelNode } from './label-node.js';

/** A node that represents an instruction with a single int operand (BIPUSH, SIPUSH, NEWARRAY). */
export class IntInsnNode extends AbstractInsnNode {
  /** The operand: the pushed value, or the array element type (Opcodes.T_*) for NEWARRAY. */
  operand: number;

  constructor(opcode: number, operand: number) {
    super(opcode);
    this.operand = operand;
  }

  /** Sets the opcode: BIPUSH, SIPUSH or NEWARRAY. */
  setOpcode(opcode: number): void {
    this.opcode = opcode;
  }

  override getType(): number {
    return AbstractInsnNode.INT_INSN;
  }

  override accept(methodVisitor: MethodVisitor): void {
    methodVisitor.visitIntInsn(this.opcode, this.operand);
    this.acceptAnnotations(methodVisitor);
  }

  override clone(_clonedLabels: Map<LabelNode, LabelNode>): AbstractInsnNode {
    return new IntInsnNode(this.opcode, this.operand).cloneAnnotations(this);
  }
}
