// # TraceMethodVisitor: prints the method events it visits with a Printer

import type { AnnotationVisitor } from '../asm/annotation-visitor.js';
import type { Attribute } from '../asm/attribute.js';
import type { Handle } from '../asm/handle.js';
import type { ConstantValue } from '../asm/java-values.js';
import type { Label } from '../asm/label.js';
import { type FrameElement, MethodVisitor } from '../asm/method-visitor.js';
import { Opcodes } from '../asm/opcodes.js';
import type { TypePath } from '../asm/type-path.js';
import type { Printer } from './printer.js';
import { TraceAnnotationVisitor } from './trace-annotation-visitor.js';
import { UnsupportedOperationException } from '../asm/java-exceptions.js';
import { varargsOf } from '../asm/varargs.js';

/** A MethodVisitor that prints each event with a Printer, then forwards it to its delegate. */
export class TraceMethodVisitor extends MethodVisitor {
  /** The printer that converts the visited method into text. */
  readonly p: Printer;

  /** Java's `new TraceMethodVisitor(printer)` is `(null, printer)` here, or just `(printer)`. */
  constructor(printer: Printer);
  constructor(methodVisitor: MethodVisitor | null, printer: Printer);
  constructor(methodVisitor: MethodVisitor | null | Printer, printer?: Printer) {
    super(Opcodes.ASM9, printer === undefined ? null : (methodVisitor as MethodVisitor | null));
    this.p = printer ?? (methodVisitor as Printer);
  }

  override visitParameter(name: string | null, access: number): void {
    this.p.visitParameter(name, access);
    super.visitParameter(name, access);
  }

  override visitAnnotation(descriptor: string, visible: boolean): AnnotationVisitor {
    const annotationPrinter = this.p.visitMethodAnnotation(descriptor, visible);
    return new TraceAnnotationVisitor(super.visitAnnotation(descriptor, visible), annotationPrinter);
  }

  override visitTypeAnnotation(
    typeRef: number,
    typePath: TypePath | null,
    descriptor: string,
    visible: boolean,
  ): AnnotationVisitor {
    const annotationPrinter = this.p.visitMethodTypeAnnotation(typeRef, typePath, descriptor, visible);
    return new TraceAnnotationVisitor(
      super.visitTypeAnnotation(typeRef, typePath, descriptor, visible),
      annotationPrinter,
    );
  }

  override visitAttribute(attribute: Attribute): void {
    this.p.visitMethodAttribute(attribute);
    super.visitAttribute(attribute);
  }

  override visitAnnotationDefault(): AnnotationVisitor {
    const annotationPrinter = this.p.visitAnnotationDefault();
    return new TraceAnnotationVisitor(super.visitAnnotationDefault(), annotationPrinter);
  }

  override visitAnnotableParameterCount(parameterCount: number, visible: boolean): void {
    this.p.visitAnnotableParameterCount(parameterCount, visible);
    super.visitAnnotableParameterCount(parameterCount, visible);
  }

  override visitParameterAnnotation(parameter: number, descriptor: string, visible: boolean): AnnotationVisitor {
    const annotationPrinter = this.p.visitParameterAnnotation(parameter, descriptor, visible);
    return new TraceAnnotationVisitor(super.visitParameterAnnotation(parameter, descriptor, visible), annotationPrinter);
  }

  override visitCode(): void {
    this.p.visitCode();
    super.visitCode();
  }

  override visitFrame(
    type: number,
    numLocal: number,
    local: FrameElement[] | null,
    numStack: number,
    stack: FrameElement[] | null,
  ): void {
    this.p.visitFrame(type, numLocal, local, numStack, stack);
    super.visitFrame(type, numLocal, local, numStack, stack);
  }

  override visitInsn(opcode: number): void {
    this.p.visitInsn(opcode);
    super.visitInsn(opcode);
  }

  override visitIntInsn(opcode: number, operand: number): void {
    this.p.visitIntInsn(opcode, operand);
    super.visitIntInsn(opcode, operand);
  }

  override visitVarInsn(opcode: number, varIndex: number): void {
    this.p.visitVarInsn(opcode, varIndex);
    super.visitVarInsn(opcode, varIndex);
  }

  override visitTypeInsn(opcode: number, type: string): void {
    this.p.visitTypeInsn(opcode, type);
    super.visitTypeInsn(opcode, type);
  }

  override visitFieldInsn(opcode: number, owner: string, name: string, descriptor: string): void {
    this.p.visitFieldInsn(opcode, owner, name, descriptor);
    super.visitFieldInsn(opcode, owner, name, descriptor);
  }

  override visitMethodInsn(opcode: number, owner: string, name: string, descriptor: string, isInterface?: boolean): void {
    const itf = isInterface ?? opcode === Opcodes.INVOKEINTERFACE;
    // Call the form of visitMethodInsn that the printer implements, given its API level.
    if (this.p.api < Opcodes.ASM5) {
      if (itf !== (opcode === Opcodes.INVOKEINTERFACE)) {
        throw new UnsupportedOperationException('INVOKESPECIAL/STATIC on interfaces require ASM5');
      }
      this.p.visitMethodInsn(opcode, owner, name, descriptor);
    } else {
      this.p.visitMethodInsn(opcode, owner, name, descriptor, itf);
    }
    if (this.mv !== null) {
      this.mv.visitMethodInsn(opcode, owner, name, descriptor, itf);
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
    this.p.visitInvokeDynamicInsn(name, descriptor, bootstrapMethodHandle, bootstrapMethodArguments);
    super.visitInvokeDynamicInsn(name, descriptor, bootstrapMethodHandle, bootstrapMethodArguments);
  }

  override visitJumpInsn(opcode: number, label: Label): void {
    this.p.visitJumpInsn(opcode, label);
    super.visitJumpInsn(opcode, label);
  }

  override visitLabel(label: Label): void {
    this.p.visitLabel(label);
    super.visitLabel(label);
  }

  override visitLdcInsn(value: ConstantValue): void {
    this.p.visitLdcInsn(value);
    super.visitLdcInsn(value);
  }

  override visitIincInsn(varIndex: number, increment: number): void {
    this.p.visitIincInsn(varIndex, increment);
    super.visitIincInsn(varIndex, increment);
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
    this.p.visitTableSwitchInsn(min, max, dflt, labels);
    super.visitTableSwitchInsn(min, max, dflt, labels);
  }

  override visitLookupSwitchInsn(dflt: Label, keys: number[], labels: Label[]): void {
    this.p.visitLookupSwitchInsn(dflt, keys, labels);
    super.visitLookupSwitchInsn(dflt, keys, labels);
  }

  override visitMultiANewArrayInsn(descriptor: string, numDimensions: number): void {
    this.p.visitMultiANewArrayInsn(descriptor, numDimensions);
    super.visitMultiANewArrayInsn(descriptor, numDimensions);
  }

  override visitInsnAnnotation(
    typeRef: number,
    typePath: TypePath | null,
    descriptor: string,
    visible: boolean,
  ): AnnotationVisitor {
    const annotationPrinter = this.p.visitInsnAnnotation(typeRef, typePath, descriptor, visible);
    return new TraceAnnotationVisitor(
      super.visitInsnAnnotation(typeRef, typePath, descriptor, visible),
      annotationPrinter,
    );
  }

  override visitTryCatchBlock(start: Label, end: Label, handler: Label, type: string | null = null): void {
    this.p.visitTryCatchBlock(start, end, handler, type);
    super.visitTryCatchBlock(start, end, handler, type);
  }

  override visitTryCatchAnnotation(
    typeRef: number,
    typePath: TypePath | null,
    descriptor: string,
    visible: boolean,
  ): AnnotationVisitor {
    const annotationPrinter = this.p.visitTryCatchAnnotation(typeRef, typePath, descriptor, visible);
    return new TraceAnnotationVisitor(
      super.visitTryCatchAnnotation(typeRef, typePath, descriptor, visible),
      annotationPrinter,
    );
  }

  override visitLocalVariable(
    name: string,
    descriptor: string,
    signature: string | null,
    start: Label,
    end: Label,
    index: number,
  ): void {
    this.p.visitLocalVariable(name, descriptor, signature, start, end, index);
    super.visitLocalVariable(name, descriptor, signature, start, end, index);
  }

  override visitLocalVariableAnnotation(
    typeRef: number,
    typePath: TypePath | null,
    start: Label[],
    end: Label[],
    index: number[],
    descriptor: string,
    visible: boolean,
  ): AnnotationVisitor {
    const annotationPrinter = this.p.visitLocalVariableAnnotation(
      typeRef,
      typePath,
      start,
      end,
      index,
      descriptor,
      visible,
    );
    return new TraceAnnotationVisitor(
      super.visitLocalVariableAnnotation(typeRef, typePath, start, end, index, descriptor, visible),
      annotationPrinter,
    );
  }

  override visitLineNumber(line: number, start: Label): void {
    this.p.visitLineNumber(line, start);
    super.visitLineNumber(line, start);
  }

  override visitMaxs(maxStack: number, maxLocals: number): void {
    this.p.visitMaxs(maxStack, maxLocals);
    super.visitMaxs(maxStack, maxLocals);
  }

  override visitEnd(): void {
    this.p.visitMethodEnd();
    super.visitEnd();
  }
}
