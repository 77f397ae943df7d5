// # The byte-level edit state of one class: constant pool entries added, method code waiting
//
// Javassist edits a class file in place: `cp.addMethodrefInfo(…)` returns an index that stays right,
// and code[] bytes written through CodeIterator or Bytecode use it. classforge keeps a tree and
// writes the class file again, so the two meet here. The first addition freezes the pool: the pool
// of the class file written at that moment (ASM keeps a class's pool when it writes it again,
// ClassWriter(ClassReader)), and the added entries after it, each at the index Javassist would give
// (JVMS §4.4: an index is its place in the table; long and double take two). Edited code[] is
// decoded back into the tree in that space (code-edits.ts) before the class is written
// (flushPendingCode, called by CtClass), so new entries land wherever the writer puts them while
// the code keeps meaning the same thing.

import { type ConstantPool, type ConstantPoolEntry, readConstantPool } from '../../classfile/constant-pool.js';
import { type RawAttribute, type RawClassFile, type RawCode, readRawClassFile, readRawCode } from '../../classfile/raw-class-file.js';
import { encodeModifiedUtf8Into, modifiedUtf8Length } from '../../classfile/modified-utf8.js';

type NewEntry = ConstantPoolEntry & { readonly offset: -1 };

export class PoolEdits {
  private frozenBytes: Uint8Array | null = null;
  private frozen: ConstantPool | null = null;

  /** The major version of the class file the pool was frozen from. */
  majorVersion(): number {
    return this.frozenBytes === null ? 52 : (this.frozenBytes[6]! << 8) | this.frozenBytes[7]!;
  }
  private entries: (ConstantPoolEntry | null)[] = [];
  private readonly added: Uint8Array[] = [];
  /** Methods whose code[] was edited and is not in the tree yet: their flush. */
  readonly pending = new Map<object, () => void>();

  /** Takes the pool of the class file as written now, once. */
  freeze(classBytes: () => Uint8Array): void {
    if (this.frozen !== null) return;
    const bytes = classBytes();
    const pool = readConstantPool(bytes);
    this.frozenBytes = bytes;
    this.entries = [...pool.entries];
    this.frozen = { count: pool.count, entries: this.entries, endOffset: pool.endOffset };
  }

  /** A BootstrapMethods attribute set through ClassFile.addAttribute, replacing the frozen class file's. */
  private bootstrapOverride: RawAttribute | null = null;

  /** Replaces the bootstrap methods edited code is decoded with (`nameIndex`: the Utf8 entry "BootstrapMethods"). */
  setBootstrapMethods(nameIndex: number, info: Uint8Array): void {
    this.bootstrapOverride = { name: 'BootstrapMethods', nameIndex, offset: -1, length: info.length, info };
  }

  /**
   * The bootstrap methods: those set, else the frozen class file's BootstrapMethods attribute (JVMS
   * §4.7.23), which its invokedynamic and ldc of dynamic constants index into; null when it has none.
   */
  bootstrapMethods(): RawAttribute | null {
    if (this.bootstrapOverride !== null) return this.bootstrapOverride;
    if (this.frozenBytes === null) return null;
    return readRawClassFile(this.frozenBytes).attributes.find((a) => a.name === 'BootstrapMethods') ?? null;
  }

  /** Members changed (CtClass.checkModify) since the freeze; `everything` after a change of the class itself. */
  private readonly changedSinceFreeze = new WeakSet<object>();
  private everythingChanged = false;
  private frozenFile: RawClassFile | null = null;

  /** @internal Records a change of `member` (null: of the class) made after the freeze. */
  noteChanged(member: object | null): void {
    if (this.frozen === null) return;
    if (member === null) this.everythingChanged = true;
    else this.changedSinceFreeze.add(member);
  }

  /**
   * The Code attribute of method `name``desc` in the frozen class file, when `member` has not changed
   * since: its indexes are the frozen pool's, and reading it costs no writing of the class.
   */
  unchangedCode(member: object, name: string, desc: string): RawCode | null {
    if (this.frozenBytes === null || this.everythingChanged || this.changedSinceFreeze.has(member)) return null;
    this.frozenFile ??= readRawClassFile(this.frozenBytes);
    const method = this.frozenFile.methods.find((m) => m.name === name && m.descriptor === desc);
    const code = method?.attributes.find((a) => a.name === 'Code');
    return code === undefined ? null : readRawCode(code, this.frozenFile.constantPool);
  }

  /** The class file the pool was frozen from. */
  frozenClassBytes(): Uint8Array {
    if (this.frozenBytes === null) throw new Error('internal error: the pool is not frozen');
    return this.frozenBytes;
  }

  isFrozen(): boolean {
    return this.frozen !== null;
  }

  /** The frozen pool with the added entries, or null before the first freeze. */
  pool(): ConstantPool | null {
    if (this.frozen === null) return null;
    return { count: this.entries.length, entries: this.entries, endOffset: this.frozen.endOffset };
  }

  /** constant_pool_count and the bytes of the entries (the frozen ones as the class file had them, then the added). */
  poolBytes(): { count: number; bytes: Uint8Array } {
    if (this.frozen === null || this.frozenBytes === null) throw new Error('internal error: the pool is not frozen');
    const head = this.frozenBytes.subarray(10, this.frozen.endOffset);
    const size = head.length + this.added.reduce((sum, entry) => sum + entry.length, 0);
    const bytes = new Uint8Array(size);
    bytes.set(head, 0);
    let at = head.length;
    for (const entry of this.added) {
      bytes.set(entry, at);
      at += entry.length;
    }
    return { count: this.entries.length, bytes };
  }

  utf8(value: string): number {
    const found = this.find((e) => e.kind === 'Utf8' && e.value === value);
    if (found > 0) return found;
    const bytes = utf8EntryBytes(value);
    return this.add({ kind: 'Utf8', tag: 1, offset: -1, value, length: bytes.length - 3 }, bytes);
  }

  /** A Class entry for an internal name (or an array descriptor). */
  classInfo(internalName: string): number {
    const nameIndex = this.utf8(internalName);
    return this.find((e) => e.kind === 'Class' && e.nameIndex === nameIndex) || this.add({ kind: 'Class', tag: 7, offset: -1, nameIndex }, u1u2(7, nameIndex));
  }

  stringInfo(value: string): number {
    const stringIndex = this.utf8(value);
    return this.find((e) => e.kind === 'String' && e.stringIndex === stringIndex) || this.add({ kind: 'String', tag: 8, offset: -1, stringIndex }, u1u2(8, stringIndex));
  }

  integerInfo(value: number): number {
    const bytes = new Uint8Array(5);
    bytes[0] = 3;
    new DataView(bytes.buffer).setInt32(1, value);
    return this.find((e) => e.kind === 'Integer' && e.value === value) || this.add({ kind: 'Integer', tag: 3, offset: -1, value }, bytes);
  }

  floatInfo(value: number): number {
    const bytes = new Uint8Array(5);
    bytes[0] = 4;
    const view = new DataView(bytes.buffer);
    view.setFloat32(1, value);
    const bits = view.getUint32(1);
    return this.find((e) => e.kind === 'Float' && e.bits === bits) || this.add({ kind: 'Float', tag: 4, offset: -1, value: view.getFloat32(1), bits }, bytes);
  }

  longInfo(value: bigint): number {
    const bytes = new Uint8Array(9);
    bytes[0] = 5;
    new DataView(bytes.buffer).setBigInt64(1, value);
    return this.find((e) => e.kind === 'Long' && e.value === value) || this.add({ kind: 'Long', tag: 5, offset: -1, value }, bytes, 2);
  }

  doubleInfo(value: number): number {
    const bytes = new Uint8Array(9);
    bytes[0] = 6;
    const view = new DataView(bytes.buffer);
    view.setFloat64(1, value);
    const bits = view.getBigUint64(1);
    return this.find((e) => e.kind === 'Double' && e.bits === bits) || this.add({ kind: 'Double', tag: 6, offset: -1, value, bits }, bytes, 2);
  }

  nameAndType(nameIndex: number, descriptorIndex: number): number {
    return (
      this.find((e) => e.kind === 'NameAndType' && e.nameIndex === nameIndex && e.descriptorIndex === descriptorIndex) ||
      this.add({ kind: 'NameAndType', tag: 12, offset: -1, nameIndex, descriptorIndex }, u1u2u2(12, nameIndex, descriptorIndex))
    );
  }

  memberref(kind: 'Fieldref' | 'Methodref' | 'InterfaceMethodref', classIndex: number, nameAndTypeIndex: number): number {
    const tag = kind === 'Fieldref' ? 9 : kind === 'Methodref' ? 10 : 11;
    return (
      this.find((e) => e.kind === kind && e.classIndex === classIndex && e.nameAndTypeIndex === nameAndTypeIndex) ||
      this.add({ kind, tag, offset: -1, classIndex, nameAndTypeIndex }, u1u2u2(tag, classIndex, nameAndTypeIndex))
    );
  }

  /** A CONSTANT_MethodHandle (JVMS §4.4.8): a reference kind (1-9) and a Fieldref/Methodref/InterfaceMethodref index. */
  methodHandle(referenceKind: number, referenceIndex: number): number {
    return (
      this.find((e) => e.kind === 'MethodHandle' && e.referenceKind === referenceKind && e.referenceIndex === referenceIndex) ||
      this.add({ kind: 'MethodHandle', tag: 15, offset: -1, referenceKind, referenceIndex }, Uint8Array.of(15, referenceKind & 0xff, referenceIndex >>> 8, referenceIndex & 0xff))
    );
  }

  /** A CONSTANT_Module (tag 19) or CONSTANT_Package (tag 20, JVMS §4.4.11-12): the Utf8 index of the name. */
  moduleOrPackage(kind: 'Module' | 'Package', nameIndex: number): number {
    const tag = kind === 'Module' ? 19 : 20;
    return this.find((e) => e.kind === kind && e.nameIndex === nameIndex) || this.add({ kind, tag, offset: -1, nameIndex }, u1u2(tag, nameIndex));
  }

  /** A CONSTANT_MethodType (JVMS §4.4.9): the Utf8 index of a method descriptor. */
  methodType(descriptorIndex: number): number {
    return this.find((e) => e.kind === 'MethodType' && e.descriptorIndex === descriptorIndex) || this.add({ kind: 'MethodType', tag: 16, offset: -1, descriptorIndex }, u1u2(16, descriptorIndex));
  }

  /** A CONSTANT_Dynamic (tag 17) or CONSTANT_InvokeDynamic (tag 18, JVMS §4.4.10): a BootstrapMethods index and a NameAndType index. */
  dynamic(kind: 'Dynamic' | 'InvokeDynamic', bootstrapMethodAttrIndex: number, nameAndTypeIndex: number): number {
    const tag = kind === 'Dynamic' ? 17 : 18;
    return (
      this.find((e) => e.kind === kind && e.bootstrapMethodAttrIndex === bootstrapMethodAttrIndex && e.nameAndTypeIndex === nameAndTypeIndex) ||
      this.add({ kind, tag, offset: -1, bootstrapMethodAttrIndex, nameAndTypeIndex }, u1u2u2(tag, bootstrapMethodAttrIndex, nameAndTypeIndex))
    );
  }

  /** The index of the first entry `matches` accepts, or 0 (Javassist reuses an equal entry). */
  private find(matches: (entry: ConstantPoolEntry) => boolean): number {
    for (let i = 1; i < this.entries.length; i++) {
      const entry = this.entries[i];
      if (entry != null && matches(entry)) return i;
    }
    return 0;
  }

  private add(entry: NewEntry, bytes: Uint8Array, slots = 1): number {
    const index = this.entries.length;
    if (index + slots > 0xffff) throw new RangeError('the constant pool is full (65535 entries, JVMS §4.1)');
    this.entries.push(entry);
    if (slots === 2) this.entries.push(null);
    this.added.push(bytes);
    return index;
  }
}

/** A CONSTANT_Utf8_info entry for `value` (JVMS §4.4.7): tag 1, the u2 length, the modified UTF-8 bytes. */
export function utf8EntryBytes(value: string): Uint8Array {
  const length = modifiedUtf8Length(value);
  const bytes = new Uint8Array(3 + length);
  bytes[0] = 1;
  bytes[1] = length >>> 8;
  bytes[2] = length & 0xff;
  encodeModifiedUtf8Into(value, bytes, 3);
  return bytes;
}

function u1u2(tag: number, a: number): Uint8Array {
  return Uint8Array.of(tag, a >>> 8, a & 0xff);
}

function u1u2u2(tag: number, a: number, b: number): Uint8Array {
  return Uint8Array.of(tag, a >>> 8, a & 0xff, b >>> 8, b & 0xff);
}

const EDITS = new WeakMap<object, PoolEdits>();

/** The edit state of the class `owner` (a CtClass). */
export function poolEditsOf(owner: object): PoolEdits {
  let edits = EDITS.get(owner);
  if (edits === undefined) {
    edits = new PoolEdits();
    EDITS.set(owner, edits);
  }
  return edits;
}

/** Records that `member` of the class `owner` (null: the class itself) is changing (CtClass.checkModify). */
export function noteMemberChanged(owner: object, member: object | null): void {
  EDITS.get(owner)?.noteChanged(member);
}

/** Decodes every edited method's code[] into the tree (CtClass calls it before writing the class). */
export function flushPendingCode(owner: object): void {
  const edits = EDITS.get(owner);
  if (edits === undefined || edits.pending.size === 0) return;
  const flushes = [...edits.pending.values()];
  edits.pending.clear();
  for (const flush of flushes) flush();
}
