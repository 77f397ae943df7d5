// `npm run demo` is the README's first example: it must keep working (javac → print → copy → rewrite → java).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..');

describe('npm run demo', () => {
  it('compiles, prints, copies byte for byte and runs the rewritten program under -Xverify:all', () => {
    const out = execFileSync(process.execPath, [path.join(root, 'examples', 'demo.mjs')], { encoding: 'utf8' });
    expect(out).toContain('final class demo/Hello$Point extends java/lang/Record {');
    expect(out).toMatch(/demo\/Hello\.class: \d+ bytes, byte-identical/);
    expect(out).not.toContain('DIFFERENT');
    // The rewritten program logs each method entry, then behaves as the original.
    expect(out).toContain('enter demo.Hello.main\nenter demo.Hello.lambda$main$0\nHello, classforge!');
    expect(out).toContain('enter demo.Hello$Point.toString\nPoint[x=3, y=4]');
  });
});
