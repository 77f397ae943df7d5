#!/usr/bin/env node
// `node bench/compare-builds.mjs <distA> <distB> [class dir] [jar…]`
//
// Whether two classforge builds (each a `dist/` directory, e.g. one copied before a change) write the same bytes:
// every class of the corpus read and written by each build, with the writer and reader settings of the benchmark's
// writing workloads (no COMPUTE_* with the reader's options 0, SKIP_FRAMES and SKIP_DEBUG; COMPUTE_MAXS and
// COMPUTE_FRAMES with 0 and SKIP_FRAMES), the results compared byte for byte (an error must be the same error).
// The check for a change meant to make the core faster without changing its output, beside bench/ab.mjs for the
// speed. The class directory defaults to the java.base corpus `npm run bench` extracted; jars (e.g. Debian's
// /usr/share/java/guava.jar) are read with their own class path. Exit 0 when every output is identical, 1 if not.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';

const here = path.dirname(fileURLToPath(import.meta.url));

function defaultCorpus() {
  const cache = path.join(here, '..', 'node_modules', '.cache', 'classforge', 'bench');
  const dir = fs.existsSync(cache) ? fs.readdirSync(cache).find((d) => d.startsWith('java.base-')) : undefined;
  if (dir === undefined) throw new Error('no java.base corpus yet: run `npm run bench -- --workloads copy --runs 1 --rounds 1` once, or give a directory');
  return path.join(cache, dir);
}

const [distA, distB, ...inputs] = process.argv.slice(2);
const jars = inputs.filter((input) => input.endsWith('.jar'));
const dirs = inputs.filter((input) => !input.endsWith('.jar'));
if (distA === undefined || distB === undefined || dirs.length > 1 || !inputs.every((input) => fs.existsSync(input))) {
  console.error('usage: node bench/compare-builds.mjs <distA> <distB> [class dir] [jar…]');
  process.exit(2);
}
const dir = dirs.length === 0 ? defaultCorpus() : path.resolve(dirs[0]);
const A = await import(path.join(path.resolve(distA), 'src', 'index.js'));
const B = await import(path.join(path.resolve(distB), 'src', 'index.js'));

/** The corpus: { name, bytes, source } with source the directory or the jar (its class path). */
const classes = [];
const walk = (d) => {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.name.endsWith('.class')) classes.push({ name: path.relative(dir, p), bytes: new Uint8Array(fs.readFileSync(p)), source: dir });
  }
};
walk(dir);
for (const jar of jars) {
  const zip = await JSZip.loadAsync(fs.readFileSync(jar));
  for (const [name, file] of Object.entries(zip.files)) {
    if (name.endsWith('.class') && !name.startsWith('META-INF/')) classes.push({ name: `${jar}!${name}`, bytes: await file.async('uint8array'), source: jar });
  }
}

const classPaths = new Map();
/** One ClassPath per build and source, kept across classes (as the benchmark's). */
function classPathOf(lib, source) {
  const key = `${lib === A ? 'A' : 'B'}${source}`;
  if (!classPaths.has(key)) classPaths.set(key, new lib.ClassPath([source]));
  return classPaths.get(key);
}

const { ClassWriter, ClassReader } = A;
const settings = [
  [0, 0],
  [0, ClassReader.SKIP_FRAMES],
  [0, ClassReader.SKIP_DEBUG],
  [ClassWriter.COMPUTE_MAXS, 0],
  [ClassWriter.COMPUTE_MAXS, ClassReader.SKIP_FRAMES],
  [ClassWriter.COMPUTE_FRAMES, 0],
  [ClassWriter.COMPUTE_FRAMES, ClassReader.SKIP_FRAMES],
];

/** The bytes `lib` writes for `c`, or its error as a string. */
function write(lib, c, writerFlags, parsingOptions) {
  try {
    const reader = new lib.ClassReader(c.bytes);
    const writer = new lib.ClassWriter(writerFlags, { classPath: classPathOf(lib, c.source) });
    reader.accept(writer, parsingOptions);
    return writer.toByteArray();
  } catch (error) {
    return `${error.constructor.name}: ${error.message}`;
  }
}

const same = (x, y) =>
  typeof x === 'string' || typeof y === 'string' ? x === y : x.length === y.length && x.every((v, i) => v === y[i]);

let differences = 0;
let errors = 0;
for (const c of classes) {
  for (const [writerFlags, parsingOptions] of settings) {
    const x = write(A, c, writerFlags, parsingOptions);
    const y = write(B, c, writerFlags, parsingOptions);
    if (!same(x, y)) {
      if (++differences <= 10) console.log(`differs: ${c.name} (writer flags ${writerFlags}, reader options ${parsingOptions})`);
    } else if (typeof x === 'string') {
      ++errors;
    }
  }
}
console.log(`${classes.length} classes × ${settings.length} settings: ${differences} different, ${errors} identical errors`);
process.exit(differences === 0 ? 0 : 1);
