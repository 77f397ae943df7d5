// # `--cp <path>`: class path entries given on the command line (transform, verify)
//
// The library's ClassPath skips a missing entry, as java and javac do. On our command line a
// missing or unreadable entry is almost always a typo, which would otherwise only surface later,
// as "(missing)" inside a frame computation error. So each entry is checked up front: a directory,
// a readable zip (its central directory is read), or `dir/*` (java's wildcard) naming a directory.

import { statSync } from 'node:fs';
import { delimiter, dirname } from 'node:path';
import { ClassPathError } from '../src/classpath/class-path-error.js';
import { ZipArchive } from '../src/classpath/zip-archive.js';
import { InputError } from './cli-error.js';

/** The entries of the --cp values (each may hold several, joined with the path delimiter). */
export function classPathEntries(values: readonly string[] | undefined): string[] {
  return (values ?? []).flatMap((value) => value.split(delimiter)).filter((entry) => entry !== '');
}

/** Throws InputError naming the first --cp entry that is missing or not a directory or a readable jar. */
export function checkClassPathEntries(entries: readonly string[]): void {
  for (const entry of entries) {
    const wildcard = entry === '*' || entry.endsWith('/*');
    const path = wildcard ? (entry === '*' ? '.' : dirname(entry)) : entry;
    let stats;
    try {
      stats = statSync(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const what = code === 'ENOENT' || code === 'ENOTDIR' ? 'no such file or directory' : (error as Error).message;
      throw new InputError(entry, `--cp entry: ${what}`, { cause: error });
    }
    if (stats.isDirectory()) continue;
    if (wildcard) throw new InputError(entry, `--cp entry: ${path} is not a directory`);
    try {
      ZipArchive.open(path).close();
    } catch (error) {
      const message = error instanceof ClassPathError && error.message.startsWith(`${error.file}: `)
        ? error.message.slice(error.file.length + 2)
        : (error as Error).message;
      throw new InputError(entry, `--cp entry is not a directory or a readable jar: ${message}`, { cause: error });
    }
  }
}
