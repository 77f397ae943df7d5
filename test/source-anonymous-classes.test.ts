// Anonymous classes in classforge/source snippets (JLS §15.9.5; Javassist's compiler refuses them): what the
// javac oracle over static bodies (source-compiler-javac.test.ts, t74–t76) cannot show — the enclosing instance
// and its private members, $ variables, the class file's nest and InnerClasses as reflection sees them, names
// after javac's own anonymous classes, javac's refusals, a failed snippet taking its class back, and the class
// travelling with its enclosing class through `classforge transform`, transformClasses and the agent.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Opcodes } from '../src/asm/opcodes.js';
import { ClassPool, CtField, CtNewMethod, ExprEditor, type MethodCall } from '../src/source/index.js';
import { compileJava, runJava, transformClasses } from '../src/testing/index.js';
import { agentRunLines, BUILT_CLI, withInsertBeforeTransform } from './support/snippet-transform.js';
import { writtenWithCompanions } from './support/written-classes.js';

const SOURCES = {
  'anon/Shop.java': `package anon;
    import java.util.*;
    public class Shop {
      private final String name;
      private int sales;
      private static int shops;
      public Shop(String name) { this.name = name; shops++; }
      private String label(String item) { return name + ":" + item; }
      public int sell(String item, int quantity) {
        sales += quantity;
        return sales;
      }
      /** javac's own anonymous class: Shop$1 is taken. */
      public Runnable report() { return new Runnable() { public void run() { System.out.println("report " + sales); } }; }
      public static void main(String[] args) {
        Shop shop = new Shop("corner");
        shop.sell("tea", 2);
        shop.sell("milk", 3);
        shop.report().run();
        System.out.println(Nested.Inner.hello());
      }
    }`,
  'anon/Nested.java': `package anon;
    public class Nested {
      private static String secret() { return "nested secret"; }
      public static String open() { return "open"; }
      public static class Inner {
        public static String hello() { return "hello"; }
      }
    }`,
  'anon/Task.java': `package anon;
    public abstract class Task {
      protected final String title;
      protected Task(String title) { this.title = title; describe(); }
      /** Called by the constructor: an override sees the anonymous class's captured values already set. */
      protected void describe() {}
      public abstract String run(int times);
    }`,
};

describe('anonymous classes in snippets', () => {
  it('reach the enclosing instance, its private members and the $ variables, and are nestmates as javac makes them', async () => {
    const compiled = await compileJava(SOURCES, { javacOptions: ['-g'] });
    const pool = new ClassPool(true).appendClassPath(compiled.dir);
    const shop = pool.get('anon.Shop');
    const sell = shop.getDeclaredMethod('sell');
    sell.insertBefore(
      'final int before = sales; ' +
        'anon.Task task = new anon.Task("sale of " + $1) { ' +
        '  String seen; ' +
        '  protected void describe() { seen = "described " + title + " x" + quantity + " in " + name; } ' +
        '  public String run(int times) { return label($1) + " x" + $2 * times + " after " + before + " (" + seen + ") shops " + shops + " " + Shop.this.sales; } ' +
        '}; ' +
        'System.out.println(task.run(10)); ' +
        'Class k = task.getClass(); ' +
        'System.out.println(k.getName() + " anonymous " + k.isAnonymousClass() + " in " + k.getEnclosingMethod().getName() + " host " + k.getNestHost().getSimpleName() + " " + java.util.Arrays.toString(Shop.class.getNestMembers()).contains(k.getName()));',
    );
    sell.insertAfter('Runnable after = new Runnable() { public void run() { System.out.println("sold " + $1 + " total " + $_ + " of " + $0.name); } }; after.run();');
    // javac's Shop$1 is taken: ours are Shop$2 and Shop$3, listed in Shop's InnerClasses and NestMembers.
    expect(shop.getCompanionClasses().map((c) => c.getName())).toEqual(['anon.Shop$2', 'anon.Shop$3']);
    const node = shop.classNode();
    expect(node.nestMembers).toEqual(expect.arrayContaining(['anon/Shop$2', 'anon/Shop$3']));
    expect(node.innerClasses.map((entry) => entry.name)).toEqual(expect.arrayContaining(['anon/Shop$1', 'anon/Shop$2', 'anon/Shop$3']));
    const task = shop.getCompanionClasses()[0]!.classNode();
    expect(task.superName).toBe('anon/Task');
    expect(task.outerClass).toBe('anon/Shop');
    expect([task.outerMethod, task.outerMethodDesc]).toEqual(['sell', '(Ljava/lang/String;I)I']);
    expect(task.fields.filter((f) => (f.access & Opcodes.ACC_SYNTHETIC) !== 0).map((f) => f.name)).toEqual(['this$0', 'val$quantity', 'val$$1', 'val$$2', 'val$before']);
    const run = await runJava({ classpath: [writtenWithCompanions(shop), compiled.dir], mainClass: 'anon.Shop', verify: true });
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n')).toEqual([
      'corner:tea x20 after 0 (described sale of tea x2 in corner) shops 1 0',
      'anon.Shop$2 anonymous true in sell host Shop true',
      'sold tea total 2 of corner',
      'corner:milk x30 after 2 (described sale of milk x3 in corner) shops 1 2',
      'anon.Shop$2 anonymous true in sell host Shop true',
      'sold milk total 5 of corner',
      'report 5',
      'hello',
      '',
    ]);
  });

  it('compile in every place a snippet goes: insertAfter, addCatch, ExprEditor replacements, field initializers, new methods', async () => {
    const compiled = await compileJava({
      'p/A.java': `package p;
        public class A {
          int f(int x) { if (x > 1) return x * 2; try { return x + 1; } finally { System.out.println("fin"); } }
          int g(String s) { return s.length() + Integer.parseInt("7"); }
          int h(String s) { return Integer.parseInt(s); }
          public static void main(String[] a) {
            A o = new A();
            System.out.println(o.f(1) + " " + o.f(5) + " " + o.g("ab"));
            try { o.h("x"); } catch (NumberFormatException e) { System.out.println("rethrown"); }
          }
        }`,
    });
    const pool = new ClassPool(true).appendClassPath(compiled.dir);
    const a = pool.get('p.A');
    a.getDeclaredMethod('f').insertAfter('Runnable r = new Runnable() { public void run() { System.out.println("after " + $_ + " of " + $1); } }; r.run();');
    a.getDeclaredMethod('h').addCatch('{ Runnable r = new Runnable() { public void run() { System.out.println("caught " + $e.getClass().getSimpleName()); } }; r.run(); throw $e; }', pool.get('java.lang.RuntimeException'));
    a.getDeclaredMethod('g').instrument(
      new (class extends ExprEditor {
        override editMethodCall(call: MethodCall): void {
          if (call.getMethodName() === 'parseInt') call.replace('{ java.util.function.IntSupplier s = new java.util.function.IntSupplier() { public int getAsInt() { return 40 + $1.length(); } }; $_ = s.getAsInt(); }');
        }
      })(),
    );
    a.addField(CtField.make('Object tag = new Object() { public String toString() { return "tag"; } };', a));
    a.addMethod(CtNewMethod.make('public String tagged() { return new Object() { public String toString() { return "m" + tag; } }.toString(); }', a));
    a.getDeclaredMethod('main').insertAfter('System.out.println(new p.A().tagged());');
    const classes = writtenWithCompanions(a);
    expect([...classes.keys()]).toEqual(['p/A', 'p/A$1', 'p/A$2', 'p/A$3', 'p/A$4', 'p/A$5']);
    const run = await runJava({ classpath: [classes, compiled.dir], mainClass: 'p.A', verify: true });
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n')).toEqual(['fin', 'after 2 of 1', 'after 10 of 5', '2 10 43', 'caught NumberFormatException', 'rethrown', 'mtag', '']);
  });

  // A Javassist port writes the edited class with writeFile and knows nothing of companion classes: the anonymous
  // class must be written beside it, or the class fails with NoClassDefFoundError where the snippet runs.
  it('are written beside their class by writeFile', async () => {
    const compiled = await compileJava(SOURCES);
    const shop = new ClassPool(true).appendClassPath(compiled.dir).get('anon.Shop');
    shop.getDeclaredMethod('sell').insertBefore('Runnable r = new Runnable() { public void run() { System.out.println("selling " + $1); } }; r.run();');
    // A field initializer's class is made when the class is written (its initializer is compiled then): written too.
    shop.addField(CtField.make('Runnable hook = new Runnable() { public void run() { } };', shop));
    const out = mkdtempSync(join(tmpdir(), 'classforge-writefile-'));
    try {
      await shop.writeFile(out);
      expect(readdirSync(join(out, 'anon')).sort()).toEqual(['Shop$2.class', 'Shop$3.class', 'Shop.class']);
      const run = await runJava({ classpath: [out, compiled.dir], mainClass: 'anon.Shop', verify: true });
      expect(run.stderr).toBe('');
      expect(run.stdout).toContain('selling tea\nselling milk\n');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  // Their own hidden fields (this$0, val$x) are no names in their code, as javac's are not: in a snippet of javac's
  // inner class Outer$Inner, `this$0` is the edited class's (Outer), not the anonymous class's (Outer$Inner).
  it("leave the edited class's synthetic fields to its names: this$0 in an inner class's snippet is still its outer instance", async () => {
    const compiled = await compileJava({
      'p/Outer.java': `package p;
        public class Outer { public String toString() { return "OUTER"; }
          class Inner { public String toString() { return "INNER"; } void g() { System.out.println("g"); } }
          String h() { return String.valueOf(1); }
          public static void main(String[] a) { new Outer().new Inner().g(); } }`,
    });
    const pool = new ClassPool(true).appendClassPath(compiled.dir);
    const inner = pool.get('p.Outer$Inner');
    inner.getDeclaredMethod('g').insertBefore(
      'Runnable r = new Runnable() { public void run() { System.out.println("anon " + this$0); } }; r.run(); ' +
        'class L { void p() { System.out.println("local " + this$0); } } new L().p();',
    );
    const run = await runJava({ classpath: [writtenWithCompanions(inner), compiled.dir], mainClass: 'p.Outer', verify: true });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('anon OUTER\nlocal OUTER\ng\n');
    // $proceed belongs to the replacement's own code, not to a class body in it.
    const a = pool.get('p.Outer');
    expect(() =>
      a.getDeclaredMethod('h').instrument(
        new (class extends ExprEditor {
          override editMethodCall(call: MethodCall): void {
            call.replace('{ Runnable r = new Runnable() { public void run() { $proceed($$); } }; $_ = $proceed($$); }');
          }
        })(),
      ),
    ).toThrow(/\$proceed cannot be used inside an anonymous or local class body \(call it in the replacement's own code\)/);
  });

  // javac compiles a field initializer once: its anonymous class (and lambda) is one class however many constructors
  // run it, enclosed by no method (JVMS §4.7.7). The code is copied into each constructor with its locals moved to
  // that constructor's free slots; an initializer reading a constructor's parameters ($1) is compiled per constructor.
  it('in a field initializer are one class however many constructors run it', async () => {
    const compiled = await compileJava({
      'p/A.java': `package p;
        public class A { int n;
          public A() { }
          public A(long big, String s) { n = s.length(); }
          public A(String s) { this(0L, s); }
          public static void main(String[] a) { for (A o : new A[] { new A(), new A(1L, "abc"), new A("xy") }) System.out.println(o.describe()); } 
          String describe() { return null; } }`,
      'p/B.java': `package p;
        public class B { public B(int x) { } public B(long y, int x) { }
          public static void main(String[] a) { System.out.println(new B(4).toString() + " " + new B(9L, 5)); } }`,
    });
    const pool = new ClassPool(true).appendClassPath(compiled.dir);
    const a = pool.get('p.A');
    a.addField(CtField.make('Object tag = new Object() { public String toString() { return "tag" + n; } };', a));
    a.addField(CtField.make('java.util.function.IntSupplier twice = switch (n + 1) { case 1 -> { int k = 21; String w = "w"; yield () -> k * 2 + w.length(); } default -> () -> -1; };', a));
    a.getDeclaredMethod('describe').setBody('{ Class c = tag.getClass(); return tag + " " + c.getName() + " " + twice.getAsInt() + " " + (c.getEnclosingConstructor() == null) + " " + c.getEnclosingClass().getSimpleName(); }');
    const classes = writtenWithCompanions(a);
    expect([...classes.keys()]).toEqual(['p/A', 'p/A$1']);
    expect(a.classNode().methods.filter((m) => m.name.startsWith('lambda$')).map((m) => m.name)).toEqual(['lambda$new$0', 'lambda$new$1']);
    const run = await runJava({ classpath: [classes, compiled.dir], mainClass: 'p.A', verify: true });
    expect(run.stderr).toBe('');
    // n is 0 when the initializers run (before the constructor bodies): all three take the first arm.
    expect(run.stdout).toBe('tag0 p.A$1 43 true A\ntag3 p.A$1 43 true A\ntag2 p.A$1 43 true A\n');
    const b = pool.get('p.B');
    b.addField(CtField.make('String first = "first " + $1;', b));
    b.addMethod(CtNewMethod.make('public String toString() { return first; }', b));
    const runB = await runJava({ classpath: [writtenWithCompanions(b), compiled.dir], mainClass: 'p.B', verify: true });
    expect(runB.stderr).toBe('');
    expect(runB.stdout).toBe('first 4 first 9\n');
  });

  // CtConstructor.insertBefore puts the code before super(…) (as Javassist's), where this is uninitialized (JVMS
  // §4.10.1.9): an anonymous class made there has no enclosing instance, and the snippet may only assign the class's
  // own fields. Found by bench/source-sweep.mjs --anonymous --link: every constructor's class failed verification.
  it('made before a constructor\'s super(…) call have no enclosing instance, and this is refused there', async () => {
    const compiled = await compileJava({
      'p/A.java': `package p;
        public class A { int n; static int s; public A() { super(); } public String toString() { return "A" + n + s; }
          public static void main(String[] a) { System.out.println(new A()); } }`,
    });
    const runWith = async (snippet: string) => {
      const a = new ClassPool(true).appendClassPath(compiled.dir).get('p.A');
      a.getDeclaredConstructors()[0]!.insertBefore(snippet);
      const run = await runJava({ classpath: [writtenWithCompanions(a), compiled.dir], mainClass: 'p.A', verify: true });
      expect(run.stderr).toBe('');
      return { stdout: run.stdout, companions: a.getCompanionClasses() };
    };
    const made = await runWith('Runnable r = new Runnable() { public void run() { System.out.println("anon " + s); } }; r.run(); n = 5; $0.n = 6;');
    expect(made.stdout).toBe('anon 0\nA60\n');
    expect(made.companions[0]!.classNode().fields.map((f) => f.name)).toEqual([]);
    const refused = (snippet: string) => expect(() => new ClassPool(true).appendClassPath(compiled.dir).get('p.A').getDeclaredConstructors()[0]!.insertBefore(snippet));
    for (const snippet of ['n += 1;', 'System.out.println(toString());', 'System.out.println($0);', 'Runnable r = () -> System.out.println(n);']) {
      refused(snippet).toThrow(/cannot reference this before supertype constructor has been called/);
    }
    refused('Runnable r = new Runnable() { public void run() { System.out.println(n); } };').toThrow(/cannot reference n before supertype constructor has been called/);
  });

  it('subclass inner classes, their enclosing instance passed to the superclass constructor (implicit or outer.new)', async () => {
    const compiled = await compileJava({
      'p/Till.java': `package p;
        public class Till {
          private final String name;
          public Till(String name) { this.name = name; }
          public class Line {
            final String item;
            public Line(String item) { this.item = item; }
            public String text() { return name + ":" + item; }
          }
          public String ring(String item) { return new Line(item).text(); }
          public static void main(String[] args) { System.out.println(new Till("a").ring("tea")); }
        }`,
    });
    const till = new ClassPool(true).appendClassPath(compiled.dir).get('p.Till');
    till.getDeclaredMethod('ring').insertBefore(
      'Line boxed = new Line($1) { public String text() { return "[" + super.text() + "]"; } }; ' +
        'Till other = new Till("b"); ' +
        'Line theirs = other.new Line($1 + "!") { public String text() { return "<" + super.text() + " in " + name + ">"; } }; ' +
        'System.out.println(boxed.text() + " " + theirs.text());',
    );
    const run = await runJava({ classpath: [writtenWithCompanions(till), compiled.dir], mainClass: 'p.Till', verify: true });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('[a:tea] <b:tea! in a>\na:tea\n');
  });

  it("implement generic supertypes over the enclosing class's and method's type variables, with bridges", async () => {
    const compiled = await compileJava({
      'p/A.java': `package p;
        import java.util.*;
        public class A<E> { List<E> items = new ArrayList<>();
          <T extends Comparable<T>> T max(List<T> list) { return Collections.max(list); }
          int count(E e) { items.add(e); return items.size(); }
          public static void main(String[] a) { A<String> x = new A<>(); System.out.println(x.max(List.of(3, 9, 4)) + " " + x.count("q")); } }`,
    });
    const pool = new ClassPool(true).appendClassPath(compiled.dir);
    pool.importPackage('java.util');
    const a = pool.get('p.A');
    a.getDeclaredMethod('max').insertBefore(
      'Iterator<T> it = new Iterator<T>() { int i = 0; public boolean hasNext() { return i < $1.size(); } public T next() { return $1.get(i++); } }; ' +
        'T best = null; while (it.hasNext()) { T t = it.next(); if (best == null || t.compareTo(best) > 0) best = t; } ' +
        'Comparator<T> c = new Comparator<T>() { public int compare(T x, T y) { return y.compareTo(x); } }; ' +
        'List<T> copy = new ArrayList<>($1); copy.sort(c); ' +
        'System.out.println("best " + best + " sorted " + copy);',
    );
    a.getDeclaredMethod('count').insertBefore(
      'Map.Entry<String, E> entry = new AbstractMap.SimpleEntry<String, E>("k", $1) { public E setValue(E v) { return getValue(); } }; ' +
        'entry.setValue($1); ' +
        'java.util.function.Function<E, String> f = new java.util.function.Function<E, String>() { public String apply(E e) { return "f(" + e + ")" + items.size(); } }; ' +
        'System.out.println(entry + " " + f.apply($1));',
    );
    const run = await runJava({ classpath: [writtenWithCompanions(a), compiled.dir], mainClass: 'p.A', verify: true });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('best 9 sorted [9, 4, 3]\nk=q f(q)0\n9 1\n');
  });

  it("are refused where javac refuses them, with javac's words", async () => {
    const compiled = await compileJava(SOURCES);
    const pool = new ClassPool(true).appendClassPath(compiled.dir);
    const sell = pool.get('anon.Shop').getDeclaredMethod('sell');
    const refused = (snippet: string) => expect(() => sell.insertBefore(snippet));
    refused('int n = 1; n++; Runnable r = new Runnable() { public void run() { System.out.println(n); } };').toThrow(
      /local variables referenced from an inner class must be final or effectively final \(n is assigned\)/,
    );
    refused('int n = 1; Runnable r = new Runnable() { public void run() { n = 2; } };').toThrow(/local variables referenced from an inner class must be final or effectively final \(n is assigned in the class body\)/);
    refused('Runnable r = new Runnable() { public void walk() { } };').toThrow(/<anonymous anon.Shop\$2> is not abstract and does not override abstract method run\(\) in java.lang.Runnable/);
    refused('anon.Task t = new anon.Task("x") { };').toThrow(/does not override abstract method run\(int\) in anon.Task/);
    refused('Object o = new String("x") { };').toThrow(/cannot inherit from final java.lang.String/);
    refused('Runnable r = new Runnable("x") { public void run() { } };').toThrow(/anonymous class implements interface; cannot have arguments/);
    refused('String who = $1; Runnable r = new Runnable() { static String w() { return who; } public void run() { } };').toThrow(/non-static variable who cannot be referenced from a static context/);
    refused('Runnable r = new Runnable() { static int n() { return sales; } public void run() { } };').toThrow(/cannot be referenced from a static context/);
    refused('Runnable r = new Runnable() { public void run() { } public void run() { } };').toThrow(/method run is already defined in <anonymous anon.Shop\$2>/);
    refused('Runnable r = new Runnable() { public void run() { System.out.println($args.length); } };').toThrow(/\$args is not available inside an anonymous class body/);
    // Nothing was left behind by the refused snippets.
    expect(pool.get('anon.Shop').getCompanionClasses()).toEqual([]);
    expect(pool.getOrNull('anon.Shop$2')).toBeNull();
  });

  it('take their class back when the snippet does not compile', async () => {
    const compiled = await compileJava(SOURCES);
    const pool = new ClassPool(true).appendClassPath(compiled.dir);
    const shop = pool.get('anon.Shop');
    const innerClasses = shop.classNode().innerClasses.length;
    expect(() => shop.getDeclaredMethod('sell').insertBefore('Runnable ok = new Runnable() { public void run() { } }; undefinedCall();')).toThrow(/cannot find method undefinedCall\(\)/);
    expect(shop.getCompanionClasses()).toEqual([]);
    expect(pool.getOrNull('anon.Shop$2')).toBeNull();
    expect(shop.classNode().innerClasses.length).toBe(innerClasses);
    expect(shop.classNode().nestMembers ?? []).not.toContain('anon/Shop$2');
    // The name is free again for the next snippet.
    shop.getDeclaredMethod('sell').insertBefore('Runnable ok = new Runnable() { public void run() { } }; ok.run();');
    expect(shop.getCompanionClasses().map((c) => c.getName())).toEqual(['anon.Shop$2']);
  });

  it("refuse another class's private members where the class cannot be a nestmate (a nested class's snippet, class files before 55)", async () => {
    const compiled = await compileJava(SOURCES);
    const pool = new ClassPool(true).appendClassPath(compiled.dir);
    // Nested$Inner's nest host is Nested, which the snippet does not change: Nested$Inner$1 cannot join the nest.
    const inner = pool.get('anon.Nested$Inner');
    expect(() => inner.getDeclaredMethod('hello').insertBefore('Runnable r = new Runnable() { public void run() { System.out.println(anon.Nested.secret()); } };')).toThrow(
      /secret\(\) is private in anon.Nested: the anonymous class cannot join the nest of anon.Nested, whose NestMembers a snippet of anon.Nested.Inner does not change/,
    );
    // Its public members are fine.
    inner.getDeclaredMethod('hello').insertBefore('Runnable r = new Runnable() { public void run() { System.out.println("from " + anon.Nested.open()); } }; r.run();');
    const run = await runJava({ classpath: [writtenWithCompanions(inner), compiled.dir], mainClass: 'anon.Shop', verify: true });
    expect(run.stdout).toContain('from open\nhello\n');

    const old = await compileJava(SOURCES, { javacOptions: ['--release', '8'] });
    const oldShop = new ClassPool(true).appendClassPath(old.dir).get('anon.Shop');
    expect(() => oldShop.getDeclaredMethod('sell').insertBefore('Runnable r = new Runnable() { public void run() { System.out.println(sales); } };')).toThrow(
      /sales is private in anon.Shop: reaching it from another class of its nest needs class file version 55/,
    );
    oldShop.getDeclaredMethod('sell').insertBefore('final String what = $1; Runnable r = new Runnable() { public void run() { System.out.println("old " + what); } }; r.run();');
    expect(oldShop.getCompanionClasses()[0]!.classNode().version).toBe(Opcodes.V1_8);
    const oldRun = await runJava({ classpath: [writtenWithCompanions(oldShop), old.dir], mainClass: 'anon.Shop', verify: true });
    expect(oldRun.stdout).toContain('old tea\nold milk\nreport 5\n');
  });

  it('travel with their class through classforge transform, transformClasses and the agent', async () => {
    const compiled = await compileJava(SOURCES);
    const snippet =
      'java.util.function.Supplier<String> audit = new java.util.function.Supplier<String>() { public String get() { return "audit " + $1 + " by " + name; } }; ' +
      'System.out.println(audit.get());';
    await withInsertBeforeTransform('anon.Shop', 'sell', snippet, async (transformFile, directory) => {
      const expected = ['audit tea by corner', 'audit milk by corner', 'report 5', 'hello', ''];
      const transformed = await transformClasses(compiled, transformFile);
      expect(transformed.changed).toEqual(['anon/Shop']);
      expect([...transformed.classes.keys()]).toContain('anon/Shop$2');
      const offline = await runJava({ classpath: transformed, mainClass: 'anon.Shop', verify: true });
      expect(offline.stdout.split('\n')).toEqual(expected);
      if (BUILT_CLI !== null) {
        const out = join(directory, 'out');
        await promisify(execFile)(process.execPath, [BUILT_CLI, 'transform', compiled.dir, '-o', out, '-t', transformFile]);
        expect(existsSync(join(out, 'anon', 'Shop$2.class'))).toBe(true);
        const cli = await runJava({ classpath: out, mainClass: 'anon.Shop', verify: true });
        expect(cli.stdout.split('\n')).toEqual(expected);
        // In the agent, the shim defines Shop$2 with Shop's loader as Shop loads.
        expect(await agentRunLines(BUILT_CLI, transformFile, compiled.dir, 'anon.Shop')).toEqual(expected);
      }
    });
  });
});
