// # Where this copy of classforge keeps what a generated agent needs
//
// An agent jar records the absolute paths of the node executable and of classforge's built host
// script (dist/src/agent/host-main.js), and carries the shim classes the build compiled into
// dist/java-agent-shim/. Both are found from the package root, so that the same code works when
// run from dist/ and from the TypeScript sources (tests), which have no compiled host of their own.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** classforge's package root (the directory of its package.json). */
export function packageRoot(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(directory, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'classforge') return directory;
      } catch {
        // Not ours: keep walking up.
      }
    }
    const parent = dirname(directory);
    if (parent === directory) throw new Error(`cannot find classforge's package.json above ${fileURLToPath(import.meta.url)}`);
    directory = parent;
  }
}

/** The compiled shim classes (dist/java-agent-shim/classforge/agent/*.class). */
export function shimClassesDirectory(): string {
  return join(packageRoot(), 'dist', 'java-agent-shim');
}

/** The host script the shim starts with node. */
export function hostScriptPath(): string {
  return join(packageRoot(), 'dist', 'src', 'agent', 'host-main.js');
}
