import { Attribute } from '../asm/attribute.js';
import { ByteVector } from '../asm/byte-vector.js';
import type { ClassReader } from '../asm/class-reader.js';
import type { ClassWriter } from '../asm/class-writer.js';
import type { Label } from '../asm/label.js';

/**
 * The OpenJDK-specific ModuleResolution attribute of a module-info class (not in the JVMS):
 * a u2 of RESOLUTION_* flags telling the module system how to resolve the module.
 * Pass `new ModuleResolutionAttribute()` as a prototype to `ClassReader.accept` to parse it.
 */
export class ModuleResolutionAttribute extends Attribute {
  /** The module is not resolved by default (it must be named with --add-modules). */
  static readonly RESOLUTION_DO_NOT_RESOLVE_BY_DEFAULT = 1;
  /** Resolving the module warns that it is deprecated. */
  static readonly RESOLUTION_WARN_DEPRECATED = 2;
  /** Resolving the module warns that it is deprecated for removal. */
  static readonly RESOLUTION_WARN_DEPRECATED_FOR_REMOVAL = 4;
  /** Resolving the module warns that it is incubating. */
  static readonly RESOLUTION_WARN_INCUBATING = 8;

  /** The RESOLUTION_* flags. */
  resolution: number;

  constructor(resolution = 0) {
    super('ModuleResolution');
    this.resolution = resolution;
  }

  override read(
    classReader: ClassReader,
    offset: number,
    length: number,
    charBuffer: unknown,
    codeAttributeOffset: number,
    labels: (Label | null | undefined)[] | null,
  ): Attribute {
    void length;
    void charBuffer;
    void codeAttributeOffset;
    void labels;
    return new ModuleResolutionAttribute(classReader.readUnsignedShort(offset));
  }

  override write(
    classWriter: ClassWriter,
    code: Uint8Array | null,
    codeLength: number,
    maxStack: number,
    maxLocals: number,
  ): ByteVector {
    void classWriter;
    void code;
    void codeLength;
    void maxStack;
    void maxLocals;
    const byteVector = new ByteVector();
    byteVector.putShort(this.resolution);
    return byteVector;
  }
}
