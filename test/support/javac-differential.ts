// The harness shared by the random differentials of classforge/source's compiler against javac:
// a seeded PRNG, and a runner that compiles generated method bodies twice — by javac into one
// build, through CtMethod.setBody into stub methods of another — and compares the two programs'
// outputs under -Xverify:all, naming the first body whose line differs.
import { expect } from 'vitest';
import { ClassPool } from '../../src/source/index.js';
import { compileJava, runJava } from '../../src/testing/index.js';

/** mulberry32: a small seeded PRNG, the same sequence on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed of a run: SOURCE_RANDOM_SEED when set, else `fallback`. */
export function seedFromEnvironment(fallback: number): number {
  return Number(process.env.SOURCE_RANDOM_SEED ?? fallback);
}

function source(className: string, methodPrefix: string, bodies: readonly string[], offset: number, stub: boolean): string {
  const methods = bodies.map((body, k) => `  @SuppressWarnings("finally") static String ${methodPrefix}${offset + k}() {\n    ${stub ? 'return null;' : body}\n  }`).join('\n');
  const calls = bodies
    .map((_, k) => {
      const name = `${methodPrefix}${offset + k}`;
      return `    try { System.out.println("${name}: " + ${name}()); } catch (Throwable t) { System.out.println("${name}: threw " + t.getClass().getName() + " " + t.getMessage()); }`;
    })
    .join('\n');
  return `package rnd;\npublic class ${className} {\n${methods}\n  public static void main(String[] args) {\n${calls}\n  }\n}\n`;
}

/**
 * Compiles `bodies` (each the body of a `static String` method) with javac and with classforge/source,
 * `perClass` methods per class (javac's 64 KB limits), runs both, and fails on the first difference.
 */
export async function expectSameAsJavac(bodies: readonly string[], options: { classPrefix: string; methodPrefix: string; perClass: number }): Promise<void> {
  const groups: { name: string; bodies: readonly string[]; offset: number }[] = [];
  for (let start = 0; start < bodies.length; start += options.perClass) {
    groups.push({ name: `${options.classPrefix}${start / options.perClass}`, bodies: bodies.slice(start, start + options.perClass), offset: start });
  }
  const files = (stub: boolean): Record<string, string> =>
    Object.fromEntries(groups.map((g) => [`rnd/${g.name}.java`, source(g.name, options.methodPrefix, g.bodies, g.offset, stub)]));
  const byJavac = await compileJava(files(false));
  const stubs = await compileJava(files(true));
  const pool = new ClassPool(true).appendClassPath(stubs.dir);
  for (const group of groups) {
    const ctClass = pool.get(`rnd.${group.name}`);
    group.bodies.forEach((body, k) => {
      const name = `${options.methodPrefix}${group.offset + k}`;
      try {
        ctClass.getDeclaredMethod(name).setBody(`{ ${body} }`);
      } catch (error) {
        throw new Error(`${name}: ${(error as Error).message}\n${body}`);
      }
    });
  }
  const ours = new Map(groups.map((g) => [`rnd/${g.name}`, pool.get(`rnd.${g.name}`).toBytecode()]));
  for (const group of groups) {
    const expected = await runJava({ classpath: byJavac.dir, mainClass: `rnd.${group.name}`, verify: true });
    const actual = await runJava({ classpath: [ours], mainClass: `rnd.${group.name}`, verify: true });
    expect(actual.stderr).toBe('');
    const expectedLines = expected.stdout.split('\n');
    const actualLines = actual.stdout.split('\n');
    const first = expectedLines.findIndex((line, k) => line !== actualLines[k]);
    if (first >= 0) {
      const index = group.offset + first;
      expect.fail(`${options.methodPrefix}${index} differs:\n  javac: ${expectedLines[first]}\n  ours:  ${actualLines[first]}\n  body: ${bodies[index]}`);
    }
    expect(actualLines.length).toBe(expectedLines.length);
  }
}
