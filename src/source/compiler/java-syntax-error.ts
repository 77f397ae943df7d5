// The one error the snippet front end (lexer and parser) throws.
//
// Snippets handed to CtMethod.insertBefore, CtNewMethod.make… are user input: a malformed one must produce a
// precise, short message with its position, never a TypeError, a RangeError or a hang. The message always
// starts with `line L, column C: ` (1-based, counted in the source as written, before the JLS §3.3 unicode
// escape translation), so that CannotCompileException can pass it through unchanged.

import type { SourcePosition } from './ast.js';

export class JavaSyntaxError extends Error {
  /** 1-based line of the offending token or character. */
  readonly line: number;
  /** 1-based column (UTF-16 code units from the start of the line). */
  readonly column: number;
  /** 0-based offset into the source string. */
  readonly offset: number;
  /** The message without its `line L, column C: ` prefix. */
  readonly detail: string;

  constructor(detail: string, position: SourcePosition) {
    super(`line ${position.line}, column ${position.column}: ${detail}`);
    this.name = 'JavaSyntaxError';
    this.line = position.line;
    this.column = position.column;
    this.offset = position.offset;
    this.detail = detail;
  }
}
