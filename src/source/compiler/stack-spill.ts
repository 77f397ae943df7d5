// # Spilling the operand stack around a switch expression that holds a try
//
// An exception handler starts with the thrown exception alone on the operand stack (JVMS §2.10,
// §4.10.1.6): whatever the code around a switch expression had pushed before it (`"a" + switch …`,
// `f(x, switch …)`, `new StringBuilder(switch …)`) would be lost by a try in one of its arms. javac
// (Gen.visitSwitchExpression) stores that stack into fresh locals before the switch and loads it back
// before the switch's result. The code generator does not follow the stack as it emits code, so it
// marks the two places (a StackSpill) and, once the code is complete, this file finds the stack at
// the marks by a data-flow analysis of the code (the tree Analyzer, with value kinds only) and
// inserts the stores and loads. Uninitialized objects (`new X(switch …)`) are stored as javac stores
// them: the verifier lets an uninitialized reference sit in a local (JVMS §4.10.1.9, astore).

import type { Label } from '../../asm/label.js';
import { Opcodes } from '../../asm/opcodes.js';
import { Type } from '../../asm/type.js';
import { Analyzer } from '../../analysis/analyzer.js';
import { BasicInterpreter } from '../../analysis/basic-interpreter.js';
import { BasicValue } from '../../analysis/basic-value.js';
import type { AbstractInsnNode } from '../../tree/abstract-insn-node.js';
import { InsnList } from '../../tree/insn-list.js';
import { InsnNode } from '../../tree/insn-node.js';
import { LabelNode } from '../../tree/label-node.js';
import { MethodNode } from '../../tree/method-node.js';
import { VarInsnNode } from '../../tree/var-insn-node.js';

/** The two places of one switch expression: before its code, and where its result is loaded. */
export interface StackSpill {
  /** Visited just before the switch's code: what is on the stack here is stored. */
  readonly before: Label;
  /** Visited just before the switch's result is loaded: the stored values come back here. */
  readonly after: Label;
}

/**
 * The kinds of the values on the stack: a load gives the kind of its opcode (the locals of a snippet
 * are not known to the analysis, which starts from an empty frame), everything else as BasicInterpreter.
 */
class StackKindInterpreter extends BasicInterpreter {
  constructor() {
    super(Opcodes.ASM9);
  }

  override copyOperation(insn: AbstractInsnNode, value: BasicValue): BasicValue {
    switch (insn.getOpcode()) {
      case Opcodes.ILOAD:
        return BasicValue.INT_VALUE;
      case Opcodes.LLOAD:
        return BasicValue.LONG_VALUE;
      case Opcodes.FLOAD:
        return BasicValue.FLOAT_VALUE;
      case Opcodes.DLOAD:
        return BasicValue.DOUBLE_VALUE;
      case Opcodes.ALOAD:
        return BasicValue.REFERENCE_VALUE;
      default:
        return value;
    }
  }
}

/** A constant of each kind, pushed for the analysis only where the code starts at a non-empty stack. */
function placeholderOf(type: Type): AbstractInsnNode {
  switch (type.getSort()) {
    case Type.LONG:
      return new InsnNode(Opcodes.LCONST_0);
    case Type.FLOAT:
      return new InsnNode(Opcodes.FCONST_0);
    case Type.DOUBLE:
      return new InsnNode(Opcodes.DCONST_0);
    case Type.OBJECT:
    case Type.ARRAY:
      return new InsnNode(Opcodes.ACONST_NULL);
    default:
      return new InsnNode(Opcodes.ICONST_0);
  }
}

/**
 * The LabelNode a MethodNode made for `label` (ASM keeps it in `label.info`), if it is in
 * `instructions`; else null (code compiled for a trial and thrown away).
 */
function labelNodeOf(instructions: InsnList, label: Label): LabelNode | null {
  const node = label.info;
  if (!(node instanceof LabelNode)) return null;
  for (let insn = instructions.getFirst(); insn !== null; insn = insn.getNext()) {
    if (insn === node) return node;
  }
  return null;
}

/**
 * Inserts the stores and loads of every spill in `spills` whose marks are in `method`'s code.
 * `entryStack` is what is on the stack where the code starts (an ExprEditor replacement starts with
 * the expression's operands); `allocate` gives a fresh local for a value of a type. Throws the
 * Analyzer's exception when the code cannot be analyzed.
 */
export function spillStacks(method: MethodNode, spills: readonly StackSpill[], entryStack: readonly Type[], allocate: (type: Type) => number): void {
  let pending = spills
    .map((spill) => ({ before: labelNodeOf(method.instructions, spill.before), after: labelNodeOf(method.instructions, spill.after) }))
    .filter((spill): spill is { before: LabelNode; after: LabelNode } => spill.before !== null && spill.after !== null);
  while (pending.length > 0) {
    // The switches not yet spilled are cut off (their code would lose the stack on the exception
    // paths, which the analysis reports as an error): each round finds the stacks of the outermost
    // ones, those the code reaches without going through another; an inner one is reached once its
    // outer switch is spilled.
    const stacks = stacksAt(method, entryStack, pending.map((spill) => spill.before));
    const reached = pending.filter((_, i) => stacks[i] !== null);
    // None reached: the others are in unreachable code, where nothing needs keeping.
    if (reached.length === 0) return;
    pending.forEach((spill, i) => {
      const stack = stacks[i];
      if (stack === null || stack === undefined || stack.length === 0) return;
      const stores = new InsnList();
      const loads = new InsnList();
      for (let j = stack.length - 1; j >= 0; j--) {
        const type = stack[j]!;
        const slot = allocate(type);
        stores.add(new VarInsnNode(type.getOpcode(Opcodes.ISTORE), slot));
        loads.insert(new VarInsnNode(type.getOpcode(Opcodes.ILOAD), slot));
      }
      method.instructions.insert(spill.before, stores);
      method.instructions.insert(spill.after, loads);
    });
    pending = pending.filter((_, i) => stacks[i] === null);
  }
}

/**
 * The stack (bottom first) at each of `marks` where the code reaches it without passing another
 * mark, else null. The analysis runs on the code itself, with a static, argument-less method around
 * it, the entry stack pushed by placeholders, a return after each mark (cutting off the switch it
 * starts) and one at the end (a body's own return is added later).
 */
function stacksAt(method: MethodNode, entryStack: readonly Type[], marks: readonly LabelNode[]): (Type[] | null)[] {
  const instructions = method.instructions;
  const placeholders = entryStack.map(placeholderOf);
  const cuts = marks.map(() => new InsnNode(Opcodes.RETURN));
  const end = new InsnNode(Opcodes.RETURN);
  for (let i = placeholders.length - 1; i >= 0; i--) instructions.insert(placeholders[i]!);
  marks.forEach((mark, i) => instructions.insert(mark, cuts[i]!));
  instructions.add(end);
  try {
    const analyzed = new MethodNode(Opcodes.ASM9, Opcodes.ACC_STATIC, 'spill', '()V', null, null);
    analyzed.instructions = instructions;
    analyzed.tryCatchBlocks = method.tryCatchBlocks ?? [];
    const frames = new Analyzer(new StackKindInterpreter()).analyzeAndComputeMaxs('Spill', analyzed);
    return marks.map((mark) => {
      const frame = frames[instructions.indexOf(mark)];
      if (frame === null || frame === undefined) return null;
      const stack: Type[] = [];
      for (let i = 0; i < frame.getStackSize(); i++) stack.push(frame.getStack(i).getType()!);
      return stack;
    });
  } finally {
    for (const insn of [...placeholders, ...cuts, end]) instructions.remove(insn);
  }
}
