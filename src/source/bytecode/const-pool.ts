// # Javassist's ConstPool: the class's constant pool (JVMS §4.4), read-only
//
// Javassist's bytecode-level constructors take the constant pool the new structure will live in
// (`new AnnotationsAttribute(cp, tag)`, `new StringMemberValue("x", cp)`). Here the views write to
// the class's tree, which gets its pool when written, so for those a ConstPool only says which class
// it is. Reading works as in Javassist: code that walks a method with CodeIterator finds a field or
// method reference's index at `u16bitAt(index + 1)` and asks `cp.getFieldrefName(i)`. The entries are
// those of the class file as it would be written now (CtClass.currentBytecode), the same file the
// CodeIterator's bytes come from: for a class nobody changed, its own class file, indexes included.
//
// Adding entries (addClassInfo, addMethodrefInfo…, what Bytecode and CodeIterator edits need) works
// as in Javassist: an entry already in the pool keeps its index, a new one gets the next index. The
// first addition freezes the pool of every ConstPool of that class (pool-edits.ts): from then on
// indexes mean the frozen class file's pool plus the added entries, the space that edited code[]
// bytes are decoded in (code-edits.ts).

import { toDottedName } from '../../classfile/class-names.js';
import {
  type ConstantPool,
  getClassName,
  getConstant,
  getNameAndType,
  getUtf8,
  readConstantPool,
} from '../../classfile/constant-pool.js';
import { CannotCompileException } from '../cannot-compile-exception.js';
import { type PoolEdits, poolEditsOf } from './pool-edits.js';
import type { CtClass } from '../ct-class.js';

export class ConstPool {
  /** The class the pool belongs to, for addClassInfo (Javassist's ConstPool.THIS, null). */
  static readonly THIS: CtClass | null = null;
  static readonly CONST_Utf8 = 1;
  static readonly CONST_Integer = 3;
  static readonly CONST_Float = 4;
  static readonly CONST_Long = 5;
  static readonly CONST_Double = 6;
  static readonly CONST_Class = 7;
  static readonly CONST_String = 8;
  static readonly CONST_Fieldref = 9;
  static readonly CONST_Methodref = 10;
  static readonly CONST_InterfaceMethodref = 11;
  static readonly CONST_NameAndType = 12;
  static readonly CONST_MethodHandle = 15;
  static readonly CONST_MethodType = 16;
  static readonly CONST_Dynamic = 17;
  /** Javassist's older name of CONST_InvokeDynamic. */
  static readonly CONST_DynamicCallSite = 18;
  static readonly CONST_InvokeDynamic = 18;
  static readonly CONST_Module = 19;
  static readonly CONST_Package = 20;
  // MethodHandle reference kinds (JVMS §4.4.8, Table 5.4.3.5-A), for addMethodHandleInfo.
  static readonly REF_getField = 1;
  static readonly REF_getStatic = 2;
  static readonly REF_putField = 3;
  static readonly REF_putStatic = 4;
  static readonly REF_invokeVirtual = 5;
  static readonly REF_invokeStatic = 6;
  static readonly REF_invokeSpecial = 7;
  static readonly REF_newInvokeSpecial = 8;
  static readonly REF_invokeInterface = 9;

  /** The pool read from `poolBytes` (read again when the class file as written now is another array: the class changed). */
  private pool: ConstantPool | null = null;
  private poolBytes: Uint8Array | null = null;

  /** @internal */
  constructor(
    private readonly className: string,
    private readonly classBytes: (() => Uint8Array) | null = null,
    /** The class (CtClass) whose ConstPools share added entries; null: read-only. */
    private readonly owner: object | null = null,
  ) {}

  /** @internal The class whose ConstPools share added entries, or null. */
  ownerKey(): object | null {
    return this.owner;
  }

  /** @internal The shared edit state, frozen (the pool added entries go to). */
  edits(): PoolEdits {
    if (this.owner === null || this.classBytes === null) throw new CannotCompileException(`the constant pool of ${this.className} cannot be changed here`);
    const edits = poolEditsOf(this.owner);
    edits.freeze(this.classBytes);
    return edits;
  }

  /** A CONSTANT_Utf8 entry for `value`. */
  addUtf8Info(value: string): number {
    return this.edits().utf8(value);
  }

  /** A CONSTANT_Class entry: a CtClass, a dotted name, or an array descriptor (`[I`, `[Ljava.lang.String;`); THIS (null): this_class. */
  addClassInfo(type: CtClass | string | null): number {
    if (type === null) {
      this.edits();
      return this.getThisClassInfo();
    }
    const name = typeof type === 'string' ? type : type.isArray() ? type.getDescriptor() : type.getName();
    return this.edits().classInfo(name.replace(/\./g, '/'));
  }

  addStringInfo(value: string): number {
    return this.edits().stringInfo(value);
  }

  addIntegerInfo(value: number): number {
    return this.edits().integerInfo(value | 0);
  }

  addFloatInfo(value: number): number {
    return this.edits().floatInfo(value);
  }

  addLongInfo(value: bigint | number): number {
    return this.edits().longInfo(BigInt.asIntN(64, BigInt(value)));
  }

  addDoubleInfo(value: number): number {
    return this.edits().doubleInfo(value);
  }

  /** A CONSTANT_NameAndType: (name, descriptor) strings or Utf8 indexes. */
  addNameAndTypeInfo(name: string | number, type: string | number): number {
    const edits = this.edits();
    const nameIndex = typeof name === 'string' ? edits.utf8(name) : name;
    const typeIndex = typeof type === 'string' ? edits.utf8(type) : type;
    return edits.nameAndType(nameIndex, typeIndex);
  }

  /** A CONSTANT_Fieldref: the Class index, then (name, descriptor) or a NameAndType index. */
  addFieldrefInfo(classInfo: number, nameOrNameAndType: string | number, type?: string): number {
    return this.memberref('Fieldref', classInfo, nameOrNameAndType, type);
  }

  addMethodrefInfo(classInfo: number, nameOrNameAndType: string | number, type?: string): number {
    return this.memberref('Methodref', classInfo, nameOrNameAndType, type);
  }

  addInterfaceMethodrefInfo(classInfo: number, nameOrNameAndType: string | number, type?: string): number {
    return this.memberref('InterfaceMethodref', classInfo, nameOrNameAndType, type);
  }

  private memberref(kind: 'Fieldref' | 'Methodref' | 'InterfaceMethodref', classInfo: number, nameOrNameAndType: string | number, type: string | undefined): number {
    const nameAndType = typeof nameOrNameAndType === 'number' ? nameOrNameAndType : this.addNameAndTypeInfo(nameOrNameAndType, type ?? '');
    return this.edits().memberref(kind, classInfo, nameAndType);
  }

  /**
   * A CONSTANT_MethodHandle (JVMS §4.4.8): `kind` is a reference kind (REF_getField 1 … REF_invokeInterface 9),
   * `index` the Fieldref/Methodref/InterfaceMethodref it refers to.
   */
  addMethodHandleInfo(kind: number, index: number): number {
    return this.edits().methodHandle(kind, index);
  }

  /** A CONSTANT_MethodType (JVMS §4.4.9): `desc` is the index of the method descriptor's Utf8 entry. */
  addMethodTypeInfo(desc: number): number {
    return this.edits().methodType(desc);
  }

  /**
   * A CONSTANT_InvokeDynamic (JVMS §4.4.10): `bootstrap` indexes the class's BootstrapMethods
   * attribute, `nameAndType` is the call site's NameAndType entry.
   */
  addInvokeDynamicInfo(bootstrap: number, nameAndType: number): number {
    return this.edits().dynamic('InvokeDynamic', bootstrap, nameAndType);
  }

  /** A CONSTANT_Dynamic (JVMS §4.4.10, a dynamically-computed constant for ldc): as addInvokeDynamicInfo. */
  addDynamicInfo(bootstrap: number, nameAndType: number): number {
    return this.edits().dynamic('Dynamic', bootstrap, nameAndType);
  }

  /** A CONSTANT_Module (JVMS §4.4.11, module-info classes): `name` is the Utf8 index of the module name. */
  addModuleInfo(name: number): number {
    return this.edits().moduleOrPackage('Module', name);
  }

  /** A CONSTANT_Package (JVMS §4.4.12): `name` is the Utf8 index of the package name (internal form). */
  addPackageInfo(name: number): number {
    return this.edits().moduleOrPackage('Package', name);
  }

  /** The name of a Module entry. */
  getModuleInfo(index: number): string {
    return this.getUtf8Info(getConstant(this.entries(), index, ['Module']).nameIndex);
  }

  /** The name of a Package entry, as the pool has it (`java/lang`). */
  getPackageInfo(index: number): string {
    return this.getUtf8Info(getConstant(this.entries(), index, ['Package']).nameIndex);
  }

  /** The reference kind of a MethodHandle entry (1-9). */
  getMethodHandleKind(index: number): number {
    return getConstant(this.entries(), index, ['MethodHandle']).referenceKind;
  }

  /** The Fieldref/Methodref/InterfaceMethodref index of a MethodHandle entry. */
  getMethodHandleIndex(index: number): number {
    return getConstant(this.entries(), index, ['MethodHandle']).referenceIndex;
  }

  /** The Utf8 index of a MethodType entry's descriptor. */
  getMethodTypeInfo(index: number): number {
    return getConstant(this.entries(), index, ['MethodType']).descriptorIndex;
  }

  /** The BootstrapMethods index of an InvokeDynamic entry. */
  getInvokeDynamicBootstrap(index: number): number {
    return this.invokeDynamic(index).bootstrapMethodAttrIndex;
  }

  /** The NameAndType index of an InvokeDynamic entry. */
  getInvokeDynamicNameAndType(index: number): number {
    return this.invokeDynamic(index).nameAndTypeIndex;
  }

  /** The BootstrapMethods index of a Dynamic entry. */
  getDynamicBootstrap(index: number): number {
    return this.dynamicEntry(index, 'Dynamic').bootstrapMethodAttrIndex;
  }

  /** The NameAndType index of a Dynamic entry. */
  getDynamicNameAndType(index: number): number {
    return this.dynamicEntry(index, 'Dynamic').nameAndTypeIndex;
  }

  /** The field descriptor of a Dynamic entry's constant. */
  getDynamicType(index: number): string {
    return getNameAndType(this.entries(), this.getDynamicNameAndType(index)).descriptor;
  }

  /** The index of the class's own Class entry (this_class, JVMS §4.1). */
  getThisClassInfo(): number {
    // this_class follows access_flags after the pool: of the frozen file (whose pool entries() reads), or the file as written now.
    const pool = this.entries();
    const edits = this.owner === null ? null : poolEditsOf(this.owner);
    const file = edits?.isFrozen() ? edits.frozenClassBytes() : this.classBytes?.();
    if (file === undefined) throw new CannotCompileException(`the constant pool of ${this.className} cannot be read here`);
    const at = pool.endOffset + 2;
    return (file[at]! << 8) | file[at + 1]!;
  }

  /** The names of the Class entries (internal names, array descriptors as they are), as Javassist's getClassNames. */
  getClassNames(): Set<string> {
    const names = new Set<string>();
    for (const entry of this.entries().entries) if (entry?.kind === 'Class') names.add(this.getUtf8Info(entry.nameIndex));
    return names;
  }

  /**
   * The Utf8 index of the descriptor of member reference `index` when it names member `name` of
   * class `className` (dotted), else 0 (Javassist's isMember).
   */
  isMember(className: string, name: string, index: number): number {
    const ref = this.member(index, this.memberKind(index));
    if (this.getClassInfo(ref.classIndex) !== className) return 0;
    const nameAndType = getConstant(this.entries(), ref.nameAndTypeIndex, ['NameAndType']);
    return this.getUtf8Info(nameAndType.nameIndex) === name ? nameAndType.descriptorIndex : 0;
  }

  /** isMember for the constructor (`<init>`). */
  isConstructor(className: string, index: number): number {
    return this.isMember(className, '<init>', index);
  }

  /** The dotted class name of member reference `index` when it is `name``descriptor`, else null (Javassist's eqMember). */
  eqMember(name: string, descriptor: string, index: number): string | null {
    const ref = this.member(index, this.memberKind(index));
    const nameAndType = getConstant(this.entries(), ref.nameAndTypeIndex, ['NameAndType']);
    if (this.getUtf8Info(nameAndType.nameIndex) !== name || this.getUtf8Info(nameAndType.descriptorIndex) !== descriptor) return null;
    return this.getClassInfo(ref.classIndex);
  }

  private memberKind(index: number): 'Fieldref' | 'Methodref' | 'InterfaceMethodref' {
    const kind = this.entries().entries[index]?.kind;
    return kind === 'Fieldref' || kind === 'InterfaceMethodref' ? kind : 'Methodref';
  }

  /** The dotted name of the class this pool belongs to. */
  getClassName(): string {
    return this.className;
  }

  /** constant_pool_count: one more than the largest index. */
  getSize(): number {
    return this.entries().count;
  }

  /** The tag of the entry at `index` (ConstPool.CONST_*), 0 for the unused slot after a long or double. */
  getTag(index: number): number {
    return this.entries().entries[index]?.tag ?? 0;
  }

  /** The Utf8 entry's string. */
  getUtf8Info(index: number): string {
    return getUtf8(this.entries(), index);
  }

  /** A Class entry's name, dotted (an array's as its descriptor with dots: `[Ljava.lang.Object;`), as Javassist's. */
  getClassInfo(index: number): string {
    return toDottedName(getClassName(this.entries(), index));
  }

  /** A Class entry as a type descriptor (`Ljava/lang/Object;`, `[I`). */
  getClassInfoByDescriptor(index: number): string {
    const name = getClassName(this.entries(), index);
    return name.startsWith('[') ? name : `L${name};`;
  }

  getStringInfo(index: number): string {
    return getUtf8(this.entries(), getConstant(this.entries(), index, ['String']).stringIndex);
  }

  getIntegerInfo(index: number): number {
    return getConstant(this.entries(), index, ['Integer']).value;
  }

  getLongInfo(index: number): bigint {
    return getConstant(this.entries(), index, ['Long']).value;
  }

  getFloatInfo(index: number): number {
    return getConstant(this.entries(), index, ['Float']).value;
  }

  getDoubleInfo(index: number): number {
    return getConstant(this.entries(), index, ['Double']).value;
  }

  /** The value an ldc of `index` pushes: a string, number, bigint (long), or null for other kinds (as Javassist's getLdcValue). */
  getLdcValue(index: number): string | number | bigint | null {
    const entry = this.entries().entries[index];
    if (entry == null) return null;
    switch (entry.kind) {
      case 'String':
        return this.getStringInfo(index);
      case 'Integer':
      case 'Float':
      case 'Double':
      case 'Long':
        return entry.value;
      default:
        return null;
    }
  }

  /** The Utf8 index of a NameAndType entry's name (an index, as Javassist's: getUtf8Info gives the string). */
  getNameAndTypeName(index: number): number {
    return getConstant(this.entries(), index, ['NameAndType']).nameIndex;
  }

  /** The Utf8 index of a NameAndType entry's descriptor. */
  getNameAndTypeDescriptor(index: number): number {
    return getConstant(this.entries(), index, ['NameAndType']).descriptorIndex;
  }

  /** The Class index of a Fieldref, Methodref or InterfaceMethodref entry. */
  getMemberClass(index: number): number {
    return getConstant(this.entries(), index, ['Fieldref', 'Methodref', 'InterfaceMethodref']).classIndex;
  }

  /** The NameAndType index of a Fieldref, Methodref or InterfaceMethodref entry. */
  getMemberNameAndType(index: number): number {
    return getConstant(this.entries(), index, ['Fieldref', 'Methodref', 'InterfaceMethodref']).nameAndTypeIndex;
  }

  /** The Class index of a Fieldref. */
  getFieldrefClass(index: number): number {
    return this.member(index, 'Fieldref').classIndex;
  }

  getFieldrefNameAndType(index: number): number {
    return this.member(index, 'Fieldref').nameAndTypeIndex;
  }

  getMethodrefClass(index: number): number {
    return this.member(index, 'Methodref').classIndex;
  }

  getMethodrefNameAndType(index: number): number {
    return this.member(index, 'Methodref').nameAndTypeIndex;
  }

  getInterfaceMethodrefClass(index: number): number {
    return this.member(index, 'InterfaceMethodref').classIndex;
  }

  getInterfaceMethodrefNameAndType(index: number): number {
    return this.member(index, 'InterfaceMethodref').nameAndTypeIndex;
  }

  /** The class of a Fieldref, dotted. */
  getFieldrefClassName(index: number): string {
    return this.memberClass(index, 'Fieldref');
  }

  getFieldrefName(index: number): string {
    return this.memberNameAndType(index, 'Fieldref').name;
  }

  /** The field's descriptor. */
  getFieldrefType(index: number): string {
    return this.memberNameAndType(index, 'Fieldref').descriptor;
  }

  getMethodrefClassName(index: number): string {
    return this.memberClass(index, 'Methodref');
  }

  getMethodrefName(index: number): string {
    return this.memberNameAndType(index, 'Methodref').name;
  }

  /** The method's descriptor. */
  getMethodrefType(index: number): string {
    return this.memberNameAndType(index, 'Methodref').descriptor;
  }

  getInterfaceMethodrefClassName(index: number): string {
    return this.memberClass(index, 'InterfaceMethodref');
  }

  getInterfaceMethodrefName(index: number): string {
    return this.memberNameAndType(index, 'InterfaceMethodref').name;
  }

  getInterfaceMethodrefType(index: number): string {
    return this.memberNameAndType(index, 'InterfaceMethodref').descriptor;
  }

  /** The descriptor of an InvokeDynamic entry's call site. */
  getInvokeDynamicType(index: number): string {
    return getNameAndType(this.entries(), this.invokeDynamic(index).nameAndTypeIndex).descriptor;
  }

  /** The method name of an InvokeDynamic entry's call site. */
  getInvokeDynamicName(index: number): string {
    return getNameAndType(this.entries(), this.invokeDynamic(index).nameAndTypeIndex).name;
  }

  private invokeDynamic(index: number): { bootstrapMethodAttrIndex: number; nameAndTypeIndex: number } {
    return this.dynamicEntry(index, 'InvokeDynamic');
  }

  private dynamicEntry(index: number, kind: 'Dynamic' | 'InvokeDynamic'): { bootstrapMethodAttrIndex: number; nameAndTypeIndex: number } {
    const entry = this.entries().entries[index];
    if (entry?.kind !== kind) throw new CannotCompileException(`constant pool entry ${index} is not a${kind === 'InvokeDynamic' ? 'n' : ''} ${kind}`);
    return entry;
  }

  /**
   * The member reference at `index`. As in Javassist 3.27, the getFieldref* getters take a Fieldref
   * only, but the getMethodref* and getInterfaceMethodref* ones take any member reference (they cast
   * to MemberrefInfo): an invokestatic of an interface's static method (an InterfaceMethodref, JVMS
   * §4.4.2) answers getMethodrefName.
   */
  private member(index: number, kind: 'Fieldref' | 'Methodref' | 'InterfaceMethodref'): { classIndex: number; nameAndTypeIndex: number } {
    const kinds: ('Fieldref' | 'Methodref' | 'InterfaceMethodref')[] = kind === 'Fieldref' ? [kind] : ['Fieldref', 'Methodref', 'InterfaceMethodref'];
    return getConstant(this.entries(), index, kinds);
  }

  private memberClass(index: number, kind: 'Fieldref' | 'Methodref' | 'InterfaceMethodref'): string {
    return toDottedName(getClassName(this.entries(), this.member(index, kind).classIndex));
  }

  private memberNameAndType(index: number, kind: 'Fieldref' | 'Methodref' | 'InterfaceMethodref'): { name: string; descriptor: string } {
    return getNameAndType(this.entries(), this.member(index, kind).nameAndTypeIndex);
  }

  private entries(): ConstantPool {
    const frozen = this.owner === null ? null : poolEditsOf(this.owner).pool();
    if (frozen !== null) return frozen;
    if (this.classBytes === null) throw new CannotCompileException(`the constant pool of ${this.className} cannot be read here`);
    const bytes = this.classBytes();
    if (this.pool === null || bytes !== this.poolBytes) {
      this.pool = readConstantPool(bytes);
      this.poolBytes = bytes;
    }
    return this.pool;
  }
}

