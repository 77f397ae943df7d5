// classforge/source's edits end to end: the README's example, and each kind of edit on javac output,
// run under -Xverify:all; compile errors name the method and the snippet position.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CannotCompileException,
  ClassPool,
  CtClass,
  CtField,
  CtNewConstructor,
  CtNewMethod,
  ExprEditor,
  type FieldAccess,
  type Handler,
  type MethodCall,
  type NewExpr,
  Modifier,
} from '../src/source/index.js';
import { compileJava, runJava } from '../src/testing/index.js';
import { ClassWriter } from '../src/asm/class-writer.js';
import { Label } from '../src/asm/label.js';
import { Opcodes } from '../src/asm/opcodes.js';

const ACCOUNT = {
  'com/acme/Account.java': `package com.acme;
    public class Account {
      private long balance;
      private final String owner;
      public Account(String owner) { this.owner = owner; }
      public Account() { this("nobody"); }
      public long deposit(long amount) {
        balance += amount;
        return balance;
      }
      public long stamp() { return System.currentTimeMillis(); }
      public String toString() { return owner + ":" + balance; }
      public int risky(int x) {
        try {
          return 10 / x;
        } catch (ArithmeticException e) {
          return -1;
        }
      }
      public static void main(String[] args) {
        Account a = new Account("ann");
        System.out.println(a.deposit(5));
        System.out.println(a.deposit(-10) + " " + a.stamp());
        System.out.println(new Account() + " " + a.risky(0) + " " + a.risky(5));
      }
    }`,
};

async function run(pool: ClassPool, className: string, dir: string): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const bytes = pool.get(className).toBytecode();
  return runJava({ classpath: [new Map([[className.replace(/\./g, '/'), bytes]]), dir], mainClass: className, verify: true });
}

describe('classforge/source edits', () => {
  it('the README example', async () => {
    const program = await compileJava(ACCOUNT);
    const pool = new ClassPool(true).appendClassPath(program.dir);
    const account = pool.get('com.acme.Account');
    const deposit = account.getDeclaredMethod('deposit');
    deposit.insertBefore('System.out.println("deposit " + $1 + " into " + $0);');
    deposit.insertAfter('{ if ($_ < 0) throw new IllegalStateException("overdrawn: " + $_); }');
    account.addField(CtField.make('private static int calls = 0;', account));
    account.addMethod(CtNewMethod.make('public static int calls() { return calls; }', account));
    account.instrument(
      new (class extends ExprEditor {
        override editMethodCall(call: MethodCall) {
          if (call.getMethodName() === 'currentTimeMillis') call.replace('{ $_ = 0L; }');
        }
      })(),
    );
    const result = await run(pool, 'com.acme.Account', program.dir);
    expect(result.stdout).toBe('deposit 5 into ann:0\n5\ndeposit -10 into ann:5\n');
    expect(result.stderr).toContain('java.lang.IllegalStateException: overdrawn: -5');
  });

  it('insertBeforeBody, CtNewConstructor, insertAt, field and new replacements, Handler.insertBefore', async () => {
    const program = await compileJava(ACCOUNT);
    const pool = new ClassPool(true).appendClassPath(program.dir);
    const account = pool.get('com.acme.Account');
    const [withOwner, noArgs] = [account.getDeclaredConstructor([pool.get('java.lang.String')]), account.getDeclaredConstructor([])];
    account.addMethod(CtNewMethod.make('static boolean callsSuperCheck() { return false; }', account));
    withOwner.insertBeforeBody('System.out.println("new account of " + $1 + ", this() call: " + !callsSuperCheck());');
    expect(withOwner.callsSuper()).toBe(true);
    expect(noArgs.callsSuper()).toBe(false);
    account.addConstructor(CtNewConstructor.make('public Account(long start) { this("gift"); balance = start * 2; }', account));
    const risky = account.getDeclaredMethod('risky');
    // The line of `return 10 / x;` is the method's first line.
    const line = risky.insertAt(0, '$1 = $1 + 0;', false);
    expect(risky.insertAt(line, 'System.out.println("risky(" + $1 + ")");')).toBe(line);
    account.getDeclaredMethod('main').instrument(
      new (class extends ExprEditor {
        override editNewExpr(expression: NewExpr) {
          if (expression.getSignature() === '()V') expression.replace('{ $_ = new com.acme.Account(21L); }');
        }
      })(),
    );
    // An object with some of ExprEditor's methods works as well as a subclass.
    account.getDeclaredMethod('toString').instrument({
      editFieldAccess(access: FieldAccess) {
        if (access.getFieldName() === 'owner') access.replace('{ $_ = ($proceed()).toUpperCase(); }');
      },
    });
    risky.instrument(
      new (class extends ExprEditor {
        override editHandler(handler: Handler) {
          handler.insertBefore('System.out.println("caught " + $1.getMessage());');
        }
      })(),
    );
    const result = await run(pool, 'com.acme.Account', program.dir);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      [
        'new account of ann, this() call: true',
        '5',
        '-5 ' + result.stdout.split('\n')[2]!.split(' ')[1],
        'new account of gift, this() call: true',
        'risky(0)',
        'caught / by zero',
        'risky(5)',
        'GIFT:42 -1 2',
        '',
      ].join('\n'),
    );
  });

  it('the wrapping idiom (CtNewMethod.copy, setBody calling the copy with $$) and hasAnnotation', async () => {
    const program = await compileJava({
      ...ACCOUNT,
      'com/acme/Audited.java': 'package com.acme; @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME) public @interface Audited {}',
      'com/acme/Tag.java': `package com.acme;
        import java.lang.annotation.*;
        @Retention(RetentionPolicy.RUNTIME) public @interface Tag {
          String name(); int weight() default 3; long big() default 1L << 40; char c() default 'x';
          Class<?> type() default Object.class; RetentionPolicy policy() default RetentionPolicy.CLASS;
          String[] labels() default {"a", "b"}; double ratio() default 0.5; Retention meta() default @Retention(RetentionPolicy.SOURCE);
        }`,
      'com/acme/Teller.java': `package com.acme;
        @Audited public class Teller {
          @Audited @Deprecated @Tag(name = "t", weight = 9, labels = {}) public long pay(Account a, long amount) { return a.deposit(amount); }
          public static void main(String[] args) { System.out.println(new Teller().pay(new Account("t"), 7)); }
        }`,
    });
    const pool = new ClassPool(true).appendClassPath(program.dir);
    const teller = pool.get('com.acme.Teller');
    const pay = teller.getDeclaredMethod('pay');
    expect(teller.hasAnnotation('com.acme.Audited')).toBe(true);
    expect(pay.hasAnnotation('com.acme.Audited')).toBe(true);
    expect(pay.hasAnnotation('java.lang.Deprecated')).toBe(true);
    expect(teller.getDeclaredMethod('main').hasAnnotation('com.acme.Audited')).toBe(false);
    expect(pay.getAnnotation('com.acme.Tag')).toEqual({
      name: 't', weight: 9, big: 1099511627776n, c: 'x', type: 'java.lang.Object', policy: 'CLASS', labels: [], ratio: 0.5,
      meta: { value: 'SOURCE' },
    });
    expect(teller.getAnnotation('com.acme.Audited')).toEqual({});
    expect(teller.getAnnotation('com.acme.Tag')).toBeNull();
    teller.addMethod(CtNewMethod.copy(pay, 'pay$impl', teller));
    pay.setBody('{ System.out.println("paying " + $2); try { return pay$impl($$); } finally { System.out.println("paid"); } }');
    const result = await run(pool, 'com.acme.Teller', program.dir);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('paying 7\npaid\n7\n');
  });

  it('addLocalVariable: the timing idiom of Javassist tutorials', async () => {
    const program = await compileJava(ACCOUNT);
    const pool = new ClassPool(true).appendClassPath(program.dir);
    const deposit = pool.get('com.acme.Account').getDeclaredMethod('deposit');
    deposit.addLocalVariable('started', CtClass.longType);
    deposit.addLocalVariable('label', pool.get('java.lang.String'));
    // Each insertBefore goes before the code already there: the assignments run first.
    deposit.insertBefore('System.out.print("[" + label + "] ");');
    deposit.insertBefore('{ started = System.nanoTime(); label = "deposit(" + $1 + ")"; }');
    deposit.insertAfter('{ long took = System.nanoTime() - started; System.out.println(label + (took >= 0 ? " timed" : " ?")); }');
    const result = await run(pool, 'com.acme.Account', program.dir);
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n').slice(0, 3)).toEqual(['[deposit(5)] deposit(5) timed', '5', '[deposit(-10)] deposit(-10) timed']);
  });

  it('reports compile errors with the method and the position in the snippet', async () => {
    const program = await compileJava(ACCOUNT);
    const pool = new ClassPool(true).appendClassPath(program.dir);
    const deposit = pool.get('com.acme.Account').getDeclaredMethod('deposit');
    const attempt = (source: string) => () => deposit.insertBefore(source);
    expect(attempt('depositt($1);')).toThrow(CannotCompileException);
    expect(attempt('depositt($1);')).toThrow('com.acme.Account.deposit(long): cannot find method depositt(long) in com.acme.Account (line 1, column 1)');
    expect(attempt('int x = "s";')).toThrow('incompatible types: java.lang.String cannot be converted to int (line 1, column 9)');
    expect(attempt('{ System.out.println($3); }')).toThrow('$3 is not available here (there is 1 parameter)');
    expect(attempt('System.out.println(1)')).toThrow(/line 1, column \d+: expected ';'/);
    expect(attempt('Strin g = null;')).toThrow('cannot find symbol: class Strin');
    expect(() => deposit.addCatch('{ System.out.println($e); }', pool.get('java.lang.Exception'))).toThrow('must end with a return or throw statement');
    expect(() => deposit.addCatch('{ return 0L; }', pool.get('java.lang.String'))).toThrow('incompatible types: java.lang.String cannot be converted to java.lang.Throwable');
    expect(() => CtNewMethod.make('public int f() { }', pool.get('com.acme.Account'))).toThrow('missing return statement');
    const account = pool.get('com.acme.Account');
    expect(() => account.getDeclaredMethod('stamp').setBody('{ return nope; }')).toThrow('cannot find symbol: variable nope');
    expect(() => account.addField(CtField.make('private int broken = nope + 1;', account))).toThrow('cannot find symbol: variable nope');
    expect(account.getDeclaredFields().map((field) => field.getName())).toEqual(['balance', 'owner']);
    // An ExprEditor's error names the expression it was replacing and its line.
    const replaceWith = (source: string) => () =>
      account.getDeclaredMethod('main').instrument(
        new (class extends ExprEditor {
          override editMethodCall(call: MethodCall) {
            if (call.getMethodName() === 'deposit') call.replace(source);
          }
        })(),
      );
    expect(replaceWith('$_ = $proceed();')).toThrow(/^com\.acme\.Account\.main\(java\.lang\.String\[\]\), replacing the call com\.acme\.Account\.deposit\(long\) at line \d+: \$proceed takes 1 argument/);
    expect(replaceWith('System.out.println();')).toThrow('the resulting value is not stored in $_ (a method call of type long)');
    // Nothing was half-done: the class still writes, and runs as before.
    const result = await run(pool, 'com.acme.Account', program.dir);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^5\n-5 \d{10,}\nnobody:0 -1 2\n$/);
  });

  it('edits a method whose parameter types are missing from the pool (names come from the descriptor)', async () => {
    const program = await compileJava({
      'gap/Uses.java': 'package gap; public class Uses { public static String take(Missing m) { return "took " + (m != null); } public static void main(String[] a) { System.out.println(take(new Missing())); } }',
      'gap/Missing.java': 'package gap; public class Missing {}',
    });
    const pool = new ClassPool(true);
    const uses = pool.makeClass(readFileSync(join(program.dir, 'gap', 'Uses.class')));
    const take = uses.getDeclaredMethod('take');
    expect(take.getLongName()).toBe('gap.Uses.take(gap.Missing)');
    take.insertBefore('System.out.println("arg " + ($1 != null));');
    expect(() => take.insertBefore('$1.hashCode();')).toThrow(CannotCompileException);
    const result = await runJava({ classpath: [new Map([['gap/Uses', uses.toBytecode()]]), program.dir], mainClass: 'gap.Uses', verify: true });
    expect(result.stdout).toBe('arg true\ntook true\n');
  });

  it('sees a class gain an interface or a superclass after snippets were compiled against it', async () => {
    const pool = new ClassPool(true);
    const a = pool.makeClass('hier.A');
    a.addConstructor(CtNewConstructor.defaultConstructor(a));
    a.addMethod(CtNewMethod.make('static String take(Runnable r) { return "runnable"; }', a));
    a.addMethod(CtNewMethod.make('static String give(Thread t) { return "thread"; }', a));
    const probe = CtNewMethod.make('public String probe() { return ""; }', a);
    a.addMethod(probe);
    // Compiled once while A is neither a Runnable nor a Thread: the compiler learns both "no" answers.
    expect(() => probe.insertBefore('take(this);')).toThrow(/cannot find method take\(hier\.A\)/);
    expect(() => probe.insertBefore('give(this);')).toThrow(/cannot find method give\(hier\.A\)/);
    a.addInterface(pool.get('java.lang.Runnable'));
    a.addMethod(CtNewMethod.make('public void run() { }', a));
    a.setSuperclass(pool.get('java.lang.Thread'));
    probe.setBody('{ return take(this) + " " + give(this); }');
    a.addMethod(CtNewMethod.make('public static void main(String[] args) { System.out.println(new A().probe()); }', a));
    const result = await runJava({ classpath: [new Map([['hier/A', a.toBytecode()]])], mainClass: 'hier.A', verify: true });
    expect(result.stdout).toBe('runnable thread\n');
  });

  it('sees a member renamed, retyped or made static after snippets were compiled against it', async () => {
    const pool = new ClassPool(true);
    const b = pool.makeClass('hier.B');
    b.addConstructor(CtNewConstructor.defaultConstructor(b));
    const m = CtNewMethod.make('int m() { return 1; }', b);
    b.addMethod(m);
    const f = CtField.make('int f;', b);
    b.addField(f);
    const probe = CtNewMethod.make('static String probe() { return ""; }', b);
    b.addMethod(probe);
    // Compiled against m as an instance method and f as an int: the compiler has B's members in view.
    expect(() => probe.setBody('{ return "" + m(); }')).toThrow(/non-static/);
    probe.setBody('{ return "" + new B().f; }');
    m.setModifiers(Modifier.STATIC);
    m.setName('two');
    m.setBody('{ return 2; }');
    f.setType(CtClass.longType);
    expect(() => probe.setBody('{ int x = new B().f; return "" + x; }')).toThrow(/lossy conversion from long to int/);
    probe.setBody('{ B b = new B(); b.f = 40L + two(); return "" + b.f; }');
    b.addMethod(CtNewMethod.make('public static void main(String[] args) { System.out.println(probe()); }', b));
    const result = await runJava({ classpath: [new Map([['hier/B', b.toBytecode()]])], mainClass: 'hier.B', verify: true });
    expect(result.stdout).toBe('42\n');
  });

  it('says when a nested class hides the java.lang class a snippet names (javac resolves it so too)', async () => {
    const program = await compileJava({
      'shade/Host.java': 'package shade; public class Host { static class System { } public static void main(String[] a) { java.lang.System.out.println("run"); } }',
    });
    const pool = new ClassPool(true).appendClassPath(program.dir);
    const host = pool.get('shade.Host');
    const main = host.getDeclaredMethod('main');
    expect(() => main.insertBefore('System.out.println("x");')).toThrow(/System here is shade\.Host\.System, which hides java\.lang\.System: write java\.lang\.System/);
    expect(() => main.insertBefore('long t = System.nanoTime();')).toThrow(/cannot find method nanoTime\(\) in shade\.Host\.System — System here is/);
    main.insertBefore('java.lang.System.out.println("before");');
    const result = await runJava({ classpath: [new Map([['shade/Host', host.toBytecode()]]), program.dir], mainClass: 'shade.Host', verify: true });
    expect(result.stdout).toBe('before\nrun\n');
  });

  it('refuses a read of a local that may be unassigned, as javac does, instead of code HotSpot rejects', async () => {
    const program = await compileJava({ 'da/Host.java': 'package da; public class Host { public static int f(int a, Object o) { return a; } }' });
    const pool = new ClassPool(true).appendClassPath(program.dir);
    const f = pool.get('da.Host').getDeclaredMethod('f');
    const refused = [
      // JLS §16: x is read in its own initializer.
      '{ int x = $1 - x + 2; }',
      // JLS §6.3.1: `&` (not `&&`) does not bring the pattern variable into its right operand.
      '{ if ($2 instanceof String s & !s.isEmpty()) { $1 = 1; } }',
      // The pattern variable is not in scope after the if statement.
      '{ if ($2 instanceof String s && !s.isEmpty()) $1 = 2; $1 = s.length(); }',
      // Assigned on one branch only.
      '{ int y; if ($1 > 0) y = 1; $1 = y; }',
      // In a lambda body too.
      '{ Runnable r = () -> { int z; if (z > 0) { } }; }',
    ];
    for (const source of refused) expect(() => f.insertBefore(source), source).toThrow(/might not have been initialized/);
    // What javac accepts still compiles: assigned on every path, and a pattern variable in the scopes JLS §6.3.1 gives it.
    f.insertBefore('{ int y; if ($1 > 0) y = 1; else y = 2; $1 = y; if (!($2 instanceof String s)) { $1 += 0; } else { $1 += s.length(); } }');
    expect(() => f.insertBefore('{ int x = $1 - x + 2; }')).toThrow(CannotCompileException);
  });

  it('refuses super()/this() anywhere but as the first statement of a constructor, as javac does', () => {
    const pool = new ClassPool(true);
    const t = pool.makeClass('ctor.T');
    t.addConstructor(CtNewConstructor.defaultConstructor(t));
    for (const source of ['T(String s) { ; super(); }', 'T(String s) { super(); super(); }', 'T(int a) { if (a > 0) { this(); } }']) {
      expect(() => CtNewConstructor.make(source, t), source).toThrow(/call to (super|this) must be first statement in constructor/);
    }
    expect(() => CtNewMethod.make('void m() { super(); }', t)).toThrow(/must be first statement in constructor/);
    t.addConstructor(CtNewConstructor.make('T(String s) { this(); System.out.println(s); }', t));
  });

  it('puts field initializers in when the class is written, as Javassist: constructors added later run them, a static final constant gets a ConstantValue', async () => {
    const pool = new ClassPool(true);
    const made = pool.makeClass('init.Made');
    // The tutorial order: the field first, then the constructor (a duplicate ()V constructor before).
    made.addField(CtField.make('private String greeting = "hi";', made));
    expect(made.getDeclaredConstructors()).toHaveLength(0);
    made.addConstructor(CtNewConstructor.make('public Made() { super(); }', made));
    made.addConstructor(CtNewConstructor.make('public Made(String g) { this(); greeting = greeting + " " + g; }', made));
    made.addField(CtField.make('public static final int LIMIT = 6 * 7;', made));
    made.addField(CtField.make('public static final long BIG = LIMIT * 1000;', made));
    made.addField(CtField.make('public static final String NAME = "n" + LIMIT;', made));
    made.addField(CtField.make('public static final Integer BOXED = 1;', made));
    expect([made.getField('LIMIT'), made.getField('BIG'), made.getField('NAME'), made.getField('BOXED')].map((f) => f.getConstantValue())).toEqual([42, 42000n, 'n42', null]);
    made.addMethod(
      CtNewMethod.make(
        'public static void main(String[] args) { switch (args.length + 42) { case LIMIT: System.out.println(new Made().greeting + " " + new Made("there").greeting + " " + BIG + " " + NAME + " " + BOXED); } }',
        made,
      ),
    );
    const bytes = made.toBytecode();
    const result = await runJava({ classpath: [new Map([['init/Made', bytes]])], mainClass: 'init.Made', verify: true });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('hi hi there 42000 n42 1\n');
  });

  it('says which class the pool lacks when the frames of a changed method need it', async () => {
    const program = await compileJava({
      'p/A.java': 'package p; public class A {}',
      'p/B.java': 'package p; public class B {}',
      'p/X.java': 'package p; public class X { public Object pick(boolean z) { return z ? new A() : new B(); } }',
    });
    // Only X: A and B are missing from the pool's class path.
    const pool = new ClassPool(true);
    const x = pool.makeClass(readFileSync(join(program.dir, 'p', 'X.class')));
    x.getDeclaredMethod('pick').insertBefore('System.out.println($1);');
    expect(() => x.toBytecode()).toThrow(/^cannot write p\.X: class p\.[AB] is not in the pool's class path, .*pool\.appendClassPath/);
  });

  it('keeps parameter names over code inserted at the start: a second insertBefore still uses them', async () => {
    const program = await compileJava(ACCOUNT, { javacOptions: ['-g'] });
    const pool = new ClassPool(true).appendClassPath(program.dir);
    const account = pool.get('com.acme.Account');
    const deposit = account.getDeclaredMethod('deposit');
    deposit.insertBefore('System.out.println("first " + amount);');
    deposit.insertBefore('System.out.println("second " + amount + " " + this.balance);');
    const method = deposit.methodNode();
    const first = method.instructions.getFirst();
    expect(method.localVariables!.filter((local) => local.start === first).map((local) => local.name).sort()).toEqual(['amount', 'this']);
    const result = await run(pool, 'com.acme.Account', program.dir);
    expect(result.stdout.split('\n').slice(0, 3)).toEqual(['second 5 0', 'first 5', '5']);
  });

  it('needs no return after a statement that cannot complete normally (JLS §14.22), and still asks for one where javac does', async () => {
    const pool = new ClassPool(true);
    const t = pool.makeClass('reach.T');
    let n = 0;
    const make = (body: string) => () => t.addMethod(CtNewMethod.make(`static long m${n++}(long x) ${body}`, t));
    for (const body of [
      '{ while (true) { if (x > 0) return x; x++; } }',
      '{ for (;;) { if (x > 0) return x; } }',
      '{ do { return 1L; } while (true); }',
      '{ for (;;) { } }',
      '{ while (true); }',
      '{ switch ((int) x) { case 1: return 1L; default: throw new RuntimeException(); } }',
      '{ switch ((int) x) { case 1 -> { return 1L; } default -> throw new RuntimeException(); } }',
      '{ out: while (true) { while (true) { if (x > 3) break out; return 0L; } } return x; }',
    ]) {
      make(body)();
    }
    for (const body of [
      '{ while (x > 0) { return x; } }',
      '{ while (true) { if (x > 0) break; } }',
      '{ switch ((int) x) { case 1: return 1L; } }',
      '{ switch ((int) x) { case 1 -> { return 1L; } default -> { } } }',
      '{ lbl: { if (x > 0) break lbl; return 0L; } }',
      '{ do { if (x > 0) break; return 1L; } while (true); }',
    ]) {
      expect(make(body), body).toThrow('missing return statement');
    }
    t.addMethod(CtNewMethod.make('public static void main(String[] a) { System.out.println(m0(-1L) + " " + m1(1L) + " " + m2(0L) + " " + m5(1L) + " " + m6(1L) + " " + m7(9L) + " " + m7(1L)); }', t));
    const result = await runJava({ classpath: [new Map([['reach/T', t.toBytecode()]])], mainClass: 'reach.T', verify: true });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('1 1 1 1 1 9 0\n');
  });

  it('refuses, as javac, what HotSpot would reject at run time: protected access through another type, assigning a final field, an enum switch expression missing a constant', () => {
    const pool = new ClassPool(true);
    const t = pool.makeClass('checks.T');
    t.addField(CtField.make('public static final java.util.List<String> L = new java.util.ArrayList<>();', t));
    t.addField(CtField.make('public final int f = 1;', t));
    let n = 0;
    const make = (body: string) => () => t.addMethod(CtNewMethod.make(`public Object m${n++}(Object o, checks.T other) ${body}`, t));
    expect(make('{ return o.clone(); }')).toThrow(/clone.*(protected access|cannot find)/);
    expect(make('{ L = null; return null; }')).toThrow('cannot assign a value to final variable L');
    expect(make('{ this.f = 2; return null; }')).toThrow('cannot assign a value to final variable f');
    expect(make('{ return switch (java.util.concurrent.TimeUnit.SECONDS) { case SECONDS -> "s"; case DAYS -> "d"; }; }')).toThrow(/does not cover all possible input values \(no case for NANOSECONDS, MICROSECONDS, MILLISECONDS, MINUTES, HOURS\)/);
    // Still allowed: clone() of an array, a final instance field set in a constructor through this.
    make('{ return new int[1].clone(); }')();
    t.addConstructor(CtNewConstructor.make('public T(int v) { super(); this.f2 = v; }', ((t.addField(CtField.make('public final int f2;', t)), t))));
  });

  it('gives a lambda in a switch-expression arm one synthetic method (the arms are compiled twice), and allows a try in its body', async () => {
    const pool = new ClassPool(true);
    const c = pool.makeClass('lam.C');
    c.addMethod(
      CtNewMethod.make(
        'public static String m(int i) { return "a" + switch (i) { case 1 -> { java.util.function.Supplier<String> f = () -> { try { return "in"; } finally { } }; yield f.get(); } default -> "d"; }; }',
        c,
      ),
    );
    expect(c.getDeclaredMethods().map((method) => method.getName()).sort()).toEqual(['lambda$m$0', 'm']);
    c.addMethod(CtNewMethod.make('public static void main(String[] a) { System.out.println(m(1) + m(2)); }', c));
    const result = await runJava({ classpath: [new Map([['lam/C', c.toBytecode()]])], mainClass: 'lam.C', verify: true });
    expect(result.stdout).toBe('ainad\n');
  });

  it('takes any constant expression as a case label, and refuses what javac refuses there', () => {
    const pool = new ClassPool(true);
    const t = pool.makeClass('cases.T');
    const make = (body: string) => () => t.addMethod(CtNewMethod.make(`static String m${t.getDeclaredMethods().length}(int i, byte b, String s) { ${body} return ""; }`, t));
    make('switch (i) { case 1 + 2: case Integer.SIZE * 2: case (int) 3L + 1: break; }')();
    make('switch (s) { case "a" + "b": break; }')();
    expect(make('switch (i) { case i + 1: break; }')).toThrow('constant expression required');
    expect(make('switch (b) { case 200: break; }')).toThrow('possible lossy conversion from int to byte');
    expect(make('switch (i) { case 1L: break; }')).toThrow('incompatible types: long cannot be converted to int');
    expect(make('switch (s) { case 1: break; }')).toThrow('incompatible types: int cannot be converted to String');
    expect(make('switch (s) { case "x": case "" + "x": break; }')).toThrow('duplicate case label');
    expect(make('switch (i) { case 4: case 2 * 2: break; }')).toThrow('duplicate case label');
  });

  it('insertAfter(src, true) whose code returns itself (no empty catch-all range left behind), and ($w) assigned to an int', async () => {
    const pool = new ClassPool(true);
    const c = pool.makeClass('after.C');
    c.addMethod(CtNewMethod.make('public static int f(int a) { if (a > 5) return a; return a + 1; }', c));
    c.getDeclaredMethod('f').insertAfter('{ return $1 * 2; }', true);
    c.addMethod(CtNewMethod.make('public static int g() { int k = ($w) 41; return k + 1; }', c));
    c.addMethod(CtNewMethod.make('public static void main(String[] args) { System.out.println(f(3) + " " + f(7) + " " + g()); }', c));
    const result = await runJava({ classpath: [new Map([['after/C', c.toBytecode()]])], mainClass: 'after.C', verify: true });
    expect(result.stdout).toBe('6 14 42\n');
  });

  it('replaces a new in the shapes other compilers write: no dup (Eclipse), dup_x1 and swap (groovyc), as Javassist', async () => {
    // Built with the visitor API: javac writes neither shape.
    const writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    writer.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, 'shapes/S', null, 'java/lang/Object', null);
    const bare = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, 'bare', '()V', null, null);
    bare.visitCode();
    bare.visitTypeInsn(Opcodes.NEW, 'java/lang/StringBuilder');
    bare.visitMethodInsn(Opcodes.INVOKESPECIAL, 'java/lang/StringBuilder', '<init>', '()V', false);
    bare.visitInsn(Opcodes.RETURN);
    bare.visitMaxs(0, 0);
    bare.visitEnd();
    const groovy = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, 'groovy', '(Ljava/lang/String;)Ljava/lang/Object;', null, null);
    groovy.visitCode();
    groovy.visitVarInsn(Opcodes.ALOAD, 0);
    groovy.visitTypeInsn(Opcodes.NEW, 'java/lang/StringBuilder');
    groovy.visitInsn(Opcodes.DUP_X1);
    groovy.visitInsn(Opcodes.SWAP);
    groovy.visitMethodInsn(Opcodes.INVOKESPECIAL, 'java/lang/StringBuilder', '<init>', '(Ljava/lang/String;)V', false);
    groovy.visitInsn(Opcodes.ARETURN);
    groovy.visitMaxs(0, 0);
    groovy.visitEnd();
    writer.visitEnd();
    const pool = new ClassPool(true);
    const s = pool.makeClass(writer.toByteArray());
    s.instrument(
      new (class extends ExprEditor {
        override editNewExpr(expression: NewExpr) {
          expression.replace('{ System.out.println("new " + $type.getName() + " " + $args.length); $_ = $proceed($$); }');
        }
      })(),
    );
    s.addMethod(CtNewMethod.make('public static void main(String[] a) { bare(); System.out.println(groovy("g").toString().length()); }', s));
    const result = await runJava({ classpath: [new Map([['shapes/S', s.toBytecode()]])], mainClass: 'shapes.S', verify: true });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('new java.lang.StringBuilder 0\nnew java.lang.StringBuilder 1\n1\n');
  });

  it('refuses a handler over a constructor that calls super() or this() on several paths (HotSpot would reject it)', () => {
    const writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    writer.visit(Opcodes.V1_6, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, 'ctors/Two', null, 'java/lang/Object', null);
    const init = writer.visitMethod(Opcodes.ACC_PUBLIC, '<init>', '(Z)V', null, null);
    init.visitCode();
    const other = new Label();
    const end = new Label();
    init.visitVarInsn(Opcodes.ILOAD, 1);
    init.visitJumpInsn(Opcodes.IFEQ, other);
    init.visitVarInsn(Opcodes.ALOAD, 0);
    init.visitMethodInsn(Opcodes.INVOKESPECIAL, 'java/lang/Object', '<init>', '()V', false);
    init.visitJumpInsn(Opcodes.GOTO, end);
    init.visitLabel(other);
    init.visitVarInsn(Opcodes.ALOAD, 0);
    init.visitMethodInsn(Opcodes.INVOKESPECIAL, 'java/lang/Object', '<init>', '()V', false);
    init.visitLabel(end);
    init.visitInsn(Opcodes.RETURN);
    init.visitMaxs(0, 0);
    init.visitEnd();
    writer.visitEnd();
    const pool = new ClassPool(true);
    const two = pool.makeClass(writer.toByteArray());
    const constructor = two.getDeclaredConstructors()[0]!;
    expect(() => constructor.addCatch('{ throw $e; }', pool.get('java.lang.Throwable'))).toThrow('addCatch cannot cover this constructor\'s body: it calls super(...) or this(...) in 2 places');
    expect(() => constructor.insertAfter('System.out.println();', true)).toThrow('in 2 places');
    constructor.insertAfter('System.out.println();');
  });

  it('insertAfter(src, true) on a method whose body is only a return, without debug information', async () => {
    const program = await compileJava({ 'e/E.java': 'package e; public class E { public static void empty() {} public static int one() { return 1; } public static void main(String[] a) { empty(); System.out.println(one()); } }' }, { javacOptions: ['-g:none'] });
    const pool = new ClassPool(true).appendClassPath(program.dir);
    const e = pool.get('e.E');
    e.getDeclaredMethod('empty').insertAfter('System.out.println("after");', true);
    e.getDeclaredMethod('one').insertAfter('$_ = $_ + 1;', true);
    const result = await run(pool, 'e.E', program.dir);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('after\n2\n');
  });
});

