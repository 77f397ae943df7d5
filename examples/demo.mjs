#!/usr/bin/env node
// `npm run demo`: compiles the bundled example with the real javac and runs it; prints a class with
// `classforge print`; copies every class through ClassReader → ClassWriter (byte-identical); then packs the
// program into a jar, rewrites the jar with an example transform through the CLI
// (`classforge transform app.jar -o timed.jar -t examples/method-timing/transform.ts`), shows the change with
// `classforge diff`, verifies the result with `classforge verify`, and runs it under `java -Xverify:all`; last,
// `classforge run` applies the same transform inside the JVM as the original jar's classes load (the agent).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ClassReader, ClassWriter } from '../dist/src/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.join(here, '..', 'dist', 'cli', 'classforge.js');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'classforge-demo-'));
const original = path.join(work, 'original');
const jar = path.join(work, 'app.jar');
const timed = path.join(work, 'timed.jar');
/** The copy path: a reader and a writer sharing its pool; nothing changed, so the bytes come back unchanged. */
function copy(bytes) {
  const reader = new ClassReader(bytes);
  const writer = new ClassWriter(reader, 0);
  reader.accept(writer, 0);
  return writer.toByteArray();
}

const step = (title) => console.log(`\n\x1b[1m== ${title}\x1b[0m`);
const classFiles = (dir) => fs.readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.class'));
const run = (command, args) => execFileSync(command, args, { stdio: 'inherit' });
const classforge = (...args) => run(process.execPath, [cli, ...args]);

try {
  step('javac -g -d original examples/hello/Hello.java');
  run('javac', ['-g', '-d', original, path.join(here, 'hello', 'Hello.java')]);
  step('java -cp original demo.Hello');
  run('java', ['-cp', original, 'demo.Hello']);

  step("classforge print original --class 'demo.Hello$*'");
  classforge('print', original, '--class', 'demo.Hello$*');

  step('copy path: ClassReader → ClassWriter(reader, 0), nothing changed');
  for (const file of classFiles(original)) {
    const bytes = fs.readFileSync(path.join(original, file));
    const same = Buffer.compare(Buffer.from(copy(bytes)), bytes) === 0;
    console.log(`${file}: ${bytes.length} bytes, ${same ? 'byte-identical' : 'DIFFERENT'}`);
  }

  step('jar --create --file app.jar -C original .');
  run('jar', ['--create', '--file', jar, '--main-class', 'demo.Hello', '-C', original, '.']);

  const transform = path.join(here, 'method-timing', 'transform.ts');
  step(`classforge transform app.jar -o timed.jar -t examples/method-timing/transform.ts --options '{"output":"stdout"}'`);
  classforge('transform', jar, '-o', timed, '-t', transform, '--options', '{"output":"stdout"}', '--json');

  // diff exits 1 when the classes differ, as diff(1) does; the start of its output is enough here.
  step("classforge diff app.jar timed.jar --class 'demo.Hello' --skip-debug | head -24");
  const diff = spawnSync(process.execPath, [cli, 'diff', jar, timed, '--class', 'demo.Hello', '--skip-debug'], { encoding: 'utf8' });
  if (diff.status !== 1) throw new Error(`classforge diff exited ${diff.status}, expected 1 (the classes differ): ${diff.stderr}`);
  const diffLines = diff.stdout.trimEnd().split('\n');
  console.log(diffLines.slice(0, 24).join('\n') + `\n… (${diffLines.length - 24} more lines)`);

  step('classforge verify timed.jar');
  classforge('verify', timed);

  step('java -Xverify:all -jar timed.jar');
  run('java', ['-Xverify:all', '-jar', timed]);

  // The same transform inside the JVM, as the classes load: no rewritten jar.
  step(`classforge run -t examples/method-timing/transform.ts --options '{"output":"stdout"}' -- java -Xverify:all -jar app.jar`);
  classforge('run', '-t', transform, '--options', '{"output":"stdout"}', '--', 'java', '-Xverify:all', '-jar', jar);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
