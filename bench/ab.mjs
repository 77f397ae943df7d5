#!/usr/bin/env node
// `node bench/ab.mjs <distA> <distB> <workload> [--passes N] [--warmup W] [--b-flags "<node flags>"] [corpus dir]`
//
// A/B of two classforge builds (each a `dist/` directory, e.g. one built from a git worktree of the base commit):
// one serving process per build (bench/classforge-bench.mjs in `serve` mode), passes alternating ABBA after
// `--warmup` passes each, and the median of the paired B/A ratios with its interquartile range. On this VM a lone
// pass can take twice as long from one minute to the next; paired passes bring the noise to about ±5% (run an
// A/A comparison to see the floor). Workloads: those of bench/classforge-bench.mjs (scan, read, tree-parse, copy,
// full-rewrite, compute-maxs, compute-frames). The corpus defaults to the java.base directory `npm run bench`
// extracted.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PassServer, median, quantile } from './pass-server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

function parseArgs(argv) {
  const args = { dists: [], workload: null, passes: 16, warmup: 4, bFlags: [], corpus: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--passes') args.passes = Number(argv[++i]);
    else if (a === '--warmup') args.warmup = Number(argv[++i]);
    else if (a === '--b-flags') args.bFlags = argv[++i].split(' ').filter(Boolean);
    else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
    else if (args.dists.length < 2) args.dists.push(path.resolve(a));
    else if (args.workload === null) args.workload = a;
    else args.corpus = path.resolve(a);
  }
  if (args.dists.length < 2 || args.workload === null) throw new Error('usage: node bench/ab.mjs <distA> <distB> <workload> [--passes N] [--warmup W] [corpus dir]');
  return args;
}

function defaultCorpus() {
  const cache = path.join(here, '..', 'node_modules', '.cache', 'classforge', 'bench');
  const dir = fs.existsSync(cache) ? fs.readdirSync(cache).find((d) => d.startsWith('java.base-')) : undefined;
  if (dir === undefined) throw new Error('no java.base corpus yet: run `npm run bench -- --workloads copy --runs 1 --rounds 1` once, or give a directory');
  return path.join(cache, dir);
}

/** A classforge-bench process in serve mode on the build `dist`. */
const server = (dist, flags, corpus, workload) =>
  new PassServer(process.execPath, [...flags, path.join(here, 'classforge-bench.mjs'), corpus, 'serve', workload],
    { ...process.env, CLASSFORGE_DIST: dist });

const args = parseArgs(process.argv.slice(2));
const corpus = args.corpus ?? defaultCorpus();
const a = server(args.dists[0], [], corpus, args.workload);
const b = server(args.dists[1], args.bFlags, corpus, args.workload);
await a.start();
await b.start();
const timesA = [];
const timesB = [];
for (let i = 0; i < args.warmup + args.passes; i++) {
  let tA;
  let tB;
  if (i % 2 === 0) { tA = (await a.pass()).ms; tB = (await b.pass()).ms; } else { tB = (await b.pass()).ms; tA = (await a.pass()).ms; }
  if (i >= args.warmup) { timesA.push(tA); timesB.push(tB); }
}
await Promise.all([a.close(), b.close()]);
const ratios = timesB.map((t, i) => t / timesA[i]);
console.log(`${args.workload}: A ${median(timesA).toFixed(0)} ms, B ${median(timesB).toFixed(0)} ms (medians of ${args.passes} passes); ` +
  `B/A ${median(ratios).toFixed(3)} (IQR ${quantile(ratios, 0.25).toFixed(3)}–${quantile(ratios, 0.75).toFixed(3)})`);
