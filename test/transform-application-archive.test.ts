// `classforge transform` on application archives: a Spring Boot executable jar (BOOT-INF/classes/,
// BOOT-INF/lib/*.jar) and a war (WEB-INF/classes/, WEB-INF/lib/*.jar). Their classes are loaded
// with those roots and nested jars, so frames of changed methods are computed against them (--cp
// cannot name a nested jar); the nested jars stay byte for byte. HotSpot with -Xverify:all runs the
// output's classes with the same class path as the launcher would give them. `verify` checks such
// an archive's classes against its nested jars too.

import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { execa } from 'execa';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileJava, makeTempDir, PROJECT_ROOT, runJava } from './support/javac.js';

const CLI = join(PROJECT_ROOT, 'dist', 'cli', 'classforge.js');

const library = {
  'lib/Base.java': 'package lib;\npublic abstract class Base { public abstract String id(); }\n',
  'lib/First.java': 'package lib;\npublic final class First extends Base { public String id() { return "first"; } }\n',
  'lib/Second.java': 'package lib;\npublic final class Second extends Base { public String id() { return "second"; } }\n',
};

const application = {
  'app/Main.java': `package app;
public class Main {
  public static void main(String[] a) {
    lib.Base b = a.length == 0 ? new lib.First() : new lib.Second();
    System.out.println(b.id());
  }
}
`,
};

const NOP_TRANSFORM = `import { defineTransform, ClassVisitor, MethodVisitor, Opcodes } from 'classforge';
class Nop extends MethodVisitor { constructor(n) { super(Opcodes.ASM9, n); } visitCode() { super.visitCode(); super.visitInsn(Opcodes.NOP); } }
class All extends ClassVisitor { constructor(n) { super(Opcodes.ASM9, n); } visitMethod(...a) { const mv = super.visitMethod(...a); return mv && new Nop(mv); } }
export default defineTransform({ name: 'nop', include: ['app.**'], visitor: (next) => new All(next) });
`;

let work = '';
let transformPath = '';
let libJar: Buffer;
/** The library with First no longer a Base: javac's frames for app.Main do not fit it. */
let changedLibJar: Buffer;
let appClasses: { name: string; bytes: Uint8Array }[];
let appDir = '';

beforeAll(async () => {
  work = await makeTempDir('application-archive');
  transformPath = join(work, 'nop.mjs');
  await writeFile(transformPath, NOP_TRANSFORM);
  const libClasses = await compileJava(library);
  const lib = new JSZip();
  for (const c of libClasses.classes) lib.file(`${c.name}.class`, c.bytes);
  libJar = await lib.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  await writeFile(join(work, 'lib.jar'), libJar);
  const changed = await compileJava({ ...library, 'lib/First.java': 'package lib;\npublic final class First { public String id() { return "first"; } }\n' });
  const changedLib = new JSZip();
  for (const c of changed.classes) changedLib.file(`${c.name}.class`, c.bytes);
  changedLibJar = await changedLib.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  const compiledApp = await compileJava(application, { options: ['-cp', join(work, 'lib.jar')] });
  appClasses = compiledApp.classes;
  appDir = compiledApp.dir;
  await writeFile(join(work, 'changed-lib.jar'), changedLibJar);
});

afterAll(async () => {
  if (work !== '') await rm(work, { recursive: true, force: true });
});

for (const [kind, prefix] of [
  ['Spring Boot jar', 'BOOT-INF'],
  ['war', 'WEB-INF'],
] as const) {
  describe(`a ${kind} (${prefix}/classes/, ${prefix}/lib/*.jar)`, () => {
    async function archiveWith(name: string, lib: Buffer): Promise<string> {
      const archive = new JSZip();
      for (const c of appClasses) archive.file(`${prefix}/classes/${c.name}.class`, c.bytes);
      archive.file(`${prefix}/lib/lib.jar`, lib, { compression: 'STORE' });
      const path = join(work, name);
      await writeFile(path, await archive.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
      return path;
    }

    it('is verified against its nested jars', async () => {
      const good = await execa('node', [CLI, 'verify', await archiveWith(`${prefix}-good.jar`, libJar)], { reject: false });
      expect({ exitCode: good.exitCode, stdout: good.stdout }).toEqual({ exitCode: 0, stdout: 'verified 1 class, 2 methods: 0 errors' });
      const hotspot = await runJava({ classpath: [appDir, join(work, 'changed-lib.jar')].join(delimiter), mainClass: 'app.Main', jvmArgs: ['-Xverify:all'] });
      expect(hotspot.stderr).toMatch(/VerifyError/);
      const bad = await execa('node', [CLI, 'verify', await archiveWith(`${prefix}-bad.jar`, changedLibJar)], { reject: false });
      expect(bad.exitCode).toBe(1);
      expect(bad.stdout).toMatch(/^app\/Main\.main\(\[Ljava\/lang\/String;\)V @\d+ .*'lib\/First'.*not assignable to 'lib\/Base'/m);
    });

    it('gets frames computed against its nested jars, which stay byte for byte', async () => {
      const archive = new JSZip();
      for (const c of appClasses) archive.file(`${prefix}/classes/${c.name}.class`, c.bytes);
      archive.file(`${prefix}/lib/lib.jar`, libJar, { compression: 'STORE' });
      const input = join(work, `${prefix}.jar`);
      await writeFile(input, await archive.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
      const output = join(work, `${prefix}.out.jar`);

      const result = await execa('node', [CLI, 'transform', input, '-o', output, '-t', transformPath, '--json'], { reject: false });
      expect(result.exitCode, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ changed: 1, failed: 0 });

      const written = await JSZip.loadAsync(await readFile(output));
      const nested = await written.file(`${prefix}/lib/lib.jar`)!.async('nodebuffer');
      expect(nested.equals(libJar)).toBe(true);
      const classes = join(work, `${prefix}-classes`);
      const main = await written.file(`${prefix}/classes/app/Main.class`)!.async('nodebuffer');
      await mkdir(join(classes, 'app'), { recursive: true });
      await writeFile(join(classes, 'app', 'Main.class'), main);
      const run = await runJava({ classpath: [classes, join(work, 'lib.jar')].join(delimiter), mainClass: 'app.Main', jvmArgs: ['-Xverify:all'] });
      expect(run.stdout.trim() || run.stderr).toBe('first');
    });
  });
}
