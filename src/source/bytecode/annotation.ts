// # Javassist's javassist.bytecode.annotation: annotations built or read element by element
//
// Real Javassist code adds annotations this way (there is no CtClass.addAnnotation):
//   const attr = new AnnotationsAttribute(cp, AnnotationsAttribute.visibleTag);
//   const a = new Annotation('com.acme.Traced', cp);
//   a.addMemberValue('level', new StringMemberValue('debug', cp));
//   attr.addAnnotation(a);
//   method.getMethodInfo().addAttribute(attr);
// Here an Annotation is a plain value, converted to the tree's AnnotationNode (JVMS §4.7.16) when it
// reaches a class and back when read. Javassist's constructors that take a constant pool *index*
// instead of a value have no meaning here (the views have no pool of their own) and are not offered.

import { Byte, Character, Double, Float, Short } from '../../asm/java-values.js';
import { Type } from '../../asm/type.js';
import { toDottedName, toInternalName } from '../../classfile/class-names.js';
import { AnnotationNode } from '../../tree/annotation-node.js';
import { JavaType } from '../compiler/java-type.js';
import type { ConstPool } from './const-pool.js';

/** An element value of an annotation (JVMS §4.7.16.1). */
export abstract class MemberValue {
  /** @internal The element value as the tree holds it (AnnotationNode.values). */
  abstract toTree(): unknown;
}

/** Javassist's MemberValue subclasses holding one constant, with getValue/setValue. */
abstract class ConstantMemberValue<T> extends MemberValue {
  protected constructor(protected value: T) {
    super();
  }

  getValue(): T {
    return this.value;
  }

  setValue(value: T): void {
    this.value = value;
  }

  override toString(): string {
    return String(this.value);
  }
}

export class BooleanMemberValue extends ConstantMemberValue<boolean> {
  constructor(value: boolean, _cp?: ConstPool) {
    super(value);
  }
  toTree(): unknown {
    return this.value;
  }
}

export class ByteMemberValue extends ConstantMemberValue<number> {
  constructor(value: number, _cp?: ConstPool) {
    super(value);
  }
  toTree(): unknown {
    return Byte.valueOf(this.value);
  }
}

/** A char element; its value is a one-character string (or a char code). */
export class CharMemberValue extends ConstantMemberValue<string> {
  constructor(value: string | number, _cp?: ConstPool) {
    super(typeof value === 'number' ? String.fromCharCode(value) : value);
  }
  toTree(): unknown {
    return Character.valueOf(this.value);
  }
}

export class ShortMemberValue extends ConstantMemberValue<number> {
  constructor(value: number, _cp?: ConstPool) {
    super(value);
  }
  toTree(): unknown {
    return Short.valueOf(this.value);
  }
}

/** An int element: `new IntegerMemberValue(cp, value)`, Javassist's argument order. */
export class IntegerMemberValue extends ConstantMemberValue<number> {
  constructor(cp: ConstPool | null, value = 0) {
    super(value | 0);
  }
  toTree(): unknown {
    return this.value;
  }
}

/** A long element; its value is a bigint. */
export class LongMemberValue extends ConstantMemberValue<bigint> {
  constructor(value: bigint | number, _cp?: ConstPool) {
    super(BigInt.asIntN(64, BigInt(value)));
  }
  toTree(): unknown {
    return this.value;
  }
}

export class FloatMemberValue extends ConstantMemberValue<number> {
  constructor(value: number, _cp?: ConstPool) {
    super(Math.fround(value));
  }
  toTree(): unknown {
    return new Float(this.value);
  }
  /** Java's Float.toString (`1.0`, `1.0E10`), as Javassist prints it. */
  override toString(): string {
    return new Float(this.value).toString();
  }
}

export class DoubleMemberValue extends ConstantMemberValue<number> {
  constructor(value: number, _cp?: ConstPool) {
    super(value);
  }
  toTree(): unknown {
    return new Double(this.value);
  }
  /** Java's Double.toString, as Javassist prints it. */
  override toString(): string {
    return new Double(this.value).toString();
  }
}

export class StringMemberValue extends ConstantMemberValue<string> {
  constructor(value: string, _cp?: ConstPool) {
    if (typeof value !== 'string') throw new TypeError('StringMemberValue takes the string itself (constant pool indices are not supported)');
    super(value);
  }
  toTree(): unknown {
    return this.value;
  }
  /** In double quotes, as Javassist prints it (`@Tag(value="a")`). */
  override toString(): string {
    return `"${this.value}"`;
  }
}

/** A Class element (`Foo.class`); its value is the dotted class name, or a primitive's or void's name. */
export class ClassMemberValue extends ConstantMemberValue<string> {
  constructor(className: string, _cp?: ConstPool) {
    super(className);
  }
  toTree(): unknown {
    return Type.getType(descriptorOfName(this.value));
  }
  /** `java.util.Map.Entry.class`: '$' as '.', as Javassist prints it. */
  override toString(): string {
    return `${this.value.replace(/\$/g, '.')}.class`;
  }
}

/** An enum element: the enum type (dotted) and the constant's name. */
export class EnumMemberValue extends MemberValue {
  private type = '';
  private value = '';

  constructor(_cp?: ConstPool) {
    super();
  }

  getType(): string {
    return this.type;
  }

  setType(typeName: string): void {
    this.type = typeName;
  }

  getValue(): string {
    return this.value;
  }

  setValue(name: string): void {
    this.value = name;
  }

  toTree(): unknown {
    return AnnotationNode.enumValue(`L${toInternalName(this.type)};`, this.value);
  }

  override toString(): string {
    return `${this.type}.${this.value}`;
  }
}

/** An array element: `new ArrayMemberValue(cp)` then setValue([...]). */
export class ArrayMemberValue extends MemberValue {
  private elements: MemberValue[] = [];

  constructor(cpOrType?: ConstPool | MemberValue, _cp?: ConstPool) {
    super();
    void cpOrType;
  }

  getValue(): MemberValue[] {
    return this.elements;
  }

  setValue(elements: readonly MemberValue[]): void {
    this.elements = [...elements];
  }

  toTree(): unknown {
    return this.elements.map((element) => element.toTree());
  }

  override toString(): string {
    return `{${this.elements.join(', ')}}`;
  }
}

/** An annotation element (an annotation nested in another). */
export class AnnotationMemberValue extends MemberValue {
  constructor(
    private annotation: Annotation,
    _cp?: ConstPool,
  ) {
    super();
  }

  getValue(): Annotation {
    return this.annotation;
  }

  setValue(annotation: Annotation): void {
    this.annotation = annotation;
  }

  toTree(): unknown {
    return this.annotation.toTree();
  }

  override toString(): string {
    return this.annotation.toString();
  }
}

/** Javassist's Annotation: a type name and its element values, in the order added. */
export class Annotation {
  private readonly members = new Map<string, MemberValue>();

  /** `new Annotation('com.acme.Traced', cp)`. */
  constructor(
    private readonly typeName: string,
    _cp?: ConstPool,
  ) {}

  getTypeName(): string {
    return this.typeName;
  }

  addMemberValue(name: string, value: MemberValue): void {
    this.members.set(name, value);
  }

  getMemberValue(name: string): MemberValue | null {
    return this.members.get(name) ?? null;
  }

  /** The names of the elements given values (null when none, as Javassist). */
  getMemberNames(): Set<string> | null {
    return this.members.size === 0 ? null : new Set(this.members.keys());
  }

  /** @internal */
  toTree(): AnnotationNode {
    const node = new AnnotationNode(`L${toInternalName(this.typeName)};`);
    node.values = this.members.size === 0 ? null : [...this.members].flatMap(([name, value]) => [name, value.toTree()]);
    return node;
  }

  /** @internal The Annotation an AnnotationNode of a class holds. */
  static fromTree(node: AnnotationNode): Annotation {
    const annotation = new Annotation(node.desc === null ? '' : Type.getType(node.desc).getClassName());
    const values = node.values ?? [];
    for (let i = 0; i + 1 < values.length; i += 2) annotation.addMemberValue(values[i] as string, memberValueOf(values[i + 1]));
    return annotation;
  }

  toString(): string {
    const members = [...this.members].map(([name, value]) => `${name}=${value}`).join(', ');
    return `@${this.typeName}${members === '' ? '' : `(${members})`}`;
  }
}

/** @internal The MemberValue of an element value as the tree holds it (AnnotationNode.values, MethodNode.annotationDefault). */
export function memberValueOf(value: unknown): MemberValue {
  if (typeof value === 'boolean') return new BooleanMemberValue(value);
  if (typeof value === 'number') return new IntegerMemberValue(null, value);
  if (typeof value === 'bigint') return new LongMemberValue(value);
  if (typeof value === 'string') return new StringMemberValue(value);
  if (value instanceof Byte) return new ByteMemberValue(value.value);
  if (value instanceof Short) return new ShortMemberValue(value.value);
  if (value instanceof Character) return new CharMemberValue(value.value);
  if (value instanceof Float) return new FloatMemberValue(value.value);
  if (value instanceof Double) return new DoubleMemberValue(value.value);
  if (value instanceof Type) return new ClassMemberValue(value.getClassName());
  if (value instanceof AnnotationNode) return new AnnotationMemberValue(Annotation.fromTree(value));
  if (AnnotationNode.isEnumValue(value)) {
    const element = new EnumMemberValue();
    element.setType(toDottedName(Type.getType(value[0]).getInternalName()));
    element.setValue(value[1]);
    return element;
  }
  const array = new ArrayMemberValue();
  // Arrays of primitives are typed arrays in the tree (one per element type of JVMS §4.7.16.1).
  if (value instanceof Int8Array) array.setValue([...value].map((v) => new ByteMemberValue(v)));
  else if (value instanceof Uint16Array) array.setValue([...value].map((v) => new CharMemberValue(v)));
  else if (value instanceof Int16Array) array.setValue([...value].map((v) => new ShortMemberValue(v)));
  else if (value instanceof Int32Array) array.setValue([...value].map((v) => new IntegerMemberValue(null, v)));
  else if (value instanceof BigInt64Array) array.setValue([...value].map((v) => new LongMemberValue(v)));
  else if (value instanceof Float32Array) array.setValue([...value].map((v) => new FloatMemberValue(v)));
  else if (value instanceof Float64Array) array.setValue([...value].map((v) => new DoubleMemberValue(v)));
  else if (Array.isArray(value)) array.setValue(value.map(memberValueOf));
  else throw new TypeError(`not an annotation element value: ${String(value)}`);
  return array;
}

/** The descriptor of a class named in source form: `java.lang.String`, `int`, `void`, `String[]`. */
function descriptorOfName(name: string): string {
  let dimensions = 0;
  let element = name;
  while (element.endsWith('[]')) {
    element = element.slice(0, -2);
    dimensions++;
  }
  const type = JavaType.fromKeyword(element) ?? JavaType.classType(toInternalName(element));
  return (dimensions === 0 ? type : JavaType.arrayOf(type, dimensions)).descriptor();
}
