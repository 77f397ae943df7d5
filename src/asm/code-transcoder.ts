// # The Code attribute re-encoded from a ClassReader straight into a MethodWriter
//
// `new ClassReader(bytes).accept(new ClassWriter(flags), options)`, and every method a ClassVisitor
// adapter passes on untouched (`return super.visitMethod(…)`), visit the instructions only to encode
// them again: each event rebuilds what the writer turns back into bytes (strings of member
// references, Label objects, frame arrays). When the reader sees that its MethodVisitor is a
// MethodWriter, it has this module write the Code attribute directly, instruction by instruction,
// with the same result as the events, byte for byte:
// - the same constants are added to the writer's pool in the same order (catch types, then the
//   frame types and instruction operands in code order, then the local variable names), through
//   the same SymbolTable methods; a pool index of the reader seen again maps to the writer's
//   constant without any lookup (SymbolTable.transcodedConstantsOf);
// - each instruction gets the encoding MethodWriter would choose (ldc or ldc_w by the new index,
//   xLOAD_n, no needless wide, goto for goto_w…), so offsets may move: jumps, switches, frames,
//   handlers and debug tables are mapped to the new offsets;
// - frames are re-encoded as MethodWriter does for compressed frames (same_frame vs
//   same_frame_extended by the new offset_delta), the line numbers in code order.
// With COMPUTE_MAXS or COMPUTE_FRAMES (unless the frames are read, or COMPUTE_MAXS takes its maximums
// from them) the writer's own bookkeeping follows each instruction (see transcodeTracked).
//
// Anything this module does not handle (type annotations, non-standard attributes, the old StackMap,
// a backward jump or a frame referring ahead, subroutines with COMPUTE_*, code the reader would
// reject…) makes it give up before the writer changes: the reader then visits the code as usual.
// Giving up is exact: what was added to the pool until then is what the events add first, in the
// same order, so they find it there and add the rest. See test/code-transcoder.test.ts, which
// compares both paths on whole jars.

import { Attr } from './attribute-kinds.js';
import { readS2, readS4, readU2 } from './big-endian.js';
import { ByteVector } from './byte-vector.js';
import { BytecodeFrames } from './bytecode-frames.js';
import { Graph, GRAPH_KINDS, graphEvents, IMPLICIT_LOCALS } from './graph-events.js';
import type { ClassReader } from './class-reader.js';
import { Constants } from './constants.js';
import { Handler } from './handler.js';
import { Insn, INSN_KINDS, INSN_SIZES } from './instruction-kinds.js';
import { Label } from './label.js';
import { MethodWriter } from './method-writer.js';
import { Opcodes } from './opcodes.js';
import { readerHints } from './reader-hints.js';
import { Symbol } from './symbol.js';
import { Type } from './type.js';
import { scratchUint8Array, zeroedInt32Array } from './zeroed-slab.js';

// The encoding of SymbolTable.transcodedConstantsOf: for a reader pool index, the writer's
// constant made from it, as index | tag << 16 | extra << 24, where tag is the reader constant's
// (JVMS §4.4, checked against each use) and extra, for an ldc's constant, 1 when it takes ldc2_w,
// and for a method reference, its invokeinterface count once known. 0: not made yet.
const TAG_SHIFT = 16;
const EXTRA_SHIFT = 24;

/** The constant tags ldc may load (JVMS §4.4, Table 4.4-C), as a bit set. */
const LOADABLE_TAGS =
  (1 << Symbol.CONSTANT_INTEGER_TAG) |
  (1 << Symbol.CONSTANT_FLOAT_TAG) |
  (1 << Symbol.CONSTANT_LONG_TAG) |
  (1 << Symbol.CONSTANT_DOUBLE_TAG) |
  (1 << Symbol.CONSTANT_CLASS_TAG) |
  (1 << Symbol.CONSTANT_STRING_TAG) |
  (1 << Symbol.CONSTANT_METHOD_HANDLE_TAG) |
  (1 << Symbol.CONSTANT_METHOD_TYPE_TAG) |
  (1 << Symbol.CONSTANT_DYNAMIC_TAG);

// ClassReader.SKIP_DEBUG and SKIP_FRAMES (not imported: ClassReader imports this module).
const SKIP_DEBUG = 2;
const SKIP_FRAMES = 4;

/** A frame offset no instruction has: no frame pending. */
const NO_FRAME = 0x7fffffff;

/** Thrown to give up (see the top of this file); caught by transcodeCode. */
const GIVE_UP = new Error('not transcoded');

// Buffers reused from method to method (this module never calls user code, so it is never
// re-entered): the new offset of each old instruction offset (-1 elsewhere), and the jumps and
// switch entries whose target lies ahead, as (position of the offset in the new code, new offset
// of the instruction, old target offset, operand size) quadruples.
let newOffsets = new Int32Array(1024);
let forwardJumps = new Int32Array(256);

// With COMPUTE_MAXS or COMPUTE_FRAMES (transcodeTracked): the marks of instruction starts in newOffsets
// during its first pass; the jump, switch and handler targets found; the label of each (by old offset,
// emptied after each method).
const INSN_START = -2;
let targets = new Int32Array(256);

/**
 * The labels of transcodeTracked by old offset: `labelNumbers[offset]` is 0 without one, else its
 * number plus one in `labelList` (a reused typed array rather than a sparse array of labels).
 */
let labelNumbers = new Int32Array(1024);
const labelList: Label[] = [];

function labelOf(offset: number): Label {
  return labelList[labelNumbers[offset]! - 1]!;
}

function addTarget(count: number, target: number): number {
  if (count === targets.length) {
    const grown = new Int32Array(2 * count);
    grown.set(targets);
    targets = grown;
  }
  targets[count] = target;
  return count + 1;
}

/** Whether `offset` is that of an instruction (marked by the first pass of transcodeTracked) or code_length. */
function isInstructionOrEnd(offset: number, codeLength: number): boolean {
  return offset === codeLength || (offset >= 0 && offset < codeLength && newOffsets[offset] === INSN_START);
}

const u2 = readU2;
const s2 = readS2;
const s4 = readS4;

/**
 * Where transcodeDebugTables wrote the debug tables of the method being transcoded, in the storage of its
 * code vector (byte offsets), and their numbers of entries; read by setDebugTables. One object, reused.
 */
class DebugTables {
  lineNumberTableOffset = 0;
  lineNumberTableLength = 0;
  localVariableTableOffset = 0;
  localVariableTableLength = 0;
  localVariableTypeTableOffset = 0;
  localVariableTypeTableLength = 0;
}
const debugTables = new DebugTables();

/** The most bytes transcodeDebugTables writes for the debug tables at these offsets of `b` (0: absent). */
function debugTablesRoom(b: Uint8Array, lineNumberTableOffset: number, localVariableTableOffset: number): number {
  // Each LocalVariableTable entry gives at most one LocalVariableTypeTable entry.
  return (lineNumberTableOffset === 0 ? 0 : 4 * u2(b, lineNumberTableOffset)) + (localVariableTableOffset === 0 ? 0 : 20 * u2(b, localVariableTableOffset));
}

/**
 * Writes a local_variable_table entry (JVMS §4.7.13; the same layout in LocalVariableTypeTable, §4.7.14)
 * at `position` of `data`: start_pc, length, name_index, descriptor_index (or signature_index), then
 * the index copied from `b` at `indexOffset`.
 */
function putLocalVariable(
  data: Uint8Array,
  position: number,
  startPc: number,
  length: number,
  nameIndex: number,
  descriptorIndex: number,
  b: Uint8Array,
  indexOffset: number,
): void {
  data[position] = startPc >> 8;
  data[position + 1] = startPc;
  data[position + 2] = length >> 8;
  data[position + 3] = length;
  data[position + 4] = nameIndex >> 8;
  data[position + 5] = nameIndex;
  data[position + 6] = descriptorIndex >> 8;
  data[position + 7] = descriptorIndex;
  data[position + 8] = b[indexOffset]!;
  data[position + 9] = b[indexOffset + 1]!;
}

/** Whether a u2 count of `entrySize`-byte entries at `offset` fits in `length` bytes (as ClassReader checks). */
function tableFits(b: Uint8Array, offset: number, length: number, entrySize: number): boolean {
  return length >= 2 && 2 + entrySize * u2(b, offset) <= length;
}

/**
 * Writes the Code attribute at `codeOffset` (its content, JVMS §4.7.3) of `reader`'s class into
 * `writer`, a MethodWriter that has not written any code yet, as the events of ClassReader.readCode
 * would. Returns false, with the writer unchanged, when it gives up.
 */
export function transcodeCode(reader: ClassReader, writer: MethodWriter, codeOffset: number, parsingOptions: number): boolean {
  // The buffers of this module (and of bytecode-frames.ts) serve one method at a time; computing frames
  // may call user code (getCommonSuperClass), which could write another class: that one takes the events.
  if (transcoding) return false;
  const transcoder = new CodeTranscoder(reader, writer, codeOffset, parsingOptions);
  transcoding = true;
  try {
    return transcoder.transcode();
  } catch (error) {
    // Once the writer has changed (see transcodeTracked), an error is the method's: the events would
    // have met it too.
    if (transcoder.committed) throw error;
    // GIVE_UP, or an error of the reader on malformed code, which the events will meet again
    // (and report as they do: this module's order of reading may differ).
    writer.code.length = 0;
    if (error !== GIVE_UP && !(error instanceof Error)) throw error;
    return false;
  } finally {
    transcoding = false;
  }
}

/** Whether transcodeCode is running (see there). */
let transcoding = false;

class CodeTranscoder {
  private readonly b: Uint8Array;
  private readonly constants: Int32Array;
  /** The writer's Symbol of each constant of `constants` (set with it), when `tracked`; else null. */
  private readonly symbols: (Symbol | undefined)[] | null;
  /** Whether the writer computes max_stack and max_locals or frames (see transcodeTracked). */
  private readonly tracked: boolean;
  /** The new code, written directly (its capacity is reserved up front). */
  private data: Uint8Array;
  private length: number;
  /**
   * How many bytes the new code may still grow beyond the old before `data` is full: `data` holds the
   * new code so far plus the rest of the old code plus this. Only an ldc that becomes ldc_w, a switch
   * whose padding grows and a goto that becomes goto_w grow (see grow).
   */
  private room: number;
  private forwardJumpCount: number;
  /** With COMPUTE_FRAMES (transcodeDirect), the number of jump and switch targets collected in `targets`; else -1. */
  private labelCount: number;
  /** Whether the writer has changed (with COMPUTE_MAXS or COMPUTE_FRAMES): too late to give up. */
  committed: boolean;

  constructor(
    private readonly reader: ClassReader,
    private readonly writer: MethodWriter,
    private readonly codeOffset: number,
    private readonly parsingOptions: number,
  ) {
    this.b = reader.classFileBuffer;
    this.tracked = writer.compute !== MethodWriter.COMPUTE_NOTHING;
    this.symbols = this.tracked ? writer.symbolTable.transcodedSymbolsOf(reader) : null;
    this.constants = writer.symbolTable.transcodedConstantsOf(reader);
    this.data = writer.code.data;
    this.length = 0;
    this.room = 0;
    this.forwardJumpCount = 0;
    this.labelCount = -1;
    this.committed = false;
  }

  transcode(): boolean {
    const b = this.b;
    const reader = this.reader;
    const writer = this.writer;
    const codeOffset = this.codeOffset;
    const codeAttributeEnd = codeOffset + s4(b, codeOffset - 4);
    // max_stack, max_locals, code_length, code, exception_table (JVMS §4.7.3).
    if (codeOffset + 8 > codeAttributeEnd) return false;
    const maxStack = u2(b, codeOffset);
    const maxLocals = u2(b, codeOffset + 2);
    const codeLength = s4(b, codeOffset + 4);
    const codeStart = codeOffset + 8;
    if (codeLength <= 0 || codeLength > codeAttributeEnd - codeStart) return false;
    const codeEnd = codeStart + codeLength;
    const exceptionTableOffset = codeEnd;
    if (exceptionTableOffset + 2 > codeAttributeEnd) return false;
    const handlerCount = u2(b, exceptionTableOffset);
    if (handlerCount * 8 > codeAttributeEnd - exceptionTableOffset - 2) return false;

    // The attributes of the Code attribute: only those this module writes again.
    const skipDebug = (this.parsingOptions & SKIP_DEBUG) !== 0;
    const skipFrames = (this.parsingOptions & SKIP_FRAMES) !== 0;
    let lineNumberTableOffset = 0;
    let localVariableTableOffset = 0;
    let localVariableTypeTableOffset = 0;
    let stackMapTableOffset = 0;
    let stackMapTableEnd = 0;
    let currentOffset = exceptionTableOffset + 2 + 8 * handlerCount;
    if (currentOffset + 2 > codeAttributeEnd) return false;
    let attributesCount = u2(b, currentOffset);
    currentOffset += 2;
    while (attributesCount-- > 0) {
      if (currentOffset + 6 > codeAttributeEnd) return false;
      const attributeKind = reader.readAttributeKind(currentOffset);
      const attributeLength = s4(b, currentOffset + 2);
      currentOffset += 6;
      if (attributeLength < 0 || attributeLength > codeAttributeEnd - currentOffset) return false;
      switch (attributeKind) {
        case Attr.ATTRIBUTE_LINE_NUMBER_TABLE:
          if (!skipDebug) {
            if (lineNumberTableOffset !== 0 || !tableFits(b, currentOffset, attributeLength, 4)) return false;
            lineNumberTableOffset = currentOffset;
          }
          break;
        case Attr.ATTRIBUTE_LOCAL_VARIABLE_TABLE:
          if (!skipDebug) {
            if (localVariableTableOffset !== 0 || !tableFits(b, currentOffset, attributeLength, 10)) return false;
            localVariableTableOffset = currentOffset;
          }
          break;
        case Attr.ATTRIBUTE_LOCAL_VARIABLE_TYPE_TABLE:
          // Checked even when skipped, as ClassReader does.
          if (localVariableTypeTableOffset !== 0 || !tableFits(b, currentOffset, attributeLength, 10)) return false;
          localVariableTypeTableOffset = currentOffset;
          break;
        case Attr.ATTRIBUTE_STACK_MAP_TABLE:
          // Ignored below version 50, as ClassReader does (JVMS §4.7.4).
          if (!skipFrames && reader.majorVersion >= Opcodes.V1_6) {
            if (stackMapTableOffset !== 0 || attributeLength < 2) return false;
            stackMapTableOffset = currentOffset + 2;
            stackMapTableEnd = currentOffset + attributeLength;
          }
          break;
        default:
          // Type annotations, the old StackMap, non-standard attributes: the events handle them.
          return false;
      }
      currentOffset += attributeLength;
    }
    // Compressed frames need a class version of 50 or more in the writer too (an adapter may
    // have changed it): MethodWriter.visitFrame throws otherwise.
    if (stackMapTableOffset !== 0 && writer.symbolTable.getMajorVersion() < Opcodes.V1_6) return false;

    if (this.tracked) {
      // Frames read from the class would start basic blocks at their offsets (labels the reader makes):
      // left to the events.
      if (stackMapTableOffset !== 0) return false;
      if (writer.compute === MethodWriter.COMPUTE_ALL_FRAMES) {
        // The frames computed from the bytecode once it is written (see bytecode-frames.ts); else, as
        // for COMPUTE_MAXS, the writer's own bookkeeping at each instruction.
        if (
          this.transcodeDirect(codeStart, codeLength, maxStack, maxLocals, exceptionTableOffset, handlerCount, 0, 0, lineNumberTableOffset, localVariableTableOffset, localVariableTypeTableOffset, true)
        ) {
          return true;
        }
        this.labelCount = -1;
        this.length = 0;
        this.room = 0;
        this.forwardJumpCount = 0;
      }
      return this.transcodeTracked(
        codeStart,
        codeLength,
        maxStack,
        maxLocals,
        exceptionTableOffset + 2,
        handlerCount,
        lineNumberTableOffset,
        localVariableTableOffset,
        localVariableTypeTableOffset,
      );
    }

    return this.transcodeDirect(
      codeStart,
      codeLength,
      maxStack,
      maxLocals,
      exceptionTableOffset,
      handlerCount,
      stackMapTableOffset,
      stackMapTableEnd,
      lineNumberTableOffset,
      localVariableTableOffset,
      localVariableTypeTableOffset,
      false,
    );
  }

  /**
   * Writes the code, exception table and debug tables at their new offsets, and the frames read (at
   * `stackMapTableOffset` in the class, 0 if none), or with `computeFrames`, the frames computed from
   * the bytecode (COMPUTE_FRAMES, see bytecode-frames.ts). Returns false, the writer unchanged, to give up.
   */
  private transcodeDirect(
    codeStart: number,
    codeLength: number,
    maxStack: number,
    maxLocals: number,
    exceptionTableOffset: number,
    handlerCount: number,
    stackMapTableOffset: number,
    stackMapTableEnd: number,
    lineNumberTableOffset: number,
    localVariableTableOffset: number,
    localVariableTypeTableOffset: number,
    computeFrames: boolean,
  ): boolean {
    const b = this.b;
    const reader = this.reader;
    const writer = this.writer;
    const codeEnd = codeStart + codeLength;
    // The catch types first: visitTryCatchBlock comes before the instructions.
    const handlerCatchTypes = handlerCount === 0 ? null : zeroedInt32Array(handlerCount);
    for (let i = 0; i < handlerCount; ++i) {
      const entryOffset = exceptionTableOffset + 2 + 8 * i;
      if (u2(b, entryOffset) > codeLength || u2(b, entryOffset + 2) > codeLength || u2(b, entryOffset + 4) > codeLength) {
        return false;
      }
      // catch_type 0 catches everything (a finally block).
      handlerCatchTypes![i] = u2(b, entryOffset + 6) === 0 ? 0 : this.classConstant(entryOffset + 6);
    }

    // The instructions, with the frames at their offsets.
    this.labelCount = computeFrames ? 0 : -1;
    if (computeFrames) graphEvents.reset(writer.maxLocals, handlerCount > 0);
    // The code, then its debug tables (transcodeDebugTables).
    writer.code.reserve(codeLength + 8 + debugTablesRoom(b, lineNumberTableOffset, localVariableTableOffset));
    this.data = writer.code.data;
    this.room = this.data.length - codeLength;
    // Room for code_length + 6 entries: an instruction that runs past the end of malformed code (found
    // after the loop) has its inside written first, up to 5 bytes past code_length (a wide iinc).
    if (newOffsets.length < codeLength + 6) newOffsets = new Int32Array(2 * codeLength + 8);
    // The new offset of each instruction start; -1 inside instructions, written as the loop passes them
    // (cheaper than filling the whole range first: most instructions are one byte long).
    const newOffsetOf = newOffsets;
    const frames =
      stackMapTableOffset === 0 ? null : new FrameTranscoder(this, b, stackMapTableOffset, stackMapTableEnd, maxLocals, maxStack);
    let nextFrameOffset = frames === null ? NO_FRAME : frames.nextFrameOffset;
    let lastInsnStart = 0;
    let implicitLoadLocals = 0;
    let offset = codeStart;
    // this.data and this.length in locals, written back around transcodeInsn (which writes them).
    let data = this.data;
    let length = this.length;
    while (offset < codeEnd) {
      const bytecodeOffset = offset - codeStart;
      newOffsetOf[bytecodeOffset] = length;
      lastInsnStart = length;
      if (nextFrameOffset <= bytecodeOffset) {
        // A frame at an offset between two instructions is an error for the reader.
        if (nextFrameOffset < bytecodeOffset) return false;
        frames!.transcodeFrame(bytecodeOffset, length);
        nextFrameOffset = frames!.nextFrameOffset;
      }
      const opcode = b[offset]!;
      const kind = INSN_KINDS[opcode]!;
      const insnOffset = offset;
      if (kind !== 0 && kind <= Insn.INSN_IMPLICIT_STORE) {
        // No operand (INSN_NONE, xLOAD_n, xSTORE_n): the same byte, the most frequent case (it never
        // grows the code: no room needed).
        data[length++] = opcode;
        ++offset;
      } else if (kind === Insn.INSN_FIELD_OR_METHOD) {
        // The next most frequent (get/put field or static, invokevirtual/special/static): the writer's
        // index for the reference, here rather than through transcodeInsn's switch (the same 3 bytes).
        const constant = this.memberReference(offset + 1, opcode < Opcodes.INVOKEVIRTUAL);
        data[length] = opcode;
        data[length + 1] = constant >> 8;
        data[length + 2] = constant;
        length += 3;
        offset += 3;
        // Inside the instruction (newOffsets has room, see above).
        newOffsetOf[bytecodeOffset + 1] = -1;
        newOffsetOf[bytecodeOffset + 2] = -1;
      } else {
        this.length = length;
        offset = this.transcodeInsn(offset, bytecodeOffset, length, codeLength);
        length = this.length;
        data = this.data;
        // Inside the instruction (newOffsets has room, see above).
        for (let p = bytecodeOffset + 1, next = offset - codeStart; p < next; ++p) newOffsetOf[p] = -1;
      }
      if (computeFrames) {
        const graphKind = GRAPH_KINDS[opcode]!;
        if (graphKind === Graph.IMPLICIT_LOAD) {
          // The most frequent instructions (ALOAD_0…) only raise max_locals: without a call.
          const localsEnd = IMPLICIT_LOCALS[opcode]!;
          if (localsEnd > implicitLoadLocals) implicitLoadLocals = localsEnd;
        } else if (graphKind !== Graph.SKIP) {
          graphEvents.note(b, insnOffset, opcode, bytecodeOffset, offset - codeStart);
        }
      }
    }
    this.length = length;
    if (computeFrames) graphEvents.local(implicitLoadLocals);
    // An instruction running past code_length, or a frame that no instruction reached: errors.
    if (offset !== codeEnd || nextFrameOffset !== NO_FRAME) return false;
    newOffsetOf[codeLength] = this.length;
    this.resolveForwardJumps(newOffsetOf);

    // The exception table, with the new offsets (each must be that of an instruction).
    let firstHandler: Handler | null = null;
    let lastHandler: Handler | null = null;
    for (let i = 0; i < handlerCount; ++i) {
      const entryOffset = exceptionTableOffset + 2 + 8 * i;
      const catchTypeIndex = u2(b, entryOffset + 6);
      const handler = new Handler(
        this.labelAt(newOffsetOf[u2(b, entryOffset)]!),
        this.labelAt(newOffsetOf[u2(b, entryOffset + 2)]!),
        this.labelAt(newOffsetOf[u2(b, entryOffset + 4)]!),
        handlerCatchTypes![i]!,
        catchTypeIndex === 0 ? null : reader.readRequiredClass(entryOffset + 6),
      );
      if (lastHandler === null) firstHandler = handler;
      else lastHandler.nextHandler = handler;
      lastHandler = handler;
    }

    this.transcodeDebugTables(lineNumberTableOffset, localVariableTableOffset, localVariableTypeTableOffset, codeLength);

    let computedFrames: BytecodeFrames | null = null;
    if (computeFrames) {
      // The labels the reader would visit: the jump and switch targets (collected above), the handlers'.
      let labelCount = this.labelCount;
      for (let i = 0; i < handlerCount; ++i) {
        const entryOffset = exceptionTableOffset + 2 + 8 * i;
        labelCount = addTarget(labelCount, u2(b, entryOffset));
        labelCount = addTarget(labelCount, u2(b, entryOffset + 2));
        labelCount = addTarget(labelCount, u2(b, entryOffset + 4));
      }
      computedFrames = new BytecodeFrames(writer, b, codeStart, codeLength, newOffsetOf, this.symbols!, exceptionTableOffset + 2, handlerCount);
      if (!computedFrames.analyze(targets, labelCount)) return false;
    }

    // Done: what the events would have left in the writer.
    writer.code.length = this.length;
    writer.lastBytecodeOffset = lastInsnStart;
    writer.firstHandler = firstHandler;
    writer.lastHandler = lastHandler;
    if (frames !== null && frames.frameCount > 0) {
      writer.stackMapTableEntries = frames.entries;
      writer.stackMapTableNumberOfEntries = frames.frameCount;
      writer.previousFrameOffset = frames.previousFrameOffset;
    }
    this.setDebugTables();
    if (computedFrames !== null) {
      computedFrames.write();
    } else {
      writer.maxStack = maxStack;
      writer.maxLocals = maxLocals;
    }
    return true;
  }

  /**
   * Writes the instruction at `offset` (bytecode offset `bytecodeOffset`, new offset `insnStart`)
   * as MethodWriter's visit method for it would (JVMS §6.5), and returns the offset of the next.
   */
  private transcodeInsn(offset: number, bytecodeOffset: number, insnStart: number, codeLength: number): number {
    const b = this.b;
    const data = this.data;
    let opcode = b[offset]!;
    switch (INSN_KINDS[opcode]) {
      case Insn.INSN_NONE:
      case Insn.INSN_IMPLICIT_LOAD:
      case Insn.INSN_IMPLICIT_STORE:
        data[this.length++] = opcode;
        return offset + 1;
      case Insn.INSN_VAR:
        this.putVarInsn(opcode, b[offset + 1]!);
        return offset + 2;
      case Insn.INSN_BYTE:
      case Insn.INSN_IINC:
      case Insn.INSN_SHORT: {
        // BIPUSH, NEWARRAY, IINC and SIPUSH: the same bytes (visitIincInsn keeps a byte-sized iinc short).
        const size = INSN_KINDS[opcode] === Insn.INSN_BYTE ? 2 : 3;
        for (let i = 0; i < size; ++i) data[this.length++] = b[offset + i]!;
        return offset + size;
      }
      case Insn.INSN_LDC:
        this.putLdc(b[offset + 1]!, offset + 1, 1);
        return offset + 2;
      case Insn.INSN_LDC_W:
        this.putLdc(u2(b, offset + 1), offset + 1, 2);
        return offset + 3;
      case Insn.INSN_FIELD_OR_METHOD: {
        const constant = this.memberReference(offset + 1, opcode < Opcodes.INVOKEVIRTUAL);
        data[this.length] = opcode;
        data[this.length + 1] = constant >> 8;
        data[this.length + 2] = constant;
        this.length += 3;
        return offset + 3;
      }
      case Insn.INSN_INVOKEINTERFACE: {
        const constant = this.memberReference(offset + 1, false);
        // count: the size of the arguments and receiver (JVMS §6.5.invokeinterface), as MethodWriter computes it.
        let count = constant >>> EXTRA_SHIFT;
        if (count === 0) {
          const descriptor = this.reader.readMemberRef(u2(b, offset + 1), offset + 1).descriptor;
          count = Type.getArgumentsAndReturnSizes(descriptor) >> 2;
          this.constants[u2(b, offset + 1)] = (constant & 0xffffff) | (count << EXTRA_SHIFT);
        }
        data[this.length] = opcode;
        data[this.length + 1] = constant >> 8;
        data[this.length + 2] = constant;
        data[this.length + 3] = count;
        data[this.length + 4] = 0;
        this.length += 5;
        return offset + 5;
      }
      case Insn.INSN_INVOKEDYNAMIC: {
        const constant = this.invokeDynamicConstant(offset);
        data[this.length] = opcode;
        data[this.length + 1] = constant >> 8;
        data[this.length + 2] = constant;
        data[this.length + 3] = 0;
        data[this.length + 4] = 0;
        this.length += 5;
        return offset + 5;
      }
      case Insn.INSN_TYPE: {
        const constant = this.classConstant(offset + 1);
        data[this.length] = opcode;
        data[this.length + 1] = constant >> 8;
        data[this.length + 2] = constant;
        this.length += 3;
        return offset + 3;
      }
      case Insn.INSN_MULTIANEWARRAY: {
        const constant = this.classConstant(offset + 1);
        data[this.length] = opcode;
        data[this.length + 1] = constant >> 8;
        data[this.length + 2] = constant;
        data[this.length + 3] = b[offset + 3]!;
        this.length += 4;
        return offset + 4;
      }
      case Insn.INSN_JUMP:
        this.putJump(opcode, bytecodeOffset + s2(b, offset + 1), bytecodeOffset, insnStart, codeLength);
        return offset + 3;
      case Insn.INSN_WIDE_JUMP:
        // GOTO_W, JSR_W: visited as GOTO, JSR, which MethodWriter widens again only if needed.
        this.putJump(opcode - Constants.WIDE_JUMP_OPCODE_DELTA, bytecodeOffset + s4(b, offset + 1), bytecodeOffset, insnStart, codeLength);
        return offset + 5;
      case Insn.INSN_WIDE:
        opcode = b[offset + 1]!;
        if (opcode === Opcodes.IINC) {
          const varIndex = u2(b, offset + 2);
          const increment = s2(b, offset + 4);
          if (varIndex > 255 || increment > 127 || increment < -128) {
            for (let i = 0; i < 6; ++i) data[this.length++] = b[offset + i]!;
          } else {
            data[this.length++] = Opcodes.IINC;
            data[this.length++] = varIndex;
            data[this.length++] = increment;
          }
          return offset + 6;
        }
        if (INSN_KINDS[opcode] !== Insn.INSN_VAR) throw GIVE_UP;
        this.putVarInsn(opcode, u2(b, offset + 2));
        return offset + 4;
      case Insn.INSN_TABLESWITCH: {
        // Operands after 0 to 3 bytes of padding, in the old code and the new (JVMS §6.5.tableswitch).
        const operands = offset + 4 - (bytecodeOffset & 3);
        const low = s4(b, operands + 4);
        const high = s4(b, operands + 8);
        const count = high - low + 1;
        if (high < low || operands + 12 + 4 * count > offset - bytecodeOffset + codeLength) throw GIVE_UP;
        this.grow(3);
        this.putSwitchStart(opcode);
        this.putSwitchTarget(bytecodeOffset + s4(b, operands), bytecodeOffset, insnStart, codeLength);
        this.putCopy(operands + 4, 8);
        for (let i = 0; i < count; ++i) {
          this.putSwitchTarget(bytecodeOffset + s4(b, operands + 12 + 4 * i), bytecodeOffset, insnStart, codeLength);
        }
        return operands + 12 + 4 * count;
      }
      case Insn.INSN_LOOKUPSWITCH: {
        const operands = offset + 4 - (bytecodeOffset & 3);
        const count = s4(b, operands + 4);
        if (count < 0 || operands + 8 + 8 * count > offset - bytecodeOffset + codeLength) throw GIVE_UP;
        this.grow(3);
        this.putSwitchStart(opcode);
        this.putSwitchTarget(bytecodeOffset + s4(b, operands), bytecodeOffset, insnStart, codeLength);
        this.putCopy(operands + 4, 4);
        for (let i = 0; i < count; ++i) {
          this.putCopy(operands + 8 + 8 * i, 4);
          this.putSwitchTarget(bytecodeOffset + s4(b, operands + 12 + 8 * i), bytecodeOffset, insnStart, codeLength);
        }
        return operands + 8 + 8 * count;
      }
      default:
        // An undefined opcode, or one of ASM's own (only read with EXPAND_ASM_INSNS).
        throw GIVE_UP;
    }
  }

  // ## With COMPUTE_MAXS or COMPUTE_FRAMES
  //
  // The writer then also keeps a control flow graph, and a frame or stack size per basic block, as
  // its visit methods update them: the instructions are still written here, but each is followed by
  // the writer's own update (the track* methods its visit methods end with), and labels, jumps and
  // switches go through its visit methods, in the order of the events. Everything that could make
  // this give up is checked first, by a pass that also finds the labels the reader would make.

  /**
   * The first pass over the code with COMPUTE_MAXS or COMPUTE_FRAMES: marks the instruction starts
   * (INSN_START in newOffsets) and finds the offsets of the labels the reader would visit (jump, switch
   * and handler targets, into `targets`); returns their number, or -1 to give up (subroutines, which
   * MethodWriter inlines, see JSRInlinerAdapter, or anything the reader would reject).
   */
  private findLabels(
    codeStart: number,
    codeLength: number,
    exceptionTable: number,
    handlerCount: number,
    lineNumberTableOffset: number,
    localVariableTableOffset: number,
  ): number {
    const b = this.b;
    const codeEnd = codeStart + codeLength;
    if (newOffsets.length <= codeLength) newOffsets = new Int32Array(2 * codeLength + 2);
    newOffsets.fill(-1, 0, codeLength + 1);
    // First pass: the instruction starts (INSN_START in newOffsets) and the jump targets; no
    // subroutines (MethodWriter inlines them, see JSRInlinerAdapter).
    let targetCount = 0;
    let offset = codeStart;
    while (offset < codeEnd) {
      const bytecodeOffset = offset - codeStart;
      newOffsets[bytecodeOffset] = INSN_START;
      const opcode = b[offset]!;
      const size = INSN_SIZES[opcode]!;
      if (size !== 0) {
        if (opcode === Opcodes.RET) return -1;
        offset += size;
        continue;
      }
      switch (INSN_KINDS[opcode]) {
        case Insn.INSN_JUMP:
          if (opcode === Opcodes.JSR) return -1;
          targetCount = addTarget(targetCount, bytecodeOffset + s2(b, offset + 1));
          offset += 3;
          break;
        case Insn.INSN_WIDE_JUMP:
          if (opcode === Constants.JSR_W) return -1;
          targetCount = addTarget(targetCount, bytecodeOffset + s4(b, offset + 1));
          offset += 5;
          break;
        case Insn.INSN_WIDE: {
          const wideOpcode = b[offset + 1]!;
          if (wideOpcode === Opcodes.IINC) offset += 6;
          else if (INSN_KINDS[wideOpcode] === Insn.INSN_VAR && wideOpcode !== Opcodes.RET) offset += 4;
          else return -1;
          break;
        }
        case Insn.INSN_TABLESWITCH: {
          const operands = offset + 4 - (bytecodeOffset & 3);
          const low = s4(b, operands + 4);
          const high = s4(b, operands + 8);
          const count = high - low + 1;
          if (high < low || operands + 12 + 4 * count > codeEnd) return -1;
          targetCount = addTarget(targetCount, bytecodeOffset + s4(b, operands));
          for (let i = 0; i < count; ++i) targetCount = addTarget(targetCount, bytecodeOffset + s4(b, operands + 12 + 4 * i));
          offset = operands + 12 + 4 * count;
          break;
        }
        case Insn.INSN_LOOKUPSWITCH: {
          const operands = offset + 4 - (bytecodeOffset & 3);
          const count = s4(b, operands + 4);
          if (count < 0 || operands + 8 + 8 * count > codeEnd) return -1;
          targetCount = addTarget(targetCount, bytecodeOffset + s4(b, operands));
          for (let i = 0; i < count; ++i) targetCount = addTarget(targetCount, bytecodeOffset + s4(b, operands + 12 + 8 * i));
          offset = operands + 8 + 8 * count;
          break;
        }
        default:
          return -1;
      }
    }
    if (offset !== codeEnd) return -1;
    for (let i = 0; i < handlerCount; ++i) {
      const entry = exceptionTable + 8 * i;
      targetCount = addTarget(targetCount, u2(b, entry));
      targetCount = addTarget(targetCount, u2(b, entry + 2));
      targetCount = addTarget(targetCount, u2(b, entry + 4));
    }
    // Each label at an instruction or at the end of the code (the reader's errors, or labels never
    // visited, otherwise), and so each offset of the debug tables.
    for (let i = 0; i < targetCount; ++i) {
      if (!isInstructionOrEnd(targets[i]!, codeLength)) return -1;
    }
    if (lineNumberTableOffset !== 0) {
      for (let i = 0, n = u2(b, lineNumberTableOffset); i < n; ++i) {
        if (u2(b, lineNumberTableOffset + 2 + 4 * i) > codeLength) return -1;
      }
    }
    if (localVariableTableOffset !== 0) {
      for (let i = 0, n = u2(b, localVariableTableOffset); i < n; ++i) {
        const entry = localVariableTableOffset + 2 + 10 * i;
        const startPc = u2(b, entry);
        if (!isInstructionOrEnd(startPc, codeLength) || !isInstructionOrEnd(startPc + u2(b, entry + 2), codeLength)) return -1;
      }
    }

    return targetCount;
  }

  private transcodeTracked(
    codeStart: number,
    codeLength: number,
    maxStack: number,
    maxLocals: number,
    exceptionTable: number,
    handlerCount: number,
    lineNumberTableOffset: number,
    localVariableTableOffset: number,
    localVariableTypeTableOffset: number,
  ): boolean {
    const targetCount = this.findLabels(codeStart, codeLength, exceptionTable, handlerCount, lineNumberTableOffset, localVariableTableOffset);
    if (targetCount < 0) return false;
    const b = this.b;
    const codeEnd = codeStart + codeLength;
    let offset: number;

    // The writer changes from here on.
    this.committed = true;
    const writer = this.writer;
    const code = writer.code;
    if (labelNumbers.length <= codeLength) labelNumbers = new Int32Array(2 * codeLength + 2);
    const labels = labelNumbers;
    labelList.length = 0;
    try {
      for (let i = 0; i < targetCount; ++i) {
        if (labels[targets[i]!] === 0) labels[targets[i]!] = labelList.push(new Label());
      }
      for (let i = 0; i < handlerCount; ++i) {
        const entry = exceptionTable + 8 * i;
        const catchTypeIndex = u2(b, entry + 6);
        let catchType: string | null = null;
        if (catchTypeIndex !== 0) {
          this.classConstant(entry + 6);
          catchType = this.reader.readRequiredClass(entry + 6);
        }
        writer.visitTryCatchBlock(labelOf(u2(b, entry)), labelOf(u2(b, entry + 2)), labelOf(u2(b, entry + 4)), catchType);
      }

      // The code, then its debug tables (transcodeDebugTables).
      code.reserve(codeLength + 8 + debugTablesRoom(b, lineNumberTableOffset, localVariableTableOffset));
      this.data = code.data;
      this.room = this.data.length - codeLength;
      offset = codeStart;
      while (offset < codeEnd) {
        const bytecodeOffset = offset - codeStart;
        const labelNumber = labels[bytecodeOffset]!;
        if (labelNumber !== 0) {
          code.length = this.length;
          writer.visitLabel(labelList[labelNumber - 1]!);
        }
        newOffsets[bytecodeOffset] = this.length;
        writer.lastBytecodeOffset = this.length;
        const opcode = b[offset]!;
        if (INSN_KINDS[opcode] === Insn.INSN_NONE) {
          // The most frequent case, here.
          this.data[this.length++] = opcode;
          code.length = this.length;
          writer.trackInsn(opcode);
          ++offset;
        } else {
          offset = this.transcodeTrackedInsn(offset, bytecodeOffset, codeEnd);
        }
      }
      code.length = this.length;
      if (labels[codeLength] !== 0) writer.visitLabel(labelOf(codeLength));
      newOffsets[codeLength] = this.length;

      this.transcodeDebugTables(lineNumberTableOffset, localVariableTableOffset, localVariableTypeTableOffset, codeLength);
      this.setDebugTables();
      writer.visitMaxs(maxStack, maxLocals);
    } finally {
      for (let i = 0; i < targetCount; ++i) labels[targets[i]!] = 0;
      labelList.length = 0;
    }
    return true;
  }

  /**
   * Writes the instruction at `offset` and has the writer update its graph and frames for it, as the
   * event of this instruction would; returns the offset of the next instruction.
   */
  private transcodeTrackedInsn(offset: number, bytecodeOffset: number, codeEnd: number): number {
    const b = this.b;
    const writer = this.writer;
    const code = writer.code;
    const insnStart = this.length;
    const opcode = b[offset]!;
    switch (INSN_KINDS[opcode]) {
      case Insn.INSN_NONE:
        this.data[this.length++] = opcode;
        code.length = this.length;
        writer.trackInsn(opcode);
        return offset + 1;
      case Insn.INSN_IMPLICIT_LOAD: {
        // Visited as visitVarInsn(xLOAD, n).
        this.data[this.length++] = opcode;
        code.length = this.length;
        const implicit = opcode - Constants.ILOAD_0;
        writer.trackVarInsn(Opcodes.ILOAD + (implicit >> 2), implicit & 3);
        return offset + 1;
      }
      case Insn.INSN_IMPLICIT_STORE: {
        this.data[this.length++] = opcode;
        code.length = this.length;
        const implicit = opcode - Constants.ISTORE_0;
        writer.trackVarInsn(Opcodes.ISTORE + (implicit >> 2), implicit & 3);
        return offset + 1;
      }
      case Insn.INSN_VAR:
        this.putVarInsn(opcode, b[offset + 1]!);
        code.length = this.length;
        writer.trackVarInsn(opcode, b[offset + 1]!);
        return offset + 2;
      case Insn.INSN_BYTE:
        this.putCopy(offset, 2);
        code.length = this.length;
        writer.trackIntInsn(opcode, (b[offset + 1]! << 24) >> 24);
        return offset + 2;
      case Insn.INSN_SHORT:
        this.putCopy(offset, 3);
        code.length = this.length;
        writer.trackIntInsn(opcode, s2(b, offset + 1));
        return offset + 3;
      case Insn.INSN_IINC:
        this.putCopy(offset, 3);
        code.length = this.length;
        writer.trackIincInsn(b[offset + 1]!);
        return offset + 3;
      case Insn.INSN_LDC:
      case Insn.INSN_LDC_W: {
        const indexSize = opcode === Opcodes.LDC ? 1 : 2;
        const constantIndex = indexSize === 1 ? b[offset + 1]! : u2(b, offset + 1);
        this.putLdc(constantIndex, offset + 1, indexSize);
        code.length = this.length;
        writer.trackLdcInsn(this.symbols![constantIndex]!, this.constants[constantIndex]! >>> EXTRA_SHIFT !== 0);
        return offset + 1 + indexSize;
      }
      case Insn.INSN_FIELD_OR_METHOD: {
        // The most frequent: written here; the other constant operands as without COMPUTE_*.
        const isField = opcode < Opcodes.INVOKEVIRTUAL;
        const constant = this.memberReference(offset + 1, isField);
        const data = this.data;
        data[this.length] = opcode;
        data[this.length + 1] = constant >> 8;
        data[this.length + 2] = constant;
        this.length += 3;
        code.length = this.length;
        const symbol = this.symbols![u2(b, offset + 1)]!;
        if (isField) writer.trackFieldInsn(opcode, symbol);
        else writer.trackMethodInsn(opcode, symbol);
        return offset + 3;
      }
      case Insn.INSN_INVOKEINTERFACE:
      case Insn.INSN_INVOKEDYNAMIC:
      case Insn.INSN_TYPE:
      case Insn.INSN_MULTIANEWARRAY: {
        // Written as without COMPUTE_*, then tracked with the symbol of the constant.
        const next = this.transcodeInsn(offset, bytecodeOffset, insnStart, 0);
        const symbol = this.symbols![u2(b, offset + 1)]!;
        code.length = this.length;
        if (opcode === Opcodes.INVOKEINTERFACE) writer.trackMethodInsn(opcode, symbol);
        else if (opcode === Opcodes.INVOKEDYNAMIC) writer.trackInvokeDynamicInsn(symbol);
        else if (opcode === Opcodes.MULTIANEWARRAY) writer.trackMultiANewArrayInsn(symbol, b[offset + 3]!);
        else writer.trackTypeInsn(opcode, insnStart, symbol);
        return next;
      }
      case Insn.INSN_JUMP:
        code.length = this.length;
        writer.visitJumpInsn(opcode, labelOf(bytecodeOffset + s2(b, offset + 1)));
        this.takeWrittenCode(offset + 3, codeEnd);
        return offset + 3;
      case Insn.INSN_WIDE_JUMP:
        code.length = this.length;
        writer.visitJumpInsn(opcode - Constants.WIDE_JUMP_OPCODE_DELTA, labelOf(bytecodeOffset + s4(b, offset + 1)));
        this.takeWrittenCode(offset + 5, codeEnd);
        return offset + 5;
      case Insn.INSN_WIDE: {
        const next = this.transcodeInsn(offset, bytecodeOffset, insnStart, 0);
        code.length = this.length;
        if (b[offset + 1] === Opcodes.IINC) writer.trackIincInsn(u2(b, offset + 2));
        else writer.trackVarInsn(b[offset + 1]!, u2(b, offset + 2));
        return next;
      }
      case Insn.INSN_TABLESWITCH: {
        const operands = offset + 4 - (bytecodeOffset & 3);
        const low = s4(b, operands + 4);
        const high = s4(b, operands + 8);
        const targetLabels = new Array<Label>(high - low + 1);
        for (let i = 0; i < targetLabels.length; ++i) targetLabels[i] = labelOf(bytecodeOffset + s4(b, operands + 12 + 4 * i));
        code.length = this.length;
        writer.visitTableSwitchInsn(low, high, labelOf(bytecodeOffset + s4(b, operands)), targetLabels);
        const next = operands + 12 + 4 * targetLabels.length;
        this.takeWrittenCode(next, codeEnd);
        return next;
      }
      default: {
        // LOOKUPSWITCH (the first pass let nothing else through).
        const operands = offset + 4 - (bytecodeOffset & 3);
        const count = s4(b, operands + 4);
        const keys = new Array<number>(count);
        const targetLabels = new Array<Label>(count);
        for (let i = 0; i < count; ++i) {
          keys[i] = s4(b, operands + 8 + 8 * i);
          targetLabels[i] = labelOf(bytecodeOffset + s4(b, operands + 12 + 8 * i));
        }
        code.length = this.length;
        writer.visitLookupSwitchInsn(labelOf(bytecodeOffset + s4(b, operands)), keys, targetLabels);
        const next = operands + 8 + 8 * count;
        this.takeWrittenCode(next, codeEnd);
        return next;
      }
    }
  }

  /** Continues after code the writer wrote itself (a jump or switch), with the old code left from `offset`. */
  private takeWrittenCode(offset: number, codeEnd: number): void {
    const code = this.writer.code;
    this.data = code.data;
    this.length = code.length;
    this.room = this.data.length - this.length - (codeEnd - offset);
    if (this.room < 0) this.grow(0);
  }

  /** visitVarInsn's encoding: xLOAD_n / xSTORE_n, else the one-byte index, else wide (JVMS §6.5). */
  private putVarInsn(opcode: number, varIndex: number): void {
    const data = this.data;
    if (varIndex < 4 && opcode !== Opcodes.RET) {
      data[this.length++] =
        opcode < Opcodes.ISTORE
          ? Constants.ILOAD_0 + ((opcode - Opcodes.ILOAD) << 2) + varIndex
          : Constants.ISTORE_0 + ((opcode - Opcodes.ISTORE) << 2) + varIndex;
    } else if (varIndex >= 256) {
      data[this.length] = Constants.WIDE;
      data[this.length + 1] = opcode;
      data[this.length + 2] = varIndex >> 8;
      data[this.length + 3] = varIndex;
      this.length += 4;
    } else {
      data[this.length] = opcode;
      data[this.length + 1] = varIndex;
      this.length += 2;
    }
  }

  /** visitLdcInsn's encoding: ldc2_w for a long or double, else ldc_w only for an index over 255. */
  private putLdc(constantIndex: number, indexOffset: number, indexSize: number): void {
    let constant = this.constants[constantIndex]!;
    if (((LOADABLE_TAGS >> ((constant >> TAG_SHIFT) & 0xff)) & 1) === 0) {
      constant = this.resolveLoadable(constantIndex, indexOffset);
    }
    let data = this.data;
    const index = constant & 0xffff;
    if (indexSize === 1 && (constant >>> EXTRA_SHIFT !== 0 || index >= 256)) {
      // An ldc that becomes ldc_w or ldc2_w.
      this.grow(1);
      data = this.data;
    }
    if (constant >>> EXTRA_SHIFT !== 0) {
      data[this.length++] = Constants.LDC2_W;
      data[this.length++] = index >> 8;
    } else if (index >= 256) {
      data[this.length++] = Constants.LDC_W;
      data[this.length++] = index >> 8;
    } else {
      data[this.length++] = Opcodes.LDC;
    }
    data[this.length++] = index;
  }

  private resolveLoadable(constantIndex: number, indexOffset: number): number {
    readerHints.constantIndex = constantIndex;
    const symbol = this.writer.symbolTable.addConstant(this.reader.readLoadableConstant(constantIndex, indexOffset));
    const tag = symbol.tag;
    let twoWords = tag === Symbol.CONSTANT_LONG_TAG || tag === Symbol.CONSTANT_DOUBLE_TAG;
    if (tag === Symbol.CONSTANT_DYNAMIC_TAG) {
      const firstDescriptorChar = (symbol.value as string).charCodeAt(0);
      twoWords = firstDescriptorChar === 74 /* 'J' */ || firstDescriptorChar === 68; /* 'D' */
    }
    const readerTag = this.b[this.reader.cpInfoOffsets[constantIndex]! - 1]!;
    if (this.symbols !== null) this.symbols[constantIndex] = symbol;
    return (this.constants[constantIndex] = symbol.index | (readerTag << TAG_SHIFT) | ((twoWords ? 1 : 0) << EXTRA_SHIFT));
  }

  /** The writer's index for the Class constant whose reader index is the u2 at `indexOffset`. */
  classConstant(indexOffset: number): number {
    const constantIndex = u2(this.b, indexOffset);
    const constant = this.constants[constantIndex]!;
    if (constant >> TAG_SHIFT === Symbol.CONSTANT_CLASS_TAG) {
      return constant & 0xffff;
    }
    // readRequiredClass checks that the constant is a Class.
    readerHints.constantIndex = constantIndex;
    const symbol = this.writer.symbolTable.addConstantClassFromReader(this.reader.readRequiredClass(indexOffset), constantIndex);
    this.constants[constantIndex] = symbol.index | (Symbol.CONSTANT_CLASS_TAG << TAG_SHIFT);
    if (this.symbols !== null) this.symbols[constantIndex] = symbol;
    return symbol.index;
  }

  /**
   * The encoded writer constant (see TAG_SHIFT) for the field (`isField`) or method reference whose
   * reader index is the u2 at `indexOffset`.
   */
  private memberReference(indexOffset: number, isField: boolean): number {
    const constantIndex = u2(this.b, indexOffset);
    const constant = this.constants[constantIndex]!;
    const tag = (constant >> TAG_SHIFT) & 0xff;
    if (isField ? tag === Symbol.CONSTANT_FIELDREF_TAG : tag === Symbol.CONSTANT_METHODREF_TAG || tag === Symbol.CONSTANT_INTERFACE_METHODREF_TAG) {
      return constant;
    }
    // A shared object (see readMemberRefOnce): its fields are read before any other call.
    const memberRef = this.reader.readMemberRefOnce(constantIndex, indexOffset);
    const memberTag = memberRef.tag;
    if ((memberTag === Symbol.CONSTANT_FIELDREF_TAG) !== isField) {
      // ClassReader.readCode's error.
      const expected = isField ? 'a CONSTANT_Fieldref' : 'a CONSTANT_Methodref or CONSTANT_InterfaceMethodref';
      this.reader.failConstant(constantIndex, expected, indexOffset);
    }
    readerHints.memberReferenceIndex = constantIndex;
    const symbolTable = this.writer.symbolTable;
    const symbol = isField
      ? symbolTable.addConstantFieldref(memberRef.owner, memberRef.name, memberRef.descriptor)
      : symbolTable.addConstantMethodref(
          memberRef.owner,
          memberRef.name,
          memberRef.descriptor,
          memberTag === Symbol.CONSTANT_INTERFACE_METHODREF_TAG,
        );
    if (this.symbols !== null) {
      this.symbols[constantIndex] = symbol;
      if (symbol.info === 0 && !isField) {
        // The sizes the reader found when it checked the descriptor (memberRef's), for the frames.
        const b = this.b;
        const cpInfoOffsets = this.reader.cpInfoOffsets;
        const nameAndTypeOffset = cpInfoOffsets[u2(b, cpInfoOffsets[constantIndex]! + 2)]!;
        symbol.info = this.reader.methodDescriptorSizesOf(symbol.value!, u2(b, nameAndTypeOffset + 2));
      }
    }
    return (this.constants[constantIndex] = symbol.index | (memberTag << TAG_SHIFT));
  }

  /** The writer's index for the CONSTANT_InvokeDynamic of the invokedynamic at `offset`. */
  private invokeDynamicConstant(offset: number): number {
    const constantIndex = u2(this.b, offset + 1);
    const constant = this.constants[constantIndex]!;
    if (constant >> TAG_SHIFT === Symbol.CONSTANT_INVOKE_DYNAMIC_TAG) {
      return constant & 0xffff;
    }
    const insn = this.reader.readInvokeDynamicInsn(offset);
    const symbol = this.writer.symbolTable.addConstantInvokeDynamic(
      insn.name,
      insn.descriptor,
      insn.handle,
      insn.bootstrapMethodArguments,
    );
    this.constants[constantIndex] = symbol.index | (Symbol.CONSTANT_INVOKE_DYNAMIC_TAG << TAG_SHIFT);
    if (this.symbols !== null) this.symbols[constantIndex] = symbol;
    return symbol.index;
  }

  /** The writer's index for the Utf8 constant whose reader index is the u2 at `indexOffset`. */
  private utf8Constant(indexOffset: number): number {
    const constantIndex = u2(this.b, indexOffset);
    const constant = this.constants[constantIndex]!;
    if (constant >> TAG_SHIFT === Symbol.CONSTANT_UTF8_TAG) {
      return constant & 0xffff;
    }
    // Without decoding it when the dictionary allows (local variable names are decoded nowhere else).
    const symbolTable = this.writer.symbolTable;
    let index = symbolTable.addDictionaryUtf8Undecoded(this.reader, constantIndex);
    if (index === 0) index = symbolTable.addConstantUtf8FromReader(this.reader.readRequiredUtf8(indexOffset), indexOffset);
    this.constants[constantIndex] = index | (Symbol.CONSTANT_UTF8_TAG << TAG_SHIFT);
    return index;
  }

  /**
   * visitJumpInsn's encoding of a jump to `target` (an old bytecode offset): a two-byte offset,
   * except a backward GOTO or JSR too far for one, which MethodWriter writes as GOTO_W or JSR_W.
   * Anything else MethodWriter would widen (a conditional jump, a forward one) gives up.
   */
  private putJump(opcode: number, target: number, bytecodeOffset: number, insnStart: number, codeLength: number): void {
    if (target < 0 || target > codeLength) throw GIVE_UP;
    if (this.labelCount >= 0) this.labelCount = addTarget(this.labelCount, target);
    const data = this.data;
    if (target > bytecodeOffset) {
      data[this.length] = opcode;
      this.addForwardJump(insnStart + 1, insnStart, target, 2);
      this.length += 3;
      return;
    }
    const newTarget = newOffsets[target]!;
    if (newTarget < 0) throw GIVE_UP;
    const jump = newTarget - insnStart;
    if (jump >= -32768) {
      data[this.length] = opcode;
      data[this.length + 1] = jump >> 8;
      data[this.length + 2] = jump;
      this.length += 3;
    } else if (opcode === Opcodes.GOTO || opcode === Opcodes.JSR) {
      // Two bytes more than a goto or jsr read as such (the code before grew).
      this.grow(2);
      this.data[this.length] = opcode + Constants.WIDE_JUMP_OPCODE_DELTA;
      this.putIntAt(this.length + 1, jump);
      this.length += 5;
    } else {
      throw GIVE_UP;
    }
  }

  /** Takes `size` bytes of room (see there), growing `data` when there are not enough. */
  private grow(size: number): void {
    this.room -= size;
    if (this.room < 0) {
      const capacity = this.data.length;
      this.reallocate(2 * capacity);
      this.room += this.data.length - capacity;
    }
  }

  /** Moves the new code so far to new storage of `capacity` bytes, the writer's code vector's. */
  private reallocate(capacity: number): void {
    const grown = scratchUint8Array(capacity);
    // Only the new code so far is meaningful (code.length may still be 0: reserve would copy nothing).
    grown.set(this.data.subarray(0, this.length));
    this.writer.code.data = grown;
    this.data = grown;
  }

  /** The opcode of a switch and its 0 to 3 bytes of padding in the new code (JVMS §6.5.tableswitch). */
  private putSwitchStart(opcode: number): void {
    const data = this.data;
    data[this.length++] = opcode;
    while ((this.length & 3) !== 0) data[this.length++] = 0;
  }

  /** A four-byte switch offset to `target`, relative to the switch at `insnStart`. */
  private putSwitchTarget(target: number, bytecodeOffset: number, insnStart: number, codeLength: number): void {
    if (target < 0 || target > codeLength) throw GIVE_UP;
    if (this.labelCount >= 0) this.labelCount = addTarget(this.labelCount, target);
    if (target > bytecodeOffset) {
      this.addForwardJump(this.length, insnStart, target, 4);
    } else {
      const newTarget = newOffsets[target]!;
      if (newTarget < 0) throw GIVE_UP;
      this.putIntAt(this.length, newTarget - insnStart);
    }
    this.length += 4;
  }

  private putCopy(offset: number, size: number): void {
    const b = this.b;
    const data = this.data;
    for (let i = 0; i < size; ++i) data[this.length++] = b[offset + i]!;
  }

  private putIntAt(position: number, value: number): void {
    const data = this.data;
    data[position] = value >>> 24;
    data[position + 1] = value >> 16;
    data[position + 2] = value >> 8;
    data[position + 3] = value;
  }

  private addForwardJump(position: number, insnStart: number, target: number, size: number): void {
    const at = 4 * this.forwardJumpCount++;
    if (at + 4 > forwardJumps.length) {
      const grown = new Int32Array(2 * forwardJumps.length);
      grown.set(forwardJumps);
      forwardJumps = grown;
    }
    forwardJumps[at] = position;
    forwardJumps[at + 1] = insnStart;
    forwardJumps[at + 2] = target;
    forwardJumps[at + 3] = size;
  }

  /** Writes the offsets of the forward jumps, now that every new offset is known. */
  private resolveForwardJumps(newOffsetOf: Int32Array): void {
    const data = this.data;
    for (let at = 0; at < 4 * this.forwardJumpCount; at += 4) {
      const position = forwardJumps[at]!;
      const newTarget = newOffsetOf[forwardJumps[at + 2]!]!;
      if (newTarget < 0) throw GIVE_UP;
      const jump = newTarget - forwardJumps[at + 1]!;
      if (forwardJumps[at + 3] === 4) {
        this.putIntAt(position, jump);
      } else {
        // MethodWriter would turn a forward jump beyond 32767 into an ASM opcode and rewrite the class.
        if (jump > 32767) throw GIVE_UP;
        data[position] = jump >> 8;
        data[position + 1] = jump;
      }
    }
  }

  /** A label resolved at `newOffset` (for the exception table), or give up if that is not an instruction's. */
  private labelAt(newOffset: number): Label {
    if (newOffset < 0) throw GIVE_UP;
    const label = new Label();
    label.bytecodeOffset = newOffset;
    label.flags |= Label.FLAG_RESOLVED;
    return label;
  }

  /**
   * Writes the method's LineNumberTable, LocalVariableTable and LocalVariableTypeTable (those at a
   * non-zero offset in the class) as the events leave them in MethodWriter, in the storage of the
   * code vector right after the new code (see MethodWriter.lineNumberTable: one array for the code
   * and its debug tables), and keeps where they are in `debugTables` until `setDebugTables`.
   */
  private transcodeDebugTables(
    lineNumberTableOffset: number,
    localVariableTableOffset: number,
    localVariableTypeTableOffset: number,
    codeLength: number,
  ): void {
    const b = this.b;
    const lineCount = lineNumberTableOffset === 0 ? 0 : u2(b, lineNumberTableOffset);
    const variableCount = localVariableTableOffset === 0 ? 0 : u2(b, localVariableTableOffset);
    const position = this.length;
    // Reserved with the code, unless the code grew into that room.
    const needed = position + debugTablesRoom(b, lineNumberTableOffset, localVariableTableOffset);
    if (needed > this.data.length) this.reallocate(needed);
    const tables = debugTables;
    tables.lineNumberTableOffset = position;
    tables.lineNumberTableLength = lineCount === 0 ? 0 : this.transcodeLineNumbers(lineNumberTableOffset, codeLength, position);
    const variablesOffset = position + 4 * tables.lineNumberTableLength;
    tables.localVariableTableOffset = variablesOffset;
    tables.localVariableTableLength = 0;
    tables.localVariableTypeTableOffset = variablesOffset + 10 * variableCount;
    tables.localVariableTypeTableLength = 0;
    if (variableCount > 0) this.transcodeLocalVariables(localVariableTableOffset, localVariableTypeTableOffset, codeLength, tables);
  }

  /** Points the writer's debug tables at those transcodeDebugTables wrote (the empty ones stay null). */
  private setDebugTables(): void {
    const writer = this.writer;
    const code = writer.code;
    const tables = debugTables;
    if (tables.lineNumberTableLength > 0) {
      writer.lineNumberTable = code;
      writer.lineNumberTableOffset = tables.lineNumberTableOffset;
      writer.lineNumberTableLength = tables.lineNumberTableLength;
    }
    if (tables.localVariableTableLength > 0) {
      writer.localVariableTable = code;
      writer.localVariableTableOffset = tables.localVariableTableOffset;
      writer.localVariableTableLength = tables.localVariableTableLength;
      if (tables.localVariableTypeTableLength > 0) {
        writer.localVariableTypeTable = code;
        writer.localVariableTypeTableOffset = tables.localVariableTypeTableOffset;
        writer.localVariableTypeTableLength = tables.localVariableTypeTableLength;
      }
    }
  }

  /**
   * The LineNumberTable entries as the events leave them in MethodWriter: the reader visits the
   * line numbers with the label of their offset, in code order (entries of one offset in table
   * order), and only at instructions (JVMS §4.7.12). Written at `position` of `data`; returns their number.
   */
  private transcodeLineNumbers(tableOffset: number, codeLength: number, position: number): number {
    const b = this.b;
    const count = u2(b, tableOffset);
    const entries = tableOffset + 2;
    const data = this.data;
    let length = position;
    let previousStartPc = 0;
    for (let i = 0; i < count; ++i) {
      const entry = entries + 4 * i;
      const startPc = u2(b, entry);
      if (startPc < previousStartPc) {
        // Out of code order (rare): sorted, stably (Array.prototype.sort is), so that the entries of one
        // offset keep their order.
        return this.transcodeLineNumbersInCodeOrder(entries, count, codeLength, position);
      }
      previousStartPc = startPc;
      // Past code_length: an error; at code_length or inside an instruction: never visited.
      if (startPc >= codeLength) {
        if (startPc > codeLength) throw GIVE_UP;
        continue;
      }
      const newOffset = newOffsets[startPc]!;
      if (newOffset < 0) continue;
      data[length] = newOffset >> 8;
      data[length + 1] = newOffset;
      data[length + 2] = b[entry + 2]!;
      data[length + 3] = b[entry + 3]!;
      length += 4;
    }
    return (length - position) >> 2;
  }

  private transcodeLineNumbersInCodeOrder(entries: number, count: number, codeLength: number, position: number): number {
    const b = this.b;
    const data = this.data;
    const order = Array.from({ length: count }, (_, i) => i);
    order.sort((i, j) => u2(b, entries + 4 * i) - u2(b, entries + 4 * j));
    let length = position;
    for (const i of order) {
      const startPc = u2(b, entries + 4 * i);
      if (startPc > codeLength) throw GIVE_UP;
      if (startPc === codeLength || newOffsets[startPc]! < 0) continue;
      const newOffset = newOffsets[startPc]!;
      data[length] = newOffset >> 8;
      data[length + 1] = newOffset;
      data[length + 2] = b[entries + 4 * i + 2]!;
      data[length + 3] = b[entries + 4 * i + 3]!;
      length += 4;
    }
    return (length - position) >> 2;
  }

  /**
   * The LocalVariableTable and LocalVariableTypeTable as visitLocalVariable writes them, entry by
   * entry in LocalVariableTable order, each with the signature of the last LocalVariableTypeTable
   * entry of the same start_pc and index, as ClassReader pairs them (JVMS §4.7.13, §4.7.14); written
   * at the offsets `tables` gives, their numbers of entries set there.
   */
  private transcodeLocalVariables(tableOffset: number, typeTableOffset: number, codeLength: number, tables: DebugTables): void {
    const b = this.b;
    const count = u2(b, tableOffset);
    const typeCount = typeTableOffset === 0 ? 0 : u2(b, typeTableOffset);
    const data = this.data;
    const tablePosition = tables.localVariableTableOffset;
    let typeTablePosition = tables.localVariableTypeTableOffset;
    for (let i = 0; i < count; ++i) {
      const entry = tableOffset + 2 + 10 * i;
      const startPc = u2(b, entry);
      const endPc = startPc + u2(b, entry + 2);
      if (endPc > codeLength) throw GIVE_UP;
      const newStart = newOffsets[startPc]!;
      const newLength = newOffsets[endPc]! - newStart;
      if (newStart < 0 || newLength + newStart < 0) throw GIVE_UP;
      const nameIndex = this.utf8Constant(entry + 4);
      for (let j = typeCount - 1; j >= 0; --j) {
        const typeEntry = typeTableOffset + 2 + 10 * j;
        if (u2(b, typeEntry) === startPc && u2(b, typeEntry + 8) === u2(b, entry + 8)) {
          putLocalVariable(data, typeTablePosition, newStart, newLength, nameIndex, this.utf8Constant(typeEntry + 6), b, entry + 8);
          typeTablePosition += 10;
          break;
        }
      }
      putLocalVariable(data, tablePosition + 10 * i, newStart, newLength, nameIndex, this.utf8Constant(entry + 6), b, entry + 8);
      if (this.tracked) {
        // visitLocalVariable with COMPUTE_MAXS or COMPUTE_FRAMES: max_locals covers the variable.
        const descriptorStart = this.reader.cpInfoOffsets[u2(b, entry + 6)]! + 2;
        const firstDescriptorChar = b[descriptorStart]!;
        const end = u2(b, entry + 8) + (firstDescriptorChar === 74 /* 'J' */ || firstDescriptorChar === 68 /* 'D' */ ? 2 : 1);
        if (end > this.writer.maxLocals) this.writer.maxLocals = end;
      }
    }
    tables.localVariableTableLength = count;
    tables.localVariableTypeTableLength = (typeTablePosition - tables.localVariableTypeTableOffset) / 10;
  }
}

/**
 * The StackMapTable frames (JVMS §4.7.4) as MethodWriter.visitFrame writes the compressed frames
 * ClassReader visits: the same frame types, with the offset_delta of the new offsets (so a
 * same_frame or same_locals_1_stack_item_frame may become extended or not), and the writer's
 * Class indices.
 */
class FrameTranscoder {
  /** The old bytecode offset of the next frame, or NO_FRAME. */
  nextFrameOffset: number;
  frameCount: number;
  previousFrameOffset: number;
  readonly entries: ByteVector;
  /** The offset of the next frame in the class file. */
  private frameOffset: number;

  constructor(
    private readonly transcoder: CodeTranscoder,
    private readonly b: Uint8Array,
    stackMapTableOffset: number,
    private readonly stackMapTableEnd: number,
    private readonly maxLocals: number,
    private readonly maxStack: number,
  ) {
    this.frameCount = 0;
    this.previousFrameOffset = 0;
    this.entries = new ByteVector();
    this.frameOffset = stackMapTableOffset;
    this.nextFrameOffset = NO_FRAME;
    // The first frame is at offset_delta (JVMS §4.7.4): as if the previous one were at -1.
    if (stackMapTableOffset !== 0) this.findNextFrame(-1);
  }

  private findNextFrame(previousBytecodeOffset: number): void {
    const frameOffset = this.frameOffset;
    if (frameOffset >= this.stackMapTableEnd) {
      this.nextFrameOffset = NO_FRAME;
      return;
    }
    const b = this.b;
    const frameType = b[frameOffset]!;
    let offsetDelta: number;
    if (frameType < 64) offsetDelta = frameType;
    else if (frameType < 128) offsetDelta = frameType - 64;
    else if (frameType >= 247) offsetDelta = u2(b, frameOffset + 1);
    else throw GIVE_UP; // Reserved frame types (JVMS §4.7.4).
    this.nextFrameOffset = previousBytecodeOffset + offsetDelta + 1;
  }

  /** Writes the frame of the instruction at `bytecodeOffset`, whose new offset is `newOffset`. */
  transcodeFrame(bytecodeOffset: number, newOffset: number): void {
    const b = this.b;
    const entries = this.entries;
    const offsetDelta = this.frameCount === 0 ? newOffset : newOffset - this.previousFrameOffset - 1;
    let offset = this.frameOffset;
    const frameType = b[offset++]!;
    if (frameType >= 247) offset += 2;
    if (frameType < 64 || frameType === 251) {
      // same_frame (F_SAME).
      if (offsetDelta < 64) entries.putByte(offsetDelta);
      else entries.putByte(251).putShort(offsetDelta);
    } else if (frameType < 128 || frameType === 247) {
      // same_locals_1_stack_item_frame (F_SAME1).
      if (this.maxStack < 1) throw GIVE_UP;
      if (offsetDelta < 64) entries.putByte(64 + offsetDelta);
      else entries.putByte(247).putShort(offsetDelta);
      offset = this.transcodeType(offset, bytecodeOffset);
    } else if (frameType < 251) {
      // chop_frame (F_CHOP).
      entries.putByte(frameType).putShort(offsetDelta);
    } else if (frameType < 255) {
      // append_frame (F_APPEND): 1 to 3 locals.
      entries.putByte(frameType).putShort(offsetDelta);
      for (let i = frameType - 251; i > 0; --i) offset = this.transcodeType(offset, bytecodeOffset);
    } else {
      // full_frame (F_FULL).
      const numberOfLocals = u2(b, offset);
      if (numberOfLocals > this.maxLocals) throw GIVE_UP;
      entries.putByte(255).putShort(offsetDelta).putShort(numberOfLocals);
      offset += 2;
      for (let i = 0; i < numberOfLocals; ++i) offset = this.transcodeType(offset, bytecodeOffset);
      const numberOfStackItems = u2(b, offset);
      if (numberOfStackItems > this.maxStack) throw GIVE_UP;
      entries.putShort(numberOfStackItems);
      offset += 2;
      for (let i = 0; i < numberOfStackItems; ++i) offset = this.transcodeType(offset, bytecodeOffset);
    }
    if (offset > this.stackMapTableEnd) throw GIVE_UP;
    this.frameOffset = offset;
    this.previousFrameOffset = newOffset;
    this.frameCount++;
    this.findNextFrame(bytecodeOffset);
  }

  /** Writes the verification_type_info at `offset` and returns the offset after it. */
  private transcodeType(offset: number, bytecodeOffset: number): number {
    const b = this.b;
    const entries = this.entries;
    const tag = b[offset]!;
    if (tag < 7) {
      // Top, Integer, Float, Double, Long, Null, UninitializedThis.
      entries.putByte(tag);
      return offset + 1;
    }
    if (tag === 7) {
      // Object_variable_info: a Class constant.
      entries.putByte(7).putShort(this.transcoder.classConstant(offset + 1));
      return offset + 3;
    }
    if (tag === 8) {
      // Uninitialized_variable_info: the offset of a NEW, which must already be written.
      const newInsnOffset = u2(b, offset + 1);
      if (newInsnOffset > bytecodeOffset) throw GIVE_UP;
      const newOffset = newOffsets[newInsnOffset]!;
      if (newOffset < 0) throw GIVE_UP;
      entries.putByte(8).putShort(newOffset);
      return offset + 3;
    }
    throw GIVE_UP;
  }
}
