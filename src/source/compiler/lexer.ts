// The lexer of Java snippets (JLS 17 chapter 3), one token at a time on demand.
//
// The source is first translated as JLS §3.3 says: every eligible `\uXXXX` escape (a backslash preceded by an
// even number of raw backslashes, any number of `u`s, four hex digits) is replaced by its UTF-16 code unit,
// so that an escape may stand for any character, a quote or a line terminator included. Positions (line,
// column, offset) refer to the source as written, so a map from translated index to source offset is kept
// when the source has escapes.
//
// Literal values are computed here, exactly: int and long range checks (JLS §3.10.1; 2147483648 and
// 9223372036854775808L are flagged `minValueOnly`, legal only as the operand of unary minus, which the
// parser checks), floating-point literals rounded once from their exact decimal or binary value to the
// nearest float32/float64, ties to even (JLS §3.10.2, IEEE 754; rounding through a double first could round
// twice), escapes (JLS §3.10.7) and text blocks (JLS §3.10.6).

import type { SourcePosition } from './ast.js';
import { JavaSyntaxError } from './java-syntax-error.js';

interface TokenBase {
  /** The token's text after unicode escape translation (identifiers: identifier-ignorable characters dropped). */
  readonly text: string;
  readonly line: number;
  readonly column: number;
  /** Offset of the first character in the source as written. */
  readonly offset: number;
  /** Offset just past the last character in the source as written. */
  readonly end: number;
}

/** Identifiers, contextual keywords (`var`, `yield`, `record`…) included, and Javassist's `$1`, `$$`, `$_`. */
export interface IdentifierToken extends TokenBase {
  readonly kind: 'identifier';
}

/** Reserved keywords (JLS §3.9, `_` included) and the literals `true`, `false`, `null`. */
export interface KeywordToken extends TokenBase {
  readonly kind: 'keyword';
}

/** Operators and separators (JLS §3.11, §3.12). */
export interface OperatorToken extends TokenBase {
  readonly kind: 'operator';
}

export interface IntToken extends TokenBase {
  readonly kind: 'int';
  /** The value as a signed 32-bit int (hex, octal and binary literals are two's complement). */
  readonly value: number;
  /** `2147483648`: legal only as the operand of unary minus (then `value` is -2147483648). */
  readonly minValueOnly: boolean;
}

export interface LongToken extends TokenBase {
  readonly kind: 'long';
  readonly value: bigint;
  /** `9223372036854775808L`: legal only as the operand of unary minus. */
  readonly minValueOnly: boolean;
}

export interface FloatingToken extends TokenBase {
  readonly kind: 'float' | 'double';
  readonly value: number;
}

export interface CharToken extends TokenBase {
  readonly kind: 'char';
  /** The UTF-16 code unit. */
  readonly value: number;
}

export interface StringToken extends TokenBase {
  readonly kind: 'string';
  readonly value: string;
  readonly textBlock: boolean;
}

export interface EofToken extends TokenBase {
  readonly kind: 'eof';
}

export type Token =
  | IdentifierToken | KeywordToken | OperatorToken | IntToken | LongToken | FloatingToken | CharToken
  | StringToken | EofToken;

/** JLS §3.9: reserved keywords, plus the boolean and null literals (JLS §3.10.3, §3.10.8). */
export const KEYWORDS: ReadonlySet<string> = new Set([
  'abstract', 'continue', 'for', 'new', 'switch', 'assert', 'default', 'if', 'package', 'synchronized',
  'boolean', 'do', 'goto', 'private', 'this', 'break', 'double', 'implements', 'protected', 'throw', 'byte',
  'else', 'import', 'public', 'throws', 'case', 'enum', 'instanceof', 'return', 'transient', 'catch',
  'extends', 'int', 'short', 'try', 'char', 'final', 'interface', 'static', 'void', 'class', 'finally',
  'long', 'strictfp', 'volatile', 'const', 'float', 'native', 'super', 'while', '_',
  'true', 'false', 'null',
]);

/** JLS §3.11 separators and §3.12 operators. */
const OPERATORS: ReadonlySet<string> = new Set([
  '(', ')', '{', '}', '[', ']', ';', ',', '.', '...', '@', '::',
  '=', '>', '<', '!', '~', '?', ':', '->',
  '==', '>=', '<=', '!=', '&&', '||', '++', '--',
  '+', '-', '*', '/', '&', '|', '^', '%', '<<', '>>', '>>>',
  '+=', '-=', '*=', '/=', '&=', '|=', '^=', '%=', '<<=', '>>=', '>>>=',
]);

// ## Character classes

// Character.isJavaIdentifierStart / isJavaIdentifierPart (JLS §3.8), by Unicode general category.
const IDENTIFIER_START = /[\p{L}\p{Nl}\p{Sc}\p{Pc}]/u;
const IDENTIFIER_PART = /[\p{L}\p{Nl}\p{Sc}\p{Pc}\p{Nd}\p{Mn}\p{Mc}\p{Cf}]/u;

/** Character.isIdentifierIgnorable: parts of identifiers that do not count when comparing them (JLS §3.8). */
function isIdentifierIgnorable(cp: number): boolean {
  return (cp >= 0 && cp <= 8) || (cp >= 0x0e && cp <= 0x1b) || (cp >= 0x7f && cp <= 0x9f) ||
    (cp > 0x9f && /\p{Cf}/u.test(String.fromCodePoint(cp)));
}

function isIdentifierStart(cp: number): boolean {
  if (cp < 0x80) return (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a) || cp === 0x24 || cp === 0x5f;
  return IDENTIFIER_START.test(String.fromCodePoint(cp));
}

function isIdentifierPart(cp: number): boolean {
  if (cp < 0x80) return isIdentifierStart(cp) || (cp >= 0x30 && cp <= 0x39) || isIdentifierIgnorable(cp);
  return (cp >= 0x80 && cp <= 0x9f) || IDENTIFIER_PART.test(String.fromCodePoint(cp));
}

const isDecimalDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isHexDigit = (c: number): boolean =>
  isDecimalDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
const isBinaryDigit = (c: number): boolean => c === 0x30 || c === 0x31;
const isOctalDigit = (c: number): boolean => c >= 0x30 && c <= 0x37;

/** Character.isWhitespace, used by String.stripIndent for text blocks (JLS §3.10.6). */
function isJavaWhitespace(c: number): boolean {
  if ((c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x20)) return true;
  if (c < 0x80) return false;
  if (c === 0xa0 || c === 0x2007 || c === 0x202f) return false;
  return c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x205f || c === 0x3000;
}

// ## Floating-point values

interface BinaryFormat {
  /** Significand bits, the implicit one included. */
  readonly precision: number;
  /** Exponent of the least significant bit of the smallest subnormal. */
  readonly minExponent: number;
  readonly maxValue: number;
}

const FLOAT32: BinaryFormat = { precision: 24, minExponent: -149, maxValue: 3.4028234663852886e38 };
const FLOAT64: BinaryFormat = { precision: 53, minExponent: -1074, maxValue: Number.MAX_VALUE };

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/**
 * The exact rational num/den (both > 0) rounded to the nearest value of the format, ties to even; Infinity
 * when it rounds past the largest finite value. One rounding step from the exact value (IEEE 754 §7.12).
 */
function roundRational(num: bigint, den: bigint, format: BinaryFormat): number {
  const { precision, minExponent } = format;
  let exponent = Math.max(bitLength(num) - bitLength(den) - precision, minExponent);
  const divide = (e: number): [bigint, bigint, bigint] => {
    const n = e < 0 ? num << BigInt(-e) : num;
    const d = e > 0 ? den << BigInt(e) : den;
    return [n / d, n % d, d];
  };
  let [q, r, d] = divide(exponent);
  const top = 1n << BigInt(precision);
  while (q >= top) [q, r, d] = divide(++exponent);
  while (q < top >> 1n && exponent > minExponent) [q, r, d] = divide(--exponent);
  if (2n * r > d || (2n * r === d && (q & 1n) === 1n)) q += 1n;
  // q ≤ 2^precision and the product is a value of the format, so the double arithmetic is exact.
  const value = Number(q) * 2 ** exponent;
  return value > format.maxValue ? Infinity : value;
}

// ## Lexer

/** The eligible `\uXXXX` escapes of JLS §3.3 replaced; `origin[i]` is the source offset of `text[i]`. */
interface Translation {
  readonly text: string;
  readonly origin: readonly number[] | null;
}

export class Lexer {
  readonly source: string;
  private readonly text: string;
  private readonly origin: readonly number[] | null;
  private readonly lineStarts: number[] = [0];
  private pos = 0;

  constructor(source: string) {
    this.source = source;
    for (let i = 0; i < source.length; i++) {
      const c = source.charCodeAt(i);
      if (c === 0x0a || (c === 0x0d && source.charCodeAt(i + 1) !== 0x0a)) this.lineStarts.push(i + 1);
    }
    const translation = this.translateUnicodeEscapes(source);
    // JLS §3.5: a final SUB (control-Z) is ignored.
    this.text = translation.text.endsWith('\u001a') ? translation.text.slice(0, -1) : translation.text;
    this.origin = translation.origin;
  }

  /** The position of a source offset (as written). */
  positionAtOffset(offset: number): SourcePosition {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - this.lineStarts[low]! + 1, offset };
  }

  /** The next token; `eof` (again and again) at the end. Throws JavaSyntaxError on malformed input. */
  next(): Token {
    this.skipWhitespaceAndComments();
    const start = this.pos;
    const text = this.text;
    if (start >= text.length) return this.token('eof', start, start);
    const c = text.charCodeAt(start);
    const cp = text.codePointAt(start)!;
    if (isIdentifierStart(cp)) return this.identifier(start);
    if (isDecimalDigit(c) || (c === 0x2e && isDecimalDigit(text.charCodeAt(start + 1)))) return this.number(start);
    if (c === 0x22) {
      return text.startsWith('"""', start) ? this.textBlock(start) : this.stringLiteral(start);
    }
    if (c === 0x27) return this.charLiteral(start);
    for (let length = 4; length >= 1; length--) {
      const candidate = text.substr(start, length);
      if (candidate.length === length && OPERATORS.has(candidate)) {
        this.pos = start + length;
        return this.token('operator', start, this.pos);
      }
    }
    const shown = c >= 0x21 && c < 0x7f ? String.fromCharCode(c) : `\\u${c.toString(16).padStart(4, '0')}`;
    throw this.error(`illegal character: '${shown}'`, start);
  }

  // ### JLS §3.3 unicode escapes

  private translateUnicodeEscapes(source: string): Translation {
    if (!source.includes('\\u')) return { text: source, origin: null };
    let text = '';
    const origin: number[] = [];
    // A raw backslash is eligible to begin an escape when an even number of raw backslashes precede it
    // contiguously; a backslash produced by an escape does not count (JLS §3.3, javac's UnicodeReader).
    let oddBackslashes = false;
    let i = 0;
    while (i < source.length) {
      const c = source.charCodeAt(i);
      if (c === 0x5c && !oddBackslashes && source.charCodeAt(i + 1) === 0x75) {
        let j = i + 1;
        while (source.charCodeAt(j) === 0x75) j++;
        const hex = source.slice(j, j + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
          throw new JavaSyntaxError('illegal unicode escape', this.positionAtOffset(i));
        }
        text += String.fromCharCode(parseInt(hex, 16));
        origin.push(i);
        i = j + 4;
        oddBackslashes = false;
        continue;
      }
      oddBackslashes = c === 0x5c ? !oddBackslashes : false;
      text += source[i];
      origin.push(i);
      i++;
    }
    origin.push(source.length);
    return { text, origin };
  }

  // ### Positions and tokens

  private sourceOffset(index: number): number {
    if (this.origin === null) return index;
    return this.origin[Math.min(index, this.origin.length - 1)]!;
  }

  private position(index: number): SourcePosition {
    return this.positionAtOffset(this.sourceOffset(index));
  }

  private error(message: string, index: number): JavaSyntaxError {
    return new JavaSyntaxError(message, this.position(index));
  }

  private base(start: number, end: number, text = this.text.slice(start, end)): TokenBase {
    const position = this.position(start);
    return { text, line: position.line, column: position.column, offset: position.offset, end: this.sourceOffset(end) };
  }

  private token(kind: 'identifier' | 'keyword' | 'operator' | 'eof', start: number, end: number, text?: string): Token {
    return { kind, ...this.base(start, end, text) };
  }

  // ### JLS §3.6, §3.7 white space and comments

  private skipWhitespaceAndComments(): void {
    const text = this.text;
    for (;;) {
      const c = text.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x09 || c === 0x0c || c === 0x0a || c === 0x0d) {
        this.pos++;
      } else if (c === 0x2f && text.charCodeAt(this.pos + 1) === 0x2f) {
        while (this.pos < text.length && text.charCodeAt(this.pos) !== 0x0a && text.charCodeAt(this.pos) !== 0x0d) this.pos++;
      } else if (c === 0x2f && text.charCodeAt(this.pos + 1) === 0x2a) {
        const close = text.indexOf('*/', this.pos + 2);
        if (close < 0) throw this.error('unclosed comment', this.pos);
        this.pos = close + 2;
      } else {
        return;
      }
    }
  }

  // ### JLS §3.8 identifiers, §3.9 keywords

  private identifier(start: number): Token {
    const text = this.text;
    let i = start;
    let name = '';
    while (i < text.length) {
      const cp = text.codePointAt(i)!;
      if (i === start ? !isIdentifierStart(cp) : !isIdentifierPart(cp)) break;
      if (!isIdentifierIgnorable(cp)) name += String.fromCodePoint(cp);
      i += cp > 0xffff ? 2 : 1;
    }
    this.pos = i;
    return this.token(KEYWORDS.has(name) ? 'keyword' : 'identifier', start, i, name);
  }

  // ### JLS §3.10.1, §3.10.2 numeric literals

  /**
   * A run of digits with underscores between them (JLS §3.10.1: an underscore may only separate digits).
   * Returns the digits without underscores; `pos` is left after the run.
   */
  private digits(isDigit: (c: number) => boolean): string {
    const text = this.text;
    const start = this.pos;
    let digits = '';
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (isDigit(c)) digits += text[this.pos];
      else if (c !== 0x5f) break;
      this.pos++;
    }
    if (this.pos > start && (text.charCodeAt(start) === 0x5f || text.charCodeAt(this.pos - 1) === 0x5f)) {
      throw this.error('illegal underscore', text.charCodeAt(start) === 0x5f ? start : this.pos - 1);
    }
    return digits;
  }

  private peekChar(offset = 0): number {
    return this.text.charCodeAt(this.pos + offset);
  }

  private number(start: number): Token {
    const c1 = this.text.charCodeAt(start + 1);
    if (this.text.charCodeAt(start) === 0x30 && (c1 === 0x78 || c1 === 0x58)) return this.hexNumber(start);
    if (this.text.charCodeAt(start) === 0x30 && (c1 === 0x62 || c1 === 0x42)) {
      this.pos = start + 2;
      const digits = this.digits(isBinaryDigit);
      if (digits === '') throw this.error('binary numbers must contain at least one binary digit', start);
      return this.integer(start, BigInt(`0b${digits}`), false);
    }
    this.pos = start;
    const whole = this.text.charCodeAt(start) === 0x2e ? '' : this.digits(isDecimalDigit);
    let fraction = '';
    let isFloating = false;
    if (this.peekChar() === 0x2e) {
      isFloating = true;
      this.pos++;
      fraction = this.digits(isDecimalDigit);
    }
    let exponent = 0;
    if (this.peekChar() === 0x65 || this.peekChar() === 0x45) {
      isFloating = true;
      exponent = this.exponent(start);
    }
    const suffix = this.peekChar();
    if (suffix === 0x66 || suffix === 0x46 || suffix === 0x64 || suffix === 0x44) {
      this.pos++;
      const isFloat = suffix === 0x66 || suffix === 0x46;
      return this.floating(start, isFloat, this.decimalValue(start, whole + fraction, exponent - fraction.length, isFloat ? FLOAT32 : FLOAT64));
    }
    if (isFloating) return this.floating(start, false, this.decimalValue(start, whole + fraction, exponent - fraction.length, FLOAT64));
    // JLS §3.10.1: a numeral of more than one digit starting with 0 is octal.
    if (whole.length > 1 && whole.startsWith('0')) {
      const bad = [...whole].findIndex((d) => !isOctalDigit(d.charCodeAt(0)));
      if (bad >= 0) throw this.error(`illegal digit '${whole[bad]}' in an octal literal`, start);
      return this.integer(start, BigInt(`0o${whole.slice(1)}`), false);
    }
    return this.integer(start, BigInt(whole), true);
  }

  /** `e`/`p` already current: the signed exponent, clamped (huge exponents only decide overflow/underflow). */
  private exponent(start: number): number {
    this.pos++;
    let sign = 1;
    if (this.peekChar() === 0x2b || this.peekChar() === 0x2d) {
      if (this.peekChar() === 0x2d) sign = -1;
      this.pos++;
    }
    const digits = this.digits(isDecimalDigit);
    if (digits === '') throw this.error('malformed floating-point literal', start);
    const magnitude = digits.length > 9 ? 1e9 : Number(digits);
    return sign * magnitude;
  }

  private hexNumber(start: number): Token {
    this.pos = start + 2;
    const whole = this.digits(isHexDigit);
    const next = this.peekChar();
    if (next !== 0x2e && next !== 0x70 && next !== 0x50) {
      if (whole === '') throw this.error('hexadecimal numbers must contain at least one hexadecimal digit', start);
      return this.integer(start, BigInt(`0x${whole}`), false);
    }
    // JLS §3.10.2 HexadecimalFloatingPointLiteral: the binary exponent is mandatory.
    let fraction = '';
    if (next === 0x2e) {
      this.pos++;
      fraction = this.digits(isHexDigit);
    }
    if (whole === '' && fraction === '') {
      throw this.error('hexadecimal numbers must contain at least one hexadecimal digit', start);
    }
    if (this.peekChar() !== 0x70 && this.peekChar() !== 0x50) throw this.error('malformed floating-point literal', start);
    const exponent = this.exponent(start);
    const suffix = this.peekChar();
    const isFloat = suffix === 0x66 || suffix === 0x46;
    if (isFloat || suffix === 0x64 || suffix === 0x44) this.pos++;
    const mantissa = BigInt(`0x${whole}${fraction}`);
    const binaryExponent = exponent - 4 * fraction.length;
    const format = isFloat ? FLOAT32 : FLOAT64;
    let value: number;
    if (mantissa === 0n) value = 0;
    else {
      const magnitude = bitLength(mantissa) + binaryExponent;
      if (magnitude > 1100) value = Infinity;
      else if (magnitude < -1100) value = 0;
      else {
        value = binaryExponent >= 0
          ? roundRational(mantissa << BigInt(binaryExponent), 1n, format)
          : roundRational(mantissa, 1n << BigInt(-binaryExponent), format);
      }
    }
    return this.floating(start, isFloat, this.checkFloating(start, value, mantissa !== 0n));
  }

  /** digits × 10^exponent rounded to the format. */
  private decimalValue(start: number, digits: string, exponent: number, format: BinaryFormat): number {
    const mantissa = BigInt(digits === '' ? '0' : digits);
    if (mantissa === 0n) return 0;
    // The value lies in [10^(magnitude-1), 10^magnitude): far outside the format's range, skip the bigints.
    const magnitude = mantissa.toString().length + exponent;
    let value: number;
    if (magnitude > 400) value = Infinity;
    else if (magnitude < -400) value = 0;
    else {
      value = exponent >= 0
        ? roundRational(mantissa * 10n ** BigInt(exponent), 1n, format)
        : roundRational(mantissa, 10n ** BigInt(-exponent), format);
    }
    return this.checkFloating(start, value, true);
  }

  /** JLS §3.10.2: a literal that rounds to infinity, or a non-zero literal that rounds to zero, is an error. */
  private checkFloating(start: number, value: number, nonZero: boolean): number {
    if (value === Infinity) throw this.error('floating-point number too large', start);
    if (value === 0 && nonZero) throw this.error('floating-point number too small', start);
    return value;
  }

  private floating(start: number, isFloat: boolean, value: number): Token {
    return { kind: isFloat ? 'float' : 'double', value: isFloat ? Math.fround(value) : value, ...this.base(start, this.pos) };
  }

  /**
   * An integer literal's magnitude, with its optional `L` suffix (JLS §3.10.1): a decimal literal must be
   * at most 2^31 (2^63 for long), the limit itself only as the operand of unary minus; a hex, octal or binary
   * one must fit in 32 (64) bits and is read as two's complement.
   */
  private integer(start: number, magnitude: bigint, decimal: boolean): Token {
    const suffix = this.peekChar();
    const isLong = suffix === 0x6c || suffix === 0x4c;
    if (isLong) this.pos++;
    const bits = isLong ? 64 : 32;
    const limit = decimal ? 1n << BigInt(bits - 1) : (1n << BigInt(bits)) - 1n;
    if (magnitude > limit) throw this.error('integer number too large', start);
    const minValueOnly = decimal && magnitude === limit;
    const base = this.base(start, this.pos);
    if (isLong) return { kind: 'long', value: BigInt.asIntN(64, magnitude), minValueOnly, ...base };
    return { kind: 'int', value: Number(BigInt.asIntN(32, magnitude)), minValueOnly, ...base };
  }

  // ### JLS §3.10.4 - §3.10.7 character and string literals, escapes

  /**
   * The escape sequence whose backslash is at `index` (JLS §3.10.7): its value ('' for a text block's
   * `\<line terminator>`) and the index after it.
   */
  private escape(index: number, inTextBlock: boolean): [string, number] {
    const text = this.text;
    const c = text.charCodeAt(index + 1);
    switch (c) {
      case 0x62: return ['\b', index + 2];
      case 0x73: return [' ', index + 2];
      case 0x74: return ['\t', index + 2];
      case 0x6e: return ['\n', index + 2];
      case 0x66: return ['\f', index + 2];
      case 0x72: return ['\r', index + 2];
      case 0x22: return ['"', index + 2];
      case 0x27: return ["'", index + 2];
      case 0x5c: return ['\\', index + 2];
      default:
    }
    if (isOctalDigit(c)) {
      // OctalEscape: \d, \dd, or \zdd with z in 0-3.
      const maxLength = c <= 0x33 ? 3 : 2;
      let end = index + 1;
      while (end - index - 1 < maxLength && isOctalDigit(text.charCodeAt(end))) end++;
      return [String.fromCharCode(parseInt(text.slice(index + 1, end), 8)), end];
    }
    if (inTextBlock && (c === 0x0a || c === 0x0d)) {
      return ['', index + (c === 0x0d && text.charCodeAt(index + 2) === 0x0a ? 3 : 2)];
    }
    throw this.error('illegal escape character', index);
  }

  private charLiteral(start: number): Token {
    const text = this.text;
    let i = start + 1;
    const c = text.charCodeAt(i);
    if (c === 0x27) throw this.error('empty character literal', start);
    if (i >= text.length || c === 0x0a || c === 0x0d) throw this.error('illegal line end in character literal', start);
    let value: number;
    if (c === 0x5c) {
      const [escaped, next] = this.escape(i, false);
      value = escaped.charCodeAt(0);
      i = next;
    } else {
      value = c;
      i++;
    }
    if (text.charCodeAt(i) !== 0x27) throw this.error('unclosed character literal', start);
    this.pos = i + 1;
    return { kind: 'char', value, ...this.base(start, this.pos) };
  }

  private stringLiteral(start: number): Token {
    const text = this.text;
    let i = start + 1;
    let value = '';
    for (;;) {
      const c = text.charCodeAt(i);
      if (i >= text.length || c === 0x0a || c === 0x0d) throw this.error('unclosed string literal', start);
      if (c === 0x22) break;
      if (c === 0x5c) {
        const [escaped, next] = this.escape(i, false);
        value += escaped;
        i = next;
      } else {
        // Copy the run of plain characters at once.
        let end = i + 1;
        while (end < text.length) {
          const d = text.charCodeAt(end);
          if (d === 0x22 || d === 0x5c || d === 0x0a || d === 0x0d) break;
          end++;
        }
        value += text.slice(i, end);
        i = end;
      }
    }
    this.pos = i + 1;
    return { kind: 'string', value, textBlock: false, ...this.base(start, this.pos) };
  }

  /**
   * JLS §3.10.6: `"""`, optional white space, a line terminator, the content, `"""`. The content's line
   * terminators become LF, incidental white space is stripped as String.stripIndent does (the closing
   * delimiter's line counts even when blank), then escapes are interpreted: in this order, so that `\n`,
   * `\s` or `\<line terminator>` written as escapes are not stripped.
   */
  private textBlock(start: number): Token {
    const text = this.text;
    let i = start + 3;
    while (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09 || text.charCodeAt(i) === 0x0c) i++;
    if (text.charCodeAt(i) === 0x0d) i += text.charCodeAt(i + 1) === 0x0a ? 2 : 1;
    else if (text.charCodeAt(i) === 0x0a) i++;
    else throw this.error('illegal text block open delimiter sequence, missing line terminator', start);
    const contentStart = i;
    for (;;) {
      if (i >= text.length) throw this.error('unclosed text block', start);
      const c = text.charCodeAt(i);
      if (c === 0x22 && text.startsWith('"""', i)) break;
      if (c === 0x5c) {
        if (i + 1 >= text.length) throw this.error('unclosed text block', start);
        this.escape(i, true); // validates, with the escape's position
        i += 2;
      } else {
        i++;
      }
    }
    this.pos = i + 3;
    const raw = text.slice(contentStart, i).replace(/\r\n?/g, '\n');
    const stripped = stripIndent(raw);
    // Interpret the escapes of the stripped content (already validated above).
    let value = '';
    for (let j = 0; j < stripped.length;) {
      const k = stripped.indexOf('\\', j);
      if (k < 0) {
        value += stripped.slice(j);
        break;
      }
      value += stripped.slice(j, k);
      const [escaped, next] = escapeIn(stripped, k);
      value += escaped;
      j = next;
    }
    return { kind: 'string', value, textBlock: true, ...this.base(start, this.pos) };
  }
}

/** String.stripIndent on text block content whose line terminators are already LF (JLS §3.10.6). */
function stripIndent(content: string): string {
  const lines = content.split('\n');
  const firstNonWhite = (line: string): number => {
    let i = 0;
    while (i < line.length && isJavaWhitespace(line.charCodeAt(i))) i++;
    return i;
  };
  let outdent = Number.MAX_SAFE_INTEGER;
  for (const line of lines) {
    const lead = firstNonWhite(line);
    if (lead !== line.length) outdent = Math.min(outdent, lead);
  }
  const last = lines[lines.length - 1]!;
  if (firstNonWhite(last) === last.length) outdent = Math.min(outdent, last.length);
  return lines
    .map((line) => {
      const lead = firstNonWhite(line);
      if (lead === line.length) return '';
      let end = line.length;
      while (end > 0 && isJavaWhitespace(line.charCodeAt(end - 1))) end--;
      return line.slice(Math.min(outdent, lead), end);
    })
    .join('\n');
}

/** An escape already validated by the lexer, in a text block's stripped content (LF line terminators). */
function escapeIn(text: string, index: number): [string, number] {
  const c = text.charCodeAt(index + 1);
  const simple: Record<string, string> = { b: '\b', s: ' ', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', "'": "'", '\\': '\\', '\n': '' };
  const mapped = simple[text[index + 1]!];
  if (mapped !== undefined) return [mapped, index + 2];
  const maxLength = c <= 0x33 ? 3 : 2;
  let end = index + 1;
  while (end - index - 1 < maxLength && isOctalDigit(text.charCodeAt(end))) end++;
  return [String.fromCharCode(parseInt(text.slice(index + 1, end), 8)), end];
}

/** All tokens of `source`, the final `eof` included (for tests and tools; the parser pulls them lazily). */
export function tokenize(source: string): Token[] {
  const lexer = new Lexer(source);
  const tokens: Token[] = [];
  for (;;) {
    const token = lexer.next();
    tokens.push(token);
    if (token.kind === 'eof') return tokens;
  }
}
