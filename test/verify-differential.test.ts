// Issue 3: "on broken classes it reports what HotSpot rejects". A differential test: hundreds of
// classes of Debian's commons-lang3 and guava, each with one method edited once: one instruction (a
// wrong opcode of the same family, a local off by one, a branch a few bytes off, the wrong invoke)
// or one entry of its tables (a stack map frame, an exception handler, a local variable, max_stack,
// max_locals; see support/bytecode-mutations.ts), verified by our ClassVerifier and by HotSpot
// (java -Xverify:all, linking each class). Both must give the same verdict on every class.
//
// Twice: as compiled (version 52: type checking against the StackMapTable), and rewritten as version
// 49 classes without frames, which both verify by inference (HotSpot's older verifier); and a third
// time on hand-built classes with jsr/ret subroutines (inference only, as javac 1.3 wrote them). The second
// corpus is what found our inference verifier accepting `<init>` called by invokevirtual, a
// constructor returning before super(), athrow of a non-Throwable, aastore into an int… (see
// src/analysis/inference-verifier.ts); the first keeps the type checker honest.

import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ClassReader } from '../src/asm/class-reader.js';
import { Opcodes } from '../src/asm/opcodes.js';
import { ClassVerifier } from '../src/analysis/class-verifier.js';
import { ClassPath } from '../src/classpath/class-path.js';
import type { ConstantPool } from '../src/classfile/constant-pool.js';
import { readRawClassFile, readRawCode } from '../src/classfile/raw-class-file.js';
import { verifyClasses } from '../src/testing/verify-classes.js';
import { mutateCodeTables, mutateInstruction } from './support/bytecode-mutations.js';
import { stripFrames } from './support/class-versions.js';
import { subroutineClass } from './support/subroutine-classes.js';
import { type CorpusClass, jarClasses, systemJarDirectory } from './support/corpus.js';
import { prng } from './support/fuzz-cases.js';

const jars = [`${systemJarDirectory}/commons-lang3.jar`, `${systemJarDirectory}/guava.jar`];
const MUTANTS = 600;

/** The classes of the jars, but module-info and META-INF/versions entries. */
async function corpus(): Promise<CorpusClass[]> {
  const classes: CorpusClass[] = [];
  for (const jar of jars) classes.push(...(await jarClasses(jar)).filter((c) => !c.name.startsWith('META-INF/') && c.name !== 'module-info'));
  return classes;
}

type Verdict = 'accept' | 'reject' | 'unresolved';

/** Classes no other class of the jar extends or implements: linking a mutant never links another mutant. */
function leafClasses(classes: readonly CorpusClass[]): CorpusClass[] {
  const supers = new Set<string>();
  for (const { bytes } of classes) {
    const reader = new ClassReader(bytes);
    const superName = reader.getSuperName();
    if (superName !== null) supers.add(superName);
    for (const name of reader.getInterfaces()) supers.add(name);
  }
  return classes.filter((c) => !supers.has(c.name));
}

/** Whether a class uses what version 49 lacks (invokedynamic, method handles, interface code). */
function needsVersion51(bytes: Uint8Array): boolean {
  const classFile = readRawClassFile(bytes);
  if ((classFile.access & Opcodes.ACC_INTERFACE) !== 0) return true;
  return classFile.constantPool.entries.some((entry) => entry !== null && ['InvokeDynamic', 'MethodHandle', 'MethodType', 'Dynamic'].includes(entry.kind));
}

/** The indices of the Class constants of a pool. */
function classIndices(pool: ConstantPool): number[] {
  const indices: number[] = [];
  pool.entries.forEach((entry, index) => {
    if (entry !== null && entry.kind === 'Class') indices.push(index);
  });
  return indices;
}

/** Up to `count` mutants of distinct classes, each with one instruction of one method edited. */
function mutants(classes: readonly CorpusClass[], count: number, seed: number): { name: string; edit: string; bytes: Uint8Array }[] {
  const random = prng(seed);
  const result: { name: string; edit: string; bytes: Uint8Array }[] = [];
  const used = new Set<string>();
  for (let attempt = 0; attempt < count * 4 && result.length < count && used.size < classes.length; attempt++) {
    const original = classes[Math.floor(random() * classes.length)]!;
    if (used.has(original.name)) continue;
    const bytes = Uint8Array.from(original.bytes);
    const classFile = readRawClassFile(bytes);
    const withCode = classFile.methods.filter((m) => m.attributes.some((a) => a.name === 'Code'));
    if (withCode.length === 0) continue;
    const method = withCode[Math.floor(random() * withCode.length)]!;
    const code = readRawCode(method.attributes.find((a) => a.name === 'Code')!, classFile.constantPool);
    const edit = random() < 0.5 ? mutateInstruction(code.code, random) : mutateCodeTables(bytes, code, classIndices(classFile.constantPool), random);
    if (edit === null) continue;
    used.add(original.name);
    result.push({ name: original.name, edit: `${method.name}${method.descriptor} ${edit}`, bytes });
  }
  return result;
}

async function compareVerdicts(classes: readonly CorpusClass[], seed: number, label: string): Promise<void> {
  const cases = mutants(classes, MUTANTS, seed);
  const hotspot = await verifyClasses(new Map(cases.map((c) => [c.name, c.bytes])), { classPath: jars, timeout: 280_000 });
  const hotspotErrors = new Map(hotspot.failures.map((f) => [f.className.replace(/\./g, '/'), f.error]));
  const classPath = new ClassPath(jars);
  const verifier = new ClassVerifier(classPath);
  const counts = { accept: 0, reject: 0, unresolved: 0 };
  const disagreements: string[] = [];
  for (const c of cases) {
    const error = hotspotErrors.get(c.name);
    // A mutant whose tables HotSpot rejects while loading it (max_locals too small…) also fails the
    // mutants that load it: such a failure names the other class ("in class file X").
    const otherClass = error === undefined ? null : /in class file (\S+)/.exec(error)?.[1] ?? null;
    const theirs: Verdict =
      error === undefined ? 'accept' : /VerifyError|ClassFormatError/.test(error) && (otherClass === null || otherClass === c.name) ? 'reject' : 'unresolved';
    let ours: Verdict;
    let why = '';
    try {
      const result = verifier.verify(c.bytes);
      ours = result.errors.length > 0 ? 'reject' : result.unresolved.length > 0 ? 'unresolved' : 'accept';
      why = result.errors.map((e) => `${e.method} @${e.offset}: ${e.message}`).join('; ');
    } catch (thrown) {
      ours = 'reject';
      why = `threw ${(thrown as Error).message}`;
    }
    if (theirs === 'unresolved' || ours === 'unresolved') counts.unresolved++;
    else if (theirs === ours) counts[ours]++;
    else disagreements.push(`${c.name} (${c.edit}): HotSpot ${theirs}s${error ? ` (${error.slice(0, 200)})` : ''}, we ${ours}${why ? ` (${why.slice(0, 200)})` : ''}`);
  }
  classPath.close();
  console.log(`${label}: ${cases.length} mutants; both reject ${counts.reject}, both accept ${counts.accept}, unresolved ${counts.unresolved}, disagree ${disagreements.length}`);
  expect(disagreements).toEqual([]);
  // Both verdicts occur, in numbers: a verifier that accepted (or rejected) everything would fail above.
  expect(counts.reject).toBeGreaterThan(cases.length / 2);
  expect(counts.accept).toBeGreaterThan(cases.length / 50);
  expect(counts.unresolved).toBeLessThan(cases.length / 5);
}

describe.skipIf(!jars.every((jar) => existsSync(jar)))(`the verifier agrees with HotSpot on mutants of ${jars.join(' and ')}`, () => {
  it('type checking: version 52 classes with their StackMapTables', { timeout: 300_000 }, async () => {
    const classes = await corpus();
    await compareVerdicts(leafClasses(classes), 0x5eed52, 'type checking');
  });

  it('inference: the same classes as version 49, without frames', { timeout: 300_000 }, async () => {
    const classes = await corpus();
    const downgraded = leafClasses(classes)
      .filter((c) => !needsVersion51(c.bytes))
      .map((c) => ({ name: c.name, bytes: stripFrames(c.bytes, Opcodes.V1_5) }));
    // Only the classes HotSpot links as they are: the mutants then owe their verdict to the edit.
    const unedited = await verifyClasses(new Map(downgraded.map((c) => [c.name, c.bytes])), { classPath: jars, timeout: 280_000 });
    const failing = new Set(unedited.failures.map((f) => f.className.replace(/\./g, '/')));
    const linking = downgraded.filter((c) => !failing.has(c.name));
    expect(linking.length).toBeGreaterThan(100);
    await compareVerdicts(linking, 0x5eed49, 'inference');
  });

  it('inference with jsr/ret subroutines: versions 45.3 and 49', { timeout: 300_000 }, async () => {
    // javac no longer writes subroutines: 300 copies of hand-built classes using them (a finally
    // reached twice, nested subroutines, a subroutine called twice, a loop inside one). They found
    // the analysis skipping the code after a second call of a subroutine, as ASM's Analyzer does,
    // and a RET reading a local that holds no return address.
    const classes = Array.from({ length: 300 }, (_, i) => {
      const name = `jsr/Subroutines${i}`;
      return { name, bytes: subroutineClass(name, i % 2 === 0 ? Opcodes.V1_1 : Opcodes.V1_5) };
    });
    await compareVerdicts(classes, 0x5eed45, 'subroutines');
  });

  it('checks the code after a second call of a subroutine, and that RET reads a return address', { timeout: 120_000 }, async () => {
    // The two edits the subroutine fuzz found: both HotSpot and we must reject them.
    const edit = (name: string, change: (code: Uint8Array) => void): { name: string; bytes: Uint8Array } => {
      const bytes = subroutineClass(name, Opcodes.V1_5);
      const classFile = readRawClassFile(bytes);
      const nested = classFile.methods.find((m) => m.name === 'nested')!;
      change(readRawCode(nested.attributes.find((a) => a.name === 'Code')!, classFile.constantPool).code);
      return { name, bytes };
    };
    const cases = [
      // 0 jsr 7, 3 jsr 7, 6 return: ASM's Analyzer never reaches 6 (the subroutine's frame does not change on the second call).
      edit('jsr/AfterSecondCall', (code) => {
        expect([code[0], code[3], code[6]]).toEqual([0xa8, 0xa8, 0xb1]);
        code[6] = 0xac; // ireturn on an empty stack, in a void method
      }),
      // 29 astore_1 (the inner subroutine's return address), 38 ret 1.
      edit('jsr/RetOfNoAddress', (code) => {
        expect([code[29], code[38], code[39]]).toEqual([0x4c, 0xa9, 1]);
        code[29] = 0x4b; // astore_0: local 1 holds nothing at the ret
      }),
    ];
    const hotspot = await verifyClasses(new Map(cases.map((c) => [c.name, c.bytes])), { timeout: 100_000 });
    expect(hotspot.failures.map((f) => f.className).sort()).toEqual(['jsr.AfterSecondCall', 'jsr.RetOfNoAddress']);
    const verifier = new ClassVerifier(new ClassPath([]));
    for (const c of cases) expect(verifier.verify(c.bytes).errors.map((e) => `${e.method} @${e.offset}`), c.name).toHaveLength(1);
  });
});
