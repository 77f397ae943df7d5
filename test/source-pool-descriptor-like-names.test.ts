// ClassPool.get takes primitive types by name (`short`), not by descriptor letter: a class named `S`,
// `I` or `V` in the default package is that class, as Javassist 3.27 answers (its oracle runs here on
// the same classes). `get('S')` gave the primitive short.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ClassPool } from '../src/source/index.js';
import { compileJava, runJava } from '../src/testing/index.js';

const JAVASSIST_JAR = '/usr/share/java/javassist.jar';

describe('ClassPool.get of a name that is also a descriptor letter', () => {
  it('gives the class, and the primitive only by its name', async () => {
    const classes = await compileJava({ 'S.java': 'public class S { void m() {} }', 'I.java': 'public class I {}', 'V.java': 'public interface V {}' });
    const pool = new ClassPool(true).appendClassPath(classes.dir);
    const ours = ['S', 'I', 'V', 'short', 'int', 'void'].map((name) => {
      const type = pool.get(name);
      return `${name} -> ${type.getName()} ${type.isPrimitive() ? 'primitive' : type.isInterface() ? 'interface' : 'class'}`;
    });
    expect(ours).toEqual(['S -> S class', 'I -> I class', 'V -> V interface', 'short -> short primitive', 'int -> int primitive', 'void -> void primitive']);
    if (!existsSync(JAVASSIST_JAR)) return; // .ci/run installs libjavassist-java; the expectation above stands without it
    const harness = await compileJava(
      {
        'PoolNames.java': `import javassist.*;
          public class PoolNames { public static void main(String[] a) throws Exception {
            ClassPool pool = new ClassPool(true); pool.appendClassPath(a[0]);
            for (String name : new String[] { "S", "I", "V", "short", "int", "void" }) {
              CtClass type = pool.get(name);
              System.out.println(name + " -> " + type.getName() + " " + (type.isPrimitive() ? "primitive" : type.isInterface() ? "interface" : "class"));
            } } }`,
      },
      { classpath: [JAVASSIST_JAR] },
    );
    const run = await runJava({ classpath: [harness.dir, JAVASSIST_JAR], mainClass: 'PoolNames', args: [classes.dir] });
    expect(run.stdout.trim().split('\n')).toEqual(ours);
  });
});
