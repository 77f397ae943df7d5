// Array types in computed frames (JVMS §4.7.4: an Object_variable_info names a CONSTANT_Class whose
// name is the array's descriptor). The writer memoizes the Class constant of each array abstract type
// per class (SymbolTable.getArrayTypeConstantClassIndex): arrays that differ only in their element
// type, their element class or their dimensions must each keep their own constant, in every frame
// that holds them, on both the transcoder's path and the events path.

import { describe, expect, it } from 'vitest';
import { ClassReader } from '../src/asm/class-reader.js';
import { ClassVisitor } from '../src/asm/class-visitor.js';
import { ClassWriter } from '../src/asm/class-writer.js';
import { Label } from '../src/asm/label.js';
import { MethodVisitor } from '../src/asm/method-visitor.js';
import { Opcodes } from '../src/asm/opcodes.js';
import type { Utf8Constant } from '../src/classfile/constant-pool.js';
import { readRawClassFile } from '../src/classfile/raw-class-file.js';

const ARRAYS = ['[I', '[J', '[Z', '[Ljava/lang/String;', '[[Ljava/lang/String;', '[Ljava/lang/Object;', '[[I'];

/**
 * A class whose static method `pick(I)V` keeps one array of each type of ARRAYS in locals 1…n (each
 * made with NEWARRAY, ANEWARRAY or MULTIANEWARRAY) and then branches twice, so that frames after the
 * joins hold all of them (twice each: the writer must name the same constant again).
 */
function arraysClass(): Uint8Array {
  const cw = new ClassWriter(0);
  cw.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, 'Arrays', null, 'java/lang/Object', null);
  const mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, 'pick', '(I)V', null, null);
  mv.visitCode();
  ARRAYS.forEach((descriptor, i) => {
    mv.visitInsn(Opcodes.ICONST_1);
    if (descriptor.startsWith('[[')) {
      mv.visitInsn(Opcodes.ICONST_1);
      mv.visitMultiANewArrayInsn(descriptor, 2);
    } else if (descriptor.startsWith('[L')) {
      mv.visitTypeInsn(Opcodes.ANEWARRAY, descriptor.slice(2, -1));
    } else {
      const type = { '[I': Opcodes.T_INT, '[J': Opcodes.T_LONG, '[Z': Opcodes.T_BOOLEAN }[descriptor]!;
      mv.visitIntInsn(Opcodes.NEWARRAY, type);
    }
    mv.visitVarInsn(Opcodes.ASTORE, i + 1);
  });
  for (let join = 0; join < 2; ++join) {
    const skip = new Label();
    mv.visitVarInsn(Opcodes.ILOAD, 0);
    mv.visitJumpInsn(Opcodes.IFEQ, skip);
    mv.visitIincInsn(0, -1);
    mv.visitLabel(skip);
  }
  mv.visitInsn(Opcodes.RETURN);
  mv.visitMaxs(0, 0);
  mv.visitEnd();
  cw.visitEnd();
  return cw.toByteArray();
}

/** The locals of each frame the reader visits in `pick`, as the reader gives them (names of classes and arrays). */
function frameLocals(bytes: Uint8Array): unknown[][] {
  const frames: unknown[][] = [];
  new ClassReader(bytes).accept(
    new (class extends ClassVisitor {
      override visitMethod(): MethodVisitor {
        return new (class extends MethodVisitor {
          override visitFrame(_type: number, numLocal: number, local: unknown[] | null): void {
            frames.push((local ?? []).slice(0, numLocal));
          }
        })(Opcodes.ASM9);
      }
    })(Opcodes.ASM9),
    ClassReader.EXPAND_FRAMES,
  );
  return frames;
}

/** COMPUTE_FRAMES through the transcoder (the reader straight into the writer) or the events (a pass-through adapter). */
function rewrite(bytes: Uint8Array, throughEvents: boolean): Uint8Array {
  const reader = new ClassReader(bytes);
  const writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES);
  reader.accept(throughEvents ? new (class extends ClassVisitor {})(Opcodes.ASM9, writer) : writer, ClassReader.SKIP_FRAMES);
  return writer.toByteArray();
}

describe('array types in computed frames', () => {
  for (const throughEvents of [false, true]) {
    it(`name each array's own CONSTANT_Class in every frame (${throughEvents ? 'events' : 'transcoder'})`, () => {
      const bytes = rewrite(arraysClass(), throughEvents);
      const frames = frameLocals(bytes);
      expect(frames).toHaveLength(2);
      for (const locals of frames) expect(locals).toEqual([Opcodes.INTEGER, ...ARRAYS]);
      // One constant per array descriptor, however many frames name it.
      const pool = readRawClassFile(bytes).constantPool.entries;
      const classNames = pool.flatMap((entry) => (entry?.kind === 'Class' ? [(pool[entry.nameIndex] as Utf8Constant).value] : []));
      for (const descriptor of ARRAYS) expect(classNames.filter((name) => name === descriptor)).toHaveLength(1);
    });
  }

  it('keeps the constants of one class out of the next one (one memo per writer)', () => {
    const first = rewrite(arraysClass(), false);
    const second = rewrite(arraysClass(), false);
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
  });
});
