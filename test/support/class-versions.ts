// Test support: a class file as an older compiler would have written it.

import { ClassReader } from '../../src/asm/class-reader.js';
import { ClassVisitor } from '../../src/asm/class-visitor.js';
import { ClassWriter } from '../../src/asm/class-writer.js';
import { Opcodes } from '../../src/asm/opcodes.js';

/**
 * The class with its StackMapTables dropped and its version set to `version` (e.g. V1_5: HotSpot then
 * verifies it by inference, JVMS §4.10.2, as it does a version 50 class whose frames fail).
 */
export function stripFrames(bytes: Uint8Array, version: number): Uint8Array {
  const writer = new ClassWriter(0);
  new ClassReader(bytes).accept(
    new (class extends ClassVisitor {
      override visit(_version: number, access: number, name: string, signature: string | null, superName: string | null, interfaces: string[] | null) {
        super.visit(version, access, name, signature, superName, interfaces);
      }
    })(Opcodes.ASM9, writer),
    ClassReader.SKIP_FRAMES,
  );
  return writer.toByteArray();
}
