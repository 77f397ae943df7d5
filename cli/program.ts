// # The classforge command line: the commander program and its conventions
//
// Each command lives in cli/commands/<name>.ts and exports a `register…Command(program)`
// function, which cli/classforge.ts passes here. This file sets up what all commands share: name,
// version, help, the one-line error format and the exit codes of DESIGN.md contract 4.

import { Command, CommanderError } from 'commander';
import { packageVersion } from '../src/package-root.js';
import { EXIT_BAD_INPUT, EXIT_OK, UsageError, reportError } from './cli-error.js';

/** Adds one command to the program (see cli/commands/). */
export type RegisterCommand = (program: Command) => unknown;

/** Builds the classforge program with the given commands. */
export function createProgram(commands: readonly RegisterCommand[]): Command {
  const program = new Command('classforge');
  program
    .description('Read, print, verify and transform JVM class files.')
    .version(packageVersion(), '-V, --version', 'print the classforge version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    // Lets `run` pass the options after its command's first word to that command (passThroughOptions).
    .enablePositionalOptions()
    // Commander exits with 1 on usage errors; contract 4 wants 2. Throwing lets run() decide.
    .exitOverride()
    .configureOutput({
      // One line, "classforge: …", like every other error (commander adds "error: " and may put
      // a "(Did you mean …?)" hint on a second line).
      outputError: (text, write) => write(`classforge: ${text.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ').trim()}\n`),
    });
  // Commands inherit the settings above (exitOverride, output), so register them afterwards.
  for (const register of commands) {
    register(program);
  }
  return program;
}

/** Runs the command line `argv` (process.argv form) with `commands` and returns the exit status. */
export async function run(commands: readonly RegisterCommand[], argv: readonly string[]): Promise<number> {
  const program = createProgram(commands);
  try {
    await program.parseAsync(argv as string[]);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end with exit code 0; every usage error becomes 2.
      return error.exitCode === 0 ? EXIT_OK : EXIT_BAD_INPUT;
    }
    if (error instanceof UsageError) {
      // A command found its options unusable (a bad value, a conflict).
      reportError(null, error, false);
      return EXIT_BAD_INPUT;
    }
    // Commands report their own input errors; anything reaching here is unexpected.
    process.stderr.write(`classforge: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_BAD_INPUT;
  }
}
