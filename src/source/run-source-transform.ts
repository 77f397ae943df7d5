// # A `source(ctClass, ctx)` transform on one class (DESIGN.md contract 3)
//
// The transform pipeline (src/transform/apply-transforms.ts) calls this for the source style: the
// class becomes a CtClass of a pool over the run's class path (input, --cp, JDK), the transform edits
// it, and what it changed is written back with frames recomputed; a class it leaves alone comes back
// as the same bytes. The classes its snippets made (anonymous classes, CtClass.getCompanionClasses)
// go to `addClass`, beside it.

import type { ClassPath } from '../classpath/class-path.js';
import { ClassPool } from './class-pool.js';
import type { CtClass } from './ct-class.js';

export function runSourceTransform(
  bytes: Uint8Array,
  classPath: ClassPath,
  edit: (ctClass: CtClass) => void,
  addClass?: (bytes: Uint8Array) => void,
  redefining = false,
): Uint8Array {
  const pool = ClassPool.fromClassPath(classPath);
  const ctClass = pool.makeClass(bytes);
  // A class the JVM already loaded takes new method bodies only (see CtClass.setRedefining).
  ctClass.setRedefining(redefining);
  edit(ctClass);
  if (!ctClass.isModified()) return bytes;
  const result = ctClass.toBytecode();
  const companions = ctClass.getCompanionClasses();
  if (companions.length > 0 && addClass === undefined) {
    throw new Error(`${ctClass.getName()}: its snippets made ${companions.map((c) => c.getName()).join(', ')}, and nothing here takes added classes`);
  }
  for (const companion of companions) addClass!(companion.toBytecode());
  return result;
}
