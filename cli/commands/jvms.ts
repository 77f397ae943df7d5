// # classforge jvms [--json]
//
// Lists the running JVMs of the current user, the ones `classforge attach` can attach to, like
// `jps -l`: one line per JVM, `<pid>  <main class or jar>  <java version>`, sorted by pid ('-' for
// what is unknown). Found from the JVMs' perf data files (also inside containers) and, for JVMs
// started with -XX:-UsePerfData, from /proc (src/agent/jvm-list.ts). --json prints the JvmInfo
// objects as an array. Exit status 0, also when there is no JVM; 2 for bad usage.

import type { Command } from 'commander';
import { type JvmInfo, listJvms } from '../../src/agent/jvm-list.js';
import { EXIT_OK } from '../cli-error.js';
import { writeStdout } from '../output.js';

interface JvmsOptions {
  json?: boolean;
}

/** `<pid>  <main class or jar>  <java version>`. */
export function formatJvmLine(jvm: JvmInfo): string {
  return `${jvm.pid}  ${jvm.mainClass ?? '-'}  ${jvm.javaVersion ?? '-'}`;
}

/** The whole output of the command for `jvms`: lines (or a JSON array with `json`), sorted by pid. */
export function formatJvmList(jvms: readonly JvmInfo[], json: boolean): string {
  const sorted = [...jvms].sort((a, b) => a.pid - b.pid);
  if (json) return JSON.stringify(sorted, null, 2) + '\n';
  return sorted.map((jvm) => formatJvmLine(jvm) + '\n').join('');
}

/** Adds the `jvms` command to `program`. */
export function registerJvmsCommand(program: Command): Command {
  return program
    .command('jvms')
    .description('list the running JVMs of the current user (pid, main class or jar, Java version), for attach')
    .option('--json', 'print a JSON array of { pid, mainClass, commandLine, javaVersion, javaHome, source }')
    .action((options: JvmsOptions) => {
      writeStdout(formatJvmList(listJvms(), options.json === true));
      process.exitCode = EXIT_OK;
    });
}
