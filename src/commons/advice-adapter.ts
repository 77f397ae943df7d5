// A GeneratorAdapter with hooks to insert code at method entry and before each exit. In a
// constructor the entry hook runs after the superclass (or this) constructor call, found by
// tracking which stack and local slots hold the uninitialized `this`.

import type { ConstantValue } from '../asm/java-values.js';
import { ConstantDynamic } from '../asm/constant-dynamic.js';
import type { Handle } from '../asm/handle.js';
import { Double } from '../asm/java-values.js';
import type { Label } from '../asm/label.js';
import type { FrameElement, MethodVisitor } from '../asm/method-visitor.js';
import { Opcodes } from '../asm/opcodes.js';
import { Type } from '../asm/type.js';
import { GeneratorAdapter } from './generator-adapter.js';
import { IllegalArgumentException } from '../asm/java-exceptions.js';
import { varargsOf } from '../asm/varargs.js';

/** Thrown when an adapter would allocate more memory than its configured limit (ASM 9.8). */
export class LimitExceededException extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LimitExceededException';
  }
}

/** The value tracked for the uninitialized `this`. */
const UNINITIALIZED_THIS = true;
/** Any other value. */
const OTHER = false;

const INVALID_OPCODE = 'Invalid opcode ';

/**
 * ASM's AdviceAdapter (the version of ASM 9.8, which follows the stack map frames when present).
 * Subclasses override onMethodEnter and onMethodExit, and are built with
 * `super(api, methodVisitor, access, name, descriptor)`.
 *
 * For constructors, the stack and locals are simulated (one bit per slot: uninitialized `this` or
 * not) until the INVOKESPECIAL <init> that consumes the uninitialized `this`, where onMethodEnter
 * is called; there may be several such calls on different branches (`super(c ? a : b)`). With
 * expanded stack map frames (ClassReader.EXPAND_FRAMES, required when frames are present) any
 * valid code is supported; without frames, the code is assumed to come from a Java compiler
 * (uninitialized `this` only in local 0, no backward jump before the super call).
 */
export abstract class AdviceAdapter extends GeneratorAdapter {
  /** @internal The default limit of setComputeLimits. */
  static readonly DEFAULT_MAX_MEMORY_LIMIT = 1024 * 1024;

  /** The access flags of the visited method. */
  protected methodAccess: number;
  /** The descriptor of the visited method. */
  protected methodDesc: string;

  private readonly isConstructor: boolean;
  /**
   * The simulated frame while the superclass constructor has not been called on the current
   * path of a constructor; null otherwise.
   */
  private stackFrame: StackFrame | null;
  /** The frames at the targets of forward jumps made before the super call (constructors only). */
  private forwardJumpStackFrames: Map<Label, StackFrame> | null;
  private remainingBytes: number;

  protected constructor(api: number, methodVisitor: MethodVisitor | null, access: number, name: string, descriptor: string) {
    super(api, methodVisitor, access, name, descriptor);
    this.methodAccess = access;
    this.methodDesc = descriptor;
    this.isConstructor = name === '<init>';
    this.stackFrame = null;
    this.forwardJumpStackFrames = null;
    this.remainingBytes = AdviceAdapter.DEFAULT_MAX_MEMORY_LIMIT;
  }

  /**
   * The maximum number of bytes the constructor simulation may allocate (1 MB by default, far
   * more than any constructor of the JDK needs); beyond it a LimitExceededException is thrown.
   */
  setComputeLimits(maxBytes: number): void {
    this.remainingBytes = maxBytes;
  }

  override visitCode(): void {
    super.visitCode();
    if (this.isConstructor) {
      this.stackFrame = new StackFrame();
      this.stackFrame.setLocal(0, UNINITIALIZED_THIS);
      this.forwardJumpStackFrames = new Map();
    } else {
      this.onMethodEnter();
    }
  }

  override visitLabel(label: Label): void {
    super.visitLabel(label);
    const forwardJumpStackFrames = this.forwardJumpStackFrames;
    if (this.isConstructor && forwardJumpStackFrames !== null) {
      const labelStackFrame = forwardJumpStackFrames.get(label);
      if (labelStackFrame !== undefined) {
        this.stackFrame = labelStackFrame;
        forwardJumpStackFrames.delete(label);
      }
    }
  }

  override visitFrame(
    type: number,
    numLocal: number,
    local: FrameElement[] | null,
    numStack: number,
    stack: FrameElement[] | null,
  ): void {
    super.visitFrame(type, numLocal, local, numStack, stack);
    if (type !== Opcodes.F_NEW) {
      throw new IllegalArgumentException('AdviceAdapter only accepts expanded frames (see ClassReader.EXPAND_FRAMES)');
    }
    // A frame tells exactly where the uninitialized this is (JVMS §4.10.1.4), or that the super
    // call has been made on every path reaching here.
    let hasUninitializedThis = false;
    for (let i = 0; i < numLocal && !hasUninitializedThis; ++i) {
      hasUninitializedThis = local![i] === Opcodes.UNINITIALIZED_THIS;
    }
    for (let i = 0; i < numStack && !hasUninitializedThis; ++i) {
      hasUninitializedThis = stack![i] === Opcodes.UNINITIALIZED_THIS;
    }
    if (!hasUninitializedThis) {
      this.stackFrame = null;
      return;
    }
    const stackFrame = new StackFrame();
    let currentLocal = 0;
    for (let i = 0; i < numLocal; ++i) {
      const value = local![i];
      if (value === Opcodes.UNINITIALIZED_THIS) {
        stackFrame.setLocal(currentLocal++, UNINITIALIZED_THIS);
      } else {
        stackFrame.setLocal(currentLocal++, OTHER);
        if (value === Opcodes.LONG || value === Opcodes.DOUBLE) {
          stackFrame.setLocal(currentLocal++, OTHER);
        }
      }
    }
    for (let i = 0; i < numStack; ++i) {
      const value = stack![i];
      if (value === Opcodes.UNINITIALIZED_THIS) {
        stackFrame.push(UNINITIALIZED_THIS);
      } else {
        stackFrame.push(OTHER);
        if (value === Opcodes.LONG || value === Opcodes.DOUBLE) {
          stackFrame.push(OTHER);
        }
      }
    }
    this.stackFrame = stackFrame;
  }

  override visitInsn(opcode: number): void {
    const stackFrame = this.stackFrame;
    if (this.isConstructor && stackFrame !== null) {
      let value1: boolean;
      let value2: boolean;
      let value3: boolean;
      let value4: boolean;
      switch (opcode) {
        case Opcodes.IRETURN:
        case Opcodes.FRETURN:
        case Opcodes.ARETURN:
        case Opcodes.LRETURN:
        case Opcodes.DRETURN:
          throw new IllegalArgumentException('Invalid return in constructor');
        case Opcodes.RETURN: // The frame after these does not matter.
        case Opcodes.ATHROW:
          this.onMethodExit(opcode);
          this.endConstructorBasicBlockWithoutSuccessor();
          break;
        case Opcodes.NOP:
        case Opcodes.LALOAD: // 2 popped, 2 pushed.
        case Opcodes.DALOAD:
        case Opcodes.LNEG:
        case Opcodes.DNEG:
        case Opcodes.FNEG:
        case Opcodes.INEG:
        case Opcodes.L2D:
        case Opcodes.D2L:
        case Opcodes.F2I:
        case Opcodes.I2B:
        case Opcodes.I2C:
        case Opcodes.I2S:
        case Opcodes.I2F:
        case Opcodes.ARRAYLENGTH:
          break;
        case Opcodes.ACONST_NULL:
        case Opcodes.ICONST_M1:
        case Opcodes.ICONST_0:
        case Opcodes.ICONST_1:
        case Opcodes.ICONST_2:
        case Opcodes.ICONST_3:
        case Opcodes.ICONST_4:
        case Opcodes.ICONST_5:
        case Opcodes.FCONST_0:
        case Opcodes.FCONST_1:
        case Opcodes.FCONST_2:
        case Opcodes.F2L: // 1 slot before, 2 after.
        case Opcodes.F2D:
        case Opcodes.I2L:
        case Opcodes.I2D:
          stackFrame.push(OTHER);
          break;
        case Opcodes.LCONST_0:
        case Opcodes.LCONST_1:
        case Opcodes.DCONST_0:
        case Opcodes.DCONST_1:
          stackFrame.push(OTHER);
          stackFrame.push(OTHER);
          break;
        case Opcodes.IALOAD: // 2 popped, 1 pushed.
        case Opcodes.FALOAD:
        case Opcodes.AALOAD:
        case Opcodes.BALOAD:
        case Opcodes.CALOAD:
        case Opcodes.SALOAD:
        case Opcodes.POP:
        case Opcodes.IADD:
        case Opcodes.FADD:
        case Opcodes.ISUB:
        case Opcodes.LSHL: // 3 slots before, 2 after.
        case Opcodes.LSHR:
        case Opcodes.LUSHR:
        case Opcodes.L2I: // 2 slots before, 1 after.
        case Opcodes.L2F:
        case Opcodes.D2I:
        case Opcodes.D2F:
        case Opcodes.FSUB:
        case Opcodes.FMUL:
        case Opcodes.FDIV:
        case Opcodes.FREM:
        case Opcodes.FCMPL:
        case Opcodes.FCMPG:
        case Opcodes.IMUL:
        case Opcodes.IDIV:
        case Opcodes.IREM:
        case Opcodes.ISHL:
        case Opcodes.ISHR:
        case Opcodes.IUSHR:
        case Opcodes.IAND:
        case Opcodes.IOR:
        case Opcodes.IXOR:
        case Opcodes.MONITORENTER:
        case Opcodes.MONITOREXIT:
          stackFrame.pop();
          break;
        case Opcodes.POP2:
        case Opcodes.LSUB:
        case Opcodes.LMUL:
        case Opcodes.LDIV:
        case Opcodes.LREM:
        case Opcodes.LADD:
        case Opcodes.LAND:
        case Opcodes.LOR:
        case Opcodes.LXOR:
        case Opcodes.DADD:
        case Opcodes.DMUL:
        case Opcodes.DSUB:
        case Opcodes.DDIV:
        case Opcodes.DREM:
          stackFrame.pop();
          stackFrame.pop();
          break;
        case Opcodes.IASTORE:
        case Opcodes.FASTORE:
        case Opcodes.AASTORE:
        case Opcodes.BASTORE:
        case Opcodes.CASTORE:
        case Opcodes.SASTORE:
        case Opcodes.LCMP: // 4 slots before, 1 after.
        case Opcodes.DCMPL:
        case Opcodes.DCMPG:
          stackFrame.pop();
          stackFrame.pop();
          stackFrame.pop();
          break;
        case Opcodes.LASTORE:
        case Opcodes.DASTORE:
          stackFrame.pop();
          stackFrame.pop();
          stackFrame.pop();
          stackFrame.pop();
          break;
        case Opcodes.DUP:
          value1 = stackFrame.pop();
          stackFrame.push(value1);
          stackFrame.push(value1);
          break;
        case Opcodes.DUP_X1:
          value1 = stackFrame.pop();
          value2 = stackFrame.pop();
          stackFrame.push(value1);
          stackFrame.push(value2);
          stackFrame.push(value1);
          break;
        case Opcodes.DUP_X2:
          value1 = stackFrame.pop();
          value2 = stackFrame.pop();
          value3 = stackFrame.pop();
          stackFrame.push(value1);
          stackFrame.push(value3);
          stackFrame.push(value2);
          stackFrame.push(value1);
          break;
        case Opcodes.DUP2:
          value1 = stackFrame.pop();
          value2 = stackFrame.pop();
          stackFrame.push(value2);
          stackFrame.push(value1);
          stackFrame.push(value2);
          stackFrame.push(value1);
          break;
        case Opcodes.DUP2_X1:
          value1 = stackFrame.pop();
          value2 = stackFrame.pop();
          value3 = stackFrame.pop();
          stackFrame.push(value2);
          stackFrame.push(value1);
          stackFrame.push(value3);
          stackFrame.push(value2);
          stackFrame.push(value1);
          break;
        case Opcodes.DUP2_X2:
          value1 = stackFrame.pop();
          value2 = stackFrame.pop();
          value3 = stackFrame.pop();
          value4 = stackFrame.pop();
          stackFrame.push(value2);
          stackFrame.push(value1);
          stackFrame.push(value4);
          stackFrame.push(value3);
          stackFrame.push(value2);
          stackFrame.push(value1);
          break;
        case Opcodes.SWAP:
          value1 = stackFrame.pop();
          value2 = stackFrame.pop();
          stackFrame.push(value1);
          stackFrame.push(value2);
          break;
        default:
          throw new IllegalArgumentException(INVALID_OPCODE + opcode);
      }
    } else {
      switch (opcode) {
        case Opcodes.RETURN:
        case Opcodes.IRETURN:
        case Opcodes.FRETURN:
        case Opcodes.ARETURN:
        case Opcodes.LRETURN:
        case Opcodes.DRETURN:
        case Opcodes.ATHROW:
          this.onMethodExit(opcode);
          break;
        default:
          break;
      }
    }
    super.visitInsn(opcode);
  }

  override visitVarInsn(opcode: number, varIndex: number): void {
    super.visitVarInsn(opcode, varIndex);
    const stackFrame = this.stackFrame;
    if (this.isConstructor && stackFrame !== null) {
      switch (opcode) {
        case Opcodes.ILOAD:
        case Opcodes.FLOAD:
          stackFrame.push(OTHER);
          break;
        case Opcodes.LLOAD:
        case Opcodes.DLOAD:
          stackFrame.push(OTHER);
          stackFrame.push(OTHER);
          break;
        case Opcodes.ALOAD:
          stackFrame.push(stackFrame.getLocal(varIndex));
          break;
        case Opcodes.ASTORE:
        case Opcodes.ISTORE:
        case Opcodes.FSTORE:
          stackFrame.setLocal(varIndex, stackFrame.pop());
          break;
        case Opcodes.LSTORE:
        case Opcodes.DSTORE:
          stackFrame.pop();
          stackFrame.pop();
          stackFrame.setLocal(varIndex, OTHER);
          stackFrame.setLocal(varIndex + 1, OTHER);
          break;
        case Opcodes.RET:
          this.endConstructorBasicBlockWithoutSuccessor();
          break;
        default:
          throw new IllegalArgumentException(INVALID_OPCODE + opcode);
      }
    }
  }

  override visitFieldInsn(opcode: number, owner: string, name: string, descriptor: string): void {
    super.visitFieldInsn(opcode, owner, name, descriptor);
    const stackFrame = this.stackFrame;
    if (this.isConstructor && stackFrame !== null) {
      const firstDescriptorChar = descriptor.charAt(0);
      const longOrDouble = firstDescriptorChar === 'J' || firstDescriptorChar === 'D';
      switch (opcode) {
        case Opcodes.GETSTATIC:
          stackFrame.push(OTHER);
          if (longOrDouble) {
            stackFrame.push(OTHER);
          }
          break;
        case Opcodes.PUTSTATIC:
          stackFrame.pop();
          if (longOrDouble) {
            stackFrame.pop();
          }
          break;
        case Opcodes.PUTFIELD:
          stackFrame.pop();
          stackFrame.pop();
          if (longOrDouble) {
            stackFrame.pop();
          }
          break;
        case Opcodes.GETFIELD:
          if (longOrDouble) {
            stackFrame.push(OTHER);
          }
          break;
        default:
          throw new IllegalArgumentException(INVALID_OPCODE + opcode);
      }
    }
  }

  override visitIntInsn(opcode: number, operand: number): void {
    super.visitIntInsn(opcode, operand);
    if (this.isConstructor && this.stackFrame !== null && opcode !== Opcodes.NEWARRAY) {
      this.stackFrame.push(OTHER);
    }
  }

  override visitLdcInsn(value: ConstantValue): void {
    super.visitLdcInsn(value);
    const stackFrame = this.stackFrame;
    if (this.isConstructor && stackFrame !== null) {
      stackFrame.push(OTHER);
      if (
        value instanceof Double ||
        typeof value === 'bigint' ||
        (value instanceof ConstantDynamic && value.getSize() === 2)
      ) {
        stackFrame.push(OTHER);
      }
    }
  }

  override visitMultiANewArrayInsn(descriptor: string, numDimensions: number): void {
    super.visitMultiANewArrayInsn(descriptor, numDimensions);
    const stackFrame = this.stackFrame;
    if (this.isConstructor && stackFrame !== null) {
      for (let i = 0; i < numDimensions; i++) {
        stackFrame.pop();
      }
      stackFrame.push(OTHER);
    }
  }

  override visitTypeInsn(opcode: number, type: string): void {
    super.visitTypeInsn(opcode, type);
    // ANEWARRAY, CHECKCAST and INSTANCEOF leave the stack height unchanged.
    if (this.isConstructor && this.stackFrame !== null && opcode === Opcodes.NEW) {
      this.stackFrame.push(OTHER);
    }
  }

  override visitMethodInsn(
    opcodeAndSource: number,
    owner: string,
    name: string,
    descriptor: string,
    isInterface?: boolean,
  ): void {
    super.visitMethodInsn(opcodeAndSource, owner, name, descriptor, isInterface);
    this.doVisitMethodInsn(opcodeAndSource & ~Opcodes.SOURCE_MASK, name, descriptor);
  }

  private doVisitMethodInsn(opcode: number, name: string, descriptor: string): void {
    const stackFrame = this.stackFrame;
    if (this.isConstructor && stackFrame !== null) {
      for (const argumentType of Type.getArgumentTypes(descriptor)) {
        stackFrame.pop();
        if (argumentType.getSize() === 2) {
          stackFrame.pop();
        }
      }
      switch (opcode) {
        case Opcodes.INVOKEINTERFACE:
        case Opcodes.INVOKEVIRTUAL:
          stackFrame.pop();
          break;
        case Opcodes.INVOKESPECIAL: {
          const value = stackFrame.pop();
          if (value === UNINITIALIZED_THIS && name === '<init>') {
            // The super (or this) constructor call: `this` is initialized from here on.
            this.stackFrame = null;
            this.onMethodEnter();
            return;
          }
          // Another <init> returns void; a private method called with invokespecial (javac before
          // 11, reached here in a handler simulated as before the super call) may return a value.
          break;
        }
        default:
          break;
      }
      const returnType = Type.getReturnType(descriptor);
      if (returnType !== Type.VOID_TYPE) {
        stackFrame.push(OTHER);
        if (returnType.getSize() === 2) {
          stackFrame.push(OTHER);
        }
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
    bootstrapMethodArgumentsOrFirst?: ConstantValue | readonly unknown[],
    ...bootstrapMethodArgumentsMore: ConstantValue[]
  ): void {
    const bootstrapMethodArguments = varargsOf<ConstantValue>(bootstrapMethodArgumentsOrFirst as ConstantValue | readonly ConstantValue[] | undefined, bootstrapMethodArgumentsMore);
    super.visitInvokeDynamicInsn(name, descriptor, bootstrapMethodHandle, bootstrapMethodArguments);
    this.doVisitMethodInsn(Opcodes.INVOKEDYNAMIC, name, descriptor);
  }

  override visitJumpInsn(opcode: number, label: Label): void {
    super.visitJumpInsn(opcode, label);
    const stackFrame = this.stackFrame;
    if (this.isConstructor && stackFrame !== null) {
      switch (opcode) {
        case Opcodes.IFEQ:
        case Opcodes.IFNE:
        case Opcodes.IFLT:
        case Opcodes.IFGE:
        case Opcodes.IFGT:
        case Opcodes.IFLE:
        case Opcodes.IFNULL:
        case Opcodes.IFNONNULL:
          stackFrame.pop();
          break;
        case Opcodes.IF_ICMPEQ:
        case Opcodes.IF_ICMPNE:
        case Opcodes.IF_ICMPLT:
        case Opcodes.IF_ICMPGE:
        case Opcodes.IF_ICMPGT:
        case Opcodes.IF_ICMPLE:
        case Opcodes.IF_ACMPEQ:
        case Opcodes.IF_ACMPNE:
          stackFrame.pop();
          stackFrame.pop();
          break;
        case Opcodes.JSR:
          stackFrame.push(OTHER);
          break;
        case Opcodes.GOTO:
          this.addForwardJump(label);
          this.endConstructorBasicBlockWithoutSuccessor();
          return;
        default:
          break;
      }
      // Assumed to be a forward jump; for a backward one the recorded frame is never used.
      this.addForwardJump(label);
    }
  }

  override visitLookupSwitchInsn(dflt: Label, keys: number[], labels: Label[]): void {
    super.visitLookupSwitchInsn(dflt, keys, labels);
    if (this.isConstructor && this.stackFrame !== null) {
      this.stackFrame.pop();
      this.addForwardJumps(dflt, labels);
      this.endConstructorBasicBlockWithoutSuccessor();
    }
  }

  override visitTableSwitchInsn(min: number, max: number, dflt: Label, ...labels: (Label | readonly Label[])[]): void;
  override visitTableSwitchInsn(
    min: number,
    max: number,
    dflt: Label,
    labelsOrFirst?: Label | readonly Label[],
    ...labelsMore: Label[]
  ): void {
    const labels = varargsOf(labelsOrFirst, labelsMore);
    super.visitTableSwitchInsn(min, max, dflt, labels);
    if (this.isConstructor && this.stackFrame !== null) {
      this.stackFrame.pop();
      this.addForwardJumps(dflt, labels);
      this.endConstructorBasicBlockWithoutSuccessor();
    }
  }

  override visitTryCatchBlock(start: Label, end: Label, handler: Label, type: string | null = null): void {
    super.visitTryCatchBlock(start, end, handler, type);
    // Handlers are visited before their code, so whether the super call precedes the protected
    // range is not known yet: assume it does not. A handler after the super call cannot call a
    // constructor on `this` again, so this never adds a wrong onMethodEnter. Without frames, the
    // uninitialized this is assumed to be in local 0 only; with frames, visitFrame corrects this.
    const forwardJumpStackFrames = this.forwardJumpStackFrames;
    if (this.isConstructor && forwardJumpStackFrames !== null && !forwardJumpStackFrames.has(handler)) {
      const handlerStackFrame = new StackFrame();
      handlerStackFrame.setLocal(0, UNINITIALIZED_THIS);
      handlerStackFrame.push(OTHER);
      forwardJumpStackFrames.set(handler, handlerStackFrame);
    }
  }

  private addForwardJumps(dflt: Label, labels: readonly Label[]): void {
    this.addForwardJump(dflt);
    for (const label of labels) {
      this.addForwardJump(label);
    }
  }

  private addForwardJump(label: Label): void {
    const forwardJumpStackFrames = this.forwardJumpStackFrames!;
    if (forwardJumpStackFrames.has(label)) {
      return;
    }
    const stackFrame = this.stackFrame!;
    const allocatedBytes = stackFrame.sizeInBytes();
    if (allocatedBytes > this.remainingBytes) {
      throw new LimitExceededException('Too many allocated bytes');
    }
    this.remainingBytes -= allocatedBytes;
    forwardJumpStackFrames.set(label, stackFrame.copy());
  }

  /**
   * After an instruction without successor the next instruction is dead, reached by a backward
   * jump (so after the super call, under the assumptions above), or a forward jump target whose
   * frame is in forwardJumpStackFrames (restored by visitLabel): stop simulating either way.
   */
  private endConstructorBasicBlockWithoutSuccessor(): void {
    this.stackFrame = null;
  }

  /**
   * Generates the code run at method entry (after the super/this constructor call in
   * constructors). It may use and change locals but must leave the stack unchanged.
   */
  protected onMethodEnter(): void {
    // Nothing by default.
  }

  /**
   * Generates the code run before each RETURN, xRETURN and ATHROW (`opcode`); the return value or
   * the exception is on top of the stack. It must leave the stack unchanged.
   */
  protected onMethodExit(_opcode: number): void {
    // Nothing by default.
  }
}

/**
 * A simulated frame with one boolean per slot: the uninitialized this (true) or any other value
 * (false). Long and double take two slots; locals beyond the array are OTHER.
 */
class StackFrame {
  locals: boolean[];
  stack: boolean[];
  stackSize: number;

  constructor() {
    this.locals = [];
    this.stack = [];
    this.stackSize = 0;
  }

  copy(): StackFrame {
    const result = new StackFrame();
    result.locals = this.locals.slice();
    result.stack = this.stack.slice(0, this.stackSize);
    result.stackSize = this.stackSize;
    return result;
  }

  getLocal(index: number): boolean {
    return index < this.locals.length ? this.locals[index]! : OTHER;
  }

  setLocal(index: number, value: boolean): void {
    if (value) {
      while (this.locals.length < index) this.locals.push(OTHER);
      this.locals[index] = value;
    } else if (index < this.locals.length) {
      this.locals[index] = value;
    }
  }

  push(value: boolean): void {
    this.stack[this.stackSize++] = value;
  }

  pop(): boolean {
    if (this.stackSize === 0) {
      throw new Error('AdviceAdapter: operand stack underflow while simulating a constructor');
    }
    return this.stack[--this.stackSize]!;
  }

  /** An estimate of the memory of a copy, counted as ASM does (64 slots per 8-byte word). */
  sizeInBytes(): number {
    return 8 + (3 * 4 + 4) + 2 * 16 + (Math.ceil(this.locals.length / 64) + Math.ceil(this.stackSize / 64) + 2) * 8;
  }
}
