import type { Type } from '../asm/type.js';
import type { AbstractInsnNode } from '../tree/abstract-insn-node.js';
import { BasicValue } from './basic-value.js';

/**
 * An object whose constructor has not run yet (JVMS §4.10.2.4): the result of a NEW instruction
 * until an `invokespecial <init>` on it, or `this` in a constructor until the call to `super()` or
 * `this()`. It may be copied, stored in locals and compared, but not used as an object; two of them
 * are equal only if they come from the same NEW (or are both `this`), so merging two different
 * ones, or one with an initialized object, gives an unusable value.
 */
export class UninitializedValue extends BasicValue {
  /** The NEW instruction that created the object, or null for `this` in a constructor. */
  readonly newInsn: AbstractInsnNode | null;

  constructor(type: Type, newInsn: AbstractInsnNode | null) {
    super(type);
    this.newInsn = newInsn;
  }

  /** Whether this is `this` in a constructor (uninitializedThis). */
  isUninitializedThis(): boolean {
    return this.newInsn === null;
  }

  override equals(value: unknown): boolean {
    return value instanceof UninitializedValue && value.newInsn === this.newInsn && super.equals(value);
  }

  override toString(): string {
    return this.newInsn === null ? 'uninitializedThis' : `uninitialized(${super.toString()})`;
  }
}
