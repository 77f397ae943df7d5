// ClassReader keeps the argument and return sizes of each method descriptor it checks
// (methodDescriptorSizesOf), which MethodWriter and the code transcoder use instead of parsing the
// descriptor again: they must be Type.getArgumentsAndReturnSizes's, for the descriptor string the reader
// decoded from that constant (or an equal one) only.
import { describe, expect, it } from 'vitest';
import { ClassReader } from '../src/asm/class-reader.js';
import { ClassVisitor } from '../src/asm/class-visitor.js';
import { ClassWriter } from '../src/asm/class-writer.js';
import { MethodVisitor } from '../src/asm/method-visitor.js';
import { Opcodes } from '../src/asm/opcodes.js';
import { Type } from '../src/asm/type.js';
import { ThroughEvents } from './support/rewrite-paths.js';

const DESCRIPTORS = [
  '()V',
  '()I',
  '()J',
  '()D',
  '()[J',
  '()Ljava/lang/String;',
  '(I)V',
  '(J)V',
  '(D)D',
  '([J)J',
  '([[D[Ljava/lang/Object;)[[D',
  '(ZBCSIFJD)V',
  '(Ljava/lang/String;JLjava/util/List;D[I)Ljava/lang/Object;',
  `(${'J'.repeat(127)})J`,
  // 3,000 int arguments: a valid descriptor whose sizes are too large to keep (computed again).
  `(${'I'.repeat(3000)})V`,
];

/** A class with one static method per descriptor, and a call to each (a Methodref with the same descriptor). */
function classWithDescriptors(): Uint8Array {
  const writer = new ClassWriter(0);
  writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, 'p/Sizes', null, 'java/lang/Object', null);
  DESCRIPTORS.forEach((descriptor, i) => {
    const method = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC | Opcodes.ACC_ABSTRACT, `m${i}`, descriptor, null, null);
    method.visitEnd();
  });
  const caller = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, 'calls', '()V', null, null);
  caller.visitCode();
  DESCRIPTORS.forEach((descriptor, i) => caller.visitMethodInsn(Opcodes.INVOKESTATIC, 'p/Sizes', `m${i}`, descriptor, false));
  caller.visitInsn(Opcodes.RETURN);
  caller.visitMaxs(0, 0);
  caller.visitEnd();
  writer.visitEnd();
  return writer.toByteArray();
}

describe('ClassReader.methodDescriptorSizesOf', () => {
  it('gives Type.getArgumentsAndReturnSizes of the method descriptors the reader checked, 0 otherwise', () => {
    const reader = new ClassReader(classWithDescriptors());
    // Before any check: unknown.
    const indices = new Map<string, number>();
    for (let i = 1; i < reader.getItemCount(); ++i) {
      if (reader.getItem(i) !== 0 && reader.classFileBuffer[reader.getItem(i) - 1] === 1) {
        const value = reader.readUtf(i);
        if (DESCRIPTORS.includes(value)) indices.set(value, i);
      }
    }
    expect(indices.size).toBe(DESCRIPTORS.length);
    for (const [descriptor, index] of indices) expect(reader.methodDescriptorSizesOf(reader.readUtf(index), index)).toBe(0);
    // Reading the methods and the code checks every method descriptor (visitMethod's, the Methodrefs').
    reader.accept(new ClassWriter(ClassWriter.COMPUTE_MAXS), 0);
    for (const [descriptor, index] of indices) {
      const kept = reader.methodDescriptorSizesOf(reader.readUtf(index), index);
      if (descriptor.length > 3000) {
        expect(kept, descriptor.slice(0, 20)).toBe(0);
      } else {
        expect(kept, descriptor).toBe(Type.getArgumentsAndReturnSizes(descriptor));
      }
      // The same chars in another string: the same sizes; another constant's index: not its value, 0.
      expect(reader.methodDescriptorSizesOf(descriptor.split('').join(''), index)).toBe(kept);
      expect(reader.methodDescriptorSizesOf('(Lwrong;)V', index)).toBe(0);
      expect(reader.methodDescriptorSizesOf(descriptor, 0)).toBe(0);
      expect(reader.methodDescriptorSizesOf(descriptor, reader.getItemCount())).toBe(0);
    }
  });

  it('give the max_locals COMPUTE_MAXS and COMPUTE_FRAMES start from (the arguments), through the transcoder and the events', () => {
    // Methods whose code ignores their arguments (aconst_null, athrow), written with max_locals 0: a
    // writer that computes them starts from the arguments' size, which it now takes from the reader.
    const writer = new ClassWriter(0);
    writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, 'p/Locals', null, 'java/lang/Object', null);
    DESCRIPTORS.forEach((descriptor, i) => {
      const method = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, `m${i}`, descriptor, null, null);
      method.visitCode();
      method.visitInsn(Opcodes.ACONST_NULL);
      method.visitInsn(Opcodes.ATHROW);
      method.visitMaxs(1, 0);
      method.visitEnd();
    });
    writer.visitEnd();
    const bytes = writer.toByteArray();
    const expected = DESCRIPTORS.map((descriptor) => (Type.getArgumentsAndReturnSizes(descriptor) >> 2) - 1);
    for (const flags of [ClassWriter.COMPUTE_MAXS, ClassWriter.COMPUTE_FRAMES]) {
      for (const throughEvents of [false, true]) {
        const rewriter = new ClassWriter(flags);
        new ClassReader(bytes).accept(throughEvents ? new ThroughEvents(rewriter) : rewriter, 0);
        const maxLocals: number[] = [];
        new ClassReader(rewriter.toByteArray()).accept(
          new (class extends ClassVisitor {
            override visitMethod() {
              return new (class extends MethodVisitor {
                override visitMaxs(_maxStack: number, locals: number) {
                  maxLocals.push(locals);
                }
              })(Opcodes.ASM9);
            }
          })(Opcodes.ASM9),
          0,
        );
        expect(maxLocals, `flags ${flags}, through events ${throughEvents}`).toEqual(expected);
      }
    }
  });
});
