// # classforge agent -t <transform>... -o <agent.jar> [--options <json>] [--timeout <ms>]
//
// Builds a Java agent jar (src/agent/agent-jar.ts) that runs the transforms inside a JVM:
// `java -javaagent:agent.jar …`. The jar is written atomically; on any failure there is no output
// and the exit status is 2 (a transform that does not load, options that do not validate, no shim).

import { resolve } from 'node:path';
import type { Command } from 'commander';
import { AgentBuildError, buildAgentJar, type AgentJarOptions } from '../../src/agent/agent-jar.js';
import { narrowTransform, type TransformDefinition } from '../../src/transform/define-transform.js';
import { writeFileAtomically } from '../../src/transform/jar-writer.js';
import { TransformLoadError } from '../../src/transform/transform-load-error.js';
import { TransformOptionsError } from '../../src/transform/transform-options-error.js';
import { HelperClassError } from '../../src/transform/helper-class-error.js';
import type { TransformLogEntry } from '../../src/transform/apply-transforms.js';
import { EXIT_BAD_INPUT, EXIT_OK, reportError, UsageError } from '../cli-error.js';
import { addSelectionOptions, collect, loadTransformsWithOptions, parseMilliseconds, reportPlain, selectionFromOptions } from '../transform-arguments.js';

interface AgentCommandOptions {
  output?: string;
  transform?: string[];
  options?: string[];
  timeout?: string;
  verbose?: boolean;
  include?: string[];
  exclude?: string[];
}

/** The options agent, run and attach share: which transforms, their options, the per-class timeout. */
export function addAgentOptions(command: Command): Command {
  return addSelectionOptions(
    command
      .option('-t, --transform <file>', 'a transform module (.ts, .mts, .js, .mjs) or a compiled Byte Buddy advice class (.class); repeatable, applied in order', collect)
      .option('--options <json>', "options for every transform as JSON, or '<transform>=<json>' for one; '@<file>' reads the JSON from a file; repeatable", collect),
  )
    .option('--timeout <ms>', 'how long a class may wait for the transform host before it loads unchanged (default 10000)')
    .option('-v, --verbose', 'show stack traces on errors, also those of transform failures inside the JVM');
}

/**
 * Loads the transforms and builds the agent jar; reports a failure on stderr and returns null.
 */
export async function buildAgentFromOptions(
  options: AgentCommandOptions,
  jarOptions: Pick<AgentJarOptions, 'stored'> = {},
): Promise<{ jar: Uint8Array; definitions: TransformDefinition[] } | null> {
  const verbose = options.verbose === true;
  const timeoutMs = parseMilliseconds(options.timeout, '--timeout');
  try {
    const transforms = await loadTransformsWithOptions(options.transform, options.options, selectionFromOptions(options));
    const warn = (message: string): void => void process.stderr.write(`classforge: warning: ${message}\n`);
    const log = (entry: TransformLogEntry): void => void process.stderr.write(`[${entry.transform}] ${entry.className}: ${entry.message.replace(/\r?\n/g, ' ')}\n`);
    const jar = await buildAgentJar(transforms, { ...(timeoutMs === undefined ? {} : { timeoutMs }), warn, verbose, log, ...jarOptions });
    return { jar, definitions: transforms.map((transform) => narrowTransform(transform.loaded.definition, transform.selection)) };
  } catch (error) {
    if (error instanceof TransformLoadError || error instanceof TransformOptionsError || error instanceof AgentBuildError || error instanceof HelperClassError) {
      reportPlain(error, verbose);
      return null;
    }
    throw error;
  }
}

async function runAgentCommand(options: AgentCommandOptions): Promise<number> {
  if ((options.transform ?? []).length === 0) throw new UsageError('give at least one transform module with -t <file>');
  if (options.output === undefined || options.output === '') throw new UsageError('give the agent jar to write with -o <agent.jar>');
  const built = await buildAgentFromOptions(options);
  if (built === null) return EXIT_BAD_INPUT;
  const output = resolve(options.output);
  try {
    writeFileAtomically(output, built.jar);
  } catch (error) {
    reportError(output, error, options.verbose === true);
    return EXIT_BAD_INPUT;
  }
  if (process.stderr.isTTY === true) {
    process.stderr.write(`classforge: wrote ${output}; use it with: java -javaagent:${output} …\n`);
  }
  return EXIT_OK;
}

/** Adds the `agent` command to `program`. */
export function registerAgentCommand(program: Command): Command {
  return addAgentOptions(
    program
      .command('agent')
      .description('build a Java agent jar that applies transform modules to classes as a JVM loads them (java -javaagent:<jar>)')
      .option('-o, --output <agent.jar>', 'the agent jar to write (atomically)'),
  ).action(async (options: AgentCommandOptions) => {
    process.exitCode = await runAgentCommand(options);
  });
}
