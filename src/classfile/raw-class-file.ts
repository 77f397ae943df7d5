// # Raw class file structure (JVMS §4.1)
//
// An independent, bounds-checked parser of the ClassFile structure into plain objects: the pool,
// members, and attributes as raw bytes. It shares no code with ClassReader, so printers and test
// oracles can inspect a class without trusting the reader they test. Only the Code attribute has a
// decoder here (readRawCode), because it nests attributes; every other attribute stays raw.

import { ClassFormatError } from './class-format-error.js';
import { type ConstantPool, getClassName, getUtf8, readConstantPool } from './constant-pool.js';

export interface RawAttribute {
  readonly name: string;
  readonly nameIndex: number;
  /** Offset of attribute_name_index in the class file. */
  readonly offset: number;
  /** attribute_length: the number of bytes of `info`. */
  readonly length: number;
  /** The attribute's info bytes (a view into the class file, not a copy). */
  readonly info: Uint8Array;
}

export interface RawMember {
  /** Offset of access_flags in the class file. */
  readonly offset: number;
  readonly access: number;
  readonly nameIndex: number;
  readonly descriptorIndex: number;
  readonly name: string;
  readonly descriptor: string;
  readonly attributes: RawAttribute[];
}

export interface RawClassFile {
  readonly minorVersion: number;
  readonly majorVersion: number;
  readonly constantPool: ConstantPool;
  readonly access: number;
  readonly thisClassIndex: number;
  /** 0 for java/lang/Object and module-info. */
  readonly superClassIndex: number;
  readonly interfaceIndices: number[];
  readonly thisClass: string;
  readonly superClass: string | null;
  readonly interfaces: string[];
  readonly fields: RawMember[];
  readonly methods: RawMember[];
  readonly attributes: RawAttribute[];
  /** Total size in bytes of the parsed class file. */
  readonly length: number;
}

export interface RawExceptionHandler {
  readonly startPc: number;
  readonly endPc: number;
  readonly handlerPc: number;
  /** 0 for a catch-all (finally) handler. */
  readonly catchTypeIndex: number;
  readonly catchType: string | null;
}

export interface RawCode {
  readonly maxStack: number;
  readonly maxLocals: number;
  readonly code: Uint8Array;
  /** Offset of the first code byte in the class file (where the attribute is a view into it). */
  readonly codeOffset: number;
  readonly exceptionTable: RawExceptionHandler[];
  readonly attributes: RawAttribute[];
}

/** A bounds-checked big-endian cursor over a byte range; `base` maps local offsets to file offsets. */
class Cursor {
  constructor(
    readonly bytes: Uint8Array,
    public pos: number,
    readonly end: number,
    readonly base: number,
  ) {}

  need(size: number, what: string): void {
    if (size < 0 || this.pos + size > this.end) {
      throw new ClassFormatError(`truncated: expected ${what} (${size} bytes)`, this.base + this.pos);
    }
  }

  u1(what: string): number {
    this.need(1, what);
    return this.bytes[this.pos++]!;
  }

  u2(what: string): number {
    this.need(2, what);
    const v = (this.bytes[this.pos]! << 8) | this.bytes[this.pos + 1]!;
    this.pos += 2;
    return v;
  }

  u4(what: string): number {
    this.need(4, what);
    const b = this.bytes;
    const p = this.pos;
    this.pos += 4;
    return ((b[p]! << 24) | (b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!) >>> 0;
  }

  /** The file offset of the current position. */
  get fileOffset(): number {
    return this.base + this.pos;
  }
}

function readAttributes(c: Cursor, pool: ConstantPool, where: string): RawAttribute[] {
  const count = c.u2(`${where} attributes_count`);
  // Each attribute takes at least 6 bytes: reject impossible counts before allocating.
  if (count * 6 > c.end - c.pos) {
    throw new ClassFormatError(`${where}: ${count} attributes cannot fit in the remaining bytes`, c.fileOffset - 2);
  }
  const attributes: RawAttribute[] = [];
  for (let i = 0; i < count; i++) {
    const offset = c.fileOffset;
    const nameIndex = c.u2('attribute_name_index');
    const name = getUtf8(pool, nameIndex, offset);
    const length = c.u4(`length of attribute ${name}`);
    c.need(length, `${length} bytes of attribute ${name}`);
    const info = c.bytes.subarray(c.pos, c.pos + length);
    c.pos += length;
    attributes.push({ name, nameIndex, offset, length, info });
  }
  return attributes;
}

function readMembers(c: Cursor, pool: ConstantPool, kind: 'field' | 'method'): RawMember[] {
  const count = c.u2(`${kind}s_count`);
  // Each member takes at least 8 bytes.
  if (count * 8 > c.end - c.pos) {
    throw new ClassFormatError(`${count} ${kind}s cannot fit in the remaining bytes`, c.fileOffset - 2);
  }
  const members: RawMember[] = [];
  for (let i = 0; i < count; i++) {
    const offset = c.fileOffset;
    const access = c.u2(`${kind} access_flags`);
    const nameIndex = c.u2(`${kind} name_index`);
    const descriptorIndex = c.u2(`${kind} descriptor_index`);
    const name = getUtf8(pool, nameIndex, offset + 2);
    const descriptor = getUtf8(pool, descriptorIndex, offset + 4);
    const attributes = readAttributes(c, pool, `${kind} ${name}${kind === 'method' ? descriptor : ''}`);
    members.push({ offset, access, nameIndex, descriptorIndex, name, descriptor, attributes });
  }
  return members;
}

/**
 * Parses a whole class file (JVMS §4.1). Throws ClassFormatError on a bad magic number,
 * truncation, an invalid constant pool reference in the structure itself, or trailing bytes.
 */
export function readRawClassFile(bytes: Uint8Array): RawClassFile {
  const c = new Cursor(bytes, 0, bytes.length, 0);
  const magic = c.u4('magic');
  if (magic !== 0xcafebabe) {
    throw new ClassFormatError(`bad magic number 0x${magic.toString(16)}, expected 0xcafebabe`, 0);
  }
  const minorVersion = c.u2('minor_version');
  const majorVersion = c.u2('major_version');
  const constantPool = readConstantPool(bytes, 8);
  c.pos = constantPool.endOffset;
  const access = c.u2('access_flags');
  const thisClassIndex = c.u2('this_class');
  const thisClass = getClassName(constantPool, thisClassIndex, c.pos - 2);
  const superClassIndex = c.u2('super_class');
  const superClass = superClassIndex === 0 ? null : getClassName(constantPool, superClassIndex, c.pos - 2);
  const interfacesCount = c.u2('interfaces_count');
  c.need(interfacesCount * 2, 'interfaces');
  const interfaceIndices: number[] = [];
  const interfaces: string[] = [];
  for (let i = 0; i < interfacesCount; i++) {
    const index = c.u2('interface index');
    interfaceIndices.push(index);
    interfaces.push(getClassName(constantPool, index, c.pos - 2));
  }
  const fields = readMembers(c, constantPool, 'field');
  const methods = readMembers(c, constantPool, 'method');
  const attributes = readAttributes(c, constantPool, 'class');
  if (c.pos !== bytes.length) {
    throw new ClassFormatError(`${bytes.length - c.pos} unexpected bytes after the class file`, c.pos);
  }
  return {
    minorVersion,
    majorVersion,
    constantPool,
    access,
    thisClassIndex,
    superClassIndex,
    interfaceIndices,
    thisClass,
    superClass,
    interfaces,
    fields,
    methods,
    attributes,
    length: bytes.length,
  };
}

/**
 * Decodes a Code attribute (JVMS §4.7.3). Offsets in errors and `codeOffset` are file offsets,
 * computed from the attribute's own `offset` (its info starts 6 bytes after it).
 */
export function readRawCode(attribute: RawAttribute, pool: ConstantPool): RawCode {
  const infoOffset = attribute.offset + 6;
  const info = attribute.info;
  const c = new Cursor(info, 0, info.length, infoOffset);
  const maxStack = c.u2('max_stack');
  const maxLocals = c.u2('max_locals');
  const codeLength = c.u4('code_length');
  c.need(codeLength, 'code');
  const codeOffset = c.fileOffset;
  const code = info.subarray(c.pos, c.pos + codeLength);
  c.pos += codeLength;
  const handlerCount = c.u2('exception_table_length');
  c.need(handlerCount * 8, 'exception_table');
  const exceptionTable: RawExceptionHandler[] = [];
  for (let i = 0; i < handlerCount; i++) {
    const startPc = c.u2('start_pc');
    const endPc = c.u2('end_pc');
    const handlerPc = c.u2('handler_pc');
    const catchTypeIndex = c.u2('catch_type');
    const catchType = catchTypeIndex === 0 ? null : getClassName(pool, catchTypeIndex, c.fileOffset - 2);
    exceptionTable.push({ startPc, endPc, handlerPc, catchTypeIndex, catchType });
  }
  const attributes = readAttributes(c, pool, 'Code');
  if (c.pos !== info.length) {
    throw new ClassFormatError(`${info.length - c.pos} unexpected bytes at the end of a Code attribute`, c.fileOffset);
  }
  return { maxStack, maxLocals, code, codeOffset, exceptionTable, attributes };
}
