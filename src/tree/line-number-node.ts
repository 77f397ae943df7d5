import type { MethodVisitor } from '../asm/method-visitor.js';
import { AbstractInsnNode } from './abstract-insn-node.js';
import type { LabelNode } from './label-node.js';

/** A pseudo instruction that maps a source line to the instruction at `start` (JVMS §4.7.12). */
export class LineNumberNode extends AbstractInsnNode {
  /** The line number in the source file. */
  line: number;

  /** The first instruction of this line. */
  start: LabelNode;

  constructor(line: number, start: LabelNode) {
    super(-1);
    this.line = line;
    this.start = start;
  }

  override getType(): number {
    return AbstractInsnNode.LINE;
  }

  override accept(methodVisitor: MethodVisitor): void {
    methodVisitor.visitLineNumber(this.line, this.start.getLabel());
  }

  override clone(clonedLabels: Map<LabelNode, LabelNode>): AbstractInsnNode {
    return new LineNumberNode(this.line, AbstractInsnNode.clone(this.start, clonedLabels));
  }
}
