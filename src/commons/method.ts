// A method name plus descriptor, with a parser for Java-syntax declarations ("int foo(String[])").

import { IllegalArgumentException } from '../asm/java-exceptions.js';
import { javaStringHashCode } from '../asm/java-values.js';
import { Type } from '../asm/type.js';

/** Descriptors of the primitive type keywords (and void), JVMS §4.3.2. */
const PRIMITIVE_TYPE_DESCRIPTORS: ReadonlyMap<string, string> = new Map([
  ['void', 'V'],
  ['byte', 'B'],
  ['char', 'C'],
  ['double', 'D'],
  ['float', 'F'],
  ['int', 'I'],
  ['long', 'J'],
  ['short', 'S'],
  ['boolean', 'Z'],
]);

/**
 * A named method descriptor (ASM's org.objectweb.asm.commons.Method).
 *
 * `new Method(name, descriptor)` or `new Method(name, returnType, argumentTypes)`.
 */
export class Method {
  private readonly name: string;
  private readonly descriptor: string;

  constructor(name: string, descriptor: string);
  constructor(name: string, returnType: Type, argumentTypes: readonly Type[]);
  constructor(name: string, descriptorOrReturnType: string | Type, argumentTypes?: readonly Type[]) {
    this.name = name;
    this.descriptor =
      typeof descriptorOrReturnType === 'string'
        ? descriptorOrReturnType
        : Type.getMethodDescriptor(descriptorOrReturnType, ...(argumentTypes ?? []));
  }

  /**
   * Parses a Java method declaration without parameter names, `returnType name(argType, …)`, where
   * types are Java source types (`int`, `java.util.List`, `String[]`). An unqualified class name
   * means a java.lang class, or a class of the default package when `defaultPackage` is true.
   * Throws an Error when the text has no space, '(' or ')'.
   */
  static getMethod(method: string, defaultPackage: boolean = false): Method {
    const spaceIndex = method.indexOf(' ');
    let currentArgumentStartIndex = method.indexOf('(', spaceIndex) + 1;
    const endIndex = method.indexOf(')', currentArgumentStartIndex);
    if (spaceIndex === -1 || currentArgumentStartIndex === 0 || endIndex === -1) {
      throw new IllegalArgumentException(`not a Java method declaration: ${method}`);
    }
    const returnType = method.substring(0, spaceIndex);
    const methodName = method.substring(spaceIndex + 1, currentArgumentStartIndex - 1).trim();
    let descriptor = '(';
    let currentArgumentEndIndex: number;
    do {
      currentArgumentEndIndex = method.indexOf(',', currentArgumentStartIndex);
      if (currentArgumentEndIndex === -1) {
        descriptor += Method.getDescriptorInternal(
          method.substring(currentArgumentStartIndex, endIndex).trim(),
          defaultPackage,
        );
      } else {
        descriptor += Method.getDescriptorInternal(
          method.substring(currentArgumentStartIndex, currentArgumentEndIndex).trim(),
          defaultPackage,
        );
        currentArgumentStartIndex = currentArgumentEndIndex + 1;
      }
    } while (currentArgumentEndIndex !== -1);
    descriptor += ')' + Method.getDescriptorInternal(returnType, defaultPackage);
    return new Method(methodName, descriptor);
  }

  /** The field descriptor of a Java source type name ("" for an empty argument list). */
  private static getDescriptorInternal(type: string, defaultPackage: boolean): string {
    if (type === '') {
      return type;
    }
    let dimensions = 0;
    let bracketIndex = 0;
    while ((bracketIndex = type.indexOf('[]', bracketIndex) + 1) > 0) {
      dimensions++;
    }
    const elementType = type.substring(0, type.length - dimensions * 2);
    let result = '['.repeat(dimensions);
    const primitive = PRIMITIVE_TYPE_DESCRIPTORS.get(elementType);
    if (primitive !== undefined) {
      result += primitive;
    } else if (elementType.indexOf('.') < 0) {
      result += 'L' + (defaultPackage ? '' : 'java/lang/') + elementType + ';';
    } else {
      result += 'L' + elementType.replace(/\./g, '/') + ';';
    }
    return result;
  }

  getName(): string {
    return this.name;
  }

  getDescriptor(): string {
    return this.descriptor;
  }

  getReturnType(): Type {
    return Type.getReturnType(this.descriptor);
  }

  getArgumentTypes(): Type[] {
    return Type.getArgumentTypes(this.descriptor);
  }

  toString(): string {
    return this.name + this.descriptor;
  }

  equals(other: unknown): boolean {
    return other instanceof Method && this.name === other.name && this.descriptor === other.descriptor;
  }

  hashCode(): number {
    return javaStringHashCode(this.name) ^ javaStringHashCode(this.descriptor);
  }
}
