// Checking adapters (CheckClassAdapter and friends): real classes go through unchanged and without
// errors, with and without the data-flow check; CheckClassAdapter.verify finds nothing in them and
// reports a broken method; each misuse of the visitor API throws an error naming the problem.

import { beforeAll, describe, expect, it } from 'vitest';
import type { AnnotationVisitor } from '../src/asm/annotation-visitor.js';
import { Attribute } from '../src/asm/attribute.js';
import { ClassReader } from '../src/asm/class-reader.js';
import { ClassVisitor } from '../src/asm/class-visitor.js';
import { type ClassHierarchy, ClassWriter } from '../src/asm/class-writer.js';
import { ConstantDynamic } from '../src/asm/constant-dynamic.js';
import { FieldVisitor } from '../src/asm/field-visitor.js';
import { Handle } from '../src/asm/handle.js';
import { Byte, Double, Float } from '../src/asm/java-values.js';
import { Label } from '../src/asm/label.js';
import { MethodVisitor } from '../src/asm/method-visitor.js';
import { Opcodes } from '../src/asm/opcodes.js';
import { SignatureReader } from '../src/asm/signature/signature-reader.js';
import { SignatureWriter } from '../src/asm/signature/signature-writer.js';
import { Type } from '../src/asm/type.js';
import { TypeReference } from '../src/asm/type-reference.js';
import { CheckAnnotationAdapter } from '../src/util/check-annotation-adapter.js';
import { CheckClassAdapter } from '../src/util/check-class-adapter.js';
import { IllegalArgumentException, IllegalStateException, UnsupportedOperationException } from '../src/util/check-errors.js';
import { CheckFieldAdapter } from '../src/util/check-field-adapter.js';
import { CheckMethodAdapter } from '../src/util/check-method-adapter.js';
import { CheckModuleAdapter } from '../src/util/check-module-adapter.js';
import { CheckRecordComponentAdapter } from '../src/util/check-record-component-adapter.js';
import { CheckSignatureAdapter } from '../src/util/check-signature-adapter.js';
import { StringWriter } from '../src/util/string-writer.js';
import { existsSync } from 'node:fs';
import { type CorpusClass, javaBaseClasses } from './support/corpus.js';
import { compileFixtureBuild, fixtureBuilds } from './support/fixture-builds.js';
import { compileJava, runJava } from './support/javac.js';

const { ASM9 } = Opcodes;

// ## Helpers

/**
 * A transparent chain of the same shape as the checkers (every member visitor wrapped), so that
 * the writer takes the same re-encoding path as behind a CheckClassAdapter.
 */
class PassThrough extends ClassVisitor {
  constructor(cv: ClassVisitor) {
    super(ASM9, cv);
  }
  override visitMethod(...args: Parameters<ClassVisitor['visitMethod']>): MethodVisitor {
    return new MethodVisitor(ASM9, super.visitMethod(...args));
  }
  override visitField(...args: Parameters<ClassVisitor['visitField']>): FieldVisitor {
    return new FieldVisitor(ASM9, super.visitField(...args));
  }
}

function copy(bytes: Uint8Array, chain: (writer: ClassWriter) => ClassVisitor): Uint8Array {
  const reader = new ClassReader(bytes);
  const writer = new ClassWriter(reader, 0);
  reader.accept(chain(writer), 0);
  return writer.toByteArray();
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;
}

interface CorpusRun {
  errors: string[];
  /** Classes whose checked copy differs from the pass-through copy. */
  differences: string[];
  /** Classes whose checked copy equals the input. */
  identicalToInput: number;
}

function runThroughChecker(classes: readonly CorpusClass[], checkDataFlow: boolean): CorpusRun {
  const run: CorpusRun = { errors: [], differences: [], identicalToInput: 0 };
  for (const { name, bytes } of classes) {
    let checked: Uint8Array;
    try {
      checked = copy(bytes, (writer) => new CheckClassAdapter(writer, checkDataFlow));
    } catch (error) {
      run.errors.push(`${name}: ${(error as Error).name}: ${(error as Error).message.slice(0, 500)}`);
      continue;
    }
    if (!sameBytes(checked, copy(bytes, (writer) => new PassThrough(writer)))) {
      run.differences.push(name);
    }
    if (sameBytes(checked, bytes)) {
      run.identicalToInput++;
    }
  }
  return run;
}

/** A ClassHierarchy over class files (what ClassPath answers), for SimpleVerifier. */
function hierarchyOf(classes: readonly CorpusClass[]): ClassHierarchy {
  const readers = new Map<string, ClassReader>();
  for (const { bytes } of classes) {
    const reader = new ClassReader(bytes);
    readers.set(reader.getClassName(), reader);
  }
  return {
    getSuperName: (name) => readers.get(name)?.getSuperName(),
    isInterface: (name) => {
      const reader = readers.get(name);
      return reader === undefined ? undefined : (reader.getAccess() & Opcodes.ACC_INTERFACE) !== 0;
    },
    getInterfaces: (name) => readers.get(name)?.getInterfaces(),
  };
}

/** A class already started (visit called) on a CheckClassAdapter without data-flow check. */
function startClass(version = Opcodes.V17, checkDataFlow = false): CheckClassAdapter {
  const adapter = new CheckClassAdapter(new ClassWriter(0), checkDataFlow);
  adapter.visit(version, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, 'pkg/C', null, 'java/lang/Object', null);
  return adapter;
}

/** A static method `m()V` with visitCode called. */
function startCode(version = Opcodes.V17): MethodVisitor {
  const methodVisitor = startClass(version).visitMethod(Opcodes.ACC_STATIC, 'm', '()V', null, null);
  methodVisitor.visitCode();
  return methodVisitor;
}

type ErrorClass = typeof IllegalArgumentException | typeof IllegalStateException | typeof UnsupportedOperationException;

function expectError(action: () => unknown, type: ErrorClass, message: RegExp | string): void {
  let thrown: unknown = null;
  try {
    action();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, `expected ${type.name} matching ${String(message)}`).toBeInstanceOf(type);
  if (typeof message === 'string') {
    expect((thrown as Error).message).toContain(message);
  } else {
    expect((thrown as Error).message).toMatch(message);
  }
}

// ## Real classes through the checkers

describe('real classes pass the checks and come out unchanged', () => {
  let javaBaseSample: CorpusClass[] = [];
  let hierarchy: ClassHierarchy;
  beforeAll(async () => {
    const all = await javaBaseClasses();
    javaBaseSample = all.filter((_, index) => index % 5 === 0);
    hierarchy = hierarchyOf(all);
  });

  for (const build of fixtureBuilds()) {
    it.skipIf(build.skipReason !== null)(`fixtures (${build.name}), with and without data-flow check`, async () => {
      const { classes } = await compileFixtureBuild(build);
      expect(classes.length).toBeGreaterThan(20);
      for (const checkDataFlow of [false, true]) {
        const run = runThroughChecker(classes, checkDataFlow);
        expect(run.errors, `checkDataFlow=${checkDataFlow}`).toEqual([]);
        expect(run.differences, `checkDataFlow=${checkDataFlow}`).toEqual([]);
      }
      const fixtureHierarchy = hierarchyOf(classes);
      const both: ClassHierarchy = {
        getSuperName: (name) => fixtureHierarchy.getSuperName(name) ?? hierarchy.getSuperName(name),
        isInterface: (name) => fixtureHierarchy.isInterface(name) ?? hierarchy.isInterface(name),
        getInterfaces: (name) => fixtureHierarchy.getInterfaces!(name) ?? hierarchy.getInterfaces!(name),
      };
      const reports: string[] = [];
      for (const { name, bytes } of classes) {
        const output = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(bytes), both, false, output);
        if (output.toString() !== '') reports.push(`${name}: ${output.toString().slice(0, 300)}`);
      }
      expect(reports).toEqual([]);
    }, 120_000);
  }

  it('every 5th class of java.base, without data-flow check', () => {
    expect(javaBaseSample.length).toBeGreaterThan(1000);
    const run = runThroughChecker(javaBaseSample, false);
    expect(run.errors).toEqual([]);
    expect(run.differences).toEqual([]);
    // Classes without code re-encoding differences come out as they went in.
    expect(run.identicalToInput).toBeGreaterThan(javaBaseSample.length / 4);
  }, 120_000);

  it('every 5th class of java.base, with the data-flow check (BasicVerifier)', () => {
    const run = runThroughChecker(javaBaseSample, true);
    expect(run.errors).toEqual([]);
    expect(run.differences).toEqual([]);
  }, 120_000);

  it('CheckClassAdapter.verify (SimpleVerifier) reports nothing for every 5th class of java.base', () => {
    const reports: string[] = [];
    for (const { name, bytes } of javaBaseSample) {
      const output = new StringWriter();
      CheckClassAdapter.verify(new ClassReader(bytes), hierarchy, false, output);
      if (output.toString() !== '') reports.push(`${name}: ${output.toString().slice(0, 300)}`);
    }
    expect(reports).toEqual([]);
  }, 120_000);
});

// ## Broken code: the data-flow check and verify

/** A class whose static method `m()I` is built by `emit` (version 1.6: no frames needed). */
function classWithMethod(emit: (mv: MethodVisitor) => void, maxStack = 4, maxLocals = 4): Uint8Array {
  const writer = new ClassWriter(0);
  writer.visit(Opcodes.V1_6, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, 'pkg/Broken', null, 'java/lang/Object', null);
  const methodVisitor = writer.visitMethod(Opcodes.ACC_STATIC, 'm', '()I', null, null);
  methodVisitor.visitCode();
  emit(methodVisitor);
  methodVisitor.visitMaxs(maxStack, maxLocals);
  methodVisitor.visitEnd();
  writer.visitEnd();
  return writer.toByteArray();
}

describe('the data-flow check and verify find broken code', () => {
  // ICONST_0 LCONST_0 IADD: IADD finds a long on the stack.
  const broken = classWithMethod((mv) => {
    mv.visitInsn(Opcodes.ICONST_0);
    mv.visitInsn(Opcodes.LCONST_0);
    mv.visitInsn(Opcodes.IADD);
    mv.visitInsn(Opcodes.IRETURN);
  });

  it('checkDataFlow throws an IllegalArgumentException with the analyzer message and a frame dump', () => {
    const reader = new ClassReader(broken);
    expectError(
      () => reader.accept(new CheckClassAdapter(new ClassWriter(0)), 0),
      IllegalArgumentException,
      /Error at instruction 2|instruction 2|IADD/,
    );
    try {
      reader.accept(new CheckClassAdapter(new ClassWriter(0)), 0);
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('m()I');
      expect(message).toMatch(/00002 .*: +IADD/);
    }
  });

  it('checkDataFlow says "Error at instruction N:" once, as ASM, also when it checks the frames (version 50+)', () => {
    for (const version of [Opcodes.V1_6, Opcodes.V1_8]) {
      const adapter = new CheckClassAdapter(new ClassWriter(0), true);
      adapter.visit(version, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, 'p/C', null, 'java/lang/Object', null);
      const mv = adapter.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, 'm', '()V', null, null)!;
      mv.visitCode();
      mv.visitInsn(Opcodes.POP);
      mv.visitInsn(Opcodes.RETURN);
      mv.visitMaxs(1, 1);
      expectError(() => mv.visitEnd(), IllegalArgumentException, /^Error at instruction 0: Cannot pop operand off an empty stack\. m\(\)V\n/);
    }
  });

  it('the data-flow check is off with checkDataFlow=false', () => {
    const reader = new ClassReader(broken);
    expect(() => reader.accept(new CheckClassAdapter(new ClassWriter(0), false), 0)).not.toThrow();
  });

  it('max stack is checked when the ClassWriter does not compute it, not when it does', () => {
    const tooSmall = classWithMethod(
      (mv) => {
        mv.visitInsn(Opcodes.ICONST_0);
        mv.visitInsn(Opcodes.ICONST_1);
        mv.visitInsn(Opcodes.IADD);
        mv.visitInsn(Opcodes.IRETURN);
      },
      1,
      0,
    );
    const reader = new ClassReader(tooSmall);
    expectError(() => reader.accept(new CheckClassAdapter(new ClassWriter(0)), 0), IllegalArgumentException, /stack|Insufficient|maximum/i);
    expect(() => reader.accept(new CheckClassAdapter(new ClassWriter(ClassWriter.COMPUTE_MAXS)), 0)).not.toThrow();
  });

  /** `static m()V { if (0 == 0) {} return; }` for Java 8 with `frame` visited at the branch target. */
  function branchWithFrame(writer: ClassWriter, frame: ((mv: MethodVisitor) => void) | null): void {
    const adapter = new CheckClassAdapter(writer);
    adapter.visit(Opcodes.V1_8, Opcodes.ACC_SUPER, 'pkg/Frames', null, 'java/lang/Object', null);
    const methodVisitor = adapter.visitMethod(Opcodes.ACC_STATIC, 'm', '()V', null, null);
    methodVisitor.visitCode();
    const target = new Label();
    methodVisitor.visitInsn(Opcodes.ICONST_0);
    methodVisitor.visitJumpInsn(Opcodes.IFEQ, target);
    methodVisitor.visitLabel(target);
    frame?.(methodVisitor);
    methodVisitor.visitInsn(Opcodes.RETURN);
    methodVisitor.visitMaxs(1, 0);
    methodVisitor.visitEnd();
    adapter.visitEnd();
  }

  it('frames are checked (CheckFrameAnalyzer) when the ClassWriter needs but does not compute them', () => {
    expectError(() => branchWithFrame(new ClassWriter(0), null), IllegalArgumentException, 'Expected stack map frame at instruction 2');
    expectError(
      () => branchWithFrame(new ClassWriter(0), (mv) => mv.visitFrame(Opcodes.F_SAME1, 0, null, 1, [Opcodes.FLOAT])),
      IllegalArgumentException,
      'Stack map frame incompatible with frame at instruction 2 (incompatible stack heights)',
    );
    expect(() => branchWithFrame(new ClassWriter(0), (mv) => mv.visitFrame(Opcodes.F_SAME, 0, null, 0, null))).not.toThrow();
    expect(() => branchWithFrame(new ClassWriter(ClassWriter.COMPUTE_FRAMES), null)).not.toThrow();
    expect(() => branchWithFrame(new ClassWriter(0), null)).toThrow();
  });

  it('verify prints an AnalyzerException, and the frames with printResults', () => {
    const output = new StringWriter();
    CheckClassAdapter.verify(new ClassReader(broken), false, output);
    expect(output.toString()).toMatch(/^AnalyzerException: /);
    const detailed = new StringWriter();
    CheckClassAdapter.verify(new ClassReader(broken), true, detailed);
    expect(detailed.toString()).toContain('m()I\n');
    expect(detailed.toString()).toMatch(/00000 \. \. \. \. +: +: +ICONST_0\n/);
    expect(detailed.toString()).toMatch(/00003 \? +: +IRETURN/);
  });

  it('verify prints nothing for a correct method', () => {
    const correct = classWithMethod((mv) => {
      mv.visitInsn(Opcodes.ICONST_0);
      mv.visitInsn(Opcodes.IRETURN);
    });
    const output = new StringWriter();
    CheckClassAdapter.verify(new ClassReader(correct), false, output);
    expect(output.toString()).toBe('');
  });
});

// ## Misuse of the class visitor

describe('CheckClassAdapter: call order and class-level arguments', () => {
  it('visit must come first, once, and nothing after visitEnd', () => {
    const adapter = new CheckClassAdapter(null, false);
    expectError(() => adapter.visitSource('A.java', null), IllegalStateException, 'before visit has been called');
    const started = startClass();
    expectError(
      () => started.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, 'pkg/D', null, 'java/lang/Object', null),
      IllegalStateException,
      'visit must be called only once',
    );
    started.visitEnd();
    expectError(() => started.visitField(0, 'f', 'I', null, null), IllegalStateException, 'after visitEnd');
    expectError(() => started.visitEnd(), IllegalStateException, 'after visitEnd');
  });

  it('visitSource, visitOuterClass, visitNestHost, visitModule at most once', () => {
    const adapter = startClass();
    adapter.visitSource('C.java', null);
    expectError(() => adapter.visitSource('C.java', null), IllegalStateException, 'visitSource can be called only once');
    adapter.visitOuterClass('pkg/Outer', null, null);
    expectError(() => adapter.visitOuterClass('pkg/Outer', null, null), IllegalStateException, 'visitOuterClass');
    adapter.visitNestHost('pkg/Host');
    expectError(() => adapter.visitNestHost('pkg/Host'), IllegalStateException, 'visitNestHost can be called only once');
    expectError(() => adapter.visitNestMember('pkg/M'), IllegalStateException, 'mutually exclusive');
    adapter.visitModule('my.mod', 0, null)!.visitEnd();
    expectError(() => adapter.visitModule('my.mod', 0, null), IllegalStateException, 'visitModule can be called only once');
  });

  it('nest members share a package', () => {
    const adapter = startClass();
    adapter.visitNestMember('pkg/A');
    expectError(() => adapter.visitNestMember('other/B'), IllegalStateException, 'should be in the package pkg');
  });

  it('bad class versions, flags, names and super classes', () => {
    const fresh = (): CheckClassAdapter => new CheckClassAdapter(null, false);
    expectError(() => fresh().visit(44, 0, 'A', null, 'java/lang/Object', null), IllegalArgumentException, 'Invalid class version');
    expectError(() => fresh().visit(Opcodes.V25 + 1, 0, 'A', null, 'java/lang/Object', null), IllegalArgumentException, 'major 70');
    expectError(() => fresh().visit(Opcodes.V17 | (3 << 16), 0, 'A', null, 'java/lang/Object', null), IllegalArgumentException, 'minor 3');
    fresh().visit(Opcodes.V17 | Opcodes.V_PREVIEW, 0, 'A', null, 'java/lang/Object', null);
    expectError(
      () => fresh().visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_PRIVATE, 'A', null, 'java/lang/Object', null),
      IllegalArgumentException,
      'Invalid access flags: 3',
    );
    expectError(
      () => fresh().visit(Opcodes.V17, Opcodes.ACC_FINAL | Opcodes.ACC_ABSTRACT, 'A', null, 'java/lang/Object', null),
      IllegalArgumentException,
      'final and abstract are mutually exclusive',
    );
    expectError(() => fresh().visit(Opcodes.V17, 0, 'a.b.C', null, 'java/lang/Object', null), IllegalArgumentException, 'Invalid class name (must be an internal class name): a.b.C');
    expectError(() => fresh().visit(Opcodes.V17, 0, 'A', null, null, null), IllegalArgumentException, 'Invalid super class name');
    expectError(() => fresh().visit(Opcodes.V17, 0, 'java/lang/Object', null, 'A', null), IllegalArgumentException, 'Object class must be');
    expectError(
      () => fresh().visit(Opcodes.V17, Opcodes.ACC_INTERFACE | Opcodes.ACC_ABSTRACT, 'I', null, 'A', null),
      IllegalArgumentException,
      "super class name of interfaces must be 'java/lang/Object'",
    );
    expectError(() => fresh().visit(Opcodes.V17, 0, 'A', null, 'java/lang/Object', ['ok/I', 'bad;I']), IllegalArgumentException, 'interface name at index 1');
    expectError(() => fresh().visit(Opcodes.V17, 0, 'A', '<T:>Ljava/lang/Object', 'java/lang/Object', null), IllegalArgumentException, "<T:>Ljava/lang/Object: ';' expected at index 21");
    // Before Java 5 names had to be Java identifiers.
    expectError(() => fresh().visit(Opcodes.V1_4, 0, 'a/b-c', null, 'java/lang/Object', null), IllegalArgumentException, 'class name');
    fresh().visit(Opcodes.V17, 0, 'a/b-c', null, 'java/lang/Object', null);
    fresh().visit(Opcodes.V17, Opcodes.ACC_INTERFACE | Opcodes.ACC_ABSTRACT | Opcodes.ACC_SYNTHETIC, 'pkg/package-info', null, 'java/lang/Object', null);
  });

  it('fields: flags, names, descriptors, signatures, constant values', () => {
    const adapter = startClass();
    expectError(() => adapter.visitField(Opcodes.ACC_ABSTRACT, 'f', 'I', null, null), IllegalArgumentException, 'Invalid access flags: 1024');
    expectError(() => adapter.visitField(0, 'a.b', 'I', null, null), IllegalArgumentException, 'Invalid field name (must not contain . ; [ or /): a.b');
    expectError(() => adapter.visitField(0, 'f', 'V', null, null), IllegalArgumentException, 'Invalid descriptor: V');
    expectError(() => adapter.visitField(0, 'f', 'Ljava/lang/String', null, null), IllegalArgumentException, 'Invalid descriptor');
    expectError(() => adapter.visitField(0, 'f', 'I', 'Ljava/util/List<TT;>', null), IllegalArgumentException, "';' expected");
    expectError(() => adapter.visitField(0, 'f', 'I', null, 1.5), IllegalArgumentException, 'Invalid constant: 1.5');
    expectError(() => adapter.visitField(0, 'f', 'I', null, true as never), IllegalArgumentException, 'Invalid constant');
    for (const value of [1, 7n, new Float(1.5), new Double(2.5), 'text']) {
      adapter.visitField(Opcodes.ACC_STATIC | Opcodes.ACC_FINAL, 'ok', 'I', null, value)!.visitEnd();
    }
  });

  it('methods: flags, names, descriptors, signatures, exceptions', () => {
    const adapter = startClass();
    expectError(() => adapter.visitMethod(Opcodes.ACC_VOLATILE << 16, 'm', '()V', null, null), IllegalArgumentException, 'Invalid access flags');
    expectError(() => adapter.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_PROTECTED, 'm', '()V', null, null), IllegalArgumentException, 'mutually exclusive');
    expectError(
      () => startClass(Opcodes.V11).visitMethod(Opcodes.ACC_STRICT | Opcodes.ACC_ABSTRACT, 'm', '()V', null, null),
      IllegalArgumentException,
      'strictfp and abstract are mutually exclusive',
    );
    startClass(Opcodes.V17).visitMethod(Opcodes.ACC_STRICT | Opcodes.ACC_ABSTRACT, 'm', '()V', null, null);
    expectError(() => adapter.visitMethod(0, '<lambda>', '()V', null, null), IllegalArgumentException, 'Invalid method name (must be a valid unqualified name): <lambda>');
    expectError(() => adapter.visitMethod(0, 'm', '(V)V', null, null), IllegalArgumentException, 'Invalid descriptor: (V)V');
    expectError(() => adapter.visitMethod(0, 'm', '()', null, null), IllegalArgumentException, 'Invalid descriptor: ()');
    expectError(() => adapter.visitMethod(0, 'm', 'V', null, null), IllegalArgumentException, 'Invalid descriptor: V');
    expectError(() => adapter.visitMethod(0, 'm', '(I)V', '(TT)V', null), IllegalArgumentException, "';' expected");
    expectError(() => adapter.visitMethod(0, 'm', '()V', null, ['java/io/IOException', '']), IllegalArgumentException, 'exception name at index 1');
  });

  it('inner classes, record components, annotations, type annotations, attributes', () => {
    const adapter = startClass();
    adapter.visitInnerClass('pkg/C$1Local', 'pkg/C', '1Local', 0);
    adapter.visitInnerClass('pkg/C$1', null, null, Opcodes.ACC_STATIC);
    expectError(() => adapter.visitInnerClass('pkg/C$I', 'pkg/C', 'I', Opcodes.ACC_VOLATILE), IllegalArgumentException, 'Invalid access flags: 64');
    expectError(() => adapter.visitInnerClass('pkg/C$I', 'pkg/C', 'a/b', 0), IllegalArgumentException, 'inner class name');
    expectError(() => adapter.visitRecordComponent('x', 'Q', null), IllegalArgumentException, 'Invalid descriptor: Q');
    expectError(() => adapter.visitAnnotation('Lbad', true), IllegalArgumentException, 'Invalid descriptor: Lbad');
    expectError(
      () => adapter.visitTypeAnnotation(TypeReference.newTypeReference(TypeReference.FIELD).getValue(), null, 'LA;', true),
      IllegalArgumentException,
      'Invalid type reference sort 0x13',
    );
    expectError(
      () => adapter.visitTypeAnnotation(TypeReference.CLASS_EXTENDS << 24 | 0xff, null, 'LA;', true),
      IllegalArgumentException,
      'Invalid type reference 0x100000ff',
    );
    adapter.visitTypeAnnotation(TypeReference.newSuperTypeReference(-1).getValue(), null, 'LA;', true)!.visitEnd();
    expectError(() => adapter.visitAttribute(null as unknown as Attribute), IllegalArgumentException, 'Invalid attribute (must not be null)');
    adapter.visitAttribute(new Attribute('Custom'));
  });

  it('every member visitor must be ended before the class visitEnd', () => {
    const adapter = startClass();
    adapter.visitField(0, 'f', 'I', null, null);
    expectError(() => adapter.visitEnd(), IllegalStateException, 'visitEnd of field f must be called');
    const other = startClass();
    other.visitMethod(0, 'm', '()V', null, null);
    expectError(() => other.visitEnd(), IllegalStateException, 'visitEnd of method m()V');
  });

  it('only the api form of the constructors is for subclasses', () => {
    class Sub extends CheckClassAdapter {}
    expectError(() => new Sub(null), IllegalStateException, 'must pass an api');
    expect(() => new Sub(ASM9, null, false)).not.toThrow();
  });
});

// ## Misuse of the method visitor

describe('CheckMethodAdapter: code order and instruction arguments', () => {
  it('visitCode twice, code in abstract and native methods', () => {
    const methodVisitor = startCode();
    expectError(() => methodVisitor.visitCode(), IllegalStateException, 'visitCode must be called only once');
    const abstractMethod = startClass().visitMethod(Opcodes.ACC_ABSTRACT, 'a', '()V', null, null);
    expectError(() => abstractMethod.visitCode(), UnsupportedOperationException, 'Abstract methods cannot have code');
    const nativeMethod = startClass().visitMethod(Opcodes.ACC_NATIVE, 'n', '()V', null, null);
    expectError(() => nativeMethod.visitCode(), UnsupportedOperationException, 'Native methods cannot have code');
  });

  it('instructions only between visitCode and visitMaxs, nothing after visitEnd', () => {
    const noCode = startClass().visitMethod(0, 'm', '()V', null, null);
    expectError(() => noCode.visitInsn(Opcodes.NOP), IllegalStateException, 'before visitCode');
    expectError(() => noCode.visitMaxs(0, 0), IllegalStateException, 'before visitCode');
    const methodVisitor = startCode();
    methodVisitor.visitInsn(Opcodes.RETURN);
    methodVisitor.visitMaxs(0, 0);
    expectError(() => methodVisitor.visitInsn(Opcodes.RETURN), IllegalStateException, 'Cannot visit instructions after visitMaxs has been called.');
    expectError(() => methodVisitor.visitLabel(new Label()), IllegalStateException, 'after visitMaxs');
    expectError(() => methodVisitor.visitMaxs(0, 0), IllegalStateException, 'after visitMaxs');
    methodVisitor.visitEnd();
    expectError(() => methodVisitor.visitEnd(), IllegalStateException, 'after visitEnd');
    expectError(() => methodVisitor.visitAnnotation('LA;', true), IllegalStateException, 'after visitEnd');
    expectError(() => methodVisitor.visitCode(), IllegalStateException, 'after visitEnd');
  });

  it('visitEnd without visitMaxs once code has started', () => {
    const methodVisitor = startCode();
    methodVisitor.visitInsn(Opcodes.RETURN);
    expectError(() => methodVisitor.visitEnd(), IllegalStateException, 'visitMaxs must be called before visitEnd');
  });

  it('opcodes must fit the visit method', () => {
    const methodVisitor = startCode();
    expectError(() => methodVisitor.visitVarInsn(Opcodes.IADD, 1), IllegalArgumentException, 'Invalid combination of opcode and method: 96 (IADD), visitVarInsn');
    expectError(() => methodVisitor.visitInsn(Opcodes.ILOAD), IllegalArgumentException, 'ILOAD goes to visitVarInsn');
    expectError(() => methodVisitor.visitInsn(26 /* ILOAD_0 */), IllegalArgumentException, 'Invalid combination');
    expectError(() => methodVisitor.visitInsn(Opcodes.LDC), IllegalArgumentException, 'Invalid combination');
    expectError(() => methodVisitor.visitInsn(255), IllegalArgumentException, 'Invalid opcode: 255');
    expectError(() => methodVisitor.visitInsn(-1), IllegalArgumentException, 'Invalid opcode: -1');
    expectError(() => methodVisitor.visitJumpInsn(Opcodes.RET, new Label()), IllegalArgumentException, 'visitJumpInsn');
    expectError(() => methodVisitor.visitTypeInsn(Opcodes.GETFIELD, 'A'), IllegalArgumentException, 'visitTypeInsn');
    expectError(() => methodVisitor.visitFieldInsn(Opcodes.INVOKESTATIC, 'A', 'f', 'I'), IllegalArgumentException, 'visitFieldInsn');
    expectError(() => methodVisitor.visitMethodInsn(Opcodes.GETSTATIC, 'A', 'm', '()V', false), IllegalArgumentException, 'visitMethodInsn');
    expectError(() => methodVisitor.visitIntInsn(Opcodes.NEW, 1), IllegalArgumentException, 'visitIntInsn');
  });

  it('operands: BIPUSH, SIPUSH, NEWARRAY, local variable indices, IINC', () => {
    const methodVisitor = startCode();
    expectError(() => methodVisitor.visitIntInsn(Opcodes.BIPUSH, 128), IllegalArgumentException, 'Invalid operand of BIPUSH (must be a signed byte): 128');
    expectError(() => methodVisitor.visitIntInsn(Opcodes.SIPUSH, -32769), IllegalArgumentException, 'signed short');
    expectError(() => methodVisitor.visitIntInsn(Opcodes.NEWARRAY, 3), IllegalArgumentException, 'array type code');
    expectError(() => methodVisitor.visitVarInsn(Opcodes.ILOAD, 65536), IllegalArgumentException, 'Invalid local variable index (must be an unsigned short): 65536');
    expectError(() => methodVisitor.visitVarInsn(Opcodes.ILOAD, -1), IllegalArgumentException, 'Invalid local variable index');
    expectError(() => methodVisitor.visitIincInsn(1, 40000), IllegalArgumentException, 'Invalid increment');
    methodVisitor.visitIntInsn(Opcodes.BIPUSH, -128);
    methodVisitor.visitIntInsn(Opcodes.NEWARRAY, Opcodes.T_LONG);
    methodVisitor.visitIincInsn(65535, -32768);
  });

  it('type, field and method instructions', () => {
    const methodVisitor = startCode();
    expectError(() => methodVisitor.visitTypeInsn(Opcodes.NEW, '[I'), IllegalArgumentException, 'NEW cannot be used to create arrays: [I');
    expectError(() => methodVisitor.visitTypeInsn(Opcodes.CHECKCAST, 'Ljava/lang/String;'), IllegalArgumentException, 'Invalid type');
    methodVisitor.visitTypeInsn(Opcodes.ANEWARRAY, '[Ljava/lang/String;');
    expectError(() => methodVisitor.visitFieldInsn(Opcodes.GETSTATIC, 'A', 'f', 'X'), IllegalArgumentException, 'Invalid descriptor: X');
    expectError(() => methodVisitor.visitFieldInsn(Opcodes.GETSTATIC, 'A', '', 'I'), IllegalArgumentException, 'Invalid name (must not be null or empty)');
    expectError(() => methodVisitor.visitMethodInsn(Opcodes.INVOKEVIRTUAL, 'A', 'm', '()V', true), IllegalArgumentException, "INVOKEVIRTUAL can't be used with interfaces");
    expectError(() => methodVisitor.visitMethodInsn(Opcodes.INVOKEINTERFACE, 'A', 'm', '()V', false), IllegalArgumentException, "INVOKEINTERFACE can't be used with classes");
    expectError(() => methodVisitor.visitMethodInsn(Opcodes.INVOKESTATIC, 'A', '<init>', '()V', false), IllegalArgumentException, 'Invalid name');
    methodVisitor.visitMethodInsn(Opcodes.INVOKESPECIAL, 'A', '<init>', '()V', false);
    // The deprecated form without isInterface takes it from the opcode.
    methodVisitor.visitMethodInsn(Opcodes.INVOKEINTERFACE, 'I', 'm', '()V');
    expectError(
      () => startCode(Opcodes.V1_7).visitMethodInsn(Opcodes.INVOKESPECIAL, 'I', 'm', '()V', true),
      IllegalArgumentException,
      "INVOKESPECIAL can't be used with interfaces prior to Java 8",
    );
    expectError(() => methodVisitor.visitMultiANewArrayInsn('I', 1), IllegalArgumentException, 'must be an array type descriptor');
    expectError(() => methodVisitor.visitMultiANewArrayInsn('[[I', 3), IllegalArgumentException, 'must not be greater than numDimensions');
    expectError(() => methodVisitor.visitMultiANewArrayInsn('[[I', 0), IllegalArgumentException, 'must be greater than 0');
  });

  it('LDC constants and handles, by class version', () => {
    const methodVisitor = startCode();
    expectError(() => methodVisitor.visitLdcInsn(1.5), IllegalArgumentException, 'Invalid constant: 1.5');
    expectError(() => methodVisitor.visitLdcInsn(Type.INT_TYPE), IllegalArgumentException, 'Illegal LDC constant value');
    expectError(() => methodVisitor.visitLdcInsn(new Handle(10, 'A', 'm', '()V', false)), IllegalArgumentException, 'invalid handle tag 10');
    expectError(() => methodVisitor.visitLdcInsn(new Handle(Opcodes.H_GETFIELD, 'A', 'f', '()V', false)), IllegalArgumentException, 'Invalid descriptor: ()V');
    expectError(() => methodVisitor.visitLdcInsn(new Handle(Opcodes.H_INVOKESTATIC, 'A', '<init>', '()V', false)), IllegalArgumentException, 'Invalid handle name');
    methodVisitor.visitLdcInsn(new Handle(Opcodes.H_NEWINVOKESPECIAL, 'A', '<init>', '()V', false));
    for (const value of [1, 2n, new Float(1), new Double(1), 's', Type.getObjectType('A'), Type.getMethodType('()V')]) {
      methodVisitor.visitLdcInsn(value);
    }
    expectError(() => startCode(Opcodes.V1_4).visitLdcInsn(Type.getObjectType('A')), IllegalArgumentException, 'requires at least version 1.5');
    expectError(() => startCode(Opcodes.V1_6).visitLdcInsn(Type.getMethodType('()V')), IllegalArgumentException, 'requires at least version 1.7');
    const bootstrap = new Handle(Opcodes.H_INVOKESTATIC, 'B', 'bsm', '()Ljava/lang/Object;', false);
    expectError(() => startCode(Opcodes.V9).visitLdcInsn(new ConstantDynamic('c', 'I', bootstrap)), IllegalArgumentException, 'requires at least version 11');
    startCode(Opcodes.V11).visitLdcInsn(new ConstantDynamic('c', 'I', bootstrap, 1, 's'));
    expectError(() => methodVisitor.visitInvokeDynamicInsn('m', '()V', new Handle(Opcodes.H_GETSTATIC, 'B', 'f', 'I', false), []), IllegalArgumentException, 'invalid handle tag 2');
    expectError(() => methodVisitor.visitInvokeDynamicInsn('m', '()V', bootstrap, [true as never]), IllegalArgumentException, 'Invalid constant');
    expectError(() => methodVisitor.visitInvokeDynamicInsn('m', '(', bootstrap, []), IllegalArgumentException, 'Invalid descriptor: (');
  });

  it('labels: visited once, referenced labels visited by visitMaxs', () => {
    const methodVisitor = startCode();
    const label = new Label();
    methodVisitor.visitLabel(label);
    expectError(() => methodVisitor.visitLabel(label), IllegalStateException, 'Already visited label');
    expectError(() => methodVisitor.visitJumpInsn(Opcodes.GOTO, null as unknown as Label), IllegalArgumentException, 'Invalid label of GOTO (must not be null)');
    const never = new Label();
    methodVisitor.visitJumpInsn(Opcodes.IFEQ, never);
    methodVisitor.visitInsn(Opcodes.RETURN);
    expectError(() => methodVisitor.visitMaxs(1, 0), IllegalStateException, /Undefined label used: the label of IFEQ L\d+ \(first used at instruction 0\) was never visited/);

    // A label belongs to one method: the class's adapters share the visited labels.
    const adapter = startClass();
    const first = adapter.visitMethod(Opcodes.ACC_STATIC, 'a', '()V', null, null);
    first.visitCode();
    const shared = new Label();
    first.visitLabel(shared);
    const second = adapter.visitMethod(Opcodes.ACC_STATIC, 'b', '()V', null, null);
    second.visitCode();
    expectError(() => second.visitLabel(shared), IllegalStateException, 'Already visited label');
  });

  it('switches', () => {
    const methodVisitor = startCode();
    const target = new Label();
    expectError(() => methodVisitor.visitTableSwitchInsn(2, 1, target, []), IllegalArgumentException, 'Max = 1 must be greater than or equal to min = 2');
    expectError(() => methodVisitor.visitTableSwitchInsn(0, 2, target, [target]), IllegalArgumentException, 'There must be max - min + 1 labels');
    expectError(() => methodVisitor.visitTableSwitchInsn(0, 1, target, [target, null as unknown as Label]), IllegalArgumentException, 'Invalid label at index 1');
    expectError(() => methodVisitor.visitLookupSwitchInsn(target, [1, 2], [target]), IllegalArgumentException, 'same number of keys and labels');
    expectError(() => methodVisitor.visitLookupSwitchInsn(target, [2, 1], [target, target]), IllegalArgumentException, 'sorted in increasing order');
  });

  it('try-catch blocks: before their labels, non-empty ranges', () => {
    const methodVisitor = startCode();
    const start = new Label();
    const end = new Label();
    const handler = new Label();
    methodVisitor.visitLabel(start);
    expectError(() => methodVisitor.visitTryCatchBlock(start, end, handler, null), IllegalStateException, 'Try catch blocks must be visited before their labels');
    const other = startCode();
    const [s, e, h] = [new Label(), new Label(), new Label()];
    expectError(() => other.visitTryCatchBlock(s, e, h, 'Lbad;'), IllegalArgumentException, 'Invalid type');
    other.visitTryCatchBlock(s, e, h, 'java/lang/Exception');
    other.visitLabel(s);
    other.visitLabel(e);
    other.visitLabel(h);
    other.visitInsn(Opcodes.RETURN);
    expectError(() => other.visitMaxs(1, 0), IllegalStateException, 'Empty try catch block handler range (try catch block 0)');
  });

  it('local variables and line numbers: labels visited first, ranges in order', () => {
    const methodVisitor = startCode();
    const start = new Label();
    const end = new Label();
    expectError(() => methodVisitor.visitLineNumber(1, start), IllegalArgumentException, 'Invalid start label (must be visited first)');
    methodVisitor.visitLabel(end);
    methodVisitor.visitInsn(Opcodes.NOP);
    methodVisitor.visitLabel(start);
    expectError(() => methodVisitor.visitLineNumber(70000, start), IllegalArgumentException, 'Invalid line number');
    expectError(() => methodVisitor.visitLocalVariable('x', 'I', null, start, end, 0), IllegalArgumentException, 'end must be greater than start');
    expectError(() => methodVisitor.visitLocalVariable('x', 'I', 'TT', end, start, 0), IllegalArgumentException, "';' expected");
    expectError(() => methodVisitor.visitLocalVariable('a/b', 'I', null, end, start, 0), IllegalArgumentException, 'Invalid name');
    methodVisitor.visitLocalVariable('x', 'I', null, end, start, 0);
    expectError(
      () => methodVisitor.visitLocalVariableAnnotation(TypeReference.LOCAL_VARIABLE << 24, null, [end], [], [0], 'LA;', true),
      IllegalArgumentException,
      'identical length',
    );
    expectError(
      () => methodVisitor.visitLocalVariableAnnotation(TypeReference.CAST << 24, null, [end], [start], [0], 'LA;', true),
      IllegalArgumentException,
      'Invalid type reference sort 0x47',
    );
  });

  it('frames: types, sizes, values, one per location, no mix of expanded and compressed', () => {
    const methodVisitor = startCode();
    expectError(() => methodVisitor.visitFrame(7, 0, null, 0, null), IllegalArgumentException, 'Invalid frame type 7');
    expectError(() => methodVisitor.visitFrame(Opcodes.F_SAME1, 0, null, 2, [1, 1]), IllegalArgumentException, 'Invalid numStack=2 for frame type 4');
    expectError(() => methodVisitor.visitFrame(Opcodes.F_APPEND, 4, [1, 1, 1, 1], 0, null), IllegalArgumentException, 'Invalid numLocal=4');
    expectError(() => methodVisitor.visitFrame(Opcodes.F_FULL, 2, [1], 0, null), IllegalArgumentException, 'Array local[] is shorter than numLocal');
    expectError(() => methodVisitor.visitFrame(Opcodes.F_FULL, 1, [9], 0, null), IllegalArgumentException, 'Invalid stack frame value: 9');
    expectError(() => methodVisitor.visitFrame(Opcodes.F_FULL, 1, ['Lbad;'], 0, null), IllegalArgumentException, 'Invalid stack frame value');
    const frames = startCode();
    frames.visitFrame(Opcodes.F_FULL, 2, [Opcodes.INTEGER, 'java/lang/String'], 1, [new Label()]);
    expectError(() => frames.visitFrame(Opcodes.F_SAME, 0, null, 0, null), IllegalStateException, 'At most one frame');
    frames.visitInsn(Opcodes.NOP);
    expectError(() => frames.visitFrame(Opcodes.F_NEW, 0, [], 0, []), IllegalArgumentException, 'Expanded and compressed frames must not be mixed.');
  });

  it('annotations of methods, parameters, instructions and try-catch blocks', () => {
    const methodVisitor = startClass().visitMethod(Opcodes.ACC_STATIC, 'm', '(II)V', null, null);
    expectError(() => methodVisitor.visitParameter('a;b', 0), IllegalArgumentException, 'Invalid name');
    expectError(() => methodVisitor.visitParameter('p', Opcodes.ACC_PUBLIC), IllegalArgumentException, 'Invalid access flags: 1');
    methodVisitor.visitParameter(null, Opcodes.ACC_MANDATED);
    methodVisitor.visitAnnotableParameterCount(1, true);
    expectError(() => methodVisitor.visitParameterAnnotation(1, 'LA;', true), IllegalArgumentException, 'Invalid parameter index 1');
    methodVisitor.visitParameterAnnotation(1, 'LA;', false)!.visitEnd();
    expectError(() => methodVisitor.visitTypeAnnotation(TypeReference.FIELD << 24, null, 'LA;', true), IllegalArgumentException, 'Invalid type reference sort 0x13');
    methodVisitor.visitCode();
    expectError(() => methodVisitor.visitInsnAnnotation(TypeReference.THROWS << 24, null, 'LA;', true), IllegalArgumentException, 'Invalid type reference sort 0x17');
    expectError(() => methodVisitor.visitTryCatchAnnotation(TypeReference.CAST << 24, null, 'LA;', true), IllegalArgumentException, 'sort 0x47');
    expectError(() => methodVisitor.visitTryCatchAnnotation(TypeReference.EXCEPTION_PARAMETER << 24 | 0xff, null, 'LA;', true), IllegalArgumentException, 'Invalid type reference 0x420000ff');
  });

  it('the data-flow constructor collects the method and forwards it at visitEnd', () => {
    const events: string[] = [];
    const sink = new (class extends MethodVisitor {
      override visitInsn(opcode: number): void {
        events.push(`insn ${opcode}`);
      }
      override visitEnd(): void {
        events.push('end');
      }
    })(ASM9);
    const checker = new CheckMethodAdapter(Opcodes.ACC_STATIC, 'm', '()V', sink, new Map());
    checker.visitCode();
    checker.visitInsn(Opcodes.RETURN);
    expect(events).toEqual([]);
    checker.visitMaxs(0, 0);
    checker.visitEnd();
    expect(events).toEqual([`insn ${Opcodes.RETURN}`, 'end']);
    const bad = new CheckMethodAdapter(Opcodes.ACC_STATIC, 'm', '()V', sink, new Map());
    bad.visitCode();
    bad.visitInsn(Opcodes.IRETURN);
    bad.visitMaxs(0, 0);
    expectError(() => bad.visitEnd(), IllegalArgumentException, /./);
  });
});

// ## The other checkers

describe('CheckFieldAdapter, CheckRecordComponentAdapter, CheckAnnotationAdapter', () => {
  it('field and record component visitors', () => {
    const field = new CheckFieldAdapter(null);
    expectError(() => field.visitTypeAnnotation(TypeReference.CAST << 24, null, 'LA;', true), IllegalArgumentException, 'sort 0x47');
    expectError(() => field.visitAnnotation('A', true), IllegalArgumentException, 'Invalid descriptor: A');
    field.visitTypeAnnotation(TypeReference.FIELD << 24, null, 'LA;', true)!.visitEnd();
    field.visitEnd();
    expectError(() => field.visitAttribute(new Attribute('X')), IllegalStateException, 'after visitEnd');
    const component = new CheckRecordComponentAdapter(null);
    expectError(() => component.visitAttribute(null as unknown as Attribute), IllegalArgumentException, 'must not be null');
    component.visitEnd();
    expectError(() => component.visitEnd(), IllegalStateException, 'after visitEnd');
  });

  it('annotation values, names and nesting', () => {
    const annotation = new CheckAnnotationAdapter(null);
    expectError(() => annotation.visit(null, 1), IllegalArgumentException, 'Annotation value name must not be null');
    expectError(() => annotation.visit('v', 1.5), IllegalArgumentException, "Invalid annotation value for 'v'");
    expectError(() => annotation.visit('v', Type.getMethodType('()V')), IllegalArgumentException, 'Invalid annotation value');
    expectError(() => annotation.visit('v', ['a'] as never), IllegalArgumentException, 'Invalid annotation value');
    expectError(() => annotation.visitEnum('e', 'LE;', null as unknown as string), IllegalArgumentException, 'Invalid enum value');
    expectError(() => annotation.visitAnnotation('n', 'I;'), IllegalArgumentException, 'Invalid descriptor');
    for (const value of [1, 2n, true, 's', new Byte(1), new Float(1), Type.getType('[I'), new Int32Array(2), [true, false], new Uint16Array(1)]) {
      annotation.visit('ok', value);
    }
    const array: AnnotationVisitor = annotation.visitArray('values');
    array.visit(null, 1);
    array.visitEnd();
    annotation.visitEnd();
    expectError(() => annotation.visit('late', 1), IllegalStateException, 'after visitEnd');
    // An annotation default holds one unnamed value.
    const defaults = startClass().visitMethod(Opcodes.ACC_ABSTRACT | Opcodes.ACC_PUBLIC, 'v', '()I', null, null).visitAnnotationDefault()!;
    defaults.visit(null, 3);
  });
});

describe('CheckModuleAdapter', () => {
  it('names, flags, duplicates and open modules', () => {
    const module = new CheckModuleAdapter(null, false);
    module.classVersion = Opcodes.V11;
    expectError(() => module.visitRequire('a..b', 0, null), IllegalArgumentException, 'Invalid required module (must be a fully qualified name): a..b');
    module.visitRequire('java.base', Opcodes.ACC_MANDATED, null);
    expectError(() => module.visitRequire('java.base', 0, null), IllegalArgumentException, "Modules requires 'java.base' already declared");
    expectError(() => module.visitRequire('other', Opcodes.ACC_PUBLIC, null), IllegalArgumentException, 'Invalid access flags: 1');
    const strict = new CheckModuleAdapter(null, false);
    strict.classVersion = Opcodes.V11;
    expectError(() => strict.visitRequire('java.base', Opcodes.ACC_TRANSITIVE, null), IllegalArgumentException, 'java.base can not be declared ACC_TRANSITIVE');
    module.visitExport('p/q', 0, ['m.one']);
    expectError(() => module.visitExport('p/q', 0, null), IllegalArgumentException, "Module exports 'p/q' already declared");
    expectError(() => module.visitExport('p/r', 0, ['bad..module']), IllegalArgumentException, 'module export to');
    expectError(() => module.visitProvide('s/S', []), IllegalArgumentException, 'cannot be null or empty');
    module.visitUse('s/S');
    expectError(() => module.visitUse('s/S'), IllegalArgumentException, "Module uses 's/S' already declared");
    expectError(() => new CheckModuleAdapter(null, true).visitOpen('p/q', 0, null), UnsupportedOperationException, 'An open module can not use open directive');
    module.visitEnd();
    expectError(() => module.visitUse('t/T'), IllegalStateException, 'after visitEnd');
  });
});

describe('CheckSignatureAdapter and the signature checks', () => {
  const signatures: [number, string][] = [
    [CheckSignatureAdapter.CLASS_SIGNATURE, '<T:Ljava/lang/Object;U::Ljava/lang/Comparable<-TT;>;>Ljava/util/AbstractList<TT;>;Ljava/io/Serializable;'],
    [CheckSignatureAdapter.METHOD_SIGNATURE, '<E:Ljava/lang/Exception;>([[ILjava/util/Map<TK;+Ljava/util/List<*>;>.Entry<TK;>;)TT;^TE;^Ljava/io/IOException;'],
    [CheckSignatureAdapter.METHOD_SIGNATURE, '()V'],
    [CheckSignatureAdapter.TYPE_SIGNATURE, 'Ljava/util/List<[Ljava/lang/String;>;'],
  ];

  it('accepts what SignatureReader produces and forwards it unchanged', () => {
    for (const [kind, signature] of signatures) {
      const writer = new SignatureWriter();
      const reader = new SignatureReader(signature);
      const checker = new CheckSignatureAdapter(kind, writer);
      if (kind === CheckSignatureAdapter.TYPE_SIGNATURE) reader.acceptType(checker);
      else reader.accept(checker);
      expect(writer.toString()).toBe(signature);
    }
    CheckClassAdapter.checkClassSignature(signatures[0]![1]);
    CheckClassAdapter.checkMethodSignature(signatures[1]![1]);
    CheckClassAdapter.checkFieldSignature(signatures[3]![1]);
  });

  it('rejects calls out of order and bad names', () => {
    const classChecker = new CheckSignatureAdapter(CheckSignatureAdapter.CLASS_SIGNATURE, null);
    expectError(() => classChecker.visitParameterType(), IllegalStateException, 'visitParameterType cannot be called on a class signature');
    expectError(() => classChecker.visitInterface(), IllegalStateException, 'visitInterface cannot be called in state EMPTY');
    expectError(() => classChecker.visitFormalTypeParameter('a/b'), IllegalArgumentException, 'Invalid formal type parameter');
    const typeChecker = new CheckSignatureAdapter(CheckSignatureAdapter.TYPE_SIGNATURE, null);
    expectError(() => typeChecker.visitBaseType('V'), IllegalArgumentException, "Base type descriptor can't be V");
    expectError(() => typeChecker.visitBaseType('Q'), IllegalArgumentException, 'must be one of ZCBSIFJD');
    expectError(() => typeChecker.visitClassType('java.lang.String'), IllegalArgumentException, 'Invalid class name');
    typeChecker.visitClassType('java/util/List');
    expectError(() => typeChecker.visitTypeArgument('*'), IllegalArgumentException, 'Wildcard must be one of +-=');
    typeChecker.visitEnd();
    expectError(() => typeChecker.visitEnd(), IllegalStateException, 'visitEnd cannot be called in state END');
    const methodChecker = new CheckSignatureAdapter(CheckSignatureAdapter.METHOD_SIGNATURE, null);
    expectError(() => methodChecker.visitExceptionType(), IllegalStateException, 'visitExceptionType');
    methodChecker.visitReturnType().visitBaseType('V');
  });

  it('the static signature checks point at the first error', () => {
    expectError(() => CheckClassAdapter.checkFieldSignature('I'), IllegalArgumentException, "I: 'T' expected at index 0");
    expectError(() => CheckClassAdapter.checkMethodSignature('(I)'), IllegalArgumentException, '(I): \'T\' expected at index 3');
    expectError(() => CheckClassAdapter.checkClassSignature('Ljava/lang/Object;X'), IllegalArgumentException, 'Ljava/lang/Object;X: error at index 18');
    expectError(() => CheckClassAdapter.checkClassSignature('<>Ljava/lang/Object;'), IllegalArgumentException, 'identifier expected at index 1');
  });
});

// ## The same misuses through ASM 9's own CheckClassAdapter (Debian's asm jars)

const ASM_JARS = ['asm', 'asm-util', 'asm-tree', 'asm-analysis'].map((name) => `/usr/share/java/${name}.jar`);

/** Runs each misuse case against ASM's checkers; prints `case|ExceptionClass|message (first line)`. */
const ASM_MISUSE_SOURCE = `import org.objectweb.asm.*;
import org.objectweb.asm.util.*;
import java.util.*;
import java.util.function.*;

public class AsmMisuse {
  interface Case { void run(); }
  static ClassVisitor start() {
    ClassVisitor cv = new CheckClassAdapter(new ClassWriter(0), false);
    cv.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, "pkg/C", null, "java/lang/Object", null);
    return cv;
  }
  static MethodVisitor code() {
    MethodVisitor mv = start().visitMethod(Opcodes.ACC_STATIC, "m", "()V", null, null);
    mv.visitCode();
    return mv;
  }
  public static void main(String[] args) {
    Map<String, Case> cases = new LinkedHashMap<>();
    cases.put("visitAfterEnd", () -> { ClassVisitor cv = start(); cv.visitEnd(); cv.visitField(0, "f", "I", null, null); });
    cases.put("visitTwice", () -> start().visit(Opcodes.V17, 0, "pkg/D", null, "java/lang/Object", null));
    cases.put("badFieldName", () -> start().visitField(0, "a.b", "I", null, null));
    cases.put("badDescriptor", () -> start().visitField(0, "f", "V", null, null));
    cases.put("badSignature", () -> start().visitField(0, "f", "I", "Ljava/util/List<TT;>", null));
    cases.put("badAccess", () -> start().visitField(Opcodes.ACC_ABSTRACT, "f", "I", null, null));
    cases.put("badMethodName", () -> start().visitMethod(0, "<lambda>", "()V", null, null));
    cases.put("wrongOpcode", () -> code().visitVarInsn(Opcodes.IADD, 1));
    cases.put("insnAfterMaxs", () -> { MethodVisitor mv = code(); mv.visitInsn(Opcodes.RETURN); mv.visitMaxs(0, 0); mv.visitInsn(Opcodes.RETURN); });
    cases.put("insnBeforeCode", () -> start().visitMethod(0, "m", "()V", null, null).visitInsn(Opcodes.NOP));
    cases.put("undefinedLabel", () -> { MethodVisitor mv = code(); mv.visitJumpInsn(Opcodes.GOTO, new Label()); mv.visitMaxs(0, 0); });
    cases.put("labelTwice", () -> { MethodVisitor mv = code(); Label l = new Label(); mv.visitLabel(l); mv.visitLabel(l); });
    cases.put("bipush", () -> code().visitIntInsn(Opcodes.BIPUSH, 128));
    cases.put("tryCatchAfterLabel", () -> { MethodVisitor mv = code(); Label l = new Label(); mv.visitLabel(l); mv.visitTryCatchBlock(l, new Label(), new Label(), null); });
    cases.put("emptyHandler", () -> { MethodVisitor mv = code(); Label s = new Label(), e = new Label(), h = new Label(); mv.visitTryCatchBlock(s, e, h, null); mv.visitLabel(s); mv.visitLabel(e); mv.visitLabel(h); mv.visitInsn(Opcodes.RETURN); mv.visitMaxs(0, 0); });
    cases.put("visitCodeTwice", () -> code().visitCode());
    cases.put("newArray", () -> code().visitTypeInsn(Opcodes.NEW, "[I"));
    cases.put("invokeVirtualItf", () -> code().visitMethodInsn(Opcodes.INVOKEVIRTUAL, "A", "m", "()V", true));
    cases.put("frameMix", () -> { MethodVisitor mv = code(); mv.visitFrame(Opcodes.F_SAME, 0, null, 0, null); mv.visitInsn(Opcodes.NOP); mv.visitFrame(Opcodes.F_NEW, 0, new Object[0], 0, new Object[0]); });
    cases.put("openInOpenModule", () -> start().visitModule("m", Opcodes.ACC_OPEN, null).visitOpen("p/q", 0));
    cases.put("localVariableRange", () -> { MethodVisitor mv = code(); Label a = new Label(), b = new Label(); mv.visitLabel(b); mv.visitInsn(Opcodes.NOP); mv.visitLabel(a); mv.visitLocalVariable("x", "I", null, a, b, 0); });
    cases.put("annotationValue", () -> start().visitAnnotation("LA;", true).visit("v", new Object()));
    cases.put("classSignature", () -> CheckClassAdapter.checkClassSignature("Ljava/lang/Object;X"));
    cases.put("typeRefSort", () -> start().visitTypeAnnotation(TypeReference.FIELD << 24, null, "LA;", true));
    cases.put("dataFlow", () -> {
      ClassVisitor cv = new CheckClassAdapter(new ClassWriter(0));
      cv.visit(Opcodes.V1_6, Opcodes.ACC_SUPER, "pkg/B", null, "java/lang/Object", null);
      MethodVisitor mv = cv.visitMethod(Opcodes.ACC_STATIC, "m", "()I", null, null);
      mv.visitCode(); mv.visitInsn(Opcodes.ICONST_0); mv.visitInsn(Opcodes.LCONST_0); mv.visitInsn(Opcodes.IADD); mv.visitInsn(Opcodes.IRETURN); mv.visitMaxs(4, 4); mv.visitEnd();
    });
    cases.put("missingFrame", () -> {
      ClassVisitor cv = new CheckClassAdapter(new ClassWriter(0));
      cv.visit(Opcodes.V1_8, Opcodes.ACC_SUPER, "pkg/F", null, "java/lang/Object", null);
      MethodVisitor mv = cv.visitMethod(Opcodes.ACC_STATIC, "m", "()V", null, null);
      Label t = new Label();
      mv.visitCode(); mv.visitInsn(Opcodes.ICONST_0); mv.visitJumpInsn(Opcodes.IFEQ, t); mv.visitLabel(t); mv.visitInsn(Opcodes.RETURN); mv.visitMaxs(1, 0); mv.visitEnd();
    });
    for (Map.Entry<String, Case> entry : cases.entrySet()) {
      String result;
      try {
        entry.getValue().run();
        result = "none|";
      } catch (RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\\n');
        result = e.getClass().getSimpleName() + "|" + (newline < 0 ? message : message.substring(0, newline));
      }
      System.out.println(entry.getKey() + "|" + result);
    }
  }
}
`;

/** The same cases against our checkers, in the same order as the Java program. */
function ourMisuseCases(): Record<string, () => unknown> {
  const start = (): ClassVisitor => startClass();
  const code = (): MethodVisitor => startCode();
  const dataFlowClass = (version: number): ClassVisitor => {
    const cv = new CheckClassAdapter(new ClassWriter(0));
    cv.visit(version, Opcodes.ACC_SUPER, 'pkg/B', null, 'java/lang/Object', null);
    return cv;
  };
  return {
    visitAfterEnd: () => {
      const cv = start();
      cv.visitEnd();
      cv.visitField(0, 'f', 'I', null, null);
    },
    visitTwice: () => start().visit(Opcodes.V17, 0, 'pkg/D', null, 'java/lang/Object', null),
    badFieldName: () => start().visitField(0, 'a.b', 'I', null, null),
    badDescriptor: () => start().visitField(0, 'f', 'V', null, null),
    badSignature: () => start().visitField(0, 'f', 'I', 'Ljava/util/List<TT;>', null),
    badAccess: () => start().visitField(Opcodes.ACC_ABSTRACT, 'f', 'I', null, null),
    badMethodName: () => start().visitMethod(0, '<lambda>', '()V', null, null),
    wrongOpcode: () => code().visitVarInsn(Opcodes.IADD, 1),
    insnAfterMaxs: () => {
      const mv = code();
      mv.visitInsn(Opcodes.RETURN);
      mv.visitMaxs(0, 0);
      mv.visitInsn(Opcodes.RETURN);
    },
    insnBeforeCode: () => start().visitMethod(0, 'm', '()V', null, null)!.visitInsn(Opcodes.NOP),
    undefinedLabel: () => {
      const mv = code();
      mv.visitJumpInsn(Opcodes.GOTO, new Label());
      mv.visitMaxs(0, 0);
    },
    labelTwice: () => {
      const mv = code();
      const l = new Label();
      mv.visitLabel(l);
      mv.visitLabel(l);
    },
    bipush: () => code().visitIntInsn(Opcodes.BIPUSH, 128),
    tryCatchAfterLabel: () => {
      const mv = code();
      const l = new Label();
      mv.visitLabel(l);
      mv.visitTryCatchBlock(l, new Label(), new Label(), null);
    },
    emptyHandler: () => {
      const mv = code();
      const [s, e, h] = [new Label(), new Label(), new Label()];
      mv.visitTryCatchBlock(s, e, h, null);
      mv.visitLabel(s);
      mv.visitLabel(e);
      mv.visitLabel(h);
      mv.visitInsn(Opcodes.RETURN);
      mv.visitMaxs(0, 0);
    },
    visitCodeTwice: () => code().visitCode(),
    newArray: () => code().visitTypeInsn(Opcodes.NEW, '[I'),
    invokeVirtualItf: () => code().visitMethodInsn(Opcodes.INVOKEVIRTUAL, 'A', 'm', '()V', true),
    frameMix: () => {
      const mv = code();
      mv.visitFrame(Opcodes.F_SAME, 0, null, 0, null);
      mv.visitInsn(Opcodes.NOP);
      mv.visitFrame(Opcodes.F_NEW, 0, [], 0, []);
    },
    openInOpenModule: () => start().visitModule('m', Opcodes.ACC_OPEN, null)!.visitOpen('p/q', 0, null),
    localVariableRange: () => {
      const mv = code();
      const [a, b] = [new Label(), new Label()];
      mv.visitLabel(b);
      mv.visitInsn(Opcodes.NOP);
      mv.visitLabel(a);
      mv.visitLocalVariable('x', 'I', null, a, b, 0);
    },
    annotationValue: () => start().visitAnnotation('LA;', true)!.visit('v', {} as never),
    classSignature: () => CheckClassAdapter.checkClassSignature('Ljava/lang/Object;X'),
    typeRefSort: () => start().visitTypeAnnotation(TypeReference.FIELD << 24, null, 'LA;', true),
    dataFlow: () => {
      const mv = dataFlowClass(Opcodes.V1_6).visitMethod(Opcodes.ACC_STATIC, 'm', '()I', null, null)!;
      mv.visitCode();
      mv.visitInsn(Opcodes.ICONST_0);
      mv.visitInsn(Opcodes.LCONST_0);
      mv.visitInsn(Opcodes.IADD);
      mv.visitInsn(Opcodes.IRETURN);
      mv.visitMaxs(4, 4);
      mv.visitEnd();
    },
    missingFrame: () => {
      const mv = dataFlowClass(Opcodes.V1_8).visitMethod(Opcodes.ACC_STATIC, 'm', '()V', null, null)!;
      const t = new Label();
      mv.visitCode();
      mv.visitInsn(Opcodes.ICONST_0);
      mv.visitJumpInsn(Opcodes.IFEQ, t);
      mv.visitLabel(t);
      mv.visitInsn(Opcodes.RETURN);
      mv.visitMaxs(1, 0);
      mv.visitEnd();
    },
  };
}

/** Where we deliberately differ from ASM 9.4 (see the adapters' comments). */
const BEYOND_ASM: Record<string, string> = {
  // ASM accepts a second visitCode; it would start a second Code attribute.
  visitCodeTwice: 'IllegalStateException|visitCode must be called only once',
};
/** Cases whose message we made more specific: only the exception class is compared. */
const REWORDED = new Set(['wrongOpcode', 'bipush', 'localVariableRange']);

describe("agreement with ASM 9's CheckClassAdapter", () => {
  it.skipIf(!ASM_JARS.every((jar) => existsSync(jar)))('the same misuses fail the same way', async () => {
    const { dir } = await compileJava({ 'AsmMisuse.java': ASM_MISUSE_SOURCE }, { options: ['-cp', ASM_JARS.join(':')] });
    const result = await runJava({ classpath: [...ASM_JARS, dir], mainClass: 'AsmMisuse' });
    expect(result.exitCode, result.stderr).toBe(0);
    const asm = new Map<string, [string, string]>();
    for (const line of result.stdout.trim().split('\n')) {
      const [name, type, ...message] = line.split('|');
      asm.set(name!, [type!, message.join('|')]);
    }
    const cases = ourMisuseCases();
    expect([...asm.keys()]).toEqual(Object.keys(cases));
    const mismatches: string[] = [];
    for (const [name, run] of Object.entries(cases)) {
      let ours: [string, string] = ['none', ''];
      try {
        run();
      } catch (error) {
        ours = [(error as Error).name, (error as Error).message.split('\n')[0]!];
      }
      const [asmType, asmMessage] = asm.get(name)!;
      if (name in BEYOND_ASM) {
        expect(asmType).toBe('none');
        if (ours.join('|') !== BEYOND_ASM[name]) mismatches.push(`${name}: ours ${ours.join('|')}`);
        continue;
      }
      // The data-flow messages end with a dump of the method; compare the analyzer's part.
      const expectedMessage = asmMessage.replace(/ m\(\)[IV]$/, '');
      if (ours[0] !== asmType || (!REWORDED.has(name) && !ours[1].includes(expectedMessage))) {
        mismatches.push(`${name}: ASM ${asmType}|${asmMessage} / ours ${ours.join('|')}`);
      }
    }
    expect(mismatches).toEqual([]);
  }, 120_000);
});
