// # CheckFrameAnalyzer: checks a method's stack map frames against its code (JVMS §4.10.1)
//
// An Analyzer whose init step does what the type-checking verifier does with a StackMapTable:
// 1. the FrameNodes are expanded (APPEND, CHOP, SAME… become full frames of interpreter values)
//    and stored at their instruction index, and at the labels and line numbers just before them;
// 2. the instructions are simulated in order from the implicit first frame: a frame must exist at
//    every jump, switch and handler target and after every instruction that does not fall through
//    (goto, return, athrow, switches), and each frame that flows into an existing frame must merge
//    into it without changing it (its types are subtypes of the declared ones).
// The normal Analyzer data flow then runs over the frames filled in. JSR and RET are rejected:
// they cannot appear in classes that need frames (JVMS §4.9.1).

import { Analyzer } from '../analysis/analyzer.js';
import { AnalyzerException } from '../analysis/analyzer-exception.js';
import type { Frame } from '../analysis/frame.js';
import type { Interpreter } from '../analysis/interpreter.js';
import type { Value } from '../analysis/value.js';
import { Opcodes } from '../asm/opcodes.js';
import { Type } from '../asm/type.js';
import { AbstractInsnNode } from '../tree/abstract-insn-node.js';
import { FrameNode, type FrameNodeElement } from '../tree/frame-node.js';
import type { InsnList } from '../tree/insn-list.js';
import { InsnNode } from '../tree/insn-node.js';
import { JumpInsnNode } from '../tree/jump-insn-node.js';
import { LabelNode } from '../tree/label-node.js';
import { LookupSwitchInsnNode } from '../tree/lookup-switch-insn-node.js';
import type { MethodNode } from '../tree/method-node.js';
import { TableSwitchInsnNode } from '../tree/table-switch-insn-node.js';
import type { TypeInsnNode } from '../tree/type-insn-node.js';

/**
 * An Analyzer that also checks that the method's FrameNodes are present where the JVM requires
 * them and agree with the code, for the given interpreter (a BasicVerifier has a simpler type
 * system than the JVM's, so frames it accepts may still be rejected by HotSpot).
 */
export class CheckFrameAnalyzer<V extends Value> extends Analyzer<V> {
  /** The interpreter that simulates the instructions. */
  private readonly checkInterpreter: Interpreter<V>;
  /** The instructions of the method being analysed. */
  private methodInsns: InsnList | null;
  /** The number of locals in the last expanded frame, long and double counting for two. */
  private currentLocals: number;

  constructor(interpreter: Interpreter<V>) {
    super(interpreter);
    this.checkInterpreter = interpreter;
    this.methodInsns = null;
    this.currentLocals = 0;
  }

  protected override init(owner: string, method: MethodNode): void {
    const insnList = method.instructions;
    this.methodInsns = insnList;
    const interpreter = this.checkInterpreter;
    // The implicit first frame holds the parameters (JVMS §4.10.1.6), `this` included.
    this.currentLocals = Type.getArgumentsAndReturnSizes(method.desc) >> 2;
    if ((method.access & Opcodes.ACC_STATIC) !== 0) {
      this.currentLocals -= 1;
    }
    const frames = this.getFrames();
    const currentFrame = this.newFrame(frames[0]!);
    this.expandFrames(owner, method, currentFrame);
    const size = insnList.size();
    for (let insnIndex = 0; insnIndex < size; ++insnIndex) {
      const oldFrame = frames[insnIndex]!;
      let insnNode: AbstractInsnNode | null = null;
      try {
        insnNode = insnList.get(insnIndex);
        const insnOpcode = insnNode.getOpcode();
        const insnType = insnNode.getType();
        if (insnType === AbstractInsnNode.LABEL || insnType === AbstractInsnNode.LINE || insnType === AbstractInsnNode.FRAME) {
          this.checkFrame(insnIndex + 1, oldFrame, false);
        } else {
          currentFrame.init(oldFrame).execute(insnNode, interpreter);
          if (insnNode instanceof JumpInsnNode) {
            if (insnOpcode === Opcodes.JSR) {
              throw new AnalyzerException(insnNode, 'JSR instructions are unsupported');
            }
            this.checkFrame(insnList.indexOf(insnNode.label), currentFrame, true);
            if (insnOpcode === Opcodes.GOTO) {
              this.endControlFlow(insnIndex);
            } else {
              this.checkFrame(insnIndex + 1, currentFrame, false);
            }
          } else if (insnNode instanceof LookupSwitchInsnNode) {
            this.checkFrame(insnList.indexOf(insnNode.dflt), currentFrame, true);
            for (const label of insnNode.labels) {
              currentFrame.initJumpTarget(insnOpcode, label);
              this.checkFrame(insnList.indexOf(label), currentFrame, true);
            }
            this.endControlFlow(insnIndex);
          } else if (insnNode instanceof TableSwitchInsnNode) {
            currentFrame.initJumpTarget(insnOpcode, insnNode.dflt);
            const defaultIndex = insnList.indexOf(insnNode.dflt);
            this.checkFrame(defaultIndex, currentFrame, true);
            this.newControlFlowEdge(insnIndex, defaultIndex);
            for (const label of insnNode.labels) {
              currentFrame.initJumpTarget(insnOpcode, label);
              this.checkFrame(insnList.indexOf(label), currentFrame, true);
            }
            this.endControlFlow(insnIndex);
          } else if (insnOpcode === Opcodes.RET) {
            throw new AnalyzerException(insnNode, 'RET instructions are unsupported');
          } else if (insnOpcode !== Opcodes.ATHROW && (insnOpcode < Opcodes.IRETURN || insnOpcode > Opcodes.RETURN)) {
            this.checkFrame(insnIndex + 1, currentFrame, false);
          } else {
            this.endControlFlow(insnIndex);
          }
        }
        // Each handler covering this instruction must have a frame that accepts the locals here
        // with the caught exception on the stack (JVMS §4.10.1.6, handlers are jump targets).
        const insnHandlers = this.getHandlers(insnIndex);
        if (insnHandlers !== null) {
          for (const tryCatchBlock of insnHandlers) {
            const catchType = Type.getObjectType(tryCatchBlock.type ?? 'java/lang/Throwable');
            const handler = this.newFrame(oldFrame);
            handler.clearStack();
            handler.push(interpreter.newExceptionValue(tryCatchBlock, handler, catchType));
            this.checkFrame(insnList.indexOf(tryCatchBlock.handler), handler, true);
          }
        }
        if (!this.hasNextJvmInsnOrFrame(insnIndex)) {
          break;
        }
      } catch (error) {
        const node = error instanceof AnalyzerException ? error.node : insnNode;
        const message = error instanceof Error ? error.message : String(error);
        throw new AnalyzerException(node, `Error at instruction ${insnIndex}: ${message}`, error);
      }
    }
  }

  /**
   * Stores the expanded form of each FrameNode at its index, and at the labels, line numbers and
   * frames right before it (everything since the previous instruction).
   */
  private expandFrames(owner: string, method: MethodNode, initialFrame: Frame<V>): void {
    const frames = this.getFrames();
    let lastJvmOrFrameInsnIndex = -1;
    let currentFrame = initialFrame;
    let currentInsnIndex = 0;
    for (let insnNode = method.instructions.getFirst(); insnNode !== null; insnNode = insnNode.getNext()) {
      if (insnNode instanceof FrameNode) {
        try {
          currentFrame = this.expandFrame(owner, currentFrame, insnNode);
        } catch (error) {
          const node = error instanceof AnalyzerException ? error.node : insnNode;
          const message = error instanceof Error ? error.message : String(error);
          throw new AnalyzerException(node, `Error at instruction ${currentInsnIndex}: ${message}`, error);
        }
        for (let index = lastJvmOrFrameInsnIndex + 1; index <= currentInsnIndex; ++index) {
          frames[index] = currentFrame;
        }
      }
      if (isJvmInsnNode(insnNode) || insnNode instanceof FrameNode) {
        lastJvmOrFrameInsnIndex = currentInsnIndex;
      }
      currentInsnIndex += 1;
    }
  }

  /** The full frame that `frameNode` describes, relative to `previousFrame` (JVMS §4.7.4). */
  private expandFrame(owner: string, previousFrame: Frame<V>, frameNode: FrameNode): Frame<V> {
    const interpreter = this.checkInterpreter;
    const frame = this.newFrame(previousFrame);
    const locals = frameNode.local ?? [];
    let currentLocal = this.currentLocals;
    switch (frameNode.type) {
      case Opcodes.F_NEW:
      case Opcodes.F_FULL:
      case Opcodes.F_APPEND:
        if (frameNode.type !== Opcodes.F_APPEND) {
          currentLocal = 0;
        }
        for (const type of locals) {
          const value = this.newFrameValue(owner, frameNode, type);
          if (currentLocal + value.getSize() > frame.getLocals()) {
            throw new AnalyzerException(frameNode, 'Cannot append more locals than maxLocals');
          }
          frame.setLocal(currentLocal++, value);
          if (value.getSize() === 2) {
            frame.setLocal(currentLocal++, interpreter.newValue(null)!);
          }
        }
        break;
      case Opcodes.F_CHOP:
        for (let i = 0; i < locals.length; ++i) {
          if (currentLocal <= 0) {
            throw new AnalyzerException(frameNode, 'Cannot chop more locals than defined');
          }
          if (currentLocal > 1 && frame.getLocal(currentLocal - 2).getSize() === 2) {
            currentLocal -= 2;
          } else {
            currentLocal -= 1;
          }
        }
        break;
      case Opcodes.F_SAME:
      case Opcodes.F_SAME1:
        break;
      default:
        throw new AnalyzerException(frameNode, `Illegal frame type ${frameNode.type}`);
    }
    this.currentLocals = currentLocal;
    while (currentLocal < frame.getLocals()) {
      frame.setLocal(currentLocal++, interpreter.newValue(null)!);
    }
    frame.clearStack();
    for (const type of frameNode.stack ?? []) {
      frame.push(this.newFrameValue(owner, frameNode, type));
    }
    return frame;
  }

  /** The interpreter value of a verification_type_info (JVMS §4.7.4). */
  private newFrameValue(owner: string, frameNode: FrameNode, type: FrameNodeElement): V {
    const interpreter = this.checkInterpreter;
    switch (type) {
      case Opcodes.TOP:
        return interpreter.newValue(null)!;
      case Opcodes.INTEGER:
        return interpreter.newValue(Type.INT_TYPE)!;
      case Opcodes.FLOAT:
        return interpreter.newValue(Type.FLOAT_TYPE)!;
      case Opcodes.LONG:
        return interpreter.newValue(Type.LONG_TYPE)!;
      case Opcodes.DOUBLE:
        return interpreter.newValue(Type.DOUBLE_TYPE)!;
      case Opcodes.NULL:
        return interpreter.newOperation(new InsnNode(Opcodes.ACONST_NULL));
      case Opcodes.UNINITIALIZED_THIS:
        return interpreter.newValue(Type.getObjectType(owner))!;
      default:
        break;
    }
    if (typeof type === 'string') {
      return interpreter.newValue(Type.getObjectType(type))!;
    }
    if (type instanceof LabelNode) {
      // Uninitialized(offset): the label must designate a NEW instruction.
      let referencedNode: AbstractInsnNode | null = type;
      while (referencedNode !== null && !isJvmInsnNode(referencedNode)) {
        referencedNode = referencedNode.getNext();
      }
      if (referencedNode === null || referencedNode.getOpcode() !== Opcodes.NEW) {
        throw new AnalyzerException(frameNode, 'LabelNode does not designate a NEW instruction');
      }
      return interpreter.newValue(Type.getObjectType((referencedNode as TypeInsnNode).desc))!;
    }
    throw new AnalyzerException(frameNode, `Illegal stack map frame value ${String(type)}`);
  }

  /**
   * Checks `frame` against the frame at insnIndex: it must exist when `requireFrame`, and merging
   * `frame` into it must not change it; a missing frame that is not required is set to `frame`.
   */
  private checkFrame(insnIndex: number, frame: Frame<V>, requireFrame: boolean): void {
    const frames = this.getFrames();
    const oldFrame = frames[insnIndex] ?? null;
    if (oldFrame === null) {
      if (requireFrame) {
        throw new AnalyzerException(null, `Expected stack map frame at instruction ${insnIndex}`);
      }
      frames[insnIndex] = this.newFrame(frame);
      return;
    }
    const error = this.checkMerge(frame, oldFrame);
    if (error !== null) {
      throw new AnalyzerException(null, `Stack map frame incompatible with frame at instruction ${insnIndex} (${error})`);
    }
  }

  /** Why `srcFrame` does not merge into `dstFrame` unchanged, or null when it does. */
  private checkMerge(srcFrame: Frame<V>, dstFrame: Frame<V>): string | null {
    const interpreter = this.checkInterpreter;
    const numLocals = srcFrame.getLocals();
    if (numLocals !== dstFrame.getLocals()) {
      throw new Error(`CheckFrameAnalyzer: frames of ${numLocals} and ${dstFrame.getLocals()} locals`);
    }
    for (let i = 0; i < numLocals; ++i) {
      const value = interpreter.merge(srcFrame.getLocal(i), dstFrame.getLocal(i));
      if (!value.equals(dstFrame.getLocal(i))) {
        return `incompatible types at local ${i}: ${String(srcFrame.getLocal(i))} and ${String(dstFrame.getLocal(i))}`;
      }
    }
    const numStack = srcFrame.getStackSize();
    if (numStack !== dstFrame.getStackSize()) {
      return 'incompatible stack heights';
    }
    for (let i = 0; i < numStack; ++i) {
      const value = interpreter.merge(srcFrame.getStack(i), dstFrame.getStack(i));
      if (!value.equals(dstFrame.getStack(i))) {
        return `incompatible types at stack item ${i}: ${String(srcFrame.getStack(i))} and ${String(dstFrame.getStack(i))}`;
      }
    }
    return null;
  }

  /** After an instruction that does not fall through, the next instruction needs a frame. */
  private endControlFlow(insnIndex: number): void {
    if (this.hasNextJvmInsnOrFrame(insnIndex) && (this.getFrames()[insnIndex + 1] ?? null) === null) {
      throw new AnalyzerException(null, `Expected stack map frame at instruction ${insnIndex + 1}`);
    }
  }

  /** Whether a real instruction or a frame follows instruction insnIndex. */
  private hasNextJvmInsnOrFrame(insnIndex: number): boolean {
    let insn = this.methodInsns!.get(insnIndex).getNext();
    while (insn !== null) {
      if (isJvmInsnNode(insn) || insn instanceof FrameNode) {
        return true;
      }
      insn = insn.getNext();
    }
    return false;
  }
}

/** Whether the node is a real instruction (labels, line numbers and frames have opcode -1). */
function isJvmInsnNode(insnNode: AbstractInsnNode): boolean {
  return insnNode.getOpcode() >= 0;
}
