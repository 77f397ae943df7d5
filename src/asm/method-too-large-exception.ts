/**
 * Thrown by `ClassWriter.toByteArray` when a method's bytecode would be longer than 65535 bytes
 * (JVMS §4.7.3: code_length must be less than 65536).
 */
export class MethodTooLargeException extends Error {
  private readonly className: string;
  private readonly methodName: string;
  private readonly descriptor: string;
  private readonly codeSize: number;

  /** `className` is an internal name; `codeSize` the size of the method's code in bytes. */
  constructor(className: string, methodName: string, descriptor: string, codeSize: number) {
    super(
      `Method too large: ${className}.${methodName}${descriptor} has ${codeSize} bytes of code; ` +
        'the JVM allows at most 65535 (JVMS §4.7.3)',
    );
    this.name = 'MethodTooLargeException';
    this.className = className;
    this.methodName = methodName;
    this.descriptor = descriptor;
    this.codeSize = codeSize;
  }

  /** The internal name of the owner class. */
  getClassName(): string {
    return this.className;
  }

  /** The name of the method. */
  getMethodName(): string {
    return this.methodName;
  }

  /** The descriptor of the method. */
  getDescriptor(): string {
    return this.descriptor;
  }

  /** The size of the method's code attribute, in bytes. */
  getCodeSize(): number {
    return this.codeSize;
  }
}
