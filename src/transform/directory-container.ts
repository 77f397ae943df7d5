// # The directory container: a tree of class files and resources
//
// Every file is an entry, in sorted order, directories included (so empty ones are kept); files
// ending in .class are offered to the transforms (except data under META-INF/, as in a jar), the
// others are copied byte for byte. The output keeps the relative layout and, best effort, the
// permission bits.
//
// Symbolic links: a link to a file is read through (the output holds a regular file with the
// content); a link to a directory is not followed (as class-input.ts and `java -cp` listing
// do not descend into it for us) and is recreated as a link with the same target text. Other
// special files (sockets, FIFOs) are skipped.

import { lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, statSync, type Stats } from 'node:fs';
import { chmod, copyFile, mkdir, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  ClassContainerError,
  type ClassContainerEntry,
  type ClassContainerFormat,
  type ClassContainerReader,
  type ClassContainerWriter,
} from './class-container.js';
import { classifyJarEntry } from './jar-file.js';

/** How many file writes may be in flight at once. */
const WRITE_CONCURRENCY = 32;

interface DirectoryEntry extends ClassContainerEntry {
  /** The file in the input directory. */
  readonly path: string;
  readonly mode: number;
  /** For a link to a directory: its target text; otherwise null. */
  readonly linkTarget: string | null;
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function listDirectory(root: string, relative: string, into: DirectoryEntry[]): void {
  const directory = relative === '' ? root : join(root, relative);
  let names: string[];
  try {
    names = readdirSync(directory).sort(compareNames);
  } catch (error) {
    throw new ClassContainerError(directory, (error as Error).message, { cause: error });
  }
  for (const name of names) {
    const path = join(directory, name);
    const entryName = relative === '' ? name : `${relative}/${name}`;
    let stats: Stats;
    let isLink: boolean;
    try {
      isLink = lstatSync(path).isSymbolicLink();
      stats = statSync(path);
    } catch (error) {
      // A dangling link has nothing to copy; anything else unreadable is an error.
      if (isDanglingLink(path)) continue;
      throw new ClassContainerError(path, `cannot read (${(error as Error).message})`, { cause: error });
    }
    if (stats.isDirectory()) {
      if (isLink) {
        const linkTarget = readlinkSync(path);
        into.push({ name: entryName, kind: 'resource', path, mode: stats.mode & 0o7777, linkTarget, read: () => new Uint8Array(0) });
        continue;
      }
      into.push({ name: entryName + '/', kind: 'directory', path, mode: stats.mode & 0o7777, linkTarget: null, read: () => new Uint8Array(0) });
      listDirectory(root, entryName, into);
    } else if (stats.isFile()) {
      into.push({
        name: entryName,
        // As in a jar (classifyJarEntry): a .class file under META-INF/ but not under
        // META-INF/versions/N/ is data, which no class loader defines a class from.
        kind: classifyJarEntry(entryName).kind === 'class' ? 'class' : 'resource',
        path,
        mode: stats.mode & 0o7777,
        linkTarget: null,
        read: () => {
          try {
            return readFileSync(path);
          } catch (error) {
            throw new ClassContainerError(path, (error as Error).message, { cause: error });
          }
        },
      });
    }
  }
}

/** Whether `path` is a symbolic link whose target does not exist. */
function isDanglingLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** A directory of classes and resources. */
export const directoryContainerFormat: ClassContainerFormat<DirectoryEntry> = {
  name: 'directory',
  addsEntries: true,

  async open(path: string): Promise<ClassContainerReader<DirectoryEntry>> {
    let entries: DirectoryEntry[] | null = null;
    return {
      format: directoryContainerFormat,
      path,
      entries: () => {
        if (entries === null) {
          const list: DirectoryEntry[] = [];
          listDirectory(path, '', list);
          entries = list;
        }
        return entries;
      },
      classPathEntries: () => [path],
      close: () => {},
    };
  },

  async createWriter(reader, outputPath: string): Promise<ClassContainerWriter<DirectoryEntry>> {
    const rootMode = statSync(reader.path).mode & 0o7777;
    await mkdir(outputPath);
    const target = (entry: DirectoryEntry): string => join(outputPath, ...entry.name.split('/').filter((part) => part !== ''));
    // Directory modes are applied last: a read-only directory must still receive its files.
    const directoryModes: [string, number][] = [[outputPath, rootMode]];
    // File writes overlap (up to WRITE_CONCURRENCY at once); directories are made synchronously,
    // and come before their files in the entry order, so a file's directory always exists.
    const pending = new Set<Promise<void>>();
    let failure: unknown = null;
    const schedule = async (write: () => Promise<void>): Promise<void> => {
      if (failure !== null) throw failure;
      const promise = write().then(
        () => void pending.delete(promise),
        (error: unknown) => {
          pending.delete(promise);
          failure ??= error;
        },
      );
      pending.add(promise);
      if (pending.size >= WRITE_CONCURRENCY) await Promise.race(pending);
    };
    return {
      async copy(entry) {
        const path = target(entry);
        if (entry.kind === 'directory') {
          mkdirSync(path, { recursive: true });
          directoryModes.push([path, entry.mode]);
        } else if (entry.linkTarget !== null) {
          await schedule(() => symlink(entry.linkTarget!, path));
        } else {
          await schedule(async () => {
            await copyFile(entry.path, path);
            await chmod(path, entry.mode).catch(() => {});
          });
        }
      },
      async replace(entry, bytes, name) {
        const path = name === undefined ? target(entry) : join(outputPath, ...name.split('/').filter((part) => part !== ''));
        // A renamed class may move to a package the input has no directory for.
        if (name !== undefined) mkdirSync(dirname(path), { recursive: true });
        await schedule(async () => {
          await writeFile(path, bytes, { flag: 'wx' });
          await chmod(path, entry.mode).catch(() => {});
        });
      },
      async add(name, bytes) {
        // A helper class, in a package the input may not have a directory for; the default modes.
        const path = join(outputPath, ...name.split('/').filter((part) => part !== ''));
        mkdirSync(dirname(path), { recursive: true });
        await schedule(() => writeFile(path, bytes, { flag: 'wx' }));
      },
      async finish() {
        await Promise.all(pending);
        if (failure !== null) throw failure;
        for (let i = directoryModes.length - 1; i >= 0; i--) {
          const [path, mode] = directoryModes[i]!;
          await chmod(path, mode).catch(() => {});
        }
      },
    };
  },
};
