// # The shim ⇄ host protocol (java-agent-shim/src/classforge/agent/Frames.java is the Java side)
//
// A frame: u4 length of what follows, u1 type, u4 id, payload; big endian. Strings are Java's
// DataOutput.writeUTF (u2 byte length + modified UTF-8, JVMS §4.4.7's encoding), byte arrays a u4
// length + bytes.
//
//   HELLO        shim → host  id 0   javaHome, javaSpecificationVersion, u1 attached, token
//   READY        host → shim  id 0   a one-line description of the transforms
//   FATAL        host → shim  id 0   why the host cannot serve (the shim logs it, installs nothing)
//   TRANSFORM    shim → host  id n   u4 loaderId, internalName, u1 redefining, bytes, [u2 n, n × u2 transform index]
//   RESULT       host → shim  id n   u1 status: 0 unchanged | 1 changed + bytes [+ u4 n, n × (name, bytes): classes to define first] | 2 failed + message
//   FIND_CLASS   host → shim  id m   u4 loaderId, internalName, [u4 the TRANSFORM id it serves]   (the class as that loader sees it)
//   CLASS_BYTES  shim → host  id m   u1 found, [bytes]
//   RETRANSFORM  host → shim  id k   (attach) retransform the loaded classes the globs select
//   RETRANSFORMED shim → host id k   u4 retransformed, u4 failed, [u4 changed, u2 n, n × (className, reason), [u4 unanswered]]
//   DETACH       host → shim  id k   u1 restore: remove the transformer [and restore changed classes]
//   DETACHED     shim → host  id k   the same as RETRANSFORMED (restored classes); then the shim closes the connection
//   SESSION_STOP attach command → host   id 0   (never from the shim) Ctrl-C: detach now; see session-relay.ts
//
// Ids of host requests (FIND_CLASS, RETRANSFORM, DETACH) are the host's own; TRANSFORM ids the shim's.
// The bracketed tail of RETRANSFORMED/DETACHED came later: a shim loaded into the JVM by an older
// classforge (a JVM keeps the first session's shim classes) leaves it out (readRetransformed);
// the last field (unanswered) came later still. So did TRANSFORM's tail, the transforms whose globs
// select the class as the shim decided (an older shim leaves it out: the host then runs every transform
// that matches). A host sends RESULT's tail (the classes the transforms added, ctx.addClass) only to a
// shim that sent TRANSFORM's: an older one would not define them.

import { decodeModifiedUtf8, encodeModifiedUtf8Into, modifiedUtf8Length } from '../classfile/modified-utf8.js';

export const FrameType = {
  HELLO: 1,
  READY: 2,
  FATAL: 3,
  TRANSFORM: 10,
  RESULT: 11,
  FIND_CLASS: 12,
  CLASS_BYTES: 13,
  RETRANSFORM: 20,
  RETRANSFORMED: 21,
  DETACH: 22,
  DETACHED: 23,
  SESSION_STOP: 30,
} as const;

export const ResultStatus = { UNCHANGED: 0, CHANGED: 1, FAILED: 2 } as const;

/**
 * The transform host's exit status when an `attach --persist` session applied nothing: the JVM
 * refused every class the transforms changed (the attach command exits 1 without more words).
 */
export const HOST_EXIT_NOTHING_APPLIED = 4;

/**
 * The transform host's exit status when the agent's connection ended in the middle of an `attach`
 * session (the host said what it was doing): the attach command tells a JVM that exited (the end
 * of the session, exit 0) from an agent that went away in a JVM still running (exit 1).
 */
export const HOST_EXIT_CONNECTION_LOST = 5;

/** The largest frame accepted (the shim's limit too). */
export const MAX_FRAME_LENGTH = 256 * 1024 * 1024;

/** A received frame. */
export interface Frame {
  readonly type: number;
  readonly id: number;
  readonly payload: PayloadReader;
}

/** Thrown for a frame that does not follow the protocol. */
export class ProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolError';
  }
}

/** Builds one frame. */
export class FrameBuilder {
  private data: Uint8Array;
  private length: number;

  constructor(type: number, id: number, capacity = 64) {
    this.data = new Uint8Array(Math.max(16, capacity + 9));
    this.length = 4;
    this.u1(type).u4(id);
  }

  u1(value: number): this {
    this.reserve(1);
    this.data[this.length++] = value;
    return this;
  }

  u4(value: number): this {
    this.reserve(4);
    const d = this.data;
    d[this.length++] = value >>> 24;
    d[this.length++] = value >>> 16;
    d[this.length++] = value >>> 8;
    d[this.length++] = value;
    return this;
  }

  /** A string as DataOutput.writeUTF writes it (longer ones are cut to fit its u2 length). */
  utf(value: string): this {
    let text = value;
    while (modifiedUtf8Length(text) > 65535) text = text.slice(0, Math.floor(text.length * 0.9));
    const byteLength = modifiedUtf8Length(text);
    this.reserve(2 + byteLength);
    this.data[this.length++] = byteLength >>> 8;
    this.data[this.length++] = byteLength;
    this.length = encodeModifiedUtf8Into(text, this.data, this.length);
    return this;
  }

  bytes(value: Uint8Array): this {
    this.u4(value.length);
    this.reserve(value.length);
    this.data.set(value, this.length);
    this.length += value.length;
    return this;
  }

  /** The frame, its length field filled in. */
  finish(): Uint8Array {
    const frameLength = this.length - 4;
    this.data[0] = frameLength >>> 24;
    this.data[1] = frameLength >>> 16;
    this.data[2] = frameLength >>> 8;
    this.data[3] = frameLength;
    return this.data.subarray(0, this.length);
  }

  private reserve(size: number): void {
    if (this.length + size <= this.data.length) return;
    const grown = new Uint8Array(Math.max(this.data.length * 2, this.length + size));
    grown.set(this.data.subarray(0, this.length));
    this.data = grown;
  }
}

/** Reads a frame's payload; a field past its end throws ProtocolError. */
export class PayloadReader {
  private position: number;

  constructor(
    private readonly data: Uint8Array,
    start: number,
    private readonly end: number,
  ) {
    this.position = start;
  }

  u1(): number {
    this.need(1);
    return this.data[this.position++]!;
  }

  u2(): number {
    this.need(2);
    const value = (this.data[this.position]! << 8) | this.data[this.position + 1]!;
    this.position += 2;
    return value;
  }

  u4(): number {
    this.need(4);
    const d = this.data;
    const p = this.position;
    this.position += 4;
    return ((d[p]! << 24) | (d[p + 1]! << 16) | (d[p + 2]! << 8) | d[p + 3]!) >>> 0;
  }

  utf(): string {
    this.need(2);
    const length = (this.data[this.position]! << 8) | this.data[this.position + 1]!;
    this.position += 2;
    this.need(length);
    const text = decodeModifiedUtf8(this.data, this.position, length);
    this.position += length;
    return text;
  }

  /** How many payload bytes are left to read. */
  get remaining(): number {
    return this.end - this.position;
  }

  bytes(): Uint8Array {
    const length = this.u4();
    this.need(length);
    const value = this.data.slice(this.position, this.position + length);
    this.position += length;
    return value;
  }

  private need(size: number): void {
    if (this.position + size > this.end) throw new ProtocolError(`frame payload too short: ${size} more bytes needed at ${this.position}`);
  }
}

/** A RETRANSFORMED or DETACHED payload: what retransforming some classes did in the JVM. */
export interface RetransformOutcome {
  /** Classes retransformed (changed or not). */
  readonly retransformed: number;
  /** Classes the JVM refused to retransform (they keep their previous bytes). */
  readonly failed: number;
  /** Of the retransformed classes, those the transforms changed; undefined from an older shim. */
  readonly changed: number | undefined;
  /** The first refusals: the class and the JVM's reason. */
  readonly failures: readonly { readonly className: string; readonly reason: string }[];
  /**
   * Of the retransformed classes, those left unchanged because the transform host did not answer
   * within the timeout (a slow or stuck transform: see the JVM's standard error); undefined from
   * an older shim.
   */
  readonly unanswered: number | undefined;
}

export function readRetransformed(payload: PayloadReader): RetransformOutcome {
  const retransformed = payload.u4();
  const failed = payload.u4();
  if (payload.remaining === 0) return { retransformed, failed, changed: undefined, failures: [], unanswered: undefined };
  const changed = payload.u4();
  const count = payload.u1() * 256 + payload.u1();
  const failures = [];
  for (let i = 0; i < count; i++) failures.push({ className: payload.utf(), reason: payload.utf() });
  const unanswered = payload.remaining >= 4 ? payload.u4() : undefined;
  return { retransformed, failed, changed, failures, unanswered };
}

/**
 * Splits a byte stream into frames: feed it chunks as they arrive, take whole frames out.
 * Throws ProtocolError for a length field out of range.
 */
export class FrameSplitter {
  private buffer = new Uint8Array(0);
  private start = 0;
  private end = 0;

  push(chunk: Uint8Array): void {
    if (this.end + chunk.length > this.buffer.length) {
      const kept = this.end - this.start;
      if (kept + chunk.length <= this.buffer.length) {
        this.buffer.copyWithin(0, this.start, this.end);
      } else {
        const grown = new Uint8Array(Math.max(2 * this.buffer.length, kept + chunk.length, 4096));
        grown.set(this.buffer.subarray(this.start, this.end));
        this.buffer = grown;
      }
      this.start = 0;
      this.end = kept;
    }
    this.buffer.set(chunk, this.end);
    this.end += chunk.length;
  }

  /** The next whole frame, or null until more bytes arrive. */
  next(): Frame | null {
    const available = this.end - this.start;
    if (available < 4) return null;
    const b = this.buffer;
    const s = this.start;
    const length = ((b[s]! << 24) | (b[s + 1]! << 16) | (b[s + 2]! << 8) | b[s + 3]!) >>> 0;
    if (length < 5 || length > MAX_FRAME_LENGTH) throw new ProtocolError(`malformed frame length ${length}`);
    if (available < 4 + length) return null;
    const frame = b.slice(s + 4, s + 4 + length);
    this.start += 4 + length;
    if (this.start === this.end) this.start = this.end = 0;
    const payload = new PayloadReader(frame, 5, frame.length);
    const type = frame[0]!;
    const id = ((frame[1]! << 24) | (frame[2]! << 16) | (frame[3]! << 8) | frame[4]!) >>> 0;
    return { type, id, payload };
  }
}
