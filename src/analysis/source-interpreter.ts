import { ConstantDynamic } from '../asm/constant-dynamic.js';
import { Double } from '../asm/java-values.js';
import { Opcodes } from '../asm/opcodes.js';
import { Type } from '../asm/type.js';
import type { AbstractInsnNode } from '../tree/abstract-insn-node.js';
import type { FieldInsnNode } from '../tree/field-insn-node.js';
import type { InvokeDynamicInsnNode } from '../tree/invoke-dynamic-insn-node.js';
import type { LdcInsnNode } from '../tree/ldc-insn-node.js';
import type { MethodInsnNode } from '../tree/method-insn-node.js';
import { Interpreter } from './interpreter.js';
import { SmallSet } from './small-set.js';
import { SourceValue } from './source-value.js';
import { IllegalStateException } from '../asm/java-exceptions.js';

/**
 * An `Interpreter` of `SourceValue`s (ASM's `SourceInterpreter`): each value records the
 * instructions that may have produced it, for def-use analyses.
 *
 * `new SourceInterpreter()` uses the latest API; subclasses pass theirs.
 */
export class SourceInterpreter extends Interpreter<SourceValue> {
  constructor(api?: number) {
    super(api === undefined ? Opcodes.ASM9 : api);
    // As ASM: only SourceInterpreter itself may use the api-less constructor (subclasses state the API they implement).
    if (api === undefined && new.target !== SourceInterpreter) {
      throw new IllegalStateException('subclasses of SourceInterpreter must pass an api');
    }
  }

  override newValue(type: Type | null): SourceValue | null {
    if (type === Type.VOID_TYPE) {
      return null;
    }
    return new SourceValue(type === null ? 1 : type.getSize());
  }

  override newOperation(insn: AbstractInsnNode): SourceValue {
    let size: number;
    switch (insn.getOpcode()) {
      case 9: // LCONST_0
      case 10: // LCONST_1
      case 14: // DCONST_0
      case 15: // DCONST_1
        size = 2;
        break;
      case 18: {
        // LDC: long and double take two words, a dynamic constant those of its type (JVMS §4.4.13).
        const value = (insn as LdcInsnNode).cst;
        if (typeof value === 'bigint' || value instanceof Double) {
          size = 2;
        } else if (value instanceof ConstantDynamic) {
          size = value.getSize();
        } else {
          size = 1;
        }
        break;
      }
      case 178: // GETSTATIC
        size = Type.getType((insn as FieldInsnNode).desc).getSize();
        break;
      default:
        size = 1;
        break;
    }
    return new SourceValue(size, insn);
  }

  override copyOperation(insn: AbstractInsnNode, value: SourceValue): SourceValue {
    return new SourceValue(value.getSize(), insn);
  }

  override unaryOperation(insn: AbstractInsnNode, value: SourceValue): SourceValue {
    let size: number;
    switch (insn.getOpcode()) {
      case 117: // LNEG
      case 119: // DNEG
      case 133: // I2L
      case 135: // I2D
      case 138: // L2D
      case 140: // F2L
      case 141: // F2D
      case 143: // D2L
        size = 2;
        break;
      case 180: // GETFIELD
        size = Type.getType((insn as FieldInsnNode).desc).getSize();
        break;
      default:
        size = 1;
        break;
    }
    return new SourceValue(size, insn);
  }

  override binaryOperation(insn: AbstractInsnNode, value1: SourceValue, value2: SourceValue): SourceValue {
    let size: number;
    switch (insn.getOpcode()) {
      case 47: // LALOAD
      case 49: // DALOAD
      case 97: // LADD
      case 99: // DADD
      case 101: // LSUB
      case 103: // DSUB
      case 105: // LMUL
      case 107: // DMUL
      case 109: // LDIV
      case 111: // DDIV
      case 113: // LREM
      case 115: // DREM
      case 121: // LSHL
      case 123: // LSHR
      case 125: // LUSHR
      case 127: // LAND
      case 129: // LOR
      case 131: // LXOR
        size = 2;
        break;
      default:
        size = 1;
        break;
    }
    return new SourceValue(size, insn);
  }

  override ternaryOperation(insn: AbstractInsnNode, value1: SourceValue, value2: SourceValue, value3: SourceValue): SourceValue {
    return new SourceValue(1, insn);
  }

  override naryOperation(insn: AbstractInsnNode, values: SourceValue[]): SourceValue {
    let size: number;
    const opcode = insn.getOpcode();
    if (opcode === Opcodes.MULTIANEWARRAY) {
      size = 1;
    } else if (opcode === Opcodes.INVOKEDYNAMIC) {
      size = Type.getReturnType((insn as InvokeDynamicInsnNode).desc).getSize();
    } else {
      size = Type.getReturnType((insn as MethodInsnNode).desc).getSize();
    }
    return new SourceValue(size, insn);
  }

  override returnOperation(insn: AbstractInsnNode, value: SourceValue, expected: SourceValue): void {
    // Nothing to do.
  }

  override merge(value1: SourceValue, value2: SourceValue): SourceValue {
    const insns1 = value1.insns;
    const insns2 = value2.insns;
    if (insns1 instanceof SmallSet && insns2 instanceof SmallSet) {
      const setUnion = (insns1 as SmallSet<AbstractInsnNode>).union(insns2 as SmallSet<AbstractInsnNode>);
      if (setUnion === insns1 && value1.size === value2.size) {
        return value1;
      }
      return new SourceValue(Math.min(value1.size, value2.size), setUnion);
    }
    if (value1.size !== value2.size || !containsAll(insns1, insns2)) {
      const setUnion = new Set<AbstractInsnNode>(insns1);
      for (const insn of insns2) {
        setUnion.add(insn);
      }
      return new SourceValue(Math.min(value1.size, value2.size), setUnion);
    }
    return value1;
  }
}

/** Whether `self` contains every element of `other`. */
function containsAll<E>(self: ReadonlySet<E>, other: ReadonlySet<E>): boolean {
  if (self.size < other.size) {
    return false;
  }
  for (const element of other) {
    if (!self.has(element)) {
      return false;
    }
  }
  return true;
}
