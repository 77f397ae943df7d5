import { IllegalArgumentException } from './java-exceptions.js';
import { encodeModifiedUtf8Into, modifiedUtf8Length } from '../classfile/modified-utf8.js';
import { scratchUint8Array } from './zeroed-slab.js';

/**
 * String.prototype.charCodeAt, called with .call in per-character loops: strings reach the writer
 * in many representations (sequential, internalized, cons and sliced ones from frame types…), and
 * past four of them `s.charCodeAt` becomes a megamorphic property load on every character.
 */
const charCodeAt = String.prototype.charCodeAt;

/**
 * The last source and target of putByteRun and their DataViews (a view costs an allocation; the
 * runs of a class come from the same source into the same target). Holds on to the last class file
 * and pool buffer read, as modified-utf8.ts's last Latin-1 view does.
 */
let runSource: Uint8Array | null = null;
let runSourceView: DataView | null = null;
let runTarget: Uint8Array | null = null;
let runTargetView: DataView | null = null;

/** The shared content of new default-capacity vectors, until their first put. */
const EMPTY_DATA = new Uint8Array(0);

/**
 * A growable byte array with big-endian put methods (JVMS §4: every multi-byte quantity of a
 * class file is big-endian). The writer fills one of these per class, per method body, per
 * annotation… and `ClassWriter.toByteArray` sizes the whole class first so that its final vector
 * is allocated once and never grows.
 *
 * `data` and `length` are read directly by the writer classes (no getters in hot paths). Growing
 * vectors take views on shared slabs (see zeroed-slab.ts): a class written from scratch grows hundreds
 * of small vectors. Those views are not zero-filled: only the first `length` bytes are meaningful, and
 * every put method writes each byte it counts. Vectors created with an explicit capacity (such as toByteArray's
 * result, which is handed to the caller) get a buffer of their own.
 */
export class ByteVector {
  /** @internal The content; only the first `length` bytes are meaningful. */
  data: Uint8Array;
  /** @internal The number of meaningful bytes in `data`. */
  length: number;

  /**
   * `new ByteVector()` starts with a 64-byte capacity, `new ByteVector(n)` with `n` bytes, and
   * (internally) `new ByteVector(bytes)` wraps `bytes` as its full content, without copying.
   */
  constructor(initialCapacityOrData?: number | Uint8Array) {
    if (initialCapacityOrData === undefined) {
      // Allocated on first put: many vectors (e.g. the code of a method copied as is) stay empty.
      this.data = EMPTY_DATA;
      this.length = 0;
    } else if (typeof initialCapacityOrData === 'number') {
      this.data = new Uint8Array(initialCapacityOrData);
      this.length = 0;
    } else {
      this.data = initialCapacityOrData;
      this.length = initialCapacityOrData.length;
    }
  }

  /** @internal An empty vector that writes into `storage` (its capacity) until it must grow. */
  static writingInto(storage: Uint8Array): ByteVector {
    const vector = new ByteVector(storage);
    vector.length = 0;
    return vector;
  }

  /** The number of bytes in this vector. */
  size(): number {
    return this.length;
  }

  /** Appends a byte (the low 8 bits of `byteValue`). */
  putByte(byteValue: number): this {
    let currentLength = this.length;
    if (currentLength + 1 > this.data.length) {
      this.enlarge(1);
    }
    this.data[currentLength++] = byteValue;
    this.length = currentLength;
    return this;
  }

  /** @internal Appends two bytes. */
  put11(byteValue1: number, byteValue2: number): this {
    let currentLength = this.length;
    if (currentLength + 2 > this.data.length) {
      this.enlarge(2);
    }
    const currentData = this.data;
    currentData[currentLength++] = byteValue1;
    currentData[currentLength++] = byteValue2;
    this.length = currentLength;
    return this;
  }

  /** Appends a big-endian u2 (the low 16 bits of `shortValue`). */
  putShort(shortValue: number): this {
    let currentLength = this.length;
    if (currentLength + 2 > this.data.length) {
      this.enlarge(2);
    }
    const currentData = this.data;
    currentData[currentLength++] = shortValue >>> 8;
    currentData[currentLength++] = shortValue;
    this.length = currentLength;
    return this;
  }

  /** @internal Appends a byte then a u2 (e.g. a constant pool tag and an index). */
  put12(byteValue: number, shortValue: number): this {
    let currentLength = this.length;
    if (currentLength + 3 > this.data.length) {
      this.enlarge(3);
    }
    const currentData = this.data;
    currentData[currentLength++] = byteValue;
    currentData[currentLength++] = shortValue >>> 8;
    currentData[currentLength++] = shortValue;
    this.length = currentLength;
    return this;
  }

  /** @internal Appends two bytes then a u2. */
  put112(byteValue1: number, byteValue2: number, shortValue: number): this {
    let currentLength = this.length;
    if (currentLength + 4 > this.data.length) {
      this.enlarge(4);
    }
    const currentData = this.data;
    currentData[currentLength++] = byteValue1;
    currentData[currentLength++] = byteValue2;
    currentData[currentLength++] = shortValue >>> 8;
    currentData[currentLength++] = shortValue;
    this.length = currentLength;
    return this;
  }

  /** Appends a big-endian u4 (the low 32 bits of `intValue`). */
  putInt(intValue: number): this {
    let currentLength = this.length;
    if (currentLength + 4 > this.data.length) {
      this.enlarge(4);
    }
    const currentData = this.data;
    currentData[currentLength++] = intValue >>> 24;
    currentData[currentLength++] = intValue >>> 16;
    currentData[currentLength++] = intValue >>> 8;
    currentData[currentLength++] = intValue;
    this.length = currentLength;
    return this;
  }

  /** @internal Appends a byte then two u2 (e.g. a tag and two constant pool indices). */
  put122(byteValue: number, shortValue1: number, shortValue2: number): this {
    let currentLength = this.length;
    if (currentLength + 5 > this.data.length) {
      this.enlarge(5);
    }
    const currentData = this.data;
    currentData[currentLength++] = byteValue;
    currentData[currentLength++] = shortValue1 >>> 8;
    currentData[currentLength++] = shortValue1;
    currentData[currentLength++] = shortValue2 >>> 8;
    currentData[currentLength++] = shortValue2;
    this.length = currentLength;
    return this;
  }

  /** Appends a big-endian u8; `longValue` is a Java long as a bigint (its low 64 bits are used). */
  putLong(longValue: bigint): this {
    const high = Number(BigInt.asIntN(32, longValue >> 32n));
    const low = Number(BigInt.asIntN(32, longValue));
    return this.putInt(high).putInt(low);
  }

  /**
   * Appends a u2 byte length followed by `stringValue` in modified UTF-8 (JVMS §4.4.7), i.e. the
   * body of a CONSTANT_Utf8_info. Throws if the encoding exceeds 65535 bytes.
   */
  putUTF8(stringValue: string): this {
    const charLength = stringValue.length;
    if (charLength > 65535) {
      throw new IllegalArgumentException('UTF8 string too large');
    }
    let currentLength = this.length;
    if (currentLength + 2 + charLength > this.data.length) {
      this.enlarge(2 + charLength);
    }
    const currentData = this.data;
    // Optimistically assume ASCII: then the byte length is the char length. Fall back to the
    // general encoder at the first other char (it rewrites the length field).
    currentData[currentLength++] = charLength >>> 8;
    currentData[currentLength++] = charLength;
    for (let i = 0; i < charLength; ++i) {
      const charValue = charCodeAt.call(stringValue, i);
      if (charValue >= 0x01 && charValue <= 0x7f) {
        currentData[currentLength++] = charValue;
      } else {
        this.length = currentLength;
        return this.encodeUtf8(stringValue, i, 65535);
      }
    }
    this.length = currentLength;
    return this;
  }

  /**
   * @internal Appends `stringValue.substring(offset)` in modified UTF-8 (JVMS §4.4.7: U+0000 as
   * C0 80, supplementary characters as two 3-byte surrogates). When the `offset` chars before
   * were written by `putUTF8` just after a u2 length, that length is updated to the full byte
   * length. Throws if the full byte length exceeds `maxByteLength`.
   */
  encodeUtf8(stringValue: string, offset: number, maxByteLength: number): this {
    // The first `offset` chars are ASCII (one byte each), so the full length is the encoded
    // length of the whole string.
    const byteLength = modifiedUtf8Length(stringValue);
    if (byteLength > maxByteLength) {
      throw new IllegalArgumentException('UTF8 string too large');
    }
    // The u2 length written by putUTF8 sits just before the `offset` ASCII bytes already put.
    const start = this.length - offset;
    const byteLengthOffset = start - 2;
    if (byteLengthOffset >= 0) {
      this.data[byteLengthOffset] = byteLength >>> 8;
      this.data[byteLengthOffset + 1] = byteLength;
    }
    if (start + byteLength > this.data.length) {
      this.enlarge(byteLength - offset);
    }
    // Re-encoding the ASCII prefix rewrites the same bytes; simpler than slicing the string.
    this.length = encodeModifiedUtf8Into(stringValue, this.data, start);
    return this;
  }

  /**
   * Appends `byteLength` bytes of `byteArrayValue` from `byteOffset`, or `byteLength` zero bytes
   * when `byteArrayValue` is null.
   */
  putByteArray(byteArrayValue: Uint8Array | null, byteOffset: number, byteLength: number): this {
    if (this.length + byteLength > this.data.length) {
      this.enlarge(byteLength);
    }
    if (byteArrayValue !== null) {
      if (byteLength < 40) {
        // A loop beats subarray+set (an allocation, about as costly as copying 40 bytes one by
        // one) for small copies.
        const currentData = this.data;
        let currentLength = this.length;
        for (let i = 0; i < byteLength; ++i) {
          currentData[currentLength++] = byteArrayValue[byteOffset + i]!;
        }
      } else {
        this.data.set(byteArrayValue.subarray(byteOffset, byteOffset + byteLength), this.length);
      }
    } else {
      // Written, not assumed: the storage of a vector is not zero-filled (see the class comment).
      this.data.fill(0, this.length, this.length + byteLength);
    }
    this.length += byteLength;
    return this;
  }

  /**
   * @internal putByteArray for a caller that copies many short runs out of one `source` into one
   * vector (the Utf8 constants of a dictionary class into its writer's constant pool, see
   * SymbolTable.addDictionaryUtf8): four bytes at a time through DataViews of `source` and `data`,
   * kept from call to call while they stay the same arrays. V8 inlines a DataView's unaligned 32-bit
   * load and store; 8 to 64 bytes copy 2 to 3 times as fast as with a byte loop, and without the
   * view that subarray allocates (java.base: 520,000 Utf8 constants of 15 bytes on average per pass).
   */
  putByteRun(source: Uint8Array, byteOffset: number, byteLength: number): this {
    if (byteLength >= 128) {
      return this.putByteArray(source, byteOffset, byteLength);
    }
    if (this.length + byteLength > this.data.length) {
      this.enlarge(byteLength);
    }
    const data = this.data;
    if (source !== runSource) {
      runSource = source;
      runSourceView = new DataView(source.buffer, source.byteOffset, source.byteLength);
    }
    if (data !== runTarget) {
      runTarget = data;
      runTargetView = new DataView(data.buffer, data.byteOffset, data.byteLength);
    }
    const sourceView = runSourceView!;
    const targetView = runTargetView!;
    const start = this.length;
    let i = 0;
    for (; i + 4 <= byteLength; i += 4) {
      targetView.setInt32(start + i, sourceView.getInt32(byteOffset + i));
    }
    for (; i < byteLength; ++i) {
      data[start + i] = source[byteOffset + i]!;
    }
    this.length = start + byteLength;
    return this;
  }

  /**
   * @internal Makes room for `capacity` bytes in all, if there is less: for vectors whose final
   * size is known in advance (e.g. the code of a method read from a class file), so that they
   * do not grow step by step.
   */
  reserve(capacity: number): void {
    if (capacity > this.data.length) {
      const oldData = this.data;
      const newData = scratchUint8Array(capacity);
      for (let i = 0; i < this.length; ++i) {
        newData[i] = oldData[i]!;
      }
      this.data = newData;
    }
  }

  /** Grows `data` geometrically so that at least `size` more bytes fit (64 at first). */
  private enlarge(size: number): void {
    const oldData = this.data;
    const length = this.length;
    const doubleCapacity = oldData.length === 0 ? 64 : 2 * oldData.length;
    const minimalCapacity = length + size;
    const newData = scratchUint8Array(doubleCapacity > minimalCapacity ? doubleCapacity : minimalCapacity);
    // Most vectors are small, and many are empty on their first put: a loop (or nothing) beats
    // creating a subarray to copy.
    if (length <= 64) {
      for (let i = 0; i < length; ++i) {
        newData[i] = oldData[i]!;
      }
    } else {
      newData.set(length === oldData.length ? oldData : oldData.subarray(0, length));
    }
    this.data = newData;
  }
}
