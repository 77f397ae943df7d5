// # The types advice values move between: primitives, their wrappers, references
//
// An advice parameter, an @AssignReturned value or an argument array element is converted to its
// target by boxing (valueOf), unboxing (a cast to the wrapper, then xxxValue()) or a cast to a
// reference type (JLS §5.1.7–8, §5.2), as Byte Buddy's assigner does with typing DYNAMIC.

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
export const BOXED_SUPERTYPES = new Set(['java/lang/Object', 'java/io/Serializable', 'java/lang/Comparable', 'java/lang/constant/Constable']);

export function isReference(type: Type): boolean {
  return type.getSort() === Type.OBJECT || type.getSort() === Type.ARRAY;
}

export function isPrimitive(type: Type): boolean {
  return !isReference(type) && type.getSort() !== Type.VOID && type.getSort() !== Type.METHOD;
}
