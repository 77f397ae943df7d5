import type { MethodVisitor } from '../asm/method-visitor.js';

/** A node that represents a method parameter (an entry of MethodParameters, JVMS §4.7.24). */
export class ParameterNode {
  /** The parameter's name; null for a parameter without a name. */
  name: string | null;

  /** The parameter's access flags: ACC_FINAL, ACC_SYNTHETIC and/or ACC_MANDATED. */
  access: number;

  constructor(name: string | null, access: number) {
    this.name = name;
    this.access = access;
  }

  /** Makes `methodVisitor` visit this parameter. */
  accept(methodVisitor: MethodVisitor): void {
    methodVisitor.visitParameter(this.name, this.access);
  }
}
