// # CtMethod: a method of a CtClass (Javassist's CtMethod).

import { Opcodes } from '../asm/opcodes.js';
import { Type } from '../asm/type.js';
import { MethodNode } from '../tree/method-node.js';
import { CtBehavior } from './ct-behavior.js';
import type { CtClass } from './ct-class.js';
import { compileMethodDeclaration } from './source-compiler.js';
import { ConstParameter } from './const-parameter.js';
import { setWrappedBody } from './wrapped-method.js';

export class CtMethod extends CtBehavior {
  /** The constant a CtNewMethod.wrapped method passes to its body (Javassist's CtMethod.ConstParameter). */
  static readonly ConstParameter = ConstParameter;

  /**
   * A new public abstract method (Javassist's constructor): give it a body with setBody (which
   * clears ACC_ABSTRACT) and add it with declaring.addMethod.
   */
  constructor(returnType: CtClass, name: string, parameters: readonly CtClass[], declaring: CtClass);
  /** @internal Wraps a method of the class's tree. */
  constructor(node: MethodNode, declaring: CtClass);
  constructor(first: CtClass | MethodNode, second: string | CtClass, parameters?: readonly CtClass[], declaring?: CtClass) {
    if (first instanceof MethodNode) {
      super(first, second as CtClass);
    } else {
      const descriptor = '(' + (parameters ?? []).map((p) => p.getDescriptor()).join('') + ')' + first.getDescriptor();
      super(new MethodNode(Opcodes.ASM9, Opcodes.ACC_PUBLIC | Opcodes.ACC_ABSTRACT, second as string, descriptor, null, null), declaring!);
    }
  }

  /** @internal */
  static wrap(node: MethodNode, declaring: CtClass): CtMethod {
    return new CtMethod(node, declaring);
  }

  /** A method from Java source (Javassist's CtMethod.make = CtNewMethod.make). */
  static make(source: string, declaring: CtClass): CtMethod {
    return new CtMethod(compileMethodDeclaration(declaring, source), declaring);
  }

  getName(): string {
    return this.node.name;
  }

  setName(name: string): void {
    this.declaringClass.checkModify(this.node);
    this.node.name = name;
    this.declaringClass.memberDeclarationChanged();
  }

  getReturnType(): CtClass {
    return this.declaringClass.getClassPool().getByDescriptor(Type.getReturnType(this.node.desc).getDescriptor());
  }

  /**
   * Replaces the body with a call of `body` (`Object body(Object[] args)`, or with a second parameter
   * of `constParam`'s type), copied into this class once, as CtNewMethod.wrapped makes it (Javassist's
   * setWrappedBody; see wrapped-method.ts).
   */
  setWrappedBody(body: CtMethod, constParam: ConstParameter | null): void {
    setWrappedBody(this, body, constParam);
  }
}
