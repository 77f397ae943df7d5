#!/usr/bin/env node
// `npm run bench [jar|dir] [--runs N] [--rounds R] [--workloads a,b] [--json]`
//
// Runs OW2 ASM (Debian's libasm-java, through the small Java harness AsmBench.java compiled here) and
// classforge side by side on the same class files, and prints warm medians, first-pass times and the ratio
// classforge/ASM. When a JDK 24+ is installed, the JDK's own ClassFile API runs the same workloads too.
// Default corpus: java.base of the JDK on PATH (JAVA_HOME first).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { findJavaHome, findJdkAtLeast } from './jdk.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const cacheRoot = path.join(root, 'node_modules', '.cache', 'classforge', 'bench');

const ALL_WORKLOADS = ['read', 'tree-parse', 'copy', 'full-rewrite', 'compute-maxs', 'compute-frames'];

function parseArgs(argv) {
  const args = { input: null, runs: 15, rounds: 3, workloads: ALL_WORKLOADS, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--runs') args.runs = Number(argv[++i]);
    else if (a === '--rounds') args.rounds = Number(argv[++i]);
    else if (a === '--workloads') args.workloads = argv[++i].split(',');
    else if (a === '--json') args.json = true;
    else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
    else args.input = path.resolve(a);
  }
  for (const w of args.workloads) if (!ALL_WORKLOADS.includes(w)) throw new Error(`unknown workload ${w}`);
  return args;
}

function hashOf(...parts) {
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 16);
}

/** Extracts the JDK's java.base classes once (jimage extract) and returns the directory. */
function javaBaseDir(javaHome) {
  const release = fs.readFileSync(path.join(javaHome, 'release'), 'utf8');
  const dir = path.join(cacheRoot, `java.base-${hashOf(javaHome, release)}`);
  if (!fs.existsSync(path.join(dir, '.done'))) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    execFileSync(path.join(javaHome, 'bin', 'jimage'), ['extract', '--dir', dir, '--include', 'regex:/java.base/.*',
      path.join(javaHome, 'lib', 'modules')], { stdio: 'inherit' });
    fs.writeFileSync(path.join(dir, '.done'), '');
  }
  return dir;
}

/** Extracts the .class entries of a jar once, so that both harnesses read the same files. */
async function jarDir(jar) {
  const st = fs.statSync(jar);
  const dir = path.join(cacheRoot, `jar-${hashOf(jar, st.size, st.mtimeMs)}`);
  if (!fs.existsSync(path.join(dir, '.done'))) {
    fs.rmSync(dir, { recursive: true, force: true });
    const zip = await JSZip.loadAsync(fs.readFileSync(jar));
    for (const entry of Object.values(zip.files)) {
      if (entry.dir || !entry.name.endsWith('.class')) continue;
      const out = path.join(dir, entry.name);
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, await entry.async('uint8array'));
    }
    fs.writeFileSync(path.join(dir, '.done'), '');
  }
  return dir;
}

function listClasses(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.class')) out.push(new Uint8Array(fs.readFileSync(p)));
    }
  };
  walk(dir);
  return out;
}

function compileHarness(javaHome, source, classpath) {
  const dir = path.join(cacheRoot, `harness-${hashOf(javaHome, fs.readFileSync(path.join(here, source), 'utf8'), classpath)}`);
  if (!fs.existsSync(path.join(dir, source.replace('.java', '.class')))) {
    fs.mkdirSync(dir, { recursive: true });
    execFileSync(path.join(javaHome, 'bin', 'javac'), ['-nowarn', '-cp', classpath, '-d', dir, path.join(here, source)],
      { stdio: 'inherit' });
  }
  return dir;
}

function runJavaHarness(javaHome, mainClass, classpath, classDir, runs, workloads) {
  const out = execFileSync(path.join(javaHome, 'bin', 'java'), ['-Xms2g', '-Xmx4g', '-cp', classpath, mainClass, classDir,
    String(runs), ...workloads], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const results = {};
  for (const line of out.split('\n')) if (line.trim()) { const r = JSON.parse(line); results[r.workload] = r; }
  return results;
}

/** Runs bench/classforge-bench.mjs in a child Node process (same output format as the Java harnesses). */
function runClassforge(classDir, runs, workloads) {
  const out = execFileSync(process.execPath, [path.join(here, 'classforge-bench.mjs'), classDir, String(runs), ...workloads],
    { encoding: 'utf8', maxBuffer: 1 << 24 });
  const results = {};
  for (const line of out.split('\n')) if (line.trim()) { const r = JSON.parse(line); results[r.workload] = r; }
  return results;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** The median over rounds of each workload's warm median and first pass, and the failures of the first round. */
function combine(rounds, workload) {
  const results = rounds.map((r) => r[workload]);
  return {
    medianMs: median(results.map((r) => r.medianMs)),
    firstMs: median(results.map((r) => r.firstMs)),
    failed: results[0].failed,
  };
}

const fmt = (ms) => (ms === undefined ? '—' : `${ms.toFixed(0)} ms`);

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const javaHome = findJavaHome();
  const classDir = args.input === null ? javaBaseDir(javaHome)
    : fs.statSync(args.input).isDirectory() ? args.input : await jarDir(args.input);
  const classes = listClasses(classDir);
  const corpus = args.input ?? `java.base of ${javaHome}`;
  console.error(`corpus: ${corpus} — ${classes.length} classes, ${(classes.reduce((s, b) => s + b.length, 0) / 1e6).toFixed(1)} MB; ${args.rounds} rounds of ${args.runs} warm runs`);

  const asmCp = ['asm.jar', 'asm-tree.jar'].map((j) => path.join('/usr/share/java', j)).join(path.delimiter);
  for (const j of asmCp.split(path.delimiter)) if (!fs.existsSync(j)) throw new Error(`${j} is missing: apt-get install libasm-java`);
  const asmDir = compileHarness(javaHome, 'AsmBench.java', asmCp);
  // Rounds alternate ASM and classforge, each in a fresh process: this VM's speed drifts by tens of percent
  // over minutes, so one run of each side, minutes apart, can be off by that much. The table shows the
  // median over rounds, and the ratio's range across rounds.
  const asmRounds = [];
  const ourRounds = [];
  const cfApiRounds = [];
  const jdk24 = findJdkAtLeast(24);
  const cfApiDir = jdk24 ? compileHarness(jdk24, 'ClassFileApiBench.java', '.') : null;
  // Each workload also runs in a process of its own, on both sides (as JMH forks per benchmark): run one
  // after another in one process, the visitor call sites that the first workload trains (ClassNode's)
  // slow down the next ones (ClassWriter's) in a way that depends on the order.
  for (let round = 1; round <= args.rounds; round++) {
    const asmRound = {};
    const ourRound = {};
    const cfApiRound = {};
    for (const w of args.workloads) {
      console.error(`round ${round}/${args.rounds}, ${w}: ASM…`);
      // The corpus is on ASM's class path too, so that its getCommonSuperClass can load the classes.
      Object.assign(asmRound, runJavaHarness(javaHome, 'AsmBench', `${asmCp}${path.delimiter}${asmDir}${path.delimiter}${classDir}`, classDir, args.runs, [w]));
      console.error(`round ${round}/${args.rounds}, ${w}: classforge…`);
      Object.assign(ourRound, runClassforge(classDir, args.runs, [w]));
      if (jdk24) {
        console.error(`round ${round}/${args.rounds}, ${w}: the ClassFile API of ${jdk24}…`);
        Object.assign(cfApiRound, runJavaHarness(jdk24, 'ClassFileApiBench', cfApiDir, classDir, args.runs, [w]));
      }
    }
    asmRounds.push(asmRound);
    ourRounds.push(ourRound);
    if (jdk24) cfApiRounds.push(cfApiRound);
  }

  const rows = args.workloads.map((w) => {
    const ratios = asmRounds.map((asmRound, i) => ourRounds[i][w].medianMs / asmRound[w].medianMs);
    const cfApi = cfApiRounds.length > 0 && cfApiRounds[0][w] ? combine(cfApiRounds, w) : null;
    return {
      workload: w,
      asm: combine(asmRounds, w),
      classforge: combine(ourRounds, w),
      classFileApi: cfApi,
      ratio: median(ratios),
      ratioRange: [Math.min(...ratios), Math.max(...ratios)],
    };
  });
  if (args.json) { console.log(JSON.stringify({ corpus, classes: classes.length, rounds: args.rounds, node: process.version, rows }, null, 2)); return; }
  const header = ['workload', 'ASM warm', 'ASM first', 'classforge warm', 'classforge first', 'ratio (warm)', 'ratio range'];
  if (cfApiRounds.length > 0) header.push('ClassFile API warm');
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => '---').join('|')}|`);
  for (const r of rows) {
    const cells = [r.workload, fmt(r.asm.medianMs), fmt(r.asm.firstMs), fmt(r.classforge.medianMs), fmt(r.classforge.firstMs),
      `${r.ratio.toFixed(2)}×`, `${r.ratioRange[0].toFixed(2)}–${r.ratioRange[1].toFixed(2)}×`];
    if (cfApiRounds.length > 0) cells.push(r.classFileApi ? fmt(r.classFileApi.medianMs) : '—');
    console.log(`| ${cells.join(' | ')} |`);
    if (r.classforge.failed || r.asm.failed) console.log(`  (failures: classforge ${r.classforge.failed}, ASM ${r.asm.failed})`);
  }
  console.log(`\n${classes.length} classes; medians over ${args.rounds} rounds of ${args.runs} warm passes; Node ${process.version}, ${os.cpus().length} cores; ASM 9 from /usr/share/java.`);
}

main().catch((e) => { console.error(`bench: ${e.message}`); process.exit(1); });
