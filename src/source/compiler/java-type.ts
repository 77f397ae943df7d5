// # JavaType: the types of the Java language as the compiler sees them (JLS §4)
//
// Primitive types, `void`, class and interface types (by internal name, erased: generics are not
// modelled, the snippet compiler works on erasures as the class files do), array types and the
// null type (JLS §4.1), with their descriptors (JVMS §4.3.2), their source spelling for messages,
// and the conversions that depend on the types alone: boxing and unboxing (JLS §5.1.7, §5.1.8),
// primitive widening and narrowing (§5.1.2, §5.1.3) and numeric promotion (§5.6). Conversions
// that need the class hierarchy (subtyping, assignment, casts) live in class-model.ts.
//
// Decisions:
// - Types are interned: one instance per descriptor, so `===` is type identity (JLS §4.3.4 on
//   erasures), and Maps and Sets of types work. `equals` is there for readability.
// - A class type is known by its internal name only; whether it exists is the class model's
//   business, so a JavaType never touches the class path.

import { Type } from '../../asm/type.js';

/** The eight primitive type keywords (JLS §4.2). */
export type PrimitiveName = 'boolean' | 'byte' | 'char' | 'short' | 'int' | 'long' | 'float' | 'double';

/** What a JavaType is. */
export type JavaTypeKind = 'primitive' | 'void' | 'class' | 'array' | 'null';

const PRIMITIVE_DESCRIPTORS: Readonly<Record<PrimitiveName, string>> = {
  boolean: 'Z',
  byte: 'B',
  char: 'C',
  short: 'S',
  int: 'I',
  long: 'J',
  float: 'F',
  double: 'D',
};

const DESCRIPTOR_PRIMITIVES: Readonly<Record<string, PrimitiveName>> = {
  Z: 'boolean',
  B: 'byte',
  C: 'char',
  S: 'short',
  I: 'int',
  J: 'long',
  F: 'float',
  D: 'double',
};

/** The wrapper class of each primitive type (JLS §5.1.7). */
const BOXES: Readonly<Record<PrimitiveName, string>> = {
  boolean: 'java/lang/Boolean',
  byte: 'java/lang/Byte',
  char: 'java/lang/Character',
  short: 'java/lang/Short',
  int: 'java/lang/Integer',
  long: 'java/lang/Long',
  float: 'java/lang/Float',
  double: 'java/lang/Double',
};

/**
 * The numeric primitives by rank along the widening order of JLS §5.1.2 / §4.10.1
 * (byte < short < int < long < float < double; char < int). char and short are incomparable.
 */
const WIDENING: Readonly<Record<string, readonly PrimitiveName[]>> = {
  byte: ['short', 'int', 'long', 'float', 'double'],
  short: ['int', 'long', 'float', 'double'],
  char: ['int', 'long', 'float', 'double'],
  int: ['long', 'float', 'double'],
  long: ['float', 'double'],
  float: ['double'],
  double: [],
  boolean: [],
};

/** JLS §5.1.3: the narrowing primitive conversions. */
const NARROWING: Readonly<Record<string, readonly PrimitiveName[]>> = {
  short: ['byte', 'char'],
  char: ['byte', 'short'],
  int: ['byte', 'short', 'char'],
  long: ['byte', 'short', 'char', 'int'],
  float: ['byte', 'short', 'char', 'int', 'long'],
  double: ['byte', 'short', 'char', 'int', 'long', 'float'],
  byte: [],
  boolean: [],
};

const interned = new Map<string, JavaType>();
/** The class types made, by internal name (see classType). */
const classTypes = new Map<string, JavaType>();
/** Parsed method descriptors (see methodTypes): their parts are interned types, shared read-only. */
const methodTypesByDescriptor = new Map<string, { readonly argumentTypes: readonly JavaType[]; readonly returnType: JavaType }>();

/** A Java type (JLS §4), interned by descriptor. */
export class JavaType {
  /** What this type is. */
  readonly kind: JavaTypeKind;
  /**
   * The JVM descriptor (`I`, `V`, `Ljava/lang/String;`, `[[I`); for the null type, which has none,
   * the pseudo descriptor `null` (descriptor() refuses it).
   */
  private readonly desc: string;
  /** The primitive keyword, or null. */
  readonly primitiveName: PrimitiveName | null;
  /** The internal name of a class type (`java/lang/String`), or of an array type its descriptor (`[I`); null otherwise. */
  readonly internalName: string | null;
  /** The component type of an array type (one dimension less), or null. */
  readonly componentType: JavaType | null;

  private constructor(kind: JavaTypeKind, desc: string, primitiveName: PrimitiveName | null, internalName: string | null, componentType: JavaType | null) {
    this.kind = kind;
    this.desc = desc;
    this.primitiveName = primitiveName;
    this.internalName = internalName;
    this.componentType = componentType;
  }

  // ## The well-known types

  static readonly BOOLEAN = JavaType.intern(new JavaType('primitive', 'Z', 'boolean', null, null));
  static readonly BYTE = JavaType.intern(new JavaType('primitive', 'B', 'byte', null, null));
  static readonly CHAR = JavaType.intern(new JavaType('primitive', 'C', 'char', null, null));
  static readonly SHORT = JavaType.intern(new JavaType('primitive', 'S', 'short', null, null));
  static readonly INT = JavaType.intern(new JavaType('primitive', 'I', 'int', null, null));
  static readonly LONG = JavaType.intern(new JavaType('primitive', 'J', 'long', null, null));
  static readonly FLOAT = JavaType.intern(new JavaType('primitive', 'F', 'float', null, null));
  static readonly DOUBLE = JavaType.intern(new JavaType('primitive', 'D', 'double', null, null));
  static readonly VOID = JavaType.intern(new JavaType('void', 'V', null, null, null));
  /** The type of the `null` literal (JLS §4.1): a subtype of every reference type. */
  static readonly NULL = JavaType.intern(new JavaType('null', 'null', null, null, null));
  static readonly OBJECT = JavaType.classType('java/lang/Object');
  static readonly STRING = JavaType.classType('java/lang/String');
  static readonly CLASS = JavaType.classType('java/lang/Class');
  static readonly THROWABLE = JavaType.classType('java/lang/Throwable');

  private static intern(type: JavaType): JavaType {
    const known = interned.get(type.desc);
    if (known !== undefined) return known;
    interned.set(type.desc, type);
    return type;
  }

  // ## Factories

  /** The primitive type of a keyword (JLS §4.2). */
  static primitive(name: PrimitiveName): JavaType {
    return JavaType.fromDescriptor(PRIMITIVE_DESCRIPTORS[name]);
  }

  /** The primitive type or `void` of a keyword, or null when `name` is not one. */
  static fromKeyword(name: string): JavaType | null {
    if (name === 'void') return JavaType.VOID;
    return Object.hasOwn(PRIMITIVE_DESCRIPTORS, name) ? JavaType.primitive(name as PrimitiveName) : null;
  }

  /** The class or interface type of an internal name (`java/util/Map$Entry`); an array descriptor gives the array type. */
  static classType(internalName: string): JavaType {
    // The compiler asks for class types by name all the time: those already made, without building a descriptor.
    const made = classTypes.get(internalName);
    if (made !== undefined) return made;
    if (internalName.startsWith('[')) return JavaType.fromDescriptor(internalName);
    if (internalName === '' || internalName.includes(';') || internalName.includes('.')) {
      throw new Error(`not an internal class name: "${internalName}"`);
    }
    const desc = `L${internalName};`;
    const type = interned.get(desc) ?? JavaType.intern(new JavaType('class', desc, null, internalName, null));
    classTypes.set(internalName, type);
    return type;
  }

  /** The array type with `dimensions` more dimensions than `element` (JLS §10.1). */
  static arrayOf(element: JavaType, dimensions = 1): JavaType {
    if (element.kind === 'void' || element.kind === 'null') throw new Error(`no array of ${element.toString()}`);
    let type = element;
    for (let i = 0; i < dimensions; i++) {
      const desc = `[${type.desc}`;
      type = interned.get(desc) ?? JavaType.intern(new JavaType('array', desc, null, desc, type));
    }
    return type;
  }

  /** The type of a field descriptor (JVMS §4.3.2), or `V`. Throws on a malformed descriptor. */
  static fromDescriptor(descriptor: string): JavaType {
    const known = interned.get(descriptor);
    if (known !== undefined && known.kind !== 'null') return known;
    const [type, end] = parseDescriptor(descriptor, 0);
    if (end !== descriptor.length) throw new Error(`malformed type descriptor "${descriptor}"`);
    return type;
  }

  /** The argument and return types of a method descriptor (JVMS §4.3.3). */
  static methodTypes(descriptor: string): { readonly argumentTypes: readonly JavaType[]; readonly returnType: JavaType } {
    const parsed = methodTypesByDescriptor.get(descriptor);
    if (parsed !== undefined) return parsed;
    const types = parseMethodDescriptor(descriptor);
    methodTypesByDescriptor.set(descriptor, types);
    return types;
  }

  /** The method descriptor of argument and return types. */
  static methodDescriptor(argumentTypes: readonly JavaType[], returnType: JavaType): string {
    return `(${argumentTypes.map((t) => t.descriptor()).join('')})${returnType.descriptor()}`;
  }

  /** The JavaType of an ASM Type (not a method type). */
  static fromAsmType(type: Type): JavaType {
    return JavaType.fromDescriptor(type.getDescriptor());
  }

  // ## Descriptors and names

  /** The JVM descriptor (JVMS §4.3.2). The null type has none. */
  descriptor(): string {
    if (this.kind === 'null') throw new Error('the null type has no descriptor');
    return this.desc;
  }

  /** ASM's Type of this type. */
  toAsmType(): Type {
    return Type.getType(this.descriptor());
  }

  /**
   * How javac spells the type in a message: `int`, `java.lang.String[]`, `java.util.Map.Entry`.
   * Nested classes are told from `$` in the binary name: a `$` followed by a digit (anonymous and
   * local classes) stays, as it cannot be told apart from a `$` that is part of a name anyway.
   */
  toString(): string {
    switch (this.kind) {
      case 'primitive':
        return this.primitiveName!;
      case 'void':
        return 'void';
      case 'null':
        return '<null>';
      case 'array':
        return `${this.componentType!.toString()}[]`;
      case 'class':
        return this.internalName!.replace(/\//g, '.').replace(/\$(?=[^0-9$])/g, '.');
    }
  }

  /** The binary name (`java.util.Map$Entry`, JLS §13.1) of a class type; the source spelling otherwise. */
  binaryName(): string {
    return this.kind === 'class' ? this.internalName!.replace(/\//g, '.') : this.toString();
  }

  equals(other: JavaType): boolean {
    return this === other;
  }

  // ## Shape

  /** Slots a value of this type takes in locals and on the stack (JVMS §2.6.1): 2 for long and double, 0 for void. */
  get size(): number {
    if (this.kind === 'void') return 0;
    return this === JavaType.LONG || this === JavaType.DOUBLE ? 2 : 1;
  }

  /** The number of array dimensions, 0 for a non-array type. */
  get dimensions(): number {
    let count = 0;
    for (let type: JavaType = this; type.componentType !== null; type = type.componentType) count++;
    return count;
  }

  /** The innermost element type of an array type (`int` for `int[][]`); the type itself otherwise. */
  get elementType(): JavaType {
    let type: JavaType = this;
    while (type.componentType !== null) type = type.componentType;
    return type;
  }

  // ## Predicates (JLS §4.2)

  isPrimitive(): boolean {
    return this.kind === 'primitive';
  }

  isVoid(): boolean {
    return this.kind === 'void';
  }

  isNull(): boolean {
    return this.kind === 'null';
  }

  isArray(): boolean {
    return this.kind === 'array';
  }

  /** Whether this is a class or interface type (not an array). */
  isClass(): boolean {
    return this.kind === 'class';
  }

  /** Reference types (JLS §4.3) and the null type. */
  isReference(): boolean {
    return this.kind === 'class' || this.kind === 'array' || this.kind === 'null';
  }

  /** boolean (the primitive type only; see unboxed() for Boolean). */
  isBoolean(): boolean {
    return this === JavaType.BOOLEAN;
  }

  /** JLS §4.2: the integral types and the floating-point types (char included). */
  isNumeric(): boolean {
    return this.kind === 'primitive' && this !== JavaType.BOOLEAN;
  }

  /** JLS §4.2.1: byte, short, int, long and char. */
  isIntegral(): boolean {
    return this === JavaType.BYTE || this === JavaType.SHORT || this === JavaType.INT || this === JavaType.LONG || this === JavaType.CHAR;
  }

  // ## Boxing and unboxing (JLS §5.1.7, §5.1.8)

  /** The wrapper class type of a primitive type (`int` → `java.lang.Integer`), or null for other types. */
  boxed(): JavaType | null {
    return this.primitiveName === null ? null : JavaType.classType(BOXES[this.primitiveName]);
  }

  /** The primitive type a wrapper class unboxes to (`java.lang.Integer` → `int`), or null. */
  unboxed(): JavaType | null {
    if (this.kind !== 'class') return null;
    for (const name of Object.keys(BOXES) as PrimitiveName[]) {
      if (BOXES[name] === this.internalName) return JavaType.primitive(name);
    }
    return null;
  }

  /** The primitive type of this type after unboxing if it is a wrapper; this type itself if primitive; null otherwise. */
  primitiveOrUnboxed(): JavaType | null {
    return this.kind === 'primitive' ? this : this.unboxed();
  }
}

function parseDescriptor(descriptor: string, offset: number): [JavaType, number] {
  const c = descriptor[offset];
  if (c === undefined) throw new Error(`malformed type descriptor "${descriptor}"`);
  if (c === 'V') return [JavaType.VOID, offset + 1];
  const primitive = DESCRIPTOR_PRIMITIVES[c];
  if (primitive !== undefined) return [JavaType.primitive(primitive), offset + 1];
  if (c === 'L') {
    const end = descriptor.indexOf(';', offset);
    if (end < 0 || end === offset + 1) throw new Error(`malformed type descriptor "${descriptor}"`);
    return [JavaType.classType(descriptor.slice(offset + 1, end)), end + 1];
  }
  if (c === '[') {
    const [component, end] = parseDescriptor(descriptor, offset + 1);
    if (component.isVoid()) throw new Error(`malformed type descriptor "${descriptor}"`);
    return [JavaType.arrayOf(component), end];
  }
  throw new Error(`malformed type descriptor "${descriptor}"`);
}

// ## Primitive conversions

/** JLS §5.1.2: whether `from` → `to` is a widening primitive conversion (identity excluded). */
export function isPrimitiveWidening(from: JavaType, to: JavaType): boolean {
  if (from.primitiveName === null || to.primitiveName === null) return false;
  return WIDENING[from.primitiveName]!.includes(to.primitiveName);
}

/** JLS §5.1.3: whether `from` → `to` is a narrowing primitive conversion (identity excluded). */
export function isPrimitiveNarrowing(from: JavaType, to: JavaType): boolean {
  if (from.primitiveName === null || to.primitiveName === null) return false;
  return NARROWING[from.primitiveName]!.includes(to.primitiveName);
}

/**
 * JLS §4.10.1: subtyping among primitive types is the reflexive, transitive closure of
 * double >1 float >1 long >1 int >1 char and int >1 short >1 byte, that is identity or widening.
 * Used for "more specific" (§15.12.2.5), where `int` is more specific than `long`.
 */
export function isPrimitiveSubtype(sub: JavaType, sup: JavaType): boolean {
  return sub.isPrimitive() && (sub === sup || isPrimitiveWidening(sub, sup));
}

/**
 * JLS §5.6 (unary numeric promotion, for unary minus, ~, shifts, array indexes): the type after
 * unboxing and widening byte/short/char to int; null when the operand is not convertible to a
 * numeric type.
 */
export function unaryNumericPromotion(type: JavaType): JavaType | null {
  const primitive = type.primitiveOrUnboxed();
  if (primitive === null || !primitive.isNumeric()) return null;
  return primitive === JavaType.BYTE || primitive === JavaType.SHORT || primitive === JavaType.CHAR ? JavaType.INT : primitive;
}

/**
 * JLS §5.6 (binary numeric promotion, for arithmetic, comparison, the numeric conditional): after
 * unboxing, double if either is double, else float, else long, else int. Null when either operand
 * is not convertible to a numeric type.
 */
export function binaryNumericPromotion(left: JavaType, right: JavaType): JavaType | null {
  const a = left.primitiveOrUnboxed();
  const b = right.primitiveOrUnboxed();
  if (a === null || b === null || !a.isNumeric() || !b.isNumeric()) return null;
  if (a === JavaType.DOUBLE || b === JavaType.DOUBLE) return JavaType.DOUBLE;
  if (a === JavaType.FLOAT || b === JavaType.FLOAT) return JavaType.FLOAT;
  if (a === JavaType.LONG || b === JavaType.LONG) return JavaType.LONG;
  return JavaType.INT;
}

/** Whether an int constant fits the range of byte, short or char (JLS §5.2's constant narrowing). */
export function fitsIn(value: number, type: JavaType): boolean {
  if (!Number.isInteger(value)) return false;
  switch (type) {
    case JavaType.BYTE:
      return value >= -128 && value <= 127;
    case JavaType.SHORT:
      return value >= -32768 && value <= 32767;
    case JavaType.CHAR:
      return value >= 0 && value <= 0xffff;
    case JavaType.INT:
      return value >= -0x80000000 && value <= 0x7fffffff;
    default:
      return false;
  }
}

/** Source spelling of a parameter list for messages: `(int, java.lang.String)` without the parentheses. */
export function typeList(types: readonly JavaType[]): string {
  return types.map((t) => t.toString()).join(', ');
}

/** JVMS §4.3.3: the argument and return types of a method descriptor. Throws on a malformed one. */
function parseMethodDescriptor(descriptor: string): { readonly argumentTypes: readonly JavaType[]; readonly returnType: JavaType } {
  if (!descriptor.startsWith('(')) throw new Error(`malformed method descriptor "${descriptor}"`);
  const argumentTypes: JavaType[] = [];
  let offset = 1;
  while (descriptor[offset] !== ')') {
    if (offset >= descriptor.length) throw new Error(`malformed method descriptor "${descriptor}"`);
    const [type, end] = parseDescriptor(descriptor, offset);
    if (type.kind === 'void') throw new Error(`malformed method descriptor "${descriptor}"`);
    argumentTypes.push(type);
    offset = end;
  }
  const returnType = JavaType.fromDescriptor(descriptor.slice(offset + 1));
  return { argumentTypes, returnType };
}
