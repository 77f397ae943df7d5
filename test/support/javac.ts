// Test support: compile Java sources with the real javac (cached by content hash) and run programs with java.
//
// Fixtures are compiled at test time rather than checked in as bytes, so that they always come from a real
// compiler; the cache makes repeated runs cheap. The cache key covers every source path and text, the
// options, the release and the JDK's identity, so editing a fixture or switching JDKs recompiles.

import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { delimiter, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { createTempDirectory } from '../../src/testing/temp-directory.js';

/** The repository root (this file lives in test/support/). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The directory holding the Java fixture sources. */
export const FIXTURES_DIR = join(PROJECT_ROOT, 'fixtures');

const CACHE_ROOT = join(PROJECT_ROOT, 'node_modules', '.cache', 'classforge', 'javac');

/** Written last into a cache entry: its presence means the entry is complete. */
const COMPLETE_MARKER = '.classforge-complete.json';

/** One compiled class: its internal name (`pkg/Outer$Inner`, or `module-info`), file path and bytes. */
export interface CompiledClass {
  name: string;
  path: string;
  bytes: Uint8Array;
}

export interface CompileResult {
  /** The output directory, usable as a class path entry. */
  dir: string;
  /** Every class file under `dir`, sorted by name. */
  classes: CompiledClass[];
}

export interface CompileOptions {
  /** `--release N`. */
  release?: number;
  /** Extra javac options, e.g. `['-g']`, `['-g:none']`, `['-parameters']`. */
  options?: string[];
  /** The JDK whose javac to use; by default JAVA_HOME, else the javac on PATH. */
  javaHome?: string;
}

/**
 * Sources to compile: a `.java` file or a directory (searched recursively), an array of those, or an
 * in-memory map from relative path (`pkg/Name.java`) to source text.
 */
export type JavaSources = string | string[] | Record<string, string>;

interface SourceFile {
  /** The key used in the hash: a path relative to the project root (or the in-memory path). */
  key: string;
  text: string;
  /** The file on disk, or null for in-memory sources. */
  path: string | null;
}

// ## Locating JDKs

function javaHomeOf(executable: string): string {
  return resolve(dirname(realpathSync(executable)), '..');
}

function findOnPath(command: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, command);
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

/** The JDK home used when none is given: JAVA_HOME, else the one holding the javac on PATH. */
export function defaultJavaHome(): string {
  const env = process.env.JAVA_HOME;
  if (env && existsSync(join(env, 'bin', 'javac'))) return env;
  const javac = findOnPath('javac');
  if (javac === null) {
    throw new Error('No JDK found: set JAVA_HOME or put javac on PATH (JDK 17 or newer).');
  }
  return javaHomeOf(javac);
}

/** The `release` file's JAVA_VERSION of a JDK home (e.g. "25.0.3"), or null when absent. */
export function jdkVersion(javaHome: string): string | null {
  const release = join(javaHome, 'release');
  if (!existsSync(release)) return null;
  const match = /^JAVA_VERSION="([^"]*)"/m.exec(readFileSync(release, 'utf8'));
  return match ? match[1] : null;
}

function majorOf(version: string): number {
  const first = version.startsWith('1.') ? version.split('.')[1] : version.split(/[.+-]/)[0];
  return Number.parseInt(first, 10);
}

let jdk25Cache: string | null | undefined;

/**
 * The home of a JDK 25 when one is installed (JDK25_HOME, JAVA_HOME, or a directory under /usr/lib/jvm),
 * else null. Tests use it to also cover class file version 69, and skip that case visibly without it.
 */
export function findJdk25(): string | null {
  if (jdk25Cache !== undefined) return jdk25Cache;
  const candidates: string[] = [];
  for (const env of [process.env.JDK25_HOME, process.env.JAVA_HOME]) {
    if (env) candidates.push(env);
  }
  for (const root of ['/usr/lib/jvm', '/opt/java', '/opt']) {
    let entries: string[] = [];
    try {
      entries = readdirSync(root).sort();
    } catch {
      continue;
    }
    for (const entry of entries) candidates.push(join(root, entry));
  }
  jdk25Cache = null;
  for (const home of candidates) {
    const version = jdkVersion(home);
    if (version !== null && majorOf(version) === 25 && existsSync(join(home, 'bin', 'javac'))) {
      jdk25Cache = home;
      break;
    }
  }
  return jdk25Cache;
}

/** What identifies a JDK in the cache key: its release file, else `javac -version`. */
const jdkIdentityCache = new Map<string, string>();

async function jdkIdentity(javaHome: string): Promise<string> {
  let identity = jdkIdentityCache.get(javaHome);
  if (identity === undefined) {
    const release = join(javaHome, 'release');
    if (existsSync(release)) {
      identity = readFileSync(release, 'utf8');
    } else {
      const result = await execa(join(javaHome, 'bin', 'javac'), ['-version'], { reject: false });
      identity = `${result.stdout}\n${result.stderr}`;
    }
    jdkIdentityCache.set(javaHome, identity);
  }
  return identity;
}

// ## Collecting sources

function collectJavaFiles(path: string, out: string[]): void {
  const stats = statSync(path);
  if (stats.isDirectory()) {
    for (const entry of readdirSync(path).sort()) collectJavaFiles(join(path, entry), out);
  } else if (path.endsWith('.java')) {
    out.push(path);
  }
}

function collectSources(sources: JavaSources): SourceFile[] {
  if (typeof sources === 'string' || Array.isArray(sources)) {
    const paths: string[] = [];
    for (const p of typeof sources === 'string' ? [sources] : sources) collectJavaFiles(resolve(p), paths);
    if (paths.length === 0) throw new Error(`No .java files in ${String(sources)}`);
    const files = paths.map((path) => ({
      key: relative(PROJECT_ROOT, path).split(sep).join('/'),
      text: readFileSync(path, 'utf8'),
      path,
    }));
    return files.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
  const keys = Object.keys(sources).sort();
  if (keys.length === 0) throw new Error('No Java sources given');
  return keys.map((key) => ({ key, text: sources[key], path: null }));
}

// ## Compiling

async function listClassFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.isDirectory()) {
      out.push(...(await listClassFiles(join(dir, entry.name), `${prefix}${entry.name}/`)));
    } else if (entry.name.endsWith('.class')) {
      out.push(`${prefix}${entry.name}`);
    }
  }
  return out;
}

async function loadClasses(dir: string, relativePaths: string[]): Promise<CompiledClass[]> {
  const classes: CompiledClass[] = [];
  for (const rel of relativePaths) {
    const path = join(dir, rel);
    classes.push({ name: rel.slice(0, -'.class'.length), path, bytes: new Uint8Array(await readFile(path)) });
  }
  return classes.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Compiles `sources` with the real javac into `node_modules/.cache/classforge/javac/<sha256>/` and returns
 * the class files. A second call with the same sources, options and JDK reuses the cached output without
 * starting javac. Concurrent callers (vitest runs files in parallel) each compile into a private directory
 * and rename it into place, so a reader never sees a half-written entry.
 */
export async function compileJava(sources: JavaSources, options: CompileOptions = {}): Promise<CompileResult> {
  const javaHome = options.javaHome ?? defaultJavaHome();
  const files = collectSources(sources);
  const args: string[] = ['-encoding', 'UTF-8', '-nowarn', '-Xlint:none'];
  if (options.release !== undefined) args.push('--release', String(options.release));
  args.push(...(options.options ?? []));

  const hash = createHash('sha256');
  hash.update(await jdkIdentity(javaHome));
  hash.update('\0args\0' + JSON.stringify(args));
  for (const file of files) hash.update(`\0file\0${file.key}\0${file.text}`);
  const key = hash.digest('hex');
  const dir = join(CACHE_ROOT, key);
  const marker = join(dir, COMPLETE_MARKER);

  if (existsSync(marker)) {
    const listed = JSON.parse(await readFile(marker, 'utf8')) as { classes: string[] };
    return { dir, classes: await loadClasses(dir, listed.classes) };
  }

  const work = join(CACHE_ROOT, `${key}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  const out = join(work, 'classes');
  await mkdir(out, { recursive: true });
  let sourcePaths: string[];
  if (files.every((f) => f.path !== null)) {
    sourcePaths = files.map((f) => f.path as string);
  } else {
    const srcDir = join(work, 'src');
    sourcePaths = [];
    for (const file of files) {
      const path = file.path ?? join(srcDir, file.key);
      if (file.path === null) {
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, file.text);
      }
      sourcePaths.push(path);
    }
  }
  // An argument file keeps long source lists off the command line; javac's @file syntax needs quoting.
  const argFile = join(work, 'javac.args');
  const quote = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  await writeFile(argFile, [...args, '-d', out, ...sourcePaths].map(quote).join('\n'));
  const result = await execa(join(javaHome, 'bin', 'javac'), [`@${argFile}`], { reject: false, all: true });
  if (result.exitCode !== 0) {
    await rm(work, { recursive: true, force: true });
    throw new Error(`javac (${javaHome}) failed with exit code ${result.exitCode}:\n${result.all ?? ''}`);
  }
  const classFiles = await listClassFiles(out);
  await writeFile(join(out, COMPLETE_MARKER), JSON.stringify({ javaHome, args, classes: classFiles }, null, 1));
  try {
    await rename(out, dir);
  } catch (error) {
    // Another process finished the same entry first; its output is equivalent.
    if (!existsSync(marker)) throw error;
  }
  await rm(work, { recursive: true, force: true });
  return { dir, classes: await loadClasses(dir, classFiles) };
}

// ## Running

export interface RunJavaOptions {
  /** Class path entries (directories or jars), or one string joined with the platform delimiter. */
  classpath: string | string[];
  mainClass: string;
  /** Program arguments. */
  args?: string[];
  /** JVM options, e.g. `['-Xverify:all']`. */
  jvmArgs?: string[];
  /** The JDK whose java to run; by default the one compileJava uses by default. */
  javaHome?: string;
  /** Milliseconds before the JVM is killed; default 120 s. */
  timeout?: number;
}

export interface RunJavaResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Runs `java [jvmArgs] -cp <classpath> <mainClass> [args]` and returns its output; never throws on exit codes. */
export async function runJava(options: RunJavaOptions): Promise<RunJavaResult> {
  const javaHome = options.javaHome ?? defaultJavaHome();
  const classpath = Array.isArray(options.classpath) ? options.classpath.join(delimiter) : options.classpath;
  const result = await execa(
    join(javaHome, 'bin', 'java'),
    [...(options.jvmArgs ?? []), '-cp', classpath, options.mainClass, ...(options.args ?? [])],
    { reject: false, timeout: options.timeout ?? 120_000, stripFinalNewline: false },
  );
  if (result.timedOut) {
    throw new Error(`java ${options.mainClass} timed out after ${options.timeout ?? 120_000} ms`);
  }
  return { stdout: result.stdout ?? '', stderr: result.stderr ?? '', exitCode: result.exitCode ?? -1 };
}

/**
 * A fresh private directory under the OS temp dir, removed when the test process ends (or swept by
 * the next one if it was killed): the test kit's temp directories, named after `purpose`'s letters.
 */
export async function makeTempDir(purpose: string): Promise<string> {
  return createTempDirectory(purpose.toLowerCase().replace(/[^a-z]/g, '') || 'test');
}
