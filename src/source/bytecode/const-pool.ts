// # Javassist's ConstPool, as a handle
//
// Javassist's bytecode-level constructors take the constant pool the new structure will live in
// (`new AnnotationsAttribute(cp, tag)`, `new StringMemberValue("x", cp)`). Here the views write to
// the class's tree, which gets its pool when written, so a ConstPool only says which class it is
// (getConstPool() of a ClassFile, MethodInfo or FieldInfo), for code ported from Javassist.

export class ConstPool {
  /** @internal */
  constructor(private readonly className: string) {}

  /** The dotted name of the class this pool belongs to. */
  getClassName(): string {
    return this.className;
  }
}
