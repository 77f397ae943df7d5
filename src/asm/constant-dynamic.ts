import type { Handle } from './handle.js';
import { IndexOutOfBoundsException } from './java-exceptions.js';
import { javaEquals, javaHashCode, javaStringHashCode, type ConstantValue } from './java-values.js';

/**
 * A dynamically-computed constant (CONSTANT_Dynamic_info, JVMS §4.4.10): a name, a field
 * descriptor, and the bootstrap method with its static arguments (JVMS §4.7.23) that computes it.
 */
export class ConstantDynamic {
  private readonly name: string;
  private readonly descriptor: string;
  private readonly bootstrapMethod: Handle;
  private readonly bootstrapMethodArguments: ConstantValue[];

  /**
   * The arguments may be given one by one, as with Java's varargs, or as a single array (kept,
   * not copied, as in ASM).
   */
  constructor(
    name: string,
    descriptor: string,
    bootstrapMethod: Handle,
    ...bootstrapMethodArguments: (ConstantValue | readonly unknown[])[]
  ) {
    this.name = name;
    this.descriptor = descriptor;
    this.bootstrapMethod = bootstrapMethod;
    this.bootstrapMethodArguments = (
      bootstrapMethodArguments.length === 1 && Array.isArray(bootstrapMethodArguments[0])
        ? bootstrapMethodArguments[0]
        : bootstrapMethodArguments
    ) as ConstantValue[];
  }

  getName(): string {
    return this.name;
  }

  /** The constant's type, as a field descriptor. */
  getDescriptor(): string {
    return this.descriptor;
  }

  getBootstrapMethod(): Handle {
    return this.bootstrapMethod;
  }

  getBootstrapMethodArgumentCount(): number {
    return this.bootstrapMethodArguments.length;
  }

  getBootstrapMethodArgument(index: number): ConstantValue {
    if (index < 0 || index >= this.bootstrapMethodArguments.length) {
      throw new IndexOutOfBoundsException('Index ' + index + ' out of bounds for length ' + this.bootstrapMethodArguments.length);
    }
    return this.bootstrapMethodArguments[index]!;
  }

  /** @internal The argument array itself: callers must not modify it nor hand it to users. */
  getBootstrapMethodArgumentsUnsafe(): ConstantValue[] {
    return this.bootstrapMethodArguments;
  }

  /** 2 for long and double constants, 1 otherwise (their size on the operand stack). */
  getSize(): number {
    const first = this.descriptor.charAt(0);
    return first === 'J' || first === 'D' ? 2 : 1;
  }

  equals(object: unknown): boolean {
    if (object === this) return true;
    if (!(object instanceof ConstantDynamic)) return false;
    if (
      this.name !== object.name ||
      this.descriptor !== object.descriptor ||
      !this.bootstrapMethod.equals(object.bootstrapMethod)
    ) {
      return false;
    }
    const args = this.bootstrapMethodArguments;
    const otherArgs = object.bootstrapMethodArguments;
    if (args.length !== otherArgs.length) return false;
    for (let i = 0; i < args.length; i++) {
      if (!javaEquals(args[i], otherArgs[i])) return false;
    }
    return true;
  }

  /** Same value as ASM's ConstantDynamic.hashCode. */
  hashCode(): number {
    let argumentsHash = 1;
    for (const argument of this.bootstrapMethodArguments) {
      argumentsHash = (Math.imul(31, argumentsHash) + javaHashCode(argument)) | 0;
    }
    return (
      javaStringHashCode(this.name) ^
      rotateLeft(javaStringHashCode(this.descriptor), 8) ^
      rotateLeft(this.bootstrapMethod.hashCode(), 16) ^
      rotateLeft(argumentsHash, 24)
    );
  }

  /** `name : descriptor handle [arg1, arg2…]`, as ASM prints it. */
  toString(): string {
    return (
      this.name +
      ' : ' +
      this.descriptor +
      ' ' +
      this.bootstrapMethod.toString() +
      ' [' +
      this.bootstrapMethodArguments.map((argument) => String(argument)).join(', ') +
      ']'
    );
  }
}

function rotateLeft(value: number, distance: number): number {
  return (value << distance) | (value >>> (32 - distance));
}
