// # Waiting on a non-blocking descriptor that has no readiness event
//
// Attached, the host reads a non-blocking Unix socket synchronously (see host-channel.ts), and Node
// has no synchronous poll(2): an empty read is followed by a wait, then another read. Sleeping a
// whole millisecond or more after every empty read put that much on each class loaded in a burst
// (the JVM's loading thread sends the next class within microseconds of our answer, but we were
// asleep) and on each class-path question a transform asks the shim. So after a frame the host reads
// again at once a few dozen times, then sleeps the shortest wait there is for about 10 ms, then waits
// a millisecond longer at each miss up to a ceiling, where an idle session costs next to nothing.

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Blocks the thread for `ms` milliseconds (fractions too: Atomics.wait takes them); 0 returns at once. */
export function sleepSync(ms: number): void {
  if (ms > 0) Atomics.wait(sleeper, 0, 0, ms);
}

/**
 * After a frame: reads again at once SPIN_READS times (a read that finds nothing costs a few µs), then
 * waits the shortest time Atomics.wait can (asked for 1 µs, it sleeps about 70 µs here: the kernel's
 * timer slack) until about 10 ms have passed, then a millisecond more at each miss.
 */
const SPIN_READS = 64;
const SHORT_WAIT_MS = 0.001;
const SHORT_WAITS = 200;

export class PollBackoff {
  /** Empty reads since the last frame. */
  misses = 0;

  constructor(private readonly maxMs: number) {}

  /** A frame came: the next waits are short again. */
  reset(): void {
    this.misses = 0;
  }

  /** How long to wait after one more empty read, in milliseconds. */
  next(): number {
    const misses = ++this.misses;
    if (misses <= SPIN_READS) return 0;
    return misses <= SPIN_READS + SHORT_WAITS ? SHORT_WAIT_MS : Math.min(misses - SPIN_READS - SHORT_WAITS, this.maxMs);
  }

  /** Whether a wait of `ms` is short enough to block the thread for (else the caller awaits a timer). */
  static isShort(ms: number): boolean {
    return ms < 1;
  }
}
