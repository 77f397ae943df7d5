import type { ByteVector } from './byte-vector.js';
import type { Label } from './label.js';

/**
 * One exception_table entry of a Code attribute (JVMS §4.7.3). Entries are chained in visit order
 * through `nextHandler`, which is also the order in which they are written: the JVM searches the
 * table in that order, so it must never be changed.
 *
 * @internal
 */
export class Handler {
  /** start_pc: the first instruction covered by the handler (inclusive). */
  readonly startPc: Label;

  /** end_pc: the end of the covered range (exclusive). */
  readonly endPc: Label;

  /** handler_pc: the first instruction of the handler code. */
  readonly handlerPc: Label;

  /** catch_type: a CONSTANT_Class index, or 0 for a handler that catches everything. */
  readonly catchType: number;

  /** The internal name of the caught exception class, or null for a catch-all handler. */
  readonly catchTypeDescriptor: string | null;

  /** The next entry of the exception table, or null. */
  nextHandler: Handler | null;

  constructor(
    startPc: Label,
    endPc: Label,
    handlerPc: Label,
    catchType: number,
    catchTypeDescriptor: string | null,
  ) {
    this.startPc = startPc;
    this.endPc = endPc;
    this.handlerPc = handlerPc;
    this.catchType = catchType;
    this.catchTypeDescriptor = catchTypeDescriptor;
    this.nextHandler = null;
  }

  /** A copy of `handler` covering [startPc, endPc) instead, linked to the same next entry. */
  static withRange(handler: Handler, startPc: Label, endPc: Label): Handler {
    const copy = new Handler(
      startPc,
      endPc,
      handler.handlerPc,
      handler.catchType,
      handler.catchTypeDescriptor,
    );
    copy.nextHandler = handler.nextHandler;
    return copy;
  }

  /**
   * Removes the bytecode range [start, end) from every entry of the list starting at
   * `firstHandler` (end null meaning "to the end of the code"), splitting entries that straddle
   * it, and returns the new head of the list. Used to take patched dead code out of handler ranges.
   */
  static removeRange(firstHandler: Handler | null, start: Label, end: Label | null): Handler | null {
    if (firstHandler === null) {
      return null;
    }
    firstHandler.nextHandler = Handler.removeRange(firstHandler.nextHandler, start, end);
    const handlerStart = firstHandler.startPc.bytecodeOffset;
    const handlerEnd = firstHandler.endPc.bytecodeOffset;
    const rangeStart = start.bytecodeOffset;
    const rangeEnd = end === null ? 0x7fffffff : end.bytecodeOffset;
    // Disjoint ranges: nothing to remove from this entry.
    if (rangeStart >= handlerEnd || rangeEnd <= handlerStart) {
      return firstHandler;
    }
    if (rangeStart <= handlerStart) {
      if (rangeEnd >= handlerEnd) {
        // The whole entry is inside the removed range.
        return firstHandler.nextHandler;
      }
      // Only the tail [rangeEnd, handlerEnd) remains (end is not null here, rangeEnd < handlerEnd).
      return Handler.withRange(firstHandler, end as Label, firstHandler.endPc);
    }
    if (rangeEnd >= handlerEnd) {
      // Only the head [handlerStart, rangeStart) remains.
      return Handler.withRange(firstHandler, firstHandler.startPc, start);
    }
    // The removed range is strictly inside: keep [handlerStart, rangeStart) and [rangeEnd, handlerEnd).
    firstHandler.nextHandler = Handler.withRange(firstHandler, end as Label, firstHandler.endPc);
    return Handler.withRange(firstHandler, firstHandler.startPc, start);
  }

  /** The number of entries in the list starting at `firstHandler`. */
  static getExceptionTableLength(firstHandler: Handler | null): number {
    let length = 0;
    let handler = firstHandler;
    while (handler !== null) {
      length++;
      handler = handler.nextHandler;
    }
    return length;
  }

  /** The size in bytes of exception_table_length plus exception_table (JVMS §4.7.3). */
  static getExceptionTableSize(firstHandler: Handler | null): number {
    return 2 + 8 * Handler.getExceptionTableLength(firstHandler);
  }

  /** Writes exception_table_length and the exception_table entries (JVMS §4.7.3). */
  static putExceptionTable(firstHandler: Handler | null, output: ByteVector): void {
    output.putShort(Handler.getExceptionTableLength(firstHandler));
    let handler = firstHandler;
    while (handler !== null) {
      output
        .putShort(handler.startPc.bytecodeOffset)
        .putShort(handler.endPc.bytecodeOffset)
        .putShort(handler.handlerPc.bytecodeOffset)
        .putShort(handler.catchType);
      handler = handler.nextHandler;
    }
  }
}
