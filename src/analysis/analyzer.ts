import { Opcodes } from '../asm/opcodes.js';
import { Type } from '../asm/type.js';
import { AbstractInsnNode } from '../tree/abstract-insn-node.js';
import type { IincInsnNode } from '../tree/iinc-insn-node.js';
import type { InsnList } from '../tree/insn-list.js';
import type { JumpInsnNode } from '../tree/jump-insn-node.js';
import type { LabelNode } from '../tree/label-node.js';
import type { LookupSwitchInsnNode } from '../tree/lookup-switch-insn-node.js';
import type { MethodNode } from '../tree/method-node.js';
import type { TableSwitchInsnNode } from '../tree/table-switch-insn-node.js';
import type { TryCatchBlockNode } from '../tree/try-catch-block-node.js';
import type { VarInsnNode } from '../tree/var-insn-node.js';
import { AnalyzerException } from './analyzer-exception.js';
import { Frame } from './frame.js';
import type { Interpreter } from './interpreter.js';
import { Subroutine } from './subroutine.js';
import type { Value } from './value.js';
import { IndexOutOfBoundsException } from '../asm/java-exceptions.js';

const JSR = 168;
const RET = 169;
const GOTO = 167;
const ATHROW = 191;
const IRETURN = 172;
const RETURN = 177;

const THROWABLE_TYPE = Type.getObjectType('java/lang/Throwable');

/**
 * A data flow analyzer of a method's bytecode (ASM's `Analyzer`): it symbolically executes every
 * reachable instruction with an `Interpreter` until the frames reach a fixpoint, and returns the
 * frame before each instruction. Subroutines (JSR/RET, JVMS §4.10.2.5) are handled as ASM does,
 * without fully checking that they are well formed (and, like ASM, leaving the code after a second
 * call of an already analyzed subroutine unreached unless a subclass overrides followsEveryJsrReturn).
 *
 * The semantics are ASM 9.8's: a handler receives the frames both before and after each
 * instruction of its range (ASM 9.4 and before: only the frame before).
 *
 * `analyze` throws `AnalyzerException` with ASM's messages ("Error at instruction N: …"); the
 * exception also carries the owner, method name and descriptor, and the instruction index.
 *
 * Java overloads: `newFrame(numLocals, numStack)` and `newFrame(frame)` are one method; the two
 * `newControlFlowExceptionEdge` overloads are one method `(insnIndex, successorIndex, tryCatchBlock?)`
 * (an override of either Java form ports to it: the handler's index is the second argument, its
 * TryCatchBlockNode the third).
 */
export class Analyzer<V extends Value> {
  /** The interpreter that computes the values of the frames. */
  private readonly interpreter: Interpreter<V>;

  /** The instructions of the method being analyzed. */
  private insnList: InsnList | null;

  /** The number of instructions of `insnList`. */
  private insnListSize: number;

  /** The exception handlers that cover each instruction (null: none). */
  private handlers: (TryCatchBlockNode[] | null)[];

  /** The frame before each instruction (null: not reached). */
  private frames: (Frame<V> | null)[];

  /** The subroutine of each instruction (null: the main code). */
  private subroutines: (Subroutine | null)[];

  /** For each instruction, whether it is in the work list. */
  private inInstructionsToProcess: Uint8Array;

  /** The work list: indexes of the instructions whose frame changed. */
  private instructionsToProcess: Int32Array;

  /** The number of entries of `instructionsToProcess`. */
  private numInstructionsToProcess: number;

  constructor(interpreter: Interpreter<V>) {
    this.interpreter = interpreter;
    this.insnList = null;
    this.insnListSize = 0;
    this.handlers = [];
    this.frames = [];
    this.subroutines = [];
    this.inInstructionsToProcess = new Uint8Array(0);
    this.instructionsToProcess = new Int32Array(0);
    this.numInstructionsToProcess = 0;
  }

  /**
   * Analyzes `method` of class `owner` (an internal name), whose maxStack and maxLocals must be
   * right. Returns the frame before each instruction (labels, line numbers and frames included), null
   * for unreachable instructions; an empty array for abstract and native methods.
   */
  analyze(owner: string, method: MethodNode): (Frame<V> | null)[] {
    try {
      return this.analyzeMethod(owner, method);
    } catch (e) {
      if (e instanceof AnalyzerException) {
        e.owner = owner;
        e.methodName = method.name;
        e.methodDescriptor = method.desc;
        if (e.node !== null && this.insnList !== null) {
          e.insnIndex = this.insnList.indexOf(e.node);
        }
      }
      throw e;
    }
  }

  private analyzeMethod(owner: string, method: MethodNode): (Frame<V> | null)[] {
    if ((method.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) !== 0) {
      this.frames = [];
      return this.frames;
    }
    const insnList = method.instructions;
    this.insnList = insnList;
    const insnListSize = insnList.size();
    this.insnListSize = insnListSize;
    const handlers: (TryCatchBlockNode[] | null)[] = new Array(insnListSize);
    const frames: (Frame<V> | null)[] = new Array(insnListSize);
    const subroutines: (Subroutine | null)[] = new Array(insnListSize);
    for (let i = 0; i < insnListSize; ++i) {
      handlers[i] = null;
      frames[i] = null;
      subroutines[i] = null;
    }
    this.handlers = handlers;
    this.frames = frames;
    this.subroutines = subroutines;
    this.inInstructionsToProcess = new Uint8Array(insnListSize);
    this.instructionsToProcess = new Int32Array(insnListSize);
    this.numInstructionsToProcess = 0;
    const interpreter = this.interpreter;

    // Record, for each instruction in the range of an exception handler, that control can flow
    // from it to the handler (JVMS §4.7.3: start_pc inclusive, end_pc exclusive).
    const tryCatchBlocks = method.tryCatchBlocks ?? [];
    for (let i = 0; i < tryCatchBlocks.length; ++i) {
      const tryCatchBlock = tryCatchBlocks[i]!;
      const startIndex = insnList.indexOf(tryCatchBlock.start);
      const endIndex = insnList.indexOf(tryCatchBlock.end);
      for (let j = startIndex; j < endIndex; ++j) {
        let insnHandlers = handlers[j];
        if (insnHandlers === null || insnHandlers === undefined) {
          insnHandlers = [];
          handlers[j] = insnHandlers;
        }
        insnHandlers.push(tryCatchBlock);
      }
    }

    this.findSubroutines(method.maxLocals);

    let currentFrame: Frame<V>;
    try {
      currentFrame = this.computeInitialFrame(owner, method);
      this.mergeInto(0, currentFrame, null);
      this.init(owner, method);
    } catch (e) {
      // As in ASM, whose catch here takes RuntimeExceptions only: an AnalyzerException (a checked exception in
      // Java), such as those of CheckFrameAnalyzer's init, already says where it was found.
      if (e instanceof AnalyzerException) {
        throw e;
      }
      throw wrap(e, insnListSize > 0 ? insnList.get(0) : null, 0);
    }

    // The data flow analysis: a work list algorithm over the instructions.
    const instructionsToProcess = this.instructionsToProcess;
    const inInstructionsToProcess = this.inInstructionsToProcess;
    while (this.numInstructionsToProcess > 0) {
      const insnIndex = instructionsToProcess[--this.numInstructionsToProcess]!;
      const oldFrame = frames[insnIndex]!;
      let subroutine: Subroutine | null = subroutines[insnIndex] ?? null;
      inInstructionsToProcess[insnIndex] = 0;

      let insnNode: AbstractInsnNode | null = null;
      try {
        insnNode = insnList.get(insnIndex);
        const insnOpcode = insnNode.getOpcode();
        const insnType = insnNode.getType();

        if (insnType === AbstractInsnNode.LABEL || insnType === AbstractInsnNode.LINE || insnType === AbstractInsnNode.FRAME) {
          // Pseudo instructions: the frame flows through unchanged.
          currentFrame.init(oldFrame);
          this.mergeInto(insnIndex + 1, oldFrame, subroutine);
          this.newControlFlowEdge(insnIndex, insnIndex + 1);
        } else {
          currentFrame.init(oldFrame).execute(insnNode, interpreter);
          subroutine = subroutine === null ? null : Subroutine.copyOf(subroutine);

          if (insnType === AbstractInsnNode.JUMP_INSN) {
            const jumpInsn = insnNode as JumpInsnNode;
            if (insnOpcode !== GOTO && insnOpcode !== JSR) {
              currentFrame.initJumpTarget(insnOpcode, null);
              this.mergeInto(insnIndex + 1, currentFrame, subroutine);
              this.newControlFlowEdge(insnIndex, insnIndex + 1);
            }
            const jumpInsnIndex = insnList.indexOf(jumpInsn.label);
            currentFrame.initJumpTarget(insnOpcode, jumpInsn.label);
            if (insnOpcode === JSR) {
              this.mergeInto(jumpInsnIndex, currentFrame, new Subroutine(jumpInsn.label, method.maxLocals, jumpInsn));
              if (this.followsEveryJsrReturn()) this.mergeKnownReturns(insnIndex, jumpInsn.label);
            } else {
              this.mergeInto(jumpInsnIndex, currentFrame, subroutine);
            }
            this.newControlFlowEdge(insnIndex, jumpInsnIndex);
          } else if (insnType === AbstractInsnNode.LOOKUPSWITCH_INSN || insnType === AbstractInsnNode.TABLESWITCH_INSN) {
            const switchInsn = insnNode as LookupSwitchInsnNode | TableSwitchInsnNode;
            let targetInsnIndex = insnList.indexOf(switchInsn.dflt);
            currentFrame.initJumpTarget(insnOpcode, switchInsn.dflt);
            this.mergeInto(targetInsnIndex, currentFrame, subroutine);
            this.newControlFlowEdge(insnIndex, targetInsnIndex);
            const labels = switchInsn.labels;
            for (let i = 0; i < labels.length; ++i) {
              const label = labels[i]!;
              targetInsnIndex = insnList.indexOf(label);
              currentFrame.initJumpTarget(insnOpcode, label);
              this.mergeInto(targetInsnIndex, currentFrame, subroutine);
              this.newControlFlowEdge(insnIndex, targetInsnIndex);
            }
          } else if (insnOpcode === RET) {
            if (subroutine === null) {
              throw new AnalyzerException(insnNode, 'RET instruction outside of a subroutine');
            }
            const callers = subroutine.callers;
            for (let i = 0; i < callers.length; ++i) {
              const caller = callers[i]!;
              const jsrInsnIndex = insnList.indexOf(caller);
              const jsrFrame = frames[jsrInsnIndex];
              if (jsrFrame !== null && jsrFrame !== undefined) {
                this.mergeAfterRet(jsrInsnIndex + 1, jsrFrame, currentFrame, subroutines[jsrInsnIndex]!, subroutine.localsUsed);
                this.newControlFlowEdge(insnIndex, jsrInsnIndex + 1);
              }
            }
          } else if (insnOpcode !== ATHROW && (insnOpcode < IRETURN || insnOpcode > RETURN)) {
            if (subroutine !== null) {
              // Record the locals this subroutine uses: a RET leaves the others as the caller had them.
              if (insnType === AbstractInsnNode.VAR_INSN) {
                const varIndex = (insnNode as VarInsnNode).var;
                subroutine.localsUsed[varIndex] = true;
                if (insnOpcode === Opcodes.LLOAD || insnOpcode === Opcodes.DLOAD || insnOpcode === Opcodes.LSTORE || insnOpcode === Opcodes.DSTORE) {
                  subroutine.localsUsed[varIndex + 1] = true;
                }
              } else if (insnType === AbstractInsnNode.IINC_INSN) {
                subroutine.localsUsed[(insnNode as IincInsnNode).var] = true;
              }
            }
            this.mergeInto(insnIndex + 1, currentFrame, subroutine);
            this.newControlFlowEdge(insnIndex, insnIndex + 1);
          }
        }

        const insnHandlers = handlers[insnIndex];
        if (insnHandlers !== null && insnHandlers !== undefined) {
          for (let i = 0; i < insnHandlers.length; ++i) {
            const tryCatchBlock = insnHandlers[i]!;
            const catchType = tryCatchBlock.type === null ? THROWABLE_TYPE : Type.getObjectType(tryCatchBlock.type);
            const handlerIndex = insnList.indexOf(tryCatchBlock.handler);
            if (this.newControlFlowExceptionEdge(insnIndex, handlerIndex, tryCatchBlock)) {
              // The handler can be reached with the locals of before or of after this instruction
              // (JVMS §4.10.1.6), with a stack holding only the exception.
              let handler = this.newFrame(oldFrame);
              handler.clearStack();
              const exceptionValue = interpreter.newExceptionValue(tryCatchBlock, handler, catchType);
              handler.push(exceptionValue);
              this.mergeInto(handlerIndex, handler, subroutine);
              handler = this.newFrame(currentFrame);
              handler.clearStack();
              handler.push(exceptionValue);
              this.mergeInto(handlerIndex, handler, subroutine);
            }
          }
        }
      } catch (e) {
        throw wrap(e, insnNode, insnIndex);
      }
    }
    return frames;
  }

  /**
   * Analyzes `method` after setting its maxLocals from its instructions, and then its maxStack
   * from the computed frames. Returns the frames as `analyze` does.
   */
  analyzeAndComputeMaxs(owner: string, method: MethodNode): (Frame<V> | null)[] {
    method.maxLocals = computeMaxLocals(method);
    method.maxStack = -1;
    this.analyze(owner, method);
    method.maxStack = computeMaxStack(this.frames);
    return this.frames;
  }

  /**
   * Finds the subroutine of each instruction: the main code first, then the code of each JSR
   * target, collecting nested JSR targets along the way.
   */
  private findSubroutines(maxLocals: number): void {
    const main = new Subroutine(null, maxLocals, null);
    const jsrInsns: JumpInsnNode[] = [];
    this.findSubroutine(0, main, jsrInsns);
    const jsrSubroutines = new Map<LabelNode, Subroutine>();
    for (let next = 0; next < jsrInsns.length; ++next) {
      const jsrInsn = jsrInsns[next]!;
      let subroutine = jsrSubroutines.get(jsrInsn.label);
      if (subroutine === undefined) {
        subroutine = new Subroutine(jsrInsn.label, maxLocals, jsrInsn);
        jsrSubroutines.set(jsrInsn.label, subroutine);
        this.findSubroutine(this.insnList!.indexOf(jsrInsn.label), subroutine, jsrInsns);
      } else {
        subroutine.callers.push(jsrInsn);
      }
    }
    // The main code is not a subroutine: it only served to find the real ones.
    const subroutines = this.subroutines;
    for (let i = 0; i < this.insnListSize; ++i) {
      const subroutine = subroutines[i];
      if (subroutine !== null && subroutine !== undefined && subroutine.start === null) {
        subroutines[i] = null;
      }
    }
  }

  /**
   * Marks every instruction reachable from `insnIndex` without following JSRs as belonging to
   * (a copy of) `subroutine`; the JSRs found go to `jsrInsns`. Throws when control can fall off the
   * end of the code (JVMS §4.9.2).
   */
  private findSubroutine(insnIndex: number, subroutine: Subroutine, jsrInsns: JumpInsnNode[]): void {
    const insnList = this.insnList!;
    const insnListSize = this.insnListSize;
    const subroutines = this.subroutines;
    const handlers = this.handlers;
    const instructionIndicesToProcess: number[] = [insnIndex];
    while (instructionIndicesToProcess.length > 0) {
      const currentInsnIndex = instructionIndicesToProcess.pop()!;
      if (currentInsnIndex < 0 || currentInsnIndex >= insnListSize) {
        throw new AnalyzerException(null, 'Execution can fall off the end of the code');
      }
      if (subroutines[currentInsnIndex] !== null && subroutines[currentInsnIndex] !== undefined) {
        continue;
      }
      subroutines[currentInsnIndex] = Subroutine.copyOf(subroutine);
      const currentInsn = insnList.get(currentInsnIndex);
      const type = currentInsn.getType();
      const opcode = currentInsn.getOpcode();

      if (type === AbstractInsnNode.JUMP_INSN) {
        if (opcode === JSR) {
          // A JSR leads to another subroutine: do not follow it.
          jsrInsns.push(currentInsn as JumpInsnNode);
        } else {
          instructionIndicesToProcess.push(insnList.indexOf((currentInsn as JumpInsnNode).label));
        }
      } else if (type === AbstractInsnNode.TABLESWITCH_INSN || type === AbstractInsnNode.LOOKUPSWITCH_INSN) {
        const switchInsn = currentInsn as TableSwitchInsnNode | LookupSwitchInsnNode;
        this.findSubroutine(insnList.indexOf(switchInsn.dflt), subroutine, jsrInsns);
        for (let i = switchInsn.labels.length - 1; i >= 0; --i) {
          instructionIndicesToProcess.push(insnList.indexOf(switchInsn.labels[i]!));
        }
      }

      const insnHandlers = handlers[currentInsnIndex];
      if (insnHandlers !== null && insnHandlers !== undefined) {
        for (let i = 0; i < insnHandlers.length; ++i) {
          instructionIndicesToProcess.push(insnList.indexOf(insnHandlers[i]!.handler));
        }
      }

      switch (opcode) {
        case GOTO:
        case RET:
        case 170: // TABLESWITCH
        case 171: // LOOKUPSWITCH
        case 172: // IRETURN
        case 173: // LRETURN
        case 174: // FRETURN
        case 175: // DRETURN
        case 176: // ARETURN
        case RETURN:
        case ATHROW:
          break;
        default:
          if (currentInsnIndex + 1 >= insnListSize) {
            // Beyond ASM, name the instruction that falls off the end.
            throw new AnalyzerException(currentInsn, 'Execution can fall off the end of the code');
          }
          instructionIndicesToProcess.push(currentInsnIndex + 1);
          break;
      }
    }
  }

  /** The frame at the method's entry: `this`, the parameters, then empty locals (JVMS §2.6.1). */
  private computeInitialFrame(owner: string, method: MethodNode): Frame<V> {
    const interpreter = this.interpreter;
    const frame = this.newFrame(method.maxLocals, method.maxStack);
    let currentLocal = 0;
    const isInstanceMethod = (method.access & Opcodes.ACC_STATIC) === 0;
    if (isInstanceMethod) {
      const ownerType = Type.getObjectType(owner);
      frame.setLocal(currentLocal, interpreter.newParameterValue(isInstanceMethod, currentLocal, ownerType));
      currentLocal++;
    }
    const argumentTypes = Type.getArgumentTypes(method.desc);
    for (let i = 0; i < argumentTypes.length; ++i) {
      const argumentType = argumentTypes[i]!;
      frame.setLocal(currentLocal, interpreter.newParameterValue(isInstanceMethod, currentLocal, argumentType));
      currentLocal++;
      if (argumentType.getSize() === 2) {
        frame.setLocal(currentLocal, interpreter.newEmptyValue(currentLocal));
        currentLocal++;
      }
    }
    while (currentLocal < method.maxLocals) {
      frame.setLocal(currentLocal, interpreter.newEmptyValue(currentLocal));
      currentLocal++;
    }
    frame.setReturn(interpreter.newReturnTypeValue(Type.getReturnType(method.desc)));
    return frame;
  }

  /**
   * The frames of the last analyzed method, one per instruction (null: unreachable, or not reached
   * before an error stopped the analysis).
   */
  getFrames(): (Frame<V> | null)[] {
    return this.frames;
  }

  /** The exception handlers that cover instruction `insnIndex` of the last analyzed method (null: none). */
  getHandlers(insnIndex: number): TryCatchBlockNode[] | null {
    return this.handlers[insnIndex] ?? null;
  }

  /** Called just before the data flow analysis of `method` starts. Does nothing by default. */
  protected init(owner: string, method: MethodNode): void {
    // Nothing to do by default.
  }

  /** A new frame: `newFrame(numLocals, numStack)` (numStack -1: unbounded) or a copy, `newFrame(frame)`. */
  protected newFrame(frame: Frame<V>): Frame<V>;
  protected newFrame(numLocals: number, numStack: number): Frame<V>;
  protected newFrame(numLocalsOrFrame: number | Frame<V>, numStack?: number): Frame<V> {
    if (typeof numLocalsOrFrame === 'number') {
      return new Frame<V>(numLocalsOrFrame, numStack as number);
    }
    return new Frame<V>(numLocalsOrFrame);
  }

  /**
   * Called for each control flow edge from instruction `insnIndex` to `successorIndex` (override it
   * to build a control flow graph). Does nothing by default.
   */
  protected newControlFlowEdge(insnIndex: number, successorIndex: number): void {
    // Nothing to do by default.
  }

  /**
   * Called for each exception edge from instruction `insnIndex` to the handler at `successorIndex`
   * (`tryCatchBlock`: its TryCatchBlockNode). Returns whether the analysis follows the edge: true by
   * default.
   */
  protected newControlFlowExceptionEdge(insnIndex: number, successorIndex: number, tryCatchBlock?: TryCatchBlockNode): boolean {
    return true;
  }

  /**
   * Beyond ASM: whether a JSR whose subroutine's RET was analyzed before this JSR was reached also
   * gets that RET's frame after it. ASM (and so this Analyzer by default) only follows a RET to the
   * JSRs reached when the RET is analyzed; a subroutine called twice with the same frame is not
   * analyzed again, so the code after its second call is never reached (null frames). HotSpot's
   * inference verifier checks that code; InferenceAnalyzer turns this on.
   */
  protected followsEveryJsrReturn(): boolean {
    return false;
  }

  /** Merges the frame of every analyzed RET of the subroutine at `start` into the instruction after the JSR at `jsrInsnIndex`. */
  private mergeKnownReturns(jsrInsnIndex: number, start: LabelNode): void {
    const frames = this.frames;
    const frameBeforeJsr = frames[jsrInsnIndex];
    if (frameBeforeJsr === null || frameBeforeJsr === undefined) return;
    const insns = this.insnList!;
    for (let i = 0; i < this.insnListSize; ++i) {
      const retFrame = frames[i];
      const retSubroutine = this.subroutines[i];
      if (retFrame === null || retFrame === undefined || retSubroutine === null || retSubroutine === undefined) continue;
      if (retSubroutine.start !== start || insns.get(i).getOpcode() !== RET) continue;
      // A RET does not change its frame: the frame before it is the frame after it.
      this.mergeAfterRet(jsrInsnIndex + 1, frameBeforeJsr, this.newFrame(retFrame), this.subroutines[jsrInsnIndex] ?? null, retSubroutine.localsUsed);
      this.newControlFlowEdge(i, jsrInsnIndex + 1);
    }
  }

  /**
   * Merges `frame` and `subroutine` into those of instruction `insnIndex`, and queues the
   * instruction when they change.
   */
  private mergeInto(insnIndex: number, frame: Frame<V>, subroutine: Subroutine | null): void {
    const frames = this.frames;
    if (insnIndex < 0 || insnIndex >= this.insnListSize) {
      throw new IndexOutOfBoundsException(`Index ${insnIndex} out of bounds for length ${this.insnListSize}`);
    }
    let changed: boolean;
    const oldFrame = frames[insnIndex];
    if (oldFrame === null || oldFrame === undefined) {
      frames[insnIndex] = this.newFrame(frame);
      changed = true;
    } else {
      changed = oldFrame.merge(frame, this.interpreter);
    }
    const oldSubroutine = this.subroutines[insnIndex];
    if (oldSubroutine === null || oldSubroutine === undefined) {
      if (subroutine !== null) {
        this.subroutines[insnIndex] = Subroutine.copyOf(subroutine);
        changed = true;
      }
    } else if (subroutine !== null) {
      changed = oldSubroutine.merge(subroutine) || changed;
    }
    if (changed && this.inInstructionsToProcess[insnIndex] === 0) {
      this.inInstructionsToProcess[insnIndex] = 1;
      this.instructionsToProcess[this.numInstructionsToProcess++] = insnIndex;
    }
  }

  /**
   * The RET case of `mergeInto`: the instruction after a JSR gets the frame after the RET, with
   * the locals the subroutine did not use taken from the frame before the JSR.
   */
  private mergeAfterRet(
    insnIndex: number,
    frameBeforeJsr: Frame<V>,
    frameAfterRet: Frame<V>,
    subroutineBeforeJsr: Subroutine | null,
    localsUsed: boolean[],
  ): void {
    frameAfterRet.merge(frameBeforeJsr, localsUsed);
    if (insnIndex < 0 || insnIndex >= this.insnListSize) {
      throw new IndexOutOfBoundsException(`Index ${insnIndex} out of bounds for length ${this.insnListSize}`);
    }
    let changed: boolean;
    const oldFrame = this.frames[insnIndex];
    if (oldFrame === null || oldFrame === undefined) {
      this.frames[insnIndex] = this.newFrame(frameAfterRet);
      changed = true;
    } else {
      changed = oldFrame.merge(frameAfterRet, this.interpreter);
    }
    const oldSubroutine = this.subroutines[insnIndex];
    if (oldSubroutine !== null && oldSubroutine !== undefined && subroutineBeforeJsr !== null) {
      changed = oldSubroutine.merge(subroutineBeforeJsr) || changed;
    }
    if (changed && this.inInstructionsToProcess[insnIndex] === 0) {
      this.inInstructionsToProcess[insnIndex] = 1;
      this.instructionsToProcess[this.numInstructionsToProcess++] = insnIndex;
    }
  }
}

/** ASM's "Error at instruction N: …" wrapping of any error thrown while analyzing instruction N. */
function wrap(e: unknown, insnNode: AbstractInsnNode | null, insnIndex: number): AnalyzerException {
  const node = e instanceof AnalyzerException ? e.node : insnNode;
  const message = e instanceof Error ? e.message : String(e);
  const wrapped = new AnalyzerException(node, 'Error at instruction ' + insnIndex + ': ' + message, e);
  wrapped.insnIndex = insnIndex;
  return wrapped;
}

/** The number of local variable slots `method` uses: its parameters and every xLOAD/xSTORE/IINC. */
function computeMaxLocals(method: MethodNode): number {
  let maxLocals = Type.getArgumentsAndReturnSizes(method.desc) >> 2;
  if ((method.access & Opcodes.ACC_STATIC) !== 0) {
    maxLocals -= 1;
  }
  for (let insnNode = method.instructions.getFirst(); insnNode !== null; insnNode = insnNode.getNext()) {
    const type = insnNode.getType();
    if (type === AbstractInsnNode.VAR_INSN) {
      const opcode = insnNode.getOpcode();
      const size = opcode === Opcodes.LLOAD || opcode === Opcodes.DLOAD || opcode === Opcodes.LSTORE || opcode === Opcodes.DSTORE ? 2 : 1;
      maxLocals = Math.max(maxLocals, (insnNode as VarInsnNode).var + size);
    } else if (type === AbstractInsnNode.IINC_INSN) {
      maxLocals = Math.max(maxLocals, (insnNode as IincInsnNode).var + 1);
    }
  }
  return maxLocals;
}

/** The largest operand stack, in slots, of the given frames (a long or double takes two). */
function computeMaxStack(frames: readonly (Frame<Value> | null)[]): number {
  let maxStack = 0;
  for (let f = 0; f < frames.length; ++f) {
    const frame = frames[f];
    if (frame !== null && frame !== undefined) {
      let stackSize = 0;
      for (let i = 0; i < frame.getStackSize(); ++i) {
        stackSize += frame.getStack(i).getSize();
      }
      maxStack = Math.max(maxStack, stackSize);
    }
  }
  return maxStack;
}
