import { IllegalArgumentException } from './java-exceptions.js';
import { Opcodes } from './opcodes.js';

/**
 * ASM's internal (package-private) constants: the attribute names ASM handles natively, ASM-only
 * access and frame flags, the JVM opcodes the visitor API never exposes, and the ASM-specific
 * opcodes 202-220 that the writer uses internally for long forward jumps (JVMS §4.7.3 limits
 * a branch offset to 16 bits; see ASM's developer guide §3.4 on instruction resizing).
 *
 * @internal
 */
const constants = {
  // ## Attribute names, in the order of JVMS §4.7 Table 4.7-C.
  CONSTANT_VALUE: 'ConstantValue',
  CODE: 'Code',
  STACK_MAP_TABLE: 'StackMapTable',
  EXCEPTIONS: 'Exceptions',
  INNER_CLASSES: 'InnerClasses',
  ENCLOSING_METHOD: 'EnclosingMethod',
  SYNTHETIC: 'Synthetic',
  SIGNATURE: 'Signature',
  SOURCE_FILE: 'SourceFile',
  SOURCE_DEBUG_EXTENSION: 'SourceDebugExtension',
  LINE_NUMBER_TABLE: 'LineNumberTable',
  LOCAL_VARIABLE_TABLE: 'LocalVariableTable',
  LOCAL_VARIABLE_TYPE_TABLE: 'LocalVariableTypeTable',
  DEPRECATED: 'Deprecated',
  RUNTIME_VISIBLE_ANNOTATIONS: 'RuntimeVisibleAnnotations',
  RUNTIME_INVISIBLE_ANNOTATIONS: 'RuntimeInvisibleAnnotations',
  RUNTIME_VISIBLE_PARAMETER_ANNOTATIONS: 'RuntimeVisibleParameterAnnotations',
  RUNTIME_INVISIBLE_PARAMETER_ANNOTATIONS: 'RuntimeInvisibleParameterAnnotations',
  RUNTIME_VISIBLE_TYPE_ANNOTATIONS: 'RuntimeVisibleTypeAnnotations',
  RUNTIME_INVISIBLE_TYPE_ANNOTATIONS: 'RuntimeInvisibleTypeAnnotations',
  ANNOTATION_DEFAULT: 'AnnotationDefault',
  BOOTSTRAP_METHODS: 'BootstrapMethods',
  METHOD_PARAMETERS: 'MethodParameters',
  MODULE: 'Module',
  MODULE_PACKAGES: 'ModulePackages',
  MODULE_MAIN_CLASS: 'ModuleMainClass',
  NEST_HOST: 'NestHost',
  NEST_MEMBERS: 'NestMembers',
  PERMITTED_SUBCLASSES: 'PermittedSubclasses',
  RECORD: 'Record',

  // ## ASM-only access flag, above bit 15 like Opcodes.ACC_RECORD: marks <init> methods.
  ACC_CONSTRUCTOR: 0x40000,

  // ## ASM-only frame kind: a frame the writer inserts between existing frames, after a jump
  // it had to expand; its content is computed from the previous frame alone.
  F_INSERT: 256,

  // ## JVM opcodes not exposed by the visitor API (JVMS §6.5): the reader folds them into the
  // general forms and the writer chooses them itself.
  LDC_W: 19,
  LDC2_W: 20,
  ILOAD_0: 26,
  ILOAD_1: 27,
  ILOAD_2: 28,
  ILOAD_3: 29,
  LLOAD_0: 30,
  LLOAD_1: 31,
  LLOAD_2: 32,
  LLOAD_3: 33,
  FLOAD_0: 34,
  FLOAD_1: 35,
  FLOAD_2: 36,
  FLOAD_3: 37,
  DLOAD_0: 38,
  DLOAD_1: 39,
  DLOAD_2: 40,
  DLOAD_3: 41,
  ALOAD_0: 42,
  ALOAD_1: 43,
  ALOAD_2: 44,
  ALOAD_3: 45,
  ISTORE_0: 59,
  ISTORE_1: 60,
  ISTORE_2: 61,
  ISTORE_3: 62,
  LSTORE_0: 63,
  LSTORE_1: 64,
  LSTORE_2: 65,
  LSTORE_3: 66,
  FSTORE_0: 67,
  FSTORE_1: 68,
  FSTORE_2: 69,
  FSTORE_3: 70,
  DSTORE_0: 71,
  DSTORE_1: 72,
  DSTORE_2: 73,
  DSTORE_3: 74,
  ASTORE_0: 75,
  ASTORE_1: 76,
  ASTORE_2: 77,
  ASTORE_3: 78,
  WIDE: 196,
  GOTO_W: 200,
  JSR_W: 201,

  // ## Conversions between normal and wide or ASM-specific jump opcodes.
  /** GOTO_W - GOTO (and JSR_W - JSR). */
  WIDE_JUMP_OPCODE_DELTA: 200 - 167,
  /** From IFEQ..JSR to ASM_IFEQ..ASM_JSR. */
  ASM_OPCODE_DELTA: 49,
  /** From IFNULL/IFNONNULL to ASM_IFNULL/ASM_IFNONNULL. */
  ASM_IFNULL_OPCODE_DELTA: 20,

  // ## ASM-specific opcodes: a jump whose forward offset does not fit in a signed 16-bit value is
  // written with one of these (and an unsigned offset), then rewritten by ClassWriter into a
  // GOTO_W-based sequence.
  ASM_IFEQ: 202, // IFEQ + ASM_OPCODE_DELTA
  ASM_IFNE: 203, // IFNE + ASM_OPCODE_DELTA
  ASM_IFLT: 204, // IFLT + ASM_OPCODE_DELTA
  ASM_IFGE: 205, // IFGE + ASM_OPCODE_DELTA
  ASM_IFGT: 206, // IFGT + ASM_OPCODE_DELTA
  ASM_IFLE: 207, // IFLE + ASM_OPCODE_DELTA
  ASM_IF_ICMPEQ: 208, // IF_ICMPEQ + ASM_OPCODE_DELTA
  ASM_IF_ICMPNE: 209, // IF_ICMPNE + ASM_OPCODE_DELTA
  ASM_IF_ICMPLT: 210, // IF_ICMPLT + ASM_OPCODE_DELTA
  ASM_IF_ICMPGE: 211, // IF_ICMPGE + ASM_OPCODE_DELTA
  ASM_IF_ICMPGT: 212, // IF_ICMPGT + ASM_OPCODE_DELTA
  ASM_IF_ICMPLE: 213, // IF_ICMPLE + ASM_OPCODE_DELTA
  ASM_IF_ACMPEQ: 214, // IF_ACMPEQ + ASM_OPCODE_DELTA
  ASM_IF_ACMPNE: 215, // IF_ACMPNE + ASM_OPCODE_DELTA
  ASM_GOTO: 216, // GOTO + ASM_OPCODE_DELTA
  ASM_JSR: 217, // JSR + ASM_OPCODE_DELTA
  ASM_IFNULL: 218, // IFNULL + ASM_IFNULL_OPCODE_DELTA
  ASM_IFNONNULL: 219, // IFNONNULL + ASM_IFNULL_OPCODE_DELTA
  ASM_GOTO_W: 220,
};

/** @internal ASM's `Constants` (not part of the public API). */
export const Constants: Readonly<typeof constants> = Object.freeze(constants);

/**
 * @internal Rejects API levels other than ASM4…ASM9 and ASM10_EXPERIMENTAL, as the constructors of
 * ASM's visitors do. (ASM also checks that ASM10_EXPERIMENTAL callers are preview class files;
 * a JavaScript caller has no class file, so that level is simply accepted.)
 */
export function checkApi(api: number): void {
  if (
    api !== Opcodes.ASM9 &&
    api !== Opcodes.ASM8 &&
    api !== Opcodes.ASM7 &&
    api !== Opcodes.ASM6 &&
    api !== Opcodes.ASM5 &&
    api !== Opcodes.ASM4 &&
    api !== Opcodes.ASM10_EXPERIMENTAL
  ) {
    throw new IllegalArgumentException('Unsupported api ' + api);
  }
}
