// README.md checked as a new user reads it. Its transform and tests are real files (examples/trace/), run by
// vitest: this keeps the README's code blocks and those files the same text, so the README cannot drift from
// what works. Every other ```ts block type-checks in a user project; the CLI synopsis matches each command's
// options; in-page links reach a heading; the API lists name real exports.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './support/javac.js';

const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);

/** A file of examples/trace without its first comment line, which says where it comes from. */
function exampleBody(name: string): string {
  return readFileSync(join(PROJECT_ROOT, 'examples', 'trace', name), 'utf8').split('\n').slice(1).join('\n');
}

describe('README code blocks', () => {
  for (const name of ['trace.ts', 'trace.test.ts', 'trace-debug.test.ts']) {
    it(`the block "// ${name}" is examples/trace/${name}`, () => {
      const block = blocks.find((b) => b.startsWith(`// ${name}\n`));
      expect(block, `README.md has a \`\`\`ts block starting with // ${name}`).toBeDefined();
      expect(block!.split('\n').slice(1).join('\n')).toBe(exampleBody(name));
    });
  }
});

// The README's CLI synopsis is what a user reads instead of --help: each command's line names every option
// its --help lists (short or long form) and no other, and a command that takes several paths says so (`...`).
describe('README CLI synopsis against the commands', async () => {
  const { createProgram } = await import('../cli/program.js');
  const { registerAgentCommand } = await import('../cli/commands/agent.js');
  const { registerAttachCommand } = await import('../cli/commands/attach.js');
  const { registerJvmsCommand } = await import('../cli/commands/jvms.js');
  const { registerPrintCommand } = await import('../cli/commands/print.js');
  const { registerRunCommand } = await import('../cli/commands/run.js');
  const { registerTransformCommand } = await import('../cli/commands/transform.js');
  const { registerVerifyCommand } = await import('../cli/commands/verify.js');
  const { registerDiffCommand } = await import('../cli/commands/diff.js');
  const program = createProgram([registerPrintCommand, registerDiffCommand, registerTransformCommand, registerVerifyCommand,
    registerAgentCommand, registerRunCommand, registerJvmsCommand, registerAttachCommand]);

  const synopsis = /## CLI\n\n```\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  /** Each command's synopsis text, its continuation lines (indented) included. */
  const lines = new Map<string, string>();
  for (const entry of synopsis.split(/\n(?=classforge )/)) {
    const name = /^classforge (\S+)/.exec(entry)?.[1];
    if (name !== undefined) lines.set(name, entry.replace(/\s+/g, ' '));
  }

  it('lists every command', () => {
    expect([...lines.keys()].sort()).toEqual(program.commands.map((c) => c.name()).sort());
  });

  for (const command of program.commands) {
    it(`classforge ${command.name()}: the options and arguments of its --help`, () => {
      const line = lines.get(command.name()) ?? '';
      const written = new Set(line.match(/(?<![\w-])--?[a-z][\w-]*/g) ?? []);
      const offered = command.options.filter((o) => o.long !== '--help');
      const missing = offered.filter((o) => !written.has(o.long!) && !(o.short !== undefined && written.has(o.short)));
      expect(missing.map((o) => o.flags), `README's "${line}" lacks`).toEqual([]);
      const known = new Set(offered.flatMap((o) => [o.long!, ...(o.short === undefined ? [] : [o.short])]));
      expect([...written].filter((w) => !known.has(w) && w !== '--'), `README's "${line}" names`).toEqual([]);
      for (const argument of command.registeredArguments.filter((a) => a.variadic && a.name() !== 'command')) {
        expect(line, `${argument.name()} takes several`).toMatch(/>\.\.\./);
      }
    });
  }
});

// Every ```ts block, pasted into a user's project that depends on classforge, type-checks with strict tsc against
// the package's declarations (dist/, under the documented paths 'classforge', 'classforge/source',
// 'classforge/testing'). A fragment's inputs are declared (`bytes`: the class file it reads).
describe.skipIf(!existsSync(join(PROJECT_ROOT, 'dist', 'src', 'index.d.ts')))('README code blocks in a user project', () => {
  it('type-check with tsc --strict against the package', async () => {
    const project = mkdtempSync(join(tmpdir(), 'classforge-readme-blocks-'));
    try {
      mkdirSync(join(project, 'node_modules'));
      for (const dependency of ['vitest', '@types']) {
        symlinkSync(join(PROJECT_ROOT, 'node_modules', dependency), join(project, 'node_modules', dependency));
      }
      symlinkSync(PROJECT_ROOT, join(project, 'node_modules', 'classforge'));
      writeFileSync(join(project, 'package.json'), JSON.stringify({ type: 'module', dependencies: { classforge: '*' } }));
      writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({
        compilerOptions: { target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true,
          noEmit: true, allowImportingTsExtensions: true, types: ['node'] },
        include: ['*.ts'],
      }));
      blocks.forEach((block, i) => {
        const name = /^\/\/ ([\w.-]+\.ts)\n/.exec(block)?.[1] ?? `block${i}.ts`;
        const inputs = /\bbytes\b/.test(block) && !/const bytes\b/.test(block) ? 'declare const bytes: Uint8Array;\n' : '';
        writeFileSync(join(project, name), inputs + block);
      });
      const tsc = join(PROJECT_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
      const result = await promisify(execFile)(process.execPath, [tsc, '-p', project], { encoding: 'utf8' })
        .then(() => '', (error: { stdout?: string }) => error.stdout ?? String(error));
      expect(result).toBe('');
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});

// In-page links (`[below](#the-agent)`) go to a heading, by GitHub's anchor rule: lower case, punctuation
// other than '-' and '_' dropped, spaces as '-'.
describe('README in-page links', () => {
  const withoutCode = readme.replace(/```[\s\S]*?```/g, '');
  const anchors = new Set([...withoutCode.matchAll(/^#+ (.+)$/gm)].map((m) =>
    m[1]!.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-')));
  for (const [, target] of withoutCode.matchAll(/\]\(#([^)]+)\)/g)) {
    it(`#${target} is a heading`, () => {
      expect([...anchors]).toContain(target);
    });
  }
});

// The classes the ASM section's lists of the API name (`ClassReader`, `AdviceAdapter`…) are exports of
// 'classforge': a user imports them by those names.
describe('README API lists name exports', async () => {
  const classforge: Record<string, unknown> = await import('../src/index.js');
  const prose = readme.replace(/```[\s\S]*?```/g, '');
  const lists = ['- Everything of ASM\'s core', '- Analysis (ASM\'s', '- Commons:'].map((start) => {
    const from = prose.indexOf(start);
    expect(from, `README has the list "${start}"`).toBeGreaterThanOrEqual(0);
    return prose.slice(from, prose.indexOf('\n- ', from + 1));
  });
  const names = new Set(lists.flatMap((list) => [...list.matchAll(/`([A-Z][A-Za-z]+)(?:`|\/)/g)].map((m) => m[1]!)));
  it(`${names.size} names, each exported`, () => {
    expect(names.size).toBeGreaterThan(40);
    expect([...names].filter((name) => !(name in classforge))).toEqual([]);
  });
});
