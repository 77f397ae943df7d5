// SerialVersionUID.calculateDefault and setSerialVersionUID: the value is the JDK's
// (java.io.ObjectStreamClass on the class javac compiled), which Javassist 3.27 also computes for
// plain classes; for nested classes, interfaces and classes with varargs or bridge methods Javassist
// hashes other modifiers and differs from the JDK (so a class it gives a serialVersionUID no longer
// reads what the unchanged class wrote), and classforge gives the JDK's. The field both add is read
// back under HotSpot.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ClassPool, SerialVersionUID } from '../src/source/index.js';
import { compileJava, runJava } from '../src/testing/index.js';

const JAVASSIST_JAR = '/usr/share/java/javassist.jar';
const HARNESS = readFileSync(fileURLToPath(new URL('./support/JavassistSerial.java', import.meta.url)), 'utf8');

const FIXTURE: Record<string, string> = {
  'svu/S1.java': `package svu;
import java.io.*;
public class S1 implements Serializable, Cloneable, Comparable<S1> {
  private static int hidden; private transient int t; int pkg; protected final long f = 1; public static final String C = "c";
  volatile double v; private int[] values;
  static { hidden = 2; }
  public S1() {} S1(int x) {} private S1(long y) {} protected S1(String s, Object... rest) {}
  public void a() {} void b(int[] x, String s) {} private void c() {} protected static synchronized native void d();
  public strictfp double e(double x) { return x; }
  public int compareTo(S1 o) { return 0; }
  public Object lambda() { Runnable r = () -> {}; return r; }
  public abstract static class Nested implements Serializable { abstract void m(); }
  protected static class Prot implements Serializable { }
  private static final class Priv implements Serializable { }
  public interface Iface extends Serializable { int X = 1; void go(); }
  public interface Empty extends Serializable { }
  class Inner implements Serializable { }
}
`,
  'svu/Plain.java': `package svu;
public final class Plain implements java.io.Serializable { public String name; public Plain() { } }
`,
  'svu/Declared.java': `package svu;
public class Declared implements java.io.Serializable { private static final long serialVersionUID = 42L; int x; }
`,
  'svu/NotSerializable.java': `package svu;
public class NotSerializable { int x; }
`,
  'svu/Child.java': `package svu;
public abstract class Child extends S1 { public abstract void more(); }
`,
};

const TOP_LEVEL = ['svu.S1', 'svu.Plain', 'svu.Child'];
/** Where Javassist's value is the JDK's. */
const JAVASSIST_AGREES = ['svu.Plain', 'svu.Child'];
const NESTED = ['svu.S1$Nested', 'svu.S1$Prot', 'svu.S1$Priv', 'svu.S1$Iface', 'svu.S1$Empty', 'svu.S1$Inner'];
const OTHERS = ['svu.Declared', 'svu.NotSerializable'];

const READER = `import java.lang.reflect.*;
public class SerialRead {
  public static void main(String[] a) throws Exception {
    for (String name : a) {
      Class<?> c = Class.forName(name);
      Field f;
      try { f = c.getDeclaredField("serialVersionUID"); } catch (NoSuchFieldException e) { System.out.println(name + " none"); continue; }
      f.setAccessible(true);
      System.out.println(name + " " + Modifier.toString(f.getModifiers()) + " " + f.getType() + " " + f.get(null) + " " + java.io.ObjectStreamClass.lookupAny(c).getSerialVersionUID());
    }
  }
}
`;

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!existsSync(JAVASSIST_JAR))('SerialVersionUID against the JDK and Javassist 3.27', () => {
  it('computes the JDK default and adds it as Javassist does', async () => {
    const classes = (await compileJava(FIXTURE)).dir;
    const harness = (await compileJava({ 'JavassistSerial.java': HARNESS }, { classpath: JAVASSIST_JAR })).dir;
    const javassistOut = mkdtempSync(join(tmpdir(), 'cf-svuid-jv-'));
    const classforgeOut = mkdtempSync(join(tmpdir(), 'cf-svuid-cf-'));
    scratch.push(javassistOut, classforgeOut);
    const all = [...TOP_LEVEL, ...NESTED, ...OTHERS];
    const run = await runJava({ classpath: [harness, JAVASSIST_JAR, classes], mainClass: 'JavassistSerial', args: [classes, javassistOut, ...all] });
    expect(run.stderr).toBe('');
    const oracle = new Map(run.stdout.trimEnd().split('\n').map((line) => {
      const [who, name, value] = line.split(' ');
      return [`${who} ${name}`, BigInt(value!)] as const;
    }));
    const pool = new ClassPool(true).appendClassPath(classes);
    for (const name of [...TOP_LEVEL, ...NESTED]) {
      const computed = SerialVersionUID.calculateDefault(pool.get(name));
      expect({ name, computed }).toEqual({ name, computed: oracle.get(`jdk ${name}`) });
      if (JAVASSIST_AGREES.includes(name)) expect({ name, computed }).toEqual({ name, computed: oracle.get(`javassist ${name}`) });
    }
    // Javassist's nested-class values are not the JDK's (which is why the JDK's is the reference).
    expect([...NESTED, 'svu.S1'].filter((name) => oracle.get(`javassist ${name}`) !== oracle.get(`jdk ${name}`))).toEqual([...NESTED, 'svu.S1']);
    for (const name of all) {
      const cc = pool.get(name);
      SerialVersionUID.setSerialVersionUID(cc);
      await cc.writeFile(classforgeOut);
    }
    const reader = (await compileJava({ 'SerialRead.java': READER })).dir;
    const read = async (out: string, names: string[]): Promise<string> => {
      const result = await runJava({ classpath: [out, classes, reader], mainClass: 'SerialRead', args: names, jvmArgs: ['-Xverify:all'] });
      expect(result.stderr).toBe('');
      return result.stdout;
    };
    expect(await read(classforgeOut, [...JAVASSIST_AGREES, ...OTHERS])).toBe(await read(javassistOut, [...JAVASSIST_AGREES, ...OTHERS]));
    // Javassist's field in an interface is private, which HotSpot refuses; classforge's is public.
    const refused = await runJava({ classpath: [javassistOut, classes, reader], mainClass: 'SerialRead', args: ['svu.S1$Iface'] });
    expect(refused.stderr).toContain('Illegal field modifiers in class svu/S1$Iface');
    // Every class keeps the serialVersionUID the JDK gave it before.
    for (const line of (await read(classforgeOut, [...TOP_LEVEL, ...NESTED])).trimEnd().split('\n')) {
      const [name, , , , , value, lookup] = line.split(' ');
      expect({ name, value, lookup }).toEqual({ name, value: String(oracle.get(`jdk ${name}`)), lookup: String(oracle.get(`jdk ${name}`)) });
    }
  }, 120_000);
});
