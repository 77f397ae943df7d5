import type { AnnotationVisitor } from './annotation-visitor.js';
import { AnnotationWriter } from './annotation-writer.js';
import { Attribute, AttributeSet } from './attribute.js';
import { ByteVector } from './byte-vector.js';
import { ClassReader } from './class-reader.js';
import { ClassTooLargeException } from './class-too-large-exception.js';
import { ClassVisitor } from './class-visitor.js';
import { Constants } from './constants.js';
import type { FieldVisitor } from './field-visitor.js';
import { FieldWriter } from './field-writer.js';
import type { Handle } from './handle.js';
import type { ConstantValue } from './java-values.js';
import type { MethodVisitor } from './method-visitor.js';
import { MethodWriter } from './method-writer.js';
import type { ModuleVisitor } from './module-visitor.js';
import { ModuleWriter } from './module-writer.js';
import { Opcodes } from './opcodes.js';
import type { RecordComponentVisitor } from './record-component-visitor.js';
import { RecordComponentWriter } from './record-component-writer.js';
import { SymbolTable } from './symbol-table.js';
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
}

/** Options of `new ClassWriter(flags, options)` and `new ClassWriter(reader, flags, options)`. */
export interface ClassWriterOptions {
  /** The class hierarchy used by the default getCommonSuperClass (COMPUTE_FRAMES). */
  classPath?: ClassHierarchy;
}

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
    this.version = version;
    this.accessFlags = access;
    this.thisClass = this.symbolTable.setMajorVersionAndClassName(version & 0xffff, name);
    if (signature !== null) {
      this.signatureIndex = this.symbolTable.addConstantUtf8(signature);
    }
    this.superClass = superName === null ? 0 : this.symbolTable.addConstantClass(superName).index;
    if (interfaces !== null && interfaces.length > 0) {
      this.interfaceCount = interfaces.length;
      this.interfaces = new Int32Array(this.interfaceCount);
      for (let i = 0; i < this.interfaceCount; ++i) {
        this.interfaces[i] = this.symbolTable.addConstantClass(interfaces[i]!).index;
      }
    }
    if (this.compute === MethodWriter.COMPUTE_MAX_STACK_AND_LOCAL && (version & 0xffff) >= Opcodes.V1_7) {
      this.compute = MethodWriter.COMPUTE_MAX_STACK_AND_LOCAL_FROM_FRAMES;
    }
  }

  override visitSource(file: string | null, debug: string | null): void {
    if (file !== null) {
      this.sourceFileIndex = this.symbolTable.addConstantUtf8(file);
    }
    if (debug !== null) {
      this.debugExtension = new ByteVector().encodeUtf8(debug, 0, 0x7fffffff);
    }
  }

  override visitModule(name: string, access: number, version: string | null): ModuleVisitor {
    return (this.moduleWriter = new ModuleWriter(
      this.symbolTable,
      this.symbolTable.addConstantModule(name).index,
      access,
      version === null ? 0 : this.symbolTable.addConstantUtf8(version),
    ));
  }

  override visitNestHost(nestHost: string): void {
    this.nestHostClassIndex = this.symbolTable.addConstantClass(nestHost).index;
  }

  override visitOuterClass(owner: string, name: string | null, descriptor: string | null): void {
    this.enclosingClassIndex = this.symbolTable.addConstantClass(owner).index;
    if (name !== null && descriptor !== null) {
      this.enclosingMethodIndex = this.symbolTable.addConstantNameAndType(name, descriptor);
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
    this.nestMemberClasses.putShort(this.symbolTable.addConstantClass(nestMember).index);
  }

  override visitPermittedSubclass(permittedSubclass: string): void {
    if (this.permittedSubclasses === null) {
      this.permittedSubclasses = new ByteVector();
    }
    ++this.numberOfPermittedSubclasses;
    this.permittedSubclasses.putShort(this.symbolTable.addConstantClass(permittedSubclass).index);
  }

  override visitInnerClass(name: string, outerName: string | null, innerName: string | null, access: number): void {
    if (this.innerClasses === null) {
      this.innerClasses = new ByteVector();
    }
    // JVMS §4.7.6: one entry per class. The Class symbol's `info` holds the index (plus one) of
    // its entry, which makes the duplicate check O(1).
    const nameSymbol = this.symbolTable.addConstantClass(name);
    if (nameSymbol.info === 0) {
      ++this.numberOfInnerClasses;
      this.innerClasses.putShort(nameSymbol.index);
      this.innerClasses.putShort(outerName === null ? 0 : this.symbolTable.addConstantClass(outerName).index);
      this.innerClasses.putShort(innerName === null ? 0 : this.symbolTable.addConstantUtf8(innerName));
      this.innerClasses.putShort(access);
      nameSymbol.info = this.numberOfInnerClasses;
    }
  }

  override visitRecordComponent(name: string, descriptor: string, signature: string | null): RecordComponentVisitor {
    const recordComponentWriter = new RecordComponentWriter(this.symbolTable, name, descriptor, signature);
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
    signature: string | null,
    value: ConstantValue | null,
  ): FieldVisitor {
    const fieldWriter = new FieldWriter(this.symbolTable, access, name, descriptor, signature, value);
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
    signature: string | null,
    exceptions: string[] | null,
  ): MethodVisitor {
    const methodWriter = new MethodWriter(
      this.symbolTable,
      access,
      name,
      descriptor,
      signature,
      exceptions,
      this.compute,
    );
    if (this.firstMethod === null) {
      this.firstMethod = methodWriter;
    } else {
      this.lastMethod!.mv = methodWriter;
    }
    return (this.lastMethod = methodWriter);
  }

  override visitEnd(): void {
    // Nothing to do.
  }

  // ## Output.

  /**
   * Returns the class file built so far (JVMS §4.1). Throws ClassTooLargeException if the
   * constant pool overflows, MethodTooLargeException if a method's code does.
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
        size += 6 + item.write(this, null, 0, -1, -1).length;
        continue;
      }
      switch (item) {
        case INNER_CLASSES:
          size += 8 + this.innerClasses!.length;
          symbolTable.addConstantUtf8(Constants.INNER_CLASSES);
          break;
        case ENCLOSING_METHOD:
          size += 10;
          symbolTable.addConstantUtf8(Constants.ENCLOSING_METHOD);
          break;
        case SYNTHETIC:
          size += 6;
          symbolTable.addConstantUtf8(Constants.SYNTHETIC);
          break;
        case SIGNATURE:
          size += 8;
          symbolTable.addConstantUtf8(Constants.SIGNATURE);
          break;
        case SOURCE_FILE:
          size += 8;
          symbolTable.addConstantUtf8(Constants.SOURCE_FILE);
          break;
        case SOURCE_DEBUG_EXTENSION:
          size += 6 + this.debugExtension!.length;
          symbolTable.addConstantUtf8(Constants.SOURCE_DEBUG_EXTENSION);
          break;
        case DEPRECATED:
          size += 6;
          symbolTable.addConstantUtf8(Constants.DEPRECATED);
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
          size += symbolTable.computeBootstrapMethodsSize();
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
          symbolTable.addConstantUtf8(Constants.NEST_HOST);
          break;
        case NEST_MEMBERS:
          size += 8 + this.nestMemberClasses!.length;
          symbolTable.addConstantUtf8(Constants.NEST_MEMBERS);
          break;
        case PERMITTED_SUBCLASSES:
          size += 8 + this.permittedSubclasses!.length;
          symbolTable.addConstantUtf8(Constants.PERMITTED_SUBCLASSES);
          break;
        case RECORD: {
          let recordComponentWriter = this.firstRecordComponent;
          while (recordComponentWriter !== null) {
            ++recordComponentCount;
            recordSize += recordComponentWriter.computeRecordComponentInfoSize();
            recordComponentWriter = recordComponentWriter.delegate as RecordComponentWriter | null;
          }
          size += 8 + recordSize;
          symbolTable.addConstantUtf8(Constants.RECORD);
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

    // Then the content, in a vector of the exact size.
    const result = new ByteVector(size);
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
          .putShort(symbolTable.addConstantUtf8(Constants.INNER_CLASSES))
          .putInt(innerClasses.length + 2)
          .putShort(this.numberOfInnerClasses)
          .putByteArray(innerClasses.data, 0, innerClasses.length);
        break;
      }
      case ENCLOSING_METHOD:
        result
          .putShort(symbolTable.addConstantUtf8(Constants.ENCLOSING_METHOD))
          .putInt(4)
          .putShort(this.enclosingClassIndex)
          .putShort(this.enclosingMethodIndex);
        break;
      case SYNTHETIC:
        result.putShort(symbolTable.addConstantUtf8(Constants.SYNTHETIC)).putInt(0);
        break;
      case SIGNATURE:
        result.putShort(symbolTable.addConstantUtf8(Constants.SIGNATURE)).putInt(2).putShort(this.signatureIndex);
        break;
      case SOURCE_FILE:
        result.putShort(symbolTable.addConstantUtf8(Constants.SOURCE_FILE)).putInt(2).putShort(this.sourceFileIndex);
        break;
      case SOURCE_DEBUG_EXTENSION: {
        const length = this.debugExtension!.length;
        result
          .putShort(symbolTable.addConstantUtf8(Constants.SOURCE_DEBUG_EXTENSION))
          .putInt(length)
          .putByteArray(this.debugExtension!.data, 0, length);
        break;
      }
      case DEPRECATED:
        result.putShort(symbolTable.addConstantUtf8(Constants.DEPRECATED)).putInt(0);
        break;
      case RUNTIME_VISIBLE_ANNOTATIONS:
        this.lastRuntimeVisibleAnnotation!.putAnnotations(
          symbolTable.addConstantUtf8(Constants.RUNTIME_VISIBLE_ANNOTATIONS),
          result,
        );
        break;
      case RUNTIME_INVISIBLE_ANNOTATIONS:
        this.lastRuntimeInvisibleAnnotation!.putAnnotations(
          symbolTable.addConstantUtf8(Constants.RUNTIME_INVISIBLE_ANNOTATIONS),
          result,
        );
        break;
      case RUNTIME_VISIBLE_TYPE_ANNOTATIONS:
        this.lastRuntimeVisibleTypeAnnotation!.putAnnotations(
          symbolTable.addConstantUtf8(Constants.RUNTIME_VISIBLE_TYPE_ANNOTATIONS),
          result,
        );
        break;
      case RUNTIME_INVISIBLE_TYPE_ANNOTATIONS:
        this.lastRuntimeInvisibleTypeAnnotation!.putAnnotations(
          symbolTable.addConstantUtf8(Constants.RUNTIME_INVISIBLE_TYPE_ANNOTATIONS),
          result,
        );
        break;
      case BOOTSTRAP_METHODS:
        symbolTable.putBootstrapMethods(result);
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
        result.putShort(symbolTable.addConstantUtf8(Constants.NEST_HOST)).putInt(2).putShort(this.nestHostClassIndex);
        break;
      case NEST_MEMBERS: {
        const nestMemberClasses = this.nestMemberClasses!;
        result
          .putShort(symbolTable.addConstantUtf8(Constants.NEST_MEMBERS))
          .putInt(nestMemberClasses.length + 2)
          .putShort(this.numberOfNestMemberClasses)
          .putByteArray(nestMemberClasses.data, 0, nestMemberClasses.length);
        break;
      }
      case PERMITTED_SUBCLASSES: {
        const permittedSubclasses = this.permittedSubclasses!;
        result
          .putShort(symbolTable.addConstantUtf8(Constants.PERMITTED_SUBCLASSES))
          .putInt(permittedSubclasses.length + 2)
          .putShort(this.numberOfPermittedSubclasses)
          .putByteArray(permittedSubclasses.data, 0, permittedSubclasses.length);
        break;
      }
      case RECORD: {
        result
          .putShort(symbolTable.addConstantUtf8(Constants.RECORD))
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

  /** Adds a CONSTANT_Dynamic and its bootstrap method; returns its index. */
  newConstantDynamic(
    name: string,
    descriptor: string,
    bootstrapMethodHandle: Handle,
    ...bootstrapMethodArguments: ConstantValue[]
  ): number {
    return this.symbolTable.addConstantDynamic(name, descriptor, bootstrapMethodHandle, bootstrapMethodArguments)
      .index;
  }

  /** Adds a CONSTANT_InvokeDynamic and its bootstrap method; returns its index. */
  newInvokeDynamic(
    name: string,
    descriptor: string,
    bootstrapMethodHandle: Handle,
    ...bootstrapMethodArguments: ConstantValue[]
  ): number {
    return this.symbolTable.addConstantInvokeDynamic(name, descriptor, bootstrapMethodHandle, bootstrapMethodArguments)
      .index;
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
}

// ## Class hierarchy walks for getCommonSuperClass.

function unknownClass(internalName: string, type1: string, type2: string): Error {
  return new Error(
    `Class ${internalName} is not in the class path, so the common super class of ${type1} and ${type2} ` +
      'cannot be computed. Add it to the ClassWriter classPath option, or override getCommonSuperClass.',
  );
}

function isInterface(hierarchy: ClassHierarchy, internalName: string, type1: string, type2: string): boolean {
  const result = hierarchy.isInterface(internalName);
  if (result === undefined) {
    throw unknownClass(internalName, type1, type2);
  }
  return result;
}

function superNameOf(hierarchy: ClassHierarchy, internalName: string, type1: string, type2: string): string | null {
  const result = hierarchy.getSuperName(internalName);
  if (result === undefined) {
    throw unknownClass(internalName, type1, type2);
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
        throw unknownClass(current, type1, type2);
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

function readU2(bytes: Uint8Array, offset: number): number {
  return (bytes[offset]! << 8) | bytes[offset + 1]!;
}

function readS4(bytes: Uint8Array, offset: number): number {
  return (bytes[offset]! << 24) | (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!;
}
