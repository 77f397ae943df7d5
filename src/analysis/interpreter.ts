import type { Type } from '../asm/type.js';
import type { AbstractInsnNode } from '../tree/abstract-insn-node.js';
import type { TryCatchBlockNode } from '../tree/try-catch-block-node.js';
import type { Frame } from './frame.js';
import type { Value } from './value.js';

/**
 * A semantic bytecode interpreter (ASM's `Interpreter`): it computes values from other values,
 * while `Frame` moves them between the operand stack and the local variables. One `Analyzer`
 * thus runs any kind of analysis (types, sources of values, constants…) that an interpreter defines.
 *
 * Methods that may reject code throw `AnalyzerException`. Java's `List<V>` arguments are arrays.
 */
export abstract class Interpreter<V extends Value> {
  /** The ASM API version this interpreter implements (one of `Opcodes.ASM4`…`Opcodes.ASM9`). */
  protected readonly api: number;

  protected constructor(api: number) {
    this.api = api;
  }

  /**
   * A value of the given type, or of an uninitialized slot when `type` is null (also used for the
   * second slot of long and double locals). Its size must be the type's size; null for void.
   */
  abstract newValue(type: Type | null): V | null;

  /** The value of a parameter (or of `this`) in the initial frame; `newValue(type)` by default. */
  newParameterValue(isInstanceMethod: boolean, local: number, type: Type): V {
    return this.newValue(type) as V;
  }

  /** The value that stands for the method's return type (null for void); `newValue(type)` by default. */
  newReturnTypeValue(type: Type): V | null {
    return this.newValue(type);
  }

  /** The value of a local variable that holds nothing yet (size 1); `newValue(null)` by default. */
  newEmptyValue(local: number): V {
    return this.newValue(null) as V;
  }

  /**
   * The value of the exception pushed at the start of the handler `tryCatchBlockNode`, whose frame
   * is `handlerFrame`; `newValue(exceptionType)` by default.
   */
  newExceptionValue(tryCatchBlockNode: TryCatchBlockNode, handlerFrame: Frame<V>, exceptionType: Type): V {
    return this.newValue(exceptionType) as V;
  }

  /**
   * Interprets an instruction without operands from the stack: ACONST_NULL, ICONST_M1…ICONST_5,
   * LCONST_0/1, FCONST_0/1/2, DCONST_0/1, BIPUSH, SIPUSH, LDC, JSR, GETSTATIC, NEW.
   */
  abstract newOperation(insn: AbstractInsnNode): V;

  /**
   * Interprets an instruction that moves `value`: xLOAD, xSTORE, DUP, DUP_X1, DUP_X2, DUP2,
   * DUP2_X1, DUP2_X2, SWAP. The result must be equal to `value`.
   */
  abstract copyOperation(insn: AbstractInsnNode, value: V): V;

  /**
   * Interprets an instruction with one operand: xNEG, IINC, the conversions, IFxx, TABLESWITCH,
   * LOOKUPSWITCH, xRETURN, PUTSTATIC, GETFIELD, NEWARRAY, ANEWARRAY, ARRAYLENGTH, ATHROW, CHECKCAST,
   * INSTANCEOF, MONITORENTER, MONITOREXIT, IFNULL, IFNONNULL. Null when the instruction pushes nothing.
   */
  abstract unaryOperation(insn: AbstractInsnNode, value: V): V | null;

  /**
   * Interprets an instruction with two operands: xALOAD, the binary arithmetic, shift and logical
   * instructions, xCMPx, IF_ICMPxx, IF_ACMPxx, PUTFIELD. Null when the instruction pushes nothing.
   */
  abstract binaryOperation(insn: AbstractInsnNode, value1: V, value2: V): V | null;

  /** Interprets an instruction with three operands: xASTORE. */
  abstract ternaryOperation(insn: AbstractInsnNode, value1: V, value2: V, value3: V): V | null;

  /**
   * Interprets an instruction with a variable number of operands: INVOKEVIRTUAL, INVOKESPECIAL,
   * INVOKESTATIC, INVOKEINTERFACE, INVOKEDYNAMIC, MULTIANEWARRAY. Null for void methods.
   */
  abstract naryOperation(insn: AbstractInsnNode, values: V[]): V | null;

  /** Interprets IRETURN, LRETURN, FRETURN, DRETURN or ARETURN returning `value`, `expected` being the method's return value. */
  abstract returnOperation(insn: AbstractInsnNode, value: V, expected: V): void;

  /**
   * A value that represents both `value1` and `value2` (a common super type, a union of
   * sources…). When the result equals `value1` this method must return `value1` itself.
   */
  abstract merge(value1: V, value2: V): V;
}
