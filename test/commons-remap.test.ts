// Package renaming with ClassRemapper + SimpleRemapper (issue 3, "Commons"): the renamed fixture app runs
// under -Xverify:all with the same output, keeps no reference to its old package, and our remapped classes
// are byte-identical to what OW2 ASM's own ClassRemapper produces from the same classes and mapping.

import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClassReader } from '../src/asm/class-reader.js';
import { ClassWriter } from '../src/asm/class-writer.js';
import { readRawClassFile } from '../src/classfile/raw-class-file.js';
import { ClassRemapper } from '../src/commons/class-remapper.js';
import { SimpleRemapper } from '../src/commons/simple-remapper.js';
import { compileFixtureBuild, fixtureBuilds } from './support/fixture-builds.js';
import { type CompileResult, type CompiledClass, FIXTURES_DIR, compileJava, makeTempDir, runJava } from './support/javac.js';
import { firstDumpDifference, structuralDump } from './support/structural-dump.js';

const VERIFY = ['-Xverify:all'];
const ASM_JARS = ['/usr/share/java/asm.jar', '/usr/share/java/asm-commons.jar'];
const HAVE_ASM = ASM_JARS.every((jar) => existsSync(jar));

/**
 * Runs OW2 ASM's ClassRemapper + SimpleRemapper over classes: `mappingFile inDir outDir`, where the
 * mapping file holds "key<TAB>value" lines and every class of inDir is written to outDir under its
 * original path, through a fresh `new ClassWriter(0)`.
 */
const ASM_REMAP = {
  'classforge/test/AsmRemap.java': `package classforge.test;

import java.nio.file.*;
import java.util.*;
import java.util.stream.*;
import org.objectweb.asm.*;
import org.objectweb.asm.commons.*;

public final class AsmRemap {
  public static void main(String[] args) throws Exception {
    Map<String, String> mapping = new HashMap<>();
    for (String line : Files.readAllLines(Paths.get(args[0]))) {
      if (line.isEmpty()) continue;
      int tab = line.indexOf('\\t');
      mapping.put(line.substring(0, tab), line.substring(tab + 1));
    }
    Path in = Paths.get(args[1]);
    Path out = Paths.get(args[2]);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(in)) {
      files = walk.filter(p -> p.toString().endsWith(".class")).collect(Collectors.toList());
    }
    Remapper remapper = new SimpleRemapper(mapping);
    for (Path file : files) {
      ClassWriter writer = new ClassWriter(0);
      new ClassReader(Files.readAllBytes(file)).accept(new ClassRemapper(writer, remapper), 0);
      Path target = out.resolve(in.relativize(file).toString());
      Files.createDirectories(target.getParent());
      Files.write(target, writer.toByteArray());
    }
    System.out.println("remapped " + files.size());
  }
}
`,
};

/** Links every named class from one directory under -Xverify:all (HotSpot verifies a class when linking it). */
const LINK_ALL = {
  'classforge/test/RemapLinkAll.java': `package classforge.test;

import java.net.*;
import java.nio.file.*;
import java.util.*;

public final class RemapLinkAll {
  public static void main(String[] args) throws Exception {
    List<String> names = Files.readAllLines(Paths.get(args[0]));
    List<String> failed = new ArrayList<>();
    int linked = 0;
    try (URLClassLoader loader = new URLClassLoader(new URL[] {Paths.get(args[1]).toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      for (String name : names) {
        if (name.isEmpty()) continue;
        try {
          Class<?> c = Class.forName(name, false, loader);
          c.getDeclaredMethods();
          c.getDeclaredFields();
          linked++;
        } catch (Throwable t) {
          failed.add(name + ": " + t);
        }
      }
    }
    System.out.println("linked " + linked + " of " + names.size());
    for (String f : failed) System.out.println("FAILED " + f);
  }
}
`,
};

/** Maps every class under `oldPrefix` to the same name under `newPrefix`. */
function packageMapping(classes: readonly CompiledClass[], oldPrefix: string, newPrefix: string): Map<string, string> {
  const mapping = new Map<string, string>();
  for (const { name } of classes) {
    if (name.startsWith(oldPrefix)) mapping.set(name, newPrefix + name.substring(oldPrefix.length));
  }
  return mapping;
}

/** Our remapping of one class through a fresh writer (frames are remapped, not recomputed). */
function remap(bytes: Uint8Array, remapper: SimpleRemapper): Uint8Array {
  const writer = new ClassWriter(0);
  new ClassReader(bytes).accept(new ClassRemapper(writer, remapper), 0);
  return writer.toByteArray();
}

/** Writes the remapped classes under their new names; returns the new internal names. */
async function writeRemapped(dir: string, classes: readonly CompiledClass[], remapper: SimpleRemapper): Promise<string[]> {
  const names: string[] = [];
  for (const { bytes } of classes) {
    const output = remap(bytes, remapper);
    const newName = new ClassReader(output).getClassName();
    names.push(newName);
    const path = join(dir, `${newName}.class`);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, output);
  }
  return names;
}

/** Every Utf8 constant of a class file (names, descriptors, signatures, strings). */
function utf8Constants(bytes: Uint8Array): string[] {
  const values: string[] = [];
  for (const entry of readRawClassFile(bytes).constantPool.entries) {
    if (entry !== null && entry.kind === 'Utf8') values.push(entry.value);
  }
  return values;
}

const tempDirs: string[] = [];
afterAll(async () => {
  for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
});

describe('ClassRemapper renames the package of a fixture app (fixtures/remap)', () => {
  let compiled: CompileResult;
  let original: { stdout: string; stderr: string; exitCode: number };
  let mapping: Map<string, string>;

  beforeAll(async () => {
    compiled = await compileJava(join(FIXTURES_DIR, 'remap'), { options: ['-g'] });
    original = await runJava({ classpath: compiled.dir, mainClass: 'app.Main', jvmArgs: VERIFY });
    if (original.exitCode !== 0) throw new Error(`the original app failed:\n${original.stderr}`);
    mapping = packageMapping(compiled.classes, 'app/', 'renamed/app/');
  });

  it('maps every class of the app (records, enums with bodies, inner, local and anonymous classes)', () => {
    expect(mapping.size).toBe(compiled.classes.length);
    expect([...mapping.keys()]).toEqual(
      expect.arrayContaining(['app/Main$1Local', 'app/Main$2', 'app/model/Color$1', 'app/model/Point', 'app/util/Registry$LookupException']),
    );
  });

  it('renamed.app.Main prints the same output under -Xverify:all', async () => {
    const dir = await makeTempDir('remap');
    tempDirs.push(dir);
    const names = await writeRemapped(dir, compiled.classes, new SimpleRemapper(mapping));
    expect(names.every((name) => name.startsWith('renamed/app/'))).toBe(true);
    const run = await runJava({ classpath: dir, mainClass: 'renamed.app.Main', jvmArgs: VERIFY });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(original.stdout);
    expect(run.exitCode).toBe(0);
  });

  it('leaves no reference to the old package in any constant', () => {
    const remapper = new SimpleRemapper(mapping);
    const leftovers: string[] = [];
    let renamedReferences = 0;
    for (const { name, bytes } of compiled.classes) {
      for (const value of utf8Constants(remap(bytes, remapper))) {
        const rest = value.split('renamed/app/');
        renamedReferences += rest.length - 1;
        if (rest.some((part) => /(^|[^A-Za-z0-9_$])app\/|(^|\W)L?app\//.test(part) || /\bapp\.(Main|model|util)/.test(part))) {
          leftovers.push(`${name}: ${value}`);
        }
      }
    }
    expect(leftovers).toEqual([]);
    expect(renamedReferences).toBeGreaterThan(100);
    // The original did refer to the package everywhere, so the check above can fail.
    const before = compiled.classes.flatMap(({ bytes }) => utf8Constants(bytes)).filter((v) => v.includes('app/'));
    expect(before.length).toBeGreaterThan(100);
  });

  it('also remaps member names, invokedynamic names and annotation element names by ASM key', () => {
    const remapper = new SimpleRemapper(
      new Map([
        ...mapping,
        ['app/model/Point.plus(Lapp/model/Point;)Lapp/model/Point;', 'add'],
        ['app/Main.counter', 'count'],
        ['.apply()Ljava/util/function/Function;', 'makeFunction'],
        ['Lapp/util/Tagged;.color', 'colour'],
      ]),
    );
    const byName = new Map(compiled.classes.map((c) => [c.name, c.bytes]));
    const main = utf8Constants(remap(byName.get('app/Main')!, remapper));
    expect(main).toEqual(expect.arrayContaining(['add', 'count', 'makeFunction', 'colour']));
    expect(main).not.toContain('counter');
    expect(main).not.toContain('plus');
    const point = utf8Constants(remap(byName.get('app/model/Point')!, remapper));
    expect(point).toContain('add');
    expect(point).not.toContain('plus');
  });
});

describe.skipIf(!HAVE_ASM)(
  HAVE_ASM
    ? "ClassRemapper output is byte-identical to OW2 ASM's (asm-commons.jar as the oracle)"
    : 'ClassRemapper vs OW2 ASM — skipped: /usr/share/java/asm-commons.jar not installed',
  () => {
    let harness: CompileResult;
    beforeAll(async () => {
      harness = await compileJava(ASM_REMAP, { release: 11, options: ['-cp', ASM_JARS.join(':')] });
    });

    async function compareWithAsm(label: string, classes: readonly CompiledClass[], inDir: string, mapping: Map<string, string>): Promise<void> {
      const dir = await makeTempDir('remap-asm');
      tempDirs.push(dir);
      const mappingFile = join(dir, 'mapping.txt');
      await writeFile(mappingFile, [...mapping].map(([k, v]) => `${k}\t${v}`).join('\n') + '\n');
      const out = join(dir, 'asm');
      const run = await runJava({
        classpath: [harness.dir, ...ASM_JARS],
        mainClass: 'classforge.test.AsmRemap',
        args: [mappingFile, inDir, out],
      });
      expect(run.stderr, label).toBe('');
      expect(run.stdout).toBe(`remapped ${classes.length}\n`);
      const remapper = new SimpleRemapper(mapping);
      const different: string[] = [];
      for (const { name, bytes } of classes) {
        const ours = remap(bytes, remapper);
        const theirs = new Uint8Array(await readFile(join(out, `${name}.class`)));
        if (Buffer.compare(Buffer.from(ours), Buffer.from(theirs)) !== 0) {
          different.push(`${name}: ${firstDumpDifference(structuralDump(theirs), structuralDump(ours)) ?? 'same structure, different bytes'}`);
        }
      }
      expect(different, different.slice(0, 5).join('\n')).toEqual([]);
    }

    it('fixtures/remap, package renamed plus member, invokedynamic and annotation element keys', async () => {
      const compiled = await compileJava(join(FIXTURES_DIR, 'remap'), { options: ['-g'] });
      const mapping = packageMapping(compiled.classes, 'app/', 'renamed/app/');
      mapping.set('app/model/Point.plus(Lapp/model/Point;)Lapp/model/Point;', 'add');
      mapping.set('app/Main.counter', 'count');
      mapping.set('.apply()Ljava/util/function/Function;', 'makeFunction');
      mapping.set('Lapp/util/Tagged;.color', 'colour');
      await compareWithAsm('remap', compiled.classes, compiled.dir, mapping);
    });

    for (const build of fixtureBuilds().filter((b) => b.javaHome === null)) {
      it(`the core and modern fixtures (${build.name}), package fixtures renamed`, async () => {
        const compiled = await compileFixtureBuild(build);
        const mapping = packageMapping(compiled.classes, 'fixtures/', 'renamed/fixtures/');
        await compareWithAsm(build.name, compiled.classes, compiled.dir, mapping);
      });
    }
  },
);

describe('renamed fixtures of [core] link under -Xverify:all', () => {
  for (const build of fixtureBuilds().filter((b) => b.javaHome === null)) {
    it(`every renamed class of ${build.name} passes HotSpot's verifier`, async () => {
      const linkAll = await compileJava(LINK_ALL, { release: 11 });
      const compiled = await compileFixtureBuild(build);
      const mapping = packageMapping(compiled.classes, 'fixtures/', 'renamed/fixtures/');
      const dir = await makeTempDir('remap-link');
      tempDirs.push(dir);
      const names = (await writeRemapped(dir, compiled.classes, new SimpleRemapper(mapping)))
        .filter((name) => !name.endsWith('module-info'))
        .map((name) => name.replace(/\//g, '.'));
      expect(names.every((name) => name.startsWith('renamed.fixtures.'))).toBe(true);
      const list = join(dir, 'classes.txt');
      await writeFile(list, names.join('\n') + '\n');
      const link = await runJava({ classpath: linkAll.dir, mainClass: 'classforge.test.RemapLinkAll', args: [list, dir], jvmArgs: VERIFY });
      expect(link.stdout, link.stderr).toBe(`linked ${names.length} of ${names.length}\n`);
    });
  }
});
