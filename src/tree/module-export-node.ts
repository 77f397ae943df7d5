import type { ModuleVisitor } from '../asm/module-visitor.js';

/** A node that represents an exported package (an `exports` entry, JVMS §4.7.25). */
export class ModuleExportNode {
  /** The internal name of the exported package. */
  packaze: string;

  /** The export's flags: ACC_SYNTHETIC and/or ACC_MANDATED. */
  access: number;

  /** The fully qualified names (with dots) of the modules the package is exported to; null to export to every module. */
  modules: string[] | null;

  constructor(packaze: string, access: number, modules: string[] | null) {
    this.packaze = packaze;
    this.access = access;
    this.modules = modules;
  }

  /** Makes `moduleVisitor` visit this export. */
  accept(moduleVisitor: ModuleVisitor): void {
    moduleVisitor.visitExport(this.packaze, this.access, this.modules === null ? null : this.modules.slice());
  }
}
