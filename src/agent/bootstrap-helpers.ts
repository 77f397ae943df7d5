// # Helper classes the JDK's own classes can see: those the shim also puts on the bootstrap class path
//
// The agent jar, helper classes included, is on the JVM's system class path, where the bootstrap and
// platform class loaders (which define the JDK's classes) never look: a transform that makes
// java.util.ArrayDeque call a helper would make it fail with NoClassDefFoundError. A helper whose every
// reference is a class of the JDK, or another such helper, can also live on the bootstrap class path,
// which every class loader searches first: the shim appends those to it at start
// (Instrumentation.appendToBootstrapClassLoaderSearch, from a jar of their own) and lets the boot layer's
// modules read the bootstrap loader's unnamed module that then holds them (a named module reads only the
// modules it declares, JLS §7.7.1) — as Byte Buddy's ClassInjector.UsingInstrumentation and
// JavaModule.addReads do. A helper that names an application class stays on the system class path only:
// defined by the bootstrap loader, it could not resolve that class.

import { ClassReader } from '../asm/class-reader.js';
import type { ClassPath } from '../classpath/class-path.js';
import { ClassRemapper } from '../commons/class-remapper.js';
import { Remapper } from '../commons/remapper.js';
import type { HelperClass } from '../transform/helper-classes.js';

/** Records every internal name a class refers to (ClassRemapper calls map() for each) and renames nothing. */
class ReferenceRecorder extends Remapper {
  readonly names = new Set<string>();

  override map(internalName: string): string | null {
    this.names.add(internalName);
    return null;
  }
}

/** The internal names `bytes` refers to: super types, members' and instructions' types, constants, annotations, signatures. */
export function referencedClassNames(bytes: Uint8Array): Set<string> {
  const recorder = new ReferenceRecorder();
  new ClassReader(bytes).accept(new ClassRemapper(null, recorder), 0);
  return recorder.names;
}

/**
 * The helpers (internal names, in the order given) that can go on the bootstrap class path: every class
 * they refer to is in `jdk` or is such a helper itself.
 */
export function bootstrapHelperNames(helpers: readonly HelperClass[], jdk: ClassPath): string[] {
  const references = new Map(helpers.map((helper) => [helper.name, referencedClassNames(helper.bytes)]));
  const candidates = new Set(helpers.filter((helper) => [...references.get(helper.name)!].every((name) => references.has(name) || jdk.hasClass(name))).map((helper) => helper.name));
  // A helper referring to a helper that cannot go there cannot either: drop until nothing changes.
  for (let changed = true; changed; ) {
    changed = false;
    for (const name of candidates) {
      if ([...references.get(name)!].some((reference) => references.has(reference) && !candidates.has(reference))) {
        candidates.delete(name);
        changed = true;
      }
    }
  }
  return helpers.map((helper) => helper.name).filter((name) => candidates.has(name));
}
