import type { ClassVisitor } from '../asm/class-visitor.js';

/** A node that represents an entry of the InnerClasses attribute (JVMS §4.7.6). */
export class InnerClassNode {
  /** The internal name of the inner class. */
  name: string;

  /** The internal name of the class the inner class is a member of; null when it is not a member (local or anonymous class). */
  outerName: string | null;

  /** The simple name of the inner class; null for an anonymous class. */
  innerName: string | null;

  /** The access flags of the inner class as declared in its enclosing class. */
  access: number;

  constructor(name: string, outerName: string | null, innerName: string | null, access: number) {
    this.name = name;
    this.outerName = outerName;
    this.innerName = innerName;
    this.access = access;
  }

  /** Makes `classVisitor` visit this inner class entry. */
  accept(classVisitor: ClassVisitor): void {
    classVisitor.visitInnerClass(this.name, this.outerName, this.innerName, this.access);
  }
}
