// classforge/testing from the sources: compileJava, runJava, verifyClasses, transformClasses, cleanup.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ClassRemapper, ClassVisitor, ClassWriter, MethodVisitor, Opcodes, Remapper } from '../src/index.js';
import { defineTransform } from '../src/transform/define-transform.js';
import {
  cleanup,
  compileJava,
  JavaCompileError,
  readClassFiles,
  runJava,
  transformClasses,
  verifyClasses,
  writeClassFiles,
} from '../src/testing/index.js';

const HELLO = {
  'demo/Hello.java': `package demo;
public class Hello {
  static String greet(String name) { return "Hello, " + name; }
  public static void main(String[] args) throws Exception {
    System.out.println(greet(args.length > 0 ? args[0] : "world"));
    int c = System.in.read();
    if (c >= 0) System.out.println("read " + (char) c);
    System.exit(args.length > 1 ? Integer.parseInt(args[1]) : 0);
  }
}
`,
};

/** Prints "enter <method>" at the start of each method (what the README example does). */
const traceEntry = defineTransform({
  name: 'trace-entry',
  include: ['demo.**'],
  visitor: (next, ctx) =>
    new (class extends ClassVisitor {
      override visitMethod(access: number, name: string, descriptor: string, signature: string | null, exceptions: string[] | null) {
        const mv = super.visitMethod(access, name, descriptor, signature, exceptions);
        if (mv === null || name === '<init>') return mv;
        ctx.log(`tracing ${name}`);
        return new (class extends MethodVisitor {
          override visitCode(): void {
            super.visitCode();
            super.visitFieldInsn(Opcodes.GETSTATIC, 'java/lang/System', 'out', 'Ljava/io/PrintStream;');
            super.visitLdcInsn(`enter ${name}`);
            super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, 'java/io/PrintStream', 'println', '(Ljava/lang/String;)V', false);
          }
        })(Opcodes.ASM9, mv);
      }
    })(Opcodes.ASM9, next),
});

const scratch = mkdtempSync(join(tmpdir(), 'classforge-testing-kit-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('compileJava', () => {
  it('compiles in-memory sources into a fresh directory and returns the classes by internal name', async () => {
    const compiled = await compileJava(HELLO);
    expect([...compiled.classes.keys()]).toEqual(['demo/Hello']);
    expect(existsSync(join(compiled.dir, 'demo', 'Hello.class'))).toBe(true);
    const bytes = compiled.classes.get('demo/Hello')!;
    expect([...bytes.subarray(0, 4)]).toEqual([0xca, 0xfe, 0xba, 0xbe]);
    // A cached second compilation still gets its own directory.
    const again = await compileJava(HELLO);
    expect(again.dir).not.toBe(compiled.dir);
    expect(again.classes.get('demo/Hello')).toEqual(bytes);
  });

  it('compiles a directory or a list of files, with --release, a class path of classes in memory and javac options', async () => {
    const source = join(scratch, 'src');
    writeClassFiles(new Map(), source);
    const files = { 'lib/Lib.java': 'package lib; public class Lib { public static int answer() { return 42; } }' };
    const lib = await compileJava(files, { release: 11 });
    expect(lib.classes.get('lib/Lib')![7]).toBe(55); // major version 55 = Java 11
    const appFile = join(scratch, 'App.java');
    writeFileSync(appFile, 'public class App { public static void main(String[] a) { System.out.println(lib.Lib.answer()); } }');
    const app = await compileJava([appFile], { classpath: lib, javacOptions: ['-g:none'] });
    expect([...app.classes.keys()]).toEqual(['App']);
    const run = await runJava({ classpath: [app, lib], mainClass: 'App' });
    expect(run.stdout).toBe('42\n');
    const fromDirectory = await compileJava(join(__dirname, '..', 'examples', 'field-write-log', 'java'));
    expect([...fromDirectory.classes.keys()]).toEqual(['example/fields/Account']);
  });

  it("throws JavaCompileError with javac's diagnostics, naming the in-memory file", async () => {
    const error = await compileJava({ 'bad/Broken.java': 'package bad;\nclass Broken { int f() { return "x"; } }\n' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JavaCompileError);
    expect((error as Error).message).toMatch(/^javac failed \(exit code 1\):\nbad\/Broken\.java:2: error: incompatible types/);
    expect((error as JavaCompileError).exitCode).toBe(1);
  });

  it('refuses source names that are not relative .java paths', async () => {
    await expect(compileJava({ '../Evil.java': 'class Evil {}' })).rejects.toThrow('relative paths ending in .java');
  });
});

describe('runJava', () => {
  it('returns stdout, stderr and the exit code; passes args and stdin', async () => {
    const program = await compileJava(HELLO);
    const run = await runJava({ classpath: program.dir, mainClass: 'demo.Hello', args: ['kit', '3'], input: 'z', verify: true });
    expect(run).toMatchObject({ stdout: 'Hello, kit\nread z\n', stderr: '', exitCode: 3 });
    expect(run.command).toContain('-Xverify:all');
    const missing = await runJava({ classpath: program.classes, mainClass: 'demo/Nope' });
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toContain('ClassNotFoundException: demo.Nope');
  });

  it('throws on the timeout with what was printed', async () => {
    const program = await compileJava({
      'Sleep.java': 'public class Sleep { public static void main(String[] a) throws Exception { System.out.println("zz"); Thread.sleep(60000); } }',
    });
    await expect(runJava({ classpath: program, mainClass: 'Sleep', timeout: 1500 })).rejects.toThrow(/timed out after 1500 ms\nstdout:\nzz/);
  });
});

/** A class whose method returns an int where a String is declared: HotSpot's verifier rejects it. */
function brokenClass(): Uint8Array {
  const writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
  writer.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, 'bad/Returns', null, 'java/lang/Object', null);
  const mv = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, 'name', '()Ljava/lang/String;', null, null)!;
  mv.visitCode();
  mv.visitInsn(Opcodes.ICONST_1);
  mv.visitInsn(Opcodes.ARETURN);
  mv.visitMaxs(0, 0);
  mv.visitEnd();
  writer.visitEnd();
  return writer.toByteArray();
}

describe('verifyClasses', () => {
  it('links every class under -Xverify:all and reports the ones HotSpot rejects', async () => {
    const program = await compileJava(HELLO);
    const result = await verifyClasses(new Map([...program.classes, ['bad/Returns', brokenClass()]]));
    expect(result.ok).toBe(false);
    expect(result.linked).toBe(1);
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]!.className).toBe('bad.Returns');
    expect(result.failures[0]!.error).toMatch(/^java\.lang\.VerifyError: .*bad\/Returns\.name\(\)Ljava\/lang\/String;/);
    // A directory works as well, and a good class passes.
    expect(await verifyClasses(program.dir)).toMatchObject({ ok: true, linked: 1, failures: [] });
  });

  it('reports a class whose dependency is missing, and finds it on classPath', async () => {
    const lib = await compileJava({ 'lib/Base.java': 'package lib; public class Base {}' });
    const app = await compileJava({ 'app/Derived.java': 'package app; public class Derived extends lib.Base {}' }, { classpath: lib });
    const alone = await verifyClasses(app);
    expect(alone.failures[0]).toMatchObject({ className: 'app.Derived', error: expect.stringContaining('NoClassDefFoundError: lib/Base') });
    expect((await verifyClasses(app, { classPath: [lib.dir] })).ok).toBe(true);
  });
});

describe('transformClasses', () => {
  it('runs definitions over the classes, reports status and logs, and the result runs', async () => {
    const program = await compileJava(HELLO);
    const traced = await transformClasses(program, traceEntry);
    expect(traced.changed).toEqual(['demo/Hello']);
    expect(traced.status.get('demo/Hello')).toBe('changed');
    expect(traced.logs.map((entry) => `${entry.transform} ${entry.className}: ${entry.message}`)).toEqual([
      'trace-entry demo.Hello: tracing greet',
      'trace-entry demo.Hello: tracing main',
    ]);
    const run = await runJava({ classpath: traced, mainClass: 'demo.Hello', verify: true });
    expect(run.stdout).toBe('enter main\nenter greet\nHello, world\n');
    // The input map is not modified.
    expect(program.classes.get('demo/Hello')).toEqual(readClassFiles(program.dir).get('demo/Hello'));
  });

  it('skips classes outside include, and keeps identical bytes for an identity transform', async () => {
    const program = await compileJava({ 'other/Thing.java': 'package other; public class Thing { int x; }' });
    const skipped = await transformClasses(program, traceEntry);
    expect(skipped.status.get('other/Thing')).toBe('skipped');
    const identity = defineTransform({ name: 'identity', visitor: (next) => new ClassVisitor(Opcodes.ASM9, next) });
    const same = await transformClasses(program.classes, [identity, identity]);
    expect(same.status.get('other/Thing')).toBe('unchanged');
    expect(same.classes.get('other/Thing')).toBe(program.classes.get('other/Thing'));
  });

  it('validates options against the schema like --options, defaults included, per transform by name', async () => {
    const seen: unknown[] = [];
    const withOptions = defineTransform({
      name: 'opts',
      options: { type: 'object', properties: { level: { type: 'integer', default: 2 } }, additionalProperties: false },
      visitor: (next, ctx) => {
        seen.push(ctx.options);
        return new ClassVisitor(Opcodes.ASM9, next);
      },
    });
    const program = await compileJava(HELLO);
    await transformClasses(program, withOptions);
    await transformClasses(program, withOptions, { options: { level: 5 } });
    await transformClasses(program, withOptions, { options: { level: 5 }, optionsByTransform: { opts: { level: 7 } } });
    expect(seen).toEqual([{ level: 2 }, { level: 5 }, { level: 7 }]);
    await expect(transformClasses(program, withOptions, { options: { level: 'high' } })).rejects.toThrow('opts: options/level must be integer');
    await expect(transformClasses(program, withOptions, { optionsByTransform: { nope: {} } })).rejects.toThrow(
      "no transform is named 'nope'",
    );
  });

  it('warns (process.emitWarning) about an option name the schema does not list, as the CLI does', async () => {
    const prefixed = defineTransform({
      name: 'prefixed',
      options: { type: 'object', properties: { prefix: { type: 'string', default: 'enter' } } },
      visitor: (next) => new ClassVisitor(Opcodes.ASM9, next),
    });
    const warnings: string[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning.message);
    process.on('warning', onWarning);
    try {
      const program = await compileJava(HELLO);
      await transformClasses(program, prefixed, { options: { prefx: '→' } });
      await transformClasses(program, prefixed, { optionsByTransform: { prefixed: { prefix: '→', extra: 1 } } });
      await transformClasses(program, prefixed, { options: { prefix: '→' } });
      // 'warning' events are emitted on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).toEqual([
      "classforge: transformClasses options: no transform declares an option 'prefx' (options of prefixed: prefix)",
      "classforge: transformClasses optionsByTransform.prefixed: prefixed declares no option 'extra' (options of prefixed: prefix)",
    ]);
  });

  it('throws TransformError naming the transform and class, or keeps going when asked', async () => {
    const failing = defineTransform({
      name: 'boom',
      visitor: () => {
        throw new Error('no luck');
      },
    });
    const program = await compileJava(HELLO);
    await expect(transformClasses(program, failing)).rejects.toThrow("transform 'boom' failed on demo.Hello: no luck");
    const kept = await transformClasses(program, failing, { keepGoing: true });
    expect(kept.status.get('demo/Hello')).toBe('failed');
    expect(kept.failures.map((failure) => failure.message)).toEqual(["transform 'boom' failed on demo.Hello: no luck"]);
    expect(kept.classes.get('demo/Hello')).toBe(program.classes.get('demo/Hello'));
  });

  it('computes frames against the input classes themselves and classPath', async () => {
    // Merging Cat and Dog needs their common superclass Animal: frames must see the input classes.
    const lib = await compileJava({ 'zoo/Animal.java': 'package zoo; public class Animal {}' });
    const program = await compileJava(
      {
        'zoo/Cat.java': 'package zoo; public class Cat extends Animal {}',
        'zoo/Dog.java': 'package zoo; public class Dog extends Animal {}',
        'zoo/Pick.java':
          'package zoo; public class Pick { static Animal pick(boolean c) { Animal a = c ? new Cat() : new Dog(); return a; } public static void main(String[] x) { System.out.println(pick(true).getClass().getSimpleName()); } }',
      },
      { classpath: lib },
    );
    const traceZoo = defineTransform({ name: 'trace-zoo', include: ['zoo.**'], visitor: traceEntry.visitor! });
    await expect(transformClasses(program, traceZoo)).rejects.toThrow(/trace-zoo' failed on zoo\.Pick: .*zoo\/Animal/);
    const traced = await transformClasses(program, traceZoo, { classPath: [lib.dir] });
    const run = await runJava({ classpath: [traced, lib], mainClass: 'zoo.Pick', verify: true });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('enter main\nenter pick\nCat\n');
  });

  it('puts a class a transform renamed under its new name, and refuses two classes given one name', async () => {
    const program = await compileJava({
      'old/A.java': 'package old; public class A { public static String hi() { return "hi"; } }',
      'old/B.java': 'package old; public class B {}',
      'app/Main.java': 'package app; public class Main { public static void main(String[] a) { System.out.println(old.A.hi() + " " + old.A.class.getName()); } }',
    });
    const renameTo = (target: (name: string) => string) =>
      defineTransform({
        name: 'rename',
        visitor: (next) => new ClassRemapper(next, new (class extends Remapper { override map(name: string) { return target(name); } })()),
      });
    const moved = await transformClasses(program, renameTo((name) => name.replace(/^old\//, 'fresh/')));
    expect([...moved.classes.keys()]).toEqual(['app/Main', 'fresh/A', 'fresh/B']);
    expect([...moved.status.keys()].sort()).toEqual(['app/Main', 'old/A', 'old/B']);
    const run = await runJava({ classpath: moved, mainClass: 'app.Main', verify: true });
    expect(run.stdout).toBe('hi fresh.A\n');
    await expect(transformClasses(program, renameTo((name) => (name.startsWith('old/') ? 'fresh/X' : name)))).rejects.toThrow(
      'classforge/testing: the transforms give old/A and old/B the same name, fresh/X',
    );
  });
});

describe('cleanup', () => {
  it('removes the directories when a signal ends the process (vitest ends its workers with SIGTERM)', async () => {
    const kit = join(__dirname, '..', 'dist', 'src', 'testing', 'index.js');
    const script = `import { compileJava } from ${JSON.stringify(pathToFileURL(kit).href)};
const program = await compileJava(${JSON.stringify(HELLO)});
console.log(program.dir);
setInterval(() => undefined, 1000);
`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const ended = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    const dir = await new Promise<string>((resolve) => child.stdout.once('data', (text: Buffer) => resolve(text.toString().trim())));
    expect(existsSync(dir)).toBe(true);
    child.kill('SIGTERM');
    // Ended by the signal itself, as without the kit's listener.
    expect(await ended).toBe('SIGTERM');
    expect(existsSync(dir)).toBe(false);
  });


  it('removes the directories the kit created', async () => {
    const program = await compileJava(HELLO);
    expect(existsSync(program.dir)).toBe(true);
    cleanup();
    expect(existsSync(program.dir)).toBe(false);
    // The kit keeps working afterwards (verifyClasses' own program included).
    expect((await verifyClasses(program.classes)).ok).toBe(true);
  });
});
