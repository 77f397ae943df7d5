import { AnnotationVisitor, type AnnotationValue } from './annotation-visitor.js';
import { ByteVector } from './byte-vector.js';
import { Constants } from './constants.js';
import { Byte, Character, Short, checkJavaInt } from './java-values.js';
import { Opcodes } from './opcodes.js';
import type { SymbolTable } from './symbol-table.js';
import { Type } from './type.js';
import { TypePath } from './type-path.js';
import { TypeReference } from './type-reference.js';

/** The element_value tag of a constant, by constant pool tag (JVMS §4.7.16.1). */
const CONSTANT_ELEMENT_VALUE_TAGS = '.s.IFJDCS';

/**
 * @internal An AnnotationVisitor that builds an `annotation` or `type_annotation` structure
 * (JVMS §4.7.16, §4.7.20). The annotations of one Runtime[In]Visible[Type]Annotations attribute
 * form a doubly linked list (`previousAnnotation` / `nextAnnotation`), designated by its last
 * element; arrays of such lists make the parameter annotation attributes (JVMS §4.7.18).
 */
export class AnnotationWriter extends AnnotationVisitor {
  private readonly symbolTable: SymbolTable;
  /**
   * Whether values are named: false for AnnotationDefault (JVMS §4.7.22) and array values,
   * which are sequences of bare element_value structures.
   */
  private readonly useNamedValues: boolean;
  /**
   * The structure being built; all its fields but the element_value_pairs must be there before
   * the constructor runs (num_element_value_pairs may be 0; visitEnd fixes it). Empty for an
   * AnnotationDefault, whose `numElementValuePairsOffset` is then -1.
   */
  readonly annotation: ByteVector;
  private readonly numElementValuePairsOffset: number;
  private numElementValuePairs: number;
  /** @internal The previous annotation of the same attribute, or null. */
  readonly previousAnnotation: AnnotationWriter | null;
  /** @internal The next annotation of the same attribute, or null. */
  nextAnnotation: AnnotationWriter | null;

  constructor(
    symbolTable: SymbolTable,
    useNamedValues: boolean,
    annotation: ByteVector,
    previousAnnotation: AnnotationWriter | null,
  ) {
    super(Opcodes.ASM9);
    this.symbolTable = symbolTable;
    this.useNamedValues = useNamedValues;
    this.annotation = annotation;
    // num_element_value_pairs (or num_values) is the last u2 already in `annotation`.
    this.numElementValuePairsOffset = annotation.length === 0 ? -1 : annotation.length - 2;
    this.numElementValuePairs = 0;
    this.previousAnnotation = previousAnnotation;
    this.nextAnnotation = null;
    if (previousAnnotation !== null) {
      previousAnnotation.nextAnnotation = this;
    }
  }

  /**
   * Creates a writer for an `annotation` of type `descriptor`:
   * `create(symbolTable, descriptor, previousAnnotation)`, or for a `type_annotation`:
   * `create(symbolTable, typeRef, typePath, descriptor, previousAnnotation)`.
   */
  static create(
    symbolTable: SymbolTable,
    descriptor: string,
    previousAnnotation: AnnotationWriter | null,
  ): AnnotationWriter;
  static create(
    symbolTable: SymbolTable,
    typeRef: number,
    typePath: TypePath | null,
    descriptor: string,
    previousAnnotation: AnnotationWriter | null,
  ): AnnotationWriter;
  static create(
    symbolTable: SymbolTable,
    descriptorOrTypeRef: string | number,
    typePathOrPrevious: TypePath | AnnotationWriter | null,
    descriptor?: string,
    previousAnnotation?: AnnotationWriter | null,
  ): AnnotationWriter {
    const annotation = new ByteVector();
    if (typeof descriptorOrTypeRef === 'string') {
      // JVMS §4.7.16: type_index, then num_element_value_pairs (patched by visitEnd).
      annotation.putShort(symbolTable.addConstantUtf8(descriptorOrTypeRef)).putShort(0);
      return new AnnotationWriter(symbolTable, true, annotation, typePathOrPrevious as AnnotationWriter | null);
    }
    // JVMS §4.7.20: target_type, target_info and target_path come first.
    TypeReference.putTarget(descriptorOrTypeRef, annotation);
    TypePath.put(typePathOrPrevious as TypePath | null, annotation);
    annotation.putShort(symbolTable.addConstantUtf8(descriptor!)).putShort(0);
    return new AnnotationWriter(symbolTable, true, annotation, previousAnnotation ?? null);
  }

  // ## AnnotationVisitor implementation (element_value, JVMS §4.7.16.1).

  override visit(name: string | null, value: AnnotationValue): void {
    if (Array.isArray(value)) {
      // A plain array (JVMS §4.7.16.1 array_value): its elements one by one, as visitArray takes them and as
      // AnnotationNode.accept replays a plain array, so that a visitor and a tree transform write the same bytes.
      // boolean[], the one primitive array without a typed array counterpart, gives the same bytes as before; a
      // port of `new int[] {1, 2}` or `new String[] {"a"}` written [1, 2] or ['a'] was taken for booleans.
      const arrayVisitor = this.visitArray(name);
      for (let i = 0; i < value.length; ++i) {
        arrayVisitor.visit(null, value[i] as AnnotationValue);
      }
      arrayVisitor.visitEnd();
      return;
    }
    ++this.numElementValuePairs;
    const annotation = this.annotation;
    const symbolTable = this.symbolTable;
    if (this.useNamedValues) {
      annotation.putShort(symbolTable.addConstantUtf8(name!));
    }
    if (typeof value === 'string') {
      annotation.put12(115 /* 's' */, symbolTable.addConstantUtf8(value));
    } else if (typeof value === 'number') {
      annotation.put12(73 /* 'I' */, symbolTable.addConstantInteger(checkJavaInt(value, 'annotation value')).index);
    } else if (typeof value === 'boolean') {
      annotation.put12(90 /* 'Z' */, symbolTable.addConstantInteger(value ? 1 : 0).index);
    } else if (value instanceof Byte) {
      annotation.put12(66 /* 'B' */, symbolTable.addConstantInteger(value.value).index);
    } else if (value instanceof Character) {
      annotation.put12(67 /* 'C' */, symbolTable.addConstantInteger(value.value).index);
    } else if (value instanceof Short) {
      annotation.put12(83 /* 'S' */, symbolTable.addConstantInteger(value.value).index);
    } else if (value instanceof Type) {
      annotation.put12(99 /* 'c' */, symbolTable.addConstantUtf8(value.getDescriptor()));
    } else if (value instanceof Int8Array) {
      annotation.put12(91 /* '[' */, value.length);
      for (let i = 0; i < value.length; ++i) {
        annotation.put12(66 /* 'B' */, symbolTable.addConstantInteger(value[i]!).index);
      }
    } else if (value instanceof Int16Array) {
      annotation.put12(91 /* '[' */, value.length);
      for (let i = 0; i < value.length; ++i) {
        annotation.put12(83 /* 'S' */, symbolTable.addConstantInteger(value[i]!).index);
      }
    } else if (value instanceof Uint16Array) {
      annotation.put12(91 /* '[' */, value.length);
      for (let i = 0; i < value.length; ++i) {
        annotation.put12(67 /* 'C' */, symbolTable.addConstantInteger(value[i]!).index);
      }
    } else if (value instanceof Int32Array) {
      annotation.put12(91 /* '[' */, value.length);
      for (let i = 0; i < value.length; ++i) {
        annotation.put12(73 /* 'I' */, symbolTable.addConstantInteger(value[i]!).index);
      }
    } else if (value instanceof BigInt64Array) {
      annotation.put12(91 /* '[' */, value.length);
      for (let i = 0; i < value.length; ++i) {
        annotation.put12(74 /* 'J' */, symbolTable.addConstantLong(value[i]!).index);
      }
    } else if (value instanceof Float32Array) {
      annotation.put12(91 /* '[' */, value.length);
      for (let i = 0; i < value.length; ++i) {
        annotation.put12(70 /* 'F' */, symbolTable.addConstantFloat(value[i]!).index);
      }
    } else if (value instanceof Float64Array) {
      annotation.put12(91 /* '[' */, value.length);
      for (let i = 0; i < value.length; ++i) {
        annotation.put12(68 /* 'D' */, symbolTable.addConstantDouble(value[i]!).index);
      }
    } else {
      // bigint, Float, Double: a CONSTANT_Long, _Float or _Double.
      const symbol = symbolTable.addConstant(value);
      annotation.put12(CONSTANT_ELEMENT_VALUE_TAGS.charCodeAt(symbol.tag), symbol.index);
    }
  }

  override visitEnum(name: string | null, descriptor: string, value: string): void {
    ++this.numElementValuePairs;
    if (this.useNamedValues) {
      this.annotation.putShort(this.symbolTable.addConstantUtf8(name!));
    }
    this.annotation
      .put12(101 /* 'e' */, this.symbolTable.addConstantUtf8(descriptor))
      .putShort(this.symbolTable.addConstantUtf8(value));
  }

  override visitAnnotation(name: string | null, descriptor: string): AnnotationVisitor {
    ++this.numElementValuePairs;
    if (this.useNamedValues) {
      this.annotation.putShort(this.symbolTable.addConstantUtf8(name!));
    }
    // Tag, type_index, and num_element_value_pairs patched by the nested writer's visitEnd.
    this.annotation.put12(64 /* '@' */, this.symbolTable.addConstantUtf8(descriptor)).putShort(0);
    return new AnnotationWriter(this.symbolTable, true, this.annotation, null);
  }

  override visitArray(name: string | null): AnnotationVisitor {
    ++this.numElementValuePairs;
    if (this.useNamedValues) {
      this.annotation.putShort(this.symbolTable.addConstantUtf8(name!));
    }
    // An array_value ends like an annotation (a u2 count then the values), so an unnamed writer
    // appends the elements and patches num_values as if it were num_element_value_pairs.
    this.annotation.put12(91 /* '[' */, 0);
    return new AnnotationWriter(this.symbolTable, false, this.annotation, null);
  }

  override visitEnd(): void {
    if (this.numElementValuePairsOffset !== -1) {
      const data = this.annotation.data;
      data[this.numElementValuePairsOffset] = this.numElementValuePairs >>> 8;
      data[this.numElementValuePairsOffset + 1] = this.numElementValuePairs;
    }
  }

  // ## Attribute sizes and output.

  /**
   * The size of a Runtime[In]Visible[Type]Annotations attribute holding this annotation and its
   * predecessors, header included; adds `attributeName` (if not null) to the pool.
   */
  computeAnnotationsSize(attributeName: string | null): number {
    if (attributeName !== null) {
      this.symbolTable.addAttributeName(attributeName);
    }
    // attribute_name_index, attribute_length and num_annotations.
    let attributeSize = 8;
    let annotationWriter: AnnotationWriter | null = this;
    while (annotationWriter !== null) {
      attributeSize += annotationWriter.annotation.length;
      annotationWriter = annotationWriter.previousAnnotation;
    }
    return attributeSize;
  }

  /** The total size of the four annotation attributes designated by their last annotations. */
  static computeAnnotationsSize(
    lastRuntimeVisibleAnnotation: AnnotationWriter | null,
    lastRuntimeInvisibleAnnotation: AnnotationWriter | null,
    lastRuntimeVisibleTypeAnnotation: AnnotationWriter | null,
    lastRuntimeInvisibleTypeAnnotation: AnnotationWriter | null,
  ): number {
    let size = 0;
    if (lastRuntimeVisibleAnnotation !== null) {
      size += lastRuntimeVisibleAnnotation.computeAnnotationsSize(Constants.RUNTIME_VISIBLE_ANNOTATIONS);
    }
    if (lastRuntimeInvisibleAnnotation !== null) {
      size += lastRuntimeInvisibleAnnotation.computeAnnotationsSize(Constants.RUNTIME_INVISIBLE_ANNOTATIONS);
    }
    if (lastRuntimeVisibleTypeAnnotation !== null) {
      size += lastRuntimeVisibleTypeAnnotation.computeAnnotationsSize(Constants.RUNTIME_VISIBLE_TYPE_ANNOTATIONS);
    }
    if (lastRuntimeInvisibleTypeAnnotation !== null) {
      size += lastRuntimeInvisibleTypeAnnotation.computeAnnotationsSize(Constants.RUNTIME_INVISIBLE_TYPE_ANNOTATIONS);
    }
    return size;
  }

  /**
   * Puts a Runtime[In]Visible[Type]Annotations attribute holding this annotation and its
   * predecessors, in visit order.
   */
  putAnnotations(attributeNameIndex: number, output: ByteVector): void {
    let attributeLength = 2; // num_annotations
    let numAnnotations = 0;
    let annotationWriter: AnnotationWriter | null = this;
    let firstAnnotation: AnnotationWriter | null = null;
    while (annotationWriter !== null) {
      // In case the user forgot to call visitEnd().
      annotationWriter.visitEnd();
      attributeLength += annotationWriter.annotation.length;
      numAnnotations++;
      firstAnnotation = annotationWriter;
      annotationWriter = annotationWriter.previousAnnotation;
    }
    output.putShort(attributeNameIndex);
    output.putInt(attributeLength);
    output.putShort(numAnnotations);
    annotationWriter = firstAnnotation;
    while (annotationWriter !== null) {
      output.putByteArray(annotationWriter.annotation.data, 0, annotationWriter.annotation.length);
      annotationWriter = annotationWriter.nextAnnotation;
    }
  }

  /** Puts the four annotation attributes designated by their last annotations (null: none). */
  static putAnnotations(
    symbolTable: SymbolTable,
    lastRuntimeVisibleAnnotation: AnnotationWriter | null,
    lastRuntimeInvisibleAnnotation: AnnotationWriter | null,
    lastRuntimeVisibleTypeAnnotation: AnnotationWriter | null,
    lastRuntimeInvisibleTypeAnnotation: AnnotationWriter | null,
    output: ByteVector,
  ): void {
    if (lastRuntimeVisibleAnnotation !== null) {
      lastRuntimeVisibleAnnotation.putAnnotations(
        symbolTable.addAttributeName(Constants.RUNTIME_VISIBLE_ANNOTATIONS),
        output,
      );
    }
    if (lastRuntimeInvisibleAnnotation !== null) {
      lastRuntimeInvisibleAnnotation.putAnnotations(
        symbolTable.addAttributeName(Constants.RUNTIME_INVISIBLE_ANNOTATIONS),
        output,
      );
    }
    if (lastRuntimeVisibleTypeAnnotation !== null) {
      lastRuntimeVisibleTypeAnnotation.putAnnotations(
        symbolTable.addAttributeName(Constants.RUNTIME_VISIBLE_TYPE_ANNOTATIONS),
        output,
      );
    }
    if (lastRuntimeInvisibleTypeAnnotation !== null) {
      lastRuntimeInvisibleTypeAnnotation.putAnnotations(
        symbolTable.addAttributeName(Constants.RUNTIME_INVISIBLE_TYPE_ANNOTATIONS),
        output,
      );
    }
  }

  /**
   * The size of a Runtime[In]VisibleParameterAnnotations attribute (JVMS §4.7.18) built from the
   * first `annotableParameterCount` lists of `annotationWriters`, header included; adds
   * `attributeName` to the pool (through a non-null list, which the caller guarantees).
   */
  static computeParameterAnnotationsSize(
    attributeName: string,
    annotationWriters: (AnnotationWriter | null | undefined)[],
    annotableParameterCount: number,
  ): number {
    // Header and num_parameters: 7 bytes; each parameter's num_annotations: 2 bytes.
    let attributeSize = 7 + 2 * annotableParameterCount;
    for (let i = 0; i < annotableParameterCount; ++i) {
      const annotationWriter = annotationWriters[i];
      attributeSize += annotationWriter == null ? 0 : annotationWriter.computeAnnotationsSize(attributeName) - 8;
    }
    return attributeSize;
  }

  /** Puts a Runtime[In]VisibleParameterAnnotations attribute (JVMS §4.7.18). */
  static putParameterAnnotations(
    attributeNameIndex: number,
    annotationWriters: (AnnotationWriter | null | undefined)[],
    annotableParameterCount: number,
    output: ByteVector,
  ): void {
    // num_parameters: 1 byte; each parameter's num_annotations: 2 bytes.
    let attributeLength = 1 + 2 * annotableParameterCount;
    for (let i = 0; i < annotableParameterCount; ++i) {
      const annotationWriter = annotationWriters[i];
      attributeLength += annotationWriter == null ? 0 : annotationWriter.computeAnnotationsSize(null) - 8;
    }
    output.putShort(attributeNameIndex);
    output.putInt(attributeLength);
    output.putByte(annotableParameterCount);
    for (let i = 0; i < annotableParameterCount; ++i) {
      let annotationWriter = annotationWriters[i] ?? null;
      let firstAnnotation: AnnotationWriter | null = null;
      let numAnnotations = 0;
      while (annotationWriter !== null) {
        // In case the user forgot to call visitEnd().
        annotationWriter.visitEnd();
        numAnnotations++;
        firstAnnotation = annotationWriter;
        annotationWriter = annotationWriter.previousAnnotation;
      }
      output.putShort(numAnnotations);
      annotationWriter = firstAnnotation;
      while (annotationWriter !== null) {
        output.putByteArray(annotationWriter.annotation.data, 0, annotationWriter.annotation.length);
        annotationWriter = annotationWriter.nextAnnotation;
      }
    }
  }
}
