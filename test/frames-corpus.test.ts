// Issue 3, acceptance 1: for every class of Debian's guava, commons-lang3 and byte-buddy jars, drop every
// StackMapTable (SKIP_FRAMES), recompute the frames with COMPUTE_FRAMES against a ClassPath (the jar and
// the JDK, never loading a class), and let HotSpot verify the result under -Xverify:all: every class the
// original jar's version links must link from the rewritten one too.

import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ClassReader } from '../src/asm/class-reader.js';
import { ClassWriter } from '../src/asm/class-writer.js';
import { ClassPath } from '../src/classpath/class-path.js';
import { corpusJars, jarClasses } from './support/corpus.js';
import { makeTempDir } from './support/javac.js';
import { verifyClasses } from '../src/testing/verify-classes.js';

const tempDirs: string[] = [];
afterAll(async () => {
  for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
});

/** Rewrites a class with its frames dropped and recomputed from scratch. */
function recomputeFrames(bytes: Uint8Array, classPath: ClassPath, warnings: string[]): Uint8Array {
  const reader = new ClassReader(bytes);
  const writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES, {
    classPath,
    unknownClassesAsObject: true,
    warn: (message) => warnings.push(message),
  });
  reader.accept(writer, ClassReader.SKIP_FRAMES);
  return writer.toByteArray();
}

for (const jar of corpusJars) {
  const missing = !existsSync(jar);
  const title = missing
    ? `COMPUTE_FRAMES over ${basename(jar)} — skipped: ${jar} is not installed (apt-get install the Debian package)`
    : `COMPUTE_FRAMES over ${basename(jar)}: HotSpot accepts every recomputed class the original passes`;
  describe.skipIf(missing)(title, () => {
    it('recomputes the frames of every class; HotSpot links them all under -Xverify:all', { timeout: 300_000 }, async () => {
      const classes = (await jarClasses(jar)).filter((c) => !c.name.startsWith('META-INF/'));
      // Strict only from version 51: below, HotSpot checks a class whose frames fail by type inference
      // instead (FailOverToOldVerifier, which JDK 17 does not let us turn off), so wrong frames would pass.
      const oldClasses = classes.filter((c) => ((c.bytes[6]! << 8) | c.bytes[7]!) < 51).map((c) => c.name);
      expect(oldClasses.slice(0, 5)).toEqual([]);
      const classPath = new ClassPath([jar]);
      const out = await makeTempDir('frames');
      tempDirs.push(out);
      const warnings: string[] = [];
      let classesWithFrames = 0;
      for (const { name, bytes } of classes) {
        const rewritten = recomputeFrames(bytes, classPath, warnings);
        const reread = new ClassReader(rewritten);
        expect(reread.getClassName()).toBe(name);
        classesWithFrames += hasStackMapTable(rewritten) ? 1 : 0;
        const path = join(out, `${name}.class`);
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, rewritten);
      }
      classPath.close();
      const names = classes.map((c) => c.name);
      const original = await verifyClasses(jar, { classNames: names, timeout: 280_000 });
      const recomputed = await verifyClasses(out, { classNames: names, timeout: 280_000 });
      const originalFailures = new Set(original.failures.map((f) => f.className));
      const regressions = recomputed.failures.filter((f) => !originalFailures.has(f.className));
      console.log(
        `${basename(jar)}: ${classes.length} classes, ${classesWithFrames} with computed StackMapTables; ` +
          `HotSpot links ${original.linked} originals and ${recomputed.linked} recomputed ` +
          `(${original.failures.length} originals fail on missing optional dependencies); ` +
          `${warnings.length} unknown-class warnings`,
      );
      expect(regressions.map((f) => `${f.className}: ${f.error}`).slice(0, 10)).toEqual([]);
      expect(recomputed.linked).toBeGreaterThanOrEqual(original.linked);
      expect(original.linked).toBeGreaterThan(classes.length / 2);
    });
  });
}

/** Whether a class file holds the name "StackMapTable" (so has at least one computed frame table). */
function hasStackMapTable(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes('StackMapTable');
}
