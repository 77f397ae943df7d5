/**
 * The public constants of ASM 9's `Opcodes` interface: API levels, class file versions, access
 * flags, NEWARRAY operand codes, method handle kinds, stack map frame kinds and the JVM opcodes that
 * the visitor API exposes (JVMS §6.5). Values are identical to ASM's so that ported code behaves
 * the same; Java `int` values are kept as signed 32-bit numbers (see `V_PREVIEW`).
 *
 * The short forms (ILOAD_0, LDC_W, WIDE, GOTO_W…) are not here, as in ASM: the visitor API never
 * exposes them. They live in `constants.ts`.
 */
const opcodes = {
  // ## ASM API levels: major version in bits 16-23, the experimental flag in bit 24.
  ASM4: 4 << 16,
  ASM5: 5 << 16,
  ASM6: 6 << 16,
  ASM7: 7 << 16,
  ASM8: 8 << 16,
  ASM9: 9 << 16,
  /** Experimental API level (preview features); may be renamed when it becomes stable. */
  ASM10_EXPERIMENTAL: (1 << 24) | (10 << 16),

  // Flag marking a call redirected from a deprecated visitor method (ASM's internal convention
  // for api-dependent redirection, e.g. visitMethodInsn without isInterface).
  SOURCE_DEPRECATED: 0x100,
  SOURCE_MASK: 0x100,

  // ## Class file versions (JVMS §4.1): minor version in the high 16 bits, major in the low 16.
  V1_1: (3 << 16) | 45,
  V1_2: 46,
  V1_3: 47,
  V1_4: 48,
  V1_5: 49,
  V1_6: 50,
  V1_7: 51,
  V1_8: 52,
  V9: 53,
  V10: 54,
  V11: 55,
  V12: 56,
  V13: 57,
  V14: 58,
  V15: 59,
  V16: 60,
  V17: 61,
  V18: 62,
  V19: 63,
  V20: 64,
  V21: 65,
  V22: 66,
  V23: 67,
  V24: 68,
  V25: 69,
  /** Minor version 0xFFFF (JVMS §4.1): test with `(version & V_PREVIEW) === V_PREVIEW`. */
  V_PREVIEW: 0xffff0000 | 0,

  // ## Access flags (JVMS §4.1, §4.5, §4.6, §4.7.6, §4.7.24, §4.7.25). Several share a bit: their
  // meaning depends on the structure they appear in.
  ACC_PUBLIC: 0x0001, // class, field, method
  ACC_PRIVATE: 0x0002, // class, field, method
  ACC_PROTECTED: 0x0004, // class, field, method
  ACC_STATIC: 0x0008, // field, method
  ACC_FINAL: 0x0010, // class, field, method, parameter
  ACC_SUPER: 0x0020, // class
  ACC_SYNCHRONIZED: 0x0020, // method
  ACC_OPEN: 0x0020, // module
  ACC_TRANSITIVE: 0x0020, // module requires
  ACC_VOLATILE: 0x0040, // field
  ACC_BRIDGE: 0x0040, // method
  ACC_STATIC_PHASE: 0x0040, // module requires
  ACC_VARARGS: 0x0080, // method
  ACC_TRANSIENT: 0x0080, // field
  ACC_NATIVE: 0x0100, // method
  ACC_INTERFACE: 0x0200, // class
  ACC_ABSTRACT: 0x0400, // class, method
  ACC_STRICT: 0x0800, // method
  ACC_SYNTHETIC: 0x1000, // class, field, method, parameter, module *
  ACC_ANNOTATION: 0x2000, // class
  ACC_ENUM: 0x4000, // class, field, inner class
  ACC_MANDATED: 0x8000, // field, method, parameter, module, module *
  ACC_MODULE: 0x8000, // class

  // ASM-only flags live above bit 15 so that they can never reach the 16-bit access_flags items
  // of a class file.
  ACC_RECORD: 0x10000, // class
  ACC_DEPRECATED: 0x20000, // class, field, method

  // ## NEWARRAY atype operands (JVMS §6.5.newarray).
  T_BOOLEAN: 4,
  T_CHAR: 5,
  T_FLOAT: 6,
  T_DOUBLE: 7,
  T_BYTE: 8,
  T_SHORT: 9,
  T_INT: 10,
  T_LONG: 11,

  // ## reference_kind of CONSTANT_MethodHandle_info (JVMS §4.4.8).
  H_GETFIELD: 1,
  H_GETSTATIC: 2,
  H_PUTFIELD: 3,
  H_PUTSTATIC: 4,
  H_INVOKEVIRTUAL: 5,
  H_INVOKESTATIC: 6,
  H_INVOKESPECIAL: 7,
  H_NEWINVOKESPECIAL: 8,
  H_INVOKEINTERFACE: 9,

  // ## Frame kinds passed to visitFrame (ASM's own encoding, not the StackMapTable frame_type).
  /** An uncompressed frame (ClassReader.EXPAND_FRAMES). */
  F_NEW: -1,
  /** A full_frame (JVMS §4.7.4). */
  F_FULL: 0,
  /** An append_frame: 1 to 3 locals added, empty stack. */
  F_APPEND: 1,
  /** A chop_frame: the last 1 to 3 locals removed, empty stack. */
  F_CHOP: 2,
  /** A same_frame: same locals, empty stack. */
  F_SAME: 3,
  /** A same_locals_1_stack_item_frame: same locals, one stack value. */
  F_SAME1: 4,

  // ## Verification types used as frame elements in visitFrame (JVMS §4.7.4 verification_type_info
  // tags 0-6). Object and uninitialized types are passed as a string and a Label instead.
  TOP: 0,
  INTEGER: 1,
  FLOAT: 2,
  DOUBLE: 3,
  LONG: 4,
  NULL: 5,
  UNINITIALIZED_THIS: 6,

  // ## JVM opcodes (JVMS §6.5), as passed to the MethodVisitor visit*Insn methods.
  NOP: 0,
  ACONST_NULL: 1,
  ICONST_M1: 2,
  ICONST_0: 3,
  ICONST_1: 4,
  ICONST_2: 5,
  ICONST_3: 6,
  ICONST_4: 7,
  ICONST_5: 8,
  LCONST_0: 9,
  LCONST_1: 10,
  FCONST_0: 11,
  FCONST_1: 12,
  FCONST_2: 13,
  DCONST_0: 14,
  DCONST_1: 15,
  BIPUSH: 16,
  SIPUSH: 17,
  LDC: 18,
  ILOAD: 21,
  LLOAD: 22,
  FLOAD: 23,
  DLOAD: 24,
  ALOAD: 25,
  IALOAD: 46,
  LALOAD: 47,
  FALOAD: 48,
  DALOAD: 49,
  AALOAD: 50,
  BALOAD: 51,
  CALOAD: 52,
  SALOAD: 53,
  ISTORE: 54,
  LSTORE: 55,
  FSTORE: 56,
  DSTORE: 57,
  ASTORE: 58,
  IASTORE: 79,
  LASTORE: 80,
  FASTORE: 81,
  DASTORE: 82,
  AASTORE: 83,
  BASTORE: 84,
  CASTORE: 85,
  SASTORE: 86,
  POP: 87,
  POP2: 88,
  DUP: 89,
  DUP_X1: 90,
  DUP_X2: 91,
  DUP2: 92,
  DUP2_X1: 93,
  DUP2_X2: 94,
  SWAP: 95,
  IADD: 96,
  LADD: 97,
  FADD: 98,
  DADD: 99,
  ISUB: 100,
  LSUB: 101,
  FSUB: 102,
  DSUB: 103,
  IMUL: 104,
  LMUL: 105,
  FMUL: 106,
  DMUL: 107,
  IDIV: 108,
  LDIV: 109,
  FDIV: 110,
  DDIV: 111,
  IREM: 112,
  LREM: 113,
  FREM: 114,
  DREM: 115,
  INEG: 116,
  LNEG: 117,
  FNEG: 118,
  DNEG: 119,
  ISHL: 120,
  LSHL: 121,
  ISHR: 122,
  LSHR: 123,
  IUSHR: 124,
  LUSHR: 125,
  IAND: 126,
  LAND: 127,
  IOR: 128,
  LOR: 129,
  IXOR: 130,
  LXOR: 131,
  IINC: 132,
  I2L: 133,
  I2F: 134,
  I2D: 135,
  L2I: 136,
  L2F: 137,
  L2D: 138,
  F2I: 139,
  F2L: 140,
  F2D: 141,
  D2I: 142,
  D2L: 143,
  D2F: 144,
  I2B: 145,
  I2C: 146,
  I2S: 147,
  LCMP: 148,
  FCMPL: 149,
  FCMPG: 150,
  DCMPL: 151,
  DCMPG: 152,
  IFEQ: 153,
  IFNE: 154,
  IFLT: 155,
  IFGE: 156,
  IFGT: 157,
  IFLE: 158,
  IF_ICMPEQ: 159,
  IF_ICMPNE: 160,
  IF_ICMPLT: 161,
  IF_ICMPGE: 162,
  IF_ICMPGT: 163,
  IF_ICMPLE: 164,
  IF_ACMPEQ: 165,
  IF_ACMPNE: 166,
  GOTO: 167,
  JSR: 168,
  RET: 169,
  TABLESWITCH: 170,
  LOOKUPSWITCH: 171,
  IRETURN: 172,
  LRETURN: 173,
  FRETURN: 174,
  DRETURN: 175,
  ARETURN: 176,
  RETURN: 177,
  GETSTATIC: 178,
  PUTSTATIC: 179,
  GETFIELD: 180,
  PUTFIELD: 181,
  INVOKEVIRTUAL: 182,
  INVOKESPECIAL: 183,
  INVOKESTATIC: 184,
  INVOKEINTERFACE: 185,
  INVOKEDYNAMIC: 186,
  NEW: 187,
  NEWARRAY: 188,
  ANEWARRAY: 189,
  ARRAYLENGTH: 190,
  ATHROW: 191,
  CHECKCAST: 192,
  INSTANCEOF: 193,
  MONITORENTER: 194,
  MONITOREXIT: 195,
  MULTIANEWARRAY: 197,
  IFNULL: 198,
  IFNONNULL: 199,
};

/** ASM's `Opcodes` constants. */
export const Opcodes: Readonly<typeof opcodes> = Object.freeze(opcodes);
