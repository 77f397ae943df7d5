// The agent at JVM start (DESIGN.md, "The agent"): `classforge agent` builds a jar, `java
// -javaagent:<jar>` and `classforge run` apply the transforms as classes load. Oracles: the same
// transform applied offline by `classforge transform` (same program output under -Xverify:all),
// and the program's own output when a transform fails, stalls or cannot start (fail open).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileJava, diffClasses, javaTool, runJava, verifyClasses, type CompiledClasses } from '../src/testing/index.js';

const root = resolve(__dirname, '..');
const cli = join(root, 'dist', 'cli', 'classforge.js');
const shim = join(root, 'dist', 'java-agent-shim', 'classforge', 'agent', 'ClassforgeAgent.class');
const execFileAsync = promisify(execFile);
const scratch = mkdtempSync(join(tmpdir(), 'classforge-agent-run-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Outcome {
  stdout: string;
  stderr: string;
  exitCode: number;
}

async function classforge(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<Outcome> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', env, timeout: 60_000 });
    return { stdout, stderr, exitCode: 0 };
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; code?: number };
    if (typeof failure.code !== 'number') throw error;
    return { stdout: failure.stdout ?? '', stderr: failure.stderr ?? '', exitCode: failure.code };
  }
}

const TIMING = ['-t', 'examples/method-timing/transform.ts', '--options', '{"methods": "^app\\\\.Zoo\\\\.(pick|check)$"}'];
const EXPECTED_STDOUT = 'woof meow\ncaught too many: 2\n';
const EXPECTED_TIMING =
  'app.Zoo.pick took N ns\napp.Zoo.pick took N ns\napp.Zoo.check took N ns (threw java.lang.IllegalStateException)\n';
const nanos = (text: string): string => text.replace(/\d+ ns/g, 'N ns');

// Needs the built CLI and shim (npm test builds both; the shim needs a javac at build time).
describe.skipIf(!existsSync(cli) || !existsSync(shim))('the agent at JVM start', () => {
  let program: CompiledClasses;
  beforeAll(async () => {
    program = await compileJava(join(root, 'fixtures', 'agent', 'app'));
  });

  it('classforge agent + java -javaagent: the same output as the transform applied offline, under -Xverify:all', async () => {
    const agentJar = join(scratch, 'timing-agent.jar');
    const built = await classforge(['agent', ...TIMING, '-o', agentJar]);
    expect(built).toMatchObject({ exitCode: 0, stderr: '' });
    expect(statSync(agentJar).size).toBeGreaterThan(1000);

    const offline = join(scratch, 'timed-offline');
    expect(await classforge(['transform', program.dir, '-o', offline, ...TIMING, '--jobs', '1'])).toMatchObject({ exitCode: 0 });
    const expected = await runJava({ classpath: offline, mainClass: 'app.Zoo', verify: true });
    expect(expected.stdout).toBe(EXPECTED_STDOUT);
    expect(nanos(expected.stderr)).toBe(EXPECTED_TIMING);

    const live = await runJava({ classpath: program.dir, mainClass: 'app.Zoo', verify: true, jvmArgs: [`-javaagent:${agentJar}`] });
    expect(live.exitCode).toBe(0);
    expect(live.stdout).toBe(expected.stdout);
    // pick's frames join a Dog and a Cat: without the class loader's answers the host could not
    // compute them and would have logged a failure instead of timing the method.
    expect(nanos(live.stderr)).toBe(EXPECTED_TIMING);
  });

  it('classforge run: the program runs with the transforms, its exit status passes through', async () => {
    const java = javaTool('java');
    const result = await classforge(['run', ...TIMING, '--', java, '-Xverify:all', '-cp', program.dir, 'app.Zoo', '3']);
    expect(result.exitCode).toBe(3);
    expect(result.stdout).toBe(EXPECTED_STDOUT);
    expect(nanos(result.stderr)).toBe(EXPECTED_TIMING);
  });

  it('classforge run without --: options from the command\'s first word on are the command\'s', async () => {
    // As `time java -cp …` takes it; before, commander refused the java options: "unknown option '-Xverify:all'".
    const java = javaTool('java');
    const result = await classforge(['run', ...TIMING, java, '-Xverify:all', '-cp', program.dir, 'app.Zoo', '3', '-t', 'ignored']);
    expect(result.exitCode).toBe(3);
    expect(result.stdout).toBe(EXPECTED_STDOUT);
    expect(nanos(result.stderr)).toBe(EXPECTED_TIMING);
  });

  it('classforge run with a launcher that is not java (a shell script): the agent goes through JAVA_TOOL_OPTIONS', async () => {
    const java = javaTool('java');
    const script = `exec "${java}" -Xverify:all -cp "${program.dir}" app.Zoo`;
    const result = await classforge(['run', ...TIMING, '--', 'sh', '-c', script]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(EXPECTED_STDOUT);
    // The JVM says it picked the option up; the timing lines follow.
    const lines = result.stderr.split('\n');
    expect(lines[0]).toMatch(/^Picked up JAVA_TOOL_OPTIONS: -javaagent:.*classforge-agent\.jar$/);
    expect(nanos(lines.slice(1).join('\n'))).toBe(EXPECTED_TIMING);
  });

  it('a transform whose include selects none of the classes the JVM loads: a warning naming its globs', async () => {
    // Offline, transform warns about such a transform; under run the program ran untransformed without a word
    // (the examples' include: ['example.**'] on a user's com.acme program).
    const java = javaTool('java');
    const elsewhere = join(scratch, 'elsewhere.mjs');
    writeFileSync(elsewhere, "import { defineTransform } from 'classforge';\nexport default defineTransform({ name: 'elsewhere', include: ['example.**'], exclude: ['example.gen.*'], tree() {} });\n");
    const result = await classforge(['run', '-t', elsewhere, '--', java, '-cp', program.dir, 'app.Zoo']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(EXPECTED_STDOUT);
    expect(result.stderr).toBe(
      'classforge: warning: the transforms selected none of the classes the JVM loaded, nothing was transformed (elsewhere: include example.**; exclude example.gen.*)\n',
    );
  });

  it('a transform without include globs gets the application\'s classes only, not the JDK\'s', async () => {
    // Timing every method of java.io from inside println would recurse forever.
    const java = javaTool('java');
    const result = await classforge(['run', '-t', 'examples/method-timing/transform.ts', '--', java, '-Xverify:all', '-cp', program.dir, 'app.Zoo']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(EXPECTED_STDOUT);
    const timed = new Set(result.stderr.trim().split('\n').map((line) => line.replace(/\.[^.]* took .*$/, '')));
    expect([...timed].sort()).toEqual(['app.Animal', 'app.Cat', 'app.Dog', 'app.Zoo']);
  });

  it('JDK classes the include globs name that the JVM loaded before the agent started are retransformed at start', async () => {
    // java.util.ArrayDeque comes from the CDS archive while the JVM boots, before premain.
    const deques = await compileJava(join(root, 'fixtures', 'agent', 'jdk'));
    const java = javaTool('java');
    const result = await classforge(['run', '-t', 'fixtures/agent/transforms/trace-jdk.ts', '--', java, '-Xverify:all', '-cp', deques.dir, 'Deques']);
    expect(result).toMatchObject({ exitCode: 0, stderr: '' });
    expect(result.stdout).toBe('jdk java.util.ArrayDeque.descendingIterator\nab\n');
  });

  it('a class loaded before the agent started that the JVM cannot retransform (a new member) is reported, not silently skipped', async () => {
    const deques = await compileJava(join(root, 'fixtures', 'agent', 'jdk'));
    const java = javaTool('java');
    const result = await classforge(['run', '-t', 'fixtures/agent/transforms/adds-field-jdk.ts', '--', java, '-cp', deques.dir, 'Deques']);
    expect(result).toMatchObject({ exitCode: 0, stdout: 'ab\n' });
    expect(result.stderr).toMatch(/^\[classforge\] cannot retransform java\.util\.ArrayDeque \(loaded before the agent started; not transformed\): java\.lang\.UnsupportedOperationException: .*add\/remove fields.*\n$/);
  });

  it('a command that starts no JVM: its exit status, and a warning that no JVM loaded the agent', async () => {
    const result = await classforge(['run', ...TIMING, '--', 'sh', '-c', 'echo no java here; exit 4']);
    expect(result).toMatchObject({ exitCode: 4, stdout: 'no java here\n' });
    expect(result.stderr).toBe(
      "classforge: warning: no JVM loaded the agent, nothing was transformed: 'sh' started no JVM that picked up JAVA_TOOL_OPTIONS (how a command other than java passes the agent to the JVMs it starts)\n",
    );
  });

  it('a transform that throws: one line naming the transform and the class, which loads unchanged', async () => {
    const java = javaTool('java');
    const result = await classforge(['run', '-t', 'fixtures/agent/transforms/throws-on-cat.ts', '--', java, '-Xverify:all', '-cp', program.dir, 'app.Zoo']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(EXPECTED_STDOUT);
    expect(result.stderr).toBe("[classforge] transform 'throws-on-cat' failed on app.Cat: cannot handle app/Cat (class left unchanged)\n");
  });

  it('classforge run --dump: the classes changed inside the JVM, before and after, and those a transform failed on', async () => {
    const java = javaTool('java');
    const dump = join(scratch, 'dump');
    const timed = await classforge(['run', ...TIMING, '--dump', dump, '--', java, '-Xverify:all', '-cp', program.dir, 'app.Zoo']);
    expect(timed).toMatchObject({ exitCode: 0, stdout: EXPECTED_STDOUT });
    // Only app.Zoo has the methods timed: the other classes went through unchanged and are not dumped.
    expect(readdirSync(join(dump, 'original', 'app'))).toEqual(['Zoo.class']);
    expect(readFileSync(join(dump, 'original', 'app', 'Zoo.class'))).toEqual(Buffer.from(program.classes.get('app/Zoo')!));
    const changes = diffClasses(join(dump, 'original'), join(dump, 'transformed'), { skipDebug: true });
    expect(changes.changed.map((c) => c.name)).toEqual(['app/Zoo']);
    expect(changes.changed[0]!.diff).toContain('+    INVOKESTATIC java/lang/System.nanoTime ()J');
    expect((await verifyClasses(join(dump, 'transformed'), { classPath: [program.dir] })).failures).toEqual([]);

    const failing = join(scratch, 'dump-failing');
    const failed = await classforge(['run', '-t', 'fixtures/agent/transforms/throws-on-cat.ts', '--dump', failing, '--', java, '-cp', program.dir, 'app.Zoo']);
    expect(failed).toMatchObject({ exitCode: 0, stdout: EXPECTED_STDOUT });
    expect(readFileSync(join(failing, 'failed', 'app', 'Cat.class'))).toEqual(Buffer.from(program.classes.get('app/Cat')!));
  });

  it('a transform that renames a class as it loads: refused with a message, the class loads unchanged', async () => {
    // The JVM would fail with NoClassDefFoundError (wrong name: app/Kitten) and the program with it.
    const java = javaTool('java');
    const result = await classforge(['run', '-t', 'fixtures/agent/transforms/renames-cat.ts', '--', java, '-Xverify:all', '-cp', program.dir, 'app.Zoo']);
    expect(result).toMatchObject({ exitCode: 0, stdout: EXPECTED_STDOUT });
    expect(result.stderr).toBe(
      '[classforge] cannot transform app.Cat: the transforms renamed app.Cat to app.Kitten, but a class cannot change its name as it loads (relocate ahead of time, with classforge transform) (class left unchanged)\n',
    );
  });

  it('with --verbose, a transform that throws inside the JVM also gets its stack, at the line of the transform file', async () => {
    // The one line told what and where, but --verbose ("stack traces on errors") showed no stack for a failure in the JVM.
    const java = javaTool('java');
    const transform = join(root, 'fixtures/agent/transforms/throws-on-cat.ts');
    const result = await classforge(['run', '--verbose', '-t', transform, '--', java, '-Xverify:all', '-cp', program.dir, 'app.Zoo']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(EXPECTED_STDOUT);
    expect(result.stderr).toContain("[classforge] transform 'throws-on-cat' failed on app.Cat: cannot handle app/Cat (class left unchanged)\n");
    expect(result.stderr).toContain("[classforge] the stack of that failure: TransformError: transform 'throws-on-cat' failed on app.Cat: cannot handle app/Cat\n");
    expect(result.stderr).toContain(`Caused by: Error: cannot handle app/Cat\n    at Object.tree (${transform}:8:11)\n`);
  });

  it('a host slower than --timeout: the class loads unchanged after the timeout, with a warning (fail open)', async () => {
    const java = javaTool('java');
    const started = Date.now();
    const result = await classforge([
      'run', '-t', 'fixtures/agent/transforms/slow-on-cat.ts', '--timeout', '400', '--', java, '-cp', program.dir, 'app.Zoo',
    ]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(EXPECTED_STDOUT);
    expect(result.stderr).toContain('[classforge] warning: the transform host did not answer within 400 ms for app.Cat: left unchanged');
    // The JVM did not wait for the stalled transform (30 s) to finish: its exit stops the host.
    expect(Date.now() - started).toBeLessThan(25_000);
  });

  it('a transform stuck in an endless loop: the classes loaded after it do not each wait out --timeout', async () => {
    const classes = Array.from({ length: 40 }, (_, i) => `class K${i} { static int v() { return ${i}; } }`).join('\n');
    const calls = Array.from({ length: 40 }, (_, i) => `K${i}.v()`).join(' + ');
    const many = await compileJava({
      'app/Many.java': `package app;
        public class Many { public static void main(String[] a) { System.out.println(Stuck.v() + " " + (${calls})); } }
        class Stuck { static String v() { return "stuck"; } }
        ${classes}`,
    });
    const java = javaTool('java');
    const result = await classforge(['run', '-t', 'fixtures/agent/transforms/loops-on-stuck.ts', '--timeout', '300', '--', java, '-cp', many.dir, 'app.Many']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('stuck 780\n');
    expect(result.stderr).toContain('[classforge] warning: the transform host did not answer within 300 ms for app.Stuck: left unchanged');
    // Only the stuck class waited out the timeout (each wait is reported, the first five of them):
    // the 40 classes after it loaded unchanged at once. Counted, not timed, so that a slow machine cannot fail it.
    expect(result.stderr.match(/did not answer within/g)).toHaveLength(1);
  });

  it('8 threads loading 400 classes at once: every class transformed, frames verified, no deadlock', async () => {
    // Each class joins two nested classes of its own (not loaded yet) in a conditional: their
    // common superclass makes the host ask the JVM for class files while other threads wait on it.
    const members = Array.from({ length: 400 }, (_, i) => `class C${i} {
        static class A extends B {} static class B {}
        static String v(int x) { B o = x > 0 ? new A() : new B(); return "ORIG".concat(String.valueOf(o == null)); } }`).join('\n');
    const crowd = await compileJava({
      'many/Load.java': `package many;
        public class Load {
          public static void main(String[] args) throws Exception {
            java.util.concurrent.atomic.AtomicInteger transformed = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            Thread[] threads = new Thread[8];
            for (int t = 0; t < threads.length; t++) {
              final int offset = t * 50;
              threads[t] = new Thread(() -> {
                try {
                  start.await();
                  for (int i = 0; i < 400; i++) {
                    Object r = Class.forName("many.C" + ((i + offset) % 400)).getDeclaredMethod("v", int.class).invoke(null, 1);
                    if (offset == 0 && ((String) r).startsWith("XFORM")) transformed.incrementAndGet();
                  }
                } catch (Exception e) { throw new RuntimeException(e); }
              });
              threads[t].start();
            }
            start.countDown();
            for (Thread thread : threads) thread.join();
            System.out.println("transformed " + transformed);
          }
        }
        ${members}`,
    });
    const java = javaTool('java');
    const result = await classforge(['run', '-t', 'fixtures/agent/transforms/retag.ts', '--', java, '-Xverify:all', '-cp', crowd.dir, 'many.Load']);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('transformed 400\n');
    expect(result.exitCode).toBe(0);
  });

  it('a class loader locked while it defines a class, whose getResource takes the same lock: the frame questions are answered, no wait', async () => {
    // A loader that is not parallel capable is locked for the whole loadClass; a synchronized
    // getResource (as some older loaders have) then blocks every thread but the defining one.
    const members = Array.from({ length: 10 }, (_, i) => `class C${i} {
        static class A extends B {} static class B {}
        static String v(int x) { B o = x > 0 ? new A() : new B(); return "ORIG".concat(String.valueOf(o == null)); } }`).join('\n');
    const program = await compileJava({
      'many/SyncLoad.java': `package many;
        public class SyncLoad {
          public static void main(String[] args) throws Exception {
            java.net.URL[] path = { SyncLoad.class.getProtectionDomain().getCodeSource().getLocation() };
            ClassLoader loader = new java.net.URLClassLoader(path, null) {
              @Override public synchronized java.net.URL getResource(String name) { return super.getResource(name); }
            };
            int transformed = 0;
            for (int i = 0; i < 10; i++) {
              java.lang.reflect.Method v = loader.loadClass("many.C" + i).getDeclaredMethod("v", int.class);
              v.setAccessible(true); // another loader's package
              if (((String) v.invoke(null, 1)).startsWith("XFORM")) transformed++;
            }
            System.out.println("transformed " + transformed);
          }
        }
        ${members}`,
    });
    const java = javaTool('java');
    const started = Date.now();
    const result = await classforge(['run', '-t', 'fixtures/agent/transforms/retag.ts', '--timeout', '2000', '--', java, '-Xverify:all', '-cp', program.dir, 'many.SyncLoad']);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('transformed 10\n');
    expect(result.exitCode).toBe(0);
    // Each class waiting out the timeout would take 20 s.
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('a program making a class loader per class: the host keeps one JDK image open, not one per loader', async () => {
    // Frame questions make the host build a class path per class loader; each used to open the
    // JDK's runtime image and read its index (a descriptor and megabytes per loader, kept).
    const members = Array.from({ length: 10 }, (_, i) => `class C${i} {
        static class A extends B {} static class B {}
        public static String v(int x) { B o = x > 0 ? new A() : new B(); return "ORIG".concat(String.valueOf(o == null)); } }`).join('\n');
    const program = await compileJava({
      'many/Loaders.java': `package many;
        public class Loaders {
          public static void main(String[] args) throws Exception {
            java.net.URL[] path = { Loaders.class.getProtectionDomain().getCodeSource().getLocation() };
            int transformed = 0;
            for (int i = 0; i < 200; i++) {
              ClassLoader loader = new java.net.URLClassLoader(path, null);
              java.lang.reflect.Method v = loader.loadClass("many.C" + (i % 10)).getDeclaredMethod("v", int.class);
              v.setAccessible(true);
              if (((String) v.invoke(null, 1)).startsWith("XFORM")) transformed++;
            }
            System.out.println("transformed " + transformed + " " + new Last());
          }
        }
        class Last { }
        ${members}`,
    });
    // The retag transform, plus a count of the host's open file descriptors when many.Last loads.
    const counting = join(scratch, 'retag-counting-descriptors.ts');
    writeFileSync(
      counting,
      `import { readdirSync } from 'node:fs';
import { defineTransform } from 'classforge';
import retag from ${JSON.stringify(join(root, 'fixtures', 'agent', 'transforms', 'retag.ts'))};
export default defineTransform({
  name: 'retag-counting-descriptors',
  include: ['many.**'],
  visitor: (next, ctx) => {
    if (ctx.className === 'many.Last') ctx.log('open descriptors ' + readdirSync('/proc/self/fd').length);
    return retag.visitor!(next, ctx as never);
  },
});
`,
    );
    const java = javaTool('java');
    const result = await classforge(['run', '-t', counting, '--', java, '-cp', program.dir, 'many.Loaders']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^transformed 200 many\.Last@/);
    const descriptors = /open descriptors (\d+)/.exec(result.stderr);
    expect(descriptors, result.stderr).not.toBeNull();
    expect(Number(descriptors![1])).toBeLessThan(100);
  });

  it('a host that dies mid-run: the class and the ones after load unchanged, one warning, the program completes', async () => {
    const java = javaTool('java');
    const result = await classforge(['run', '-t', 'fixtures/agent/transforms/exits-on-cat.ts', '--', java, '-Xverify:all', '-cp', program.dir, 'app.Zoo']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(EXPECTED_STDOUT);
    expect(result.stderr).toBe('[classforge] warning: the transform host exited (exit status 3): classes load unchanged from now on\n');
  });

  it('a host that cannot start: the agent says so in one line and the program runs without transforms', async () => {
    const agentJar = join(scratch, 'timing-agent-2.jar');
    expect(await classforge(['agent', ...TIMING, '-o', agentJar])).toMatchObject({ exitCode: 0 });
    const result = await runJava({
      classpath: program.dir,
      mainClass: 'app.Zoo',
      jvmArgs: [`-javaagent:${agentJar}`],
      env: { CLASSFORGE_NODE: join(scratch, 'no-such-node') },
    });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(EXPECTED_STDOUT);
    expect(result.stderr).toMatch(/^\[classforge\] agent disabled, the application runs without transforms: .*cannot start the transform host .*no-such-node.*\n$/);
  });

  it('bad usage and bad input: exit 2, one line, no output file', async () => {
    const java = javaTool('java');
    const noTransform = await classforge(['run', '--', java, '-version']);
    expect(noTransform).toMatchObject({ exitCode: 2, stderr: 'classforge: give at least one transform module with -t <file>\n' });
    // Without --, a -t after the command's first word is the command's: say where it goes.
    const lateTransform = await classforge(['run', java, '-cp', program.dir, 'app.Zoo', '-t', 'examples/method-timing/transform.ts']);
    expect(lateTransform).toMatchObject({
      exitCode: 2,
      stderr: "classforge: give at least one transform module with -t <file>, before the command (from the command's first word on, every argument is the command's)\n",
    });
    const noCommand = await classforge(['run', ...TIMING]);
    expect(noCommand.exitCode).toBe(2);
    const missingProgram = await classforge(['run', ...TIMING, '--', join(scratch, 'no-such-java')]);
    expect(missingProgram).toMatchObject({ exitCode: 2 });
    expect(missingProgram.stderr).toMatch(/^classforge: cannot run '.*no-such-java': no such command\n$/);
    const badOptions = join(scratch, 'bad-options.jar');
    const invalid = await classforge(['agent', '-t', 'examples/method-timing/transform.ts', '--options', '{"thresholdNanos": "soon"}', '-o', badOptions]);
    expect(invalid.exitCode).toBe(2);
    expect(invalid.stderr.split('\n')).toHaveLength(2);
    expect(invalid.stderr).toContain('thresholdNanos');
    expect(existsSync(badOptions)).toBe(false);
    const noOutput = await classforge(['agent', ...TIMING]);
    expect(noOutput).toMatchObject({ exitCode: 2, stderr: 'classforge: give the agent jar to write with -o <agent.jar>\n' });
  });
});
