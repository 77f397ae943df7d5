// A one-class jar and a transform that changes its class, in a fresh temporary directory, for the
// tests of how `transform -o` and `agent -o` write their output (mode, links), through the built CLI.

import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import JSZip from 'jszip';
import { compileJava, makeTempDir, PROJECT_ROOT } from './javac.js';

const CLI = join(PROJECT_ROOT, 'dist', 'cli', 'classforge.js');

export interface OutputFixture {
  /** The temporary directory (also the CLI's working directory). */
  readonly work: string;
  /** in.jar, holding p/A.class. */
  readonly input: string;
  /** p/A.class's bytes as javac wrote them. */
  readonly classBytes: Uint8Array;
  /** bump.mjs: sets ACC_SYNTHETIC on every class, so that each output is written. */
  readonly transform: string;
  /** Runs the built CLI in `work`. */
  classforge(...args: string[]): Promise<{ exitCode: number; stderr: string }>;
  remove(): Promise<void>;
}

export async function makeOutputFixture(name: string): Promise<OutputFixture> {
  const work = await makeTempDir(name);
  const compiled = await compileJava({ 'p/A.java': 'package p;\npublic class A { int f() { return 1; } }\n' });
  const classBytes = compiled.classes[0]!.bytes;
  const zip = new JSZip();
  zip.file('p/A.class', classBytes);
  const input = join(work, 'in.jar');
  await writeFile(input, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  const transform = join(work, 'bump.mjs');
  await writeFile(
    transform,
    "import { defineTransform } from 'classforge';\nexport default defineTransform({ name: 'bump', tree(node) { node.access |= 0x1000; } });\n",
  );
  return {
    work,
    input,
    classBytes,
    transform,
    classforge: async (...args) => {
      const result = await execa('node', [CLI, ...args], { reject: false, cwd: work });
      return { exitCode: result.exitCode ?? -1, stderr: result.stderr ?? '' };
    },
    remove: () => rm(work, { recursive: true, force: true }),
  };
}
