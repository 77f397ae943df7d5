// Security of a generated agent jar (DESIGN.md, "The agent"): the jar records the node executable
// and the host script that every JVM loading it runs. When another user can replace one of them
// (a world-writable directory on the way, a file of theirs), `classforge agent|run|attach` warns.
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildAgentJar, type AgentTransform } from '../src/agent/agent-jar.js';
import { replaceableByOthers } from '../src/agent/host-path-safety.js';
import type { TransformDefinition } from '../src/transform/define-transform.js';

const scratch = mkdtempSync(join(tmpdir(), 'classforge-host-paths-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** `dir/name`, an executable file, in a new directory of mode `mode`. */
function executableIn(dirName: string, mode: number, name = 'node'): string {
  const dir = join(scratch, dirName);
  mkdirSync(dir);
  chmodSync(dir, mode); // chmod: mkdir's mode goes through the umask
  const file = join(dir, name);
  writeFileSync(file, '#!/bin/sh\n', { mode: 0o755 });
  return file;
}

const transform: AgentTransform = {
  loaded: {
    path: join(scratch, 'noop.mjs'),
    definition: { name: 'noop', include: ['app.**'], exclude: [] } as unknown as TransformDefinition,
    code: 'export default {};\n',
  },
  options: null,
};

describe('replaceableByOthers', () => {
  it('names a world-writable directory on the way to the file', () => {
    const file = executableIn('world', 0o777);
    expect(replaceableByOthers(file)).toEqual([`${join(scratch, 'world')} is writable by every user (mode 0777)`]);
  });

  it('names a world-writable file', () => {
    const file = executableIn('plain', 0o755);
    chmodSync(file, 0o757);
    expect(replaceableByOthers(file)).toEqual([`${file} is writable by every user (mode 0757)`]);
  });

  it('lets a sticky world-writable directory through (others cannot replace what is ours)', () => {
    expect(replaceableByOthers(executableIn('sticky', 0o1777))).toEqual([]);
  });

  it('lets a private directory through', () => {
    expect(replaceableByOthers(executableIn('private', 0o755))).toEqual([]);
  });

  it('follows a symbolic link to where the file really is', () => {
    const real = executableIn('world-target', 0o777);
    const linkDir = join(scratch, 'links');
    mkdirSync(linkDir, { mode: 0o755 });
    symlinkSync(real, join(linkDir, 'node'));
    expect(replaceableByOthers(join(linkDir, 'node'))).toEqual([`${join(scratch, 'world-target')} is writable by every user (mode 0777)`]);
  });

  it('names a component owned by another user (as root: chown)', () => {
    // Giving a file away needs root; as another user the ownership check is the same code path.
    if (process.geteuid?.() !== 0) return;
    const file = executableIn('owned', 0o755);
    chownSync(file, 65534, 65534);
    expect(replaceableByOthers(file)).toEqual([`${file} belongs to uid 65534, neither you (uid 0) nor root`]);
  });
});

describe('buildAgentJar', () => {
  it('warns when the node executable the jar records sits in a world-writable directory', async () => {
    const node = join(scratch, 'world-node');
    executableIn('world-node', 0o777);
    const warnings: string[] = [];
    const jar = await buildAgentJar([transform], { node: join(node, 'node'), warn: (message) => warnings.push(message) });
    expect(jar.length).toBeGreaterThan(0);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`the agent runs the node executable ${join(node, 'node')}, which another user could replace`);
    expect(warnings[0]).toContain(`${node} is writable by every user (mode 0777)`);
  });

  it('says nothing for the node running the tests and this checkout (neither writable by others)', async () => {
    const warnings: string[] = [];
    await buildAgentJar([transform], { warn: (message) => warnings.push(message) });
    expect(warnings).toEqual([]);
  });
});
