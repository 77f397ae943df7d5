// An output written over an existing file keeps that file's permission bits, as `cp` over a file and
// npm's write-file-atomic do: the atomic write (a temporary sibling renamed over the output) used to
// leave every output 0644, so an agent jar made private (0600: it holds its transforms' options) or a
// jar kept group-only became readable by everyone at the next build. A new output gets the default.
// Runs the built CLI (dist/cli/classforge.js).

import { statSync } from 'node:fs';
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOutputFixture, type OutputFixture } from './support/output-fixture.js';

let fixture: OutputFixture;
let work = '';
let input = '';
let transform = '';

beforeAll(async () => {
  fixture = await makeOutputFixture('output-mode');
  ({ work, input, transform } = fixture);
});

afterAll(async () => {
  await fixture?.remove();
});

const classforge = (...args: string[]) => fixture.classforge(...args);

const modeOf = (path: string): number => statSync(path).mode & 0o777;

describe('an output written over an existing file', () => {
  it('keeps its mode: transform -o', async () => {
    const output = join(work, 'out.jar');
    await writeFile(output, 'an older build');
    await chmod(output, 0o640);
    expect(await classforge('transform', input, '-o', output, '-t', transform)).toMatchObject({ exitCode: 0 });
    expect(modeOf(output)).toBe(0o640);
  });

  it('keeps its mode: agent -o', async () => {
    const output = join(work, 'agent.jar');
    await writeFile(output, 'an older agent');
    await chmod(output, 0o600);
    expect(await classforge('agent', '-t', transform, '-o', output)).toMatchObject({ exitCode: 0 });
    expect(modeOf(output)).toBe(0o600);
  });

  it('gets the default mode when it is new', async () => {
    const output = join(work, 'fresh.jar');
    expect(await classforge('transform', input, '-o', output, '-t', transform)).toMatchObject({ exitCode: 0 });
    expect(modeOf(output)).toBe(0o666 & ~process.umask());
  });
});
