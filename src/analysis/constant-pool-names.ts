// # The names and descriptors HotSpot checks in the constant pool and the member declarations
//
// Whenever it verifies a class, HotSpot's ClassFileParser checks
// (parse_constant_pool, parse_fields, parse_methods; JDK 17), and refuses the class with a
// ClassFormatError when one fails, even for a constant no instruction uses:
// - every CONSTANT_Class: a class name made of unqualified names (JVMS §4.2.2: no `.`, `;`, `[`)
//   joined by single `/`, or an array descriptor of at most 255 dimensions (§4.4.1);
// - every CONSTANT_NameAndType: a non-empty name and descriptor; a method descriptor (§4.3.3) with
//   a method name (an unqualified name without `<` `>`, or `<init>`, `<clinit>`), `<init>` returning
//   void, `<clinit>` of descriptor `()V` from version 51; otherwise a field descriptor (§4.3.2) with a field name;
// - a Fieldref whose descriptor is a method's, a Methodref or InterfaceMethodref whose descriptor is
//   a field's, and a Methodref naming a `<…>` method other than `<init>` (§4.4.2);
// - the name and descriptor of every field and method the class declares (§4.5, §4.6), and a super
//   class or interface that is an array, an interface whose super class is not Object (§4.1).
// A transform or remapper that writes a dotted name (`java.lang.String`), a descriptor without its
// `;`, or a constructor reference returning a value makes such a class; the methods' code alone
// would verify. Before version 49 HotSpot's names are Java identifiers (skip_over_field_name), a
// stricter rule: what these checks refuse, it refuses too, so they apply to every version.

import type { RawClassFile } from '../classfile/raw-class-file.js';

const JAVA_7 = 51;
const ACC_INTERFACE = 0x0200;
const MAX_DIMENSIONS = 255;

/** A class name in internal form: unqualified names (no `.`, `;`, `[`) joined by single slashes. */
function isInternalClassName(name: string): boolean {
  return name.length > 0 && name.split('/').every((part) => part.length > 0 && !/[.;[]/.test(part));
}

/** The end of the field descriptor starting at `start` in `text`, or -1 when there is none (JVMS §4.3.2). */
function fieldDescriptorEnd(text: string, start: number): number {
  let at = start;
  while (text[at] === '[') at++;
  if (at - start > MAX_DIMENSIONS) return -1;
  const tag = text[at];
  if (tag === undefined) return -1;
  if ('BCDFIJSZ'.includes(tag)) return at + 1;
  if (tag !== 'L') return -1;
  const end = text.indexOf(';', at);
  return end > at && isInternalClassName(text.slice(at + 1, end)) ? end + 1 : -1;
}

function isFieldDescriptor(text: string): boolean {
  return fieldDescriptorEnd(text, 0) === text.length;
}

/** Whether `text` is a method descriptor (JVMS §4.3.3). */
function isMethodDescriptor(text: string): boolean {
  if (text[0] !== '(') return false;
  let at = 1;
  while (at < text.length && text[at] !== ')') {
    at = fieldDescriptorEnd(text, at);
    if (at < 0) return false;
  }
  if (text[at] !== ')') return false;
  return text.slice(at + 1) === 'V' || fieldDescriptorEnd(text, at + 1) === text.length;
}

function isFieldName(name: string): boolean {
  return name.length > 0 && !/[.;[/]/.test(name);
}

function isMethodName(name: string): boolean {
  if (name.startsWith('<')) return name === '<init>' || name === '<clinit>';
  return name.length > 0 && !/[.;[/<>]/.test(name);
}

/** HotSpot's complaint about a name and descriptor pair, as a method's or a field's, or null. */
function memberError(name: string, descriptor: string, className: string, major: number): string | null {
  if (descriptor.startsWith('(')) {
    if (!isMethodName(name)) return `Illegal method name "${name}" in class ${className}`;
    // `<init>` returns void; `<clinit>` is `()V` from version 51 (verify_legal_method_signature).
    const badSpecial = (name === '<init>' && !descriptor.endsWith(')V')) || (name === '<clinit>' && major >= JAVA_7 && descriptor !== '()V');
    if (!isMethodDescriptor(descriptor) || badSpecial) {
      return `Method "${name}" in class ${className} has illegal signature "${descriptor}"`;
    }
    return null;
  }
  if (!isFieldName(name)) return `Illegal field name "${name}" in class ${className}`;
  if (!isFieldDescriptor(descriptor)) return `Field "${name}" in class ${className} has illegal signature "${descriptor}"`;
  return null;
}

function utf8(classFile: RawClassFile, index: number): string | null {
  const entry = classFile.constantPool.entries[index];
  return entry !== null && entry !== undefined && entry.kind === 'Utf8' ? entry.value : null;
}

/** The first name or descriptor of the class HotSpot refuses (see the top of this file), or null. */
export function constantPoolNameError(classFile: RawClassFile): string | null {
  const className = classFile.thisClass;
  const entries = classFile.constantPool.entries;
  for (let index = 1; index < entries.length; index++) {
    const entry = entries[index];
    if (entry === null || entry === undefined) continue;
    if (entry.kind === 'Class') {
      const name = utf8(classFile, entry.nameIndex);
      if (name === null) continue; // the raw reader refuses a bad index already
      const legal = name.startsWith('[') ? isFieldDescriptor(name) : isInternalClassName(name);
      if (!legal) return `Illegal class name "${name}" in class file ${className}`;
    } else if (entry.kind === 'NameAndType') {
      const name = utf8(classFile, entry.nameIndex);
      const descriptor = utf8(classFile, entry.descriptorIndex);
      if (name === null || descriptor === null) continue;
      if (descriptor.length === 0) return `Illegal zero length constant pool entry at ${entry.descriptorIndex} in class ${className}`;
      if (name.length === 0) return `Illegal zero length constant pool entry at ${entry.nameIndex} in class ${className}`;
      const error = memberError(name, descriptor, className, classFile.majorVersion);
      if (error !== null) return error;
    } else if (entry.kind === 'Fieldref' || entry.kind === 'Methodref' || entry.kind === 'InterfaceMethodref') {
      const nameAndType = entries[entry.nameAndTypeIndex];
      if (nameAndType === null || nameAndType === undefined || nameAndType.kind !== 'NameAndType') continue;
      const name = utf8(classFile, nameAndType.nameIndex);
      const descriptor = utf8(classFile, nameAndType.descriptorIndex);
      if (name === null || descriptor === null) continue;
      const isMethod = descriptor.startsWith('(');
      if (entry.kind === 'Fieldref' ? isMethod : !isMethod) {
        return `${entry.kind === 'Fieldref' ? 'Field' : 'Method'} "${name}" in class ${className} has illegal signature "${descriptor}"`;
      }
      if (entry.kind === 'Methodref' && name.startsWith('<') && name !== '<init>') {
        return `Bad method name at constant pool index ${nameAndType.nameIndex} in class file ${className}`;
      }
    }
  }
  // The super class and the interfaces are classes, not arrays (JVMS §4.1).
  if (classFile.superClass !== null && classFile.superClass.startsWith('[')) return `Bad superclass name in class file ${className}`;
  if (classFile.interfaces.some((name) => name.startsWith('['))) return `Bad interface name in class file ${className}`;
  if ((classFile.access & ACC_INTERFACE) !== 0 && classFile.superClass !== 'java/lang/Object') {
    return `Interfaces must have java.lang.Object as superclass in class file ${className}`;
  }
  for (const field of classFile.fields) {
    const error = memberError(field.name, field.descriptor, className, classFile.majorVersion);
    if (error !== null || field.descriptor.startsWith('(')) return error ?? `Field "${field.name}" in class ${className} has illegal signature "${field.descriptor}"`;
  }
  for (const method of classFile.methods) {
    const error = memberError(method.name, method.descriptor, className, classFile.majorVersion);
    if (error !== null || !method.descriptor.startsWith('(')) return error ?? `Method "${method.name}" in class ${className} has illegal signature "${method.descriptor}"`;
  }
  return null;
}
