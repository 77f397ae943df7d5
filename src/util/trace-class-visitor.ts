// # TraceClassVisitor: prints the class it visits with a Printer (a Textifier by default)
//
// It can sit anywhere in a visitor chain to show what reaches that point. The text is written to
// the PrintWriter (any `{ write(s) }` sink) when visitEnd is reached, the class being complete.

import type { AnnotationVisitor } from '../asm/annotation-visitor.js';
import type { Attribute } from '../asm/attribute.js';
import { ClassVisitor } from '../asm/class-visitor.js';
import type { FieldVisitor } from '../asm/field-visitor.js';
import type { ConstantValue } from '../asm/java-values.js';
import type { MethodVisitor } from '../asm/method-visitor.js';
import type { ModuleVisitor } from '../asm/module-visitor.js';
import { Opcodes } from '../asm/opcodes.js';
import type { RecordComponentVisitor } from '../asm/record-component-visitor.js';
import type { TypePath } from '../asm/type-path.js';
import type { Printer, PrintWriter } from './printer.js';
import { Textifier } from './textifier.js';
import { TraceAnnotationVisitor } from './trace-annotation-visitor.js';
import { TraceFieldVisitor } from './trace-field-visitor.js';
import { TraceMethodVisitor } from './trace-method-visitor.js';
import { TraceModuleVisitor } from './trace-module-visitor.js';
import { TraceRecordComponentVisitor } from './trace-record-component-visitor.js';

/** A ClassVisitor that prints the visited class with a Printer, then forwards each event. */
export class TraceClassVisitor extends ClassVisitor {
  /** Where the text goes at visitEnd, or null to only build it (read it from `p.getText()`). */
  private readonly printWriter: PrintWriter | null;

  /** The printer that converts the visited class into text. */
  readonly p: Printer;

  /** Prints to `printWriter` with a new Textifier, without a delegate. */
  constructor(printWriter: PrintWriter | null);
  /** Prints to `printWriter` with a new Textifier and forwards to `classVisitor`. */
  constructor(classVisitor: ClassVisitor | null, printWriter: PrintWriter | null);
  /** Prints with `printer` to `printWriter` and forwards to `classVisitor`. */
  constructor(classVisitor: ClassVisitor | null, printer: Printer, printWriter: PrintWriter | null);
  constructor(...args: unknown[]) {
    let classVisitor: ClassVisitor | null = null;
    let printer: Printer | null = null;
    let printWriter: PrintWriter | null;
    if (args.length <= 1) {
      printWriter = (args[0] ?? null) as PrintWriter | null;
    } else if (args.length === 2) {
      classVisitor = (args[0] ?? null) as ClassVisitor | null;
      printWriter = (args[1] ?? null) as PrintWriter | null;
    } else {
      classVisitor = (args[0] ?? null) as ClassVisitor | null;
      printer = args[1] as Printer;
      printWriter = (args[2] ?? null) as PrintWriter | null;
    }
    super(Opcodes.ASM9, classVisitor);
    this.printWriter = printWriter;
    this.p = printer ?? new Textifier();
  }

  override visit(
    version: number,
    access: number,
    name: string,
    signature: string | null,
    superName: string | null,
    interfaces: string[] | null,
  ): void {
    this.p.visit(version, access, name, signature, superName, interfaces);
    super.visit(version, access, name, signature, superName, interfaces);
  }

  override visitSource(file: string | null, debug: string | null): void {
    this.p.visitSource(file, debug);
    super.visitSource(file, debug);
  }

  override visitModule(name: string, flags: number, version: string | null): ModuleVisitor {
    const modulePrinter = this.p.visitModule(name, flags, version);
    return new TraceModuleVisitor(super.visitModule(name, flags, version), modulePrinter);
  }

  override visitNestHost(nestHost: string): void {
    this.p.visitNestHost(nestHost);
    super.visitNestHost(nestHost);
  }

  override visitOuterClass(owner: string, name: string | null, descriptor: string | null): void {
    this.p.visitOuterClass(owner, name, descriptor);
    super.visitOuterClass(owner, name, descriptor);
  }

  override visitAnnotation(descriptor: string, visible: boolean): AnnotationVisitor {
    const annotationPrinter = this.p.visitClassAnnotation(descriptor, visible);
    return new TraceAnnotationVisitor(super.visitAnnotation(descriptor, visible), annotationPrinter);
  }

  override visitTypeAnnotation(
    typeRef: number,
    typePath: TypePath | null,
    descriptor: string,
    visible: boolean,
  ): AnnotationVisitor {
    const annotationPrinter = this.p.visitClassTypeAnnotation(typeRef, typePath, descriptor, visible);
    return new TraceAnnotationVisitor(
      super.visitTypeAnnotation(typeRef, typePath, descriptor, visible),
      annotationPrinter,
    );
  }

  override visitAttribute(attribute: Attribute): void {
    this.p.visitClassAttribute(attribute);
    super.visitAttribute(attribute);
  }

  override visitNestMember(nestMember: string): void {
    this.p.visitNestMember(nestMember);
    super.visitNestMember(nestMember);
  }

  override visitPermittedSubclass(permittedSubclass: string): void {
    this.p.visitPermittedSubclass(permittedSubclass);
    super.visitPermittedSubclass(permittedSubclass);
  }

  override visitInnerClass(name: string, outerName: string | null, innerName: string | null, access: number): void {
    this.p.visitInnerClass(name, outerName, innerName, access);
    super.visitInnerClass(name, outerName, innerName, access);
  }

  override visitRecordComponent(name: string, descriptor: string, signature: string | null): RecordComponentVisitor {
    const recordComponentPrinter = this.p.visitRecordComponent(name, descriptor, signature);
    return new TraceRecordComponentVisitor(
      super.visitRecordComponent(name, descriptor, signature),
      recordComponentPrinter,
    );
  }

  override visitField(
    access: number,
    name: string,
    descriptor: string,
    signature: string | null = null,
    value: ConstantValue | null = null,
  ): FieldVisitor {
    const fieldPrinter = this.p.visitField(access, name, descriptor, signature, value);
    return new TraceFieldVisitor(super.visitField(access, name, descriptor, signature, value), fieldPrinter);
  }

  override visitMethod(
    access: number,
    name: string,
    descriptor: string,
    signature: string | null = null,
    exceptions: string[] | null = null,
  ): MethodVisitor {
    const methodPrinter = this.p.visitMethod(access, name, descriptor, signature, exceptions);
    return new TraceMethodVisitor(super.visitMethod(access, name, descriptor, signature, exceptions), methodPrinter);
  }

  override visitEnd(): void {
    this.p.visitClassEnd();
    if (this.printWriter !== null) {
      this.p.print(this.printWriter);
      this.printWriter.flush?.();
    }
    super.visitEnd();
  }
}
