// # `-t <transform>...`, `--options <json>`, `--include`/`--exclude <glob>`: shared by transform, agent, run and attach
//
// Loads the transform modules in the order given and resolves their options (DESIGN.md contract
// 3: one --options for all, or `<transform>=<json>` for one), so every command that takes
// transforms accepts and reports them alike. `--include`/`--exclude` narrow every transform to the
// classes they select, on top of its own include/exclude (narrowTransform): a stock transform
// (method timing, tracing) applied to one package without editing it.

import { loadTransform, type LoadedTransform } from '../src/transform/load-transform.js';
import { parseTransformOptionsArguments, resolveTransformOptions, undeclaredOptionWarnings } from '../src/transform/transform-options.js';
import { readableStack } from '../src/transform/transform-stack.js';
import { UsageError } from './cli-error.js';
import { collect } from './repeatable-option.js';
import type { Command } from 'commander';
import type { ClassSelection } from '../src/transform/define-transform.js';

export { collect };

/** A loaded transform, its validated options, and the command line's narrowing of its classes. */
export interface ResolvedTransform {
  readonly loaded: LoadedTransform;
  readonly options: unknown;
  readonly selection?: ClassSelection;
}

/** Adds `--include <glob>` and `--exclude <glob>` to a command that takes transforms. */
export function addSelectionOptions(command: Command): Command {
  return command
    .option('--include <glob>', "only classes whose dotted name matches the glob (* within a package segment, ** across), on top of each transform's own include; repeatable", collect)
    .option('--exclude <glob>', "leave classes whose dotted name matches the glob alone, whatever the transforms include; repeatable", collect);
}

/** The `--include`/`--exclude` values as a ClassSelection, or undefined when neither is given. */
export function selectionFromOptions(options: { include?: string[]; exclude?: string[] }): ClassSelection | undefined {
  const include = options.include ?? [];
  const exclude = options.exclude ?? [];
  if (include.length === 0 && exclude.length === 0) return undefined;
  for (const [option, globs] of [['--include', include], ['--exclude', exclude]] as const) {
    if (globs.some((glob) => glob.trim() === '')) throw new UsageError(`${option} takes a non-empty class-name glob, e.g. 'com.acme.**'`);
  }
  return { include, exclude };
}

/**
 * Loads `paths` and resolves `optionsArguments` against them. Throws UsageError without -t,
 * TransformLoadError and TransformOptionsError (each with a one-line message) otherwise.
 */
export async function loadTransformsWithOptions(
  paths: readonly string[] | undefined,
  optionsArguments: readonly string[] | undefined,
  selection?: ClassSelection,
): Promise<ResolvedTransform[]> {
  if (paths === undefined || paths.length === 0) throw new UsageError('give at least one transform module with -t <file>');
  const loaded: LoadedTransform[] = [];
  for (const path of paths) {
    loaded.push(await loadTransform(path));
  }
  const definitions = loaded.map((transform) => transform.definition);
  const optionValues = parseTransformOptionsArguments([...(optionsArguments ?? [])]);
  const resolved = resolveTransformOptions(definitions, optionValues);
  for (const warning of undeclaredOptionWarnings(definitions, optionValues)) process.stderr.write(`classforge: warning: ${warning}\n`);
  return loaded.map((transform, i) => ({ loaded: transform, options: resolved[i], ...(selection === undefined ? {} : { selection }) }));
}

/** Reports one of our own errors, whose message already says what and where, on one line. */
export function reportPlain(error: Error, verbose: boolean, path: string | null = null): void {
  process.stderr.write(`classforge: ${path === null ? '' : path + ': '}${error.message.replace(/\s*\r?\n\s*/g, ' ')}\n`);
  if (verbose && error.stack !== undefined) {
    process.stderr.write(readableStack(error.stack) + '\n');
    // A transform module that threw while loading: its own stack is the cause's.
    for (let cause = error.cause; cause instanceof Error; cause = cause.cause) {
      process.stderr.write(`Caused by: ${cause.stack === undefined ? cause.message : readableStack(cause.stack)}\n`);
    }
  }
}

/** Parses a `--timeout <ms>` value. */
export function parseMilliseconds(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9][0-9]*$/.test(value.trim())) throw new UsageError(`${option} must be a positive number of milliseconds, got '${value}'`);
  return Number.parseInt(value, 10);
}
