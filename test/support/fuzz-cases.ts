// Test support for the fuzz suite: deterministic randomness, class-file mutations and truncations, a
// sample of java.base from a JDK's runtime image, and a watchdog that turns a hang into a loud failure.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { Worker } from 'node:worker_threads';
import { readRawClassFile, readRawCode } from '../../src/classfile/raw-class-file.js';
import { PROJECT_ROOT, jdkVersion } from './javac.js';

const CACHE = join(PROJECT_ROOT, 'node_modules', '.cache', 'classforge');

export interface SeedClass {
  /** `fixtures:<name>` or `jdk17:java/lang/String`. */
  label: string;
  bytes: Uint8Array;
  /** The end of the constant pool (the offset of access_flags). */
  poolEnd: number;
  /** [start, end) byte ranges of every method's code array, where mutations make odd instructions. */
  codeRanges: [number, number][];
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

/** Picks a byte offset: a fifth in the header and pool, a third in method code, the rest after the pool. */
function pickOffset(source: SeedClass, length: number, random: () => number): number {
  const int = (n: number): number => Math.floor(random() * n);
  const r = random();
  if (r < 0.2 || source.poolEnd >= length) return int(Math.min(source.poolEnd, length));
  if (r < 0.55 && source.codeRanges.length > 0) {
    const [start, end] = source.codeRanges[int(source.codeRanges.length)]!;
    if (end <= length) return start + int(end - start);
  }
  return source.poolEnd + int(length - source.poolEnd);
}

/** Boundary values for u2/u4 fields (counts, indexes, lengths, branch offsets). */
const U2_VALUES = [0x0000, 0x0001, 0x7fff, 0x8000, 0xfffe, 0xffff];
const U4_VALUES = [0x00000000, 0x00000001, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff, 0x00010000];

/**
 * One to four seeded mutations of a corpus class: bit flips; bytes set to 0x00, 0xFF or a random value;
 * u2/u4 fields set to boundary values or nudged by ±1; single-byte insertions and deletions.
 */
export function mutate(baseSeed: number, index: number, corpus: readonly SeedClass[]): FuzzCase {
  const seed = caseSeed(baseSeed, index);
  const random = prng(seed);
  const int = (n: number): number => Math.floor(random() * n);
  const source = corpus[int(corpus.length)]!;
  let bytes = source.bytes;
  const mutations: string[] = [];
  const count = 1 + (random() < 0.6 ? 0 : int(4));
  for (let m = 0; m < count; m++) {
    const offset = pickOffset(source, bytes.length, random);
    const kind = int(20);
    if (kind < 5) {
      const bit = int(8);
      bytes = bytes.slice();
      bytes[offset] ^= 1 << bit;
      mutations.push(`flip bit ${bit} at ${offset}`);
    } else if (kind < 10) {
      const value = kind < 7 ? 0x00 : kind < 8 ? 0xff : int(256);
      bytes = bytes.slice();
      mutations.push(`set ${hex(bytes[offset]!)}→${hex(value)} at ${offset}`);
      bytes[offset] = value;
    } else if (kind < 14 && offset + 2 <= bytes.length) {
      const old = (bytes[offset]! << 8) | bytes[offset + 1]!;
      const value = kind < 12 ? U2_VALUES[int(U2_VALUES.length)]! : (old + (kind === 12 ? 1 : 0xffff)) & 0xffff;
      bytes = bytes.slice();
      bytes[offset] = value >>> 8;
      bytes[offset + 1] = value & 0xff;
      mutations.push(`u2 ${hex(old)}→${hex(value)} at ${offset}`);
    } else if (kind < 16 && offset + 4 <= bytes.length) {
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const old = view.getUint32(offset);
      const value = kind === 14 ? U4_VALUES[int(U4_VALUES.length)]! : (old + 1) >>> 0;
      bytes = bytes.slice();
      new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).setUint32(offset, value);
      mutations.push(`u4 ${hex(old)}→${hex(value)} at ${offset}`);
    } else if (kind < 18) {
      const value = int(256);
      const next = new Uint8Array(bytes.length + 1);
      next.set(bytes.subarray(0, offset), 0);
      next[offset] = value;
      next.set(bytes.subarray(offset), offset + 1);
      bytes = next;
      mutations.push(`insert ${hex(value)} at ${offset}`);
    } else {
      const next = new Uint8Array(bytes.length - 1);
      next.set(bytes.subarray(0, offset), 0);
      next.set(bytes.subarray(offset + 1), offset);
      mutations.push(`delete ${hex(bytes[offset]!)} at ${offset}`);
      bytes = next;
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

/** A corpus entry: the class bytes with the pool end and code ranges found by the raw parser. */
export function seedClass(label: string, bytes: Uint8Array): SeedClass {
  try {
    const cf = readRawClassFile(bytes);
    const codeRanges: [number, number][] = [];
    for (const m of cf.methods) {
      for (const a of m.attributes) {
        if (a.name !== 'Code') continue;
        const code = readRawCode(a, cf.constantPool);
        codeRanges.push([code.codeOffset, code.codeOffset + code.code.length]);
      }
    }
    return { label, bytes, poolEnd: cf.constantPool.endOffset, codeRanges };
  } catch {
    return { label, bytes, poolEnd: bytes.length, codeRanges: [] };
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
    sample.push(seedClass(`${tag}:${name}`, bytes));
  }
  return sample;
}

