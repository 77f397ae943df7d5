// # classforge attach <pid> -t <transform>... [--options <json>] [--timeout <ms>] [--persist]
//
// Applies transforms inside a running JVM (DESIGN.md, "The agent"):
//  1. builds the agent jar (agent-jar.ts) into a private directory (0700) the target can read: the
//     target's own /tmp, through /proc/<pid>/root, when it runs in another mount namespace (a container);
//  2. listens on a Unix domain socket in that directory (0600; nothing listens on a network port),
//     and makes a pair of named pipes beside it (0600) for JVMs before Java 16, which have no Unix
//     domain SocketChannel: the shim takes the socket when it can, else the pipes;
//  3. loads the agent with HotSpot's attach protocol (hotspot-attach.ts), passing the socket, the jar
//     and a random token; the shim connects back and presents the token. Once the agent is
//     attached (agentmain returned: connected, host ready), the directory is removed: a SIGKILLed
//     session leaves no jar behind. In a container, the host reads a copy of the jar kept in a
//     private directory of ours, never the one in the container's reach;
//  4. hands the socket to a transform host (host-main.js, the same host as at JVM start), or relays
//     the named pipes to it (session-relay.ts says why), which retransforms the loaded classes the
//     globs select, then transforms classes as they load;
//  5. stays in the foreground until SIGINT/SIGTERM, then the host has the shim remove its transformer
//     and retransform the changed classes back to what they were before the session (their original
//     bytes, or what an earlier persisted session or a -javaagent made of them), and detaches. With
//     --persist the loaded classes stay transformed and the command returns right after step 4: the
//     shim's transformer stays registered, replaying its bytes, so that a later session's
//     retransformation (which restarts from the original bytes) composes on top instead of undoing it.
//
// `--remove-persisted` undoes earlier --persist sessions instead (attach-remove-persisted.ts).
//
// Exit status: 0 after a clean detach, or when the JVM exited during the session; 2 when the JVM cannot be attached (a dead pid, not a JVM,
// another user's process, attach disabled) or the transforms do not load; 1 when the session
// failed after attaching (the host could not start in the JVM, the agent's connection broke while
// the JVM runs on), or when
// --persist applied nothing (the JVM refused every class the transforms changed, each named; or
// the host answered none in time).

import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, constants, createReadStream, createWriteStream, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import type { Readable, Writable } from 'node:stream';
import { constants as osConstants, tmpdir } from 'node:os';
import { join, resolve as resolvePath } from 'node:path';
import type { Command } from 'commander';
import { AgentArgumentError, formatAgentArguments } from '../../src/agent/agent-arguments.js';
import { FrameBuilder, FrameType, HOST_EXIT_CONNECTION_LOST, HOST_EXIT_NOTHING_APPLIED } from '../../src/agent/agent-protocol.js';
import { AttachError, loadAgent } from '../../src/agent/hotspot-attach.js';
import { hostScriptPath } from '../../src/agent/installation.js';
import { DUMP_VARIABLE } from '../../src/agent/class-dump.js';
import { describeJvm } from '../../src/agent/jvm-list.js';
import { FrameBoundaryRelay } from '../../src/agent/session-relay.js';
import { EXIT_BAD_INPUT, EXIT_CHECKS_FAILED, UsageError } from '../cli-error.js';
import { addAgentOptions, buildAgentFromOptions } from './agent.js';
import { removePersistedTransforms } from './attach-remove-persisted.js';
import { openSessionDirectory } from './attach-session-directory.js';

interface AttachCommandOptions {
  transform?: string[];
  options?: string[];
  timeout?: string;
  persist?: boolean;
  removePersisted?: boolean;
  verbose?: boolean;
  dump?: string;
}

/** The signals that end a session (restoring the classes), or abandon an attach not yet made. */
const SESSION_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** How long the shim has to connect back once the agent is loaded. */
const CONNECT_TIMEOUT_MS = 60_000;

/** The agent's connection: the socket, or the pair of named pipes. */
interface AgentConnection {
  readonly transport: 'socket' | 'pipes';
  readonly input: Readable;
  readonly output: Writable;
  close(): void;
}

/**
 * The session's named pipes `<prefix>.to-host` and `<prefix>.from-host` (see HostConnection.java):
 * opened here at once — each open completes when the shim opens the other end — so that the
 * shim, whichever order it opens them in, never waits on us. `release` ends both opens when the
 * shim took the socket instead, by opening the other ends ourselves. Null when mkfifo fails.
 */
export function openPipes(prefix: string): { connected: Promise<AgentConnection>; release(): void } | null {
  const toHost = `${prefix}.to-host`;
  const fromHost = `${prefix}.from-host`;
  try {
    execFileSync('mkfifo', ['-m', '600', toHost, fromHost], { stdio: 'ignore' });
  } catch {
    return null;
  }
  // The names are resolved again when the streams open (a turn of the event loop later): in a
  // container, its root can have swapped one for a link to a file of the host by then. O_NOFOLLOW
  // and no O_CREAT/O_TRUNC: such a link fails to open instead of truncating that file.
  // (The stream options are typed as strings; fs.open, which the streams call, takes numbers too.)
  const input = createReadStream(toHost, { flags: (constants.O_RDONLY | constants.O_NOFOLLOW) as unknown as string });
  const output = createWriteStream(fromHost, { flags: (constants.O_WRONLY | constants.O_NOFOLLOW) as unknown as string });
  input.on('error', () => undefined);
  output.on('error', () => undefined);
  const opened = (stream: Readable | Writable) => new Promise<void>((resolve) => stream.once('open', () => resolve()));
  let released = false;
  const connected = Promise.all([opened(input), opened(output)]).then((): AgentConnection => ({
    transport: 'pipes',
    input,
    output,
    close: () => {
      input.destroy();
      output.destroy();
    },
  }));
  return {
    connected,
    release: () => {
      if (released) return;
      released = true;
      // O_RDWR never blocks on a FIFO (Linux) and is both a reader and a writer: our own opens
      // complete. They run on libuv's thread pool and may not have reached the kernel yet: a partner
      // opened and closed at once would be gone by then, and the late open would wait forever (with
      // it the event loop: the command would never exit). So the partners stay open until both
      // streams are closed, which Node does once their opens have completed.
      const partners: number[] = [];
      for (const path of [toHost, fromHost]) {
        try {
          partners.push(openSync(path, constants.O_RDWR | constants.O_NONBLOCK | constants.O_NOFOLLOW));
        } catch {
          // Already gone: an open not started yet fails instead of waiting.
        }
      }
      const closed = (stream: Readable | Writable) => new Promise<void>((resolve) => (stream.closed ? resolve() : stream.once('close', () => resolve())));
      void Promise.all([closed(input), closed(output)]).then(() => {
        for (const fd of partners) closeSync(fd);
      });
      input.destroy();
      output.destroy();
    },
  };
}

/** Why the agent connected over the named pipes: forced, or a JVM without Unix domain sockets. */
export function pipesNote(javaVersion: string | null, environment: NodeJS.ProcessEnv = process.env): string {
  if (environment.CLASSFORGE_ATTACH_TRANSPORT === 'fifo') return 'the agent connected over the session\'s named pipes, as CLASSFORGE_ATTACH_TRANSPORT=fifo asks';
  const jvm = javaVersion === null ? 'the JVM' : `the JVM (Java ${javaVersion})`;
  return `the agent connected over the session's named pipes: ${jvm} has no Unix domain sockets (Java 16 and later have)`;
}

/**
 * Listens on the Unix socket `path`, created 0600 by bind(2) itself: the umask is narrowed around
 * listen(), which binds synchronously. A chmod afterwards would follow a link that, in a container's
 * /tmp, its root can have put in the socket's place by then: a host file would get mode 0600.
 */
export function listen(server: Server, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    const umask = process.umask(0o177);
    try {
      server.listen(path, () => {
        server.off('error', reject);
        resolve();
      });
    } finally {
      process.umask(umask);
    }
  });
}

async function runAttachCommand(pidText: string, options: AttachCommandOptions): Promise<number> {
  if (!/^[1-9][0-9]*$/.test(pidText)) throw new UsageError(`the process id must be a positive integer, got '${pidText}'`);
  const pid = Number.parseInt(pidText, 10);
  if (options.removePersisted === true) {
    if ((options.transform ?? []).length > 0 || options.persist === true) throw new UsageError('--remove-persisted takes no -t and no --persist: it only removes what earlier --persist sessions left');
  } else if ((options.transform ?? []).length === 0) {
    throw new UsageError('give at least one transform module with -t <file> (or --remove-persisted, to remove what --persist sessions left)');
  }
  // Until the session's host takes over the signals (startHost), a Ctrl-C abandons the attach:
  // nothing in the JVM has changed yet, and the session directory and the JVM's attach trigger
  // file must not be left behind (a signal's default action would skip every finally).
  const interruption = new AbortController();
  const interrupt = (signal: NodeJS.Signals): void => interruption.abort(signal);
  const stopInterrupting = (): void => {
    for (const signal of SESSION_SIGNALS) process.off(signal, interrupt);
  };
  for (const signal of SESSION_SIGNALS) process.on(signal, interrupt);
  try {
    const status =
      options.removePersisted === true
        ? await removePersistedTransforms(pid, interruption.signal)
        : await attachAndServe(pid, options, interruption.signal, stopInterrupting);
    if (!interruption.signal.aborted) return status;
    process.stderr.write('classforge: interrupted before the agent was attached; nothing was changed\n');
    return 128 + (osConstants.signals[interruption.signal.reason as NodeJS.Signals] ?? 2);
  } finally {
    stopInterrupting();
  }
}

async function attachAndServe(pid: number, options: AttachCommandOptions, interruption: AbortSignal, stopInterrupting: () => void): Promise<number> {
  // The jar lives as long as the session: stored, not deflated.
  const built = await buildAgentFromOptions(options, { stored: true });
  if (built === null) return EXIT_BAD_INPUT;
  const { jar } = built;
  if (interruption.aborted) return EXIT_BAD_INPUT;
  const jvm = describeJvm(pid);

  const directory = openSessionDirectory(pid);
  if (directory === null) return EXIT_BAD_INPUT;
  const server = createServer({ pauseOnConnect: true });
  /** Set once the attach failed or the session ended: a connection that comes now is not served. */
  let abandoned = false;
  let pipes: ReturnType<typeof openPipes> = null;
  /**
   * The transform host runs here, with our privileges, and runs the code of the jar it reads. In a
   * container the session directory is in the container's /tmp, where the container's root (uid 0
   * without a user namespace, the owner of our directory as far as the kernel cares) can swap the
   * jar before the host reads it: code of the container's choosing would run outside it. The host
   * therefore reads its own copy, in a directory of ours.
   */
  let hostDirectory: string | null = null;
  const removeSessionFiles = (): void => {
    rmSync(directory.hostPath, { recursive: true, force: true });
    if (hostDirectory !== null) rmSync(hostDirectory, { recursive: true, force: true });
  };
  try {
    const jarName = 'classforge-agent.jar';
    // 'wx' (O_CREAT|O_EXCL): never through a link or a file someone else put there first.
    writeFileSync(join(directory.hostPath, jarName), jar, { mode: 0o600, flag: 'wx' });
    if (directory.hostPath !== directory.targetPath) {
      hostDirectory = mkdtempSync(join(tmpdir(), 'classforge-attach-'));
      writeFileSync(join(hostDirectory, jarName), jar, { mode: 0o600 });
    }
    const hostJar = join(hostDirectory ?? directory.hostPath, jarName);
    const socketName = 'agent.sock';
    await listen(server, join(directory.hostPath, socketName));
    const token = randomBytes(16).toString('hex');
    const targetJar = join(directory.targetPath, jarName);
    const agentArguments: [string, string][] = [['socket', join(directory.targetPath, socketName)], ['jar', targetJar], ['token', token]];
    if (options.timeout !== undefined) agentArguments.push(['timeout', String(Number.parseInt(options.timeout, 10))]);
    // The shim keeps what it gave each class, to give it again on a later retransformation.
    if (options.persist === true) agentArguments.push(['persist', '1']);
    agentArguments.push(['fifo', join(directory.targetPath, 'agent')]);
    // CLASSFORGE_ATTACH_TRANSPORT=fifo has a Java 16+ target use the pipes too (how they are tested).
    if (process.env.CLASSFORGE_ATTACH_TRANSPORT === 'fifo') agentArguments.push(['transport', 'fifo']);
    let agentArgumentsText: string;
    try {
      agentArgumentsText = formatAgentArguments(agentArguments);
    } catch (error) {
      if (!(error instanceof AgentArgumentError)) throw error;
      process.stderr.write(`classforge: ${error.message}; the session directory is ${directory.hostPath}: set TMPDIR to a directory whose path has no ';'\n`);
      return EXIT_BAD_INPUT;
    }
    pipes = openPipes(join(directory.hostPath, 'agent'));
    // Without the pipes (no mkfifo) the shim is told none: it takes the socket.
    if (pipes === null) agentArgumentsText = formatAgentArguments(agentArguments.filter(([key]) => key !== 'fifo'));

    // The shim connects while loadAgent waits for agentmain to return (it returns once the host is ready).
    const viaSocket = new Promise<AgentConnection>((resolve) => {
      server.once('connection', (socket) => resolve({ transport: 'socket', input: socket, output: socket, close: () => socket.destroy() }));
    });
    const timeout = new Promise<never>((_, reject) => {
      // Unreferenced: a failed attach must not wait for it.
      setTimeout(() => reject(new Error(`the agent did not connect back within ${CONNECT_TIMEOUT_MS / 1000} s`)), CONNECT_TIMEOUT_MS).unref();
    });
    const openedPipes = pipes;
    const connected = Promise.race([viaSocket, ...(openedPipes === null ? [] : [openedPipes.connected]), timeout]).then((connection) => {
      // The attach failed or was interrupted, and the cleanup's own opening of the named pipes'
      // other ends completed their opens: no agent is there, no host must start (on a pipe that
      // never ends, it would wait forever, and the command with it).
      if (abandoned || interruption.aborted) {
        connection.close();
        throw new Error('the attach was abandoned');
      }
      // The other transport is not needed any more.
      server.close();
      if (connection.transport === 'socket') openedPipes?.release();
      else process.stderr.write(`classforge: ${pipesNote(jvm?.javaVersion ?? null)}\n`);
      return connection;
    });
    connected.catch(() => undefined);
    const host = connected.then((connection) => {
      // From here a Ctrl-C is the session's: restore the classes and detach.
      stopInterrupting();
      return startHost(connection, hostJar, token, options.persist === true, pid, directory.hostPath === directory.targetPath ? null : `/proc/${pid}/root`, options.dump);
    });
    host.catch(() => undefined);

    try {
      const loaded = await loadAgent(pid, targetJar, agentArgumentsText, { signal: interruption });
      // agentmain returned, so the shim is connected and has read the jar's settings, and the host
      // has loaded the transforms from it (the shim waits for READY): nothing opens the session's
      // files by name any more (the JVM keeps the jar it added to its class path open). Removing
      // them now leaves nothing behind should this process be killed (SIGKILL skips the finally).
      removeSessionFiles();
      const what = jvm?.mainClass ? ` (${jvm.mainClass})` : '';
      process.stderr.write(`classforge: attached to JVM ${pid}${what}\n`);
      if (loaded.warning !== undefined) process.stderr.write(`classforge: note: ${loaded.warning}\n`);
    } catch (error) {
      abandoned = true;
      if (interruption.aborted) return EXIT_BAD_INPUT;
      if (error instanceof AttachError) {
        process.stderr.write(`classforge: ${error.message.replace(/\s*\n\s*/g, ' ')}\n`);
        return EXIT_BAD_INPUT;
      }
      throw error;
    }
    try {
      return await host;
    } catch (error) {
      process.stderr.write(`classforge: ${(error as Error).message}\n`);
      return EXIT_CHECKS_FAILED;
    }
  } finally {
    abandoned = true;
    server.close();
    pipes?.release();
    removeSessionFiles();
  }
}

/**
 * Runs the transform host until it exits, and resolves with its exit status. Over a Unix socket the
 * host gets the socket itself (descriptor 3): no process in between, which made each class cost two
 * more wake-ups (about a fifth of an attached session's time per class loaded). Over named pipes,
 * which the host could only read blocking, this process relays between them and the host's
 * stdin/stdout (session-relay.ts). The first Ctrl-C (or SIGTERM) asks the host to restore the classes
 * and detach — as a signal to a host holding the socket (it polls it without blocking), as a
 * SESSION_STOP frame through the relay; a second one stops the host at once, leaving the classes as
 * they are.
 */
function startHost(connection: AgentConnection, agentJar: string, token: string, persist: boolean, pid: number, targetRoot: string | null, dump: string | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    const direct = connection.transport === 'socket';
    const args = [
      hostScriptPath(), '--agent-jar', agentJar, '--attached', ...(persist ? ['--persist'] : []), ...(targetRoot === null ? [] : ['--target-root', targetRoot]),
      ...(direct ? ['--connection-fd', '3'] : []),
    ];
    const child = spawn(process.execPath, args, {
      // The host's stdout carries the protocol only on pipes; over the socket it is its stderr's twin.
      stdio: direct ? ['ignore', 'inherit', 'inherit', connection.input as Socket] : ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, CLASSFORGE_ATTACH_TOKEN: token, ...(dump === undefined ? {} : { [DUMP_VARIABLE]: resolvePath(dump) }) },
    });
    let askToStop: () => void;
    if (direct) {
      // The host holds its own descriptor of the socket now.
      connection.close();
      askToStop = () => child.kill('SIGINT');
    } else {
      const relay = new FrameBoundaryRelay(child.stdin!);
      child.stdin!.on('error', () => undefined); // the host exited: its exit status says why
      const { input, output } = connection;
      input.on('data', (chunk: Buffer) => relay.push(chunk));
      input.on('end', () => child.stdin!.end());
      input.on('error', () => child.stdin!.end());
      output.on('error', () => undefined); // the agent went away: the host sees its input end
      child.stdout!.pipe(output);
      input.resume();
      askToStop = () => relay.inject(new FrameBuilder(FrameType.SESSION_STOP, 0).finish());
    }
    let signalsSeen = 0;
    const stop = (): void => {
      signalsSeen++;
      if (signalsSeen === 1) {
        process.stderr.write('classforge: restoring the original classes (Ctrl-C again to leave them transformed and quit)\n');
        askToStop();
      } else {
        child.kill('SIGKILL');
      }
    };
    for (const signal of SESSION_SIGNALS) process.on(signal, stop);
    const done = (): void => {
      for (const signal of SESSION_SIGNALS) process.off(signal, stop);
      connection.close();
    };
    child.on('error', (error) => {
      done();
      reject(error);
    });
    child.on('exit', (code, signal) => {
      done();
      if (code === 0) resolve(0);
      // It said why (the JVM refused every class the transforms changed).
      else if (code === HOST_EXIT_NOTHING_APPLIED) resolve(EXIT_CHECKS_FAILED);
      // It said what it was doing; whether the JVM is gone decides.
      else if (code === HOST_EXIT_CONNECTION_LOST) void processEnds(pid, 2000).then((ended) => {
        if (ended) {
          process.stderr.write(`classforge: JVM ${pid} exited; the session is over\n`);
          resolve(0);
        } else {
          process.stderr.write(`classforge: JVM ${pid} is still running: the agent went away (its stderr says why); classes it changed may stay changed\n`);
          resolve(EXIT_CHECKS_FAILED);
        }
      });
      else reject(new Error(`the transform host ended with ${code === null ? `signal ${signal}` : `exit status ${code}`}`));
    });
  });
}

/**
 * Whether process `pid` has ended (gone, or a zombie its parent has not reaped yet) within
 * `waitMs`: its connection closes as the JVM exits, a moment before the process is gone.
 */
async function processEnds(pid: number, waitMs: number): Promise<boolean> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    let state: string | undefined;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // proc(5): "pid (comm) state …"; comm may hold spaces and parentheses, so after the last ')'.
      state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    } catch {
      return true;
    }
    if (state === 'Z' || state === 'X') return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Adds the `attach` command to `program`. */
export function registerAttachCommand(program: Command): Command {
  return addAgentOptions(
    program
      .command('attach')
      .description('apply transform modules inside a running JVM (loaded and future classes) until Ctrl-C, which restores the originals')
      .argument('<pid>', 'the process id of the JVM (see classforge jvms)')
      .option('--persist', 'leave the loaded classes transformed and return once they are (future classes are not transformed)')
      .option('--remove-persisted', 'remove the transforms earlier --persist sessions left in the JVM and restore their classes (no -t)')
      .option('--dump <dir>', 'write each class the transforms change to <dir>/original/ and <dir>/transformed/, each they fail on to <dir>/failed/'),
  ).action(async (pid: string, options: AttachCommandOptions) => {
    process.exitCode = await runAttachCommand(pid, options);
  });
}
