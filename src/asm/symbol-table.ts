import { encodeModifiedUtf8Into, isAscii, modifiedUtf8Length } from '../classfile/modified-utf8.js';
import { readS4, readU2 } from './big-endian.js';
import { ByteVector } from './byte-vector.js';
import type { ClassReader } from './class-reader.js';
import type { ClassWriter } from './class-writer.js';
import { ConstantDynamic } from './constant-dynamic.js';
import { Constants } from './constants.js';
import { Handle } from './handle.js';
import { IllegalArgumentException } from './java-exceptions.js';
import { Byte, Character, Double, Float, Short, checkJavaInt } from './java-values.js';
import type { Label } from './label.js';
import { Opcodes } from './opcodes.js';
import { readerHints } from './reader-hints.js';
import { Symbol } from './symbol.js';
import { Type } from './type.js';
import { holeyArray } from './holey-array.js';
import { zeroedInt32Array } from './zeroed-slab.js';
import { WRITTEN_ATTRIBUTE_NAMES, WrittenAttribute } from './written-attribute.js';

// Groups of constant pool entries that a table built from a ClassReader hashes on first use only:
// a class copied with untouched methods never looks up a member reference, so the (large) part of
// the pool that only the bytecode uses is never decoded. (Utf8 constants and the constants made of
// one Utf8 index are searched through per-tag index tables instead, see SourceIndex.)
const GROUP_INTEGER_OR_FLOAT = 4;
const GROUP_LONG_OR_DOUBLE = 8;
const GROUP_NAME_AND_TYPE = 16;
const GROUP_MEMBER_REFERENCE = 32;
const GROUP_METHOD_HANDLE = 64;
const GROUP_DYNAMIC = 128;
const GROUP_BOOTSTRAP_METHOD_BYTES = 256;
const GROUP_BOOTSTRAP_METHOD_ENTRIES = 512;
const ALL_GROUPS =
  GROUP_INTEGER_OR_FLOAT |
  GROUP_LONG_OR_DOUBLE |
  GROUP_NAME_AND_TYPE |
  GROUP_MEMBER_REFERENCE |
  GROUP_METHOD_HANDLE |
  GROUP_DYNAMIC |
  GROUP_BOOTSTRAP_METHOD_BYTES |
  GROUP_BOOTSTRAP_METHOD_ENTRIES;

/** The group (above) of each constant pool tag (JVMS §4.4, Table 4.4-B), 0 for invalid tags. */
const GROUP_OF_TAG = new Int32Array(21);
GROUP_OF_TAG[Symbol.CONSTANT_INTEGER_TAG] = GROUP_INTEGER_OR_FLOAT;
GROUP_OF_TAG[Symbol.CONSTANT_FLOAT_TAG] = GROUP_INTEGER_OR_FLOAT;
GROUP_OF_TAG[Symbol.CONSTANT_LONG_TAG] = GROUP_LONG_OR_DOUBLE;
GROUP_OF_TAG[Symbol.CONSTANT_DOUBLE_TAG] = GROUP_LONG_OR_DOUBLE;
GROUP_OF_TAG[Symbol.CONSTANT_NAME_AND_TYPE_TAG] = GROUP_NAME_AND_TYPE;
GROUP_OF_TAG[Symbol.CONSTANT_FIELDREF_TAG] = GROUP_MEMBER_REFERENCE;
GROUP_OF_TAG[Symbol.CONSTANT_METHODREF_TAG] = GROUP_MEMBER_REFERENCE;
GROUP_OF_TAG[Symbol.CONSTANT_INTERFACE_METHODREF_TAG] = GROUP_MEMBER_REFERENCE;
GROUP_OF_TAG[Symbol.CONSTANT_METHOD_HANDLE_TAG] = GROUP_METHOD_HANDLE;
GROUP_OF_TAG[Symbol.CONSTANT_DYNAMIC_TAG] = GROUP_DYNAMIC;
GROUP_OF_TAG[Symbol.CONSTANT_INVOKE_DYNAMIC_TAG] = GROUP_DYNAMIC;

/** String.prototype.charCodeAt, called with .call in per-character loops (why: see ByteVector). */
const charCodeAt = String.prototype.charCodeAt;

/** Scratch list of constant pool indices, reused by every lazy group load. */
let scratchIndices = new Int32Array(1024);

/** Bits of findSourceTwins: twin field or method references, twin Class/String/… constants. */
const TWIN_MEMBER_REFERENCES = 1;
const TWIN_UTF8_REFERENCES = 2;

/** The twin kind (bit of findSourceTwins) of each tag, 0 for tags that have none. */
const TWIN_KIND_OF_TAG = new Uint8Array(256);
TWIN_KIND_OF_TAG[Symbol.CONSTANT_FIELDREF_TAG] = TWIN_MEMBER_REFERENCES;
TWIN_KIND_OF_TAG[Symbol.CONSTANT_METHODREF_TAG] = TWIN_MEMBER_REFERENCES;
TWIN_KIND_OF_TAG[Symbol.CONSTANT_INTERFACE_METHODREF_TAG] = TWIN_MEMBER_REFERENCES;
TWIN_KIND_OF_TAG[Symbol.CONSTANT_CLASS_TAG] = TWIN_UTF8_REFERENCES;
TWIN_KIND_OF_TAG[Symbol.CONSTANT_STRING_TAG] = TWIN_UTF8_REFERENCES;
TWIN_KIND_OF_TAG[Symbol.CONSTANT_METHOD_TYPE_TAG] = TWIN_UTF8_REFERENCES;
TWIN_KIND_OF_TAG[Symbol.CONSTANT_MODULE_TAG] = TWIN_UTF8_REFERENCES;
TWIN_KIND_OF_TAG[Symbol.CONSTANT_PACKAGE_TAG] = TWIN_UTF8_REFERENCES;

/** Open-addressing slots of findSourceTwins: pairs (pool index, key), index 0 empty. */
let twinSlots = new Int32Array(1024);

/**
 * Which kinds of *twins* `classReader`'s pool holds: two field or method references (JVMS §4.4.2)
 * with the same tag, class_index and name_and_type_index (javac writes some), or two Class,
 * String, MethodType, Module or Package constants with the same tag and Utf8 index (scalac writes
 * Class twins). A reader hint pointing at a twin may not be the constant a lookup by value finds
 * (the first one). Integers only: nothing is decoded.
 */
function findSourceTwins(classReader: ClassReader): number {
  const bytes = classReader.classFileBuffer;
  const cpInfoOffsets = classReader.cpInfoOffsets;
  const itemCount = classReader.getItemCount();
  let capacity = 64;
  while (capacity < itemCount * 2) {
    capacity <<= 1;
  }
  if (twinSlots.length < capacity * 2) {
    twinSlots = new Int32Array(capacity * 2);
  } else {
    twinSlots.fill(0, 0, capacity * 2);
  }
  const slots = twinSlots;
  const mask = capacity - 1;
  let twins = 0;
  let itemIndex = 1;
  while (itemIndex < itemCount) {
    const itemOffset = cpInfoOffsets[itemIndex]!;
    const itemTag = bytes[itemOffset - 1]!;
    const twinKind = TWIN_KIND_OF_TAG[itemTag]!;
    if (twinKind !== 0 && (twins & twinKind) === 0) {
      // The reference's indices as one int (a member reference's two u2, or the u2 Utf8 index);
      // the tag is compared through the pool.
      const key = twinKind === TWIN_MEMBER_REFERENCES ? readS4(bytes, itemOffset) : readU2(bytes, itemOffset);
      const hash = Math.imul(key ^ (itemTag << 27), 0x9e3779b1);
      let slot = (hash ^ (hash >>> 15)) & mask;
      let otherIndex = slots[2 * slot]!;
      while (otherIndex !== 0) {
        if (slots[2 * slot + 1] === key && bytes[cpInfoOffsets[otherIndex]! - 1] === itemTag) {
          twins |= twinKind;
          break;
        }
        slot = (slot + 1) & mask;
        otherIndex = slots[2 * slot]!;
      }
      slots[2 * slot] = itemIndex;
      slots[2 * slot + 1] = key;
    }
    itemIndex += itemTag === Symbol.CONSTANT_LONG_TAG || itemTag === Symbol.CONSTANT_DOUBLE_TAG ? 2 : 1;
  }
  return twins;
}

/** Scratch views to get the raw bits of a float or a double. */
const float32Scratch = new Float32Array(1);
const float32ScratchBits = new Int32Array(float32Scratch.buffer);
const float64Scratch = new Float64Array(1);
const float64ScratchBits = new Int32Array(float64Scratch.buffer);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** An entry of a SymbolTable's hash set: a Symbol, which carries the hash set links. */
const Entry = Symbol;
type Entry = Symbol;

/** Nulls, copied by nullArray; packed, grown (by push, which keeps it packed) to the longest length asked. */
const NULLS: null[] = [];
for (let i = 0; i < 256; ++i) {
  NULLS.push(null);
}

/**
 * A new array of `length` nulls: a slice of NULLS (a copy of a packed array, 2.4 times as fast as
 * filling a new one: a loop, or Array.prototype.fill, which takes V8's slow C++ path on a holey
 * array). Always PACKED_ELEMENTS, so that the sites that read and write the hash set see one array
 * map (a holey array for the large pools made them polymorphic, `--log-ic`).
 */
function nullArray<T>(length: number): (T | null)[] {
  while (NULLS.length < length) {
    NULLS.push(null);
  }
  return NULLS.slice(0, length);
}

/** The hash set's initial capacity when not sized for a reader's pool (see reserveForSource). */
const INITIAL_CAPACITY = 64;

/**
 * @internal The constant pool (JVMS §4.4), the BootstrapMethods entries (JVMS §4.7.23) and ASM's
 * type table of a class being written, with a hash set so that every constant is added once.
 *
 * Built from a ClassReader, it starts with a raw copy of the reader's pool (so that copied
 * methods and fields stay valid) and hashes those entries lazily, group by group, in reverse
 * order so that when the source pool holds a constant twice, lookups find its first occurrence.
 */
export class SymbolTable {
  /** The ClassWriter this table belongs to (for getCommonSuperClass and Attribute.write). */
  readonly classWriter: ClassWriter;
  /** @internal The ClassReader whose pool was copied, or null. */
  readonly sourceClassReader: ClassReader | null;
  private majorVersion: number;
  private className: string | null;

  private entryCount: number;
  /** Hash buckets; the length is a power of two and `mask` is length - 1. */
  private entries: (Entry | null)[];
  private mask: number;

  /** The constant_pool_count field: the number of pool slots plus one. */
  private constantPoolCount: number;
  /** The constant_pool array, without constant_pool_count. */
  private constantPool: ByteVector;

  private bootstrapMethodCount: number;
  /** The bootstrap_methods array of the BootstrapMethods attribute, or null. */
  private bootstrapMethods: ByteVector | null;

  private typeCount: number;
  private typeTable: Entry[] | null;
  private labelTable: Label[] | null;
  private labelIndices: Map<Label, number> | null;

  /**
   * The index of every Utf8 constant added to this table (not found in the source), by value;
   * created on the first addition (a copied class often adds none).
   */
  private utf8Indices: StringTable | null;
  /**
   * The source reader's cache of decoded Utf8 constants (ASM's ClassReader.constantUtf8Values),
   * or null: a string the reader decoded from pool index i is `sourceUtf8Values[i]`, which lets
   * the writers check a guessed index (a "hint") with one comparison, without any hash table.
   */
  private readonly sourceUtf8Values: readonly (string | undefined)[] | null;
  /** The index (plus one) of every TYPE_TAG entry of the type table, by value; built on first use. */
  private typeIndices: StringTable | null;
  /** Frame's abstract types of descriptors (see getDescriptorTypes), or null. */
  private descriptorTypes: Map<string, number> | null;
  /** The CONSTANT_Class index of each array abstract type written in a frame (see getArrayTypeConstantClassIndex), or null. */
  private arrayTypeClassIndices: Map<number, number> | null;
  /** Search table over the source pool's Utf8 and Utf8-reference constants, built on demand. */
  private sourceIndex: SourceIndex | null;
  /** The symbols returned for source Utf8-reference constants, by pool index. */
  private sourceSymbols: (Entry | undefined)[] | null;
  /** The twins of the source pool (see findSourceTwins), or -1 until first needed. */
  private sourceTwins: number;

  /**
   * The reader whose pool is this table's dictionary (see useDictionary), or null; the search
   * table over its Utf8 constants, built on first use; the decoded strings of the reader (by pool
   * index); and the index in this table of each dictionary Utf8 constant added (0 if none).
   */
  private dictionaryReader: ClassReader | null;
  private dictionary: SourceIndex | null;
  private dictionaryUtf8Values: readonly (string | undefined)[] | null;
  private dictionaryIndices: Int32Array | null;
  /**
   * The entries of this table made for the dictionary's field and method references and for the
   * Class and String constants of its instructions, by dictionary pool index (see readerHints):
   * a reference the reader visits again is found without hashing its strings. Each use checks
   * the entry's values, so a stale or wrong slot only costs the usual lookup.
   */
  private dictionaryEntries: (Entry | undefined)[] | null;

  /**
   * The constants of this table that the code transcoder (code-transcoder.ts) made from those of
   * `transcodedReader`, by that reader's pool index, encoded as that module says (0: none yet).
   */
  private transcodedConstants: Int32Array | null;
  private transcodedSymbols: (Symbol | undefined)[] | null;
  private transcodedReader: ClassReader | null;

  /**
   * The member reference the last unhinted addConstantMemberReference returned, or null: an
   * instrumenting adapter adds the same call (System.nanoTime, a logger's method) again and again,
   * with the same owner, name and descriptor strings, found again by identity without hashing them.
   */
  private lastAddedMemberReference: Entry | null;
  /** The names passed to addAttributeName, and their indices (see there), or null. */
  private attributeNames: string[] | null;
  private attributeNameIndices: number[] | null;
  /** The indices addAttributeNameOfKind returned, by WrittenAttribute (0: none yet), or null. */
  private attributeNameIndicesByKind: Int32Array | null;
  /** Groups of the source pool not hashed yet (see GROUP_*). */
  private pendingSourceGroups: number;
  /** Cache of getSourceFirstAttributeOffset, or -1. */
  private sourceFirstAttributeOffset: number;

  constructor(classWriter: ClassWriter, classReader: ClassReader | null = null) {
    this.classWriter = classWriter;
    this.sourceClassReader = classReader;
    this.majorVersion = 0;
    this.className = null;
    this.entryCount = 0;
    this.bootstrapMethodCount = 0;
    this.bootstrapMethods = null;
    this.typeCount = 0;
    this.typeTable = null;
    this.labelTable = null;
    this.labelIndices = null;
    this.sourceFirstAttributeOffset = -1;
    this.utf8Indices = null;
    this.attributeNames = null;
    this.attributeNameIndices = null;
    this.attributeNameIndicesByKind = null;
    this.lastAddedMemberReference = null;
    this.typeIndices = null;
    this.descriptorTypes = null;
    this.arrayTypeClassIndices = null;
    this.sourceIndex = null;
    this.sourceSymbols = null;
    this.sourceTwins = -1;
    this.dictionaryReader = null;
    this.dictionary = null;
    this.dictionaryUtf8Values = null;
    this.dictionaryIndices = null;
    this.dictionaryEntries = null;
    this.transcodedConstants = null;
    this.transcodedSymbols = null;
    this.transcodedReader = null;
    const utf8Values =
      classReader === null ? null : (classReader as unknown as { constantUtf8Values?: unknown }).constantUtf8Values;
    this.sourceUtf8Values = Array.isArray(utf8Values) ? (utf8Values as (string | undefined)[]) : null;
    if (classReader === null) {
      this.entries = nullArray<Entry>(INITIAL_CAPACITY);
      this.mask = INITIAL_CAPACITY - 1;
      this.constantPoolCount = 1;
      this.constantPool = new ByteVector();
      this.pendingSourceGroups = 0;
    } else {
      // JVMS §4.1: the pool starts right after constant_pool_count and ends at access_flags.
      const inputBytes = classReader.classFileBuffer;
      this.constantPoolCount = classReader.getItemCount();
      const constantPoolOffset =
        this.constantPoolCount > 1 ? classReader.cpInfoOffsets[1]! - 1 : classReader.header;
      const constantPoolLength = classReader.header - constantPoolOffset;
      // A view on the source bytes, full to capacity: the first constant added copies it.
      this.constantPool = new ByteVector(inputBytes.subarray(constantPoolOffset, constantPoolOffset + constantPoolLength));
      // Source constants are found through SourceIndex or hashed group by group on demand; the
      // hash set starts small and grows with them.
      this.entries = nullArray<Entry>(32);
      this.mask = 31;
      this.pendingSourceGroups = ALL_GROUPS;
    }
  }

  /**
   * @internal Called by a ClassReader about to visit this table's ClassWriter: when the table is
   * still empty and has no source, its pool is sized for one as large as the reader's (a full
   * rewrite builds about the same pool), so that it does not grow step by step.
   */
  reserveForSource(classReader: ClassReader): void {
    if (this.sourceClassReader === null && this.constantPoolCount === 1) {
      const itemCount = classReader.getItemCount();
      // The hash set too (its entries are the constants other than Utf8, typically half of them,
      // and ASM's frame types): an array as large as the pool keeps its load under a half.
      let capacity = this.entries.length;
      while (capacity < itemCount) {
        capacity <<= 1;
      }
      if (this.entryCount === 0 && capacity > this.entries.length) {
        this.entries = nullArray<Entry>(capacity);
        this.mask = capacity - 1;
      }
      this.constantPool.reserve(
        itemCount > 1 ? classReader.header - classReader.cpInfoOffsets[1]! + 1 : 0,
      );
      this.useDictionary(classReader);
    }
  }

  /**
   * @internal Makes the Utf8 constants of `classReader`'s pool the dictionary of this table, which
   * must still be empty. A full rewrite adds nearly every Utf8 constant of the class it reads, each
   * one a string the reader just decoded. With a dictionary, such a string is found by its pool
   * index in the reader (a hint from readerHints, checked against the reader's decoded string) or
   * else through a SourceIndex of the reader's pool, and added by copying its modified UTF-8 bytes
   * as they are; only strings absent from the dictionary go to `utf8Indices`. V8's Map hashes every
   * char of each new string, and that hashing and the Map were a tenth of a full rewrite.
   *
   * Each value is still added once: a value is always looked up in the dictionary first, and
   * found there under one index (its first occurrence; a hint is taken as is only when the
   * reader's pool holds no Utf8 constant twice). So the pool is the same as without a dictionary,
   * constant for constant, and any reader is a correct dictionary, whatever is visited.
   */
  useDictionary(classReader: ClassReader): void {
    if (this.sourceClassReader === null && this.constantPoolCount === 1 && this.utf8Indices === null) {
      this.dictionaryReader = classReader;
    }
  }

  /**
   * @internal The table of the constants made from `classReader`'s by the code transcoder (see
   * code-transcoder.ts), by pool index: zeroed for a reader it has not seen last.
   */
  transcodedConstantsOf(classReader: ClassReader): Int32Array {
    let constants = this.transcodedConstants;
    if (constants === null || this.transcodedReader !== classReader) {
      // A view on a slab when small (see zeroed-slab.ts): a typed array of its own is allocated off-heap.
      constants = this.transcodedConstants = zeroedInt32Array(classReader.getItemCount());
      this.transcodedSymbols = null;
      this.transcodedReader = classReader;
    }
    return constants;
  }

  /**
   * @internal The Symbol of each constant of transcodedConstantsOf, by the same pool index, for the
   * transcoder's COMPUTE_MAXS and COMPUTE_FRAMES path (the only one that needs them): made with a
   * fresh table of constants, so that no constant lacks its symbol. Call before transcodedConstantsOf.
   */
  transcodedSymbolsOf(classReader: ClassReader): (Symbol | undefined)[] {
    let symbols = this.transcodedSymbols;
    if (symbols === null || this.transcodedReader !== classReader) {
      this.transcodedConstants = zeroedInt32Array(classReader.getItemCount());
      symbols = this.transcodedSymbols = holeyArray<Symbol>(classReader.getItemCount());
      this.transcodedReader = classReader;
    }
    return symbols;
  }

  /**
   * The reader visiting now (readerHints.reader) if its pool is this table's dictionary, or null:
   * the pool indices a writer reads in its class file (at readerHints offsets) are hints for the
   * *Hinted methods and addConstantUtf8FromReader, as those of the source are on the copy path.
   */
  dictionaryHintReader(): ClassReader | null {
    const classReader = this.dictionaryReader;
    return classReader !== null && readerHints.reader === classReader ? classReader : null;
  }

  /** The ClassReader whose constant pool was copied, or null. */
  getSource(): ClassReader | null {
    return this.sourceClassReader;
  }

  /** The major version of the class (set by `setMajorVersionAndClassName`). */
  getMajorVersion(): number {
    return this.majorVersion;
  }

  /** The internal name of the class (set by `setMajorVersionAndClassName`). */
  getClassName(): string {
    return this.className!;
  }

  /** Records the class version and name; returns the pool index of the class's Class entry. */
  setMajorVersionAndClassName(majorVersion: number, className: string, classIndexHint = 0): number {
    this.majorVersion = majorVersion;
    this.className = className;
    return this.addConstantClassHinted(className, classIndexHint).index;
  }

  /** The constant_pool_count field value (number of slots plus one). */
  getConstantPoolCount(): number {
    return this.constantPoolCount;
  }

  /** The size in bytes of the constant_pool array. */
  getConstantPoolLength(): number {
    return this.constantPool.length;
  }

  /** Puts constant_pool_count and the constant_pool array (JVMS §4.1). */
  putConstantPool(output: ByteVector): void {
    output.putShort(this.constantPoolCount).putByteArray(this.constantPool.data, 0, this.constantPool.length);
  }

  /** Whether there is a BootstrapMethods attribute to write (does not touch the pool). */
  hasBootstrapMethods(): boolean {
    if ((this.pendingSourceGroups & GROUP_BOOTSTRAP_METHOD_BYTES) !== 0) {
      this.copyBootstrapMethodBytes();
    }
    return this.bootstrapMethods !== null;
  }

  /**
   * The offset of the source class's first attribute (after attributes_count), computed once.
   * The source must be set.
   */
  getSourceFirstAttributeOffset(): number {
    if (this.sourceFirstAttributeOffset === -1) {
      this.sourceFirstAttributeOffset = this.sourceClassReader!.getFirstAttributeOffset();
    }
    return this.sourceFirstAttributeOffset;
  }

  /** The size of the BootstrapMethods attribute, 0 if none; adds its name to the pool. */
  computeBootstrapMethodsSize(nameIndexHint = 0): number {
    if ((this.pendingSourceGroups & GROUP_BOOTSTRAP_METHOD_BYTES) !== 0) {
      this.copyBootstrapMethodBytes();
    }
    if (this.bootstrapMethods !== null) {
      this.addConstantUtf8Hinted(Constants.BOOTSTRAP_METHODS, nameIndexHint);
      return 8 + this.bootstrapMethods.length;
    }
    return 0;
  }

  /** Puts the BootstrapMethods attribute (JVMS §4.7.23), header included, if there is one. */
  putBootstrapMethods(output: ByteVector, nameIndexHint = 0): void {
    if ((this.pendingSourceGroups & GROUP_BOOTSTRAP_METHOD_BYTES) !== 0) {
      this.copyBootstrapMethodBytes();
    }
    const bootstrapMethods = this.bootstrapMethods;
    if (bootstrapMethods !== null) {
      output
        .putShort(this.addConstantUtf8Hinted(Constants.BOOTSTRAP_METHODS, nameIndexHint))
        .putInt(bootstrapMethods.length + 2)
        .putShort(this.bootstrapMethodCount)
        .putByteArray(bootstrapMethods.data, 0, bootstrapMethods.length);
    }
  }

  // ## Hash set management.

  /** Adds an entry known to be absent, growing the bucket array past a 3/4 load. */
  private put(entry: Entry): Entry {
    if (this.entryCount > (this.entries.length * 3) >> 2) {
      this.resize(this.entries.length * 2);
    }
    this.entryCount++;
    const index = entry.hashCode & this.mask;
    entry.next = this.entries[index]!;
    this.entries[index] = entry;
    return entry;
  }

  /**
   * Doubles the bucket array, keeping the order of each chain (ASM's resize reverses it): equal
   * source constants (javac writes some twins, see findSourceTwins) must keep the first
   * occurrence first, whenever the table happens to grow.
   */
  private resize(newCapacity: number): void {
    const oldEntries = this.entries;
    const oldCapacity = oldEntries.length;
    const newEntries = nullArray<Entry>(newCapacity);
    // Each old chain splits into the new buckets i and i + oldCapacity (capacities are powers of two).
    for (let i = 0; i < oldCapacity; ++i) {
      let lowHead: Entry | null = null;
      let lowTail: Entry | null = null;
      let highHead: Entry | null = null;
      let highTail: Entry | null = null;
      let currentEntry = oldEntries[i]!;
      while (currentEntry !== null) {
        const nextEntry: Entry | null = currentEntry.next;
        currentEntry.next = null;
        if ((currentEntry.hashCode & oldCapacity) === 0) {
          if (lowTail === null) {
            lowHead = currentEntry;
          } else {
            lowTail.next = currentEntry;
          }
          lowTail = currentEntry;
        } else {
          if (highTail === null) {
            highHead = currentEntry;
          } else {
            highTail.next = currentEntry;
          }
          highTail = currentEntry;
        }
        currentEntry = nextEntry!;
      }
      newEntries[i] = lowHead;
      newEntries[i + oldCapacity] = highHead;
    }
    this.entries = newEntries;
    this.mask = newCapacity - 1;
  }

  // ## Lazy hashing of the source constant pool.

  /** Hashes the not yet hashed entries of the given groups of the source pool. */
  private loadSourceGroups(groups: number): void {
    const pending = this.pendingSourceGroups & groups;
    if (pending === 0) {
      return;
    }
    this.pendingSourceGroups &= ~pending;
    if ((pending & GROUP_BOOTSTRAP_METHOD_BYTES) !== 0) {
      this.copyBootstrapMethodBytes();
    }
    const itemMask = pending & ~(GROUP_BOOTSTRAP_METHOD_BYTES | GROUP_BOOTSTRAP_METHOD_ENTRIES);
    if (itemMask !== 0) {
      this.loadSourceItems(itemMask);
    }
    if ((pending & GROUP_BOOTSTRAP_METHOD_ENTRIES) !== 0) {
      this.loadSourceBootstrapMethods();
    }
  }

  private loadSourceItems(groups: number): void {
    const classReader = this.sourceClassReader!;
    const inputBytes = classReader.classFileBuffer;
    const cpInfoOffsets = classReader.cpInfoOffsets;
    const itemCount = classReader.getItemCount();
    // Collect the matching indices in pool order, then hash them in reverse order: each bucket
    // is a stack, so the first occurrence of a duplicated constant ends up found first.
    if (scratchIndices.length < itemCount) {
      scratchIndices = new Int32Array(itemCount * 2);
    }
    const indices = scratchIndices;
    let count = 0;
    let itemIndex = 1;
    while (itemIndex < itemCount) {
      const itemTag = inputBytes[cpInfoOffsets[itemIndex]! - 1]!;
      if ((GROUP_OF_TAG[itemTag]! & groups) !== 0) {
        indices[count++] = itemIndex;
      }
      itemIndex += itemTag === Symbol.CONSTANT_LONG_TAG || itemTag === Symbol.CONSTANT_DOUBLE_TAG ? 2 : 1;
    }
    for (let i = count - 1; i >= 0; --i) {
      this.loadSourceItem(indices[i]!);
    }
  }

  private loadSourceItem(itemIndex: number): void {
    const classReader = this.sourceClassReader!;
    const inputBytes = classReader.classFileBuffer;
    const cpInfoOffsets = classReader.cpInfoOffsets;
    const itemOffset = cpInfoOffsets[itemIndex]!;
    const itemTag = inputBytes[itemOffset - 1]!;
    switch (itemTag) {
      case Symbol.CONSTANT_INTEGER_TAG:
      case Symbol.CONSTANT_FLOAT_TAG: {
        const value = readS4(inputBytes, itemOffset);
        this.put(new Entry(itemIndex, itemTag, null, null, null, value, hashInt(itemTag, value)));
        break;
      }
      case Symbol.CONSTANT_LONG_TAG:
      case Symbol.CONSTANT_DOUBLE_TAG: {
        const high = readS4(inputBytes, itemOffset);
        const low = readS4(inputBytes, itemOffset + 4);
        const entry = new Entry(itemIndex, itemTag, null, null, null, low, hashLong(itemTag, high, low));
        entry.dataHigh = high;
        this.put(entry);
        break;
      }
      case Symbol.CONSTANT_NAME_AND_TYPE_TAG: {
        const name = this.readSourceUtf8(readU2(inputBytes, itemOffset));
        const descriptor = this.readSourceUtf8(readU2(inputBytes, itemOffset + 2));
        const hashCode = hash2(itemTag, name, descriptor);
        this.put(new Entry(itemIndex, itemTag, null, name, descriptor, 0, hashCode));
        break;
      }
      case Symbol.CONSTANT_FIELDREF_TAG:
      case Symbol.CONSTANT_METHODREF_TAG:
      case Symbol.CONSTANT_INTERFACE_METHODREF_TAG: {
        const owner = this.readSourceClass(readU2(inputBytes, itemOffset));
        const nameAndTypeOffset = cpInfoOffsets[readU2(inputBytes, itemOffset + 2)]!;
        const name = this.readSourceUtf8(readU2(inputBytes, nameAndTypeOffset));
        const descriptor = this.readSourceUtf8(readU2(inputBytes, nameAndTypeOffset + 2));
        const hashCode = hash3(itemTag, owner, name, descriptor);
        this.put(new Entry(itemIndex, itemTag, owner, name, descriptor, 0, hashCode));
        break;
      }
      case Symbol.CONSTANT_METHOD_HANDLE_TAG: {
        const referenceKind = inputBytes[itemOffset]!;
        const memberRefOffset = cpInfoOffsets[readU2(inputBytes, itemOffset + 1)]!;
        const nameAndTypeOffset = cpInfoOffsets[readU2(inputBytes, memberRefOffset + 2)]!;
        const owner = this.readSourceClass(readU2(inputBytes, memberRefOffset));
        const name = this.readSourceUtf8(readU2(inputBytes, nameAndTypeOffset));
        const descriptor = this.readSourceUtf8(readU2(inputBytes, nameAndTypeOffset + 2));
        const isInterface = inputBytes[memberRefOffset - 1] === Symbol.CONSTANT_INTERFACE_METHODREF_TAG;
        const data = getConstantMethodHandleSymbolData(referenceKind, isInterface);
        const hashCode = hash3i(itemTag, owner, name, descriptor, data);
        this.put(new Entry(itemIndex, itemTag, owner, name, descriptor, data, hashCode));
        break;
      }
      case Symbol.CONSTANT_DYNAMIC_TAG:
      case Symbol.CONSTANT_INVOKE_DYNAMIC_TAG: {
        const bootstrapMethodIndex = readU2(inputBytes, itemOffset);
        const nameAndTypeOffset = cpInfoOffsets[readU2(inputBytes, itemOffset + 2)]!;
        const name = this.readSourceUtf8(readU2(inputBytes, nameAndTypeOffset));
        const descriptor = this.readSourceUtf8(readU2(inputBytes, nameAndTypeOffset + 2));
        const hashCode = hash2i(itemTag, name, descriptor, bootstrapMethodIndex);
        this.put(new Entry(itemIndex, itemTag, null, name, descriptor, bootstrapMethodIndex, hashCode));
        break;
      }
      default:
        throw new IllegalArgumentException(`Unexpected constant pool tag ${itemTag} at index ${itemIndex}`);
    }
  }

  /** The source Utf8 constant `utf8Index`, decoded (and cached) by the source reader. */
  readSourceUtf8(utf8Index: number): string {
    return this.sourceClassReader!.readUtf(utf8Index);
  }

  /** The internal name of the source Class constant `classIndex`. */
  private readSourceClass(classIndex: number): string {
    const classReader = this.sourceClassReader!;
    return this.readSourceUtf8(readU2(classReader.classFileBuffer, classReader.cpInfoOffsets[classIndex]!));
  }

  /**
   * Whether the source pool's Utf8 constants `utf8Index1` and `utf8Index2` hold the same bytes.
   * Used to keep a copied member's original name index when the pool holds its name twice.
   */
  sourceUtf8Equals(utf8Index1: number, utf8Index2: number): boolean {
    if (utf8Index1 === utf8Index2) {
      return true;
    }
    const classReader = this.sourceClassReader;
    if (classReader === null) {
      return false;
    }
    const itemCount = classReader.getItemCount();
    if (utf8Index1 <= 0 || utf8Index1 >= itemCount || utf8Index2 <= 0 || utf8Index2 >= itemCount) {
      return false;
    }
    const inputBytes = classReader.classFileBuffer;
    const offset1 = classReader.cpInfoOffsets[utf8Index1]!;
    const offset2 = classReader.cpInfoOffsets[utf8Index2]!;
    if (inputBytes[offset1 - 1] !== Symbol.CONSTANT_UTF8_TAG || inputBytes[offset2 - 1] !== Symbol.CONSTANT_UTF8_TAG) {
      return false;
    }
    const length = readU2(inputBytes, offset1) + 2;
    for (let i = 0; i < length; ++i) {
      if (inputBytes[offset1 + i] !== inputBytes[offset2 + i]) {
        return false;
      }
    }
    return true;
  }

  /** Copies the source's bootstrap_methods array (JVMS §4.7.23), if it has one. */
  private copyBootstrapMethodBytes(): void {
    this.pendingSourceGroups &= ~GROUP_BOOTSTRAP_METHOD_BYTES;
    const classReader = this.sourceClassReader!;
    const inputBytes = classReader.classFileBuffer;
    let currentAttributeOffset = this.getSourceFirstAttributeOffset();
    for (let i = readU2(inputBytes, currentAttributeOffset - 2); i > 0; --i) {
      const attributeNameIndex = readU2(inputBytes, currentAttributeOffset);
      const attributeLength = readS4(inputBytes, currentAttributeOffset + 2);
      if (this.sourceUtf8Is(attributeNameIndex, Constants.BOOTSTRAP_METHODS)) {
        this.bootstrapMethodCount = readU2(inputBytes, currentAttributeOffset + 6);
        // A view on the source bytes, full to capacity: the first bootstrap method added copies it.
        const bootstrapMethodsOffset = currentAttributeOffset + 8;
        this.bootstrapMethods = new ByteVector(
          inputBytes.subarray(bootstrapMethodsOffset, bootstrapMethodsOffset + attributeLength - 2),
        );
        return;
      }
      currentAttributeOffset += 6 + attributeLength;
    }
  }

  /** Hashes the copied bootstrap methods, by their raw bytes (same pool, same bytes). */
  private loadSourceBootstrapMethods(): void {
    const bootstrapMethods = this.bootstrapMethods;
    if (bootstrapMethods === null) {
      return;
    }
    const data = bootstrapMethods.data;
    const count = this.bootstrapMethodCount;
    const offsets = new Int32Array(count);
    const lengths = new Int32Array(count);
    let currentOffset = 0;
    for (let i = 0; i < count; ++i) {
      offsets[i] = currentOffset;
      const numBootstrapArguments = (data[currentOffset + 2]! << 8) | data[currentOffset + 3]!;
      currentOffset += 4 + 2 * numBootstrapArguments;
      lengths[i] = currentOffset - offsets[i]!;
    }
    // Reverse order, so that duplicates resolve to their first occurrence.
    for (let i = count - 1; i >= 0; --i) {
      const hashCode = hashBytes(Symbol.BOOTSTRAP_METHOD_TAG, data, offsets[i]!, lengths[i]!);
      this.put(new Entry(i, Symbol.BOOTSTRAP_METHOD_TAG, null, null, null, offsets[i]!, hashCode));
    }
  }

  /** Whether the source Utf8 constant `utf8Index` is the ASCII string `value`. */
  sourceUtf8Is(utf8Index: number, value: string): boolean {
    const classReader = this.sourceClassReader;
    if (classReader === null || utf8Index <= 0 || utf8Index >= classReader.getItemCount()) {
      return false;
    }
    const inputBytes = classReader.classFileBuffer;
    const utf8Offset = classReader.cpInfoOffsets[utf8Index]!;
    if (inputBytes[utf8Offset - 1] !== Symbol.CONSTANT_UTF8_TAG) {
      return false;
    }
    const byteLength = readU2(inputBytes, utf8Offset);
    if (byteLength !== value.length) {
      return false;
    }
    for (let i = 0; i < byteLength; ++i) {
      if (inputBytes[utf8Offset + 2 + i] !== charCodeAt.call(value, i)) {
        return false;
      }
    }
    return true;
  }

  // ## Constant pool entries.

  /**
   * Adds a loadable constant (or an annotation-style boxed primitive) to the pool: number (int),
   * boolean, Byte, Short, Character, Float, bigint (long), Double, string, Type, Handle or
   * ConstantDynamic. Returns the new or existing symbol.
   */
  addConstant(value: unknown): Symbol {
    if (typeof value === 'number') {
      return this.addConstantInteger(checkJavaInt(value, 'constant'));
    } else if (typeof value === 'string') {
      return this.addConstantString(value);
    } else if (typeof value === 'bigint') {
      return this.addConstantLong(value);
    } else if (typeof value === 'boolean') {
      return this.addConstantInteger(value ? 1 : 0);
    } else if (value instanceof Float) {
      return this.addConstantIntegerOrFloat(Symbol.CONSTANT_FLOAT_TAG, value.bits);
    } else if (value instanceof Double) {
      const bits = value.bits;
      return this.addConstantLongOrDouble(
        Symbol.CONSTANT_DOUBLE_TAG,
        Number(BigInt.asIntN(32, bits >> 32n)),
        Number(BigInt.asIntN(32, bits)),
      );
    } else if (value instanceof Byte || value instanceof Short || value instanceof Character) {
      return this.addConstantInteger(value.value);
    } else if (value instanceof Type) {
      const typeSort = value.getSort();
      if (typeSort === Type.OBJECT) {
        return this.addConstantClass(value.getInternalName());
      } else if (typeSort === Type.METHOD) {
        return this.addConstantMethodType(value.getDescriptor());
      } else {
        // A primitive or array type: its descriptor is what a CONSTANT_Class holds.
        return this.addConstantClass(value.getDescriptor());
      }
    } else if (value instanceof Handle) {
      return this.addConstantMethodHandle(
        value.getTag(),
        value.getOwner(),
        value.getName(),
        value.getDesc(),
        value.isInterface(),
      );
    } else if (value instanceof ConstantDynamic) {
      return this.addConstantDynamic(
        value.getName(),
        value.getDescriptor(),
        value.getBootstrapMethod(),
        constantDynamicArguments(value),
      );
    }
    throw new IllegalArgumentException(`value ${String(value)}`);
  }

  /** Adds a CONSTANT_Class_info (JVMS §4.4.1). */
  addConstantClass(value: string): Symbol {
    return this.addConstantUtf8Reference(Symbol.CONSTANT_CLASS_TAG, value);
  }

  /**
   * addConstantClass for a name that the reader visiting now may have read from its Class
   * constant `classIndex` (a hint, checked before use; see readerHints).
   */
  addConstantClassFromReader(value: string, classIndex: number): Symbol {
    return this.addConstantUtf8Reference(Symbol.CONSTANT_CLASS_TAG, value, 0, classIndex);
  }

  /** Adds a CONSTANT_Fieldref_info (JVMS §4.4.2). */
  addConstantFieldref(owner: string, name: string, descriptor: string): Symbol {
    return this.addConstantMemberReference(Symbol.CONSTANT_FIELDREF_TAG, owner, name, descriptor);
  }

  /** Adds a CONSTANT_Methodref_info or CONSTANT_InterfaceMethodref_info (JVMS §4.4.2). */
  addConstantMethodref(owner: string, name: string, descriptor: string, isInterface: boolean): Symbol {
    const tag = isInterface ? Symbol.CONSTANT_INTERFACE_METHODREF_TAG : Symbol.CONSTANT_METHODREF_TAG;
    return this.addConstantMemberReference(tag, owner, name, descriptor);
  }

  private addConstantMemberReference(tag: number, owner: string, name: string, descriptor: string): Entry {
    if (this.sourceClassReader !== null) {
      const sourceEntry = this.findCopyPathMemberReference(tag, owner, name, descriptor);
      if (sourceEntry !== null) {
        return sourceEntry;
      }
    }
    // The reference the dictionary reader is visiting, if any (see readerHints).
    const classReader = this.dictionaryReader;
    let referenceIndex = 0;
    let dictionaryEntries: (Entry | undefined)[] | null = null;
    if (classReader !== null && readerHints.reader === classReader) {
      dictionaryEntries = this.getDictionaryEntries(classReader);
      referenceIndex = readerHints.memberReferenceIndex;
      const knownEntry = dictionaryEntries[referenceIndex];
      if (
        knownEntry !== undefined &&
        knownEntry.tag === tag &&
        knownEntry.name === name &&
        knownEntry.value === descriptor &&
        knownEntry.owner === owner
      ) {
        return knownEntry;
      }
      if (referenceIndex >= dictionaryEntries.length) {
        dictionaryEntries = null;
      }
    }
    let ownerHint = 0;
    let ownerClassIndex = 0;
    let nameHint = 0;
    let descriptorHint = 0;
    if (dictionaryEntries !== null) {
      // The Utf8 indices of the reference the reader is visiting (JVMS §4.4.2, §4.4.1, §4.4.6).
      const bytes = classReader!.classFileBuffer;
      const cpInfoOffsets = classReader!.cpInfoOffsets;
      if (referenceIndex > 0 && referenceIndex < cpInfoOffsets.length && bytes[cpInfoOffsets[referenceIndex]! - 1] === tag) {
        const referenceOffset = cpInfoOffsets[referenceIndex]!;
        ownerClassIndex = readU2(bytes, referenceOffset);
        const classOffset = cpInfoOffsets[ownerClassIndex];
        const nameAndTypeOffset = cpInfoOffsets[readU2(bytes, referenceOffset + 2)];
        if (classOffset !== undefined && nameAndTypeOffset !== undefined) {
          ownerHint = this.checkDictionaryHint(owner, readU2(bytes, classOffset));
          nameHint = this.checkDictionaryHint(name, readU2(bytes, nameAndTypeOffset));
          descriptorHint = this.checkDictionaryHint(descriptor, readU2(bytes, nameAndTypeOffset + 2));
        }
      }
    }
    // Hashed by its strings (as ASM does), so that an existing reference costs one lookup; its
    // Class and NameAndType are looked up only to add a new one.
    // Each sample once: the Class and the NameAndType hash the same ones (a sample is a function of the
    // value alone, see sampleOf).
    const ownerSample = this.sampleOf(owner, ownerHint);
    const nameSample = this.sampleOf(name, nameHint);
    const descriptorSample = this.sampleOf(descriptor, descriptorHint);
    const hashCode = hash3Samples(tag, ownerSample, nameSample, descriptorSample);
    let entry = this.entries[hashCode & this.mask];
    while (entry !== null) {
      if (
        entry.hashCode === hashCode &&
        entry.tag === tag &&
        entry.name === name &&
        entry.value === descriptor &&
        entry.owner === owner
      ) {
        if (dictionaryEntries !== null) {
          dictionaryEntries[referenceIndex] = entry;
        }
        this.lastAddedMemberReference = entry;
        return entry;
      }
      entry = entry.next;
    }
    this.constantPool.put122(
      tag,
      this.addOwnerClass(owner, ownerClassIndex, ownerHint, ownerSample),
      this.addSampledNameAndType(name, descriptor, nameHint, descriptorHint, nameSample, descriptorSample),
    );
    const newEntry = this.put(new Entry(this.constantPoolCount++, tag, owner, name, descriptor, 0, hashCode));
    if (dictionaryEntries !== null) {
      dictionaryEntries[referenceIndex] = newEntry;
    }
    this.lastAddedMemberReference = newEntry;
    return newEntry;
  }

  /**
   * Copy path (kept out of addConstantMemberReference, which a full rewrite runs for every call
   * instruction and which needs none of this): the reference the source reader is
   * visiting, checked (see readerHints), found without hashing the source's references; else the
   * reference added last, if it is the same (see lastAddedMemberReference); else null, after
   * hashing the source's references if the lookup can find one there.
   */
  private findCopyPathMemberReference(tag: number, owner: string, name: string, descriptor: string): Entry | null {
    if (readerHints.reader === this.sourceClassReader) {
      const sourceEntry = this.findVisitedSourceMemberReference(tag, owner, name, descriptor);
      if (sourceEntry !== null) {
        return sourceEntry;
      }
    }
    const lastAdded = this.lastAddedMemberReference;
    if (lastAdded !== null && lastAdded.name === name && lastAdded.owner === owner && lastAdded.value === descriptor && lastAdded.tag === tag) {
      return lastAdded;
    }
    if ((this.pendingSourceGroups & GROUP_MEMBER_REFERENCE) !== 0 && this.sourceMayHoldNameAndType(name)) {
      this.loadSourceGroups(GROUP_MEMBER_REFERENCE);
    }
    return null;
  }

  /**
   * Whether the source pool may hold a NameAndType named `name`, so a field or method reference of
   * that name (JVMS §4.4.2, §4.4.6): false when none has that name, found through the source's Utf8
   * search table without decoding or hashing its constants. An instrumenting adapter adds a call or
   * two to every method of a class (System.nanoTime, a logger) whose name the class never used: its
   * NameAndType and member references need not be hashed (loadSourceGroups) for lookups that cannot
   * find one. While they stay unhashed, every one added is new, so the pool is the same either way.
   */
  private sourceMayHoldNameAndType(name: string): boolean {
    const sourceIndex = this.getSourceIndex();
    if (sourceIndex.hasDuplicateUtf8) {
      return true;
    }
    const nameIndex = sourceIndex.findUtf8(name);
    return nameIndex !== 0 && sourceIndex.findReference(Symbol.CONSTANT_NAME_AND_TYPE_TAG, nameIndex) !== 0;
  }

  /**
   * The symbol of the source's field or method reference that the source reader is visiting now
   * (readerHints.memberReferenceIndex), if it is a `tag` reference to exactly owner.name
   * descriptor, else null. Like every hint of the copy path, any source constant holding the value
   * is a valid answer (it is the one the source instruction itself used), and nothing is added.
   */
  private findVisitedSourceMemberReference(tag: number, owner: string, name: string, descriptor: string): Entry | null {
    const classReader = this.sourceClassReader!;
    const utf8Values = this.sourceUtf8Values;
    const index = readerHints.memberReferenceIndex;
    if (utf8Values === null || index <= 0 || index >= classReader.getItemCount()) {
      return null;
    }
    if ((this.getSourceTwins() & TWIN_MEMBER_REFERENCES) !== 0) {
      return null;
    }
    let sourceSymbols = this.sourceSymbols;
    if (sourceSymbols === null) {
      sourceSymbols = this.sourceSymbols = holeyArray<Entry>(classReader.getItemCount());
    }
    const knownEntry = sourceSymbols[index];
    if (knownEntry !== undefined) {
      return knownEntry.tag === tag && knownEntry.name === name && knownEntry.value === descriptor && knownEntry.owner === owner
        ? knownEntry
        : null;
    }
    // JVMS §4.4.2: class_index (a Class, §4.4.1) and name_and_type_index (§4.4.6).
    const bytes = classReader.classFileBuffer;
    const cpInfoOffsets = classReader.cpInfoOffsets;
    const referenceOffset = cpInfoOffsets[index]!;
    if (bytes[referenceOffset - 1] !== tag) {
      return null;
    }
    const classOffset = cpInfoOffsets[readU2(bytes, referenceOffset)];
    const nameAndTypeOffset = cpInfoOffsets[readU2(bytes, referenceOffset + 2)];
    if (
      classOffset === undefined ||
      nameAndTypeOffset === undefined ||
      utf8Values[readU2(bytes, classOffset)] !== owner ||
      utf8Values[readU2(bytes, nameAndTypeOffset)] !== name ||
      utf8Values[readU2(bytes, nameAndTypeOffset + 2)] !== descriptor
    ) {
      return null;
    }
    // Not hashed (hashCode 0): a lookup without this hint hashes the source's references.
    const entry = new Entry(index, tag, owner, name, descriptor, 0, 0);
    sourceSymbols[index] = entry;
    return entry;
  }

  /**
   * The index of the Class constant of a new member reference's `owner`, found by the pool index
   * of the dictionary's Class constant (`classIndex`, whose Utf8 is `ownerHint` if not 0) when an
   * entry was made for it: many references share an owner.
   */
  private addOwnerClass(owner: string, classIndex: number, ownerHint: number, ownerSample: number): number {
    const dictionaryEntries = this.dictionaryEntries;
    if (ownerHint === 0 || dictionaryEntries === null || classIndex >= dictionaryEntries.length) {
      return this.addConstantUtf8Reference(Symbol.CONSTANT_CLASS_TAG, owner, ownerHint, readerHints.constantIndex, ownerSample).index;
    }
    const knownEntry = dictionaryEntries[classIndex];
    if (knownEntry !== undefined && knownEntry.tag === Symbol.CONSTANT_CLASS_TAG && knownEntry.value === owner) {
      return knownEntry.index;
    }
    const entry = this.addConstantUtf8Reference(Symbol.CONSTANT_CLASS_TAG, owner, ownerHint, readerHints.constantIndex, ownerSample);
    dictionaryEntries[classIndex] = entry;
    return entry.index;
  }

  /** The dictionaryEntries array, created on first use. */
  private getDictionaryEntries(classReader: ClassReader): (Entry | undefined)[] {
    let dictionaryEntries = this.dictionaryEntries;
    if (dictionaryEntries === null) {
      dictionaryEntries = this.dictionaryEntries = holeyArray<Entry>(classReader.getItemCount());
    }
    return dictionaryEntries;
  }

  /** Adds a CONSTANT_String_info (JVMS §4.4.3). */
  addConstantString(value: string): Symbol {
    return this.addConstantUtf8Reference(Symbol.CONSTANT_STRING_TAG, value);
  }

  /** Adds a CONSTANT_Integer_info (JVMS §4.4.4). */
  addConstantInteger(value: number): Symbol {
    return this.addConstantIntegerOrFloat(Symbol.CONSTANT_INTEGER_TAG, value | 0);
  }

  /** Adds a CONSTANT_Float_info (JVMS §4.4.4) for `value` rounded to float. */
  addConstantFloat(value: number): Symbol {
    float32Scratch[0] = value;
    return this.addConstantIntegerOrFloat(Symbol.CONSTANT_FLOAT_TAG, float32ScratchBits[0]!);
  }

  private addConstantIntegerOrFloat(tag: number, value: number): Symbol {
    if ((this.pendingSourceGroups & GROUP_INTEGER_OR_FLOAT) !== 0) {
      this.loadSourceGroups(GROUP_INTEGER_OR_FLOAT);
    }
    const hashCode = hashInt(tag, value);
    let entry = this.entries[hashCode & this.mask];
    while (entry !== null) {
      if (entry.tag === tag && entry.hashCode === hashCode && entry.data === value) {
        return entry;
      }
      entry = entry.next;
    }
    this.constantPool.putByte(tag).putInt(value);
    return this.put(new Entry(this.constantPoolCount++, tag, null, null, null, value, hashCode));
  }

  /** Adds a CONSTANT_Long_info (JVMS §4.4.5); `value` is a Java long as a bigint. */
  addConstantLong(value: bigint): Symbol {
    // `| 0`: Number of a bigint is a HeapNumber even when it fits 31 bits (see Symbol's `data`).
    return this.addConstantLongOrDouble(
      Symbol.CONSTANT_LONG_TAG,
      Number(BigInt.asIntN(32, value >> 32n)) | 0,
      Number(BigInt.asIntN(32, value)) | 0,
    );
  }

  /** Adds a CONSTANT_Double_info (JVMS §4.4.5). */
  addConstantDouble(value: number): Symbol {
    float64Scratch[0] = value;
    const high = float64ScratchBits[LITTLE_ENDIAN ? 1 : 0]!;
    const low = float64ScratchBits[LITTLE_ENDIAN ? 0 : 1]!;
    return this.addConstantLongOrDouble(Symbol.CONSTANT_DOUBLE_TAG, high, low);
  }

  private addConstantLongOrDouble(tag: number, high: number, low: number): Symbol {
    if ((this.pendingSourceGroups & GROUP_LONG_OR_DOUBLE) !== 0) {
      this.loadSourceGroups(GROUP_LONG_OR_DOUBLE);
    }
    const hashCode = hashLong(tag, high, low);
    let entry = this.entries[hashCode & this.mask];
    while (entry !== null) {
      if (entry.tag === tag && entry.hashCode === hashCode && entry.data === low && entry.dataHigh === high) {
        return entry;
      }
      entry = entry.next;
    }
    const index = this.constantPoolCount;
    this.constantPool.putByte(tag).putInt(high).putInt(low);
    this.constantPoolCount += 2;
    const newEntry = new Entry(index, tag, null, null, null, low, hashCode);
    newEntry.dataHigh = high;
    return this.put(newEntry);
  }

  /** Adds a CONSTANT_NameAndType_info (JVMS §4.4.6); returns its pool index. */
  addConstantNameAndType(name: string, descriptor: string, nameHint = 0, descriptorHint = 0): number {
    return this.addSampledNameAndType(
      name,
      descriptor,
      nameHint,
      descriptorHint,
      this.sampleOf(name, nameHint),
      this.sampleOf(descriptor, descriptorHint),
    );
  }

  /** addConstantNameAndType with the samples of `name` and `descriptor` (see sampleOf) already taken. */
  private addSampledNameAndType(
    name: string,
    descriptor: string,
    nameHint: number,
    descriptorHint: number,
    nameSample: number,
    descriptorSample: number,
  ): number {
    const tag = Symbol.CONSTANT_NAME_AND_TYPE_TAG;
    if ((this.pendingSourceGroups & GROUP_NAME_AND_TYPE) !== 0 && this.sourceMayHoldNameAndType(name)) {
      this.loadSourceGroups(GROUP_NAME_AND_TYPE);
    }
    const hashCode = hash2Samples(tag, nameSample, descriptorSample);
    let entry = this.entries[hashCode & this.mask];
    while (entry !== null) {
      if (entry.hashCode === hashCode && entry.tag === tag && entry.name === name && entry.value === descriptor) {
        return entry.index;
      }
      entry = entry.next;
    }
    // The hints (checked dictionary indices, see useDictionary) spare the lookups.
    const nameIndex = nameHint === 0 ? this.addConstantUtf8(name) : this.addDictionaryUtf8(nameHint);
    const descriptorIndex = descriptorHint === 0 ? this.addConstantUtf8(descriptor) : this.addDictionaryUtf8(descriptorHint);
    this.constantPool.put122(tag, nameIndex, descriptorIndex);
    return this.put(new Entry(this.constantPoolCount++, tag, null, name, descriptor, 0, hashCode)).index;
  }

  /** Adds a CONSTANT_Utf8_info (JVMS §4.4.7); returns its pool index. */
  addConstantUtf8(value: string): number {
    // A table copied from a reader searches the source pool first (without decoding it), then
    // the Utf8 constants added here.
    if (this.sourceClassReader !== null) {
      const sourceIndex = this.findSourceUtf8(value);
      if (sourceIndex !== 0) {
        return sourceIndex;
      }
    }
    if (this.dictionaryReader !== null) {
      const dictionaryIndex = this.getDictionary().findUtf8(value);
      if (dictionaryIndex !== 0) {
        return this.addDictionaryUtf8(dictionaryIndex);
      }
    }
    let utf8Indices = this.utf8Indices;
    if (utf8Indices === null) {
      utf8Indices = this.utf8Indices = new StringTable();
    }
    const knownIndex = utf8Indices.get(value);
    if (knownIndex !== 0) {
      return knownIndex;
    }
    this.constantPool.putByte(Symbol.CONSTANT_UTF8_TAG).putUTF8(value);
    const index = this.constantPoolCount++;
    utf8Indices.set(value, index);
    return index;
  }

  /**
   * addConstantUtf8 for a value that the dictionary reader is visiting now, whose Utf8 index is
   * the u2 at `indexOffset` in that reader's class file if readerHints is right (see there).
   */
  addConstantUtf8FromReader(value: string, indexOffset: number): number {
    // The source's own Utf8 index (copy path) or the dictionary's, if the reader decoded `value`
    // from it (addConstantUtf8Hinted checks).
    const classReader = readerHints.reader;
    if (classReader !== null && (classReader === this.sourceClassReader || classReader === this.dictionaryReader)) {
      const bytes = classReader.classFileBuffer;
      if (indexOffset > 0 && indexOffset + 1 < bytes.length) {
        return this.addConstantUtf8Hinted(value, (bytes[indexOffset]! << 8) | bytes[indexOffset + 1]!);
      }
    }
    return this.addConstantUtf8(value);
  }

  /**
   * @internal addConstantUtf8FromReader for the Utf8 constant `constantIndex` of `classReader`, without
   * decoding it: its index in this table when `classReader` is the dictionary, whose pool holds no Utf8
   * constant twice, and the constant is ASCII without NUL (valid modified UTF-8 as it stands, JVMS
   * §4.4.7; the decoded string would be the very one checkDictionaryHint accepts). Else 0: the caller
   * decodes it (with the reader's checks and errors) and adds the string. For the Utf8 constants only
   * the code's debug tables use (local variable names and types), which nothing else decodes.
   */
  addDictionaryUtf8Undecoded(classReader: ClassReader, constantIndex: number): number {
    if (classReader !== this.dictionaryReader) {
      return 0;
    }
    const cpInfoOffsets = classReader.cpInfoOffsets;
    if (constantIndex <= 0 || constantIndex >= cpInfoOffsets.length) {
      return 0;
    }
    const bytes = classReader.classFileBuffer;
    const offset = cpInfoOffsets[constantIndex]!;
    if (bytes[offset - 1] !== Symbol.CONSTANT_UTF8_TAG || this.getDictionary().hasDuplicateUtf8) {
      return 0;
    }
    const knownIndex = this.dictionaryIndices![constantIndex]!;
    if (knownIndex !== 0) {
      return knownIndex;
    }
    const end = offset + 2 + ((bytes[offset]! << 8) | bytes[offset + 1]!);
    if (end > bytes.length || !isAscii(bytes, offset + 2, end)) {
      return 0;
    }
    return this.addDictionaryUtf8(constantIndex);
  }

  /** The search table over the dictionary's Utf8 constants, built on first use. */
  private getDictionary(): SourceIndex {
    let dictionary = this.dictionary;
    if (dictionary === null) {
      const classReader = this.dictionaryReader!;
      dictionary = this.dictionary = new SourceIndex(classReader);
      this.dictionaryIndices = zeroedInt32Array(classReader.getItemCount());
      const utf8Values = (classReader as unknown as { constantUtf8Values?: unknown }).constantUtf8Values;
      this.dictionaryUtf8Values = Array.isArray(utf8Values) ? (utf8Values as (string | undefined)[]) : [];
    }
    return dictionary;
  }

  /**
   * `hint` if the dictionary reader decoded `value` from its Utf8 constant `hint` and that index
   * is the one a search would find (the pool holds no Utf8 constant twice), else 0.
   */
  private checkDictionaryHint(value: string, hint: number): number {
    const dictionary = this.getDictionary();
    return !dictionary.hasDuplicateUtf8 && this.dictionaryUtf8Values![hint] === value ? hint : 0;
  }

  /**
   * sampleString(value), from the bytes of the dictionary's Utf8 constant `hint` when it is not 0
   * (a checked hint: the reader decoded `value` from it) and ASCII (as many bytes as chars, JVMS
   * §4.4.7): reading a few bytes is cheaper than reading chars of a string, which may be a slice.
   */
  private sampleOf(value: string, hint: number): number {
    if (hint !== 0) {
      const classReader = this.dictionaryReader!;
      const bytes = classReader.classFileBuffer;
      const offset = classReader.cpInfoOffsets[hint]!;
      const length = (bytes[offset]! << 8) | bytes[offset + 1]!;
      if (length === value.length) {
        return sampleBytes(bytes, offset + 2, length);
      }
    }
    return sampleString(value);
  }

  /** The index in this table of the dictionary's Utf8 constant `dictionaryIndex`, added if needed. */
  private addDictionaryUtf8(dictionaryIndex: number): number {
    const dictionaryIndices = this.dictionaryIndices!;
    const knownIndex = dictionaryIndices[dictionaryIndex]!;
    if (knownIndex !== 0) {
      return knownIndex;
    }
    const classReader = this.dictionaryReader!;
    const bytes = classReader.classFileBuffer;
    const offset = classReader.cpInfoOffsets[dictionaryIndex]!;
    // The whole CONSTANT_Utf8_info as it is in the dictionary: tag, u2 length, bytes (JVMS §4.4.7).
    this.constantPool.putByteRun(bytes, offset - 1, ((bytes[offset]! << 8) | bytes[offset + 1]!) + 3);
    const index = this.constantPoolCount++;
    dictionaryIndices[dictionaryIndex] = index;
    return index;
  }

  /**
   * addAttributeName of the name of `kind`, whose index is kept in an array by kind: the writers
   * add the same few names for every method (see WrittenAttribute).
   */
  addAttributeNameOfKind(kind: WrittenAttribute): number {
    let indices = this.attributeNameIndicesByKind;
    if (indices === null) {
      indices = this.attributeNameIndicesByKind = zeroedInt32Array(WRITTEN_ATTRIBUTE_NAMES.length);
    }
    const knownIndex = indices[kind]!;
    if (knownIndex !== 0) {
      return knownIndex;
    }
    return (indices[kind] = this.addAttributeName(WRITTEN_ATTRIBUTE_NAMES[kind]!));
  }

  /**
   * addConstantUtf8 for an attribute name (or another constant string of the writers, which are
   * looked up again for each method): the few distinct ones are remembered by identity.
   */
  addAttributeName(name: string): number {
    let names = this.attributeNames;
    if (names === null) {
      names = this.attributeNames = [];
      this.attributeNameIndices = [];
    }
    for (let i = 0, n = names.length; i < n; ++i) {
      if (names[i] === name) {
        return this.attributeNameIndices![i]!;
      }
    }
    let index = 0;
    if (this.sourceClassReader !== null) {
      // Copy path: the constant the source reader read its own attributes of this name by, if it
      // did (it compared the constant's bytes with the name).
      index = this.sourceClassReader.getAttributeNameIndex(name);
    } else if (this.dictionaryReader !== null) {
      // Likewise in the dictionary, when it holds no Utf8 constant twice (see checkDictionaryHint).
      const hint = this.dictionaryReader.getAttributeNameIndex(name);
      if (hint !== 0 && !this.getDictionary().hasDuplicateUtf8) {
        index = this.addDictionaryUtf8(hint);
      }
    }
    if (index === 0) {
      index = this.addConstantUtf8(name);
    }
    if (names.length < 16) {
      names.push(name);
      this.attributeNameIndices!.push(index);
    }
    return index;
  }

  // ## Hinted lookups (copy path).
  //
  // A writer fed by the ClassReader of its source knows where in the source class a value it
  // adds most likely comes from (the name_index of the method_info being copied, an entry of the
  // InnerClasses attribute…). These methods first check that guessed pool index against the
  // reader's decoded strings, and otherwise fall back to the normal lookup. Any source constant
  // holding the value is a valid answer (the source itself used that one), and a checked hint
  // never adds anything, so the pool is the same as without hints.

  /**
   * addConstantUtf8, trying first the source Utf8 constant `hintIndex` (0: no hint), or the
   * dictionary's (see dictionaryHintReader).
   */
  addConstantUtf8Hinted(value: string, hintIndex: number): number {
    const utf8Values = this.sourceUtf8Values;
    if (utf8Values !== null && hintIndex < utf8Values.length && utf8Values[hintIndex] === value) {
      return hintIndex;
    }
    if (hintIndex !== 0 && this.dictionaryReader !== null) {
      const hint = this.checkDictionaryHint(value, hintIndex);
      if (hint !== 0) {
        return this.addDictionaryUtf8(hint);
      }
    }
    return this.addConstantUtf8(value);
  }

  /** The twins of the source pool (see findSourceTwins), found on first call. */
  private getSourceTwins(): number {
    if (this.sourceTwins === -1) {
      this.sourceTwins = findSourceTwins(this.sourceClassReader!);
    }
    return this.sourceTwins;
  }

  /** Whether the source constant `index` is a Class, String… (`tag`) whose Utf8 is `value`. */
  private isSourceUtf8Reference(tag: number, value: string, index: number): boolean {
    const utf8Values = this.sourceUtf8Values;
    const classReader = this.sourceClassReader;
    if (utf8Values === null || classReader === null || index <= 0 || index >= classReader.getItemCount()) {
      return false;
    }
    const bytes = classReader.classFileBuffer;
    const offset = classReader.cpInfoOffsets[index]!;
    if (bytes[offset - 1] !== tag) {
      return false;
    }
    const utf8Index = (bytes[offset]! << 8) | bytes[offset + 1]!;
    return utf8Index < utf8Values.length && utf8Values[utf8Index] === value;
  }

  /** addConstantClass, trying first the source Class constant `hintIndex` (0: no hint). */
  addConstantClassHinted(value: string, hintIndex: number): Symbol {
    if (this.sourceClassReader === null) {
      // A hint of the dictionary (see dictionaryHintReader), checked there.
      const classIndex = hintIndex === 0 ? readerHints.constantIndex : hintIndex;
      return this.addConstantUtf8Reference(Symbol.CONSTANT_CLASS_TAG, value, 0, classIndex);
    }
    if (hintIndex !== 0 && this.isSourceUtf8Reference(Symbol.CONSTANT_CLASS_TAG, value, hintIndex)) {
      return this.getSourceSymbol(Symbol.CONSTANT_CLASS_TAG, value, hintIndex);
    }
    return this.addConstantClass(value);
  }

  /** addConstantNameAndType, trying first the source NameAndType constant `hintIndex` (0: no hint). */
  addConstantNameAndTypeHinted(name: string, descriptor: string, hintIndex: number): number {
    const utf8Values = this.sourceUtf8Values;
    const classReader = this.sourceClassReader;
    if (utf8Values !== null && classReader !== null && hintIndex > 0 && hintIndex < classReader.getItemCount()) {
      const bytes = classReader.classFileBuffer;
      const offset = classReader.cpInfoOffsets[hintIndex]!;
      if (
        bytes[offset - 1] === Symbol.CONSTANT_NAME_AND_TYPE_TAG &&
        utf8Values[readU2(bytes, offset)] === name &&
        utf8Values[readU2(bytes, offset + 2)] === descriptor
      ) {
        return hintIndex;
      }
    }
    return this.addConstantNameAndType(name, descriptor);
  }

  /**
   * The index of addConstant(value) (a field's ConstantValue), trying first the source constant
   * `hintIndex` (0: no hint).
   */
  addConstantHinted(value: unknown, hintIndex: number): number {
    const classReader = this.sourceClassReader;
    if (classReader !== null && hintIndex > 0 && hintIndex < classReader.getItemCount()) {
      if (typeof value === 'string') {
        if (this.isSourceUtf8Reference(Symbol.CONSTANT_STRING_TAG, value, hintIndex)) {
          return hintIndex;
        }
      } else {
        const bytes = classReader.classFileBuffer;
        const offset = classReader.cpInfoOffsets[hintIndex]!;
        const tag = bytes[offset - 1];
        if (typeof value === 'number') {
          if (tag === Symbol.CONSTANT_INTEGER_TAG && readS4(bytes, offset) === (value | 0)) {
            return hintIndex;
          }
        } else if (typeof value === 'bigint' || value instanceof Double) {
          // JVMS §4.4.5: high_bytes then low_bytes.
          const bits = typeof value === 'bigint' ? value : value.bits;
          if (
            tag === (typeof value === 'bigint' ? Symbol.CONSTANT_LONG_TAG : Symbol.CONSTANT_DOUBLE_TAG) &&
            readS4(bytes, offset) === Number(BigInt.asIntN(32, bits >> 32n)) &&
            readS4(bytes, offset + 4) === Number(BigInt.asIntN(32, bits))
          ) {
            return hintIndex;
          }
        } else if (value instanceof Float) {
          if (tag === Symbol.CONSTANT_FLOAT_TAG && readS4(bytes, offset) === value.bits) {
            return hintIndex;
          }
        }
      }
    }
    return this.addConstant(value).index;
  }

  /**
   * The offset of the info of the attribute named `name` (ASCII) among the `attributes_count`
   * attributes at `attributesCountOffset` in the source class file, or 0.
   */
  findSourceAttribute(attributesCountOffset: number, name: string): number {
    const bytes = this.sourceClassReader!.classFileBuffer;
    let currentOffset = attributesCountOffset + 2;
    for (let i = readU2(bytes, attributesCountOffset); i > 0; --i) {
      if (this.sourceUtf8Is(readU2(bytes, currentOffset), name)) {
        return currentOffset + 6;
      }
      currentOffset += 6 + readS4(bytes, currentOffset + 2);
      if (!(currentOffset < bytes.length)) {
        return 0;
      }
    }
    return 0;
  }

  /** The symbol of the source constant `index` of `tag` (a Utf8-reference tag) holding `value`. */
  private getSourceSymbol(tag: number, value: string, index: number): Entry {
    let sourceSymbols = this.sourceSymbols;
    if (sourceSymbols === null) {
      sourceSymbols = this.sourceSymbols = holeyArray<Entry>(this.sourceClassReader!.getItemCount());
    }
    let symbol = sourceSymbols[index];
    if (symbol === undefined) {
      symbol = sourceSymbols[index] = new Entry(index, tag, null, null, value, 0, 0);
    }
    return symbol;
  }

  /** The search table over the source pool, built on first use. */
  private getSourceIndex(): SourceIndex {
    let sourceIndex = this.sourceIndex;
    if (sourceIndex === null) {
      sourceIndex = this.sourceIndex = new SourceIndex(this.sourceClassReader!);
    }
    return sourceIndex;
  }

  /** The index of the first source Utf8 constant equal to `value`, or 0. */
  private findSourceUtf8(value: string): number {
    return this.getSourceIndex().findUtf8(value);
  }

  /**
   * The symbol of the first source constant of `tag` (Class, String, MethodType, Module or
   * Package) whose Utf8 (at `utf8Index`) is `value`, or null.
   */
  private findSourceUtf8Reference(tag: number, value: string, utf8Index: number): Entry | null {
    const sourceIndex = this.getSourceIndex();
    let index = sourceIndex.findReference(tag, utf8Index);
    if (index === 0 && sourceIndex.hasDuplicateUtf8 && utf8Index < sourceIndex.itemCount) {
      index = sourceIndex.scanReference(tag, utf8Index);
    }
    if (index === 0) {
      return null;
    }
    return this.getSourceSymbol(tag, value, index);
  }

  /**
   * Adds a CONSTANT_MethodHandle_info (JVMS §4.4.8) and the field or method reference it needs.
   * `isInterface` is not hashed: an owner cannot be both a class and an interface.
   */
  addConstantMethodHandle(
    referenceKind: number,
    owner: string,
    name: string,
    descriptor: string,
    isInterface: boolean,
  ): Symbol {
    const tag = Symbol.CONSTANT_METHOD_HANDLE_TAG;
    const data = getConstantMethodHandleSymbolData(referenceKind, isInterface);
    if ((this.pendingSourceGroups & GROUP_METHOD_HANDLE) !== 0) {
      this.loadSourceGroups(GROUP_METHOD_HANDLE);
    }
    const hashCode = hash3i(tag, owner, name, descriptor, data);
    let entry = this.entries[hashCode & this.mask];
    while (entry !== null) {
      if (
        entry.tag === tag &&
        entry.hashCode === hashCode &&
        entry.data === data &&
        entry.owner === owner &&
        entry.name === name &&
        entry.value === descriptor
      ) {
        return entry;
      }
      entry = entry.next;
    }
    const referenceIndex = this.addMethodHandleReference(referenceKind, owner, name, descriptor, isInterface);
    this.constantPool.put112(tag, referenceKind, referenceIndex);
    return this.put(new Entry(this.constantPoolCount++, tag, owner, name, descriptor, data, hashCode));
  }

  /** Adds the field or method reference of a method handle (JVMS §4.4.8); returns its index. */
  private addMethodHandleReference(
    referenceKind: number,
    owner: string,
    name: string,
    descriptor: string,
    isInterface: boolean,
  ): number {
    return referenceKind <= Opcodes.H_PUTSTATIC
      ? this.addConstantFieldref(owner, name, descriptor).index
      : this.addConstantMethodref(owner, name, descriptor, isInterface).index;
  }

  /** Adds a CONSTANT_MethodType_info (JVMS §4.4.9). */
  addConstantMethodType(methodDescriptor: string): Symbol {
    return this.addConstantUtf8Reference(Symbol.CONSTANT_METHOD_TYPE_TAG, methodDescriptor);
  }

  /** Adds a CONSTANT_Dynamic_info (JVMS §4.4.10) and its bootstrap method. */
  addConstantDynamic(
    name: string,
    descriptor: string,
    bootstrapMethodHandle: Handle,
    bootstrapMethodArguments: readonly unknown[],
  ): Symbol {
    const bootstrapMethod = this.addBootstrapMethod(bootstrapMethodHandle, bootstrapMethodArguments);
    return this.addConstantDynamicOrInvokeDynamicReference(
      Symbol.CONSTANT_DYNAMIC_TAG,
      name,
      descriptor,
      bootstrapMethod.index,
    );
  }

  /** Adds a CONSTANT_InvokeDynamic_info (JVMS §4.4.10) and its bootstrap method. */
  addConstantInvokeDynamic(
    name: string,
    descriptor: string,
    bootstrapMethodHandle: Handle,
    bootstrapMethodArguments: readonly unknown[],
  ): Symbol {
    const bootstrapMethod = this.addBootstrapMethod(bootstrapMethodHandle, bootstrapMethodArguments);
    return this.addConstantDynamicOrInvokeDynamicReference(
      Symbol.CONSTANT_INVOKE_DYNAMIC_TAG,
      name,
      descriptor,
      bootstrapMethod.index,
    );
  }

  private addConstantDynamicOrInvokeDynamicReference(
    tag: number,
    name: string,
    descriptor: string,
    bootstrapMethodIndex: number,
  ): Symbol {
    if ((this.pendingSourceGroups & GROUP_DYNAMIC) !== 0) {
      this.loadSourceGroups(GROUP_DYNAMIC);
    }
    const hashCode = hash2i(tag, name, descriptor, bootstrapMethodIndex);
    let entry = this.entries[hashCode & this.mask];
    while (entry !== null) {
      if (
        entry.tag === tag &&
        entry.hashCode === hashCode &&
        entry.data === bootstrapMethodIndex &&
        entry.name === name &&
        entry.value === descriptor
      ) {
        return entry;
      }
      entry = entry.next;
    }
    const nameAndTypeIndex = this.addConstantNameAndType(name, descriptor);
    this.constantPool.put122(tag, bootstrapMethodIndex, nameAndTypeIndex);
    return this.put(new Entry(this.constantPoolCount++, tag, null, name, descriptor, bootstrapMethodIndex, hashCode));
  }

  /** Adds a CONSTANT_Module_info (JVMS §4.4.11); `moduleName` uses dots. */
  addConstantModule(moduleName: string): Symbol {
    return this.addConstantUtf8Reference(Symbol.CONSTANT_MODULE_TAG, moduleName);
  }

  /** Adds a CONSTANT_Package_info (JVMS §4.4.12); `packageName` is in internal form. */
  addConstantPackage(packageName: string): Symbol {
    return this.addConstantUtf8Reference(Symbol.CONSTANT_PACKAGE_TAG, packageName);
  }

  /** Adds a Class, String, MethodType, Module or Package constant: a tag and a Utf8 index. */
  private addConstantUtf8Reference(
    tag: number,
    value: string,
    utf8Hint = 0,
    readerConstantIndex = readerHints.constantIndex,
    valueSample?: number,
  ): Symbol {
    // Copy path: the Class or String constant that the source reader read this value from,
    // checked (see readerHints), is found without a search of the source pool; not when the pool
    // has twins (a lookup by value finds the first one).
    if (
      utf8Hint === 0 &&
      this.sourceClassReader !== null &&
      readerHints.reader === this.sourceClassReader &&
      this.isSourceUtf8Reference(tag, value, readerConstantIndex) &&
      (this.getSourceTwins() & TWIN_UTF8_REFERENCES) === 0
    ) {
      return this.getSourceSymbol(tag, value, readerConstantIndex);
    }
    // The Class or String constant the dictionary reader read this value from, if any (see
    // readerHints): found by its pool index when an entry was made for it, else a hint for its Utf8.
    const classReader = this.dictionaryReader;
    let constantIndex = 0;
    if (utf8Hint === 0 && classReader !== null && readerHints.reader === classReader) {
      const dictionaryEntries = this.getDictionaryEntries(classReader);
      const index = readerConstantIndex;
      const knownEntry = dictionaryEntries[index];
      if (knownEntry !== undefined && knownEntry.tag === tag && knownEntry.value === value) {
        return knownEntry;
      }
      const bytes = classReader.classFileBuffer;
      if (index > 0 && index < dictionaryEntries.length && bytes[classReader.cpInfoOffsets[index]! - 1] === tag) {
        utf8Hint = this.checkDictionaryHint(value, readU2(bytes, classReader.cpInfoOffsets[index]!));
        constantIndex = utf8Hint === 0 ? 0 : index;
      }
    }
    // Hashed by its string, so that an existing constant costs one lookup. When it is absent, ASM
    // adds its Utf8 first, then the constant: same here.
    const hashCode = hashUtf8ReferenceSample(tag, valueSample ?? this.sampleOf(value, utf8Hint));
    let entry = this.entries[hashCode & this.mask];
    while (entry !== null) {
      if (entry.hashCode === hashCode && entry.tag === tag && entry.value === value) {
        if (constantIndex !== 0) {
          this.dictionaryEntries![constantIndex] = entry;
        }
        return entry;
      }
      entry = entry.next;
    }
    const utf8Index = utf8Hint === 0 ? this.addConstantUtf8(value) : this.addDictionaryUtf8(utf8Hint);
    if (this.sourceClassReader !== null) {
      const sourceSymbol = this.findSourceUtf8Reference(tag, value, utf8Index);
      if (sourceSymbol !== null) {
        if (sourceSymbol.hashCode === 0) {
          // Found by its string from now on (hashUtf8ReferenceSample is never 0).
          sourceSymbol.hashCode = hashCode;
          this.put(sourceSymbol);
        }
        return sourceSymbol;
      }
    }
    this.constantPool.put12(tag, utf8Index);
    const newEntry = this.put(new Entry(this.constantPoolCount++, tag, null, null, value, 0, hashCode));
    if (constantIndex !== 0) {
      this.dictionaryEntries![constantIndex] = newEntry;
    }
    return newEntry;
  }

  // ## Bootstrap methods (JVMS §4.7.23).

  /** Adds a bootstrap method, unless an identical one exists; returns its symbol. */
  addBootstrapMethod(bootstrapMethodHandle: Handle, bootstrapMethodArguments: readonly unknown[]): Symbol {
    if ((this.pendingSourceGroups & (GROUP_BOOTSTRAP_METHOD_BYTES | GROUP_BOOTSTRAP_METHOD_ENTRIES)) !== 0) {
      this.loadSourceGroups(GROUP_BOOTSTRAP_METHOD_BYTES | GROUP_BOOTSTRAP_METHOD_ENTRIES);
    }
    // The arguments may be ConstantDynamic values with bootstrap methods of their own: add them
    // first, so that the bootstrap_methods array is not modified while this one is appended.
    const numBootstrapArguments = bootstrapMethodArguments.length;
    const bootstrapMethodArgumentIndexes = new Int32Array(numBootstrapArguments);
    for (let i = 0; i < numBootstrapArguments; i++) {
      bootstrapMethodArgumentIndexes[i] = this.addConstant(bootstrapMethodArguments[i]).index;
    }
    let bootstrapMethodsAttribute = this.bootstrapMethods;
    if (bootstrapMethodsAttribute === null) {
      bootstrapMethodsAttribute = this.bootstrapMethods = new ByteVector();
    }
    const methodHandleIndex = this.addConstantMethodHandle(
      bootstrapMethodHandle.getTag(),
      bootstrapMethodHandle.getOwner(),
      bootstrapMethodHandle.getName(),
      bootstrapMethodHandle.getDesc(),
      bootstrapMethodHandle.isInterface(),
    ).index;
    // Append the candidate, then compare it with the existing ones; it is removed if a copy exists.
    const bootstrapMethodOffset = bootstrapMethodsAttribute.length;
    bootstrapMethodsAttribute.putShort(methodHandleIndex);
    bootstrapMethodsAttribute.putShort(numBootstrapArguments);
    for (let i = 0; i < numBootstrapArguments; i++) {
      bootstrapMethodsAttribute.putShort(bootstrapMethodArgumentIndexes[i]!);
    }
    const bootstrapMethodLength = bootstrapMethodsAttribute.length - bootstrapMethodOffset;
    const hashCode = hashBytes(
      Symbol.BOOTSTRAP_METHOD_TAG,
      bootstrapMethodsAttribute.data,
      bootstrapMethodOffset,
      bootstrapMethodLength,
    );
    return this.addBootstrapMethodEntry(bootstrapMethodOffset, bootstrapMethodLength, hashCode);
  }

  private addBootstrapMethodEntry(offset: number, length: number, hashCode: number): Symbol {
    const bootstrapMethods = this.bootstrapMethods!;
    const bootstrapMethodsData = bootstrapMethods.data;
    let entry = this.entries[hashCode & this.mask];
    while (entry !== null) {
      if (entry.tag === Symbol.BOOTSTRAP_METHOD_TAG && entry.hashCode === hashCode) {
        const otherOffset = entry.data;
        let isSameBootstrapMethod = true;
        for (let i = 0; i < length; ++i) {
          if (bootstrapMethodsData[offset + i] !== bootstrapMethodsData[otherOffset + i]) {
            isSameBootstrapMethod = false;
            break;
          }
        }
        if (isSameBootstrapMethod) {
          bootstrapMethods.length = offset; // Drop the duplicate just appended.
          return entry;
        }
      }
      entry = entry.next;
    }
    return this.put(
      new Entry(this.bootstrapMethodCount++, Symbol.BOOTSTRAP_METHOD_TAG, null, null, null, offset, hashCode),
    );
  }

  // ## Type table (ASM-specific: the types the frame computation manipulates).

  /** The type table entry `typeIndex`. */
  getType(typeIndex: number): Symbol {
    return this.typeTable![typeIndex]!;
  }

  /** The label of the NEW instruction of the forward uninitialized type `typeIndex`. */
  getForwardUninitializedLabel(typeIndex: number): Label {
    return this.labelTable![this.typeTable![typeIndex]!.data]!;
  }

  /**
   * @internal The constant pool index of the CONSTANT_Class of the TYPE_TAG type `typeIndex`, added on first
   * use and memoized in the entry's (otherwise unused) info field: frames name the same few types
   * again and again.
   */
  getTypeConstantClassIndex(typeIndex: number): number {
    const entry = this.typeTable![typeIndex]!;
    let classIndex = entry.info;
    if (classIndex === 0) {
      classIndex = entry.info = this.addConstantClass(entry.value!).index;
    }
    return classIndex;
  }

  /**
   * @internal The constant pool index of the CONSTANT_Class of an array abstract type (Frame's
   * DIM_MASK bits set), made from its descriptor (`descriptorOf`) on first use and memoized: the
   * same arrays ([B, [Ljava/lang/Object;...) are in frame after frame, and their descriptors are
   * built by concatenation, then hashed, each time otherwise. The abstract type names one
   * descriptor in this table (its element is a type table index or a primitive).
   */
  getArrayTypeConstantClassIndex(abstractType: number, descriptorOf: (symbolTable: SymbolTable, abstractType: number) => string): number {
    let indices = this.arrayTypeClassIndices;
    if (indices === null) {
      indices = this.arrayTypeClassIndices = new Map();
    }
    let classIndex = indices.get(abstractType);
    if (classIndex === undefined) {
      classIndex = this.addConstantClass(descriptorOf(this, abstractType)).index;
      indices.set(abstractType, classIndex);
    }
    return classIndex;
  }

  /**
   * @internal A cache for Frame: the abstract type of a field descriptor or of a method
   * descriptor's return type, by descriptor. Abstract types hold type table indices, hence one
   * cache per table.
   */
  getDescriptorTypes(): Map<string, number> {
    let descriptorTypes = this.descriptorTypes;
    if (descriptorTypes === null) {
      descriptorTypes = this.descriptorTypes = new Map();
    }
    return descriptorTypes;
  }

  /** Adds a type (an internal name) to the type table; returns its index. */
  addType(value: string): number {
    // Type indices are stored plus one: 0 means absent.
    let typeIndices = this.typeIndices;
    if (typeIndices === null) {
      typeIndices = this.typeIndices = new StringTable();
    }
    const knownIndex = typeIndices.get(value);
    if (knownIndex !== 0) {
      return knownIndex - 1;
    }
    // Found through typeIndices alone: the entry stays out of the hash table of constants (where ASM
    // puts it), which saves hashing its name and lengthens no chain of constants.
    let typeTable = this.typeTable;
    if (typeTable === null) {
      typeTable = this.typeTable = [];
    }
    const index = this.typeCount++;
    typeTable[index] = new Entry(index, Symbol.TYPE_TAG, null, null, value, 0, 0);
    typeIndices.set(value, index + 1);
    return index;
  }

  /** Adds an uninitialized type created by the NEW at `bytecodeOffset`; returns its index. */
  addUninitializedType(value: string, bytecodeOffset: number): number {
    // The offset tells most NEW instructions apart; the length is cheaper to hash than the chars.
    const hashCode = mix(Symbol.UNINITIALIZED_TYPE_TAG + value.length * 65599 + bytecodeOffset);
    let entry = this.entries[hashCode & this.mask];
    while (entry !== null) {
      if (
        entry.tag === Symbol.UNINITIALIZED_TYPE_TAG &&
        entry.hashCode === hashCode &&
        entry.data === bytecodeOffset &&
        entry.value === value
      ) {
        return entry.index;
      }
      entry = entry.next;
    }
    return this.addTypeInternal(
      new Entry(this.typeCount, Symbol.UNINITIALIZED_TYPE_TAG, null, null, value, bytecodeOffset, hashCode),
    );
  }

  /**
   * Adds an uninitialized type whose NEW instruction, at `label`, is not resolved yet (it comes
   * after the constructor call in bytecode order); returns its index.
   */
  addForwardUninitializedType(value: string, label: Label): number {
    const labelIndex = this.getOrAddLabelIndex(label);
    const hashCode = mix(Symbol.FORWARD_UNINITIALIZED_TYPE_TAG + stringHash(value) + labelIndex);
    let entry = this.entries[hashCode & this.mask];
    while (entry !== null) {
      if (
        entry.tag === Symbol.FORWARD_UNINITIALIZED_TYPE_TAG &&
        entry.hashCode === hashCode &&
        entry.data === labelIndex &&
        entry.value === value
      ) {
        return entry.index;
      }
      entry = entry.next;
    }
    return this.addTypeInternal(
      new Entry(this.typeCount, Symbol.FORWARD_UNINITIALIZED_TYPE_TAG, null, null, value, labelIndex, hashCode),
    );
  }

  /**
   * Adds the common super class of two TYPE_TAG types of the type table (computed once per pair
   * with `ClassWriter.getCommonSuperClass`); returns the type index of the result.
   */
  addMergedType(typeTableIndex1: number, typeTableIndex2: number): number {
    // The pair, smaller index first, in `data` and `dataHigh` (not ASM's one long `low | high << 32`:
    // a number beyond 32 bits would make V8 box `data` in a HeapNumber for every symbol, see Symbol).
    const low = typeTableIndex1 < typeTableIndex2 ? typeTableIndex1 : typeTableIndex2;
    const high = typeTableIndex1 < typeTableIndex2 ? typeTableIndex2 : typeTableIndex1;
    const hashCode = mix(Symbol.MERGED_TYPE_TAG + typeTableIndex1 + typeTableIndex2);
    let entry = this.entries[hashCode & this.mask];
    while (entry !== null) {
      if (entry.tag === Symbol.MERGED_TYPE_TAG && entry.hashCode === hashCode && entry.data === low && entry.dataHigh === high) {
        return entry.info;
      }
      entry = entry.next;
    }
    const type1 = this.typeTable![typeTableIndex1]!.value!;
    const type2 = this.typeTable![typeTableIndex2]!.value!;
    const commonSuperTypeIndex = this.addType(this.classWriter.getCommonSuperClass(type1, type2));
    const newEntry = new Entry(this.typeCount, Symbol.MERGED_TYPE_TAG, null, null, null, low, hashCode);
    newEntry.dataHigh = high;
    this.put(newEntry).info = commonSuperTypeIndex;
    return commonSuperTypeIndex;
  }

  private addTypeInternal(entry: Entry): number {
    let typeTable = this.typeTable;
    if (typeTable === null) {
      typeTable = this.typeTable = [];
    }
    typeTable[this.typeCount++] = entry;
    return this.put(entry).index;
  }

  private getOrAddLabelIndex(label: Label): number {
    let labelIndices = this.labelIndices;
    if (labelIndices === null) {
      labelIndices = this.labelIndices = new Map();
      this.labelTable = [];
    }
    const existing = labelIndices.get(label);
    if (existing !== undefined) {
      return existing;
    }
    const labelIndex = this.labelTable!.length;
    this.labelTable!.push(label);
    labelIndices.set(label, labelIndex);
    return labelIndex;
  }
}

// ## Helpers.


function getConstantMethodHandleSymbolData(referenceKind: number, isInterface: boolean): number {
  if (referenceKind > Opcodes.H_PUTSTATIC && isInterface) {
    return referenceKind << 8;
  }
  return referenceKind;
}

function constantDynamicArguments(constantDynamic: ConstantDynamic): readonly unknown[] {
  return constantDynamic.getBootstrapMethodArgumentsUnsafe();
}

/** Java's String.hashCode over UTF-16 code units. */
function stringHash(value: string): number {
  let hash = 0;
  for (let i = 0, n = value.length; i < n; ++i) {
    hash = (Math.imul(31, hash) + charCodeAt.call(value, i)) | 0;
  }
  return hash;
}

/** Finalizes a hash: spreads the bits (the table indexes with a power-of-two mask), 31 bits. */
function mix(hash: number): number {
  hash = Math.imul(hash ^ (hash >>> 16), 0x45d9f3b);
  return (hash ^ (hash >>> 16)) & 0x7fffffff;
}

function hashInt(tag: number, value: number): number {
  return mix(tag + value);
}

function hashLong(tag: number, high: number, low: number): number {
  return mix(tag + Math.imul(high, 31) + low);
}

// The hashes of the constants made of strings use sampleString (O(1) whatever the length;
// collisions only cost a string comparison, usually by identity: the reader decodes each
// constant once).

/**
 * The hash of a Class, String, MethodType, Module or Package constant whose value's sampleString is
 * `sample` (see SymbolTable.sampleOf); never 0.
 */
function hashUtf8ReferenceSample(tag: number, sample: number): number {
  return mix(tag + sample) | 0x40000000;
}

function hash2(tag: number, value1: string, value2: string): number {
  return hash2Samples(tag, sampleString(value1), sampleString(value2));
}

/** hash2 of values whose sampleStrings are `sample1` and `sample2`. */
function hash2Samples(tag: number, sample1: number, sample2: number): number {
  return mix(tag + Math.imul(sample1, 31) + sample2);
}

function hash2i(tag: number, value1: string, value2: string, value3: number): number {
  return mix(tag + Math.imul(Math.imul(sampleString(value1), 31) + sampleString(value2), 31) + value3);
}

function hash3(tag: number, value1: string, value2: string, value3: string): number {
  return hash3Samples(tag, sampleString(value1), sampleString(value2), sampleString(value3));
}

/** hash3 of values whose sampleStrings are `sample1`, `sample2` and `sample3`. */
function hash3Samples(tag: number, sample1: number, sample2: number, sample3: number): number {
  return mix(tag + Math.imul(Math.imul(sample1, 31) + sample2, 31) + sample3);
}

function hash3i(tag: number, value1: string, value2: string, value3: string, value4: number): number {
  const hash =
    Math.imul(Math.imul(sampleString(value1), 31) + sampleString(value2), 31) + sampleString(value3);
  return mix(tag + Math.imul(hash, 31) + value4);
}

function hashBytes(tag: number, data: Uint8Array, offset: number, length: number): number {
  let hash = tag;
  for (let i = 0; i < length; ++i) {
    hash = (Math.imul(31, hash) + data[offset + i]!) | 0;
  }
  return mix(hash);
}

/**
 * A string to positive integer map. A Map: V8 hashes a string once and keeps the hash in the
 * string, and the strings looked up are mostly the same objects again and again (the reader
 * decodes each constant once), so a lookup rarely reads the chars; measured a little faster than
 * an open-addressing table keyed by a sampled hash.
 */
class StringTable {
  private readonly map: Map<string, number>;

  constructor() {
    this.map = new Map();
  }

  /** The value of `key`, or 0 if absent. */
  get(key: string): number {
    const value = this.map.get(key);
    return value === undefined ? 0 : value;
  }

  /** Sets the value (positive) of `key`, which must be absent. */
  set(key: string, value: number): void {
    this.map.set(key, value);
  }
}

/** The slot of each Utf8-reference tag in SourceIndex.references, -1 for other tags. */
const REFERENCE_SLOT_OF_TAG = new Int32Array(21).fill(-1);
REFERENCE_SLOT_OF_TAG[Symbol.CONSTANT_CLASS_TAG] = 0;
REFERENCE_SLOT_OF_TAG[Symbol.CONSTANT_STRING_TAG] = 1;
REFERENCE_SLOT_OF_TAG[Symbol.CONSTANT_METHOD_TYPE_TAG] = 2;
REFERENCE_SLOT_OF_TAG[Symbol.CONSTANT_MODULE_TAG] = 3;
REFERENCE_SLOT_OF_TAG[Symbol.CONSTANT_PACKAGE_TAG] = 4;
// NameAndType by its name_index, its first u2 (JVMS §4.4.6): see sourceMayHoldNameAndType.
REFERENCE_SLOT_OF_TAG[Symbol.CONSTANT_NAME_AND_TYPE_TAG] = 5;

/**
 * A search table over the source pool's Utf8 constants, keyed by a hash that samples a few bytes
 * of each (building it costs O(1) per constant and decodes nothing), plus, for the constants made
 * of one Utf8 index (Class, String, MethodType, Module, Package), the first one of each tag that
 * references each Utf8. The first occurrence of a duplicated constant is found first.
 */
class SourceIndex {
  private readonly bytes: Uint8Array;
  private readonly cpInfoOffsets: Int32Array;
  readonly itemCount: number;
  /** Pairs (pool index, hash) of the Utf8 constants; index 0 marks an empty slot. */
  private readonly slots: Int32Array;
  private readonly mask: number;
  /**
   * For each Utf8-reference tag (by REFERENCE_SLOT_OF_TAG), built on first use: at Utf8 index u,
   * the first constant of that tag whose Utf8 index is u, or 0. Only the copy path looks
   * references up (a dictionary needs the Utf8 constants alone).
   */
  private readonly references: (Int32Array | undefined)[];
  /** Whether two source Utf8 constants hold the same bytes (then references may miss). */
  readonly hasDuplicateUtf8: boolean;
  /**
   * The reader's cache of decoded Utf8 constants (ASM's ClassReader.constantUtf8Values), if it
   * has one: a string the reader decoded from a pool index matches it by identity, no compare.
   */
  private readonly utf8Values: readonly (string | undefined)[] | null;

  constructor(classReader: ClassReader) {
    const bytes = classReader.classFileBuffer;
    const cpInfoOffsets = classReader.cpInfoOffsets;
    const itemCount = classReader.getItemCount();
    let capacity = 64;
    while (capacity < itemCount) {
      capacity <<= 1;
    }
    const slots = zeroedInt32Array(capacity * 2);
    const mask = capacity - 1;
    let hasDuplicateUtf8 = false;
    let itemIndex = 1;
    while (itemIndex < itemCount) {
      const itemOffset = cpInfoOffsets[itemIndex]!;
      const itemTag = bytes[itemOffset - 1]!;
      if (itemTag === Symbol.CONSTANT_UTF8_TAG) {
        const length = (bytes[itemOffset]! << 8) | bytes[itemOffset + 1]!;
        const hash = sampledHash(bytes, itemOffset + 2, length);
        let slot = hash & mask;
        let otherIndex = slots[2 * slot]!;
        while (otherIndex !== 0) {
          if (!hasDuplicateUtf8 && slots[2 * slot + 1] === hash) {
            const otherOffset = cpInfoOffsets[otherIndex]!;
            let i = 0;
            while (i < length + 2 && bytes[otherOffset + i] === bytes[itemOffset + i]) {
              ++i;
            }
            hasDuplicateUtf8 = i === length + 2;
          }
          slot = (slot + 1) & mask;
          otherIndex = slots[2 * slot]!;
        }
        slots[2 * slot] = itemIndex;
        slots[2 * slot + 1] = hash;
      }
      itemIndex += itemTag === Symbol.CONSTANT_LONG_TAG || itemTag === Symbol.CONSTANT_DOUBLE_TAG ? 2 : 1;
    }
    this.bytes = bytes;
    this.cpInfoOffsets = cpInfoOffsets;
    this.itemCount = itemCount;
    this.slots = slots;
    this.mask = mask;
    this.references = [];
    this.hasDuplicateUtf8 = hasDuplicateUtf8;
    const utf8Values = (classReader as unknown as { constantUtf8Values?: unknown }).constantUtf8Values;
    this.utf8Values = Array.isArray(utf8Values) ? (utf8Values as (string | undefined)[]) : null;
  }

  /** The pool index of the first Utf8 constant holding `value`, or 0. */
  findUtf8(value: string): number {
    // Constants are compared in their modified UTF-8 form (JVMS §4.4.7); ASCII is its own
    // encoding, so try that first and encode only when that fails on a non-ASCII string.
    const index = this.findAsciiUtf8(value);
    if (index !== 0) {
      return index;
    }
    for (let i = 0, n = value.length; i < n; ++i) {
      const c = charCodeAt.call(value, i);
      if (c === 0 || c > 0x7f) {
        const encoded = new Uint8Array(modifiedUtf8Length(value));
        encodeModifiedUtf8Into(value, encoded, 0);
        return this.findEncodedUtf8(encoded);
      }
    }
    return 0;
  }

  /** The first constant of `tag` (a Utf8-reference tag) whose Utf8 index is `utf8Index`, or 0. */
  findReference(tag: number, utf8Index: number): number {
    if (utf8Index >= this.itemCount) {
      return 0;
    }
    const referenceSlot = REFERENCE_SLOT_OF_TAG[tag]!;
    let references = this.references[referenceSlot];
    if (references === undefined) {
      references = this.references[referenceSlot] = this.buildReferences(tag);
    }
    return references[utf8Index]!;
  }

  /** The references of `tag` (see `references`). */
  private buildReferences(tag: number): Int32Array {
    const bytes = this.bytes;
    const cpInfoOffsets = this.cpInfoOffsets;
    const references = zeroedInt32Array(this.itemCount);
    let itemIndex = 1;
    while (itemIndex < this.itemCount) {
      const itemOffset = cpInfoOffsets[itemIndex]!;
      const itemTag = bytes[itemOffset - 1]!;
      if (itemTag === tag) {
        const utf8Index = (bytes[itemOffset]! << 8) | bytes[itemOffset + 1]!;
        if (references[utf8Index] === 0) {
          references[utf8Index] = itemIndex;
        }
      }
      itemIndex += itemTag === Symbol.CONSTANT_LONG_TAG || itemTag === Symbol.CONSTANT_DOUBLE_TAG ? 2 : 1;
    }
    return references;
  }

  /**
   * The first constant of `tag` (a Utf8-reference tag) whose Utf8 holds the bytes of the Utf8
   * constant `utf8Index`, by a linear search (for pools with duplicated Utf8 constants), or 0.
   */
  scanReference(tag: number, utf8Index: number): number {
    const bytes = this.bytes;
    const cpInfoOffsets = this.cpInfoOffsets;
    const utf8Offset = cpInfoOffsets[utf8Index]!;
    const length = ((bytes[utf8Offset]! << 8) | bytes[utf8Offset + 1]!) + 2;
    let itemIndex = 1;
    while (itemIndex < this.itemCount) {
      const itemOffset = cpInfoOffsets[itemIndex]!;
      const itemTag = bytes[itemOffset - 1]!;
      if (itemTag === tag) {
        const otherOffset = cpInfoOffsets[(bytes[itemOffset]! << 8) | bytes[itemOffset + 1]!]!;
        let i = 0;
        while (i < length && bytes[otherOffset + i] === bytes[utf8Offset + i]) {
          ++i;
        }
        if (i === length) {
          return itemIndex;
        }
      }
      itemIndex += itemTag === Symbol.CONSTANT_LONG_TAG || itemTag === Symbol.CONSTANT_DOUBLE_TAG ? 2 : 1;
    }
    return 0;
  }

  private findAsciiUtf8(value: string): number {
    const hash = sampledStringHash(value);
    const bytes = this.bytes;
    const cpInfoOffsets = this.cpInfoOffsets;
    const slots = this.slots;
    const mask = this.mask;
    const utf8Values = this.utf8Values;
    const charLength = value.length;
    let slot = hash & mask;
    let index = slots[2 * slot]!;
    while (index !== 0) {
      if (slots[2 * slot + 1] === hash) {
        if (utf8Values !== null && utf8Values[index] === value) {
          return index;
        }
        const utf8Offset = cpInfoOffsets[index]!;
        if (((bytes[utf8Offset]! << 8) | bytes[utf8Offset + 1]!) === charLength) {
          const start = utf8Offset + 2;
          let i = 0;
          // A char is its own byte only in 01-7F (JVMS §4.4.7): a Latin-1 char equal to a byte of
          // a multi-byte sequence ("Î±" against the bytes CE B1 of "α") is no match.
          for (let c = 0; i < charLength; ++i) {
            c = charCodeAt.call(value, i);
            if (c - 1 >>> 0 >= 0x7f || bytes[start + i] !== c) {
              break;
            }
          }
          if (i === charLength) {
            return index;
          }
        }
      }
      slot = (slot + 1) & mask;
      index = slots[2 * slot]!;
    }
    return 0;
  }

  private findEncodedUtf8(encoded: Uint8Array): number {
    const length = encoded.length;
    const hash = sampledHash(encoded, 0, length);
    const bytes = this.bytes;
    const cpInfoOffsets = this.cpInfoOffsets;
    let slot = hash & this.mask;
    let index = this.slots[2 * slot]!;
    while (index !== 0) {
      if (this.slots[2 * slot + 1] === hash) {
        const utf8Offset = cpInfoOffsets[index]!;
        if (((bytes[utf8Offset]! << 8) | bytes[utf8Offset + 1]!) === length) {
          const start = utf8Offset + 2;
          let i = 0;
          while (i < length && bytes[start + i] === encoded[i]) {
            ++i;
          }
          if (i === length) {
            return index;
          }
        }
      }
      slot = (slot + 1) & this.mask;
      index = this.slots[2 * slot]!;
    }
    return 0;
  }
}

/**
 * A hash of `length` bytes at `start`, from their count and a few of them (see
 * SourceIndex): good enough to tell names and descriptors apart, and O(1).
 */
function sampledHash(bytes: Uint8Array, start: number, length: number): number {
  return finishSample(sampleBytes(bytes, start, length));
}

/**
 * The sampledHash of a sample: one more multiply, with the high bits folded into the low ones
 * that the table's mask keeps (a product's low bits depend only on its factors' low bits).
 */
function finishSample(sample: number): number {
  const hash = Math.imul(sample ^ (sample >>> 16), 0x45d9f3b);
  return ((hash ^ (hash >>> 16)) & 0x3fffffff) | 1;
}

// The sample of a string takes its length and six of its chars (bytes): the first, the last but one,
// the last, and those at a quarter, a half and three quarters. The six are loaded independently and
// packed into two words, each multiplied once: a chain of dependent multiplies from the first char to
// the last made SourceIndex's build wait on each hash (its probe branches on it), about 2% of a
// COMPUTE_FRAMES rewrite of java.base (paired A/B, session 37).

/**
 * The sample of `length` bytes at `start`: that of sampleString for the string they encode when it
 * is ASCII (then each char is its byte, JVMS §4.4.7).
 */
function sampleBytes(bytes: Uint8Array, start: number, length: number): number {
  if (length === 0) {
    return 0;
  }
  const last = start + length - 1;
  const low = length ^ (bytes[start]! << 8) ^ (bytes[last]! << 16) ^ (bytes[start + (length >> 1)]! << 24);
  const high =
    bytes[start + (length >> 2)]! ^ (bytes[start + ((length * 3) >> 2)]! << 8) ^ (bytes[length === 1 ? last : last - 1]! << 16);
  return Math.imul(low, 0x9e3779b1) ^ Math.imul(high + length, 0x85ebca6b);
}

/**
 * The sample of `value` (see sampleBytes): the hashes of the constants made of several strings
 * combine these and mix once.
 */
function sampleString(value: string): number {
  const length = value.length;
  if (length === 0) {
    return 0;
  }
  const last = length - 1;
  const low =
    length ^
    (charCodeAt.call(value, 0) << 8) ^
    (charCodeAt.call(value, last) << 16) ^
    (charCodeAt.call(value, length >> 1) << 24);
  const high =
    charCodeAt.call(value, length >> 2) ^
    (charCodeAt.call(value, (length * 3) >> 2) << 8) ^
    (charCodeAt.call(value, length === 1 ? last : last - 1) << 16);
  return Math.imul(low, 0x9e3779b1) ^ Math.imul(high + length, 0x85ebca6b);
}

/** sampledHash of an ASCII string's chars (which are its modified UTF-8 bytes). */
function sampledStringHash(value: string): number {
  return finishSample(sampleString(value));
}
