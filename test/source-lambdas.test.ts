// Lambdas and method references in classforge/source snippets: what the javac oracle over static
// bodies (source-compiler-javac.test.ts, t27–t30) cannot show — captures of $1…, of named locals and
// of this in edited instance methods, lambdas in interfaces and constructors, the synthetic methods'
// names and flags, a failed snippet taking its lambda methods back, and old class versions refused.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Opcodes } from '../src/asm/opcodes.js';
import { CannotCompileException, ClassPool, CtNewMethod } from '../src/source/index.js';
import { ClassPath } from '../src/classpath/class-path.js';
import { compileJava, javaTool, runJava, transformClasses } from '../src/testing/index.js';
import { HAS_JDK25, JDK25_HOME } from './support/attach-targets.js';

const CLI = resolve(__dirname, '..', 'dist', 'cli', 'classforge.js');
/** A source-style transform whose snippet holds a lambda and a method reference. */
const LAMBDA_TRANSFORM = `
import { defineTransform } from 'classforge';
export default defineTransform({
  name: 'lambda-log',
  include: ['lam.Counter'],
  source: (ctClass) => {
    ctClass.getDeclaredMethod('count').insertBefore(
      'java.util.function.Function<String, String> shout = String::toUpperCase; ' +
      'java.util.function.Supplier<String> line = () -> "count " + shout.apply($1) + " with " + $2.size() + " tags"; ' +
      'System.out.println(line.get());');
  },
});
`;
const LAMBDA_LOG = ['count A with 2 tags', 'count B with 1 tags', 'count A with 0 tags', 'counts {a=2, b=1} calls 3', 'hello ann', ''];

const SOURCES = {
  'lam/Counter.java': `package lam;
    import java.util.*;
    public class Counter {
      private final Map<String, Integer> counts = new TreeMap<>();
      private int calls;
      public Counter() { calls = 0; }
      public int count(String word, List<String> tags) {
        int before = counts.size();
        counts.merge(word, 1, Integer::sum);
        calls++;
        return counts.size() - before;
      }
      public static void main(String[] args) {
        Counter c = new Counter();
        c.count("a", List.of("x", "y"));
        c.count("b", List.of("z"));
        c.count("a", List.of());
        System.out.println("counts " + c.counts + " calls " + c.calls);
        System.out.println(Greeter.greet("ann"));
      }
    }`,
  'lam/Greeter.java': `package lam;
    public interface Greeter {
      String name();
      default String hello() { return "hello " + name(); }
      static String greet(String who) { Greeter g = () -> who; return g.hello(); }
    }`,
};

describe('lambdas in snippets', () => {
  it('capture $1…, named locals and this in instance methods, constructors and interfaces', async () => {
    const compiled = await compileJava(SOURCES, { javacOptions: ['-g'] });
    const pool = new ClassPool(true).appendClassPath(compiled.dir);
    const counter = pool.get('lam.Counter');
    const count = counter.getDeclaredMethod('count');
    // $1 and a named parameter captured; this captured through the field and an instance method reference.
    count.insertBefore(
      'java.util.function.Supplier<String> describe = () -> $1 + tags.size() + counts.keySet(); ' +
        'tags.forEach(t -> System.out.println("tag " + t + " of " + word + " after " + calls + " calls")); ' +
        'java.util.function.Supplier<String> text = this::toString; ' +
        'System.out.println("before " + describe.get() + " " + text.get().startsWith("lam.Counter@"));',
    );
    // A named local of the method, live at that line (insertAt), in a lambda.
    count.insertAt(9, 'Runnable r = () -> System.out.println("size was " + before); r.run();');
    count.insertAfter('java.util.function.IntSupplier result = () -> $_ * 10; System.out.println("result " + result.getAsInt());');
    counter.getDeclaredConstructor([]).insertAfter('java.util.function.Consumer<String> c = s -> this.calls += s.length(); c.accept("");');
    // An interface's default method: the lambda method is a private synthetic method of the interface.
    const greeter = pool.get('lam.Greeter');
    greeter.getDeclaredMethod('hello').insertBefore('java.util.function.Supplier<String> s = () -> "[" + name() + "]"; System.out.println("greeting " + s.get());');

    const lambdaMethods = counter.classNode().methods.filter((m) => m.name.startsWith('lambda$'));
    const names = lambdaMethods.map((m) => m.name).sort();
    // javac's own lambda$main$0/lambda$count$0… are taken: ours get the next free numbers.
    expect(names.every((name) => /^lambda\$(count|new|main)\$\d+$/.test(name))).toBe(true);
    for (const method of lambdaMethods) expect(method.access & (Opcodes.ACC_PRIVATE | Opcodes.ACC_SYNTHETIC)).toBe(Opcodes.ACC_PRIVATE | Opcodes.ACC_SYNTHETIC);
    // The lambda reading this.counts is an instance method; the one of `before` alone is static.
    const run = await runJava({
      classpath: [new Map([['lam/Counter', counter.toBytecode()], ['lam/Greeter', greeter.toBytecode()]]), compiled.dir],
      mainClass: 'lam.Counter',
      verify: true,
    });
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n')).toEqual([
      'tag x of a after 0 calls',
      'tag y of a after 0 calls',
      'before a2[] true',
      'size was 0',
      'result 10',
      'tag z of b after 1 calls',
      'before b1[a] true',
      'size was 1',
      'result 10',
      'before a0[a, b] true',
      'size was 2',
      'result 0',
      'counts {a=2, b=1} calls 3',
      'greeting [ann]',
      'hello ann',
      '',
    ]);
  });

  it('take back the synthetic methods of a snippet that does not compile', async () => {
    const compiled = await compileJava(SOURCES);
    const pool = new ClassPool(true).appendClassPath(compiled.dir);
    const counter = pool.get('lam.Counter');
    const before = counter.classNode().methods.map((m) => m.name);
    expect(() => counter.getDeclaredMethod('count').insertBefore('Runnable ok = () -> System.out.println(1); Runnable bad = () -> undefinedName();')).toThrow(
      /cannot find method undefinedName\(\)/,
    );
    expect(counter.classNode().methods.map((m) => m.name)).toEqual(before);
    expect(() => counter.getDeclaredMethod('count').insertBefore('Object o = () -> 1;')).toThrow(/java.lang.Object is not a functional interface/);
    expect(() => counter.getDeclaredMethod('count').insertBefore('(() -> 1).run();')).toThrow(/lambda expression not expected here/);
    expect(() => counter.getDeclaredMethod('count').insertBefore('Runnable r = x -> {};')).toThrow(/incompatible parameter types in lambda expression/);
    expect(() => counter.getDeclaredMethod('count').insertBefore('Runnable r = () -> System.out.println($args.length);')).toThrow(/\$args is not available inside a lambda body/);
    expect(counter.classNode().methods.map((m) => m.name)).toEqual(before);
  });

  it('refuse class files older than Java 8', () => {
    const pool = new ClassPool(true);
    const old = pool.makeClass('lam.Old');
    old.classNode().version = Opcodes.V1_7;
    expect(() => old.addMethod(CtNewMethod.make('public static Runnable r() { return () -> {}; }', old))).toThrow(CannotCompileException);
    expect(() => old.addMethod(CtNewMethod.make('public static Runnable r() { return () -> {}; }', old))).toThrow(/needs class file version 52 \(Java 8\) or later; this class is version 51/);
  });

  it('run in source-style transforms, offline and in the agent (classes loaded after the agent starts)', async () => {
    const compiled = await compileJava(SOURCES);
    const directory = mkdtempSync(join(tmpdir(), 'classforge-lambda-transform-'));
    try {
      const transformFile = join(directory, 'lambda-log.mjs');
      writeFileSync(transformFile, LAMBDA_TRANSFORM);
      const transformed = await transformClasses(compiled, transformFile);
      expect(transformed.changed).toEqual(['lam/Counter']);
      const offline = await runJava({ classpath: transformed, mainClass: 'lam.Counter', verify: true });
      expect(offline.stdout.split('\n')).toEqual(LAMBDA_LOG);
      if (existsSync(CLI)) {
        const { stdout } = await promisify(execFile)(process.execPath, [CLI, 'run', '-t', transformFile, '--', javaTool('java'), '-Xverify:all', '-cp', compiled.dir, 'lam.Counter'], { encoding: 'utf8' });
        expect(stdout.split('\n')).toEqual(LAMBDA_LOG);
      }
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  // A JDK 25 is used when installed, never required (the pool then reads JDK 25's own runtime image).
  it.skipIf(!HAS_JDK25)('compile into class version 69 (JDK 25) with records and pattern switches around', async () => {
    const compiled = await compileJava(
      {
        'v69/R.java': `package v69;
          public class R {
            record Point(int x, int y) {}
            sealed interface Shape permits Circle, Square {}
            record Circle(double r) implements Shape {}
            record Square(double s) implements Shape {}
            static double area(Shape s) { return switch (s) { case Circle c -> Math.PI * c.r() * c.r(); case Square q -> q.s() * q.s(); }; }
            public static void main(String[] args) { System.out.println(new Point(1, 2) + " " + area(new Square(2))); }
          }`,
      },
      { javaHome: JDK25_HOME },
    );
    const pool = ClassPool.fromClassPath(new ClassPath([compiled.dir], { jdk: JDK25_HOME }));
    const r = pool.get('v69.R');
    expect(r.classNode().version).toBe(69);
    // List.reversed (SequencedCollection) is JDK 21+: resolved against JDK 25's image, not the JDK 17 running the tests.
    r.getDeclaredMethod('main').insertBefore('java.util.function.Function<Integer, String> f = i -> "n" + i; System.out.println(f.apply(25) + " " + java.util.List.of(3, 1, 2).reversed().stream().map(String::valueOf).toList());');
    r.getDeclaredMethod('area').insertAfter('System.out.println("area " + $_);');
    const run = await runJava({ classpath: [new Map([['v69/R', r.toBytecode()]]), compiled.dir], mainClass: 'v69.R', verify: true, javaHome: JDK25_HOME });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('n25 [2, 1, 3]\narea 4.0\nPoint[x=1, y=2] 4.0\n');
  });
});
