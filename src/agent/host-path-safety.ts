// # Whether another user could swap the code a generated agent runs
//
// An agent jar records the absolute paths of the node executable and of classforge's host script
// (agent-jar.ts); every JVM that loads the agent runs them with its own privileges. When one of
// those files, or a directory on the way to it, can be written by another user, that user can put
// their own code there and have it run as whoever starts the JVM. OpenSSH's StrictModes makes the
// same check (auth.c, safe_path): each path component must be owned by us or root and not be
// writable by group or others, except a sticky directory (/tmp), where others cannot replace an
// entry they do not own. Unlike OpenSSH, a directory writable by our own group is let through: with
// user private groups (useradd's default) that group is us alone, and umask 002 makes such
// directories everywhere in a home directory.

import { lstatSync, realpathSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';

/** Whether `stats` lets a user other than its owner (or our own group) replace the entry or its content. */
function openToOthers(stats: Stats, ownGid: number): boolean {
  const writableByOthers = (stats.mode & 0o002) !== 0 || ((stats.mode & 0o020) !== 0 && stats.gid !== ownGid);
  if (!writableByOthers) return false;
  // A sticky directory lets others create entries, but not rename or delete ours (unlink(2)).
  return !(stats.isDirectory() && (stats.mode & 0o1000) !== 0);
}

/**
 * What makes `path` (a file the agent will execute) replaceable by another user: one line per
 * component, from the file up to `/`, that is group- or world-writable (a sticky directory
 * excepted) or owned by a user other than us and root. Empty when it is safe, or does not exist
 * (the build reports a missing host elsewhere). Symbolic links are followed as exec(2) would,
 * after the link itself is checked.
 */
export function replaceableByOthers(path: string, ownUid: number = process.geteuid?.() ?? 0, ownGid: number = process.getegid?.() ?? 0): string[] {
  const problems: string[] = [];
  const check = (component: string): void => {
    let stats: Stats;
    try {
      stats = lstatSync(component);
    } catch {
      return;
    }
    // A symbolic link's own mode is always 0777 and meaningless; its directory is what counts.
    if (!stats.isSymbolicLink() && openToOthers(stats, ownGid)) {
      const who = (stats.mode & 0o002) !== 0 ? 'every user' : `group ${stats.gid}`;
      problems.push(`${component} is writable by ${who} (mode ${(stats.mode & 0o7777).toString(8).padStart(4, '0')})`);
    }
    if (stats.uid !== ownUid && stats.uid !== 0) problems.push(`${component} belongs to uid ${stats.uid}, neither you (uid ${ownUid}) nor root`);
  };
  const visit = (start: string): void => {
    for (let component = start; ; component = dirname(component)) {
      check(component);
      if (dirname(component) === component) break;
    }
  };
  visit(path);
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return problems;
  }
  if (real !== path) visit(real);
  return [...new Set(problems)];
}
