// # Verification by inference with the protected-access check
//
// HotSpot's inference verifier (for class files before version 50, and the failover) checks
// protected access as the type checker does (JVMS §4.10.1.8, see protected-access.ts): a SimpleVerifier
// that adds the check to getfield, putfield and invokevirtual.

import { Opcodes } from '../asm/opcodes.js';
import { Type } from '../asm/type.js';
import type { AbstractInsnNode } from '../tree/abstract-insn-node.js';
import type { FieldInsnNode } from '../tree/field-insn-node.js';
import type { MethodInsnNode } from '../tree/method-insn-node.js';
import { AnalyzerException } from './analyzer-exception.js';
import type { BasicValue } from './basic-value.js';
import type { ProtectedAccess } from './protected-access.js';
import { SimpleVerifier } from './simple-verifier.js';

export class ProtectedCheckingVerifier extends SimpleVerifier {
  /** The internal name of the class being verified. */
  protected readonly className: string;
  private readonly protectedAccess: ProtectedAccess;
  private readonly currentClassValue: BasicValue;

  constructor(
    className: string,
    superName: string | null,
    interfaces: readonly string[],
    isInterface: boolean,
    protectedAccess: ProtectedAccess,
  ) {
    super(
      Opcodes.ASM9,
      Type.getObjectType(className),
      superName === null ? null : Type.getObjectType(superName),
      interfaces.map((name) => Type.getObjectType(name)),
      isInterface,
    );
    this.className = className;
    this.protectedAccess = protectedAccess;
    this.currentClassValue = this.newValue(Type.getObjectType(className))!;
  }

  override unaryOperation(insn: AbstractInsnNode, value: BasicValue): BasicValue | null {
    const result = super.unaryOperation(insn, value);
    if (insn.getOpcode() === Opcodes.GETFIELD) this.checkProtectedAccess(insn, value, 'getfield');
    return result;
  }

  override binaryOperation(insn: AbstractInsnNode, value1: BasicValue, value2: BasicValue): BasicValue | null {
    const result = super.binaryOperation(insn, value1, value2);
    if (insn.getOpcode() === Opcodes.PUTFIELD) this.checkProtectedAccess(insn, value1, 'putfield');
    return result;
  }

  override naryOperation(insn: AbstractInsnNode, values: BasicValue[]): BasicValue | null {
    const result = super.naryOperation(insn, values);
    if (insn.getOpcode() === Opcodes.INVOKEVIRTUAL) this.checkProtectedAccess(insn, values[0]!, 'invokevirtual');
    return result;
  }

  /** A protected member of a superclass in another package must be used on an object of the current class. */
  private checkProtectedAccess(insn: AbstractInsnNode, object: BasicValue, instruction: string): void {
    const { owner, name, desc } = insn as FieldInsnNode | MethodInsnNode;
    const isArray = object.getType()?.getSort() === Type.ARRAY;
    if (!this.protectedAccess.needsCurrentClassObject(this.className, owner, name, desc, instruction === 'invokevirtual', isArray)) return;
    if (!this.isSubTypeOf(object, this.currentClassValue)) {
      throw new AnalyzerException(insn, `Bad access to protected data in ${instruction}`, this.currentClassValue, object);
    }
  }
}
