// # Generic types: what a Signature attribute says beyond the erasure (JLS §4.4–§4.8, JVMS §4.7.9.1)
//
// The snippet compiler types expressions by their erasures (JavaType), as the class files do. A
// GenericType is the extra knowledge that makes `String s = names.get(0)` compile when `names` is a
// `List<String>`: the parameterized types of variables, fields and method results, the type
// variables they are written with, and the substitution of type arguments for those variables.
// The code generator checks and emits code on erasures only; where the substituted type's erasure
// is narrower than the member's erased type it adds the checkcast javac adds (JLS §15.12.4.5's
// "cast to the erasure of the result type").
//
// Decisions:
// - Only what snippet code needs: parameterized class types, arrays, type variables (with the
//   erasure of their leftmost bound, JLS §4.6) and wildcards as type arguments. Intersection
//   bounds beyond the first, and the type arguments of an outer class in `Outer<A>.Inner<B>`, are
//   dropped (the inner class's own arguments are kept).
// - A malformed Signature is ignored (the member is seen through its descriptor): HotSpot does not
//   check Signature attributes either (JVMS §4.7.9), and the erasure is always right.

import { JavaType } from './java-type.js';

/** A class or interface type, parameterized (`args` non-empty) or not (a raw type when its class is generic). */
export interface ClassGenericType {
  readonly kind: 'class';
  /** Internal name (`java/util/Map$Entry`). */
  readonly name: string;
  readonly args: readonly TypeArgument[];
}

export interface ArrayGenericType {
  readonly kind: 'array';
  readonly component: GenericType;
}

/** A type variable (JLS §4.4); `erasure` is its leftmost bound's. */
export interface TypeVariable {
  readonly kind: 'variable';
  readonly name: string;
  readonly erasure: JavaType;
}

/** A primitive type or void. */
export interface PrimitiveGenericType {
  readonly kind: 'primitive';
  readonly type: JavaType;
}

export type GenericType = ClassGenericType | ArrayGenericType | TypeVariable | PrimitiveGenericType;

/** `?`, `? extends B`, `? super B` (JLS §4.5.1). */
export interface Wildcard {
  readonly kind: 'wildcard';
  readonly bound: GenericType | null;
  readonly isSuper: boolean;
}

export type TypeArgument = GenericType | Wildcard;

/** A type parameter of a generic class or method (JLS §8.1.2, §8.4.4). */
export interface TypeParameter {
  readonly name: string;
  /** Its bounds, class bound first; empty means Object. */
  readonly bounds: readonly GenericType[];
}

export interface ClassSignature {
  readonly typeParameters: readonly TypeParameter[];
  readonly superclass: ClassGenericType | null;
  readonly interfaces: readonly ClassGenericType[];
}

export interface MethodSignature {
  readonly typeParameters: readonly TypeParameter[];
  readonly parameters: readonly GenericType[];
  readonly returnType: GenericType;
}

/** The erasures of the type variables in scope, by name. */
export type TypeVariableScope = ReadonlyMap<string, JavaType>;

const OBJECT = JavaType.classType('java/lang/Object');

// ## From and to erasures

/** The generic view of an erased type: a class type without type arguments, an array of it, a primitive. */
export function genericOf(type: JavaType): GenericType {
  if (type.isArray()) return { kind: 'array', component: genericOf(type.componentType!) };
  if (type.isClass()) return { kind: 'class', name: type.internalName!, args: [] };
  return { kind: 'primitive', type };
}

/** The erasure of a type (JLS §4.6). */
export function erasure(type: GenericType): JavaType {
  switch (type.kind) {
    case 'class':
      return JavaType.classType(type.name);
    case 'array':
      return JavaType.arrayOf(erasure(type.component));
    case 'variable':
      return type.erasure;
    case 'primitive':
      return type.type;
  }
}

/** Whether `type` says more than its erasure: a type argument or a type variable somewhere in it. */
export function isGeneric(type: GenericType): boolean {
  switch (type.kind) {
    case 'class':
      return type.args.length > 0;
    case 'array':
      return isGeneric(type.component);
    case 'variable':
      return true;
    case 'primitive':
      return false;
  }
}

/** Whether a type variable occurs in `type` (`R`, `Stream<? extends R>`, `R[]`). */
export function mentionsTypeVariable(type: TypeArgument): boolean {
  switch (type.kind) {
    case 'variable':
      return true;
    case 'wildcard':
      return type.bound !== null && mentionsTypeVariable(type.bound);
    case 'class':
      return type.args.some(mentionsTypeVariable);
    case 'array':
      return mentionsTypeVariable(type.component);
    case 'primitive':
      return false;
  }
}

/** Structural equality of two types or type arguments. */
export function sameType(a: TypeArgument, b: TypeArgument): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'class': {
      const other = b as ClassGenericType;
      return a.name === other.name && a.args.length === other.args.length && a.args.every((arg, i) => sameType(arg, other.args[i]!));
    }
    case 'array':
      return sameType(a.component, (b as ArrayGenericType).component);
    case 'variable':
      return a.name === (b as TypeVariable).name && a.erasure === (b as TypeVariable).erasure;
    case 'primitive':
      return a.type === (b as PrimitiveGenericType).type;
    case 'wildcard': {
      const other = b as Wildcard;
      if (a.isSuper !== other.isSuper) return false;
      return a.bound === null || other.bound === null ? a.bound === other.bound : sameType(a.bound, other.bound);
    }
  }
}

// ## Signatures written (JVMS §4.7.9.1)

/**
 * A MethodSignature (JVMS §4.7.9.1) from a declaration's types: `typeParameters` (`<T:…>`, or ''), each parameter's
 * generic type where known (else its erasure), the result's likewise (a constructor's is void).
 */
export function methodSignatureText(
  typeParameters: string,
  parameterTypes: readonly JavaType[],
  parameterGenerics: readonly (GenericType | null)[],
  returnType: JavaType,
  returnGeneric: GenericType | null,
): string {
  const parameters = parameterGenerics.map((generic, i) => (generic === null ? parameterTypes[i]!.descriptor() : signatureOf(generic))).join('');
  return `${typeParameters}(${parameters})${returnGeneric === null ? returnType.descriptor() : signatureOf(returnGeneric)}`;
}

/** The JavaTypeSignature of `type`: `Ljava/util/List<Ljava/lang/String;>;`, `TT;`, `[I`. */
export function signatureOf(type: GenericType): string {
  switch (type.kind) {
    case 'class': {
      if (type.args.length === 0) return `L${type.name};`;
      const args = type.args.map((arg) => (arg.kind === 'wildcard' ? (arg.bound === null ? '*' : `${arg.isSuper ? '-' : '+'}${signatureOf(arg.bound)}`) : signatureOf(arg)));
      return `L${type.name}<${args.join('')}>;`;
    }
    case 'array':
      return `[${signatureOf(type.component)}`;
    case 'variable':
      return `T${type.name};`;
    case 'primitive':
      return type.type.descriptor();
  }
}

// ## Substitution (JLS §4.5.2)

/**
 * `type` with each type variable named in `bindings` replaced by its argument. A wildcard can only
 * stand as a type argument: where one would replace a whole type, the type is the capture's upper
 * bound (JLS §5.1.10) — `? extends B` gives B, `?` and `? super B` leave the variable (whose erasure
 * is its declared bound).
 */
export function substitute(type: GenericType, bindings: ReadonlyMap<string, TypeArgument>): GenericType {
  switch (type.kind) {
    case 'class':
      return type.args.length === 0 ? type : { kind: 'class', name: type.name, args: type.args.map((arg) => substituteArgument(arg, bindings)) };
    case 'array':
      return { kind: 'array', component: substitute(type.component, bindings) };
    case 'variable': {
      const binding = bindings.get(type.name);
      if (binding === undefined) return type;
      if (binding.kind !== 'wildcard') return binding;
      return binding.bound !== null && !binding.isSuper ? binding.bound : type;
    }
    case 'primitive':
      return type;
  }
}

function substituteArgument(argument: TypeArgument, bindings: ReadonlyMap<string, TypeArgument>): TypeArgument {
  if (argument.kind === 'wildcard') {
    return argument.bound === null ? argument : { kind: 'wildcard', bound: substitute(argument.bound, bindings), isSuper: argument.isSuper };
  }
  // A variable bound to a wildcard stays a wildcard inside type arguments: List<T> with T := ? is List<?>.
  if (argument.kind === 'variable') return bindings.get(argument.name) ?? argument;
  return substitute(argument, bindings);
}

// ## Signatures (JVMS §4.7.9.1)

/** The generic form of a class: its type parameters and generic super types; null if malformed. */
export function parseClassSignature(signature: string, outerScope: TypeVariableScope): ClassSignature | null {
  return parsing(signature, outerScope, (parser) => {
    const typeParameters = parser.typeParameters();
    const superclass = parser.classType();
    const interfaces: ClassGenericType[] = [];
    while (!parser.atEnd()) interfaces.push(parser.classType());
    return { typeParameters, superclass, interfaces };
  });
}

/** The generic form of a method's parameters and result; null if malformed. Throws clauses are ignored. */
export function parseMethodSignature(signature: string, classScope: TypeVariableScope): MethodSignature | null {
  return parsing(signature, classScope, (parser) => {
    const typeParameters = parser.typeParameters();
    parser.expect('(');
    const parameters: GenericType[] = [];
    while (parser.peek() !== ')') parameters.push(parser.javaType());
    parser.expect(')');
    const returnType = parser.peek() === 'V' ? (parser.skip(), { kind: 'primitive' as const, type: JavaType.VOID }) : parser.javaType();
    return { typeParameters, parameters, returnType };
  }, true);
}

/** The generic type of a field; null if malformed. */
export function parseFieldSignature(signature: string, classScope: TypeVariableScope): GenericType | null {
  return parsing(signature, classScope, (parser) => parser.referenceType());
}

/** The scope `scope` extended with `parameters` (each variable erased to its leftmost bound, JLS §4.6). */
export function extendScope(scope: TypeVariableScope, parameters: readonly TypeParameter[]): TypeVariableScope {
  if (parameters.length === 0) return scope;
  const extended = new Map(scope);
  for (const parameter of parameters) {
    const bound = parameter.bounds[0];
    extended.set(parameter.name, bound === undefined ? OBJECT : erasure(bound));
  }
  return extended;
}

/**
 * Parses `signature` twice when it declares type parameters: bounds may name variables of the same
 * list (`<T extends Comparable<T>>`, `<K, V extends K>`), whose erasures are known after the first.
 */
function parsing<T>(signature: string, scope: TypeVariableScope, parse: (parser: SignatureParser) => T, allowTrailing = false): T | null {
  try {
    const first = new SignatureParser(signature, scope, true);
    let result = parse(first);
    if (!allowTrailing && !first.atEnd()) return null;
    if (first.declared.length > 0) {
      const second = new SignatureParser(signature, extendScope(scope, first.declared), false);
      result = parse(second);
    }
    return result;
  } catch (error) {
    if (error instanceof MalformedSignature) return null;
    throw error;
  }
}

class MalformedSignature extends Error {}

class SignatureParser {
  private offset = 0;
  /** The type parameters declared by the signature, once read. */
  declared: readonly TypeParameter[] = [];

  constructor(
    private readonly text: string,
    private scope: TypeVariableScope,
    private readonly firstPass: boolean,
  ) {}

  atEnd(): boolean {
    return this.offset >= this.text.length;
  }

  peek(): string {
    if (this.atEnd()) throw new MalformedSignature();
    return this.text[this.offset]!;
  }

  skip(): void {
    this.offset++;
  }

  expect(char: string): void {
    if (this.peek() !== char) throw new MalformedSignature();
    this.offset++;
  }

  /** `[<T:bound:ibound…>]`: the type parameters, which then are in scope for the rest. */
  typeParameters(): TypeParameter[] {
    if (this.atEnd() || this.peek() !== '<') return [];
    this.skip();
    const parameters: TypeParameter[] = [];
    // Their own names are in scope in their bounds: erased to Object in the first parse, to their
    // bounds' erasures in the second (whose scope already holds them, see parsing()).
    if (this.firstPass) {
      const provisional = new Map(this.scope);
      for (const name of this.declaredNames()) provisional.set(name, OBJECT);
      this.scope = provisional;
    }
    do {
      const name = this.identifier(':');
      const bounds: GenericType[] = [];
      // ClassBound: ':' with an optional type; then InterfaceBounds ':' type.
      this.expect(':');
      if (this.peek() !== ':' && this.peek() !== '>') bounds.push(this.referenceType());
      while (this.peek() === ':') {
        this.skip();
        bounds.push(this.referenceType());
      }
      parameters.push({ name, bounds });
    } while (this.peek() !== '>');
    this.skip();
    this.declared = parameters;
    return parameters;
  }

  /** The names of the type parameter list starting at the offset (just past `<`), without moving. */
  private declaredNames(): string[] {
    const names: string[] = [];
    let depth = 0;
    let expectName = true;
    for (let i = this.offset; i < this.text.length; i++) {
      const c = this.text[i]!;
      if (depth === 0 && expectName) {
        const colon = this.text.indexOf(':', i);
        if (colon < 0) throw new MalformedSignature();
        names.push(this.text.slice(i, colon));
        i = colon - 1;
        expectName = false;
        continue;
      }
      if (c === '<') depth++;
      else if (c === '>') {
        if (depth === 0) return names;
        depth--;
      } else if (c === ';' && depth === 0) {
        // The end of a bound: a new parameter follows unless another bound (':') or the end ('>') does.
        const next = this.text[i + 1];
        if (next !== ':' && next !== '>') expectName = true;
      }
    }
    throw new MalformedSignature();
  }

  /** A JavaTypeSignature: a base type or a reference type. */
  javaType(): GenericType {
    const c = this.peek();
    const primitive = 'ZBCSIJFD'.includes(c) ? JavaType.fromDescriptor(c) : null;
    if (primitive !== null) {
      this.skip();
      return { kind: 'primitive', type: primitive };
    }
    return this.referenceType();
  }

  referenceType(): GenericType {
    switch (this.peek()) {
      case 'L':
        return this.classType();
      case 'T': {
        this.skip();
        const name = this.identifier(';');
        this.expect(';');
        return { kind: 'variable', name, erasure: this.scope.get(name) ?? OBJECT };
      }
      case '[':
        this.skip();
        return { kind: 'array', component: this.javaType() };
      default:
        throw new MalformedSignature();
    }
  }

  /** `Lpkg/Outer<…>.Inner<…>;`: the innermost class, with its own type arguments. */
  classType(): ClassGenericType {
    this.expect('L');
    let name = this.identifier('<.;');
    let args = this.typeArguments();
    while (this.peek() === '.') {
      this.skip();
      name = `${name}$${this.identifier('<.;')}`;
      args = this.typeArguments();
    }
    this.expect(';');
    return { kind: 'class', name, args };
  }

  private typeArguments(): TypeArgument[] {
    if (this.peek() !== '<') return [];
    this.skip();
    const args: TypeArgument[] = [];
    do {
      const c = this.peek();
      if (c === '*') {
        this.skip();
        args.push({ kind: 'wildcard', bound: null, isSuper: false });
      } else if (c === '+' || c === '-') {
        this.skip();
        args.push({ kind: 'wildcard', bound: this.referenceType(), isSuper: c === '-' });
      } else {
        args.push(this.referenceType());
      }
    } while (this.peek() !== '>');
    this.skip();
    return args;
  }

  /** The characters up to one of `stops` (not consumed); never empty. */
  private identifier(stops: string): string {
    const start = this.offset;
    while (!stops.includes(this.peek())) this.offset++;
    if (this.offset === start) throw new MalformedSignature();
    return this.text.slice(start, this.offset);
  }
}
