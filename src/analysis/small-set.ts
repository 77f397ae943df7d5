/**
 * An immutable set of at most two elements, compared by identity (ASM's package-private
 * `SmallSet`): the usual `SourceValue.insns`, much cheaper than a `Set` for one or two elements.
 * `union` falls back to a `Set` beyond two elements.
 *
 * @internal
 */
export class SmallSet<T> implements ReadonlySet<T> {
  /** The first element, or null for the empty set. */
  private readonly element1: T | null;

  /** The second element, null unless `element1` is set, and then different from it. */
  private readonly element2: T | null;

  /** The number of elements (0, 1 or 2). */
  readonly size: number;

  constructor(element1: T | null = null, element2: T | null = null) {
    this.element1 = element1;
    this.element2 = element1 === null ? null : element2;
    this.size = this.element1 === null ? 0 : this.element2 === null ? 1 : 2;
  }

  has(value: T): boolean {
    return value !== null && (value === this.element1 || value === this.element2);
  }

  forEach(callbackfn: (value: T, value2: T, set: ReadonlySet<T>) => void, thisArg?: unknown): void {
    if (this.element1 !== null) {
      callbackfn.call(thisArg, this.element1, this.element1, this);
      if (this.element2 !== null) {
        callbackfn.call(thisArg, this.element2, this.element2, this);
      }
    }
  }

  *[Symbol.iterator](): IterableIterator<T> {
    if (this.element1 !== null) {
      yield this.element1;
      if (this.element2 !== null) {
        yield this.element2;
      }
    }
  }

  values(): IterableIterator<T> {
    return this[Symbol.iterator]();
  }

  keys(): IterableIterator<T> {
    return this[Symbol.iterator]();
  }

  *entries(): IterableIterator<[T, T]> {
    for (const element of this) {
      yield [element, element];
    }
  }

  /** The union of this set and `otherSet`: this set or `otherSet` itself when one contains the other. */
  union(otherSet: SmallSet<T>): ReadonlySet<T> {
    const element1 = this.element1;
    const element2 = this.element2;
    if (
      (otherSet.element1 === element1 && otherSet.element2 === element2) ||
      (otherSet.element1 === element2 && otherSet.element2 === element1)
    ) {
      return this;
    }
    if (otherSet.element1 === null) {
      return this;
    }
    if (element1 === null) {
      return otherSet;
    }
    // Both sets are non empty and differ.
    if (otherSet.element2 === null) {
      if (element2 === null) {
        return new SmallSet<T>(element1, otherSet.element1);
      }
      if (otherSet.element1 === element1 || otherSet.element1 === element2) {
        return this;
      }
    }
    if (element2 === null && (element1 === otherSet.element1 || element1 === otherSet.element2)) {
      return otherSet;
    }
    // At least three distinct elements.
    const result = new Set<T>();
    result.add(element1);
    if (element2 !== null) {
      result.add(element2);
    }
    result.add(otherSet.element1);
    if (otherSet.element2 !== null) {
      result.add(otherSet.element2);
    }
    return result;
  }
}
