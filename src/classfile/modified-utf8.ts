// # Modified UTF-8 (JVMS §4.4.7)
//
// CONSTANT_Utf8_info strings use a variant of UTF-8: U+0000 is written as the two bytes C0 80 (so
// that no byte is ever zero), and characters outside the Basic Multilingual Plane are written as
// their two UTF-16 surrogates, each as a 3-byte sequence. There are no 4-byte forms. A JS string is
// a sequence of UTF-16 code units, so decoding maps each 1-, 2- or 3-byte group to one code unit.
//
// Overlong 2- and 3-byte forms are accepted, as Java's DataInput.readUTF does and as HotSpot does
// for class files of version 47 and below; re-encoding produces the canonical form.

import { ClassFormatError } from './class-format-error.js';

/** Code units decoded per String.fromCharCode call: well below engines' argument-count limits. */
const CHUNK_SIZE = 4096;

const fromCharCode = String.fromCharCode;

/** The longest strings that decodeShortAscii handles (about 70% of the Utf8 constants of java.base). */
const MAX_FIXED_ARITY_LENGTH = 24;

/**
 * Decodes the `length` bytes of `bytes` starting at `start` as modified UTF-8.
 * Throws ClassFormatError, naming the byte offset in `bytes`, when the range is out of bounds or
 * holds a zero byte, a byte in F0-FF, a stray continuation byte or a truncated sequence.
 */
export function decodeModifiedUtf8(bytes: Uint8Array, start: number, length: number): string {
  const end = start + length;
  if (start < 0 || length < 0 || end > bytes.length) {
    throw new ClassFormatError(
      `Modified UTF-8 string of ${length} bytes does not fit in the ${bytes.length} available bytes`,
      start,
    );
  }
  if (length === 0) {
    return '';
  }
  return decodeAsciiOrGeneral(bytes, start, end, length);
}

// Node's Buffer, when present: its native latin1Slice builds a one-byte string several times
// faster than String.fromCharCode over an array (ASCII is a subset of Latin-1, and the bytes are
// checked to be 01-7F first). Detected rather than imported, so this module runs anywhere.
interface Latin1Slicer extends Uint8Array {
  latin1Slice(start: number, end: number): string;
}
interface BufferConstructor {
  from(buffer: ArrayBufferLike, byteOffset: number, length: number): Latin1Slicer;
}
const NodeBuffer = (globalThis as unknown as { Buffer?: BufferConstructor }).Buffer;
const HAS_LATIN1_SLICE =
  NodeBuffer !== undefined &&
  typeof NodeBuffer.from(new ArrayBuffer(1), 0, 1).latin1Slice === 'function';

// The Buffer view of the last byte array decoded from (a class reader decodes from one array).
let lastBytes: Uint8Array | null = null;
let lastView: Latin1Slicer | null = null;

function latin1ViewOf(bytes: Uint8Array): Latin1Slicer {
  if (bytes !== lastBytes) {
    lastView = NodeBuffer!.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    lastBytes = bytes;
  }
  return lastView!;
}

/** Whether latin1Text can make a Latin-1 string of bytes (Node's Buffer is there). */
export const CAN_MAKE_LATIN1_TEXT = HAS_LATIN1_SLICE;

/**
 * The bytes [start, end) as a string of one char per byte (Latin-1), for decodeModifiedUtf8In;
 * only when CAN_MAKE_LATIN1_TEXT.
 */
export function latin1Text(bytes: Uint8Array, start: number, end: number): string {
  return latin1ViewOf(bytes).latin1Slice(start, end);
}

/**
 * decodeModifiedUtf8 of the `length` bytes at `start`, where `text` is the Latin-1 text of the
 * same bytes from `textStart` (see latin1Text): an ASCII string (bytes 01-7F, their own modified
 * UTF-8) is a substring of `text`. V8 copies a substring of fewer than 13 chars and makes a longer
 * one a slice, which points into `text` (and keeps it alive) instead of copying: no native call and
 * no copy per string, where most of the cost of decoding names and descriptors was.
 */
export function decodeModifiedUtf8In(
  text: string,
  textStart: number,
  bytes: Uint8Array,
  start: number,
  length: number,
): string {
  const end = start + length;
  // Else the full decoder, which also reports malformed bytes.
  if (!isAscii(bytes, start, end) || end > bytes.length) {
    return decodeModifiedUtf8(bytes, start, length);
  }
  return text.substring(start - textStart, end - textStart);
}

/** Whether every byte of [start, end) is in 01-7F, ASCII chars that are their own modified UTF-8 (JVMS §4.4.7). */
export function isAscii(bytes: Uint8Array, start: number, end: number): boolean {
  // c has bit 7 set for 80-FF, c - 1 for 00.
  let check = 0;
  for (let i = start; i < end; i++) {
    const c = bytes[i]!;
    check |= c | (c - 1);
  }
  return (check & 0x80) === 0;
}

/**
 * Decodes [start, end) with the ASCII fast path (most names and descriptors are ASCII: bytes
 * 01-7F map to themselves), else with decodeGeneral.
 */
function decodeAsciiOrGeneral(bytes: Uint8Array, start: number, end: number, length: number): string {
  const b = bytes;
  const s = start;
  if (length > CHUNK_SIZE) {
    return decodeGeneral(bytes, start, end);
  }
  if (!isAscii(b, start, end)) {
    return decodeGeneral(bytes, start, end);
  }
  // The shortest strings with one fixed-arity call, cheaper than a native slice.
  switch (length) {
    case 1:
      return fromCharCode(b[s]!);
    case 2:
      return fromCharCode(b[s]!, b[s + 1]!);
    case 3:
      return fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!);
    case 4:
      return fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!);
    default:
      break;
  }
  if (length <= MAX_FIXED_ARITY_LENGTH) {
    return decodeShortAscii(b, s, length);
  }
  if (HAS_LATIN1_SLICE) {
    return latin1ViewOf(bytes).latin1Slice(start, end);
  }
  // The code units go into a plain array, the fastest argument list for String.fromCharCode.apply.
  const units = new Array<number>(length);
  for (let i = 0; i < length; i++) {
    units[i] = b[s + i]!;
  }
  return fromCharCode.apply(null, units);
}

/**
 * Decodes `length` (5 to MAX_FIXED_ARITY_LENGTH) ASCII bytes at `s` with one fixed-arity
 * String.fromCharCode call: measured about twice as fast as a native slice (whose call overhead
 * dominates) up to 16 bytes, and still faster at 24. Kept out of decodeAsciiOrGeneral, too large
 * to be inlined: inlining it would use up the inlining budget of the reader's loops.
 */
function decodeShortAscii(b: Uint8Array, s: number, length: number): string {
  switch (length) {
    case 5:
      return fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!);
    case 6:
      return fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!);
    case 7:
      return fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!);
    case 8:
      return fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!);
    case 9:
      return fromCharCode(
        b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!,
        b[s + 8]!,
      );
    case 10:
      return fromCharCode(
        b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!,
        b[s + 8]!, b[s + 9]!,
      );
    case 11:
      return fromCharCode(
        b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!,
        b[s + 8]!, b[s + 9]!, b[s + 10]!,
      );
    case 12:
      return fromCharCode(
        b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!,
        b[s + 8]!, b[s + 9]!, b[s + 10]!, b[s + 11]!,
      );
    case 13:
      return fromCharCode(
        b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!,
        b[s + 8]!, b[s + 9]!, b[s + 10]!, b[s + 11]!, b[s + 12]!,
      );
    case 14:
      return fromCharCode(
        b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!,
        b[s + 8]!, b[s + 9]!, b[s + 10]!, b[s + 11]!, b[s + 12]!, b[s + 13]!,
      );
    case 15:
      return fromCharCode(
        b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!,
        b[s + 8]!, b[s + 9]!, b[s + 10]!, b[s + 11]!, b[s + 12]!, b[s + 13]!, b[s + 14]!,
      );
    case 16:
      return fromCharCode(
        b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!,
        b[s + 8]!, b[s + 9]!, b[s + 10]!, b[s + 11]!, b[s + 12]!, b[s + 13]!, b[s + 14]!, b[s + 15]!,
      );
    case 17:
      return fromCharCode(
        b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!,
        b[s + 8]!, b[s + 9]!, b[s + 10]!, b[s + 11]!, b[s + 12]!, b[s + 13]!, b[s + 14]!, b[s + 15]!,
        b[s + 16]!,
      );
    case 18:
      return fromCharCode(
        b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!,
        b[s + 8]!, b[s + 9]!, b[s + 10]!, b[s + 11]!, b[s + 12]!, b[s + 13]!, b[s + 14]!, b[s + 15]!,
        b[s + 16]!, b[s + 17]!,
      );
    case 19:
      return fromCharCode(
        b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!,
        b[s + 8]!, b[s + 9]!, b[s + 10]!, b[s + 11]!, b[s + 12]!, b[s + 13]!, b[s + 14]!, b[s + 15]!,
        b[s + 16]!, b[s + 17]!, b[s + 18]!,
      );
    case 20:
      return fromCharCode(
        b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!,
        b[s + 8]!, b[s + 9]!, b[s + 10]!, b[s + 11]!, b[s + 12]!, b[s + 13]!, b[s + 14]!, b[s + 15]!,
        b[s + 16]!, b[s + 17]!, b[s + 18]!, b[s + 19]!,
      );
    case 21:
      return fromCharCode(
        b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!,
        b[s + 8]!, b[s + 9]!, b[s + 10]!, b[s + 11]!, b[s + 12]!, b[s + 13]!, b[s + 14]!, b[s + 15]!,
        b[s + 16]!, b[s + 17]!, b[s + 18]!, b[s + 19]!, b[s + 20]!,
      );
    case 22:
      return fromCharCode(
        b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!,
        b[s + 8]!, b[s + 9]!, b[s + 10]!, b[s + 11]!, b[s + 12]!, b[s + 13]!, b[s + 14]!, b[s + 15]!,
        b[s + 16]!, b[s + 17]!, b[s + 18]!, b[s + 19]!, b[s + 20]!, b[s + 21]!,
      );
    case 23:
      return fromCharCode(
        b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!,
        b[s + 8]!, b[s + 9]!, b[s + 10]!, b[s + 11]!, b[s + 12]!, b[s + 13]!, b[s + 14]!, b[s + 15]!,
        b[s + 16]!, b[s + 17]!, b[s + 18]!, b[s + 19]!, b[s + 20]!, b[s + 21]!, b[s + 22]!,
      );
    case 24:
      return fromCharCode(
        b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!,
        b[s + 8]!, b[s + 9]!, b[s + 10]!, b[s + 11]!, b[s + 12]!, b[s + 13]!, b[s + 14]!, b[s + 15]!,
        b[s + 16]!, b[s + 17]!, b[s + 18]!, b[s + 19]!, b[s + 20]!, b[s + 21]!, b[s + 22]!, b[s + 23]!,
      );
    default:
      // Not called with other lengths; correct for any, though.
      return fromCharCode.apply(null, Array.from(b.subarray(s, s + length)));
  }
}

/** Decodes [start, end) of any length and content, validating every sequence. */
function decodeGeneral(bytes: Uint8Array, start: number, end: number): string {
  // Each byte yields at most one code unit.
  if (end - start > codeUnits.length) {
    codeUnits = new Uint16Array(Math.max(end - start, 2 * codeUnits.length));
    codeUnitBytes = UCS2_SLICE ? (NodeBuffer!.from(codeUnits.buffer, 0, codeUnits.byteLength) as unknown as Ucs2Slicer) : null;
  }
  const units = codeUnits;
  let count = 0;
  let i = start;
  while (i < end) {
    const b = bytes[i]!;
    if (b > 0 && b < 0x80) {
      units[count++] = b;
      i++;
    } else if ((b & 0xe0) === 0xc0) {
      // 110xxxxx 10xxxxxx: U+0000 (as C0 80) and U+0080-U+07FF.
      if (i + 1 >= end) throw truncated(i, 2);
      const b2 = bytes[i + 1]!;
      if ((b2 & 0xc0) !== 0x80) throw badContinuation(i + 1, b2);
      units[count++] = ((b & 0x1f) << 6) | (b2 & 0x3f);
      i += 2;
    } else if ((b & 0xf0) === 0xe0) {
      // 1110xxxx 10xxxxxx 10xxxxxx: U+0800-U+FFFF, including each half of a surrogate pair.
      if (i + 2 >= end) throw truncated(i, 3);
      const b2 = bytes[i + 1]!;
      if ((b2 & 0xc0) !== 0x80) throw badContinuation(i + 1, b2);
      const b3 = bytes[i + 2]!;
      if ((b3 & 0xc0) !== 0x80) throw badContinuation(i + 2, b3);
      units[count++] = ((b & 0x0f) << 12) | ((b2 & 0x3f) << 6) | (b3 & 0x3f);
      i += 3;
    } else {
      throw invalidLeadingByte(i, b);
    }
  }
  if (codeUnitBytes !== null) {
    return codeUnitBytes.ucs2Slice(0, 2 * count);
  }
  // Elsewhere, chunk by chunk: well below engines' argument-count limits.
  let result = '';
  for (let k = 0; k < count; k += CHUNK_SIZE) {
    result += String.fromCharCode.apply(null, units.subarray(k, Math.min(k + CHUNK_SIZE, count)) as unknown as number[]);
  }
  return result;
}

// decodeGeneral writes the UTF-16 code units into one reused buffer, then, with Node's Buffer on a
// little-endian machine, makes the string with one native ucs2Slice call: no array of numbers
// allocated per string, no String.fromCharCode.apply over it.
interface Ucs2Slicer extends Uint8Array {
  ucs2Slice(start: number, end: number): string;
}
const UCS2_SLICE =
  NodeBuffer !== undefined &&
  new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 &&
  typeof (NodeBuffer.from(new ArrayBuffer(2), 0, 2) as unknown as Partial<Ucs2Slicer>).ucs2Slice === 'function';
let codeUnits = new Uint16Array(1024);
let codeUnitBytes = UCS2_SLICE ? (NodeBuffer!.from(codeUnits.buffer, 0, codeUnits.byteLength) as unknown as Ucs2Slicer) : null;

/** The error for a byte that cannot start a modified UTF-8 sequence (JVMS §4.4.7). */
function invalidLeadingByte(offset: number, b: number): ClassFormatError {
  if (b === 0) {
    return new ClassFormatError('Invalid modified UTF-8: a zero byte (U+0000 must be encoded as C0 80)', offset);
  }
  if (b >= 0xf0) {
    return new ClassFormatError(
      `Invalid modified UTF-8: byte 0x${b.toString(16)} (4-byte forms do not exist; supplementary characters are two 3-byte surrogates)`,
      offset,
    );
  }
  return new ClassFormatError(`Invalid modified UTF-8: unexpected continuation byte 0x${b.toString(16)}`, offset);
}

function truncated(offset: number, size: number): ClassFormatError {
  return new ClassFormatError(`Invalid modified UTF-8: ${size}-byte sequence truncated by the end of the string`, offset);
}

function badContinuation(offset: number, value: number): ClassFormatError {
  return new ClassFormatError(
    `Invalid modified UTF-8: expected a continuation byte 10xxxxxx, found 0x${value.toString(16)}`,
    offset,
  );
}

/** The number of bytes of the modified UTF-8 encoding of `value`. */
export function modifiedUtf8Length(value: string): number {
  const length = value.length;
  let byteLength = length;
  for (let i = 0; i < length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0 || c > 0x7f) {
      byteLength += c > 0x7ff ? 2 : 1;
    }
  }
  return byteLength;
}

/**
 * Writes the modified UTF-8 encoding of `value` into `target` at `offset` and returns the offset
 * just after it. The caller sizes `target` with modifiedUtf8Length.
 */
export function encodeModifiedUtf8Into(value: string, target: Uint8Array, offset: number): number {
  const length = value.length;
  let p = offset;
  for (let i = 0; i < length; i++) {
    const c = value.charCodeAt(i);
    if (c > 0 && c < 0x80) {
      target[p++] = c;
    } else if (c <= 0x7ff) {
      // Also U+0000, as C0 80.
      target[p++] = 0xc0 | (c >> 6);
      target[p++] = 0x80 | (c & 0x3f);
    } else {
      // Surrogates are encoded one by one, never combined into a 4-byte form.
      target[p++] = 0xe0 | (c >> 12);
      target[p++] = 0x80 | ((c >> 6) & 0x3f);
      target[p++] = 0x80 | (c & 0x3f);
    }
  }
  return p;
}
