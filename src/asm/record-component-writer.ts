import type { AnnotationVisitor } from './annotation-visitor.js';
import { AnnotationWriter } from './annotation-writer.js';
import { Attribute, type AttributeSet } from './attribute.js';
import type { ByteVector } from './byte-vector.js';
import type { ClassReader } from './class-reader.js';
import { Opcodes } from './opcodes.js';
import { RecordComponentVisitor } from './record-component-visitor.js';
import type { SymbolTable } from './symbol-table.js';
import type { TypePath } from './type-path.js';

/**
 * @internal A RecordComponentVisitor that builds a `record_component_info` of the Record
 * attribute (JVMS §4.7.30).
 *
 * Beyond ASM: an unchanged record component of the class whose pool the writer copied has its
 * attributes copied as raw bytes, like ASM's unchanged methods.
 */
export class RecordComponentWriter extends RecordComponentVisitor {
  private readonly symbolTable: SymbolTable;
  private readonly nameIndex: number;
  private readonly descriptorIndex: number;
  /** The Signature attribute's signature_index, or 0. */
  private readonly signatureIndex: number;
  private lastRuntimeVisibleAnnotation: AnnotationWriter | null;
  private lastRuntimeInvisibleAnnotation: AnnotationWriter | null;
  private lastRuntimeVisibleTypeAnnotation: AnnotationWriter | null;
  private lastRuntimeInvisibleTypeAnnotation: AnnotationWriter | null;
  /** Non-standard attributes, in REVERSE visit order (as ASM, which writes them so). */
  private firstAttribute: Attribute | null;
  /** Offset in the source of the raw attributes_count + attributes to copy, or 0. */
  private sourceOffset: number;
  private sourceLength: number;

  constructor(symbolTable: SymbolTable, name: string, descriptor: string, signature: string | null) {
    super(Opcodes.ASM9);
    this.symbolTable = symbolTable;
    this.nameIndex = symbolTable.addConstantUtf8(name);
    this.descriptorIndex = symbolTable.addConstantUtf8(descriptor);
    this.signatureIndex = signature !== null ? symbolTable.addConstantUtf8(signature) : 0;
    this.lastRuntimeVisibleAnnotation = null;
    this.lastRuntimeInvisibleAnnotation = null;
    this.lastRuntimeVisibleTypeAnnotation = null;
    this.lastRuntimeInvisibleTypeAnnotation = null;
    this.firstAttribute = null;
    this.sourceOffset = 0;
    this.sourceLength = 0;
  }

  // ## RecordComponentVisitor implementation.

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

  override visitEnd(): void {
    // Nothing to do.
  }

  // ## Raw copy of unchanged record components.

  /**
   * Whether this record component's attributes can be copied as is from `source`'s: true if this
   * writer's pool is a copy of `source`'s and the visited descriptor and signature are the
   * source component's (same pool indices).
   */
  canCopyRecordComponentAttributes(source: ClassReader, descriptorIndex: number, signatureIndex: number): boolean {
    return (
      source === this.symbolTable.getSource() &&
      descriptorIndex === this.descriptorIndex &&
      signatureIndex === this.signatureIndex
    );
  }

  /**
   * Makes this writer copy the attributes of the source `record_component_info` that starts at
   * `recordComponentInfoOffset` and spans `recordComponentInfoLength` bytes; name_index and
   * descriptor_index are still written from the visited values.
   */
  setRecordComponentAttributesSource(recordComponentInfoOffset: number, recordComponentInfoLength: number): void {
    // JVMS §4.7.30: name_index, descriptor_index, then attributes_count.
    this.sourceOffset = recordComponentInfoOffset + 4;
    this.sourceLength = recordComponentInfoLength - 4;
  }

  // ## Output.

  /** The size of the record_component_info; adds the attribute names to the pool. */
  computeRecordComponentInfoSize(): number {
    if (this.sourceOffset !== 0) {
      return 4 + this.sourceLength;
    }
    // name_index, descriptor_index and attributes_count.
    let size = 6;
    size += Attribute.computeAttributesSize(this.symbolTable, 0, this.signatureIndex);
    size += AnnotationWriter.computeAnnotationsSize(
      this.lastRuntimeVisibleAnnotation,
      this.lastRuntimeInvisibleAnnotation,
      this.lastRuntimeVisibleTypeAnnotation,
      this.lastRuntimeInvisibleTypeAnnotation,
    );
    if (this.firstAttribute !== null) {
      size += this.firstAttribute.computeAttributesSize(this.symbolTable);
    }
    return size;
  }

  /** Puts the record_component_info (JVMS §4.7.30). */
  putRecordComponentInfo(output: ByteVector): void {
    output.putShort(this.nameIndex).putShort(this.descriptorIndex);
    if (this.sourceOffset !== 0) {
      output.putByteArray(this.symbolTable.getSource()!.classFileBuffer, this.sourceOffset, this.sourceLength);
      return;
    }
    // attributes_count; attributes in JVMS §4.7 order.
    let attributesCount = 0;
    if (this.signatureIndex !== 0) {
      ++attributesCount;
    }
    if (this.lastRuntimeVisibleAnnotation !== null) {
      ++attributesCount;
    }
    if (this.lastRuntimeInvisibleAnnotation !== null) {
      ++attributesCount;
    }
    if (this.lastRuntimeVisibleTypeAnnotation !== null) {
      ++attributesCount;
    }
    if (this.lastRuntimeInvisibleTypeAnnotation !== null) {
      ++attributesCount;
    }
    if (this.firstAttribute !== null) {
      attributesCount += this.firstAttribute.getAttributeCount();
    }
    output.putShort(attributesCount);
    Attribute.putAttributes(this.symbolTable, 0, this.signatureIndex, output);
    AnnotationWriter.putAnnotations(
      this.symbolTable,
      this.lastRuntimeVisibleAnnotation,
      this.lastRuntimeInvisibleAnnotation,
      this.lastRuntimeVisibleTypeAnnotation,
      this.lastRuntimeInvisibleTypeAnnotation,
      output,
    );
    if (this.firstAttribute !== null) {
      this.firstAttribute.putAttributes(this.symbolTable, output);
    }
  }

  /** Adds this record component's non-standard attributes to `attributePrototypes`. */
  collectAttributePrototypes(attributePrototypes: AttributeSet): void {
    attributePrototypes.addAttributes(this.firstAttribute);
  }
}
