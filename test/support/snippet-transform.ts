// A source-style transform made for a test: it inserts one snippet before a method of one class. Written
// into a temporary directory (removed afterwards), run offline with transformClasses and inside a JVM with
// `classforge run` (the agent), as the tests of snippet-made classes do.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { javaTool } from '../../src/testing/index.js';

const CLI = resolve(__dirname, '..', '..', 'dist', 'cli', 'classforge.js');

/** Runs `body` with the path of a transform inserting `snippet` before `method` of `className` (dotted), and the directory holding it. */
export async function withInsertBeforeTransform<T>(className: string, method: string, snippet: string, body: (transformFile: string, directory: string) => Promise<T>): Promise<T> {
  const directory = mkdtempSync(join(tmpdir(), 'classforge-snippet-transform-'));
  try {
    const transformFile = join(directory, 'audit.mjs');
    writeFileSync(
      transformFile,
      `import { defineTransform } from 'classforge';
      export default defineTransform({
        name: 'audit',
        include: [${JSON.stringify(className)}],
        source: (ctClass) => { ctClass.getDeclaredMethod(${JSON.stringify(method)}).insertBefore(${JSON.stringify(snippet)}); },
      });`,
    );
    return await body(transformFile, directory);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** The built CLI, or null when `npm run build` has not run (the agent and CLI checks are then left out). */
export const BUILT_CLI: string | null = existsSync(CLI) ? CLI : null;

/** The stdout lines of `mainClass` run under `classforge run -t transformFile` with -Xverify:all. */
export async function agentRunLines(cli: string, transformFile: string, classDir: string, mainClass: string): Promise<string[]> {
  const { stdout } = await promisify(execFile)(process.execPath, [cli, 'run', '-t', transformFile, '--', javaTool('java'), '-Xverify:all', '-cp', classDir, mainClass], { encoding: 'utf8' });
  return stdout.split('\n');
}
