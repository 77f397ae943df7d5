// # CtField: a field of a CtClass (Javassist's CtField), backed by a FieldNode of its tree.

import { FieldInfo } from './bytecode/member-info.js';
import { Opcodes } from '../asm/opcodes.js';
import { FieldNode } from '../tree/field-node.js';
import type { CtClass } from './ct-class.js';
import { CtMember } from './ct-member.js';
import type { VariableInitializerNode } from './compiler/ast.js';
import { compileFieldDeclaration } from './source-compiler.js';
import { Initializer } from './field-initializer.js';

export class CtField extends CtMember {
  /** How addField initializes a field (Javassist's CtField.Initializer: constant, byNew, byParameter, byCall…). */
  static readonly Initializer = Initializer;

  private readonly node: FieldNode;
  /** Javassist's CtField.make("int x = 3;"): the initializer, compiled when the field is added. */
  private initializer: string | VariableInitializerNode | null;

  /** A new field of `type` named `name` for `declaring` (no modifiers: package access), to add with declaring.addField. */
  constructor(type: CtClass, name: string, declaring: CtClass);
  /** @internal Wraps a field of the class's tree. */
  constructor(node: FieldNode, declaring: CtClass, wrap: true);
  constructor(typeOrNode: CtClass | FieldNode, nameOrDeclaring: string | CtClass, declaringOrWrap: CtClass | true) {
    const node =
      declaringOrWrap === true
        ? (typeOrNode as FieldNode)
        : new FieldNode(Opcodes.ASM9, 0, nameOrDeclaring as string, (typeOrNode as CtClass).getDescriptor(), null, null);
    super(declaringOrWrap === true ? (nameOrDeclaring as CtClass) : declaringOrWrap, node);
    this.node = node;
    this.initializer = null;
  }

  /** @internal */
  static wrap(node: FieldNode, declaring: CtClass): CtField {
    return new CtField(node, declaring, true);
  }

  /**
   * A field from Java source, e.g. `CtField.make("public static int count = 0;", cc)`: modifiers,
   * type, name and an optional initializer (compiled when the field is added with cc.addField).
   */
  static make(source: string, declaring: CtClass): CtField {
    const declaration = compileFieldDeclaration(declaring, source);
    const field = new CtField(declaration.type, declaration.name, declaring);
    field.node.access = declaration.modifiers;
    field.node.signature = declaration.signature;
    field.initializer = declaration.initializer;
    return field;
  }

  /** @internal */
  fieldNode(): FieldNode {
    return this.node;
  }

  /** @internal The initializer of CtField.make, consumed by addField. */
  pendingInitializer(): string | VariableInitializerNode | null {
    const source = this.initializer;
    this.initializer = null;
    return source;
  }

  getName(): string {
    return this.node.name;
  }

  setName(name: string): void {
    this.declaringClass.checkModify(this.node);
    this.node.name = name;
    this.declaringClass.memberDeclarationChanged();
  }

  getType(): CtClass {
    return this.declaringClass.getClassPool().getByDescriptor(this.node.desc);
  }

  setType(type: CtClass): void {
    this.declaringClass.checkModify(this.node);
    this.node.desc = type.getDescriptor();
    this.declaringClass.memberDeclarationChanged();
  }

  /** Javassist's bytecode-level view of this field: its annotations attributes (read, add, remove). */
  getFieldInfo(): FieldInfo {
    const node = this.fieldNode();
    return new FieldInfo(
      node,
      this.getDeclaringClass().getName(),
      () => this.getDeclaringClass().checkModify(node),
      () => this.getDeclaringClass().currentBytecode(),
      () => this.getDeclaringClass().memberDeclarationChanged(),
    );
  }

  getFieldInfo2(): FieldInfo {
    return this.getFieldInfo();
  }

  /** Javassist's form: `declaring.Class.name:descriptor`. */
  override toString(): string {
    return `${this.getDeclaringClass().getName()}.${this.getName()}:${this.getSignature()}`;
  }

  /** The ConstantValue of a static final field (JVMS §4.7.2), or null. */
  getConstantValue(): unknown {
    if ((this.node.access & Opcodes.ACC_STATIC) === 0) return null;
    const value = this.node.value ?? null;
    // A boolean constant is stored as an int (JVMS §4.7.2): Javassist answers a boolean for a Z field.
    if (this.node.desc === 'Z' && typeof value === 'number') return value !== 0;
    return value;
  }
}
