#!/usr/bin/env node
// # classforge: the command-line entry point (package.json "bin")
//
// Every command is registered here, one line each; its code lives in cli/commands/<name>.ts.
// Each command's module is imported only when it is needed: the command named first on the line,
// or all of them for the program's help, its version, or a word that names no command (so that
// commander can list them, or suggest the one meant). Importing all eight costs 0.3 s on every
// run (`transform` brings the transform pipeline and esbuild, `verify` the analysis package…);
// `classforge print Foo.class` needs half of that.

import { setClassforgeV8Flags } from '../src/transform/v8-flags.js';
import { installStdoutGuard } from './output.js';
import { run, type RegisterCommand } from './program.js';

const COMMANDS: Record<string, () => Promise<RegisterCommand>> = {
  print: async () => (await import('./commands/print.js')).registerPrintCommand,
  diff: async () => (await import('./commands/diff.js')).registerDiffCommand,
  transform: async () => (await import('./commands/transform.js')).registerTransformCommand,
  verify: async () => (await import('./commands/verify.js')).registerVerifyCommand,
  agent: async () => (await import('./commands/agent.js')).registerAgentCommand,
  run: async () => (await import('./commands/run.js')).registerRunCommand,
  jvms: async () => (await import('./commands/jvms.js')).registerJvmsCommand,
  attach: async () => (await import('./commands/attach.js')).registerAttachCommand,
};

setClassforgeV8Flags();
installStdoutGuard();
const named = process.argv[2];
const needed = named !== undefined && Object.hasOwn(COMMANDS, named) ? [COMMANDS[named]!] : Object.values(COMMANDS);
process.exitCode = await run(await Promise.all(needed.map((load) => load())), process.argv);
