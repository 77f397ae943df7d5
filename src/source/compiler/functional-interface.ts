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
//   (a subinterface narrowing a generic method, `interface Op extends Function<String, String> {
//   String apply(String s); }`) would need bridge methods in the lambda's class
//   (LambdaMetafactory.altMetafactory): not supported, the interface is reported as such.

import { Opcodes } from '../../asm/opcodes.js';
import type { MethodModel, TypeEnvironment } from './class-model.js';
import type { GenericMembers } from './generic-members.js';
import { erasure, type GenericType, genericOf, substitute, type TypeArgument } from './generic-type.js';
import { JavaType } from './java-type.js';

/** The single abstract method of a functional interface, and the interface declaring it. */
export interface FunctionalMethod {
  readonly method: MethodModel;
  readonly declaringInterface: string;
}

/** A function type (JLS §9.9): the target's abstract method with its types as a member of the target. */
export interface FunctionType {
  /** The functional interface (internal name). */
  readonly interfaceName: string;
  readonly method: MethodModel;
  readonly declaringInterface: string;
  readonly parameterTypes: readonly GenericType[];
  /** Void is a primitive GenericType of JavaType.VOID. */
  readonly returnType: GenericType;
}

/** Object's public methods, which an interface may redeclare without becoming less functional (JLS §9.8). */
const OBJECT_METHODS = new Set(['equals(Ljava/lang/Object;)Z', 'hashCode()I', 'toString()Ljava/lang/String;']);

/**
 * The abstract method of `interfaceName` if it is a functional interface; null otherwise (a class,
 * no abstract method, or two names); 'needs-bridges' for one name at several erasures.
 */
export function functionalMethod(env: TypeEnvironment, interfaceName: string): FunctionalMethod | null | 'needs-bridges' {
  const model = env.findClass(interfaceName);
  if (model === null || !model.isInterface) return null;
  const found: FunctionalMethod[] = [];
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
  if (found.length === 0) return null;
  if (found.some((f) => f.method.name !== found[0]!.method.name)) return null;
  // One method at several erasures: the lambda's class would need bridge methods for the others.
  if (found.length > 1) return 'needs-bridges';
  return found[0]!;
}

/** The function type of `target` (JLS §9.9); null when it is no functional interface; 'needs-bridges' (see functionalMethod). */
export function functionTypeOf(env: TypeEnvironment, members: GenericMembers, target: GenericType): FunctionType | null | 'needs-bridges' {
  if (target.kind !== 'class') return null;
  const functional = functionalMethod(env, target.name);
  if (functional === null || functional === 'needs-bridges') return functional;
  const { method, declaringInterface } = functional;
  const erased = JavaType.methodTypes(method.descriptor);
  const plain = (): FunctionType => ({
    interfaceName: target.name,
    method,
    declaringInterface,
    parameterTypes: erased.argumentTypes.map(genericOf),
    returnType: genericOf(erased.returnType),
  });
  if (target.args.length === 0 || method.signature === null) return plain();
  // JLS §9.9: `? extends B` and `? super B` become B, `?` the parameter's bound (its erasure here).
  const parameterized: GenericType = { kind: 'class', name: target.name, args: target.args.map((arg) => nonWildcard(arg)) };
  const asDeclaring = members.asSuper(parameterized, declaringInterface);
  const signature = members.methodSignature(method, declaringInterface);
  if (asDeclaring === null || signature === null || signature.parameters.length !== erased.argumentTypes.length || signature.typeParameters.length > 0) {
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
  return { interfaceName: target.name, method, declaringInterface, parameterTypes, returnType };
}

function nonWildcard(arg: TypeArgument): GenericType {
  if (arg.kind !== 'wildcard') return arg;
  return arg.bound ?? genericOf(JavaType.OBJECT);
}
