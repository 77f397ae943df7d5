// classforge/source's Java compiler against javac: the same method bodies (fixtures/source/Bodies.java.txt)
// compiled by javac into one build of a class, and through CtMethod.setBody into another build whose
// methods javac compiled as stubs; both programs run under -Xverify:all and must print the same.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClassPool } from '../src/source/index.js';
import { compileJava, runJava } from '../src/testing/index.js';
import { invokeDynamicSites } from './support/call-sites.js';
import { writtenWithCompanions } from './support/written-classes.js';

const root = resolve(__dirname, '..');

/** The bodies of the fixture file, by method name. */
function bodies(): Map<string, string> {
  const text = readFileSync(join(root, 'fixtures', 'source', 'Bodies.java.txt'), 'utf8');
  const result = new Map<string, string>();
  let name: string | null = null;
  let lines: string[] = [];
  for (const line of text.split('\n')) {
    const marker = /^\/\/\/\/ (t\d+)\b/.exec(line);
    if (marker !== null) {
      if (name !== null) result.set(name, lines.join('\n'));
      name = marker[1]!;
      lines = [];
    } else if (name !== null) {
      lines.push(line);
    }
  }
  if (name !== null) result.set(name, lines.join('\n'));
  return result;
}

const SUPPORT = {
  'demo/Holder.java': `package demo;
    public class Holder {
      public int count;
      public static int total = 1;
      public String describe(int x) { return "int" + x; }
      public String describe(Object o) { return "obj" + o; }
      public static long twice(long v) { return 2 * v; }
    }`,
  'demo/Res.java': `package demo;
    public class Res implements AutoCloseable {
      private final String name; private final StringBuilder log; private final boolean fail;
      public Res(String name, StringBuilder log, boolean fail) { this.name = name; this.log = log; this.fail = fail; log.append("open " + name + ";"); }
      public void close() { log.append("close " + name + ";"); if (fail) throw new IllegalArgumentException("close " + name); }
    }`,
  'demo/Helper.java': `package demo;
    public class Helper implements Runnable {
      public static StringBuilder log = new StringBuilder();
      public void run() { log.append("ran"); }
    }`,
  'demo/Pair.java': `package demo;
    public class Pair<A, B> {
      public final A first; public final B second;
      public Pair(A first, B second) { this.first = first; this.second = second; }
      public static <X, Y> Pair<X, Y> of(X x, Y y) { return new Pair<>(x, y); }
      public A getFirst() { return first; }
      public B getSecond() { return second; }
      public Pair<B, A> swap() { return new Pair<>(second, first); }
    }`,
  'demo/Shapes.java': `package demo;
    public class Shapes {
      public static String take(Runnable r) { r.run(); return "runnable"; }
      public static String take(java.util.concurrent.Callable<String> c) { try { return "callable:" + c.call(); } catch (Exception e) { return "callable failed: " + e.getClass().getSimpleName(); } }
    }`,
  'demo/Support.java': `package demo;
    public class Support {
      @SafeVarargs public static <T> T[] arr(T... a) { return a; }
      @SafeVarargs public static <T> String componentOf(T... a) { return a.getClass().getComponentType().getSimpleName(); }
      public static <T> T first(T a, T b) { return a; }
    }`,
  'demo/Over.java': `package demo;
    public class Over {
      public static String m(java.util.function.Function<String, String> f) { return "F:" + f.apply(" x "); }
      public static String m(java.util.function.Supplier<String> s) { return "S:" + s.get(); }
      public static String r(Runnable r) { r.run(); return "R"; }
      public static String r(java.util.function.Supplier<Object> s) { return "S" + s.get(); }
    }`,
  'demo/Names.java': `package demo;
    @Deprecated(since = "9") public class Names extends java.util.ArrayList<String> {}`,
  'demo/Box.java': `package demo;
    public class Box<T> {
      public T value;
      public Box(T value) { this.value = value; }
    }`,
  'demo/Results.java': `package demo;
    public class Results {
      public static String n(java.util.function.IntSupplier s) { return "int" + s.getAsInt(); }
      public static String n(java.util.function.LongSupplier s) { return "long" + s.getAsLong(); }
      public static String d(java.util.function.DoubleSupplier s) { return "double" + s.getAsDouble(); }
      public static String d(java.util.function.Supplier<String> s) { return "supplier" + s.get(); }
      public static String e(java.util.function.IntUnaryOperator f) { return "intUnary" + f.applyAsInt(2); }
      public static String e(java.util.function.IntToLongFunction f) { return "intToLong" + f.applyAsLong(2); }
      public static String s(java.util.function.ToIntFunction<String> f) { return "toInt" + f.applyAsInt("ab"); }
      public static String s(java.util.function.Function<String, Integer> f) { return "function" + f.apply("ab"); }
    }`,
  'demo/SerFn.java': `package demo;
    public interface SerFn extends java.util.function.Function<String, String>, java.io.Serializable {}`,
  'demo/Ser.java': `package demo;
    public class Ser {
      public static final StringBuilder log = new StringBuilder();
      public static void touch() { log.append("touched"); }
      /** Writes o out and reads it back (a serializable lambda through its class's $deserializeLambda$). */
      public static Object roundTrip(Object o) {
        try {
          java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
          try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) { out.writeObject(o); }
          try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) { return in.readObject(); }
        } catch (java.io.IOException | ClassNotFoundException e) { throw new RuntimeException(e); }
      }
    }`,
  'demo/NamedFn.java': `package demo;
    public interface NamedFn extends java.util.function.Function<String, Integer> {}`,
  'demo/RawFn.java': `package demo;
    @SuppressWarnings("rawtypes") public interface RawFn extends java.util.function.Function {}`,
  'demo/BridgeA.java': `package demo;
    public interface BridgeA<T> { String m(T t); }`,
  'demo/BridgeB.java': `package demo;
    public interface BridgeB { String m(String s); }`,
  'demo/BridgeC.java': `package demo;
    public interface BridgeC extends BridgeA<String>, BridgeB {}`,
  'demo/Sorted.java': `package demo;
    public class Sorted<T extends Comparable<T>> {
      private final java.util.List<T> items;
      public Sorted(java.util.List<T> items) { this.items = items; }
      public T max() { T best = null; for (T t : items) if (best == null || t.compareTo(best) > 0) best = t; return best; }
    }`,
};

function bodiesClass(methods: Map<string, string>, stub: boolean): string {
  const members = [...methods].map(([name, body]) => `  static String ${name}() {\n${stub ? 'return null;' : body}\n  }`).join('\n');
  const calls = [...methods.keys()]
    .map((name) => `    try { System.out.println("${name}: " + ${name}()); } catch (Throwable e) { System.out.println("${name}: threw " + e); }`)
    .join('\n');
  return `package demo;
public class Bodies {
  static String helper() { StringBuilder sb = new StringBuilder(); try { sb.append("try"); return sb.toString(); } finally { sb.append("!"); } }
  @SuppressWarnings("finally")
  static String finallyWins() { try { return "try"; } finally { return "finally"; } }
${members}
  public static void main(String[] args) {
${calls}
  }
}`;
}

describe('method bodies compiled by classforge/source and by javac', () => {
  it('give the same output under -Xverify:all', async () => {
    const methods = bodies();
    expect(methods.size).toBeGreaterThanOrEqual(32);
    const byJavac = await compileJava({ ...SUPPORT, 'demo/Bodies.java': bodiesClass(methods, false) });
    const stubs = await compileJava({ ...SUPPORT, 'demo/Bodies.java': bodiesClass(methods, true) });
    // With -ea: the assert statements of the bodies run.
    const expected = await runJava({ classpath: byJavac.dir, mainClass: 'demo.Bodies', verify: true, jvmArgs: ['-ea'] });
    expect(expected.exitCode).toBe(0);
    expect(expected.stdout).not.toContain('threw');

    const pool = new ClassPool(true).appendClassPath(stubs.dir);
    const bodiesClassFile = pool.get('demo.Bodies');
    for (const [name, body] of methods) bodiesClassFile.getDeclaredMethod(name).setBody(`{\n${body}\n}`);
    // The bodies' anonymous and local classes (Bodies$1…, Bodies$1Box) beside the class.
    const classes = writtenWithCompanions(bodiesClassFile);
    expect(classes.size).toBeGreaterThan(8);
    const ours = await runJava({
      classpath: [classes, stubs.dir],
      mainClass: 'demo.Bodies',
      verify: true,
      jvmArgs: ['-ea'],
    });
    expect(ours.stderr).toBe('');
    // Line by line, so that a failure names the body.
    expect(ours.stdout.split('\n')).toEqual(expected.stdout.split('\n'));
  });

  // The call sites of every lambda and method reference, against javac's: bootstrap method, function and instantiated
  // types, the implementation handle (a lambda method compared by kind and owner only).
  it("create lambdas and method references with javac's LambdaMetafactory call sites", async () => {
    const methods = bodies();
    const byJavac = await compileJava({ ...SUPPORT, 'demo/Bodies.java': bodiesClass(methods, false) });
    const stubs = await compileJava({ ...SUPPORT, 'demo/Bodies.java': bodiesClass(methods, true) });
    const bodiesClassFile = new ClassPool(true).appendClassPath(stubs.dir).get('demo.Bodies');
    for (const [name, body] of methods) bodiesClassFile.getDeclaredMethod(name).setBody(`{\n${body}\n}`);
    const ours = bodiesClassFile.toBytecode();
    const javacs = byJavac.classes.get('demo/Bodies')!;
    // String concatenation is StringBuilder's here (every class file version), javac's an invokedynamic: only lambda call sites.
    const lambdaSites = (bytes: Uint8Array, name: string) => invokeDynamicSites(bytes, name).filter((site) => / (alt)?[mM]etafactory \[/.test(site));
    // Known difference: t47's groupingBy(…, TreeMap::new, …) — javac instantiates the Supplier<M> as ()TreeMap, here M
    // is taken at its bound Map before the reference is compiled (the same code runs; only the call site's type differs).
    const compared = [...methods.keys()].filter((name) => name !== 't47');
    expect(compared.filter((name) => lambdaSites(javacs, name).length > 0).length).toBeGreaterThan(20);
    for (const name of compared) expect(lambdaSites(ours, name), name).toEqual(lambdaSites(javacs, name));
  });
});
