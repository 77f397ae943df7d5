// Every class of the JDK's java.base through the copy path (byte-identical) and through a full
// rewrite (structurally identical): the lossless promise of issue [core].

import { beforeAll, describe, expect, it } from 'vitest';
import { type CorpusClass, javaBaseClasses } from './support/corpus.js';
import { checkCopyPath, checkFullRewrite, formatRoundTrip } from './support/corpus-round-trip.js';

describe('java.base corpus', () => {
  let classes: CorpusClass[] = [];

  beforeAll(async () => {
    classes = await javaBaseClasses();
  });

  it('holds the classes of java.base', () => {
    expect(classes.length).toBeGreaterThan(5000);
    expect(classes.some((c) => c.name === 'java/lang/Object')).toBe(true);
    expect(classes.some((c) => c.name === 'module-info')).toBe(true);
  });

  it('copy path returns every class byte for byte', () => {
    const result = checkCopyPath(classes);
    const report = formatRoundTrip('java.base copy path', result);
    console.log(report.split('\n')[0]);
    expect(result.failures, report).toEqual([]);
  });

  it('full rewrite gives every class an equal structural dump', () => {
    const result = checkFullRewrite(classes);
    const report = formatRoundTrip('java.base full rewrite', result);
    console.log(report.split('\n')[0]);
    expect(result.failures, report).toEqual([]);
  });
});
