// # runTransformJob: many classes through the transforms, in process or over worker threads
//
// Decisions:
// - `jobs` = 1 runs in this thread. Without `jobs`, up to one worker per core but one (autoJobs), and
//   no more than one per CLASSES_PER_AUTO_WORKER classes: a worker costs a few hundred milliseconds to start
//   (module loading, a cold JIT, its own class path), more than it saves on a small jar (guava,
//   2040 classes, runs in process by default: measured 0.9 s in process against 1.3 s with two
//   workers on two cores). An explicit `jobs` is capped at one per core (maxJobs): more workers
//   than cores only compete for them and each holds its own heap (--jobs 64 on two cores took
//   12 s and 1.9 GB for guava), and at one per batch, so never more than one per class.
// - More than one job spreads batches of classes over up to `jobs` worker
//   threads (transform-worker.ts), handed out one batch at a time as workers become free, so a
//   slow class does not hold up a fixed share of the work.
// - A worker does not run esbuild: it imports the bundle text the main thread already made
//   (LoadedTransform.code), and builds its own ClassPath from the same spec. Options arrive
//   already validated, defaults filled in.
// - Class bytes travel as transferred ArrayBuffers (copies, since the caller keeps its input).
// - Results come back in input order, and ctx.log messages and progress are delivered in input
//   order too, so the output, the messages and the summary are the same whatever `jobs` is, as
//   long as the transforms keep no state from one class to the next.
// - Without keepGoing, the first failure stops the job: no new batch is handed out, the workers
//   are stopped, and the classes not done are left undefined in the result.

import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot } from '../package-root.js';
import { Worker } from 'node:worker_threads';
import type { ActiveTransform, TransformLogEntry } from './apply-transforms.js';
import { transformClass, type ClassOutcome } from './class-outcome.js';
import { redirectConsoleToStderr } from './console-to-stderr.js';
import type { LoadedTransform } from './load-transform.js';
import { narrowTransform, type ClassSelection } from './define-transform.js';
import { createLenientClassPath, createRunClassPath, type TransformClassPathSpec } from './transform-class-path.js';
import { readClassHeader } from '../classpath/class-header.js';
import { ClassPathsByRelease } from './class-paths-by-release.js';
import { transformClassForViews } from './transform-across-releases.js';
import type { ClassPath } from '../classpath/class-path.js';

/** A loaded transform with its validated options. */
export interface JobTransform {
  readonly loaded: LoadedTransform;
  readonly options: unknown;
  /** Globs that narrow the classes the transform gets (`--include`/`--exclude`; narrowTransform). */
  readonly selection?: ClassSelection;
}

/** The transforms of `job` ready to run: their definitions, narrowed by their selections, and options. */
export function activeTransforms(transforms: readonly JobTransform[]): ActiveTransform[] {
  return transforms.map((t) => ({ definition: narrowTransform(t.loaded.definition, t.selection), options: t.options }));
}

export interface TransformJob {
  readonly transforms: readonly JobTransform[];
  readonly classPath: TransformClassPathSpec;
}

export interface RunTransformJobOptions {
  /** Worker threads; 1 runs in this thread. Default: see autoJobs. */
  readonly jobs?: number;
  /** Go on after a failure (default false: stop at the first). */
  readonly keepGoing?: boolean;
  /** Called in input order as classes complete: `done` of `total`. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Receives ctx.log messages, in input order. */
  readonly onLog?: (entry: TransformLogEntry) => void;
  /** The class path to use in this thread (jobs = 1); built from the job's spec when absent. */
  readonly classPath?: ClassPath;
  /**
   * Send what transform code prints to stdout (console.log, process.stdout.write) to stderr
   * instead, in this thread while the job runs and in the worker threads (console-to-stderr.ts).
   */
  readonly consoleToStderr?: boolean;
  /**
   * Per class (by index), for a variant of a multi-release jar: the releases of the views of the
   * jar it is loaded in, the preferred first (multi-release-views.ts); its frames must hold in each
   * (transform-across-releases.ts). Undefined, or an undefined item: the job's class path spec as it is.
   */
  readonly releaseViews?: readonly (readonly number[] | undefined)[];
  /**
   * Called in input order as classes complete, with each class's index and outcome (before the
   * second chance of retryMissingClasses, which may replace a failed outcome afterwards).
   */
  readonly onOutcome?: (index: number, outcome: ClassOutcome) => void;
}

/** Messages from a worker (see transform-worker.ts). */
export type WorkerReply =
  | { readonly type: 'ready' }
  | { readonly type: 'fatal'; readonly message: string; readonly stack: string | null }
  | { readonly type: 'results'; readonly results: readonly { readonly index: number; readonly outcome: ClassOutcome }[] };

/** What a worker is started with. */
export interface WorkerSetup {
  readonly transforms: readonly { readonly path: string; readonly code: string; readonly options: unknown; readonly selection: ClassSelection | null }[];
  readonly classPath: TransformClassPathSpec;
  /** Redirect the worker's stdout console output to stderr before importing the transforms. */
  readonly consoleToStderr: boolean;
}

/** A batch sent to a worker. */
export interface WorkerBatch {
  readonly type: 'batch';
  readonly items: readonly { readonly index: number; readonly bytes: Uint8Array; readonly views: readonly number[] | undefined }[];
}

/** Sent to a worker when no batch is left: it closes its port and exits on its own. */
export interface WorkerEnd {
  readonly type: 'end';
}

/** The default number of jobs: one per core. */
export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

/** The most jobs worth running: one per core (os.availableParallelism()). */
export function maxJobs(): number {
  return defaultJobs();
}

/** Classes per worker below which the default does not start another worker. */
const CLASSES_PER_AUTO_WORKER = 2000;

/**
 * The number of jobs used for `classCount` classes when none is given: one worker per
 * CLASSES_PER_AUTO_WORKER classes, on every core but one, which the main thread keeps (it reads
 * the input, gathers the results, writes the output, and a jar's deflater thread runs beside it).
 * Two workers on two cores were slower than none: scala-compiler (8,982 classes) through the
 * method-timing example took 5.6 s against 4.6 s in process, through an identity visitor 3.4 s
 * against 3.2 s.
 */
export function autoJobs(classCount: number): number {
  const workers = Math.min(defaultJobs() - 1, Math.floor(classCount / CLASSES_PER_AUTO_WORKER));
  return workers >= 2 ? workers : 1;
}

/**
 * Runs `job` on `classes`. Resolves with one outcome per class, in order (undefined for classes
 * not reached after a failure without keepGoing). Rejects only when the job itself cannot run
 * (a worker cannot start).
 */
export async function runTransformJob(
  job: TransformJob,
  classes: readonly Uint8Array[],
  options: RunTransformJobOptions = {},
): Promise<(ClassOutcome | undefined)[]> {
  const jobs = Math.max(1, Math.min(maxJobs(), Math.floor(options.jobs ?? autoJobs(classes.length))));
  const results: (ClassOutcome | undefined)[] = new Array(classes.length).fill(undefined);
  const deliver = createOrderedDelivery(results, classes.length, options);
  const restoreConsole = options.consoleToStderr === true ? redirectConsoleToStderr() : null;
  try {
    if (jobs === 1 || classes.length <= 1) {
      await runInProcess(job, classes, results, deliver, options);
    } else {
      await runInWorkers(job, classes, jobs, results, deliver, options);
    }
    retryMissingClasses(job, classes, results, (options.releaseViews ?? []).map((views) => views?.[0]));
  } finally {
    restoreConsole?.();
  }
  return results;
}

/** Calls onLog, onOutcome and onProgress for the completed prefix of `results`, in order. */
function createOrderedDelivery(
  results: readonly (ClassOutcome | undefined)[],
  total: number,
  options: RunTransformJobOptions,
): () => void {
  let next = 0;
  return () => {
    const start = next;
    while (next < total && results[next] !== undefined) {
      if (options.onLog !== undefined) for (const entry of results[next]!.logs) options.onLog(entry);
      options.onOutcome?.(next, results[next]!);
      next++;
    }
    if (next !== start) options.onProgress?.(next, total);
  };
}

async function runInProcess(
  job: TransformJob,
  classes: readonly Uint8Array[],
  results: (ClassOutcome | undefined)[],
  deliver: () => void,
  options: RunTransformJobOptions,
): Promise<void> {
  const classPaths = new ClassPathsByRelease(job.classPath, options.classPath);
  const transforms = activeTransforms(job.transforms);
  let lastYield = Date.now();
  try {
    for (let i = 0; i < classes.length; i++) {
      const outcome = transformClassForViews(classes[i]!, transforms, options.releaseViews?.[i], classPaths);
      results[i] = outcome;
      deliver();
      if (stopsJob(outcome) && options.keepGoing !== true) return;
      // Let timers and signals run now and then.
      if (Date.now() - lastYield > 50) {
        await new Promise((resolve) => setImmediate(resolve));
        lastYield = Date.now();
      }
    }
  } finally {
    classPaths.close();
  }
}

/** Whether a failure stops a job without keepGoing: not one retryMissingClasses may mend. */
function stopsJob(outcome: ClassOutcome): boolean {
  return outcome.status === 'failed' && outcome.missingClass === undefined;
}

/**
 * Classes that failed because frame computation could not find a class get a second chance once
 * every other class is done, with the classes of the run itself on the class path, found first
 * (createRunClassPath). A transform that renames classes (relocation with ClassRemapper) makes
 * changed methods merge types under their new names, which only the run's output holds. The
 * failing classes' own output headers are learnt by running them on a class path that takes
 * unknown classes for subclasses of Object (a header does not depend on frames). Everything
 * happens in this thread, after the workers, on the completed results: the output does not depend
 * on `jobs`. A class still failing keeps the second failure; logs of the second run are dropped
 * (the first run's were delivered).
 */
function retryMissingClasses(
  job: TransformJob,
  classes: readonly Uint8Array[],
  results: (ClassOutcome | undefined)[],
  releases: readonly (number | undefined)[],
): void {
  const retried: number[] = [];
  for (let i = 0; i < results.length; i++) {
    const outcome = results[i];
    if (outcome === undefined) return; // stopped by another failure: nothing is written anyway
    if (outcome.status === 'failed' && outcome.missingClass !== undefined) retried.push(i);
  }
  if (retried.length === 0) return;
  const transforms = activeTransforms(job.transforms);
  const runClasses = new RunClasses();
  const add = (bytes: Uint8Array, i: number): void => {
    try {
      runClasses.add(readClassHeader(bytes).name, releases[i], bytes);
    } catch {
      // Not a readable class file: it is reported as such.
    }
  };
  results.forEach((outcome, i) => {
    if (outcome!.status !== 'failed') add(outcome!.bytes ?? classes[i]!, i);
  });
  const lenient = new Map<number | undefined, ClassPath>();
  try {
    for (const i of retried) {
      const release = releases[i];
      let classPath = lenient.get(release);
      if (classPath === undefined) lenient.set(release, (classPath = createLenientClassPath(withRelease(job.classPath, release))));
      const outcome = transformClass(classes[i]!, transforms, { classPath });
      if (outcome.status !== 'failed') add(outcome.bytes ?? classes[i]!, i);
    }
  } finally {
    for (const classPath of lenient.values()) classPath.close();
  }
  const runClassPaths = new Map<number | undefined, ClassPath>();
  try {
    for (const i of retried) {
      const release = releases[i];
      let classPath = runClassPaths.get(release);
      if (classPath === undefined) {
        classPath = createRunClassPath(withRelease(job.classPath, release), runClasses.forRelease(release));
        runClassPaths.set(release, classPath);
      }
      const outcome = transformClass(classes[i]!, transforms, { classPath });
      results[i] = { ...outcome, logs: results[i]!.logs };
    }
  } finally {
    for (const classPath of runClassPaths.values()) classPath.close();
  }
}

function withRelease(spec: TransformClassPathSpec, release: number | undefined): TransformClassPathSpec {
  return release === undefined ? spec : { ...spec, release };
}

/**
 * The classes a run produced, by internal name, each name with its variants by release (a
 * multi-release jar holds `p/Foo` as a base entry and under `META-INF/versions/N/`). A class path
 * for release R sees, for each name, the variant of the highest release up to R, as the JVM of
 * release R would load it (the first variant met when releases tie, as without releases).
 */
class RunClasses {
  private readonly variants = new Map<string, { release: number | undefined; bytes: Uint8Array }[]>();

  add(name: string, release: number | undefined, bytes: Uint8Array): void {
    let list = this.variants.get(name);
    if (list === undefined) this.variants.set(name, (list = []));
    list.push({ release, bytes });
  }

  forRelease(release: number | undefined): Map<string, Uint8Array> {
    const rank = (r: number | undefined): number => r ?? Number.NEGATIVE_INFINITY;
    const limit = release === undefined ? Number.POSITIVE_INFINITY : release;
    const view = new Map<string, Uint8Array>();
    for (const [name, list] of this.variants) {
      let best: { release: number | undefined; bytes: Uint8Array } | undefined;
      for (const variant of list) {
        if (rank(variant.release) > limit) continue;
        if (best === undefined || rank(variant.release) > rank(best.release)) best = variant;
      }
      if (best !== undefined) view.set(name, best.bytes);
    }
    return view;
  }
}

/** The worker script: the built one (dist/), also when running from the sources (tests). */
function workerScript(): URL {
  const built = join(packageRoot(), 'dist', 'src', 'transform', 'transform-worker.js');
  if (existsSync(built)) return pathToFileURL(built);
  throw new Error('worker threads need the built classforge (dist/src/transform/transform-worker.js): run `npm run build`, or use jobs = 1');
}

async function runInWorkers(
  job: TransformJob,
  classes: readonly Uint8Array[],
  jobs: number,
  results: (ClassOutcome | undefined)[],
  deliver: () => void,
  options: RunTransformJobOptions,
): Promise<void> {
  const keepGoing = options.keepGoing === true;
  const consoleToStderr = options.consoleToStderr === true;
  const batchSize = Math.max(1, Math.min(64, Math.ceil(classes.length / (jobs * 8))));
  const batches: number[][] = [];
  for (let start = 0; start < classes.length; start += batchSize) {
    batches.push(Array.from({ length: Math.min(batchSize, classes.length - start) }, (_, i) => start + i));
  }
  const setup: WorkerSetup = {
    transforms: job.transforms.map((t) => ({ path: t.loaded.path, code: t.loaded.code, options: t.options, selection: t.selection ?? null })),
    classPath: job.classPath,
    consoleToStderr,
  };
  const script = workerScript();
  const workerCount = Math.min(jobs, batches.length);
  let nextBatch = 0;
  let stopped = false;
  const workers: Worker[] = [];

  try {
    await new Promise<void>((resolve, reject) => {
      let running = workerCount;
      const finishWorker = (): void => {
        running--;
        if (running === 0) resolve();
      };
      const fail = (error: Error): void => {
        stopped = true;
        reject(error);
      };
      for (let w = 0; w < workerCount; w++) {
        const worker = new Worker(script, { workerData: setup });
        workers.push(worker);
        let busy = false;
        const sendNext = (): void => {
          if (stopped || nextBatch >= batches.length) {
            busy = false;
            finishWorker();
            return;
          }
          const indices = batches[nextBatch++]!;
          // Copies, each with its own ArrayBuffer, transferred to the worker. Not slice(): a class
          // read by the caller may be a Node Buffer (whose slice() is a view on a shared pool or on
          // a whole file), and a transfer list must not hold one ArrayBuffer twice.
          const items = indices.map((index) => ({ index, bytes: new Uint8Array(classes[index]!), views: options.releaseViews?.[index] }));
          const message: WorkerBatch = { type: 'batch', items };
          busy = true;
          try {
            worker.postMessage(
              message,
              items.map((item) => item.bytes.buffer as ArrayBuffer),
            );
          } catch (error) {
            // Thrown inside a worker's event handler, it would escape as an uncaught exception.
            fail(error as Error);
          }
        };
        worker.on('message', (reply: WorkerReply) => {
          if (reply.type === 'ready') {
            sendNext();
          } else if (reply.type === 'fatal') {
            const error = new Error(reply.message);
            if (reply.stack !== null) error.stack = reply.stack;
            fail(error);
          } else {
            for (const { index, outcome } of reply.results) {
              results[index] = outcome;
              if (stopsJob(outcome) && !keepGoing) stopped = true;
            }
            deliver();
            sendNext();
          }
        });
        worker.on('error', (error) => fail(error));
        worker.on('exit', (code) => {
          if (busy && !stopped) fail(new Error(`a transform worker thread exited with code ${code} before finishing its classes`));
        });
      }
    });
    // Done: let each worker end on its own, which flushes what its transforms wrote to
    // stdout/stderr (terminate() can drop output still on its way to this thread).
    await Promise.all(workers.map((worker) => endWorker(worker)));
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/** How long a finished worker may take to end on its own before it is terminated. */
const WORKER_EXIT_GRACE_MS = 2000;

/** Asks a finished worker to close its port and waits for it to exit (terminates it after a grace period). */
async function endWorker(worker: Worker): Promise<void> {
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      void worker.terminate().then(() => resolve(), () => resolve());
    }, WORKER_EXIT_GRACE_MS);
    worker.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      worker.postMessage({ type: 'end' } satisfies WorkerEnd);
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}
