#!/usr/bin/env node
// # npm run build
//
// 1. tsc type-checks, writes the type declarations to dist/ and the JavaScript, one file per module,
//    to a staging directory.
// 2. Rollup bundles that JavaScript into dist/: one file per entry point below, at the path tsc would
//    have given it, and the code the entries share in dist/chunks/, each module once. Node's ES module
//    loader costs about half a millisecond per module file: importing 'classforge' took ~190 ms as
//    tsc's 276 files, ~90 ms as a few dozen chunks, and every process pays it — the CLI, the agent's
//    transform host before the JVM's first class, each worker thread. The chunks split along what
//    each entry needs (`classforge print` loads no compiler and no agent; test cli-lazy-commands
//    checks it through dist/bundle-meta.json, which says which modules each output holds).
//    Rollup, not esbuild (which loads transform modules): esbuild turns a bundle's top-level `const`s
//    into `var`s, and V8 then no longer folds them as constants (String.prototype.charCodeAt held in
//    a const, lookup tables): a full rewrite ran 5%, COMPUTE_FRAMES 8% slower. Rollup keeps the code
//    as tsc wrote it. Nothing is tree-shaken: the entries keep every module they import.
// 3. The agent shim's Java classes (java-agent-shim/build.mjs).
import { spawnSync } from 'node:child_process';
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rollup } from 'rollup';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');

/** The modules loaded by path from outside the bundle: package.json's exports and bin, processes and threads we start, scripts of bench/. */
const ENTRY_POINTS = [
  'src/index.ts', // 'classforge'
  'src/source/index.ts', // 'classforge/source'
  'src/testing/index.ts', // 'classforge/testing'
  'cli/classforge.ts', // bin
  'src/agent/host-main.ts', // the transform host the agent shim starts (installation.ts)
  'src/transform/transform-worker.ts', // worker threads of transform jobs (run-transform-job.ts)
  // bench/ scripts' internals.
  'src/transform/index.ts',
  'src/transform/v8-flags.ts',
  'src/analysis/class-verifier.ts',
  'src/commons/index.ts',
  'src/classpath/zip-archive.ts',
];

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.error !== undefined) throw result.error;
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// JavaScript of earlier builds (per-module files, old chunks) must not linger beside the bundle.
for (const directory of ['src', 'cli', 'chunks']) rmSync(join(dist, directory), { recursive: true, force: true });
const staging = join(root, 'node_modules', '.cache', 'classforge', 'tsc-output');
rmSync(staging, { recursive: true, force: true });

const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
run(process.execPath, [tsc, '-p', 'tsconfig.json', '--outDir', staging, '--declarationDir', dist, '--sourceMap', 'false']);

const bundle = await rollup({
  input: Object.fromEntries(ENTRY_POINTS.map((entry) => [entry.replace(/\.ts$/, ''), join(staging, entry.replace(/\.ts$/, '.js'))])),
  // Node's built-ins and the dependencies stay imports, loaded from node_modules as the sources load them.
  external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0'),
  treeshake: false,
  // An entry exports exactly what its module exports: code the entries share goes to chunks, never
  // out through an entry under an extra name ('classforge' users see only the API).
  preserveEntrySignatures: 'strict',
  onwarn: (warning, warn) => {
    // Import cycles between modules are ES module semantics, kept as they are.
    if (warning.code !== 'CIRCULAR_DEPENDENCY') warn(warning);
  },
});
const { output } = await bundle.write({
  dir: dist,
  format: 'es',
  entryFileNames: '[name].js',
  chunkFileNames: 'chunks/[name]-[hash].js',
});
await bundle.close();
rmSync(staging, { recursive: true, force: true });
const outputs = Object.fromEntries(
  output
    .filter((file) => file.type === 'chunk')
    .map((chunk) => [chunk.fileName, Object.keys(chunk.modules).map((id) => relative(staging, id).replace(/\.js$/, '.ts')).sort()]),
);
writeFileSync(join(dist, 'bundle-meta.json'), JSON.stringify({ outputs }, null, 1) + '\n');
chmodSync(join(dist, 'cli', 'classforge.js'), 0o755);

run(process.execPath, [join(root, 'java-agent-shim', 'build.mjs')]);
