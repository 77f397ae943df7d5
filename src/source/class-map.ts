// # Javassist's ClassMap: class renamings for CtNewMethod.copy, setBody(method, map), replaceClassName
//
// A Map of dotted old name → dotted new name (every classforge/source method taking a map takes a
// plain Map too), with Javassist's ClassMap methods so that ported code reads the same:
// `const map = new ClassMap(); map.put('com.acme.A', 'com.acme.B'); map.fix('com.acme.Keep')`. As in
// Javassist, a name fixed with fix() (mapped to itself) is not renamed by a later put().

import type { CtClass } from './ct-class.js';

type ClassName = string | CtClass;

const nameOf = (name: ClassName): string => (typeof name === 'string' ? name.replace(/\//g, '.') : name.getName());

export class ClassMap extends Map<string, string> {
  /** Maps `oldName` to `newName` unless `oldName` was fixed; returns the previous new name, or undefined. */
  put(oldName: ClassName, newName: ClassName): string | undefined {
    const from = nameOf(oldName);
    const to = nameOf(newName);
    const previous = this.get(from);
    if (from === to) return from;
    if (previous !== undefined && previous === from) return previous; // fixed
    this.set(from, to);
    return previous;
  }

  /** put, only when `oldName` has no entry yet. */
  putIfNone(oldName: ClassName, newName: ClassName): void {
    const from = nameOf(oldName);
    if (!this.has(from)) this.set(from, nameOf(newName));
  }

  /** Keeps `name` from being renamed (maps it to itself). */
  fix(name: ClassName): void {
    const fixed = nameOf(name);
    this.set(fixed, fixed);
  }
}
