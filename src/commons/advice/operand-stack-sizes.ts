// # The operand stack's shape, followed instruction by instruction
//
// Exit advice runs at one block that every return of the method jumps to; the JVM's return
// instructions discard whatever is under the returned value (JVMS §6.5 ireturn: "the operand stack
// of the current frame… is discarded"), and some compilers leave values there (Clojure's __init
// classes). A jump does not discard them, and the block they all reach must find the same stack
// (JVMS §4.10.1.2), so those values are popped first. This follows the stack's entries by category
// (1: int, float, reference, returnAddress; 2: long, double, JVMS §2.11.1) through the method's
// instructions as they are visited, without frames, as Byte Buddy's StackAwareMethodVisitor does:
// the stack at a jump target is the one the first jump to it carries; at a label reached only
// backwards it is taken to be empty (code compiled from Java has an empty stack between statements).

import type { Label } from '../../asm/label.js';
import { Opcodes } from '../../asm/opcodes.js';
import { Type } from '../../asm/type.js';
import { ConstantDynamic } from '../../asm/constant-dynamic.js';
import { Double } from '../../asm/java-values.js';

/** The category of a value of `descriptor`'s type (0 for void). */
function categoryOf(descriptor: string): number {
  const c = descriptor.charCodeAt(0);
  return c === 0x56 /* V */ ? 0 : c === 0x4a /* J */ || c === 0x44 /* D */ ? 2 : 1;
}

/** Slots popped and the categories pushed by the opcodes whose effect is fixed (-1: not in this table). */
const POPPED = new Int8Array(256).fill(-1);
const PUSHED: (readonly number[])[] = [];
function effect(opcodes: readonly number[], popped: number, pushed: readonly number[]): void {
  for (const opcode of opcodes) {
    POPPED[opcode] = popped;
    PUSHED[opcode] = pushed;
  }
}
const O = Opcodes;
effect([O.NOP, O.GOTO, O.RET], 0, []);
effect([O.ACONST_NULL, O.ICONST_M1, O.ICONST_0, O.ICONST_1, O.ICONST_2, O.ICONST_3, O.ICONST_4, O.ICONST_5, O.FCONST_0, O.FCONST_1, O.FCONST_2, O.BIPUSH, O.SIPUSH], 0, [1]);
effect([O.LCONST_0, O.LCONST_1, O.DCONST_0, O.DCONST_1], 0, [2]);
effect([O.ILOAD, O.FLOAD, O.ALOAD], 0, [1]);
effect([O.LLOAD, O.DLOAD], 0, [2]);
effect([O.IALOAD, O.FALOAD, O.AALOAD, O.BALOAD, O.CALOAD, O.SALOAD], 2, [1]);
effect([O.LALOAD, O.DALOAD], 2, [2]);
effect([O.ISTORE, O.FSTORE, O.ASTORE, O.POP, O.MONITORENTER, O.MONITOREXIT, O.IFEQ, O.IFNE, O.IFLT, O.IFGE, O.IFGT, O.IFLE, O.IFNULL, O.IFNONNULL, O.TABLESWITCH, O.LOOKUPSWITCH], 1, []);
effect([O.LSTORE, O.DSTORE, O.POP2, O.IF_ICMPEQ, O.IF_ICMPNE, O.IF_ICMPLT, O.IF_ICMPGE, O.IF_ICMPGT, O.IF_ICMPLE, O.IF_ACMPEQ, O.IF_ACMPNE], 2, []);
effect([O.IASTORE, O.FASTORE, O.AASTORE, O.BASTORE, O.CASTORE, O.SASTORE], 3, []);
effect([O.LASTORE, O.DASTORE], 4, []);
// IADD…DREM and INEG…DNEG, by type in the order int, long, float, double.
for (let opcode = O.IADD; opcode <= O.DREM; opcode++) effect([opcode], [2, 4, 2, 4][(opcode - O.IADD) % 4]!, [[1], [2], [1], [2]][(opcode - O.IADD) % 4]!);
for (let opcode = O.INEG; opcode <= O.DNEG; opcode++) effect([opcode], [1, 2, 1, 2][opcode - O.INEG]!, [[1], [2], [1], [2]][opcode - O.INEG]!);
effect([O.ISHL, O.ISHR, O.IUSHR, O.IAND, O.IOR, O.IXOR], 2, [1]);
effect([O.LSHL, O.LSHR, O.LUSHR], 3, [2]);
effect([O.LAND, O.LOR, O.LXOR], 4, [2]);
effect([O.IINC], 0, []);
effect([O.I2F, O.F2I, O.I2B, O.I2C, O.I2S], 1, [1]);
effect([O.I2L, O.I2D, O.F2L, O.F2D], 1, [2]);
effect([O.L2I, O.L2F, O.D2I, O.D2F], 2, [1]);
effect([O.L2D, O.D2L], 2, [2]);
effect([O.LCMP, O.DCMPL, O.DCMPG], 4, [1]);
effect([O.FCMPL, O.FCMPG], 2, [1]);
effect([O.NEW], 0, [1]);
effect([O.NEWARRAY, O.ANEWARRAY, O.ARRAYLENGTH, O.CHECKCAST, O.INSTANCEOF], 1, [1]);

export class OperandStackSizes {
  /** The categories of the entries, bottom first; null where the stack is unknown (after a goto…). */
  private entries: number[] | null = [];
  /** The stack a jump or a handler carries to each label, bottom first. */
  private readonly atLabel = new Map<Label, number[]>();

  /** The categories under the top `topSlots` slots (the returned value), bottom first; [] when unknown. */
  below(topSlots: number): number[] {
    if (this.entries === null) return [];
    const copy = this.entries.slice();
    let slots = 0;
    while (slots < topSlots && copy.length > 0) slots += copy.pop()!;
    return copy;
  }

  /** An exception handler's code starts with the exception alone on the stack (JVMS §2.10). */
  handler(label: Label): void {
    if (!this.atLabel.has(label)) this.atLabel.set(label, [1]);
  }

  label(label: Label): void {
    const carried = this.atLabel.get(label);
    // Falling through keeps the stack; otherwise the one a jump carried, else (reached backwards) empty.
    if (this.entries === null) this.entries = carried === undefined ? [] : carried.slice();
  }

  insn(opcode: number): void {
    const entries = this.entries;
    if (entries === null) return;
    if (opcode >= O.IRETURN && opcode <= O.RETURN) {
      this.entries = null;
      return;
    }
    switch (opcode) {
      case O.ATHROW:
        this.entries = null;
        return;
      case O.DUP: {
        const a = this.popSlots(1);
        this.push(a, a);
        return;
      }
      case O.DUP_X1: {
        const a = this.popSlots(1);
        const b = this.popSlots(1);
        this.push(a, b, a);
        return;
      }
      case O.DUP_X2: {
        const a = this.popSlots(1);
        const b = this.popSlots(2);
        this.push(a, b, a);
        return;
      }
      case O.DUP2: {
        const a = this.popSlots(2);
        this.push(a, a);
        return;
      }
      case O.DUP2_X1: {
        const a = this.popSlots(2);
        const b = this.popSlots(1);
        this.push(a, b, a);
        return;
      }
      case O.DUP2_X2: {
        const a = this.popSlots(2);
        const b = this.popSlots(2);
        this.push(a, b, a);
        return;
      }
      case O.SWAP: {
        const a = this.popSlots(1);
        const b = this.popSlots(1);
        this.push(a, b);
        return;
      }
      default:
        this.fixed(opcode);
    }
  }

  /** The opcodes of the table; ldc and the member instructions have their own methods. */
  fixed(opcode: number): void {
    if (this.entries === null) return;
    const popped = POPPED[opcode]!;
    if (popped < 0) {
      this.entries = null; // An opcode this table does not know: stop following the stack.
      return;
    }
    this.popSlots(popped);
    this.push(PUSHED[opcode]!);
  }

  jump(opcode: number, label: Label): void {
    if (this.entries === null) return;
    if (opcode === O.JSR) {
      // The subroutine starts with its return address pushed (JVMS §6.5 jsr); the caller's stack is unchanged after it.
      this.carry(label, [...this.entries, 1]);
      return;
    }
    this.fixed(opcode);
    if (this.entries !== null) this.carry(label, this.entries);
    if (opcode === O.GOTO) this.entries = null;
  }

  switch(labels: readonly Label[]): void {
    if (this.entries === null) return;
    this.fixed(O.TABLESWITCH);
    for (const label of labels) if (this.entries !== null) this.carry(label, this.entries);
    this.entries = null;
  }

  ldc(value: unknown): void {
    if (this.entries === null) return;
    const wide = typeof value === 'bigint' || value instanceof Double || (value instanceof ConstantDynamic && categoryOf(value.getDescriptor()) === 2);
    this.push([wide ? 2 : 1]);
  }

  field(opcode: number, descriptor: string): void {
    if (this.entries === null) return;
    const size = categoryOf(descriptor);
    if (opcode === O.GETSTATIC) this.push([size]);
    else if (opcode === O.PUTSTATIC) this.popSlots(size);
    else if (opcode === O.GETFIELD) {
      this.popSlots(1);
      this.push([size]);
    } else this.popSlots(1 + size);
  }

  /** An invoke* (`hasReceiver`: not invokestatic or invokedynamic) of `descriptor`. */
  invoke(hasReceiver: boolean, descriptor: string): void {
    if (this.entries === null) return;
    const sizes = Type.getArgumentsAndReturnSizes(descriptor);
    this.popSlots((sizes >> 2) - (hasReceiver ? 0 : 1));
    const returned = sizes & 0x03;
    if (returned > 0) this.push([returned]);
  }

  multiANewArray(dimensions: number): void {
    if (this.entries === null) return;
    this.popSlots(dimensions);
    this.push([1]);
  }

  private carry(label: Label, entries: number[]): void {
    if (!this.atLabel.has(label)) this.atLabel.set(label, entries.slice());
  }

  /** Removes the top entries that make `slots` slots; a category 2 entry cut in half makes the stack unknown. */
  private popSlots(slots: number): number[] {
    const entries = this.entries;
    if (entries === null) return [];
    const removed: number[] = [];
    let count = 0;
    while (count < slots && entries.length > 0) {
      const entry = entries.pop()!;
      removed.unshift(entry);
      count += entry;
    }
    if (count !== slots) this.entries = null;
    return removed;
  }

  private push(...groups: (readonly number[])[]): void {
    if (this.entries === null) return;
    for (const group of groups) this.entries.push(...group);
  }
}
