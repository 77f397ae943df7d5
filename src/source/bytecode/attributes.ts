// # Javassist's javassist.bytecode attributes that real code reaches for
//
// AnnotationsAttribute (RuntimeVisible/InvisibleAnnotations, JVMS §4.7.16-17) to add or read
// annotations, and LocalVariableAttribute (LocalVariableTable, §4.7.13) to read parameter names,
// through CodeAttribute. An AnnotationsAttribute read from a class or field or method, or added to
// one, is live as in Javassist: addAnnotation / setAnnotations / removeAnnotation change the member.

import type { RawCode } from '../../classfile/raw-class-file.js';
import { CodeIterator } from './code-iterator.js';
import { type EditableCode, type EditableHandler, type EditableLocal, editableCode } from './code-edits.js';
import { computeMaxStack } from './max-stack.js';
import { CannotCompileException } from '../cannot-compile-exception.js';
import { lineNumberEntries } from './written-code.js';
import type { AnnotationNode } from '../../tree/annotation-node.js';
import type { LocalVariableNode } from '../../tree/local-variable-node.js';
import { toInternalName } from '../../classfile/class-names.js';
import { Annotation } from './annotation.js';
import type { ConstPool } from './const-pool.js';
import { StackMapTable } from './stack-map-table.js';
import { AttributeInfo, RawAttributeInfo } from './attribute-info.js';

/** @internal Where a live AnnotationsAttribute reads and writes its annotations. */
export interface AnnotationsHolder {
  get(): AnnotationNode[] | null;
  set(annotations: AnnotationNode[] | null): void;
}

export { AttributeInfo };

export class AnnotationsAttribute extends AttributeInfo {
  static readonly visibleTag = 'RuntimeVisibleAnnotations';
  static readonly invisibleTag = 'RuntimeInvisibleAnnotations';

  /** The annotations while the attribute belongs to no member. */
  private detached: AnnotationNode[] = [];
  private holder: AnnotationsHolder | null = null;

  /** `new AnnotationsAttribute(cp, AnnotationsAttribute.visibleTag)`: empty, until added to a member. */
  constructor(_cp: ConstPool | null, tag: string) {
    if (tag !== AnnotationsAttribute.visibleTag && tag !== AnnotationsAttribute.invisibleTag) {
      throw new TypeError(`an AnnotationsAttribute is ${AnnotationsAttribute.visibleTag} or ${AnnotationsAttribute.invisibleTag}, not ${tag}`);
    }
    super(tag);
  }

  /** @internal Makes this attribute the live view of `holder`'s annotations; with `adopt`, they become this one's. */
  bind(holder: AnnotationsHolder, adopt: boolean): this {
    if (adopt) holder.set(this.detached.length === 0 ? null : this.detached);
    this.holder = holder;
    return this;
  }

  private nodes(): AnnotationNode[] {
    return this.holder === null ? this.detached : (this.holder.get() ?? []);
  }

  private store(nodes: AnnotationNode[]): void {
    if (this.holder === null) this.detached = nodes;
    else this.holder.set(nodes.length === 0 ? null : nodes);
  }

  getAnnotations(): Annotation[] {
    return this.nodes().map((node) => Annotation.fromTree(node));
  }

  /** The annotation of type `typeName` (dotted), or null. */
  getAnnotation(typeName: string): Annotation | null {
    const descriptor = `L${toInternalName(typeName)};`;
    const node = this.nodes().find((candidate) => candidate.desc === descriptor);
    return node === undefined ? null : Annotation.fromTree(node);
  }

  /** Adds `annotation`, replacing one of the same type (Javassist's addAnnotation). */
  addAnnotation(annotation: Annotation): void {
    const node = annotation.toTree();
    const nodes = [...this.nodes()];
    const index = nodes.findIndex((candidate) => candidate.desc === node.desc);
    if (index >= 0) nodes[index] = node;
    else nodes.push(node);
    this.store(nodes);
  }

  setAnnotations(annotations: readonly Annotation[]): void {
    this.store(annotations.map((annotation) => annotation.toTree()));
  }

  setAnnotation(annotation: Annotation): void {
    this.setAnnotations([annotation]);
  }

  /** Removes the annotation of type `typeName`; whether there was one. */
  removeAnnotation(typeName: string): boolean {
    const descriptor = `L${toInternalName(typeName)};`;
    const nodes = this.nodes();
    const kept = nodes.filter((node) => node.desc !== descriptor);
    if (kept.length === nodes.length) return false;
    this.store(kept);
    return true;
  }

  numAnnotations(): number {
    return this.nodes().length;
  }

  override toString(): string {
    return this.getAnnotations().join(' ');
  }
}

/** An entry of a LocalVariableTable or LocalVariableTypeTable: `desc` is the descriptor, or the signature in a type table. */
interface LocalEntry {
  name: string;
  desc: string;
  index: number;
  /** The constant pool indexes of name and desc, when known. */
  nameIndex?: number;
  descriptorIndex?: number;
}

/**
 * The LocalVariableTable (JVMS §4.7.13) of a method's code, read-only: parameter and local names;
 * with LocalVariableAttribute.typeTag, the LocalVariableTypeTable (§4.7.14), whose descriptor(i)
 * and signature(i) are the generic signatures, as Javassist's LocalVariableTypeAttribute.
 */
export class LocalVariableAttribute extends AttributeInfo {
  static readonly tag = 'LocalVariableTable';
  static readonly typeTag = 'LocalVariableTypeTable';

  /** @internal Entries with their offsets in code[] (start_pc, length) when known; the attribute's name. */
  constructor(
    private readonly entries: readonly LocalEntry[],
    private readonly ranges: readonly { startPc: number; length: number }[] | null = null,
    tag: string = LocalVariableAttribute.tag,
  ) {
    super(tag);
  }

  /** start_pc of entry `i`: where in code[] the variable starts to have a value. */
  startPc(i: number): number {
    return this.range(i).startPc;
  }

  /** length of entry `i`: the number of code[] bytes the variable has its value in. */
  codeLength(i: number): number {
    return this.range(i).length;
  }

  private range(i: number): { startPc: number; length: number } {
    this.entry(i);
    if (this.ranges === null || this.ranges.length !== this.entries.length) throw new RangeError('the offsets of this LocalVariableTable are not known');
    return this.ranges[i]!;
  }

  tableLength(): number {
    return this.entries.length;
  }

  /** The name of entry `i` (table order: javac lists `this` and the parameters first). */
  variableName(i: number): string {
    return this.entry(i).name;
  }

  /** The name of the variable in local slot `index` (the first entry of that slot), or null (Javassist 3.28's variableNameByIndex). */
  variableNameByIndex(index: number): string | null {
    return this.entries.find((entry) => entry.index === index)?.name ?? null;
  }

  /** The local slot of entry `i`. */
  index(i: number): number {
    return this.entry(i).index;
  }

  /** The descriptor of entry `i` (in a LocalVariableTypeTable, its signature). */
  descriptor(i: number): string {
    return this.entry(i).desc;
  }

  /**
   * The same as descriptor(i), as in Javassist: the generic signature when this is the
   * LocalVariableTypeTable (getAttribute(LocalVariableAttribute.typeTag)), else the descriptor.
   */
  signature(i: number): string {
    return this.entry(i).desc;
  }

  /** The constant pool index of entry `i`'s name. */
  nameIndex(i: number): number {
    return this.known(this.entry(i).nameIndex);
  }

  /** The constant pool index of entry `i`'s descriptor (signature in a type table). */
  descriptorIndex(i: number): number {
    return this.known(this.entry(i).descriptorIndex);
  }

  /** The same as descriptorIndex(i), as in Javassist. */
  signatureIndex(i: number): number {
    return this.descriptorIndex(i);
  }

  private known(index: number | undefined): number {
    if (index === undefined) throw new RangeError('the constant pool indexes of this LocalVariableTable are not known');
    return index;
  }

  private entry(i: number): LocalEntry {
    const entry = this.entries[i];
    if (entry === undefined) throw new RangeError(`${this.getName()} entry ${i} of ${this.entries.length}`);
    return entry;
  }
}

/** The LocalVariableTypeTable (JVMS §4.7.14): getAttribute(LocalVariableAttribute.typeTag) answers one, as Javassist's. */
export class LocalVariableTypeAttribute extends LocalVariableAttribute {}

/**
 * The LineNumberTable of a method's code (JVMS §4.7.12), read-only, in table order: what coverage
 * and tracing tools map offsets and lines with. Offsets are those of the code as written now
 * (written-code.ts).
 */
export class LineNumberAttribute extends AttributeInfo {
  static readonly tag = 'LineNumberTable';

  /** @internal */
  constructor(private readonly entries: readonly { startPc: number; line: number }[]) {
    super(LineNumberAttribute.tag);
  }

  tableLength(): number {
    return this.entries.length;
  }

  /** start_pc of entry `i`. */
  startPc(i: number): number {
    return this.entry(i).startPc;
  }

  /** line_number of entry `i`. */
  lineNumber(i: number): number {
    return this.entry(i).line;
  }

  /** The line of bytecode offset `pc` (Javassist's toLineNumber; see written-code.ts lineNumberAt). */
  toLineNumber(pc: number): number {
    let i = 0;
    for (; i < this.entries.length; i++) {
      if (pc < this.entries[i]!.startPc) {
        if (i === 0) return this.entries[0]!.line;
        break;
      }
    }
    return this.entries[i - 1]!.line;
  }

  /** The start_pc of the first entry of `line`, or -1. */
  toStartPc(line: number): number {
    return this.entries.find((entry) => entry.line === line)?.startPc ?? -1;
  }

  /**
   * The first entry of the smallest line at or after `line`, else of the largest line before it (the
   * line insertAt would use): `{ index: its start_pc, line }` (Javassist's toNearPc).
   */
  toNearPc(line: number): { index: number; line: number } {
    // Javassist's loop: from the first entry, an entry replaces the best so far when it is nearer
    // before the line, or at/after it and nearer (or the best so far is before it).
    let index = 0;
    let distance = 0;
    if (this.entries.length > 0) {
      distance = this.entries[0]!.line - line;
      index = this.entries[0]!.startPc;
    }
    for (let i = 1; i < this.entries.length; i++) {
      const d = this.entries[i]!.line - line;
      if ((d < 0 && d > distance) || (d >= 0 && (d < distance || distance < 0))) {
        distance = d;
        index = this.entries[i]!.startPc;
      }
    }
    return { index, line: line + distance };
  }

  private entry(i: number): { startPc: number; line: number } {
    const entry = this.entries[i];
    if (entry === undefined) throw new RangeError(`LineNumberTable entry ${i} of ${this.entries.length}`);
    return entry;
  }
}

/**
 * A method's MethodParameters (JVMS §4.7.24, javac -parameters): the parameter names and flags.
 * Read from a method (live: the indexes are those of the class file as written now, for
 * ConstPool.getUtf8Info), or made with names and flags to add with MethodInfo.addAttribute.
 */
export class MethodParametersAttribute extends AttributeInfo {
  static readonly tag = 'MethodParameters';

  /** Names and flags; from a method, the name indexes too. */
  constructor(
    _cp: ConstPool | null,
    private readonly names: readonly (string | null)[],
    private readonly flags: readonly number[],
    private readonly nameIndexes: readonly number[] | null = null,
  ) {
    super(MethodParametersAttribute.tag);
  }

  size(): number {
    return this.names.length;
  }

  /** The constant pool index of parameter `i`'s name (0: no name); known for an attribute read from a method. */
  name(i: number): number {
    if (this.nameIndexes === null) throw new RangeError('name indexes are known only for an attribute read from a method');
    return this.at(this.nameIndexes, i);
  }

  /** Parameter `i`'s name, or null (Javassist 3.28's parameterName). */
  parameterName(i: number): string | null {
    return this.at(this.names, i);
  }

  accessFlags(i: number): number {
    return this.at(this.flags, i);
  }

  private at<T>(values: readonly T[], i: number): T {
    if (i < 0 || i >= values.length) throw new RangeError(`MethodParameters entry ${i} of ${values.length}`);
    return values[i]!;
  }
}

type ExceptionTableEntry = { startPc: number; endPc: number; handlerPc: number; catchTypeIndex: number };

/**
 * The exception table of a method's code (JVMS §4.7.3), offsets as written now or as edited
 * (Javassist's ExceptionTable). From a CodeAttribute it is live: add and remove change the code's
 * table, as in Javassist. `new ExceptionTable(cp)` makes an empty one to fill and give to
 * `new CodeAttribute(cp, maxStack, maxLocals, code, table)`, which then edits that same table.
 */
export class ExceptionTable {
  private entries: readonly ExceptionTableEntry[];
  private readonly live: { edit: () => EditableCode; changed: (edit: EditableCode) => void } | null;
  /** A table made with `new ExceptionTable(cp)`: its rows (shared with the CodeAttribute it is given to). */
  private readonly own: EditableHandler[] | null;

  /** An empty table whose catch types are indexes of `cp` (Javassist's `new ExceptionTable(cp)`). */
  constructor(cp: ConstPool);
  /** @internal */
  constructor(entries: readonly ExceptionTableEntry[], live?: { edit: () => EditableCode; changed: (edit: EditableCode) => void } | null);
  constructor(
    entriesOrPool: readonly ExceptionTableEntry[] | ConstPool,
    /** The editable code the table belongs to, and what records its change; null: read-only. */
    live: { edit: () => EditableCode; changed: (edit: EditableCode) => void } | null = null,
  ) {
    if (Array.isArray(entriesOrPool)) {
      this.entries = entriesOrPool;
      this.live = live;
      this.own = null;
    } else {
      const rows: EditableHandler[] = [];
      const holder = { exceptionTable: rows } as EditableCode;
      this.entries = [];
      this.live = { edit: () => holder, changed: () => {} };
      this.own = rows;
    }
  }

  /** @internal The rows of a table made with `new ExceptionTable(cp)` (live: edits of either are the other's), or null. */
  ownRows(): EditableHandler[] | null {
    return this.own;
  }

  /** Adds a handler (catchType: a Class entry's index, 0 for all) at the end, or before entry `index` (Javassist's add). */
  add(start: number, end: number, handler: number, catchType: number): void;
  add(index: number, start: number, end: number, handler: number, catchType: number): void;
  /** Inserts a copy of every entry of `table` before entry `index`, its pcs moved by `offset` (Javassist's add(int, ExceptionTable, int)). */
  add(index: number, table: ExceptionTable, offset: number): void;
  add(a: number, b: number | ExceptionTable, c: number, d?: number, e?: number): void {
    const edit = this.editable();
    if (b instanceof ExceptionTable) {
      const copies = Array.from({ length: b.size() }, (_, i) => ({ startPc: b.startPc(i) + c, endPc: b.endPc(i) + c, handlerPc: b.handlerPc(i) + c, catchType: b.catchType(i) }));
      edit.exceptionTable.splice(a, 0, ...copies);
    } else {
      const [index, entry] = e === undefined ? [edit.exceptionTable.length, { startPc: a, endPc: b, handlerPc: c, catchType: d! }] : [a, { startPc: b, endPc: c, handlerPc: d!, catchType: e }];
      edit.exceptionTable.splice(index, 0, entry);
    }
    this.commit(edit);
  }

  /** Removes entry `index`. */
  remove(index: number): void {
    this.entry(index);
    const edit = this.editable();
    edit.exceptionTable.splice(index, 1);
    this.commit(edit);
  }

  setStartPc(i: number, value: number): void {
    this.set(i, (h) => (h.startPc = value));
  }

  setEndPc(i: number, value: number): void {
    this.set(i, (h) => (h.endPc = value));
  }

  setHandlerPc(i: number, value: number): void {
    this.set(i, (h) => (h.handlerPc = value));
  }

  /** Sets entry `i`'s catch type: a Class entry's index, 0 for all. */
  setCatchType(i: number, value: number): void {
    this.set(i, (h) => (h.catchType = value));
  }

  private set(i: number, change: (handler: EditableHandler) => void): void {
    this.entry(i);
    const edit = this.editable();
    change(edit.exceptionTable[i]!);
    this.commit(edit);
  }

  private editable(): EditableCode {
    if (this.live === null) throw new CannotCompileException('this ExceptionTable is read-only');
    return this.live.edit();
  }

  private commit(edit: EditableCode): void {
    this.live!.changed(edit);
    this.entries = edit.exceptionTable.map((h) => ({ ...h, catchTypeIndex: h.catchType }));
  }

  /** The rows now: a table of its own follows the code it was given to (a CodeIterator's gaps move them). */
  private rows(): readonly ExceptionTableEntry[] {
    if (this.own !== null) return this.own.map((h) => ({ ...h, catchTypeIndex: h.catchType }));
    return this.entries;
  }

  size(): number {
    return this.rows().length;
  }

  startPc(i: number): number {
    return this.entry(i).startPc;
  }

  endPc(i: number): number {
    return this.entry(i).endPc;
  }

  handlerPc(i: number): number {
    return this.entry(i).handlerPc;
  }

  /** The constant pool index of the caught class, 0 for a catch-all (finally). */
  catchType(i: number): number {
    return this.entry(i).catchTypeIndex;
  }

  private entry(i: number): ExceptionTableEntry {
    const rows = this.rows();
    const entry = rows[i];
    if (entry === undefined) throw new RangeError(`exception table entry ${i} of ${rows.length}`);
    return entry;
  }
}

/** @internal The method a CodeAttribute belongs to (MethodInfo): its code as edited, and where edits go. */
export interface MethodCodeHost {
  /** The method's code as edited through a CodeIterator or setCodeAttribute, or null when it was not. */
  edited(): EditableCode | null;
  /** The edited code, or an editable copy of the code as written now. */
  snapshot(): EditableCode;
  /** The code recorded as the method's by a change (changed), or null. */
  registered(): EditableCode | null;
  /** Records `edit` as the method's code (decoded into the method before the class is written). */
  changed(edit: EditableCode): void;
  constPool(): ConstPool;
  className: string;
}

/**
 * A method's Code attribute (JVMS §4.7.3): its sub-attributes, sizes, and a CodeIterator to read or
 * edit code[]. Made by Bytecode.toCodeAttribute() it belongs to no method until
 * MethodInfo.setCodeAttribute.
 */
export class CodeAttribute extends AttributeInfo {
  static readonly tag = 'Code';

  private readonly locals: readonly LocalVariableNode[] | null;
  /** The code as the class file has it (written-code.ts). */
  private readonly written: () => RawCode;
  /** The method, or null for code made by Bytecode or `new CodeAttribute(…)`. */
  private host: MethodCodeHost | null;
  /** Code made by Bytecode or `new CodeAttribute(…)` (with its pool), before it is set on a method. */
  private detached: { edit: EditableCode; pool: ConstPool } | null;

  /**
   * New code: `code` (a Uint8Array is kept, as Javassist keeps the byte[]), its maxima, and `exceptionTable` (a `new ExceptionTable(cp)`, which
   * stays this code's table, as in Javassist), its pool indexes those of `cp`; give it to a method
   * with MethodInfo.setCodeAttribute. Javassist's `new CodeAttribute(cp, maxStack, maxLocals, code, table)`.
   */
  constructor(cp: ConstPool, maxStack: number, maxLocals: number, code: ArrayLike<number>, exceptionTable: ExceptionTable);
  /** @internal */
  constructor(locals: readonly LocalVariableNode[] | null, written: () => RawCode, host?: MethodCodeHost | null, detached?: { edit: EditableCode; pool: ConstPool } | null);
  constructor(
    first: ConstPool | readonly LocalVariableNode[] | null,
    second: number | (() => RawCode),
    third: number | MethodCodeHost | null = null,
    fourth: ArrayLike<number> | { edit: EditableCode; pool: ConstPool } | null = null,
    exceptionTable?: ExceptionTable,
  ) {
    super(CodeAttribute.tag);
    if (typeof second === 'number') {
      const cp = first as ConstPool;
      const code = fourth as ArrayLike<number>;
      // The table's own rows, or (a table read from another method's code) a copy of them.
      const table = exceptionTable ?? new ExceptionTable(cp);
      const rows = table.ownRows() ?? Array.from({ length: table.size() }, (_, i) => ({ startPc: table.startPc(i), endPc: table.endPc(i), handlerPc: table.handlerPc(i), catchType: table.catchType(i) }));
      const edit: EditableCode = {
        // As in Javassist, a byte array given is the attribute's code[] (until a gap makes a longer one).
        code: code instanceof Uint8Array ? code : Uint8Array.from(Array.from(code, (b) => b & 0xff)),
        maxStack: second,
        maxLocals: third as number,
        exceptionTable: rows,
        lineNumbers: [],
        localVariables: [],
        localVariableTypes: [],
      };
      this.locals = null;
      this.written = noClassFile;
      this.host = null;
      this.detached = { edit, pool: cp };
      return;
    }
    this.locals = first as readonly LocalVariableNode[] | null;
    this.written = second;
    this.host = third as MethodCodeHost | null;
    this.detached = fourth as { edit: EditableCode; pool: ConstPool } | null;
  }

  /** @internal Made by Bytecode.toCodeAttribute. */
  static detached(edit: EditableCode, pool: ConstPool): CodeAttribute {
    return new CodeAttribute(null, noClassFile, null, { edit, pool });
  }

  /** @internal The code to give a method (setCodeAttribute); the attribute then belongs to it. */
  adoptBy(host: MethodCodeHost): EditableCode {
    const edit = this.detached?.edit ?? structuredClone(this.host!.snapshot());
    this.detached = null;
    this.host = host;
    host.changed(edit);
    return edit;
  }

  /** The copy this attribute's iterators and exception table edit until a change records it as the method's. */
  private copy: EditableCode | null = null;

  /** The code this attribute edits: the method's as recorded, else one copy shared by its iterators and table. */
  private own(host: MethodCodeHost): EditableCode {
    const registered = host.registered();
    if (registered !== null) return (this.copy = registered);
    return (this.copy ??= host.snapshot());
  }

  /** The edited code, or null when the class file's is current. */
  private edits(): EditableCode | null {
    return this.detached?.edit ?? this.host?.edited() ?? null;
  }

  /** A CodeIterator over code[] (see code-iterator.ts): reads and edits. */
  iterator(): CodeIterator {
    if (this.detached !== null) {
      const pool = this.detached.pool;
      return new CodeIterator(this.detached.edit, { changed: () => {}, constPool: () => pool, className: pool.getClassName() }, this);
    }
    if (this.host === null) return new CodeIterator(editableCode(this.written()), null, this);
    const host = this.host;
    const edit = this.own(host);
    return new CodeIterator(edit, { changed: () => host.changed(edit), constPool: () => host.constPool(), className: host.className }, this);
  }

  /** The constant pool the code's indexes are in. */
  getConstPool(): ConstPool {
    if (this.detached !== null) return this.detached.pool;
    if (this.host === null) throw new CannotCompileException('this CodeAttribute has no constant pool');
    return this.host.constPool();
  }

  /** The dotted name of the class the code belongs to. */
  getDeclaringClass(): string {
    return this.detached?.pool.getClassName() ?? this.host?.className ?? '';
  }

  /** code_length: the number of bytes of code[]. */
  getCodeLength(): number {
    return (this.edits()?.code ?? this.written().code).length;
  }

  /** A copy of code[]. */
  getCode(): Uint8Array {
    return new Uint8Array(this.edits()?.code ?? this.written().code);
  }

  /** LocalVariableAttribute.tag gives the LocalVariableTable (null when the class was compiled without -g); other names null. */
  getAttribute(name: string): AttributeInfo | null {
    if (name === LocalVariableAttribute.tag || name === LocalVariableAttribute.typeTag) return this.localVariables(name);
    if (name === StackMapTable.tag) {
      // New code has no frames until its class is written (Javassist's: until rebuildStackMapIf6).
      if (this.detached !== null) return null;
      if (this.host?.registered() != null) {
        throw new CannotCompileException(
          'the StackMapTable of code edited at the byte level is computed when its class is written (read it from the class written, CtClass.toBytecode)',
        );
      }
      const info = this.written().attributes.find((attribute) => attribute.name === StackMapTable.tag)?.info;
      return info === undefined ? null : new StackMapTable(new Uint8Array(info));
    }
    if (name === LineNumberAttribute.tag) {
      const edited = this.edits();
      const entries = edited !== null ? edited.lineNumbers.map((e) => ({ ...e })) : lineNumberEntries(this.written());
      return entries.length === 0 ? null : new LineNumberAttribute(entries);
    }
    return null;
  }

  /**
   * The sub-attributes (JVMS §4.7.3) of the code as the class file has it now, in their order: views
   * where getAttribute offers one, the others with their bytes (a snapshot, as getAttributes of the
   * members). New code has none; code edited at the byte level has the tables the edit keeps.
   */
  getAttributes(): AttributeInfo[] {
    if (this.detached !== null) return [];
    if (this.host?.registered() != null) {
      return [LineNumberAttribute.tag, LocalVariableAttribute.tag].map((name) => this.getAttribute(name)).filter((view) => view !== null);
    }
    return this.written().attributes.map((attribute) => this.getAttribute(attribute.name) ?? new RawAttributeInfo(attribute.name, new Uint8Array(attribute.info)));
  }

  /**
   * The LocalVariableTable or LocalVariableTypeTable: of the edited code, or of the code as written
   * now (indexes those of the class file the ConstPool reads), or of the method's tree (no indexes).
   */
  private localVariables(tag: string): LocalVariableAttribute | null {
    const typed = tag === LocalVariableAttribute.typeTag;
    const View = typed ? LocalVariableTypeAttribute : LocalVariableAttribute;
    const fromRows = (rows: readonly EditableLocal[], cp: ConstPool): LocalVariableAttribute | null =>
      rows.length === 0
        ? null
        : new View(
            rows.map((v) => ({ name: cp.getUtf8Info(v.nameIndex), desc: cp.getUtf8Info(v.descriptorIndex), index: v.index, nameIndex: v.nameIndex, descriptorIndex: v.descriptorIndex })),
            rows,
            tag,
          );
    const edited = this.edits();
    if (edited !== null) return fromRows(typed ? edited.localVariableTypes : edited.localVariables, this.getConstPool());
    if (this.host !== null) {
      const written = editableCode(this.written());
      return fromRows(typed ? written.localVariableTypes : written.localVariables, this.host.constPool());
    }
    const locals = (this.locals ?? []).filter((v) => !typed || v.signature !== null);
    if (locals.length === 0) return null;
    return new View(
      locals.map((v) => ({ name: v.name, desc: typed ? v.signature! : v.desc, index: v.index })),
      typed ? null : this.writtenLocalRanges(),
      tag,
    );
  }

  /** The offsets of the LocalVariableTable of the code as written now, in table order (the tree's order), or null. */
  private writtenLocalRanges(): { startPc: number; length: number }[] | null {
    if (this.detached !== null) return null;
    try {
      return editableCode(this.written()).localVariables;
    } catch {
      return null;
    }
  }

  /** The exception table: live, add/remove change the code's (as Javassist's). */
  getExceptionTable(): ExceptionTable {
    const edited = this.edits();
    const entries = edited !== null ? edited.exceptionTable.map((h) => ({ ...h, catchTypeIndex: h.catchType })) : this.written().exceptionTable;
    if (this.detached !== null) {
      const detached = this.detached.edit;
      return new ExceptionTable(entries, { edit: () => detached, changed: () => {} });
    }
    const host = this.host;
    if (host === null) return new ExceptionTable(entries);
    return new ExceptionTable(entries, { edit: () => this.own(host), changed: (edit) => host.changed(edit) });
  }

  /** max_stack of the code as written now (a method just made or changed gets its computed maxima, as in Javassist), or as set. */
  getMaxStack(): number {
    return this.edits()?.maxStack ?? this.written().maxStack;
  }

  /** max_locals of the code as written now, or as set. */
  getMaxLocals(): number {
    return this.edits()?.maxLocals ?? this.written().maxLocals;
  }

  /**
   * Sets max_stack. classforge computes the maxima when it writes an edited method, so what counts
   * in the class file is the computed value; this one is what getMaxStack answers until then.
   */
  setMaxStack(value: number): void {
    this.editable().maxStack = value;
  }

  /** Sets max_locals (as setMaxStack: the written value is computed, and never less than the code needs). */
  setMaxLocals(value: number): void {
    this.editable().maxLocals = value;
  }

  /** max_stack of the code as edited, computed as Javassist's computeMaxStack (max-stack.ts); sets it too, as Javassist's does. */
  computeMaxStack(): number {
    const edited = this.edits();
    const max = computeMaxStack(edited ?? editableCode(this.written()), this.getConstPool());
    // Javassist sets max_stack too; code nobody edited keeps the class file's (the same number).
    if (edited !== null) edited.maxStack = max;
    return max;
  }

  private editable(): EditableCode {
    if (this.detached !== null) return this.detached.edit;
    if (this.host === null) throw new CannotCompileException('this CodeAttribute cannot be changed');
    const edit = this.own(this.host);
    this.host.changed(edit);
    return edit;
  }
}

function noClassFile(): RawCode {
  throw new CannotCompileException('internal error: detached code has no class file');
}

/** @internal */
export function annotationNodesHolder(target: { visibleAnnotations: AnnotationNode[] | null; invisibleAnnotations: AnnotationNode[] | null }, visible: boolean, beforeChange: () => void): AnnotationsHolder {
  return {
    get: () => (visible ? target.visibleAnnotations : target.invisibleAnnotations),
    set: (annotations) => {
      beforeChange();
      if (visible) target.visibleAnnotations = annotations;
      else target.invisibleAnnotations = annotations;
    },
  };
}

