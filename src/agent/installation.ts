// # Where this copy of classforge keeps what a generated agent needs
//
// An agent jar records the absolute paths of the node executable and of classforge's built host
// script (dist/src/agent/host-main.js), and carries the shim classes the build compiled into
// dist/java-agent-shim/. Both are found from the package root, so that the same code works when
// run from dist/ and from the TypeScript sources (tests), which have no compiled host of their own.

import { join } from 'node:path';
import { packageRoot } from '../package-root.js';

/** The compiled shim classes (dist/java-agent-shim/classforge/agent/*.class). */
export function shimClassesDirectory(): string {
  return join(packageRoot(), 'dist', 'java-agent-shim');
}

/** The host script the shim starts with node. */
export function hostScriptPath(): string {
  return join(packageRoot(), 'dist', 'src', 'agent', 'host-main.js');
}
