// The type-checking verifier on the Debian jars of the corpus (guava, commons-lang3, byte-buddy):
// no false positives. The hierarchy is the jar, the other system jars it refers to, and the JDK
// (ClassPath). A method needing a class that is nowhere on that class path is "unresolved"
// (HotSpot would throw NoClassDefFoundError), counted apart and never an error.

import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ClassVerifier, type VerificationError } from '../src/analysis/class-verifier.js';
import { ChainedClassHierarchy, MapClassHierarchy } from '../src/analysis/verification-hierarchy.js';
import { ClassPath } from '../src/classpath/class-path.js';
import { corpusJars, jarClasses, javaHome } from './support/corpus.js';

/** System jars the corpus jars link against (byte-buddy uses Debian's unshaded ASM). */
const DEPENDENCIES = ['/usr/share/java/asm.jar', '/usr/share/java/asm-commons.jar', '/usr/share/java/asm-tree.jar'].filter(
  (path) => existsSync(path),
);

describe.each(corpusJars.filter((jar) => existsSync(jar)))('verify %s', (jar) => {
  it('reports no error on any class', async () => {
    const classes = (await jarClasses(jar)).filter((c) => !c.name.endsWith('module-info'));
    const start = performance.now();
    const classPath = new ClassPath(DEPENDENCIES, { jdk: javaHome() });
    // Base entries first, so that a multi-release variant never shadows the class itself.
    const inJar = new MapClassHierarchy(
      [...classes].sort((a, b) => Number(a.name.startsWith('META-INF/')) - Number(b.name.startsWith('META-INF/'))).map((c) => c.bytes),
    );
    const verifier = new ClassVerifier(new ChainedClassHierarchy([inJar, classPath]));
    const errors: VerificationError[] = [];
    const unresolved = new Map<string, number>();
    let methods = 0;
    for (const c of classes) {
      const result = verifier.verify(c.bytes);
      methods += result.methods;
      errors.push(...result.errors);
      for (const u of result.unresolved) unresolved.set(u.missingClass, (unresolved.get(u.missingClass) ?? 0) + 1);
    }
    const elapsed = performance.now() - start;
    const missing = [...unresolved].map(([name, count]) => `${name} (${count})`).join(', ');
    console.log(
      `${jar}: ${classes.length} classes, ${methods} methods, ${errors.length} errors, ` +
        `${[...unresolved.values()].reduce((a, b) => a + b, 0)} unresolved methods [${missing}] in ${elapsed.toFixed(0)} ms`,
    );
    expect(methods).toBeGreaterThan(1000);
    expect(errors.slice(0, 20).map((e) => `${e.className}.${e.method} @${e.offset}: ${e.message}`)).toEqual([]);
  }, 90_000);
});
