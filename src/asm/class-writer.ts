import type { AnnotationVisitor } from './annotation-visitor.js';
import { AnnotationWriter } from './annotation-writer.js';
import { Attribute, AttributeSet } from './attribute.js';
import { readS4, readU2 } from './big-endian.js';
import { ByteVector } from './byte-vector.js';
import { ClassReader } from './class-reader.js';
import { ClassTooLargeException } from './class-too-large-exception.js';
import { ClassVisitor } from './class-visitor.js';
import { Constants } from './constants.js';
import { WrittenAttribute } from './written-attribute.js';
import type { FieldVisitor } from './field-visitor.js';
import { FieldWriter } from './field-writer.js';
import type { Handle } from './handle.js';
import { constantForFieldType, type ConstantValue } from './java-values.js';
import type { MethodVisitor } from './method-visitor.js';
import { MethodWriter } from './method-writer.js';
import type { ModuleVisitor } from './module-visitor.js';
import { ModuleWriter } from './module-writer.js';
import { Opcodes } from './opcodes.js';
import { readerHints } from './reader-hints.js';
import type { RecordComponentVisitor } from './record-component-visitor.js';
import { RecordComponentWriter } from './record-component-writer.js';
import { SymbolTable } from './symbol-table.js';
import { outputUint8Array } from './zeroed-slab.js';
import type { TypePath } from './type-path.js';

/**
 * What the default `ClassWriter.getCommonSuperClass` needs to know about the classes it merges,
 * read from class files (never by loading classes). The full `ClassPath` implements it.
 */
export interface ClassHierarchy {
  /**
   * The internal name of the super class of `internalName`, null for java/lang/Object (and for
   * interfaces, whose super class may also be given as java/lang/Object), undefined if the class
   * is unknown.
   */
  getSuperName(internalName: string): string | null | undefined;
  /** Whether `internalName` is an interface; undefined if the class is unknown. */
  isInterface(internalName: string): boolean | undefined;
  /**
   * Optionally, the direct super interfaces of `internalName` (undefined if unknown). Without
   * it, a class is never considered assignable to an interface, so merging a class with one of
   * its interfaces gives java/lang/Object (which the verifier accepts the same way, JVMS §4.10.1.2).
   */
  getInterfaces?(internalName: string): readonly string[] | null | undefined;
  /** Optionally, a description of where classes are searched, for error messages. */
  describe?(): string;
  /**
   * Optionally, true when the answers about a class never change once given (ClassPath caches what
   * it reads): the default getCommonSuperClass then remembers its results for every ClassWriter
   * using this hierarchy, instead of walking it again for each class written.
   */
  readonly answersAreFixed?: boolean;
}

/** Options of `new ClassWriter(flags, options)` and `new ClassWriter(reader, flags, options)`. */
export interface ClassWriterOptions {
  /** The class hierarchy used by the default getCommonSuperClass (COMPUTE_FRAMES). */
  classPath?: ClassHierarchy;
  /**
   * What the default getCommonSuperClass does with a class missing from the class path: throw an
   * error naming it (the default, false), or treat it as java/lang/Object and warn once per class
   * (true). The frames are then only as good as that guess, so HotSpot may reject the method.
   */
  unknownClassesAsObject?: boolean;
  /** Receives the warnings (unknown classes); by default they go to console.warn. */
  warn?: (message: string) => void;
}

/**
 * @internal Wraps the MethodWriter of a method of a class file older than Java 7 when frames are
 * computed from scratch, so that jsr/ret subroutines can be inlined first (frames cannot describe
 * them). Installed by the commons layer (JSRInlinerAdapter), which this layer cannot import.
 */
export type SubroutineInlinerFactory = (
  methodWriter: MethodVisitor,
  access: number,
  name: string,
  descriptor: string,
  signature: string | null,
  exceptions: string[] | null,
) => MethodVisitor;

// Class attributes the writer builds itself, in ASM's (JVMS §4.7) output order.
const INNER_CLASSES = 0;
const ENCLOSING_METHOD = 1;
const SYNTHETIC = 2;
const SIGNATURE = 3;
const SOURCE_FILE = 4;
const SOURCE_DEBUG_EXTENSION = 5;
const DEPRECATED = 6;
const RUNTIME_VISIBLE_ANNOTATIONS = 7;
const RUNTIME_INVISIBLE_ANNOTATIONS = 8;
const RUNTIME_VISIBLE_TYPE_ANNOTATIONS = 9;
const RUNTIME_INVISIBLE_TYPE_ANNOTATIONS = 10;
const BOOTSTRAP_METHODS = 11;
const MODULE = 12;
const MODULE_PACKAGES = 13;
const MODULE_MAIN_CLASS = 14;
const NEST_HOST = 15;
const NEST_MEMBERS = 16;
const PERMITTED_SUBCLASSES = 17;
const RECORD = 18;
const ATTRIBUTE_KIND_COUNT = 19;

/** JVMS §4.4: the tag of CONSTANT_Utf8_info. */
const CONSTANT_UTF8_TAG = 1;

const ATTRIBUTE_KINDS: ReadonlyMap<string, number> = new Map([
  [Constants.INNER_CLASSES, INNER_CLASSES],
  [Constants.ENCLOSING_METHOD, ENCLOSING_METHOD],
  [Constants.SYNTHETIC, SYNTHETIC],
  [Constants.SIGNATURE, SIGNATURE],
  [Constants.SOURCE_FILE, SOURCE_FILE],
  [Constants.SOURCE_DEBUG_EXTENSION, SOURCE_DEBUG_EXTENSION],
  [Constants.DEPRECATED, DEPRECATED],
  [Constants.RUNTIME_VISIBLE_ANNOTATIONS, RUNTIME_VISIBLE_ANNOTATIONS],
  [Constants.RUNTIME_INVISIBLE_ANNOTATIONS, RUNTIME_INVISIBLE_ANNOTATIONS],
  [Constants.RUNTIME_VISIBLE_TYPE_ANNOTATIONS, RUNTIME_VISIBLE_TYPE_ANNOTATIONS],
  [Constants.RUNTIME_INVISIBLE_TYPE_ANNOTATIONS, RUNTIME_INVISIBLE_TYPE_ANNOTATIONS],
  [Constants.BOOTSTRAP_METHODS, BOOTSTRAP_METHODS],
  [Constants.MODULE, MODULE],
  [Constants.MODULE_PACKAGES, MODULE_PACKAGES],
  [Constants.MODULE_MAIN_CLASS, MODULE_MAIN_CLASS],
  [Constants.NEST_HOST, NEST_HOST],
  [Constants.NEST_MEMBERS, NEST_MEMBERS],
  [Constants.PERMITTED_SUBCLASSES, PERMITTED_SUBCLASSES],
  [Constants.RECORD, RECORD],
]);

/**
 * A ClassVisitor that builds a class file (JVMS §4) from the events it receives: alone, to
 * generate a class from scratch, or behind a ClassReader and adapters to transform one.
 *
 * `new ClassWriter(reader, flags)` copies the reader's constant pool and bootstrap methods, and
 * then copies untouched methods, fields and record components as raw bytes. Beyond ASM, the class
 * attributes keep their original order and a Synthetic attribute is kept whatever the version,
 * so that a class passed through unchanged comes back byte for byte.
 */
export class ClassWriter extends ClassVisitor {
  /**
   * Compute each method's max_stack and max_locals (visitMaxs arguments are ignored). From
   * class version 51 this relies on the existing stack map frames; use COMPUTE_FRAMES when there
   * are none or they must change.
   */
  static readonly COMPUTE_MAXS = 1;
  /** Compute the stack map frames (visitFrame calls are ignored); implies COMPUTE_MAXS. */
  static readonly COMPUTE_FRAMES = 2;

  private readonly flags: number;
  /** The class hierarchy for getCommonSuperClass, from the options. */
  private readonly classPath: ClassHierarchy | null;
  private readonly unknownClassesAsObject: boolean;
  private readonly warn: ((message: string) => void) | null;
  /** The unknown classes already warned about (unknownClassesAsObject). */
  private warnedUnknownClasses: Set<string> | null;

  /** @internal See SubroutineInlinerFactory; set by the commons layer. */
  static subroutineInliner: SubroutineInlinerFactory | null = null;

  // Fields in ClassFile order (JVMS §4.1), attributes in JVMS §4.7 order.

  /** minor_version in the high 16 bits, major_version in the low 16 bits. */
  private version: number;
  /** @internal The symbol table: constant pool and BootstrapMethods. */
  readonly symbolTable: SymbolTable;
  /** access_flags, possibly with ASM's ACC_DEPRECATED and ACC_RECORD (written as attributes). */
  private accessFlags: number;
  private thisClass: number;
  private superClass: number;
  private interfaceCount: number;
  private interfaces: Int32Array | null;
  private firstField: FieldWriter | null;
  private lastField: FieldWriter | null;
  private firstMethod: MethodWriter | null;
  private lastMethod: MethodWriter | null;
  private numberOfInnerClasses: number;
  private innerClasses: ByteVector | null;
  private enclosingClassIndex: number;
  private enclosingMethodIndex: number;
  private signatureIndex: number;
  private sourceFileIndex: number;
  private debugExtension: ByteVector | null;
  private lastRuntimeVisibleAnnotation: AnnotationWriter | null;
  private lastRuntimeInvisibleAnnotation: AnnotationWriter | null;
  private lastRuntimeVisibleTypeAnnotation: AnnotationWriter | null;
  private lastRuntimeInvisibleTypeAnnotation: AnnotationWriter | null;
  private moduleWriter: ModuleWriter | null;
  private nestHostClassIndex: number;
  private numberOfNestMemberClasses: number;
  private nestMemberClasses: ByteVector | null;
  private numberOfPermittedSubclasses: number;
  private permittedSubclasses: ByteVector | null;
  private firstRecordComponent: RecordComponentWriter | null;
  private lastRecordComponent: RecordComponentWriter | null;
  /** Non-standard attributes, in REVERSE visit order (ASM writes them in that order). */
  private firstAttribute: Attribute | null;
  /** What MethodWriter computes: one of MethodWriter.COMPUTE_*. */
  private compute: number;
  /** The source class's access_flags when its Synthetic attribute is copied, else -1. */
  private sourceAccessFlags: number;

  // Where the source class (of the ClassReader given to the constructor) holds what is visited
  // next, to give the symbol table a pool index to check first (see SymbolTable's hinted
  // lookups): with a reader feeding this writer directly, every lookup is then answered by one
  // comparison. A wrong guess (an adapter changed something) only costs a normal lookup.

  /** The name_index of the first source class attribute of each kind (0 if none), or null. */
  private sourceAttributeNameIndexes: number[] | null;
  /** The offset of the info of the first source class attribute of each kind (0 if none), or null. */
  private sourceAttributeOffsets: number[] | null;
  /** The source field_info expected next (0 for none), and how many source fields follow it. */
  private sourceFieldOffset: number;
  private sourceFieldsLeft: number;
  /** The source method_info expected next (0 for none), and how many follow (-1: not located yet). */
  private sourceMethodOffset: number;
  private sourceMethodsLeft: number;
  /** The source InnerClasses entry expected next, and the end of these entries. */
  private sourceInnerClassOffset: number;
  private sourceInnerClassesEnd: number;
  /** The source NestMembers entry expected next, and the end of these entries. */
  private sourceNestMemberOffset: number;
  private sourceNestMembersEnd: number;
  /** The source PermittedSubclasses entry expected next, and the end of these entries. */
  private sourcePermittedSubclassOffset: number;
  private sourcePermittedSubclassesEnd: number;

  /**
   * `new ClassWriter(flags, options?)` writes a class from scratch;
   * `new ClassWriter(classReader, flags, options?)` copies `classReader`'s constant pool and
   * bootstrap methods and lets unchanged methods, fields and record components be copied as is
   * (the flags do not apply to those). `flags` is 0 or COMPUTE_MAXS / COMPUTE_FRAMES.
   */
  constructor(flags: number, options?: ClassWriterOptions);
  constructor(classReader: ClassReader | null, flags: number, options?: ClassWriterOptions);
  constructor(
    classReaderOrFlags: ClassReader | number | null,
    flagsOrOptions?: number | ClassWriterOptions,
    options?: ClassWriterOptions,
  ) {
    super(Opcodes.ASM9);
    let classReader: ClassReader | null;
    let flags: number;
    if (typeof classReaderOrFlags === 'number') {
      classReader = null;
      flags = classReaderOrFlags;
      options = flagsOrOptions as ClassWriterOptions | undefined;
    } else {
      classReader = classReaderOrFlags;
      flags = (flagsOrOptions as number | undefined) ?? 0;
    }
    this.flags = flags;
    this.classPath = options?.classPath ?? null;
    this.unknownClassesAsObject = options?.unknownClassesAsObject === true;
    this.warn = options?.warn ?? null;
    this.warnedUnknownClasses = null;
    this.version = 0;
    this.symbolTable = new SymbolTable(this, classReader);
    this.accessFlags = 0;
    this.thisClass = 0;
    this.superClass = 0;
    this.interfaceCount = 0;
    this.interfaces = null;
    this.firstField = null;
    this.lastField = null;
    this.firstMethod = null;
    this.lastMethod = null;
    this.numberOfInnerClasses = 0;
    this.innerClasses = null;
    this.enclosingClassIndex = 0;
    this.enclosingMethodIndex = 0;
    this.signatureIndex = 0;
    this.sourceFileIndex = 0;
    this.debugExtension = null;
    this.lastRuntimeVisibleAnnotation = null;
    this.lastRuntimeInvisibleAnnotation = null;
    this.lastRuntimeVisibleTypeAnnotation = null;
    this.lastRuntimeInvisibleTypeAnnotation = null;
    this.moduleWriter = null;
    this.nestHostClassIndex = 0;
    this.numberOfNestMemberClasses = 0;
    this.nestMemberClasses = null;
    this.numberOfPermittedSubclasses = 0;
    this.permittedSubclasses = null;
    this.firstRecordComponent = null;
    this.lastRecordComponent = null;
    this.firstAttribute = null;
    this.compute = MethodWriter.COMPUTE_NOTHING;
    this.sourceAccessFlags = -1;
    this.sourceAttributeNameIndexes = null;
    this.sourceAttributeOffsets = null;
    this.sourceFieldOffset = 0;
    this.sourceFieldsLeft = 0;
    this.sourceMethodOffset = 0;
    this.sourceMethodsLeft = 0;
    this.sourceInnerClassOffset = 0;
    this.sourceInnerClassesEnd = 0;
    this.sourceNestMemberOffset = 0;
    this.sourceNestMembersEnd = 0;
    this.sourcePermittedSubclassOffset = 0;
    this.sourcePermittedSubclassesEnd = 0;
    this.setFlags(flags);
  }

  /** Whether all the given flags were passed to the constructor. */
  hasFlags(flags: number): boolean {
    return (this.flags & flags) === flags;
  }

  // ## ClassVisitor implementation.

  override visit(
    version: number,
    access: number,
    name: string,
    signature: string | null,
    superName: string | null,
    interfaces: string[] | null,
  ): void {
    // Plain JavaScript callers may leave out the trailing nulls of Java's signature: undefined is null.
    signature ??= null;
    superName ??= null;
    interfaces ??= null;
    this.version = version;
    this.accessFlags = access;
    const symbolTable = this.symbolTable;
    const source = symbolTable.getSource();
    // Written from scratch while a reader visits (through adapters, or not): its pool is the
    // dictionary of this table (see SymbolTable.useDictionary; it is ignored once a constant is added).
    if (source === null && readerHints.reader !== null) {
      symbolTable.useDictionary(readerHints.reader);
    }
    // JVMS §4.1: this_class, super_class, interfaces_count and interfaces follow access_flags, in
    // the source (copy path) or in the dictionary: the pool indices found there are hints.
    let header = 0;
    let hintBytes: Uint8Array | null = null;
    let hintInterfaceCount = 0;
    let signatureHint = 0;
    const dictionaryReader = symbolTable.dictionaryHintReader();
    if (source !== null) {
      this.locateSourceParts(source);
      header = source.header;
      hintBytes = source.classFileBuffer;
      signatureHint = this.sourceAttributeIndex(SIGNATURE);
    } else if (dictionaryReader !== null) {
      header = dictionaryReader.header;
      hintBytes = dictionaryReader.classFileBuffer;
      signatureHint = this.dictionaryIndexAt(readerHints.classEntryOffset);
    }
    if (hintBytes !== null) {
      hintInterfaceCount = readU2(hintBytes, header + 6);
    }
    this.thisClass = symbolTable.setMajorVersionAndClassName(
      version & 0xffff,
      name,
      hintBytes === null ? 0 : readU2(hintBytes, header + 2),
    );
    if (signature !== null) {
      this.signatureIndex = symbolTable.addConstantUtf8Hinted(signature, signatureHint);
    }
    this.superClass =
      superName === null
        ? 0
        : symbolTable.addConstantClassHinted(superName, hintBytes === null ? 0 : readU2(hintBytes, header + 4)).index;
    if (interfaces !== null && interfaces.length > 0) {
      this.interfaceCount = interfaces.length;
      this.interfaces = new Int32Array(this.interfaceCount);
      for (let i = 0; i < this.interfaceCount; ++i) {
        const hint = i < hintInterfaceCount ? readU2(hintBytes!, header + 8 + 2 * i) : 0;
        this.interfaces[i] = symbolTable.addConstantClassHinted(interfaces[i]!, hint).index;
      }
    }
    if (this.compute === MethodWriter.COMPUTE_MAX_STACK_AND_LOCAL && (version & 0xffff) >= Opcodes.V1_7) {
      this.compute = MethodWriter.COMPUTE_MAX_STACK_AND_LOCAL_FROM_FRAMES;
    }
  }

  override visitSource(file: string | null, debug: string | null): void {
    file ??= null;
    debug ??= null;
    if (file !== null) {
      this.sourceFileIndex = this.symbolTable.addConstantUtf8Hinted(file, this.classEntryHint(SOURCE_FILE));
    }
    if (debug !== null) {
      this.debugExtension = new ByteVector().encodeUtf8(debug, 0, 0x7fffffff);
    }
  }

  override visitModule(name: string, access: number, version: string | null): ModuleVisitor {
    version ??= null; // omitted by plain JavaScript callers, as in visit()
    return (this.moduleWriter = new ModuleWriter(
      this.symbolTable,
      this.symbolTable.addConstantModule(name).index,
      access,
      version === null ? 0 : this.symbolTable.addConstantUtf8(version),
    ));
  }

  override visitNestHost(nestHost: string): void {
    this.nestHostClassIndex = this.symbolTable.addConstantClassHinted(nestHost, this.classEntryHint(NEST_HOST)).index;
  }

  override visitOuterClass(owner: string, name: string | null, descriptor: string | null): void {
    name ??= null;
    descriptor ??= null;
    const enclosingMethodOffset = this.sourceAttributeOffsets === null ? 0 : this.sourceAttributeOffsets[ENCLOSING_METHOD]!;
    const sourceBytes = this.symbolTable.getSource()?.classFileBuffer;
    this.enclosingClassIndex = this.symbolTable.addConstantClassHinted(
      owner,
      enclosingMethodOffset === 0
        ? this.dictionaryIndexAt(readerHints.classEntryOffset)
        : readU2(sourceBytes!, enclosingMethodOffset),
    ).index;
    if (name !== null && descriptor !== null) {
      this.enclosingMethodIndex = this.symbolTable.addConstantNameAndTypeHinted(
        name,
        descriptor,
        enclosingMethodOffset === 0 ? 0 : readU2(sourceBytes!, enclosingMethodOffset + 2),
      );
    }
  }

  override visitAnnotation(descriptor: string, visible: boolean): AnnotationVisitor {
    if (visible) {
      return (this.lastRuntimeVisibleAnnotation = AnnotationWriter.create(
        this.symbolTable,
        descriptor,
        this.lastRuntimeVisibleAnnotation,
      ));
    }
    return (this.lastRuntimeInvisibleAnnotation = AnnotationWriter.create(
      this.symbolTable,
      descriptor,
      this.lastRuntimeInvisibleAnnotation,
    ));
  }

  override visitTypeAnnotation(
    typeRef: number,
    typePath: TypePath | null,
    descriptor: string,
    visible: boolean,
  ): AnnotationVisitor {
    if (visible) {
      return (this.lastRuntimeVisibleTypeAnnotation = AnnotationWriter.create(
        this.symbolTable,
        typeRef,
        typePath,
        descriptor,
        this.lastRuntimeVisibleTypeAnnotation,
      ));
    }
    return (this.lastRuntimeInvisibleTypeAnnotation = AnnotationWriter.create(
      this.symbolTable,
      typeRef,
      typePath,
      descriptor,
      this.lastRuntimeInvisibleTypeAnnotation,
    ));
  }

  override visitAttribute(attribute: Attribute): void {
    // Kept in reverse visit order, as ASM does.
    attribute.nextAttribute = this.firstAttribute;
    this.firstAttribute = attribute;
  }

  override visitNestMember(nestMember: string): void {
    if (this.nestMemberClasses === null) {
      this.nestMemberClasses = new ByteVector();
    }
    ++this.numberOfNestMemberClasses;
    let hint = 0;
    const sourceOffset = this.sourceNestMemberOffset;
    if (sourceOffset < this.sourceNestMembersEnd) {
      hint = readU2(this.symbolTable.getSource()!.classFileBuffer, sourceOffset);
      this.sourceNestMemberOffset = sourceOffset + 2;
    } else {
      hint = this.dictionaryIndexAt(readerHints.classEntryOffset);
    }
    this.nestMemberClasses.putShort(this.symbolTable.addConstantClassHinted(nestMember, hint).index);
  }

  override visitPermittedSubclass(permittedSubclass: string): void {
    if (this.permittedSubclasses === null) {
      this.permittedSubclasses = new ByteVector();
    }
    ++this.numberOfPermittedSubclasses;
    let hint = 0;
    const sourceOffset = this.sourcePermittedSubclassOffset;
    if (sourceOffset < this.sourcePermittedSubclassesEnd) {
      hint = readU2(this.symbolTable.getSource()!.classFileBuffer, sourceOffset);
      this.sourcePermittedSubclassOffset = sourceOffset + 2;
    } else {
      hint = this.dictionaryIndexAt(readerHints.classEntryOffset);
    }
    this.permittedSubclasses.putShort(this.symbolTable.addConstantClassHinted(permittedSubclass, hint).index);
  }

  override visitInnerClass(name: string, outerName: string | null, innerName: string | null, access: number): void {
    outerName ??= null;
    innerName ??= null;
    if (this.innerClasses === null) {
      this.innerClasses = new ByteVector();
    }
    // JVMS §4.7.6: one entry per class. The Class symbol's `info` holds the index (plus one) of
    // its entry, which makes the duplicate check O(1).
    const symbolTable = this.symbolTable;
    // JVMS §4.7.6: inner_class_info_index, outer_class_info_index, inner_name_index, flags.
    let nameHint = 0;
    let outerNameHint = 0;
    let innerNameHint = 0;
    const sourceOffset = this.sourceInnerClassOffset;
    if (sourceOffset < this.sourceInnerClassesEnd) {
      const sourceBytes = symbolTable.getSource()!.classFileBuffer;
      nameHint = readU2(sourceBytes, sourceOffset);
      outerNameHint = readU2(sourceBytes, sourceOffset + 2);
      innerNameHint = readU2(sourceBytes, sourceOffset + 4);
      this.sourceInnerClassOffset = sourceOffset + 8;
    } else {
      const entryOffset = readerHints.classEntryOffset;
      nameHint = this.dictionaryIndexAt(entryOffset);
      if (nameHint !== 0) {
        outerNameHint = this.dictionaryIndexAt(entryOffset + 2);
        innerNameHint = this.dictionaryIndexAt(entryOffset + 4);
      }
    }
    const nameSymbol = symbolTable.addConstantClassHinted(name, nameHint);
    if (nameSymbol.info === 0) {
      ++this.numberOfInnerClasses;
      this.innerClasses.putShort(nameSymbol.index);
      this.innerClasses.putShort(outerName === null ? 0 : symbolTable.addConstantClassHinted(outerName, outerNameHint).index);
      this.innerClasses.putShort(innerName === null ? 0 : symbolTable.addConstantUtf8Hinted(innerName, innerNameHint));
      this.innerClasses.putShort(access);
      nameSymbol.info = this.numberOfInnerClasses;
    }
  }

  override visitRecordComponent(name: string, descriptor: string, signature: string | null): RecordComponentVisitor {
    const recordComponentWriter = new RecordComponentWriter(this.symbolTable, name, descriptor, signature ?? null);
    if (this.firstRecordComponent === null) {
      this.firstRecordComponent = recordComponentWriter;
    } else {
      this.lastRecordComponent!.delegate = recordComponentWriter;
    }
    return (this.lastRecordComponent = recordComponentWriter);
  }

  override visitField(
    access: number,
    name: string,
    descriptor: string,
    signature: string | null = null,
    value: ConstantValue | boolean | null = null,
  ): FieldVisitor {
    signature ??= null;
    // undefined (left out) is null; a JS number or 'x' takes the constant type the field's descriptor names;
    // a boolean is the int 1 or 0 (a boolean field's ConstantValue, JVMS §4.7.2), as ASM's Boolean constants.
    const constant = value == null ? null : constantForFieldType(descriptor, typeof value === 'boolean' ? (value ? 1 : 0) : value);
    let sourceOffset = 0;
    if (this.sourceFieldsLeft > 0) {
      sourceOffset = this.sourceFieldOffset;
      const nextOffset = this.skipSourceMember(sourceOffset);
      this.sourceFieldOffset = nextOffset;
      this.sourceFieldsLeft = nextOffset === 0 ? 0 : this.sourceFieldsLeft - 1;
    }
    const fieldWriter = new FieldWriter(this.symbolTable, access, name, descriptor, signature, constant, sourceOffset);
    if (this.firstField === null) {
      this.firstField = fieldWriter;
    } else {
      this.lastField!.fv = fieldWriter;
    }
    return (this.lastField = fieldWriter);
  }

  override visitMethod(
    access: number,
    name: string,
    descriptor: string,
    signature: string | null = null,
    exceptions: string[] | null = null,
  ): MethodVisitor {
    signature ??= null;
    exceptions ??= null;
    if (this.sourceMethodsLeft < 0) {
      this.locateSourceMethods();
    }
    let sourceOffset = 0;
    if (this.sourceMethodsLeft > 0) {
      sourceOffset = this.sourceMethodOffset;
      const nextOffset = this.skipSourceMember(sourceOffset);
      this.sourceMethodOffset = nextOffset;
      this.sourceMethodsLeft = nextOffset === 0 ? 0 : this.sourceMethodsLeft - 1;
    }
    const methodWriter = new MethodWriter(
      this.symbolTable,
      access,
      name,
      descriptor,
      signature,
      exceptions,
      this.compute,
      sourceOffset,
    );
    if (this.firstMethod === null) {
      this.firstMethod = methodWriter;
    } else {
      this.lastMethod!.mv = methodWriter;
    }
    this.lastMethod = methodWriter;
    // jsr/ret are only legal before version 51 (JVMS §4.9.1); frames cannot describe subroutines,
    // so when frames are computed for such a class its subroutines are inlined first.
    const inliner = ClassWriter.subroutineInliner;
    if (
      this.compute === MethodWriter.COMPUTE_ALL_FRAMES &&
      inliner !== null &&
      (this.version & 0xffff) < Opcodes.V1_7
    ) {
      return inliner(methodWriter, access, name, descriptor, signature, exceptions);
    }
    return methodWriter;
  }

  override visitEnd(): void {
    // Nothing to do.
  }

  // ## Output.

  /**
   * Returns the class file built so far (JVMS §4.1). Throws ClassTooLargeException if the
   * constant pool overflows, MethodTooLargeException if a method's code does.
   *
   * A small class file is a view on a buffer shared with the class files written before and after
   * it (see zeroed-slab.ts), not zero-filled outside the view: use the view (its byteOffset may not
   * be 0), and slice() it before transferring or storing its buffer.
   */
  toByteArray(): Uint8Array {
    const symbolTable = this.symbolTable;
    // First, the size: magic (4), then ten u2 fields (minor_version … attributes_count), then the
    // interfaces. Computing sizes also adds the attribute names to the pool, so the pool comes last.
    let size = 24 + 2 * this.interfaceCount;
    let fieldsCount = 0;
    let fieldWriter = this.firstField;
    while (fieldWriter !== null) {
      ++fieldsCount;
      size += fieldWriter.computeFieldInfoSize();
      fieldWriter = fieldWriter.fv as FieldWriter | null;
    }
    let methodsCount = 0;
    let methodWriter = this.firstMethod;
    while (methodWriter !== null) {
      ++methodsCount;
      size += methodWriter.computeMethodInfoSize();
      methodWriter = methodWriter.mv as MethodWriter | null;
    }

    const attributeOrder = this.computeAttributeOrder();
    const attributesCount = attributeOrder.length;
    let recordComponentCount = 0;
    let recordSize = 0;
    for (let i = 0; i < attributesCount; ++i) {
      const item = attributeOrder[i]!;
      if (typeof item !== 'number') {
        symbolTable.addConstantUtf8(item.type);
        size += 6 + Attribute.write(item, this, null, 0, -1, -1).length;
        continue;
      }
      switch (item) {
        case INNER_CLASSES:
          size += 8 + this.innerClasses!.length;
          this.attributeNameIndex(INNER_CLASSES, WrittenAttribute.INNER_CLASSES);
          break;
        case ENCLOSING_METHOD:
          size += 10;
          this.attributeNameIndex(ENCLOSING_METHOD, WrittenAttribute.ENCLOSING_METHOD);
          break;
        case SYNTHETIC:
          size += 6;
          this.attributeNameIndex(SYNTHETIC, WrittenAttribute.SYNTHETIC);
          break;
        case SIGNATURE:
          size += 8;
          this.attributeNameIndex(SIGNATURE, WrittenAttribute.SIGNATURE);
          break;
        case SOURCE_FILE:
          size += 8;
          this.attributeNameIndex(SOURCE_FILE, WrittenAttribute.SOURCE_FILE);
          break;
        case SOURCE_DEBUG_EXTENSION:
          size += 6 + this.debugExtension!.length;
          this.attributeNameIndex(SOURCE_DEBUG_EXTENSION, WrittenAttribute.SOURCE_DEBUG_EXTENSION);
          break;
        case DEPRECATED:
          size += 6;
          this.attributeNameIndex(DEPRECATED, WrittenAttribute.DEPRECATED);
          break;
        case RUNTIME_VISIBLE_ANNOTATIONS:
          size += this.lastRuntimeVisibleAnnotation!.computeAnnotationsSize(Constants.RUNTIME_VISIBLE_ANNOTATIONS);
          break;
        case RUNTIME_INVISIBLE_ANNOTATIONS:
          size += this.lastRuntimeInvisibleAnnotation!.computeAnnotationsSize(Constants.RUNTIME_INVISIBLE_ANNOTATIONS);
          break;
        case RUNTIME_VISIBLE_TYPE_ANNOTATIONS:
          size += this.lastRuntimeVisibleTypeAnnotation!.computeAnnotationsSize(
            Constants.RUNTIME_VISIBLE_TYPE_ANNOTATIONS,
          );
          break;
        case RUNTIME_INVISIBLE_TYPE_ANNOTATIONS:
          size += this.lastRuntimeInvisibleTypeAnnotation!.computeAnnotationsSize(
            Constants.RUNTIME_INVISIBLE_TYPE_ANNOTATIONS,
          );
          break;
        case BOOTSTRAP_METHODS:
          size += symbolTable.computeBootstrapMethodsSize(this.sourceAttributeNameIndex(BOOTSTRAP_METHODS));
          break;
        case MODULE:
          size += this.moduleWriter!.computeModuleAttributeSize();
          break;
        case MODULE_PACKAGES:
          size += this.moduleWriter!.computeModulePackagesAttributeSize();
          break;
        case MODULE_MAIN_CLASS:
          size += this.moduleWriter!.computeModuleMainClassAttributeSize();
          break;
        case NEST_HOST:
          size += 8;
          this.attributeNameIndex(NEST_HOST, WrittenAttribute.NEST_HOST);
          break;
        case NEST_MEMBERS:
          size += 8 + this.nestMemberClasses!.length;
          this.attributeNameIndex(NEST_MEMBERS, WrittenAttribute.NEST_MEMBERS);
          break;
        case PERMITTED_SUBCLASSES:
          size += 8 + this.permittedSubclasses!.length;
          this.attributeNameIndex(PERMITTED_SUBCLASSES, WrittenAttribute.PERMITTED_SUBCLASSES);
          break;
        case RECORD: {
          let recordComponentWriter = this.firstRecordComponent;
          while (recordComponentWriter !== null) {
            ++recordComponentCount;
            recordSize += recordComponentWriter.computeRecordComponentInfoSize();
            recordComponentWriter = recordComponentWriter.delegate as RecordComponentWriter | null;
          }
          size += 8 + recordSize;
          this.attributeNameIndex(RECORD, WrittenAttribute.RECORD);
          break;
        }
      }
    }
    // Last: the previous steps may have added constants.
    size += symbolTable.getConstantPoolLength();
    const constantPoolCount = symbolTable.getConstantPoolCount();
    if (constantPoolCount > 0xffff) {
      throw new ClassTooLargeException(symbolTable.getClassName(), constantPoolCount);
    }

    // Then the content, in a vector of the exact size (on an output slab when small: zeroed-slab.ts).
    const result = ByteVector.writingInto(outputUint8Array(size));
    result.putInt(0xcafebabe).putInt(this.version);
    symbolTable.putConstantPool(result);
    result.putShort(this.outputAccessFlags()).putShort(this.thisClass).putShort(this.superClass);
    result.putShort(this.interfaceCount);
    for (let i = 0; i < this.interfaceCount; ++i) {
      result.putShort(this.interfaces![i]!);
    }
    result.putShort(fieldsCount);
    fieldWriter = this.firstField;
    while (fieldWriter !== null) {
      fieldWriter.putFieldInfo(result);
      fieldWriter = fieldWriter.fv as FieldWriter | null;
    }
    result.putShort(methodsCount);
    let hasFrames = false;
    let hasAsmInstructions = false;
    methodWriter = this.firstMethod;
    while (methodWriter !== null) {
      hasFrames ||= methodWriter.hasFrames();
      hasAsmInstructions ||= methodWriter.hasAsmInstructions();
      methodWriter.putMethodInfo(result);
      methodWriter = methodWriter.mv as MethodWriter | null;
    }
    result.putShort(attributesCount);
    for (let i = 0; i < attributesCount; ++i) {
      const item = attributeOrder[i]!;
      if (typeof item !== 'number') {
        item.putAttribute(symbolTable, this, null, 0, -1, -1, result);
      } else {
        this.putClassAttribute(item, recordSize, recordComponentCount, result);
      }
    }

    // The size was exact, so `result.data` is the class file (trimmed in case an Attribute
    // subclass wrote less than it announced).
    const classFile = result.length === result.data.length ? result.data : result.data.slice(0, result.length);
    // Finally, replace the ASM-specific long-jump instructions, if any.
    if (hasAsmInstructions) {
      return this.replaceAsmInstructions(classFile, hasFrames);
    }
    return classFile;
  }

  /**
   * The class attributes to write, in order: as in the source class when this writer copies the
   * class a ClassReader read (attributes the source did not have come after), else in ASM's order.
   * Numbers are the attribute kinds above; Attribute objects are non-standard attributes.
   */
  private computeAttributeOrder(): (number | Attribute)[] {
    let presentKinds = 0;
    if (this.innerClasses !== null) presentKinds |= 1 << INNER_CLASSES;
    if (this.enclosingClassIndex !== 0) presentKinds |= 1 << ENCLOSING_METHOD;
    const isSynthetic = (this.accessFlags & Opcodes.ACC_SYNTHETIC) !== 0;
    if (isSynthetic && (this.version & 0xffff) < Opcodes.V1_5) presentKinds |= 1 << SYNTHETIC;
    if (this.signatureIndex !== 0) presentKinds |= 1 << SIGNATURE;
    if (this.sourceFileIndex !== 0) presentKinds |= 1 << SOURCE_FILE;
    if (this.debugExtension !== null) presentKinds |= 1 << SOURCE_DEBUG_EXTENSION;
    if ((this.accessFlags & Opcodes.ACC_DEPRECATED) !== 0) presentKinds |= 1 << DEPRECATED;
    if (this.lastRuntimeVisibleAnnotation !== null) presentKinds |= 1 << RUNTIME_VISIBLE_ANNOTATIONS;
    if (this.lastRuntimeInvisibleAnnotation !== null) presentKinds |= 1 << RUNTIME_INVISIBLE_ANNOTATIONS;
    if (this.lastRuntimeVisibleTypeAnnotation !== null) presentKinds |= 1 << RUNTIME_VISIBLE_TYPE_ANNOTATIONS;
    if (this.lastRuntimeInvisibleTypeAnnotation !== null) presentKinds |= 1 << RUNTIME_INVISIBLE_TYPE_ANNOTATIONS;
    if (this.symbolTable.hasBootstrapMethods()) presentKinds |= 1 << BOOTSTRAP_METHODS;
    if (this.moduleWriter !== null) {
      presentKinds |= 1 << MODULE;
      if (this.moduleWriter.packageCount > 0) presentKinds |= 1 << MODULE_PACKAGES;
      if (this.moduleWriter.mainClassIndex > 0) presentKinds |= 1 << MODULE_MAIN_CLASS;
    }
    if (this.nestHostClassIndex !== 0) presentKinds |= 1 << NEST_HOST;
    if (this.nestMemberClasses !== null) presentKinds |= 1 << NEST_MEMBERS;
    if (this.permittedSubclasses !== null) presentKinds |= 1 << PERMITTED_SUBCLASSES;
    if ((this.accessFlags & Opcodes.ACC_RECORD) !== 0 || this.firstRecordComponent !== null) {
      presentKinds |= 1 << RECORD;
    }

    const order: (number | Attribute)[] = [];
    let emittedKinds = 0;
    this.sourceAccessFlags = -1;
    let unknownAttributes: Attribute[] | null = null;
    const sourceAttributesOffset = this.getSourceClassAttributesOffset();
    if (sourceAttributesOffset !== -1) {
      const source = this.symbolTable.getSource()!;
      const bytes = source.classFileBuffer;
      // Non-standard attributes in visit order, to pair them with the source's in order.
      unknownAttributes = [];
      let attribute = this.firstAttribute;
      while (attribute !== null) {
        unknownAttributes.push(attribute);
        attribute = attribute.nextAttribute;
      }
      unknownAttributes.reverse();
      let currentOffset = sourceAttributesOffset;
      for (let i = readU2(bytes, currentOffset - 2); i > 0; --i) {
        const name = this.symbolTable.readSourceUtf8(readU2(bytes, currentOffset));
        currentOffset += 6 + readS4(bytes, currentOffset + 2);
        const kind = ATTRIBUTE_KINDS.get(name);
        if (kind !== undefined) {
          const kindBit = 1 << kind;
          // A Synthetic attribute of the source is kept whatever the class version.
          if (kind === SYNTHETIC && isSynthetic) {
            presentKinds |= kindBit;
            this.sourceAccessFlags = readU2(bytes, source.header);
          }
          // An empty ModulePackages attribute (JVMS §4.7.26, package_count 0) of the source is
          // kept too: the module visitor received no package, but the attribute was there.
          if (kind === MODULE_PACKAGES && this.moduleWriter !== null) {
            presentKinds |= kindBit;
          }
          if ((presentKinds & kindBit) !== 0 && (emittedKinds & kindBit) === 0) {
            order.push(kind);
            emittedKinds |= kindBit;
            continue;
          }
        }
        for (let j = 0; j < unknownAttributes.length; ++j) {
          const unknownAttribute = unknownAttributes[j];
          if (unknownAttribute !== undefined && unknownAttribute.type === name) {
            order.push(unknownAttribute);
            delete unknownAttributes[j];
            break;
          }
        }
      }
    }
    for (let kind = 0; kind < ATTRIBUTE_KIND_COUNT; ++kind) {
      const kindBit = 1 << kind;
      if ((presentKinds & kindBit) !== 0 && (emittedKinds & kindBit) === 0) {
        order.push(kind);
      }
    }
    let attribute = this.firstAttribute;
    while (attribute !== null) {
      if (unknownAttributes === null || unknownAttributes.includes(attribute)) {
        order.push(attribute);
      }
      attribute = attribute.nextAttribute;
    }
    return order;
  }

  // ## Source class cursors (for hinted lookups).

  /**
   * Locates the parts of the source class that the next visits most likely copy: the fields, the
   * class attributes (by kind) and the entries of the list attributes.
   */
  private locateSourceParts(source: ClassReader): void {
    const bytes = source.classFileBuffer;
    const symbolTable = this.symbolTable;
    // JVMS §4.1: fields_count after interfaces; methods are located when first needed.
    const fieldsCountOffset = source.header + 8 + 2 * readU2(bytes, source.header + 6);
    this.sourceFieldsLeft = readU2(bytes, fieldsCountOffset);
    this.sourceFieldOffset = fieldsCountOffset + 2;
    this.sourceMethodsLeft = -1;
    const nameIndexes = new Array<number>(ATTRIBUTE_KIND_COUNT).fill(0);
    const offsets = new Array<number>(ATTRIBUTE_KIND_COUNT).fill(0);
    const itemCount = source.getItemCount();
    let currentOffset = symbolTable.getSourceFirstAttributeOffset();
    for (let i = readU2(bytes, currentOffset - 2); i > 0 && currentOffset + 6 <= bytes.length; --i) {
      const nameIndex = readU2(bytes, currentOffset);
      const attributeLength = readS4(bytes, currentOffset + 2);
      if (attributeLength < 0 || nameIndex === 0 || nameIndex >= itemCount) {
        break;
      }
      // Only well-formed names (JVMS §4.7: a CONSTANT_Utf8): the reader reports malformed ones.
      const kind =
        bytes[source.cpInfoOffsets[nameIndex]! - 1] === CONSTANT_UTF8_TAG
          ? ATTRIBUTE_KINDS.get(symbolTable.readSourceUtf8(nameIndex))
          : undefined;
      if (kind !== undefined && nameIndexes[kind] === 0) {
        nameIndexes[kind] = nameIndex;
        offsets[kind] = currentOffset + 6;
      }
      currentOffset += 6 + attributeLength;
    }
    this.sourceAttributeNameIndexes = nameIndexes;
    this.sourceAttributeOffsets = offsets;
    // Entries of InnerClasses (8 bytes), NestMembers and PermittedSubclasses (2 bytes).
    let offset = offsets[INNER_CLASSES]!;
    if (offset !== 0) {
      this.sourceInnerClassOffset = offset + 2;
      this.sourceInnerClassesEnd = offset + 2 + 8 * readU2(bytes, offset);
    }
    offset = offsets[NEST_MEMBERS]!;
    if (offset !== 0) {
      this.sourceNestMemberOffset = offset + 2;
      this.sourceNestMembersEnd = offset + 2 + 2 * readU2(bytes, offset);
    }
    offset = offsets[PERMITTED_SUBCLASSES]!;
    if (offset !== 0) {
      this.sourcePermittedSubclassOffset = offset + 2;
      this.sourcePermittedSubclassesEnd = offset + 2 + 2 * readU2(bytes, offset);
    }
  }

  /**
   * The hint for the index at the start of the class attribute of `kind`: the source's (copy path)
   * or, when the reader visiting is the dictionary, the one at readerHints.classEntryOffset.
   */
  private classEntryHint(kind: number): number {
    return this.sourceAttributeOffsets !== null ? this.sourceAttributeIndex(kind) : this.dictionaryIndexAt(readerHints.classEntryOffset);
  }

  /**
   * The u2 at `offset` (a pool index, a hint) in the class file of the reader visiting now, if it
   * is the dictionary of this writer's symbol table (see SymbolTable.dictionaryHintReader), else 0.
   */
  private dictionaryIndexAt(offset: number): number {
    const classReader = this.symbolTable.dictionaryHintReader();
    if (classReader === null || offset <= 0) {
      return 0;
    }
    const bytes = classReader.classFileBuffer;
    return offset + 1 < bytes.length ? readU2(bytes, offset) : 0;
  }

  /** The u2 at the start of the source class attribute of `kind` (a pool index), or 0. */
  private sourceAttributeIndex(kind: number): number {
    const offsets = this.sourceAttributeOffsets;
    if (offsets === null || offsets[kind] === 0) {
      return 0;
    }
    return readU2(this.symbolTable.getSource()!.classFileBuffer, offsets[kind]!);
  }

  /** The name_index of the first source class attribute of `kind`, or 0. */
  private sourceAttributeNameIndex(kind: number): number {
    return this.sourceAttributeNameIndexes === null ? 0 : this.sourceAttributeNameIndexes[kind]!;
  }

  /** The pool index of the name of the class attribute of `kind`, whose name is `name`. */
  private attributeNameIndex(kind: number, writtenAttribute: WrittenAttribute): number {
    const nameIndexes = this.sourceAttributeNameIndexes;
    if (nameIndexes !== null && nameIndexes[kind] !== 0) {
      // The source's Utf8 constant for this name (found by its content).
      return nameIndexes[kind]!;
    }
    return this.symbolTable.addAttributeNameOfKind(writtenAttribute);
  }

  /** Locates the source methods, after the source fields (JVMS §4.1). */
  private locateSourceMethods(): void {
    this.sourceMethodsLeft = 0;
    const source = this.symbolTable.getSource();
    if (source === null) {
      return;
    }
    const bytes = source.classFileBuffer;
    const fieldsCountOffset = source.header + 8 + 2 * readU2(bytes, source.header + 6);
    let currentOffset = fieldsCountOffset + 2;
    for (let i = readU2(bytes, fieldsCountOffset); i > 0 && currentOffset !== 0; --i) {
      currentOffset = this.skipSourceMember(currentOffset);
    }
    if (currentOffset !== 0 && currentOffset + 2 <= bytes.length) {
      this.sourceMethodsLeft = readU2(bytes, currentOffset);
      this.sourceMethodOffset = currentOffset + 2;
    }
  }

  /** The end of the source field_info or method_info at `offset` (JVMS §4.5, §4.6), or 0 if it overflows. */
  private skipSourceMember(offset: number): number {
    const bytes = this.symbolTable.getSource()!.classFileBuffer;
    const length = bytes.length;
    if (offset + 8 > length) {
      return 0;
    }
    let currentOffset = offset + 8;
    for (let i = readU2(bytes, offset + 6); i > 0; --i) {
      const attributeLength = readS4(bytes, currentOffset + 2);
      if (attributeLength < 0) {
        return 0;
      }
      currentOffset += 6 + attributeLength;
      if (currentOffset > length) {
        return 0;
      }
    }
    return currentOffset;
  }

  /**
   * The offset of the first class attribute of the source class file if this writer writes the
   * class its ClassReader read (same this_class), else -1.
   */
  private getSourceClassAttributesOffset(): number {
    const source = this.symbolTable.getSource();
    if (source === null) {
      return -1;
    }
    const bytes = source.classFileBuffer;
    const sourceThisClass = readU2(bytes, source.header + 2);
    if (sourceThisClass !== this.thisClass) {
      return -1;
    }
    return this.symbolTable.getSourceFirstAttributeOffset();
  }

  /** access_flags as written: ASM-only flags dropped, ACC_SYNTHETIC as the source had it. */
  private outputAccessFlags(): number {
    let accessFlags = this.accessFlags;
    if ((this.version & 0xffff) < Opcodes.V1_5) {
      // JVMS §4.7.8: before Java 5, the Synthetic attribute alone marks synthetic classes.
      accessFlags &= ~Opcodes.ACC_SYNTHETIC;
    }
    if (this.sourceAccessFlags !== -1) {
      // The source's Synthetic attribute is copied, and the reader turned it into ACC_SYNTHETIC:
      // write the flag as the source had it.
      accessFlags = (accessFlags & ~Opcodes.ACC_SYNTHETIC) | (this.sourceAccessFlags & Opcodes.ACC_SYNTHETIC);
    }
    return accessFlags & 0xffff;
  }

  /** Puts the class attribute of the given kind (JVMS §4.7), header included. */
  private putClassAttribute(kind: number, recordSize: number, recordComponentCount: number, result: ByteVector): void {
    const symbolTable = this.symbolTable;
    switch (kind) {
      case INNER_CLASSES: {
        const innerClasses = this.innerClasses!;
        result
          .putShort(this.attributeNameIndex(INNER_CLASSES, WrittenAttribute.INNER_CLASSES))
          .putInt(innerClasses.length + 2)
          .putShort(this.numberOfInnerClasses)
          .putByteArray(innerClasses.data, 0, innerClasses.length);
        break;
      }
      case ENCLOSING_METHOD:
        result
          .putShort(this.attributeNameIndex(ENCLOSING_METHOD, WrittenAttribute.ENCLOSING_METHOD))
          .putInt(4)
          .putShort(this.enclosingClassIndex)
          .putShort(this.enclosingMethodIndex);
        break;
      case SYNTHETIC:
        result.putShort(this.attributeNameIndex(SYNTHETIC, WrittenAttribute.SYNTHETIC)).putInt(0);
        break;
      case SIGNATURE:
        result.putShort(this.attributeNameIndex(SIGNATURE, WrittenAttribute.SIGNATURE)).putInt(2).putShort(this.signatureIndex);
        break;
      case SOURCE_FILE:
        result.putShort(this.attributeNameIndex(SOURCE_FILE, WrittenAttribute.SOURCE_FILE)).putInt(2).putShort(this.sourceFileIndex);
        break;
      case SOURCE_DEBUG_EXTENSION: {
        const length = this.debugExtension!.length;
        result
          .putShort(this.attributeNameIndex(SOURCE_DEBUG_EXTENSION, WrittenAttribute.SOURCE_DEBUG_EXTENSION))
          .putInt(length)
          .putByteArray(this.debugExtension!.data, 0, length);
        break;
      }
      case DEPRECATED:
        result.putShort(this.attributeNameIndex(DEPRECATED, WrittenAttribute.DEPRECATED)).putInt(0);
        break;
      case RUNTIME_VISIBLE_ANNOTATIONS:
        this.lastRuntimeVisibleAnnotation!.putAnnotations(
          symbolTable.addAttributeNameOfKind(WrittenAttribute.RUNTIME_VISIBLE_ANNOTATIONS),
          result,
        );
        break;
      case RUNTIME_INVISIBLE_ANNOTATIONS:
        this.lastRuntimeInvisibleAnnotation!.putAnnotations(
          symbolTable.addAttributeNameOfKind(WrittenAttribute.RUNTIME_INVISIBLE_ANNOTATIONS),
          result,
        );
        break;
      case RUNTIME_VISIBLE_TYPE_ANNOTATIONS:
        this.lastRuntimeVisibleTypeAnnotation!.putAnnotations(
          symbolTable.addAttributeNameOfKind(WrittenAttribute.RUNTIME_VISIBLE_TYPE_ANNOTATIONS),
          result,
        );
        break;
      case RUNTIME_INVISIBLE_TYPE_ANNOTATIONS:
        this.lastRuntimeInvisibleTypeAnnotation!.putAnnotations(
          symbolTable.addAttributeNameOfKind(WrittenAttribute.RUNTIME_INVISIBLE_TYPE_ANNOTATIONS),
          result,
        );
        break;
      case BOOTSTRAP_METHODS:
        symbolTable.putBootstrapMethods(result, this.sourceAttributeNameIndex(BOOTSTRAP_METHODS));
        break;
      case MODULE:
        this.moduleWriter!.putModuleAttribute(result);
        break;
      case MODULE_PACKAGES:
        this.moduleWriter!.putModulePackagesAttribute(result);
        break;
      case MODULE_MAIN_CLASS:
        this.moduleWriter!.putModuleMainClassAttribute(result);
        break;
      case NEST_HOST:
        result.putShort(this.attributeNameIndex(NEST_HOST, WrittenAttribute.NEST_HOST)).putInt(2).putShort(this.nestHostClassIndex);
        break;
      case NEST_MEMBERS: {
        const nestMemberClasses = this.nestMemberClasses!;
        result
          .putShort(this.attributeNameIndex(NEST_MEMBERS, WrittenAttribute.NEST_MEMBERS))
          .putInt(nestMemberClasses.length + 2)
          .putShort(this.numberOfNestMemberClasses)
          .putByteArray(nestMemberClasses.data, 0, nestMemberClasses.length);
        break;
      }
      case PERMITTED_SUBCLASSES: {
        const permittedSubclasses = this.permittedSubclasses!;
        result
          .putShort(this.attributeNameIndex(PERMITTED_SUBCLASSES, WrittenAttribute.PERMITTED_SUBCLASSES))
          .putInt(permittedSubclasses.length + 2)
          .putShort(this.numberOfPermittedSubclasses)
          .putByteArray(permittedSubclasses.data, 0, permittedSubclasses.length);
        break;
      }
      case RECORD: {
        result
          .putShort(this.attributeNameIndex(RECORD, WrittenAttribute.RECORD))
          .putInt(recordSize + 2)
          .putShort(recordComponentCount);
        let recordComponentWriter = this.firstRecordComponent;
        while (recordComponentWriter !== null) {
          recordComponentWriter.putRecordComponentInfo(result);
          recordComponentWriter = recordComponentWriter.delegate as RecordComponentWriter | null;
        }
        break;
      }
    }
  }

  /**
   * Returns `classFile` with the ASM-specific long-jump opcodes replaced by standard sequences,
   * by reading it back with ClassReader.EXPAND_ASM_INSNS into this (reset) writer.
   */
  private replaceAsmInstructions(classFile: Uint8Array, hasFrames: boolean): Uint8Array {
    const attributes = this.getAttributePrototypes();
    this.firstField = null;
    this.lastField = null;
    this.firstMethod = null;
    this.lastMethod = null;
    this.lastRuntimeVisibleAnnotation = null;
    this.lastRuntimeInvisibleAnnotation = null;
    this.lastRuntimeVisibleTypeAnnotation = null;
    this.lastRuntimeInvisibleTypeAnnotation = null;
    this.moduleWriter = null;
    this.nestHostClassIndex = 0;
    this.numberOfNestMemberClasses = 0;
    this.nestMemberClasses = null;
    this.numberOfPermittedSubclasses = 0;
    this.permittedSubclasses = null;
    this.firstRecordComponent = null;
    this.lastRecordComponent = null;
    this.firstAttribute = null;
    this.compute = hasFrames ? MethodWriter.COMPUTE_INSERTED_FRAMES : MethodWriter.COMPUTE_NOTHING;
    new ClassReader(classFile, 0, false).accept(
      this,
      attributes,
      (hasFrames ? ClassReader.EXPAND_FRAMES : 0) | ClassReader.EXPAND_ASM_INSNS,
    );
    return this.toByteArray();
  }

  /** The prototypes of the non-standard attributes of this class, its fields, methods and record components. */
  private getAttributePrototypes(): Attribute[] {
    const attributePrototypes = new AttributeSet();
    attributePrototypes.addAttributes(this.firstAttribute);
    let fieldWriter = this.firstField;
    while (fieldWriter !== null) {
      fieldWriter.collectAttributePrototypes(attributePrototypes);
      fieldWriter = fieldWriter.fv as FieldWriter | null;
    }
    let methodWriter = this.firstMethod;
    while (methodWriter !== null) {
      methodWriter.collectAttributePrototypes(attributePrototypes);
      methodWriter = methodWriter.mv as MethodWriter | null;
    }
    let recordComponentWriter = this.firstRecordComponent;
    while (recordComponentWriter !== null) {
      recordComponentWriter.collectAttributePrototypes(attributePrototypes);
      recordComponentWriter = recordComponentWriter.delegate as RecordComponentWriter | null;
    }
    return attributePrototypes.toArray();
  }

  // ## Constant pool access for Attribute subclasses.

  /** Adds a constant (number, bigint, Float, Double, string, Type, Handle…); returns its index. */
  newConst(value: unknown): number {
    return this.symbolTable.addConstant(value).index;
  }

  /** Adds a CONSTANT_Utf8; returns its index. */
  newUTF8(value: string): number {
    return this.symbolTable.addConstantUtf8(value);
  }

  /** Adds a CONSTANT_Class for an internal name; returns its index. */
  newClass(value: string): number {
    return this.symbolTable.addConstantClass(value).index;
  }

  /** Adds a CONSTANT_MethodType; returns its index. */
  newMethodType(methodDescriptor: string): number {
    return this.symbolTable.addConstantMethodType(methodDescriptor).index;
  }

  /** Adds a CONSTANT_Module; returns its index. */
  newModule(moduleName: string): number {
    return this.symbolTable.addConstantModule(moduleName).index;
  }

  /** Adds a CONSTANT_Package; returns its index. */
  newPackage(packageName: string): number {
    return this.symbolTable.addConstantPackage(packageName).index;
  }

  /**
   * Adds a CONSTANT_MethodHandle; returns its index. Without `isInterface` (ASM's deprecated
   * overload), the owner is taken to be an interface for H_INVOKEINTERFACE only.
   */
  newHandle(tag: number, owner: string, name: string, descriptor: string, isInterface?: boolean): number {
    return this.symbolTable.addConstantMethodHandle(
      tag,
      owner,
      name,
      descriptor,
      isInterface ?? tag === Opcodes.H_INVOKEINTERFACE,
    ).index;
  }

  /** Adds a CONSTANT_Dynamic and its bootstrap method (arguments one by one or as one array); returns its index. */
  newConstantDynamic(
    name: string,
    descriptor: string,
    bootstrapMethodHandle: Handle,
    ...bootstrapMethodArguments: (ConstantValue | readonly unknown[])[]
  ): number {
    const args =
      bootstrapMethodArguments.length === 1 && Array.isArray(bootstrapMethodArguments[0])
        ? bootstrapMethodArguments[0]
        : bootstrapMethodArguments;
    return this.symbolTable.addConstantDynamic(name, descriptor, bootstrapMethodHandle, args).index;
  }

  /** Adds a CONSTANT_InvokeDynamic and its bootstrap method (arguments one by one or as one array); returns its index. */
  newInvokeDynamic(
    name: string,
    descriptor: string,
    bootstrapMethodHandle: Handle,
    ...bootstrapMethodArguments: (ConstantValue | readonly unknown[])[]
  ): number {
    const args =
      bootstrapMethodArguments.length === 1 && Array.isArray(bootstrapMethodArguments[0])
        ? bootstrapMethodArguments[0]
        : bootstrapMethodArguments;
    return this.symbolTable.addConstantInvokeDynamic(name, descriptor, bootstrapMethodHandle, args).index;
  }

  /** Adds a CONSTANT_Fieldref; returns its index. */
  newField(owner: string, name: string, descriptor: string): number {
    return this.symbolTable.addConstantFieldref(owner, name, descriptor).index;
  }

  /** Adds a CONSTANT_Methodref or CONSTANT_InterfaceMethodref; returns its index. */
  newMethod(owner: string, name: string, descriptor: string, isInterface: boolean): number {
    return this.symbolTable.addConstantMethodref(owner, name, descriptor, isInterface).index;
  }

  /** Adds a CONSTANT_NameAndType; returns its index. */
  newNameType(name: string, descriptor: string): number {
    return this.symbolTable.addConstantNameAndType(name, descriptor);
  }

  /**
   * Changes what is computed for the methods visited from now on (COMPUTE_MAXS, COMPUTE_FRAMES
   * or 0); the visitors already returned keep their mode.
   */
  setFlags(flags: number): void {
    if ((flags & ClassWriter.COMPUTE_FRAMES) !== 0) {
      this.compute = MethodWriter.COMPUTE_ALL_FRAMES;
    } else if ((flags & ClassWriter.COMPUTE_MAXS) !== 0) {
      this.compute = MethodWriter.COMPUTE_MAX_STACK_AND_LOCAL;
    } else {
      this.compute = MethodWriter.COMPUTE_NOTHING;
    }
  }

  // ## Common super classes, for the frame computation.

  /**
   * Returns the internal name of the common super class of two classes (internal names), as
   * ASM's default does with loaded classes, but from the `classPath` given in the options.
   * Override it to answer otherwise (for instance about classes being generated).
   */
  getCommonSuperClass(type1: string, type2: string): string {
    const hierarchy = this.classPath;
    if (hierarchy === null) {
      throw new Error(
        `Cannot compute the common super class of ${type1} and ${type2} (needed for COMPUTE_FRAMES): ` +
          'no class hierarchy is available. Pass { classPath } in the ClassWriter options, or override ' +
          'ClassWriter.getCommonSuperClass.',
      );
    }
    try {
      if (hierarchy.answersAreFixed !== true) return commonSuperClass(hierarchy, type1, type2);
      // Each class writer asks again what the previous ones asked (a pass over java.base: 1,500
      // questions, 900 distinct, each a few walks of the hierarchy).
      let answers = fixedAnswers.get(hierarchy);
      if (answers === undefined) fixedAnswers.set(hierarchy, (answers = new Map()));
      let answersForType1 = answers.get(type1);
      if (answersForType1 === undefined) answers.set(type1, (answersForType1 = new Map()));
      let answer = answersForType1.get(type2);
      if (answer === undefined) answersForType1.set(type2, (answer = commonSuperClass(hierarchy, type1, type2)));
      return answer;
    } catch (error) {
      if (!(error instanceof UnknownClassError) || !this.unknownClassesAsObject) {
        throw error;
      }
      let warned = this.warnedUnknownClasses;
      if (warned === null) {
        warned = this.warnedUnknownClasses = new Set();
      }
      if (!warned.has(error.className)) {
        warned.add(error.className);
        const message =
          `classforge: class ${error.className} is not in the class path (${describeHierarchy(hierarchy)}); ` +
          `treating it as java/lang/Object to merge ${type1} and ${type2}`;
        (this.warn ?? console.warn)(message);
      }
      return 'java/lang/Object';
    }
  }
}

// ## Class hierarchy walks for getCommonSuperClass.

/** The common super classes found in each hierarchy whose answers are fixed, by type1 then type2. */
const fixedAnswers = new WeakMap<ClassHierarchy, Map<string, Map<string, string>>>();

/** A class needed to merge two types is missing from the class hierarchy. */
export class UnknownClassError extends Error {
  /** The internal name of the missing class. */
  readonly className: string;

  constructor(className: string, message: string) {
    super(message);
    this.name = 'UnknownClassError';
    this.className = className;
  }
}

function describeHierarchy(hierarchy: ClassHierarchy): string {
  return hierarchy.describe !== undefined ? hierarchy.describe() : 'the classPath option';
}

/** The common super class of type1 and type2 (ASM's algorithm, over a class hierarchy). */
function commonSuperClass(hierarchy: ClassHierarchy, type1: string, type2: string): string {
  if (isAssignableFrom(hierarchy, type1, type2, type1, type2)) {
    return type1;
  }
  if (isAssignableFrom(hierarchy, type2, type1, type1, type2)) {
    return type2;
  }
  if (isInterface(hierarchy, type1, type1, type2) || isInterface(hierarchy, type2, type1, type2)) {
    return 'java/lang/Object';
  }
  let currentType: string = type1;
  do {
    currentType = superNameOf(hierarchy, currentType, type1, type2) ?? 'java/lang/Object';
  } while (!isAssignableFrom(hierarchy, currentType, type2, type1, type2));
  return currentType;
}

function unknownClass(hierarchy: ClassHierarchy, internalName: string, type1: string, type2: string): Error {
  const searched = describeHierarchy(hierarchy);
  return new UnknownClassError(
    internalName,
    `Class ${internalName} is not in the class path (searched: ${searched}), so the common super class of ` +
      `${type1} and ${type2} cannot be computed. Add it to the class path, pass unknownClassesAsObject, ` +
      'or override getCommonSuperClass.',
  );
}

function isInterface(hierarchy: ClassHierarchy, internalName: string, type1: string, type2: string): boolean {
  const result = hierarchy.isInterface(internalName);
  if (result === undefined) {
    throw unknownClass(hierarchy, internalName, type1, type2);
  }
  return result;
}

function superNameOf(hierarchy: ClassHierarchy, internalName: string, type1: string, type2: string): string | null {
  const result = hierarchy.getSuperName(internalName);
  if (result === undefined) {
    throw unknownClass(hierarchy, internalName, type1, type2);
  }
  return result;
}

/** Whether `subType` is `superType` or a subclass or implementation of it (Class.isAssignableFrom). */
function isAssignableFrom(
  hierarchy: ClassHierarchy,
  superType: string,
  subType: string,
  type1: string,
  type2: string,
): boolean {
  if (superType === subType || superType === 'java/lang/Object') {
    return true;
  }
  if (isInterface(hierarchy, superType, type1, type2)) {
    if (hierarchy.getInterfaces === undefined) {
      return false;
    }
    // Breadth-first over the super classes and super interfaces of subType.
    const visited = new Set<string>();
    const pending: string[] = [subType];
    while (pending.length > 0) {
      const current = pending.pop()!;
      if (current === superType) {
        return true;
      }
      if (visited.has(current)) {
        continue;
      }
      visited.add(current);
      const interfaces = hierarchy.getInterfaces(current);
      if (interfaces === undefined) {
        throw unknownClass(hierarchy, current, type1, type2);
      }
      if (interfaces !== null) {
        for (const itf of interfaces) {
          pending.push(itf);
        }
      }
      const superName = superNameOf(hierarchy, current, type1, type2);
      if (superName !== null) {
        pending.push(superName);
      }
    }
    return false;
  }
  let current: string | null = subType;
  while (current !== null) {
    if (current === superType) {
      return true;
    }
    current = superNameOf(hierarchy, current, type1, type2);
  }
  return false;
}

