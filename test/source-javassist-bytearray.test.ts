// ByteArrayClassPath, the agent idiom: the class being loaded is found in its bytes
// (insertClassPath: before the directories, so it shadows an older copy on disk), a helper class only
// in memory (appendClassPath) is used by a snippet, and removeClassPath forgets it. Javassist 3.27
// (run at test time) and classforge/source make the same classes, which run the same under HotSpot.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ByteArrayClassPath, ClassPool, NotFoundException } from '../src/source/index.js';
import { compileJava, runJava } from '../src/testing/index.js';

const JAVASSIST_JAR = '/usr/share/java/javassist.jar';

const OLD = { 'agent/Target.java': 'package agent;\npublic class Target { public static String run() { return "old"; } }\n' };
const NEW = {
  'agent/Target.java': `package agent;
public class Target {
  public static String run() { return "new " + pick(3); }
  static Object pick(int n) { return n > 2 ? (Object) "big" : (Object) Integer.valueOf(n); }
  public static void main(String[] a) { System.out.println(run()); }
}
`,
  'agent/Helper.java': 'package agent;\npublic class Helper { public static String tag(String s) { return "[" + s + "]"; } }\n',
};

const HARNESS = `import javassist.*;
import java.nio.file.*;
public class ByteArrayOracle {
  public static void main(String[] a) throws Exception {
    ClassPool pool = new ClassPool(true);
    pool.appendClassPath(a[0]);
    pool.insertClassPath(new ByteArrayClassPath("agent.Target", Files.readAllBytes(Paths.get(a[1], "agent/Target.class"))));
    ByteArrayClassPath helper = new ByteArrayClassPath("agent.Helper", Files.readAllBytes(Paths.get(a[1], "agent/Helper.class")));
    pool.appendClassPath(helper);
    CtClass target = pool.get("agent.Target");
    target.getDeclaredMethod("run").insertAfter("$_ = agent.Helper.tag($_);");
    target.writeFile(a[2]);
    pool.get("agent.Helper").writeFile(a[2]);
    pool.removeClassPath(helper);
    pool.get("agent.Helper").detach();
    try { pool.get("agent.Helper"); System.out.println("still found"); } catch (NotFoundException e) { System.out.println("gone"); }
  }
}
`;

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!existsSync(JAVASSIST_JAR))('ByteArrayClassPath against Javassist 3.27', () => {
  it('finds classes held in memory before and after the directories, as Javassist does', async () => {
    const onDisk = (await compileJava(OLD)).dir;
    const fresh = (await compileJava(NEW)).dir;
    const harness = (await compileJava({ 'ByteArrayOracle.java': HARNESS }, { classpath: JAVASSIST_JAR })).dir;
    const javassistOut = mkdtempSync(join(tmpdir(), 'cf-bacp-jv-'));
    const classforgeOut = mkdtempSync(join(tmpdir(), 'cf-bacp-cf-'));
    scratch.push(javassistOut, classforgeOut);
    const run = await runJava({ classpath: [harness, JAVASSIST_JAR], mainClass: 'ByteArrayOracle', args: [onDisk, fresh, javassistOut] });
    expect(run.stderr).toBe('');

    const pool = new ClassPool(true).appendClassPath(onDisk);
    pool.insertClassPath(new ByteArrayClassPath('agent.Target', readFileSync(join(fresh, 'agent/Target.class'))));
    const helper = new ByteArrayClassPath('agent.Helper', readFileSync(join(fresh, 'agent/Helper.class')));
    pool.appendClassPath(helper);
    const target = pool.get('agent.Target');
    target.getDeclaredMethod('run').insertAfter('$_ = agent.Helper.tag($_);');
    await target.writeFile(classforgeOut);
    await pool.get('agent.Helper').writeFile(classforgeOut);
    pool.removeClassPath(helper);
    pool.get('agent.Helper').detach();
    let found: string;
    try {
      pool.get('agent.Helper');
      found = 'still found';
    } catch (error) {
      if (!(error instanceof NotFoundException)) throw error;
      found = 'gone';
    }
    expect(found).toBe(run.stdout.trim());

    const outputs: string[] = [];
    for (const out of [javassistOut, classforgeOut]) {
      const result = await runJava({ classpath: [out], mainClass: 'agent.Target', jvmArgs: ['-Xverify:all'] });
      expect(result.stderr).toBe('');
      outputs.push(result.stdout);
    }
    expect(outputs[1]).toBe(outputs[0]);
    expect(outputs[0]).toBe('[new big]\n');
  }, 60_000);
});
