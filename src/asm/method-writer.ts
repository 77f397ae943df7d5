import { ClassFormatError } from '../classfile/class-format-error.js';
import { AnnotationWriter } from './annotation-writer.js';
import type { AnnotationVisitor } from './annotation-visitor.js';
import { Attribute } from './attribute.js';
import { readS4, readU2 } from './big-endian.js';
import { ByteVector } from './byte-vector.js';
import type { ClassReader } from './class-reader.js';
import { Constants } from './constants.js';
import { WrittenAttribute } from './written-attribute.js';
import { CurrentFrame } from './current-frame.js';
import { Edge } from './edge.js';
import { CONSTANT_KIND, DIM_MASK, Frame, KIND_MASK, REFERENCE_KIND, VALUE_MASK } from './frame.js';
import type { Handle } from './handle.js';
import { Handler } from './handler.js';
import { IllegalArgumentException, IllegalStateException } from './java-exceptions.js';
import type { ConstantValue } from './java-values.js';
import { Label } from './label.js';
import { MethodTooLargeException } from './method-too-large-exception.js';
import { MethodVisitor, type FrameElement } from './method-visitor.js';
import { Opcodes } from './opcodes.js';
import { readerHints } from './reader-hints.js';
import { orderAttributesLikeSource, sourceMemberInfoOffset } from './source-attribute-order.js';
import { Symbol } from './symbol.js';
import type { SymbolTable } from './symbol-table.js';
import { Type } from './type.js';
import { TypePath } from './type-path.js';
import { spreadArguments } from './varargs.js';
import { Op } from './op.js';

/** String.prototype.charCodeAt, called with .call in per-character loops (why: see ByteVector). */
const charCodeAt = String.prototype.charCodeAt;

// ASM's own opcode for a GOTO_W that needs a frame after it (see Label.resolve), and GOTO_W - GOTO.
const ASM_GOTO_W = 220;
const WIDE_JUMP_OPCODE_DELTA = 33;

/** The NA entries of STACK_SIZE_DELTA: opcodes whose stack effect is not constant or never used here. */
const NA = 0;

/**
 * The stack size change of each opcode (JVMS §6.5), indexed by opcode. Long and double count two.
 */
const STACK_SIZE_DELTA = Int32Array.of(
  0, // nop = 0 (0x0)
  1, // aconst_null = 1 (0x1)
  1, // iconst_m1 = 2 (0x2)
  1, // iconst_0 = 3 (0x3)
  1, // iconst_1 = 4 (0x4)
  1, // iconst_2 = 5 (0x5)
  1, // iconst_3 = 6 (0x6)
  1, // iconst_4 = 7 (0x7)
  1, // iconst_5 = 8 (0x8)
  2, // lconst_0 = 9 (0x9)
  2, // lconst_1 = 10 (0xa)
  1, // fconst_0 = 11 (0xb)
  1, // fconst_1 = 12 (0xc)
  1, // fconst_2 = 13 (0xd)
  2, // dconst_0 = 14 (0xe)
  2, // dconst_1 = 15 (0xf)
  1, // bipush = 16 (0x10)
  1, // sipush = 17 (0x11)
  1, // ldc = 18 (0x12)
  NA, // ldc_w = 19 (0x13)
  NA, // ldc2_w = 20 (0x14)
  1, // iload = 21 (0x15)
  2, // lload = 22 (0x16)
  1, // fload = 23 (0x17)
  2, // dload = 24 (0x18)
  1, // aload = 25 (0x19)
  NA, // iload_0 = 26 (0x1a)
  NA, // iload_1 = 27 (0x1b)
  NA, // iload_2 = 28 (0x1c)
  NA, // iload_3 = 29 (0x1d)
  NA, // lload_0 = 30 (0x1e)
  NA, // lload_1 = 31 (0x1f)
  NA, // lload_2 = 32 (0x20)
  NA, // lload_3 = 33 (0x21)
  NA, // fload_0 = 34 (0x22)
  NA, // fload_1 = 35 (0x23)
  NA, // fload_2 = 36 (0x24)
  NA, // fload_3 = 37 (0x25)
  NA, // dload_0 = 38 (0x26)
  NA, // dload_1 = 39 (0x27)
  NA, // dload_2 = 40 (0x28)
  NA, // dload_3 = 41 (0x29)
  NA, // aload_0 = 42 (0x2a)
  NA, // aload_1 = 43 (0x2b)
  NA, // aload_2 = 44 (0x2c)
  NA, // aload_3 = 45 (0x2d)
  -1, // iaload = 46 (0x2e)
  0, // laload = 47 (0x2f)
  -1, // faload = 48 (0x30)
  0, // daload = 49 (0x31)
  -1, // aaload = 50 (0x32)
  -1, // baload = 51 (0x33)
  -1, // caload = 52 (0x34)
  -1, // saload = 53 (0x35)
  -1, // istore = 54 (0x36)
  -2, // lstore = 55 (0x37)
  -1, // fstore = 56 (0x38)
  -2, // dstore = 57 (0x39)
  -1, // astore = 58 (0x3a)
  NA, // istore_0 = 59 (0x3b)
  NA, // istore_1 = 60 (0x3c)
  NA, // istore_2 = 61 (0x3d)
  NA, // istore_3 = 62 (0x3e)
  NA, // lstore_0 = 63 (0x3f)
  NA, // lstore_1 = 64 (0x40)
  NA, // lstore_2 = 65 (0x41)
  NA, // lstore_3 = 66 (0x42)
  NA, // fstore_0 = 67 (0x43)
  NA, // fstore_1 = 68 (0x44)
  NA, // fstore_2 = 69 (0x45)
  NA, // fstore_3 = 70 (0x46)
  NA, // dstore_0 = 71 (0x47)
  NA, // dstore_1 = 72 (0x48)
  NA, // dstore_2 = 73 (0x49)
  NA, // dstore_3 = 74 (0x4a)
  NA, // astore_0 = 75 (0x4b)
  NA, // astore_1 = 76 (0x4c)
  NA, // astore_2 = 77 (0x4d)
  NA, // astore_3 = 78 (0x4e)
  -3, // iastore = 79 (0x4f)
  -4, // lastore = 80 (0x50)
  -3, // fastore = 81 (0x51)
  -4, // dastore = 82 (0x52)
  -3, // aastore = 83 (0x53)
  -3, // bastore = 84 (0x54)
  -3, // castore = 85 (0x55)
  -3, // sastore = 86 (0x56)
  -1, // pop = 87 (0x57)
  -2, // pop2 = 88 (0x58)
  1, // dup = 89 (0x59)
  1, // dup_x1 = 90 (0x5a)
  1, // dup_x2 = 91 (0x5b)
  2, // dup2 = 92 (0x5c)
  2, // dup2_x1 = 93 (0x5d)
  2, // dup2_x2 = 94 (0x5e)
  0, // swap = 95 (0x5f)
  -1, // iadd = 96 (0x60)
  -2, // ladd = 97 (0x61)
  -1, // fadd = 98 (0x62)
  -2, // dadd = 99 (0x63)
  -1, // isub = 100 (0x64)
  -2, // lsub = 101 (0x65)
  -1, // fsub = 102 (0x66)
  -2, // dsub = 103 (0x67)
  -1, // imul = 104 (0x68)
  -2, // lmul = 105 (0x69)
  -1, // fmul = 106 (0x6a)
  -2, // dmul = 107 (0x6b)
  -1, // idiv = 108 (0x6c)
  -2, // ldiv = 109 (0x6d)
  -1, // fdiv = 110 (0x6e)
  -2, // ddiv = 111 (0x6f)
  -1, // irem = 112 (0x70)
  -2, // lrem = 113 (0x71)
  -1, // frem = 114 (0x72)
  -2, // drem = 115 (0x73)
  0, // ineg = 116 (0x74)
  0, // lneg = 117 (0x75)
  0, // fneg = 118 (0x76)
  0, // dneg = 119 (0x77)
  -1, // ishl = 120 (0x78)
  -1, // lshl = 121 (0x79)
  -1, // ishr = 122 (0x7a)
  -1, // lshr = 123 (0x7b)
  -1, // iushr = 124 (0x7c)
  -1, // lushr = 125 (0x7d)
  -1, // iand = 126 (0x7e)
  -2, // land = 127 (0x7f)
  -1, // ior = 128 (0x80)
  -2, // lor = 129 (0x81)
  -1, // ixor = 130 (0x82)
  -2, // lxor = 131 (0x83)
  0, // iinc = 132 (0x84)
  1, // i2l = 133 (0x85)
  0, // i2f = 134 (0x86)
  1, // i2d = 135 (0x87)
  -1, // l2i = 136 (0x88)
  -1, // l2f = 137 (0x89)
  0, // l2d = 138 (0x8a)
  0, // f2i = 139 (0x8b)
  1, // f2l = 140 (0x8c)
  1, // f2d = 141 (0x8d)
  -1, // d2i = 142 (0x8e)
  0, // d2l = 143 (0x8f)
  -1, // d2f = 144 (0x90)
  0, // i2b = 145 (0x91)
  0, // i2c = 146 (0x92)
  0, // i2s = 147 (0x93)
  -3, // lcmp = 148 (0x94)
  -1, // fcmpl = 149 (0x95)
  -1, // fcmpg = 150 (0x96)
  -3, // dcmpl = 151 (0x97)
  -3, // dcmpg = 152 (0x98)
  -1, // ifeq = 153 (0x99)
  -1, // ifne = 154 (0x9a)
  -1, // iflt = 155 (0x9b)
  -1, // ifge = 156 (0x9c)
  -1, // ifgt = 157 (0x9d)
  -1, // ifle = 158 (0x9e)
  -2, // if_icmpeq = 159 (0x9f)
  -2, // if_icmpne = 160 (0xa0)
  -2, // if_icmplt = 161 (0xa1)
  -2, // if_icmpge = 162 (0xa2)
  -2, // if_icmpgt = 163 (0xa3)
  -2, // if_icmple = 164 (0xa4)
  -2, // if_acmpeq = 165 (0xa5)
  -2, // if_acmpne = 166 (0xa6)
  0, // goto = 167 (0xa7)
  1, // jsr = 168 (0xa8)
  0, // ret = 169 (0xa9)
  -1, // tableswitch = 170 (0xaa)
  -1, // lookupswitch = 171 (0xab)
  -1, // ireturn = 172 (0xac)
  -2, // lreturn = 173 (0xad)
  -1, // freturn = 174 (0xae)
  -2, // dreturn = 175 (0xaf)
  -1, // areturn = 176 (0xb0)
  0, // return = 177 (0xb1)
  NA, // getstatic = 178 (0xb2)
  NA, // putstatic = 179 (0xb3)
  NA, // getfield = 180 (0xb4)
  NA, // putfield = 181 (0xb5)
  NA, // invokevirtual = 182 (0xb6)
  NA, // invokespecial = 183 (0xb7)
  NA, // invokestatic = 184 (0xb8)
  NA, // invokeinterface = 185 (0xb9)
  NA, // invokedynamic = 186 (0xba)
  1, // new = 187 (0xbb)
  0, // newarray = 188 (0xbc)
  0, // anewarray = 189 (0xbd)
  0, // arraylength = 190 (0xbe)
  NA, // athrow = 191 (0xbf)
  0, // checkcast = 192 (0xc0)
  0, // instanceof = 193 (0xc1)
  -1, // monitorenter = 194 (0xc2)
  -1, // monitorexit = 195 (0xc3)
  NA, // wide = 196 (0xc4)
  NA, // multianewarray = 197 (0xc5)
  -1, // ifnull = 198 (0xc6)
  -1, // ifnonnull = 199 (0xc7)
  NA, // goto_w = 200 (0xc8)
  NA, // jsr_w = 201 (0xc9)
);

/** Java's (short) cast, for the 16-bit fields of Label. */
function toShort(value: number): number {
  return (value << 16) >> 16;
}

/**
 * A MethodVisitor that builds a method_info structure (JVMS §4.6) and its Code attribute
 * (JVMS §4.7.3), optionally computing max_stack, max_locals and the StackMapTable frames. Created
 * by ClassWriter.visitMethod; method writers are chained through the `mv` field.
 *
 * @internal
 */
export class MethodWriter extends MethodVisitor {
  /** Nothing is computed: max_stack, max_locals and frames come from the visitor. */
  static readonly COMPUTE_NOTHING = 0;

  /** max_stack and max_locals are computed from scratch, with a control flow graph. */
  static readonly COMPUTE_MAX_STACK_AND_LOCAL = 1;

  /**
   * max_stack and max_locals are computed from the visited frames, which makes a linear scan of
   * the instructions sufficient.
   */
  static readonly COMPUTE_MAX_STACK_AND_LOCAL_FROM_FRAMES = 2;

  /**
   * Only the frames of kind F_INSERT are computed, from the previous F_NEW frame and the
   * instructions in between; all other frames must be visited as F_NEW. Needs no type hierarchy.
   */
  static readonly COMPUTE_INSERTED_FRAMES = 3;

  /** All frames, max_stack and max_locals are computed from scratch. */
  static readonly COMPUTE_ALL_FRAMES = 4;

  /** @internal Where the constants of this method are stored. */
  symbolTable: SymbolTable;

  // The fields follow the order of method_info, and the attribute fields the order of JVMS §4.7.

  /** @internal access_flags, possibly with ASM-only flags (ACC_DEPRECATED, ACC_CONSTRUCTOR) above bit 15. */
  accessFlags: number;

  /** @internal name_index. */
  nameIndex: number;

  /** @internal The method name. */
  name: string;

  /** @internal descriptor_index. */
  descriptorIndex: number;

  /** @internal The method descriptor. */
  descriptor: string;

  // ## Code attribute and its attributes

  /** @internal max_stack. */
  maxStack: number;

  /** @internal max_locals. */
  maxLocals: number;

  /** @internal The code array. */
  code: ByteVector;

  /** @internal The first exception_table entry, or null (the list is linked by Handler.nextHandler). */
  firstHandler: Handler | null;

  /** @internal The last exception_table entry, or null. */
  lastHandler: Handler | null;

  /** @internal line_number_table_length of LineNumberTable. */
  lineNumberTableLength: number;

  /**
   * @internal The vector holding the line_number_table array (at lineNumberTableOffset, 4 bytes an
   * entry), or null. Built by visitLineNumber, it is a vector of its own (offset 0); the code
   * transcoder (code-transcoder.ts) leaves a method's three debug tables in the storage of `code`,
   * after the code: one array reserved per method instead of one per table (a typed array view costs
   * an allocation). A visit event that appends to such a table first copies it (ownedTable).
   */
  lineNumberTable: ByteVector | null;

  /** @internal The byte offset of line_number_table in lineNumberTable's data. */
  lineNumberTableOffset: number;

  /** @internal local_variable_table_length of LocalVariableTable. */
  localVariableTableLength: number;

  /** @internal The vector holding the local_variable_table array (10 bytes an entry), or null; see lineNumberTable. */
  localVariableTable: ByteVector | null;

  /** @internal The byte offset of local_variable_table in localVariableTable's data. */
  localVariableTableOffset: number;

  /** @internal local_variable_type_table_length of LocalVariableTypeTable. */
  localVariableTypeTableLength: number;

  /** @internal The vector holding the local_variable_type_table array (10 bytes an entry), or null; see lineNumberTable. */
  localVariableTypeTable: ByteVector | null;

  /** @internal The byte offset of local_variable_type_table in localVariableTypeTable's data. */
  localVariableTypeTableOffset: number;

  /** @internal number_of_entries of StackMapTable. */
  stackMapTableNumberOfEntries: number;

  /** @internal The StackMapTable entries array, or null. */
  stackMapTableEntries: ByteVector | null;

  /** @internal The last RuntimeVisibleTypeAnnotations entry of the Code attribute (linked backwards). */
  lastCodeRuntimeVisibleTypeAnnotation: AnnotationWriter | null;

  /** @internal The last RuntimeInvisibleTypeAnnotations entry of the Code attribute (linked backwards). */
  lastCodeRuntimeInvisibleTypeAnnotation: AnnotationWriter | null;

  /**
   * @internal The non-standard Code attributes, linked by Attribute.nextAttribute in the reverse
   * order of their visit (and written in that order, as ASM does).
   */
  firstCodeAttribute: Attribute | null;

  // ## Other method_info attributes

  /** @internal number_of_exceptions of Exceptions. */
  numberOfExceptions: number;

  /** @internal exception_index_table of Exceptions, or null. */
  exceptionIndexTable: Int32Array | null;

  /** @internal signature_index of Signature, or 0. */
  signatureIndex: number;

  /** @internal The last runtime visible annotation (linked backwards), or null. */
  lastRuntimeVisibleAnnotation: AnnotationWriter | null;

  /** @internal The last runtime invisible annotation (linked backwards), or null. */
  lastRuntimeInvisibleAnnotation: AnnotationWriter | null;

  /** @internal num_parameters of RuntimeVisibleParameterAnnotations, or 0 for the descriptor's count. */
  visibleAnnotableParameterCount: number;

  /** @internal The last runtime visible annotation of each parameter, or null. */
  lastRuntimeVisibleParameterAnnotations: (AnnotationWriter | null)[] | null;

  /** @internal num_parameters of RuntimeInvisibleParameterAnnotations, or 0 for the descriptor's count. */
  invisibleAnnotableParameterCount: number;

  /** @internal The last runtime invisible annotation of each parameter, or null. */
  lastRuntimeInvisibleParameterAnnotations: (AnnotationWriter | null)[] | null;

  /** @internal The last runtime visible type annotation (linked backwards), or null. */
  lastRuntimeVisibleTypeAnnotation: AnnotationWriter | null;

  /** @internal The last runtime invisible type annotation (linked backwards), or null. */
  lastRuntimeInvisibleTypeAnnotation: AnnotationWriter | null;

  /** @internal default_value of AnnotationDefault, or null. */
  defaultValue: ByteVector | null;

  /** @internal parameters_count of MethodParameters. */
  parametersCount: number;

  /** @internal The parameters array of MethodParameters, or null. */
  parameters: ByteVector | null;

  /** @internal The non-standard method attributes, in the reverse order of their visit. */
  firstAttribute: Attribute | null;

  // ## State of the max stack / max locals / frame computations

  /** @internal One of the COMPUTE_* constants. */
  compute: number;

  /** @internal The first basic block; the next ones follow Label.nextBasicBlock. */
  firstBasicBlock: Label | null;

  /** @internal The last basic block (in bytecode order). */
  lastBasicBlock: Label | null;

  /**
   * @internal The basic block of the last visited instruction. With COMPUTE_MAX_STACK_AND_LOCAL
   * and COMPUTE_ALL_FRAMES it is null in unreachable code. With
   * COMPUTE_MAX_STACK_AND_LOCAL_FROM_FRAMES and COMPUTE_INSERTED_FRAMES it never changes: the
   * visited frames make a control flow graph unnecessary, and the whole code is one block.
   */
  currentBasicBlock: Label | null;

  /**
   * @internal The stack size after the last visited instruction, relative to the input stack size
   * of the current basic block (absolute with COMPUTE_MAX_STACK_AND_LOCAL_FROM_FRAMES).
   */
  relativeStackSize: number;

  /** @internal The maximum of relativeStackSize in the current basic block. */
  maxRelativeStackSize: number;

  /** @internal The number of locals in the last visited frame. */
  currentLocals: number;

  /** @internal The bytecode offset of the last frame written in stackMapTableEntries. */
  previousFrameOffset: number;

  /** @internal The last frame written in stackMapTableEntries, in the format of currentFrame. */
  previousFrame: Int32Array | null;

  /**
   * @internal The frame being built: [offset, numLocal, numStack, locals..., stack...], the types
   * being Frame abstract types of constant, reference or (forward) uninitialized kind; long and
   * double take one element.
   */
  currentFrame: Int32Array | null;

  /** @internal Whether the method has jsr instructions. */
  hasSubroutines: boolean;

  // ## Other state

  /** @internal Whether the code contains ASM-specific opcodes (long forward jumps to expand). */
  containsAsmInstructions: boolean;

  /** @internal The offset of the last visited instruction (for offset_target type annotations, JVMS §4.7.20.1). */
  lastBytecodeOffset: number;

  /**
   * @internal The offset in the source class file of the method_info bytes to copy (after its
   * first 6 bytes), or 0 when the method is written from its visited content.
   */
  sourceOffset: number;

  /** @internal The number of method_info bytes to copy from sourceOffset. */
  sourceLength: number;

  /**
   * @internal Whether the copied method_info has a Synthetic attribute. The copied bytes then
   * carry it, and access_flags keep the ACC_SYNTHETIC bit of the source (the reader adds that bit
   * to what it visits when it sees the attribute), so that the copy stays byte-identical.
   */
  sourceHasSyntheticAttribute: boolean;

  /** @internal The access_flags of the copied method_info. */
  sourceAccessFlags: number;

  /**
   * The offset of the source method_info (JVMS §4.6) this method was read from, whose attribute order
   * putMethodInfo follows (see source-attribute-order.ts), or 0.
   */
  private attributeOrderSource: number;

  constructor(
    symbolTable: SymbolTable,
    access: number,
    name: string,
    descriptor: string,
    signature: string | null,
    exceptions: readonly string[] | null,
    compute: number,
    sourceMethodInfoOffset = 0,
  ) {
    super(Opcodes.ASM9);
    this.symbolTable = symbolTable;
    this.accessFlags = name === '<init>' ? access | Constants.ACC_CONSTRUCTOR : access;
    // The source method_info this method most likely comes from (JVMS §4.6), if any: its indices
    // are checked first (see SymbolTable.addConstantUtf8Hinted).
    const sourceBytes = sourceMethodInfoOffset === 0 ? null : symbolTable.getSource()!.classFileBuffer;
    if (sourceBytes === null) {
      // The method_info the reader visiting now is at, if any (see readerHints).
      const memberInfoOffset = readerHints.memberInfoOffset;
      this.nameIndex = symbolTable.addConstantUtf8FromReader(name, memberInfoOffset + 2);
      this.descriptorIndex = symbolTable.addConstantUtf8FromReader(descriptor, memberInfoOffset + 4);
    } else {
      const offset = sourceMethodInfoOffset;
      this.nameIndex = symbolTable.addConstantUtf8Hinted(name, (sourceBytes[offset + 2]! << 8) | sourceBytes[offset + 3]!);
      this.descriptorIndex = symbolTable.addConstantUtf8Hinted(
        descriptor,
        (sourceBytes[offset + 4]! << 8) | sourceBytes[offset + 5]!,
      );
    }
    this.attributeOrderSource = sourceMemberInfoOffset(sourceBytes, sourceMethodInfoOffset, this.nameIndex, this.descriptorIndex);
    this.name = name;
    this.descriptor = descriptor;
    this.maxStack = 0;
    this.maxLocals = 0;
    this.code = new ByteVector();
    this.firstHandler = null;
    this.lastHandler = null;
    this.lineNumberTableLength = 0;
    this.lineNumberTable = null;
    this.lineNumberTableOffset = 0;
    this.localVariableTableLength = 0;
    this.localVariableTable = null;
    this.localVariableTableOffset = 0;
    this.localVariableTypeTableLength = 0;
    this.localVariableTypeTable = null;
    this.localVariableTypeTableOffset = 0;
    this.stackMapTableNumberOfEntries = 0;
    this.stackMapTableEntries = null;
    this.lastCodeRuntimeVisibleTypeAnnotation = null;
    this.lastCodeRuntimeInvisibleTypeAnnotation = null;
    this.firstCodeAttribute = null;
    if (signature === null) {
      this.signatureIndex = 0;
    } else if (sourceBytes === null) {
      // A hint of the dictionary, if the reader visiting is one (see SymbolTable.dictionaryHintReader).
      this.signatureIndex = symbolTable.addConstantUtf8Hinted(signature, readerHints.memberSignatureIndex);
    } else {
      const signatureOffset = symbolTable.findSourceAttribute(sourceMethodInfoOffset + 6, Constants.SIGNATURE);
      this.signatureIndex = symbolTable.addConstantUtf8Hinted(
        signature,
        signatureOffset === 0 ? 0 : (sourceBytes[signatureOffset]! << 8) | sourceBytes[signatureOffset + 1]!,
      );
    }
    if (exceptions !== null && exceptions.length > 0) {
      const numberOfExceptions = exceptions.length;
      const exceptionIndexTable = new Int32Array(numberOfExceptions);
      // JVMS §4.7.5: number_of_exceptions, then exception_index_table.
      // Hints from the source's (copy path) or the dictionary's (see SymbolTable.dictionaryHintReader).
      let hintBytes: Uint8Array | null = sourceBytes;
      let sourceExceptionsOffset = 0;
      let sourceNumberOfExceptions = 0;
      if (sourceBytes !== null) {
        sourceExceptionsOffset = symbolTable.findSourceAttribute(sourceMethodInfoOffset + 6, Constants.EXCEPTIONS);
      } else {
        hintBytes = symbolTable.dictionaryHintReader()?.classFileBuffer ?? null;
        sourceExceptionsOffset = hintBytes === null ? 0 : readerHints.methodExceptionsOffset;
      }
      if (sourceExceptionsOffset !== 0 && sourceExceptionsOffset + 1 < hintBytes!.length) {
        sourceNumberOfExceptions = Math.min(
          (hintBytes![sourceExceptionsOffset]! << 8) | hintBytes![sourceExceptionsOffset + 1]!,
          (hintBytes!.length - sourceExceptionsOffset - 2) >> 1,
        );
      }
      for (let i = 0; i < numberOfExceptions; ++i) {
        const hint =
          i < sourceNumberOfExceptions
            ? (hintBytes![sourceExceptionsOffset + 2 + 2 * i]! << 8) | hintBytes![sourceExceptionsOffset + 3 + 2 * i]!
            : 0;
        exceptionIndexTable[i] = symbolTable.addConstantClassHinted(exceptions[i]!, hint).index;
      }
      this.numberOfExceptions = numberOfExceptions;
      this.exceptionIndexTable = exceptionIndexTable;
    } else {
      this.numberOfExceptions = 0;
      this.exceptionIndexTable = null;
    }
    this.lastRuntimeVisibleAnnotation = null;
    this.lastRuntimeInvisibleAnnotation = null;
    this.visibleAnnotableParameterCount = 0;
    this.lastRuntimeVisibleParameterAnnotations = null;
    this.invisibleAnnotableParameterCount = 0;
    this.lastRuntimeInvisibleParameterAnnotations = null;
    this.lastRuntimeVisibleTypeAnnotation = null;
    this.lastRuntimeInvisibleTypeAnnotation = null;
    this.defaultValue = null;
    this.parametersCount = 0;
    this.parameters = null;
    this.firstAttribute = null;
    this.compute = compute;
    this.firstBasicBlock = null;
    this.lastBasicBlock = null;
    this.currentBasicBlock = null;
    this.relativeStackSize = 0;
    this.maxRelativeStackSize = 0;
    this.currentLocals = 0;
    this.previousFrameOffset = 0;
    this.previousFrame = null;
    this.currentFrame = null;
    this.hasSubroutines = false;
    this.containsAsmInstructions = false;
    this.lastBytecodeOffset = 0;
    this.sourceOffset = 0;
    this.sourceLength = 0;
    this.sourceHasSyntheticAttribute = false;
    this.sourceAccessFlags = 0;
    if (compute !== MethodWriter.COMPUTE_NOTHING) {
      // The arguments (and `this`) are the initial locals: sizes the reader visiting now found when it
      // checked this descriptor, if it is the one (see readerHints), else computed.
      const hintReader = readerHints.reader;
      let sizes = 0;
      if (sourceBytes === null && hintReader !== null) {
        const descriptorIndexOffset = readerHints.memberInfoOffset + 4;
        const bytes = hintReader.classFileBuffer;
        if (descriptorIndexOffset > 4 && descriptorIndexOffset + 1 < bytes.length) {
          sizes = hintReader.methodDescriptorSizesOf(descriptor, (bytes[descriptorIndexOffset]! << 8) | bytes[descriptorIndexOffset + 1]!);
        }
      }
      let argumentsSize = (sizes !== 0 ? sizes : Type.getArgumentsAndReturnSizes(descriptor)) >> 2;
      if ((access & Opcodes.ACC_STATIC) !== 0) {
        --argumentsSize;
      }
      this.maxLocals = argumentsSize;
      this.currentLocals = argumentsSize;
      // The first basic block starts at offset 0.
      const firstBasicBlock = new Label();
      this.firstBasicBlock = firstBasicBlock;
      this.visitLabel(firstBasicBlock);
    }
  }

  /** @internal Whether frames were written (visited or computed) for this method. */
  hasFrames(): boolean {
    return this.stackMapTableNumberOfEntries > 0;
  }

  /** @internal Whether the code contains ASM-specific opcodes that the ClassWriter must expand. */
  hasAsmInstructions(): boolean {
    return this.containsAsmInstructions;
  }

  // ## MethodVisitor implementation: parameters, annotations, attributes

  override visitParameter(name: string | null, access: number): void {
    name ??= null; // undefined from plain JavaScript is Java's null
    let parameters = this.parameters;
    if (parameters === null) {
      parameters = this.parameters = new ByteVector();
    }
    ++this.parametersCount;
    parameters.putShort(name === null ? 0 : this.symbolTable.addConstantUtf8(name)).putShort(access);
  }

  override visitAnnotationDefault(): AnnotationVisitor {
    const defaultValue = (this.defaultValue = new ByteVector());
    return new AnnotationWriter(this.symbolTable, /* useNamedValues= */ false, defaultValue, null);
  }

  override visitAnnotation(descriptor: string, visible: boolean): AnnotationVisitor {
    if (visible) {
      return (this.lastRuntimeVisibleAnnotation = AnnotationWriter.create(
        this.symbolTable,
        descriptor,
        this.lastRuntimeVisibleAnnotation,
      ));
    }
    return (this.lastRuntimeInvisibleAnnotation = AnnotationWriter.create(
      this.symbolTable,
      descriptor,
      this.lastRuntimeInvisibleAnnotation,
    ));
  }

  override visitTypeAnnotation(
    typeRef: number,
    typePath: TypePath | null,
    descriptor: string,
    visible: boolean,
  ): AnnotationVisitor {
    if (visible) {
      return (this.lastRuntimeVisibleTypeAnnotation = AnnotationWriter.create(
        this.symbolTable,
        typeRef,
        typePath,
        descriptor,
        this.lastRuntimeVisibleTypeAnnotation,
      ));
    }
    return (this.lastRuntimeInvisibleTypeAnnotation = AnnotationWriter.create(
      this.symbolTable,
      typeRef,
      typePath,
      descriptor,
      this.lastRuntimeInvisibleTypeAnnotation,
    ));
  }

  override visitAnnotableParameterCount(parameterCount: number, visible: boolean): void {
    if (visible) {
      this.visibleAnnotableParameterCount = parameterCount;
    } else {
      this.invisibleAnnotableParameterCount = parameterCount;
    }
  }

  override visitParameterAnnotation(parameter: number, annotationDescriptor: string, visible: boolean): AnnotationVisitor {
    // JVMS §4.7.18: num_parameters need not match the descriptor (javac omits synthetic parameters,
    // and a class file may declare more); size the table for whichever is larger, so that every
    // annotation read is written back.
    const annotableCount = visible ? this.visibleAnnotableParameterCount : this.invisibleAnnotableParameterCount;
    const annotations = parameterAnnotationSlots(
      visible ? this.lastRuntimeVisibleParameterAnnotations : this.lastRuntimeInvisibleParameterAnnotations,
      Math.max(Type.getArgumentCount(this.descriptor), annotableCount, parameter + 1),
    );
    if (visible) {
      this.lastRuntimeVisibleParameterAnnotations = annotations;
    } else {
      this.lastRuntimeInvisibleParameterAnnotations = annotations;
    }
    return (annotations[parameter] = AnnotationWriter.create(this.symbolTable, annotationDescriptor, annotations[parameter]!));
  }

  override visitAttribute(attribute: Attribute): void {
    // Kept in the reverse order of their visit (see firstAttribute).
    if (attribute.isCodeAttribute()) {
      attribute.nextAttribute = this.firstCodeAttribute;
      this.firstCodeAttribute = attribute;
    } else {
      attribute.nextAttribute = this.firstAttribute;
      this.firstAttribute = attribute;
    }
  }

  override visitCode(): void {
    // Nothing to do.
  }

  // ## Frames

  override visitFrame(
    type: number,
    numLocal: number,
    local: FrameElement[] | null,
    numStack: number,
    stack: FrameElement[] | null,
  ): void {
    if (this.compute === MethodWriter.COMPUTE_ALL_FRAMES) {
      return;
    }
    // Plain JavaScript ports leave out the trailing `0, null` of a frame with an empty stack
    // (`visitFrame(F_NEW, 2, locals)`): an undefined count is 0 (it sized the frame as NaN).
    numLocal ??= 0;
    numStack ??= 0;

    if (this.compute === MethodWriter.COMPUTE_INSERTED_FRAMES) {
      const currentBasicBlock = this.currentBasicBlock as Label;
      if (currentBasicBlock.frame === null) {
        // Only once, for the implicit first frame, which ClassReader visits explicitly with
        // EXPAND_ASM_INSNS (the only case where COMPUTE_INSERTED_FRAMES is used).
        const frame = new CurrentFrame(currentBasicBlock);
        currentBasicBlock.frame = frame;
        frame.setInputFrameFromDescriptor(this.symbolTable, this.accessFlags, this.descriptor, numLocal);
        frame.accept(this);
      } else {
        if (type === Opcodes.F_NEW) {
          currentBasicBlock.frame.setInputFrameFromApiFormat(this.symbolTable, numLocal, local, numStack, stack);
        }
        // Otherwise the type is F_INSERT, and the frame already holds the state at this
        // instruction, computed from the last F_NEW frame by CurrentFrame.execute.
        currentBasicBlock.frame.accept(this);
      }
    } else if (type === Opcodes.F_NEW) {
      if (this.previousFrame === null) {
        // Write the implicit first frame, against which the first explicit frame is compressed.
        const argumentsSize = Type.getArgumentsAndReturnSizes(this.descriptor) >> 2;
        const implicitFirstFrame = new Frame(new Label());
        implicitFirstFrame.setInputFrameFromDescriptor(this.symbolTable, this.accessFlags, this.descriptor, argumentsSize);
        implicitFirstFrame.accept(this);
      }
      this.currentLocals = numLocal;
      let frameIndex = this.visitFrameStart(this.code.length, numLocal, numStack);
      const currentFrame = this.currentFrame as Int32Array;
      for (let i = 0; i < numLocal; ++i) {
        currentFrame[frameIndex++] = Frame.getAbstractTypeFromApiFormat(this.symbolTable, (local as FrameElement[])[i]);
      }
      for (let i = 0; i < numStack; ++i) {
        currentFrame[frameIndex++] = Frame.getAbstractTypeFromApiFormat(this.symbolTable, (stack as FrameElement[])[i]);
      }
      this.visitFrameEnd();
    } else {
      // A compressed frame, written as is (JVMS §4.7.4).
      if (this.symbolTable.getMajorVersion() < Opcodes.V1_6) {
        throw new IllegalArgumentException('Class versions V1_5 or less must use F_NEW frames.');
      }
      let stackMapTableEntries = this.stackMapTableEntries;
      let offsetDelta: number;
      if (stackMapTableEntries === null) {
        stackMapTableEntries = this.stackMapTableEntries = new ByteVector();
        offsetDelta = this.code.length;
      } else {
        offsetDelta = this.code.length - this.previousFrameOffset - 1;
        if (offsetDelta < 0) {
          if (type === Opcodes.F_SAME) {
            // A second frame at the same offset that changes nothing: drop it.
            return;
          }
          throw new IllegalStateException('two frames at the same bytecode offset');
        }
      }

      switch (type) {
        case Opcodes.F_FULL:
          this.currentLocals = numLocal;
          stackMapTableEntries.putByte(Frame.FULL_FRAME).putShort(offsetDelta).putShort(numLocal);
          for (let i = 0; i < numLocal; ++i) {
            this.putFrameType((local as FrameElement[])[i], readerHints.frameLocalClassIndices[i]);
          }
          stackMapTableEntries.putShort(numStack);
          for (let i = 0; i < numStack; ++i) {
            this.putFrameType((stack as FrameElement[])[i], readerHints.frameStackClassIndices[i]);
          }
          break;
        case Opcodes.F_APPEND:
          this.currentLocals += numLocal;
          stackMapTableEntries.putByte(Frame.SAME_FRAME_EXTENDED + numLocal).putShort(offsetDelta);
          for (let i = 0; i < numLocal; ++i) {
            this.putFrameType((local as FrameElement[])[i], readerHints.frameLocalClassIndices[i]);
          }
          break;
        case Opcodes.F_CHOP:
          this.currentLocals -= numLocal;
          stackMapTableEntries.putByte(Frame.SAME_FRAME_EXTENDED - numLocal).putShort(offsetDelta);
          break;
        case Opcodes.F_SAME:
          if (offsetDelta < 64) {
            stackMapTableEntries.putByte(offsetDelta);
          } else {
            stackMapTableEntries.putByte(Frame.SAME_FRAME_EXTENDED).putShort(offsetDelta);
          }
          break;
        case Opcodes.F_SAME1:
          if (offsetDelta < 64) {
            stackMapTableEntries.putByte(Frame.SAME_LOCALS_1_STACK_ITEM_FRAME + offsetDelta);
          } else {
            stackMapTableEntries.putByte(Frame.SAME_LOCALS_1_STACK_ITEM_FRAME_EXTENDED).putShort(offsetDelta);
          }
          this.putFrameType((stack as FrameElement[])[0], readerHints.frameStackClassIndices[0]);
          break;
        default:
          throw new IllegalArgumentException('Invalid frame type: ' + type);
      }

      this.previousFrameOffset = this.code.length;
      ++this.stackMapTableNumberOfEntries;
    }

    if (this.compute === MethodWriter.COMPUTE_MAX_STACK_AND_LOCAL_FROM_FRAMES) {
      // The stack of a frame is the absolute stack size at that point (long and double count two).
      let relativeStackSize = numStack;
      for (let i = 0; i < numStack; ++i) {
        const stackType = (stack as FrameElement[])[i];
        if (stackType === Opcodes.LONG || stackType === Opcodes.DOUBLE) {
          relativeStackSize++;
        }
      }
      this.relativeStackSize = relativeStackSize;
      if (relativeStackSize > this.maxRelativeStackSize) {
        this.maxRelativeStackSize = relativeStackSize;
      }
    }

    this.maxStack = Math.max(this.maxStack, numStack);
    this.maxLocals = Math.max(this.maxLocals, this.currentLocals);
  }

  // ## Instructions

  override visitInsn(opcode: number): void {
    const code = this.code;
    this.lastBytecodeOffset = code.length;
    code.putByte(opcode);
    this.trackInsn(opcode);
  }

  /** @internal What visitInsn does besides writing the instruction: the frame or stack size, the end of the basic block (see also code-transcoder.ts). */
  trackInsn(opcode: number): void {
    const currentBasicBlock = this.currentBasicBlock;
    if (currentBasicBlock !== null) {
      const compute = this.compute;
      if (compute === MethodWriter.COMPUTE_ALL_FRAMES || compute === MethodWriter.COMPUTE_INSERTED_FRAMES) {
        (currentBasicBlock.frame as Frame).execute(opcode, 0, null, null);
      } else {
        const size = this.relativeStackSize + STACK_SIZE_DELTA[opcode];
        if (size > this.maxRelativeStackSize) {
          this.maxRelativeStackSize = size;
        }
        this.relativeStackSize = size;
      }
      if ((opcode >= Op.IRETURN && opcode <= Op.RETURN) || opcode === Op.ATHROW) {
        this.endCurrentBasicBlockWithNoSuccessor();
      }
    }
  }

  override visitIntInsn(opcode: number, operand: number): void {
    const code = this.code;
    this.lastBytecodeOffset = code.length;
    if (opcode === Op.SIPUSH) {
      code.put12(opcode, operand);
    } else {
      // BIPUSH or NEWARRAY.
      code.put11(opcode, operand);
    }
    this.trackIntInsn(opcode, operand);
  }

  /** @internal What visitIntInsn does besides writing the instruction. */
  trackIntInsn(opcode: number, operand: number): void {
    const currentBasicBlock = this.currentBasicBlock;
    if (currentBasicBlock !== null) {
      const compute = this.compute;
      if (compute === MethodWriter.COMPUTE_ALL_FRAMES || compute === MethodWriter.COMPUTE_INSERTED_FRAMES) {
        (currentBasicBlock.frame as Frame).execute(opcode, operand, null, null);
      } else if (opcode !== Op.NEWARRAY) {
        // +1 for BIPUSH and SIPUSH, 0 for NEWARRAY.
        const size = this.relativeStackSize + 1;
        if (size > this.maxRelativeStackSize) {
          this.maxRelativeStackSize = size;
        }
        this.relativeStackSize = size;
      }
    }
  }

  override visitVarInsn(opcode: number, varIndex: number): void {
    const code = this.code;
    this.lastBytecodeOffset = code.length;
    if (varIndex < 4 && opcode !== Op.RET) {
      // The one-byte forms xLOAD_n and xSTORE_n (JVMS §6.5).
      let optimizedOpcode: number;
      if (opcode < Op.ISTORE) {
        optimizedOpcode = Op.ILOAD_0 + ((opcode - Op.ILOAD) << 2) + varIndex;
      } else {
        optimizedOpcode = Op.ISTORE_0 + ((opcode - Op.ISTORE) << 2) + varIndex;
      }
      code.putByte(optimizedOpcode);
    } else if (varIndex >= 256) {
      code.putByte(Op.WIDE).put12(opcode, varIndex);
    } else {
      code.put11(opcode, varIndex);
    }
    this.trackVarInsn(opcode, varIndex);
  }

  /** @internal What visitVarInsn does besides writing the instruction: also max_locals, and a new basic block after a store in a handler range. */
  trackVarInsn(opcode: number, varIndex: number): void {
    const compute = this.compute;
    const currentBasicBlock = this.currentBasicBlock;
    if (currentBasicBlock !== null) {
      if (compute === MethodWriter.COMPUTE_ALL_FRAMES || compute === MethodWriter.COMPUTE_INSERTED_FRAMES) {
        (currentBasicBlock.frame as Frame).execute(opcode, varIndex, null, null);
      } else if (opcode === Op.RET) {
        // No stack size change; the block ends the subroutine.
        currentBasicBlock.flags |= Label.FLAG_SUBROUTINE_END;
        currentBasicBlock.outputStackSize = toShort(this.relativeStackSize);
        this.endCurrentBasicBlockWithNoSuccessor();
      } else {
        // xLOAD or xSTORE.
        const size = this.relativeStackSize + STACK_SIZE_DELTA[opcode];
        if (size > this.maxRelativeStackSize) {
          this.maxRelativeStackSize = size;
        }
        this.relativeStackSize = size;
      }
    }
    if (compute !== MethodWriter.COMPUTE_NOTHING) {
      const currentMaxLocals =
        opcode === Op.LLOAD || opcode === Op.DLOAD || opcode === Op.LSTORE || opcode === Op.DSTORE
          ? varIndex + 2
          : varIndex + 1;
      if (currentMaxLocals > this.maxLocals) {
        this.maxLocals = currentMaxLocals;
      }
    }
    if (opcode >= Op.ISTORE && compute === MethodWriter.COMPUTE_ALL_FRAMES && this.firstHandler !== null) {
      // Inside a handler range, every instruction could jump to the handler, whose input locals
      // must merge the locals at each of them. Starting a new basic block after each store gives
      // the same result without a block per instruction.
      this.visitLabel(new Label());
    }
  }

  override visitTypeInsn(opcode: number, type: string): void {
    const code = this.code;
    const lastBytecodeOffset = (this.lastBytecodeOffset = code.length);
    const typeSymbol = this.symbolTable.addConstantClass(type);
    code.put12(opcode, typeSymbol.index);
    this.trackTypeInsn(opcode, lastBytecodeOffset, typeSymbol);
  }

  /** @internal What visitTypeInsn does besides writing the instruction at `lastBytecodeOffset`. */
  trackTypeInsn(opcode: number, lastBytecodeOffset: number, typeSymbol: Symbol): void {
    const currentBasicBlock = this.currentBasicBlock;
    if (currentBasicBlock !== null) {
      const compute = this.compute;
      if (compute === MethodWriter.COMPUTE_ALL_FRAMES || compute === MethodWriter.COMPUTE_INSERTED_FRAMES) {
        (currentBasicBlock.frame as Frame).execute(opcode, lastBytecodeOffset, typeSymbol, this.symbolTable);
      } else if (opcode === Op.NEW) {
        // +1 for NEW, 0 for ANEWARRAY, CHECKCAST and INSTANCEOF.
        const size = this.relativeStackSize + 1;
        if (size > this.maxRelativeStackSize) {
          this.maxRelativeStackSize = size;
        }
        this.relativeStackSize = size;
      }
    }
  }

  override visitFieldInsn(opcode: number, owner: string, name: string, descriptor: string): void {
    const code = this.code;
    this.lastBytecodeOffset = code.length;
    const fieldrefSymbol = this.symbolTable.addConstantFieldref(owner, name, descriptor);
    code.put12(opcode, fieldrefSymbol.index);
    this.trackFieldInsn(opcode, fieldrefSymbol);
  }

  /** @internal What visitFieldInsn does besides writing the instruction. */
  trackFieldInsn(opcode: number, fieldrefSymbol: Symbol): void {
    const descriptor = fieldrefSymbol.value as string;
    const currentBasicBlock = this.currentBasicBlock;
    if (currentBasicBlock !== null) {
      const compute = this.compute;
      if (compute === MethodWriter.COMPUTE_ALL_FRAMES || compute === MethodWriter.COMPUTE_INSERTED_FRAMES) {
        (currentBasicBlock.frame as Frame).execute(opcode, 0, fieldrefSymbol, this.symbolTable);
      } else {
        const firstDescChar = charCodeAt.call(descriptor, 0);
        const isLongOrDouble = firstDescChar === 68 /* 'D' */ || firstDescChar === 74; /* 'J' */
        let size: number;
        if (opcode === Op.GETSTATIC) {
          size = this.relativeStackSize + (isLongOrDouble ? 2 : 1);
        } else if (opcode === Op.PUTSTATIC) {
          size = this.relativeStackSize + (isLongOrDouble ? -2 : -1);
        } else if (opcode === Op.GETFIELD) {
          size = this.relativeStackSize + (isLongOrDouble ? 1 : 0);
        } else {
          // PUTFIELD.
          size = this.relativeStackSize + (isLongOrDouble ? -3 : -2);
        }
        if (size > this.maxRelativeStackSize) {
          this.maxRelativeStackSize = size;
        }
        this.relativeStackSize = size;
      }
    }
  }

  override visitMethodInsn(opcode: number, owner: string, name: string, descriptor: string, isInterface?: boolean): void {
    const code = this.code;
    this.lastBytecodeOffset = code.length;
    const methodrefSymbol = this.symbolTable.addConstantMethodref(
      owner,
      name,
      descriptor,
      isInterface === undefined ? opcode === Op.INVOKEINTERFACE : isInterface,
    );
    if (opcode === Op.INVOKEINTERFACE) {
      // invokeinterface repeats the argument size ("count") and a zero byte (JVMS §6.5).
      code.put12(Op.INVOKEINTERFACE, methodrefSymbol.index).put11(methodrefSymbol.getArgumentsAndReturnSizes() >> 2, 0);
    } else {
      code.put12(opcode, methodrefSymbol.index);
    }
    this.trackMethodInsn(opcode, methodrefSymbol);
  }

  /** @internal What visitMethodInsn does besides writing the instruction. */
  trackMethodInsn(opcode: number, methodrefSymbol: Symbol): void {
    const currentBasicBlock = this.currentBasicBlock;
    if (currentBasicBlock !== null) {
      const compute = this.compute;
      if (compute === MethodWriter.COMPUTE_ALL_FRAMES || compute === MethodWriter.COMPUTE_INSERTED_FRAMES) {
        (currentBasicBlock.frame as Frame).execute(opcode, 0, methodrefSymbol, this.symbolTable);
      } else {
        const argumentsAndReturnSize = methodrefSymbol.getArgumentsAndReturnSizes();
        const stackSizeDelta = (argumentsAndReturnSize & 3) - (argumentsAndReturnSize >> 2);
        // The arguments size includes the receiver, which invokestatic does not pop.
        const size =
          opcode === Op.INVOKESTATIC
            ? this.relativeStackSize + stackSizeDelta + 1
            : this.relativeStackSize + stackSizeDelta;
        if (size > this.maxRelativeStackSize) {
          this.maxRelativeStackSize = size;
        }
        this.relativeStackSize = size;
      }
    }
  }

  override visitInvokeDynamicInsn(
    name: string,
    descriptor: string,
    bootstrapMethodHandle: Handle,
    ...bootstrapMethodArguments: (ConstantValue | readonly unknown[])[]
  ): void;
  override visitInvokeDynamicInsn(
    name: string,
    descriptor: string,
    bootstrapMethodHandle: Handle,
    bootstrapMethodArguments?: ConstantValue | readonly unknown[],
    ...more: ConstantValue[]
  ): void {
    const code = this.code;
    this.lastBytecodeOffset = code.length;
    const invokeDynamicSymbol = this.symbolTable.addConstantInvokeDynamic(
      name,
      descriptor,
      bootstrapMethodHandle,
      Array.isArray(bootstrapMethodArguments)
        ? bootstrapMethodArguments
        : spreadArguments(bootstrapMethodArguments as ConstantValue | undefined, more),
    );
    code.put12(Op.INVOKEDYNAMIC, invokeDynamicSymbol.index);
    code.putShort(0);
    this.trackInvokeDynamicInsn(invokeDynamicSymbol);
  }

  /** @internal What visitInvokeDynamicInsn does besides writing the instruction. */
  trackInvokeDynamicInsn(invokeDynamicSymbol: Symbol): void {
    const currentBasicBlock = this.currentBasicBlock;
    if (currentBasicBlock !== null) {
      const compute = this.compute;
      if (compute === MethodWriter.COMPUTE_ALL_FRAMES || compute === MethodWriter.COMPUTE_INSERTED_FRAMES) {
        (currentBasicBlock.frame as Frame).execute(Op.INVOKEDYNAMIC, 0, invokeDynamicSymbol, this.symbolTable);
      } else {
        const argumentsAndReturnSize = invokeDynamicSymbol.getArgumentsAndReturnSizes();
        // No receiver: +1 compensates the implicit `this` counted in the arguments size.
        const stackSizeDelta = (argumentsAndReturnSize & 3) - (argumentsAndReturnSize >> 2) + 1;
        const size = this.relativeStackSize + stackSizeDelta;
        if (size > this.maxRelativeStackSize) {
          this.maxRelativeStackSize = size;
        }
        this.relativeStackSize = size;
      }
    }
  }

  override visitJumpInsn(opcode: number, label: Label): void {
    const code = this.code;
    this.lastBytecodeOffset = code.length;
    // The 'base' opcode: GOTO or JSR for GOTO_W or JSR_W, else the opcode itself.
    const baseOpcode = opcode >= Op.GOTO_W ? opcode - WIDE_JUMP_OPCODE_DELTA : opcode;
    let nextInsnIsJumpTarget = false;
    if ((label.flags & Label.FLAG_RESOLVED) !== 0 && label.bytecodeOffset - code.length < -32768) {
      // A backward jump beyond a signed 16-bit offset: GOTO becomes GOTO_W, JSR becomes JSR_W, and
      // IFxxx L becomes IFNOTxxx +8; GOTO_W L, where IFNOTxxx is the opposite condition.
      if (baseOpcode === Op.GOTO) {
        code.putByte(Op.GOTO_W);
      } else if (baseOpcode === Op.JSR) {
        code.putByte(Op.JSR_W);
      } else {
        // The opposite condition flips the low bit for IFNULL/IFNONNULL, and the low bit of
        // opcode + 1 for IFEQ ... IF_ACMPNE. The offset 8 skips this instruction (3) and GOTO_W (5).
        code.putByte(baseOpcode >= Op.IFNULL ? baseOpcode ^ 1 : ((baseOpcode + 1) ^ 1) - 1);
        code.putShort(8);
        // An ASM_GOTO_W rather than a GOTO_W: if the class has frames, the ClassReader round trip
        // that removes ASM opcodes must insert a frame after this jump, and only sees the need
        // for it through this opcode (which forces that round trip).
        code.putByte(ASM_GOTO_W);
        this.containsAsmInstructions = true;
        // The instruction after the GOTO_W is the target of the IFNOTxxx.
        nextInsnIsJumpTarget = true;
      }
      label.put(code, code.length - 1, true);
    } else if (baseOpcode !== opcode) {
      // GOTO_W or JSR_W given by the caller (normally ClassReader expanding ASM opcodes): kept.
      code.putByte(opcode);
      label.put(code, code.length - 1, true);
    } else {
      // A backward jump that fits, or a forward jump: a 2-byte offset, which Label.resolve turns
      // into an ASM opcode if it does not fit after all.
      code.putByte(baseOpcode);
      label.put(code, code.length - 1, false);
    }

    const currentBasicBlock = this.currentBasicBlock;
    if (currentBasicBlock !== null) {
      let nextBasicBlock: Label | null = null;
      const compute = this.compute;
      if (compute === MethodWriter.COMPUTE_ALL_FRAMES) {
        (currentBasicBlock.frame as Frame).execute(baseOpcode, 0, null, null);
        label.getCanonicalInstance().flags |= Label.FLAG_JUMP_TARGET;
        this.addSuccessorToCurrentBasicBlock(Edge.JUMP, label);
        if (baseOpcode !== Op.GOTO) {
          // The next instruction starts a new basic block (after a GOTO, code is unreachable unless
          // a label is visited, and no frame must be computed for it).
          nextBasicBlock = new Label();
        }
      } else if (compute === MethodWriter.COMPUTE_INSERTED_FRAMES) {
        (currentBasicBlock.frame as Frame).execute(baseOpcode, 0, null, null);
      } else if (compute === MethodWriter.COMPUTE_MAX_STACK_AND_LOCAL_FROM_FRAMES) {
        // The stack only shrinks: no new maximum.
        this.relativeStackSize += STACK_SIZE_DELTA[baseOpcode];
      } else if (baseOpcode === Op.JSR) {
        // Mark the target as a subroutine start, once.
        if ((label.flags & Label.FLAG_SUBROUTINE_START) === 0) {
          label.flags |= Label.FLAG_SUBROUTINE_START;
          this.hasSubroutines = true;
        }
        currentBasicBlock.flags |= Label.FLAG_SUBROUTINE_CALLER;
        // A jsr block gets two successors: first (added below, by visitLabel) the instruction after
        // the jsr, a virtual edge used to find the successors of the subroutine's ret, then (added
        // here, so it ends up second) the jsr target, with the return address pushed.
        this.addSuccessorToCurrentBasicBlock(this.relativeStackSize + 1, label);
        nextBasicBlock = new Label();
      } else {
        // The stack only shrinks: no new maximum.
        this.relativeStackSize += STACK_SIZE_DELTA[baseOpcode];
        this.addSuccessorToCurrentBasicBlock(this.relativeStackSize, label);
      }
      // visitLabel adds the next block as a successor of this one and makes it current.
      if (nextBasicBlock !== null) {
        if (nextInsnIsJumpTarget) {
          nextBasicBlock.flags |= Label.FLAG_JUMP_TARGET;
        }
        this.visitLabel(nextBasicBlock);
      }
      if (baseOpcode === Op.GOTO) {
        this.endCurrentBasicBlockWithNoSuccessor();
      }
    }
  }

  override visitLabel(label: Label): void {
    if (label.resolvedBy === this) {
      if (label.bytecodeOffset === this.code.length) {
        // Visited again where it already is (no instruction in between): nothing changes, as in ASM, whose
        // second visit merges the label into the basic block it already starts.
        return;
      }
      // At another offset, ASM accepts this silently (only its CheckMethodAdapter objects) and writes wrong offsets.
      throw new IllegalStateException(
        `Label visited twice in method ${this.symbolTable.getClassName()}.${this.name}${this.descriptor} ` +
          `(at bytecode offsets ${label.bytecodeOffset} and ${this.code.length}): a label marks one instruction`,
      );
    }
    label.resolvedBy = this;
    const code = this.code;
    // Fill in the forward references to this label.
    this.containsAsmInstructions =
      label.resolve(code.data, this.stackMapTableEntries, code.length) || this.containsAsmInstructions;
    // Every label but debug-only ones starts a new basic block.
    if ((label.flags & Label.FLAG_DEBUG_ONLY) !== 0) {
      return;
    }
    const compute = this.compute;
    if (compute === MethodWriter.COMPUTE_ALL_FRAMES) {
      const currentBasicBlock = this.currentBasicBlock;
      if (currentBasicBlock !== null) {
        if (label.bytecodeOffset === currentBasicBlock.bytecodeOffset) {
          // A second label at the offset of the current block. Its state must live in the
          // canonical instance (the first label), and both must share one Frame (which is how
          // getCanonicalInstance finds the first label); the current and last blocks stay the
          // canonical instance.
          currentBasicBlock.flags |= label.flags & Label.FLAG_JUMP_TARGET;
          label.frame = currentBasicBlock.frame;
          return;
        }
        // End the current block, with this label as successor.
        this.addSuccessorToCurrentBasicBlock(Edge.JUMP, label);
      }
      const lastBasicBlock = this.lastBasicBlock;
      if (lastBasicBlock !== null) {
        if (label.bytecodeOffset === lastBasicBlock.bytecodeOffset) {
          // Same as above, after unreachable code (no current block): the last block is reused.
          lastBasicBlock.flags |= label.flags & Label.FLAG_JUMP_TARGET;
          label.frame = lastBasicBlock.frame;
          this.currentBasicBlock = lastBasicBlock;
          return;
        }
        lastBasicBlock.nextBasicBlock = label;
      }
      this.lastBasicBlock = label;
      this.currentBasicBlock = label;
      label.frame = new Frame(label);
    } else if (compute === MethodWriter.COMPUTE_INSERTED_FRAMES) {
      const currentBasicBlock = this.currentBasicBlock;
      if (currentBasicBlock === null) {
        // Only for the label visited by the constructor: the block never changes afterwards.
        this.currentBasicBlock = label;
      } else {
        // Frame.accept takes the frame offset from its owner.
        (currentBasicBlock.frame as Frame).owner = label;
      }
    } else if (compute === MethodWriter.COMPUTE_MAX_STACK_AND_LOCAL) {
      const currentBasicBlock = this.currentBasicBlock;
      if (currentBasicBlock !== null) {
        // End the current block, with this label as successor.
        currentBasicBlock.outputStackMax = toShort(this.maxRelativeStackSize);
        this.addSuccessorToCurrentBasicBlock(this.relativeStackSize, label);
      }
      // Start a new block.
      this.currentBasicBlock = label;
      this.relativeStackSize = 0;
      this.maxRelativeStackSize = 0;
      const lastBasicBlock = this.lastBasicBlock;
      if (lastBasicBlock !== null) {
        lastBasicBlock.nextBasicBlock = label;
      }
      this.lastBasicBlock = label;
    } else if (compute === MethodWriter.COMPUTE_MAX_STACK_AND_LOCAL_FROM_FRAMES && this.currentBasicBlock === null) {
      // Only for the label visited by the constructor: the block never changes afterwards.
      this.currentBasicBlock = label;
    }
  }

  override visitLdcInsn(value: ConstantValue): void {
    const code = this.code;
    this.lastBytecodeOffset = code.length;
    const constantSymbol = this.symbolTable.addConstant(value);
    const constantIndex = constantSymbol.index;
    const tag = constantSymbol.tag;
    let isLongOrDouble = tag === Symbol.CONSTANT_LONG_TAG || tag === Symbol.CONSTANT_DOUBLE_TAG;
    if (tag === Symbol.CONSTANT_DYNAMIC_TAG) {
      const firstDescriptorChar = (constantSymbol.value as string).charCodeAt(0);
      isLongOrDouble = firstDescriptorChar === 74 /* 'J' */ || firstDescriptorChar === 68; /* 'D' */
    }
    if (isLongOrDouble) {
      code.put12(Op.LDC2_W, constantIndex);
    } else if (constantIndex >= 256) {
      code.put12(Op.LDC_W, constantIndex);
    } else {
      code.put11(Op.LDC, constantIndex);
    }
    this.trackLdcInsn(constantSymbol, isLongOrDouble);
  }

  /** @internal What visitLdcInsn does besides writing the instruction. */
  trackLdcInsn(constantSymbol: Symbol, isLongOrDouble: boolean): void {
    const currentBasicBlock = this.currentBasicBlock;
    if (currentBasicBlock !== null) {
      const compute = this.compute;
      if (compute === MethodWriter.COMPUTE_ALL_FRAMES || compute === MethodWriter.COMPUTE_INSERTED_FRAMES) {
        (currentBasicBlock.frame as Frame).execute(Op.LDC, 0, constantSymbol, this.symbolTable);
      } else {
        const size = this.relativeStackSize + (isLongOrDouble ? 2 : 1);
        if (size > this.maxRelativeStackSize) {
          this.maxRelativeStackSize = size;
        }
        this.relativeStackSize = size;
      }
    }
  }

  override visitIincInsn(varIndex: number, increment: number): void {
    const code = this.code;
    this.lastBytecodeOffset = code.length;
    if (varIndex > 255 || increment > 127 || increment < -128) {
      code.putByte(Op.WIDE).put12(Op.IINC, varIndex).putShort(increment);
    } else {
      code.putByte(Op.IINC).put11(varIndex, increment);
    }
    this.trackIincInsn(varIndex);
  }

  /** @internal What visitIincInsn does besides writing the instruction. */
  trackIincInsn(varIndex: number): void {
    const compute = this.compute;
    const currentBasicBlock = this.currentBasicBlock;
    if (
      currentBasicBlock !== null &&
      (compute === MethodWriter.COMPUTE_ALL_FRAMES || compute === MethodWriter.COMPUTE_INSERTED_FRAMES)
    ) {
      (currentBasicBlock.frame as Frame).execute(Op.IINC, varIndex, null, null);
    }
    if (compute !== MethodWriter.COMPUTE_NOTHING) {
      const currentMaxLocals = varIndex + 1;
      if (currentMaxLocals > this.maxLocals) {
        this.maxLocals = currentMaxLocals;
      }
    }
  }

  override visitTableSwitchInsn(min: number, max: number, dflt: Label, ...labels: (Label | readonly Label[])[]): void;
  override visitTableSwitchInsn(
    min: number,
    max: number,
    dflt: Label,
    labelsOrFirst?: Label | readonly Label[],
    ...more: Label[]
  ): void {
    const labels = Array.isArray(labelsOrFirst) ? labelsOrFirst : spreadArguments(labelsOrFirst as Label | undefined, more);
    checkSwitchLabels('visitTableSwitchInsn', labels, max - min + 1, 'max - min + 1');
    const code = this.code;
    const lastBytecodeOffset = (this.lastBytecodeOffset = code.length);
    // 0 to 3 bytes of padding, so that the operands start at a multiple of 4 (JVMS §6.5 tableswitch).
    code.putByte(Op.TABLESWITCH).putByteArray(null, 0, (4 - (code.length % 4)) % 4);
    dflt.put(code, lastBytecodeOffset, true);
    code.putInt(min).putInt(max);
    for (let i = 0; i < labels.length; ++i) {
      labels[i].put(code, lastBytecodeOffset, true);
    }
    this.visitSwitchInsn(dflt, labels);
  }

  override visitLookupSwitchInsn(dflt: Label, keys: number[], labels: Label[]): void {
    // Java's int[] keys: a JS array, or an Int32Array as a port of `new int[] {…}` may pass (only indexed here).
    const keyCount = Array.isArray(keys) || ArrayBuffer.isView(keys) ? (keys as ArrayLike<number>).length : -1;
    checkSwitchLabels('visitLookupSwitchInsn', labels, keyCount, 'keys.length');
    const code = this.code;
    const lastBytecodeOffset = (this.lastBytecodeOffset = code.length);
    // Padding as for tableswitch (JVMS §6.5 lookupswitch).
    code.putByte(Op.LOOKUPSWITCH).putByteArray(null, 0, (4 - (code.length % 4)) % 4);
    dflt.put(code, lastBytecodeOffset, true);
    code.putInt(labels.length);
    for (let i = 0; i < labels.length; ++i) {
      code.putInt(keys[i]);
      labels[i].put(code, lastBytecodeOffset, true);
    }
    this.visitSwitchInsn(dflt, labels);
  }

  /** @internal Updates the control flow graph after a switch instruction. */
  visitSwitchInsn(dflt: Label, labels: Label[]): void {
    const currentBasicBlock = this.currentBasicBlock;
    if (currentBasicBlock !== null) {
      const compute = this.compute;
      if (compute === MethodWriter.COMPUTE_ALL_FRAMES) {
        (currentBasicBlock.frame as Frame).execute(Op.LOOKUPSWITCH, 0, null, null);
        this.addSuccessorToCurrentBasicBlock(Edge.JUMP, dflt);
        dflt.getCanonicalInstance().flags |= Label.FLAG_JUMP_TARGET;
        for (let i = 0; i < labels.length; ++i) {
          const label = labels[i];
          this.addSuccessorToCurrentBasicBlock(Edge.JUMP, label);
          label.getCanonicalInstance().flags |= Label.FLAG_JUMP_TARGET;
        }
      } else if (compute === MethodWriter.COMPUTE_MAX_STACK_AND_LOCAL) {
        // The key is popped; no new maximum.
        --this.relativeStackSize;
        this.addSuccessorToCurrentBasicBlock(this.relativeStackSize, dflt);
        for (let i = 0; i < labels.length; ++i) {
          this.addSuccessorToCurrentBasicBlock(this.relativeStackSize, labels[i]);
        }
      }
      this.endCurrentBasicBlockWithNoSuccessor();
    }
  }

  override visitMultiANewArrayInsn(descriptor: string, numDimensions: number): void {
    const code = this.code;
    this.lastBytecodeOffset = code.length;
    const descSymbol = this.symbolTable.addConstantClass(descriptor);
    code.put12(Op.MULTIANEWARRAY, descSymbol.index).putByte(numDimensions);
    this.trackMultiANewArrayInsn(descSymbol, numDimensions);
  }

  /** @internal What visitMultiANewArrayInsn does besides writing the instruction. */
  trackMultiANewArrayInsn(descSymbol: Symbol, numDimensions: number): void {
    const currentBasicBlock = this.currentBasicBlock;
    if (currentBasicBlock !== null) {
      const compute = this.compute;
      if (compute === MethodWriter.COMPUTE_ALL_FRAMES || compute === MethodWriter.COMPUTE_INSERTED_FRAMES) {
        (currentBasicBlock.frame as Frame).execute(Op.MULTIANEWARRAY, numDimensions, descSymbol, this.symbolTable);
      } else {
        // The stack only shrinks (or stays): no new maximum.
        this.relativeStackSize += 1 - numDimensions;
      }
    }
  }

  override visitInsnAnnotation(
    typeRef: number,
    typePath: TypePath | null,
    descriptor: string,
    visible: boolean,
  ): AnnotationVisitor {
    // The offset of the annotated instruction goes into the target_info (JVMS §4.7.20.1 offset_target).
    const offsetTypeRef = (typeRef & (0xff0000ff | 0)) | (this.lastBytecodeOffset << 8);
    if (visible) {
      return (this.lastCodeRuntimeVisibleTypeAnnotation = AnnotationWriter.create(
        this.symbolTable,
        offsetTypeRef,
        typePath,
        descriptor,
        this.lastCodeRuntimeVisibleTypeAnnotation,
      ));
    }
    return (this.lastCodeRuntimeInvisibleTypeAnnotation = AnnotationWriter.create(
      this.symbolTable,
      offsetTypeRef,
      typePath,
      descriptor,
      this.lastCodeRuntimeInvisibleTypeAnnotation,
    ));
  }

  override visitTryCatchBlock(start: Label, end: Label, handler: Label, type: string | null = null): void {
    // Plain JavaScript ports leave out the trailing null of a catch-all (finally) handler: undefined is null.
    type ??= null;
    const newHandler = new Handler(
      start,
      end,
      handler,
      type !== null ? this.symbolTable.addConstantClass(type).index : 0,
      type,
    );
    if (this.firstHandler === null) {
      this.firstHandler = newHandler;
    } else {
      (this.lastHandler as Handler).nextHandler = newHandler;
    }
    this.lastHandler = newHandler;
  }

  override visitTryCatchAnnotation(
    typeRef: number,
    typePath: TypePath | null,
    descriptor: string,
    visible: boolean,
  ): AnnotationVisitor {
    if (visible) {
      return (this.lastCodeRuntimeVisibleTypeAnnotation = AnnotationWriter.create(
        this.symbolTable,
        typeRef,
        typePath,
        descriptor,
        this.lastCodeRuntimeVisibleTypeAnnotation,
      ));
    }
    return (this.lastCodeRuntimeInvisibleTypeAnnotation = AnnotationWriter.create(
      this.symbolTable,
      typeRef,
      typePath,
      descriptor,
      this.lastCodeRuntimeInvisibleTypeAnnotation,
    ));
  }

  override visitLocalVariable(
    name: string,
    descriptor: string,
    signature: string | null,
    start: Label,
    end: Label,
    index: number,
  ): void {
    signature ??= null; // undefined from plain JavaScript is Java's null
    const symbolTable = this.symbolTable;
    // The LocalVariableTable entry the reader visiting now is at, if any (see readerHints).
    const entryOffset = readerHints.localVariableOffset;
    const nameIndex = symbolTable.addConstantUtf8FromReader(name, entryOffset + 4);
    if (signature !== null) {
      let localVariableTypeTable = this.localVariableTypeTable;
      if (localVariableTypeTable === null || localVariableTypeTable === this.code) {
        localVariableTypeTable = this.localVariableTypeTable = this.ownedTable(
          localVariableTypeTable,
          this.localVariableTypeTableOffset,
          10 * this.localVariableTypeTableLength,
        );
        this.localVariableTypeTableOffset = 0;
      }
      ++this.localVariableTypeTableLength;
      localVariableTypeTable
        .putShort(start.bytecodeOffset)
        .putShort(end.bytecodeOffset - start.bytecodeOffset)
        .putShort(nameIndex)
        .putShort(symbolTable.addConstantUtf8FromReader(signature, readerHints.localVariableSignatureOffset))
        .putShort(index);
    }
    let localVariableTable = this.localVariableTable;
    if (localVariableTable === null || localVariableTable === this.code) {
      localVariableTable = this.localVariableTable = this.ownedTable(
        localVariableTable,
        this.localVariableTableOffset,
        10 * this.localVariableTableLength,
      );
      this.localVariableTableOffset = 0;
    }
    ++this.localVariableTableLength;
    localVariableTable
      .putShort(start.bytecodeOffset)
      .putShort(end.bytecodeOffset - start.bytecodeOffset)
      .putShort(nameIndex)
      .putShort(symbolTable.addConstantUtf8FromReader(descriptor, entryOffset + 6))
      .putShort(index);
    if (this.compute !== MethodWriter.COMPUTE_NOTHING) {
      const firstDescChar = charCodeAt.call(descriptor, 0);
      const currentMaxLocals = index + (firstDescChar === 74 /* 'J' */ || firstDescChar === 68 /* 'D' */ ? 2 : 1);
      if (currentMaxLocals > this.maxLocals) {
        this.maxLocals = currentMaxLocals;
      }
    }
  }

  override visitLocalVariableAnnotation(
    typeRef: number,
    typePath: TypePath | null,
    start: Label[],
    end: Label[],
    index: number[],
    descriptor: string,
    visible: boolean,
  ): AnnotationVisitor {
    // A type_annotation with a localvar_target (JVMS §4.7.20, §4.7.20.1).
    const typeAnnotation = new ByteVector();
    typeAnnotation.putByte(typeRef >>> 24).putShort(start.length);
    for (let i = 0; i < start.length; ++i) {
      typeAnnotation
        .putShort(start[i].bytecodeOffset)
        .putShort(end[i].bytecodeOffset - start[i].bytecodeOffset)
        .putShort(index[i]);
    }
    TypePath.put(typePath, typeAnnotation);
    // type_index, and num_element_value_pairs filled in later by the AnnotationWriter.
    typeAnnotation.putShort(this.symbolTable.addConstantUtf8(descriptor)).putShort(0);
    if (visible) {
      return (this.lastCodeRuntimeVisibleTypeAnnotation = new AnnotationWriter(
        this.symbolTable,
        /* useNamedValues= */ true,
        typeAnnotation,
        this.lastCodeRuntimeVisibleTypeAnnotation,
      ));
    }
    return (this.lastCodeRuntimeInvisibleTypeAnnotation = new AnnotationWriter(
      this.symbolTable,
      /* useNamedValues= */ true,
      typeAnnotation,
      this.lastCodeRuntimeInvisibleTypeAnnotation,
    ));
  }

  override visitLineNumber(line: number, start: Label): void {
    let lineNumberTable = this.lineNumberTable;
    if (lineNumberTable === null || lineNumberTable === this.code) {
      lineNumberTable = this.lineNumberTable = this.ownedTable(lineNumberTable, this.lineNumberTableOffset, 4 * this.lineNumberTableLength);
      this.lineNumberTableOffset = 0;
    }
    ++this.lineNumberTableLength;
    lineNumberTable.putShort(start.bytecodeOffset);
    lineNumberTable.putShort(line);
  }

  /**
   * A vector of its own for a debug table a visit event appends to: a new one for the first entry
   * (`table` null), else one holding the `byteLength` bytes the code transcoder left at `offset` in
   * the code vector (see lineNumberTable).
   */
  private ownedTable(table: ByteVector | null, offset: number, byteLength: number): ByteVector {
    return table === null ? new ByteVector() : new ByteVector(byteLength + 64).putByteArray(table.data, offset, byteLength);
  }

  override visitMaxs(maxStack: number, maxLocals: number): void {
    this.dropLineNumbersPastCode();
    const compute = this.compute;
    if (compute === MethodWriter.COMPUTE_ALL_FRAMES || compute === MethodWriter.COMPUTE_MAX_STACK_AND_LOCAL) {
      try {
        if (compute === MethodWriter.COMPUTE_ALL_FRAMES) this.computeAllFrames();
        else this.computeMaxStackAndLocal();
      } catch (error) {
        throw this.namingThisMethod(error);
      }
    } else if (compute === MethodWriter.COMPUTE_MAX_STACK_AND_LOCAL_FROM_FRAMES) {
      this.maxStack = this.maxRelativeStackSize;
    } else {
      this.maxStack = maxStack;
      this.maxLocals = maxLocals;
    }
  }

  /**
   * Invalid code found while computing frames or maxima says only what is wrong: a transform that wrote it
   * touches many methods, so the error names the one it is in (ASM's says neither).
   */
  private namingThisMethod(error: unknown): unknown {
    // Other errors (UnknownClassError from getCommonSuperClass…) carry their own meaning and pass unchanged.
    const isInvalidCode = error instanceof ClassFormatError || (error instanceof Error && error.constructor === Error);
    if (!isInvalidCode) return error;
    const where = `${this.symbolTable.getClassName()}.${this.name}${this.descriptor}`;
    const named = error instanceof ClassFormatError ? new ClassFormatError(`${error.message} in ${where}`) : new Error(`${error.message} in ${where}`);
    named.stack = `${named.name}: ${named.message}\n${error.stack?.split('\n').slice(1).join('\n') ?? ''}`;
    return named;
  }

  /**
   * @internal Computes all the stack map frames from scratch (JVMS §4.10.1), then max_stack, and
   * replaces unreachable code with NOP…NOP ATHROW (which the verifier accepts with a frame holding
   * just a Throwable) and removes it from the exception handler ranges.
   */
  computeAllFrames(): void {
    const symbolTable = this.symbolTable;
    // Add the exception handlers to the control flow graph.
    let handler = this.firstHandler;
    while (handler !== null) {
      const catchTypeDescriptor = handler.catchTypeDescriptor === null ? 'java/lang/Throwable' : handler.catchTypeDescriptor;
      const catchType = Frame.getAbstractTypeFromInternalName(symbolTable, catchTypeDescriptor);
      const handlerBlock = handler.handlerPc.getCanonicalInstance();
      handlerBlock.flags |= Label.FLAG_JUMP_TARGET;
      // Every block of the handler range gets an edge to the handler.
      let handlerRangeBlock: Label | null = handler.startPc.getCanonicalInstance();
      const handlerRangeEnd = handler.endPc.getCanonicalInstance();
      while (handlerRangeBlock !== handlerRangeEnd) {
        if (handlerRangeBlock === null) {
          throw unvisitedLabelError('the range of a try-catch block');
        }
        handlerRangeBlock.outgoingEdges = new Edge(catchType, handlerBlock, handlerRangeBlock.outgoingEdges);
        handlerRangeBlock = handlerRangeBlock.nextBasicBlock;
      }
      handler = handler.nextHandler;
    }

    // The implicit first frame, from the method descriptor.
    const firstBasicBlock = this.firstBasicBlock as Label;
    const firstFrame = firstBasicBlock.frame as Frame;
    firstFrame.setInputFrameFromDescriptor(symbolTable, this.accessFlags, this.descriptor, this.maxLocals);
    firstFrame.accept(this);

    // Fix point: take a block whose input frame changed from the work list, merge its output
    // frame into its successors' input frames, and add those that changed to the list. The maximum
    // stack size comes as a by-product.
    let listOfBlocksToProcess: Label = firstBasicBlock;
    listOfBlocksToProcess.nextListElement = Label.EMPTY_LIST;
    let maxStackSize = 0;
    while (listOfBlocksToProcess !== Label.EMPTY_LIST) {
      const basicBlock = listOfBlocksToProcess;
      listOfBlocksToProcess = basicBlock.nextListElement as Label;
      basicBlock.nextListElement = null;
      basicBlock.flags |= Label.FLAG_REACHABLE;
      const basicBlockFrame = basicBlock.frame as Frame;
      const maxBlockStackSize = basicBlockFrame.getInputStackSize() + basicBlockFrame.outputStackMax;
      if (maxBlockStackSize > maxStackSize) {
        maxStackSize = maxBlockStackSize;
      }
      let outgoingEdge = basicBlock.outgoingEdges;
      // merge() checks the stack a block pops on the way to each successor; one without any, here.
      if (outgoingEdge === null) basicBlockFrame.checkInputStackDepth();
      while (outgoingEdge !== null) {
        const successorBlock = outgoingEdge.successor.getCanonicalInstance();
        const successorFrame = successorBlock.frame;
        if (successorFrame === null) {
          throw unvisitedLabelError('a jump target or exception handler');
        }
        const successorBlockChanged = basicBlockFrame.merge(symbolTable, successorFrame, outgoingEdge.info);
        if (successorBlockChanged && successorBlock.nextListElement === null) {
          successorBlock.nextListElement = listOfBlocksToProcess;
          listOfBlocksToProcess = successorBlock;
        }
        outgoingEdge = outgoingEdge.nextEdge;
      }
    }

    // Write the frames of the reachable jump targets, and patch the unreachable blocks.
    const code = this.code;
    let basicBlock: Label | null = firstBasicBlock;
    while (basicBlock !== null) {
      if (
        (basicBlock.flags & (Label.FLAG_JUMP_TARGET | Label.FLAG_REACHABLE)) ===
        (Label.FLAG_JUMP_TARGET | Label.FLAG_REACHABLE)
      ) {
        (basicBlock.frame as Frame).accept(this);
      }
      if ((basicBlock.flags & Label.FLAG_REACHABLE) === 0) {
        const nextBasicBlock: Label | null = basicBlock.nextBasicBlock;
        const startOffset = basicBlock.bytecodeOffset;
        const endOffset = (nextBasicBlock === null ? code.length : nextBasicBlock.bytecodeOffset) - 1;
        if (endOffset >= startOffset) {
          // NOP ... NOP ATHROW.
          const data = code.data;
          for (let i = startOffset; i < endOffset; ++i) {
            data[i] = Op.NOP;
          }
          data[endOffset] = Op.ATHROW;
          // Its frame: no locals and a Throwable on the stack, which the ATHROW would consume.
          const frameIndex = this.visitFrameStart(startOffset, /* numLocal= */ 0, /* numStack= */ 1);
          (this.currentFrame as Int32Array)[frameIndex] = Frame.getAbstractTypeFromInternalName(
            symbolTable,
            'java/lang/Throwable',
          );
          this.visitFrameEnd();
          this.firstHandler = Handler.removeRange(this.firstHandler, basicBlock, nextBasicBlock);
          // The Throwable needs a stack of at least one.
          maxStackSize = Math.max(maxStackSize, 1);
        }
      }
      basicBlock = basicBlock.nextBasicBlock;
    }

    this.maxStack = maxStackSize;
    // All the frames are written: the two frame buffers go back to the spares (see visitFrameStart).
    this.returnFrameBuffers();
  }

  /** @internal Computes max_stack with a control flow graph (COMPUTE_MAX_STACK_AND_LOCAL). */
  computeMaxStackAndLocal(): void {
    // Add the exception handlers to the control flow graph.
    let handler = this.firstHandler;
    while (handler !== null) {
      const handlerBlock = handler.handlerPc;
      let handlerRangeBlock: Label | null = handler.startPc;
      const handlerRangeEnd = handler.endPc;
      while (handlerRangeBlock !== handlerRangeEnd) {
        if (handlerRangeBlock === null) {
          throw unvisitedLabelError('the range of a try-catch block');
        }
        const block: Label = handlerRangeBlock;
        if ((block.flags & Label.FLAG_SUBROUTINE_CALLER) === 0) {
          block.outgoingEdges = new Edge(Edge.EXCEPTION, handlerBlock, block.outgoingEdges);
        } else {
          // Keep the first two edges of a jsr block in place (see visitJumpInsn): insert after them.
          const jsrTargetEdge = ((block.outgoingEdges as Edge).nextEdge as Edge);
          jsrTargetEdge.nextEdge = new Edge(Edge.EXCEPTION, handlerBlock, jsrTargetEdge.nextEdge);
        }
        handlerRangeBlock = block.nextBasicBlock;
      }
      handler = handler.nextHandler;
    }

    const firstBasicBlock = this.firstBasicBlock as Label;
    // Add the edges from subroutine returns to the instructions after their calls.
    if (this.hasSubroutines) {
      // First find the blocks of each subroutine: the main "subroutine" (id 1), then the
      // subroutines it calls, then those they call, etc.
      let numSubroutines = 1;
      firstBasicBlock.markSubroutine(numSubroutines);
      for (let currentSubroutine = 1; currentSubroutine <= numSubroutines; ++currentSubroutine) {
        let basicBlock: Label | null = firstBasicBlock;
        while (basicBlock !== null) {
          if ((basicBlock.flags & Label.FLAG_SUBROUTINE_CALLER) !== 0 && basicBlock.subroutineId === currentSubroutine) {
            const jsrTarget = ((basicBlock.outgoingEdges as Edge).nextEdge as Edge).successor;
            if (jsrTarget.subroutineId === 0) {
              jsrTarget.markSubroutine(toShort(++numSubroutines));
            }
          }
          basicBlock = basicBlock.nextBasicBlock;
        }
      }
      // Then, for each jsr block, give the rets of the called subroutine an edge to the
      // instruction after the jsr.
      let basicBlock: Label | null = firstBasicBlock;
      while (basicBlock !== null) {
        if ((basicBlock.flags & Label.FLAG_SUBROUTINE_CALLER) !== 0) {
          // The second edge of a jsr block is the jsr target.
          const subroutine = ((basicBlock.outgoingEdges as Edge).nextEdge as Edge).successor;
          subroutine.addSubroutineRetSuccessors(basicBlock);
        }
        basicBlock = basicBlock.nextBasicBlock;
      }
    }

    // Data flow: propagate input stack sizes from the first block. A block is processed once only
    // (nextListElement is deliberately left non-null once it has been in the list).
    let listOfBlocksToProcess: Label = firstBasicBlock;
    listOfBlocksToProcess.nextListElement = Label.EMPTY_LIST;
    let maxStackSize = this.maxStack;
    while (listOfBlocksToProcess !== Label.EMPTY_LIST) {
      const basicBlock = listOfBlocksToProcess;
      listOfBlocksToProcess = basicBlock.nextListElement as Label;
      const inputStackTop = basicBlock.inputStackSize;
      const maxBlockStackSize = inputStackTop + basicBlock.outputStackMax;
      if (maxBlockStackSize > maxStackSize) {
        maxStackSize = maxBlockStackSize;
      }
      let outgoingEdge = basicBlock.outgoingEdges;
      if ((basicBlock.flags & Label.FLAG_SUBROUTINE_CALLER) !== 0) {
        // Skip the virtual edge to the instruction after the jsr.
        outgoingEdge = (outgoingEdge as Edge).nextEdge;
      }
      while (outgoingEdge !== null) {
        const successorBlock = outgoingEdge.successor;
        if (successorBlock.nextListElement === null) {
          successorBlock.inputStackSize = toShort(
            outgoingEdge.info === Edge.EXCEPTION ? 1 : inputStackTop + outgoingEdge.info,
          );
          successorBlock.nextListElement = listOfBlocksToProcess;
          listOfBlocksToProcess = successorBlock;
        }
        outgoingEdge = outgoingEdge.nextEdge;
      }
    }
    this.maxStack = maxStackSize;
  }

  override visitEnd(): void {
    // Nothing to do.
  }

  /**
   * Drops the line number entries left at the end of the code, after its last instruction (a
   * transform removed the instructions after their label): JVMS §4.7.12 wants each start_pc to be an
   * instruction's index, and HotSpot refuses the class otherwise ("Invalid pc in LineNumberTable").
   * ASM writes them. Entries are appended in code order, so such entries are the last ones.
   */
  private dropLineNumbersPastCode(): void {
    const table = this.lineNumberTable;
    if (table === null) return;
    const codeLength = this.code.length;
    const data = table.data;
    let end = this.lineNumberTableOffset + 4 * this.lineNumberTableLength;
    while (this.lineNumberTableLength > 0 && ((data[end - 4]! << 8) | data[end - 3]!) >= codeLength) {
      end -= 4;
      this.lineNumberTableLength--;
    }
    // A table of its own ends with its entries (one in the code vector's storage ends after the code).
    if (table !== this.code) table.length = end;
    if (this.lineNumberTableLength === 0) this.lineNumberTable = null;
  }

  // ## Control flow graph helpers

  /** @internal Adds an edge from the current basic block to `successor`. */
  addSuccessorToCurrentBasicBlock(info: number, successor: Label): void {
    const currentBasicBlock = this.currentBasicBlock as Label;
    currentBasicBlock.outgoingEdges = new Edge(info, successor, currentBasicBlock.outgoingEdges);
  }

  /**
   * @internal Ends the current basic block, which has no successor. Must be called after the
   * instruction has been added to the code (with frames, a new block starts right after it).
   */
  endCurrentBasicBlockWithNoSuccessor(): void {
    const compute = this.compute;
    if (compute === MethodWriter.COMPUTE_ALL_FRAMES) {
      const nextBasicBlock = new Label();
      nextBasicBlock.frame = new Frame(nextBasicBlock);
      nextBasicBlock.resolve(this.code.data, this.stackMapTableEntries, this.code.length);
      (this.lastBasicBlock as Label).nextBasicBlock = nextBasicBlock;
      this.lastBasicBlock = nextBasicBlock;
      this.currentBasicBlock = null;
    } else if (compute === MethodWriter.COMPUTE_MAX_STACK_AND_LOCAL) {
      (this.currentBasicBlock as Label).outputStackMax = toShort(this.maxRelativeStackSize);
      this.currentBasicBlock = null;
    }
  }

  // ## Stack map frame helpers

  /**
   * @internal Starts a new frame in currentFrame, at bytecode `offset`, and returns the index at
   * which its first type goes.
   */
  visitFrameStart(offset: number, numLocal: number, numStack: number): number {
    const frameLength = 3 + numLocal + numStack;
    let currentFrame = this.currentFrame;
    if (currentFrame === null || currentFrame.length < frameLength) {
      // The two buffers are swapped and reused from frame to frame (visitFrameEnd), and from method to
      // method when computeAllFrames gives them back: a small typed array costs more to allocate
      // than a short method's frames to compute.
      const spare = spareFrameBuffers.pop();
      // Some slack for the next frames.
      currentFrame = this.currentFrame =
        spare !== undefined && spare.length >= frameLength ? spare : new Int32Array(frameLength < 16 ? 16 : frameLength);
    }
    currentFrame[0] = offset;
    currentFrame[1] = numLocal;
    currentFrame[2] = numStack;
    return 3;
  }

  /** @internal Gives the frame buffers to the next method's visitFrameStart (once this method's frames are written). */
  returnFrameBuffers(): void {
    const spares = spareFrameBuffers;
    if (this.currentFrame !== null && spares.length < 2) spares.push(this.currentFrame);
    if (this.previousFrame !== null && spares.length < 2) spares.push(this.previousFrame);
    this.currentFrame = null;
    this.previousFrame = null;
  }

  /** @internal Sets element `frameIndex` of currentFrame. */
  visitAbstractType(frameIndex: number, abstractType: number): void {
    (this.currentFrame as Int32Array)[frameIndex] = abstractType;
  }

  /**
   * @internal Ends currentFrame: writes it to the StackMapTable entries, except the first frame of
   * the method, which is implicit (JVMS §4.7.4), then makes it the previous frame.
   */
  visitFrameEnd(): void {
    if (this.previousFrame !== null) {
      if (this.stackMapTableEntries === null) {
        this.stackMapTableEntries = new ByteVector();
      }
      this.putFrame();
      ++this.stackMapTableNumberOfEntries;
    }
    // The old previous frame's buffer becomes the next current frame's (fully rewritten).
    const previousFrame = this.previousFrame;
    this.previousFrame = this.currentFrame;
    this.currentFrame = previousFrame;
  }

  /**
   * @internal Writes currentFrame as a StackMapTable entry, in the most compact frame type that
   * describes it relative to previousFrame (JVMS §4.7.4), or as an uncompressed StackMap entry for
   * class versions below 50 (CLDC's StackMap attribute).
   */
  putFrame(): void {
    const currentFrame = this.currentFrame as Int32Array;
    const previousFrame = this.previousFrame as Int32Array;
    const stackMapTableEntries = this.stackMapTableEntries as ByteVector;
    const numLocal = currentFrame[1];
    const numStack = currentFrame[2];
    if (this.symbolTable.getMajorVersion() < Opcodes.V1_6) {
      stackMapTableEntries.putShort(currentFrame[0]).putShort(numLocal);
      this.putAbstractTypes(3, 3 + numLocal);
      stackMapTableEntries.putShort(numStack);
      this.putAbstractTypes(3 + numLocal, 3 + numLocal + numStack);
      return;
    }
    const offsetDelta =
      this.stackMapTableNumberOfEntries === 0 ? currentFrame[0] : currentFrame[0] - previousFrame[0] - 1;
    const previousNumlocal = previousFrame[1];
    const numLocalDelta = numLocal - previousNumlocal;
    let type = Frame.FULL_FRAME;
    if (numStack === 0) {
      switch (numLocalDelta) {
        case -3:
        case -2:
        case -1:
          type = Frame.CHOP_FRAME;
          break;
        case 0:
          type = offsetDelta < 64 ? Frame.SAME_FRAME : Frame.SAME_FRAME_EXTENDED;
          break;
        case 1:
        case 2:
        case 3:
          type = Frame.APPEND_FRAME;
          break;
        default:
          // Keep FULL_FRAME.
          break;
      }
    } else if (numLocalDelta === 0 && numStack === 1) {
      type = offsetDelta < 63 ? Frame.SAME_LOCALS_1_STACK_ITEM_FRAME : Frame.SAME_LOCALS_1_STACK_ITEM_FRAME_EXTENDED;
    }
    if (type !== Frame.FULL_FRAME) {
      // The compressed forms require the common locals to be unchanged.
      let frameIndex = 3;
      for (let i = 0; i < previousNumlocal && i < numLocal; i++) {
        if (currentFrame[frameIndex] !== previousFrame[frameIndex]) {
          type = Frame.FULL_FRAME;
          break;
        }
        frameIndex++;
      }
    }
    switch (type) {
      case Frame.SAME_FRAME:
        stackMapTableEntries.putByte(offsetDelta);
        break;
      case Frame.SAME_LOCALS_1_STACK_ITEM_FRAME:
        stackMapTableEntries.putByte(Frame.SAME_LOCALS_1_STACK_ITEM_FRAME + offsetDelta);
        this.putAbstractTypes(3 + numLocal, 4 + numLocal);
        break;
      case Frame.SAME_LOCALS_1_STACK_ITEM_FRAME_EXTENDED:
        stackMapTableEntries.putByte(Frame.SAME_LOCALS_1_STACK_ITEM_FRAME_EXTENDED).putShort(offsetDelta);
        this.putAbstractTypes(3 + numLocal, 4 + numLocal);
        break;
      case Frame.SAME_FRAME_EXTENDED:
        stackMapTableEntries.putByte(Frame.SAME_FRAME_EXTENDED).putShort(offsetDelta);
        break;
      case Frame.CHOP_FRAME:
        stackMapTableEntries.putByte(Frame.SAME_FRAME_EXTENDED + numLocalDelta).putShort(offsetDelta);
        break;
      case Frame.APPEND_FRAME:
        stackMapTableEntries.putByte(Frame.SAME_FRAME_EXTENDED + numLocalDelta).putShort(offsetDelta);
        this.putAbstractTypes(3 + previousNumlocal, 3 + numLocal);
        break;
      case Frame.FULL_FRAME:
      default:
        stackMapTableEntries.putByte(Frame.FULL_FRAME).putShort(offsetDelta).putShort(numLocal);
        this.putAbstractTypes(3, 3 + numLocal);
        stackMapTableEntries.putShort(numStack);
        this.putAbstractTypes(3 + numLocal, 3 + numLocal + numStack);
        break;
    }
  }

  /** @internal Writes currentFrame[start..end) as verification_type_info structures (JVMS §4.7.4). */
  putAbstractTypes(start: number, end: number): void {
    const currentFrame = this.currentFrame as Int32Array;
    const output = this.stackMapTableEntries as ByteVector;
    const symbolTable = this.symbolTable;
    // The frequent types written here directly, in room reserved once: a primitive, TOP or NULL is
    // one byte, a class (Object_variable_info) three; the others through Frame.putAbstractType.
    const maxLength = output.length + 3 * (end - start);
    if (maxLength > output.data.length) output.reserve(Math.max(maxLength, 2 * output.data.length));
    let data = output.data;
    let length = output.length;
    for (let i = start; i < end; ++i) {
      const abstractType = currentFrame[i]!;
      const dimAndKind = abstractType & (DIM_MASK | KIND_MASK);
      if (dimAndKind === CONSTANT_KIND) {
        data[length++] = abstractType & VALUE_MASK;
      } else if (dimAndKind === REFERENCE_KIND) {
        const classIndex = symbolTable.getTypeConstantClassIndex(abstractType & VALUE_MASK);
        data[length] = Frame.ITEM_OBJECT;
        data[length + 1] = classIndex >> 8;
        data[length + 2] = classIndex;
        length += 3;
      } else {
        output.length = length;
        Frame.putAbstractType(symbolTable, abstractType, output);
        data = output.data;
        length = output.length;
      }
    }
    output.length = length;
  }

  /**
   * @internal Writes a visitFrame element as a verification_type_info structure (JVMS §4.7.4);
   * `classIndexHint` is where the reader visiting now may have read a class name (see readerHints).
   */
  putFrameType(type: FrameElement, classIndexHint?: number): void {
    const stackMapTableEntries = this.stackMapTableEntries as ByteVector;
    if (typeof type === 'number') {
      stackMapTableEntries.putByte(type);
    } else if (typeof type === 'string') {
      const classSymbol =
        classIndexHint === undefined
          ? this.symbolTable.addConstantClass(type)
          : this.symbolTable.addConstantClassFromReader(type, classIndexHint);
      stackMapTableEntries.putByte(Frame.ITEM_OBJECT).putShort(classSymbol.index);
    } else {
      stackMapTableEntries.putByte(Frame.ITEM_UNINITIALIZED);
      type.put(stackMapTableEntries);
    }
  }

  // ## Copying a method_info unchanged

  /**
   * @internal Whether the attributes of the method_info being read by `source` can be copied as is
   * into this method: called just after construction, when no visitor sits between the reader and
   * this writer. True when the writer shares the reader's constant pool and the attributes this
   * writer would derive from its constructor arguments (Signature, Exceptions, Deprecated,
   * Synthetic) match the source's.
   *
   * Unlike ASM, a Synthetic attribute in a class of version 49 or more does not prevent the copy
   * (ASM drops it and relies on ACC_SYNTHETIC): keeping it keeps the copy byte-identical. And a
   * changed number of exceptions prevents it (ASM would copy the old Exceptions attribute).
   */
  canCopyMethodAttributes(
    source: ClassReader,
    hasSyntheticAttribute: boolean,
    hasDeprecatedAttribute: boolean,
    descriptorIndex: number,
    signatureIndex: number,
    exceptionsOffset: number,
  ): boolean {
    // A changed descriptor could need more locals than the original max_locals: no copy (being
    // more precise is not worth it, such a transform almost always changes the code too).
    if (
      source !== this.symbolTable.getSource() ||
      descriptorIndex !== this.descriptorIndex ||
      signatureIndex !== this.signatureIndex ||
      hasDeprecatedAttribute !== ((this.accessFlags & Opcodes.ACC_DEPRECATED) !== 0)
    ) {
      return false;
    }
    const isSynthetic = (this.accessFlags & Opcodes.ACC_SYNTHETIC) !== 0;
    if (hasSyntheticAttribute) {
      // The reader sets ACC_SYNTHETIC when it sees the attribute; if it was removed since, the
      // copied attribute would be wrong.
      if (!isSynthetic) {
        return false;
      }
    } else if (this.symbolTable.getMajorVersion() < Opcodes.V1_5 && isSynthetic) {
      // Before version 49 synthetic members need the attribute (JVMS §4.7.8), which the source lacks.
      return false;
    }
    if (exceptionsOffset === 0) {
      if (this.numberOfExceptions !== 0) {
        return false;
      }
    } else if (source.readUnsignedShort(exceptionsOffset) !== this.numberOfExceptions) {
      // ASM copies the source's Exceptions attribute in this case, losing the adapter's change.
      return false;
    } else {
      const exceptionIndexTable = this.exceptionIndexTable as Int32Array;
      let currentExceptionOffset = exceptionsOffset + 2;
      for (let i = 0; i < this.numberOfExceptions; ++i) {
        if (source.readUnsignedShort(currentExceptionOffset) !== exceptionIndexTable[i]) {
          return false;
        }
        currentExceptionOffset += 2;
      }
    }
    this.sourceHasSyntheticAttribute = hasSyntheticAttribute;
    return true;
  }

  /**
   * @internal Makes this method a copy of the method_info at `methodInfoOffset` (of
   * `methodInfoLength` bytes) in the source class file: its attributes are copied in
   * putMethodInfo, after the first 6 bytes (access_flags, name_index, descriptor_index).
   */
  setMethodAttributesSource(methodInfoOffset: number, methodInfoLength: number): void {
    this.sourceOffset = methodInfoOffset + 6;
    this.sourceLength = methodInfoLength - 6;
    this.sourceAccessFlags = (this.symbolTable.getSource() as ClassReader).readUnsignedShort(methodInfoOffset);
  }

  // ## Output

  /**
   * @internal The size of the method_info structure (JVMS §4.6); also adds the attribute names to
   * the constant pool. Throws MethodTooLargeException when the code exceeds 65535 bytes (JVMS §4.7.3).
   */
  computeMethodInfoSize(): number {
    if (this.sourceOffset !== 0) {
      // A copy: sourceLength excludes access_flags, name_index and descriptor_index.
      return 6 + this.sourceLength;
    }
    const symbolTable = this.symbolTable;
    // access_flags, name_index, descriptor_index and attributes_count.
    let size = 8;
    // Attributes in the order of JVMS §4.7.
    const code = this.code;
    if (code.length > 0) {
      if (code.length > 65535) {
        throw new MethodTooLargeException(symbolTable.getClassName(), this.name, this.descriptor, code.length);
      }
      symbolTable.addAttributeNameOfKind(WrittenAttribute.CODE);
      // The Code attribute header (6), max_stack, max_locals, code_length, attributes_count, the
      // code and the exception table.
      size += 16 + code.length + Handler.getExceptionTableSize(this.firstHandler);
      if (this.stackMapTableEntries !== null) {
        const useStackMapTable = symbolTable.getMajorVersion() >= Opcodes.V1_6;
        symbolTable.addAttributeNameOfKind(useStackMapTable ? WrittenAttribute.STACK_MAP_TABLE : WrittenAttribute.STACK_MAP);
        // Attribute header and number_of_entries.
        size += 8 + this.stackMapTableEntries.length;
      }
      if (this.lineNumberTable !== null) {
        symbolTable.addAttributeNameOfKind(WrittenAttribute.LINE_NUMBER_TABLE);
        size += 8 + 4 * this.lineNumberTableLength;
      }
      if (this.localVariableTable !== null) {
        symbolTable.addAttributeNameOfKind(WrittenAttribute.LOCAL_VARIABLE_TABLE);
        size += 8 + 10 * this.localVariableTableLength;
      }
      if (this.localVariableTypeTable !== null) {
        symbolTable.addAttributeNameOfKind(WrittenAttribute.LOCAL_VARIABLE_TYPE_TABLE);
        size += 8 + 10 * this.localVariableTypeTableLength;
      }
      if (this.lastCodeRuntimeVisibleTypeAnnotation !== null) {
        size += this.lastCodeRuntimeVisibleTypeAnnotation.computeAnnotationsSize(
          Constants.RUNTIME_VISIBLE_TYPE_ANNOTATIONS,
        );
      }
      if (this.lastCodeRuntimeInvisibleTypeAnnotation !== null) {
        size += this.lastCodeRuntimeInvisibleTypeAnnotation.computeAnnotationsSize(
          Constants.RUNTIME_INVISIBLE_TYPE_ANNOTATIONS,
        );
      }
      if (this.firstCodeAttribute !== null) {
        size += this.firstCodeAttribute.computeAttributesSize(
          symbolTable,
          code.data,
          code.length,
          this.maxStack,
          this.maxLocals,
        );
      }
    }
    if (this.numberOfExceptions > 0) {
      symbolTable.addAttributeNameOfKind(WrittenAttribute.EXCEPTIONS);
      size += 8 + 2 * this.numberOfExceptions;
    }
    size += Attribute.computeAttributesSize(symbolTable, this.accessFlags, this.signatureIndex);
    size += AnnotationWriter.computeAnnotationsSize(
      this.lastRuntimeVisibleAnnotation,
      this.lastRuntimeInvisibleAnnotation,
      this.lastRuntimeVisibleTypeAnnotation,
      this.lastRuntimeInvisibleTypeAnnotation,
    );
    if (this.lastRuntimeVisibleParameterAnnotations !== null) {
      size += AnnotationWriter.computeParameterAnnotationsSize(
        Constants.RUNTIME_VISIBLE_PARAMETER_ANNOTATIONS,
        this.lastRuntimeVisibleParameterAnnotations,
        this.visibleAnnotableParameterCount === 0
          ? this.lastRuntimeVisibleParameterAnnotations.length
          : this.visibleAnnotableParameterCount,
      );
    }
    if (this.lastRuntimeInvisibleParameterAnnotations !== null) {
      size += AnnotationWriter.computeParameterAnnotationsSize(
        Constants.RUNTIME_INVISIBLE_PARAMETER_ANNOTATIONS,
        this.lastRuntimeInvisibleParameterAnnotations,
        this.invisibleAnnotableParameterCount === 0
          ? this.lastRuntimeInvisibleParameterAnnotations.length
          : this.invisibleAnnotableParameterCount,
      );
    }
    if (this.defaultValue !== null) {
      symbolTable.addAttributeNameOfKind(WrittenAttribute.ANNOTATION_DEFAULT);
      size += 6 + this.defaultValue.length;
    }
    if (this.parameters !== null) {
      symbolTable.addAttributeNameOfKind(WrittenAttribute.METHOD_PARAMETERS);
      // Attribute header and parameters_count (1 byte).
      size += 7 + this.parameters.length;
    }
    if (this.firstAttribute !== null) {
      size += this.firstAttribute.computeAttributesSize(symbolTable);
    }
    return size;
  }

  /** @internal Writes the method_info structure (JVMS §4.6) into `output`. */
  putMethodInfo(output: ByteVector): void {
    const symbolTable = this.symbolTable;
    // Before version 49, ACC_SYNTHETIC is expressed by the Synthetic attribute instead (JVMS §4.7.8).
    const useSyntheticAttribute = symbolTable.getMajorVersion() < Opcodes.V1_5;
    const mask = useSyntheticAttribute ? Opcodes.ACC_SYNTHETIC : 0;
    if (this.sourceOffset !== 0) {
      // A copy: the attributes are the source's bytes. With a copied Synthetic attribute the
      // ACC_SYNTHETIC bit is the source's too (the reader added it to the visited flags).
      const accessFlags = this.sourceHasSyntheticAttribute
        ? (this.accessFlags & ~Opcodes.ACC_SYNTHETIC) | (this.sourceAccessFlags & Opcodes.ACC_SYNTHETIC)
        : this.accessFlags & ~mask;
      output.putShort(accessFlags).putShort(this.nameIndex).putShort(this.descriptorIndex);
      output.putByteArray((symbolTable.getSource() as ClassReader).classFileBuffer, this.sourceOffset, this.sourceLength);
      return;
    }
    output.putShort(this.accessFlags & ~mask).putShort(this.nameIndex).putShort(this.descriptorIndex);
    const code = this.code;
    let attributeCount = 0;
    if (code.length > 0) {
      ++attributeCount;
    }
    if (this.numberOfExceptions > 0) {
      ++attributeCount;
    }
    if ((this.accessFlags & Opcodes.ACC_SYNTHETIC) !== 0 && useSyntheticAttribute) {
      ++attributeCount;
    }
    if (this.signatureIndex !== 0) {
      ++attributeCount;
    }
    if ((this.accessFlags & Opcodes.ACC_DEPRECATED) !== 0) {
      ++attributeCount;
    }
    if (this.lastRuntimeVisibleAnnotation !== null) {
      ++attributeCount;
    }
    if (this.lastRuntimeInvisibleAnnotation !== null) {
      ++attributeCount;
    }
    if (this.lastRuntimeVisibleParameterAnnotations !== null) {
      ++attributeCount;
    }
    if (this.lastRuntimeInvisibleParameterAnnotations !== null) {
      ++attributeCount;
    }
    if (this.lastRuntimeVisibleTypeAnnotation !== null) {
      ++attributeCount;
    }
    if (this.lastRuntimeInvisibleTypeAnnotation !== null) {
      ++attributeCount;
    }
    if (this.defaultValue !== null) {
      ++attributeCount;
    }
    if (this.parameters !== null) {
      ++attributeCount;
    }
    if (this.firstAttribute !== null) {
      attributeCount += this.firstAttribute.getAttributeCount();
    }
    // Attributes in the order of JVMS §4.7, then in the source's order if there is one.
    const attributesCountOffset = output.length;
    output.putShort(attributeCount);
    if (code.length > 0) {
      // max_stack, max_locals, code_length, attributes_count, the code and the exception table.
      let size = 10 + code.length + Handler.getExceptionTableSize(this.firstHandler);
      let codeAttributeCount = 0;
      if (this.stackMapTableEntries !== null) {
        size += 8 + this.stackMapTableEntries.length;
        ++codeAttributeCount;
      }
      if (this.lineNumberTable !== null) {
        size += 8 + 4 * this.lineNumberTableLength;
        ++codeAttributeCount;
      }
      if (this.localVariableTable !== null) {
        size += 8 + 10 * this.localVariableTableLength;
        ++codeAttributeCount;
      }
      if (this.localVariableTypeTable !== null) {
        size += 8 + 10 * this.localVariableTypeTableLength;
        ++codeAttributeCount;
      }
      if (this.lastCodeRuntimeVisibleTypeAnnotation !== null) {
        size += this.lastCodeRuntimeVisibleTypeAnnotation.computeAnnotationsSize(
          Constants.RUNTIME_VISIBLE_TYPE_ANNOTATIONS,
        );
        ++codeAttributeCount;
      }
      if (this.lastCodeRuntimeInvisibleTypeAnnotation !== null) {
        size += this.lastCodeRuntimeInvisibleTypeAnnotation.computeAnnotationsSize(
          Constants.RUNTIME_INVISIBLE_TYPE_ANNOTATIONS,
        );
        ++codeAttributeCount;
      }
      if (this.firstCodeAttribute !== null) {
        size += this.firstCodeAttribute.computeAttributesSize(
          symbolTable,
          code.data,
          code.length,
          this.maxStack,
          this.maxLocals,
        );
        codeAttributeCount += this.firstCodeAttribute.getAttributeCount();
      }
      output
        .putShort(symbolTable.addAttributeNameOfKind(WrittenAttribute.CODE))
        .putInt(size)
        .putShort(this.maxStack)
        .putShort(this.maxLocals)
        .putInt(code.length)
        .putByteArray(code.data, 0, code.length);
      Handler.putExceptionTable(this.firstHandler, output);
      const codeAttributesCountOffset = output.length;
      output.putShort(codeAttributeCount);
      // The StackMapTable goes first (ASM's order), or after the debug tables where the source had it
      // (javac's order): then the reordering below finds nothing to move, in the common case.
      const sourceCodeAttributesCountOffset = this.attributeOrderSource === 0 ? 0 : this.findSourceCodeAttributesCount();
      const stackMapTableLast =
        sourceCodeAttributesCountOffset !== 0 && this.stackMapTableEntries !== null && this.isSourceStackMapTableLast(sourceCodeAttributesCountOffset);
      if (!stackMapTableLast) {
        this.putStackMapTable(output);
      }
      if (this.lineNumberTable !== null) {
        const byteLength = 4 * this.lineNumberTableLength;
        output
          .putShort(symbolTable.addAttributeNameOfKind(WrittenAttribute.LINE_NUMBER_TABLE))
          .putInt(2 + byteLength)
          .putShort(this.lineNumberTableLength)
          .putByteArray(this.lineNumberTable.data, this.lineNumberTableOffset, byteLength);
      }
      if (this.localVariableTable !== null) {
        const byteLength = 10 * this.localVariableTableLength;
        output
          .putShort(symbolTable.addAttributeNameOfKind(WrittenAttribute.LOCAL_VARIABLE_TABLE))
          .putInt(2 + byteLength)
          .putShort(this.localVariableTableLength)
          .putByteArray(this.localVariableTable.data, this.localVariableTableOffset, byteLength);
      }
      if (this.localVariableTypeTable !== null) {
        const byteLength = 10 * this.localVariableTypeTableLength;
        output
          .putShort(symbolTable.addAttributeNameOfKind(WrittenAttribute.LOCAL_VARIABLE_TYPE_TABLE))
          .putInt(2 + byteLength)
          .putShort(this.localVariableTypeTableLength)
          .putByteArray(this.localVariableTypeTable.data, this.localVariableTypeTableOffset, byteLength);
      }
      if (stackMapTableLast) {
        this.putStackMapTable(output);
      }
      if (this.lastCodeRuntimeVisibleTypeAnnotation !== null) {
        this.lastCodeRuntimeVisibleTypeAnnotation.putAnnotations(
          symbolTable.addAttributeNameOfKind(WrittenAttribute.RUNTIME_VISIBLE_TYPE_ANNOTATIONS),
          output,
        );
      }
      if (this.lastCodeRuntimeInvisibleTypeAnnotation !== null) {
        this.lastCodeRuntimeInvisibleTypeAnnotation.putAnnotations(
          symbolTable.addAttributeNameOfKind(WrittenAttribute.RUNTIME_INVISIBLE_TYPE_ANNOTATIONS),
          output,
        );
      }
      if (this.firstCodeAttribute !== null) {
        this.firstCodeAttribute.putAttributes(symbolTable, code.data, code.length, this.maxStack, this.maxLocals, output);
      }
      if (sourceCodeAttributesCountOffset !== 0) {
        orderAttributesLikeSource(
          output.data,
          codeAttributesCountOffset,
          (symbolTable.getSource() as ClassReader).classFileBuffer,
          sourceCodeAttributesCountOffset,
        );
      }
    }
    if (this.numberOfExceptions > 0) {
      output
        .putShort(symbolTable.addAttributeNameOfKind(WrittenAttribute.EXCEPTIONS))
        .putInt(2 + 2 * this.numberOfExceptions)
        .putShort(this.numberOfExceptions);
      const exceptionIndexTable = this.exceptionIndexTable as Int32Array;
      for (let i = 0; i < exceptionIndexTable.length; ++i) {
        output.putShort(exceptionIndexTable[i]);
      }
    }
    Attribute.putAttributes(symbolTable, this.accessFlags, this.signatureIndex, output);
    AnnotationWriter.putAnnotations(
      symbolTable,
      this.lastRuntimeVisibleAnnotation,
      this.lastRuntimeInvisibleAnnotation,
      this.lastRuntimeVisibleTypeAnnotation,
      this.lastRuntimeInvisibleTypeAnnotation,
      output,
    );
    if (this.lastRuntimeVisibleParameterAnnotations !== null) {
      AnnotationWriter.putParameterAnnotations(
        symbolTable.addAttributeNameOfKind(WrittenAttribute.RUNTIME_VISIBLE_PARAMETER_ANNOTATIONS),
        this.lastRuntimeVisibleParameterAnnotations,
        this.visibleAnnotableParameterCount === 0
          ? this.lastRuntimeVisibleParameterAnnotations.length
          : this.visibleAnnotableParameterCount,
        output,
      );
    }
    if (this.lastRuntimeInvisibleParameterAnnotations !== null) {
      AnnotationWriter.putParameterAnnotations(
        symbolTable.addAttributeNameOfKind(WrittenAttribute.RUNTIME_INVISIBLE_PARAMETER_ANNOTATIONS),
        this.lastRuntimeInvisibleParameterAnnotations,
        this.invisibleAnnotableParameterCount === 0
          ? this.lastRuntimeInvisibleParameterAnnotations.length
          : this.invisibleAnnotableParameterCount,
        output,
      );
    }
    if (this.defaultValue !== null) {
      output
        .putShort(symbolTable.addAttributeNameOfKind(WrittenAttribute.ANNOTATION_DEFAULT))
        .putInt(this.defaultValue.length)
        .putByteArray(this.defaultValue.data, 0, this.defaultValue.length);
    }
    if (this.parameters !== null) {
      output
        .putShort(symbolTable.addAttributeNameOfKind(WrittenAttribute.METHOD_PARAMETERS))
        .putInt(1 + this.parameters.length)
        .putByte(this.parametersCount)
        .putByteArray(this.parameters.data, 0, this.parameters.length);
    }
    if (this.firstAttribute !== null) {
      this.firstAttribute.putAttributes(symbolTable, output);
    }
    if (this.attributeOrderSource !== 0) {
      orderAttributesLikeSource(
        output.data,
        attributesCountOffset,
        (symbolTable.getSource() as ClassReader).classFileBuffer,
        this.attributeOrderSource + 6,
      );
    }
  }

  /** Writes the StackMapTable attribute (JVMS §4.7.4; StackMap before version 50), if there is one. */
  private putStackMapTable(output: ByteVector): void {
    if (this.stackMapTableEntries !== null) {
      const useStackMapTable = this.symbolTable.getMajorVersion() >= Opcodes.V1_6;
      output
        .putShort(this.symbolTable.addAttributeNameOfKind(useStackMapTable ? WrittenAttribute.STACK_MAP_TABLE : WrittenAttribute.STACK_MAP))
        .putInt(2 + this.stackMapTableEntries.length)
        .putShort(this.stackMapTableNumberOfEntries)
        .putByteArray(this.stackMapTableEntries.data, 0, this.stackMapTableEntries.length);
    }
  }

  /**
   * Whether the source Code attributes at `attributesCountOffset` have their stack map table after
   * a LineNumberTable, LocalVariableTable or LocalVariableTypeTable, as javac writes them.
   */
  private isSourceStackMapTableLast(attributesCountOffset: number): boolean {
    const symbolTable = this.symbolTable;
    const bytes = (symbolTable.getSource() as ClassReader).classFileBuffer;
    const stackMapTableName = symbolTable.addAttributeNameOfKind(
      symbolTable.getMajorVersion() >= Opcodes.V1_6 ? WrittenAttribute.STACK_MAP_TABLE : WrittenAttribute.STACK_MAP,
    );
    // The debug tables this method has (-1 for the others: no name index matches).
    const lineNumberTableName = this.lineNumberTable === null ? -1 : symbolTable.addAttributeNameOfKind(WrittenAttribute.LINE_NUMBER_TABLE);
    const localVariableTableName =
      this.localVariableTable === null ? -1 : symbolTable.addAttributeNameOfKind(WrittenAttribute.LOCAL_VARIABLE_TABLE);
    const localVariableTypeTableName =
      this.localVariableTypeTable === null ? -1 : symbolTable.addAttributeNameOfKind(WrittenAttribute.LOCAL_VARIABLE_TYPE_TABLE);
    let debugTableSeen = false;
    let offset = attributesCountOffset + 2;
    for (let i = readU2(bytes, attributesCountOffset); i > 0; --i) {
      const nameIndex = readU2(bytes, offset);
      if (nameIndex === stackMapTableName) {
        return debugTableSeen;
      }
      if (nameIndex === lineNumberTableName || nameIndex === localVariableTableName || nameIndex === localVariableTypeTableName) {
        debugTableSeen = true;
      }
      offset += 6 + readS4(bytes, offset + 2);
    }
    return false;
  }

  /**
   * The offset of attributes_count in the Code attribute (JVMS §4.7.3) of the source method_info
   * attributeOrderSource, or 0 if it has none.
   */
  private findSourceCodeAttributesCount(): number {
    const codeOffset = this.symbolTable.findSourceAttribute(this.attributeOrderSource + 6, Constants.CODE);
    if (codeOffset === 0) {
      return 0;
    }
    // max_stack, max_locals, code_length, code, exception_table_length, exception_table.
    const bytes = (this.symbolTable.getSource() as ClassReader).classFileBuffer;
    const exceptionTableOffset = codeOffset + 8 + readS4(bytes, codeOffset + 4);
    return exceptionTableOffset + 2 + 8 * readU2(bytes, exceptionTableOffset);
  }

  /** @internal Adds the non-standard attributes of this method to a set of attribute prototypes. */
  collectAttributePrototypes(attributePrototypes: Attribute.Set): void {
    attributePrototypes.addAttributes(this.firstAttribute);
    attributePrototypes.addAttributes(this.firstCodeAttribute);
  }
}

/**
 * Frame buffers (see visitFrameStart) that computeAllFrames no longer needs, for the next method's frames: at
 * most two. A buffer is taken off the list while a method uses it, so two methods never share one.
 */
const spareFrameBuffers: Int32Array[] = [];

/**
 * The error for a Label used by an instruction or a try-catch block but never passed to visitLabel
 * (ASM fails with a NullPointerException there).
 */
function unvisitedLabelError(role: string): Error {
  return new Error(`Cannot compute the control flow graph: the Label of ${role} was never visited (visitLabel)`);
}

/** A new array of `length` nulls, for the last annotation of each parameter. */
/** `annotations` (or a new table) grown with nulls to at least `length` slots. */
function parameterAnnotationSlots(
  annotations: (AnnotationWriter | null)[] | null,
  length: number,
): (AnnotationWriter | null)[] {
  if (annotations === null) {
    return newAnnotationArray(length);
  }
  for (let i = annotations.length; i < length; ++i) {
    annotations.push(null);
  }
  return annotations;
}

function newAnnotationArray(length: number): (AnnotationWriter | null)[] {
  const annotations = new Array<AnnotationWriter | null>(length);
  for (let i = 0; i < length; ++i) {
    annotations[i] = null;
  }
  return annotations;
}

/**
 * Checks the labels of a switch before they are written: Java's `Label... labels` ports to JavaScript
 * as separate arguments, which would pass one Label where the array is expected, and a table whose
 * count disagrees with min/max or the keys would be written as a corrupt instruction (JVMS §6.5
 * tableswitch, lookupswitch). ASM writes either without a word.
 */
function checkSwitchLabels(method: string, labels: unknown, expectedCount: number, what: string): void {
  if (!Array.isArray(labels)) {
    throw new TypeError(`${method} takes its labels as an array (Java's Label... varargs), not as separate arguments`);
  }
  if (labels.length !== expectedCount) {
    throw new Error(`${method}: ${labels.length} labels, but ${what} is ${expectedCount}`);
  }
}
