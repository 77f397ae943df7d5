// # classforge verify <class|jar|dir>… [--cp <path>] [--json] [--verbose]
//
// Verifies every method of every class of the inputs as HotSpot does when it links them: type
// checking against the StackMapTable for class files of version 50 and later, type inference
// before. The class hierarchy is the inputs themselves, then the --cp entries, then the current JDK,
// then, for a Spring Boot executable jar or a war, its BOOT-INF/ or WEB-INF/ classes and nested jars.
//
// Output: one line per failing method, `com/x/Foo.bar(I)V @12 (line 34): <message>`, then a
// summary `verified N classes, M methods: K errors`. A method that needs a class found nowhere on
// the class path is listed as unresolved (HotSpot would throw NoClassDefFoundError for it): a
// warning, not a failure. Exit status: 0 when everything verifies, 1 when a method fails or a class
// inside a jar or directory is malformed, 2 for bad usage or an unreadable input (a missing path, a
// corrupt jar, a file given on its own that is not a class file).

import { statSync } from 'node:fs';
import { delimiter } from 'node:path';
import type { Command } from 'commander';
import type { ClassHierarchy } from '../../src/asm/class-writer.js';
import { ClassVerifier, type UnresolvedReference, type VerificationError } from '../../src/analysis/class-verifier.js';
import { ChainedClassHierarchy, MapClassHierarchy } from '../../src/analysis/verification-hierarchy.js';
import { ClassFormatError } from '../../src/classfile/class-format-error.js';
import { ClassPath } from '../../src/classpath/class-path.js';
import { SupplementedClassPath } from '../../src/classpath/supplemented-class-path.js';
import { ZipArchive } from '../../src/classpath/zip-archive.js';
import { ApplicationArchiveClasses, isApplicationArchive } from '../../src/transform/application-archive-classes.js';
import { BASE_RELEASE, multiReleaseViews } from '../../src/transform/multi-release-views.js';
import { EXIT_BAD_INPUT, EXIT_CHECKS_FAILED, EXIT_OK, InputError, describeError, reportError } from '../cli-error.js';
import { type ClassInput, notAClassFile, readClassInputs } from '../class-input.js';
import { checkClassPathEntries, classPathEntries } from '../class-path-arguments.js';
import { count, writeStdout } from '../output.js';
import { warnIfNewerThanJdk } from '../jdk-version-warning.js';
import { collect } from '../repeatable-option.js';

/** The unresolved warnings printed without --verbose; a count says how many more there are. */
const MAX_WARNINGS = 20;

interface VerifyOptions {
  /** The --cp values (each may hold several entries joined with the path delimiter). */
  cp?: string[];
  json?: boolean;
  verbose?: boolean;
}

/** A class of the inputs that could not be read as a class file. */
interface MalformedClass {
  readonly path: string;
  readonly message: string;
}

/** The machine-readable report printed by --json. */
export interface VerifyReport {
  /** True when every method verified and every class could be read. */
  readonly ok: boolean;
  readonly classes: number;
  readonly methods: number;
  readonly errors: readonly ReportedError[];
  readonly unresolved: readonly UnresolvedReference[];
  readonly malformed: readonly MalformedClass[];
}

/**
 * A verification error; `release` is set for a multi-release jar's `META-INF/versions/N/` variant,
 * which shares its class name with the base class (and other variants); `view`, for a variant
 * loaded in several views of its jar, the release whose classes the error was found with
 * (BASE_RELEASE: the base entries alone).
 */
export type ReportedError = VerificationError & { readonly release?: number; readonly view?: number };

function withVariant(error: VerificationError, release: number | null, view: number | null): ReportedError {
  return { ...error, ...(release === null ? {} : { release }), ...(view === null ? {} : { view }) };
}

function errorKey(error: VerificationError): string {
  return `${error.method}@${error.offset}:${error.message}`;
}

/** `com/x/Foo.bar(I)V @12 (line 34): message`, `META-INF/versions/11/com/x/Foo.bar(I)V …` for a variant. */
export function formatVerificationError(error: ReportedError): string {
  const at = error.offset >= 0 ? ` @${error.offset}` : '';
  const line = error.line !== null ? ` (line ${error.line})` : '';
  const variant = error.release === undefined ? '' : `META-INF/versions/${error.release}/`;
  const view =
    error.view === undefined ? '' : error.view === BASE_RELEASE ? " (with the jar's base classes)" : ` (with the jar's release ${error.view} classes)`;
  return `${variant}${error.className}.${error.method}${at}${line}${view}: ${error.message}`;
}

/**
 * The inputs' hierarchy as a class compiled for `release` sees it: a multi-release jar's variants
 * under `META-INF/versions/N/` for N <= release, the highest first (JEP 238), in front of `base` (the
 * base entries). A versioned class must be checked against the classes its release loads with it,
 * which javac compiled it against; the base against the base entries alone.
 */
function releaseHierarchy(inputs: readonly ClassInput[], release: number, base: ClassHierarchy): ClassHierarchy {
  const variants = inputs.filter((input) => input.release !== null && input.release <= release);
  variants.sort((a, b) => b.release! - a.release!);
  const overlay = new MapClassHierarchy();
  for (const input of variants) overlay.add(input.bytes);
  return new ChainedClassHierarchy([overlay, base]);
}

/**
 * The jar inputs that are application archives (Spring Boot executable jars, wars): their classes
 * under BOOT-INF/ or WEB-INF/ are loaded with the nested jars of BOOT-INF/lib/ or WEB-INF/lib/, so
 * these join the hierarchy, after --cp and the JDK (see application-archive-classes.ts).
 */
function applicationArchives(paths: readonly string[]): ApplicationArchiveClasses[] {
  const archives: ApplicationArchiveClasses[] = [];
  for (const path of paths) {
    if (statSync(path, { throwIfNoEntry: false })?.isFile() !== true) continue;
    let names: string[];
    try {
      const archive = ZipArchive.open(path);
      names = archive.entries().map((entry) => entry.name);
      archive.close();
    } catch {
      continue; // A class file, or a jar readClassInputs has already reported.
    }
    if (isApplicationArchive(names)) archives.push(new ApplicationArchiveClasses(path));
  }
  return archives;
}

function classPathFor(entries: readonly string[], archives: readonly ApplicationArchiveClasses[]): ClassPath {
  if (archives.length === 0) return new ClassPath(entries);
  const lookup = (name: string): Uint8Array | undefined => {
    for (const archive of archives) {
      const bytes = archive.lookup(name);
      if (bytes !== undefined) return bytes;
    }
    return undefined;
  };
  return new SupplementedClassPath(entries, {}, lookup, 'last', archives.map((archive) => archive.describe()).join(', '));
}

async function verifyInputs(paths: readonly string[], options: VerifyOptions): Promise<void> {
  const json = options.json === true;
  const verbose = options.verbose === true;
  // 1. Read every class of the inputs: they are the first part of the class hierarchy.
  const inputs: ClassInput[] = [];
  const groups: ClassInput[][] = [];
  let badInput = false;
  for (const path of paths) {
    const group: ClassInput[] = [];
    groups.push(group);
    try {
      for await (const input of readClassInputs(path)) {
        inputs.push(input);
        group.push(input);
      }
    } catch (error) {
      badInput = true;
      reportError(error instanceof InputError ? error.path : path, error, verbose);
    }
  }
  if (badInput) {
    process.exitCode = EXIT_BAD_INPUT;
    return;
  }

  const malformedInputs = new Map<ClassInput, MalformedClass>();
  const readable: ClassInput[] = [];
  const inputHierarchy = new MapClassHierarchy();
  // The hierarchy takes the first class added under a name. Base entries first: a multi-release
  // variant must not stand for the class. Within one input, the last of entries sharing a name
  // first, the one java.util.zip.ZipFile (so the JVM) reads; an earlier input still wins over a
  // later one, as on a class path.
  const ordered = [
    ...groups.flatMap((group) => group.filter((i) => i.release === null).reverse()),
    ...groups.flatMap((group) => group.filter((i) => i.release !== null).reverse()),
  ];
  for (const input of ordered) {
    try {
      inputHierarchy.add(input.bytes);
      readable.push(input);
    } catch (error) {
      if (!(error instanceof ClassFormatError)) throw error;
      // A file given on its own that is not a class file is bad input; inside a jar or a
      // directory, a malformed class is a verification failure of that class.
      if (paths.includes(input.displayName)) {
        const notClass = notAClassFile(input.displayName, input.bytes);
        reportError(input.displayName, notClass === null ? error : new InputError(input.displayName, notClass), verbose);
        process.exitCode = EXIT_BAD_INPUT;
        return;
      }
      malformedInputs.set(input, { path: input.displayName, message: describeError(error) });
    }
  }
  const malformed: MalformedClass[] = inputs.flatMap((input) => {
    const bad = malformedInputs.get(input);
    return bad === undefined ? [] : [bad];
  });

  // 2. The rest of the class path: --cp entries, then the JDK.
  const entries = classPathEntries(options.cp);
  let classPath: ClassPath;
  try {
    checkClassPathEntries(entries);
    classPath = classPathFor(entries, applicationArchives(paths));
  } catch (error) {
    reportError(error instanceof InputError ? error.path : null, error, verbose);
    process.exitCode = EXIT_BAD_INPUT;
    return;
  }
  warnIfNewerThanJdk(readable.map((input) => input.bytes), classPath);
  const hierarchy: ClassHierarchy = new ChainedClassHierarchy([inputHierarchy, classPath]);
  const verifiers = new Map<number | null, ClassVerifier>([[null, new ClassVerifier(hierarchy)]]);
  const verifierFor = (release: number | null): ClassVerifier => {
    let verifier = verifiers.get(release);
    if (verifier === undefined) {
      // The base view (BASE_RELEASE) is the base entries first, as `hierarchy` has them.
      verifier = new ClassVerifier(release === BASE_RELEASE ? hierarchy : releaseHierarchy(readable, release!, hierarchy));
      verifiers.set(release, verifier);
    }
    return verifier;
  };

  // A multi-release variant runs in each view of its jar from its release to the next variant of
  // the class (multi-release-views.ts): it is checked in each.
  const views = new Map<ClassInput, readonly (number | null)[]>();
  for (const group of groups) {
    if (!group.some((input) => input.release !== null)) continue;
    const variantViews = multiReleaseViews(group.map((input) => ({ name: input.entry, release: input.release ?? BASE_RELEASE })));
    group.forEach((input, i) => views.set(input, variantViews[i]!));
  }

  // 3. Verify, in input order.
  const errors: ReportedError[] = [];
  const unresolved: UnresolvedReference[] = [];
  let classes = 0;
  let methods = 0;
  const readableSet = new Set(readable);
  for (const input of inputs) {
    if (!readableSet.has(input)) continue;
    let result;
    const inputViews = views.get(input) ?? [null];
    const reported: ReportedError[] = [];
    try {
      result = verifierFor(inputViews[0]!).verify(input.bytes);
      // With several views, each error says which one it was found in.
      const primary = inputViews.length > 1 ? inputViews[0]! : null;
      reported.push(...result.errors.map((error) => withVariant(error, input.release, primary)));
      const seen = new Set(reported.map(errorKey));
      for (const view of inputViews.slice(1)) {
        for (const error of verifierFor(view).verify(input.bytes).errors) {
          if (seen.has(errorKey(error))) continue;
          seen.add(errorKey(error));
          reported.push(withVariant(error, input.release, view));
        }
      }
    } catch (error) {
      if (error instanceof ClassFormatError) {
        malformed.push({ path: input.displayName, message: describeError(error) });
        continue;
      }
      // The class path itself failed (a corrupt --cp jar…): bad input.
      reportError(input.displayName, error, verbose);
      process.exitCode = EXIT_BAD_INPUT;
      return;
    }
    classes++;
    methods += result.methods;
    errors.push(...reported);
    unresolved.push(...result.unresolved);
    if (!json) {
      for (const error of reported) writeStdout(formatVerificationError(error) + '\n');
    }
  }
  classPath.close();

  const ok = errors.length === 0 && malformed.length === 0;
  if (json) {
    const report: VerifyReport = { ok, classes, methods, errors, unresolved, malformed };
    writeStdout(JSON.stringify(report, null, 2) + '\n');
  } else {
    for (const bad of malformed) writeStdout(`${bad.path}: ${bad.message}\n`);
    // A jar checked without its dependencies on --cp can give thousands: the first ones say what is missing.
    const shown = verbose ? unresolved.length : Math.min(unresolved.length, MAX_WARNINGS);
    for (const u of unresolved.slice(0, shown)) {
      writeStdout(u.method === '<class>' ? `warning: ${u.className}: ${u.message}\n` : `warning: ${u.className}.${u.method}: not verified: ${u.message}\n`);
    }
    if (shown < unresolved.length) writeStdout(`warning: … and ${unresolved.length - shown} more like these (--verbose or --json lists them all)\n`);
    let summary = `verified ${count(classes, 'class', 'classes')}, ${count(methods, 'method')}: ${count(errors.length, 'error')}`;
    if (malformed.length > 0) summary += `, ${count(malformed.length, 'malformed class', 'malformed classes')}`;
    const unloadable = new Set(unresolved.filter((u) => u.method === '<class>').map((u) => u.className)).size;
    const unresolvedMethods = unresolved.filter((u) => u.method !== '<class>').length;
    if (unresolvedMethods > 0) summary += `, ${count(unresolvedMethods, 'method')} unresolved`;
    if (unloadable > 0) summary += `, ${count(unloadable, 'class', 'classes')} with a superclass or interface found nowhere`;
    if (unresolved.length > 0) summary += ' (a class they need is on no class path: add its jar or directory with --cp)';
    writeStdout(summary + '\n');
  }
  process.exitCode = ok ? EXIT_OK : EXIT_CHECKS_FAILED;
}

/** Adds the `verify` command to `program`. */
export function registerVerifyCommand(program: Command): Command {
  return program
    .command('verify')
    .description('verify the bytecode of a class file, a jar or a directory as the JVM does (StackMapTable type checking)')
    .argument('<paths...>', 'class files, jars or directories (searched recursively)')
    .option('--cp <path>', `class path entries for the hierarchy, separated by "${delimiter}"; repeatable (the JDK is always searched)`, collect)
    .option('--json', 'print a machine-readable report')
    .option('-v, --verbose', `show stack traces on errors, and every warning (else the first ${MAX_WARNINGS})`)
    .action(async (paths: string[], options: VerifyOptions) => {
      await verifyInputs(paths, options);
    });
}
