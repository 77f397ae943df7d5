// # CtNewMethod.wrapped: a method that boxes its arguments and calls a generic body
//
// Javassist's CtNewWrappedMethod (used by proxy generators): the body `Object body(Object[] args)`
// (or `Object body(Object[] args, <constant>)` with a ConstParameter) is copied into the declaring
// class once, as a private synthetic `_added_m$N` (its class renamed to the declaring class), and the
// new method `returnType name(parameters)` calls it with its arguments in an Object[] (primitives
// boxed), then casts the result to its return type (unboxing a primitive), or drops it for void.
// The new method takes the body's modifiers. Compiled here as the snippet `return ($r) _added_m$N($args, c);`.

import { Opcodes } from '../asm/opcodes.js';
import { CannotCompileException } from './cannot-compile-exception.js';
import type { ConstParameter } from './const-parameter.js';
import type { CtClass } from './ct-class.js';
import { CtConstructor } from './ct-constructor.js';
import { CtMethod } from './ct-method.js';
import { copyBehaviorNode } from './behavior-copy.js';

/** Per declaring class: Javassist's getUniqueNumber seed and its hidden methods (body → copy's name). */
const hiddenMethods = new WeakMap<CtClass, { next: number; bodies: Map<CtMethod, string> }>();

export function wrappedMethod(
  returnType: CtClass,
  name: string,
  parameters: readonly CtClass[] | null,
  exceptions: readonly CtClass[] | null,
  body: CtMethod,
  constParam: ConstParameter | null,
  declaring: CtClass,
): CtMethod {
  checkBodySignature(body, constParam, '([Ljava/lang/Object;', ')Ljava/lang/Object;');
  const method = new CtMethod(returnType, name, parameters ?? [], declaring);
  method.setModifiers(body.getModifiers());
  if (exceptions !== null) method.setExceptionTypes(exceptions);
  method.setBody(wrappedBody(returnType, declaring, body, constParam));
  return method;
}

/**
 * The body that calls `body` (copied into `declaring` as a hidden method the first time) with the
 * arguments boxed in `$args` and the constant, and returns its result cast to `returnType`.
 */
function wrappedBody(returnType: CtClass, declaring: CtClass, body: CtMethod, constParam: ConstParameter | null): string {
  const call = `${addBodyMethod(declaring, body)}($args${constParam === null ? '' : `, ${constParam.source}`})`;
  return returnType.getName() === 'void' ? `{ ${call}; }` : `{ return ($r) ${call}; }`;
}

/**
 * CtMethod.setWrappedBody: `method`'s body becomes the call of `body` that CtNewMethod.wrapped makes
 * (the method stops being abstract, as in Javassist).
 */
export function setWrappedBody(method: CtMethod, body: CtMethod, constParam: ConstParameter | null): void {
  checkBodySignature(body, constParam, '([Ljava/lang/Object;', ')Ljava/lang/Object;');
  method.setBody(wrappedBody(method.getReturnType(), method.getDeclaringClass(), body, constParam));
}

/** Javassist's CtNewConstructor.PASS_NONE, PASS_ARRAY, PASS_PARAMS: what the new constructor passes to the superclass's. */
export const PASS_NONE = 0;
export const PASS_ARRAY = 1;
export const PASS_PARAMS = 2;

/**
 * CtNewConstructor.make(parameters, exceptions, howto, body, constParam, declaring) (Javassist's
 * CtNewWrappedConstructor): the constructor calls super() (PASS_NONE), super with its arguments in an
 * Object[] and the constant (PASS_ARRAY), or the superclass constructor of the same parameters
 * (PASS_PARAMS); then, with a `body` (`void body(Object[] args)`, or with the constant), calls it
 * with its arguments boxed.
 */
export function wrappedConstructor(
  parameters: readonly CtClass[] | null,
  exceptions: readonly CtClass[] | null,
  howto: number,
  body: CtMethod | null,
  constParam: ConstParameter | null,
  declaring: CtClass,
): CtConstructor {
  const constructor = new CtConstructor(parameters ?? [], declaring);
  if (exceptions !== null) constructor.setExceptionTypes(exceptions);
  const constant = constParam === null ? '' : `, ${constParam.source}`;
  let source: string;
  if (howto === PASS_NONE) source = 'super();';
  else if (howto === PASS_PARAMS) source = 'super($$);';
  else if (howto === PASS_ARRAY) source = `super($args${constant});`;
  else throw new CannotCompileException(`CtNewConstructor.make: howto must be PASS_NONE, PASS_ARRAY or PASS_PARAMS, not ${howto}`);
  if (body !== null) {
    checkBodySignature(body, constParam, '([Ljava/lang/Object;', ')Ljava/lang/Object;');
    source += ` ${addBodyMethod(declaring, body)}($args${constant});`;
  }
  constructor.setBody(`{ ${source} }`);
  return constructor;
}

function checkBodySignature(body: CtMethod, constParam: ConstParameter | null, start: string, end: string): void {
  if (body.getSignature() !== `${start}${constParam?.descriptor ?? ''}${end}`) {
    throw new CannotCompileException(`wrapped method with a bad signature: ${body.getDeclaringClass().getName()}.${body.getName()}`);
  }
}

/** The name of `body`'s private copy in `declaring`, added the first time (Javassist's addBodyMethod). */
function addBodyMethod(declaring: CtClass, body: CtMethod): string {
  let hidden = hiddenMethods.get(declaring);
  if (hidden === undefined) hiddenMethods.set(declaring, (hidden = { next: 0, bodies: new Map() }));
  const known = hidden.bodies.get(body);
  if (known !== undefined) return known;
  const taken = new Set(declaring.getDeclaredMethods().map((m) => m.getName()));
  let name: string;
  do name = `_added_m$${hidden.next++}`;
  while (taken.has(name));
  const node = copyBehaviorNode(body, declaring, null, false);
  node.name = name;
  node.access = (node.access & ~(Opcodes.ACC_PUBLIC | Opcodes.ACC_PROTECTED)) | Opcodes.ACC_PRIVATE | Opcodes.ACC_SYNTHETIC;
  declaring.addMethod(CtMethod.wrap(node, declaring));
  hidden.bodies.set(body, name);
  return name;
}
