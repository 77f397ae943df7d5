// # classforge attach <pid> --remove-persisted
//
// Undoes earlier `attach --persist` sessions in a running JVM: their transformers, which stay
// registered replaying what they gave each class, are unregistered, and the classes they changed
// are retransformed back (to their original bytes, or to what transformers still registered — a
// -javaagent's, a live session's — make of them). Without it, only a restart removed them.
//
// The agent is loaded with `remove-persisted=1` and a `result=` file in the session directory: the
// shim does the work inside agentmain (no transform host, no connection) and writes what it did
// there (PersistedTransforms.java). Exit status: 0 when done (also when nothing was persisted), 1
// when the JVM refused to restore some class, 2 when the JVM cannot be attached.

import { lstatSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildAgentJar } from '../../src/agent/agent-jar.js';
import { formatAgentArguments } from '../../src/agent/agent-arguments.js';
import { AttachError, loadAgent } from '../../src/agent/hotspot-attach.js';
import { describeJvm } from '../../src/agent/jvm-list.js';
import { EXIT_BAD_INPUT, EXIT_CHECKS_FAILED, EXIT_OK } from '../cli-error.js';
import { openSessionDirectory } from './attach-session-directory.js';

/** What the shim reports: persisted sessions removed, classes restored, classes the JVM refused to restore. */
interface RemovalResult {
  sessions: number;
  restored: number;
  failed: number;
}

export async function removePersistedTransforms(pid: number, signal: AbortSignal): Promise<number> {
  const jar = await buildAgentJar([], { allowNoTransforms: true });
  const directory = openSessionDirectory(pid);
  if (directory === null) return EXIT_BAD_INPUT;
  try {
    writeFileSync(join(directory.hostPath, 'classforge-agent.jar'), jar, { mode: 0o600, flag: 'wx' });
    const resultName = 'result';
    const agentArguments = formatAgentArguments([
      ['jar', join(directory.targetPath, 'classforge-agent.jar')],
      ['remove-persisted', '1'],
      ['result', join(directory.targetPath, resultName)],
    ]);
    try {
      await loadAgent(pid, join(directory.targetPath, 'classforge-agent.jar'), agentArguments, { signal });
    } catch (error) {
      if (signal.aborted) return EXIT_BAD_INPUT;
      if (!(error instanceof AttachError)) throw error;
      const olderAgent =
        error.returnCode === 102
          ? ' (if the JVM\'s standard error says "no socket= or fifo= argument", the classforge agent loaded in it by an earlier session predates --remove-persisted: restart the JVM to remove its persisted transforms)'
          : '';
      process.stderr.write(`classforge: ${error.message.replace(/\s*\n\s*/g, ' ')}${olderAgent}\n`);
      return EXIT_BAD_INPUT;
    }
    const result = readResult(join(directory.hostPath, resultName));
    const jvm = describeJvm(pid);
    const what = jvm?.mainClass ? ` (${jvm.mainClass})` : '';
    if (result === null) {
      process.stderr.write(`classforge: JVM ${pid}${what} loaded the agent but reported nothing: its standard error may say why\n`);
      return EXIT_CHECKS_FAILED;
    }
    if (result.sessions === 0) {
      process.stderr.write(`classforge: JVM ${pid}${what} has no transforms left by attach --persist; nothing changed\n`);
      return EXIT_OK;
    }
    const sessions = result.sessions === 1 ? '1 persisted session' : `${result.sessions} persisted sessions`;
    const classes = result.restored === 1 ? '1 class' : `${result.restored} classes`;
    const failed = result.failed > 0 ? ` (${result.failed} could not be: the JVM's standard error names them)` : '';
    process.stderr.write(`classforge: removed the transforms of ${sessions} from JVM ${pid}${what}; ${classes} restored${failed}\n`);
    return result.failed > 0 ? EXIT_CHECKS_FAILED : EXIT_OK;
  } finally {
    rmSync(directory.hostPath, { recursive: true, force: true });
  }
}

/** The shim's `key=value` lines, or null when absent or not a regular file (a link put in its place in a container). */
function readResult(path: string): RemovalResult | null {
  try {
    if (!lstatSync(path).isFile()) return null;
  } catch {
    return null;
  }
  const values = new Map<string, number>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const match = /^(sessions|restored|failed)=(\d+)$/.exec(line);
    if (match !== null) values.set(match[1]!, Number(match[2]));
  }
  const sessions = values.get('sessions');
  const restored = values.get('restored');
  const failed = values.get('failed');
  return sessions === undefined || restored === undefined || failed === undefined ? null : { sessions, restored, failed };
}
