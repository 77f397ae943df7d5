// # Constant expressions (JLS §15.29)
//
// javac evaluates constant expressions at compile time, and the language depends on it: an int
// constant that fits may be assigned to a byte, short or char (§5.2) and makes `c ? 'a' : 0` a char
// (§15.25); `"a" + "b"` is the interned literal "ab" (§15.29: `==` sees it). This evaluates the same
// expressions with Java's semantics: int arithmetic wraps at 32 bits, long at 64 (bigint), float
// rounds after every operation (Math.fround), conversions follow §5.1.3 (NaN to 0, saturation).
//
// Deliberately not folded (the code computes them at run time instead, which gives the same value):
// integer division by zero (it throws at run time, as javac leaves it). A float or double in a string
// concatenation is spelled as Float.toString and Double.toString spell it (java-values.ts: the shortest
// decimal of JDK 19 and later, which is what JDK 17 prints too but for rare values such as 2.0E-3,
// where JDK 17's own javac folds its older digits).

import type * as Ast from './ast.js';
import { Double, Float } from '../../asm/java-values.js';
import { JavaType } from './java-type.js';

/** A constant's value: int-like and floating types as number, long as bigint, boolean, String as string. */
export type ConstantValue = number | bigint | boolean | string;

export interface Constant {
  readonly type: JavaType;
  readonly value: ConstantValue;
}

/** Resolves a simple or qualified name to a constant variable (a static final field with a ConstantValue), or null. */
export type ConstantNameResolver = (node: Ast.NameNode | Ast.FieldAccessNode) => Constant | null;

const INT_TYPES = new Set([JavaType.INT, JavaType.SHORT, JavaType.CHAR, JavaType.BYTE]);

/** The value of `node` if it is a constant expression, else null. */
export function constantOf(node: Ast.ExpressionNode, names: ConstantNameResolver): Constant | null {
  switch (node.kind) {
    case 'IntLiteral':
      return { type: JavaType.INT, value: node.value };
    case 'LongLiteral':
      return { type: JavaType.LONG, value: BigInt.asIntN(64, node.value) };
    case 'FloatLiteral':
      return node.isFloat ? { type: JavaType.FLOAT, value: Math.fround(node.value) } : { type: JavaType.DOUBLE, value: node.value };
    case 'CharLiteral':
      return { type: JavaType.CHAR, value: node.value };
    case 'StringLiteral':
      return { type: JavaType.STRING, value: node.value };
    case 'BooleanLiteral':
      return { type: JavaType.BOOLEAN, value: node.value };
    case 'Parenthesized':
      return constantOf(node.expression, names);
    case 'Name':
    case 'FieldAccess':
      return names(node);
    case 'Cast':
      return castConstant(node, names);
    case 'Unary':
      return unaryConstant(node, names);
    case 'Binary':
      return binaryConstant(node, names);
    case 'Conditional': {
      const condition = constantOf(node.condition, names);
      const a = constantOf(node.whenTrue, names);
      const b = constantOf(node.whenFalse, names);
      if (condition === null || a === null || b === null || condition.type !== JavaType.BOOLEAN) return null;
      const type = conditionalConstantType(a, b);
      if (type === null) return null;
      const chosen = condition.value ? a : b;
      return { type, value: convert(chosen, type) };
    }
    default:
      return null;
  }
}

/** JLS §15.25 for two constants: same type; a narrow type beside an int constant that fits in it; else numeric promotion. */
function conditionalConstantType(a: Constant, b: Constant): JavaType | null {
  if (a.type === b.type) return a.type;
  if (!a.type.isNumeric() || !b.type.isNumeric()) return null;
  for (const [narrow, other] of [
    [a, b],
    [b, a],
  ] as const) {
    if ((narrow.type === JavaType.BYTE || narrow.type === JavaType.SHORT || narrow.type === JavaType.CHAR) && other.type === JavaType.INT && fits(other.value as number, narrow.type)) {
      return narrow.type;
    }
  }
  if ((a.type === JavaType.BYTE && b.type === JavaType.SHORT) || (a.type === JavaType.SHORT && b.type === JavaType.BYTE)) return JavaType.SHORT;
  return promoteBinary(a.type, b.type);
}

/** Whether the int `value` is representable in `type` (JLS §5.2's narrowing of constants). */
export function fits(value: number, type: JavaType): boolean {
  if (type === JavaType.BYTE) return value >= -128 && value <= 127;
  if (type === JavaType.SHORT) return value >= -32768 && value <= 32767;
  if (type === JavaType.CHAR) return value >= 0 && value <= 0xffff;
  return type === JavaType.INT;
}

/**
 * `constant` as a variable of `type` holds it after assignment conversion (JLS §5.2): the identity,
 * a widening primitive conversion, or an int-like constant narrowed to byte, short or char where it
 * fits; null when it is not assignable so (boxing, String from a number…).
 */
export function assignConstant(constant: Constant, type: JavaType): Constant | null {
  const from = constant.type;
  if (from === type) return constant;
  if (!from.isNumeric() || !type.isNumeric()) return null;
  if (INT_TYPES.has(type)) {
    // int-like to int-like: widening to int, or a narrowing of a constant that fits (§5.2).
    return INT_TYPES.has(from) && (type === JavaType.INT || fits(constant.value as number, type)) ? { type, value: constant.value } : null;
  }
  const order = [JavaType.LONG, JavaType.FLOAT, JavaType.DOUBLE];
  // Widening only (§5.1.2): long from an int-like, float from int-like or long, double from any.
  if (order.indexOf(from) >= order.indexOf(type)) return null;
  return { type, value: convert(constant, type) };
}

/**
 * `constant` converted to `type` as an assignment converts it (JLS §5.2), as a static final field's
 * ConstantValue (JVMS §4.7.2) in FieldNode.value's form (boolean as 0/1, float and double boxed); null
 * if it is not assignable.
 */
export function fieldConstantValue(constant: Constant, type: JavaType): number | bigint | string | Float | Double | null {
  const assigned = assignConstant(constant, type);
  if (assigned === null) return null;
  const { value } = assigned;
  if (type === JavaType.BOOLEAN) return value ? 1 : 0;
  if (type === JavaType.FLOAT) return new Float(value as number);
  if (type === JavaType.DOUBLE) return new Double(value as number);
  return value as number | bigint | string;
}

function promoteUnary(type: JavaType): JavaType {
  return INT_TYPES.has(type) ? JavaType.INT : type;
}

function promoteBinary(a: JavaType, b: JavaType): JavaType {
  if (a === JavaType.DOUBLE || b === JavaType.DOUBLE) return JavaType.DOUBLE;
  if (a === JavaType.FLOAT || b === JavaType.FLOAT) return JavaType.FLOAT;
  if (a === JavaType.LONG || b === JavaType.LONG) return JavaType.LONG;
  return JavaType.INT;
}

/** A numeric constant converted to the primitive `type` (JLS §5.1.2, §5.1.3). */
function convert(constant: Constant, type: JavaType): ConstantValue {
  const value = constant.value;
  if (type === constant.type || type === JavaType.STRING || type === JavaType.BOOLEAN) return value;
  if (typeof value === 'bigint') {
    if (type === JavaType.LONG) return value;
    if (type === JavaType.FLOAT) return Math.fround(Number(value));
    if (type === JavaType.DOUBLE) return Number(value);
    return narrowInt(Number(BigInt.asIntN(32, value)), type);
  }
  const number = value as number;
  if (constant.type === JavaType.FLOAT || constant.type === JavaType.DOUBLE) {
    if (type === JavaType.FLOAT) return Math.fround(number);
    if (type === JavaType.DOUBLE) return number;
    if (type === JavaType.LONG) {
      if (Number.isNaN(number)) return 0n;
      if (number >= 9223372036854775807) return 9223372036854775807n;
      if (number <= -9223372036854775808) return -9223372036854775808n;
      return BigInt(Math.trunc(number));
    }
    // To int first (saturating), then to the narrower type (JLS §5.1.3).
    const asInt = Number.isNaN(number) ? 0 : number >= 2147483647 ? 2147483647 : number <= -2147483648 ? -2147483648 : Math.trunc(number);
    return narrowInt(asInt, type);
  }
  // int, short, char, byte.
  if (type === JavaType.LONG) return BigInt(number);
  if (type === JavaType.FLOAT) return Math.fround(number);
  if (type === JavaType.DOUBLE) return number;
  return narrowInt(number, type);
}

function narrowInt(value: number, type: JavaType): number {
  if (type === JavaType.BYTE) return (value << 24) >> 24;
  if (type === JavaType.SHORT) return (value << 16) >> 16;
  if (type === JavaType.CHAR) return value & 0xffff;
  return value | 0;
}

function castConstant(node: Ast.CastNode, names: ConstantNameResolver): Constant | null {
  const operand = constantOf(node.expression, names);
  if (operand === null) return null;
  const target = node.type;
  if (target.kind === 'PrimitiveType') {
    const type = JavaType.fromKeyword(target.name)!;
    if (type === JavaType.BOOLEAN) return operand.type === JavaType.BOOLEAN ? operand : null;
    if (!operand.type.isNumeric()) return null;
    return { type, value: convert(operand, type) };
  }
  // (String) "x" is a constant too.
  if (target.kind === 'ClassType' && (target.name === 'String' || target.name === 'java.lang.String') && operand.type === JavaType.STRING) return operand;
  return null;
}

function unaryConstant(node: Ast.UnaryNode, names: ConstantNameResolver): Constant | null {
  if (node.op === '++' || node.op === '--') return null;
  const operand = constantOf(node.operand, names);
  if (operand === null) return null;
  if (node.op === '!') return operand.type === JavaType.BOOLEAN ? { type: JavaType.BOOLEAN, value: !operand.value } : null;
  if (!operand.type.isNumeric()) return null;
  const type = promoteUnary(operand.type);
  const value = convert(operand, type);
  switch (node.op) {
    case '+':
      return { type, value };
    case '-':
      if (type === JavaType.LONG) return { type, value: BigInt.asIntN(64, -(value as bigint)) };
      if (type === JavaType.INT) return { type, value: -(value as number) | 0 };
      return { type, value: type === JavaType.FLOAT ? Math.fround(-(value as number)) : -(value as number) };
    case '~':
      if (type === JavaType.LONG) return { type, value: BigInt.asIntN(64, ~(value as bigint)) };
      if (type === JavaType.INT) return { type, value: ~(value as number) };
      return null;
    default:
      return null;
  }
}

function binaryConstant(node: Ast.BinaryNode, names: ConstantNameResolver): Constant | null {
  const left = constantOf(node.left, names);
  if (left === null) return null;
  const right = constantOf(node.right, names);
  if (right === null) return null;
  const op = node.op;
  if (op === '+' && (left.type === JavaType.STRING || right.type === JavaType.STRING)) {
    return { type: JavaType.STRING, value: constantString(left) + constantString(right) };
  }
  if (left.type === JavaType.BOOLEAN && right.type === JavaType.BOOLEAN) {
    const a = left.value as boolean;
    const b = right.value as boolean;
    const result = op === '&&' || op === '&' ? a && b : op === '||' || op === '|' ? a || b : op === '^' ? a !== b : op === '==' ? a === b : op === '!=' ? a !== b : null;
    return result === null ? null : { type: JavaType.BOOLEAN, value: result };
  }
  if (left.type === JavaType.STRING || right.type === JavaType.STRING) {
    // String == String compares interned constants: equal contents, equal references.
    if (left.type === right.type && (op === '==' || op === '!=')) return { type: JavaType.BOOLEAN, value: (left.value === right.value) === (op === '==') };
    return null;
  }
  if (!left.type.isNumeric() || !right.type.isNumeric()) return null;
  if (op === '<<' || op === '>>' || op === '>>>') {
    const type = promoteUnary(left.type);
    if (!type.isIntegral()) return null;
    const distance = Number(BigInt.asIntN(32, BigInt(convert(right, right.type === JavaType.LONG ? JavaType.LONG : JavaType.INT) as number | bigint)));
    if (type === JavaType.LONG) {
      const value = convert(left, JavaType.LONG) as bigint;
      const count = BigInt(distance & 63);
      if (op === '<<') return { type, value: BigInt.asIntN(64, value << count) };
      if (op === '>>') return { type, value: value >> count };
      return { type, value: BigInt.asIntN(64, BigInt.asUintN(64, value) >> count) };
    }
    const value = convert(left, JavaType.INT) as number;
    const count = distance & 31;
    return { type, value: op === '<<' ? value << count : op === '>>' ? value >> count : (value >>> count) | 0 };
  }
  const type = promoteBinary(left.type, right.type);
  const a = convert(left, type);
  const b = convert(right, type);
  if (['<', '>', '<=', '>=', '==', '!='].includes(op)) {
    const x = a as number | bigint;
    const y = b as number | bigint;
    const result = op === '<' ? x < y : op === '>' ? x > y : op === '<=' ? x <= y : op === '>=' ? x >= y : op === '==' ? x === y : x !== y;
    return { type: JavaType.BOOLEAN, value: result };
  }
  if (type === JavaType.LONG) {
    const x = a as bigint;
    const y = b as bigint;
    switch (op) {
      case '+': return { type, value: BigInt.asIntN(64, x + y) };
      case '-': return { type, value: BigInt.asIntN(64, x - y) };
      case '*': return { type, value: BigInt.asIntN(64, x * y) };
      case '/': return y === 0n ? null : { type, value: BigInt.asIntN(64, x / y) };
      case '%': return y === 0n ? null : { type, value: x % y };
      case '&': return { type, value: x & y };
      case '|': return { type, value: x | y };
      case '^': return { type, value: x ^ y };
      default: return null;
    }
  }
  const x = a as number;
  const y = b as number;
  if (type === JavaType.INT) {
    switch (op) {
      case '+': return { type, value: (x + y) | 0 };
      case '-': return { type, value: (x - y) | 0 };
      case '*': return { type, value: Math.imul(x, y) };
      // Integer division truncates toward zero; MIN_VALUE / -1 wraps (JLS §15.17.2).
      case '/': return y === 0 ? null : { type, value: (x / y) | 0 };
      case '%': return y === 0 ? null : { type, value: (x % y) | 0 };
      case '&': return { type, value: x & y };
      case '|': return { type, value: x | y };
      case '^': return { type, value: x ^ y };
      default: return null;
    }
  }
  const round = type === JavaType.FLOAT ? Math.fround : (v: number): number => v;
  switch (op) {
    case '+': return { type, value: round(x + y) };
    case '-': return { type, value: round(x - y) };
    case '*': return { type, value: round(x * y) };
    case '/': return { type, value: round(x / y) };
    case '%': return { type, value: round(x % y) };
    default: return null;
  }
}

/** The string conversion of a constant (JLS §5.1.11, §15.18.1), as Java spells it. */
function constantString(constant: Constant): string {
  const { type, value } = constant;
  if (type === JavaType.STRING) return value as string;
  if (type === JavaType.CHAR) return String.fromCharCode(value as number);
  if (type === JavaType.FLOAT) return new Float(value as number).toString();
  if (type === JavaType.DOUBLE) return new Double(value as number).toString();
  return String(value);
}
