// Javassist's CannotCompileException: a source snippet does not compile, or a change cannot be made
// (a frozen class, a method without a body). The message names where: the class, the member and,
// for snippets, the line and column in the snippet.

export class CannotCompileException extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CannotCompileException';
  }
}
