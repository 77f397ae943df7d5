import { Type } from '../asm/type.js';
import type { Value } from './value.js';

/**
 * A value of the seven-type system of ASM's `BasicValue`: uninitialized, int, float, long,
 * double, reference and return address (JVMS §2.2–§2.3). Subclasses such as SimpleVerifier use
 * exact reference types.
 */
export class BasicValue implements Value {
  /** An uninitialized value (also the merge of incompatible values). */
  static readonly UNINITIALIZED_VALUE: BasicValue = new BasicValue(null);

  /** A byte, boolean, char, short or int value. */
  static readonly INT_VALUE: BasicValue = new BasicValue(Type.INT_TYPE);

  /** A float value. */
  static readonly FLOAT_VALUE: BasicValue = new BasicValue(Type.FLOAT_TYPE);

  /** A long value. */
  static readonly LONG_VALUE: BasicValue = new BasicValue(Type.LONG_TYPE);

  /** A double value. */
  static readonly DOUBLE_VALUE: BasicValue = new BasicValue(Type.DOUBLE_TYPE);

  /** An object or array reference value. */
  static readonly REFERENCE_VALUE: BasicValue = new BasicValue(Type.getObjectType('java/lang/Object'));

  /** A return address, pushed by JSR (JVMS §2.3.3). */
  static readonly RETURNADDRESS_VALUE: BasicValue = new BasicValue(Type.VOID_TYPE);

  /** The type of this value, or null for uninitialized values. */
  private readonly type: Type | null;

  constructor(type: Type | null) {
    this.type = type;
  }

  /** The type of this value, or null for uninitialized values. */
  getType(): Type | null {
    return this.type;
  }

  getSize(): number {
    const type = this.type;
    return type === Type.LONG_TYPE || type === Type.DOUBLE_TYPE ? 2 : 1;
  }

  /** Whether this value is an object or array reference. */
  isReference(): boolean {
    const type = this.type;
    if (type === null) {
      return false;
    }
    const sort = type.getSort();
    return sort === Type.OBJECT || sort === Type.ARRAY;
  }

  equals(value: unknown): boolean {
    if (value === this) {
      return true;
    }
    if (value instanceof BasicValue) {
      const type = this.type;
      if (type === null) {
        return value.type === null;
      }
      return value.type !== null && type.equals(value.type);
    }
    return false;
  }

  hashCode(): number {
    return this.type === null ? 0 : this.type.hashCode();
  }

  /** ".", "A" and "R" for the uninitialized, return address and reference constants, else the type's descriptor. */
  toString(): string {
    if (this === BasicValue.UNINITIALIZED_VALUE) {
      return '.';
    } else if (this === BasicValue.RETURNADDRESS_VALUE) {
      return 'A';
    } else if (this === BasicValue.REFERENCE_VALUE) {
      return 'R';
    }
    return this.type === null ? 'null' : this.type.getDescriptor();
  }
}
