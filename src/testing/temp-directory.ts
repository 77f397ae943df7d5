// # Temporary directories of the test kit, removed when the process exits
//
// compileJava, runJava (for in-memory classes) and verifyClasses write into fresh directories
// under the OS temp dir, named `classforge-testing-<pid>-<purpose>-XXXXXX`. They are removed by
// `cleanup()`, or when the process exits (a synchronous 'exit' handler), or when a signal that
// nothing else handles ends it: vitest 4 ends its forks with SIGTERM, which kills a Node process
// without an 'exit' event. A worker may also die of SIGKILL, so the first directory a process
// creates also sweeps away the directories of kit processes that are no longer running, found
// by the pid in their names: nothing piles up, with no set-up or tear-down in the tests.

import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isProcessRunning } from '../process-running.js';

const PREFIX = 'classforge-testing-';

// Shared by every copy of this module in the process (vitest may evaluate it once per test file,
// and the kit may be loaded from both dist/ and src/): one set, one exit hook, one sweep.
const SHARED = Symbol.for('classforge.testing.tempDirectories');
const shared = ((globalThis as Record<symbol, unknown>)[SHARED] ??= { directories: new Set<string>(), started: false }) as {
  directories: Set<string>;
  started: boolean;
};
const directories = shared.directories;

/** A fresh private directory under the OS temp dir, removed by cleanup() or at exit. */
export function createTempDirectory(purpose: string): string {
  if (!shared.started) {
    shared.started = true;
    process.once('exit', cleanup);
    for (const signal of ENDING_SIGNALS) process.once(signal, cleanUpAndDie);
    sweepAbandonedDirectories();
  }
  const directory = mkdtempSync(join(tmpdir(), `${PREFIX}${process.pid}-${purpose}-`));
  directories.add(directory);
  return directory;
}

/** Signals whose default action ends a Node process without an 'exit' event. */
const ENDING_SIGNALS: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT', 'SIGHUP'];

/**
 * A signal ending the process: removes the directories, then lets the signal do what it would
 * have done without this listener (raised again with no listener left, it ends the process with
 * its default action). When the program has listeners of its own for it, they decide whether the
 * process ends, and the directories stay until it does.
 */
function cleanUpAndDie(signal: NodeJS.Signals): void {
  if (process.listenerCount(signal) > 0) return;
  for (const other of ENDING_SIGNALS) process.off(other, cleanUpAndDie);
  cleanup();
  process.kill(process.pid, signal);
}

/**
 * Removes every directory the kit created so far (compileJava's `dir` included). Optional: the
 * same happens when the process exits; call it from `afterAll` to free disk space earlier.
 */
export function cleanup(): void {
  for (const directory of directories) {
    try {
      rmSync(directory, { recursive: true, force: true });
    } catch {
      // Best effort: a directory still in use (Windows) is left to the next sweep.
    }
    directories.delete(directory);
  }
}

/** Removes one kit directory now (used for scratch directories that nothing returns). */
export function removeTempDirectory(directory: string): void {
  if (!directories.delete(directory)) return;
  rmSync(directory, { recursive: true, force: true });
}

/** Removes the kit directories of processes that have ended without removing them. */
function sweepAbandonedDirectories(): void {
  let entries: string[];
  try {
    entries = readdirSync(tmpdir());
  } catch {
    return;
  }
  for (const entry of entries) {
    const match = /^classforge-testing-(\d+)-[a-z]+-[A-Za-z0-9]{6}$/.exec(entry);
    if (match === null || Number(match[1]) === process.pid || isProcessRunning(Number(match[1]))) continue;
    try {
      rmSync(join(tmpdir(), entry), { recursive: true, force: true });
    } catch {
      // Another user's directory, or already gone.
    }
  }
}

