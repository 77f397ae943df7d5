// # Classes a transform adds while it rewrites one class (ctx.addClass)
//
// A companion of the rewritten class (an accessor, a proxy, a generated adapter) that its new code
// uses, made by the transform with ClassWriter or classforge/source and given as class file bytes.
// Unlike helper classes (helper-classes.ts), which a run makes once for all classes, these depend on
// the class being rewritten, so they travel with its result: `classforge transform` writes them next
// to it (the same jar or directory, the same release of a multi-release jar), transformClasses returns
// them, and inside a JVM the shim defines them with the rewritten class's loader as it loads.
//
// Checked as they are added (the transform's call throws, so the failure is the transform's, with its
// name and the class): a readable class file, not a module-info, a valid name that is not the
// rewritten class's own, and not added twice for one class.

import { ClassReader } from '../asm/class-reader.js';
import { Opcodes } from '../asm/opcodes.js';
import { isLegalInternalName, toDottedName } from '../classfile/class-names.js';
import { describeValue } from './define-transform.js';

/** A class added for one rewritten class. */
export interface AddedClass {
  /** Its internal name, read from the class file. */
  readonly name: string;
  readonly bytes: Uint8Array;
  /** The transform that added it. */
  readonly transform: string;
}

/** The classes added while one class is rewritten. */
export class AddedClasses {
  private readonly added: AddedClass[] = [];

  constructor(private readonly rewritten: string) {}

  /** Checks and records `bytes` (see the top of this file); returns the class's internal name. */
  add(bytes: unknown, transform: string): string {
    if (!(bytes instanceof Uint8Array)) {
      throw new TypeError(`ctx.addClass takes class file bytes (a Uint8Array, e.g. ClassWriter.toByteArray()), got ${describeValue(bytes)}`);
    }
    const reader = new ClassReader(bytes);
    const name = reader.getClassName();
    if ((reader.getAccess() & Opcodes.ACC_MODULE) !== 0) throw new Error('ctx.addClass: a module-info cannot be added');
    if (!isLegalInternalName(name)) throw new Error(`ctx.addClass: '${name}' is not a valid class name (JVMS §4.2.1)`);
    if (name === this.rewritten) throw new Error(`ctx.addClass: ${toDottedName(name)} is the class being rewritten`);
    if (this.added.some((other) => other.name === name)) throw new Error(`ctx.addClass: ${toDottedName(name)} was added already`);
    this.added.push({ name, bytes, transform });
    return name;
  }

  /** What was added, in order. */
  list(): readonly AddedClass[] {
    return this.added.length === 0 ? NONE : [...this.added];
  }
}

const NONE: readonly AddedClass[] = Object.freeze([]);
