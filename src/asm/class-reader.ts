import { ClassFormatError } from '../classfile/class-format-error.js';
import { plainUint8Array } from '../classfile/plain-uint8array.js';
import { CAN_MAKE_LATIN1_TEXT, decodeModifiedUtf8, decodeModifiedUtf8In, latin1Text } from '../classfile/modified-utf8.js';
import type { AnnotationVisitor } from './annotation-visitor.js';
import { Attribute } from './attribute.js';
import { Attr, ATTRIBUTE_KINDS, ATTRIBUTE_NAMES_BY_LENGTH } from './attribute-kinds.js';
import type { ClassVisitor } from './class-visitor.js';
import { ConstantDynamic } from './constant-dynamic.js';
import { transcodeCode } from './code-transcoder.js';
import { Constants } from './constants.js';
import { Context } from './context.js';
import { FieldWriter } from './field-writer.js';
import { Handle } from './handle.js';
import { Insn, INSN_KINDS, INSN_SIZES } from './instruction-kinds.js';
import { Byte, Character, Double, Float, Short, type ConstantValue } from './java-values.js';
import { Label } from './label.js';
import type { MethodVisitor } from './method-visitor.js';
import { MethodWriter } from './method-writer.js';
import { Opcodes } from './opcodes.js';
import { readerHints, reserveFrameClassIndices } from './reader-hints.js';
import { RecordComponentWriter } from './record-component-writer.js';
import { SymbolTable } from './symbol-table.js';
import { Type } from './type.js';
import { TypePath } from './type-path.js';
import { TypeReference } from './type-reference.js';
import { holeyArray } from './holey-array.js';
import { currentSlab, MAX_SLAB_ALLOCATION, reserveSlabRegion, zeroedInt32Array } from './zeroed-slab.js';

// ## Low-level reads
//
// The reader works on offsets into the class file bytes (JVMS §4.1 structures are big-endian).
// These helpers do no bounds check: the constructor validates the skeleton of the class file
// (constant pool, members, attribute headers and lengths), and each parser checks its counts and
// where it ends against the enclosing attribute, so that a read past the end of the buffer (which
// yields undefined, coerced to 0 by the bit operations) is always caught before its result is used
// as an index or a size.

function u2(b: Uint8Array, offset: number): number {
  return (b[offset]! << 8) | b[offset + 1]!;
}

function s2(b: Uint8Array, offset: number): number {
  return ((b[offset]! << 24) | (b[offset + 1]! << 16)) >> 16;
}

function s4(b: Uint8Array, offset: number): number {
  return (b[offset]! << 24) | (b[offset + 1]! << 16) | (b[offset + 2]! << 8) | b[offset + 3]!;
}

function s8(b: Uint8Array, offset: number): bigint {
  return (BigInt(s4(b, offset)) << 32n) | BigInt(s4(b, offset + 4) >>> 0);
}

// Constant pool tags (JVMS §4.4, Table 4.4-B).
const enum Tag {
  CONSTANT_UTF8 = 1,
  CONSTANT_INTEGER = 3,
  CONSTANT_FLOAT = 4,
  CONSTANT_LONG = 5,
  CONSTANT_DOUBLE = 6,
  CONSTANT_CLASS = 7,
  CONSTANT_STRING = 8,
  CONSTANT_FIELDREF = 9,
  CONSTANT_METHODREF = 10,
  CONSTANT_INTERFACE_METHODREF = 11,
  CONSTANT_NAME_AND_TYPE = 12,
  CONSTANT_METHOD_HANDLE = 15,
  CONSTANT_METHOD_TYPE = 16,
  CONSTANT_DYNAMIC = 17,
  CONSTANT_INVOKE_DYNAMIC = 18,
  CONSTANT_MODULE = 19,
  CONSTANT_PACKAGE = 20,
}

/** What a constant pool tag is called in error messages. */
const TAG_NAMES: Record<number, string> = {
  [Tag.CONSTANT_UTF8]: 'CONSTANT_Utf8',
  [Tag.CONSTANT_INTEGER]: 'CONSTANT_Integer',
  [Tag.CONSTANT_FLOAT]: 'CONSTANT_Float',
  [Tag.CONSTANT_LONG]: 'CONSTANT_Long',
  [Tag.CONSTANT_DOUBLE]: 'CONSTANT_Double',
  [Tag.CONSTANT_CLASS]: 'CONSTANT_Class',
  [Tag.CONSTANT_STRING]: 'CONSTANT_String',
  [Tag.CONSTANT_FIELDREF]: 'CONSTANT_Fieldref',
  [Tag.CONSTANT_METHODREF]: 'CONSTANT_Methodref',
  [Tag.CONSTANT_INTERFACE_METHODREF]: 'CONSTANT_InterfaceMethodref',
  [Tag.CONSTANT_NAME_AND_TYPE]: 'CONSTANT_NameAndType',
  [Tag.CONSTANT_METHOD_HANDLE]: 'CONSTANT_MethodHandle',
  [Tag.CONSTANT_METHOD_TYPE]: 'CONSTANT_MethodType',
  [Tag.CONSTANT_DYNAMIC]: 'CONSTANT_Dynamic',
  [Tag.CONSTANT_INVOKE_DYNAMIC]: 'CONSTANT_InvokeDynamic',
  [Tag.CONSTANT_MODULE]: 'CONSTANT_Module',
  [Tag.CONSTANT_PACKAGE]: 'CONSTANT_Package',
};

/**
 * The MethodWriter.compute modes in which a method read straight into a MethodWriter is transcoded
 * (code-transcoder.ts): nothing, max stack and locals, all frames; not those of ClassWriter's own
 * rewriting of ASM's long jumps (from frames, inserted frames).
 */
const TRANSCODED_COMPUTE_MODES = Uint8Array.of(1, 1, 0, 0, 1);

/** Bytes per reader for the lowest pool index classified as each attribute kind (a u2 per kind). */
const ATTRIBUTE_NAME_INDICES_BYTE_LENGTH = 2 * (Attr.ATTRIBUTE_STACK_MAP + 1);

/**
 * How deeply element_values (JVMS §4.7.16.1) may nest: far beyond anything a compiler emits, and
 * low enough that a crafted attribute cannot overflow the JavaScript stack.
 */
const MAX_ELEMENT_VALUE_DEPTH = 256;

/** How deeply CONSTANT_Dynamic bootstrap arguments may nest (a cycle would recurse forever). */
const MAX_CONSTANT_DYNAMIC_DEPTH = 256;

// Each ClassReader needs three small per-entry tables (cpInfoOffsets, checkedUtf8Kinds,
// attributeKinds): one region of a shared slab when small (see zeroed-slab.ts), else a buffer.

/** The first and last supported major versions: JDK 1.0.2 (45) to Java 25 (69). */
const MIN_MAJOR_VERSION = 45;
const MAX_MAJOR_VERSION = Opcodes.V25;

// What a CONSTANT_Utf8 entry was checked to be (bits of ClassReader.checkedUtf8Kinds). Descriptors
// and array class names are checked once per entry, so that visitors and writers, which parse
// them, only ever get well-formed ones (HotSpot rejects the others when loading the class).
const FIELD_DESCRIPTOR = 1;
const METHOD_DESCRIPTOR = 2;
const CLASS_NAME = 4;
/**
 * Above those bits, a method descriptor's sizes (methodDescriptorSizes), found while checking it and
 * kept for the writers (see methodDescriptorSizesOf), when they fit (0: not kept).
 */
const METHOD_SIZES_SHIFT = 3;
const MAX_KEPT_METHOD_SIZES = 0xffff >> METHOD_SIZES_SHIFT;

/**
 * The offset just past the field type (JVMS §4.3.2) starting at `offset` in the modified UTF-8
 * bytes of a descriptor in `b` (which ends at `end`), or -1 if there is none there: a base type,
 * L<name>; with a non-empty name, or at most 255 [ before one of those. The same
 * answer as on the decoded string, as every character a descriptor's syntax looks at is
 * ASCII and no byte of a multi-byte sequence is below 0x80 (JVMS §4.4.7). Reads bytes rather than
 * the string's chars: one typed array load each, and no string search.
 */
function skipFieldTypeBytes(b: Uint8Array, offset: number, end: number): number {
  let dimensions = 0;
  let c = offset < end ? b[offset]! : -1;
  while (c === 91 /* '[' */) {
    if (++dimensions > 255) return -1;
    c = ++offset < end ? b[offset]! : -1;
  }
  switch (c) {
    case 66: // 'B'
    case 67: // 'C'
    case 68: // 'D'
    case 70: // 'F'
    case 73: // 'I'
    case 74: // 'J'
    case 83: // 'S'
    case 90: // 'Z'
      return offset + 1;
    case 76: {
      // 'L': a non-empty class name, then ';'.
      let semicolon = offset + 1;
      while (semicolon < end && b[semicolon] !== 59 /* ';' */) {
        ++semicolon;
      }
      return semicolon < end && semicolon > offset + 1 ? semicolon + 1 : -1;
    }
    default:
      return -1;
  }
}

/**
 * If the bytes [offset, end) of `b` are a method descriptor (JVMS §4.3.3; see skipFieldTypeBytes), the
 * sizes of its arguments (plus one for `this`) and of its return value, packed as
 * Type.getArgumentsAndReturnSizes packs them (`argumentsSize << 2 | returnSize`); else -1.
 */
function methodDescriptorSizes(b: Uint8Array, offset: number, end: number): number {
  if (offset >= end || b[offset] !== 40 /* '(' */) return -1;
  ++offset;
  let argumentsSize = 1;
  while (offset < end && b[offset] !== 41 /* ')' */) {
    const first = b[offset];
    offset = skipFieldTypeBytes(b, offset, end);
    if (offset < 0) return -1;
    argumentsSize += first === 74 /* 'J' */ || first === 68 /* 'D' */ ? 2 : 1;
  }
  if (++offset > end) return -1;
  if (offset < end && b[offset] === 86 /* 'V' */) return offset + 1 === end ? argumentsSize << 2 : -1;
  const first = b[offset];
  if (skipFieldTypeBytes(b, offset, end) !== end) return -1;
  return (argumentsSize << 2) | (first === 74 /* 'J' */ || first === 68 /* 'D' */ ? 2 : 1);
}

/** @internal A decoded CONSTANT_Dynamic or CONSTANT_InvokeDynamic (JVMS §4.4.10) with its bootstrap method (§4.7.23). */
export interface DynamicCallSite {
  readonly name: string;
  readonly descriptor: string;
  readonly handle: Handle;
  readonly bootstrapMethodArguments: ConstantValue[];
}

/** @internal A decoded CONSTANT_Fieldref, _Methodref or _InterfaceMethodref (JVMS §4.4.2). */
export class MemberRef {
  constructor(
    readonly tag: number,
    readonly owner: string,
    readonly name: string,
    readonly descriptor: string,
  ) {}
}

/** @internal The result of ClassReader.readMemberRefOnce, one object reused. */
export class MemberRefScratch {
  tag = 0;
  owner = '';
  name = '';
  descriptor = '';
}
const memberRefScratch = new MemberRefScratch();

/**
 * The visitor methods shared by ClassVisitor, FieldVisitor, MethodVisitor and
 * RecordComponentVisitor, through which annotation attributes are visited.
 */
interface AnnotatableVisitor {
  visitAnnotation(descriptor: string, visible: boolean): AnnotationVisitor | null;
  visitTypeAnnotation(
    typeRef: number,
    typePath: TypePath | null,
    descriptor: string,
    visible: boolean,
  ): AnnotationVisitor | null;
}

/**
 * A parser that makes a ClassVisitor visit a ClassFile structure (JVMS §4): the class header,
 * then its module, annotations, attributes, record components, fields and methods, each method
 * with its instructions, in ASM's event order.
 *
 * The constructor scans the constant pool once and checks the skeleton of the class file; the
 * rest is parsed during `accept`, on offsets into the bytes. Malformed bytes throw
 * ClassFormatError with the offending byte offset.
 */
/**
 * The labels array of readCode, indexed by bytecode offset, kept between methods: allocating
 * code_length + 1 holes per method (megabytes per pass over a class path) cost more than
 * clearing the slots used. Taken (null) while a method is read, so that a visitor reading
 * another class meanwhile gets an array of its own.
 */
let spareLabelArray: Label[] | null = null;

/** An array whose first `length` elements are undefined (its length may be larger). */
function takeLabelArray(length: number): Label[] {
  const labels = spareLabelArray;
  if (labels !== null && labels.length >= length) {
    spareLabelArray = null;
    return labels;
  }
  // Grown with headroom, so that a few growing methods do not each reallocate.
  const newLength = Math.max(length, 256, labels === null ? 0 : labels.length * 2);
  const newLabels = new Array<Label>(newLength);
  for (let i = 0; i < newLength; ++i) {
    newLabels[i] = undefined as unknown as Label;
  }
  return newLabels;
}

/** Clears the first `length` elements of `labels` (no Label kept alive) and keeps it for the next method. */
function releaseLabelArray(labels: Label[], length: number): void {
  // A loop, not fill(): fill takes V8's slow C++ path on these arrays.
  for (let i = 0; i < length; ++i) {
    labels[i] = undefined as unknown as Label;
  }
  spareLabelArray = labels;
}

export class ClassReader {
  /** Skips the Code attributes: methods are visited without code. */
  static readonly SKIP_CODE = 1;

  /**
   * Skips SourceFile, SourceDebugExtension, LocalVariableTable, LocalVariableTypeTable,
   * LineNumberTable and MethodParameters (no visitSource, visitLocalVariable, visitLineNumber,
   * visitParameter).
   */
  static readonly SKIP_DEBUG = 2;

  /** Skips the StackMap and StackMapTable attributes (no visitFrame), e.g. for COMPUTE_FRAMES. */
  static readonly SKIP_FRAMES = 4;

  /** Visits stack map frames expanded (Opcodes.F_NEW), whatever their form in the class file. */
  static readonly EXPAND_FRAMES = 8;

  /**
   * @internal Expands the ASM-specific long jump instructions (Constants.ASM_IFEQ…) into standard
   * sequences, and keeps GOTO_W and JSR_W as they are (so that ClassWriter's second pass cannot
   * loop shrinking and re-widening them). Used by ClassWriter only.
   */
  static readonly EXPAND_ASM_INSNS = 256;

  /** The bytes holding the class file. Prefer the read methods; kept for code ported from ASM. */
  readonly b: Uint8Array;

  /** The offset of the class's access_flags, just after the constant pool. */
  readonly header: number;

  /**
   * @internal The bytes holding the class file, which starts at `classFileOffset` in them. Must
   * not be modified.
   */
  readonly classFileBuffer: Uint8Array;

  /** @internal The offset of the class file (its magic number) in classFileBuffer. */
  readonly classFileOffset: number;

  /** @internal The offset just past the end of the class file in classFileBuffer. */
  readonly classFileEnd: number;

  /**
   * @internal The offset, plus one, of each constant pool entry (i.e. the offset of what follows
   * its tag byte); 0 for index 0 and for the unusable slot after a Long or Double.
   */
  readonly cpInfoOffsets: Int32Array;

  /** The decoded CONSTANT_Utf8 entries, by pool index, filled on first use. */
  private readonly constantUtf8Values: (string | undefined)[];

  /** The CONSTANT_Dynamic entries already read, by pool index, or null if the pool has none. */
  private readonly constantDynamicValues: (ConstantDynamic | undefined)[] | null;

  /** How many CONSTANT_Dynamic entries are being read, one inside the other. */
  private constantDynamicDepth: number;

  /** The ATTRIBUTE_* kind of each CONSTANT_Utf8 used as an attribute name, by pool index (0 if not known yet). */
  private readonly attributeKinds: Uint8Array;

  /** For each ATTRIBUTE_* kind, the lowest pool index classified as its name so far, or 0. */
  private readonly attributeNameIndices: Uint16Array;

  /** The names of the CONSTANT_Class entries already read, by pool index. */
  private readonly constantClassValues: (string | undefined)[];

  /**
   * For each CONSTANT_Utf8, what it was checked to be (FIELD_DESCRIPTOR, METHOD_DESCRIPTOR, CLASS_NAME
   * bits) and, above METHOD_SIZES_SHIFT, the sizes of a method descriptor.
   */
  private readonly checkedUtf8Kinds: Uint16Array;

  /** The field and method references already read, by pool index (allocated on first use). */
  private memberRefs: (MemberRef | undefined)[] | null;

  /**
   * The constant pool's bytes as a Latin-1 string, made on the first decode (see decodeUtf8Entry),
   * or null: its ASCII Utf8 constants are its substrings.
   */
  private poolText: string | null;

  /**
   * @internal The offset of each bootstrap_methods entry of the BootstrapMethods attribute
   * (JVMS §4.7.23), or null if the pool has no CONSTANT_Dynamic or CONSTANT_InvokeDynamic.
   */
  readonly bootstrapMethodOffsets: Int32Array | null;

  /** @internal A conservative estimate of the length of the longest string in the pool. */
  readonly maxStringLength: number;

  /** The offset of the first class attribute (after attributes_count). */
  private readonly firstAttributeOffset: number;

  /** The class file's major_version. */
  /** @internal */
  readonly majorVersion: number;

  /**
   * code_length + 1 of the Code attribute being read: the labels array may be longer (it is
   * reused across methods), so offsets are checked against this bound.
   */
  private labelBound: number;

  /** Reads the class file held in `classFile`. */
  constructor(classFile: Uint8Array);
  /** Reads the class file of `classFileLength` bytes at `classFileOffset` in `classFileBuffer`. */
  constructor(classFileBuffer: Uint8Array, classFileOffset: number, classFileLength: number);
  /** @internal As ASM's package-private constructor: optionally skips the version check. */
  constructor(classFileBuffer: Uint8Array, classFileOffset: number, checkClassVersion: boolean);
  constructor(classFileBuffer: Uint8Array, classFileOffset = 0, lengthOrCheck: number | boolean = true) {
    if (!(classFileBuffer instanceof Uint8Array)) {
      if (typeof classFileBuffer === 'string') {
        // ASM's ClassReader(String className) asks the system class loader for the class file; classforge never
        // loads classes (DESIGN.md contract 1), so a port of `new ClassReader("java.lang.Runnable")` is told
        // where the bytes come from instead of a bare type error.
        throw new TypeError(
          `ClassReader takes the class file bytes, not a class name ('${classFileBuffer as string}'): Java's ` +
            'ClassReader(String) loads the class from the class path; read its bytes with a ClassPath instead: ' +
            `new ClassReader(new ClassPath([]).getClassBytes('${(classFileBuffer as string).replace(/\./g, '/')}'))` +
            ' (the running JDK; add directories and jars to the entries)',
        );
      }
      if (classFileBuffer === undefined || classFileBuffer === null) {
        // Typically ClassPath.getClassBytes of a class it does not hold (ASM: IOException "Class not found").
        throw new TypeError(`ClassReader expects the class file bytes as a Uint8Array, got ${String(classFileBuffer)} (class not found?)`);
      }
      throw new TypeError('ClassReader expects the class file bytes as a Uint8Array');
    }
    // A plain view keeps the hot reads monomorphic when given a Node Buffer, and slice() a copy.
    const b = plainUint8Array(classFileBuffer);
    this.b = b;
    this.classFileBuffer = b;
    const checkClassVersion = lengthOrCheck !== false;
    const classFileLength = typeof lengthOrCheck === 'number' ? lengthOrCheck : b.length - classFileOffset;
    if (
      !Number.isInteger(classFileOffset) ||
      !Number.isInteger(classFileLength) ||
      classFileOffset < 0 ||
      classFileLength < 0 ||
      classFileOffset + classFileLength > b.length
    ) {
      throw new ClassFormatError(
        `Class file range [${classFileOffset}, +${classFileLength}) is outside the ${b.length} given bytes`,
      );
    }
    this.classFileOffset = classFileOffset;
    const end = classFileOffset + classFileLength;
    this.classFileEnd = end;
    this.constantDynamicDepth = 0;
    this.labelBound = 0;
    this.memberRefs = null;
    this.poolText = null;

    // JVMS §4.1: magic, minor_version, major_version, constant_pool_count.
    if (classFileLength < 10) {
      throw new ClassFormatError(
        `Truncated class file: ${classFileLength} bytes, expected at least the 10-byte header`,
        0,
      );
    }
    if (s4(b, classFileOffset) !== (0xcafebabe | 0)) {
      throw new ClassFormatError(
        `Bad magic number 0x${(s4(b, classFileOffset) >>> 0).toString(16).padStart(8, '0')}, expected 0xcafebabe`,
        0,
      );
    }
    const majorVersion = u2(b, classFileOffset + 6);
    this.majorVersion = majorVersion;
    if (checkClassVersion && (majorVersion > MAX_MAJOR_VERSION || majorVersion < MIN_MAJOR_VERSION)) {
      throw new ClassFormatError(`Unsupported class file major version ${majorVersion}`, 6);
    }

    // Scan the constant pool (JVMS §4.4): the offset of each entry, and whether a BootstrapMethods
    // attribute is needed.
    const constantPoolCount = u2(b, classFileOffset + 8);
    if (constantPoolCount === 0) {
      throw new ClassFormatError('constant_pool_count is 0, expected at least 1', 8);
    }
    // One backing store for the three per-entry tables and attributeNameIndices, carved out of a
    // shared slab when small: cpInfoOffsets (4 bytes an entry), checkedUtf8Kinds (2), attributeNameIndices,
    // attributeKinds (1), the u2 tables at even offsets.
    const tablesByteLength = (constantPoolCount * 7 + ATTRIBUTE_NAME_INDICES_BYTE_LENGTH + 7) & ~7;
    let tables: ArrayBuffer;
    let tablesOffset: number;
    if (tablesByteLength > MAX_SLAB_ALLOCATION) {
      tables = new ArrayBuffer(tablesByteLength);
      tablesOffset = 0;
    } else {
      tablesOffset = reserveSlabRegion(tablesByteLength);
      tables = currentSlab();
    }
    const cpInfoOffsets = new Int32Array(tables, tablesOffset, constantPoolCount);
    this.cpInfoOffsets = cpInfoOffsets;
    this.constantUtf8Values = holeyArray<string>(constantPoolCount);
    this.checkedUtf8Kinds = new Uint16Array(tables, tablesOffset + constantPoolCount * 4, constantPoolCount);
    this.attributeNameIndices = new Uint16Array(tables, tablesOffset + constantPoolCount * 6, Attr.ATTRIBUTE_STACK_MAP + 1);
    this.attributeKinds = new Uint8Array(tables, tablesOffset + constantPoolCount * 6 + ATTRIBUTE_NAME_INDICES_BYTE_LENGTH, constantPoolCount);
    this.constantClassValues = holeyArray<string>(constantPoolCount);
    let currentCpInfoIndex = 1;
    let currentCpInfoOffset = classFileOffset + 10;
    let currentMaxStringLength = 0;
    let hasBootstrapMethods = false;
    let hasConstantDynamic = false;
    while (currentCpInfoIndex < constantPoolCount) {
      if (currentCpInfoOffset >= end) {
        throw new ClassFormatError(
          `Truncated constant pool: entry #${currentCpInfoIndex} of ${constantPoolCount - 1} is missing`,
          currentCpInfoOffset - classFileOffset,
        );
      }
      cpInfoOffsets[currentCpInfoIndex++] = currentCpInfoOffset + 1;
      let cpInfoSize: number;
      switch (b[currentCpInfoOffset]) {
        case Tag.CONSTANT_FIELDREF:
        case Tag.CONSTANT_METHODREF:
        case Tag.CONSTANT_INTERFACE_METHODREF:
        case Tag.CONSTANT_INTEGER:
        case Tag.CONSTANT_FLOAT:
        case Tag.CONSTANT_NAME_AND_TYPE:
          cpInfoSize = 5;
          break;
        case Tag.CONSTANT_DYNAMIC:
          cpInfoSize = 5;
          hasBootstrapMethods = true;
          hasConstantDynamic = true;
          break;
        case Tag.CONSTANT_INVOKE_DYNAMIC:
          cpInfoSize = 5;
          hasBootstrapMethods = true;
          break;
        case Tag.CONSTANT_LONG:
        case Tag.CONSTANT_DOUBLE:
          // JVMS §4.4.5: 8-byte constants take two pool slots; the second stays unusable (0).
          cpInfoSize = 9;
          currentCpInfoIndex++;
          break;
        case Tag.CONSTANT_UTF8:
          if (currentCpInfoOffset + 3 > end) {
            cpInfoSize = 3;
            break;
          }
          cpInfoSize = 3 + u2(b, currentCpInfoOffset + 1);
          if (cpInfoSize > currentMaxStringLength) {
            currentMaxStringLength = cpInfoSize;
          }
          break;
        case Tag.CONSTANT_METHOD_HANDLE:
          cpInfoSize = 4;
          break;
        case Tag.CONSTANT_CLASS:
        case Tag.CONSTANT_STRING:
        case Tag.CONSTANT_METHOD_TYPE:
        case Tag.CONSTANT_PACKAGE:
        case Tag.CONSTANT_MODULE:
          cpInfoSize = 3;
          break;
        default:
          throw new ClassFormatError(
            `Unknown constant pool tag ${b[currentCpInfoOffset]} for entry #${currentCpInfoIndex - 1}`,
            currentCpInfoOffset - classFileOffset,
          );
      }
      if (cpInfoSize > end - currentCpInfoOffset) {
        throw new ClassFormatError(
          `Truncated constant pool entry #${currentCpInfoIndex - 1} (${TAG_NAMES[b[currentCpInfoOffset]!]}): ` +
            `${cpInfoSize} bytes expected, ${end - currentCpInfoOffset} left`,
          currentCpInfoOffset - classFileOffset,
        );
      }
      currentCpInfoOffset += cpInfoSize;
    }
    this.maxStringLength = currentMaxStringLength;
    // JVMS §4.1: access_flags follows the last constant pool entry.
    this.header = currentCpInfoOffset;
    this.firstAttributeOffset = this.checkClassFileSkeleton();
    this.constantDynamicValues = hasConstantDynamic ? holeyArray<ConstantDynamic>(constantPoolCount) : null;
    this.bootstrapMethodOffsets = hasBootstrapMethods ? this.readBootstrapMethodsAttribute(currentMaxStringLength) : null;
  }

  /**
   * Checks that the interfaces, fields, methods and attribute headers after the constant pool fit
   * in the class file (JVMS §4.1, §4.5, §4.6, §4.7), so that every attribute_length can be
   * trusted afterwards, and returns the offset of the first class attribute.
   */
  private checkClassFileSkeleton(): number {
    const b = this.classFileBuffer;
    const end = this.classFileEnd;
    let currentOffset = this.header;
    // access_flags, this_class, super_class, interfaces_count and interfaces.
    if (currentOffset + 8 > end) {
      this.fail('access_flags, this_class, super_class and interfaces_count', currentOffset);
    }
    currentOffset += 8 + 2 * u2(b, currentOffset + 6);
    // fields_count and fields, then methods_count and methods.
    for (let memberKind = 0; memberKind < 2; ++memberKind) {
      if (currentOffset + 2 > end) {
        this.fail(memberKind === 0 ? 'fields_count' : 'methods_count', currentOffset);
      }
      let memberCount = u2(b, currentOffset);
      currentOffset += 2;
      while (memberCount-- > 0) {
        if (currentOffset + 8 > end) {
          this.fail(memberKind === 0 ? 'a field_info' : 'a method_info', currentOffset);
        }
        const attributesCount = u2(b, currentOffset + 6);
        currentOffset = this.checkAttributeHeaders(currentOffset + 8, attributesCount, end);
      }
    }
    // attributes_count and attributes.
    if (currentOffset + 2 > end) {
      this.fail('the class attributes_count', currentOffset);
    }
    this.checkAttributeHeaders(currentOffset + 2, u2(b, currentOffset), end);
    return currentOffset + 2;
  }

  /**
   * Checks that `attributesCount` attribute_info structures (JVMS §4.7) starting at
   * `attributesOffset` fit before `end`; returns the offset after them.
   */
  private checkAttributeHeaders(attributesOffset: number, attributesCount: number, end: number): number {
    const b = this.classFileBuffer;
    let currentOffset = attributesOffset;
    while (attributesCount-- > 0) {
      if (currentOffset + 6 > end) {
        this.fail('an attribute_info header (attribute_name_index, attribute_length)', currentOffset);
      }
      const attributeLength = s4(b, currentOffset + 2);
      currentOffset += 6;
      if (attributeLength < 0 || attributeLength > end - currentOffset) {
        this.fail(
          `an attribute of ${attributeLength >>> 0} bytes, but only ${end - currentOffset} are left`,
          currentOffset - 4,
        );
      }
      currentOffset += attributeLength;
    }
    return currentOffset;
  }

  /** Throws a ClassFormatError saying that `expected` was expected at `offset` (in classFileBuffer). */
  private fail(expected: string, offset: number): never {
    throw new ClassFormatError(`Malformed class file: expected ${expected}`, offset - this.classFileOffset);
  }

  // ## Accessors

  /**
   * The class's access flags (Opcodes.ACC_*). May lack ACC_DEPRECATED and ACC_SYNTHETIC, which
   * older class files give as attributes.
   */
  getAccess(): number {
    return u2(this.classFileBuffer, this.header);
  }

  /** The internal name of the class (JVMS §4.1 this_class). */
  getClassName(): string {
    return this.readRequiredClass(this.header + 2);
  }

  /** The internal name of the super class, or null for java/lang/Object (and module-info). */
  getSuperName(): string | null {
    return this.readOptionalClass(this.header + 4);
  }

  /** The internal names of the directly implemented interfaces. */
  getInterfaces(): string[] {
    let currentOffset = this.header + 6;
    const interfacesCount = u2(this.classFileBuffer, currentOffset);
    const interfaces = new Array<string>(interfacesCount);
    for (let i = 0; i < interfacesCount; ++i) {
      currentOffset += 2;
      interfaces[i] = this.readRequiredClass(currentOffset);
    }
    return interfaces;
  }

  // ## Public methods

  /**
   * Makes `classVisitor` visit the class file. `parsingOptions` combines SKIP_CODE, SKIP_DEBUG,
   * SKIP_FRAMES and EXPAND_FRAMES. `attributePrototypes` are the non-standard attributes to parse
   * with their `read` method; others are kept as opaque bytes (which is only safe if they hold no
   * reference to the constant pool or to code offsets that a transformation could change).
   */
  accept(classVisitor: ClassVisitor, parsingOptions: number): void;
  accept(classVisitor: ClassVisitor, attributePrototypes: Attribute[], parsingOptions: number): void;
  accept(
    classVisitor: ClassVisitor,
    attributePrototypesOrParsingOptions: Attribute[] | number,
    parsingOptionsArgument?: number,
  ): void {
    let attributePrototypes: Attribute[];
    let parsingOptions: number;
    if (typeof attributePrototypesOrParsingOptions === 'number') {
      attributePrototypes = [];
      parsingOptions = attributePrototypesOrParsingOptions;
    } else {
      attributePrototypes = attributePrototypesOrParsingOptions;
      parsingOptions = parsingOptionsArgument ?? 0;
    }
    // While this reader visits, a ClassWriter reached through any adapters takes it as its
    // dictionary (see readerHints); nested readers restore the outer one, so the offsets set
    // below while visiting are always this reader's (set once here: a store of this young object
    // into the long-lived readerHints goes through V8's write barrier).
    const outerReader = readerHints.reader;
    readerHints.reader = this;
    try {
      this.acceptClass(classVisitor, attributePrototypes, parsingOptions);
    } finally {
      readerHints.reader = outerReader;
    }
  }

  private acceptClass(classVisitor: ClassVisitor, attributePrototypes: Attribute[], parsingOptions: number): void {
    const context = new Context(attributePrototypes, parsingOptions);
    const b = this.classFileBuffer;
    // A ClassWriter written from scratch builds a pool about as large as this one.
    const symbolTable = (classVisitor as { symbolTable?: unknown }).symbolTable;
    if (symbolTable instanceof SymbolTable) {
      symbolTable.reserveForSource(this);
    }

    // Read the access_flags, this_class, super_class, interfaces_count and interfaces (JVMS §4.1).
    let currentOffset = this.header;
    let accessFlags = u2(b, currentOffset);
    const thisClass = this.readRequiredClass(currentOffset + 2);
    const superClass = this.readOptionalClass(currentOffset + 4);
    const interfaces = new Array<string>(u2(b, currentOffset + 6));
    currentOffset += 8;
    for (let i = 0; i < interfaces.length; ++i) {
      interfaces[i] = this.readRequiredClass(currentOffset);
      currentOffset += 2;
    }

    // Read the class attributes (JVMS §4.7, Table 4.7-C). Offsets are those of the attribute
    // contents (after attribute_name_index and attribute_length), 0 when absent.
    let innerClassesOffset = 0;
    let enclosingMethodOffset = 0;
    let signature: string | null = null;
    let signatureOffset = 0;
    let sourceFile: string | null = null;
    let sourceFileOffset = 0;
    let nestHostOffset = 0;
    let sourceDebugExtension: string | null = null;
    let runtimeVisibleAnnotationsOffset = 0;
    let runtimeInvisibleAnnotationsOffset = 0;
    let runtimeVisibleTypeAnnotationsOffset = 0;
    let runtimeInvisibleTypeAnnotationsOffset = 0;
    let moduleOffset = 0;
    let modulePackagesOffset = 0;
    let moduleMainClass: string | null = null;
    let nestHostClass: string | null = null;
    let nestMembersOffset = 0;
    let permittedSubclassesOffset = 0;
    let recordOffset = 0;
    // The non-standard attributes, linked through nextAttribute in REVERSE order.
    let attributes: Attribute | null = null;

    let currentAttributeOffset = this.firstAttributeOffset;
    for (let i = u2(b, currentAttributeOffset - 2); i > 0; --i) {
      const attributeKind = this.readAttributeKind(currentAttributeOffset);
      const attributeLength = s4(b, currentAttributeOffset + 2);
      currentAttributeOffset += 6;
      // Most frequent attributes first.
      if (attributeKind === Attr.ATTRIBUTE_SOURCE_FILE) {
        this.checkLength(attributeLength, 2, currentAttributeOffset);
        sourceFile = this.readOptionalUtf8(currentAttributeOffset);
        sourceFileOffset = currentAttributeOffset;
      } else if (attributeKind === Attr.ATTRIBUTE_INNER_CLASSES) {
        this.checkTableLength(attributeLength, 8, currentAttributeOffset);
        innerClassesOffset = currentAttributeOffset;
      } else if (attributeKind === Attr.ATTRIBUTE_ENCLOSING_METHOD) {
        this.checkLength(attributeLength, 4, currentAttributeOffset);
        enclosingMethodOffset = currentAttributeOffset;
      } else if (attributeKind === Attr.ATTRIBUTE_NEST_HOST) {
        this.checkLength(attributeLength, 2, currentAttributeOffset);
        nestHostClass = this.readRequiredClass(currentAttributeOffset);
        nestHostOffset = currentAttributeOffset;
      } else if (attributeKind === Attr.ATTRIBUTE_NEST_MEMBERS) {
        this.checkTableLength(attributeLength, 2, currentAttributeOffset);
        nestMembersOffset = currentAttributeOffset;
      } else if (attributeKind === Attr.ATTRIBUTE_PERMITTED_SUBCLASSES) {
        this.checkTableLength(attributeLength, 2, currentAttributeOffset);
        permittedSubclassesOffset = currentAttributeOffset;
      } else if (attributeKind === Attr.ATTRIBUTE_SIGNATURE) {
        this.checkLength(attributeLength, 2, currentAttributeOffset);
        signature = this.readOptionalUtf8(currentAttributeOffset);
        signatureOffset = currentAttributeOffset;
      } else if (attributeKind === Attr.ATTRIBUTE_RUNTIME_VISIBLE_ANNOTATIONS) {
        runtimeVisibleAnnotationsOffset = currentAttributeOffset;
      } else if (attributeKind === Attr.ATTRIBUTE_RUNTIME_VISIBLE_TYPE_ANNOTATIONS) {
        runtimeVisibleTypeAnnotationsOffset = currentAttributeOffset;
      } else if (attributeKind === Attr.ATTRIBUTE_DEPRECATED) {
        accessFlags |= Opcodes.ACC_DEPRECATED;
      } else if (attributeKind === Attr.ATTRIBUTE_SYNTHETIC) {
        accessFlags |= Opcodes.ACC_SYNTHETIC;
      } else if (attributeKind === Attr.ATTRIBUTE_SOURCE_DEBUG_EXTENSION) {
        // JVMS §4.7.11: the whole content is a modified UTF-8 string.
        sourceDebugExtension = decodeModifiedUtf8(b, currentAttributeOffset, attributeLength);
      } else if (attributeKind === Attr.ATTRIBUTE_RUNTIME_INVISIBLE_ANNOTATIONS) {
        runtimeInvisibleAnnotationsOffset = currentAttributeOffset;
      } else if (attributeKind === Attr.ATTRIBUTE_RUNTIME_INVISIBLE_TYPE_ANNOTATIONS) {
        runtimeInvisibleTypeAnnotationsOffset = currentAttributeOffset;
      } else if (attributeKind === Attr.ATTRIBUTE_RECORD) {
        recordOffset = currentAttributeOffset;
        accessFlags |= Opcodes.ACC_RECORD;
      } else if (attributeKind === Attr.ATTRIBUTE_MODULE) {
        moduleOffset = currentAttributeOffset;
      } else if (attributeKind === Attr.ATTRIBUTE_MODULE_MAIN_CLASS) {
        this.checkLength(attributeLength, 2, currentAttributeOffset);
        moduleMainClass = this.readRequiredClass(currentAttributeOffset);
      } else if (attributeKind === Attr.ATTRIBUTE_MODULE_PACKAGES) {
        this.checkTableLength(attributeLength, 2, currentAttributeOffset);
        modulePackagesOffset = currentAttributeOffset;
      } else if (attributeKind !== Attr.ATTRIBUTE_BOOTSTRAP_METHODS) {
        // BootstrapMethods was read by the constructor.
        const attribute = this.readAttribute(
          attributePrototypes,
          this.readRequiredUtf8(currentAttributeOffset - 6),
          currentAttributeOffset,
          attributeLength,
          null,
          -1,
          null,
        );
        attribute.nextAttribute = attributes;
        attributes = attribute;
      }
      currentAttributeOffset += attributeLength;
    }

    // Visit the class declaration. The version is minor_version << 16 | major_version.
    readerHints.classEntryOffset = signatureOffset;
    classVisitor.visit(s4(b, this.classFileOffset + 4), accessFlags, thisClass, signature, superClass, interfaces);

    // Visit the SourceFile and SourceDebugExtension attributes.
    if ((parsingOptions & ClassReader.SKIP_DEBUG) === 0 && (sourceFile !== null || sourceDebugExtension !== null)) {
      readerHints.classEntryOffset = sourceFileOffset;
      classVisitor.visitSource(sourceFile, sourceDebugExtension);
    }

    // Visit the Module, ModulePackages and ModuleMainClass attributes.
    if (moduleOffset !== 0) {
      this.readModuleAttributes(classVisitor, context, moduleOffset, modulePackagesOffset, moduleMainClass);
    }

    // Visit the NestHost attribute.
    if (nestHostClass !== null) {
      readerHints.classEntryOffset = nestHostOffset;
      classVisitor.visitNestHost(nestHostClass);
    }

    // Visit the EnclosingMethod attribute (JVMS §4.7.7): method_index may be 0.
    if (enclosingMethodOffset !== 0) {
      const className = this.readRequiredClass(enclosingMethodOffset);
      const methodIndex = u2(b, enclosingMethodOffset + 2);
      let name: string | null = null;
      let type: string | null = null;
      if (methodIndex !== 0) {
        const nameAndTypeCpInfoOffset = this.getCpInfoOffset(
          methodIndex,
          Tag.CONSTANT_NAME_AND_TYPE,
          enclosingMethodOffset + 2,
        );
        name = this.readRequiredUtf8(nameAndTypeCpInfoOffset);
        type = this.readRequiredUtf8(nameAndTypeCpInfoOffset + 2);
      }
      readerHints.classEntryOffset = enclosingMethodOffset;
      classVisitor.visitOuterClass(className, name, type);
    }

    // Visit the Runtime[In]Visible[Type]Annotations attributes.
    if (runtimeVisibleAnnotationsOffset !== 0) {
      this.readAnnotations(classVisitor, runtimeVisibleAnnotationsOffset, true);
    }
    if (runtimeInvisibleAnnotationsOffset !== 0) {
      this.readAnnotations(classVisitor, runtimeInvisibleAnnotationsOffset, false);
    }
    if (runtimeVisibleTypeAnnotationsOffset !== 0) {
      this.readTypeAnnotationsOf(classVisitor, context, runtimeVisibleTypeAnnotationsOffset, true);
    }
    if (runtimeInvisibleTypeAnnotationsOffset !== 0) {
      this.readTypeAnnotationsOf(classVisitor, context, runtimeInvisibleTypeAnnotationsOffset, false);
    }

    // Visit the non-standard attributes.
    while (attributes !== null) {
      // Unlink each attribute so that a ClassWriter can link it into its own list.
      const nextAttribute: Attribute | null = attributes.nextAttribute;
      attributes.nextAttribute = null;
      classVisitor.visitAttribute(attributes);
      attributes = nextAttribute;
    }

    // Visit the NestMembers attribute.
    if (nestMembersOffset !== 0) {
      let numberOfNestMembers = u2(b, nestMembersOffset);
      let currentNestMemberOffset = nestMembersOffset + 2;
      while (numberOfNestMembers-- > 0) {
        readerHints.classEntryOffset = currentNestMemberOffset;
        classVisitor.visitNestMember(this.readRequiredClass(currentNestMemberOffset));
        currentNestMemberOffset += 2;
      }
    }

    // Visit the PermittedSubclasses attribute.
    if (permittedSubclassesOffset !== 0) {
      let numberOfPermittedSubclasses = u2(b, permittedSubclassesOffset);
      let currentPermittedSubclassOffset = permittedSubclassesOffset + 2;
      while (numberOfPermittedSubclasses-- > 0) {
        readerHints.classEntryOffset = currentPermittedSubclassOffset;
        classVisitor.visitPermittedSubclass(this.readRequiredClass(currentPermittedSubclassOffset));
        currentPermittedSubclassOffset += 2;
      }
    }

    // Visit the InnerClasses attribute (JVMS §4.7.6): outer class and inner name may be 0.
    if (innerClassesOffset !== 0) {
      let numberOfClasses = u2(b, innerClassesOffset);
      let currentClassesOffset = innerClassesOffset + 2;
      while (numberOfClasses-- > 0) {
        readerHints.classEntryOffset = currentClassesOffset;
        classVisitor.visitInnerClass(
          this.readRequiredClass(currentClassesOffset),
          this.readOptionalClass(currentClassesOffset + 2),
          this.readOptionalUtf8(currentClassesOffset + 4),
          u2(b, currentClassesOffset + 6),
        );
        currentClassesOffset += 8;
      }
    }

    // Visit the record components (JVMS §4.7.30).
    if (recordOffset !== 0) {
      const recordEnd = recordOffset + s4(b, recordOffset - 4);
      if (recordOffset + 2 > recordEnd) {
        this.fail('components_count in the Record attribute', recordOffset);
      }
      let recordComponentsCount = u2(b, recordOffset);
      let currentRecordComponentOffset = recordOffset + 2;
      while (recordComponentsCount-- > 0) {
        currentRecordComponentOffset = this.readRecordComponent(
          classVisitor,
          context,
          currentRecordComponentOffset,
          recordEnd,
        );
      }
    }

    // Visit the fields and methods (their bounds were checked by the constructor).
    let fieldsCount = u2(b, currentOffset);
    currentOffset += 2;
    while (fieldsCount-- > 0) {
      currentOffset = this.readField(classVisitor, context, currentOffset);
    }
    let methodsCount = u2(b, currentOffset);
    currentOffset += 2;
    while (methodsCount-- > 0) {
      currentOffset = this.readMethod(classVisitor, context, currentOffset);
    }

    // Visit the end of the class.
    classVisitor.visitEnd();
  }

  /** The ATTRIBUTE_* kind of the attribute whose attribute_name_index is the u2 at `offset`. */
  readAttributeKind(offset: number): number {
    const b = this.classFileBuffer;
    const constantPoolEntryIndex = u2(b, offset);
    const kind = this.attributeKinds[constantPoolEntryIndex]!;
    if (kind !== 0) {
      return kind;
    }
    // A known name is recognized by its bytes (JVMS §4.7: attribute_name_index is a CONSTANT_Utf8).
    const cpInfoOffset = this.getCpInfoOffset(constantPoolEntryIndex, Tag.CONSTANT_UTF8, offset);
    const candidates = ATTRIBUTE_NAMES_BY_LENGTH[u2(b, cpInfoOffset)];
    if (candidates !== undefined) {
      for (let i = 0; i < candidates.length; ++i) {
        const candidate = candidates[i]!;
        const nameBytes = candidate.bytes;
        let j = 0;
        while (j < nameBytes.length && b[cpInfoOffset + 2 + j] === nameBytes[j]) {
          ++j;
        }
        if (j === nameBytes.length) {
          const knownIndex = this.attributeNameIndices[candidate.kind]!;
          if (knownIndex === 0 || constantPoolEntryIndex < knownIndex) {
            this.attributeNameIndices[candidate.kind] = constantPoolEntryIndex;
          }
          return (this.attributeKinds[constantPoolEntryIndex] = candidate.kind);
        }
      }
    }
    // Another name: decoded, which also checks that it is well-formed modified UTF-8.
    this.readRequiredUtf8(offset);
    return (this.attributeKinds[constantPoolEntryIndex] = Attr.ATTRIBUTE_OTHER);
  }

  /**
   * @internal The pool index of a Utf8 constant that this reader has read as the name of an
   * attribute called `name` (one of the attributes it knows), or 0: a constant holding exactly the
   * bytes of `name` (compared by readAttributeKind), possibly never decoded into a string. A
   * ClassWriter copying this reader's pool, or taking it as its dictionary, finds its attribute
   * names there without searching the pool.
   */
  getAttributeNameIndex(name: string): number {
    const kind = ATTRIBUTE_KINDS.get(name);
    return kind === undefined ? 0 : this.attributeNameIndices[kind]!;
  }

  /**
   * Checks that the attribute whose content starts at `attributeOffset` holds at least `minimum`
   * bytes.
   */
  private checkLength(attributeLength: number, minimum: number, attributeOffset: number): void {
    if (attributeLength < minimum) {
      const attributeName = this.readRequiredUtf8(attributeOffset - 6);
      this.fail(`a ${attributeName} attribute of at least ${minimum} bytes, not ${attributeLength}`, attributeOffset - 4);
    }
  }

  /**
   * Checks that the attribute whose content starts at `attributeOffset`, a u2 count followed by
   * that many `entrySize`-byte entries, fits in its `attributeLength` bytes.
   */
  private checkTableLength(attributeLength: number, entrySize: number, attributeOffset: number): void {
    if (attributeLength < 2 || 2 + entrySize * u2(this.classFileBuffer, attributeOffset) > attributeLength) {
      const attributeName = this.readRequiredUtf8(attributeOffset - 6);
      this.fail(`a ${attributeName} attribute whose entries fit in its ${attributeLength} bytes`, attributeOffset);
    }
  }

  /**
   * Checks that a variable-length attribute whose content starts at `attributeOffset` was parsed
   * without reading past its end; `parsedEnd` is where parsing stopped.
   */
  private checkAttributeEnd(parsedEnd: number, attributeOffset: number): void {
    const attributeEnd = attributeOffset + s4(this.classFileBuffer, attributeOffset - 4);
    if (parsedEnd > attributeEnd) {
      this.fail(
        `the content of the ${this.readRequiredUtf8(attributeOffset - 6)} attribute to fit in its ` +
          `${attributeEnd - attributeOffset} bytes (it needs ${parsedEnd - attributeOffset})`,
        attributeOffset,
      );
    }
  }

  // ## Modules, record components, fields and methods

  /** Reads the Module (JVMS §4.7.25), ModulePackages and ModuleMainClass attributes and visits them. */
  private readModuleAttributes(
    classVisitor: ClassVisitor,
    context: Context,
    moduleOffset: number,
    modulePackagesOffset: number,
    moduleMainClass: string | null,
  ): void {
    const b = this.classFileBuffer;
    const moduleEnd = moduleOffset + s4(b, moduleOffset - 4);
    if (moduleOffset + 6 > moduleEnd) {
      this.fail('module_name_index, module_flags and module_version_index in the Module attribute', moduleOffset);
    }
    // module_name_index, module_flags and module_version_index (which may be 0).
    let currentOffset = moduleOffset;
    const moduleName = this.readRequiredStringish(currentOffset, Tag.CONSTANT_MODULE);
    const moduleFlags = u2(b, currentOffset + 2);
    const moduleVersion = this.readOptionalUtf8(currentOffset + 4);
    currentOffset += 6;
    const moduleVisitor = classVisitor.visitModule(moduleName, moduleFlags, moduleVersion);
    if (moduleVisitor == null) {
      return;
    }

    // Visit the ModuleMainClass attribute.
    if (moduleMainClass !== null) {
      moduleVisitor.visitMainClass(moduleMainClass);
    }

    // Visit the ModulePackages attribute.
    if (modulePackagesOffset !== 0) {
      let packageCount = u2(b, modulePackagesOffset);
      let currentPackageOffset = modulePackagesOffset + 2;
      while (packageCount-- > 0) {
        moduleVisitor.visitPackage(this.readRequiredStringish(currentPackageOffset, Tag.CONSTANT_PACKAGE));
        currentPackageOffset += 2;
      }
    }

    // requires_count and requires: requires_index, requires_flags, requires_version_index.
    let requiresCount = this.readCount(currentOffset, 6, moduleEnd, 'requires_count');
    currentOffset += 2;
    while (requiresCount-- > 0) {
      const requires = this.readRequiredStringish(currentOffset, Tag.CONSTANT_MODULE);
      const requiresFlags = u2(b, currentOffset + 2);
      const requiresVersion = this.readOptionalUtf8(currentOffset + 4);
      currentOffset += 6;
      moduleVisitor.visitRequire(requires, requiresFlags, requiresVersion);
    }

    // exports_count and exports: exports_index, exports_flags, exports_to_count, exports_to_index.
    let exportsCount = this.readCount(currentOffset, 6, moduleEnd, 'exports_count');
    currentOffset += 2;
    while (exportsCount-- > 0) {
      const exports = this.readRequiredStringish(currentOffset, Tag.CONSTANT_PACKAGE);
      const exportsFlags = u2(b, currentOffset + 2);
      const exportsToCount = this.readCount(currentOffset + 4, 2, moduleEnd, 'exports_to_count');
      currentOffset += 6;
      let exportsTo: string[] | null = null;
      if (exportsToCount !== 0) {
        exportsTo = new Array<string>(exportsToCount);
        for (let i = 0; i < exportsToCount; ++i) {
          exportsTo[i] = this.readRequiredStringish(currentOffset, Tag.CONSTANT_MODULE);
          currentOffset += 2;
        }
      }
      moduleVisitor.visitExport(exports, exportsFlags, exportsTo);
    }

    // opens_count and opens: opens_index, opens_flags, opens_to_count, opens_to_index.
    let opensCount = this.readCount(currentOffset, 6, moduleEnd, 'opens_count');
    currentOffset += 2;
    while (opensCount-- > 0) {
      const opens = this.readRequiredStringish(currentOffset, Tag.CONSTANT_PACKAGE);
      const opensFlags = u2(b, currentOffset + 2);
      const opensToCount = this.readCount(currentOffset + 4, 2, moduleEnd, 'opens_to_count');
      currentOffset += 6;
      let opensTo: string[] | null = null;
      if (opensToCount !== 0) {
        opensTo = new Array<string>(opensToCount);
        for (let i = 0; i < opensToCount; ++i) {
          opensTo[i] = this.readRequiredStringish(currentOffset, Tag.CONSTANT_MODULE);
          currentOffset += 2;
        }
      }
      moduleVisitor.visitOpen(opens, opensFlags, opensTo);
    }

    // uses_count and uses.
    let usesCount = this.readCount(currentOffset, 2, moduleEnd, 'uses_count');
    currentOffset += 2;
    while (usesCount-- > 0) {
      moduleVisitor.visitUse(this.readRequiredClass(currentOffset));
      currentOffset += 2;
    }

    // provides_count and provides: provides_index, provides_with_count, provides_with_index.
    let providesCount = this.readCount(currentOffset, 4, moduleEnd, 'provides_count');
    currentOffset += 2;
    while (providesCount-- > 0) {
      const provides = this.readRequiredClass(currentOffset);
      const providesWithCount = this.readCount(currentOffset + 2, 2, moduleEnd, 'provides_with_count');
      currentOffset += 4;
      const providesWith = new Array<string>(providesWithCount);
      for (let i = 0; i < providesWithCount; ++i) {
        providesWith[i] = this.readRequiredClass(currentOffset);
        currentOffset += 2;
      }
      moduleVisitor.visitProvide(provides, providesWith);
    }

    // Visit the end of the module attributes.
    moduleVisitor.visitEnd();
  }

  /**
   * Reads the u2 count at `offset`, and checks that it and at least `count * entrySize` bytes fit
   * before `end`.
   */
  private readCount(offset: number, entrySize: number, end: number, what: string): number {
    if (offset + 2 > end) {
      this.fail(what, offset);
    }
    const count = u2(this.classFileBuffer, offset);
    if (count * entrySize > end - offset - 2) {
      this.fail(`${what} ${count} entries of ${entrySize} bytes to fit in the ${end - offset - 2} bytes left`, offset);
    }
    return count;
  }

  /**
   * Reads a record_component_info (JVMS §4.7.30) of the Record attribute ending at `recordEnd`,
   * visits it, and returns the offset after it.
   */
  private readRecordComponent(
    classVisitor: ClassVisitor,
    context: Context,
    recordComponentOffset: number,
    recordEnd: number,
  ): number {
    const b = this.classFileBuffer;
    let currentOffset = recordComponentOffset;
    if (currentOffset + 6 > recordEnd) {
      this.fail('a record_component_info (name_index, descriptor_index, attributes_count)', currentOffset);
    }
    const name = this.readRequiredUtf8(currentOffset);
    const descriptorIndex = u2(b, currentOffset + 2);
    const descriptor = this.readDescriptor(currentOffset + 2, FIELD_DESCRIPTOR);
    currentOffset += 4;

    // Read the record component attributes.
    let signatureIndex = 0;
    let runtimeVisibleAnnotationsOffset = 0;
    let runtimeInvisibleAnnotationsOffset = 0;
    let runtimeVisibleTypeAnnotationsOffset = 0;
    let runtimeInvisibleTypeAnnotationsOffset = 0;
    let attributes: Attribute | null = null;

    let attributesCount = u2(b, currentOffset);
    currentOffset += 2;
    while (attributesCount-- > 0) {
      if (currentOffset + 6 > recordEnd) {
        this.fail('a record component attribute_info header', currentOffset);
      }
      const attributeKind = this.readAttributeKind(currentOffset);
      const attributeLength = s4(b, currentOffset + 2);
      currentOffset += 6;
      if (attributeLength < 0 || attributeLength > recordEnd - currentOffset) {
        this.fail(`a record component attribute of ${attributeLength >>> 0} bytes within the Record attribute`, currentOffset - 4);
      }
      if (attributeKind === Attr.ATTRIBUTE_SIGNATURE) {
        this.checkLength(attributeLength, 2, currentOffset);
        signatureIndex = u2(b, currentOffset);
      } else if (attributeKind === Attr.ATTRIBUTE_RUNTIME_VISIBLE_ANNOTATIONS) {
        runtimeVisibleAnnotationsOffset = currentOffset;
      } else if (attributeKind === Attr.ATTRIBUTE_RUNTIME_VISIBLE_TYPE_ANNOTATIONS) {
        runtimeVisibleTypeAnnotationsOffset = currentOffset;
      } else if (attributeKind === Attr.ATTRIBUTE_RUNTIME_INVISIBLE_ANNOTATIONS) {
        runtimeInvisibleAnnotationsOffset = currentOffset;
      } else if (attributeKind === Attr.ATTRIBUTE_RUNTIME_INVISIBLE_TYPE_ANNOTATIONS) {
        runtimeInvisibleTypeAnnotationsOffset = currentOffset;
      } else {
        const attribute = this.readAttribute(
          context.attributePrototypes,
          this.readRequiredUtf8(currentOffset - 6),
          currentOffset,
          attributeLength,
          null,
          -1,
          null,
        );
        attribute.nextAttribute = attributes;
        attributes = attribute;
      }
      currentOffset += attributeLength;
    }

    const recordComponentVisitor = classVisitor.visitRecordComponent(
      name,
      descriptor,
      signatureIndex === 0 ? null : this.readUtf(signatureIndex),
    );
    if (recordComponentVisitor == null) {
      return currentOffset;
    }

    // Beyond ASM: with no adapter between this reader and a writer sharing its pool, copy the
    // component's attributes as raw bytes, as ASM does for methods.
    if (
      recordComponentVisitor instanceof RecordComponentWriter &&
      recordComponentVisitor.canCopyRecordComponentAttributes(this, descriptorIndex, signatureIndex)
    ) {
      recordComponentVisitor.setRecordComponentAttributesSource(
        recordComponentOffset,
        currentOffset - recordComponentOffset,
      );
      return currentOffset;
    }

    this.readMemberAnnotations(
      recordComponentVisitor,
      context,
      runtimeVisibleAnnotationsOffset,
      runtimeInvisibleAnnotationsOffset,
      runtimeVisibleTypeAnnotationsOffset,
      runtimeInvisibleTypeAnnotationsOffset,
    );

    // Visit the non-standard attributes.
    while (attributes !== null) {
      const nextAttribute: Attribute | null = attributes.nextAttribute;
      attributes.nextAttribute = null;
      recordComponentVisitor.visitAttribute(attributes);
      attributes = nextAttribute;
    }

    // Visit the end of the record component.
    recordComponentVisitor.visitEnd();
    return currentOffset;
  }

  /** Visits the four annotation attributes of a class member, when present (offsets are 0 if not). */
  private readMemberAnnotations(
    visitor: AnnotatableVisitor,
    context: Context,
    runtimeVisibleAnnotationsOffset: number,
    runtimeInvisibleAnnotationsOffset: number,
    runtimeVisibleTypeAnnotationsOffset: number,
    runtimeInvisibleTypeAnnotationsOffset: number,
  ): void {
    if (runtimeVisibleAnnotationsOffset !== 0) {
      this.readAnnotations(visitor, runtimeVisibleAnnotationsOffset, true);
    }
    if (runtimeInvisibleAnnotationsOffset !== 0) {
      this.readAnnotations(visitor, runtimeInvisibleAnnotationsOffset, false);
    }
    if (runtimeVisibleTypeAnnotationsOffset !== 0) {
      this.readTypeAnnotationsOf(visitor, context, runtimeVisibleTypeAnnotationsOffset, true);
    }
    if (runtimeInvisibleTypeAnnotationsOffset !== 0) {
      this.readTypeAnnotationsOf(visitor, context, runtimeInvisibleTypeAnnotationsOffset, false);
    }
  }

  /**
   * Reads a Runtime[In]VisibleAnnotations attribute (JVMS §4.7.16, §4.7.17) whose content starts
   * at `attributeOffset`, and makes `visitor` visit its annotations.
   */
  private readAnnotations(visitor: AnnotatableVisitor, attributeOffset: number, visible: boolean): void {
    let numAnnotations = u2(this.classFileBuffer, attributeOffset);
    let currentAnnotationOffset = attributeOffset + 2;
    while (numAnnotations-- > 0) {
      // type_index, then num_element_value_pairs and element_value_pairs.
      const annotationDescriptor = this.readRequiredUtf8(currentAnnotationOffset);
      currentAnnotationOffset = this.readElementValues(
        visitor.visitAnnotation(annotationDescriptor, visible),
        currentAnnotationOffset + 2,
        true,
        0,
      );
    }
    this.checkAttributeEnd(currentAnnotationOffset, attributeOffset);
  }

  /**
   * Reads a Runtime[In]VisibleTypeAnnotations attribute (JVMS §4.7.20, §4.7.21) of a class,
   * field, method or record component, and makes `visitor` visit its type annotations.
   */
  private readTypeAnnotationsOf(
    visitor: AnnotatableVisitor,
    context: Context,
    attributeOffset: number,
    visible: boolean,
  ): void {
    let numAnnotations = u2(this.classFileBuffer, attributeOffset);
    let currentAnnotationOffset = attributeOffset + 2;
    while (numAnnotations-- > 0) {
      // target_type, target_info and target_path.
      currentAnnotationOffset = this.readTypeAnnotationTarget(context, currentAnnotationOffset);
      // type_index, then num_element_value_pairs and element_value_pairs.
      const annotationDescriptor = this.readRequiredUtf8(currentAnnotationOffset);
      currentAnnotationOffset = this.readElementValues(
        visitor.visitTypeAnnotation(
          context.currentTypeAnnotationTarget,
          context.currentTypeAnnotationTargetPath,
          annotationDescriptor,
          visible,
        ),
        currentAnnotationOffset + 2,
        true,
        0,
      );
    }
    this.checkAttributeEnd(currentAnnotationOffset, attributeOffset);
  }

  /** Reads a field_info (JVMS §4.5), visits it, and returns the offset after it. */
  private readField(classVisitor: ClassVisitor, context: Context, fieldInfoOffset: number): number {
    const b = this.classFileBuffer;
    // access_flags, name_index and descriptor_index.
    let currentOffset = fieldInfoOffset;
    let accessFlags = u2(b, currentOffset);
    const name = this.readRequiredUtf8(currentOffset + 2);
    const descriptorIndex = u2(b, currentOffset + 4);
    const descriptor = this.readDescriptor(currentOffset + 4, FIELD_DESCRIPTOR);
    currentOffset += 6;

    // Read the field attributes (JVMS §4.7, Table 4.7-C).
    let constantValueIndex = 0;
    let constantValue: ConstantValue | null = null;
    let signatureIndex = 0;
    let hasSyntheticAttribute = false;
    let hasDeprecatedAttribute = false;
    let runtimeVisibleAnnotationsOffset = 0;
    let runtimeInvisibleAnnotationsOffset = 0;
    let runtimeVisibleTypeAnnotationsOffset = 0;
    let runtimeInvisibleTypeAnnotationsOffset = 0;
    let attributes: Attribute | null = null;

    let attributesCount = u2(b, currentOffset);
    currentOffset += 2;
    while (attributesCount-- > 0) {
      const attributeKind = this.readAttributeKind(currentOffset);
      const attributeLength = s4(b, currentOffset + 2);
      currentOffset += 6;
      if (attributeKind === Attr.ATTRIBUTE_CONSTANT_VALUE) {
        this.checkLength(attributeLength, 2, currentOffset);
        constantValueIndex = u2(b, currentOffset);
        constantValue = constantValueIndex === 0 ? null : this.readConst(constantValueIndex);
      } else if (attributeKind === Attr.ATTRIBUTE_SIGNATURE) {
        this.checkLength(attributeLength, 2, currentOffset);
        signatureIndex = u2(b, currentOffset);
      } else if (attributeKind === Attr.ATTRIBUTE_DEPRECATED) {
        accessFlags |= Opcodes.ACC_DEPRECATED;
        hasDeprecatedAttribute = true;
      } else if (attributeKind === Attr.ATTRIBUTE_SYNTHETIC) {
        accessFlags |= Opcodes.ACC_SYNTHETIC;
        hasSyntheticAttribute = true;
      } else if (attributeKind === Attr.ATTRIBUTE_RUNTIME_VISIBLE_ANNOTATIONS) {
        runtimeVisibleAnnotationsOffset = currentOffset;
      } else if (attributeKind === Attr.ATTRIBUTE_RUNTIME_VISIBLE_TYPE_ANNOTATIONS) {
        runtimeVisibleTypeAnnotationsOffset = currentOffset;
      } else if (attributeKind === Attr.ATTRIBUTE_RUNTIME_INVISIBLE_ANNOTATIONS) {
        runtimeInvisibleAnnotationsOffset = currentOffset;
      } else if (attributeKind === Attr.ATTRIBUTE_RUNTIME_INVISIBLE_TYPE_ANNOTATIONS) {
        runtimeInvisibleTypeAnnotationsOffset = currentOffset;
      } else {
        const attribute = this.readAttribute(
          context.attributePrototypes,
          this.readRequiredUtf8(currentOffset - 6),
          currentOffset,
          attributeLength,
          null,
          -1,
          null,
        );
        attribute.nextAttribute = attributes;
        attributes = attribute;
      }
      currentOffset += attributeLength;
    }

    // Visit the field declaration (a ClassWriter finds its name and descriptor indices through readerHints).
    const signature = signatureIndex === 0 ? null : this.readUtf(signatureIndex);
    readerHints.memberInfoOffset = fieldInfoOffset;
    readerHints.memberSignatureIndex = signatureIndex;
    const fieldVisitor = classVisitor.visitField(
      accessFlags,
      name,
      descriptor,
      signature,
      constantValue,
    );
    if (fieldVisitor == null) {
      return currentOffset;
    }

    // Beyond ASM: with no adapter between this reader and a writer sharing its pool, copy the
    // field's attributes as raw bytes, as ASM does for methods.
    if (
      fieldVisitor instanceof FieldWriter &&
      fieldVisitor.canCopyFieldAttributes(
        this,
        hasSyntheticAttribute,
        hasDeprecatedAttribute,
        descriptorIndex,
        signatureIndex,
        constantValueIndex,
      )
    ) {
      fieldVisitor.setFieldAttributesSource(fieldInfoOffset, currentOffset - fieldInfoOffset);
      return currentOffset;
    }

    this.readMemberAnnotations(
      fieldVisitor,
      context,
      runtimeVisibleAnnotationsOffset,
      runtimeInvisibleAnnotationsOffset,
      runtimeVisibleTypeAnnotationsOffset,
      runtimeInvisibleTypeAnnotationsOffset,
    );

    // Visit the non-standard attributes.
    while (attributes !== null) {
      const nextAttribute: Attribute | null = attributes.nextAttribute;
      attributes.nextAttribute = null;
      fieldVisitor.visitAttribute(attributes);
      attributes = nextAttribute;
    }

    // Visit the end of the field.
    fieldVisitor.visitEnd();
    return currentOffset;
  }

  /** Reads a method_info (JVMS §4.6), visits it, and returns the offset after it. */
  private readMethod(classVisitor: ClassVisitor, context: Context, methodInfoOffset: number): number {
    const b = this.classFileBuffer;
    // access_flags, name_index and descriptor_index.
    let currentOffset = methodInfoOffset;
    context.currentMethodAccessFlags = u2(b, currentOffset);
    context.currentMethodName = this.readRequiredUtf8(currentOffset + 2);
    context.currentMethodDescriptor = this.readDescriptor(currentOffset + 4, METHOD_DESCRIPTOR);
    context.currentMethodLabels = null;
    currentOffset += 6;

    // Read the method attributes (JVMS §4.7, Table 4.7-C).
    let codeOffset = 0;
    let exceptionsOffset = 0;
    let exceptions: string[] | null = null;
    let synthetic = false;
    let signatureIndex = 0;
    let runtimeVisibleAnnotationsOffset = 0;
    let runtimeInvisibleAnnotationsOffset = 0;
    let runtimeVisibleParameterAnnotationsOffset = 0;
    let runtimeInvisibleParameterAnnotationsOffset = 0;
    let runtimeVisibleTypeAnnotationsOffset = 0;
    let runtimeInvisibleTypeAnnotationsOffset = 0;
    let annotationDefaultOffset = 0;
    let methodParametersOffset = 0;
    let attributes: Attribute | null = null;

    let attributesCount = u2(b, currentOffset);
    currentOffset += 2;
    while (attributesCount-- > 0) {
      const attributeKind = this.readAttributeKind(currentOffset);
      const attributeLength = s4(b, currentOffset + 2);
      currentOffset += 6;
      // Most frequent attributes first.
      if (attributeKind === Attr.ATTRIBUTE_CODE) {
        if ((context.parsingOptions & ClassReader.SKIP_CODE) === 0) {
          codeOffset = currentOffset;
        }
      } else if (attributeKind === Attr.ATTRIBUTE_EXCEPTIONS) {
        this.checkTableLength(attributeLength, 2, currentOffset);
        exceptionsOffset = currentOffset;
        exceptions = new Array<string>(u2(b, exceptionsOffset));
        let currentExceptionOffset = exceptionsOffset + 2;
        for (let i = 0; i < exceptions.length; ++i) {
          exceptions[i] = this.readRequiredClass(currentExceptionOffset);
          currentExceptionOffset += 2;
        }
      } else if (attributeKind === Attr.ATTRIBUTE_SIGNATURE) {
        this.checkLength(attributeLength, 2, currentOffset);
        signatureIndex = u2(b, currentOffset);
      } else if (attributeKind === Attr.ATTRIBUTE_DEPRECATED) {
        context.currentMethodAccessFlags |= Opcodes.ACC_DEPRECATED;
      } else if (attributeKind === Attr.ATTRIBUTE_RUNTIME_VISIBLE_ANNOTATIONS) {
        runtimeVisibleAnnotationsOffset = currentOffset;
      } else if (attributeKind === Attr.ATTRIBUTE_RUNTIME_VISIBLE_TYPE_ANNOTATIONS) {
        runtimeVisibleTypeAnnotationsOffset = currentOffset;
      } else if (attributeKind === Attr.ATTRIBUTE_ANNOTATION_DEFAULT) {
        annotationDefaultOffset = currentOffset;
      } else if (attributeKind === Attr.ATTRIBUTE_SYNTHETIC) {
        synthetic = true;
        context.currentMethodAccessFlags |= Opcodes.ACC_SYNTHETIC;
      } else if (attributeKind === Attr.ATTRIBUTE_RUNTIME_INVISIBLE_ANNOTATIONS) {
        runtimeInvisibleAnnotationsOffset = currentOffset;
      } else if (attributeKind === Attr.ATTRIBUTE_RUNTIME_INVISIBLE_TYPE_ANNOTATIONS) {
        runtimeInvisibleTypeAnnotationsOffset = currentOffset;
      } else if (attributeKind === Attr.ATTRIBUTE_RUNTIME_VISIBLE_PARAMETER_ANNOTATIONS) {
        runtimeVisibleParameterAnnotationsOffset = currentOffset;
      } else if (attributeKind === Attr.ATTRIBUTE_RUNTIME_INVISIBLE_PARAMETER_ANNOTATIONS) {
        runtimeInvisibleParameterAnnotationsOffset = currentOffset;
      } else if (attributeKind === Attr.ATTRIBUTE_METHOD_PARAMETERS) {
        // JVMS §4.7.24: a u1 count, then 4 bytes per parameter.
        if (attributeLength < 1 || 1 + 4 * b[currentOffset]! > attributeLength) {
          this.fail(`a MethodParameters attribute whose entries fit in its ${attributeLength} bytes`, currentOffset);
        }
        methodParametersOffset = currentOffset;
      } else {
        const attribute = this.readAttribute(
          context.attributePrototypes,
          this.readRequiredUtf8(currentOffset - 6),
          currentOffset,
          attributeLength,
          null,
          -1,
          null,
        );
        attribute.nextAttribute = attributes;
        attributes = attribute;
      }
      currentOffset += attributeLength;
    }

    // Visit the method declaration (a ClassWriter finds its name and descriptor indices through readerHints).
    const signature = signatureIndex === 0 ? null : this.readUtf(signatureIndex);
    readerHints.memberInfoOffset = methodInfoOffset;
    readerHints.memberSignatureIndex = signatureIndex;
    readerHints.methodExceptionsOffset = exceptionsOffset;
    const methodVisitor = classVisitor.visitMethod(
      context.currentMethodAccessFlags,
      context.currentMethodName,
      context.currentMethodDescriptor,
      signature,
      exceptions,
    );
    // `== null`: a plain JavaScript visitor whose visitMethod (visitField, visitAnnotation…) has no
    // `return null` returns undefined, which means what Java's null means: skip it.
    if (methodVisitor == null) {
      return currentOffset;
    }

    // With no adapter between this reader and a MethodWriter sharing its pool, the method's
    // attributes may be copied as raw bytes: then they are not visited at all.
    if (methodVisitor instanceof MethodWriter) {
      if (
        methodVisitor.canCopyMethodAttributes(
          this,
          synthetic,
          (context.currentMethodAccessFlags & Opcodes.ACC_DEPRECATED) !== 0,
          u2(b, methodInfoOffset + 4),
          signatureIndex,
          exceptionsOffset,
        )
      ) {
        methodVisitor.setMethodAttributesSource(methodInfoOffset, currentOffset - methodInfoOffset);
        return currentOffset;
      }
    }

    // Visit the MethodParameters attribute (JVMS §4.7.24): name_index may be 0.
    if (methodParametersOffset !== 0 && (context.parsingOptions & ClassReader.SKIP_DEBUG) === 0) {
      let parametersCount = b[methodParametersOffset]!;
      let currentParameterOffset = methodParametersOffset + 1;
      while (parametersCount-- > 0) {
        methodVisitor.visitParameter(
          this.readOptionalUtf8(currentParameterOffset),
          u2(b, currentParameterOffset + 2),
        );
        currentParameterOffset += 4;
      }
    }

    // Visit the AnnotationDefault attribute (JVMS §4.7.22).
    if (annotationDefaultOffset !== 0) {
      const annotationVisitor = methodVisitor.visitAnnotationDefault();
      const end = this.readElementValue(annotationVisitor, annotationDefaultOffset, null, 0);
      this.checkAttributeEnd(end, annotationDefaultOffset);
      if (annotationVisitor != null) {
        annotationVisitor.visitEnd();
      }
    }

    // Visit the Runtime[In]Visible[Type]Annotations attributes.
    this.readMemberAnnotations(
      methodVisitor,
      context,
      runtimeVisibleAnnotationsOffset,
      runtimeInvisibleAnnotationsOffset,
      runtimeVisibleTypeAnnotationsOffset,
      runtimeInvisibleTypeAnnotationsOffset,
    );

    // Visit the Runtime[In]VisibleParameterAnnotations attributes.
    if (runtimeVisibleParameterAnnotationsOffset !== 0) {
      this.readParameterAnnotations(methodVisitor, context, runtimeVisibleParameterAnnotationsOffset, true);
    }
    if (runtimeInvisibleParameterAnnotationsOffset !== 0) {
      this.readParameterAnnotations(methodVisitor, context, runtimeInvisibleParameterAnnotationsOffset, false);
    }

    // Visit the non-standard attributes.
    while (attributes !== null) {
      const nextAttribute: Attribute | null = attributes.nextAttribute;
      attributes.nextAttribute = null;
      methodVisitor.visitAttribute(attributes);
      attributes = nextAttribute;
    }

    // Visit the Code attribute.
    if (codeOffset !== 0) {
      methodVisitor.visitCode();
      // Straight into a MethodWriter, the code is re-encoded without events when it can be (see
      // code-transcoder.ts), unless a subclass watches the labels and offsets read.
      if (
        !(
          methodVisitor.constructor === MethodWriter &&
          TRANSCODED_COMPUTE_MODES[(methodVisitor as MethodWriter).compute] === 1 &&
          (context.parsingOptions & (ClassReader.EXPAND_FRAMES | ClassReader.EXPAND_ASM_INSNS)) === 0 &&
          this.readLabel === ClassReader.prototype.readLabel &&
          this.readBytecodeInstructionOffset === ClassReader.prototype.readBytecodeInstructionOffset &&
          transcodeCode(this, methodVisitor as MethodWriter, codeOffset, context.parsingOptions)
        )
      ) {
        this.readCode(methodVisitor, context, codeOffset);
      }
      context.currentMethodLabels = null;
    }

    // Visit the end of the method.
    methodVisitor.visitEnd();
    return currentOffset;
  }

  // ## The Code attribute

  /**
   * Reads a Code attribute (JVMS §4.7.3) whose content starts at `codeOffset` and makes
   * `methodVisitor` visit it. Two passes over the bytecode: the first creates a Label for each
   * referenced offset, the second visits the instructions.
   */
  private readCode(methodVisitor: MethodVisitor, context: Context, codeOffset: number): void {
    const b = this.classFileBuffer;
    const codeAttributeEnd = codeOffset + s4(b, codeOffset - 4);
    const parsingOptions = context.parsingOptions;
    let currentOffset = codeOffset;

    // Read the max_stack, max_locals and code_length fields.
    if (currentOffset + 8 > codeAttributeEnd) {
      this.fail('max_stack, max_locals and code_length in a Code attribute', currentOffset);
    }
    const maxStack = u2(b, currentOffset);
    const maxLocals = u2(b, currentOffset + 2);
    const codeLength = s4(b, currentOffset + 4);
    currentOffset += 8;
    if (codeLength < 0 || codeLength > codeAttributeEnd - currentOffset) {
      this.fail(
        `a code_length within the Code attribute (${codeLength >>> 0} bytes, ${codeAttributeEnd - currentOffset} left)`,
        currentOffset - 4,
      );
    }

    // A MethodWriter writes about as many bytes of code: size its vector once.
    if (methodVisitor instanceof MethodWriter) {
      methodVisitor.code.reserve(codeLength);
    }

    // First pass: create a label for each instruction referenced by a jump or switch.
    const bytecodeStartOffset = currentOffset;
    const bytecodeEndOffset = currentOffset + codeLength;
    const labels = takeLabelArray(codeLength + 1);
    context.currentMethodLabels = labels;
    const outerLabelBound = this.labelBound;
    this.labelBound = codeLength + 1;
    // The ASM-specific opcodes (202 to 220) only come from ClassWriter, which reads its own output
    // back with EXPAND_ASM_INSNS; in a class file they are reserved or undefined opcodes.
    const expandAsmInsns = (parsingOptions & ClassReader.EXPAND_ASM_INSNS) !== 0;
    const insnSizes = INSN_SIZES;
    const insnKinds = INSN_KINDS;
    while (currentOffset < bytecodeEndOffset) {
      const opcode = b[currentOffset]!;
      const insnSize = insnSizes[opcode]!;
      if (insnSize !== 0) {
        currentOffset += insnSize;
        continue;
      }
      const bytecodeOffset = currentOffset - bytecodeStartOffset;
      switch (insnKinds[opcode]) {
        case Insn.INSN_JUMP:
          this.createLabel(bytecodeOffset + s2(b, currentOffset + 1), labels);
          currentOffset += 3;
          break;
        case Insn.INSN_ASM_JUMP:
          if (!expandAsmInsns) {
            this.fail(`an opcode, not ${opcode} (reserved, JVMS §6.2)`, currentOffset);
          }
          this.createLabel(bytecodeOffset + u2(b, currentOffset + 1), labels);
          currentOffset += 3;
          break;
        case Insn.INSN_ASM_GOTO_W:
          if (!expandAsmInsns) {
            this.fail(`an opcode, not ${opcode} (reserved, JVMS §6.2)`, currentOffset);
          }
          this.createLabel(bytecodeOffset + s4(b, currentOffset + 1), labels);
          currentOffset += 5;
          break;
        case Insn.INSN_WIDE_JUMP:
          this.createLabel(bytecodeOffset + s4(b, currentOffset + 1), labels);
          currentOffset += 5;
          break;
        case Insn.INSN_WIDE:
          // JVMS §6.5.wide: a load, store or ret with a 2-byte index, or an iinc.
          switch (b[currentOffset + 1]) {
            case Opcodes.ILOAD:
            case Opcodes.FLOAD:
            case Opcodes.ALOAD:
            case Opcodes.LLOAD:
            case Opcodes.DLOAD:
            case Opcodes.ISTORE:
            case Opcodes.FSTORE:
            case Opcodes.ASTORE:
            case Opcodes.LSTORE:
            case Opcodes.DSTORE:
            case Opcodes.RET:
              currentOffset += 4;
              break;
            case Opcodes.IINC:
              currentOffset += 6;
              break;
            default:
              this.fail(
                `a load, store, ret or iinc opcode after wide, not ${b[currentOffset + 1]}`,
                currentOffset + 1,
              );
          }
          break;
        case Insn.INSN_TABLESWITCH: {
          // Skip 0 to 3 padding bytes (JVMS §6.5.tableswitch).
          currentOffset += 4 - (bytecodeOffset & 3);
          if (currentOffset + 12 > bytecodeEndOffset) {
            this.fail('the default, low and high of a tableswitch within the code', currentOffset);
          }
          this.createLabel(bytecodeOffset + s4(b, currentOffset), labels);
          const low = s4(b, currentOffset + 4);
          const high = s4(b, currentOffset + 8);
          currentOffset += 12;
          let numTableEntries = high - low + 1;
          if (high < low || numTableEntries > (bytecodeEndOffset - currentOffset) / 4) {
            this.fail(`a tableswitch with low <= high and its ${numTableEntries} offsets within the code`, currentOffset - 8);
          }
          while (numTableEntries-- > 0) {
            this.createLabel(bytecodeOffset + s4(b, currentOffset), labels);
            currentOffset += 4;
          }
          break;
        }
        case Insn.INSN_LOOKUPSWITCH: {
          // Skip 0 to 3 padding bytes (JVMS §6.5.lookupswitch).
          currentOffset += 4 - (bytecodeOffset & 3);
          if (currentOffset + 8 > bytecodeEndOffset) {
            this.fail('the default and npairs of a lookupswitch within the code', currentOffset);
          }
          this.createLabel(bytecodeOffset + s4(b, currentOffset), labels);
          let numSwitchCases = s4(b, currentOffset + 4);
          currentOffset += 8;
          if (numSwitchCases < 0 || numSwitchCases > (bytecodeEndOffset - currentOffset) / 8) {
            this.fail(`a lookupswitch whose ${numSwitchCases} match-offset pairs fit in the code`, currentOffset - 4);
          }
          while (numSwitchCases-- > 0) {
            this.createLabel(bytecodeOffset + s4(b, currentOffset + 4), labels);
            currentOffset += 8;
          }
          break;
        }
        default:
          // The fixed-size instructions were skipped above: this opcode is undefined.
          this.fail(`an opcode, not ${opcode}`, currentOffset);
      }
    }
    if (currentOffset !== bytecodeEndOffset) {
      this.fail(
        `the last instruction to end at code_length ${codeLength}, not ${currentOffset - bytecodeStartOffset}`,
        bytecodeEndOffset,
      );
    }

    // Read the exception table (JVMS §4.7.3): create a label for each referenced offset, and
    // visit the try catch blocks.
    let exceptionTableLength = this.readCount(currentOffset, 8, codeAttributeEnd, 'exception_table_length');
    currentOffset += 2;
    while (exceptionTableLength-- > 0) {
      const start = this.createLabel(u2(b, currentOffset), labels);
      const end = this.createLabel(u2(b, currentOffset + 2), labels);
      const handler = this.createLabel(u2(b, currentOffset + 4), labels);
      // catch_type 0 catches everything (a finally block).
      const catchType = this.readOptionalClass(currentOffset + 6);
      readerHints.constantIndex = u2(b, currentOffset + 6);
      currentOffset += 8;
      methodVisitor.visitTryCatchBlock(start, end, handler, catchType);
    }

    // Read the Code attributes, to create a label for each referenced offset. Offsets are those of
    // the attribute contents, 0 when absent.
    // - The offset of the current stack_map_frame of the StackMap[Table], then of the next ones.
    let stackMapFrameOffset = 0;
    // - The end offset of the StackMap[Table] attribute.
    let stackMapTableEndOffset = 0;
    // - Whether the frames are compressed (StackMapTable) or not (the old StackMap attribute).
    let compressedFrames = true;
    let localVariableTableOffset = 0;
    let localVariableTypeTableOffset = 0;
    // - The offset of each type_annotation of the Runtime[In]VisibleTypeAnnotations attributes.
    let visibleTypeAnnotationOffsets: Int32Array | null = null;
    let invisibleTypeAnnotationOffsets: Int32Array | null = null;
    // - The non-standard attributes, linked through nextAttribute in REVERSE order.
    let attributes: Attribute | null = null;

    if (currentOffset + 2 > codeAttributeEnd) {
      this.fail('attributes_count in a Code attribute', currentOffset);
    }
    let attributesCount = u2(b, currentOffset);
    currentOffset += 2;
    while (attributesCount-- > 0) {
      if (currentOffset + 6 > codeAttributeEnd) {
        this.fail('a Code attribute_info header', currentOffset);
      }
      const attributeKind = this.readAttributeKind(currentOffset);
      const attributeLength = s4(b, currentOffset + 2);
      currentOffset += 6;
      if (attributeLength < 0 || attributeLength > codeAttributeEnd - currentOffset) {
        this.fail(`an attribute of ${attributeLength >>> 0} bytes within the Code attribute`, currentOffset - 4);
      }
      if (attributeKind === Attr.ATTRIBUTE_LOCAL_VARIABLE_TABLE) {
        if ((parsingOptions & ClassReader.SKIP_DEBUG) === 0) {
          this.checkTableLength(attributeLength, 10, currentOffset);
          localVariableTableOffset = currentOffset;
          // Create the (debug only) labels of the start and end of each variable (JVMS §4.7.13).
          let currentLocalVariableTableOffset = currentOffset;
          let localVariableTableLength = u2(b, currentLocalVariableTableOffset);
          currentLocalVariableTableOffset += 2;
          while (localVariableTableLength-- > 0) {
            const startPc = u2(b, currentLocalVariableTableOffset);
            this.createDebugLabel(startPc, labels);
            const length = u2(b, currentLocalVariableTableOffset + 2);
            this.createDebugLabel(startPc + length, labels);
            // Skip name_index, descriptor_index and index.
            currentLocalVariableTableOffset += 10;
          }
        }
      } else if (attributeKind === Attr.ATTRIBUTE_LOCAL_VARIABLE_TYPE_TABLE) {
        this.checkTableLength(attributeLength, 10, currentOffset);
        localVariableTypeTableOffset = currentOffset;
        // Its labels are assumed to be those of the LocalVariableTable (JVMS §4.7.14).
      } else if (attributeKind === Attr.ATTRIBUTE_LINE_NUMBER_TABLE) {
        if ((parsingOptions & ClassReader.SKIP_DEBUG) === 0) {
          this.checkTableLength(attributeLength, 4, currentOffset);
          // Create the (debug only) label of each line start (JVMS §4.7.12).
          let currentLineNumberTableOffset = currentOffset;
          let lineNumberTableLength = u2(b, currentLineNumberTableOffset);
          currentLineNumberTableOffset += 2;
          while (lineNumberTableLength-- > 0) {
            const startPc = u2(b, currentLineNumberTableOffset);
            const lineNumber = u2(b, currentLineNumberTableOffset + 2);
            currentLineNumberTableOffset += 4;
            this.createDebugLabel(startPc, labels);
            labels[startPc]!.addLineNumber(lineNumber);
          }
        }
      } else if (attributeKind === Attr.ATTRIBUTE_RUNTIME_VISIBLE_TYPE_ANNOTATIONS) {
        // Only the labels and the try catch block annotations are read here; the instruction
        // annotations are read while visiting the instructions, assumed sorted by offset.
        visibleTypeAnnotationOffsets = this.readTypeAnnotations(methodVisitor, context, currentOffset, true);
      } else if (attributeKind === Attr.ATTRIBUTE_RUNTIME_INVISIBLE_TYPE_ANNOTATIONS) {
        invisibleTypeAnnotationOffsets = this.readTypeAnnotations(methodVisitor, context, currentOffset, false);
      } else if (attributeKind === Attr.ATTRIBUTE_STACK_MAP_TABLE) {
        // JVMS §4.7.4: StackMapTable exists from version 50; older JVMs ignore it, and so does
        // this reader (a version 49 writer could not write these frames back).
        if ((parsingOptions & ClassReader.SKIP_FRAMES) === 0 && this.majorVersion >= Opcodes.V1_6) {
          if (attributeLength < 2) {
            this.fail('number_of_entries in the StackMapTable attribute', currentOffset);
          }
          stackMapFrameOffset = currentOffset + 2;
          stackMapTableEndOffset = currentOffset + attributeLength;
        }
        // Frames are read one at a time, while visiting the instructions: they are sorted by
        // offset (JVMS §4.7.4), so a one frame lookahead suffices, except for the labels of
        // Uninitialized types, which are found below.
      } else if (attributeKind === Attr.ATTRIBUTE_STACK_MAP) {
        if ((parsingOptions & ClassReader.SKIP_FRAMES) === 0) {
          if (attributeLength < 2) {
            this.fail('number_of_entries in the StackMap attribute', currentOffset);
          }
          stackMapFrameOffset = currentOffset + 2;
          stackMapTableEndOffset = currentOffset + attributeLength;
          compressedFrames = false;
        }
        // The frames of the pre-Java 6 (CLDC) StackMap attribute are assumed sorted as well.
      } else {
        const attribute = this.readAttribute(
          context.attributePrototypes,
          this.readRequiredUtf8(currentOffset - 6),
          currentOffset,
          attributeLength,
          null,
          codeOffset,
          labels,
        );
        attribute.nextAttribute = attributes;
        attributes = attribute;
      }
      currentOffset += attributeLength;
    }

    // Initialize the frame state of the context, and compute the implicit first frame if needed.
    const expandFrames = (parsingOptions & ClassReader.EXPAND_FRAMES) !== 0;
    if (stackMapFrameOffset !== 0) {
      // The first explicit frame is at offset_delta, the next ones at previous + offset_delta + 1:
      // starting from -1 makes the second rule work for all.
      context.currentFrameOffset = -1;
      context.currentFrameType = 0;
      context.currentFrameLocalCount = 0;
      context.currentFrameLocalCountDelta = 0;
      context.currentFrameLocalTypes = new Array<number | string | Label>(maxLocals);
      context.currentFrameStackCount = 0;
      context.currentFrameStackTypes = new Array<number | string | Label>(maxStack);
      context.currentFrameMaxLocals = maxLocals;
      context.currentFrameMaxStack = maxStack;
      reserveFrameClassIndices(maxLocals, maxStack);
      if (expandFrames) {
        this.computeImplicitFrame(context);
      }
      // Create the labels of Uninitialized types without decoding the frames: look for the 3
      // bytes of an Uninitialized_variable_info whose offset holds a NEW instruction. A false
      // positive only creates a useless label.
      for (let offset = stackMapFrameOffset; offset < stackMapTableEndOffset - 2; ++offset) {
        if (b[offset] === 8 /* ITEM_Uninitialized */) {
          const potentialBytecodeOffset = u2(b, offset + 1);
          if (potentialBytecodeOffset < codeLength && b[bytecodeStartOffset + potentialBytecodeOffset] === Opcodes.NEW) {
            this.createLabel(potentialBytecodeOffset, labels);
          }
        }
      }
    }
    if (expandFrames && (parsingOptions & ClassReader.EXPAND_ASM_INSNS) !== 0) {
      // Expanding ASM long jumps may insert F_INSERT frames, which MethodWriter computes from the
      // implicit first frame: it needs maxLocals before the first instruction.
      methodVisitor.visitFrame(Opcodes.F_NEW, maxLocals, null, 0, null);
    }

    // Second pass: visit the instructions, with the incremental reading of the instruction type
    // annotations: the index and bytecode offset (-1 if none) of the next one to read.
    let currentVisibleTypeAnnotationIndex = 0;
    let currentVisibleTypeAnnotationBytecodeOffset = this.getTypeAnnotationBytecodeOffset(visibleTypeAnnotationOffsets, 0);
    let currentInvisibleTypeAnnotationIndex = 0;
    let currentInvisibleTypeAnnotationBytecodeOffset = this.getTypeAnnotationBytecodeOffset(
      invisibleTypeAnnotationOffsets,
      0,
    );

    // Whether an F_INSERT frame must be visited before the current instruction.
    let insertFrame = false;

    // What to subtract from GOTO_W / JSR_W to get GOTO / JSR: 0 when expanding ASM instructions,
    // to keep them wide.
    const wideJumpOpcodeDelta =
      (parsingOptions & ClassReader.EXPAND_ASM_INSNS) === 0 ? Constants.WIDE_JUMP_OPCODE_DELTA : 0;
    const visitDebugInfo = (parsingOptions & ClassReader.SKIP_DEBUG) === 0;

    currentOffset = bytecodeStartOffset;
    while (currentOffset < bytecodeEndOffset) {
      const currentBytecodeOffset = currentOffset - bytecodeStartOffset;
      this.readBytecodeInstructionOffset(currentBytecodeOffset);

      // Visit the label and the line numbers of this offset, if any.
      const currentLabel = labels[currentBytecodeOffset];
      if (currentLabel !== undefined) {
        currentLabel.accept(methodVisitor, visitDebugInfo);
      }

      // Visit the stack map frame of this offset, if any, and read the next one.
      while (
        stackMapFrameOffset !== 0 &&
        (context.currentFrameOffset === currentBytecodeOffset || context.currentFrameOffset === -1)
      ) {
        if (context.currentFrameOffset !== -1) {
          if (!compressedFrames || expandFrames) {
            methodVisitor.visitFrame(
              Opcodes.F_NEW,
              context.currentFrameLocalCount,
              context.currentFrameLocalTypes,
              context.currentFrameStackCount,
              context.currentFrameStackTypes,
            );
          } else {
            methodVisitor.visitFrame(
              context.currentFrameType,
              context.currentFrameLocalCountDelta,
              context.currentFrameLocalTypes,
              context.currentFrameStackCount,
              context.currentFrameStackTypes,
            );
          }
          // This offset has a frame: none needs to be inserted.
          insertFrame = false;
        }
        if (stackMapFrameOffset < stackMapTableEndOffset) {
          stackMapFrameOffset = this.readStackMapFrame(stackMapFrameOffset, compressedFrames, expandFrames, context);
          if (stackMapFrameOffset > stackMapTableEndOffset) {
            this.fail('the stack map frames to fit in their attribute', stackMapTableEndOffset);
          }
        } else {
          stackMapFrameOffset = 0;
        }
      }

      // Visit an F_INSERT frame if the previous instruction asked for one; MethodWriter computes it.
      if (insertFrame) {
        if ((parsingOptions & ClassReader.EXPAND_FRAMES) !== 0) {
          methodVisitor.visitFrame(Constants.F_INSERT, 0, null, 0, null);
        }
        insertFrame = false;
      }

      // Visit the instruction at this offset.
      let opcode = b[currentOffset]!;
      switch (insnKinds[opcode]) {
        case Insn.INSN_NONE:
          methodVisitor.visitInsn(opcode);
          currentOffset += 1;
          break;
        case Insn.INSN_IMPLICIT_LOAD:
          opcode -= Constants.ILOAD_0;
          methodVisitor.visitVarInsn(Opcodes.ILOAD + (opcode >> 2), opcode & 3);
          currentOffset += 1;
          break;
        case Insn.INSN_IMPLICIT_STORE:
          opcode -= Constants.ISTORE_0;
          methodVisitor.visitVarInsn(Opcodes.ISTORE + (opcode >> 2), opcode & 3);
          currentOffset += 1;
          break;
        case Insn.INSN_JUMP:
          methodVisitor.visitJumpInsn(opcode, labels[currentBytecodeOffset + s2(b, currentOffset + 1)]!);
          currentOffset += 3;
          break;
        case Insn.INSN_WIDE_JUMP:
          methodVisitor.visitJumpInsn(
            opcode - wideJumpOpcodeDelta,
            labels[currentBytecodeOffset + s4(b, currentOffset + 1)]!,
          );
          currentOffset += 5;
          break;
        case Insn.INSN_ASM_JUMP: {
          // A forward jump whose offset did not fit in a signed short (see Label.resolve): ASM_GOTO
          // becomes GOTO_W, ASM_JSR becomes JSR_W, and ASM_IFxx L becomes IFNOTxx N; GOTO_W L; N:
          // where IFNOTxx is the opposite condition.
          opcode =
            opcode < Constants.ASM_IFNULL ? opcode - Constants.ASM_OPCODE_DELTA : opcode - Constants.ASM_IFNULL_OPCODE_DELTA;
          const target = labels[currentBytecodeOffset + u2(b, currentOffset + 1)]!;
          if (opcode === Opcodes.GOTO || opcode === Opcodes.JSR) {
            methodVisitor.visitJumpInsn(opcode + Constants.WIDE_JUMP_OPCODE_DELTA, target);
          } else {
            // The opposite condition flips the lowest bit of IFNULL/IFNONNULL, and of IFEQ…IF_ACMPNE
            // shifted by one.
            opcode = opcode < Opcodes.GOTO ? ((opcode + 1) ^ 1) - 1 : opcode ^ 1;
            const endif = this.createLabel(currentBytecodeOffset + 3, labels);
            methodVisitor.visitJumpInsn(opcode, endif);
            methodVisitor.visitJumpInsn(Constants.GOTO_W, target);
            // endif, visited with the next instruction, is a jump target: it needs a frame.
            insertFrame = true;
          }
          currentOffset += 3;
          break;
        }
        case Insn.INSN_ASM_GOTO_W:
          methodVisitor.visitJumpInsn(Constants.GOTO_W, labels[currentBytecodeOffset + s4(b, currentOffset + 1)]!);
          // The next instruction is a jump target (ASM_GOTO_W only appears in IFNOTxx N;
          // ASM_GOTO_W L; N:), so it needs a frame.
          insertFrame = true;
          currentOffset += 5;
          break;
        case Insn.INSN_WIDE:
          opcode = b[currentOffset + 1]!;
          if (opcode === Opcodes.IINC) {
            methodVisitor.visitIincInsn(u2(b, currentOffset + 2), s2(b, currentOffset + 4));
            currentOffset += 6;
          } else {
            methodVisitor.visitVarInsn(opcode, u2(b, currentOffset + 2));
            currentOffset += 4;
          }
          break;
        case Insn.INSN_TABLESWITCH: {
          // Skip 0 to 3 padding bytes.
          currentOffset += 4 - (currentBytecodeOffset & 3);
          const defaultLabel = labels[currentBytecodeOffset + s4(b, currentOffset)]!;
          const low = s4(b, currentOffset + 4);
          const high = s4(b, currentOffset + 8);
          currentOffset += 12;
          const table = new Array<Label>(high - low + 1);
          for (let i = 0; i < table.length; ++i) {
            table[i] = labels[currentBytecodeOffset + s4(b, currentOffset)]!;
            currentOffset += 4;
          }
          methodVisitor.visitTableSwitchInsn(low, high, defaultLabel, table);
          break;
        }
        case Insn.INSN_LOOKUPSWITCH: {
          // Skip 0 to 3 padding bytes.
          currentOffset += 4 - (currentBytecodeOffset & 3);
          const defaultLabel = labels[currentBytecodeOffset + s4(b, currentOffset)]!;
          const numPairs = s4(b, currentOffset + 4);
          currentOffset += 8;
          const keys = new Array<number>(numPairs);
          const values = new Array<Label>(numPairs);
          for (let i = 0; i < numPairs; ++i) {
            keys[i] = s4(b, currentOffset);
            values[i] = labels[currentBytecodeOffset + s4(b, currentOffset + 4)]!;
            currentOffset += 8;
          }
          methodVisitor.visitLookupSwitchInsn(defaultLabel, keys, values);
          break;
        }
        case Insn.INSN_VAR:
          methodVisitor.visitVarInsn(opcode, b[currentOffset + 1]!);
          currentOffset += 2;
          break;
        case Insn.INSN_BYTE:
          methodVisitor.visitIntInsn(opcode, (b[currentOffset + 1]! << 24) >> 24);
          currentOffset += 2;
          break;
        case Insn.INSN_SHORT:
          methodVisitor.visitIntInsn(opcode, s2(b, currentOffset + 1));
          currentOffset += 3;
          break;
        case Insn.INSN_LDC:
          readerHints.constantIndex = b[currentOffset + 1]!;
          methodVisitor.visitLdcInsn(this.readLoadableConstant(b[currentOffset + 1]!, currentOffset + 1));
          currentOffset += 2;
          break;
        case Insn.INSN_LDC_W:
          readerHints.constantIndex = u2(b, currentOffset + 1);
          methodVisitor.visitLdcInsn(this.readLoadableConstant(u2(b, currentOffset + 1), currentOffset + 1));
          currentOffset += 3;
          break;
        case Insn.INSN_FIELD_OR_METHOD:
        case Insn.INSN_INVOKEINTERFACE: {
          const memberRefIndex = u2(b, currentOffset + 1);
          const memberRef = this.readMemberRef(memberRefIndex, currentOffset + 1);
          // A ClassWriter finds the Utf8 indices of a new reference through readerHints (whose
          // reader, set by accept, is this one).
          readerHints.memberReferenceIndex = memberRefIndex;
          if (opcode < Opcodes.INVOKEVIRTUAL) {
            if (memberRef.tag !== Tag.CONSTANT_FIELDREF) {
              this.failConstant(u2(b, currentOffset + 1), 'a CONSTANT_Fieldref', currentOffset + 1);
            }
            methodVisitor.visitFieldInsn(opcode, memberRef.owner, memberRef.name, memberRef.descriptor);
            currentOffset += 3;
          } else {
            if (memberRef.tag === Tag.CONSTANT_FIELDREF) {
              this.failConstant(u2(b, currentOffset + 1), 'a CONSTANT_Methodref or CONSTANT_InterfaceMethodref', currentOffset + 1);
            }
            methodVisitor.visitMethodInsn(
              opcode,
              memberRef.owner,
              memberRef.name,
              memberRef.descriptor,
              memberRef.tag === Tag.CONSTANT_INTERFACE_METHODREF,
            );
            currentOffset += opcode === Opcodes.INVOKEINTERFACE ? 5 : 3;
          }
          break;
        }
        case Insn.INSN_INVOKEDYNAMIC: {
          const insn = this.readInvokeDynamicInsn(currentOffset);
          methodVisitor.visitInvokeDynamicInsn(insn.name, insn.descriptor, insn.handle, insn.bootstrapMethodArguments);
          currentOffset += 5;
          break;
        }
        case Insn.INSN_TYPE:
          readerHints.constantIndex = u2(b, currentOffset + 1);
          methodVisitor.visitTypeInsn(opcode, this.readRequiredClass(currentOffset + 1));
          currentOffset += 3;
          break;
        case Insn.INSN_IINC:
          methodVisitor.visitIincInsn(b[currentOffset + 1]!, (b[currentOffset + 2]! << 24) >> 24);
          currentOffset += 3;
          break;
        case Insn.INSN_MULTIANEWARRAY:
          methodVisitor.visitMultiANewArrayInsn(this.readRequiredClass(currentOffset + 1), b[currentOffset + 3]!);
          currentOffset += 4;
          break;
        default:
          // Unreachable: the first pass rejected unknown opcodes.
          this.fail(`an opcode, not ${opcode}`, currentOffset);
      }

      // Visit the instruction type annotations of this offset, if any.
      while (
        visibleTypeAnnotationOffsets !== null &&
        currentVisibleTypeAnnotationIndex < visibleTypeAnnotationOffsets.length &&
        currentVisibleTypeAnnotationBytecodeOffset <= currentBytecodeOffset
      ) {
        if (currentVisibleTypeAnnotationBytecodeOffset === currentBytecodeOffset) {
          this.readInstructionAnnotation(
            methodVisitor,
            context,
            visibleTypeAnnotationOffsets[currentVisibleTypeAnnotationIndex]!,
            true,
          );
        }
        currentVisibleTypeAnnotationBytecodeOffset = this.getTypeAnnotationBytecodeOffset(
          visibleTypeAnnotationOffsets,
          ++currentVisibleTypeAnnotationIndex,
        );
      }
      while (
        invisibleTypeAnnotationOffsets !== null &&
        currentInvisibleTypeAnnotationIndex < invisibleTypeAnnotationOffsets.length &&
        currentInvisibleTypeAnnotationBytecodeOffset <= currentBytecodeOffset
      ) {
        if (currentInvisibleTypeAnnotationBytecodeOffset === currentBytecodeOffset) {
          this.readInstructionAnnotation(
            methodVisitor,
            context,
            invisibleTypeAnnotationOffsets[currentInvisibleTypeAnnotationIndex]!,
            false,
          );
        }
        currentInvisibleTypeAnnotationBytecodeOffset = this.getTypeAnnotationBytecodeOffset(
          invisibleTypeAnnotationOffsets,
          ++currentInvisibleTypeAnnotationIndex,
        );
      }
    }
    if (stackMapFrameOffset !== 0 && context.currentFrameOffset !== -1) {
      // A frame was read but never visited: its offset is not that of an instruction.
      this.fail(
        `a stack map frame at an instruction offset, not at ${context.currentFrameOffset}`,
        stackMapFrameOffset,
      );
    }
    if (labels[codeLength] !== undefined) {
      methodVisitor.visitLabel(labels[codeLength]!);
    }

    // Visit the LocalVariableTable and LocalVariableTypeTable attributes (JVMS §4.7.13, §4.7.14).
    if (localVariableTableOffset !== 0 && (parsingOptions & ClassReader.SKIP_DEBUG) === 0) {
      // The start_pc, index and offset of signature_index of each LocalVariableTypeTable entry.
      let typeTable: Int32Array | null = null;
      if (localVariableTypeTableOffset !== 0) {
        // A view on a slab when small (see zeroed-slab.ts): a typed array of its own is allocated off-heap.
        typeTable = zeroedInt32Array(u2(b, localVariableTypeTableOffset) * 3);
        currentOffset = localVariableTypeTableOffset + 2;
        let typeTableIndex = typeTable.length;
        while (typeTableIndex > 0) {
          typeTable[--typeTableIndex] = currentOffset + 6;
          typeTable[--typeTableIndex] = u2(b, currentOffset + 8);
          typeTable[--typeTableIndex] = u2(b, currentOffset);
          currentOffset += 10;
        }
      }
      let localVariableTableLength = u2(b, localVariableTableOffset);
      currentOffset = localVariableTableOffset + 2;
      while (localVariableTableLength-- > 0) {
        const startPc = u2(b, currentOffset);
        const length = u2(b, currentOffset + 2);
        const name = this.readRequiredUtf8(currentOffset + 4);
        const descriptor = this.readRequiredUtf8(currentOffset + 6);
        const index = u2(b, currentOffset + 8);
        currentOffset += 10;
        let signature: string | null = null;
        let signatureOffset = 0;
        if (typeTable !== null) {
          for (let i = 0; i < typeTable.length; i += 3) {
            if (typeTable[i] === startPc && typeTable[i + 1] === index) {
              signatureOffset = typeTable[i + 2]!;
              signature = this.readRequiredUtf8(signatureOffset);
              break;
            }
          }
        }
        readerHints.localVariableOffset = currentOffset - 10;
        readerHints.localVariableSignatureOffset = signatureOffset;
        methodVisitor.visitLocalVariable(name, descriptor, signature, labels[startPc]!, labels[startPc + length]!, index);
      }
    }

    // Visit the local variable type annotations (they have no single bytecode offset).
    if (visibleTypeAnnotationOffsets !== null) {
      this.readLocalVariableAnnotations(methodVisitor, context, visibleTypeAnnotationOffsets, true);
    }
    if (invisibleTypeAnnotationOffsets !== null) {
      this.readLocalVariableAnnotations(methodVisitor, context, invisibleTypeAnnotationOffsets, false);
    }

    // Visit the non-standard attributes.
    while (attributes !== null) {
      const nextAttribute: Attribute | null = attributes.nextAttribute;
      attributes.nextAttribute = null;
      methodVisitor.visitAttribute(attributes);
      attributes = nextAttribute;
    }

    // Visit the max stack and max locals values.
    methodVisitor.visitMaxs(maxStack, maxLocals);
    this.labelBound = outerLabelBound;
    releaseLabelArray(labels, codeLength + 1);
  }

  /** Visits the localvar_target type annotations among `typeAnnotationOffsets` (JVMS §4.7.20.1). */
  private readLocalVariableAnnotations(
    methodVisitor: MethodVisitor,
    context: Context,
    typeAnnotationOffsets: Int32Array,
    visible: boolean,
  ): void {
    for (let i = 0; i < typeAnnotationOffsets.length; ++i) {
      const typeAnnotationOffset = typeAnnotationOffsets[i]!;
      const targetType = this.classFileBuffer[typeAnnotationOffset];
      if (targetType === TypeReference.LOCAL_VARIABLE || targetType === TypeReference.RESOURCE_VARIABLE) {
        // target_type, target_info and target_path, then type_index and the element values.
        let currentOffset = this.readTypeAnnotationTarget(context, typeAnnotationOffset);
        const annotationDescriptor = this.readRequiredUtf8(currentOffset);
        currentOffset += 2;
        this.readElementValues(
          methodVisitor.visitLocalVariableAnnotation(
            context.currentTypeAnnotationTarget,
            context.currentTypeAnnotationTargetPath,
            context.currentLocalVariableAnnotationRangeStarts,
            context.currentLocalVariableAnnotationRangeEnds,
            context.currentLocalVariableAnnotationRangeIndices,
            annotationDescriptor,
            visible,
          ),
          currentOffset,
          true,
          0,
        );
      }
    }
  }

  /** Visits the instruction type annotation at `typeAnnotationOffset` (JVMS §4.7.20). */
  private readInstructionAnnotation(
    methodVisitor: MethodVisitor,
    context: Context,
    typeAnnotationOffset: number,
    visible: boolean,
  ): void {
    // target_type, target_info and target_path, then type_index and the element values.
    const currentOffset = this.readTypeAnnotationTarget(context, typeAnnotationOffset);
    const annotationDescriptor = this.readRequiredUtf8(currentOffset);
    this.readElementValues(
      methodVisitor.visitInsnAnnotation(
        context.currentTypeAnnotationTarget,
        context.currentTypeAnnotationTargetPath,
        annotationDescriptor,
        visible,
      ),
      currentOffset + 2,
      true,
      0,
    );
  }

  /**
   * Called just before the instruction at `bytecodeOffset` is visited (before its label and
   * frame). Does nothing; subclasses may record the offset for their method visitors.
   */
  protected readBytecodeInstructionOffset(bytecodeOffset: number): void {
    // Nothing to do by default.
  }

  /**
   * Returns the label of `bytecodeOffset`, creating it in `labels` if needed. Subclasses may
   * override it, but must return labels[bytecodeOffset] (which they must store if they create it).
   */
  protected readLabel(bytecodeOffset: number, labels: Label[]): Label {
    let label = labels[bytecodeOffset];
    if (label === undefined) {
      label = labels[bytecodeOffset] = new Label();
    }
    return label;
  }

  /**
   * @internal Returns the label of `bytecodeOffset` (created with readLabel), without the
   * FLAG_DEBUG_ONLY flag. The offset must be within [0, code_length].
   */
  createLabel(bytecodeOffset: number, labels: Label[]): Label {
    if (bytecodeOffset >>> 0 >= this.labelBound || bytecodeOffset !== (bytecodeOffset | 0)) {
      this.failBytecodeOffset(bytecodeOffset);
    }
    const label = this.readLabel(bytecodeOffset, labels);
    label.flags &= ~Label.FLAG_DEBUG_ONLY;
    return label;
  }

  /**
   * @internal The call site of the invokedynamic at `currentOffset` (JVMS §6.5.invokedynamic): the name and
   * descriptor of its CONSTANT_InvokeDynamic (§4.4.10) and the bootstrap method with its arguments (§4.7.23).
   */
  readInvokeDynamicInsn(currentOffset: number): DynamicCallSite {
    const cpInfoOffset = this.getCpInfoOffset(
      u2(this.classFileBuffer, currentOffset + 1),
      Tag.CONSTANT_INVOKE_DYNAMIC,
      currentOffset + 1,
    );
    return this.readDynamicCallSite(cpInfoOffset, METHOD_DESCRIPTOR);
  }

  /**
   * The bootstrap_method_attr_index and name_and_type_index of the CONSTANT_Dynamic or
   * CONSTANT_InvokeDynamic whose info starts at `cpInfoOffset` (JVMS §4.4.10), decoded, with a
   * descriptor of `descriptorKind`.
   */
  private readDynamicCallSite(cpInfoOffset: number, descriptorKind: number): DynamicCallSite {
    const b = this.classFileBuffer;
    const nameAndTypeCpInfoOffset = this.getCpInfoOffset(u2(b, cpInfoOffset + 2), Tag.CONSTANT_NAME_AND_TYPE, cpInfoOffset + 2);
    const name = this.readRequiredUtf8(nameAndTypeCpInfoOffset);
    const descriptor = this.readDescriptor(nameAndTypeCpInfoOffset + 2, descriptorKind);
    let bootstrapMethodOffset = this.getBootstrapMethodOffset(u2(b, cpInfoOffset), cpInfoOffset);
    const handle = this.readBootstrapMethodHandle(bootstrapMethodOffset);
    const bootstrapMethodArguments = new Array<ConstantValue>(u2(b, bootstrapMethodOffset + 2));
    bootstrapMethodOffset += 4;
    for (let i = 0; i < bootstrapMethodArguments.length; i++) {
      bootstrapMethodArguments[i] = this.readLoadableConstant(u2(b, bootstrapMethodOffset), bootstrapMethodOffset);
      bootstrapMethodOffset += 2;
    }
    return { name, descriptor, handle, bootstrapMethodArguments };
  }

  /**
   * @internal Creates the label of `bytecodeOffset` with the FLAG_DEBUG_ONLY flag, unless it
   * already exists. The offset must be within [0, code_length].
   */
  createDebugLabel(bytecodeOffset: number, labels: Label[]): void {
    if (bytecodeOffset >>> 0 >= this.labelBound || bytecodeOffset !== (bytecodeOffset | 0)) {
      this.failBytecodeOffset(bytecodeOffset);
    }
    if (labels[bytecodeOffset] === undefined) {
      this.readLabel(bytecodeOffset, labels).flags |= Label.FLAG_DEBUG_ONLY;
    }
  }

  private failBytecodeOffset(bytecodeOffset: number): never {
    throw new ClassFormatError(
      `Malformed class file: bytecode offset ${bytecodeOffset} outside the method's code ` +
        `[0, ${this.labelBound - 1}] in a jump, switch, exception table, frame or debug attribute`,
    );
  }

  // ## Annotations, type annotations and parameter annotations

  /**
   * Parses a Runtime[In]VisibleTypeAnnotations attribute of a Code attribute: returns the offset
   * of each type_annotation, creates the labels they refer to, and visits the try catch block
   * annotations (JVMS §4.7.20.1: only code-related targets are allowed here).
   */
  private readTypeAnnotations(
    methodVisitor: MethodVisitor,
    context: Context,
    runtimeTypeAnnotationsOffset: number,
    visible: boolean,
  ): Int32Array {
    const b = this.classFileBuffer;
    const labels = context.currentMethodLabels!;
    let currentOffset = runtimeTypeAnnotationsOffset;
    const typeAnnotationsOffsets = new Int32Array(u2(b, currentOffset));
    currentOffset += 2;
    for (let i = 0; i < typeAnnotationsOffsets.length; ++i) {
      typeAnnotationsOffsets[i] = currentOffset;
      // target_type and target_info, whose size depends on target_type.
      const targetType = s4(b, currentOffset);
      switch (targetType >>> 24) {
        case TypeReference.LOCAL_VARIABLE:
        case TypeReference.RESOURCE_VARIABLE: {
          // localvar_target: a table of (start_pc, length, index).
          let tableLength = u2(b, currentOffset + 1);
          currentOffset += 3;
          while (tableLength-- > 0) {
            const startPc = u2(b, currentOffset);
            const length = u2(b, currentOffset + 2);
            currentOffset += 6;
            this.createLabel(startPc, labels);
            this.createLabel(startPc + length, labels);
          }
          break;
        }
        case TypeReference.CAST:
        case TypeReference.CONSTRUCTOR_INVOCATION_TYPE_ARGUMENT:
        case TypeReference.METHOD_INVOCATION_TYPE_ARGUMENT:
        case TypeReference.CONSTRUCTOR_REFERENCE_TYPE_ARGUMENT:
        case TypeReference.METHOD_REFERENCE_TYPE_ARGUMENT:
          currentOffset += 4;
          break;
        case TypeReference.CLASS_EXTENDS:
        case TypeReference.CLASS_TYPE_PARAMETER_BOUND:
        case TypeReference.METHOD_TYPE_PARAMETER_BOUND:
        case TypeReference.THROWS:
        case TypeReference.EXCEPTION_PARAMETER:
        case TypeReference.INSTANCEOF:
        case TypeReference.NEW:
        case TypeReference.CONSTRUCTOR_REFERENCE:
        case TypeReference.METHOD_REFERENCE:
          currentOffset += 3;
          break;
        default:
          this.fail(`the target_type of a type annotation in a Code attribute, not 0x${(targetType >>> 24).toString(16)}`, currentOffset);
      }
      // target_path (whose size depends on path_length).
      const pathLength = b[currentOffset]!;
      if (targetType >>> 24 === TypeReference.EXCEPTION_PARAMETER) {
        const path = pathLength === 0 ? null : new TypePath(b, currentOffset);
        currentOffset += 1 + 2 * pathLength;
        // type_index, then the element values.
        const annotationDescriptor = this.readRequiredUtf8(currentOffset);
        currentOffset += 2;
        currentOffset = this.readElementValues(
          methodVisitor.visitTryCatchAnnotation(targetType & 0xffffff00, path, annotationDescriptor, visible),
          currentOffset,
          true,
          0,
        );
      } else {
        // Skip the other annotations for now: target_path, type_index, and the element values
        // (read with no visitor).
        currentOffset += 3 + 2 * pathLength;
        currentOffset = this.readElementValues(null, currentOffset, true, 0);
      }
    }
    this.checkAttributeEnd(currentOffset, runtimeTypeAnnotationsOffset);
    return typeAnnotationsOffsets;
  }

  /**
   * The bytecode offset of the type_annotation at `typeAnnotationOffsets[typeAnnotationIndex]`,
   * or -1 if there is none or if its target has no single offset.
   */
  private getTypeAnnotationBytecodeOffset(typeAnnotationOffsets: Int32Array | null, typeAnnotationIndex: number): number {
    if (
      typeAnnotationOffsets === null ||
      typeAnnotationIndex >= typeAnnotationOffsets.length ||
      this.classFileBuffer[typeAnnotationOffsets[typeAnnotationIndex]!]! < TypeReference.INSTANCEOF
    ) {
      return -1;
    }
    return u2(this.classFileBuffer, typeAnnotationOffsets[typeAnnotationIndex]! + 1);
  }

  /**
   * Parses the target_type, target_info and target_path of the type_annotation at
   * `typeAnnotationOffset` (JVMS §4.7.20.1, §4.7.20.2) into `context`, and returns the offset
   * of its type_index.
   */
  private readTypeAnnotationTarget(context: Context, typeAnnotationOffset: number): number {
    const b = this.classFileBuffer;
    let currentOffset = typeAnnotationOffset;
    let targetType = s4(b, typeAnnotationOffset);
    switch (targetType >>> 24) {
      case TypeReference.CLASS_TYPE_PARAMETER:
      case TypeReference.METHOD_TYPE_PARAMETER:
      case TypeReference.METHOD_FORMAL_PARAMETER:
        targetType &= 0xffff0000;
        currentOffset += 2;
        break;
      case TypeReference.FIELD:
      case TypeReference.METHOD_RETURN:
      case TypeReference.METHOD_RECEIVER:
        targetType &= 0xff000000;
        currentOffset += 1;
        break;
      case TypeReference.LOCAL_VARIABLE:
      case TypeReference.RESOURCE_VARIABLE: {
        const labels = context.currentMethodLabels;
        if (labels === null) {
          this.fail('a type annotation target outside a Code attribute, not a localvar_target', currentOffset);
        }
        targetType &= 0xff000000;
        const tableLength = u2(b, currentOffset + 1);
        currentOffset += 3;
        if (currentOffset + 6 * tableLength > this.classFileEnd) {
          this.fail(`a localvar_target table of ${tableLength} entries within the class file`, currentOffset - 2);
        }
        const rangeStarts = new Array<Label>(tableLength);
        const rangeEnds = new Array<Label>(tableLength);
        const rangeIndices = new Array<number>(tableLength);
        for (let i = 0; i < tableLength; ++i) {
          const startPc = u2(b, currentOffset);
          const length = u2(b, currentOffset + 2);
          const index = u2(b, currentOffset + 4);
          currentOffset += 6;
          rangeStarts[i] = this.createLabel(startPc, labels);
          rangeEnds[i] = this.createLabel(startPc + length, labels);
          rangeIndices[i] = index;
        }
        context.currentLocalVariableAnnotationRangeStarts = rangeStarts;
        context.currentLocalVariableAnnotationRangeEnds = rangeEnds;
        context.currentLocalVariableAnnotationRangeIndices = rangeIndices;
        break;
      }
      case TypeReference.CAST:
      case TypeReference.CONSTRUCTOR_INVOCATION_TYPE_ARGUMENT:
      case TypeReference.METHOD_INVOCATION_TYPE_ARGUMENT:
      case TypeReference.CONSTRUCTOR_REFERENCE_TYPE_ARGUMENT:
      case TypeReference.METHOD_REFERENCE_TYPE_ARGUMENT:
        targetType &= 0xff0000ff;
        currentOffset += 4;
        break;
      case TypeReference.CLASS_EXTENDS:
      case TypeReference.CLASS_TYPE_PARAMETER_BOUND:
      case TypeReference.METHOD_TYPE_PARAMETER_BOUND:
      case TypeReference.THROWS:
      case TypeReference.EXCEPTION_PARAMETER:
        targetType &= 0xffffff00;
        currentOffset += 3;
        break;
      case TypeReference.INSTANCEOF:
      case TypeReference.NEW:
      case TypeReference.CONSTRUCTOR_REFERENCE:
      case TypeReference.METHOD_REFERENCE:
        targetType &= 0xff000000;
        currentOffset += 3;
        break;
      default:
        this.fail(`a type annotation target_type, not 0x${(targetType >>> 24).toString(16)}`, currentOffset);
    }
    context.currentTypeAnnotationTarget = targetType;
    // target_path: path_length, then 2 bytes per step.
    const pathLength = b[currentOffset]!;
    if (currentOffset + 1 + 2 * pathLength > this.classFileEnd) {
      this.fail(`a type_path of ${pathLength} steps within the class file`, currentOffset);
    }
    context.currentTypeAnnotationTargetPath = pathLength === 0 ? null : new TypePath(b, currentOffset);
    return currentOffset + 1 + 2 * pathLength;
  }

  /**
   * Reads a Runtime[In]VisibleParameterAnnotations attribute (JVMS §4.7.18, §4.7.19) and makes
   * `methodVisitor` visit it.
   */
  private readParameterAnnotations(
    methodVisitor: MethodVisitor,
    context: Context,
    runtimeParameterAnnotationsOffset: number,
    visible: boolean,
  ): void {
    const b = this.classFileBuffer;
    let currentOffset = runtimeParameterAnnotationsOffset;
    const numParameters = b[currentOffset++]!;
    methodVisitor.visitAnnotableParameterCount(numParameters, visible);
    for (let i = 0; i < numParameters; ++i) {
      if (currentOffset >= this.classFileEnd) {
        this.fail('num_annotations of a parameter', currentOffset);
      }
      let numAnnotations = u2(b, currentOffset);
      currentOffset += 2;
      while (numAnnotations-- > 0) {
        // type_index, then the element values.
        const annotationDescriptor = this.readRequiredUtf8(currentOffset);
        currentOffset = this.readElementValues(
          methodVisitor.visitParameterAnnotation(i, annotationDescriptor, visible),
          currentOffset + 2,
          true,
          0,
        );
      }
    }
    this.checkAttributeEnd(currentOffset, runtimeParameterAnnotationsOffset);
  }

  /**
   * Reads the element_value_pairs of an annotation (JVMS §4.7.16), if `named`, or the values of
   * an array_value, starting with their count at `annotationOffset`; makes `annotationVisitor`
   * (if not null) visit them, then visitEnd; returns the offset after them.
   */
  private readElementValues(
    annotationVisitor: AnnotationVisitor | null,
    annotationOffset: number,
    named: boolean,
    depth: number,
  ): number {
    if (depth > MAX_ELEMENT_VALUE_DEPTH) {
      this.fail(`element values nested at most ${MAX_ELEMENT_VALUE_DEPTH} deep`, annotationOffset);
    }
    const end = this.classFileEnd;
    let currentOffset = annotationOffset;
    let numElementValuePairs = u2(this.classFileBuffer, currentOffset);
    currentOffset += 2;
    if (named) {
      // element_value_pairs: element_name_index, then the value.
      while (numElementValuePairs-- > 0) {
        if (currentOffset + 3 > end) {
          this.fail('an element_value_pair', currentOffset);
        }
        const elementName = annotationVisitor == null ? null : this.readRequiredUtf8(currentOffset);
        currentOffset = this.readElementValue(annotationVisitor, currentOffset + 2, elementName, depth);
      }
    } else {
      // array_value: the values.
      while (numElementValuePairs-- > 0) {
        if (currentOffset >= end) {
          this.fail('an element_value of an array', currentOffset);
        }
        currentOffset = this.readElementValue(annotationVisitor, currentOffset, null, depth);
      }
    }
    if (annotationVisitor != null) {
      annotationVisitor.visitEnd();
    }
    return currentOffset;
  }

  /**
   * Reads the element_value at `elementValueOffset` (JVMS §4.7.16.1), makes `annotationVisitor`
   * (if not null) visit it under `elementName`, and returns the offset after it.
   */
  private readElementValue(
    annotationVisitor: AnnotationVisitor | null,
    elementValueOffset: number,
    elementName: string | null,
    depth: number,
  ): number {
    const b = this.classFileBuffer;
    let currentOffset = elementValueOffset;
    // Every annotation visitor a visitor returned comes here: undefined (no `return null`) skips as null does.
    if (annotationVisitor == null) {
      switch (b[currentOffset]) {
        case 101: // 'e': enum_const_value
          return currentOffset + 5;
        case 64: // '@': annotation_value
          return this.readElementValues(null, currentOffset + 3, true, depth + 1);
        case 91: // '[': array_value
          return this.readElementValues(null, currentOffset + 1, false, depth + 1);
        case 66: // 'B'
        case 67: // 'C'
        case 68: // 'D'
        case 70: // 'F'
        case 73: // 'I'
        case 74: // 'J'
        case 83: // 'S'
        case 90: // 'Z'
        case 115: // 's'
        case 99: // 'c'
          return currentOffset + 3;
        default:
          this.fail(`an element_value tag, not ${b[currentOffset]}`, currentOffset);
      }
    }
    switch (b[currentOffset++]) {
      case 66: // 'B': const_value_index of a CONSTANT_Integer
        annotationVisitor.visit(elementName, new Byte(this.readIntegerConstant(currentOffset)));
        currentOffset += 2;
        break;
      case 67: // 'C'
        annotationVisitor.visit(elementName, new Character(this.readIntegerConstant(currentOffset)));
        currentOffset += 2;
        break;
      case 83: // 'S'
        annotationVisitor.visit(elementName, new Short(this.readIntegerConstant(currentOffset)));
        currentOffset += 2;
        break;
      case 90: // 'Z'
        annotationVisitor.visit(elementName, this.readIntegerConstant(currentOffset) !== 0);
        currentOffset += 2;
        break;
      case 73: // 'I'
        annotationVisitor.visit(elementName, this.readIntegerConstant(currentOffset));
        currentOffset += 2;
        break;
      case 74: // 'J': const_value_index of a CONSTANT_Long
        annotationVisitor.visit(
          elementName,
          s8(b, this.getCpInfoOffset(u2(b, currentOffset), Tag.CONSTANT_LONG, currentOffset)),
        );
        currentOffset += 2;
        break;
      case 70: // 'F': const_value_index of a CONSTANT_Float
        annotationVisitor.visit(
          elementName,
          Float.fromBits(s4(b, this.getCpInfoOffset(u2(b, currentOffset), Tag.CONSTANT_FLOAT, currentOffset))),
        );
        currentOffset += 2;
        break;
      case 68: // 'D': const_value_index of a CONSTANT_Double
        annotationVisitor.visit(
          elementName,
          Double.fromBits(s8(b, this.getCpInfoOffset(u2(b, currentOffset), Tag.CONSTANT_DOUBLE, currentOffset))),
        );
        currentOffset += 2;
        break;
      case 115: // 's': const_value_index of a CONSTANT_Utf8
        annotationVisitor.visit(elementName, this.readRequiredUtf8(currentOffset));
        currentOffset += 2;
        break;
      case 101: // 'e': enum_const_value (type_name_index, const_name_index)
        annotationVisitor.visitEnum(
          elementName,
          this.readRequiredUtf8(currentOffset),
          this.readRequiredUtf8(currentOffset + 2),
        );
        currentOffset += 4;
        break;
      case 99: // 'c': class_info_index, a return descriptor
        annotationVisitor.visit(elementName, this.getTypeOfDescriptor(this.readRequiredUtf8(currentOffset), currentOffset));
        currentOffset += 2;
        break;
      case 64: // '@': annotation_value
        currentOffset = this.readElementValues(
          annotationVisitor.visitAnnotation(elementName, this.readRequiredUtf8(currentOffset)),
          currentOffset + 2,
          true,
          depth + 1,
        );
        break;
      case 91: {
        // '[': array_value. Arrays of one primitive type are visited in one call, with a typed
        // array, when all their values have the same tag (as compilers always emit them).
        const numValues = u2(b, currentOffset);
        currentOffset += 2;
        const tag = numValues === 0 ? 0 : this.getUniformElementValueTag(currentOffset, numValues);
        switch (tag) {
          case 66: // 'B'
            annotationVisitor.visit(elementName, this.readIntegerElementValues(new Int8Array(numValues), currentOffset));
            currentOffset += 3 * numValues;
            break;
          case 90: {
            // 'Z'
            const booleanValues = new Array<boolean>(numValues);
            for (let i = 0; i < numValues; i++) {
              booleanValues[i] = this.readIntegerConstant(currentOffset + 1) !== 0;
              currentOffset += 3;
            }
            annotationVisitor.visit(elementName, booleanValues);
            break;
          }
          case 83: // 'S'
            annotationVisitor.visit(elementName, this.readIntegerElementValues(new Int16Array(numValues), currentOffset));
            currentOffset += 3 * numValues;
            break;
          case 67: // 'C'
            annotationVisitor.visit(elementName, this.readIntegerElementValues(new Uint16Array(numValues), currentOffset));
            currentOffset += 3 * numValues;
            break;
          case 73: // 'I'
            annotationVisitor.visit(elementName, this.readIntegerElementValues(new Int32Array(numValues), currentOffset));
            currentOffset += 3 * numValues;
            break;
          case 74: {
            // 'J'
            const longValues = new BigInt64Array(numValues);
            for (let i = 0; i < numValues; i++) {
              longValues[i] = s8(b, this.getCpInfoOffset(u2(b, currentOffset + 1), Tag.CONSTANT_LONG, currentOffset + 1));
              currentOffset += 3;
            }
            annotationVisitor.visit(elementName, longValues);
            break;
          }
          case 70: {
            // 'F': the raw bits are stored through an integer view, so that NaN payloads survive.
            const floatValues = new Float32Array(numValues);
            const floatBits = new Int32Array(floatValues.buffer);
            for (let i = 0; i < numValues; i++) {
              floatBits[i] = s4(b, this.getCpInfoOffset(u2(b, currentOffset + 1), Tag.CONSTANT_FLOAT, currentOffset + 1));
              currentOffset += 3;
            }
            annotationVisitor.visit(elementName, floatValues);
            break;
          }
          case 68: {
            // 'D': the raw bits are stored through an integer view, so that NaN payloads survive.
            const doubleValues = new Float64Array(numValues);
            const doubleBits = new BigInt64Array(doubleValues.buffer);
            for (let i = 0; i < numValues; i++) {
              doubleBits[i] = s8(b, this.getCpInfoOffset(u2(b, currentOffset + 1), Tag.CONSTANT_DOUBLE, currentOffset + 1));
              currentOffset += 3;
            }
            annotationVisitor.visit(elementName, doubleValues);
            break;
          }
          default:
            currentOffset = this.readElementValues(
              annotationVisitor.visitArray(elementName),
              currentOffset - 2,
              false,
              depth + 1,
            );
            break;
        }
        break;
      }
      default:
        this.fail(`an element_value tag, not ${b[currentOffset - 1]}`, currentOffset - 1);
    }
    return currentOffset;
  }

  /**
   * The tag of the `numValues` element_values of the array starting at `valuesOffset` if they are
   * all constants of the same primitive type (each 3 bytes long), else 0.
   */
  private getUniformElementValueTag(valuesOffset: number, numValues: number): number {
    const b = this.classFileBuffer;
    const tag = b[valuesOffset]!;
    switch (tag) {
      case 66: // 'B'
      case 67: // 'C'
      case 68: // 'D'
      case 70: // 'F'
      case 73: // 'I'
      case 74: // 'J'
      case 83: // 'S'
      case 90: // 'Z'
        break;
      default:
        return 0;
    }
    if (valuesOffset + 3 * numValues > this.classFileEnd) {
      return 0;
    }
    for (let i = 1, offset = valuesOffset + 3; i < numValues; ++i, offset += 3) {
      if (b[offset] !== tag) {
        return 0;
      }
    }
    return tag;
  }

  /** The value of the CONSTANT_Integer whose index is at `offset`. */

  /**
   * Fills `values` with the const_value_index Integer constants of consecutive element_value
   * items (tag byte + u2 index, JVMS §4.7.16.1) starting at `offset`; the typed array's own
   * conversion narrows each int to byte, short or char as the tag requires.
   */
  private readIntegerElementValues<T extends Int8Array | Int16Array | Uint16Array | Int32Array>(
    values: T,
    offset: number,
  ): T {
    for (let i = 0; i < values.length; i++) {
      values[i] = this.readIntegerConstant(offset + 3 * i + 1);
    }
    return values;
  }
  private readIntegerConstant(offset: number): number {
    return s4(this.classFileBuffer, this.getCpInfoOffset(u2(this.classFileBuffer, offset), Tag.CONSTANT_INTEGER, offset));
  }

  /** Type.getType(descriptor) for a class_info (JVMS §4.7.16.1): a field descriptor or V. */
  private getTypeOfDescriptor(descriptor: string, offset: number): Type {
    // Checked on the bytes of the Utf8 whose index is at `offset` (readRequiredUtf8 checked its tag).
    const b = this.classFileBuffer;
    const start = this.cpInfoOffsets[u2(b, offset)]! + 2;
    const end = start + u2(b, start - 2);
    if (descriptor !== 'V' && skipFieldTypeBytes(b, start, end) !== end) {
      this.fail(`a return descriptor in a class_info element value, not ${JSON.stringify(descriptor)}`, offset);
    }
    return Type.getType(descriptor);
  }

  // ## Stack map frames

  /**
   * Computes the implicit first frame of the current method (JVMS §4.10.1.6) from its access
   * flags and descriptor, into the context.
   */
  private computeImplicitFrame(context: Context): void {
    const methodDescriptor = context.currentMethodDescriptor;
    const locals = context.currentFrameLocalTypes;
    let numLocal = 0;
    if ((context.currentMethodAccessFlags & Opcodes.ACC_STATIC) === 0) {
      if (context.currentMethodName === '<init>') {
        locals[numLocal++] = Opcodes.UNINITIALIZED_THIS;
      } else {
        locals[numLocal++] = this.readRequiredClass(this.header + 2);
      }
    }
    // Parse the argument types, after the '(' (JVMS §4.3.3).
    const length = methodDescriptor.length;
    let currentOffset = 1;
    for (;;) {
      const argumentStart = currentOffset;
      switch (methodDescriptor.charCodeAt(currentOffset++)) {
        case 90: // 'Z'
        case 67: // 'C'
        case 66: // 'B'
        case 83: // 'S'
        case 73: // 'I'
          locals[numLocal++] = Opcodes.INTEGER;
          break;
        case 70: // 'F'
          locals[numLocal++] = Opcodes.FLOAT;
          break;
        case 74: // 'J'
          locals[numLocal++] = Opcodes.LONG;
          break;
        case 68: // 'D'
          locals[numLocal++] = Opcodes.DOUBLE;
          break;
        case 91: // '['
          while (methodDescriptor.charCodeAt(currentOffset) === 91) {
            ++currentOffset;
          }
          if (methodDescriptor.charCodeAt(currentOffset) === 76 /* 'L' */) {
            currentOffset = methodDescriptor.indexOf(';', currentOffset + 1);
            if (currentOffset < 0) {
              this.failDescriptor(methodDescriptor);
            }
          } else if (currentOffset >= length) {
            this.failDescriptor(methodDescriptor);
          }
          locals[numLocal++] = methodDescriptor.substring(argumentStart, ++currentOffset);
          break;
        case 76: {
          // 'L'
          const semicolon = methodDescriptor.indexOf(';', currentOffset);
          if (semicolon < 0) {
            this.failDescriptor(methodDescriptor);
          }
          locals[numLocal++] = methodDescriptor.substring(argumentStart + 1, semicolon);
          currentOffset = semicolon + 1;
          break;
        }
        default:
          context.currentFrameLocalCount = numLocal;
          return;
      }
    }
  }

  private failDescriptor(methodDescriptor: string): never {
    throw new ClassFormatError(`Malformed class file: expected a method descriptor, not "${methodDescriptor}"`);
  }

  /**
   * Reads the stack_map_frame at `stackMapFrameOffset` (JVMS §4.7.4) into the context, or, if not
   * `compressed`, a full_frame without its frame_type (the old StackMap attribute). With `expand`,
   * the frame is expanded relative to the previous one. Returns the offset after it.
   */
  private readStackMapFrame(
    stackMapFrameOffset: number,
    compressed: boolean,
    expand: boolean,
    context: Context,
  ): number {
    const b = this.classFileBuffer;
    const labels = context.currentMethodLabels!;
    let currentOffset = stackMapFrameOffset;
    let frameType: number;
    if (compressed) {
      frameType = b[currentOffset++]!;
    } else {
      frameType = 255; // FULL_FRAME
      context.currentFrameOffset = -1;
    }
    let offsetDelta: number;
    context.currentFrameLocalCountDelta = 0;
    if (frameType < 64 /* SAME_LOCALS_1_STACK_ITEM_FRAME */) {
      offsetDelta = frameType;
      context.currentFrameType = Opcodes.F_SAME;
      context.currentFrameStackCount = 0;
    } else if (frameType < 128 /* RESERVED */) {
      offsetDelta = frameType - 64;
      this.checkFrameStackCount(1, context, stackMapFrameOffset);
      currentOffset = this.readVerificationTypeInfo(currentOffset, context.currentFrameStackTypes, 0, labels, readerHints.frameStackClassIndices);
      context.currentFrameType = Opcodes.F_SAME1;
      context.currentFrameStackCount = 1;
    } else if (frameType >= 247 /* SAME_LOCALS_1_STACK_ITEM_FRAME_EXTENDED */) {
      offsetDelta = u2(b, currentOffset);
      currentOffset += 2;
      if (frameType === 247) {
        this.checkFrameStackCount(1, context, stackMapFrameOffset);
        currentOffset = this.readVerificationTypeInfo(currentOffset, context.currentFrameStackTypes, 0, labels, readerHints.frameStackClassIndices);
        context.currentFrameType = Opcodes.F_SAME1;
        context.currentFrameStackCount = 1;
      } else if (frameType >= 248 /* CHOP_FRAME */ && frameType < 251 /* SAME_FRAME_EXTENDED */) {
        context.currentFrameType = Opcodes.F_CHOP;
        context.currentFrameLocalCountDelta = 251 - frameType;
        context.currentFrameLocalCount -= context.currentFrameLocalCountDelta;
        if (expand && context.currentFrameLocalCount < 0) {
          this.fail('a chop_frame removing at most the locals of the previous frame', stackMapFrameOffset);
        }
        context.currentFrameStackCount = 0;
      } else if (frameType === 251) {
        context.currentFrameType = Opcodes.F_SAME;
        context.currentFrameStackCount = 0;
      } else if (frameType < 255 /* FULL_FRAME */) {
        // append_frame: 1 to 3 more locals.
        const numberOfAppendedLocals = frameType - 251;
        let local = expand ? context.currentFrameLocalCount : 0;
        if (expand && local + numberOfAppendedLocals > context.currentFrameMaxLocals) {
          this.fail(`an append_frame with at most max_locals (${context.currentFrameMaxLocals}) locals`, stackMapFrameOffset);
        }
        for (let k = numberOfAppendedLocals; k > 0; k--) {
          currentOffset = this.readVerificationTypeInfo(currentOffset, context.currentFrameLocalTypes, local++, labels, readerHints.frameLocalClassIndices);
        }
        context.currentFrameType = Opcodes.F_APPEND;
        context.currentFrameLocalCountDelta = numberOfAppendedLocals;
        context.currentFrameLocalCount += numberOfAppendedLocals;
        context.currentFrameStackCount = 0;
      } else {
        // full_frame: number_of_locals, locals, number_of_stack_items, stack.
        const numberOfLocals = u2(b, currentOffset);
        currentOffset += 2;
        if (numberOfLocals > context.currentFrameMaxLocals) {
          this.fail(`a full_frame with at most max_locals (${context.currentFrameMaxLocals}) locals`, currentOffset - 2);
        }
        context.currentFrameType = Opcodes.F_FULL;
        context.currentFrameLocalCountDelta = numberOfLocals;
        context.currentFrameLocalCount = numberOfLocals;
        for (let local = 0; local < numberOfLocals; ++local) {
          currentOffset = this.readVerificationTypeInfo(currentOffset, context.currentFrameLocalTypes, local, labels, readerHints.frameLocalClassIndices);
        }
        const numberOfStackItems = u2(b, currentOffset);
        currentOffset += 2;
        this.checkFrameStackCount(numberOfStackItems, context, currentOffset - 2);
        context.currentFrameStackCount = numberOfStackItems;
        for (let stack = 0; stack < numberOfStackItems; ++stack) {
          currentOffset = this.readVerificationTypeInfo(currentOffset, context.currentFrameStackTypes, stack, labels, readerHints.frameStackClassIndices);
        }
      }
    } else {
      this.fail(`a stack_map_frame type, not the reserved ${frameType}`, stackMapFrameOffset);
    }
    context.currentFrameOffset += offsetDelta + 1;
    this.createLabel(context.currentFrameOffset, labels);
    return currentOffset;
  }

  private checkFrameStackCount(stackCount: number, context: Context, offset: number): void {
    if (stackCount > context.currentFrameMaxStack) {
      this.fail(`a stack map frame with at most max_stack (${context.currentFrameMaxStack}) stack items`, offset);
    }
  }

  /**
   * Reads the verification_type_info at `verificationTypeInfoOffset` (JVMS §4.7.4) into
   * `frame[index]`, and returns the offset after it.
   */
  private readVerificationTypeInfo(
    verificationTypeInfoOffset: number,
    frame: Array<number | string | Label>,
    index: number,
    labels: Label[],
    classIndices: Int32Array,
  ): number {
    let currentOffset = verificationTypeInfoOffset;
    const tag = this.classFileBuffer[currentOffset++]!;
    switch (tag) {
      case 0: // ITEM_Top
        frame[index] = Opcodes.TOP;
        break;
      case 1: // ITEM_Integer
        frame[index] = Opcodes.INTEGER;
        break;
      case 2: // ITEM_Float
        frame[index] = Opcodes.FLOAT;
        break;
      case 3: // ITEM_Double
        frame[index] = Opcodes.DOUBLE;
        break;
      case 4: // ITEM_Long
        frame[index] = Opcodes.LONG;
        break;
      case 5: // ITEM_Null
        frame[index] = Opcodes.NULL;
        break;
      case 6: // ITEM_UninitializedThis
        frame[index] = Opcodes.UNINITIALIZED_THIS;
        break;
      case 7: // ITEM_Object
        frame[index] = this.readRequiredClass(currentOffset);
        // A ClassWriter finds the Class constant through readerHints (checked there).
        classIndices[index] = u2(this.classFileBuffer, currentOffset);
        currentOffset += 2;
        break;
      case 8: // ITEM_Uninitialized: the offset of the NEW instruction
        frame[index] = this.createLabel(u2(this.classFileBuffer, currentOffset), labels);
        currentOffset += 2;
        break;
      default:
        this.fail(`a verification_type_info tag, not ${tag}`, verificationTypeInfoOffset);
    }
    return currentOffset;
  }

  // ## Attributes

  /** @internal The offset of the first class attribute (just after the class's attributes_count). */
  getFirstAttributeOffset(): number {
    return this.firstAttributeOffset;
  }

  /** Reads the BootstrapMethods attribute (JVMS §4.7.23): the offset of each bootstrap method. */
  private readBootstrapMethodsAttribute(maxStringLength: number): Int32Array {
    const b = this.classFileBuffer;
    let currentAttributeOffset = this.firstAttributeOffset;
    for (let i = u2(b, currentAttributeOffset - 2); i > 0; --i) {
      const attributeKind = this.readAttributeKind(currentAttributeOffset);
      const attributeLength = s4(b, currentAttributeOffset + 2);
      currentAttributeOffset += 6;
      if (attributeKind === Attr.ATTRIBUTE_BOOTSTRAP_METHODS) {
        const attributeEnd = currentAttributeOffset + attributeLength;
        const result = new Int32Array(this.readCount(currentAttributeOffset, 4, attributeEnd, 'num_bootstrap_methods'));
        // bootstrap_method_ref, num_bootstrap_arguments and bootstrap_arguments.
        let currentBootstrapMethodOffset = currentAttributeOffset + 2;
        for (let j = 0; j < result.length; ++j) {
          result[j] = currentBootstrapMethodOffset;
          currentBootstrapMethodOffset += 4 + u2(b, currentBootstrapMethodOffset + 2) * 2;
          if (currentBootstrapMethodOffset > attributeEnd) {
            this.fail(`bootstrap method ${j} to fit in the BootstrapMethods attribute`, result[j]!);
          }
        }
        return result;
      }
      currentAttributeOffset += attributeLength;
    }
    throw new ClassFormatError(
      'Malformed class file: the constant pool has CONSTANT_Dynamic or CONSTANT_InvokeDynamic entries ' +
        'but there is no BootstrapMethods attribute',
    );
  }

  /**
   * Reads a non-standard attribute whose content is the `length` bytes at `offset`: with the
   * `read` method of the prototype of its `type`, if any, else as opaque bytes.
   * `codeAttributeOffset` and `labels` are those of the enclosing Code attribute, or -1 and null.
   */
  private readAttribute(
    attributePrototypes: Attribute[],
    type: string,
    offset: number,
    length: number,
    charBuffer: null,
    codeAttributeOffset: number,
    labels: Label[] | null,
  ): Attribute {
    if (length < 0 || length > this.classFileEnd - offset) {
      this.fail(`the ${type} attribute to fit in the class file`, offset - 4);
    }
    for (let i = 0; i < attributePrototypes.length; ++i) {
      const attributePrototype = attributePrototypes[i]!;
      if (attributePrototype.type === type) {
        return Attribute.read(attributePrototype, this, offset, length, charBuffer, codeAttributeOffset, labels);
      }
    }
    return Attribute.read(new Attribute(type), this, offset, length, null, -1, null);
  }

  // ## Low-level parsing, for Attribute subclasses

  /** The number of entries of the constant pool table (constant_pool_count). */
  getItemCount(): number {
    return this.cpInfoOffsets.length;
  }

  /**
   * The offset, plus one, of the constant pool entry `constantPoolEntryIndex` (i.e. of what follows
   * its tag byte); 0 for index 0 and for the unusable slot after a Long or Double.
   */
  getItem(constantPoolEntryIndex: number): number {
    if (!(constantPoolEntryIndex >= 0 && constantPoolEntryIndex < this.cpInfoOffsets.length)) {
      throw new ClassFormatError(
        `Constant pool index ${constantPoolEntryIndex} out of range [1, ${this.cpInfoOffsets.length - 1}]`,
      );
    }
    return this.cpInfoOffsets[constantPoolEntryIndex]!;
  }

  /** A conservative estimate of the length of the longest string of the constant pool. */
  getMaxStringLength(): number {
    return this.maxStringLength;
  }

  /** Throws unless the `size` bytes at `offset` are within the class file. */
  private checkRead(offset: number, size: number): void {
    if (!(offset >= 0 && offset + size <= this.classFileEnd)) {
      throw new ClassFormatError(
        `Cannot read ${size} byte(s) at offset ${offset}: the class file ends at ${this.classFileEnd}`,
        offset - this.classFileOffset,
      );
    }
  }

  /** The unsigned byte at `offset`. */
  readByte(offset: number): number {
    this.checkRead(offset, 1);
    return this.classFileBuffer[offset]!;
  }

  /** A copy of the `length` bytes at `offset`. */
  readBytes(offset: number, length: number): Uint8Array {
    this.checkRead(offset, length);
    return this.classFileBuffer.slice(offset, offset + length);
  }

  /** The unsigned 16-bit value at `offset`. */
  readUnsignedShort(offset: number): number {
    this.checkRead(offset, 2);
    return u2(this.classFileBuffer, offset);
  }

  /** The signed 16-bit value at `offset`. */
  readShort(offset: number): number {
    this.checkRead(offset, 2);
    return s2(this.classFileBuffer, offset);
  }

  /** The signed 32-bit value at `offset`. */
  readInt(offset: number): number {
    this.checkRead(offset, 4);
    return s4(this.classFileBuffer, offset);
  }

  /** The signed 64-bit value at `offset`. */
  readLong(offset: number): bigint {
    this.checkRead(offset, 8);
    return s8(this.classFileBuffer, offset);
  }

  /**
   * The CONSTANT_Utf8 string whose pool index is the u2 at `offset`, or null if that index is 0.
   * `charBuffer` is ignored (kept for code ported from ASM).
   */
  readUTF8(offset: number, charBuffer?: unknown): string | null {
    this.checkRead(offset, 2);
    const constantPoolEntryIndex = u2(this.classFileBuffer, offset);
    if (offset === 0 || constantPoolEntryIndex === 0) {
      return null;
    }
    return this.readUtf(constantPoolEntryIndex);
  }

  /**
   * @internal The CONSTANT_Utf8 string at pool index `constantPoolEntryIndex`, decoded on first
   * use. `charBuffer` is ignored.
   */
  readUtf(constantPoolEntryIndex: number, charBuffer?: unknown): string {
    const value = this.constantUtf8Values[constantPoolEntryIndex];
    if (value !== undefined) {
      return value;
    }
    return this.decodeUtf8Entry(constantPoolEntryIndex, -1);
  }

  /** Decodes and caches the CONSTANT_Utf8 at `constantPoolEntryIndex`, referenced at `referenceOffset`. */
  private decodeUtf8Entry(constantPoolEntryIndex: number, referenceOffset: number): string {
    const cpInfoOffset = this.getCpInfoOffset(constantPoolEntryIndex, Tag.CONSTANT_UTF8, referenceOffset);
    const b = this.classFileBuffer;
    if (!CAN_MAKE_LATIN1_TEXT) {
      return (this.constantUtf8Values[constantPoolEntryIndex] = decodeModifiedUtf8(b, cpInfoOffset + 2, u2(b, cpInfoOffset)));
    }
    let text = this.poolText;
    if (text === null) {
      text = this.makePoolText();
      // Perhaps one of the names makePoolText decodes on their own.
      const value = this.constantUtf8Values[constantPoolEntryIndex];
      if (value !== undefined) {
        return value;
      }
    }
    const value = decodeModifiedUtf8In(text, this.cpInfoOffsets[1]! - 1, b, cpInfoOffset + 2, u2(b, cpInfoOffset));
    return (this.constantUtf8Values[constantPoolEntryIndex] = value);
  }

  /**
   * Makes poolText, the text that the strings of this reader are substrings of (see
   * decodeModifiedUtf8In): a string of 13 chars or more holds on to it, so strings kept long after
   * the class is gone keep its pool's text alive too (as the identifiers of a JavaScript parser
   * keep its source text alive). The names that an index of many classes typically keeps, those
   * of the class, its super class and its interfaces (getClassName, visit…), are copies instead.
   */
  private makePoolText(): string {
    const b = this.classFileBuffer;
    const cpInfoOffsets = this.cpInfoOffsets;
    const header = this.header;
    // JVMS §4.1: this_class, super_class, interfaces_count, interfaces; their Class constants'
    // names decoded on their own (checked once more when read: only well-formed ones here).
    const interfacesCount = u2(b, header + 6);
    for (let i = -2; i < interfacesCount; ++i) {
      const classIndex = u2(b, i === -2 ? header + 2 : i === -1 ? header + 4 : header + 8 + 2 * i);
      const classOffset = classIndex < cpInfoOffsets.length ? cpInfoOffsets[classIndex]! : 0;
      if (classOffset === 0 || b[classOffset - 1] !== Tag.CONSTANT_CLASS) {
        continue;
      }
      const nameIndex = u2(b, classOffset);
      const nameOffset = nameIndex < cpInfoOffsets.length ? cpInfoOffsets[nameIndex]! : 0;
      if (nameOffset !== 0 && b[nameOffset - 1] === Tag.CONSTANT_UTF8 && this.constantUtf8Values[nameIndex] === undefined) {
        try {
          this.constantUtf8Values[nameIndex] = decodeModifiedUtf8(b, nameOffset + 2, u2(b, nameOffset));
        } catch {
          // Malformed: reported when (and if) the name is read, as any other constant.
        }
      }
    }
    return (this.poolText = latin1Text(b, cpInfoOffsets[1]! - 1, header));
  }

  /** The CONSTANT_Utf8 string whose index is the u2 at `offset`, which must not be 0. */
  readRequiredUtf8(offset: number): string {
    const constantPoolEntryIndex = u2(this.classFileBuffer, offset);
    const value = this.constantUtf8Values[constantPoolEntryIndex];
    if (value !== undefined) {
      return value;
    }
    return this.decodeUtf8Entry(constantPoolEntryIndex, offset);
  }

  /** The CONSTANT_Utf8 string whose index is the u2 at `offset`, or null if it is 0. */
  private readOptionalUtf8(offset: number): string | null {
    const constantPoolEntryIndex = u2(this.classFileBuffer, offset);
    if (constantPoolEntryIndex === 0) {
      return null;
    }
    const value = this.constantUtf8Values[constantPoolEntryIndex];
    if (value !== undefined) {
      return value;
    }
    return this.decodeUtf8Entry(constantPoolEntryIndex, offset);
  }

  /**
   * The offset (plus one) of the constant pool entry `constantPoolEntryIndex`, referenced at
   * `referenceOffset`, after checking that it exists and has the tag `expectedTag`. One comparison:
   * an index out of range, 0 or the slot after a Long or Double has no tag byte to match.
   */
  private getCpInfoOffset(constantPoolEntryIndex: number, expectedTag: number, referenceOffset: number): number {
    const cpInfoOffset = this.cpInfoOffsets[constantPoolEntryIndex]!;
    if (this.classFileBuffer[cpInfoOffset - 1] !== expectedTag) {
      this.failConstant(constantPoolEntryIndex, `a ${TAG_NAMES[expectedTag]}`, referenceOffset);
    }
    return cpInfoOffset;
  }

  /** Throws for a constant pool index that is invalid or does not designate `expected`. */
  failConstant(constantPoolEntryIndex: number, expected: string, referenceOffset: number): never {
    const count = this.cpInfoOffsets.length;
    let found: string;
    if (constantPoolEntryIndex <= 0 || constantPoolEntryIndex >= count) {
      found = `it is out of range [1, ${count - 1}]`;
    } else if (this.cpInfoOffsets[constantPoolEntryIndex] === 0) {
      found = 'it is the unusable slot after a CONSTANT_Long or CONSTANT_Double';
    } else {
      const tag = this.classFileBuffer[this.cpInfoOffsets[constantPoolEntryIndex]! - 1]!;
      found = `it is a ${TAG_NAMES[tag] ?? 'tag ' + tag}`;
    }
    const message = `Malformed class file: constant pool index ${constantPoolEntryIndex} should designate ${expected}, but ${found}`;
    throw new ClassFormatError(message, referenceOffset < 0 ? -1 : referenceOffset - this.classFileOffset);
  }

  /**
   * The CONSTANT_Fieldref, _Methodref or _InterfaceMethodref at `constantPoolEntryIndex`
   * (JVMS §4.4.2), referenced at `referenceOffset`, decoded once and cached: instructions refer to
   * the same members again and again.
   */
  readMemberRef(constantPoolEntryIndex: number, referenceOffset: number): MemberRef {
    let memberRefs = this.memberRefs;
    if (memberRefs === null) {
      memberRefs = this.memberRefs = holeyArray<MemberRef>(this.cpInfoOffsets.length);
    }
    const cached = memberRefs[constantPoolEntryIndex];
    if (cached !== undefined) {
      return cached;
    }
    return this.decodeMemberRef(memberRefs, constantPoolEntryIndex, referenceOffset);
  }

  /**
   * @internal readMemberRef for a caller that reads each reference once (the code transcoder, which
   * keeps what it makes of it): nothing cached, no object made; the result is readMemberRef's cached
   * object if there is one, else `memberRefScratch`, overwritten by the next call.
   */
  readMemberRefOnce(constantPoolEntryIndex: number, referenceOffset: number): Readonly<MemberRefScratch> {
    const cached = this.memberRefs === null ? undefined : this.memberRefs[constantPoolEntryIndex];
    return cached ?? this.decodeMemberRefInto(memberRefScratch, constantPoolEntryIndex, referenceOffset);
  }

  /** Decodes, checks and caches the member reference of readMemberRef (kept out of the hot path). */
  private decodeMemberRef(
    memberRefs: (MemberRef | undefined)[],
    constantPoolEntryIndex: number,
    referenceOffset: number,
  ): MemberRef {
    const parts = this.decodeMemberRefInto(memberRefScratch, constantPoolEntryIndex, referenceOffset);
    return (memberRefs[constantPoolEntryIndex] = new MemberRef(parts.tag, parts.owner, parts.name, parts.descriptor));
  }

  /** Decodes and checks the member reference `constantPoolEntryIndex` into `parts` (JVMS §4.4.2). */
  private decodeMemberRefInto(parts: MemberRefScratch, constantPoolEntryIndex: number, referenceOffset: number): MemberRefScratch {
    const b = this.classFileBuffer;
    const cpInfoOffset = this.cpInfoOffsets[constantPoolEntryIndex]!;
    const tag = b[cpInfoOffset - 1]!;
    if (tag !== Tag.CONSTANT_FIELDREF && tag !== Tag.CONSTANT_METHODREF && tag !== Tag.CONSTANT_INTERFACE_METHODREF) {
      this.failConstant(constantPoolEntryIndex, 'a field or method reference', referenceOffset);
    }
    const nameAndTypeCpInfoOffset = this.getCpInfoOffset(u2(b, cpInfoOffset + 2), Tag.CONSTANT_NAME_AND_TYPE, cpInfoOffset + 2);
    parts.tag = tag;
    parts.owner = this.readRequiredClass(cpInfoOffset);
    parts.name = this.readRequiredUtf8(nameAndTypeCpInfoOffset);
    parts.descriptor = this.readDescriptor(nameAndTypeCpInfoOffset + 2, tag === Tag.CONSTANT_FIELDREF ? FIELD_DESCRIPTOR : METHOD_DESCRIPTOR);
    return parts;
  }

  /** The internal name of the CONSTANT_Class whose index is the u2 at `offset` (not 0). */
  readRequiredClass(offset: number): string {
    const constantPoolEntryIndex = u2(this.classFileBuffer, offset);
    // The name is cached under the index of the CONSTANT_Class itself: one lookup.
    const value = this.constantClassValues[constantPoolEntryIndex];
    if (value !== undefined) {
      return value;
    }
    return this.readClassEntry(constantPoolEntryIndex, offset);
  }

  /** The internal name of the CONSTANT_Class whose index is the u2 at `offset`, or null if it is 0. */
  private readOptionalClass(offset: number): string | null {
    const constantPoolEntryIndex = u2(this.classFileBuffer, offset);
    if (constantPoolEntryIndex === 0) {
      return null;
    }
    const value = this.constantClassValues[constantPoolEntryIndex];
    if (value !== undefined) {
      return value;
    }
    return this.readClassEntry(constantPoolEntryIndex, offset);
  }

  /** Reads, checks and caches the name of the CONSTANT_Class at `constantPoolEntryIndex`, referenced at `offset`. */
  private readClassEntry(constantPoolEntryIndex: number, offset: number): string {
    const name = this.readDescriptor(this.getCpInfoOffset(constantPoolEntryIndex, Tag.CONSTANT_CLASS, offset), CLASS_NAME);
    return (this.constantClassValues[constantPoolEntryIndex] = name);
  }

  /**
   * The CONSTANT_Utf8 string whose index is the u2 at `offset`, checked (once per entry) to be a
   * `kind`: FIELD_DESCRIPTOR, METHOD_DESCRIPTOR or CLASS_NAME (a non-empty internal name, or an
   * array descriptor, JVMS §4.4.1).
   */
  /**
   * @internal The argument and return sizes of `descriptor` (packed as Type.getArgumentsAndReturnSizes
   * packs them) if it is the string this reader decoded from its Utf8 constant `constantPoolEntryIndex`
   * (or an equal string) and that constant was checked as a method descriptor, which computed them;
   * else 0 (unknown).
   */
  methodDescriptorSizesOf(descriptor: string, constantPoolEntryIndex: number): number {
    if (
      constantPoolEntryIndex <= 0 ||
      constantPoolEntryIndex >= this.cpInfoOffsets.length ||
      this.constantUtf8Values[constantPoolEntryIndex] !== descriptor
    ) {
      return 0;
    }
    return this.checkedUtf8Kinds[constantPoolEntryIndex]! >> METHOD_SIZES_SHIFT;
  }

  private readDescriptor(offset: number, kind: number): string {
    const constantPoolEntryIndex = u2(this.classFileBuffer, offset);
    const value = this.readRequiredUtf8(offset);
    if ((this.checkedUtf8Kinds[constantPoolEntryIndex]! & kind) === 0) {
      // The Utf8's bytes (readRequiredUtf8 checked its tag): start and end (JVMS §4.4.7).
      const b = this.classFileBuffer;
      const start = this.cpInfoOffsets[constantPoolEntryIndex]! + 2;
      const end = start + u2(b, start - 2);
      let valid: boolean;
      let checked = kind;
      if (kind === METHOD_DESCRIPTOR) {
        const sizes = methodDescriptorSizes(b, start, end);
        valid = sizes >= 0;
        if (valid && sizes <= MAX_KEPT_METHOD_SIZES) checked |= sizes << METHOD_SIZES_SHIFT;
      } else if (kind === FIELD_DESCRIPTOR) {
        valid = skipFieldTypeBytes(b, start, end) === end;
      } else {
        valid = end > start && (b[start] !== 91 /* '[' */ || skipFieldTypeBytes(b, start, end) === end);
      }
      if (!valid) {
        const what = kind === METHOD_DESCRIPTOR ? 'a method descriptor' : kind === FIELD_DESCRIPTOR ? 'a field descriptor' : 'a class name';
        this.fail(`${what} (JVMS §4.3, §4.4.1), not ${JSON.stringify(value)}`, offset);
      }
      this.checkedUtf8Kinds[constantPoolEntryIndex]! |= checked;
    }
    return value;
  }

  /**
   * The name in the CONSTANT_Class, _String, _MethodType, _Module or _Package entry (of tag `tag`)
   * whose index is the u2 at `offset`, or null if that index is 0.
   */
  private readStringish(offset: number, tag: number): string | null {
    this.checkRead(offset, 2);
    const constantPoolEntryIndex = u2(this.classFileBuffer, offset);
    if (constantPoolEntryIndex === 0) {
      return null;
    }
    return this.readRequiredUtf8(this.getCpInfoOffset(constantPoolEntryIndex, tag, offset));
  }

  /** The name in the CONSTANT_Module or _Package (of tag `tag`) whose index, not 0, is the u2 at `offset`. */
  private readRequiredStringish(offset: number, tag: number): string {
    return this.readRequiredUtf8(this.getCpInfoOffset(u2(this.classFileBuffer, offset), tag, offset));
  }

  /**
   * The internal name of the CONSTANT_Class whose index is the u2 at `offset`, or null if that
   * index is 0. `charBuffer` is ignored.
   */
  readClass(offset: number, charBuffer?: unknown): string | null {
    return this.readStringish(offset, Tag.CONSTANT_CLASS);
  }

  /** The name of the CONSTANT_Module whose index is the u2 at `offset`, or null if it is 0. */
  readModule(offset: number, charBuffer?: unknown): string | null {
    return this.readStringish(offset, Tag.CONSTANT_MODULE);
  }

  /** The internal name of the CONSTANT_Package whose index is the u2 at `offset`, or null if it is 0. */
  readPackage(offset: number, charBuffer?: unknown): string | null {
    return this.readStringish(offset, Tag.CONSTANT_PACKAGE);
  }

  /** The offset of bootstrap method `bootstrapMethodIndex`, referenced at `referenceOffset`. */
  private getBootstrapMethodOffset(bootstrapMethodIndex: number, referenceOffset: number): number {
    const bootstrapMethodOffsets = this.bootstrapMethodOffsets!;
    if (bootstrapMethodIndex >= bootstrapMethodOffsets.length) {
      this.fail(
        `a bootstrap_method_attr_index below num_bootstrap_methods (${bootstrapMethodOffsets.length}), not ${bootstrapMethodIndex}`,
        referenceOffset,
      );
    }
    return bootstrapMethodOffsets[bootstrapMethodIndex]!;
  }

  /** The method handle of the bootstrap method at `bootstrapMethodOffset` (JVMS §4.7.23). */
  private readBootstrapMethodHandle(bootstrapMethodOffset: number): Handle {
    const constantPoolEntryIndex = u2(this.classFileBuffer, bootstrapMethodOffset);
    this.getCpInfoOffset(constantPoolEntryIndex, Tag.CONSTANT_METHOD_HANDLE, bootstrapMethodOffset);
    return this.readConst(constantPoolEntryIndex) as Handle;
  }

  /** The CONSTANT_Dynamic at `constantPoolEntryIndex` (JVMS §4.4.10), read once and cached. */
  private readConstantDynamic(constantPoolEntryIndex: number): ConstantDynamic {
    const constantDynamicValues = this.constantDynamicValues!;
    const cached = constantDynamicValues[constantPoolEntryIndex];
    if (cached !== undefined) {
      return cached;
    }
    // A bootstrap argument may be another CONSTANT_Dynamic: bound the nesting (and so cycles).
    if (this.constantDynamicDepth >= MAX_CONSTANT_DYNAMIC_DEPTH) {
      this.fail('CONSTANT_Dynamic bootstrap arguments that are not cyclic nor nested too deeply', this.cpInfoOffsets[constantPoolEntryIndex]! - 1);
    }
    this.constantDynamicDepth++;
    try {
      const callSite = this.readDynamicCallSite(this.cpInfoOffsets[constantPoolEntryIndex]!, FIELD_DESCRIPTOR);
      return (constantDynamicValues[constantPoolEntryIndex] = new ConstantDynamic(
        callSite.name,
        callSite.descriptor,
        callSite.handle,
        callSite.bootstrapMethodArguments,
      ));
    } finally {
      this.constantDynamicDepth--;
    }
  }

  /**
   * The loadable constant (JVMS §4.4, Table 4.4-C) at `constantPoolEntryIndex`, referenced at
   * `referenceOffset`.
   */
  readLoadableConstant(constantPoolEntryIndex: number, referenceOffset: number): ConstantValue {
    const cpInfoOffset = this.cpInfoOffsets[constantPoolEntryIndex]!;
    if (cpInfoOffset === 0 || cpInfoOffset === undefined) {
      this.failConstant(constantPoolEntryIndex, 'a loadable constant', referenceOffset);
    }
    return this.readConstAt(constantPoolEntryIndex, cpInfoOffset, referenceOffset);
  }

  /**
   * The Integer (number), Float, Long (bigint), Double, String, Type (Class or MethodType),
   * Handle or ConstantDynamic at `constantPoolEntryIndex`. `charBuffer` is ignored.
   */
  readConst(constantPoolEntryIndex: number, charBuffer?: unknown): ConstantValue {
    const cpInfoOffset = this.cpInfoOffsets[constantPoolEntryIndex];
    if (cpInfoOffset === undefined || cpInfoOffset === 0) {
      this.failConstant(constantPoolEntryIndex, 'a loadable constant', -1);
    }
    return this.readConstAt(constantPoolEntryIndex, cpInfoOffset, -1);
  }

  private readConstAt(constantPoolEntryIndex: number, cpInfoOffset: number, referenceOffset: number): ConstantValue {
    const b = this.classFileBuffer;
    switch (b[cpInfoOffset - 1]) {
      case Tag.CONSTANT_INTEGER:
        return s4(b, cpInfoOffset);
      case Tag.CONSTANT_FLOAT:
        return Float.fromBits(s4(b, cpInfoOffset));
      case Tag.CONSTANT_LONG:
        return s8(b, cpInfoOffset);
      case Tag.CONSTANT_DOUBLE:
        return Double.fromBits(s8(b, cpInfoOffset));
      case Tag.CONSTANT_CLASS:
        return Type.getObjectType(this.readRequiredUtf8(cpInfoOffset));
      case Tag.CONSTANT_STRING:
        return this.readRequiredUtf8(cpInfoOffset);
      case Tag.CONSTANT_METHOD_TYPE:
        return Type.getMethodType(this.readDescriptor(cpInfoOffset, METHOD_DESCRIPTOR));
      case Tag.CONSTANT_METHOD_HANDLE: {
        // JVMS §4.4.8: reference_kind 1 to 9, and a field or method reference.
        const referenceKind = b[cpInfoOffset]!;
        if (referenceKind < Opcodes.H_GETFIELD || referenceKind > Opcodes.H_INVOKEINTERFACE) {
          this.fail(`a reference_kind from 1 to 9, not ${referenceKind}`, cpInfoOffset);
        }
        const referenceIndex = u2(b, cpInfoOffset + 1);
        const referenceCpInfoOffset = this.cpInfoOffsets[referenceIndex]!;
        const referenceTag = b[referenceCpInfoOffset - 1];
        if (
          referenceCpInfoOffset === 0 ||
          (referenceTag !== Tag.CONSTANT_FIELDREF &&
            referenceTag !== Tag.CONSTANT_METHODREF &&
            referenceTag !== Tag.CONSTANT_INTERFACE_METHODREF)
        ) {
          this.failConstant(referenceIndex, 'a field or method reference', cpInfoOffset + 1);
        }
        const nameAndTypeCpInfoOffset = this.getCpInfoOffset(
          u2(b, referenceCpInfoOffset + 2),
          Tag.CONSTANT_NAME_AND_TYPE,
          referenceCpInfoOffset + 2,
        );
        const owner = this.readRequiredClass(referenceCpInfoOffset);
        const name = this.readRequiredUtf8(nameAndTypeCpInfoOffset);
        const descriptor = this.readDescriptor(
          nameAndTypeCpInfoOffset + 2,
          referenceKind <= Opcodes.H_PUTSTATIC ? FIELD_DESCRIPTOR : METHOD_DESCRIPTOR,
        );
        return new Handle(referenceKind, owner, name, descriptor, referenceTag === Tag.CONSTANT_INTERFACE_METHODREF);
      }
      case Tag.CONSTANT_DYNAMIC:
        return this.readConstantDynamic(constantPoolEntryIndex);
      default:
        this.failConstant(constantPoolEntryIndex, 'a loadable constant', referenceOffset);
    }
  }
}
