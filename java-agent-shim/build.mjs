#!/usr/bin/env node
// Compiles the agent shim (java-agent-shim/src, Java 8 source) into dist/java-agent-shim/, where
// `classforge agent` takes its classes from. Part of `npm run build`. Without a javac (JAVA_HOME's,
// else the one on PATH) the build still succeeds with a warning: everything but the agent works,
// and `classforge agent`/`run`/`attach` then say how to build the shim.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const sources = join(here, 'src', 'classforge', 'agent');
const output = join(here, '..', 'dist', 'java-agent-shim');
const javaHome = process.env.JAVA_HOME;
const javac = javaHome && existsSync(join(javaHome, 'bin', 'javac')) ? join(javaHome, 'bin', 'javac') : 'javac';

rmSync(output, { recursive: true, force: true });
mkdirSync(output, { recursive: true });
const files = readdirSync(sources).filter((name) => name.endsWith('.java')).map((name) => join(sources, name));
// --release 8: the agent must load into any JVM from Java 8 on (DESIGN.md, "The agent").
const result = spawnSync(javac, ['--release', '8', '-Xlint:all', '-Xlint:-options', '-Werror', '-d', output, ...files], { stdio: 'inherit' });
if (result.error !== undefined) {
  console.warn(`warning: the agent shim was not built (${javac}: ${result.error.message}); classforge agent, run and attach need it: install a JDK and run \`npm run build\``);
} else if (result.status !== 0) {
  process.exit(result.status ?? 1);
}
