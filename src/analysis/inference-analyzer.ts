// # The Analyzer of HotSpot's inference verification: frames that track object initialization
//
// With an InferenceVerifier, NEW pushes an UninitializedValue and a constructor's `this` starts as
// one. Its frames (JVMS §4.10.2.4):
// - after `invokespecial <init>` on an uninitialized object, replace every copy of it, in the
//   locals and on the stack, by the initialized object (the value the verifier returned for it);
// - remember whether `this` has been initialized, on every path (merged with "and"), and reject a
//   constructor's `return` before that, as HotSpot does ("Constructor must call super() or this()");
// - reject a NEW while the object of its previous execution is uninitialized on the stack, and make
//   that object's copies in the locals unusable (check_code.c, "Uninitialized object on stack at
//   creating point");
// - check that RET reads a return address (ASM's frames do not look);
// - count the operand stack in words (longs and doubles take two, JVMS §2.6.2) against max_stack:
//   ASM's frames count values, so a method whose stack of longs overflows would pass.

import { Type } from '../asm/type.js';
import type { AbstractInsnNode } from '../tree/abstract-insn-node.js';
import type { MethodInsnNode } from '../tree/method-insn-node.js';
import type { VarInsnNode } from '../tree/var-insn-node.js';
import { Analyzer } from './analyzer.js';
import { AnalyzerException } from './analyzer-exception.js';
import { BasicValue } from './basic-value.js';
import { Frame } from './frame.js';
import type { InferenceVerifier } from './inference-verifier.js';
import type { Interpreter } from './interpreter.js';
import { UninitializedValue } from './uninitialized-value.js';

const INVOKESPECIAL = 183;
const RETURN = 177;
const NEW = 187;
const RET = 169;

/** A frame that follows object initialization and counts its stack in words (see the top of this file). */
class InferenceFrame extends Frame<BasicValue> {
  /** Whether `this` is initialized on every path to this frame (always true outside constructors). */
  thisInitialized!: boolean;
  private readonly isConstructor: boolean;

  constructor(isConstructor: boolean, numLocalsOrFrame: number | Frame<BasicValue>, maxStack?: number) {
    if (typeof numLocalsOrFrame === 'number') super(numLocalsOrFrame, maxStack!);
    else super(numLocalsOrFrame);
    this.isConstructor = isConstructor;
    this.thisInitialized = numLocalsOrFrame instanceof InferenceFrame ? numLocalsOrFrame.thisInitialized : !isConstructor;
  }

  override init(frame: Frame<BasicValue>): this {
    super.init(frame);
    if (frame instanceof InferenceFrame) this.thisInitialized = frame.thisInitialized;
    return this;
  }

  override merge(frame: Frame<BasicValue>, interpreterOrLocalsUsed: Interpreter<BasicValue> | readonly boolean[]): boolean {
    let changed = super.merge(frame, interpreterOrLocalsUsed as Interpreter<BasicValue>);
    if (frame instanceof InferenceFrame && this.thisInitialized && !frame.thisInitialized) {
      this.thisInitialized = false;
      changed = true;
    }
    return changed;
  }

  override execute(insn: AbstractInsnNode, interpreter: Interpreter<BasicValue>): void {
    this.executeInstruction(insn, interpreter);
    let words = 0;
    for (let i = 0, n = this.getStackSize(); i < n; i++) words += this.getStack(i).getSize();
    if (words > this.getMaxStackSize()) {
      throw new AnalyzerException(insn, `Operand stack overflow: ${words} words, max_stack ${this.getMaxStackSize()}`);
    }
  }

  private executeInstruction(insn: AbstractInsnNode, interpreter: Interpreter<BasicValue>): void {
    const opcode = insn.getOpcode();
    if (opcode === RETURN && this.isConstructor && !this.thisInitialized) {
      throw new AnalyzerException(insn, 'Constructor must call super() or this() before return');
    }
    if (opcode === RET) {
      // ASM's frames let RET read anything: the Analyzer finds subroutines from the code's shape.
      const local = (insn as VarInsnNode).var;
      const value = local < this.getLocals() ? this.getLocal(local) : null;
      if (value === null || !BasicValue.RETURNADDRESS_VALUE.equals(value)) {
        throw new AnalyzerException(insn, `Accessing value from uninitialized register ${local}: ret needs a return address`, BasicValue.RETURNADDRESS_VALUE, value);
      }
    }
    if (opcode === NEW) {
      for (let i = 0, n = this.getStackSize(); i < n; i++) {
        const value = this.getStack(i);
        if (value instanceof UninitializedValue && value.newInsn === insn) {
          throw new AnalyzerException(insn, 'Uninitialized object on stack at creating point');
        }
      }
      super.execute(insn, interpreter);
      for (let i = 0, n = this.getLocals(); i < n; i++) {
        const value = this.getLocal(i);
        if (value instanceof UninitializedValue && value.newInsn === insn) this.setLocal(i, interpreter.newValue(null)!);
      }
      return;
    }
    if (opcode !== INVOKESPECIAL || (insn as MethodInsnNode).name !== '<init>') {
      super.execute(insn, interpreter);
      return;
    }
    const receiverSlot = this.getStackSize() - Type.getArgumentCount((insn as MethodInsnNode).desc) - 1;
    const receiver = receiverSlot >= 0 ? this.getStack(receiverSlot) : null;
    super.execute(insn, interpreter);
    if (!(receiver instanceof UninitializedValue)) return;
    // The object's own class: for `this`, the class being verified (the owner may be its super class).
    const initialized = interpreter.newValue(receiver.getType())!;
    for (let i = 0, n = this.getLocals(); i < n; i++) {
      if (receiver.equals(this.getLocal(i))) this.setLocal(i, initialized);
    }
    for (let i = 0, n = this.getStackSize(); i < n; i++) {
      if (receiver.equals(this.getStack(i))) this.setStack(i, initialized);
    }
    if (receiver.isUninitializedThis()) this.thisInitialized = true;
  }
}

/** An Analyzer whose frames follow object initialization, for an InferenceVerifier. */
export class InferenceAnalyzer extends Analyzer<BasicValue> {
  private readonly isConstructor: boolean;

  constructor(verifier: InferenceVerifier) {
    super(verifier);
    this.isConstructor = verifier.isConstructor;
  }

  /** HotSpot checks the code after every JSR, also after a second call of an analyzed subroutine. */
  protected override followsEveryJsrReturn(): boolean {
    return true;
  }

  protected override newFrame(frame: Frame<BasicValue>): Frame<BasicValue>;
  protected override newFrame(numLocals: number, numStack: number): Frame<BasicValue>;
  protected override newFrame(numLocalsOrFrame: number | Frame<BasicValue>, numStack?: number): Frame<BasicValue> {
    return new InferenceFrame(this.isConstructor, numLocalsOrFrame, numStack);
  }
}
