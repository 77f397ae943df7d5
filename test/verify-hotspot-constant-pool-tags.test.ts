// A class whose version is lowered below what its constants need (JVMS §4.4, Table 4.4-B): a
// lambda's CONSTANT_InvokeDynamic, MethodHandle and MethodType in a version 50 class, what a tool
// that lowers class versions but keeps invokedynamic makes. HotSpot refuses it with a
// ClassFormatError ("Class file version does not support constant tag …"); we verified its code
// and reported 0 errors. From version 51 the same class is valid on both sides. HotSpot's verdict
// is computed here (java -Xverify:all), not assumed.

import { describe, expect, it } from 'vitest';
import { ClassVerifier } from '../src/analysis/class-verifier.js';
import { ChainedClassHierarchy, MapClassHierarchy } from '../src/analysis/verification-hierarchy.js';
import { ClassPath } from '../src/classpath/class-path.js';
import { compileJava } from '../src/testing/compile-java.js';
import { verifyClasses } from '../src/testing/verify-classes.js';
import { javaHome } from './support/corpus.js';

const NAME = 'tags/Lambdas';
const SOURCE = `
package tags;
public class Lambdas {
  static Runnable task(String message) { return () -> System.out.println(message); }
}`;

describe('verify: constants newer than the class file version', () => {
  it.each([50, 51])('the lambda class as version %i: same verdict as HotSpot', async (version) => {
    const compiled = await compileJava({ 'tags/Lambdas.java': SOURCE }, { release: 8 });
    const bytes = Uint8Array.from(compiled.classes.get(NAME)!);
    bytes[6] = 0;
    bytes[7] = version; // the StackMapTable stays valid: version 50 and 51 frames are version 52's
    const hotspot = await verifyClasses(new Map([[NAME, bytes]]), { timeout: 300_000 });
    const verifier = new ClassVerifier(new ChainedClassHierarchy([new MapClassHierarchy([bytes]), new ClassPath([], { jdk: javaHome() })]));
    const ours = verifier.verify(bytes).errors.map((e) => `${e.method}: ${e.message}`);
    if (hotspot.failures.length === 0) {
      expect(ours).toEqual([]);
    } else {
      expect(hotspot.failures[0]!.error).toMatch(/^java\.lang\.ClassFormatError: Class file version does not support constant tag (\d+)/);
      const tag = /constant tag (\d+)/.exec(hotspot.failures[0]!.error)![1];
      expect(ours).toEqual([`<class>: Class file version does not support constant tag ${tag} in class file ${NAME}`]);
    }
    // The case this test is about happens: version 50 is refused, 51 accepted.
    expect(hotspot.failures.length > 0).toBe(version === 50);
  }, 600_000);
});
