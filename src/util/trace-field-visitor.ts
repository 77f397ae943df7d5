// # TraceFieldVisitor: prints the field events it visits with a Printer

import type { AnnotationVisitor } from '../asm/annotation-visitor.js';
import type { Attribute } from '../asm/attribute.js';
import { FieldVisitor } from '../asm/field-visitor.js';
import { Opcodes } from '../asm/opcodes.js';
import type { TypePath } from '../asm/type-path.js';
import type { Printer } from './printer.js';
import { TraceAnnotationVisitor } from './trace-annotation-visitor.js';

/** A FieldVisitor that prints each event with a Printer, then forwards it to its delegate. */
export class TraceFieldVisitor extends FieldVisitor {
  /** The printer that converts the visited field into text. */
  readonly p: Printer;

  /** Java's `new TraceFieldVisitor(printer)` is `(null, printer)` here, or just `(printer)`. */
  constructor(printer: Printer);
  constructor(fieldVisitor: FieldVisitor | null, printer: Printer);
  constructor(fieldVisitor: FieldVisitor | null | Printer, printer?: Printer) {
    super(Opcodes.ASM9, printer === undefined ? null : (fieldVisitor as FieldVisitor | null));
    this.p = printer ?? (fieldVisitor as Printer);
  }

  override visitAnnotation(descriptor: string, visible: boolean): AnnotationVisitor {
    const annotationPrinter = this.p.visitFieldAnnotation(descriptor, visible);
    return new TraceAnnotationVisitor(super.visitAnnotation(descriptor, visible), annotationPrinter);
  }

  override visitTypeAnnotation(
    typeRef: number,
    typePath: TypePath | null,
    descriptor: string,
    visible: boolean,
  ): AnnotationVisitor {
    const annotationPrinter = this.p.visitFieldTypeAnnotation(typeRef, typePath, descriptor, visible);
    return new TraceAnnotationVisitor(
      super.visitTypeAnnotation(typeRef, typePath, descriptor, visible),
      annotationPrinter,
    );
  }

  override visitAttribute(attribute: Attribute): void {
    this.p.visitFieldAttribute(attribute);
    super.visitAttribute(attribute);
  }

  override visitEnd(): void {
    this.p.visitFieldEnd();
    super.visitEnd();
  }
}
