// Local classes in classforge/source snippets (JLS §14.3; Javassist's compiler refuses them): what the javac
// oracle over static bodies (source-compiler-javac.test.ts, t78) cannot show — the enclosing instance and its
// private members, $ variables, creations from a lambda, an anonymous class and the class's own methods, the
// class as reflection sees it, javac's refusals, and the class travelling with its enclosing class through a
// source transform offline and in the agent.
import { describe, expect, it } from 'vitest';
import { ClassPool, type CtClass } from '../src/source/index.js';
import { compileJava, runJava, transformClasses } from '../src/testing/index.js';
import { agentRunLines, BUILT_CLI, withInsertBeforeTransform } from './support/snippet-transform.js';
import { writtenWithCompanions } from './support/written-classes.js';

const SOURCES = {
  'loc/Ledger.java': `package loc;
    public class Ledger {
      private final String owner;
      private long total;
      public Ledger(String owner) { this.owner = owner; }
      private String currency() { return "EUR"; }
      public long add(String what, long amount) { total += amount; return total; }
      public static void main(String[] args) {
        Ledger ledger = new Ledger("ann");
        ledger.add("rent", 700);
        ledger.add("food", 120);
        System.out.println("total " + ledger.total);
      }
    }`,
};

/** A fresh loc.Ledger of the classes in `dir` with `snippet` inserted at the start of add(). */
function ledgerWith(dir: string, snippet: string): CtClass {
  const ledger = new ClassPool(true).appendClassPath(dir).get('loc.Ledger');
  ledger.getDeclaredMethod('add').insertBefore(snippet);
  return ledger;
}

/** An expectation on inserting a snippet into loc.Ledger.add (ledgerWith), for `.toThrow(…)`. */
function insertingInto(dir: string) {
  return (snippet: string) => expect(() => ledgerWith(dir, snippet));
}

describe('local classes in snippets', () => {
  it('reach the enclosing instance and the $ variables, and are created from lambdas, anonymous classes and their own methods', async () => {
    const compiled = await compileJava(SOURCES, { javacOptions: ['-g'] });
    const ledger = ledgerWith(
      compiled.dir,
      'final String note = $1 + "/" + owner; ' +
        'class Entry implements Comparable<Entry> { ' +
        '  final long cents; ' +
        '  Entry(long amount) { cents = amount * 100; } ' +
        '  Entry() { this($2); } ' +
        '  Entry twice() { return new Entry(cents / 50); } ' +
        '  public int compareTo(Entry other) { return Long.compare(cents, other.cents); } ' +
        '  public String toString() { return note + " " + cents + " " + currency() + " after " + total; } ' +
        '} ' +
        'Entry entry = new Entry(); ' +
        'java.util.function.Supplier<Entry> doubled = () -> entry.twice(); ' +
        'Runnable report = new Runnable() { public void run() { System.out.println(entry + " | " + doubled.get() + " | " + new Entry(1).compareTo(entry)); } }; ' +
        'report.run(); ' +
        'Class k = entry.getClass(); ' +
        'System.out.println(k.getName() + " local " + k.isLocalClass() + " " + k.getSimpleName() + " in " + k.getEnclosingMethod().getName() + " host " + k.getNestHost().getSimpleName());',
    );
    expect(ledger.getCompanionClasses().map((c) => c.getName())).toEqual(['loc.Ledger$1Entry', 'loc.Ledger$1']);
    const entry = ledger.getCompanionClasses()[0]!.classNode();
    // Constructors: declared parameters, then the enclosing instance and the captured values.
    expect(entry.methods.filter((m) => m.name === '<init>').map((m) => m.desc)).toEqual(['(JLloc/Ledger;JLjava/lang/String;)V', '(Lloc/Ledger;JLjava/lang/String;)V']);
    const run = await runJava({ classpath: [writtenWithCompanions(ledger), compiled.dir], mainClass: 'loc.Ledger', verify: true });
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n')).toEqual([
      'rent/ann 70000 EUR after 0 | rent/ann 140000 EUR after 0 | -1',
      'loc.Ledger$1Entry local true Entry in add host Ledger',
      'food/ann 12000 EUR after 700 | food/ann 24000 EUR after 700 | -1',
      'loc.Ledger$1Entry local true Entry in add host Ledger',
      'total 820',
      '',
    ]);
  });

  it('are declared in a lambda body, an anonymous class method and a switch expression arm', async () => {
    const compiled = await compileJava({
      'p/A.java': `package p;
        public class A { int base = 10;
          String f(String who, int n) { return who + n; }
          public static void main(String[] a) { System.out.println(new A().f("x", 3)); } }`,
    });
    const a = new ClassPool(true).appendClassPath(compiled.dir).get('p.A');
    a.getDeclaredMethod('f').insertBefore(
      'java.util.function.Function<Integer, String> fn = k -> { class Sq { int v() { return k * k + base; } } return "sq" + new Sq().v() + $1; }; ' +
        'Runnable r = new Runnable() { public void run() { class Inner { String s() { return "inner " + base + $2; } } System.out.println(new Inner().s()); } }; ' +
        'r.run(); ' +
        'String sw = switch ($2) { case 3 -> { class T { String t() { return "three"; } } yield new T().t(); } default -> "other"; }; ' +
        'System.out.println(fn.apply(4) + " " + sw);',
    );
    const classes = writtenWithCompanions(a);
    expect([...classes.keys()]).toEqual(['p/A', 'p/A$1Sq', 'p/A$1$1Inner', 'p/A$1', 'p/A$1T']);
    const run = await runJava({ classpath: [classes, compiled.dir], mainClass: 'p.A', verify: true });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('inner 103\nsq26x three\nx3\n');
  });

  it("are refused where javac refuses them, and where snippets do not support them, with the reason", async () => {
    const compiled = await compileJava(SOURCES);
    const refused = insertingInto(compiled.dir);
    refused('int n = 1; n++; class A { int m() { return n; } }').toThrow(/local variables referenced from an inner class must be final or effectively final \(n is assigned\)/);
    refused('class A { } Runnable r = new Runnable() { public void run() { class B extends A { } } };').toThrow(/a local class extending the local class loc.Ledger\$1A declared outside its class body is not supported in snippets/);
    refused('abstract class A { abstract int m(); } Object o = new A();').toThrow(/loc.Ledger\$1A is abstract; cannot be instantiated/);
    refused('class A implements Runnable { }').toThrow(/A is not abstract and does not override abstract method run\(\) in java.lang.Runnable/);
    refused('class A { static long n() { return $2; } }').toThrow(/non-static variable \$2 cannot be referenced from a static context/);
    refused('class A { static A() { } }').toThrow(/modifier static not allowed here/);
    refused('class G<T> { static T bad; }').toThrow(/cannot find symbol: class T/);
    // JLS §6.3: a local class is in scope to the end of its block — of its statement group in a switch.
    refused('{ class X { } } new X();').toThrow(/cannot find symbol: class X/);
    refused('switch ((int) $2) { case 1: class X { } break; default: new X(); }').toThrow(/cannot find symbol: class X/);
    refused('class G<T, T> { }').toThrow(/type variable T is already defined/);
    refused('abstract class A { abstract static void m(); }').toThrow(/illegal combination of modifiers: abstract and static/);
    refused('class A extends String { }').toThrow(/cannot inherit from final java.lang.String/);
    refused('class A implements Object { }').toThrow(/interface expected here: java.lang.Object/);
    refused('class A { A(int x) { } } new A();').toThrow(/constructor A in class|cannot find|no suitable constructor|A\(\)/);
  });

  it('extend local classes, inner member classes and are extended by anonymous classes, passing on enclosing instances and captured values', async () => {
    const compiled = await compileJava({
      'p/Shop.java': `package p;
        public class Shop {
          private final String name;
          public Shop(String name) { this.name = name; }
          public class Item { final String label; public Item(String label) { this.label = name + ":" + label; } public String describe() { return label; } }
          String sell(String what, int count) { return what + count; }
          static String audit(String what) { return what; }
          public static void main(String[] a) { System.out.println(new Shop("corner").sell("tea", 3)); System.out.println(audit("x")); }
        }`,
    });
    const shop = new ClassPool(true).appendClassPath(compiled.dir).get('p.Shop');
    shop.getDeclaredMethod('sell').insertBefore(
      'String unit = "x" + $2; ' +
        'class Line { final String what; Line(String what) { this.what = what; } String text() { return what + unit + " at " + name; } } ' +
        'class Discounted extends Line { final int off; Discounted(int off) { super($1); this.off = off; } String text() { return super.text() + " -" + off; } } ' +
        'class Boxed extends Item { Boxed() { super("box-" + unit); } public String describe() { return "[" + super.describe() + "]"; } } ' +
        'Line odd = new Line("odd") { String text() { return "odd " + super.text(); } }; ' +
        'System.out.println(new Discounted(5).text() + " | " + odd.text() + " | " + new Boxed().describe());',
    );
    expect(shop.getCompanionClasses().map((c) => c.getName())).toEqual(['p.Shop$1Line', 'p.Shop$1Discounted', 'p.Shop$1Boxed', 'p.Shop$1']);
    const run = await runJava({ classpath: [writtenWithCompanions(shop), compiled.dir], mainClass: 'p.Shop', verify: true });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('teax3 at corner -5 | odd oddx3 at corner | [corner:box-x3]\ntea3\nx\n');
    // An inner superclass needs an enclosing instance: none in a static method.
    expect(() => new ClassPool(true).appendClassPath(compiled.dir).get('p.Shop').getDeclaredMethod('audit').insertBefore('class B extends Item { B() { super("b"); } }')).toThrow(
      /no enclosing instance of type p.Shop is in scope \(the superclass p.Shop.Item is an inner class\)/,
    );
  });

  it('include local interfaces and enums (Java 16): implicitly static, with their implicit members, refused where javac refuses them', async () => {
    const compiled = await compileJava(SOURCES);
    const ledger = ledgerWith(
      compiled.dir,
      'interface Rule { boolean applies(long cents); default String tag() { return applies(0) ? "always" : "sometimes"; } } ' +
        'enum Size implements Rule { SMALL(100), LARGE(1000); final long limit; Size(long limit) { this.limit = limit; } public boolean applies(long cents) { return cents >= limit; } } ' +
        'class Over implements Rule { public boolean applies(long cents) { return cents > total; } } ' +
        'StringBuilder seen = new StringBuilder(); ' +
        'for (Size size : Size.values()) if (size.applies($2)) seen.append(size.name().toLowerCase()).append(size.ordinal()); ' +
        'Rule any = c -> true; ' +
        'System.out.println($1 + " " + seen + " " + new Over().applies($2) + " " + any.tag() + " " + Size.SMALL.tag() + " " + Size.valueOf("LARGE").limit);',
    );
    const [rule, size] = ledger.getCompanionClasses().map((c) => c.classNode());
    expect(rule!.name).toBe('loc/Ledger$1Rule');
    // JVMS §4.1: an interface has ACC_INTERFACE and ACC_ABSTRACT, never ACC_SUPER; an enum is final, ACC_ENUM, Enum<E>.
    expect(rule!.access & 0x0620).toBe(0x0600);
    expect(size!.access & 0x4010).toBe(0x4010);
    expect(size!.signature).toBe('Ljava/lang/Enum<Lloc/Ledger$1Size;>;Lloc/Ledger$1Rule;');
    expect(size!.methods.filter((m) => m.name === '<init>').map((m) => m.desc)).toEqual(['(Ljava/lang/String;IJ)V']);
    const run = await runJava({ classpath: [writtenWithCompanions(ledger), compiled.dir], mainClass: 'loc.Ledger', verify: true });
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n')).toEqual(['rent small0 true always sometimes 1000', 'food small0 false always sometimes 1000', 'total 820', '']);
    const refused = insertingInto(compiled.dir);
    refused('long limit = $2; interface I { default long l() { return limit; } }').toThrow(/non-static variable limit cannot be referenced from a static context \(a local interface captures nothing\)/);
    refused('enum E { A; String who() { return owner; } }').toThrow(/owner cannot be referenced from a static context/);
    refused('enum E { A; E() { super(); } }').toThrow(/call to super not allowed in enum constructor/);
    refused('enum E { A; public E() { } }').toThrow(/modifier public not allowed here/);
    refused('enum E { A; abstract int m(); }').toThrow(/an enum declares abstract methods only when its constants have class bodies/);
    refused('enum E { A { int m() { return 1; } }, B; abstract int m(); }').toThrow(/enum constant B must have a class body implementing the abstract methods of E/);
    refused('enum E { A { }; abstract int m(); }').toThrow(/does not override abstract method m\(\)/);
    refused('interface A { String who(); } class AB implements A { public String who() { return A.super.who(); } }').toThrow(/abstract method who\(\) in loc.Ledger\$1A cannot be accessed directly/);
    refused('class X { } class Y extends X { public String toString() { return X.super.toString(); } }').toThrow(/not an enclosing class: loc.Ledger\$1X/);
    refused('enum E implements Runnable { A { public void run() { } }, B { } }').toThrow(/does not override abstract method run\(\) in java.lang.Runnable/);
    refused('enum E { A } Object o = new E();').toThrow(/enum classes may not be instantiated/);
    refused('interface I { int X; }').toThrow(/= expected/);
    refused('interface I { int m() { return 1; } }').toThrow(/interface abstract methods cannot have body/);
    refused('interface I { { } }').toThrow(/initializers not allowed in interfaces/);
    refused('interface I { default void m() { assert true; } }').toThrow(/assert statements in interfaces are not supported in snippets/);
    const java7 = await compileJava(SOURCES, { javacOptions: ['--release', '7'] });
    insertingInto(java7.dir)('interface I { default int m() { return 1; } }').toThrow(
      /a local interface with default, static or private methods needs class file version 52 \(Java 8\) or later; this class is version 51/,
    );
  });

  it('include local records (Java 16): implicitly static, final, with ObjectMethods and the Record attribute', async () => {
    const compiled = await compileJava(SOURCES);
    const pool = new ClassPool(true).appendClassPath(compiled.dir);
    const ledger = pool.get('loc.Ledger');
    ledger.getDeclaredMethod('add').insertBefore(
      'record Line(String what, long cents) { Line { what = what.toUpperCase(); } String text() { return what + "=" + cents; } } ' +
        'Line line = new Line($1, $2 * 100); ' +
        'System.out.println(line + " " + line.text() + " " + line.equals(new Line($1, $2 * 100)) + " " + line.getClass().isRecord() + " " + java.lang.reflect.Modifier.isStatic(line.getClass().getModifiers()));',
    );
    const record = ledger.getCompanionClasses()[0]!.classNode();
    expect(record.name).toBe('loc/Ledger$1Line');
    expect(record.superName).toBe('java/lang/Record');
    expect(record.recordComponents!.map((c) => `${c.name}:${c.descriptor}`)).toEqual(['what:Ljava/lang/String;', 'cents:J']);
    // No enclosing instance, no captured values: the canonical constructor takes the components alone.
    expect(record.methods.filter((m) => m.name === '<init>').map((m) => m.desc)).toEqual(['(Ljava/lang/String;J)V']);
    const run = await runJava({ classpath: [writtenWithCompanions(ledger), compiled.dir], mainClass: 'loc.Ledger', verify: true });
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n')).toEqual(['Line[what=RENT, cents=70000] RENT=70000 true true true', 'Line[what=FOOD, cents=12000] FOOD=12000 true true true', 'total 820', '']);
    const refused = insertingInto(compiled.dir);
    refused('long limit = $2; record R(long v) { boolean over() { return v > limit; } }').toThrow(/non-static variable limit cannot be referenced from a static context \(a local record captures nothing\)/);
    refused('record R(long v) { String who() { return owner; } }').toThrow(/owner cannot be referenced from a static context/);
    refused('record R(long v) { int extra; }').toThrow(/records cannot declare instance fields/);
    refused('record R(long v) { { System.out.println(); } }').toThrow(/instance initializers not allowed in records/);
    const old = await compileJava(SOURCES, { javacOptions: ['--release', '11'] });
    insertingInto(old.dir)('record R(long v) { }').toThrow(
      /a local record needs class file version 60 \(Java 16\) or later; this class is version 55/,
    );
  });

  it('declare static members (Java 16): constants as ConstantValue, static fields, methods and initializers, and asserts set from the top-level class', async () => {
    const compiled = await compileJava(SOURCES);
    const ledger = ledgerWith(
      compiled.dir,
      'class Tally { ' +
        '  static final int LIMIT = 5 * 100; ' +
        '  static final String TAG = "t" + LIMIT; ' +
        '  static int seen; ' +
        '  static final java.util.List<String> NAMES = new java.util.ArrayList<>(); ' +
        '  static { seen = 1000; } ' +
        '  static boolean over(long amount) { assert amount >= 0 : "negative " + amount; return amount > LIMIT; } ' +
        '} ' +
        'Tally.seen++; ' +
        'Tally.NAMES.add($1); ' +
        'Runnable check = new Runnable() { static final int ONLY_CONSTANT = 7; public void run() { System.out.println(Tally.TAG + " " + Tally.seen + " " + Tally.over($2) + " " + Tally.NAMES + " " + ONLY_CONSTANT); } }; ' +
        'check.run(); ' +
        'try { Tally.over(-$2); System.out.println("no assert"); } catch (AssertionError e) { System.out.println(e.getMessage()); }',
    );
    const [tally, check] = ledger.getCompanionClasses().map((c) => c.classNode());
    // Constant variables (JLS §4.12.4) get a ConstantValue and no code; the others are set by <clinit>.
    expect(tally!.fields.map((f) => `${f.name}=${f.value ?? ''}:${f.access & 0x1018}`)).toEqual(['this$0=:4112', 'LIMIT=500:24', 'TAG=t500:24', 'seen=:8', 'NAMES=:24', '$assertionsDisabled=:4120']);
    expect(tally!.methods.map((m) => m.name)).toEqual(['over', '<init>', '<clinit>']);
    expect(check!.methods.map((m) => m.name)).not.toContain('<clinit>');
    const classes = writtenWithCompanions(ledger);
    const lines = async (jvmArgs: string[]) => {
      const run = await runJava({ classpath: [classes, compiled.dir], mainClass: 'loc.Ledger', verify: true, jvmArgs });
      expect(run.stderr).toBe('');
      return run.stdout.split('\n');
    };
    const printed = ['t500 1001 true [rent] 7', 'negative -700', 't500 1002 false [rent, food] 7', 'negative -120', 'total 820', ''];
    // -ea:loc.Ledger enables the local class's asserts too: javac's flag asks the top-level class.
    expect(await lines(['-ea:loc.Ledger'])).toEqual(printed);
    expect(await lines([])).toEqual(printed.map((line) => (line.startsWith('negative') ? 'no assert' : line)));
  });

  it('travel with their class through a source transform, offline and in the agent', async () => {
    const compiled = await compileJava(SOURCES);
    const snippet = 'class Audit { String line() { return "audit " + $1 + " " + $2; } } System.out.println(new Audit().line());';
    await withInsertBeforeTransform('loc.Ledger', 'add', snippet, async (transformFile) => {
      const expected = ['audit rent 700', 'audit food 120', 'total 820', ''];
      const transformed = await transformClasses(compiled, transformFile);
      expect([...transformed.classes.keys()]).toContain('loc/Ledger$1Audit');
      const offline = await runJava({ classpath: transformed, mainClass: 'loc.Ledger', verify: true });
      expect(offline.stdout.split('\n')).toEqual(expected);
      if (BUILT_CLI !== null) expect(await agentRunLines(BUILT_CLI, transformFile, compiled.dir, 'loc.Ledger')).toEqual(expected);
    });
  });
});
