// The relocate example: a library package moved to another, its users following, run under -Xverify:all.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileJava, diffClasses, runJava, transformClasses, verifyClasses } from 'classforge/testing';
import relocate from './transform.js';

const sources = fileURLToPath(new URL('./java', import.meta.url));

describe('examples/relocate', () => {
  it('moves example.relocate.lib to shaded.greeting, every reference following', async () => {
    const program = await compileJava(sources);
    const original = await runJava({ classpath: program, mainClass: 'example.relocate.app.Main', verify: true });
    expect(original.stdout).toBe('hello, ada!\nexample.relocate.lib.Greeter v2\nGreeter\n');

    const shaded = await transformClasses(program, relocate, { options: { from: 'example.relocate.lib', to: 'shaded.greeting' } });
    // The moved classes are under their new names, as `classforge transform` moves their files.
    expect([...shaded.classes.keys()]).toEqual([
      'example/relocate/app/Main',
      'shaded/greeting/Greeter',
      'shaded/greeting/Greeter$Style',
      'shaded/greeting/Library',
    ]);
    expect(shaded.changed).toHaveLength(4);
    expect((await verifyClasses(shaded)).failures).toEqual([]);
    // Without `strings`, Class.forName still names the old class, which is gone.
    const run = await runJava({ classpath: shaded, mainClass: 'example.relocate.app.Main', verify: true });
    expect(run.stdout).toBe('hello, ada!\nshaded.greeting.Greeter v2\n');
    expect(run.stderr).toContain('java.lang.ClassNotFoundException: example.relocate.lib.Greeter');
  });

  it('with strings, also rewrites class names in string constants', async () => {
    const program = await compileJava(sources);
    const shaded = await transformClasses(program, relocate, { options: { from: 'example.relocate.lib', to: 'shaded.greeting', strings: true } });
    const run = await runJava({ classpath: shaded, mainClass: 'example.relocate.app.Main', verify: true });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('hello, ada!\nshaded.greeting.Greeter v2\nGreeter\n');
    // The application's change, as `classforge diff` shows it: the references, and the string.
    const diff = diffClasses(program, shaded, { skipDebug: true, classes: ['example.relocate.app.*'] }).toString();
    expect(diff).toContain('+    LDC "shaded.greeting.Greeter"');
    expect(diff).toContain('+    NEW shaded/greeting/Greeter');
  });
});
