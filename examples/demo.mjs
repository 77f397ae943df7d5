#!/usr/bin/env node
// `npm run demo`: compiles the bundled example with the real javac and runs it; prints a class with
// `classforge print`; copies every class through ClassReader → ClassWriter (byte-identical); rewrites the
// classes with a small ASM-style visitor (examples/trace-entry.mjs) and runs the result under
// `java -Xverify:all`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { copy, traceEntry } from './trace-entry.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.join(here, '..', 'dist', 'cli', 'classforge.js');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'classforge-demo-'));
const original = path.join(work, 'original');
const rewritten = path.join(work, 'rewritten');
const step = (title) => console.log(`\n\x1b[1m== ${title}\x1b[0m`);
const classFiles = (dir) => fs.readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.class'));

try {
  step('javac -d original examples/hello/Hello.java');
  execFileSync('javac', ['-g', '-d', original, path.join(here, 'hello', 'Hello.java')], { stdio: 'inherit' });
  step('java -cp original demo.Hello');
  execFileSync('java', ['-cp', original, 'demo.Hello'], { stdio: 'inherit' });

  step("classforge print original --class 'demo.Hello$*'");
  execFileSync(process.execPath, [cli, 'print', original, '--class', 'demo.Hello$*'], { stdio: 'inherit' });

  step('copy path: ClassReader → ClassWriter(reader, 0), nothing changed');
  for (const file of classFiles(original)) {
    const bytes = fs.readFileSync(path.join(original, file));
    const same = Buffer.compare(Buffer.from(copy(bytes)), bytes) === 0;
    console.log(`${file}: ${bytes.length} bytes, ${same ? 'byte-identical' : 'DIFFERENT'}`);
  }

  step('rewrite with the TraceEntry visitor, then java -Xverify:all -cp rewritten demo.Hello');
  for (const file of classFiles(original)) {
    const out = path.join(rewritten, file);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, traceEntry(fs.readFileSync(path.join(original, file))));
  }
  execFileSync('java', ['-Xverify:all', '-cp', rewritten, 'demo.Hello'], { stdio: 'inherit' });
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
