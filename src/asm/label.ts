import type { ByteVector } from './byte-vector.js';
import { Edge } from './edge.js';
import type { Frame } from './frame.js';
import { IllegalStateException } from './java-exceptions.js';
import type { MethodVisitor } from './method-visitor.js';

// Opcode values used when a short forward jump turns out to be too long (JVMS §6.5 ifnull; the
// ASM-specific opcodes are documented in constants.ts). Kept local so that this module needs no
// other module while it is being evaluated.
const IFNULL = 198;
const ASM_OPCODE_DELTA = 49;
const ASM_IFNULL_OPCODE_DELTA = 20;

// Label.toString needs a stable identity; JavaScript has no identity hash, so one is handed out on
// first use instead of costing every label a field.
const labelIds = new WeakMap<Label, number>();
let nextLabelId = 1;

/**
 * A position in the bytecode of a method: the target of jumps, switches and exception handlers, and
 * the anchor of line numbers, local variable ranges and frames. A label designates the instruction
 * that follows it (other labels, frames or line numbers may come in between).
 *
 * Besides its offset, a label carries the state of the basic block it starts when the writer
 * computes maximum stack sizes or stack map frames: the control flow graph lives in these fields,
 * so that the analysis allocates no collections.
 */
export class Label {
  /** The label is only used by debug attributes: not a basic block start, a jump target or a handler. */
  static readonly FLAG_DEBUG_ONLY = 1;

  /** The label is the target of a jump instruction or the start of an exception handler. */
  static readonly FLAG_JUMP_TARGET = 2;

  /** The bytecode offset of the label is known. */
  static readonly FLAG_RESOLVED = 4;

  /** The basic block starting at this label is reachable. */
  static readonly FLAG_REACHABLE = 8;

  /**
   * The basic block ends with a jsr. Such a block has at least two outgoing edges: first a virtual
   * one to the instruction after the jsr (where the matching ret returns), then the jsr target.
   */
  static readonly FLAG_SUBROUTINE_CALLER = 16;

  /** The basic block is the start of a subroutine. */
  static readonly FLAG_SUBROUTINE_START = 32;

  /** The basic block is the end of a subroutine (it ends with a ret). */
  static readonly FLAG_SUBROUTINE_END = 64;

  /** At least one source line number is attached to this label. */
  static readonly FLAG_LINE_NUMBER = 128;

  /** Growth step of `otherLineNumbers`. */
  static readonly LINE_NUMBERS_CAPACITY_INCREMENT = 4;


  /** Extracts the type of a forward reference (the high 4 bits). */
  static readonly FORWARD_REFERENCE_TYPE_MASK = 0xf0000000 | 0;

  /** A forward reference stored in 2 bytes of the bytecode (a jump instruction). */
  static readonly FORWARD_REFERENCE_TYPE_SHORT = 0x10000000;

  /** A forward reference stored in 4 bytes of the bytecode (goto_w, jsr_w, switch entries). */
  static readonly FORWARD_REFERENCE_TYPE_WIDE = 0x20000000;

  /**
   * A forward reference stored in 2 bytes of the StackMapTable: the offset of a NEW instruction in
   * an Uninitialized_variable_info (JVMS §4.7.4) that precedes it in bytecode order.
   */
  static readonly FORWARD_REFERENCE_TYPE_STACK_MAP = 0x30000000;

  /** Extracts the offset at which a forward reference must be written (the low 28 bits). */
  static readonly FORWARD_REFERENCE_HANDLE_MASK = 0x0fffffff;

  /** Sentinel ending every list linked through `nextListElement` (so "in no list" is null). */
  static readonly EMPTY_LIST: Label = new Label();

  /**
   * A user-managed value attached to this label. The tree package uses it to map labels to label
   * nodes (override MethodNode.getLabelNode to use it otherwise).
   */
  info: unknown;

  /** @internal Zero or more FLAG_* bits describing this label and its basic block. */
  flags: number;

  /** @internal The first source line of this label (16 bits, as in LineNumberTable), if FLAG_LINE_NUMBER. */
  lineNumber: number;

  /**
   * @internal Further source lines of this label, or null: element 0 is their count n, elements
   * 1..n the line numbers.
   */
  otherLineNumbers: Int32Array | null;

  /** @internal The bytecode offset of this label; valid once FLAG_RESOLVED is set. */
  bytecodeOffset: number;

  /**
   * @internal The unresolved references to this label, or null. Element 0 is the index of the last
   * used element; then come pairs (offset of the referencing instruction, type | handle), where the
   * handle is the offset at which the relative offset must be written once known.
   */
  forwardReferences: number[] | null;

  // The fields below hold the control flow graph used to compute the maximum stack size or the
  // stack map frames. Each basic block is represented by the label of its first instruction. While
  // instructions are visited, each block records its output state relative to its (then unknown)
  // input state; MethodWriter.computeAllFrames and computeMaxStackAndLocal then run a fix point
  // algorithm from the known input state of the first block.

  /** @internal The stack size at the start of the block (computeMaxStackAndLocal). */
  inputStackSize: number;

  /** @internal The stack size at the end of the block, relative to its start; only for blocks ending with ret. */
  outputStackSize: number;

  /** @internal The maximum stack height reached in the block, relative to its input stack (≥ 0), for COMPUTE_MAXS (with frames: Frame.outputStackMax). */
  outputStackMax: number;

  /**
   * @internal The id of the oldest subroutine this block belongs to, or 0 (only computed when the
   * method has jsr instructions).
   */
  subroutineId: number;

  /** @internal The input and output frames of the block (COMPUTE_ALL_FRAMES, COMPUTE_INSERTED_FRAMES). */
  frame: Frame | null;

  /**
   * @internal The next basic block in visit order. Debug-only labels are not in this list, nor (when
   * frames are computed) labels sharing the offset of the previous one.
   */
  nextBasicBlock: Label | null;

  /** @internal The outgoing edges of this block in the control flow graph, linked by Edge.nextEdge. */
  outgoingEdges: Edge | null;

  /**
   * @internal The next element of the work list this label is in, or null when in none. Every list
   * ends with EMPTY_LIST; the field is null outside the graph algorithms that use it.
   */
  nextListElement: Label | null;

  /**
   * @internal The method writer whose visitLabel resolved this label, or null: visiting one label
   * twice in a method is a transform's bug (a label marks one instruction) that would otherwise
   * give wrong jump offsets and frames silently.
   */
  resolvedBy: object | null;

  constructor() {
    this.info = null;
    this.flags = 0;
    this.lineNumber = 0;
    this.otherLineNumbers = null;
    this.bytecodeOffset = 0;
    this.forwardReferences = null;
    this.inputStackSize = 0;
    this.outputStackSize = 0;
    this.outputStackMax = 0;
    this.subroutineId = 0;
    this.frame = null;
    this.nextBasicBlock = null;
    this.outgoingEdges = null;
    this.nextListElement = null;
    this.resolvedBy = null;
  }

  /**
   * The bytecode offset of this label, from the start of the method's code. Meant for Attribute
   * subclasses; throws when the label has not been resolved yet.
   */
  getOffset(): number {
    if ((this.flags & Label.FLAG_RESOLVED) === 0) {
      throw new IllegalStateException('Label offset position has not been resolved yet');
    }
    return this.bytecodeOffset;
  }

  /**
   * @internal The first label visited at this label's offset, if known, else this label. Only
   * meaningful with COMPUTE_ALL_FRAMES, where labels at the same offset share one Frame whose owner
   * is that first label.
   */
  getCanonicalInstance(): Label {
    return this.frame === null ? this : (this.frame.owner as Label);
  }

  // ## Line numbers

  /** @internal Attaches a source line number to this label (JVMS §4.7.12). */
  addLineNumber(lineNumber: number): void {
    if ((this.flags & Label.FLAG_LINE_NUMBER) === 0) {
      this.flags |= Label.FLAG_LINE_NUMBER;
      // Stored on 16 bits, like line_number in LineNumberTable.
      this.lineNumber = lineNumber & 0xffff;
    } else {
      let otherLineNumbers = this.otherLineNumbers;
      if (otherLineNumbers === null) {
        otherLineNumbers = this.otherLineNumbers = new Int32Array(Label.LINE_NUMBERS_CAPACITY_INCREMENT);
      }
      const otherLineNumberIndex = ++otherLineNumbers[0];
      if (otherLineNumberIndex >= otherLineNumbers.length) {
        const newLineNumbers = new Int32Array(otherLineNumbers.length + Label.LINE_NUMBERS_CAPACITY_INCREMENT);
        newLineNumbers.set(otherLineNumbers);
        otherLineNumbers = this.otherLineNumbers = newLineNumbers;
      }
      otherLineNumbers[otherLineNumberIndex] = lineNumber;
    }
  }

  /** @internal Visits this label and, if asked, its source line numbers. */
  accept(methodVisitor: MethodVisitor, visitLineNumbers: boolean): void {
    methodVisitor.visitLabel(this);
    if (visitLineNumbers && (this.flags & Label.FLAG_LINE_NUMBER) !== 0) {
      methodVisitor.visitLineNumber(this.lineNumber & 0xffff, this);
      const otherLineNumbers = this.otherLineNumbers;
      if (otherLineNumbers !== null) {
        for (let i = 1; i <= otherLineNumbers[0]; ++i) {
          methodVisitor.visitLineNumber(otherLineNumbers[i], this);
        }
      }
    }
  }

  // ## Offsets and forward references

  /**
   * @internal Appends a reference to this label. With three arguments: a relative offset in the
   * bytecode `output`, for the instruction at `sourceInsnBytecodeOffset`, on 4 bytes if
   * `wideReference` else 2. With one argument: the absolute offset of this label in the
   * StackMapTable entries `output` (an Uninitialized_variable_info, JVMS §4.7.4). Unresolved labels
   * get a placeholder and a forward reference, filled in by `resolve`.
   */
  put(output: ByteVector, sourceInsnBytecodeOffset?: number, wideReference?: boolean): void {
    if (sourceInsnBytecodeOffset === undefined) {
      if ((this.flags & Label.FLAG_RESOLVED) === 0) {
        this.addForwardReference(0, Label.FORWARD_REFERENCE_TYPE_STACK_MAP, output.length);
      }
      output.putShort(this.bytecodeOffset);
      return;
    }
    if ((this.flags & Label.FLAG_RESOLVED) === 0) {
      if (wideReference) {
        this.addForwardReference(sourceInsnBytecodeOffset, Label.FORWARD_REFERENCE_TYPE_WIDE, output.length);
        output.putInt(-1);
      } else {
        this.addForwardReference(sourceInsnBytecodeOffset, Label.FORWARD_REFERENCE_TYPE_SHORT, output.length);
        output.putShort(-1);
      }
    } else if (wideReference) {
      output.putInt(this.bytecodeOffset - sourceInsnBytecodeOffset);
    } else {
      output.putShort(this.bytecodeOffset - sourceInsnBytecodeOffset);
    }
  }

  /** @internal Records a reference to this (not yet resolved) label. */
  addForwardReference(sourceInsnBytecodeOffset: number, referenceType: number, referenceHandle: number): void {
    // A plain array: most labels get one or two references, and a small typed array costs more
    // to allocate than an array literal.
    const forwardReferences = this.forwardReferences;
    if (forwardReferences === null) {
      this.forwardReferences = [2, sourceInsnBytecodeOffset, referenceType | referenceHandle];
      return;
    }
    forwardReferences.push(sourceInsnBytecodeOffset, referenceType | referenceHandle);
    forwardReferences[0] += 2;
  }

  /**
   * @internal Sets the offset of this label and fills in every placeholder left by forward
   * references, in `code` (and in `stackMapTableEntries` for frame references). A short jump whose
   * offset does not fit in a signed 16-bit value gets its opcode replaced by the matching
   * ASM-specific opcode, whose 16-bit offset is unsigned; the ClassWriter later expands those (by
   * a ClassReader round trip with EXPAND_ASM_INSNS). Returns whether that happened.
   */
  resolve(code: Uint8Array, stackMapTableEntries: ByteVector | null, bytecodeOffset: number): boolean {
    this.flags |= Label.FLAG_RESOLVED;
    this.bytecodeOffset = bytecodeOffset;
    const forwardReferences = this.forwardReferences;
    if (forwardReferences === null) {
      return false;
    }
    let hasAsmInstructions = false;
    for (let i = forwardReferences[0]; i > 0; i -= 2) {
      const sourceInsnBytecodeOffset = forwardReferences[i - 1];
      const reference = forwardReferences[i];
      const relativeOffset = bytecodeOffset - sourceInsnBytecodeOffset;
      let handle = reference & Label.FORWARD_REFERENCE_HANDLE_MASK;
      const referenceType = reference & Label.FORWARD_REFERENCE_TYPE_MASK;
      if (referenceType === Label.FORWARD_REFERENCE_TYPE_SHORT) {
        if (relativeOffset < -32768 || relativeOffset > 32767) {
          // The ASM opcodes keep the 2-byte operand but read it as unsigned, which covers any
          // forward jump in a method of at most 65535 bytes.
          const opcode = code[sourceInsnBytecodeOffset];
          if (opcode < IFNULL) {
            // ifeq ... jsr become ASM_IFEQ ... ASM_JSR.
            code[sourceInsnBytecodeOffset] = opcode + ASM_OPCODE_DELTA;
          } else {
            // ifnull and ifnonnull become ASM_IFNULL and ASM_IFNONNULL.
            code[sourceInsnBytecodeOffset] = opcode + ASM_IFNULL_OPCODE_DELTA;
          }
          hasAsmInstructions = true;
        }
        code[handle++] = relativeOffset >>> 8;
        code[handle] = relativeOffset;
      } else if (referenceType === Label.FORWARD_REFERENCE_TYPE_WIDE) {
        code[handle++] = relativeOffset >>> 24;
        code[handle++] = relativeOffset >>> 16;
        code[handle++] = relativeOffset >>> 8;
        code[handle] = relativeOffset;
      } else {
        const data = (stackMapTableEntries as ByteVector).data;
        data[handle++] = bytecodeOffset >>> 8;
        data[handle] = bytecodeOffset;
      }
    }
    return hasAsmInstructions;
  }

  // ## Subroutines (jsr/ret, JVMS §4.10.2.5), used by COMPUTE_MAXS

  /**
   * @internal Marks every basic block reachable from this one without following jsr targets as
   * belonging to subroutine `subroutineId` (unless already marked). All `nextListElement` fields
   * must be null before, and are null again after.
   */
  markSubroutine(subroutineId: number): void {
    let listOfBlocksToProcess: Label = this;
    listOfBlocksToProcess.nextListElement = Label.EMPTY_LIST;
    while (listOfBlocksToProcess !== Label.EMPTY_LIST) {
      const basicBlock = listOfBlocksToProcess;
      listOfBlocksToProcess = basicBlock.nextListElement as Label;
      basicBlock.nextListElement = null;
      if (basicBlock.subroutineId === 0) {
        basicBlock.subroutineId = subroutineId;
        listOfBlocksToProcess = basicBlock.pushSuccessors(listOfBlocksToProcess);
      }
    }
  }

  /**
   * @internal For the subroutine starting at this label, called from the block `subroutineCaller`
   * (which ends with a jsr here): adds to each block ending the subroutine with a ret an edge to
   * the instruction after that jsr. Throws if the subroutine has several rets for one jsr, which
   * JVMS §4.10.2.5 forbids. All `nextListElement` fields must be null before, and are after.
   */
  addSubroutineRetSuccessors(subroutineCaller: Label): void {
    let listOfProcessedBlocks: Label = Label.EMPTY_LIST;
    let listOfBlocksToProcess: Label = this;
    listOfBlocksToProcess.nextListElement = Label.EMPTY_LIST;
    let retInsnFound = false;
    while (listOfBlocksToProcess !== Label.EMPTY_LIST) {
      // Move the block from the "to process" list to the "processed" list.
      const basicBlock = listOfBlocksToProcess;
      listOfBlocksToProcess = basicBlock.nextListElement as Label;
      basicBlock.nextListElement = listOfProcessedBlocks;
      listOfProcessedBlocks = basicBlock;

      // A ret of this subroutine (not of one it calls) returns after the caller's jsr.
      if (
        (basicBlock.flags & Label.FLAG_SUBROUTINE_END) !== 0 &&
        basicBlock.subroutineId !== subroutineCaller.subroutineId
      ) {
        if (retInsnFound) {
          throw new Error('Multiple rets to single jsr');
        }
        retInsnFound = true;
        // The first edge of a jsr block leads to the instruction after the jsr.
        basicBlock.outgoingEdges = new Edge(
          basicBlock.outputStackSize,
          (subroutineCaller.outgoingEdges as Edge).successor,
          basicBlock.outgoingEdges,
        );
      }
      // pushSuccessors skips blocks already in a list, processed ones included.
      listOfBlocksToProcess = basicBlock.pushSuccessors(listOfBlocksToProcess);
    }
    // Reset nextListElement so that the method can run again for another caller.
    while (listOfProcessedBlocks !== Label.EMPTY_LIST) {
      const next = listOfProcessedBlocks.nextListElement as Label;
      listOfProcessedBlocks.nextListElement = null;
      listOfProcessedBlocks = next;
    }
  }

  /**
   * @internal Prepends to `listOfLabelsToProcess` the successors of this block that are in no list
   * yet, except jsr targets, and returns the new list head.
   */
  pushSuccessors(listOfLabelsToProcess: Label): Label {
    let newListOfLabelsToProcess = listOfLabelsToProcess;
    const firstEdge = this.outgoingEdges;
    let outgoingEdge = firstEdge;
    while (outgoingEdge !== null) {
      // The second edge of a jsr block is the jsr target.
      const isJsrTarget =
        (this.flags & Label.FLAG_SUBROUTINE_CALLER) !== 0 && outgoingEdge === (firstEdge as Edge).nextEdge;
      if (!isJsrTarget && outgoingEdge.successor.nextListElement === null) {
        outgoingEdge.successor.nextListElement = newListOfLabelsToProcess;
        newListOfLabelsToProcess = outgoingEdge.successor;
      }
      outgoingEdge = outgoingEdge.nextEdge;
    }
    return newListOfLabelsToProcess;
  }

  /** A name unique to this label for the life of the process, like ASM's "L" + identity hash. */
  toString(): string {
    let id = labelIds.get(this);
    if (id === undefined) {
      id = nextLabelId++;
      labelIds.set(this, id);
    }
    return 'L' + id;
  }
}
