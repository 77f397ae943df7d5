import type { AnnotationVisitor } from './annotation-visitor.js';
import type { Attribute } from './attribute.js';
import { ConstantDynamic } from './constant-dynamic.js';
import { checkApi } from './constants.js';
import { Handle } from './handle.js';
import { UnsupportedOperationException } from './java-exceptions.js';
import type { ConstantValue } from './java-values.js';
import type { Label } from './label.js';
import { Opcodes } from './opcodes.js';
import { Type } from './type.js';
import type { TypePath } from './type-path.js';
import { spreadArguments } from './varargs.js';

/**
 * A frame element as passed to `visitFrame` (JVMS §4.7.4 verification_type_info): a number from
 * Opcodes.TOP…UNINITIALIZED_THIS, an internal name for an object type, or the Label of the NEW
 * instruction that created an uninitialized value.
 */
export type FrameElement = number | string | Label;

const REQUIRES_ASM5 = 'This feature requires ASM5';

/**
 * Visits a method (JVMS §4.6) and its code (JVMS §4.7.3). Calls come in the order:
 * (visitParameter)* [visitAnnotationDefault]
 * (visitAnnotation | visitAnnotableParameterCount | visitParameterAnnotation |
 * visitTypeAnnotation | visitAttribute)*
 * [visitCode (visitFrame | visit<i>X</i>Insn | visitLabel | visitInsnAnnotation |
 * visitTryCatchBlock | visitTryCatchAnnotation | visitLocalVariable |
 * visitLocalVariableAnnotation | visitLineNumber | visitAttribute)* visitMaxs] visitEnd.
 *
 * Instructions and labels come in bytecode order; visitTryCatchBlock comes before its labels are
 * visited; visitLocalVariable(Annotation) and visitLineNumber after theirs.
 *
 * Java's varargs parameters (`Label... labels`, `Object... bootstrapMethodArguments`) are plain
 * arrays here, so that pass-through code ports unchanged.
 */
export class MethodVisitor {
  /** The ASM API level implemented by this visitor (one of Opcodes.ASM4…ASM9). */
  readonly api: number;
  /** The visitor to which events are forwarded, or null. */
  mv: MethodVisitor | null;

  constructor(api: number, methodVisitor: MethodVisitor | null = null) {
    checkApi(api);
    this.api = api;
    this.mv = methodVisitor;
  }

  /** The visitor to which this one forwards its events, or null. */
  getDelegate(): MethodVisitor | null {
    return this.mv;
  }

  // ## Parameters, annotations and non-standard attributes

  /** Visits a MethodParameters entry (JVMS §4.7.24): name or null, ACC_FINAL/SYNTHETIC/MANDATED. */
  visitParameter(name: string | null, access: number): void {
    if (this.api < Opcodes.ASM5) {
      throw new UnsupportedOperationException(REQUIRES_ASM5);
    }
    if (this.mv !== null) {
      this.mv.visitParameter(name, access);
    }
  }

  /**
   * Visits the AnnotationDefault attribute (JVMS §4.7.22): the returned visitor receives exactly
   * one value (its name is ignored), then visitEnd.
   */
  visitAnnotationDefault(): AnnotationVisitor | null {
    if (this.mv !== null) {
      return this.mv.visitAnnotationDefault();
    }
    return null;
  }

  /** Visits an annotation of the method (JVMS §4.7.16, §4.7.17). */
  visitAnnotation(descriptor: string, visible: boolean): AnnotationVisitor | null {
    if (this.mv !== null) {
      return this.mv.visitAnnotation(descriptor, visible);
    }
    return null;
  }

  /**
   * Visits an annotation on a type in the method signature (JVMS §4.7.20): typeRef's sort is
   * METHOD_TYPE_PARAMETER(_BOUND), METHOD_RETURN, METHOD_RECEIVER, METHOD_FORMAL_PARAMETER or THROWS.
   */
  visitTypeAnnotation(
    typeRef: number,
    typePath: TypePath | null,
    descriptor: string,
    visible: boolean,
  ): AnnotationVisitor | null {
    if (this.api < Opcodes.ASM5) {
      throw new UnsupportedOperationException(REQUIRES_ASM5);
    }
    if (this.mv !== null) {
      return this.mv.visitTypeAnnotation(typeRef, typePath, descriptor, visible);
    }
    return null;
  }

  /**
   * Visits num_parameters of a Runtime(In)VisibleParameterAnnotations attribute (JVMS §4.7.18),
   * which may be smaller than the descriptor's parameter count (synthetic parameters).
   */
  visitAnnotableParameterCount(parameterCount: number, visible: boolean): void {
    if (this.mv !== null) {
      this.mv.visitAnnotableParameterCount(parameterCount, visible);
    }
  }

  /** Visits an annotation of a parameter (JVMS §4.7.18, §4.7.19). */
  visitParameterAnnotation(parameter: number, descriptor: string, visible: boolean): AnnotationVisitor | null {
    if (this.mv !== null) {
      return this.mv.visitParameterAnnotation(parameter, descriptor, visible);
    }
    return null;
  }

  /** Visits a non-standard attribute: of the method before visitCode, of the Code attribute after. */
  visitAttribute(attribute: Attribute): void {
    if (this.mv !== null) {
      this.mv.visitAttribute(attribute);
    }
  }

  /** Starts the visit of the method's code. */
  visitCode(): void {
    if (this.mv !== null) {
      this.mv.visitCode();
    }
  }

  /**
   * Visits a stack map frame (JVMS §4.7.4): F_NEW for expanded frames, or F_FULL, F_APPEND,
   * F_CHOP, F_SAME, F_SAME1 for compressed ones. Long and double count as one element. The
   * arrays must not be modified by the callee.
   */
  visitFrame(
    type: number,
    numLocal: number,
    local: FrameElement[] | null,
    numStack: number,
    stack: FrameElement[] | null,
  ): void {
    if (this.mv !== null) {
      this.mv.visitFrame(type, numLocal, local, numStack, stack);
    }
  }

  // ## Normal instructions

  /** Visits an instruction without operand (NOP, xCONST_n, arithmetic, xRETURN, ATHROW…). */
  visitInsn(opcode: number): void {
    if (this.mv !== null) {
      this.mv.visitInsn(opcode);
    }
  }

  /** Visits BIPUSH, SIPUSH (signed operand) or NEWARRAY (an Opcodes.T_* operand). */
  visitIntInsn(opcode: number, operand: number): void {
    if (this.mv !== null) {
      this.mv.visitIntInsn(opcode, operand);
    }
  }

  /** Visits xLOAD, xSTORE or RET with a local variable index. */
  visitVarInsn(opcode: number, varIndex: number): void {
    if (this.mv !== null) {
      this.mv.visitVarInsn(opcode, varIndex);
    }
  }

  /** Visits NEW, ANEWARRAY, CHECKCAST or INSTANCEOF with an internal name (or array descriptor). */
  visitTypeInsn(opcode: number, type: string): void {
    if (this.mv !== null) {
      this.mv.visitTypeInsn(opcode, type);
    }
  }

  /** Visits GETSTATIC, PUTSTATIC, GETFIELD or PUTFIELD. */
  visitFieldInsn(opcode: number, owner: string, name: string, descriptor: string): void {
    if (this.mv !== null) {
      this.mv.visitFieldInsn(opcode, owner, name, descriptor);
    }
  }

  /**
   * Visits INVOKEVIRTUAL, INVOKESPECIAL, INVOKESTATIC or INVOKEINTERFACE. Java's deprecated
   * 4-argument overload is the call without `isInterface`, which then means
   * `opcode === INVOKEINTERFACE`. Below ASM5 an explicit `isInterface` that disagrees with the
   * opcode cannot be expressed, as in ASM.
   */
  visitMethodInsn(opcode: number, owner: string, name: string, descriptor: string, isInterface?: boolean): void {
    if (isInterface === undefined) {
      isInterface = (opcode & ~Opcodes.SOURCE_MASK) === Opcodes.INVOKEINTERFACE;
    } else if (
      this.api < Opcodes.ASM5 &&
      (opcode & Opcodes.SOURCE_DEPRECATED) === 0 &&
      isInterface !== (opcode === Opcodes.INVOKEINTERFACE)
    ) {
      throw new UnsupportedOperationException('INVOKESPECIAL/STATIC on interfaces requires ASM5');
    }
    if (this.mv !== null) {
      this.mv.visitMethodInsn(opcode & ~Opcodes.SOURCE_MASK, owner, name, descriptor, isInterface);
    }
  }

  /**
   * Visits INVOKEDYNAMIC (JVMS §6.5.invokedynamic, §4.7.23). The bootstrap method arguments are given one by one
   * or as one array, as with Java's `Object... bootstrapMethodArguments`; the callee may modify that array.
   */
  visitInvokeDynamicInsn(
    name: string,
    descriptor: string,
    bootstrapMethodHandle: Handle,
    ...bootstrapMethodArguments: (ConstantValue | readonly unknown[])[]
  ): void;
  visitInvokeDynamicInsn(
    name: string,
    descriptor: string,
    bootstrapMethodHandle: Handle,
    bootstrapMethodArguments?: ConstantValue | readonly unknown[],
    ...more: ConstantValue[]
  ): void {
    const args = Array.isArray(bootstrapMethodArguments)
      ? bootstrapMethodArguments
      : spreadArguments(bootstrapMethodArguments as ConstantValue | undefined, more);
    if (this.api < Opcodes.ASM5) {
      throw new UnsupportedOperationException(REQUIRES_ASM5);
    }
    if (this.mv !== null) {
      this.mv.visitInvokeDynamicInsn(name, descriptor, bootstrapMethodHandle, args);
    }
  }

  /** Visits IFxx, IF_xCMPxx, GOTO, JSR, IFNULL or IFNONNULL. */
  visitJumpInsn(opcode: number, label: Label): void {
    if (this.mv !== null) {
      this.mv.visitJumpInsn(opcode, label);
    }
  }

  /** Visits a label: it designates the instruction visited next. */
  visitLabel(label: Label): void {
    if (this.mv !== null) {
      this.mv.visitLabel(label);
    }
  }

  // ## Special instructions

  /**
   * Visits LDC (LDC_W, LDC2_W are chosen by the writer). Method types, method handles (class
   * version 51) and dynamic constants (55) need ASM5 and ASM7 respectively.
   */
  visitLdcInsn(value: ConstantValue): void {
    if (
      this.api < Opcodes.ASM5 &&
      (value instanceof Handle || (value instanceof Type && value.getSort() === Type.METHOD))
    ) {
      throw new UnsupportedOperationException(REQUIRES_ASM5);
    }
    if (this.api < Opcodes.ASM7 && value instanceof ConstantDynamic) {
      throw new UnsupportedOperationException('This feature requires ASM7');
    }
    if (this.mv !== null) {
      this.mv.visitLdcInsn(value);
    }
  }

  /** Visits IINC (WIDE is chosen by the writer). */
  visitIincInsn(varIndex: number, increment: number): void {
    if (this.mv !== null) {
      this.mv.visitIincInsn(varIndex, increment);
    }
  }

  /**
   * Visits TABLESWITCH: `labels[i]` is the target for key `min + i`. The labels are given one by one or as one
   * array, as with Java's `Label... labels`.
   */
  visitTableSwitchInsn(min: number, max: number, dflt: Label, ...labels: (Label | readonly Label[])[]): void;
  visitTableSwitchInsn(min: number, max: number, dflt: Label, labels?: Label | readonly Label[], ...more: Label[]): void {
    if (this.mv !== null) {
      this.mv.visitTableSwitchInsn(
        min,
        max,
        dflt,
        Array.isArray(labels) ? labels : spreadArguments(labels as Label | undefined, more),
      );
    }
  }

  /** Visits LOOKUPSWITCH: `labels[i]` is the target for `keys[i]`, keys in increasing order. */
  visitLookupSwitchInsn(dflt: Label, keys: number[], labels: Label[]): void {
    if (this.mv !== null) {
      this.mv.visitLookupSwitchInsn(dflt, keys, labels);
    }
  }

  /** Visits MULTIANEWARRAY with an array descriptor. */
  visitMultiANewArrayInsn(descriptor: string, numDimensions: number): void {
    if (this.mv !== null) {
      this.mv.visitMultiANewArrayInsn(descriptor, numDimensions);
    }
  }

  /**
   * Visits an annotation on the instruction just visited (JVMS §4.7.20): typeRef's sort is
   * INSTANCEOF, NEW, CAST, a CONSTRUCTOR/METHOD_REFERENCE or a *_TYPE_ARGUMENT.
   */
  visitInsnAnnotation(
    typeRef: number,
    typePath: TypePath | null,
    descriptor: string,
    visible: boolean,
  ): AnnotationVisitor | null {
    if (this.api < Opcodes.ASM5) {
      throw new UnsupportedOperationException(REQUIRES_ASM5);
    }
    if (this.mv !== null) {
      return this.mv.visitInsnAnnotation(typeRef, typePath, descriptor, visible);
    }
    return null;
  }

  // ## Exception table, debug information, max stack and max locals

  /** Visits an exception_table entry (JVMS §4.7.3); `type` is null for a finally handler. */
  visitTryCatchBlock(start: Label, end: Label, handler: Label, type: string | null = null): void {
    if (this.mv !== null) {
      this.mv.visitTryCatchBlock(start, end, handler, type);
    }
  }

  /** Visits an annotation on an exception handler type (typeRef sort EXCEPTION_PARAMETER). */
  visitTryCatchAnnotation(
    typeRef: number,
    typePath: TypePath | null,
    descriptor: string,
    visible: boolean,
  ): AnnotationVisitor | null {
    if (this.api < Opcodes.ASM5) {
      throw new UnsupportedOperationException(REQUIRES_ASM5);
    }
    if (this.mv !== null) {
      return this.mv.visitTryCatchAnnotation(typeRef, typePath, descriptor, visible);
    }
    return null;
  }

  /** Visits a LocalVariableTable entry (JVMS §4.7.13), merged with its LocalVariableTypeTable signature. */
  visitLocalVariable(
    name: string,
    descriptor: string,
    signature: string | null,
    start: Label,
    end: Label,
    index: number,
  ): void {
    if (this.mv !== null) {
      this.mv.visitLocalVariable(name, descriptor, signature, start, end, index);
    }
  }

  /**
   * Visits an annotation on a local variable type (typeRef sort LOCAL_VARIABLE or
   * RESOURCE_VARIABLE): `start`, `end` and `index` describe its live ranges, one entry each.
   */
  visitLocalVariableAnnotation(
    typeRef: number,
    typePath: TypePath | null,
    start: Label[],
    end: Label[],
    index: number[],
    descriptor: string,
    visible: boolean,
  ): AnnotationVisitor | null {
    if (this.api < Opcodes.ASM5) {
      throw new UnsupportedOperationException(REQUIRES_ASM5);
    }
    if (this.mv !== null) {
      return this.mv.visitLocalVariableAnnotation(typeRef, typePath, start, end, index, descriptor, visible);
    }
    return null;
  }

  /** Visits a LineNumberTable entry (JVMS §4.7.12); `start` has already been visited. */
  visitLineNumber(line: number, start: Label): void {
    if (this.mv !== null) {
      this.mv.visitLineNumber(line, start);
    }
  }

  /** Visits max_stack and max_locals (JVMS §4.7.3). */
  visitMaxs(maxStack: number, maxLocals: number): void {
    if (this.mv !== null) {
      this.mv.visitMaxs(maxStack, maxLocals);
    }
  }

  /** Visits the end of the method. */
  visitEnd(): void {
    if (this.mv !== null) {
      this.mv.visitEnd();
    }
  }
}
