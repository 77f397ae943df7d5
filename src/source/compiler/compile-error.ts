// # CompileError: a semantic error in a Java snippet
//
// Thrown by the compiler's semantic model (type names, members, conversions) with javac-like wording,
// so that a user who knows javac's diagnostics recognizes them. The position, when known, is where
// the offending construct starts in the snippet; the model itself works on names and types and
// usually has none, and the attribution pass adds it (withPosition) as the error passes through.

/** A place in a snippet: 1-based line and column, 0-based UTF-16 offset. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

/** A semantic error of a Java snippet (a missing class, method or field, an ambiguity, a bad conversion). */
export class CompileError extends Error {
  /** Where in the snippet, when known. */
  readonly position: SourcePosition | undefined;
  /** The message without the position suffix. */
  readonly detail: string;

  constructor(message: string, position?: SourcePosition, options?: ErrorOptions) {
    super(position === undefined ? message : `${message} (line ${position.line}, column ${position.column})`, options);
    this.name = 'CompileError';
    this.position = position;
    this.detail = message;
  }

  /** This error at `position`, unless it already has one (the innermost position is the most precise). */
  withPosition(position: SourcePosition): CompileError {
    if (this.position !== undefined) return this;
    return new CompileError(this.detail, position, { cause: this.cause });
  }
}
