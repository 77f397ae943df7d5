// # `-t <transform>...` and `--options <json>`: shared by transform, agent, run and attach
//
// Loads the transform modules in the order given and resolves their options (DESIGN.md contract
// 3: one --options for all, or `<transform>=<json>` for one), so every command that takes
// transforms accepts and reports them alike.

import { loadTransform, type LoadedTransform } from '../src/transform/load-transform.js';
import { parseTransformOptionsArguments, resolveTransformOptions, undeclaredOptionWarnings } from '../src/transform/transform-options.js';
import { readableStack } from '../src/transform/transform-stack.js';
import { UsageError } from './cli-error.js';

export { collect } from './repeatable-option.js';

/** A loaded transform and its validated options. */
export interface ResolvedTransform {
  readonly loaded: LoadedTransform;
  readonly options: unknown;
}

/**
 * Loads `paths` and resolves `optionsArguments` against them. Throws UsageError without -t,
 * TransformLoadError and TransformOptionsError (each with a one-line message) otherwise.
 */
export async function loadTransformsWithOptions(
  paths: readonly string[] | undefined,
  optionsArguments: readonly string[] | undefined,
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
  return loaded.map((transform, i) => ({ loaded: transform, options: resolved[i] }));
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
