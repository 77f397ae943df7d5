import { type AnnotationValue, AnnotationVisitor } from '../asm/annotation-visitor.js';
import { Opcodes } from '../asm/opcodes.js';
import { Remapper } from './remapper.js';

/**
 * An AnnotationVisitor that remaps the types (and, through `Remapper.mapAnnotationAttributeName`,
 * the element names) of the annotation it visits (JVMS §4.7.16).
 *
 * Constructors follow ASM's four: `(annotationVisitor, remapper)`, `(descriptor, annotationVisitor,
 * remapper)`, and the same two with a leading `api` for subclasses. `descriptor` is the annotation's
 * type descriptor, or null where there is none (AnnotationDefault, array values), in which case
 * element names are not remapped.
 *
 * ASM's deprecated one-argument `createAnnotationRemapper(annotationVisitor)` and the
 * `orDeprecatedValue` glue that honours overrides of it are not provided: override
 * `createAnnotationRemapper(descriptor, annotationVisitor)` instead.
 */
export class AnnotationRemapper extends AnnotationVisitor {
  /** The descriptor of the visited annotation, or null. */
  protected readonly descriptor: string | null;
  /** The remapper applied to the visited annotation. */
  protected readonly remapper: Remapper;

  constructor(annotationVisitor: AnnotationVisitor | null, remapper: Remapper);
  constructor(descriptor: string | null, annotationVisitor: AnnotationVisitor | null, remapper: Remapper);
  constructor(api: number, annotationVisitor: AnnotationVisitor | null, remapper: Remapper);
  constructor(api: number, descriptor: string | null, annotationVisitor: AnnotationVisitor | null, remapper: Remapper);
  constructor(...args: (number | string | AnnotationVisitor | Remapper | null)[]) {
    const api = typeof args[0] === 'number' ? args.shift() as number : Opcodes.ASM9;
    // What remains is (annotationVisitor, remapper) or (descriptor, annotationVisitor, remapper).
    const withDescriptor = !(args[1] instanceof Remapper);
    super(api, (withDescriptor ? args[1] : args[0]) as AnnotationVisitor | null);
    this.descriptor = withDescriptor ? (args[0] as string | null) : null;
    this.remapper = (withDescriptor ? args[2] : args[1]) as Remapper;
  }

  override visit(name: string | null, value: AnnotationValue): void {
    super.visit(this.mapAnnotationAttributeName(name), this.remapper.mapValue(value));
  }

  override visitEnum(name: string | null, descriptor: string, value: string): void {
    super.visitEnum(this.mapAnnotationAttributeName(name), this.remapper.mapDesc(descriptor), value);
  }

  override visitAnnotation(name: string | null, descriptor: string): AnnotationVisitor | null {
    const annotationVisitor = super.visitAnnotation(this.mapAnnotationAttributeName(name), this.remapper.mapDesc(descriptor));
    if (annotationVisitor === null) {
      return null;
    }
    // A delegate that returns itself gets this remapper back, as in ASM.
    return annotationVisitor === this.av ? this : this.createAnnotationRemapper(descriptor, annotationVisitor);
  }

  override visitArray(name: string | null): AnnotationVisitor | null {
    const annotationVisitor = super.visitArray(this.mapAnnotationAttributeName(name));
    if (annotationVisitor === null) {
      return null;
    }
    return annotationVisitor === this.av ? this : this.createAnnotationRemapper(null, annotationVisitor);
  }

  /** Creates the remapper for a nested annotation (descriptor given) or array (descriptor null). */
  protected createAnnotationRemapper(descriptor: string | null, annotationVisitor: AnnotationVisitor): AnnotationVisitor {
    return new AnnotationRemapper(this.api, descriptor, annotationVisitor, this.remapper);
  }

  /** Element names are only remapped when the annotation type is known. */
  private mapAnnotationAttributeName(name: string | null): string | null {
    if (this.descriptor === null || name === null) {
      return name;
    }
    return this.remapper.mapAnnotationAttributeName(this.descriptor, name);
  }
}
