// # What changed between two sets of classes, as unified diffs of their listings
//
// Behind `classforge diff` and classforge/testing's diffClasses: classes are matched by name; those
// whose bytes are equal are left out unread; the others are listed (by default as ASM's Textifier
// prints them, labels named by source line so that inserted code does not renumber them: see
// line-label-textifier.ts) and diffed line by line (line-diff.ts). A class whose bytes differ
// while its listings are equal differs in what the listing leaves out (constant pool order, say):
// it is reported without a diff.

import { unifiedDiff } from './line-diff.js';
import { textifyClassWithLineLabels } from './line-label-textifier.js';

/** One changed class. */
export interface ChangedClass {
  /** The name the classes were matched by (an internal name, with a `META-INF/versions/N/` prefix for a jar's release variant). */
  readonly name: string;
  /** The unified diff of the two listings; '' when they are equal though the bytes differ. */
  readonly diff: string;
}

export interface ClassSetDiff {
  /** Names only in the second set, sorted. */
  readonly added: readonly string[];
  /** Names only in the first set, sorted. */
  readonly removed: readonly string[];
  /** Names in both whose bytes differ, sorted, with their diffs. */
  readonly changed: readonly ChangedClass[];
}

export interface ClassDiffOptions {
  /** Unchanged lines around each change (default 3). */
  readonly context?: number;
  /** The listing diffed (default: the Textifier listing with labels named by line, see line-label-textifier.ts). */
  readonly listing?: (bytes: Uint8Array) => string;
  /** Prefixes of the `---`/`+++` names (default `a/` and `b/`, as git). */
  readonly fromPrefix?: string;
  readonly toPrefix?: string;
}

/** Whether two byte arrays hold the same bytes. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * A field or method line of a Textifier listing (two spaces, then the declaration: `  public f(I)I`),
 * which heads each hunk in it, as git names the function a hunk is in.
 */
function isMemberDeclaration(line: string): boolean {
  return line.length > 2 && line.startsWith('  ') && line[2] !== ' ' && line[2] !== '/' && line[2] !== '@' && !CLASS_ATTRIBUTE_LINE.test(line);
}

/** The class-level lines at the same indentation as members (InnerClasses, NestMembers…), which head nothing. */
const CLASS_ATTRIBUTE_LINE = /\b(INNERCLASS|OUTERCLASS|NESTHOST|NESTMEMBER|PERMITTEDSUBCLASS|RECORDCOMPONENT|MODULE)\b/;

/**
 * The classes in both sets whose bytes differ, by name, each with its diff, one at a time (a caller
 * printing them holds one diff at once). A class that cannot be read throws (ClassFormatError).
 */
export function* changedClasses(from: ReadonlyMap<string, Uint8Array>, to: ReadonlyMap<string, Uint8Array>, options: ClassDiffOptions = {}): Generator<ChangedClass> {
  const listing = options.listing ?? ((bytes: Uint8Array) => textifyClassWithLineLabels(bytes));
  const fromPrefix = options.fromPrefix ?? 'a/';
  const toPrefix = options.toPrefix ?? 'b/';
  for (const name of [...from.keys()].filter((key) => to.has(key)).sort()) {
    const before = from.get(name)!;
    const after = to.get(name)!;
    if (sameBytes(before, after)) continue;
    const diff = unifiedDiff(listing(before), listing(after), {
      context: options.context,
      fromLabel: fromPrefix + name,
      toLabel: toPrefix + name,
      heading: isMemberDeclaration,
    });
    yield { name, diff };
  }
}

/** Names only in `to` (added) and only in `from` (removed), sorted. */
export function addedAndRemoved(from: ReadonlyMap<string, Uint8Array>, to: ReadonlyMap<string, Uint8Array>): { added: string[]; removed: string[] } {
  return {
    added: [...to.keys()].filter((key) => !from.has(key)).sort(),
    removed: [...from.keys()].filter((key) => !to.has(key)).sort(),
  };
}

/** Compares two sets of class files, each by name (see changedClasses). */
export function diffClassSets(from: ReadonlyMap<string, Uint8Array>, to: ReadonlyMap<string, Uint8Array>, options: ClassDiffOptions = {}): ClassSetDiff {
  return { ...addedAndRemoved(from, to), changed: [...changedClasses(from, to, options)] };
}

/** The lines `classforge diff` prints for classes only on one side. */
export function formatAddedAndRemoved(diff: { readonly added: readonly string[]; readonly removed: readonly string[] }): string {
  return diff.removed.map((name) => `Only in the first: ${name}\n`).join('') + diff.added.map((name) => `Only in the second: ${name}\n`).join('');
}

/** What `classforge diff` prints for one changed class. */
export function formatChangedClass({ name, diff }: ChangedClass): string {
  return diff === '' ? `Class files differ only in what the listing leaves out (constant pool order, attribute layout…): ${name}\n` : diff;
}

/** Lines added and removed by a unified diff (its `---`/`+++` header left out). */
export function diffLineCounts(diff: string): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+') && !line.startsWith('+++ ')) added++;
    else if (line.startsWith('-') && !line.startsWith('--- ')) removed++;
  }
  return { added, removed };
}

/** One line of `classforge diff --stat`, as git's: the class, then its lines added and removed. */
export function formatChangedClassStat({ name, diff }: ChangedClass): string {
  const { added, removed } = diffLineCounts(diff);
  return diff === '' ? `${name} | encoding only\n` : `${name} | +${added} -${removed}\n`;
}

/** The report `classforge diff` prints: added and removed classes, then each changed class's diff. */
export function formatClassSetDiff(diff: ClassSetDiff): string {
  return formatAddedAndRemoved(diff) + diff.changed.map(formatChangedClass).join('');
}
