import { ByteVector } from './byte-vector.js';
import type { ClassReader } from './class-reader.js';
import type { ClassWriter } from './class-writer.js';
import { WrittenAttribute } from './written-attribute.js';
import type { Label } from './label.js';
import { Opcodes } from './opcodes.js';
import type { SymbolTable } from './symbol-table.js';

/**
 * A class, field, method or Code attribute (JVMS §4.7) that the visitor API does not model.
 * The base class keeps an unknown attribute's content as opaque bytes and writes them back
 * unchanged; subclass it (overriding `read`, `write`, `isUnknown`…) and pass prototypes to
 * `ClassReader.accept` to parse a non-standard attribute.
 */
export class Attribute {
  /** The attribute's name (its `type`, as ASM calls it). */
  readonly type: string;

  /** @internal The raw content of an unknown attribute, without the 6 header bytes. */
  content: Uint8Array | null;

  /** @internal The next attribute of the list this one belongs to, or null. */
  nextAttribute: Attribute | null;

  constructor(type: string) {
    this.type = type;
    this.content = null;
    this.nextAttribute = null;
  }

  /**
   * Whether this attribute's content is opaque: read as bytes and written back as is, which is
   * only correct if it holds no constant pool index, label or other reference that a
   * transformation could invalidate. True by default.
   */
  isUnknown(): boolean {
    return true;
  }

  /** Whether this is an attribute of a Code attribute (JVMS §4.7.3). */
  isCodeAttribute(): boolean {
    return false;
  }

  /**
   * The labels this Code-level attribute refers to (none by default). `read`, `write` and this are
   * protected, as in ASM, so that a TypeScript port's `protected override read(…)` compiles; code
   * outside a subclass calls the static `Attribute.read`/`Attribute.write`.
   */
  protected getLabels(): Label[] {
    return [];
  }

  /**
   * Reads an attribute of this prototype's type and returns a NEW Attribute for it. `offset` and
   * `length` delimit its content (after the 6 header bytes) in `classReader`;
   * `codeAttributeOffset` is the content offset of the enclosing Code attribute (or -1), and
   * `labels` the method's labels (or null) for Code-level attributes.
   */
  protected read(
    classReader: ClassReader,
    offset: number,
    length: number,
    charBuffer: unknown,
    codeAttributeOffset: number,
    labels: (Label | null | undefined)[] | null,
  ): Attribute {
    const attribute = new Attribute(this.type);
    attribute.content = classReader.classFileBuffer.slice(offset, offset + length);
    return attribute;
  }

  /** Calls `attribute.read(...)` (for code outside subclasses, e.g. printers). */
  static read(
    attribute: Attribute,
    classReader: ClassReader,
    offset: number,
    length: number,
    charBuffer: unknown,
    codeAttributeOffset: number,
    labels: (Label | null | undefined)[] | null,
  ): Attribute {
    return attribute.read(classReader, offset, length, charBuffer, codeAttributeOffset, labels);
  }

  /**
   * Returns this attribute's content, without the 6 header bytes. `classWriter` can be used to
   * add the constants it refers to; `code`, `codeLength`, `maxStack` and `maxLocals` describe the
   * enclosing Code attribute (null, 0, -1, -1 outside one).
   */
  protected write(
    classWriter: ClassWriter,
    code: Uint8Array | null,
    codeLength: number,
    maxStack: number,
    maxLocals: number,
  ): ByteVector {
    return new ByteVector(this.content ?? new Uint8Array(0));
  }

  /** Returns `attribute.write(...)`'s content as a byte array of the exact length. */
  static write(
    attribute: Attribute,
    classWriter: ClassWriter,
    code: Uint8Array | null,
    codeLength: number,
    maxStack: number,
    maxLocals: number,
  ): Uint8Array {
    const content = attribute.write(classWriter, code, codeLength, maxStack, maxLocals);
    return content.data.slice(0, content.length);
  }

  /** @internal The number of attributes in the list that starts with this one. */
  getAttributeCount(): number {
    let count = 0;
    let attribute: Attribute | null = this;
    while (attribute !== null) {
      count += 1;
      attribute = attribute.nextAttribute;
    }
    return count;
  }

  /**
   * @internal The size of all the attributes of the list that starts with this one, headers
   * included; adds their names to the constant pool. The code parameters are those of `write`.
   */
  computeAttributesSize(
    symbolTable: SymbolTable,
    code: Uint8Array | null = null,
    codeLength = 0,
    maxStack = -1,
    maxLocals = -1,
  ): number {
    const classWriter = symbolTable.classWriter;
    let size = 0;
    let attribute: Attribute | null = this;
    while (attribute !== null) {
      symbolTable.addConstantUtf8(attribute.type);
      size += 6 + attribute.write(classWriter, code, codeLength, maxStack, maxLocals).length;
      attribute = attribute.nextAttribute;
    }
    return size;
  }

  /**
   * @internal The size of the Synthetic (before Java 5 only), Signature and Deprecated
   * attributes that the given access flags and signature index call for; adds their names.
   */
  static computeAttributesSize(symbolTable: SymbolTable, accessFlags: number, signatureIndex: number): number {
    let size = 0;
    // JVMS §4.7.8: from class version 49 the ACC_SYNTHETIC flag replaces the Synthetic attribute.
    if ((accessFlags & Opcodes.ACC_SYNTHETIC) !== 0 && symbolTable.getMajorVersion() < Opcodes.V1_5) {
      symbolTable.addAttributeNameOfKind(WrittenAttribute.SYNTHETIC);
      size += 6;
    }
    if (signatureIndex !== 0) {
      symbolTable.addAttributeNameOfKind(WrittenAttribute.SIGNATURE);
      size += 8;
    }
    // ACC_DEPRECATED is ASM's: the class file uses a Deprecated attribute (JVMS §4.7.15).
    if ((accessFlags & Opcodes.ACC_DEPRECATED) !== 0) {
      symbolTable.addAttributeNameOfKind(WrittenAttribute.DEPRECATED);
      size += 6;
    }
    return size;
  }

  /**
   * @internal Puts all the attributes of the list that starts with this one, headers included:
   * `putAttributes(symbolTable, output)` or, for Code-level attributes,
   * `putAttributes(symbolTable, code, codeLength, maxStack, maxLocals, output)`.
   */
  putAttributes(symbolTable: SymbolTable, output: ByteVector): void;
  putAttributes(
    symbolTable: SymbolTable,
    code: Uint8Array | null,
    codeLength: number,
    maxStack: number,
    maxLocals: number,
    output: ByteVector,
  ): void;
  putAttributes(
    symbolTable: SymbolTable,
    codeOrOutput: Uint8Array | null | ByteVector,
    codeLength = 0,
    maxStack = -1,
    maxLocals = -1,
    output?: ByteVector,
  ): void {
    let code: Uint8Array | null;
    let target: ByteVector;
    if (codeOrOutput instanceof ByteVector) {
      code = null;
      target = codeOrOutput;
    } else {
      code = codeOrOutput;
      target = output!;
    }
    const classWriter = symbolTable.classWriter;
    let attribute: Attribute | null = this;
    while (attribute !== null) {
      attribute.putAttribute(symbolTable, classWriter, code, codeLength, maxStack, maxLocals, target);
      attribute = attribute.nextAttribute;
    }
  }

  /** @internal Puts this attribute alone (not the rest of its list), header included. */
  putAttribute(
    symbolTable: SymbolTable,
    classWriter: ClassWriter,
    code: Uint8Array | null,
    codeLength: number,
    maxStack: number,
    maxLocals: number,
    output: ByteVector,
  ): void {
    const attributeContent = this.write(classWriter, code, codeLength, maxStack, maxLocals);
    output.putShort(symbolTable.addConstantUtf8(this.type)).putInt(attributeContent.length);
    output.putByteArray(attributeContent.data, 0, attributeContent.length);
  }

  /**
   * @internal Puts the Synthetic (before Java 5 only), Signature and Deprecated attributes that
   * the given access flags and signature index call for.
   */
  static putAttributes(symbolTable: SymbolTable, accessFlags: number, signatureIndex: number, output: ByteVector): void {
    if ((accessFlags & Opcodes.ACC_SYNTHETIC) !== 0 && symbolTable.getMajorVersion() < Opcodes.V1_5) {
      output.putShort(symbolTable.addAttributeNameOfKind(WrittenAttribute.SYNTHETIC)).putInt(0);
    }
    if (signatureIndex !== 0) {
      output.putShort(symbolTable.addAttributeNameOfKind(WrittenAttribute.SIGNATURE)).putInt(2).putShort(signatureIndex);
    }
    if ((accessFlags & Opcodes.ACC_DEPRECATED) !== 0) {
      output.putShort(symbolTable.addAttributeNameOfKind(WrittenAttribute.DEPRECATED)).putInt(0);
    }
  }

  /** @internal A set of attribute prototypes, one per attribute type (ASM's Attribute.Set). */
  declare static readonly Set: typeof AttributeSet;
}

/** @internal A set of attribute prototypes; two attributes with the same type are equal. */
export class AttributeSet {
  private size = 0;
  private data: Attribute[] = [];

  /** Adds the attributes of the list that starts with `attributeList`, unless already present. */
  addAttributes(attributeList: Attribute | null): void {
    let attribute = attributeList;
    while (attribute !== null) {
      if (!this.contains(attribute)) {
        this.data[this.size++] = attribute;
      }
      attribute = attribute.nextAttribute;
    }
  }

  toArray(): Attribute[] {
    return this.data.slice(0, this.size);
  }

  private contains(attribute: Attribute): boolean {
    for (let i = 0; i < this.size; ++i) {
      if (this.data[i]!.type === attribute.type) {
        return true;
      }
    }
    return false;
  }
}

(Attribute as { Set: typeof AttributeSet }).Set = AttributeSet;

export declare namespace Attribute {
  /** ASM's Attribute.Set, as a type. */
  type Set = AttributeSet;
}
