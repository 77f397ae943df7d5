// # Class inputs: the classes of a .class file, a jar or a directory
//
// Commands that take `<class|jar|dir>` (print, verify, transform) enumerate classes through
// readClassInputs. Problems with the container itself (a missing path, a truncated or corrupt
// jar) throw InputError; whether each class's bytes are a valid class file is the caller's
// business (ClassReader throws ClassFormatError).

import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { ClassPathError } from '../src/classpath/class-path-error.js';
import { ZipArchive } from '../src/classpath/zip-archive.js';
import { classifyJarEntry } from '../src/transform/jar-file.js';
import { InputError } from './cli-error.js';

/** One class to process. */
export interface ClassInput {
  /** Where the bytes come from, for messages: a file path, or `<jar>!/<entry>`. */
  readonly displayName: string;
  readonly bytes: Uint8Array;
  /**
   * For a jar's `META-INF/versions/N/` class (a multi-release variant, JEP 238): N, the release it
   * is loaded on and was compiled against; null otherwise.
   */
  readonly release: number | null;
  /** The path inside the jar or directory (`META-INF/versions/11/p/Foo.class`); '' for a file given alone. */
  readonly entry: string;
}

const ZIP_EXTENSIONS = /\.(jar|zip|war|ear)$/i;

/** The most bytes fs.readFile reads at once (2 GiB - 1; Node's kIoMaxLength). */
const MAX_READ_LENGTH = 2 ** 31 - 1;

/**
 * Whether `bytes`, which start with neither a class file's nor a zip's signature, are a zip with
 * something in front: a self-extracting stub or a launcher script (`#!/bin/sh … exec java -jar "$0"`,
 * Spring Boot's executable jars). java -jar accepts them: java.util.zip.ZipFile finds the central
 * directory from the end of the file.
 */
function isPrefixedZip(bytes: Uint8Array): boolean {
  if (bytes.length >= 4 && bytes[0] === 0xca && bytes[1] === 0xfe && bytes[2] === 0xba && bytes[3] === 0xbe) return false;
  try {
    ZipArchive.fromBytes(bytes, '').close();
    return true;
  } catch {
    return false;
  }
}

/**
 * What to say about a file given as a class that is plainly no class file (not named .class, no
 * 0xCAFEBABE magic: Java source, a text file), instead of the reader's "bad magic number"; null
 * otherwise. A malformed file named .class keeps its ClassFormatError. Used by print and verify.
 */
export function notAClassFile(name: string, bytes: Uint8Array): string | null {
  if (name.endsWith('.class')) return null;
  if (bytes.length >= 4 && bytes[0] === 0xca && bytes[1] === 0xfe && bytes[2] === 0xba && bytes[3] === 0xbe) return null;
  return `not a class file (no 0xCAFEBABE magic)${javaSourceHint(name)}`;
}

/** The hint for a `.java` file given where class files are expected ('' for any other name). */
function javaSourceHint(name: string): string {
  return name.endsWith('.java') ? '; is it Java source? compile it with javac first' : '';
}

/** Whether `bytes` start with a ZIP local file header or an end-of-central-directory record. */
function looksLikeZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    ((bytes[2] === 0x03 && bytes[3] === 0x04) || (bytes[2] === 0x05 && bytes[3] === 0x06))
  );
}

async function statOrThrow(path: string): Promise<Awaited<ReturnType<typeof stat>>> {
  try {
    return await stat(path);
  } catch (error) {
    throw new InputError(path, describeFsError(error), { cause: error });
  }
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return (error as Error).message;
}

async function readFileOrThrow(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new InputError(path, describeFsError(error), { cause: error });
  }
}

/** The files under `directory` whose names `accept` takes, recursively, in sorted order; symlinked directories are not followed. */
async function listFiles(directory: string, into: string[], accept: (name: string) => boolean): Promise<void> {
  let entries;
  try {
    entries = await readdir(directory, { withFileTypes: true });
  } catch (error) {
    throw new InputError(directory, describeFsError(error), { cause: error });
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      await listFiles(path, into, accept);
    } else if (accept(entry.name)) {
      if (entry.isSymbolicLink()) {
        const target = await stat(path).catch(() => null);
        if (target === null || !target.isFile()) continue;
      } else if (!entry.isFile()) {
        continue;
      }
      into.push(path);
    }
  }
}

/** A jar entry or a file of a directory that is not a loadable class (a resource, the manifest, a class file under META-INF/). */
export interface OtherEntry {
  /** The path inside the jar or directory, '/'-separated. */
  readonly entry: string;
  readonly displayName: string;
  readonly bytes: Uint8Array;
}

/** The problem a ClassPathError describes, without the file name it starts with (InputError adds it). */
function problemOf(error: unknown, file: string): string {
  const message = error instanceof Error ? error.message : String(error);
  return error instanceof ClassPathError && message.startsWith(`${file}: `) ? message.slice(file.length + 2) : message;
}

/**
 * Opens `bytes` as a jar with the class path's synchronous zip reader (native inflate; only the central
 * directory is read here, entries are inflated one at a time as they are yielded).
 */
function openJar(path: string, bytes: Uint8Array | null): ZipArchive {
  try {
    return bytes === null ? ZipArchive.open(path) : ZipArchive.fromBytes(bytes, path);
  } catch (error) {
    throw new InputError(path, `invalid or truncated jar: ${problemOf(error, path)}`, { cause: error });
  }
}

/**
 * Yields the classes of `path`: the file itself when it is a class file (or anything that is
 * neither a jar nor a directory, so that ClassReader can say what is wrong with it), every
 * class entry of a jar in entry order (as classifyJarEntry tells them), or every `.class` file under a directory in sorted order.
 */
export async function* readClassInputs(path: string): AsyncGenerator<ClassInput> {
  yield* readContainer(path, true);
}

/**
 * Yields what readClassInputs leaves out of a jar or a directory: every other file or entry (not the
 * directory entries of a jar), in the same order; nothing for a file given alone.
 */
export async function* readOtherEntries(path: string): AsyncGenerator<OtherEntry> {
  yield* readContainer(path, false);
}

/** The class entries (`classes`) or the other entries of a file, a directory or a jar (see the two callers). */
async function* readContainer(path: string, classes: boolean): AsyncGenerator<ClassInput> {
  const stats = await statOrThrow(path);
  if (stats.isDirectory()) {
    const files: string[] = [];
    await listFiles(path, files, (name) => !classes || name.endsWith('.class'));
    for (const file of files) {
      // An exploded jar (a build's output directory) is read as its jar would be: a .class file
      // under META-INF/ is data, one under META-INF/versions/N/ a release-N variant, which must
      // not stand for the base class in the hierarchy.
      const entry = relative(path, file).split(sep).join('/');
      const { kind, release } = classifyJarEntry(entry);
      if ((kind === 'class') !== classes) continue;
      yield { displayName: file, bytes: await readFileOrThrow(file), release, entry };
    }
    return;
  }
  // A file too large to read in one piece (Node's limit, 2 GiB) can only be a jar: it is read
  // from the file as entries are asked for, as java.util.zip.ZipFile does.
  const bytes = stats.size > MAX_READ_LENGTH ? null : await readFileOrThrow(path);
  if (bytes !== null && !ZIP_EXTENSIONS.test(path) && !looksLikeZip(bytes) && !isPrefixedZip(bytes)) {
    if (classes) yield { displayName: path, bytes, release: null, entry: '' };
    return;
  }
  const jar = openJar(path, bytes);
  try {
    for (const entry of jar.entries()) {
      // As `transform` sees them: a .class file elsewhere under META-INF is data, not a loadable class.
      const { kind, release } = classifyJarEntry(entry.name);
      if ((kind === 'class') !== classes || entry.isDirectory) continue;
      const displayName = `${path}!/${entry.name}`;
      let entryBytes: Uint8Array;
      try {
        entryBytes = jar.readEntry(entry);
      } catch (error) {
        throw new InputError(displayName, `corrupt jar entry: ${problemOf(error, path)}`, { cause: error });
      }
      yield { displayName, bytes: entryBytes, release, entry: entry.name };
    }
  } finally {
    jar.close();
  }
}
