// Textifier: classforge's Textifier output must equal ASM's (Debian's libasm-java) for the same
// class files, character for character. javac compiles the fixtures; a small Java harness runs
// ASM's TraceClassVisitor + Textifier on every class with the same parsing flags (0) as ASM's
// `Textifier` main, and we compare class by class.

import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { Printer } from '../src/util/printer.js';
import { Textifier } from '../src/util/textifier.js';
import { ASM_JARS, HAVE_ASM, JAVA_DIR, TEXTIFY_HARNESS, asmTextify, ourTextify } from './support/asm-textifier.js';
import { compileJava } from './support/javac.js';

// Fixtures, one per feature family the Textifier prints differently.
const FIXTURES: Record<string, string> = {
  'tx/Generics.java': `
package tx;
import java.io.*;
import java.util.*;
import java.util.function.*;
public class Generics<K extends Comparable<? super K>, V> extends AbstractMap<K, V> implements Serializable, Cloneable {
  private final Map<K, List<? extends V>> map = new HashMap<>();
  public List<String>[] arrays;
  public Map.Entry<K, V> entry;
  public static <T extends Number & Comparable<T>> T max(List<? extends T> list) throws IOException, IllegalStateException {
    T best = null;
    for (T t : list) if (best == null || t.compareTo(best) > 0) best = t;
    return best;
  }
  public <E extends Exception> void sneaky(Supplier<? super E> s) throws E {}
  public Set<Map.Entry<K, V>> entrySet() { return Collections.emptySet(); }
  public V get(Object key) { return null; }
  public int[][] grid(int n) { return new int[n][n]; }
  public Object[][][] cube() { return new Object[1][2][3]; }
  class Inner<X> { X x; Generics<K, V>.Inner<X> self() { return this; } }
  static class Nested<Y extends Generics<?, ?>> { }
  interface Shape<S> { default S self() { return null; } static int count() { return 1; } S abstractOne(); }
  @SafeVarargs public static <T> List<T> listOf(T... items) { return Arrays.asList(items); }
  @Deprecated public void old() {}
  public static final long serialVersionUID = 42L;
}
`,
  'tx/Annotations.java': `
package tx;
import java.lang.annotation.*;
import java.util.*;
@Retention(RetentionPolicy.RUNTIME) @interface Visible {
  byte b() default 1; char c() default 'x'; short s() default 2; int i() default 3; long l() default 4L;
  float f() default 5.5f; double d() default 6.25; boolean z() default true; String str() default "a\\"b\\n";
  Class<?> cls() default String.class; ElementType e() default ElementType.FIELD; Invisible a() default @Invisible;
  int[] ints() default {1, 2}; String[] strs() default {}; Class<?>[] classes() default {int.class, Object[].class};
}
@Retention(RetentionPolicy.CLASS) @interface Invisible { String value() default ""; }
@Target({ElementType.TYPE_USE, ElementType.TYPE_PARAMETER}) @Retention(RetentionPolicy.RUNTIME) @interface TU { int value() default 0; }
@Target({ElementType.TYPE_USE}) @interface TUI { }
@Visible(b = -1, c = '\\u00e9', s = -300, i = 70000, l = 1L << 40, f = -0.0f, d = Double.NaN, z = false,
    str = "tab\\there \\u2603", cls = Map.Entry.class, e = ElementType.METHOD, a = @Invisible("nested"),
    ints = {}, strs = {"x", "y"}, classes = {void.class})
@Invisible("cls")
public class Annotations<@TU(1) T extends @TU(2) Object> {
  @Visible @Invisible public @TU int field;
  public List<@TU(3) String> list;
  public @TU String @TUI [] array;
  @Visible(ints = {1, 2, 3}) public @TU(4) String method(@Invisible("p0") int a, @Visible @TU(5) String b) throws @TU(6) Exception {
    @TU(7) Object local = b;
    if (local instanceof @TU(8) String) { local = (@TU(9) String) local; }
    List<@TU String> l = new @TU(10) ArrayList<>();
    try { l.add(b); } catch (@TU(11) RuntimeException ex) { throw ex; }
    return (String) local;
  }
  public <@TU(12) U> U generic(U u) { return u; }
  public Annotations() {}
  public Annotations(@Visible int synthetic) {}
  class Inner { Inner(@Invisible String s) {} }
  enum E { A, B; E() {} }
}
`,
  'tx/Lambdas.java': `
package tx;
import java.util.*;
import java.util.function.*;
import java.util.stream.*;
public class Lambdas {
  int base = 3;
  public List<String> run(List<Integer> in, String prefix) {
    Function<Integer, Integer> add = x -> x + base;
    Supplier<List<String>> factory = ArrayList::new;
    BiFunction<String, Integer, String> concat = (s, i) -> s + i + prefix + 'c' + 1.5 + true;
    Runnable r = () -> System.out.println("hi");
    r.run();
    IntBinaryOperator op = Math::max;
    Function<String, Integer> len = String::length;
    List<String> out = factory.get();
    for (Integer i : in) out.add(concat.apply(prefix, add.apply(i)));
    return in.stream().map(String::valueOf).filter(s -> !s.isEmpty()).collect(Collectors.toList());
  }
  static String concat(String a, long b, double c, char d, Object e) { return a + b + c + d + e + "\\u0001"; }
  Object serializable() { return (Runnable & java.io.Serializable) () -> {}; }
}
`,
  'tx/Switches.java': `
package tx;
public class Switches {
  enum Color { RED, GREEN, BLUE }
  static int table(int x) {
    switch (x) { case 1: return 10; case 2: return 20; case 3: return 30; case 4: return 40; default: return -1; }
  }
  static int lookup(int x) {
    switch (x) { case -1000: return 1; case 0: return 2; case 1000000: return 3; default: return 0; }
  }
  static int strings(String s) {
    switch (s) { case "a": return 1; case "b": return 2; case "Aa": case "BB": return 3; default: return 0; }
  }
  static String enums(Color c) {
    return switch (c) { case RED -> "r"; case GREEN -> "g"; default -> { String y = "b"; yield y; } };
  }
  static long loops(long n) {
    long sum = 0; int i = 0;
    while (i < 1000) { sum += i * n; i += 300; if (sum > 100000L) break; }
    do { i--; } while (i > 0);
    for (int j = 0; j < 10; j++) { if (j % 2 == 0) continue; sum ^= j; }
    return sum;
  }
  static boolean compare(Object o, double d, float f, long l) {
    return o == null || d < 1.0 || f > 2f || l != 3L || (o instanceof String s && s.isEmpty());
  }
}
`,
  'tx/TryCatch.java': `
package tx;
import java.io.*;
public class TryCatch {
  private final Object lock = new Object();
  int guarded;
  int simple(String s) {
    try { return Integer.parseInt(s); } catch (NumberFormatException | NullPointerException e) { return -1; } finally { guarded++; }
  }
  String resources(String path) throws IOException {
    try (Reader r = new StringReader(path); BufferedReader b = new BufferedReader(r)) { return b.readLine(); }
  }
  void sync() { synchronized (lock) { guarded++; } }
  synchronized void syncMethod() { guarded--; }
  void nested() {
    try { try { throw new IllegalStateException("x"); } catch (IllegalStateException e) { throw new RuntimeException(e); } }
    catch (RuntimeException e) { guarded = 0; } catch (Throwable t) { guarded = 1; }
  }
  static native void nativeMethod(int[] a);
  transient volatile int flags;
}
`,
  'tx/Records.java': `
package tx;
import java.lang.annotation.*;
import java.util.*;
public sealed interface Records permits Records.Point, Records.Named, Records.Empty, Records.Open {
  @Retention(RetentionPolicy.RUNTIME) @Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER}) @interface Note { String value(); }
  record Point(int x, int y) implements Records {
    public Point { if (x < 0) throw new IllegalArgumentException(); }
    static Point origin() { return new Point(0, 0); }
  }
  record Named<T extends Comparable<T>>(@Note("n") String name, List<T> values, T... rest) implements Records { }
  final class Empty implements Records { }
  non-sealed interface Open extends Records { }
  enum Planet { MERCURY(3.303e+23, 2.4397e6), EARTH(5.976e+24, 6.37814e6);
    final double mass, radius;
    Planet(double mass, double radius) { this.mass = mass; this.radius = radius; }
    abstract static class Helper { abstract int help(); }
  }
}
`,
  'tx/Constants.java': `
package tx;
public class Constants {
  public static final int I = 123456789;
  public static final int NEG = -2147483648;
  public static final long L = -9223372036854775808L;
  public static final float F = 1.1f;
  public static final float FMIN = Float.MIN_VALUE;
  public static final float FNAN = Float.NaN;
  public static final float FBIG = 3.4028235E38f;
  public static final float FSMALL = 1.0E-5f;
  public static final float F7 = 1.0E7f;
  public static final float F12345 = 123456.78f;
  public static final double D = 0.1;
  public static final double DMIN = Double.MIN_VALUE;
  public static final double DINF = Double.NEGATIVE_INFINITY;
  public static final double DNEG0 = -0.0;
  public static final double D1E7 = 1.0E7;
  public static final double D9 = 9999999.0;
  public static final double D001 = 0.001;
  public static final double D0009 = 0.0009;
  public static final double DPI = Math.PI;
  public static final char C = '\\n';
  public static final boolean Z = true;
  public static final byte B = -128;
  public static final short S = 32767;
  public static final String STR = "quote\\" backslash\\\\ cr\\r nul\\0 del\\u007f high\\u00ff snow\\u2603 surrogate\\ud83d\\ude00";
  static double compute(int i, long l, float f, double d) {
    int a = i * 31 + 100000;
    long b = l << 3 >>> 2 >> 1;
    float c = f / 3.0f - 0.5f;
    double e = d % 2.5 + 1e-10;
    short s = (short) a; byte y = (byte) s; char ch = (char) y;
    int[] arr = new int[5]; arr[0] += 7; a += 1000; a -= 129;
    long[] la = new long[] {1L, 2L};
    boolean[] za = new boolean[2]; String[] sa = new String[3];
    Object x = Constants.class; Object arrays = int[].class;
    return a + b + c + e + s + y + ch + arr.length + la[1] + (za[0] ? 1 : 0) + sa.length + (x == arrays ? 0 : 1);
  }
}
`,
  'tx/Nesting.java': `
package tx;
import java.util.*;
public class Nesting {
  private int secret = 1;
  class Member { int peek() { return secret; } }
  static class StaticMember { private static void hidden() {} }
  interface Callback { void call(); }
  protected abstract static class Base { abstract void m(); }
  Object anonymous() {
    return new Callback() { public void call() { secret++; } };
  }
  Object local() {
    class Local implements Comparator<String> { public int compare(String a, String b) { return a.length() - b.length(); } }
    return new Local();
  }
  void callHidden() { StaticMember.hidden(); }
}
`,
};

interface Dump {
  name: string;
  bytes: Uint8Array;
  expected: string;
}

describe.skipIf(!HAVE_ASM)('Textifier output equals ASM Textifier output', () => {
  let harnessDir = '';
  const suites: Record<string, Dump[]> = {};

  beforeAll(async () => {
    harnessDir = (await compileJava({ 'TextifyAll.java': TEXTIFY_HARNESS }, { options: ['-cp', ASM_JARS.join(':')] })).dir;
    const builds: [string, Promise<{ classes: { name: string; path: string; bytes: Uint8Array }[] }>][] = [
      ['fixtures compiled with -g', compileJava(FIXTURES, { options: ['-g'] })],
      ['fixtures compiled with -g:none -parameters', compileJava(FIXTURES, { options: ['-g:none', '-parameters'] })],
      ['fixtures compiled with --release 8', compileJava(withoutJava17Only(FIXTURES), { release: 8, options: ['-g'] })],
    ];
    for (const [label, build] of builds) {
      const { classes } = await build;
      const expected = await asmTextify(harnessDir, classes.map((c) => c.path));
      suites[label] = classes.map((c) => ({ name: c.name, bytes: c.bytes, expected: expected.get(c.path)! }));
    }
  }, 300_000);

  for (const label of [
    'fixtures compiled with -g',
    'fixtures compiled with -g:none -parameters',
    'fixtures compiled with --release 8',
  ]) {
    it(label, () => {
      const dumps = suites[label]!;
      expect(dumps.length).toBeGreaterThan(10);
      for (const dump of dumps) {
        expect(ourTextify(dump.bytes), dump.name).toBe(dump.expected);
      }
    });
  }

  it('every class of real jars (ASM itself, commons-lang3 when installed)', async () => {
    const jars = [...ASM_JARS, `${JAVA_DIR}/asm-commons.jar`, `${JAVA_DIR}/commons-lang3.jar`].filter((jar) =>
      existsSync(jar),
    );
    const expected = await asmTextify(harnessDir, jars);
    let compared = 0;
    for (const jar of jars) {
      const zip = await JSZip.loadAsync(readFileSync(jar));
      for (const entry of Object.values(zip.files)) {
        if (entry.dir || !entry.name.endsWith('.class')) continue;
        const bytes = await entry.async('uint8array');
        expect(ourTextify(bytes), `${jar}!/${entry.name}`).toBe(expected.get(entry.name));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(50);
  }, 300_000);
});

/** The fixtures without the ones that need Java 17 (records, sealed types, switch expressions, patterns). */
function withoutJava17Only(fixtures: Record<string, string>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [path, source] of Object.entries(fixtures)) {
    if (path === 'tx/Records.java' || path === 'tx/Switches.java') continue;
    result[path] = source;
  }
  return result;
}

describe('Printer tables and helpers', () => {
  it('has ASM\'s OPCODES, TYPES and HANDLE_TAG tables', () => {
    expect(Printer.OPCODES).toHaveLength(200);
    expect(Printer.OPCODES[0]).toBe('NOP');
    expect(Printer.OPCODES[0xba]).toBe('INVOKEDYNAMIC');
    expect(Printer.OPCODES[0xc7]).toBe('IFNONNULL');
    expect(Printer.TYPES[10]).toBe('T_INT');
    expect(Printer.HANDLE_TAG[9]).toBe('H_INVOKEINTERFACE');
  });

  it('quotes strings like ASM (appendString)', async () => {
    const { StringBuilder } = await import('../src/util/string-builder.js');
    const sb = new StringBuilder();
    // 0x7F itself is printed as is: only code units below 0x20 or above 0x7F are escaped.
    Printer.appendString(sb, 'a"b\\c\nd\re\u0001\u00e9\u2603\u007f');
    expect(sb.toString()).toBe('"a\\"b\\\\c\\nd\\re\\u0001\\u00e9\\u2603\u007f"');
  });
});
