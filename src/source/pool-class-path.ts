// # The class path a ClassPool's classes are compiled and written against
//
// COMPUTE_FRAMES asks for the superclass and interfaces of classes (getCommonSuperClass), and the
// compiler for their members. For a class the pool made or changed (makeClass, setSuperclass…),
// the answer must come from the pool's tree, not from a class file on the class path that says
// something else or does not exist. Everything else goes to the base class path.

import { ClassPath } from '../classpath/class-path.js';
import type { ClassNode } from '../tree/class-node.js';

export class PoolClassPath extends ClassPath {
  constructor(
    /** Where class files come from. */
    readonly base: ClassPath,
    /** The pool's tree of a class it made or read, or undefined (then the base answers). */
    private readonly poolClass: (internalName: string) => ClassNode | undefined,
  ) {
    super([], { jdk: false });
  }

  override getClassBytes(internalName: string): Uint8Array | undefined {
    return this.base.getClassBytes(internalName);
  }

  override hasClass(internalName: string): boolean {
    return this.node(internalName) !== undefined || this.base.hasClass(internalName);
  }

  override getSuperName(internalName: string): string | null | undefined {
    const node = this.node(internalName);
    return node === undefined ? this.base.getSuperName(internalName) : node.superName;
  }

  override getInterfaces(internalName: string): readonly string[] | undefined {
    const node = this.node(internalName);
    return node === undefined ? this.base.getInterfaces(internalName) : node.interfaces;
  }

  override isInterface(internalName: string): boolean | undefined {
    const node = this.node(internalName);
    return node === undefined ? this.base.isInterface(internalName) : (node.access & 0x0200) !== 0;
  }

  override getAccess(internalName: string): number | undefined {
    const node = this.node(internalName);
    return node === undefined ? this.base.getAccess(internalName) : node.access;
  }

  override describe(): string {
    return this.base.describe();
  }

  private node(internalName: string): ClassNode | undefined {
    return internalName.startsWith('[') ? undefined : this.poolClass(internalName);
  }
}
