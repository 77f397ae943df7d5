// # TraceRecordComponentVisitor: prints the record component events it visits with a Printer

import type { AnnotationVisitor } from '../asm/annotation-visitor.js';
import type { Attribute } from '../asm/attribute.js';
import { Opcodes } from '../asm/opcodes.js';
import { RecordComponentVisitor } from '../asm/record-component-visitor.js';
import type { TypePath } from '../asm/type-path.js';
import type { Printer } from './printer.js';
import { TraceAnnotationVisitor } from './trace-annotation-visitor.js';

/** A RecordComponentVisitor that prints each event with a Printer, then forwards it. */
export class TraceRecordComponentVisitor extends RecordComponentVisitor {
  /** The printer that converts the visited record component into text. */
  readonly printer: Printer;

  /** Java's `new TraceRecordComponentVisitor(printer)` is `(null, printer)`, or just `(printer)`. */
  constructor(printer: Printer);
  constructor(recordComponentVisitor: RecordComponentVisitor | null, printer: Printer);
  constructor(recordComponentVisitor: RecordComponentVisitor | null | Printer, printer?: Printer) {
    super(Opcodes.ASM9, printer === undefined ? null : (recordComponentVisitor as RecordComponentVisitor | null));
    this.printer = printer ?? (recordComponentVisitor as Printer);
  }

  override visitAnnotation(descriptor: string, visible: boolean): AnnotationVisitor {
    const annotationPrinter = this.printer.visitRecordComponentAnnotation(descriptor, visible);
    return new TraceAnnotationVisitor(super.visitAnnotation(descriptor, visible), annotationPrinter);
  }

  override visitTypeAnnotation(
    typeRef: number,
    typePath: TypePath | null,
    descriptor: string,
    visible: boolean,
  ): AnnotationVisitor {
    const annotationPrinter = this.printer.visitRecordComponentTypeAnnotation(typeRef, typePath, descriptor, visible);
    return new TraceAnnotationVisitor(
      super.visitTypeAnnotation(typeRef, typePath, descriptor, visible),
      annotationPrinter,
    );
  }

  override visitAttribute(attribute: Attribute): void {
    this.printer.visitRecordComponentAttribute(attribute);
    super.visitAttribute(attribute);
  }

  override visitEnd(): void {
    this.printer.visitRecordComponentEnd();
    super.visitEnd();
  }
}
