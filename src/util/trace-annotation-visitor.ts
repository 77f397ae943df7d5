// # TraceAnnotationVisitor: prints the annotation values it visits with a Printer

import { AnnotationVisitor, type AnnotationValue } from '../asm/annotation-visitor.js';
import { Opcodes } from '../asm/opcodes.js';
import type { Printer } from './printer.js';

/** An AnnotationVisitor that prints each event with a Printer, then forwards it to its delegate. */
export class TraceAnnotationVisitor extends AnnotationVisitor {
  /** The printer that converts the visited annotation into text. */
  private readonly printer: Printer;

  /**
   * Java's one-argument form `new TraceAnnotationVisitor(printer)` is `(null, printer)` here, or
   * just `(printer)`.
   */
  constructor(printer: Printer);
  constructor(annotationVisitor: AnnotationVisitor | null, printer: Printer);
  constructor(annotationVisitor: AnnotationVisitor | null | Printer, printer?: Printer) {
    const delegate = printer === undefined ? null : (annotationVisitor as AnnotationVisitor | null);
    super(Opcodes.ASM9, delegate);
    this.printer = printer ?? (annotationVisitor as Printer);
  }

  override visit(name: string | null, value: AnnotationValue): void {
    this.printer.visit(name, value);
    super.visit(name, value);
  }

  override visitEnum(name: string | null, descriptor: string, value: string): void {
    this.printer.visitEnum(name, descriptor, value);
    super.visitEnum(name, descriptor, value);
  }

  override visitAnnotation(name: string | null, descriptor: string): AnnotationVisitor {
    const annotationPrinter = this.printer.visitAnnotation(name, descriptor);
    return new TraceAnnotationVisitor(super.visitAnnotation(name, descriptor), annotationPrinter);
  }

  override visitArray(name: string | null): AnnotationVisitor {
    const arrayPrinter = this.printer.visitArray(name);
    return new TraceAnnotationVisitor(super.visitArray(name), arrayPrinter);
  }

  override visitEnd(): void {
    this.printer.visitAnnotationEnd();
    super.visitEnd();
  }
}
