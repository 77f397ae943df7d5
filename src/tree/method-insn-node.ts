import type { MethodVisitor } from '../asm/method-visitor.js';
import { Opcodes } from '../asm/opcodes.js';
import { AbstractInsnNode } from './abstract-insn-node.js';
import type { LabelNode } from './label-node.js';

/** A node that represents a method call (INVOKEVIRTUAL, INVOKESPECIAL, INVOKESTATIC, INVOKEINTERFACE). */
export class MethodInsnNode extends AbstractInsnNode {
  /** The internal name of the method's owner class (or an array descriptor). */
  owner: string;

  /** The method's name. */
  name: string;

  /** The method's descriptor. */
  desc: string;

  /** Whether the owner is an interface (JVMS §4.4.2: InterfaceMethodref rather than Methodref). */
  itf: boolean;

  /**
   * `isInterface` defaults to `opcode === INVOKEINTERFACE`, as ASM's deprecated four-argument
   * constructor does.
   */
  constructor(opcode: number, owner: string, name: string, descriptor: string, isInterface?: boolean) {
    super(opcode);
    this.owner = owner;
    this.name = name;
    this.desc = descriptor;
    this.itf = isInterface ?? opcode === Opcodes.INVOKEINTERFACE;
  }

  /** Sets the opcode: INVOKEVIRTUAL, INVOKESPECIAL, INVOKESTATIC or INVOKEINTERFACE. */
  setOpcode(opcode: number): void {
    this.opcode = opcode;
  }

  override getType(): number {
    return AbstractInsnNode.METHOD_INSN;
  }

  override accept(methodVisitor: MethodVisitor): void {
    methodVisitor.visitMethodInsn(this.opcode, this.owner, this.name, this.desc, this.itf);
    this.acceptAnnotations(methodVisitor);
  }

  override clone(_clonedLabels: Map<LabelNode, LabelNode>): AbstractInsnNode {
    return new MethodInsnNode(this.opcode, this.owner, this.name, this.desc, this.itf).cloneAnnotations(this);
  }
}
