/**
 * Java varargs (`Object... bootstrapMethodArguments`, `Label... labels`, `String... modules`): as in Java, the
 * trailing arguments of such a call may be given one by one or as one array, and every implementation takes both.
 * An implementation declares the public form `...args: T[] | [readonly T[]]` as its overload and its own signature
 * as `(…, first?: T | readonly T[], ...more: T[])`, then normalizes at entry:
 *
 *     const args = varargsOf(first, more);   // Array.isArray(first) ? first : spreadArguments(first, more)
 *
 * The array form (what ClassReader and the tree nodes pass) takes the `Array.isArray` test alone: `more` is not
 * touched on that path, so V8 allocates nothing for it in optimized code.
 *
 * @internal
 */

/** The trailing arguments given one by one: `first` (undefined when there are none) followed by `more`. */
export function spreadArguments<T>(first: T | undefined, more: readonly T[]): T[] {
  if (first === undefined && more.length === 0) {
    return [];
  }
  const result: T[] = [first as T];
  for (let i = 0; i < more.length; ++i) {
    result.push(more[i]!);
  }
  return result;
}

/**
 * As {@link spreadArguments} for a nullable varargs parameter (`String... modules` of ModuleVisitor): a lone `null`
 * is the null array, as in Java.
 */
export function spreadNullableArguments<T>(first: T | null | undefined, more: readonly T[]): T[] | null {
  if (first === null && more.length === 0) {
    return null;
  }
  return spreadArguments(first as T | undefined, more);
}

/** The trailing arguments of a varargs call, given as one array or one by one (the normalization above). */
export function varargsOf<T>(first: T | readonly T[] | undefined, more: readonly T[]): T[] {
  return Array.isArray(first) ? (first as T[]) : spreadArguments(first as T | undefined, more);
}

/** As {@link varargsOf} for a nullable varargs parameter: a lone `null` is the null array. */
export function nullableVarargsOf<T>(first: T | readonly T[] | null | undefined, more: readonly T[]): T[] | null {
  return Array.isArray(first) ? (first as T[]) : spreadNullableArguments(first as T | null | undefined, more);
}
