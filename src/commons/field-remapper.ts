import type { AnnotationVisitor } from '../asm/annotation-visitor.js';
import { FieldVisitor } from '../asm/field-visitor.js';
import { Opcodes } from '../asm/opcodes.js';
import type { TypePath } from '../asm/type-path.js';
import { AnnotationRemapper } from './annotation-remapper.js';
import type { Remapper } from './remapper.js';

/**
 * A FieldVisitor that remaps the types in a field's annotations. Constructors:
 * `(fieldVisitor, remapper)` (ASM9) or `(api, fieldVisitor, remapper)` for subclasses.
 */
export class FieldRemapper extends FieldVisitor {
  /** The remapper applied to the visited field. */
  protected readonly remapper: Remapper;

  constructor(fieldVisitor: FieldVisitor | null, remapper: Remapper);
  constructor(api: number, fieldVisitor: FieldVisitor | null, remapper: Remapper);
  constructor(apiOrVisitor: number | FieldVisitor | null, visitorOrRemapper: FieldVisitor | Remapper | null, remapper?: Remapper) {
    const withApi = typeof apiOrVisitor === 'number';
    super(withApi ? apiOrVisitor : Opcodes.ASM9, (withApi ? visitorOrRemapper : apiOrVisitor) as FieldVisitor | null);
    this.remapper = (withApi ? remapper : visitorOrRemapper) as Remapper;
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

  /** Creates the remapper for an annotation of type `descriptor` (AnnotationRemapper by default). */
  protected createAnnotationRemapper(descriptor: string | null, annotationVisitor: AnnotationVisitor): AnnotationVisitor {
    return new AnnotationRemapper(this.api, descriptor, annotationVisitor, this.remapper);
  }
}
