// # The errors the checking adapters throw (CheckClassAdapter, CheckMethodAdapter…)
//
// ASM's checkers throw Java's IllegalArgumentException for a bad argument, IllegalStateException
// for a call out of order and UnsupportedOperationException for something the element cannot
// have (code in an abstract method, `opens` in an open module). They are Error subclasses here
// with the Java class name as `name`, so `instanceof` tells the three apart and a stack trace
// reads like ASM's. Messages name the visit method or argument at fault.

/** A visit method received an argument that is invalid on its own (a bad name, opcode, flag…). */
export class IllegalArgumentException extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'IllegalArgumentException';
  }
}

/** A visit method was called at a point of the visit where it is not allowed. */
export class IllegalStateException extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'IllegalStateException';
  }
}

/** A visit method was called for something the visited element cannot have. */
export class UnsupportedOperationException extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedOperationException';
  }
}
