// # Opening an input container: which format is `path`?
//
// A directory is a directory container. A file starting with 0xCAFEBABE (or named *.class) is a
// class file. A file starting with a ZIP signature, or named *.jar/.zip/.war/.ear, is a jar, and so
// is any other file whose end holds a readable zip central directory (a launcher script in front).
//
// The jar format (src/transform/jar-container.ts, with the jar reader and writer) is imported on first use,
// so that class files and directories never load it.

import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { ZipArchive } from '../classpath/zip-archive.js';
import { ClassContainerError, type ClassContainerFormat, type ClassContainerReader } from './class-container.js';
import { classFileContainerFormat } from './class-file-container.js';
import { directoryContainerFormat } from './directory-container.js';

const ZIP_NAME = /\.(jar|zip|war|ear)$/i;

let jarFormat: Promise<ClassContainerFormat> | null = null;

/** The jar container format, imported on first use. */
export async function loadJarContainerFormat(): Promise<ClassContainerFormat> {
  // A literal specifier: the build's bundler (scripts/build.mjs) follows it into a chunk of its own.
  jarFormat ??= import('./jar-container.js').then((module) => module.jarContainerFormat as ClassContainerFormat);
  return jarFormat;
}

/** The first bytes of a file (fewer when it is shorter). */
function readSignature(path: string): Uint8Array {
  const bytes = new Uint8Array(4);
  const fd = openSync(path, 'r');
  try {
    const count = readSync(fd, bytes, 0, 4, 0);
    return bytes.subarray(0, count);
  } finally {
    closeSync(fd);
  }
}

/**
 * Whether `path` is a zip with something in front of its first local header (a launcher script, a
 * self-extracting stub), as java -jar accepts: java.util.zip.ZipFile finds the central directory
 * from the end of the file, and so does ZipArchive.
 */
function isPrefixedZip(path: string): boolean {
  try {
    ZipArchive.open(path).close();
    return true;
  } catch {
    return false;
  }
}

/** The format of the container at `path`; throws ClassContainerError when it is none. */
export async function detectClassContainerFormat(path: string): Promise<ClassContainerFormat> {
  let stats;
  try {
    stats = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' || code === 'ENOTDIR' ? 'no such file or directory' : (error as Error).message;
    throw new ClassContainerError(path, message, { cause: error });
  }
  if (stats.isDirectory()) return directoryContainerFormat as ClassContainerFormat;
  if (!stats.isFile()) throw new ClassContainerError(path, 'not a class file, jar or directory');
  let signature: Uint8Array;
  try {
    signature = readSignature(path);
  } catch (error) {
    throw new ClassContainerError(path, (error as Error).message, { cause: error });
  }
  const isClass = signature.length === 4 && signature[0] === 0xca && signature[1] === 0xfe && signature[2] === 0xba && signature[3] === 0xbe;
  const isZip = signature.length >= 2 && signature[0] === 0x50 && signature[1] === 0x4b;
  if (isClass) return classFileContainerFormat as ClassContainerFormat;
  if (isZip || ZIP_NAME.test(path)) return loadJarContainerFormat();
  if (path.endsWith('.class')) return classFileContainerFormat as ClassContainerFormat;
  if (isPrefixedZip(path)) return loadJarContainerFormat();
  const source = path.endsWith('.java') ? '; is it Java source? compile it with javac first' : '';
  throw new ClassContainerError(path, `not a class file, jar or directory (no 0xCAFEBABE or ZIP signature)${source}`);
}

/** Opens the container at `path` for reading. */
export async function openClassContainer(path: string): Promise<ClassContainerReader> {
  const format = await detectClassContainerFormat(path);
  return format.open(path);
}
