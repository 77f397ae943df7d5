import { Attribute } from '../asm/attribute.js';
import { ByteVector } from '../asm/byte-vector.js';
import type { ClassReader } from '../asm/class-reader.js';
import type { ClassWriter } from '../asm/class-writer.js';
import type { Label } from '../asm/label.js';

/**
 * The OpenJDK-specific ModuleTarget attribute of a module-info class (not in the JVMS): the u2
 * index of a Utf8 naming the platform the module targets (e.g. "linux-amd64"), 0 for none.
 * Pass `new ModuleTargetAttribute()` as a prototype to `ClassReader.accept` to parse it.
 */
export class ModuleTargetAttribute extends Attribute {
  /** The target platform, or null. */
  platform: string | null;

  constructor(platform: string | null = null) {
    super('ModuleTarget');
    this.platform = platform;
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
    void codeAttributeOffset;
    void labels;
    return new ModuleTargetAttribute(classReader.readUTF8(offset, charBuffer));
  }

  override write(
    classWriter: ClassWriter,
    code: Uint8Array | null,
    codeLength: number,
    maxStack: number,
    maxLocals: number,
  ): ByteVector {
    void code;
    void codeLength;
    void maxStack;
    void maxLocals;
    const byteVector = new ByteVector();
    byteVector.putShort(this.platform === null ? 0 : classWriter.newUTF8(this.platform));
    return byteVector;
  }
}
