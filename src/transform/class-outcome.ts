// # ClassOutcome: what happened to one class of a job, as plain data
//
// applyTransforms throws on failure; a job (run-transform-job.ts) must keep going, or at least
// report, and must move results between worker threads. So each class's result becomes a
// structured-clone friendly record, in a worker exactly as in process.

import { UnknownClassError } from '../asm/class-writer.js';
import { ClassFormatError } from '../classfile/class-format-error.js';
import { readClassHeader } from '../classpath/class-header.js';
import { applyTransforms, type ActiveTransform, type ApplyTransformsEnvironment, type TransformLogEntry } from './apply-transforms.js';
import { describeCause, TransformError } from './transform-error.js';
import type { AddedClass } from './added-classes.js';

/** A class that went through (or around) the transforms. */
export interface ClassDone {
  readonly status: 'changed' | 'unchanged' | 'skipped';
  /** Dotted class name. */
  readonly className: string;
  /** The new bytes when changed; null otherwise (the input's bytes stand). */
  readonly bytes: Uint8Array | null;
  /**
   * When a transform renamed the class: its internal names before and after (`com/acme/Foo` →
   * `com/acme/Bar`); null otherwise.
   */
  readonly renamed: { readonly from: string; readonly to: string } | null;
  readonly logs: readonly TransformLogEntry[];
  /** The classes the transforms added for it (ctx.addClass), in order. */
  readonly added: readonly AddedClass[];
}

/** A class on which a transform failed, or that could not be read. */
export interface ClassFailed {
  readonly status: 'failed';
  /**
   * 'transform': a transform (or the writer, because of a transform's change) failed;
   * 'input': the bytes are not a readable class file.
   */
  readonly reason: 'transform' | 'input';
  /** Dotted class name, or null when the class could not even be read. */
  readonly className: string | null;
  /** The transform that failed, or null for an input failure. */
  readonly transform: string | null;
  /** One line: "transform 'trace' failed on com.acme.Foo: …", or the ClassFormatError's message. */
  readonly message: string;
  /** The stack of the original error (shown with --verbose). */
  readonly stack: string | null;
  readonly logs: readonly TransformLogEntry[];
  /**
   * When the failure is a class frame computation could not find (UnknownClassError): its internal
   * name. runTransformJob retries such a class once the run's other classes are known.
   */
  readonly missingClass?: string;
}

export type ClassOutcome = ClassDone | ClassFailed;

/** Runs applyTransforms on one class and records what happened; never throws. */
export function transformClass(
  bytes: Uint8Array,
  transforms: readonly ActiveTransform[],
  environment: Omit<ApplyTransformsEnvironment, 'log'>,
): ClassOutcome {
  const logs: TransformLogEntry[] = [];
  try {
    const result = applyTransforms(bytes, transforms, { classPath: environment.classPath, log: (entry) => logs.push(entry) });
    let renamed: ClassDone['renamed'] = null;
    if (result.status === 'changed') {
      const from = readClassHeader(bytes).name;
      const to = readClassHeader(result.bytes).name;
      if (from !== to) renamed = { from, to };
    }
    return {
      status: result.status,
      className: result.className,
      bytes: result.status === 'changed' ? result.bytes : null,
      renamed,
      logs,
      added: result.added,
    };
  } catch (error) {
    if (error instanceof TransformError) {
      const missingClass = unknownClassOf(error);
      return {
        status: 'failed',
        reason: 'transform',
        className: error.className,
        transform: error.transformName,
        message: error.message,
        stack: stackOf(error),
        logs,
        ...(missingClass === null ? {} : { missingClass }),
      };
    }
    return {
      status: 'failed',
      reason: error instanceof ClassFormatError ? 'input' : 'transform',
      className: null,
      transform: null,
      message: describeCause(error),
      stack: stackOf(error),
      logs,
    };
  }
}

/** The class an UnknownClassError in `error`'s cause chain names, or null. */
function unknownClassOf(error: unknown): string | null {
  for (let cause: unknown = error, depth = 0; cause instanceof Error && depth < 10; cause = cause.cause, depth++) {
    if (cause instanceof UnknownClassError) return cause.className;
  }
  return null;
}

/** The stack of `error` and of its causes. */
function stackOf(error: unknown): string | null {
  if (!(error instanceof Error) || error.stack === undefined) return null;
  let text = error.stack;
  let cause = error.cause;
  while (cause instanceof Error) {
    text += `\nCaused by: ${cause.stack ?? cause.message}`;
    cause = cause.cause;
  }
  return text;
}
