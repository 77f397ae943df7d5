// # Javassist's SerialVersionUID: keeping a class serializable as it was before it is changed
//
// `SerialVersionUID.setSerialVersionUID(cc)` before editing a Serializable class adds
// `private static final long serialVersionUID = <default>L`, the value the JDK computes for the
// class as it is (Java Object Serialization Specification §4.6), so that instances serialized from
// the unchanged class still deserialize. The value is the one java.io.ObjectStreamClass computes —
// classforge's SerialVersionUIDAdder, ASM's algorithm. Javassist 3.27's calculateDefault agrees for
// top-level classes but not for nested classes and interfaces (it hashes other modifiers there), so
// there the JDK's value is the one given.

import { Opcodes } from '../asm/opcodes.js';
import { SerialVersionUIDAdder } from '../commons/serial-version-uid-adder.js';
import { CtClass } from './ct-class.js';
import { CtField } from './ct-field.js';
import { Modifier } from './modifier.js';

/** The adder, with the value it would add captured instead. */
class DefaultValue extends SerialVersionUIDAdder {
  value: bigint | null = null;

  constructor() {
    super(Opcodes.ASM9, null);
  }

  protected override addSVUID(svuid: bigint): void {
    this.value = svuid;
  }
}

export const SerialVersionUID = {
  /** Adds the default serialVersionUID to a Serializable class that declares none; other classes are left alone. */
  setSerialVersionUID(clazz: CtClass): void {
    if (clazz.getDeclaredFields().some((field) => field.getName() === 'serialVersionUID')) return;
    if (!clazz.subtypeOf(clazz.getClassPool().get('java.io.Serializable'))) return;
    const value = SerialVersionUID.calculateDefault(clazz);
    const field = new CtField(CtClass.longType, 'serialVersionUID', clazz);
    // Private as Javassist's, but public in an interface, whose fields must be (JVMS §4.5: Javassist's
    // private one there makes a class HotSpot refuses with ClassFormatError).
    field.setModifiers((clazz.isInterface() ? Modifier.PUBLIC : Modifier.PRIVATE) | Modifier.STATIC | Modifier.FINAL);
    clazz.addField(field, CtField.Initializer.constant(value));
  },

  /**
   * The serialVersionUID the JDK computes for the class as it is now (whether or not it declares one
   * or is Serializable): a SHA-1 of its name, modifiers, interfaces, non-private members and static
   * initializer.
   */
  calculateDefault(clazz: CtClass): bigint {
    const node = clazz.classNode();
    const adder = new DefaultValue();
    // An enum's is 0 for the JDK, and a declared serialVersionUID stops the adder: hash the rest regardless.
    adder.visit(node.version, node.access & ~Opcodes.ACC_ENUM, node.name, node.signature, node.superName, [...node.interfaces]);
    for (const inner of node.innerClasses) adder.visitInnerClass(inner.name, inner.outerName, inner.innerName, inner.access);
    for (const field of node.fields) if (field.name !== 'serialVersionUID') adder.visitField(field.access, field.name, field.desc, field.signature, null);
    for (const method of node.methods) adder.visitMethod(method.access, method.name, method.desc, method.signature, method.exceptions);
    adder.visitEnd();
    return adder.value ?? 0n;
  },
};
