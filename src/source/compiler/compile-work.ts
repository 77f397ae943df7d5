/**
 * How much work the compiler has done since the process started: a debug counter that tests read
 * to check how the work grows with the input (deeply nested generic calls must not multiply it at
 * each level), where a wall-clock bound would flake on a slow machine.
 */
export const compileWork = {
  /** Expressions compiled, trial compilations and lambda-body passes included (CodeGenerator.expression). */
  expressions: 0,
};
