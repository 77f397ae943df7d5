import type { MethodVisitor } from '../asm/method-visitor.js';
import type { LabelNode } from './label-node.js';
import { TypeAnnotationNode } from './type-annotation-node.js';

/**
 * A node that represents a bytecode instruction (JVMS §6.5) or a pseudo instruction (label, line
 * number, stack map frame). An instruction belongs to at most one `InsnList` at a time, where it
 * is linked to its neighbours.
 */
export abstract class AbstractInsnNode {
  // ## The type of each node class, as returned by getType().

  /** The type of `InsnNode` instructions. */
  static readonly INSN = 0;
  /** The type of `IntInsnNode` instructions. */
  static readonly INT_INSN = 1;
  /** The type of `VarInsnNode` instructions. */
  static readonly VAR_INSN = 2;
  /** The type of `TypeInsnNode` instructions. */
  static readonly TYPE_INSN = 3;
  /** The type of `FieldInsnNode` instructions. */
  static readonly FIELD_INSN = 4;
  /** The type of `MethodInsnNode` instructions. */
  static readonly METHOD_INSN = 5;
  /** The type of `InvokeDynamicInsnNode` instructions. */
  static readonly INVOKE_DYNAMIC_INSN = 6;
  /** The type of `JumpInsnNode` instructions. */
  static readonly JUMP_INSN = 7;
  /** The type of `LabelNode` pseudo instructions. */
  static readonly LABEL = 8;
  /** The type of `LdcInsnNode` instructions. */
  static readonly LDC_INSN = 9;
  /** The type of `IincInsnNode` instructions. */
  static readonly IINC_INSN = 10;
  /** The type of `TableSwitchInsnNode` instructions. */
  static readonly TABLESWITCH_INSN = 11;
  /** The type of `LookupSwitchInsnNode` instructions. */
  static readonly LOOKUPSWITCH_INSN = 12;
  /** The type of `MultiANewArrayInsnNode` instructions. */
  static readonly MULTIANEWARRAY_INSN = 13;
  /** The type of `FrameNode` pseudo instructions. */
  static readonly FRAME = 14;
  /** The type of `LineNumberNode` pseudo instructions. */
  static readonly LINE = 15;

  /** The opcode of this instruction, or -1 for pseudo instructions. */
  protected opcode: number;

  /** The runtime visible type annotations of this instruction (real instructions only). May be null. */
  visibleTypeAnnotations: TypeAnnotationNode[] | null;

  /** The runtime invisible type annotations of this instruction (real instructions only). May be null. */
  invisibleTypeAnnotations: TypeAnnotationNode[] | null;

  /**
   * The previous instruction in the list this instruction belongs to.
   *
   * @internal
   */
  previousInsn: AbstractInsnNode | null;

  /**
   * The next instruction in the list this instruction belongs to.
   *
   * @internal
   */
  nextInsn: AbstractInsnNode | null;

  /**
   * The index of this instruction in its list, valid only while the list's index cache is built;
   * -1 when the instruction belongs to no list.
   *
   * @internal
   */
  index: number;

  protected constructor(opcode: number) {
    this.opcode = opcode;
    this.visibleTypeAnnotations = null;
    this.invisibleTypeAnnotations = null;
    this.previousInsn = null;
    this.nextInsn = null;
    this.index = -1;
  }

  /** The opcode of this instruction, or -1 for labels, line numbers and frames. */
  getOpcode(): number {
    return this.opcode;
  }

  /** The type of this node: one of the constants of this class (INSN, INT_INSN… LINE). */
  abstract getType(): number;

  /** The previous instruction of the list this instruction belongs to, if any. */
  getPrevious(): AbstractInsnNode | null {
    return this.previousInsn;
  }

  /** The next instruction of the list this instruction belongs to, if any. */
  getNext(): AbstractInsnNode | null {
    return this.nextInsn;
  }

  /** Makes `methodVisitor` visit this instruction. */
  abstract accept(methodVisitor: MethodVisitor): void;

  /** Makes `methodVisitor` visit the type annotations of this instruction. */
  protected acceptAnnotations(methodVisitor: MethodVisitor): void {
    const visible = this.visibleTypeAnnotations;
    if (visible !== null) {
      for (let i = 0, n = visible.length; i < n; ++i) {
        const typeAnnotation = visible[i]!;
        typeAnnotation.accept(
          methodVisitor.visitInsnAnnotation(typeAnnotation.typeRef, typeAnnotation.typePath, typeAnnotation.desc as string, true),
        );
      }
    }
    const invisible = this.invisibleTypeAnnotations;
    if (invisible !== null) {
      for (let i = 0, n = invisible.length; i < n; ++i) {
        const typeAnnotation = invisible[i]!;
        typeAnnotation.accept(
          methodVisitor.visitInsnAnnotation(typeAnnotation.typeRef, typeAnnotation.typePath, typeAnnotation.desc as string, false),
        );
      }
    }
  }

  /**
   * Returns a copy of this instruction, belonging to no list; `clonedLabels` maps the labels of
   * this instruction's method to their copies.
   */
  abstract clone(clonedLabels: Map<LabelNode, LabelNode>): AbstractInsnNode;

  /**
   * ASM's package-private static `clone` helpers: the copy of one label, or of each label of a
   * list, looked up in `clonedLabels` (null when a label has no copy, as Java's Map.get).
   *
   * @internal
   */
  static clone(label: LabelNode, clonedLabels: Map<LabelNode, LabelNode>): LabelNode;
  static clone(labels: readonly LabelNode[], clonedLabels: Map<LabelNode, LabelNode>): LabelNode[];
  static clone(
    labels: LabelNode | readonly LabelNode[],
    clonedLabels: Map<LabelNode, LabelNode>,
  ): LabelNode | LabelNode[] {
    if (Array.isArray(labels)) {
      const n = labels.length;
      const clones: LabelNode[] = new Array(n);
      for (let i = 0; i < n; ++i) {
        clones[i] = (clonedLabels.get(labels[i]!) ?? null) as LabelNode;
      }
      return clones;
    }
    return (clonedLabels.get(labels as LabelNode) ?? null) as LabelNode;
  }

  /** Copies the type annotations of `insnNode` into this instruction; returns this instruction. */
  protected cloneAnnotations(insnNode: AbstractInsnNode): this {
    const visible = insnNode.visibleTypeAnnotations;
    if (visible !== null) {
      this.visibleTypeAnnotations = [];
      for (let i = 0, n = visible.length; i < n; ++i) {
        const source = visible[i]!;
        const copy = new TypeAnnotationNode(source.typeRef, source.typePath, source.desc as string);
        source.accept(copy);
        this.visibleTypeAnnotations.push(copy);
      }
    }
    const invisible = insnNode.invisibleTypeAnnotations;
    if (invisible !== null) {
      this.invisibleTypeAnnotations = [];
      for (let i = 0, n = invisible.length; i < n; ++i) {
        const source = invisible[i]!;
        const copy = new TypeAnnotationNode(source.typeRef, source.typePath, source.desc as string);
        source.accept(copy);
        this.invisibleTypeAnnotations.push(copy);
      }
    }
    return this;
  }
}
