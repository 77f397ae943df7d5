// What a transform changed, as unified diffs: classforge/testing's diffClasses and `classforge diff`
// (the built CLI) on javac's classes and their transformed copies — class files, directories and
// jars; exit 0 when the same, 1 when they differ, 2 on bad input (diff(1)'s convention).
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { ClassVisitor, Label, MethodVisitor, Opcodes, defineTransform } from '../src/index.js';
import { compileJava, diffClasses, transformClasses, writeClassFiles, type CompiledClasses, type TransformedClasses } from '../src/testing/index.js';
import { makeTempDir, PROJECT_ROOT } from './support/javac.js';

const CLI = join(PROJECT_ROOT, 'dist', 'cli', 'classforge.js');

/** Prints "enter <method>" at the start of every method of com.acme.Calc. */
const enter = defineTransform({
  name: 'enter',
  include: ['com.acme.Calc'],
  visitor: (next) =>
    new (class extends ClassVisitor {
      override visitMethod(access: number, name: string, descriptor: string, signature: string | null, exceptions: string[] | null): MethodVisitor | null {
        const mv = super.visitMethod(access, name, descriptor, signature, exceptions);
        return new (class extends MethodVisitor {
          override visitCode(): void {
            super.visitCode();
            super.visitFieldInsn(Opcodes.GETSTATIC, 'java/lang/System', 'out', 'Ljava/io/PrintStream;');
            super.visitLdcInsn(`enter ${name}`);
            super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, 'java/io/PrintStream', 'println', '(Ljava/lang/String;)V', false);
          }
        })(Opcodes.ASM9, mv);
      }
    })(Opcodes.ASM9, next),
});

let program: CompiledClasses;
let traced: TransformedClasses;
let work = '';

beforeAll(async () => {
  program = await compileJava({
    'com/acme/Calc.java': 'package com.acme; public class Calc { static int twice(int x) { return 2 * x; } static int half(int x) { return x / 2; } }',
    'com/acme/Other.java': 'package com.acme; public class Other { int size() { return 1; } }',
  });
  traced = await transformClasses(program, enter);
  work = await makeTempDir('diff-classes');
});

describe('diffClasses', () => {
  it("shows each change as a hunk, headed by the member before it (git's function context)", () => {
    const diff = diffClasses(program, traced, { skipDebug: true, context: 1 });
    expect(diff.same).toBe(false);
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
    expect(diff.changed.map((c) => c.name)).toEqual(['com/acme/Calc']);
    const println = [
      '+    GETSTATIC java/lang/System.out : Ljava/io/PrintStream;',
      '+    LDC "enter %"',
      '+    INVOKEVIRTUAL java/io/PrintStream.println (Ljava/lang/String;)V',
    ].join('\n');
    const entered = (method: string) => println.replace('%', method);
    expect(diff.changed[0]!.diff).toBe(
      [
        '--- a/com/acme/Calc',
        '+++ b/com/acme/Calc',
        '@@ -7,2 +7,5 @@',
        '   public <init>()V',
        entered('<init>'),
        '     ALOAD 0',
        '@@ -10,3 +13,3 @@ public <init>()V',
        '     RETURN',
        '-    MAXSTACK = 1',
        '+    MAXSTACK = 2',
        '     MAXLOCALS = 1',
        '@@ -15,2 +18,5 @@ public <init>()V',
        '   static twice(I)I',
        entered('twice'),
        '     ICONST_2',
        '@@ -24,2 +30,5 @@ static twice(I)I',
        '   static half(I)I',
        entered('half'),
        '     ILOAD 0',
        '',
      ].join('\n'),
    );
    expect(diff.toString()).toBe(diff.changed[0]!.diff);
  });

  it('names labels by source line, so that a label inserted at the start renumbers nothing', async () => {
    const loops = await compileJava({ 'demo/Loop.java': 'package demo; public class Loop { static int sum(int n) { int s = 0;\n for (int i = 0; i < n; i++) {\n s += i;\n }\n return s; } }' });
    // A jump over nothing, and its label, before the method's code: ASM's L0, L1… would all shift by one.
    const jumpFirst = defineTransform({
      name: 'jump-first',
      visitor: (next) =>
        new (class extends ClassVisitor {
          override visitMethod(access: number, name: string, descriptor: string, signature: string | null, exceptions: string[] | null): MethodVisitor | null {
            const mv = super.visitMethod(access, name, descriptor, signature, exceptions);
            return name !== 'sum'
              ? mv
              : new (class extends MethodVisitor {
                  override visitCode(): void {
                    super.visitCode();
                    const over = new Label();
                    super.visitJumpInsn(Opcodes.GOTO, over);
                    super.visitLabel(over);
                  }
                })(Opcodes.ASM9, mv);
          }
        })(Opcodes.ASM9, next),
    });
    const jumped = await transformClasses(loops, jumpFirst);
    const diff = diffClasses(loops, jumped).toString();
    // The jump's target is the first line's label (one label per offset, as the reader makes them).
    expect(diff).toContain('+    GOTO L1\n    L1\n     LINENUMBER 1 L1\n');
    // Besides the new code, only frames changed (the first frame is new, the next one relative to it):
    // every label keeps its name, where ASM's L0, L1… would all have moved.
    const removed = diff.split('\n').filter((line) => line.startsWith('-') && !line.startsWith('---'));
    expect(removed).toEqual(['-   FRAME CHOP 1']);
    expect(diff).toContain('     GOTO L2_1\n    L5\n');
  });

  it('is the same for a class and itself, and lists added and removed classes', () => {
    expect(diffClasses(program, program).same).toBe(true);
    expect(diffClasses(program, program).toString()).toBe('');
    const fewer = new Map([...program.classes].filter(([name]) => name !== 'com/acme/Other'));
    const diff = diffClasses(fewer, program);
    expect(diff.added).toEqual(['com/acme/Other']);
    expect(diff.toString()).toBe('Only in the second: com/acme/Other\n');
    expect(diffClasses(program, fewer).removed).toEqual(['com/acme/Other']);
    expect(diffClasses(program, traced, { classes: ['com.acme.Other'] }).same).toBe(true);
  });
});

async function classforge(...args: string[]) {
  const result = await execa('node', [CLI, ...args], { reject: false, stripFinalNewline: false });
  return { exitCode: result.exitCode ?? -1, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

async function jarOf(classes: ReadonlyMap<string, Uint8Array>, path: string): Promise<string> {
  const zip = new JSZip();
  for (const [name, bytes] of classes) zip.file(`${name}.class`, bytes);
  await writeFile(path, await zip.generateAsync({ type: 'uint8array' }));
  return path;
}

describe.skipIf(!existsSync(CLI))('classforge diff', () => {
  it('compares directories, jars and class files; exit 0 when the same, 1 when they differ', async () => {
    const before = join(work, 'before');
    const after = join(work, 'after');
    writeClassFiles(program, before);
    writeClassFiles(traced, after);
    const dirs = await classforge('diff', before, after, '--skip-debug');
    expect(dirs.exitCode).toBe(1);
    expect(dirs.stderr).toBe('');
    expect(dirs.stdout).toBe(diffClasses(program, traced, { skipDebug: true }).toString());
    const jars = await classforge('diff', await jarOf(program.classes, join(work, 'before.jar')), await jarOf(traced.classes, join(work, 'after.jar')), '--skip-debug');
    expect(jars).toEqual(dirs);
    // A directory against a jar of the same classes: the same.
    expect((await classforge('diff', before, join(work, 'before.jar'))).exitCode).toBe(0);
    const files = await classforge('diff', join(before, 'com/acme/Calc.class'), join(after, 'com/acme/Calc.class'), '-U', '0', '--skip-debug');
    expect(files.exitCode).toBe(1);
    expect(files.stdout).toMatch(/^@@ -\d+,0 \+\d+,3 @@ static twice\(I\)I$/m);
    const json = await classforge('diff', before, after, '--json', '--class', 'com.acme.**');
    expect(JSON.parse(json.stdout)).toMatchObject({ same: false, added: [], removed: [], changed: [{ class: 'com/acme/Calc' }] });
    expect((await classforge('diff', before, after, '--class', 'com.acme.Other')).exitCode).toBe(0);
    const stat = await classforge('diff', before, after, '--stat', '--skip-debug');
    expect(stat).toMatchObject({ exitCode: 1, stdout: 'com/acme/Calc | +10 -1\n' });
  });

  it('compares the other entries of jars and directories too (resources, the manifest), unless --class is given', async () => {
    const withResources = async (path: string, classes: ReadonlyMap<string, Uint8Array>, resources: Record<string, string>) => {
      const zip = new JSZip();
      for (const [name, bytes] of classes) zip.file(`${name}.class`, bytes);
      for (const [name, text] of Object.entries(resources)) zip.file(name, text);
      await writeFile(path, await zip.generateAsync({ type: 'uint8array' }));
      return path;
    };
    const first = await withResources(join(work, 'first.jar'), program.classes, { 'app.properties': 'a=1\n', 'META-INF/gone.txt': 'x' });
    const second = await withResources(join(work, 'second.jar'), program.classes, { 'app.properties': 'a=2\n', 'extra.txt': 'y' });
    const result = await classforge('diff', first, second);
    expect(result).toMatchObject({ exitCode: 1, stderr: '' });
    expect(result.stdout).toBe('Only in the first: entry META-INF/gone.txt\nOnly in the second: entry extra.txt\nEntries differ: app.properties\n');
    expect(JSON.parse((await classforge('diff', first, second, '--json')).stdout).entries).toEqual({
      added: ['extra.txt'],
      removed: ['META-INF/gone.txt'],
      changed: ['app.properties'],
    });
    expect((await classforge('diff', first, second, '--class', 'com.acme.**')).exitCode).toBe(0);
    expect((await classforge('diff', first, first)).exitCode).toBe(0);
  });

  it('exits 2 with one line on bad input', async () => {
    const bad = join(work, 'bad');
    await mkdir(bad, { recursive: true });
    await writeFile(join(bad, 'Broken.class'), new Uint8Array([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 61, 0, 5]));
    for (const args of [
      ['diff', join(work, 'missing'), join(work, 'before')],
      ['diff', join(work, 'before'), bad],
      ['diff', join(work, 'before'), join(work, 'before'), '-U', 'lots'],
    ]) {
      const result = await classforge(...args);
      expect(result.exitCode, args.join(' ')).toBe(2);
      expect(result.stderr.trimEnd().split('\n'), result.stderr).toHaveLength(1);
      expect(result.stderr).toMatch(/^classforge: /);
      expect(result.stdout).toBe('');
    }
  });
});
