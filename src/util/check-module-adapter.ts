// # CheckModuleAdapter: checks the calls made to a ModuleVisitor (JVMS §4.7.25-27)

import { ModuleVisitor } from '../asm/module-visitor.js';
import { Opcodes } from '../asm/opcodes.js';
import { IllegalArgumentException, IllegalStateException, UnsupportedOperationException } from './check-errors.js';
import { checkAccess, checkFullyQualifiedName, checkInternalName } from './check-support.js';
import { nullableVarargsOf, varargsOf } from '../asm/varargs.js';

/** The names of one kind of module directive seen so far: each may be declared once. */
class NameSet {
  private readonly type: string;
  private readonly names = new Set<string>();

  constructor(type: string) {
    this.type = type;
  }

  checkNameNotAlreadyDeclared(name: string): void {
    if (this.names.has(name)) {
      throw new IllegalArgumentException(`${this.type} '${name}' already declared`);
    }
    this.names.add(name);
  }
}

/**
 * A ModuleVisitor that checks names and flags of module directives, that no module, package or
 * service is declared twice by the same kind of directive, and that an open module has no `opens`.
 */
export class CheckModuleAdapter extends ModuleVisitor {
  /** Whether the module is open (ACC_OPEN in visitModule): it then cannot have `opens`. */
  private readonly isOpen: boolean;
  private readonly requiredModules = new NameSet('Modules requires');
  private readonly exportedPackages = new NameSet('Module exports');
  private readonly openedPackages = new NameSet('Module opens');
  private readonly usedServices = new NameSet('Module uses');
  private readonly providedServices = new NameSet('Module provides');
  /** @internal The version of the class holding the module (set by CheckClassAdapter). */
  classVersion: number;
  /** Whether visitEnd has been called. */
  private visitEndCalled: boolean;

  /** Java's public constructor, for this class only (subclasses must pass an api). */
  constructor(moduleVisitor: ModuleVisitor | null, isOpen: boolean);
  constructor(api: number, moduleVisitor: ModuleVisitor | null, isOpen: boolean);
  constructor(...args: [ModuleVisitor | null, boolean] | [number, ModuleVisitor | null, boolean]) {
    const withApi = args.length === 3;
    super(withApi ? args[0] : Opcodes.ASM9, withApi ? args[1] : args[0]);
    if (!withApi && new.target !== CheckModuleAdapter) {
      throw new IllegalStateException('subclasses of CheckModuleAdapter must pass an api');
    }
    this.isOpen = withApi ? args[2] : args[1];
    this.classVersion = 0;
    this.visitEndCalled = false;
  }

  override visitMainClass(mainClass: string): void {
    // Modules exist only from version 9 on (JVMS §4.7.25).
    checkInternalName(Opcodes.V9, mainClass, 'module main class');
    super.visitMainClass(mainClass);
  }

  override visitPackage(packaze: string): void {
    checkInternalName(Opcodes.V9, packaze, 'module package');
    super.visitPackage(packaze);
  }

  override visitRequire(module: string, access: number, version: string | null): void {
    this.checkVisitEndNotCalled();
    checkFullyQualifiedName(Opcodes.V9, module, 'required module');
    this.requiredModules.checkNameNotAlreadyDeclared(module);
    checkAccess(access, Opcodes.ACC_STATIC_PHASE | Opcodes.ACC_TRANSITIVE | Opcodes.ACC_SYNTHETIC | Opcodes.ACC_MANDATED);
    // JVMS §4.7.25: from version 54 on, requires java.base has neither ACC_TRANSITIVE nor ACC_STATIC_PHASE.
    if (
      this.classVersion >= Opcodes.V10 &&
      module === 'java.base' &&
      (access & (Opcodes.ACC_STATIC_PHASE | Opcodes.ACC_TRANSITIVE)) !== 0
    ) {
      throw new IllegalArgumentException(
        `Invalid access flags: ${access} java.base can not be declared ACC_TRANSITIVE or ACC_STATIC_PHASE`,
      );
    }
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
    this.checkVisitEndNotCalled();
    checkInternalName(Opcodes.V9, packaze, 'package name');
    this.exportedPackages.checkNameNotAlreadyDeclared(packaze);
    checkAccess(access, Opcodes.ACC_SYNTHETIC | Opcodes.ACC_MANDATED);
    if (modules !== null && modules !== undefined) {
      for (const module of modules) {
        checkFullyQualifiedName(Opcodes.V9, module, 'module export to');
      }
    }
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
    this.checkVisitEndNotCalled();
    if (this.isOpen) {
      throw new UnsupportedOperationException('An open module can not use open directive');
    }
    checkInternalName(Opcodes.V9, packaze, 'package name');
    this.openedPackages.checkNameNotAlreadyDeclared(packaze);
    checkAccess(access, Opcodes.ACC_SYNTHETIC | Opcodes.ACC_MANDATED);
    if (modules !== null && modules !== undefined) {
      for (const module of modules) {
        checkFullyQualifiedName(Opcodes.V9, module, 'module open to');
      }
    }
    super.visitOpen(packaze, access, modules);
  }

  override visitUse(service: string): void {
    this.checkVisitEndNotCalled();
    checkInternalName(Opcodes.V9, service, 'service');
    this.usedServices.checkNameNotAlreadyDeclared(service);
    super.visitUse(service);
  }

  override visitProvide(service: string, ...providers: (string | readonly string[])[]): void;
  override visitProvide(
    service: string,
    providersOrFirst?: string | readonly string[],
    ...providersMore: string[]
  ): void {
    const providers = varargsOf(providersOrFirst, providersMore);
    this.checkVisitEndNotCalled();
    checkInternalName(Opcodes.V9, service, 'service');
    this.providedServices.checkNameNotAlreadyDeclared(service);
    if (providers === null || providers === undefined || providers.length === 0) {
      throw new IllegalArgumentException(`Providers of service '${service}' cannot be null or empty`);
    }
    for (const provider of providers) {
      checkInternalName(Opcodes.V9, provider, 'provider');
    }
    super.visitProvide(service, providers);
  }

  override visitEnd(): void {
    this.checkVisitEndNotCalled();
    this.visitEndCalled = true;
    super.visitEnd();
  }

  /** @internal Whether visitEnd has been called (CheckClassAdapter checks it at its own visitEnd). */
  isVisitEndCalled(): boolean {
    return this.visitEndCalled;
  }

  private checkVisitEndNotCalled(): void {
    if (this.visitEndCalled) {
      throw new IllegalStateException('Cannot call a visit method after visitEnd has been called');
    }
  }
}
