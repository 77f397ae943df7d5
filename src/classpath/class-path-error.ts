/**
 * Thrown when a class path entry cannot be read: a jar that is truncated or corrupt, a JDK runtime
 * image in a format we do not know, an entry compressed with an unsupported method. The message
 * always names the file and what is wrong with it, so that a user can replace or remove it.
 */
export class ClassPathError extends Error {
  /** The file (jar, jmod, runtime image, class file) the problem was found in. */
  readonly file: string;

  constructor(file: string, message: string, options?: { cause?: unknown }) {
    super(`${file}: ${message}`, options);
    this.name = 'ClassPathError';
    this.file = file;
  }
}
