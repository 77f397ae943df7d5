// # The class path a ClassPool's classes are compiled and written against
//
// COMPUTE_FRAMES asks for the superclass and interfaces of classes (getCommonSuperClass), and the
// compiler for their members. For a class the pool made or changed (makeClass, setSuperclass…),
// the answer must come from the pool's tree, not from a class file on the class path that says
// something else or does not exist. Everything else goes to the base class path.

import { ClassReader } from '../asm/class-reader.js';
import { ClassPath } from '../classpath/class-path.js';
import type { ClassNode } from '../tree/class-node.js';

export class PoolClassPath extends ClassPath {
  constructor(
    /** Where class files come from. */
    readonly base: ClassPath,
    /** The pool's tree of a class it made or read, or undefined (then the base answers). */
    private readonly poolClass: (internalName: string) => ClassNode | undefined,
    /** Class files held in memory (ByteArrayClassPath entries): inserted ones before the base, appended ones after. */
    private readonly memory: { readonly first: ReadonlyMap<string, Uint8Array>; readonly last: ReadonlyMap<string, Uint8Array> } = { first: new Map(), last: new Map() },
  ) {
    super([], { jdk: false });
  }

  override getClassBytes(internalName: string): Uint8Array | undefined {
    return this.memory.first.get(internalName) ?? this.base.getClassBytes(internalName) ?? this.memory.last.get(internalName);
  }

  override hasClass(internalName: string): boolean {
    return this.node(internalName) !== undefined || this.memoryHeader(internalName) !== undefined || this.base.hasClass(internalName);
  }

  override getSuperName(internalName: string): string | null | undefined {
    const node = this.node(internalName);
    if (node !== undefined) return node.superName;
    const header = this.memoryHeader(internalName);
    return header === undefined ? this.base.getSuperName(internalName) : header.getSuperName();
  }

  override getInterfaces(internalName: string): readonly string[] | undefined {
    const node = this.node(internalName);
    if (node !== undefined) return node.interfaces;
    const header = this.memoryHeader(internalName);
    return header === undefined ? this.base.getInterfaces(internalName) : header.getInterfaces();
  }

  override isInterface(internalName: string): boolean | undefined {
    const access = this.getAccess(internalName);
    return access === undefined ? undefined : (access & 0x0200) !== 0;
  }

  override getAccess(internalName: string): number | undefined {
    const node = this.node(internalName);
    if (node !== undefined) return node.access;
    const header = this.memoryHeader(internalName);
    return header === undefined ? this.base.getAccess(internalName) : header.getAccess();
  }

  /** The header of a class held in memory that the base does not shadow, or undefined. */
  private memoryHeader(internalName: string): ClassReader | undefined {
    const bytes = this.memory.first.get(internalName) ?? (this.memory.last.has(internalName) && !this.base.hasClass(internalName) ? this.memory.last.get(internalName) : undefined);
    return bytes === undefined ? undefined : new ClassReader(bytes);
  }

  override describe(): string {
    return this.base.describe();
  }

  private node(internalName: string): ClassNode | undefined {
    return internalName.startsWith('[') ? undefined : this.poolClass(internalName);
  }
}
