// `classforge run` keeps its agent jar in a private directory it removes at the end; a run killed with
// SIGKILL left it behind. Each run now sweeps those of runs that are over (cli/run-directory.ts): the
// creator gone and no running process carrying the run's CLASSFORGE_RUN_MARKER (a launcher started by
// the run may still start JVMs that need the jar).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sweepAbandonedRunDirectories } from '../cli/run-directory.js';
import { compileJava, makeTempDir, PROJECT_ROOT } from './support/javac.js';

const CLI = join(PROJECT_ROOT, 'dist', 'cli', 'classforge.js');
const onLinux = existsSync('/proc/self/environ');

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '0']);
  return child.pid!;
}

/** A run directory as createRunDirectory makes it: its owner file names the PID namespace (here `namespace`). */
function runDirectory(path: string, namespace = readlinkSync('/proc/self/ns/pid')): string {
  mkdirSync(join(path, 'inside'), { recursive: true });
  writeFileSync(join(path, 'owner'), namespace + '\n');
  return path;
}

const sleepers: ReturnType<typeof spawn>[] = [];
afterAll(() => {
  for (const sleeper of sleepers) sleeper.kill('SIGKILL');
});

describe.skipIf(!onLinux)('run directories left by a killed classforge run', () => {
  it('are removed once their run is over, and kept while anything the run started still runs', async () => {
    const parent = await makeTempDir('run-sweep');
    const over = runDirectory(join(parent, `classforge-run-${deadPid()}-aaaaaa`));
    const launcherAlive = runDirectory(join(parent, `classforge-run-${deadPid()}-bbbbbb`));
    const creatorAlive = runDirectory(join(parent, `classforge-run-${process.pid}-cccccc`));
    // Made by an older classforge (no pid in the name), or in another PID namespace (a container sharing /tmp).
    const unnamed = runDirectory(join(parent, 'classforge-run-dddddd'));
    const otherNamespace = runDirectory(join(parent, `classforge-run-${deadPid()}-ffffff`), 'pid:[1]');
    // What a launcher started by that run would carry (run.ts sets it for the command it runs).
    const sleeper = spawn('sleep', ['60'], { env: { ...process.env, CLASSFORGE_RUN_MARKER: join(launcherAlive, 'agent-loaded') }, stdio: 'ignore' });
    sleepers.push(sleeper);
    await new Promise((resolve) => sleeper.once('spawn', resolve));

    expect(sweepAbandonedRunDirectories(parent)).toEqual([over]);
    expect([over, launcherAlive, creatorAlive, unnamed, otherNamespace].map((directory) => existsSync(directory))).toEqual([false, true, true, true, true]);

    sleeper.kill('SIGKILL');
    await new Promise((resolve) => sleeper.once('exit', resolve));
    expect(sweepAbandonedRunDirectories(parent)).toEqual([launcherAlive]);
  });

  it.skipIf(!existsSync(CLI))('are swept by the next classforge run', async () => {
    const tmp = await makeTempDir('run-sweep-cli');
    const abandoned = runDirectory(join(tmp, `classforge-run-${deadPid()}-eeeeee`));
    const program = await compileJava({ 'Hello.java': 'public class Hello { public static void main(String[] a) { System.out.println("hi"); } }' });
    const result = spawnSync(process.execPath, [CLI, 'run', '-t', join(PROJECT_ROOT, 'examples', 'method-timing', 'transform.ts'), '--', 'java', '-cp', program.dir, 'Hello'], {
      env: { ...process.env, TMPDIR: tmp },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('hi');
    expect(existsSync(abandoned)).toBe(false);
  });
});
