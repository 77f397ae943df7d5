// # CtNewConstructor: factories of constructors (Javassist's CtNewConstructor)

import { Opcodes } from '../asm/opcodes.js';
import { InsnNode } from '../tree/insn-node.js';
import { MethodInsnNode } from '../tree/method-insn-node.js';
import { VarInsnNode } from '../tree/var-insn-node.js';
import type { CtClass } from './ct-class.js';
import { CtConstructor } from './ct-constructor.js';
import { copyBehaviorNode } from './behavior-copy.js';
import type { ConstParameter } from './const-parameter.js';
import type { CtMethod } from './ct-method.js';
import { PASS_ARRAY, PASS_NONE, PASS_PARAMS, wrappedConstructor } from './wrapped-method.js';

/**
 * A constructor from Java source: `CtNewConstructor.make("public Point(int x) { this.x = x; }", cc)`
 * (without an explicit super(...)/this(...) call, super() is called first, as javac does); or from
 * parameter types, exception types and a body (null: a constructor that only calls super()); or, as
 * Javassist's proxy generators make them, from `howto` (PASS_NONE, PASS_ARRAY, PASS_PARAMS: what goes
 * to the superclass's constructor) and an optional generic `body` (wrapped-method.ts).
 */
function make(source: string, declaring: CtClass): CtConstructor;
function make(parameters: readonly CtClass[] | null, exceptions: readonly CtClass[] | null, body: string | null, declaring: CtClass): CtConstructor;
function make(
  parameters: readonly CtClass[] | null,
  exceptions: readonly CtClass[] | null,
  howto: number,
  body: CtMethod | null,
  constParam: ConstParameter | null,
  declaring: CtClass,
): CtConstructor;
function make(
  sourceOrParameters: string | readonly CtClass[] | null,
  exceptionsOrDeclaring: readonly CtClass[] | CtClass | null,
  bodyOrHowto?: string | number | null,
  declaringOrBody?: CtClass | CtMethod | null,
  constParam?: ConstParameter | null,
  wrappedDeclaring?: CtClass,
): CtConstructor {
  if (typeof sourceOrParameters === 'string') return CtConstructor.make(sourceOrParameters, exceptionsOrDeclaring as CtClass);
  const exceptions = Array.isArray(exceptionsOrDeclaring) ? (exceptionsOrDeclaring as readonly CtClass[]) : null;
  if (typeof bodyOrHowto === 'number') {
    return wrappedConstructor(sourceOrParameters, exceptions, bodyOrHowto, (declaringOrBody as CtMethod | null) ?? null, constParam ?? null, wrappedDeclaring!);
  }
  const constructor = new CtConstructor(sourceOrParameters ?? [], declaringOrBody as CtClass);
  if (exceptions !== null) constructor.setExceptionTypes(exceptions);
  constructor.setBody(bodyOrHowto ?? null);
  return constructor;
}

export const CtNewConstructor = {
  /** howto of make(parameters, exceptions, howto, body, constParam, declaring): call super() … */
  PASS_NONE,
  /** … super with the arguments in an Object[] (and the constant) … */
  PASS_ARRAY,
  /** … or the superclass constructor with the same parameters. */
  PASS_PARAMS,

  make,


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
