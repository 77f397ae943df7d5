// `classforge attach <pid> --remove-persisted`: what earlier `attach --persist` sessions left in a
// running JVM is removed and their classes restored, without a restart; a live session keeps its
// transform; a JVM with nothing persisted is told so. Each persisted session's transformer was
// added through its own agent load's Instrumentation, which is the only one that can remove it.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { compileJava, javaTool } from '../src/testing/index.js';
import { count, exitOf, stopLeftovers, waitFor, watch as watchIn, type Watched } from './support/watched-process.js';

const root = resolve(__dirname, '..');
const cli = join(root, 'dist', 'cli', 'classforge.js');
const shim = join(root, 'dist', 'java-agent-shim', 'classforge', 'agent', 'PersistedTransforms.class');
const TRANSFORM = 'fixtures/agent/transforms/trace-live.ts';

const watch = (command: string, args: readonly string[]): Watched => watchIn(command, args, { cwd: root });
const attach = (pid: number, ...args: string[]): Watched => watch(process.execPath, [cli, 'attach', String(pid), ...args]);

/** Waits until `ticker` printed `ticks` more tick lines than now. */
async function moreTicks(ticker: Watched, ticks: number): Promise<void> {
  const seen = ticker.stdout.length;
  await waitFor(`${ticks} more ticks`, () => ticker.stdout.slice(seen).filter((line) => line.startsWith('tick ')).length >= ticks);
}

// Needs the built CLI and shim (npm test builds both), and a JVM that attach can reach (Linux).
describe.skipIf(!existsSync(cli) || !existsSync(shim) || process.platform !== 'linux')('classforge attach --remove-persisted', () => {
  let ticker: Watched;
  beforeAll(async () => {
    const program = await compileJava(join(root, 'fixtures', 'agent', 'live'));
    ticker = watch(javaTool('java'), ['-Xverify:all', '-cp', program.dir, 'live.Ticker']);
    await waitFor('the program to start', () => ticker.stdout.includes('ready'));
  });
  afterEach(() => stopLeftovers(ticker));
  afterAll(() => {
    ticker?.child.kill('SIGKILL');
  });

  it('a JVM without persisted transforms: says so, exit 0', async () => {
    const removal = attach(ticker.child.pid!, '--remove-persisted');
    expect(await exitOf(removal, ticker), removal.stderr.join('\n')).toBe(0);
    expect(removal.stderr).toEqual([`classforge: JVM ${ticker.child.pid} (live.Ticker) has no transforms left by attach --persist; nothing changed`]);
  });

  it('removes two persisted sessions and restores their class; a live session keeps tracing', async () => {
    const pid = ticker.child.pid!;
    for (const prefix of ['p1', 'p2']) {
      const persisted = attach(pid, '-t', TRANSFORM, '--options', `{"prefix":"${prefix}"}`, '--persist');
      expect(await exitOf(persisted, ticker), persisted.stderr.join('\n')).toBe(0);
    }
    await waitFor('ticks traced by both', () => count(ticker.stdout, 'p1 live.Ticker.tick') >= 2 && count(ticker.stdout, 'p2 live.Ticker.tick') >= 2);
    const live = attach(pid, '-t', TRANSFORM, '--options', '{"prefix":"live"}');
    await waitFor('the live session to start', () => live.stderr.some((line) => line.includes('transforming newly loaded classes')));
    await waitFor('ticks traced by the live session', () => count(ticker.stdout, 'live live.Ticker.tick') >= 2);

    const removal = attach(pid, '--remove-persisted');
    expect(await exitOf(removal, ticker), removal.stderr.join('\n')).toBe(0);
    expect(removal.stderr).toEqual([`classforge: removed the transforms of 2 persisted sessions from JVM ${pid} (live.Ticker); 1 class restored`]);
    // A tick may be half printed when the class is restored: count from a few ticks later.
    await moreTicks(ticker, 2);
    const p1 = count(ticker.stdout, 'p1 live.Ticker.tick');
    const p2 = count(ticker.stdout, 'p2 live.Ticker.tick');
    const traced = count(ticker.stdout, 'live live.Ticker.tick');
    await moreTicks(ticker, 5);
    expect(count(ticker.stdout, 'p1 live.Ticker.tick')).toBe(p1);
    expect(count(ticker.stdout, 'p2 live.Ticker.tick')).toBe(p2);
    expect(count(ticker.stdout, 'live live.Ticker.tick')).toBeGreaterThanOrEqual(traced + 4);

    // Ending the live session restores the original class: nothing traces any more.
    live.child.kill('SIGINT');
    expect(await exitOf(live, ticker), live.stderr.join('\n')).toBe(0);
    await moreTicks(ticker, 2);
    const after = count(ticker.stdout, 'live live.Ticker.tick');
    await moreTicks(ticker, 5);
    expect(count(ticker.stdout, 'live live.Ticker.tick')).toBe(after);
    expect(ticker.stderr.filter((line) => line.includes('[classforge]'))).toEqual([]);

    // Nothing is left to remove.
    const again = attach(pid, '--remove-persisted');
    expect(await exitOf(again, ticker), again.stderr.join('\n')).toBe(0);
    expect(again.stderr.at(-1)).toMatch(/has no transforms left by attach --persist; nothing changed$/);
  });

  it('takes no -t or --persist: exit 2 before attaching', async () => {
    const removal = attach(ticker.child.pid!, '--remove-persisted', '-t', TRANSFORM);
    expect(await exitOf(removal, ticker)).toBe(2);
    expect(removal.stderr).toEqual(['classforge: --remove-persisted takes no -t and no --persist: it only removes what earlier --persist sessions left']);
  });

  it('attach <pid> alone names both forms: -t, or --remove-persisted', async () => {
    const bare = attach(ticker.child.pid!);
    expect(await exitOf(bare, ticker)).toBe(2);
    expect(bare.stderr).toEqual(['classforge: give at least one transform module with -t <file> (or --remove-persisted, to remove what --persist sessions left)']);
  });
});
