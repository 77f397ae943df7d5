// Helper classes (defineTransform's `helperClasses`): the classes a transform adds beside the ones it
// rewrites. One transform ('greet': main() calls a generated acme.helpers.Greeter) through every place
// a transform runs — transformClasses, `classforge transform` on a directory and on a jar, an agent jar
// under -javaagent — each judged by HotSpot running the result under -Xverify:all; and the refusals:
// a helper the input already holds, a single .class output, a broken helper, a helper in the agent's
// own package. collectHelperClasses' checks are tested directly.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClassWriter } from '../src/asm/class-writer.js';
import { Opcodes } from '../src/asm/opcodes.js';
import { ClassPath } from '../src/classpath/class-path.js';
import { defineTransform, type TransformDefinition } from '../src/transform/define-transform.js';
import { collectHelperClasses } from '../src/transform/helper-classes.js';
import { buildJar } from '../src/transform/new-jar.js';
import { bootstrapHelperNames } from '../src/agent/bootstrap-helpers.js';
import { compileJava, javaTool, runJava, transformClasses, type CompiledClasses } from '../src/testing/index.js';
import { makeTempDir, PROJECT_ROOT } from './support/javac.js';
import { PRINTER_CLASS_SOURCE } from './support/printer-class-source.js';

const CLI = join(PROJECT_ROOT, 'dist', 'cli', 'classforge.js');

/** A transform file: main() first calls <helper>.greet(<class name>); the helper prints "hello from <name>". */
const GREET_TRANSFORM = `
import { ClassVisitor, ClassWriter, MethodVisitor, Opcodes, defineTransform } from 'classforge';

${PRINTER_CLASS_SOURCE}
export default defineTransform({
  name: 'greet',
  options: { type: 'object', properties: { package: { type: 'string', default: 'acme/helpers/' } } },
  visitor: (next, ctx) => new (class extends ClassVisitor {
    visit(...args) {
      ctx.log('seen');
      super.visit(...args);
    }
    visitMethod(access, name, descriptor, signature, exceptions) {
      const mv = super.visitMethod(access, name, descriptor, signature, exceptions);
      if (name !== 'main') return mv;
      return new (class extends MethodVisitor {
        visitCode() {
          super.visitCode();
          super.visitLdcInsn(ctx.className);
          super.visitMethodInsn(Opcodes.INVOKESTATIC, ctx.options.package + 'Greeter', 'greet', '(Ljava/lang/String;)V', false);
        }
      })(Opcodes.ASM9, mv);
    }
  })(Opcodes.ASM9, next),
  helperClasses: (ctx) => {
    ctx.log('made the greeter');
    return [printerClass(ctx.options.package + 'Greeter', 'greet', 'hello from ')];
  },
});
`;

/** A source-style transform whose helper class is written in Java too (classforge/source). */
const COUNT_TRANSFORM = `
import { defineTransform } from 'classforge';
import { ClassPool, CtField, CtNewMethod } from 'classforge/source';

export default defineTransform({
  name: 'count-calls',
  include: 'app.*',
  source: (ctClass) => {
    for (const method of ctClass.getDeclaredMethods()) method.insertBefore('acme.Calls.hit("' + method.getLongName() + '");');
  },
  helperClasses: () => {
    const pool = new ClassPool(true);
    const calls = pool.makeClass('acme.Calls');
    calls.addField(CtField.make('static final java.util.Map<String, java.util.concurrent.atomic.LongAdder> counts = new java.util.concurrent.ConcurrentSkipListMap<>();', calls));
    calls.addMethod(CtNewMethod.make('public static void hit(String method) { counts.computeIfAbsent(method, m -> new java.util.concurrent.atomic.LongAdder()).increment(); }', calls));
    calls.makeClassInitializer().insertAfter('Runtime.getRuntime().addShutdownHook(new Thread(() -> counts.forEach((m, n) -> System.err.println(n + " " + m))));');
    return [calls.toBytecode()];
  },
});
`;

const TWICE = 'package app;\npublic class Twice {\n  static int twice(int x) { return 2 * x; }\n  public static void main(String[] args) { int s = 0; for (int i = 0; i < 3; i++) s += twice(i); System.out.println("sum " + s); }\n}\n';
const COUNTS = '1 app.Twice.main(java.lang.String[])\n3 app.Twice.twice(int)\n';

const MAIN = 'package app;\npublic class Main { public static void main(String[] args) { System.out.println("main"); } }\n';

let work = '';
let greet = '';
let count = '';
let program: CompiledClasses;
let counter = 0;

beforeAll(async () => {
  work = await makeTempDir('helper-classes');
  greet = join(work, 'greet.mjs');
  await writeFile(greet, GREET_TRANSFORM);
  count = join(work, 'count.mjs');
  await writeFile(count, COUNT_TRANSFORM);
  program = await compileJava({ 'app/Main.java': MAIN });
});

afterAll(async () => {
  if (work !== '') await rm(work, { recursive: true, force: true });
});

async function classforge(...args: string[]) {
  const result = await execa('node', [CLI, ...args], { reject: false, cwd: work });
  return { exitCode: result.exitCode ?? -1, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

function outPath(name: string): string {
  return join(work, 'out', `${name}-${++counter}`);
}

/** A one-line error on stderr (after what the transforms logged), no stack trace. */
function expectOneLineError(stderr: string, text: string): void {
  expect(stderr.trimEnd().split('\n').filter((line) => !line.startsWith('['))).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr).toContain(text);
}

/** The class file of an empty public class `name` (internal form), with `access` flags. */
function emptyClass(name: string, access = Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER): Uint8Array {
  const cw = new ClassWriter(0);
  cw.visit(Opcodes.V1_8, access, name, null, access & Opcodes.ACC_MODULE ? null : 'java/lang/Object', null);
  cw.visitEnd();
  return cw.toByteArray();
}

function withHelpers(name: string, helperClasses: () => unknown): TransformDefinition {
  return defineTransform({ name, tree: () => {}, helperClasses: helperClasses as () => Uint8Array[] });
}

describe('collectHelperClasses', () => {
  const classPath = new ClassPath([], { jdk: false });
  afterAll(() => classPath.close());
  const collect = (...definitions: TransformDefinition[]) =>
    collectHelperClasses(definitions.map((definition) => ({ definition, options: {} })), classPath);

  it('returns each helper with the name its class file gives, in order, and passes the log on', () => {
    const logs: string[] = [];
    const helpers = collectHelperClasses(
      [
        { definition: withHelpers('a', () => [emptyClass('p/One'), emptyClass('p/Two')]), options: {} },
        { definition: defineTransform({ name: 'b', tree: () => {}, helperClasses: (ctx) => (ctx.log(`options ${JSON.stringify(ctx.options)}`), emptyClass('q/Three')) }), options: { x: 1 } },
        { definition: defineTransform({ name: 'c', tree: () => {} }), options: {} },
      ],
      classPath,
      (entry) => logs.push(`${entry.transform} ${entry.className}: ${entry.message}`),
    );
    expect(helpers.map((helper) => [helper.transform, helper.name])).toEqual([['a', 'p/One'], ['a', 'p/Two'], ['b', 'q/Three']]);
    expect(logs).toEqual(['b (helper classes): options {"x":1}']);
  });

  it('refuses what cannot be added, naming the transform and the problem', () => {
    expect(() => collect(withHelpers('t', () => { throw new TypeError('boom'); }))).toThrow("transform 't': helperClasses: the function threw (TypeError: boom)");
    expect(() => collect(withHelpers('t', async () => [emptyClass('p/A')]))).toThrow("transform 't': helperClasses: returned a promise");
    expect(() => collect(withHelpers('t', () => 5))).toThrow("transform 't': helperClasses: must return an array (or other iterable) of class files, got number 5");
    expect(() => collect(withHelpers('t', () => ['p/A']))).toThrow('its class #1 is "p/A", not class file bytes');
    expect(() => collect(withHelpers('t', () => [emptyClass('p/A'), new Uint8Array([0xca, 0xfe])]))).toThrow(
      "transform 't': helperClasses: its class #2 is not a class file (ClassFormatError: Truncated class file",
    );
    expect(() => collect(withHelpers('t', () => [emptyClass('p/A'), emptyClass('p/A')]))).toThrow("transform 't': helperClasses: gives p.A twice");
    expect(() => collect(withHelpers('t', () => [emptyClass('p/A')]), withHelpers('u', () => [emptyClass('p/A')]))).toThrow(
      "transform 'u': helperClasses: gives p.A, which transform 't' gives too",
    );
    expect(() => collect(withHelpers('t', () => [emptyClass('module-info', Opcodes.ACC_MODULE)]))).toThrow('is a module-info');
    expect(() => collect(withHelpers('t', () => [emptyClass('../evil/A')]))).toThrow("its class #1 is named '../evil/A', which is not a valid class name");
  });

  it('is a function or nothing in defineTransform', () => {
    expect(() => defineTransform({ name: 't', tree: () => {}, helperClasses: [] as never })).toThrow(
      "transform 't': helperClasses must be a function (ctx) => class files, got an array",
    );
    expect(defineTransform({ name: 't', tree: () => {} }).helperClasses).toBeNull();
  });
});

describe('bootstrapHelperNames', () => {
  it('keeps the helpers that refer to nothing but the JDK and each other', () => {
    const jdk = new ClassPath([]);
    try {
      /** A class `name` extending `superName`, with a static field of each type in `fieldTypes`. */
      const helper = (name: string, superName: string, fieldTypes: string[] = []) => {
        const cw = new ClassWriter(0);
        cw.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, name, null, superName, null);
        fieldTypes.forEach((type, i) => cw.visitField(Opcodes.ACC_STATIC, `f${i}`, `L${type};`, null, null)?.visitEnd());
        cw.visitEnd();
        return { name, bytes: cw.toByteArray(), transform: 't' };
      };
      const helpers = [
        helper('h/OnlyJdk', 'java/lang/Object', ['java/util/Map']),
        helper('h/NamesApp', 'java/lang/Object', ['app/Thing']),
        helper('h/ExtendsAppUser', 'h/NamesApp'),
        helper('h/UsesJdkHelper', 'java/lang/Thread', ['h/OnlyJdk']),
        helper('h/UsesAppUser', 'java/lang/Object', ['h/ExtendsAppUser']),
      ];
      expect(bootstrapHelperNames(helpers, jdk)).toEqual(['h/OnlyJdk', 'h/UsesJdkHelper']);
    } finally {
      jdk.close();
    }
  });
});

describe('helper classes in transformClasses', () => {
  it('come with the rewritten classes, and the program finds them under -Xverify:all', async () => {
    const result = await transformClasses(program, greet);
    expect(result.added).toEqual(['acme/helpers/Greeter']);
    expect([...result.classes.keys()]).toEqual(['acme/helpers/Greeter', 'app/Main']);
    expect(result.changed).toEqual(['app/Main']);
    // The helper is added as it is: the transform saw app.Main only.
    expect(result.logs.map((entry) => `${entry.className}: ${entry.message}`)).toEqual(['(helper classes): made the greeter', 'app.Main: seen']);
    const run = await runJava({ classpath: result, mainClass: 'app.Main', verify: true });
    expect(run.stdout).toBe('hello from app.Main\nmain\n');
  });

  it('are on the class path of the run: a source-style transform compiles calls to a helper written in Java', async () => {
    const twice = await compileJava({ 'app/Twice.java': TWICE });
    const result = await transformClasses(twice, count);
    expect(result.added).toEqual(['acme/Calls']);
    const run = await runJava({ classpath: result, mainClass: 'app.Twice', verify: true });
    expect(run.stdout).toBe('sum 6\n');
    expect(run.stderr).toBe(COUNTS);
  });

  it('are refused when the input already holds a class of that name', async () => {
    const clash = new Map([...program.classes, ['acme/helpers/Greeter', emptyClass('acme/helpers/Greeter')]]);
    await expect(transformClasses(clash, greet)).rejects.toThrow(
      "transform 'greet': helperClasses: gives acme.helpers.Greeter, which the input classes already hold",
    );
  });
});

describe.skipIf(!existsSync(CLI))('helper classes through the CLI', () => {
  it('transform writes them into an output directory (--json lists them) and the program runs', async () => {
    const out = outPath('dir');
    const result = await classforge('transform', program.dir, '-o', out, '-t', greet, '--json');
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ changed: 1, added: 1, addedClasses: ['acme.helpers.Greeter'] });
    expect(result.stderr).toBe('[greet] (helper classes): made the greeter\n[greet] app.Main: seen');
    expect(statSync(join(out, 'acme', 'helpers', 'Greeter.class')).isFile()).toBe(true);
    const run = await runJava({ classpath: out, mainClass: 'app.Main', verify: true });
    expect(run.stdout).toBe('hello from app.Main\nmain\n');
  });

  it('transform and run: a source-style transform calling a helper written in Java, offline and in the JVM', async () => {
    const twice = await compileJava({ 'app/Twice.java': TWICE });
    const out = outPath('counted');
    const result = await classforge('transform', twice.dir, '-o', out, '-t', count);
    expect(result.exitCode).toBe(0);
    const offline = await runJava({ classpath: out, mainClass: 'app.Twice', verify: true });
    expect([offline.stdout, offline.stderr]).toEqual(['sum 6\n', COUNTS]);
    const live = await classforge('run', '-t', count, '--', 'java', '-Xverify:all', '-cp', twice.dir, 'app.Twice');
    expect([live.exitCode, live.stdout, live.stderr]).toEqual([0, 'sum 6', COUNTS.trimEnd()]);

    // Over worker threads, which build their class path from the job's spec: the helper is on it there too.
    const two = await compileJava({ 'app/Twice.java': TWICE, 'app/Main.java': MAIN });
    const byWorkers = outPath('counted-workers');
    const workers = await classforge('transform', two.dir, '-o', byWorkers, '-t', count, '--jobs', '2');
    expect([workers.exitCode, workers.stderr]).toEqual([0, '']);
    const counted = await runJava({ classpath: byWorkers, mainClass: 'app.Twice', verify: true });
    expect([counted.stdout, counted.stderr]).toEqual(['sum 6\n', COUNTS]);
  });

  it('transform appends them to an output jar, after its entries, with the date of its first', async () => {
    const input = join(work, 'app.jar');
    const manifest = 'Manifest-Version: 1.0\r\nMain-Class: app.Main\r\n\r\n';
    await writeFile(input, buildJar([{ name: 'META-INF/MANIFEST.MF', data: manifest }, { name: 'app/Main.class', data: program.classes.get('app/Main')! }, { name: 'app/readme.txt', data: 'hi' }], { deflate: true }));
    const out = outPath('app.jar');
    const result = await classforge('transform', input, '-o', out, '-t', greet);
    expect(result.exitCode).toBe(0);
    const zip = await JSZip.loadAsync(readFileSync(out));
    const names = Object.keys(zip.files);
    expect(names).toEqual(['META-INF/', 'META-INF/MANIFEST.MF', 'app/', 'app/Main.class', 'app/readme.txt', 'acme/helpers/Greeter.class']);
    expect(zip.files['acme/helpers/Greeter.class']!.date.getTime()).toBe(zip.files['META-INF/']!.date.getTime());
    expect(await zip.file('app/readme.txt')!.async('string')).toBe('hi');
    const run = await execa('java', ['-Xverify:all', '-jar', out], { reject: false });
    expect(run.stdout).toBe('hello from app.Main\nmain');
    expect(run.exitCode).toBe(0);
    // With --dry-run nothing is written, and the summary says what would be added.
    const dry = await classforge('transform', input, '--dry-run', '-t', greet, '--json');
    expect(JSON.parse(dry.stdout)).toMatchObject({ output: null, added: 1, addedClasses: ['acme.helpers.Greeter'] });
  });

  it('transform on a signed jar drops its signature (an added class is unsigned), and checks a multi-release jar\'s versions for a clash', async () => {
    const main = program.classes.get('app/Main')!;
    const signed = join(work, 'signed.jar');
    await writeFile(signed, buildJar([
      { name: 'META-INF/MANIFEST.MF', data: 'Manifest-Version: 1.0\r\n\r\n' },
      { name: 'META-INF/SIGNER.SF', data: 'Signature-Version: 1.0\r\n\r\n' },
      { name: 'META-INF/SIGNER.RSA', data: new Uint8Array([1, 2, 3]) },
      { name: 'app/Main.class', data: main },
    ]));
    // A transform that changes no class: only the added helper breaks the signature.
    const helperOnly = join(work, 'helper-only.mjs');
    await writeFile(
      helperOnly,
      "import { ClassWriter, Opcodes, defineTransform } from 'classforge';\n" +
        "const cw = new ClassWriter(0);\n" +
        "cw.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, 'acme/helpers/Greeter', null, 'java/lang/Object', null);\n" +
        "cw.visitEnd();\n" +
        "export default defineTransform({ name: 'helper-only', tree() {}, helperClasses: () => [cw.toByteArray()] });\n",
    );
    const out = outPath('signed.jar');
    const result = await classforge('transform', signed, '-o', out, '-t', helperOnly, '--json');
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ changed: 0, unchanged: 1, added: 1 });
    expect(result.stderr).toContain('the jar was signed; removed its signature files (META-INF/SIGNER.SF, META-INF/SIGNER.RSA)');
    const names = Object.keys((await JSZip.loadAsync(readFileSync(out))).files);
    expect(names.filter((name) => name.endsWith('.SF') || name.endsWith('.RSA'))).toEqual([]);
    expect(names).toContain('acme/helpers/Greeter.class');

    const multiRelease = join(work, 'multi-release.jar');
    await writeFile(multiRelease, buildJar([
      { name: 'META-INF/MANIFEST.MF', data: 'Manifest-Version: 1.0\r\nMulti-Release: true\r\n\r\n' },
      { name: 'app/Main.class', data: main },
      { name: 'META-INF/versions/11/acme/helpers/Greeter.class', data: emptyClass('acme/helpers/Greeter') },
    ]));
    const clash = await classforge('transform', multiRelease, '-o', outPath('mr.jar'), '-t', greet);
    expect(clash.exitCode).toBe(1);
    expect(clash.stderr).toContain("transform 'greet': helperClasses: gives acme.helpers.Greeter, which the input already holds");
  });

  it('transform refuses a helper the input already holds, and a single .class output; nothing is written', async () => {
    const clash = await compileJava({ 'app/Main.java': MAIN, 'acme/helpers/Greeter.java': 'package acme.helpers;\npublic class Greeter {}\n' });
    const out = outPath('clash');
    const result = await classforge('transform', clash.dir, '-o', out, '-t', greet);
    expect(result.exitCode).toBe(1);
    expectOneLineError(result.stderr, "classforge: transform 'greet': helperClasses: gives acme.helpers.Greeter, which the input already holds (acme/helpers/Greeter.class)");
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(join(work, 'out')).filter((name) => name.includes('clash'))).toEqual([]);

    const single = outPath('Main.class');
    const one = await classforge('transform', join(program.dir, 'app', 'Main.class'), '-o', single, '-t', greet);
    expect(one.exitCode).toBe(2);
    expectOneLineError(one.stderr, 'the transforms add helper classes (acme.helpers.Greeter), which a single .class output cannot hold');
    expect(existsSync(single)).toBe(false);
  });

  it('transform stops on a broken helper before rewriting any class', async () => {
    const broken = join(work, 'broken.mjs');
    await writeFile(
      broken,
      "import { defineTransform } from 'classforge';\n" +
        "export default defineTransform({ name: 'broken', visitor: (next, ctx) => { ctx.log('rewrote'); return next; }, helperClasses: () => [new Uint8Array([1, 2, 3])] });\n",
    );
    const out = outPath('broken');
    const result = await classforge('transform', program.dir, '-o', out, '-t', broken);
    expect(result.exitCode).toBe(1);
    expectOneLineError(result.stderr, "classforge: transform 'broken': helperClasses: its class #1 is not a class file (ClassFormatError: Truncated class file: 3 bytes");
    expect(existsSync(out)).toBe(false);
  });

  it('agent puts them in the agent jar, where the application finds them; the shim passes them to no transform', async () => {
    const agent = join(work, 'greet-agent.jar');
    const built = await classforge('agent', '-t', greet, '-o', agent);
    expect(built.exitCode).toBe(0);
    expect(built.stderr).toBe('[greet] (helper classes): made the greeter');
    const zip = await JSZip.loadAsync(readFileSync(agent));
    expect(Object.keys(zip.files)).toContain('acme/helpers/Greeter.class');
    expect(await zip.file('classforge/agent/agent.properties')!.async('string')).toContain('helperClasses=acme/helpers/Greeter\n');
    const run = await execa('java', ['-Xverify:all', `-javaagent:${agent}`, '-cp', program.dir, 'app.Main'], { reject: false });
    expect(run.stdout).toBe('hello from app.Main\nmain');
    // The transform selects every application class (no include globs), but is never given its helper.
    expect(run.stderr).toBe('[greet] app.Main: seen');
    expect(run.exitCode).toBe(0);
  });

  it('run: a helper that refers only to the JDK is on the bootstrap class path too, so instrumented JDK classes call it', async () => {
    const jdkCounter = join(work, 'jdk-counter.mjs');
    await writeFile(
      jdkCounter,
      `import { ClassWriter, InsnList, LdcInsnNode, MethodInsnNode, Opcodes, defineTransform } from 'classforge';
${PRINTER_CLASS_SOURCE}export default defineTransform({
  name: 'jdk-counter',
  include: ['java.util.ArrayDeque', 'Deques'],
  tree(node) {
    for (const method of node.methods) {
      if (method.name !== 'descendingIterator' && method.name !== 'main') continue;
      const hit = new InsnList();
      hit.add(new LdcInsnNode(method.name));
      hit.add(new MethodInsnNode(Opcodes.INVOKESTATIC, 'jdkhelpers/Hits', 'hit', '(Ljava/lang/String;)V', false));
      method.instructions.insert(hit);
    }
  },
  helperClasses: () => [printerClass('jdkhelpers/Hits', 'hit', 'hit ')],
});
`,
    );
    const agent = join(work, 'jdk-counter.jar');
    expect((await classforge('agent', '-t', jdkCounter, '-o', agent)).exitCode).toBe(0);
    const properties = await (await JSZip.loadAsync(readFileSync(agent))).file('classforge/agent/agent.properties')!.async('string');
    expect(properties).toContain('helperClasses.bootstrap=jdkhelpers/Hits\n');
    const deques = await compileJava(join(PROJECT_ROOT, 'fixtures', 'agent', 'jdk'));
    // java.util.ArrayDeque (java.base, loaded before the agent, retransformed) and the application's Deques both call it.
    const run = await classforge('run', '-t', jdkCounter, '--', javaTool('java'), '-Xverify:all', '-cp', deques.dir, 'Deques');
    expect([run.exitCode, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toBe('hit main\nhit descendingIterator\nab');
    // The greeter names no application class either, so it goes there too; a helper naming one would not.
    const greetJar = join(work, 'greet-agent.jar');
    expect((await classforge('agent', '-t', greet, '-o', greetJar)).exitCode).toBe(0);
    expect(await (await JSZip.loadAsync(readFileSync(greetJar))).file('classforge/agent/agent.properties')!.async('string')).toContain('helperClasses.bootstrap=acme/helpers/Greeter\n');
  });

  it('agent refuses a helper in the package of its own classes', async () => {
    const squatter = join(work, 'squatter.mjs');
    await mkdir(join(work, 'out'), { recursive: true });
    await writeFile(
      squatter,
      "import { ClassWriter, Opcodes, defineTransform } from 'classforge';\n" +
        "const cw = new ClassWriter(0); cw.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC, 'classforge/agent/Sneaky', null, 'java/lang/Object', null); cw.visitEnd();\n" +
        "export default defineTransform({ name: 'squatter', tree() {}, helperClasses: () => [cw.toByteArray()] });\n",
    );
    const agent = outPath('squatter.jar');
    const result = await classforge('agent', '-t', squatter, '-o', agent);
    expect(result.exitCode).toBe(2);
    expectOneLineError(result.stderr, "classforge: transform 'squatter': helperClasses: gives classforge/agent/Sneaky, in the package of the agent's own classes");
    expect(existsSync(agent)).toBe(false);
  });
});
