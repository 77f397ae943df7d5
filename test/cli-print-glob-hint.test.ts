// `classforge print --class` that selects nothing says what the glob probably meant, when that selects a
// class: a Java user types the simple name (`Main`) or the package (`com.acme`), but globs match the whole
// dotted name. Run in process through the CLI's program, as `classforge print` runs it.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../cli/program.js';
import { registerPrintCommand } from '../cli/commands/print.js';
import { compileJava } from '../src/testing/index.js';

async function print(...args: string[]): Promise<{ status: number; stderr: string }> {
  let stderr = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  process.exitCode = undefined; // print sets it, and run() reads it: start each command from none
  const status = await run([registerPrintCommand], ['node', 'classforge', 'print', ...args]);
  process.exitCode = undefined;
  vi.restoreAllMocks();
  return { status, stderr };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('print --class selecting nothing', () => {
  it('hints the glob that selects the classes meant', async () => {
    const program = await compileJava({
      'com/acme/Main.java': 'package com.acme; public class Main {}',
      'com/acme/util/Strings.java': 'package com.acme.util; public class Strings {}',
    });
    const hint = (meant: string) => ` (globs match the whole dotted class name; did you mean ${meant}?)\n`;
    expect(await print(program.dir, '--class', 'Main')).toEqual({ status: 1, stderr: `classforge: no class matches --class Main${hint("'**.Main'")}` });
    expect((await print(program.dir, '--class', 'com.acme.util')).stderr).toBe(`classforge: no class matches --class com.acme.util${hint("'com.acme.util.**'")}`);
    expect((await print(program.dir, '--class', 'Lcom/acme/Main;')).stderr).toBe(`classforge: no class matches --class Lcom/acme/Main;${hint("'com.acme.Main'")}`);
    expect((await print(program.dir, '--class', 'Str*')).stderr).toBe(`classforge: no class matches --class Str*${hint("'**.Str*'")}`);
  });

  it('says no more when nothing like the glob exists', async () => {
    const program = await compileJava({ 'com/acme/Main.java': 'package com.acme; public class Main {}' });
    expect(await print(program.dir, '--class', 'org.other.**')).toEqual({ status: 1, stderr: 'classforge: no class matches --class org.other.**\n' });
    expect((await print(program.dir, '--class', '**.Main')).status).toBe(0);
  });
});
