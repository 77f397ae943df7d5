// # Javassist's views of the small attributes: ConstantValue, SourceFile, InnerClasses,
// # EnclosingMethod, Deprecated, AnnotationDefault, NestHost, NestMembers (JVMS §4.7.2, 4.7.10, 4.7.6,
// # 4.7.7, 4.7.15, 4.7.22, 4.7.28-29)
//
// Read-only views of the attribute as the class file has it now (the one toBytecode would write),
// so their indexes are that file's and the names they answer are read through its constant pool,
// as Javassist's are; AnnotationDefaultAttribute is live over the method's default value.

import type { ConstantPool } from '../../classfile/constant-pool.js';
import { getClassName, getNameAndType, getUtf8 } from '../../classfile/constant-pool.js';
import { toDottedName } from '../../classfile/class-names.js';
import { type MemberValue, memberValueOf } from './annotation.js';
import { AttributeInfo } from './attribute-info.js';

const u2 = (info: Uint8Array, at: number): number => (info[at]! << 8) | info[at + 1]!;

/** A field's ConstantValue: the index of its constant (getConstantValue), as Javassist's. */
export class ConstantAttribute extends AttributeInfo {
  static readonly tag = 'ConstantValue';

  /** @internal */
  constructor(private readonly index: number) {
    super(ConstantAttribute.tag);
  }

  /** The constant pool index of the value (an Integer, Long, Float, Double or String entry). */
  getConstantValue(): number {
    return this.index;
  }
}

/** The class's SourceFile. */
export class SourceFileAttribute extends AttributeInfo {
  static readonly tag = 'SourceFile';

  /** @internal */
  constructor(private readonly fileName: string) {
    super(SourceFileAttribute.tag);
  }

  getFileName(): string {
    return this.fileName;
  }
}

/** A Deprecated attribute (it has no contents). */
export class DeprecatedAttribute extends AttributeInfo {
  static readonly tag = 'Deprecated';

  /** @internal */
  constructor() {
    super(DeprecatedAttribute.tag);
  }
}

/** The InnerClasses table: per entry the inner and outer Class entries, the simple name and the flags. */
export class InnerClassesAttribute extends AttributeInfo {
  static readonly tag = 'InnerClasses';

  /** @internal */
  constructor(
    private readonly info: Uint8Array,
    private readonly pool: ConstantPool,
  ) {
    super(InnerClassesAttribute.tag);
  }

  tableLength(): number {
    return u2(this.info, 0);
  }

  innerClassIndex(nth: number): number {
    return this.field(nth, 0);
  }

  /** The inner class's dotted name, or null when its index is 0. */
  innerClass(nth: number): string | null {
    return this.className(this.innerClassIndex(nth));
  }

  outerClassIndex(nth: number): number {
    return this.field(nth, 2);
  }

  /** The outer class's dotted name, or null (a local or anonymous class). */
  outerClass(nth: number): string | null {
    return this.className(this.outerClassIndex(nth));
  }

  innerNameIndex(nth: number): number {
    return this.field(nth, 4);
  }

  /** The simple name, or null (an anonymous class). */
  innerName(nth: number): string | null {
    const index = this.innerNameIndex(nth);
    return index === 0 ? null : getUtf8(this.pool, index);
  }

  accessFlags(nth: number): number {
    return this.field(nth, 6);
  }

  /** The index of the entry whose inner class is `name` (dotted), or -1. */
  find(name: string): number {
    for (let i = 0; i < this.tableLength(); i++) if (this.innerClass(i) === name) return i;
    return -1;
  }

  private field(nth: number, offset: number): number {
    if (nth < 0 || nth >= this.tableLength()) throw new RangeError(`InnerClasses entry ${nth} of ${this.tableLength()}`);
    return u2(this.info, 2 + 8 * nth + offset);
  }

  private className(index: number): string | null {
    return index === 0 ? null : toDottedName(getClassName(this.pool, index));
  }
}

/** A local or anonymous class's EnclosingMethod: the class, and the method when there is one. */
export class EnclosingMethodAttribute extends AttributeInfo {
  static readonly tag = 'EnclosingMethod';

  /** @internal */
  constructor(
    private readonly info: Uint8Array,
    private readonly pool: ConstantPool,
  ) {
    super(EnclosingMethodAttribute.tag);
  }

  classIndex(): number {
    return u2(this.info, 0);
  }

  /** The NameAndType index of the method, 0 outside one (an initializer). */
  methodIndex(): number {
    return u2(this.info, 2);
  }

  /** The enclosing class's dotted name. */
  className(): string {
    return toDottedName(getClassName(this.pool, this.classIndex()));
  }

  /** The method's name; `<clinit>` outside a method, as Javassist answers. */
  methodName(): string {
    const index = this.methodIndex();
    return index === 0 ? '<clinit>' : getNameAndType(this.pool, index).name;
  }

  /** The method's descriptor; `()V` outside a method (where Javassist 3.27 throws NullPointerException). */
  methodDescriptor(): string {
    const index = this.methodIndex();
    return index === 0 ? '()V' : getNameAndType(this.pool, index).descriptor;
  }
}

/** A nest member's NestHost (JVMS §4.7.28): the host's Class entry. */
export class NestHostAttribute extends AttributeInfo {
  static readonly tag = 'NestHost';

  /** @internal */
  constructor(private readonly info: Uint8Array) {
    super(NestHostAttribute.tag);
  }

  hostClassIndex(): number {
    return u2(this.info, 0);
  }
}

/** A nest host's NestMembers (JVMS §4.7.29): the members' Class entries. */
export class NestMembersAttribute extends AttributeInfo {
  static readonly tag = 'NestMembers';

  /** @internal */
  constructor(private readonly info: Uint8Array) {
    super(NestMembersAttribute.tag);
  }

  numberOfClasses(): number {
    return u2(this.info, 0);
  }

  /** The Class entry index of member `nth`. */
  memberClass(nth: number): number {
    if (nth < 0 || nth >= this.numberOfClasses()) throw new RangeError(`NestMembers entry ${nth} of ${this.numberOfClasses()}`);
    return u2(this.info, 2 + 2 * nth);
  }
}

/** @internal Where an AnnotationDefaultAttribute reads and writes the method's default value. */
export interface AnnotationDefaultHolder {
  get(): unknown;
  set(value: unknown): void;
}

/** An annotation element's default value (AnnotationDefault of an annotation interface's method). */
export class AnnotationDefaultAttribute extends AttributeInfo {
  static readonly tag = 'AnnotationDefault';

  private detached: unknown = null;
  private holder: AnnotationDefaultHolder | null = null;

  /** Without a value until setDefaultValue, for MethodInfo.addAttribute. */
  constructor(_cp?: unknown) {
    super(AnnotationDefaultAttribute.tag);
  }

  /** @internal Makes this attribute the live view of `holder`; with `adopt`, its value becomes the method's. */
  bind(holder: AnnotationDefaultHolder, adopt: boolean): this {
    if (adopt) holder.set(this.detached);
    this.holder = holder;
    return this;
  }

  getDefaultValue(): MemberValue {
    return memberValueOf(this.holder === null ? this.detached : this.holder.get());
  }

  setDefaultValue(value: MemberValue): void {
    const tree = value.toTree();
    if (this.holder === null) this.detached = tree;
    else this.holder.set(tree);
  }

  override toString(): string {
    return this.getDefaultValue().toString();
  }
}

/**
 * The view getAttribute gives for attribute `name` read from a class file (its `info` bytes and
 * `pool`), or null when there is none of these.
 */
export function classFileAttributeView(name: string, info: Uint8Array, pool: ConstantPool): AttributeInfo | null {
  switch (name) {
    case ConstantAttribute.tag:
      return new ConstantAttribute(u2(info, 0));
    case SourceFileAttribute.tag:
      return new SourceFileAttribute(getUtf8(pool, u2(info, 0)));
    case DeprecatedAttribute.tag:
      return new DeprecatedAttribute();
    case InnerClassesAttribute.tag:
      return new InnerClassesAttribute(info, pool);
    case EnclosingMethodAttribute.tag:
      return new EnclosingMethodAttribute(info, pool);
    case NestHostAttribute.tag:
      return new NestHostAttribute(info);
    case NestMembersAttribute.tag:
      return new NestMembersAttribute(info);
    default:
      return null;
  }
}
