/**
 * Thrown by the `check(api)` methods of the tree nodes when a node holds something that the
 * requested ASM API level cannot express (for instance a record component checked against ASM7).
 */
export class UnsupportedClassVersionException extends Error {
  constructor(message?: string) {
    super(message ?? 'the node uses features not supported by the requested ASM API version');
    this.name = 'UnsupportedClassVersionException';
  }
}
