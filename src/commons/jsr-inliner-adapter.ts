// A MethodNode that, at visitEnd, replaces JSR/RET subroutines (JVMS §4.10.2.5; forbidden from
// class version 51 on, §4.9.1) by inlined copies of their code, then replays the method to the
// next visitor.

import { IllegalArgumentException, IllegalStateException } from '../asm/java-exceptions.js';
import type { Label } from '../asm/label.js';
import type { MethodVisitor } from '../asm/method-visitor.js';
import { Opcodes } from '../asm/opcodes.js';
import { AbstractInsnNode } from '../tree/abstract-insn-node.js';
import { InsnList } from '../tree/insn-list.js';
import { InsnNode } from '../tree/insn-node.js';
import { JumpInsnNode } from '../tree/jump-insn-node.js';
import { LabelNode } from '../tree/label-node.js';
import { LocalVariableNode } from '../tree/local-variable-node.js';
import type { LookupSwitchInsnNode } from '../tree/lookup-switch-insn-node.js';
import { MethodNode } from '../tree/method-node.js';
import type { TableSwitchInsnNode } from '../tree/table-switch-insn-node.js';
import { TryCatchBlockNode } from '../tree/try-catch-block-node.js';

/** A growable set of non-negative ints (java.util.BitSet's get/set/nextSetBit). */
class BitSet {
  private bits: Uint8Array;

  constructor() {
    this.bits = new Uint8Array(64);
  }

  get(index: number): boolean {
    return index >= 0 && index < this.bits.length && this.bits[index] === 1;
  }

  set(index: number): void {
    if (index >= this.bits.length) {
      const grown = new Uint8Array(Math.max(this.bits.length * 2, index + 1));
      grown.set(this.bits);
      this.bits = grown;
    }
    this.bits[index] = 1;
  }

  /** The first index ≥ from in the set, or -1. */
  nextSetBit(from: number): number {
    const bits = this.bits;
    for (let i = Math.max(from, 0); i < bits.length; ++i) {
      if (bits[i] === 1) return i;
    }
    return -1;
  }
}

/**
 * ASM's JSRInlinerAdapter. Every JSR becomes `ACONST_NULL; GOTO <copy of the subroutine>` (the
 * null stands for the return address, so no data-flow analysis is needed), each RET a GOTO back
 * to the instruction after the JSR of that copy; nested subroutines are copied per call path.
 * Try/catch blocks and local variables are copied with the code they cover.
 *
 * `new JSRInlinerAdapter(methodVisitor, access, name, descriptor, signature, exceptions)` is for
 * this class itself; subclasses call `super(api, methodVisitor, access, …)`.
 */
export class JSRInlinerAdapter extends MethodNode {
  /** The instructions of the main "subroutine" (the code outside any subroutine), by index. */
  private readonly mainSubroutineInsns: BitSet;
  /** The instructions of each subroutine, keyed by the label its JSRs target. */
  private readonly subroutinesInsns: Map<LabelNode, BitSet>;
  /** @internal The instructions that belong to more than one subroutine. */
  readonly sharedSubroutineInsns: BitSet;

  constructor(
    methodVisitor: MethodVisitor | null,
    access: number,
    name: string,
    descriptor: string,
    signature: string | null,
    exceptions: readonly string[] | null,
  );
  constructor(
    api: number,
    methodVisitor: MethodVisitor | null,
    access: number,
    name: string,
    descriptor: string,
    signature: string | null,
    exceptions: readonly string[] | null,
  );
  constructor(
    a: number | MethodVisitor | null,
    b: MethodVisitor | null | number,
    c: number | string,
    d: string,
    e: string | null,
    f: string | null | readonly string[],
    g?: readonly string[] | null,
  ) {
    const withApi = typeof a === 'number';
    if (withApi) {
      super(a, c as number, d, e as string, f as string | null, g ?? null);
    } else {
      super(Opcodes.ASM9, b as number, c as string, d, e, (f ?? null) as readonly string[] | null);
      if (new.target !== JSRInlinerAdapter) {
        throw new IllegalStateException('subclasses of JSRInlinerAdapter must pass an api');
      }
    }
    this.mv = (withApi ? b : a) as MethodVisitor | null;
    this.mainSubroutineInsns = new BitSet();
    this.subroutinesInsns = new Map();
    this.sharedSubroutineInsns = new BitSet();
  }

  override visitJumpInsn(opcode: number, label: Label): void {
    super.visitJumpInsn(opcode, label);
    const labelNode = (this.instructions.getLast() as JumpInsnNode).label;
    if (opcode === Opcodes.JSR && !this.subroutinesInsns.has(labelNode)) {
      this.subroutinesInsns.set(labelNode, new BitSet());
    }
  }

  override visitEnd(): void {
    if (this.subroutinesInsns.size > 0) {
      this.findSubroutinesInsns();
      this.emitCode();
    }
    if (this.mv !== null) {
      this.accept(this.mv);
    }
  }

  /** Finds the instructions of the main routine, then of each subroutine. */
  private findSubroutinesInsns(): void {
    const visitedInsns = new BitSet();
    this.findSubroutineInsns(0, this.mainSubroutineInsns, visitedInsns);
    for (const [jsrLabelNode, subroutineInsns] of this.subroutinesInsns) {
      this.findSubroutineInsns(this.instructions.indexOf(jsrLabelNode), subroutineInsns, visitedInsns);
    }
  }

  /**
   * Adds to `subroutineInsns` the instructions reachable from `startInsnIndex` without following
   * JSRs, including through the handlers of try/catch blocks that cover any of them.
   */
  private findSubroutineInsns(startInsnIndex: number, subroutineInsns: BitSet, visitedInsns: BitSet): void {
    this.findReachableInsns(startInsnIndex, subroutineInsns, visitedInsns);
    const instructions = this.instructions;
    const tryCatchBlocks = this.tryCatchBlocks ?? [];
    // A handler whose range holds an instruction of the subroutine belongs to it; adding it can
    // make other handlers applicable, so repeat until nothing changes.
    for (;;) {
      let applicableHandlerFound = false;
      for (const tryCatchBlockNode of tryCatchBlocks) {
        const handlerIndex = instructions.indexOf(tryCatchBlockNode.handler);
        if (subroutineInsns.get(handlerIndex)) {
          continue;
        }
        const startIndex = instructions.indexOf(tryCatchBlockNode.start);
        const endIndex = instructions.indexOf(tryCatchBlockNode.end);
        const firstSubroutineInsnAfterTryCatchStart = subroutineInsns.nextSetBit(startIndex);
        if (firstSubroutineInsnAfterTryCatchStart >= startIndex && firstSubroutineInsnAfterTryCatchStart < endIndex) {
          this.findReachableInsns(handlerIndex, subroutineInsns, visitedInsns);
          applicableHandlerFound = true;
        }
      }
      if (!applicableHandlerFound) {
        return;
      }
    }
  }

  /**
   * Depth-first search of the instructions reachable from `insnIndex` by normal control flow,
   * without following JSRs (execution is assumed to continue after each JSR). Uses an explicit
   * stack rather than recursion so that long methods cannot overflow the JS call stack.
   */
  private findReachableInsns(insnIndex: number, subroutineInsns: BitSet, visitedInsns: BitSet): void {
    const instructions = this.instructions;
    const size = instructions.size();
    const pending: number[] = [insnIndex];
    while (pending.length > 0) {
      let currentInsnIndex = pending.pop()!;
      // A subroutine that never returns can make the code after a JSR fall off the method end.
      while (currentInsnIndex < size) {
        if (subroutineInsns.get(currentInsnIndex)) {
          break;
        }
        subroutineInsns.set(currentInsnIndex);
        if (visitedInsns.get(currentInsnIndex)) {
          this.sharedSubroutineInsns.set(currentInsnIndex);
        }
        visitedInsns.set(currentInsnIndex);

        const currentInsnNode = instructions.get(currentInsnIndex);
        const type = currentInsnNode.getType();
        if (type === AbstractInsnNode.JUMP_INSN && currentInsnNode.getOpcode() !== Opcodes.JSR) {
          pending.push(instructions.indexOf((currentInsnNode as JumpInsnNode).label));
        } else if (type === AbstractInsnNode.TABLESWITCH_INSN) {
          const tableSwitchInsnNode = currentInsnNode as TableSwitchInsnNode;
          // Pushed in reverse so that they are explored in ASM's order.
          for (let i = tableSwitchInsnNode.labels.length - 1; i >= 0; --i) {
            pending.push(instructions.indexOf(tableSwitchInsnNode.labels[i]!));
          }
          pending.push(instructions.indexOf(tableSwitchInsnNode.dflt));
        } else if (type === AbstractInsnNode.LOOKUPSWITCH_INSN) {
          const lookupSwitchInsnNode = currentInsnNode as LookupSwitchInsnNode;
          for (let i = lookupSwitchInsnNode.labels.length - 1; i >= 0; --i) {
            pending.push(instructions.indexOf(lookupSwitchInsnNode.labels[i]!));
          }
          pending.push(instructions.indexOf(lookupSwitchInsnNode.dflt));
        }
        let fallsThrough: boolean;
        switch (currentInsnNode.getOpcode()) {
          case Opcodes.GOTO:
          case Opcodes.RET:
          case Opcodes.TABLESWITCH:
          case Opcodes.LOOKUPSWITCH:
          case Opcodes.IRETURN:
          case Opcodes.LRETURN:
          case Opcodes.FRETURN:
          case Opcodes.DRETURN:
          case Opcodes.ARETURN:
          case Opcodes.RETURN:
          case Opcodes.ATHROW:
            // Returns from this subroutine or from a parent one.
            fallsThrough = false;
            break;
          default:
            fallsThrough = true;
            break;
        }
        if (!fallsThrough) {
          break;
        }
        currentInsnIndex++;
      }
    }
  }

  /** Emits the main routine, then each subroutine instantiation it (transitively) calls. */
  private emitCode(): void {
    const worklist: Instantiation[] = [new Instantiation(this, null, this.mainSubroutineInsns)];
    const newInstructions = new InsnList();
    const newTryCatchBlocks: TryCatchBlockNode[] = [];
    const newLocalVariables: LocalVariableNode[] = [];
    for (let next = 0; next < worklist.length; ++next) {
      this.emitInstantiation(worklist[next]!, worklist, newInstructions, newTryCatchBlocks, newLocalVariables);
    }
    this.instructions = newInstructions;
    this.tryCatchBlocks = newTryCatchBlocks;
    this.localVariables = newLocalVariables;
  }

  private emitInstantiation(
    instantiation: Instantiation,
    worklist: Instantiation[],
    newInstructions: InsnList,
    newTryCatchBlocks: TryCatchBlockNode[],
    newLocalVariables: LocalVariableNode[],
  ): void {
    const instructions = this.instructions;
    let previousLabelNode: LabelNode | null = null;
    for (let i = 0; i < instructions.size(); ++i) {
      const insnNode = instructions.get(i);
      if (insnNode.getType() === AbstractInsnNode.LABEL) {
        // Every label is cloned; labels at the same position share one clone, added once.
        const clonedLabelNode = instantiation.getClonedLabel(insnNode as LabelNode)!;
        if (clonedLabelNode !== previousLabelNode) {
          newInstructions.add(clonedLabelNode);
          previousLabelNode = clonedLabelNode;
        }
      } else if (instantiation.findOwner(i) === instantiation) {
        // Instructions emitted by an ancestor instantiation are not emitted again (shared code).
        if (insnNode.getOpcode() === Opcodes.RET) {
          // The subroutine may fall through into the RET of a parent subroutine: return to the
          // oldest instantiation that owns this RET.
          let retLabel: LabelNode | null = null;
          for (let owner: Instantiation | null = instantiation; owner !== null; owner = owner.parent) {
            if (owner.subroutineInsns.get(i)) {
              retLabel = owner.returnLabel;
            }
          }
          if (retLabel === null) {
            // Only the main routine owns this RET: not verifiable code.
            throw new IllegalArgumentException(`Instruction #${i} is a RET not owned by any subroutine`);
          }
          newInstructions.add(new JumpInsnNode(Opcodes.GOTO, retLabel));
        } else if (insnNode.getOpcode() === Opcodes.JSR) {
          const jsrLabelNode = (insnNode as JumpInsnNode).label;
          const subroutineInsns = this.subroutinesInsns.get(jsrLabelNode)!;
          const newInstantiation = new Instantiation(this, instantiation, subroutineInsns);
          const clonedJsrLabelNode = newInstantiation.getClonedLabelForJumpInsn(jsrLabelNode);
          // The null replaces the return address the subroutine stores with ASTORE.
          newInstructions.add(new InsnNode(Opcodes.ACONST_NULL));
          newInstructions.add(new JumpInsnNode(Opcodes.GOTO, clonedJsrLabelNode));
          newInstructions.add(newInstantiation.returnLabel!);
          worklist.push(newInstantiation);
        } else {
          newInstructions.add(insnNode.clone(instantiation));
        }
      }
    }

    for (const tryCatchBlockNode of this.tryCatchBlocks ?? []) {
      const start = instantiation.getClonedLabel(tryCatchBlockNode.start);
      const end = instantiation.getClonedLabel(tryCatchBlockNode.end);
      if (start !== end) {
        const handler = instantiation.getClonedLabelForJumpInsn(tryCatchBlockNode.handler);
        if (start === undefined || end === undefined || handler === undefined) {
          throw new Error('AssertionError: Internal error!');
        }
        newTryCatchBlocks.push(new TryCatchBlockNode(start, end, handler, tryCatchBlockNode.type));
      }
    }

    for (const localVariableNode of this.localVariables ?? []) {
      const start = instantiation.getClonedLabel(localVariableNode.start);
      const end = instantiation.getClonedLabel(localVariableNode.end);
      if (start !== end) {
        newLocalVariables.push(
          new LocalVariableNode(
            localVariableNode.name,
            localVariableNode.desc,
            localVariableNode.signature,
            start!,
            end!,
            localVariableNode.index,
          ),
        );
      }
    }
  }
}

/**
 * One copy of a subroutine (or of the main routine). As a Map, it gives the clone of a label for
 * use in a jump instruction, which is what AbstractInsnNode.clone asks of its map argument.
 */
class Instantiation extends Map<LabelNode, LabelNode> {
  /** The instantiation whose JSR created this one; null for the main routine. */
  readonly parent: Instantiation | null;
  /** The original instructions of the instantiated subroutine. */
  readonly subroutineInsns: BitSet;
  /**
   * Original label → label of this copy. Labels at the same position share one clone. For
   * instructions shared with an ancestor, jumps go to the oldest instantiation's copy.
   */
  readonly clonedLabels: Map<LabelNode, LabelNode>;
  /** Where the RETs of this copy jump to; null for the main routine. */
  readonly returnLabel: LabelNode | null;
  private readonly adapter: JSRInlinerAdapter;
  private readonly instructions: InsnList;

  constructor(adapter: JSRInlinerAdapter, parent: Instantiation | null, subroutineInsns: BitSet) {
    super();
    for (let instantiation = parent; instantiation !== null; instantiation = instantiation.parent) {
      if (instantiation.subroutineInsns === subroutineInsns) {
        throw new IllegalArgumentException('Recursive invocation of a subroutine');
      }
    }
    this.adapter = adapter;
    this.instructions = adapter.instructions;
    this.parent = parent;
    this.subroutineInsns = subroutineInsns;
    this.returnLabel = parent === null ? null : new LabelNode();
    this.clonedLabels = new Map();

    let clonedLabelNode: LabelNode | null = null;
    const instructions = this.instructions;
    for (let insnIndex = 0; insnIndex < instructions.size(); insnIndex++) {
      const insnNode = instructions.get(insnIndex);
      if (insnNode.getType() === AbstractInsnNode.LABEL) {
        if (clonedLabelNode === null) {
          clonedLabelNode = new LabelNode();
        }
        this.clonedLabels.set(insnNode as LabelNode, clonedLabelNode);
      } else if (this.findOwner(insnIndex) === this) {
        // This copy emits the instruction: the next label designates another position.
        clonedLabelNode = null;
      }
    }
  }

  /**
   * The instantiation that emits the copy of instruction `insnIndex` executed by this one: null if
   * this subroutine does not contain it, else the oldest instantiation on the parent chain that
   * contains it (shared instructions are emitted once, by the oldest).
   */
  findOwner(insnIndex: number): Instantiation | null {
    if (!this.subroutineInsns.get(insnIndex)) {
      return null;
    }
    if (!this.adapter.sharedSubroutineInsns.get(insnIndex)) {
      return this;
    }
    let owner: Instantiation = this;
    for (let instantiation = this.parent; instantiation !== null; instantiation = instantiation.parent) {
      if (instantiation.subroutineInsns.get(insnIndex)) {
        owner = instantiation;
      }
    }
    return owner;
  }

  /** The clone of an original label, for a jump instruction. */
  getClonedLabelForJumpInsn(labelNode: LabelNode): LabelNode {
    // The owner is never null: a jump target of this subroutine belongs to it.
    return this.findOwner(this.instructions.indexOf(labelNode))!.clonedLabels.get(labelNode)!;
  }

  /** The clone of an original label, for a try/catch block or a local variable range. */
  getClonedLabel(labelNode: LabelNode): LabelNode | undefined {
    return this.clonedLabels.get(labelNode);
  }

  override get(key: LabelNode): LabelNode | undefined {
    return this.getClonedLabelForJumpInsn(key);
  }
}
