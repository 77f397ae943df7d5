// Issue 4's acceptance, end to end through the built CLI on jars:
// 1. a visitor transform in .ts, written outside the project, applied to a jar: the program's output under
//    java -Xverify:all equals what the same transform written with OW2 ASM produces; every non-class entry is
//    byte-identical; the input jar is untouched (same checksum);
// 2. a throwing transform, a truncated jar and invalid --options each end with a non-zero exit, one line on
//    stderr and no output file;
// 3. the identity transform over Debian's guava jar gives the jar back byte for byte, with --jobs 1 and 2.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { ZipArchive } from '../src/classpath/zip-archive.js';
import { javaHome } from './support/corpus.js';
import { FIXTURES_DIR, PROJECT_ROOT, compileJava, makeTempDir, runJava } from './support/javac.js';

const CLI = join(PROJECT_ROOT, 'dist', 'cli', 'classforge.js');
const ASM_JARS = ['asm', 'asm-commons', 'asm-tree'].map((n) => `/usr/share/java/${n}.jar`);
const HAVE_ASM = ASM_JARS.every((jar) => existsSync(jar));
const GUAVA = '/usr/share/java/guava.jar';

async function classforge(...args: string[]) {
  const r = await execa('node', [CLI, ...args], { reject: false, stripFinalNewline: false });
  return { exitCode: r.exitCode ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function expectOneLine(stderr: string, pattern: RegExp): void {
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr).toMatch(pattern);
}

/** The entries of a jar, name → uncompressed bytes. */
function jarEntries(path: string): Map<string, Uint8Array> {
  const archive = ZipArchive.open(path);
  const result = new Map<string, Uint8Array>();
  for (const entry of archive.entries()) result.set(entry.name, archive.read(entry.name) ?? new Uint8Array());
  archive.close();
  return result;
}

const ENTRY_TRACE_TS = `
import { ClassVisitor, MethodVisitor, Opcodes, defineTransform } from 'classforge';

class EntryTrace extends MethodVisitor {
  constructor(mv: MethodVisitor | null, private readonly label: string) {
    super(Opcodes.ASM9, mv);
  }
  override visitCode(): void {
    super.visitCode();
    super.visitFieldInsn(Opcodes.GETSTATIC, 'java/lang/System', 'out', 'Ljava/io/PrintStream;');
    super.visitLdcInsn('enter ' + this.label);
    super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, 'java/io/PrintStream', 'println', '(Ljava/lang/String;)V', false);
  }
}

export default defineTransform({
  name: 'entry-trace',
  include: ['app.**'],
  visitor: (next, ctx) =>
    new (class extends ClassVisitor {
      override visitMethod(access: number, name: string, descriptor: string, signature: string | null, exceptions: string[] | null) {
        return new EntryTrace(super.visitMethod(access, name, descriptor, signature, exceptions), ctx.className + '.' + name);
      }
    })(Opcodes.ASM9, next),
});
`;

const THROWING_TS = `
import { defineTransform } from 'classforge';
export default defineTransform({
  name: 'boom',
  tree: (node) => { if (node.name === 'app/Helper') throw new Error('no helpers today'); },
});
`;

const IDENTITY_MJS = `
import { defineTransform, ClassVisitor, Opcodes } from 'classforge';
export default defineTransform({ name: 'identity', visitor: (next) => new ClassVisitor(Opcodes.ASM9, next) });
`;

let work = '';
let appJar = '';
let transforms = '';

beforeAll(async () => {
  work = await makeTempDir('transform-acceptance');
  // The transforms live outside the project, as a user's would.
  transforms = await makeTempDir('user-transforms');
  await writeFile(join(transforms, 'entry-trace.ts'), ENTRY_TRACE_TS);
  await writeFile(join(transforms, 'boom.ts'), THROWING_TS);
  await writeFile(join(transforms, 'identity.mjs'), IDENTITY_MJS);
  // The program's jar: javac output plus a resource and a manifest, built by the JDK's jar tool.
  const compiled = await compileJava(join(FIXTURES_DIR, 'transform'), { release: 17, options: ['-g'] });
  await mkdir(join(compiled.dir, 'app', 'data'), { recursive: true });
  await writeFile(join(compiled.dir, 'app', 'data', 'greeting.txt'), 'hello from a resource\n');
  appJar = join(work, 'app.jar');
  const jar = await execa(join(javaHome(), 'bin', 'jar'), ['--create', '--file', appJar, '--main-class', 'app.Main', '-C', compiled.dir, '.'], { reject: false });
  expect(jar.exitCode, jar.stderr).toBe(0);
});

describe('classforge transform on jars (issue 4 acceptance)', () => {
  it.skipIf(!HAVE_ASM)('1. a .ts visitor transform from outside the project gives the same program output as the ASM version', async () => {
    const before = sha256(appJar);
    const out = join(work, 'traced.jar');
    const result = await classforge('transform', appJar, '-o', out, '-t', join(transforms, 'entry-trace.ts'), '--json');
    expect(result.exitCode, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.changed).toBeGreaterThan(0);
    expect(sha256(appJar)).toBe(before);

    // Every non-class entry byte-identical; every class entry still there.
    const input = jarEntries(appJar);
    const output = jarEntries(out);
    expect([...output.keys()]).toEqual([...input.keys()]);
    for (const [name, bytes] of input) {
      if (!name.endsWith('.class')) expect(Buffer.from(output.get(name)!).equals(Buffer.from(bytes)), name).toBe(true);
    }

    // The oracle: the same transform written with ASM, run by the JVM over the same jar.
    const harness = await compileJava(join(FIXTURES_DIR, 'transform-oracle'), { options: ['-cp', ASM_JARS.join(':')] });
    const asmOut = await makeTempDir('transform-acceptance-asm');
    const asm = await runJava({ classpath: [harness.dir, ...ASM_JARS, appJar], mainClass: 'AsmEntryTrace', args: [appJar, asmOut] });
    expect(asm.exitCode, asm.stderr).toBe(0);

    const ours = await runJava({ classpath: out, mainClass: 'app.Main', jvmArgs: ['-Xverify:all'] });
    const theirs = await runJava({ classpath: asmOut, mainClass: 'app.Main', jvmArgs: ['-Xverify:all'] });
    const original = await runJava({ classpath: appJar, mainClass: 'app.Main', jvmArgs: ['-Xverify:all'] });
    expect(ours.stderr).toBe('');
    expect(ours.exitCode).toBe(0);
    expect(ours.stdout).toContain('enter app.Main.main\n');
    expect(ours.stdout).not.toBe(original.stdout);
    expect(ours.stdout).toBe(theirs.stdout);
  });

  it('2. a throwing transform, a truncated jar and invalid --options: non-zero, one line, no output file', async () => {
    const before = sha256(appJar);
    const boomOut = join(work, 'boom.jar');
    const boom = await classforge('transform', appJar, '-o', boomOut, '-t', join(transforms, 'boom.ts'));
    expect(boom.exitCode).not.toBe(0);
    expectOneLine(boom.stderr, /boom.*app\.Helper.*no helpers today/);
    expect(existsSync(boomOut)).toBe(false);

    const truncated = join(work, 'truncated.jar');
    await writeFile(truncated, readFileSync(appJar).subarray(0, Math.floor(readFileSync(appJar).length / 2)));
    const truncatedOut = join(work, 'truncated-out.jar');
    const trunc = await classforge('transform', truncated, '-o', truncatedOut, '-t', join(transforms, 'identity.mjs'));
    expect(trunc.exitCode).toBe(2);
    expectOneLine(trunc.stderr, /truncated\.jar/);
    expect(existsSync(truncatedOut)).toBe(false);

    const badOptionsOut = join(work, 'bad-options.jar');
    const timing = join(PROJECT_ROOT, 'examples', 'method-timing', 'transform.ts');
    const bad = await classforge('transform', appJar, '-o', badOptionsOut, '-t', timing, '--options', '{"thresholdNanos":"soon"}');
    expect(bad.exitCode).toBe(2);
    expectOneLine(bad.stderr, /thresholdNanos/);
    expect(existsSync(badOptionsOut)).toBe(false);

    // Nothing left beside the outputs, and the input untouched.
    expect(readdirSync(dirname(boomOut)).filter((n) => n.includes('.tmp') || n.startsWith('.'))).toEqual([]);
    expect(sha256(appJar)).toBe(before);
  });

  it.skipIf(!existsSync(GUAVA))('3. the identity transform gives Debian\'s guava jar back byte for byte, with --jobs 1 and --jobs 2', async () => {
    const before = sha256(GUAVA);
    for (const jobs of ['1', '2']) {
      const out = join(work, `guava-${jobs}.jar`);
      const started = performance.now();
      const r = await classforge('transform', GUAVA, '-o', out, '-t', join(transforms, 'identity.mjs'), '--jobs', jobs, '--json');
      expect(r.exitCode, r.stderr).toBe(0);
      console.log(`identity over ${basename(GUAVA)} with --jobs ${jobs}: ${(performance.now() - started).toFixed(0)} ms (whole CLI process)`);
      expect(JSON.parse(r.stdout).changed).toBe(0);
      expect(sha256(out)).toBe(before);
    }
  });
});
