// # The transform host process: `node host-main.js --agent-jar <jar> [--attached [--persist] [--target-root <dir>] [--connection-fd <n>]]`
//
// Started by the shim at JVM start (its stdin/stdout are pipes to the JVM), or by `classforge
// attach`: given the shim's Unix socket itself (--connection-fd), which is non-blocking, so the
// idle host awaits between reads and a signal (Ctrl-C, forwarded by the attach command) ends the
// session; or, for a JVM on named pipes, pipes to the attach command, which relays them and sends
// SESSION_STOP on Ctrl-C (see session-relay.ts). Its stderr is the
// JVM's (premain) or the attach command's: ctx.log lines and warnings go there. Nothing else may
// write to stdout, which carries the protocol: console.log and process.stdout are sent to stderr
// before any transform is loaded.
//
// Exit status: 0 when the shim closed the conversation, 1 when the host could not start (it sends
// FATAL first, so the JVM logs why and runs on without transforms); attached, HOST_EXIT_NOTHING_APPLIED
// and HOST_EXIT_CONNECTION_LOST (see agent-protocol.ts).

import { appendFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ZipArchive } from '../classpath/zip-archive.js';
import { importTransformCode } from '../transform/load-transform.js';
import { narrowTransform } from '../transform/define-transform.js';
import { setClassforgeV8Flags } from '../transform/v8-flags.js';
import type { ActiveTransform } from '../transform/apply-transforms.js';
import { type Frame, FrameBuilder, FrameType, HOST_EXIT_CONNECTION_LOST, HOST_EXIT_NOTHING_APPLIED, readRetransformed } from './agent-protocol.js';
import { AGENT_CONFIG_ENTRY, parseAgentConfig } from './agent-config.js';
import { ChannelClosedError, HostChannel } from './host-channel.js';
import { plural, refusalLines } from './retransform-report.js';
import { DUMP_VARIABLE } from './class-dump.js';
import { TransformHost } from './transform-host.js';
import { PollBackoff, sleepSync } from './poll-backoff.js';

// Before anything can print: stdout belongs to the protocol.
Object.defineProperty(process, 'stdout', { configurable: true, enumerable: true, get: () => process.stderr });

interface HostArguments {
  agentJar: string;
  attached: boolean;
  persist: boolean;
  /**
   * `--target-root /proc/<pid>/root` (attach, a JVM in a container): the JVM's file system as seen
   * from here. Its java.home names a directory of that file system, not of ours.
   */
  targetRoot: string;
  /**
   * `--connection-fd <n>` (attach over a Unix socket): the shim's socket itself, handed over by the
   * attach command as descriptor n; -1: the conversation is on stdin and stdout.
   */
  connectionFd: number;
}

function parseArguments(argv: readonly string[]): HostArguments {
  const args: HostArguments = { agentJar: '', attached: false, persist: false, targetRoot: '', connectionFd: -1 };
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    if (argument === '--agent-jar') args.agentJar = argv[++i] ?? '';
    else if (argument === '--attached') args.attached = true;
    else if (argument === '--persist') args.persist = true;
    else if (argument === '--target-root') args.targetRoot = argv[++i] ?? '';
    else if (argument === '--connection-fd') args.connectionFd = Number(argv[++i] ?? -1);
  }
  return args;
}

function say(line: string): void {
  process.stderr.write(line + '\n');
}

async function loadTransforms(agentJar: string): Promise<{ transforms: ActiveTransform[]; verbose: boolean }> {
  const archive = ZipArchive.open(agentJar);
  try {
    const configBytes = archive.read(AGENT_CONFIG_ENTRY);
    if (configBytes === undefined) throw new Error(`${agentJar} has no ${AGENT_CONFIG_ENTRY}: not an agent jar built by classforge agent`);
    const config = parseAgentConfig(Buffer.from(configBytes).toString('utf8'));
    const transforms: ActiveTransform[] = [];
    for (const transform of config.transforms) {
      const code = archive.read(transform.module);
      if (code === undefined) throw new Error(`${agentJar} has no ${transform.module} (transform '${transform.name}')`);
      const definition = narrowTransform(await importTransformCode(Buffer.from(code).toString('utf8'), transform.path), transform.selection);
      transforms.push({ definition, options: transform.options });
    }
    return { transforms, verbose: config.verbose === true };
  } finally {
    archive.close();
  }
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits before the next poll of a non-blocking descriptor: a short wait blocks the thread (the next
 * frame is likely to follow at once), a longer one awaits a timer, so that a signal meanwhile is handled.
 */
async function waitBeforePolling(backoff: PollBackoff): Promise<void> {
  const ms = backoff.next();
  if (!PollBackoff.isShort(ms)) {
    await pause(ms);
    return;
  }
  sleepSync(ms);
  // Through the event loop now and then (about every millisecond) even in a stream of frames that keeps the waits short.
  if (backoff.misses % 16 === 0) await new Promise((resolve) => setImmediate(resolve));
}

/** The attach command that started this host is gone (killed): nobody can end the session any more. */
class AttachCommandGone extends ChannelClosedError {}

async function main(): Promise<number> {
  const args = parseArguments(process.argv.slice(2));
  // attach over a socket: the socket itself (non-blocking, both ways); else stdin and stdout.
  const channel = args.connectionFd >= 0 ? new HostChannel(args.connectionFd, args.connectionFd) : new HostChannel(0, 1);
  // Holding the socket, the host would outlive an attach command killed by SIGKILL (the session would go
  // on with nobody to end it), where a relayed host sees its input end: it goes once it is an orphan.
  const attachCommand = process.ppid;
  const attachGone = (): boolean => args.connectionFd >= 0 && process.ppid !== attachCommand;
  let stopRequested = false;
  if (args.attached) {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => (stopRequested = true));
  } else {
    // At JVM start the host lives as long as the JVM: a Ctrl-C reaches the whole process group,
    // and the JVM's shutdown still loads classes. The JVM closing the pipe ends the host.
    process.on('SIGINT', () => undefined);
  }

  const hello = channel.awaitReply(FrameType.HELLO, 0, 60_000);
  const reportedJavaHome = hello.payload.utf();
  const javaHome = reportedJavaHome !== '' && args.targetRoot !== '' ? args.targetRoot + reportedJavaHome : reportedJavaHome;
  hello.payload.utf(); // java.specification.version
  hello.payload.u1(); // attached
  const token = hello.payload.utf();
  let transforms: ActiveTransform[];
  let verbose = false;
  try {
    if (args.agentJar === '') throw new Error('no --agent-jar given');
    // attach: the session's secret (handed over in the environment, not on the command line, which
    // other users can read) proves the connection is the agent this session loaded.
    if (args.attached && token !== (process.env.CLASSFORGE_ATTACH_TOKEN ?? '')) throw new Error('the agent did not present this session\'s token');
    ({ transforms, verbose } = await loadTransforms(args.agentJar));
  } catch (error) {
    channel.send(new FrameBuilder(FrameType.FATAL, 0).utf(`the transform host cannot start: ${(error as Error).message ?? String(error)}`).finish());
    return 1;
  }
  const names = transforms.map((transform) => transform.definition.name).join(', ');
  // classforge run: tell it the host started, and later that the JVM sent it a class (see run.ts).
  const runNotes = args.attached ? '' : (process.env.CLASSFORGE_RUN_MARKER ?? '');
  const noteForRun = (what: string): void => {
    if (runNotes === '') return;
    try {
      appendFileSync(`${runNotes}.host`, what + '\n');
    } catch {
      // Only a warning of `classforge run` depends on it.
    }
  };
  noteForRun('ready');
  let selectedNoted = false;
  channel.send(new FrameBuilder(FrameType.READY, 0).utf(`transforms: ${names}`).finish());
  // attach: a transform's failure is said here too (the shim says it on the JVM's stderr).
  const dumpDirectory = process.env[DUMP_VARIABLE];
  const host = new TransformHost(channel, transforms, {
    javaHome,
    reportFailures: args.attached,
    logStacks: verbose,
    ...(dumpDirectory === undefined || dumpDirectory === '' ? {} : { dumpDirectory: resolve(dumpDirectory) }),
  });
  const handle = (frame: Frame): boolean => {
    if (frame.type === FrameType.TRANSFORM && !selectedNoted) {
      // Before the class is answered: the JVM cannot have exited before the note is written.
      selectedNoted = true;
      noteForRun('selected');
    }
    if (frame.type !== FrameType.SESSION_STOP) return host.handle(frame);
    stopRequested = true;
    return true;
  };

  /**
   * attach: sends a request of ours and serves transform requests until its reply comes, awaiting
   * between polls (the socket is non-blocking) so that a Ctrl-C meanwhile is noticed.
   */
  const request = async (type: number, replyType: number, fill: (frame: FrameBuilder) => void): Promise<Frame> => {
    const id = host.nextRequestId();
    const frame = new FrameBuilder(type, id);
    fill(frame);
    channel.send(frame.finish());
    const backoff = new PollBackoff(20);
    for (;;) {
      const next = channel.poll();
      if (next !== null) {
        backoff.reset();
        if (next.type === replyType && next.id === id) return next;
        if (!handle(next)) say(`[classforge] warning: unexpected frame type ${next.type} from the agent, ignored`);
        continue;
      }
      if (channel.isClosed) throw new ChannelClosedError('the JVM closed the connection');
      if (attachGone()) throw new AttachCommandGone();
      await waitBeforePolling(backoff);
    }
  };

  if (!args.attached) return serve();
  // attach: the JVM may exit (or the agent go away) at any point of the session; say at which.
  let phase = 'retransforming the loaded classes';
  try {
    const outcome = readRetransformed((await request(FrameType.RETRANSFORM, FrameType.RETRANSFORMED, () => undefined)).payload);
    for (const line of refusalLines(outcome)) say(line);
    // From a shim that does not count them, the classes the host changed (refused ones included).
    const changed = outcome.changed ?? host.statistics.changed;
    // Classes the shim gave up waiting for: the JVM's standard error names the first ones.
    const unanswered = outcome.unanswered ?? 0;
    const unansweredNote = unanswered > 0 ? `, ${unanswered} left unchanged: the transform host did not answer within the timeout` : '';
    say(`classforge: ${plural(outcome.retransformed, 'loaded class')} retransformed (${changed} changed${outcome.failed > 0 ? `, ${outcome.failed} could not be retransformed` : ''}${unansweredNote})`);
    if (args.persist) {
      phase = 'detaching';
      await request(FrameType.DETACH, FrameType.DETACHED, (frame) => frame.u1(0));
      if (outcome.failed > 0 && changed === 0) {
        say('classforge: nothing was applied: the JVM refused every class the transforms changed; detached');
        return HOST_EXIT_NOTHING_APPLIED;
      }
      if (unanswered > 0 && changed === 0) {
        say('classforge: nothing was applied: the transform host did not answer in time (a slow transform? see --timeout); detached');
        return HOST_EXIT_NOTHING_APPLIED;
      }
      say('classforge: the loaded classes stay transformed (--persist, also under later sessions); detached');
      return 0;
    }
    if (!stopRequested) say('classforge: transforming newly loaded classes; press Ctrl-C to restore the original classes and detach');
    phase = 'transforming newly loaded classes';
    await serve();
    phase = 'restoring the original classes';
    const restored = readRetransformed((await request(FrameType.DETACH, FrameType.DETACHED, (detach) => detach.u1(1))).payload);
    for (const line of refusalLines(restored)) say(line);
    say(`classforge: ${plural(restored.retransformed, 'class', 'classes')} restored${restored.failed > 0 ? ` (${restored.failed} could not be)` : ''}; detached`);
    return 0;
  } catch (error) {
    if (!(error instanceof ChannelClosedError)) throw error;
    // The attach command adds whether the JVM exited (HOST_EXIT_CONNECTION_LOST).
    if (error instanceof AttachCommandGone) say(`classforge: the attach command went away while ${phase}; the session ends, the classes stay as they are`);
    else say(`classforge: the connection to the JVM ended while ${phase}`);
    return HOST_EXIT_CONNECTION_LOST;
  }

  /**
   * Transforms the classes the shim sends until the shim closes the connection (at JVM start: the
   * JVM exits; resolves 0) or, attached, until a stop is requested (resolves 0; the shim closing
   * the connection first throws ChannelClosedError).
   */
  async function serve(): Promise<number> {
    const backoff = new PollBackoff(20);
    for (;;) {
      if (stopRequested) return 0;
      const frame = channel.poll();
      if (frame !== null) {
        backoff.reset();
        if (!handle(frame)) say(`[classforge] warning: unexpected frame type ${frame.type} from the agent, ignored`);
        continue;
      }
      if (channel.isClosed) {
        if (args.attached) throw new ChannelClosedError('the JVM closed the connection');
        return 0;
      }
      // Only a non-blocking descriptor gets here (poll() blocks on pipes).
      if (attachGone()) throw new AttachCommandGone();
      await waitBeforePolling(backoff);
    }
  }
}

setClassforgeV8Flags();
main().then(
  (status) => process.exit(status),
  (error: unknown) => {
    say(`[classforge] transform host failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
