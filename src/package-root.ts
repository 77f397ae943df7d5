// # Where this copy of classforge is installed
//
// The built package is bundled (scripts/build.mjs): a module's own URL is then that of a chunk in
// dist/chunks/, not of its place in the sources, so files of the package (the host script, the shim's
// classes, the entry modules a transform imports) are found from the package root instead.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's root directory and the version its package.json gives, found once. */
let found: { readonly root: string; readonly version: string } | null = null;

function findPackage(): { readonly root: string; readonly version: string } {
  if (found !== null) return found;
  const start = dirname(fileURLToPath(import.meta.url));
  let directory = start;
  for (;;) {
    const manifest = join(directory, 'package.json');
    if (existsSync(manifest)) {
      try {
        const { name, version } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
        if (name === 'classforge') return (found = { root: directory, version: typeof version === 'string' ? version : '0.0.0' });
      } catch {
        // Not ours: keep walking up.
      }
    }
    const parent = dirname(directory);
    if (parent === directory) throw new Error(`cannot find classforge's package.json above ${start}`);
    directory = parent;
  }
}

/** classforge's package root (the directory of its package.json), from this module's location. */
export function packageRoot(): string {
  return findPackage().root;
}

/** The version in classforge's package.json. */
export function packageVersion(): string {
  return findPackage().version;
}

/** Whether this code runs from the TypeScript sources (vitest), not from the built dist/. */
export function runningFromSources(): boolean {
  return import.meta.url.endsWith('.ts');
}
