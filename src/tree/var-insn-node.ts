import type { MethodVisitor } from '../asm/method-visitor.js';
import { AbstractInsnNode } from './abstract-insn-node.js';
import type { LabelNode } from './label-node.js';

/** A node that represents a local variable instruction (xLOAD, xSTORE, RET). */
export class VarInsnNode extends AbstractInsnNode {
  /** The index of the local variable loaded or stored. */
  var: number;

  constructor(opcode: number, varIndex: number) {
    super(opcode);
    this.var = varIndex;
  }

  /** Sets the opcode: ILOAD… ALOAD, ISTORE… ASTORE or RET. */
  setOpcode(opcode: number): void {
    this.opcode = opcode;
  }

  override getType(): number {
    return AbstractInsnNode.VAR_INSN;
  }

  override accept(methodVisitor: MethodVisitor): void {
    methodVisitor.visitVarInsn(this.opcode, this.var);
    this.acceptAnnotations(methodVisitor);
  }

  override clone(_clonedLabels: Map<LabelNode, LabelNode>): AbstractInsnNode {
    return new VarInsnNode(this.opcode, this.var).cloneAnnotations(this);
  }
}
