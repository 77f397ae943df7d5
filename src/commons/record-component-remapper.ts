import type { AnnotationVisitor } from '../asm/annotation-visitor.js';
import { RecordComponentVisitor } from '../asm/record-component-visitor.js';
import { Opcodes } from '../asm/opcodes.js';
import type { TypePath } from '../asm/type-path.js';
import { AnnotationRemapper } from './annotation-remapper.js';
import type { Remapper } from './remapper.js';

/**
 * A RecordComponentVisitor that remaps the types in a record component's annotations (JVMS §4.7.30). Constructors:
 * `(recordComponentVisitor, remapper)` (ASM9) or `(api, recordComponentVisitor, remapper)` for subclasses.
 */
export class RecordComponentRemapper extends RecordComponentVisitor {
  /** The remapper applied to the visited record component. */
  protected readonly remapper: Remapper;

  constructor(recordComponentVisitor: RecordComponentVisitor | null, remapper: Remapper);
  constructor(api: number, recordComponentVisitor: RecordComponentVisitor | null, remapper: Remapper);
  constructor(apiOrVisitor: number | RecordComponentVisitor | null, visitorOrRemapper: RecordComponentVisitor | Remapper | null, remapper?: Remapper) {
    const withApi = typeof apiOrVisitor === 'number';
    super(withApi ? apiOrVisitor : Opcodes.ASM9, (withApi ? visitorOrRemapper : apiOrVisitor) as RecordComponentVisitor | null);
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
