// # The class path of a transform run: input + --cp + JDK
//
// DESIGN.md contract 3: ctx.classPath and frame computation see the input's classes, then the
// --cp entries, then the JDK (ClassPath searches the JDK first, as the JVM does). A directory
// or jar input is itself a class path entry; a single .class file is not, so its class is added
// in memory, ahead of the entries.
//
// The spec is plain data so that worker threads can build the same class path.

import { ClassPath } from '../classpath/class-path.js';
import { readClassHeader } from '../classpath/class-header.js';
import { describeClassNames, SupplementedClassPath } from '../classpath/supplemented-class-path.js';

/** How to build the class path of a run (structured-clone friendly). */
export interface TransformClassPathSpec {
  /** Class path entries: directories, jars, `dir/*`. */
  readonly entries: readonly string[];
  /** The JDK: a Java home, false for none, undefined for the current one. */
  readonly jdk?: string | false;
  /** The release for multi-release jars (default: the JDK's). */
  readonly release?: number;
  /** Class files to add in front of the entries (the class of a .class file input). */
  readonly extraClasses?: readonly Uint8Array[];
}

/** Builds the class path described by `spec`; throws ClassPathError when the JDK cannot be found. */
export function createTransformClassPath(spec: TransformClassPathSpec): ClassPath {
  const options = { ...(spec.jdk === undefined ? {} : { jdk: spec.jdk }), ...(spec.release === undefined ? {} : { release: spec.release }) };
  const extras = spec.extraClasses ?? [];
  if (extras.length === 0) return new ClassPath(spec.entries, options);
  return classPathWithClasses(spec.entries, options, extras);
}

/** A ClassPath that also holds a few classes given as bytes, found before its entries. */
function classPathWithClasses(
  entries: readonly string[],
  options: { jdk?: string | false; release?: number },
  classes: readonly Uint8Array[],
): ClassPath {
  const byName = new Map<string, Uint8Array>();
  for (const bytes of classes) byName.set(readClassHeader(bytes).name, bytes);
  return new SupplementedClassPath(entries, options, (name) => byName.get(name), 'first', describeClassNames(byName.keys()));
}
