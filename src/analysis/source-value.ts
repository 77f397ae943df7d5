import type { AbstractInsnNode } from '../tree/abstract-insn-node.js';
import { SmallSet } from './small-set.js';
import type { Value } from './value.js';

/**
 * A value that records which instructions can produce it (ASM's `SourceValue`): for `return i`
 * after `i = 0; if (…) i = 1;`, the two ISTOREs. Computed by `SourceInterpreter`.
 *
 * Java's three constructors are one: `new SourceValue(size)`, `new SourceValue(size, insnNode)`
 * and `new SourceValue(size, insnSet)`.
 */
export class SourceValue implements Value {
  /** The size of this value in 32 bit words: 2 for long and double, 1 otherwise. */
  readonly size: number;

  /** The instructions that can produce this value (compared by identity). */
  readonly insns: ReadonlySet<AbstractInsnNode>;

  constructor(size: number, insnOrInsns: AbstractInsnNode | ReadonlySet<AbstractInsnNode> | null = null) {
    this.size = size;
    if (insnOrInsns === null) {
      this.insns = new SmallSet<AbstractInsnNode>();
    } else if (insnOrInsns instanceof SmallSet || insnOrInsns instanceof Set) {
      this.insns = insnOrInsns as ReadonlySet<AbstractInsnNode>;
    } else if (isInsnSet(insnOrInsns)) {
      this.insns = insnOrInsns;
    } else {
      this.insns = new SmallSet<AbstractInsnNode>(insnOrInsns as AbstractInsnNode);
    }
  }

  getSize(): number {
    return this.size;
  }

  /** Whether `value` is a SourceValue of the same size and the same set of instructions. */
  equals(value: unknown): boolean {
    if (!(value instanceof SourceValue)) {
      return false;
    }
    return this.size === value.size && setEquals(this.insns, value.insns);
  }

  hashCode(): number {
    return this.insns.size;
  }
}

function isInsnSet(value: AbstractInsnNode | ReadonlySet<AbstractInsnNode>): value is ReadonlySet<AbstractInsnNode> {
  return typeof (value as ReadonlySet<AbstractInsnNode>).has === 'function' && typeof (value as ReadonlySet<AbstractInsnNode>).forEach === 'function';
}

/** Java's Set.equals: same size, and every element of `a` in `b`. */
export function setEquals<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  if (a === b) {
    return true;
  }
  if (a.size !== b.size) {
    return false;
  }
  for (const element of a) {
    if (!b.has(element)) {
      return false;
    }
  }
  return true;
}
