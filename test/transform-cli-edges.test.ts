// `classforge transform` at its edges, from an exploratory run of the CLI: malformed and single
// class inputs, exit codes with --keep-going, transform output kept off stdout, renamed classes,
// class path hints, --jobs caps, output kinds and selection warnings. Runs the built CLI
// (dist/cli/classforge.js) over the fixtures/transform classes.

import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileJava, FIXTURES_DIR, makeTempDir, PROJECT_ROOT, runJava } from './support/javac.js';
import { readTree } from './support/file-tree.js';

const CLI = join(PROJECT_ROOT, 'dist', 'cli', 'classforge.js');

let work = '';
let classes = '';
let jar = '';
let counter = 0;

/** Runs the CLI with `args` in the work directory; never throws on a non-zero exit. */
async function classforge(...args: string[]) {
  const result = await execa('node', [CLI, ...args], { reject: false, stripFinalNewline: false, cwd: work });
  return { exitCode: result.exitCode ?? -1, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

/** A fresh output path under the work directory, ending in `suffix`. */
function outPath(name: string, suffix = ''): string {
  return join(work, 'out', `${name}-${++counter}${suffix}`);
}

/** Writes a transform module into the work directory and returns its path. */
async function transform(file: string, text: string): Promise<string> {
  const path = join(work, 't', file);
  await mkdir(join(work, 't'), { recursive: true });
  await writeFile(path, text);
  return path;
}

/** A jar of the files of `tree`, in its order. */
async function jarOf(tree: Map<string, Buffer>, path: string): Promise<string> {
  const zip = new JSZip();
  for (const [name, bytes] of tree) zip.file(name, bytes);
  await writeFile(path, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return path;
}

const TRACE_MJS = `
import { ClassVisitor, MethodVisitor, Opcodes, defineTransform } from 'classforge';
class Enter extends MethodVisitor {
  constructor(next, message) { super(Opcodes.ASM9, next); this.message = message; }
  visitCode() {
    super.visitCode();
    super.visitFieldInsn(Opcodes.GETSTATIC, 'java/lang/System', 'out', 'Ljava/io/PrintStream;');
    super.visitLdcInsn(this.message);
    super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, 'java/io/PrintStream', 'println', '(Ljava/lang/String;)V', false);
  }
}
class Trace extends ClassVisitor {
  constructor(next, ctx) { super(Opcodes.ASM9, next); this.ctx = ctx; }
  visitMethod(access, name, descriptor, signature, exceptions) {
    const next = super.visitMethod(access, name, descriptor, signature, exceptions);
    return name === 'main' || name === 'twice' ? new Enter(next, 'enter ' + this.ctx.className + '.' + name) : next;
  }
}
export default defineTransform({ name: 'trace', include: 'app.**', visitor: (next, ctx) => new Trace(next, ctx) });
`;

let trace = '';

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npx tsc -p ." (npm test builds it) first`);
  work = await makeTempDir('cli-transform-edges');
  const compiled = await compileJava(join(FIXTURES_DIR, 'transform'), { options: ['-g'] });
  classes = join(work, 'classes');
  await cp(compiled.dir, classes, { recursive: true, filter: (source) => !source.endsWith('.json') });
  jar = await jarOf(readTree(classes), join(work, 'app.jar'));
  trace = await transform('trace.mjs', TRACE_MJS);
});

afterAll(async () => {
  if (work !== '') await rm(work, { recursive: true, force: true });
});

describe('classforge transform on a Java source file', () => {
  it('says it is no class file and suggests javac, exit 2, nothing written', async () => {
    const source = join(work, 'Main.java');
    await writeFile(source, 'package app; public class Main {}\n');
    const out = outPath('source', '.class');
    const result = await classforge('transform', source, '-o', out, '-t', trace);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(
      `classforge: ${source}: not a class file, jar or directory (no 0xCAFEBABE or ZIP signature); is it Java source? compile it with javac first\n`,
    );
    expect(existsSync(out)).toBe(false);
  });
});

describe('classforge transform on a malformed .class file', () => {
  it('names the file, exits 2 (bad input), writes nothing, and still prints the --json summary', async () => {
    const garbage = join(work, 'garbage.class');
    await writeFile(garbage, Buffer.from('this is not a class file at all\n'));
    const out = outPath('garbage', '.class');
    const result = await classforge('transform', garbage, '-o', out, '-t', trace);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^classforge: \S*garbage\.class: ClassFormatError: /);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(existsSync(out)).toBe(false);

    const empty = join(work, 'empty.class');
    await writeFile(empty, new Uint8Array(0));
    const emptyResult = await classforge('transform', empty, '-o', outPath('empty', '.class'), '-t', trace);
    expect(emptyResult.exitCode).toBe(2);
    expect(emptyResult.stderr).toMatch(/^classforge: \S*empty\.class: ClassFormatError: Truncated class file/);

    // A class cut short after its constant pool: the path is the file, not file/file.
    const whole = readFileSync(join(classes, 'app', 'Helper.class'));
    const truncated = join(work, 'Trunc.class');
    await writeFile(truncated, whole.subarray(0, whole.length - 40));
    const truncatedResult = await classforge('transform', truncated, '-o', outPath('trunc', '.class'), '-t', trace, '--json');
    expect(truncatedResult.exitCode).toBe(2);
    expect(truncatedResult.stderr.startsWith(`classforge: ${truncated}: ClassFormatError: `)).toBe(true);
    const summary = JSON.parse(truncatedResult.stdout);
    expect(summary).toMatchObject({ output: null, failed: 1, failures: [{ className: null, entry: 'Trunc.class', transform: null }] });
  });
});

describe('classforge transform --keep-going with a malformed class', () => {
  it('writes the output, exits 1, and names a jar entry as jar!/entry', async () => {
    const tree = readTree(classes);
    tree.set('app/Zzz.class', Buffer.from([0x00, 0x2a, 0xdc, 0xf0, 1, 2, 3, 4, 5, 6, 7, 8]));
    const withGarbage = await jarOf(tree, join(work, 'with-garbage.jar'));
    const stopped = outPath('garbage-stop', '.jar');
    const stop = await classforge('transform', withGarbage, '-o', stopped, '-t', trace);
    expect(stop.exitCode).toBe(2);
    expect(stop.stderr).toBe(`classforge: ${withGarbage}!/app/Zzz.class: ClassFormatError: Bad magic number 0x002adcf0, expected 0xcafebabe (at byte offset 0)\n`);
    expect(existsSync(stopped)).toBe(false);

    const kept = outPath('garbage-keep', '.jar');
    const keep = await classforge('transform', withGarbage, '-o', kept, '-t', trace, '--keep-going');
    expect(keep.exitCode).toBe(1);
    expect(keep.stderr).toMatch(/^classforge: \S*with-garbage\.jar!\/app\/Zzz\.class: ClassFormatError: /);
    expect(existsSync(kept)).toBe(true);
    const run = await runJava({ classpath: kept, mainClass: 'app.Main', jvmArgs: ['-Xverify:all'] });
    expect(run.stdout.split('\n')[0]).toBe('enter app.Main.main');

    const dir = join(work, 'dir-garbage');
    await cp(classes, dir, { recursive: true });
    await writeFile(join(dir, 'app', 'Zzz.class'), Buffer.from('junk'));
    const keptDir = outPath('dir-keep');
    const keepDir = await classforge('transform', dir, '-o', keptDir, '-t', trace, '--keep-going');
    expect(keepDir.exitCode).toBe(1);
    expect(keepDir.stderr).toMatch(/^classforge: \S*dir-garbage\/app\/Zzz\.class: ClassFormatError: /);
    expect(readFileSync(join(keptDir, 'app', 'Zzz.class'), 'utf8')).toBe('junk');
  });
});

describe('classforge transform keeps stdout for its own output', () => {
  const NOISY_MJS = `
import { defineTransform } from 'classforge';
console.log('loading noisy');
export default defineTransform({
  name: 'noisy',
  include: 'app.**',
  tree(node) {
    console.log('log', node.name);
    console.info('info', node.name);
    console.debug('debug', node.name);
    process.stdout.write('raw ' + node.name + '\\n');
  },
});
`;

  it('sends console.log and process.stdout.write of transforms to stderr, in process and in workers', async () => {
    const noisy = await transform('noisy.mjs', NOISY_MJS);
    for (const jobs of ['1', '2']) {
      const json = await classforge('transform', classes, '-o', outPath('noisy'), '-t', noisy, '--json', '--jobs', jobs);
      expect(json.exitCode, json.stderr).toBe(0);
      expect(JSON.parse(json.stdout)).toMatchObject({ failed: 0 });
      expect(json.stderr).toContain('loading noisy\n');
      expect(json.stderr).toContain('log app/Main\n');
      expect(json.stderr).toContain('info app/Main\n');
      expect(json.stderr).toContain('debug app/Main\n');
      expect(json.stderr).toContain('raw app/Main\n');
      const dry = await classforge('transform', classes, '-t', noisy, '-t', trace, '--dry-run', '--jobs', jobs);
      expect(dry.exitCode, dry.stderr).toBe(0);
      expect(dry.stdout).toBe('app.Helper\napp.Main\n');
    }
  });
});

describe('classforge transform with a transform that renames a class', () => {
  const RENAME_TREE_MJS = `
import { defineTransform } from 'classforge';
export default defineTransform({ name: 'rename-tree', include: 'app.gen.Generated', tree(node) { node.name = 'app/gen/Renamed'; } });
`;
  const RENAME_VISITOR_MJS = `
import { ClassVisitor, Opcodes, defineTransform } from 'classforge';
class Rename extends ClassVisitor {
  visit(version, access, name, signature, superName, interfaces) {
    super.visit(version, access, 'app/gen/Visited', signature, superName, interfaces);
  }
}
export default defineTransform({ name: 'rename-visitor', include: 'app.gen.Generated', visitor: (next) => new Rename(Opcodes.ASM9, next) });
`;
  const COLLIDE_MJS = `
import { defineTransform } from 'classforge';
export default defineTransform({ name: 'collide', include: 'app.gen.Generated', tree(node) { node.name = 'app/Helper'; } });
`;

  it('moves the jar entry to the new name, in the same place, for tree and visitor transforms', async () => {
    const inputNames = Object.keys((await JSZip.loadAsync(readFileSync(jar))).files);
    for (const [file, text, newName] of [
      ['rename-tree.mjs', RENAME_TREE_MJS, 'app/gen/Renamed'],
      ['rename-visitor.mjs', RENAME_VISITOR_MJS, 'app/gen/Visited'],
    ] as const) {
      const module = await transform(file, text);
      const out = outPath('renamed', '.jar');
      const result = await classforge('transform', jar, '-o', out, '-t', module);
      expect(result.exitCode, result.stderr).toBe(0);
      expect(result.stderr).toBe(`classforge: note: app.gen.Generated was renamed to ${newName.replace(/\//g, '.')}: app/gen/Generated.class moved to ${newName}.class\n`);
      const zip = await JSZip.loadAsync(readFileSync(out));
      expect(Object.keys(zip.files)).toEqual(inputNames.map((name) => (name === 'app/gen/Generated.class' ? `${newName}.class` : name)));
      const bytes = await zip.file(`${newName}.class`)!.async('uint8array');
      expect(Buffer.from(bytes).includes(newName)).toBe(true);
      // The JVM finds it under its new name.
      const verify = await classforge('verify', out);
      expect(verify.exitCode, verify.stdout + verify.stderr).toBe(0);
    }
  });

  it('moves the file in a directory output', async () => {
    const module = await transform('rename-tree.mjs', RENAME_TREE_MJS);
    const out = outPath('renamed-dir');
    const result = await classforge('transform', classes, '-o', out, '-t', module);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(existsSync(join(out, 'app', 'gen', 'Generated.class'))).toBe(false);
    expect(existsSync(join(out, 'app', 'gen', 'Renamed.class'))).toBe(true);
  });

  it('refuses a rename onto an existing entry: exit 1, one line, no output', async () => {
    const module = await transform('collide.mjs', COLLIDE_MJS);
    const out = outPath('collide', '.jar');
    const result = await classforge('transform', jar, '-o', out, '-t', module);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe('classforge: a transform renamed app.gen.Generated to app.Helper, but app/Helper.class already exists in the input\n');
    expect(existsSync(out)).toBe(false);
  });
});

describe('classforge transform and verify --cp', () => {
  it('tells a CLI user to add the missing class with --cp, not library options', async () => {
    const main = join(classes, 'app', 'Main.class');
    const everyMethod = await transform('every.mjs', TRACE_MJS.replace("name === 'main' || name === 'twice'", 'true'));
    const alone = await classforge('transform', main, '-o', outPath('alone', '.class'), '-t', everyMethod, '--json');
    expect(alone.exitCode).toBe(1);
    expect(alone.stderr).toMatch(/^classforge: transform 'trace' failed on app\.Main: UnknownClassError: .* Add the jar or directory that holds it with --cp <path>\.\n$/);
    expect(alone.stderr).not.toMatch(/unknownClassesAsObject|getCommonSuperClass/);
    expect(JSON.parse(alone.stdout).failures[0].message).toMatch(/with --cp <path>\.$/);
  });

  it('refuses a missing or corrupt --cp entry with exit 2, naming it', async () => {
    const missing = join(work, 'nope.jar');
    const result = await classforge('transform', jar, '-o', outPath('cp', '.jar'), '-t', trace, '--cp', missing);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(`classforge: ${missing}: --cp entry: no such file or directory\n`);
    const corrupt = join(work, 'corrupt.jar');
    await writeFile(corrupt, readFileSync(jar).subarray(0, 100));
    const bad = await classforge('transform', jar, '-o', outPath('cp', '.jar'), '-t', trace, '--cp', `${classes}:${corrupt}`);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(new RegExp(`^classforge: ${corrupt}: --cp entry is not a directory or a readable jar: .+\\n$`));
    const verify = await classforge('verify', jar, '--cp', missing);
    expect(verify.exitCode).toBe(2);
    expect(verify.stderr).toBe(`classforge: ${missing}: --cp entry: no such file or directory\n`);
    const fine = await classforge('transform', jar, '-o', outPath('cp', '.jar'), '-t', trace, '--cp', `${classes}:${join(classes, '*')}`);
    expect(fine.exitCode, fine.stderr).toBe(0);
  });
});

describe('classforge transform output kinds', () => {
  it('refuses an -o whose name says another kind than the input (exit 2, nothing written)', async () => {
    const jarAsClass = outPath('weird', '.class');
    const a = await classforge('transform', jar, '-o', jarAsClass, '-t', trace);
    expect(a.exitCode).toBe(2);
    expect(a.stderr).toBe(`classforge: ${jarAsClass}: the input is a jar, so the output is one too (transform does not convert), but this name says a .class file: choose an -o of the input's kind\n`);
    expect(existsSync(jarAsClass)).toBe(false);
    const dirAsJar = outPath('dir', '.jar');
    const b = await classforge('transform', classes, '-o', dirAsJar, '-t', trace);
    expect(b.exitCode).toBe(2);
    expect(b.stderr).toMatch(/the input is a directory, so the output is one too \(transform does not convert\), but this name says a jar/);
    expect(existsSync(dirAsJar)).toBe(false);
    const classAsJar = outPath('class', '.jar');
    const c = await classforge('transform', join(classes, 'app', 'Helper.class'), '-o', classAsJar, '-t', trace);
    expect(c.exitCode).toBe(2);
    expect(existsSync(classAsJar)).toBe(false);
    // Names that say nothing, and zips for jars, are fine.
    expect((await classforge('transform', jar, '-o', outPath('plain', '.zip'), '-t', trace)).exitCode).toBe(0);
    expect((await classforge('transform', classes, '-o', outPath('plain'), '-t', trace)).exitCode).toBe(0);
  });
});

describe('classforge transform selection warnings', () => {
  it('warns once per transform whose include/exclude selected no class, with a hint for a bare package', async () => {
    const pkg = await transform('pkg.mjs', TRACE_MJS.replace("include: 'app.**'", "name: 'pkg', include: ['app']").replace("name: 'trace', ", ''));
    const result = await classforge('transform', jar, '-o', outPath('pkg', '.jar'), '-t', pkg, '-t', trace, '--json');
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr).toBe("classforge: warning: transform 'pkg' selected no class of the input (include: app); for every class of a package write 'app.**'\n");
    expect(JSON.parse(result.stdout)).toMatchObject({ changed: 2 });
  });

  it('warns about a descriptor or a file name used as a glob', async () => {
    const descriptor = await transform('desc.mjs', TRACE_MJS.replace("include: 'app.**'", "include: ['Lapp/Main;', 'app/Helper.class']").replace("name: 'trace'", "name: 'desc'"));
    const result = await classforge('transform', jar, '-o', outPath('desc', '.jar'), '-t', descriptor);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr.split('\n')).toEqual([
      "classforge: warning: transform 'desc': include 'Lapp/Main;' looks like a descriptor; globs are dotted class names, as in 'app.Main'",
      "classforge: warning: transform 'desc': include 'app/Helper.class' looks like a file name; globs are dotted class names, as in 'app.Helper'",
      "classforge: warning: transform 'desc' selected no class of the input (include: Lapp/Main;, app/Helper.class)",
      '',
    ]);
  });
});

describe('classforge transform messages', () => {
  it('asks for a name when a transform has none', async () => {
    const noName = await transform('noname.mjs', "import { defineTransform } from 'classforge';\nexport default defineTransform({ tree() {} });\n");
    const result = await classforge('transform', jar, '-o', outPath('noname', '.jar'), '-t', noName);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/a transform needs a name: add name: '<name>' to defineTransform/);
    expect(result.stderr).not.toContain('undefined undefined');
  });
});

// A transform runs as an esbuild bundle imported from a data: URL; --verbose showed its frames as
// `at Object.tree (data:text/javascript;base64,aW1wb3J0…:9:46)` — kilobytes of base64, at the bundle's line.
describe('classforge transform --verbose: stack frames of the transform name its file and line', () => {
  const PICKY_TS = [
    "import { defineTransform } from 'classforge';",
    'type Options = { limit: number };',
    'function refuse(name: string): never {',
    '  throw new Error(`not today: ${name}`);',
    '}',
    'export default defineTransform<Options>({',
    "  name: 'picky',",
    '  tree: (node) => refuse(node.name),',
    '});',
    '',
  ].join('\n');
  const THROWS_ON_LOAD_TS = "import { defineTransform } from 'classforge';\nconst n: number = 1;\nif (n) throw new Error('no config');\nexport default defineTransform({ name: 'x', tree() {} });\n";

  for (const jobs of ['1', '2']) {
    it(`a transform that throws (--jobs ${jobs})`, async () => {
      const picky = await transform(`picky-${jobs}.ts`, PICKY_TS);
      const result = await classforge('transform', classes, '-o', outPath('picky'), '-t', picky, '--verbose', '--jobs', jobs);
      expect(result.exitCode).toBe(1);
      expect(result.stderr).not.toContain('data:text/javascript');
      expect(result.stderr).toMatch(new RegExp(`Caused by: Error: not today: \\S+\\n    at refuse \\(${picky.replace(/[.\\/]/g, '\\$&')}:4:9\\)\\n    at Object\\.tree \\(${picky.replace(/[.\\/]/g, '\\$&')}:8:`));
    });
  }

  it('a transform module that throws while loading: its own stack, at its line', async () => {
    const throws = await transform('throws-on-load.ts', THROWS_ON_LOAD_TS);
    const result = await classforge('transform', classes, '-o', outPath('throws'), '-t', throws, '--verbose');
    expect(result.exitCode).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(`classforge: ${throws}: the module threw while loading: no config`);
    expect(result.stderr).not.toContain('data:text/javascript');
    expect(result.stderr).toContain(`Caused by: Error: no config\n    at ${throws}:3:`);
  });
});

describe('classforge transform on an input without classes', () => {
  it('warns that there were none (the output is a copy), exit 0', async () => {
    const empty = join(work, 'resources-only');
    await mkdir(empty, { recursive: true });
    await writeFile(join(empty, 'app.properties'), 'a=b\n');
    const out = outPath('resources-only');
    const result = await classforge('transform', empty, '-o', out, '-t', trace);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe(`classforge: warning: no class files in ${empty}; the output is a copy of it\n`);
    expect(readFileSync(join(out, 'app.properties'), 'utf8')).toBe('a=b\n');
  });
});

describe('classforge transform --options with a name the transform does not declare', () => {
  it('warns (the schema lets it through, the transform runs with its default), and still writes the output', async () => {
    const prefixed = await transform(
      'prefixed.mjs',
      "import { defineTransform } from 'classforge';\nexport default defineTransform({ name: 'prefixed', options: { type: 'object', properties: { prefix: { type: 'string', default: 'enter' } } }, tree() {} });\n",
    );
    const out = outPath('prefixed');
    const result = await classforge('transform', classes, '-o', out, '-t', prefixed, '--options', '{"prefx":"→"}');
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe("classforge: warning: --options: no transform declares an option 'prefx' (options of prefixed: prefix)\n");
    expect(existsSync(out)).toBe(true);
    const declared = await classforge('transform', classes, '-o', outPath('prefixed'), '-t', prefixed, '--options', '{"prefix":"→"}');
    expect(declared).toMatchObject({ exitCode: 0, stderr: '' });
  });
});

describe('classforge transform --jobs', () => {
  it('caps --jobs at the number of cores, with a note, and gives the same output', async () => {
    const cores = availableParallelism();
    const many = outPath('jobs-many', '.jar');
    const result = await classforge('transform', jar, '-o', many, '-t', trace, '--jobs', String(cores + 62));
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr).toBe(`classforge: note: --jobs ${cores + 62} is more than the ${cores} cores here; using ${cores}\n`);
    const one = outPath('jobs-one', '.jar');
    expect((await classforge('transform', jar, '-o', one, '-t', trace, '--jobs', '1')).exitCode).toBe(0);
    expect(readFileSync(many).equals(readFileSync(one))).toBe(true);
  });
});
