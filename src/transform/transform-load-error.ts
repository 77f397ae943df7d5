// # TransformLoadError: a transform module that cannot be loaded
//
// The file is missing, does not compile (esbuild's first error, with line and column), throws
// while it is evaluated, or has no usable default export. A usage problem (exit 2): the message
// starts with the file, so the user knows which -t to fix.

/** A transform file that could not be loaded; `file` is its absolute path. */
export class TransformLoadError extends Error {
  readonly file: string;

  constructor(file: string, message: string, options?: { cause?: unknown }) {
    super(`${file}: ${message}`, options);
    this.name = 'TransformLoadError';
    this.file = file;
  }
}
