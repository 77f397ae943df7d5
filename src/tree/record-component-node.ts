import type { AnnotationVisitor } from '../asm/annotation-visitor.js';
import type { Attribute } from '../asm/attribute.js';
import type { ClassVisitor } from '../asm/class-visitor.js';
import { Opcodes } from '../asm/opcodes.js';
import { RecordComponentVisitor } from '../asm/record-component-visitor.js';
import type { TypePath } from '../asm/type-path.js';
import { AnnotationNode } from './annotation-node.js';
import { TypeAnnotationNode } from './type-annotation-node.js';
import { UnsupportedClassVersionException } from './unsupported-class-version-exception.js';
import { Util } from './util.js';
import { IllegalStateException } from '../asm/java-exceptions.js';

/** A node that represents a record component (an entry of the Record attribute, JVMS §4.7.30). */
export class RecordComponentNode extends RecordComponentVisitor {
  /** The component's name. */
  name: string;

  /** The component's descriptor. */
  descriptor: string;

  /** The component's generic signature. May be null. */
  signature: string | null;

  /** The runtime visible annotations of this component. May be null. */
  visibleAnnotations: AnnotationNode[] | null;

  /** The runtime invisible annotations of this component. May be null. */
  invisibleAnnotations: AnnotationNode[] | null;

  /** The runtime visible type annotations of this component. May be null. */
  visibleTypeAnnotations: TypeAnnotationNode[] | null;

  /** The runtime invisible type annotations of this component. May be null. */
  invisibleTypeAnnotations: TypeAnnotationNode[] | null;

  /** The non standard attributes of this component. May be null. */
  attrs: Attribute[] | null;

  /**
   * `new RecordComponentNode(name, descriptor, signature)`: subclasses must use the form with the
   * api first, `new RecordComponentNode(api, name, descriptor, signature)`.
   */
  constructor(name: string, descriptor: string, signature: string | null);
  constructor(api: number, name: string, descriptor: string, signature: string | null);
  constructor(a: number | string, b: string, c: string | null, d?: string | null) {
    if (typeof a === 'string') {
      super(Opcodes.ASM9);
      if (new.target !== RecordComponentNode) {
        throw new IllegalStateException('subclasses of RecordComponentNode must pass an api');
      }
      this.name = a;
      this.descriptor = b;
      this.signature = c ?? null;
    } else {
      super(a);
      this.name = b;
      this.descriptor = c as string;
      this.signature = d ?? null;
    }
    this.visibleAnnotations = null;
    this.invisibleAnnotations = null;
    this.visibleTypeAnnotations = null;
    this.invisibleTypeAnnotations = null;
    this.attrs = null;
  }

  // ## Implementation of RecordComponentVisitor

  override visitAnnotation(descriptor: string, visible: boolean): AnnotationVisitor {
    const annotation = new AnnotationNode(descriptor);
    if (visible) {
      this.visibleAnnotations = Util.add(this.visibleAnnotations, annotation);
    } else {
      this.invisibleAnnotations = Util.add(this.invisibleAnnotations, annotation);
    }
    return annotation;
  }

  override visitTypeAnnotation(typeRef: number, typePath: TypePath | null, descriptor: string, visible: boolean): AnnotationVisitor {
    const typeAnnotation = new TypeAnnotationNode(typeRef, typePath, descriptor);
    if (visible) {
      this.visibleTypeAnnotations = Util.add(this.visibleTypeAnnotations, typeAnnotation);
    } else {
      this.invisibleTypeAnnotations = Util.add(this.invisibleTypeAnnotations, typeAnnotation);
    }
    return typeAnnotation;
  }

  override visitAttribute(attribute: Attribute): void {
    this.attrs = Util.add(this.attrs, attribute);
  }

  override visitEnd(): void {
    // Nothing to do.
  }

  // ## Accept methods

  /** Throws UnsupportedClassVersionException for api levels before ASM8 (records came with ASM8). */
  check(api: number): void {
    if (api < Opcodes.ASM8) {
      throw new UnsupportedClassVersionException();
    }
  }

  /** Makes `classVisitor` visit this record component. */
  accept(classVisitor: ClassVisitor): void {
    const recordComponentVisitor = classVisitor.visitRecordComponent(this.name, this.descriptor, this.signature);
    if (recordComponentVisitor == null) {
      return;
    }
    if (this.visibleAnnotations !== null) {
      for (const annotation of this.visibleAnnotations) {
        annotation.accept(recordComponentVisitor.visitAnnotation(annotation.desc as string, true));
      }
    }
    if (this.invisibleAnnotations !== null) {
      for (const annotation of this.invisibleAnnotations) {
        annotation.accept(recordComponentVisitor.visitAnnotation(annotation.desc as string, false));
      }
    }
    if (this.visibleTypeAnnotations !== null) {
      for (const typeAnnotation of this.visibleTypeAnnotations) {
        typeAnnotation.accept(
          recordComponentVisitor.visitTypeAnnotation(typeAnnotation.typeRef, typeAnnotation.typePath, typeAnnotation.desc as string, true),
        );
      }
    }
    if (this.invisibleTypeAnnotations !== null) {
      for (const typeAnnotation of this.invisibleTypeAnnotations) {
        typeAnnotation.accept(
          recordComponentVisitor.visitTypeAnnotation(typeAnnotation.typeRef, typeAnnotation.typePath, typeAnnotation.desc as string, false),
        );
      }
    }
    if (this.attrs !== null) {
      for (const attribute of this.attrs) {
        recordComponentVisitor.visitAttribute(attribute);
      }
    }
    recordComponentVisitor.visitEnd();
  }
}
