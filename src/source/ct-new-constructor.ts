// # CtNewConstructor: factories of constructors (Javassist's CtNewConstructor)

import { Opcodes } from '../asm/opcodes.js';
import { InsnNode } from '../tree/insn-node.js';
import { MethodInsnNode } from '../tree/method-insn-node.js';
import { VarInsnNode } from '../tree/var-insn-node.js';
import type { CtClass } from './ct-class.js';
import { CtConstructor } from './ct-constructor.js';
import { Type } from '../asm/type.js';
import { copyBehaviorNode } from './behavior-copy.js';

export const CtNewConstructor = {
  /**
   * A constructor from Java source: `CtNewConstructor.make("public Point(int x) { this.x = x; }", cc)`
   * (without an explicit super(...)/this(...) call, super() is called first, as javac does); or from
   * parameter types, exception types and a body (null: a constructor that only calls super()).
   */
  make(
    sourceOrParameters: string | readonly CtClass[] | null,
    exceptionsOrDeclaring: readonly CtClass[] | CtClass | null,
    body?: string | null,
    declaring?: CtClass,
  ): CtConstructor {
    if (typeof sourceOrParameters === 'string') return CtConstructor.make(sourceOrParameters, exceptionsOrDeclaring as CtClass);
    const constructor = new CtConstructor(sourceOrParameters ?? [], declaring!);
    if (Array.isArray(exceptionsOrDeclaring)) constructor.setExceptionTypes(exceptionsOrDeclaring);
    constructor.setBody(body ?? null);
    return constructor;
  },

  /** `public C() { super(); }`. */
  defaultConstructor(declaring: CtClass): CtConstructor {
    const constructor = new CtConstructor([], declaring);
    const node = constructor.methodNode();
    node.instructions.add(new VarInsnNode(Opcodes.ALOAD, 0));
    node.instructions.add(new MethodInsnNode(Opcodes.INVOKESPECIAL, declaring.classNode().superName ?? 'java/lang/Object', '<init>', '()V', false));
    node.instructions.add(new InsnNode(Opcodes.RETURN));
    return constructor;
  },

  /**
   * A copy of the constructor `source` for `declaring` (Javassist's CtNewConstructor.copy): references
   * to the source's class become `declaring`, `map`'s entries (dotted old name → new name) apply, and
   * the super(...) call goes to `declaring`'s superclass (the rules are in behavior-copy.ts).
   */
  copy(source: CtConstructor, declaring: CtClass, map: ReadonlyMap<string, string> | null = null): CtConstructor {
    return CtConstructor.wrap(copyBehaviorNode(source, declaring, map, true), declaring);
  },

  /**
   * `public C(P1 p1, …) throws E… { super(); }`: Javassist's skeleton, a constructor that takes the
   * parameters but calls the superclass's default constructor without them (as its documentation
   * says), for the caller to fill in (insertBefore, insertAfter…).
   */
  skeleton(parameters: readonly CtClass[] | null, exceptions: readonly CtClass[] | null, declaring: CtClass): CtConstructor {
    const constructor = new CtConstructor(parameters ?? [], declaring);
    if (exceptions !== null) constructor.methodNodeWithoutCode().exceptions = exceptions.map((type) => type.getInternalName());
    const node = constructor.methodNode();
    node.instructions.add(new VarInsnNode(Opcodes.ALOAD, 0));
    node.instructions.add(new MethodInsnNode(Opcodes.INVOKESPECIAL, declaring.classNode().superName ?? 'java/lang/Object', '<init>', '()V', false));
    node.instructions.add(new InsnNode(Opcodes.RETURN));
    return constructor;
  },
};
