// # Big-endian reads from class file bytes (JVMS §4: every multi-byte quantity is big-endian)
//
// For the writer side, which reads back from a source class file already checked by its ClassReader,
// and the code transcoder, which checks what it reads as it goes (the reader has bounds-checked helpers of
// its own for the bytes it parses first).

/** The u2 at `offset`. */
export function readU2(bytes: Uint8Array, offset: number): number {
  return (bytes[offset]! << 8) | bytes[offset + 1]!;
}

/** The s2 at `offset` (a branch offset, JVMS §6.5 goto). */
export function readS2(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset]! << 24) | (bytes[offset + 1]! << 16)) >> 16;
}

/** The u4 at `offset`, as a signed 32-bit integer (attribute_length, code_length…). */
export function readS4(bytes: Uint8Array, offset: number): number {
  return (bytes[offset]! << 24) | (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!;
}
