// # Dumping what the transform host did inside a JVM (CLASSFORGE_DUMP, run/attach --dump)
//
// As Byte Buddy's net.bytebuddy.dump or the JDK's -Djdk.invoke.MethodHandle.dumpClassFiles: the host
// writes each class it changed under <dir>/original/ and <dir>/transformed/ (`classforge diff
// <dir>/original <dir>/transformed` then shows the changes, `classforge verify <dir>/transformed`
// checks them), and each class a transform failed on under <dir>/failed/ (the bytes to reproduce the
// failure with `classforge transform`). Files are named by internal name, `com/acme/Main.class`; a
// class defined by two loaders keeps the last one. Dumping never stops the JVM: a directory that
// cannot be written turns it off with one warning.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The environment variable naming the dump directory (set by `run --dump`, `attach --dump`, or by hand for an agent jar). */
export const DUMP_VARIABLE = 'CLASSFORGE_DUMP';

export type DumpKind = 'original' | 'transformed' | 'failed';

/**
 * Whether an internal name can name a file under the dump directory: segments that are not empty,
 * `.` or `..`, without backslashes or NUL (JVMS §4.2.1 allows more in a class file than a path may
 * safely hold; a hostile name must not write outside the directory).
 */
export function isDumpableName(internalName: string): boolean {
  if (internalName === '' || internalName.includes('\\') || internalName.includes('\0')) return false;
  return internalName.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

export class ClassDump {
  private enabled = true;
  private readonly made = new Set<string>();

  constructor(
    /** The dump directory (absolute). */
    readonly directory: string,
    private readonly log: (line: string) => void,
  ) {}

  /** Writes `bytes` as `<directory>/<kind>/<internalName>.class`; a failure turns dumping off, with a warning. */
  write(kind: DumpKind, internalName: string, bytes: Uint8Array): void {
    if (!this.enabled) return;
    if (!isDumpableName(internalName)) {
      this.log(`[classforge] warning: not dumping class '${internalName}': its name is no path under ${this.directory}`);
      return;
    }
    const file = join(this.directory, kind, `${internalName}.class`);
    try {
      const parent = dirname(file);
      if (!this.made.has(parent)) {
        mkdirSync(parent, { recursive: true });
        this.made.add(parent);
      }
      writeFileSync(file, bytes);
    } catch (error) {
      this.enabled = false;
      this.log(`[classforge] warning: cannot dump classes to ${this.directory} (${(error as Error).message}); dumping stops`);
    }
  }
}
