// # Where each field_info and method_info of a class file is, for raw copies
//
// ClassReader copies an untouched method as raw bytes when it visits it straight into a
// MethodWriter of a ClassWriter built on the same reader. The tree pass (apply-transforms.ts)
// writes from a ClassNode instead, so it makes the same arrangement itself for the members a
// tree transform left alone, and needs what ClassReader.readMethod/readField pass to
// canCopy…Attributes: the member's offset and length and a few attribute facts.

import type { ClassReader } from '../asm/class-reader.js';
import type { MethodWriter } from '../asm/method-writer.js';

/** A field_info (JVMS §4.5) or method_info (JVMS §4.6) of the source class file. */
export interface MemberInfo {
  /** Offset of access_flags in the class file buffer. */
  readonly offset: number;
  /** Length of the whole structure, attributes included. */
  readonly length: number;
  readonly descriptorIndex: number;
  /** The Signature attribute's signature_index, or 0. */
  readonly signatureIndex: number;
  readonly hasSyntheticAttribute: boolean;
  readonly hasDeprecatedAttribute: boolean;
  /** Methods: offset of the Exceptions attribute's number_of_exceptions, or 0. */
  readonly exceptionsOffset: number;
  /** Fields: the ConstantValue attribute's constantvalue_index, or 0. */
  readonly constantValueIndex: number;
}

/** The fields and methods of the reader's class file, in file order. */
export interface MemberLayout {
  readonly fields: readonly MemberInfo[];
  readonly methods: readonly MemberInfo[];
}

/** Walks the fields and methods of a class file that `reader` has already accepted (so it is well formed). */
export function readMemberLayout(reader: ClassReader): MemberLayout {
  const b = reader.classFileBuffer;
  const u2 = (offset: number): number => (b[offset]! << 8) | b[offset + 1]!;
  const u4 = (offset: number): number => ((b[offset]! << 24) | (b[offset + 1]! << 16) | (b[offset + 2]! << 8) | b[offset + 3]!) >>> 0;
  // JVMS §4.1: access_flags, this_class, super_class, interfaces_count, interfaces[].
  let offset = reader.header + 6;
  offset += 2 + 2 * u2(offset);
  const readMembers = (isMethod: boolean): MemberInfo[] => {
    const count = u2(offset);
    offset += 2;
    const members: MemberInfo[] = [];
    for (let i = 0; i < count; i++) {
      const start = offset;
      const descriptorIndex = u2(start + 4);
      let signatureIndex = 0;
      let hasSyntheticAttribute = false;
      let hasDeprecatedAttribute = false;
      let exceptionsOffset = 0;
      let constantValueIndex = 0;
      let attributesCount = u2(start + 6);
      offset = start + 8;
      while (attributesCount-- > 0) {
        const name = reader.readUTF8(offset);
        const length = u4(offset + 2);
        const data = offset + 6;
        switch (name) {
          case 'Signature':
            signatureIndex = u2(data);
            break;
          case 'Synthetic':
            hasSyntheticAttribute = true;
            break;
          case 'Deprecated':
            hasDeprecatedAttribute = true;
            break;
          case 'Exceptions':
            if (isMethod) exceptionsOffset = data;
            break;
          case 'ConstantValue':
            if (!isMethod) constantValueIndex = u2(data);
            break;
        }
        offset = data + length;
      }
      members.push({
        offset: start,
        length: offset - start,
        descriptorIndex,
        signatureIndex,
        hasSyntheticAttribute,
        hasDeprecatedAttribute,
        exceptionsOffset,
        constantValueIndex,
      });
    }
    return members;
  };
  const fields = readMembers(false);
  const methods = readMembers(true);
  return { fields, methods };
}

/**
 * Makes `writer` (of a ClassWriter built on `reader`) a raw copy of the method_info `info` of
 * `reader`'s class file, when the writer's checks allow it (MethodWriter.canCopyMethodAttributes:
 * same descriptor, signature, exceptions, Deprecated and Synthetic); false when they do not.
 */
export function copyMethodInfo(writer: MethodWriter, reader: ClassReader, info: MemberInfo): boolean {
  if (
    !writer.canCopyMethodAttributes(
      reader,
      info.hasSyntheticAttribute,
      info.hasDeprecatedAttribute,
      info.descriptorIndex,
      info.signatureIndex,
      info.exceptionsOffset,
    )
  ) {
    return false;
  }
  writer.setMethodAttributesSource(info.offset, info.length);
  return true;
}
