// Snippets in inner classes against javac: the same method bodies of an inner class and of a class nested
// two levels deep — reading and assigning enclosing instances' fields (compound assignments, increments),
// calling their methods, Outer.this, static members of enclosing classes, new Inner() and lambdas over all
// of it — compiled by javac into one build and through setBody into another; both print the same under
// -Xverify:all.
import { describe, expect, it } from 'vitest';
import { ClassPool } from '../src/source/index.js';
import { compileJava, runJava } from '../src/testing/index.js';

const INNER_BODIES: Record<string, string> = {
  fields: `count += 2; count++; ++count; label = label + count; total *= 3; return "f " + count + " " + label + " " + total + " " + Outer.this.count;`,
  methods: `return "m " + name() + " " + twice(count) + " " + Outer.this.name() + " " + helper() + " " + Outer.staticHelper();`,
  creation: `Inner other = new Inner(); Inner third = Outer.this.new Inner(); other.own = 7; return "c " + other.own + third.own + " " + new Nested().n() + " " + (other != this);`,
  lambdas: `java.util.function.IntSupplier s = () -> count * 10 + own; java.util.function.Supplier<String> n = this::helper; Runnable r = () -> count++; r.run(); return "l " + s.getAsInt() + " " + n.get() + " " + count;`,
};

const DEEPER_BODIES: Record<string, string> = {
  reach: `count += own; own++; return "d " + count + " " + own + " " + name() + " " + helper() + " " + Inner.this.own + " " + Outer.this.count + " " + deep;`,
  lambdaReach: `java.util.function.Supplier<String> s = () -> name() + ":" + (count + own + deep); return "dl " + s.get();`,
};

function outerSource(stub: boolean): string {
  const inner = Object.entries(INNER_BODIES).map(([name, body]) => `      public String ${name}() { ${stub ? 'return null;' : body} }`).join('\n');
  const deeper = Object.entries(DEEPER_BODIES).map(([name, body]) => `        public String ${name}() { ${stub ? 'return null;' : body} }`).join('\n');
  return `package enc2;
public class Outer {
  private int count = 1;
  String label = "L";
  static long total = 2;
  private String name() { return "outer" + count; }
  int twice(int x) { return 2 * x; }
  static String staticHelper() { return "static"; }
  public class Inner {
    int own = 3;
    String helper() { return "inner" + own; }
${inner}
    public class Deeper {
      int deep = 5;
${deeper}
    }
  }
  public static class Nested { String n() { return "nested"; } }
  public static void main(String[] args) {
    Outer o = new Outer();
    Outer.Inner i = o.new Inner();
    Outer.Inner.Deeper d = i.new Deeper();
${Object.keys(INNER_BODIES).map((name) => `    System.out.println(i.${name}());`).join('\n')}
${Object.keys(DEEPER_BODIES).map((name) => `    System.out.println(d.${name}());`).join('\n')}
  }
}`;
}

describe('snippets in inner classes compiled by classforge/source and by javac', () => {
  it('give the same output under -Xverify:all', async () => {
    const byJavac = await compileJava({ 'enc2/Outer.java': outerSource(false) });
    const stubs = await compileJava({ 'enc2/Outer.java': outerSource(true) });
    const expected = await runJava({ classpath: byJavac.dir, mainClass: 'enc2.Outer', verify: true });
    expect(expected.exitCode).toBe(0);
    const pool = new ClassPool(true).appendClassPath(stubs.dir);
    const inner = pool.get('enc2.Outer$Inner');
    for (const [name, body] of Object.entries(INNER_BODIES)) inner.getDeclaredMethod(name).setBody(`{ ${body} }`);
    const deeper = pool.get('enc2.Outer$Inner$Deeper');
    for (const [name, body] of Object.entries(DEEPER_BODIES)) deeper.getDeclaredMethod(name).setBody(`{ ${body} }`);
    const ours = await runJava({
      classpath: [new Map([['enc2/Outer$Inner', inner.toBytecode()], ['enc2/Outer$Inner$Deeper', deeper.toBytecode()]]), stubs.dir],
      mainClass: 'enc2.Outer',
      verify: true,
    });
    expect(ours.stderr).toBe('');
    expect(ours.stdout.split('\n')).toEqual(expected.stdout.split('\n'));
  });
});
