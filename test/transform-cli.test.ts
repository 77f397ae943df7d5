// `classforge transform`: the built CLI (dist/cli/classforge.js) running transform modules written
// outside the project (a .ts visitor importing 'classforge', a relative module and a bare package; a
// .mjs tree transform) over javac output, judged by HotSpot under -Xverify:all; untouched classes
// byte-identical; composition order; include/exclude; --options validation; failures (one line,
// no output left); --keep-going; --jobs 1 and 2 giving identical output; --dry-run; --json.

import { availableParallelism } from 'node:os';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileJava, defaultJavaHome, FIXTURES_DIR, makeTempDir, PROJECT_ROOT, runJava } from './support/javac.js';
import { readTree } from './support/file-tree.js';

const CLI = join(PROJECT_ROOT, 'dist', 'cli', 'classforge.js');

/** Runs the CLI with `args`; never throws on a non-zero exit. */
async function classforge(...args: string[]) {
  const result = await execa('node', [CLI, ...args], { reject: false, stripFinalNewline: false, cwd: work });
  return { exitCode: result.exitCode ?? -1, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

/** stderr must be exactly one line, start with "classforge: " and hold no stack frame. */
function expectOneLineError(stderr: string, pattern: RegExp | string): void {
  expect(stderr.endsWith('\n')).toBe(true);
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(stderr.startsWith('classforge: ')).toBe(true);
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr).toMatch(pattern);
}

let work = '';
let classes = '';
let transforms = '';
let counter = 0;

/** A fresh output path under the work directory. */
function outPath(name: string): string {
  return join(work, 'out', `${name}-${++counter}`);
}

/** What leftover temporaries or outputs exist next to `path`. */
function siblingsOf(path: string): string[] {
  const parent = join(path, '..');
  return existsSync(parent) ? readdirSync(parent).filter((name) => name.includes(path.split('/').pop()!)) : [];
}

const TRACE_TS = `
import { ClassVisitor, MethodVisitor, Opcodes, defineTransform, type TransformContext } from 'classforge';
import { entryMessage } from './lib/message.js';
import pad from 'tiny-pad';

interface TraceOptions { prefix: string; log: boolean }

class EntryPrinter extends MethodVisitor {
  constructor(next: MethodVisitor, private readonly message: string) {
    super(Opcodes.ASM9, next);
  }

  override visitCode(): void {
    super.visitCode();
    super.visitFieldInsn(Opcodes.GETSTATIC, 'java/lang/System', 'out', 'Ljava/io/PrintStream;');
    super.visitLdcInsn(this.message);
    super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, 'java/io/PrintStream', 'println', '(Ljava/lang/String;)V', false);
  }
}

class Trace extends ClassVisitor {
  constructor(next: ClassVisitor, private readonly ctx: TransformContext<TraceOptions>) {
    super(Opcodes.ASM9, next);
  }

  override visitMethod(access: number, name: string, descriptor: string, signature: string | null, exceptions: string[] | null) {
    const next = super.visitMethod(access, name, descriptor, signature, exceptions);
    if (next === null || (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) !== 0 || name !== 'main' && name !== 'twice' && name !== 'area') {
      return next;
    }
    if (this.ctx.options.log) this.ctx.log(pad('traced ' + name));
    return new EntryPrinter(next, entryMessage(this.ctx.options.prefix, this.ctx.className, name));
  }
}

export default defineTransform<TraceOptions>({
  name: 'trace',
  include: ['app.**'],
  exclude: ['app.gen.*'],
  options: {
    type: 'object',
    properties: { prefix: { type: 'string', default: 'enter' }, log: { type: 'boolean', default: false } },
    additionalProperties: false,
  },
  visitor: (next, ctx) => new Trace(next, ctx),
});
`;

const MESSAGE_TS = `
export function entryMessage(prefix: string, className: string, method: string): string {
  return \`\${prefix} \${className}.\${method}\`;
}
`;

const SHOUT_MJS = `
import { defineTransform, LdcInsnNode } from 'classforge';

export default defineTransform({
  name: 'shout',
  include: 'app.Main',
  tree(node) {
    for (const method of node.methods) {
      for (const insn of method.instructions.toArray()) {
        if (insn instanceof LdcInsnNode && typeof insn.cst === 'string') insn.cst = insn.cst.toUpperCase();
      }
    }
  },
});
`;

const BOOM_TS = `
import { defineTransform } from 'classforge';
export default defineTransform({
  name: 'boom',
  visitor: (next, ctx) => {
    if (ctx.className === 'app.Helper') throw new Error('boom on purpose');
    return next;
  },
});
`;

const IDENTITY_JS = `
import { ClassVisitor, Opcodes, defineTransform } from 'classforge';
export default defineTransform({ name: 'identity', visitor: (next) => new ClassVisitor(Opcodes.ASM9, next) });
`;

const EXPECTED_PLAIN = 'hello\ntwice 42\narea 7\ncaught negative -1 after 1 calls\n';

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npx tsc -p ." (npm test builds it) first`);
  work = await makeTempDir('cli-transform');
  const compiled = await compileJava(join(FIXTURES_DIR, 'transform'), { options: ['-g'] });
  classes = join(work, 'classes');
  await cp(compiled.dir, classes, { recursive: true, filter: (source) => !source.endsWith('.json') });
  await writeFile(join(classes, 'app', 'messages.properties'), 'greeting=hello\n');
  await mkdir(join(classes, 'META-INF'), { recursive: true });
  await writeFile(join(classes, 'META-INF', 'notes.txt'), Buffer.from([0, 1, 2, 255]));
  // The transforms live outside the project, with a relative import and a package of their own.
  transforms = join(work, 'transforms');
  await mkdir(join(transforms, 'lib'), { recursive: true });
  await mkdir(join(transforms, 'node_modules', 'tiny-pad'), { recursive: true });
  await writeFile(join(transforms, 'node_modules', 'tiny-pad', 'package.json'), '{"name":"tiny-pad","main":"index.js"}');
  await writeFile(join(transforms, 'node_modules', 'tiny-pad', 'index.js'), "module.exports = (s) => '<' + s + '>';\n");
  await writeFile(join(transforms, 'trace.ts'), TRACE_TS);
  await writeFile(join(transforms, 'lib', 'message.ts'), MESSAGE_TS);
  await writeFile(join(transforms, 'shout.mjs'), SHOUT_MJS);
  await writeFile(join(transforms, 'boom.ts'), BOOM_TS);
  await writeFile(join(transforms, 'identity.js'), IDENTITY_JS);
  const plain = await runJava({ classpath: classes, mainClass: 'app.Main', jvmArgs: ['-Xverify:all'] });
  expect(plain.stdout).toBe(EXPECTED_PLAIN);
});

afterAll(async () => {
  if (work !== '') await rm(work, { recursive: true, force: true });
});

describe('classforge transform', () => {
  it('applies a .ts visitor transform from outside the project to a directory', async () => {
    const out = outPath('trace');
    const result = await classforge('transform', classes, '-o', out, '-t', join(transforms, 'trace.ts'));
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const run = await runJava({ classpath: out, mainClass: 'app.Main', jvmArgs: ['-Xverify:all'] });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      'enter app.Main.main\nhello\nenter app.Helper.twice\ntwice 42\n' +
        'enter app.Shape$Square.area\nenter app.Shape$Circle.area\narea 7\ncaught negative -1 after 1 calls\n',
    );
    const before = readTree(classes);
    const after = readTree(out);
    expect([...after.keys()]).toEqual([...before.keys()]);
    // Untouched classes and every resource are byte-identical; the traced classes changed.
    const changed = [...after.keys()].filter((name) => !after.get(name)!.equals(before.get(name)!));
    expect(changed.sort()).toEqual(['app/Helper.class', 'app/Main.class', 'app/Shape$Circle.class', 'app/Shape$Square.class']);
  });

  it('runs a .mjs tree transform, and composes -t in order', async () => {
    const shout = await classforge('transform', classes, '-o', outPath('shout'), '-t', join(transforms, 'shout.mjs'), '--jobs', '1');
    expect(shout.exitCode).toBe(0);
    const traceFirst = outPath('trace-shout');
    const shoutFirst = outPath('shout-trace');
    const trace = join(transforms, 'trace.ts');
    const shoutModule = join(transforms, 'shout.mjs');
    expect((await classforge('transform', classes, '-o', traceFirst, '-t', trace, '-t', shoutModule)).exitCode).toBe(0);
    expect((await classforge('transform', classes, '-o', shoutFirst, '-t', shoutModule, '-t', trace)).exitCode).toBe(0);
    const a = await runJava({ classpath: traceFirst, mainClass: 'app.Main', jvmArgs: ['-Xverify:all'] });
    const b = await runJava({ classpath: shoutFirst, mainClass: 'app.Main', jvmArgs: ['-Xverify:all'] });
    // trace then shout: shout upper-cases the line trace added to main; the other way round it cannot.
    expect(a.stdout.split('\n').slice(0, 3)).toEqual(['ENTER APP.MAIN.MAIN', 'HELLO', 'enter app.Helper.twice']);
    expect(b.stdout.split('\n').slice(0, 3)).toEqual(['enter app.Main.main', 'HELLO', 'enter app.Helper.twice']);
  });

  it('passes validated options with defaults, and prints ctx.log messages in class order', async () => {
    // Two workers where there are two cores (more would add a note on stderr).
    const out = outPath('options');
    const result = await classforge(
      'transform', classes, '-o', out, '-t', join(transforms, 'trace.ts'), '--options', '{"prefix":"in","log":true}', '--jobs', String(Math.min(2, availableParallelism())),
    );
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe(
      '[trace] app.Helper: <traced twice>\n[trace] app.Main: <traced main>\n' +
        '[trace] app.Shape$Circle: <traced area>\n[trace] app.Shape$Square: <traced area>\n',
    );
    const run = await runJava({ classpath: out, mainClass: 'app.Main', jvmArgs: ['-Xverify:all'] });
    expect(run.stdout.split('\n')[0]).toBe('in app.Main.main');
    const scoped = await classforge('transform', classes, '-o', outPath('scoped'), '-t', join(transforms, 'trace.ts'), '--options', 'trace={"prefix":"x"}');
    expect(scoped.exitCode).toBe(0);
  });

  it('refuses invalid --options with exit 2, the path in the message, and no output', async () => {
    const out = outPath('bad-options');
    const wrongType = await classforge('transform', classes, '-o', out, '-t', join(transforms, 'trace.ts'), '--options', '{"prefix":3}');
    expect(wrongType.exitCode).toBe(2);
    expectOneLineError(wrongType.stderr, 'trace: options/prefix must be string');
    const notJson = await classforge('transform', classes, '-o', out, '-t', join(transforms, 'trace.ts'), '--options', '{prefix');
    expect(notJson.exitCode).toBe(2);
    expectOneLineError(notJson.stderr, /--options: invalid JSON/);
    expect(existsSync(out)).toBe(false);
    expect(siblingsOf(out)).toEqual([]);
  });

  it('stops at a throwing transform: exit 1, one line naming transform and class, no output', async () => {
    const out = outPath('boom');
    const result = await classforge('transform', classes, '-o', out, '-t', join(transforms, 'boom.ts'), '--jobs', '1');
    expect(result.exitCode).toBe(1);
    expectOneLineError(result.stderr, "classforge: transform 'boom' failed on app.Helper: boom on purpose");
    expect(existsSync(out)).toBe(false);
    expect(siblingsOf(out)).toEqual([]);
    const verbose = await classforge('transform', classes, '-o', out, '-t', join(transforms, 'boom.ts'), '--verbose');
    expect(verbose.exitCode).toBe(1);
    expect(verbose.stderr).toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it('with --keep-going writes the output with the failing class unchanged, reports it, and exits 1', async () => {
    const out = outPath('keep-going');
    const result = await classforge(
      'transform', classes, '-o', out, '-t', join(transforms, 'boom.ts'), '-t', join(transforms, 'trace.ts'), '--keep-going', '--json',
    );
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe("classforge: transform 'boom' failed on app.Helper: boom on purpose\n");
    const summary = JSON.parse(result.stdout);
    expect(summary.failed).toBe(1);
    expect(summary.failures).toEqual([
      { className: 'app.Helper', entry: 'app/Helper.class', transform: 'boom', message: "transform 'boom' failed on app.Helper: boom on purpose" },
    ]);
    expect(readFileSync(join(out, 'app', 'Helper.class')).equals(readFileSync(join(classes, 'app', 'Helper.class')))).toBe(true);
    const run = await runJava({ classpath: out, mainClass: 'app.Main', jvmArgs: ['-Xverify:all'] });
    expect(run.stdout).toContain('enter app.Main.main\nhello\ntwice 42\n');
  });

  it('gives identical output with --jobs 1 and --jobs 2', async () => {
    const one = outPath('jobs1');
    const two = outPath('jobs2');
    const trace = join(transforms, 'trace.ts');
    const shout = join(transforms, 'shout.mjs');
    expect((await classforge('transform', classes, '-o', one, '-t', trace, '-t', shout, '--jobs', '1')).exitCode).toBe(0);
    expect((await classforge('transform', classes, '-o', two, '-t', trace, '-t', shout, '--jobs', '2')).exitCode).toBe(0);
    const a = readTree(one);
    const b = readTree(two);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [name, bytes] of a) expect(b.get(name)!.equals(bytes), name).toBe(true);
  });

  it('relocates a package with ClassRemapper: frames merge the new names, which only the output holds', async () => {
    // lib.Shapes.pick and app.Main.main merge lib.Square and lib.Circle in a conditional: the changed
    // methods' frames need the common super class of shaded/lib/Square and shaded/lib/Circle.
    const compiled = await compileJava({
      'lib/Shape.java': 'package lib;\npublic abstract class Shape { public abstract int area(); }\n',
      'lib/Square.java': 'package lib;\npublic class Square extends Shape { public int area() { return 4; } }\n',
      'lib/Circle.java': 'package lib;\npublic class Circle extends Shape { public int area() { return 3; } }\n',
      'lib/Shapes.java':
        'package lib;\npublic class Shapes {\n  public static Shape pick(boolean square) { return square ? new Square() : new Circle(); }\n}\n',
      'app/Main.java':
        'package app;\npublic class Main {\n  public static void main(String[] args) {\n' +
        '    lib.Shape s = args.length == 0 ? new lib.Square() : new lib.Circle();\n' +
        '    System.out.println(s.area() + lib.Shapes.pick(false).area() + " " + s.getClass().getName());\n  }\n}\n',
    });
    const relocate = join(work, 'relocate.ts');
    await writeFile(
      relocate,
      "import { ClassRemapper, Remapper, defineTransform } from 'classforge';\n" +
        "class Relocate extends Remapper { override map(n: string) { return n.startsWith('lib/') ? 'shaded/' + n : n; } }\n" +
        "export default defineTransform({ name: 'relocate', visitor: (next) => new ClassRemapper(next, new Relocate()) });\n",
    );
    const input = join(work, 'relocate-in');
    await cp(compiled.dir, input, { recursive: true, filter: (source) => !source.endsWith('.json') });
    const one = outPath('relocate1');
    const two = outPath('relocate2');
    const first = await classforge('transform', input, '-o', one, '-t', relocate, '--jobs', '1', '--json');
    expect(first.exitCode, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ changed: 5, failed: 0 });
    const second = await classforge('transform', input, '-o', two, '-t', relocate, '--jobs', '2');
    expect(second.exitCode, second.stderr).toBe(0);
    const a = readTree(one);
    const b = readTree(two);
    expect([...a.keys()].sort()).toEqual(['app/Main.class', ...['Circle', 'Shape', 'Shapes', 'Square'].map((n) => `shaded/lib/${n}.class`)]);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [name, bytes] of a) expect(b.get(name)!.equals(bytes), name).toBe(true);
    const run = await runJava({ classpath: one, mainClass: 'app.Main', jvmArgs: ['-Xverify:all'] });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('7 shaded.lib.Square\n');

    // A jar made by the JDK's jar tool gets directory entries for the new packages, where the jar
    // tool puts them (before their first entry); the old, now empty, lib/ stays.
    const jarTool = join(defaultJavaHome(), 'bin', 'jar');
    const inJar = join(work, 'relocate-in.jar');
    await execa(jarTool, ['cf', inJar, '-C', input, '.']);
    const outJar = join(work, 'relocate-out.jar');
    const jarred = await classforge('transform', inJar, '-o', outJar, '-t', relocate);
    expect(jarred.exitCode, jarred.stderr).toBe(0);
    const names = Object.keys((await JSZip.loadAsync(readFileSync(outJar))).files);
    const inNames = Object.keys((await JSZip.loadAsync(readFileSync(inJar))).files);
    expect(inNames).toContain('lib/');
    const firstMoved = inNames.find((name) => name.startsWith('lib/') && name !== 'lib/');
    expect(names).toEqual(
      inNames.flatMap((name) =>
        name === firstMoved ? ['shaded/', 'shaded/lib/', 'shaded/' + name] : name.startsWith('lib/') && name !== 'lib/' ? ['shaded/' + name] : [name],
      ),
    );
    const listed = await execa(jarTool, ['tf', outJar]);
    expect(listed.stdout.split('\n')).toEqual(names);
    const runJar = await runJava({ classpath: outJar, mainClass: 'app.Main', jvmArgs: ['-Xverify:all'] });
    expect(runJar.stdout).toBe('7 shaded.lib.Square\n');
  });

  it('gives identical output with --jobs 1 and --jobs 2 on a stored (uncompressed) jar', async () => {
    // A stored entry's bytes are a slice of the jar file's memory: handed to worker threads, each
    // must be copied into a buffer of its own (before: DataCloneError, or a class emptied in flight).
    const zip = new JSZip();
    for (const [name, bytes] of readTree(classes)) zip.file(name, bytes, { compression: 'STORE' });
    const stored = join(work, 'stored.jar');
    await writeFile(stored, await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' }));
    const trace = join(transforms, 'trace.ts');
    const one = join(work, 'stored-jobs1.jar');
    const two = join(work, 'stored-jobs2.jar');
    const first = await classforge('transform', stored, '-o', one, '-t', trace, '--jobs', '1', '--json');
    expect(first.exitCode, first.stderr).toBe(0);
    const second = await classforge('transform', stored, '-o', two, '-t', trace, '--jobs', '2', '--json');
    expect(second.exitCode, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ changed: 4, failed: 0 });
    expect(readFileSync(two).equals(readFileSync(one))).toBe(true);
  });

  it('lists what would change with --dry-run and writes nothing', async () => {
    const out = outPath('dry');
    const result = await classforge('transform', classes, '-o', out, '-t', join(transforms, 'trace.ts'), '--dry-run');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('app.Helper\napp.Main\napp.Shape$Circle\napp.Shape$Square\n');
    expect(existsSync(out)).toBe(false);
    const noOutput = await classforge('transform', classes, '-t', join(transforms, 'trace.ts'), '--dry-run', '--json');
    expect(noOutput.exitCode).toBe(0);
    expect(JSON.parse(noOutput.stdout).changedClasses).toEqual(['app.Helper', 'app.Main', 'app.Shape$Circle', 'app.Shape$Square']);
  });

  it('prints a --json summary', async () => {
    const out = outPath('json');
    const result = await classforge('transform', classes, '-o', out, '-t', join(transforms, 'trace.ts'), '--json');
    expect(result.exitCode).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(Object.keys(summary).sort()).toEqual(
      ['added', 'addedClasses', 'changed', 'classesSeen', 'dryRun', 'failed', 'failures', 'input', 'output', 'resources', 'skipped', 'timeMs', 'unchanged'].sort(),
    );
    expect(summary).toMatchObject({
      input: classes,
      output: out,
      dryRun: false,
      classesSeen: 6,
      changed: 4,
      unchanged: 1,
      skipped: 1,
      failed: 0,
      resources: 2,
      failures: [],
      added: 0,
      addedClasses: [],
    });
    expect(typeof summary.timeMs).toBe('number');
  });

  it('keeps a class file a class file, and leaves the class identical under the identity transform', async () => {
    const input = join(classes, 'app', 'Main.class');
    const out = join(work, 'out', 'Main.class');
    // Alone, the class's frames cannot be computed: main merges Shape subclasses it cannot see.
    const alone = await classforge('transform', input, '-o', out, '-t', join(transforms, 'trace.ts'));
    expect(alone.exitCode).toBe(1);
    expectOneLineError(alone.stderr, /transform 'trace' failed on app.Main: UnknownClassError: .*app\/Shape/);
    expect(existsSync(out)).toBe(false);
    const traced = await classforge('transform', input, '-o', out, '-t', join(transforms, 'trace.ts'), '--cp', classes);
    expect(traced.stderr).toBe('');
    expect(traced.exitCode).toBe(0);
    expect(readFileSync(out).equals(readFileSync(input))).toBe(false);
    const identical = join(work, 'out', 'Same.class');
    expect((await classforge('transform', input, '-o', identical, '-t', join(transforms, 'identity.js'))).exitCode).toBe(0);
    expect(readFileSync(identical).equals(readFileSync(input))).toBe(true);
  });

  it('refuses to write over its input, into it, or into a non-empty directory', async () => {
    const before = readTree(classes);
    const trace = join(transforms, 'trace.ts');
    const same = await classforge('transform', classes, '-o', classes, '-t', trace);
    expect(same.exitCode).toBe(2);
    expectOneLineError(same.stderr, /the output is the input/);
    const inside = await classforge('transform', classes, '-o', join(classes, 'sub'), '-t', trace);
    expect(inside.exitCode).toBe(2);
    expectOneLineError(inside.stderr, /inside the input/);
    const occupied = outPath('occupied');
    await mkdir(occupied, { recursive: true });
    await writeFile(join(occupied, 'keep.txt'), 'mine');
    const full = await classforge('transform', classes, '-o', occupied, '-t', trace);
    expect(full.exitCode).toBe(2);
    expectOneLineError(full.stderr, /not empty/);
    expect(await readFile(join(occupied, 'keep.txt'), 'utf8')).toBe('mine');
    const after = readTree(classes);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [name, bytes] of before) expect(after.get(name)!.equals(bytes)).toBe(true);
  });

  it('reports usage and load errors with exit 2 on one line', async () => {
    const missingInput = await classforge('transform', join(work, 'nope'), '-o', outPath('x'), '-t', join(transforms, 'trace.ts'));
    expect(missingInput.exitCode).toBe(2);
    expectOneLineError(missingInput.stderr, /nope: no such file or directory/);
    const noTransform = await classforge('transform', classes, '-o', outPath('x'));
    expect(noTransform.exitCode).toBe(2);
    expectOneLineError(noTransform.stderr, /-t <file>/);
    const badJobs = await classforge('transform', classes, '-o', outPath('x'), '-t', join(transforms, 'trace.ts'), '--jobs', '0');
    expect(badJobs.exitCode).toBe(2);
    expectOneLineError(badJobs.stderr, /--jobs must be a positive integer/);
    await writeFile(join(transforms, 'broken.ts'), 'export default defineTransform({ name: "x", visitor: (next) => next ');
    const broken = await classforge('transform', classes, '-o', outPath('x'), '-t', join(transforms, 'broken.ts'));
    expect(broken.exitCode).toBe(2);
    expectOneLineError(broken.stderr, /broken\.ts: 1:\d+: /);
    await writeFile(join(transforms, 'nodefault.mjs'), 'export const x = 1;');
    const noDefault = await classforge('transform', classes, '-o', outPath('x'), '-t', join(transforms, 'nodefault.mjs'));
    expect(noDefault.exitCode).toBe(2);
    expectOneLineError(noDefault.stderr, /nodefault\.mjs: no default export/);
  });

  it('takes a jar, and writes it back byte for byte through an identity transform', async () => {
    const JSZip = (await import('jszip')).default;
    const zip = new JSZip();
    zip.file('app/Helper.class', readFileSync(join(classes, 'app', 'Helper.class')));
    const jar = join(work, 'in.jar');
    await writeFile(jar, await zip.generateAsync({ type: 'uint8array' }));
    const out = join(work, 'out', 'out.jar');
    const result = await classforge('transform', jar, '-o', out, '-t', join(transforms, 'identity.js'));
    expect(result.exitCode).toBe(0);
    expect(readFileSync(out).equals(readFileSync(jar))).toBe(true);
  });
});
