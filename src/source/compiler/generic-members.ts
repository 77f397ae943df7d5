// # The generic types of members as seen from a receiver (JLS §4.5.2, §8.1.4, §15.12.2.7)
//
// Given `names` of type `List<String>`, `names.get(0)` is a String: `get` is declared in
// `List<E>` to return E, and List<String> binds E to String. GenericMembers answers such questions
// from the Signature attributes of the classes on the class path (through the TypeEnvironment):
// the supertype of a parameterized type along the generic `extends`/`implements` clauses
// (`ArrayList<String>` as an `Iterable<String>`), the type of a field or method result with the
// receiver's type arguments substituted, and the type arguments of a generic method inferred from
// its arguments.
//
// Decisions:
// - Raw types follow JLS §4.8: the members of a raw type have erased types, so nothing is known
//   beyond the erasure (null). A class without type parameters is not raw: `class Names extends
//   ArrayList<String>` gives `get` the type String.
// - Inference is the simple part of JLS §18 that snippets need: a method type variable takes the
//   type of the arguments passed where a formal parameter mentions it (boxed for primitives, through
//   supertypes: `Collection<? extends E>` from a `List<String>`); conflicting or missing evidence
//   leaves the variable, whose erasure is its bound — where javac would infer from the target type,
//   a snippet writes a cast, as in Javassist. Overload resolution works on erasures; the code
//   generator then checks the arguments against the parameter types instantiated here (`names.add(1)`
//   of a List<String> is refused, as javac refuses it).

import { Opcodes } from '../../asm/opcodes.js';
import type { ClassModel, FieldModel, MethodModel, TypeEnvironment } from './class-model.js';
import { CompileError } from './compile-error.js';
import {
  type ClassGenericType,
  erasure,
  extendScope,
  type GenericType,
  genericOf,
  type MethodSignature,
  parseClassSignature,
  parseFieldSignature,
  parseMethodSignature,
  sameType,
  substitute,
  type TypeArgument,
  type TypeParameter,
  type TypeVariableScope,
} from './generic-type.js';
import type { JavaType } from './java-type.js';
import type { ResolvedMethod } from './member-resolution.js';
import { functionTypeOf } from './functional-interface.js';

/**
 * A lambda or method reference argument, as inference sees it: the type its body returns, which
 * binds the type variables in its function type's result (`map(w -> w + "!")` makes U a String),
 * and an explicitly typed lambda's parameter types, which bind those in its function type's
 * parameters (`comparing((String[] r) -> r[1])` makes T a String[]: JLS §18.2.1).
 */
export interface LambdaResult {
  readonly kind: 'lambda-result';
  /** null: not known (yet). */
  readonly result: GenericType | null;
  /** null: an implicitly typed lambda, or a method reference. */
  readonly parameters?: readonly GenericType[] | null;
}

/** An argument's type for inference: its type, a lambda's result, or null (the null type, or a lambda of unknown result). */
export type InferenceArgument = GenericType | LambdaResult | null;

/** What a class's Signature attribute says (or its plain super types when it has none). */
interface ClassGenerics {
  readonly typeParameters: readonly TypeParameter[];
  /** The erasures of the type variables usable in the class's members (its own and, for an inner class, its outer classes'). */
  readonly scope: TypeVariableScope;
  readonly supertypes: readonly ClassGenericType[];
}

/** What inference learned of each type variable: a type it must equal, types it must contain. */
type Evidence = Map<string, { exact: GenericType | 'conflict' | null; lower: GenericType[] }>;

const NO_SCOPE: TypeVariableScope = new Map();
/** How deep a supertype search may go: far beyond real hierarchies, a stop for a malformed cycle. */
const MAX_HIERARCHY_DEPTH = 100;

/** One GenericMembers per TypeEnvironment, so that each class's Signature is parsed once per pool. */
const byEnvironment = new WeakMap<TypeEnvironment, GenericMembers>();

export class GenericMembers {
  /**
   * By class model: the environment builds a new model when an edited class changes shape or is
   * invalidated, and the generics follow it.
   */
  private readonly classes = new WeakMap<ClassModel, ClassGenerics>();
  /** The least upper bounds that are intersections, with their types other than the first (see leastUpperBound). */
  private readonly intersections = new WeakMap<GenericType, readonly string[]>();
  /** See methodSignature: only the methods snippets call or convert lambdas to are ever entered. */
  private readonly methodSignatures = new WeakMap<MethodModel, MethodSignature | null>();

  private constructor(private readonly env: TypeEnvironment) {}

  static of(env: TypeEnvironment): GenericMembers {
    let members = byEnvironment.get(env);
    if (members === undefined) {
      members = new GenericMembers(env);
      byEnvironment.set(env, members);
    }
    return members;
  }

  /** A class's own type: `Box<T>` inside Box (its type variables as arguments). */
  thisType(className: string): ClassGenericType {
    const info = this.classGenerics(className);
    return {
      kind: 'class',
      name: className,
      args: info.typeParameters.map((parameter) => ({ kind: 'variable', name: parameter.name, erasure: info.scope.get(parameter.name)! })),
    };
  }

  /** How many type parameters the class declares (0: not generic). */
  typeParameterCount(className: string): number {
    return this.classGenerics(className).typeParameters.length;
  }

  /** The names of the class's type parameters, in order. */
  typeParameterNames(className: string): string[] {
    return this.classGenerics(className).typeParameters.map((parameter) => parameter.name);
  }

  /** The type variables in scope in the members of `className`, erased. */
  scopeOf(className: string): TypeVariableScope {
    return this.classGenerics(className).scope;
  }

  /**
   * `type` as an instance of its supertype `target` (JLS §4.10.2), with the type arguments the
   * generic super type clauses give it; null when `type` is not a class type, does not reach
   * `target`, or is raw on the way (JLS §4.8).
   */
  asSuper(type: GenericType, target: string, depth = 0): ClassGenericType | null {
    if (type.kind === 'variable') return this.asSuper(genericOf(type.erasure), target, depth);
    if (type.kind !== 'class' || depth > MAX_HIERARCHY_DEPTH) return null;
    const info = this.classGenerics(type.name);
    const isRaw = info.typeParameters.length > 0 && type.args.length !== info.typeParameters.length;
    if (isRaw) return null;
    if (type.name === target) return type;
    const bindings = bindingsOf(info.typeParameters, type.args);
    for (const supertype of info.supertypes) {
      if (!this.isKnownSubtype(supertype.name, target)) continue;
      const found = this.asSuper(substitute(supertype, bindings), target, depth + 1);
      if (found !== null) return found;
    }
    return null;
  }

  /**
   * The type of `field` (declared in `owner`) read from an object of type `receiver`, or null when
   * it is no more than the field's descriptor says.
   */
  fieldType(receiver: GenericType, owner: string, field: FieldModel): GenericType | null {
    if (field.signature === null) return null;
    const declared = parseFieldSignature(field.signature, field.isStatic ? NO_SCOPE : this.scopeOf(owner));
    if (declared === null || erasure(declared) !== field.type) return null;
    if (field.isStatic) return declared;
    const bindings = this.receiverBindings(receiver, owner);
    return bindings === null ? null : substitute(declared, bindings);
  }

  /**
   * The type of a call of `method` on `receiver` (ignored for static methods) with arguments of
   * types `args` (null for the null type and lambdas), or null when it is no more than the descriptor says.
   */
  resultType(receiver: GenericType | null, method: ResolvedMethod, args: readonly InferenceArgument[], explicit: readonly GenericType[] | null = null, target: GenericType | null = null): GenericType | null {
    return this.instantiate(receiver, method, args, explicit, target)?.returnType ?? null;
  }

  /**
   * Whether the call's result still mentions a type variable of the method that neither the
   * arguments nor the target told (`Collectors.toList()` alone: a Collector<T, ?, List<T>>), which
   * the parameter it is passed to may tell (see resultType's `target`).
   */
  resultIsOpen(receiver: GenericType | null, method: ResolvedMethod, args: readonly InferenceArgument[], explicit: readonly GenericType[] | null = null, target: GenericType | null = null): boolean {
    const instantiated = this.instantiate(receiver, method, args, explicit, target);
    return instantiated !== null && instantiated.open.length > 0 && mentionsVariableNamed(instantiated.returnType, new Set(instantiated.open));
  }

  /**
   * The parameter types of `method` as called on `receiver` with arguments of types `args`: what a
   * lambda argument's function type comes from (`computeIfAbsent` of a Map<String, List<Integer>>
   * takes a Function<? super String, ? extends List<Integer>>). Null when the descriptor is all that is known.
   * `compiled`: what the lambdas and deferred calls compiled so far told (see instantiate).
   */
  parameterTypes(
    receiver: GenericType | null,
    method: ResolvedMethod,
    args: readonly InferenceArgument[],
    explicit: readonly GenericType[] | null = null,
    target: GenericType | null = null,
    compiled: readonly InferenceArgument[] | null = null,
  ): readonly GenericType[] | null {
    const instantiated = this.instantiate(receiver, method, args, explicit, target, compiled);
    return instantiated === null || instantiated.parameters.length !== method.parameterTypes.length ? null : instantiated.parameters;
  }

  /**
   * The method's signature with the receiver's type arguments and the inferred method type arguments
   * substituted. `compiled`: the results of the lambda arguments compiled so far (and the types of the
   * deferred calls), which tell the variables that the arguments and the target leave open — javac
   * infers `Collectors.toMap(p -> p.city, p -> p.age, (a, b) -> a + b)`'s U from the second lambda
   * before it types the third (JLS §18.5.2.2: an input variable of a lambda is resolved from what the
   * lambdas it does not depend on have told).
   */
  private instantiate(
    receiver: GenericType | null,
    method: ResolvedMethod,
    args: readonly InferenceArgument[],
    explicit: readonly GenericType[] | null,
    target: GenericType | null,
    compiled: readonly InferenceArgument[] | null = null,
  ): { parameters: GenericType[]; returnType: GenericType; open: readonly string[] } | null {
    const parsed = this.methodSignature(method.method, method.declaringClass);
    if (parsed === null || erasure(parsed.returnType) !== method.method.returnType) return null;
    let bindings = new Map<string, TypeArgument>();
    // A constructor's receiver is the type it creates (`new PriorityQueue<int[]>(…)` binds E).
    if (!method.isStatic && receiver !== null) {
      const classBindings = this.receiverBindings(receiver, method.declaringClass);
      if (classBindings === null) return null;
      bindings = new Map(classBindings);
    }
    // Method type variables shadow the class's (JLS §6.4.1).
    for (const parameter of parsed.typeParameters) bindings.delete(parameter.name);
    if (explicit !== null && explicit.length === parsed.typeParameters.length) {
      // `Collections.<String>emptyList()`: the written type arguments (JLS §15.12.2.1), no inference.
      parsed.typeParameters.forEach((parameter, i) => bindings.set(parameter.name, explicit[i]!));
    } else if (parsed.typeParameters.length > 0 && parsed.parameters.length === method.parameterTypes.length) {
      const inferred = this.infer(parsed.typeParameters, parsed.parameters, method.varargsCall, args, bindings);
      for (const [name, type] of inferred) bindings.set(name, type);
      if (target !== null && inferred.size < parsed.typeParameters.length) {
        // JLS §18.5.2.1: the target type constrains the result too (`list.sort(Comparator.comparing(s -> s.length()))`
        // makes T a String); here it only tells the variables the arguments leave open.
        const variables = new Set(parsed.typeParameters.map((parameter) => parameter.name).filter((name) => !inferred.has(name)));
        const fromTarget: Evidence = new Map();
        const result = substitute(parsed.returnType, bindings);
        // A result of a subtype of the target's class is seen as that class (an ArrayList<T> as a List<String>).
        const lifted = result.kind === 'class' && target.kind === 'class' ? (this.asSuper(result, target.name) ?? result) : result;
        this.collect(lifted, target, variables, fromTarget, 0, false, true);
        for (const [name, type] of this.resolve(fromTarget)) bindings.set(name, type);
      }
      const stillOpen = parsed.typeParameters.filter((parameter) => !bindings.has(parameter.name));
      if (compiled !== null && stillOpen.length > 0) {
        for (const [name, type] of this.infer(stillOpen, parsed.parameters, method.varargsCall, compiled, bindings)) bindings.set(name, type);
      }
    }
    const open = parsed.typeParameters.filter((parameter) => !bindings.has(parameter.name)).map((parameter) => parameter.name);
    return { parameters: parsed.parameters.map((p) => substitute(p, bindings)), returnType: substitute(parsed.returnType, bindings), open };
  }

  /**
   * The type a diamond class instance creation `new C<>(…)` creates (JLS §15.9.3, inference as in
   * §18.5.2): C's type arguments from the target type (`Queue<int[]> q = new PriorityQueue<>(…)`
   * makes E an int[]), then those the target leaves open from the constructor's arguments
   * (`new Box<>(4)` makes T an Integer). Null when C is not generic, or neither tells anything; an
   * argument neither tells is its bound, as javac infers it with no constraints.
   */
  diamondType(className: string, constructor: ResolvedMethod, args: readonly InferenceArgument[], target: GenericType | null): ClassGenericType | null {
    const info = this.classGenerics(className);
    if (info.typeParameters.length === 0) return null;
    const variables = new Set(info.typeParameters.map((parameter) => parameter.name));
    const evidence: Evidence = new Map();
    if (target !== null && target.kind === 'class') {
      const created = this.asSuper(this.thisType(className), target.name);
      if (created !== null) this.collect(created, target, variables, evidence, 0, false);
    }
    const fromTarget = this.resolve(evidence);
    const parsed = this.methodSignature(constructor.method, constructor.declaringClass);
    const fromArguments =
      parsed !== null && parsed.parameters.length === constructor.parameterTypes.length
        ? this.infer([...info.typeParameters, ...parsed.typeParameters], parsed.parameters, constructor.varargsCall, args, new Map())
        : new Map<string, GenericType>();
    let known = false;
    const typeArguments = info.typeParameters.map((parameter): GenericType => {
      const type = fromTarget.get(parameter.name) ?? fromArguments.get(parameter.name);
      if (type !== undefined) known = true;
      return type ?? genericOf(info.scope.get(parameter.name)!);
    });
    return known ? { kind: 'class', name: className, args: typeArguments } : null;
  }

  /** javac's rank of a class or interface: the length of the longest path up to Object (which ranks 0). */
  private rank(className: string, ranks: Map<string, number>, depth = 0): number {
    const known = ranks.get(className);
    if (known !== undefined) return known;
    const model = this.env.findClass(className);
    if (model === null || className === 'java/lang/Object' || depth > MAX_HIERARCHY_DEPTH) return 0;
    const supers = [...(model.superName === null ? [] : [model.superName]), ...model.interfaces];
    const rank = 1 + Math.max(0, ...supers.map((name) => this.rank(name, ranks, depth + 1)));
    ranks.set(className, rank);
    return rank;
  }

  /**
   * Whether `sub` is known to be a subtype of `sup`: false when a class on the way is missing from
   * the class path. Generic types only refine what the erasures already compile, so a missing
   * class makes them fall back to the erasure instead of failing a snippet that compiles without them.
   */
  isKnownSubtype(sub: JavaType | string, sup: JavaType | string): boolean {
    try {
      return this.env.isSubtype(sub, sup);
    } catch (error) {
      if (error instanceof CompileError) return false;
      throw error;
    }
  }

  /** Whether `method` is generic and declared to return one of its own type variables (`<T> T requireNonNull(T)`). */
  returnsMethodTypeVariable(method: ResolvedMethod): boolean {
    if (method.method.signature === null || !method.method.signature.startsWith('<')) return false;
    const parsed = this.methodSignature(method.method, method.declaringClass);
    const result = parsed?.returnType;
    return result?.kind === 'variable' && parsed!.typeParameters.some((parameter) => parameter.name === result.name);
  }

  /**
   * The parsed Signature of `method` declared in `declaringClass`, or null (none, or malformed): parsed
   * once per method model, as a call asks for it several times (result, parameters, §15.25).
   */
  methodSignature(method: MethodModel, declaringClass: string): MethodSignature | null {
    if (method.signature === null) return null;
    let parsed = this.methodSignatures.get(method);
    if (parsed === undefined) {
      parsed = parseMethodSignature(method.signature, this.scopeOf(declaringClass));
      this.methodSignatures.set(method, parsed);
    }
    return parsed;
  }

  /** The type arguments of the class `owner` declares, as `receiver` binds them; null if raw or unknown. */
  private receiverBindings(receiver: GenericType, owner: string): Map<string, TypeArgument> | null {
    const supertype = this.asSuper(receiver, owner);
    if (supertype === null) return null;
    return bindingsOf(this.classGenerics(owner).typeParameters, supertype.args);
  }

  /** JLS §18.2 in its simplest form: each method type variable from the arguments that mention it. */
  private infer(
    typeParameters: readonly TypeParameter[],
    formals: readonly GenericType[],
    varargsCall: boolean,
    args: readonly InferenceArgument[],
    classBindings: ReadonlyMap<string, TypeArgument>,
  ): Map<string, GenericType> {
    const variables = new Set(typeParameters.map((parameter) => parameter.name));
    const found: Evidence = new Map();
    args.forEach((arg, i) => {
      if (arg === null) return;
      let formal = formals[Math.min(i, formals.length - 1)];
      if (formal === undefined) return;
      if (varargsCall && i >= formals.length - 1) {
        if (formal.kind !== 'array') return;
        formal = formal.component;
      }
      formal = substitute(formal, classBindings);
      if (arg.kind === 'lambda-result') {
        // JLS §18.2.1: the lambda's result is compatible with its function type's result.
        const functionType = functionTypeOf(this.env, this, formal);
        if (functionType === null || functionType === 'needs-bridges') return;
        if (arg.result !== null) this.collect(functionType.returnType, arg.result, variables, found, 0, false);
        if (arg.parameters != null && arg.parameters.length === functionType.parameterTypes.length) {
          // The declared parameter types are the function type's (JLS §18.2.1: ‹Fi = Pi›).
          arg.parameters.forEach((parameter, j) => {
            if (parameter.kind !== 'primitive') this.collect(functionType.parameterTypes[j]!, parameter, variables, found, 0, true);
          });
        }
        return;
      }
      this.collect(formal, arg, variables, found, 0, false);
    });
    return this.resolve(found);
  }

  /**
   * Each variable's type from the evidence (JLS §18.4 in its simplest form): the type it must equal,
   * else the least upper bound of the types it must contain; none where equal types conflict.
   */
  private resolve(evidence: Evidence): Map<string, GenericType> {
    const resolved = new Map<string, GenericType>();
    for (const [name, bounds] of evidence) {
      if (bounds.exact === 'conflict') continue;
      const type = bounds.exact ?? this.leastUpperBound(bounds.lower);
      if (type !== null) resolved.set(name, type);
    }
    return resolved;
  }

  /**
   * lub (JLS §4.10.4) of reference types, as far as the first type of the intersection tells it (its
   * erasure is the intersection's, §4.6): of the minimal erased candidates, the class other than
   * Object (Number for Integer and Double), else the interface javac puts first — deepest in the
   * hierarchy, then by name (Serializable for Integer and String); its type arguments when all
   * agree, else wildcards.
   */
  leastUpperBound(types: readonly GenericType[]): GenericType | null {
    const unique: GenericType[] = [];
    for (const type of types) if (!unique.some((known) => sameType(known, type))) unique.push(type);
    if (unique.length <= 1) return unique[0] ?? null;
    const classTypes = unique.filter((type): type is ClassGenericType => type.kind === 'class');
    if (classTypes.length !== unique.length) return null;
    const names = classTypes.map((type) => type.name);
    const candidates = [names[0]!, ...this.env.supertypes(names[0]!)].filter((candidate) => names.every((name) => this.isKnownSubtype(name, candidate)));
    const minimal = candidates.filter((candidate) => !candidates.some((other) => other !== candidate && this.isKnownSubtype(other, candidate)));
    const interfaces = minimal.filter((candidate) => this.env.findClass(candidate)?.isInterface === true);
    const ranks = new Map<string, number>();
    interfaces.sort((a, b) => this.rank(b, ranks) - this.rank(a, ranks) || (a.replace(/\//g, '.') < b.replace(/\//g, '.') ? -1 : 1));
    const chosen = minimal.find((candidate) => candidate !== 'java/lang/Object' && this.env.findClass(candidate)?.isInterface === false) ?? interfaces[0] ?? null;
    if (chosen === null) return null;
    const asChosen = classTypes.map((type) => this.asSuper(type, chosen));
    const args = asChosen[0]?.args ?? [];
    const agree = asChosen.every((type) => type !== null && type.args.length === args.length && type.args.every((arg, i) => sameType(arg, args[i]!)));
    const lub: ClassGenericType = agree
      ? { kind: 'class', name: chosen, args }
      : { kind: 'class', name: chosen, args: this.typeParameterNames(chosen).map((): TypeArgument => ({ kind: 'wildcard', bound: null, isSuper: false })) };
    // The intersection's other types (JLS §4.9), in javac's order: their members are the lub's too.
    const others = interfaces.filter((name) => name !== chosen);
    if (others.length > 0) this.intersections.set(lub, others);
    return lub;
  }

  /**
   * The bounds of the type variable `name` as `className` (a class type parameter, JLS §8.1.2) or its method
   * `method` (a method's, §8.4.4) declares it, the method's first; null when neither declares it.
   */
  typeVariableBounds(className: string, name: string, method: { readonly name: string; readonly descriptor: string } | null): readonly GenericType[] | null {
    if (method !== null) {
      const model = this.env.findClass(className)?.methods.find((m) => m.name === method.name && m.descriptor === method.descriptor);
      const signature = model === undefined ? null : this.methodSignature(model, className);
      const declared = signature?.typeParameters.find((parameter) => parameter.name === name);
      if (declared !== undefined) return declared.bounds;
    }
    return this.classGenerics(className).typeParameters.find((parameter) => parameter.name === name)?.bounds ?? null;
  }

  /** The other types of the intersection a least upper bound stands for (see leastUpperBound), or none. */
  otherBounds(type: GenericType | null | undefined): readonly string[] {
    return (type != null && this.intersections.get(type)) || [];
  }

  /**
   * Binds the variables `formal` mentions from `actual`, a type that must be compatible with it.
   * `fromTarget`: `actual` is the type the value goes to, whose `? super X` arguments then say X (a
   * Comparator<T> to a Comparator<? super String> makes T a String), and whose own type variables
   * (an enclosing call's, still uninferred) say nothing.
   */
  private collect(formal: TypeArgument, actual: GenericType, variables: ReadonlySet<string>, found: Evidence, depth: number, exact: boolean, fromTarget = false): void {
    if (depth > MAX_HIERARCHY_DEPTH) return;
    if (formal.kind === 'wildcard') {
      if (formal.bound !== null && !formal.isSuper) this.collect(formal.bound, actual, variables, found, depth + 1, false, fromTarget);
      return;
    }
    if (formal.kind === 'variable' && variables.has(formal.name)) {
      if (fromTarget && actual.kind === 'variable') return;
      const boxed = actual.kind === 'primitive' ? boxedOf(actual) : actual;
      if (boxed === null) return;
      let bounds = found.get(formal.name);
      if (bounds === undefined) {
        bounds = { exact: null, lower: [] };
        found.set(formal.name, bounds);
      }
      // `exact`: a type argument (List<T> from a List<String>), which T must equal; else a type T must
      // contain (both arguments of first(T a, T b)), whose least upper bound T becomes (JLS §18.3).
      if (!exact) bounds.lower.push(boxed);
      else if (bounds.exact === null) bounds.exact = boxed;
      else if (bounds.exact !== 'conflict' && !sameType(bounds.exact, boxed)) bounds.exact = 'conflict';
      return;
    }
    if (formal.kind === 'array') {
      if (actual.kind === 'array') this.collect(formal.component, actual.component, variables, found, depth + 1, exact, fromTarget);
      return;
    }
    if (formal.kind === 'class' && formal.args.length > 0) {
      const supertype = this.asSuper(actual, formal.name);
      if (supertype === null || supertype.args.length !== formal.args.length) return;
      formal.args.forEach((formalArg, i) => {
        const actualArg = supertype.args[i]!;
        const actualType = actualArg.kind === 'wildcard' ? (actualArg.isSuper && !fromTarget ? null : actualArg.bound) : actualArg;
        if (actualType !== null) this.collect(formalArg, actualType, variables, found, depth + 1, true, fromTarget);
      });
    }
  }

  /**
   * The type variables a class sees from around it: an inner (non-static) class its outer classes'
   * (JLS §8.1.3), a local or anonymous class also those of the method it is declared in (§6.3).
   */
  private enclosingScope(model: ClassModel, depth: number): TypeVariableScope {
    const outer = model.enclosingClass;
    const isInner = (model.access & Opcodes.ACC_STATIC) === 0 && !model.isInterface;
    if (outer === null || (!isInner && model.enclosingMethod === null)) return NO_SCOPE;
    const outerScope = this.classGenerics(outer, depth + 1).scope;
    const enclosing = model.enclosingMethod;
    if (enclosing === null) return outerScope;
    const method = this.env.findClass(outer)?.methods.find((m) => m.name === enclosing.name && m.descriptor === enclosing.descriptor);
    const signature = method?.signature == null ? null : parseMethodSignature(method.signature, outerScope);
    return signature === null ? outerScope : extendScope(outerScope, signature.typeParameters);
  }

  private classGenerics(className: string, depth = 0): ClassGenerics {
    const model = this.env.findClass(className);
    if (model === null || depth > MAX_HIERARCHY_DEPTH) return { typeParameters: [], scope: NO_SCOPE, supertypes: [] };
    const cached = this.classes.get(model);
    if (cached !== undefined) return cached;
    const outerScope = this.enclosingScope(model, depth);
    const signature = model.signature === null ? null : parseClassSignature(model.signature, outerScope);
    const plain = (name: string): ClassGenericType => ({ kind: 'class', name, args: [] });
    const typeParameters = signature?.typeParameters ?? [];
    const supertypes =
      signature !== null && signature.superclass !== null
        ? [signature.superclass, ...signature.interfaces]
        : [...(model.superName === null ? [] : [plain(model.superName)]), ...model.interfaces.map(plain)];
    const info = { typeParameters, scope: extendScope(outerScope, typeParameters), supertypes };
    this.classes.set(model, info);
    return info;
  }
}

function mentionsVariableNamed(type: TypeArgument, names: ReadonlySet<string>): boolean {
  switch (type.kind) {
    case 'variable':
      return names.has(type.name);
    case 'wildcard':
      return type.bound !== null && mentionsVariableNamed(type.bound, names);
    case 'class':
      return type.args.some((arg) => mentionsVariableNamed(arg, names));
    case 'array':
      return mentionsVariableNamed(type.component, names);
    case 'primitive':
      return false;
  }
}

function bindingsOf(parameters: readonly TypeParameter[], args: readonly TypeArgument[]): Map<string, TypeArgument> {
  const bindings = new Map<string, TypeArgument>();
  parameters.forEach((parameter, i) => {
    const arg = args[i];
    if (arg !== undefined) bindings.set(parameter.name, arg);
  });
  return bindings;
}

function boxedOf(type: GenericType & { kind: 'primitive' }): GenericType | null {
  const box = type.type.boxed();
  return box === null ? null : genericOf(box);
}
