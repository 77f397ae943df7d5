// # TransformError: a transform failed on one class
//
// Whatever a transform throws (its own error, ClassFormatError from a bad instruction it emitted,
// UnknownClassError from frame computation) is wrapped with the transform's name and the class's
// dotted name, so that the one-line report says who failed where:
// "transform 'trace' failed on com.acme.Foo: <cause message>".

import { mapErrorStacks } from './transform-stack.js';

/** A transform threw (or produced an unusable result) while rewriting one class. */
export class TransformError extends Error {
  /** The `name` of the transform that failed. */
  readonly transformName: string;
  /** The dotted Java name of the class (`com.acme.Foo$Bar`). */
  readonly className: string;

  constructor(transformName: string, className: string, cause: unknown) {
    // The cause's frames in the transform's code name its file and line, not the bundle's data: URL.
    super(`transform '${transformName}' failed on ${className}: ${describeCause(cause)}`, { cause: mapErrorStacks(cause) });
    this.name = 'TransformError';
    this.transformName = transformName;
    this.className = className;
  }
}

/** The one-line text of a thrown value: its message, prefixed by its class name when that informs. */
export function describeCause(cause: unknown): string {
  let text: string;
  if (cause instanceof Error) {
    const showName = cause.name !== 'Error' && cause.name !== '';
    text = showName ? `${cause.name}: ${cause.message}` : cause.message;
  } else {
    text = String(cause);
  }
  return text.replace(/\s*\r?\n\s*/g, ' ').trim();
}
