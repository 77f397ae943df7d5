// # diffClasses: what a transform changed, as the unified diffs `classforge diff` prints
//
//   const traced = await transformClasses(program, trace);
//   const diff = diffClasses(program, traced, { skipDebug: true });
//   expect(diff.changed.map((c) => c.name)).toEqual(['com/acme/Calc']);
//   expect(diff.toString()).toMatchSnapshot();
//
// Classes are matched by internal name; each changed one gets a unified diff (diff -u) of its
// Textifier listing — a readable, stable snapshot of a transform's effect, where the class files
// themselves are bytes.

import { ClassReader } from '../asm/class-reader.js';
import { createClassNameFilter } from '../util/class-name-glob.js';
import { type ChangedClass, diffClassSets, formatClassSetDiff } from '../util/class-diff.js';
import { textifyClassWithLineLabels } from '../util/line-label-textifier.js';
import { type ClassFilesInput, toClassFiles } from './class-files.js';

export type { ChangedClass } from '../util/class-diff.js';

export interface DiffClassesOptions {
  /** Leave out source file names, line numbers and local variables (ClassReader.SKIP_DEBUG). */
  skipDebug?: boolean;
  /** Unchanged lines around each change (default 3). */
  context?: number;
  /** Only classes whose dotted name matches one of these globs (`com.acme.**`), as `--class`. */
  classes?: readonly string[];
}

export interface ClassesDiff {
  /** Whether no class was added, removed or changed. */
  readonly same: boolean;
  /** Internal names only in the second input, sorted. */
  readonly added: readonly string[];
  /** Internal names only in the first input, sorted. */
  readonly removed: readonly string[];
  /** The classes in both whose bytes differ, sorted by name, each with its unified diff. */
  readonly changed: readonly ChangedClass[];
  /** The whole report, as `classforge diff` prints it. */
  toString(): string;
}

/**
 * Compares two sets of classes (Maps of internal name → bytes, compileJava or transformClasses
 * results, directories or jars). Throws ClassFormatError for a class that cannot be read.
 */
export function diffClasses(before: ClassFilesInput, after: ClassFilesInput, options: DiffClassesOptions = {}): ClassesDiff {
  const accepts = createClassNameFilter(options.classes ?? [], null);
  const select = (input: ClassFilesInput): Map<string, Uint8Array> => new Map([...toClassFiles(input)].filter(([, bytes]) => accepts(new ClassReader(bytes).getClassName())));
  const parsingOptions = options.skipDebug === true ? ClassReader.SKIP_DEBUG : 0;
  const result = diffClassSets(select(before), select(after), { context: options.context, listing: (bytes) => textifyClassWithLineLabels(bytes, parsingOptions) });
  const same = result.added.length === 0 && result.removed.length === 0 && result.changed.length === 0;
  return { same, ...result, toString: () => formatClassSetDiff(result) };
}
