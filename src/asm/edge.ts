import type { Label } from './label.js';

/**
 * An edge of the control flow graph of a method: it leads from the basic block that owns it (through
 * `Label.outgoingEdges`) to `successor`. The edges of a block form a singly linked list through
 * `nextEdge`, so that building the graph allocates one small object per edge and nothing else.
 *
 * @internal
 */
export class Edge {
  /**
   * The `info` of a normal control flow edge when stack map frames are computed (the stack size
   * delta is only meaningful for COMPUTE_MAXS).
   */
  static readonly JUMP = 0;

  /**
   * The `info` of an edge to an exception handler when only the maximum stack size is computed: the
   * handler starts with exactly one value, the exception, on its stack.
   */
  static readonly EXCEPTION = 0x7fffffff;

  /**
   * What the edge carries. When computing the maximum stack size: the stack size at the jump,
   * relative to the start of the source block, or EXCEPTION. When computing frames: JUMP, or the
   * abstract type of the caught exception for an exception edge.
   */
  readonly info: number;

  /** The basic block this edge leads to. */
  readonly successor: Label;

  /** The next edge leaving the same basic block, or null. */
  nextEdge: Edge | null;

  constructor(info: number, successor: Label, nextEdge: Edge | null) {
    this.info = info;
    this.successor = successor;
    this.nextEdge = nextEdge;
  }
}
