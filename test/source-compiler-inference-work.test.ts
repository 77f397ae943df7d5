// classforge/source's compiler on deeply nested generic calls: the work of attributing them must grow
// with their number, not double (or worse) with each level of nesting. A call argument whose lambdas
// need the parameter it goes to is compiled once on its own first (a trial), and a lambda body once to
// find what it captures; those throwaway compilations nested inside each other, so that
// `ap(ap(ap("x", s -> s), s -> s), s -> s)` or `Optional.of(Optional.of(x).map(s -> s)).map(s -> s)`
// took twice as long per level (0.65 s at depth 9, javac a few milliseconds), and once those were kept,
// each trial still compiled the whole nesting below it (the work grew with the square of the depth).
// The work is counted (compileWork.expressions: expressions compiled, throwaway ones included), not
// timed, so the test cannot flake on a slow machine; the deepest bodies also run under -Xverify:all
// against javac's.
import { describe, expect, it } from 'vitest';
import { ClassPool } from '../src/source/index.js';
import { compileWork } from '../src/source/compiler/compile-work.js';
import { compileJava, runJava } from '../src/testing/index.js';

const STUB = `package inf;
  import java.util.*;
  import java.util.function.*;
  public class Nest {
    static <T> T id(T x) { return x; }
    static <T, R> R ap(T x, Function<T, R> fn) { return fn.apply(x); }
    static Object run() { return null; }
    public static void main(String[] args) { System.out.println(run()); }
  }`;

/** Nested expressions of depth `d` whose attribution leans on inference, each a value of run(). */
const SHAPES: Record<string, (d: number) => string> = {
  // A generic method whose lambda's parameter type comes from the argument nested inside.
  'ap(ap(…, s -> s), s -> s)': (d) => `${'ap('.repeat(d)}"x"${', s -> s + ".")'.repeat(d)}`,
  // Optional.map's U from the lambda, the Optional from the call nested in of(…).
  'Optional.of(….map(s -> s)).map(s -> s)': (d) => {
    let e = '"x"';
    for (let i = 0; i < d; i++) e = `java.util.Optional.of(${e}).map(s -> s)`;
    return e;
  },
  // Lambdas in lambdas, each capturing the one around it.
  'ap(v0, v1 -> ap(v1, v2 -> …))': (d) => {
    let e = `v${d}`;
    for (let i = d; i >= 1; i--) e = `ap(${i === 1 ? '"x"' : `v${i - 1}`}, v${i} -> ${e} + v${i - 1}.length())`;
    return e.replace('v0.length()', '1');
  },
  // A generic call around one with an implicit lambda, around another…
  'id(ap(id(ap(…, s -> s)), s -> s))': (d) => {
    let e = '"x"';
    for (let i = 0; i < d; i++) e = `id(ap(${e}, s -> s + "."))`;
    return e;
  },
  // Comparators whose T comes from the collector's target, through reverseOrder.
  'maxBy(reverseOrder(…comparing(s -> s.length())))': (d) => {
    let e = 'java.util.Comparator.comparing(s -> s.length())';
    for (let i = 0; i < d; i++) e = `java.util.Collections.reverseOrder(${e})`;
    return `java.util.stream.Stream.of("a", "bb").collect(java.util.stream.Collectors.maxBy(${e}))`;
  },
  // Collectors nested in collectors.
  'groupingBy(s -> …, groupingBy(s -> …, toList()))': (d) => {
    let e = 'java.util.stream.Collectors.toList()';
    for (let i = 0; i < d; i++) e = `java.util.stream.Collectors.groupingBy(s -> s.length() + ${i}, ${e})`;
    return `java.util.stream.Stream.of("a", "bb").collect(${e})`;
  },
};

async function stubClasses(): Promise<string> {
  return (await compileJava({ 'inf/Nest.java': STUB })).dir;
}

/** How many expressions were compiled to compile `run()`'s body returning `expression`. */
function compile(dir: string, expression: string): number {
  const pool = new ClassPool(true).appendClassPath(dir);
  const nest = pool.get('inf.Nest');
  const before = compileWork.expressions;
  nest.getDeclaredMethod('run').setBody(`{ return ${expression}; }`);
  return compileWork.expressions - before;
}

describe('classforge/source inference on nested generic calls', () => {
  it('compiles each level of nesting with the same work, however deep', async () => {
    const dir = await stubClasses();
    const growth = Object.entries(SHAPES).map(([shape, build]) => {
      const [w5, w6, w11, w12] = [5, 6, 11, 12].map((depth) => compile(dir, build(depth)));
      // The work one more level adds, deep and shallow: equal when the work grows linearly, about twice
      // as much deep when it grows with the square of the depth, 2^6 times when each level doubles it.
      return { shape, shallowStep: w6! - w5!, deepStep: w12! - w11!, ratio: (w12! - w11!) / (w6! - w5!) };
    });
    expect(growth.filter((g) => !(g.ratio < 1.4))).toEqual([]);
  });

  it('gives the deepest bodies the values javac gives them, verified', async () => {
    const expressions = Object.values(SHAPES).map((build) => build(12));
    const methods = expressions.map((e, i) => `  static Object run${i}() { return ${e}; }`).join('\n');
    const calls = expressions.map((_, i) => `System.out.println(run${i}());`).join(' ');
    const javacSource = STUB.replace('static Object run() { return null; }', `${methods}\n static Object run() { ${calls} return null; }`);
    const byJavac = await compileJava({ 'inf/Nest.java': javacSource });
    const expected = await runJava({ classpath: byJavac.dir, mainClass: 'inf.Nest', verify: true, timeout: 180_000 });
    expect(expected.stderr).toBe('');

    const stubs = await compileJava({ 'inf/Nest.java': STUB.replace('static Object run() { return null; }', `${expressions.map((_, i) => `static Object run${i}() { return null; }`).join('\n')}\n static Object run() { return null; }`) });
    const pool = new ClassPool(true).appendClassPath(stubs.dir);
    const nest = pool.get('inf.Nest');
    expressions.forEach((e, i) => nest.getDeclaredMethod(`run${i}`).setBody(`{ return ${e}; }`));
    nest.getDeclaredMethod('run').setBody(`{ ${calls} return null; }`);
    const actual = await runJava({ classpath: [new Map([['inf/Nest', nest.toBytecode()]])], mainClass: 'inf.Nest', verify: true, timeout: 180_000 });
    expect(actual.stderr).toBe('');
    expect(actual.stdout).toBe(expected.stdout);
  });
});
