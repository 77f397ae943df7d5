import type { MethodVisitor } from '../asm/method-visitor.js';
import { AbstractInsnNode } from './abstract-insn-node.js';
import type { LabelNode } from './label-node.js';

/** A node that represents a type instruction (NEW, ANEWARRAY, CHECKCAST, INSTANCEOF). */
export class TypeInsnNode extends AbstractInsnNode {
  /** The operand: an internal name, or an array descriptor (JVMS §4.4.1). */
  desc: string;

  constructor(opcode: number, type: string) {
    super(opcode);
    this.desc = type;
  }

  /** Sets the opcode: NEW, ANEWARRAY, CHECKCAST or INSTANCEOF. */
  setOpcode(opcode: number): void {
    this.opcode = opcode;
  }

  override getType(): number {
    return AbstractInsnNode.TYPE_INSN;
  }

  override accept(methodVisitor: MethodVisitor): void {
    methodVisitor.visitTypeInsn(this.opcode, this.desc);
    this.acceptAnnotations(methodVisitor);
  }

  override clone(_clonedLabels: Map<LabelNode, LabelNode>): AbstractInsnNode {
    return new TypeInsnNode(this.opcode, this.desc).cloneAnnotations(this);
  }
}
