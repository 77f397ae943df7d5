// # The HotSpot dynamic attach protocol, Linux: what `VirtualMachine.attach(pid).loadAgent(jar, args)` does
//
// Followed from the JDK's client (src/jdk.attach/linux/classes/sun/tools/attach/VirtualMachineImpl.java
// and share/classes/sun/tools/attach/HotSpotVirtualMachine.java) and the JVM's side
// (src/hotspot/os/linux/attachListener_linux.cpp, share/services/attachListener.cpp):
//
// 1. The JVM listens on the Unix socket `/tmp/.java_pid<pid>` of its own file system, `<pid>` being
//    the pid it sees itself as (the last `NSpid:` number of /proc/<pid>/status, which differs inside
//    a container). From here that is `/proc/<pid>/root/tmp/.java_pid<nspid>`.
// 2. The listener starts lazily. To start it, the client creates the trigger file
//    `.attach_pid<nspid>` in the JVM's working directory (/proc/<pid>/cwd; else in its /tmp) and sends
//    SIGQUIT. The JVM's signal handler sees the file (owned by the JVM's own user) and opens the socket
//    instead of printing a thread dump. The client polls for the socket, then removes the trigger.
//    SIGQUIT kills a process that does not catch it, so it is only sent to a process that is a JVM
//    and catches it (SigCgt, as VirtualMachineImpl.checkCatchesAndSendQuitTo does since JDK 24).
// 3. Request, protocol version 1: `1\0load\0instrument\0false\0<jar>=<args>\0`, i.e. the version,
//    the command and exactly three arguments (empty ones still sent), each NUL-terminated UTF-8,
//    each at most 1024 bytes (AttachOperation::arg_length_max; a longer request is dropped unanswered).
// 4. Reply: the completion status line (`0\n` when the JVM ran the command; `101\n` for a protocol
//    version it does not speak; JNI_ERR with a message when it refused, e.g. `Dynamic agent loading
//    is not enabled…`), then for `load`: JDK 9+ `return code: <Agent_OnAttach result>\n` or an error
//    message line, JDK 8 the bare result `<n>\n`. The JVM closes the connection after the reply.
//    For the `instrument` library the result is 0 or a JPLIS code (InvocationAdapter.c): 100 no jar
//    or no Agent-Class, 101 jar not addable to the class path, 102 agentmain threw (its stack trace
//    goes to the target's standard error, never to the socket).
//
// The HotSpot listener only accepts clients of its own effective uid and gid (or root); we refuse
// other users' processes up front (same uid only), with a clear message instead of a silent close.

import { existsSync, lstatSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { isAbsolute, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PerfDataValue } from './hsperfdata.js';
import {
  type ProcessStatus,
  describeJvm,
  isJavaExecutable,
  javaFeatureVersion,
  readExecutable,
  readJvmPerfData,
  readProcessCommandLine,
  readProcessStatus,
  splitLauncherArguments,
} from './jvm-list.js';

/** Why an attach failed. */
export type AttachErrorKind =
  /** The jar or the arguments cannot be sent (NUL, `=` in the jar path, too long, jar not visible to the target). */
  | 'bad-argument'
  /** No such process (or it exited meanwhile). */
  | 'no-such-process'
  /** The process belongs to another user. */
  | 'permission-denied'
  /** The process is not a Java virtual machine. */
  | 'not-a-jvm'
  /** The JVM runs with -XX:+DisableAttachMechanism. */
  | 'attach-disabled'
  /**
   * The process does not catch SIGQUIT (a JVM still starting): signalling it would kill it. (A JVM
   * started with -Xrs does not catch it either, but opens its socket at startup: no signal needed.)
   */
  | 'not-ready'
  /** No attach socket, or no reply, within the time allowed. */
  | 'timeout'
  /** The JVM refused to load the agent, or the agent failed (agentmain threw…). */
  | 'agent-load-failed'
  /** The JVM's answer is not the protocol's (connection closed early, unknown reply). */
  | 'protocol-error'
  /** LoadAgentOptions.signal aborted the attach (the trigger file removed, the request dropped). */
  | 'interrupted';

/** An attach that did not load the agent; `kind` says why, the message says what to do. */
export class AttachError extends Error {
  readonly kind: AttachErrorKind;
  readonly pid: number;
  /** The agent's return code (JPLIS codes, see above) when the JVM reported one. */
  readonly returnCode: number | null;

  constructor(kind: AttachErrorKind, pid: number, message: string, returnCode: number | null = null) {
    super(message);
    this.name = 'AttachError';
    this.kind = kind;
    this.pid = pid;
    this.returnCode = returnCode;
  }
}

export interface LoadAgentOptions {
  /** How long to wait for the JVM to open its attach socket (and to become ready). Default 10 s, the JDK's own. */
  timeoutMs?: number;
  /**
   * How long to wait for the reply, which the JVM sends once agentmain has returned. Default 120 s.
   * agentmain blocks the JVM's attach listener: an agent should return quickly and work in a thread.
   */
  replyTimeoutMs?: number;
  /**
   * Aborts the attach (a Ctrl-C): the waits end at once, the trigger file is removed, the request
   * connection dropped, and loadAgent throws AttachError 'interrupted'. An agent the JVM already
   * started loading goes on loading.
   */
  signal?: AbortSignal;
}

export interface AgentLoadResult {
  /** One line: what happened. */
  readonly message: string;
  /**
   * Set for a JDK 21+ target not started with -XX:+EnableDynamicAgentLoading: the JVM printed a
   * warning about a dynamically loaded agent on its own standard error (JEP 451).
   */
  readonly warning?: string;
  /** The target's `java.version`, when known. */
  readonly javaVersion: string | null;
}

/** The attach protocol version spoken here (VirtualMachineImpl.PROTOCOL_VERSION). */
const PROTOCOL_VERSION = '1';
/** AttachOperation::arg_length_max (attachListener.hpp) for protocol 1, in bytes. */
const MAX_ARGUMENT_BYTES = 1024;
/** ATTACH_ERROR_BADVERSION: the JVM does not speak our protocol version. */
const STATUS_BAD_VERSION = 101;
const SIGQUIT_BIT = 1n << 2n;
const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_REPLY_TIMEOUT_MS = 120_000;

/**
 * Loads the Java agent `agentJar` (its manifest's Agent-Class, whose `agentmain(String, Instrumentation)`
 * receives `agentArgs`) into the running JVM `pid`, as `VirtualMachine.loadAgent` does. The jar path is
 * resolved against our working directory and must be visible at the same path to the target (in its
 * container, if it runs in one).
 */
export async function loadAgent(pid: number, agentJar: string, agentArgs: string, options: LoadAgentOptions = {}): Promise<AgentLoadResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const replyTimeoutMs = options.replyTimeoutMs ?? DEFAULT_REPLY_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;

  const status = liveStatus(pid);
  checkSameUser(status);
  const target = inspectTarget(status);
  // Never SIGQUIT a process that is not a JVM: the signal's default action kills it.
  if (!target.isJvm) {
    throw new AttachError('not-a-jvm', pid, `process ${pid} (${status.name}) is not a Java process: it has no perf data, is not java and has no libjvm loaded`);
  }
  if (attachDisabled(target)) {
    throw new AttachError(
      'attach-disabled',
      pid,
      `JVM ${pid} was started with -XX:+DisableAttachMechanism: it accepts no attach requests; restart it without that flag (or use \`classforge run\`)`,
    );
  }
  const argument = agentArgument(pid, agentJar, agentArgs);
  const socketPath = attachSocketPath(status);

  let reply: string;
  if (!isSocket(socketPath)) {
    await startAttachListener(status, socketPath, deadline, timeoutMs, options.signal);
  }
  checkSocketOwner(pid, socketPath);
  try {
    reply = await sendRequest(pid, socketPath, ['load', 'instrument', 'false', argument], replyTimeoutMs, options.signal);
  } catch (error) {
    if (!(error instanceof StaleSocketError)) throw error;
    // A socket left by an earlier JVM of the same (namespace) pid: nobody listens. Start this JVM's
    // listener, which replaces the file (attachListener_linux.cpp unlinks before it binds).
    try {
      unlinkSync(socketPath);
    } catch {
      // Already gone.
    }
    await startAttachListener(status, socketPath, Math.max(deadline, Date.now() + timeoutMs), timeoutMs, options.signal);
    checkSocketOwner(pid, socketPath);
    reply = await sendRequest(pid, socketPath, ['load', 'instrument', 'false', argument], replyTimeoutMs, options.signal);
  }

  const outcome = interpretLoadReply(reply);
  if (!outcome.ok) throw new AttachError(outcome.kind, pid, `JVM ${pid}: ${outcome.message}`, outcome.returnCode);
  const warning = dynamicAgentWarning(target);
  return {
    message: `agent ${argument.slice(0, argument.indexOf('='))} loaded into JVM ${pid}`,
    ...(warning === null ? {} : { warning }),
    javaVersion: target.javaVersion,
  };
}

/** The feature version (8, 17, 21…) of the JVM `pid`, or null when unknown (or not a JVM). */
export function jvmFeatureVersion(pid: number): number | null {
  return javaFeatureVersion(describeJvm(pid)?.javaVersion ?? null);
}

// ## The target

/** What we know of the target before talking to it. */
interface TargetFacts {
  readonly pid: number;
  readonly perfData: Map<string, PerfDataValue> | null;
  readonly isJvm: boolean;
  readonly javaVersion: string | null;
  /** The JVM options, in the order HotSpot applies them (a later one wins). */
  readonly vmOptions: readonly string[];
}

function liveStatus(pid: number): ProcessStatus {
  if (!Number.isSafeInteger(pid) || pid < 1) throw new AttachError('bad-argument', pid, `invalid process id ${pid}`);
  const status = readProcessStatus(pid);
  if (status === null || status.state === 'Z') throw new AttachError('no-such-process', pid, `no such process: ${pid}`);
  return status;
}

function checkSameUser(status: ProcessStatus): void {
  const ownUid = process.geteuid?.() ?? -1;
  if (status.effectiveUid !== ownUid) {
    // HotSpot accepts root too (os::Posix::matches_effective_uid_or_root: `jcmd` as root works),
    // but the session's files (agent jar, socket, pipes) are private to us, out of the JVM's reach.
    const why = ownUid === 0
      ? "classforge attaches to its own user's JVMs only (the JVM would accept root, but could not read the session's private files)"
      : 'a JVM only accepts attach requests from its own user (or root)';
    throw new AttachError(
      'permission-denied',
      status.pid,
      `process ${status.pid} belongs to uid ${status.effectiveUid}, not to you (uid ${ownUid}): ${why}; run classforge as that user`,
    );
  }
  const ownGid = process.getegid?.() ?? -1;
  // HotSpot also compares the group (os::Posix::matches_effective_uid_and_gid_or_root) and closes
  // the connection silently when it differs, except for root clients.
  if (ownUid !== 0 && status.effectiveGid !== ownGid) {
    throw new AttachError(
      'permission-denied',
      status.pid,
      `JVM ${status.pid} runs with group id ${status.effectiveGid}, not yours (${ownGid}): HotSpot only accepts attach requests from its own uid and gid`,
    );
  }
}

function inspectTarget(status: ProcessStatus): TargetFacts {
  const pid = status.pid;
  const perfData = readJvmPerfData(pid);
  const executable = readExecutable(pid);
  // A JVM: it publishes perf data, or it is the java launcher, or it has libjvm mapped (a JVM
  // embedded in another program through JNI_CreateJavaVM).
  const isJvm = perfData !== null || isJavaExecutable(executable) || mapsLibjvm(pid);
  const jvm = isJvm ? describeJvm(pid) : null;
  return { pid, perfData, isJvm, javaVersion: jvm?.javaVersion ?? null, vmOptions: isJvm ? vmOptionsOf(pid, perfData) : [] };
}

function mapsLibjvm(pid: number): boolean {
  try {
    return /\/libjvm\.so( \(deleted\))?$/m.test(readFileSync(`/proc/${pid}/maps`, 'utf8'));
  } catch {
    return false;
  }
}

/**
 * The JVM options of `pid` in HotSpot's order (Arguments::parse_vm_init_args): JAVA_TOOL_OPTIONS,
 * then the launcher's options (perf data `java.rt.vmArgs`, which include JDK_JAVA_OPTIONS; else the
 * command line), then _JAVA_OPTIONS. Not seen: -XX:Flags= and -XX:VMOptionsFile= files.
 */
function vmOptionsOf(pid: number, perfData: Map<string, PerfDataValue> | null): string[] {
  const environment = readEnvironment(pid);
  const words = (text: string | undefined): string[] => (text ?? '').split(/\s+/).filter((word) => word !== '');
  const vmArgs = perfData?.get('java.rt.vmArgs');
  let launcherOptions: string[];
  if (typeof vmArgs === 'string') {
    launcherOptions = words(vmArgs);
  } else {
    const commandLine = readProcessCommandLine(pid) ?? [];
    launcherOptions = [...words(environment.get('JDK_JAVA_OPTIONS')), ...splitLauncherArguments(commandLine.slice(1)).options];
  }
  return [...words(environment.get('JAVA_TOOL_OPTIONS')), ...launcherOptions, ...words(environment.get('_JAVA_OPTIONS'))];
}

function readEnvironment(pid: number): Map<string, string> {
  const environment = new Map<string, string>();
  try {
    for (const entry of readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0')) {
      const equals = entry.indexOf('=');
      if (equals > 0) environment.set(entry.slice(0, equals), entry.slice(equals + 1));
    }
  } catch {
    // Unreadable: no environment options known.
  }
  return environment;
}

/** The last setting of the boolean flag `-XX:±name` (or `-XX:name=true|false`) among `options`, or null. */
function booleanFlag(options: readonly string[], name: string): boolean | null {
  let setting: boolean | null = null;
  for (const option of options) {
    if (option === `-XX:+${name}` || option === `-XX:${name}=true`) setting = true;
    else if (option === `-XX:-${name}` || option === `-XX:${name}=false`) setting = false;
  }
  return setting;
}

/**
 * Whether the target refuses attach requests. Perf data says so exactly: `sun.rt.jvmCapabilities`
 * starts with '1' when AttachListener::is_attach_supported(), i.e. !DisableAttachMechanism
 * (statSampler.cpp); without perf data, the flag on its command line.
 */
function attachDisabled(target: TargetFacts): boolean {
  const capabilities = target.perfData?.get('sun.rt.jvmCapabilities');
  if (typeof capabilities === 'string' && capabilities.length > 0) return capabilities.charAt(0) === '0';
  return booleanFlag(target.vmOptions, 'DisableAttachMechanism') === true;
}

/** JEP 451: a JDK 21+ JVM warns about a dynamically loaded agent unless -XX:+EnableDynamicAgentLoading was given. */
function dynamicAgentWarning(target: TargetFacts): string | null {
  const feature = javaFeatureVersion(target.javaVersion);
  if (feature === null || feature < 21) return null;
  if (booleanFlag(target.vmOptions, 'EnableDynamicAgentLoading') === true) return null;
  return (
    `JVM ${target.pid} (Java ${target.javaVersion}) printed a warning about a dynamically loaded agent on its standard error; ` +
    'start it with -XX:+EnableDynamicAgentLoading to allow agents without the warning (JEP 451)'
  );
}

// ## The request

/** `<absolute jar>=<args>`, checked against what the JVM and the instrument agent can take. */
function agentArgument(pid: number, agentJar: string, agentArgs: string): string {
  if (agentJar === '' || agentJar.includes('\0')) throw new AttachError('bad-argument', pid, `invalid agent jar path ${JSON.stringify(agentJar)}`);
  if (agentArgs.includes('\0')) throw new AttachError('bad-argument', pid, 'the agent arguments contain a NUL character');
  const jar = isAbsolute(agentJar) ? agentJar : resolve(agentJar);
  // The instrument agent splits its option at the first '=' (InvocationAdapter.c, Agent_OnAttach).
  if (jar.includes('=')) throw new AttachError('bad-argument', pid, `the agent jar path ${jar} contains '=', which the JVM cannot tell from the arguments`);
  // The JVM opens the jar in its own file system: /proc/<pid>/root is that file system from here.
  const seenByTarget = `/proc/${pid}/root${jar}`;
  if (!existsSync(seenByTarget) && existsSync(`/proc/${pid}/root`)) {
    const why = existsSync(jar)
      ? `the JVM runs in another file system (a container) where ${jar} does not exist; copy the jar into it (under /proc/${pid}/root/) and pass the path it has there`
      : 'no such file';
    throw new AttachError('bad-argument', pid, `agent jar ${jar}: ${why}`);
  }
  const argument = `${jar}=${agentArgs}`;
  const size = Buffer.byteLength(argument, 'utf8');
  if (size > MAX_ARGUMENT_BYTES) {
    throw new AttachError(
      'bad-argument',
      pid,
      `the agent jar path and arguments take ${size} bytes, more than the ${MAX_ARGUMENT_BYTES} the attach protocol allows; pass a shorter path or put the arguments in a file`,
    );
  }
  return argument;
}

/** `/proc/<pid>/root/tmp/.java_pid<nspid>`: the JVM's socket, reached through its root. */
export function attachSocketPath(status: ProcessStatus): string {
  return `/proc/${status.pid}/root/tmp/.java_pid${status.namespacePid}`;
}

function isSocket(path: string): boolean {
  try {
    return lstatSync(path).isSocket();
  } catch {
    return false;
  }
}

/**
 * The socket must be the JVM's: owned by us and closed to others (VirtualMachineImpl.c,
 * checkPermissions). Anyone can create files in /tmp; we do not send agent paths to an impostor.
 */
function checkSocketOwner(pid: number, socketPath: string): void {
  let stats;
  try {
    stats = lstatSync(socketPath);
  } catch {
    throw new AttachError('no-such-process', pid, `JVM ${pid}: its attach socket ${socketPath} disappeared (did the JVM exit?)`);
  }
  const ownUid = process.geteuid?.() ?? -1;
  if (stats.uid !== ownUid) {
    throw new AttachError('permission-denied', pid, `${socketPath} is owned by uid ${stats.uid}, not by you (uid ${ownUid}): not talking to it`);
  }
  if ((stats.mode & 0o066) !== 0) {
    throw new AttachError('permission-denied', pid, `${socketPath} is readable or writable by other users: not talking to it`);
  }
}

// ## Starting the attach listener

/** Makes the JVM (already known to be one, with attach enabled) open its socket: trigger file and SIGQUIT. */
async function startAttachListener(status: ProcessStatus, socketPath: string, deadline: number, timeoutMs: number, abort?: AbortSignal): Promise<void> {
  const pid = status.pid;
  const trigger = createTriggerFile(status);
  let signalled = false;
  let signalledAgain = false;
  const halfway = Date.now() + (deadline - Date.now()) / 2;
  try {
    for (let attempt = 0; ; attempt++) {
      if (abort?.aborted === true) throw interrupted(pid);
      if (isSocket(socketPath)) return;
      const now = readProcessStatus(pid);
      if (now === null || now.state === 'Z') throw new AttachError('no-such-process', pid, `JVM ${pid} exited while we were attaching to it`);
      if (Date.now() >= deadline) break;
      // Signal once, and once more halfway through in case the first came too early (the JDK does the same).
      const catchesSigquit = (now.caughtSignals & SIGQUIT_BIT) !== 0n && (now.ignoredSignals & SIGQUIT_BIT) === 0n;
      if (catchesSigquit && (!signalled || (!signalledAgain && Date.now() >= halfway))) {
        if (signalled) signalledAgain = true;
        signalled = true;
        try {
          process.kill(pid, 'SIGQUIT');
        } catch {
          // Exited: reported on the next turn.
        }
      }
      // An abort ends the wait at once; the next turn throws (and the trigger file goes).
      await sleep(Math.min(25 * (attempt + 1), 200, Math.max(1, deadline - Date.now())), undefined, { signal: abort }).catch(() => undefined);
    }
  } finally {
    if (trigger !== null) {
      try {
        unlinkSync(trigger);
      } catch {
        // Already removed.
      }
    }
  }
  if (!signalled) {
    throw new AttachError(
      'not-ready',
      pid,
      `process ${pid} (${status.name}) does not handle SIGQUIT (a JVM that is still starting?): ` +
        'signalling it would kill it, so its attach listener cannot be started; try again when it is up',
    );
  }
  throw new AttachError(
    'timeout',
    pid,
    `JVM ${pid} did not open its attach socket ${socketPath} within ${timeoutMs} ms of SIGQUIT: ` +
      'it may run with -XX:+DisableAttachMechanism (restart it without that flag), or be too busy to answer (try a longer timeout)',
  );
}

/**
 * Creates `.attach_pid<nspid>` where the JVM's signal handler looks for it (attachListener_linux.cpp,
 * is_init_trigger): its working directory, else its /tmp. Returns the file we created, or null when
 * one is already there (another attach in progress: it serves us too, and its owner removes it).
 * Without a trigger file SIGQUIT only prints a thread dump, so when none can be made we stop here.
 */
function createTriggerFile(status: ProcessStatus): string | null {
  const name = `.attach_pid${status.namespacePid}`;
  const problems: string[] = [];
  for (const directory of [`/proc/${status.pid}/cwd`, `/proc/${status.pid}/root/tmp`]) {
    const path = `${directory}/${name}`;
    try {
      writeFileSync(path, '', { flag: 'wx', mode: 0o600 });
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        problems.push(`${path}: ${(error as Error).message}`);
        continue;
      }
      // The JVM stat()s the file (following a link) and starts its listener only when the owner
      // is its own user or root (is_init_trigger, matches_effective_uid_or_root); a file it finds
      // in its working directory ends the search. Another user's file (anyone can create one in a
      // shared directory such as /tmp) therefore blocks every attach: say so instead of waiting.
      let owner: number;
      try {
        owner = statSync(path).uid;
      } catch {
        continue; // A dangling link: the JVM looks in its next directory, and so do we.
      }
      if (owner !== status.effectiveUid && owner !== 0) {
        throw new AttachError(
          'permission-denied',
          status.pid,
          `the attach trigger file ${path} belongs to uid ${owner}, not to the JVM's user (uid ${status.effectiveUid}) or root: ` +
            `JVM ${status.pid} ignores it and cannot be attached to while it is there (another user put it in the JVM's directory); remove it, as root or its owner`,
        );
      }
      return null;
    }
  }
  throw new AttachError(
    'permission-denied',
    status.pid,
    `cannot create the attach trigger file ${name} in the working directory or /tmp of JVM ${status.pid} (${problems.join('; ')})`,
  );
}

// ## Talking to the listener

/** Nobody listens on the socket file (left by an earlier JVM with the same pid). */
class StaleSocketError extends Error {}

function interrupted(pid: number): AttachError {
  return new AttachError('interrupted', pid, `attaching to JVM ${pid} was interrupted`);
}

/** Sends one request and returns the whole reply (the JVM closes the connection after it). */
function sendRequest(pid: number, socketPath: string, commandAndArguments: readonly string[], replyTimeoutMs: number, abort?: AbortSignal): Promise<string> {
  const request = Buffer.concat([PROTOCOL_VERSION, ...commandAndArguments].map((part) => Buffer.from(part + '\0', 'utf8')));
  return new Promise<string>((resolvePromise, rejectPromise) => {
    const chunks: Buffer[] = [];
    let settled = false;
    const socket = createConnection({ path: socketPath });
    const onAbort = (): void => finish(interrupted(pid));
    const finish = (error: Error | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      abort?.removeEventListener('abort', onAbort);
      socket.destroy();
      if (error === null) resolvePromise(Buffer.concat(chunks).toString('utf8'));
      else rejectPromise(error);
    };
    const timer = setTimeout(() => {
      finish(
        new AttachError(
          'timeout',
          pid,
          `JVM ${pid} did not answer within ${replyTimeoutMs} ms (its agentmain may still be running; it blocks the attach listener until it returns)`,
        ),
      );
    }, replyTimeoutMs);
    if (abort?.aborted === true) onAbort();
    else abort?.addEventListener('abort', onAbort, { once: true });
    socket.on('connect', () => socket.write(request));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => finish(null));
    socket.on('close', () => finish(null));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED' && chunks.length === 0) {
        finish(readProcessStatus(pid) === null ? new AttachError('no-such-process', pid, `JVM ${pid} exited`) : new StaleSocketError());
      } else if (error.code === 'ECONNRESET' || error.code === 'EPIPE') {
        // The JVM dropped the request (malformed, too long, wrong uid/gid): what came so far is the reply.
        finish(null);
      } else {
        finish(new AttachError('protocol-error', pid, `JVM ${pid}: cannot talk to ${socketPath}: ${error.message}`));
      }
    });
  });
}

/** What a `load` reply means. */
export type LoadReplyOutcome =
  | { readonly ok: true; readonly returnCode: number }
  | { readonly ok: false; readonly kind: 'agent-load-failed' | 'protocol-error'; readonly message: string; readonly returnCode: number | null };

/**
 * Interprets the reply of a `load` request (HotSpotVirtualMachine.loadAgentLibrary/loadAgent and
 * processCompletionStatus): the status line, then the agent's return code or an error message.
 */
export function interpretLoadReply(reply: string): LoadReplyOutcome {
  const newline = reply.indexOf('\n');
  const statusText = (newline === -1 ? reply : reply.slice(0, newline)).trim();
  const rest = newline === -1 ? '' : reply.slice(newline + 1);
  // readMessage joins the remaining lines with spaces.
  const message = rest.split('\n').map((line) => line.trim()).filter((line) => line !== '').join(' ');
  if (statusText === '') {
    return { ok: false, kind: 'protocol-error', message: 'the JVM closed the connection without answering (request rejected)', returnCode: null };
  }
  if (!/^-?\d+$/.test(statusText)) {
    return { ok: false, kind: 'protocol-error', message: `unexpected reply ${JSON.stringify(reply.slice(0, 200))}`, returnCode: null };
  }
  const status = Number(statusText);
  if (status === STATUS_BAD_VERSION) {
    return { ok: false, kind: 'protocol-error', message: `the JVM does not speak attach protocol version ${PROTOCOL_VERSION}`, returnCode: null };
  }
  if (status !== 0) {
    return { ok: false, kind: 'agent-load-failed', message: `the JVM refused to load the agent: ${message === '' ? `status ${status}` : message}`, returnCode: null };
  }
  // JDK 9+: "return code: <n>"; JDK 8: "<n>".
  const code = /^(?:return code: )?(-?\d+)$/.exec(message);
  if (code === null) {
    return message === ''
      ? { ok: false, kind: 'protocol-error', message: 'the JVM accepted the request but did not report the agent\'s result', returnCode: null }
      : { ok: false, kind: 'agent-load-failed', message: `failed to load the agent: ${message}`, returnCode: null };
  }
  const returnCode = Number(code[1]);
  if (returnCode === 0) return { ok: true, returnCode };
  return { ok: false, kind: 'agent-load-failed', message: describeAgentReturnCode(returnCode), returnCode };
}

/** The JPLIS agent's return codes (InvocationAdapter.c; HotSpotVirtualMachine.loadAgent's messages). */
function describeAgentReturnCode(code: number): string {
  switch (code) {
    case -4:
      return 'the agent could not be loaded: insufficient memory (return code -4)';
    case 100:
      return 'the agent jar could not be opened or its manifest has no Agent-Class attribute (return code 100)';
    case 101:
      return 'the agent jar could not be added to the system class path (return code 101)';
    case 102:
      return "the agent's agentmain threw an exception (return code 102; the JVM printed the exception on its standard error)";
    default:
      return `the agent failed to load (Agent_OnAttach returned ${code})`;
  }
}
