// The serving processes and statistics shared by bench/run.mjs (ASM, classforge and the ClassFile API side by
// side) and bench/ab.mjs (two classforge builds side by side): each harness in `serve <workload>` mode answers
// one pass per line of stdin, so that passes of different sides can alternate seconds apart.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/**
 * A harness started in `serve` mode for one workload: one pass per `pass()` call. Running the
 * sides' passes alternately, seconds apart, lets each ratio compare two passes made under the same
 * conditions (this VM's speed drifts by tens of percent, even by 2x, over minutes).
 */
export class PassServer {
  constructor(command, args, env = process.env) {
    this.child = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'], env });
    this.lines = createInterface({ input: this.child.stdout })[Symbol.asyncIterator]();
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  async nextLine() {
    const { value, done } = await this.lines.next();
    if (done) throw new Error(`${this.child.spawnargs.join(' ')} exited with code ${await this.exited}`);
    return value;
  }

  /** Whether the harness supports the workload (it answers "ready", or "unsupported" and exits). */
  async start() {
    return (await this.nextLine()) === 'ready';
  }

  async pass() {
    this.child.stdin.write('pass\n');
    return JSON.parse(await this.nextLine());
  }

  async close() {
    this.child.stdin.end();
    await this.exited;
  }
}

export const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

export const quantile = (xs, q) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  return sorted[low] + (sorted[Math.min(low + 1, sorted.length - 1)] - sorted[low]) * (position - low);
};
