// Fuzzing the reader and writer with damaged class files: seeded mutations (bit flips; bytes set to
// 0x00/0xFF/random; u2/u4 fields set to boundary values or nudged by one; byte insertions and deletions),
// aimed at the header and pool, at method code, and anywhere, plus truncations, of real classes — the
// compiled fixtures and a sample of java.base (extracted with `jimage extract`, from JDK 17 and from JDK 25
// when installed) — and a table of targeted malformations (test/support/malformations.ts).
//
// Every case is read with a visitor that asks for everything, with flags 0, SKIP_DEBUG and EXPAND_FRAMES,
// then written through `new ClassWriter(0)` (full rewrite, from compressed and from expanded frames) and
// `new ClassWriter(reader, 0)` (copy path), directly and through an adapter (methods re-encoded).
// Each step must either succeed or throw ClassFormatError, within a time bound. Anything else is reported
// with the case's seed, class, mutations, step and stack, so it can be replayed:
//   FUZZ_SEED=<base seed> FUZZ_ONLY=<case index> npx vitest run test/fuzz.test.ts
// FUZZ_CASES scales the number of mutation cases (default 4000). A hang (no progress for HANG_LIMIT_MS)
// is printed and saved to node_modules/.cache/classforge/fuzz-hang.txt, and the test process is killed.

import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClassReader } from '../src/asm/class-reader.js';
import { ClassVisitor } from '../src/asm/class-visitor.js';
import { ClassWriter } from '../src/asm/class-writer.js';
import { MethodVisitor } from '../src/asm/method-visitor.js';
import { Opcodes } from '../src/asm/opcodes.js';
import { ClassFormatError } from '../src/classfile/class-format-error.js';
import { BIG_METHOD_CLASS, bigMethodSource, compileFixtureBuild, fixtureBuilds } from './support/fixture-builds.js';
import { type FuzzCase, type SeedClass, Watchdog, hex, javaBaseSample, mutate, seedClass, truncate } from './support/fuzz-cases.js';
import { PROJECT_ROOT, compileJava, defaultJavaHome, findJdk25 } from './support/javac.js';
import { malformations } from './support/malformations.js';
import { VisitEverything } from './support/visit-everything.js';

const BASE_SEED = Number.parseInt(process.env.FUZZ_SEED ?? '20261122', 10) >>> 0;
const MUTATION_CASES = Number.parseInt(process.env.FUZZ_CASES ?? '4000', 10);
const TRUNCATIONS_PER_CLASS = 4;
/** Extra mutation cases on the generated method over 32 KB, whose rewrite takes the goto_w path. */
const BIG_METHOD_CASES = 150;
const ONLY = process.env.FUZZ_ONLY === undefined ? null : Number.parseInt(process.env.FUZZ_ONLY, 10);
/** A case slower than this counts as a timeout (the "within a time bound"). */
const CASE_TIME_LIMIT_MS = 1000;
/** The bound for the 50 KB method, whose full rewrite reads and writes it twice (the goto_w path). */
const BIG_CASE_TIME_LIMIT_MS = 3000;
/** A case still running after this is a hang: the watchdog reports it and kills the test process. */
const HANG_LIMIT_MS = 10_000;
/** Classes of java.base sampled per JDK, and the largest one kept (to bound the suite's time). */
const JAVA_BASE_SAMPLE = 160;
const MAX_CLASS_SIZE = 48_000;

const CACHE = join(PROJECT_ROOT, 'node_modules', '.cache', 'classforge');
const HANG_REPORT = join(CACHE, 'fuzz-hang.txt');

// ## Running one case

type Outcome = 'ok' | 'ClassFormatError' | 'tooLarge' | 'other' | 'timeout';

interface Failure {
  outcome: Outcome;
  fuzzCase: FuzzCase;
  step: string;
  detail: string;
}

const STEPS = [
  'new ClassReader',
  'accept(0)',
  'accept(SKIP_DEBUG)',
  'accept(EXPAND_FRAMES)',
  'new ClassWriter(0)',
  'new ClassWriter(0) from EXPAND_FRAMES',
  'new ClassWriter(reader, 0)',
  'new ClassWriter(reader, 0) through an adapter',
] as const;

/** A MethodVisitor of its own on every method: the copy path re-encodes each method from the reader's hints. */
class PassThroughMethods extends ClassVisitor {
  constructor(cv: ClassVisitor) {
    super(Opcodes.ASM9, cv);
  }
  override visitMethod(...args: Parameters<ClassVisitor['visitMethod']>): MethodVisitor | null {
    return new MethodVisitor(Opcodes.ASM9, super.visitMethod(...args));
  }
}

/** Runs every step of a case; returns the worst outcome and, for failures, where and why. */
function runCase(
  fuzzCase: FuzzCase,
  visitor: VisitEverything,
  timeLimit = CASE_TIME_LIMIT_MS,
): { outcome: Outcome; failure: Failure | null; ms: number } {
  const start = performance.now();
  let outcome: Outcome = 'ok';
  let failure: Failure | null = null;
  let reader: ClassReader | null = null;
  for (const step of STEPS) {
    if (step !== 'new ClassReader' && reader === null) break;
    try {
      switch (step) {
        case 'new ClassReader':
          reader = new ClassReader(fuzzCase.bytes);
          break;
        case 'accept(0)':
          reader!.accept(visitor, 0);
          break;
        case 'accept(SKIP_DEBUG)':
          reader!.accept(visitor, ClassReader.SKIP_DEBUG);
          break;
        case 'accept(EXPAND_FRAMES)':
          reader!.accept(visitor, ClassReader.EXPAND_FRAMES);
          break;
        case 'new ClassWriter(0)': {
          const writer = new ClassWriter(0);
          reader!.accept(writer, 0);
          writer.toByteArray();
          break;
        }
        case 'new ClassWriter(0) from EXPAND_FRAMES': {
          const writer = new ClassWriter(0);
          reader!.accept(writer, ClassReader.EXPAND_FRAMES);
          writer.toByteArray();
          break;
        }
        case 'new ClassWriter(reader, 0)': {
          const writer = new ClassWriter(reader!, 0);
          reader!.accept(writer, 0);
          writer.toByteArray();
          break;
        }
        default: {
          const writer = new ClassWriter(reader!, 0);
          reader!.accept(new PassThroughMethods(writer), 0);
          writer.toByteArray();
        }
      }
    } catch (error) {
      if (error instanceof ClassFormatError) {
        if (outcome === 'ok') outcome = 'ClassFormatError';
        continue;
      }
      // A writer may refuse what does not fit a class file (ASM's MethodTooLarge/ClassTooLarge exceptions).
      const name = error instanceof Error ? error.name : '';
      if (step.startsWith('new ClassWriter') && /^(Method|Class)TooLargeException$/.test(name)) {
        if (outcome === 'ok' || outcome === 'ClassFormatError') outcome = 'tooLarge';
        continue;
      }
      outcome = 'other';
      const detail = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : `thrown non-Error: ${String(error)}`;
      failure ??= { outcome, fuzzCase, step, detail };
    }
  }
  const ms = performance.now() - start;
  if (ms > timeLimit && outcome !== 'other') {
    outcome = 'timeout';
    failure = { outcome, fuzzCase, step: 'all', detail: `took ${ms.toFixed(0)} ms (limit ${timeLimit} ms)` };
  }
  return { outcome, failure, ms };
}

function describeFailure(f: Failure): string {
  const c = f.fuzzCase;
  const stack = f.detail.split('\n').slice(0, 8).join('\n      ');
  return (
    `case ${c.index} (FUZZ_SEED=${BASE_SEED} FUZZ_ONLY=${c.index}, case seed ${hex(c.seed)}): ${c.source.label} ` +
    `[${c.mutations.join('; ')}] → ${f.outcome} in ${f.step}\n      ${stack}`
  );
}

// ## The suite

describe('fuzzing: damaged class files throw ClassFormatError or read fine, never anything else', () => {
  const corpus: SeedClass[] = [];
  let bigMethod: SeedClass[] = [];
  let fixtureClasses: { name: string; bytes: Uint8Array }[] = [];
  let watchdog: Watchdog;

  beforeAll(async () => {
    rmSync(HANG_REPORT, { force: true });
    const builds = fixtureBuilds();
    const fixtures = await compileFixtureBuild(builds[0]!);
    fixtureClasses = fixtures.classes;
    for (const c of fixtures.classes) {
      corpus.push(seedClass(`fixtures:${c.name}`, c.bytes));
    }
    corpus.push(...javaBaseSample(defaultJavaHome(), 'jdk17', JAVA_BASE_SAMPLE, MAX_CLASS_SIZE));
    const jdk25 = findJdk25();
    if (jdk25 !== null) corpus.push(...javaBaseSample(jdk25, 'jdk25', JAVA_BASE_SAMPLE, MAX_CLASS_SIZE));
    const big = await compileJava(bigMethodSource(), { options: ['-g'] });
    const bigClass = big.classes.find((c) => c.name === BIG_METHOD_CLASS.replace('.', '/'))!;
    bigMethod = [seedClass(`generated:${bigClass.name}`, bigClass.bytes)];
    watchdog = new Watchdog(HANG_LIMIT_MS, HANG_REPORT);
  });

  afterAll(async () => {
    await watchdog?.stop();
  });

  it('the undamaged corpus reads and writes without error', () => {
    const visitor = new VisitEverything();
    const failures: string[] = [];
    for (const source of [...corpus, ...bigMethod]) {
      const fuzzCase: FuzzCase = { index: -1, seed: 0, source, bytes: source.bytes, mutations: ['none'] };
      const result = runCase(fuzzCase, visitor, source === bigMethod[0] ? BIG_CASE_TIME_LIMIT_MS : CASE_TIME_LIMIT_MS);
      if (result.outcome !== 'ok') failures.push(result.failure ? describeFailure(result.failure) : `${source.label}: ${result.outcome}`);
    }
    expect(failures, failures.slice(0, 10).join('\n')).toEqual([]);
  });

  it('mutations and truncations: only ClassFormatError, within the time bound', () => {
    const visitor = new VisitEverything();
    const counts: Record<Outcome, number> = { ok: 0, ClassFormatError: 0, tooLarge: 0, other: 0, timeout: 0 };
    const failures: Failure[] = [];
    let slowest = 0;
    let slowestCase = '';
    const started = performance.now();

    const cases: (() => FuzzCase)[] = [];
    for (let i = 0; i < MUTATION_CASES; i++) cases.push(() => mutate(BASE_SEED, i, corpus));
    let index = MUTATION_CASES;
    for (let k = 0; k < corpus.length; k++) {
      for (let t = 0; t < TRUNCATIONS_PER_CLASS; t++) {
        const caseIndex = index++;
        cases.push(() => truncate(BASE_SEED, caseIndex, k, corpus));
      }
    }
    for (let i = 0; i < BIG_METHOD_CASES; i++) {
      const caseIndex = index++;
      cases.push(() => mutate(BASE_SEED, caseIndex, bigMethod));
    }

    for (let i = 0; i < cases.length; i++) {
      if (ONLY !== null && i !== ONLY) continue;
      const fuzzCase = cases[i]!();
      watchdog.enter(`case ${i} (FUZZ_SEED=${BASE_SEED} FUZZ_ONLY=${i}): ${fuzzCase.source.label} [${fuzzCase.mutations.join('; ')}]`);
      const limit = fuzzCase.source === bigMethod[0] ? BIG_CASE_TIME_LIMIT_MS : CASE_TIME_LIMIT_MS;
      const result = runCase(fuzzCase, visitor, limit);
      watchdog.leave();
      counts[result.outcome]++;
      if (result.failure !== null) failures.push(result.failure);
      if (result.ms > slowest) {
        slowest = result.ms;
        slowestCase = `case ${i} ${fuzzCase.source.label}`;
      }
    }

    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    console.log(
      `fuzz: ${total} cases over ${corpus.length} classes in ${seconds} s (seed ${BASE_SEED}): ` +
        `ok ${counts.ok} / ClassFormatError ${counts.ClassFormatError} / too large ${counts.tooLarge} / ` +
        `other ${counts.other} / timeouts ${counts.timeout}; slowest ${slowest.toFixed(1)} ms (${slowestCase})`,
    );
    if (failures.length > 0) {
      // Group by the first stack frame in src/ so one bug shows once with its first reproducer.
      const groups = new Map<string, { first: Failure; count: number }>();
      for (const f of failures) {
        const frame = f.detail.split('\n').find((l) => l.includes('/src/'))?.trim() ?? f.detail.split('\n')[0]!;
        const key = `${f.outcome} ${f.step} ${f.detail.split('\n')[0]} @ ${frame}`;
        const group = groups.get(key);
        if (group) group.count++;
        else groups.set(key, { first: f, count: 1 });
      }
      const lines = [...groups.values()].map((g) => `  ×${g.count} ${describeFailure(g.first)}`);
      console.log(`fuzz failures (${failures.length}, ${groups.size} distinct):\n${lines.join('\n')}`);
      writeFileSync(join(CACHE, 'fuzz-failures.txt'), lines.join('\n') + '\n');
    }
    expect(counts.other, 'errors other than ClassFormatError (see the list above)').toBe(0);
    expect(counts.timeout, `cases over their time bound (${CASE_TIME_LIMIT_MS} ms, ${BIG_CASE_TIME_LIMIT_MS} ms for the big method)`).toBe(0);
    if (ONLY === null) expect(total).toBeGreaterThan(3000);
  });

  it('targeted malformations: ClassFormatError (or a clean read of what is still valid), fast', () => {
    const visitor = new VisitEverything();
    const problems: string[] = [];
    const cases = malformations(fixtureClasses, bigMethod[0]!.bytes);
    for (let i = 0; i < cases.length; i++) {
      const m = cases[i]!;
      const source: SeedClass = { label: m.name, bytes: m.bytes, poolEnd: 0, codeRanges: [] };
      const fuzzCase: FuzzCase = { index: i, seed: 0, source, bytes: m.bytes, mutations: [m.name] };
      watchdog.enter(`targeted malformation ${m.name}`);
      const result = runCase(fuzzCase, visitor);
      watchdog.leave();
      if (result.failure !== null) {
        problems.push(`${m.name} → ${result.outcome} in ${result.failure.step}\n      ${result.failure.detail.split('\n').slice(0, 6).join('\n      ')}`);
      } else if (m.mustFail && result.outcome !== 'ClassFormatError') {
        problems.push(`${m.name} → accepted (${result.outcome}), but the input is malformed: expected ClassFormatError`);
      }
    }
    if (problems.length > 0) console.log(`targeted malformations failing (${problems.length} of ${cases.length}):\n  ${problems.join('\n  ')}`);
    expect(problems, problems.join('\n')).toEqual([]);
    expect(cases.length).toBeGreaterThan(30);
  });
});
