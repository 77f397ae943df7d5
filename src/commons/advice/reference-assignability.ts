// # Whether a reference type is assignable to another (JLS §5.2), from a class path
//
// Byte Buddy refuses an advice parameter whose type the bound value cannot be assigned to
// ("Cannot assign java.lang.String arg0 to class java.lang.Integer") when it builds the class.
// Without a class hierarchy classforge leaves that to HotSpot's verifier (a VerifyError when the
// class loads); with a ClassPath it answers here, from the class files' super classes and
// interfaces (JVMS §4.10.1.2's isAssignable, without loading anything).

import { Type } from '../../asm/type.js';
import type { ClassPath } from '../../classpath/class-path.js';

const ARRAY_SUPERTYPES = new Set(['java/lang/Object', 'java/lang/Cloneable', 'java/io/Serializable']);

/** Whether a value of reference type `from` can be assigned to `to`; undefined when a class is not on the class path. */
export function isReferenceAssignable(from: Type, to: Type, classPath: ClassPath): boolean | undefined {
  if (to.getDescriptor() === 'Ljava/lang/Object;' || from.getDescriptor() === to.getDescriptor()) return true;
  if (from.getSort() === Type.ARRAY) {
    if (to.getSort() !== Type.ARRAY) return ARRAY_SUPERTYPES.has(to.getInternalName());
    const fromElement = Type.getType(from.getDescriptor().substring(1));
    const toElement = Type.getType(to.getDescriptor().substring(1));
    const referenceElements = fromElement.getSort() >= Type.ARRAY && toElement.getSort() >= Type.ARRAY;
    return referenceElements ? isReferenceAssignable(fromElement, toElement, classPath) : fromElement.getDescriptor() === toElement.getDescriptor();
  }
  if (to.getSort() === Type.ARRAY) return false;
  return classPath.isSubtypeOf(from.getInternalName(), to.getInternalName());
}
