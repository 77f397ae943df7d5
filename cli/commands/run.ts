// # classforge run -t <transform>... [--options <json>] [--timeout <ms>] -- <java command line>
//
// Runs a Java program with the transforms applied as its classes load: builds the agent jar into
// a private temporary directory, starts the command with `-javaagent:<jar>` (right after the java
// executable when the command is `java …`, else through JAVA_TOOL_OPTIONS, which every JVM a
// launcher such as mvn or gradle starts picks up), and removes the jar when the program ends.
//
// The program's stdin, stdout and stderr are the terminal's; the agent's messages and ctx.log go
// to the program's stderr. The agent creates a marker file (CLASSFORGE_RUN_MARKER) when a JVM loads
// it: without one at the end, a warning says that no JVM loaded the agent (`run -- ls`, a launcher
// that clears the environment), instead of a silent run without transforms. Exit status: the program's own (128 + n when a signal ended it), or 2
// when classforge could not start it (bad transforms, a command that does not exist).

import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { constants } from 'node:os';
import type { Command } from 'commander';
import { DUMP_VARIABLE } from '../../src/agent/class-dump.js';
import type { TransformDefinition } from '../../src/transform/define-transform.js';
import { EXIT_BAD_INPUT, UsageError } from '../cli-error.js';
import { addAgentOptions, buildAgentFromOptions } from './agent.js';
import { createRunDirectory, RUN_MARKER_VARIABLE } from '../run-directory.js';

interface RunCommandOptions {
  transform?: string[];
  options?: string[];
  timeout?: string;
  verbose?: boolean;
  dump?: string;
}

/** Whether `executable` is a java launcher (java, java.exe, a path ending in bin/java). */
function isJavaLauncher(executable: string): boolean {
  const name = basename(executable).toLowerCase();
  return name === 'java' || name === 'java.exe';
}

/** The command line with the agent added, and the environment to run it in. */
export function withAgent(command: readonly string[], agentJar: string, environment: NodeJS.ProcessEnv): { argv: string[]; env: NodeJS.ProcessEnv } {
  // -javaagent:<jar>[=<options>]: the JVM takes the jar path up to the first '=' (java.lang.instrument
  // package documentation), so a jar under a TMPDIR holding '=' is not found and the JVM does not start.
  if (agentJar.includes('=')) throw new UsageError(`the temporary agent path ${agentJar} holds '=', which -javaagent takes as the start of the agent's options; set TMPDIR to a directory whose path has no '='`);
  const agentOption = `-javaagent:${agentJar}`;
  if (isJavaLauncher(command[0]!)) return { argv: [command[0]!, agentOption, ...command.slice(1)], env: environment };
  const existing = environment.JAVA_TOOL_OPTIONS;
  // JAVA_TOOL_OPTIONS splits on spaces; a path with spaces cannot go through it.
  if (/\s/.test(agentJar)) throw new UsageError(`the temporary agent path ${agentJar} holds a space; run java directly`);
  return { argv: [...command], env: { ...environment, JAVA_TOOL_OPTIONS: existing ? `${agentOption} ${existing}` : agentOption } };
}

async function runRunCommand(command: readonly string[], options: RunCommandOptions): Promise<number> {
  if ((options.transform ?? []).length === 0) {
    // `classforge run java -cp app Main -t trace.ts`: the -t went to java, as every argument after the command's first word.
    const passedOn = command.some((argument) => argument === '-t' || argument === '--transform' || argument.startsWith('--transform='));
    throw new UsageError(`give at least one transform module with -t <file>${passedOn ? ", before the command (from the command's first word on, every argument is the command's)" : ''}`);
  }
  if (command.length === 0) throw new UsageError('give the java command line after --, e.g. classforge run -t t.ts -- java -cp app Main');
  // The jar lives as long as the run: stored, not deflated.
  const built = await buildAgentFromOptions(options, { stored: true });
  if (built === null) return EXIT_BAD_INPUT;
  const { jar, definitions } = built;
  // A private directory (0700): the jar runs code, nobody else may swap it.
  const directory = createRunDirectory();
  try {
    const agentJar = join(directory, 'classforge-agent.jar');
    writeFileSync(agentJar, jar, { mode: 0o600 });
    const marker = join(directory, 'agent-loaded');
    // --dump: the host (started by the JVM, in its environment) writes the classes it changes there.
    const dump = options.dump === undefined ? {} : { [DUMP_VARIABLE]: resolve(options.dump) };
    const { argv, env } = withAgent(command, agentJar, { ...process.env, ...dump, [RUN_MARKER_VARIABLE]: marker });
    const status = await new Promise<number | null>((resolvePromise) => {
      const child = spawn(argv[0]!, argv.slice(1), { stdio: 'inherit', env });
      // The terminal sends Ctrl-C to the whole group; a kill aimed at classforge is passed on.
      const forward = (signal: NodeJS.Signals): void => {
        child.kill(signal);
      };
      const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
      for (const signal of signals) process.on(signal, forward);
      child.on('error', (error) => {
        for (const signal of signals) process.off(signal, forward);
        const code = (error as NodeJS.ErrnoException).code;
        const why = code === 'ENOENT' ? 'no such command' : code === 'EACCES' ? 'permission denied' : error.message;
        process.stderr.write(`classforge: cannot run '${argv[0]}': ${why}\n`);
        resolvePromise(null);
      });
      child.on('exit', (code, signal) => {
        for (const s of signals) process.off(s, forward);
        resolvePromise(code ?? 128 + (signal === null ? 0 : (constants.signals[signal] ?? 0)));
      });
    });
    if (status === null) return EXIT_BAD_INPUT;
    if (!existsSync(marker)) {
      const why = isJavaLauncher(argv[0]!)
        ? 'the JVM did not start'
        : `'${command[0]}' started no JVM that picked up JAVA_TOOL_OPTIONS (how a command other than java passes the agent to the JVMs it starts)`;
      process.stderr.write(`classforge: warning: no JVM loaded the agent, nothing was transformed: ${why}\n`);
    } else if (selectedNothing(marker)) {
      process.stderr.write(`classforge: warning: the transforms selected none of the classes the JVM loaded, nothing was transformed (${describeSelection(definitions)})\n`);
    }
    return status;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/**
 * Whether every transform host started for the run (the JVMs that loaded the agent) started and was sent no class:
 * the transforms' include/exclude selected nothing the JVM loaded (`include: ['example.**']` on a com.acme program),
 * which offline `transform` warns about and a run did not. The host notes 'ready', then 'selected' before it answers
 * its first class (host-main.ts). A host that never started is the agent's to report (it says so itself).
 */
function selectedNothing(marker: string): boolean {
  let notes: string;
  try {
    notes = readFileSync(`${marker}.host`, 'utf8');
  } catch {
    return false;
  }
  return notes.includes('ready\n') && !notes.includes('selected\n');
}

/** `trace: include com.acme.**; exclude com.acme.gen.*` for each transform; `method-timing: the application's classes` without include. */
function describeSelection(definitions: readonly TransformDefinition[]): string {
  return definitions
    .map((definition) => {
      const include = definition.include.length === 0 ? "the application's classes" : `include ${definition.include.join(', ')}`;
      const exclude = definition.exclude.length === 0 ? '' : `; exclude ${definition.exclude.join(', ')}`;
      const selection = definition.selection ?? null;
      const narrowed =
        (selection !== null && selection.include.length > 0 ? `; --include ${selection.include.join(', ')}` : '') +
        (selection !== null && selection.exclude.length > 0 ? `; --exclude ${selection.exclude.join(', ')}` : '');
      return `${definition.name}: ${include}${exclude}${narrowed}`;
    })
    .join('; ');
}

/** Adds the `run` command to `program`. */
export function registerRunCommand(program: Command): Command {
  return addAgentOptions(
    program
      .command('run')
      .description('run a Java program with transform modules applied to its classes as they load')
      .argument('<command...>', 'the java command line (after --, or right after the options: from the first word on, every argument is the command\'s)')
      // `classforge run -t trace.ts java -cp app Main` as `time java …` or `env … java …` take it: options after
      // the command's first word are the command's (they were refused: "unknown option '-cp'").
      .passThroughOptions(),
  )
    .option('--dump <dir>', 'write each class the transforms change to <dir>/original/ and <dir>/transformed/, each they fail on to <dir>/failed/')
    .action(async (command: string[], options: RunCommandOptions) => {
    process.exitCode = await runRunCommand(command, options);
  });
}
