import type { MethodVisitor } from '../asm/method-visitor.js';
import { AbstractInsnNode } from './abstract-insn-node.js';
import type { LabelNode } from './label-node.js';

/** A node that represents a jump instruction (IFEQ… IF_ACMPNE, GOTO, JSR, IFNULL, IFNONNULL). */
export class JumpInsnNode extends AbstractInsnNode {
  /** The jump target. */
  label: LabelNode;

  constructor(opcode: number, label: LabelNode) {
    super(opcode);
    this.label = label;
  }

  /** Sets the opcode: one of the jump opcodes. */
  setOpcode(opcode: number): void {
    this.opcode = opcode;
  }

  override getType(): number {
    return AbstractInsnNode.JUMP_INSN;
  }

  override accept(methodVisitor: MethodVisitor): void {
    methodVisitor.visitJumpInsn(this.opcode, this.label.getLabel());
    this.acceptAnnotations(methodVisitor);
  }

  override clone(clonedLabels: Map<LabelNode, LabelNode>): AbstractInsnNode {
    return new JumpInsnNode(this.opcode, AbstractInsnNode.clone(this.label, clonedLabels)).cloneAnnotations(this);
  }
}
