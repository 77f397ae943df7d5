import { Opcodes } from './opcodes.js';
import { javaStringHashCode } from './java-values.js';

/**
 * A reference to a field or method, as in a CONSTANT_MethodHandle_info (JVMS §4.4.8): the kind
 * (Opcodes.H_*), the owner's internal name, the member name and descriptor, and whether the owner
 * is an interface (the handle then refers to a CONSTANT_InterfaceMethodref).
 */
export class Handle {
  private readonly tag: number;
  private readonly owner: string;
  private readonly name: string;
  private readonly descriptor: string;
  private readonly interfaceOwner: boolean;

  /**
   * Without `isInterface` (Java's deprecated 4-argument constructor) the owner is taken to be an
   * interface exactly when the tag is H_INVOKEINTERFACE.
   */
  constructor(tag: number, owner: string, name: string, descriptor: string, isInterface?: boolean) {
    this.tag = tag;
    this.owner = owner;
    this.name = name;
    this.descriptor = descriptor;
    this.interfaceOwner = isInterface === undefined ? tag === Opcodes.H_INVOKEINTERFACE : isInterface;
  }

  /** The reference kind, one of Opcodes.H_GETFIELD…H_INVOKEINTERFACE. */
  getTag(): number {
    return this.tag;
  }

  /** The internal name of the class owning the member. */
  getOwner(): string {
    return this.owner;
  }

  getName(): string {
    return this.name;
  }

  /** The member's descriptor. */
  getDesc(): string {
    return this.descriptor;
  }

  /** Whether the owner is an interface. */
  isInterface(): boolean {
    return this.interfaceOwner;
  }

  equals(object: unknown): boolean {
    if (object === this) return true;
    if (!(object instanceof Handle)) return false;
    return (
      this.tag === object.tag &&
      this.interfaceOwner === object.interfaceOwner &&
      this.owner === object.owner &&
      this.name === object.name &&
      this.descriptor === object.descriptor
    );
  }

  /** Same value as ASM's Handle.hashCode. */
  hashCode(): number {
    return (
      (this.tag +
        (this.interfaceOwner ? 64 : 0) +
        Math.imul(
          Math.imul(javaStringHashCode(this.owner), javaStringHashCode(this.name)),
          javaStringHashCode(this.descriptor),
        )) |
      0
    );
  }

  /** `owner.name descriptor (tag)`, with ` itf` after the tag for interface owners, as ASM prints it. */
  toString(): string {
    return this.owner + '.' + this.name + this.descriptor + ' (' + this.tag + (this.interfaceOwner ? ' itf' : '') + ')';
  }
}
