// The jars of Debian's libguava-java, libcommons-lang3-java and libbyte-buddy-java through the copy
// path (byte-identical) and a full rewrite (structurally identical).

import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type CorpusClass, corpusJars, jarClasses } from './support/corpus.js';
import { checkCopyPath, checkFullRewrite, formatRoundTrip } from './support/corpus-round-trip.js';

const debianPackages: Record<string, string> = {
  'guava.jar': 'libguava-java',
  'commons-lang3.jar': 'libcommons-lang3-java',
  'byte-buddy.jar': 'libbyte-buddy-java',
};

for (const jar of corpusJars) {
  const jarName = jar.slice(jar.lastIndexOf('/') + 1);

  describe(`${jarName} corpus`, () => {
    let loaded: Promise<CorpusClass[]> | null = null;
    const load = (): Promise<CorpusClass[]> => (loaded ??= read());
    const read = async (): Promise<CorpusClass[]> => {
      if (!existsSync(jar)) {
        throw new Error(`${jar} is missing: install it with apt-get install ${debianPackages[jarName]} (.ci/run does)`);
      }
      const classes = await jarClasses(jar);
      expect(classes.length).toBeGreaterThan(100);
      return classes;
    };

    it('copy path returns every class byte for byte', async () => {
      const result = checkCopyPath(await load());
      const report = formatRoundTrip(`${jarName} copy path`, result);
      console.log(report.split('\n')[0]);
      expect(result.failures, report).toEqual([]);
    });

    it('full rewrite gives every class an equal structural dump', async () => {
      const result = checkFullRewrite(await load());
      const report = formatRoundTrip(`${jarName} full rewrite`, result);
      console.log(report.split('\n')[0]);
      expect(result.failures, report).toEqual([]);
    });
  });
}
