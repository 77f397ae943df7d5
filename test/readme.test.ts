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
  for (const name of ['trace.ts', 'trace.test.ts']) {
    it(`the block "// ${name}" is examples/trace/${name}`, () => {
      const block = blocks.find((b) => b.startsWith(`// ${name}\n`));
      expect(block, `README.md has a \`\`\`ts block starting with // ${name}`).toBeDefined();
      expect(block!.split('\n').slice(1).join('\n')).toBe(exampleBody(name));
    });
  }
});
