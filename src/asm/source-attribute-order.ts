// # Writing attributes in the order of the source class
//
// JVMS §4.7 gives attributes no order, and ASM writes a member's attributes (and those of a Code
// attribute) in a fixed order of its own. A ClassWriter that copies its reader's pool re-encodes each
// method or field a visitor touched; writing its attributes in the order the source member had them
// makes a visitor that changes nothing change no byte, and a transform's output differ from its input only where
// the transform changed something. The attributes are written as usual, then permuted in place.

import { readS4, readU2 } from './big-endian.js';

/** Scratch starts, ends and name indices of the attribute_info structures being reordered. */
let starts = new Int32Array(32);
let ends = new Int32Array(32);
let names = new Int32Array(32);
let order = new Int32Array(32);

/** Where the attributes are copied out while they are permuted. */
let scratch = new Uint8Array(4096);

/** Copies `length` bytes: a loop for the small copies most attributes need, `set` for the large ones. */
function copyBytes(from: Uint8Array, fromOffset: number, to: Uint8Array, toOffset: number, length: number): void {
  if (length < 64) {
    for (let i = 0; i < length; ++i) {
      to[toOffset + i] = from[fromOffset + i]!;
    }
  } else {
    to.set(from.subarray(fromOffset, fromOffset + length), toOffset);
  }
}

/**
 * `memberInfoOffset`, the source field_info or method_info (JVMS §4.5, §4.6) a writer was given, if it
 * has the same name and descriptor indices as the member being written (then it is that member's
 * source, whose attribute order to follow), else 0.
 */
export function sourceMemberInfoOffset(
  sourceBytes: Uint8Array | null,
  memberInfoOffset: number,
  nameIndex: number,
  descriptorIndex: number,
): number {
  return sourceBytes !== null &&
    nameIndex === readU2(sourceBytes, memberInfoOffset + 2) &&
    descriptorIndex === readU2(sourceBytes, memberInfoOffset + 4)
    ? memberInfoOffset
    : 0;
}

/**
 * Reorders the attributes written at `attributesCountOffset` of `data` (attributes_count, then each
 * attribute_info: u2 attribute_name_index, u4 attribute_length, info; JVMS §4.7) to follow the attributes at
 * `sourceAttributesCountOffset` of the source class file `sourceBytes`, pairing them by attribute_name_index
 * (the writer shares the source's pool), in order for same-named ones. Attributes the source does not have
 * follow, in their written order. Returns the offset just past the attributes.
 */
export function orderAttributesLikeSource(
  data: Uint8Array,
  attributesCountOffset: number,
  sourceBytes: Uint8Array,
  sourceAttributesCountOffset: number,
): number {
  const count = readU2(data, attributesCountOffset);
  // The common case: the same names in the same order, nothing to move.
  if (count === readU2(sourceBytes, sourceAttributesCountOffset)) {
    let offset = attributesCountOffset + 2;
    let sourceOffset = sourceAttributesCountOffset + 2;
    let i = 0;
    while (i < count && readU2(data, offset) === readU2(sourceBytes, sourceOffset)) {
      offset += 6 + readS4(data, offset + 2);
      sourceOffset += 6 + readS4(sourceBytes, sourceOffset + 2);
      ++i;
    }
    if (i === count) {
      return offset;
    }
  }
  if (count > starts.length) {
    starts = new Int32Array(count);
    ends = new Int32Array(count);
    names = new Int32Array(count);
    order = new Int32Array(count);
  }
  let offset = attributesCountOffset + 2;
  for (let i = 0; i < count; ++i) {
    starts[i] = offset;
    names[i] = readU2(data, offset);
    offset += 6 + readS4(data, offset + 2);
    ends[i] = offset;
  }
  const end = offset;
  if (count < 2) {
    return end;
  }
  // Pair each source attribute with the first unpaired written one of the same name (-1 marks a paired one).
  let ordered = 0;
  let sourceOffset = sourceAttributesCountOffset + 2;
  for (let i = readU2(sourceBytes, sourceAttributesCountOffset); i > 0 && ordered < count; --i) {
    const sourceName = readU2(sourceBytes, sourceOffset);
    sourceOffset += 6 + readS4(sourceBytes, sourceOffset + 2);
    for (let j = 0; j < count; ++j) {
      if (names[j] === sourceName) {
        order[ordered++] = j;
        names[j] = -1;
        break;
      }
    }
  }
  for (let j = 0; j < count; ++j) {
    if (names[j] !== -1) {
      order[ordered++] = j;
    }
  }
  let identity = true;
  for (let i = 0; i < count && identity; ++i) {
    identity = order[i] === i;
  }
  if (!identity) {
    // Copy the attributes out, then back in their new order.
    const first = attributesCountOffset + 2;
    const length = end - first;
    if (scratch.length < length) {
      scratch = new Uint8Array(Math.max(length, 2 * scratch.length));
    }
    const written = scratch;
    copyBytes(data, first, written, 0, length);
    let target = first;
    for (let i = 0; i < count; ++i) {
      const j = order[i]!;
      const chunkLength = ends[j]! - starts[j]!;
      copyBytes(written, starts[j]! - first, data, target, chunkLength);
      target += chunkLength;
    }
  }
  return end;
}
