// Every file under a directory, by relative path: outputs compared whole (in process against worker
// threads, a run against a reference).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every file under `dir` (relative path → bytes), in sorted order. */
export function readTree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (path: string): void => {
    for (const name of readdirSync(path).sort()) {
      const child = join(path, name);
      if (statSync(child).isDirectory()) walk(child);
      else files.set(relative(dir, child), readFileSync(child));
    }
  };
  walk(dir);
  return files;
}
