// # The class path of a transform run: input + --cp + JDK
//
// DESIGN.md contract 3: ctx.classPath and frame computation see the input's classes, then the
// --cp entries, then the JDK (ClassPath searches the JDK first, as the JVM does). A directory
// or jar input is itself a class path entry; a single .class file is not, so its class is added
// in memory, ahead of the entries.
//
// The spec is plain data so that worker threads can build the same class path.

import { ClassWriter } from '../asm/class-writer.js';
import { Opcodes } from '../asm/opcodes.js';
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
  const options = specOptions(spec);
  const extras = spec.extraClasses ?? [];
  if (extras.length === 0) return new ClassPath(spec.entries, options);
  return classPathWithClasses(spec.entries, options, extras);
}

function specOptions(spec: TransformClassPathSpec): { jdk?: string | false; release?: number } {
  return { ...(spec.jdk === undefined ? {} : { jdk: spec.jdk }), ...(spec.release === undefined ? {} : { release: spec.release }) };
}

/**
 * The class path of `spec` with the classes a run produces (internal name → class file) found first:
 * frames of a class that refers to classes the run renamed (relocation with ClassRemapper) need the
 * new names, which exist nowhere else.
 */
export function createRunClassPath(spec: TransformClassPathSpec, runClasses: ReadonlyMap<string, Uint8Array>): ClassPath {
  const extras = new Map<string, Uint8Array>();
  for (const bytes of spec.extraClasses ?? []) extras.set(readClassHeader(bytes).name, bytes);
  return new SupplementedClassPath(
    spec.entries,
    specOptions(spec),
    (name) => runClasses.get(name) ?? extras.get(name),
    'first',
    `(the ${runClasses.size} classes of this run)`,
  );
}

/**
 * The class path of `spec` on which a class found nowhere is taken for a public class extending
 * java/lang/Object: enough to learn what a transform makes of a class (its name, super class,
 * interfaces), which does not depend on its frames.
 */
export function createLenientClassPath(spec: TransformClassPathSpec): ClassPath {
  const extras = new Map<string, Uint8Array>();
  for (const bytes of spec.extraClasses ?? []) extras.set(readClassHeader(bytes).name, bytes);
  return new SupplementedClassPath(
    spec.entries,
    specOptions(spec),
    (name) => extras.get(name) ?? placeholderClass(name),
    'last',
    '(any other class, as a subclass of java/lang/Object)',
  );
}

function placeholderClass(internalName: string): Uint8Array {
  const writer = new ClassWriter(0);
  writer.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, internalName, null, 'java/lang/Object', null);
  writer.visitEnd();
  return writer.toByteArray();
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
