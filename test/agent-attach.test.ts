// The HotSpot attach protocol in TypeScript (src/agent/hotspot-attach.ts) against real JVMs: an
// agent is loaded and runs with its arguments, a failing agent, and every process we must refuse
// (dead, another user's, not a JVM, a JVM not ready for SIGQUIT, -XX:+DisableAttachMechanism), each
// with its own error kind, quickly. With a JDK 25 present, the JEP 451 warning of JDK 21+.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AttachError, type AttachErrorKind, interpretLoadReply, jvmFeatureVersion, loadAgent } from '../src/agent/hotspot-attach.js';
import { findPerfDataFile, listJvms, readProcessStatus } from '../src/agent/jvm-list.js';
import {
  type Fixtures,
  type StartedJvm,
  HAS_JDK25,
  JDK25_HOME,
  buildFixtures,
  exited,
  fakeJavaExecutable,
  isAlive,
  makeContainerHostTmp,
  startJvm,
  startProcess,
  stopAll,
  waitForProcLink,
} from './support/attach-targets.js';

/** Short: every refusal below must come well within it, or from the timeout itself. */
const TIMEOUT_MS = 1_500;

let fixtures: Fixtures;
let jvm: StartedJvm;
let outputCount = 0;

beforeAll(async () => {
  fixtures = await buildFixtures();
  jvm = await startJvm(fixtures, { args: ['attach-target'] });
});

afterAll(stopAll);

/** A fresh file for the recording agent to write, and the agent arguments that say so. */
function recordingArguments(text: string): { file: string; args: string } {
  const file = join(fixtures.scratch, `agent-output-${++outputCount}.txt`);
  return { file, args: `${file}|${text}` };
}

/** The AttachError of `promise` (fails the test when it resolves or throws something else). */
async function attachError(promise: Promise<unknown>): Promise<AttachError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AttachError);
    return error as AttachError;
  }
  throw new Error('expected loadAgent to fail');
}

async function expectRefusal(pid: number, kind: AttachErrorKind, message: RegExp, withinMs = TIMEOUT_MS): Promise<AttachError> {
  const started = Date.now();
  const error = await attachError(loadAgent(pid, fixtures.recordingAgentJar, 'unused', { timeoutMs: TIMEOUT_MS }));
  expect(error.kind, error.message).toBe(kind);
  expect(error.message).toMatch(message);
  expect(error.pid).toBe(pid);
  expect(Date.now() - started).toBeLessThan(withinMs);
  return error;
}

describe('loadAgent', () => {
  it('loads an agent into a running JVM: agentmain runs with the arguments', async () => {
    const first = recordingArguments('hello = world, "quoted" ünïcödé');
    const result = await loadAgent(jvm.pid, fixtures.recordingAgentJar, first.args, { timeoutMs: 10_000 });
    expect(result.message).toBe(`agent ${fixtures.recordingAgentJar} loaded into JVM ${jvm.pid}`);
    expect(readFileSync(first.file, 'utf8')).toBe('hello = world, "quoted" ünïcödé');
    expect(result.javaVersion).toMatch(/^\d/);
    if ((jvmFeatureVersion(jvm.pid) ?? 0) < 21) expect(result.warning).toBeUndefined();
    // The attach listener is up now: a second load goes straight to the socket.
    const second = recordingArguments('again');
    await loadAgent(jvm.pid, fixtures.recordingAgentJar, second.args, { timeoutMs: TIMEOUT_MS });
    expect(readFileSync(second.file, 'utf8')).toBe('again');
    // The trigger file is removed, and the JVM printed no thread dump (the SIGQUIT was the handshake's).
    expect(existsSync(join(fixtures.scratch, `.attach_pid${readProcessStatus(jvm.pid)!.namespacePid}`))).toBe(false);
    expect(jvm.stdout()).not.toContain('Full thread dump');
  });

  it('reports an agent whose agentmain throws, and the JVM prints the exception', async () => {
    const error = await attachError(loadAgent(jvm.pid, fixtures.throwingAgentJar, 'no thanks', { timeoutMs: 10_000 }));
    expect(error.kind).toBe('agent-load-failed');
    // The JVM only sends JPLIS's return code (102); the exception goes to the target's stderr.
    expect(error.returnCode).toBe(102);
    expect(error.message).toMatch(/agentmain threw an exception \(return code 102/);
    await expect.poll(() => jvm.stderr()).toContain('java.lang.IllegalStateException: ThrowingAgent refuses: no thanks');
    expect(isAlive(jvm.pid)).toBe(true);
  });

  it('refuses arguments the protocol cannot carry', async () => {
    const missing = join(fixtures.scratch, 'missing.jar');
    await expect(loadAgent(jvm.pid, missing, '')).rejects.toMatchObject({ kind: 'bad-argument', message: expect.stringContaining('no such file') });
    await expect(loadAgent(jvm.pid, '/tmp/a=b.jar', '')).rejects.toMatchObject({ kind: 'bad-argument', message: expect.stringContaining("contains '='") });
    await expect(loadAgent(jvm.pid, fixtures.recordingAgentJar, 'x'.repeat(1100))).rejects.toMatchObject({
      kind: 'bad-argument',
      message: expect.stringMatching(/more than the 1024 the attach protocol allows/),
    });
    await expect(loadAgent(jvm.pid, fixtures.recordingAgentJar, 'a\0b')).rejects.toMatchObject({ kind: 'bad-argument' });
    await expect(loadAgent(0, fixtures.recordingAgentJar, '')).rejects.toMatchObject({ kind: 'bad-argument' });
  });

  it('refuses a dead pid', async () => {
    const gone = startProcess('true', []);
    await exited(gone);
    await expectRefusal(gone.pid!, 'no-such-process', new RegExp(`no such process: ${gone.pid}`));
  });

  it('refuses a process that is not a JVM, without signalling it', async () => {
    const sleeper = startProcess('sleep', ['30']);
    await expectRefusal(sleeper.pid!, 'not-a-jvm', /is not a Java process/);
    expect(isAlive(sleeper.pid!)).toBe(true);
  });

  it('never sends SIGQUIT to a `java` that does not catch it (it would die)', async () => {
    const fake = startProcess(fakeJavaExecutable(fixtures), ['30']);
    await waitForProcLink(fake.pid!, 'exe', fakeJavaExecutable(fixtures));
    await expectRefusal(fake.pid!, 'not-ready', /does not handle SIGQUIT/, TIMEOUT_MS + 1_000);
    expect(isAlive(fake.pid!)).toBe(true);
  });

  // Only root can start a process as another user here; otherwise pid 1 usually belongs to root.
  it('refuses a process of another user', async () => {
    const ownUid = process.geteuid!();
    let pid: number;
    if (ownUid === 0) {
      pid = startProcess('sleep', ['30'], { uid: 65534, gid: 65534 }).pid!;
      await new Promise((resolve) => setTimeout(resolve, 50));
    } else {
      pid = 1;
      if (readProcessStatus(1)?.effectiveUid === ownUid) return; // no other user's process at hand
    }
    const error = await expectRefusal(pid, 'permission-denied', /belongs to uid \d+, not to you.*; run classforge as that user$/);
    // HotSpot accepts root's requests (jcmd as root attaches): the reason given must not deny it.
    if (ownUid === 0) expect(error.message).toContain('the JVM would accept root');
    expect(isAlive(pid)).toBe(true);
  });

  it('refuses a JVM started with -XX:+DisableAttachMechanism at once, perf data or not', async () => {
    const [withPerfData, withoutPerfData] = await Promise.all([
      startJvm(fixtures, { jvmOptions: ['-XX:+DisableAttachMechanism'], args: ['no-attach'] }),
      startJvm(fixtures, { jvmOptions: ['-XX:+DisableAttachMechanism', '-XX:-UsePerfData'], args: ['no-attach-no-perf-data'] }),
    ]);
    for (const target of [withPerfData, withoutPerfData]) {
      await expectRefusal(target.pid, 'attach-disabled', /started with -XX:\+DisableAttachMechanism.*restart it without that flag/);
      // Refused before any SIGQUIT: no thread dump on its output.
      expect(target.stdout()).not.toContain('Full thread dump');
    }
  });

  it('times out on a JVM that does not answer (stopped), naming DisableAttachMechanism as a possible cause', async () => {
    const stopped = await startJvm(fixtures, { args: ['stopped'] });
    process.kill(stopped.pid, 'SIGSTOP');
    try {
      const error = await expectRefusal(stopped.pid, 'timeout', /did not open its attach socket .* within 1500 ms of SIGQUIT/, TIMEOUT_MS + 1_000);
      expect(error.message).toContain('-XX:+DisableAttachMechanism');
      expect(existsSync(join(fixtures.scratch, `.attach_pid${stopped.pid}`))).toBe(false);
    } finally {
      process.kill(stopped.pid, 'SIGCONT');
    }
  });

  it('attaches to a JVM that has no perf data (-XX:-UsePerfData)', async () => {
    const target = await startJvm(fixtures, { jvmOptions: ['-XX:-UsePerfData'], args: ['attach-no-perf-data'] });
    const output = recordingArguments('no perf data');
    await loadAgent(target.pid, fixtures.recordingAgentJar, output.args, { timeoutMs: 10_000 });
    expect(readFileSync(output.file, 'utf8')).toBe('no perf data');
  });
});

// A container, as far as the attach protocol cares: a new pid namespace (the JVM is pid 1 in it, as
// in many images) and a new mount namespace with its own /tmp. Needs root for unshare; the host's /tmp
// stays reachable inside under another path so that the JVM finds its classes and the agent jar.
const CAN_UNSHARE =
  process.geteuid?.() === 0 && tmpdir() === '/tmp' && spawnSync('unshare', ['-p', '-f', '-m', '--mount-proc', 'true']).status === 0;

describe.skipIf(!CAN_UNSHARE)('a JVM in another pid and mount namespace (a container)', () => {
  it('is listed and attached through /proc/<pid>/root, by the pid it sees itself as', async () => {
    // The host's /tmp is bind-mounted here, outside /tmp (see makeContainerHostTmp).
    const hostTmp = makeContainerHostTmp(process.cwd());
    try {
      const inside = (hostPath: string): string => join(hostTmp, relative('/tmp', hostPath));
      const container = await startJvm(fixtures, {
        classpath: inside(fixtures.classpath),
        args: ['in-a-container'],
        wrap: (javaCommand) => [
          'unshare', '-p', '-f', '-m', '--mount-proc',
          'sh', '-c', 'mount --bind /tmp "$0" && mount -t tmpfs tmpfs /tmp && exec "$@"', hostTmp, ...javaCommand,
        ],
      });
      const listed = listJvms().find((info) => info.commandLine === 'demo.Waiting in-a-container');
      expect(listed).toMatchObject({ mainClass: 'demo.Waiting', source: 'hsperfdata', javaVersion: expect.stringMatching(/^\d/) });
      const pid = listed!.pid;
      expect(pid).not.toBe(container.pid); // that is unshare's
      const status = readProcessStatus(pid)!;
      expect(status.namespacePid).toBe(1);
      expect(findPerfDataFile(status, null)).toMatch(new RegExp(`^/proc/${pid}/root/tmp/hsperfdata_[^/]+/1$`));

      // The jar must be where the JVM can see it: the host path is hidden by the container's /tmp.
      await expect(loadAgent(pid, fixtures.recordingAgentJar, 'x', { timeoutMs: TIMEOUT_MS })).rejects.toMatchObject({
        kind: 'bad-argument',
        message: expect.stringContaining('runs in another file system'),
      });
      const output = recordingArguments('from the host');
      await loadAgent(pid, inside(fixtures.recordingAgentJar), `${inside(output.file)}|from the host`, { timeoutMs: 10_000 });
      expect(readFileSync(output.file, 'utf8')).toBe('from the host');
      expect(existsSync(`/proc/${pid}/root/tmp/.java_pid1`)).toBe(true);
      container.child.stdin!.end();
      await exited(container.child);
    } finally {
      rmSync(hostTmp, { recursive: true, force: true });
    }
  });
});

// JDK 25 is optional on the test machines (DESIGN.md: use it when present, never require it); the
// JEP 451 warning needs a JDK 21+ target, which JDK 17 (the one on PATH) is not.
describe.skipIf(!HAS_JDK25)('JDK 21+ targets (JDK 25)', () => {
  it('returns the dynamic agent warning unless the JVM runs with -XX:+EnableDynamicAgentLoading, and honours -XX:-', async () => {
    const [plain, allowing, forbidding] = await Promise.all([
      startJvm(fixtures, { javaHome: JDK25_HOME, args: ['jdk25'] }),
      startJvm(fixtures, { javaHome: JDK25_HOME, jvmOptions: ['-XX:+EnableDynamicAgentLoading'], args: ['jdk25-allowing'] }),
      startJvm(fixtures, { javaHome: JDK25_HOME, jvmOptions: ['-XX:-EnableDynamicAgentLoading'], args: ['jdk25-forbidding'] }),
    ]);
    expect(jvmFeatureVersion(plain.pid)).toBe(25);

    const output = recordingArguments('jdk 25');
    const result = await loadAgent(plain.pid, fixtures.recordingAgentJar, output.args, { timeoutMs: 10_000 });
    expect(readFileSync(output.file, 'utf8')).toBe('jdk 25');
    expect(result.javaVersion).toMatch(/^25/);
    expect(result.warning).toMatch(/^JVM \d+ \(Java 25[^)]*\) printed a warning .* -XX:\+EnableDynamicAgentLoading/);
    // What the warning is about: the JVM's own message on its stderr.
    await expect.poll(() => plain.stderr()).toContain('WARNING: A Java agent has been loaded dynamically');

    const quiet = recordingArguments('allowed');
    const allowed = await loadAgent(allowing.pid, fixtures.recordingAgentJar, quiet.args, { timeoutMs: 10_000 });
    expect(allowed.warning).toBeUndefined();
    expect(allowing.stderr()).not.toContain('WARNING');

    const error = await attachError(loadAgent(forbidding.pid, fixtures.recordingAgentJar, recordingArguments('never').args, { timeoutMs: 10_000 }));
    expect(error.kind).toBe('agent-load-failed');
    expect(error.message).toContain('Dynamic agent loading is not enabled. Use -XX:+EnableDynamicAgentLoading');
  });
});

describe('interpretLoadReply (the replies of JDK 8, 9+ and refusals)', () => {
  it('reads success and the agent return codes', () => {
    expect(interpretLoadReply('0\nreturn code: 0\n')).toEqual({ ok: true, returnCode: 0 });
    expect(interpretLoadReply('0\n0\n')).toEqual({ ok: true, returnCode: 0 }); // JDK 8
    expect(interpretLoadReply('0\nreturn code: 102\n')).toMatchObject({ ok: false, kind: 'agent-load-failed', returnCode: 102 });
    expect(interpretLoadReply('0\n100\n')).toMatchObject({ ok: false, returnCode: 100, message: expect.stringContaining('no Agent-Class') });
    expect(interpretLoadReply('0\nreturn code: -4\n')).toMatchObject({ ok: false, message: expect.stringContaining('insufficient memory') });
  });

  it('reads refusals and broken replies', () => {
    expect(interpretLoadReply('0\nDynamic agent loading is not enabled. Use -XX:+EnableDynamicAgentLoading to launch target VM.\n')).toMatchObject({
      ok: false,
      kind: 'agent-load-failed',
      message: 'failed to load the agent: Dynamic agent loading is not enabled. Use -XX:+EnableDynamicAgentLoading to launch target VM.',
    });
    expect(interpretLoadReply('-1\nOperation load not recognized!\n')).toMatchObject({
      ok: false,
      kind: 'agent-load-failed',
      message: 'the JVM refused to load the agent: Operation load not recognized!',
    });
    expect(interpretLoadReply('101\n')).toMatchObject({ ok: false, kind: 'protocol-error', message: expect.stringContaining('protocol version 1') });
    expect(interpretLoadReply('')).toMatchObject({ ok: false, kind: 'protocol-error', message: expect.stringContaining('without answering') });
    expect(interpretLoadReply('0\n')).toMatchObject({ ok: false, kind: 'protocol-error' });
    expect(interpretLoadReply('HTTP/1.1 400\n')).toMatchObject({ ok: false, kind: 'protocol-error' });
  });
});
