// Classes a transform adds while rewriting a class (ctx.addClass): a companion the new code calls, which
// goes where the rewritten class goes. One transform ('tags': each class with a main gets a generated
// <Class>$Tag whose tag() main prints first) through transformClasses, `classforge transform` on a directory
// and on a jar, and `classforge run`, where the shim defines the companion with the loader of the class as
// it loads; all under -Xverify:all. Then what ctx.addClass refuses, and a name the output already holds.
import { existsSync, readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildJar } from '../src/transform/new-jar.js';
import { compileJava, javaTool, runJava, transformClasses, type CompiledClasses } from '../src/testing/index.js';
import { makeTempDir, PROJECT_ROOT } from './support/javac.js';

const CLI = join(PROJECT_ROOT, 'dist', 'cli', 'classforge.js');

/** main() first prints <Class>$Tag.tag(), a class the transform adds for each class that has a main. */
const TAGS_TRANSFORM = `
import { ClassVisitor, ClassWriter, MethodVisitor, Opcodes, defineTransform } from 'classforge';

function tagClass(name, text) {
  const cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES);
  cw.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER | Opcodes.ACC_FINAL, name, null, 'java/lang/Object', null);
  const mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, 'tag', '()Ljava/lang/String;', null, null);
  mv.visitCode();
  mv.visitLdcInsn(text);
  mv.visitInsn(Opcodes.ARETURN);
  mv.visitMaxs(0, 0);
  mv.visitEnd();
  cw.visitEnd();
  return cw.toByteArray();
}

class PrintTag extends MethodVisitor {
  constructor(mv, tagName) {
    super(Opcodes.ASM9, mv);
    this.tagName = tagName;
  }
  visitCode() {
    super.visitCode();
    super.visitFieldInsn(Opcodes.GETSTATIC, 'java/lang/System', 'out', 'Ljava/io/PrintStream;');
    super.visitMethodInsn(Opcodes.INVOKESTATIC, this.tagName, 'tag', '()Ljava/lang/String;', false);
    super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, 'java/io/PrintStream', 'println', '(Ljava/lang/String;)V', false);
  }
}

class Tags extends ClassVisitor {
  constructor(next, ctx) {
    super(Opcodes.ASM9, next);
    this.ctx = ctx;
  }
  visitMethod(access, name, descriptor, signature, exceptions) {
    const mv = super.visitMethod(access, name, descriptor, signature, exceptions);
    if (name !== 'main') return mv;
    const tagName = this.ctx.addClass(tagClass(this.ctx.internalName + '$Tag', 'tag of ' + this.ctx.className));
    return new PrintTag(mv, tagName);
  }
}

export default defineTransform({ name: 'tags', include: 'app.**', visitor: (next, ctx) => new Tags(next, ctx) });
`;

const MAIN = 'package app;\npublic class Main { public static void main(String[] args) { System.out.println(new Other().name()); } }\n';
const OTHER = 'package app;\npublic class Other { String name() { return "other"; } }\n';

let work = '';
let tags = '';
let program: CompiledClasses;
let counter = 0;

beforeAll(async () => {
  work = await makeTempDir('added-classes');
  tags = join(work, 'tags.mjs');
  await writeFile(tags, TAGS_TRANSFORM);
  program = await compileJava({ 'app/Main.java': MAIN, 'app/Other.java': OTHER });
});

afterAll(async () => {
  if (work !== '') await rm(work, { recursive: true, force: true });
});

async function classforge(...args: string[]) {
  const result = await execa('node', [CLI, ...args], { reject: false, cwd: work });
  return { exitCode: result.exitCode ?? -1, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

const outPath = (name: string): string => join(work, 'out', `${name}-${++counter}`);

/** A transform file whose visitor, for app.Main, calls ctx.addClass with what `given` evaluates to. */
async function adding(name: string, given: string): Promise<string> {
  const path = join(work, `${name}.mjs`);
  await writeFile(
    path,
    "import { ClassVisitor, ClassWriter, Opcodes, defineTransform } from 'classforge';\n" +
      'const empty = (name) => { const cw = new ClassWriter(0); cw.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC, name, null, "java/lang/Object", null); cw.visitEnd(); return cw.toByteArray(); };\n' +
      `export default defineTransform({ name: '${name}', include: 'app.Main', visitor: (next, ctx) => { ctx.addClass(${given}); return next; } });\n`,
  );
  return path;
}

describe('classes added with ctx.addClass', () => {
  it('come with the rewritten classes in transformClasses, and the program runs with them', async () => {
    const result = await transformClasses(program, tags);
    expect(result.changed).toEqual(['app/Main']);
    expect(result.added).toEqual(['app/Main$Tag']);
    expect([...result.classes.keys()]).toEqual(['app/Main', 'app/Main$Tag', 'app/Other']);
    const run = await runJava({ classpath: result, mainClass: 'app.Main', verify: true });
    expect(run.stdout).toBe('tag of app.Main\nother\n');
  });

  it('are refused with the transform and the class named when they cannot be added', async () => {
    const refused = async (given: string, message: string) => {
      await expect(transformClasses(program, await adding(`bad${++counter}`, given))).rejects.toThrow(message);
    };
    await refused('"app/Main$X"', "failed on app.Main: TypeError: ctx.addClass takes class file bytes (a Uint8Array, e.g. ClassWriter.toByteArray()), got \"app/Main$X\"");
    await refused('empty("app/Main")', 'failed on app.Main: ctx.addClass: app.Main is the class being rewritten');
    await refused('new Uint8Array([0xca, 0xfe, 0xba, 0xbe])', 'failed on app.Main: ClassFormatError: Truncated class file');
    await refused('empty("app/Dup")), ctx.addClass(empty("app/Dup")', 'ctx.addClass: app.Dup was added already');
    // A name an input class has.
    await expect(transformClasses(program, await adding('clash', 'empty("app/Other")'))).rejects.toThrow(
      "transform 'clash' added app/Other for app/Main, but app/Other has that name",
    );
  });
});

describe.skipIf(!existsSync(CLI))('classes added with ctx.addClass through the CLI', () => {
  it('transform writes them next to their class in a directory and a jar (--json counts them), and the program runs', async () => {
    const out = outPath('dir');
    const result = await classforge('transform', program.dir, '-o', out, '-t', tags, '--json');
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ changed: 1, added: 1, addedClasses: ['app.Main$Tag'] });
    expect((await runJava({ classpath: out, mainClass: 'app.Main', verify: true })).stdout).toBe('tag of app.Main\nother\n');

    const input = join(work, 'app.jar');
    await writeFile(input, buildJar([
      { name: 'META-INF/MANIFEST.MF', data: 'Manifest-Version: 1.0\r\nMain-Class: app.Main\r\n\r\n' },
      { name: 'app/Main.class', data: program.classes.get('app/Main')! },
      { name: 'app/Other.class', data: program.classes.get('app/Other')! },
    ]));
    const jar = outPath('app.jar');
    expect((await classforge('transform', input, '-o', jar, '-t', tags)).exitCode).toBe(0);
    expect(Object.keys((await JSZip.loadAsync(readFileSync(jar))).files)).toEqual([
      'META-INF/', 'META-INF/MANIFEST.MF', 'app/', 'app/Main.class', 'app/Other.class', 'app/Main$Tag.class',
    ]);
    const run = await execa(javaTool('java'), ['-Xverify:all', '-jar', jar], { reject: false });
    expect([run.exitCode, run.stdout]).toEqual([0, 'tag of app.Main\nother']);
  });

  it('transform fails the class when the name is taken or the output is one .class file; nothing is written', async () => {
    const clash = await adding('clash-cli', 'empty("app/Other")');
    const out = outPath('clash');
    const result = await classforge('transform', program.dir, '-o', out, '-t', clash);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('a transform added app.Other for app.Main, but app/Other.class is already an entry of the input');
    expect(existsSync(out)).toBe(false);

    const single = outPath('Main.class');
    const one = await classforge('transform', join(program.dir, 'app', 'Main.class'), '-o', single, '-t', tags);
    expect(one.exitCode).toBe(1);
    expect(one.stderr).toContain('the transforms added classes for app.Main (app.Main$Tag), which a single .class output cannot hold');
    expect(existsSync(single)).toBe(false);
  });

  it('run: a class of the JDK\'s own loaders cannot be given one: it loads unchanged, with a message', async () => {
    const jdkCompanion = join(work, 'jdk-companion.mjs');
    await writeFile(
      jdkCompanion,
      "import { ClassWriter, Opcodes, defineTransform } from 'classforge';\n" +
        "export default defineTransform({ name: 'jdk-companion', include: 'java.util.ArrayDeque', tree(node, ctx) {\n" +
        "  const cw = new ClassWriter(0); cw.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC, 'jdkcompanions/Deque', null, 'java/lang/Object', null); cw.visitEnd();\n" +
        "  ctx.addClass(cw.toByteArray());\n} });\n",
    );
    const deques = await compileJava(join(PROJECT_ROOT, 'fixtures', 'agent', 'jdk'));
    const run = await classforge('run', '-t', jdkCompanion, '--', javaTool('java'), '-cp', deques.dir, 'Deques');
    expect([run.exitCode, run.stdout]).toEqual([0, 'ab']);
    expect(run.stderr).toContain("the transforms added classes for java.util.ArrayDeque, which a class of the JDK's loaders cannot be given (class left unchanged)");
  });

  it('run: the shim defines them with the loader of their class as it loads', async () => {
    const run = await classforge('run', '-t', tags, '--', javaTool('java'), '-Xverify:all', '-cp', program.dir, 'app.Main');
    expect([run.exitCode, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toBe('tag of app.Main\nother');
  });
});
