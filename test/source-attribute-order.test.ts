// orderAttributesLikeSource on hand-made attribute tables (JVMS §4.7: u2 attributes_count, then attribute_info
// = u2 attribute_name_index, u4 attribute_length, info): pairing by name index, same-named attributes in order,
// attributes the source lacks kept last in written order, nothing moved when the orders agree.

import { describe, expect, it } from 'vitest';
import { orderAttributesLikeSource } from '../src/asm/source-attribute-order.js';

/** An attribute table of `[nameIndex, info bytes]` pairs, at `offset` in a buffer with `offset` bytes before. */
function table(attributes: [number, number[]][], offset = 0): Uint8Array {
  const bytes: number[] = new Array<number>(offset).fill(0xee);
  bytes.push(attributes.length >> 8, attributes.length & 0xff);
  for (const [name, info] of attributes) {
    bytes.push(name >> 8, name & 0xff, 0, 0, info.length >> 8, info.length & 0xff, ...info);
  }
  bytes.push(0xdd); // a byte after the table, which must stay
  return new Uint8Array(bytes);
}

describe('orderAttributesLikeSource', () => {
  it('puts the attributes in the source order, pairing them by name index', () => {
    const written = table([[10, [1]], [20, [2, 2]], [30, []], [40, [4]]], 3);
    const source = table([[40, [9]], [20, []], [10, [7, 7, 7]], [30, [1]]]);
    const end = orderAttributesLikeSource(written, 3, source, 0);
    expect(written).toEqual(table([[40, [4]], [20, [2, 2]], [10, [1]], [30, []]], 3));
    expect(end).toBe(written.length - 1);
    expect(written[end]).toBe(0xdd);
  });

  it('pairs same-named attributes in order, and keeps the unpaired ones last in written order', () => {
    const written = table([[5, [1]], [6, [2]], [5, [3]], [7, [4]], [8, [5]]]);
    const source = table([[6, []], [5, []], [9, []], [5, []]]);
    orderAttributesLikeSource(written, 0, source, 0);
    expect(written).toEqual(table([[6, [2]], [5, [1]], [5, [3]], [7, [4]], [8, [5]]]));
  });

  it('moves nothing when the orders agree, or with fewer than two attributes', () => {
    for (const attributes of [[[1, [1]], [2, [2, 2]]], [[1, [1, 2, 3]]], []] as [number, number[]][][]) {
      const written = table(attributes);
      const copy = written.slice();
      expect(orderAttributesLikeSource(written, 0, table(attributes), 0)).toBe(written.length - 1);
      expect(written).toEqual(copy);
    }
  });

  it('handles attributes larger than its scratch buffer', () => {
    const big = Array.from({ length: 10_000 }, (_, i) => i & 0xff);
    const written = table([[1, big], [2, [7]]]);
    orderAttributesLikeSource(written, 0, table([[2, []], [1, []]]), 0);
    expect(written).toEqual(table([[2, [7]], [1, big]]));
  });
});
