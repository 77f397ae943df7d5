// # Javassist's ExceptionsAttribute: the checked exceptions a method declares (JVMS §4.7.5)
//
// `mi.getExceptionsAttribute()` is a live view of the method's `throws` clause (the tree's
// exceptions): setExceptions/setExceptionIndexes change the method, as in Javassist. Made with
// `new ExceptionsAttribute(cp)` it holds Class entry indexes of `cp` until given to a method with
// MethodInfo.setExceptionsAttribute. Names are dotted, as Javassist's getExceptions answers them.

import { toDottedName, toInternalName } from '../../classfile/class-names.js';
import { AttributeInfo } from './attribute-info.js';
import type { ConstPool } from './const-pool.js';

/** @internal The method whose `throws` clause a bound attribute shows. */
export interface ExceptionsHolder {
  /** Internal names. */
  get(): readonly string[];
  set(internalNames: string[]): void;
  /** The Class entry indexes of the names, as the class file has (or would have) them. */
  indexes(): number[];
}

export class ExceptionsAttribute extends AttributeInfo {
  static readonly tag = 'Exceptions';

  private indexes: number[] = [];
  private holder: ExceptionsHolder | null = null;

  /** An empty table whose entries are Class entries of `cp`. */
  constructor(private readonly cp: ConstPool) {
    super(ExceptionsAttribute.tag);
  }

  /** @internal Makes this attribute the live view of `holder`'s exceptions. */
  bind(holder: ExceptionsHolder): this {
    this.holder = holder;
    return this;
  }

  /** The Class entry indexes, or null when there are none (Javassist's getExceptionIndexes). */
  getExceptionIndexes(): number[] | null {
    const indexes = this.holder === null ? [...this.indexes] : this.holder.indexes();
    return indexes.length === 0 ? null : indexes;
  }

  /** The dotted names, or null when there are none. */
  getExceptions(): string[] | null {
    const names = this.holder === null ? this.indexes.map((i) => this.cp.getClassInfo(i)) : this.holder.get().map(toDottedName);
    return names.length === 0 ? null : names;
  }

  /** Sets the exceptions by Class entry index. */
  setExceptionIndexes(indexes: readonly number[]): void {
    if (this.holder === null) this.indexes = [...indexes];
    else this.holder.set(indexes.map((i) => toInternalName(this.cp.getClassInfo(i))));
  }

  /** Sets the exceptions by (dotted) name; their Class entries join the pool, as in Javassist. */
  setExceptions(names: readonly string[]): void {
    const indexes = names.map((name) => this.cp.addClassInfo(name));
    if (this.holder === null) this.indexes = indexes;
    else this.holder.set(names.map(toInternalName));
  }

  /** The number of exceptions. */
  tableLength(): number {
    return this.holder === null ? this.indexes.length : this.holder.get().length;
  }

  /** The Class entry index of exception `nth`. */
  getException(nth: number): number {
    const indexes = this.getExceptionIndexes() ?? [];
    if (nth < 0 || nth >= indexes.length) throw new RangeError(`Exceptions entry ${nth} of ${indexes.length}`);
    return indexes[nth]!;
  }
}
