// # The fields @Advice.FieldValue names
//
// Byte Buddy looks a field up from the instrumented class through its superclasses (FieldLocator.
// ForClassHierarchy): the class's own fields of any access, then those of its superclasses that
// the class can see (JLS §6.6: not private; package-private only from the same package). classforge
// knows the class's own fields from its visit (fields come before methods, ClassReader's order) and
// reads a superclass's fields from a ClassPath when one is given.

import { ClassReader } from '../../asm/class-reader.js';
import { ClassVisitor } from '../../asm/class-visitor.js';
import type { FieldVisitor } from '../../asm/field-visitor.js';
import { Opcodes } from '../../asm/opcodes.js';
import { Type } from '../../asm/type.js';
import type { ClassPath } from '../../classpath/class-path.js';

/** A field an advice reads or writes. */
export interface AdvisedField {
  readonly owner: string;
  readonly access: number;
  readonly name: string;
  readonly descriptor: string;
}

/** Finds the field `name` for the instrumented class (declared by `declaringType` if not null), or null. */
export type FieldLookup = (name: string, declaringType: string | null) => AdvisedField | null;

/** Modifier.toString's order, limited to a field's modifiers. */
const FIELD_MODIFIERS: readonly [number, string][] = [
  [Opcodes.ACC_PUBLIC, 'public'],
  [Opcodes.ACC_PROTECTED, 'protected'],
  [Opcodes.ACC_PRIVATE, 'private'],
  [Opcodes.ACC_STATIC, 'static'],
  [Opcodes.ACC_FINAL, 'final'],
  [Opcodes.ACC_TRANSIENT, 'transient'],
  [Opcodes.ACC_VOLATILE, 'volatile'],
];

/** FieldDescription.toString, as Byte Buddy names a field in its messages: `private int app.Shop.stock`. */
export function fieldText(field: AdvisedField): string {
  const modifiers = FIELD_MODIFIERS.filter(([flag]) => (field.access & flag) !== 0).map(([, word]) => `${word} `).join('');
  return `${modifiers}${Type.getType(field.descriptor).getClassName()} ${Type.getObjectType(field.owner).getClassName()}.${field.name}`;
}

/** The package part of an internal name ('' for the unnamed package). */
export function packageOf(internalName: string): string {
  const slash = internalName.lastIndexOf('/');
  return slash < 0 ? '' : internalName.substring(0, slash);
}

class FieldCollector extends ClassVisitor {
  superName: string | null = null;
  readonly fields: AdvisedField[] = [];
  private owner = '';

  constructor() {
    super(Opcodes.ASM9);
  }

  override visit(_version: number, _access: number, name: string, _signature: string | null, superName: string | null): void {
    this.owner = name;
    this.superName = superName;
  }

  override visitField(access: number, name: string, descriptor: string): FieldVisitor | null {
    this.fields.push({ owner: this.owner, access, name, descriptor });
    return null;
  }
}

/**
 * The lookup for class `owner` (superclass `superName`) whose own fields are `declared`; superclasses
 * are read from `classPath` when given, else only the class's own fields are found.
 */
export function fieldLookup(owner: string, superName: string | null, declared: readonly AdvisedField[], classPath: ClassPath | null): FieldLookup {
  // Each superclass read once for the whole class, however many methods and fields ask.
  const superclasses = new Map<string, FieldCollector | null>();
  const read = (name: string): FieldCollector | null => {
    let collector = superclasses.get(name);
    if (collector === undefined) {
      const bytes = classPath!.getClassBytes(name);
      collector = bytes === undefined ? null : new FieldCollector();
      if (bytes !== undefined) new ClassReader(bytes).accept(collector!, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
      superclasses.set(name, collector);
    }
    return collector;
  };
  return (name, declaringType) => {
    if (declaringType === null || declaringType === owner) {
      const own = declared.find((field) => field.name === name);
      if (own !== undefined || declaringType === owner) return own ?? null;
    }
    let current = superName;
    while (current !== null && classPath !== null) {
      const collector = read(current);
      if (collector === null) return null;
      if (declaringType === null || declaringType === current) {
        const field = collector.fields.find((candidate) => candidate.name === name);
        if (field !== undefined) {
          const visible =
            (field.access & Opcodes.ACC_PRIVATE) === 0 &&
            ((field.access & (Opcodes.ACC_PUBLIC | Opcodes.ACC_PROTECTED)) !== 0 || packageOf(current) === packageOf(owner));
          if (visible) return field;
          if (declaringType !== null) return null;
        }
      }
      current = collector.superName;
    }
    return null;
  };
}
