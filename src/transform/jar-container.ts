// # The jar container: classes and resources of a jar, written back byte for byte
//
// The jar format of class-container.ts, over JarFile (reading, with the raw layout) and rewriteJar
// (writing). The writer only records what the pipeline hands it, copy or replace, and builds the
// whole jar in finish(): the output order, timestamps, compression and extra fields are the
// input's own (see jar-writer.ts), whatever order the calls come in, and the signature files of a
// signed jar can be dropped only once it is known whether any class changed. An entry the pipeline
// never hands over is left out of the output.

import { statSync } from 'node:fs';
import { chmod, writeFile } from 'node:fs/promises';
import { ClassPathError } from '../classpath/class-path-error.js';
import {
  ClassContainerError,
  type ClassContainerEntry,
  type ClassContainerFormat,
  type ClassContainerReader,
  type ClassContainerWriter,
} from './class-container.js';
import { BackgroundDeflater } from './background-deflater.js';
import { JarFile, type JarEntry } from './jar-file.js';
import { rewriteJar } from './jar-writer.js';
import { BASE_RELEASE } from './multi-release-views.js';

/** A jar entry as the pipeline sees it, with the JarEntry behind it. */
export interface JarContainerEntry extends ClassContainerEntry {
  /** Name, index, class name (without a `META-INF/versions/N/` prefix), release, zip metadata. */
  readonly entry: JarEntry;
}

interface JarContainerReader extends ClassContainerReader<JarContainerEntry> {
  readonly jar: JarFile;
  /** Deflates replaced classes ahead of finish() (prepareReplacement), once one is prepared. */
  deflater: BackgroundDeflater | null;
}

const EMPTY = new Uint8Array(0);


/** A ClassContainerError for `path` from a ClassPathError (whose message already starts with the path). */
function containerError(path: string, error: unknown): unknown {
  if (!(error instanceof ClassPathError)) return error;
  const prefix = `${error.file}: `;
  const message = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
  return new ClassContainerError(path, message, { cause: error });
}

/** A jar (or zip, war, ear). */
export const jarContainerFormat: ClassContainerFormat<JarContainerEntry> = {
  name: 'jar',
  addsEntries: true,

  async open(path: string): Promise<ClassContainerReader<JarContainerEntry>> {
    let jar: JarFile;
    try {
      jar = JarFile.open(path);
    } catch (error) {
      throw containerError(path, error);
    }
    // JarFile reads versioned entries only when the manifest says Multi-Release: true (JEP 238).
    let multiRelease: boolean;
    try {
      multiRelease = jar.multiRelease;
    } catch (error) {
      throw containerError(path, error);
    }
    const entries: JarContainerEntry[] = jar.entries().map((entry) => ({
      name: entry.name,
      kind: entry.kind,
      entry,
      ...(multiRelease && entry.kind === 'class' ? { release: entry.release ?? BASE_RELEASE } : {}),
      read: (): Uint8Array => {
        if (entry.kind === 'directory') return EMPTY;
        try {
          return jar.read(entry);
        } catch (error) {
          throw containerError(path, error);
        }
      },
    }));
    const reader: JarContainerReader = {
      format: jarContainerFormat,
      path,
      jar,
      entries: () => entries,
      classPathEntries: () => [path],
      prepareReplacement: (entry, bytes) => {
        // Only what rewriteJar would deflate: a deflated entry (APPNOTE §4.4.5 method 8), not encrypted.
        const zip = entry.entry.zip;
        if (zip.method !== 8 || (zip.flags & 1) !== 0) return;
        (reader.deflater ??= new BackgroundDeflater()).start(bytes);
      },
      deflater: null,
      // The jar is held in memory; only the deflater's thread may be running.
      close: () => reader.deflater?.close(),
    };
    return reader;
  },

  async createWriter(reader, outputPath, options): Promise<ClassContainerWriter<JarContainerEntry>> {
    const jarReader = reader as JarContainerReader;
    const jar = jarReader.jar;
    if (!(jar instanceof JarFile)) throw new ClassContainerError(reader.path, 'not opened by the jar container format');
    const handed = new Set<number>();
    const replacements = new Map<number, Uint8Array>();
    const renames = new Map<number, string>();
    const additions: { name: string; data: Uint8Array }[] = [];
    const take = (entry: JarContainerEntry): number => {
      const index = entry.entry.index;
      if (jar.entries()[index] !== entry.entry) throw new ClassContainerError(reader.path, `entry ${entry.name} is not from this jar`);
      if (handed.has(index)) throw new ClassContainerError(reader.path, `entry ${entry.name} was written twice`);
      handed.add(index);
      return index;
    };
    return {
      copy(entry) {
        take(entry);
      },
      replace(entry, bytes, name) {
        const index = take(entry);
        replacements.set(index, bytes);
        if (name !== undefined && name !== entry.name) renames.set(index, name);
      },
      add(name, bytes) {
        additions.push({ name, data: bytes });
      },
      async finish() {
        const omit = new Set<number>();
        for (const entry of jar.entries()) if (!handed.has(entry.index)) omit.add(entry.index);
        const deflated = jarReader.deflater === null ? undefined : await jarReader.deflater.finish();
        let result;
        try {
          result = rewriteJar(jar, replacements, {
            omit,
            renames,
            insertions: directoryInsertions(jar, renames, omit),
            additions,
            ...(deflated === undefined ? {} : { deflated }),
          });
        } catch (error) {
          throw containerError(reader.path, error);
        }
        for (const warning of result.warnings) options.warn(warning);
        await writeFile(outputPath, result.bytes, { flag: 'wx' });
        // Best effort, like the other formats: the output gets the input's permission bits.
        try {
          await chmod(outputPath, statSync(reader.path).mode & 0o7777);
        } catch {
          // A file system without modes; the default is fine.
        }
      },
    };
  },
};

/**
 * Directory entries for the packages renamed classes moved to, as a jar tool would have them: each
 * missing directory (and missing parent) right before the first entry moved into it, a copy of the
 * moved class's old directory entry under the new name. A jar without a directory entry for the
 * old package gets none (it was built without them). Directories left empty stay: they are harmless.
 */
function directoryInsertions(
  jar: JarFile,
  renames: ReadonlyMap<number, string>,
  omit: ReadonlySet<number>,
): Map<number, { name: string; template: number }[]> {
  const insertions = new Map<number, { name: string; template: number }[]>();
  const entries = jar.entries();
  const directories = new Map<string, number>();
  for (const entry of entries) if (entry.kind === 'directory' && !omit.has(entry.index)) directories.set(entry.name, entry.index);
  for (const index of [...renames.keys()].sort((a, b) => a - b)) {
    const oldName = entries[index]!.name;
    const template = directories.get(oldName.slice(0, oldName.lastIndexOf('/') + 1));
    if (template === undefined) continue;
    const newName = renames.get(index)!;
    for (let slash = newName.indexOf('/'); slash >= 0; slash = newName.indexOf('/', slash + 1)) {
      const directory = newName.slice(0, slash + 1);
      if (directories.has(directory)) continue;
      directories.set(directory, template);
      let list = insertions.get(index);
      if (list === undefined) insertions.set(index, (list = []));
      list.push({ name: directory, template });
    }
  }
  return insertions;
}
