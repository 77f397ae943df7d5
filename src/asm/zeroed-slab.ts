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

/** Node's Buffer.allocUnsafeSlow, if this runtime has it. */
const allocUnsafeSlow: ((size: number) => Uint8Array) | undefined = (
  globalThis as { Buffer?: { allocUnsafeSlow?: (size: number) => Uint8Array } }
).Buffer?.allocUnsafeSlow;

/** A zero-filled ArrayBuffer of `byteLength` bytes. */
function zeroedArrayBuffer(byteLength: number): ArrayBuffer {
  return new ArrayBuffer(byteLength);
}

/**
 * An ArrayBuffer of `byteLength` bytes whose content is unspecified: Node's Buffer.allocUnsafeSlow gives
 * one of its own, not zero-filled; elsewhere (no Buffer) a plain zeroed one.
 */
function uninitializedArrayBuffer(byteLength: number): ArrayBuffer {
  if (allocUnsafeSlow !== undefined) {
    const buffer = allocUnsafeSlow(byteLength).buffer;
    // allocUnsafeSlow's Buffer spans an ArrayBuffer of its own; anything else: a plain one.
    if (buffer.byteLength === byteLength && buffer instanceof ArrayBuffer) return buffer;
  }
  return new ArrayBuffer(byteLength);
}

/**
 * Regions of at most `maxAllocation` bytes handed out by bumping an offset in the current slab of
 * `slabByteLength` bytes (8-byte aligned), a new slab from `allocate` when it is full; larger arrays get a
 * buffer of their own from `allocate`.
 */
class SlabAllocator {
  private slab: ArrayBuffer;
  private used = 0;

  constructor(
    private readonly slabByteLength: number,
    private readonly maxAllocation: number,
    private readonly allocate: (byteLength: number) => ArrayBuffer,
  ) {
    this.slab = allocate(slabByteLength);
  }

  /** Reserves `byteLength` bytes (at most maxAllocation) and returns their offset in `current()`. */
  reserve(byteLength: number): number {
    const alignedByteLength = (byteLength + 7) & ~7;
    if (this.used + alignedByteLength > this.slabByteLength) {
      this.slab = this.allocate(this.slabByteLength);
      this.used = 0;
    }
    const offset = this.used;
    this.used += alignedByteLength;
    return offset;
  }

  /** The slab of the last reserve. */
  current(): ArrayBuffer {
    return this.slab;
  }

  /** A new Uint8Array of `length` bytes: a region of a slab, or a buffer of its own when larger. */
  uint8Array(length: number): Uint8Array {
    if (length > this.maxAllocation) {
      return new Uint8Array(this.allocate(length));
    }
    const offset = this.reserve(length);
    return new Uint8Array(this.slab, offset, length);
  }
}

// The tables: zero-filled, as new arrays are.
const tables = new SlabAllocator(SLAB_BYTE_LENGTH, MAX_SLAB_ALLOCATION, zeroedArrayBuffer);

/**
 * Reserves `byteLength` (at most MAX_SLAB_ALLOCATION) zero bytes, 8-byte aligned, and returns their
 * offset in `currentSlab()`: for callers that carve several views out of one region.
 */
export function reserveSlabRegion(byteLength: number): number {
  return tables.reserve(byteLength);
}

/** The slab of the last reserveSlabRegion. */
export function currentSlab(): ArrayBuffer {
  return tables.current();
}

/** A new zero-filled Int32Array of `length` elements. */
export function zeroedInt32Array(length: number): Int32Array {
  if (length > MAX_SLAB_ALLOCATION >> 2) {
    return new Int32Array(length);
  }
  const offset = tables.reserve(length << 2);
  return new Int32Array(tables.current(), offset, length);
}

// Class files handed to callers (ClassWriter.toByteArray) come from slabs of their own, so that the
// results written one after another sit side by side: a program that keeps every result (a jar
// rewritten) wastes nothing, and one that keeps a few pins at most one output slab each, as a Node
// Buffer pins its 8 KiB pool. A result is a view (`byteOffset` may be non-zero and `buffer` is
// shared): copy it (`slice()`) before transferring its buffer to a worker.
//
// Their memory is not zero-filled: the caller (ClassWriter.toByteArray) writes every byte of the class
// file anyway, and zero-filling fresh memory first costs as much again (a 128 KiB ArrayBuffer takes
// about four times as long zeroed as not, on Node 20).
const outputs = new SlabAllocator(128 * 1024, 16 * 1024, uninitializedArrayBuffer);

/**
 * A new Uint8Array of `length` bytes to hand to a caller (see above), which must write every one of
 * them: their initial content is unspecified.
 */
export function outputUint8Array(length: number): Uint8Array {
  return outputs.uint8Array(length);
}

// The storage of growing ByteVectors: bytes past a vector's length are never read (its put methods write
// every byte they count, ByteVector.putByteArray(null, …) included), so these regions need not start zeroed
// either: slabs of their own, not zero-filled.
const scratch = new SlabAllocator(SLAB_BYTE_LENGTH, MAX_SLAB_ALLOCATION, uninitializedArrayBuffer);

/** A new Uint8Array of `length` bytes whose content is unspecified: the storage of a growing ByteVector. */
export function scratchUint8Array(length: number): Uint8Array {
  return scratch.uint8Array(length);
}
