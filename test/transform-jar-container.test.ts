// The jar format of the transform pipeline's containers (class-container.ts): found by
// openClassContainer, its entries classified, and its writer giving back the input byte for byte
// when every entry is copied, whatever order the pipeline hands them in.

import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClassReader } from '../src/asm/class-reader.js';
import { ClassWriter } from '../src/asm/class-writer.js';
import { ClassContainerError, type ClassContainerEntry, type ClassContainerReader } from '../src/transform/class-container.js';
import { openClassContainer } from '../src/transform/open-class-container.js';
import { JarFile } from '../src/transform/jar-file.js';
import { corpusJars } from './support/corpus.js';
import { compileJava, defaultJavaHome, makeTempDir, runJava } from './support/javac.js';

const javaHome = defaultJavaHome();
const tool = (name: string): string => join(javaHome, 'bin', name);

let scratch: string;
let demoJar: string;

beforeAll(async () => {
  scratch = await makeTempDir('transform-jar-container');
  const compiled = await compileJava(
    {
      'app/Main.java': `package app;
public class Main {
  public static void main(String[] args) { System.out.println(Message.text()); }
}
`,
      'app/Message.java': `package app;
class Message {
  static String text() { return "original"; }
}
`,
    },
    { release: 8 },
  );
  const classes = join(scratch, 'classes');
  cpSync(compiled.dir, classes, { recursive: true });
  rmSync(join(classes, '.classforge-complete.json'), { force: true });
  writeFileSync(join(classes, 'app', 'notes.txt'), 'kept\n');
  demoJar = join(scratch, 'app.jar');
  execFileSync(tool('jar'), ['--create', '--file', demoJar, '-C', classes, '.']);
}, 300_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** What the pipeline does: every entry in order, classes through `transform`, into a writer at `out`. */
async function runPipeline(
  reader: ClassContainerReader,
  out: string,
  transform: (entry: ClassContainerEntry, bytes: Uint8Array) => Uint8Array | null,
  order: (entries: readonly ClassContainerEntry[]) => readonly ClassContainerEntry[] = (e) => e,
): Promise<string[]> {
  const warnings: string[] = [];
  const writer = await reader.format.createWriter(reader, out, { warn: (message) => warnings.push(message) });
  for (const entry of order(reader.entries())) {
    const replaced = entry.kind === 'class' ? transform(entry, entry.read()) : null;
    if (replaced === null) await writer.copy(entry);
    else await writer.replace(entry, replaced);
  }
  await writer.finish();
  return warnings;
}

/** Message.text() returns "rewritten": the constant pool's Utf8 "original" replaced (same length class). */
function rewriteMessage(bytes: Uint8Array): Uint8Array {
  const reader = new ClassReader(bytes);
  const writer = new ClassWriter(reader, 0);
  reader.accept(writer, 0);
  const out = Buffer.from(writer.toByteArray());
  const at = out.indexOf('original');
  expect(at).toBeGreaterThan(0);
  out.write('REWRITE!', at);
  return out;
}

describe('jar container', () => {
  it('is found by openClassContainer and lists the jar’s entries in order, classified', async () => {
    const reader = await openClassContainer(demoJar);
    expect(reader.format.name).toBe('jar');
    expect(reader.classPathEntries()).toEqual([demoJar]);
    const listed = execFileSync(tool('jar'), ['tf', demoJar], { encoding: 'utf8' }).trim().split('\n');
    expect(reader.entries().map((e) => e.name)).toEqual(listed);
    expect(reader.entries().map((e) => `${e.kind} ${e.name}`)).toEqual([
      'directory META-INF/',
      'resource META-INF/MANIFEST.MF',
      'directory app/',
      'class app/Main.class',
      'class app/Message.class',
      'resource app/notes.txt',
    ]);
    expect(reader.entries()[0]!.read()).toEqual(new Uint8Array(0));
    expect(Buffer.from(reader.entries()[5]!.read()).toString()).toBe('kept\n');
    reader.close();
  });

  it('writes a changed class and copies the rest byte for byte, whatever the order of the calls', async () => {
    const reader = await openClassContainer(demoJar);
    const out = join(scratch, 'app-out.jar');
    const transform = (entry: ClassContainerEntry, bytes: Uint8Array) => (entry.name === 'app/Message.class' ? rewriteMessage(bytes) : null);
    expect(await runPipeline(reader, out, transform)).toEqual([]);
    const reversed = join(scratch, 'app-out-reversed.jar');
    await runPipeline(reader, reversed, transform, (entries) => [...entries].reverse());
    expect(readFileSync(reversed).equals(readFileSync(out))).toBe(true);
    const input = JarFile.open(demoJar);
    const output = JarFile.open(out);
    expect(output.entries().map((e) => e.name)).toEqual(input.entries().map((e) => e.name));
    for (const name of ['META-INF/MANIFEST.MF', 'app/Main.class', 'app/notes.txt']) {
      const a = input.layout(input.getEntry(name)!);
      const b = output.layout(output.getEntry(name)!);
      expect(Buffer.from(output.bytes.subarray(b.localStart, b.spanEnd)).equals(Buffer.from(input.bytes.subarray(a.localStart, a.spanEnd))), name).toBe(true);
    }
    const run = await runJava({ classpath: out, mainClass: 'app.Main', jvmArgs: ['-Xverify:all'] });
    expect(run).toMatchObject({ exitCode: 0, stdout: 'REWRITE!\n' });
  });

  it('leaves out entries the pipeline does not hand over, and refuses an entry written twice', async () => {
    const reader = await openClassContainer(demoJar);
    const out = join(scratch, 'app-partial.jar');
    await runPipeline(reader, out, () => null, (entries) => entries.filter((e) => e.name !== 'app/notes.txt'));
    expect(JarFile.open(out).entries().map((e) => e.name)).not.toContain('app/notes.txt');
    const writer = await reader.format.createWriter(reader, join(scratch, 'twice.jar'), { warn: () => {} });
    await writer.copy(reader.entries()[1]!);
    expect(() => writer.copy(reader.entries()[1]!)).toThrow(/META-INF\/MANIFEST\.MF was written twice/);
  });

  it('warns through the pipeline when it drops a signed jar’s signature files', async () => {
    const signed = join(scratch, 'app-signed.jar');
    const keystore = join(scratch, 'keystore.p12');
    cpSync(demoJar, signed);
    execFileSync(tool('keytool'), [
      '-genkeypair', '-keystore', keystore, '-storetype', 'PKCS12', '-storepass', 'changeit', '-keypass', 'changeit',
      '-alias', 'signer', '-dname', 'CN=signer', '-keyalg', 'EC', '-validity', '2',
    ], { stdio: 'pipe' });
    execFileSync(tool('jarsigner'), ['-keystore', keystore, '-storepass', 'changeit', signed, 'signer'], { stdio: 'pipe' });
    const reader = await openClassContainer(signed);
    const identity = join(scratch, 'app-signed-identity.jar');
    expect(await runPipeline(reader, identity, () => null)).toEqual([]);
    expect(readFileSync(identity).equals(readFileSync(signed))).toBe(true);
    const out = join(scratch, 'app-signed-out.jar');
    const warnings = await runPipeline(reader, out, (entry, bytes) => (entry.name === 'app/Message.class' ? rewriteMessage(bytes) : null));
    expect(warnings).toEqual([
      `${signed}: the jar was signed; removed its signature files (META-INF/SIGNER.SF, META-INF/SIGNER.EC) since rewritten classes would fail signature verification`,
    ]);
    expect(JarFile.open(out).signed).toBe(false);
    const run = await runJava({ classpath: out, mainClass: 'app.Main' });
    expect(run).toMatchObject({ exitCode: 0, stdout: 'REWRITE!\n' });
  });

  it('reports a truncated jar as a ClassContainerError naming the file once', async () => {
    const truncated = join(scratch, 'cut.jar');
    writeFileSync(truncated, readFileSync(demoJar).subarray(0, 200));
    const error = await openClassContainer(truncated).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClassContainerError);
    expect((error as ClassContainerError).path).toBe(truncated);
    expect((error as Error).message).toBe('not a zip file, or truncated: no end of central directory record found');
  });

  const guava = corpusJars[0]!;
  it.skipIf(!existsSync(guava))('gives back Debian’s guava jar byte for byte when nothing changes', async () => {
    const reader = await openClassContainer(guava);
    const out = join(scratch, 'guava-identity.jar');
    await runPipeline(reader, out, (_, bytes) => bytes);
    expect(readFileSync(out).equals(readFileSync(guava))).toBe(true);
  });
});
