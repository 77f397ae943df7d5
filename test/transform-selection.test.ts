// `--include`/`--exclude <glob>` (transform, agent, run, attach): the command line narrows every transform to
// the classes its globs select, on top of the transform's own include/exclude (narrowTransform). The stock
// method-timing example applied to one package of a two-package program, offline (in process and over worker
// threads) and inside the JVM; the warnings; and, inside the JVM, which transforms the shim gives a JDK class:
// those whose include globs (or the command line's) name it, not the others (a transform without include
// globs means the application's classes).
import { existsSync, readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineTransform, isTransformDefinition, narrowTransform } from '../src/transform/define-transform.js';
import { compileJava, javaTool, runJava, type CompiledClasses } from '../src/testing/index.js';
import { makeTempDir, PROJECT_ROOT } from './support/javac.js';
import { readTree } from './support/file-tree.js';

const CLI = join(PROJECT_ROOT, 'dist', 'cli', 'classforge.js');
const TIMING = join(PROJECT_ROOT, 'examples', 'method-timing', 'transform.ts');

const SOURCES = {
  'app/Main.java': 'package app;\npublic class Main {\n  public static void main(String[] args) { System.out.println(new app.billing.Invoice().total()); }\n}\n',
  'app/billing/Invoice.java': 'package app.billing;\npublic class Invoice {\n  public int total() { return 42; }\n}\n',
};

/** Logs "seen" for every class it is given; changes nothing. No include globs: the application's classes. */
const SEEN = "import { defineTransform } from 'classforge';\nexport default defineTransform({ name: 'seen', tree(node, ctx) { ctx.log('seen'); } });\n";

let work = '';
let seen = '';
let program: CompiledClasses;
let counter = 0;

beforeAll(async () => {
  work = await makeTempDir('transform-selection');
  seen = join(work, 'seen.mjs');
  await writeFile(seen, SEEN);
  program = await compileJava(SOURCES);
});

afterAll(async () => {
  if (work !== '') await rm(work, { recursive: true, force: true });
});

async function classforge(...args: string[]) {
  const result = await execa('node', [CLI, ...args], { reject: false, cwd: PROJECT_ROOT });
  return { exitCode: result.exitCode ?? -1, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

function outPath(name: string): string {
  return join(work, 'out', `${name}-${++counter}`);
}

/** The classes method-timing timed, from the program's stderr lines ("app.billing.Invoice.total took 123 ns"). */
function timedClasses(stderr: string): string[] {
  const names = stderr.split('\n').filter((line) => line.includes(' took ')).map((line) => line.replace(/\.[^.]* took .*$/, ''));
  return [...new Set(names)].sort();
}

describe('narrowTransform', () => {
  const own = defineTransform({ name: 't', include: ['app.**'], exclude: ['app.gen.*'], tree: () => {} });

  it('selects what both the definition and the selection select, and stays a definition', () => {
    const narrowed = narrowTransform(own, { include: ['app.billing.**', 'other.**'], exclude: ['**.Draft'] });
    expect(isTransformDefinition(narrowed)).toBe(true);
    expect(Object.isFrozen(narrowed)).toBe(true);
    expect(narrowed.selection).toEqual({ include: ['app.billing.**', 'other.**'], exclude: ['**.Draft'] });
    expect(narrowed.include).toEqual(['app.**']);
    expect(['app.Main', 'app.billing.Invoice', 'app.billing.Draft', 'other.X', 'app.gen.Y'].filter((name) => narrowed.matches(name))).toEqual(['app.billing.Invoice']);
    // An exclude alone narrows as well.
    expect(narrowTransform(own, { include: [], exclude: ['app.Main'] }).matches('app.Main')).toBe(false);
  });

  it('gives the definition itself for no selection', () => {
    expect(narrowTransform(own, undefined)).toBe(own);
    expect(narrowTransform(own, { include: [], exclude: [] })).toBe(own);
    expect(own.selection).toBeNull();
  });
});

describe.skipIf(!existsSync(CLI))('--include/--exclude through the CLI', () => {
  it('transform: only the classes both select are rewritten, the others are skipped', async () => {
    const out = outPath('billing');
    const result = await classforge('transform', program.dir, '-o', out, '-t', TIMING, '--include', 'app.billing.**', '--json', '--jobs', '1');
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ classesSeen: 2, changed: 1, skipped: 1 });
    const run = await runJava({ classpath: out, mainClass: 'app.Main', verify: true });
    expect(run.stdout).toBe('42\n');
    expect(timedClasses(run.stderr)).toEqual(['app.billing.Invoice']);
    expect(readFileSync(join(out, 'app', 'Main.class'))).toEqual(Buffer.from(program.classes.get('app/Main')!));

    const excluded = outPath('not-billing');
    const other = await classforge('transform', program.dir, '-o', excluded, '-t', TIMING, '--exclude', 'app.billing.**', '--json', '--jobs', '1');
    expect(JSON.parse(other.stdout)).toMatchObject({ changed: 1, skipped: 1 });
    expect(timedClasses((await runJava({ classpath: excluded, mainClass: 'app.Main', verify: true })).stderr)).toEqual(['app.Main']);
  });

  it('transform: a module exporting a stock transform narrowed with narrowTransform (from classforge)', async () => {
    const narrowed = join(work, 'billing-timing.mjs');
    await writeFile(
      narrowed,
      "import { narrowTransform } from 'classforge';\n" +
        `import timing from ${JSON.stringify(TIMING)};\n` +
        "export default narrowTransform(timing, { include: ['app.billing.**'], exclude: [] });\n",
    );
    const out = outPath('module');
    const result = await classforge('transform', program.dir, '-o', out, '-t', narrowed, '--json');
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ changed: 1, skipped: 1 });
    expect(timedClasses((await runJava({ classpath: out, mainClass: 'app.Main', verify: true })).stderr)).toEqual(['app.billing.Invoice']);
  });

  it('transform: worker threads narrow the transforms the same way', async () => {
    const inProcess = outPath('jobs1');
    const workers = outPath('jobs2');
    expect((await classforge('transform', program.dir, '-o', inProcess, '-t', TIMING, '--include', 'app.billing.*', '--jobs', '1')).exitCode).toBe(0);
    expect((await classforge('transform', program.dir, '-o', workers, '-t', TIMING, '--include', 'app.billing.*', '--jobs', '2')).exitCode).toBe(0);
    const one = readTree(inProcess);
    expect(readTree(workers)).toEqual(one);
    expect(one.get('app/Main.class')).toEqual(Buffer.from(program.classes.get('app/Main')!));
    expect(one.get('app/billing/Invoice.class')).not.toEqual(Buffer.from(program.classes.get('app/billing/Invoice')!));
  });

  it('transform: a glob written as a file name is warned about once, and a selection of nothing names the option', async () => {
    const result = await classforge('transform', program.dir, '--dry-run', '-t', TIMING, '-t', seen, '--include', 'app/billing/Invoice.class');
    expect(result.exitCode).toBe(0);
    expect(result.stderr.split('\n')).toEqual([
      "classforge: warning: --include 'app/billing/Invoice.class' looks like a file name; globs are dotted class names, as in 'app.billing.Invoice'",
      "classforge: warning: transform 'method-timing' selected no class of the input (--include app/billing/Invoice.class)",
      "classforge: warning: transform 'seen' selected no class of the input (--include app/billing/Invoice.class)",
    ]);
    const empty = await classforge('transform', program.dir, '--dry-run', '-t', TIMING, '--include', ' ');
    expect(empty.exitCode).toBe(2);
    expect(empty.stderr).toContain("--include takes a non-empty class-name glob, e.g. 'com.acme.**'");
  });

  it('run: the transforms get only the classes the command line selects', async () => {
    const result = await classforge('run', '-t', TIMING, '--include', 'app.billing.**', '--', javaTool('java'), '-Xverify:all', '-cp', program.dir, 'app.Main');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('42');
    expect(timedClasses(result.stderr)).toEqual(['app.billing.Invoice']);
  });

  it('run: a JDK class goes to the transforms whose include names it, or whose --include does, and to no other', async () => {
    const deques = await compileJava(join(PROJECT_ROOT, 'fixtures', 'agent', 'jdk'));
    const java = javaTool('java');
    // trace-jdk includes java.util.ArrayDeque; 'seen' has no include globs: the application's classes only.
    const both = await classforge('run', '-t', 'fixtures/agent/transforms/trace-jdk.ts', '-t', seen, '--', java, '-Xverify:all', '-cp', deques.dir, 'Deques');
    expect(both.exitCode).toBe(0);
    expect(both.stdout).toBe('jdk java.util.ArrayDeque.descendingIterator\nab');
    expect(both.stderr).toBe('[seen] Deques: seen');

    // An --include naming the JDK class selects it for 'seen' too (and narrows trace-jdk to what it already had).
    const named = await classforge('run', '-t', 'fixtures/agent/transforms/trace-jdk.ts', '-t', seen, '--include', 'java.util.ArrayDeque', '--include', 'Deques',
      '--', java, '-Xverify:all', '-cp', deques.dir, 'Deques');
    expect(named.exitCode).toBe(0);
    expect(named.stdout).toBe('jdk java.util.ArrayDeque.descendingIterator\nab');
    expect(named.stderr.split('\n').sort()).toEqual(['[seen] Deques: seen', '[seen] java.util.ArrayDeque: seen']);
  });

  it("run: the JDK's modules defined to the application class loader (jdk.compiler) count as the JDK's", async () => {
    // javac's classes come from the runtime image but are defined by the system class loader (the program says so).
    const usesJavac = await compileJava({
      'UsesJavac.java':
        'public class UsesJavac {\n  public static void main(String[] args) throws Exception {\n' +
        '    Class<?> tool = Class.forName("com.sun.tools.javac.api.JavacTool");\n' +
        '    System.out.println(tool.getClassLoader() == ClassLoader.getSystemClassLoader());\n  }\n}\n',
    });
    const java = javaTool('java');
    const plain = await classforge('run', '-t', seen, '--', java, '-cp', usesJavac.dir, 'UsesJavac');
    expect(plain.exitCode).toBe(0);
    expect(plain.stdout).toBe('true');
    expect(plain.stderr).toBe('[seen] UsesJavac: seen');
    // Named by --include, it is selected as any JDK class is.
    const named = await classforge('run', '-t', seen, '--include', 'com.sun.tools.javac.api.JavacTool', '--include', 'UsesJavac', '--', java, '-cp', usesJavac.dir, 'UsesJavac');
    expect(named.exitCode).toBe(0);
    expect(named.stderr.split('\n').sort()).toEqual(['[seen] UsesJavac: seen', '[seen] com.sun.tools.javac.api.JavacTool: seen']);
  });

  it('agent: the jar carries the selection for the shim and the host', async () => {
    const agent = outPath('timing-agent.jar');
    expect((await classforge('agent', '-t', TIMING, '--exclude', 'app.Main', '-o', agent)).exitCode).toBe(0);
    const run = await execa(javaTool('java'), ['-Xverify:all', `-javaagent:${agent}`, '-cp', program.dir, 'app.Main'], { reject: false });
    expect(run.stdout).toBe('42');
    expect(timedClasses(run.stderr)).toEqual(['app.billing.Invoice']);
  });
});
