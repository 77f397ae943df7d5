// The commons adapters, the analysis package and the writer's computed maxima and frames against ASM's
// (Debian's libasm-java), class by class, through the sixteen views of test/support/asm-adapters.ts:
// the Textifier text after LocalVariablesSorter, AdviceAdapter, JSRInlinerAdapter, TryCatchBlockSorter,
// SerialVersionUIDAdder, ClassRemapper, StaticInitMerger, InstructionAdapter and CheckClassAdapter; the
// class written with COMPUTE_MAXS and COMPUTE_FRAMES; AnalyzerAdapter's frame after every event;
// CodeSizeEvaluator's sizes; Analyzer's frames with BasicVerifier, SimpleVerifier and SourceInterpreter.
// `node bench/corpus-sweep.mjs --checks adapters` runs the same comparison on every installed jar.

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Opcodes } from '../src/asm/opcodes.js';
import { ClassPath } from '../src/classpath/class-path.js';
import { ADAPTERS_HARNESS, ASM_COMMONS_JAR, asmAdapterDifferences } from './support/asm-adapters.js';
import { ASM_JARS, HAVE_ASM, JAVA_DIR } from './support/asm-textifier.js';
import { compileFixtureBuild, fixtureBuilds } from './support/fixture-builds.js';
import { compileJava, defaultJavaHome, findJdk25 } from './support/javac.js';
import { subroutineClass } from './support/subroutine-classes.js';

const COMMONS_LANG3 = `${JAVA_DIR}/commons-lang3.jar`;
const HAVE_ORACLE = HAVE_ASM && existsSync(ASM_COMMONS_JAR);

async function writeJar(path: string, classes: readonly { name: string; bytes: Uint8Array }[]): Promise<void> {
  const zip = new JSZip();
  for (const { name, bytes } of classes) zip.file(name, bytes);
  writeFileSync(path, await zip.generateAsync({ type: 'uint8array' }));
}

async function jarClasses(path: string): Promise<{ name: string; bytes: Uint8Array }[]> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const classes = [];
  for (const entry of Object.values(zip.files)) {
    if (!entry.dir && entry.name.endsWith('.class')) classes.push({ name: entry.name, bytes: await entry.async('uint8array') });
  }
  return classes;
}

describe.skipIf(!HAVE_ORACLE)('commons adapters and analysis = ASM, class by class', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'classforge-adapters-'));
  let harnessDir = '';
  // ASM's Textifier prints floats with Float/Double.toString, whose digits changed in Java 19 (ours
  // print the shortest, as 19+): the harness runs on the JDK 25 when there is one.
  const javaHome = findJdk25() ?? defaultJavaHome();
  const java = join(javaHome, 'bin', 'java');
  const oracleJars = [...ASM_JARS, ASM_COMMONS_JAR];

  beforeAll(async () => {
    harnessDir = (await compileJava({ 'AdaptAll.java': ADAPTERS_HARNESS }, { options: ['-cp', oracleJars.join(':')] })).dir;
  }, 120_000);
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  // SimpleVerifier's classes: the jar's own and the JDK's (ASM loads them with the harness's JDK, ours reads
  // the same JDK's runtime image).
  const compare = (jar: string, classes: readonly { name: string; bytes: Uint8Array }[]) =>
    asmAdapterDifferences({
      java,
      classPath: [harnessDir, ...oracleJars],
      jar,
      classes,
      scratch,
      simpleVerifierJars: [jar],
      simpleVerifierClassPath: new ClassPath([jar], { jdk: javaHome }),
    });

  for (const build of fixtureBuilds().filter((b) => b.skipReason === null && b.javaHome === null)) {
    it(`the fixtures (${build.name})`, async () => {
      const { classes } = await compileFixtureBuild(build);
      const entries = classes.map((c) => ({ name: `${c.name}.class`, bytes: c.bytes }));
      expect(entries.length).toBeGreaterThan(20);
      const jar = join(scratch, `fixtures-${build.majorVersion}${build.options.join('').replace(/[^a-z0-9]/gi, '-')}.jar`);
      await writeJar(jar, entries);
      expect(compare(jar, entries)).toEqual([]);
    }, 120_000);
  }

  it('classes whose methods call subroutines (jsr/ret), versions 45 to 50', async () => {
    const entries = [Opcodes.V1_1, Opcodes.V1_4, Opcodes.V1_5, Opcodes.V1_6].map((version) => ({
      name: `jsr/Subroutines${version & 0xffff}.class`,
      bytes: subroutineClass(`jsr/Subroutines${version & 0xffff}`, version),
    }));
    const jar = join(scratch, 'subroutines.jar');
    await writeJar(jar, entries);
    expect(compare(jar, entries)).toEqual([]);
  }, 120_000);

  it.skipIf(!existsSync(COMMONS_LANG3))('every class of commons-lang3', async () => {
    const classes = await jarClasses(COMMONS_LANG3);
    expect(classes.length).toBeGreaterThan(300);
    expect(compare(COMMONS_LANG3, classes)).toEqual([]);
  }, 300_000);
});
