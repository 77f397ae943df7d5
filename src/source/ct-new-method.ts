// # CtNewMethod: factories of methods (Javassist's CtNewMethod)

import { Opcodes } from '../asm/opcodes.js';
import { Type } from '../asm/type.js';
import { FieldInsnNode } from '../tree/field-insn-node.js';
import { InsnNode } from '../tree/insn-node.js';
import { MethodNode } from '../tree/method-node.js';
import { VarInsnNode } from '../tree/var-insn-node.js';
import { MethodInsnNode } from '../tree/method-insn-node.js';
import type { CtClass } from './ct-class.js';
import type { CtField } from './ct-field.js';
import { CtMethod } from './ct-method.js';
import { copyBehaviorNode } from './behavior-copy.js';
import { withProceedDelegate } from './proceed-delegate.js';
import type { ConstParameter } from './const-parameter.js';
import { wrappedMethod } from './wrapped-method.js';

/**
 * A method from Java source: `CtNewMethod.make("public int twice(int x) { return 2 * x; }", cc)`; with
 * `delegateObj` and `delegateMethod` (Javassist's four-argument form), `$proceed(…)` in the body calls
 * `delegateObj.delegateMethod(…)` (proceed-delegate.ts). Or from its parts (return type, name,
 * parameter types, exception types, body source, class). A `null` body, as in Javassist, makes a
 * method that only returns zero, false or null (CtNewMethod.abstractMethod makes an abstract one).
 */
function make(source: string, declaring: CtClass, delegateObj?: string | null, delegateMethod?: string | null): CtMethod;
function make(returnType: CtClass, name: string, parameters: readonly CtClass[] | null, exceptions: readonly CtClass[] | null, body: string | null, declaring: CtClass): CtMethod;
function make(
  sourceOrReturnType: string | CtClass,
  declaringOrName: CtClass | string,
  parametersOrDelegateObj?: readonly CtClass[] | string | null,
  exceptionsOrDelegateMethod?: readonly CtClass[] | string | null,
  body?: string | null,
  declaring?: CtClass,
): CtMethod {
  if (typeof sourceOrReturnType === 'string') {
    const delegateObj = parametersOrDelegateObj;
    const delegateMethod = exceptionsOrDelegateMethod;
    // Javassist records the delegate only when both are given.
    const source = typeof delegateObj === 'string' && typeof delegateMethod === 'string' ? withProceedDelegate(sourceOrReturnType, delegateObj, delegateMethod) : sourceOrReturnType;
    return CtMethod.make(source, declaringOrName as CtClass);
  }
  const method = new CtMethod(sourceOrReturnType, declaringOrName as string, (parametersOrDelegateObj as readonly CtClass[] | null) ?? [], declaring!);
  const exceptions = exceptionsOrDelegateMethod as readonly CtClass[] | null | undefined;
  if (exceptions != null) method.setExceptionTypes(exceptions);
  method.setBody(body ?? null);
  return method;
}

/**
 * A copy of `source` named `name` for `declaring` (Javassist's CtNewMethod.copy): the body,
 * annotations and attributes are copied; copied into another class, the references to the source's
 * class and, when they differ, to its superclass (and the `map` entries: dotted old name → new
 * name) are renamed to the declaring class and its superclass. The usual wrapping
 * idiom: copy `f` to `f$impl`, add it, then `f.setBody("{ …; return f$impl($$); }")`.
 */
function copy(source: CtMethod, name: string, declaring: CtClass, map?: ReadonlyMap<string, string> | null): CtMethod;
/** Javassist's copy(src, declaring, map): the copy keeps the source's name. */
function copy(source: CtMethod, declaring: CtClass, map?: ReadonlyMap<string, string> | null): CtMethod;
function copy(source: CtMethod, nameOrDeclaring: string | CtClass, declaringOrMap?: CtClass | ReadonlyMap<string, string> | null, map: ReadonlyMap<string, string> | null = null): CtMethod {
  const named = typeof nameOrDeclaring === 'string';
  const name = named ? nameOrDeclaring : source.getName();
  const declaring = named ? (declaringOrMap as CtClass) : nameOrDeclaring;
  const classMap = named ? map : ((declaringOrMap as ReadonlyMap<string, string> | null | undefined) ?? null);
  // Javassist's CtBehavior.copy rules (behavior-copy.ts): the source's class becomes `declaring`,
  // and a superclass other than Object becomes `declaring`'s.
  const node = copyBehaviorNode(source, declaring, classMap, false);
  node.name = name;
  return CtMethod.wrap(node, declaring);
}

export const CtNewMethod = {
  make,


  copy,

  /**
   * A method `returnType name(parameters)` whose body calls `body` (`Object body(Object[] args)`, or
   * with a second parameter of `constParam`'s type) with its arguments boxed in an Object[], and
   * returns its result cast (unboxed) to `returnType` (Javassist's CtNewMethod.wrapped; see
   * wrapped-method.ts). `body` is copied into `declaring` as a private method the first time.
   */
  wrapped(
    returnType: CtClass,
    name: string,
    parameters: readonly CtClass[] | null,
    exceptions: readonly CtClass[] | null,
    body: CtMethod,
    constParam: ConstParameter | null,
    declaring: CtClass,
  ): CtMethod {
    return wrappedMethod(returnType, name, parameters, exceptions, body, constParam, declaring);
  },


  /** `public abstract` method without a body. */
  abstractMethod(returnType: CtClass, name: string, parameters: readonly CtClass[] | null, exceptions: readonly CtClass[] | null, declaring: CtClass): CtMethod {
    const method = new CtMethod(returnType, name, parameters ?? [], declaring);
    if (exceptions !== null) method.setExceptionTypes(exceptions);
    return method;
  },

  /**
   * `public T name() { return field; }`. As in Javassist, the method is not static even for a static
   * field (it reads it with getstatic): change its modifiers if it should be.
   */
  getter(name: string, field: CtField): CtMethod {
    const declaring = field.getDeclaringClass();
    const isStatic = (field.getModifiers() & Opcodes.ACC_STATIC) !== 0;
    const method = new CtMethod(field.getType(), name, [], declaring);
    const node = method.methodNode();
    node.access = Opcodes.ACC_PUBLIC;
    const type = Type.getType(field.getSignature());
    if (!isStatic) node.instructions.add(new VarInsnNode(Opcodes.ALOAD, 0));
    node.instructions.add(new FieldInsnNode(isStatic ? Opcodes.GETSTATIC : Opcodes.GETFIELD, declaring.getInternalName(), field.getName(), field.getSignature()));
    node.instructions.add(new InsnNode(type.getOpcode(Opcodes.IRETURN)));
    return method;
  },

  /**
   * `public void name(T value) { field = value; }`. As in Javassist, the method is not static even
   * for a static field (it writes it with putstatic).
   */
  setter(name: string, field: CtField): CtMethod {
    const declaring = field.getDeclaringClass();
    const isStatic = (field.getModifiers() & Opcodes.ACC_STATIC) !== 0;
    const method = new CtMethod(declaring.getClassPool().get('void'), name, [field.getType()], declaring);
    const node = method.methodNode();
    node.access = Opcodes.ACC_PUBLIC;
    const type = Type.getType(field.getSignature());
    if (!isStatic) node.instructions.add(new VarInsnNode(Opcodes.ALOAD, 0));
    node.instructions.add(new VarInsnNode(type.getOpcode(Opcodes.ILOAD), 1));
    node.instructions.add(new FieldInsnNode(isStatic ? Opcodes.PUTSTATIC : Opcodes.PUTFIELD, declaring.getInternalName(), field.getName(), field.getSignature()));
    node.instructions.add(new InsnNode(Opcodes.RETURN));
    return method;
  },

  /**
   * A method of `declaring` with `delegate`'s name, descriptor, modifiers and throws clause whose
   * body calls `delegate` with its parameters and returns the result (Javassist's delegator): for an
   * instance method `delegate`'s class's implementation is called with invokespecial (what
   * `super.m($$)` compiles to when `declaring` extends it), for a static one with invokestatic.
   * Javassist copies the access flags as they are; ACC_ABSTRACT and ACC_NATIVE are dropped here,
   * the method having a body.
   */
  delegator(delegate: CtMethod, declaring: CtClass): CtMethod {
    const source = delegate.methodNodeWithoutCode();
    const owner = delegate.getDeclaringClass();
    const isStatic = (source.access & Opcodes.ACC_STATIC) !== 0;
    const access = source.access & ~(Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE);
    const node = new MethodNode(Opcodes.ASM9, access, source.name, source.desc, null, source.exceptions === null ? null : [...source.exceptions]);
    let slot = 0;
    if (!isStatic) node.instructions.add(new VarInsnNode(Opcodes.ALOAD, slot++));
    for (const argument of Type.getArgumentTypes(source.desc)) {
      node.instructions.add(new VarInsnNode(argument.getOpcode(Opcodes.ILOAD), slot));
      slot += argument.getSize();
    }
    node.instructions.add(new MethodInsnNode(isStatic ? Opcodes.INVOKESTATIC : Opcodes.INVOKESPECIAL, owner.getInternalName(), source.name, source.desc, owner.isInterface()));
    node.instructions.add(new InsnNode(Type.getReturnType(source.desc).getOpcode(Opcodes.IRETURN)));
    return CtMethod.wrap(node, declaring);
  },
};
