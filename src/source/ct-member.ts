// The parts common to fields, methods and constructors (Javassist's CtMember).

import type { CtClass } from './ct-class.js';

export abstract class CtMember {
  /** @internal */
  protected constructor(protected readonly declaringClass: CtClass) {}

  getDeclaringClass(): CtClass {
    return this.declaringClass;
  }

  abstract getName(): string;

  abstract getModifiers(): number;

  abstract setModifiers(modifiers: number): void;

  /** The JVM descriptor (Javassist's getSignature). */
  abstract getSignature(): string;

  /** The generic signature attribute, or null. */
  abstract getGenericSignature(): string | null;

  toString(): string {
    return `${this.constructor.name}[${this.getDeclaringClass().getName()}.${this.getName()}${this.getSignature()}]`;
  }
}
