// # Finding `java` and `javac`: the JDK given, else JAVA_HOME, else the one on PATH
//
// Same rule as the class path (src/classpath/java-home.ts), so that the classes a test compiles,
// the JDK its frames are computed against and the JVM that runs them are one JDK by default.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findJavaHome } from '../classpath/java-home.js';

/** The path of a JDK tool (`java`, `javac`) in `javaHome` (default: JAVA_HOME, else PATH's JDK). */
export function javaTool(tool: 'java' | 'javac', javaHome?: string): string {
  const home = javaHome ?? findJavaHome();
  if (home === undefined) {
    throw new Error(`classforge/testing: no JDK found for ${tool}: set JAVA_HOME or put java on PATH (JDK 17 or newer)`);
  }
  const path = join(home, 'bin', process.platform === 'win32' ? `${tool}.exe` : tool);
  if (!existsSync(path)) {
    throw new Error(
      `classforge/testing: no ${tool} in ${join(home, 'bin')}` +
        (tool === 'javac' ? ' (compileJava needs a JDK, not a JRE; set JAVA_HOME to one)' : ''),
    );
  }
  return path;
}

/** The Java home the kit uses when none is given, or undefined. */
export function defaultJavaHome(): string | undefined {
  return findJavaHome();
}
