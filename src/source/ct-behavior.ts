// # CtBehavior: what methods and constructors share (Javassist's CtBehavior)
//
// Backed by a MethodNode of the class's tree. The source-level edits (insertBefore, insertAfter,
// addCatch, setBody, instrument) compile Java snippets with Javassist's `$` variables
// (source-compiler.ts) and splice the instructions into the tree.

import { Type } from '../asm/type.js';
import { Opcodes } from '../asm/opcodes.js';
import type { AbstractInsnNode } from '../tree/abstract-insn-node.js';
import type { MethodNode } from '../tree/method-node.js';
import { toDottedName } from '../classfile/class-names.js';
import type { CtClass } from './ct-class.js';
import { CtMember } from './ct-member.js';
import type { ExprEditorLike } from './expr-editor.js';
import { allAnnotationValues, type AnnotationEntry } from './annotation-values.js';
import { insertMethodParameter } from './parameter-insertion.js';
import { copyBodyInto } from './behavior-copy.js';
import { MethodInfo } from './bytecode/member-info.js';
import { CannotCompileException } from './cannot-compile-exception.js';
import { useCflow } from './cflow.js';
import { addCatch, addLocalVariable, insertAfter, insertAt, insertBefore, instrumentBehavior, setBody } from './source-compiler.js';

export abstract class CtBehavior extends CtMember {
  /** @internal */
  protected constructor(
    protected readonly node: MethodNode,
    declaring: CtClass,
  ) {
    super(declaring, node);
  }

  /** @internal The method's node for its identity and what the method_info says: its code may not be read yet. */
  methodNodeWithoutCode(): MethodNode {
    return this.node;
  }

  /** @internal The method's node, its code read (CtClass reads code only when some is needed). */
  methodNode(): MethodNode {
    this.declaringClass.ensureCode();
    return this.node;
  }

  /** @internal The JVM name (`<init>` for constructors). */
  getMethodName(): string {
    return this.node.name;
  }

  getParameterTypes(): CtClass[] {
    const pool = this.declaringClass.getClassPool();
    return Type.getArgumentTypes(this.node.desc).map((type) => pool.getByDescriptor(type.getDescriptor()));
  }

  getExceptionTypes(): CtClass[] {
    const pool = this.declaringClass.getClassPool();
    return (this.node.exceptions ?? []).map((name) => pool.get(toDottedName(name)));
  }

  setExceptionTypes(types: readonly CtClass[] | null): void {
    this.declaringClass.checkModify(this.node);
    this.node.exceptions = types === null ? [] : types.map((type) => type.getInternalName());
    this.declaringClass.memberDeclarationChanged();
  }

  /**
   * `com.acme.Foo.bar(int,java.lang.String)`, as Javassist prints it: from the descriptor, so that it
   * names the method even when a parameter's class is missing from the pool (error messages use it).
   */
  getLongName(): string {
    return `${this.declaringClass.getName()}.${this.getName()}(${Type.getArgumentTypes(this.node.desc).map((type) => type.getClassName()).join(',')})`;
  }

  /**
   * The annotations of each parameter, visible then invisible as getAnnotations lists a member's
   * (Javassist's getParameterAnnotations). As in Javassist, the number of entries is the parameter
   * annotation attributes' num_parameters (JVMS §4.7.18), which javac may make smaller than the
   * descriptor's count (the synthetic parameters of inner class and enum constructors), else the
   * descriptor's count.
   */
  getParameterAnnotations(): AnnotationEntry[][] {
    const node = this.node;
    const pool = this.declaringClass.getClassPool();
    const count =
      node.invisibleParameterAnnotations !== null && node.invisibleAnnotableParameterCount !== 0
        ? node.invisibleAnnotableParameterCount
        : node.visibleParameterAnnotations !== null && node.visibleAnnotableParameterCount !== 0
          ? node.visibleAnnotableParameterCount
          : Type.getArgumentTypes(node.desc).length;
    const result: AnnotationEntry[][] = [];
    for (let i = 0; i < count; i++) {
      result.push(allAnnotationValues([...(node.visibleParameterAnnotations?.[i] ?? []), ...(node.invisibleParameterAnnotations?.[i] ?? [])], pool));
    }
    return result;
  }

  /** getParameterAnnotations without the annotations whose types the pool cannot find (Javassist's getAvailableParameterAnnotations). */
  getAvailableParameterAnnotations(): AnnotationEntry[][] {
    const pool = this.declaringClass.getClassPool();
    return this.getParameterAnnotations().map((annotations) => annotations.filter((annotation) => pool.getOrNull(annotation.type) !== null));
  }

  /**
   * Adds a parameter of `type` before the others: the descriptor changes and every local variable
   * moves up to make room (Javassist's insertParameter; see parameter-insertion.ts). Calls to the
   * method are not changed.
   */
  insertParameter(type: CtClass): void {
    this.declaringClass.checkModify(this.node);
    insertMethodParameter(this.methodNode(), type.getDescriptor(), true);
    this.declaringClass.memberDeclarationChanged();
  }

  /** Adds a parameter of `type` after the others (Javassist's addParameter); locals above the parameters move up. */
  addParameter(type: CtClass): void {
    this.declaringClass.checkModify(this.node);
    insertMethodParameter(this.methodNode(), type.getDescriptor(), false);
    this.declaringClass.memberDeclarationChanged();
  }

  /**
   * Whether the body does nothing, as Javassist's CtMethod.isEmpty decides: an abstract method, or a
   * body that is a lone `return` (a native method has no body and is not empty).
   */
  isEmpty(): boolean {
    const method = this.methodNode();
    if (method.instructions.size() === 0) return (method.access & Opcodes.ACC_ABSTRACT) !== 0;
    const code = realInstructions(method);
    return code.length === 1 && code[0]!.getOpcode() === Opcodes.RETURN;
  }

  /** Compiles `source` (a statement or block) and inserts it at the start of the body. */
  insertBefore(source: string): void {
    this.declaringClass.checkModify(this.node);
    insertBefore(this, source);
  }

  /**
   * Compiles `source` and inserts it before every normal return; `$_` is the value returned (and
   * may be assigned). With `asFinally`, it also runs when an exception leaves the method.
   */
  insertAfter(source: string, asFinally = false): void {
    this.declaringClass.checkModify(this.node);
    insertAfter(this, source, asFinally);
  }

  /**
   * Compiles `source` as a handler of `exceptionType` around the whole body: the exception is
   * `$e` (or `exceptionName`); the handler must end with a return or a throw (Javassist's rule).
   */
  addCatch(source: string, exceptionType: CtClass, exceptionName = '$e'): void {
    this.declaringClass.checkModify(this.node);
    addCatch(this, source, exceptionType, exceptionName);
  }

  /**
   * Javassist's bytecode-level view of this method: its annotations attributes (read, add, remove)
   * and its Code attribute's LocalVariableTable (parameter names). Changes through it change the class.
   */
  getMethodInfo(): MethodInfo {
    const node = this.methodNode();
    return new MethodInfo(
      node,
      this.declaringClass.getName(),
      () => this.declaringClass.checkModify(node),
      () => this.declaringClass.currentBytecode(),
      () => this.declaringClass.memberDeclarationChanged(),
      this.declaringClass,
    );
  }

  /** getMethodInfo (Javassist's getMethodInfo2 skips the frozen check until a change; so does this view). */
  getMethodInfo2(): MethodInfo {
    return this.getMethodInfo();
  }

  /**
   * Replaces the body with `source` (a block); null makes an empty body that returns a default value.
   * Given a method or constructor instead (Javassist's setBody(CtMethod src, ClassMap map)), copies
   * its body: its class renamed to this one's and `map`'s entries (dotted old name → new name) applied.
   */
  setBody(source: string | null | CtBehavior, map: ReadonlyMap<string, string> | null = null): void {
    this.declaringClass.checkModify(this.node);
    if (source !== null && typeof source !== 'string') {
      copyBodyInto(source, this, map);
      return;
    }
    setBody(this, source);
  }

  /**
   * Compiles `source` and inserts it before the first instruction of source line `line` (from
   * LineNumberTable). Returns the line where it went. With `modify` false, only returns that line.
   */
  insertAt(line: number, source: string, modify?: boolean): number;
  /** Javassist's argument order, insertAt(lineNum, modify, src): with `modify` false, `source` may be null. */
  insertAt(line: number, modify: boolean, source: string | null): number;
  insertAt(line: number, first: string | boolean, second?: boolean | string | null): number {
    const modify = typeof first === 'boolean' ? first : second !== false;
    const source = typeof first === 'string' ? first : typeof second === 'string' ? second : null;
    if (modify) {
      if (source === null) throw new CannotCompileException('insertAt: no source to insert');
      this.declaringClass.checkModify(this.node);
    }
    return insertAt(this, line, source ?? '', modify);
  }

  /**
   * Counts the calls of this method or constructor in progress on the current thread, for snippets to
   * read as `$cflow(name)` (Javassist's useCflow; cflow.ts): `useCflow("fact")`, then
   * `insertBefore("if ($cflow(fact) == 0) …")` runs only for the outermost call of a recursion.
   */
  useCflow(name: string): void {
    this.declaringClass.checkModify(this.node);
    useCflow(this, name);
  }

  /**
   * Declares a local variable `name` of `type` over the whole body, for later snippets of this
   * method to use by name (Javassist's addLocalVariable). It holds nothing until a snippet assigns it.
   */
  addLocalVariable(name: string, type: CtClass): void {
    this.declaringClass.checkModify(this.node);
    addLocalVariable(this, name, type);
  }

  /** Runs `editor` over the expressions of this body (Javassist's CtBehavior.instrument). */
  instrument(editor: ExprEditorLike): void {
    this.declaringClass.checkModify(this.node);
    instrumentBehavior(this, editor);
  }
}

/** The method's instructions without labels, line numbers and frames (pseudo-instructions, opcode -1). */
export function realInstructions(method: MethodNode): AbstractInsnNode[] {
  const code: AbstractInsnNode[] = [];
  for (let insn = method.instructions.getFirst(); insn !== null; insn = insn.getNext()) if (insn.getOpcode() >= 0) code.push(insn);
  return code;
}
