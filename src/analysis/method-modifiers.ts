// # The access flags and Code attribute HotSpot requires of each method
//
// HotSpot's ClassFileParser (parse_method, verify_legal_method_modifiers; JDK 17) refuses with a
// ClassFormatError, whenever it verifies the class, a method whose flags break JVMS §4.6:
// - in a class: more than one of public, private, protected; an `<init>` that is static, final,
//   synchronized, native, abstract or (from version 49) a bridge; an abstract method that is also
//   final, native, private, static, or (from version 49) synchronized or (before version 61) strict;
// - in an interface from version 52: not exactly one of public and private; protected, final,
//   native or synchronized; abstract with private, static or (before version 61) strict. Before 52
//   an interface method must be public and abstract and nothing else (but strict before 49);
// - `<clinit>` is exempt, but from version 51 it must be static; an interface has no `<init>`.
// and a method with a Code attribute that is native or abstract, or one without (or with two) that
// is neither (JVMS §4.7.3). A transform that makes a method abstract or native and keeps its code,
// or makes a constructor final, produces exactly that; each method's code alone would verify.

import type { RawClassFile, RawMember } from '../classfile/raw-class-file.js';

const ACC_PUBLIC = 0x0001;
const ACC_PRIVATE = 0x0002;
const ACC_PROTECTED = 0x0004;
const ACC_STATIC = 0x0008;
const ACC_FINAL = 0x0010;
const ACC_SYNCHRONIZED = 0x0020;
const ACC_BRIDGE = 0x0040;
const ACC_NATIVE = 0x0100;
const ACC_INTERFACE = 0x0200;
const ACC_ABSTRACT = 0x0400;
const ACC_STRICT = 0x0800;

const JAVA_1_5 = 49;
const JAVA_7 = 51;
const JAVA_8 = 52;
const JAVA_17 = 61;

export interface MethodFormatError {
  /** Method name and descriptor. */
  readonly member: string;
  /** HotSpot's message. */
  readonly message: string;
}

/** Whether HotSpot's verify_legal_method_modifiers refuses `flags` (not called for `<clinit>`). */
function illegalModifiers(flags: number, isInterface: boolean, name: string, major: number): boolean {
  const has = (flag: number): boolean => (flags & flag) !== 0;
  const isPublic = has(ACC_PUBLIC);
  const isPrivate = has(ACC_PRIVATE);
  const isAbstract = has(ACC_ABSTRACT);
  const strictMatters = major < JAVA_17 && has(ACC_STRICT);
  if (isInterface) {
    if (major >= JAVA_8) {
      return (
        isPublic === isPrivate ||
        has(ACC_NATIVE | ACC_PROTECTED | ACC_FINAL | ACC_SYNCHRONIZED) ||
        (isAbstract && (isPrivate || has(ACC_STATIC) || strictMatters))
      );
    }
    const forbidden = major >= JAVA_1_5 ? ACC_PRIVATE | ACC_PROTECTED | ACC_STATIC | ACC_FINAL | ACC_SYNCHRONIZED | ACC_NATIVE | ACC_STRICT : ACC_STATIC | ACC_FINAL | ACC_NATIVE | ACC_STRICT;
    return !isPublic || !isAbstract || has(forbidden);
  }
  const visibilities = [ACC_PUBLIC, ACC_PRIVATE, ACC_PROTECTED].filter((flag) => has(flag)).length;
  if (visibilities > 1) return true;
  if (name === '<init>') {
    return has(ACC_STATIC | ACC_FINAL | ACC_SYNCHRONIZED | ACC_NATIVE | ACC_ABSTRACT) || (major >= JAVA_1_5 && has(ACC_BRIDGE));
  }
  return isAbstract && (has(ACC_FINAL | ACC_NATIVE | ACC_PRIVATE | ACC_STATIC) || (major >= JAVA_1_5 && (has(ACC_SYNCHRONIZED) || strictMatters)));
}

/** HotSpot's complaint about one method's flags or Code attributes, or null. */
function methodFormatError(method: RawMember, classFile: RawClassFile): string | null {
  const isInterface = (classFile.access & ACC_INTERFACE) !== 0;
  const major = classFile.majorVersion;
  let flags = method.access;
  if (method.name === '<clinit>') {
    // The other flags of a class initializer are ignored (JVMS §4.6), but it must be static from version 51.
    if (major >= JAVA_7 && (flags & ACC_STATIC) === 0) return `Method <clinit> is not static in class file ${classFile.thisClass}`;
    flags = ACC_STATIC;
  } else if (illegalModifiers(flags, isInterface, method.name, major)) {
    return `Method ${method.name} in class ${classFile.thisClass} has illegal modifiers: 0x${method.access.toString(16).toUpperCase()}`;
  }
  if (method.name === '<init>' && isInterface) return `Interface cannot have a method named <init>, class file ${classFile.thisClass}`;
  const codeAttributes = method.attributes.filter((a) => a.name === 'Code').length;
  const nativeOrAbstract = (flags & (ACC_NATIVE | ACC_ABSTRACT)) !== 0;
  if (codeAttributes > 1) return `Multiple Code attributes in class file ${classFile.thisClass}`;
  if (codeAttributes === 1 && nativeOrAbstract) return `Code attribute in native or abstract methods in class file ${classFile.thisClass}`;
  if (codeAttributes === 0 && !nativeOrAbstract) return `Absent Code attribute in method that is not native or abstract in class file ${classFile.thisClass}`;
  return null;
}

/** The methods of a class HotSpot would refuse for their flags or Code attributes. */
export function methodFormatErrors(classFile: RawClassFile): MethodFormatError[] {
  const errors: MethodFormatError[] = [];
  for (const method of classFile.methods) {
    const message = methodFormatError(method, classFile);
    if (message !== null) errors.push({ member: method.name + method.descriptor, message });
  }
  return errors;
}
