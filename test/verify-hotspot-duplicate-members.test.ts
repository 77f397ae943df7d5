// Two methods (or two fields) with the same name and descriptor (JVMS §4.5, §4.6): what a transform
// makes when it adds a method the class already has. HotSpot refuses the class with a
// ClassFormatError; each method alone verifies, so we reported 0 errors. Now the second occurrence
// is an error, in HotSpot's words. Same name with another descriptor stays valid on both sides.
// HotSpot's verdict is computed here (java -Xverify:all), not assumed.

import { describe, expect, it } from 'vitest';
import { ClassWriter } from '../src/asm/class-writer.js';
import { Opcodes } from '../src/asm/opcodes.js';
import { ClassVerifier } from '../src/analysis/class-verifier.js';
import { ChainedClassHierarchy, MapClassHierarchy } from '../src/analysis/verification-hierarchy.js';
import { ClassPath } from '../src/classpath/class-path.js';
import { verifyClasses } from '../src/testing/verify-classes.js';
import { javaHome } from './support/corpus.js';

const NAME = 'dup/Twice';

/** A class with a method `get` of each of `methods` (descriptors) and a field `x` of each of `fields`. */
function classWith(methods: readonly string[], fields: readonly string[]): Uint8Array {
  const writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
  writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, NAME, null, 'java/lang/Object', null);
  for (const descriptor of fields) writer.visitField(Opcodes.ACC_PUBLIC, 'x', descriptor, null, null)!.visitEnd();
  for (const descriptor of methods) {
    const method = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, 'get', descriptor, null, null)!;
    method.visitCode();
    if (descriptor.endsWith(')I')) {
      method.visitInsn(Opcodes.ICONST_1);
      method.visitInsn(Opcodes.IRETURN);
    } else {
      method.visitInsn(Opcodes.ACONST_NULL);
      method.visitInsn(Opcodes.ARETURN);
    }
    method.visitMaxs(0, 0);
    method.visitEnd();
  }
  writer.visitEnd();
  return writer.toByteArray();
}

async function verdicts(bytes: Uint8Array): Promise<{ hotspot: string[]; ours: string[] }> {
  const hotspot = await verifyClasses(new Map([[NAME, bytes]]), { timeout: 300_000 });
  const verifier = new ClassVerifier(new ChainedClassHierarchy([new MapClassHierarchy([bytes]), new ClassPath([], { jdk: javaHome() })]));
  const result = verifier.verify(bytes);
  return { hotspot: hotspot.failures.map((f) => f.error), ours: result.errors.map((e) => `${e.method}: ${e.message}`) };
}

describe('verify: a method or field twice in one class', () => {
  it('two methods get()Ljava/lang/Object;: HotSpot ClassFormatError, our error on the second', async () => {
    const { hotspot, ours } = await verdicts(classWith(['()I', '()Ljava/lang/Object;', '()Ljava/lang/Object;'], ['I']));
    expect(hotspot).toHaveLength(1);
    expect(hotspot[0]).toMatch(/^java\.lang\.ClassFormatError: Duplicate method name "get" with signature "\(\)Ljava\.lang\.Object;"/);
    expect(ours).toEqual(['get()Ljava/lang/Object;: Duplicate method name "get" with signature "()Ljava.lang.Object;" in class file dup/Twice']);
  }, 600_000);

  it('two fields x:I: HotSpot ClassFormatError, our error on the second', async () => {
    const { hotspot, ours } = await verdicts(classWith(['()I'], ['I', 'J', 'I']));
    expect(hotspot).toHaveLength(1);
    expect(hotspot[0]).toMatch(/^java\.lang\.ClassFormatError: Duplicate field name "x" with signature "I"/);
    expect(ours).toEqual(['x:I: Duplicate field name "x" with signature "I" in class file dup/Twice']);
  }, 600_000);

  it('the same names with other descriptors: valid on both sides', async () => {
    const { hotspot, ours } = await verdicts(classWith(['()I', '()Ljava/lang/Object;'], ['I', 'J']));
    expect(hotspot).toEqual([]);
    expect(ours).toEqual([]);
  }, 600_000);
});
