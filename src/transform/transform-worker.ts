// # A transform worker thread (started by run-transform-job.ts)
//
// Imports the transforms from the bundle texts it is given (no esbuild here), builds its own
// ClassPath from the same spec as the main thread, then answers batches of classes with their
// outcomes. Changed class bytes are transferred back.

import { parentPort, workerData } from 'node:worker_threads';
import type { ActiveTransform } from './apply-transforms.js';
import type { ClassOutcome } from './class-outcome.js';
import { redirectConsoleToStderr } from './console-to-stderr.js';
import { importTransformCode } from './load-transform.js';
import { narrowTransform } from './define-transform.js';
import type { WorkerBatch, WorkerEnd, WorkerReply, WorkerSetup } from './run-transform-job.js';
import { ClassPathsByRelease } from './class-paths-by-release.js';
import { transformClassForViews } from './transform-across-releases.js';
import { withOwnBuffer } from '../classfile/plain-uint8array.js';

const port = parentPort;
if (port === null) throw new Error('transform-worker.js runs as a worker thread of runTransformJob');

const setup = workerData as WorkerSetup;
if (setup.consoleToStderr) redirectConsoleToStderr();

function reply(message: WorkerReply, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(message, transfer);
}

try {
  const transforms: ActiveTransform[] = [];
  for (const transform of setup.transforms) {
    transforms.push({ definition: narrowTransform(await importTransformCode(transform.code, transform.path), transform.selection), options: transform.options });
  }
  const classPaths = new ClassPathsByRelease(setup.classPath);
  port.on('message', (batch: WorkerBatch | WorkerEnd) => {
    if (batch.type === 'end') {
      // Nothing left to keep the thread alive: it exits, and its stdout/stderr are flushed.
      port.close();
      return;
    }
    const results: { index: number; outcome: ClassOutcome }[] = [];
    const transfer: ArrayBuffer[] = [];
    for (const item of batch.items) {
      const outcome = transformClassForViews(item.bytes, transforms, item.views, classPaths);
      if (outcome.status !== 'failed' && outcome.bytes !== null) {
        // Give the result its own buffer so that only it is transferred.
        const bytes = withOwnBuffer(outcome.bytes);
        transfer.push(bytes.buffer as ArrayBuffer);
        results.push({ index: item.index, outcome: { ...outcome, bytes } });
      } else {
        results.push({ index: item.index, outcome });
      }
    }
    reply({ type: 'results', results }, transfer);
  });
  reply({ type: 'ready' });
} catch (error) {
  reply({
    type: 'fatal',
    message: error instanceof Error ? error.message : String(error),
    stack: error instanceof Error ? (error.stack ?? null) : null,
  });
}
