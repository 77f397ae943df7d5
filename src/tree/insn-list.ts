import type { MethodVisitor } from '../asm/method-visitor.js';
import type { AbstractInsnNode } from './abstract-insn-node.js';
import { LabelNode } from './label-node.js';
import { IllegalStateException, IndexOutOfBoundsException, NoSuchElementException } from '../asm/java-exceptions.js';

/**
 * A doubly linked list of instructions, linked through the nodes themselves. `get(index)` and
 * `indexOf` build an index cache on first use, and every modification drops it. Iterable with
 * `for…of`; `iterator()` gives ASM's ListIterator (with remove/add/set). Not thread safe (nor
 * meant to be shared between workers).
 */
export class InsnList implements Iterable<AbstractInsnNode> {
  /** The number of instructions in this list. */
  private _size: number;

  /** The first instruction of this list, or null if the list is empty. */
  private firstInsn: AbstractInsnNode | null;

  /**
   * The last instruction of this list, or null if the list is empty.
   *
   * @internal
   */
  lastInsn: AbstractInsnNode | null;

  /**
   * The instructions of this list by index, built by `get` and `indexOf`; null when stale.
   *
   * @internal
   */
  cache: AbstractInsnNode[] | null;

  constructor() {
    this._size = 0;
    this.firstInsn = null;
    this.lastInsn = null;
    this.cache = null;
  }

  /** The number of instructions in this list. */
  size(): number {
    return this._size;
  }

  /** The first instruction of this list, or null if the list is empty. */
  getFirst(): AbstractInsnNode | null {
    return this.firstInsn;
  }

  /** The last instruction of this list, or null if the list is empty. */
  getLast(): AbstractInsnNode | null {
    return this.lastInsn;
  }

  /**
   * The instruction at `index`. The first call after a modification builds the index cache
   * (linear); later calls take constant time. Throws an IndexOutOfBoundsException (a RangeError)
   * when `index` is outside 0…size()-1.
   */
  get(index: number): AbstractInsnNode {
    if (index < 0 || index >= this._size) {
      throw new IndexOutOfBoundsException(`index ${index}, size ${this._size}`);
    }
    if (this.cache === null) {
      this.cache = this.toArray();
    }
    return this.cache[index]!;
  }

  /** Whether `insnNode` belongs to this list (a linear scan). */
  contains(insnNode: AbstractInsnNode): boolean {
    let currentInsn = this.firstInsn;
    while (currentInsn !== null && currentInsn !== insnNode) {
      currentInsn = currentInsn.nextInsn;
    }
    return currentInsn !== null;
  }

  /**
   * The index of `insnNode`, which must belong to this list (the result is meaningless
   * otherwise; use `contains` to test membership). Builds the index cache if needed.
   */
  indexOf(insnNode: AbstractInsnNode): number {
    if (this.cache === null) {
      this.cache = this.toArray();
    }
    return insnNode.index;
  }

  /** Makes `methodVisitor` visit every instruction of this list, in order. */
  accept(methodVisitor: MethodVisitor): void {
    let currentInsn = this.firstInsn;
    while (currentInsn !== null) {
      currentInsn.accept(methodVisitor);
      currentInsn = currentInsn.nextInsn;
    }
  }

  /** ASM's list iterator over this list, positioned before the instruction at `index` (default 0). */
  iterator(index: number = 0): InsnListIterator {
    return new InsnListIterator(this, index);
  }

  /**
   * Iterates over the instructions with `for…of`. Like ASM's iterator, the successor of an
   * instruction is read when the instruction is returned: removing the current instruction inside
   * the loop is safe, and instructions inserted right after it are not visited.
   */
  [Symbol.iterator](): IterableIterator<AbstractInsnNode> {
    // An iterator object rather than a generator: V8 runs `for…of` over it about four times faster.
    return new LinkedInsnIterator(this.firstInsn);
  }

  /** The instructions of this list in a new array (this also refreshes their indexes). */
  toArray(): AbstractInsnNode[] {
    let currentInsnIndex = 0;
    let currentInsn = this.firstInsn;
    const insnNodeArray: AbstractInsnNode[] = new Array(this._size);
    while (currentInsn !== null) {
      insnNodeArray[currentInsnIndex] = currentInsn;
      currentInsn.index = currentInsnIndex++;
      currentInsn = currentInsn.nextInsn;
    }
    return insnNodeArray;
  }

  /** Replaces `oldInsnNode` (of this list) with `newInsnNode` (which must belong to no list). */
  set(oldInsnNode: AbstractInsnNode, newInsnNode: AbstractInsnNode): void {
    const nextInsn = oldInsnNode.nextInsn;
    newInsnNode.nextInsn = nextInsn;
    if (nextInsn !== null) {
      nextInsn.previousInsn = newInsnNode;
    } else {
      this.lastInsn = newInsnNode;
    }
    const previousInsn = oldInsnNode.previousInsn;
    newInsnNode.previousInsn = previousInsn;
    if (previousInsn !== null) {
      previousInsn.nextInsn = newInsnNode;
    } else {
      this.firstInsn = newInsnNode;
    }
    if (this.cache !== null) {
      // The cache stays valid: the new node takes the old one's place.
      const index = oldInsnNode.index;
      this.cache[index] = newInsnNode;
      newInsnNode.index = index;
    } else {
      newInsnNode.index = 0; // Now belongs to a list.
    }
    oldInsnNode.index = -1; // No longer belongs to a list.
    oldInsnNode.previousInsn = null;
    oldInsnNode.nextInsn = null;
  }

  /**
   * Appends an instruction (which must belong to no list), or moves all the instructions of
   * another list (which must not be this one) to the end of this list, leaving it empty.
   */
  add(insns: AbstractInsnNode | InsnList): void {
    if (insns instanceof InsnList) {
      this.addList(insns);
      return;
    }
    const insnNode = insns;
    ++this._size;
    if (this.lastInsn === null) {
      this.firstInsn = insnNode;
      this.lastInsn = insnNode;
    } else {
      this.lastInsn.nextInsn = insnNode;
      insnNode.previousInsn = this.lastInsn;
    }
    this.lastInsn = insnNode;
    this.cache = null;
    insnNode.index = 0; // Now belongs to a list.
  }

  /**
   * @internal Appends `insnNode`, a new node whose previousInsn and index the caller has already
   * set (to getLast() and 0). MethodNode's visit methods make these two stores themselves, where
   * the class of the node is known: in `add`, which sees every node class, they are megamorphic.
   */
  appendLinked(insnNode: AbstractInsnNode): void {
    ++this._size;
    const lastInsn = this.lastInsn;
    if (lastInsn === null) {
      this.firstInsn = insnNode;
    } else {
      lastInsn.nextInsn = insnNode;
    }
    this.lastInsn = insnNode;
    this.cache = null;
  }

  private addList(insnList: InsnList): void {
    if (insnList._size === 0) {
      return;
    }
    this._size += insnList._size;
    if (this.lastInsn === null) {
      this.firstInsn = insnList.firstInsn;
      this.lastInsn = insnList.lastInsn;
    } else {
      const firstInsnListElement = insnList.firstInsn!;
      this.lastInsn.nextInsn = firstInsnListElement;
      firstInsnListElement.previousInsn = this.lastInsn;
      this.lastInsn = insnList.lastInsn;
    }
    this.cache = null;
    insnList.removeAll(false);
  }

  /**
   * ASM's four `insert` overloads:
   * - `insert(insnNode)` / `insert(insnList)`: at the beginning of this list;
   * - `insert(previousInsn, insnNode)` / `insert(previousInsn, insnList)`: right after
   *   `previousInsn`, an instruction of this list.
   * A single instruction must belong to no list; a list is emptied (and must not be this one).
   */
  insert(insns: AbstractInsnNode | InsnList): void;
  insert(previousInsn: AbstractInsnNode, insns: AbstractInsnNode | InsnList): void;
  insert(first: AbstractInsnNode | InsnList, second?: AbstractInsnNode | InsnList): void {
    if (second === undefined) {
      if (first instanceof InsnList) {
        this.insertListFirst(first);
      } else {
        this.insertFirst(first);
      }
    } else if (second instanceof InsnList) {
      this.insertListAfter(first as AbstractInsnNode, second);
    } else {
      this.insertAfter(first as AbstractInsnNode, second);
    }
  }

  private insertFirst(insnNode: AbstractInsnNode): void {
    ++this._size;
    if (this.firstInsn === null) {
      this.firstInsn = insnNode;
      this.lastInsn = insnNode;
    } else {
      this.firstInsn.previousInsn = insnNode;
      insnNode.nextInsn = this.firstInsn;
    }
    this.firstInsn = insnNode;
    this.cache = null;
    insnNode.index = 0; // Now belongs to a list.
  }

  private insertListFirst(insnList: InsnList): void {
    if (insnList._size === 0) {
      return;
    }
    this._size += insnList._size;
    if (this.firstInsn === null) {
      this.firstInsn = insnList.firstInsn;
      this.lastInsn = insnList.lastInsn;
    } else {
      const lastInsnListElement = insnList.lastInsn!;
      this.firstInsn.previousInsn = lastInsnListElement;
      lastInsnListElement.nextInsn = this.firstInsn;
      this.firstInsn = insnList.firstInsn;
    }
    this.cache = null;
    insnList.removeAll(false);
  }

  private insertAfter(previousInsn: AbstractInsnNode, insnNode: AbstractInsnNode): void {
    ++this._size;
    const nextInsn = previousInsn.nextInsn;
    if (nextInsn === null) {
      this.lastInsn = insnNode;
    } else {
      nextInsn.previousInsn = insnNode;
    }
    previousInsn.nextInsn = insnNode;
    insnNode.nextInsn = nextInsn;
    insnNode.previousInsn = previousInsn;
    this.cache = null;
    insnNode.index = 0; // Now belongs to a list.
  }

  private insertListAfter(previousInsn: AbstractInsnNode, insnList: InsnList): void {
    if (insnList._size === 0) {
      return;
    }
    this._size += insnList._size;
    const firstInsnListElement = insnList.firstInsn!;
    const lastInsnListElement = insnList.lastInsn!;
    const nextInsn = previousInsn.nextInsn;
    if (nextInsn === null) {
      this.lastInsn = lastInsnListElement;
    } else {
      nextInsn.previousInsn = lastInsnListElement;
    }
    previousInsn.nextInsn = firstInsnListElement;
    lastInsnListElement.nextInsn = nextInsn;
    firstInsnListElement.previousInsn = previousInsn;
    this.cache = null;
    insnList.removeAll(false);
  }

  /**
   * Inserts an instruction (which must belong to no list), or all the instructions of another list
   * (emptied in the process), just before `nextInsn`, an instruction of this list.
   */
  insertBefore(nextInsn: AbstractInsnNode, insns: AbstractInsnNode | InsnList): void {
    if (insns instanceof InsnList) {
      this.insertListBefore(nextInsn, insns);
      return;
    }
    const insnNode = insns;
    ++this._size;
    const previousInsn = nextInsn.previousInsn;
    if (previousInsn === null) {
      this.firstInsn = insnNode;
    } else {
      previousInsn.nextInsn = insnNode;
    }
    nextInsn.previousInsn = insnNode;
    insnNode.nextInsn = nextInsn;
    insnNode.previousInsn = previousInsn;
    this.cache = null;
    insnNode.index = 0; // Now belongs to a list.
  }

  private insertListBefore(nextInsn: AbstractInsnNode, insnList: InsnList): void {
    if (insnList._size === 0) {
      return;
    }
    this._size += insnList._size;
    const firstInsnListElement = insnList.firstInsn!;
    const lastInsnListElement = insnList.lastInsn!;
    const previousInsn = nextInsn.previousInsn;
    if (previousInsn === null) {
      this.firstInsn = firstInsnListElement;
    } else {
      previousInsn.nextInsn = firstInsnListElement;
    }
    nextInsn.previousInsn = lastInsnListElement;
    lastInsnListElement.nextInsn = nextInsn;
    firstInsnListElement.previousInsn = previousInsn;
    this.cache = null;
    insnList.removeAll(false);
  }

  /** Removes `insnNode`, an instruction of this list. */
  remove(insnNode: AbstractInsnNode): void {
    --this._size;
    const nextInsn = insnNode.nextInsn;
    const previousInsn = insnNode.previousInsn;
    if (nextInsn === null) {
      if (previousInsn === null) {
        this.firstInsn = null;
        this.lastInsn = null;
      } else {
        previousInsn.nextInsn = null;
        this.lastInsn = previousInsn;
      }
    } else if (previousInsn === null) {
      this.firstInsn = nextInsn;
      nextInsn.previousInsn = null;
    } else {
      previousInsn.nextInsn = nextInsn;
      nextInsn.previousInsn = previousInsn;
    }
    this.cache = null;
    insnNode.index = -1; // No longer belongs to a list.
    insnNode.previousInsn = null;
    insnNode.nextInsn = null;
  }

  /**
   * Empties this list; with `mark`, also unlinks each instruction and marks it as belonging to no
   * list (without, the instructions keep their links, as when they move to another list).
   *
   * @internal
   */
  removeAll(mark: boolean): void {
    if (mark) {
      let currentInsn = this.firstInsn;
      while (currentInsn !== null) {
        const next: AbstractInsnNode | null = currentInsn.nextInsn;
        currentInsn.index = -1; // No longer belongs to a list.
        currentInsn.previousInsn = null;
        currentInsn.nextInsn = null;
        currentInsn = next;
      }
    }
    this._size = 0;
    this.firstInsn = null;
    this.lastInsn = null;
    this.cache = null;
  }

  /** Removes all the instructions of this list (as ASM, without unlinking them). */
  clear(): void {
    this.removeAll(false);
  }

  /**
   * Drops the Label of every LabelNode, so that new ones are created: needed before the list is
   * visited by another ClassWriter, since a Label records its offset in the first one.
   */
  resetLabels(): void {
    let currentInsn = this.firstInsn;
    while (currentInsn !== null) {
      if (currentInsn instanceof LabelNode) {
        currentInsn.resetLabel();
      }
      currentInsn = currentInsn.nextInsn;
    }
  }
}

/**
 * ASM's `ListIterator` over an `InsnList` (Java's inner class `InsnListIterator`). `next()` and
 * `previous()` return instructions (not JavaScript iterator results); `remove`, `add` and `set`
 * modify the list at the iterator's position.
 */
export class InsnListIterator {
  /** The list being iterated. */
  private readonly list: InsnList;

  /** The instruction that next() returns, or null at the end. */
  private nextInsn: AbstractInsnNode | null;

  /** The instruction that previous() returns, or null at the beginning. */
  private previousInsn: AbstractInsnNode | null;

  /** The instruction last returned by next() or previous(), which remove() and set() act on. */
  private remove_: AbstractInsnNode | null;

  constructor(list: InsnList, index: number) {
    this.list = list;
    this.remove_ = null;
    if (index < 0 || index > list.size()) {
      throw new IndexOutOfBoundsException(`index ${index}, size ${list.size()}`);
    }
    if (index === list.size()) {
      this.nextInsn = null;
      this.previousInsn = list.getLast();
    } else {
      const nextInsn = list.get(index);
      this.nextInsn = nextInsn;
      this.previousInsn = nextInsn.previousInsn;
    }
  }

  hasNext(): boolean {
    return this.nextInsn !== null;
  }

  /** The next instruction; throws (Java's NoSuchElementException) at the end of the list. */
  next(): AbstractInsnNode {
    const result = this.nextInsn;
    if (result === null) {
      throw new NoSuchElementException('no next instruction');
    }
    this.previousInsn = result;
    this.nextInsn = result.nextInsn;
    this.remove_ = result;
    return result;
  }

  /** Removes the instruction last returned by next() or previous(). */
  remove(): void {
    const removed = this.remove_;
    if (removed === null) {
      throw new IllegalStateException('next() or previous() must be called before remove()');
    }
    if (removed === this.nextInsn) {
      this.nextInsn = this.nextInsn.nextInsn;
    } else {
      this.previousInsn = this.previousInsn!.previousInsn;
    }
    this.list.remove(removed);
    this.remove_ = null;
  }

  hasPrevious(): boolean {
    return this.previousInsn !== null;
  }

  /** The previous instruction; throws (Java's NoSuchElementException) at the beginning of the list. */
  previous(): AbstractInsnNode {
    const result = this.previousInsn;
    if (result === null) {
      throw new NoSuchElementException('no previous instruction');
    }
    this.nextInsn = result;
    this.previousInsn = result.previousInsn;
    this.remove_ = result;
    return result;
  }

  nextIndex(): number {
    if (this.nextInsn === null) {
      return this.list.size();
    }
    return this.list.indexOf(this.nextInsn);
  }

  previousIndex(): number {
    if (this.previousInsn === null) {
      return -1;
    }
    return this.list.indexOf(this.previousInsn);
  }

  /** Inserts `insnNode` (which must belong to no list) before the iterator's position. */
  add(insnNode: AbstractInsnNode): void {
    if (this.nextInsn !== null) {
      this.list.insertBefore(this.nextInsn, insnNode);
    } else if (this.previousInsn !== null) {
      this.list.insert(this.previousInsn, insnNode);
    } else {
      this.list.add(insnNode);
    }
    this.previousInsn = insnNode;
    this.remove_ = null;
  }

  /** Replaces the instruction last returned by next() or previous() with `insnNode`. */
  set(insnNode: AbstractInsnNode): void {
    const replaced = this.remove_;
    if (replaced === null) {
      throw new IllegalStateException('next() or previous() must be called before set()');
    }
    this.list.set(replaced, insnNode);
    if (replaced === this.previousInsn) {
      this.previousInsn = insnNode;
    } else {
      this.nextInsn = insnNode;
    }
  }
}

/** The `for…of` iterator of InsnList: returns an instruction and moves to its successor as it is then. */
class LinkedInsnIterator implements IterableIterator<AbstractInsnNode> {
  constructor(private nextInsn: AbstractInsnNode | null) {}

  next(): IteratorResult<AbstractInsnNode> {
    const insn = this.nextInsn;
    if (insn === null) return { value: undefined, done: true };
    this.nextInsn = insn.nextInsn;
    return { value: insn, done: false };
  }

  [Symbol.iterator](): IterableIterator<AbstractInsnNode> {
    return this;
  }
}
