// # TraceSignatureVisitor: rebuilds the Java declaration of a generic signature (JVMS §4.7.9.1)
//
// Given to a SignatureReader, it turns `<T:Ljava/lang/Object;>(TT;)Ljava/util/List<TT;>;` into
// `<T> (T)` with return type `java.util.List<T>`, as Textifier's "// declaration:" lines show.

import { Opcodes } from '../asm/opcodes.js';
import { SignatureVisitor } from '../asm/signature/signature-visitor.js';
import { StringBuilder } from './string-builder.js';
import { IllegalArgumentException } from '../asm/java-exceptions.js';

const COMMA_SEPARATOR = ', ';
const EXTENDS_SEPARATOR = ' extends ';
const IMPLEMENTS_SEPARATOR = ' implements ';

// Java names of the base type descriptors (JVMS §4.3.2, Table 4.3-A) and V.
const BASE_TYPES: Readonly<Record<string, string>> = {
  Z: 'boolean',
  B: 'byte',
  C: 'char',
  S: 'short',
  I: 'int',
  J: 'long',
  F: 'float',
  D: 'double',
  V: 'void',
};

/** A SignatureVisitor that builds the Java generic declaration of the signature it visits. */
export class TraceSignatureVisitor extends SignatureVisitor {
  /** Whether a class signature belongs to an interface (its super interfaces "extend"). */
  private readonly isInterface: boolean;

  /** The declaration built so far (shared with the parent for return and exception types). */
  private declaration: StringBuilder;

  /** The return type of a method signature, once visitReturnType has been called. */
  private returnType: StringBuilder | null = null;

  /** The exception types of a method signature, once visitExceptionType has been called. */
  private exceptions: StringBuilder | null = null;

  private formalTypeParameterVisited = false;
  private interfaceBoundVisited = false;
  private parameterTypeVisited = false;
  private interfaceVisited = false;

  /**
   * One bit per class type being visited, top of stack in bit 0: set when that class type has
   * type arguments (so its closing '>' is due). Push = *2, pop = /2, with Java int arithmetic.
   */
  private argumentStack = 0;

  /** One bit per type being visited, top in bit 0: set when that type is an array element type. */
  private arrayStack = 0;

  /** The text to put before the next class or type variable name. */
  private separator = '';

  /** `accessFlags` are the class's access flags (only ACC_INTERFACE matters). */
  constructor(accessFlags: number) {
    super(Opcodes.ASM9);
    this.isInterface = (accessFlags & Opcodes.ACC_INTERFACE) !== 0;
    this.declaration = new StringBuilder();
  }

  /** A child visitor that appends a return or exception type to `stringBuilder`. */
  private static appendingTo(stringBuilder: StringBuilder): TraceSignatureVisitor {
    const visitor = new TraceSignatureVisitor(0);
    visitor.declaration = stringBuilder;
    return visitor;
  }

  override visitFormalTypeParameter(name: string): void {
    this.declaration.append(this.formalTypeParameterVisited ? COMMA_SEPARATOR : '<').append(name);
    this.formalTypeParameterVisited = true;
    this.interfaceBoundVisited = false;
  }

  override visitClassBound(): SignatureVisitor {
    this.separator = EXTENDS_SEPARATOR;
    this.startType();
    return this;
  }

  override visitInterfaceBound(): SignatureVisitor {
    this.separator = this.interfaceBoundVisited ? COMMA_SEPARATOR : EXTENDS_SEPARATOR;
    this.interfaceBoundVisited = true;
    this.startType();
    return this;
  }

  override visitSuperclass(): SignatureVisitor {
    this.endFormals();
    this.separator = EXTENDS_SEPARATOR;
    this.startType();
    return this;
  }

  override visitInterface(): SignatureVisitor {
    if (this.interfaceVisited) {
      this.separator = COMMA_SEPARATOR;
    } else {
      this.separator = this.isInterface ? EXTENDS_SEPARATOR : IMPLEMENTS_SEPARATOR;
      this.interfaceVisited = true;
    }
    this.startType();
    return this;
  }

  override visitParameterType(): SignatureVisitor {
    this.endFormals();
    if (this.parameterTypeVisited) {
      this.declaration.append(COMMA_SEPARATOR);
    } else {
      this.declaration.append('(');
      this.parameterTypeVisited = true;
    }
    this.startType();
    return this;
  }

  override visitReturnType(): SignatureVisitor {
    this.endFormals();
    if (this.parameterTypeVisited) {
      this.parameterTypeVisited = false;
    } else {
      this.declaration.append('(');
    }
    this.declaration.append(')');
    this.returnType = new StringBuilder();
    return TraceSignatureVisitor.appendingTo(this.returnType);
  }

  override visitExceptionType(): SignatureVisitor {
    if (this.exceptions === null) {
      this.exceptions = new StringBuilder();
    } else {
      this.exceptions.append(COMMA_SEPARATOR);
    }
    return TraceSignatureVisitor.appendingTo(this.exceptions);
  }

  override visitBaseType(descriptor: string): void {
    const baseType = BASE_TYPES[descriptor];
    if (baseType === undefined) {
      throw new IllegalArgumentException(`invalid base type descriptor ${descriptor}`);
    }
    this.declaration.append(baseType);
    this.endType();
  }

  override visitTypeVariable(name: string): void {
    this.declaration.append(this.separator).append(name);
    this.separator = '';
    this.endType();
  }

  override visitArrayType(): SignatureVisitor {
    this.startType();
    this.arrayStack |= 1;
    return this;
  }

  override visitClassType(name: string): void {
    if (name === 'java/lang/Object') {
      // Object is needed as a type argument or a parameter type ("Map<java.lang.Object, …>",
      // "get(java.lang.Object)"), but not as an implied bound or superclass.
      const needObjectClass = this.argumentStack % 2 !== 0 || this.parameterTypeVisited;
      if (needObjectClass) {
        this.declaration.append(this.separator).append(name.replace(/\//g, '.'));
      }
    } else {
      this.declaration.append(this.separator).append(name.replace(/\//g, '.'));
    }
    this.separator = '';
    this.argumentStack = (this.argumentStack * 2) | 0;
  }

  override visitInnerClassType(name: string): void {
    if (this.argumentStack % 2 !== 0) {
      this.declaration.append('>');
    }
    this.argumentStack = (this.argumentStack / 2) | 0;
    this.declaration.append('.');
    this.declaration.append(this.separator).append(name.replace(/\//g, '.'));
    this.separator = '';
    this.argumentStack = (this.argumentStack * 2) | 0;
  }

  /** Without `wildcard`, an unbounded `?` argument; with EXTENDS, SUPER or INSTANCEOF, a bounded one. */
  override visitTypeArgument(): void;
  override visitTypeArgument(wildcard: string): SignatureVisitor;
  override visitTypeArgument(wildcard?: string): SignatureVisitor | void {
    if (this.argumentStack % 2 === 0) {
      ++this.argumentStack;
      this.declaration.append('<');
    } else {
      this.declaration.append(COMMA_SEPARATOR);
    }
    if (wildcard === undefined) {
      this.declaration.append('?');
      return;
    }
    if (wildcard === SignatureVisitor.EXTENDS) {
      this.declaration.append('? extends ');
    } else if (wildcard === SignatureVisitor.SUPER) {
      this.declaration.append('? super ');
    }
    this.startType();
    return this;
  }

  override visitEnd(): void {
    if (this.argumentStack % 2 !== 0) {
      this.declaration.append('>');
    }
    this.argumentStack = (this.argumentStack / 2) | 0;
    this.endType();
  }

  /** The Java generic declaration of the visited signature. */
  getDeclaration(): string {
    return this.declaration.toString();
  }

  /** The return type of the visited method signature, or null for a class or field signature. */
  getReturnType(): string | null {
    return this.returnType === null ? null : this.returnType.toString();
  }

  /** The exception types of the visited method signature, or null when it declares none. */
  getExceptions(): string | null {
    return this.exceptions === null ? null : this.exceptions.toString();
  }

  private endFormals(): void {
    if (this.formalTypeParameterVisited) {
      this.declaration.append('>');
      this.formalTypeParameterVisited = false;
    }
  }

  private startType(): void {
    this.arrayStack = (this.arrayStack * 2) | 0;
  }

  private endType(): void {
    if (this.arrayStack % 2 === 0) {
      this.arrayStack = (this.arrayStack / 2) | 0;
    } else {
      while (this.arrayStack % 2 !== 0) {
        this.arrayStack = (this.arrayStack / 2) | 0;
        this.declaration.append('[]');
      }
    }
  }
}
