// The parts common to fields, methods and constructors (Javassist's CtMember), over the FieldNode
// or MethodNode of the class's tree: both carry access flags, a descriptor and a generic signature.

import type { CtClass } from './ct-class.js';

/** What a member's tree node has in common (FieldNode, MethodNode). */
export interface MemberNode {
  access: number;
  name: string;
  desc: string;
  signature: string | null;
}

export abstract class CtMember {
  /** @internal */
  protected constructor(
    protected readonly declaringClass: CtClass,
    private readonly memberNode: MemberNode,
  ) {}

  getDeclaringClass(): CtClass {
    return this.declaringClass;
  }

  abstract getName(): string;

  getModifiers(): number {
    return this.memberNode.access;
  }

  setModifiers(modifiers: number): void {
    this.declaringClass.checkModify();
    this.memberNode.access = modifiers;
  }

  /** The JVM descriptor (Javassist's getSignature). */
  getSignature(): string {
    return this.memberNode.desc;
  }

  /** The generic signature attribute, or null. */
  getGenericSignature(): string | null {
    return this.memberNode.signature;
  }

  setGenericSignature(signature: string | null): void {
    this.declaringClass.checkModify();
    this.memberNode.signature = signature;
  }

  toString(): string {
    return `${this.constructor.name}[${this.getDeclaringClass().getName()}.${this.getName()}${this.getSignature()}]`;
  }
}
