// # Javassist's SignatureAttribute: generic signatures (JVMS §4.7.9.1) parsed into types
//
// `SignatureAttribute.toMethodSignature(m.getGenericSignature())` and friends are how real Javassist
// code reads generic types (the element type of a List field, a method's type parameters), and
// `new ClassType(…)`…`.encode()` how it writes them for setGenericSignature. The parser and every
// toString/encode/jvmTypeName follow Javassist 3.27 exactly, its quirks included: `$` in a class name
// is read as a nested class (`Map$Entry` prints `java.util.Map.Entry`), a class signature without type
// parameters prints `<> extends …`, a type parameter without a class bound encodes one of Object.

import { AttributeInfo } from './attribute-info.js';
import type { ConstPool } from './const-pool.js';
import { Descriptor } from './descriptor.js';

/** A malformed signature (Javassist's BadBytecode). */
export class BadBytecode extends Error {
  override name = 'BadBytecode';
}

/** Where the parser is in the signature. */
class Cursor {
  position = 0;

  /** The index of `c` from the position on; the position moves past it. */
  indexOf(s: string, c: string): number {
    const i = s.indexOf(c, this.position);
    if (i < 0) throw new BadBytecode(`bad signature: ${s}`);
    this.position = i + 1;
    return i;
  }
}

/** Javassist's charAt: past the end is an error (its IndexOutOfBoundsException, reported as BadBytecode). */
function at(s: string, i: number): string {
  const c = s[i];
  if (c === undefined) throw new BadBytecode(`bad signature: ${s}`);
  return c;
}

export abstract class Type {
  /** The signature form of this type. */
  abstract encode(): string;

  /** The name as Java source spells it, but a nested class's name after `$` (Javassist's jvmTypeName). */
  jvmTypeName(): string {
    return this.toString();
  }

  abstract toString(): string;

  /** The types joined by `, `. */
  static toString(types: readonly Type[]): string {
    return types.map((t) => t.toString()).join(', ');
  }
}

/** A primitive type or void. */
export class BaseType extends Type {
  private readonly descriptor: string;

  /** From its descriptor character (`I`) or its Java name (`int`). */
  constructor(descriptorOrName: string) {
    super();
    const descriptor = descriptorOrName.length === 1 ? descriptorOrName : PRIMITIVE_DESCRIPTORS[descriptorOrName];
    if (descriptor === undefined || !'ZBCSIJFDV'.includes(descriptor)) throw new BadBytecode(`not a primitive type: ${descriptorOrName}`);
    this.descriptor = descriptor;
  }

  getDescriptor(): string {
    return this.descriptor;
  }

  encode(): string {
    return this.descriptor;
  }

  toString(): string {
    return Descriptor.toClassName(this.descriptor);
  }
}

const PRIMITIVE_DESCRIPTORS: Readonly<Record<string, string>> = {
  boolean: 'Z', byte: 'B', char: 'C', short: 'S', int: 'I', long: 'J', float: 'F', double: 'D', void: 'V',
};

/** A class type, array type or type variable. */
export abstract class ObjectType extends Type {}

/** A type argument: a type, `? extends T` (kind '+'), `? super T` ('-'), or `?` ('*'). */
export class TypeArgument {
  /** `type` with kind ' ' (the default), '+' or '-'; no type: `?`. */
  constructor(
    private readonly arg: ObjectType | null = null,
    private readonly wildcard: string = arg === null ? '*' : ' ',
  ) {}

  static subclassOf(type: ObjectType): TypeArgument {
    return new TypeArgument(type, '+');
  }

  static superOf(type: ObjectType): TypeArgument {
    return new TypeArgument(type, '-');
  }

  getKind(): string {
    return this.wildcard;
  }

  isWildcard(): boolean {
    return this.wildcard !== ' ';
  }

  getType(): ObjectType | null {
    return this.arg;
  }

  toString(): string {
    if (this.wildcard === '*') return '?';
    const type = this.arg!.toString();
    if (this.wildcard === ' ') return type;
    return this.wildcard === '+' ? `? extends ${type}` : `? super ${type}`;
  }

  /** @internal */
  encodeArgument(): string {
    if (this.wildcard === '*') return '*';
    return (this.wildcard === ' ' ? '' : this.wildcard) + this.arg!.encode();
  }

  /** @internal `<…>` of the arguments. */
  static encodeAll(args: readonly TypeArgument[]): string {
    return `<${args.map((a) => a.encodeArgument()).join('')}>`;
  }
}

/** A class or interface type, with its type arguments (null when it has none). */
export class ClassType extends ObjectType {
  static readonly OBJECT = new ClassType('java.lang.Object', null);

  /** `name` dotted (a nested class's simple name for a NestedClassType). */
  constructor(
    protected readonly name: string,
    protected readonly args: readonly TypeArgument[] | null = null,
  ) {
    super();
  }

  /** @internal */
  static make(name: string, args: readonly TypeArgument[] | null, parent: ClassType | null): ClassType {
    return parent === null ? new ClassType(name, args) : new NestedClassType(parent, name, args);
  }

  getName(): string {
    return this.name;
  }

  getTypeArguments(): TypeArgument[] | null {
    return this.args === null ? null : [...this.args];
  }

  /** The class this one is nested in (NestedClassType), else null. */
  getDeclaringClass(): ClassType | null {
    return null;
  }

  toString(): string {
    const parent = this.getDeclaringClass();
    return (parent === null ? '' : `${parent.toString()}.`) + this.nameAndArguments();
  }

  override jvmTypeName(): string {
    const parent = this.getDeclaringClass();
    return (parent === null ? '' : `${parent.jvmTypeName()}$`) + this.nameAndArguments();
  }

  encode(): string {
    return `L${this.encodeName()};`;
  }

  /** @internal */
  encodeName(): string {
    const parent = this.getDeclaringClass();
    return (parent === null ? '' : `${parent.encodeName()}$`) + this.name.replace(/\./g, '/') + (this.args === null ? '' : TypeArgument.encodeAll(this.args));
  }

  private nameAndArguments(): string {
    return this.name + (this.args === null ? '' : `<${this.args.map((a) => a.toString()).join(', ')}>`);
  }
}

/** A class nested in another: `Outer<String>.Inner`, or `Map$Entry`. */
export class NestedClassType extends ClassType {
  constructor(
    private readonly parent: ClassType,
    name: string,
    args: readonly TypeArgument[] | null = null,
  ) {
    super(name, args);
  }

  override getDeclaringClass(): ClassType {
    return this.parent;
  }
}

export class ArrayType extends ObjectType {
  constructor(
    private readonly dim: number,
    private readonly componentType: Type,
  ) {
    super();
  }

  getDimension(): number {
    return this.dim;
  }

  getComponentType(): Type {
    return this.componentType;
  }

  toString(): string {
    return this.componentType.toString() + '[]'.repeat(this.dim);
  }

  encode(): string {
    return '['.repeat(this.dim) + this.componentType.encode();
  }
}

export class TypeVariable extends ObjectType {
  constructor(private readonly name: string) {
    super();
  }

  getName(): string {
    return this.name;
  }

  toString(): string {
    return this.name;
  }

  encode(): string {
    return `T${this.name};`;
  }
}

/** `<T extends Bound & I1 & I2>`'s T. */
export class TypeParameter {
  constructor(
    private readonly name: string,
    private readonly superClass: ObjectType | null = null,
    private readonly superInterfaces: readonly ObjectType[] = [],
  ) {}

  getName(): string {
    return this.name;
  }

  /** The class bound, or null (`T::Ljava/lang/Comparable;` has none). */
  getClassBound(): ObjectType | null {
    return this.superClass;
  }

  getInterfaceBound(): ObjectType[] {
    return [...this.superInterfaces];
  }

  toString(): string {
    let s = this.name;
    if (this.superClass !== null) s += ` extends ${this.superClass.toString()}`;
    this.superInterfaces.forEach((bound, i) => {
      s += i > 0 || this.superClass !== null ? ' & ' : ' extends ';
      s += bound.toString();
    });
    return s;
  }

  encode(): string {
    return this.name + (this.superClass === null ? ':Ljava/lang/Object;' : `:${this.superClass.encode()}`) + this.superInterfaces.map((i) => `:${i.encode()}`).join('');
  }

  /** @internal `<…>`, as Javassist prints a list of them (even an empty one). */
  static toStringAll(params: readonly TypeParameter[]): string {
    return `<${params.map((p) => p.toString()).join(', ')}>`;
  }

  /** @internal */
  static encodeAll(params: readonly TypeParameter[]): string {
    return params.length === 0 ? '' : `<${params.map((p) => p.encode()).join('')}>`;
  }
}

export class ClassSignature {
  private readonly params: readonly TypeParameter[];
  private readonly superClass: ClassType;
  private readonly interfaces: readonly ClassType[];

  constructor(params: readonly TypeParameter[] | null, superClass: ClassType | null = null, interfaces: readonly ClassType[] | null = null) {
    this.params = params ?? [];
    this.superClass = superClass ?? ClassType.OBJECT;
    this.interfaces = interfaces ?? [];
  }

  getParameters(): TypeParameter[] {
    return [...this.params];
  }

  getSuperClass(): ClassType {
    return this.superClass;
  }

  getInterfaces(): ClassType[] {
    return [...this.interfaces];
  }

  toString(): string {
    let s = `${TypeParameter.toStringAll(this.params)} extends ${this.superClass.toString()}`;
    if (this.interfaces.length > 0) s += ` implements ${Type.toString(this.interfaces)}`;
    return s;
  }

  encode(): string {
    return TypeParameter.encodeAll(this.params) + this.superClass.encode() + this.interfaces.map((i) => i.encode()).join('');
  }
}

export class MethodSignature {
  constructor(
    private readonly typeParams: readonly TypeParameter[] | null,
    private readonly params: readonly Type[] | null,
    private readonly retType: Type | null,
    private readonly exceptions: readonly ObjectType[] | null = null,
  ) {}

  getTypeParameters(): TypeParameter[] {
    return [...(this.typeParams ?? [])];
  }

  getParameterTypes(): Type[] {
    return [...(this.params ?? [])];
  }

  getReturnType(): Type {
    return this.retType ?? new BaseType('V');
  }

  getExceptionTypes(): ObjectType[] {
    return [...(this.exceptions ?? [])];
  }

  toString(): string {
    let s = `${TypeParameter.toStringAll(this.getTypeParameters())} (${Type.toString(this.getParameterTypes())}) ${this.getReturnType().toString()}`;
    if (this.getExceptionTypes().length > 0) s += ` throws ${Type.toString(this.getExceptionTypes())}`;
    return s;
  }

  encode(): string {
    return (
      TypeParameter.encodeAll(this.getTypeParameters()) +
      `(${this.getParameterTypes().map((p) => p.encode()).join('')})` +
      this.getReturnType().encode() +
      this.getExceptionTypes().map((e) => `^${e.encode()}`).join('')
    );
  }
}

// ## Parsing (Javassist's SignatureAttribute.parse*)

function parseTypeParams(sig: string, cur: Cursor): TypeParameter[] {
  const params: TypeParameter[] = [];
  if (at(sig, cur.position) === '<') {
    cur.position++;
    while (at(sig, cur.position) !== '>') {
      const nameBegin = cur.position;
      const nameEnd = cur.indexOf(sig, ':');
      const classBound = parseObjectType(sig, cur, true);
      const interfaceBounds: ObjectType[] = [];
      while (at(sig, cur.position) === ':') {
        cur.position++;
        interfaceBounds.push(parseObjectType(sig, cur, false)!);
      }
      params.push(new TypeParameter(sig.slice(nameBegin, nameEnd), classBound, interfaceBounds));
    }
    cur.position++;
  }
  return params;
}

function parseObjectType(sig: string, cur: Cursor, dontThrow: boolean): ObjectType | null {
  const begin = cur.position;
  switch (at(sig, begin)) {
    case 'L':
      return parseClassType2(sig, cur, null);
    case 'T': {
      const end = cur.indexOf(sig, ';');
      return new TypeVariable(sig.slice(begin + 1, end));
    }
    case '[':
      return parseArray(sig, cur);
    default:
      if (dontThrow) return null;
      throw new BadBytecode(`bad signature: ${sig}`);
  }
}

function parseClassType(sig: string, cur: Cursor): ClassType {
  if (at(sig, cur.position) === 'L') return parseClassType2(sig, cur, null);
  throw new BadBytecode(`bad signature: ${sig}`);
}

function parseClassType2(sig: string, cur: Cursor, parent: ClassType | null): ClassType {
  const start = ++cur.position;
  let c: string;
  do c = at(sig, cur.position++);
  while (c !== '$' && c !== '<' && c !== ';');
  const end = cur.position - 1;
  let args: TypeArgument[] | null = null;
  if (c === '<') {
    args = parseTypeArgs(sig, cur);
    c = at(sig, cur.position++);
  }
  const thisClass = ClassType.make(sig.slice(start, end).replace(/\//g, '.'), args, parent);
  if (c === '$' || c === '.') {
    cur.position--;
    return parseClassType2(sig, cur, thisClass);
  }
  return thisClass;
}

function parseTypeArgs(sig: string, cur: Cursor): TypeArgument[] {
  const args: TypeArgument[] = [];
  let c: string;
  while ((c = at(sig, cur.position++)) !== '>') {
    if (c === '*') {
      args.push(new TypeArgument(null, '*'));
    } else {
      if (c !== '+' && c !== '-') {
        c = ' ';
        cur.position--;
      }
      args.push(new TypeArgument(parseObjectType(sig, cur, false), c));
    }
  }
  return args;
}

function parseArray(sig: string, cur: Cursor): ArrayType {
  let dim = 1;
  while (at(sig, ++cur.position) === '[') dim++;
  return new ArrayType(dim, parseType(sig, cur));
}

function parseType(sig: string, cur: Cursor): Type {
  const type = parseObjectType(sig, cur, true);
  if (type !== null) return type;
  const c = at(sig, cur.position++);
  if (!'ZBCSIJFDV'.includes(c)) throw new BadBytecode(`bad signature: ${sig}`);
  return new BaseType(c);
}

/**
 * The Signature attribute of a class, method or field (JVMS §4.7.9): `getAttribute(SignatureAttribute.tag)`
 * gives it (live: setSignature changes the member), `addAttribute(new SignatureAttribute(cp, sig))`
 * sets it; the static methods parse signatures.
 */
export class SignatureAttribute extends AttributeInfo {
  static readonly tag = 'Signature';

  /** @internal Where a live attribute writes its signature. */
  private sink: ((signature: string) => void) | null = null;

  constructor(
    _cp: ConstPool | null,
    private signature: string,
  ) {
    super(SignatureAttribute.tag);
  }

  getSignature(): string {
    return this.signature;
  }

  setSignature(signature: string): void {
    this.sink?.(signature);
    this.signature = signature;
  }

  /** @internal Makes the attribute write through to a member. */
  bind(sink: (signature: string) => void): this {
    this.sink = sink;
    return this;
  }

  static readonly Type = Type;
  static readonly BaseType = BaseType;
  static readonly ObjectType = ObjectType;
  static readonly ClassType = ClassType;
  static readonly NestedClassType = NestedClassType;
  static readonly ArrayType = ArrayType;
  static readonly TypeVariable = TypeVariable;
  static readonly TypeArgument = TypeArgument;
  static readonly TypeParameter = TypeParameter;
  static readonly ClassSignature = ClassSignature;
  static readonly MethodSignature = MethodSignature;

  /** A class's Signature (CtClass.getGenericSignature). */
  static toClassSignature(sig: string): ClassSignature {
    const cur = new Cursor();
    const params = parseTypeParams(sig, cur);
    const superClass = parseClassType(sig, cur);
    const interfaces: ClassType[] = [];
    while (cur.position < sig.length && sig[cur.position] === 'L') interfaces.push(parseClassType(sig, cur));
    return new ClassSignature(params, superClass, interfaces);
  }

  /** A method's Signature. */
  static toMethodSignature(sig: string): MethodSignature {
    const cur = new Cursor();
    const typeParams = parseTypeParams(sig, cur);
    if (at(sig, cur.position++) !== '(') throw new BadBytecode(`bad signature: ${sig}`);
    const params: Type[] = [];
    while (at(sig, cur.position) !== ')') params.push(parseType(sig, cur));
    cur.position++;
    const ret = parseType(sig, cur);
    const exceptions: ObjectType[] = [];
    while (cur.position < sig.length && sig[cur.position] === '^') {
      cur.position++;
      const exception = parseObjectType(sig, cur, false)!;
      if (exception instanceof ArrayType) throw new BadBytecode(`bad signature: ${sig}`);
      exceptions.push(exception);
    }
    return new MethodSignature(typeParams, params, ret, exceptions);
  }

  /** A field's Signature: a class type, array type or type variable. */
  static toFieldSignature(sig: string): ObjectType {
    return parseObjectType(sig, new Cursor(), false)!;
  }

  /** Any type's signature, primitive types included. */
  static toTypeSignature(sig: string): Type {
    return parseType(sig, new Cursor());
  }
}
