// # TransformDefinitionError: a transform module whose definition cannot be used
//
// Thrown by defineTransform for a malformed definition (no name, two styles, a glob that is not a
// string…), and by the loader when a module's default export is not a transform. It is a usage
// problem (exit 2), found before any class is read.

/** A transform definition that cannot be used; the message says what to fix. */
export class TransformDefinitionError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransformDefinitionError';
  }
}
