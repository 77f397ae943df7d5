// # CtClass: a class being read or edited, Javassist's central type
//
// Backed by a tree (ClassNode) read from the class file on first use, so editing through CtClass,
// CtMethod and CtField is editing the tree; `toBytecode()` writes it with frames recomputed against
// the pool's class path (ClassWriter COMPUTE_FRAMES, or COMPUTE_MAXS for class files older than
// Java 7, as `classforge transform` does) for the methods that changed; the others, and a class
// nobody changed, come back byte for byte.
//
// Which members changed is recorded as they change (checkModify(member)), not found by comparing
// every member with the class file when it is written (what tree transforms need, TreeBaseline):
// that comparison cost as much as the edits themselves. With CLASSFORGE_CHECK_TOUCHED set (the
// test suite sets it), toBytecode makes the comparison too and throws if a member changed
// unrecorded.
//
// Three kinds share the type, as in Javassist: classes and interfaces (the pool's), primitive types
// (the static CtClass.intType…, CtPrimitiveType) and array types (pool.get('int[]')).
//
// Names are Javassist's: dotted, nested classes with '$' (`java.util.Map$Entry`), arrays with `[]`.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ClassReader } from '../asm/class-reader.js';
import { toDottedName, toInternalName } from '../classfile/class-names.js';
import { ClassWriter, UnknownClassError } from '../asm/class-writer.js';
import { Opcodes } from '../asm/opcodes.js';
import { ClassNode } from '../tree/class-node.js';
import { InnerClassNode } from '../tree/inner-class-node.js';
import { ClassFile } from './bytecode/member-info.js';
import { flushPendingCode, noteMemberChanged } from './bytecode/pool-edits.js';
import { ClassRemapper } from '../commons/class-remapper.js';
import { SimpleRemapper } from '../commons/simple-remapper.js';
import { CopyRefusedError, TreeBaseline, writeCopyingMembers } from '../tree/lossless-tree-writer.js';
import { readMemberLayout, type MemberInfo } from '../tree/member-layout.js';
import type { FieldNode } from '../tree/field-node.js';
import { MethodNode } from '../tree/method-node.js';
import { InsnNode } from '../tree/insn-node.js';
import { MethodInsnNode } from '../tree/method-insn-node.js';
import { VarInsnNode } from '../tree/var-insn-node.js';
import { Type } from '../asm/type.js';
import { CannotCompileException } from './cannot-compile-exception.js';
import type { ClassPool } from './class-pool.js';
import { CtConstructor } from './ct-constructor.js';
import { CtField } from './ct-field.js';
import { CtMethod } from './ct-method.js';
import { hasAnnotationOf } from './ct-member.js';
import { allAnnotationValues, annotationValues, type AnnotationEntry, type AnnotationValues } from './annotation-values.js';
import type { CtBehavior } from './ct-behavior.js';
import type { ExprEditorLike } from './expr-editor.js';
import { Modifier } from './modifier.js';
import { pruningDefault } from './pruning-default.js';
import type { Initializer } from './field-initializer.js';
import { NotFoundException } from './not-found-exception.js';
import { checkFieldInitializer, compileFieldInitializers, constantFieldValue, type FieldInitializer, instrumentBehavior } from './source-compiler.js';
import { noteMemberChange } from './compiler/class-model.js';
import { attributeBytes, withAttribute } from './raw-attributes.js';
import { refClassNames } from './ref-classes.js';

export { toDottedName, toInternalName };

/** Whether toBytecode checks its record of changed members against a comparison with the class file (tests set it). */
const CHECK_TOUCHED = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.CLASSFORGE_CHECK_TOUCHED === '1';

export class CtClass {
  static readonly booleanType: CtPrimitiveType = null as never;
  static readonly charType: CtPrimitiveType = null as never;
  static readonly byteType: CtPrimitiveType = null as never;
  static readonly shortType: CtPrimitiveType = null as never;
  static readonly intType: CtPrimitiveType = null as never;
  static readonly longType: CtPrimitiveType = null as never;
  static readonly floatType: CtPrimitiveType = null as never;
  static readonly doubleType: CtPrimitiveType = null as never;
  static readonly voidType: CtPrimitiveType = null as never;

  /** @internal */
  protected qualifiedName: string;
  /** @internal The pool (null for primitive types). */
  protected readonly pool: ClassPool | null;
  private readonly componentType: CtClass | null;
  private node: ClassNode | null;
  private original: Uint8Array | null;
  private modified: boolean;
  private frozen: boolean;
  /** Javassist's wasPruned: prune() was called (or toBytecode with pruning on); the class stays frozen. */
  private pruned = false;
  /** Javassist's doPruning (ClassPool.doPruning when the class was made, false by default): toBytecode prunes. */
  private doPruning = pruningDefault.doPruning;
  private readonly members = new Map<FieldNode | MethodNode, CtField | CtBehavior>();
  /** The methods and fields as read from the class file, in its order (null before the read, or after a remap rewrote them all). */
  private originalMembers: { readonly methods: readonly MethodNode[]; readonly fields: readonly FieldNode[] } | null = null;
  /** See originalReader (null until the first read, and for a class without a class file). */
  private reader: ClassReader | null = null;
  /** Whether the original methods' nodes hold their code (see classNode). */
  private codeLoaded = true;
  /** The original members changed since the read: re-encoded when written; the others are copied raw. */
  private readonly touchedMembers = new Set<FieldNode | MethodNode>();

  /** See getCompanionClasses. */
  private readonly companions: CtClass[] = [];
  /** See setRedefining. */
  private redefining = false;

  /** Made by ClassPool.makeClass (not read): gets its superclass's constructors if it has none when written. */
  private readonly isNew: boolean;
  /** The initializers of addField not yet compiled into the code (see applyFieldInitializers), in the order added. */
  private readonly fieldInitializers: FieldInitializer[] = [];

  /** @internal Use ClassPool.get / makeClass. */
  constructor(name: string, pool: ClassPool | null, source: { bytes?: Uint8Array; node?: ClassNode; component?: CtClass; isNew?: boolean } = {}) {
    this.isNew = source.isNew ?? false;
    this.qualifiedName = name;
    this.pool = pool;
    this.componentType = source.component ?? null;
    this.node = source.node ?? null;
    this.original = source.bytes ?? null;
    this.modified = source.node !== undefined;
    this.frozen = false;
  }

  getName(): string {
    return this.qualifiedName;
  }

  /** The name without its package (nested classes keep their `Outer$` prefix, as in Javassist). */
  getSimpleName(): string {
    const dot = this.qualifiedName.lastIndexOf('.');
    return this.qualifiedName.slice(dot + 1);
  }

  /** The package (up to the last dot of the name: an array's is its component's, as Javassist's); null for the default package and primitive types. */
  getPackageName(): string | null {
    if (this.isPrimitive()) return null;
    const dot = this.qualifiedName.lastIndexOf('.');
    return dot < 0 ? null : this.qualifiedName.slice(0, dot);
  }

  /** The JVM descriptor of this type (`I`, `Ljava/lang/String;`, `[[D`). */
  getDescriptor(): string {
    if (this.componentType !== null) return '[' + this.componentType.getDescriptor();
    return `L${toInternalName(this.qualifiedName)};`;
  }

  /** @internal The internal name (`java/lang/String`), or the descriptor for arrays, as ASM's Type.getInternalName. */
  getInternalName(): string {
    // Asked for at every step of every compilation: converted once per name.
    if (this.internalNameOf !== this.qualifiedName) {
      this.internalName = this.componentType !== null ? this.getDescriptor() : toInternalName(this.qualifiedName);
      this.internalNameOf = this.qualifiedName;
    }
    return this.internalName;
  }
  private internalName = '';
  /** The qualifiedName `internalName` was computed for (setName changes it). */
  private internalNameOf: string | null = null;

  getClassPool(): ClassPool {
    if (this.pool === null) throw new Error(`${this.qualifiedName} is a primitive type: it has no class pool`);
    return this.pool;
  }

  isPrimitive(): boolean {
    return false;
  }

  isArray(): boolean {
    return this.componentType !== null;
  }

  getComponentType(): CtClass | null {
    return this.componentType;
  }

  isInterface(): boolean {
    return !this.isArray() && (this.classNode().access & Opcodes.ACC_INTERFACE) !== 0;
  }

  isAnnotation(): boolean {
    return !this.isArray() && (this.classNode().access & Opcodes.ACC_ANNOTATION) !== 0;
  }

  isEnum(): boolean {
    return !this.isArray() && (this.classNode().access & Opcodes.ACC_ENUM) !== 0;
  }

  /**
   * The class's modifiers: access_flags without ACC_SUPER (ACC_SYNTHETIC etc. kept), and for a nested
   * class its declared `static`, `private` or `protected` from its InnerClasses entry (JVMS §4.7.6),
   * which access_flags cannot say — as Javassist's CtClassType.getModifiers.
   */
  getModifiers(): number {
    // An array: final, with its component's access (Javassist's CtArray; java.lang.Class adds abstract, Javassist does not).
    if (this.isArray()) return Opcodes.ACC_FINAL | (this.getComponentType()!.getModifiers() & (Opcodes.ACC_PUBLIC | Opcodes.ACC_PRIVATE | Opcodes.ACC_PROTECTED));
    const node = this.classNode();
    let modifiers = node.access & ~Opcodes.ACC_SUPER;
    const inner = this.ownInnerClassEntry();
    if (inner !== undefined) {
      if ((inner.access & Opcodes.ACC_STATIC) !== 0) modifiers |= Opcodes.ACC_STATIC;
      if ((inner.access & Opcodes.ACC_PUBLIC) !== 0) {
        modifiers |= Opcodes.ACC_PUBLIC;
      } else {
        modifiers &= ~Opcodes.ACC_PUBLIC;
        if ((inner.access & Opcodes.ACC_PROTECTED) !== 0) modifiers |= Opcodes.ACC_PROTECTED;
        else if ((inner.access & Opcodes.ACC_PRIVATE) !== 0) modifiers |= Opcodes.ACC_PRIVATE;
      }
    }
    return modifiers;
  }

  /**
   * Sets the modifiers. A nested class's `static`, `private` and `protected` go to its InnerClasses
   * entry; its access_flags get what a class file can hold there, as javac writes them (protected
   * as public, private as package access; JVMS §4.1, §4.7.6).
   */
  setModifiers(modifiers: number): void {
    this.checkModify();
    const node = this.classNode();
    const inner = this.ownInnerClassEntry();
    if (inner !== undefined) inner.access = modifiers & ~Opcodes.ACC_SUPER;
    let access = modifiers & ~(Opcodes.ACC_SUPER | Opcodes.ACC_STATIC | Opcodes.ACC_PRIVATE | Opcodes.ACC_PROTECTED);
    if ((modifiers & Opcodes.ACC_PROTECTED) !== 0) access |= Opcodes.ACC_PUBLIC;
    // ACC_SUPER is not a modifier: set for classes, never for interfaces (JVMS §4.1).
    node.access = access | ((modifiers & Opcodes.ACC_INTERFACE) === 0 ? Opcodes.ACC_SUPER : 0);
  }

  /** This class's own entry in its InnerClasses attribute, if it is a nested class. */
  private ownInnerClassEntry(): InnerClassNode | undefined {
    const node = this.classNode();
    return node.innerClasses.find((entry) => entry.name === node.name);
  }

  /** The superclass: null for java.lang.Object and for interfaces (as Javassist: an interface's is java.lang.Object). */
  getSuperclass(): CtClass | null {
    if (this.isArray()) return this.getClassPool().get('java.lang.Object');
    const superName = this.classNode().superName;
    return superName === null ? null : this.getClassPool().get(toDottedName(superName));
  }

  setSuperclass(superclass: CtClass | null): void {
    this.checkModify();
    // An interface's superclass is Object (JVMS §4.1): Javassist adds the class as a superinterface instead.
    if (this.isInterface()) {
      if (superclass !== null) this.addInterface(superclass);
      return;
    }
    const node = this.classNode();
    const newName = superclass === null ? 'java/lang/Object' : toInternalName(superclass.getName());
    const oldName = node.superName;
    node.superName = newName;
    this.pool?.hierarchyChanged();
    // Constructors call the superclass's constructor: retarget those calls (Javassist does the same).
    if (oldName !== null && oldName !== newName) {
      this.ensureCode();
      for (const method of node.methods) {
        if (method.name !== '<init>') continue;
        for (const insn of method.instructions) {
          const call = insn as { getOpcode(): number; owner?: string; name?: string };
          if (call.getOpcode() === Opcodes.INVOKESPECIAL && call.owner === oldName && call.name === '<init>') {
            call.owner = newName;
            this.touchedMembers.add(method);
          }
        }
      }
    }
  }

  getInterfaces(): CtClass[] {
    if (this.isArray()) return [this.getClassPool().get('java.lang.Cloneable'), this.getClassPool().get('java.io.Serializable')];
    return this.classNode().interfaces.map((name) => this.getClassPool().get(toDottedName(name)));
  }

  /** Replaces the interfaces (null: none). */
  setInterfaces(interfaces: readonly CtClass[] | null): void {
    this.checkModify();
    this.classNode().interfaces = (interfaces ?? []).map((type) => toInternalName(type.getName()));
    this.pool?.hierarchyChanged();
  }

  addInterface(anInterface: CtClass): void {
    this.checkModify();
    const name = toInternalName(anInterface.getName());
    const node = this.classNode();
    if (!node.interfaces.includes(name)) node.interfaces.push(name);
    this.pool?.hierarchyChanged();
  }

  /** The class's annotation of `annotationName` (dotted) as plain values, defaults filled in, or null (Javassist's getAnnotation). */
  getAnnotation(annotationName: string): AnnotationValues | null {
    if (this.isPrimitive() || this.isArray()) return null;
    const node = this.classNode();
    return annotationValues([...(node.visibleAnnotations ?? []), ...(node.invisibleAnnotations ?? [])], annotationName, this.getClassPool());
  }

  /** All the class's annotations, visible then invisible, as their types and plain values (Javassist's getAnnotations). */
  getAnnotations(): AnnotationEntry[] {
    if (this.isPrimitive() || this.isArray()) return [];
    const node = this.classNode();
    return allAnnotationValues([...(node.visibleAnnotations ?? []), ...(node.invisibleAnnotations ?? [])], this.getClassPool());
  }

  /** Whether the class is annotated with `annotationName` (Javassist's hasAnnotation; dotted name). */
  hasAnnotation(annotationName: string): boolean {
    return !this.isPrimitive() && !this.isArray() && hasAnnotationOf(this.classNode(), annotationName);
  }

  /** Whether this type is `clazz` or a subtype of it (Javassist's subtypeOf). */
  subtypeOf(clazz: CtClass): boolean {
    if (this === clazz || this.getName() === clazz.getName()) return true;
    if (this.isPrimitive() || clazz.isPrimitive()) return false;
    if (this.isArray()) {
      if (clazz.isArray()) {
        const mine = this.getComponentType()!;
        const theirs = clazz.getComponentType()!;
        return !mine.isPrimitive() && !theirs.isPrimitive() ? mine.subtypeOf(theirs) : mine.getName() === theirs.getName();
      }
      return ['java.lang.Object', 'java.lang.Cloneable', 'java.io.Serializable'].includes(clazz.getName());
    }
    const superclass = this.getSuperclass();
    if (superclass !== null && superclass.subtypeOf(clazz)) return true;
    return this.getInterfaces().some((type) => type.subtypeOf(clazz));
  }

  /** Javassist's subclassOf: whether `superclass` is this class or one of its superclasses. */
  subclassOf(superclass: CtClass | null): boolean {
    if (superclass === null) return false;
    for (let type: CtClass | null = this; type !== null; type = type.getSuperclass()) {
      if (type.getName() === superclass.getName()) return true;
    }
    return false;
  }

  // ## Fields

  getDeclaredFields(): CtField[] {
    if (this.isArray()) return [];
    return this.classNode().fields.map((field) => this.fieldFor(field));
  }

  /** The field declared here named `name` (and with descriptor `descriptor` if given); NotFoundException otherwise. */
  getDeclaredField(name: string, descriptor?: string): CtField {
    const field = this.getDeclaredFields().find((f) => f.getName() === name && (descriptor === undefined || f.getSignature() === descriptor));
    if (field === undefined) throw new NotFoundException(`field ${name} not found in ${this.getName()}`);
    return field;
  }

  /**
   * The non-private fields declared here or inherited (Javassist's getFields, in its order: the
   * superclass's first, then the interfaces', then this class's own).
   */
  getFields(): CtField[] {
    const result: CtField[] = [];
    const seen = new Set<string>();
    const visit = (type: CtClass | null): void => {
      if (type === null || seen.has(type.getName())) return;
      seen.add(type.getName());
      visit(type.getSuperclass());
      for (const itf of type.getInterfaces()) visit(itf);
      for (const field of type.getDeclaredFields()) if ((field.getModifiers() & Opcodes.ACC_PRIVATE) === 0) result.push(field);
    };
    visit(this);
    return result;
  }

  /** The field `name` declared here or inherited (JLS §8.3 lookup order); NotFoundException otherwise. */
  getField(name: string, descriptor?: string): CtField {
    const search = (type: CtClass | null, seen: Set<string>): CtField | null => {
      if (type === null || seen.has(type.getName())) return null;
      seen.add(type.getName());
      const own = type.getDeclaredFields().find((f) => f.getName() === name && (descriptor === undefined || f.getSignature() === descriptor));
      if (own !== undefined) return own;
      for (const itf of type.getInterfaces()) {
        const found = search(itf, seen);
        if (found !== null) return found;
      }
      return search(type.getSuperclass(), seen);
    };
    const field = search(this, new Set());
    if (field === null) throw new NotFoundException(`field ${name} not found in ${this.getName()}`);
    return field;
  }

  /**
   * Adds `field`, made with `new CtField(type, name, this)` or `CtField.make(source, this)`; with
   * `initializer` (Java source of an expression, Javassist's CtField.Initializer as text, or the
   * initializer of CtField.make's declaration), every constructor that calls super(...) (or the static
   * initializer, for a static field) assigns it first.
   *
   * As in Javassist, the initializers go into the code when the class is written (toBytecode), in the
   * order the fields were added: constructors added later run them too, and a new class given no
   * constructor gets its inherited ones first. They are compiled now as well, so that an error shows
   * here. A static final field of primitive or String type whose initializer is a constant expression
   * gets a ConstantValue attribute instead (JVMS §4.7.2), as with javac and Javassist.
   */
  addField(field: CtField, initializer?: string | Initializer): void {
    this.checkModify();
    if (field.getDeclaringClass() !== this) throw new CannotCompileException(`the field ${field.getName()} was made for ${field.getDeclaringClass().getName()}, not ${this.getName()}`);
    const node = this.classNode();
    if (node.fields.some((f) => f.name === field.getName())) throw new CannotCompileException(`duplicate field: ${field.getName()} in ${this.getName()}`);
    const source = initializer ?? field.pendingInitializer();
    if (source !== null) {
      const pending: FieldInitializer = { field, source };
      // The field is declared for the check (an initializer may name it), then taken back on failure.
      node.fields.push(field.fieldNode());
      this.members.set(field.fieldNode(), field);
      try {
        const constant = constantFieldValue(this, pending);
        if (constant !== null) {
          field.fieldNode().value = constant;
          return;
        }
        checkFieldInitializer(this, pending);
      } catch (error) {
        node.fields.splice(node.fields.indexOf(field.fieldNode()), 1);
        this.members.delete(field.fieldNode());
        throw error;
      }
      this.fieldInitializers.push(pending);
      return;
    }
    node.fields.push(field.fieldNode());
    this.members.set(field.fieldNode(), field);
  }

  /**
   * Compiles the initializers of addField into the constructors and the static initializer, all or
   * nothing (toBytecode, as Javassist's CtClassType.toBytecode does).
   */
  private applyFieldInitializers(): void {
    if (this.fieldInitializers.length === 0) return;
    const node = this.classNode();
    this.ensureCode();
    const snapshot = node.methods.map((method) => ({ method, instructions: method.instructions.toArray(), handlers: method.tryCatchBlocks, locals: method.localVariables?.map((local) => local.start) }));
    const methodCount = node.methods.length;
    try {
      compileFieldInitializers(this, this.fieldInitializers);
    } catch (error) {
      node.methods.length = methodCount;
      for (const { method, instructions, handlers, locals } of snapshot) {
        method.instructions.clear();
        for (const insn of instructions) method.instructions.add(insn);
        method.tryCatchBlocks = handlers;
        method.localVariables?.forEach((local, i) => (local.start = locals![i]!));
      }
      throw error;
    }
    this.fieldInitializers.length = 0;
    for (const method of node.methods) if (method.name === '<init>' || method.name === '<clinit>') this.touchedMembers.add(method);
  }

  removeField(field: CtField): void {
    this.checkModify();
    const node = this.classNode();
    const index = node.fields.indexOf(field.fieldNode());
    if (index < 0) throw new NotFoundException(`field ${field.getName()} not found in ${this.getName()}`);
    node.fields.splice(index, 1);
    this.members.delete(field.fieldNode());
    const pending = this.fieldInitializers.findIndex((initializer) => initializer.field === field);
    if (pending >= 0) this.fieldInitializers.splice(pending, 1);
  }

  // ## Methods and constructors

  /** Every method and constructor declared here, the class initializer included. */
  /**
   * The constructors and the static initializer, then the methods, each in class file order (as
   * Javassist's, whose member cache keeps the two lists: an added constructor comes after the
   * others but before every method).
   */
  getDeclaredBehaviors(): CtBehavior[] {
    if (this.isArray()) return [];
    const methods = this.classNode().methods;
    const isInitializer = (name: string): boolean => name === '<init>' || name === '<clinit>';
    const ordered = [...methods.filter((m) => isInitializer(m.name)), ...methods.filter((m) => !isInitializer(m.name))];
    return ordered.map((method) => this.behaviorFor(method));
  }

  getDeclaredMethods(name?: string): CtMethod[] {
    return this.getDeclaredBehaviors().filter((b): b is CtMethod => b instanceof CtMethod && (name === undefined || b.getName() === name));
  }

  /**
   * The method declared here named `name`; with `params`, the one with exactly these parameter
   * types. NotFoundException when there is none.
   */
  getDeclaredMethod(name: string, params?: readonly CtClass[]): CtMethod {
    const wanted = params === undefined ? null : '(' + params.map((p) => p.getDescriptor()).join('') + ')';
    const method = this.getDeclaredMethods(name).find((m) => wanted === null || m.getSignature().startsWith(wanted));
    if (method === undefined) {
      const what = params === undefined ? `${name}(..)` : `${name}(${params.map((p) => p.getName()).join(', ')})`;
      throw new NotFoundException(`${what} is not found in ${this.getName()}`);
    }
    return method;
  }

  /** The method `name` with descriptor `descriptor`, declared here or inherited. */
  getMethod(name: string, descriptor: string): CtMethod {
    const seen = new Set<string>();
    const search = (type: CtClass | null): CtMethod | null => {
      if (type === null || seen.has(type.getName())) return null;
      seen.add(type.getName());
      const own = type.getDeclaredMethods(name).find((m) => m.getSignature() === descriptor);
      if (own !== undefined) return own;
      return search(type.getSuperclass()) ?? type.getInterfaces().map(search).find((m) => m !== null) ?? null;
    };
    const method = search(this);
    if (method === null) throw new NotFoundException(`${name}${descriptor} is not found in ${this.getName()}`);
    return method;
  }

  /** The non-private methods declared here or inherited (Javassist's getMethods), overridden ones once (the most derived). */
  getMethods(): CtMethod[] {
    const result = new Map<string, CtMethod>();
    const seen = new Set<string>();
    const visit = (type: CtClass | null): void => {
      if (type === null || seen.has(type.getName())) return;
      seen.add(type.getName());
      for (const method of type.getDeclaredMethods()) {
        const key = method.getName() + method.getSignature();
        if ((method.getModifiers() & Opcodes.ACC_PRIVATE) === 0 && !result.has(key)) result.set(key, method);
      }
      visit(type.getSuperclass());
      for (const itf of type.getInterfaces()) visit(itf);
    };
    visit(this);
    return [...result.values()];
  }

  getDeclaredConstructors(): CtConstructor[] {
    return this.getDeclaredBehaviors().filter((b): b is CtConstructor => b instanceof CtConstructor && b.isConstructor());
  }

  /** Javassist's getConstructors: the non-private constructors. */
  getConstructors(): CtConstructor[] {
    return this.getDeclaredConstructors().filter((c) => (c.getModifiers() & Opcodes.ACC_PRIVATE) === 0);
  }

  getDeclaredConstructor(params: readonly CtClass[]): CtConstructor {
    const constructor = this.findConstructor('(' + params.map((p) => p.getDescriptor()).join('') + ')V');
    if (constructor === undefined) throw new NotFoundException(`constructor ${this.getSimpleName()}(${params.map((p) => p.getName()).join(', ')}) is not found in ${this.getName()}`);
    return constructor;
  }

  /** Javassist's getConstructor(desc): the constructor of this class with the method descriptor `descriptor`. */
  getConstructor(descriptor: string): CtConstructor {
    const constructor = this.findConstructor(descriptor);
    if (constructor === undefined) throw new NotFoundException(`constructor ${this.getSimpleName()}${descriptor} is not found in ${this.getName()}`);
    return constructor;
  }

  private findConstructor(descriptor: string): CtConstructor | undefined {
    return this.getDeclaredConstructors().find((c) => c.getSignature() === descriptor);
  }

  /** The static initializer, or null. */
  getClassInitializer(): CtConstructor | null {
    return (this.getDeclaredBehaviors().find((b) => b instanceof CtConstructor && b.isClassInitializer()) as CtConstructor | undefined) ?? null;
  }

  /** The static initializer, created (empty) if there is none. */
  makeClassInitializer(): CtConstructor {
    const existing = this.getClassInitializer();
    if (existing !== null) return existing;
    this.checkModify();
    const constructor = CtConstructor.emptyClassInitializer(this);
    this.classNode().methods.push(constructor.methodNodeWithoutCode());
    this.members.set(constructor.methodNodeWithoutCode(), constructor);
    return constructor;
  }

  /**
   * Adds `method` as Javassist's CtClassType.addMethod does: in an interface, a method without
   * `public` becomes public (a protected or private one is refused: JVMS §4.6 before Java 9 allows
   * interface methods only public); an abstract method makes the class abstract, as a class with
   * an abstract method must be (JLS §8.1.1.1), so that `new CtMethod(…)` added to a new class, then
   * given a body, and the class's ABSTRACT flag cleared, is Javassist's own idiom.
   */
  addMethod(method: CtMethod): void {
    const modifiers = method.getModifiers();
    if (this.isInterface()) {
      if (Modifier.isProtected(modifiers) || Modifier.isPrivate(modifiers)) {
        throw new CannotCompileException(`an interface method must be public: ${method.getLongName()}`);
      }
    }
    this.addBehavior(method);
    if (this.isInterface() && !Modifier.isPublic(modifiers)) method.setModifiers(modifiers | Modifier.PUBLIC);
    if (Modifier.isAbstract(modifiers)) this.setModifiers(this.getModifiers() | Modifier.ABSTRACT);
  }

  addConstructor(constructor: CtConstructor): void {
    this.addBehavior(constructor);
  }

  removeMethod(method: CtMethod): void {
    this.removeBehavior(method);
  }

  removeConstructor(constructor: CtConstructor): void {
    this.removeBehavior(constructor);
  }

  /**
   * Runs `editor` over every method and constructor body: each method call, field access, `new`…
   * it replaces (with `replace(source)`) is compiled in place. Javassist's CtClass.instrument.
   */
  instrument(editor: ExprEditorLike): void {
    this.checkModify();
    // In class file order, as Javassist's instrument walks ClassFile.getMethods().
    for (const method of this.classNode().methods) instrumentBehavior(this.behaviorFor(method), editor);
  }

  // ## Class files

  /** The class file: the original bytes when nothing changed, else the tree written with frames recomputed. Freezes the class. */
  /** The class's generic signature (its Signature attribute, JVMS §4.7.9.1), or null. */
  getGenericSignature(): string | null {
    return this.classNode().signature;
  }

  setGenericSignature(signature: string | null): void {
    this.checkModify();
    this.classNode().signature = signature;
  }

  /**
   * The classes nested immediately in this one, as Javassist 3.27's getNestedClasses finds them: the
   * InnerClasses entries (JVMS §4.7.6) whose name is this class's name, `$`, and no further `$` —
   * member classes, and local and anonymous classes too (`Outer$1`, `Outer$1Local`), by name.
   */
  getNestedClasses(): CtClass[] {
    if (this.isPrimitive() || this.isArray()) return [];
    const prefix = this.getInternalName() + '$';
    return this.classNode()
      .innerClasses.filter((entry) => entry.name.startsWith(prefix) && entry.name.lastIndexOf('$') < prefix.length)
      .map((entry) => this.getClassPool().get(toDottedName(entry.name)));
  }

  /**
   * For a member class, the class declaring it (its own InnerClasses entry, JVMS §4.7.6); for a local
   * or anonymous class, as Javassist's (unlike java.lang.Class's, which answers null there), the class
   * of its EnclosingMethod attribute (JVMS §4.7.7); null for a top-level class.
   */
  getDeclaringClass(): CtClass | null {
    if (this.isPrimitive() || this.isArray()) return null;
    const node = this.classNode();
    const name = this.getInternalName();
    const own = node.innerClasses.find((entry) => entry.name === name);
    if (own === undefined) return null;
    if (own.outerName != null) return this.getClassPool().get(toDottedName(own.outerName));
    return node.outerClass == null ? null : this.getClassPool().get(toDottedName(node.outerClass));
  }

  /**
   * Javassist's makeNestedClass: a new public static member class `Outer$name` (Javassist supports
   * only static ones: `isStatic` must be true), with the InnerClasses entry (JVMS §4.7.6) in both
   * classes and NestHost/NestMembers (JVMS §4.7.28-29) when this class has a nest, so the two may
   * reach each other's private members as javac's nested classes do.
   */
  makeNestedClass(name: string, isStatic: boolean): CtClass {
    if (!isStatic) throw new CannotCompileException('makeNestedClass: only static nested classes are supported (as in Javassist)');
    this.checkModify();
    const nested = this.getClassPool().makeClass(`${this.getName()}$${name}`);
    const outerNode = this.classNode();
    const nestedNode = nested.classNode();
    nestedNode.version = outerNode.version;
    const entry = (): InnerClassNode => new InnerClassNode(nestedNode.name, outerNode.name, name, Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC);
    outerNode.innerClasses.push(entry());
    nestedNode.innerClasses.push(entry());
    if ((outerNode.version & 0xffff) >= Opcodes.V11) {
      const host = outerNode.nestHostClass ?? outerNode.name;
      nestedNode.nestHostClass = host;
      if (host === outerNode.name) (outerNode.nestMembers ??= []).push(nestedNode.name);
      else this.getClassPool().get(toDottedName(host)).addNestMember(nestedNode.name);
    }
    return nested;
  }

  /** @internal Adds `internalName` to this nest host's NestMembers. */
  addNestMember(internalName: string): void {
    this.checkModify();
    (this.classNode().nestMembers ??= []).push(internalName);
  }

  /**
   * The classes that compiling this class's snippets made, in order: the anonymous classes of its
   * snippets (`Outer$1`…, JLS §15.9.5; Javassist cannot compile them). They are classes of the same
   * pool; write each with this one (toBytecode), as `classforge transform` and the agent do. Not part
   * of Javassist's API.
   */
  getCompanionClasses(): CtClass[] {
    return [...this.companions];
  }

  /**
   * Says that this class will replace one a JVM already loaded (`Instrumentation.retransformClasses` or
   * `redefineClasses`; `classforge attach` sets it for the loaded classes it retransforms). The JVM then takes
   * new method bodies only — no member added or removed, no NestMembers change (JVMTI RedefineClasses) — so
   * snippets compile to fit: a lambda's body goes to a companion class (`Outer$lambdas$1`, a static method
   * the call site's handle names) instead of a new `lambda$` method, and anonymous and local classes do not
   * join the class's nest. Code that then cannot be compiled is refused with the reason: a lambda body or
   * such a class reaching a private member of this class, `super.m()` in a lambda body, an `assert` or a
   * serializable lambda in a class without `$assertionsDisabled` / `$deserializeLambda$`. Not part of
   * Javassist's API (its HotSwapper leaves this to the user).
   */
  setRedefining(redefining: boolean): void {
    this.redefining = redefining;
  }

  /** See setRedefining. */
  isRedefining(): boolean {
    return this.redefining;
  }

  /** @internal Adds (or, undoing a snippet that failed, removes) a class the compiler made for this one. */
  companionMade(companion: CtClass, made: boolean): void {
    if (made) this.companions.push(companion);
    else this.companions.splice(this.companions.indexOf(companion), 1);
  }

  /** Javassist's getDeclaredClasses: the member classes declared here (the same as getNestedClasses in 3.27). */
  getDeclaredClasses(): CtClass[] {
    return this.getNestedClasses();
  }

  /**
   * For a local or anonymous class, the method, constructor or static initializer its EnclosingMethod
   * attribute (JVMS §4.7.7) names; null for other classes. A class declared in an initializer has no
   * method there (method_index 0): Javassist answers with the class initializer, and so does this.
   */
  getEnclosingBehavior(): CtBehavior | null {
    if (this.isPrimitive() || this.isArray()) return null;
    const node = this.classNode();
    if (node.outerClass === null) return null;
    const enclosing = this.getClassPool().get(toDottedName(node.outerClass));
    const name = node.outerMethod ?? '<clinit>';
    if (name === '<init>') return enclosing.getConstructor(node.outerMethodDesc!);
    if (name === '<clinit>') return enclosing.getClassInitializer();
    return enclosing.getMethod(name, node.outerMethodDesc!);
  }

  /** getEnclosingBehavior when it is a method; NotFoundException when a constructor or initializer encloses the class (as Javassist). */
  getEnclosingMethod(): CtMethod | null {
    const behavior = this.getEnclosingBehavior();
    if (behavior === null || behavior instanceof CtMethod) return behavior;
    throw new NotFoundException(`${behavior.getLongName()} is enclosing ${this.getName()}`);
  }

  /**
   * The dotted names of the classes this class file refers to, itself included (Javassist's
   * getRefClasses; what it collects is in ref-classes.ts); null for primitive and array types.
   * A changed class is written (not frozen) to answer.
   */
  getRefClasses(): string[] | null {
    if (this.isPrimitive() || this.isArray()) return null;
    return refClassNames(this.writeBytes());
  }

  /**
   * A name no field or method of this class (or of its superclasses, and of its interfaces when it is
   * abstract or an interface) starts with (Javassist's makeUniqueName): `prefix` itself, else
   * `prefix` followed by the first number from 100 to 999 that works.
   */
  makeUniqueName(prefix: string): string {
    const names: string[] = [];
    this.collectMemberNames(names, new Set());
    const unused = (name: string): boolean => !names.some((member) => member.startsWith(name));
    if (unused(prefix)) return prefix;
    for (let i = 100; i <= 999; i++) if (unused(prefix + i)) return prefix + i;
    throw new Error('too many unique name');
  }

  /** Javassist's makeMemberList: the member names makeUniqueName avoids. */
  private collectMemberNames(names: string[], seen: Set<string>): void {
    if (this.isPrimitive() || this.isArray() || seen.has(this.getName())) return;
    seen.add(this.getName());
    const modifiers = this.getModifiers();
    // A missing super type is skipped, as Javassist skips it (NotFoundException caught).
    const lookup = <T>(find: () => T): T | null => {
      try {
        return find();
      } catch (error) {
        if (error instanceof NotFoundException) return null;
        throw error;
      }
    };
    if ((modifiers & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_INTERFACE)) !== 0) {
      for (const itf of lookup(() => this.getInterfaces()) ?? []) itf.collectMemberNames(names, seen);
    }
    lookup(() => this.getSuperclass())?.collectMemberNames(names, seen);
    const node = this.classNode();
    for (const method of node.methods) names.push(method.name);
    for (const field of node.fields) names.push(field.name);
  }

  /** Whether the class is annotated with kotlin.Metadata (Javassist's isKotlin). */
  isKotlin(): boolean {
    return this.hasAnnotation('kotlin.Metadata');
  }

  /** The class's annotations whose annotation types the pool can find (Javassist's getAvailableAnnotations); others skipped. */
  getAvailableAnnotations(): AnnotationEntry[] {
    return this.getAnnotations().filter((annotation) => this.getClassPool().getOrNull(annotation.type) !== null);
  }

  /** The info bytes of the class's attribute `name` (JVMS §4.7), or null (Javassist's getAttribute; see raw-attributes.ts). */
  getAttribute(name: string): Uint8Array | null {
    if (this.isPrimitive() || this.isArray()) return null;
    return attributeBytes(this.classNode().attrs, name, () => this.writeBytes());
  }

  /**
   * Javassist's bytecode-level view of the class: its annotations attributes (read, add, remove),
   * name, version, and MethodInfo/FieldInfo views of its members. Changes through it change the class.
   */
  getClassFile(): ClassFile {
    if (this.isPrimitive() || this.isArray()) throw new CannotCompileException(`${this.getName()} has no class file`);
    return new ClassFile(
      this.classNode(),
      () => this.checkModify(),
      () => this.classNode().methods.map((method) => this.behaviorFor(method).getMethodInfo()),
      () => this.getDeclaredFields().map((field) => field.getFieldInfo()),
      () => this.currentBytecode(),
      (field) => this.addField(CtField.wrap(field, this)),
      this,
      (method) => this.addMethod(CtMethod.wrap(method, this)),
    );
  }

  getClassFile2(): ClassFile {
    return this.getClassFile();
  }

  /** Adds the class attribute `name` with info `bytes`, replacing one of that name (Javassist's setAttribute); not for attributes the tree models. */
  setAttribute(name: string, bytes: Uint8Array): void {
    this.checkModify();
    const node = this.classNode();
    node.attrs = withAttribute(node.attrs, name, bytes);
  }

  toBytecode(): Uint8Array {
    if (this.isPrimitive() || this.isArray()) throw new CannotCompileException(`${this.getName()} has no class file`);
    // A pruned class lost what rewriting it needs (Javassist: only its unmodified class file can be written).
    if (this.pruned && this.modified) this.checkPruned('toBytecode');
    if (this.fieldInitializers.length > 0) {
      this.inheritConstructorsIfNone();
      this.applyFieldInitializers();
    }
    const bytes = this.writeBytes();
    this.frozen = true;
    if (this.doPruning) this.pruned = true;
    return bytes === this.original ? new Uint8Array(bytes) : bytes;
  }

  /** @internal The class file as toBytecode would write it now, without freezing the class (not a copy: do not change it). */
  currentBytecode(): Uint8Array {
    if (this.isPrimitive() || this.isArray()) throw new CannotCompileException(`${this.getName()} has no class file`);
    return this.writeBytes();
  }

  /** The class file: the original bytes when nothing changed (the same array), else the tree written. */
  private writeBytes(): Uint8Array {
    const node = this.classNode();
    flushPendingCode(this);
    this.inheritConstructorsIfNone();
    if (!this.modified && this.original !== null) return this.original;
    const major = node.version & 0xffff;
    const flags = major >= Opcodes.V1_7 ? ClassWriter.COMPUTE_FRAMES : ClassWriter.COMPUTE_MAXS;
    const options = { classPath: this.getClassPool().frameClassPath() };
    try {
      // Read from a class file: its constant pool is kept and the members nobody changed are
      // copied byte for byte (frames included), as `classforge transform` does.
      if (this.original !== null && this.originalMembers !== null) {
        const reader = this.originalReader();
        const copies = this.untouchedMembers(reader);
        if (CHECK_TOUCHED) this.checkUntouched(reader, node, copies);
        if (!this.codeLoaded) {
          // No method's code was read: each must be copied; one the writer cannot copy (never seen:
          // its descriptor, signature and exceptions are the class file's) gets its code read first.
          try {
            return writeCopyingMembers(reader, node, copies, flags, options, { copiesRequired: true });
          } catch (error) {
            if (!(error instanceof CopyRefusedError)) throw error;
            this.ensureCode();
          }
        }
        return writeCopyingMembers(reader, node, copies, flags, options);
      }
      const writer = new ClassWriter(flags, options);
      node.accept(writer);
      return writer.toByteArray();
    } catch (error) {
      if (error instanceof UnknownClassError) {
        // The writer's remedies (unknownClassesAsObject, getCommonSuperClass) are ClassWriter options; the pool's is its class path.
        throw new CannotCompileException(
          `cannot write ${this.getName()}: class ${toDottedName(error.className)} is not in the pool's class path, and the stack map frames of a changed method need it ` +
            `(to find a common superclass, JVMS §4.10.1.2). Add its jar or directory with pool.appendClassPath(…)`,
          { cause: error },
        );
      }
      throw new CannotCompileException(`cannot write ${this.getName()}: ${(error as Error).message}`, { cause: error });
    }
  }

  /** The original members nobody changed, with their place in the class file. */
  private untouchedMembers(reader: ClassReader): Map<MethodNode | FieldNode, MemberInfo> {
    const layout = readMemberLayout(reader);
    const copies = new Map<MethodNode | FieldNode, MemberInfo>();
    this.originalMembers!.methods.forEach((method, i) => {
      if (!this.touchedMembers.has(method)) copies.set(method, layout.methods[i]!);
    });
    this.originalMembers!.fields.forEach((field, i) => {
      if (!this.touchedMembers.has(field)) copies.set(field, layout.fields[i]!);
    });
    return copies;
  }

  /** CLASSFORGE_CHECK_TOUCHED: every member about to be copied raw compares equal to its original. */
  private checkUntouched(reader: ClassReader, node: ClassNode, copies: ReadonlyMap<MethodNode | FieldNode, MemberInfo>): void {
    // Compared as read: a class whose code was never needed has methods without code.
    const options = this.codeLoaded ? ClassReader.SKIP_FRAMES : ClassReader.SKIP_CODE | ClassReader.SKIP_FRAMES;
    const unchanged = new TreeBaseline(reader, undefined, options).unchangedMembers(node);
    for (const member of [...node.methods, ...node.fields]) {
      if (copies.has(member) && !unchanged.has(member)) {
        throw new Error(`internal error: ${this.getName()}.${member.name}${member.desc} changed without checkModify(member): it would be written unchanged`);
      }
    }
  }

  /**
   * Writes the class file under `directory` (default: the current directory), in its package's subdirectories.
   * Synchronous, as Javassist's: the file holds the class as it is at the call, exists when the call returns, and
   * a class that cannot be written throws there — so a port that does not `await` (Java has nothing to await)
   * works as in Java. It was async: the class was compiled a tick later, so an edit made right after the call
   * went into the file, and an error became an unhandled rejection. The Promise it returns keeps `await` valid.
   * The anonymous and local classes its snippets made (getCompanionClasses) are written beside it: the class
   * needs them to run, and a Javassist port, which knows nothing of them, would otherwise leave them out. All
   * are compiled before any file is written, so that a class that cannot be written leaves no file behind.
   */
  writeFile(directory = '.'): Promise<void> {
    // This class first: its field initializers are compiled as it is written, and their classes join the companions then.
    const fileOf = (ctClass: CtClass) => join(directory, toInternalName(ctClass.getName()) + '.class');
    const classes = [{ path: fileOf(this), bytes: this.toBytecode() }];
    for (const companion of this.companions) classes.push({ path: fileOf(companion), bytes: companion.toBytecode() });
    for (const { path, bytes } of classes) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, bytes);
    }
    return Promise.resolve();
  }

  isModified(): boolean {
    return this.modified;
  }

  isFrozen(): boolean {
    return this.frozen;
  }

  /** Allows changes again after toBytecode (Javassist's defrost); a pruned class cannot be defrosted. */
  defrost(): void {
    this.checkPruned('defrost');
    this.frozen = false;
  }

  /** Forbids changes, as toBytecode does (Javassist's freeze). */
  freeze(): void {
    this.frozen = true;
  }

  /**
   * Javassist's prune: there it discards the attributes and code a loaded class no longer needs, to
   * save memory; here nothing is discarded, but the semantics Javassist documents are kept: the class
   * is frozen for good (checkModify says "frozen and pruned", defrost throws) and only an unmodified
   * class can still be written.
   */
  prune(): void {
    if (this.pruned) return;
    this.pruned = true;
    this.frozen = true;
  }

  /** Javassist's stopPruning: with `stop` false, toBytecode prunes the class; returns the previous setting. */
  stopPruning(stop: boolean): boolean {
    const previous = !this.doPruning;
    this.doPruning = !stop;
    return previous;
  }

  /**
   * Writes the class file under `directory` as writeFile does, then defrosts the class (Javassist's
   * debugWriteFile: pruning stopped while writing, the class changeable afterwards).
   */
  debugWriteFile(directory = '.'): Promise<void> {
    const pruning = this.stopPruning(true);
    try {
      void this.writeFile(directory);
      this.defrost();
    } finally {
      this.stopPruning(pruning);
    }
    return Promise.resolve();
  }

  private checkPruned(method: string): void {
    if (this.pruned) throw new CannotCompileException(`${method}(): ${this.getName()} was pruned.`);
  }

  /**
   * Renames the class, and every reference to its old name inside it (Javassist's setName). The
   * tree is rebuilt through ClassRemapper: CtMethod and CtField objects taken before stand for the
   * old tree. The pool then knows the class by its new name; get(oldName) reads the class file again.
   */
  setName(name: string): void {
    const oldInternal = this.getInternalName();
    this.remap(new Map([[oldInternal, toInternalName(name)]]));
    this.pool?.renamed(this, this.qualifiedName, name);
    this.qualifiedName = name;
  }

  /**
   * Replaces every reference to the class `oldName` by `newName` inside this class (Javassist's
   * replaceClassName); renaming this class itself is setName.
   */
  replaceClassName(oldName: string, newName: string): void;
  /** Javassist's replaceClassName(ClassMap): every entry (dotted old name → new name) at once; an entry for this class renames it. */
  replaceClassName(map: ReadonlyMap<string, string>): void;
  replaceClassName(oldNameOrMap: string | ReadonlyMap<string, string>, newName?: string): void {
    if (typeof oldNameOrMap !== 'string') {
      this.replaceClassNames(oldNameOrMap);
      return;
    }
    const oldName = oldNameOrMap;
    if (newName === undefined) throw new CannotCompileException('replaceClassName: no new name');
    if (oldName === this.qualifiedName) {
      this.setName(newName);
      return;
    }
    this.remap(new Map([[toInternalName(oldName), toInternalName(newName)]]));
  }

  private replaceClassNames(map: ReadonlyMap<string, string>): void {
    const mapping = new Map<string, string>();
    for (const [from, to] of map) mapping.set(toInternalName(from), toInternalName(to));
    const newName = map.get(this.qualifiedName);
    this.remap(mapping);
    if (newName !== undefined && newName !== this.qualifiedName) {
      this.pool?.renamed(this, this.qualifiedName, newName);
      this.qualifiedName = newName;
    }
  }

  private remap(mapping: ReadonlyMap<string, string>): void {
    this.checkModify();
    const remapped = new ClassNode(Opcodes.ASM9);
    this.ensureCode();
    const before = this.classNode();
    before.accept(new ClassRemapper(remapped, new SimpleRemapper(mapping)));
    // The CtMethods, CtFields and MethodInfo/FieldInfo views obtained before the rename hold their
    // member's node, as Javassist's hold theirs across replaceClassName: each node object stays and
    // takes its remapped content (ClassRemapper keeps members one for one, in order), so that an
    // edit made through such a view after the rename is not made on a node the class no longer has.
    const kept = keepMemberNodes(before.methods, remapped.methods) && keepMemberNodes(before.fields, remapped.fields);
    this.node = remapped;
    if (!kept) this.members.clear();
    this.originalMembers = null;
    this.pool?.hierarchyChanged();
    // Every reference changed: the class is written anew, not against its original class file.
    this.original = null;
    this.reader = null;
  }

  /** Removes this class from its pool: a later get() reads it again. */
  detach(): void {
    this.pool?.removeCached(this);
  }

  toString(): string {
    return `${this.constructor.name}@${this.getName()}`;
  }

  // ## Internals

  /**
   * @internal The tree of this class (read on first use), its methods' code read only when some code
   * is needed (ensureCode): most classes a snippet's compilation reads, and a class only given new
   * members, never need it, and decoding every instruction was most of what reading cost.
   */
  classNode(): ClassNode {
    if (this.node === null) {
      if (this.original === null) throw new Error(`${this.getName()} has no class file`);
      const node = new ClassNode(Opcodes.ASM9);
      this.originalReader().accept(node, ClassReader.SKIP_CODE | ClassReader.SKIP_FRAMES);
      this.node = node;
      this.originalMembers = { methods: [...node.methods], fields: [...node.fields] };
      this.codeLoaded = false;
    }
    return this.node;
  }

  /** @internal The reader of the class file the class is still written against (its constant pool kept), or null. */
  constantPoolReader(): ClassReader | null {
    return this.original !== null && this.originalMembers !== null ? this.originalReader() : null;
  }

  /** One reader of the class file for all its reads (the tree, the code, the writer's copies): it decodes each constant once. */
  private originalReader(): ClassReader {
    this.reader ??= new ClassReader(this.original!);
    return this.reader;
  }

  /**
   * @internal Reads the code of the methods read from the class file into their nodes (the same
   * objects, wherever they are now), once: every use of a method's instructions comes here first
   * (CtBehavior.methodNode, checkModify of a member, the edits of the whole class).
   */
  ensureCode(): void {
    if (this.codeLoaded) return;
    this.codeLoaded = true;
    const full = new ClassNode(Opcodes.ASM9);
    this.originalReader().accept(full, ClassReader.SKIP_FRAMES);
    this.originalMembers!.methods.forEach((method, i) => moveCode(full.methods[i]!, method));
  }

  /**
   * @internal After a member's name, descriptor, flags, signature or throws clause changed in place:
   * the compiler's model of the class is rebuilt (its member counts alone do not show the change).
   */
  memberDeclarationChanged(): void {
    noteMemberChange(this.classNode());
  }

  /** @internal Whether the tree was read (or made) already: only then can it differ from the class path's. */
  hasClassNode(): boolean {
    return this.node !== null;
  }

  /**
   * @internal Throws if the class is frozen; marks it modified and, when given, `member` (a method or
   * field of its tree) changed: every change to a member must name it, or the member is written as
   * the class file had it.
   */
  checkModify(member?: FieldNode | MethodNode): void {
    if (this.isPrimitive() || this.isArray()) throw new CannotCompileException(`${this.getName()} cannot be changed`);
    if (this.frozen && this.pruned) throw new CannotCompileException(`${this.getName()} class is frozen and pruned`);
    if (this.frozen) throw new CannotCompileException(`${this.getName()} class is frozen (toBytecode was called; call defrost() to change it again)`);
    this.classNode();
    // Code edited at the byte level goes into the tree before anything else changes it.
    flushPendingCode(this);
    noteMemberChanged(this, member ?? null);
    this.modified = true;
    if (member !== undefined) {
      this.ensureCode();
      this.touchedMembers.add(member);
    }
  }

  /**
   * A class made with makeClass and given no constructor gets one per accessible constructor of
   * its superclass, each calling it with its arguments (what Javassist's CtNewClass does).
   */
  private inheritConstructorsIfNone(): void {
    if (this.isNew && !this.isInterface() && !this.classNode().methods.some((m) => m.name === '<init>')) this.inheritConstructors();
  }

  private inheritConstructors(): void {
    const superclass = this.getSuperclass();
    const samePackage = superclass !== null && superclass.getPackageName() === this.getPackageName();
    for (const inherited of superclass?.getDeclaredConstructors() ?? []) {
      const access = inherited.getModifiers();
      if ((access & Opcodes.ACC_PRIVATE) !== 0 || ((access & (Opcodes.ACC_PUBLIC | Opcodes.ACC_PROTECTED)) === 0 && !samePackage)) continue;
      const descriptor = inherited.getSignature();
      const method = new MethodNode(Opcodes.ASM9, Opcodes.ACC_PUBLIC, '<init>', descriptor, null, inherited.methodNodeWithoutCode().exceptions);
      method.instructions.add(new VarInsnNode(Opcodes.ALOAD, 0));
      let slot = 1;
      for (const argument of Type.getArgumentTypes(descriptor)) {
        method.instructions.add(new VarInsnNode(argument.getOpcode(Opcodes.ILOAD), slot));
        slot += argument.getSize();
      }
      method.instructions.add(new MethodInsnNode(Opcodes.INVOKESPECIAL, superclass!.getInternalName(), '<init>', descriptor, false));
      method.instructions.add(new InsnNode(Opcodes.RETURN));
      this.classNode().methods.push(method);
    }
  }

  private addBehavior(behavior: CtBehavior): void {
    this.checkModify();
    if (behavior.getDeclaringClass() !== this) {
      throw new CannotCompileException(`${behavior.getLongName()} was made for ${behavior.getDeclaringClass().getName()}, not ${this.getName()}`);
    }
    const node = this.classNode();
    const method = behavior.methodNodeWithoutCode();
    if (node.methods.some((m) => m.name === method.name && m.desc === method.desc)) {
      throw new CannotCompileException(`duplicate method: ${method.name}${method.desc} in ${this.getName()}`);
    }
    node.methods.push(method);
    this.members.set(method, behavior);
  }

  private removeBehavior(behavior: CtBehavior): void {
    this.checkModify();
    const node = this.classNode();
    const index = node.methods.indexOf(behavior.methodNodeWithoutCode());
    if (index < 0) throw new NotFoundException(`${behavior.getLongName()} not found in ${this.getName()}`);
    node.methods.splice(index, 1);
    this.members.delete(behavior.methodNodeWithoutCode());
  }

  private fieldFor(field: FieldNode): CtField {
    let member = this.members.get(field);
    if (member === undefined) {
      member = CtField.wrap(field, this);
      this.members.set(field, member);
    }
    return member as CtField;
  }

  private behaviorFor(method: MethodNode): CtBehavior {
    let member = this.members.get(method);
    if (member === undefined) {
      member = method.name === '<init>' || method.name === '<clinit>' ? CtConstructor.wrap(method, this) : CtMethod.wrap(method, this);
      this.members.set(method, member);
    }
    return member as CtBehavior;
  }
}

/** A primitive type (Javassist's CtPrimitiveType): CtClass.intType and the others. */
export class CtPrimitiveType extends CtClass {
  /** @internal */
  constructor(
    name: string,
    private readonly descriptorChar: string,
    private readonly wrapperName: string,
    private readonly getMethodName: string,
  ) {
    super(name, null);
  }

  override isPrimitive(): boolean {
    return true;
  }

  override isInterface(): boolean {
    return false;
  }

  override getModifiers(): number {
    return Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL;
  }

  override getDescriptor(): string {
    return this.descriptorChar;
  }

  override getInternalName(): string {
    return this.descriptorChar;
  }

  override getSuperclass(): CtClass | null {
    return null;
  }

  override getInterfaces(): CtClass[] {
    return [];
  }

  /** The descriptor character (`I`). */
  getDescriptorChar(): string {
    return this.descriptorChar;
  }

  /** The wrapper class (`java.lang.Integer`). */
  getWrapperName(): string {
    return this.wrapperName;
  }

  /** The unboxing method of the wrapper (`intValue`); null for void, as in Javassist. */
  getGetMethodName(): string | null {
    return this.getMethodName === '' ? null : this.getMethodName;
  }

  /** Its descriptor (`()I`); null for void. */
  getGetMethodDescriptor(): string | null {
    return this.getMethodName === '' ? null : `()${this.descriptorChar}`;
  }

  /** The return instruction for a value of this type (IRETURN, LRETURN, FRETURN, DRETURN, or RETURN for void). */
  getReturnOp(): number {
    return RETURN_OPCODES[this.descriptorChar] ?? Opcodes.IRETURN;
  }

  /** The newarray type code (JVMS §6.5 newarray: T_BOOLEAN 4 … T_LONG 11); 0 for void. */
  getArrayType(): number {
    return NEWARRAY_CODES[this.descriptorChar] ?? 0;
  }

  /** The words a value takes on the operand stack: 2 for long and double, 0 for void, else 1. */
  getDataSize(): number {
    return this.descriptorChar === 'J' || this.descriptorChar === 'D' ? 2 : this.descriptorChar === 'V' ? 0 : 1;
  }

  override getDeclaredFields(): CtField[] {
    return [];
  }

  override getDeclaredBehaviors(): CtBehavior[] {
    return [];
  }
}

const RETURN_OPCODES: Readonly<Record<string, number>> = { J: Opcodes.LRETURN, F: Opcodes.FRETURN, D: Opcodes.DRETURN, V: Opcodes.RETURN };
const NEWARRAY_CODES: Readonly<Record<string, number>> = {
  Z: Opcodes.T_BOOLEAN, C: Opcodes.T_CHAR, F: Opcodes.T_FLOAT, D: Opcodes.T_DOUBLE, B: Opcodes.T_BYTE, S: Opcodes.T_SHORT, I: Opcodes.T_INT, J: Opcodes.T_LONG,
};

const primitives: [keyof typeof CtClass & string, string, string, string, string][] = [
  ['booleanType', 'boolean', 'Z', 'java.lang.Boolean', 'booleanValue'],
  ['charType', 'char', 'C', 'java.lang.Character', 'charValue'],
  ['byteType', 'byte', 'B', 'java.lang.Byte', 'byteValue'],
  ['shortType', 'short', 'S', 'java.lang.Short', 'shortValue'],
  ['intType', 'int', 'I', 'java.lang.Integer', 'intValue'],
  ['longType', 'long', 'J', 'java.lang.Long', 'longValue'],
  ['floatType', 'float', 'F', 'java.lang.Float', 'floatValue'],
  ['doubleType', 'double', 'D', 'java.lang.Double', 'doubleValue'],
  ['voidType', 'void', 'V', 'java.lang.Void', ''],
];
for (const [field, name, descriptor, wrapper, getter] of primitives) {
  Object.defineProperty(CtClass, field, { value: new CtPrimitiveType(name, descriptor, wrapper, getter), enumerable: true });
}

/** The primitive CtClass of a descriptor character or Java name, or undefined. */
/**
 * The primitive type named `name` (`int`, `void`…), as ClassPool.get takes it; a descriptor letter is
 * not one there: `S` is a class named S (in the default package), as in Javassist.
 */
export function primitiveNamed(name: string): CtPrimitiveType | undefined {
  for (const [field, primitiveName] of primitives) {
    if (name === primitiveName) return (CtClass as unknown as Record<string, CtPrimitiveType>)[field];
  }
  return undefined;
}

export function primitiveType(nameOrDescriptor: string): CtPrimitiveType | undefined {
  for (const [field, name, descriptor] of primitives) {
    if (nameOrDescriptor === name || nameOrDescriptor === descriptor) return (CtClass as unknown as Record<string, CtPrimitiveType>)[field];
  }
  return undefined;
}

/** Puts each of `before`'s node objects back in `after`'s place, holding `after`'s content; false (nothing done) when they do not pair up. */
function keepMemberNodes<T extends object>(before: T[], after: T[]): boolean {
  if (before.length !== after.length) return false;
  for (let i = 0; i < after.length; i++) {
    const kept = before[i]!;
    for (const key of Object.keys(kept)) if (!(key in after[i]!)) delete (kept as Record<string, unknown>)[key];
    Object.assign(kept, after[i]);
    after[i] = kept;
  }
  return true;
}

/** Moves what a Code attribute holds (JVMS §4.7.3) from a method read whole into the same method read without code. */
function moveCode(from: MethodNode, to: MethodNode): void {
  to.instructions = from.instructions;
  to.tryCatchBlocks = from.tryCatchBlocks;
  to.maxStack = from.maxStack;
  to.maxLocals = from.maxLocals;
  to.localVariables = from.localVariables;
  to.visibleLocalVariableAnnotations = from.visibleLocalVariableAnnotations;
  to.invisibleLocalVariableAnnotations = from.invisibleLocalVariableAnnotations;
  // Non-standard attributes of the Code attribute reach the method's list too (as in ASM).
  to.attrs = from.attrs;
}
