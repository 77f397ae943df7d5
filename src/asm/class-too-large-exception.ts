/**
 * Thrown by `ClassWriter.toByteArray` when the constant pool of the class would have more than
 * 65535 entries (JVMS §4.1: constant_pool_count is a u2).
 */
export class ClassTooLargeException extends Error {
  private readonly className: string;
  private readonly constantPoolCount: number;

  /** `className` is an internal name; `constantPoolCount` the number of pool entries needed. */
  constructor(className: string, constantPoolCount: number) {
    super('Class too large: ' + className);
    this.name = 'ClassTooLargeException';
    this.className = className;
    this.constantPoolCount = constantPoolCount;
  }

  /** The internal name of the class. */
  getClassName(): string {
    return this.className;
  }

  /** The number of constant pool items of the class. */
  getConstantPoolCount(): number {
    return this.constantPoolCount;
  }
}
