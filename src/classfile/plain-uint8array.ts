/**
 * `bytes` as a plain Uint8Array over the same memory (no copy). A Node Buffer is a Uint8Array
 * whose slice() is a view, not a copy, and whose subclass makes hot reads polymorphic: code that
 * keeps bytes it was given, then slices or reads them, takes them through this first.
 */
export function plainUint8Array(bytes: Uint8Array): Uint8Array {
  return bytes.constructor === Uint8Array ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
