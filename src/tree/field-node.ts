import type { AnnotationVisitor } from '../asm/annotation-visitor.js';
import type { Attribute } from '../asm/attribute.js';
import type { ClassVisitor } from '../asm/class-visitor.js';
import { FieldVisitor } from '../asm/field-visitor.js';
import type { ConstantValue } from '../asm/java-values.js';
import { Opcodes } from '../asm/opcodes.js';
import type { TypePath } from '../asm/type-path.js';
import { AnnotationNode } from './annotation-node.js';
import { TypeAnnotationNode } from './type-annotation-node.js';
import { UnsupportedClassVersionException } from './unsupported-class-version-exception.js';
import { Util } from './util.js';
import { IllegalStateException } from '../asm/java-exceptions.js';

/** A node that represents a field (a field_info structure, JVMS §4.5). */
export class FieldNode extends FieldVisitor {
  /** The field's access flags; also tells whether the field is synthetic and/or deprecated. */
  access: number;

  /** The field's name. */
  name: string;

  /** The field's descriptor. */
  desc: string;

  /** The field's generic signature. May be null. */
  signature: string | null;

  /** The field's constant value (ConstantValue attribute): number (int), `Float`, bigint (long), `Double` or string. May be null. */
  value: ConstantValue | null;

  /** The runtime visible annotations of this field. May be null. */
  visibleAnnotations: AnnotationNode[] | null;

  /** The runtime invisible annotations of this field. May be null. */
  invisibleAnnotations: AnnotationNode[] | null;

  /** The runtime visible type annotations of this field. May be null. */
  visibleTypeAnnotations: TypeAnnotationNode[] | null;

  /** The runtime invisible type annotations of this field. May be null. */
  invisibleTypeAnnotations: TypeAnnotationNode[] | null;

  /** The non standard attributes of this field. May be null. */
  attrs: Attribute[] | null;

  /**
   * `new FieldNode(access, name, descriptor, signature, value)`: subclasses must use the form
   * with the api first, `new FieldNode(api, access, name, descriptor, signature, value)`.
   */
  constructor(access: number, name: string, descriptor: string, signature: string | null, value: ConstantValue | null);
  constructor(api: number, access: number, name: string, descriptor: string, signature: string | null, value: ConstantValue | null);
  constructor(a: number, b: number | string, c: string, d: string | null, e: unknown, f?: unknown) {
    if (typeof b === 'string') {
      super(Opcodes.ASM9);
      if (new.target !== FieldNode) {
        throw new IllegalStateException('subclasses of FieldNode must pass an api');
      }
      this.access = a;
      this.name = b;
      this.desc = c;
      // Omitted trailing arguments (plain JavaScript) mean null, as in MethodNode: an undefined
      // signature or value would otherwise reach the ClassWriter as if it were one.
      this.signature = d ?? null;
      this.value = (e ?? null) as ConstantValue | null;
    } else {
      super(a);
      this.access = b;
      this.name = c;
      this.desc = d as string;
      this.signature = (e ?? null) as string | null;
      this.value = (f ?? null) as ConstantValue | null;
    }
    this.visibleAnnotations = null;
    this.invisibleAnnotations = null;
    this.visibleTypeAnnotations = null;
    this.invisibleTypeAnnotations = null;
    this.attrs = null;
  }

  // ## Implementation of FieldVisitor

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

  /** Throws UnsupportedClassVersionException if this field uses features newer than `api`. */
  check(api: number): void {
    if (api === Opcodes.ASM4) {
      if (this.visibleTypeAnnotations !== null && this.visibleTypeAnnotations.length > 0) {
        throw new UnsupportedClassVersionException();
      }
      if (this.invisibleTypeAnnotations !== null && this.invisibleTypeAnnotations.length > 0) {
        throw new UnsupportedClassVersionException();
      }
    }
  }

  /** Makes `classVisitor` visit this field. */
  accept(classVisitor: ClassVisitor): void {
    const fieldVisitor = classVisitor.visitField(this.access, this.name, this.desc, this.signature, this.value);
    if (fieldVisitor == null) {
      return;
    }
    if (this.visibleAnnotations !== null) {
      for (const annotation of this.visibleAnnotations) {
        annotation.accept(fieldVisitor.visitAnnotation(annotation.desc as string, true));
      }
    }
    if (this.invisibleAnnotations !== null) {
      for (const annotation of this.invisibleAnnotations) {
        annotation.accept(fieldVisitor.visitAnnotation(annotation.desc as string, false));
      }
    }
    if (this.visibleTypeAnnotations !== null) {
      for (const typeAnnotation of this.visibleTypeAnnotations) {
        typeAnnotation.accept(
          fieldVisitor.visitTypeAnnotation(typeAnnotation.typeRef, typeAnnotation.typePath, typeAnnotation.desc as string, true),
        );
      }
    }
    if (this.invisibleTypeAnnotations !== null) {
      for (const typeAnnotation of this.invisibleTypeAnnotations) {
        typeAnnotation.accept(
          fieldVisitor.visitTypeAnnotation(typeAnnotation.typeRef, typeAnnotation.typePath, typeAnnotation.desc as string, false),
        );
      }
    }
    if (this.attrs !== null) {
      for (const attribute of this.attrs) {
        fieldVisitor.visitAttribute(attribute);
      }
    }
    fieldVisitor.visitEnd();
  }
}
