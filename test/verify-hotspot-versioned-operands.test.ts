// Instructions naming a constant their class's version does not allow, what a tool lowering class
// versions makes: invokestatic of an interface's static method (an InterfaceMethodref) in a
// version 51 or 50 class, ldc of a class literal in a version 48 class. HotSpot rejects them
// ("Illegal type at constant pool entry", "Illegal type in constant pool"); we accepted them. At
// the versions that allow them they are valid on both sides. HotSpot's verdict is computed here
// (java -Xverify:all), not assumed.

import { describe, expect, it } from 'vitest';
import { ClassVerifier } from '../src/analysis/class-verifier.js';
import { ChainedClassHierarchy, MapClassHierarchy } from '../src/analysis/verification-hierarchy.js';
import { ClassPath } from '../src/classpath/class-path.js';
import { compileJava } from '../src/testing/compile-java.js';
import { verifyClasses } from '../src/testing/verify-classes.js';
import { stripFrames } from './support/class-versions.js';
import { javaHome } from './support/corpus.js';

const SOURCES = {
  'ops/Sorting.java': `
package ops;
import java.util.Comparator;
public class Sorting {
  static Comparator<String> byLength() { return Comparator.comparingInt(String::length).reversed(); }
  static Comparator<String> natural() { return Comparator.naturalOrder(); }
}`,
  'ops/Literal.java': `
package ops;
public class Literal {
  static Object type() { return Literal.class; }
}`,
};

/** The class as version `version`: frames kept from 50 on, stripped before (inference). */
function atVersion(bytes: Uint8Array, version: number): Uint8Array {
  if (version < 50) return stripFrames(bytes, version);
  const copy = Uint8Array.from(bytes);
  copy[6] = 0;
  copy[7] = version;
  return copy;
}

describe('verify: operands newer than the class file version', () => {
  it.each<[string, number, string | null]>([
    ['ops/Sorting', 51, 'natural()Ljava/util/Comparator;: Illegal type at constant pool entry'],
    ['ops/Sorting', 52, null],
    ['ops/Literal', 48, 'type()Ljava/lang/Object;: Illegal type in constant pool'],
    ['ops/Literal', 49, null],
  ])('%s as version %i: same verdict as HotSpot', async (name, version, ourError) => {
    const compiled = await compileJava(SOURCES, { release: 8 });
    const bytes = atVersion(compiled.classes.get(name)!, version);
    const hotspot = await verifyClasses(new Map([[name, bytes]]), { timeout: 300_000 });
    const verifier = new ClassVerifier(new ChainedClassHierarchy([new MapClassHierarchy([bytes]), new ClassPath([], { jdk: javaHome() })]));
    const ours = verifier.verify(bytes).errors.map((e) => `${e.method}: ${e.message}`);
    if (ourError === null) {
      expect(hotspot.failures).toEqual([]);
      expect(ours).toEqual([]);
    } else {
      expect(hotspot.failures).toHaveLength(1);
      expect(hotspot.failures[0]!.error).toMatch(/^java\.lang\.VerifyError: .*Illegal type (at constant pool entry|in constant pool)/);
      expect(ours).toContainEqual(expect.stringContaining(ourError));
    }
  }, 600_000);
});
