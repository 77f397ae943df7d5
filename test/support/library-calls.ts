// A real library's code under two instrumentations that should behave alike (classforge's and an
// oracle's): test/support/CallStaticMethods.java calls the public static methods of commons-lang3's
// utility classes with sample values, the instrumentations trace every method through
// test/support/TraceText.java, and the two runs' output must be the same line for line.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { type CompiledClasses, compileJava, runJava } from '../../src/testing/index.js';
import { toClassFiles, writeClassFiles } from '../../src/testing/class-files.js';

export const COMMONS_LANG3 = '/usr/share/java/commons-lang3.jar';

const source = (file: string): string => readFileSync(fileURLToPath(new URL(`./${file}`, import.meta.url)), 'utf8');

/** TraceText's source, as compileJava takes it (class tracing.TraceText). */
export const TRACE_TEXT = { 'tracing/TraceText.java': source('TraceText.java') };

/** The commons-lang3 classes whose static methods CallStaticMethods calls. */
const CALLED_CLASSES = [
  'StringUtils', 'CharUtils', 'BooleanUtils', 'math.NumberUtils', 'ArrayUtils', 'StringEscapeUtils', 'text.WordUtils',
  'RegExUtils', 'ObjectUtils', 'Validate', 'CharSetUtils', 'LocaleUtils', 'ClassUtils', 'text.StrBuilder', 'time.DurationFormatUtils',
].map((name) => `org.apache.commons.lang3.${name}`);

/** commons-lang3's classes by internal name, and the same written as a directory under `scratch` (for oracles that read one). */
export function commonsLang3(scratch: string): { classes: Map<string, Uint8Array>; dir: string } {
  const classes = toClassFiles(COMMONS_LANG3);
  const dir = join(scratch, 'commons-lang3');
  writeClassFiles(classes, dir);
  return { classes, dir };
}

/** CallStaticMethods and TraceText, compiled against commons-lang3. */
export function compileCaller(): Promise<CompiledClasses> {
  return compileJava({ 'CallStaticMethods.java': source('CallStaticMethods.java'), ...TRACE_TEXT }, { classpath: COMMONS_LANG3 });
}

/** The calls' output with commons-lang3 replaced by `library` (instrumented classes), under -Xverify:all. */
export async function callLibrary(library: ReadonlyMap<string, Uint8Array>, caller: CompiledClasses, extraClassPath: readonly string[] = []): Promise<string> {
  const run = await runJava({ classpath: [library, ...extraClassPath, caller.dir], mainClass: 'CallStaticMethods', args: CALLED_CLASSES, verify: true });
  expect(run.stderr).toBe('');
  expect(run.exitCode).toBe(0);
  return run.stdout;
}

/**
 * Expects two traces to be the same, line by line (a failure shows the first lines that differ, not two
 * huge strings), and to come from more than `minimumCalls` calls.
 */
export function expectSameTrace(actual: string, expected: string, minimumCalls: number): void {
  const calls = Number(/\n(\d+) calls\n$/.exec(expected)?.[1]);
  expect(calls).toBeGreaterThan(minimumCalls);
  const expectedLines = expected.split('\n');
  // Traced: the calls alone print one line each.
  expect(expectedLines.length).toBeGreaterThan(3 * calls);
  const actualLines = actual.split('\n');
  const first = expectedLines.findIndex((line, i) => line !== actualLines[i]);
  expect(first === -1 ? null : actualLines.slice(first, first + 5)).toEqual(first === -1 ? null : expectedLines.slice(first, first + 5));
  expect(actualLines.length).toBe(expectedLines.length);
}
