// Test support for the JVM listing and attach tests: real JVMs to find and attach to, tiny agent
// jars, and processes that are not JVMs. Everything started here is stopped by stopAll().
//
// The target program prints "ready" once main runs (so the JVM's signal handlers are installed and
// SIGQUIT is safe) and exits when its standard input closes, which is how stopAll() ends it: a JVM
// that exits normally deletes its perf data file and attach socket; SIGKILL is the fallback.

import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { compileJava } from '../../src/testing/index.js';
import { defaultJavaHome } from '../../src/testing/java-tools.js';

/** The JDK 25 that some machines have (DESIGN.md: use it when present, never require it). */
export const JDK25_HOME = '/usr/lib/jvm/temurin-25-jdk-amd64';
export const HAS_JDK25 = existsSync(join(JDK25_HOME, 'bin', 'java'));

const TARGET_SOURCE = `package demo;
public class Waiting {
  public static void main(String[] args) throws Exception {
    System.out.println("ready");
    System.out.flush();
    while (System.in.read() >= 0) { }
  }
}
`;

/** Writes its arguments (`<file>|<text>`) to the file: the test sees that agentmain ran, with which arguments. */
const RECORDING_AGENT_SOURCE = `package demo;
public class RecordingAgent {
  public static void agentmain(String args, java.lang.instrument.Instrumentation inst) throws Exception {
    int bar = args.indexOf('|');
    java.nio.file.Files.write(java.nio.file.Paths.get(args.substring(0, bar)), args.substring(bar + 1).getBytes("UTF-8"));
  }
}
`;

const THROWING_AGENT_SOURCE = `package demo;
public class ThrowingAgent {
  public static void agentmain(String args, java.lang.instrument.Instrumentation inst) {
    throw new IllegalStateException("ThrowingAgent refuses: " + args);
  }
}
`;

export interface Fixtures {
  /** Class path of demo.Waiting (release 8: runs on every JDK). */
  readonly classpath: string;
  readonly recordingAgentJar: string;
  readonly throwingAgentJar: string;
  /** A scratch directory (the JVMs' working directory), removed by stopAll(). */
  readonly scratch: string;
}

const started: ChildProcess[] = [];
const scratchDirectories: string[] = [];
// If a test run ends without stopAll() (a crash, a killed worker), take the processes along.
process.once('exit', () => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** Compiles the target program and builds the two agent jars. */
export async function buildFixtures(): Promise<Fixtures> {
  const compiled = await compileJava(
    { 'demo/Waiting.java': TARGET_SOURCE, 'demo/RecordingAgent.java': RECORDING_AGENT_SOURCE, 'demo/ThrowingAgent.java': THROWING_AGENT_SOURCE },
    { release: 8, javacOptions: ['-Xlint:-options'] },
  );
  const scratch = mkdtempSync(join(tmpdir(), 'classforge-attach-test-'));
  scratchDirectories.push(scratch);
  const agentJar = async (agentClass: string): Promise<string> => {
    const zip = new JSZip();
    zip.file('META-INF/MANIFEST.MF', `Manifest-Version: 1.0\r\nAgent-Class: demo.${agentClass}\r\n\r\n`);
    zip.file(`demo/${agentClass}.class`, compiled.classes.get(`demo/${agentClass}`)!);
    const path = join(scratch, `${agentClass}.jar`);
    writeFileSync(path, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    return path;
  };
  return {
    classpath: compiled.dir,
    recordingAgentJar: await agentJar('RecordingAgent'),
    throwingAgentJar: await agentJar('ThrowingAgent'),
    scratch,
  };
}

export interface StartedJvm {
  readonly pid: number;
  readonly child: ChildProcess;
  /** What the JVM printed so far. */
  stdout(): string;
  stderr(): string;
}

/** Starts `java [jvmOptions] demo.Waiting [args]` and resolves once it printed "ready". */
export async function startJvm(
  fixtures: Fixtures,
  options: {
    javaHome?: string;
    jvmOptions?: readonly string[];
    args?: readonly string[];
    /** The class path as the JVM sees it (default: the fixtures'). */
    classpath?: string;
    /** Runs the java command line through another program (`unshare …`): the pid is then that program's. */
    wrap?: (javaCommand: string[]) => string[];
  } = {},
): Promise<StartedJvm> {
  const java = join(options.javaHome ?? defaultJavaHome()!, 'bin', 'java');
  const javaCommand = [java, ...(options.jvmOptions ?? []), '-cp', options.classpath ?? fixtures.classpath, 'demo.Waiting', ...(options.args ?? [])];
  const [file, ...args] = options.wrap === undefined ? javaCommand : options.wrap(javaCommand);
  const child = spawn(file!, args, { cwd: fixtures.scratch, stdio: ['pipe', 'pipe', 'pipe'] });
  started.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the JVM did not start within 15 s: ${err}`)), 15_000);
    const check = (): void => {
      if (out.includes('ready')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the JVM exited with ${code} before it was ready: ${err}`));
    });
  });
  return { pid: child.pid!, child, stdout: () => out, stderr: () => err };
}

/** Starts a process that is not a JVM (`sleep 30`, or any program under another name). */
export function startProcess(command: string, args: readonly string[], options: { uid?: number; gid?: number } = {}): ChildProcess {
  const child = spawn(command, args, { stdio: 'ignore', ...options });
  started.push(child);
  return child;
}

/**
 * Waits (up to 20 s) until `/proc/<pid>/<link>` (exe, root, …) reads `expected`: a spawned child has
 * not necessarily exec'd (or chroot'ed) yet when spawn returns, the less so on a loaded machine, and
 * until then it is a copy of node, which attach judges differently.
 */
export async function waitForProcLink(pid: number, link: string, expected: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    let value: string | null = null;
    try {
      value = readlinkSync(`/proc/${pid}/${link}`);
    } catch {
      // Not readable yet, or gone: the caller's checks say which.
    }
    if (value === expected) return;
    if (Date.now() > deadline) throw new Error(`process ${pid}: /proc/${pid}/${link} is ${value ?? 'unreadable'}, not ${expected}, after 20 s`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A copy of `sleep` named `java`: looks like the launcher, but catches no signal (like a JVM still starting). */
export function fakeJavaExecutable(fixtures: Fixtures): string {
  const directory = join(fixtures.scratch, 'fake-jdk', 'bin');
  const path = join(directory, 'java');
  if (!existsSync(path)) {
    mkdirSync(directory, { recursive: true });
    const sleep = ['/bin/sleep', '/usr/bin/sleep'].find((candidate) => existsSync(candidate));
    if (sleep === undefined) throw new Error('no sleep executable');
    copyFileSync(sleep, path);
  }
  return path;
}

/** Whether `pid` is running (a zombie is not). */
export function isAlive(pid: number): boolean {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

/** Waits until `child` has exited. */
export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Stops every process started here (JVMs by closing their input, then SIGKILL) and removes the scratch directories. */
export async function stopAll(): Promise<void> {
  await Promise.all(
    started.splice(0).map(async (child) => {
      const gone = exited(child);
      // A JVM ends when its input closes (and cleans up its files); anything else, or a stuck JVM, is killed.
      child.stdin?.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), child.stdin === null ? 0 : 3_000);
      await gone;
      clearTimeout(timer);
    }),
  );
  for (const directory of scratchDirectories.splice(0)) rmSync(directory, { recursive: true, force: true });
}

/**
 * A fresh directory where a "container" test (unshare with a tmpfs over /tmp) bind-mounts the host's
 * /tmp, so that the container still reaches the fixtures and the agent jar under another path. It
 * must lie outside /tmp, which the container's own /tmp hides: not in a checkout under /tmp (as a CI
 * clone may be), then /var/tmp or /dev/shm.
 */
export function makeContainerHostTmp(projectRoot: string): string {
  const cache = join(projectRoot, 'node_modules', '.cache', 'classforge-attach-test');
  const base = [cache, '/var/tmp', '/dev/shm'].find((dir) => !(dir + '/').startsWith('/tmp/') && (dir === cache || existsSync(dir)))!;
  mkdirSync(base, { recursive: true });
  return mkdtempSync(join(base, 'classforge-host-tmp-'));
}
