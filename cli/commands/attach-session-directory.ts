// The private directory of an attach session (the agent jar, the socket, the named pipes, a result
// file), made where both we and the target JVM can reach it: ours or, for a JVM in another mount
// namespace (a container), its own /tmp through /proc/<pid>/root.

import { lstatSync, mkdtempSync, readlinkSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The session directory's path for us and for the target (the same unless it runs in a container). */
export interface SessionDirectory {
  readonly hostPath: string;
  readonly targetPath: string;
}

/** Creates the session directory of an attach to `pid`; on failure says why on stderr and returns null. */
export function openSessionDirectory(pid: number): SessionDirectory | null {
  try {
    return sessionDirectory(pid);
  } catch (error) {
    process.stderr.write(`classforge: cannot create the session directory for process ${pid}: ${(error as Error).message}\n`);
    return null;
  }
}

/**
 * A private directory both we and the target see: ours is `hostPath`, the target's `targetPath`
 * (different when the target runs in another mount namespace).
 */
function sessionDirectory(pid: number): SessionDirectory {
  const targetRoot = `/proc/${pid}/root`;
  let sameRoot = true;
  try {
    // Another mount namespace (a container) has its own /tmp even when its root is the same
    // directory as ours, and readlink(/proc/<pid>/root) says '/' for a root we cannot name.
    sameRoot = realpathSync(targetRoot) === '/' && readlinkSync(`/proc/${pid}/ns/mnt`) === readlinkSync('/proc/self/ns/mnt');
  } catch {
    // No access to its root: assume ours (attach will say what is wrong with the process).
  }
  if (sameRoot) {
    const hostPath = mkdtempSync(join(tmpdir(), 'classforge-attach-'));
    return { hostPath, targetPath: hostPath };
  }
  // Path resolution from here follows the container's symbolic links against OUR root (an
  // absolute target) or climbs out of its root ('..'): a /tmp that is a link, which its root can
  // make, would have us create and write the session's files at a place of its choosing on the host.
  const targetTmp = join(targetRoot, 'tmp');
  if (lstatSync(targetTmp).isSymbolicLink()) {
    throw new Error(`its /tmp is a symbolic link (to ${readlinkSync(targetTmp)}), which would be followed outside its file system from here; refusing to create the session there`);
  }
  const hostPath = mkdtempSync(join(targetTmp, 'classforge-attach-'));
  return { hostPath, targetPath: hostPath.slice(targetRoot.length) };
}
