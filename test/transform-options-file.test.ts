// `--options @file.json` (and `<transform>=@file.json`) reads the options from a file, as javac's
// and curl's @-arguments do, so that options holding a token stay out of the command line that every
// user of the machine can read (ps, /proc/<pid>/cmdline). Unit tests of the parser, then the CLI.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTransformOptionsArguments } from '../src/transform/transform-options.js';
import { compileJava, PROJECT_ROOT } from './support/javac.js';

const CLI = join(PROJECT_ROOT, 'dist', 'cli', 'classforge.js');
let work = '';

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'classforge-options-file-'));
  writeFileSync(join(work, 'shared.json'), '{"token":"s3cret","level":2}\n');
  writeFileSync(join(work, 'bom.json'), '\uFEFF{"prefix":"→"}');
  writeFileSync(join(work, 'broken.json'), '{"token":');
});

afterAll(() => {
  if (work !== '') rmSync(work, { recursive: true, force: true });
});

describe('--options @file', () => {
  it('reads the shared and the per-transform value from files, a byte order mark skipped', () => {
    const parsed = parseTransformOptionsArguments([`@${join(work, 'shared.json')}`, `trace=@${join(work, 'bom.json')}`]);
    expect(parsed.shared).toEqual({ token: 's3cret', level: 2 });
    expect(parsed.scoped.get('trace')).toEqual({ prefix: '→' });
  });

  it('says which file cannot be read or is not JSON', () => {
    expect(() => parseTransformOptionsArguments([`@${join(work, 'missing.json')}`])).toThrow(
      `--options: cannot read ${join(work, 'missing.json')}: ENOENT: no such file or directory`,
    );
    expect(() => parseTransformOptionsArguments([`trace=@${join(work, 'broken.json')}`])).toThrow(
      new RegExp(`^--options trace=@${join(work, 'broken.json').replace(/[.]/g, '\\.')}: invalid JSON`),
    );
    expect(() => parseTransformOptionsArguments(['@'])).toThrow("--options: '@' must be followed by the path of a JSON file");
  });

  it('inline JSON is read as before', () => {
    expect(parseTransformOptionsArguments(['{"a":1}', 'trace={"b":2}'])).toEqual({ shared: { a: 1 }, scoped: new Map([['trace', { b: 2 }]]) });
  });

  it('the CLI gives a transform the options of the file (relative to the working directory)', async () => {
    const compiled = await compileJava({ 'p/A.java': 'package p;\npublic class A {}\n' });
    const classes = join(work, 'classes');
    writeFileSync(join(work, 'echo.mjs'), "import { defineTransform } from 'classforge';\nexport default defineTransform({ name: 'echo', tree(node, ctx) { ctx.log(JSON.stringify(ctx.options)); } });\n");
    mkdirSync(join(classes, 'p'), { recursive: true });
    writeFileSync(join(classes, 'p', 'A.class'), compiled.classes[0]!.bytes);
    const result = await execa('node', [CLI, 'transform', 'classes', '-o', 'out', '-t', 'echo.mjs', '--options', '@shared.json'], { cwd: work, reject: false });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr).toContain('{"token":"s3cret","level":2}');
    const missing = await execa('node', [CLI, 'transform', 'classes', '-o', 'out2', '-t', 'echo.mjs', '--options', 'echo=@nope.json'], { cwd: work, reject: false });
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toBe('classforge: --options echo=…: cannot read nope.json: ENOENT: no such file or directory');
  });
});
