// Javassist's NotFoundException: a class, method or field asked for by name does not exist.

export class NotFoundException extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NotFoundException';
  }
}
