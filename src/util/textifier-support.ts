// # TextifierSupport: how a non-standard Attribute prints itself in a Textifier dump

import type { Label } from '../asm/label.js';
import type { StringBuilder } from './string-builder.js';

/**
 * Implemented by Attribute subclasses that know how to print themselves. Textifier calls
 * `textify` after "ATTRIBUTE <name>"; the attribute appends its text (ending with a newline) and
 * may name labels through `labelNames`, which it shares with the method's instructions.
 */
export interface TextifierSupport {
  textify(outputBuilder: StringBuilder, labelNames: Map<Label, string>): void;
}

/** Whether `value` implements {@link TextifierSupport} (TypeScript has no runtime interfaces). */
export function isTextifierSupport(value: unknown): value is TextifierSupport {
  return (
    typeof value === 'object' && value !== null && typeof (value as { textify?: unknown }).textify === 'function'
  );
}
