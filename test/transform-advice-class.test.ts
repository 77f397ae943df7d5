// A compiled Byte Buddy advice class given where a transform module goes (`-t TimingAdvice.class`):
// applied by classforge's Advice to every method of the selected classes, offline (the test kit and
// `classforge transform`) and inside the JVM (`classforge run`), with the advice-timing example's advice.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CompiledClasses, compileJava, javaTool, runJava, transformClasses } from '../src/testing/index.js';
import { TransformLoadError } from '../src/transform/transform-load-error.js';

const BYTE_BUDDY = '/usr/share/java/byte-buddy.jar';
const root = resolve(__dirname, '..');
const CLI = join(root, 'dist', 'cli', 'classforge.js');
const example = join(root, 'examples', 'advice-timing');

/** The report lines with the durations blanked. */
const reports = (stderr: string): string[] => stderr.trimEnd().split('\n').map((line) => line.replace(/ \d+ ns/, ' N ns'));

describe.skipIf(!existsSync(BYTE_BUDDY))('an advice class as a transform (-t Advice.class)', () => {
  let advice: CompiledClasses;
  let program: CompiledClasses;
  let adviceClass = '';
  let scratch = '';
  beforeAll(async () => {
    [advice, program] = await Promise.all([compileJava(join(example, 'advice'), { classpath: BYTE_BUDDY }), compileJava(join(example, 'java'))]);
    adviceClass = join(advice.dir, 'example', 'advice', 'TimingAdvice.class');
    scratch = await mkdtemp(join(tmpdir(), 'classforge-advice-class-'));
  }, 120_000);
  afterAll(async () => {
    if (scratch !== '') await rm(scratch, { recursive: true, force: true });
  });

  it('times every method, and only those its options select', async () => {
    const timed = await transformClasses(program, adviceClass);
    expect(timed.changed).toEqual(['example/orders/Orders']);
    // The inlined exit advice calls TimingAdvice.report: the advice class comes along.
    expect(timed.added).toEqual(['example/advice/TimingAdvice']);
    const run = await runJava({ classpath: timed, mainClass: 'example.orders.Orders', verify: true });
    expect(run.stdout).toBe('refused: quantity 0\nlines: 1\n');
    expect(reports(run.stderr)).toEqual([
      'example.orders.Orders.add took N ns',
      'example.orders.Orders.add took N ns (threw java.lang.IllegalArgumentException)',
      'example.orders.Orders.count took N ns',
      'example.orders.Orders.main took N ns',
    ]);
    const some = await transformClasses(program, adviceClass, { options: { methods: 'add|count' } });
    expect(reports((await runJava({ classpath: some, mainClass: 'example.orders.Orders', verify: true })).stderr)).toEqual([
      'example.orders.Orders.add took N ns',
      'example.orders.Orders.add took N ns (threw java.lang.IllegalArgumentException)',
      'example.orders.Orders.count took N ns',
    ]);
    // A whole-name match, as Byte Buddy's nameMatches: "coun" selects nothing.
    expect((await transformClasses(program, adviceClass, { options: { methods: 'coun' } })).changed).toEqual([]);
    // Constructors on request: this advice catches exceptions, which Byte Buddy refuses around super().
    const constructors = await transformClasses(program, adviceClass, { options: { constructors: true }, keepGoing: true });
    expect(constructors.failures[0]?.message).toContain('Cannot catch exception during constructor call for public example.orders.Orders()');
  });

  it('binds annotations of the advice to the constants of its `bind` option (Advice.withCustomMapping)', async () => {
    const annotation = (name: string): string => `package cfg;\n@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME) public @interface ${name} {}\n`;
    const configured = await compileJava(
      {
        'cfg/Prefix.java': annotation('Prefix'),
        'cfg/Level.java': annotation('Level'),
        'cfg/Big.java': annotation('Big'),
        'cfg/Ratio.java': annotation('Ratio'),
        'cfg/Kind.java': annotation('Kind'),
        'cfg/Unit.java': 'package cfg;\npublic enum Unit { NANOS, MILLIS }\n',
        'cfg/Scale.java': annotation('Scale'),
        'cfg/Settings.java': 'package cfg;\npublic class Settings { public static String NAME = "orders"; }\n',
        'cfg/Source.java': annotation('Source'),
        'cfg/Tag.java': 'package cfg;\n@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME) public @interface Tag { String value(); }\n',
        'cfg/Configured.java': `package cfg;
import net.bytebuddy.asm.Advice;
public class Configured {
  @Advice.OnMethodEnter
  public static void enter(@Prefix String prefix, @Level int level, @Big long big, @Ratio double ratio, @Kind Class<?> kind, @Advice.Origin("#m") String m,
      @Scale Unit unit, @Tag("checkout") String tag, @Source String source) {
    System.err.println(prefix + m + " " + level + " " + big + " " + ratio + " " + kind.getSimpleName() + " " + unit + " " + tag + " " + source);
  }
}
`,
      },
      { classpath: BYTE_BUDDY },
    );
    const bind = {
      'cfg.Prefix': '>> ', 'cfg.Level': 3, 'cfg.Big': 9_000_000_000, 'cfg.Ratio': 0.5, 'cfg.Kind': { class: 'java.lang.String' },
      'cfg.Scale': { enum: 'cfg.Unit', name: 'MILLIS' }, 'cfg.Tag': { property: 'value' }, 'cfg.Source': { field: 'cfg.Settings.NAME' },
    };
    // The class path finds cfg.Settings's field.
    const done = await transformClasses(program, join(configured.dir, 'cfg', 'Configured.class'), { options: { methods: 'count', bind }, classPath: [configured.dir] });
    // The enum comes along: the instrumented code loads its constant.
    const run = await runJava({ classpath: [done, configured.dir], mainClass: 'example.orders.Orders', verify: true });
    expect(run.stderr).toBe('>> count 3 9000000000 0.5 String MILLIS checkout orders\n');
    // An annotation left unbound: the parameter is the method's argument at its index (Byte Buddy's default), which count() lacks.
    const unbound = await transformClasses(program, join(configured.dir, 'cfg', 'Configured.class'), { options: { methods: 'count' }, keepGoing: true });
    expect(unbound.failures[0]?.message).toContain('does not define an index 0');
  });

  it('selects classes by supertype and methods by annotation, as Byte Buddy\'s isSubTypeOf and isAnnotatedWith', async () => {
    const shop = await compileJava({
      'shop/Timed.java': 'package shop;\n@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.CLASS) public @interface Timed {}\n',
      'shop/Task.java': 'package shop;\npublic interface Task extends Runnable {}\n',
      'shop/Base.java': 'package shop;\npublic abstract class Base implements Task { @Timed public void run() { step(); } void step() {} }\n',
      'shop/Job.java': 'package shop;\npublic class Job extends Base { @Timed void step() {} void other() {} }\n',
      'shop/Plain.java': 'package shop;\npublic class Plain { @Timed public void run() {} }\n',
      'shop/Main.java': 'package shop;\npublic class Main { public static void main(String[] a) { new Job().run(); new Job().other(); new Plain().run(); } }\n',
    });
    const changedBy = async (options: object): Promise<readonly string[]> => (await transformClasses(shop, adviceClass, { options })).changed;
    expect(await changedBy({ subtypeOf: 'java.lang.Runnable' })).toEqual(['shop/Base', 'shop/Job']);
    expect(await changedBy({ subtypeOf: 'shop.Task', methods: 'other' })).toEqual(['shop/Job']);
    expect(await changedBy({ annotatedWith: 'shop.Timed' })).toEqual(['shop/Base', 'shop/Job', 'shop/Plain']);
    const both = await transformClasses(shop, adviceClass, { options: { subtypeOf: 'shop.Base', annotatedWith: 'shop.Timed' } });
    expect(both.changed).toEqual(['shop/Base', 'shop/Job']);
    const run = await runJava({ classpath: both, mainClass: 'shop.Main', verify: true });
    // run and both step()s timed, not other() (no annotation) nor Plain.run (not a Base).
    expect(reports(run.stderr)).toEqual(['shop.Job.step took N ns', 'shop.Base.run took N ns']);
  });

  it('leaves the advice class alone when it is among the classes, and does not add it again', async () => {
    const both = new Map([...program.classes, ...advice.classes]);
    const timed = await transformClasses(both, adviceClass);
    expect(timed.changed).toEqual(['example/orders/Orders']);
    expect(timed.added).toEqual([]);
    expect(timed.classes.get('example/advice/TimingAdvice')).toEqual(advice.classes.get('example/advice/TimingAdvice'));
  });

  it('refuses a class file without advice, and one that is not a class file, naming it', async () => {
    const main = join(program.dir, 'example', 'orders', 'Orders.class');
    const refusal = await transformClasses(program, main).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(TransformLoadError);
    expect((refusal as Error).message).toBe(`${main}: not a usable advice class: No advice defined by example.orders.Orders`);
    const notClass = join(scratch, 'Broken.class');
    await writeFile(notClass, 'not a class');
    expect(((await transformClasses(program, notClass).catch((error: unknown) => error)) as Error).message).toMatch(
      /Broken\.class: not a usable advice class: .*magic/i,
    );
  });

  it.skipIf(!existsSync(CLI))('works from the command line: transform (options by the advice\'s name) and run, and exits 2 on a class without advice', async () => {
    const out = join(scratch, 'timed');
    const transform = await execa('node', [CLI, 'transform', program.dir, '-o', out, '-t', adviceClass, '--options', 'TimingAdvice={"methods":"count"}', '--json'], { reject: false });
    expect(transform.exitCode).toBe(0);
    expect(JSON.parse(transform.stdout)).toMatchObject({ changed: 1 });
    expect(existsSync(join(out, 'example', 'advice', 'TimingAdvice.class'))).toBe(true);
    expect(reports((await runJava({ classpath: out, mainClass: 'example.orders.Orders', verify: true })).stderr)).toEqual(['example.orders.Orders.count took N ns']);

    const run = await execa('node', [CLI, 'run', '-t', adviceClass, '--', javaTool('java'), '-Xverify:all', '-cp', program.dir, 'example.orders.Orders'], { reject: false });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe('refused: quantity 0\nlines: 1');
    expect(reports(run.stderr)).toContain('example.orders.Orders.count took N ns');

    const refused = await execa('node', [CLI, 'transform', program.dir, '-o', join(scratch, 'never'), '-t', join(program.dir, 'example', 'orders', 'Orders.class')], { reject: false });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('not a usable advice class: No advice defined by example.orders.Orders');
    expect(existsSync(join(scratch, 'never'))).toBe(false);
  }, 120_000);
});
