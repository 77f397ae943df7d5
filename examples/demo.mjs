#!/usr/bin/env node
// `npm run demo`: compiles the bundled example with the real javac, runs it, and prints its class file
// with `classforge print` (the CLI built by `npm install`).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.join(here, '..', 'dist', 'cli', 'classforge.js');
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'classforge-demo-'));
const step = (title) => console.log(`\n\x1b[1m== ${title}\x1b[0m`);

try {
  step('javac examples/hello/Hello.java');
  execFileSync('javac', ['-g', '-d', out, path.join(here, 'hello', 'Hello.java')], { stdio: 'inherit' });
  step('java demo.Hello');
  execFileSync('java', ['-cp', out, 'demo.Hello'], { stdio: 'inherit' });
  step('classforge print demo/Hello.class');
  execFileSync(process.execPath, [cli, 'print', path.join(out, 'demo', 'Hello.class')], { stdio: 'inherit' });
  step(`classforge print ${out} --class 'demo.Hello$*'`);
  execFileSync(process.execPath, [cli, 'print', out, '--class', 'demo.Hello$*'], { stdio: 'inherit' });
} finally {
  fs.rmSync(out, { recursive: true, force: true });
}
