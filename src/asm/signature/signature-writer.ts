import { Opcodes } from '../opcodes.js';
import { SignatureVisitor } from './signature-visitor.js';

/**
 * A SignatureVisitor that builds the signature string it visits (JVMS §4.7.9.1); `toString()`
 * returns it. Like ASM's, it returns itself from every visit method, except past 31 levels of
 * nested type arguments, where it hands out a nested writer on the same buffer.
 */
export class SignatureWriter extends SignatureVisitor {
  /** The text under construction, shared by a writer and the nested writers it creates. */
  private readonly buffer: { text: string };
  /** Whether formal type parameters were visited and '>' has not been written yet. */
  private hasFormals: boolean;
  /** Whether '(' has been written. */
  private hasParameters: boolean;
  /**
   * One bit per class type being visited, innermost in bit 0, set when it has type arguments
   * (so '<' was written and '>' is due). Bit 0 of a fresh stack is a sentinel, so the stack is
   * full when bit 31 is reached.
   */
  private argumentStack: number;

  constructor();
  /** @internal A nested writer appending to the same buffer. */
  constructor(buffer: { text: string });
  constructor(buffer?: { text: string }) {
    super(Opcodes.ASM9);
    this.buffer = buffer ?? { text: '' };
    this.hasFormals = false;
    this.hasParameters = false;
    this.argumentStack = 1;
  }

  override visitFormalTypeParameter(name: string): void {
    if (!this.hasFormals) {
      this.hasFormals = true;
      this.buffer.text += '<';
    }
    this.buffer.text += name + ':';
  }

  override visitClassBound(): SignatureVisitor {
    return this;
  }

  override visitInterfaceBound(): SignatureVisitor {
    this.buffer.text += ':';
    return this;
  }

  override visitSuperclass(): SignatureVisitor {
    this.endFormals();
    return this;
  }

  override visitInterface(): SignatureVisitor {
    return this;
  }

  override visitParameterType(): SignatureVisitor {
    this.endFormals();
    if (!this.hasParameters) {
      this.hasParameters = true;
      this.buffer.text += '(';
    }
    return this;
  }

  override visitReturnType(): SignatureVisitor {
    this.endFormals();
    if (!this.hasParameters) {
      this.buffer.text += '(';
    }
    this.buffer.text += ')';
    return this;
  }

  override visitExceptionType(): SignatureVisitor {
    this.buffer.text += '^';
    return this;
  }

  override visitBaseType(descriptor: string): void {
    this.buffer.text += descriptor;
  }

  override visitTypeVariable(name: string): void {
    this.buffer.text += 'T' + name + ';';
  }

  override visitArrayType(): SignatureVisitor {
    this.buffer.text += '[';
    return this;
  }

  override visitClassType(name: string): void {
    this.buffer.text += 'L' + name;
    // Push "no type arguments yet".
    this.argumentStack *= 2;
  }

  override visitInnerClassType(name: string): void {
    this.endArguments();
    this.buffer.text += '.' + name;
    this.argumentStack *= 2;
  }

  override visitTypeArgument(): void;
  override visitTypeArgument(wildcard: string): SignatureVisitor;
  override visitTypeArgument(wildcard?: string): SignatureVisitor | void {
    // The first argument of the current class type opens the '<'.
    if (this.argumentStack % 2 === 0) {
      this.argumentStack += 1;
      this.buffer.text += '<';
    }
    if (wildcard === undefined) {
      this.buffer.text += '*';
      return;
    }
    if (wildcard !== '=') {
      this.buffer.text += wildcard;
    }
    // Past 31 levels the bit stack is full: continue in a fresh writer on the same buffer.
    return this.argumentStack < 2 ** 31 ? this : new SignatureWriter(this.buffer);
  }

  override visitEnd(): void {
    this.endArguments();
    this.buffer.text += ';';
  }

  /** The signature built so far. */
  override toString(): string {
    return this.buffer.text;
  }

  private endFormals(): void {
    if (this.hasFormals) {
      this.hasFormals = false;
      this.buffer.text += '>';
    }
  }

  /** Closes the type arguments of the class type whose visit ends, and pops it. */
  private endArguments(): void {
    if (this.argumentStack % 2 === 1) {
      this.buffer.text += '>';
    }
    this.argumentStack = Math.floor(this.argumentStack / 2);
  }
}
