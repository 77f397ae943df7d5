// The built CLI imports only the command it runs (cli/classforge.ts): `classforge print` does not load
// the transform pipeline, the Java compiler of classforge/source or the agent, and the help still
// lists every command. Checked by recording, with a module resolve hook, which files of dist/ the
// process imports, and, through dist/bundle-meta.json (written by scripts/build.mjs), which source
// modules those bundle files hold.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileJava, makeTempDir, PROJECT_ROOT } from './support/javac.js';

const CLI = join(PROJECT_ROOT, 'dist', 'cli', 'classforge.js');

let work = '';
let hook = '';
let classFile = '';

beforeAll(async () => {
  work = await makeTempDir('lazy-commands');
  // Every resolved module URL goes to the file named by CLASSFORGE_TEST_MODULE_LOG.
  const resolveHook = join(work, 'record-hook.mjs');
  writeFileSync(
    resolveHook,
    `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(process.env.CLASSFORGE_TEST_MODULE_LOG, result.url + '\\n');
  return result;
}
`,
  );
  hook = join(work, 'register.mjs');
  writeFileSync(hook, `import { register } from 'node:module';\nregister(${JSON.stringify(`file://${resolveHook}`)});\n`);
  const compiled = await compileJava({ 'Hello.java': 'public class Hello { public static void main(String[] a) { System.out.println("hi"); } }' });
  classFile = join(compiled.dir, 'Hello.class');
});

/** The source modules (paths such as 'src/asm/class-reader.ts') each file of dist/ holds. */
function bundleContents(): Record<string, string[]> {
  return (JSON.parse(readFileSync(join(PROJECT_ROOT, 'dist', 'bundle-meta.json'), 'utf8')) as { outputs: Record<string, string[]> }).outputs;
}

/** Runs the built CLI with `args`; returns its status, stdout and the source modules it loaded (relative paths). */
function runRecorded(name: string, args: string[]): { status: number | null; stdout: string; modules: string[] } {
  const log = join(work, `${name}.log`);
  writeFileSync(log, '');
  const result = spawnSync(process.execPath, ['--import', hook, CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, CLASSFORGE_TEST_MODULE_LOG: log },
  });
  const contents = bundleContents();
  const files = readFileSync(log, 'utf8')
    .split('\n')
    .filter((url) => url.includes('/dist/'))
    .map((url) => url.slice(url.indexOf('/dist/') + 6));
  expect(files.length).toBeGreaterThan(0);
  const modules = files.flatMap((file) => {
    expect(contents, `dist/bundle-meta.json lists ${file}`).toHaveProperty([file]);
    return contents[file]!;
  });
  return { status: result.status, stdout: result.stdout, modules };
}

describe('the built CLI imports what the command needs', () => {
  it('print: no transform pipeline, no Java compiler, no agent, no other command', () => {
    const { status, stdout, modules } = runRecorded('print', ['print', classFile]);
    expect(status).toBe(0);
    expect(stdout).toContain('public class Hello');
    expect(modules).toContain('cli/commands/print.ts');
    expect(modules).toContain('src/asm/class-reader.ts');
    for (const prefix of ['src/transform/apply-transforms', 'src/source/', 'src/agent/', 'cli/commands/transform', 'cli/commands/verify', 'cli/commands/attach']) {
      expect(modules.filter((module) => module.startsWith(prefix))).toEqual([]);
    }
  });

  it('the help and an unknown command still know every command', () => {
    const help = runRecorded('help', ['--help']);
    expect(help.status).toBe(0);
    for (const command of ['print', 'diff', 'transform', 'verify', 'agent', 'run', 'jvms', 'attach']) {
      expect(help.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
      expect(help.modules).toContain(`cli/commands/${command}.ts`);
    }
    const misspelt = spawnSync(process.execPath, [CLI, 'verfy', classFile], { encoding: 'utf8' });
    expect(misspelt.status).toBe(2);
    expect(misspelt.stderr).toContain('Did you mean verify?');
    expect(execFileSync(process.execPath, [CLI, 'verify', classFile], { encoding: 'utf8' })).toMatch(/verified 1 class/);
  });
});
