// # Keeping a transform's console output off standard output
//
// `classforge transform --json` and `--dry-run` print machine-readable text on stdout; a transform
// that calls console.log (or writes to process.stdout) while it runs would corrupt it. As in the
// agent, where stdout carries the protocol, the CLI sends whatever transform code prints to stderr:
// console.log, info, debug, dir, table and group output, and process.stdout.write, in this thread
// and (through the job's `consoleToStderr` option) in worker threads. console.warn and
// console.error already go to stderr.

/** The console methods that write to stdout. */
const STDOUT_METHODS = ['log', 'info', 'debug', 'dir', 'dirxml', 'table', 'group', 'groupCollapsed', 'groupEnd'] as const;

/**
 * Sends console output meant for stdout, and process.stdout.write, to stderr until the returned
 * function is called, which restores them (calls may nest; restore in reverse order).
 */
export function redirectConsoleToStderr(): () => void {
  const target = console as unknown as Record<string, unknown>;
  const savedMethods = STDOUT_METHODS.map((name) => [name, target[name]] as const);
  const stderrConsole = new console.Console({ stdout: process.stderr, stderr: process.stderr }) as unknown as Record<string, unknown>;
  for (const name of STDOUT_METHODS) {
    const method = stderrConsole[name];
    if (typeof method === 'function') target[name] = method.bind(stderrConsole);
  }
  const stdout = process.stdout;
  const savedWrite = Object.prototype.hasOwnProperty.call(stdout, 'write') ? stdout.write : undefined;
  stdout.write = ((...args: Parameters<typeof process.stderr.write>) => process.stderr.write(...args)) as typeof stdout.write;
  return () => {
    for (const [name, method] of savedMethods) target[name] = method;
    if (savedWrite === undefined) delete (stdout as { write?: unknown }).write;
    else stdout.write = savedWrite;
  };
}
