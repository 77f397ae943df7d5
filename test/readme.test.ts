// The README's transform and its test are real files (examples/trace/), run by vitest: this keeps the
// README's code blocks and those files the same text, so the README cannot drift from what works.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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
  const program = createProgram([registerPrintCommand, registerTransformCommand, registerVerifyCommand,
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
