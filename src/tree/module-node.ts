import type { ClassVisitor } from '../asm/class-visitor.js';
import { ModuleVisitor } from '../asm/module-visitor.js';
import { Opcodes } from '../asm/opcodes.js';
import { ModuleExportNode } from './module-export-node.js';
import { ModuleOpenNode } from './module-open-node.js';
import { ModuleProvideNode } from './module-provide-node.js';
import { ModuleRequireNode } from './module-require-node.js';
import { Util } from './util.js';
import { IllegalStateException } from '../asm/java-exceptions.js';
import { nullableVarargsOf, varargsOf } from '../asm/varargs.js';

/** A node that represents a module declaration (Module, ModulePackages, ModuleMainClass attributes, JVMS §4.7.25-27). */
export class ModuleNode extends ModuleVisitor {
  /** The fully qualified name (with dots) of this module. */
  name: string;

  /** The module's flags: ACC_OPEN, ACC_SYNTHETIC and/or ACC_MANDATED. */
  access: number;

  /** The module's version. May be null. */
  version: string | null;

  /** The internal name of the module's main class. May be null. */
  mainClass: string | null;

  /** The internal names of the packages of this module. May be null. */
  packages: string[] | null;

  /** The dependencies of this module. May be null. */
  requires: ModuleRequireNode[] | null;

  /** The packages exported by this module. May be null. */
  exports: ModuleExportNode[] | null;

  /** The packages opened by this module. May be null. */
  opens: ModuleOpenNode[] | null;

  /** The internal names of the services used by this module. May be null. */
  uses: string[] | null;

  /** The services provided by this module. May be null. */
  provides: ModuleProvideNode[] | null;

  /**
   * `new ModuleNode(name, access, version)`: subclasses must use the form with the api first,
   * `new ModuleNode(api, name, access, version, requires, exports, opens, uses, provides)`.
   */
  constructor(name: string, access: number, version: string | null);
  constructor(
    api: number,
    name: string,
    access: number,
    version: string | null,
    requires: ModuleRequireNode[] | null,
    exports: ModuleExportNode[] | null,
    opens: ModuleOpenNode[] | null,
    uses: string[] | null,
    provides: ModuleProvideNode[] | null,
  );
  constructor(
    a: string | number,
    b: number | string,
    c: string | null | number,
    d?: string | null,
    requires?: ModuleRequireNode[] | null,
    exports?: ModuleExportNode[] | null,
    opens?: ModuleOpenNode[] | null,
    uses?: string[] | null,
    provides?: ModuleProvideNode[] | null,
  ) {
    if (typeof a === 'string') {
      super(Opcodes.ASM9);
      if (new.target !== ModuleNode) {
        throw new IllegalStateException('subclasses of ModuleNode must pass an api');
      }
      this.name = a;
      this.access = b as number;
      this.version = c as string | null;
      this.requires = null;
      this.exports = null;
      this.opens = null;
      this.uses = null;
      this.provides = null;
    } else {
      super(a);
      this.name = b as string;
      this.access = c as number;
      this.version = d ?? null;
      this.requires = requires ?? null;
      this.exports = exports ?? null;
      this.opens = opens ?? null;
      this.uses = uses ?? null;
      this.provides = provides ?? null;
    }
    this.mainClass = null;
    this.packages = null;
  }

  override visitMainClass(mainClass: string): void {
    this.mainClass = mainClass;
  }

  override visitPackage(packaze: string): void {
    this.packages = Util.add(this.packages, packaze);
  }

  override visitRequire(module: string, access: number, version: string | null): void {
    this.requires = Util.add(this.requires, new ModuleRequireNode(module, access, version));
  }

  override visitExport(packaze: string, access: number, ...modules: (string | readonly string[] | null)[]): void;
  override visitExport(
    packaze: string,
    access: number,
    modulesOrFirst?: string | readonly string[] | null,
    ...modulesMore: string[]
  ): void {
    const modules = nullableVarargsOf(modulesOrFirst, modulesMore);
    this.exports = Util.add(this.exports, new ModuleExportNode(packaze, access, Util.asArrayList(modules)));
  }

  override visitOpen(packaze: string, access: number, ...modules: (string | readonly string[] | null)[]): void;
  override visitOpen(
    packaze: string,
    access: number,
    modulesOrFirst?: string | readonly string[] | null,
    ...modulesMore: string[]
  ): void {
    const modules = nullableVarargsOf(modulesOrFirst, modulesMore);
    this.opens = Util.add(this.opens, new ModuleOpenNode(packaze, access, Util.asArrayList(modules)));
  }

  override visitUse(service: string): void {
    this.uses = Util.add(this.uses, service);
  }

  override visitProvide(service: string, ...providers: (string | readonly string[])[]): void;
  override visitProvide(
    service: string,
    providersOrFirst?: string | readonly string[],
    ...providersMore: string[]
  ): void {
    const providers = varargsOf(providersOrFirst, providersMore);
    this.provides = Util.add(this.provides, new ModuleProvideNode(service, Util.asArrayList(providers)));
  }

  override visitEnd(): void {
    // Nothing to do.
  }

  /** Makes `classVisitor` visit this module. As in ASM, the module visitor's visitEnd is not called. */
  accept(classVisitor: ClassVisitor): void {
    const moduleVisitor = classVisitor.visitModule(this.name, this.access, this.version);
    if (moduleVisitor == null) {
      return;
    }
    if (this.mainClass !== null) {
      moduleVisitor.visitMainClass(this.mainClass);
    }
    if (this.packages !== null) {
      for (const packaze of this.packages) moduleVisitor.visitPackage(packaze);
    }
    if (this.requires !== null) {
      for (const require of this.requires) require.accept(moduleVisitor);
    }
    if (this.exports !== null) {
      for (const exportNode of this.exports) exportNode.accept(moduleVisitor);
    }
    if (this.opens !== null) {
      for (const open of this.opens) open.accept(moduleVisitor);
    }
    if (this.uses !== null) {
      for (const use of this.uses) moduleVisitor.visitUse(use);
    }
    if (this.provides !== null) {
      for (const provide of this.provides) provide.accept(moduleVisitor);
    }
  }
}
