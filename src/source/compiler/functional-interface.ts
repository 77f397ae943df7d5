// # Functional interfaces and function types (JLS §9.8, §9.9)
//
// A lambda or method reference needs a target type: a functional interface, which has exactly one
// abstract method besides the public methods of Object. Its function type is that method's
// parameter and result types as a member of the target type — `Function<String, Integer>` gives
// `Integer apply(String)` — with wildcards replaced as JLS §9.9's non-wildcard parameterization says.
//
// Decisions:
// - The abstract method is found on class files: an interface's own and inherited abstract methods,
//   less those a more specific interface implements with a default method and those Object has
//   (equals, hashCode, toString). Several abstract methods with one name and different erasures
//   (`interface C extends A<String>, B {}` with `A<T>.m(T)` and `B.m(String)`, where javac wrote no
//   bridge in C) are one function; its method is the most specific erasure, `m(String)`, and the
//   others are bridges the lambda's class must implement too (LambdaMetafactory.altMetafactory's
//   FLAG_BRIDGES, as javac passes them). Where no erasure is the most specific, the interface is
//   reported as needing bridges we cannot choose.

import { Opcodes } from '../../asm/opcodes.js';
import type { MethodModel, TypeEnvironment } from './class-model.js';
import type { GenericMembers } from './generic-members.js';
import { erasure, type GenericType, genericOf, substitute, type TypeArgument } from './generic-type.js';
import { JavaType } from './java-type.js';

/** The single abstract method of a functional interface, and the interface declaring it. */
export interface FunctionalMethod {
  readonly method: MethodModel;
  readonly declaringInterface: string;
  /** The method descriptors of the function's other erasures, which need bridges (empty for most interfaces). */
  readonly bridges: readonly string[];
}

/** A function type (JLS §9.9): the target's abstract method with its types as a member of the target. */
export interface FunctionType {
  /** The functional interface (internal name). */
  readonly interfaceName: string;
  readonly method: MethodModel;
  readonly declaringInterface: string;
  /** See FunctionalMethod.bridges. */
  readonly bridges: readonly string[];
  readonly parameterTypes: readonly GenericType[];
  /** Void is a primitive GenericType of JavaType.VOID. */
  readonly returnType: GenericType;
}

/** Object's public methods, which an interface may redeclare without becoming less functional (JLS §9.8). */
const OBJECT_METHODS = new Set(['equals(Ljava/lang/Object;)Z', 'hashCode()I', 'toString()Ljava/lang/String;']);

/**
 * The abstract method of `interfaceName` if it is a functional interface; null otherwise (a class,
 * no abstract method, or two names or arities); 'needs-bridges' for one name at several erasures
 * none of which is the most specific.
 */
export function functionalMethod(env: TypeEnvironment, interfaceName: string): FunctionalMethod | null | 'needs-bridges' {
  const found = abstractMethods(env, interfaceName);
  if (found === null || found.length === 0) return null;
  const first = found[0]!.method;
  if (found.some((f) => f.method.name !== first.name || JavaType.methodTypes(f.method.descriptor).argumentTypes.length !== JavaType.methodTypes(first.descriptor).argumentTypes.length)) return null;
  if (found.length === 1) return { ...found[0]!, bridges: [] };
  // One method at several erasures: the most specific one, the others bridged.
  const types = found.map((f) => JavaType.methodTypes(f.method.descriptor));
  const isMoreSpecific = (i: number, j: number): boolean =>
    types[i]!.argumentTypes.every((type, k) => isErasedSubtype(env, type, types[j]!.argumentTypes[k]!)) && isErasedSubtype(env, types[i]!.returnType, types[j]!.returnType);
  const chosen = found.findIndex((_, i) => found.every((__, j) => isMoreSpecific(i, j)));
  if (chosen < 0) return 'needs-bridges';
  return { ...found[chosen]!, bridges: found.filter((_, i) => i !== chosen).map((f) => f.method.descriptor) };
}

/** Whether erased type `sub` is `sup` or a reference subtype of it (void and primitives only match themselves). */
function isErasedSubtype(env: TypeEnvironment, sub: JavaType, sup: JavaType): boolean {
  return sub === sup || (sub.isReference() && sup.isReference() && env.isSubtype(sub, sup));
}

/** Whether `interfaceName` is an interface with no abstract method (besides Object's): a marker such as Serializable or Cloneable. */
export function isMarkerInterface(env: TypeEnvironment, interfaceName: string): boolean {
  return abstractMethods(env, interfaceName)?.length === 0;
}

/**
 * The abstract methods of interface `interfaceName` as a lambda must implement them (one per name
 * and descriptor, Object's left out), or null when it is no interface (or not found).
 */
function abstractMethods(env: TypeEnvironment, interfaceName: string): { method: MethodModel; declaringInterface: string }[] | null {
  const model = env.findClass(interfaceName);
  if (model === null || !model.isInterface) return null;
  const found: { method: MethodModel; declaringInterface: string }[] = [];
  const implemented = new Set<string>();
  // Most specific first: a default method below hides an abstract one above (JLS §9.4.1.3).
  for (const type of [interfaceName, ...env.supertypes(interfaceName)]) {
    const typeModel = env.findClass(type);
    if (typeModel === null || !typeModel.isInterface) continue;
    for (const method of typeModel.methods) {
      if (method.isStatic || (method.access & Opcodes.ACC_PRIVATE) !== 0 || method.name === '<clinit>') continue;
      const key = method.name + method.descriptor;
      if (!method.isAbstract) {
        implemented.add(key);
        continue;
      }
      if (OBJECT_METHODS.has(key) || implemented.has(key)) continue;
      if (!found.some((f) => f.method.name + f.method.descriptor === key)) found.push({ method, declaringInterface: type });
    }
  }
  return found;
}

/** The function type of `target` (JLS §9.9); null when it is no functional interface; 'needs-bridges' (see functionalMethod). */
export function functionTypeOf(env: TypeEnvironment, members: GenericMembers, target: GenericType): FunctionType | null | 'needs-bridges' {
  if (target.kind !== 'class') return null;
  const functional = functionalMethod(env, target.name);
  if (functional === null || functional === 'needs-bridges') return functional;
  const { method, declaringInterface, bridges } = functional;
  const erased = JavaType.methodTypes(method.descriptor);
  const plain = (): FunctionType => ({
    interfaceName: target.name,
    method,
    declaringInterface,
    bridges,
    parameterTypes: erased.argumentTypes.map(genericOf),
    returnType: genericOf(erased.returnType),
  });
  // A raw use of a generic interface has the erased function type; a non-generic one (`interface
  // SerFn extends Function<String, String>, Serializable {}`) takes its supertype's arguments.
  const isRaw = target.args.length === 0 && members.typeParameterNames(target.name).length > 0;
  if (isRaw || method.signature === null || (target.args.length === 0 && declaringInterface === target.name)) return plain();
  // JLS §9.9: `? extends B` and `? super B` become B, `?` the parameter's bound (its erasure here).
  const parameterized: GenericType = { kind: 'class', name: target.name, args: target.args.map((arg) => nonWildcard(arg)) };
  const asDeclaring = members.asSuper(parameterized, declaringInterface);
  const signature = members.methodSignature(method, declaringInterface);
  // A raw supertype (`interface Fn extends Function`) leaves the erased function type.
  if (asDeclaring === null || asDeclaring.args.length === 0 || signature === null || signature.parameters.length !== erased.argumentTypes.length || signature.typeParameters.length > 0) {
    return plain();
  }
  const bindings = new Map<string, TypeArgument>();
  members.typeParameterNames(declaringInterface).forEach((name, i) => {
    const arg = asDeclaring.args[i];
    if (arg !== undefined) bindings.set(name, arg);
  });
  const agreeing = (type: GenericType, declared: JavaType): GenericType => {
    // The instantiated type must specialize the erased one (LambdaMetafactory checks it at link time).
    const e = erasure(type);
    return e === declared || (declared.isReference() && e.isReference() && members.isKnownSubtype(e, declared)) ? type : genericOf(declared);
  };
  const parameterTypes = signature.parameters.map((p, i) => agreeing(substitute(p, bindings), erased.argumentTypes[i]!));
  const returnType = agreeing(substitute(signature.returnType, bindings), erased.returnType);
  return { interfaceName: target.name, method, declaringInterface, bridges, parameterTypes, returnType };
}

function nonWildcard(arg: TypeArgument): GenericType {
  if (arg.kind !== 'wildcard') return arg;
  return arg.bound ?? genericOf(JavaType.OBJECT);
}
