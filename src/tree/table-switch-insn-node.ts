import type { Label } from '../asm/label.js';
import type { MethodVisitor } from '../asm/method-visitor.js';
import { Opcodes } from '../asm/opcodes.js';
import { spreadNullableArguments } from '../asm/varargs.js';
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

  /** As Java's varargs `labels`, the labels are given one by one or as one array (copied; null for none). */
  constructor(min: number, max: number, dflt: LabelNode, ...labels: (LabelNode | readonly LabelNode[] | null)[]);
  constructor(
    min: number,
    max: number,
    dflt: LabelNode,
    labelsOrFirst?: LabelNode | readonly LabelNode[] | null,
    ...labelsMore: LabelNode[]
  ) {
    super(Opcodes.TABLESWITCH);
    this.min = min;
    this.max = max;
    this.dflt = dflt;
    this.labels = Array.isArray(labelsOrFirst)
      ? Util.asArrayList(labelsOrFirst as readonly LabelNode[])
      : Util.asArrayList(spreadNullableArguments(labelsOrFirst as LabelNode | null | undefined, labelsMore));
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
