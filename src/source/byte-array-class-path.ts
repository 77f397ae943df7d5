// # Javassist's ByteArrayClassPath: one class file held in memory, as a class path entry
//
// The agent idiom: `pool.insertClassPath(new ByteArrayClassPath(className, classfileBuffer))`, then
// `pool.get(className)` — the class being loaded is found in its bytes, before (insertClassPath) or
// after (appendClassPath) the pool's other entries; snippets and frames of other classes see it too.

export class ByteArrayClassPath {
  /** `className` dotted (`com.acme.Foo`); `classfile` its class file (kept, not copied). */
  constructor(
    readonly className: string,
    readonly classfile: Uint8Array,
  ) {}

  /** @internal */
  get internalName(): string {
    return this.className.replace(/\./g, '/');
  }

  toString(): string {
    return `byte[]:${this.className}`;
  }
}
