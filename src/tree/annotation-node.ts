import { AnnotationVisitor, type AnnotationValue } from '../asm/annotation-visitor.js';
import { Opcodes } from '../asm/opcodes.js';
import { Util } from './util.js';
import { IllegalStateException } from '../asm/java-exceptions.js';

// Marks the two-element arrays that stand for Java's `String[] {descriptor, value}` enum values,
// so that they are not mistaken for array values (a Java `List`), which are plain arrays here.
const ENUM_VALUE: unique symbol = Symbol('classforge.AnnotationNode.enumValue');

/** An enum constant as stored in `AnnotationNode.values`: `[descriptor, constantName]`. */
export type AnnotationEnumValue = [descriptor: string, value: string] & { readonly [ENUM_VALUE]: true };

/**
 * A node that represents an annotation (JVMS §4.7.16) or, without a descriptor, the elements of
 * an array value.
 *
 * Values are stored as ASM stores them, with JavaScript types in place of Java's: numbers, bigint
 * (long), boolean, string, `Byte`, `Short`, `Character`, `Float`, `Double`, `Type`, enum values
 * (see `AnnotationNode.enumValue`), nested `AnnotationNode`s, and plain arrays for array values
 * (ASM's `List`; primitive arrays given to `visit` are boxed into such arrays).
 */
export class AnnotationNode extends AnnotationVisitor {
  /** The class descriptor of the annotation class; null for the nodes holding array elements. */
  desc: string | null;

  /**
   * The name value pairs of this annotation, stored as consecutive elements (name, value, name,
   * value…); for an array node, the element values only. Null while there is no value.
   */
  values: unknown[] | null;

  /**
   * `new AnnotationNode(descriptor)`: subclasses must use `new AnnotationNode(api, descriptor)`.
   * `new AnnotationNode(api, descriptor)`.
   */
  constructor(descriptor: string);
  constructor(api: number, descriptor: string | null);
  constructor(apiOrDescriptor: number | string, descriptor?: string | null) {
    if (typeof apiOrDescriptor === 'string') {
      super(Opcodes.ASM9);
      if (new.target !== AnnotationNode) {
        throw new IllegalStateException('subclasses of AnnotationNode must pass an api');
      }
      this.desc = apiOrDescriptor;
    } else {
      super(apiOrDescriptor);
      this.desc = descriptor ?? null;
    }
    this.values = null;
  }

  /**
   * ASM's package-private `AnnotationNode(List values)`: a node that stores visited values, without
   * names, into `values` (used for array values and annotation defaults).
   *
   * @internal
   */
  static ofValues(values: unknown[]): AnnotationNode {
    const node = new AnnotationNode(Opcodes.ASM9, null);
    node.values = values;
    return node;
  }

  /** Creates the representation of an enum constant value (Java's `new String[] {desc, value}`). */
  static enumValue(descriptor: string, value: string): AnnotationEnumValue {
    const result = [descriptor, value];
    Object.defineProperty(result, ENUM_VALUE, { value: true });
    return result as AnnotationEnumValue;
  }

  /** Whether `value` is an enum constant value created by `enumValue` (or by `visitEnum`). */
  static isEnumValue(value: unknown): value is AnnotationEnumValue {
    return Array.isArray(value) && (value as unknown as Record<symbol, unknown>)[ENUM_VALUE] === true;
  }

  // ## Implementation of AnnotationVisitor

  override visit(name: string | null, value: AnnotationValue): void {
    if (this.values === null) {
      this.values = [];
    }
    if (this.desc !== null) {
      this.values.push(name);
    }
    // ASM turns primitive arrays into lists, so that accept() replays them as array values.
    if (Util.isAnnotationArray(value)) {
      this.values.push(Util.asArrayList(value as unknown[]));
    } else {
      this.values.push(value);
    }
  }

  override visitEnum(name: string | null, descriptor: string, value: string): void {
    if (this.values === null) {
      this.values = [];
    }
    if (this.desc !== null) {
      this.values.push(name);
    }
    this.values.push(AnnotationNode.enumValue(descriptor, value));
  }

  override visitAnnotation(name: string | null, descriptor: string): AnnotationVisitor {
    if (this.values === null) {
      this.values = [];
    }
    if (this.desc !== null) {
      this.values.push(name);
    }
    const annotation = new AnnotationNode(descriptor);
    this.values.push(annotation);
    return annotation;
  }

  override visitArray(name: string | null): AnnotationVisitor {
    if (this.values === null) {
      this.values = [];
    }
    if (this.desc !== null) {
      this.values.push(name);
    }
    const array: unknown[] = [];
    this.values.push(array);
    return AnnotationNode.ofValues(array);
  }

  override visitEnd(): void {
    // Nothing to do.
  }

  // ## Accept methods

  /** Checks that this node only uses features of the given API level (annotations: always). */
  check(_api: number): void {
    // Nothing to check: annotations exist at every API level.
  }

  /** Makes `annotationVisitor` (which may be null) visit this annotation. */
  accept(annotationVisitor: AnnotationVisitor | null): void {
    if (annotationVisitor != null) {
      const values = this.values;
      if (values !== null) {
        for (let i = 0, n = values.length; i < n; i += 2) {
          AnnotationNode.accept(annotationVisitor, values[i] as string | null, values[i + 1]);
        }
      }
      annotationVisitor.visitEnd();
    }
  }

  /**
   * Makes `annotationVisitor` (which may be null) visit one annotation value.
   *
   * @internal
   */
  static accept(annotationVisitor: AnnotationVisitor | null, name: string | null, value: unknown): void {
    // `== null`: a plain JavaScript visitor method without `return null` returns undefined (skip, as null).
    if (annotationVisitor == null) return;
    if (AnnotationNode.isEnumValue(value)) {
      annotationVisitor.visitEnum(name, value[0], value[1]);
    } else if (value instanceof AnnotationNode) {
      value.accept(annotationVisitor.visitAnnotation(name, value.desc as string));
    } else if (Array.isArray(value)) {
      const arrayVisitor = annotationVisitor.visitArray(name);
      if (arrayVisitor != null) {
        for (let i = 0, n = value.length; i < n; ++i) {
          AnnotationNode.accept(arrayVisitor, null, value[i]);
        }
        arrayVisitor.visitEnd();
      }
    } else {
      annotationVisitor.visit(name, value as AnnotationValue);
    }
  }
}
