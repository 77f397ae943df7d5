// COMPUTE_FRAMES with a ClassPath: a class missing from the class path is an UnknownClassError naming it and
// the class path searched; { unknownClassesAsObject: true } merges it as java/lang/Object with one warning per
// class instead; with the real hierarchy HotSpot runs the result; MethodTooLargeException names the size.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClassReader } from '../src/asm/class-reader.js';
import { ClassWriter, UnknownClassError } from '../src/asm/class-writer.js';
import { MethodTooLargeException } from '../src/asm/method-too-large-exception.js';
import { Opcodes } from '../src/asm/opcodes.js';
import { ClassPath } from '../src/classpath/class-path.js';
import { compileJava, makeTempDir, runJava } from './support/javac.js';

const SOURCES = {
  'app/Main.java': `package app;
public class Main {
  public static void main(String[] args) {
    Shape s = args.length > 0 ? new Square() : new Circle();
    System.out.println(s.name());
  }
}`,
  'app/Shape.java': 'package app;\npublic abstract class Shape { public abstract String name(); }',
  'app/Square.java': 'package app;\npublic class Square extends Shape { public String name() { return "square"; } }',
  'app/Circle.java': 'package app;\npublic class Circle extends Shape { public String name() { return "circle"; } }',
};

function recompute(bytes: Uint8Array, classPath: ClassPath, options: { unknownClassesAsObject?: boolean; warn?: (m: string) => void } = {}) {
  const writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES, { classPath, ...options });
  new ClassReader(bytes).accept(writer, ClassReader.SKIP_FRAMES);
  return writer.toByteArray();
}

describe('COMPUTE_FRAMES against a ClassPath', () => {
  it('names the missing class and the class path searched', async () => {
    const compiled = await compileJava(SOURCES, { release: 17 });
    const main = compiled.classes.find((c) => c.name === 'app/Main')!;
    // A class path without the app's classes: merging Square and Circle needs their super classes.
    const classPath = new ClassPath([]);
    let error: unknown = null;
    try {
      recompute(main.bytes, classPath);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnknownClassError);
    const message = (error as Error).message;
    expect(message).toMatch(/Class app\/(Square|Circle) is not in the class path/);
    expect(message).toContain(classPath.describe());
    expect(message).toContain('lib/modules');
    classPath.close();
  });

  it('with unknownClassesAsObject, merges as java/lang/Object and warns once per class', async () => {
    const compiled = await compileJava(SOURCES, { release: 17 });
    const classPath = new ClassPath([]);
    const warnings: string[] = [];
    const main = compiled.classes.find((c) => c.name === 'app/Main')!;
    const merged = recompute(main.bytes, classPath, { unknownClassesAsObject: true, warn: (m) => warnings.push(m) });
    expect(new ClassReader(merged).getClassName()).toBe('app/Main');
    expect(warnings.length).toBeGreaterThan(0);
    expect(new Set(warnings).size).toBe(warnings.length);
    expect(warnings[0]).toMatch(/class app\/(Square|Circle) is not in the class path .*treating it as java\/lang\/Object/);
    classPath.close();
    // With the real hierarchy the frames are exact, and HotSpot runs the program.
    const withHierarchy = new ClassPath([compiled.dir]);
    const exactDir = await makeTempDir('compute-frames-exact');
    await mkdir(join(exactDir, 'app'));
    for (const { name, bytes } of compiled.classes) {
      await writeFile(join(exactDir, `${name}.class`), name === 'app/Main' ? recompute(bytes, withHierarchy) : bytes);
    }
    withHierarchy.close();
    const run = await runJava({ classpath: exactDir, mainClass: 'app.Main', jvmArgs: ['-Xverify:all'] });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('circle\n');
  });

  it('MethodTooLargeException names class, method and size', () => {
    const cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES, { classPath: new ClassPath([], { jdk: false }) });
    cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, 'Big', null, 'java/lang/Object', null);
    const mv = cw.visitMethod(Opcodes.ACC_STATIC, 'big', '()V', null, null);
    mv.visitCode();
    for (let i = 0; i < 22000; ++i) mv.visitIincInsn(0, 1);
    mv.visitInsn(Opcodes.RETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
    cw.visitEnd();
    expect(() => cw.toByteArray()).toThrow(MethodTooLargeException);
    expect(() => cw.toByteArray()).toThrow('Method too large: Big.big()V has 66001 bytes of code; the JVM allows at most 65535');
  });
});
