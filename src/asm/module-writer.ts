import { ByteVector } from './byte-vector.js';
import { Constants } from './constants.js';
import { ModuleVisitor } from './module-visitor.js';
import { Opcodes } from './opcodes.js';
import type { SymbolTable } from './symbol-table.js';
import { nullableVarargsOf, varargsOf } from './varargs.js';

/**
 * @internal A ModuleVisitor that builds the Module (JVMS §4.7.25), ModulePackages (§4.7.26) and
 * ModuleMainClass (§4.7.27) attributes.
 */
export class ModuleWriter extends ModuleVisitor {
  private readonly symbolTable: SymbolTable;
  private readonly moduleNameIndex: number;
  private readonly moduleFlags: number;
  private readonly moduleVersionIndex: number;
  private requiresCount: number;
  private readonly requires: ByteVector;
  private exportsCount: number;
  private readonly exports: ByteVector;
  private opensCount: number;
  private readonly opens: ByteVector;
  private usesCount: number;
  private readonly usesIndex: ByteVector;
  private providesCount: number;
  private readonly provides: ByteVector;
  /** @internal ModulePackages' package_count. */
  packageCount: number;
  private readonly packageIndex: ByteVector;
  /** @internal ModuleMainClass' main_class_index, or 0. */
  mainClassIndex: number;

  constructor(symbolTable: SymbolTable, name: number, access: number, version: number) {
    super(Opcodes.ASM9);
    this.symbolTable = symbolTable;
    this.moduleNameIndex = name;
    this.moduleFlags = access;
    this.moduleVersionIndex = version;
    this.requiresCount = 0;
    this.requires = new ByteVector();
    this.exportsCount = 0;
    this.exports = new ByteVector();
    this.opensCount = 0;
    this.opens = new ByteVector();
    this.usesCount = 0;
    this.usesIndex = new ByteVector();
    this.providesCount = 0;
    this.provides = new ByteVector();
    this.packageCount = 0;
    this.packageIndex = new ByteVector();
    this.mainClassIndex = 0;
  }

  override visitMainClass(mainClass: string): void {
    this.mainClassIndex = this.symbolTable.addConstantClass(mainClass).index;
  }

  override visitPackage(packaze: string): void {
    this.packageIndex.putShort(this.symbolTable.addConstantPackage(packaze).index);
    this.packageCount++;
  }

  override visitRequire(module: string, access: number, version: string | null): void {
    // Plain JavaScript callers may leave out the trailing null (`visitRequire('java.base', ACC_MANDATED)`).
    version ??= null;
    this.requires
      .putShort(this.symbolTable.addConstantModule(module).index)
      .putShort(access)
      .putShort(version === null ? 0 : this.symbolTable.addConstantUtf8(version));
    this.requiresCount++;
  }

  override visitExport(packaze: string, access: number, ...modules: (string | readonly string[] | null)[]): void;
  override visitExport(
    packaze: string,
    access: number,
    modulesOrFirst?: string | readonly string[] | null,
    ...modulesMore: string[]
  ): void {
    const modules = nullableVarargsOf(modulesOrFirst, modulesMore);
    this.exports.putShort(this.symbolTable.addConstantPackage(packaze).index).putShort(access);
    if (modules === null) {
      this.exports.putShort(0);
    } else {
      this.exports.putShort(modules.length);
      for (const module of modules) {
        this.exports.putShort(this.symbolTable.addConstantModule(module).index);
      }
    }
    this.exportsCount++;
  }

  override visitOpen(packaze: string, access: number, ...modules: (string | readonly string[] | null)[]): void;
  override visitOpen(
    packaze: string,
    access: number,
    modulesOrFirst?: string | readonly string[] | null,
    ...modulesMore: string[]
  ): void {
    const modules = nullableVarargsOf(modulesOrFirst, modulesMore);
    this.opens.putShort(this.symbolTable.addConstantPackage(packaze).index).putShort(access);
    if (modules === null) {
      this.opens.putShort(0);
    } else {
      this.opens.putShort(modules.length);
      for (const module of modules) {
        this.opens.putShort(this.symbolTable.addConstantModule(module).index);
      }
    }
    this.opensCount++;
  }

  override visitUse(service: string): void {
    this.usesIndex.putShort(this.symbolTable.addConstantClass(service).index);
    this.usesCount++;
  }

  override visitProvide(service: string, ...providers: (string | readonly string[])[]): void;
  override visitProvide(
    service: string,
    providersOrFirst?: string | readonly string[],
    ...providersMore: string[]
  ): void {
    const providers = varargsOf(providersOrFirst, providersMore);
    this.provides.putShort(this.symbolTable.addConstantClass(service).index);
    this.provides.putShort(providers.length);
    for (const provider of providers) {
      this.provides.putShort(this.symbolTable.addConstantClass(provider).index);
    }
    this.providesCount++;
  }

  override visitEnd(): void {
    // Nothing to do.
  }

  /** The number of attributes this writer produces: Module, plus ModulePackages and ModuleMainClass if needed. */
  getAttributeCount(): number {
    return 1 + (this.packageCount > 0 ? 1 : 0) + (this.mainClassIndex > 0 ? 1 : 0);
  }

  /** The total size of these attributes, headers included; adds their names to the pool. */
  computeAttributesSize(): number {
    let size = this.computeModuleAttributeSize();
    if (this.packageCount > 0) {
      size += this.computeModulePackagesAttributeSize();
    }
    if (this.mainClassIndex > 0) {
      size += this.computeModuleMainClassAttributeSize();
    }
    return size;
  }

  /** @internal The size of the Module attribute, header included; adds its name. */
  computeModuleAttributeSize(): number {
    this.symbolTable.addAttributeName(Constants.MODULE);
    // Header (6), name, flags and version (6), and the five counts (10).
    return (
      22 +
      this.requires.length +
      this.exports.length +
      this.opens.length +
      this.usesIndex.length +
      this.provides.length
    );
  }

  /** @internal The size of the ModulePackages attribute, header included; adds its name. */
  computeModulePackagesAttributeSize(): number {
    this.symbolTable.addAttributeName(Constants.MODULE_PACKAGES);
    return 8 + this.packageIndex.length;
  }

  /** @internal The size of the ModuleMainClass attribute; adds its name. */
  computeModuleMainClassAttributeSize(): number {
    this.symbolTable.addAttributeName(Constants.MODULE_MAIN_CLASS);
    return 8;
  }

  /** Puts the Module attribute, then ModulePackages and ModuleMainClass if needed. */
  putAttributes(output: ByteVector): void {
    this.putModuleAttribute(output);
    if (this.packageCount > 0) {
      this.putModulePackagesAttribute(output);
    }
    if (this.mainClassIndex > 0) {
      this.putModuleMainClassAttribute(output);
    }
  }

  /** @internal Puts the Module attribute (JVMS §4.7.25). */
  putModuleAttribute(output: ByteVector): void {
    const moduleAttributeLength =
      16 +
      this.requires.length +
      this.exports.length +
      this.opens.length +
      this.usesIndex.length +
      this.provides.length;
    output
      .putShort(this.symbolTable.addAttributeName(Constants.MODULE))
      .putInt(moduleAttributeLength)
      .putShort(this.moduleNameIndex)
      .putShort(this.moduleFlags)
      .putShort(this.moduleVersionIndex)
      .putShort(this.requiresCount)
      .putByteArray(this.requires.data, 0, this.requires.length)
      .putShort(this.exportsCount)
      .putByteArray(this.exports.data, 0, this.exports.length)
      .putShort(this.opensCount)
      .putByteArray(this.opens.data, 0, this.opens.length)
      .putShort(this.usesCount)
      .putByteArray(this.usesIndex.data, 0, this.usesIndex.length)
      .putShort(this.providesCount)
      .putByteArray(this.provides.data, 0, this.provides.length);
  }

  /** @internal Puts the ModulePackages attribute (JVMS §4.7.26). */
  putModulePackagesAttribute(output: ByteVector): void {
    output
      .putShort(this.symbolTable.addAttributeName(Constants.MODULE_PACKAGES))
      .putInt(2 + this.packageIndex.length)
      .putShort(this.packageCount)
      .putByteArray(this.packageIndex.data, 0, this.packageIndex.length);
  }

  /** @internal Puts the ModuleMainClass attribute (JVMS §4.7.27). */
  putModuleMainClassAttribute(output: ByteVector): void {
    output
      .putShort(this.symbolTable.addAttributeName(Constants.MODULE_MAIN_CLASS))
      .putInt(2)
      .putShort(this.mainClassIndex);
  }
}
