// Child processes whose output lines are collected as they come, for the attach end-to-end tests
// (a long-running JVM and the `classforge attach` sessions run against it).

import { spawn, type ChildProcess } from 'node:child_process';

export interface Watched {
  args: readonly string[];
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  /** The exit status (128 when a signal ended it). */
  exit: Promise<number>;
}

/** Every process watch() started and no test has stopped yet (see stopLeftovers). */
const started: Watched[] = [];

export function watch(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Watched {
  const child = spawn(command, args, { cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'], env: options.env ?? process.env });
  const watched: Watched = { args, child, stdout: [], stderr: [], exit: new Promise((r) => child.on('close', (code, signal) => r(code ?? (signal ? 128 : -1)))) };
  const collect = (stream: NodeJS.ReadableStream, lines: string[]): void => {
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (text: string) => {
      const parts = (partial + text).split('\n');
      partial = parts.pop()!;
      lines.push(...parts);
    });
  };
  collect(child.stdout!, watched.stdout);
  collect(child.stderr!, watched.stderr);
  started.push(watched);
  return watched;
}

/**
 * Kills what the processes watched so far left running, except `keep` (a JVM shared by the tests):
 * a hung session is not inherited by the next test.
 */
export function stopLeftovers(...keep: (Watched | undefined)[]): void {
  for (const process of started.splice(0)) {
    if (!keep.includes(process) && process.child.exitCode === null && process.child.signalCode === null) process.child.kill('SIGKILL');
  }
}

export async function waitFor(what: string, condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** How many of `lines` are exactly `text`. */
export const count = (lines: readonly string[], text: string): number => lines.filter((line) => line === text).length;

/**
 * The exit status of `session`, or, after `timeoutMs`, a failure that shows what the session and
 * the JVM (`jvm`: the shim logs on its stderr) printed, instead of the test's bare timeout.
 */
export async function exitOf(session: Watched, jvm: Watched | undefined, timeoutMs = 60_000): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolveLate) => (timer = setTimeout(() => resolveLate(null), timeoutMs)));
  const status = await Promise.race([session.exit, late]);
  clearTimeout(timer);
  if (status !== null) return status;
  session.child.kill('SIGKILL');
  throw new Error(
    [`\`${session.args.join(' ')}\` still running after ${timeoutMs} ms; its stderr:`, ...session.stderr, ...(jvm === undefined ? [] : ["the JVM's stderr:", ...jvm.stderr.slice(-40)])].join('\n'),
  );
}
