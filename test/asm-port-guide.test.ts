// DESIGN.md contract 1: Java ASM code ports line by line. The ASM user guide's examples (test/asm-port/Guide.java:
// ClassPrinter, class generation, the class and method adapters, LocalVariablesSorter, AdviceAdapter,
// GeneratorAdapter, frames, annotations, the tree API, analysis, signatures, Type, TraceClassVisitor,
// CheckClassAdapter) run on OW2 ASM 9.4 and, ported line by line, on classforge — once in TypeScript
// (guide-port.ts) and once in plain JavaScript as a JS user writes it (guide-port.mjs: no types, the classforge
// module passed in). Same input class (javac), same printed text, and the same classes: structurally equal (the
// bytes differ only where README says: classforge keeps the source order of a Code attribute's attributes).

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import * as classforge from '../src/index.js';
import { runGuide as runTypeScriptPort, type GuideResult } from './asm-port/guide-port.js';
import { compileJava, makeTempDir, PROJECT_ROOT, runJava } from './support/javac.js';
import { firstDumpDifference, structuralDump } from './support/structural-dump.js';

const ASM_JARS = ['asm', 'asm-tree', 'asm-analysis', 'asm-commons', 'asm-util'].map((jar) => `/usr/share/java/${jar}.jar`);
const PORT_DIR = join(PROJECT_ROOT, 'test', 'asm-port');

let input: Uint8Array;
let oracle: GuideResult;

beforeAll(async () => {
  const fixture = await compileJava(join(PORT_DIR, 'C.java'), { options: ['-g'] });
  const inputClass = fixture.classes.find((c) => c.name === 'C')!;
  input = inputClass.bytes;
  const guide = await compileJava(join(PORT_DIR, 'Guide.java'), { options: ['-cp', ASM_JARS.join(':')] });
  const out = await makeTempDir('asm-port-guide-');
  const run = await runJava({ classpath: [guide.dir, ...ASM_JARS], mainClass: 'Guide', args: [out, inputClass.path] });
  if (run.exitCode !== 0) throw new Error(`Guide.java failed: ${run.stderr}`);
  const classes = new Map<string, Uint8Array>();
  for (const file of await readdir(out)) classes.set(file.replace(/\.class$/, ''), await readFile(join(out, file)));
  oracle = { text: run.stdout, classes };
});

function expectSameAsAsm(port: GuideResult): void {
  expect(port.text).toBe(oracle.text);
  expect([...port.classes.keys()].sort()).toEqual([...oracle.classes.keys()].sort());
  for (const [name, expected] of oracle.classes) {
    const difference = firstDumpDifference(structuralDump(expected), structuralDump(port.classes.get(name)!));
    expect(difference, `${name}.class`).toBeNull();
  }
}

describe("the ASM user guide's examples ported line by line", () => {
  it('print and write what ASM does, ported to TypeScript', () => {
    expect(oracle.classes.size).toBe(16);
    expectSameAsAsm(runTypeScriptPort(input));
  });

  it('print and write what ASM does, ported to plain JavaScript', async () => {
    const port = (await import(pathToFileURL(join(PORT_DIR, 'guide-port.mjs')).href)) as {
      runGuide: (cf: typeof classforge, input: Uint8Array) => GuideResult;
    };
    expectSameAsAsm(port.runGuide(classforge, input));
  });

  it('write byte for byte what ASM writes for the generated classes and the class adapters', () => {
    // Where no method is re-encoded with a StackMapTable, the attribute order cannot differ: the bytes are ASM's.
    const port = runTypeScriptPort(input);
    for (const name of ['comparable', 'bean', 'hello', 'changeversion', 'removemethod', 'addfield', 'addann', 'treetimer']) {
      expect(Buffer.from(port.classes.get(name)!).equals(Buffer.from(oracle.classes.get(name)!)), name).toBe(true);
    }
  });
});
