// The README's "Trailing nulls may be left out" and "visitField also takes … true" hold for the
// TypeScript declarations too (this file is type-checked by `tsc -p tsconfig.test.json` in
// `npm test`: before, `cw.visitMethod(ACC_PUBLIC, 'run', '()V')`, `mv.visitTryCatchBlock(a, b, c)`
// and a `true` field constant were compile errors, though they ran), on the classes users call
// directly: ClassWriter, ClassNode, MethodNode and the visitor base classes.

import { describe, expect, it } from 'vitest';
import { ClassReader } from '../src/asm/class-reader.js';
import { ClassVisitor } from '../src/asm/class-visitor.js';
import { ClassWriter } from '../src/asm/class-writer.js';
import { Label } from '../src/asm/label.js';
import { Opcodes } from '../src/asm/opcodes.js';
import { ClassNode } from '../src/tree/class-node.js';
import { MethodNode } from '../src/tree/method-node.js';

describe('trailing nulls left out, in the declarations as at run time', () => {
  it('writes a class through ClassWriter with the short forms', () => {
    const cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, 'Gen', null, 'java/lang/Object', null);
    cw.visitField(Opcodes.ACC_STATIC | Opcodes.ACC_FINAL, 'Z', 'Z', null, true);
    cw.visitField(Opcodes.ACC_STATIC, 'plain', 'I');
    const mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, 'run', '()V')!;
    const start = new Label();
    const end = new Label();
    const handler = new Label();
    mv.visitCode();
    mv.visitTryCatchBlock(start, end, handler);
    mv.visitLabel(start);
    mv.visitInsn(Opcodes.NOP);
    mv.visitLabel(end);
    mv.visitInsn(Opcodes.RETURN);
    mv.visitLabel(handler);
    mv.visitInsn(Opcodes.ATHROW);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
    cw.visitEnd();
    const node = new ClassNode();
    new ClassReader(cw.toByteArray()).accept(node, 0);
    expect(node.fields.map((f) => [f.name, f.signature, f.value])).toEqual([
      ['Z', null, 1],
      ['plain', null, null],
    ]);
    const run = node.methods.find((m) => m.name === 'run')!;
    expect([run.signature, run.exceptions]).toEqual([null, []]);
    expect(run.tryCatchBlocks!.map((block) => block.type)).toEqual([null]);
  });

  it('builds a tree with the short forms (ClassNode, MethodNode, a ClassVisitor chain)', () => {
    const node = new ClassNode();
    node.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, 'Tree', null, 'java/lang/Object', null);
    node.visitField(Opcodes.ACC_PRIVATE, 'count', 'I');
    const method = node.visitMethod(Opcodes.ACC_PUBLIC, 'm', '()V') as MethodNode;
    const a = new Label();
    const b = new Label();
    method.visitTryCatchBlock(a, b, b);
    expect(method.tryCatchBlocks![0]!.type).toBeNull();
    expect([method.signature, method.exceptions]).toEqual([null, []]);
    // Through a ClassVisitor's declarations (what an adapter's `super.visitMethod` calls).
    const chain = new ClassVisitor(Opcodes.ASM9, node);
    chain.visitMethod(Opcodes.ACC_PUBLIC, 'n', '()V');
    chain.visitField(Opcodes.ACC_STATIC | Opcodes.ACC_FINAL, 'ON', 'Z', null, false);
    expect(node.methods.map((m) => [m.name, m.signature])).toEqual([
      ['m', null],
      ['n', null],
    ]);
    expect(node.fields.map((f) => f.name)).toEqual(['count', 'ON']);
  });
});
