// # A method overriding a final method of a superclass (HotSpot's check_final_method_override)
//
// When it loads a class, HotSpot refuses it if one of its methods (not private, not static, not a
// constructor) has the name and descriptor of a final method of a superclass that the class can access
// (public, protected, or package-private in the same package; JVMS §5.4.5 on overriding):
// IncompatibleClassChangeError "class Sub overrides final method Base.m()V". Javac never compiles such a
// class; it comes from a superclass that made the method final later, or from a transform. The
// superclasses' methods come from their class files (ProtectedAccess's cache); one unavailable ends the
// search without an error (lenient).

import type { RawClassFile } from '../classfile/raw-class-file.js';
import type { ClassHierarchy } from '../asm/class-writer.js';
import type { ProtectedAccess } from './protected-access.js';
import { packageOf, toDottedName } from '../classfile/class-names.js';

const ACC_PUBLIC = 0x0001;
const ACC_PRIVATE = 0x0002;
const ACC_PROTECTED = 0x0004;
const ACC_STATIC = 0x0008;
const ACC_FINAL = 0x0010;

/** HotSpot's message for the first method of `classFile` that overrides an accessible final method, or null. */
export function finalMethodOverrideError(classFile: RawClassFile, hierarchy: ClassHierarchy, members: ProtectedAccess): string | null {
  const name = classFile.thisClass;
  for (const method of classFile.methods) {
    if ((method.access & (ACC_PRIVATE | ACC_STATIC)) !== 0 || method.name === '<init>') continue;
    let superName: string | null | undefined = classFile.superClass;
    for (let depth = 0; superName !== null && superName !== undefined && depth < 1000; depth++) {
      const found = members.findMethod(superName, method.name, method.descriptor);
      if (found === null) break;
      const access = found.access;
      const accessible =
        (access & (ACC_PUBLIC | ACC_PROTECTED)) !== 0 || ((access & ACC_PRIVATE) === 0 && packageOf(found.holder) === packageOf(name));
      if ((access & ACC_FINAL) !== 0 && (access & (ACC_STATIC | ACC_PRIVATE)) === 0 && accessible) {
        return `IncompatibleClassChangeError: class ${toDottedName(name)} overrides final method ${toDottedName(found.holder)}.${method.name}${method.descriptor}`;
      }
      superName = hierarchy.getSuperName(found.holder);
    }
  }
  return null;
}
