// A tree transform that raises a class from version 49 (no StackMapTable) to 52 is written with frames:
// from 51 every method with branches needs a StackMapTable (JVMS §4.10.1) and the type checker has no
// fallback, so TreeBaseline copies no method raw (the originals have no frames) and computes them
// all, even when the caller asked for COMPUTE_MAXS (what the old version alone would call for).
// Oracle: HotSpot with -Xverify:all runs the result as it ran the original.

import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ClassReader } from '../src/asm/class-reader.js';
import { ClassVisitor } from '../src/asm/class-visitor.js';
import { ClassWriter } from '../src/asm/class-writer.js';
import { Opcodes } from '../src/asm/opcodes.js';
import { ClassNode } from '../src/tree/class-node.js';
import { InsnNode } from '../src/tree/insn-node.js';
import { TreeBaseline } from '../src/tree/lossless-tree-writer.js';
import { compileJava, makeTempDir, runJava } from './support/javac.js';

const SOURCE = `
public class Raised {
  static int sum(int[] values) {
    int s = 0;
    for (int v : values) { if (v < 0) continue; s += v; }
    return s;
  }
  static String kind(Object o) {
    if (o instanceof String) return "string";
    try { return o.toString().length() > 3 ? "long" : "short"; } catch (NullPointerException e) { return "null"; }
  }
  public static void main(String[] args) {
    System.out.println(sum(new int[] {1, -2, 3}) + " " + kind("x") + " " + kind(12345) + " " + kind(null));
  }
}
`;

const tempDirs: string[] = [];
afterAll(async () => {
  for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
});

/** The class rewritten as version 49 (Java 5): no StackMapTable, verified by type inference. */
function asVersion49(bytes: Uint8Array): Uint8Array {
  const writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
  new ClassReader(bytes).accept(
    new (class extends ClassVisitor {
      override visit(version: number, access: number, name: string, signature: string | null, superName: string | null, interfaces: string[] | null): void {
        super.visit(Opcodes.V1_5, access, name, signature, superName, interfaces);
      }
    })(Opcodes.ASM9, writer),
    ClassReader.SKIP_FRAMES,
  );
  return writer.toByteArray();
}

async function runRaised(bytes: Uint8Array): Promise<{ stdout: string; stderr: string }> {
  const dir = await makeTempDir('version-raise');
  tempDirs.push(dir);
  await writeFile(join(dir, 'Raised.class'), bytes);
  return runJava({ classpath: [dir], mainClass: 'Raised', jvmArgs: ['-Xverify:all'] });
}

describe('TreeBaseline.write of a class raised to version 52', () => {
  it('computes the frames of every method, the untouched ones included', async () => {
    const { classes } = await compileJava({ 'Raised.java': SOURCE }, { release: 8 });
    const old = asVersion49(classes.find((c) => c.name === 'Raised')!.bytes);
    expect((await runRaised(old)).stdout).toBe('4 string long null\n');

    for (const changeOne of [false, true]) {
      const reader = new ClassReader(old);
      const node = new ClassNode(Opcodes.ASM9);
      reader.accept(node, ClassReader.SKIP_FRAMES);
      const baseline = new TreeBaseline(reader, node);
      node.version = Opcodes.V1_8;
      if (changeOne) node.methods.find((m) => m.name === 'main')!.instructions.insert(new InsnNode(Opcodes.NOP));
      const raised = baseline.write(node, ClassWriter.COMPUTE_MAXS);
      expect(new ClassReader(raised).readUnsignedShort(6)).toBe(52);
      const result = await runRaised(raised);
      expect(result.stderr, `changeOne=${changeOne}`).toBe('');
      expect(result.stdout).toBe('4 string long null\n');
    }
  });

  it('still copies untouched methods raw when the version stays on the same side of 51', async () => {
    const { classes } = await compileJava({ 'Raised.java': SOURCE }, { release: 8 });
    const bytes = classes.find((c) => c.name === 'Raised')!.bytes;
    const reader = new ClassReader(bytes);
    const node = new ClassNode(Opcodes.ASM9);
    reader.accept(node, ClassReader.SKIP_FRAMES);
    const baseline = new TreeBaseline(reader, node);
    node.version = Opcodes.V11;
    expect(baseline.unchangedMembers(node).size).toBe(node.methods.length + node.fields.length);
  });
});
