// A tree transform that raises a class from version 49 (no StackMapTable) to 52 is written with frames:
// from 51 every method with branches needs a StackMapTable (JVMS §4.10.1) and the type checker has no
// fallback, so TreeBaseline copies no method raw (the originals have no frames) and computes them
// all, even when the caller asked for COMPUTE_MAXS (what the old version alone would call for).
// Oracle: HotSpot with -Xverify:all runs the result as it ran the original.

import { describe, expect, it } from 'vitest';
import { ClassReader } from '../src/asm/class-reader.js';
import { ClassWriter } from '../src/asm/class-writer.js';
import { Opcodes } from '../src/asm/opcodes.js';
import { ClassNode } from '../src/tree/class-node.js';
import { InsnNode } from '../src/tree/insn-node.js';
import { TreeBaseline } from '../src/tree/lossless-tree-writer.js';
import { asVersion49, compileRaised, RAISED_OUTPUT, runVerified } from './support/version-raise.js';

describe('TreeBaseline.write of a class raised to version 52', () => {
  it('computes the frames of every method, the untouched ones included', async () => {
    const old = asVersion49(await compileRaised());
    expect((await runVerified(old)).stdout).toBe(RAISED_OUTPUT);

    for (const changeOne of [false, true]) {
      const reader = new ClassReader(old);
      const node = new ClassNode(Opcodes.ASM9);
      reader.accept(node, ClassReader.SKIP_FRAMES);
      const baseline = new TreeBaseline(reader, node);
      node.version = Opcodes.V1_8;
      if (changeOne) node.methods.find((m) => m.name === 'main')!.instructions.insert(new InsnNode(Opcodes.NOP));
      const raised = baseline.write(node, ClassWriter.COMPUTE_MAXS);
      expect(new ClassReader(raised).readUnsignedShort(6)).toBe(52);
      const result = await runVerified(raised);
      expect(result.stderr, `changeOne=${changeOne}`).toBe('');
      expect(result.stdout).toBe(RAISED_OUTPUT);
    }
  });

  it('still copies untouched methods raw when the version stays on the same side of 51', async () => {
    const bytes = await compileRaised();
    const reader = new ClassReader(bytes);
    const node = new ClassNode(Opcodes.ASM9);
    reader.accept(node, ClassReader.SKIP_FRAMES);
    const baseline = new TreeBaseline(reader, node);
    node.version = Opcodes.V11;
    expect(baseline.unchangedMembers(node).size).toBe(node.methods.length + node.fields.length);
  });
});
