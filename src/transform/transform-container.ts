// # transformContainer: `classforge transform` without the command line
//
// Reads a .class file, a directory or a jar, runs the transforms over its classes
// (runTransformJob) and writes a container of the same kind.
//
// Decisions (DESIGN.md contract 4):
// - The input is never modified. The output is refused when it is the input, lies inside the
//   input directory, or contains the input; an existing output directory must be empty, an
//   existing output file is replaced.
// - Atomic output: everything is written to a hidden temporary sibling of the output
//   (`.<name>.tmp-<random>`), which is renamed into place only when complete. On any failure,
//   and on SIGINT/SIGTERM while writing, the temporary is removed: no partial output remains.
// - A failing class stops the run before anything is written, unless keepGoing: then failing
//   classes are written unchanged and listed in the summary.
// - Dry runs do everything but write.
// - The transforms' helper classes (helper-classes.ts) are made before any class is rewritten, put on
//   the run's class path, and written after the input's entries; one named as a class the input
//   holds, or a single .class input (whose output holds one class), stops the run first.

import { randomBytes } from 'node:crypto';
import { realpathSync, rmSync, statSync, readdirSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { readClassHeader } from '../classpath/class-header.js';
import type { TransformLogEntry } from './apply-transforms.js';
import { isLegalInternalName, toDottedName } from '../classfile/class-names.js';
import { ClassContainerError, type ClassContainerEntry, type ClassContainerFormat } from './class-container.js';
import type { ClassPath } from '../classpath/class-path.js';
import { collectHelperClasses, type HelperClass } from './helper-classes.js';
import { HelperClassError } from './helper-class-error.js';
import type { ClassOutcome } from './class-outcome.js';
import { openClassContainer } from './open-class-container.js';
import { activeTransforms, runTransformJob, type JobTransform } from './run-transform-job.js';
import { narrowTransform } from './define-transform.js';
import { noSelectionWarning } from './selection-warnings.js';
import { createTransformClassPath, type TransformClassPathSpec } from './transform-class-path.js';
import { isApplicationArchive } from './application-archive-classes.js';
import { keepModeOfReplacedFile } from './replaced-file-mode.js';
import { outputTarget } from './output-target.js';
import { multiReleaseViews } from './multi-release-views.js';

export interface TransformContainerOptions {
  /** The input: a .class file, a directory or a jar. */
  readonly input: string;
  /** The output path (same kind as the input); ignored for dry runs. */
  readonly output: string | null;
  /** The transforms, in order, with validated options. */
  readonly transforms: readonly JobTransform[];
  /** Extra class path entries (--cp), after the input. */
  readonly classPath?: readonly string[];
  /** The JDK for the class path: a Java home, false for none, undefined for the current one. */
  readonly jdk?: string | false;
  /** Worker threads (1 = in process). Default: one per core. */
  readonly jobs?: number;
  readonly keepGoing?: boolean;
  readonly dryRun?: boolean;
  readonly onProgress?: (done: number, total: number) => void;
  readonly onLog?: (entry: TransformLogEntry) => void;
  /** Send what transforms print to stdout to stderr instead (see RunTransformJobOptions). */
  readonly consoleToStderr?: boolean;
  /** Warnings from the container writer (e.g. a signed jar's signature removed). */
  readonly onWarning?: (message: string) => void;
  /** Things worth knowing that are not problems (a renamed class's entry moved). */
  readonly onNote?: (message: string) => void;
}

/** One class that failed. */
export interface TransformFailure {
  /** Dotted class name, or null when the class could not be read. */
  readonly className: string | null;
  /** The container entry (`com/acme/Foo.class`). */
  readonly entry: string;
  /** The failing transform, or null for an unreadable class. */
  readonly transform: string | null;
  readonly message: string;
  /** 'transform' or 'input' (the class file itself is malformed). */
  readonly reason: 'transform' | 'input';
  readonly stack: string | null;
}

/** What a run did (the --json summary). */
export interface TransformSummary {
  readonly input: string;
  /** The input's container format: 'class', 'directory' or 'jar'. */
  readonly format: string;
  /** The output written, or null (dry run, or stopped by a failure). */
  readonly output: string | null;
  readonly dryRun: boolean;
  readonly classesSeen: number;
  readonly changed: number;
  readonly unchanged: number;
  /** Classes no transform's include/exclude selected. */
  readonly skipped: number;
  readonly failed: number;
  /** Non-class entries copied. */
  readonly resources: number;
  /** Whether every class was processed (false when a failure stopped the run). */
  readonly completed: boolean;
  readonly timeMs: number;
  readonly failures: readonly TransformFailure[];
  /** Dotted names of the classes that changed (or would change), in input order. */
  readonly changedClasses: readonly string[];
  /** Classes the transforms added (or would add, dry): their helper classes, then those ctx.addClass gave. */
  readonly added: number;
  /** Their dotted names: the helper classes in the order the transforms gave them, then the others in input order. */
  readonly addedClasses: readonly string[];
}

/** Runs the transforms over a container; see the decisions above. Throws ClassContainerError for unusable paths. */
export async function transformContainer(options: TransformContainerOptions): Promise<TransformSummary> {
  const started = performance.now();
  const dryRun = options.dryRun === true;
  const input = options.input;
  const output = dryRun ? null : options.output;
  if (!dryRun) {
    if (output === null || output === '') throw new ClassContainerError(input, 'no output path given (-o)');
    checkOutputPath(input, output);
  }
  const reader = await openClassContainer(input);
  try {
    if (!dryRun) checkOutputKind(reader.format.name, output!);
    const entries = reader.entries();
    const classEntries = entries.filter((entry) => entry.kind === 'class');
    const classes = classEntries.map((entry) => entry.read());
    const ownEntries = reader.classPathEntries();
    // A single class file is put on the class path from memory; a malformed one is left out here
    // and reported by the job as bad input, naming the file (not as a failure to build the class path).
    const extraClasses = ownEntries.length === 0 ? classes.filter(isReadableClassHeader) : [];
    const classPathSpec: TransformClassPathSpec = {
      entries: [...ownEntries, ...(options.classPath ?? [])],
      ...(options.jdk === undefined ? {} : { jdk: options.jdk }),
      ...(extraClasses.length > 0 ? { extraClasses } : {}),
      ...(reader.format.name === 'jar' && isApplicationArchive(entries.map((entry) => entry.name)) ? { applicationArchive: input } : {}),
    };
    // Built here also when workers will build their own: a missing JDK is reported once, up front.
    let classPath = createTransformClassPath(classPathSpec);
    let outcomes: (ClassOutcome | undefined)[];
    let helpers: HelperClass[];
    let jobClassPathSpec = classPathSpec;
    try {
      helpers = helperClassesFor(options, reader.format, entries, classPath);
      if (helpers.length > 0) {
        // The classes being rewritten call the helpers: frames and source snippets must find them.
        jobClassPathSpec = { ...classPathSpec, helperClasses: helpers.map((helper) => helper.bytes) };
        classPath.close();
        classPath = createTransformClassPath(jobClassPathSpec);
      }
      outcomes = await runTransformJob({ transforms: options.transforms, classPath: jobClassPathSpec }, classes, {
        ...(options.jobs === undefined ? {} : { jobs: options.jobs }),
        keepGoing: options.keepGoing === true,
        consoleToStderr: options.consoleToStderr === true,
        classPath,
        ...(classEntries.some((entry) => entry.release !== undefined) ? { releaseViews: releaseViewsOf(classEntries) } : {}),
        ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
        ...(options.onLog === undefined ? {} : { onLog: options.onLog }),
        // A changed class's bytes go to the output format at once (a jar deflates them meanwhile).
        ...(dryRun || reader.prepareReplacement === undefined
          ? {}
          : {
              onOutcome: (index: number, outcome: ClassOutcome) => {
                if (outcome.status === 'changed' && outcome.bytes !== null) reader.prepareReplacement!(classEntries[index]!, outcome.bytes);
              },
            }),
      });
    } finally {
      classPath.close();
    }

    const moves = planRenames(reader.format.name, classEntries, entries, outcomes, options.onNote);
    const additions = planAdditions(reader.format, classEntries, entries, outcomes, moves, helpers);

    let changed = 0;
    let unchanged = 0;
    let skipped = 0;
    const failures: TransformFailure[] = [];
    const changedClasses: string[] = [];
    outcomes.forEach((outcome, i) => {
      if (outcome === undefined) return;
      if (outcome.status === 'failed') {
        failures.push({
          className: outcome.className,
          entry: classEntries[i]!.name,
          transform: outcome.transform,
          message: outcome.message,
          reason: outcome.reason,
          stack: outcome.stack,
        });
      } else if (outcome.status === 'changed') {
        changed++;
        changedClasses.push(outcome.className);
      } else if (outcome.status === 'unchanged') {
        unchanged++;
      } else {
        skipped++;
      }
    });
    const completed = outcomes.every((outcome) => outcome !== undefined);
    if (completed && options.onWarning !== undefined) {
      const names = outcomes.flatMap((outcome) => (outcome?.className == null ? [] : [outcome.className]));
      for (const transform of options.transforms) {
        const warning = noSelectionWarning(narrowTransform(transform.loaded.definition, transform.selection), names);
        if (warning !== null) options.onWarning(warning);
      }
    }
    const resources = entries.filter((entry) => entry.kind === 'resource').length;
    let written: string | null = null;
    if (!dryRun && completed && (failures.length === 0 || options.keepGoing === true)) {
      await writeOutput(output!, async (temporary) => {
        const writer = await reader.format.createWriter(reader, temporary, { warn: (message) => options.onWarning?.(message) });
        let classIndex = 0;
        for (const entry of entries) {
          if (entry.kind === 'class') {
            const outcome = outcomes[classIndex++];
            if (outcome !== undefined && outcome.status === 'changed' && outcome.bytes !== null) {
              await writer.replace(entry, outcome.bytes, moves.get(classIndex - 1));
              continue;
            }
          }
          await writer.copy(entry);
        }
        for (const helper of helpers) await writer.add!(`${helper.name}.class`, helper.bytes);
        for (const addition of additions) await writer.add!(addition.path, addition.bytes);
        await writer.finish();
      });
      written = output;
    }
    return {
      input,
      format: reader.format.name,
      output: written,
      dryRun,
      classesSeen: outcomes.filter((outcome) => outcome !== undefined).length,
      changed,
      unchanged,
      skipped,
      failed: failures.length,
      resources,
      completed,
      timeMs: Math.round(performance.now() - started),
      failures,
      changedClasses,
      added: helpers.length + additions.length,
      addedClasses: [...helpers.map((helper) => toDottedName(helper.name)), ...additions.map((addition) => toDottedName(addition.name))],
    };
  } finally {
    reader.close();
  }
}

/**
 * The helper classes of the transforms (helper-classes.ts), made before any class is rewritten, so a
 * broken one stops the run first. Refused, naming the transform, when the input already holds a class
 * of that name (in any release of a multi-release jar); and for a single .class input, whose output
 * is one class file and cannot hold them.
 */
function helperClassesFor(
  options: TransformContainerOptions,
  format: ClassContainerFormat,
  entries: readonly ClassContainerEntry[],
  classPath: ClassPath,
): HelperClass[] {
  const helpers = collectHelperClasses(activeTransforms(options.transforms), classPath, options.onLog);
  if (helpers.length === 0) return helpers;
  if (!format.addsEntries) {
    const names = helpers.map((helper) => toDottedName(helper.name)).join(', ');
    throw new ClassContainerError(
      options.input,
      `the transforms add helper classes (${names}), which a single .class output cannot hold: transform the directory or jar the class belongs to`,
    );
  }
  const classNames = new Set<string>();
  const paths = new Set<string>();
  for (const entry of entries) {
    paths.add(entry.name);
    if (entry.kind === 'class') classNames.add(entry.name.replace(/^META-INF\/versions\/\d+\//, '').replace(/\.class$/, ''));
  }
  for (const helper of helpers) {
    if (classNames.has(helper.name) || paths.has(`${helper.name}.class`)) {
      throw new HelperClassError(helper.transform, `gives ${toDottedName(helper.name)}, which the input already holds (${helper.name}.class)`);
    }
  }
  return helpers;
}

/**
 * Where classes a transform renamed go: a jar entry or a directory file moves to the path of its
 * new name (`com/acme/Foo.class` → `com/acme/Bar.class`, under the same `META-INF/versions/N/` or
 * other prefix), in the same place in the entry order, since the JVM only finds a class at the path
 * of its name. Returns the new entry names by class index. A class whose new path is already taken
 * by another entry becomes a failure (nothing written, or left unchanged with keepGoing); an entry
 * whose path did not match its class name to begin with stays where it is. A single .class file is
 * written to -o whatever its name.
 */
function planRenames(
  format: string,
  classEntries: readonly ClassContainerEntry[],
  entries: readonly ClassContainerEntry[],
  outcomes: (ClassOutcome | undefined)[],
  note: ((message: string) => void) | undefined,
): Map<number, string> {
  const moves = new Map<number, string>();
  if (format === 'class') return moves;
  outcomes.forEach((outcome, i) => {
    if (outcome === undefined || outcome.status !== 'changed' || outcome.renamed === null) return;
    const { from, to } = outcome.renamed;
    const name = classEntries[i]!.name;
    if (!isLegalInternalName(to)) {
      // Its entry path would hold empty, '.' or '..' segments: a directory output would be
      // written outside the output (join() resolves '..'), a jar would get a zip-slip entry.
      outcomes[i] = {
        status: 'failed',
        reason: 'transform',
        className: outcome.className,
        transform: null,
        message: `a transform renamed ${toDottedName(from)} to '${to}', which is not a valid class name (JVMS §4.2.1: '/'-separated non-empty names without '.', ';' or '[')`,
        stack: null,
        logs: outcome.logs,
      };
      return;
    }
    const suffix = `${from}.class`;
    if (!name.endsWith(suffix) || (name.length > suffix.length && !name.endsWith(`/${suffix}`))) {
      note?.(`${toDottedName(from)} was renamed to ${toDottedName(to)}; its entry ${name} does not match its old name either, so it stays there`);
      return;
    }
    moves.set(i, name.slice(0, name.length - suffix.length) + `${to}.class`);
  });
  if (moves.size === 0) return moves;
  // The names the other entries keep (directories compared without their trailing '/').
  const taken = new Set<string>();
  const moved = new Set([...moves.keys()].map((i) => classEntries[i]!));
  for (const entry of entries) if (!moved.has(entry)) taken.add(entry.name.replace(/\/$/, ''));
  const targets = new Map<string, number>();
  for (const target of moves.values()) targets.set(target, (targets.get(target) ?? 0) + 1);
  for (const [i, target] of [...moves]) {
    const outcome = outcomes[i] as ClassOutcome & { renamed: { from: string; to: string } };
    const { from, to } = outcome.renamed;
    if (taken.has(target) || targets.get(target)! > 1) {
      moves.delete(i);
      outcomes[i] = {
        status: 'failed',
        reason: 'transform',
        className: outcome.className,
        transform: null,
        message: `a transform renamed ${toDottedName(from)} to ${toDottedName(to)}, but ${target} ${taken.has(target) ? 'already exists in the input' : 'is also the new name of another class'}`,
        stack: null,
        logs: outcome.logs,
      };
    } else {
      note?.(`${toDottedName(from)} was renamed to ${toDottedName(to)}: ${classEntries[i]!.name} moved to ${target}`);
    }
  }
  return moves;
}

/**
 * Where the classes the transforms added with ctx.addClass (added-classes.ts) go: next to the class
 * they were added for, under the same `META-INF/versions/N/` prefix for a variant of a multi-release
 * jar. A class whose additions cannot be written becomes a failure (nothing written, or left as it was
 * with keepGoing, its additions dropped): a single .class output holds one class; a path another
 * entry, a renamed class, a helper class or another addition already takes is refused.
 */
function planAdditions(
  format: ClassContainerFormat,
  classEntries: readonly ClassContainerEntry[],
  entries: readonly ClassContainerEntry[],
  outcomes: (ClassOutcome | undefined)[],
  moves: ReadonlyMap<number, string>,
  helpers: readonly HelperClass[],
): { readonly name: string; readonly path: string; readonly bytes: Uint8Array }[] {
  const taken = new Map<string, string>();
  for (const entry of entries) taken.set(entry.name, 'an entry of the input');
  for (const target of moves.values()) taken.set(target, 'the new name of a renamed class');
  for (const helper of helpers) taken.set(`${helper.name}.class`, `a helper class of transform '${helper.transform}'`);
  const additions: { name: string; path: string; bytes: Uint8Array }[] = [];
  outcomes.forEach((outcome, i) => {
    if (outcome === undefined || outcome.status === 'failed' || outcome.added.length === 0) return;
    const fail = (message: string): void => {
      outcomes[i] = { status: 'failed', reason: 'transform', className: outcome.className, transform: outcome.added[0]!.transform, message, stack: null, logs: outcome.logs };
    };
    const names = outcome.added.map((added) => toDottedName(added.name)).join(', ');
    if (!format.addsEntries) {
      fail(`the transforms added classes for ${outcome.className} (${names}), which a single .class output cannot hold: transform the directory or jar it belongs to`);
      return;
    }
    const entryName = classEntries[i]!.name;
    const prefix = classEntries[i]!.release === undefined ? '' : (/^META-INF\/versions\/\d+\//.exec(entryName)?.[0] ?? '');
    const planned = outcome.added.map((added) => ({ name: added.name, path: `${prefix}${added.name}.class`, bytes: added.bytes }));
    for (const addition of planned) {
      const holder = taken.get(addition.path);
      if (holder !== undefined) {
        fail(`a transform added ${toDottedName(addition.name)} for ${outcome.className}, but ${addition.path} is already ${holder}`);
        return;
      }
    }
    for (const addition of planned) taken.set(addition.path, `added for ${outcome.className}`);
    additions.push(...planned);
  });
  return additions;
}

/** The views each class of a multi-release jar is loaded in (multi-release-views.ts); undefined outside one. */
function releaseViewsOf(classEntries: readonly ClassContainerEntry[]): (number[] | undefined)[] {
  const variants = classEntries.flatMap((entry) => (entry.release === undefined ? [] : [{ name: entry.name, release: entry.release }]));
  const views = multiReleaseViews(variants);
  let next = 0;
  return classEntries.map((entry) => (entry.release === undefined ? undefined : views[next++]));
}

/** Whether `bytes` starts like a class file whose constant pool can be read. */
function isReadableClassHeader(bytes: Uint8Array): boolean {
  try {
    readClassHeader(bytes);
    return true;
  } catch {
    return false;
  }
}

/** What each format's output is called in messages. */
const KIND_NAMES: Record<string, string> = { class: 'a .class file', directory: 'a directory', jar: 'a jar' };

/**
 * The output is the same kind of container as the input (contract 4), and no conversion is made:
 * an -o whose name says another kind (a jar's output named .class, a directory's named .jar) is a
 * mistake that would give, say, a directory called out.jar, so it is refused before any work.
 */
function checkOutputKind(format: string, output: string): void {
  const name = basename(resolve(output)).toLowerCase();
  const says = /\.(jar|zip|war|ear)$/.test(name) ? 'jar' : name.endsWith('.class') ? 'class' : null;
  if (says === null || says === format) return;
  throw new ClassContainerError(
    output,
    `the input is ${KIND_NAMES[format] ?? format}, so the output is one too (transform does not convert), but this name says ${KIND_NAMES[says]}: choose an -o of the input's kind`,
  );
}

/** Refuses outputs that would overwrite or nest with the input, and non-empty output directories. */
function checkOutputPath(input: string, output: string): void {
  const inputPath = realOrResolved(input);
  const outputPath = realOrResolved(output);
  if (inputPath === outputPath) {
    throw new ClassContainerError(output, 'the output is the input: choose another -o (the input is never modified)');
  }
  if (outputPath.startsWith(inputPath + sep)) {
    throw new ClassContainerError(output, `the output is inside the input ${input}: choose an -o outside it`);
  }
  if (inputPath.startsWith(outputPath + sep)) {
    throw new ClassContainerError(output, `the output would contain the input ${input}: choose another -o`);
  }
  let outputStats;
  try {
    outputStats = statSync(output);
  } catch {
    return;
  }
  const inputIsDirectory = statSync(input, { throwIfNoEntry: false })?.isDirectory() === true;
  if (!outputStats.isDirectory() && !outputStats.isFile()) {
    // The output is renamed into place: it would replace a device, a FIFO or a socket.
    throw new ClassContainerError(output, 'exists and is not a regular file or directory: choose another -o');
  }
  if (outputStats.isDirectory()) {
    if (!inputIsDirectory) {
      throw new ClassContainerError(output, 'is a directory; the output of a file input is a file path');
    }
    if (readdirSync(output).length > 0) {
      throw new ClassContainerError(output, 'the output directory exists and is not empty: remove it or choose another -o');
    }
  } else if (inputIsDirectory) {
    throw new ClassContainerError(output, 'exists and is not a directory; the output of a directory input is a directory');
  }
}

/**
 * The real path of `path`; for a path that does not exist yet, the real path of its nearest
 * existing ancestor with the rest appended, so that `link-to-input/new/dir` is seen inside the input.
 */
function realOrResolved(path: string): string {
  const absolute = resolve(path);
  const rest: string[] = [];
  for (let current = absolute; ; ) {
    try {
      return join(realpathSync(current), ...rest);
    } catch {
      const parent = dirname(current);
      if (parent === current) return absolute;
      rest.unshift(basename(current));
      current = parent;
    }
  }
}

/**
 * writeAtomically, with a file system failure (a missing or read-only directory, a full disk)
 * reported as a ClassContainerError naming the output: the input is fine, the -o is not usable.
 */
async function writeOutput(output: string, write: (temporary: string) => Promise<void>): Promise<void> {
  try {
    await writeAtomically(output, write);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code) || error instanceof ClassContainerError) throw error;
    // Node's message names the temporary path ("ENOSPC: no space left on device, write"); keep its
    // first part, which says what went wrong.
    const syscall = (error as NodeJS.ErrnoException).syscall;
    const what =
      syscall === 'mkdir' && (code === 'EEXIST' || code === 'ENOTDIR')
        ? 'a parent of it is a file, not a directory'
        : (error as Error).message.replace(/, \w+(?: '.*')?$/, '');
    throw new ClassContainerError(output, `cannot write the output: ${what}`, { cause: error });
  }
}

/**
 * Runs `write` on a fresh temporary sibling of `output` (of its target, when it is a symbolic link),
 * then renames it there. The temporary is removed on failure and on SIGINT/SIGTERM in the meantime.
 */
async function writeAtomically(output: string, write: (temporary: string) => Promise<void>): Promise<void> {
  const target = outputTarget(output);
  await mkdir(dirname(target), { recursive: true });
  const temporary = join(dirname(target), `.${basename(target)}.tmp-${randomBytes(6).toString('hex')}`);
  const onSignal = (signal: NodeJS.Signals): void => {
    rmSync(temporary, { recursive: true, force: true });
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await write(temporary);
    keepModeOfReplacedFile(target, temporary);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    throw error;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}
