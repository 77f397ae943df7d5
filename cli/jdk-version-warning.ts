// # A warning when the inputs are newer than the JDK the class path reads
//
// The class path's JDK classes come from one JDK (JAVA_HOME, else `java` on PATH). Class files
// compiled for a later Java may use classes that JDK lacks (java.util.SequencedCollection in Java 21…),
// which then show up as unresolved or missing. Saying so up front names the remedy.

import type { ClassPath } from '../src/classpath/class-path.js';

/** The Java feature version a class file major version stands for (JVMS §4.1: 45 is Java 1.1, 69 is Java 25). */
function featureOf(major: number): number {
  return major >= 49 ? major - 44 : 1;
}

/** Warns on stderr (once) when some input class is newer than the class path's JDK. */
export function warnIfNewerThanJdk(classFiles: Iterable<Uint8Array>, classPath: ClassPath): void {
  const jdk = classPath.release;
  if (classPath.javaHome === null || jdk === undefined) return;
  let newest = 0;
  for (const bytes of classFiles) {
    if (bytes.length >= 8) newest = Math.max(newest, (bytes[6]! << 8) | bytes[7]!);
  }
  const feature = featureOf(newest);
  if (newest === 0 || feature <= jdk) return;
  process.stderr.write(
    `classforge: warning: some classes are Java ${feature} class files (version ${newest}), newer than the JDK the class path reads ` +
      `(Java ${jdk}, ${classPath.javaHome}): classes added to the JDK since Java ${jdk} will not resolve. ` +
      `Set JAVA_HOME to a JDK ${feature} or later.\n`,
  );
}
