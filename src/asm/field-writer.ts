import type { AnnotationVisitor } from './annotation-visitor.js';
import { AnnotationWriter } from './annotation-writer.js';
import { Attribute, type AttributeSet } from './attribute.js';
import type { ByteVector } from './byte-vector.js';
import type { ClassReader } from './class-reader.js';
import { Constants } from './constants.js';
import { WrittenAttribute } from './written-attribute.js';
import { FieldVisitor } from './field-visitor.js';
import { Opcodes } from './opcodes.js';
import { readerHints } from './reader-hints.js';
import { orderAttributesLikeSource, sourceMemberInfoOffset } from './source-attribute-order.js';
import type { SymbolTable } from './symbol-table.js';
import type { TypePath } from './type-path.js';

/**
 * @internal A FieldVisitor that builds a `field_info` structure (JVMS §4.5).
 *
 * Beyond ASM: when a ClassReader hands it a field of the class whose pool the writer copied and
 * nothing was changed on the way, the field's attributes are copied as raw bytes (as ASM does for
 * methods), which keeps their original order and any Synthetic attribute.
 */
export class FieldWriter extends FieldVisitor {
  private readonly symbolTable: SymbolTable;

  // Fields in field_info order, then attributes in JVMS §4.7 order.

  /** access_flags, possibly with ASM's ACC_DEPRECATED (written as an attribute). */
  private readonly accessFlags: number;
  private nameIndex: number;
  private readonly descriptorIndex: number;
  /** The Signature attribute's signature_index, or 0. */
  private signatureIndex: number;
  /** The ConstantValue attribute's constantvalue_index, or 0. */
  private constantValueIndex: number;
  private lastRuntimeVisibleAnnotation: AnnotationWriter | null;
  private lastRuntimeInvisibleAnnotation: AnnotationWriter | null;
  private lastRuntimeVisibleTypeAnnotation: AnnotationWriter | null;
  private lastRuntimeInvisibleTypeAnnotation: AnnotationWriter | null;
  /** Non-standard attributes, in REVERSE visit order (as ASM, which writes them so). */
  private firstAttribute: Attribute | null;

  /**
   * Offset in the source class file of the raw attributes_count + attributes to copy, or 0 when
   * the field is written from its visited content.
   */
  private sourceOffset: number;
  /** Length of the raw part to copy. */
  private sourceLength: number;
  /** Whether the field copied raw has a Synthetic attribute (JVMS §4.7.8). */
  private sourceHasSyntheticAttribute: boolean;
  /**
   * The offset of the source field_info (JVMS §4.5) this field was read from, whose attribute order
   * putFieldInfo follows (see source-attribute-order.ts), or 0.
   */
  private attributeOrderSource: number;
  /** The access_flags of the field copied raw, as in the source. */
  private sourceAccessFlags: number;

  constructor(
    symbolTable: SymbolTable,
    access: number,
    name: string,
    descriptor: string,
    signature: string | null,
    constantValue: unknown,
    sourceFieldInfoOffset = 0,
  ) {
    super(Opcodes.ASM9);
    this.symbolTable = symbolTable;
    this.accessFlags = access;
    const hasConstantValue = constantValue !== null && constantValue !== undefined;
    if (sourceFieldInfoOffset === 0) {
      // The field_info the reader visiting now is at, if any (see readerHints).
      const memberInfoOffset = readerHints.memberInfoOffset;
      this.nameIndex = symbolTable.addConstantUtf8FromReader(name, memberInfoOffset + 2);
      this.descriptorIndex = symbolTable.addConstantUtf8FromReader(descriptor, memberInfoOffset + 4);
      this.signatureIndex = signature !== null ? symbolTable.addConstantUtf8Hinted(signature, readerHints.memberSignatureIndex) : 0;
      this.constantValueIndex = hasConstantValue ? symbolTable.addConstant(constantValue).index : 0;
    } else {
      // The source field_info this field most likely comes from (JVMS §4.5): its indices are
      // checked first (see SymbolTable.addConstantUtf8Hinted), in the same order as above.
      const bytes = symbolTable.getSource()!.classFileBuffer;
      const offset = sourceFieldInfoOffset;
      this.nameIndex = symbolTable.addConstantUtf8Hinted(name, (bytes[offset + 2]! << 8) | bytes[offset + 3]!);
      this.descriptorIndex = symbolTable.addConstantUtf8Hinted(
        descriptor,
        (bytes[offset + 4]! << 8) | bytes[offset + 5]!,
      );
      if (signature !== null) {
        const signatureOffset = symbolTable.findSourceAttribute(offset + 6, Constants.SIGNATURE);
        this.signatureIndex = symbolTable.addConstantUtf8Hinted(
          signature,
          signatureOffset === 0 ? 0 : (bytes[signatureOffset]! << 8) | bytes[signatureOffset + 1]!,
        );
      } else {
        this.signatureIndex = 0;
      }
      if (hasConstantValue) {
        const constantValueOffset = symbolTable.findSourceAttribute(offset + 6, Constants.CONSTANT_VALUE);
        this.constantValueIndex = symbolTable.addConstantHinted(
          constantValue,
          constantValueOffset === 0 ? 0 : (bytes[constantValueOffset]! << 8) | bytes[constantValueOffset + 1]!,
        );
      } else {
        this.constantValueIndex = 0;
      }
    }
    this.attributeOrderSource = sourceMemberInfoOffset(
      sourceFieldInfoOffset === 0 ? null : symbolTable.getSource()!.classFileBuffer,
      sourceFieldInfoOffset,
      this.nameIndex,
      this.descriptorIndex,
    );
    this.lastRuntimeVisibleAnnotation = null;
    this.lastRuntimeInvisibleAnnotation = null;
    this.lastRuntimeVisibleTypeAnnotation = null;
    this.lastRuntimeInvisibleTypeAnnotation = null;
    this.firstAttribute = null;
    this.sourceOffset = 0;
    this.sourceLength = 0;
    this.sourceHasSyntheticAttribute = false;
    this.sourceAccessFlags = 0;
  }

  // ## FieldVisitor implementation.

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

  // ## Raw copy of unchanged fields (the counterpart of MethodWriter.canCopyMethodAttributes).

  /**
   * Whether this field's attributes can be copied as is from `source`'s field: true if this
   * writer's pool is a copy of `source`'s and the visited descriptor, signature and constant
   * value are the source field's (same pool indices), with the same Deprecated and Synthetic
   * status. (A changed name or access is fine: those are written from the visited values.)
   */
  canCopyFieldAttributes(
    source: ClassReader,
    hasSyntheticAttribute: boolean,
    hasDeprecatedAttribute: boolean,
    descriptorIndex: number,
    signatureIndex: number,
    constantValueIndex: number,
  ): boolean {
    if (
      source !== this.symbolTable.getSource() ||
      descriptorIndex !== this.descriptorIndex ||
      signatureIndex !== this.signatureIndex ||
      constantValueIndex !== this.constantValueIndex ||
      hasDeprecatedAttribute !== ((this.accessFlags & Opcodes.ACC_DEPRECATED) !== 0)
    ) {
      return false;
    }
    const isSynthetic = (this.accessFlags & Opcodes.ACC_SYNTHETIC) !== 0;
    this.sourceHasSyntheticAttribute = hasSyntheticAttribute;
    if (hasSyntheticAttribute) {
      // The reader adds ACC_SYNTHETIC for the attribute: if it is gone, the field was changed.
      return isSynthetic;
    }
    // Without the attribute, a pre-Java 5 synthetic field would need one (JVMS §4.7.8).
    return !(isSynthetic && this.symbolTable.getMajorVersion() < Opcodes.V1_5);
  }

  /**
   * Makes this writer copy the attributes of the source `field_info` that starts at
   * `fieldInfoOffset` and spans `fieldInfoLength` bytes; access_flags, name_index and
   * descriptor_index are still written from the visited values.
   */
  setFieldAttributesSource(fieldInfoOffset: number, fieldInfoLength: number): void {
    const source = this.symbolTable.getSource()!;
    const bytes = source.classFileBuffer;
    // JVMS §4.5: access_flags, name_index, descriptor_index, then attributes_count.
    this.sourceOffset = fieldInfoOffset + 6;
    this.sourceLength = fieldInfoLength - 6;
    this.sourceAccessFlags = (bytes[fieldInfoOffset]! << 8) | bytes[fieldInfoOffset + 1]!;
    const sourceNameIndex = (bytes[fieldInfoOffset + 2]! << 8) | bytes[fieldInfoOffset + 3]!;
    // When the pool holds the name twice, keep the index the source used.
    if (sourceNameIndex !== this.nameIndex && this.symbolTable.sourceUtf8Equals(sourceNameIndex, this.nameIndex)) {
      this.nameIndex = sourceNameIndex;
    }
  }

  // ## Output.

  /** The size of the field_info structure; adds the attribute names to the pool. */
  computeFieldInfoSize(): number {
    if (this.sourceOffset !== 0) {
      // access_flags, name_index and descriptor_index, then the copied part.
      return 6 + this.sourceLength;
    }
    // access_flags, name_index, descriptor_index and attributes_count.
    let size = 8;
    if (this.constantValueIndex !== 0) {
      this.symbolTable.addAttributeNameOfKind(WrittenAttribute.CONSTANT_VALUE);
      size += 8;
    }
    size += Attribute.computeAttributesSize(this.symbolTable, this.accessFlags, this.signatureIndex);
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

  /** Puts the field_info structure (JVMS §4.5). */
  putFieldInfo(output: ByteVector): void {
    const symbolTable = this.symbolTable;
    const useSyntheticAttribute = symbolTable.getMajorVersion() < Opcodes.V1_5;
    const mask = useSyntheticAttribute ? Opcodes.ACC_SYNTHETIC : 0;
    if (this.sourceOffset !== 0) {
      let accessFlags = this.accessFlags & ~mask;
      if (this.sourceHasSyntheticAttribute) {
        // The flag came from the copied attribute or from the source's flags: keep the latter.
        accessFlags = (accessFlags & ~Opcodes.ACC_SYNTHETIC) | (this.sourceAccessFlags & Opcodes.ACC_SYNTHETIC);
      }
      output.putShort(accessFlags).putShort(this.nameIndex).putShort(this.descriptorIndex);
      output.putByteArray(symbolTable.getSource()!.classFileBuffer, this.sourceOffset, this.sourceLength);
      return;
    }
    output.putShort(this.accessFlags & ~mask).putShort(this.nameIndex).putShort(this.descriptorIndex);
    // attributes_count; attributes in JVMS §4.7 order.
    let attributesCount = 0;
    if (this.constantValueIndex !== 0) {
      ++attributesCount;
    }
    if ((this.accessFlags & Opcodes.ACC_SYNTHETIC) !== 0 && useSyntheticAttribute) {
      ++attributesCount;
    }
    if (this.signatureIndex !== 0) {
      ++attributesCount;
    }
    if ((this.accessFlags & Opcodes.ACC_DEPRECATED) !== 0) {
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
    const attributesCountOffset = output.length;
    output.putShort(attributesCount);
    if (this.constantValueIndex !== 0) {
      output.putShort(symbolTable.addAttributeNameOfKind(WrittenAttribute.CONSTANT_VALUE)).putInt(2).putShort(this.constantValueIndex);
    }
    Attribute.putAttributes(symbolTable, this.accessFlags, this.signatureIndex, output);
    AnnotationWriter.putAnnotations(
      symbolTable,
      this.lastRuntimeVisibleAnnotation,
      this.lastRuntimeInvisibleAnnotation,
      this.lastRuntimeVisibleTypeAnnotation,
      this.lastRuntimeInvisibleTypeAnnotation,
      output,
    );
    if (this.firstAttribute !== null) {
      this.firstAttribute.putAttributes(symbolTable, output);
    }
    // Then in the source's order, if the field was read from a source (JVMS §4.7 fixes none).
    if (this.attributeOrderSource !== 0) {
      const sourceBytes = symbolTable.getSource()!.classFileBuffer;
      orderAttributesLikeSource(output.data, attributesCountOffset, sourceBytes, this.attributeOrderSource + 6);
    }
  }

  /** Adds this field's non-standard attributes to `attributePrototypes`. */
  collectAttributePrototypes(attributePrototypes: AttributeSet): void {
    attributePrototypes.addAttributes(this.firstAttribute);
  }
}
