// A method read straight into a MethodWriter that computes nothing is re-encoded without events
// (src/asm/code-transcoder.ts). The oracle is the event path itself: the same class rewritten with a
// pass-through MethodVisitor between the reader and the writer, which the transcoder does not see
// through. Both must give the same bytes, on whole corpora and on a class built here with every
// encoding the writer changes (so that offsets move), and the transcoder must really have run.

import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { existsSync } from 'node:fs';
import { ClassReader } from '../src/asm/class-reader.js';
import { ClassVisitor } from '../src/asm/class-visitor.js';
import { ClassWriter } from '../src/asm/class-writer.js';
import { Label } from '../src/asm/label.js';
import { MethodWriter } from '../src/asm/method-writer.js';
import { Opcodes } from '../src/asm/opcodes.js';
import { readRawClassFile, readRawCode } from '../src/classfile/raw-class-file.js';
import { ClassPath } from '../src/classpath/class-path.js';
import { type CorpusClass, corpusJars, jarClasses, javaBaseClasses } from './support/corpus.js';
import { countCalls, outcome, rewrite, type Rewrite, ThroughEvents } from './support/rewrite-paths.js';
import { bigMethodSource, compileFixtureBuild, fixtureBuilds } from './support/fixture-builds.js';
import { compileJava } from './support/javac.js';

/** The rewrites compared: no COMPUTE_* with each reader option, and COMPUTE_MAXS, COMPUTE_FRAMES without the frames read. */
function rewrites(classPath?: ClassPath): Rewrite[] {
  return [
    { writerFlags: 0, parsingOptions: 0 },
    { writerFlags: 0, parsingOptions: ClassReader.SKIP_DEBUG },
    { writerFlags: 0, parsingOptions: ClassReader.SKIP_FRAMES },
    { writerFlags: ClassWriter.COMPUTE_MAXS, parsingOptions: ClassReader.SKIP_FRAMES },
    { writerFlags: ClassWriter.COMPUTE_FRAMES, parsingOptions: ClassReader.SKIP_FRAMES, classPath },
  ];
}

function describeRewrite(how: Rewrite): string {
  return `writer flags ${how.writerFlags}, reader options ${how.parsingOptions}`;
}

/** Counts the methods ClassReader visits through events (readCode): those the transcoder gave up. */
function countEventMethods(): { calls: number } {
  return countCalls(ClassReader.prototype, 'readCode');
}

function methodsWithCode(classes: CorpusClass[]): number {
  let count = 0;
  for (const c of classes) {
    for (const method of readRawClassFile(c.bytes).methods) {
      if (method.attributes.some((a) => a.name === 'Code')) count++;
    }
  }
  return count;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the code transcoder on corpora', () => {
  let javaBase: CorpusClass[] = [];
  beforeAll(async () => {
    javaBase = await javaBaseClasses();
  });

  function checkCorpus(label: string, classes: CorpusClass[], classPath?: ClassPath): void {
    const withCode = methodsWithCode(classes);
    for (const how of rewrites(classPath)) {
      const counter = countEventMethods();
      const differing: string[] = [];
      for (const c of classes) {
        const transcoded = outcome(c.bytes, how, false);
        const eventCalls = counter.calls;
        const throughEvents = outcome(c.bytes, how, true);
        counter.calls = eventCalls;
        if (transcoded !== throughEvents) differing.push(c.name);
      }
      console.log(`${label} (${describeRewrite(how)}): ${classes.length} classes, ${withCode} methods with code, ${counter.calls} through events`);
      expect(differing, `${label} ${describeRewrite(how)}`).toEqual([]);
      // Not vacuous: nearly every method took the transcoder (all did when this test was written; below
      // version 51, COMPUTE_FRAMES sends methods through the subroutine inliner when the commons layer is
      // loaded), except with COMPUTE_MAXS, which from version 51 takes its maximums from the frames.
      if (how.writerFlags !== ClassWriter.COMPUTE_MAXS) expect(counter.calls).toBeLessThan(withCode / 200);
      vi.restoreAllMocks();
    }
  }

  it('gives the bytes of the event path for every class of java.base', () => {
    expect(javaBase.length).toBeGreaterThan(5000);
    checkCorpus('java.base', javaBase);
  });

  it.skipIf(!corpusJars.every((jar) => existsSync(jar)))('and for every class of the Debian jars', async () => {
    for (const jar of corpusJars) checkCorpus(jar, await jarClasses(jar), new ClassPath([jar]));
  });
});

describe('the code transcoder on the fixtures', () => {
  const builds = fixtureBuilds();

  for (const build of builds) {
    it.skipIf(build.skipReason !== null)(`gives the bytes of the event path for the ${build.name} build`, async () => {
      const compiled = await compileFixtureBuild(build);
      const classes = compiled.classes.map((c) => ({ name: c.name, bytes: c.bytes }));
      const classPath = new ClassPath([compiled.dir]);
      for (const how of rewrites(classPath)) {
        const differing = classes.filter((c) => outcome(c.bytes, how, false) !== outcome(c.bytes, how, true));
        expect(differing.map((c) => c.name), `${build.name} ${describeRewrite(how)}`).toEqual([]);
      }
    });
  }

  it('and for a method over 32 KB (jumps that need goto_w or become ASM opcodes)', async () => {
    const compiled = await compileJava(bigMethodSource(), { options: ['-g'] });
    const classPath = new ClassPath([compiled.dir]);
    for (const c of compiled.classes) {
      for (const how of rewrites(classPath)) {
        const transcoded = outcome(c.bytes, how, false);
        expect(transcoded, `${c.name} ${describeRewrite(how)}`).not.toMatch(/Error/);
        expect(transcoded, `${c.name} ${describeRewrite(how)}`).toBe(outcome(c.bytes, how, true));
      }
    }
  });
});

describe('the code transcoder and local variable names', () => {
  // ASCII names are copied by pool index without decoding (SymbolTable.addDictionaryUtf8Undecoded); others
  // (and a name the pool holds twice) are decoded and added by value: both must give the event path's bytes.
  it('gives the bytes of the event path for names that are not ASCII', async () => {
    const compiled = await compileJava(
      {
        'Accents.java':
          'public class Accents {\n' +
          '  static int f(int café) { int ñandú = café * 2; String 名前 = "x" + ñandú; for (int i = 0; i < 2; i++) ñandú += i; return 名前.length() + ñandú; }\n' +
          '  static int g(int plain) { int other = plain + 1; return other; }\n' +
          '}\n',
      },
      { options: ['-g'] },
    );
    const classPath = new ClassPath([compiled.dir]);
    const accents = compiled.classes.find((c) => c.name === 'Accents')!;
    for (const how of rewrites(classPath)) {
      const transcoded = outcome(accents.bytes, how, false);
      expect(transcoded, describeRewrite(how)).not.toMatch(/Error/);
      expect(transcoded, describeRewrite(how)).toBe(outcome(accents.bytes, how, true));
    }
  });
});

describe('the code transcoder and the debug tables it leaves after the code', () => {
  // A transcoded method's LineNumberTable, LocalVariableTable and LocalVariableTypeTable sit in the code
  // vector's storage after the code (MethodWriter.lineNumberTable). A visit event that appends to one of
  // them afterwards must first copy it out (MethodWriter.ownedTable), not write over the code or the
  // other tables: the result must be the event path's with the same events appended.
  it('appends later visitLineNumber and visitLocalVariable events as the event path does', async () => {
    const compiled = await compileJava(
      {
        'Tables.java':
          'import java.util.List;\n' +
          'public class Tables {\n' +
          '  static int f(List<String> names, int n) { int total = 0; for (String s : names) total += s.length() * n; return total; }\n' +
          '}\n',
      },
      { options: ['-g'] },
    );
    const bytes = compiled.classes.find((c) => c.name === 'Tables')!.bytes;
    const appendTo = (writer: ClassWriter): Uint8Array => {
      // The last method written: f (after the constructor).
      let method = (writer as unknown as { firstMethod: MethodWriter }).firstMethod;
      while ((method as unknown as { mv: MethodWriter | null }).mv !== null) method = (method as unknown as { mv: MethodWriter }).mv;
      const start = new Label();
      start.bytecodeOffset = 0;
      const end = new Label();
      end.bytecodeOffset = method.code.length;
      method.visitLineNumber(1234, start);
      method.visitLocalVariable('extra', 'Ljava/util/List;', 'Ljava/util/List<Ljava/lang/Integer;>;', start, end, 3);
      return writer.toByteArray();
    };
    for (const flags of [0, ClassWriter.COMPUTE_MAXS]) {
      const transcodedWriter = new ClassWriter(flags);
      new ClassReader(bytes).accept(transcodedWriter, 0);
      const eventsWriter = new ClassWriter(flags);
      new ClassReader(bytes).accept(new ThroughEvents(eventsWriter), 0);
      const transcoded = Buffer.from(appendTo(transcodedWriter)).toString('hex');
      expect(transcoded, `writer flags ${flags}`).toBe(Buffer.from(appendTo(eventsWriter)).toString('hex'));
      // The appended entries are there (line 1234 = 0x04d2).
      expect(transcoded).toContain('04d2');
    }
  });
});

// ## A class built byte by byte
//
// One method whose code uses the encodings MethodWriter does not keep: xLOAD with a one-byte index
// below 4, wide loads and iinc that fit without wide, ldc of constants that the writer numbers above 255
// (after 300 others, which a first method loads with ldc_w), goto_w; and, around them, forward and backward
// jumps, both switches, handlers, frames of every type (extended ones with small deltas), line numbers
// out of order, at the end of the code and inside an instruction, and local variables with types.

class Pool {
  private readonly bytes: number[] = [];
  private count = 1;
  private add(entry: number[], slots = 1): number {
    this.bytes.push(...entry);
    const index = this.count;
    this.count += slots;
    return index;
  }
  utf8(value: string): number {
    return this.add([1, value.length >> 8, value.length & 255, ...Buffer.from(value, 'latin1')]);
  }
  classOf(name: string): number {
    const nameIndex = this.utf8(name);
    return this.add([7, ...u2(nameIndex)]);
  }
  string(value: string): number {
    const valueIndex = this.utf8(value);
    return this.add([8, ...u2(valueIndex)]);
  }
  integer(value: number): number {
    return this.add([3, ...u4(value)]);
  }
  long(value: number): number {
    return this.add([5, ...u4(0), ...u4(value)], 2);
  }
  methodref(owner: number, name: string, descriptor: string): number {
    const nameAndType = this.add([12, ...u2(this.utf8(name)), ...u2(this.utf8(descriptor))]);
    return this.add([10, ...u2(owner), ...u2(nameAndType)]);
  }
  encoded(): number[] {
    return [...u2(this.count), ...this.bytes];
  }
}

function u2(value: number): number[] {
  return [(value >> 8) & 255, value & 255];
}

function u4(value: number): number[] {
  return [(value >>> 24) & 255, (value >> 16) & 255, (value >> 8) & 255, value & 255];
}

function attribute(nameIndex: number, content: number[]): number[] {
  return [...u2(nameIndex), ...u4(content.length), ...content];
}

/** A tiny assembler: instructions as byte arrays, some with a jump to a label resolved at the end. */
class Code {
  readonly bytes: number[] = [];
  private readonly labels = new Map<string, number>();
  private readonly jumps: { at: number; from: number; label: string; size: number }[] = [];
  get offset(): number {
    return this.bytes.length;
  }
  label(name: string): number {
    this.labels.set(name, this.offset);
    return this.offset;
  }
  at(name: string): number {
    return this.labels.get(name)!;
  }
  emit(...bytes: number[]): this {
    this.bytes.push(...bytes);
    return this;
  }
  jump(opcode: number, label: string, size = 2): this {
    const from = this.offset;
    this.bytes.push(opcode);
    this.jumps.push({ at: this.offset, from, label, size });
    this.bytes.push(...new Array<number>(size).fill(0));
    return this;
  }
  /** tableswitch or lookupswitch: the opcode, padding, then `operands(label → 4 bytes)`. */
  switch(opcode: number, defaultLabel: string, body: (target: (label: string) => void, int: (value: number) => void) => void): this {
    const from = this.offset;
    this.bytes.push(opcode);
    while (this.bytes.length % 4 !== 0) this.bytes.push(0);
    const target = (label: string): void => {
      this.jumps.push({ at: this.offset, from, label, size: 4 });
      this.bytes.push(0, 0, 0, 0);
    };
    target(defaultLabel);
    body(target, (value) => this.bytes.push(...u4(value)));
    return this;
  }
  resolve(): number[] {
    for (const jump of this.jumps) {
      const delta = this.labels.get(jump.label)! - jump.from;
      const encoded = jump.size === 2 ? u2(delta) : u4(delta);
      encoded.forEach((byte, i) => (this.bytes[jump.at + i] = byte));
    }
    return this.bytes;
  }
}

const OP = { ILOAD: 21, ALOAD: 25, ISTORE: 54, IINC: 132, WIDE: 196, POP: 87, LDC: 18, LDC_W: 19, LDC2_W: 20, POP2: 88 };

/**
 * The class (of class file `version`); `firstFrameInside` puts the first frame inside an instruction, `otherAttribute`
 * adds a non-standard Code attribute.
 */
function builtClass({ firstFrameInside = false, otherAttribute = false, version = 52 } = {}): Uint8Array {
  const pool = new Pool();
  const thisClass = pool.classOf('T');
  const objectClass = pool.classOf('java/lang/Object');
  const throwable = pool.classOf('java/lang/Throwable');
  const hello = pool.string('hello');
  const seven = pool.long(7);
  const init = pool.methodref(objectClass, '<init>', '()V');
  const names = {
    code: pool.utf8('Code'),
    frames: pool.utf8('StackMapTable'),
    lines: pool.utf8('LineNumberTable'),
    locals: pool.utf8('LocalVariableTable'),
    localTypes: pool.utf8('LocalVariableTypeTable'),
    method: pool.utf8('m'),
    descriptor: pool.utf8('(ILjava/lang/Object;)V'),
    intName: pool.utf8('i'),
    objectName: pool.utf8('o'),
    intDescriptor: pool.utf8('I'),
    objectDescriptor: pool.utf8('Ljava/lang/Object;'),
    typeSignature: pool.utf8('TT;'),
    otherSignature: pool.utf8('TU;'),
    other: pool.utf8('Other'),
    first: pool.utf8('first'),
    noArguments: pool.utf8('()V'),
  };
  // Forty strings loaded with ldc after 300 integers that a first method loads with ldc_w (most become ldc):
  // the writer numbers the strings above 255, so each ldc becomes ldc_w, and the code grows by more than the
  // room reserved for it up front.
  const strings = Array.from({ length: 40 }, (_, i) => pool.string(`s${i}`));
  // 300 integers the code loads first: the writer numbers them before `hello`, which ends up above 255.
  const integers = Array.from({ length: 300 }, (_, i) => pool.integer(1000 + i));

  const code = new Code();
  code.label('start');
  for (const index of strings) code.emit(OP.LDC, index, OP.POP); // ldc_w: the code grows from its first bytes
  code.emit(OP.ILOAD, 0, OP.POP); // iload 0: becomes iload_0
  code.emit(OP.WIDE, OP.ILOAD, 0, 0, OP.POP); // wide iload 0: becomes iload_0
  code.emit(OP.WIDE, OP.IINC, 0, 0, 0, 1); // wide iinc 0 1: becomes iinc 0 1
  code.emit(OP.WIDE, OP.ILOAD, 1, 44, OP.POP); // wide iload 300: stays wide
  code.jump(167 /* goto */, 'afterIntegers');
  code.label('backward');
  code.emit(OP.ILOAD, 0).jump(153 /* ifeq */, 'start');
  code.jump(200 /* goto_w */, 'end', 4); // forward goto_w: becomes goto
  code.label('afterIntegers');
  code.emit(OP.ILOAD, 0, OP.POP);
  code.label('hello');
  code.emit(OP.LDC, hello, OP.POP); // ldc: ldc_w in the new pool
  code.emit(OP.LDC2_W, ...u2(seven), OP.POP2);
  code.label('tryStart');
  code.emit(OP.ILOAD, 0);
  code.switch(170 /* tableswitch */, 'caseDefault', (target, int) => {
    int(1);
    int(3);
    target('case1');
    target('backward');
    target('caseDefault');
  });
  code.label('case1');
  code.emit(OP.ILOAD, 0);
  code.switch(171 /* lookupswitch */, 'caseDefault', (target, int) => {
    int(2);
    int(-5);
    target('backward');
    int(70000);
    target('end');
  });
  code.label('caseDefault');
  code.emit(187 /* new */, ...u2(objectClass));
  code.label('newDone');
  code.emit(89 /* dup */, 183 /* invokespecial */, ...u2(init), OP.POP);
  code.label('tryEnd');
  code.jump(200 /* goto_w */, 'backward', 4); // backward goto_w: becomes goto
  code.label('handler');
  code.emit(OP.POP);
  code.label('end');
  code.emit(177 /* return */);
  const bytecode = code.resolve();

  // Frames (JVMS §4.7.4), in code order: deltas from the previous frame's offset plus one.
  const frames: number[] = [];
  let previous = -1;
  const frameDelta = (label: string): number => {
    const delta = code.at(label) - previous - 1;
    previous = code.at(label);
    return delta;
  };
  frames.push(251, ...u2(frameDelta('backward') + (firstFrameInside ? 1 : 0))); // same_frame_extended with a small delta
  if (firstFrameInside) previous++;
  frames.push(252, ...u2(frameDelta('afterIntegers')), 1); // append_frame: an int
  frames.push(250, ...u2(frameDelta('hello'))); // chop_frame
  frames.push(251, ...u2(frameDelta('tryStart'))); // same_frame_extended with a delta over 63
  frames.push(255, ...u2(frameDelta('case1')), ...u2(2), 1, 7, ...u2(objectClass), ...u2(0)); // full_frame
  frames.push(247, ...u2(frameDelta('caseDefault')), 7, ...u2(thisClass)); // same_locals_1_stack_item_extended, small delta
  frames.push(255, ...u2(frameDelta('newDone')), ...u2(2), 1, 7, ...u2(objectClass), ...u2(1), 8, ...u2(code.at('caseDefault')));
  frames.push(64 + frameDelta('handler'), 7, ...u2(throwable)); // same_locals_1_stack_item
  frames.push(frameDelta('end'));

  const lines = [
    [code.at('hello'), 30],
    [code.at('start'), 10],
    [code.at('start'), 11],
    [code.at('case1'), 40],
    [code.at('hello') + 1, 99], // inside an instruction: dropped
    [bytecode.length, 98], // at code_length: dropped
    [code.at('backward'), 20],
  ];
  const locals = [
    [code.at('start'), bytecode.length, names.intName, names.intDescriptor, 0],
    [code.at('afterIntegers'), code.at('end') - code.at('afterIntegers'), names.objectName, names.objectDescriptor, 1],
  ];
  const localTypes = [
    [code.at('afterIntegers'), 0, names.objectName, names.otherSignature, 1],
    [code.at('afterIntegers'), 0, names.objectName, names.typeSignature, 1], // the last one of a (start, index) wins
  ];
  const handlers = [
    [code.at('tryStart'), code.at('tryEnd'), code.at('handler'), throwable],
    [code.at('tryStart'), code.at('caseDefault'), code.at('handler'), 0],
  ];

  const firstBytecode = [...integers.flatMap((index) => [OP.LDC_W, ...u2(index), OP.POP]), 177 /* return */];
  const firstCode = attribute(names.code, [...u2(1), ...u2(0), ...u4(firstBytecode.length), ...firstBytecode, ...u2(0), ...u2(0)]);
  const codeAttribute = attribute(names.code, [
    ...u2(4),
    ...u2(400),
    ...u4(bytecode.length),
    ...bytecode,
    ...u2(handlers.length),
    ...handlers.flatMap((h) => h.flatMap(u2)),
    ...u2(otherAttribute ? 5 : 4),
    ...(otherAttribute ? attribute(names.other, [1, 2, 3]) : []),
    ...attribute(names.frames, [...u2(9), ...frames]),
    ...attribute(names.lines, [...u2(lines.length), ...lines.flatMap((l) => l.flatMap(u2))]),
    ...attribute(names.locals, [...u2(locals.length), ...locals.flatMap((l) => l.flatMap(u2))]),
    ...attribute(names.localTypes, [...u2(localTypes.length), ...localTypes.flatMap((l) => l.flatMap(u2))]),
  ]);
  return Uint8Array.from([
    ...u4(0xcafebabe),
    ...u2(0),
    ...u2(version),
    ...pool.encoded(),
    ...u2(Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER),
    ...u2(thisClass),
    ...u2(objectClass),
    ...u2(0),
    ...u2(0),
    ...u2(2),
    ...u2(Opcodes.ACC_STATIC),
    ...u2(names.first),
    ...u2(names.noArguments),
    ...u2(1),
    ...firstCode,
    ...u2(Opcodes.ACC_STATIC),
    ...u2(names.method),
    ...u2(names.descriptor),
    ...u2(1),
    ...codeAttribute,
    ...u2(0),
  ]);
}

function codeLengthOf(bytes: Uint8Array): number {
  const raw = readRawClassFile(bytes);
  const codeAttribute = raw.methods[1]!.attributes.find((a) => a.name === 'Code')!;
  return readRawCode(codeAttribute, raw.constantPool).code.length;
}

describe('the code transcoder on re-encoded instructions', () => {
  const bytes = builtClass();

  it('moves every offset as the event path does', () => {
    // Version 50 too: there COMPUTE_MAXS computes from the instructions (not from frames).
    for (const version of [52, 50]) {
      const bytes = builtClass({ version });
      for (const how of rewrites()) {
        const counter = countEventMethods();
        const transcoded = outcome(bytes, how, false);
        const throughEvents = how.writerFlags === ClassWriter.COMPUTE_MAXS && version > 50;
        expect(counter.calls, `version ${version}, ${describeRewrite(how)}`).toBe(throughEvents ? 2 : 0);
        expect(transcoded).not.toMatch(/Error/);
        expect(transcoded).toBe(outcome(bytes, how, true));
        vi.restoreAllMocks();
      }
    }
    // The encodings did change: the offsets after them moved.
    const bytes = builtClass();
    expect(codeLengthOf(rewrite(bytes, { writerFlags: 0, parsingOptions: 0 }, false))).not.toBe(codeLengthOf(bytes));
  });

  it('leaves to the event path what it does not handle, with the same result', () => {
    // A class version below 50 in the writer (an adapter lowered it) with compressed frames: MethodWriter throws.
    const lowerVersion = (next: ClassVisitor): ClassVisitor =>
      new (class extends ClassVisitor {
        override visit(version: number, ...rest: [number, string, string | null, string | null, string[] | null]): void {
          super.visit(Opcodes.V1_5, ...rest);
        }
      })(Opcodes.ASM9, next);
    for (const throughEvents of [false, true]) {
      const writer = new ClassWriter(0);
      const reader = new ClassReader(bytes);
      const visitor = lowerVersion(throughEvents ? new ThroughEvents(writer) : writer);
      expect(() => reader.accept(visitor, 0), `through events: ${throughEvents}`).toThrow('V1_5 or less must use F_NEW frames');
    }
    // A non-standard attribute in the Code attribute (kept as is), and a frame inside an instruction (an error).
    for (const variant of [builtClass({ otherAttribute: true }), builtClass({ firstFrameInside: true })]) {
      const counter = countEventMethods();
      const transcoded = outcome(variant, { writerFlags: 0, parsingOptions: 0 }, false);
      expect(counter.calls).toBe(1); // the second method only
      expect(transcoded).toBe(outcome(variant, { writerFlags: 0, parsingOptions: 0 }, true));
      vi.restoreAllMocks();
    }
    expect(outcome(builtClass({ firstFrameInside: true }), { writerFlags: 0, parsingOptions: 0 }, false)).toMatch(
      /ClassFormatError: .*frame/,
    );
  });
});
