import { Opcodes } from '../asm/opcodes.js';
import type { TypePath } from '../asm/type-path.js';
import { AnnotationNode } from './annotation-node.js';
import { IllegalStateException } from '../asm/java-exceptions.js';

/** A node that represents a type annotation (JVMS §4.7.20). */
export class TypeAnnotationNode extends AnnotationNode {
  /** The sort and target of the annotated type (see `TypeReference`). */
  typeRef: number;

  /** The path to the annotated type argument, wildcard bound, array element type or static outer type; null when the annotation targets `typeRef` as a whole. */
  typePath: TypePath | null;

  /**
   * `new TypeAnnotationNode(typeRef, typePath, descriptor)`: subclasses must pass an api first.
   * `new TypeAnnotationNode(api, typeRef, typePath, descriptor)`.
   */
  constructor(typeRef: number, typePath: TypePath | null, descriptor: string);
  constructor(api: number, typeRef: number, typePath: TypePath | null, descriptor: string);
  constructor(a: number, b: number | TypePath | null, c: TypePath | null | string, d?: string) {
    if (d === undefined) {
      super(Opcodes.ASM9, c as string);
      if (new.target !== TypeAnnotationNode) {
        throw new IllegalStateException('subclasses of TypeAnnotationNode must pass an api');
      }
      this.typeRef = a;
      this.typePath = b as TypePath | null;
    } else {
      super(a, d);
      this.typeRef = b as number;
      this.typePath = c as TypePath | null;
    }
  }
}
