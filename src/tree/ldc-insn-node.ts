import type { ConstantValue } from '../asm/java-values.js';
import type { MethodVisitor } from '../asm/method-visitor.js';
import { Opcodes } from '../asm/opcodes.js';
import { AbstractInsnNode } from './abstract-insn-node.js';
import type { LabelNode } from './label-node.js';

/** A node that represents an LDC instruction (LDC_W and LDC2_W are chosen by the writer). */
export class LdcInsnNode extends AbstractInsnNode {
  /**
   * The constant to load: a number (int), `Float`, bigint (long), `Double`, string, `Type`
   * (class or method type), `Handle` or `ConstantDynamic` (JVMS §4.4).
   */
  cst: ConstantValue;

  constructor(value: ConstantValue) {
    super(Opcodes.LDC);
    this.cst = value;
  }

  override getType(): number {
    return AbstractInsnNode.LDC_INSN;
  }

  override accept(methodVisitor: MethodVisitor): void {
    methodVisitor.visitLdcInsn(this.cst);
    this.acceptAnnotations(methodVisitor);
  }

  override clone(_clonedLabels: Map<LabelNode, LabelNode>): AbstractInsnNode {
    return new LdcInsnNode(this.cst).cloneAnnotations(this);
  }
}
