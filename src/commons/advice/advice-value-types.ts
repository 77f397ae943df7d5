// # The types advice values move between: primitives, their wrappers, references
//
// An advice parameter, an @AssignReturned value or an argument array element is converted to its
// target by boxing (valueOf), unboxing (a cast to the wrapper, then xxxValue()), a widening primitive
// conversion (i2l…), or a cast to a reference type (JLS §5.1.2, §5.1.7–8, §5.2), as Byte Buddy's
// assigner does: unboxing may be followed by widening (an Integer read as a long), and typing DYNAMIC
// also casts down.

import { Type } from '../../asm/type.js';

export const THROWABLE_TYPE = Type.getObjectType('java/lang/Throwable');
export const OBJECT_TYPE = Type.getObjectType('java/lang/Object');

/** The wrapper class of each primitive sort (JLS §5.1.7). */
export const WRAPPERS: Record<number, string> = {
  [Type.BOOLEAN]: 'java/lang/Boolean',
  [Type.CHAR]: 'java/lang/Character',
  [Type.BYTE]: 'java/lang/Byte',
  [Type.SHORT]: 'java/lang/Short',
  [Type.INT]: 'java/lang/Integer',
  [Type.FLOAT]: 'java/lang/Float',
  [Type.LONG]: 'java/lang/Long',
  [Type.DOUBLE]: 'java/lang/Double',
};

/** The reference types a boxed primitive is assignable to besides its wrapper (JLS §5.2). */
const BOXED_SUPERTYPES = new Set(['java/lang/Object', 'java/io/Serializable', 'java/lang/Comparable', 'java/lang/constant/Constable']);

/**
 * Whether `primitive` boxed is a `reference` (an internal name) without a cast: its wrapper, a supertype
 * every wrapper has, or Number for the numeric ones (JLS §5.1.7, §5.2; Boolean and Character are no Numbers).
 */
export function boxesTo(primitive: Type, reference: string): boolean {
  const numeric = primitive.getSort() !== Type.BOOLEAN && primitive.getSort() !== Type.CHAR;
  return reference === WRAPPERS[primitive.getSort()] || BOXED_SUPERTYPES.has(reference) || (reference === 'java/lang/Number' && numeric);
}

export function isReference(type: Type): boolean {
  return type.getSort() === Type.OBJECT || type.getSort() === Type.ARRAY;
}

export function isPrimitive(type: Type): boolean {
  return !isReference(type) && type.getSort() !== Type.VOID && type.getSort() !== Type.METHOD;
}

/** The primitive sorts each primitive sort widens to (JLS §5.1.2); boolean widens to none. */
const WIDENINGS: Record<number, readonly number[]> = {
  [Type.BYTE]: [Type.SHORT, Type.INT, Type.LONG, Type.FLOAT, Type.DOUBLE],
  [Type.SHORT]: [Type.INT, Type.LONG, Type.FLOAT, Type.DOUBLE],
  [Type.CHAR]: [Type.INT, Type.LONG, Type.FLOAT, Type.DOUBLE],
  [Type.INT]: [Type.LONG, Type.FLOAT, Type.DOUBLE],
  [Type.LONG]: [Type.FLOAT, Type.DOUBLE],
  [Type.FLOAT]: [Type.DOUBLE],
};

/** Whether primitive `from` is `to` or widens to it (JLS §5.1.2). */
export function widensTo(from: Type, to: Type): boolean {
  return from.getSort() === to.getSort() || (WIDENINGS[from.getSort()]?.includes(to.getSort()) ?? false);
}

/** The primitive type `type` wraps (java/lang/Integer → int), or null for other types. */
export function unwrapped(type: Type): Type | null {
  if (type.getSort() !== Type.OBJECT) return null;
  for (const [sort, wrapper] of Object.entries(WRAPPERS)) {
    if (wrapper === type.getInternalName()) return PRIMITIVES[Number(sort)]!;
  }
  return null;
}

const PRIMITIVES: Record<number, Type> = {
  [Type.BOOLEAN]: Type.BOOLEAN_TYPE,
  [Type.CHAR]: Type.CHAR_TYPE,
  [Type.BYTE]: Type.BYTE_TYPE,
  [Type.SHORT]: Type.SHORT_TYPE,
  [Type.INT]: Type.INT_TYPE,
  [Type.FLOAT]: Type.FLOAT_TYPE,
  [Type.LONG]: Type.LONG_TYPE,
  [Type.DOUBLE]: Type.DOUBLE_TYPE,
};
