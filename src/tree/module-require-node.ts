import type { ModuleVisitor } from '../asm/module-visitor.js';

/** A node that represents a module dependency (a `requires` entry, JVMS §4.7.25). */
export class ModuleRequireNode {
  /** The fully qualified name (with dots) of the required module. */
  module: string;

  /** The dependency's flags: ACC_TRANSITIVE, ACC_STATIC_PHASE, ACC_SYNTHETIC and/or ACC_MANDATED. */
  access: number;

  /** The version of the required module at compile time. May be null. */
  version: string | null;

  constructor(module: string, access: number, version: string | null) {
    this.module = module;
    this.access = access;
    this.version = version;
  }

  /** Makes `moduleVisitor` visit this dependency. */
  accept(moduleVisitor: ModuleVisitor): void {
    moduleVisitor.visitRequire(this.module, this.access, this.version);
  }
}
