// src/agent/class-dump.ts: the host's dump never writes outside its directory and never stops the JVM.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ClassDump, isDumpableName } from '../src/agent/class-dump.js';

const scratch = mkdtempSync(join(tmpdir(), 'classforge-class-dump-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('ClassDump', () => {
  it('writes <dir>/<kind>/<internal name>.class', () => {
    const lines: string[] = [];
    const dump = new ClassDump(join(scratch, 'ok'), (line) => lines.push(line));
    dump.write('transformed', 'com/acme/Main$1', new Uint8Array([1, 2, 3]));
    expect([...readFileSync(join(scratch, 'ok', 'transformed', 'com', 'acme', 'Main$1.class'))]).toEqual([1, 2, 3]);
    expect(lines).toEqual([]);
  });

  it('refuses names that would leave the directory, with a warning', () => {
    for (const name of ['../evil', 'a/../../evil', '/abs', 'a//b', 'a\\\\b', '.', '', 'a/./b', 'nul\u0000']) expect(isDumpableName(name), name).toBe(false);
    for (const name of ['A', 'com/acme/Main', 'a/b/C$D', '$', 'module-info', 'é/ü']) expect(isDumpableName(name), name).toBe(true);
    const lines: string[] = [];
    const dump = new ClassDump(join(scratch, 'safe'), (line) => lines.push(line));
    dump.write('original', '../../escaped', new Uint8Array([1]));
    expect(existsSync(join(scratch, 'escaped.class'))).toBe(false);
    expect(lines).toEqual([`[classforge] warning: not dumping class '../../escaped': its name is no path under ${join(scratch, 'safe')}`]);
  });

  it('turns itself off with one warning when the directory cannot be written', () => {
    const file = join(scratch, 'a-file');
    writeFileSync(file, 'not a directory');
    const lines: string[] = [];
    const dump = new ClassDump(file, (line) => lines.push(line));
    dump.write('original', 'A', new Uint8Array([1]));
    dump.write('original', 'B', new Uint8Array([1]));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[classforge\] warning: cannot dump classes to .*a-file \(.*\); dumping stops$/);
  });
});
