import { ClassFormatError } from '../classfile/class-format-error.js';
import type { ByteVector } from './byte-vector.js';
import { Constants } from './constants.js';
import { IllegalArgumentException } from './java-exceptions.js';
import { Label } from './label.js';
import type { MethodWriter } from './method-writer.js';
import { Opcodes } from './opcodes.js';
import { Symbol } from './symbol.js';
import type { SymbolTable } from './symbol-table.js';
import { Type } from './type.js';
import { Op } from './op.js';

/** String.prototype.charCodeAt, called with .call in per-character loops (why: see ByteVector). */
const charCodeAt = String.prototype.charCodeAt;

// ## StackMapTable frame types and verification type tags (JVMS §4.7.4)

const SAME_FRAME = 0;
const SAME_LOCALS_1_STACK_ITEM_FRAME = 64;
const RESERVED = 128;
const SAME_LOCALS_1_STACK_ITEM_FRAME_EXTENDED = 247;
const CHOP_FRAME = 248;
const SAME_FRAME_EXTENDED = 251;
const APPEND_FRAME = 252;
const FULL_FRAME = 255;

const ITEM_TOP = 0;
const ITEM_INTEGER = 1;
const ITEM_FLOAT = 2;
const ITEM_DOUBLE = 3;
const ITEM_LONG = 4;
const ITEM_NULL = 5;
const ITEM_UNINITIALIZED_THIS = 6;
const ITEM_OBJECT = 7;
const ITEM_UNINITIALIZED = 8;
// ASM's own values, only used inside abstract types: the element types of primitive arrays that the
// verifier folds into int but array descriptors must keep apart.
const ITEM_ASM_BOOLEAN = 9;
const ITEM_ASM_BYTE = 10;
const ITEM_ASM_CHAR = 11;
const ITEM_ASM_SHORT = 12;

// ## Abstract types
//
// (The constants that bytecode-frames.ts, which computes frames from concrete types, needs too are
// exported.)
//
// An abstract type packs four fields in one int32: DIM (6 high bits, a signed number of array
// dimensions), KIND (4 bits), FLAGS (2 bits) and VALUE (20 low bits). VALUE is an ITEM_* constant
// for CONSTANT_KIND, an index in the SymbolTable type table for REFERENCE_KIND, UNINITIALIZED_KIND
// and FORWARD_UNINITIALIZED_KIND, a local index for LOCAL_KIND (the value of that local in the input
// frame), or a depth below the input stack top for STACK_KIND. Input frames only hold the first
// four kinds; output frames, computed before the input frame is known, use all of them. Long and
// double always take two slots (the second one TOP), in locals and on the stack alike, so that
// dup/swap instructions can be simulated without knowing concrete types.
//
// All arithmetic on abstract types is done modulo 2^32 (`| 0`), like Java int arithmetic.

const DIM_SIZE = 6;
const KIND_SIZE = 4;
const FLAGS_SIZE = 2;
const VALUE_SIZE = 32 - DIM_SIZE - KIND_SIZE - FLAGS_SIZE;

const DIM_SHIFT = KIND_SIZE + FLAGS_SIZE + VALUE_SIZE;
const KIND_SHIFT = FLAGS_SIZE + VALUE_SIZE;
const FLAGS_SHIFT = VALUE_SIZE;

export const DIM_MASK = ((1 << DIM_SIZE) - 1) << DIM_SHIFT;
export const KIND_MASK = ((1 << KIND_SIZE) - 1) << KIND_SHIFT;
export const VALUE_MASK = (1 << VALUE_SIZE) - 1;

/** Added to an abstract type: one more array dimension. */
export const ARRAY_OF = 1 << DIM_SHIFT;
/** Added to an abstract type: one less array dimension. */
export const ELEMENT_OF = -1 << DIM_SHIFT;

export const CONSTANT_KIND = 1 << KIND_SHIFT;
export const REFERENCE_KIND = 2 << KIND_SHIFT;
export const UNINITIALIZED_KIND = 3 << KIND_SHIFT;
export const FORWARD_UNINITIALIZED_KIND = 4 << KIND_SHIFT;
const LOCAL_KIND = 5 << KIND_SHIFT;
const STACK_KIND = 6 << KIND_SHIFT;

/**
 * On a LOCAL_KIND or STACK_KIND type: if the concrete type turns out to be long or double, use TOP
 * instead (its other half was overwritten by a store).
 */
const TOP_IF_LONG_OR_DOUBLE_FLAG = 1 << FLAGS_SHIFT;

export const TOP = CONSTANT_KIND | ITEM_TOP;
const BOOLEAN = CONSTANT_KIND | ITEM_ASM_BOOLEAN;
const BYTE = CONSTANT_KIND | ITEM_ASM_BYTE;
const CHAR = CONSTANT_KIND | ITEM_ASM_CHAR;
const SHORT = CONSTANT_KIND | ITEM_ASM_SHORT;
export const INTEGER = CONSTANT_KIND | ITEM_INTEGER;
export const FLOAT = CONSTANT_KIND | ITEM_FLOAT;
export const LONG = CONSTANT_KIND | ITEM_LONG;
export const DOUBLE = CONSTANT_KIND | ITEM_DOUBLE;
export const NULL = CONSTANT_KIND | ITEM_NULL;
export const UNINITIALIZED_THIS = CONSTANT_KIND | ITEM_UNINITIALIZED_THIS;

// Storage of the abstract type arrays of frames: slices of shared chunks, handed out in order and
// never reused (so a slice starts zeroed), instead of one small typed array per frame array, whose
// allocation would cost more than the frame computation itself. A frame array is a chunk plus an
// offset and a length.
const ARENA_CHUNK_SIZE = 16384;
let arena = new Int32Array(ARENA_CHUNK_SIZE);
let arenaTop = 0;

/** Makes sure that `arena` has `length` free elements from `arenaTop`. */
function reserveTypes(length: number): void {
  if (arenaTop + length > arena.length) {
    arena = new Int32Array(length > ARENA_CHUNK_SIZE ? length : ARENA_CHUNK_SIZE);
    arenaTop = 0;
  }
}

/** Java's (short) cast. */
function toShort(value: number): number {
  return (value << 16) >> 16;
}

/** The offset of the return type in a method descriptor (just after ')'). */
function getReturnTypeOffset(methodDescriptor: string): number {
  const length = methodDescriptor.length;
  let currentOffset = 1;
  while (currentOffset < length && charCodeAt.call(methodDescriptor, currentOffset) !== 41 /* ')' */) {
    while (charCodeAt.call(methodDescriptor, currentOffset) === 91 /* '[' */) {
      currentOffset++;
    }
    if (charCodeAt.call(methodDescriptor, currentOffset++) === 76 /* 'L' */) {
      const semiColumnOffset = methodDescriptor.indexOf(';', currentOffset);
      currentOffset = Math.max(currentOffset, semiColumnOffset + 1);
    }
  }
  if (currentOffset >= length) {
    throw new IllegalArgumentException('Invalid method descriptor: ' + methodDescriptor);
  }
  return currentOffset + 1;
}

/**
 * The number of stack slots of a field descriptor, or of a method descriptor's return type: 0 for
 * void, 2 for long and double, else 1; or -1 where Frame.getDescriptorAbstractType would throw on it
 * (it throws too where getReturnTypeOffset does). No type is looked up: for code whose types matter
 * nowhere (see bytecode-frames.ts).
 */
export function getDescriptorSlots(descriptor: string): number {
  let offset = charCodeAt.call(descriptor, 0) === 40 /* '(' */ ? getReturnTypeOffset(descriptor) : 0;
  switch (charCodeAt.call(descriptor, offset)) {
    case 86: // 'V'
      return 0;
    case 74: // 'J'
    case 68: // 'D'
      return 2;
    case 90: // 'Z'
    case 67: // 'C'
    case 66: // 'B'
    case 83: // 'S'
    case 73: // 'I'
    case 70: // 'F'
    case 76: // 'L'
      return 1;
    case 91: // '['
      while (charCodeAt.call(descriptor, offset) === 91) ++offset;
      switch (charCodeAt.call(descriptor, offset)) {
        case 90: // 'Z'
        case 67: // 'C'
        case 66: // 'B'
        case 83: // 'S'
        case 73: // 'I'
        case 70: // 'F'
        case 74: // 'J'
        case 68: // 'D'
        case 76: // 'L'
          return 1;
        default:
          return -1;
      }
    default:
      return -1;
  }
}

/**
 * The abstract type of the field descriptor `buffer[offset, end)`; 0 for 'V'. Frame.execute asks
 * for the same few descriptors again and again, see Frame.pushDescriptor's cache.
 */
function getAbstractTypeFromFieldDescriptor(symbolTable: SymbolTable, buffer: string, offset: number, end: number): number {
  switch (charCodeAt.call(buffer, offset)) {
    case 86: // 'V'
      return 0;
    case 90: // 'Z'
    case 67: // 'C'
    case 66: // 'B'
    case 83: // 'S'
    case 73: // 'I'
      return INTEGER;
    case 70: // 'F'
      return FLOAT;
    case 74: // 'J'
      return LONG;
    case 68: // 'D'
      return DOUBLE;
    case 76: // 'L'
      return REFERENCE_KIND | symbolTable.addType(buffer.substring(offset + 1, end - 1));
    case 91: {
      // '['
      let elementDescriptorOffset = offset + 1;
      while (charCodeAt.call(buffer, elementDescriptorOffset) === 91) {
        ++elementDescriptorOffset;
      }
      let typeValue: number;
      switch (charCodeAt.call(buffer, elementDescriptorOffset)) {
        case 90: // 'Z'
          typeValue = BOOLEAN;
          break;
        case 67: // 'C'
          typeValue = CHAR;
          break;
        case 66: // 'B'
          typeValue = BYTE;
          break;
        case 83: // 'S'
          typeValue = SHORT;
          break;
        case 73: // 'I'
          typeValue = INTEGER;
          break;
        case 70: // 'F'
          typeValue = FLOAT;
          break;
        case 74: // 'J'
          typeValue = LONG;
          break;
        case 68: // 'D'
          typeValue = DOUBLE;
          break;
        case 76: // 'L'
          typeValue =
            REFERENCE_KIND |
            symbolTable.addType(buffer.substring(elementDescriptorOffset + 1, end - 1));
          break;
        default:
          throw new IllegalArgumentException('Invalid descriptor fragment: ' + buffer.substring(elementDescriptorOffset));
      }
      return ((elementDescriptorOffset - offset) << DIM_SHIFT) | typeValue;
    }
    default:
      throw new IllegalArgumentException('Invalid descriptor: ' + buffer.substring(offset));
  }
}

// ## Instructions with a fixed effect on the stack
//
// Most instructions pop a fixed number of values and push one fixed type (or nothing): Frame.execute
// simulates them from these two tables, with one inlined push, instead of a switch case each (V8
// inlines a small method like push only so many times into one function). SIMPLE_POPS[opcode] is the
// number of slots popped plus one, or 0 for the instructions that need a case of their own;
// SIMPLE_PUSHES[opcode] is the type pushed (a second TOP slot after LONG and DOUBLE), or 0.

export const SIMPLE_POPS = new Uint8Array(256);
export const SIMPLE_PUSHES = new Int32Array(256);

function simple(pops: number, pushed: number, ...opcodes: number[]): void {
  for (const opcode of opcodes) {
    SIMPLE_POPS[opcode] = pops + 1;
    SIMPLE_PUSHES[opcode] = pushed;
  }
}
simple(0, 0, Op.NOP, Op.INEG, Op.LNEG, Op.FNEG, Op.DNEG, Op.I2B, Op.I2C, Op.I2S, Op.GOTO, Op.RETURN);
simple(0, NULL, Op.ACONST_NULL);
simple(0, INTEGER, Op.ICONST_M1, Op.ICONST_0, Op.ICONST_1, Op.ICONST_2, Op.ICONST_3, Op.ICONST_4, Op.ICONST_5, Op.BIPUSH, Op.SIPUSH, Op.ILOAD);
simple(0, LONG, Op.LCONST_0, Op.LCONST_1, Op.LLOAD);
simple(0, FLOAT, Op.FCONST_0, Op.FCONST_1, Op.FCONST_2, Op.FLOAD);
simple(0, DOUBLE, Op.DCONST_0, Op.DCONST_1, Op.DLOAD);
// xLOAD_n (ALOAD_n pushes the local's type: a case of its own). Frame.execute is given xLOAD; bytecode-frames.ts
// reads the bytecode.
simple(0, INTEGER, Op.ILOAD_0, Op.ILOAD_1, Op.ILOAD_2, Op.ILOAD_3);
simple(0, LONG, Op.LLOAD_0, Op.LLOAD_1, Op.LLOAD_2, Op.LLOAD_3);
simple(0, FLOAT, Op.FLOAD_0, Op.FLOAD_1, Op.FLOAD_2, Op.FLOAD_3);
simple(0, DOUBLE, Op.DLOAD_0, Op.DLOAD_1, Op.DLOAD_2, Op.DLOAD_3);
simple(2, LONG, Op.LALOAD, Op.D2L);
simple(2, DOUBLE, Op.DALOAD, Op.L2D);
simple(3, 0, Op.IASTORE, Op.BASTORE, Op.CASTORE, Op.SASTORE, Op.FASTORE, Op.AASTORE);
simple(4, 0, Op.LASTORE, Op.DASTORE);
simple(1, 0, Op.POP, Op.IFEQ, Op.IFNE, Op.IFLT, Op.IFGE, Op.IFGT, Op.IFLE, Op.IRETURN, Op.FRETURN, Op.ARETURN,
  Op.TABLESWITCH, Op.LOOKUPSWITCH, Op.ATHROW, Op.MONITORENTER, Op.MONITOREXIT, Op.IFNULL, Op.IFNONNULL);
simple(2, 0, Op.POP2, Op.IF_ICMPEQ, Op.IF_ICMPNE, Op.IF_ICMPLT, Op.IF_ICMPGE, Op.IF_ICMPGT, Op.IF_ICMPLE,
  Op.IF_ACMPEQ, Op.IF_ACMPNE, Op.LRETURN, Op.DRETURN);
simple(2, INTEGER, Op.IALOAD, Op.BALOAD, Op.CALOAD, Op.SALOAD, Op.IADD, Op.ISUB, Op.IMUL, Op.IDIV, Op.IREM, Op.IAND,
  Op.IOR, Op.IXOR, Op.ISHL, Op.ISHR, Op.IUSHR, Op.L2I, Op.D2I, Op.FCMPL, Op.FCMPG);
simple(4, LONG, Op.LADD, Op.LSUB, Op.LMUL, Op.LDIV, Op.LREM, Op.LAND, Op.LOR, Op.LXOR);
simple(2, FLOAT, Op.FALOAD, Op.FADD, Op.FSUB, Op.FMUL, Op.FDIV, Op.FREM, Op.L2F, Op.D2F);
simple(4, DOUBLE, Op.DADD, Op.DSUB, Op.DMUL, Op.DDIV, Op.DREM);
simple(3, LONG, Op.LSHL, Op.LSHR, Op.LUSHR);
simple(1, LONG, Op.I2L, Op.F2L);
simple(1, FLOAT, Op.I2F);
simple(1, DOUBLE, Op.I2D, Op.F2D);
simple(1, INTEGER, Op.F2I, Op.ARRAYLENGTH, Op.INSTANCEOF);
simple(4, INTEGER, Op.LCMP, Op.DCMPL, Op.DCMPG);

/** The abstract type of the array a NEWARRAY with operand `atype` creates (JVMS §6.5.newarray), 0 for an invalid one. */
export function getNewArrayType(atype: number): number {
  switch (atype) {
    case Opcodes.T_BOOLEAN:
      return ARRAY_OF | BOOLEAN;
    case Opcodes.T_CHAR:
      return ARRAY_OF | CHAR;
    case Opcodes.T_BYTE:
      return ARRAY_OF | BYTE;
    case Opcodes.T_SHORT:
      return ARRAY_OF | SHORT;
    case Opcodes.T_INT:
      return ARRAY_OF | INTEGER;
    case Opcodes.T_FLOAT:
      return ARRAY_OF | FLOAT;
    case Opcodes.T_DOUBLE:
      return ARRAY_OF | DOUBLE;
    case Opcodes.T_LONG:
      return ARRAY_OF | LONG;
    default:
      return 0;
  }
}

/**
 * Typed arrays ignore out-of-bounds accesses where Java throws; the frame algorithm checks the
 * indices that only invalid code can put out of bounds, and fails with this error instead of
 * computing garbage (or looping).
 */
// Invalid bytecode is malformed class content (JVMS §4.9): report it as a ClassFormatError so that
// reading and rewriting untrusted classes fails with the one documented error type.
function invalidCode(message: string): Error {
  return new ClassFormatError('Cannot compute stack map frames for invalid code: ' + message);
}

/**
 * The input and output stack map frames of a basic block (JVMS §4.10.1), used by MethodWriter to
 * compute StackMapTable frames from scratch (ASM's algorithm):
 *
 * 1. While the instructions are visited, `execute` simulates each one on the block's *output* frame,
 *    expressed relative to its *input* frame, which is not known yet (LOCAL_KIND/STACK_KIND types).
 * 2. Once the method is complete, a fix point algorithm (MethodWriter.computeAllFrames) computes each
 *    block's input frame by merging (`merge`) the resolved output frames of its predecessors,
 *    starting from the first block, whose input frame comes from the method descriptor.
 *
 * @internal
 */
export class Frame {
  static readonly SAME_FRAME = SAME_FRAME;
  static readonly SAME_LOCALS_1_STACK_ITEM_FRAME = SAME_LOCALS_1_STACK_ITEM_FRAME;
  static readonly RESERVED = RESERVED;
  static readonly SAME_LOCALS_1_STACK_ITEM_FRAME_EXTENDED = SAME_LOCALS_1_STACK_ITEM_FRAME_EXTENDED;
  static readonly CHOP_FRAME = CHOP_FRAME;
  static readonly SAME_FRAME_EXTENDED = SAME_FRAME_EXTENDED;
  static readonly APPEND_FRAME = APPEND_FRAME;
  static readonly FULL_FRAME = FULL_FRAME;

  static readonly ITEM_TOP = ITEM_TOP;
  static readonly ITEM_INTEGER = ITEM_INTEGER;
  static readonly ITEM_FLOAT = ITEM_FLOAT;
  static readonly ITEM_DOUBLE = ITEM_DOUBLE;
  static readonly ITEM_LONG = ITEM_LONG;
  static readonly ITEM_NULL = ITEM_NULL;
  static readonly ITEM_UNINITIALIZED_THIS = ITEM_UNINITIALIZED_THIS;
  static readonly ITEM_OBJECT = ITEM_OBJECT;
  static readonly ITEM_UNINITIALIZED = ITEM_UNINITIALIZED;

  /**
   * The basic block these frames belong to. Null only for the scratch frames of CurrentFrame; with
   * COMPUTE_INSERTED_FRAMES it is moved to the last visited label, which gives the frame offset.
   */
  owner: Label | null;

  /**
   * The input frame (abstract types): the locals at `inputLocalsOffset` then the stack at
   * `inputStackOffset` in this array (a shared chunk, see reserveTypes), or null if not known yet.
   */
  inputTypes: Int32Array | null;
  inputLocalsOffset: number;
  /** The number of input locals (max_locals, long and double taking two). */
  inputLocalsLength: number;
  inputStackOffset: number;
  /** The number of input stack elements (long and double taking two). */
  inputStackLength: number;

  /**
   * The output frame locals (abstract types; 0 = not assigned in the block), at
   * `outputLocalsOffset` in this array (`outputLocalsLength` of them), or null.
   */
  outputLocals: Int32Array | null;
  outputLocalsOffset: number;
  outputLocalsLength: number;

  /** The output frame stack (abstract types), at `outputStackOffset` in this array, or null. */
  outputStack: Int32Array | null;
  outputStackOffset: number;
  /** The capacity of the output stack slice. */
  outputStackLength: number;

  /**
   * Where the output stack starts relative to the input stack: 0 or negative. -n means the block
   * popped n input stack values; the output stack is pushed on what remains.
   */
  outputStackStart: number;

  /** The number of elements in the output stack. */
  outputStackTop: number;

  /**
   * The highest output stack size reached in the block, relative to its input stack size (as a
   * Java short, like ASM's Label.outputStackMax).
   */
  outputStackMax: number;

  /** The number of elements of `initializations`. */
  initializationCount: number;

  /**
   * The abstract types on which a constructor is invoked in the block (possibly LOCAL_KIND or
   * STACK_KIND). Every occurrence of such an uninitialized type becomes initialized at the end of
   * the block, which can only be applied once the input frame is known, in `merge`.
   */
  initializations: Int32Array | null;

  constructor(owner: Label | null) {
    this.owner = owner;
    this.inputTypes = null;
    this.inputLocalsOffset = 0;
    this.inputLocalsLength = 0;
    this.inputStackOffset = 0;
    this.inputStackLength = 0;
    this.outputLocals = null;
    this.outputLocalsOffset = 0;
    this.outputLocalsLength = 0;
    this.outputStack = null;
    this.outputStackOffset = 0;
    this.outputStackLength = 0;
    this.outputStackStart = 0;
    this.outputStackTop = 0;
    this.outputStackMax = 0;
    this.initializationCount = 0;
    this.initializations = null;
  }

  /** Makes this frame equal to `frame`, sharing its arrays (so `frame` should be discarded). */
  copyFrom(frame: Frame): void {
    this.inputTypes = frame.inputTypes;
    this.inputLocalsOffset = frame.inputLocalsOffset;
    this.inputLocalsLength = frame.inputLocalsLength;
    this.inputStackOffset = frame.inputStackOffset;
    this.inputStackLength = frame.inputStackLength;
    this.outputStackStart = 0;
    this.outputLocals = frame.outputLocals;
    this.outputLocalsOffset = frame.outputLocalsOffset;
    this.outputLocalsLength = frame.outputLocalsLength;
    this.outputStack = frame.outputStack;
    this.outputStackOffset = frame.outputStackOffset;
    this.outputStackLength = frame.outputStackLength;
    this.outputStackTop = frame.outputStackTop;
    this.initializationCount = frame.initializationCount;
    this.initializations = frame.initializations;
  }

  /**
   * Allocates this frame's input arrays (zeroed), `numLocal` locals and `numStack` stack
   * elements, contiguous in one chunk.
   */
  private allocateInputFrame(numLocal: number, numStack: number): Int32Array {
    const length = numLocal + numStack;
    reserveTypes(length);
    const types = arena;
    const offset = arenaTop;
    arenaTop = offset + length;
    this.inputTypes = types;
    this.inputLocalsOffset = offset;
    this.inputLocalsLength = numLocal;
    this.inputStackOffset = offset + numLocal;
    this.inputStackLength = numStack;
    return types;
  }

  // ## Abstract types from other formats

  /**
   * The abstract type of a visitFrame element: an Opcodes.TOP…UNINITIALIZED_THIS number, an internal
   * name, or the Label of a NEW instruction (uninitialized type, JVMS §4.10.1.2).
   */
  static getAbstractTypeFromApiFormat(symbolTable: SymbolTable, type: unknown): number {
    if (typeof type === 'number') {
      return CONSTANT_KIND | type;
    } else if (typeof type === 'string') {
      // Type.getObjectType(type).getDescriptor(), without the intermediate object.
      const descriptor = charCodeAt.call(type, 0) === 91 /* '[' */ ? type : 'L' + type + ';';
      return Frame.getAbstractTypeFromDescriptor(symbolTable, descriptor, 0);
    } else {
      const label = type as Label;
      if ((label.flags & Label.FLAG_RESOLVED) !== 0) {
        return UNINITIALIZED_KIND | symbolTable.addUninitializedType('', label.bytecodeOffset);
      } else {
        return FORWARD_UNINITIALIZED_KIND | symbolTable.addForwardUninitializedType('', label);
      }
    }
  }

  /** The abstract type of a class given by its internal name (not an array descriptor). */
  static getAbstractTypeFromInternalName(symbolTable: SymbolTable, internalName: string): number {
    return REFERENCE_KIND | symbolTable.addType(internalName);
  }

  /**
   * The abstract type of the field descriptor starting at `offset` in `buffer` and ending at the
   * end of `buffer`; 0 for 'V'.
   */
  static getAbstractTypeFromDescriptor(symbolTable: SymbolTable, buffer: string, offset: number): number {
    return getAbstractTypeFromFieldDescriptor(symbolTable, buffer, offset, buffer.length);
  }

  // ## Input frame

  /**
   * Sets the input frame from the method's access flags and descriptor: the implicit first frame
   * of a method (JVMS §4.10.1.6), with `maxLocals` locals in all.
   */
  setInputFrameFromDescriptor(symbolTable: SymbolTable, access: number, descriptor: string, maxLocals: number): void {
    const inputLocals = this.allocateInputFrame(maxLocals, 0);
    const start = this.inputLocalsOffset;
    const end = start + maxLocals;
    let inputLocalIndex = start;
    if ((access & Opcodes.ACC_STATIC) === 0) {
      const thisType =
        (access & Constants.ACC_CONSTRUCTOR) === 0
          ? REFERENCE_KIND | symbolTable.addType(symbolTable.getClassName())
          : UNINITIALIZED_THIS;
      if (maxLocals > 0) {
        inputLocals[inputLocalIndex] = thisType;
      }
      inputLocalIndex++;
    }
    const firstArgumentLocal = inputLocalIndex - start;
    // The argument types (JVMS §4.3.3), parsed in place. A malformed descriptor takes the Type
    // path, for its error.
    const length = descriptor.length;
    let currentOffset = 1;
    let currentChar = charCodeAt.call(descriptor, currentOffset);
    while (currentChar !== 41 /* ')' */) {
      const argumentOffset = currentOffset;
      while (currentChar === 91 /* '[' */) {
        currentChar = charCodeAt.call(descriptor, ++currentOffset);
      }
      if (currentChar === 76 /* 'L' */) {
        currentOffset = descriptor.indexOf(';', currentOffset + 1);
        if (currentOffset < 0) {
          this.setArgumentTypesFromType(symbolTable, descriptor, firstArgumentLocal);
          return;
        }
      } else if (
        currentChar !== 90 /* 'Z' */ &&
        currentChar !== 67 /* 'C' */ &&
        currentChar !== 66 /* 'B' */ &&
        currentChar !== 83 /* 'S' */ &&
        currentChar !== 73 /* 'I' */ &&
        currentChar !== 70 /* 'F' */ &&
        currentChar !== 74 /* 'J' */ &&
        currentChar !== 68 /* 'D' */
      ) {
        this.setArgumentTypesFromType(symbolTable, descriptor, firstArgumentLocal);
        return;
      }
      currentOffset++;
      const abstractType = getAbstractTypeFromFieldDescriptor(symbolTable, descriptor, argumentOffset, currentOffset);
      // Arguments beyond maxLocals are dropped (only possible with an inconsistent maxLocals).
      if (inputLocalIndex < end) {
        inputLocals[inputLocalIndex] = abstractType;
      }
      inputLocalIndex++;
      if (abstractType === LONG || abstractType === DOUBLE) {
        if (inputLocalIndex < end) {
          inputLocals[inputLocalIndex] = TOP;
        }
        inputLocalIndex++;
      }
      if (currentOffset >= length) {
        this.setArgumentTypesFromType(symbolTable, descriptor, firstArgumentLocal);
        return;
      }
      currentChar = charCodeAt.call(descriptor, currentOffset);
    }
    while (inputLocalIndex < end) {
      inputLocals[inputLocalIndex++] = TOP;
    }
  }

  /**
   * The slow path of setInputFrameFromDescriptor, through Type: sets the argument types from
   * local `firstArgumentLocal` (throws on the malformed descriptors the fast path gives up on).
   */
  private setArgumentTypesFromType(symbolTable: SymbolTable, descriptor: string, firstArgumentLocal: number): void {
    const inputLocals = this.inputTypes as Int32Array;
    const maxLocals = this.inputLocalsLength;
    const start = this.inputLocalsOffset;
    let inputLocalIndex = firstArgumentLocal;
    for (const argumentType of Type.getArgumentTypes(descriptor)) {
      const abstractType = Frame.getAbstractTypeFromDescriptor(symbolTable, argumentType.getDescriptor(), 0);
      if (inputLocalIndex < maxLocals) {
        inputLocals[start + inputLocalIndex] = abstractType;
      }
      inputLocalIndex++;
      if (abstractType === LONG || abstractType === DOUBLE) {
        if (inputLocalIndex < maxLocals) {
          inputLocals[start + inputLocalIndex] = TOP;
        }
        inputLocalIndex++;
      }
    }
    while (inputLocalIndex < maxLocals) {
      inputLocals[start + inputLocalIndex++] = TOP;
    }
  }

  /** Sets the input frame from a visitFrame description (F_NEW format). */
  setInputFrameFromApiFormat(
    symbolTable: SymbolTable,
    numLocal: number,
    local: readonly unknown[] | null,
    numStack: number,
    stack: readonly unknown[] | null,
  ): void {
    // The frame keeps its number of locals (max_locals); the arrays are replaced, not updated, as
    // they may be shared with another frame (copyFrom).
    const maxLocals = this.inputLocalsLength;
    let numStackTop = 0;
    for (let i = 0; i < numStack; ++i) {
      const stackType = (stack as readonly unknown[])[i];
      if (stackType === Opcodes.LONG || stackType === Opcodes.DOUBLE) {
        ++numStackTop;
      }
    }
    const inputTypes = this.allocateInputFrame(maxLocals, numStack + numStackTop);
    const start = this.inputLocalsOffset;
    let inputLocalIndex = 0;
    for (let i = 0; i < numLocal; ++i) {
      const localType = (local as readonly unknown[])[i];
      if (inputLocalIndex + (localType === Opcodes.LONG || localType === Opcodes.DOUBLE ? 2 : 1) > maxLocals) {
        throw invalidCode(`a frame has more locals than max_locals (${maxLocals})`);
      }
      inputTypes[start + inputLocalIndex++] = Frame.getAbstractTypeFromApiFormat(symbolTable, localType);
      if (localType === Opcodes.LONG || localType === Opcodes.DOUBLE) {
        inputTypes[start + inputLocalIndex++] = TOP;
      }
    }
    while (inputLocalIndex < maxLocals) {
      inputTypes[start + inputLocalIndex++] = TOP;
    }
    let inputStackIndex = this.inputStackOffset;
    for (let i = 0; i < numStack; ++i) {
      const stackType = (stack as readonly unknown[])[i];
      inputTypes[inputStackIndex++] = Frame.getAbstractTypeFromApiFormat(symbolTable, stackType);
      if (stackType === Opcodes.LONG || stackType === Opcodes.DOUBLE) {
        inputTypes[inputStackIndex++] = TOP;
      }
    }
    this.outputStackTop = 0;
    this.initializationCount = 0;
  }

  getInputStackSize(): number {
    return this.inputStackLength;
  }

  /**
   * Throws for a block that pops more values than its input stack holds. merge() sees it on the
   * way to a successor; this catches a block without one (ending in a return or athrow), whose code
   * HotSpot would reject as well (stack underflow, JVMS §4.10.1.4).
   */
  checkInputStackDepth(): void {
    if (this.inputStackLength + this.outputStackStart < 0) {
      throw invalidCode('a basic block pops more values than its input stack holds');
    }
  }

  // ## Output frame

  /** The abstract type of local `localIndex` in the output frame. */
  getLocal(localIndex: number): number {
    const outputLocals = this.outputLocals;
    if (outputLocals === null || localIndex >= this.outputLocalsLength) {
      // Never assigned in this block: still its input value.
      return LOCAL_KIND | localIndex;
    }
    const index = this.outputLocalsOffset + localIndex;
    let abstractType = outputLocals[index];
    if (abstractType === 0) {
      abstractType = outputLocals[index] = LOCAL_KIND | localIndex;
    }
    return abstractType;
  }

  /** Sets local `localIndex` of the output frame. */
  setLocal(localIndex: number, abstractType: number): void {
    let outputLocals = this.outputLocals;
    if (outputLocals === null || localIndex >= this.outputLocalsLength) {
      outputLocals = this.growOutputLocals(localIndex);
    }
    outputLocals[this.outputLocalsOffset + localIndex] = abstractType;
  }

  /** Makes the output locals hold at least `localIndex` + 1 elements (new ones are 0). */
  private growOutputLocals(localIndex: number): Int32Array {
    const oldLength = this.outputLocalsLength;
    const newLength = oldLength === 0 ? Math.max(localIndex + 1, 10) : Math.max(localIndex + 1, 2 * oldLength);
    reserveTypes(newLength);
    const newOutputLocals = arena;
    const newOffset = arenaTop;
    arenaTop = newOffset + newLength;
    const oldOutputLocals = this.outputLocals;
    if (oldOutputLocals !== null) {
      const oldOffset = this.outputLocalsOffset;
      for (let i = 0; i < oldLength; ++i) {
        newOutputLocals[newOffset + i] = oldOutputLocals[oldOffset + i];
      }
    }
    this.outputLocals = newOutputLocals;
    this.outputLocalsOffset = newOffset;
    this.outputLocalsLength = newLength;
    return newOutputLocals;
  }

  /** Pushes an abstract type on the output stack. */
  push(abstractType: number): void {
    // Kept small: Frame.execute calls it from many places, and V8 inlines only so much.
    const outputStackTop = this.outputStackTop;
    if (outputStackTop >= this.outputStackLength) this.growOutputStack();
    (this.outputStack as Int32Array)[this.outputStackOffset + outputStackTop] = abstractType;
    this.outputStackTop = outputStackTop + 1;
    // Track the highest output stack size, relative to the (unknown) input stack size.
    const outputStackSize = toShort(this.outputStackStart + outputStackTop + 1);
    if (outputStackSize > this.outputStackMax) this.outputStackMax = outputStackSize;
  }

  /** Makes room for one more output stack element. */
  private growOutputStack(): Int32Array {
    const oldLength = this.outputStackLength;
    const outputStackTop = this.outputStackTop;
    const newLength = oldLength === 0 ? Math.max(outputStackTop + 1, 10) : Math.max(outputStackTop + 1, 2 * oldLength);
    reserveTypes(newLength);
    const newOutputStack = arena;
    const newOffset = arenaTop;
    arenaTop = newOffset + newLength;
    const oldOutputStack = this.outputStack;
    if (oldOutputStack !== null) {
      const oldOffset = this.outputStackOffset;
      for (let i = 0; i < outputStackTop; ++i) {
        newOutputStack[newOffset + i] = oldOutputStack[oldOffset + i];
      }
    }
    this.outputStack = newOutputStack;
    this.outputStackOffset = newOffset;
    this.outputStackLength = newLength;
    return newOutputStack;
  }

  /** Pushes the type of a field descriptor, or the return type of a method descriptor. */
  pushDescriptor(symbolTable: SymbolTable, descriptor: string): void {
    this.pushAbstractType(Frame.getDescriptorAbstractType(symbolTable, descriptor));
  }

  /**
   * pushDescriptor of a field or method reference's (or invokedynamic's) descriptor, its abstract
   * type memoized in the symbol: most references are executed many times, and the symbol (of this
   * table) is at hand, where the descriptor's cache is a Map keyed by the string.
   */
  private pushSymbolDescriptor(symbolTable: SymbolTable, symbol: Symbol): void {
    this.pushAbstractType(Frame.getSymbolDescriptorType(symbolTable, symbol));
  }

  /**
   * The abstract type of the field type or return type (0 for void) of a field or method reference's
   * (or invokedynamic's, or CONSTANT_Dynamic's) descriptor, memoized in the symbol.
   */
  static getSymbolDescriptorType(symbolTable: SymbolTable, symbol: Symbol): number {
    let abstractType = symbol.descriptorAbstractType;
    if (abstractType === Symbol.UNKNOWN_ABSTRACT_TYPE) {
      abstractType = symbol.descriptorAbstractType = Frame.getDescriptorAbstractType(symbolTable, symbol.value as string);
    }
    return abstractType;
  }

  /** Pushes `abstractType` (two slots for long and double; nothing for 0, a void return). */
  private pushAbstractType(abstractType: number): void {
    if (abstractType !== 0) {
      this.push(abstractType);
      if (abstractType === LONG || abstractType === DOUBLE) {
        this.push(TOP);
      }
    }
  }

  /** The abstract type of a field descriptor, or of a method descriptor's return type (0 for void). */
  static getDescriptorAbstractType(symbolTable: SymbolTable, descriptor: string): number {
    // The same descriptors (the same string objects, from the constant pool) come again and
    // again: their abstract type is cached per class, which saves a substring and its hashing.
    const firstChar = charCodeAt.call(descriptor, 0);
    if (firstChar !== 40 /* '(' */ && firstChar !== 76 /* 'L' */ && firstChar !== 91 /* '[' */) {
      // A primitive field type: cheaper than the cache.
      return Frame.getAbstractTypeFromDescriptor(symbolTable, descriptor, 0);
    }
    let typeDescriptorOffset = 0;
    if (firstChar === 40 /* '(' */) {
      typeDescriptorOffset = getReturnTypeOffset(descriptor);
      const returnChar = charCodeAt.call(descriptor, typeDescriptorOffset);
      if (returnChar !== 76 /* 'L' */ && returnChar !== 91 /* '[' */) {
        // A primitive or void return type: cheaper than the cache too.
        return Frame.getAbstractTypeFromDescriptor(symbolTable, descriptor, typeDescriptorOffset);
      }
    }
    const descriptorTypes = symbolTable.getDescriptorTypes();
    let abstractType = descriptorTypes.get(descriptor);
    if (abstractType === undefined) {
      abstractType = Frame.getAbstractTypeFromDescriptor(symbolTable, descriptor, typeDescriptorOffset);
      descriptorTypes.set(descriptor, abstractType);
    }
    return abstractType;
  }

  /** Pops an abstract type from the output stack (or, past its bottom, from the input stack). */
  pop(): number {
    if (this.outputStackTop > 0) {
      return (this.outputStack as Int32Array)[this.outputStackOffset + --this.outputStackTop];
    }
    return STACK_KIND | -(--this.outputStackStart);
  }

  /** Pops `elements` abstract types. */
  popElements(elements: number): void {
    if (this.outputStackTop >= elements) {
      this.outputStackTop -= elements;
    } else {
      // Pop what the output stack has, then the rest from the input stack.
      this.outputStackStart -= elements - this.outputStackTop;
      this.outputStackTop = 0;
    }
  }

  /** Pops a field descriptor's type, or a method descriptor's argument types. */
  popDescriptor(descriptor: string): void {
    const firstDescriptorChar = charCodeAt.call(descriptor, 0);
    if (firstDescriptorChar === 40 /* '(' */) {
      this.popElements((Type.getArgumentsAndReturnSizes(descriptor) >> 2) - 1);
    } else if (firstDescriptorChar === 74 /* 'J' */ || firstDescriptorChar === 68 /* 'D' */) {
      this.popElements(2);
    } else {
      this.popElements(1);
    }
  }

  // ## Uninitialized types

  /** Records that a constructor is invoked on `abstractType` in this block. */
  addInitializedType(abstractType: number): void {
    let initializations = this.initializations;
    if (initializations === null) {
      initializations = this.initializations = new Int32Array(2);
    }
    const initializationsLength = initializations.length;
    if (this.initializationCount >= initializationsLength) {
      const newInitializations = new Int32Array(Math.max(this.initializationCount + 1, 2 * initializationsLength));
      newInitializations.set(initializations);
      initializations = this.initializations = newInitializations;
    }
    initializations[this.initializationCount++] = abstractType;
  }

  /**
   * The initialized (REFERENCE_KIND) type of `abstractType` if it is UNINITIALIZED_THIS or an
   * uninitialized type on which a constructor is invoked in this block, else `abstractType`.
   */
  getInitializedType(symbolTable: SymbolTable, abstractType: number): number {
    if (
      abstractType === UNINITIALIZED_THIS ||
      (abstractType & (DIM_MASK | KIND_MASK)) === UNINITIALIZED_KIND ||
      (abstractType & (DIM_MASK | KIND_MASK)) === FORWARD_UNINITIALIZED_KIND
    ) {
      const initializations = this.initializations as Int32Array;
      for (let i = 0; i < this.initializationCount; ++i) {
        let initializedType = initializations[i];
        const dim = initializedType & DIM_MASK;
        const kind = initializedType & KIND_MASK;
        const value = initializedType & VALUE_MASK;
        if (kind === LOCAL_KIND) {
          if (value >= this.inputLocalsLength) {
            throw invalidCode(`local ${value} is beyond max_locals (${this.inputLocalsLength})`);
          }
          initializedType = (dim + (this.inputTypes as Int32Array)[this.inputLocalsOffset + value]) | 0;
        } else if (kind === STACK_KIND) {
          if (value > this.inputStackLength) {
            throw invalidCode('a basic block pops more values than its input stack holds');
          }
          initializedType =
            (dim + (this.inputTypes as Int32Array)[this.inputStackOffset + this.inputStackLength - value]) | 0;
        }
        if (abstractType === initializedType) {
          if (abstractType === UNINITIALIZED_THIS) {
            return REFERENCE_KIND | symbolTable.addType(symbolTable.getClassName());
          }
          return REFERENCE_KIND | symbolTable.addType(symbolTable.getType(abstractType & VALUE_MASK).value as string);
        }
      }
    }
    return abstractType;
  }

  // ## Instruction simulation

  /**
   * Simulates an instruction on the output frame (JVMS §6.5). `arg` is the instruction's numeric
   * operand (local index, NEWARRAY type, dimensions, or the bytecode offset of a NEW), `argSymbol`
   * its constant pool operand. jsr and ret cannot be simulated: frames can't describe subroutines.
   */
  execute(opcode: number, arg: number, argSymbol: Symbol | null, symbolTable: SymbolTable | null): void {
    let abstractType1: number;
    let abstractType2: number;
    let abstractType3: number;
    let abstractType4: number;
    const simplePops = SIMPLE_POPS[opcode]!;
    if (simplePops !== 0) {
      if (simplePops > 1) this.popElements(simplePops - 1);
      const pushed = SIMPLE_PUSHES[opcode]!;
      if (pushed !== 0) {
        this.push(pushed);
        if (pushed === LONG || pushed === DOUBLE) this.push(TOP);
      }
      return;
    }
    switch (opcode) {
      case Op.LDC: {
        const symbol = argSymbol as Symbol;
        const table = symbolTable as SymbolTable;
        switch (symbol.tag) {
          case Symbol.CONSTANT_INTEGER_TAG:
            this.push(INTEGER);
            break;
          case Symbol.CONSTANT_LONG_TAG:
            this.push(LONG);
            this.push(TOP);
            break;
          case Symbol.CONSTANT_FLOAT_TAG:
            this.push(FLOAT);
            break;
          case Symbol.CONSTANT_DOUBLE_TAG:
            this.push(DOUBLE);
            this.push(TOP);
            break;
          case Symbol.CONSTANT_CLASS_TAG:
            this.push(REFERENCE_KIND | table.addType('java/lang/Class'));
            break;
          case Symbol.CONSTANT_STRING_TAG:
            this.push(REFERENCE_KIND | table.addType('java/lang/String'));
            break;
          case Symbol.CONSTANT_METHOD_TYPE_TAG:
            this.push(REFERENCE_KIND | table.addType('java/lang/invoke/MethodType'));
            break;
          case Symbol.CONSTANT_METHOD_HANDLE_TAG:
            this.push(REFERENCE_KIND | table.addType('java/lang/invoke/MethodHandle'));
            break;
          case Symbol.CONSTANT_DYNAMIC_TAG:
            this.pushDescriptor(table, symbol.value as string);
            break;
          default:
            throw new Error('AssertionError: unexpected ldc constant tag ' + symbol.tag);
        }
        break;
      }
      case Op.ALOAD:
        this.push(this.getLocal(arg));
        break;
      case Op.AALOAD:
        this.popElements(1);
        abstractType1 = this.pop();
        this.push(abstractType1 === NULL ? abstractType1 : (ELEMENT_OF + abstractType1) | 0);
        break;
      case Op.ISTORE:
      case Op.FSTORE:
      case Op.ASTORE:
        abstractType1 = this.pop();
        this.setLocal(arg, abstractType1);
        this.invalidateTwoWordLocalBefore(arg);
        break;
      case Op.LSTORE:
      case Op.DSTORE:
        this.popElements(1);
        abstractType1 = this.pop();
        this.setLocal(arg, abstractType1);
        this.setLocal(arg + 1, TOP);
        this.invalidateTwoWordLocalBefore(arg);
        break;
      case Op.DUP:
        abstractType1 = this.pop();
        this.push(abstractType1);
        this.push(abstractType1);
        break;
      case Op.DUP_X1:
        abstractType1 = this.pop();
        abstractType2 = this.pop();
        this.push(abstractType1);
        this.push(abstractType2);
        this.push(abstractType1);
        break;
      case Op.DUP_X2:
        abstractType1 = this.pop();
        abstractType2 = this.pop();
        abstractType3 = this.pop();
        this.push(abstractType1);
        this.push(abstractType3);
        this.push(abstractType2);
        this.push(abstractType1);
        break;
      case Op.DUP2:
        abstractType1 = this.pop();
        abstractType2 = this.pop();
        this.push(abstractType2);
        this.push(abstractType1);
        this.push(abstractType2);
        this.push(abstractType1);
        break;
      case Op.DUP2_X1:
        abstractType1 = this.pop();
        abstractType2 = this.pop();
        abstractType3 = this.pop();
        this.push(abstractType2);
        this.push(abstractType1);
        this.push(abstractType3);
        this.push(abstractType2);
        this.push(abstractType1);
        break;
      case Op.DUP2_X2:
        abstractType1 = this.pop();
        abstractType2 = this.pop();
        abstractType3 = this.pop();
        abstractType4 = this.pop();
        this.push(abstractType2);
        this.push(abstractType1);
        this.push(abstractType4);
        this.push(abstractType3);
        this.push(abstractType2);
        this.push(abstractType1);
        break;
      case Op.SWAP:
        abstractType1 = this.pop();
        abstractType2 = this.pop();
        this.push(abstractType1);
        this.push(abstractType2);
        break;
      case Op.IINC:
        this.setLocal(arg, INTEGER);
        break;
      case Op.JSR:
      case Op.RET:
        throw new IllegalArgumentException('JSR/RET are not supported with computeFrames option');
      case Op.GETSTATIC:
        this.pushSymbolDescriptor(symbolTable as SymbolTable, argSymbol as Symbol);
        break;
      case Op.PUTSTATIC:
        this.popDescriptor((argSymbol as Symbol).value as string);
        break;
      case Op.GETFIELD:
        this.popElements(1);
        this.pushSymbolDescriptor(symbolTable as SymbolTable, argSymbol as Symbol);
        break;
      case Op.PUTFIELD:
        this.popDescriptor((argSymbol as Symbol).value as string);
        this.pop();
        break;
      case Op.INVOKEVIRTUAL:
      case Op.INVOKESPECIAL:
      case Op.INVOKESTATIC:
      case Op.INVOKEINTERFACE: {
        const symbol = argSymbol as Symbol;
        // The argument sizes, memoized in the symbol (as popDescriptor would compute them).
        this.popElements((symbol.getArgumentsAndReturnSizes() >> 2) - 1);
        if (opcode !== Op.INVOKESTATIC) {
          abstractType1 = this.pop();
          if (opcode === Op.INVOKESPECIAL && (symbol.name as string).charCodeAt(0) === 60 /* '<' */) {
            this.addInitializedType(abstractType1);
          }
        }
        this.pushSymbolDescriptor(symbolTable as SymbolTable, symbol);
        break;
      }
      case Op.INVOKEDYNAMIC:
        this.popElements(((argSymbol as Symbol).getArgumentsAndReturnSizes() >> 2) - 1);
        this.pushSymbolDescriptor(symbolTable as SymbolTable, argSymbol as Symbol);
        break;
      case Op.NEW:
        // arg is the bytecode offset of the NEW instruction (JVMS §4.10.1.2 uninitialized(Offset)).
        this.push(
          UNINITIALIZED_KIND | (symbolTable as SymbolTable).addUninitializedType((argSymbol as Symbol).value as string, arg),
        );
        break;
      case Op.NEWARRAY: {
        this.pop();
        const arrayType = getNewArrayType(arg);
        if (arrayType === 0) throw new IllegalArgumentException('Invalid newarray type: ' + arg);
        this.push(arrayType);
        break;
      }
      case Op.ANEWARRAY: {
        const arrayElementType = (argSymbol as Symbol).value as string;
        this.pop();
        if (charCodeAt.call(arrayElementType, 0) === 91 /* '[' */) {
          this.pushDescriptor(symbolTable as SymbolTable, '[' + arrayElementType);
        } else {
          this.push(ARRAY_OF | REFERENCE_KIND | (symbolTable as SymbolTable).addType(arrayElementType));
        }
        break;
      }
      case Op.CHECKCAST: {
        const castType = (argSymbol as Symbol).value as string;
        this.pop();
        if (charCodeAt.call(castType, 0) === 91 /* '[' */) {
          this.pushDescriptor(symbolTable as SymbolTable, castType);
        } else {
          this.push(REFERENCE_KIND | (symbolTable as SymbolTable).addType(castType));
        }
        break;
      }
      case Op.MULTIANEWARRAY:
        this.popElements(arg);
        this.pushDescriptor(symbolTable as SymbolTable, (argSymbol as Symbol).value as string);
        break;
      default:
        throw new IllegalArgumentException('Invalid opcode: ' + opcode);
    }
  }

  /**
   * After a store to local `arg`: if local arg-1 holds (or may hold) the first half of a long or
   * double, that value is now broken and must read as TOP.
   */
  private invalidateTwoWordLocalBefore(arg: number): void {
    if (arg > 0) {
      const previousLocalType = this.getLocal(arg - 1);
      if (previousLocalType === LONG || previousLocalType === DOUBLE) {
        this.setLocal(arg - 1, TOP);
      } else if (
        (previousLocalType & KIND_MASK) === LOCAL_KIND ||
        (previousLocalType & KIND_MASK) === STACK_KIND
      ) {
        // Not known yet: becomes TOP if it turns out to be long or double.
        this.setLocal(arg - 1, previousLocalType | TOP_IF_LONG_OR_DOUBLE_FLAG);
      }
    }
  }

  // ## Merging (second step of the algorithm)

  /** The concrete type of an output type, now that the input frame (with `numStack` values) is known. */
  getConcreteOutputType(abstractOutputType: number, numStack: number): number {
    const dim = abstractOutputType & DIM_MASK;
    const kind = abstractOutputType & KIND_MASK;
    if (kind === LOCAL_KIND) {
      const localIndex = abstractOutputType & VALUE_MASK;
      if (localIndex >= this.inputLocalsLength) {
        throw invalidCode(`local ${localIndex} is beyond max_locals (${this.inputLocalsLength})`);
      }
      let concreteOutputType = (dim + (this.inputTypes as Int32Array)[this.inputLocalsOffset + localIndex]) | 0;
      if (
        (abstractOutputType & TOP_IF_LONG_OR_DOUBLE_FLAG) !== 0 &&
        (concreteOutputType === LONG || concreteOutputType === DOUBLE)
      ) {
        concreteOutputType = TOP;
      }
      return concreteOutputType;
    } else if (kind === STACK_KIND) {
      const stackIndex = numStack - (abstractOutputType & VALUE_MASK);
      if (stackIndex < 0) {
        throw invalidCode('a basic block pops more values than its input stack holds');
      }
      let concreteOutputType = (dim + (this.inputTypes as Int32Array)[this.inputStackOffset + stackIndex]) | 0;
      if (
        (abstractOutputType & TOP_IF_LONG_OR_DOUBLE_FLAG) !== 0 &&
        (concreteOutputType === LONG || concreteOutputType === DOUBLE)
      ) {
        concreteOutputType = TOP;
      }
      return concreteOutputType;
    }
    return abstractOutputType;
  }

  /**
   * Merges this block's output frame (resolved against its input frame) into the input frame of
   * `dstFrame`, a successor block. For an exception handler successor, `catchTypeIndex` is the
   * abstract type of the caught exception (else 0): then the input locals of this block are merged
   * too (the handler can be reached from the block's first instruction) and the stack is just the
   * exception. Returns whether dstFrame's input frame changed; this frame never changes.
   */
  merge(symbolTable: SymbolTable, dstFrame: Frame, catchTypeIndex: number): boolean {
    let frameChanged = false;
    const inputTypes = this.inputTypes as Int32Array;
    const inputLocalsOffset = this.inputLocalsOffset;
    const inputStackOffset = this.inputStackOffset;
    const numLocal = this.inputLocalsLength;
    const numStack = this.inputStackLength;
    const numInputStack = numStack + this.outputStackStart;
    const hasInitializations = this.initializations !== null;
    let dstTypes = dstFrame.inputTypes;
    // A new input frame (all zeros) just takes the types, with NULL for any null array type, as
    // Frame.merge would do; otherwise Frame.merge is only called on different types (it returns
    // false on equal ones).
    const isNewFrame = dstTypes === null;
    if (dstTypes === null) {
      // Both input arrays at once: the stack holds the exception, or what this block leaves.
      dstTypes = dstFrame.allocateInputFrame(
        numLocal,
        catchTypeIndex > 0 ? 1 : Math.max(numInputStack, 0) + this.outputStackTop,
      );
      frameChanged = true;
    }
    if (dstFrame.inputLocalsLength !== numLocal) {
      // Never happens (all the frames of a method have max_locals locals); dstTypes is a slice of
      // a shared chunk, which must not be written out of bounds.
      throw invalidCode('two frames of a method have different numbers of locals');
    }
    const dstLocalsOffset = dstFrame.inputLocalsOffset;
    const outputLocals = this.outputLocals;
    const numOutputLocals = outputLocals === null ? 0 : Math.min(this.outputLocalsLength, numLocal);
    const outputLocalsOffset = this.outputLocalsOffset;
    for (let i = 0; i < numLocal; ++i) {
      let concreteOutputType: number;
      if (i < numOutputLocals) {
        const abstractOutputType = (outputLocals as Int32Array)[outputLocalsOffset + i];
        concreteOutputType =
          abstractOutputType === 0
            ? inputTypes[inputLocalsOffset + i]
            : this.getConcreteOutputType(abstractOutputType, numStack);
      } else {
        concreteOutputType = inputTypes[inputLocalsOffset + i];
      }
      // An uninitialized type whose constructor was called in this block is initialized at its end.
      if (hasInitializations) {
        concreteOutputType = this.getInitializedType(symbolTable, concreteOutputType);
      }
      if (isNewFrame) {
        dstTypes[dstLocalsOffset + i] = (concreteOutputType & ~DIM_MASK) === NULL ? NULL : concreteOutputType;
      } else if (dstTypes[dstLocalsOffset + i] !== concreteOutputType) {
        frameChanged = Frame.merge(symbolTable, concreteOutputType, dstTypes, dstLocalsOffset + i) || frameChanged;
      }
    }

    if (catchTypeIndex > 0) {
      for (let i = 0; i < numLocal; ++i) {
        const inputLocal = inputTypes[inputLocalsOffset + i];
        if (dstTypes[dstLocalsOffset + i] !== inputLocal) {
          frameChanged = Frame.merge(symbolTable, inputLocal, dstTypes, dstLocalsOffset + i) || frameChanged;
        }
      }
      if (dstFrame.inputStackLength === 0) {
        throw invalidCode('an exception handler is also reached by a jump with an empty stack');
      }
      frameChanged = Frame.merge(symbolTable, catchTypeIndex, dstTypes, dstFrame.inputStackOffset) || frameChanged;
      return frameChanged;
    }

    if (numInputStack < 0) {
      throw invalidCode('a basic block pops more values than its input stack holds');
    }
    if (numInputStack + this.outputStackTop > dstFrame.inputStackLength) {
      throw invalidCode('the stack heights of two paths to the same instruction differ');
    }
    const dstStackOffset = dstFrame.inputStackOffset;
    // Input stack values the block did not pop (possibly initialized by the block).
    for (let i = 0; i < numInputStack; ++i) {
      let concreteOutputType = inputTypes[inputStackOffset + i];
      if (hasInitializations) {
        concreteOutputType = this.getInitializedType(symbolTable, concreteOutputType);
      }
      if (isNewFrame) {
        dstTypes[dstStackOffset + i] = (concreteOutputType & ~DIM_MASK) === NULL ? NULL : concreteOutputType;
      } else if (dstTypes[dstStackOffset + i] !== concreteOutputType) {
        frameChanged = Frame.merge(symbolTable, concreteOutputType, dstTypes, dstStackOffset + i) || frameChanged;
      }
    }
    // Values pushed by the block.
    const outputStack = this.outputStack;
    const outputStackOffset = this.outputStackOffset;
    const outputStackTop = this.outputStackTop;
    for (let i = 0; i < outputStackTop; ++i) {
      const abstractOutputType = (outputStack as Int32Array)[outputStackOffset + i];
      let concreteOutputType = this.getConcreteOutputType(abstractOutputType, numStack);
      if (hasInitializations) {
        concreteOutputType = this.getInitializedType(symbolTable, concreteOutputType);
      }
      const dstIndex = dstStackOffset + numInputStack + i;
      if (isNewFrame) {
        dstTypes[dstIndex] = (concreteOutputType & ~DIM_MASK) === NULL ? NULL : concreteOutputType;
      } else if (dstTypes[dstIndex] !== concreteOutputType) {
        frameChanged = Frame.merge(symbolTable, concreteOutputType, dstTypes, dstIndex) || frameChanged;
      }
    }
    return frameChanged;
  }

  /**
   * Merges `sourceType` into `dstTypes[dstIndex]` (both concrete types with DIM ≥ 0), following
   * the verifier's type lattice (JVMS §4.10.1.2) with the common super class coming from
   * SymbolTable.addMergedType. Returns whether the array element changed.
   */
  static merge(symbolTable: SymbolTable, sourceType: number, dstTypes: Int32Array, dstIndex: number): boolean {
    const dstType = dstTypes[dstIndex];
    if (dstType === sourceType) {
      return false;
    }
    let srcType = sourceType;
    if ((sourceType & ~DIM_MASK) === NULL) {
      if (dstType === NULL) {
        return false;
      }
      srcType = NULL;
    }
    if (dstType === 0) {
      // Not assigned yet: takes srcType.
      dstTypes[dstIndex] = srcType;
      return true;
    }
    let mergedType: number;
    if ((dstType & DIM_MASK) !== 0 || (dstType & KIND_MASK) === REFERENCE_KIND) {
      // dstType is a reference type, of any array dimension.
      if (srcType === NULL) {
        return false;
      } else if ((srcType & (DIM_MASK | KIND_MASK)) === (dstType & (DIM_MASK | KIND_MASK))) {
        // Same array dimension and same kind.
        if ((dstType & KIND_MASK) === REFERENCE_KIND) {
          // Two references with the same dimension: their common super class, same dimension.
          mergedType =
            (srcType & DIM_MASK) |
            REFERENCE_KIND |
            symbolTable.addMergedType(srcType & VALUE_MASK, dstType & VALUE_MASK);
        } else {
          // Arrays of different primitive types, same dimension: Object with one dimension less.
          const mergedDim = (ELEMENT_OF + (srcType & DIM_MASK)) | 0;
          mergedType = mergedDim | REFERENCE_KIND | symbolTable.addType('java/lang/Object');
        }
      } else if ((srcType & DIM_MASK) !== 0 || (srcType & KIND_MASK) === REFERENCE_KIND) {
        // Other reference or array types: Object with the smaller dimension, where an array of
        // primitives counts one dimension less.
        let srcDim = srcType & DIM_MASK;
        if (srcDim !== 0 && (srcType & KIND_MASK) !== REFERENCE_KIND) {
          srcDim = (ELEMENT_OF + srcDim) | 0;
        }
        let dstDim = dstType & DIM_MASK;
        if (dstDim !== 0 && (dstType & KIND_MASK) !== REFERENCE_KIND) {
          dstDim = (ELEMENT_OF + dstDim) | 0;
        }
        mergedType = Math.min(srcDim, dstDim) | REFERENCE_KIND | symbolTable.addType('java/lang/Object');
      } else {
        // A reference and a non-reference: TOP.
        mergedType = TOP;
      }
    } else if (dstType === NULL) {
      // null merged with a reference is that reference; with anything else, TOP.
      mergedType = (srcType & DIM_MASK) !== 0 || (srcType & KIND_MASK) === REFERENCE_KIND ? srcType : TOP;
    } else {
      // Any other dstType (a primitive, TOP or an uninitialized type): TOP, whatever srcType.
      mergedType = TOP;
    }
    if (mergedType !== dstType) {
      dstTypes[dstIndex] = mergedType;
      return true;
    }
    return false;
  }

  // ## Output to StackMapTable

  /**
   * Makes `methodWriter` visit the input frame of this frame (through visitFrameStart,
   * visitAbstractType and visitFrameEnd), at the offset of its owner. The TOP halves of long and
   * double values and trailing TOP locals are left out, as in StackMapTable (JVMS §4.7.4).
   */
  accept(methodWriter: MethodWriter): void {
    Frame.putInputFrame(
      methodWriter,
      (this.owner as Label).bytecodeOffset,
      this.inputTypes as Int32Array,
      this.inputLocalsOffset,
      this.inputLocalsLength,
      this.inputStackOffset,
      this.inputStackLength,
    );
  }

  /**
   * Makes `methodWriter` visit the frame at `bytecodeOffset` whose types are `types[localsOffset,
   * localsOffset + localsLength)` (the locals) and `types[stackOffset, stackOffset + stackLength)` (the
   * stack), long and double taking two slots: see accept.
   */
  static putInputFrame(
    methodWriter: MethodWriter,
    bytecodeOffset: number,
    types: Int32Array,
    localsOffset: number,
    localsLength: number,
    stackOffset: number,
    stackLength: number,
  ): void {
    // One pass over the types, straight into the writer's frame buffer (room for all of them: the
    // frame has fewer), then the counts in its header.
    const frameIndex = methodWriter.visitFrameStart(bytecodeOffset, localsLength, stackLength);
    const frame = methodWriter.currentFrame as Int32Array;
    let end = frameIndex;
    // Past the last local that is not TOP: trailing TOPs are left out.
    let localsEnd = frameIndex;
    for (let i = localsOffset, last = localsOffset + localsLength; i < last; ) {
      const localType = types[i]!;
      i += localType === LONG || localType === DOUBLE ? 2 : 1;
      frame[end++] = localType;
      if (localType !== TOP) localsEnd = end;
    }
    end = localsEnd;
    for (let i = stackOffset, last = stackOffset + stackLength; i < last; ) {
      const stackType = types[i]!;
      i += stackType === LONG || stackType === DOUBLE ? 2 : 1;
      frame[end++] = stackType;
    }
    frame[1] = localsEnd - frameIndex;
    frame[2] = end - localsEnd;
    methodWriter.visitFrameEnd();
  }

  /**
   * Writes an abstract type (CONSTANT_KIND, REFERENCE_KIND, UNINITIALIZED_KIND or
   * FORWARD_UNINITIALIZED_KIND) as a verification_type_info (JVMS §4.7.4).
   */
  static putAbstractType(symbolTable: SymbolTable, abstractType: number, output: ByteVector): void {
    if ((abstractType & DIM_MASK) === 0) {
      const typeValue = abstractType & VALUE_MASK;
      switch (abstractType & KIND_MASK) {
        case CONSTANT_KIND:
          output.putByte(typeValue);
          break;
        case REFERENCE_KIND:
          output.putByte(ITEM_OBJECT).putShort(symbolTable.getTypeConstantClassIndex(typeValue));
          break;
        case UNINITIALIZED_KIND:
          output.putByte(ITEM_UNINITIALIZED).putShort(Number(symbolTable.getType(typeValue).data));
          break;
        case FORWARD_UNINITIALIZED_KIND:
          output.putByte(ITEM_UNINITIALIZED);
          symbolTable.getForwardUninitializedLabel(typeValue).put(output);
          break;
        default:
          throw new Error('AssertionError: unexpected abstract type ' + abstractType);
      }
    } else {
      output.putByte(ITEM_OBJECT).putShort(symbolTable.getArrayTypeConstantClassIndex(abstractType, arrayTypeDescriptor));
    }
  }
}

/**
 * The descriptor of an array abstract type (DIM_MASK bits set) of `symbolTable`'s frames: the name
 * of its CONSTANT_Class in a verification_type_info (JVMS §4.7.4, §4.4.1).
 */
function arrayTypeDescriptor(symbolTable: SymbolTable, abstractType: number): string {
  let arrayDimensions = (abstractType & DIM_MASK) >> DIM_SHIFT;
  let typeDescriptor = '';
  while (arrayDimensions-- > 0) {
    typeDescriptor += '[';
  }
  if ((abstractType & KIND_MASK) === REFERENCE_KIND) {
    return typeDescriptor + 'L' + (symbolTable.getType(abstractType & VALUE_MASK).value as string) + ';';
  }
  switch (abstractType & VALUE_MASK) {
    case ITEM_ASM_BOOLEAN:
      return typeDescriptor + 'Z';
    case ITEM_ASM_BYTE:
      return typeDescriptor + 'B';
    case ITEM_ASM_CHAR:
      return typeDescriptor + 'C';
    case ITEM_ASM_SHORT:
      return typeDescriptor + 'S';
    case ITEM_INTEGER:
      return typeDescriptor + 'I';
    case ITEM_FLOAT:
      return typeDescriptor + 'F';
    case ITEM_LONG:
      return typeDescriptor + 'J';
    case ITEM_DOUBLE:
      return typeDescriptor + 'D';
    default:
      throw new Error('AssertionError: unexpected abstract type ' + abstractType);
  }
}
