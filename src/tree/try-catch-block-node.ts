import type { Label } from '../asm/label.js';
import type { MethodVisitor } from '../asm/method-visitor.js';
import type { LabelNode } from './label-node.js';
import type { TypeAnnotationNode } from './type-annotation-node.js';

/** A node that represents an exception handler (an exception_table entry, JVMS §4.7.3). */
export class TryCatchBlockNode {
  /** The beginning of the handler's scope (inclusive). */
  start: LabelNode;

  /** The end of the handler's scope (exclusive). */
  end: LabelNode;

  /** The beginning of the handler's code. */
  handler: LabelNode;

  /** The internal name of the caught exception type, or null to catch everything ("finally"). */
  type: string | null;

  /** The runtime visible type annotations on the caught type. May be null. */
  visibleTypeAnnotations: TypeAnnotationNode[] | null;

  /** The runtime invisible type annotations on the caught type. May be null. */
  invisibleTypeAnnotations: TypeAnnotationNode[] | null;

  constructor(start: LabelNode, end: LabelNode, handler: LabelNode, type: string | null) {
    this.start = start;
    this.end = end;
    this.handler = handler;
    this.type = type;
    this.visibleTypeAnnotations = null;
    this.invisibleTypeAnnotations = null;
  }

  /**
   * Sets the position of this block in its method's list, which the type references of its
   * annotations encode (JVMS §4.7.20.1, catch_target: exception_table_index).
   */
  updateIndex(index: number): void {
    const newTypeRef = 0x42000000 | (index << 8);
    const visible = this.visibleTypeAnnotations;
    if (visible !== null) {
      for (let i = 0, n = visible.length; i < n; ++i) {
        visible[i]!.typeRef = newTypeRef;
      }
    }
    const invisible = this.invisibleTypeAnnotations;
    if (invisible !== null) {
      for (let i = 0, n = invisible.length; i < n; ++i) {
        invisible[i]!.typeRef = newTypeRef;
      }
    }
  }

  /** Makes `methodVisitor` visit this block and its type annotations. */
  accept(methodVisitor: MethodVisitor): void {
    methodVisitor.visitTryCatchBlock(
      this.start.getLabel(),
      this.end.getLabel(),
      // As ASM, pass null on rather than fail when a user left the handler unset.
      this.handler === null ? (null as unknown as Label) : this.handler.getLabel(),
      this.type,
    );
    const visible = this.visibleTypeAnnotations;
    if (visible !== null) {
      for (let i = 0, n = visible.length; i < n; ++i) {
        const typeAnnotation = visible[i]!;
        typeAnnotation.accept(
          methodVisitor.visitTryCatchAnnotation(typeAnnotation.typeRef, typeAnnotation.typePath, typeAnnotation.desc as string, true),
        );
      }
    }
    const invisible = this.invisibleTypeAnnotations;
    if (invisible !== null) {
      for (let i = 0, n = invisible.length; i < n; ++i) {
        const typeAnnotation = invisible[i]!;
        typeAnnotation.accept(
          methodVisitor.visitTryCatchAnnotation(typeAnnotation.typeRef, typeAnnotation.typePath, typeAnnotation.desc as string, false),
        );
      }
    }
  }
}
