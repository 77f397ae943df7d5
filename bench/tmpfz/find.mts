import { CannotCompileException, ClassPool, CtNewMethod } from '../../src/source/index.js';
import { verifyClasses } from '../../src/testing/index.js';
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
];
const ALPHABET = ' (){}[];.,+-*/%<>=!&|^~?:"\'\\$_aZ09\n@#`->::...';
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => { state = (state + 0x6d2b79f5) >>> 0; let t = state; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}
function mutant(next: () => number): string {
  let source = SEEDS[Math.floor(next() * SEEDS.length)]!;
  const edits = 1 + Math.floor(next() * 4);
  for (let k = 0; k < edits; k++) {
    const at = Math.floor(next() * source.length);
    const kind = next();
    if (kind < 1 / 3) source = source.slice(0, at) + source.slice(at + 1);
    else if (kind < 2 / 3) source = source.slice(0, at) + ALPHABET[Math.floor(next() * ALPHABET.length)]! + source.slice(at);
    else { const from = Math.floor(next() * source.length); source = source.slice(0, at) + source.slice(from, from + 1 + Math.floor(next() * 8)) + source.slice(at); }
  }
  return source;
}
const classes = new Map<string, Uint8Array>();
const sources = new Map<string, string>();
for (const seed of [1, 2, 4, 5, 6, 7, 8]) {
  const next = random(seed);
  const pool = new ClassPool(true);
  for (let i = 0; i < 3000; i++) {
    const source = mutant(next);
    const name = `fz/S${seed}_${i}`;
    const target = pool.makeClass(name.replace('/', '.'));
    target.addMethod(CtNewMethod.make('public static int f(int a, String s, java.util.List<String> l) { return a; }', target));
    try { target.getDeclaredMethod('f').insertBefore(source); } catch (e) { if (e instanceof CannotCompileException) continue; throw e; }
    classes.set(name, target.toBytecode());
    sources.set(name, source);
  }
}
const result = await verifyClasses(classes);
console.log('compiled', classes.size, 'failures', result.failures.length);
for (const f of result.failures.slice(0, 12)) console.log(JSON.stringify(sources.get(f.className.replace('.', '/'))), '=>', f.error.slice(0, 160));
