// # The InnerClasses entries HotSpot refuses
//
// HotSpot's ClassFileParser (parse_classfile_inner_classes_attribute; JDK 17) checks each entry of
// the InnerClasses attribute (JVMS §4.7.6) whenever it verifies the class, and throws a
// ClassFormatError for an outer class that is an array ("Outer class is an array class"), an entry
// whose inner and outer class are the same constant ("Class is both outer and inner class"), or
// inner class flags that would be illegal on a class (verify_legal_class_modifiers, after masking
// to the flags it recognizes and, before version 50, adding abstract to an interface). A remapper
// or a transform that edits nested classes writes such entries; the code alone would verify.

import type { RawClassFile } from '../classfile/raw-class-file.js';
import { illegalClassModifiers } from './class-and-field-modifiers.js';

/** RECOGNIZED_INNER_CLASS_MODIFIERS (classFileParser.cpp): the class flags and private, protected, static. */
const RECOGNIZED_INNER_CLASS_MODIFIERS = 0x763f;
const ACC_INTERFACE = 0x0200;
const ACC_ABSTRACT = 0x0400;
const ACC_MODULE = 0x8000;
const JAVA_6 = 50;
const JAVA_9 = 53;

function u2(bytes: Uint8Array, offset: number): number {
  return (bytes[offset]! << 8) | bytes[offset + 1]!;
}

/** HotSpot's complaint about the first bad InnerClasses entry of the class, or null. */
export function innerClassesError(classFile: RawClassFile): string | null {
  const attribute = classFile.attributes.find((a) => a.name === 'InnerClasses');
  if (attribute === undefined || attribute.info.length < 2) return null;
  const info = attribute.info;
  const count = u2(info, 0);
  const entries = classFile.constantPool.entries;
  for (let i = 0, p = 2; i < count && p + 8 <= info.length; i++, p += 8) {
    const inner = u2(info, p);
    const outer = u2(info, p + 2);
    if (outer !== 0) {
      const outerClass = entries[outer];
      const outerName = outerClass?.kind === 'Class' ? entries[outerClass.nameIndex] : null;
      if (outerName?.kind === 'Utf8' && outerName.value.startsWith('[')) return `Outer class is an array class in class file ${classFile.thisClass}`;
    }
    if (inner === outer) return `Class is both outer and inner class in class file ${classFile.thisClass}`;
    let flags = u2(info, p + 6) & (RECOGNIZED_INNER_CLASS_MODIFIERS | (classFile.majorVersion >= JAVA_9 ? ACC_MODULE : 0));
    if ((flags & ACC_INTERFACE) !== 0 && classFile.majorVersion < JAVA_6) flags |= ACC_ABSTRACT;
    if ((flags & ACC_MODULE) !== 0) return `${classFile.thisClass} is not a class because access_flag ACC_MODULE is set`;
    if (illegalClassModifiers(flags, classFile.majorVersion)) {
      return `Illegal class modifiers in class ${classFile.thisClass}: 0x${flags.toString(16).toUpperCase()}`;
    }
  }
  return null;
}
