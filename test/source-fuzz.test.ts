// Bad snippets get a clear error, and what compiles is valid: seeded mutations (characters dropped,
// inserted, duplicated; tokens swapped) of snippets and declarations that cover the grammar, applied
// through every kind of edit. Each mutant either compiles or is refused with a CannotCompileException —
// never another error, never slowly — and HotSpot links every class written under -Xverify:all.
// SOURCE_FUZZ_SEED picks another sequence of mutants.
import { describe, expect, it } from 'vitest';
import { CannotCompileException, ClassPool, type CtClass, CtField, type CtMethod, CtNewConstructor, CtNewMethod, ExprEditor, Modifier, type Expr, type MethodCall } from '../src/source/index.js';
import { compileJava, verifyClasses } from '../src/testing/index.js';
import { prng } from './support/fuzz-cases.js';

const SEEDS = [
  '{ int x = $1 + 2; if (x > 3) { System.out.println("a" + x); } else { x = -x; } }',
  '{ for (int i = 0; i < $1; i++) { $2 = $2 + i; } switch ($1) { case 1 -> System.out.println(1); default -> {} } }',
  '{ java.util.function.Function<String, Integer> f = s -> s.length(); $3.forEach(e -> System.out.println(e)); }',
  '{ try { Object o = $3.get(0); String t = (String) o; } catch (RuntimeException e) { throw e; } finally { $1++; } }',
  '{ var r = $3.stream().map(String::trim).filter(x -> !x.isEmpty()).count(); assert r >= 0 : "neg"; }',
  '{ int[][] a = new int[$1][2]; a[0][1] = $1 > 0 ? 1 : 2; String s = """\n  text\n  """; long q = 1L << 3; }',
  '{ outer: while ($1 > 0) { do { $1--; if ($1 == 3) break outer; else continue; } while ($1 % 2 == 0); } }',
  '{ synchronized ($2) { Object o = $2; if (o instanceof String str && !str.isEmpty()) { $2 = str.substring(1); } } }',
  '{ int k = switch ($2) { case "a" -> 1; case "b" -> { yield 2; } default -> $1 * 3; }; char c = (char) (k + \'0\'); }',
  '{ try (java.io.StringReader r = new java.io.StringReader($2)) { r.read(); } catch (java.io.IOException e) { } }',
  '{ java.util.Map<String, java.util.List<Integer>> m = new java.util.HashMap<>(); m.computeIfAbsent($2, k -> new java.util.ArrayList<>()).add($1); for (var e : m.entrySet()) { int n = e.getValue().get(0); } }',
  '{ Integer boxed = $1; long w = boxed + 1L; double d = $1 > 2 ? w : 1.5; $1 += (int) d; $1 <<= 2; $1 = $1 ^ ~$1; boolean b = !($1 >= 0) || $1 != 3; }',
  '{ StringBuilder sb = new StringBuilder(); for (String part : $2.split(",")) { if (part.isEmpty()) continue; sb.append(part).append(\';\'); } $2 = sb.toString(); }',
  '{ Object[] arr = { $2, $1, null }; int count = 0; for (int i = arr.length - 1; i >= 0; --i) { if (arr[i] == null) break; count++; } $1 = count; }',
  '{ java.util.function.Supplier<java.util.function.IntUnaryOperator> s = () -> x -> x * $1; $1 = s.get().applyAsInt(3); Runnable r = $2::trim; r.run(); }',
  '{ label: { if ($1 > 0) break label; $1 = -1; } throw new IllegalStateException("state " + $1 + $2); }',  '{ java.util.Map<String, Integer> m = new java.util.TreeMap<>(); m.put($2, $1); for (java.util.Map.Entry<String, Integer> e : m.entrySet()) { int v = e.getValue(); $1 += v; } }',
  '{ java.util.List<java.util.List<String>> nested = java.util.List.of(java.util.List.of($2)); String first = nested.get(0).get(0); $2 = first.toUpperCase(); }',
  '{ String r = switch ($1 % 3) { case 0 -> "zero"; case 1 -> { String t = "one"; yield t; } default -> "two"; }; $2 = r; }',
  '{ switch ($2) { case "a": $1 = 1; break; case "b": case "c": $1 = 2; default: $1 = 3; } }',
  '{ Object o = $2; String d = o instanceof Integer i ? "int" + i : o instanceof String s2 && !s2.isEmpty() ? s2 : "other"; $2 = d; }',
  '{ StringBuilder sb = new StringBuilder(); outer: for (int i = 0; i < 3; i++) { for (int j = 0; j < 3; j++) { if (j == i) continue outer; sb.append(i * j); } } $2 = sb.toString(); }',
  '{ long acc = 0; int i = 0; do { acc += (long) i * $1; } while (++i < 4); $1 = (int) (acc >>> 1); }',
  '{ char c = $2.isEmpty() ? \'x\' : $2.charAt(0); c++; c += 2; $1 = c; byte b = (byte) $1; short sh = (short) (b << 2); $1 = sh; }',
  '{ Integer boxed = null; int n = boxed != null ? boxed : 0; Long big = 5L; $1 = n + big.intValue(); Double dd = 1.0; dd += $1; }',
  '{ int[] xs = { 3, 1, 2 }; java.util.Arrays.sort(xs); $1 = xs[0] + xs[xs.length - 1]; xs[1] += $1; xs[2]++; }',
];

/** Snippets for the edits whose `$` variables differ: $_ (insertAfter, replace), $proceed/$$ (replace), $e (addCatch), return (setBody…). */
const EDIT_SEEDS = [
  '{ int x = $1 + 2; if (x > 3) { System.out.println("a" + x); } else { x = -x; } }',
  '{ for (int i = 0; i < $1; i++) { $2 = $2 + i; } switch ($1) { case 1 -> System.out.println(1); default -> {} } }',
  '{ try { Object o = $3.get(0); String t = (String) o; } catch (RuntimeException e) { throw e; } finally { $1++; } }',
  '{ synchronized ($2) { Object o = $2; if (o instanceof String str && !str.isEmpty()) { $2 = str.substring(1); } } }',
  '{ $_ = $1 + 1; if ($_ > 3) return; }',
  '{ $_ = $proceed($$); $_ = $_ + 1; }',
  '{ if ($1 > 0) { $_ = 0; } else { $_ = $proceed($$); } }',
  '{ System.out.println($e); throw $e; }',
  '{ return $1 * 2; }',
];
/** Replacements for ExprEditor, with Javassist's $proceed, $$, $_, $0, $args, $r and $w. */
const EXPR_SEEDS = [
  '{ $_ = $proceed($$); }',
  '{ $_ = $proceed($$); System.out.println("x" + $_); }',
  '{ if ($_ == null) { $_ = $proceed($$); } }',
  '{ $_ = ($r) $proceed($$); }',
  '{ Object o = $proceed($$); $_ = ($r) o; }',
  '{ $proceed($$); }',
  '{ $_ = $0; }',
  '{ $_ = $1; }',
  '{ $_ = $proceed($1); }',
  '{ $_ = null; }',
  '{ $_ = 0; }',
  '{ $_ = ($w) 1; }',
  '{ $args[0] = $1; $_ = $proceed($$); }',
  '{ $_ = $proceed($$); if ($_ instanceof String s) { System.out.println(s); } }',
];
const LAMBDA_SEEDS = [
  '{ java.util.function.IntSupplier s = () -> $1 + 1; $1 = s.getAsInt(); }',
  '{ Runnable r = () -> { int z = $1; if (z > 0) System.out.println(z); }; r.run(); }',
  '{ java.util.function.Function<String, String> f = x -> x + $2; $2 = f.apply("a"); }',
  '{ $3.forEach(e -> { if (e != null) counter++; }); }',
  '{ java.util.Comparator<String> c = java.util.Comparator.comparing(String::length); $3.sort(c); }',
  '{ java.util.function.BiFunction<Integer, Integer, Integer> add = Integer::sum; $1 = add.apply($1, 2); }',
  '{ java.util.function.Supplier<java.util.List<String>> mk = java.util.ArrayList::new; $3 = mk.get(); }',
  '{ java.util.function.IntFunction<int[]> arr = int[]::new; int[] a = arr.apply($1 > 0 ? $1 : 1); $1 = a.length; }',
  '{ java.util.Optional<String> o = java.util.Optional.ofNullable($2).map(s -> s.trim()); $2 = o.orElse("none"); }',
  '{ $_ = $proceed($$); java.util.function.IntUnaryOperator inc = v -> v + $_; $_ = inc.applyAsInt(1); }',
];
/** A method with locals in nested scopes (a loop's, a branch's, a handler's), compiled with -g: snippets may name them where they are live. */
const LOCALS_HOST = `package at;
public class Host {
  static int total;
  public static int work(int n, String label) {
    int sum = 0;
    String acc = label;
    for (int i = 0; i < n; i++) {
      long sq = (long) i * i;
      sum += (int) sq;
      if (i % 2 == 0) {
        String tmp = acc + i;
        acc = tmp.trim();
      }
    }
    double avg = n == 0 ? 0 : (double) sum / n;
    try {
      Object o = label.isEmpty() ? null : label;
      total += o.hashCode();
    } catch (NullPointerException e) {
      total--;
    }
    return sum + acc.length() + (int) avg;
  }
}`;
const LOCALS_SEEDS = [
  '{ sum = sum + 1; }', '{ acc = acc + "x"; }', '{ System.out.println(i + " " + sq); }', '{ tmp = tmp + "!"; }',
  '{ total += n; }', '{ if (avg > 1.0) { sum++; } }', '{ System.out.println(o); }', '{ System.out.println(e); }',
  '{ label = label.trim(); }', '{ int extra = sum * 2; acc = acc + extra; }', '{ i = i + 0; }', '{ sq = sq + 1L; }',
];
const METHOD_SEEDS = [
  'public static int sum(int... xs) { int t = 0; for (int x : xs) t += x; return t; }',
  'private <T extends Comparable<T>> T max(java.util.List<T> items) throws Exception { T best = null; for (T i : items) if (best == null || i.compareTo(best) > 0) best = i; return best; }',
  'protected final synchronized String name(Object o) { return o == null ? "null" : o.getClass().getName(); }',
  'public String toString() { return "T" + this.hashCode(); }',
  'static long fact(int n) { return n <= 1 ? 1L : n * fact(n - 1); }',
  'public abstract void noBody();',
  'public native int nat();',
  'double avg(double[] v) { if (v.length == 0) throw new IllegalArgumentException("empty"); double s = 0; for (double d : v) s += d; return s / v.length; }',
];
const FIELD_SEEDS = [
  'private static final int LIMIT = 10;',
  'public java.util.List<String> names = new java.util.ArrayList<>();',
  'static String greeting = "hi" + 10;',
  'protected volatile long stamp = System.nanoTime();',
  'int[] data = { 1, 2, 3 };',
  'transient Object lock = new Object();',
];
const CONSTRUCTOR_SEEDS = [
  'public T(int a) { this(); }',
  'T(String s) { super(); }',
  'private T(long x, String y) throws Exception { this(); if (x > 0) throw new Exception(y); }',
];
const ALPHABET = ' (){}[];.,+-*/%<>=!&|^~?:"\'\\$_aZ09\n@#`->::...';

function mutant(next: () => number, seeds: readonly string[] = SEEDS, minimumEdits = 1): string {
  let source = seeds[Math.floor(next() * seeds.length)]!;
  const edits = minimumEdits + Math.floor(next() * 4);
  for (let k = 0; k < edits; k++) {
    const at = Math.floor(next() * source.length);
    const kind = next();
    if (kind < 1 / 3) source = source.slice(0, at) + source.slice(at + 1);
    else if (kind < 2 / 3) source = source.slice(0, at) + ALPHABET[Math.floor(next() * ALPHABET.length)]! + source.slice(at);
    else {
      const from = Math.floor(next() * source.length);
      source = source.slice(0, at) + source.slice(from, from + 1 + Math.floor(next() * 8)) + source.slice(at);
    }
  }
  return source;
}

/** Token-level mutants: well-formed more often, so that more of them reach the code generator. */
const TOKEN = /\$[0-9_a-z]+|[A-Za-z_][A-Za-z0-9_]*|[0-9][0-9.]*[LlDdFf]?|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)'|->|::|\+\+|--|&&|\|\||[<>=!]=|<<=?|>>>?=?|[-+*\/%&|^]=|\S/g;
const IDENTIFIERS = [...new Set(SEEDS.flatMap((seed) => seed.match(/\$[0-9_]+|\b[a-z][A-Za-z0-9]*\b/g) ?? []))];
const OPERATORS = ['+', '-', '*', '/', '%', '&', '|', '^', '&&', '||', '<', '>', '<=', '>=', '==', '!=', '<<', '>>', '>>>', '=', '+=', '-=', '*=', '&=', '|=', '<<=', '++', '--', '!', '~', '?', ':', 'instanceof'];
const LITERALS = ['0', '1', '-1', '2147483647', '1L', '1.5', '2f', "'c'", '"s"', 'null', 'true', 'false'];

function tokenMutant(next: () => number): string {
  const tokens = SEEDS[Math.floor(next() * SEEDS.length)]!.match(TOKEN)!;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const edits = 1 + Math.floor(next() * 3);
  for (let k = 0; k < edits; k++) {
    const at = Math.floor(next() * tokens.length);
    const token = tokens[at]!;
    const kind = next();
    if (kind < 0.35 && /^[$A-Za-z_]/.test(token)) tokens[at] = pick(IDENTIFIERS);
    else if (kind < 0.6 && OPERATORS.includes(token)) tokens[at] = pick(OPERATORS);
    else if (kind < 0.8 && /^[0-9'"]|^(null|true|false)$/.test(token)) tokens[at] = pick(LITERALS);
    else if (kind < 0.9) tokens.splice(at, 1);
    else tokens.splice(at, 0, token);
  }
  return tokens.join(' ');
}

/** The generator of one test's mutants: SOURCE_FUZZ_SEED (or the default) plus the test's own offset. */
const mutants = (offset: number): (() => number) => prng(Number(process.env.SOURCE_FUZZ_SEED ?? 20261205) + offset);

/** What a fuzz test collects: the classes written, what went into each, and anything other than a refusal. */
class FuzzRun {
  readonly classes = new Map<string, Uint8Array>();
  private readonly contents = new Map<string, string>();
  readonly unexpected: string[] = [];
  compiled = 0;
  refused = 0;

  /** Runs an edit: true when it compiled, false when refused with a CannotCompileException; anything else, or a slow edit, is recorded. */
  attempt(where: string, source: string, edit: () => void): boolean {
    const started = performance.now();
    try {
      edit();
      this.compiled++;
      return true;
    } catch (error) {
      if (error instanceof CannotCompileException) this.refused++;
      else this.unexpected.push(`${where}: ${(error as Error).constructor.name}: ${(error as Error).message} in ${JSON.stringify(source)}`);
      return false;
    } finally {
      const ms = performance.now() - started;
      if (ms > 1000) this.unexpected.push(`${where}: ${ms.toFixed(0)} ms for ${JSON.stringify(source)}`);
    }
  }

  /** Writes `ctClass` for HotSpot; a failure to write is recorded. */
  write(ctClass: CtClass, contents: string): void {
    try {
      this.classes.set(ctClass.getName().replace(/\./g, '/'), ctClass.toBytecode());
      this.contents.set(ctClass.getName(), contents);
    } catch (error) {
      this.unexpected.push(`${ctClass.getName()}, toBytecode: ${(error as Error).message} after ${contents}`);
    }
  }

  /** Nothing but refusals, and HotSpot links every class written. */
  async expectAllLinked(): Promise<void> {
    expect(this.unexpected).toEqual([]);
    if (process.env.SOURCE_FUZZ_SEED !== undefined) console.log({ compiled: this.compiled, refused: this.refused, classes: this.classes.size });
    const result = await verifyClasses(this.classes);
    expect(result.failures.map((failure) => `${this.contents.get(failure.className)} => ${failure.error.slice(0, 300)}`)).toEqual([]);
    expect(result.linked).toBe(this.classes.size);
  }
}

/** The ways a snippet goes into a method (CtBehavior's edits; ExprEditor.replace at each method call). */
type EditKind = 'insertBefore' | 'insertAfter' | 'insertAfterAsFinally' | 'setBody' | 'addCatch' | 'replaceCalls' | 'insertAt';

function applyEdit(kind: EditKind, method: CtMethod, source: string): void {
  if (kind === 'insertBefore') method.insertBefore(source);
  else if (kind === 'insertAfter' || kind === 'insertAfterAsFinally') method.insertAfter(source, kind === 'insertAfterAsFinally');
  else if (kind === 'setBody') method.setBody(source);
  else if (kind === 'addCatch') method.addCatch(source, method.getDeclaringClass().getClassPool().get('java.lang.RuntimeException'));
  else if (kind === 'replaceCalls') method.instrument(new (class extends ExprEditor { override editMethodCall(call: MethodCall) { call.replace(source); } })());
  else method.insertAt(1, source);
}

/** `count` classes, each with one mutant of `seeds` applied to its method f(int, String, List) by one of `kinds`. */
async function fuzzEdits(offset: number, seeds: readonly string[], kinds: readonly EditKind[], count: number, prefix: string): Promise<void> {
  const pool = new ClassPool(true);
  const next = mutants(offset);
  const run = new FuzzRun();
  for (let i = 0; i < count; i++) {
    const ctClass = pool.makeClass(`fuzz.${prefix}${i}`);
    ctClass.addField(CtField.make('static int counter;', ctClass));
    ctClass.addMethod(CtNewMethod.make('public static int g(int v) { return v + 1; }', ctClass));
    ctClass.addMethod(CtNewMethod.make('public int f(int a, String s, java.util.List<String> l) { if (a > 5) return g(a); int r = g(a) * 2; return r; }', ctClass));
    const source = mutant(next, seeds, 0);
    const kind = kinds[Math.floor(next() * kinds.length)]!;
    if (run.attempt(`case ${i}, ${kind}`, source, () => applyEdit(kind, ctClass.getDeclaredMethod('f'), source))) run.write(ctClass, `${kind}: ${source}`);
  }
  expect(run.classes.size).toBeGreaterThan(50);
  await run.expectAllLinked();
}

describe('classforge/source on mutated snippets', () => {
  it.each([
    ['character', mutant],
    ['token', tokenMutant],
  ] as const)('%s mutants into one method: each compiled or refused with CannotCompileException, quickly; HotSpot links the result', async (_kind, makeMutant) => {
    const pool = new ClassPool(true);
    const target = pool.makeClass('fuzz.Target');
    target.addMethod(CtNewMethod.make('public static int f(int a, String s, java.util.List<String> l) { return a; }', target));
    const method = target.getDeclaredMethod('f');
    const next = mutants(0);
    const run = new FuzzRun();
    const inserted: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const source = makeMutant(next);
      if (run.attempt(`case ${i}`, source, () => method.insertBefore(source))) inserted.push(source);
    }
    // Both outcomes occur: the mutations neither break everything nor leave everything valid.
    expect(run.compiled).toBeGreaterThan(20);
    expect(run.refused).toBeGreaterThan(500);
    run.write(target, JSON.stringify(inserted));
    await run.expectAllLinked();
  });

  it('mutants through every kind of edit (insertAfter, asFinally too, setBody, addCatch, ExprEditor.replace, insertAt): compiled or refused; HotSpot links every class written', async () => {
    // Unmutated (0 edits) a quarter of the time: the seeds themselves must compile.
    await fuzzEdits(1, EDIT_SEEDS, ['insertAfter', 'insertAfterAsFinally', 'setBody', 'addCatch', 'replaceCalls', 'insertAt'], 1500, 'Edit');
  });

  it('ExprEditor.replace on every kind of expression with mutated $proceed/$_/$w/$r snippets: compiled or refused; HotSpot links every class written', async () => {
    const pool = new ClassPool(true);
    const next = mutants(2);
    const run = new FuzzRun();
    const kinds = ['editMethodCall', 'editFieldAccess', 'editNewExpr', 'editNewArray', 'editCast', 'editInstanceof'] as const;
    for (let i = 0; i < 1500; i++) {
      const ctClass = pool.makeClass(`fuzz.Expr${i}`);
      ctClass.addField(CtField.make('static int counter;', ctClass));
      ctClass.addMethod(
        CtNewMethod.make(
          'public static Object f(int a, Object o, java.util.List<String> l) { int[] arr = new int[a]; String[][] m = new String[2][a]; counter = counter + arr.length;' +
            ' Object x = new StringBuilder("s").append(a); if (o instanceof String) { String t = (String) o; x = t.trim(); } try { l.add("z"); } catch (RuntimeException e) { counter--; } return x; }',
          ctClass,
        ),
      );
      const source = mutant(next, EXPR_SEEDS, 0);
      const kind = kinds[Math.floor(next() * kinds.length)]!;
      const editor = new ExprEditor();
      (editor as unknown as Record<string, (expr: Expr) => void>)[kind] = (expr) => expr.replace(source);
      if (run.attempt(`case ${i}, ${kind}`, source, () => ctClass.getDeclaredMethod('f').instrument(editor))) run.write(ctClass, `${kind}: ${source}`);
    }
    expect(run.classes.size).toBeGreaterThan(100);
    await run.expectAllLinked();
  });

  it('mutated declarations (CtNewMethod.make, CtField.make, CtNewConstructor.make): added or refused; HotSpot links every class written', async () => {
    const pool = new ClassPool(true);
    const next = mutants(3);
    const run = new FuzzRun();
    for (let i = 0; i < 600; i++) {
      const ctClass = pool.makeClass(`fuzz${i}.T`);
      // Abstract, so that abstract methods may be added.
      ctClass.setModifiers(ctClass.getModifiers() | Modifier.ABSTRACT);
      ctClass.addConstructor(CtNewConstructor.defaultConstructor(ctClass));
      const added: string[] = [];
      for (let k = 0; k < 3; k++) {
        const which = next();
        const source = mutant(next, which < 0.5 ? METHOD_SEEDS : which < 0.8 ? FIELD_SEEDS : CONSTRUCTOR_SEEDS, 0);
        const ok = run.attempt(`case ${i}`, source, () => {
          if (which < 0.5) ctClass.addMethod(CtNewMethod.make(source, ctClass));
          else if (which < 0.8) ctClass.addField(CtField.make(source, ctClass));
          else ctClass.addConstructor(CtNewConstructor.make(source, ctClass));
        });
        if (ok) added.push(source);
      }
      run.write(ctClass, JSON.stringify(added));
    }
    await run.expectAllLinked();
  });

  it('lambdas and method references in mutated snippets, through insertBefore, insertAfter, ExprEditor.replace and insertAt: compiled or refused; HotSpot links every class written', async () => {
    await fuzzEdits(4, LAMBDA_SEEDS, ['insertBefore', 'insertAfter', 'insertAfterAsFinally', 'replaceCalls', 'insertAt'], 1200, 'Lambda');
  });

  it('insertAt any line of a javac -g method, with mutants naming its locals (live or not there): compiled or refused; HotSpot links every class written', async () => {
    const program = await compileJava({ 'at/Host.java': LOCALS_HOST }, { javacOptions: ['-g'] });
    const next = mutants(5);
    const run = new FuzzRun();
    for (let i = 0; i < 400; i++) {
      const ctClass = new ClassPool(true).appendClassPath(program.dir).get('at.Host');
      ctClass.setName(`at.Host${i}`);
      const source = mutant(next, LOCALS_SEEDS, 0);
      const line = 4 + Math.floor(next() * 20);
      if (run.attempt(`case ${i}, line ${line}`, source, () => ctClass.getDeclaredMethod('work').insertAt(line, source))) run.write(ctClass, `line ${line}: ${source}`);
    }
    expect(run.classes.size).toBeGreaterThan(30);
    await run.expectAllLinked();
  });
});
