import { ModuleVisitor } from '../asm/module-visitor.js';
import { Opcodes } from '../asm/opcodes.js';
import type { Remapper } from './remapper.js';
import { nullableVarargsOf, varargsOf } from '../asm/varargs.js';

/**
 * A ModuleVisitor that remaps the class, package and module names of a Module, ModulePackages and
 * ModuleMainClass attribute (JVMS §4.7.25–27). Constructors: `(moduleVisitor, remapper)` (ASM9)
 * or `(api, moduleVisitor, remapper)` for subclasses.
 */
export class ModuleRemapper extends ModuleVisitor {
  /** The remapper applied to the visited module. */
  protected readonly remapper: Remapper;

  constructor(moduleVisitor: ModuleVisitor | null, remapper: Remapper);
  constructor(api: number, moduleVisitor: ModuleVisitor | null, remapper: Remapper);
  constructor(apiOrVisitor: number | ModuleVisitor | null, visitorOrRemapper: ModuleVisitor | Remapper | null, remapper?: Remapper) {
    const withApi = typeof apiOrVisitor === 'number';
    super(withApi ? apiOrVisitor : Opcodes.ASM9, (withApi ? visitorOrRemapper : apiOrVisitor) as ModuleVisitor | null);
    this.remapper = (withApi ? remapper : visitorOrRemapper) as Remapper;
  }

  override visitMainClass(mainClass: string): void {
    super.visitMainClass(this.remapper.mapType(mainClass));
  }

  override visitPackage(packaze: string): void {
    super.visitPackage(this.remapper.mapPackageName(packaze));
  }

  override visitRequire(module: string, access: number, version: string | null): void {
    super.visitRequire(this.remapper.mapModuleName(module), access, version);
  }

  override visitExport(packaze: string, access: number, ...modules: (string | readonly string[] | null)[]): void;
  override visitExport(
    packaze: string,
    access: number,
    modulesOrFirst?: string | readonly string[] | null,
    ...modulesMore: string[]
  ): void {
    const modules = nullableVarargsOf(modulesOrFirst, modulesMore);
    super.visitExport(this.remapper.mapPackageName(packaze), access, this.mapModuleNames(modules));
  }

  override visitOpen(packaze: string, access: number, ...modules: (string | readonly string[] | null)[]): void;
  override visitOpen(
    packaze: string,
    access: number,
    modulesOrFirst?: string | readonly string[] | null,
    ...modulesMore: string[]
  ): void {
    const modules = nullableVarargsOf(modulesOrFirst, modulesMore);
    super.visitOpen(this.remapper.mapPackageName(packaze), access, this.mapModuleNames(modules));
  }

  override visitUse(service: string): void {
    super.visitUse(this.remapper.mapType(service));
  }

  override visitProvide(service: string, ...providers: (string | readonly string[])[]): void;
  override visitProvide(
    service: string,
    providersOrFirst?: string | readonly string[],
    ...providersMore: string[]
  ): void {
    const providers = varargsOf(providersOrFirst, providersMore);
    const remappedProviders = new Array<string>(providers.length);
    for (let i = 0; i < providers.length; ++i) {
      remappedProviders[i] = this.remapper.mapType(providers[i]!);
    }
    super.visitProvide(this.remapper.mapType(service), remappedProviders);
  }

  /** The `exports … to` / `opens … to` module list, remapped into a new array; null stays null. */
  private mapModuleNames(modules: string[] | null): string[] | null {
    if (modules === null) {
      return null;
    }
    const remappedModules = new Array<string>(modules.length);
    for (let i = 0; i < modules.length; ++i) {
      remappedModules[i] = this.remapper.mapModuleName(modules[i]!);
    }
    return remappedModules;
  }
}
