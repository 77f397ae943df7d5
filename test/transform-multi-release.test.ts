// Multi-release jars (JAR File Specification, JEP 238) through `classforge transform` and `verify`: each variant of a
// class was compiled by javac against its own view of the jar (the base entries for the base,
// base + META-INF/versions/9..N for release N), so the frames of its changed methods must be computed
// against that view. Here the two views disagree on a super class (the base's Circle and Square extend
// BaseShape, release 11's extend Shape): a method merging a Circle and a Square gets a frame type that
// only its own release accepts. HotSpot with -Xverify:all is the judge, run on each view of the output
// (-Djdk.util.jar.enableMultiRelease=false makes the JDK read the base entries only), and `verify`
// must check each variant against the same view HotSpot loads it with.

import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileJava, findJdk25, makeTempDir, PROJECT_ROOT, runJava } from './support/javac.js';

const CLI = join(PROJECT_ROOT, 'dist', 'cli', 'classforge.js');

const base: Record<string, string> = {
  'p/Main.java': `package p;
public class Main { public static void main(String[] a) { System.out.println(new Use().run(a.length == 0)); } }
`,
  'p/BaseShape.java': `package p;
abstract class BaseShape { abstract String id(); }
`,
  'p/Circle.java': `package p;
final class Circle extends BaseShape { String id() { return "base circle"; } }
`,
  'p/Square.java': `package p;
final class Square extends BaseShape { String id() { return "base square"; } }
`,
  'p/Use.java': `package p;
public class Use { public String run(boolean c) { BaseShape s = c ? new Circle() : new Square(); return s.id(); } }
`,
};

/** The versioned variants: a super class the base does not have. */
function versioned(label: string): Record<string, string> {
  return {
    'p/Shape.java': `package p;
abstract class Shape { abstract String name(); }
`,
    'p/Circle.java': `package p;
final class Circle extends Shape { String name() { return "${label} circle"; } }
`,
    'p/Square.java': `package p;
final class Square extends Shape { String name() { return "${label} square"; } }
`,
    'p/Use.java': `package p;
public class Use { public String run(boolean c) { Shape s = c ? new Circle() : new Square(); return s.name(); } }
`,
  };
}

/** A transform that changes every method (a NOP first), so that every frame is computed again. */
const NOP_TRANSFORM = `import { defineTransform, ClassVisitor, MethodVisitor, Opcodes } from 'classforge';
class Nop extends MethodVisitor {
  constructor(next) { super(Opcodes.ASM9, next); }
  visitCode() { super.visitCode(); super.visitInsn(Opcodes.NOP); }
}
class EveryMethod extends ClassVisitor {
  constructor(next) { super(Opcodes.ASM9, next); }
  visitMethod(a, n, d, s, e) { const mv = super.visitMethod(a, n, d, s, e); return mv && new Nop(mv); }
}
export default defineTransform({ name: 'nop', visitor: (next) => new EveryMethod(next) });
`;

let work = '';
let transformPath = '';

beforeAll(async () => {
  work = await makeTempDir('multi-release');
  transformPath = join(work, 'nop.mjs');
  await writeFile(transformPath, NOP_TRANSFORM);
});

afterAll(async () => {
  if (work !== '') await rm(work, { recursive: true, force: true });
});

/** A multi-release jar of the base classes (release 8) and the versioned ones under versions/`release`. */
async function buildJar(name: string, release: number, javaHome?: string, swapUse = false): Promise<string> {
  const baseClasses = await compileJava(base, { release: 8 });
  const versionClasses = await compileJava(versioned(`v${release}`), { release, ...(javaHome ? { javaHome } : {}) });
  const zip = new JSZip();
  zip.file('META-INF/MANIFEST.MF', 'Manifest-Version: 1.0\r\nMulti-Release: true\r\n\r\n');
  for (const c of baseClasses.classes) zip.file(`${c.name}.class`, c.bytes);
  for (const c of versionClasses.classes) {
    // swapUse: the versioned Use is the base one, whose frames say BaseShape where release N has Shape.
    const bytes = swapUse && c.name === 'p/Use' ? baseClasses.classes.find((b) => b.name === 'p/Use')!.bytes : c.bytes;
    zip.file(`META-INF/versions/${release}/${c.name}.class`, bytes);
  }
  const path = join(work, name);
  await writeFile(path, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return path;
}

async function transform(input: string, output: string, jobs: number): Promise<void> {
  const result = await execa('node', [CLI, 'transform', input, '-o', output, '-t', transformPath, '--jobs', String(jobs)], { reject: false });
  expect(result.exitCode, result.stderr).toBe(0);
}

async function runBoth(jar: string, javaHome?: string): Promise<{ base: string; versioned: string }> {
  const options = { classpath: jar, mainClass: 'p.Main', ...(javaHome ? { javaHome } : {}) };
  const baseRun = await runJava({ ...options, jvmArgs: ['-Xverify:all', '-Djdk.util.jar.enableMultiRelease=false'] });
  const versionedRun = await runJava({ ...options, jvmArgs: ['-Xverify:all'] });
  return { base: baseRun.stdout.trim() || baseRun.stderr, versioned: versionedRun.stdout.trim() || versionedRun.stderr };
}

describe('classforge transform: frames of a multi-release jar follow each class variant\'s release', () => {
  for (const jobs of [1, 2]) {
    it(`computes base classes against the base entries and versions/11 against release 11 (--jobs ${jobs})`, async () => {
      const input = await buildJar(`mr11-${jobs}.jar`, 11);
      expect(await runBoth(input)).toEqual({ base: 'base circle', versioned: 'v11 circle' });
      const output = join(work, `mr11-${jobs}.out.jar`);
      await transform(input, output, jobs);
      expect(await runBoth(output)).toEqual({ base: 'base circle', versioned: 'v11 circle' });
    });
  }

  const jdk25 = findJdk25();
  it.skipIf(jdk25 === null)('computes versions/21 classes against release 21 when the class path JDK is older (needs a JDK 25)', async () => {
    const input = await buildJar('mr21.jar', 21, jdk25!);
    expect(await runBoth(input, jdk25!)).toEqual({ base: 'base circle', versioned: 'v21 circle' });
    const output = join(work, 'mr21.out.jar');
    // The class path reads the default JDK (17 here): versions/21 is beyond its release.
    await transform(input, output, 1);
    expect(await runBoth(output, jdk25!)).toEqual({ base: 'base circle', versioned: 'v21 circle' });
  });
});

describe('classforge transform: a base class that every release loads gets frames valid in each view', () => {
  // As Debian's plexus-java: the base Binary is a stub extending Asm, release 11's Binary extends
  // AbstractParser directly; Main (not versioned) merges a Binary and an Asm. Against the base
  // entries the merge is Asm, which JDK 11+ rejects (its Binary is no Asm); against release 11 it is
  // AbstractParser, valid in both.
  const common = {
    'p/AbstractParser.java': 'package p;\npublic abstract class AbstractParser { public abstract String name(); }\n',
    'p/Asm.java': 'package p;\npublic class Asm extends AbstractParser { public String name() { return "asm"; } }\n',
    'p/Main.java': `package p;
public class Main { public static void main(String[] a) { AbstractParser p = a.length == 0 ? new Binary() : new Asm(); System.out.println(p.name()); } }
`,
  };
  // Both ways round: the first view tried (release 11) is right when the base Binary is the stub;
  // when release 11's Binary is (extends Asm), the base view's merge is the one that holds in both.
  for (const [baseSuper, v11Super] of [
    ['Asm', 'AbstractParser'],
    ['AbstractParser', 'Asm'],
  ]) {
    it(`computes them against the view that holds in all, and HotSpot runs both views (base Binary extends ${baseSuper}, release 11's ${v11Super})`, async () => {
      const binary = (label: string, superName: string) =>
        `package p;\npublic class Binary extends ${superName} { public String name() { return "${label} binary"; } }\n`;
      const baseClasses = await compileJava({ ...common, 'p/Binary.java': binary('base', baseSuper) }, { release: 8 });
      const v11 = await compileJava({ ...common, 'p/Binary.java': binary('v11', v11Super) }, { release: 11 });
      const zip = new JSZip();
      zip.file('META-INF/MANIFEST.MF', 'Manifest-Version: 1.0\r\nMulti-Release: true\r\n\r\n');
      for (const c of baseClasses.classes) zip.file(`${c.name}.class`, c.bytes);
      zip.file('META-INF/versions/11/p/Binary.class', v11.classes.find((c) => c.name === 'p/Binary')!.bytes);
      const input = join(work, `stub-${baseSuper}.jar`);
      await writeFile(input, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
      expect(await runBoth(input)).toEqual({ base: 'base binary', versioned: 'v11 binary' });
      for (const jobs of [1, 2]) {
        const output = join(work, `stub-${baseSuper}-${jobs}.out.jar`);
        await transform(input, output, jobs);
        expect(await runBoth(output)).toEqual({ base: 'base binary', versioned: 'v11 binary' });
      }
    });
  }
});

describe('classforge verify: a multi-release variant is verified against its own release\'s classes', () => {
  async function verify(jar: string) {
    const result = await execa('node', [CLI, 'verify', jar], { reject: false });
    return { exitCode: result.exitCode, stdout: result.stdout };
  }

  it('accepts a valid multi-release jar whose releases disagree on a super class', async () => {
    const jar = await buildJar('verify-ok.jar', 11);
    expect(await runBoth(jar)).toEqual({ base: 'base circle', versioned: 'v11 circle' });
    expect(await verify(jar)).toEqual({ exitCode: 0, stdout: 'verified 9 classes, 16 methods: 0 errors' });
  });

  it('reads an exploded multi-release jar (a build output directory) the same way', async () => {
    const jar = await buildJar('verify-exploded.jar', 11);
    const dir = join(work, 'exploded');
    const zip = await JSZip.loadAsync(await readFile(jar));
    for (const [name, file] of Object.entries(zip.files)) {
      if (file.dir) continue;
      await mkdir(dirname(join(dir, name)), { recursive: true });
      await writeFile(join(dir, name), await file.async('nodebuffer'));
    }
    expect((await runJava({ classpath: dir, mainClass: 'p.Main', jvmArgs: ['-Xverify:all'] })).stdout.trim()).toBe('base circle');
    expect(await verify(dir)).toEqual({ exitCode: 0, stdout: 'verified 9 classes, 16 methods: 0 errors' });
  });

  it('rejects a base class whose frames only fit the base entries when a later release redefines a class it uses', async () => {
    // Main is not versioned, so JDK 11+ loads it with release 11's Binary, which is no Asm.
    const sources = {
      'p/AbstractParser.java': 'package p;\npublic abstract class AbstractParser { public abstract String name(); }\n',
      'p/Asm.java': 'package p;\npublic class Asm extends AbstractParser { public String name() { return "asm"; } }\n',
      'p/Main.java': 'package p;\npublic class Main { public static void main(String[] a) { Asm p = a.length == 0 ? new Binary() : new Asm(); System.out.println(p.name()); } }\n',
    };
    const baseClasses = await compileJava({ ...sources, 'p/Binary.java': 'package p;\npublic class Binary extends Asm { }\n' }, { release: 8 });
    const v11 = await compileJava({
      'p/AbstractParser.java': sources['p/AbstractParser.java'],
      'p/Binary.java': 'package p;\npublic class Binary extends AbstractParser { public String name() { return "v11"; } }\n',
    }, { release: 11 });
    const zip = new JSZip();
    zip.file('META-INF/MANIFEST.MF', 'Manifest-Version: 1.0\r\nMulti-Release: true\r\n\r\n');
    for (const c of baseClasses.classes) zip.file(`${c.name}.class`, c.bytes);
    zip.file('META-INF/versions/11/p/Binary.class', v11.classes.find((c) => c.name === 'p/Binary')!.bytes);
    const jar = join(work, 'verify-later-view.jar');
    await writeFile(jar, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const run = await runBoth(jar);
    expect(run.base).toBe('asm');
    expect(run.versioned).toMatch(/VerifyError/);
    const result = await verify(jar);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/^p\/Main\.main\(\[Ljava\/lang\/String;\)V @\d+ \(line 2\) \(with the jar's release 11 classes\): .*'p\/Binary'.*not assignable to 'p\/Asm'/m);
  });

  it('rejects a versioned class whose frames only fit the base entries, as HotSpot does', async () => {
    const jar = await buildJar('verify-bad.jar', 11, undefined, true);
    const run = await runBoth(jar);
    expect(run.base).toBe('base circle');
    expect(run.versioned).toMatch(/VerifyError/);
    const result = await verify(jar);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/^META-INF\/versions\/11\/p\/Use\.run\(Z\)Ljava\/lang\/String; @\d+ .*'p\/Circle'.*not assignable to 'p\/BaseShape'/m);
    // The variant is named: the base p/Use is fine, and shares the class name.
    const json = await execa('node', [CLI, 'verify', '--json', jar], { reject: false });
    const report = JSON.parse(json.stdout) as { errors: { className: string; release?: number }[] };
    expect(report.errors.map((error) => [error.className, error.release])).toEqual([['p/Use', 11]]);
  });
});
