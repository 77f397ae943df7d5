// # The access flags HotSpot requires of a class and of its fields
//
// HotSpot's ClassFileParser (verify_legal_class_modifiers, verify_legal_field_modifiers; JDK 17)
// refuses, whenever it verifies the class, with a ClassFormatError:
// - a class (JVMS §4.1) both abstract and final; an interface that is not abstract (before version
//   50 the parser sets abstract itself) or, from version 49, that is ACC_SUPER or an enum; an
//   annotation that is not an interface (from version 49);
// - a field (JVMS §4.5) with more than one of public, private, protected, or final and volatile;
//   in an interface, a field that is not public static final, or is private, protected, volatile,
//   transient or (from version 49) an enum constant.
// From version 53 a class with ACC_MODULE is not a class at all: NoClassDefFoundError (but
// module-info, the module descriptor, which has it by rule and is never loaded as a class). The flags
// are read as HotSpot reads them, masked to the ones it recognizes, and printed that way.

import type { RawClassFile } from '../classfile/raw-class-file.js';

const ACC_PUBLIC = 0x0001;
const ACC_PRIVATE = 0x0002;
const ACC_PROTECTED = 0x0004;
const ACC_STATIC = 0x0008;
const ACC_FINAL = 0x0010;
const ACC_SUPER = 0x0020;
const ACC_VOLATILE = 0x0040;
const ACC_TRANSIENT = 0x0080;
const ACC_INTERFACE = 0x0200;
const ACC_ABSTRACT = 0x0400;
const ACC_ANNOTATION = 0x2000;
const ACC_ENUM = 0x4000;
const ACC_MODULE = 0x8000;
/** JVM_RECOGNIZED_CLASS_MODIFIERS, JVM_RECOGNIZED_FIELD_MODIFIERS (jvm.h). */
const RECOGNIZED_CLASS_MODIFIERS = 0x7631;
const RECOGNIZED_FIELD_MODIFIERS = 0x50df;

const JAVA_1_5 = 49;
const JAVA_6 = 50;
const JAVA_9 = 53;

export interface ModifierError {
  /** `<class>` for the class's own flags, `name:descriptor` for a field. */
  readonly member: string;
  /** HotSpot's message. */
  readonly message: string;
}

function hex(flags: number): string {
  return `0x${flags.toString(16).toUpperCase()}`;
}

function moreThanOneVisibility(flags: number): boolean {
  return [ACC_PUBLIC, ACC_PRIVATE, ACC_PROTECTED].filter((flag) => (flags & flag) !== 0).length > 1;
}

/** The class's flags as HotSpot's parser sees them. */
function classFlags(classFile: RawClassFile): number {
  let flags = classFile.access & (RECOGNIZED_CLASS_MODIFIERS | (classFile.majorVersion >= JAVA_9 ? ACC_MODULE : 0));
  if ((flags & ACC_INTERFACE) !== 0 && classFile.majorVersion < JAVA_6) flags |= ACC_ABSTRACT;
  return flags;
}

function classModifierError(classFile: RawClassFile, flags: number): string | null {
  if ((flags & ACC_MODULE) !== 0) {
    // A module descriptor (module-info, JVMS §4.1) is never loaded as a class: nothing to check.
    return classFile.thisClass === 'module-info' ? null : `${classFile.thisClass} is not a class because access_flag ACC_MODULE is set`;
  }
  return illegalClassModifiers(flags, classFile.majorVersion) ? `Illegal class modifiers in class ${classFile.thisClass}: ${hex(flags)}` : null;
}

/**
 * Whether HotSpot's verify_legal_class_modifiers refuses `flags` (but ACC_MODULE): the class's own,
 * and those of each InnerClasses entry (inner-classes.ts).
 */
export function illegalClassModifiers(flags: number, majorVersion: number): boolean {
  const has = (flag: number): boolean => (flags & flag) !== 0;
  const since15 = majorVersion >= JAVA_1_5;
  return (
    (has(ACC_ABSTRACT) && has(ACC_FINAL)) ||
    (has(ACC_INTERFACE) && !has(ACC_ABSTRACT)) ||
    (has(ACC_INTERFACE) && since15 && has(ACC_SUPER | ACC_ENUM)) ||
    (!has(ACC_INTERFACE) && since15 && has(ACC_ANNOTATION))
  );
}

function illegalFieldModifiers(flags: number, isInterface: boolean, major: number): boolean {
  const has = (flag: number): boolean => (flags & flag) !== 0;
  if (isInterface) {
    const required = ACC_PUBLIC | ACC_STATIC | ACC_FINAL;
    return (flags & required) !== required || has(ACC_PRIVATE | ACC_PROTECTED | ACC_VOLATILE | ACC_TRANSIENT) || (major >= JAVA_1_5 && has(ACC_ENUM));
  }
  return moreThanOneVisibility(flags) || (has(ACC_FINAL) && has(ACC_VOLATILE));
}

/** HotSpot's complaints about the flags of a class and of its fields. */
export function modifierErrors(classFile: RawClassFile): ModifierError[] {
  const errors: ModifierError[] = [];
  const flags = classFlags(classFile);
  const classError = classModifierError(classFile, flags);
  if (classError !== null) errors.push({ member: '<class>', message: classError });
  const isInterface = (flags & ACC_INTERFACE) !== 0;
  for (const field of classFile.fields) {
    const fieldFlags = field.access & RECOGNIZED_FIELD_MODIFIERS;
    if (illegalFieldModifiers(fieldFlags, isInterface, classFile.majorVersion)) {
      errors.push({ member: `${field.name}:${field.descriptor}`, message: `Illegal field modifiers in class ${classFile.thisClass}: ${hex(fieldFlags)}` });
    }
  }
  return errors;
}
