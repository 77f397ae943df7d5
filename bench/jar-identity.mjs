#!/usr/bin/env node
// `node bench/jar-identity.mjs [jar] [--runs N]`: the identity transform over a whole jar, cold, as whole
// processes: `classforge transform in.jar -o out.jar -t identity.mjs` (Node start, transform loading, jar
// reading and writing included) beside a JVM running ASM (bench/AsmJarIdentity.java: ClassReader →
// identity ClassVisitor → ClassWriter(reader, 0) over every class, java.util.zip for the jar). Medians.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findJavaHome } from './jdk.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 5;
const jar = path.resolve(args[0] ?? '/usr/share/java/guava.jar');
const javaHome = findJavaHome();
const asmCp = ['asm.jar'].map((j) => path.join('/usr/share/java', j)).join(path.delimiter);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'classforge-jar-identity-'));
try {
  execFileSync(path.join(javaHome, 'bin', 'javac'), ['-nowarn', '-cp', asmCp, '-d', work, path.join(here, 'AsmJarIdentity.java')]);
  const identity = path.join(work, 'identity.mjs');
  fs.writeFileSync(identity, "import { defineTransform, ClassVisitor, Opcodes } from 'classforge';\n" +
    "export default defineTransform({ name: 'identity', visitor: (next) => new ClassVisitor(Opcodes.ASM9, next) });\n");
  const time = (command, argv) => {
    const started = performance.now();
    execFileSync(command, argv, { stdio: ['ignore', 'ignore', 'inherit'] });
    return performance.now() - started;
  };
  const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
  const ours = [];
  const asm = [];
  for (let i = 0; i < runs; i++) {
    for (const f of fs.readdirSync(work)) if (f.endsWith('.jar')) fs.rmSync(path.join(work, f));
    ours.push(time(process.execPath, [path.join(root, 'dist', 'cli', 'classforge.js'), 'transform', jar, '-o',
      path.join(work, 'ours.jar'), '-t', identity, '--jobs', '1']));
    asm.push(time(path.join(javaHome, 'bin', 'java'), ['-cp', `${asmCp}${path.delimiter}${work}`, 'AsmJarIdentity', jar,
      path.join(work, 'asm.jar')]));
  }
  const identical = Buffer.compare(fs.readFileSync(jar), fs.readFileSync(path.join(work, 'ours.jar'))) === 0;
  console.log(`${path.basename(jar)}, identity transform, whole process, median of ${runs} cold runs:`);
  console.log(`  classforge transform --jobs 1: ${median(ours).toFixed(0)} ms (output byte-identical to the input: ${identical})`);
  console.log(`  java + ASM 9 + java.util.zip:   ${median(asm).toFixed(0)} ms`);
  console.log(`  ratio: ${(median(ours) / median(asm)).toFixed(2)}×`);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
