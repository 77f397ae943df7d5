// HotSpot is the judge: the fixture program, every class fully rewritten by `new ClassWriter(0)` (or with its
// frames dropped and recomputed by COMPUTE_FRAMES against a ClassPath), runs under
// `java -Xverify:all` with the same output and exit code as javac's classes; and every rewritten class links
// (HotSpot verifies a class when it links it, which getDeclaredMethods forces).

import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClassReader } from '../src/asm/class-reader.js';
import { ClassWriter } from '../src/asm/class-writer.js';
import { compileFixtureBuild, fixtureBuilds } from './support/fixture-builds.js';
import { ClassPath } from '../src/classpath/class-path.js';
import { type CompileResult, type CompiledClass, makeTempDir, runJava } from './support/javac.js';
import { verifyClasses } from '../src/testing/verify-classes.js';

const VERIFY = ['-Xverify:all'];

type Rewrite = 'full rewrite' | 'full rewrite from EXPAND_FRAMES' | 'frames recomputed (COMPUTE_FRAMES)';

function rewrite(bytes: Uint8Array, how: Rewrite, classPath: ClassPath): Uint8Array {
  const reader = new ClassReader(bytes);
  if (how === 'frames recomputed (COMPUTE_FRAMES)') {
    // Every StackMapTable dropped, then computed from scratch against the class path.
    const writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES, { classPath });
    reader.accept(writer, ClassReader.SKIP_FRAMES);
    return writer.toByteArray();
  }
  const writer = new ClassWriter(0);
  reader.accept(writer, how === 'full rewrite' ? 0 : ClassReader.EXPAND_FRAMES);
  return writer.toByteArray();
}

async function writeClasses(
  dir: string,
  classes: readonly CompiledClass[],
  how: Rewrite,
  classPath: ClassPath,
): Promise<string[]> {
  const problems: string[] = [];
  for (const { name, bytes } of classes) {
    let output: Uint8Array;
    try {
      output = rewrite(bytes, how, classPath);
    } catch (error) {
      problems.push(`${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      continue;
    }
    const path = join(dir, `${name}.class`);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, output);
  }
  return problems;
}

const tempDirs: string[] = [];

afterAll(async () => {
  for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
});

for (const build of fixtureBuilds()) {
  const title =
    build.skipReason === null ? `HotSpot runs the rewritten fixtures (${build.name})` : `HotSpot (${build.name}) — skipped: ${build.skipReason}`;
  describe.skipIf(build.skipReason !== null)(title, () => {
    let compiled: CompileResult;
    let original: { stdout: string; stderr: string; exitCode: number };
    const javaHome = build.javaHome ?? undefined;

    beforeAll(async () => {
      compiled = await compileFixtureBuild(build);
      const run = await runJava({ classpath: compiled.dir, mainClass: build.mainClass, jvmArgs: VERIFY, javaHome });
      if (run.exitCode !== 0) throw new Error(`the original fixture program failed:\n${run.stderr}`);
      original = run;
    });

    for (const how of ['full rewrite', 'full rewrite from EXPAND_FRAMES', 'frames recomputed (COMPUTE_FRAMES)'] as const) {
      it(`${how}: ${build.mainClass} prints the same output under -Xverify:all, and every class links`, async () => {
        const dir = await makeTempDir('hotspot');
        tempDirs.push(dir);
        const classPath = new ClassPath([compiled.dir], { jdk: javaHome });
        const problems = await writeClasses(dir, compiled.classes, how, classPath);
        classPath.close();
        expect(problems, problems.slice(0, 5).join('\n')).toEqual([]);

        const run = await runJava({ classpath: dir, mainClass: build.mainClass, jvmArgs: VERIFY, javaHome });
        expect(run.stderr).toBe(original.stderr);
        expect(run.stdout).toBe(original.stdout);
        expect(run.exitCode).toBe(original.exitCode);

        const names = compiled.classes.map((c) => c.name);
        const link = await verifyClasses(dir, { classNames: names, javaHome });
        expect(link.failures.map((f) => `${f.className}: ${f.error}`)).toEqual([]);
      });
    }
  });
}
