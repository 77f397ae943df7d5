import type { Handle } from '../asm/handle.js';
import type { ConstantValue } from '../asm/java-values.js';
import type { MethodVisitor } from '../asm/method-visitor.js';
import { Opcodes } from '../asm/opcodes.js';
import { varargsOf } from '../asm/varargs.js';
import { AbstractInsnNode } from './abstract-insn-node.js';
import type { LabelNode } from './label-node.js';

/** A node that represents an INVOKEDYNAMIC instruction (JVMS §6.5.invokedynamic, §4.4.10). */
export class InvokeDynamicInsnNode extends AbstractInsnNode {
  /** The method's name. */
  name: string;

  /** The method's descriptor. */
  desc: string;

  /** The bootstrap method. */
  bsm: Handle;

  /** The bootstrap method's static arguments: number, Float, bigint, Double, string, Type, Handle or ConstantDynamic. */
  bsmArgs: ConstantValue[];

  /**
   * As Java's varargs `bootstrapMethodArguments`, the arguments are given one by one or as one array (kept, not
   * copied, as in ASM).
   */
  constructor(
    name: string,
    descriptor: string,
    bootstrapMethodHandle: Handle,
    ...bootstrapMethodArguments: (ConstantValue | readonly unknown[])[]
  );
  constructor(
    name: string,
    descriptor: string,
    bootstrapMethodHandle: Handle,
    bootstrapMethodArgumentsOrFirst?: ConstantValue | readonly unknown[],
    ...bootstrapMethodArgumentsMore: ConstantValue[]
  ) {
    super(Opcodes.INVOKEDYNAMIC);
    this.name = name;
    this.desc = descriptor;
    this.bsm = bootstrapMethodHandle;
    this.bsmArgs = varargsOf<ConstantValue>(bootstrapMethodArgumentsOrFirst as ConstantValue | readonly ConstantValue[] | undefined, bootstrapMethodArgumentsMore);
  }

  override getType(): number {
    return AbstractInsnNode.INVOKE_DYNAMIC_INSN;
  }

  override accept(methodVisitor: MethodVisitor): void {
    methodVisitor.visitInvokeDynamicInsn(this.name, this.desc, this.bsm, this.bsmArgs);
    this.acceptAnnotations(methodVisitor);
  }

  override clone(_clonedLabels: Map<LabelNode, LabelNode>): AbstractInsnNode {
    return new InvokeDynamicInsnNode(this.name, this.desc, this.bsm, this.bsmArgs).cloneAnnotations(this);
  }
}
