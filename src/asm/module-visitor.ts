import { checkApi } from './constants.js';
import { nullableVarargsOf, varargsOf } from './varargs.js';

/**
 * Visits a Module attribute (JVMS §4.7.25) and its companions ModulePackages and
 * ModuleMainClass: [visitMainClass] (visitPackage)* (visitRequire | visitExport | visitOpen |
 * visitUse | visitProvide)* visitEnd. Subclass it and call `super` to forward events to `mv`.
 *
 * Java's `String...` parameters are plain arrays here (or null), so that pass-through code
 * ports unchanged: `super.visitExport(packaze, access, modules)`.
 */
export class ModuleVisitor {
  /** The ASM API level implemented by this visitor (Opcodes.ASM6 or later to be useful). */
  readonly api: number;
  /** The visitor to which events are forwarded, or null. */
  mv: ModuleVisitor | null;

  constructor(api: number, moduleVisitor: ModuleVisitor | null = null) {
    checkApi(api);
    this.api = api;
    this.mv = moduleVisitor;
  }

  /** The visitor to which this one forwards its events, or null. */
  getDelegate(): ModuleVisitor | null {
    return this.mv;
  }

  /** Visits the main class (internal name) of the module (JVMS §4.7.27). */
  visitMainClass(mainClass: string): void {
    if (this.mv !== null) {
      this.mv.visitMainClass(mainClass);
    }
  }

  /** Visits a package of the module (internal name, JVMS §4.7.26). */
  visitPackage(packaze: string): void {
    if (this.mv !== null) {
      this.mv.visitPackage(packaze);
    }
  }

  /** Visits a dependence: the module name, ACC_TRANSITIVE/STATIC_PHASE/SYNTHETIC/MANDATED, version or null. */
  visitRequire(module: string, access: number, version: string | null): void {
    if (this.mv !== null) {
      this.mv.visitRequire(module, access, version);
    }
  }

  /** Visits an exported package, with the modules it is exported to (null when to all). */
  visitExport(packaze: string, access: number, ...modules: (string | readonly string[] | null)[]): void;
  visitExport(
    packaze: string,
    access: number,
    modulesOrFirst?: string | readonly string[] | null,
    ...modulesMore: string[]
  ): void {
    const modules = nullableVarargsOf(modulesOrFirst, modulesMore);
    if (this.mv !== null) {
      this.mv.visitExport(packaze, access, modules);
    }
  }

  /** Visits an open package, with the modules it is opened to (null when to all). */
  visitOpen(packaze: string, access: number, ...modules: (string | readonly string[] | null)[]): void;
  visitOpen(
    packaze: string,
    access: number,
    modulesOrFirst?: string | readonly string[] | null,
    ...modulesMore: string[]
  ): void {
    const modules = nullableVarargsOf(modulesOrFirst, modulesMore);
    if (this.mv !== null) {
      this.mv.visitOpen(packaze, access, modules);
    }
  }

  /** Visits a service used by the module (internal name). */
  visitUse(service: string): void {
    if (this.mv !== null) {
      this.mv.visitUse(service);
    }
  }

  /** Visits an implementation of a service (internal names). */
  visitProvide(service: string, ...providers: (string | readonly string[])[]): void;
  visitProvide(service: string, providersOrFirst?: string | readonly string[], ...providersMore: string[]): void {
    const providers = varargsOf(providersOrFirst, providersMore);
    if (this.mv !== null) {
      this.mv.visitProvide(service, providers);
    }
  }

  /** Visits the end of the module. */
  visitEnd(): void {
    if (this.mv !== null) {
      this.mv.visitEnd();
    }
  }
}
