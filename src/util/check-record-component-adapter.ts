// # CheckRecordComponentAdapter: checks the calls made to a RecordComponentVisitor (JVMS §4.7.30)

import type { AnnotationVisitor } from '../asm/annotation-visitor.js';
import type { Attribute } from '../asm/attribute.js';
import { RecordComponentVisitor } from '../asm/record-component-visitor.js';
import { Opcodes } from '../asm/opcodes.js';
import type { TypePath } from '../asm/type-path.js';
import { TypeReference } from '../asm/type-reference.js';
import { CheckAnnotationAdapter } from './check-annotation-adapter.js';
import { IllegalArgumentException, IllegalStateException } from './check-errors.js';
import { checkDescriptor, checkTypeRef, checkTypeRefSort } from './check-support.js';

/** A RecordComponentVisitor that checks annotation descriptors, type references and the visitEnd order. */
export class CheckRecordComponentAdapter extends RecordComponentVisitor {
  /** Whether visitEnd has been called. */
  private visitEndCalled: boolean;

  /** Java's public constructor, for this class only (subclasses must pass an api). */
  constructor(recordComponentVisitor: RecordComponentVisitor | null);
  constructor(api: number, recordComponentVisitor: RecordComponentVisitor | null);
  constructor(...args: [RecordComponentVisitor | null] | [number, RecordComponentVisitor | null]) {
    const withApi = args.length === 2;
    super(withApi ? args[0] : Opcodes.ASM9, withApi ? args[1] : args[0]);
    if (!withApi && new.target !== CheckRecordComponentAdapter) {
      throw new IllegalStateException('subclasses of CheckRecordComponentAdapter must pass an api');
    }
    this.visitEndCalled = false;
  }

  override visitAnnotation(descriptor: string, visible: boolean): AnnotationVisitor {
    this.checkVisitEndNotCalled();
    // Annotations exist only from version 1.5 on (JVMS §4.7.16).
    checkDescriptor(Opcodes.V1_5, descriptor, false);
    return new CheckAnnotationAdapter(super.visitAnnotation(descriptor, visible));
  }

  override visitTypeAnnotation(
    typeRef: number,
    typePath: TypePath | null,
    descriptor: string,
    visible: boolean,
  ): AnnotationVisitor {
    this.checkVisitEndNotCalled();
    checkTypeRefSort(typeRef, [TypeReference.FIELD]);
    checkTypeRef(typeRef);
    checkDescriptor(Opcodes.V1_5, descriptor, false);
    return new CheckAnnotationAdapter(super.visitTypeAnnotation(typeRef, typePath, descriptor, visible));
  }

  override visitAttribute(attribute: Attribute): void {
    this.checkVisitEndNotCalled();
    if (attribute === null || attribute === undefined) {
      throw new IllegalArgumentException('Invalid attribute (must not be null)');
    }
    super.visitAttribute(attribute);
  }

  override visitEnd(): void {
    this.checkVisitEndNotCalled();
    this.visitEndCalled = true;
    super.visitEnd();
  }

  /** @internal Whether visitEnd has been called (CheckClassAdapter checks it at its own visitEnd). */
  isVisitEndCalled(): boolean {
    return this.visitEndCalled;
  }

  private checkVisitEndNotCalled(): void {
    if (this.visitEndCalled) {
      throw new IllegalStateException('Cannot call a visit method after visitEnd has been called');
    }
  }
}
