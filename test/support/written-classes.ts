// The class files a classforge/source edit produced: the edited class and the classes its snippets made
// (anonymous and local classes, CtClass.getCompanionClasses), by internal name, ready for runJava's class path.
import type { CtClass } from '../../src/source/index.js';

export function writtenWithCompanions(ctClass: CtClass): Map<string, Uint8Array> {
  const classes = new Map([[ctClass.getInternalName(), ctClass.toBytecode()]]);
  for (const companion of ctClass.getCompanionClasses()) classes.set(companion.getInternalName(), companion.toBytecode());
  return classes;
}
