// # The header of a class file: what the class path needs to answer hierarchy questions
//
// ClassFile (JVMS §4.1) starts with magic, version, the constant pool, then access_flags,
// this_class, super_class and interfaces. The class path only needs those, so instead of a full
// ClassReader this walks the constant pool once to find entry offsets (JVMS §4.4) and decodes just
// the CONSTANT_Class names it needs.

import { ClassFormatError } from '../classfile/class-format-error.js';
import { decodeModifiedUtf8 } from '../classfile/modified-utf8.js';

/** access_flags, this_class, super_class and interfaces of a class file. */
export interface ClassHeader {
  readonly minorVersion: number;
  readonly majorVersion: number;
  /** access_flags (JVMS §4.1 Table 4.1-B). */
  readonly access: number;
  /** Internal name of this class. */
  readonly name: string;
  /** Internal name of the super class; null for java/lang/Object and module-info (super_class 0). */
  readonly superName: string | null;
  /** Internal names of the direct super interfaces, in declaration order. */
  readonly interfaces: readonly string[];
}

// Constant pool tags (JVMS §4.4 Table 4.4-B).
const CONSTANT_UTF8 = 1;
const CONSTANT_CLASS = 7;
const CONSTANT_LONG = 5;
const CONSTANT_DOUBLE = 6;

/** Sizes of constant pool entries after their tag, Utf8 (variable) excepted; 0 = invalid tag. */
const ENTRY_SIZES = new Uint8Array([0, 0, 0, 4, 4, 8, 8, 2, 2, 4, 4, 4, 4, 0, 0, 3, 2, 4, 4, 2, 2]);

/** Reads the header of the class file `bytes`; throws ClassFormatError when it is malformed. */
export function readClassHeader(bytes: Uint8Array): ClassHeader {
  const length = bytes.length;
  const u2 = (offset: number): number => {
    if (offset + 2 > length) throw new ClassFormatError('Truncated class file header', offset);
    return (bytes[offset]! << 8) | bytes[offset + 1]!;
  };
  if (length < 10 || bytes[0] !== 0xca || bytes[1] !== 0xfe || bytes[2] !== 0xba || bytes[3] !== 0xbe) {
    throw new ClassFormatError('Not a class file: expected the magic number 0xCAFEBABE', 0);
  }
  const minorVersion = u2(4);
  const majorVersion = u2(6);
  const count = u2(8);
  // Offsets of each entry's tag; a count read from the file sizes this, but at most 65535 entries.
  const offsets = new Int32Array(count);
  let p = 10;
  for (let i = 1; i < count; i++) {
    if (p >= length) throw new ClassFormatError(`Truncated constant pool: entry ${i} of ${count - 1} is missing`, p);
    offsets[i] = p;
    const tag = bytes[p]!;
    if (tag === CONSTANT_UTF8) {
      p += 3 + u2(p + 1);
    } else {
      const size = tag < ENTRY_SIZES.length ? ENTRY_SIZES[tag]! : 0;
      if (size === 0) throw new ClassFormatError(`Unknown constant pool tag ${tag} at entry ${i}`, p);
      p += 1 + size;
      // JVMS §4.4.5: 8-byte constants take two entries.
      if (tag === CONSTANT_LONG || tag === CONSTANT_DOUBLE) i++;
    }
  }
  const className = (index: number, at: number): string => {
    const entry = index > 0 && index < count ? offsets[index]! : 0;
    if (entry === 0 || bytes[entry] !== CONSTANT_CLASS) {
      throw new ClassFormatError(`Constant pool index ${index} is not a CONSTANT_Class`, at);
    }
    const nameIndex = u2(entry + 1);
    const utf8 = nameIndex > 0 && nameIndex < count ? offsets[nameIndex]! : 0;
    if (utf8 === 0 || bytes[utf8] !== CONSTANT_UTF8) {
      throw new ClassFormatError(`Constant pool index ${nameIndex} is not a CONSTANT_Utf8`, entry + 1);
    }
    return decodeModifiedUtf8(bytes, utf8 + 3, u2(utf8 + 1));
  };
  const access = u2(p);
  const name = className(u2(p + 2), p + 2);
  const superIndex = u2(p + 4);
  const superName = superIndex === 0 ? null : className(superIndex, p + 4);
  const interfaceCount = u2(p + 6);
  const interfaces: string[] = [];
  for (let i = 0; i < interfaceCount; i++) {
    const at = p + 8 + 2 * i;
    interfaces.push(className(u2(at), at));
  }
  return { minorVersion, majorVersion, access, name, superName, interfaces };
}
