// MethodParametersAttribute (JVMS §4.7.24, javac -parameters): the parameter names and flags read
// through MethodInfo.getAttribute as Javassist 3.27 reads them (name indexes resolved through the
// ConstPool), on the same javac class; and names added with addAttribute reach java.lang.reflect.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClassPool, MethodParametersAttribute, Modifier } from '../src/source/index.js';
import { compileJava, runJava } from '../src/testing/index.js';

const JAVASSIST_JAR = '/usr/share/java/javassist.jar';

const FIXTURE = {
  'mp/Svc.java': `package mp;
public class Svc {
  public Svc(final String name, int size) { }
  public long sum(int first, final long second, double... rest) { return 0; }
  public void none() { }
  class Inner { Inner(int x) { } }
  enum Mode { A; }
}
`,
};

const HARNESS = `import javassist.*;
import javassist.bytecode.*;
public class ParamsOracle {
  public static void main(String[] a) throws Exception {
    ClassPool pool = new ClassPool(true);
    pool.appendClassPath(a[0]);
    for (int i = 1; i < a.length; i++) {
      for (CtBehavior b : pool.get(a[i]).getDeclaredBehaviors()) {
        MethodInfo mi = b.getMethodInfo();
        MethodParametersAttribute mp = (MethodParametersAttribute) mi.getAttribute(MethodParametersAttribute.tag);
        StringBuilder s = new StringBuilder(b.getLongName());
        if (mp == null) s.append(" none");
        else for (int j = 0; j < mp.size(); j++) s.append(' ').append(mp.name(j) == 0 ? "-" : mi.getConstPool().getUtf8Info(mp.name(j))).append('/').append(mp.accessFlags(j));
        System.out.println(s);
      }
    }
  }
}
`;

describe.skipIf(!existsSync(JAVASSIST_JAR))('MethodParametersAttribute against Javassist 3.27', () => {
  it('reads parameter names as Javassist does, and adds them', async () => {
    const classes = (await compileJava(FIXTURE, { javacOptions: ['-parameters'] })).dir;
    const harness = (await compileJava({ 'ParamsOracle.java': HARNESS }, { classpath: JAVASSIST_JAR })).dir;
    const names = ['mp.Svc', 'mp.Svc$Inner', 'mp.Svc$Mode'];
    const run = await runJava({ classpath: [harness, JAVASSIST_JAR], mainClass: 'ParamsOracle', args: [classes, ...names] });
    expect(run.stderr).toBe('');
    const pool = new ClassPool(true).appendClassPath(classes);
    const lines: string[] = [];
    for (const name of names) {
      for (const b of pool.get(name).getDeclaredBehaviors()) {
        const mi = b.getMethodInfo();
        const mp = mi.getAttribute(MethodParametersAttribute.tag) as MethodParametersAttribute | null;
        let s = b.getLongName();
        if (mp === null) s += ' none';
        else for (let j = 0; j < mp.size(); j++) s += ` ${mp.name(j) === 0 ? '-' : mi.getConstPool().getUtf8Info(mp.name(j))}/${mp.accessFlags(j)}`;
        lines.push(s);
      }
    }
    expect(lines).toEqual(run.stdout.trimEnd().split('\n'));
    expect(lines).toContain('mp.Svc.sum(int,long,double[]) first/0 second/16 rest/0');

    // Added names are what reflection sees.
    const svc = pool.get('mp.Svc');
    const none = svc.getDeclaredMethod('sum').getMethodInfo();
    none.addAttribute(new MethodParametersAttribute(none.getConstPool(), ['a', 'b', 'c'], [Modifier.FINAL, 0, 0]));
    const out = mkdtempSync(join(tmpdir(), 'cf-mp-'));
    try {
      await svc.writeFile(out);
      const reader = await compileJava({
        'MpRead.java': `public class MpRead { public static void main(String[] a) throws Exception {
  for (java.lang.reflect.Parameter p : Class.forName("mp.Svc").getMethod("sum", int.class, long.class, double[].class).getParameters()) System.out.print(p + ";");
} }
`,
      });
      const read = await runJava({ classpath: [out, reader.dir], mainClass: 'MpRead', jvmArgs: ['-Xverify:all'] });
      expect(read.stderr).toBe('');
      expect(read.stdout).toBe('final int a;long b;double... c;');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});
