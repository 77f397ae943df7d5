// # The host's end of the conversation with the shim: frames over two file descriptors
//
// The host runs transforms synchronously (ClassWriter's frame computation asks the class path
// synchronously, and the class path may have to ask the shim for a class), so it reads and writes
// its descriptors with readSync/writeSync. The descriptors are the host process's stdin/stdout:
// pipes from the JVM that started it (premain), or a Unix domain socket that `classforge attach`
// accepted and handed over. Such a socket is non-blocking (EAGAIN): then a blocking wait polls
// with short sleeps (poll-backoff.ts), and the idle loop (serve) awaits between polls once they grow,
// so that signals get handled.

import { readSync, writeSync } from 'node:fs';
import { type Frame, FrameSplitter, ProtocolError } from './agent-protocol.js';
import { PollBackoff, sleepSync } from './poll-backoff.js';

/** Thrown when the shim has closed its end (the JVM exited or detached). */
export class ChannelClosedError extends Error {
  constructor(message = 'the agent closed the connection') {
    super(message);
    this.name = 'ChannelClosedError';
  }
}

function isWouldBlock(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'EAGAIN' || code === 'EWOULDBLOCK';
}

export class HostChannel {
  private readonly splitter = new FrameSplitter();
  /** Frames read while waiting for another one (a reply), in arrival order. */
  private readonly queued: Frame[] = [];
  private readonly chunk = new Uint8Array(64 * 1024);
  private closed = false;

  constructor(
    private readonly inputFd: number,
    private readonly outputFd: number,
  ) {}

  /** Whether the shim closed its end (no more frames after the queued ones). */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Writes a whole frame (waiting while a non-blocking descriptor is full). */
  send(frame: Uint8Array): void {
    let offset = 0;
    while (offset < frame.length) {
      try {
        offset += writeSync(this.outputFd, frame, offset, frame.length - offset);
      } catch (error) {
        if (isWouldBlock(error)) {
          sleepSync(1);
          continue;
        }
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EPIPE' || code === 'ECONNRESET') {
          this.closed = true;
          throw new ChannelClosedError();
        }
        throw error;
      }
    }
  }

  /**
   * The next frame if one can be had now: from the queue, else from what the descriptor has (on a
   * blocking descriptor this waits for data). Null when nothing is available yet or the channel
   * is closed (see isClosed).
   */
  poll(): Frame | null {
    const queued = this.queued.shift();
    if (queued !== undefined) return queued;
    for (;;) {
      const frame = this.splitter.next();
      if (frame !== null) return frame;
      if (this.closed || !this.fill()) return null;
    }
  }

  /**
   * Waits for the frame of type `type` with id `id` (the reply to a request of ours). Frames that
   * arrive meanwhile go to `onOther` (which returns false for those it does not take), else to the
   * queue that poll() empties first. Throws ChannelClosedError if the shim goes away first, and
   * ProtocolError after `timeoutMs` without the reply.
   */
  awaitReply(type: number, id: number, timeoutMs: number, onOther?: (frame: Frame) => boolean): Frame {
    const deadline = Date.now() + timeoutMs;
    const isReply = (frame: Frame): boolean => frame.type === type && frame.id === id;
    const queuedReply = this.queued.findIndex(isReply);
    if (queuedReply >= 0) return this.queued.splice(queuedReply, 1)[0]!;
    if (onOther !== undefined) {
      const earlier = this.queued.splice(0);
      for (const frame of earlier) if (!onOther(frame)) this.queued.push(frame);
    }
    const backoff = new PollBackoff(10);
    for (;;) {
      const frame = this.splitter.next();
      if (frame !== null) {
        if (isReply(frame)) return frame;
        if (onOther === undefined || !onOther(frame)) this.queued.push(frame);
        continue;
      }
      if (this.closed) throw new ChannelClosedError();
      if (this.fill()) {
        backoff.reset();
        continue;
      }
      if (Date.now() > deadline) throw new ProtocolError(`no reply from the agent within ${timeoutMs} ms`);
      sleepSync(backoff.next());
    }
  }

  /** Reads what is available into the splitter; false when nothing was (would block, or closed). */
  private fill(): boolean {
    let count: number;
    try {
      count = readSync(this.inputFd, this.chunk, 0, this.chunk.length, null);
    } catch (error) {
      if (isWouldBlock(error)) return false;
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EOF' || code === 'ECONNRESET' || code === 'EPIPE') {
        this.closed = true;
        return false;
      }
      throw error;
    }
    if (count === 0) {
      this.closed = true;
      return false;
    }
    this.splitter.push(this.chunk.subarray(0, count));
    return true;
  }
}
