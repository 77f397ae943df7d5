// An output written atomically (a temporary sibling renamed over it) would get the temporary's mode
// (0666 less the umask) instead of the one the replaced file had: a jar made private (0600, an agent
// jar holding its transforms' options) would become readable by everyone again. As `cp` over an
// existing file and npm's write-file-atomic do, the new file keeps the permission bits of the old.

import { chmodSync, statSync } from 'node:fs';

/** Gives `temporary` the permission bits of the regular file at `path`, if there is one. */
export function keepModeOfReplacedFile(path: string, temporary: string): void {
  let mode: number;
  try {
    const replaced = statSync(path);
    if (!replaced.isFile()) return;
    mode = replaced.mode & 0o7777;
  } catch {
    return; // Nothing replaced: the temporary's own mode stands.
  }
  chmodSync(temporary, mode);
}
