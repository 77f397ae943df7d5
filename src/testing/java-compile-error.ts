// # JavaCompileError: javac rejected the sources given to compileJava

/** javac exited with an error; the message holds its diagnostics, as javac printed them. */
export class JavaCompileError extends Error {
  /** javac's output (errors and warnings), file names relative to the sources' root. */
  readonly diagnostics: string;
  /** javac's exit code. */
  readonly exitCode: number;

  constructor(diagnostics: string, exitCode: number) {
    super(`javac failed (exit code ${exitCode}):\n${diagnostics.trimEnd()}`);
    this.name = 'JavaCompileError';
    this.diagnostics = diagnostics;
    this.exitCode = exitCode;
  }
}
