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
import { ApplicationArchiveClasses } from './application-archive-classes.js';
import { abbreviatedList } from '../classpath/abbreviated-list.js';

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
  /**
   * A jar input that is an application archive (a Spring Boot executable jar, a war): its
   * BOOT-INF/ or WEB-INF/ classes and nested jars are searched after the entries and the JDK
   * (application-archive-classes.ts).
   */
  readonly applicationArchive?: string;
  /**
   * The transforms' helper classes (helper-classes.ts), searched last: the classes being rewritten
   * call them, so frames and classforge/source's compiler must find them.
   */
  readonly helperClasses?: readonly Uint8Array[];
}

/** Builds the class path described by `spec`; throws ClassPathError when the JDK cannot be found. */
export function createTransformClassPath(spec: TransformClassPathSpec): ClassPath {
  const options = specOptions(spec);
  const extras = spec.extraClasses ?? [];
  const helpers = classesByName(spec.helperClasses ?? []);
  if (spec.applicationArchive !== undefined) return classPathWithApplicationArchive(spec.entries, options, spec.applicationArchive, helpers);
  if (extras.length > 0) return classPathWithClasses(spec.entries, options, extras, helpers);
  if (helpers.size > 0) {
    return new SupplementedClassPath(spec.entries, options, (name) => helpers.get(name), 'last', describeHelpers(helpers));
  }
  return new ClassPath(spec.entries, options);
}

/** How a class path's describe() names the helper classes on it. */
function describeHelpers(helpers: ReadonlyMap<string, Uint8Array>): string {
  return `(helper classes ${abbreviatedList([...helpers.keys()])})`;
}

/** Class files by the internal name their headers give. */
function classesByName(classes: readonly Uint8Array[]): Map<string, Uint8Array> {
  const byName = new Map<string, Uint8Array>();
  for (const bytes of classes) byName.set(readClassHeader(bytes).name, bytes);
  return byName;
}

/** The class path of `entries`, then the JDK, then the classes inside the application archive at `path`, then `helpers`. */
function classPathWithApplicationArchive(
  entries: readonly string[],
  options: { jdk?: string | false; release?: number },
  path: string,
  helpers: ReadonlyMap<string, Uint8Array>,
): ClassPath {
  const archive = new ApplicationArchiveClasses(path);
  return new ClosingClassPath(entries, options, (name) => archive.lookup(name) ?? helpers.get(name), 'last', archive.describe(), archive);
}

/** A SupplementedClassPath that also closes what its supplement reads from. */
class ClosingClassPath extends SupplementedClassPath {
  constructor(
    entries: readonly string[],
    options: { jdk?: string | false; release?: number },
    supplement: (internalName: string) => Uint8Array | undefined,
    order: 'first' | 'last',
    describedAs: string,
    private readonly resource: { close(): void } | null,
  ) {
    super(entries, options, supplement, order, describedAs);
  }

  override close(): void {
    this.resource?.close();
    super.close();
  }
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
  const extras = classesByName(spec.extraClasses ?? []);
  const helpers = classesByName(spec.helperClasses ?? []);
  const archive = spec.applicationArchive === undefined ? null : new ApplicationArchiveClasses(spec.applicationArchive);
  return new ClosingClassPath(
    spec.entries,
    specOptions(spec),
    (name) => runClasses.get(name) ?? extras.get(name) ?? archive?.lookup(name) ?? helpers.get(name),
    'first',
    `(the ${runClasses.size} classes of this run)` + (archive === null ? '' : `, ${archive.describe()}`),
    archive,
  );
}

/**
 * The class path of `spec` on which a class found nowhere is taken for a public class extending
 * java/lang/Object: enough to learn what a transform makes of a class (its name, super class,
 * interfaces), which does not depend on its frames.
 */
export function createLenientClassPath(spec: TransformClassPathSpec): ClassPath {
  const extras = classesByName(spec.extraClasses ?? []);
  const helpers = classesByName(spec.helperClasses ?? []);
  const archive = spec.applicationArchive === undefined ? null : new ApplicationArchiveClasses(spec.applicationArchive);
  return new ClosingClassPath(
    spec.entries,
    specOptions(spec),
    (name) => extras.get(name) ?? archive?.lookup(name) ?? helpers.get(name) ?? placeholderClass(name),
    'last',
    '(any other class, as a subclass of java/lang/Object)',
    archive,
  );
}

function placeholderClass(internalName: string): Uint8Array {
  const writer = new ClassWriter(0);
  writer.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, internalName, null, 'java/lang/Object', null);
  writer.visitEnd();
  return writer.toByteArray();
}

/** A ClassPath that also holds a few classes given as bytes, found before its entries (and `helpers`, which no entry holds). */
function classPathWithClasses(
  entries: readonly string[],
  options: { jdk?: string | false; release?: number },
  classes: readonly Uint8Array[],
  helpers: ReadonlyMap<string, Uint8Array>,
): ClassPath {
  const byName = classesByName(classes);
  const describedAs = describeClassNames(byName.keys()) + (helpers.size === 0 ? '' : `, ${describeHelpers(helpers)}`);
  return new SupplementedClassPath(entries, options, (name) => byName.get(name) ?? helpers.get(name), 'first', describedAs);
}
