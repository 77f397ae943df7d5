// # The .class file container: one class in, one class out
//
// The output file gets the input's permission bits. The single class is not on any class path
// entry (a class file is not a directory or a jar), so the pipeline adds it to the class path
// itself (transform-class-path.ts) for frame computation and ctx.classPath.

import { readFileSync, statSync } from 'node:fs';
import { chmod, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  ClassContainerError,
  type ClassContainerEntry,
  type ClassContainerFormat,
  type ClassContainerReader,
  type ClassContainerWriter,
} from './class-container.js';

interface ClassFileEntry extends ClassContainerEntry {
  readonly path: string;
  readonly mode: number;
}

/** A single class file. */
export const classFileContainerFormat: ClassContainerFormat<ClassFileEntry> = {
  name: 'class',
  addsEntries: false,

  async open(path: string): Promise<ClassContainerReader<ClassFileEntry>> {
    let mode: number;
    try {
      mode = statSync(path).mode & 0o7777;
    } catch (error) {
      throw new ClassContainerError(path, (error as Error).message, { cause: error });
    }
    const entry: ClassFileEntry = {
      name: basename(path),
      kind: 'class',
      path,
      mode,
      read: () => {
        try {
          return readFileSync(path);
        } catch (error) {
          throw new ClassContainerError(path, (error as Error).message, { cause: error });
        }
      },
    };
    return {
      format: classFileContainerFormat,
      path,
      entries: () => [entry],
      classPathEntries: () => [],
      close: () => {},
    };
  },

  async createWriter(_reader, outputPath: string): Promise<ClassContainerWriter<ClassFileEntry>> {
    const write = async (entry: ClassFileEntry, bytes: Uint8Array): Promise<void> => {
      await writeFile(outputPath, bytes, { flag: 'wx' });
      await chmod(outputPath, entry.mode).catch(() => {});
    };
    return {
      copy: (entry) => write(entry, entry.read()),
      replace: (entry, bytes) => write(entry, bytes),
      finish: async () => {},
    };
  },
};
