// # CtConstructor: a constructor or the static initializer of a CtClass (Javassist's CtConstructor).

import { Opcodes } from '../asm/opcodes.js';
import { Type } from '../asm/type.js';
import { InsnNode } from '../tree/insn-node.js';
import { MethodInsnNode } from '../tree/method-insn-node.js';
import { MethodNode } from '../tree/method-node.js';
import { CtBehavior, realInstructions } from './ct-behavior.js';
import { VarInsnNode } from '../tree/var-insn-node.js';
import type { CtClass } from './ct-class.js';
import { compileConstructorDeclaration, insertBeforeBody } from './source-compiler.js';
import { copyBehaviorNode, removeConstructorCall } from './behavior-copy.js';
import { CtMethod } from './ct-method.js';

export class CtConstructor extends CtBehavior {
  /**
   * A new public constructor without a body (Javassist's constructor): give it one with setBody
   * and add it with declaring.addConstructor.
   */
  constructor(parameters: readonly CtClass[], declaring: CtClass);
  /** @internal Wraps a constructor of the class's tree. */
  constructor(node: MethodNode, declaring: CtClass);
  constructor(first: readonly CtClass[] | MethodNode, declaring: CtClass) {
    if (first instanceof MethodNode) {
      super(first, declaring);
    } else {
      const descriptor = '(' + first.map((p) => p.getDescriptor()).join('') + ')V';
      super(new MethodNode(Opcodes.ASM9, Opcodes.ACC_PUBLIC, '<init>', descriptor, null, null), declaring);
    }
  }

  /** @internal */
  static wrap(node: MethodNode, declaring: CtClass): CtConstructor {
    return new CtConstructor(node, declaring);
  }

  /** @internal An empty `static {}`. */
  static emptyClassInitializer(declaring: CtClass): CtConstructor {
    const node = new MethodNode(Opcodes.ASM9, Opcodes.ACC_STATIC, '<clinit>', '()V', null, null);
    node.instructions.add(new InsnNode(Opcodes.RETURN));
    return new CtConstructor(node, declaring);
  }

  /** A constructor from Java source (Javassist's CtNewConstructor.make(src, declaring)). */
  static make(source: string, declaring: CtClass): CtConstructor {
    return new CtConstructor(compileConstructorDeclaration(declaring, source), declaring);
  }

  /** The simple class name for a constructor, `<clinit>` for the static initializer (as Javassist). */
  getName(): string {
    return this.isClassInitializer() ? '<clinit>' : this.declaringClass.getSimpleName();
  }

  /**
   * `com.acme.Point(int,int)` for a constructor (no method name, as Javassist prints it),
   * `com.acme.Point.<clinit>()` for the static initializer.
   */
  override getLongName(): string {
    if (this.isClassInitializer()) return super.getLongName();
    return `${this.declaringClass.getName()}(${Type.getArgumentTypes(this.node.desc).map((type) => type.getClassName()).join(',')})`;
  }

  isConstructor(): boolean {
    return this.node.name === '<init>';
  }

  isClassInitializer(): boolean {
    return this.node.name === '<clinit>';
  }

  /** Whether the body calls a constructor of the superclass (rather than this(...)). */
  /**
   * Javassist's CtConstructor.isEmpty: a class initializer that only returns, or a constructor whose
   * body is `super()` with no arguments and nothing else (`aload_0; invokespecial <superclass>.<init>()V; return`).
   */
  override isEmpty(): boolean {
    const code = realInstructions(this.methodNode());
    if (code.length > 0 && code[0]!.getOpcode() === Opcodes.RETURN) return true;
    const call = code[1];
    return (
      code.length === 3 &&
      code[0]!.getOpcode() === Opcodes.ALOAD &&
      (code[0] as VarInsnNode).var === 0 &&
      call instanceof MethodInsnNode &&
      call.getOpcode() === Opcodes.INVOKESPECIAL &&
      call.name === '<init>' &&
      call.desc === '()V' &&
      call.owner === this.declaringClass.classNode().superName &&
      code[2]!.getOpcode() === Opcodes.RETURN
    );
  }

  callsSuper(): boolean {
    const superName = this.declaringClass.classNode().superName;
    for (const insn of this.methodNode().instructions) {
      if (insn instanceof MethodInsnNode && insn.getOpcode() === Opcodes.INVOKESPECIAL && insn.name === '<init>') {
        // The first <init> call on `this` decides; a call on a new object of the superclass's type is
        // told apart only by flow analysis, which Javassist does not do either.
        if (insn.owner === superName) return true;
        if (insn.owner === this.declaringClass.getInternalName()) return false;
      }
    }
    return false;
  }

  /**
   * A method `name` of `declaring` with this constructor's parameters, modifiers and body, its
   * super(...)/this(...) call replaced by pops of the call's operands (the arguments are still
   * evaluated): Javassist's toMethod, usually followed by declaring.addMethod. Copied into another
   * class, the references are renamed as behavior-copy.ts says, with `map`'s entries too. A class
   * initializer becomes a static method as it is.
   */
  toMethod(name: string, declaring: CtClass, map: ReadonlyMap<string, string> | null = null): CtMethod {
    const copy = copyBehaviorNode(this, declaring, map, false);
    if (this.isConstructor()) removeConstructorCall(copy);
    copy.name = name;
    return CtMethod.wrap(copy, declaring);
  }

  /** Compiles `source` and inserts it right after the super(...)/this(...) call (at the start, for <clinit>). */
  insertBeforeBody(source: string): void {
    this.declaringClass.checkModify(this.node);
    insertBeforeBody(this, source);
  }
}
