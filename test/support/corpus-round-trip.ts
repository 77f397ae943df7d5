// # Corpus round trips: the two checks of the lossless promise
//
// 1. Copy path: `new ClassWriter(reader, 0)` + `reader.accept(writer, 0)` returns the input byte for byte.
// 2. Full rewrite: `new ClassWriter(0)` + `reader.accept(writer, 0)` is structurally identical
//    (equal structural dumps, see structural-dump.ts).
// Failures are described precisely (class, where the bytes or the structure first differ) so that
// the assertion message alone says what to fix.

import { ClassReader } from '../../src/asm/class-reader.js';
import type { ClassVisitor } from '../../src/asm/class-visitor.js';
import { ClassWriter } from '../../src/asm/class-writer.js';
import { readRawClassFile } from '../../src/classfile/raw-class-file.js';
import type { CorpusClass } from './corpus.js';
import { firstDumpDifference, structuralDump } from './structural-dump.js';

/** Optionally puts a visitor between reader and writer (self-tests use it to prove the checks can fail). */
export type ClassTransform = (next: ClassVisitor) => ClassVisitor;

export interface RoundTripResult {
  total: number;
  identical: number;
  /** One line per failing class: `name: what differs`. */
  failures: string[];
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const frame = error.stack?.split('\n').find((l) => l.includes('/src/'))?.trim();
    return `threw ${error.name}: ${error.message}${frame ? ` (${frame})` : ''}`;
  }
  return `threw ${String(error)}`;
}

/** Names the structure of the class file that holds byte `offset` (pool entry, member, attribute). */
export function locateOffset(bytes: Uint8Array, offset: number): string {
  try {
    const cf = readRawClassFile(bytes);
    const pool = cf.constantPool;
    if (offset < 8) return 'header (magic, version)';
    if (offset < 10) return 'constant_pool_count';
    if (offset < pool.endOffset) {
      let index = 1;
      for (let i = 1; i < pool.count; i++) {
        const e = pool.entries[i];
        if (e != null && e.offset <= offset) index = i;
      }
      return `constant pool entry #${index} (${pool.entries[index]?.kind})`;
    }
    const inAttributes = (attributes: typeof cf.attributes, owner: string): string | null => {
      for (const a of attributes) {
        if (offset >= a.offset && offset < a.offset + 6 + a.length) {
          const at = offset - a.offset - 6;
          return `${owner} attribute ${a.name} ${at < 0 ? '(its name or length)' : `(+${at} in its info)`}`;
        }
      }
      return null;
    };
    for (const [kind, members] of [
      ['field', cf.fields],
      ['method', cf.methods],
    ] as const) {
      for (const m of members) {
        const last = m.attributes[m.attributes.length - 1];
        const end = last ? last.offset + 6 + last.length : m.offset + 8;
        if (offset >= m.offset && offset < end) {
          const owner = `${kind} ${m.name}${kind === 'method' ? m.descriptor : ''}`;
          return inAttributes(m.attributes, owner) ?? `${owner} (access, name, descriptor or attribute count)`;
        }
      }
    }
    return inAttributes(cf.attributes, 'class') ?? 'class structure (access, this, super, interfaces or a count)';
  } catch {
    return 'unparseable input';
  }
}

function firstByteDifference(expected: Uint8Array, actual: Uint8Array): number {
  const n = Math.min(expected.length, actual.length);
  for (let i = 0; i < n; i++) if (expected[i] !== actual[i]) return i;
  return n;
}

/** Check 1: the copy path returns every class byte for byte. */
export function checkCopyPath(classes: readonly CorpusClass[], transform?: ClassTransform): RoundTripResult {
  const failures: string[] = [];
  let identical = 0;
  for (const { name, bytes } of classes) {
    let output: Uint8Array;
    try {
      const reader = new ClassReader(bytes);
      const writer = new ClassWriter(reader, 0);
      reader.accept(transform ? transform(writer) : writer, 0);
      output = writer.toByteArray();
    } catch (error) {
      failures.push(`${name}: ${describeError(error)}`);
      continue;
    }
    if (output.length === bytes.length && firstByteDifference(bytes, output) === bytes.length) {
      identical++;
      continue;
    }
    const at = firstByteDifference(bytes, output);
    failures.push(
      `${name}: ${bytes.length} bytes in, ${output.length} out; first difference at byte ${at}, in ${locateOffset(bytes, at)}`,
    );
  }
  return { total: classes.length, identical, failures };
}

/** Check 2: a full rewrite (fresh constant pool) is structurally identical to the input. */
export function checkFullRewrite(classes: readonly CorpusClass[], transform?: ClassTransform): RoundTripResult {
  const failures: string[] = [];
  let identical = 0;
  for (const { name, bytes } of classes) {
    let output: Uint8Array;
    try {
      const reader = new ClassReader(bytes);
      const writer = new ClassWriter(0);
      reader.accept(transform ? transform(writer) : writer, 0);
      output = writer.toByteArray();
    } catch (error) {
      failures.push(`${name}: ${describeError(error)}`);
      continue;
    }
    if (output.length === bytes.length && firstByteDifference(bytes, output) === bytes.length) {
      identical++;
      continue;
    }
    let difference: string | null;
    try {
      difference = firstDumpDifference(structuralDump(bytes), structuralDump(output));
    } catch (error) {
      failures.push(`${name}: the rewritten class does not parse: ${describeError(error)}`);
      continue;
    }
    if (difference === null) identical++;
    else failures.push(`${name}: ${difference}`);
  }
  return { total: classes.length, identical, failures };
}

/** `6426/6426 identical`, plus the first failures, for assertion messages and logs. */
export function formatRoundTrip(label: string, result: RoundTripResult, shown = 25): string {
  const head = `${label}: ${result.identical}/${result.total} identical`;
  if (result.failures.length === 0) return head;
  const more = result.failures.length > shown ? `\n  … and ${result.failures.length - shown} more` : '';
  return `${head}; ${result.failures.length} failing:\n  ${result.failures.slice(0, shown).join('\n  ')}${more}`;
}
