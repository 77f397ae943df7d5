// # classforge diff <before> <after> [--class <glob>] [--skip-debug] [-U <n>] [--stat] [--verbose] [--json]
//
// What changed between two class files, jars or directories (a jar against its transformed copy, a
// build directory against another): classes are matched by name, and each changed one is shown as a
// unified diff (diff -u) of its Textifier listing, the text `classforge print` prints; classes only on
// one side are listed; without --class, the other entries of jars and directories (resources, the
// manifest) are compared byte for byte and listed when they differ. --verbose diffs the javap -v
// style listing too (constant pool, raw attributes).
// Exit status as diff(1): 0 when the classes are the same, 1 when they differ, 2 on bad usage or input.

import type { Command } from 'commander';
import { ClassReader } from '../../src/asm/class-reader.js';
import { createClassNameFilter } from '../../src/util/class-name-glob.js';
import { addedAndRemoved, type ChangedClass, changedClasses, formatAddedAndRemoved, formatChangedClass, formatChangedClassStat, sameBytes } from '../../src/util/class-diff.js';
import { textifyClassWithLineLabels } from '../../src/util/line-label-textifier.js';
import { formatClassFileListing } from '../class-file-listing.js';
import { EXIT_BAD_INPUT, EXIT_CHECKS_FAILED, EXIT_OK, InputError, UsageError, reportError } from '../cli-error.js';
import { notAClassFile, readClassInputs, readOtherEntries } from '../class-input.js';
import { isStdoutClosed, writeStdout } from '../output.js';
import { collect } from '../repeatable-option.js';

interface DiffOptions {
  class?: string[];
  skipDebug?: boolean;
  context?: string;
  verbose?: boolean;
  json?: boolean;
  stat?: boolean;
}

/** The classes of one side, by name (a jar's release variants under their `META-INF/versions/N/` prefix). */
interface ClassSide {
  readonly classes: Map<string, Uint8Array>;
  /** Whether the path was a single class file (then two of them are compared whatever their names). */
  readonly singleFile: boolean;
}

async function readSide(path: string, accepts: (internalName: string) => boolean): Promise<ClassSide> {
  const classes = new Map<string, Uint8Array>();
  let singleFile = false;
  for await (const input of readClassInputs(path)) {
    singleFile = input.entry === '';
    let className: string;
    try {
      className = new ClassReader(input.bytes).getClassName();
    } catch (error) {
      throw new InputError(input.displayName, notAClassFile(input.displayName, input.bytes) ?? (error instanceof Error ? error.message : String(error)), { cause: error });
    }
    if (!accepts(className)) continue;
    const name = input.release === null ? className : `META-INF/versions/${input.release}/${className}`;
    if (classes.has(name)) throw new InputError(input.displayName, `holds class ${className} twice`);
    classes.set(name, input.bytes);
  }
  return { classes, singleFile };
}

/** The other entries of a jar or directory (resources, the manifest), by path. */
async function readEntries(path: string): Promise<Map<string, Uint8Array>> {
  const entries = new Map<string, Uint8Array>();
  for await (const { entry, bytes } of readOtherEntries(path)) entries.set(entry, bytes);
  return entries;
}

/** Paths only in `from`, only in `to`, and in both with other bytes, each sorted. */
function compareEntries(from: ReadonlyMap<string, Uint8Array>, to: ReadonlyMap<string, Uint8Array>): { added: string[]; removed: string[]; changed: string[] } {
  return {
    added: [...to.keys()].filter((name) => !from.has(name)).sort(),
    removed: [...from.keys()].filter((name) => !to.has(name)).sort(),
    changed: [...from.keys()].filter((name) => to.has(name) && !sameBytes(from.get(name)!, to.get(name)!)).sort(),
  };
}

function parseContext(value: string | undefined): number {
  if (value === undefined) return 3;
  if (!/^\d+$/.test(value)) throw new UsageError(`-U/--context takes a number of lines, got '${value}'`);
  return Number(value);
}

async function diffInputs(fromPath: string, toPath: string, options: DiffOptions): Promise<void> {
  const context = parseContext(options.context);
  let someChanged = false;
  const accepts = createClassNameFilter(options.class ?? [], null);
  const verbose = options.verbose === true;
  let from: ClassSide;
  let to: ClassSide;
  // Without --class, the jars' or directories' other entries too (resources, the manifest): compared byte for byte.
  let entries = { added: [] as string[], removed: [] as string[], changed: [] as string[] };
  try {
    from = await readSide(fromPath, accepts);
    to = await readSide(toPath, accepts);
    if ((options.class ?? []).length === 0) entries = compareEntries(await readEntries(fromPath), await readEntries(toPath));
  } catch (error) {
    reportError(error instanceof InputError ? error.path : null, error, verbose);
    process.exitCode = EXIT_BAD_INPUT;
    return;
  }
  // Two class files are compared whatever their names (a class against its renamed copy).
  if (from.singleFile && to.singleFile && from.classes.size === 1 && to.classes.size === 1) {
    const [name] = from.classes.keys();
    to = { classes: new Map([[name!, [...to.classes.values()][0]!]]), singleFile: true };
  }
  const parsingOptions = options.skipDebug === true ? ClassReader.SKIP_DEBUG : 0;
  const listing = (bytes: Uint8Array): string => (verbose ? formatClassFileListing(bytes, '') : '') + textifyClassWithLineLabels(bytes, parsingOptions);
  const { added, removed } = addedAndRemoved(from.classes, to.classes);
  const changed: ChangedClass[] = [];
  if (options.json !== true) {
    writeStdout(
      entries.removed.map((name) => `Only in the first: entry ${name}\n`).join('') +
        entries.added.map((name) => `Only in the second: entry ${name}\n`).join('') +
        entries.changed.map((name) => `Entries differ: ${name}\n`).join('') +
        formatAddedAndRemoved({ added, removed }),
    );
  }
  try {
    // Each class's diff is printed as soon as it is made: two large jars' diffs need not fit in memory at once.
    for (const change of changedClasses(from.classes, to.classes, { context, listing })) {
      if (options.json === true) changed.push(change);
      else writeStdout(options.stat === true ? formatChangedClassStat(change) : formatChangedClass(change));
      someChanged = true;
      if (isStdoutClosed()) {
        // `classforge diff a b | head`: the reader has what it wanted; they differ.
        process.exitCode = EXIT_CHECKS_FAILED;
        return;
      }
    }
  } catch (error) {
    reportError(null, error, verbose);
    process.exitCode = EXIT_BAD_INPUT;
    return;
  }
  const entriesSame = entries.added.length === 0 && entries.removed.length === 0 && entries.changed.length === 0;
  const same = added.length === 0 && removed.length === 0 && !someChanged && entriesSame;
  if (options.json === true) {
    writeStdout(JSON.stringify({ same, added, removed, changed: changed.map((c) => ({ class: c.name, diff: c.diff })), entries }, null, 2) + '\n');
  }
  process.exitCode = same ? EXIT_OK : EXIT_CHECKS_FAILED;
}

/** Adds the `diff` command to `program`. */
export function registerDiffCommand(program: Command): Command {
  return program
    .command('diff')
    .description('show what changed between two class files, jars or directories, as unified diffs of their listings')
    .argument('<before>', 'a class file, a jar or a directory')
    .argument('<after>', 'the same kind of input to compare with')
    .option('--class <glob>', 'only classes whose dotted name matches the glob (* within a package segment, ** across); repeatable', collect)
    .option('--skip-debug', 'leave out source file names, line numbers and local variables (ASM -nodebug)')
    .option('-U, --context <lines>', 'unchanged lines shown around each change (default 3)')
    .option('-v, --verbose', 'diff the javap -v style listing too (constant pool, raw attributes); stack traces on errors')
    .option('--stat', 'one line per changed class, its listing lines added and removed (as git diff --stat), instead of the diffs')
    .option('--json', 'print { same, added, removed, changed: [{ class, diff }], entries: { added, removed, changed } } instead')
    .action(async (before: string, after: string, options: DiffOptions) => {
      await diffInputs(before, after, options);
    });
}
