// `classforge run` under a careless environment (DESIGN.md, "The agent"): the agent jar goes into a
// private directory under TMPDIR and onto the command line as -javaagent:<jar>. The JVM ends the
// jar path at the first '=' (java.lang.instrument: -javaagent:<jarpath>[=<options>]), so under a
// TMPDIR holding '=' it looked for a jar that does not exist and did not start the program at all
// ("Error opening zip file", exit 1). classforge must say so itself and start nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { withAgent } from '../cli/commands/run.js';
import { UsageError } from '../cli/cli-error.js';

const root = resolve(__dirname, '..');
const cli = join(root, 'dist', 'cli', 'classforge.js');
const scratch = mkdtempSync(join(tmpdir(), 'classforge-run-security-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('withAgent', () => {
  it("refuses an agent jar path holding '=', for java and for JAVA_TOOL_OPTIONS alike", () => {
    expect(() => withAgent(['java', '-version'], '/tmp/a=b/classforge-agent.jar', {})).toThrow(UsageError);
    expect(() => withAgent(['mvn', 'test'], '/tmp/a=b/classforge-agent.jar', {})).toThrow("holds '=', which -javaagent takes as the start of the agent's options");
  });

  it('passes an ordinary path on', () => {
    expect(withAgent(['java', 'Main'], '/tmp/x/classforge-agent.jar', {}).argv).toEqual(['java', '-javaagent:/tmp/x/classforge-agent.jar', 'Main']);
  });
});

describe.skipIf(!existsSync(cli))("classforge run under a TMPDIR with '='", () => {
  it('exits 2 with the reason, starts no program and leaves no directory behind', () => {
    const tmp = join(scratch, 'a=b');
    mkdirSync(tmp);
    const result = spawnSync(
      process.execPath,
      [cli, 'run', '-t', join(root, 'fixtures/agent/transforms/trace-live.ts'), '--options', '{"prefix":"T"}', '--', 'java', '-version'],
      { cwd: root, env: { ...process.env, TMPDIR: tmp }, encoding: 'utf8', timeout: 60_000 },
    );
    expect(result.stderr).toContain("holds '=', which -javaagent takes as the start of the agent's options");
    expect(result.stderr).not.toContain('Error opening zip file');
    expect(result.status).toBe(2);
    expect(readdirSync(tmp)).toEqual([]);
  });
});
