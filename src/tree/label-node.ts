import { Label } from '../asm/label.js';
import type { MethodVisitor } from '../asm/method-visitor.js';
import { AbstractInsnNode } from './abstract-insn-node.js';

/** A pseudo instruction that marks a position in the code: the tree form of a `Label`. */
export class LabelNode extends AbstractInsnNode {
  /** The label this node stands for, created on first use. */
  private value: Label | null;

  constructor(label: Label | null = null) {
    super(-1);
    this.value = label;
  }

  override getType(): number {
    return AbstractInsnNode.LABEL;
  }

  /** The label of this node, created on first call unless given to the constructor. */
  getLabel(): Label {
    if (this.value === null) {
      this.value = new Label();
    }
    return this.value;
  }

  override accept(methodVisitor: MethodVisitor): void {
    methodVisitor.visitLabel(this.getLabel());
  }

  override clone(clonedLabels: Map<LabelNode, LabelNode>): AbstractInsnNode {
    return (clonedLabels.get(this) ?? null) as AbstractInsnNode;
  }

  /** Forgets the label, so that a new one is created for the next writer (see `InsnList.resetLabels`). */
  resetLabel(): void {
    this.value = null;
  }
}
