// # Declared type parameters (JLS §8.1.2, §8.4.4): `<T extends Comparable<T>, U>` of a generic method or class
//
// What the code of the declaration sees — the scope, each variable erased to its leftmost bound (JLS §4.6) —
// and what its Signature attribute declares (JVMS §4.7.9.1). Shared by the members CtNewMethod.make declares
// (source-compiler.ts) and the generic local classes and methods of class bodies a snippet declares
// (CodeGenerator.localClass, declareClassBodyMembers).

import type * as Ast from './ast.js';
import { CompileError } from './compile-error.js';
import { extendScope, type GenericType, signatureOf, type TypeVariableScope } from './generic-type.js';

export interface DeclaredTypeParameters {
  /** The outer scope with the declared variables. */
  readonly scope: TypeVariableScope;
  /** `<T:Ljava/lang/Object;U::Ljava/lang/Comparable<TU;>;>`: the Signature's TypeParameters. */
  readonly signature: string;
}

/**
 * Declares `parameters` over `outer`. `resolverFor(scope)` resolves a bound with the scope given (a
 * bound may name the list's own variables, `<T extends Comparable<T>>`, `<K, V extends K>`: resolved
 * twice, the second time with the erasures the first found); `isInterface` tells whether a bound's class
 * is an interface (its class bound slot is then empty, JVMS §4.7.9.1).
 */
export function declareTypeParameters(
  parameters: readonly Ast.TypeParameterNode[],
  outer: TypeVariableScope,
  resolverFor: (scope: TypeVariableScope) => (bound: Ast.ClassTypeNode) => GenericType,
  isInterface: (internalName: string) => boolean,
): DeclaredTypeParameters {
  if (parameters.length === 0) return { scope: outer, signature: '' };
  const seen = new Set<string>();
  for (const parameter of parameters) {
    if (seen.has(parameter.name)) throw new CompileError(`type variable ${parameter.name} is already defined`, parameter.position);
    seen.add(parameter.name);
  }
  let scope = extendScope(outer, parameters.map((parameter) => ({ name: parameter.name, bounds: [] })));
  let bounds: GenericType[][] = [];
  for (let pass = 0; pass < 2; pass++) {
    const resolve = resolverFor(scope);
    bounds = parameters.map((parameter) => parameter.bounds.map(resolve));
    scope = extendScope(outer, parameters.map((parameter, i) => ({ name: parameter.name, bounds: bounds[i]! })));
  }
  const signature = parameters
    .map((parameter, i) => {
      const list = bounds[i]!;
      if (list.length === 0) return `${parameter.name}:Ljava/lang/Object;`;
      const first = list[0]!;
      const emptyClassBound = first.kind === 'class' && isInterface(first.name);
      return `${parameter.name}:${emptyClassBound ? ':' : ''}${list.map(signatureOf).join(':')}`;
    })
    .join('');
  return { scope, signature: `<${signature}>` };
}
