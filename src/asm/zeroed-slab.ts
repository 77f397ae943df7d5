// # Typed arrays carved out of shared slabs: zero-filled tables, class files, ByteVector storage
//
// Creating a typed array of more than 64 bytes makes V8 allocate an ArrayBuffer backing store
// outside its heap (calloc, registration with the array-buffer sweeper, free after a later
// scavenge): several times the cost of a view on an existing buffer, and work for a background
// thread. Reading and writing a class needs several small per-class tables (a reader's per-entry
// tables, a writer's search tables over a reader's pool, growing byte vectors), so small arrays are
// views on 64 KiB slabs, each region handed out once by bumping an offset, as Node does for small
// Buffers. A slab is freed when no view on it is alive any more; larger arrays get a buffer of their own.
// Three kinds of slabs: the tables' are zero-filled when created, so every region starts zeroed as a new
// array does; the class files' and the ByteVectors' are not (their users write every byte they use, and
// zero-filling fresh memory first costs as much again: see outputUint8Array and scratchUint8Array).

const SLAB_BYTE_LENGTH = 64 * 1024;

/** The largest allocation, in bytes, taken from a slab. */
export const MAX_SLAB_ALLOCATION = 8 * 1024;

let slab = new ArrayBuffer(SLAB_BYTE_LENGTH);
let slabUsed = 0;

/**
 * Reserves `byteLength` (at most MAX_SLAB_ALLOCATION) zero bytes, 8-byte aligned, and returns their
 * offset in `currentSlab()`: for callers that carve several views out of one region.
 */
export function reserveSlabRegion(byteLength: number): number {
  const alignedByteLength = (byteLength + 7) & ~7;
  if (slabUsed + alignedByteLength > SLAB_BYTE_LENGTH) {
    slab = new ArrayBuffer(SLAB_BYTE_LENGTH);
    slabUsed = 0;
  }
  const offset = slabUsed;
  slabUsed += alignedByteLength;
  return offset;
}

/** The slab of the last reserveSlabRegion. */
export function currentSlab(): ArrayBuffer {
  return slab;
}

/** A new zero-filled Int32Array of `length` elements. */
export function zeroedInt32Array(length: number): Int32Array {
  if (length > MAX_SLAB_ALLOCATION >> 2) {
    return new Int32Array(length);
  }
  const offset = reserveSlabRegion(length << 2);
  return new Int32Array(slab, offset, length);
}

// Class files handed to callers (ClassWriter.toByteArray) come from slabs of their own, so that the
// results written one after another sit side by side: a program that keeps every result (a jar
// rewritten) wastes nothing, and one that keeps a few pins at most one output slab each, as a Node
// Buffer pins its 8 KiB pool. A result is a view (`byteOffset` may be non-zero and `buffer` is
// shared): copy it (`slice()`) before transferring its buffer to a worker.
//
// Their memory is not zero-filled: the caller (ClassWriter.toByteArray) writes every byte of the class
// file anyway, and zero-filling fresh memory first costs as much again (a 128 KiB ArrayBuffer takes
// about four times as long zeroed as not, on Node 20). Node's Buffer.allocUnsafeSlow gives such an
// ArrayBuffer of its own; elsewhere (no Buffer) a plain zeroed one is used.
const OUTPUT_SLAB_BYTE_LENGTH = 128 * 1024;
/** The largest class file, in bytes, taken from an output slab. */
const MAX_OUTPUT_SLAB_ALLOCATION = 16 * 1024;

/** Node's Buffer.allocUnsafeSlow, if this runtime has it. */
const allocUnsafeSlow: ((size: number) => Uint8Array) | undefined = (
  globalThis as { Buffer?: { allocUnsafeSlow?: (size: number) => Uint8Array } }
).Buffer?.allocUnsafeSlow;

/** An ArrayBuffer of `byteLength` bytes whose content is unspecified (see above). */
function uninitializedArrayBuffer(byteLength: number): ArrayBuffer {
  if (allocUnsafeSlow !== undefined) {
    const buffer = allocUnsafeSlow(byteLength).buffer;
    // allocUnsafeSlow's Buffer spans an ArrayBuffer of its own; anything else: a plain one.
    if (buffer.byteLength === byteLength && buffer instanceof ArrayBuffer) return buffer;
  }
  return new ArrayBuffer(byteLength);
}

let outputSlab = uninitializedArrayBuffer(OUTPUT_SLAB_BYTE_LENGTH);
let outputSlabUsed = 0;

/**
 * A new Uint8Array of `length` bytes to hand to a caller (see above), which must write every one of
 * them: their initial content is unspecified.
 */
export function outputUint8Array(length: number): Uint8Array {
  if (length > MAX_OUTPUT_SLAB_ALLOCATION) {
    return new Uint8Array(uninitializedArrayBuffer(length));
  }
  const alignedByteLength = (length + 7) & ~7;
  if (outputSlabUsed + alignedByteLength > OUTPUT_SLAB_BYTE_LENGTH) {
    outputSlab = uninitializedArrayBuffer(OUTPUT_SLAB_BYTE_LENGTH);
    outputSlabUsed = 0;
  }
  const view = new Uint8Array(outputSlab, outputSlabUsed, length);
  outputSlabUsed += alignedByteLength;
  return view;
}

// The storage of growing ByteVectors: bytes past a vector's length are never read (its put methods write
// every byte they count, ByteVector.putByteArray(null, …) included), so these regions need not start zeroed
// either. They come from slabs of their own, which are not zero-filled (see above); larger ones get an
// unfilled buffer of their own.
let scratchSlab = uninitializedArrayBuffer(SLAB_BYTE_LENGTH);
let scratchSlabUsed = 0;

/** A new Uint8Array of `length` bytes whose content is unspecified: the storage of a growing ByteVector. */
export function scratchUint8Array(length: number): Uint8Array {
  if (length > MAX_SLAB_ALLOCATION) {
    return new Uint8Array(uninitializedArrayBuffer(length));
  }
  const alignedByteLength = (length + 7) & ~7;
  if (scratchSlabUsed + alignedByteLength > SLAB_BYTE_LENGTH) {
    scratchSlab = uninitializedArrayBuffer(SLAB_BYTE_LENGTH);
    scratchSlabUsed = 0;
  }
  const view = new Uint8Array(scratchSlab, scratchSlabUsed, length);
  scratchSlabUsed += alignedByteLength;
  return view;
}
