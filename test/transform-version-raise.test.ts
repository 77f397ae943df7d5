// A transform that raises a class from version 49 (no StackMapTable) to 52, visitor or tree style, gets
// output HotSpot verifies: from 51 every method with branches needs a StackMapTable (JVMS §4.10.1) and the
// type checker has no fallback, so no original method may be copied raw (none has frames) and the
// writer computes the frames of all of them, even though the original version alone calls for
// COMPUTE_MAXS. Oracle: HotSpot with -Xverify:all runs the result as it ran the original.

import { describe, expect, it } from 'vitest';
import { ClassReader } from '../src/asm/class-reader.js';
import { ClassVisitor } from '../src/asm/class-visitor.js';
import { ClassWriter } from '../src/asm/class-writer.js';
import { Label } from '../src/asm/label.js';
import { MethodVisitor } from '../src/asm/method-visitor.js';
import { Opcodes } from '../src/asm/opcodes.js';
import { ClassPath } from '../src/classpath/class-path.js';
import { applyTransforms } from '../src/transform/apply-transforms.js';
import { defineTransform, type TransformDefinition } from '../src/transform/define-transform.js';
import { asVersion49, compileRaised, RAISED_OUTPUT, runVerified as run, versionSetter } from './support/version-raise.js';

/**
 * A version 49 class whose `twice(x)` calls a jsr/ret subroutine (as javac 1.4 compiled finally
 * blocks) that clamps x at 0 and adds 1, then returns 2x: main prints twice(3) and twice(-5), 8 and 2.
 */
function subroutineClass(): Uint8Array {
  const writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
  writer.visit(Opcodes.V1_5, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, 'Sub', null, 'java/lang/Object', null);
  const twice = writer.visitMethod(Opcodes.ACC_STATIC, 'twice', '(I)I', null, null)!;
  twice.visitCode();
  const subroutine = new Label();
  const positive = new Label();
  twice.visitJumpInsn(Opcodes.JSR, subroutine);
  twice.visitVarInsn(Opcodes.ILOAD, 0);
  twice.visitInsn(Opcodes.ICONST_2);
  twice.visitInsn(Opcodes.IMUL);
  twice.visitInsn(Opcodes.IRETURN);
  twice.visitLabel(subroutine);
  twice.visitVarInsn(Opcodes.ASTORE, 1);
  twice.visitVarInsn(Opcodes.ILOAD, 0);
  twice.visitJumpInsn(Opcodes.IFGE, positive);
  twice.visitInsn(Opcodes.ICONST_0);
  twice.visitVarInsn(Opcodes.ISTORE, 0);
  twice.visitLabel(positive);
  twice.visitIincInsn(0, 1);
  twice.visitVarInsn(Opcodes.RET, 1);
  twice.visitMaxs(0, 0);
  twice.visitEnd();
  const main = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, 'main', '([Ljava/lang/String;)V', null, null)!;
  main.visitCode();
  for (const value of [3, -5]) {
    main.visitFieldInsn(Opcodes.GETSTATIC, 'java/lang/System', 'out', 'Ljava/io/PrintStream;');
    main.visitIntInsn(Opcodes.BIPUSH, value);
    main.visitMethodInsn(Opcodes.INVOKESTATIC, 'Sub', 'twice', '(I)I', false);
    main.visitMethodInsn(Opcodes.INVOKEVIRTUAL, 'java/io/PrintStream', 'println', '(I)V', false);
  }
  main.visitInsn(Opcodes.RETURN);
  main.visitMaxs(0, 0);
  main.visitEnd();
  writer.visitEnd();
  return writer.toByteArray();
}

/** A pass-through method visitor: the method's events go through a transform's own visitor. */
class Wrapping extends MethodVisitor {}

const transforms: Record<string, TransformDefinition> = {
  'visitor, methods not wrapped': defineTransform({ name: 'raise', visitor: (next) => versionSetter(Opcodes.V1_8, next) }),
  'visitor, every method wrapped': defineTransform({
    name: 'raise-wrapping',
    visitor: (next) =>
      new (class extends ClassVisitor {
        override visit(_version: number, access: number, name: string, signature: string | null, superName: string | null, interfaces: string[] | null): void {
          super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
        }
        override visitMethod(access: number, name: string, descriptor: string, signature: string | null, exceptions: string[] | null): MethodVisitor | null {
          return new Wrapping(Opcodes.ASM9, super.visitMethod(access, name, descriptor, signature, exceptions));
        }
      })(Opcodes.ASM9, next),
  }),
  tree: defineTransform({ name: 'raise-tree', tree: (node) => { node.version = Opcodes.V1_8; } }),
};

describe('a transform raising a class from version 49 to 52', () => {
  it.each(Object.keys(transforms))('%s: every method gets frames, HotSpot verifies the class', async (style) => {
    const old = asVersion49(await compileRaised());
    expect((await run(old)).stdout).toBe(RAISED_OUTPUT);

    const result = applyTransforms(old, [{ definition: transforms[style]!, options: {} }], { classPath: new ClassPath([]) });
    expect(result.status).toBe('changed');
    expect(new ClassReader(result.bytes).readUnsignedShort(6)).toBe(52);
    const raised = await run(result.bytes);
    expect(raised.stderr).toBe('');
    expect(raised.stdout).toBe(RAISED_OUTPUT);
  });
});

describe('a transform raising a class with jsr/ret subroutines from version 49 to 52', () => {
  it.each(Object.keys(transforms))('%s: the subroutines are inlined (illegal from 51), HotSpot verifies the class', async (style) => {
    const old = subroutineClass();
    expect((await run(old, 'Sub')).stdout).toBe('8\n2\n');

    const result = applyTransforms(old, [{ definition: transforms[style]!, options: {} }], { classPath: new ClassPath([]) });
    expect(new ClassReader(result.bytes).readUnsignedShort(6)).toBe(52);
    const raised = await run(result.bytes, 'Sub');
    expect(raised.stderr).toBe('');
    expect(raised.stdout).toBe('8\n2\n');
  });
});
