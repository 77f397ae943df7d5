// # HelperClassError: a transform's helperClasses function failed or gave an unusable class
//
// The helper classes are made once, before any class is rewritten, so the failure names the
// transform and what was wrong with what it gave, not a class being rewritten:
// "transform 'clock': helperClasses: its class #2 is not a class file (Bad magic number …)".

import { mapErrorStacks } from './transform-stack.js';
import { describeCause } from './transform-error.js';

/** A transform's helperClasses threw, or gave something that cannot be added. */
export class HelperClassError extends Error {
  /** The `name` of the transform whose helper classes failed. */
  readonly transformName: string;

  constructor(transformName: string, problem: string, cause?: unknown) {
    const because = cause === undefined ? '' : ` (${describeCause(cause)})`;
    super(`transform '${transformName}': helperClasses: ${problem}${because}`, cause === undefined ? undefined : { cause: mapErrorStacks(cause) });
    this.name = 'HelperClassError';
    this.transformName = transformName;
  }
}
