#!/usr/bin/env node
// # classforge: the command-line entry point (package.json "bin")
//
// Every command is registered here, one line each; its code lives in cli/commands/<name>.ts.

import { registerAgentCommand } from './commands/agent.js';
import { registerAttachCommand } from './commands/attach.js';
import { registerJvmsCommand } from './commands/jvms.js';
import { registerPrintCommand } from './commands/print.js';
import { registerRunCommand } from './commands/run.js';
import { registerTransformCommand } from './commands/transform.js';
import { registerVerifyCommand } from './commands/verify.js';
import { installStdoutGuard } from './output.js';
import { run } from './program.js';

installStdoutGuard();
process.exitCode = await run([registerPrintCommand, registerTransformCommand, registerVerifyCommand, registerAgentCommand, registerRunCommand, registerJvmsCommand, registerAttachCommand], process.argv);
