// # compileJava: the real javac, from a test, with no set-up
//
// Decisions:
// - Sources are a directory (searched recursively), a list of `.java` files and directories, or
//   an in-memory map `{ 'pkg/Name.java': 'source…' }`. In-memory sources are written under a
//   scratch directory and javac runs there with relative paths, so its diagnostics name
//   `pkg/Name.java:3`, not a temporary path.
// - The classes land in a fresh temporary directory (`dir`, removed by cleanup() or at exit) and
//   come back as a Map (see class-files.ts).
// - Results are cached by content hash (the JDK's identity, javac's arguments, every source's
//   path and text, and the class path's files by size and modification time) under
//   node_modules/.cache/classforge-testing/ of the nearest node_modules above the current
//   directory, else under the OS temp dir. javac takes a second or more to start; the cache makes
//   a test suite's second run cheap. A hit is copied into a fresh `dir`, so a test writing into
//   `dir` cannot spoil the cache. `cache: false` or CLASSFORGE_TESTING_CACHE=0 turns it off;
//   CLASSFORGE_TESTING_CACHE=<dir> moves it.
// - A compile error throws JavaCompileError with javac's diagnostics in the message.

import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import { execa } from 'execa';
import { javaTool } from './java-tools.js';
import { type ClassFiles, type ClassFilesHolder, isClassFilesValue, listClassFilePaths, readClassFiles, toClassFiles, writeClassFiles } from './class-files.js';
import { JavaCompileError } from './java-compile-error.js';
import { createTempDirectory, removeTempDirectory } from './temp-directory.js';

/**
 * Java sources: a directory or `.java` file, a list of those, or a map from relative path
 * (`pkg/Name.java`) to source text.
 */
export type JavaSources = string | readonly string[] | Readonly<Record<string, string>>;

/** A class path entry: a directory or jar path, or class files in memory (written to a temporary directory). */
export type ClassPathEntry = string | ReadonlyMap<string, Uint8Array> | ClassFilesHolder;

export interface CompileJavaOptions {
  /** `--release N`: the Java version to compile for. Default: javac's own. */
  release?: number;
  /** The class path for javac (`-classpath`): directories, jars, or class files in memory. */
  classpath?: ClassPathEntry | readonly ClassPathEntry[];
  /** More javac arguments, e.g. `['-g']`, `['-parameters']`, `['-Xlint:all']`. */
  javacOptions?: readonly string[];
  /** The JDK whose javac runs. Default: JAVA_HOME, else the JDK of the `java` on PATH. */
  javaHome?: string;
  /** Reuse an earlier identical compilation (default true; see the decisions above). */
  cache?: boolean;
}

export interface CompiledClasses {
  /** A fresh directory holding the class files (a class path entry for runJava). */
  readonly dir: string;
  /** Class file bytes by internal name (`pkg/Outer$Inner`), in name order. */
  readonly classes: ClassFiles;
  /** What javac printed (warnings), '' when nothing. */
  readonly diagnostics: string;
}

interface SourceFile {
  /** Where javac reads it: absolute for files on disk, relative to the scratch root for in-memory ones. */
  readonly path: string;
  /** The key hashed for the cache. */
  readonly key: string;
  readonly text: string;
  readonly inMemory: boolean;
}

/** Compiles Java sources with the real javac; throws JavaCompileError when javac reports errors. */
export async function compileJava(sources: JavaSources, options: CompileJavaOptions = {}): Promise<CompiledClasses> {
  const javac = javaTool('javac', options.javaHome);
  const javaHome = resolve(dirname(javac), '..');
  const files = collectSources(sources);
  const scratch = createTempDirectory('javac');
  try {
    const classpath = classPathArgument(options.classpath, scratch);
    const args = ['-encoding', 'UTF-8', '-implicit:class'];
    if (options.release !== undefined) args.push('--release', String(options.release));
    if (classpath !== '') args.push('-classpath', classpath);
    args.push(...(options.javacOptions ?? []));

    const cacheRoot = options.cache === false ? null : cacheDirectory();
    const key = cacheRoot === null ? null : cacheKey(javaHome, args, files, classpath);
    const dir = createTempDirectory('classes');
    if (cacheRoot !== null && key !== null) {
      const entry = join(cacheRoot, key);
      const manifest = join(entry, MANIFEST);
      if (existsSync(manifest)) {
        const recorded = JSON.parse(readFileSync(manifest, 'utf8')) as { diagnostics: string };
        cpSync(join(entry, 'classes'), dir, { recursive: true });
        return { dir, classes: readClassFiles(dir), diagnostics: recorded.diagnostics };
      }
    }

    if (files.some((file) => file.inMemory)) {
      for (const file of files) {
        if (!file.inMemory) continue;
        const target = join(scratch, 'src', file.path);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, file.text);
      }
    }
    // An argument file keeps a long source list off the command line; javac's @file needs quoting.
    const quote = (text: string): string => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
    const argumentFile = join(scratch, 'javac.args');
    writeFileSync(argumentFile, [...args, '-d', dir, ...files.map((file) => file.path)].map(quote).join('\n'));
    mkdirSync(join(scratch, 'src'), { recursive: true });
    const result = await execa(javac, [`@${argumentFile}`], { cwd: join(scratch, 'src'), reject: false, all: true });
    const diagnostics = result.all ?? '';
    if (result.failed && result.exitCode === undefined) {
      throw new Error(`classforge/testing: could not run ${javac}: ${result.shortMessage ?? result.message}`);
    }
    if (result.exitCode !== 0) throw new JavaCompileError(diagnostics, result.exitCode ?? -1);

    if (cacheRoot !== null && key !== null) storeInCache(cacheRoot, key, dir, diagnostics);
    return { dir, classes: readClassFiles(dir), diagnostics };
  } finally {
    removeTempDirectory(scratch);
  }
}

// ## Sources

function collectSources(sources: JavaSources): SourceFile[] {
  if (typeof sources === 'string' || Array.isArray(sources)) {
    const paths: string[] = [];
    for (const path of typeof sources === 'string' ? [sources] : (sources as readonly string[])) {
      collectJavaFiles(resolve(path), paths);
    }
    if (paths.length === 0) throw new Error(`classforge/testing: no .java files in ${JSON.stringify(sources)}`);
    return [...new Set(paths)].sort().map((path) => ({ path, key: path, text: readFileSync(path, 'utf8'), inMemory: false }));
  }
  if (typeof sources !== 'object' || sources === null) {
    throw new TypeError('classforge/testing: compileJava expects a directory, a list of .java files, or { "pkg/Name.java": "source" }');
  }
  const names = Object.keys(sources).sort();
  if (names.length === 0) throw new Error('classforge/testing: compileJava got no sources');
  return names.map((name) => {
    const text = (sources as Record<string, string>)[name];
    if (!name.endsWith('.java') || isAbsolute(name) || name.split(/[\\/]/).some((segment) => segment === '..' || segment === '')) {
      throw new Error(`classforge/testing: in-memory source names are relative paths ending in .java ('pkg/Name.java'), got '${name}'`);
    }
    if (typeof text !== 'string') throw new TypeError(`classforge/testing: the source of '${name}' is not a string`);
    return { path: name, key: 'memory:' + name, text, inMemory: true };
  });
}

function collectJavaFiles(path: string, out: string[]): void {
  if (!existsSync(path)) throw new Error(`classforge/testing: no such file or directory: ${path}`);
  if (statSync(path).isDirectory()) {
    for (const entry of readdirSync(path).sort()) collectJavaFiles(join(path, entry), out);
  } else if (path.endsWith('.java')) {
    out.push(path);
  }
}

/** The -classpath value; in-memory entries are written under `scratch` first. */
function classPathArgument(classpath: CompileJavaOptions['classpath'], scratch: string): string {
  if (classpath === undefined) return '';
  const entries = Array.isArray(classpath) ? (classpath as readonly ClassPathEntry[]) : [classpath as ClassPathEntry];
  return entries
    .map((entry, index) => {
      if (typeof entry === 'string') return resolve(entry);
      if (!isClassFilesValue(entry)) throw new TypeError('classforge/testing: a class path entry is a path or class files');
      const directory = join(scratch, `classpath-${index}`);
      writeClassFiles(toClassFiles(entry), directory);
      return directory;
    })
    .join(delimiter);
}

// ## The cache

const MANIFEST = 'classforge-compile.json';

function cacheDirectory(): string | null {
  const setting = process.env.CLASSFORGE_TESTING_CACHE;
  if (setting === '0' || setting === 'false' || setting === 'off') return null;
  if (setting !== undefined && setting !== '') return resolve(setting);
  for (let directory = process.cwd(); ; directory = dirname(directory)) {
    if (existsSync(join(directory, 'node_modules'))) return join(directory, 'node_modules', '.cache', 'classforge-testing', 'javac');
    if (dirname(directory) === directory) break;
  }
  let user = 'user';
  try {
    user = userInfo().username;
  } catch {
    // No user name (a container without passwd entry): share the default name.
  }
  return join(tmpdir(), `classforge-testing-cache-${user}`, 'javac');
}

function cacheKey(javaHome: string, args: readonly string[], files: readonly SourceFile[], classpath: string): string {
  const hash = createHash('sha256');
  hash.update('classforge-testing javac 1\0');
  const release = join(javaHome, 'release');
  hash.update(existsSync(release) ? readFileSync(release) : javaHome);
  // Class path arguments of in-memory entries are scratch paths: hash what they hold instead.
  hash.update('\0args\0' + JSON.stringify(args.map((arg) => (arg === classpath ? '' : arg))));
  for (const entry of classpath === '' ? [] : classpath.split(delimiter)) hashClassPathEntry(hash, entry);
  for (const file of files) hash.update(`\0file\0${file.key}\0${file.text}`);
  return hash.digest('hex');
}

function hashClassPathEntry(hash: ReturnType<typeof createHash>, entry: string): void {
  hash.update('\0cp\0');
  if (!existsSync(entry)) return;
  if (statSync(entry).isDirectory()) {
    for (const relative of listClassFilePaths(entry)) hash.update(relative + '\0').update(readFileSync(join(entry, relative)));
  } else {
    const stats = statSync(entry);
    hash.update(`${entry}\0${stats.size}\0${stats.mtimeMs}`);
  }
}

/** Copies a compilation into the cache atomically (a private copy renamed into place). */
function storeInCache(cacheRoot: string, key: string, classesDirectory: string, diagnostics: string): void {
  const entry = join(cacheRoot, key);
  if (existsSync(entry)) return;
  const work = `${entry}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    mkdirSync(work, { recursive: true });
    cpSync(classesDirectory, join(work, 'classes'), { recursive: true });
    writeFileSync(join(work, MANIFEST), JSON.stringify({ classes: listClassFilePaths(classesDirectory), diagnostics }));
    renameSync(work, entry);
  } catch {
    // Another process stored the same entry first, or the cache is not writable: the result stands.
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
