// # The JVMs of the current user, as `jps -lv` finds them, and what /proc says about a process
//
// jps reads the HotSpot performance data files under /tmp/hsperfdata_<user>/ (one per JVM, named
// by pid; see hsperfdata.ts). That misses two kinds of JVMs, which we also find, by walking /proc:
//
// - JVMs in another pid and mount namespace (a container): their file is
//   `/proc/<pid>/root/tmp/hsperfdata_<user>/<nspid>`, named by the pid the JVM sees itself as,
//   the last number of the `NSpid:` line of /proc/<pid>/status. This is how the JDK's own attach
//   code finds a containerized JVM (sun.tools.attach.VirtualMachineImpl, Linux).
// - JVMs started with -XX:-UsePerfData, which write no file: a live process whose executable
//   (/proc/<pid>/exe) is named `java`, described from its command line (/proc/<pid>/cmdline).
//
// A perf data file whose JVM has died (killed with SIGKILL, it could not delete it) is skipped:
// its pid is not running, or runs a program that is neither `java` nor maps the file.
//
// The process inspection helpers (readProcessStatus, findPerfDataFile…) are exported for the
// attach code (hotspot-attach.ts), which needs the same facts before it sends a signal to a pid.
// Everything here is best effort per process: a process that exits while we read it, or a file we
// cannot read or parse, is skipped; listJvms() itself never throws for one of them.

import { readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { type PerfDataValue, readPerfDataFile } from './hsperfdata.js';
import { isProcessRunning } from '../process-running.js';

/** One JVM, as listed by `classforge jvms`. */
export interface JvmInfo {
  /** The pid, as seen from here (not the pid inside a container). */
  readonly pid: number;
  /** The main class, or the jar of `-jar`, or the module/class of `-m`: the command's first word; null when unknown. */
  readonly mainClass: string | null;
  /**
   * From perf data: the main class (or jar) and its arguments (`sun.rt.javaCommand`, what `jps -l`
   * shows). From /proc: the whole command line, `java` and its options included.
   */
  readonly commandLine: string;
  /** The `java.version` of the JVM (`17.0.9`, `1.8.0_392`), or null when unknown. */
  readonly javaVersion: string | null;
  /** The `java.home` of the JVM, as the JVM sees it (inside its container), or null. */
  readonly javaHome: string | null;
  /** Where the facts come from: the JVM's perf data file, or /proc only (-XX:-UsePerfData). */
  readonly source: 'hsperfdata' | 'proc';
}

/** The facts of /proc/<pid>/status that attaching needs (proc(5)). */
export interface ProcessStatus {
  readonly pid: number;
  /** The command name (`Name:`, at most 15 characters). */
  readonly name: string;
  /** The state letter (`R`, `S`, `Z`…). */
  readonly state: string;
  readonly realUid: number;
  readonly effectiveUid: number;
  readonly effectiveGid: number;
  /** The pid the process sees itself as (the last `NSpid:` number; the pid itself without namespaces). */
  readonly namespacePid: number;
  /** Signal masks (`SigCgt`, `SigIgn`, `SigBlk`): bit n-1 stands for signal n. */
  readonly caughtSignals: bigint;
  readonly ignoredSignals: bigint;
  readonly blockedSignals: bigint;
}

/** The JVMs of the current user, sorted by pid. */
export function listJvms(): JvmInfo[] {
  const ownUid = effectiveUid();
  let pids: number[];
  try {
    pids = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).map(Number);
  } catch {
    // No /proc (not Linux): what jps would list, from the local perf data files alone.
    return listFromLocalPerfDataFiles();
  }
  const localFiles = localPerfDataFiles(ownUid);
  const jvms: JvmInfo[] = [];
  for (const pid of pids.sort((a, b) => a - b)) {
    if (pid === process.pid) continue;
    const status = readProcessStatus(pid);
    if (status === null || status.state === 'Z' || (ownUid !== null && status.effectiveUid !== ownUid)) continue;
    const jvm = describeProcess(status, localFiles);
    if (jvm !== null) jvms.push(jvm);
  }
  return jvms;
}

/** What listJvms() would say about `pid`, or null when it is not a live JVM (any user's). */
export function describeJvm(pid: number): JvmInfo | null {
  const status = readProcessStatus(pid);
  if (status === null || status.state === 'Z') return null;
  return describeProcess(status, null);
}

/**
 * The perf data counters of the JVM `pid`, or null when it has no (readable, valid) perf data
 * file: not a JVM, a JVM started with -XX:-UsePerfData, or one that has not created it yet.
 */
export function readJvmPerfData(pid: number): Map<string, PerfDataValue> | null {
  const status = readProcessStatus(pid);
  if (status === null) return null;
  const file = findPerfDataFile(status, null);
  if (file === null) return null;
  try {
    return readPerfDataFile(file);
  } catch {
    return null;
  }
}

// ## One process

function describeProcess(status: ProcessStatus, localFiles: Map<number, string> | null): JvmInfo | null {
  const executable = readExecutable(status.pid);
  const perfFile = findPerfDataFile(status, localFiles);
  if (perfFile !== null) {
    // A stale file of a dead JVM can carry the pid of a live process that is something else;
    // a real JVM maps its file (or is `java`).
    const genuine = isJavaExecutable(executable) || mapsFile(status.pid, perfFile);
    if (genuine) {
      try {
        return describeFromPerfData(status.pid, readPerfDataFile(perfFile));
      } catch {
        // Unreadable or malformed (or being rewritten): fall back to /proc below.
      }
    }
  }
  if (!isJavaExecutable(executable)) return null;
  const argv = readProcessCommandLine(status.pid);
  if (argv === null || argv.length === 0) return null;
  const javaHome = executable === null ? null : dirname(dirname(executable));
  return {
    pid: status.pid,
    mainClass: mainClassOfLauncherArguments(argv.slice(1)),
    commandLine: argv.join(' '),
    javaVersion: javaHome === null ? null : readReleaseJavaVersion(status.pid, javaHome),
    javaHome,
    source: 'proc',
  };
}

function describeFromPerfData(pid: number, counters: Map<string, PerfDataValue>): JvmInfo {
  const text = (name: string): string | null => {
    const value = counters.get(name);
    return typeof value === 'string' && value !== '' ? value : null;
  };
  const commandLine = text('sun.rt.javaCommand') ?? '';
  const javaHome = text('java.property.java.home');
  const javaVersion =
    text('java.property.java.version') ??
    (javaHome === null ? null : readReleaseJavaVersion(pid, javaHome)) ??
    text('java.property.java.vm.version');
  const firstWord = commandLine.trim().split(/\s+/)[0] ?? '';
  return { pid, mainClass: firstWord === '' ? null : firstWord, commandLine, javaVersion, javaHome, source: 'hsperfdata' };
}

// ## /proc

/** Parses /proc/<pid>/status; null when there is no such process (or it vanished meanwhile). */
export function readProcessStatus(pid: number): ProcessStatus | null {
  if (!Number.isSafeInteger(pid) || pid < 1) return null;
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const fields = new Map<string, string>();
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1).trim());
  }
  const numbers = (field: string): number[] => (fields.get(field) ?? '').split(/\s+/).filter((n) => n !== '').map(Number);
  const mask = (field: string): bigint => {
    const hex = fields.get(field) ?? '';
    return /^[0-9a-fA-F]+$/.test(hex) ? BigInt('0x' + hex) : 0n;
  };
  const uids = numbers('Uid');
  const gids = numbers('Gid');
  // Kernels before 4.1 have no NSpid line: the process then sees itself with its own pid.
  const namespacePids = numbers('NSpid');
  return {
    pid,
    name: fields.get('Name') ?? '',
    state: (fields.get('State') ?? '?').charAt(0),
    realUid: uids[0] ?? -1,
    effectiveUid: uids[1] ?? -1,
    effectiveGid: gids[1] ?? -1,
    namespacePid: namespacePids.at(-1) ?? pid,
    caughtSignals: mask('SigCgt'),
    ignoredSignals: mask('SigIgn'),
    blockedSignals: mask('SigBlk'),
  };
}

/** The arguments of `pid` (/proc/<pid>/cmdline, NUL-separated), or null when unreadable. */
export function readProcessCommandLine(pid: number): string[] | null {
  try {
    const text = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (text === '') return null; // a kernel thread, or a zombie
    return text.replace(/\0$/, '').split('\0');
  } catch {
    return null;
  }
}

/** The executable of `pid` as the process sees it (inside its container), or null. */
export function readExecutable(pid: number): string | null {
  try {
    return readlinkSync(`/proc/${pid}/exe`).replace(/ \(deleted\)$/, '');
  } catch {
    return null;
  }
}

/** Whether `executable` is the `java` launcher (any JDK, any location). */
export function isJavaExecutable(executable: string | null): boolean {
  return executable !== null && basename(executable) === 'java';
}

/**
 * The path (from here) of the perf data file of the process, or null. HotSpot names it
 * `/tmp/hsperfdata_<user name>/<pid as the JVM sees it>` in the JVM's own file system
 * (perfMemory_posix.cpp, get_sharedmem_filename), which /proc/<pid>/root reaches from any namespace.
 * `localFiles` (the files of our own /tmp, by name) spares a directory listing per process.
 */
export function findPerfDataFile(status: ProcessStatus, localFiles: Map<number, string> | null): string | null {
  const sameFileSystem = sharesMountNamespace(status.pid);
  if (sameFileSystem && localFiles !== null) return localFiles.get(status.namespacePid) ?? null;
  const tmp = sameFileSystem ? '/tmp' : `/proc/${status.pid}/root/tmp`;
  let entries: string[];
  try {
    entries = readdirSync(tmp).filter((entry) => entry.startsWith('hsperfdata_'));
  } catch {
    return null;
  }
  for (const entry of entries) {
    const file = join(tmp, entry, String(status.namespacePid));
    try {
      const stats = statSync(file);
      // The JVM creates it as its own user; a file of someone else is not this JVM's.
      if (stats.isFile() && stats.uid === status.effectiveUid) return file;
    } catch {
      // Not in this user's directory.
    }
  }
  return null;
}

let ownMountNamespace: string | undefined;

/** Whether `pid` sees the same mounts as we do (so its /tmp is our /tmp). */
function sharesMountNamespace(pid: number): boolean {
  try {
    ownMountNamespace ??= readlinkSync('/proc/self/ns/mnt');
    return readlinkSync(`/proc/${pid}/ns/mnt`) === ownMountNamespace;
  } catch {
    // Unreadable namespace links (old kernels, hardened /proc): go through /proc/<pid>/root.
    return false;
  }
}

/** Whether `pid` has `file` mapped in memory (as a JVM maps its perf data file). */
function mapsFile(pid: number, file: string): boolean {
  // The mapping is listed with the path the JVM sees: compare the last two components
  // (`hsperfdata_<user>/<nspid>`), which are the same from inside and outside a container.
  const suffix = '/' + join(basename(dirname(file)), basename(file));
  try {
    return readFileSync(`/proc/${pid}/maps`, 'utf8')
      .split('\n')
      .some((line) => line.replace(/ \(deleted\)$/, '').endsWith(suffix));
  } catch {
    return false;
  }
}

/**
 * `JAVA_VERSION` of the `release` file of a Java home (as the process `pid` sees it), or null. A
 * JDK 8 `jre/` home keeps the file one level up.
 */
export function readReleaseJavaVersion(pid: number, javaHome: string): string | null {
  const root = `/proc/${pid}/root`;
  for (const home of [javaHome, dirname(javaHome)]) {
    for (const prefix of [root, '']) {
      try {
        const text = readFileSync(join(prefix, home, 'release'), 'utf8');
        const match = /^JAVA_VERSION="?([^"\n]+)"?/m.exec(text);
        if (match !== null) return match[1]!;
      } catch {
        // Not there, or /proc/<pid>/root not readable: try the next place.
      }
    }
  }
  return null;
}

/** The feature version of a `java.version` string: 8 for `1.8.0_392`, 17 for `17.0.9`, 25 for `25-ea`; null if none. */
export function javaFeatureVersion(version: string | null): number | null {
  if (version === null) return null;
  const match = /^(?:1\.(\d+)|(\d+))/.exec(version.trim());
  if (match === null) return null;
  return Number(match[1] ?? match[2]);
}

// ## The java launcher's command line

/**
 * The main class (or `-jar` jar, or `-m` module[/class]) of a `java` command line (the arguments
 * after `java`), or null (e.g. only `@argfiles`, which the launcher expands and /proc does not
 * show).
 */
export function mainClassOfLauncherArguments(args: readonly string[]): string | null {
  return splitLauncherArguments(args).main;
}

/**
 * A `java` command line (the arguments after `java`) split into the launcher's options and the
 * main class (or jar, or module), which ends them: what follows are the program's arguments. The
 * options that take their value as the next argument are the launcher's
 * (src/java.base/share/native/libjli/java.c, IsWhiteSpaceOption).
 */
export function splitLauncherArguments(args: readonly string[]): { options: string[]; main: string | null } {
  const options: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (arg === '-jar' || arg === '-m' || arg === '--module') return { options, main: args[index + 1] ?? null };
    if (arg.startsWith('--module=')) return { options, main: arg.slice('--module='.length) };
    if (OPTIONS_WITH_SEPARATE_VALUE.has(arg)) {
      options.push(arg, args[index + 1] ?? '');
      index++;
    } else if (arg.startsWith('-') || arg.startsWith('@')) {
      options.push(arg);
    } else {
      return { options, main: arg };
    }
  }
  return { options, main: null };
}

const OPTIONS_WITH_SEPARATE_VALUE = new Set([
  '-cp',
  '-classpath',
  '--class-path',
  '-p',
  '--module-path',
  '--upgrade-module-path',
  '--add-modules',
  '--enable-native-access',
  '--limit-modules',
  '--add-exports',
  '--add-opens',
  '--add-reads',
  '--patch-module',
  '--describe-module',
  '-d',
  '--source',
]);

// ## Without /proc

/** The perf data files of our own /tmp whose directory is ours, by file name (the pid). */
function localPerfDataFiles(ownUid: number | null): Map<number, string> {
  const files = new Map<number, string>();
  let directories: string[];
  try {
    directories = readdirSync('/tmp').filter((entry) => entry.startsWith('hsperfdata_'));
  } catch {
    return files;
  }
  for (const directory of directories) {
    const path = join('/tmp', directory);
    try {
      if (ownUid !== null && statSync(path).uid !== ownUid) continue;
      for (const entry of readdirSync(path)) {
        if (/^\d+$/.test(entry)) files.set(Number(entry), join(path, entry));
      }
    } catch {
      // Another user's private directory.
    }
  }
  return files;
}

function listFromLocalPerfDataFiles(): JvmInfo[] {
  const jvms: JvmInfo[] = [];
  for (const [pid, file] of localPerfDataFiles(effectiveUid())) {
    if (!isProcessRunning(pid)) continue;
    try {
      jvms.push(describeFromPerfData(pid, readPerfDataFile(file)));
    } catch {
      // Skip a malformed file.
    }
  }
  return jvms.sort((a, b) => a.pid - b.pid);
}

function effectiveUid(): number | null {
  return typeof process.geteuid === 'function' ? process.geteuid() : null;
}

