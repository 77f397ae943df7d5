// The field-write-log example: every field write is printed before it happens, in program order.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileJava, runJava, transformClasses, verifyClasses } from 'classforge/testing';
import fieldWriteLog from './transform.js';

const sources = fileURLToPath(new URL('./java', import.meta.url));

describe('examples/field-write-log', () => {
  it('prints owner.field = value before each PUTFIELD and PUTSTATIC', async () => {
    const program = await compileJava(sources);
    const original = await runJava({ classpath: program, mainClass: 'example.fields.Account', verify: true });
    expect(original.stdout).toBe('ada has 70 (frozen), accounts: 1\n');

    const logged = await transformClasses(program, fieldWriteLog, { options: { output: 'stdout' } });
    const run = await runJava({ classpath: logged, mainClass: 'example.fields.Account', verify: true });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      [
        'example.fields.Account.owner = ada',
        'example.fields.Account.opened = 1',
        'example.fields.Account.balance = 100',
        'example.fields.Account.balance = 70',
        'example.fields.Account.frozen = true',
        'ada has 70 (frozen), accounts: 1',
        '',
      ].join('\n'),
    );
  });

  it('logs to stderr by default, filters by field, and verifies', async () => {
    const program = await compileJava(sources);
    const balanceOnly = await transformClasses(program, fieldWriteLog, { options: { fields: '\\.balance$' } });
    const run = await runJava({ classpath: balanceOnly, mainClass: 'example.fields.Account', verify: true });
    expect(run.stdout).toBe('ada has 70 (frozen), accounts: 1\n');
    expect(run.stderr).toBe('example.fields.Account.balance = 100\nexample.fields.Account.balance = 70\n');
    expect((await verifyClasses(balanceOnly)).failures).toEqual([]);
  });

  it('handles every field type, inner classes writing this$0 before super(), and static initialisers', async () => {
    const program = await compileJava({
      'kinds/Kinds.java': `package kinds;
public class Kinds {
  static final java.util.List<String> NAMES = new java.util.ArrayList<>();
  boolean z; byte b; char c; short s; int i; long j; float f; double d; Object o; int[] a;
  class Inner { int x = 1; }
  public static void main(String[] args) {
    Kinds k = new Kinds();
    k.z = true; k.b = -1; k.c = 'x'; k.s = 300; k.i = 7; k.j = 1L << 40; k.f = 1.5f; k.d = 0.25; k.o = null; k.a = null;
    k.new Inner();
  }
}
`,
    });
    const logged = await transformClasses(program, fieldWriteLog, { options: { output: 'stdout' } });
    const run = await runJava({ classpath: logged, mainClass: 'kinds.Kinds', verify: true });
    expect(run.stderr).toBe('');
    const lines = run.stdout.split('\n');
    expect(lines.slice(0, 11)).toEqual([
      'kinds.Kinds.NAMES = []',
      'kinds.Kinds.z = true',
      'kinds.Kinds.b = -1',
      'kinds.Kinds.c = x',
      'kinds.Kinds.s = 300',
      'kinds.Kinds.i = 7',
      'kinds.Kinds.j = 1099511627776',
      'kinds.Kinds.f = 1.5',
      'kinds.Kinds.d = 0.25',
      'kinds.Kinds.o = null',
      'kinds.Kinds.a = null',
    ]);
    expect(lines[11]).toMatch(/^kinds\.Kinds\$Inner\.this\$0 = kinds\.Kinds@[0-9a-f]+$/);
    expect(lines.slice(12)).toEqual(['kinds.Kinds$Inner.x = 1', '']);
  });
});
