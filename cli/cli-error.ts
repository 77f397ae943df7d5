// # CLI errors and exit codes (DESIGN.md, contract 4)
//
// Every command reports a failure as ONE line on stderr, `classforge: <where>: <what>`, and exits
// with 2 for bad usage or bad input, 1 when checks ran and failed, 0 otherwise. Stack traces are
// only shown with --verbose: a user needs what and where, not our call stack.

import { readableStack } from '../src/transform/transform-stack.js';

/** Exit status: success. */
export const EXIT_OK = 0;
/** Exit status: the command ran and its checks failed (verify…). */
export const EXIT_CHECKS_FAILED = 1;
/** Exit status: bad usage or bad input (missing file, malformed class, corrupt jar). */
export const EXIT_BAD_INPUT = 2;

/** A failure tied to an input: a path, or `jar!/entry` for an entry of a jar. */
export class InputError extends Error {
  /** The path (or jar entry) the message is about. */
  readonly path: string;

  constructor(path: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InputError';
    this.path = path;
  }
}

/** A usage error (bad option value, conflicting options) found by a command itself; run() reports it and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Makes `text` fit on one line. */
function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ').trim();
}

/**
 * The one-line description of `error`: its message, prefixed by its class name when that says
 * something (ClassFormatError, TypeError…), not for plain errors and our own InputError.
 */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'no such file or directory';
    if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
    if (code === 'EISDIR') return 'is a directory';
    const showName = error.name !== 'Error' && error.name !== 'InputError' && error.name !== 'UsageError';
    return oneLine(showName ? `${error.name}: ${error.message}` : error.message);
  }
  return oneLine(String(error));
}

/**
 * Writes the error line for `error` about `path` (null when the error is not about one input) to
 * stderr; with `verbose`, the stack trace follows.
 */
export function reportError(path: string | null, error: unknown, verbose: boolean): void {
  const where = path === null ? '' : `${path}: `;
  process.stderr.write(`classforge: ${where}${describeError(error)}\n`);
  if (verbose && error instanceof Error && error.stack !== undefined) {
    process.stderr.write(readableStack(error.stack) + '\n');
    let cause = error.cause;
    while (cause instanceof Error) {
      process.stderr.write(`Caused by: ${cause.stack === undefined ? cause.message : readableStack(cause.stack)}\n`);
      cause = cause.cause;
    }
  }
}
