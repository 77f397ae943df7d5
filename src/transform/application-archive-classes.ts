// # The classes inside an application archive: Spring Boot executable jars and web archives
//
// A Spring Boot executable jar keeps the application's classes under `BOOT-INF/classes/` and its
// libraries as nested jars under `BOOT-INF/lib/`; a war (Jakarta Servlet specification, "Web
// Application Archive") under `WEB-INF/classes/` and `WEB-INF/lib/`. The launcher or the servlet
// container loads them through a class loader over exactly those roots, so they are also what the
// frames of a transformed class in such an archive must be computed against: `--cp` cannot name a
// jar nested in another. Searched after the archive's own root entries and the JDK; the class
// directories first, then the nested jars in entry order (as Spring Boot's launcher without a
// classpath.idx). A nested jar that cannot be read is skipped, as URLClassPath skips what it
// cannot open.

import { ZipArchive } from '../classpath/zip-archive.js';

const CLASS_ROOTS = ['BOOT-INF/classes/', 'WEB-INF/classes/'];
const NESTED_JAR = /^(?:BOOT-INF|WEB-INF)\/lib\/[^/]+\.jar$/;

/** Whether entries with these names make an application archive (class roots or nested jars). */
export function isApplicationArchive(entryNames: Iterable<string>): boolean {
  for (const name of entryNames) {
    if (NESTED_JAR.test(name) || CLASS_ROOTS.some((root) => name.startsWith(root) && name.endsWith('.class'))) return true;
  }
  return false;
}

/** Class files by internal name from an application archive's class roots and nested jars, read on demand. */
export class ApplicationArchiveClasses {
  private readonly path: string;
  private archive: ZipArchive | null = null;
  private roots: string[] = [];
  private nested: ZipArchive[] | null = null;

  constructor(path: string) {
    this.path = path;
  }

  /** The class file of `internalName`, or undefined. */
  lookup(internalName: string): Uint8Array | undefined {
    const archive = this.open();
    const file = `${internalName}.class`;
    for (const root of this.roots) {
      const bytes = archive.read(root + file);
      if (bytes !== undefined) return bytes;
    }
    for (const jar of this.nestedJars(archive)) {
      const bytes = jar.read(file);
      if (bytes !== undefined) return bytes;
    }
    return undefined;
  }

  /** How class path descriptions name this source. */
  describe(): string {
    return `(the classes and nested jars under BOOT-INF/ or WEB-INF/ of ${this.path})`;
  }

  close(): void {
    this.archive?.close();
    this.archive = null;
    this.nested = null;
  }

  private open(): ZipArchive {
    if (this.archive === null) {
      const archive = ZipArchive.open(this.path);
      this.roots = CLASS_ROOTS.filter((root) => archive.entries().some((entry) => entry.name.startsWith(root)));
      this.archive = archive;
    }
    return this.archive;
  }

  private nestedJars(archive: ZipArchive): ZipArchive[] {
    if (this.nested === null) {
      this.nested = [];
      for (const entry of archive.entries()) {
        if (!NESTED_JAR.test(entry.name) || archive.getEntry(entry.name) !== entry) continue;
        try {
          this.nested.push(ZipArchive.fromBytes(archive.readEntry(entry), `${this.path}!/${entry.name}`));
        } catch {
          // Not a readable jar: skipped.
        }
      }
    }
    return this.nested;
  }
}
