import { checkApi } from './constants.js';
import type { Byte, Character, Double, Float, Short } from './java-values.js';
import type { Type } from './type.js';

/**
 * A primitive, String or Class annotation element value as passed to `AnnotationVisitor.visit`
 * (JVMS §4.7.16.1): int → number, long → bigint, boolean → boolean, byte/short/char → Byte,
 * Short, Character, float/double → Float, Double, Class → Type. Arrays of primitives may be
 * passed in one call as typed arrays (boolean[] as a plain boolean array, char[] as Uint16Array).
 */
export type AnnotationValue =
  | number
  | bigint
  | boolean
  | string
  | Byte
  | Short
  | Character
  | Float
  | Double
  | Type
  | Int8Array
  | boolean[]
  | Uint16Array
  | Int16Array
  | Int32Array
  | BigInt64Array
  | Float32Array
  | Float64Array;

/**
 * Visits the element values of an annotation (JVMS §4.7.16). Calls come in the order
 * (visit | visitEnum | visitAnnotation | visitArray)* visitEnd. Subclass it and call `super`
 * to forward events to the delegate `av`.
 */
export class AnnotationVisitor {
  /** The ASM API level implemented by this visitor (one of Opcodes.ASM4…ASM9). */
  readonly api: number;
  /** The visitor to which events are forwarded, or null. */
  av: AnnotationVisitor | null;

  constructor(api: number, annotationVisitor: AnnotationVisitor | null = null) {
    checkApi(api);
    this.api = api;
    this.av = annotationVisitor;
  }

  /** The visitor to which this one forwards its events, or null. */
  getDelegate(): AnnotationVisitor | null {
    return this.av;
  }

  /**
   * Visits a primitive, String or Class element value; `name` is null inside an array or an
   * annotation default.
   */
  visit(name: string | null, value: AnnotationValue): void {
    if (this.av !== null) {
      this.av.visit(name, value);
    }
  }

  /** Visits an enum element value: the enum class descriptor and the constant's name. */
  visitEnum(name: string | null, descriptor: string, value: string): void {
    if (this.av !== null) {
      this.av.visitEnum(name, descriptor, value);
    }
  }

  /** Visits a nested annotation value; the returned visitor receives its element values. */
  visitAnnotation(name: string | null, descriptor: string): AnnotationVisitor | null {
    if (this.av !== null) {
      return this.av.visitAnnotation(name, descriptor);
    }
    return null;
  }

  /**
   * Visits an array value; the returned visitor receives the elements, each with a null name.
   * Primitive arrays may instead arrive through `visit` as typed arrays.
   */
  visitArray(name: string | null): AnnotationVisitor | null {
    if (this.av !== null) {
      return this.av.visitArray(name);
    }
    return null;
  }

  /** Visits the end of the annotation. */
  visitEnd(): void {
    if (this.av !== null) {
      this.av.visitEnd();
    }
  }
}
