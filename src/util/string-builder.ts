/**
 * A minimal mutable string buffer standing in for java.lang.StringBuilder in the printers.
 *
 * Printers pass one buffer around (Textifier's `stringBuilder`, the builders that
 * TraceSignatureVisitor shares with its child visitors, `TextifierSupport.textify`), so the text
 * must live in an object the callees can append to. JS string concatenation is already a rope,
 * so appending to a string property is cheap.
 */
export class StringBuilder {
  /** The text accumulated so far. */
  value: string;

  constructor(initial = '') {
    this.value = initial;
  }

  /**
   * Appends the Java string conversion of `value`: `null` and `undefined` become "null", like
   * StringBuilder.append(Object) on a null reference; everything else goes through String().
   */
  append(value: unknown): this {
    this.value += value === null || value === undefined ? 'null' : String(value);
    return this;
  }

  /** The number of UTF-16 code units in the buffer. */
  length(): number {
    return this.value.length;
  }

  /** Truncates (or pads with U+0000, as Java does) the buffer to `newLength` code units. */
  setLength(newLength: number): void {
    if (newLength <= this.value.length) {
      this.value = this.value.substring(0, newLength);
    } else {
      this.value += '\u0000'.repeat(newLength - this.value.length);
    }
  }

  charAt(index: number): string {
    return this.value.charAt(index);
  }

  toString(): string {
    return this.value;
  }
}
