/**
 * A symbolic value of the analysis framework: what an `Interpreter` computes for each local
 * variable and operand stack slot of a `Frame` (ASM's `org.objectweb.asm.tree.analysis.Value`).
 *
 * Java gives every object `equals`; TypeScript does not, so it is part of this interface: `Frame`
 * uses it to tell whether a merge changed a frame.
 */
export interface Value {
  /** The size of this value in 32 bit words: 2 for long and double, 1 otherwise (JVMS §2.6.1). */
  getSize(): number;

  /** Whether this value equals `value` (Java's `Object.equals`). */
  equals(value: unknown): boolean;
}
