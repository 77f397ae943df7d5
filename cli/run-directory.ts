// # The private directory of a `classforge run` (its agent jar and marker files)
//
// Named `classforge-run-<pid>-XXXXXX` under the OS temp dir, mode 0700. The run removes it when the
// program ends; a run killed with SIGKILL cannot, and nothing else did: the directory stayed. So each
// run first sweeps the directories of runs that are over: their creator is no longer running, and no
// running process has in its environment the CLASSFORGE_RUN_MARKER that points into the directory.
// Every process a run starts inherits that variable, so a launcher (mvn, gradle) still running after
// classforge died, which may start another JVM that needs the jar, keeps the directory. The processes
// are read from /proc (Linux); where there is none, nothing is swept. Only directories made in this
// PID namespace are swept (their `owner` file says which): a container sharing /tmp sees other pids.

import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isProcessRunning } from '../src/process-running.js';

const PREFIX = 'classforge-run-';
/** The environment variable that names the run's marker file (run.ts), inherited by what the run starts. */
export const RUN_MARKER_VARIABLE = 'CLASSFORGE_RUN_MARKER';

/** The file naming the PID namespace a run directory was made in. */
const OWNER_FILE = 'owner';

/** This process's PID namespace (`pid:[4026531836]`), or '' where there is no /proc. */
function pidNamespace(): string {
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return '';
  }
}

/** A new private run directory, after sweeping those of runs that are over. */
export function createRunDirectory(): string {
  sweepAbandonedRunDirectories(tmpdir());
  const directory = mkdtempSync(join(tmpdir(), `${PREFIX}${process.pid}-`));
  writeFileSync(join(directory, OWNER_FILE), pidNamespace() + '\n', { mode: 0o600 });
  return directory;
}

/** The run directories named in the environment of a running process (their marker variable). */
function directoriesInUse(): Set<string> | null {
  if (!existsSync('/proc/self/environ')) return null;
  const inUse = new Set<string>();
  const assignment = `${RUN_MARKER_VARIABLE}=`;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let environment: string;
    try {
      environment = readFileSync(`/proc/${entry}/environ`, 'latin1');
    } catch {
      // Gone, or another user's (who cannot use a 0700 directory of ours anyway).
      continue;
    }
    for (const variable of environment.split('\0')) {
      if (!variable.startsWith(assignment)) continue;
      const marker = variable.slice(assignment.length);
      const slash = marker.lastIndexOf('/');
      if (slash > 0) inUse.add(marker.slice(0, slash));
    }
  }
  return inUse;
}

/** Whether the run directory `path` was made in the PID namespace `namespace` (its owner file). */
function madeIn(path: string, namespace: string): boolean {
  try {
    return namespace !== '' && readFileSync(join(path, OWNER_FILE), 'utf8').trim() === namespace;
  } catch {
    return false;
  }
}

/** Removes the run directories under `directory` whose run is over (see above); returns their paths. */
export function sweepAbandonedRunDirectories(directory: string): string[] {
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch {
    return [];
  }
  const candidates = names.filter((name) => {
    const pid = /^classforge-run-(\d+)-/.exec(name)?.[1];
    return pid !== undefined && !isProcessRunning(Number(pid));
  });
  if (candidates.length === 0) return [];
  const inUse = directoriesInUse();
  if (inUse === null) return [];
  const namespace = pidNamespace();
  const removed: string[] = [];
  for (const name of candidates) {
    const path = join(directory, name);
    if (inUse.has(path) || !madeIn(path, namespace)) continue;
    try {
      rmSync(path, { recursive: true, force: true });
      removed.push(path);
    } catch {
      // Not ours to remove (another user's): left.
    }
  }
  return removed;
}
