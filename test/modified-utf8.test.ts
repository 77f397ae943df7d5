// Modified UTF-8 (JVMS §4.4.7): encoding, decoding and rejection of malformed sequences with the
// byte offset of the damage.

import { describe, expect, it } from 'vitest';
import { ClassFormatError } from '../src/classfile/class-format-error.js';
import { decodeModifiedUtf8, encodeModifiedUtf8Into, modifiedUtf8Length } from '../src/classfile/modified-utf8.js';

function encode(value: string): Uint8Array {
  const bytes = new Uint8Array(modifiedUtf8Length(value));
  expect(encodeModifiedUtf8Into(value, bytes, 0)).toBe(bytes.length);
  return bytes;
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

describe('modified UTF-8 encoding', () => {
  it.each([
    ['', ''],
    ['abc', '61 62 63'],
    ['\u0001\u007f', '01 7f'],
    ['\u0000', 'c0 80'],
    ['\u0080', 'c2 80'],
    ['é', 'c3 a9'],
    ['\u07ff', 'df bf'],
    ['\u0800', 'e0 a0 80'],
    ['中', 'e4 b8 ad'],
    ['\uffff', 'ef bf bf'],
    ['😀', 'ed a0 bd ed b8 80'], // U+1F600 as its surrogates D83D DE00, 3 bytes each
    ['\u{10ffff}', 'ed af bf ed bf bf'],
    ['\ud800', 'ed a0 80'], // a lone surrogate is still encodable
    ['a\u0000b😀é', '61 c0 80 62 ed a0 bd ed b8 80 c3 a9'],
  ])('%j ⇄ %s', (value, expected) => {
    const bytes = encode(value);
    expect(hex(bytes)).toBe(expected);
    expect(modifiedUtf8Length(value)).toBe(bytes.length);
    expect(decodeModifiedUtf8(bytes, 0, bytes.length)).toBe(value);
  });

  it('writes at an offset and returns the offset after the string', () => {
    const target = new Uint8Array(10).fill(0xee);
    expect(encodeModifiedUtf8Into('x\u0000', target, 3)).toBe(6);
    expect(hex(target)).toBe('ee ee ee 78 c0 80 ee ee ee ee');
  });

  it('round-trips every UTF-16 code unit, alone and all together', () => {
    const failures: number[] = [];
    let all = '';
    const bytes = new Uint8Array(3);
    for (let c = 0; c <= 0xffff; c++) {
      const value = String.fromCharCode(c);
      const end = encodeModifiedUtf8Into(value, bytes, 0);
      const expectedLength = c === 0 ? 2 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
      if (
        end !== expectedLength ||
        modifiedUtf8Length(value) !== expectedLength ||
        bytes.subarray(0, end).includes(0) ||
        decodeModifiedUtf8(bytes, 0, end) !== value
      ) {
        failures.push(c);
      }
      all += value;
    }
    expect(failures).toEqual([]);
    const encoded = encode(all);
    expect(decodeModifiedUtf8(encoded, 0, encoded.length)).toBe(all);
  });

  it('decodes non-ASCII strings one after another, short and long, into fresh strings', () => {
    // The decoder reuses one buffer of code units (growing it for long strings): no string may see another's units.
    const values = ['é', 'α'.repeat(3000) + '\u0000', 'ü\ud83d\ude00', '\u4e2d'.repeat(20000), 'ß', 'x\u0000y'];
    const decoded = values.map((value) => {
      const bytes = encode(value);
      return decodeModifiedUtf8(bytes, 0, bytes.length);
    });
    expect(decoded).toEqual(values);
  });

  it('agrees with standard UTF-8 on strings without U+0000 or supplementary characters', () => {
    const value = 'Hello, wörld — ΑΒΓ, 日本語, \u0800\uffef';
    expect(hex(encode(value))).toBe(hex(new TextEncoder().encode(value)));
  });
});

describe('modified UTF-8 decoding', () => {
  it('decodes a range inside a larger buffer', () => {
    const bytes = Uint8Array.of(0xff, 0x41, 0xc3, 0xa9, 0x42, 0xff);
    expect(decodeModifiedUtf8(bytes, 1, 4)).toBe('AéB');
    expect(decodeModifiedUtf8(bytes, 1, 0)).toBe('');
  });

  it.each([
    ['ASCII', 'java/lang/Object.'.repeat(1000)],
    ['non-ASCII', 'é中😀\u0000x'.repeat(3000)],
    ['ASCII then non-ASCII', 'a'.repeat(9000) + 'é'],
    ['the longest constant', 'L'.repeat(65535)],
  ])('decodes long %s strings', (_kind, value) => {
    const bytes = encode(value);
    expect(decodeModifiedUtf8(bytes, 0, bytes.length)).toBe(value);
  });

  it.each([
    ['C1 81', [0xc1, 0x81], 'A'],
    ['E0 80 80', [0xe0, 0x80, 0x80], '\u0000'],
    ['E0 81 81', [0xe0, 0x81, 0x81], 'A'],
  ])('accepts the overlong form %s (as DataInput.readUTF and old class versions do)', (_name, bytes, value) => {
    expect(decodeModifiedUtf8(Uint8Array.from(bytes), 0, bytes.length)).toBe(value);
  });

  it.each([
    ['a raw zero byte', [0x61, 0x00, 0x62], 1, /zero byte/],
    ['a stray continuation byte', [0x61, 0x80], 1, /continuation byte 0x80/],
    ['a stray continuation byte BF', [0xbf], 0, /continuation byte 0xbf/],
    ['a truncated 2-byte sequence', [0x61, 0xc3], 1, /2-byte sequence truncated/],
    ['a truncated 3-byte sequence', [0xe4, 0xb8], 0, /3-byte sequence truncated/],
    ['a bad second byte of 2', [0xc3, 0x41], 1, /expected a continuation byte/],
    ['a bad second byte of 3', [0xe4, 0x41, 0x80], 1, /expected a continuation byte/],
    ['a bad third byte of 3', [0x41, 0xe4, 0xb8, 0x41], 3, /expected a continuation byte/],
    ['a standard 4-byte sequence', [0xf0, 0x9f, 0x98, 0x80], 0, /4-byte forms do not exist/],
    ['byte F8', [0x41, 0xf8], 1, /0xf8/],
    ['byte FF', [0xff], 0, /0xff/],
  ])('rejects %s at its offset', (_name, bytes, offset, message) => {
    const data = Uint8Array.from([0x7a, 0x7a, ...bytes]);
    let error: unknown;
    try {
      decodeModifiedUtf8(data, 2, bytes.length);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ClassFormatError);
    expect((error as ClassFormatError).offset).toBe(2 + offset);
    expect((error as ClassFormatError).message).toMatch(message);
  });

  it('does not read past the given length, even when the buffer goes on', () => {
    // The C3 A9 pair is cut by the length: the sequence is truncated, not completed from outside.
    expect(() => decodeModifiedUtf8(Uint8Array.of(0x41, 0xc3, 0xa9), 0, 2)).toThrow(ClassFormatError);
  });

  it.each([
    [0, 5],
    [3, 2],
    [-1, 1],
    [0, -1],
  ])('rejects the range start %d length %d outside a 4-byte buffer', (start, length) => {
    expect(() => decodeModifiedUtf8(new Uint8Array(4).fill(0x41), start, length)).toThrow(ClassFormatError);
  });
});
