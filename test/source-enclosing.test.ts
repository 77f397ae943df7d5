// Snippets in inner classes see their enclosing instances (JLS §15.8.4, §6.5.6.1, §15.12.1): Outer.this,
// fields and methods of enclosing classes by simple name (through javac's this$N links, several levels
// out), static members of enclosing classes from static nested ones, and the same inside lambdas.
import { describe, expect, it } from 'vitest';
import { ClassPool } from '../src/source/index.js';
import { compileJava, runJava } from '../src/testing/index.js';

const SOURCES = {
  'enc/Outer.java': `package enc;
    public class Outer {
      private int count = 1;
      static String label = "L";
      private String name() { return "outer"; }
      public class Inner {
        int own = 10;
        public int work(int x) { return x + own; }
        public class Deeper { public String deep() { return "d"; } }
      }
      public static class Nested { public String n() { return "n"; } }
      public static void main(String[] args) {
        Outer o = new Outer();
        Outer.Inner i = o.new Inner();
        System.out.println(i.work(5));
        System.out.println(i.new Deeper().deep());
        System.out.println(new Nested().n());
        System.out.println("final count " + o.count);
      }
    }`,
};

describe('snippets in inner classes', () => {
  it('reach enclosing instances and their members, one and two levels out, and in lambdas', async () => {
    const compiled = await compileJava(SOURCES);
    const pool = new ClassPool(true).appendClassPath(compiled.dir);
    const inner = pool.get('enc.Outer$Inner');
    inner.getDeclaredMethod('work').insertBefore(
      'System.out.println("count " + count + " " + Outer.this.count + " " + name() + " " + label + " " + own + " " + this.own); count++; ' +
        'Runnable r = () -> System.out.println("lambda " + count + " " + name()); r.run();',
    );
    const deeper = pool.get('enc.Outer$Inner$Deeper');
    deeper.getDeclaredMethod('deep').insertBefore('System.out.println("deep " + count + " " + own + " " + Outer.this.name() + " " + Inner.this.work(1));');
    const nested = pool.get('enc.Outer$Nested');
    nested.getDeclaredMethod('n').insertBefore('System.out.println("nested " + label);');
    expect(() => nested.getDeclaredMethod('n').insertBefore('System.out.println(count);')).toThrow(/non-static variable count cannot be referenced from a static context/);
    const classpath = [new Map([['enc/Outer$Inner', inner.toBytecode()], ['enc/Outer$Inner$Deeper', deeper.toBytecode()], ['enc/Outer$Nested', nested.toBytecode()]]), compiled.dir];
    const run = await runJava({ classpath, mainClass: 'enc.Outer', verify: true });
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n')).toEqual([
      'count 1 1 outer L 10 10',
      'lambda 2 outer',
      '15',
      'count 2 2 outer L 10 10',
      'lambda 3 outer',
      'deep 2 10 outer 11',
      'd',
      'nested L',
      'n',
      'final count 3',
      '',
    ]);
  });

  it('refuse private members of nest mates before Java 11 (no access$ methods)', async () => {
    const compiled = await compileJava(SOURCES, { release: 8 });
    const pool = new ClassPool(true).appendClassPath(compiled.dir);
    const inner = pool.get('enc.Outer$Inner');
    expect(() => inner.getDeclaredMethod('work').insertBefore('System.out.println(count);')).toThrow(/count is private in enc.Outer: reaching it from another class of its nest needs class file version 55/);
    inner.getDeclaredMethod('work').insertBefore('System.out.println(label + own);');
  });

  it('create inner class instances with the enclosing instance in scope, or a qualifying one', async () => {
    const compiled = await compileJava(SOURCES);
    const pool = new ClassPool(true).appendClassPath(compiled.dir);
    const outer = pool.get('enc.Outer');
    // In Outer's instance method: this is the enclosing instance; qualified with another Outer too.
    outer.getDeclaredMethod('name').insertBefore('System.out.println("made " + new Inner().own + " " + new Outer().new Inner().own);');
    // In static main: only the qualified form has an enclosing instance.
    outer.getDeclaredMethod('main').insertBefore('Outer o2 = new Outer(); Outer.Inner made = o2.new Inner(); System.out.println("static " + made.new Deeper().deep());');
    expect(() => outer.getDeclaredMethod('main').insertBefore('Object x = new Inner();')).toThrow(/creating it needs an enclosing instance of enc.Outer, and none is in scope/);
    expect(() => outer.getDeclaredMethod('main').insertBefore('Object x = ((Outer) null).new Nested();')).toThrow(/qualified new of static class enc.Outer.Nested/);
    // In Inner: Deeper's enclosing instance is this; an Inner from Outer.this.
    const inner = pool.get('enc.Outer$Inner');
    inner.getDeclaredMethod('work').insertBefore('System.out.println("inner " + new Deeper().deep() + " " + Outer.this.new Inner().own + " " + name());');
    const classpath = [new Map([['enc/Outer', outer.toBytecode()], ['enc/Outer$Inner', inner.toBytecode()]]), compiled.dir];
    const run = await runJava({ classpath, mainClass: 'enc.Outer', verify: true });
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n')).toEqual(['static d', 'made 10 10', 'inner d 10 outer', '15', 'd', 'n', 'final count 1', '']);
  });
});
