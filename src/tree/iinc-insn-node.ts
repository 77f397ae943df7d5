import type { MethodVisitor } from '../asm/method-visitor.js';
import { Opcodes } from '../asm/opcodes.js';
import { AbstractInsnNode } from './abstract-insn-node.js';
import type { LabelNode } from './label-node.js';

/** A node that represents an IINC instruction. */
export class IincInsnNode extends AbstractInsnNode {
  /** The index of the local variable to increment. */
  var: number;

  /** The increment. */
  incr: number;

  constructor(varIndex: number, increment: number) {
    super(Opcodes.IINC);
    this.var = varIndex;
    this.incr = increment;
  }

  override getType(): number {
    return AbstractInsnNode.IINC_INSN;
  }

  override accept(methodVisitor: MethodVisitor): void {
    methodVisitor.visitIincInsn(this.var, this.incr);
    this.acceptAnnotations(methodVisitor);
  }

  override clone(_clonedLabels: Map<LabelNode, LabelNode>): AbstractInsnNode {
    return new IincInsnNode(this.var, this.incr).cloneAnnotations(this);
  }
}
