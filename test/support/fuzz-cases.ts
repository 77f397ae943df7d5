// Test support for the fuzz suite: deterministic randomness, class-file mutations and truncations, a
// sample of java.base from a JDK's runtime image, and a watchdog that turns a hang into a loud failure.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { Worker } from 'node:worker_threads';
import { readConstantPool } from '../../src/classfile/constant-pool.js';
import { PROJECT_ROOT, jdkVersion } from './javac.js';

const CACHE = join(PROJECT_ROOT, 'node_modules', '.cache', 'classforge');

export interface SeedClass {
  /** `fixtures:<name>` or `jdk17:java/lang/String`. */
  label: string;
  bytes: Uint8Array;
  /** The end of the constant pool: mutations favour the header and pool, where damage propagates. */
  poolEnd: number;
}

// ## Deterministic randomness

/** mulberry32: a small, fast, well-distributed 32-bit PRNG; same seed, same sequence on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function caseSeed(baseSeed: number, index: number): number {
  return (baseSeed ^ Math.imul(index + 1, 0x9e3779b9)) >>> 0;
}

// ## Mutations

export interface FuzzCase {
  index: number;
  seed: number;
  source: SeedClass;
  bytes: Uint8Array;
  mutations: string[];
}

export function hex(n: number): string {
  return `0x${n.toString(16).padStart(2, '0')}`;
}

export function mutate(baseSeed: number, index: number, corpus: readonly SeedClass[]): FuzzCase {
  const seed = caseSeed(baseSeed, index);
  const random = prng(seed);
  const int = (n: number): number => Math.floor(random() * n);
  const source = corpus[int(corpus.length)]!;
  let bytes = source.bytes;
  const mutations: string[] = [];
  const count = 1 + (random() < 0.6 ? 0 : int(4));
  for (let m = 0; m < count; m++) {
    // Half of the mutations land in the header and constant pool, half anywhere.
    const offset = random() < 0.5 ? int(Math.min(source.poolEnd, bytes.length)) : int(bytes.length);
    const kind = int(6);
    switch (kind) {
      case 0: {
        const bit = int(8);
        bytes = bytes.slice();
        bytes[offset] ^= 1 << bit;
        mutations.push(`flip bit ${bit} at ${offset}`);
        break;
      }
      case 1:
      case 2:
      case 3: {
        const value = kind === 1 ? 0x00 : kind === 2 ? 0xff : int(256);
        bytes = bytes.slice();
        mutations.push(`set ${hex(bytes[offset]!)}→${hex(value)} at ${offset}`);
        bytes[offset] = value;
        break;
      }
      case 4: {
        const value = int(256);
        const next = new Uint8Array(bytes.length + 1);
        next.set(bytes.subarray(0, offset), 0);
        next[offset] = value;
        next.set(bytes.subarray(offset), offset + 1);
        bytes = next;
        mutations.push(`insert ${hex(value)} at ${offset}`);
        break;
      }
      default: {
        const next = new Uint8Array(bytes.length - 1);
        next.set(bytes.subarray(0, offset), 0);
        next.set(bytes.subarray(offset + 1), offset);
        mutations.push(`delete ${hex(bytes[offset]!)} at ${offset}`);
        bytes = next;
      }
    }
  }
  return { index, seed, source, bytes, mutations };
}

export function truncate(baseSeed: number, index: number, classIndex: number, corpus: readonly SeedClass[]): FuzzCase {
  const seed = caseSeed(baseSeed, index);
  const random = prng(seed);
  const source = corpus[classIndex]!;
  // Favour short prefixes (header, pool) and the last bytes (the class attributes) as well as the middle.
  const r = random();
  const length =
    r < 0.3
      ? Math.floor(random() * Math.min(source.poolEnd + 1, source.bytes.length))
      : r < 0.5
        ? source.bytes.length - 1 - Math.floor(random() * Math.min(64, source.bytes.length))
        : Math.floor(random() * source.bytes.length);
  return { index, seed, source, bytes: source.bytes.subarray(0, length), mutations: [`truncate to ${length} of ${source.bytes.length} bytes`] };
}

// ## Hang watchdog
//
// A synchronous infinite loop cannot be interrupted from its own thread, so a worker thread watches a
// shared heartbeat; when one case runs past the limit it prints and saves the case, then kills the
// test process (the run fails loudly instead of hanging CI).

const WATCHDOG_SOURCE = `
const { workerData } = require('node:worker_threads');
const fs = require('node:fs');
const state = new Int32Array(workerData.state);
const text = new Uint8Array(workerData.text);
let seen = -1;
let since = Date.now();
setInterval(() => {
  const generation = Atomics.load(state, 0);
  if (generation !== seen || Atomics.load(state, 1) === 0) {
    seen = generation;
    since = Date.now();
    return;
  }
  if (Date.now() - since > workerData.limit) {
    const length = Atomics.load(state, 2);
    const description = Buffer.from(text.slice(0, length)).toString('utf8');
    const message = 'FUZZ HANG: no progress for ' + workerData.limit + ' ms in ' + description + '\\n';
    try { fs.writeFileSync(workerData.report, message); } catch {}
    fs.writeSync(2, '\\n' + message + '(saved to ' + workerData.report + ')\\n');
    process.kill(process.pid, 'SIGKILL');
  }
}, 250);
`;

export class Watchdog {
  private readonly state = new Int32Array(new SharedArrayBuffer(12));
  private readonly text = new Uint8Array(new SharedArrayBuffer(4096));
  private readonly worker: Worker;
  private readonly encoder = new TextEncoder();

  constructor(limitMs: number, reportPath: string) {
    this.worker = new Worker(WATCHDOG_SOURCE, {
      eval: true,
      workerData: { state: this.state.buffer, text: this.text.buffer, limit: limitMs, report: reportPath },
    });
    this.worker.unref();
  }

  enter(description: string): void {
    const { written } = this.encoder.encodeInto(description, this.text);
    Atomics.store(this.state, 2, written);
    Atomics.add(this.state, 0, 1);
    Atomics.store(this.state, 1, 1);
  }

  leave(): void {
    Atomics.store(this.state, 1, 0);
  }

  stop(): Promise<number> {
    return this.worker.terminate();
  }
}

// ## Corpus

export function poolEndOf(bytes: Uint8Array): number {
  try {
    return readConstantPool(bytes).endOffset;
  } catch {
    return bytes.length;
  }
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.name.endsWith('.class')) yield path;
  }
}

/** A deterministic sample of java.base from a JDK's runtime image, extracted once with `jimage extract`. */
export function javaBaseSample(javaHome: string, tag: string, sampleSize: number, maxClassSize: number): SeedClass[] {
  const version = (jdkVersion(javaHome) ?? 'unknown').replace(/[^A-Za-z0-9._+-]/g, '_');
  const target = join(CACHE, `jimage-sample-${tag}-${version}`);
  if (!existsSync(target)) {
    mkdirSync(CACHE, { recursive: true });
    const scratch = `${target}.tmp-${process.pid}`;
    rmSync(scratch, { recursive: true, force: true });
    execFileSync(
      join(javaHome, 'bin', 'jimage'),
      [
        'extract',
        '--dir',
        scratch,
        '--include',
        'regex:/java\\.base/(java/(lang|util|io|time|math|net|nio)|jdk/internal/(misc|util|org/objectweb))/.*\\.class',
        join(javaHome, 'lib', 'modules'),
      ],
      { stdio: 'pipe' },
    );
    try {
      renameSync(scratch, target);
    } catch (error) {
      rmSync(scratch, { recursive: true, force: true });
      if (!existsSync(target)) throw error;
    }
  }
  const paths = [...walk(target)].sort();
  const sized = paths.filter((p) => readFileSync(p).length <= maxClassSize);
  const step = Math.max(1, Math.floor(sized.length / sampleSize));
  const sample: SeedClass[] = [];
  for (let i = 0; i < sized.length && sample.length < sampleSize; i += step) {
    const bytes = new Uint8Array(readFileSync(sized[i]!));
    const name = relative(target, sized[i]!).split(sep).join('/');
    sample.push({ label: `${tag}:${name}`, bytes, poolEnd: poolEndOf(bytes) });
  }
  return sample;
}

