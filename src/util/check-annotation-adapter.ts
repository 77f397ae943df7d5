// # CheckAnnotationAdapter: checks the calls made to an AnnotationVisitor (JVMS §4.7.16)

import { AnnotationVisitor, type AnnotationValue } from '../asm/annotation-visitor.js';
import { Opcodes } from '../asm/opcodes.js';
import { IllegalArgumentException, IllegalStateException } from './check-errors.js';
import { checkDescriptor, isAnnotationValue } from './check-support.js';

/**
 * An AnnotationVisitor that checks element names and values and that nothing comes after
 * visitEnd. Array elements and annotation default values are unnamed; the others must be named.
 */
export class CheckAnnotationAdapter extends AnnotationVisitor {
  /** Whether values must be named: false for the elements of an array and for a default value. */
  private readonly useNamedValue: boolean;
  /** Whether visitEnd has been called. */
  private visitEndCalled: boolean;

  constructor(annotationVisitor: AnnotationVisitor | null, useNamedValues = true) {
    super(Opcodes.ASM9, annotationVisitor);
    this.useNamedValue = useNamedValues;
    this.visitEndCalled = false;
  }

  override visit(name: string | null, value: AnnotationValue): void {
    this.checkVisitEndNotCalled();
    this.checkName(name);
    if (!isAnnotationValue(value)) {
      throw new IllegalArgumentException(`Invalid annotation value for '${name}': ${String(value)}`);
    }
    super.visit(name, value);
  }

  override visitEnum(name: string | null, descriptor: string, value: string): void {
    this.checkVisitEndNotCalled();
    this.checkName(name);
    // Annotations exist only from version 1.5 on (JVMS §4.7.16).
    checkDescriptor(Opcodes.V1_5, descriptor, false);
    if (value === null || value === undefined) {
      throw new IllegalArgumentException(`Invalid enum value (must not be null) for '${name}'`);
    }
    super.visitEnum(name, descriptor, value);
  }

  override visitAnnotation(name: string | null, descriptor: string): AnnotationVisitor {
    this.checkVisitEndNotCalled();
    this.checkName(name);
    checkDescriptor(Opcodes.V1_5, descriptor, false);
    return new CheckAnnotationAdapter(super.visitAnnotation(name, descriptor));
  }

  override visitArray(name: string | null): AnnotationVisitor {
    this.checkVisitEndNotCalled();
    this.checkName(name);
    return new CheckAnnotationAdapter(super.visitArray(name), false);
  }

  override visitEnd(): void {
    this.checkVisitEndNotCalled();
    this.visitEndCalled = true;
    super.visitEnd();
  }

  private checkName(name: string | null): void {
    if (this.useNamedValue && (name === null || name === undefined)) {
      throw new IllegalArgumentException('Annotation value name must not be null');
    }
  }

  private checkVisitEndNotCalled(): void {
    if (this.visitEndCalled) {
      throw new IllegalStateException('Cannot call a visit method after visitEnd has been called');
    }
  }
}
