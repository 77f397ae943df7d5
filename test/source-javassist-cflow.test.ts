// CtBehavior.useCflow and `$cflow(name)` (Javassist's tutorial §4.1): the same edits by Javassist 3.27
// (test/support/JavassistCflow.java, run at test time) and by classforge/source; both classes run
// under HotSpot with -Xverify:all and print the same depths (recursion, a call from another counted
// method, an exception leaving the method, a constructor). Javassist's counter needs
// javassist.runtime.Cflow at run time; classforge's is a java.lang.ThreadLocal (cflow.ts).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CannotCompileException, ClassPool, Modifier } from '../src/source/index.js';
import { compileJava, runJava } from '../src/testing/index.js';

const JAVASSIST_JAR = '/usr/share/java/javassist.jar';
const HARNESS = readFileSync(fileURLToPath(new URL('./support/JavassistCflow.java', import.meta.url)), 'utf8');

const FIXTURE: Record<string, string> = {
  'flow/Calc.java': `package flow;
public class Calc {
  final Calc child;
  public Calc(int depth) { child = depth > 0 ? new Calc(depth - 1) : null; }
  public static int fact(int n) {
    if (n <= 1) return inner(n);
    return n * fact(n - 1);
  }
  public static int outer(int n) { return n > 2 ? outer(n - 1) : inner(n); }
  public static int inner(int n) { return n; }
  public static void fails(int n) {
    if (n == 0) throw new IllegalStateException("bottom");
    fails(n - 1);
  }
  public static void main(String[] a) {
    System.out.println(fact(4));
    System.out.println(outer(4));
    inner(9);
    try { fails(2); } catch (IllegalStateException e) { System.out.println("caught " + e.getMessage()); }
    new Calc(2);
    // After the exception left three calls, the depth is back to 0; this one leaves main.
    fails(1);
  }
}
`,
};

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

async function classforgeSide(classPath: string, out: string): Promise<string[]> {
  const lines: string[] = [];
  const pool = new ClassPool(true).appendPathList(classPath);
  const calc = pool.get('flow.Calc');
  const fact = calc.getDeclaredMethod('fact');
  fact.useCflow('fact');
  fact.insertBefore('if ($cflow(fact) == 0) System.out.println("fact " + $1);');
  const outer = calc.getDeclaredMethod('outer');
  outer.useCflow('outer');
  const inner = calc.getDeclaredMethod('inner');
  inner.insertBefore('System.out.println("inner " + $1 + " in outer: " + ($cflow(outer) > 0) + " fact depth " + $cflow(fact));');
  const fails = calc.getDeclaredMethod('fails');
  fails.useCflow('fails');
  fails.insertBefore('System.out.println("fails depth " + $cflow(fails));');
  const init = calc.getDeclaredConstructors()[0]!;
  init.useCflow('init');
  init.insertBeforeBody('System.out.println("init depth " + $cflow(init));');
  try {
    inner.insertAfter('System.out.println($cflow(nosuch));');
    lines.push('unknown accepted');
  } catch (error) {
    if (!(error instanceof CannotCompileException)) throw error;
    lines.push('unknown refused');
  }
  for (const f of calc.getDeclaredFields()) lines.push(`field ${f.getName()} ${Modifier.toString(f.getModifiers())}`);
  await calc.writeFile(out);
  return lines;
}

describe.skipIf(!existsSync(JAVASSIST_JAR))('useCflow and $cflow against Javassist 3.27', () => {
  it('counts the calls in progress as Javassist does', async () => {
    const classes = (await compileJava(FIXTURE)).dir;
    const harness = (await compileJava({ 'JavassistCflow.java': HARNESS }, { classpath: JAVASSIST_JAR })).dir;
    const javassistOut = mkdtempSync(join(tmpdir(), 'cf-cflow-jv-'));
    const classforgeOut = mkdtempSync(join(tmpdir(), 'cf-cflow-cf-'));
    scratch.push(javassistOut, classforgeOut);
    const run = await runJava({ classpath: [harness, JAVASSIST_JAR], mainClass: 'JavassistCflow', args: [classes, javassistOut] });
    expect(run.stderr).toBe('');
    expect(await classforgeSide(classes, classforgeOut)).toEqual(run.stdout.trimEnd().split('\n'));
    const runs = [];
    for (const [out, extra] of [[javassistOut, [JAVASSIST_JAR]], [classforgeOut, []]] as const) {
      const result = await runJava({ classpath: [out, ...extra], mainClass: 'flow.Calc', jvmArgs: ['-Xverify:all'] });
      runs.push({ stdout: result.stdout, exitCode: result.exitCode, error: /IllegalStateException: bottom/.test(result.stderr) });
    }
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[0]!.stdout).toContain('fact 4\ninner 1 in outer: false fact depth 4\n24');
    expect(runs[0]!.stdout).toContain('caught bottom\ninit depth 1\ninit depth 2\ninit depth 3\nfails depth 0\nfails depth 1\n');
    expect(runs[0]!.error).toBe(true);
  }, 120_000);
});
