import { Byte, Character, Double, Float, Short } from '../asm/java-values.js';

/**
 * Helpers of the tree package (ASM's package-private `Util`): copy arrays into fresh mutable
 * arrays, box annotation primitive arrays, and create lists lazily.
 *
 * @internal
 */
export class Util {
  private constructor() {}

  /** Appends `element` to `list`, creating the list on first use (tree fields stay null until used). */
  static add<T>(list: T[] | null | undefined, element: T): T[] {
    const result = list ?? [];
    result.push(element);
    return result;
  }

  /**
   * Java's overloaded `asArrayList`:
   * - `asArrayList(length)`: a list of `length` nulls;
   * - `asArrayList(array)`: a copy of `array` (an empty list for null), with the elements of
   *   annotation primitive arrays boxed as ASM boxes them (Byte, Character, Short, Float, Double);
   * - `asArrayList(length, array)`: a copy of the first `length` elements of `array`.
   */
  static asArrayList<T = null>(length: number): T[];
  static asArrayList(array: Int8Array): Byte[];
  static asArrayList(array: Uint16Array): Character[];
  static asArrayList(array: Int16Array): Short[];
  static asArrayList(array: Int32Array): number[];
  static asArrayList(array: BigInt64Array): bigint[];
  static asArrayList(array: Float32Array): Float[];
  static asArrayList(array: Float64Array): Double[];
  static asArrayList<T>(array: readonly T[] | null | undefined): T[];
  static asArrayList<T>(length: number, array: readonly T[] | null | undefined): T[];
  static asArrayList(first: unknown, second?: unknown): unknown[] {
    if (typeof first === 'number') {
      if (second === undefined) {
        const nulls: null[] = new Array(first);
        for (let i = 0; i < first; ++i) nulls[i] = null;
        return nulls;
      }
      const source = second as ArrayLike<unknown>;
      const prefix: unknown[] = new Array(first);
      for (let i = 0; i < first; ++i) prefix[i] = source[i];
      return prefix;
    }
    if (first === null || first === undefined) return [];
    if (Array.isArray(first)) return first.slice();
    if (first instanceof Int8Array) return Array.from(first, (b) => new Byte(b));
    if (first instanceof Uint16Array) return Array.from(first, (c) => new Character(c));
    if (first instanceof Int16Array) return Array.from(first, (s) => new Short(s));
    if (first instanceof Int32Array) return Array.from(first);
    if (first instanceof BigInt64Array) return Array.from(first);
    if (first instanceof Float32Array) {
      // Go through the raw bits so that NaN payloads survive the boxing.
      const bits = new Int32Array(first.buffer, first.byteOffset, first.length);
      return Array.from(bits, (b) => Float.fromBits(b));
    }
    if (first instanceof Float64Array) {
      const bits = new BigInt64Array(first.buffer, first.byteOffset, first.length);
      return Array.from(bits, (b) => Double.fromBits(b));
    }
    return Array.from(first as ArrayLike<unknown>);
  }

  /** True for the array types that ASM's `AnnotationNode.visit` converts to lists. */
  static isAnnotationArray(value: unknown): boolean {
    return (
      Array.isArray(value) ||
      value instanceof Int8Array ||
      value instanceof Uint16Array ||
      value instanceof Int16Array ||
      value instanceof Int32Array ||
      value instanceof BigInt64Array ||
      value instanceof Float32Array ||
      value instanceof Float64Array
    );
  }
}
