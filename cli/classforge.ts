#!/usr/bin/env node
// # classforge: the command-line entry point (package.json "bin")

import { installStdoutGuard } from './output.js';
import { run } from './program.js';

installStdoutGuard();
process.exitCode = await run(process.argv);
