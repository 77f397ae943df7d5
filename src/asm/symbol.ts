/** String.prototype.charCodeAt, called with .call in per-character loops (why: see ByteVector). */
const charCodeAt = String.prototype.charCodeAt;

/**
 * @internal An entry of the constant pool (JVMS §4.4), of the BootstrapMethods attribute
 * (JVMS §4.7.23), or of ASM's type table (the types the frame computation works with). Symbols
 * are created by `SymbolTable` only, which guarantees there are no duplicates (except the ones a
 * copied constant pool already had).
 */
export class Symbol {
  // ## Constant pool tags (JVMS §4.4, Table 4.4-B), in JVMS order.
  static readonly CONSTANT_CLASS_TAG = 7;
  static readonly CONSTANT_FIELDREF_TAG = 9;
  static readonly CONSTANT_METHODREF_TAG = 10;
  static readonly CONSTANT_INTERFACE_METHODREF_TAG = 11;
  static readonly CONSTANT_STRING_TAG = 8;
  static readonly CONSTANT_INTEGER_TAG = 3;
  static readonly CONSTANT_FLOAT_TAG = 4;
  static readonly CONSTANT_LONG_TAG = 5;
  static readonly CONSTANT_DOUBLE_TAG = 6;
  static readonly CONSTANT_NAME_AND_TYPE_TAG = 12;
  static readonly CONSTANT_UTF8_TAG = 1;
  static readonly CONSTANT_METHOD_HANDLE_TAG = 15;
  static readonly CONSTANT_METHOD_TYPE_TAG = 16;
  static readonly CONSTANT_DYNAMIC_TAG = 17;
  static readonly CONSTANT_INVOKE_DYNAMIC_TAG = 18;
  static readonly CONSTANT_MODULE_TAG = 19;
  static readonly CONSTANT_PACKAGE_TAG = 20;

  // ## ASM-specific tags: bootstrap methods, and the entries of the type table.
  static readonly BOOTSTRAP_METHOD_TAG = 64;
  /** A type of the type table: `value` is an internal name (or an array descriptor). */
  static readonly TYPE_TAG = 128;
  /** An uninitialized type whose NEW instruction is already resolved: `data` is its offset. */
  static readonly UNINITIALIZED_TYPE_TAG = 129;
  /**
   * An uninitialized type whose NEW instruction comes after the constructor call (in bytecode
   * order), so its offset is not known yet: `data` indexes the label table of the SymbolTable.
   */
  static readonly FORWARD_UNINITIALIZED_TYPE_TAG = 130;
  /** The common super type of two types of the type table (packed in `data`). */
  static readonly MERGED_TYPE_TAG = 131;

  /** Index in the constant pool, the BootstrapMethods attribute or the type table (per `tag`). */
  readonly index: number;
  /** One of the tags above. */
  readonly tag: number;
  /** Internal name of the owner, for field/method references and method handles; else null. */
  readonly owner: string | null;
  /** Member name, for references, NameAndType, method handles and (invoke)dynamic; else null. */
  readonly name: string | null;
  /**
   * A descriptor (references, NameAndType, MethodType, method handles, (invoke)dynamic), a string
   * (Utf8, String), an internal name (Class, type table entries), a module or package name;
   * else null.
   */
  value: string | null;
  /**
   * A number: the int bits of Integer/Float, the low 32 bits of Long/Double (the high ones are
   * kept by the SymbolTable), the reference kind of a method handle (shifted left by 8 when the
   * owner is an interface and the kind an invoke one), the bootstrap method index of
   * (invoke)dynamic entries, the byte offset of a bootstrap method in the BootstrapMethods array,
   * the bytecode offset of an uninitialized type's NEW, the label index of a forward
   * uninitialized type, or the smaller of the two type table indices of a merged type (`dataHigh`
   * holds the other).
   *
   * Always a 32-bit integer, as `dataHigh`: V8 stores a field that has only ever held small integers
   * (Smis) in the object itself, but once any symbol stores a number that is not one (a fraction, a
   * value beyond 32 bits, or a HeapNumber such as `Number(bigint)` makes), every symbol created after
   * that allocates a HeapNumber box for the field (java.base with COMPUTE_FRAMES: two boxes per
   * symbol, for hundreds of thousands of symbols a pass).
   */
  readonly data: number;
  /**
   * Lazily computed extra data, ignored when comparing symbols: the argument and return sizes
   * of method references and invokedynamic entries, the InnerClasses index (plus one) of a
   * Class entry, the type table index of a merged type's result.
   */
  info: number;
  /** @internal A well-mixed non-negative 31-bit hash of the symbol's identity (tag and values). */
  hashCode: number;
  /** @internal The next symbol of the same bucket of the SymbolTable's hash set. */
  next: Symbol | null;
  /**
   * @internal The high 32 bits of a Long or Double constant (`data` holds the low ones), the larger
   * type table index of a merged type; else 0. A 32-bit integer (see `data`).
   */
  dataHigh: number;
  /**
   * @internal Frame's abstract type of this field reference's type or this method reference's (or
   * invokedynamic's) return type, memoized by Frame.getSymbolDescriptorType; for a String,
   * MethodType or MethodHandle constant the type ldc pushes, for a Class constant the class's own
   * type (bytecode-frames.ts); or UNKNOWN_ABSTRACT_TYPE.
   */
  descriptorAbstractType: number;
  /**
   * @internal The stack slots of this field or method reference's (or invokedynamic's) type or return
   * type once checked (getDescriptorSlots, bytecode-frames.ts), or -1.
   */
  descriptorSlots: number;

  /** @internal descriptorAbstractType before it is computed: no abstract type has all kind bits set. */
  static readonly UNKNOWN_ABSTRACT_TYPE = 0x7fffffff;

  // The hash set links live here rather than in a subclass: V8 builds instances of a derived
  // class through its generic construct stub, measurably slower for the pool's many symbols.
  constructor(
    index: number,
    tag: number,
    owner: string | null,
    name: string | null,
    value: string | null,
    data: number,
    hashCode = 0,
  ) {
    this.index = index;
    this.tag = tag;
    this.owner = owner;
    this.name = name;
    this.value = value;
    // A non-number first (see `data`): the field is tagged, never a boxed double.
    (this as { data: unknown }).data = null;
    this.data = data;
    this.info = 0;
    this.hashCode = hashCode;
    this.next = null;
    (this as { dataHigh: unknown }).dataHigh = null;
    this.dataHigh = 0;
    this.descriptorAbstractType = Symbol.UNKNOWN_ABSTRACT_TYPE;
    this.descriptorSlots = -1;
  }

  /**
   * The argument and return sizes of this method reference or invokedynamic symbol's descriptor,
   * as `Type.getArgumentsAndReturnSizes` computes them (memoized in `info`).
   */
  getArgumentsAndReturnSizes(): number {
    if (this.info === 0) {
      this.info = getArgumentsAndReturnSizes(this.value!);
    }
    return this.info;
  }
}

/**
 * The sizes of a method descriptor's arguments (plus one for the implicit `this`) and return
 * value, packed as `argumentsSize << 2 | returnSize`, like ASM's Type.getArgumentsAndReturnSizes
 * (kept here so that Symbol does not depend on Type at module-evaluation time).
 */
function getArgumentsAndReturnSizes(methodDescriptor: string): number {
  let argumentsSize = 1;
  let currentOffset = 1;
  let currentChar = charCodeAt.call(methodDescriptor, currentOffset);
  while (currentChar !== 41 /* ')' */) {
    // A descriptor without ')' (only reachable through the visitor API with a bad argument; the
    // reader validates descriptors) must not loop forever: charCodeAt past the end is NaN.
    if (currentOffset >= methodDescriptor.length) {
      throw new Error(`Invalid method descriptor: ${methodDescriptor}`);
    }
    if (currentChar === 74 /* 'J' */ || currentChar === 68 /* 'D' */) {
      currentOffset++;
      argumentsSize += 2;
    } else {
      while (charCodeAt.call(methodDescriptor, currentOffset) === 91 /* '[' */) {
        currentOffset++;
      }
      if (charCodeAt.call(methodDescriptor, currentOffset++) === 76 /* 'L' */) {
        const semiColumnOffset = methodDescriptor.indexOf(';', currentOffset);
        currentOffset = Math.max(currentOffset, semiColumnOffset + 1);
      }
      argumentsSize += 1;
    }
    currentChar = charCodeAt.call(methodDescriptor, currentOffset);
  }
  currentChar = charCodeAt.call(methodDescriptor, currentOffset + 1);
  if (currentChar === 86 /* 'V' */) {
    return argumentsSize << 2;
  }
  const returnSize = currentChar === 74 || currentChar === 68 ? 2 : 1;
  return (argumentsSize << 2) | returnSize;
}
