// # Member resolution: which field, method or constructor a name and its arguments denote
//
// Fields by JLS §8.3 and §15.11 (the nearest declaration, with javac's ambiguity check between
// superinterfaces), methods by JLS §15.12.2 (potentially applicable methods of the class and its
// supertypes; phase 1 strict invocation, phase 2 loose invocation with boxing, phase 3 variable
// arity; the most specific method of §15.12.2.5) and constructors the same way among the class's
// own constructors (§15.9.3). Everything works on erasures, as class files carry them: a generic
// method is resolved as its erasure, which for the argument types a snippet can have (no type
// arguments are inferred) picks what javac picks.
//
// Decisions:
// - The result names both the declaring class and the class javac would write in the instruction
//   (JLS §13.1, javac's Gen.binaryQualifier: the qualifying type, except for methods declared in
//   Object, and the array type itself for an array's clone()); the code generator chooses.
// - Overridden declarations are folded before the phases: for one parameter list, a class's method
//   beats an interface's (JLS §8.4.8), the nearest class wins along the superclass chain, and among
//   interfaces the one in the most specific interface wins (a default over an abstract one when the
//   interfaces are unrelated). So the "most specific" step only ever compares distinct parameter
//   lists, and a remaining tie is a real ambiguity. Bridge methods are never candidates.
// - "More specific" is plain subtyping in every phase (§15.12.2.5 "S <: T", with §4.10.1 among
//   primitives; javac's MostSpecificCheck is a strict check too): a primitive parameter is never more
//   specific than a reference one, so m(int...) and m(Object...) are ambiguous for m(1), as javac says.
// - Inaccessible members (JLS §6.6: private outside the top-level class, package-private outside
//   the package, protected outside the package and the subclasses) are not candidates; when only
//   they would apply, the error says so, as javac's "has private access" does.

import { Opcodes } from '../../asm/opcodes.js';
import { className, packageOf, type ClassModel, type FieldModel, type MethodModel, type TypeEnvironment } from './class-model.js';
import { CompileError } from './compile-error.js';
import { JavaType, typeList } from './java-type.js';

const OBJECT = 'java/lang/Object';

/** Where the code referring to a member is: access is checked from this class (JLS §6.6). */
export interface AccessContext {
  /** Internal name of the class whose code is being compiled. */
  readonly currentClass: string;
  /**
   * For an instance member reached through an expression (`o.clone()`, `p.field`; not `this`, `super`
   * or a simple name), the internal name of that expression's static type: a protected member of a
   * class in another package is then accessible only if it is the accessing class or a subclass of it
   * (JLS §6.6.2.1), which HotSpot's verifier also checks.
   */
  readonly qualifier?: string;
  /** Why the code has currentClass's access when that is not the class it is written in (a lambda body moved to a companion class): the access errors say it. */
  readonly why?: string;
}

/**
 * A lambda or method reference as an argument (JLS §15.12.2.1): it has no type of its own; the
 * compiler says which parameter types it is compatible with (a functional interface of the right
 * arity and shape) and, between two such interfaces, which it prefers (JLS §15.12.2.5).
 */
export interface FunctionalArgument {
  readonly kind: 'functional';
  /** How it is spelled in messages: `lambda`, `method reference`. */
  readonly description: string;
  isCompatible(parameter: JavaType): boolean;
  /** Whether interface `s` is more specific than `t` for this argument. */
  prefers(s: JavaType, t: JavaType): boolean;
}

/** The type of an argument for overload resolution: a static type, or a lambda or method reference. */
export type ArgumentType = JavaType | FunctionalArgument;

function isFunctional(arg: ArgumentType): arg is FunctionalArgument {
  return !(arg instanceof JavaType);
}

/** Whether an argument converts to a parameter: by `convert` for a typed argument, by its own check for a lambda. */
function converts(arg: ArgumentType, parameter: JavaType, convert: (from: JavaType, to: JavaType) => boolean): boolean {
  return isFunctional(arg) ? arg.isCompatible(parameter) : convert(arg, parameter);
}

/** A resolved field. */
export interface ResolvedField {
  /** The class or interface declaring the field. */
  readonly owner: string;
  readonly field: FieldModel;
  readonly isStatic: boolean;
  /** Whether the declaring type is an interface (its fields are implicitly static final, JLS §9.3). */
  readonly ownerIsInterface: boolean;
}

/** A resolved method or constructor. */
export interface ResolvedMethod {
  /** The class or interface that declares the chosen method. */
  readonly declaringClass: string;
  /**
   * The class javac names in the invoke instruction (JLS §13.1): the type the method was looked
   * up in (the qualifying type), except for methods declared in Object (Object), and for an
   * array's clone() the array descriptor (`[I`).
   */
  readonly binaryOwner: string;
  readonly name: string;
  readonly descriptor: string;
  readonly access: number;
  readonly method: MethodModel;
  readonly isStatic: boolean;
  /** Whether binaryOwner is an interface: invokeinterface, and the isInterface flag of invokestatic/invokespecial. */
  readonly isInterface: boolean;
  /** Whether the declaring class is an interface. */
  readonly declaringIsInterface: boolean;
  /** The formal parameter types (of the descriptor). */
  readonly parameterTypes: readonly JavaType[];
  /**
   * The type of the invocation expression, erased: the descriptor's return type, except an
   * array's clone(), whose type is the array type (JLS §10.7; the code generator casts).
   */
  readonly returnType: JavaType;
  /** The phase of §15.12.2 that found it: 1 strict, 2 loose (boxing), 3 variable arity. */
  readonly phase: 1 | 2 | 3;
  /** Whether the trailing arguments must be packed into a new array (phase 3). */
  readonly varargsCall: boolean;
  /** The component type of the variable arity parameter when varargsCall, else null. */
  readonly varargsElementType: JavaType | null;
}

// ## Access (JLS §6.6)

/** Whether a member with `access` declared in `declaring` is accessible from `context.currentClass`. */
export function isAccessible(env: TypeEnvironment, declaring: string, access: number, context: AccessContext): boolean {
  if ((access & Opcodes.ACC_PUBLIC) !== 0) return true;
  const current = context.currentClass;
  if ((access & Opcodes.ACC_PRIVATE) !== 0) {
    // §6.6.1: within the body of the top level class that encloses the declaration.
    return current === declaring || env.topLevelClass(current) === env.topLevelClass(declaring);
  }
  if (packageOf(current) === packageOf(declaring)) return true;
  if ((access & Opcodes.ACC_PROTECTED) === 0) return false;
  // §6.6.2: in the body of a subclass (a class nested in it included), and for an instance member
  // reached through an expression, only when that expression's type is that subclass or below (§6.6.2.1).
  const isStatic = (access & Opcodes.ACC_STATIC) !== 0;
  for (let name: string | null = current, depth = 0; name !== null && depth < 64; depth++) {
    if (env.findClass(name) !== null && env.isSubclass(name, declaring)) {
      if (isStatic || context.qualifier === undefined || context.qualifier === name || env.isSubclass(context.qualifier, name)) return true;
    }
    name = env.findClass(name)?.enclosingClass ?? null;
  }
  return false;
}

/** `x has private access in C` (javac's words), with the context's reason when it has one. */
function accessRefusal(subject: string, access: number, declaring: string, context: AccessContext | undefined): string {
  const refusal = `${subject} ${accessWord(access)} ${className(declaring)}`;
  return context?.why === undefined ? refusal : `${refusal}: ${context.why}`;
}

function accessWord(access: number): string {
  if ((access & Opcodes.ACC_PRIVATE) !== 0) return 'has private access in';
  if ((access & Opcodes.ACC_PROTECTED) !== 0) return 'has protected access in';
  return 'is not public in';
}

// ## Fields (JLS §8.3, §15.11)

/**
 * The field `name` that is a member of `owner`: declared there, else inherited from its superclass
 * or superinterfaces (JLS §8.3: a declaration hides those of supertypes). As javac (Resolve.findField),
 * two declarations reached through different supertypes (an interface's and the superclass's,
 * or two interfaces') are ambiguous (JLS §8.3.3), and the nearest declaration stops the search
 * even when it cannot be accessed (a private field of a superclass, which is not inherited, hides
 * the superclass's superclass's field all the same): that is an error ("x has private access in
 * B"), unless another supertype has an accessible one. Null when there is none; an array type has
 * none (its `length` is not a field). Without a context, only inheritance is checked.
 */
export function findField(env: TypeEnvironment, owner: string, name: string, context?: AccessContext): ResolvedField | null {
  if (owner.startsWith('[')) return null;
  const found = findFieldIn(env, owner, name, context, owner);
  if (found === null || found.accessible) return found?.field ?? null;
  const { owner: declaring, field } = found.field;
  throw new CompileError(accessRefusal(name, field.access, declaring, context));
}

interface FieldLookup {
  readonly field: ResolvedField;
  readonly accessible: boolean;
}

function findFieldIn(env: TypeEnvironment, type: string, name: string, context: AccessContext | undefined, site: string): FieldLookup | null {
  const model = env.requireClass(type);
  const field = model.fields.find((f) => f.name === name);
  if (field !== undefined) {
    // Private fields are not inherited (§8.3), whoever asks; other access is the context's.
    const inherited = type === site || (field.access & Opcodes.ACC_PRIVATE) === 0;
    const accessible = inherited && (context === undefined || isAccessible(env, type, field.access, context));
    return { field: { owner: type, field, isStatic: field.isStatic, ownerIsInterface: model.isInterface }, accessible };
  }
  let found: FieldLookup | null = null;
  const supertypes = model.superName === null ? [...model.interfaces] : [model.superName, ...model.interfaces];
  for (const supertype of supertypes) {
    const candidate = findFieldIn(env, supertype, name, context, site);
    if (candidate === null) continue;
    if (found === null || (!found.accessible && candidate.accessible)) {
      found = candidate;
    } else if (candidate.accessible && found.field.owner !== candidate.field.owner) {
      throw new CompileError(
        `reference to ${name} is ambiguous: both variable ${name} in ${className(found.field.owner)} and variable ${name} in ${className(candidate.field.owner)} match`,
      );
    }
  }
  return found;
}

// ## Methods (JLS §15.12.2)

interface Candidate {
  readonly declaringClass: string;
  readonly declaringIsInterface: boolean;
  readonly method: MethodModel;
}

/** Each class model's methods by name (models are immutable: an edited class gets a new one). */
const methodIndexes = new WeakMap<ClassModel, Map<string, MethodModel[]>>();
const NO_METHODS: readonly MethodModel[] = [];

/** The methods `model` declares named `name`, in declaration order. */
function methodsNamed(model: ClassModel, name: string): readonly MethodModel[] {
  let index = methodIndexes.get(model);
  if (index === undefined) {
    index = new Map();
    for (const method of model.methods) {
      const sameName = index.get(method.name);
      if (sameName === undefined) index.set(method.name, [method]);
      else sameName.push(method);
    }
    methodIndexes.set(model, index);
  }
  return index.get(name) ?? NO_METHODS;
}

/** The parameter part of a descriptor, `(ILjava/lang/String;)`: what overriding compares on erasures (§8.4.2). */
function parameterKey(descriptor: string): string {
  return descriptor.slice(0, descriptor.indexOf(')') + 1);
}

/** Whether `candidate` overrides or is preferred to `existing`, both with the same parameters (see the decisions above). */
function replaces(env: TypeEnvironment, existing: Candidate, candidate: Candidate): boolean {
  // Classes are visited nearest first, before interfaces: a class's method always stays.
  if (!existing.declaringIsInterface) return false;
  if (!candidate.declaringIsInterface) return false; // Object's, after the interfaces of an interface
  if (env.isSubclass(candidate.declaringClass, existing.declaringClass)) return true;
  if (env.isSubclass(existing.declaringClass, candidate.declaringClass)) return false;
  return existing.method.isAbstract && !candidate.method.isAbstract;
}

/**
 * The accessible member methods named `name` of `owner` (declared or inherited, overridden ones
 * folded): what decides whether a method reference `Owner::name` is exact (JLS §15.13.1: one of them).
 */
export function accessibleMemberMethods(env: TypeEnvironment, owner: string, name: string, context: AccessContext): readonly { readonly method: MethodModel }[] {
  return memberMethods(env, owner, name, context, []);
}

/**
 * JLS §15.12.2.1: the member methods named `name` of `owner` (declared or inherited), overridden
 * ones folded; inaccessible ones go to `inaccessible`.
 */
function memberMethods(env: TypeEnvironment, owner: string, name: string, context: AccessContext, inaccessible: Candidate[]): Candidate[] {
  const ownerModel = env.requireClass(owner);
  const byParameters = new Map<string, Candidate>();
  for (const type of [owner, ...env.supertypes(owner)]) {
    const model = env.requireClass(type);
    for (const method of methodsNamed(model, name)) {
      if (method.isBridge) continue;
      if (type !== owner) {
        // §8.4.8: private methods are not inherited, nor static methods of superinterfaces.
        if ((method.access & Opcodes.ACC_PRIVATE) !== 0) continue;
        if (model.isInterface && method.isStatic) continue;
        // §9.2: an interface has Object's public methods as members, not its protected ones.
        if (ownerModel.isInterface && type === OBJECT && (method.access & Opcodes.ACC_PUBLIC) === 0) continue;
      }
      const candidate: Candidate = { declaringClass: type, declaringIsInterface: model.isInterface, method };
      if (!isAccessible(env, type, method.access, context)) {
        inaccessible.push(candidate);
        continue;
      }
      const key = parameterKey(method.descriptor);
      const existing = byParameters.get(key);
      if (existing === undefined || replaces(env, existing, candidate)) byParameters.set(key, candidate);
    }
  }
  return [...byParameters.values()];
}

/** The variable arity parameter's component type (JLS §8.4.1). */
function varargsComponent(method: MethodModel): JavaType {
  return method.argumentTypes[method.argumentTypes.length - 1]!.componentType!;
}

/**
 * Whether `method` is applicable to arguments of `argTypes` in `phase` (JLS §15.12.2.2-4): by
 * strict invocation, by loose invocation, or by variable arity invocation (where each trailing
 * argument converts to the component type).
 */
function isApplicable(env: TypeEnvironment, method: MethodModel, argTypes: readonly ArgumentType[], phase: 1 | 2 | 3): boolean {
  const parameters = method.argumentTypes;
  const assignable = (from: JavaType, to: JavaType) => env.isAssignable(from, to);
  if (phase === 3) {
    if (!method.isVarargs || argTypes.length < parameters.length - 1) return false;
    const fixed = parameters.length - 1;
    const component = varargsComponent(method);
    return argTypes.every((arg, i) => converts(arg, i < fixed ? parameters[i]! : component, assignable));
  }
  if (parameters.length !== argTypes.length) return false;
  const strict = (from: JavaType, to: JavaType) => env.isStrictlyConvertible(from, to);
  return argTypes.every((arg, i) => converts(arg, parameters[i]!, phase === 1 ? strict : assignable));
}

/**
 * Whether type S is more specific than T for any expression (JLS §15.12.2.5): S <: T, with
 * §4.10.1's subtyping among primitives (int <: long); a primitive and a reference type are unrelated.
 */
function isMoreSpecificType(env: TypeEnvironment, s: JavaType, t: JavaType): boolean {
  return s.isPrimitive() === t.isPrimitive() && env.isSubtype(s, t);
}

/** The parameter types of a variable arity method stretched to `length` (JLS §15.12.2.4's "first k variable arity parameter types"). */
function expandedParameters(method: MethodModel, length: number): JavaType[] {
  const fixed = method.argumentTypes.slice(0, -1);
  const component = varargsComponent(method);
  while (fixed.length < length) fixed.push(component);
  return fixed;
}

/**
 * JLS §15.12.2.5: whether m1 is more specific than m2 for `arity` arguments, as javac decides it
 * (Resolve.signatureMoreSpecific): m2 must be applicable to m1's parameter types, taken as
 * arguments, stretched in the variable arity phase to the longest of both lists and the arguments.
 */
function isMoreSpecific(env: TypeEnvironment, m1: MethodModel, m2: MethodModel, argTypes: readonly ArgumentType[], phase: 1 | 2 | 3): boolean {
  // For a lambda argument, an unrelated functional interface may still be more specific (§15.12.2.5).
  const specific = (s: JavaType, t: JavaType, i: number) => {
    const arg = argTypes[i];
    return isMoreSpecificType(env, s, t) || (arg !== undefined && isFunctional(arg) && arg.prefers(s, t));
  };
  if (phase !== 3) {
    if (m1.argumentTypes.length !== m2.argumentTypes.length) return false;
    return m1.argumentTypes.every((s, i) => specific(s, m2.argumentTypes[i]!, i));
  }
  const length = Math.max(m1.argumentTypes.length, m2.argumentTypes.length, argTypes.length);
  const s = expandedParameters(m1, length);
  const t = expandedParameters(m2, length);
  return s.every((type, i) => specific(type, t[i]!, i));
}

/** How a method is spelled in messages: `foo(int, java.lang.String)`. */
function signatureText(name: string, types: readonly ArgumentType[]): string {
  return types.some(isFunctional) ? `${name}(${types.map((t) => (isFunctional(t) ? t.description : t.toString())).join(', ')})` : `${name}(${typeList(types as JavaType[])})`;
}

/** The simple name of a class for constructor messages: `Entry` for `java/util/Map$Entry`. */
function simpleName(internalName: string): string {
  const base = internalName.slice(internalName.lastIndexOf('/') + 1);
  return base.slice(base.lastIndexOf('$') + 1);
}

/**
 * The phases of §15.12.2 over `candidates`, then the most specific (§15.12.2.5); null when no
 * candidate applies. Throws on an ambiguity.
 */
function choose(
  env: TypeEnvironment,
  candidates: readonly Candidate[],
  argTypes: readonly ArgumentType[],
  displayName: string,
): { candidate: Candidate; phase: 1 | 2 | 3 } | null {
  for (const phase of [1, 2, 3] as const) {
    const applicable = candidates.filter((c) => isApplicable(env, c.method, argTypes, phase));
    if (applicable.length === 0) continue;
    const maximal = applicable.filter(
      (m) =>
        !applicable.some(
          (other) =>
            other !== m &&
            isMoreSpecific(env, other.method, m.method, argTypes, phase) &&
            !isMoreSpecific(env, m.method, other.method, argTypes, phase),
        ),
    );
    if (maximal.length === 1) return { candidate: maximal[0]!, phase };
    const [a, b] = maximal.length >= 2 ? maximal : applicable;
    throw new CompileError(
      `reference to ${displayName} is ambiguous: both ${signatureText(displayName, a!.method.argumentTypes)} and ${signatureText(displayName, b!.method.argumentTypes)} match`,
    );
  }
  return null;
}

function resolved(env: TypeEnvironment, site: string, chosen: Candidate, phase: 1 | 2 | 3): ResolvedMethod {
  const { method, declaringClass } = chosen;
  let binaryOwner = site;
  let returnType = method.returnType;
  if (site.startsWith('[')) {
    // JLS §10.7: an array's clone() is public and returns the array type; javac names the array class.
    if (method.name === 'clone' && method.argumentTypes.length === 0) returnType = JavaType.fromDescriptor(site);
    else binaryOwner = OBJECT;
  } else if (declaringClass === OBJECT) {
    binaryOwner = OBJECT; // JLS §13.1: methods of Object keep Object as their qualifying type
  }
  const varargsCall = phase === 3;
  return {
    declaringClass,
    binaryOwner,
    name: method.name,
    descriptor: method.descriptor,
    access: method.access,
    method,
    isStatic: method.isStatic,
    isInterface: binaryOwner.startsWith('[') ? false : env.isInterface(binaryOwner),
    declaringIsInterface: chosen.declaringIsInterface,
    parameterTypes: method.argumentTypes,
    returnType,
    phase,
    varargsCall,
    varargsElementType: varargsCall ? varargsComponent(method) : null,
  };
}

/** The error when nothing applies: an inaccessible applicable member if there is one, else "cannot find". */
function notFound(
  env: TypeEnvironment,
  owner: string,
  displayName: string,
  what: string,
  candidates: readonly Candidate[],
  inaccessible: readonly Candidate[],
  argTypes: readonly ArgumentType[],
  context: AccessContext,
): CompileError {
  const hidden = choose(env, inaccessible, argTypes, displayName);
  if (hidden !== null) {
    const { method, declaringClass } = hidden.candidate;
    return new CompileError(accessRefusal(signatureText(displayName, method.argumentTypes), method.access, declaringClass, context));
  }
  const others = candidates.map((c) => signatureText(displayName, c.method.argumentTypes));
  const hint = others.length === 0 ? '' : ` (candidates: ${others.join('; ')})`;
  return new CompileError(`cannot find ${what} ${signatureText(displayName, argTypes)} in ${className(owner)}${hint}`);
}

/**
 * JLS §15.12.2: the method `name` of type `owner` (a class or interface internal name, or an array
 * descriptor) for arguments of static types `argTypes` (JavaType.NULL for `null`), from code in
 * `context.currentClass`. Whether a static method is called from an instance context or the
 * reverse is for the caller to check (isStatic). Throws a CompileError when no method applies
 * or when two are equally specific.
 */
export function findMethod(
  env: TypeEnvironment,
  owner: string,
  name: string,
  argTypes: readonly ArgumentType[],
  context: AccessContext,
): ResolvedMethod {
  const inaccessible: Candidate[] = [];
  const lookupType = owner.startsWith('[') ? OBJECT : owner;
  let candidates = memberMethods(env, lookupType, name, context, inaccessible);
  if (owner.startsWith('[')) {
    // §10.7: the members of an array are Object's (with clone() public) — no protected-access question.
    candidates = [...candidates, ...inaccessible.filter((c) => c.declaringClass === OBJECT && c.method.name === 'clone')];
    inaccessible.length = 0;
  }
  const chosen = choose(env, candidates, argTypes, name);
  if (chosen === null) throw notFound(env, owner, name, 'method', candidates, inaccessible, argTypes, context);
  return resolved(env, owner, chosen.candidate, chosen.phase);
}

/**
 * JLS §15.9.3: the constructor of class `owner` for arguments of static types `argTypes`, by the
 * same phases and most-specific rule as methods, among the class's own constructors.
 */
export function findConstructor(
  env: TypeEnvironment,
  owner: string,
  argTypes: readonly ArgumentType[],
  context: AccessContext,
): ResolvedMethod {
  const model = env.requireClass(owner);
  const candidates: Candidate[] = [];
  const inaccessible: Candidate[] = [];
  for (const method of model.methods) {
    if (method.name !== '<init>') continue;
    const candidate = { declaringClass: owner, declaringIsInterface: model.isInterface, method };
    (isAccessible(env, owner, method.access, context) ? candidates : inaccessible).push(candidate);
  }
  const displayName = simpleName(owner);
  const chosen = choose(env, candidates, argTypes, displayName);
  if (chosen === null) throw notFound(env, owner, displayName, 'constructor', candidates, inaccessible, argTypes, context);
  return resolved(env, owner, chosen.candidate, chosen.phase);
}
