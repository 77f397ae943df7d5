// # COMPUTE_FRAMES for a method the code transcoder writes: the frames computed from its bytecode
//
// MethodWriter computes frames as ASM does (see Frame): while the instructions are visited, each
// basic block's output frame is simulated with abstract types, relative to its input frame, which is
// unknown then; at visitMaxs a fix point (computeAllFrames) merges the output frames, made concrete,
// into the successors' input frames. That costs a Label, a Frame, its arrays and Edges per block, and
// an abstract simulation of every instruction, whether or not the block is ever reached.
//
// When the code transcoder (code-transcoder.ts) writes a method straight from a ClassReader, all of
// its bytecode is at hand before any frame is needed, and this module computes the same frames from
// it, with concrete types: the blocks, their edges and input frames live in a few typed arrays
// reused from method to method, and a block's instructions are simulated on its concrete input
// frame each time the fix point takes it. The result is MethodWriter's, byte for byte, because
// - the control flow graph is the one MethodWriter builds from the transcoder's events (built from the
//   labels and the instructions graph-events.ts notes as the transcoder writes them): a block at
//   offset 0, at each label (jump, switch and handler targets, handler range ends), after each
//   conditional jump, after each goto, switch, return and athrow (a block that stays dead unless a
//   label makes it current), and after each store when the method has handlers (trackVarInsn); the
//   edges of each block in the order MethodWriter lists them (handlers' first, the last handler's
//   first, then the block's own, the last added first);
// - the fix point takes the blocks in the order of computeAllFrames' work list (last added first),
//   and merges the same concrete types into the same input frames with Frame.merge, so that even
//   getCommonSuperClass is asked the same questions in the same order;
// - simulating an instruction on concrete types gives the concrete form of what Frame.execute gives
//   on abstract ones (the output types LOCAL_KIND/STACK_KIND stand for the input's), including the
//   uninitialized types a constructor call initializes at the end of the block.
// A method of one block (no label, no handler, its only return or athrow last, 59% of java.base's) needs
// no types at all: MethodWriter writes no frame for it, and only its stack heights matter.
// Anything unusual (a stack underflow, two stack heights at one instruction, a block reached at the
// end of the code, an invalid descriptor or NEWARRAY type, an error from getCommonSuperClass…) makes
// `analyze` give up before the writer changes: the transcoder then leaves the method to MethodWriter,
// whose errors (and results) for invalid code are the reference.

import { readS2, readS4, readU2 } from './big-endian.js';
import {
  ARRAY_OF,
  DIM_MASK,
  DOUBLE,
  ELEMENT_OF,
  FLOAT,
  FORWARD_UNINITIALIZED_KIND,
  Frame,
  getDescriptorSlots,
  getNewArrayType,
  INTEGER,
  KIND_MASK,
  LONG,
  NULL,
  REFERENCE_KIND,
  SIMPLE_POPS,
  SIMPLE_PUSHES,
  TOP,
  UNINITIALIZED_KIND,
  UNINITIALIZED_THIS,
  VALUE_MASK,
} from './frame.js';
import { EVENT_END, EVENT_GOTO, EVENT_JUMP, EVENT_STORE, graphEvents, grownInt32 } from './graph-events.js';
import { Handler } from './handler.js';
import { Insn, INSN_KINDS, INSN_SIZES } from './instruction-kinds.js';
import { Label } from './label.js';
import type { MethodWriter } from './method-writer.js';
import { Symbol } from './symbol.js';
import type { SymbolTable } from './symbol-table.js';
import { Op } from './op.js';

// The marks by old bytecode offset.
const JUMP_TARGET_MARK = 2;

// Block flags.
const JUMP_TARGET = 1;
const REACHABLE = 2;
const IN_WORK_LIST = 4;
/** Current when the instruction at its start is visited: MethodWriter simulates its instructions (and meets their errors). */
const LIVE = 8;

// Buffers reused from method to method, grown as needed (the code transcoder is never re-entered, see
// transcodeCode). By old bytecode offset: the marks above, and the block starting there plus one (both
// cleared after each method). By block (in code order, which is MethodWriter's nextBasicBlock order):
// its old start offset, its first edge, its flags, its input frame's offset in `inputs` (-1: not known
// yet) and input stack size. By edge: the old offset of its successor, then the successor's block.
let marks = new Uint8Array(1024);
let blockAt = new Int32Array(1024);
let blockStart = new Int32Array(256);
let blockEdgeStart = new Int32Array(256);
let blockFlags = new Uint8Array(256);
let blockInput = new Int32Array(256);
let blockStackSize = new Int32Array(256);
let edgeTargets = new Int32Array(1024);
/** The input frames: per block, its locals (max_locals of them) then its stack, concrete types. */
let inputs = new Int32Array(4096);
let workList = new Int32Array(256);
/** The frame simulated by `execute`: the block's output locals and stack. */
let locals = new Int32Array(256);
let stack = new Int32Array(256);
/** The types a constructor is invoked on in the simulated block (see Frame.getInitializedType). */
let initializations = new Int32Array(16);
/** Per handler: its first block, its end block, its handler block, its catch type. */
let handlerBlocks = new Int32Array(64);

/** Thrown to give up (see the top of this file). */
const GIVE_UP = new Error('frames not computed from the bytecode');

/**
 * The frames of one method that the code transcoder wrote (its instructions, handlers and debug
 * tables are in `writer`; its old bytecode is at `codeStart` in `b`): `analyze`, then `write`.
 */
export class BytecodeFrames {
  private readonly symbolTable: SymbolTable;
  private blockCount = 0;
  private edgeCount = 0;
  private maxLocals = 0;
  private maxStack = 0;
  private inputsLength = 0;
  private initializationCount = 0;
  /** The stack size after `execute`. */
  private stackSize = 0;
  /**
   * The block whose input frame `locals` and `stack` hold (copied there from them by a merge since the
   * last execute), or -1: execute then skips copying it back, as for a block that falls through to the next.
   */
  private workingBlock = -1;
  /** Whether the method is one block, whose code ends with its only return or athrow (see computeStraightLineMaxStack). */
  private straightLine = false;

  constructor(
    private readonly writer: MethodWriter,
    private readonly b: Uint8Array,
    private readonly codeStart: number,
    private readonly codeLength: number,
    /** The new offset of each old instruction offset and of code_length (-1 elsewhere). */
    private readonly newOffsets: Int32Array,
    /** The writer's Symbol of each constant of the reader's pool used by the code. */
    private readonly symbols: readonly (Symbol | undefined)[],
    /** The exception_table of the old code in `b`, and its length. */
    private readonly exceptionTable: number,
    private readonly handlerCount: number,
  ) {
    this.symbolTable = writer.symbolTable;
  }

  /**
   * Computes the input frame of each reachable block, max_stack and max_locals; `labels` holds the old
   * offsets of the labels the reader would visit (jump, switch and handler targets, with repeats).
   * Returns false to give up, the writer unchanged (but for its max_locals, which only grows to what
   * the events give).
   */
  analyze(labels: Int32Array, labelCount: number): boolean {
    const codeLength = this.codeLength;
    if (marks.length <= codeLength) {
      marks = new Uint8Array(2 * codeLength + 2);
      blockAt = new Int32Array(2 * codeLength + 2);
    }
    const events = graphEvents;
    try {
      if (
        labelCount === 0 &&
        this.handlerCount === 0 &&
        !events.unsupported &&
        (events.count === 0 || (events.count === 1 && events.kinds[0] === EVENT_END && events.nexts[0] === codeLength))
      ) {
        // One block (no label, no handler, the only return or athrow last; MethodWriter's second block,
        // after it, is empty), no frame to write: the types matter nowhere, only the stack's height.
        this.straightLine = true;
        this.maxLocals = Math.max(events.maxLocals, this.writer.maxLocals);
        this.computeStraightLineMaxStack();
        return true;
      }
      this.buildGraph(labels, labelCount);
      this.computeInputFrames();
      for (let k = 0; k < this.blockCount; ++k) {
        if ((blockFlags[k]! & (LIVE | REACHABLE)) === LIVE) this.checkUnreachedBlock(k);
      }
      return true;
    } catch (error) {
      if (error === GIVE_UP || error instanceof Error) return false;
      throw error;
    } finally {
      for (let i = 0; i < labelCount; ++i) marks[labels[i]!] = 0;
      for (let k = 0; k < this.blockCount; ++k) {
        marks[blockStart[k]!] = 0;
        blockAt[blockStart[k]!] = 0;
      }
    }
  }

  // ## The control flow graph (MethodWriter's, from the events of the transcoder)

  private current = -1;
  private last = -1;

  private newBlock(offset: number): number {
    const k = this.blockCount++;
    if (k === blockStart.length) {
      blockStart = grownInt32(blockStart, k + 1);
      blockEdgeStart = grownInt32(blockEdgeStart, k + 1);
      blockInput = grownInt32(blockInput, k + 1);
      blockStackSize = grownInt32(blockStackSize, k + 1);
      const flags = new Uint8Array(2 * k);
      flags.set(blockFlags);
      blockFlags = flags;
    }
    blockStart[k] = offset;
    blockEdgeStart[k] = this.edgeCount;
    blockFlags[k] = 0;
    blockInput[k] = -1;
    blockAt[offset] = k + 1;
    return k;
  }

  private addEdge(targetOffset: number): void {
    if (this.edgeCount === edgeTargets.length) edgeTargets = grownInt32(edgeTargets, this.edgeCount + 1);
    edgeTargets[this.edgeCount++] = targetOffset;
  }

  /** MethodWriter.visitLabel with COMPUTE_ALL_FRAMES, for a label at old offset `offset`. */
  private visitLabel(offset: number): void {
    const current = this.current;
    if (current >= 0) {
      if (blockStart[current] === offset) return;
      this.addEdge(offset);
    }
    if (blockStart[this.last] === offset) {
      this.current = this.last;
      blockFlags[this.last] |= LIVE;
      return;
    }
    this.current = this.last = this.newBlock(offset);
    blockFlags[this.current] = LIVE;
  }

  /** MethodWriter.endCurrentBasicBlockWithNoSuccessor: a new block at `nextOffset`, dead unless a label revives it. */
  private endCurrentBlock(nextOffset: number): void {
    this.last = this.newBlock(nextOffset);
    this.current = -1;
  }

  private jump(opcode: number, target: number, nextOffset: number): void {
    if (this.current < 0) return;
    if (target < 0 || target > this.codeLength) throw GIVE_UP;
    marks[target] |= JUMP_TARGET_MARK;
    this.addEdge(target);
    if (opcode === Op.GOTO) this.endCurrentBlock(nextOffset);
    else this.visitLabel(nextOffset);
  }

  private switchTarget(target: number): void {
    if (target < 0 || target > this.codeLength) throw GIVE_UP;
    marks[target] |= JUMP_TARGET_MARK;
    this.addEdge(target);
  }

  private buildGraph(labels: Int32Array, labelCount: number): void {
    const b = this.b;
    const codeStart = this.codeStart;
    const events = graphEvents;
    if (events.unsupported) throw GIVE_UP;
    // The labels in code order, once each; each at an instruction or at the end of the code.
    const labelOffsets = sortedLabels(labels, labelCount);
    const sortedCount = sortedLabelCount;
    for (let i = 0; i < sortedCount; ++i) {
      if (this.newOffsets[labelOffsets[i]!]! < 0) throw GIVE_UP;
    }
    this.current = this.last = this.newBlock(0);
    blockFlags[0] = LIVE;
    let nextLabel = 0;
    const kinds = events.kinds;
    const offsets = events.offsets;
    const nexts = events.nexts;
    const eventTargets = events.targets;
    for (let e = 0, count = events.count; e < count; ++e) {
      const offset = offsets[e]!;
      // The labels up to this instruction's, which is visited before it.
      while (nextLabel < sortedCount && labelOffsets[nextLabel]! <= offset) this.visitLabel(labelOffsets[nextLabel++]!);
      const next = nexts[e]!;
      switch (kinds[e]) {
        case EVENT_END:
          if (this.current >= 0) this.endCurrentBlock(next);
          break;
        case EVENT_STORE:
          this.visitLabel(next);
          break;
        case EVENT_JUMP:
          this.jump(Op.IFEQ, eventTargets[e]!, next);
          break;
        case EVENT_GOTO:
          this.jump(Op.GOTO, eventTargets[e]!, next);
          break;
        default: {
          // EVENT_SWITCH, its targets read again.
          if (this.current < 0) break;
          const p = codeStart + offset;
          const operands = p + 4 - (offset & 3);
          if (eventTargets[e] === Op.TABLESWITCH) {
            const count = readS4(b, operands + 8) - readS4(b, operands + 4) + 1;
            this.switchTarget(offset + readS4(b, operands));
            for (let i = 0; i < count; ++i) this.switchTarget(offset + readS4(b, operands + 12 + 4 * i));
          } else {
            const count = readS4(b, operands + 4);
            this.switchTarget(offset + readS4(b, operands));
            for (let i = 0; i < count; ++i) this.switchTarget(offset + readS4(b, operands + 12 + 8 * i));
          }
          this.endCurrentBlock(next);
          break;
        }
      }
    }
    while (nextLabel < sortedCount) this.visitLabel(labelOffsets[nextLabel++]!);
    this.maxLocals = Math.max(events.maxLocals, this.writer.maxLocals);

    // The successors' blocks, and the jump targets.
    for (let e = 0; e < this.edgeCount; ++e) {
      const block = blockAt[edgeTargets[e]!]! - 1;
      if (block < 0) throw GIVE_UP;
      edgeTargets[e] = block;
    }
    for (let k = 0; k < this.blockCount; ++k) {
      if ((marks[blockStart[k]!]! & JUMP_TARGET_MARK) !== 0) blockFlags[k] |= JUMP_TARGET;
    }
    // The handlers (computeAllFrames): each block of [start, end) gets an edge to the handler, a jump target.
    const handlerCount = this.handlerCount;
    if (handlerBlocks.length < 4 * handlerCount) handlerBlocks = new Int32Array(8 * handlerCount);
    for (let i = 0; i < handlerCount; ++i) {
      const entry = this.exceptionTable + 8 * i;
      const startBlock = blockAt[readU2(b, entry)]! - 1;
      const endBlock = blockAt[readU2(b, entry + 2)]! - 1;
      const handlerBlock = blockAt[readU2(b, entry + 4)]! - 1;
      if (startBlock < 0 || endBlock < startBlock || handlerBlock < 0) throw GIVE_UP;
      const catchTypeIndex = readU2(b, entry + 6);
      let catchType: number;
      if (catchTypeIndex === 0) {
        catchType = Frame.getAbstractTypeFromInternalName(this.symbolTable, 'java/lang/Throwable');
      } else {
        const symbol = this.symbols[catchTypeIndex];
        if (symbol === undefined) throw GIVE_UP;
        catchType = this.classType(symbol);
      }
      blockFlags[handlerBlock] |= JUMP_TARGET;
      handlerBlocks[4 * i] = startBlock;
      handlerBlocks[4 * i + 1] = endBlock;
      handlerBlocks[4 * i + 2] = handlerBlock;
      handlerBlocks[4 * i + 3] = catchType;
    }
  }

  // ## The fix point (computeAllFrames')

  /** Room for an input frame of `length` types in `inputs` (not cleared: the merge into a new frame writes them all). */
  private allocateInput(length: number): number {
    const offset = this.inputsLength;
    if (offset + length > inputs.length) inputs = grownInt32(inputs, offset + length);
    this.inputsLength = offset + length;
    return offset;
  }

  private computeInputFrames(): void {
    const writer = this.writer;
    const numLocal = this.maxLocals;
    if (locals.length < numLocal) locals = new Int32Array(2 * numLocal);
    this.inputsLength = 0;
    // The implicit first frame, from the method descriptor (kept in the first block's Frame, which
    // `write` makes the writer visit).
    const firstFrame = (writer.firstBasicBlock as Label).frame as Frame;
    firstFrame.setInputFrameFromDescriptor(this.symbolTable, writer.accessFlags, writer.descriptor, numLocal);
    const firstInput = this.allocateInput(numLocal);
    const firstTypes = firstFrame.inputTypes as Int32Array;
    for (let i = 0, j = firstFrame.inputLocalsOffset; i < numLocal; ++i, ++j) inputs[firstInput + i] = firstTypes[j]!;
    blockInput[0] = firstInput;
    blockStackSize[0] = 0;

    if (workList.length < this.blockCount) workList = new Int32Array(2 * this.blockCount);
    let workListSize = 0;
    workList[workListSize++] = 0;
    blockFlags[0] |= IN_WORK_LIST;
    let maxStack = 0;
    const handlerCount = this.handlerCount;
    const flags = blockFlags;
    const work = workList;
    const handlers = handlerBlocks;
    const edges = edgeTargets;
    const edgeStarts = blockEdgeStart;
    while (workListSize > 0) {
      const k = work[--workListSize]!;
      flags[k] = (flags[k]! & ~IN_WORK_LIST) | REACHABLE;
      // Execution falling off the end of the code (MethodWriter makes a frame there): left to it.
      if (blockStart[k] === this.codeLength) throw GIVE_UP;
      const blockMaxStack = this.execute(k);
      if (blockMaxStack > maxStack) maxStack = blockMaxStack;
      // The handlers' edges first, the last handler's first; then the block's own, the last first.
      for (let h = handlerCount - 1; h >= 0; --h) {
        if (handlers[4 * h]! <= k && k < handlers[4 * h + 1]!) {
          const successor = handlers[4 * h + 2]!;
          if (this.mergeIntoHandler(k, successor, handlers[4 * h + 3]!) && (flags[successor]! & IN_WORK_LIST) === 0) {
            flags[successor] |= IN_WORK_LIST;
            work[workListSize++] = successor;
          }
        }
      }
      const edgeEnd = k + 1 < this.blockCount ? edgeStarts[k + 1]! : this.edgeCount;
      for (let e = edgeEnd - 1; e >= edgeStarts[k]!; --e) {
        const successor = edges[e]!;
        if (this.merge(successor) && (flags[successor]! & IN_WORK_LIST) === 0) {
          flags[successor] |= IN_WORK_LIST;
          work[workListSize++] = successor;
        }
      }
    }
    this.maxStack = maxStack;
  }

  /**
   * Replaces the types a constructor was invoked on in the executed block by their initialized
   * types, in `locals` and `stack[0, top)`. (Out of execute, which the JIT then keeps for inlining
   * the small functions of its frequent instructions.)
   */
  private initializeTypes(top: number): void {
    const localTypes = locals;
    const stackTypes = stack;
    for (let i = 0, numLocal = this.maxLocals; i < numLocal; ++i) localTypes[i] = this.initialized(localTypes[i]!);
    for (let i = 0; i < top; ++i) stackTypes[i] = this.initialized(stackTypes[i]!);
  }

  /** The initialized type of `type` if a constructor is invoked on it in the executed block (Frame.getInitializedType). */
  private initialized(type: number): number {
    if (
      type === UNINITIALIZED_THIS ||
      (type & (DIM_MASK | KIND_MASK)) === UNINITIALIZED_KIND ||
      (type & (DIM_MASK | KIND_MASK)) === FORWARD_UNINITIALIZED_KIND
    ) {
      for (let i = 0; i < this.initializationCount; ++i) {
        if (initializations[i] === type) {
          const symbolTable = this.symbolTable;
          return (
            REFERENCE_KIND |
            symbolTable.addType(type === UNINITIALIZED_THIS ? symbolTable.getClassName() : (symbolTable.getType(type & VALUE_MASK).value as string))
          );
        }
      }
    }
    return type;
  }

  /**
   * Frame.prototype.merge of the executed block's output frame into `successor`'s input frame, for a
   * jump or fall through edge. (The output frame holds no null type with array dimensions, which
   * Frame.prototype.merge turns into null for a new frame: the simulation never makes one.)
   */
  private merge(successor: number): boolean {
    const numLocal = this.maxLocals;
    const stackSize = this.stackSize;
    const types = inputs;
    const localTypes = locals;
    const stackTypes = stack;
    let dst = blockInput[successor]!;
    if (dst < 0) {
      dst = blockInput[successor] = this.allocateInput(numLocal + stackSize);
      blockStackSize[successor] = stackSize;
      const newTypes = inputs;
      for (let i = 0; i < numLocal; ++i) newTypes[dst + i] = localTypes[i]!;
      for (let i = 0, j = dst + numLocal; i < stackSize; ++i, ++j) newTypes[j] = stackTypes[i]!;
      // If the fix point takes it next (the last block pushed), execute needs no copy of this input.
      this.workingBlock = successor;
      return true;
    }
    if (blockStackSize[successor] !== stackSize) throw GIVE_UP;
    const symbolTable = this.symbolTable;
    let changed = false;
    for (let i = 0; i < numLocal; ++i) {
      const type = localTypes[i]!;
      if (types[dst + i] !== type) changed = Frame.merge(symbolTable, type, types, dst + i) || changed;
    }
    for (let i = 0, j = dst + numLocal; i < stackSize; ++i, ++j) {
      const type = stackTypes[i]!;
      if (types[j] !== type) changed = Frame.merge(symbolTable, type, types, j) || changed;
    }
    return changed;
  }

  /**
   * Frame.prototype.merge into the handler block `successor` of block `block`, just executed: its
   * output locals and its input locals (the handler can be reached from any of its instructions),
   * and the caught exception alone on the stack.
   */
  private mergeIntoHandler(block: number, successor: number, catchType: number): boolean {
    const symbolTable = this.symbolTable;
    const numLocal = this.maxLocals;
    const localTypes = locals;
    let dst = blockInput[successor]!;
    let changed = false;
    if (dst < 0) {
      dst = blockInput[successor] = this.allocateInput(numLocal + 1);
      blockStackSize[successor] = 1;
      const newTypes = inputs;
      for (let i = 0; i < numLocal; ++i) newTypes[dst + i] = localTypes[i]!;
      // The stack's type, which Frame.merge sets when 0.
      newTypes[dst + numLocal] = 0;
      changed = true;
    } else {
      if (blockStackSize[successor] !== 1) throw GIVE_UP;
      const types = inputs;
      for (let i = 0; i < numLocal; ++i) {
        const type = localTypes[i]!;
        if (types[dst + i] !== type) changed = Frame.merge(symbolTable, type, types, dst + i) || changed;
      }
    }
    const types = inputs;
    const input = blockInput[block]!;
    for (let i = 0; i < numLocal; ++i) {
      const inputType = types[input + i]!;
      if (types[dst + i] !== inputType) changed = Frame.merge(symbolTable, inputType, types, dst + i) || changed;
    }
    return Frame.merge(symbolTable, catchType, types, dst + numLocal) || changed;
  }

  // ## A method of one block

  /**
   * max_stack of a method that is one block (no jump, switch or handler; its only return or athrow last):
   * MethodWriter writes no frame for it, so only the height of the stack matters, and what makes
   * MethodWriter throw (a pop below the empty stack, an invalid descriptor or NEWARRAY type), which
   * makes this give up.
   */
  private computeStraightLineMaxStack(): void {
    const b = this.b;
    const codeStart = this.codeStart;
    const codeLength = this.codeLength;
    const symbols = this.symbols;
    let height = 0;
    let maxHeight = 0;
    let offset = 0;
    while (offset < codeLength) {
      const p = codeStart + offset;
      const opcode = b[p]!;
      const simplePops = SIMPLE_POPS[opcode]!;
      if (simplePops !== 0) {
        height -= simplePops - 1;
        if (height < 0) throw GIVE_UP;
        const pushed = SIMPLE_PUSHES[opcode]!;
        if (pushed !== 0) {
          height += pushed === LONG || pushed === DOUBLE ? 2 : 1;
          if (height > maxHeight) maxHeight = height;
        }
        // No jump or switch here (buildGraph saw no edge).
        offset += INSN_SIZES[opcode]!;
        continue;
      }
      switch (opcode) {
        case Op.ALOAD_0:
        case Op.ALOAD_1:
        case Op.ALOAD_2:
        case Op.ALOAD_3:
        case Op.ALOAD:
        case Op.NEW:
          height += 1;
          break;
        case Op.ISTORE:
        case Op.FSTORE:
        case Op.ASTORE:
        case Op.ISTORE_0:
        case Op.ISTORE_1:
        case Op.ISTORE_2:
        case Op.ISTORE_3:
        case Op.FSTORE_0:
        case Op.FSTORE_1:
        case Op.FSTORE_2:
        case Op.FSTORE_3:
        case Op.ASTORE_0:
        case Op.ASTORE_1:
        case Op.ASTORE_2:
        case Op.ASTORE_3:
          height -= 1;
          break;
        case Op.AALOAD:
          if (height < 2) throw GIVE_UP;
          height -= 1;
          break;
        case Op.LSTORE:
        case Op.DSTORE:
        case Op.LSTORE_0:
        case Op.LSTORE_1:
        case Op.LSTORE_2:
        case Op.LSTORE_3:
        case Op.DSTORE_0:
        case Op.DSTORE_1:
        case Op.DSTORE_2:
        case Op.DSTORE_3:
          height -= 2;
          break;
        case Op.IINC:
          break;
        case Op.WIDE: {
          const wideOpcode = b[p + 1]!;
          if (wideOpcode === Op.LLOAD || wideOpcode === Op.DLOAD) height += 2;
          else if (wideOpcode === Op.LSTORE || wideOpcode === Op.DSTORE) height -= 2;
          else if (wideOpcode < Op.ISTORE) height += 1;
          else if (wideOpcode !== Op.IINC) height -= 1;
          break;
        }
        case Op.DUP:
          if (height < 1) throw GIVE_UP;
          height += 1;
          break;
        case Op.DUP_X1:
          if (height < 2) throw GIVE_UP;
          height += 1;
          break;
        case Op.DUP_X2:
          if (height < 3) throw GIVE_UP;
          height += 1;
          break;
        case Op.DUP2:
          if (height < 2) throw GIVE_UP;
          height += 2;
          break;
        case Op.DUP2_X1:
          if (height < 3) throw GIVE_UP;
          height += 2;
          break;
        case Op.DUP2_X2:
          if (height < 4) throw GIVE_UP;
          height += 2;
          break;
        case Op.SWAP:
          if (height < 2) throw GIVE_UP;
          break;
        case Op.LDC:
        case Op.LDC_W:
        case Op.LDC2_W: {
          const symbol = symbols[opcode === Op.LDC ? b[p + 1]! : readU2(b, p + 1)] as Symbol;
          const tag = symbol.tag;
          height +=
            tag === Symbol.CONSTANT_LONG_TAG || tag === Symbol.CONSTANT_DOUBLE_TAG
              ? 2
              : tag === Symbol.CONSTANT_DYNAMIC_TAG
                ? checkedSlots(symbol.value as string)
                : 1;
          break;
        }
        case Op.GETSTATIC:
          height += symbolSlots(symbols[readU2(b, p + 1)] as Symbol);
          break;
        case Op.PUTSTATIC:
          height -= this.fieldSize(readU2(b, p + 1));
          break;
        case Op.GETFIELD:
          if (height < 1) throw GIVE_UP;
          height += symbolSlots(symbols[readU2(b, p + 1)] as Symbol) - 1;
          break;
        case Op.PUTFIELD:
          height -= this.fieldSize(readU2(b, p + 1)) + 1;
          break;
        case Op.INVOKEVIRTUAL:
        case Op.INVOKESPECIAL:
        case Op.INVOKESTATIC:
        case Op.INVOKEINTERFACE:
        case Op.INVOKEDYNAMIC: {
          const symbol = symbols[readU2(b, p + 1)] as Symbol;
          height -= (symbol.getArgumentsAndReturnSizes() >> 2) - (opcode === Op.INVOKESTATIC || opcode === Op.INVOKEDYNAMIC ? 1 : 0);
          if (height < 0) throw GIVE_UP;
          height += symbolSlots(symbol);
          break;
        }
        case Op.NEWARRAY:
          if (height < 1 || getNewArrayType(b[p + 1]!) === 0) throw GIVE_UP;
          break;
        case Op.ANEWARRAY:
        case Op.CHECKCAST: {
          if (height < 1) throw GIVE_UP;
          const name = (symbols[readU2(b, p + 1)] as Symbol).value as string;
          if (name.charCodeAt(0) === 91 /* '[' */) checkedSlots(opcode === Op.CHECKCAST ? name : '[' + name);
          break;
        }
        case Op.MULTIANEWARRAY:
          height -= b[p + 3]!;
          if (height < 0) throw GIVE_UP;
          height += checkedSlots((symbols[readU2(b, p + 1)] as Symbol).value as string);
          break;
        default:
          throw GIVE_UP;
      }
      if (height < 0) throw GIVE_UP;
      if (height > maxHeight) maxHeight = height;
      const size = INSN_SIZES[opcode]!;
      offset += size !== 0 ? size : b[p + 1] === Op.IINC ? 6 : 4;
    }
    if (maxHeight > 32767) throw GIVE_UP;
    this.maxStack = maxHeight;
  }

  // ## The simulation of a block's instructions (Frame.execute, on concrete types)

  /**
   * Simulates the instructions of block `k` from its input frame, leaving its output frame in `locals`
   * and `stack[0, stackSize)` and the types initialized in `initializations`; returns the block's
   * highest stack size.
   */
  private execute(k: number): number {
    const b = this.b;
    const codeStart = this.codeStart;
    const numLocal = this.maxLocals;
    const symbolTable = this.symbolTable;
    const input = blockInput[k]!;
    const inputStackSize = blockStackSize[k]!;
    const start = blockStart[k]!;
    const end = k + 1 < this.blockCount ? blockStart[k + 1]! : this.codeLength;
    // Each instruction takes at least a byte and pushes at most two values more than it pops.
    if (stack.length < inputStackSize + 2 * (end - start) + 4) {
      stack = new Int32Array(2 * (inputStackSize + 2 * (end - start) + 4));
      this.workingBlock = -1;
    }
    const localTypes = locals;
    const stackTypes = stack;
    if (k !== this.workingBlock) {
      const inputTypes = inputs;
      for (let i = 0; i < numLocal; ++i) localTypes[i] = inputTypes[input + i]!;
      for (let i = 0; i < inputStackSize; ++i) stackTypes[i] = inputTypes[input + numLocal + i]!;
    }
    this.workingBlock = -1;
    let top = inputStackSize;
    let maxTop = inputStackSize;
    const symbols = this.symbols;
    this.initializationCount = 0;
    let offset = start;
    while (offset < end) {
      const p = codeStart + offset;
      const opcode = b[p]!;
      const simplePops = SIMPLE_POPS[opcode]!;
      if (simplePops !== 0) {
        // A fixed effect: pops, then one type (two slots for long and double) or nothing.
        if (top < simplePops - 1) throw GIVE_UP;
        top -= simplePops - 1;
        const pushed = SIMPLE_PUSHES[opcode]!;
        if (pushed !== 0) {
          stackTypes[top++] = pushed;
          if (pushed === LONG || pushed === DOUBLE) stackTypes[top++] = TOP;
          if (top > maxTop) maxTop = top;
        }
        const size = INSN_SIZES[opcode]!;
        offset += size !== 0 ? size : this.jumpOrSwitchSize(opcode, offset);
        continue;
      }
      let type: number;
      switch (opcode) {
        case Op.ALOAD_0:
        case Op.ALOAD_1:
        case Op.ALOAD_2:
        case Op.ALOAD_3:
          stackTypes[top++] = localTypes[opcode - Op.ALOAD_0]!;
          ++offset;
          break;
        case Op.ALOAD:
          stackTypes[top++] = localTypes[b[p + 1]!]!;
          offset += 2;
          break;
        case Op.ISTORE:
        case Op.FSTORE:
        case Op.ASTORE:
          if (top < 1) throw GIVE_UP;
          this.store(localTypes, b[p + 1]!, stackTypes[--top]!, false);
          offset += 2;
          break;
        case Op.LSTORE:
        case Op.DSTORE:
          if (top < 2) throw GIVE_UP;
          top -= 2;
          this.store(localTypes, b[p + 1]!, stackTypes[top]!, true);
          offset += 2;
          break;
        case Op.ISTORE_0:
        case Op.ISTORE_1:
        case Op.ISTORE_2:
        case Op.ISTORE_3:
        case Op.FSTORE_0:
        case Op.FSTORE_1:
        case Op.FSTORE_2:
        case Op.FSTORE_3:
        case Op.ASTORE_0:
        case Op.ASTORE_1:
        case Op.ASTORE_2:
        case Op.ASTORE_3:
          if (top < 1) throw GIVE_UP;
          this.store(localTypes, (opcode - Op.ISTORE_0) & 3, stackTypes[--top]!, false);
          ++offset;
          break;
        case Op.LSTORE_0:
        case Op.LSTORE_1:
        case Op.LSTORE_2:
        case Op.LSTORE_3:
        case Op.DSTORE_0:
        case Op.DSTORE_1:
        case Op.DSTORE_2:
        case Op.DSTORE_3:
          if (top < 2) throw GIVE_UP;
          top -= 2;
          this.store(localTypes, (opcode - Op.ISTORE_0) & 3, stackTypes[top]!, true);
          ++offset;
          break;
        case Op.IINC:
          localTypes[b[p + 1]!] = INTEGER;
          offset += 3;
          break;
        case Op.WIDE: {
          const wideOpcode = b[p + 1]!;
          const varIndex = readU2(b, p + 2);
          offset += wideOpcode === Op.IINC ? 6 : 4;
          if (wideOpcode === Op.IINC) {
            localTypes[varIndex] = INTEGER;
          } else if (wideOpcode === Op.ALOAD) {
            stackTypes[top++] = localTypes[varIndex]!;
          } else if (wideOpcode < Op.ISTORE) {
            type = SIMPLE_PUSHES[wideOpcode]!;
            stackTypes[top++] = type;
            if (type === LONG || type === DOUBLE) stackTypes[top++] = TOP;
          } else if (wideOpcode === Op.LSTORE || wideOpcode === Op.DSTORE) {
            if (top < 2) throw GIVE_UP;
            top -= 2;
            this.store(localTypes, varIndex, stackTypes[top]!, true);
          } else {
            if (top < 1) throw GIVE_UP;
            this.store(localTypes, varIndex, stackTypes[--top]!, false);
          }
          break;
        }
        case Op.AALOAD:
          if (top < 2) throw GIVE_UP;
          --top;
          type = stackTypes[top - 1]!;
          stackTypes[top - 1] = type === NULL ? NULL : (ELEMENT_OF + type) | 0;
          ++offset;
          break;
        case Op.DUP:
          if (top < 1) throw GIVE_UP;
          stackTypes[top] = stackTypes[top - 1]!;
          ++top;
          ++offset;
          break;
        case Op.DUP_X1: {
          if (top < 2) throw GIVE_UP;
          const t1 = stackTypes[top - 1]!;
          const t2 = stackTypes[top - 2]!;
          stackTypes[top - 2] = t1;
          stackTypes[top - 1] = t2;
          stackTypes[top++] = t1;
          ++offset;
          break;
        }
        case Op.DUP_X2: {
          if (top < 3) throw GIVE_UP;
          const t1 = stackTypes[top - 1]!;
          const t2 = stackTypes[top - 2]!;
          const t3 = stackTypes[top - 3]!;
          stackTypes[top - 3] = t1;
          stackTypes[top - 2] = t3;
          stackTypes[top - 1] = t2;
          stackTypes[top++] = t1;
          ++offset;
          break;
        }
        case Op.DUP2: {
          if (top < 2) throw GIVE_UP;
          const t1 = stackTypes[top - 1]!;
          const t2 = stackTypes[top - 2]!;
          stackTypes[top++] = t2;
          stackTypes[top++] = t1;
          ++offset;
          break;
        }
        case Op.DUP2_X1: {
          if (top < 3) throw GIVE_UP;
          const t1 = stackTypes[top - 1]!;
          const t2 = stackTypes[top - 2]!;
          const t3 = stackTypes[top - 3]!;
          stackTypes[top - 3] = t2;
          stackTypes[top - 2] = t1;
          stackTypes[top - 1] = t3;
          stackTypes[top++] = t2;
          stackTypes[top++] = t1;
          ++offset;
          break;
        }
        case Op.DUP2_X2: {
          if (top < 4) throw GIVE_UP;
          const t1 = stackTypes[top - 1]!;
          const t2 = stackTypes[top - 2]!;
          const t3 = stackTypes[top - 3]!;
          const t4 = stackTypes[top - 4]!;
          stackTypes[top - 4] = t2;
          stackTypes[top - 3] = t1;
          stackTypes[top - 2] = t4;
          stackTypes[top - 1] = t3;
          stackTypes[top++] = t2;
          stackTypes[top++] = t1;
          ++offset;
          break;
        }
        case Op.SWAP: {
          if (top < 2) throw GIVE_UP;
          const t1 = stackTypes[top - 1]!;
          stackTypes[top - 1] = stackTypes[top - 2]!;
          stackTypes[top - 2] = t1;
          ++offset;
          break;
        }
        case Op.LDC:
        case Op.LDC_W:
        case Op.LDC2_W: {
          const symbol = symbols[opcode === Op.LDC ? b[p + 1]! : readU2(b, p + 1)] as Symbol;
          offset += opcode === Op.LDC ? 2 : 3;
          switch (symbol.tag) {
            case Symbol.CONSTANT_INTEGER_TAG:
              stackTypes[top++] = INTEGER;
              break;
            case Symbol.CONSTANT_FLOAT_TAG:
              stackTypes[top++] = FLOAT;
              break;
            case Symbol.CONSTANT_LONG_TAG:
              stackTypes[top++] = LONG;
              stackTypes[top++] = TOP;
              break;
            case Symbol.CONSTANT_DOUBLE_TAG:
              stackTypes[top++] = DOUBLE;
              stackTypes[top++] = TOP;
              break;
            case Symbol.CONSTANT_CLASS_TAG:
              // Not memoized in the symbol, whose own type CHECKCAST and ANEWARRAY memoize there.
              stackTypes[top++] = REFERENCE_KIND | symbolTable.addType('java/lang/Class');
              break;
            case Symbol.CONSTANT_STRING_TAG:
            case Symbol.CONSTANT_METHOD_TYPE_TAG:
            case Symbol.CONSTANT_METHOD_HANDLE_TAG:
              stackTypes[top++] = this.constantType(symbol);
              break;
            case Symbol.CONSTANT_DYNAMIC_TAG:
              top = this.push(stackTypes, top, Frame.getDescriptorAbstractType(symbolTable, symbol.value as string));
              break;
            default:
              throw GIVE_UP;
          }
          break;
        }
        case Op.GETSTATIC:
          top = this.push(stackTypes, top, this.descriptorType(symbols[readU2(b, p + 1)] as Symbol));
          offset += 3;
          break;
        case Op.PUTSTATIC:
          top -= this.fieldSize(readU2(b, p + 1));
          if (top < 0) throw GIVE_UP;
          offset += 3;
          break;
        case Op.GETFIELD:
          if (top < 1) throw GIVE_UP;
          top = this.push(stackTypes, top - 1, this.descriptorType(symbols[readU2(b, p + 1)] as Symbol));
          offset += 3;
          break;
        case Op.PUTFIELD:
          top -= this.fieldSize(readU2(b, p + 1)) + 1;
          if (top < 0) throw GIVE_UP;
          offset += 3;
          break;
        case Op.INVOKEVIRTUAL:
        case Op.INVOKESPECIAL:
        case Op.INVOKESTATIC:
        case Op.INVOKEINTERFACE: {
          const symbol = symbols[readU2(b, p + 1)] as Symbol;
          offset += opcode === Op.INVOKEINTERFACE ? 5 : 3;
          // The argument sizes include the receiver's.
          top -= (symbol.getArgumentsAndReturnSizes() >> 2) - (opcode === Op.INVOKESTATIC ? 1 : 0);
          if (top < 0) throw GIVE_UP;
          if (opcode === Op.INVOKESPECIAL && (symbol.name as string).charCodeAt(0) === 60 /* '<' */) {
            this.addInitialization(stackTypes[top]!);
          }
          top = this.push(stackTypes, top, this.descriptorType(symbol));
          break;
        }
        case Op.INVOKEDYNAMIC: {
          const symbol = symbols[readU2(b, p + 1)] as Symbol;
          offset += 5;
          top -= (symbol.getArgumentsAndReturnSizes() >> 2) - 1;
          if (top < 0) throw GIVE_UP;
          top = this.push(stackTypes, top, this.descriptorType(symbol));
          break;
        }
        case Op.NEW:
          stackTypes[top++] =
            UNINITIALIZED_KIND |
            symbolTable.addUninitializedType((symbols[readU2(b, p + 1)] as Symbol).value as string, this.newOffsets[offset]!);
          offset += 3;
          break;
        case Op.NEWARRAY:
          type = getNewArrayType(b[p + 1]!);
          if (top < 1 || type === 0) throw GIVE_UP;
          stackTypes[top - 1] = type;
          offset += 2;
          break;
        case Op.ANEWARRAY: {
          if (top < 1) throw GIVE_UP;
          const symbol = symbols[readU2(b, p + 1)] as Symbol;
          offset += 3;
          const elementType = symbol.value as string;
          stackTypes[top - 1] =
            elementType.charCodeAt(0) === 91 /* '[' */
              ? Frame.getDescriptorAbstractType(symbolTable, '[' + elementType)
              : ARRAY_OF | this.classType(symbol);
          break;
        }
        case Op.CHECKCAST: {
          if (top < 1) throw GIVE_UP;
          const symbol = symbols[readU2(b, p + 1)] as Symbol;
          offset += 3;
          const castType = symbol.value as string;
          stackTypes[top - 1] =
            castType.charCodeAt(0) === 91 /* '[' */ ? Frame.getDescriptorAbstractType(symbolTable, castType) : this.classType(symbol);
          break;
        }
        case Op.MULTIANEWARRAY: {
          top -= b[p + 3]!;
          if (top < 0) throw GIVE_UP;
          top = this.push(stackTypes, top, Frame.getDescriptorAbstractType(symbolTable, (symbols[readU2(b, p + 1)] as Symbol).value as string));
          offset += 4;
          break;
        }
        case Op.GOTO_W:
          offset += 5;
          break;
        default:
          throw GIVE_UP;
      }
      if (top > maxTop) maxTop = top;
    }
    this.stackSize = top;
    // The types a constructor was invoked on are initialized at the end of the block (MethodWriter
    // does it in each merge, with the same result for every successor).
    if (this.initializationCount > 0) this.initializeTypes(top);
    // The relative maximum is a Java short in MethodWriter: beyond, left to it.
    if (maxTop - inputStackSize > 32767) throw GIVE_UP;
    return maxTop;
  }

  /**
   * Meets the errors MethodWriter meets when it simulates the instructions of a block the fix point never
   * reaches (execute meets them in the others): an invalid descriptor or NEWARRAY type.
   */
  private checkUnreachedBlock(k: number): void {
    const b = this.b;
    const symbols = this.symbols;
    const symbolTable = this.symbolTable;
    const end = k + 1 < this.blockCount ? blockStart[k + 1]! : this.codeLength;
    let offset = blockStart[k]!;
    while (offset < end) {
      const p = this.codeStart + offset;
      const opcode = b[p]!;
      switch (INSN_KINDS[opcode]) {
        case Insn.INSN_BYTE:
          if (opcode === Op.NEWARRAY && getNewArrayType(b[p + 1]!) === 0) throw GIVE_UP;
          break;
        case Insn.INSN_LDC:
        case Insn.INSN_LDC_W: {
          const symbol = symbols[opcode === Op.LDC ? b[p + 1]! : readU2(b, p + 1)] as Symbol;
          if (symbol.tag === Symbol.CONSTANT_DYNAMIC_TAG) Frame.getDescriptorAbstractType(symbolTable, symbol.value as string);
          break;
        }
        case Insn.INSN_FIELD_OR_METHOD:
        case Insn.INSN_INVOKEINTERFACE:
        case Insn.INSN_INVOKEDYNAMIC:
          Frame.getSymbolDescriptorType(symbolTable, symbols[readU2(b, p + 1)] as Symbol);
          break;
        case Insn.INSN_TYPE: {
          const name = (symbols[readU2(b, p + 1)] as Symbol).value as string;
          if ((opcode === Op.ANEWARRAY || opcode === Op.CHECKCAST) && name.charCodeAt(0) === 91 /* '[' */) {
            Frame.getDescriptorAbstractType(symbolTable, opcode === Op.CHECKCAST ? name : '[' + name);
          }
          break;
        }
        case Insn.INSN_MULTIANEWARRAY:
          Frame.getDescriptorAbstractType(symbolTable, (symbols[readU2(b, p + 1)] as Symbol).value as string);
          break;
        default:
          break;
      }
      const size = INSN_SIZES[opcode]!;
      offset += size !== 0 ? size : opcode === Op.WIDE ? (b[p + 1] === Op.IINC ? 6 : 4) : opcode === Op.GOTO_W ? 5 : this.jumpOrSwitchSize(opcode, offset);
    }
  }

  /** The size of the jump or switch instruction at old offset `offset` (those that INSN_SIZES leaves out). */
  private jumpOrSwitchSize(opcode: number, offset: number): number {
    const operands = this.codeStart + offset + 4 - (offset & 3);
    switch (INSN_KINDS[opcode]) {
      case Insn.INSN_TABLESWITCH:
        return operands + 12 + 4 * (readS4(this.b, operands + 8) - readS4(this.b, operands + 4) + 1) - this.codeStart - offset;
      case Insn.INSN_LOOKUPSWITCH:
        return operands + 8 + 8 * readS4(this.b, operands + 4) - this.codeStart - offset;
      default:
        return 3;
    }
  }

  /**
   * The type a String, MethodType or MethodHandle constant pushes, memoized in its symbol (whose
   * descriptorAbstractType has no other use).
   */
  private constantType(symbol: Symbol): number {
    let type = symbol.descriptorAbstractType;
    if (type === Symbol.UNKNOWN_ABSTRACT_TYPE) {
      const className =
        symbol.tag === Symbol.CONSTANT_STRING_TAG
          ? 'java/lang/String'
          : symbol.tag === Symbol.CONSTANT_METHOD_TYPE_TAG
            ? 'java/lang/invoke/MethodType'
            : 'java/lang/invoke/MethodHandle';
      type = symbol.descriptorAbstractType = REFERENCE_KIND | this.symbolTable.addType(className);
    }
    return type;
  }

  /** The type of a CONSTANT_Class that is not an array, memoized in its symbol (see constantType). */
  private classType(symbol: Symbol): number {
    let type = symbol.descriptorAbstractType;
    if (type === Symbol.UNKNOWN_ABSTRACT_TYPE) {
      type = symbol.descriptorAbstractType = REFERENCE_KIND | this.symbolTable.addType(symbol.value as string);
    }
    return type;
  }

  /**
   * Frame.getSymbolDescriptorType, its memo read here: small enough for the JIT to inline in execute
   * (Frame's, with the computation, is not).
   */
  private descriptorType(symbol: Symbol): number {
    const type = symbol.descriptorAbstractType;
    return type !== Symbol.UNKNOWN_ABSTRACT_TYPE ? type : Frame.getSymbolDescriptorType(this.symbolTable, symbol);
  }

  /** Pushes `type` (two slots for long and double, none for void); returns the new stack size. */
  private push(stackTypes: Int32Array, top: number, type: number): number {
    if (type !== 0) {
      stackTypes[top++] = type;
      if (type === LONG || type === DOUBLE) stackTypes[top++] = TOP;
    }
    return top;
  }

  /** The size of the field whose reference is the writer's symbol for reader constant `constantIndex`. */
  private fieldSize(constantIndex: number): number {
    const firstChar = ((this.symbols[constantIndex] as Symbol).value as string).charCodeAt(0);
    return firstChar === 74 /* 'J' */ || firstChar === 68 /* 'D' */ ? 2 : 1;
  }

  /** A store of `type` to local `varIndex` (and TOP in the next for long and double), as Frame.execute. */
  private store(localTypes: Int32Array, varIndex: number, type: number, twoWords: boolean): void {
    localTypes[varIndex] = type;
    if (twoWords) localTypes[varIndex + 1] = TOP;
    if (varIndex > 0) {
      // The value before, if a long or double, loses its second half.
      const previous = localTypes[varIndex - 1]!;
      if (previous === LONG || previous === DOUBLE) localTypes[varIndex - 1] = TOP;
    }
  }

  private addInitialization(type: number): void {
    if (this.initializationCount === initializations.length) initializations = grownInt32(initializations, this.initializationCount + 1);
    initializations[this.initializationCount++] = type;
  }

  // ## The frames written

  /**
   * Writes what computeAllFrames writes once its fix point is reached: the implicit first frame, the
   * frame of each reachable jump target, NOP…ATHROW with its frame in place of each unreachable
   * block (out of the handler ranges); then max_stack and max_locals.
   */
  write(): void {
    const writer = this.writer;
    const symbolTable = this.symbolTable;
    const numLocal = this.maxLocals;
    const newOffsets = this.newOffsets;
    const code = writer.code;
    let maxStack = this.maxStack;
    if (this.straightLine) {
      // No frame is written (MethodWriter's implicit first frame would only be compared with others).
      writer.maxStack = maxStack;
      writer.maxLocals = numLocal;
      return;
    }
    ((writer.firstBasicBlock as Label).frame as Frame).accept(writer);
    for (let k = 0; k < this.blockCount; ++k) {
      const flags = blockFlags[k]!;
      const startOffset = newOffsets[blockStart[k]!]!;
      if ((flags & (JUMP_TARGET | REACHABLE)) === (JUMP_TARGET | REACHABLE)) {
        const input = blockInput[k]!;
        Frame.putInputFrame(writer, startOffset, inputs, input, numLocal, input + numLocal, blockStackSize[k]!);
      }
      if ((flags & REACHABLE) === 0) {
        const hasNext = k + 1 < this.blockCount;
        const nextOffset = hasNext ? newOffsets[blockStart[k + 1]!]! : code.length;
        const endOffset = nextOffset - 1;
        if (endOffset >= startOffset) {
          const data = code.data;
          for (let i = startOffset; i < endOffset; ++i) data[i] = Op.NOP;
          data[endOffset] = Op.ATHROW;
          const frameIndex = writer.visitFrameStart(startOffset, /* numLocal= */ 0, /* numStack= */ 1);
          writer.visitAbstractType(frameIndex, Frame.getAbstractTypeFromInternalName(symbolTable, 'java/lang/Throwable'));
          writer.visitFrameEnd();
          writer.firstHandler = Handler.removeRange(writer.firstHandler, resolvedLabel(startOffset), hasNext ? resolvedLabel(nextOffset) : null);
          maxStack = Math.max(maxStack, 1);
        }
      }
    }
    writer.maxStack = maxStack;
    writer.maxLocals = numLocal;
    writer.returnFrameBuffers();
  }
}

let sortedLabelBuffer = new Int32Array(256);
/** The number of labels sortedLabels left in its result. */
let sortedLabelCount = 0;

/** `labels[0, count)` sorted, without repeats (in a reused buffer; sortedLabelCount of them). */
function sortedLabels(labels: Int32Array, count: number): Int32Array {
  if (sortedLabelBuffer.length < count) sortedLabelBuffer = new Int32Array(2 * count);
  const sorted = sortedLabelBuffer;
  if (count > 32) {
    sorted.set(labels.subarray(0, count));
    sorted.subarray(0, count).sort();
  } else {
    // Insertion sort: most methods have a few labels.
    for (let i = 0; i < count; ++i) {
      const label = labels[i]!;
      let j = i;
      while (j > 0 && sorted[j - 1]! > label) {
        sorted[j] = sorted[j - 1]!;
        --j;
      }
      sorted[j] = label;
    }
  }
  let unique = 0;
  for (let i = 0; i < count; ++i) {
    if (unique === 0 || sorted[unique - 1] !== sorted[i]) sorted[unique++] = sorted[i]!;
  }
  sortedLabelCount = unique;
  return sorted;
}

/** The stack slots of a descriptor's type (see getDescriptorSlots); gives up where MethodWriter would throw. */
function checkedSlots(descriptor: string): number {
  const slots = getDescriptorSlots(descriptor);
  if (slots < 0) throw GIVE_UP;
  return slots;
}

/** checkedSlots of a field or method reference's (or invokedynamic's) descriptor, memoized in the symbol. */
function symbolSlots(symbol: Symbol): number {
  let slots = symbol.descriptorSlots;
  if (slots < 0) slots = symbol.descriptorSlots = checkedSlots(symbol.value as string);
  return slots;
}

function resolvedLabel(bytecodeOffset: number): Label {
  const label = new Label();
  label.bytecodeOffset = bytecodeOffset;
  label.flags |= Label.FLAG_RESOLVED;
  return label;
}
