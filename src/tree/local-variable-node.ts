import type { MethodVisitor } from '../asm/method-visitor.js';
import type { LabelNode } from './label-node.js';

/** A node that represents a local variable declaration (JVMS §4.7.13, §4.7.14). */
export class LocalVariableNode {
  /** The variable's name. */
  name: string;

  /** The variable's type descriptor. */
  desc: string;

  /** The variable's generic signature. May be null. */
  signature: string | null;

  /** The first instruction of the variable's scope (inclusive). */
  start: LabelNode;

  /** The last instruction of the variable's scope (exclusive). */
  end: LabelNode;

  /** The variable's local index. */
  index: number;

  constructor(name: string, descriptor: string, signature: string | null, start: LabelNode, end: LabelNode, index: number) {
    this.name = name;
    this.desc = descriptor;
    this.signature = signature;
    this.start = start;
    this.end = end;
    this.index = index;
  }

  /** Makes `methodVisitor` visit this local variable declaration. */
  accept(methodVisitor: MethodVisitor): void {
    methodVisitor.visitLocalVariable(
      this.name,
      this.desc,
      this.signature,
      this.start.getLabel(),
      this.end.getLabel(),
      this.index,
    );
  }
}
