// A class to raise from version 49 to 52 (tests tree-version-raise and transform-version-raise): loops,
// an instanceof and a handler, so that from 51 its methods need a StackMapTable (JVMS §4.10.1), which
// version 49 classes do not have. Its main prints RAISED_OUTPUT.

import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { ClassReader } from '../../src/asm/class-reader.js';
import { ClassVisitor } from '../../src/asm/class-visitor.js';
import { ClassWriter } from '../../src/asm/class-writer.js';
import { Opcodes } from '../../src/asm/opcodes.js';
import { compileJava, makeTempDir, runJava } from './javac.js';

export const RAISED_SOURCE = `
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

export const RAISED_OUTPUT = '4 string long null\n';

/** A ClassVisitor that passes the class on as `version`. */
export function versionSetter(version: number, next: ClassVisitor): ClassVisitor {
  return new (class extends ClassVisitor {
    override visit(_version: number, access: number, name: string, signature: string | null, superName: string | null, interfaces: string[] | null): void {
      super.visit(version, access, name, signature, superName, interfaces);
    }
  })(Opcodes.ASM9, next);
}

/** `bytes` rewritten as version 49 (Java 5): no StackMapTable, verified by type inference. */
export function asVersion49(bytes: Uint8Array): Uint8Array {
  const writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
  new ClassReader(bytes).accept(versionSetter(Opcodes.V1_5, writer), ClassReader.SKIP_FRAMES);
  return writer.toByteArray();
}

/** Raised compiled by javac (--release 8). */
export async function compileRaised(): Promise<Uint8Array> {
  const { classes } = await compileJava({ 'Raised.java': RAISED_SOURCE }, { release: 8 });
  return classes.find((c) => c.name === 'Raised')!.bytes;
}

const tempDirs: string[] = [];
afterAll(async () => {
  for (const dir of tempDirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** Runs the class `name` (its bytes) under -Xverify:all. */
export async function runVerified(bytes: Uint8Array, name = 'Raised'): Promise<{ stdout: string; stderr: string }> {
  const dir = await makeTempDir('version-raise');
  tempDirs.push(dir);
  await writeFile(join(dir, `${name}.class`), bytes);
  return runJava({ classpath: [dir], mainClass: name, jvmArgs: ['-Xverify:all'] });
}
