// # Class corpora for round-trip tests
//
// java.base of the running JDK (extracted once into node_modules/.cache/classforge/, keyed by the
// JDK's version) and the .class entries of jars such as Debian's guava, commons-lang3, byte-buddy.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';

export interface CorpusClass {
  /** Internal-style path of the class without `.class`: `java/lang/Object`, `module-info`. */
  name: string;
  bytes: Uint8Array;
}

/** The JDK 17 the project targets; JAVA_HOME wins when it is set. */
const DEFAULT_JDK = '/usr/lib/jvm/java-17-openjdk-amd64';

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where extracted corpora are cached across test runs. */
export const corpusCacheDirectory = join(repositoryRoot, 'node_modules', '.cache', 'classforge');

/** The JDK whose java.base is tested: JAVA_HOME, else the Debian JDK 17, else `java` on PATH. */
export function javaHome(): string {
  const candidates: string[] = [];
  if (process.env.JAVA_HOME) candidates.push(process.env.JAVA_HOME);
  candidates.push(DEFAULT_JDK);
  for (const home of candidates) {
    if (existsSync(join(home, 'jmods', 'java.base.jmod')) || existsSync(join(home, 'lib', 'modules'))) return home;
  }
  try {
    const java = execFileSync('which', ['java'], { encoding: 'utf8' }).trim();
    return dirname(dirname(realpathSync(java)));
  } catch {
    throw new Error(`no JDK found: set JAVA_HOME (tried ${candidates.join(', ')} and java on PATH)`);
  }
}

/** JAVA_RUNTIME_VERSION (or JAVA_VERSION) from the JDK's `release` file, for cache keys. */
function javaVersion(home: string): string {
  const release = join(home, 'release');
  if (existsSync(release)) {
    const text = readFileSync(release, 'utf8');
    const m = /^JAVA_RUNTIME_VERSION="([^"]+)"/m.exec(text) ?? /^JAVA_VERSION="([^"]+)"/m.exec(text);
    if (m) return m[1]!;
  }
  return 'unknown';
}

function* walkClassFiles(directory: string): Generator<string> {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) yield* walkClassFiles(path);
    else if (entry.name.endsWith('.class')) yield path;
  }
}

/**
 * Extracts java.base once into the cache (jmod extract of jmods/java.base.jmod, or jimage extract
 * of lib/modules when the JDK has no jmods) and returns the directory holding its package tree.
 */
export function javaBaseDirectory(home: string = javaHome()): string {
  const jmod = join(home, 'jmods', 'java.base.jmod');
  const useJmod = existsSync(jmod);
  const source = useJmod ? jmod : join(home, 'lib', 'modules');
  const key = `${javaVersion(home)}-${statSync(source).size}`.replace(/[^A-Za-z0-9._+-]/g, '_');
  const target = join(corpusCacheDirectory, `java.base-${key}`);
  const classes = useJmod ? join(target, 'classes') : join(target, 'java.base');
  if (existsSync(classes)) return classes;
  mkdirSync(corpusCacheDirectory, { recursive: true });
  // Extract beside the target and rename, so that a concurrent test process never sees half a tree.
  const scratch = `${target}.tmp-${process.pid}`;
  rmSync(scratch, { recursive: true, force: true });
  if (useJmod) {
    execFileSync(join(home, 'bin', 'jmod'), ['extract', '--dir', scratch, jmod], { stdio: 'pipe' });
  } else {
    execFileSync(join(home, 'bin', 'jimage'), ['extract', '--dir', scratch, '--include', 'regex:/java.base/.*', source], {
      stdio: 'pipe',
    });
  }
  try {
    renameSync(scratch, target);
  } catch (error) {
    rmSync(scratch, { recursive: true, force: true });
    if (!existsSync(classes)) throw error;
  }
  return classes;
}

const javaBaseCache = new Map<string, Promise<CorpusClass[]>>();

/** Every class of java.base of the tested JDK (or of the JDK at `home`), sorted by name. */
export function javaBaseClasses(home: string = javaHome()): Promise<CorpusClass[]> {
  let cached = javaBaseCache.get(home);
  if (cached !== undefined) return cached;
  cached = Promise.resolve().then(() => {
    const root = javaBaseDirectory(home);
    const classes: CorpusClass[] = [];
    for (const path of walkClassFiles(root)) {
      const name = relative(root, path).split(sep).join('/').slice(0, -'.class'.length);
      classes.push({ name, bytes: readFileSync(path) });
    }
    classes.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return classes;
  });
  javaBaseCache.set(home, cached);
  return cached;
}

/** Every `.class` entry of a jar (multi-release entries included, named by their full path). */
export async function jarClasses(path: string): Promise<CorpusClass[]> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const classes: CorpusClass[] = [];
  for (const entry of Object.values(zip.files)) {
    if (entry.dir || !entry.name.endsWith('.class')) continue;
    classes.push({ name: entry.name.slice(0, -'.class'.length), bytes: await entry.async('uint8array') });
  }
  classes.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return classes;
}

/** Debian's system jar directory. */
export const systemJarDirectory = '/usr/share/java';

/** The Debian jars of the corpus tests (unversioned symlinks of libguava-java, libcommons-lang3-java, libbyte-buddy-java). */
export const corpusJars: readonly string[] = ['guava.jar', 'commons-lang3.jar', 'byte-buddy.jar'].map((name) =>
  join(systemJarDirectory, name),
);
