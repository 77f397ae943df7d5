// The jar output's background deflater (src/transform/background-deflater.ts): what it makes is
// what rewriteJar would have made, rewriteJar takes it instead of deflating again, and a deflater
// stopped early leaves rewriteJar to do the rest, with the same jar in the end.

import { inflateRawSync, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BackgroundDeflater } from '../src/transform/background-deflater.js';
import { JarFile } from '../src/transform/jar-file.js';
import { rewriteJar } from '../src/transform/jar-writer.js';
import { corpusJars } from './support/corpus.js';

const guava = corpusJars[0]!;

/** Up to `count` deflated class entries of `jar` with new bytes (the original plus a trailing byte: rewriteJar does not parse them). */
function replacementsOf(jar: JarFile, count: number): Map<number, Uint8Array> {
  const replacements = new Map<number, Uint8Array>();
  for (const entry of jar.entries()) {
    if (replacements.size === count) break;
    if (entry.kind !== 'class' || entry.zip.method !== 8) continue;
    const original = jar.read(entry);
    const changed = new Uint8Array(original.length + 1);
    changed.set(original);
    changed[original.length] = replacements.size & 0xff;
    replacements.set(entry.index, changed);
  }
  return replacements;
}

/** The raw data of `jar`'s entry named `name` as stored (APPNOTE §4.3.7: after the local header, name and extra field). */
function storedData(jar: JarFile, name: string): Uint8Array {
  const entry = jar.entries().find((e) => e.name === name)!;
  const layout = jar.layout(entry);
  return jar.bytes.subarray(layout.dataStart, layout.dataStart + entry.zip.compressedSize);
}

describe('BackgroundDeflater', () => {
  it('deflates on its thread exactly as zlib does on this one, each result under the array it came from', async () => {
    const jar = JarFile.open(guava);
    const inputs = [...replacementsOf(jar, 100).values(), new Uint8Array(0), new Uint8Array(70_000).fill(7)];
    const deflater = new BackgroundDeflater();
    for (const bytes of inputs) deflater.start(bytes);
    deflater.start(inputs[0]!); // the same array again: one result
    const deflated = await deflater.finish();
    expect(deflated.size).toBe(inputs.length);
    for (const bytes of inputs) {
      expect(Buffer.from(deflated.get(bytes)!).equals(deflateRawSync(bytes))).toBe(true);
    }
  });

  it('deflates class files that are views on a shared buffer (ClassWriter output slabs) as the views alone', async () => {
    const jar = JarFile.open(guava);
    const originals = [...replacementsOf(jar, 20).values()];
    const shared = new Uint8Array(originals.reduce((sum, bytes) => sum + bytes.length, 0) + 4096).fill(0xee);
    let offset = 16;
    const views = originals.map((bytes) => {
      const view = shared.subarray(offset, offset + bytes.length);
      view.set(bytes);
      offset += bytes.length;
      return view;
    });
    const deflater = new BackgroundDeflater();
    for (const view of views) deflater.start(view);
    // Not yet sent (a batch is 32): each is posted as a copy of its own, not with the whole shared buffer.
    const batch = (deflater as unknown as { batch: Uint8Array[] }).batch;
    expect(batch.map((bytes) => bytes.buffer.byteLength)).toEqual(views.map((view) => view.byteLength));
    const deflated = await deflater.finish();
    for (const view of views) {
      expect(Buffer.from(inflateRawSync(deflated.get(view)!)).equals(Buffer.from(view))).toBe(true);
    }
  });

  it('gives rewriteJar the data it writes, and the jar is the one rewriteJar makes alone', async () => {
    const jar = JarFile.open(guava);
    const replacements = replacementsOf(jar, 60);
    const alone = rewriteJar(jar, replacements).bytes;

    const deflater = new BackgroundDeflater();
    for (const bytes of replacements.values()) deflater.start(bytes);
    const deflated = await deflater.finish();
    expect(deflated.size).toBe(60);
    expect(Buffer.from(rewriteJar(jar, replacements, { deflated }).bytes).equals(alone)).toBe(true);

    // rewriteJar writes what it is given (here zlib level 1, not its own level 6) instead of deflating again.
    const [index, bytes] = [...replacements][0]!;
    const levelOne = new Map([[bytes, deflateRawSync(bytes, { level: 1 })]]);
    const output = JarFile.fromBytes(rewriteJar(jar, replacements, { deflated: levelOne }).bytes, 'with-level-1.jar');
    const name = jar.entries()[index]!.name;
    expect(Buffer.from(storedData(output, name)).equals(levelOne.get(bytes)!)).toBe(true);
    expect(Buffer.from(inflateRawSync(storedData(output, name))).equals(bytes)).toBe(true);
    expect(Buffer.from(storedData(output, name)).equals(deflateRawSync(bytes))).toBe(false);
  });

  it('stopped before the end, answers with what it has, and rewriteJar deflates the rest to the same jar', async () => {
    const jar = JarFile.open(guava);
    const replacements = replacementsOf(jar, 200);
    const deflater = new BackgroundDeflater();
    for (const bytes of replacements.values()) deflater.start(bytes);
    deflater.close();
    const deflated = await deflater.finish();
    expect(deflated.size).toBeLessThan(200);
    deflater.start(new Uint8Array(10)); // after close: ignored, no new thread
    expect((await deflater.finish()).size).toBe(deflated.size);
    expect(Buffer.from(rewriteJar(jar, replacements, { deflated }).bytes).equals(rewriteJar(jar, replacements).bytes)).toBe(true);
  });
});
