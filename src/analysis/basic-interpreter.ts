import { ConstantDynamic } from '../asm/constant-dynamic.js';
import { Handle } from '../asm/handle.js';
import { Double, Float } from '../asm/java-values.js';
import { Opcodes } from '../asm/opcodes.js';
import { Type } from '../asm/type.js';
import type { AbstractInsnNode } from '../tree/abstract-insn-node.js';
import type { FieldInsnNode } from '../tree/field-insn-node.js';
import type { IntInsnNode } from '../tree/int-insn-node.js';
import type { InvokeDynamicInsnNode } from '../tree/invoke-dynamic-insn-node.js';
import type { LdcInsnNode } from '../tree/ldc-insn-node.js';
import type { MethodInsnNode } from '../tree/method-insn-node.js';
import type { MultiANewArrayInsnNode } from '../tree/multi-a-new-array-insn-node.js';
import type { TypeInsnNode } from '../tree/type-insn-node.js';
import { AnalyzerException } from './analyzer-exception.js';
import { BasicValue } from './basic-value.js';
import { Interpreter } from './interpreter.js';
import { IllegalStateException } from '../asm/java-exceptions.js';

/**
 * An `Interpreter` of `BasicValue`s (ASM's `BasicInterpreter`): it computes the seven basic
 * types of the values of each frame, without checking that instructions get the operands they
 * expect (`BasicVerifier` does).
 *
 * `new BasicInterpreter()` uses the latest API; subclasses pass theirs (`super(Opcodes.ASM9)`).
 */
export class BasicInterpreter extends Interpreter<BasicValue> {
  /** The type of the `null` literal: an object reference type with descriptor `Lnull;`. */
  static readonly NULL_TYPE: Type = Type.getObjectType('null');

  constructor(api?: number) {
    super(api === undefined ? Opcodes.ASM9 : api);
    // As ASM: only BasicInterpreter itself may use the api-less constructor (subclasses state the API they implement).
    if (api === undefined && new.target !== BasicInterpreter) {
      throw new IllegalStateException('subclasses of BasicInterpreter must pass an api');
    }
  }

  override newValue(type: Type | null): BasicValue | null {
    if (type === null) {
      return BasicValue.UNINITIALIZED_VALUE;
    }
    switch (type.getSort()) {
      case Type.VOID:
        return null;
      case Type.BOOLEAN:
      case Type.CHAR:
      case Type.BYTE:
      case Type.SHORT:
      case Type.INT:
        return BasicValue.INT_VALUE;
      case Type.FLOAT:
        return BasicValue.FLOAT_VALUE;
      case Type.LONG:
        return BasicValue.LONG_VALUE;
      case Type.DOUBLE:
        return BasicValue.DOUBLE_VALUE;
      case Type.ARRAY:
      case Type.OBJECT:
        return BasicValue.REFERENCE_VALUE;
      default:
        throw new Error('AssertionError: no value for type ' + type.getDescriptor());
    }
  }

  override newOperation(insn: AbstractInsnNode): BasicValue {
    switch (insn.getOpcode()) {
      case 1: // ACONST_NULL
        return this.newValue(BasicInterpreter.NULL_TYPE)!;
      case 2: // ICONST_M1
      case 3: // ICONST_0
      case 4: // ICONST_1
      case 5: // ICONST_2
      case 6: // ICONST_3
      case 7: // ICONST_4
      case 8: // ICONST_5
        return BasicValue.INT_VALUE;
      case 9: // LCONST_0
      case 10: // LCONST_1
        return BasicValue.LONG_VALUE;
      case 11: // FCONST_0
      case 12: // FCONST_1
      case 13: // FCONST_2
        return BasicValue.FLOAT_VALUE;
      case 14: // DCONST_0
      case 15: // DCONST_1
        return BasicValue.DOUBLE_VALUE;
      case 16: // BIPUSH
      case 17: // SIPUSH
        return BasicValue.INT_VALUE;
      case 18: {
        // LDC (JVMS §6.5.ldc): an int is a number, a long a bigint.
        const value = (insn as LdcInsnNode).cst;
        if (typeof value === 'number') {
          return BasicValue.INT_VALUE;
        } else if (value instanceof Float) {
          return BasicValue.FLOAT_VALUE;
        } else if (typeof value === 'bigint') {
          return BasicValue.LONG_VALUE;
        } else if (value instanceof Double) {
          return BasicValue.DOUBLE_VALUE;
        } else if (typeof value === 'string') {
          return this.newValue(Type.getObjectType('java/lang/String'))!;
        } else if (value instanceof Type) {
          const sort = value.getSort();
          if (sort === Type.OBJECT || sort === Type.ARRAY) {
            return this.newValue(Type.getObjectType('java/lang/Class'))!;
          } else if (sort === Type.METHOD) {
            return this.newValue(Type.getObjectType('java/lang/invoke/MethodType'))!;
          }
          throw new AnalyzerException(insn, 'Illegal LDC value ' + String(value));
        } else if (value instanceof Handle) {
          return this.newValue(Type.getObjectType('java/lang/invoke/MethodHandle'))!;
        } else if (value instanceof ConstantDynamic) {
          return this.newValue(Type.getType(value.getDescriptor()))!;
        }
        throw new AnalyzerException(insn, 'Illegal LDC value ' + String(value));
      }
      case 168: // JSR
        return BasicValue.RETURNADDRESS_VALUE;
      case 178: // GETSTATIC
        return this.newValue(Type.getType((insn as FieldInsnNode).desc))!;
      case 187: // NEW
        return this.newValue(Type.getObjectType((insn as TypeInsnNode).desc))!;
      default:
        throw new Error('AssertionError: unexpected opcode ' + insn.getOpcode());
    }
  }

  override copyOperation(insn: AbstractInsnNode, value: BasicValue): BasicValue {
    return value;
  }

  override unaryOperation(insn: AbstractInsnNode, value: BasicValue): BasicValue | null {
    switch (insn.getOpcode()) {
      case 116: // INEG
      case 132: // IINC
      case 136: // L2I
      case 139: // F2I
      case 142: // D2I
      case 145: // I2B
      case 146: // I2C
      case 147: // I2S
        return BasicValue.INT_VALUE;
      case 118: // FNEG
      case 134: // I2F
      case 137: // L2F
      case 144: // D2F
        return BasicValue.FLOAT_VALUE;
      case 117: // LNEG
      case 133: // I2L
      case 140: // F2L
      case 143: // D2L
        return BasicValue.LONG_VALUE;
      case 119: // DNEG
      case 135: // I2D
      case 138: // L2D
      case 141: // F2D
        return BasicValue.DOUBLE_VALUE;
      case 153: // IFEQ
      case 154: // IFNE
      case 155: // IFLT
      case 156: // IFGE
      case 157: // IFGT
      case 158: // IFLE
      case 170: // TABLESWITCH
      case 171: // LOOKUPSWITCH
      case 172: // IRETURN
      case 173: // LRETURN
      case 174: // FRETURN
      case 175: // DRETURN
      case 176: // ARETURN
      case 179: // PUTSTATIC
        return null;
      case 180: // GETFIELD
        return this.newValue(Type.getType((insn as FieldInsnNode).desc));
      case 188: // NEWARRAY (JVMS §6.5.newarray: atype)
        switch ((insn as IntInsnNode).operand) {
          case Opcodes.T_BOOLEAN:
            return this.newValue(Type.getType('[Z'));
          case Opcodes.T_CHAR:
            return this.newValue(Type.getType('[C'));
          case Opcodes.T_BYTE:
            return this.newValue(Type.getType('[B'));
          case Opcodes.T_SHORT:
            return this.newValue(Type.getType('[S'));
          case Opcodes.T_INT:
            return this.newValue(Type.getType('[I'));
          case Opcodes.T_FLOAT:
            return this.newValue(Type.getType('[F'));
          case Opcodes.T_DOUBLE:
            return this.newValue(Type.getType('[D'));
          case Opcodes.T_LONG:
            return this.newValue(Type.getType('[J'));
          default:
            break;
        }
        throw new AnalyzerException(insn, 'Invalid array type');
      case 189: // ANEWARRAY
        return this.newValue(Type.getType('[' + Type.getObjectType((insn as TypeInsnNode).desc).getDescriptor()));
      case 190: // ARRAYLENGTH
        return BasicValue.INT_VALUE;
      case 191: // ATHROW
        return null;
      case 192: // CHECKCAST
        return this.newValue(Type.getObjectType((insn as TypeInsnNode).desc));
      case 193: // INSTANCEOF
        return BasicValue.INT_VALUE;
      case 194: // MONITORENTER
      case 195: // MONITOREXIT
      case 198: // IFNULL
      case 199: // IFNONNULL
        return null;
      default:
        throw new Error('AssertionError: unexpected opcode ' + insn.getOpcode());
    }
  }

  override binaryOperation(insn: AbstractInsnNode, value1: BasicValue, value2: BasicValue): BasicValue | null {
    switch (insn.getOpcode()) {
      case 46: // IALOAD
      case 51: // BALOAD
      case 52: // CALOAD
      case 53: // SALOAD
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
        return BasicValue.INT_VALUE;
      case 48: // FALOAD
      case 98: // FADD
      case 102: // FSUB
      case 106: // FMUL
      case 110: // FDIV
      case 114: // FREM
        return BasicValue.FLOAT_VALUE;
      case 47: // LALOAD
      case 97: // LADD
      case 101: // LSUB
      case 105: // LMUL
      case 109: // LDIV
      case 113: // LREM
      case 121: // LSHL
      case 123: // LSHR
      case 125: // LUSHR
      case 127: // LAND
      case 129: // LOR
      case 131: // LXOR
        return BasicValue.LONG_VALUE;
      case 49: // DALOAD
      case 99: // DADD
      case 103: // DSUB
      case 107: // DMUL
      case 111: // DDIV
      case 115: // DREM
        return BasicValue.DOUBLE_VALUE;
      case 50: // AALOAD
        return BasicValue.REFERENCE_VALUE;
      case 148: // LCMP
      case 149: // FCMPL
      case 150: // FCMPG
      case 151: // DCMPL
      case 152: // DCMPG
        return BasicValue.INT_VALUE;
      case 159: // IF_ICMPEQ
      case 160: // IF_ICMPNE
      case 161: // IF_ICMPLT
      case 162: // IF_ICMPGE
      case 163: // IF_ICMPGT
      case 164: // IF_ICMPLE
      case 165: // IF_ACMPEQ
      case 166: // IF_ACMPNE
      case 181: // PUTFIELD
        return null;
      default:
        throw new Error('AssertionError: unexpected opcode ' + insn.getOpcode());
    }
  }

  override ternaryOperation(insn: AbstractInsnNode, value1: BasicValue, value2: BasicValue, value3: BasicValue): BasicValue | null {
    return null;
  }

  override naryOperation(insn: AbstractInsnNode, values: BasicValue[]): BasicValue | null {
    const opcode = insn.getOpcode();
    if (opcode === Opcodes.MULTIANEWARRAY) {
      return this.newValue(Type.getType((insn as MultiANewArrayInsnNode).desc));
    } else if (opcode === Opcodes.INVOKEDYNAMIC) {
      return this.newValue(Type.getReturnType((insn as InvokeDynamicInsnNode).desc));
    }
    return this.newValue(Type.getReturnType((insn as MethodInsnNode).desc));
  }

  override returnOperation(insn: AbstractInsnNode, value: BasicValue, expected: BasicValue): void {
    // Nothing to do.
  }

  override merge(value1: BasicValue, value2: BasicValue): BasicValue {
    if (!value1.equals(value2)) {
      return BasicValue.UNINITIALIZED_VALUE;
    }
    return value1;
  }
}
