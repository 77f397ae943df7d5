import type { Label } from '../asm/label.js';
import type { MethodVisitor } from '../asm/method-visitor.js';
import { Opcodes } from '../asm/opcodes.js';
import { AbstractInsnNode } from './abstract-insn-node.js';
import type { LabelNode } from './label-node.js';
import { Util } from './util.js';

/** A node that represents a LOOKUPSWITCH instruction. */
export class LookupSwitchInsnNode extends AbstractInsnNode {
  /** The target of the default case. */
  dflt: LabelNode;

  /** The keys, sorted in increasing order (JVMS §6.5.lookupswitch). */
  keys: number[];

  /** The targets: `labels[i]` is the target for `keys[i]`. */
  labels: LabelNode[];

  constructor(dflt: LabelNode, keys: ArrayLike<number> | null, labels: readonly LabelNode[] | null) {
    super(Opcodes.LOOKUPSWITCH);
    this.dflt = dflt;
    this.keys = keys === null ? [] : Array.from(keys);
    this.labels = Util.asArrayList(labels);
  }

  override getType(): number {
    return AbstractInsnNode.LOOKUPSWITCH_INSN;
  }

  override accept(methodVisitor: MethodVisitor): void {
    const keysArray = this.keys.slice();
    const n = this.labels.length;
    const labelsArray: Label[] = new Array(n);
    for (let i = 0; i < n; ++i) {
      labelsArray[i] = this.labels[i]!.getLabel();
    }
    methodVisitor.visitLookupSwitchInsn(this.dflt.getLabel(), keysArray, labelsArray);
    this.acceptAnnotations(methodVisitor);
  }

  override clone(clonedLabels: Map<LabelNode, LabelNode>): AbstractInsnNode {
    return new LookupSwitchInsnNode(
      AbstractInsnNode.clone(this.dflt, clonedLabels),
      this.keys,
      AbstractInsnNode.clone(this.labels, clonedLabels),
    ).cloneAnnotations(this);
  }
}
