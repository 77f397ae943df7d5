// # Definite unassignment of a snippet's blank locals (JLS ch. 16), checked on the code the generator wrote
//
// A local declared without an initializer may be assigned later, but a `final` one only where it is
// definitely unassigned (javac: "variable x might already have been assigned", or "might be assigned in
// loop"), and a non-final one counts as effectively final — so a lambda may capture it (JLS §4.12.4,
// §15.27.2) — only if every assignment to it is made so. Both come down to one question about each
// plain assignment to such a variable: can a path from the variable's declaration reach it through
// another assignment to the same variable?
//
// The check is a forward "may" data flow over the generated instructions (instruction-flow.ts): one
// bit per variable, set by the store of one of its assignments and cleared where its declaration is
// (a loop that declares the variable anew starts it unassigned again); paths join by union. A store
// reached with its variable's bit set is the answer. As JLS §16.2.15 has it, a catch or finally
// handler takes an exception to come from anywhere in its try block, also after the block's last
// assignment. The code generator gives, for each variable, the label it put at its declaration and the
// store instruction of each plain assignment. javac's flow analysis is on the source; the tests compare
// what it refuses and accepts with what this check does (test/source-compiler-effectively-final.test.ts).

import type { AbstractInsnNode } from '../../tree/abstract-insn-node.js';
import type { MethodNode } from '../../tree/method-node.js';
import { forwardFlow } from './instruction-flow.js';

/** A blank local to check: where it is declared and where it is assigned. */
export interface BlankLocal {
  /** The instruction (a label) at its declaration. */
  readonly declaration: AbstractInsnNode;
  /** The store instruction of each plain assignment to it. */
  readonly stores: ReadonlySet<AbstractInsnNode>;
}

/**
 * The first assignment (its store) to one of `locals` that some path reaches after another assignment
 * to the same variable since its declaration, with the variable's index in `locals`; null when there is none.
 */
export function findReassignment(method: MethodNode, locals: readonly BlankLocal[]): { local: number; store: AbstractInsnNode } | null {
  // One store can be reached from itself (a loop around the assignment, not the declaration): only none is safe.
  if (locals.every((local) => local.stores.size === 0)) return null;
  const declarations = new Map<AbstractInsnNode, number>();
  const stores = new Map<AbstractInsnNode, number>();
  locals.forEach((local, i) => {
    declarations.set(local.declaration, i);
    for (const store of local.stores) stores.set(store, i);
  });
  let found: { local: number; store: AbstractInsnNode } | null = null;
  forwardFlow(method, 0n, (known, incoming) => known | incoming, (insn, before) => {
    const declared = declarations.get(insn);
    if (declared !== undefined) return before & ~(1n << BigInt(declared));
    const assigned = stores.get(insn);
    if (assigned === undefined) return before;
    const bit = 1n << BigInt(assigned);
    if ((before & bit) === 0n) return before | bit;
    found = { local: assigned, store: insn };
    return null;
  }, true);
  return found;
}
