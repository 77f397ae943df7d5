import { Opcodes } from '../asm/opcodes.js';
import { Type } from '../asm/type.js';
import type { AbstractInsnNode } from '../tree/abstract-insn-node.js';
import type { FieldInsnNode } from '../tree/field-insn-node.js';
import type { InvokeDynamicInsnNode } from '../tree/invoke-dynamic-insn-node.js';
import type { MethodInsnNode } from '../tree/method-insn-node.js';
import { AnalyzerException } from './analyzer-exception.js';
import { BasicInterpreter } from './basic-interpreter.js';
import { BasicValue } from './basic-value.js';
import { IllegalStateException } from '../asm/java-exceptions.js';

/**
 * A `BasicInterpreter` that also checks that each instruction gets operands of the types it
 * expects (ASM's `BasicVerifier`, JVMS §4.10.1.9 in the seven-type system), throwing
 * `AnalyzerException` ("Expected I, but found R"…) otherwise.
 */
export class BasicVerifier extends BasicInterpreter {
  constructor(api?: number) {
    super(api === undefined ? Opcodes.ASM9 : api);
    // As ASM: only BasicVerifier itself may use the api-less constructor (subclasses state the API they implement).
    if (api === undefined && new.target !== BasicVerifier) {
      throw new IllegalStateException('subclasses of BasicVerifier must pass an api');
    }
  }

  override copyOperation(insn: AbstractInsnNode, value: BasicValue): BasicValue {
    let expected: BasicValue;
    switch (insn.getOpcode()) {
      case 21: // ILOAD
      case 54: // ISTORE
        expected = BasicValue.INT_VALUE;
        break;
      case 23: // FLOAD
      case 56: // FSTORE
        expected = BasicValue.FLOAT_VALUE;
        break;
      case 22: // LLOAD
      case 55: // LSTORE
        expected = BasicValue.LONG_VALUE;
        break;
      case 24: // DLOAD
      case 57: // DSTORE
        expected = BasicValue.DOUBLE_VALUE;
        break;
      case 25: // ALOAD
        if (!value.isReference()) {
          throw new AnalyzerException(insn, null, 'an object reference', value);
        }
        return value;
      case 58: // ASTORE
        if (!value.isReference() && !BasicValue.RETURNADDRESS_VALUE.equals(value)) {
          throw new AnalyzerException(insn, null, 'an object reference or a return address', value);
        }
        return value;
      default:
        return value;
    }
    if (!expected.equals(value)) {
      throw new AnalyzerException(insn, null, expected, value);
    }
    return value;
  }

  override unaryOperation(insn: AbstractInsnNode, value: BasicValue): BasicValue | null {
    let expected: BasicValue;
    switch (insn.getOpcode()) {
      case 116: // INEG
      case 132: // IINC
      case 134: // I2F
      case 133: // I2L
      case 135: // I2D
      case 145: // I2B
      case 146: // I2C
      case 147: // I2S
      case 153: // IFEQ
      case 154: // IFNE
      case 155: // IFLT
      case 156: // IFGE
      case 157: // IFGT
      case 158: // IFLE
      case 170: // TABLESWITCH
      case 171: // LOOKUPSWITCH
      case 172: // IRETURN
      case 188: // NEWARRAY
      case 189: // ANEWARRAY
        expected = BasicValue.INT_VALUE;
        break;
      case 118: // FNEG
      case 139: // F2I
      case 140: // F2L
      case 141: // F2D
      case 174: // FRETURN
        expected = BasicValue.FLOAT_VALUE;
        break;
      case 117: // LNEG
      case 136: // L2I
      case 137: // L2F
      case 138: // L2D
      case 173: // LRETURN
        expected = BasicValue.LONG_VALUE;
        break;
      case 119: // DNEG
      case 142: // D2I
      case 144: // D2F
      case 143: // D2L
      case 175: // DRETURN
        expected = BasicValue.DOUBLE_VALUE;
        break;
      case 180: // GETFIELD
        expected = this.newValue(Type.getObjectType((insn as FieldInsnNode).owner))!;
        break;
      case 190: // ARRAYLENGTH
        if (!this.isArrayValue(value)) {
          throw new AnalyzerException(insn, null, 'an array reference', value);
        }
        return super.unaryOperation(insn, value);
      case 192: // CHECKCAST
      case 176: // ARETURN
      case 191: // ATHROW
      case 193: // INSTANCEOF
      case 194: // MONITORENTER
      case 195: // MONITOREXIT
      case 198: // IFNULL
      case 199: // IFNONNULL
        if (!value.isReference()) {
          throw new AnalyzerException(insn, null, 'an object reference', value);
        }
        return super.unaryOperation(insn, value);
      case 179: // PUTSTATIC
        expected = this.newValue(Type.getType((insn as FieldInsnNode).desc))!;
        break;
      default:
        throw new Error('AssertionError: unexpected opcode ' + insn.getOpcode());
    }
    if (!this.isSubTypeOf(value, expected)) {
      throw new AnalyzerException(insn, null, expected, value);
    }
    return super.unaryOperation(insn, value);
  }

  override binaryOperation(insn: AbstractInsnNode, value1: BasicValue, value2: BasicValue): BasicValue | null {
    let expected1: BasicValue;
    let expected2: BasicValue;
    switch (insn.getOpcode()) {
      case 46: // IALOAD
        expected1 = this.newValue(Type.getType('[I'))!;
        expected2 = BasicValue.INT_VALUE;
        break;
      case 51: // BALOAD: a boolean or a byte array (JVMS §6.5.baload)
        if (this.isSubTypeOf(value1, this.newValue(Type.getType('[Z'))!)) {
          expected1 = this.newValue(Type.getType('[Z'))!;
        } else {
          expected1 = this.newValue(Type.getType('[B'))!;
        }
        expected2 = BasicValue.INT_VALUE;
        break;
      case 52: // CALOAD
        expected1 = this.newValue(Type.getType('[C'))!;
        expected2 = BasicValue.INT_VALUE;
        break;
      case 53: // SALOAD
        expected1 = this.newValue(Type.getType('[S'))!;
        expected2 = BasicValue.INT_VALUE;
        break;
      case 47: // LALOAD
        expected1 = this.newValue(Type.getType('[J'))!;
        expected2 = BasicValue.INT_VALUE;
        break;
      case 48: // FALOAD
        expected1 = this.newValue(Type.getType('[F'))!;
        expected2 = BasicValue.INT_VALUE;
        break;
      case 49: // DALOAD
        expected1 = this.newValue(Type.getType('[D'))!;
        expected2 = BasicValue.INT_VALUE;
        break;
      case 50: // AALOAD
        expected1 = this.newValue(Type.getType('[Ljava/lang/Object;'))!;
        expected2 = BasicValue.INT_VALUE;
        break;
      case 96: // IADD
      case 100: // ISUB
      case 104: // IMUL
      case 108: // IDIV
      case 112: // IREM
      case 120: // ISHL
      case 122: // ISHR
      case 124: // IUSHR
      case 126: // IAND
      case 128: // IOR
      case 130: // IXOR
      case 159: // IF_ICMPEQ
      case 160: // IF_ICMPNE
      case 161: // IF_ICMPLT
      case 162: // IF_ICMPGE
      case 163: // IF_ICMPGT
      case 164: // IF_ICMPLE
        expected1 = BasicValue.INT_VALUE;
        expected2 = BasicValue.INT_VALUE;
        break;
      case 98: // FADD
      case 102: // FSUB
      case 106: // FMUL
      case 110: // FDIV
      case 114: // FREM
      case 149: // FCMPL
      case 150: // FCMPG
        expected1 = BasicValue.FLOAT_VALUE;
        expected2 = BasicValue.FLOAT_VALUE;
        break;
      case 97: // LADD
      case 101: // LSUB
      case 105: // LMUL
      case 109: // LDIV
      case 113: // LREM
      case 127: // LAND
      case 129: // LOR
      case 131: // LXOR
      case 148: // LCMP
        expected1 = BasicValue.LONG_VALUE;
        expected2 = BasicValue.LONG_VALUE;
        break;
      case 121: // LSHL
      case 123: // LSHR
      case 125: // LUSHR
        expected1 = BasicValue.LONG_VALUE;
        expected2 = BasicValue.INT_VALUE;
        break;
      case 99: // DADD
      case 103: // DSUB
      case 107: // DMUL
      case 111: // DDIV
      case 115: // DREM
      case 151: // DCMPL
      case 152: // DCMPG
        expected1 = BasicValue.DOUBLE_VALUE;
        expected2 = BasicValue.DOUBLE_VALUE;
        break;
      case 165: // IF_ACMPEQ
      case 166: // IF_ACMPNE
        expected1 = BasicValue.REFERENCE_VALUE;
        expected2 = BasicValue.REFERENCE_VALUE;
        break;
      case 181: {
        // PUTFIELD
        const fieldInsn = insn as FieldInsnNode;
        expected1 = this.newValue(Type.getObjectType(fieldInsn.owner))!;
        expected2 = this.newValue(Type.getType(fieldInsn.desc))!;
        break;
      }
      default:
        throw new Error('AssertionError: unexpected opcode ' + insn.getOpcode());
    }
    if (!this.isSubTypeOf(value1, expected1)) {
      throw new AnalyzerException(insn, 'First argument', expected1, value1);
    } else if (!this.isSubTypeOf(value2, expected2)) {
      throw new AnalyzerException(insn, 'Second argument', expected2, value2);
    }
    if (insn.getOpcode() === Opcodes.AALOAD) {
      return this.getElementValue(value1);
    }
    return super.binaryOperation(insn, value1, value2);
  }

  override ternaryOperation(insn: AbstractInsnNode, value1: BasicValue, value2: BasicValue, value3: BasicValue): BasicValue | null {
    let expected1: BasicValue;
    let expected3: BasicValue;
    switch (insn.getOpcode()) {
      case 79: // IASTORE
        expected1 = this.newValue(Type.getType('[I'))!;
        expected3 = BasicValue.INT_VALUE;
        break;
      case 84: // BASTORE
        if (this.isSubTypeOf(value1, this.newValue(Type.getType('[Z'))!)) {
          expected1 = this.newValue(Type.getType('[Z'))!;
        } else {
          expected1 = this.newValue(Type.getType('[B'))!;
        }
        expected3 = BasicValue.INT_VALUE;
        break;
      case 85: // CASTORE
        expected1 = this.newValue(Type.getType('[C'))!;
        expected3 = BasicValue.INT_VALUE;
        break;
      case 86: // SASTORE
        expected1 = this.newValue(Type.getType('[S'))!;
        expected3 = BasicValue.INT_VALUE;
        break;
      case 80: // LASTORE
        expected1 = this.newValue(Type.getType('[J'))!;
        expected3 = BasicValue.LONG_VALUE;
        break;
      case 81: // FASTORE
        expected1 = this.newValue(Type.getType('[F'))!;
        expected3 = BasicValue.FLOAT_VALUE;
        break;
      case 82: // DASTORE
        expected1 = this.newValue(Type.getType('[D'))!;
        expected3 = BasicValue.DOUBLE_VALUE;
        break;
      case 83: // AASTORE: the stored value is checked at run time (JVMS §6.5.aastore)
        expected1 = value1;
        expected3 = BasicValue.REFERENCE_VALUE;
        break;
      default:
        throw new Error('AssertionError: unexpected opcode ' + insn.getOpcode());
    }
    if (!this.isSubTypeOf(value1, expected1)) {
      throw new AnalyzerException(insn, 'First argument', 'a ' + String(expected1) + ' array reference', value1);
    } else if (!BasicValue.INT_VALUE.equals(value2)) {
      throw new AnalyzerException(insn, 'Second argument', BasicValue.INT_VALUE, value2);
    } else if (!this.isSubTypeOf(value3, expected3)) {
      throw new AnalyzerException(insn, 'Third argument', expected3, value3);
    }
    return null;
  }

  override naryOperation(insn: AbstractInsnNode, values: BasicValue[]): BasicValue | null {
    const opcode = insn.getOpcode();
    if (opcode === Opcodes.MULTIANEWARRAY) {
      for (let i = 0; i < values.length; ++i) {
        if (!BasicValue.INT_VALUE.equals(values[i])) {
          throw new AnalyzerException(insn, null, BasicValue.INT_VALUE, values[i]!);
        }
      }
    } else {
      let i = 0;
      let j = 0;
      if (opcode !== Opcodes.INVOKESTATIC && opcode !== Opcodes.INVOKEDYNAMIC) {
        const owner = Type.getObjectType((insn as MethodInsnNode).owner);
        if (!this.isSubTypeOf(values[i++]!, this.newValue(owner)!)) {
          throw new AnalyzerException(insn, 'Method owner', this.newValue(owner), values[0]!);
        }
      }
      const methodDescriptor = opcode === Opcodes.INVOKEDYNAMIC ? (insn as InvokeDynamicInsnNode).desc : (insn as MethodInsnNode).desc;
      const args = Type.getArgumentTypes(methodDescriptor);
      while (i < values.length) {
        const expected = this.newValue(args[j++]!)!;
        const actual = values[i++]!;
        if (!this.isSubTypeOf(actual, expected)) {
          throw new AnalyzerException(insn, 'Argument ' + j, expected, actual);
        }
      }
    }
    return super.naryOperation(insn, values);
  }

  override returnOperation(insn: AbstractInsnNode, value: BasicValue, expected: BasicValue): void {
    if (!this.isSubTypeOf(value, expected)) {
      throw new AnalyzerException(insn, 'Incompatible return type', expected, value);
    }
  }

  /** Whether `value` is an array reference (here: any reference). */
  protected isArrayValue(value: BasicValue): boolean {
    return value.isReference();
  }

  /** The value of the elements of the reference array `objectArrayValue` (here: a reference). */
  protected getElementValue(objectArrayValue: BasicValue): BasicValue {
    return BasicValue.REFERENCE_VALUE;
  }

  /** Whether the type of `value` is a subtype of the type of `expected` (here: equal types). */
  protected isSubTypeOf(value: BasicValue, expected: BasicValue): boolean {
    return value.equals(expected);
  }
}
