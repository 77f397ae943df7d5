// # The attach session's relay: agent named pipes ⇄ transform host pipes
//
// The transform host reads its input synchronously (transform-host.ts), and the named pipes of a JVM
// older than Java 16 (no Unix domain SocketChannel) can only be read blocking, so a host reading
// them could not notice a signal while it waits for the next frame. For such a session `classforge
// attach` sits between the pipes and the host's stdin/stdout: bytes pass through unchanged, and on
// Ctrl-C it slips a SESSION_STOP frame into the host's input at the next frame boundary, which wakes
// the host to restore the classes and detach. (A Unix socket is handed to the host itself, which
// polls it without blocking: see startHost in cli/commands/attach.ts.)

import type { Writable } from 'node:stream';

export class FrameBoundaryRelay {
  private readonly header = new Uint8Array(4);
  private headerFill = 0;
  /** Bytes of the current frame's body still to pass. */
  private remaining = 0;
  private readonly injections: Uint8Array[] = [];

  constructor(private readonly target: Writable) {}

  /** Passes `chunk` (from the shim) on to the host, frame boundaries tracked. */
  push(chunk: Uint8Array): void {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.remaining === 0) {
        const take = Math.min(4 - this.headerFill, chunk.length - offset);
        this.header.set(chunk.subarray(offset, offset + take), this.headerFill);
        this.headerFill += take;
        this.target.write(chunk.subarray(offset, offset + take));
        offset += take;
        if (this.headerFill === 4) {
          const h = this.header;
          this.remaining = ((h[0]! << 24) | (h[1]! << 16) | (h[2]! << 8) | h[3]!) >>> 0;
          this.headerFill = 0;
          // A zero-length frame is malformed; the host will say so. Keep the boundary consistent.
          if (this.remaining === 0) this.flush();
        }
      } else {
        const take = Math.min(this.remaining, chunk.length - offset);
        this.target.write(chunk.subarray(offset, offset + take));
        this.remaining -= take;
        offset += take;
        if (this.remaining === 0) this.flush();
      }
    }
  }

  /** Sends `frame` to the host at the next frame boundary (now, if between frames). */
  inject(frame: Uint8Array): void {
    this.injections.push(frame);
    if (this.remaining === 0 && this.headerFill === 0) this.flush();
  }

  private flush(): void {
    while (this.injections.length > 0) this.target.write(this.injections.shift()!);
  }
}
