/**
 * Boxed Java values that have no exact JavaScript counterpart.
 *
 * A JS number cannot say whether it came from a `float` or a `double` constant, and it loses NaN
 * payloads, so `float` and `double` values in the API are `Float` and `Double` objects that keep
 * the raw IEEE 754 bits read from the class file (JVMS §4.4.4, §4.4.5): writing them back gives
 * the same bytes. `Byte`, `Short` and `Character` exist for annotation element values only
 * (JVMS §4.7.16.1 tags B, S, C), where the tag must survive a round trip.
 */

import type { ConstantDynamic } from './constant-dynamic.js';
import type { Handle } from './handle.js';
import type { Type } from './type.js';
import { IllegalArgumentException } from './java-exceptions.js';

// One shared scratch buffer for bit conversions: no allocation per value.
const scratch = new DataView(new ArrayBuffer(8));

/**
 * Formats a finite non-zero magnitude given as decimal digits `d1d2…dn` and exponent `e`
 * (value = d1.d2…dn × 10^e) the way Java's Float/Double.toString do: plain notation for
 * 10^-3 ≤ |v| < 10^7, otherwise `d.ddd…E±n`, and always at least one fraction digit.
 */
function formatJavaDecimal(negative: boolean, digits: string, exponent: number): string {
  let end = digits.length;
  while (end > 1 && digits.charCodeAt(end - 1) === 48 /* '0' */) end--;
  digits = digits.substring(0, end);
  let text: string;
  if (exponent >= -3 && exponent < 7) {
    if (exponent >= 0) {
      const intLength = exponent + 1;
      const intPart = digits.length >= intLength ? digits.substring(0, intLength) : digits + '0'.repeat(intLength - digits.length);
      const fraction = digits.length > intLength ? digits.substring(intLength) : '0';
      text = intPart + '.' + fraction;
    } else {
      text = '0.' + '0'.repeat(-exponent - 1) + digits;
    }
  } else {
    text = digits.charAt(0) + '.' + (digits.length > 1 ? digits.substring(1) : '0') + 'E' + exponent;
  }
  return negative ? '-' + text : text;
}

/** Splits the output of Number.prototype.toExponential into its digits and exponent. */
function splitExponential(text: string): { digits: string; exponent: number } {
  const e = text.indexOf('e');
  return { digits: text.substring(0, e).replace('.', ''), exponent: Number(text.substring(e + 1)) };
}

function specialToString(value: number): string | null {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  return null;
}

/** A Java `float`: its value as a JS number (exactly representable) and its raw int bits. */
export class Float {
  /** The float value as a JS number (NaN for every NaN payload). */
  readonly value: number;
  /** The raw IEEE 754 single-precision bits as a signed 32-bit int (Float.floatToRawIntBits). */
  readonly bits: number;

  /** Rounds `value` to the nearest float, as a Java `(float)` cast does. */
  constructor(value: number) {
    scratch.setFloat32(0, value);
    this.bits = scratch.getInt32(0);
    this.value = scratch.getFloat32(0);
  }

  /** A Float with exactly these bits, NaN payload included (Float.intBitsToFloat). */
  static fromBits(bits: number): Float {
    const result = new Float(0);
    scratch.setInt32(0, bits);
    (result as { value: number }).value = scratch.getFloat32(0);
    (result as { bits: number }).bits = bits | 0;
    return result;
  }

  static valueOf(value: number): Float {
    return new Float(value);
  }

  /** Java's Float.equals: compares bits, except that all NaNs are equal. */
  equals(other: unknown): boolean {
    if (!(other instanceof Float)) return false;
    return this.bits === other.bits || (this.value !== this.value && other.value !== other.value);
  }

  /** Java's Float.hashCode (floatToIntBits, NaN canonicalised). */
  hashCode(): number {
    return this.value !== this.value ? 0x7fc00000 : this.bits;
  }

  /** Lets a Float take part in arithmetic (`+f`). */
  valueOf(): number {
    return this.value;
  }

  /**
   * Java's Float.toString (as specified since JDK 19, and as JDK 17 prints most values): the shortest
   * decimal, at least two digits, that rounds to this float; of those, the closest to it, and of two
   * as close, the one whose last digit is even.
   */
  toString(): string {
    const value = this.value;
    const special = specialToString(value);
    if (special !== null) return special;
    const { digits, exponent } = shortestFloatDecimal(Math.abs(value), this.bits & 0x7fffffff);
    return formatJavaDecimal(value < 0, digits, exponent);
  }
}

/** `x` (a finite non-negative double) as an exact binary rational: x = n × 2^k. */
function exactBinary(x: number): { n: bigint; k: number } {
  scratch.setFloat64(0, x);
  const high = scratch.getUint32(0);
  const biased = (high >>> 20) & 0x7ff;
  const mantissa = (BigInt(high & 0xfffff) << 32n) | BigInt(scratch.getUint32(4));
  return biased === 0 ? { n: mantissa, k: -1074 } : { n: mantissa | (1n << 52n), k: biased - 1075 };
}

/** The sign of n × 10^q − b.n × 2^b.k, exactly. */
function compareDecimalToBinary(n: bigint, q: number, b: { n: bigint; k: number }): number {
  const left = n * 10n ** BigInt(Math.max(q, 0)) * 2n ** BigInt(Math.max(-b.k, 0));
  const right = b.n * 2n ** BigInt(Math.max(b.k, 0)) * 10n ** BigInt(Math.max(-q, 0));
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * The digits and decimal exponent (value = d1.d2… × 10^exponent) Java's Float.toString chooses for the
 * positive float `magnitude` with raw bits `bits`: the decimals of the fewest digits (two at least)
 * inside the float's rounding interval — halfway to each neighbour, the bounds included when its
 * significand is even (round half to even) — and of those the closest to it, the even one on a tie.
 * Computed exactly (the interval's bounds are exact doubles; candidates are compared as rationals).
 */
function shortestFloatDecimal(magnitude: number, bits: number): { digits: string; exponent: number } {
  scratch.setInt32(0, bits - 1);
  const below = bits === 0 ? 0 : scratch.getFloat32(0);
  scratch.setInt32(0, bits + 1);
  const above = bits === 0x7f7fffff ? 2 ** 128 : scratch.getFloat32(0);
  const low = exactBinary((below + magnitude) / 2);
  const high = exactBinary((magnitude + above) / 2);
  const inclusive = (bits & 1) === 0;
  const inside = (n: bigint, q: number): boolean => {
    const fromLow = compareDecimalToBinary(n, q, low);
    const fromHigh = compareDecimalToBinary(n, q, high);
    return (fromLow > 0 || (inclusive && fromLow === 0)) && (fromHigh < 0 || (inclusive && fromHigh === 0));
  };
  const v = exactBinary(magnitude);
  // The exponent of the first significant digit: 10^e <= magnitude < 10^(e+1).
  let e = Math.floor(Math.log10(magnitude));
  if (compareDecimalToBinary(1n, e, v) > 0) e--;
  else if (compareDecimalToBinary(1n, e + 1, v) <= 0) e++;
  // Nine significant digits always identify a float.
  for (let precision = 2; precision <= 9; precision++) {
    const q = e - precision + 1;
    // magnitude / 10^q = numerator / denominator, exactly.
    const numerator = v.n * 2n ** BigInt(Math.max(v.k, 0)) * 10n ** BigInt(Math.max(-q, 0));
    const denominator = 2n ** BigInt(Math.max(-v.k, 0)) * 10n ** BigInt(Math.max(q, 0));
    const floor = numerator / denominator;
    const remainder = numerator % denominator;
    let chosen: bigint | null;
    if (remainder === 0n) {
      chosen = floor;
    } else {
      const ceiling = floor + 1n;
      const floorInside = inside(floor, q);
      const ceilingInside = inside(ceiling, q);
      const twice = 2n * remainder;
      const closer = twice < denominator ? floor : twice > denominator ? ceiling : floor % 2n === 0n ? floor : ceiling;
      chosen = floorInside && ceilingInside ? closer : floorInside ? floor : ceilingInside ? ceiling : null;
    }
    if (chosen !== null) {
      const digits = chosen.toString();
      return { digits, exponent: q + digits.length - 1 };
    }
  }
  throw new IllegalArgumentException(`no decimal of nine digits rounds to the float ${magnitude}`);
}

/** A Java `double`: its value and its raw long bits. */
export class Double {
  /** The double value (NaN for every NaN payload). */
  readonly value: number;
  /** The raw IEEE 754 double-precision bits as a signed 64-bit bigint (doubleToRawLongBits). */
  readonly bits: bigint;

  constructor(value: number) {
    scratch.setFloat64(0, value);
    this.bits = scratch.getBigInt64(0);
    this.value = value;
  }

  /** A Double with exactly these bits, NaN payload included (Double.longBitsToDouble). */
  static fromBits(bits: bigint): Double {
    const result = new Double(0);
    scratch.setBigInt64(0, bits);
    (result as { value: number }).value = scratch.getFloat64(0);
    (result as { bits: bigint }).bits = BigInt.asIntN(64, bits);
    return result;
  }

  static valueOf(value: number): Double {
    return new Double(value);
  }

  /** Java's Double.equals: compares bits, except that all NaNs are equal. */
  equals(other: unknown): boolean {
    if (!(other instanceof Double)) return false;
    return this.bits === other.bits || (this.value !== this.value && other.value !== other.value);
  }

  /** Java's Double.hashCode: the two halves of doubleToLongBits xor-ed. */
  hashCode(): number {
    if (this.value !== this.value) return 0x7ff80000;
    scratch.setFloat64(0, this.value);
    return scratch.getInt32(0) ^ scratch.getInt32(4);
  }

  valueOf(): number {
    return this.value;
  }

  /** Java's Double.toString: the shortest decimal (at least two digits) that rounds back to it. */
  toString(): string {
    const value = this.value;
    const special = specialToString(value);
    if (special !== null) return special;
    const magnitude = Math.abs(value);
    // JS already produces the shortest round-tripping digits; Java asks for at least two.
    let parts = splitExponential(magnitude.toExponential());
    if (parts.digits.length < 2) parts = splitExponential(magnitude.toExponential(1));
    return formatJavaDecimal(value < 0, parts.digits, parts.exponent);
  }
}

/** A Java `byte` annotation value (element_value tag 'B'). */
export class Byte {
  /** The value, in -128..127. */
  readonly value: number;

  constructor(value: number) {
    this.value = (value << 24) >> 24;
  }

  static valueOf(value: number): Byte {
    return new Byte(value);
  }

  equals(other: unknown): boolean {
    return other instanceof Byte && other.value === this.value;
  }

  hashCode(): number {
    return this.value;
  }

  valueOf(): number {
    return this.value;
  }

  toString(): string {
    return String(this.value);
  }
}

/** A Java `short` annotation value (element_value tag 'S'). */
export class Short {
  /** The value, in -32768..32767. */
  readonly value: number;

  constructor(value: number) {
    this.value = (value << 16) >> 16;
  }

  static valueOf(value: number): Short {
    return new Short(value);
  }

  equals(other: unknown): boolean {
    return other instanceof Short && other.value === this.value;
  }

  hashCode(): number {
    return this.value;
  }

  valueOf(): number {
    return this.value;
  }

  toString(): string {
    return String(this.value);
  }
}

/** A Java `char` annotation value (element_value tag 'C'). */
export class Character {
  /** The UTF-16 code unit, in 0..65535. */
  readonly value: number;

  /** Accepts a code unit, or a string whose first code unit is taken. */
  constructor(value: number | string) {
    this.value = typeof value === 'string' ? value.charCodeAt(0) & 0xffff : value & 0xffff;
  }

  static valueOf(value: number | string): Character {
    return new Character(value);
  }

  equals(other: unknown): boolean {
    return other instanceof Character && other.value === this.value;
  }

  hashCode(): number {
    return this.value;
  }

  valueOf(): number {
    return this.value;
  }

  /** The character itself, as Java's Character.toString. */
  toString(): string {
    return String.fromCharCode(this.value);
  }
}

/**
 * A loadable constant (JVMS §4.4, Table 4.4-C) as the API passes it: to `visitLdcInsn`, as a
 * field's ConstantValue, and as a bootstrap method argument. int → number, long → bigint,
 * float → Float, double → Double, String → string, Class and MethodType → Type,
 * MethodHandle → Handle, Dynamic → ConstantDynamic.
 */
export type ConstantValue = number | bigint | Float | Double | string | Type | Handle | ConstantDynamic;

/**
 * A JS number where Java takes an `Object` constant (an ldc operand, a field's ConstantValue, an annotation or
 * bootstrap method argument) stands for a Java `int` (`Integer`), per the conventions above. One that is not an
 * int — `3.14`, `2 ** 40`, `NaN`, which Java code would write `3.14` (a Double), `1L << 40` (a Long) — would be
 * truncated by `| 0` to some other int constant without a word, so it is refused with the forms that say which
 * Java type is meant. `-0` is the int 0, as `-0` is in Java source.
 */
export function checkJavaInt(value: number, where: string): number {
  if ((value | 0) !== value) {
    throw new IllegalArgumentException(
      `${where}: the JS number ${value} stands for a Java int and is not one; ` +
        'pass new Double(x) for a double, new Float(x) for a float, a bigint (5n) for a long',
    );
  }
  return value;
}

/**
 * The ConstantValue a field of type `descriptor` gets for `value` given as a JavaScript number or one-character
 * string. A Java port writes `visitField(…, "J", null, 1L)`, `0.5f`, `3.14`, `'x'`; JavaScript has no such literals,
 * so `1`, `0.5`, `3.14` and `'x'` arrive. JVMS §4.7.2 (Table 4.7.2-A) allows only a CONSTANT_Long for a long field,
 * a CONSTANT_Float for a float, a CONSTANT_Double for a double and a CONSTANT_Integer for a char, so the field's own
 * descriptor says which constant is meant (as javac's assignment conversion would, JLS §5.2); written as given, the
 * class would fail to load. Everything else is returned unchanged.
 */
export function constantForFieldType(descriptor: string, value: ConstantValue): ConstantValue {
  if (descriptor.length !== 1) return value;
  if (typeof value === 'number') {
    switch (descriptor) {
      case 'J':
        return Number.isSafeInteger(value) ? BigInt(value) : value;
      case 'F':
        return new Float(value);
      case 'D':
        return new Double(value);
      default:
        return value;
    }
  }
  if (typeof value === 'string' && descriptor === 'C' && value.length === 1) {
    return value.charCodeAt(0);
  }
  return value;
}

/** Java's String.hashCode (s[0]·31^(n-1) + … + s[n-1], in 32-bit arithmetic). */
export function javaStringHashCode(value: string): number {
  let hash = 0;
  for (let i = 0; i < value.length; i++) {
    hash = (Math.imul(hash, 31) + value.charCodeAt(i)) | 0;
  }
  return hash;
}

/**
 * @internal The hashCode Java would compute for the boxed form of an API value: Integer for
 * number, Long for bigint, Boolean, String, or the object's own hashCode().
 */
export function javaHashCode(value: unknown): number {
  switch (typeof value) {
    case 'number':
      return value | 0;
    case 'bigint':
      return Number(BigInt.asIntN(32, value ^ (BigInt.asUintN(64, value) >> 32n)));
    case 'boolean':
      return value ? 1231 : 1237;
    case 'string':
      return javaStringHashCode(value);
    case 'object':
      if (value !== null && typeof (value as { hashCode?: unknown }).hashCode === 'function') {
        return (value as { hashCode(): number }).hashCode() | 0;
      }
      return 0;
    default:
      return 0;
  }
}

/** @internal Java's Objects.equals for API values: `===` for primitives, else equals(). */
export function javaEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'object' && a !== null && typeof (a as { equals?: unknown }).equals === 'function') {
    return (a as { equals(other: unknown): boolean }).equals(b);
  }
  return false;
}
