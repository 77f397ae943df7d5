// Methods generated from other methods, as proxy generators and Javassist's tutorial make them:
// CtNewMethod.make(src, declaring, delegateObj, delegateMethod) (`$proceed` calls the delegate) and
// CtNewMethod.wrapped (arguments boxed into an Object[] for a generic body, with a ConstParameter),
// done by Javassist 3.27 (test/support/JavassistGenerated.java, run at test time) and by
// classforge/source on the same javac-compiled classes: the same methods and modifiers, and the
// classes both write run under HotSpot with -Xverify:all printing the same.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CannotCompileException, ClassPool, CtClass, CtMethod, CtNewConstructor, CtNewMethod, Modifier } from '../src/source/index.js';
import { compileJava, runJava } from '../src/testing/index.js';

const JAVASSIST_JAR = '/usr/share/java/javassist.jar';
const HARNESS = readFileSync(fileURLToPath(new URL('./support/JavassistGenerated.java', import.meta.url)), 'utf8');

const FIXTURE: Record<string, string> = {
  'gen/Point.java': `package gen;
public class Point {
  public int x, y;
  public void move(int dx, int dy) { x += dx; y += dy; }
  public String toString() { return "(" + x + "," + y + ")"; }
}
`,
  'gen/Calc.java': `package gen;
import java.util.Arrays;
public class Calc {
  int base = 100;
  public Object invoke(Object[] args) {
    if (args.length == 3) return base + ((Integer) args[0]) + ((Long) args[1]).intValue() + ((Double) args[2]).intValue();
    if (args.length == 2) return "join " + args[0] + args[1];
    System.out.println("run " + Arrays.toString(args));
    return null;
  }
  public static Object tagged(Object[] args, String tag) { System.out.println(tag + Arrays.toString(args)); return ((Float) args[0]) / 2.0; }
  public Object counted(Object[] args, int k) { return (long) (((Short) args[0]) * k + ((Byte) args[1])); }
  public Object big(Object[] args, long k) { return k + args.length; }
  public int replaced(int a, long b, double c) { return -1; }
}
`,
  'gen/Base.java': `package gen;
import java.util.Arrays;
public class Base {
  public Base() { System.out.println("Base()"); }
  public Base(int a, String b) { System.out.println("Base(" + a + ", " + b + ")"); }
  public Base(Object[] args) { System.out.println("Base(" + Arrays.toString(args) + ")"); }
  public Base(Object[] args, int k) { System.out.println("Base(" + Arrays.toString(args) + ", " + k + ")"); }
}
`,
  'gen/Sub.java': `package gen;
import java.util.Arrays;
public class Sub extends Base {
  public Object init(Object[] args) { System.out.println("init " + Arrays.toString(args)); return null; }
  public Object initK(Object[] args, int k) { System.out.println("initK " + Arrays.toString(args) + " " + k); return "ignored"; }
}
`,
};

const RUNNER = `public class GeneratedRun {
  public static void main(String[] a) throws Exception {
    gen.Point p = new gen.Point();
    p.move(1, 1);
    Class<?> pc = p.getClass();
    pc.getMethod("ymove", int.class).invoke(p, 5);
    System.out.println("point " + p + " " + pc.getMethod("describe").invoke(p).toString().replaceAll("@[0-9a-f]+", "@") + " " + pc.getMethod("twice", int.class).invoke(null, 21) + " " + pc.getMethod("plain").invoke(p));
    gen.Calc c = new gen.Calc();
    Class<?> cc = c.getClass();
    System.out.println("sum " + cc.getMethod("sum", int.class, long.class, double.class).invoke(c, 1, 2L, 3.5));
    System.out.println("join " + cc.getMethod("join", Object.class, char.class).invoke(c, "x", 'y'));
    cc.getMethod("run", boolean.class).invoke(c, true);
    System.out.println("half " + cc.getMethod("half", float.class).invoke(null, 3f));
    System.out.println("count " + cc.getMethod("count", short.class, byte.class).invoke(c, (short) 6, (byte) 2));
    System.out.println("large " + cc.getMethod("large").invoke(c));
    System.out.println("replaced " + c.replaced(4, 5L, 6.5));
    Class<?> sub = Class.forName("gen.Sub");
    sub.getConstructor(long.class).newInstance(8L);
    sub.getConstructor(int.class, String.class).newInstance(3, "s");
    sub.getConstructor(String.class).newInstance("t");
    sub.getConstructor(double.class, char.class).newInstance(1.5, 'c');
  }
}
`;

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

async function classforgeSide(classPath: string, out: string): Promise<string[]> {
  const pool = new ClassPool(true).appendPathList(classPath);
  const lines: string[] = [];
  const point = pool.get('gen.Point');
  point.addMethod(CtNewMethod.make('public void ymove(int dy) { $proceed(0, dy); }', point, 'this', 'move'));
  point.addMethod(CtNewMethod.make('public String describe() { return "$proceed: " + $proceed(); }', point, 'super', 'toString'));
  point.addMethod(CtNewMethod.make('public static int twice(int v) { return $proceed(v, 2); }', point, 'java.lang.Math', 'multiplyExact'));
  point.addMethod(CtNewMethod.make('public int plain() { return x; }', point, null, null));
  const calc = pool.get('gen.Calc');
  const invoke = calc.getDeclaredMethod('invoke');
  const tagged = calc.getDeclaredMethod('tagged');
  const counted = calc.getDeclaredMethod('counted');
  const big = calc.getDeclaredMethod('big');
  const made = [
    CtNewMethod.wrapped(CtClass.intType, 'sum', [CtClass.intType, CtClass.longType, CtClass.doubleType], null, invoke, null, calc),
    CtNewMethod.wrapped(pool.get('java.lang.String'), 'join', [pool.get('java.lang.Object'), CtClass.charType], [pool.get('java.io.IOException')], invoke, null, calc),
    CtNewMethod.wrapped(CtClass.voidType, 'run', [CtClass.booleanType], null, invoke, null, calc),
    CtNewMethod.wrapped(CtClass.doubleType, 'half', [CtClass.floatType], null, tagged, CtMethod.ConstParameter.string('tag "q"\n'), calc),
    CtNewMethod.wrapped(CtClass.longType, 'count', [CtClass.shortType, CtClass.byteType], null, counted, CtMethod.ConstParameter.integer(-7), calc),
    CtNewMethod.wrapped(pool.get('java.lang.Object'), 'large', [], null, big, CtMethod.ConstParameter.integer(1234567890123n), calc),
  ];
  for (const m of made) calc.addMethod(m);
  for (const m of calc.getDeclaredMethods()) {
    lines.push(`method ${m.getName()}${m.getSignature()} ${Modifier.toString(m.getModifiers())} [${m.getExceptionTypes().map((t) => t.getName()).join(', ')}]`);
  }
  try {
    CtNewMethod.wrapped(CtClass.intType, 'bad', null, null, calc.getDeclaredMethod('counted'), null, calc);
    lines.push('bad accepted');
  } catch (error) {
    if (!(error instanceof CannotCompileException)) throw error;
    lines.push('bad refused');
  }
  calc.getDeclaredMethod('replaced').setWrappedBody(invoke, null);
  const sub = pool.get('gen.Sub');
  const init = sub.getDeclaredMethod('init');
  const initK = sub.getDeclaredMethod('initK');
  const string = pool.get('java.lang.String');
  sub.addConstructor(CtNewConstructor.make([CtClass.longType], null, CtNewConstructor.PASS_NONE, init, null, sub));
  sub.addConstructor(CtNewConstructor.make([CtClass.intType, string], null, CtNewConstructor.PASS_PARAMS, null, null, sub));
  sub.addConstructor(CtNewConstructor.make([string], null, CtNewConstructor.PASS_ARRAY, null, null, sub));
  sub.addConstructor(CtNewConstructor.make([CtClass.doubleType, CtClass.charType], [pool.get('java.io.IOException')], CtNewConstructor.PASS_ARRAY, initK, CtMethod.ConstParameter.integer(5), sub));
  for (const c of sub.getDeclaredConstructors()) lines.push(`constructor ${c.getSignature()} ${c.getExceptionTypes().length}`);
  await sub.writeFile(out);
  await point.writeFile(out);
  await calc.writeFile(out);
  return lines;
}

describe.skipIf(!existsSync(JAVASSIST_JAR))('generated methods against Javassist 3.27', () => {
  it('makes $proceed delegates and wrapped methods as Javassist does', async () => {
    const classes = (await compileJava(FIXTURE)).dir;
    const harness = (await compileJava({ 'JavassistGenerated.java': HARNESS }, { classpath: JAVASSIST_JAR })).dir;
    const javassistOut = mkdtempSync(join(tmpdir(), 'cf-gen-jv-'));
    const classforgeOut = mkdtempSync(join(tmpdir(), 'cf-gen-cf-'));
    scratch.push(javassistOut, classforgeOut);
    const run = await runJava({ classpath: [harness, JAVASSIST_JAR], mainClass: 'JavassistGenerated', args: [classes, javassistOut] });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const expected = run.stdout.trimEnd().split('\n');
    expect(await classforgeSide(classes, classforgeOut)).toEqual(expected);
    // The bodies were copied once each, as private methods.
    expect(expected.filter((line) => line.startsWith('method _added_m$'))).toHaveLength(4);

    const runner = (await compileJava({ 'GeneratedRun.java': RUNNER }, { classpath: classes })).dir;
    const outputs: string[] = [];
    for (const out of [javassistOut, classforgeOut]) {
      const result = await runJava({ classpath: [out, classes, runner], mainClass: 'GeneratedRun', jvmArgs: ['-Xverify:all'] });
      expect(result.stderr).toBe('');
      expect(result.exitCode).toBe(0);
      outputs.push(result.stdout);
    }
    expect(outputs[1]).toBe(outputs[0]);
    expect(outputs[0]).toContain('sum 106');
    expect(outputs[0]).toContain('Base([1.5, c], 5)\ninitK [1.5, c] 5');
    expect(outputs[0]).toContain('Base(3, s)\nBase([t])');
  }, 120_000);
});
