import { Constants } from './constants.js';
import { Opcodes } from './opcodes.js';

// The kinds of bytecode instructions (JVMS §6.5), by how they are encoded and visited. One table
// lookup per instruction instead of a 200-case switch; 0 for the opcodes that do not exist.
// A const enum: tsc inlines the members as literals, so that the switches on them compile to
// jump tables.
export const enum Insn {
  /** No operand: visitInsn. */
  INSN_NONE = 1,
  /** xLOAD_n: visitVarInsn(xLOAD, n). */
  INSN_IMPLICIT_LOAD = 2,
  /** xSTORE_n: visitVarInsn(xSTORE, n). */
  INSN_IMPLICIT_STORE = 3,
  /** A local variable index on one byte (xLOAD, xSTORE, RET). */
  INSN_VAR = 4,
  /** A signed byte operand (BIPUSH, NEWARRAY). */
  INSN_BYTE = 5,
  /** SIPUSH. */
  INSN_SHORT = 6,
  /** LDC (one-byte pool index). */
  INSN_LDC = 7,
  /** LDC_W, LDC2_W (two-byte pool index). */
  INSN_LDC_W = 8,
  /** GETSTATIC…INVOKESTATIC: a two-byte pool index. */
  INSN_FIELD_OR_METHOD = 9,
  /** INVOKEINTERFACE: pool index, count and a zero byte. */
  INSN_INVOKEINTERFACE = 10,
  /** INVOKEDYNAMIC: pool index and two zero bytes. */
  INSN_INVOKEDYNAMIC = 11,
  /** NEW, ANEWARRAY, CHECKCAST, INSTANCEOF: a CONSTANT_Class index. */
  INSN_TYPE = 12,
  /** IINC: local index and signed byte increment. */
  INSN_IINC = 13,
  /** MULTIANEWARRAY: CONSTANT_Class index and dimensions. */
  INSN_MULTIANEWARRAY = 14,
  /** IFxx, IF_xCMPxx, GOTO, JSR, IFNULL, IFNONNULL: signed 16-bit offset. */
  INSN_JUMP = 15,
  /** GOTO_W, JSR_W: signed 32-bit offset. */
  INSN_WIDE_JUMP = 16,
  /** ASM_IFEQ…ASM_IFNONNULL: unsigned 16-bit offset (ASM-internal, see EXPAND_ASM_INSNS). */
  INSN_ASM_JUMP = 17,
  /** ASM_GOTO_W: signed 32-bit offset (ASM-internal). */
  INSN_ASM_GOTO_W = 18,
  /** WIDE prefix. */
  INSN_WIDE = 19,
  INSN_TABLESWITCH = 20,
  INSN_LOOKUPSWITCH = 21,
}

export const INSN_KINDS: Uint8Array = (() => {
  const kinds = new Uint8Array(256);
  const set = (from: number, to: number, kind: number): void => {
    for (let opcode = from; opcode <= to; ++opcode) kinds[opcode] = kind;
  };
  set(Opcodes.NOP, Opcodes.DCONST_1, Insn.INSN_NONE);
  kinds[Opcodes.BIPUSH] = Insn.INSN_BYTE;
  kinds[Opcodes.SIPUSH] = Insn.INSN_SHORT;
  kinds[Opcodes.LDC] = Insn.INSN_LDC;
  kinds[Constants.LDC_W] = Insn.INSN_LDC_W;
  kinds[Constants.LDC2_W] = Insn.INSN_LDC_W;
  set(Opcodes.ILOAD, Opcodes.ALOAD, Insn.INSN_VAR);
  set(Constants.ILOAD_0, Constants.ALOAD_3, Insn.INSN_IMPLICIT_LOAD);
  set(Opcodes.IALOAD, Opcodes.SALOAD, Insn.INSN_NONE);
  set(Opcodes.ISTORE, Opcodes.ASTORE, Insn.INSN_VAR);
  set(Constants.ISTORE_0, Constants.ASTORE_3, Insn.INSN_IMPLICIT_STORE);
  set(Opcodes.IASTORE, Opcodes.LXOR, Insn.INSN_NONE);
  kinds[Opcodes.IINC] = Insn.INSN_IINC;
  set(Opcodes.I2L, Opcodes.DCMPG, Insn.INSN_NONE);
  set(Opcodes.IFEQ, Opcodes.JSR, Insn.INSN_JUMP);
  kinds[Opcodes.RET] = Insn.INSN_VAR;
  kinds[Opcodes.TABLESWITCH] = Insn.INSN_TABLESWITCH;
  kinds[Opcodes.LOOKUPSWITCH] = Insn.INSN_LOOKUPSWITCH;
  set(Opcodes.IRETURN, Opcodes.RETURN, Insn.INSN_NONE);
  set(Opcodes.GETSTATIC, Opcodes.INVOKESTATIC, Insn.INSN_FIELD_OR_METHOD);
  kinds[Opcodes.INVOKEINTERFACE] = Insn.INSN_INVOKEINTERFACE;
  kinds[Opcodes.INVOKEDYNAMIC] = Insn.INSN_INVOKEDYNAMIC;
  kinds[Opcodes.NEW] = Insn.INSN_TYPE;
  kinds[Opcodes.NEWARRAY] = Insn.INSN_BYTE;
  kinds[Opcodes.ANEWARRAY] = Insn.INSN_TYPE;
  kinds[Opcodes.ARRAYLENGTH] = Insn.INSN_NONE;
  kinds[Opcodes.ATHROW] = Insn.INSN_NONE;
  kinds[Opcodes.CHECKCAST] = Insn.INSN_TYPE;
  kinds[Opcodes.INSTANCEOF] = Insn.INSN_TYPE;
  kinds[Opcodes.MONITORENTER] = Insn.INSN_NONE;
  kinds[Opcodes.MONITOREXIT] = Insn.INSN_NONE;
  kinds[Constants.WIDE] = Insn.INSN_WIDE;
  kinds[Opcodes.MULTIANEWARRAY] = Insn.INSN_MULTIANEWARRAY;
  kinds[Opcodes.IFNULL] = Insn.INSN_JUMP;
  kinds[Opcodes.IFNONNULL] = Insn.INSN_JUMP;
  kinds[Constants.GOTO_W] = Insn.INSN_WIDE_JUMP;
  kinds[Constants.JSR_W] = Insn.INSN_WIDE_JUMP;
  set(Constants.ASM_IFEQ, Constants.ASM_IFNONNULL, Insn.INSN_ASM_JUMP);
  kinds[Constants.ASM_GOTO_W] = Insn.INSN_ASM_GOTO_W;
  return kinds;
})();

/**
 * The size in bytes of each instruction that has a fixed size and no label operand, by opcode; 0
 * for the others (jumps, switches, wide, and undefined opcodes). The first pass over the bytecode
 * skips most instructions with this table alone.
 */
export const INSN_SIZES: Uint8Array = (() => {
  const sizes = new Uint8Array(256);
  for (let opcode = 0; opcode < 256; ++opcode) {
    switch (INSN_KINDS[opcode]) {
      case Insn.INSN_NONE:
      case Insn.INSN_IMPLICIT_LOAD:
      case Insn.INSN_IMPLICIT_STORE:
        sizes[opcode] = 1;
        break;
      case Insn.INSN_VAR:
      case Insn.INSN_BYTE:
      case Insn.INSN_LDC:
        sizes[opcode] = 2;
        break;
      case Insn.INSN_SHORT:
      case Insn.INSN_LDC_W:
      case Insn.INSN_FIELD_OR_METHOD:
      case Insn.INSN_TYPE:
      case Insn.INSN_IINC:
        sizes[opcode] = 3;
        break;
      case Insn.INSN_MULTIANEWARRAY:
        sizes[opcode] = 4;
        break;
      case Insn.INSN_INVOKEINTERFACE:
      case Insn.INSN_INVOKEDYNAMIC:
        sizes[opcode] = 5;
        break;
      default:
        break;
    }
  }
  return sizes;
})();
