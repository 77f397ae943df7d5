import { Attribute } from '../asm/attribute.js';
import { ByteVector } from '../asm/byte-vector.js';
import type { ClassReader } from '../asm/class-reader.js';
import type { ClassWriter } from '../asm/class-writer.js';
import type { Label } from '../asm/label.js';
import { ClassFormatError } from '../classfile/class-format-error.js';

/**
 * The OpenJDK-specific ModuleHashes attribute of a module-info class (not in the JVMS; written by
 * jlink/jmod): a hash algorithm name and, for each module, a CONSTANT_Module and its hash.
 * Pass `new ModuleHashesAttribute()` as a prototype to `ClassReader.accept` to parse it.
 *
 *   ModuleHashes { u2 name; u4 length; u2 algorithm (Utf8);
 *                  u2 count; { u2 module (Module); u2 hash_length; u1 hash[hash_length]; }[count] }
 */
export class ModuleHashesAttribute extends Attribute {
  /** The hash algorithm's name, e.g. "SHA-256". */
  algorithm: string | null;
  /** The module names (dotted form). */
  modules: string[] | null;
  /** The hash of each module of `modules`, in the same order. */
  hashes: Uint8Array[] | null;

  constructor(algorithm: string | null = null, modules: string[] | null = null, hashes: Uint8Array[] | null = null) {
    super('ModuleHashes');
    this.algorithm = algorithm;
    this.modules = modules;
    this.hashes = hashes;
  }

  override read(
    classReader: ClassReader,
    offset: number,
    length: number,
    charBuffer: unknown,
    codeAttributeOffset: number,
    labels: (Label | null | undefined)[] | null,
  ): Attribute {
    void codeAttributeOffset;
    void labels;
    const end = offset + length;
    let currentOffset = offset;
    const hashAlgorithm = classReader.readUTF8(currentOffset, charBuffer);
    currentOffset += 2;
    const numModules = classReader.readUnsignedShort(currentOffset);
    currentOffset += 2;
    const moduleList: string[] = [];
    const hashList: Uint8Array[] = [];
    for (let i = 0; i < numModules; ++i) {
      // Each entry takes at least 4 bytes: reject counts the attribute cannot hold.
      if (currentOffset + 4 > end) {
        throw new ClassFormatError('ModuleHashes attribute shorter than its module count', currentOffset);
      }
      const module = classReader.readModule(currentOffset, charBuffer);
      currentOffset += 2;
      const hashLength = classReader.readUnsignedShort(currentOffset);
      currentOffset += 2;
      if (currentOffset + hashLength > end) {
        throw new ClassFormatError('ModuleHashes hash longer than its attribute', currentOffset);
      }
      moduleList.push(module as string);
      hashList.push(classReader.readBytes(currentOffset, hashLength));
      currentOffset += hashLength;
    }
    return new ModuleHashesAttribute(hashAlgorithm, moduleList, hashList);
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
    byteVector.putShort(classWriter.newUTF8(this.algorithm as string));
    if (this.modules === null) {
      byteVector.putShort(0);
    } else {
      const numModules = this.modules.length;
      byteVector.putShort(numModules);
      for (let i = 0; i < numModules; ++i) {
        const hash = this.hashes![i]!;
        byteVector
          .putShort(classWriter.newModule(this.modules[i]!))
          .putShort(hash.length)
          .putByteArray(hash, 0, hash.length);
      }
    }
    return byteVector;
  }
}
