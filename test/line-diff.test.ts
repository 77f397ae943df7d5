// src/util/line-diff.ts: unified diffs as diff -u writes them. Checked on random texts: the diff, applied
// as a patch, turns the first text into the second; its edits are as few as the longest common
// subsequence allows; and on fixed cases, the exact text diff -u prints.
import { describe, expect, it } from 'vitest';
import { splitLines, unifiedDiff } from '../src/util/line-diff.js';

/** Applies a unified diff (no header) to `from`'s lines. */
function patch(from: readonly string[], diff: string): string[] {
  const out: string[] = [];
  let next = 0;
  const lines = splitLines(diff);
  for (let i = 0; i < lines.length; i++) {
    const header = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@$/.exec(lines[i]!);
    if (header === null) throw new Error(`bad hunk header ${lines[i]}`);
    const fromCount = header[2] === undefined ? 1 : Number(header[2]);
    const fromStart = fromCount === 0 ? Number(header[1]) : Number(header[1]) - 1;
    while (next < fromStart) out.push(from[next++]!);
    while (i + 1 < lines.length && !lines[i + 1]!.startsWith('@@')) {
      const line = lines[++i]!;
      const text = line.slice(1);
      if (line[0] === ' ') {
        expect(from[next]).toBe(text);
        out.push(from[next++]!);
      } else if (line[0] === '-') {
        expect(from[next]).toBe(text);
        next++;
      } else {
        out.push(text);
      }
    }
  }
  while (next < from.length) out.push(from[next++]!);
  return out;
}

function lcsLength(a: readonly string[], b: readonly string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = x === b[j - 1] ? diagonal + 1 : Math.max(row[j]!, row[j - 1]!);
      diagonal = above;
    }
  }
  return row[b.length]!;
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 2 ** 32;
  };
}

describe('unifiedDiff', () => {
  it('patches the first text into the second with the fewest edits (2,000 random pairs)', () => {
    const random = seeded(7);
    for (let n = 0; n < 2000; n++) {
      const text = () => Array.from({ length: Math.floor(random() * 14) }, () => 'abcd'[Math.floor(random() * 4)]!);
      const a = text();
      const b = random() < 0.3 ? [...a.slice(0, 3), 'x', ...a.slice(3)] : text();
      const diff = unifiedDiff(a.map((l) => l + '\n').join(''), b.map((l) => l + '\n').join(''), { context: Math.floor(random() * 4) });
      expect(patch(a, diff), `${a} → ${b}\n${diff}`).toEqual(b);
      const edits = splitLines(diff).filter((line) => line[0] === '+' || line[0] === '-').length;
      expect(edits).toBe(a.length + b.length - 2 * lcsLength(a, b));
    }
  });

  it('writes what diff -u writes', () => {
    const a = 'one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\n';
    const b = 'zero\none\ntwo\nthree\nfour\nfive\nSIX\nseven\neight\nnine\n';
    expect(unifiedDiff(a, b, { fromLabel: 'a', toLabel: 'b' })).toBe(
      '--- a\n+++ b\n@@ -1,10 +1,10 @@\n+zero\n one\n two\n three\n four\n five\n-six\n+SIX\n seven\n eight\n nine\n-ten\n',
    );
    expect(unifiedDiff(a, b, { context: 1 })).toBe('@@ -1 +1,2 @@\n+zero\n one\n@@ -5,3 +6,3 @@\n five\n-six\n+SIX\n seven\n@@ -9,2 +10 @@\n nine\n-ten\n');
    expect(unifiedDiff('', 'x\n')).toBe('@@ -0,0 +1 @@\n+x\n');
    expect(unifiedDiff('x\n', '')).toBe('@@ -1 +0,0 @@\n-x\n');
    expect(unifiedDiff(a, a)).toBe('');
  });

  it('past the edit limit, aligns the parts between lines both texts hold once (a large class changed in every method)', () => {
    // 5,000 methods, each given one more line: 5,000 edits, past Myers' limit here.
    const method = (i: number, changed: boolean) => [`  public m${i}()V`, '    ALOAD 0', ...(changed ? ['    NOP'] : []), '    RETURN', ''];
    const a = Array.from({ length: 5000 }, (_, i) => method(i, false)).flat();
    const b = Array.from({ length: 5000 }, (_, i) => method(i, true)).flat();
    const diff = unifiedDiff(a.map((l) => l + '\n').join(''), b.map((l) => l + '\n').join(''), { context: 1 });
    const lines = splitLines(diff);
    expect(lines.filter((line) => line.startsWith('-'))).toEqual([]);
    expect(lines.filter((line) => line.startsWith('+'))).toHaveLength(5000);
    expect(patch(a, diff)).toEqual(b);
  });

  it('stays linear on two unrelated long texts', () => {
    const a = Array.from({ length: 20000 }, (_, i) => `a${i}`).join('\n');
    const b = Array.from({ length: 20000 }, (_, i) => `b${i}`).join('\n');
    const diff = unifiedDiff(a, b, { context: 0 });
    expect(splitLines(diff).length).toBe(40001);
  });
});
