// # Javassist's ClassFile, MethodInfo and FieldInfo, as views of a CtClass and its members
//
// What real Javassist code does at this level besides snippets: add or read annotations
// (getAttribute/addAttribute with an AnnotationsAttribute), read parameter names (the
// LocalVariableTable of getCodeAttribute()), look at names, descriptors and flags. The views read and
// write the CtClass's tree, so a change through them is a change of the class (frozen classes refuse
// it, and the member is written again). Other attributes: getAttribute answers null; the raw ones are
// CtClass/CtMember.getAttribute/setAttribute's (bytes).

import { CannotCompileException } from '../cannot-compile-exception.js';
import type { CtClass } from '../ct-class.js';
import { FieldNode } from '../../tree/field-node.js';
import { Opcodes } from '../../asm/opcodes.js';
import { MethodNode } from '../../tree/method-node.js';
import type { ClassNode } from '../../tree/class-node.js';
import { toDottedName } from '../../classfile/class-names.js';
import { AnnotationsAttribute, type AttributeInfo, CodeAttribute, LineNumberAttribute, MethodParametersAttribute, annotationNodesHolder } from './attributes.js';
import { ParameterNode } from '../../tree/parameter-node.js';
import { ConstPool } from './const-pool.js';
import { SignatureAttribute } from './signature-attribute.js';
import { lineNumberAt, standaloneCode, writtenCode, writtenMethodAttribute } from './written-code.js';
import { type EditableCode, decodeInto, editableCode } from './code-edits.js';
import type { MethodCodeHost } from './attributes.js';
import { flushPendingCode, poolEditsOf } from './pool-edits.js';
import { rebaseCode } from './pool-rebase.js';
import { BootstrapMethodsAttribute } from './bootstrap-methods-attribute.js';
import { ExceptionsAttribute, type ExceptionsHolder } from './exceptions-attribute.js';
import { ParameterAnnotationsAttribute, type ParameterAnnotationsHolder } from './parameter-annotations-attribute.js';
import { Type } from '../../asm/type.js';
import { type RawAttribute, type RawCode, readRawClassFile } from '../../classfile/raw-class-file.js';
import { RawAttributeInfo } from './attribute-info.js';
import { readConstantPool } from '../../classfile/constant-pool.js';
import { AnnotationDefaultAttribute, type AnnotationDefaultHolder, ConstantAttribute, classFileAttributeView } from './class-file-attributes.js';
import type { AbstractInsnNode } from '../../tree/abstract-insn-node.js';
import { InsnList } from '../../tree/insn-list.js';

/** Per method: its code as edited at the byte level, and the instruction list it was decoded into (pool-edits.ts). */
const EDITED_CODE = new WeakMap<MethodNode, { edit: EditableCode; instructions: InsnList; size: number; first: AbstractInsnNode | null; last: AbstractInsnNode | null }>();

type AnnotatedNode = ClassNode | MethodNode | FieldNode;

/** What the three views share: a constant pool handle, and the annotation attributes. */
abstract class AnnotatedInfo {
  /** @internal */
  protected constructor(
    private readonly initialNode: AnnotatedNode,
    private readonly initialClassName: string,
    /** Called before a change: checks the class may change and records which member did. */
    private readonly beforeChange: () => void,
    /** The class file as it would be written now (CtClass.currentBytecode), for the code's bytes and the constant pool. */
    protected readonly classBytes: () => Uint8Array,
    /** Called after a change of the member's declaration (its signature): the compiler's view of the class is rebuilt. */
    private readonly declarationChanged: () => void = () => {},
    /** The CtClass: ConstPools of one class share the entries added to them (pool-edits.ts). */
    protected readonly owner: object | null = null,
  ) {}

  /** The member's node (a ClassFile's follows its class when a rename gives it a new one). */
  protected get node(): AnnotatedNode {
    return this.currentNode();
  }

  /** The dotted name of the declaring class. */
  protected get className(): string {
    return this.currentClassName();
  }

  /** @internal */
  protected currentNode(): AnnotatedNode {
    return this.initialNode;
  }

  /** @internal */
  protected currentClassName(): string {
    return this.initialClassName;
  }

  /** @internal */
  protected changing(): void {
    this.beforeChange();
  }

  /** The class's constant pool: the pool of the class file as written now (see const-pool.ts). */
  getConstPool(): ConstPool {
    return new ConstPool(this.className, this.classBytes, this.owner);
  }

  /**
   * AnnotationsAttribute.visibleTag or invisibleTag: a live view of those annotations, or null when
   * there are none; other names: null.
   */
  getAttribute(name: string): AttributeInfo | null {
    if (name === SignatureAttribute.tag) {
      const signature = this.node.signature;
      return signature === null ? null : new SignatureAttribute(null, signature).bind((s) => this.setSignature(s));
    }
    if (name !== AnnotationsAttribute.visibleTag && name !== AnnotationsAttribute.invisibleTag) return this.classFileView(name);
    const visible = name === AnnotationsAttribute.visibleTag;
    const nodes = visible ? this.node.visibleAnnotations : this.node.invisibleAnnotations;
    if (nodes === null || nodes.length === 0) return null;
    return new AnnotationsAttribute(null, name).bind(annotationNodesHolder(this.node, visible, this.beforeChange), false);
  }

  /**
   * The attributes of the member as the class file has them now, in their order: the views where
   * getAttribute offers one, the others with their bytes. A snapshot: adding to or removing from the
   * list changes nothing (addAttribute/removeAttribute do).
   */
  getAttributes(): AttributeInfo[] {
    return this.writtenAttributes().map((attribute) => this.attributeView(attribute.name) ?? new RawAttributeInfo(attribute.name, new Uint8Array(attribute.info)));
  }

  /** The view of attribute `name` as the class file has it now (class-file-attributes.ts), or null. */
  private classFileView(name: string): AttributeInfo | null {
    const attribute = this.writtenAttributes().find((a) => a.name === name);
    return attribute === undefined ? null : classFileAttributeView(name, new Uint8Array(attribute.info), readConstantPool(this.classBytes()));
  }

  /** @internal The member's attributes in the class file as written now. */
  protected abstract writtenAttributes(): readonly RawAttribute[];

  /** @internal The view getAttributes gives for attribute `name`, or null for its bytes. */
  protected attributeView(name: string): AttributeInfo | null {
    return this.getAttribute(name);
  }

  /** Adds `attribute` (an AnnotationsAttribute), replacing the member's attribute of that name; it stays live. */
  addAttribute(attribute: AttributeInfo): void {
    if (attribute instanceof SignatureAttribute) {
      this.setSignature(attribute.getSignature());
      attribute.bind((s) => this.setSignature(s));
      return;
    }
    if (!(attribute instanceof AnnotationsAttribute)) {
      throw new CannotCompileException(`addAttribute takes an AnnotationsAttribute here; ${attribute.getName()} is changed through CtClass/CtMember.setAttribute (bytes) or the API`);
    }
    attribute.bind(annotationNodesHolder(this.node, attribute.getName() === AnnotationsAttribute.visibleTag, this.beforeChange), true);
  }

  /** @internal */
  protected afterDeclarationChange(): void {
    this.declarationChanged();
  }

  private setSignature(signature: string | null): void {
    this.beforeChange();
    this.node.signature = signature;
    this.declarationChanged();
  }

  /** Removes the annotations attribute `name`, or the Signature. */
  removeAttribute(name: string): void {
    if (name === SignatureAttribute.tag && this.node.signature !== null) this.setSignature(null);
    if (name === AnnotationsAttribute.visibleTag || name === AnnotationsAttribute.invisibleTag) {
      annotationNodesHolder(this.node, name === AnnotationsAttribute.visibleTag, this.beforeChange).set(null);
    }
  }
}

export class MethodInfo extends AnnotatedInfo {
  /** The name of constructors (JVMS §2.9.1). */
  static readonly nameInit = '<init>';
  /** The name of the class initializer (JVMS §2.9.2). */
  static readonly nameClinit = '<clinit>';

  private readonly method: MethodNode;
  /** The pool of a method made with `new MethodInfo(cp, name, descriptor)`, not in a class yet. */
  private readonly detachedPool: ConstPool | null;

  /**
   * A new method `name``descriptor` (no access flags, no code), to give code with setCodeAttribute
   * and add with ClassFile.addMethod (Javassist's `new MethodInfo(cf.getConstPool(), "move", "(II)V")`).
   */
  constructor(cp: ConstPool, name: string, descriptor: string);
  /** @internal A view of a method of a class. */
  constructor(method: MethodNode, className: string, beforeChange: () => void, classBytes: () => Uint8Array, declarationChanged?: () => void, owner?: object | null);
  constructor(
    methodOrPool: MethodNode | ConstPool,
    classNameOrName: string,
    beforeChangeOrDescriptor: (() => void) | string,
    classBytes?: () => Uint8Array,
    declarationChanged?: () => void,
    owner: object | null = null,
  ) {
    if (methodOrPool instanceof ConstPool) {
      const node = new MethodNode(0, classNameOrName, beforeChangeOrDescriptor as string, null, null);
      const notAdded = (): Uint8Array => {
        throw new CannotCompileException(`the method ${classNameOrName} is not in a class yet (ClassFile.addMethod)`);
      };
      super(node, methodOrPool.getClassName(), () => {}, notAdded, undefined, methodOrPool.ownerKey());
      this.method = node;
      this.detachedPool = methodOrPool;
    } else {
      super(methodOrPool, classNameOrName, beforeChangeOrDescriptor as () => void, classBytes!, declarationChanged, owner);
      this.method = methodOrPool;
      this.detachedPool = null;
    }
  }

  /** @internal The method's node (ClassFile.addMethod). */
  methodNode(): MethodNode {
    return this.method;
  }

  /** Sets access_flags (JVMS §4.6). */
  setAccessFlags(access: number): void {
    this.changing();
    this.method.access = access;
    this.afterDeclarationChange();
  }

  /**
   * Makes `code` this method's code: a CodeAttribute made by Bytecode.toCodeAttribute(), or another
   * method's (copied). Its indexes are in this class's ConstPool; the method is decoded from it when
   * the class is next written, frames computed (Javassist's setCodeAttribute).
   */
  setCodeAttribute(code: CodeAttribute): void {
    code.adoptBy(this.codeHost());
  }

  /**
   * Javassist rebuilds the StackMapTable of edited code here (class files of version 50 and later).
   * classforge computes frames whenever it writes an edited method, so this decodes the edits into
   * the method now: code that cannot be decoded is reported here, as Javassist's BadBytecode would be.
   */
  rebuildStackMapIf6(_pool?: unknown, _classFile?: ClassFile): void {
    this.rebuildStackMap();
  }

  /** As rebuildStackMapIf6. */
  rebuildStackMap(_pool?: unknown): void {
    if (this.owner !== null) flushPendingCode(this.owner);
  }

  /** @internal The edited code of this method, when it is still this method's (no tree edit came after). */
  private editedCode(): EditableCode | null {
    const entry = EDITED_CODE.get(this.method);
    if (entry === undefined) return null;
    const list = this.method.instructions;
    const current = entry.instructions === list && entry.size === list.size() && entry.first === list.getFirst() && entry.last === list.getLast();
    return current ? entry.edit : null;
  }

  private codeHost(): MethodCodeHost {
    if (this.owner === null) throw new CannotCompileException(`${this.method.name}${this.method.desc}: this MethodInfo cannot edit code`);
    const owner = this.owner;
    const method = this.method;
    const className = this.className;
    const record = (edit: EditableCode): void => {
      const list = method.instructions;
      EDITED_CODE.set(method, { edit, instructions: list, size: list.size(), first: list.getFirst(), last: list.getLast() });
    };
    const snapshot = (): EditableCode => {
      const edited = this.editedCode();
      if (edited !== null) return edited;
      if (this.detachedPool === null) {
        const unchanged = poolEditsOf(owner).unchangedCode(method, method.name, method.desc);
        if (unchanged !== null) return editableCode(unchanged);
      }
      const code = this.writtenCode();
      if (code === null) throw new CannotCompileException(`${method.name}${method.desc}: no code`);
      const edit = editableCode(code);
      // After the pool froze, the class as written may number its added entries otherwise (pool-rebase.ts).
      if (poolEditsOf(owner).isFrozen() && this.detachedPool === null) rebaseCode(edit, readConstantPool(this.classBytes()), poolEditsOf(owner));
      return edit;
    };
    return {
      className,
      // Once the pool froze, reads go through the rebased copy too: its indexes are the ConstPool's.
      edited: () => this.editedCode() ?? (poolEditsOf(owner).isFrozen() && this.detachedPool === null ? snapshot() : null),
      snapshot,
      registered: () => this.editedCode(),
      changed: (edit) => {
        const edits = poolEditsOf(owner);
        if (edits.pending.has(method) && this.editedCode() === edit) return;
        this.changing();
        if (this.detachedPool !== null) this.detachedPool.edits();
        else edits.freeze(this.classBytes);
        record(edit);
        edits.pending.set(method, () => {
          decodeInto(method, edit, edits, className.replace(/\./g, '/'));
          record(edit);
        });
      },
      constPool: () => this.getConstPool(),
    };
  }

  /**
   * The source line of bytecode offset `pos` in the code (Javassist's getLineNumber, through the
   * LineNumberTable: written-code.ts lineNumberAt); -1 without code or line numbers.
   */
  getLineNumber(pos: number): number {
    // Edited at the byte level: the offsets are those of the edited code[] (as in Javassist).
    const edited = this.editedCode();
    if (edited !== null) return edited.lineNumbers.length === 0 ? -1 : new LineNumberAttribute(edited.lineNumbers).toLineNumber(pos);
    const code = this.writtenCode();
    return code === null ? -1 : lineNumberAt(code, pos);
  }

  private writtenCode(): RawCode | null {
    if (this.detachedPool !== null) return this.method.instructions.size() === 0 ? null : standaloneCode(this.method, this.className.replace(/\./g, '/'));
    const code = writtenCode(this.classBytes(), this.method.name, this.method.desc);
    if (code !== null || this.method.instructions.size() === 0) return code;
    // Not in the class (yet): the method written alone.
    return standaloneCode(this.method, this.className.replace(/\./g, '/'));
  }

  getName(): string {
    return this.method.name;
  }

  getDescriptor(): string {
    return this.method.desc;
  }

  /** Renames the method (Javassist's setName: nothing else changes, callers included). */
  setName(name: string): void {
    if (name === this.method.name) return;
    this.changing();
    this.method.name = name;
    this.afterDeclarationChange();
  }

  /** Sets the descriptor (the code is not changed to match, as in Javassist). */
  setDescriptor(descriptor: string): void {
    if (descriptor === this.method.desc) return;
    this.changing();
    this.method.desc = descriptor;
    this.afterDeclarationChange();
  }

  /** `name descriptor`, as Javassist's toString. */
  override toString(): string {
    return `${this.getName()} ${this.getDescriptor()}`;
  }

  getAccessFlags(): number {
    return this.method.access;
  }

  isConstructor(): boolean {
    return this.method.name === '<init>';
  }

  isStaticInitializer(): boolean {
    return this.method.name === '<clinit>';
  }

  protected override writtenAttributes(): readonly RawAttribute[] {
    if (this.detachedPool !== null) return [];
    return readRawClassFile(this.classBytes()).methods.find((m) => m.name === this.method.name && m.descriptor === this.method.desc)?.attributes ?? [];
  }

  protected override attributeView(name: string): AttributeInfo | null {
    return name === CodeAttribute.tag ? this.getCodeAttribute() : this.getAttribute(name);
  }

  /** The method's `throws` clause as a live ExceptionsAttribute, or null when it declares none. */
  getExceptionsAttribute(): ExceptionsAttribute | null {
    if ((this.method.exceptions ?? []).length === 0) return null;
    return new ExceptionsAttribute(this.getConstPool()).bind(this.exceptionsHolder());
  }

  /** Replaces the `throws` clause with `attribute`'s exceptions; the attribute is then this method's (live). */
  setExceptionsAttribute(attribute: ExceptionsAttribute): void {
    const holder = this.exceptionsHolder();
    holder.set((attribute.getExceptions() ?? []).map((name) => name.replace(/\./g, '/')));
    attribute.bind(holder);
  }

  /** Removes the `throws` clause. */
  removeExceptionsAttribute(): void {
    if ((this.method.exceptions ?? []).length > 0) this.exceptionsHolder().set([]);
  }

  private exceptionsHolder(): ExceptionsHolder {
    const method = this.method;
    return {
      get: () => method.exceptions ?? [],
      set: (names) => {
        this.changing();
        method.exceptions = names;
        this.afterDeclarationChange();
      },
      indexes: () => {
        // The class file's Class entries: once the pool froze (or for a method not in a class yet), the ConstPool's.
        const frozen = this.owner !== null && poolEditsOf(this.owner).isFrozen();
        if (!frozen && this.detachedPool === null) {
          const info = writtenMethodAttribute(this.classBytes(), method.name, method.desc, ExceptionsAttribute.tag);
          if (info !== null) return Array.from({ length: (info[0]! << 8) | info[1]! }, (_, i) => (info[2 + 2 * i]! << 8) | info[3 + 2 * i]!);
        }
        const cp = this.detachedPool ?? this.getConstPool();
        return (method.exceptions ?? []).map((name) => cp.addClassInfo(name));
      },
    };
  }

  private annotationDefaultHolder(): AnnotationDefaultHolder {
    return {
      get: () => this.method.annotationDefault,
      set: (value) => {
        this.changing();
        this.method.annotationDefault = value;
      },
    };
  }

  /** The parameter annotations of one visibility (JVMS §4.7.18-19), read and written in the method's tree. */
  private parameterAnnotationsHolder(visible: boolean): ParameterAnnotationsHolder {
    const method = this.method;
    return {
      get: () => {
        const annotations = visible ? method.visibleParameterAnnotations : method.invisibleParameterAnnotations;
        if (annotations === null) return null;
        const annotable = visible ? method.visibleAnnotableParameterCount : method.invisibleAnnotableParameterCount;
        return { count: annotable > 0 ? annotable : Type.getArgumentCount(method.desc), annotations };
      },
      set: (parameters) => {
        this.changing();
        const count = Type.getArgumentCount(method.desc);
        // ASM's tree has a slot per descriptor parameter; num_parameters is kept when it is another number.
        const slots = Array.from({ length: Math.max(count, parameters.length) }, (_, i) => (parameters[i]?.length ? parameters[i]! : null));
        const annotable = parameters.length === count ? 0 : parameters.length;
        if (visible) {
          method.visibleParameterAnnotations = slots;
          method.visibleAnnotableParameterCount = annotable;
        } else {
          method.invisibleParameterAnnotations = slots;
          method.invisibleAnnotableParameterCount = annotable;
        }
      },
    };
  }

  /** MethodParametersAttribute.tag too (the names javac -parameters writes), ExceptionsAttribute.tag, ParameterAnnotationsAttribute's tags; the rest as AnnotatedInfo. */
  override getAttribute(name: string): AttributeInfo | null {
    if (name === ExceptionsAttribute.tag) return this.getExceptionsAttribute();
    if (name === AnnotationDefaultAttribute.tag) return this.method.annotationDefault == null ? null : new AnnotationDefaultAttribute().bind(this.annotationDefaultHolder(), false);
    if (name === ParameterAnnotationsAttribute.visibleTag || name === ParameterAnnotationsAttribute.invisibleTag) {
      const holder = this.parameterAnnotationsHolder(name === ParameterAnnotationsAttribute.visibleTag);
      return holder.get() === null ? null : new ParameterAnnotationsAttribute(null, name).bind(holder, false);
    }
    if (name !== MethodParametersAttribute.tag) return super.getAttribute(name);
    const parameters = this.method.parameters;
    if (parameters === null) return null;
    const info = writtenMethodAttribute(this.classBytes(), this.method.name, this.method.desc, name);
    const indexes = info === null ? null : parameters.map((_, i) => (info[1 + 4 * i]! << 8) | info[2 + 4 * i]!);
    return new MethodParametersAttribute(null, parameters.map((p) => p.name), parameters.map((p) => p.access), indexes);
  }

  /** Removes the attribute `name`: the parameter annotations of a ParameterAnnotationsAttribute tag too. */
  override removeAttribute(name: string): void {
    if (name !== ParameterAnnotationsAttribute.visibleTag && name !== ParameterAnnotationsAttribute.invisibleTag) {
      super.removeAttribute(name);
      return;
    }
    const visible = name === ParameterAnnotationsAttribute.visibleTag;
    if ((visible ? this.method.visibleParameterAnnotations : this.method.invisibleParameterAnnotations) === null) return;
    this.changing();
    if (visible) {
      this.method.visibleParameterAnnotations = null;
      this.method.visibleAnnotableParameterCount = 0;
    } else {
      this.method.invisibleParameterAnnotations = null;
      this.method.invisibleAnnotableParameterCount = 0;
    }
  }

  /** A MethodParametersAttribute replaces the parameter names and flags; the rest as AnnotatedInfo. */
  override addAttribute(attribute: AttributeInfo): void {
    if (attribute instanceof AnnotationDefaultAttribute) {
      attribute.bind(this.annotationDefaultHolder(), true);
      return;
    }
    if (attribute instanceof ParameterAnnotationsAttribute) {
      attribute.bind(this.parameterAnnotationsHolder(attribute.getName() === ParameterAnnotationsAttribute.visibleTag), true);
      return;
    }
    if (attribute instanceof ExceptionsAttribute) {
      this.setExceptionsAttribute(attribute);
      return;
    }
    if (!(attribute instanceof MethodParametersAttribute)) {
      super.addAttribute(attribute);
      return;
    }
    this.changing();
    this.method.parameters = Array.from({ length: attribute.size() }, (_, i) => new ParameterNode(attribute.parameterName(i), attribute.accessFlags(i)));
  }

  /** Neither a constructor nor the static initializer. */
  isMethod(): boolean {
    return !this.isConstructor() && !this.isStaticInitializer();
  }

  /**
   * Removes the method's code (Javassist's removeCodeAttribute), to make it abstract or native with
   * setAccessFlags; edits waiting for it are dropped.
   */
  removeCodeAttribute(): void {
    this.changing();
    if (this.owner !== null) poolEditsOf(this.owner).pending.delete(this.method);
    EDITED_CODE.delete(this.method);
    this.method.instructions = new InsnList();
    this.method.tryCatchBlocks = [];
    this.method.localVariables = null;
    this.method.maxStack = 0;
    this.method.maxLocals = 0;
  }

  /** The Code attribute, or null for an abstract or native method. */
  getCodeAttribute(): CodeAttribute | null {
    if (this.method.instructions.size() === 0 && this.editedCode() === null) return null;
    return new CodeAttribute(
      this.method.localVariables,
      () => {
        const code = this.writtenCode();
        if (code === null) throw new CannotCompileException(`${this.method.name}${this.method.desc}: no Code attribute in the class file`);
        return code;
      },
      this.owner === null ? null : this.codeHost(),
    );
  }
}

export class FieldInfo extends AnnotatedInfo {
  private readonly field: FieldNode;

  /**
   * A new field `name` of type `descriptor` (no access flags), to add with ClassFile.addField
   * (Javassist's tutorial §5.2: `new FieldInfo(cf.getConstPool(), "width", "I")`).
   */
  constructor(cp: ConstPool, name: string, descriptor: string);
  /** @internal A view of a field of a class. */
  constructor(field: FieldNode, className: string, beforeChange: () => void, classBytes: () => Uint8Array, declarationChanged?: () => void);
  constructor(
    fieldOrPool: FieldNode | ConstPool,
    classNameOrName: string,
    beforeChangeOrDescriptor: (() => void) | string,
    classBytes?: () => Uint8Array,
    declarationChanged?: () => void,
  ) {
    if (fieldOrPool instanceof ConstPool) {
      const node = new FieldNode(Opcodes.ASM9, 0, classNameOrName, beforeChangeOrDescriptor as string, null, null);
      const notAdded = (): Uint8Array => {
        throw new CannotCompileException(`the field ${classNameOrName} is not in a class yet (ClassFile.addField)`);
      };
      super(node, fieldOrPool.getClassName(), () => {}, notAdded);
      this.field = node;
    } else {
      super(fieldOrPool, classNameOrName, beforeChangeOrDescriptor as () => void, classBytes!, declarationChanged);
      this.field = fieldOrPool;
    }
  }

  /** The constant pool index of a static field's ConstantValue, else 0 (Javassist's getConstantValue). */
  getConstantValue(): number {
    if ((this.field.access & Opcodes.ACC_STATIC) === 0) return 0;
    const attribute = this.getAttribute(ConstantAttribute.tag);
    return attribute instanceof ConstantAttribute ? attribute.getConstantValue() : 0;
  }

  protected override writtenAttributes(): readonly RawAttribute[] {
    try {
      return readRawClassFile(this.classBytes()).fields.find((f) => f.name === this.field.name && f.descriptor === this.field.desc)?.attributes ?? [];
    } catch {
      return []; // not in a class yet
    }
  }

  /** @internal The field's node (ClassFile.addField). */
  fieldNode(): FieldNode {
    return this.field;
  }

  /** Sets access_flags (JVMS §4.5). */
  setAccessFlags(access: number): void {
    this.changing();
    this.field.access = access;
    this.afterDeclarationChange();
  }

  getName(): string {
    return this.field.name;
  }

  getDescriptor(): string {
    return this.field.desc;
  }

  getAccessFlags(): number {
    return this.field.access;
  }
}

export class ClassFile extends AnnotatedInfo {
  // Class file major versions (JVMS §4.1), as Javassist names them.
  static readonly JAVA_1 = 45;
  static readonly JAVA_2 = 46;
  static readonly JAVA_3 = 47;
  static readonly JAVA_4 = 48;
  static readonly JAVA_5 = 49;
  static readonly JAVA_6 = 50;
  static readonly JAVA_7 = 51;
  static readonly JAVA_8 = 52;
  static readonly JAVA_9 = 53;
  static readonly JAVA_10 = 54;
  static readonly JAVA_11 = 55;
  /** The version of the classes makeClass makes (Java 8, as classforge/source writes them). */
  static readonly MAJOR_VERSION = 52;

  /** @internal */
  constructor(
    private readonly initialClassNode: ClassNode,
    beforeChange: () => void,
    private readonly methodInfos: () => MethodInfo[],
    private readonly fieldInfos: () => FieldInfo[],
    classBytes: () => Uint8Array,
    /** Adds a field made with `new FieldInfo(cp, name, descriptor)` to the class (CtClass.addField). */
    private readonly addFieldNode: (field: FieldNode) => void,
    owner: object | null = null,
    /** Adds a method made with `new MethodInfo(cp, name, descriptor)` to the class (CtClass.addMethod). */
    private readonly addMethodNode: ((method: MethodNode) => void) | null = null,
  ) {
    super(initialClassNode, toDottedName(initialClassNode.name), beforeChange, classBytes, undefined, owner);
  }

  /**
   * The class's node now: a rename (setName, renameClass, CtClass.setName/replaceClassName) gives the
   * class a new one, and a ClassFile obtained before it still shows the class, as Javassist's does.
   */
  private get classNode(): ClassNode {
    return (this.owner as CtClass | null)?.classNode() ?? this.initialClassNode;
  }

  protected override currentNode(): ClassNode {
    return this.classNode;
  }

  protected override currentClassName(): string {
    return toDottedName(this.classNode.name);
  }

  /** Adds the method made with `new MethodInfo(cp, name, descriptor)` (Javassist's addMethod), its code decoded now. */
  addMethod(method: MethodInfo): void {
    if (this.owner !== null) flushPendingCode(this.owner);
    if (this.addMethodNode === null) throw new CannotCompileException(`methods cannot be added to ${this.getName()} here`);
    this.addMethodNode(method.methodNode());
  }

  protected override writtenAttributes(): readonly RawAttribute[] {
    return readRawClassFile(this.classBytes()).attributes;
  }

  /** BootstrapMethodsAttribute.tag: the class's bootstrap methods (those set, else the class file's as written now), or null; the rest as AnnotatedInfo. */
  override getAttribute(name: string): AttributeInfo | null {
    if (name !== BootstrapMethodsAttribute.tag) return super.getAttribute(name);
    const set = this.owner === null ? null : poolEditsOf(this.owner).bootstrapMethods();
    const info = set?.info ?? readRawClassFile(this.classBytes()).attributes.find((a) => a.name === name)?.info;
    return info === undefined ? null : new BootstrapMethodsAttribute(null, new Uint8Array(info));
  }

  /**
   * A BootstrapMethodsAttribute replaces the table the class's edited code[] indexes into (JVMS
   * §4.7.23); the rest as AnnotatedInfo.
   */
  override addAttribute(attribute: AttributeInfo): void {
    if (!(attribute instanceof BootstrapMethodsAttribute)) {
      super.addAttribute(attribute);
      return;
    }
    const edits = this.getConstPool().edits();
    this.changing();
    edits.setBootstrapMethods(edits.utf8(BootstrapMethodsAttribute.tag), attribute.get());
  }

  /** Adds the field made with `new FieldInfo(cp, name, descriptor)` (Javassist's addField; a duplicate name is refused). */
  addField(field: FieldInfo): void {
    this.addFieldNode(field.fieldNode());
  }

  getName(): string {
    return toDottedName(this.classNode.name);
  }

  getSuperclass(): string | null {
    return this.classNode.superName === null ? null : toDottedName(this.classNode.superName);
  }

  getInterfaces(): string[] {
    return this.classNode.interfaces.map(toDottedName);
  }

  /** Adds interface `name` (dotted) at the end, as Javassist's (which does not look for it first). */
  addInterface(name: string): void {
    this.changing();
    this.classNode.interfaces.push(name.replace(/\./g, '/'));
    this.hierarchyChanged();
  }

  /** Replaces the interfaces (dotted names); null changes nothing, as in Javassist. */
  setInterfaces(names: readonly string[] | null): void {
    if (names === null) return;
    this.changing();
    this.classNode.interfaces = names.map((name) => name.replace(/\./g, '/'));
    this.hierarchyChanged();
  }

  /**
   * Sets the superclass (dotted; null: java.lang.Object) and retargets the constructors' super(…)
   * calls to it, as Javassist's (through CtClass.setSuperclass, so the class must be in the pool).
   */
  setSuperclass(name: string | null): void {
    const owner = this.owner as CtClass | null;
    if (owner === null) throw new CannotCompileException(`the superclass of ${this.getName()} cannot be changed here`);
    owner.setSuperclass(owner.getClassPool().get(name ?? 'java.lang.Object'));
  }

  /** Renames the class (and its references to itself), as Javassist's setName: CtClass.setName. */
  setName(name: string): void {
    this.ownerClass().setName(name);
  }

  /**
   * Replaces class `oldName` by `newName` everywhere in the class (a map: every entry), renaming the
   * class when it is one of them, as Javassist's renameClass: CtClass.replaceClassName.
   */
  renameClass(oldName: string, newName: string): void;
  renameClass(map: ReadonlyMap<string, string>): void;
  renameClass(oldNameOrMap: string | ReadonlyMap<string, string>, newName?: string): void {
    if (typeof oldNameOrMap === 'string') this.ownerClass().replaceClassName(oldNameOrMap, newName!);
    else this.ownerClass().replaceClassName(oldNameOrMap);
  }

  private ownerClass(): CtClass {
    if (this.owner === null) throw new CannotCompileException(`${this.getName()} cannot be changed here`);
    return this.owner as CtClass;
  }

  private hierarchyChanged(): void {
    (this.owner as CtClass | null)?.getClassPool().hierarchyChanged();
  }

  getAccessFlags(): number {
    return this.classNode.access;
  }

  isInterface(): boolean {
    return (this.classNode.access & 0x0200) !== 0;
  }

  isAbstract(): boolean {
    return (this.classNode.access & 0x0400) !== 0;
  }

  isFinal(): boolean {
    return (this.classNode.access & 0x0010) !== 0;
  }

  /**
   * Sets access_flags as given, with ACC_SUPER added to a class that is not an interface (Javassist's
   * setAccessFlags; JVMS §4.1: every class compiled since Java 1.0.2 has it). A nested class's
   * InnerClasses modifiers are CtClass.setModifiers's business.
   */
  setAccessFlags(access: number): void {
    this.changing();
    this.classNode.access = (access & 0x0200) === 0 ? access | 0x0020 : access;
  }

  /** The SourceFile attribute's file name, or null. */
  getSourceFile(): string | null {
    return this.classNode.sourceFile;
  }

  /** The static initializer, or null. */
  getStaticInitializer(): MethodInfo | null {
    return this.getMethod('<clinit>');
  }

  getMajorVersion(): number {
    return this.classNode.version & 0xffff;
  }

  getMinorVersion(): number {
    return this.classNode.version >>> 16;
  }

  /** Sets the class file's major version (Javassist's setMajorVersion; frames are computed for 50 and later). */
  setMajorVersion(major: number): void {
    this.changing();
    this.classNode.version = (this.classNode.version & ~0xffff) | (major & 0xffff);
  }

  setMinorVersion(minor: number): void {
    this.changing();
    this.classNode.version = ((minor & 0xffff) << 16) | (this.classNode.version & 0xffff);
  }

  getMethods(): MethodInfo[] {
    return this.methodInfos();
  }

  getFields(): FieldInfo[] {
    return this.fieldInfos();
  }

  /** The first method named `name`, or null. */
  getMethod(name: string): MethodInfo | null {
    return this.methodInfos().find((method) => method.getName() === name) ?? null;
  }
}
