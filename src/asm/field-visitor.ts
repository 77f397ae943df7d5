import type { AnnotationVisitor } from './annotation-visitor.js';
import type { Attribute } from './attribute.js';
import { checkApi } from './constants.js';
import { UnsupportedOperationException } from './java-exceptions.js';
import { Opcodes } from './opcodes.js';
import type { TypePath } from './type-path.js';

/**
 * Visits a field (JVMS §4.5): (visitAnnotation | visitTypeAnnotation | visitAttribute)* visitEnd.
 * Subclass it and call `super` to forward events to the delegate `fv`.
 */
export class FieldVisitor {
  /** The ASM API level implemented by this visitor (one of Opcodes.ASM4…ASM9). */
  readonly api: number;
  /** The visitor to which events are forwarded, or null. */
  fv: FieldVisitor | null;

  constructor(api: number, fieldVisitor: FieldVisitor | null = null) {
    checkApi(api);
    this.api = api;
    this.fv = fieldVisitor;
  }

  /** The visitor to which this one forwards its events, or null. */
  getDelegate(): FieldVisitor | null {
    return this.fv;
  }

  /** Visits an annotation of the field (JVMS §4.7.16, §4.7.17). */
  visitAnnotation(descriptor: string, visible: boolean): AnnotationVisitor | null {
    if (this.fv !== null) {
      return this.fv.visitAnnotation(descriptor, visible);
    }
    return null;
  }

  /** Visits an annotation on the field's type (JVMS §4.7.20); typeRef's sort is FIELD. */
  visitTypeAnnotation(
    typeRef: number,
    typePath: TypePath | null,
    descriptor: string,
    visible: boolean,
  ): AnnotationVisitor | null {
    if (this.api < Opcodes.ASM5) {
      throw new UnsupportedOperationException('This feature requires ASM5');
    }
    if (this.fv !== null) {
      return this.fv.visitTypeAnnotation(typeRef, typePath, descriptor, visible);
    }
    return null;
  }

  /** Visits a non-standard attribute of the field. */
  visitAttribute(attribute: Attribute): void {
    if (this.fv !== null) {
      this.fv.visitAttribute(attribute);
    }
  }

  /** Visits the end of the field. */
  visitEnd(): void {
    if (this.fv !== null) {
      this.fv.visitEnd();
    }
  }
}
