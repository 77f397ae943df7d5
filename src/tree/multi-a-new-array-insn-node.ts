import type { MethodVisitor } from '../asm/method-visitor.js';
import { Opcodes } from '../asm/opcodes.js';
import { AbstractInsnNode } from './abstract-insn-node.js';
import type { LabelNode } from './label-node.js';

/** A node that represents a MULTIANEWARRAY instruction. */
export class MultiANewArrayInsnNode extends AbstractInsnNode {
  /** The array type descriptor. */
  desc: string;

  /** The number of dimensions to allocate. */
  dims: number;

  constructor(descriptor: string, numDimensions: number) {
    super(Opcodes.MULTIANEWARRAY);
    this.desc = descriptor;
    this.dims = numDimensions;
  }

  override getType(): number {
    return AbstractInsnNode.MULTIANEWARRAY_INSN;
  }

  override accept(methodVisitor: MethodVisitor): void {
    methodVisitor.visitMultiANewArrayInsn(this.desc, this.dims);
    this.acceptAnnotations(methodVisitor);
  }

  override clone(_clonedLabels: Map<LabelNode, LabelNode>): AbstractInsnNode {
    return new MultiANewArrayInsnNode(this.desc, this.dims).cloneAnnotations(this);
  }
}
