// The type-checking verifier on every class of java.base: no false positives (issue 3, "Analysis
// and verification"). The hierarchy is java.base itself; java.base refers to no class outside it,
// so nothing may be unresolved either.

import { describe, expect, it } from 'vitest';
import { ClassVerifier, type VerificationError } from '../src/analysis/class-verifier.js';
import { MapClassHierarchy } from '../src/analysis/verification-hierarchy.js';
import { javaBaseClasses } from './support/corpus.js';

describe('verify java.base', () => {
  it('accepts every method of every class', async () => {
    const classes = (await javaBaseClasses()).filter((c) => c.name !== 'module-info');
    const hierarchy = new MapClassHierarchy(classes.map((c) => c.bytes));
    const verifier = new ClassVerifier(hierarchy);
    const errors: VerificationError[] = [];
    const unresolved: string[] = [];
    let methods = 0;
    const start = performance.now();
    for (const c of classes) {
      const result = verifier.verify(c.bytes);
      methods += result.methods;
      errors.push(...result.errors);
      for (const u of result.unresolved) unresolved.push(`${u.className}.${u.method}: ${u.missingClass}`);
    }
    const elapsed = performance.now() - start;
    console.log(`verified ${classes.length} classes, ${methods} methods in ${elapsed.toFixed(0)} ms`);
    expect(methods).toBeGreaterThan(50_000);
    expect(errors.slice(0, 20).map((e) => `${e.className}.${e.method} @${e.offset}: ${e.message}`)).toEqual([]);
    expect(errors.length).toBe(0);
    expect(unresolved.slice(0, 20)).toEqual([]);
  }, 120_000);
});
