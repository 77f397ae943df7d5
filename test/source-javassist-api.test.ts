// The Javassist 3.27 methods classforge/source added last (getRefClasses, makeUniqueName,
// getEnclosingBehavior/Method, visibleFrom, getParameterAnnotations, Expr.mayThrow and
// indexOfBytecode, isKotlin, getDeclaredClasses…): the queries are compared with the real Javassist's
// answers on the same javac-compiled classes (test/support/JavassistApi.java, run at test time);
// the edits (insertParameter, addParameter, toMethod, delegator, CtNewConstructor.copy/skeleton,
// getAndRename, setAttribute) are run under HotSpot with -Xverify:all.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CannotCompileException,
  ClassPool,
  CtClass,
  CtField,
  type CtMember,
  CtNewConstructor,
  CtNewMethod,
  ExprEditor,
  type ConstructorCall,
  type Expr,
  type FieldAccess,
  type Handler,
  type MethodCall,
  type NewArray,
  type NewExpr,
  Modifier,
  NotFoundException,
} from '../src/source/index.js';
import { compileJava, runJava } from '../src/testing/index.js';

const JAVASSIST_JAR = '/usr/share/java/javassist.jar';
const COMMONS_LANG3 = '/usr/share/java/commons-lang3.jar';
const HARNESS = readFileSync(fileURLToPath(new URL('./support/JavassistApi.java', import.meta.url)), 'utf8');

const FIXTURE: Record<string, string> = {
  'fx/Base.java': `package fx;
public class Base {
  protected int id;
  protected Base(int id) { this.id = id; }
  public String describe() { return "Base" + id; }
  protected static int twice(int x) { return 2 * x; }
}
`,
  'fx/Api.java': `package fx;
import java.io.IOException;
import java.lang.annotation.*;
public class Api extends Base implements Runnable {
  @Retention(RetentionPolicy.RUNTIME) public @interface Tag { String value() default "t"; }
  @Retention(RetentionPolicy.CLASS) public @interface Mark {}
  public class Inner {}
  public static class Nested {}
  protected static final class Prot { int p; protected Prot() {} private Prot(int x) {} }
  private static abstract class Priv { public static int shared; protected abstract void hook(); }
  public int count;
  protected long total;
  String name = "api";
  private double ratio;
  static Object initializer = new Object() { public String toString() { return "init"; } };
  public Api() { super(1); }
  public Api(int n) { this(); count = n * twice(n); name = "n" + n; }
  Api(String s) {
    this();
    Runnable r = new Runnable() { public void run() { } };
    r.run();
  }
  public void run() { count++; }
  public int work(@Tag("a") int a, @Mark String b, long c) throws IOException {
    try {
      if (a < 0) throw new IOException("neg");
      Object o = b;
      String s = (String) o;
      int[] xs = new int[a + 1];
      long[][] grid = new long[a + 1][2];
      String[][] names = new String[a + 1][];
      if (o instanceof String) total += s.length() + xs.length + c + grid.length + names.length;
      try { Integer.parseInt(b); } catch (NumberFormatException e) { count--; }
    } catch (IllegalStateException | IllegalArgumentException e) {
      return -1;
    } finally {
      count++;
    }
    return count;
  }
  static Object local() { class Local { } return new Local(); }
  Object anonymous() { return new Runnable() { public void run() { } }; }
  protected void prot() { }
  void pkg() { }
  private void priv() { }
  public static long mix(int a, long b, double c, String d) {
    long total = a + b;
    for (int i = 0; i < d.length(); i++) total += (long) c + i;
    return total;
  }
  public long scaled(long factor, int offset) {
    long result = factor * count;
    int extra = offset + 1;
    return result + extra;
  }
}
`,
  'other/Sub.java': `package other;
public class Sub extends fx.Api {
  public Sub() { super(3); }
}
`,
  'other/Stranger.java': `package other;
public class Stranger { }
`,
  'kotlin/Metadata.java': `package kotlin;
import java.lang.annotation.*;
@Retention(RetentionPolicy.RUNTIME) public @interface Metadata { int k() default 1; }
`,
  'fx/Empty.java': `package fx;
public abstract class Empty {
  static int s;
  static { }
  public Empty() { }
  Empty(int x) { this(); }
  Empty(long x) { super(); s = 1; }
  void nothing() { }
  void almost() { return; }
  int one() { return 1; }
  abstract void abs();
  native void nat();
}
`,
  'fx/Kt.java': `package fx;
@kotlin.Metadata(k = 1) public class Kt { }
`,
};

const DETAILED = ['fx.Api', 'fx.Api$1', 'fx.Api$2', 'fx.Api$3', 'fx.Api$1Local', 'fx.Api$Inner', 'fx.Api$Nested', 'fx.Api$Prot', 'fx.Api$Priv', 'fx.Base', 'other.Sub', 'other.Stranger', 'fx.Kt', 'fx.Empty'];
const REF_ONLY = [
  'org.apache.commons.lang3.StringUtils',
  'org.apache.commons.lang3.Range',
  'org.apache.commons.lang3.tuple.Pair',
  'org.apache.commons.lang3.ArrayUtils',
  'org.apache.commons.lang3.builder.ToStringBuilder',
  'org.apache.commons.lang3.time.DateUtils',
];

/** Class files by internal name, as runJava takes them. */
function classFiles(files: Record<string, Uint8Array>): Map<string, Uint8Array> {
  return new Map(Object.entries(files));
}

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/** The fixture compiled with -g (local variable tables, which insertParameter shifts). */
async function fixture(): Promise<string> {
  return (await compileJava(FIXTURE, { javacOptions: ['-g'] })).dir;
}

/** Java's String.compareTo order (UTF-16 code units), as Collections.sort. */
const javaOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** What JavassistApi.java prints, computed with classforge/source. */
function classforgeAnswers(classPath: string): string[] {
  const pool = new ClassPool(true).appendPathList(classPath);
  const out: string[] = [];
  const detailed: CtClass[] = [];
  const javaList = (items: readonly string[]): string => `[${items.join(', ')}]`;
  for (const name of [...REF_ONLY, ...DETAILED]) {
    const ctClass = pool.get(name);
    out.push(`refs ${ctClass.getName()} ${javaList([...ctClass.getRefClasses()!].sort())}`);
    if (DETAILED.includes(name)) detailed.push(ctClass);
  }
  for (const ctClass of detailed) {
    const name = ctClass.getName();
    for (const prefix of ['count', 'run', 'x', 'work', 'toString', 'wait', 'ti']) out.push(`unique ${name} ${prefix} ${ctClass.makeUniqueName(prefix)}`);
    const behavior = ctClass.getEnclosingBehavior();
    out.push(`enclosingBehavior ${name} ${behavior === null ? 'null' : behavior.getLongName()}`);
    let method: string;
    try {
      const enclosing = ctClass.getEnclosingMethod();
      method = enclosing === null ? 'null' : enclosing.getLongName();
    } catch (error) {
      if (!(error instanceof NotFoundException)) throw error;
      method = `NotFoundException ${error.message}`;
    }
    out.push(`enclosingMethod ${name} ${method}`);
    out.push(`kotlin ${name} ${ctClass.isKotlin()}`);
    out.push(`declaredClasses ${name} ${javaList(ctClass.getDeclaredClasses().map((c) => c.getName()).sort())}`);
    out.push(`modifiers ${name} ${Modifier.toString(ctClass.getModifiers())}`);
    out.push(`methods ${name} ${javaList(ctClass.getMethods().map((m) => `${m.getDeclaringClass().getName()}.${m.getName()}${m.getSignature()}`).sort(javaOrder))}`);
    out.push(`fields ${name} ${javaList(ctClass.getFields().map((f) => f.toString()))}`);
    out.push(`constructors ${name} ${javaList(ctClass.getConstructors().map((c) => c.getSignature()).sort(javaOrder))}`);
    const members: CtMember[] = [...ctClass.getDeclaredFields(), ...ctClass.getDeclaredBehaviors()];
    for (const member of members) {
      for (const from of detailed) out.push(`visible ${name}.${member.getName()}${member.getSignature()} from ${from.getName()} ${member.visibleFrom(from)}`);
    }
    for (const behavior of ctClass.getDeclaredBehaviors()) {
      const where = behavior.getLongName();
      const perParameter = behavior.getParameterAnnotations().map((annotations) => javaList(annotations.map((a) => a.type)));
      out.push(`parameterAnnotations ${where} ${javaList(perParameter)}`);
      out.push(`empty ${where} ${behavior.isEmpty()}`);
      const line = (kind: string, expr: Expr): void => {
        out.push(`expr ${where} ${kind} @${expr.indexOfBytecode()} line ${expr.getLineNumber()} mayThrow ${javaList(expr.mayThrow().map((t) => t.getName()))}`);
      };
      // Queries only: nothing is replaced.
      behavior.instrument(
        new (class extends ExprEditor {
          override editMethodCall(e: MethodCall) {
            line(`call ${e.getMethodName()}`, e);
          }
          override editConstructorCall(e: ConstructorCall) {
            line('constructorCall', e);
          }
          override editFieldAccess(e: FieldAccess) {
            line(`field ${e.getFieldName()}`, e);
          }
          override editNewExpr(e: NewExpr) {
            line(`new ${e.getClassName()}`, e);
          }
          override editNewArray(e: NewArray) {
            line(`newArray ${e.getComponentType().getName()} ${e.getDimension()} ${e.getCreatedDimensions()}`, e);
          }
          override editCast(e: Expr) {
            line('cast', e);
          }
          override editInstanceof(e: Expr) {
            line('instanceof', e);
          }
          override editHandler(e: Handler) {
            // Not its type: Javassist sees a multi-catch handler once per caught type (see below).
            line(`handler ${e.isFinally() ? 'finally' : 'catch'}`, e);
          }
        })(),
      );
    }
  }
  // Java's String.compareTo order (UTF-16 code units), as Collections.sort.
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

describe.skipIf(!existsSync(JAVASSIST_JAR) || !existsSync(COMMONS_LANG3))('classforge/source queries against Javassist 3.27', () => {
  it('answers getRefClasses, makeUniqueName, getEnclosingBehavior/Method, visibleFrom, getParameterAnnotations, mayThrow and indexOfBytecode as Javassist does', async () => {
    const classes = await fixture();
    const harness = (await compileJava({ 'JavassistApi.java': HARNESS }, { classpath: JAVASSIST_JAR })).dir;
    const classPath = `${classes}:${COMMONS_LANG3}`;
    const run = await runJava({
      classpath: [harness, JAVASSIST_JAR, classes],
      mainClass: 'JavassistApi',
      args: [classPath, ...REF_ONLY, ...DETAILED.map((name) => '+' + name)],
    });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const expected = run.stdout.trimEnd().split('\n');
    const actual = classforgeAnswers(classPath);
    // Compared as sets of lines: Javassist calls edit(Handler) once per exception table entry (a
    // multi-catch or a finally repeats a handler), classforge/source once per handler.
    expect({ onlyClassforge: actual.filter((line) => !expected.includes(line)), onlyJavassist: expected.filter((line) => !actual.includes(line)) }).toEqual({ onlyClassforge: [], onlyJavassist: [] });
    expect(new Set(actual).size).toBe(new Set(expected).size);
    // The oracle covered what the brief asks about: arrays, the class itself, constructors enclosing.
    expect(expected.some((l) => l.startsWith('enclosingMethod fx.Api$2 NotFoundException'))).toBe(true);
    expect(expected.filter((l) => l.startsWith('expr ')).length).toBeGreaterThan(20);
  }, 120_000);
});

describe('classforge/source: Javassist 3.27 queries without an oracle', () => {
  it('an expression still answers its line and offset after replace(), and refuses a second replace', async () => {
    const pool = new ClassPool(true).appendClassPath(await fixture());
    const work = pool.get('fx.Api').getDeclaredMethod('work');
    const seen: string[] = [];
    work.instrument(
      new (class extends ExprEditor {
        override editMethodCall(e: MethodCall) {
          if (e.getMethodName() !== 'parseInt') return;
          const before = `${e.getLineNumber()} @${e.indexOfBytecode()}`;
          e.replace('{ $_ = $proceed($$) + 1; }');
          seen.push(before, `${e.getLineNumber()} @${e.indexOfBytecode()}`);
          expect(() => e.replace('$_ = 0;')).toThrow('this expression was already replaced');
        }
      })(),
    );
    expect(seen).toHaveLength(2);
    expect(seen[0]).toMatch(/^\d+ @\d+$/);
    expect(seen[1]).toBe(seen[0]);
  });

  it('getRefClasses lists the class itself and array element classes, never array descriptors or Signature-only classes', async () => {
    const pool = new ClassPool(true).appendClassPath(await fixture());
    const refs = pool.get('fx.Api').getRefClasses()!;
    expect(refs).toContain('fx.Api');
    expect(refs).toContain('java.io.IOException');
    expect(refs.some((name) => name.startsWith('[') || name.endsWith('[]'))).toBe(false);
    expect(pool.get('int[]').getRefClasses()).toBeNull();
    // A new class: written (not frozen) to answer.
    const made = pool.makeClass('gen.Made');
    expect(made.getRefClasses()!.sort()).toEqual(['gen.Made', 'java.lang.Object']);
    expect(made.isFrozen()).toBe(false);
  });

  it('getAvailableAnnotations and getAvailableParameterAnnotations skip annotations whose classes the pool cannot find', async () => {
    const compiled = await compileJava(FIXTURE, { javacOptions: ['-g'] });
    const pool = new ClassPool(true);
    for (const [name, bytes] of compiled.classes) if (name !== 'fx/Api$Mark') pool.makeClass(bytes);
    const work = pool.get('fx.Api').getDeclaredMethod('work');
    expect(work.getParameterAnnotations().map((a) => a.map((e) => e.type))).toEqual([['fx.Api$Tag'], ['fx.Api$Mark'], []]);
    expect(work.getAvailableParameterAnnotations().map((a) => a.map((e) => e.type))).toEqual([['fx.Api$Tag'], [], []]);
    expect(work.getParameterAnnotations()[0]![0]!.values).toEqual({ value: 'a' });
    const kt = pool.get('fx.Kt');
    expect(kt.getAvailableAnnotations().map((a) => a.type)).toEqual(['kotlin.Metadata']);
    const missing = new ClassPool(true);
    missing.makeClass(compiled.classes.get('fx/Kt')!);
    expect(missing.get('fx.Kt').getAnnotations().map((a) => a.type)).toEqual(['kotlin.Metadata']);
    expect(missing.get('fx.Kt').getAvailableAnnotations()).toEqual([]);
    expect(missing.get('fx.Kt').isKotlin()).toBe(true);
    const field = pool.get('fx.Api').getDeclaredField('count');
    expect(field.getAvailableAnnotations()).toEqual([]);
  });
});

describe('classforge/source: Javassist 3.27 edits, judged by HotSpot', () => {
  it('insertParameter and addParameter change the descriptor and move the locals (-Xverify:all)', async () => {
    const dir = await fixture();
    const pool = new ClassPool(true).appendClassPath(dir);
    const api = pool.get('fx.Api');
    const mix = api.getDeclaredMethod('mix');
    mix.insertParameter(pool.get('java.lang.String'));
    mix.addParameter(CtClass.doubleType);
    expect(mix.getSignature()).toBe('(Ljava/lang/String;IJDLjava/lang/String;D)J');
    const scaled = api.getDeclaredMethod('scaled');
    scaled.insertParameter(CtClass.longType);
    scaled.addParameter(pool.get('int[]'));
    expect(scaled.getSignature()).toBe('(JJI[I)J');
    // The work method's parameter annotations get an empty slot for the new parameter.
    const work = api.getDeclaredMethod('work');
    work.insertParameter(CtClass.booleanType);
    expect(work.getParameterAnnotations().map((a) => a.map((e) => e.type))).toEqual([[], ['fx.Api$Tag'], ['fx.Api$Mark'], []]);
    // The new parameters are usable by name in snippets ($1…) and the old ones moved.
    mix.insertBefore('{ System.out.println("first=" + $1 + " last=" + $6); }');
    scaled.insertBefore('{ System.out.println("pad=" + $1 + " xs=" + $4.length); }');
    api.addMethod(
      CtNewMethod.make(
        'public static void main(String[] args) throws Exception { fx.Api a = new fx.Api(2); System.out.println(mix("s", 1, 2L, 3.5, "abcd", 0.25)); System.out.println(a.scaled(9L, 10L, 5, new int[3])); System.out.println(a.work(true, 1, "7", 3L)); java.lang.reflect.Method w = fx.Api.class.getMethod("work", new Class[] { boolean.class, int.class, String.class, long.class }); System.out.println(w.getParameterAnnotations()[1].length + "," + w.getParameterAnnotations()[0].length); }',
        api,
      ),
    );
    const run = await runJava({ classpath: [classFiles({ 'fx/Api': api.toBytecode(), 'fx/Base': pool.get('fx.Base').toBytecode(), 'fx/Api$Tag': pool.get('fx.Api$Tag').toBytecode() }), dir], mainClass: 'fx.Api', verify: true });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('first=s last=0.25\n' + String(1 + 2 + 4 * 3 + (0 + 1 + 2 + 3)) + '\npad=9 xs=3\n' + String(10 * 8 + 6) + '\n9\n1,0\n');
  });

  it('CtConstructor.toMethod drops the super()/this() call but keeps its arguments evaluated; CtNewMethod.delegator calls the delegate (-Xverify:all)', async () => {
    const dir = await fixture();
    const pool = new ClassPool(true).appendClassPath(dir);
    const api = pool.get('fx.Api');
    const init = api.getDeclaredConstructor([CtClass.intType]).toMethod('reinit', api);
    expect(init.getSignature()).toBe('(I)V');
    api.addMethod(init);
    const sub = pool.get('other.Sub');
    const describeBase = pool.get('fx.Base').getDeclaredMethod('describe');
    const delegator = CtNewMethod.delegator(describeBase, sub);
    expect(delegator.getName()).toBe('describe');
    sub.addMethod(delegator);
    const twice = CtNewMethod.delegator(pool.get('fx.Base').getDeclaredMethod('twice'), sub);
    twice.setName('twiceToo');
    sub.addMethod(twice);
    sub.addMethod(
      CtNewMethod.make(
        'public static void main(String[] args) { other.Sub s = new other.Sub(); System.out.println(s.count + " " + s.describe()); s.reinit(5); System.out.println(s.count + " " + s.describe() + " " + twiceToo(21)); }',
        sub,
      ),
    );
    const run = await runJava({
      classpath: [classFiles({ 'fx/Api': api.toBytecode(), 'fx/Base': pool.get('fx.Base').toBytecode(), 'other/Sub': sub.toBytecode() }), dir],
      mainClass: 'other.Sub',
      verify: true,
    });
    expect(run.stderr).toBe('');
    // new Sub(): count = 3 * twice(3); reinit(5): this() is gone (id stays 1), count = 5 * twice(5).
    expect(run.stdout).toBe('18 Base1\n50 Base1 42\n');
  });

  it('CtNewConstructor.copy renames the source class and retargets super(); skeleton takes its parameters but calls super() (-Xverify:all)', async () => {
    const pool = new ClassPool(true).appendClassPath(await fixture());
    const base = pool.get('fx.Base');
    const made = pool.makeClass('gen.Made', base);
    made.addConstructor(CtNewConstructor.make('public Made(int n) { super(n); }', made));
    // Javassist's skeleton: "calls the super's constructor without those parameters (the default constructor)".
    const skel = pool.makeClass('gen.Skel');
    skel.addConstructor(CtNewConstructor.skeleton([CtClass.intType], [pool.get('java.io.IOException')], skel));
    expect(skel.getDeclaredConstructors()[0]!.getExceptionTypes().map((t) => t.getName())).toEqual(['java.io.IOException']);
    skel.getDeclaredConstructors()[0]!.insertAfter('System.out.println("skel " + $1);');
    // gen.Source extends fx.Api; its constructor copied into gen.Copy (extends fx.Base): the references
    // to gen.Source become gen.Copy, and the superclass fx.Api becomes fx.Base (Javassist's ClassMap
    // rule), so super(n) calls Base(int).
    const copy = pool.makeClass('gen.Copy', base);
    const source = pool.makeClass('gen.Source', pool.get('fx.Api'));
    source.addConstructor(CtNewConstructor.make('public Source(int n) { super(n); }', source));
    const copied = CtNewConstructor.copy(source.getDeclaredConstructors()[0]!, copy, null);
    copy.addConstructor(copied);
    made.addMethod(CtNewMethod.make('public static void main(String[] args) throws Exception { new gen.Skel(3); System.out.println(new gen.Made(7).describe() + " " + new gen.Copy(4).describe()); }', made));
    const run = await runJava({
      classpath: [
        classFiles({ 'gen/Made': made.toBytecode(), 'gen/Copy': copy.toBytecode(), 'gen/Skel': skel.toBytecode(), 'fx/Base': base.toBytecode() }),
      ],
      mainClass: 'gen.Made',
      verify: true,
    });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('skel 3\nBase7 Base4\n');
  });

  it('CtNewMethod.copy renames the source class and its superclass as Javassist does: a super call reaches the new superclass (-Xverify:all)', async () => {
    const program = await compileJava({
      'cp/SrcBase.java': 'package cp; public class SrcBase { public String greet() { return "src-base"; } }',
      'cp/DstBase.java': 'package cp; public class DstBase { public String greet() { return "dst-base"; } }',
      'cp/Src.java': 'package cp; public class Src extends SrcBase { public String greet() { return "src"; } public String both() { return greet() + "/" + super.greet(); } }',
      'cp/Dst.java': 'package cp; public class Dst extends DstBase { public String greet() { return "dst"; } public static void main(String[] a) { System.out.println(new Dst().toString()); } }',
    });
    const pool = new ClassPool(true).appendClassPath(program.dir);
    const dst = pool.get('cp.Dst');
    dst.addMethod(CtNewMethod.copy(pool.get('cp.Src').getDeclaredMethod('both'), 'both', dst, null));
    dst.addMethod(CtNewMethod.make('public String toString() { return both(); }', dst));
    const run = await runJava({ classpath: [classFiles({ 'cp/Dst': dst.toBytecode() }), program.dir], mainClass: 'cp.Dst', verify: true });
    expect(run.stdout).toBe('dst/dst-base\n');
  });

  it('ClassPool: getCtClass, makeClassIfNew, getAndRename, appendPathList, removeClassPath', async () => {
    const dir = await fixture();
    const pool = new ClassPool(true).appendPathList(`${dir}:${COMMONS_LANG3}`);
    const api = pool.getCtClass('fx.Api');
    expect(api).toBe(pool.get('fx.Api'));
    // makeClassIfNew: the pool's own class when it holds one of that name, else the bytes'.
    const bytes = new Uint8Array(api.toBytecode());
    api.defrost();
    expect(pool.makeClassIfNew(bytes)).toBe(api);
    const fresh = new ClassPool(true).makeClassIfNew(bytes);
    expect(fresh.getName()).toBe('fx.Api');
    // getAndRename: a new CtClass read from the class file, the original untouched.
    api.addField(CtField.make('public int extra;', api));
    const copy = pool.getAndRename('fx.Base', 'fx.BaseCopy');
    expect(copy.getName()).toBe('fx.BaseCopy');
    expect(pool.get('fx.BaseCopy')).toBe(copy);
    expect(pool.get('fx.Base')).not.toBe(copy);
    expect(pool.get('fx.Base').getName()).toBe('fx.Base');
    copy.addMethod(CtNewMethod.make('public static void main(String[] args) { System.out.println(new fx.BaseCopy(5).describe() + " " + twice(4)); }', copy));
    const run = await runJava({ classpath: [classFiles({ 'fx/BaseCopy': copy.toBytecode() })], mainClass: 'fx.BaseCopy', verify: true });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('Base5 8\n');
    // removeClassPath: classes not read yet are no longer found.
    expect(pool.getOrNull('org.apache.commons.lang3.tuple.Pair')).not.toBeNull();
    pool.removeClassPath(COMMONS_LANG3);
    expect(pool.getOrNull('org.apache.commons.lang3.Range')).toBeNull();
    expect(() => pool.getAndRename('fx.Nothing', 'fx.Other')).toThrow(NotFoundException);
  });

  it('getAttribute/setAttribute: raw attribute bytes of classes, methods and fields; toBytecode writes what was set', async () => {
    const pool = new ClassPool(true).appendClassPath(await fixture());
    const api = pool.get('fx.Api');
    // A standard attribute, as the class file has it: SourceFile's info is a constant pool index.
    expect(api.getAttribute('SourceFile')!.length).toBe(2);
    expect(api.getAttribute('NoSuchAttribute')).toBeNull();
    expect(api.getDeclaredMethod('work').getAttribute('Exceptions')!.length).toBe(4);
    expect(api.getDeclaredField('count').getAttribute('ConstantValue')).toBeNull();
    api.setAttribute('org.acme.Extra', new Uint8Array([1, 2, 3]));
    api.setAttribute('org.acme.Extra', new Uint8Array([4, 5]));
    const run = api.getDeclaredMethod('run');
    run.setAttribute('org.acme.MethodExtra', new Uint8Array([9]));
    api.getDeclaredField('ratio').setAttribute('org.acme.FieldExtra', new Uint8Array([7, 7]));
    expect(() => api.setAttribute('Signature', new Uint8Array([0, 1]))).toThrow(CannotCompileException);
    expect(api.isModified()).toBe(true);
    const bytes = api.toBytecode();
    const again = new ClassPool(true).makeClass(bytes);
    expect(Array.from(again.getAttribute('org.acme.Extra')!)).toEqual([4, 5]);
    expect(Array.from(again.getDeclaredMethod('run').getAttribute('org.acme.MethodExtra')!)).toEqual([9]);
    expect(Array.from(again.getDeclaredField('ratio').getAttribute('org.acme.FieldExtra')!)).toEqual([7, 7]);
    expect(again.getAttribute('SourceFile')!.length).toBe(2);
  });

  it('freeze, prune, stopPruning, defrost and debugWriteFile keep Javassist\'s frozen semantics', async () => {
    const pool = new ClassPool(true).appendClassPath(await fixture());
    const api = pool.get('fx.Api');
    api.freeze();
    expect(api.isFrozen()).toBe(true);
    expect(() => api.setModifiers(api.getModifiers())).toThrow(/frozen/);
    api.defrost();
    api.addMethod(CtNewMethod.make('public int three() { return 3; }', api));
    const out = mkdtempSync(join(tmpdir(), 'classforge-debug-'));
    scratch.push(out);
    await api.debugWriteFile(out);
    expect(api.isFrozen()).toBe(false);
    expect(existsSync(join(out, 'fx', 'Api.class'))).toBe(true);
    api.addMethod(CtNewMethod.make('public int four() { return 4; }', api));
    // With pruning on, toBytecode prunes: frozen for good.
    expect(api.stopPruning(false)).toBe(true);
    api.toBytecode();
    expect(() => api.defrost()).toThrow('defrost(): fx.Api was pruned.');
    expect(() => api.addMethod(CtNewMethod.make('public int five() { return 5; }', api))).toThrow('fx.Api class is frozen and pruned');
    expect(() => api.toBytecode()).toThrow('toBytecode(): fx.Api was pruned.');
    // prune() on an unchanged class: it can still be written (its class file as it was).
    const base = pool.get('fx.Base');
    base.prune();
    expect(base.isFrozen()).toBe(true);
    expect(base.toBytecode().length).toBeGreaterThan(0);
    expect(() => base.defrost()).toThrow(/pruned/);
  });
});
