import type { ModuleVisitor } from '../asm/module-visitor.js';

/** A node that represents an opened package (an `opens` entry, JVMS §4.7.25). */
export class ModuleOpenNode {
  /** The internal name of the opened package. */
  packaze: string;

  /** The open's flags: ACC_SYNTHETIC and/or ACC_MANDATED. */
  access: number;

  /** The fully qualified names (with dots) of the modules the package is opened to; null to open to every module. */
  modules: string[] | null;

  constructor(packaze: string, access: number, modules: string[] | null) {
    this.packaze = packaze;
    this.access = access;
    this.modules = modules;
  }

  /** Makes `moduleVisitor` visit this open. */
  accept(moduleVisitor: ModuleVisitor): void {
    moduleVisitor.visitOpen(this.packaze, this.access, this.modules === null ? null : this.modules.slice());
  }
}
