// Helper classes under `classforge attach`: the agent jar, appended to the running JVM's system class path,
// brings the helper the retransformed code calls. A later session's jar comes after the earlier ones on that
// class path, so a helper of the same name with other bytes (the transform was edited) is shadowed by the
// first version: the shim says so on the JVM's stderr; the same helper again draws no warning.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileJava, javaTool } from '../src/testing/index.js';
import { count, exitOf, waitFor, watch as watchIn, type Watched } from './support/watched-process.js';
import { PRINTER_CLASS_SOURCE } from './support/printer-class-source.js';

const root = resolve(__dirname, '..');
const cli = join(root, 'dist', 'cli', 'classforge.js');
const shim = join(root, 'dist', 'java-agent-shim', 'classforge', 'agent', 'ClassforgeAgent.class');

/** live.Ticker.tick(n) first calls helpers.Greeter.greet("tick"), which prints "<version> tick". */
function greetTransform(version: string): string {
  return `
import { ClassVisitor, ClassWriter, MethodVisitor, Opcodes, defineTransform } from 'classforge';

${PRINTER_CLASS_SOURCE}
class Greet extends MethodVisitor {
  visitCode() {
    super.visitCode();
    super.visitLdcInsn('tick');
    super.visitMethodInsn(Opcodes.INVOKESTATIC, 'helpers/Greeter', 'greet', '(Ljava/lang/String;)V', false);
  }
}

class Ticks extends ClassVisitor {
  visitMethod(access, name, descriptor, signature, exceptions) {
    const mv = super.visitMethod(access, name, descriptor, signature, exceptions);
    return name === 'tick' ? new Greet(Opcodes.ASM9, mv) : mv;
  }
}

export default defineTransform({
  name: 'greet-${version}',
  include: 'live.Ticker',
  visitor: (next) => new Ticks(Opcodes.ASM9, next),
  helperClasses: () => [printerClass('helpers/Greeter', 'greet', ${JSON.stringify(version + ' ')})],
});
`;
}

const watch = (command: string, args: readonly string[]): Watched => watchIn(command, args, { cwd: root });

describe.skipIf(!existsSync(cli) || !existsSync(shim) || process.platform !== 'linux')('helper classes under classforge attach', () => {
  let ticker: Watched;
  let scratch = '';
  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'classforge-attach-helpers-'));
    for (const version of ['v1', 'v2']) writeFileSync(join(scratch, `${version}.mjs`), greetTransform(version));
    const program = await compileJava(join(root, 'fixtures', 'agent', 'live'));
    ticker = watch(javaTool('java'), ['-Xverify:all', '-cp', program.dir, 'live.Ticker']);
    await waitFor('the program to start', () => ticker.stdout.includes('ready'));
  });
  afterAll(() => {
    ticker?.child.kill('SIGKILL');
    if (scratch !== '') rmSync(scratch, { recursive: true, force: true });
  });

  const attach = async (version: string): Promise<void> => {
    const session = watch(process.execPath, [cli, 'attach', String(ticker.child.pid), '-t', join(scratch, `${version}.mjs`), '--persist']);
    expect(await exitOf(session, ticker), session.stderr.join('\n')).toBe(0);
  };

  it('the retransformed code finds the helper in the agent jar; a later session with other helper bytes is warned', async () => {
    await attach('v1');
    await waitFor('ticks greeted by the helper', () => count(ticker.stdout, 'v1 tick') >= 3);

    // The same helper again: nothing to say.
    await attach('v1');
    expect(ticker.stderr.filter((line) => line.includes('shadowed'))).toEqual([]);

    await attach('v2');
    const warnings = ticker.stderr.filter((line) => line.includes('shadowed'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^\[classforge\] warning: the helper class helpers\.Greeter of this session is shadowed by jar:file:.*classforge-agent\.jar!\/helpers\/Greeter\.class \(an earlier session's agent jar, which stays on the JVM's class path\): the classes transformed now use that version; restart the JVM to use this one$/,
    );
    // As it says: the first version still answers.
    const before = count(ticker.stdout, 'v1 tick');
    await waitFor('more greeted ticks', () => count(ticker.stdout, 'v1 tick') >= before + 3);
    expect(count(ticker.stdout, 'v2 tick')).toBe(0);
  });
});
