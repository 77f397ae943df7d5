// # runJava: run a program in a child JVM and collect what it printed
//
// Decisions:
// - Never throws because of the program's exit code: a test asserts on `exitCode` (and a
//   verification failure shows as a VerifyError on stderr with exit code 1). It throws when the
//   JVM cannot be started, and on the timeout, with what the program printed so far.
// - `verify: true` adds `-Xverify:all`, so HotSpot verifies every class loaded from the class
//   path (by default it verifies those too, but -Xverify:all states it and covers boot classes).
// - stdout and stderr come back exactly as printed (final newline kept), decoded as UTF-8; the
//   JVM is asked for UTF-8 output (`-Dstdout.encoding`/`-Dstderr.encoding`, JDK 19+, ignored
//   before; `-Dfile.encoding=UTF-8` for older JDKs' System.out) so the result does not depend on
//   the machine's locale.
// - Class files in memory are written to a temporary directory for the run, removed afterwards.

import { delimiter, resolve } from 'node:path';
import { execa } from 'execa';
import { type ClassFilesHolder, isClassFilesValue, toClassFiles, writeClassFiles } from './class-files.js';
import { javaTool } from './java-tools.js';
import { createTempDirectory, removeTempDirectory } from './temp-directory.js';

/** A class path entry for runJava: a directory or jar, or class files in memory. */
export type RunClassPathEntry = string | ReadonlyMap<string, Uint8Array> | ClassFilesHolder;

export interface RunJavaOptions {
  /** The class path: entries (directories, jars, class files in memory), or one of them. */
  classpath: RunClassPathEntry | readonly RunClassPathEntry[];
  /** The main class, dotted (`demo.Hello`) or internal (`demo/Hello`). */
  mainClass: string;
  /** Program arguments. */
  args?: readonly string[];
  /** JVM options before the class path, e.g. `['-Xmx64m', '-Dclock=frozen']`. */
  jvmArgs?: readonly string[];
  /** Run with `-Xverify:all` (HotSpot verifies every loaded class). Default false. */
  verify?: boolean;
  /** The JDK whose java runs. Default: JAVA_HOME, else the `java` on PATH. */
  javaHome?: string;
  /** Milliseconds before the JVM is killed and runJava throws. Default 60 000. */
  timeout?: number;
  /** Text for the program's standard input (default: none, stdin is closed). */
  input?: string;
  /** Extra environment variables for the JVM. */
  env?: Readonly<Record<string, string>>;
  /** The working directory of the JVM. Default: the current directory. */
  cwd?: string;
}

export interface RunJavaResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
  /** The command that ran: the java executable followed by its arguments. */
  readonly command: readonly string[];
}

const DEFAULT_TIMEOUT = 60_000;

/** Runs `java [jvmArgs] -cp <classpath> <mainClass> [args]` and returns its output and exit code. */
export async function runJava(options: RunJavaOptions): Promise<RunJavaResult> {
  const java = javaTool('java', options.javaHome);
  const scratch: string[] = [];
  try {
    const classpath = classPathOf(options.classpath, scratch);
    const args = [
      '-Dfile.encoding=UTF-8',
      '-Dstdout.encoding=UTF-8',
      '-Dstderr.encoding=UTF-8',
      ...(options.verify === true ? ['-Xverify:all'] : []),
      ...(options.jvmArgs ?? []),
      '-cp',
      classpath,
      options.mainClass.replace(/\//g, '.'),
      ...(options.args ?? []),
    ];
    const timeout = options.timeout ?? DEFAULT_TIMEOUT;
    const result = await execa(java, args, {
      reject: false,
      timeout,
      stripFinalNewline: false,
      input: options.input,
      stdin: options.input === undefined ? 'ignore' : undefined,
      env: options.env,
      cwd: options.cwd,
    });
    const stdout = String(result.stdout ?? '');
    const stderr = String(result.stderr ?? '');
    if (result.timedOut) {
      throw new Error(`classforge/testing: java ${options.mainClass} timed out after ${timeout} ms${describeOutput(stdout, stderr)}`);
    }
    if (result.exitCode === undefined) {
      throw new Error(`classforge/testing: could not run ${java}: ${result.shortMessage ?? result.message}`);
    }
    return { stdout, stderr, exitCode: result.exitCode, command: [java, ...args] };
  } finally {
    for (const directory of scratch) removeTempDirectory(directory);
  }
}

/** The -cp value; class files in memory are written to directories listed in `scratch`. */
function classPathOf(classpath: RunJavaOptions['classpath'], scratch: string[]): string {
  const entries = Array.isArray(classpath) ? (classpath as readonly RunClassPathEntry[]) : [classpath as RunClassPathEntry];
  if (entries.length === 0) throw new Error('classforge/testing: runJava needs a class path');
  return entries
    .map((entry) => {
      if (typeof entry === 'string') return entry.split(delimiter).map((part) => resolve(part)).join(delimiter);
      if (!isClassFilesValue(entry)) {
        throw new TypeError('classforge/testing: a class path entry is a path, a Map of class files, or a compileJava/transformClasses result');
      }
      const directory = createTempDirectory('run');
      scratch.push(directory);
      writeClassFiles(toClassFiles(entry), directory);
      return directory;
    })
    .join(delimiter);
}

function describeOutput(stdout: string, stderr: string): string {
  const tail = (text: string): string => (text.length > 2000 ? '…' + text.slice(-2000) : text);
  return (stdout === '' ? '' : `\nstdout:\n${tail(stdout)}`) + (stderr === '' ? '' : `\nstderr:\n${tail(stderr)}`);
}
