// HotSpot is the judge: the fixture program, every class fully rewritten by `new ClassWriter(0)`, runs under
// `java -Xverify:all` with the same output and exit code as javac's classes; and every rewritten class links
// (HotSpot verifies a class when it links it, which getDeclaredMethods forces).

import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClassReader } from '../src/asm/class-reader.js';
import { ClassWriter } from '../src/asm/class-writer.js';
import { compileFixtureBuild, fixtureBuilds } from './support/fixture-builds.js';
import { type CompileResult, type CompiledClass, compileJava, makeTempDir, runJava } from './support/javac.js';

const VERIFY = ['-Xverify:all'];

/** A small program that links every class named in a file, from one directory, and reports failures. */
const LINK_ALL = {
  'classforge/test/LinkAll.java': `package classforge.test;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

public final class LinkAll {
  public static void main(String[] args) throws Exception {
    List<String> names = Files.readAllLines(Paths.get(args[0]));
    URL[] path = {Paths.get(args[1]).toUri().toURL()};
    List<String> failed = new ArrayList<>();
    int linked = 0;
    try (URLClassLoader loader = new URLClassLoader(path, ClassLoader.getPlatformClassLoader())) {
      for (String name : names) {
        if (name.isEmpty()) continue;
        try {
          Class<?> c = Class.forName(name, false, loader);
          c.getDeclaredMethods();
          c.getDeclaredFields();
          c.getDeclaredConstructors();
          linked++;
        } catch (Throwable t) {
          failed.add(name + ": " + t);
        }
      }
    }
    System.out.println("linked " + linked + " of " + names.size());
    for (String f : failed) System.out.println("FAILED " + f);
    System.exit(failed.isEmpty() ? 0 : 1);
  }
}
`,
};

type Rewrite = 'full rewrite' | 'full rewrite from EXPAND_FRAMES';

function rewrite(bytes: Uint8Array, how: Rewrite): Uint8Array {
  const reader = new ClassReader(bytes);
  const writer = new ClassWriter(0);
  reader.accept(writer, how === 'full rewrite' ? 0 : ClassReader.EXPAND_FRAMES);
  return writer.toByteArray();
}

async function writeClasses(dir: string, classes: readonly CompiledClass[], how: Rewrite): Promise<string[]> {
  const problems: string[] = [];
  for (const { name, bytes } of classes) {
    let output: Uint8Array;
    try {
      output = rewrite(bytes, how);
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

let linkAll: CompileResult;
const tempDirs: string[] = [];

beforeAll(async () => {
  linkAll = await compileJava(LINK_ALL, { release: 11 });
});

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

    for (const how of ['full rewrite', 'full rewrite from EXPAND_FRAMES'] as const) {
      it(`${how}: ${build.mainClass} prints the same output under -Xverify:all, and every class links`, async () => {
        const dir = await makeTempDir('hotspot');
        tempDirs.push(dir);
        const problems = await writeClasses(dir, compiled.classes, how);
        expect(problems, problems.slice(0, 5).join('\n')).toEqual([]);

        const run = await runJava({ classpath: dir, mainClass: build.mainClass, jvmArgs: VERIFY, javaHome });
        expect(run.stderr).toBe(original.stderr);
        expect(run.stdout).toBe(original.stdout);
        expect(run.exitCode).toBe(original.exitCode);

        const names = compiled.classes.filter((c) => !c.name.endsWith('module-info')).map((c) => c.name.replace(/\//g, '.'));
        const list = join(dir, 'classes.txt');
        await writeFile(list, names.join('\n') + '\n');
        const link = await runJava({
          classpath: linkAll.dir,
          mainClass: 'classforge.test.LinkAll',
          args: [list, dir],
          jvmArgs: VERIFY,
          javaHome,
        });
        expect(link.stdout, link.stderr).toBe(`linked ${names.length} of ${names.length}\n`);
        expect(link.exitCode).toBe(0);
      });
    }
  });
}
