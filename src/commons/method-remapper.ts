import type { AnnotationVisitor } from '../asm/annotation-visitor.js';
import type { Handle } from '../asm/handle.js';
import type { ConstantValue } from '../asm/java-values.js';
import type { Label } from '../asm/label.js';
import { type FrameElement, MethodVisitor } from '../asm/method-visitor.js';
import { Opcodes } from '../asm/opcodes.js';
import type { TypePath } from '../asm/type-path.js';
import { AnnotationRemapper } from './annotation-remapper.js';
import type { Remapper } from './remapper.js';
import { varargsOf } from '../asm/varargs.js';

/**
 * A MethodVisitor that remaps the types and member names a method refers to: annotations, stack
 * map frames (JVMS §4.7.4), field and method instructions, invokedynamic call sites (name,
 * descriptor, bootstrap method and arguments), ldc of class, method type, method handle and
 * dynamic constants, type instructions, multianewarray, exception handler types and local
 * variable descriptors and signatures. Constructors: `(methodVisitor, remapper)` (ASM9) or
 * `(api, methodVisitor, remapper)` for subclasses.
 *
 * Unlike Java ASM, a call with `api < ASM5` is remapped directly instead of being routed through the
 * deprecated four-argument `visitMethodInsn` (which is the same method here).
 */
export class MethodRemapper extends MethodVisitor {
  /** The remapper applied to the visited method. */
  protected readonly remapper: Remapper;

  constructor(methodVisitor: MethodVisitor | null, remapper: Remapper);
  constructor(api: number, methodVisitor: MethodVisitor | null, remapper: Remapper);
  constructor(apiOrVisitor: number | MethodVisitor | null, visitorOrRemapper: MethodVisitor | Remapper | null, remapper?: Remapper) {
    const withApi = typeof apiOrVisitor === 'number';
    super(withApi ? apiOrVisitor : Opcodes.ASM9, (withApi ? visitorOrRemapper : apiOrVisitor) as MethodVisitor | null);
    this.remapper = (withApi ? remapper : visitorOrRemapper) as Remapper;
  }

  override visitAnnotationDefault(): AnnotationVisitor | null {
    const annotationVisitor = super.visitAnnotationDefault();
    return annotationVisitor === null ? null : this.createAnnotationRemapper(null, annotationVisitor);
  }

  override visitAnnotation(descriptor: string, visible: boolean): AnnotationVisitor | null {
    const annotationVisitor = super.visitAnnotation(this.remapper.mapDesc(descriptor), visible);
    return annotationVisitor === null ? null : this.createAnnotationRemapper(descriptor, annotationVisitor);
  }

  override visitTypeAnnotation(
    typeRef: number,
    typePath: TypePath | null,
    descriptor: string,
    visible: boolean,
  ): AnnotationVisitor | null {
    const annotationVisitor = super.visitTypeAnnotation(typeRef, typePath, this.remapper.mapDesc(descriptor), visible);
    return annotationVisitor === null ? null : this.createAnnotationRemapper(descriptor, annotationVisitor);
  }

  override visitParameterAnnotation(parameter: number, descriptor: string, visible: boolean): AnnotationVisitor | null {
    const annotationVisitor = super.visitParameterAnnotation(parameter, this.remapper.mapDesc(descriptor), visible);
    return annotationVisitor === null ? null : this.createAnnotationRemapper(descriptor, annotationVisitor);
  }

  override visitFrame(
    type: number,
    numLocal: number,
    local: FrameElement[] | null,
    numStack: number,
    stack: FrameElement[] | null,
  ): void {
    super.visitFrame(type, numLocal, this.remapFrameTypes(numLocal, local), numStack, this.remapFrameTypes(numStack, stack));
  }

  /**
   * Remaps the class names among the first `numTypes` frame elements, into a copy (the caller's
   * array must not be modified); primitive tags and uninitialized Labels are kept.
   */
  private remapFrameTypes(numTypes: number, frameTypes: FrameElement[] | null): FrameElement[] | null {
    if (frameTypes === null) {
      return frameTypes;
    }
    let remappedFrameTypes: FrameElement[] | null = null;
    for (let i = 0; i < numTypes; ++i) {
      const frameType = frameTypes[i];
      if (typeof frameType === 'string') {
        if (remappedFrameTypes === null) {
          remappedFrameTypes = frameTypes.slice(0, numTypes);
        }
        remappedFrameTypes[i] = this.remapper.mapType(frameType);
      }
    }
    return remappedFrameTypes === null ? frameTypes : remappedFrameTypes;
  }

  override visitFieldInsn(opcode: number, owner: string, name: string, descriptor: string): void {
    super.visitFieldInsn(
      opcode,
      this.remapper.mapType(owner),
      this.remapper.mapFieldName(owner, name, descriptor),
      this.remapper.mapDesc(descriptor),
    );
  }

  override visitMethodInsn(opcode: number, owner: string, name: string, descriptor: string, isInterface?: boolean): void {
    super.visitMethodInsn(
      opcode,
      this.remapper.mapType(owner),
      this.remapper.mapMethodName(owner, name, descriptor),
      this.remapper.mapMethodDesc(descriptor),
      isInterface,
    );
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
    const remappedName = this.remapper.mapInvokeDynamicMethodName(
      name,
      descriptor,
      bootstrapMethodHandle,
      bootstrapMethodArguments,
    );
    const remappedBootstrapMethodArguments = new Array<ConstantValue>(bootstrapMethodArguments.length);
    for (let i = 0; i < bootstrapMethodArguments.length; ++i) {
      remappedBootstrapMethodArguments[i] = this.remapper.mapValue(bootstrapMethodArguments[i]!);
    }
    super.visitInvokeDynamicInsn(
      remappedName,
      this.remapper.mapMethodDesc(descriptor),
      this.remapper.mapValue(bootstrapMethodHandle),
      remappedBootstrapMethodArguments,
    );
  }

  override visitTypeInsn(opcode: number, type: string): void {
    super.visitTypeInsn(opcode, this.remapper.mapType(type));
  }

  override visitLdcInsn(value: ConstantValue): void {
    super.visitLdcInsn(this.remapper.mapValue(value));
  }

  override visitMultiANewArrayInsn(descriptor: string, numDimensions: number): void {
    super.visitMultiANewArrayInsn(this.remapper.mapDesc(descriptor), numDimensions);
  }

  override visitInsnAnnotation(
    typeRef: number,
    typePath: TypePath | null,
    descriptor: string,
    visible: boolean,
  ): AnnotationVisitor | null {
    const annotationVisitor = super.visitInsnAnnotation(typeRef, typePath, this.remapper.mapDesc(descriptor), visible);
    return annotationVisitor === null ? null : this.createAnnotationRemapper(descriptor, annotationVisitor);
  }

  override visitTryCatchBlock(start: Label, end: Label, handler: Label, type: string | null = null): void {
    super.visitTryCatchBlock(start, end, handler, type === null ? null : this.remapper.mapType(type));
  }

  override visitTryCatchAnnotation(
    typeRef: number,
    typePath: TypePath | null,
    descriptor: string,
    visible: boolean,
  ): AnnotationVisitor | null {
    const annotationVisitor = super.visitTryCatchAnnotation(typeRef, typePath, this.remapper.mapDesc(descriptor), visible);
    return annotationVisitor === null ? null : this.createAnnotationRemapper(descriptor, annotationVisitor);
  }

  override visitLocalVariable(
    name: string,
    descriptor: string,
    signature: string | null,
    start: Label,
    end: Label,
    index: number,
  ): void {
    super.visitLocalVariable(
      name,
      this.remapper.mapDesc(descriptor),
      this.remapper.mapSignature(signature, true),
      start,
      end,
      index,
    );
  }

  override visitLocalVariableAnnotation(
    typeRef: number,
    typePath: TypePath | null,
    start: Label[],
    end: Label[],
    index: number[],
    descriptor: string,
    visible: boolean,
  ): AnnotationVisitor | null {
    const annotationVisitor = super.visitLocalVariableAnnotation(
      typeRef,
      typePath,
      start,
      end,
      index,
      this.remapper.mapDesc(descriptor),
      visible,
    );
    return annotationVisitor === null ? null : this.createAnnotationRemapper(descriptor, annotationVisitor);
  }

  /**
   * Creates the remapper for an annotation of type `descriptor`, or for an annotation default
   * value (descriptor null); an AnnotationRemapper by default.
   */
  protected createAnnotationRemapper(descriptor: string | null, annotationVisitor: AnnotationVisitor): AnnotationVisitor {
    return new AnnotationRemapper(this.api, descriptor, annotationVisitor, this.remapper);
  }
}
