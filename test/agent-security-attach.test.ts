// Security of `classforge attach` against another user on the same machine (DESIGN.md, "The
// agent": same-uid attach only). HotSpot starts its attach listener only for a trigger file
// `.attach_pid<pid>` owned by its own user or root (attachListener_linux.cpp, is_init_trigger), and
// the first one it finds ends its search: another user who drops such a file into the JVM's
// working directory (a shared one, /tmp) blocks every attach. classforge must say so at once,
// without signalling the JVM, instead of waiting out its timeout with a wrong guess of the cause.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chownSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, statSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentArgumentError, formatAgentArguments } from '../src/agent/agent-arguments.js';
import { AttachError, loadAgent } from '../src/agent/hotspot-attach.js';
import { listJvms } from '../src/agent/jvm-list.js';
import { defaultJavaHome } from '../src/testing/java-tools.js';
import { listen, openPipes } from '../cli/commands/attach.js';
import { createServer } from 'node:net';
import { type Fixtures, buildFixtures, makeContainerHostTmp, startJvm, stopAll, waitForProcLink } from './support/attach-targets.js';

const root = resolve(__dirname, '..');
const cli = join(root, 'dist', 'cli', 'classforge.js');

let fixtures: Fixtures;
beforeAll(async () => {
  fixtures = await buildFixtures();
});
afterAll(stopAll);

// Giving a file to another user takes root (chown(2)); as anyone else the case cannot be set up.
const IS_ROOT = process.geteuid?.() === 0;

describe.skipIf(!IS_ROOT)("another user's attach trigger file in the JVM's working directory", () => {
  it('is refused at once, naming the file and its owner; the JVM is not signalled; without it the attach works', async () => {
    const jvm = await startJvm(fixtures, { args: ['foreign-trigger'] });
    const trigger = join(fixtures.scratch, `.attach_pid${jvm.pid}`);
    writeFileSync(trigger, '');
    chownSync(trigger, 65534, 65534);
    const started = Date.now();
    let error: unknown = null;
    try {
      await loadAgent(jvm.pid, fixtures.recordingAgentJar, 'unused', { timeoutMs: 3_000 });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AttachError);
    expect((error as AttachError).kind).toBe('permission-denied');
    expect((error as AttachError).message).toContain(`the attach trigger file /proc/${jvm.pid}/cwd/.attach_pid${jvm.pid} belongs to uid 65534`);
    // Well before the 3 s attach timeout (a 'timeout' error, had it signalled the JVM and waited).
    expect(Date.now() - started).toBeLessThan(3_000);
    // No SIGQUIT reached it: a JVM without its listener prints a thread dump on SIGQUIT.
    expect(jvm.stdout()).not.toContain('Full thread dump');
    expect(existsSync(trigger)).toBe(true); // another user's file is theirs to remove

    unlinkSync(trigger);
    const output = join(fixtures.scratch, 'foreign-trigger-output.txt');
    await loadAgent(jvm.pid, fixtures.recordingAgentJar, `${output}|attached`, { timeoutMs: 10_000 });
    expect(readFileSync(output, 'utf8')).toBe('attached');
  });
});

// The agent arguments are `key=value;…` without escapes (AgentSettings.argument): a session
// directory under a TMPDIR holding ';' was cut short there, and agentmain failed inside the JVM
// (NoSuchFileException, "Agent failed to start!" on the application's stderr).
describe('agent arguments', () => {
  it("formatAgentArguments joins key=value pairs and refuses a value holding ';'", () => {
    expect(formatAgentArguments([['socket', '/tmp/a=b/agent.sock'], ['persist', '1']])).toBe('socket=/tmp/a=b/agent.sock;persist=1');
    expect(() => formatAgentArguments([['socket', '/tmp/a;persist=1/agent.sock']])).toThrow(AgentArgumentError);
    expect(() => formatAgentArguments([['socket', '/tmp/a;b/agent.sock']])).toThrow("the JVM would read socket=/tmp/a");
  });

  describe.skipIf(!existsSync(cli))('classforge attach under a TMPDIR with a semicolon', () => {
    it('refuses before touching the JVM, says why, and leaves no session directory', async () => {
      const jvm = await startJvm(fixtures, { args: ['semicolon-tmpdir'] });
      const tmp = join(fixtures.scratch, 'with;semicolon');
      mkdirSync(tmp);
      const result = spawnSync(process.execPath, [cli, 'attach', String(jvm.pid), '-t', join(root, 'fixtures/agent/transforms/trace-live.ts'), '--options', '{"prefix":"T"}'], {
        cwd: root,
        env: { ...process.env, TMPDIR: tmp },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(result.stderr).toContain("holds ';', which separates the agent's arguments");
      expect(result.stderr).toContain("set TMPDIR to a directory whose path has no ';'");
      expect(result.status).toBe(2);
      expect(readdirSync(tmp)).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(jvm.stderr()).not.toContain('classforge');
      expect(jvm.stderr()).not.toContain('Agent failed to start');
    });
  });
});

// The session directory holds the agent jar (the transforms' code and options). A `classforge
// attach` killed with SIGKILL (the OOM killer, `kill -9`) runs no cleanup: the directory must be
// gone already once the agent is attached, with both transports.
/**
 * `classforge attach <pid>` with the trace-live transform (in `env`, default ours), once it says it
 * transforms new classes: the process, its exit status to come, and its stderr so far (read again later).
 */
async function startTraceSession(
  pid: number,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ attach: ChildProcess; status: Promise<number | null>; stderr: () => string }> {
  const attach = spawn(process.execPath, [cli, 'attach', String(pid), '-t', join(root, 'fixtures/agent/transforms/trace-live.ts'), '--options', '{"prefix":"T"}'], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  attach.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let exited = false;
  const status = new Promise<number | null>((resolve) =>
    attach.on('close', (code) => {
      exited = true;
      resolve(code);
    }),
  );
  const deadline = Date.now() + 30_000;
  while (!stderr.includes('transforming newly loaded classes')) {
    // A command that already ended will not start the session: say why now, not after the deadline.
    if (exited) throw new Error(`the attach command exited (${await status}) before the session started: ${stderr}`);
    if (Date.now() > deadline) throw new Error(`the session did not start: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return { attach, status, stderr: () => stderr };
}

describe.skipIf(!existsSync(cli))('classforge attach killed with SIGKILL during the session', () => {
  for (const transport of ['socket', 'fifo'] as const) {
    it(`leaves no session directory behind (${transport})`, async () => {
      const jvm = await startJvm(fixtures, { args: [`sigkill-${transport}`] });
      const tmp = join(fixtures.scratch, `sigkill-tmp-${transport}`);
      mkdirSync(tmp);
      const { attach, status } = await startTraceSession(jvm.pid, {
        ...process.env,
        TMPDIR: tmp,
        ...(transport === 'fifo' ? { CLASSFORGE_ATTACH_TRANSPORT: 'fifo' } : {}),
      });
      attach.kill('SIGKILL');
      await status;
      expect(readdirSync(tmp)).toEqual([]);
    });
  }
});

// A container (new pid and mount namespaces, its own /tmp), as in agent-attach.test.ts. The
// session directory is in the container's /tmp, where the container's root can write (uid 0 owns
// our directory as far as the kernel cares). The transform host runs outside, with our
// privileges, and runs the code of the jar it reads: it must read a copy the container cannot
// reach, or the container could swap the jar and run its code outside.
const CAN_UNSHARE =
  IS_ROOT && tmpdir() === '/tmp' && spawnSync('unshare', ['-p', '-f', '-m', '--mount-proc', 'true']).status === 0;

describe.skipIf(!CAN_UNSHARE || !existsSync(cli))('classforge attach to a JVM in a container', () => {
  it("has the transform host read a jar outside the container's file system", async () => {
    const hostTmp = makeContainerHostTmp(root);
    try {
      const inside = (hostPath: string): string => join(hostTmp, relative('/tmp', hostPath));
      const container = await startJvm(fixtures, {
        classpath: inside(fixtures.classpath),
        args: ['security-container'],
        wrap: (javaCommand) => ['unshare', '-p', '-f', '-m', '--mount-proc', 'sh', '-c', 'mount --bind /tmp "$0" && mount -t tmpfs tmpfs /tmp && exec "$@"', hostTmp, ...javaCommand],
      });
      const pid = listJvms().find((info) => info.commandLine === 'demo.Waiting security-container')!.pid;
      const { attach, status } = await startTraceSession(pid);
      // Its children: the host, and esbuild's service (which bundled the transform).
      const children = spawnSync('pgrep', ['-P', String(attach.pid)], { encoding: 'utf8' }).stdout.trim().split('\n');
      const hosts = children.map((child) => readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0')).filter((argv) => argv.some((word) => word.endsWith('host-main.js')));
      expect(hosts).toHaveLength(1);
      const argv = hosts[0]!;
      const agentJar = argv[argv.indexOf('--agent-jar') + 1]!;
      expect(agentJar).not.toMatch(/^\/proc\//);
      expect(agentJar.startsWith(`${tmpdir()}/classforge-attach-`)).toBe(true);
      // Nothing is left in the container's /tmp but the JVM's own files.
      expect(readdirSync(`/proc/${pid}/root/tmp`).filter((name) => name.startsWith('classforge-'))).toEqual([]);
      attach.kill('SIGINT');
      expect(await status).toBe(0);
      expect(existsSync(agentJar)).toBe(false);
      container.child.stdin!.end();
    } finally {
      rmSync(hostTmp, { recursive: true, force: true });
    }
  });
});

// From here, paths under /proc/<pid>/root follow the target's symbolic links against our root (an
// absolute link) or out of its root ('..'). A container whose /tmp is such a link (its root can
// make one) had `classforge attach` create the session directory and write the agent jar at a
// place of the container's choosing on the host. A chroot is the smallest such "container".
describe.skipIf(!IS_ROOT || !existsSync(cli))('classforge attach to a process whose /tmp is a symbolic link', () => {
  it('refuses before creating anything, naming the link', async () => {
    const jail = mkdtempSync(join(tmpdir(), 'classforge-jail-'));
    const hostTarget = mkdtempSync(join(tmpdir(), 'classforge-link-target-'));
    try {
      // /bin/sleep and its libraries (ldd), enough for a process to live in the jail.
      const libraries = spawnSync('ldd', ['/bin/sleep'], { encoding: 'utf8' }).stdout.match(/\/\S+/g) ?? [];
      for (const file of ['/bin/sleep', ...libraries]) {
        mkdirSync(join(jail, dirname(file)), { recursive: true });
        copyFileSync(file, join(jail, file));
      }
      symlinkSync(hostTarget, join(jail, 'tmp'));
      const jailed = spawn('chroot', [jail, '/bin/sleep', '60'], { stdio: 'ignore' });
      try {
        await waitForProcLink(jailed.pid!, 'root', realpathSync(jail));
        const before = statSync(hostTarget).mtimeMs;
        const result = spawnSync(process.execPath, [cli, 'attach', String(jailed.pid), '-t', join(root, 'fixtures/agent/transforms/trace-live.ts'), '--options', '{"prefix":"T"}'], {
          cwd: root,
          encoding: 'utf8',
          timeout: 60_000,
        });
        expect(result.stderr).toContain(`its /tmp is a symbolic link (to ${hostTarget})`);
        expect(result.status).toBe(2);
        expect(readdirSync(hostTarget)).toEqual([]);
        expect(statSync(hostTarget).mtimeMs).toBe(before); // nothing was ever created there
      } finally {
        jailed.kill('SIGKILL');
      }
    } finally {
      rmSync(jail, { recursive: true, force: true });
      rmSync(hostTarget, { recursive: true, force: true });
    }
  });
});

// The session's named pipes are opened a turn of the event loop after mkfifo made them. In a
// container the session directory is in the container's /tmp, where its root can swap a pipe for
// a link to a file of the host meanwhile: opening it with 'w' (O_CREAT|O_TRUNC, following links)
// truncated that file, with our privileges.
describe("the attach session's named pipes", () => {
  it('are not opened through a link swapped in after mkfifo: the file it points to is left alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'classforge-pipes-'));
    try {
      const victim = join(dir, 'precious.txt');
      writeFileSync(victim, 'precious');
      const prefix = join(dir, 'agent');
      const pipes = openPipes(prefix);
      expect(pipes).not.toBeNull();
      // Synchronously, before the streams' opens run: what the container's root could do.
      unlinkSync(`${prefix}.from-host`);
      symlinkSync(victim, `${prefix}.from-host`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(readFileSync(victim, 'utf8')).toBe('precious');
      pipes!.release();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the attach session's socket", () => {
  it('is created 0600 by bind itself, whatever the umask (no chmod to follow a swapped-in link)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'classforge-socket-'));
    const server = createServer();
    const umask = process.umask(0);
    try {
      await listen(server, join(dir, 'agent.sock'));
      expect(process.umask()).toBe(0); // put back
      expect(statSync(join(dir, 'agent.sock')).mode & 0o777).toBe(0o600);
    } finally {
      process.umask(umask);
      server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// The JVM in a container reports its java.home, a directory of the container's file system. The
// transform host (outside) read the JDK's classes from that path of OUR file system: another JDK,
// or none at all (then it asks the JVM for every JDK class), or whatever the host has there.
describe.skipIf(!CAN_UNSHARE || !existsSync(cli))('classforge attach to a JVM in a container, its JDK', () => {
  it("is read through /proc/<pid>/root: a java.home that exists only inside the container", async () => {
    const hostTmp = makeContainerHostTmp(root);
    try {
      const inside = (hostPath: string): string => join(hostTmp, relative('/tmp', hostPath));
      const jdk = defaultJavaHome()!;
      const container = await startJvm(fixtures, {
        classpath: inside(fixtures.classpath),
        args: ['security-container-jdk'],
        // The JDK mounted at /tmp/jdk-inside, a path the host does not have.
        wrap: (javaCommand) => [
          'unshare', '-p', '-f', '-m', '--mount-proc', 'sh', '-c',
          'mount --bind /tmp "$0" && mount -t tmpfs tmpfs /tmp && mkdir /tmp/jdk-inside && mount --bind "$1" /tmp/jdk-inside && shift && exec "$@"',
          hostTmp, jdk, '/tmp/jdk-inside/bin/java', ...javaCommand.slice(1),
        ],
      });
      expect(existsSync('/tmp/jdk-inside')).toBe(false);
      const pid = listJvms().find((info) => info.commandLine === 'demo.Waiting security-container-jdk')!.pid;
      const { attach, status, stderr } = await startTraceSession(pid);
      attach.kill('SIGINT');
      expect(await status).toBe(0);
      expect(stderr()).not.toContain("cannot read the JVM's JDK");
      container.child.stdin!.end();
    } finally {
      rmSync(hostTmp, { recursive: true, force: true });
    }
  });
});
