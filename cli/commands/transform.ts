// # classforge transform <in> -o <out> -t <transform>... [--cp <path>] [--options <json>] [--jobs <n>]
//   [--json] [--dry-run] [--keep-going] [--verbose]
//
// Runs transform modules (DESIGN.md contract 3) over a .class file, a directory or a jar and
// writes the same kind of container (src/transform/transform-container.ts does the work).
//
// Exit status: 0 when every class went through; 1 when a transform failed on a class, and with
// --keep-going whenever some class failed (a transform's failure or a malformed class file): the
// output is then written with those classes unchanged, and a run that silently left classes
// untransformed must not look like a success to a build; 2 for bad usage or input when nothing is
// written (unknown option, missing input, a transform file that does not load, --options that do
// not validate, a malformed class file without --keep-going, a corrupt jar). So exit 2 always
// means no output exists.
//
// Errors are one line on stderr ("classforge: transform 'trace' failed on com.acme.Foo: …"),
// the stack trace only with --verbose. ctx.log messages go to stderr as "[trace] com.acme.Foo: …",
// in input order whatever --jobs is. On a terminal, stderr shows "classes 1234/2040" while the
// run lasts, and a summary line at the end; on a pipe, neither.

import { delimiter } from 'node:path';
import type { Command } from 'commander';
import { ClassPathError } from '../../src/classpath/class-path-error.js';
import type { TransformLogEntry } from '../../src/transform/apply-transforms.js';
import { ClassContainerError } from '../../src/transform/class-container.js';
import { maxJobs, type JobTransform } from '../../src/transform/run-transform-job.js';
import { transformContainer, type TransformSummary } from '../../src/transform/transform-container.js';
import { TransformLoadError } from '../../src/transform/transform-load-error.js';
import { HelperClassError } from '../../src/transform/helper-class-error.js';
import { TransformOptionsError } from '../../src/transform/transform-options-error.js';
import { checkClassPathEntries, classPathEntries } from '../class-path-arguments.js';
import { EXIT_BAD_INPUT, EXIT_CHECKS_FAILED, EXIT_OK, InputError, reportError, UsageError } from '../cli-error.js';
import { redirectConsoleToStderr } from '../../src/transform/console-to-stderr.js';
import { globWarnings } from '../../src/transform/selection-warnings.js';
import { count, writeStdout } from '../output.js';
import { addSelectionOptions, collect, loadTransformsWithOptions, reportPlain, selectionFromOptions } from '../transform-arguments.js';
import { narrowTransform } from '../../src/transform/define-transform.js';

interface TransformCommandOptions {
  output?: string;
  transform?: string[];
  cp?: string[];
  options?: string[];
  jobs?: string;
  json?: boolean;
  dryRun?: boolean;
  keepGoing?: boolean;
  verbose?: boolean;
  include?: string[];
  exclude?: string[];
}

function parseJobs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9][0-9]*$/.test(value.trim())) {
    throw new UsageError(`--jobs must be a positive integer, got '${value}'`);
  }
  return Number.parseInt(value, 10);
}

/** "classes 1234/2040" on a terminal's stderr, redrawn at most ten times a second. */
class ProgressLine {
  private readonly enabled: boolean;
  private lastDraw = 0;
  private shown = false;

  constructor() {
    this.enabled = process.stderr.isTTY === true;
  }

  update(done: number, total: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (done < total && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    process.stderr.write(`\r\x1b[Kclasses ${done}/${total}`);
    this.shown = true;
  }

  /** Erases the line (before other output, and at the end). */
  clear(): void {
    if (!this.shown) return;
    process.stderr.write('\r\x1b[K');
    this.shown = false;
  }
}

function printSummaryLine(summary: TransformSummary): void {
  const seconds = (summary.timeMs / 1000).toFixed(1);
  const parts = [`${summary.changed} changed`, `${summary.unchanged} unchanged`];
  if (summary.skipped > 0) parts.push(`${summary.skipped} skipped`);
  if (summary.failed > 0) parts.push(`${summary.failed} failed`);
  if (summary.added > 0) parts.push(`${summary.added} helper ${summary.added === 1 ? 'class' : 'classes'} added`);
  const target = summary.output !== null ? ` → ${summary.output}` : summary.dryRun ? ' (dry run, nothing written)' : '';
  process.stderr.write(`classforge: ${count(summary.classesSeen, 'class', 'classes')}: ${parts.join(', ')}${target} in ${seconds} s\n`);
}

function summaryJson(summary: TransformSummary): string {
  const json = {
    input: summary.input,
    output: summary.output,
    dryRun: summary.dryRun,
    classesSeen: summary.classesSeen,
    changed: summary.changed,
    unchanged: summary.unchanged,
    skipped: summary.skipped,
    failed: summary.failed,
    added: summary.added,
    resources: summary.resources,
    timeMs: summary.timeMs,
    failures: summary.failures.map((failure) => ({
      className: failure.className,
      entry: failure.entry,
      transform: failure.transform,
      message: forCommandLine(failure.message),
    })),
    ...(summary.dryRun ? { changedClasses: summary.changedClasses } : {}),
    addedClasses: summary.addedClasses,
  };
  return JSON.stringify(json, null, 2) + '\n';
}

/**
 * A failure message in the command line's terms: frame computation's advice for a class missing
 * from the class path names the library's options (unknownClassesAsObject, getCommonSuperClass),
 * which a CLI user cannot set; the CLI's way is --cp.
 */
function forCommandLine(message: string): string {
  return message.replace(
    /Add it to the class path, pass unknownClassesAsObject, or override getCommonSuperClass\.$/,
    'Add the jar or directory that holds it with --cp <path>.',
  );
}

/** How messages name an entry of the input: the file itself for a .class input, `dir/entry` for a directory. */
function entryPath(summary: TransformSummary, entry: string): string {
  const input = summary.input;
  if (summary.format === 'class') return input;
  // As print and verify name them.
  if (summary.format === 'jar') return `${input}!/${entry}`;
  return `${input}${input.endsWith('/') ? '' : '/'}${entry}`;
}

/** Loads the transforms and runs them; returns the summary, or the exit status of a failure already reported. */
async function transformWithTransforms(
  input: string,
  options: TransformCommandOptions,
  jobs: number | undefined,
  classPath: string[],
  verbose: boolean,
): Promise<TransformSummary | number> {
  let transforms: JobTransform[];
  try {
    transforms = await loadTransformsWithOptions(options.transform, options.options, selectionFromOptions(options));
  } catch (error) {
    if (error instanceof TransformLoadError || error instanceof TransformOptionsError) {
      reportPlain(error, verbose);
      return EXIT_BAD_INPUT;
    }
    throw error;
  }

  // Once each: the --include/--exclude warnings come with every transform they narrow.
  const warnings = new Set(transforms.flatMap((transform) => globWarnings(narrowTransform(transform.loaded.definition, transform.selection))));
  for (const warning of warnings) process.stderr.write(`classforge: warning: ${warning}\n`);
  const dryRun = options.dryRun === true;
  const progress = new ProgressLine();
  const onLog = (entry: TransformLogEntry): void => {
    progress.clear();
    process.stderr.write(`[${entry.transform}] ${entry.className}: ${entry.message.replace(/\r?\n/g, ' ')}\n`);
  };
  let summary: TransformSummary;
  try {
    summary = await transformContainer({
      consoleToStderr: true,
      input,
      output: options.output ?? null,
      transforms,
      classPath,
      ...(jobs === undefined ? {} : { jobs }),
      keepGoing: options.keepGoing === true,
      dryRun,
      onProgress: (done, total) => progress.update(done, total),
      onLog,
      onWarning: (message) => {
        progress.clear();
        process.stderr.write(`classforge: warning: ${message}\n`);
      },
      onNote: (message) => {
        progress.clear();
        process.stderr.write(`classforge: note: ${message}\n`);
      },
    });
  } catch (error) {
    progress.clear();
    if (error instanceof ClassContainerError) {
      reportPlain(error, verbose, error.path);
      return EXIT_BAD_INPUT;
    }
    if (error instanceof ClassPathError) {
      reportPlain(error, verbose);
      return EXIT_BAD_INPUT;
    }
    if (error instanceof HelperClassError) {
      reportPlain(error, verbose);
      return EXIT_CHECKS_FAILED;
    }
    reportError(null, error, verbose);
    return EXIT_CHECKS_FAILED;
  }
  progress.clear();
  return summary;
}

async function runTransformCommand(input: string, options: TransformCommandOptions): Promise<number> {
  const verbose = options.verbose === true;
  if ((options.transform ?? []).length === 0) throw new UsageError('give at least one transform module with -t <file>');
  const dryRun = options.dryRun === true;
  if (!dryRun && (options.output === undefined || options.output === '')) {
    throw new UsageError('give the output path with -o <path> (or use --dry-run)');
  }
  let jobs = parseJobs(options.jobs);
  if (jobs !== undefined && jobs > maxJobs()) {
    process.stderr.write(`classforge: note: --jobs ${jobs} is more than the ${maxJobs()} cores here; using ${maxJobs()}\n`);
    jobs = maxJobs();
  }
  const classPath = classPathEntries(options.cp);
  try {
    checkClassPathEntries(classPath);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    reportError(error.path, error, verbose);
    return EXIT_BAD_INPUT;
  }
  // Stack traces through transform bundles point at the transform's own sources.
  if (verbose) process.setSourceMapsEnabled(true);

  // Stdout carries only our own output (the --json summary, the --dry-run list): whatever the
  // transforms print, while they load and while they run (in workers too), goes to stderr.
  const restoreConsole = redirectConsoleToStderr();
  let summary: TransformSummary;
  try {
    const result = await transformWithTransforms(input, options, jobs, classPath, verbose);
    if (typeof result === 'number') return result;
    summary = result;
  } finally {
    restoreConsole();
  }

  // A directory before the build filled it, a jar of resources: the output is a copy, which is seldom what was meant.
  if (summary.classesSeen === 0) process.stderr.write(`classforge: warning: no class files in ${input}; the output is a copy of it\n`);
  for (const failure of summary.failures) {
    const where = failure.reason === 'input' ? `${entryPath(summary, failure.entry)}: ` : '';
    process.stderr.write(`classforge: ${where}${forCommandLine(failure.message)}\n`);
    if (verbose && failure.stack !== null) process.stderr.write(failure.stack + '\n');
  }
  if (options.json === true) {
    writeStdout(summaryJson(summary));
  } else if (dryRun) {
    for (const name of summary.changedClasses) writeStdout(name + '\n');
  }
  if (process.stderr.isTTY === true) printSummaryLine(summary);

  if (summary.failures.length === 0) return EXIT_OK;
  // --keep-going ran every class and wrote (or, dry, would write) the output: exit 2 is kept for
  // runs that write nothing.
  if (options.keepGoing === true && summary.completed) return EXIT_CHECKS_FAILED;
  if (summary.failures.some((failure) => failure.reason === 'transform')) return EXIT_CHECKS_FAILED;
  if (summary.failures.length > 0) return EXIT_BAD_INPUT;
  return EXIT_OK;
}

/** Adds the `transform` command to `program`. */
export function registerTransformCommand(program: Command): Command {
  const command = program
    .command('transform')
    .description('run transform modules over a class file, a directory or a jar, writing the same kind of output')
    .argument('<input>', 'a .class file, a directory of classes or a jar')
    .option('-o, --output <path>', 'where to write the result (same kind as the input; written atomically)')
    .option('-t, --transform <file>', 'a transform module (.ts, .mts, .js, .mjs) or a compiled Byte Buddy advice class (.class); repeatable, applied in order', collect)
    .option('--cp <path>', `extra class path entries for frames and ctx.classPath, separated by "${delimiter}"; repeatable`, collect)
    .option('--options <json>', "options for every transform as JSON, or '<transform>=<json>' for one; '@<file>' reads the JSON from a file; repeatable", collect);
  return addSelectionOptions(command)
    .option('--jobs <n>', 'worker threads, at most one per core (default: one per 2000 classes, on every core but one, in process if fewer than 2; 1 runs in process)')
    .option('--json', 'print a JSON summary on stdout')
    .option('--dry-run', 'list the classes that would change; write nothing')
    .option('--keep-going', 'leave classes that fail (a transform throws, or a malformed class file) unchanged, report them, and still write the output; exit 1 if any failed')
    .option('-v, --verbose', 'show stack traces on errors')
    .action(async (input: string, options: TransformCommandOptions) => {
      process.exitCode = await runTransformCommand(input, options);
    });
}
