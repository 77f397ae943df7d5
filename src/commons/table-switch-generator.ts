// The callback GeneratorAdapter.tableSwitch uses to generate the code of each case.

import type { Label } from '../asm/label.js';

/** Generates the code of the cases of a switch statement built by GeneratorAdapter.tableSwitch. */
export interface TableSwitchGenerator {
  /** Generates the code for the case `key`; `end` is the label after the whole switch. */
  generateCase(key: number, end: Label): void;

  /** Generates the code for the default case. */
  generateDefault(): void;
}
