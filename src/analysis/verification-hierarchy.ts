// # Class hierarchies for the verifier
//
// MapClassHierarchy answers ClassHierarchy questions from class files held in memory (tests, and
// the classes of an input jar); ChainedClassHierarchy asks several hierarchies in turn, so that a
// verifier can put the classes being verified in front of a ClassPath.

import { ClassReader } from '../asm/class-reader.js';
import type { ClassHierarchy } from '../asm/class-writer.js';
import type { ModuleExport } from '../classpath/module-exports.js';
import type { ClassFileSource } from './protected-access.js';
import type { SuperTypeSource } from './super-type-checks.js';

const ACC_INTERFACE = 0x0200;

interface ClassHeader {
  readonly superName: string | null;
  readonly access: number;
  readonly interfaces: readonly string[];
  /** The class file, when the class was added from one (for member lookups). */
  readonly bytes?: Uint8Array;
}

/** A ClassHierarchy over class files given as bytes (only their headers are read). */
export class MapClassHierarchy implements ClassHierarchy {
  private readonly classes = new Map<string, ClassHeader>();

  constructor(classes: Iterable<Uint8Array> = []) {
    for (const bytes of classes) this.add(bytes);
  }

  /** Adds one class file; returns its internal name. The first class added under a name wins. */
  add(bytes: Uint8Array): string {
    const reader = new ClassReader(bytes);
    const name = reader.getClassName();
    if (!this.classes.has(name)) {
      this.classes.set(name, {
        superName: reader.getSuperName(),
        access: reader.getAccess(),
        interfaces: reader.getInterfaces(),
        bytes,
      });
    }
    return name;
  }

  /** Adds a class by its header fields. */
  addClass(name: string, superName: string | null, access: number, interfaces: readonly string[] = []): void {
    if (!this.classes.has(name)) this.classes.set(name, { superName, access, interfaces });
  }

  has(name: string): boolean {
    return this.classes.has(name);
  }

  get size(): number {
    return this.classes.size;
  }

  getSuperName(internalName: string): string | null | undefined {
    return this.classes.get(internalName)?.superName;
  }

  isInterface(internalName: string): boolean | undefined {
    const header = this.classes.get(internalName);
    return header === undefined ? undefined : (header.access & ACC_INTERFACE) !== 0;
  }

  getInterfaces(internalName: string): readonly string[] | undefined {
    return this.classes.get(internalName)?.interfaces;
  }

  getAccess(internalName: string): number | undefined {
    return this.classes.get(internalName)?.access;
  }

  getClassBytes(internalName: string): Uint8Array | undefined {
    return this.classes.get(internalName)?.bytes;
  }
}

/** Asks each hierarchy in turn; the first one that knows a class answers for it. */
export class ChainedClassHierarchy implements ClassHierarchy {
  readonly hierarchies: readonly ClassHierarchy[];

  constructor(hierarchies: readonly ClassHierarchy[]) {
    this.hierarchies = hierarchies;
  }

  getSuperName(internalName: string): string | null | undefined {
    for (const hierarchy of this.hierarchies) {
      const superName = hierarchy.getSuperName(internalName);
      if (superName !== undefined) return superName;
    }
    return undefined;
  }

  isInterface(internalName: string): boolean | undefined {
    for (const hierarchy of this.hierarchies) {
      const isInterface = hierarchy.isInterface(internalName);
      if (isInterface !== undefined) return isInterface;
    }
    return undefined;
  }

  getInterfaces(internalName: string): readonly string[] | null | undefined {
    for (const hierarchy of this.hierarchies) {
      if (hierarchy.isInterface(internalName) === undefined) continue;
      return hierarchy.getInterfaces?.(internalName);
    }
    return undefined;
  }

  /** The access flags from the first hierarchy that knows the class, if it can give them. */
  getAccess(internalName: string): number | undefined {
    for (const hierarchy of this.hierarchies) {
      if (hierarchy.isInterface(internalName) === undefined) continue;
      return (hierarchy as { getAccess?(name: string): number | undefined }).getAccess?.(internalName);
    }
    return undefined;
  }

  /** The first answer of a hierarchy that knows JDK modules (a ClassPath). */
  getModuleExport(internalName: string): ModuleExport | undefined {
    for (const hierarchy of this.hierarchies) {
      const answer = (hierarchy as SuperTypeSource).getModuleExport?.(internalName);
      if (answer !== undefined) return answer;
    }
    return undefined;
  }

  /** The class file from the first hierarchy that knows the class, if it can give it. */
  getClassBytes(internalName: string): Uint8Array | undefined {
    for (const hierarchy of this.hierarchies) {
      if (hierarchy.isInterface(internalName) === undefined) continue;
      return (hierarchy as ClassFileSource).getClassBytes?.(internalName);
    }
    return undefined;
  }
}
