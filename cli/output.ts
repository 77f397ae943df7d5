// # Standard output that survives a closed pipe
//
// `classforge print big.jar | head` closes our stdout early. Node then reports EPIPE as an
// 'error' event on process.stdout, which would crash the process with a stack trace. Instead we
// note that the reader has gone, stop writing, and let the command finish quietly.

let closed = false;
let installed = false;

/** Installs the EPIPE handler on process.stdout (idempotent). */
export function installStdoutGuard(): void {
  if (installed) return;
  installed = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') {
      closed = true;
      return;
    }
    process.stderr.write(`classforge: cannot write to standard output: ${error.message}\n`);
    closed = true;
    process.exitCode = 2;
  });
}

/** Whether standard output can no longer be written (its reader has gone). */
export function isStdoutClosed(): boolean {
  return closed;
}

/** Writes `text` to standard output unless it has been closed. */
export function writeStdout(text: string): void {
  if (closed) return;
  try {
    process.stdout.write(text);
  } catch (error) {
    // A synchronous EPIPE on some platforms: same treatment as the asynchronous one.
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') {
      closed = true;
      return;
    }
    throw error;
  }
}

/** `n` and the noun, singular for one: "1 class", "3 classes". */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
