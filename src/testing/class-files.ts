// # Class files in memory: the shape every function of the test kit takes and returns
//
// Decision: a `Map` from internal name (`pkg/Outer$Inner`, `module-info`) to class file bytes,
// in name order. A map rather than an array of {name, bytes}: tests look classes up by name
// (`classes.get('demo/Hello')`), and a map cannot hold one class twice. compileJava returns one,
// transformClasses takes and returns one, runJava and verifyClasses accept one as a class path
// entry (written to a temporary directory first). Anything with a `classes` map (the results of
// compileJava and transformClasses) is accepted wherever a map is.

import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { readClassHeader } from '../classpath/class-header.js';
import { ZipArchive } from '../classpath/zip-archive.js';

/** Class file bytes by internal name (`pkg/Outer$Inner`). */
export type ClassFiles = Map<string, Uint8Array>;

/** A result that carries class files: what compileJava and transformClasses return. */
export interface ClassFilesHolder {
  readonly classes: ReadonlyMap<string, Uint8Array>;
}

/**
 * Class files as the kit accepts them: a map, a result holding one, or a path (a directory of
 * class files, a jar, or one `.class` file) read from disk.
 */
export type ClassFilesInput = ReadonlyMap<string, Uint8Array> | ClassFilesHolder | string;

/** Whether `value` is a map of class files or a result holding one (and not a path). */
export function isClassFilesValue(value: unknown): value is ReadonlyMap<string, Uint8Array> | ClassFilesHolder {
  return value instanceof Map || (typeof value === 'object' && value !== null && (value as ClassFilesHolder).classes instanceof Map);
}

/** The class files of `input`, as a new map in name order. */
export function toClassFiles(input: ClassFilesInput): ClassFiles {
  if (typeof input === 'string') return readClassFiles(input);
  const map = input instanceof Map ? input : (input as ClassFilesHolder).classes;
  if (!(map instanceof Map)) {
    throw new TypeError('classforge/testing: expected class files (a Map of internal name → bytes, a compileJava result, or a path)');
  }
  return sortedByName(map as ReadonlyMap<string, Uint8Array>);
}

/**
 * Reads the class files under a directory (recursively, named by their path), from a jar (its
 * base entries: versioned META-INF/versions/ entries are left out, as they repeat names), or one
 * `.class` file (named by the class it declares).
 */
export function readClassFiles(path: string): ClassFiles {
  if (!existsSync(path)) throw new Error(`classforge/testing: no such file or directory: ${path}`);
  const classes = new Map<string, Uint8Array>();
  if (statSync(path).isDirectory()) {
    for (const relative of listClassFilePaths(path)) {
      classes.set(relative.slice(0, -'.class'.length), new Uint8Array(readFileSync(join(path, relative))));
    }
  } else if (path.endsWith('.class')) {
    const bytes = new Uint8Array(readFileSync(path));
    classes.set(readClassHeader(bytes).name, bytes);
  } else {
    const archive = ZipArchive.open(path);
    try {
      for (const entry of archive.entries()) {
        if (!entry.name.endsWith('.class') || entry.name.startsWith('META-INF/')) continue;
        classes.set(entry.name.slice(0, -'.class'.length), archive.read(entry.name)!);
      }
    } finally {
      archive.close();
    }
  }
  return sortedByName(classes);
}

/** Writes class files into `directory` as `<internal name>.class`, creating package directories. */
export function writeClassFiles(classes: ClassFilesInput, directory: string): void {
  for (const [name, bytes] of toClassFiles(classes)) {
    if (name === '' || name.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')) {
      throw new Error(`classforge/testing: not a class name that maps to a file: '${name}'`);
    }
    const file = join(directory, ...name.split('/')) + '.class';
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, bytes);
  }
}

/** The `.class` files under `directory`, as '/'-separated paths relative to it, sorted. */
export function listClassFilePaths(directory: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(directory, { recursive: true, withFileTypes: false }) as string[]) {
    if (entry.endsWith('.class')) out.push(entry.split(sep).join('/'));
  }
  return out.sort(compareNames);
}

function sortedByName(map: ReadonlyMap<string, Uint8Array>): ClassFiles {
  return new Map([...map].sort((a, b) => compareNames(a[0], b[0])));
}

/** Code-unit order, so that results do not depend on the locale. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
