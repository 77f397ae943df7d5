// An -o that is a symbolic link is written through, as `cp` and npm's write-file-atomic do: the
// atomic write (a temporary renamed over the output) used to replace the link itself with a file,
// leaving what it pointed at (the release a `current.jar` names, a jar linked into an application's
// lib directory) stale. A dangling link is replaced. Runs the built CLI (dist/cli/classforge.js).

import { lstatSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOutputFixture, type OutputFixture } from './support/output-fixture.js';

let fixture: OutputFixture;
let work = '';
let input = '';
let inputDirectory = '';
let transform = '';

beforeAll(async () => {
  fixture = await makeOutputFixture('output-link');
  ({ work, input, transform } = fixture);
  inputDirectory = join(work, 'in-classes');
  await mkdir(join(inputDirectory, 'p'), { recursive: true });
  await writeFile(join(inputDirectory, 'p', 'A.class'), fixture.classBytes);
});

afterAll(async () => {
  await fixture?.remove();
});

const classforge = (...args: string[]) => fixture.classforge(...args);

/** Whether `bytes` is a jar whose p/A.class has the synthetic flag the transform sets. */
async function isTransformedJar(bytes: Uint8Array): Promise<boolean> {
  const entry = (await JSZip.loadAsync(bytes)).file('p/A.class');
  if (entry === null) return false;
  const classBytes = await entry.async('uint8array');
  // The transform sets ACC_SYNTHETIC: the class differs from the input one.
  return Buffer.compare(Buffer.from(classBytes), Buffer.from(fixture.classBytes)) !== 0;
}

describe('an -o that is a symbolic link', () => {
  it('transform: the link stays and its target gets the output', async () => {
    const release = join(work, 'release-1.jar');
    await writeFile(release, 'an older build');
    const link = join(work, 'current.jar');
    await symlink('release-1.jar', link);
    expect(await classforge('transform', input, '-o', link, '-t', transform)).toMatchObject({ exitCode: 0 });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('release-1.jar');
    expect(await isTransformedJar(readFileSync(release))).toBe(true);
    // No temporary left beside either.
    expect(readdirSync(work).filter((name) => name.includes('.tmp'))).toEqual([]);
  });

  it('agent: the link stays and its target gets the agent jar', async () => {
    const target = join(work, 'agent-1.jar');
    await writeFile(target, 'an older agent');
    const link = join(work, 'agent.jar');
    await symlink(target, link);
    expect(await classforge('agent', '-t', transform, '-o', link)).toMatchObject({ exitCode: 0 });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    const agent = await JSZip.loadAsync(readFileSync(target));
    expect(agent.file('META-INF/MANIFEST.MF')).not.toBeNull();
  });

  it('directory input: a link to an empty directory stays, the classes go into the directory', async () => {
    const classes = join(work, 'out-classes-1');
    await mkdir(classes);
    const link = join(work, 'out-classes');
    await symlink(classes, link);
    expect(await classforge('transform', inputDirectory, '-o', link, '-t', transform)).toMatchObject({ exitCode: 0 });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readdirSync(join(classes, 'p'))).toEqual(['A.class']);
  });

  it('a dangling link is replaced by the output', async () => {
    const link = join(work, 'dangling.jar');
    await symlink(join(work, 'nowhere', 'gone.jar'), link);
    expect(await classforge('transform', input, '-o', link, '-t', transform)).toMatchObject({ exitCode: 0 });
    expect(lstatSync(link).isFile()).toBe(true);
    expect(await isTransformedJar(readFileSync(link))).toBe(true);
  });
});
