import type { MethodVisitor } from '../asm/method-visitor.js';
import { AbstractInsnNode } from './abstract-insn-node.js';
import type { LabelNode } from './label-node.js';

/** A node that represents a field instruction (GETSTATIC, PUTSTATIC, GETFIELD, PUTFIELD). */
export class FieldInsnNode extends AbstractInsnNode {
  /** The internal name of the field's owner class. */
  owner: string;

  /** The field's name. */
  name: string;

  /** The field's descriptor. */
  desc: string;

  constructor(opcode: number, owner: string, name: string, descriptor: string) {
    super(opcode);
    this.owner = owner;
    this.name = name;
    this.desc = descriptor;
  }

  /** Sets the opcode: GETSTATIC, PUTSTATIC, GETFIELD or PUTFIELD. */
  setOpcode(opcode: number): void {
    this.opcode = opcode;
  }

  override getType(): number {
    return AbstractInsnNode.FIELD_INSN;
  }

  override accept(methodVisitor: MethodVisitor): void {
    methodVisitor.visitFieldInsn(this.opcode, this.owner, this.name, this.desc);
    this.acceptAnnotations(methodVisitor);
  }

  override clone(_clonedLabels: Map<LabelNode, LabelNode>): AbstractInsnNode {
    return new FieldInsnNode(this.opcode, this.owner, this.name, this.desc).cloneAnnotations(this);
  }
}
