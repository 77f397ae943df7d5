import type { AnnotationVisitor } from './annotation-visitor.js';
import type { Attribute } from './attribute.js';
import { checkApi } from './constants.js';
import type { TypePath } from './type-path.js';

/**
 * Visits a record component (JVMS §4.7.30): (visitAnnotation | visitTypeAnnotation |
 * visitAttribute)* visitEnd. Subclass it and call `super` to forward events to `delegate`.
 */
export class RecordComponentVisitor {
  /** The ASM API level implemented by this visitor (Opcodes.ASM8 or later to be useful). */
  readonly api: number;
  /** The visitor to which events are forwarded, or null. */
  delegate: RecordComponentVisitor | null;

  constructor(api: number, recordComponentVisitor: RecordComponentVisitor | null = null) {
    checkApi(api);
    this.api = api;
    this.delegate = recordComponentVisitor;
  }

  /** The visitor to which this one forwards its events, or null. */
  getDelegate(): RecordComponentVisitor | null {
    return this.delegate;
  }

  /** Visits an annotation of the record component. */
  visitAnnotation(descriptor: string, visible: boolean): AnnotationVisitor | null {
    if (this.delegate !== null) {
      return this.delegate.visitAnnotation(descriptor, visible);
    }
    return null;
  }

  /** Visits an annotation on the record component's type; typeRef's sort is FIELD. */
  visitTypeAnnotation(
    typeRef: number,
    typePath: TypePath | null,
    descriptor: string,
    visible: boolean,
  ): AnnotationVisitor | null {
    if (this.delegate !== null) {
      return this.delegate.visitTypeAnnotation(typeRef, typePath, descriptor, visible);
    }
    return null;
  }

  /** Visits a non-standard attribute of the record component. */
  visitAttribute(attribute: Attribute): void {
    if (this.delegate !== null) {
      this.delegate.visitAttribute(attribute);
    }
  }

  /** Visits the end of the record component. */
  visitEnd(): void {
    if (this.delegate !== null) {
      this.delegate.visitEnd();
    }
  }
}
