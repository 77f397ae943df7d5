// # Copies of methods and constructors into a class (Javassist's CtBehavior.copy, used by
// CtNewConstructor.copy and CtConstructor.toMethod)
//
// Javassist copies a method_info with a ClassMap: the source's class becomes the declaring class,
// the map's entries (dotted old name → new name) apply, and, when the two classes' superclasses
// differ, the source's superclass becomes the declaring class's — unless the source's superclass
// is java.lang.Object: then only a constructor's super(...) call is retargeted (MethodInfo.
// setSuperclass), since Object appears in most code for other reasons. The copy is written through
// ClassRemapper's method half (MethodRemapper), so every type reference in code, descriptors,
// signatures, annotations and local variables is renamed.

import { Opcodes } from '../asm/opcodes.js';
import { toInternalName } from '../classfile/class-names.js';
import { MethodRemapper } from '../commons/method-remapper.js';
import { SimpleRemapper } from '../commons/simple-remapper.js';
import { Type } from '../asm/type.js';
import type { AbstractInsnNode } from '../tree/abstract-insn-node.js';
import { InsnNode } from '../tree/insn-node.js';
import { MethodInsnNode } from '../tree/method-insn-node.js';
import { MethodNode } from '../tree/method-node.js';
import { CannotCompileException } from './cannot-compile-exception.js';
import type { CtBehavior } from './ct-behavior.js';
import type { CtClass } from './ct-class.js';

/** A copy of `source`'s node for `declaring`, renamed by Javassist's rules (above) and `map`. */
export function copyBehaviorNode(source: CtBehavior, declaring: CtClass, map: ReadonlyMap<string, string> | null, isConstructor: boolean): MethodNode {
  const original = source.methodNode();
  const sourceClass = source.getDeclaringClass();
  const mapping = new Map<string, string>();
  for (const [oldName, newName] of map ?? []) mapping.set(toInternalName(oldName), toInternalName(newName));
  mapping.set(sourceClass.getInternalName(), declaring.getInternalName());
  const sourceSuper = sourceClass.classNode().superName;
  const destSuper = declaring.classNode().superName;
  let patchSuperCall = false;
  if (sourceSuper !== null && destSuper !== null && sourceSuper !== destSuper) {
    if (sourceSuper === 'java/lang/Object') patchSuperCall = true;
    else if (!mapping.has(sourceSuper)) mapping.set(sourceSuper, destSuper);
  }
  for (const [from, to] of [...mapping]) if (from === to) mapping.delete(from);
  const remapper = new SimpleRemapper(mapping);
  const copy = new MethodNode(
    Opcodes.ASM9,
    original.access,
    original.name,
    remapper.mapMethodDesc(original.desc),
    original.signature === null ? null : remapper.mapSignature(original.signature, false),
    original.exceptions === null ? null : remapper.mapTypes([...original.exceptions]),
  );
  original.accept(mapping.size === 0 ? copy : new MethodRemapper(copy, remapper));
  if (isConstructor && patchSuperCall && copy.name === '<init>') {
    const call = constructorCall(copy);
    if (call !== null && call.owner === 'java/lang/Object') call.owner = destSuper!;
  }
  return copy;
}

/**
 * Javassist's setBody(CtMethod src, ClassMap map): `target`'s code becomes a copy of `source`'s, with
 * the source's class renamed to the target's and `map`'s entries (dotted old name → new name) applied
 * (only those: unlike copy, no superclass rule, as Javassist's CtBehavior.setBody0). The target stops
 * being abstract or native. Both must take the same parameters, or the copied code would read the
 * wrong local slots.
 */
export function copyBodyInto(source: CtBehavior, target: CtBehavior, map: ReadonlyMap<string, string> | null): void {
  const original = source.methodNode();
  const destination = target.methodNode();
  if (original.instructions.size() === 0) throw new CannotCompileException(`setBody: ${source.getLongName()} has no body to copy`);
  const mapping = new Map<string, string>();
  for (const [oldName, newName] of map ?? []) mapping.set(toInternalName(oldName), toInternalName(newName));
  mapping.set(source.getDeclaringClass().getInternalName(), target.getDeclaringClass().getInternalName());
  for (const [from, to] of [...mapping]) if (from === to) mapping.delete(from);
  const remapper = new SimpleRemapper(mapping);
  const sourceIsStatic = (original.access & Opcodes.ACC_STATIC) !== 0;
  const targetIsStatic = (destination.access & Opcodes.ACC_STATIC) !== 0;
  if (remapper.mapMethodDesc(original.desc).replace(/\).*$/, ')') !== destination.desc.replace(/\).*$/, ')') || sourceIsStatic !== targetIsStatic) {
    throw new CannotCompileException(
      `setBody: the body of ${source.getLongName()}${sourceIsStatic ? ' (static)' : ''} cannot become ${target.getLongName()}'s${targetIsStatic ? ' (static)' : ''}: their parameters differ`,
    );
  }
  const copy = new MethodNode(Opcodes.ASM9, destination.access, destination.name, destination.desc, null, null);
  original.accept(mapping.size === 0 ? copy : new MethodRemapper(copy, remapper));
  destination.instructions.clear();
  destination.instructions.add(copy.instructions);
  destination.tryCatchBlocks = copy.tryCatchBlocks;
  destination.localVariables = copy.localVariables;
  destination.visibleLocalVariableAnnotations = copy.visibleLocalVariableAnnotations;
  destination.invisibleLocalVariableAnnotations = copy.invisibleLocalVariableAnnotations;
  destination.maxStack = copy.maxStack;
  destination.maxLocals = copy.maxLocals;
  destination.access &= ~(Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE);
}

/**
 * The super(...) or this(...) call of a constructor: the first invokespecial <init> not matched by
 * a NEW before it (javac nests NEW … <init> pairs), as Javassist's CodeIterator.skipConstructor.
 */
export function constructorCall(method: MethodNode): MethodInsnNode | null {
  return constructorCalls(method, 1)[0] ?? null;
}

/** The super(...)/this(...) calls of a constructor (as constructorCall), the first `limit` of them. */
export function constructorCalls(method: MethodNode, limit = Number.POSITIVE_INFINITY): MethodInsnNode[] {
  const calls: MethodInsnNode[] = [];
  let pendingNews = 0;
  for (const insn of method.instructions) {
    if (insn.getOpcode() === Opcodes.NEW) pendingNews++;
    else if (insn instanceof MethodInsnNode && insn.getOpcode() === Opcodes.INVOKESPECIAL && insn.name === '<init>') {
      if (pendingNews > 0) pendingNews--;
      else if (calls.push(insn) >= limit) break;
    }
  }
  return calls;
}

/**
 * Replaces a constructor's super(...)/this(...) call by pops of its operands, as Javassist's
 * CtConstructor.removeConsCall does: the arguments are still evaluated, `this` and they are
 * dropped. (Javassist writes the pops in parameter order, first parameter first, which pops a
 * long or double argument with the wrong instruction when another argument follows it; here they
 * pop from the top of the stack down.)
 */
export function removeConstructorCall(method: MethodNode): void {
  const call = constructorCall(method);
  if (call === null) return;
  const pops: AbstractInsnNode[] = [];
  for (const type of Type.getArgumentTypes(call.desc).reverse()) pops.push(new InsnNode(type.getSize() === 2 ? Opcodes.POP2 : Opcodes.POP));
  pops.push(new InsnNode(Opcodes.POP));
  for (const pop of pops) method.instructions.insertBefore(call, pop);
  method.instructions.remove(call);
}
