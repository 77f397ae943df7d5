// `npm run demo` is the README's first example: it must keep working
// (javac → print → copy → jar → classforge transform → classforge diff → classforge verify → java -Xverify:all).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..');

describe('npm run demo', () => {
  it('compiles, prints, copies byte for byte, transforms the jar through the CLI and runs it under -Xverify:all', () => {
    const out = execFileSync(process.execPath, [path.join(root, 'examples', 'demo.mjs')], { encoding: 'utf8' });
    expect(out).toContain('final class demo/Hello$Point extends java/lang/Record {');
    expect(out).toMatch(/demo\/Hello\.class: \d+ bytes, byte-identical/);
    expect(out).not.toContain('DIFFERENT');
    // The --json summary of the transform, the start of the diff, then the verifier's verdict.
    expect(out).toMatch(/"changed": [1-9]/);
    expect(out).toMatch(/--- a\/demo\/Hello\n\+\+\+ b\/demo\/Hello\n@@ [^\n]+\n[\s\S]*\+    INVOKESTATIC java\/lang\/System\.nanoTime \(\)J\n/);
    expect(out).toMatch(/verified \d+ class(es)?, \d+ methods?: 0 errors/);
    // The rewritten program reports each method's time, then behaves as the original.
    expect(out).toMatch(/demo\.Hello\.sum took \d+ ns\nsum = 10/);
    expect(out).toMatch(/Hello, classforge!/);
    expect(out).toMatch(/demo\.Hello\$Point\.toString took \d+ ns\nPoint\[x=3, y=4\]/);
    // Last, as the README says, the original jar under `classforge run`: the same transform, applied as the classes load.
    const inJvm = out.slice(out.indexOf('== classforge run -t examples/method-timing/transform.ts'));
    expect(inJvm).not.toBe(out);
    expect(inJvm).toMatch(/demo\.Hello\.sum took \d+ ns\nsum = 10\n[\s\S]*demo\.Hello\.main took \d+ ns/);
  });
});
