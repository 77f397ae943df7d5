/**
 * Thrown when bytes that should hold a class file (JVMS §4) do not: truncated data, a bad magic
 * number, an out-of-range constant pool index, an unknown tag or opcode, an invalid modified UTF-8
 * sequence. It always names the byte offset at which reading failed and what was expected there,
 * so that a user can find the damage with a hex dump.
 *
 * Readers throw this instead of letting a TypeError or RangeError escape, and before any
 * allocation sized by an untrusted count.
 */
export class ClassFormatError extends Error {
  /** The byte offset in the class file at which the problem was found, or -1 when unknown. */
  readonly offset: number;

  constructor(message: string, offset = -1) {
    super(offset >= 0 ? `${message} (at byte offset ${offset})` : message);
    this.name = 'ClassFormatError';
    this.offset = offset;
  }
}
