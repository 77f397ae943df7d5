// An array passed where an interface is expected, verified by inference (version 49, and version
// 50 after the failover). HotSpot's old verifier takes any class, or an array of as many
// dimensions, for an interface, but an array of more dimensions only for Cloneable or Serializable
// (check_code.c, merge_fullinfo_types). Our inference verifier, on ASM's SimpleVerifier, accepted
// any array for any interface: `[Ljava/lang/String;` for a Runnable, `[[I` for a
// `[Ljava/lang/Comparable;`. Each case is one class calling `sink(DST)` with a SRC; HotSpot's
// verdict (java -Xverify:all) is computed here and ours must be the same.

import { describe, expect, it } from 'vitest';
import { ClassWriter } from '../src/asm/class-writer.js';
import { Label } from '../src/asm/label.js';
import { Opcodes } from '../src/asm/opcodes.js';
import { ClassVerifier } from '../src/analysis/class-verifier.js';
import { ClassPath } from '../src/classpath/class-path.js';
import { verifyClasses } from '../src/testing/verify-classes.js';
import { javaHome } from './support/corpus.js';

const CASES: readonly [string, string][] = [
  ['[Ljava/lang/String;', 'Ljava/lang/Runnable;'],
  ['[[I', '[Ljava/lang/Comparable;'],
  ['[[Ljava/lang/Object;', '[Ljava/lang/CharSequence;'],
  ['[I', 'Ljava/util/List;'],
  ['[Ljava/lang/String;', 'Ljava/lang/Cloneable;'],
  ['[[I', '[Ljava/io/Serializable;'],
  ['[Ljava/lang/String;', '[Ljava/lang/Runnable;'],
  ['[[I', '[Ljava/lang/Runnable;'],
  ['Ljava/lang/String;', 'Ljava/lang/Runnable;'],
  ['[Ljava/lang/Thread;', '[Ljava/lang/Runnable;'],
];

/** Class `z/Case<n>`: `static void m(SRC x) { sink(x); }` and `static void sink(DST y) { }`. */
function caseClass(index: number, version: number, source: string, target: string): Uint8Array {
  const name = `z/Case${index}`;
  const writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
  writer.visit(version, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, name, null, 'java/lang/Object', null);
  const sink = writer.visitMethod(Opcodes.ACC_STATIC, 'sink', `(${target})V`, null, null)!;
  sink.visitCode();
  sink.visitInsn(Opcodes.RETURN);
  sink.visitMaxs(0, 0);
  sink.visitEnd();
  const method = writer.visitMethod(Opcodes.ACC_STATIC, 'm', `(${source})V`, null, null)!;
  method.visitCode();
  method.visitVarInsn(Opcodes.ALOAD, 0);
  method.visitMethodInsn(Opcodes.INVOKESTATIC, name, 'sink', `(${target})V`, false);
  method.visitInsn(Opcodes.RETURN);
  method.visitMaxs(0, 0);
  method.visitEnd();
  writer.visitEnd();
  return writer.toByteArray();
}

/**
 * Class `z/Merge<n>`: `static void m(boolean b, A x, B y) { Object v; if (b) v = x; else v = y; sink(v); }`
 * with `sink(DST)`. The merge of a class and an array is Object, which HotSpot takes for any
 * interface; ASM's Analyzer reaches `sink(v)` from the `else` branch first, with the array alone,
 * so the rule must wait for the merge (we rejected these while it did not).
 */
function mergeClass(index: number, version: number, first: string, second: string, target: string): Uint8Array {
  const name = `z/Merge${index}`;
  const writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
  writer.visit(version, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, name, null, 'java/lang/Object', null);
  const sink = writer.visitMethod(Opcodes.ACC_STATIC, 'sink', `(${target})V`, null, null)!;
  sink.visitCode();
  sink.visitInsn(Opcodes.RETURN);
  sink.visitMaxs(0, 0);
  sink.visitEnd();
  const method = writer.visitMethod(Opcodes.ACC_STATIC, 'm', `(Z${first}${second})V`, null, null)!;
  const otherwise = new Label();
  const join = new Label();
  method.visitCode();
  method.visitVarInsn(Opcodes.ILOAD, 0);
  method.visitJumpInsn(Opcodes.IFEQ, otherwise);
  method.visitVarInsn(Opcodes.ALOAD, 1);
  method.visitVarInsn(Opcodes.ASTORE, 3);
  method.visitJumpInsn(Opcodes.GOTO, join);
  method.visitLabel(otherwise);
  method.visitVarInsn(Opcodes.ALOAD, 2);
  method.visitVarInsn(Opcodes.ASTORE, 3);
  method.visitLabel(join);
  method.visitVarInsn(Opcodes.ALOAD, 3);
  method.visitMethodInsn(Opcodes.INVOKESTATIC, name, 'sink', `(${target})V`, false);
  method.visitInsn(Opcodes.RETURN);
  method.visitMaxs(0, 0);
  method.visitEnd();
  writer.visitEnd();
  return writer.toByteArray();
}

const MERGES: readonly [string, string, string][] = [
  ['Ljava/lang/String;', '[[I', 'Ljava/lang/Runnable;'],
  ['[[I', 'Ljava/lang/String;', 'Ljava/lang/Comparable;'],
  ['Ljava/lang/Thread;', '[Ljava/lang/String;', 'Ljava/lang/Runnable;'],
  ['[Ljava/lang/String;', '[Ljava/lang/Integer;', 'Ljava/lang/Runnable;'],
  ['[[I', '[[Ljava/lang/String;', '[Ljava/lang/Comparable;'],
];

describe('verify: an array where an interface is expected, by inference', () => {
  it.each([49, 50])('version %i: after a merge with a class, the verdict of HotSpot', async (version) => {
    const classes = new Map(MERGES.map(([first, second, target], i) => [`z/Merge${i}`, mergeClass(i, version, first, second, target)]));
    const hotspot = await verifyClasses(classes, { timeout: 300_000 });
    const rejectedByHotSpot = new Set(hotspot.failures.map((f) => f.className.replace(/\./g, '/')));
    const verifier = new ClassVerifier(new ClassPath([], { jdk: javaHome() }));
    const verdicts = MERGES.map(([first, second, target], i) => ({
      case: `merge(${first}, ${second}) -> ${target}`,
      hotspot: rejectedByHotSpot.has(`z/Merge${i}`),
      ours: verifier.verify(classes.get(`z/Merge${i}`)!).errors.length > 0,
    }));
    expect(verdicts.filter((v) => v.hotspot !== v.ours)).toEqual([]);
    expect(verdicts.some((v) => v.hotspot) && verdicts.some((v) => !v.hotspot)).toBe(true);
  }, 600_000);

  it.each([49, 50])('version %i: the verdict of HotSpot on every case', async (version) => {
    const classes = new Map(CASES.map(([source, target], i) => [`z/Case${i}`, caseClass(i, version, source, target)]));
    const hotspot = await verifyClasses(classes, { timeout: 300_000 });
    const rejectedByHotSpot = new Set(hotspot.failures.map((f) => f.className.replace(/\./g, '/')));
    for (const failure of hotspot.failures) expect(failure.error).toMatch(/^java\.lang\.VerifyError/);
    const verifier = new ClassVerifier(new ClassPath([], { jdk: javaHome() }));
    const verdicts = CASES.map(([source, target], i) => {
      const errors = verifier.verify(classes.get(`z/Case${i}`)!).errors;
      return { case: `${source} -> ${target}`, hotspot: rejectedByHotSpot.has(`z/Case${i}`), ours: errors.length > 0 };
    });
    expect(verdicts.filter((v) => v.hotspot !== v.ours)).toEqual([]);
    // Both verdicts occur, so the comparison means something.
    expect(verdicts.some((v) => v.hotspot) && verdicts.some((v) => !v.hotspot)).toBe(true);
  }, 600_000);
});
