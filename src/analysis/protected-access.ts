// # Protected member access (JVMS §4.10.1.8)
//
// A getfield, putfield or invokevirtual that reaches a protected member declared in a superclass
// from another run-time package must use an object of the current class (or a subclass); the type
// checker and ProtectedCheckingVerifier ask this class. HotSpot applies the rule only when the member
// reference's class is a superclass of the current class by name, and finds the member as resolution would (fields:
// the class, its superinterfaces, its superclasses, JVMS §5.4.3.2; methods: the class and its
// superclasses, as ClassVerifier::is_protected_access does with uncached_lookup_method).
//
// The members come from class files: the hierarchy must be able to give them (`getClassBytes`, as
// ClassPath and MapClassHierarchy do). When it cannot, or a class is missing, the check is skipped:
// like the rest of the verifier, it reports only what it can establish.

import type { ClassHierarchy } from '../asm/class-writer.js';
import { readRawClassFile } from '../classfile/raw-class-file.js';
import { packageOf } from '../classfile/class-names.js';

const ACC_PROTECTED = 0x0004;

/** A class hierarchy that may also give the bytes of a class file. */
export interface ClassFileSource extends ClassHierarchy {
  getClassBytes?(internalName: string): Uint8Array | undefined;
}

/** The access flags of a class's fields and methods, by `name:descriptor`. */
interface Members {
  readonly fields: ReadonlyMap<string, number>;
  readonly methods: ReadonlyMap<string, number>;
}

/** The class declaring a member, and the member's access flags. */
interface ResolvedMember {
  readonly holder: string;
  readonly access: number;
}


/** Answers HotSpot's is_protected_access from the class files of a hierarchy, with a cache per class. */
export class ProtectedAccess {
  private readonly hierarchy: ClassFileSource;
  private readonly members = new Map<string, Members | null>();
  /** The superclasses of each class asked about as the current class (HotSpot's name_in_supers). */
  private readonly superclasses = new Map<string, ReadonlySet<string>>();

  constructor(hierarchy: ClassFileSource) {
    this.hierarchy = hierarchy;
  }

  /**
   * Whether `currentClass` using the member `name:descriptor` through the reference class
   * `refClass` (with getfield, putfield, or invokevirtual when `isMethod`) on an object that is
   * (`objectIsArray`) or is not an array must use an object of the current class: `refClass` is a
   * superclass of `currentClass`, the member it resolves to is protected and declared in another
   * package, and it is not Object's clone() called on an array (arrays pretend to have a public one).
   */
  needsCurrentClassObject(
    currentClass: string,
    refClass: string,
    name: string,
    descriptor: string,
    isMethod: boolean,
    objectIsArray: boolean,
  ): boolean {
    if (!this.superclassesOf(currentClass).has(refClass)) return false;
    if (isMethod && objectIsArray && refClass === 'java/lang/Object' && name === 'clone') return false;
    const member = isMethod ? this.findMethod(refClass, name, descriptor) : this.findField(refClass, name + ':' + descriptor, 0);
    return member !== null && (member.access & ACC_PROTECTED) !== 0 && packageOf(member.holder) !== packageOf(currentClass);
  }

  /** The (proper) superclasses of `currentClass`, for HotSpot's name_in_supers. */
  private superclassesOf(currentClass: string): ReadonlySet<string> {
    let names = this.superclasses.get(currentClass);
    if (names === undefined) {
      const found = new Set<string>();
      let superName = this.hierarchy.getSuperName(currentClass);
      for (let depth = 0; superName !== null && superName !== undefined && depth < 1000; depth++) {
        found.add(superName);
        superName = this.hierarchy.getSuperName(superName);
      }
      names = found;
      this.superclasses.set(currentClass, names);
    }
    return names;
  }

  /** Field resolution (JVMS §5.4.3.2): the class, its superinterfaces, then its superclass. */
  private findField(className: string, key: string, depth: number): ResolvedMember | null {
    if (depth > 1000) return null;
    const members = this.membersOf(className);
    if (members === null) return null;
    const access = members.fields.get(key);
    if (access !== undefined) return { holder: className, access };
    for (const superInterface of this.hierarchy.getInterfaces?.(className) ?? []) {
      const found = this.findField(superInterface, key, depth + 1);
      if (found !== null) return found;
    }
    const superName = this.hierarchy.getSuperName(className);
    return superName ? this.findField(superName, key, depth + 1) : null;
  }

  /**
   * Method lookup in the class, then its superclasses (HotSpot's InstanceKlass::lookup_method): the
   * class declaring `name descriptor` and the method's access flags, or null (also when a class file on
   * the way is unavailable).
   */
  findMethod(className: string, name: string, descriptor: string): ResolvedMember | null {
    const key = name + ':' + descriptor;
    let current: string | null | undefined = className;
    for (let depth = 0; current && depth < 1000; depth++) {
      const members = this.membersOf(current);
      if (members === null) return null;
      const access = members.methods.get(key);
      if (access !== undefined) return { holder: current, access };
      current = this.hierarchy.getSuperName(current);
    }
    return null;
  }

  private membersOf(className: string): Members | null {
    let members = this.members.get(className);
    if (members === undefined) {
      members = null;
      const bytes = this.hierarchy.getClassBytes?.(className);
      if (bytes !== undefined) {
        try {
          const classFile = readRawClassFile(bytes);
          const fields = new Map<string, number>();
          for (const f of classFile.fields) fields.set(f.name + ':' + f.descriptor, f.access);
          const methods = new Map<string, number>();
          for (const m of classFile.methods) methods.set(m.name + ':' + m.descriptor, m.access);
          members = { fields, methods };
        } catch {
          // A malformed class on the class path: nothing can be established from it.
          members = null;
        }
      }
      this.members.set(className, members);
    }
    return members;
  }
}
