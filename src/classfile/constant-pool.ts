// # Constant pool (JVMS §4.4)
//
// An independent, bounds-checked parser of the constant pool into plain objects. It does not share
// code with ClassReader on purpose: printers (`classforge print --verbose`) and test oracles use it
// to look at a class file without trusting the reader under test.

import { ClassFormatError } from './class-format-error.js';
import { decodeModifiedUtf8 } from './modified-utf8.js';

// ## Tags (JVMS §4.4, Table 4.4-B)

export const CONSTANT_Utf8 = 1;
export const CONSTANT_Integer = 3;
export const CONSTANT_Float = 4;
export const CONSTANT_Long = 5;
export const CONSTANT_Double = 6;
export const CONSTANT_Class = 7;
export const CONSTANT_String = 8;
export const CONSTANT_Fieldref = 9;
export const CONSTANT_Methodref = 10;
export const CONSTANT_InterfaceMethodref = 11;
export const CONSTANT_NameAndType = 12;
export const CONSTANT_MethodHandle = 15;
export const CONSTANT_MethodType = 16;
export const CONSTANT_Dynamic = 17;
export const CONSTANT_InvokeDynamic = 18;
export const CONSTANT_Module = 19;
export const CONSTANT_Package = 20;

/** Reference kinds of CONSTANT_MethodHandle_info (JVMS §4.4.8, Table 5.4.3.5-A). */
export const REFERENCE_KIND_NAMES: readonly string[] = [
  '',
  'REF_getField',
  'REF_getStatic',
  'REF_putField',
  'REF_putStatic',
  'REF_invokeVirtual',
  'REF_invokeStatic',
  'REF_invokeSpecial',
  'REF_newInvokeSpecial',
  'REF_invokeInterface',
];

// ## Entries

interface EntryBase {
  /** The tag byte of the entry. */
  readonly tag: number;
  /** Byte offset of the tag byte in the class file. */
  readonly offset: number;
}

export interface Utf8Constant extends EntryBase {
  readonly kind: 'Utf8';
  readonly value: string;
  /** Number of bytes of the modified UTF-8 encoding. */
  readonly length: number;
}
export interface IntegerConstant extends EntryBase {
  readonly kind: 'Integer';
  readonly value: number;
}
export interface FloatConstant extends EntryBase {
  readonly kind: 'Float';
  readonly value: number;
  /** The raw IEEE 754 bits, as an unsigned 32-bit number (keeps NaN payloads). */
  readonly bits: number;
}
export interface LongConstant extends EntryBase {
  readonly kind: 'Long';
  readonly value: bigint;
}
export interface DoubleConstant extends EntryBase {
  readonly kind: 'Double';
  readonly value: number;
  /** The raw IEEE 754 bits, as an unsigned 64-bit bigint (keeps NaN payloads). */
  readonly bits: bigint;
}
export interface ClassConstant extends EntryBase {
  readonly kind: 'Class';
  readonly nameIndex: number;
}
export interface StringConstant extends EntryBase {
  readonly kind: 'String';
  readonly stringIndex: number;
}
export interface MemberRefConstant extends EntryBase {
  readonly kind: 'Fieldref' | 'Methodref' | 'InterfaceMethodref';
  readonly classIndex: number;
  readonly nameAndTypeIndex: number;
}
export interface NameAndTypeConstant extends EntryBase {
  readonly kind: 'NameAndType';
  readonly nameIndex: number;
  readonly descriptorIndex: number;
}
export interface MethodHandleConstant extends EntryBase {
  readonly kind: 'MethodHandle';
  readonly referenceKind: number;
  readonly referenceIndex: number;
}
export interface MethodTypeConstant extends EntryBase {
  readonly kind: 'MethodType';
  readonly descriptorIndex: number;
}
export interface DynamicConstant extends EntryBase {
  readonly kind: 'Dynamic' | 'InvokeDynamic';
  readonly bootstrapMethodAttrIndex: number;
  readonly nameAndTypeIndex: number;
}
export interface ModuleConstant extends EntryBase {
  readonly kind: 'Module';
  readonly nameIndex: number;
}
export interface PackageConstant extends EntryBase {
  readonly kind: 'Package';
  readonly nameIndex: number;
}

export type ConstantPoolEntry =
  | Utf8Constant
  | IntegerConstant
  | FloatConstant
  | LongConstant
  | DoubleConstant
  | ClassConstant
  | StringConstant
  | MemberRefConstant
  | NameAndTypeConstant
  | MethodHandleConstant
  | MethodTypeConstant
  | DynamicConstant
  | ModuleConstant
  | PackageConstant;

export type ConstantKind = ConstantPoolEntry['kind'];

export interface ConstantPool {
  /** constant_pool_count: one more than the largest valid index. */
  readonly count: number;
  /** Indexed by pool index; index 0 and the slot after a Long/Double are null. */
  readonly entries: (ConstantPoolEntry | null)[];
  /** Offset of the first byte after the pool (the access_flags of a class file). */
  readonly endOffset: number;
}

// ## Parsing

function need(bytes: Uint8Array, offset: number, size: number, what: string): void {
  if (offset < 0 || offset + size > bytes.length) {
    throw new ClassFormatError(`truncated class file: expected ${what} (${size} bytes)`, offset);
  }
}

function u2(bytes: Uint8Array, offset: number): number {
  return (bytes[offset]! << 8) | bytes[offset + 1]!;
}

function s4(bytes: Uint8Array, offset: number): number {
  return (bytes[offset]! << 24) | (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!;
}

/**
 * Parses the constant pool starting at `offset` (the constant_pool_count, byte 8 of a class file).
 * Throws ClassFormatError on truncation, an unknown tag or invalid modified UTF-8. Index references
 * are not resolved here; {@link checkConstantPool} or the accessors below check them.
 */
export function readConstantPool(bytes: Uint8Array, offset = 8): ConstantPool {
  need(bytes, offset, 2, 'constant_pool_count');
  const count = u2(bytes, offset);
  // Bounded by 65535 whatever the input says, so this allocation is safe.
  const entries: (ConstantPoolEntry | null)[] = new Array<ConstantPoolEntry | null>(count).fill(null);
  let p = offset + 2;
  for (let i = 1; i < count; i++) {
    const start = p;
    need(bytes, p, 1, `constant pool tag of entry #${i}`);
    const tag = bytes[p]!;
    p++;
    let entry: ConstantPoolEntry;
    switch (tag) {
      case CONSTANT_Utf8: {
        need(bytes, p, 2, 'Utf8 length');
        const length = u2(bytes, p);
        need(bytes, p + 2, length, `Utf8 bytes of entry #${i}`);
        const value = decodeModifiedUtf8(bytes, p + 2, length);
        entry = { kind: 'Utf8', tag, offset: start, value, length };
        p += 2 + length;
        break;
      }
      case CONSTANT_Integer:
        need(bytes, p, 4, 'Integer value');
        entry = { kind: 'Integer', tag, offset: start, value: s4(bytes, p) };
        p += 4;
        break;
      case CONSTANT_Float: {
        need(bytes, p, 4, 'Float value');
        const bits = s4(bytes, p) >>> 0;
        entry = { kind: 'Float', tag, offset: start, value: floatFromBits(bits), bits };
        p += 4;
        break;
      }
      case CONSTANT_Long:
      case CONSTANT_Double: {
        need(bytes, p, 8, tag === CONSTANT_Long ? 'Long value' : 'Double value');
        // JVMS §4.4.5: an 8-byte constant takes two pool slots; the second is unusable.
        if (i + 1 >= count) {
          throw new ClassFormatError(`8-byte constant #${i} is the last pool entry; it needs two slots`, start);
        }
        const bits = (BigInt(s4(bytes, p) >>> 0) << 32n) | BigInt(s4(bytes, p + 4) >>> 0);
        entry =
          tag === CONSTANT_Long
            ? { kind: 'Long', tag, offset: start, value: BigInt.asIntN(64, bits) }
            : { kind: 'Double', tag, offset: start, value: doubleFromBits(bits), bits };
        p += 8;
        entries[i] = entry;
        i++;
        continue;
      }
      case CONSTANT_Class:
      case CONSTANT_String:
      case CONSTANT_MethodType:
      case CONSTANT_Module:
      case CONSTANT_Package: {
        need(bytes, p, 2, 'constant pool index');
        const index = u2(bytes, p);
        p += 2;
        if (tag === CONSTANT_Class) entry = { kind: 'Class', tag, offset: start, nameIndex: index };
        else if (tag === CONSTANT_String) entry = { kind: 'String', tag, offset: start, stringIndex: index };
        else if (tag === CONSTANT_MethodType) entry = { kind: 'MethodType', tag, offset: start, descriptorIndex: index };
        else if (tag === CONSTANT_Module) entry = { kind: 'Module', tag, offset: start, nameIndex: index };
        else entry = { kind: 'Package', tag, offset: start, nameIndex: index };
        break;
      }
      case CONSTANT_Fieldref:
      case CONSTANT_Methodref:
      case CONSTANT_InterfaceMethodref:
        need(bytes, p, 4, 'member reference');
        entry = {
          kind: tag === CONSTANT_Fieldref ? 'Fieldref' : tag === CONSTANT_Methodref ? 'Methodref' : 'InterfaceMethodref',
          tag,
          offset: start,
          classIndex: u2(bytes, p),
          nameAndTypeIndex: u2(bytes, p + 2),
        };
        p += 4;
        break;
      case CONSTANT_NameAndType:
        need(bytes, p, 4, 'NameAndType');
        entry = { kind: 'NameAndType', tag, offset: start, nameIndex: u2(bytes, p), descriptorIndex: u2(bytes, p + 2) };
        p += 4;
        break;
      case CONSTANT_MethodHandle:
        need(bytes, p, 3, 'MethodHandle');
        entry = { kind: 'MethodHandle', tag, offset: start, referenceKind: bytes[p]!, referenceIndex: u2(bytes, p + 1) };
        p += 3;
        break;
      case CONSTANT_Dynamic:
      case CONSTANT_InvokeDynamic:
        need(bytes, p, 4, tag === CONSTANT_Dynamic ? 'Dynamic' : 'InvokeDynamic');
        entry = {
          kind: tag === CONSTANT_Dynamic ? 'Dynamic' : 'InvokeDynamic',
          tag,
          offset: start,
          bootstrapMethodAttrIndex: u2(bytes, p),
          nameAndTypeIndex: u2(bytes, p + 2),
        };
        p += 4;
        break;
      default:
        throw new ClassFormatError(`unknown constant pool tag ${tag} for entry #${i}`, start);
    }
    entries[i] = entry;
  }
  return { count, entries, endOffset: p };
}

const conversion = new DataView(new ArrayBuffer(8));

function floatFromBits(bits: number): number {
  conversion.setUint32(0, bits);
  return conversion.getFloat32(0);
}

function doubleFromBits(bits: bigint): number {
  conversion.setBigUint64(0, bits);
  return conversion.getFloat64(0);
}

// ## Typed access

/** The entry at `index`, which must exist and (when given) be of one of the `kinds`. */
export function getConstant<K extends ConstantKind>(
  pool: ConstantPool,
  index: number,
  kinds?: readonly K[],
  offset = -1,
): Extract<ConstantPoolEntry, { kind: K }> {
  const entry = index > 0 && index < pool.count ? pool.entries[index] : null;
  if (entry == null) {
    throw new ClassFormatError(`invalid constant pool index ${index} (pool count ${pool.count})`, offset);
  }
  if (kinds !== undefined && !(kinds as readonly string[]).includes(entry.kind)) {
    throw new ClassFormatError(
      `constant pool entry #${index} is ${entry.kind}, expected ${kinds.join(' or ')}`,
      offset,
    );
  }
  return entry as Extract<ConstantPoolEntry, { kind: K }>;
}

/** The string of the Utf8 entry at `index`. */
export function getUtf8(pool: ConstantPool, index: number, offset = -1): string {
  return getConstant(pool, index, ['Utf8'], offset).value;
}

/** The name of the Class (or Module/Package) entry at `index`, e.g. `java/lang/Object`. */
export function getClassName(pool: ConstantPool, index: number, offset = -1): string {
  return getUtf8(pool, getConstant(pool, index, ['Class', 'Module', 'Package'], offset).nameIndex, offset);
}

/** Name and descriptor of the NameAndType entry at `index`. */
export function getNameAndType(pool: ConstantPool, index: number, offset = -1): { name: string; descriptor: string } {
  const nat = getConstant(pool, index, ['NameAndType'], offset);
  return { name: getUtf8(pool, nat.nameIndex, offset), descriptor: getUtf8(pool, nat.descriptorIndex, offset) };
}

/**
 * Checks that every index stored in a pool entry refers to an entry of the kind JVMS §4.4 requires,
 * so that {@link describeConstant} cannot fail afterwards.
 */
export function checkConstantPool(pool: ConstantPool): void {
  for (let i = 1; i < pool.count; i++) {
    const e = pool.entries[i];
    if (e == null) continue;
    switch (e.kind) {
      case 'Class':
      case 'Module':
      case 'Package':
        getUtf8(pool, e.nameIndex, e.offset);
        break;
      case 'String':
        getUtf8(pool, e.stringIndex, e.offset);
        break;
      case 'MethodType':
        getUtf8(pool, e.descriptorIndex, e.offset);
        break;
      case 'Fieldref':
      case 'Methodref':
      case 'InterfaceMethodref':
        getConstant(pool, e.classIndex, ['Class'], e.offset);
        getNameAndType(pool, e.nameAndTypeIndex, e.offset);
        break;
      case 'NameAndType':
        getUtf8(pool, e.nameIndex, e.offset);
        getUtf8(pool, e.descriptorIndex, e.offset);
        break;
      case 'MethodHandle':
        if (e.referenceKind < 1 || e.referenceKind > 9) {
          throw new ClassFormatError(`invalid MethodHandle reference kind ${e.referenceKind} in entry #${i}`, e.offset);
        }
        getConstant(pool, e.referenceIndex, ['Fieldref', 'Methodref', 'InterfaceMethodref'], e.offset);
        break;
      case 'Dynamic':
      case 'InvokeDynamic':
        getNameAndType(pool, e.nameAndTypeIndex, e.offset);
        break;
      default:
        break;
    }
  }
}

// ## Rendering

/** Escapes a string constant the way javap does; lone surrogates are escaped too, to keep the output valid text. */
function quote(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x5c) out += '\\\\';
    else if (c === 0x22) out += '\\"';
    else if (c === 0x27) out += "\\'";
    else if (c === 0x09) out += '\\t';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x0c) out += '\\f';
    else if (c === 0x08) out += '\\b';
    else if (c < 0x20 || (c >= 0x7f && c < 0xa0)) out += '\\u' + c.toString(16).padStart(4, '0');
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < value.length && (value.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      out += value[i]! + value[i + 1]!;
      i++;
    } else if (c >= 0xd800 && c < 0xe000) out += '\\u' + c.toString(16);
    else out += value[i];
  }
  return out;
}

const IDENTIFIER_START = /[\p{L}\p{Nl}\p{Sc}\p{Pc}]/u;
const IDENTIFIER_PART = /[\p{L}\p{Nl}\p{Sc}\p{Pc}\p{Nd}\p{Mn}\p{Mc}\p{Cf}\u0000-\u0008\u000e-\u001b\u007f-\u009f]/u;

/**
 * Quotes a class, module or member name when javap would: when it is not a sequence of Java
 * identifiers separated by '/' (`"<init>"`, `"[Ljava/lang/String;"`, `"java.base"`, `"module-info"`).
 */
function checkName(name: string): string {
  if (name.length === 0) return '""';
  let previous = '/';
  for (const ch of name) {
    if ((previous === '/' && !IDENTIFIER_START.test(ch)) || (ch !== '/' && !IDENTIFIER_PART.test(ch))) {
      return `"${quote(name)}"`;
    }
    previous = ch;
  }
  return name;
}

const CANONICAL_FLOAT_NAN = 0x7fc00000;
const CANONICAL_DOUBLE_NAN = 0x7ff8000000000000n;

/**
 * Java's Float/Double.toString: the shortest decimal (at least two digits) that reads back as the
 * same value, in plain notation for 10^-3 <= |v| < 10^7 and as `d.dddE±n` otherwise.
 */
function javaNumber(value: number, isFloat: boolean): string {
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  let precision = 2;
  const same = (text: string): boolean => (isFloat ? Math.fround(Number(text)) === value : Number(text) === value);
  while (precision < 17 && !same(value.toPrecision(precision))) precision++;
  const [mantissa, exponentText] = value.toExponential(precision - 1).split('e') as [string, string];
  const negative = mantissa.startsWith('-');
  let digits = mantissa.replace('-', '').replace('.', '').replace(/0+$/, '');
  if (digits === '') digits = '0';
  const exponent = Number(exponentText);
  const sign = negative ? '-' : '';
  const abs = Math.abs(value);
  if (abs >= 1e-3 && abs < 1e7) {
    if (exponent >= 0) {
      const integer = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
      const fraction = digits.slice(exponent + 1) || '0';
      return `${sign}${integer}.${fraction}`;
    }
    return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  }
  return `${sign}${digits[0]}.${digits.slice(1) || '0'}E${exponent}`;
}

function formatFloat(value: number, bits: number): string {
  if (Number.isNaN(value)) return bits === CANONICAL_FLOAT_NAN ? 'NaNf' : `NaN(0x${bits.toString(16)})f`;
  if (!Number.isFinite(value)) return value > 0 ? 'Infinityf' : '-Infinityf';
  return javaNumber(value, true) + 'f';
}

function formatDouble(value: number, bits: bigint): string {
  if (Number.isNaN(value)) return bits === CANONICAL_DOUBLE_NAN ? 'NaNd' : `NaN(0x${bits.toString(16)})d`;
  if (!Number.isFinite(value)) return value > 0 ? 'Infinityd' : '-Infinityd';
  return javaNumber(value, false) + 'd';
}

/**
 * A javap-like rendering of the constant at `index`, with every reference resolved:
 * `java/lang/Object."<init>":()V`, `String hello`, `long 42l`, `REF_invokeStatic Foo.bar:()V`,
 * `#0:run:()Ljava/lang/Runnable;` for (Invoke)Dynamic (the bootstrap method attribute index).
 * Throws ClassFormatError on a dangling or mistyped reference.
 */
export function describeConstant(pool: ConstantPool, index: number): string {
  const e = getConstant(pool, index);
  switch (e.kind) {
    case 'Utf8':
      return quote(e.value);
    case 'Integer':
      return String(e.value);
    case 'Float':
      return formatFloat(e.value, e.bits);
    case 'Long':
      return `${e.value}l`;
    case 'Double':
      return formatDouble(e.value, e.bits);
    case 'Class':
      return checkName(getUtf8(pool, e.nameIndex, e.offset));
    case 'String':
      return quote(getUtf8(pool, e.stringIndex, e.offset));
    case 'Fieldref':
    case 'Methodref':
    case 'InterfaceMethodref': {
      getConstant(pool, e.classIndex, ['Class'], e.offset);
      const owner = describeConstant(pool, e.classIndex);
      const nat = getNameAndType(pool, e.nameAndTypeIndex, e.offset);
      return `${owner}.${checkName(nat.name)}:${nat.descriptor}`;
    }
    case 'NameAndType':
      return `${checkName(getUtf8(pool, e.nameIndex, e.offset))}:${getUtf8(pool, e.descriptorIndex, e.offset)}`;
    case 'MethodHandle': {
      const kind = REFERENCE_KIND_NAMES[e.referenceKind] ?? `REF_${e.referenceKind}`;
      getConstant(pool, e.referenceIndex, ['Fieldref', 'Methodref', 'InterfaceMethodref'], e.offset);
      return `${kind} ${describeConstant(pool, e.referenceIndex)}`;
    }
    case 'MethodType':
      return getUtf8(pool, e.descriptorIndex, e.offset);
    case 'Dynamic':
    case 'InvokeDynamic': {
      const nat = getNameAndType(pool, e.nameAndTypeIndex, e.offset);
      return `#${e.bootstrapMethodAttrIndex}:${checkName(nat.name)}:${nat.descriptor}`;
    }
    case 'Module':
    case 'Package':
      return checkName(getUtf8(pool, e.nameIndex, e.offset));
  }
}

/**
 * The operand column of `javap -v` for an entry: its indices (`#2.#3`, `#5:#6`, `6:#43` for a
 * MethodHandle, `#0:#27` for (Invoke)Dynamic), or its value for Utf8 and numeric constants.
 */
export function describeConstantOperands(entry: ConstantPoolEntry): string {
  switch (entry.kind) {
    case 'Utf8':
      return quote(entry.value);
    case 'Integer':
      return String(entry.value);
    case 'Float':
      return formatFloat(entry.value, entry.bits);
    case 'Long':
      return `${entry.value}l`;
    case 'Double':
      return formatDouble(entry.value, entry.bits);
    case 'Class':
    case 'Module':
    case 'Package':
      return `#${entry.nameIndex}`;
    case 'String':
      return `#${entry.stringIndex}`;
    case 'MethodType':
      return `#${entry.descriptorIndex}`;
    case 'Fieldref':
    case 'Methodref':
    case 'InterfaceMethodref':
      return `#${entry.classIndex}.#${entry.nameAndTypeIndex}`;
    case 'NameAndType':
      return `#${entry.nameIndex}:#${entry.descriptorIndex}`;
    case 'MethodHandle':
      return `${entry.referenceKind}:#${entry.referenceIndex}`;
    case 'Dynamic':
    case 'InvokeDynamic':
      return `#${entry.bootstrapMethodAttrIndex}:#${entry.nameAndTypeIndex}`;
  }
}
