// A transform that writes invalid code into one method of many is debugged from the error alone: the frame
// (and maxima) computation names the class and method it failed in, through ClassWriter and through the
// transform pipeline (classforge/testing, as `classforge transform` reports it).
import { describe, expect, it } from 'vitest';
import { ClassFormatError } from '../src/classfile/class-format-error.js';
import { ClassVisitor } from '../src/asm/class-visitor.js';
import { ClassWriter } from '../src/asm/class-writer.js';
import { Label } from '../src/asm/label.js';
import { MethodVisitor } from '../src/asm/method-visitor.js';
import { Opcodes } from '../src/asm/opcodes.js';
import { defineTransform } from '../src/transform/define-transform.js';
import { compileJava, transformClasses } from '../src/testing/index.js';

function writeUnderflow(flags: number): Uint8Array {
  const cw = new ClassWriter(flags);
  cw.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC, 'com/acme/Invalid', null, 'java/lang/Object', null);
  const mv = cw.visitMethod(Opcodes.ACC_STATIC, 'm', '(I)I', null, null);
  mv.visitCode();
  const next = new Label();
  mv.visitInsn(Opcodes.POP); // pops an empty stack (seen when the block's output frame is merged into the next)
  mv.visitJumpInsn(Opcodes.GOTO, next);
  mv.visitLabel(next);
  mv.visitInsn(Opcodes.ICONST_1);
  mv.visitInsn(Opcodes.IRETURN);
  mv.visitMaxs(0, 0);
  mv.visitEnd();
  cw.visitEnd();
  return cw.toByteArray();
}

describe('invalid code found while computing frames names its method', () => {
  it('COMPUTE_FRAMES: a ClassFormatError naming class, method and descriptor', () => {
    let thrown: unknown;
    try {
      writeUnderflow(ClassWriter.COMPUTE_FRAMES);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ClassFormatError);
    expect((thrown as Error).message).toMatch(/pops more values .* in com\/acme\/Invalid\.m\(I\)I$/);
  });

  it('a transform that breaks one method fails naming that method', async () => {
    const program = await compileJava({
      'com/acme/Two.java': `package com.acme;
        public class Two { int a() { return 1; } static void b() { } }`,
    });
    const popInB = defineTransform({
      name: 'pop-in-b',
      visitor: (next) =>
        new (class extends ClassVisitor {
          override visitMethod(access: number, name: string, descriptor: string, signature: string | null,
                               exceptions: string[] | null) {
            const mv = super.visitMethod(access, name, descriptor, signature, exceptions);
            if (name !== 'b') return mv;
            return new (class extends MethodVisitor {
              override visitCode() {
                super.visitCode();
                super.visitInsn(Opcodes.POP);
              }
            })(Opcodes.ASM9, mv);
          }
        })(Opcodes.ASM9, next),
    });
    await expect(transformClasses(program, popInB)).rejects.toThrow(/pop-in-b.*com\.acme\.Two.* in com\/acme\/Two\.b\(\)V/);
  });
});
