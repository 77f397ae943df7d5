// CtField.Initializer (constant, byParameter, byNew, byNewWithParams, byCall, byCallWithParams,
// byNewArray, byExpr), instance and static: fields added by Javassist 3.27
// (test/support/JavassistInitializers.java, run at test time) and by classforge/source to the same
// javac-compiled class; both classes run under HotSpot with -Xverify:all and print the same values
// from every constructor, and the same fields get a ConstantValue attribute (JVMS §4.7.2).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ClassPool, CtClass, CtField, type CtFieldInitializer, Modifier } from '../src/source/index.js';
import { compileJava, runJava } from '../src/testing/index.js';

const JAVASSIST_JAR = '/usr/share/java/javassist.jar';
const HARNESS = readFileSync(fileURLToPath(new URL('./support/JavassistInitializers.java', import.meta.url)), 'utf8');

const FIXTURE: Record<string, string> = {
  'init/Target.java': `package init;
public class Target {
  public int base = 1000;
  public Target() { }
  public Target(int a, String b) { base = a; }
  public Target(long x) { this((int) x, "long"); }
}
`,
  'init/Made.java': `package init;
import java.util.Arrays;
public class Made {
  final String how;
  public Made() { how = "new()"; }
  public Made(String[] s) { how = "new(" + Arrays.toString(s) + ")"; }
  public Made(Object o) { how = "new(" + o.getClass().getSimpleName() + ")"; }
  public Made(Object o, String[] s) { how = "new(" + o.getClass().getSimpleName() + "," + Arrays.toString(s) + ")"; }
  public Made(Object o, Object[] a) { how = "new(" + o.getClass().getSimpleName() + ",args" + Arrays.toString(a) + ")"; }
  public Made(Object o, String[] s, Object[] a) { how = "new(" + o.getClass().getSimpleName() + "," + Arrays.toString(s) + ",args" + Arrays.toString(a) + ")"; }
  Made(String how, boolean marker) { this.how = how; }
  public String toString() { return how; }
}
`,
  'init/Factory.java': `package init;
import java.util.Arrays;
public class Factory {
  public static Made create() { return new Made("create()", true); }
  public static Made create(String[] s) { return new Made("create(" + Arrays.toString(s) + ")", true); }
  public static Made create(Object o) { return new Made("create(" + o.getClass().getSimpleName() + ")", true); }
  public static Made create(Object o, String[] s) { return new Made("create(" + o.getClass().getSimpleName() + "," + Arrays.toString(s) + ")", true); }
  public static Made create(Object o, Object[] a) { return new Made("create(" + o.getClass().getSimpleName() + ",args" + Arrays.toString(a) + ")", true); }
  public static Made create(Object o, String[] s, Object[] a) { return new Made("create(" + o.getClass().getSimpleName() + "," + Arrays.toString(s) + ",args" + Arrays.toString(a) + ")", true); }
}
`,
};

const RUNNER = `import java.lang.reflect.*;
import java.util.*;
public class InitializersRun {
  public static void main(String[] a) throws Exception {
    Class<?> c = Class.forName("init.Target");
    Object[] objects = { c.getConstructor().newInstance(), c.getConstructor(int.class, String.class).newInstance(5, "five"), c.getConstructor(long.class).newInstance(9L) };
    for (Object o : objects) {
      StringBuilder b = new StringBuilder();
      for (Field f : c.getDeclaredFields()) {
        Object v = f.get(o);
        b.append(f.getName()).append('=').append(v instanceof Object[] ? Arrays.deepToString((Object[]) v) : v instanceof int[] ? Arrays.toString((int[]) v) : v).append(' ');
      }
      System.out.println(b);
    }
  }
}
`;

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

async function classforgeSide(classPath: string, out: string): Promise<string[]> {
  const pool = new ClassPool(true).appendPathList(classPath);
  const cc = pool.get('init.Target');
  const made = pool.get('init.Made');
  const factory = pool.get('init.Factory');
  const string = pool.get('java.lang.String');
  const strings = ['s1', 's"2'];
  const I = CtField.Initializer;
  const add = (type: CtClass, name: string, modifiers: number, init: CtFieldInitializer): void => {
    const f = new CtField(type, name, cc);
    f.setModifiers(Modifier.PUBLIC | modifiers);
    cc.addField(f, init);
  };
  add(CtClass.intType, 'i', 0, I.constant(42));
  add(CtClass.longType, 'l', 0, I.constant(1234567890123n));
  add(CtClass.doubleType, 'd', 0, I.constant(2.5));
  add(CtClass.floatType, 'f', 0, I.constant(1.5));
  add(CtClass.booleanType, 'z', 0, I.constant(true));
  add(string, 's', 0, I.constant('text\n"q"'));
  add(CtClass.intType, 'SI', Modifier.STATIC | Modifier.FINAL, I.constant(7));
  add(string, 'SS', Modifier.STATIC | Modifier.FINAL, I.constant('konst'));
  add(CtClass.longType, 'SL', Modifier.STATIC, I.constant(99n));
  add(CtClass.booleanType, 'SZ', Modifier.STATIC | Modifier.FINAL, I.constant(true));
  add(CtClass.charType, 'SC', Modifier.STATIC | Modifier.FINAL, I.constant('q'.charCodeAt(0)));
  add(CtClass.intType, 'p0', 0, I.byParameter(0));
  add(string, 'p1', 0, I.byParameter(1));
  add(made, 'n1', 0, I.byNew(made));
  add(made, 'n2', 0, I.byNew(made, strings));
  add(made, 'n3', 0, I.byNewWithParams(made));
  add(made, 'n4', 0, I.byNewWithParams(made, strings));
  add(made, 'SN1', Modifier.STATIC, I.byNew(made));
  add(made, 'SN2', Modifier.STATIC, I.byNew(made, strings));
  add(made, 'c1', 0, I.byCall(factory, 'create'));
  add(made, 'c2', 0, I.byCall(factory, 'create', strings));
  add(made, 'c3', 0, I.byCallWithParams(factory, 'create'));
  add(made, 'c4', 0, I.byCallWithParams(factory, 'create', strings));
  add(made, 'SC1', Modifier.STATIC, I.byCall(factory, 'create'));
  add(made, 'SC2', Modifier.STATIC, I.byCall(factory, 'create', strings));
  add(pool.get('int[]'), 'a1', 0, I.byNewArray(pool.get('int[]'), 3));
  add(pool.get('java.lang.String[][]'), 'a2', 0, I.byNewArray(pool.get('java.lang.String[][]'), [2, 4]));
  add(CtClass.intType, 'e', 0, I.byExpr('i * 2 + base'));
  const lines = cc.getDeclaredFields().map((f) => {
    const value = f.getConstantValue();
    return `field ${f.getName()} ${value === null || value === undefined ? 'null' : String(value)}`;
  });
  await cc.writeFile(out);
  return lines;
}

describe.skipIf(!existsSync(JAVASSIST_JAR))('CtField.Initializer against Javassist 3.27', () => {
  it('initializes added fields in every constructor and the static initializer as Javassist does', async () => {
    const classes = (await compileJava(FIXTURE)).dir;
    const harness = (await compileJava({ 'JavassistInitializers.java': HARNESS }, { classpath: JAVASSIST_JAR })).dir;
    const javassistOut = mkdtempSync(join(tmpdir(), 'cf-init-jv-'));
    const classforgeOut = mkdtempSync(join(tmpdir(), 'cf-init-cf-'));
    scratch.push(javassistOut, classforgeOut);
    const run = await runJava({ classpath: [harness, JAVASSIST_JAR], mainClass: 'JavassistInitializers', args: [classes, javassistOut] });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(await classforgeSide(classes, classforgeOut)).toEqual(run.stdout.trimEnd().split('\n'));
    const runner = (await compileJava({ 'InitializersRun.java': RUNNER })).dir;
    const outputs: string[] = [];
    for (const out of [javassistOut, classforgeOut]) {
      const result = await runJava({ classpath: [out, classes, runner], mainClass: 'InitializersRun', jvmArgs: ['-Xverify:all'] });
      expect(result.stderr).toBe('');
      outputs.push(result.stdout);
    }
    expect(outputs[1]).toBe(outputs[0]);
    expect(outputs[0]).toContain('n4=new(Target,[s1, s"2],args[5, five])');
  }, 120_000);
});
