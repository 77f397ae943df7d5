import type { Label } from '../asm/label.js';
import type { MethodVisitor } from '../asm/method-visitor.js';
import { Opcodes } from '../asm/opcodes.js';
import { AbstractInsnNode } from './abstract-insn-node.js';
import { LabelNode } from './label-node.js';
import { Util } from './util.js';
import { IllegalArgumentException } from '../asm/java-exceptions.js';

/**
 * A verification type in a `FrameNode`: a number (Opcodes.TOP… UNINITIALIZED_THIS), an internal
 * name, or the `LabelNode` of the NEW instruction of an uninitialized value (JVMS §4.7.4).
 * F_CHOP frames hold nulls: only the count of removed locals matters.
 */
export type FrameNodeElement = number | string | LabelNode | null;

/**
 * A pseudo instruction that represents a stack map frame (JVMS §4.7.4). It must be placed just
 * before the instruction it describes (a jump target, an exception handler, or an instruction
 * after an unconditional branch); frames are mandatory from class version 50 (V1_6) on.
 */
export class FrameNode extends AbstractInsnNode {
  /** The frame kind: Opcodes.F_NEW for expanded frames, or F_FULL, F_APPEND, F_CHOP, F_SAME, F_SAME1. */
  type: number;

  /** The types of the local variables (see `FrameNodeElement`); null for F_SAME and F_SAME1. */
  local: FrameNodeElement[] | null;

  /** The types of the operand stack elements; null for F_APPEND, F_CHOP and F_SAME. */
  stack: FrameNodeElement[] | null;

  /**
   * @param type the frame kind (Opcodes.F_NEW, F_FULL, F_APPEND, F_CHOP, F_SAME or F_SAME1).
   * @param numLocal the number of local variable types (for F_CHOP, the number removed).
   * @param local the local variable types; only the first `numLocal` are used.
   * @param numStack the number of operand stack types.
   * @param stack the operand stack types; only the first `numStack` are used.
   */
  constructor(
    type: number,
    numLocal: number,
    local: readonly FrameNodeElement[] | null,
    numStack: number,
    stack: readonly FrameNodeElement[] | null,
  ) {
    super(-1);
    this.type = type;
    this.local = null;
    this.stack = null;
    switch (type) {
      case Opcodes.F_NEW:
      case Opcodes.F_FULL:
        this.local = Util.asArrayList(numLocal, local);
        this.stack = Util.asArrayList(numStack, stack);
        break;
      case Opcodes.F_APPEND:
        this.local = Util.asArrayList(numLocal, local);
        break;
      case Opcodes.F_CHOP:
        this.local = Util.asArrayList<FrameNodeElement>(numLocal);
        break;
      case Opcodes.F_SAME:
        break;
      case Opcodes.F_SAME1:
        this.stack = Util.asArrayList(1, stack);
        break;
      default:
        throw new IllegalArgumentException(`invalid frame type ${type}`);
    }
  }

  override getType(): number {
    return AbstractInsnNode.FRAME;
  }

  override accept(methodVisitor: MethodVisitor): void {
    switch (this.type) {
      case Opcodes.F_NEW:
      case Opcodes.F_FULL:
        methodVisitor.visitFrame(
          this.type,
          this.local!.length,
          FrameNode.asArray(this.local!),
          this.stack!.length,
          FrameNode.asArray(this.stack!),
        );
        break;
      case Opcodes.F_APPEND:
        methodVisitor.visitFrame(this.type, this.local!.length, FrameNode.asArray(this.local!), 0, null);
        break;
      case Opcodes.F_CHOP:
        methodVisitor.visitFrame(this.type, this.local!.length, null, 0, null);
        break;
      case Opcodes.F_SAME:
        methodVisitor.visitFrame(this.type, 0, null, 0, null);
        break;
      case Opcodes.F_SAME1:
        methodVisitor.visitFrame(this.type, 0, null, 1, FrameNode.asArray(this.stack!));
        break;
      default:
        throw new IllegalArgumentException(`invalid frame type ${this.type}`);
    }
  }

  override clone(clonedLabels: Map<LabelNode, LabelNode>): AbstractInsnNode {
    const clone = new FrameNode(Opcodes.F_SAME, 0, null, 0, null);
    clone.type = this.type;
    if (this.local !== null) {
      clone.local = FrameNode.cloneElements(this.local, clonedLabels);
    }
    if (this.stack !== null) {
      clone.stack = FrameNode.cloneElements(this.stack, clonedLabels);
    }
    return clone;
  }

  private static cloneElements(
    elements: readonly FrameNodeElement[],
    clonedLabels: Map<LabelNode, LabelNode>,
  ): FrameNodeElement[] {
    const n = elements.length;
    const result: FrameNodeElement[] = new Array(n);
    for (let i = 0; i < n; ++i) {
      const element = elements[i]!;
      result[i] = element instanceof LabelNode ? ((clonedLabels.get(element) ?? null) as LabelNode) : element;
    }
    return result;
  }

  /** The visitor form of a type list: LabelNodes replaced by their Labels. */
  private static asArray(list: readonly FrameNodeElement[]): Array<number | string | Label> {
    const n = list.length;
    const array: Array<number | string | Label> = new Array(n);
    for (let i = 0; i < n; ++i) {
      const element = list[i]!;
      array[i] = (element instanceof LabelNode ? element.getLabel() : element) as number | string | Label;
    }
    return array;
  }
}
