// # The expressions an ExprEditor sees (Javassist's javassist.expr package)
//
// Each wraps one instruction of a method body (a method call, a field access, a `new`…): what it
// refers to, where it is, and `replace(source)`, which compiles Java source in its place with
// Javassist's `$` variables (source-compiler.ts).

import type { AbstractInsnNode } from '../tree/abstract-insn-node.js';
import { LabelNode } from '../tree/label-node.js';
import { LineNumberNode } from '../tree/line-number-node.js';
import type { TryCatchBlockNode } from '../tree/try-catch-block-node.js';
import type { CtBehavior } from './ct-behavior.js';
import type { CtClass } from './ct-class.js';
import { toDottedName } from './ct-class.js';
import { Descriptor } from './bytecode/descriptor.js';
import type { CtConstructor } from './ct-constructor.js';
import type { CtField } from './ct-field.js';
import type { CtMethod } from './ct-method.js';
import { insertBeforeHandler, replaceExpression } from './source-compiler.js';
import { bytecodeOffset, instructionOrdinals } from './expr-position.js';

export abstract class Expr {
  /** @internal */
  constructor(
    /** @internal The instruction this expression is. */
    readonly insn: AbstractInsnNode,
    private readonly behavior: CtBehavior,
  ) {}

  /** The method or constructor whose body holds the expression. */
  where(): CtBehavior {
    return this.behavior;
  }

  getEnclosingClass(): CtClass {
    return this.behavior.getDeclaringClass();
  }

  /**
   * The source line (LineNumberTable, JVMS §4.7.12): the line of the last entry starting at or before
   * the expression's offset, or -1. A line entry placed right after the expression's label (a
   * handler's) starts at that same offset.
   */
  getLineNumber(): number {
    const position = this.positionInsn();
    let line = -1;
    for (let node: AbstractInsnNode | null = position; node !== null && node.getOpcode() < 0; node = node.getNext()) {
      if (node instanceof LineNumberNode) line = node.line;
    }
    if (line !== -1) return line;
    for (let node = position.getPrevious(); node !== null; node = node.getPrevious()) {
      if (node instanceof LineNumberNode) return node.line;
    }
    return -1;
  }

  /** The source file name (SourceFile attribute), or null. */
  getFileName(): string | null {
    return this.getEnclosingClass().classNode().sourceFile;
  }

  /** Where the replacement of this expression starts, once replaced. */
  private replacement: LabelNode | null = null;

  /** @internal The instruction (or label) whose position is the expression's: Javassist's currentPos. */
  positionInsn(): AbstractInsnNode {
    return this.replacement ?? this.insn;
  }

  /** @internal Records that replace() put code starting at `start` in the expression's place. */
  markReplaced(start: LabelNode): void {
    this.replacement = start;
  }

  /** @internal Whether replace() was called. */
  isReplaced(): boolean {
    return this.replacement !== null;
  }

  /**
   * The bytecode offset of the expression in its method's code (Javassist's indexOfBytecode): of
   * the call, field, cast… instruction (for a NewExpr its constructor call, where Javassist's
   * NewExpr is, not the `new`), of the handler's first
   * instruction for a Handler. Computed as expr-position.ts says.
   */
  indexOfBytecode(): number {
    const enclosing = this.getEnclosingClass();
    return bytecodeOffset(this.where().methodNode(), this.positionInsn(), enclosing.constantPoolReader());
  }

  /**
   * The exceptions the expression may throw as Javassist's mayThrow answers: not the called method's
   * throws clause, but the types caught by the handlers whose range covers the expression (in
   * exception table order; catch-all handlers add nothing), then the enclosing method's throws
   * clause, each once; classes the pool cannot find are skipped.
   */
  mayThrow(): CtClass[] {
    const method = this.where().methodNode();
    const pool = this.getEnclosingClass().getClassPool();
    const result: CtClass[] = [];
    const add = (internalName: string): void => {
      const type = pool.getOrNull(toDottedName(internalName));
      if (type !== null && !result.includes(type)) result.push(type);
    };
    const ordinals = instructionOrdinals(method);
    const position = ordinals.get(this.positionInsn())!;
    for (const block of method.tryCatchBlocks ?? []) {
      if (block.type !== null && ordinals.get(block.start)! <= position && position < ordinals.get(block.end)!) add(block.type);
    }
    for (const exception of method.exceptions ?? []) add(exception);
    return result;
  }

  /** Replaces the expression with the compiled `source` (a statement or block). */
  replace(source: string): void {
    this.getEnclosingClass().checkModify(this.where().methodNode());
    replaceExpression(this, source);
  }
}

/** A method call (Javassist's MethodCall); `$0` is the target, `$1`… the arguments, `$_` the result. */
export class MethodCall extends Expr {
  /** @internal */
  constructor(
    insn: AbstractInsnNode,
    behavior: CtBehavior,
    /** @internal */ readonly owner: string,
    /** @internal */ readonly name: string,
    /** @internal */ readonly descriptor: string,
    /** @internal */ readonly opcode: number,
    /** @internal */ readonly isInterface: boolean,
  ) {
    super(insn, behavior);
  }

  /**
   * The dotted name of the class the call names (the qualifying type, JLS §13.1); for a method of an
   * array (`xs.clone()`), the array type in Java form (`int[][]`), as Javassist's.
   */
  getClassName(): string {
    return this.owner.startsWith('[') ? Descriptor.toClassName(this.owner) : toDottedName(this.owner);
  }

  getMethodName(): string {
    return this.name;
  }

  getSignature(): string {
    return this.descriptor;
  }

  /** Whether it is `super.m(…)` (an invokespecial that is not a constructor or private call). */
  isSuper(): boolean {
    return this.opcode === 0xb7 && this.name !== '<init>' && this.owner !== this.getEnclosingClass().getInternalName();
  }

  getMethod(): CtMethod {
    // An array's methods are Object's (JLS §10.7).
    const owner = this.owner.startsWith('[') ? 'java.lang.Object' : this.getClassName();
    return this.where().getDeclaringClass().getClassPool().get(owner).getMethod(this.name, this.descriptor);
  }
}

/** A `super(…)` or `this(…)` call in a constructor (Javassist's ConstructorCall). */
export class ConstructorCall extends MethodCall {
  /** `super` or `this`, as Javassist's (not `<init>`). */
  override getMethodName(): string {
    return this.isSuper() ? 'super' : 'this';
  }

  /** Whether it calls a constructor of the superclass. */
  override isSuper(): boolean {
    return this.owner !== this.getEnclosingClass().getInternalName();
  }

  getConstructor(): CtConstructor {
    return this.getEnclosingClass().getClassPool().get(this.getClassName()).getConstructor(this.descriptor);
  }
}

/** A field read or write (Javassist's FieldAccess); for a write, `$1` is the value. */
export class FieldAccess extends Expr {
  /** @internal */
  constructor(
    insn: AbstractInsnNode,
    behavior: CtBehavior,
    /** @internal */ readonly owner: string,
    /** @internal */ readonly name: string,
    /** @internal */ readonly descriptor: string,
    /** @internal */ readonly opcode: number,
  ) {
    super(insn, behavior);
  }

  getClassName(): string {
    return toDottedName(this.owner);
  }

  getFieldName(): string {
    return this.name;
  }

  getSignature(): string {
    return this.descriptor;
  }

  isStatic(): boolean {
    return this.opcode === 0xb2 || this.opcode === 0xb3;
  }

  isReader(): boolean {
    return this.opcode === 0xb2 || this.opcode === 0xb4;
  }

  isWriter(): boolean {
    return !this.isReader();
  }

  getField(): CtField {
    return this.where().getDeclaringClass().getClassPool().get(this.getClassName()).getField(this.name, this.descriptor);
  }
}

/** `new C(…)` (Javassist's NewExpr): `$1`… the arguments, `$_` the new object. */
export class NewExpr extends Expr {
  /** @internal */
  constructor(
    insn: AbstractInsnNode,
    behavior: CtBehavior,
    /** @internal The NEW instruction. */ readonly newInsn: AbstractInsnNode,
    /** @internal */ readonly owner: string,
    /** @internal */ readonly descriptor: string,
  ) {
    super(insn, behavior);
  }

  getClassName(): string {
    return toDottedName(this.owner);
  }

  getSignature(): string {
    return this.descriptor;
  }

  getConstructor(): CtConstructor {
    return this.getEnclosingClass().getClassPool().get(this.getClassName()).getConstructor(this.descriptor);
  }
}

/** An array creation (Javassist's NewArray). */
export class NewArray extends Expr {
  /** @internal */
  constructor(
    insn: AbstractInsnNode,
    behavior: CtBehavior,
    /** @internal The created array's descriptor. */ readonly arrayDescriptor: string,
    /** @internal */ readonly createdDimensions: number,
  ) {
    super(insn, behavior);
  }

  /**
   * The element type of the created array, all dimensions removed: `int` for `new int[a][b]`, not
   * `int[]` (as Javassist documents it; getDimension gives the number of dimensions).
   */
  getComponentType(): CtClass {
    return this.where().getDeclaringClass().getClassPool().getByDescriptor(this.arrayDescriptor.slice(this.getDimension()));
  }

  getDimension(): number {
    let dimensions = 0;
    while (this.arrayDescriptor.charAt(dimensions) === '[') dimensions++;
    return dimensions;
  }

  getCreatedDimensions(): number {
    return this.createdDimensions;
  }
}

/** A checkcast (Javassist's Cast): `$1` the value, `$_` the result. */
export class Cast extends Expr {
  /** @internal */
  constructor(
    insn: AbstractInsnNode,
    behavior: CtBehavior,
    /** @internal */ readonly target: string,
  ) {
    super(insn, behavior);
  }

  getType(): CtClass {
    const pool = this.where().getDeclaringClass().getClassPool();
    return this.target.startsWith('[') ? pool.getByDescriptor(this.target) : pool.get(toDottedName(this.target));
  }
}

/** An instanceof test (Javassist's Instanceof): `$1` the value, `$_` the boolean result. */
export class Instanceof extends Cast {}

/** An exception handler (Javassist's Handler): code can be inserted at its start. */
export class Handler extends Expr {
  /** @internal */
  constructor(
    insn: AbstractInsnNode,
    behavior: CtBehavior,
    /** @internal */ readonly block: TryCatchBlockNode,
  ) {
    super(insn, behavior);
  }

  /** The caught type, or null for a `finally` (catch-all) handler. */
  getType(): CtClass | null {
    return this.block.type === null ? null : this.where().getDeclaringClass().getClassPool().get(toDottedName(this.block.type));
  }

  isFinally(): boolean {
    return this.block.type === null;
  }

  /** Compiles `source` and inserts it at the start of the handler; `$1` is the exception. */
  insertBefore(source: string): void {
    this.getEnclosingClass().checkModify(this.where().methodNode());
    insertBeforeHandler(this, source);
  }

  override replace(_source: string): void {
    throw new Error('Handler.replace is not supported (as in Javassist): use insertBefore');
  }
}
