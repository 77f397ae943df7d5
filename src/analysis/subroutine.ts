import type { JumpInsnNode } from '../tree/jump-insn-node.js';
import type { LabelNode } from '../tree/label-node.js';

/**
 * A subroutine of a method: the code reached from a JSR target without crossing another JSR
 * (JVMS §4.10.2.5, class files before version 51). Internal to the Analyzer (ASM's package-private
 * `Subroutine`).
 *
 * @internal
 */
export class Subroutine {
  /** The first instruction of this subroutine, or null for the method's main code. */
  readonly start: LabelNode | null;

  /** For each local variable, whether this subroutine reads or writes it. */
  readonly localsUsed: boolean[];

  /** The JSR instructions that call this subroutine. */
  readonly callers: JumpInsnNode[];

  constructor(start: LabelNode | null, maxLocals: number, caller: JumpInsnNode | null) {
    this.start = start;
    const localsUsed: boolean[] = new Array(maxLocals);
    for (let i = 0; i < maxLocals; ++i) {
      localsUsed[i] = false;
    }
    this.localsUsed = localsUsed;
    this.callers = [];
    if (caller !== null) {
      this.callers.push(caller);
    }
  }

  /** A copy of `subroutine` (ASM's copy constructor). */
  static copyOf(subroutine: Subroutine): Subroutine {
    const copy = new Subroutine(subroutine.start, 0, null);
    const localsUsed = subroutine.localsUsed;
    for (let i = 0, n = localsUsed.length; i < n; ++i) {
      copy.localsUsed.push(localsUsed[i]!);
    }
    const callers = subroutine.callers;
    for (let i = 0, n = callers.length; i < n; ++i) {
      copy.callers.push(callers[i]!);
    }
    return copy;
  }

  /**
   * Adds the locals used by `subroutine` to this one, and its callers too when both subroutines
   * start at the same instruction. Returns whether this subroutine changed.
   */
  merge(subroutine: Subroutine): boolean {
    let changed = false;
    const localsUsed = this.localsUsed;
    const otherLocalsUsed = subroutine.localsUsed;
    for (let i = 0, n = localsUsed.length; i < n; ++i) {
      if (otherLocalsUsed[i] && !localsUsed[i]) {
        localsUsed[i] = true;
        changed = true;
      }
    }
    if (subroutine.start === this.start) {
      const otherCallers = subroutine.callers;
      for (let i = 0, n = otherCallers.length; i < n; ++i) {
        const caller = otherCallers[i]!;
        if (!this.callers.includes(caller)) {
          this.callers.push(caller);
          changed = true;
        }
      }
    }
    return changed;
  }
}
