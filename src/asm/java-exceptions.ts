// # Java's unchecked exceptions that ASM throws, as Error subclasses
//
// ASM throws IllegalArgumentException for a bad argument (an unknown api level, a constant of no
// class-file type, an invalid opcode), IllegalStateException for a call out of order (a Label's
// offset asked before it is resolved, a subclass that must pass an api level), and
// UnsupportedOperationException for a feature the visitor's api level lacks (a type annotation
// under ASM4, a record under ASM7). They are Error subclasses here with the Java class name as
// `name`, so that a port of `catch (UnsupportedOperationException e)` reads
// `e instanceof UnsupportedOperationException`, and a stack trace reads like ASM's. They live in
// the core (src/asm) so that every layer above can throw them; the package exports them.

/** An argument is invalid on its own (a bad name, opcode, flag, api level, constant…). */
export class IllegalArgumentException extends Error {
  constructor(message?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'IllegalArgumentException';
  }
}

/** A method was called at a point where it is not allowed. */
export class IllegalStateException extends Error {
  constructor(message?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'IllegalStateException';
  }
}

/** A method was called for something the object (or its api level) cannot do. */
export class UnsupportedOperationException extends Error {
  constructor(message?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UnsupportedOperationException';
  }
}

/** An iterator has no next (or previous) element. */
export class NoSuchElementException extends Error {
  constructor(message?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NoSuchElementException';
  }
}

/** An index is out of range; a RangeError, as JavaScript's own range checks throw. */
export class IndexOutOfBoundsException extends RangeError {
  constructor(message?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'IndexOutOfBoundsException';
  }
}
