import type { AbstractInsnNode } from '../tree/abstract-insn-node.js';
import type { IincInsnNode } from '../tree/iinc-insn-node.js';
import type { InvokeDynamicInsnNode } from '../tree/invoke-dynamic-insn-node.js';
import type { LabelNode } from '../tree/label-node.js';
import type { MethodInsnNode } from '../tree/method-insn-node.js';
import type { MultiANewArrayInsnNode } from '../tree/multi-a-new-array-insn-node.js';
import type { VarInsnNode } from '../tree/var-insn-node.js';
import { Type } from '../asm/type.js';
import { AnalyzerException } from './analyzer-exception.js';
import type { Interpreter } from './interpreter.js';
import type { Value } from './value.js';
import { IndexOutOfBoundsException } from '../asm/java-exceptions.js';

/** The largest operand stack of any method (max_stack is a u2, JVMS §4.7.3). */
const MAX_STACK_SIZE = 65536;

/**
 * A symbolic execution stack frame (ASM's `Frame`, JVMS §2.6): local variables and an operand
 * stack of values. A long or double takes two local variable slots but one operand stack slot.
 *
 * Java's two constructors are one: `new Frame(numLocals, maxStack)` (maxStack -1: unbounded) or
 * `new Frame(frame)` (a copy). Likewise `merge(frame, interpreter)` and `merge(frame, localsUsed)`.
 */
export class Frame<V extends Value> {
  /** The expected return value of the analyzed method, or null for void methods. */
  private returnValue: V | null;

  /** The local variables (first `numLocals` entries), then the operand stack. */
  private values: (V | null)[];

  /** The number of local variables (a long or double counts twice). */
  private numLocals: number;

  /** The number of values on the operand stack (a long or double counts once). */
  private numStack: number;

  /** The maximum number of values on the operand stack. */
  private maxStack: number;

  constructor(frame: Frame<V>);
  constructor(numLocals: number, maxStack: number);
  constructor(numLocalsOrFrame: number | Frame<V>, maxStack?: number) {
    if (typeof numLocalsOrFrame === 'number') {
      const stack = maxStack as number;
      this.values = newValueArray<V>(numLocalsOrFrame + (stack >= 0 ? stack : 4));
      this.numLocals = numLocalsOrFrame;
      this.maxStack = stack >= 0 ? stack : MAX_STACK_SIZE;
    } else {
      this.values = newValueArray<V>(numLocalsOrFrame.values.length);
      this.numLocals = numLocalsOrFrame.numLocals;
      this.maxStack = numLocalsOrFrame.values.length - numLocalsOrFrame.numLocals;
    }
    this.returnValue = null;
    this.numStack = 0;
    if (typeof numLocalsOrFrame !== 'number') {
      this.init(numLocalsOrFrame);
    }
  }

  /** Copies the state of `frame` into this frame, and returns this frame. */
  init(frame: Frame<V>): this {
    this.returnValue = frame.returnValue;
    const source = frame.values;
    const n = source.length;
    if (this.values.length < n) {
      this.values = source.slice();
    } else {
      const target = this.values;
      for (let i = 0; i < n; ++i) {
        target[i] = source[i]!;
      }
    }
    this.numLocals = frame.numLocals;
    this.numStack = frame.numStack;
    this.maxStack = frame.maxStack;
    return this;
  }

  /**
   * Called by the Analyzer before this frame is merged into a successor of a jump instruction
   * (`target` null: the instruction after a conditional jump). Does nothing by default; override it
   * for branch-sensitive analyses. `opcode` is IFxx, IF_ICMPxx, IF_ACMPxx, GOTO, JSR, IFNULL,
   * IFNONNULL, TABLESWITCH or LOOKUPSWITCH.
   */
  initJumpTarget(opcode: number, target: LabelNode | null): void {
    // Nothing to do by default.
  }

  /** Sets the expected return value of the analyzed method (null for void methods). */
  setReturn(v: V | null): void {
    this.returnValue = v;
  }

  /** The number of local variables of this frame (a long or double counts twice). */
  getLocals(): number {
    return this.numLocals;
  }

  /** The maximum number of values on the operand stack of this frame. */
  getMaxStackSize(): number {
    return this.maxStack;
  }

  /** The value of local variable `index`. Throws a RangeError when there is no such variable. */
  getLocal(index: number): V {
    if (index >= this.numLocals || index < 0) {
      throw new IndexOutOfBoundsException('Trying to get an inexistant local variable ' + index);
    }
    return this.values[index] as V;
  }

  /** Sets the value of local variable `index`. Throws a RangeError when there is no such variable. */
  setLocal(index: number, value: V): void {
    if (index >= this.numLocals || index < 0) {
      throw new IndexOutOfBoundsException('Trying to set an inexistant local variable ' + index);
    }
    this.values[index] = value;
  }

  /** The number of values on the operand stack (a long or double counts once). */
  getStackSize(): number {
    return this.numStack;
  }

  /** The value of operand stack slot `index` (0 is the bottom of the stack). */
  getStack(index: number): V {
    if (index >= this.numStack || index < 0) {
      throw new IndexOutOfBoundsException('Trying to get an inexistant stack slot ' + index);
    }
    return this.values[this.numLocals + index] as V;
  }

  /** Sets the value of operand stack slot `index`. */
  setStack(index: number, value: V): void {
    if (index < 0 || this.numLocals + index >= this.values.length) {
      throw new IndexOutOfBoundsException('Trying to set an inexistant stack slot ' + index);
    }
    this.values[this.numLocals + index] = value;
  }

  /** Empties the operand stack. */
  clearStack(): void {
    this.numStack = 0;
  }

  /** Pops the top value of the operand stack. Throws a RangeError when the stack is empty. */
  pop(): V {
    if (this.numStack === 0) {
      throw new IndexOutOfBoundsException('Cannot pop operand off an empty stack.');
    }
    return this.values[this.numLocals + --this.numStack] as V;
  }

  /** Pushes `value` onto the operand stack. Throws a RangeError when the stack is full. */
  push(value: V): void {
    const top = this.numLocals + this.numStack;
    if (top >= this.values.length) {
      if (top >= this.maxStack) {
        throw new IndexOutOfBoundsException('Insufficient maximum stack size.');
      }
      // Only frames of unknown maximum stack size (maxStack -1) grow.
      const grown = newValueArray<V>(2 * this.values.length);
      const old = this.values;
      for (let i = 0, n = old.length; i < n; ++i) {
        grown[i] = old[i]!;
      }
      this.values = grown;
    }
    this.values[top] = value;
    this.numStack++;
  }

  /**
   * Simulates `insn` on this frame (JVMS §6.5), computing values with `interpreter`. Throws
   * `AnalyzerException` (or a RangeError for stack underflow/overflow, which the Analyzer wraps)
   * when the instruction cannot execute on this frame.
   */
  execute(insn: AbstractInsnNode, interpreter: Interpreter<V>): void {
    let value1: V;
    let value2: V;
    let value3: V;
    let value4: V;
    let varIndex: number;
    const opcode = insn.getOpcode();
    // Numeric cases (named in comments) let V8 compile this switch to a jump table. As ASM 9.8,
    // every value that a DUP or SWAP instruction pushes goes through copyOperation (ASM 9.4 and
    // before pushed some of them back unchanged), so that SourceInterpreter sees them all moved.
    switch (opcode) {
      case 0: // NOP
        break;
      case 1: // ACONST_NULL
      case 2: // ICONST_M1
      case 3: // ICONST_0
      case 4: // ICONST_1
      case 5: // ICONST_2
      case 6: // ICONST_3
      case 7: // ICONST_4
      case 8: // ICONST_5
      case 9: // LCONST_0
      case 10: // LCONST_1
      case 11: // FCONST_0
      case 12: // FCONST_1
      case 13: // FCONST_2
      case 14: // DCONST_0
      case 15: // DCONST_1
      case 16: // BIPUSH
      case 17: // SIPUSH
      case 18: // LDC
        this.push(interpreter.newOperation(insn));
        break;
      case 21: // ILOAD
      case 22: // LLOAD
      case 23: // FLOAD
      case 24: // DLOAD
      case 25: // ALOAD
        this.push(interpreter.copyOperation(insn, this.getLocal((insn as VarInsnNode).var)));
        break;
      case 54: // ISTORE
      case 55: // LSTORE
      case 56: // FSTORE
      case 57: // DSTORE
      case 58: {
        // ASTORE
        value1 = interpreter.copyOperation(insn, this.pop());
        varIndex = (insn as VarInsnNode).var;
        this.setLocal(varIndex, value1);
        if (value1.getSize() === 2) {
          this.setLocal(varIndex + 1, interpreter.newEmptyValue(varIndex + 1));
        }
        // Overwriting the second half of a long or double invalidates its first half (JVMS §2.6.1).
        if (varIndex > 0) {
          const local = this.getLocal(varIndex - 1);
          if (local !== null && local.getSize() === 2) {
            this.setLocal(varIndex - 1, interpreter.newEmptyValue(varIndex - 1));
          }
        }
        break;
      }
      case 79: // IASTORE
      case 80: // LASTORE
      case 81: // FASTORE
      case 82: // DASTORE
      case 83: // AASTORE
      case 84: // BASTORE
      case 85: // CASTORE
      case 86: // SASTORE
        value3 = this.pop();
        value2 = this.pop();
        value1 = this.pop();
        interpreter.ternaryOperation(insn, value1, value2, value3);
        break;
      case 87: // POP
        if (this.pop().getSize() === 2) {
          throw new AnalyzerException(insn, 'Illegal use of POP');
        }
        break;
      case 88: // POP2
        if (this.pop().getSize() === 1 && this.pop().getSize() !== 1) {
          throw new AnalyzerException(insn, 'Illegal use of POP2');
        }
        break;
      case 89: // DUP
        value1 = this.pop();
        if (value1.getSize() !== 1) {
          throw new AnalyzerException(insn, 'Illegal use of DUP');
        }
        this.push(interpreter.copyOperation(insn, value1));
        this.push(interpreter.copyOperation(insn, value1));
        break;
      case 90: // DUP_X1
        value1 = this.pop();
        value2 = this.pop();
        if (value1.getSize() !== 1 || value2.getSize() !== 1) {
          throw new AnalyzerException(insn, 'Illegal use of DUP_X1');
        }
        this.push(interpreter.copyOperation(insn, value1));
        this.push(interpreter.copyOperation(insn, value2));
        this.push(interpreter.copyOperation(insn, value1));
        break;
      case 91: // DUP_X2
        value1 = this.pop();
        if (value1.getSize() === 1 && this.executeDupX2(insn, value1, interpreter)) {
          break;
        }
        throw new AnalyzerException(insn, 'Illegal use of DUP_X2');
      case 92: // DUP2
        value1 = this.pop();
        if (value1.getSize() === 1) {
          value2 = this.pop();
          if (value2.getSize() === 1) {
            this.push(interpreter.copyOperation(insn, value2));
            this.push(interpreter.copyOperation(insn, value1));
            this.push(interpreter.copyOperation(insn, value2));
            this.push(interpreter.copyOperation(insn, value1));
            break;
          }
        } else {
          this.push(interpreter.copyOperation(insn, value1));
          this.push(interpreter.copyOperation(insn, value1));
          break;
        }
        throw new AnalyzerException(insn, 'Illegal use of DUP2');
      case 93: // DUP2_X1
        value1 = this.pop();
        if (value1.getSize() === 1) {
          value2 = this.pop();
          if (value2.getSize() === 1) {
            value3 = this.pop();
            if (value3.getSize() === 1) {
              this.push(interpreter.copyOperation(insn, value2));
              this.push(interpreter.copyOperation(insn, value1));
              this.push(interpreter.copyOperation(insn, value3));
              this.push(interpreter.copyOperation(insn, value2));
              this.push(interpreter.copyOperation(insn, value1));
              break;
            }
          }
        } else {
          value2 = this.pop();
          if (value2.getSize() === 1) {
            this.push(interpreter.copyOperation(insn, value1));
            this.push(interpreter.copyOperation(insn, value2));
            this.push(interpreter.copyOperation(insn, value1));
            break;
          }
        }
        throw new AnalyzerException(insn, 'Illegal use of DUP2_X1');
      case 94: // DUP2_X2
        value1 = this.pop();
        if (value1.getSize() === 1) {
          value2 = this.pop();
          if (value2.getSize() === 1) {
            value3 = this.pop();
            if (value3.getSize() === 1) {
              value4 = this.pop();
              if (value4.getSize() === 1) {
                this.push(interpreter.copyOperation(insn, value2));
                this.push(interpreter.copyOperation(insn, value1));
                this.push(interpreter.copyOperation(insn, value4));
                this.push(interpreter.copyOperation(insn, value3));
                this.push(interpreter.copyOperation(insn, value2));
                this.push(interpreter.copyOperation(insn, value1));
                break;
              }
            } else {
              this.push(interpreter.copyOperation(insn, value2));
              this.push(interpreter.copyOperation(insn, value1));
              this.push(interpreter.copyOperation(insn, value3));
              this.push(interpreter.copyOperation(insn, value2));
              this.push(interpreter.copyOperation(insn, value1));
              break;
            }
          }
        } else if (this.executeDupX2(insn, value1, interpreter)) {
          break;
        }
        throw new AnalyzerException(insn, 'Illegal use of DUP2_X2');
      case 95: // SWAP
        value2 = this.pop();
        value1 = this.pop();
        if (value1.getSize() !== 1 || value2.getSize() !== 1) {
          throw new AnalyzerException(insn, 'Illegal use of SWAP');
        }
        this.push(interpreter.copyOperation(insn, value2));
        this.push(interpreter.copyOperation(insn, value1));
        break;
      case 46: // IALOAD
      case 47: // LALOAD
      case 48: // FALOAD
      case 49: // DALOAD
      case 50: // AALOAD
      case 51: // BALOAD
      case 52: // CALOAD
      case 53: // SALOAD
      case 96: // IADD
      case 97: // LADD
      case 98: // FADD
      case 99: // DADD
      case 100: // ISUB
      case 101: // LSUB
      case 102: // FSUB
      case 103: // DSUB
      case 104: // IMUL
      case 105: // LMUL
      case 106: // FMUL
      case 107: // DMUL
      case 108: // IDIV
      case 109: // LDIV
      case 110: // FDIV
      case 111: // DDIV
      case 112: // IREM
      case 113: // LREM
      case 114: // FREM
      case 115: // DREM
      case 120: // ISHL
      case 121: // LSHL
      case 122: // ISHR
      case 123: // LSHR
      case 124: // IUSHR
      case 125: // LUSHR
      case 126: // IAND
      case 127: // LAND
      case 128: // IOR
      case 129: // LOR
      case 130: // IXOR
      case 131: // LXOR
      case 148: // LCMP
      case 149: // FCMPL
      case 150: // FCMPG
      case 151: // DCMPL
      case 152: // DCMPG
        value2 = this.pop();
        value1 = this.pop();
        this.push(interpreter.binaryOperation(insn, value1, value2) as V);
        break;
      case 116: // INEG
      case 117: // LNEG
      case 118: // FNEG
      case 119: // DNEG
        this.push(interpreter.unaryOperation(insn, this.pop()) as V);
        break;
      case 132: // IINC
        varIndex = (insn as IincInsnNode).var;
        this.setLocal(varIndex, interpreter.unaryOperation(insn, this.getLocal(varIndex)) as V);
        break;
      case 133: // I2L
      case 134: // I2F
      case 135: // I2D
      case 136: // L2I
      case 137: // L2F
      case 138: // L2D
      case 139: // F2I
      case 140: // F2L
      case 141: // F2D
      case 142: // D2I
      case 143: // D2L
      case 144: // D2F
      case 145: // I2B
      case 146: // I2C
      case 147: // I2S
        this.push(interpreter.unaryOperation(insn, this.pop()) as V);
        break;
      case 153: // IFEQ
      case 154: // IFNE
      case 155: // IFLT
      case 156: // IFGE
      case 157: // IFGT
      case 158: // IFLE
        interpreter.unaryOperation(insn, this.pop());
        break;
      case 159: // IF_ICMPEQ
      case 160: // IF_ICMPNE
      case 161: // IF_ICMPLT
      case 162: // IF_ICMPGE
      case 163: // IF_ICMPGT
      case 164: // IF_ICMPLE
      case 165: // IF_ACMPEQ
      case 166: // IF_ACMPNE
      case 181: // PUTFIELD
        value2 = this.pop();
        value1 = this.pop();
        interpreter.binaryOperation(insn, value1, value2);
        break;
      case 167: // GOTO
        break;
      case 168: // JSR
        this.push(interpreter.newOperation(insn));
        break;
      case 169: // RET
        break;
      case 170: // TABLESWITCH
      case 171: // LOOKUPSWITCH
        interpreter.unaryOperation(insn, this.pop());
        break;
      case 172: // IRETURN
      case 173: // LRETURN
      case 174: // FRETURN
      case 175: // DRETURN
      case 176: // ARETURN
        value1 = this.pop();
        interpreter.unaryOperation(insn, value1);
        interpreter.returnOperation(insn, value1, this.returnValue as V);
        break;
      case 177: // RETURN
        if (this.returnValue !== null) {
          throw new AnalyzerException(insn, 'Incompatible return type');
        }
        break;
      case 178: // GETSTATIC
        this.push(interpreter.newOperation(insn));
        break;
      case 179: // PUTSTATIC
        interpreter.unaryOperation(insn, this.pop());
        break;
      case 180: // GETFIELD
        this.push(interpreter.unaryOperation(insn, this.pop()) as V);
        break;
      case 182: // INVOKEVIRTUAL
      case 183: // INVOKESPECIAL
      case 184: // INVOKESTATIC
      case 185: // INVOKEINTERFACE
        this.executeInvokeInsn(insn, (insn as MethodInsnNode).desc, interpreter);
        break;
      case 186: // INVOKEDYNAMIC
        this.executeInvokeInsn(insn, (insn as InvokeDynamicInsnNode).desc, interpreter);
        break;
      case 187: // NEW
        this.push(interpreter.newOperation(insn));
        break;
      case 188: // NEWARRAY
      case 189: // ANEWARRAY
      case 190: // ARRAYLENGTH
        this.push(interpreter.unaryOperation(insn, this.pop()) as V);
        break;
      case 191: // ATHROW
        interpreter.unaryOperation(insn, this.pop());
        break;
      case 192: // CHECKCAST
      case 193: // INSTANCEOF
        this.push(interpreter.unaryOperation(insn, this.pop()) as V);
        break;
      case 194: // MONITORENTER
      case 195: // MONITOREXIT
        interpreter.unaryOperation(insn, this.pop());
        break;
      case 197: {
        // MULTIANEWARRAY
        const dims = (insn as MultiANewArrayInsnNode).dims;
        const valueList: V[] = new Array(dims);
        for (let i = dims - 1; i >= 0; --i) {
          valueList[i] = this.pop();
        }
        this.push(interpreter.naryOperation(insn, valueList) as V);
        break;
      }
      case 198: // IFNULL
      case 199: // IFNONNULL
        interpreter.unaryOperation(insn, this.pop());
        break;
      default:
        throw new AnalyzerException(insn, 'Illegal opcode ' + opcode);
    }
  }

  /** DUP_X2 (and the second form of DUP2_X2) once `value1` is popped; false if the stack does not fit. */
  private executeDupX2(insn: AbstractInsnNode, value1: V, interpreter: Interpreter<V>): boolean {
    const value2 = this.pop();
    if (value2.getSize() === 1) {
      const value3 = this.pop();
      if (value3.getSize() === 1) {
        this.push(interpreter.copyOperation(insn, value1));
        this.push(interpreter.copyOperation(insn, value3));
        this.push(interpreter.copyOperation(insn, value2));
        this.push(interpreter.copyOperation(insn, value1));
        return true;
      }
    } else {
      this.push(interpreter.copyOperation(insn, value1));
      this.push(interpreter.copyOperation(insn, value2));
      this.push(interpreter.copyOperation(insn, value1));
      return true;
    }
    return false;
  }

  /** Pops the arguments (and receiver) of an invocation, and pushes its result unless void. */
  private executeInvokeInsn(insn: AbstractInsnNode, methodDescriptor: string, interpreter: Interpreter<V>): void {
    const opcode = insn.getOpcode();
    const argumentCount = Type.getArgumentCount(methodDescriptor);
    const hasReceiver = opcode !== 184 /* INVOKESTATIC */ && opcode !== 186; /* INVOKEDYNAMIC */
    const count = hasReceiver ? argumentCount + 1 : argumentCount;
    const valueList: V[] = new Array(count);
    for (let i = count - 1; i >= 0; --i) {
      valueList[i] = this.pop();
    }
    // The return type is void when the descriptor ends with ")V" (JVMS §4.3.3).
    if (methodDescriptor.charCodeAt(methodDescriptor.length - 1) === 86 /* V */ && methodDescriptor.charCodeAt(methodDescriptor.length - 2) === 41 /* ) */) {
      interpreter.naryOperation(insn, valueList);
    } else {
      this.push(interpreter.naryOperation(insn, valueList) as V);
    }
  }

  /**
   * Merges `frame` into this frame, and returns whether this frame changed. With an interpreter,
   * every local and stack value is merged (throws `AnalyzerException` when the stack heights
   * differ). With `localsUsed` (the RET of a subroutine), the locals the subroutine did not use
   * are copied from `frame` and the stack is left alone.
   */
  merge(frame: Frame<V>, interpreter: Interpreter<V>): boolean;
  merge(frame: Frame<V>, localsUsed: readonly boolean[]): boolean;
  merge(frame: Frame<V>, interpreterOrLocalsUsed: Interpreter<V> | readonly boolean[]): boolean {
    const values = this.values;
    const otherValues = frame.values;
    let changed = false;
    if (Array.isArray(interpreterOrLocalsUsed)) {
      const localsUsed = interpreterOrLocalsUsed as readonly boolean[];
      for (let i = 0, n = this.numLocals; i < n; ++i) {
        if (!localsUsed[i] && !(values[i] as V).equals(otherValues[i])) {
          values[i] = otherValues[i]!;
          changed = true;
        }
      }
      return changed;
    }
    const interpreter = interpreterOrLocalsUsed as Interpreter<V>;
    if (this.numStack !== frame.numStack) {
      throw new AnalyzerException(null, 'Incompatible stack heights');
    }
    for (let i = 0, n = this.numLocals + this.numStack; i < n; ++i) {
      const oldValue = values[i] as V;
      const v = interpreter.merge(oldValue, otherValues[i] as V);
      if (v !== oldValue && !v.equals(oldValue)) {
        values[i] = v;
        changed = true;
      }
    }
    return changed;
  }

  /** The locals then, after a space, the stack values, each by its toString (ASM's format). */
  toString(): string {
    let result = '';
    for (let i = 0; i < this.numLocals; ++i) {
      result += String(this.values[i]);
    }
    result += ' ';
    for (let i = 0; i < this.numStack; ++i) {
      result += String(this.values[this.numLocals + i]);
    }
    return result;
  }
}

/** A value array of the given length, filled with null (one element kind for V8). */
function newValueArray<V>(length: number): (V | null)[] {
  const array: (V | null)[] = new Array(length);
  for (let i = 0; i < length; ++i) {
    array[i] = null;
  }
  return array;
}
