// classforge/source's compiler against javac for whole members: the same fields (with initializers)
// and methods compiled by javac into one class, and added with CtField.make / CtNewMethod.make to an
// empty one; a runner compiled by javac calls run() on either under -Xverify:all, which must print the same.
import { describe, expect, it } from 'vitest';
import { ClassPool, CtField, CtNewMethod } from '../src/source/index.js';
import { compileJava, runJava } from '../src/testing/index.js';

/** Members in order; a field declaration is marked by the `field:` prefix. */
const MEMBERS = [
  // Field initializers take the field's generic type as their target: lambdas and generic calls in them.
  'field:static final Comparator<String> BY_LENGTH = Comparator.comparing(s -> s.length());',
  'field:static final java.util.function.Function<Integer, Integer> SQUARE = x -> x * x;',
  'field:static final Map<String, java.util.function.IntBinaryOperator> OPERATORS = Map.of("+", (a, b) -> a + b, "*", (a, b) -> a * b);',
  'field:final List<String> log = new ArrayList<>();',
  'field:final Runnable logger = () -> log.add("ran");',
  'field:static final String[] NAMES = {"z", "y"};',
  'field:static final int K = switch (NAMES.length) { case 2 -> 20; default -> 0; };',
  'public static <T extends Comparable<T>> T max(List<T> l) { return l.stream().max((a, b) -> a.compareTo(b)).orElse(null); }',
  'static <K, V> Map<V, List<K>> group(Map<K, V> m) { Map<V, List<K>> r = new TreeMap<>(); for (Map.Entry<K, V> e : m.entrySet()) r.computeIfAbsent(e.getValue(), v -> new ArrayList<>()).add(e.getKey()); return r; }',
  `static String run() {
    List<String> l = new ArrayList<>(List.of("ccc", "a", "bb"));
    l.sort(BY_LENGTH);
    M m = new M();
    m.logger.run();
    return l + " " + SQUARE.apply(7) + " " + OPERATORS.get("*").applyAsInt(6, 7) + " " + m.log + NAMES[1] + K + " " + max(List.of(3, 8, 1)) + " " + group(Map.of("x", 1, "y", 2)).get(2);
  }`,
];

const RUNNER = 'package demo; public class Runner { public static void main(String[] a) { System.out.println(M.run()); } }';

describe('members made from source by classforge/source and by javac', () => {
  it('run the same under -Xverify:all', async () => {
    const declarations = MEMBERS.map((member) => member.replace(/^field:/, '')).join('\n');
    const byJavac = await compileJava({ 'demo/Runner.java': RUNNER, 'demo/M.java': `package demo;\nimport java.util.*;\npublic class M {\n${declarations}\n}` });
    const expected = await runJava({ classpath: byJavac.dir, mainClass: 'demo.Runner', verify: true });
    expect(expected.exitCode).toBe(0);

    const empty = await compileJava({ 'demo/M.java': 'package demo; public class M {}' });
    const pool = new ClassPool(true).appendClassPath(empty.dir);
    pool.importPackage('java.util');
    const m = pool.get('demo.M');
    for (const member of MEMBERS) {
      if (member.startsWith('field:')) m.addField(CtField.make(member.slice('field:'.length), m));
      else m.addMethod(CtNewMethod.make(member, m));
    }
    const ours = await runJava({ classpath: [new Map([['demo/M', m.toBytecode()]]), byJavac.dir], mainClass: 'demo.Runner', verify: true });
    expect(ours.stderr).toBe('');
    expect(ours.stdout).toBe(expected.stdout);
  });
});
