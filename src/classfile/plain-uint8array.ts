/**
 * `bytes` as a plain Uint8Array over the same memory (no copy). A Node Buffer is a Uint8Array
 * whose slice() is a view, not a copy, and whose subclass makes hot reads polymorphic: code that
 * keeps bytes it was given, then slices or reads them, takes them through this first.
 */
export function plainUint8Array(bytes: Uint8Array): Uint8Array {
  return bytes.constructor === Uint8Array ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * `bytes` if it spans its whole buffer, else a copy that does: for bytes posted to a worker. Structured
 * cloning a view copies its entire buffer (a class file from ClassWriter.toByteArray may be a view on an
 * output slab it shares with others), and transferring the buffer would detach the others.
 */
export function withOwnBuffer(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}
