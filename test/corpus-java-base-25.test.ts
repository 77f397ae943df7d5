// java.base of a JDK 25 (class file version 69), when one is installed: the same lossless checks as
// corpus-java-base.test.ts (copy path byte for byte, full rewrite structurally equal), the verifier
// with no false positive, and every StackMapTable recomputed (SKIP_FRAMES, then COMPUTE_FRAMES against
// a class path over the same classes and the JDK 25 image) then accepted by the verifier.
//
// HotSpot cannot be the judge here: a class of a java.* package is refused from a class path, so these
// classes can only be checked by our type checker (itself checked against HotSpot on the Debian jars
// and on broken classes in verify-differential.test.ts and verify-broken.test.ts).
//
// Skipped, visibly, without a JDK 25: the project uses one when present and never requires it.

import { beforeAll, describe, expect, it } from 'vitest';
import { ClassVerifier, type VerificationError } from '../src/analysis/class-verifier.js';
import { MapClassHierarchy } from '../src/analysis/verification-hierarchy.js';
import { ClassReader } from '../src/asm/class-reader.js';
import { ClassWriter } from '../src/asm/class-writer.js';
import { ClassPath } from '../src/classpath/class-path.js';
import { type CorpusClass, javaBaseClasses, javaBaseDirectory } from './support/corpus.js';
import { checkCopyPath, checkFullRewrite, formatRoundTrip } from './support/corpus-round-trip.js';
import { findJdk25 } from './support/javac.js';

const jdk25 = findJdk25();

describe.skipIf(jdk25 === null)('java.base of a JDK 25', () => {
  let classes: CorpusClass[] = [];

  beforeAll(async () => {
    classes = await javaBaseClasses(jdk25!);
  }, 120_000);

  it('holds classes of version 69', () => {
    expect(classes.length).toBeGreaterThan(5000);
    const major = (c: CorpusClass) => (c.bytes[6]! << 8) | c.bytes[7]!;
    // jlink writes its SystemModules* classes at version 52; javac wrote the rest.
    const older = classes.filter((c) => major(c) !== 69).map((c) => c.name);
    expect(older.filter((name) => !name.startsWith('jdk/internal/module/SystemModules'))).toEqual([]);
    expect(classes.length - older.length).toBeGreaterThan(5000);
  });

  it('copy path returns every class byte for byte', () => {
    const result = checkCopyPath(classes);
    expect(result.failures, formatRoundTrip('JDK 25 java.base copy path', result)).toEqual([]);
  });

  it('full rewrite gives every class an equal structural dump', () => {
    const result = checkFullRewrite(classes);
    expect(result.failures, formatRoundTrip('JDK 25 java.base full rewrite', result)).toEqual([]);
  });

  it('the verifier accepts every method, as given and with its frames recomputed', () => {
    const types = classes.filter((c) => c.name !== 'module-info');
    const verifier = new ClassVerifier(new MapClassHierarchy(types.map((c) => c.bytes)));
    const classPath = new ClassPath([javaBaseDirectory(jdk25!)], { jdk: jdk25! });
    const describe = (errors: VerificationError[]) =>
      errors.slice(0, 10).map((e) => `${e.className}.${e.method} @${e.offset}: ${e.message}`);
    let methods = 0;
    const originalErrors: VerificationError[] = [];
    const recomputedErrors: VerificationError[] = [];
    for (const c of types) {
      const original = verifier.verify(c.bytes);
      methods += original.methods;
      originalErrors.push(...original.errors);
      const writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES, { classPath });
      new ClassReader(c.bytes).accept(writer, ClassReader.SKIP_FRAMES);
      recomputedErrors.push(...verifier.verify(writer.toByteArray()).errors);
    }
    expect(methods).toBeGreaterThan(50_000);
    expect(describe(originalErrors)).toEqual([]);
    expect(describe(recomputedErrors)).toEqual([]);
  }, 120_000);
});
