import type { AbstractInsnNode } from '../tree/abstract-insn-node.js';
import type { Value } from './value.js';

/**
 * An error found while analyzing a method (ASM's `AnalyzerException`).
 *
 * Java overloads become one constructor:
 * - `new AnalyzerException(insn, message)`
 * - `new AnalyzerException(insn, message, cause)`
 * - `new AnalyzerException(insn, message, expected, actual)`: the message becomes
 *   `"<message>: expected <expected>, but found <actual>"` (or `"Expected …"` when `message` is null).
 *
 * Beyond ASM, `Analyzer.analyze` fills in where the error happened (`owner`, `methodName`,
 * `methodDescriptor`, `insnIndex`), so that callers can report it without keeping that context.
 */
export class AnalyzerException extends Error {
  /** The bytecode instruction where the analysis failed, or null when unknown. */
  readonly node: AbstractInsnNode | null;

  /** The internal name of the class of the analyzed method, when thrown by `Analyzer.analyze`. */
  owner: string | null;

  /** The name of the analyzed method, when thrown by `Analyzer.analyze`. */
  methodName: string | null;

  /** The descriptor of the analyzed method, when thrown by `Analyzer.analyze`. */
  methodDescriptor: string | null;

  /** The index of `node` in the method's instruction list, or -1 when unknown. */
  insnIndex: number;

  constructor(insn: AbstractInsnNode | null, message: string | null, cause?: unknown);
  constructor(insn: AbstractInsnNode | null, message: string | null, expected: unknown, actual: Value | null);
  constructor(insn: AbstractInsnNode | null, message: string | null, causeOrExpected?: unknown, actual?: Value | null) {
    if (arguments.length >= 4) {
      super((message === null ? 'Expected ' : message + ': expected ') + String(causeOrExpected) + ', but found ' + String(actual));
    } else if (causeOrExpected !== undefined) {
      super(String(message), { cause: causeOrExpected });
    } else {
      super(String(message));
    }
    this.name = 'AnalyzerException';
    this.node = insn;
    this.owner = null;
    this.methodName = null;
    this.methodDescriptor = null;
    this.insnIndex = -1;
  }
}
