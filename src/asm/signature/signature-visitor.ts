import { checkApi } from '../constants.js';

/**
 * Visits a generic signature (JVMS §4.7.9.1). Calls come in one of three orders:
 * - ClassSignature: (visitFormalTypeParameter visitClassBound? visitInterfaceBound*)*
 *   visitSuperclass visitInterface*
 * - MethodSignature: (visitFormalTypeParameter visitClassBound? visitInterfaceBound*)*
 *   visitParameterType* visitReturnType visitExceptionType*
 * - JavaTypeSignature (the only order for visitors returned by these methods): visitBaseType |
 *   visitTypeVariable | visitArrayType | (visitClassType visitTypeArgument*
 *   (visitInnerClassType visitTypeArgument*)* visitEnd)
 *
 * Java's `char` parameters are one-character strings here: visitBaseType('I'),
 * visitTypeArgument('+').
 */
export class SignatureVisitor {
  /** Wildcard of an "extends" type argument. */
  static readonly EXTENDS = '+';
  /** Wildcard of a "super" type argument. */
  static readonly SUPER = '-';
  /** Wildcard of an exact type argument. */
  static readonly INSTANCEOF = '=';

  /** The ASM API level implemented by this visitor (one of Opcodes.ASM4…ASM9). */
  readonly api: number;

  constructor(api: number) {
    checkApi(api);
    this.api = api;
  }

  /** Visits a formal type parameter. */
  visitFormalTypeParameter(name: string): void {
    void name;
  }

  /** Visits the class bound of the last formal type parameter. */
  visitClassBound(): SignatureVisitor {
    return this;
  }

  /** Visits an interface bound of the last formal type parameter. */
  visitInterfaceBound(): SignatureVisitor {
    return this;
  }

  /** Visits the super class type. */
  visitSuperclass(): SignatureVisitor {
    return this;
  }

  /** Visits an implemented interface type. */
  visitInterface(): SignatureVisitor {
    return this;
  }

  /** Visits a method parameter type. */
  visitParameterType(): SignatureVisitor {
    return this;
  }

  /** Visits the method return type. */
  visitReturnType(): SignatureVisitor {
    return this;
  }

  /** Visits a thrown exception type. */
  visitExceptionType(): SignatureVisitor {
    return this;
  }

  /** Visits a primitive type: its descriptor character, or 'V' for void. */
  visitBaseType(descriptor: string): void {
    void descriptor;
  }

  /** Visits a type variable. */
  visitTypeVariable(name: string): void {
    void name;
  }

  /** Visits an array type; the returned visitor visits the element type. */
  visitArrayType(): SignatureVisitor {
    return this;
  }

  /** Starts a class or interface type, given its internal name. */
  visitClassType(name: string): void {
    void name;
  }

  /** Visits an inner class type: its simple name within the enclosing class type. */
  visitInnerClassType(name: string): void {
    void name;
  }

  /**
   * Without argument: visits an unbounded type argument `*` of the last class or inner class
   * type. With a wildcard ('+', '-' or '='): visits a type argument, whose type the returned
   * visitor visits.
   */
  visitTypeArgument(): void;
  visitTypeArgument(wildcard: string): SignatureVisitor;
  visitTypeArgument(wildcard?: string): SignatureVisitor | void {
    void wildcard;
    return this;
  }

  /** Ends a class or interface type. */
  visitEnd(): void {}
}
