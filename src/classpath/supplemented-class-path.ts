// # A ClassPath with one more source of classes, given as a lookup function
//
// Two users: `classforge transform` on a single .class file (its class is not in any class path
// entry, so it is added in memory, searched first), and the agent's transform host (the classes a
// class loader of the target JVM sees, asked from the agent shim, searched after the JDK). Both
// supply class files by name; this class answers the hierarchy questions from their headers.

import { abbreviatedList } from './abbreviated-list.js';
import { ClassPath, type ClassPathOptions } from './class-path.js';
import { readClassHeader, type ClassHeader } from './class-header.js';

/** Where the supplement is searched: before the JDK and the entries, or after them. */
export type SupplementOrder = 'first' | 'last';

export class SupplementedClassPath extends ClassPath {
  /** Internal name → header of the supplement's class, or null when it has none. */
  private readonly supplementHeaders = new Map<string, ClassHeader | null>();

  /**
   * `supplement(internalName)` returns a class file or undefined; it is asked at most once per
   * name for headers (getClassBytes asks it again: it may cache). `describedAs` names it in
   * describe(); `order` says whether it is searched before or after the ClassPath's own sources.
   */
  constructor(
    entries: readonly string[],
    options: ClassPathOptions,
    private readonly supplement: (internalName: string) => Uint8Array | undefined,
    private readonly order: SupplementOrder,
    private readonly describedAs: string,
  ) {
    super(entries, options);
  }

  override getClassBytes(internalName: string): Uint8Array | undefined {
    if (this.order === 'first') return this.supplement(internalName) ?? super.getClassBytes(internalName);
    return super.getClassBytes(internalName) ?? (isArrayName(internalName) ? undefined : this.supplement(internalName));
  }

  override hasClass(internalName: string): boolean {
    if (isArrayName(internalName)) return super.hasClass(internalName);
    if (this.order === 'first') return this.supplementHeader(internalName) !== null || super.hasClass(internalName);
    return super.hasClass(internalName) || this.supplementHeader(internalName) !== null;
  }

  override getSuperName(internalName: string): string | null | undefined {
    const header = this.headerFor(internalName);
    return header === undefined ? super.getSuperName(internalName) : header.superName;
  }

  override getInterfaces(internalName: string): readonly string[] | undefined {
    const header = this.headerFor(internalName);
    return header === undefined ? super.getInterfaces(internalName) : header.interfaces;
  }

  override isInterface(internalName: string): boolean | undefined {
    const header = this.headerFor(internalName);
    return header === undefined ? super.isInterface(internalName) : (header.access & 0x0200) !== 0;
  }

  override getAccess(internalName: string): number | undefined {
    const header = this.headerFor(internalName);
    return header === undefined ? super.getAccess(internalName) : header.access;
  }

  override describe(): string {
    return this.order === 'first' ? `${this.describedAs}, ${super.describe()}` : `${super.describe()}, ${this.describedAs}`;
  }

  /** The supplement's header for a name it answers (respecting the order), else undefined. */
  private headerFor(internalName: string): ClassHeader | undefined {
    if (isArrayName(internalName)) return undefined;
    if (this.order === 'last' && super.hasClass(internalName)) return undefined;
    return this.supplementHeader(internalName) ?? undefined;
  }

  private supplementHeader(internalName: string): ClassHeader | null {
    let header = this.supplementHeaders.get(internalName);
    if (header === undefined) {
      const bytes = this.supplement(internalName);
      header = bytes === undefined ? null : readClassHeader(bytes);
      this.supplementHeaders.set(internalName, header);
    }
    return header;
  }
}

function isArrayName(internalName: string): boolean {
  return internalName.startsWith('[');
}

/** "(classes a, b, c)": describes a supplement of classes given in memory. */
export function describeClassNames(names: Iterable<string>): string {
  return `(classes ${abbreviatedList([...names])})`;
}
