import type { Label } from '../asm/label.js';
import type { MethodVisitor } from '../asm/method-visitor.js';
import { Opcodes } from '../asm/opcodes.js';
import { AbstractInsnNode } from './abstract-insn-node.js';
import type { LabelNode } from './label-node.js';
import { Util } from './util.js';

/** A node that represents a TABLESWITCH instruction. */
export class TableSwitchInsnNode extends AbstractInsnNode {
  /** The minimum key value. */
  min: number;

  /** The maximum key value. */
  max: number;

  /** The target of the default case. */
  dflt: LabelNode;

  /** The targets of the keys min…max: `labels[i]` is the target for key `min + i`. */
  labels: LabelNode[];

  /** Java's varargs `labels` is a plain array here; it is copied. */
  constructor(min: number, max: number, dflt: LabelNode, labels: readonly LabelNode[] | null) {
    super(Opcodes.TABLESWITCH);
    this.min = min;
    this.max = max;
    this.dflt = dflt;
    this.labels = Util.asArrayList(labels);
  }

  override getType(): number {
    return AbstractInsnNode.TABLESWITCH_INSN;
  }

  override accept(methodVisitor: MethodVisitor): void {
    const n = this.labels.length;
    const labelsArray: Label[] = new Array(n);
    for (let i = 0; i < n; ++i) {
      labelsArray[i] = this.labels[i]!.getLabel();
    }
    methodVisitor.visitTableSwitchInsn(this.min, this.max, this.dflt.getLabel(), labelsArray);
    this.acceptAnnotations(methodVisitor);
  }

  override clone(clonedLabels: Map<LabelNode, LabelNode>): AbstractInsnNode {
    return new TableSwitchInsnNode(
      this.min,
      this.max,
      AbstractInsnNode.clone(this.dflt, clonedLabels),
      AbstractInsnNode.clone(this.labels, clonedLabels),
    ).cloneAnnotations(this);
  }
}
