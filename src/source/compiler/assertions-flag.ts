// # The `$assertionsDisabled` flag of a class whose code has `assert` statements (JLS §14.10)
//
// javac compiles `assert c : m` into a test of a `static final synthetic boolean $assertionsDisabled` of
// the class, set first thing in its static initializer from the top-level class's
// Class.desiredAssertionStatus() (so that `-ea:pkg...` and `-ea:Outer` decide for nested, anonymous and
// local classes as for their top-level class). Snippets compile asserts the same way, into the edited
// class (source-compiler.ts) or into a class a snippet declares (CodeGenerator's class bodies).

import { Opcodes } from '../../asm/opcodes.js';
import { Type } from '../../asm/type.js';
import { FieldInsnNode } from '../../tree/field-insn-node.js';
import { FieldNode } from '../../tree/field-node.js';
import { InsnList } from '../../tree/insn-list.js';
import { InsnNode } from '../../tree/insn-node.js';
import { JumpInsnNode } from '../../tree/jump-insn-node.js';
import { LabelNode } from '../../tree/label-node.js';
import { LdcInsnNode } from '../../tree/ldc-insn-node.js';
import { MethodInsnNode } from '../../tree/method-insn-node.js';
import { CompileError } from './compile-error.js';

/** The flag's name, as javac names it. */
export const ASSERTIONS_DISABLED = '$assertionsDisabled';

/** The flag's field (JVMS §4.5): static final synthetic boolean. */
export function assertionsDisabledField(): FieldNode {
  return new FieldNode(Opcodes.ASM9, Opcodes.ACC_STATIC | Opcodes.ACC_FINAL | Opcodes.ACC_SYNTHETIC, ASSERTIONS_DISABLED, 'Z', null, null);
}

/** Refuses asserts in a class file before 49: the flag's code needs a Class constant in ldc (JVMS §4.4.1). */
export function checkAssertionsSupported(classVersion: number): void {
  if ((classVersion & 0xffff) < Opcodes.V1_5) {
    throw new CompileError(`assert statements need class file version 49 (Java 5) or later; this class is version ${classVersion & 0xffff}`);
  }
}

/** The code that sets `owner`'s flag: `$assertionsDisabled = !TopLevel.class.desiredAssertionStatus()`, as javac writes it. */
export function assertionsDisabledInitializer(owner: string, topLevel: string): InsnList {
  const code = new InsnList();
  const enabled = new LabelNode();
  const store = new LabelNode();
  code.add(new LdcInsnNode(Type.getObjectType(topLevel)));
  code.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, 'java/lang/Class', 'desiredAssertionStatus', '()Z', false));
  code.add(new JumpInsnNode(Opcodes.IFNE, enabled));
  code.add(new InsnNode(Opcodes.ICONST_1));
  code.add(new JumpInsnNode(Opcodes.GOTO, store));
  code.add(enabled);
  code.add(new InsnNode(Opcodes.ICONST_0));
  code.add(store);
  code.add(new FieldInsnNode(Opcodes.PUTSTATIC, owner, ASSERTIONS_DISABLED, 'Z'));
  return code;
}
