import type { ModuleVisitor } from '../asm/module-visitor.js';

/** A node that represents a service implemented by a module (a `provides` entry, JVMS §4.7.25). */
export class ModuleProvideNode {
  /** The internal name of the service. */
  service: string;

  /** The internal names of the implementations of the service (at least one). */
  providers: string[];

  constructor(service: string, providers: string[]) {
    this.service = service;
    this.providers = providers;
  }

  /** Makes `moduleVisitor` visit this service. */
  accept(moduleVisitor: ModuleVisitor): void {
    moduleVisitor.visitProvide(this.service, this.providers.slice());
  }
}
