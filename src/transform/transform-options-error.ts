// # TransformOptionsError: --options that are not JSON, or that a transform's schema rejects
//
// A usage error (exit 2), found before any class is read. The message names the transform and
// the offending path: "trace: options/level must be string".

/** Options that cannot be parsed or do not match a transform's schema. */
export class TransformOptionsError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransformOptionsError';
  }
}
