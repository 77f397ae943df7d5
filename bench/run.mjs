#!/usr/bin/env node
// `npm run bench [jar|dir] [--suite asm|source] [--runs N] [--rounds R] [--workloads a,b] [--json]`
//
// Suite `asm` (the default): runs OW2 ASM (Debian's libasm-java, through the small Java harness AsmBench.java
// compiled here) and classforge side by side on the same class files, and prints warm medians, first-pass
// times and the ratio classforge/ASM. When a JDK 24+ is installed, the JDK's own ClassFile API runs the same
// workloads too. Default corpus: java.base of the JDK on PATH (JAVA_HOME first).
// Suite `source` (`npm run bench:source`): Javassist (Debian's libjavassist-java, JavassistBench.java) and
// classforge/source, source-level edits compiled from Java snippets. Default corpus: Debian's commons-lang3.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { findJavaHome, findJdkAtLeast } from './jdk.mjs';
import { PassServer, median, quantile } from './pass-server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const cacheRoot = path.join(root, 'node_modules', '.cache', 'classforge', 'bench');

const SUITES = {
  asm: {
    anchor: 'ASM', harness: 'AsmBench', jars: ['asm.jar', 'asm-tree.jar', 'asm-commons.jar'], debianPackage: 'libasm-java', classFileApi: true,
    workloads: ['scan', 'read', 'tree-parse', 'copy', 'full-rewrite', 'tree-roundtrip', 'adapter', 'adapter-frames', 'compute-maxs', 'compute-frames', 'instrument', 'instrument-transform'],
  },
  source: {
    anchor: 'Javassist', harness: 'JavassistBench', jars: ['javassist.jar'], debianPackage: 'libjavassist-java', classFileApi: false,
    defaultCorpus: '/usr/share/java/commons-lang3.jar',
    workloads: ['insert-before', 'timing', 'expr-editor', 'add-members'],
  },
};

function parseArgs(argv) {
  const args = { input: null, suite: 'asm', runs: 10, rounds: 2, workloads: null, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--suite') args.suite = argv[++i];
    else if (a === '--runs') args.runs = Number(argv[++i]);
    else if (a === '--rounds') args.rounds = Number(argv[++i]);
    else if (a === '--workloads') args.workloads = argv[++i].split(',');
    else if (a === '--json') args.json = true;
    else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
    else args.input = path.resolve(a);
  }
  const suite = SUITES[args.suite];
  if (!suite) throw new Error(`unknown suite ${args.suite} (${Object.keys(SUITES).join(', ')})`);
  args.workloads ??= suite.workloads;
  for (const w of args.workloads) if (!suite.workloads.includes(w)) throw new Error(`unknown workload ${w} in suite ${args.suite}`);
  if (args.input === null && suite.defaultCorpus) args.input = suite.defaultCorpus;
  return { ...args, suite };
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

/** Compiles a Java harness and BenchHarness.java (their shared part) once per content and JDK. */
function compileHarness(javaHome, source, classpath) {
  const sources = [source, 'BenchHarness.java'];
  const dir = path.join(cacheRoot, `harness-${hashOf(javaHome, ...sources.map((s) => fs.readFileSync(path.join(here, s), 'utf8')), classpath)}`);
  if (!fs.existsSync(path.join(dir, source.replace('.java', '.class')))) {
    fs.mkdirSync(dir, { recursive: true });
    execFileSync(path.join(javaHome, 'bin', 'javac'), ['-nowarn', '-cp', classpath, '-d', dir, ...sources.map((s) => path.join(here, s))],
      { stdio: 'inherit' });
  }
  return dir;
}

// A fixed heap, every page of it touched at start (-XX:+AlwaysPreTouch, as JMH advises for stable runs): without
// it a JVM serving passes between the other sides' could settle for good at several times its speed (ASM's
// full-rewrite of 3,000 small classes: 21 ms for some passes, then 125 ms for every pass after), three quarters
// of its time in the kernel zero-filling pages of a heap that G1 had given back and took again.
const javaServer = (javaHome, mainClass, classpath, classDir, workload) =>
  new PassServer(path.join(javaHome, 'bin', 'java'),
    ['-Xms2g', '-Xmx2g', '-XX:+AlwaysPreTouch', '-cp', classpath, mainClass, classDir, 'serve', workload]);

const classforgeServer = (classDir, workload) =>
  new PassServer(process.execPath, [path.join(here, 'classforge-bench.mjs'), classDir, 'serve', workload]);

/** Whether the last `window` of `times` lie within `tolerance` of their median: the side has settled. */
function settled(times, window = 3, tolerance = 0.1) {
  if (times.length < window) return false;
  const last = times.slice(-window);
  const m = median(last);
  return last.every((t) => Math.abs(t - m) <= tolerance * m);
}

/**
 * One round of a workload: fresh processes for every side, a first pass each, then warm-up passes
 * (at least `minWarmup`) until every side has settled — three passes in a row within 10% of each
 * other, at most `maxWarmup` passes: HotSpot's C2 compiles ASM's largest methods for several passes
 * (a pass can take five times its final time meanwhile), and counting those passes would flatter
 * classforge — then `runs` measured passes each, the sides taking turns (ABBA order).
 */
async function runRound(servers, minWarmup, maxWarmup, runs) {
  const supported = [];
  for (const s of servers) if (await s.start()) supported.push(s);
  const result = new Map(servers.map((s) => [s, { firstMs: undefined, times: [], failed: 0, warmup: 0 }]));
  for (const s of supported) {
    const r = await s.pass();
    Object.assign(result.get(s), { firstMs: r.ms, failed: r.failed });
  }
  const warmupTimes = new Map(supported.map((s) => [s, []]));
  let i = 0;
  for (; i < maxWarmup && (i < minWarmup || !supported.every((s) => settled(warmupTimes.get(s)))); i++) {
    const order = i % 2 === 0 ? supported : [...supported].reverse();
    for (const s of order) warmupTimes.get(s).push((await s.pass()).ms);
  }
  for (const s of supported) result.get(s).warmup = i;
  for (let k = 0; k < runs; k++, i++) {
    const order = i % 2 === 0 ? supported : [...supported].reverse();
    for (const s of order) result.get(s).times.push((await s.pass()).ms);
  }
  await Promise.all(servers.map((s) => s.close()));
  return servers.map((s) => result.get(s));
}

const fmt = (ms) => (ms === undefined ? '—' : `${ms.toFixed(0)} ms`);

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const javaHome = findJavaHome();
  const classDir = args.input === null ? javaBaseDir(javaHome)
    : fs.statSync(args.input).isDirectory() ? args.input : await jarDir(args.input);
  const classes = listClasses(classDir);
  const corpus = args.input ?? `java.base of ${javaHome}`;
  const { anchor, harness } = args.suite;
  console.error(`corpus: ${corpus} — ${classes.length} classes, ${(classes.reduce((s, b) => s + b.length, 0) / 1e6).toFixed(1)} MB; ${args.rounds} rounds of ${args.runs} warm runs`);

  const anchorCp = args.suite.jars.map((j) => path.join('/usr/share/java', j)).join(path.delimiter);
  for (const j of anchorCp.split(path.delimiter)) if (!fs.existsSync(j)) throw new Error(`${j} is missing: apt-get install ${args.suite.debianPackage}`);
  const anchorDir = compileHarness(javaHome, `${harness}.java`, anchorCp);
  const jdk24 = args.suite.classFileApi ? findJdkAtLeast(24) : null;
  const cfApiDir = jdk24 ? compileHarness(jdk24, 'ClassFileApiBench.java', '.') : null;
  const minWarmup = Math.max(3, args.runs >> 2);
  const maxWarmup = 20;
  // Every workload runs in processes of its own, on every side (as JMH forks per benchmark): run one
  // after another in one process, the visitor call sites that the first workload trains (ClassNode's)
  // slow down the next ones (ClassWriter's) in a way that depends on the order.
  const rows = [];
  for (const w of args.workloads) {
    const rounds = [];
    for (let round = 1; round <= args.rounds; round++) {
      console.error(`${w}, round ${round}/${args.rounds}: ${anchor}, classforge${jdk24 ? ' and the ClassFile API' : ''} alternating, ${minWarmup} to ${maxWarmup} warm-up passes (until settled) and ${args.runs} measured passes each…`);
      const servers = [
        // The corpus is on ASM's class path too, so that its getCommonSuperClass can load the classes.
        javaServer(javaHome, harness, `${anchorCp}${path.delimiter}${anchorDir}${path.delimiter}${classDir}`, classDir, w),
        classforgeServer(classDir, w),
      ];
      if (jdk24) servers.push(javaServer(jdk24, 'ClassFileApiBench', cfApiDir, classDir, w));
      const roundResult = await runRound(servers, minWarmup, maxWarmup, args.runs);
      console.error(`  warm-up: ${roundResult[0].warmup} passes`);
      rounds.push(roundResult);
    }
    const side = (i) => ({
      medianMs: median(rounds.flatMap((r) => r[i].times)),
      firstMs: median(rounds.map((r) => r[i].firstMs)),
      failed: rounds[0][i].failed,
    });
    // Each measured anchor pass is paired with the classforge pass next to it.
    const ratios = rounds.flatMap((r) => r[1].times.map((t, k) => t / r[0].times[k]));
    const cfApi = jdk24 && rounds[0][2].times.length > 0 ? side(2) : null;
    rows.push({ workload: w, anchor: side(0), classforge: side(1), classFileApi: cfApi, ratio: median(ratios),
      ratioRange: [quantile(ratios, 0.25), quantile(ratios, 0.75)] });
  }
  if (args.json) { console.log(JSON.stringify({ corpus, classes: classes.length, anchor, rounds: args.rounds, node: process.version, rows }, null, 2)); return; }
  const header = ['workload', `${anchor} warm`, `${anchor} first`, 'classforge warm', 'classforge first', 'ratio (warm)', 'ratio IQR'];
  const withCfApi = rows.some((r) => r.classFileApi !== null);
  if (withCfApi) header.push('ClassFile API warm');
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => '---').join('|')}|`);
  for (const r of rows) {
    const cells = [r.workload, fmt(r.anchor.medianMs), fmt(r.anchor.firstMs), fmt(r.classforge.medianMs), fmt(r.classforge.firstMs),
      `${r.ratio.toFixed(2)}×`, `${r.ratioRange[0].toFixed(2)}–${r.ratioRange[1].toFixed(2)}×`];
    if (withCfApi) cells.push(r.classFileApi ? fmt(r.classFileApi.medianMs) : '—');
    console.log(`| ${cells.join(' | ')} |`);
    if (r.classforge.failed || r.anchor.failed) console.log(`  (classes failed: classforge ${r.classforge.failed}, ${anchor} ${r.anchor.failed})`);
  }
  console.log(`\n${classes.length} classes; ${args.rounds} rounds of ${args.runs} measured passes per side, the sides alternating pass by pass; ratio = median of the paired passes' ratios; Node ${process.version}, ${os.cpus().length} cores; ${anchor} from /usr/share/java.`);
}

main().catch((e) => { console.error(`bench: ${e.message}`); process.exit(1); });
