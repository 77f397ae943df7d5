// An output path that is a symbolic link (a `current.jar` pointing at the release being built, a
// jar linked into an application's lib directory) is written through: its target gets the new
// content and the link stays, as `cp` and npm's write-file-atomic do. The atomic write renames a
// temporary over the path it is given, which would replace the link itself with a file and leave
// its target stale. A dangling link is replaced, as write-file-atomic does.

import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';

/** The path an output given as `path` replaces: the real path of what a link points to, else `path` (absolute). */
export function outputTarget(path: string): string {
  const absolute = resolve(path);
  try {
    return realpathSync(absolute);
  } catch {
    return absolute; // Does not exist yet, or a dangling link.
  }
}
