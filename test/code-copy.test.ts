// A method read straight into a MethodWriter that computes nothing has its Code attribute copied with
// new pool indices (src/asm/code-copy.ts) instead of visited: the class written must be the same,
// byte for byte, as when every instruction is visited. Here the visit is forced by a pass-through
// MethodVisitor between reader and writer (the reader then cannot see the writer), and both
// results are compared over java.base, the Debian jars, and hand-made code in the forms the copy
// leaves to the visit.

import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ClassReader } from '../src/asm/class-reader.js';
import { ClassVisitor } from '../src/asm/class-visitor.js';
import { ClassWriter } from '../src/asm/class-writer.js';
import { codeCopyStatistics } from '../src/asm/code-copy.js';
import { Label } from '../src/asm/label.js';
import { MethodVisitor } from '../src/asm/method-visitor.js';
import { Opcodes } from '../src/asm/opcodes.js';
import { type CorpusClass, corpusJars, jarClasses, javaBaseClasses } from './support/corpus.js';
import { compileFixtureBuild, fixtureBuilds } from './support/fixture-builds.js';

class VisitEveryMethod extends ClassVisitor {
  constructor(cv: ClassVisitor) {
    super(Opcodes.ASM9, cv);
  }
  override visitMethod(access: number, name: string, descriptor: string, signature: string | null, exceptions: string[] | null): MethodVisitor | null {
    const mv = super.visitMethod(access, name, descriptor, signature, exceptions);
    return mv === null ? null : new MethodVisitor(Opcodes.ASM9, mv);
  }
}

type Outcome = { bytes: Uint8Array } | { error: string };

function rewrite(bytes: Uint8Array, parsingOptions: number, visit: boolean): Outcome {
  try {
    const reader = new ClassReader(bytes);
    const writer = new ClassWriter(0);
    reader.accept(visit ? new VisitEveryMethod(writer) : writer, parsingOptions);
    return { bytes: writer.toByteArray() };
  } catch (error) {
    return { error: String(error) };
  }
}

const OPTIONS: readonly [string, number][] = [
  ['0', 0],
  ['SKIP_DEBUG', ClassReader.SKIP_DEBUG],
  ['SKIP_FRAMES', ClassReader.SKIP_FRAMES],
];

/** The classes whose copy differs from their visit, for each parsing option; and how many methods were copied. */
function compare(classes: readonly CorpusClass[]): { differences: string[]; copied: number; gaveUp: number } {
  const differences: string[] = [];
  const before = { ...codeCopyStatistics };
  for (const [optionName, parsingOptions] of OPTIONS) {
    for (const { name, bytes } of classes) {
      const copied = rewrite(bytes, parsingOptions, false);
      const visited = rewrite(bytes, parsingOptions, true);
      const same =
        'bytes' in copied && 'bytes' in visited ? Buffer.from(copied.bytes).equals(Buffer.from(visited.bytes)) : JSON.stringify(copied) === JSON.stringify(visited);
      if (!same) differences.push(`${name} (${optionName})`);
    }
  }
  return { differences, copied: codeCopyStatistics.copied - before.copied, gaveUp: codeCopyStatistics.gaveUp - before.gaveUp };
}

describe('code copy in a full rewrite', () => {
  let javaBase: CorpusClass[] = [];
  beforeAll(async () => {
    javaBase = await javaBaseClasses();
  });

  it('writes every class of java.base as the visit does', { timeout: 300_000 }, () => {
    const { differences, copied, gaveUp } = compare(javaBase);
    console.log(`java.base: ${javaBase.length} classes × ${OPTIONS.length} parsing options, ${copied} Code attributes copied, ${gaveUp} visited after all`);
    expect(differences.slice(0, 20)).toEqual([]);
    // Not a vacuous comparison: nearly every method is copied.
    expect(copied).toBeGreaterThan(20 * gaveUp);
  });

  for (const jar of corpusJars) {
    it.runIf(existsSync(jar))(`writes every class of ${jar} as the visit does`, { timeout: 300_000 }, async () => {
      const classes = await jarClasses(jar);
      const { differences, copied, gaveUp } = compare(classes);
      console.log(`${jar}: ${classes.length} classes, ${copied} Code attributes copied, ${gaveUp} visited after all`);
      expect(differences.slice(0, 20)).toEqual([]);
      expect(copied).toBeGreaterThan(0);
    });
  }
});

/**
 * A class with one static method `m` whose code `emit` writes, then whose bytes `patch` may change
 * (to make forms that MethodWriter never writes itself).
 */
function oneMethodClass(emit: (mv: MethodVisitor) => void, patch?: (bytes: Uint8Array) => void): CorpusClass {
  const cw = new ClassWriter(0);
  cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, 'Gen', null, 'java/lang/Object', null);
  const mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, 'm', '(I)I', null, null)!;
  mv.visitCode();
  emit(mv);
  mv.visitEnd();
  cw.visitEnd();
  const bytes = cw.toByteArray();
  patch?.(bytes);
  return { name: 'Gen', bytes };
}

/** Replaces the first occurrence of `from` in `bytes` by `to` (same length). */
function replaceBytes(bytes: Uint8Array, from: number[], to: number[]): void {
  for (let i = 0; i + from.length <= bytes.length; ++i) {
    if (from.every((b, j) => bytes[i + j] === b)) {
      bytes.set(to, i);
      return;
    }
  }
  throw new Error(`bytes ${from} not found`);
}

// sipush 0x1234 marks where the instruction to patch starts.
const MARK = [0x11, 0x12, 0x34];

describe('code copy gives up on forms MethodWriter writes otherwise, and the visit writes them', () => {
  const cases: [string, CorpusClass][] = [
    [
      'iload 0 (written iload_0)',
      oneMethodClass(
        (mv) => {
          mv.visitIntInsn(Opcodes.SIPUSH, 0x1234);
          mv.visitInsn(Opcodes.POP);
          mv.visitVarInsn(Opcodes.ILOAD, 5);
          mv.visitInsn(Opcodes.IRETURN);
          mv.visitMaxs(1, 6);
        },
        (bytes) => replaceBytes(bytes, [...MARK, 0x57, 0x15, 5], [...MARK, 0x57, 0x15, 0]),
      ),
    ],
    [
      'wide iload 5 (written iload 5)',
      oneMethodClass(
        (mv) => {
          mv.visitIntInsn(Opcodes.SIPUSH, 0x1234);
          mv.visitInsn(Opcodes.POP);
          mv.visitVarInsn(Opcodes.ILOAD, 300);
          mv.visitInsn(Opcodes.IRETURN);
          mv.visitMaxs(1, 301);
        },
        (bytes) => replaceBytes(bytes, [...MARK, 0x57, 0xc4, 0x15, 1, 44], [...MARK, 0x57, 0xc4, 0x15, 0, 5]),
      ),
    ],
    [
      'wide iinc 5 1 (written iinc 5 1)',
      oneMethodClass(
        (mv) => {
          mv.visitIntInsn(Opcodes.SIPUSH, 0x1234);
          mv.visitInsn(Opcodes.POP);
          mv.visitIincInsn(300, 1);
          mv.visitVarInsn(Opcodes.ILOAD, 0);
          mv.visitInsn(Opcodes.IRETURN);
          mv.visitMaxs(1, 301);
        },
        (bytes) => replaceBytes(bytes, [...MARK, 0x57, 0xc4, 0x84, 1, 44, 0, 1], [...MARK, 0x57, 0xc4, 0x84, 0, 5, 0, 1]),
      ),
    ],
    [
      'goto_w (written goto)',
      oneMethodClass((mv) => {
        const target = new Label();
        mv.visitJumpInsn(200 /* GOTO_W */, target);
        mv.visitLabel(target);
        mv.visitVarInsn(Opcodes.ILOAD, 0);
        mv.visitInsn(Opcodes.IRETURN);
        mv.visitMaxs(1, 1);
      }),
    ],
    [
      'line numbers out of code order (written in code order)',
      oneMethodClass((mv) => {
        const first = new Label();
        const second = new Label();
        mv.visitLabel(first);
        mv.visitVarInsn(Opcodes.ILOAD, 0);
        mv.visitLabel(second);
        mv.visitInsn(Opcodes.IRETURN);
        mv.visitLineNumber(20, second);
        mv.visitLineNumber(10, first);
        mv.visitMaxs(1, 1);
      }),
    ],
  ];
  for (const [name, generated] of cases) {
    it(name, () => {
      const { differences, copied, gaveUp } = compare([generated]);
      expect(differences).toEqual([]);
      expect(gaveUp).toBe(OPTIONS.length - (name.startsWith('line numbers') ? 1 : 0));
      expect(copied).toBe(OPTIONS.length - gaveUp);
    });
  }
});

describe('code copy of the fixtures', () => {
  for (const build of fixtureBuilds()) {
    it.skipIf(build.skipReason !== null)(`writes every fixture class (${build.name}) as the visit does`, { timeout: 300_000 }, async () => {
      const compiled = await compileFixtureBuild(build);
      const { differences, copied } = compare(compiled.classes.map((c) => ({ name: c.name, bytes: c.bytes })));
      expect(differences).toEqual([]);
      expect(copied).toBeGreaterThan(0);
    });
  }
});
