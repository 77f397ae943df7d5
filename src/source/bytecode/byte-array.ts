// # Javassist's ByteArray: big-endian reads and writes in a byte array (JVMS §4.1: class files are big-endian)
//
// What code that patches code[] or attribute bytes by hand uses (`ByteArray.readU16bit(code, i + 1)`).

export const ByteArray = {
  /** The unsigned 16-bit value at `index`. */
  readU16bit(code: ArrayLike<number>, index: number): number {
    return ((code[index]! & 0xff) << 8) | (code[index + 1]! & 0xff);
  },

  /** The signed 16-bit value at `index`. */
  readS16bit(code: ArrayLike<number>, index: number): number {
    return (ByteArray.readU16bit(code, index) << 16) >> 16;
  },

  /** Writes the low 16 bits of `value` at `index`. */
  write16bit(value: number, code: { [i: number]: number }, index: number): void {
    code[index] = (value >>> 8) & 0xff;
    code[index + 1] = value & 0xff;
  },

  /** The signed 32-bit value at `index`. */
  read32bit(code: ArrayLike<number>, index: number): number {
    return (ByteArray.readU16bit(code, index) << 16) | ByteArray.readU16bit(code, index + 2);
  },

  /** Writes `value` as 32 bits at `index`. */
  write32bit(value: number, code: { [i: number]: number }, index: number): void {
    ByteArray.write16bit(value >>> 16, code, index);
    ByteArray.write16bit(value, code, index + 2);
  },
};
