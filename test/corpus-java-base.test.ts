// Every class of the JDK's java.base through the copy path (byte-identical) and through a full
// rewrite (structurally identical): the lossless promise of issue [core].

import { beforeAll, describe, expect, it } from 'vitest';
import { ClassVisitor } from '../src/asm/class-visitor.js';
import type { ConstantValue } from '../src/asm/java-values.js';
import { MethodVisitor } from '../src/asm/method-visitor.js';
import { Opcodes } from '../src/asm/opcodes.js';
import { type CorpusClass, javaBaseClasses } from './support/corpus.js';
import { checkCopyPath, checkFullRewrite, formatRoundTrip } from './support/corpus-round-trip.js';

describe('java.base corpus', () => {
  let classes: CorpusClass[] = [];

  beforeAll(async () => {
    classes = await javaBaseClasses();
  });

  it('holds the classes of java.base', () => {
    expect(classes.length).toBeGreaterThan(5000);
    expect(classes.some((c) => c.name === 'java/lang/Object')).toBe(true);
    expect(classes.some((c) => c.name === 'module-info')).toBe(true);
  });

  it('copy path returns every class byte for byte', () => {
    const result = checkCopyPath(classes);
    const report = formatRoundTrip('java.base copy path', result);
    console.log(report.split('\n')[0]);
    expect(result.failures, report).toEqual([]);
  });

  it('full rewrite gives every class an equal structural dump', () => {
    const result = checkFullRewrite(classes);
    const report = formatRoundTrip('java.base full rewrite', result);
    console.log(report.split('\n')[0]);
    expect(result.failures, report).toEqual([]);
  });

  it('both checks name the classes a transform changed', () => {
    // Guards against vacuous checks: a one-instruction change and a one-constant change must fail them.
    const sample = ['java/lang/Object', 'java/lang/String', 'java/util/ArrayList'].map(
      (name) => classes.find((c) => c.name === name)!,
    );
    const prependNop = (next: ClassVisitor): ClassVisitor =>
      new (class extends ClassVisitor {
        override visitMethod(access: number, name: string, descriptor: string, signature: string | null, exceptions: string[] | null) {
          const mv = super.visitMethod(access, name, descriptor, signature, exceptions);
          if (mv === null) return null;
          return new (class extends MethodVisitor {
            override visitCode(): void {
              super.visitCode();
              super.visitInsn(Opcodes.NOP);
            }
          })(Opcodes.ASM9, mv);
        }
      })(Opcodes.ASM9, next);
    const changeStrings = (next: ClassVisitor): ClassVisitor =>
      new (class extends ClassVisitor {
        override visitMethod(access: number, name: string, descriptor: string, signature: string | null, exceptions: string[] | null) {
          const mv = super.visitMethod(access, name, descriptor, signature, exceptions);
          if (mv === null) return null;
          return new (class extends MethodVisitor {
            override visitLdcInsn(value: ConstantValue): void {
              super.visitLdcInsn(typeof value === 'string' ? value + '!' : value);
            }
          })(Opcodes.ASM9, mv);
        }
      })(Opcodes.ASM9, next);
    for (const transform of [prependNop, changeStrings]) {
      for (const check of [checkCopyPath, checkFullRewrite]) {
        const result = check(sample, transform);
        // Each sample class has code and loads a string constant (Object.wait: "timeoutMillis value is negative").
        const failed = result.failures.map((f) => f.slice(0, f.indexOf(':')));
        expect(failed, formatRoundTrip(check.name, result)).toEqual(sample.map((c) => c.name));
      }
    }
  });
});
