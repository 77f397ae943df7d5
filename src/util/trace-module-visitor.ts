// # TraceModuleVisitor: prints the module events it visits with a Printer (JVMS §4.7.25)

import { ModuleVisitor } from '../asm/module-visitor.js';
import { Opcodes } from '../asm/opcodes.js';
import type { Printer } from './printer.js';
import { nullableVarargsOf, varargsOf } from '../asm/varargs.js';

/** A ModuleVisitor that prints each event with a Printer, then forwards it to its delegate. */
export class TraceModuleVisitor extends ModuleVisitor {
  /** The printer that converts the visited module into text. */
  readonly p: Printer;

  /** Java's `new TraceModuleVisitor(printer)` is `(null, printer)` here, or just `(printer)`. */
  constructor(printer: Printer);
  constructor(moduleVisitor: ModuleVisitor | null, printer: Printer);
  constructor(moduleVisitor: ModuleVisitor | null | Printer, printer?: Printer) {
    super(Opcodes.ASM9, printer === undefined ? null : (moduleVisitor as ModuleVisitor | null));
    this.p = printer ?? (moduleVisitor as Printer);
  }

  override visitMainClass(mainClass: string): void {
    this.p.visitMainClass(mainClass);
    super.visitMainClass(mainClass);
  }

  override visitPackage(packaze: string): void {
    this.p.visitPackage(packaze);
    super.visitPackage(packaze);
  }

  override visitRequire(module: string, access: number, version: string | null): void {
    this.p.visitRequire(module, access, version);
    super.visitRequire(module, access, version);
  }

  override visitExport(packaze: string, access: number, ...modules: (string | readonly string[] | null)[]): void;
  override visitExport(
    packaze: string,
    access: number,
    modulesOrFirst?: string | readonly string[] | null,
    ...modulesMore: string[]
  ): void {
    const modules = nullableVarargsOf(modulesOrFirst, modulesMore);
    this.p.visitExport(packaze, access, modules);
    super.visitExport(packaze, access, modules);
  }

  override visitOpen(packaze: string, access: number, ...modules: (string | readonly string[] | null)[]): void;
  override visitOpen(
    packaze: string,
    access: number,
    modulesOrFirst?: string | readonly string[] | null,
    ...modulesMore: string[]
  ): void {
    const modules = nullableVarargsOf(modulesOrFirst, modulesMore);
    this.p.visitOpen(packaze, access, modules);
    super.visitOpen(packaze, access, modules);
  }

  override visitUse(use: string): void {
    this.p.visitUse(use);
    super.visitUse(use);
  }

  override visitProvide(service: string, ...providers: (string | readonly string[])[]): void;
  override visitProvide(
    service: string,
    providersOrFirst?: string | readonly string[],
    ...providersMore: string[]
  ): void {
    const providers = varargsOf(providersOrFirst, providersMore);
    this.p.visitProvide(service, providers);
    super.visitProvide(service, providers);
  }

  override visitEnd(): void {
    this.p.visitModuleEnd();
    super.visitEnd();
  }
}
