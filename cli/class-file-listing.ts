// # A javap -v style listing of a class file's raw structure
//
// `classforge print --verbose` shows, before the Textifier view, what javap -v shows and
// Textifier does not: the version, the access flags, the constant pool with every reference
// resolved, and each attribute as stored (name and length), including those inside Code. It reads
// the bytes with the independent parser of src/classfile, not with ClassReader, so that it still
// shows the structure when the reader under test disagrees.

import { type ConstantPool, type ConstantPoolEntry, describeConstant } from '../src/classfile/constant-pool.js';
import { type RawAttribute, readRawClassFile, readRawCode } from '../src/classfile/raw-class-file.js';

// Class access flags (JVMS §4.1, Table 4.1-B), in javap's order.
const CLASS_FLAGS: readonly (readonly [number, string])[] = [
  [0x0001, 'ACC_PUBLIC'],
  [0x0010, 'ACC_FINAL'],
  [0x0020, 'ACC_SUPER'],
  [0x0200, 'ACC_INTERFACE'],
  [0x0400, 'ACC_ABSTRACT'],
  [0x1000, 'ACC_SYNTHETIC'],
  [0x2000, 'ACC_ANNOTATION'],
  [0x4000, 'ACC_ENUM'],
  [0x8000, 'ACC_MODULE'],
];

function hex4(value: number): string {
  return '0x' + value.toString(16).padStart(4, '0');
}

function classFlags(access: number): string {
  return CLASS_FLAGS.filter(([bit]) => (access & bit) !== 0)
    .map(([, name]) => name)
    .join(', ');
}

/** A Utf8 constant as javap prints it: raw, with control and non-ASCII-printable characters escaped. */
function escapeUtf8(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c < 0x20 || (c >= 0x7f && c < 0xa0)) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += value.charAt(i);
  }
  return out;
}

/** The kind name and the raw operand column of a pool entry, as javap prints them. */
function rawOperands(entry: ConstantPoolEntry): string {
  switch (entry.kind) {
    case 'Utf8':
      return escapeUtf8(entry.value);
    case 'Integer':
    case 'Float':
    case 'Long':
    case 'Double':
      return '';
    case 'Class':
    case 'Module':
    case 'Package':
      return `#${entry.nameIndex}`;
    case 'String':
      return `#${entry.stringIndex}`;
    case 'Fieldref':
    case 'Methodref':
    case 'InterfaceMethodref':
      return `#${entry.classIndex}.#${entry.nameAndTypeIndex}`;
    case 'NameAndType':
      return `#${entry.nameIndex}:#${entry.descriptorIndex}`;
    case 'MethodHandle':
      return `${entry.referenceKind}:#${entry.referenceIndex}`;
    case 'MethodType':
      return `#${entry.descriptorIndex}`;
    case 'Dynamic':
    case 'InvokeDynamic':
      return `#${entry.bootstrapMethodAttrIndex}:#${entry.nameAndTypeIndex}`;
  }
}

function formatConstantPool(pool: ConstantPool): string {
  let out = 'Constant pool:\n';
  for (let index = 1; index < pool.count; index++) {
    const entry = pool.entries[index];
    if (entry == null) continue; // index 0, or the second slot of a Long/Double (JVMS §4.4.5)
    const left = `${`#${index}`.padStart(5)} = ${entry.kind.padEnd(18)} `;
    const operands = rawOperands(entry);
    let line: string;
    if (entry.kind === 'Utf8') {
      line = left + operands;
    } else if (operands === '') {
      // Numeric constants: the value itself.
      line = left + describeConstant(pool, index);
    } else {
      line = left + operands.padEnd(14) + ' // ' + describeConstant(pool, index);
    }
    out += line.trimEnd() + '\n';
  }
  return out;
}

function formatAttributes(owner: string, attributes: readonly RawAttribute[], pool: ConstantPool): string {
  let out = '';
  for (const attribute of attributes) {
    out += `  ${owner}: ${attribute.name} (${attribute.length} bytes)\n`;
    if (attribute.name === 'Code') {
      const code = readRawCode(attribute, pool);
      for (const nested of code.attributes) {
        out += `  ${owner}: Code/${nested.name} (${nested.length} bytes)\n`;
      }
    }
  }
  return out;
}

/**
 * The javap -v style listing of the class file `bytes` (ending with a blank line).
 * Throws ClassFormatError when the bytes are not a well-formed class file.
 */
export function formatClassFileListing(bytes: Uint8Array, displayName: string): string {
  const classFile = readRawClassFile(bytes);
  const pool = classFile.constantPool;
  let out = `Classfile ${displayName}\n`;
  out += `  size: ${bytes.length} bytes\n`;
  out += `  minor version: ${classFile.minorVersion}\n`;
  out += `  major version: ${classFile.majorVersion}\n`;
  out += `  flags: (${hex4(classFile.access)}) ${classFlags(classFile.access)}\n`.replace(/ \n$/, '\n');
  out += `  this_class: #${classFile.thisClassIndex} // ${classFile.thisClass}\n`;
  out += `  super_class: #${classFile.superClassIndex}`;
  out += classFile.superClass === null ? '\n' : ` // ${classFile.superClass}\n`;
  out +=
    `  interfaces: ${classFile.interfaces.length}, fields: ${classFile.fields.length}, ` +
    `methods: ${classFile.methods.length}, attributes: ${classFile.attributes.length}\n`;
  out += formatConstantPool(pool);
  out += 'Attributes:\n';
  out += formatAttributes('class', classFile.attributes, pool);
  for (const field of classFile.fields) {
    out += formatAttributes(`field ${field.name}:${field.descriptor}`, field.attributes, pool);
  }
  for (const method of classFile.methods) {
    out += formatAttributes(`method ${method.name}${method.descriptor}`, method.attributes, pool);
  }
  return out + '\n';
}
