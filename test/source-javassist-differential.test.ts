// classforge/source against the real Javassist (Debian's libjavassist-java, 3.27): the same edit
// scenarios (insertBefore/After, addCatch, setBody, insertAt, insertBeforeBody, CtNewMethod/
// CtNewConstructor.make, CtField.make + addField, ExprEditor replacements, with Javassist's `$`
// variables) applied by Javassist (test/support/JavassistEdits.java) and by classforge/source
// (test/support/javassist-oracle.ts) to a javac-compiled fixture program; each pair of resulting
// programs runs under `java -Xverify:all` and must print the same (stdout, stderr, exit code).
// Snippets stay inside the language Javassist's compiler accepts (no enhanced for, generics,
// varargs calls, string switch, lambdas, inner classes or `var`).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileJava, runJava } from '../src/testing/index.js';
import {
  type EditOp,
  type EditResult,
  type EditScenario,
  type EditStep,
  JAVASSIST_JAR,
  applyWithClassforge,
  applyWithJavassist,
  compileJavassistHarness,
  formatScenarios,
} from './support/javassist-oracle.js';

// ## The fixture program
//
// `// @name` at the end of a line marks it for insertAt (markedLine). Compiled with -g (insertAt
// reaches local variables by name, as Javassist does with a LocalVariableTable) and with
// -XDstringConcat=inline: indy string concatenation costs each JVM ~70 ms of bootstrap, and the
// test starts two JVMs a scenario; Calc.counter keeps an invokedynamic (a lambda) in the class.

const FIXTURE: Record<string, string> = {
  'fx/Base.java': `package fx;
public class Base {
  protected int id;
  protected String label;
  public static int instances;
  public Base() { this(0, "base"); }
  public Base(int id, String label) {
    this.id = id;
    this.label = label;
    instances++;
  }
  public String describe() { return "Base(" + id + "," + label + ")"; }
  public int getId() { return id; }
}
`,
  'fx/Shape.java': `package fx;
public abstract class Shape {
  public abstract double area();
  public String toString() { return getClass().getSimpleName() + "[" + area() + "]"; }
}
`,
  'fx/Circle.java': `package fx;
public class Circle extends Shape {
  public final int radius;
  public Circle(int radius) { this.radius = radius; }
  public double area() { return 3 * radius * radius; }
}
`,
  'fx/Square.java': `package fx;
public class Square extends Shape {
  public final int side;
  public Square(int side) { this.side = side; }
  public double area() { return side * side; }
}
`,
  'fx/Calc.java': `package fx;
public class Calc extends Base implements Runnable {
  public int count;
  public long total;
  public double ratio = 0.5;
  public String name;
  public static int calls;
  public static String log = "";
  private final int[] data;

  public Calc() { this(3); }
  public Calc(int n) {
    super(n, "calc" + n);
    data = new int[n];
    for (int i = 0; i < n; i++) data[i] = i * i;
    name = "c" + n;
  }
  public Calc(String name, int n) {
    this(n);
    this.name = name;
  }

  public int addInts(int a, int b) { calls++; return a + b; }
  public long mulLongs(long a, long b) { return a * b; }
  public double divDoubles(double a, double b) { return a / b; }
  public float half(float f) { return f / 2; }
  public boolean both(boolean a, boolean b) { return a && b; }
  public byte incByte(byte b) { return (byte) (b + 1); }
  public short negShort(short s) { return (short) -s; }
  public char nextChar(char c) { return (char) (c + 1); }
  public String concat(String a, Object b) { return a + b; }
  public int[] squares() { return data.clone(); }
  public Object box(int x) { return Integer.valueOf(x); }
  public void voidMethod(int x) { count += x; }
  public static void staticVoid() { log = log + "v"; }
  public void run() { count++; }

  public static int sumArray(int[] xs) {
    int s = 0;
    for (int i = 0; i < xs.length; i++) s += xs[i];
    return s;
  }
  public static String join(String[] parts, char sep) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) sb.append(sep);
      sb.append(parts[i]);
    }
    return sb.toString();
  }
  public static long mix(int i, long l, float f, double d, char c, short s, byte b, boolean z, String str) {
    return i + l + (long) f + (long) d + c + s + b + (z ? 1 : 0) + str.length();
  }
  public static int factorial(int n) {
    int r = 1;
    while (n > 1) {
      r *= n;
      n--;
    }
    return r;
  }
  public int divide(int a, int b) { return a / b; }
  public static int parse(String s) { return Integer.parseInt(s); }
  public String checked(int x) throws java.io.IOException {
    if (x < 0) throw new java.io.IOException("negative " + x);
    return "ok" + x;
  }
  public int safeDivide(int a, int b) {
    try {
      return a / b;
    } catch (ArithmeticException e) {
      count += 1000; // @catchLine
      return -1;
    } finally {
      count++;
    }
  }
  public String shapeName(Object o) {
    if (o instanceof Circle) return "circle " + ((Circle) o).radius;
    if (o instanceof Shape) return "shape " + ((Shape) o).area();
    return "other";
  }
  public Object pick(int i) {
    if (i == 0) return new Circle(1);
    if (i == 1) return new Square(2);
    return "text" + i;
  }
  public Shape makeShape(int kind) {
    if (kind == 0) return new Circle(2);
    return new Square(3);
  }
  public String useFields() {
    count += 2;
    total = count * 10L;
    ratio = ratio * 2;
    return count + "/" + total + "/" + ratio;
  }
  public static String staticFields() {
    calls += 10;
    log = log + "s";
    return calls + log;
  }
  public int loops(int n) {
    int s = 0;
    outer:
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) { // @innerLoop
        if (j > i) continue outer;
        s += i * j;
      }
    }
    return s;
  }
  public int compute(int x) {
    int a = addInts(x, 1);
    long m = mulLongs(x, 2);
    voidMethod(x);
    Runnable r = this;
    r.run();
    Shape shape = makeShape(x % 2);
    return a + (int) m + Math.abs(-x) + (int) shape.area() + textLen("  ab ");
  }
  public int textLen(String s) { return s.trim().length(); }
  public String report() { return "report " + name + " " + count; }
  public static Calc factory() { return new Calc(4); }
  public Shape shapeFactory(int n) { return null; }
  public String describe() { return "Calc:" + super.describe(); }
  public Runnable counter() { return () -> count++; }
  public static long callMix() { return mix(1, 2L, 3.5f, 4.5, 'A', (short) 5, (byte) 6, true, "seven") + factorial(3); }
  public String probe(int x) { return "probe" + x; }
}
`,
  'fx/Main.java': `package fx;
public class Main {
  static final String[] LABELS = { "new Calc()", "addInts", "mulLongs", "divDoubles", "half", "both", "incByte", "negShort", "nextChar", "concat", "squares", "box", "voidMethod", "staticVoid", "run", "sumArray", "join", "mix", "factorial", "factorial(-3)", "divide", "divide by 0", "parse", "parse bad", "checked", "checked bad", "safeDivide", "shapeName", "pick", "makeShape", "useFields", "staticFields", "loops", "compute", "textLen", "describe", "factory", "shapeFactory", "new Calc(n, 2)", "getId", "instances", "report", "callMix", "probe" };
  static Object call(int k, Calc c) throws Throwable {
    switch (k) {
      case 0: return new Calc().report();
      case 1: return c.addInts(3, 4);
      case 2: return c.mulLongs(6L, 7L);
      case 3: return c.divDoubles(1.0, 4.0);
      case 4: return c.half(5f);
      case 5: return c.both(true, false) + " " + c.both(true, true);
      case 6: return c.incByte((byte) 127);
      case 7: return c.negShort((short) 12);
      case 8: return c.nextChar('a');
      case 9: return c.concat("x", 42);
      case 10: return c.squares();
      case 11: return c.box(9);
      case 12: c.voidMethod(2); return c.count;
      case 13: Calc.staticVoid(); return Calc.log;
      case 14: c.run(); return c.count;
      case 15: return Calc.sumArray(new int[] { 1, 2, 3 });
      case 16: return Calc.join(new String[] { "a", "b", "c" }, '-');
      case 17: return Calc.mix(1, 2L, 3.5f, 4.5, 'A', (short) 5, (byte) 6, true, "seven");
      case 18: return Calc.factorial(5);
      case 19: return Calc.factorial(-3);
      case 20: return c.divide(7, 2);
      case 21: return c.divide(1, 0);
      case 22: return Calc.parse("12");
      case 23: return Calc.parse("x");
      case 24: return c.checked(3);
      case 25: return c.checked(-1);
      case 26: return c.safeDivide(8, 2) + " " + c.safeDivide(1, 0) + " " + c.count;
      case 27: return c.shapeName(new Circle(3)) + " / " + c.shapeName(new Square(2)) + " / " + c.shapeName("s");
      case 28: return c.pick(0) + " " + c.pick(1) + " " + c.pick(2);
      case 29: return c.makeShape(0) + " " + c.makeShape(1);
      case 30: return c.useFields();
      case 31: return Calc.staticFields();
      case 32: return c.loops(4);
      case 33: return c.compute(3) + " " + c.count;
      case 34: return c.textLen(" xyz ");
      case 35: return c.describe();
      case 36: return Calc.factory().report();
      case 37: return c.shapeFactory(2);
      case 38: return new Calc("n", 2).report();
      case 39: return c.getId();
      case 40: return Base.instances;
      case 41: return c.report();
      case 42: return Calc.callMix();
      case 43: return c.probe(7) + " " + c.probe(-2);
      default: throw new IllegalStateException();
    }
  }
  public static void main(String[] args) {
    Calc c = null;
    for (int k = 0; k < LABELS.length; k++) {
      Object value;
      try {
        if (c == null && k > 0) c = new Calc(5);
        value = call(k, c);
        if (value instanceof int[]) value = java.util.Arrays.toString((int[]) value);
      } catch (Throwable t) {
        value = "threw " + t;
      }
      System.out.println(LABELS[k] + ": " + value);
    }
  }
}
`,
};

/** The line of `// @name` in fx/Calc.java. */
function markedLine(name: string): number {
  const lines = FIXTURE['fx/Calc.java']!.split('\n');
  const index = lines.findIndex((line) => line.endsWith(`// @${name}`));
  if (index < 0) throw new Error(`no marker @${name}`);
  return index + 1;
}

// ## The scenarios
//
// `s(id, op, member, arg, snippet)` is one step on fx.Calc; `on(className, …)` one on another class.

const CALC = 'fx.Calc';

function s(op: EditOp, member: string, arg: string, snippet: string, className = CALC): EditStep {
  return { op, className, member, arg, snippet };
}

function scenario(id: string, ...steps: EditStep[]): EditScenario {
  return { id, steps };
}

const SCENARIOS: EditScenario[] = [
  // insertBefore
  scenario('insertBefore $1 $2 $args', s('insertBefore', 'addInts(II)I', '', 'System.out.println("addInts " + $1 + "," + $2 + " args=" + java.util.Arrays.toString($args));')),
  scenario('insertBefore assigns long parameters', s('insertBefore', 'mulLongs(JJ)J', '', '$1 = $1 + 1L; $2 = -$2;')),
  scenario(
    'insertBefore every primitive parameter (static)',
    s('insertBefore', 'mix(IJFDCSBZLjava/lang/String;)J', '', 'System.out.println("mix " + $1 + " " + $2 + " " + $3 + " " + $4 + " " + $5 + " " + $6 + " " + $7 + " " + $8 + " " + $9 + " " + $args.length);'),
  ),
  scenario(
    'insertBefore $0 $class $sig $type',
    s('insertBefore', 'describe()Ljava/lang/String;', '', 'System.out.println("this=" + $0.name + " class=" + $class.getName() + " sig=" + $sig.length + " type=" + $type.getName());'),
  ),
  scenario('insertBefore returns early and throws', s('insertBefore', 'factorial(I)I', '', 'if ($1 < 0) return -1; if ($1 > 12) throw new IllegalArgumentException("too big " + $1);')),
  scenario('insertBefore passes $$ on', s('insertBefore', 'addInts(II)I', '', 'calls += Math.max($$); System.out.println("max " + Math.max($$));')),
  scenario('insertBefore block with locals (byte)', s('insertBefore', 'incByte(B)B', '', '{ int t = $1 * 2; long u = t; System.out.println("t=" + t + " u=" + u); $1 = (byte) (t - 250); }')),
  scenario('insertBefore char parameter', s('insertBefore', 'nextChar(C)C', '', '$1 = (char) ($1 + 2);')),
  scenario('insertBefore float and double', s('insertBefore', 'half(F)F', '', '$1 = $1 * 3.0f + 0.5f;'), s('insertBefore', 'divDoubles(DD)D', '', 'if ($2 != 0.0) $1 = $1 / $2;')),
  scenario('insertBefore in a constructor', s('insertBefore', '<init>(I)V', '', 'System.out.println("new Calc " + $1); $1 = $1 + 1;')),
  scenario('insertBefore in <clinit>', s('insertBefore', '<clinit>', '', 'System.out.println("clinit of Calc");')),
  scenario('insertBefore with a loop over fields', s('insertBefore', 'loops(I)I', '', 'for (int i = 0; i < $1; i++) { count += i; } System.out.println("count " + count);')),
  scenario('insertBefore compound assignments on static fields', s('insertBefore', 'staticVoid()V', '', 'calls++; log += "[pre]"; calls *= 3;')),
  scenario(
    'insertBefore switch and conditional',
    s('insertBefore', 'pick(I)Ljava/lang/Object;', '', 'switch ($1) { case 0: System.out.println("zero"); break; case 1: System.out.println("one"); break; default: System.out.println("many " + ($1 > 5 ? "big" : "small")); }'),
  ),
  scenario(
    'insertBefore replaces an int[] parameter',
    s('insertBefore', 'sumArray([I)I', '', 'int[] copy = new int[$1.length + 1]; System.arraycopy($1, 0, copy, 0, $1.length); copy[$1.length] = 100; $1 = copy;'),
  ),
  scenario('insertBefore array initializer', s('insertBefore', 'join([Ljava/lang/String;C)Ljava/lang/String;', '', '$1 = new String[] { "x", "y", $1[0] }; $2 = \'+\';')),
  scenario(
    'insertBefore instanceof and cast in the snippet',
    s('insertBefore', 'shapeName(Ljava/lang/Object;)Ljava/lang/String;', '', 'if ($1 instanceof fx.Circle) { System.out.println("radius " + ((fx.Circle) $1).radius); } else if ($1 instanceof String) { System.out.println("string " + ((String) $1).length()); }'),
  ),
  scenario('insertBefore short and boolean', s('insertBefore', 'negShort(S)S', '', '$1 = (short) ($1 * 3);'), s('insertBefore', 'both(ZZ)Z', '', '$2 = !$2 || $1;')),

  // insertAfter
  scenario('insertAfter assigns $_ (int)', s('insertAfter', 'addInts(II)I', '', '$_ = $_ * 10;')),
  scenario('insertAfter $_ and ($w)', s('insertAfter', 'box(I)Ljava/lang/Object;', '', 'System.out.println("boxed " + $_ + " " + ($w) $1 + " " + ($w) 2.5);')),
  scenario('insertAfter long and double results', s('insertAfter', 'mulLongs(JJ)J', '', '$_ = $_ << 1;'), s('insertAfter', 'divDoubles(DD)D', '', '$_ = $_ + 0.25;')),
  scenario('insertAfter a void method', s('insertAfter', 'voidMethod(I)V', '', 'System.out.println("after void " + count + " " + $1);')),
  scenario('insertAfter every return of a method', s('insertAfter', 'shapeName(Ljava/lang/Object;)Ljava/lang/String;', '', '$_ = "[" + $_ + "]";')),
  scenario('insertAfter asFinally when it throws', s('insertAfterFinally', 'divide(II)I', '', 'System.out.println("finally divide " + $1 + "/" + $2 + " $_=" + $_);')),
  scenario('insertAfter asFinally with a checked exception', s('insertAfterFinally', 'checked(I)Ljava/lang/String;', '', 'System.out.println("checked done " + $_);')),
  scenario('insertAfter asFinally in a void static method', s('insertAfterFinally', 'staticVoid()V', '', 'log = log + "F";')),
  scenario('insertAfter ($r) cast', s('insertAfter', 'addInts(II)I', '', '$_ = ($r) ($_ * 2.5);'), s('insertAfter', 'pick(I)Ljava/lang/Object;', '', '$_ = ($r) ("picked:" + $_);')),
  scenario('insertAfter char, boolean, float', s('insertAfter', 'nextChar(C)C', '', '$_ = Character.toUpperCase($_);'), s('insertAfter', 'both(ZZ)Z', '', '$_ = !$_;'), s('insertAfter', 'half(F)F', '', '$_ = $_ * 3.0f;')),
  scenario('insertAfter byte and short', s('insertAfter', 'incByte(B)B', '', '$_ = (byte) ($_ * 2);'), s('insertAfter', 'negShort(S)S', '', '$_ = (short) ($_ + 100);')),
  scenario('insertAfter on an array result', s('insertAfter', 'squares()[I', '', '$_[0] = 42; $_ = java.util.Arrays.copyOf($_, $_.length + 1);')),
  scenario('insertAfter in constructors', s('insertAfter', '<init>(I)V', '', 'System.out.println("constructed " + name + " id=" + id + " data=" + data.length);'), s('insertAfter', '<init>()V', '', 'name = name + "()";')),
  scenario('insertAfter reads the parameters it was given', s('insertAfter', 'factorial(I)I', '', 'System.out.println("factorial n=" + $1 + " -> " + $_);')),

  // addCatch
  scenario('addCatch with $e and a return', s('addCatch', 'divide(II)I', 'java.lang.ArithmeticException', '{ System.out.println("caught " + $e.getMessage()); return -99; }')),
  scenario('addCatch with a named exception', s('addCatch', 'parse(Ljava/lang/String;)I', 'java.lang.NumberFormatException ex', '{ System.out.println("bad number " + ex.getMessage()); return 0; }')),
  scenario('addCatch rethrows wrapped', s('addCatch', 'checked(I)Ljava/lang/String;', 'java.io.IOException', '{ throw new RuntimeException("wrapped: " + $e.getMessage(), $e); }')),
  scenario('addCatch in a void method', s('addCatch', 'run()V', 'java.lang.Throwable', '{ System.out.println("run failed " + $e); return; }')),
  // (Javassist rejects `$r` in addCatch: "no such class: $r".)
  scenario('addCatch returns from a String method', s('addCatch', 'checked(I)Ljava/lang/String;', 'java.io.IOException', '{ return "recovered " + $e.getMessage(); }')),

  // setBody
  scenario('setBody static with a for loop', s('setBody', 'factorial(I)I', '', '{ int r = 1; for (int i = 2; i <= $1; i++) r = r * i; return r * 2; }')),
  scenario('setBody $1 $2 $args', s('setBody', 'concat(Ljava/lang/String;Ljava/lang/Object;)Ljava/lang/String;', '', '{ return $1 + "|" + $2 + "|" + $args.length; }')),
  scenario('setBody void static', s('setBody', 'staticVoid()V', '', '{ log = log + "body"; }')),
  scenario('setBody long shifts and xor', s('setBody', 'mulLongs(JJ)J', '', '{ long x = $1; x <<= 2; x >>>= 1; return x ^ $2; }')),
  scenario('setBody try/catch', s('setBody', 'divide(II)I', '', '{ try { return $1 / $2; } catch (ArithmeticException e) { return Integer.MIN_VALUE; } }')),
  scenario('setBody try/finally', s('setBody', 'textLen(Ljava/lang/String;)I', '', '{ try { return $1.length(); } finally { System.out.println("finally " + $1); } }')),
  scenario('setBody while and do-while', s('setBody', 'loops(I)I', '', '{ int s = 0; int i = 0; while (i < $1) { s += i; i++; } do { s--; } while (s > 100); return s; }')),
  scenario('setBody returns ($w)', s('setBody', 'box(I)Ljava/lang/Object;', '', '{ return ($w) ($1 * 2); }')),
  // Javassist's tutorial (§4.2 "$r"): in a void method `return ($r) expr;` is `expr; return;` — the generic proxy body.
  scenario('setBody void: return ($r) of a value', s('setBody', 'voidMethod(I)V', '', '{ count += $1 * 10; return ($r) $0.box($1); }')),
  scenario('setBody void: return ($r) of a void call', s('setBody', 'run()V', '', '{ return ($r) $0.voidMethod(5); }')),
  scenario('setBody bitwise operators', s('setBody', 'addInts(II)I', '', '{ return ($1 & 0xF) | ($2 << 4) ^ ~$1 % 7 >> 1; }')),
  scenario('setBody double comparisons and NaN', s('setBody', 'divDoubles(DD)D', '', '{ if ($2 == 0.0) return Double.NaN; return $1 > $2 ? $1 - $2 : $2 / $1; }')),
  scenario('setBody of a constructor with this(...)', s('setBody', '<init>(Ljava/lang/String;I)V', '', '{ this($2 + 1); this.name = $1 + "!"; }')),
  scenario('setBody instanceof chain and casts', s('setBody', 'shapeName(Ljava/lang/Object;)Ljava/lang/String;', '', '{ if ($1 instanceof fx.Square) return "sq" + ((fx.Square) $1).side; return String.valueOf($1); }')),
  // (Javassist rejects labelled statements: "sorry, not supported statement: TokenId 76".)
  scenario('setBody nested loops with break and continue', s('setBody', 'sumArray([I)I', '', '{ int s = 0; for (int i = 0; i < 3; i++) { for (int j = 0; j < $1.length; j++) { if ($1[j] == 2) continue; if (i == 2) break; s += $1[j] * (i + 1); } } return s; }')),
  scenario('setBody of a method returning a char', s('setBody', 'nextChar(C)C', '', '{ char c = $1; c += 2; return c; }')),
  scenario('setBody a null reference', s('setBody', 'shapeFactory(I)Lfx/Shape;', '', '{ fx.Shape s = null; if ($1 > 1) s = new fx.Circle($1); return s; }')),

  // insertAt
  scenario('insertAt with a local variable', s('insertAt', 'loops(I)I', String(markedLine('innerLoop')), 'System.out.println("at i=" + i + " s=" + s);')),
  // A line past the method's last line entry: Javassist takes the nearest line before it (toNearPc).
  scenario('insertAt past the last line of the method', s('insertAt', 'loops(I)I', String(markedLine('innerLoop') + 50), 'System.out.println("late s=" + s);')),
  scenario('insertAt in a catch block', s('insertAt', 'safeDivide(II)I', String(markedLine('catchLine')), 'count += 100;')),

  // insertBeforeBody
  scenario('insertBeforeBody after super(...)', s('insertBeforeBody', '<init>(I)V', '', 'System.out.println("body of " + label + " data=" + data + " count=" + count); count = 5;')),
  scenario('insertBeforeBody after this(...)', s('insertBeforeBody', '<init>()V', '', 'System.out.println("after this() name=" + name);')),
  scenario('insertBeforeBody assigns a parameter', s('insertBeforeBody', '<init>(ILjava/lang/String;)V', '', '$2 = $2 + "?";', 'fx.Base')),

  // CtNewMethod.make
  scenario('CtNewMethod.make an instance method, used by insertAfter', s('makeMethod', '', '', 'public int triple(int x) { return 3 * x + count; }'), s('insertAfter', 'addInts(II)I', '', '$_ = triple($_);')),
  scenario('CtNewMethod.make a static method', s('makeMethod', '', '', 'public static String shout(String s) { return s.toUpperCase() + "!"; }'), s('insertAfter', 'report()Ljava/lang/String;', '', '$_ = shout($_);')),
  scenario('CtNewMethod.make a recursive method', s('makeMethod', '', '', 'public static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }'), s('insertAfter', 'report()Ljava/lang/String;', '', '$_ = $_ + " fib=" + fib(10);')),
  scenario(
    'CtNewMethod.make a method that throws',
    s('makeMethod', '', '', 'public void boom(String why) throws java.io.IOException { throw new java.io.IOException("boom " + why); }'),
    s('setBody', 'report()Ljava/lang/String;', '', '{ try { boom("now"); return "no"; } catch (java.io.IOException e) { return "caught " + e.getMessage(); } }'),
  ),
  scenario(
    'CtNewMethod.make with every primitive parameter',
    s('makeMethod', '', '', 'public static String all(boolean z, byte b, char c, short s, int i, long l, float f, double d, Object o) { return "" + z + b + c + s + i + l + f + d + o; }'),
    s('insertAfter', 'report()Ljava/lang/String;', '', '$_ = $_ + " " + all(true, (byte) 1, \'c\', (short) 2, 3, 4L, 5.5f, 6.25, null);'),
  ),

  // CtNewConstructor.make
  scenario(
    'CtNewConstructor.make calling this(...)',
    s('makeConstructor', '', '', 'public Calc(String s, long n) { this((int) n); name = s + n; }'),
    s('setBody', 'factory()Lfx/Calc;', '', '{ return new fx.Calc("made", 5L); }'),
  ),
  scenario(
    'CtNewConstructor.make calling super(...)',
    s('makeConstructor', '', '', 'public Calc(long big) { super((int) big, "long"); data = new int[0]; name = "L" + big; }'),
    s('setBody', 'factory()Lfx/Calc;', '', '{ return new fx.Calc(77L); }'),
  ),
  scenario(
    'CtNewConstructor.make in another class',
    s('makeConstructor', '', '', 'public Circle(String r) { this(Integer.parseInt(r)); }', 'fx.Circle'),
    s('setBody', 'shapeFactory(I)Lfx/Shape;', '', '{ return new fx.Circle(String.valueOf($1 + 1)); }'),
  ),

  // CtField.make + addField
  scenario(
    'addField without an initializer',
    s('addField', '', '', 'public int extra;'),
    s('insertBefore', 'addInts(II)I', '', 'extra += $1;'),
    s('insertAfter', 'report()Ljava/lang/String;', '', '$_ = $_ + " extra=" + extra;'),
  ),
  scenario('addField static with an initializer in the source', s('addField', '', '', 'public static String tag = "T" + 1;'), s('insertAfter', 'report()Ljava/lang/String;', '', '$_ = $_ + " " + tag;')),
  scenario('addField with an initializer argument', s('addField', '', '123456789012L', 'public long big;'), s('insertAfter', 'report()Ljava/lang/String;', '', '$_ = $_ + " big=" + big;')),
  scenario(
    'addField instance with an initializer in the source',
    s('addField', '', '', 'private java.util.List items = new java.util.ArrayList();'),
    s('insertBefore', 'voidMethod(I)V', '', 'items.add(($w) $1);'),
    s('insertAfter', 'report()Ljava/lang/String;', '', '$_ = $_ + " items=" + items;'),
  ),
  scenario('addField static array with an initializer argument', s('addField', '', 'new int[3]', 'static int[] table;'), s('insertAfter', 'report()Ljava/lang/String;', '', '$_ = $_ + " table=" + table.length;')),
  // Initializers go in when the class is written, in the order the fields were added: the second sees the
  // first, and a constructor added afterwards runs both; a constructor calling this(...) runs none itself.
  scenario(
    'addField initializers in order, and in a constructor added after them',
    s('addField', '', '', 'public String first = "a" + count;'),
    s('addField', '', '', 'public String second = first + "b";'),
    s('makeConstructor', '', '', 'public Calc(long big) { super((int) big, "long"); data = new int[0]; name = "L" + big + first; }'),
    s('insertAfter', 'report()Ljava/lang/String;', '', '$_ = $_ + " " + first + second + " " + new fx.Calc(7L).second + new fx.Calc(7L).name;'),
  ),
  scenario('addField double initialized from a parameter-free call', s('addField', '', 'Math.sqrt(16.0)', 'protected double root;'), s('insertAfter', 'report()Ljava/lang/String;', '', '$_ = $_ + " root=" + root;')),

  // ExprEditor: method calls
  scenario('editCall $_ = $proceed($$) with a trace', s('editCall', '*', 'fx.Calc.addInts', '{ System.out.println("calling addInts " + $1 + "," + $2); $_ = $proceed($$); }')),
  scenario('editCall changes the arguments', s('editCall', 'compute(I)I', 'mulLongs', '$_ = $proceed($1 + 1L, $2);')),
  scenario('editCall on a static JDK method', s('editCall', 'compute(I)I', 'java.lang.Math.abs', '$_ = $proceed($$) + 1000;')),
  scenario('editCall on a void call', s('editCall', 'compute(I)I', 'voidMethod', '{ $proceed($$); System.out.println("void done " + $1); }')),
  scenario('editCall replaced without $proceed', s('editCall', 'compute(I)I', 'addInts', '$_ = 7;')),
  scenario('editCall with $0 on String calls', s('editCall', 'textLen(Ljava/lang/String;)I', 'trim', '$_ = "[" + $0 + "]";'), s('editCall', 'textLen(Ljava/lang/String;)I', 'length', '$_ = $proceed() + 100;')),
  scenario('editCall ($r) of the result', s('editCall', 'compute(I)I', 'addInts', '$_ = ($r) ($proceed($$) * 1.5);')),
  scenario('editCall $type $sig $class', s('editCall', 'compute(I)I', 'mulLongs', '{ System.out.println($type.getName() + " " + $sig.length + " " + $class.getName()); $_ = $proceed($$); }')),
  scenario('editCall $args', s('editCall', 'compute(I)I', 'addInts', '{ System.out.println("args " + java.util.Arrays.toString($args)); $_ = $proceed($$); }')),
  scenario('editCall on interface and abstract calls', s('editCall', 'compute(I)I', 'java.lang.Runnable.run', '{ System.out.println("run on " + $0.getClass().getName()); $proceed(); }'), s('editCall', 'compute(I)I', 'fx.Shape.area', '$_ = $proceed() * 2;')),
  scenario('editCall calls another method on $0', s('editCall', 'compute(I)I', 'makeShape', '$_ = $0.makeShape($1 - 1);')),
  scenario('editCall on super.describe()', s('editCall', 'describe()Ljava/lang/String;', 'describe', '$_ = "super:" + $proceed($$);')),
  scenario('editCall $_ = $proceed($$) on StringBuilder.append', s('editCall', 'join([Ljava/lang/String;C)Ljava/lang/String;', 'append', '$_ = $proceed($$);')),

  // ExprEditor: fields
  scenario('editField instance read', s('editField', 'useFields()Ljava/lang/String;', 'r:count', '$_ = $proceed() + 1000;')),
  scenario('editField instance write', s('editField', 'useFields()Ljava/lang/String;', 'w:total', '$proceed($1 + 1L);')),
  scenario('editField static read', s('editField', 'staticFields()Ljava/lang/String;', 'r:calls', '$_ = 500;')),
  scenario('editField static write', s('editField', 'staticFields()Ljava/lang/String;', 'w:log', '$proceed($1 + "#");')),
  scenario('editField double read and write through $0', s('editField', 'useFields()Ljava/lang/String;', 'r:ratio', '$_ = $0.ratio + 0.125;'), s('editField', 'useFields()Ljava/lang/String;', 'w:fx.Calc.ratio', '$0.ratio = $1 * 10;')),
  scenario('editField reads in every method', s('editField', '*', 'r:name', '$_ = "<" + $proceed() + ">";')),
  scenario('editField writes in constructors', s('editField', '<init>(I)V', 'w:data', '{ System.out.println("data length " + $1.length); $proceed($$); }')),

  // ExprEditor: new, new array, cast, instanceof, handler
  scenario('editNew $_ = $proceed with other arguments', s('editNew', 'makeShape(I)Lfx/Shape;', 'fx.Circle', '$_ = $proceed($1 * 10);')),
  scenario('editNew replaced by another constructor call', s('editNew', 'makeShape(I)Lfx/Shape;', 'fx.Square', '$_ = new fx.Square($1 + 1);')),
  scenario('editNew on a JDK class', s('editNew', 'join([Ljava/lang/String;C)Ljava/lang/String;', 'java.lang.StringBuilder', '{ $_ = $proceed($$); $_.append("<"); }')),
  scenario('editNew in every method', s('editNew', '*', 'fx.Circle', '{ System.out.println("new circle " + $1); $_ = $proceed($$); }')),
  scenario('editNewArray', s('editNewArray', '<init>(I)V', 'int', '$_ = $proceed($1 + 2);')),
  scenario('editCast $_ = ($r) $1', s('editCast', 'shapeName(Ljava/lang/Object;)Ljava/lang/String;', 'fx.Circle', '{ System.out.println("cast to " + $type.getName()); $_ = ($r) $1; }')),
  scenario('editCast with $proceed', s('editCast', 'shapeName(Ljava/lang/Object;)Ljava/lang/String;', 'fx.Shape', '$_ = ($r) $proceed($$);')),
  scenario('editInstanceof $proceed', s('editInstanceof', 'shapeName(Ljava/lang/Object;)Ljava/lang/String;', 'fx.Circle', '$_ = $proceed($$);')),
  scenario('editInstanceof replaced', s('editInstanceof', 'shapeName(Ljava/lang/Object;)Ljava/lang/String;', 'fx.Shape', '$_ = $1 != null && $1.getClass().getName().endsWith("String");')),
  // $class is the type of $0 (the class of the method or field reference, the created class; Object for
  // casts and instanceof); $type the field's type for a write, the tested type for instanceof; $0 of a
  // static call or field access is null.
  scenario('editCall $class and $type of a call into another class', s('editCall', 'compute(I)I', 'fx.Shape.area', '{ System.out.println($class.getName() + " " + $type.getName()); $_ = $proceed(); }')),
  scenario('editCall $0 of a static call is null', s('editCall', 'compute(I)I', 'java.lang.Math.abs', '{ System.out.println("target " + $0 + " " + $class.getName()); $_ = $proceed($$); }')),
  scenario('editField $class and $type of a write, $0 of a static read', s('editField', 'useFields()Ljava/lang/String;', 'w:total', '{ System.out.println($class.getName() + " " + $type.getName()); $proceed($$); }'), s('editField', 'staticFields()Ljava/lang/String;', 'r:calls', '{ System.out.println("static target " + $0 + " " + $type.getName()); $_ = $proceed(); }')),
  scenario('editNew $class and $type', s('editNew', 'makeShape(I)Lfx/Shape;', 'fx.Circle', '{ System.out.println($class.getName() + " " + $type.getName()); $_ = $proceed($$); }')),
  scenario('editInstanceof and editCast $type and $class', s('editInstanceof', 'shapeName(Ljava/lang/Object;)Ljava/lang/String;', 'fx.Circle', '{ System.out.println("instanceof " + $type.getName() + " " + $class.getName()); $_ = $proceed($$); }'), s('editCast', 'shapeName(Ljava/lang/Object;)Ljava/lang/String;', 'fx.Shape', '{ System.out.println("cast " + $type.getName() + " " + $class.getName()); $_ = ($r) $proceed($$); }')),
  scenario('editHandler insertBefore', s('editHandler', 'safeDivide(II)I', 'java.lang.ArithmeticException', 'System.out.println("handler " + $1.getMessage());')),
  scenario('editConstructorCall super', s('editConstructorCall', '<init>(I)V', 'super', '$proceed($1 + 100, $2 + "!");')),

  // More of the snippet language, through setBody of probe(I)String (printed for 7 and -2)
  scenario('snippet: primitive casts and overflow', s('setBody', 'probe(I)Ljava/lang/String;', '', '{ return (byte) 300 + " " + (char) 65 + " " + (short) 70000 + " " + (int) -2.7 + " " + (long) 1e19 + " " + (float) 1e40 + " " + (int) Double.NaN + " " + (Integer.MAX_VALUE + $1); }')),
  scenario('snippet: char and string arithmetic', s('setBody', 'probe(I)Ljava/lang/String;', '', '{ char c = \'a\'; c++; String s = "" + c + 1 + \'x\' + (c + 1); s += $1; s += \'!\'; return \'a\' + 1 + s; }')),
  scenario('snippet: shifts on negative ints and longs', s('setBody', 'probe(I)Ljava/lang/String;', '', '{ long l = $1; return ($1 >> 1) + " " + ($1 >>> 28) + " " + (l << 40) + " " + (l >>> 60) + " " + ~l + " " + -$1 % 3 + " " + 7.5 % 2; }')),
  scenario('snippet: compound assignment on array elements and fields', s('setBody', 'probe(I)Ljava/lang/String;', '', '{ int[] a = new int[] { 1, 2, 3 }; a[0] += $1; a[1] <<= 2; a[2]++; --a[2]; count -= a[0]; total |= 6L; ratio /= 4; return a[0] + "," + a[1] + "," + a[2] + " " + count + " " + total + " " + ratio; }')),
  scenario('snippet: pre and post increments as values', s('setBody', 'probe(I)Ljava/lang/String;', '', '{ int i = $1; int j = i++ + ++i; long k = 5L; long m = k-- - --k; calls++; int c = calls++; return i + " " + j + " " + k + " " + m + " " + (c - calls); }')),
  scenario('snippet: chained assignment and conditional with null', s('setBody', 'probe(I)Ljava/lang/String;', '', '{ int a, b; a = b = $1 * 2; String s = $1 > 0 ? "pos" : null; Object o = s; return a + b + " " + s + " " + (o == null) + " " + (s != null && s.length() == 3); }')),
  scenario('snippet: multi-dimensional arrays and instanceof on arrays', s('setBody', 'probe(I)Ljava/lang/String;', '', '{ int[][] g = new int[2][3]; g[1][2] = $1; Object o = g; String[][] t = new String[2][]; return g[1][2] + " " + g[0].length + " " + (o instanceof int[][]) + " " + (o instanceof Object[]) + " " + (t[1] == null); }')),
  scenario('snippet: string and char escapes', s('setBody', 'probe(I)Ljava/lang/String;', '', '{ return "q\\"uote\\\\ \\r\\n\\t\\f|" + \'\\\'\' + \'\\\\\' + $1; }')),
  scenario('snippet: unicode and octal escapes', s('setBody', 'probe(I)Ljava/lang/String;', '', '{ return "\\u0041\\101\\b" + $1; }')),
  scenario('snippet: long, float and double comparisons with NaN', s('setBody', 'probe(I)Ljava/lang/String;', '', '{ double n = Double.NaN; float f = $1; long l = $1; return (n < 1.0) + " " + (n != n) + " " + (f >= 7.0f) + " " + (l > 6L) + " " + (l == 7) + " " + (0.0 == -0.0) + " " + Math.min(0.0, 1.0); }')),
  scenario('snippet: the literal -0.0', s('setBody', 'probe(I)Ljava/lang/String;', '', '{ return -0.0 + " " + -0.0f + " " + $1; }')),
  scenario('snippet: synchronized', s('setBody', 'probe(I)Ljava/lang/String;', '', '{ synchronized ($0) { count++; } return "sync " + count; }')),
  scenario('snippet: synchronized then throw', s('setBody', 'probe(I)Ljava/lang/String;', '', '{ synchronized ($0) { count++; } if ($1 < 0) throw new IllegalStateException("negative " + $1); return "sync " + count; }')),
  scenario('snippet: throw', s('setBody', 'probe(I)Ljava/lang/String;', '', '{ if ($1 < 0) throw new IllegalStateException("negative " + $1); return "fine " + $1; }')),
  scenario('snippet: division by zero caught in the snippet', s('setBody', 'probe(I)Ljava/lang/String;', '', '{ try { return "q" + (10 / ($1 - 7)); } catch (ArithmeticException e) { return "caught " + e.getMessage(); } }')),
  scenario('snippet: this, this.field, super call in a new method', s('makeMethod', '', '', 'public String sdesc() { return this.name + "/" + super.describe() + "/" + this.describe(); }'), s('setBody', 'probe(I)Ljava/lang/String;', '', '{ return sdesc() + $1; }')),
  scenario('snippet: boolean operators with side effects', s('setBody', 'probe(I)Ljava/lang/String;', '', '{ boolean a = $1 > 0 && ++count > 0; boolean b = $1 > 0 || ++count > 0; boolean c = $1 > 0 & true | false ^ true; return a + " " + b + " " + c + " " + count + " " + !a; }')),
  scenario('snippet: static call by simple class name of the same package', s('setBody', 'probe(I)Ljava/lang/String;', '', '{ return fx.Calc.factorial(4) + " " + fx.Base.instances; }')),
  scenario('snippet: imports java.lang only, JDK classes fully qualified', s('setBody', 'probe(I)Ljava/lang/String;', '', '{ java.util.ArrayList l = new java.util.ArrayList(); l.add("a"); l.add(Integer.valueOf($1)); java.util.Iterator it = l.iterator(); String s = ""; while (it.hasNext()) s = s + it.next(); return s + l.size(); }')),

  // More edits
  scenario('insertAfter on a method with try/catch/finally', s('insertAfter', 'safeDivide(II)I', '', '$_ = $_ + 1000;')),
  scenario('insertAfter asFinally on a method with try/catch/finally', s('insertAfterFinally', 'safeDivide(II)I', '', 'count += 10000;')),
  scenario('insertAt a line without code goes to the next one', s('insertAt', 'loops(I)I', String(markedLine('innerLoop') - 2), 'System.out.println("before outer " + $1);')),
  scenario('insertBefore in Calc() that calls this(...)', s('insertBefore', '<init>()V', '', 'System.out.println("Calc() " + instances);')),
  // Both resolve `name` to the parameter (LocalVariableTable names, as Javassist's recordLocalVariables).
  scenario('insertAfter in Calc(String, int): a parameter name shadows the field', s('insertAfter', '<init>(Ljava/lang/String;I)V', '', 'this.name = this.name + $2 + name;')),
  scenario(
    'insertBefore, insertAfter and addCatch stacked',
    s('insertBefore', 'divide(II)I', '', 'System.out.println("before " + $2);'),
    s('insertAfter', 'divide(II)I', '', '$_ = -$_;'),
    s('addCatch', 'divide(II)I', 'java.lang.ArithmeticException', '{ return 12345; }'),
    s('insertAfter', 'divide(II)I', '', 'System.out.println("outer after " + $_);', CALC),
  ),
  scenario('setBody on a Base method, protected fields', s('setBody', 'describe()Ljava/lang/String;', '', '{ return "B<" + $0.id + ":" + this.label + ">"; }', 'fx.Base')),
  scenario('editCall every argument of a static call', s('editCall', 'callMix()J', 'mix', '$_ = $proceed($1 + 1, $2 * 2L, $3 + 1.0f, $4 * 2.0, (char) ($5 + 1), (short) ($6 - 1), (byte) -$7, !$8, $9 + "!");')),
  scenario('editCall $args of a static call with every type', s('editCall', 'callMix()J', 'mix', '{ System.out.println(java.util.Arrays.toString($args)); $_ = $proceed($$); }')),
  scenario('editCall result replaced by a constant', s('editCall', 'callMix()J', 'factorial', '$_ = 1000;')),
  scenario('editCall result assigned a long without a cast', s('editCall', 'callMix()J', 'factorial', '$_ = 1000L;')),
  scenario('editField read of a superclass field', s('editField', 'describe()Ljava/lang/String;', 'r:label', '$_ = $proceed().toUpperCase();', 'fx.Base')),
  scenario('editField write with $proceed($$)', s('editField', '*', 'w:count', '{ System.out.println("count := " + $1); $proceed($$); }')),
  scenario('editNew $args and $type', s('editNew', 'makeShape(I)Lfx/Shape;', 'fx.Square', '{ System.out.println("new " + $type.getName() + " " + java.util.Arrays.toString($args)); $_ = $proceed($$); }')),
  scenario('editNew before super(...) in a constructor', s('editNew', '<init>(I)V', 'java.lang.StringBuilder', '{ $_ = $proceed($$); $_.append("pre-"); }')),
  scenario('editCall before super(...) in a constructor', s('editCall', '<init>(I)V', 'java.lang.StringBuilder.append', '$_ = $proceed($$);'), s('editCall', '<init>(I)V', 'java.lang.StringBuilder.toString', '$_ = $proceed().toUpperCase();')),
  scenario('editConstructorCall this', s('editConstructorCall', '<init>()V', 'this', '$proceed($1 * 2);')),
  scenario('editHandler of a finally block', s('editHandler', 'safeDivide(II)I', 'finally', 'System.out.println("finally handler " + $1);')),
  scenario('editCall in a method of another class', s('editCall', 'toString()Ljava/lang/String;', 'area', '$_ = $proceed() + 0.5;', 'fx.Shape')),
  scenario(
    'CtNewMethod.make with arrays, overriding toString',
    s('makeMethod', '', '', 'public static int[] rev(int[] a) { int[] r = new int[a.length]; for (int i = 0; i < a.length; i++) r[i] = a[a.length - 1 - i]; return r; }'),
    s('makeMethod', '', '', 'public String toString() { return "Calc#" + count; }'),
    s('insertAfter', 'squares()[I', '', '$_ = rev($_); System.out.println(toString());'),
  ),
  scenario('addField static final constant', s('addField', '', '', 'public static final int K = 42;'), s('insertAfter', 'report()Ljava/lang/String;', '', '$_ = $_ + " K=" + K;')),
  scenario('addField initializer reading another static field', s('addField', '', '', 'public static String copy = log + "copied" + calls;'), s('insertAfter', 'report()Ljava/lang/String;', '', '$_ = $_ + " " + copy;')),
  scenario('addCatch rethrows $e', s('addCatch', 'divide(II)I', 'java.lang.ArithmeticException', '{ System.out.println("rethrow " + $e.getMessage()); throw $e; }')),
  scenario('addField instance initializer calling a method', s('addField', '', '', 'public String greet = report() + "!";'), s('insertAfter', 'report()Ljava/lang/String;', '', '$_ = $_ + " greet=" + greet;')),
  scenario('insertAfter assigns a String to an int $_', s('insertAfter', 'addInts(II)I', '', '$_ = "text";')),
  scenario('insertBefore assigns $args', s('insertBefore', 'addInts(II)I', '', '$args = new Object[] { ($w) 10, ($w) 20 };')),
];

/** Scenarios both tools must reject (a snippet that does not compile). */
const ERROR_SCENARIOS: EditScenario[] = [
  scenario('error: a missing method', s('insertBefore', 'addInts(II)I', '', 'noSuchMethod(1);')),
  scenario('error: a missing method on $0 in an ExprEditor', s('editCall', 'compute(I)I', 'addInts', '$_ = $0.nope($1);')),
  scenario('error: an undefined variable', s('setBody', 'factorial(I)I', '', '{ return undefinedVariable; }')),
  scenario('error: a missing class', s('insertBefore', 'addInts(II)I', '', 'fx.NoSuchClass.run();')),
  scenario('error: a syntax error in CtNewMethod.make', s('makeMethod', '', '', 'public int broken( { return 1; }')),
  scenario('error: an unknown method in an ExprEditor on a new expression', s('editNew', 'makeShape(I)Lfx/Shape;', 'fx.Circle', '$_ = $proceed($$).noSuchMethod();')),
  scenario('error: a replacement of a used value that never sets $_', s('editCall', 'compute(I)I', 'addInts', '{ System.out.println("skipped"); }')),
  scenario('error: a field read replaced without $_', s('editField', 'useFields()Ljava/lang/String;', 'r:count', 'System.out.println("read");')),
  scenario('error: a missing field in CtField.make', s('addField', '', 'noSuchField + 1', 'public int bad;')),
];

/**
 * Scenarios where classforge/source does not do what Javassist does: listed by id with the
 * reason (they run as it.fails, so fixing classforge makes them fail as a reminder to move them).
 */
// Differences of classforge from Javassist found by this test and fixed since: assigning $args
// (unboxed into the parameters), insertAt snippets using the locals live at that line (from the
// LocalVariableTable), CtNewMethod.make of a recursive method. None is open now.
const KNOWN_DIFFERENCES = new Map<string, string>([]);

/** Scenarios whose edit leaves the program's output as it was (`$_ = $proceed($$)` and the like): they check verification only. */
const NO_VISIBLE_EFFECT = new Set<string>([
  'addCatch in a void method',
  'editCall $_ = $proceed($$) on StringBuilder.append',
  'editCast with $proceed',
  'editInstanceof $proceed',
]);

/** Scenarios left out because Javassist itself misbehaves on them (not differences of classforge). */
const JAVASSIST_EXCLUSIONS = new Map<string, string>([
  [
    'insertAfter assigns a String to an int $_',
    'Javassist bug: it accepts `$_ = "text";` for an int $_ and writes code HotSpot rejects (VerifyError when fx.Calc loads); classforge rejects the snippet (CannotCompileException: incompatible types)',
  ],
  [
    'snippet: unicode and octal escapes',
    'Javassist bug: its lexer (javassist.compiler.Lex.readEscapeChar) knows no \\uXXXX, octal or \\b escapes and keeps the letter: "\\u0041\\101\\b" is "u0041101b" (javac and classforge: "AA" and a backspace)',
  ],
  ['snippet: the literal -0.0', 'Javassist bug: it folds the constant -0.0 to 0.0 and -0.0f to 0.0 (`-0.0 + " " + -0.0f` prints "0.0 0.0"; javac and classforge: "-0.0 -0.0")'],
  [
    'snippet: synchronized then throw',
    'Javassist bug: a synchronized block followed by a throw fails in Javassist itself: "BadBytecode: probe (I)Ljava/lang/String; in fx.Calc: inconsistent stack height Index 3 out of bounds for length 3"',
  ],
  ['editHandler of a finally block', 'Javassist bug: Handler.insertBefore on a catch-all (finally) handler throws NullPointerException ("type" is null in Handler.insertBefore)'],
  [
    'editCall result assigned a long without a cast',
    'Javassist quirk: its compiler does not check narrowing conversions and accepts `$_ = 1000L;` for an int $_ (converting silently); classforge rejects it as javac does ("incompatible types: possible lossy conversion from long to int")',
  ],
]);

// ## The test

describe.skipIf(!existsSync(JAVASSIST_JAR))(
  // Needs Debian's libjavassist-java (Javassist 3.27, /usr/share/java/javassist.jar): the oracle.
  'classforge/source against Javassist: the same edits, the same program output',
  () => {
    const scratch = mkdtempSync(join(tmpdir(), 'classforge-javassist-'));
    let fixtureDir = '';
    let plainOutput = '';
    let javassist = new Map<string, EditResult>();
    let classforge = new Map<string, EditResult>();
    const all = [...SCENARIOS, ...ERROR_SCENARIOS];

    beforeAll(async () => {
      const [fixture, harnessDir] = await Promise.all([compileJava(FIXTURE, { javacOptions: ['-g', '-XDstringConcat=inline'] }), compileJavassistHarness()]);
      fixtureDir = fixture.dir;
      plainOutput = (await runJava({ classpath: fixtureDir, mainClass: 'fx.Main', verify: true })).stdout;
      const scenarioFile = join(scratch, 'scenarios.txt');
      writeFileSync(scenarioFile, formatScenarios(all));
      javassist = await applyWithJavassist(harnessDir, scenarioFile, fixtureDir, join(scratch, 'javassist'));
      classforge = applyWithClassforge(scenarioFile, fixtureDir);
    }, 120_000);
    afterAll(() => rmSync(scratch, { recursive: true, force: true }));

    // Javassist's $sig, $type and $class call javassist.runtime.Desc at run time: the jar is on the class path.
    const run = (classes: Map<string, Uint8Array>) => runJava({ classpath: [classes, fixtureDir, JAVASSIST_JAR], mainClass: 'fx.Main', verify: true });

    /** Both programs' output, and a description of how they differ ('' when they agree). */
    async function compare(id: string): Promise<{ theirs: string; ours: string }> {
      const them = javassist.get(id)!;
      const us = classforge.get(id)!;
      if (them.error !== null) throw new Error(`Javassist rejects scenario ${JSON.stringify(id)}: ${them.error}`);
      const show = (r: { stdout: string; stderr: string; exitCode: number }) => `exit ${r.exitCode}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}`;
      const [a, b] = await Promise.all([run(them.classes), us.error === null ? run(us.classes) : null]);
      const theirs = show(a);
      const ours = b === null ? `rejected: ${us.error}` : show(b);
      if (process.env.JAVASSIST_DIFF_DUMP !== undefined) {
        writeFileSync(join(process.env.JAVASSIST_DIFF_DUMP, `${id.replace(/[^\w$-]+/g, '_')}.txt`), `${id}\n=== Javassist\n${theirs}=== classforge\n${ours}\n`);
      }
      if (a.stdout === plainOutput && !NO_VISIBLE_EFFECT.has(id)) throw new Error(`scenario ${JSON.stringify(id)} changes nothing the program prints (with Javassist)`);
      return { theirs, ours };
    }

    it('has 40+ scenarios', () => {
      expect(SCENARIOS.length).toBeGreaterThanOrEqual(40);
      for (const id of [...KNOWN_DIFFERENCES.keys(), ...JAVASSIST_EXCLUSIONS.keys()]) expect(SCENARIOS.some((x) => x.id === id)).toBe(true);
    });

    it('the unedited program runs', async () => {
      const plain = await runJava({ classpath: fixtureDir, mainClass: 'fx.Main', verify: true });
      expect(plain.exitCode).toBe(0);
      expect(plain.stderr).toBe('');
      expect(plain.stdout).toContain('report: report c5');
    });

    for (const { id } of SCENARIOS) {
      const excluded = JAVASSIST_EXCLUSIONS.get(id);
      if (excluded !== undefined) {
        // Still applied by both: Javassist rejects it or prints something else than classforge.
        it.concurrent(`${id} — EXCLUDED: ${excluded}`, async () => {
          if (javassist.get(id)!.error !== null) return;
          const { theirs, ours } = await compare(id);
          expect(ours).not.toBe(theirs);
        });
        continue;
      }
      const known = KNOWN_DIFFERENCES.get(id);
      (known === undefined ? it.concurrent : it.concurrent.fails)(known === undefined ? id : `${id} — KNOWN DIFFERENCE: ${known}`, async () => {
        const { theirs, ours } = await compare(id);
        expect(ours).toBe(theirs);
      });
    }

    for (const { id } of ERROR_SCENARIOS) {
      it(id, () => {
        expect(javassist.get(id)!.error, 'Javassist rejects it').not.toBeNull();
        expect(classforge.get(id)!.error, 'classforge rejects it').toMatch(/^CannotCompileException/);
      });
    }
  },
);
