// A CtMethod, CtField or MethodInfo obtained before the class is renamed (setName, replaceClassName,
// getAndRename's copy) stays the class's member, as in Javassist 3.27: an edit made through it after
// the rename is in the class written. They held the member node of before the rename, which the
// remapping replaced: the edits were silently lost. Javassist runs the same edits here as the oracle.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AccessFlag, ClassPool, CtField, CtNewMethod, Modifier } from '../src/source/index.js';
import { compileJava, runJava } from '../src/testing/index.js';
import { makeTempDir } from './support/javac.js';

const JAVASSIST_JAR = '/usr/share/java/javassist.jar';

/** Prints what the renamed class's members say, reflectively. */
const PRINTER = `public class PrintRenamed { public static void main(String[] a) throws Exception {
  Class<?> c = Class.forName("p.B");
  Object o = c.getDeclaredConstructor().newInstance();
  java.lang.reflect.Method m = c.getDeclaredMethod("m");
  java.lang.reflect.Method n = c.getDeclaredMethod("n");
  java.lang.reflect.Field f = c.getDeclaredField("f");
  System.out.println(m.invoke(o) + " " + java.lang.reflect.Modifier.toString(m.getModifiers()) + " " + java.lang.reflect.Modifier.toString(n.getModifiers()) + " " + java.lang.reflect.Modifier.toString(f.getModifiers()) + " " + f.getType().getName());
} }`;

describe('member views obtained before a rename', () => {
  it('edit the renamed class, as Javassist', async () => {
    const pool = new ClassPool(true);
    const cc = pool.makeClass('p.A');
    cc.addField(CtField.make('public int f;', cc));
    cc.addMethod(CtNewMethod.make('public int m() { return 1; }', cc));
    cc.addMethod(CtNewMethod.make('public void n() { }', cc));
    const m = cc.getDeclaredMethod('m');
    const f = cc.getDeclaredField('f');
    const n = cc.getClassFile().getMethod('n')!;
    cc.setName('p.B');
    m.setBody('{ return 2; }');
    m.setModifiers(Modifier.PUBLIC | Modifier.FINAL);
    f.setModifiers(Modifier.PUBLIC | Modifier.VOLATILE);
    n.setAccessFlags(AccessFlag.PUBLIC | AccessFlag.SYNCHRONIZED);
    expect(cc.getDeclaredMethod('m')).toBe(m);

    const work = await makeTempDir('rename-views');
    const ours = join(work, 'ours');
    mkdirSync(join(ours, 'p'), { recursive: true });
    writeFileSync(join(ours, 'p', 'B.class'), cc.toBytecode());
    const printer = await compileJava({ 'PrintRenamed.java': PRINTER });
    const run = await runJava({ classpath: [ours, printer.dir], mainClass: 'PrintRenamed', jvmArgs: ['-Xverify:all'] });
    expect(run.stdout.trim()).toBe('2 public final public synchronized public volatile int');

    if (!existsSync(JAVASSIST_JAR)) return; // .ci/run installs libjavassist-java; the expectation above stands without it
    const harness = await compileJava(
      {
        'RenameViews.java': `import javassist.*; import javassist.bytecode.*;
          public class RenameViews { public static void main(String[] a) throws Exception {
            ClassPool pool = new ClassPool(true);
            CtClass cc = pool.makeClass("p.A");
            cc.addField(CtField.make("public int f;", cc));
            cc.addMethod(CtNewMethod.make("public int m() { return 1; }", cc));
            cc.addMethod(CtNewMethod.make("public void n() { }", cc));
            CtMethod m = cc.getDeclaredMethod("m");
            CtField f = cc.getDeclaredField("f");
            MethodInfo n = cc.getClassFile().getMethod("n");
            cc.setName("p.B");
            m.setBody("{ return 2; }");
            m.setModifiers(Modifier.PUBLIC | Modifier.FINAL);
            f.setModifiers(Modifier.PUBLIC | Modifier.VOLATILE);
            n.setAccessFlags(AccessFlag.PUBLIC | AccessFlag.SYNCHRONIZED);
            cc.writeFile(a[0]);
          } }`,
      },
      { classpath: [JAVASSIST_JAR] },
    );
    const theirs = join(work, 'theirs');
    await runJava({ classpath: [harness.dir, JAVASSIST_JAR], mainClass: 'RenameViews', args: [theirs] });
    const oracle = await runJava({ classpath: [theirs, printer.dir], mainClass: 'PrintRenamed', jvmArgs: ['-Xverify:all'] });
    expect(run.stdout).toBe(oracle.stdout);
  });
});
