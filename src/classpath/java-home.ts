// # Finding the current JDK and its version
//
// The class path answers questions about JDK classes from a Java home's files; it never starts a
// JVM. The current JDK is JAVA_HOME when set, else the `java` found on PATH with its symbolic
// links resolved (Debian's /usr/bin/java → /etc/alternatives/java → /usr/lib/jvm/…/bin/java),
// two directories up from the executable.

import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';

/** The `java` executable's file name on this platform. */
const JAVA_EXECUTABLE = process.platform === 'win32' ? 'java.exe' : 'java';

/**
 * The Java home of the current JDK: JAVA_HOME when set (even if it holds no JDK, so that a
 * wrong setting shows up in errors rather than being silently replaced), else the home of the
 * `java` on PATH; undefined when neither exists.
 */
export function findJavaHome(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const fromEnv = env.JAVA_HOME;
  if (fromEnv !== undefined && fromEnv !== '') return resolve(fromEnv);
  for (const directory of (env.PATH ?? '').split(delimiter)) {
    if (directory === '') continue;
    const candidate = join(directory, JAVA_EXECUTABLE);
    try {
      if (!statSync(candidate).isFile()) continue;
      // <home>/bin/java; a Java 8 JRE inside a JDK gives <jdk>/jre, which also works (lib/rt.jar).
      return dirname(dirname(realpathSync(candidate)));
    } catch {
      // Not there, or a dangling link: keep looking.
    }
  }
  return undefined;
}

/** What a Java home's `release` file says (KEY="value" lines). */
export interface JavaRelease {
  /** Every key of the file, quotes removed. */
  readonly properties: Readonly<Record<string, string>>;
  /** JAVA_VERSION, e.g. "17.0.15" or "1.8.0_402". */
  readonly javaVersion: string | undefined;
  /** The feature release number: 17 for "17.0.15", 8 for "1.8.0_402". */
  readonly featureVersion: number | undefined;
  /** MODULES, split on spaces (absent for Java 8). */
  readonly modules: readonly string[];
}

/** Reads `<javaHome>/release`; undefined when the home has none. */
export function readJavaRelease(javaHome: string): JavaRelease | undefined {
  const path = join(javaHome, 'release');
  if (!existsSync(path)) return undefined;
  const properties: Record<string, string> = {};
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    const match = /^([A-Za-z0-9_.]+)=(.*)$/.exec(line);
    if (!match) continue;
    let value = match[2]!.trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    properties[match[1]!] = value;
  }
  const javaVersion = properties.JAVA_VERSION;
  return {
    properties,
    javaVersion,
    featureVersion: javaVersion === undefined ? undefined : featureVersionOf(javaVersion),
    modules: properties.MODULES ? properties.MODULES.split(/\s+/).filter((m) => m !== '') : [],
  };
}

/** The feature release of a version string: "17.0.15" → 17, "1.8.0_402" → 8, "25" → 25. */
export function featureVersionOf(version: string): number | undefined {
  const parts = version.split(/[.+_-]/);
  const first = parts[0] === '1' && parts.length > 1 ? parts[1]! : parts[0]!;
  const n = Number.parseInt(first, 10);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}
