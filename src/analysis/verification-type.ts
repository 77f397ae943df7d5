// # Verification types of the type-checking verifier (JVMS §4.10.1.2)
//
// A verification type is one small integer so that frames are plain Int32Arrays: fixed codes for
// the primitive, null and uninitializedThis types, a range for uninitialized(offset), and interned
// ids for class and array types (named like HotSpot: `java/lang/String`, `[I`, `[Ljava/lang/Object;`).
// The "check" codes are the queries HotSpot pops with (any reference, any category-1 value…).

import type { ClassHierarchy } from '../asm/class-writer.js';

/** top (HotSpot's bogus): an unusable local, or anything when it is the expected type. */
export const TOP = 0;
export const INTEGER = 1;
export const FLOAT = 2;
export const LONG = 3;
export const DOUBLE = 4;
/** The second slot of a long (JVMS §4.10.1.2: long and double take two locals / stack entries). */
export const LONG_2ND = 5;
export const DOUBLE_2ND = 6;
export const NULL = 7;
export const UNINITIALIZED_THIS = 8;
/** Query: any reference, null or uninitialized value (what aload, astore, if_acmp… accept). */
export const REFERENCE_CHECK = 9;
/** Query: any category-1 value (pop, dup…). */
export const CATEGORY1_CHECK = 10;
/** Query: the first slot of a long or double. */
export const CATEGORY2_CHECK = 11;
/** Query: the second slot of a long or double. */
export const CATEGORY2_2ND_CHECK = 12;
/** uninitialized(offset) is UNINITIALIZED_BASE + offset of its `new` instruction. */
export const UNINITIALIZED_BASE = 0x10;
/** Class and array types are REFERENCE_BASE + their interned id. */
export const REFERENCE_BASE = 0x20000;

export function isUninitialized(type: number): boolean {
  return type >= UNINITIALIZED_BASE && type < REFERENCE_BASE;
}

/** Class, array or null type (HotSpot's is_reference; uninitialized types are not). */
export function isReference(type: number): boolean {
  return type >= REFERENCE_BASE || type === NULL;
}

export function isCategory1(type: number): boolean {
  return (
    type === INTEGER ||
    type === FLOAT ||
    type === NULL ||
    type === UNINITIALIZED_THIS ||
    type >= UNINITIALIZED_BASE
  );
}

/** Thrown when an assignability check needs a class the hierarchy does not know (HotSpot: NoClassDefFoundError). */
export class UnresolvedClassError extends Error {
  readonly className: string;
  constructor(className: string) {
    super(`cannot resolve class ${className}`);
    this.name = 'UnresolvedClassError';
    this.className = className;
  }
}

/**
 * Interns class and array names and answers assignability between verification types with a
 * class hierarchy, the way HotSpot's VerificationType::is_assignable_from does: interfaces are
 * treated like java/lang/Object, arrays are assignable only to Object, Cloneable, Serializable and
 * to arrays whose component type accepts theirs.
 */
export class VerificationTypeTable {
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];
  private readonly assignableCache = new Map<string, boolean>();
  hierarchy: ClassHierarchy;

  constructor(hierarchy: ClassHierarchy) {
    this.hierarchy = hierarchy;
  }

  /** The type of the class or array named `name` (internal name, or a descriptor starting with `[`). */
  reference(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(name);
      this.ids.set(name, id);
    }
    return REFERENCE_BASE + id;
  }

  /** The class or array name of a reference type. */
  nameOf(type: number): string {
    return this.names[type - REFERENCE_BASE]!;
  }

  /** The verification type of a field descriptor (boolean, byte, char, short are integer on the stack). */
  fromDescriptor(descriptor: string, start = 0, end = descriptor.length): number {
    switch (descriptor.charCodeAt(start)) {
      case 0x5a: // Z
      case 0x42: // B
      case 0x43: // C
      case 0x53: // S
      case 0x49: // I
        return INTEGER;
      case 0x46: // F
        return FLOAT;
      case 0x4a: // J
        return LONG;
      case 0x44: // D
        return DOUBLE;
      case 0x4c: // L
        return this.reference(descriptor.substring(start + 1, end - 1));
      case 0x5b: // [
        return this.reference(descriptor.substring(start, end));
      default:
        return TOP;
    }
  }

  /** HotSpot's spelling of a type in messages. */
  describe(type: number): string {
    if (type >= REFERENCE_BASE) return `'${this.nameOf(type)}'`;
    if (type >= UNINITIALIZED_BASE) return `uninitialized ${type - UNINITIALIZED_BASE}`;
    switch (type) {
      case TOP:
        return 'top';
      case INTEGER:
        return 'integer';
      case FLOAT:
        return 'float';
      case LONG:
        return 'long';
      case DOUBLE:
        return 'double';
      case LONG_2ND:
        return 'long_2nd';
      case DOUBLE_2ND:
        return 'double_2nd';
      case NULL:
        return 'null';
      case UNINITIALIZED_THIS:
        return 'uninitializedThis';
      case REFERENCE_CHECK:
        return 'reference type';
      case CATEGORY1_CHECK:
        return 'category1 type';
      case CATEGORY2_CHECK:
        return 'category2 type';
      default:
        return 'category2_2nd type';
    }
  }

  /** Whether a value of type `from` may be used where `to` is expected (JVMS §4.10.1.2 isAssignable). */
  isAssignable(to: number, from: number): boolean {
    if (to === from || to === TOP) return true;
    switch (to) {
      case REFERENCE_CHECK:
        return from >= UNINITIALIZED_BASE || from === NULL || from === UNINITIALIZED_THIS;
      case CATEGORY1_CHECK:
        return isCategory1(from);
      case CATEGORY2_CHECK:
        return from === LONG || from === DOUBLE;
      case CATEGORY2_2ND_CHECK:
        return from === LONG_2ND || from === DOUBLE_2ND;
      default:
        if (to >= REFERENCE_BASE) {
          if (from === NULL) return true;
          if (from >= REFERENCE_BASE) return this.isNameAssignable(this.nameOf(to), this.nameOf(from));
        }
        return false;
    }
  }

  /** Assignability between two class or array names; throws UnresolvedClassError when a needed class is unknown. */
  isNameAssignable(to: string, from: string): boolean {
    if (to === from || to === 'java/lang/Object') return true;
    const key = to + '\0' + from;
    const cached = this.assignableCache.get(key);
    if (cached !== undefined) return cached;
    const result = this.computeNameAssignable(to, from);
    this.assignableCache.set(key, result);
    return result;
  }

  private computeNameAssignable(to: string, from: string): boolean {
    const toIsArray = to.charCodeAt(0) === 0x5b;
    const fromIsArray = from.charCodeAt(0) === 0x5b;
    if (!toIsArray) {
      const isInterface = this.hierarchy.isInterface(to);
      if (isInterface === undefined) throw new UnresolvedClassError(to);
      if (isInterface) {
        // Interfaces are Object to the verifier, except that arrays only implement these two.
        return !fromIsArray || to === 'java/lang/Cloneable' || to === 'java/io/Serializable';
      }
      if (fromIsArray) return false;
      return this.isSubclass(from, to);
    }
    if (!fromIsArray) return false;
    // Both arrays: compare components; primitive components must be identical (names already differ).
    const toComponent = to.charCodeAt(1);
    const fromComponent = from.charCodeAt(1);
    const toIsRef = toComponent === 0x4c || toComponent === 0x5b;
    const fromIsRef = fromComponent === 0x4c || fromComponent === 0x5b;
    if (!toIsRef || !fromIsRef) return false;
    const toName = toComponent === 0x4c ? to.substring(2, to.length - 1) : to.substring(1);
    const fromName = fromComponent === 0x4c ? from.substring(2, from.length - 1) : from.substring(1);
    return this.isNameAssignable(toName, fromName);
  }

  /** Whether class `from` is `to` or has it as a (transitive) superclass. */
  private isSubclass(from: string, to: string): boolean {
    let current: string | null = from;
    for (let depth = 0; current !== null && depth < 1000; depth++) {
      if (current === to) return true;
      const superName: string | null | undefined = this.hierarchy.getSuperName(current);
      if (superName === undefined) throw new UnresolvedClassError(current);
      current = superName;
    }
    return false;
  }
}
