// # CompileMemo: what the compiler's throwaway compilations found, kept for the next time they are asked
//
// The snippet compiler attributes an expression by compiling it. Where it needs a type before it can
// compile for real it compiles into a buffer it then drops: a call argument whose lambdas need the
// parameter it goes to (CodeGenerator.compileArguments tries it without a target, then leniently), and
// a lambda body (compiled once to find the variables it captures, then for real; JLS §15.27.2). Those
// throwaway compilations nest: the argument of an argument is tried inside the trial of the outer one
// and again inside its real compilation, so without a memo the work doubles (or more) with each level
// of `f(f(f(…)))`, `Optional.of(…).map(s -> …)` or `groupingBy(…, groupingBy(…, …))`. javac keeps
// its speculative attributions of an argument for the same reason (DeferredAttr's speculative cache).
//
// Decisions:
// - A throwaway compilation's answer depends on the node, on the variables in scope (their erased and
//   generic types, by name) and on whether lambda bodies that do not compile are let be. The memo is
//   keyed by those; the slots the variables live in do not matter, as the code is dropped.
// - One memo per compilation of a snippet, shared by the generators of its lambda bodies (as the
//   trial body types are): a parsed snippet compiled again elsewhere may mean other things.
// - What a throwaway compilation leaves behind for its caller is kept with the answer and given back:
//   the generic facts recorded on the node itself, the highest local slot it used, whether it used `this`,
//   the enclosing code's variables it used. Inside a throwaway compilation, the call arguments that
//   need their target are kept too (their code is dropped with the rest): each level of nesting then
//   compiles the one below it once, not once per enclosing trial.

import type * as Ast from './ast.js';
import type { GenericType, TypeArgument } from './generic-type.js';
import type { JavaType } from './java-type.js';

/** What a trial compilation of a call argument found (see CodeGenerator.compileArguments). */
export interface TrialOutcome {
  /** The argument's type, or null when it did not compile. */
  readonly type: JavaType | null;
  /** The facts recorded on the argument node itself: its generic type, open result, intersection bounds, uninstantiated result. */
  readonly generic: GenericType | undefined;
  readonly open: ((target: GenericType) => GenericType | null) | undefined;
  readonly intersection: readonly string[] | undefined;
  readonly uninstantiated: JavaType | undefined;
  /** How many local slots above the first free one the compilation used (the generator's high-water mark). */
  readonly slotsAbove: number;
  readonly usesThis: boolean;
}

/**
 * What compiling a call argument in code that is dropped found (see CodeGenerator.discardedArgument):
 * as a trial's, with the names of the enclosing code's variables it used (an enclosing lambda captures them).
 */
export type DiscardedOutcome = (Omit<TrialOutcome, 'type'> & { readonly type: JavaType; readonly captured: readonly string[] }) | { readonly error: Error };

/** What a lambda body's compilation into a dropped method found (see CodeGenerator.compileLambdaBody). */
export type LambdaOutcome =
  | {
      readonly captured: readonly string[];
      readonly usesThis: boolean;
      readonly name: string;
      readonly descriptor: string;
      readonly result: GenericType | null;
    }
  | { readonly error: Error };

export class CompileMemo {
  // Made on first use, as plain Maps: most snippets (a println) never make a throwaway compilation, and a memo
  // lives as long as one snippet's compilation, so weak keys bought nothing but WeakMaps' cost to make and collect.
  private trials: Map<Ast.ExpressionNode, Map<string, TrialOutcome>> | null = null;
  private lambdas: Map<Ast.LambdaNode, Map<string, LambdaOutcome>> | null = null;
  private discarded: Map<Ast.ExpressionNode, Map<string, DiscardedOutcome>> | null = null;

  trial(node: Ast.ExpressionNode, key: string, compute: () => TrialOutcome): TrialOutcome {
    return remembered((this.trials ??= new Map()), node, key, compute);
  }

  lambda(node: Ast.LambdaNode, key: string, compute: () => LambdaOutcome): LambdaOutcome {
    return remembered((this.lambdas ??= new Map()), node, key, compute);
  }

  argument(node: Ast.ExpressionNode, key: string, compute: () => DiscardedOutcome): DiscardedOutcome {
    return remembered((this.discarded ??= new Map()), node, key, compute);
  }
}

function remembered<N extends object, T>(memo: Map<N, Map<string, T>>, node: N, key: string, compute: () => T): T {
  let known = memo.get(node);
  if (known === undefined) {
    known = new Map();
    memo.set(node, known);
  }
  const found = known.get(key);
  if (found !== undefined) return found;
  const outcome = compute();
  known.set(key, outcome);
  return outcome;
}

/** A key for a variable of erased type `type` and generic type `generic`: equal keys, the same type. */
export function variableKey(type: JavaType, generic: GenericType | null | undefined): string {
  return generic == null ? type.descriptor() : `${type.descriptor()}${genericKey(generic)}`;
}

/** `type` written out in full: a type variable with its erasure, as two variables of one name may differ in bound. */
export function genericKey(type: TypeArgument): string {
  switch (type.kind) {
    case 'class':
      return type.args.length === 0 ? `L${type.name};` : `L${type.name}<${type.args.map(genericKey).join('')}>;`;
    case 'array':
      return `[${genericKey(type.component)}`;
    case 'variable':
      return `T${type.name}:${type.erasure.descriptor()};`;
    case 'primitive':
      return type.type.descriptor();
    case 'wildcard':
      return type.bound === null ? '*' : `${type.isSuper ? '-' : '+'}${genericKey(type.bound)}`;
  }
}
