// # Line diffs in the unified format of diff -u
//
// What `classforge diff` and classforge/testing's diffClasses print between two Textifier listings.
// The edit script is Myers' O((N+M)D) shortest one ("An O(ND) Difference Algorithm and Its
// Variations", 1986) after the common head and tail are set aside (a transform's change is usually
// a few lines in a long listing); past MAX_EDIT_DISTANCE edits the middle is split at the lines both
// texts hold once (patience diff's anchors) and each part diffed alone; two texts without any in
// common are shown removed then added whole, so that unrelated listings cost linear time and memory.

/** One line of an edit script: kept, removed from the first text, or added in the second. */
interface Edit {
  readonly kind: ' ' | '-' | '+';
  readonly line: string;
}

/** Past this many edits in the middle part, it is split at common unique lines (see anchored). */
const MAX_EDIT_DISTANCE = 4000;

export interface UnifiedDiffOptions {
  /** Unchanged lines shown around each change (diff -u's default: 3). */
  readonly context?: number;
  /** The `---` and `+++` header names; no header without them. */
  readonly fromLabel?: string;
  readonly toLabel?: string;
  /**
   * Which lines head a section (diff -F, git's function context): a hunk's header ends with the
   * last such line of the first text before the hunk.
   */
  readonly heading?: (line: string) => boolean;
}

/** Splits a text into lines, without the line terminators (a final newline ends the last line). */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The unified diff of two texts (as `diff -u`, without the timestamps), '' when they are equal. */
export function unifiedDiff(from: string, to: string, options: UnifiedDiffOptions = {}): string {
  const a = splitLines(from);
  const b = splitLines(to);
  const edits = editScript(a, b);
  if (edits.every((edit) => edit.kind === ' ')) return '';
  const context = Math.max(0, options.context ?? 3);
  let out = '';
  if (options.fromLabel !== undefined && options.toLabel !== undefined) out += `--- ${options.fromLabel}\n+++ ${options.toLabel}\n`;
  for (const hunk of hunks(edits, context, options.heading)) out += hunk;
  return out;
}

/** The edits turning `a` into `b`: Myers' shortest script for the part between the common head and tail. */
function editScript(a: readonly string[], b: readonly string[]): Edit[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const aMiddle = a.slice(head, a.length - tail);
  const bMiddle = b.slice(head, b.length - tail);
  const middle = myers(aMiddle, bMiddle) ?? anchored(aMiddle, bMiddle);
  return [
    ...a.slice(0, head).map((line): Edit => ({ kind: ' ', line })),
    ...middle,
    ...a.slice(a.length - tail).map((line): Edit => ({ kind: ' ', line })),
  ];
}

/**
 * Where the shortest script is too long to search (two listings of a large class with changes all
 * over), patience diff's anchors (Bram Cohen's; git diff --patience): the lines found exactly once in
 * each text — in a listing, the method declarations among them — matched in order (the longest
 * increasing run of their positions), and the parts between them diffed on their own, so that each
 * method is compared with itself. Without such lines, everything is removed, then added.
 */
function anchored(a: readonly string[], b: readonly string[]): Edit[] {
  const count = (lines: readonly string[]): Map<string, number> => {
    const counts = new Map<string, number>();
    lines.forEach((line, i) => counts.set(line, counts.has(line) ? -1 : i));
    return counts;
  };
  const inA = count(a);
  const inB = count(b);
  // Lines unique on both sides, in a's order, with their position in b.
  const pairs: [number, number][] = [];
  for (const [line, i] of inA) {
    const j = inB.get(line);
    if (i >= 0 && j !== undefined && j >= 0) pairs.push([i, j]);
  }
  pairs.sort((x, y) => x[0] - y[0]);
  const anchors = longestIncreasingRun(pairs);
  if (anchors.length === 0) return [...a.map((line): Edit => ({ kind: '-', line })), ...b.map((line): Edit => ({ kind: '+', line }))];
  const edits: Edit[] = [];
  let i = 0;
  let j = 0;
  for (const [ai, bj] of [...anchors, [a.length, b.length] as [number, number]]) {
    edits.push(...editScript(a.slice(i, ai), b.slice(j, bj)));
    if (ai < a.length) edits.push({ kind: ' ', line: a[ai]! });
    i = ai + 1;
    j = bj + 1;
  }
  return edits;
}

/** The longest run of `pairs` (sorted by their first element) whose second elements increase (patience sorting). */
function longestIncreasingRun(pairs: readonly [number, number][]): [number, number][] {
  // tails[k]: the index in pairs of the smallest second element ending a run of length k + 1.
  const tails: number[] = [];
  const previous = new Array<number>(pairs.length).fill(-1);
  pairs.forEach(([, second], index) => {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (pairs[tails[mid]!]![1] < second) low = mid + 1;
      else high = mid;
    }
    if (low > 0) previous[index] = tails[low - 1]!;
    tails[low] = index;
  });
  const run: [number, number][] = [];
  for (let index = tails.length === 0 ? -1 : tails[tails.length - 1]!; index >= 0; index = previous[index]!) run.push(pairs[index]!);
  return run.reverse();
}

/**
 * Myers' greedy forward algorithm, with the furthest-reaching x of every diagonal kept per step for
 * the walk back; null past MAX_EDIT_DISTANCE edits.
 */
function myers(a: readonly string[], b: readonly string[]): Edit[] | null {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= Math.min(max, MAX_EDIT_DISTANCE); d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      // Down (an insertion) from diagonal k+1, or right (a deletion) from k-1, whichever reaches further.
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    if (found >= 0) break;
  }
  if (found < 0) return null;
  // Walk back from (n, m) through the saved rows.
  const edits: Edit[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const row = trace[d]!;
    // row holds v[k] for k in [-d-1, d+1] at the start of step d (the state after step d-1).
    const at = (k: number): number => row[k + d + 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const previousK = down ? k + 1 : k - 1;
    const previousX = at(previousK);
    const previousY = previousX - previousK;
    // The common lines after the one edit of this step, back to it.
    while (x > previousX && y > previousY) {
      edits.push({ kind: ' ', line: a[x - 1]! });
      x--;
      y--;
    }
    if (down) {
      edits.push({ kind: '+', line: b[y - 1]! });
      y--;
    } else {
      edits.push({ kind: '-', line: a[x - 1]! });
      x--;
    }
  }
  while (x > 0 && y > 0) {
    edits.push({ kind: ' ', line: a[x - 1]! });
    x--;
    y--;
  }
  return edits.reverse();
}

/** The hunks of a unified diff: runs of changes with `context` kept lines around them, merged where they touch. */
function hunks(edits: readonly Edit[], context: number, heading: ((line: string) => boolean) | undefined): string[] {
  const changed: number[] = [];
  edits.forEach((edit, i) => {
    if (edit.kind !== ' ') changed.push(i);
  });
  const result: string[] = [];
  let i = 0;
  while (i < changed.length) {
    const start = Math.max(0, changed[i]! - context);
    let end = changed[i]!;
    // Extend while the next change is within 2 × context kept lines.
    while (i + 1 < changed.length && changed[i + 1]! - end <= 2 * context + 1) end = changed[++i]!;
    end = Math.min(edits.length, end + context + 1);
    i++;
    // Line numbers (1-based) of the hunk's first line in each text.
    let fromLine = 1;
    let toLine = 1;
    for (let j = 0; j < start; j++) {
      if (edits[j]!.kind !== '+') fromLine++;
      if (edits[j]!.kind !== '-') toLine++;
    }
    let fromCount = 0;
    let toCount = 0;
    let body = '';
    for (let j = start; j < end; j++) {
      const edit = edits[j]!;
      if (edit.kind !== '+') fromCount++;
      if (edit.kind !== '-') toCount++;
      body += `${edit.kind}${edit.line}\n`;
    }
    // diff -u numbers an empty side by the line before it.
    const range = (line: number, count: number): string => (count === 1 ? `${line}` : `${count === 0 ? line - 1 : line},${count}`);
    let section = '';
    if (heading !== undefined) {
      for (let j = start - 1; j >= 0; j--) {
        const edit = edits[j]!;
        if (edit.kind !== '+' && heading(edit.line)) {
          section = ` ${edit.line.trim()}`;
          break;
        }
      }
    }
    result.push(`@@ -${range(fromLine, fromCount)} +${range(toLine, toCount)} @@${section}\n${body}`);
  }
  return result;
}
