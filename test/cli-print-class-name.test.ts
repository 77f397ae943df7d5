// `classforge print java.lang.Runnable`: a dotted class name where no file has that name prints that class of
// the JDK, as ASM's `java org.objectweb.asm.util.Textifier java.lang.Runnable` (the oracle) and javap do.
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../cli/program.js';
import { registerPrintCommand } from '../cli/commands/print.js';
import { ASM_JARS, HAVE_ASM } from './support/asm-textifier.js';
import { defaultJavaHome } from './support/javac.js';

async function print(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  process.exitCode = undefined; // print sets it, and run() reads it
  const status = await run([registerPrintCommand], ['node', 'classforge', 'print', ...args]);
  process.exitCode = undefined;
  vi.restoreAllMocks();
  return { status, stdout, stderr };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('print <dotted class name>', () => {
  it.skipIf(!HAVE_ASM)('prints the JDK class as ASM\'s Textifier main does', async () => {
    for (const name of ['java.lang.Runnable', 'java.util.Map$Entry']) {
      const asm = execFileSync(`${defaultJavaHome()}/bin/java`, ['-cp', ASM_JARS.join(':'), 'org.objectweb.asm.util.Textifier', name], { encoding: 'utf8' });
      const ours = await print(name);
      expect(ours.status).toBe(0);
      expect(ours.stdout).toBe(asm);
    }
  });

  it('a name the JDK lacks is a missing file, and the error says how to print a class of your own (exit 2)', async () => {
    expect(await print('com.acme.Nowhere')).toEqual({
      status: 2,
      stdout: '',
      stderr:
        'classforge: com.acme.Nowhere: no such file or directory, nor a class of the JDK; for a class of your own, give its .class file, or its jar or directory with --class com.acme.Nowhere\n',
    });
  });
});
