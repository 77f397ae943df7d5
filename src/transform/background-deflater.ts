// # Deflating a jar's rewritten classes on another thread while the others are transformed
//
// `classforge transform` on a jar compresses every changed class again (jar-writer.ts). Done in
// rewriteJar, after the last class, that was a quarter of the command's time on a 9,000-class jar
// (scala-compiler with the method-timing example: 1.2 s of 5.3 s), all on the main thread while
// the other cores idled. A BackgroundDeflater takes each class's new bytes as soon as its outcome
// is known and deflates them in a worker thread of its own (zlib's deflateRawSync, the same call
// and level rewriteJar makes, so the output is the same byte for byte), overlapped with the
// transforms of the classes that follow. rewriteJar takes what is ready and deflates the rest
// itself: a result that never came (the worker could not start, died, or a class was transformed
// again by retryMissingClasses) only costs the time it would have cost anyway.
//
// A worker rather than zlib's asynchronous calls: those need the main thread between their steps
// (it is busy transforming, in process with --jobs 1), and each holds ~256 KiB of deflate state
// while it waits; started for every class at once they took 2.3× the synchronous time.

import { Worker } from 'node:worker_threads';
import * as zlib from 'node:zlib';
import { withOwnBuffer } from '../classfile/plain-uint8array.js';

/** The worker: deflates each message's bytes and answers with the same id. */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const zlib = require('node:zlib');
parentPort.on('message', ({ firstId, batch, level }) => {
  const deflated = batch.map((bytes) => {
    try { return zlib.deflateRawSync(bytes, { level }); } catch { return null; /* left to rewriteJar */ }
  });
  parentPort.postMessage({ firstId, deflated });
});
`;

/**
 * Classes sent to the worker in one message: a message costs the main thread tens of microseconds
 * while the worker is busy (a third of a class's own deflate time), a batch about as much.
 */
const BATCH_SIZE = 32;

/** What the worker answers: the data of the batch's classes, ids firstId, firstId + 1, … */
interface DeflateReply {
  readonly firstId: number;
  readonly deflated: readonly (Uint8Array | null)[];
}

export class BackgroundDeflater {
  private worker: Worker | null = null;
  private failed = false;
  private nextId = 0;
  /** Bytes started, by id, until their answer comes. */
  private readonly pending = new Map<number, Uint8Array>();
  /** Bytes started and not yet sent. */
  private batch: Uint8Array[] = [];
  /** Deflated data by the uncompressed bytes they were made from (the caller's array, by identity). */
  private readonly done = new Map<Uint8Array, Uint8Array>();
  private settled: (() => void) | null = null;

  /** `level`: the zlib level rewriteJar will use (its default: zlib's default, as java.util.zip's). */
  constructor(private readonly level: number = zlib.constants.Z_DEFAULT_COMPRESSION) {}

  /** Starts deflating `bytes` (copied to the worker; the caller keeps its array and passes it to rewriteJar). */
  start(bytes: Uint8Array): void {
    if (this.ensureWorker() === null || this.done.has(bytes)) return;
    this.pending.set(this.nextId++, bytes);
    // A class file written by ClassWriter may be a view on a slab it shares with others.
    this.batch.push(withOwnBuffer(bytes));
    if (this.batch.length === BATCH_SIZE) this.flush();
  }

  /** Sends the classes started since the last batch. */
  private flush(): void {
    const batch = this.batch;
    if (batch.length === 0 || this.worker === null) return;
    this.batch = [];
    this.worker.postMessage({ firstId: this.nextId - batch.length, batch, level: this.level });
  }

  /**
   * Waits for the answers still due, then stops the worker and returns the deflated data by
   * uncompressed bytes: what rewriteJar's `deflated` option takes. Everything the worker did not
   * answer (it failed) is simply absent.
   */
  async finish(): Promise<ReadonlyMap<Uint8Array, Uint8Array>> {
    this.flush();
    if (this.worker !== null && this.pending.size > 0) {
      // Unreferenced, the worker would not keep the event loop alive for the answers awaited here.
      this.worker.ref();
      await new Promise<void>((resolve) => {
        this.settled = resolve;
      });
    }
    this.close();
    return this.done;
  }

  /** Stops the worker (idempotent); results not yet answered are dropped. */
  close(): void {
    const worker = this.worker;
    this.worker = null;
    this.failed = true;
    this.pending.clear();
    this.batch = [];
    if (worker !== null) void worker.terminate();
    this.settle();
  }

  private ensureWorker(): Worker | null {
    if (this.worker !== null || this.failed) return this.worker;
    let worker: Worker;
    try {
      worker = new Worker(WORKER_SOURCE, { eval: true });
    } catch {
      this.failed = true;
      return null;
    }
    // Never what keeps the command alive: finish() or close() ends it, and the classes it has not
    // deflated yet are deflated by rewriteJar.
    worker.unref();
    worker.on('message', (reply: DeflateReply) => {
      reply.deflated.forEach((data, i) => {
        const bytes = this.pending.get(reply.firstId + i);
        if (bytes === undefined) return;
        this.pending.delete(reply.firstId + i);
        if (data !== null) this.done.set(bytes, data);
      });
      if (this.pending.size === 0) this.settle();
    });
    // A worker that fails or exits answers nothing more: the rest is left to rewriteJar.
    const giveUp = (): void => {
      if (this.worker === worker) this.close();
    };
    worker.on('error', giveUp);
    worker.on('exit', giveUp);
    this.worker = worker;
    return worker;
  }

  private settle(): void {
    const settled = this.settled;
    this.settled = null;
    settled?.();
  }
}
