import type { AnnotationVisitor } from '../asm/annotation-visitor.js';
import type { Label } from '../asm/label.js';
import type { MethodVisitor } from '../asm/method-visitor.js';
import { Opcodes } from '../asm/opcodes.js';
import type { TypePath } from '../asm/type-path.js';
import type { LabelNode } from './label-node.js';
import { TypeAnnotationNode } from './type-annotation-node.js';
import { Util } from './util.js';

/**
 * A node that represents a type annotation on a local variable declaration (JVMS §4.7.20.1,
 * `localvar_target`): one annotation for the ranges where the variable lives.
 */
export class LocalVariableAnnotationNode extends TypeAnnotationNode {
  /** The first instruction of each range where the variable is live (inclusive). */
  start: LabelNode[];

  /** The last instruction of each range (exclusive). */
  end: LabelNode[];

  /** The local variable index in each range. */
  index: number[];

  /**
   * `new LocalVariableAnnotationNode(typeRef, typePath, start, end, index, descriptor)`, or with
   * the api first (the form for subclasses; ASM accepts both from them here).
   */
  constructor(
    typeRef: number,
    typePath: TypePath | null,
    start: LabelNode[],
    end: LabelNode[],
    index: ArrayLike<number>,
    descriptor: string,
  );
  constructor(
    api: number,
    typeRef: number,
    typePath: TypePath | null,
    start: LabelNode[],
    end: LabelNode[],
    index: ArrayLike<number>,
    descriptor: string,
  );
  constructor(
    a: number,
    b: number | TypePath | null,
    c: TypePath | null | LabelNode[],
    d: LabelNode[],
    e: LabelNode[] | ArrayLike<number>,
    f: ArrayLike<number> | string,
    g?: string,
  ) {
    if (g === undefined) {
      // Unlike the other nodes, ASM 9's api-less constructor here delegates to the api form
      // without checking that it is not called by a subclass: subclasses may use it.
      super(Opcodes.ASM9, a, b as TypePath | null, f as string);
      this.start = Util.asArrayList(c as LabelNode[]);
      this.end = Util.asArrayList(d);
      this.index = Array.from(e as ArrayLike<number>);
    } else {
      super(a, b as number, c as TypePath | null, g);
      this.start = Util.asArrayList(d);
      this.end = Util.asArrayList(e as LabelNode[]);
      this.index = Array.from(f as ArrayLike<number>);
    }
  }

  /** Makes `methodVisitor` visit this annotation, as visible or invisible. */
  override accept(methodVisitor: MethodVisitor, visible: boolean): void;
  override accept(annotationVisitor: AnnotationVisitor | null): void;
  override accept(visitor: unknown, visible?: boolean): void {
    if (visible === undefined) {
      super.accept(visitor as AnnotationVisitor | null);
      return;
    }
    const methodVisitor = visitor as MethodVisitor;
    const n = this.start.length;
    const startLabels: Label[] = new Array(n);
    const endLabels: Label[] = new Array(n);
    const indices: number[] = new Array(n);
    for (let i = 0; i < n; ++i) {
      startLabels[i] = this.start[i]!.getLabel();
      endLabels[i] = this.end[i]!.getLabel();
      indices[i] = this.index[i]!;
    }
    super.accept(
      methodVisitor.visitLocalVariableAnnotation(
        this.typeRef,
        this.typePath,
        startLabels,
        endLabels,
        indices,
        this.desc as string,
        visible,
      ),
    );
  }
}
