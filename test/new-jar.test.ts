// buildJar (src/transform/new-jar.ts) writes the agent jar: checked here against the JDK's own zip
// zip reading (`jar tf`) and jszip; JVMs loading agent jars built with it are the agent suites' tests.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { buildJar } from '../src/transform/new-jar.js';
import { javaTool } from '../src/testing/java-tools.js';
import { makeTempDir } from './support/javac.js';

const ENTRIES = [
  { name: 'com/acme/Thing.class', data: new Uint8Array([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 61]) },
  { name: 'META-INF/MANIFEST.MF', data: 'Manifest-Version: 1.0\r\nCreated-By: test\r\n\r\n' },
  { name: 'com/acme/notes.txt', data: 'ünïcödé text, '.repeat(100) },
  { name: 'empty.txt', data: '' },
];

describe('buildJar', () => {
  it.each([false, true])('writes a jar the JDK and jszip read back (deflate %s), manifest first, directories before their files', async (deflate) => {
    const bytes = buildJar(ENTRIES, { deflate });
    const dir = await makeTempDir('new-jar');
    const jar = join(dir, 'test.jar');
    writeFileSync(jar, bytes);
    const listing = execFileSync(join(dirname(javaTool('java')), 'jar'), ['tf', jar], { encoding: 'utf8' }).trim().split('\n');
    expect(listing).toEqual(['META-INF/', 'META-INF/MANIFEST.MF', 'com/', 'com/acme/', 'com/acme/Thing.class', 'com/acme/notes.txt', 'empty.txt']);
    const zip = await JSZip.loadAsync(bytes);
    for (const entry of ENTRIES) {
      const read = await zip.file(entry.name)!.async('uint8array');
      expect(Buffer.from(read).equals(Buffer.from(typeof entry.data === 'string' ? new TextEncoder().encode(entry.data) : entry.data))).toBe(true);
    }
    // The same entries give the same bytes (a fixed entry time).
    expect(Buffer.from(buildJar(ENTRIES, { deflate })).equals(Buffer.from(bytes))).toBe(true);
  });

  it('deflates only when asked, and refuses a duplicate entry', () => {
    expect(buildJar(ENTRIES, { deflate: true }).length).toBeLessThan(buildJar(ENTRIES).length);
    expect(() => buildJar([...ENTRIES, { name: 'empty.txt', data: 'x' }])).toThrow(/duplicate jar entry empty\.txt/);
  });
});
