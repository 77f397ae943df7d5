// # The class path of a transform run: input + --cp + JDK
//
// DESIGN.md contract 3: ctx.classPath and frame computation see the input's classes, then the
// --cp entries, then the JDK (ClassPath searches the JDK first, as the JVM does). A directory
// or jar input is itself a class path entry; a single .class file is not, so its class is added
// in memory, ahead of the entries.
//
// The spec is plain data so that worker threads can build the same class path.

import { abbreviatedList } from '../classpath/abbreviated-list.js';
import { ClassPath } from '../classpath/class-path.js';
import { readClassHeader, type ClassHeader } from '../classpath/class-header.js';

/** How to build the class path of a run (structured-clone friendly). */
export interface TransformClassPathSpec {
  /** Class path entries: directories, jars, `dir/*`. */
  readonly entries: readonly string[];
  /** The JDK: a Java home, false for none, undefined for the current one. */
  readonly jdk?: string | false;
  /** The release for multi-release jars (default: the JDK's). */
  readonly release?: number;
  /** Class files to add in front of the entries (the class of a .class file input). */
  readonly extraClasses?: readonly Uint8Array[];
}

/** Builds the class path described by `spec`; throws ClassPathError when the JDK cannot be found. */
export function createTransformClassPath(spec: TransformClassPathSpec): ClassPath {
  const options = { ...(spec.jdk === undefined ? {} : { jdk: spec.jdk }), ...(spec.release === undefined ? {} : { release: spec.release }) };
  const extras = spec.extraClasses ?? [];
  if (extras.length === 0) return new ClassPath(spec.entries, options);
  return new ClassPathWithClasses(spec.entries, options, extras);
}

/** A ClassPath that also holds a few classes given as bytes, found before its entries. */
class ClassPathWithClasses extends ClassPath {
  private readonly extraBytes: Map<string, Uint8Array>;
  private readonly extraHeaders: Map<string, ClassHeader>;

  constructor(entries: readonly string[], options: { jdk?: string | false; release?: number }, classes: readonly Uint8Array[]) {
    super(entries, options);
    this.extraBytes = new Map();
    this.extraHeaders = new Map();
    for (const bytes of classes) {
      const header = readClassHeader(bytes);
      this.extraBytes.set(header.name, bytes);
      this.extraHeaders.set(header.name, header);
    }
  }

  override getClassBytes(internalName: string): Uint8Array | undefined {
    return this.extraBytes.get(internalName) ?? super.getClassBytes(internalName);
  }

  override hasClass(internalName: string): boolean {
    return this.extraHeaders.has(internalName) || super.hasClass(internalName);
  }

  override getSuperName(internalName: string): string | null | undefined {
    const header = this.extraHeaders.get(internalName);
    return header !== undefined ? header.superName : super.getSuperName(internalName);
  }

  override getInterfaces(internalName: string): readonly string[] | undefined {
    const header = this.extraHeaders.get(internalName);
    return header !== undefined ? header.interfaces : super.getInterfaces(internalName);
  }

  override isInterface(internalName: string): boolean | undefined {
    const header = this.extraHeaders.get(internalName);
    return header !== undefined ? (header.access & 0x0200) !== 0 : super.isInterface(internalName);
  }

  override getAccess(internalName: string): number | undefined {
    const header = this.extraHeaders.get(internalName);
    return header !== undefined ? header.access : super.getAccess(internalName);
  }

  override describe(): string {
    const names = abbreviatedList([...this.extraHeaders.keys()]);
    return `(classes ${names}), ${super.describe()}`;
  }
}
