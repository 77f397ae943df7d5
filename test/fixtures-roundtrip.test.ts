// Fixture round trips: the Java fixtures, compiled by the real javac four ways (-g -parameters, -g:none,
// --release 8, and JDK 25 when installed), go through the copy path byte for byte and through a full
// rewrite structurally unchanged. A generated method over 32 KB (goto_w, inverted branches) round-trips
// too, and its fully rewritten copy runs under -Xverify:all.

import { readFile, rm, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import JSZip from 'jszip';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { ClassReader } from '../src/asm/class-reader.js';
import { ClassWriter } from '../src/asm/class-writer.js';
import { scanCoverage } from './support/bytecode-scan.js';
import { checkCopyPath, checkFullRewrite, formatRoundTrip } from './support/corpus-round-trip.js';
import {
  BIG_METHOD_CLASS,
  bigMethodSource,
  compileFixtureBuild,
  fixtureBuilds,
} from './support/fixture-builds.js';
import { type CompileResult, compileJava, defaultJavaHome, makeTempDir, runJava } from './support/javac.js';

/** Opcodes javac emits somewhere in the fixtures; what is left out javac never emits (see below). */
const EXPECTED_INSTRUCTIONS = [
  'aconst_null', 'iconst_m1', 'iconst_0', 'iconst_1', 'iconst_2', 'iconst_3', 'iconst_4', 'iconst_5',
  'lconst_0', 'lconst_1', 'fconst_0', 'fconst_1', 'fconst_2', 'dconst_0', 'dconst_1', 'bipush', 'sipush',
  'ldc', 'ldc_w', 'ldc2_w', 'iload', 'lload', 'fload', 'dload', 'aload', 'iload_0', 'iload_1', 'iload_2',
  'iload_3', 'lload_0', 'lload_1', 'lload_2', 'lload_3', 'fload_0', 'fload_1', 'fload_2', 'fload_3',
  'dload_0', 'dload_1', 'dload_2', 'dload_3', 'aload_0', 'aload_1', 'aload_2', 'aload_3', 'iaload',
  'laload', 'faload', 'daload', 'aaload', 'baload', 'caload', 'saload', 'istore', 'lstore', 'fstore',
  'dstore', 'astore', 'istore_0', 'istore_1', 'istore_2', 'istore_3', 'lstore_0', 'lstore_1', 'lstore_2',
  'lstore_3', 'fstore_0', 'fstore_1', 'fstore_2', 'fstore_3', 'dstore_0', 'dstore_1', 'dstore_2', 'dstore_3', 'astore_0', 'astore_1', 'astore_2',
  'astore_3', 'iastore', 'lastore', 'fastore', 'dastore', 'aastore', 'bastore', 'castore', 'sastore', 'pop',
  'pop2', 'dup', 'dup_x1', 'dup_x2', 'dup2', 'dup2_x1', 'dup2_x2', 'iadd', 'ladd', 'fadd', 'dadd', 'isub',
  'lsub', 'fsub', 'dsub', 'imul', 'lmul', 'fmul', 'dmul', 'idiv', 'ldiv', 'fdiv', 'ddiv', 'irem', 'lrem',
  'frem', 'drem', 'ineg', 'lneg', 'fneg', 'dneg', 'ishl', 'lshl', 'ishr', 'lshr', 'iushr', 'lushr', 'iand',
  'land', 'ior', 'lor', 'ixor', 'lxor', 'iinc', 'i2l', 'i2f', 'i2d', 'l2i', 'l2f', 'l2d', 'f2i', 'f2l', 'f2d',
  'd2i', 'd2l', 'd2f', 'i2b', 'i2c', 'i2s', 'lcmp', 'fcmpl', 'fcmpg', 'dcmpl', 'dcmpg', 'ifeq', 'ifne', 'iflt',
  'ifge', 'ifgt', 'ifle', 'if_icmpeq', 'if_icmpne', 'if_icmplt', 'if_icmpge', 'if_icmpgt', 'if_icmple',
  'if_acmpeq', 'if_acmpne', 'goto', 'tableswitch', 'lookupswitch', 'ireturn', 'lreturn', 'freturn',
  'dreturn', 'areturn', 'return', 'getstatic', 'putstatic', 'getfield', 'putfield', 'invokevirtual',
  'invokespecial', 'invokestatic', 'invokeinterface', 'invokedynamic', 'new', 'newarray', 'anewarray',
  'arraylength', 'athrow', 'checkcast', 'instanceof', 'monitorenter', 'monitorexit', 'wide',
  'multianewarray', 'ifnull', 'ifnonnull', 'wide iload', 'wide lload', 'wide fload', 'wide dload',
  'wide aload', 'wide istore', 'wide lstore', 'wide fstore', 'wide dstore', 'wide astore', 'wide iinc',
];
// Never emitted by a modern javac: nop, swap, jsr, ret, jsr_w; goto_w appears only in the generated big method.

/** Attributes (owner:name) the -g -parameters build must contain, i.e. what the fixtures claim to exercise. */
const EXPECTED_ATTRIBUTES = [
  'class:SourceFile', 'class:InnerClasses', 'class:EnclosingMethod', 'class:Signature', 'class:Deprecated',
  'class:RuntimeVisibleAnnotations', 'class:RuntimeInvisibleAnnotations', 'class:RuntimeVisibleTypeAnnotations',
  'class:RuntimeInvisibleTypeAnnotations', 'class:BootstrapMethods', 'class:NestHost', 'class:NestMembers',
  'class:Record', 'class:PermittedSubclasses', 'class:Module',
  'field:ConstantValue', 'field:Signature', 'field:Deprecated', 'field:RuntimeVisibleAnnotations',
  'field:RuntimeInvisibleAnnotations', 'field:RuntimeVisibleTypeAnnotations', 'field:RuntimeInvisibleTypeAnnotations',
  'method:Code', 'method:Exceptions', 'method:Signature', 'method:AnnotationDefault', 'method:MethodParameters',
  'method:RuntimeVisibleAnnotations', 'method:RuntimeInvisibleAnnotations',
  'method:RuntimeVisibleParameterAnnotations', 'method:RuntimeInvisibleParameterAnnotations',
  'method:RuntimeVisibleTypeAnnotations', 'method:RuntimeInvisibleTypeAnnotations',
  'code:LineNumberTable', 'code:LocalVariableTable', 'code:LocalVariableTypeTable', 'code:StackMapTable',
  'code:RuntimeVisibleTypeAnnotations', 'code:RuntimeInvisibleTypeAnnotations',
  'record:Signature', 'record:RuntimeVisibleAnnotations', 'record:RuntimeInvisibleAnnotations',
  'record:RuntimeVisibleTypeAnnotations', 'record:RuntimeInvisibleTypeAnnotations',
];

function missing(expected: readonly string[], actual: Set<string>): string[] {
  return expected.filter((e) => !actual.has(e));
}

for (const build of fixtureBuilds()) {
  const title = build.skipReason === null ? `fixtures (${build.name})` : `fixtures (${build.name}) — skipped: ${build.skipReason}`;
  describe.skipIf(build.skipReason !== null)(title, () => {
    let compiled: CompileResult;
    beforeAll(async () => {
      compiled = await compileFixtureBuild(build);
    });

    it(`compiles to class file version ${build.majorVersion}`, () => {
      expect(compiled.classes.length).toBeGreaterThan(40);
      const coverage = scanCoverage(compiled.classes);
      expect([...coverage.majorVersions]).toEqual([build.majorVersion]);
      if (build.name === 'JDK 17 -g -parameters') {
        expect(missing(EXPECTED_INSTRUCTIONS, coverage.instructions)).toEqual([]);
        expect(missing(EXPECTED_ATTRIBUTES, coverage.attributes)).toEqual([]);
        expect(compiled.classes.map((c) => c.name)).toEqual(
          expect.arrayContaining(['module-info', 'fixtures/core/anno/package-info', 'fixtures/Main']),
        );
      }
    });

    it('copy path: every class byte for byte', () => {
      const result = checkCopyPath(compiled.classes);
      expect(result.failures, formatRoundTrip(`${build.name} copy path`, result)).toEqual([]);
    });

    it('full rewrite: every class structurally identical', () => {
      const result = checkFullRewrite(compiled.classes);
      expect(result.failures, formatRoundTrip(`${build.name} full rewrite`, result)).toEqual([]);
    });

    it('accepting one reader twice gives the same bytes', () => {
      // Reading twice from the same reader must give the same bytes (no state kept between accepts).
      for (const { name, bytes } of compiled.classes) {
        const reader = new ClassReader(bytes);
        const first = new ClassWriter(0);
        reader.accept(first, 0);
        const second = new ClassWriter(0);
        reader.accept(second, 0);
        expect(Buffer.from(second.toByteArray()).equals(Buffer.from(first.toByteArray())), name).toBe(true);
      }
    });
  });
}

describe('a generated method over 32 KB with jumps beyond ±32,767 bytes', () => {
  let compiled: CompileResult;
  let bytes: Uint8Array;
  beforeAll(async () => {
    compiled = await compileJava(bigMethodSource(), { options: ['-g'] });
    const found = compiled.classes.find((c) => c.name === BIG_METHOD_CLASS.replace('.', '/'));
    if (found === undefined) throw new Error(`javac produced no ${BIG_METHOD_CLASS}`);
    bytes = found.bytes;
  });

  it('is compiled by javac with goto_w', () => {
    const coverage = scanCoverage([{ bytes }]);
    expect(coverage.maxCodeLength).toBeGreaterThan(40_000);
    expect(coverage.maxCodeLength).toBeLessThan(65_536);
    expect(coverage.instructions.has('goto_w')).toBe(true);
  });

  it('copy path: byte for byte', () => {
    const result = checkCopyPath(compiled.classes);
    expect(result.failures, formatRoundTrip('big method copy path', result)).toEqual([]);
  });

  it('full rewrite: structurally identical', () => {
    const result = checkFullRewrite(compiled.classes);
    expect(result.failures, formatRoundTrip('big method full rewrite', result)).toEqual([]);
  });

  it('full rewrite: runs under -Xverify:all with the same output', async () => {
    const original = await runJava({ classpath: compiled.dir, mainClass: BIG_METHOD_CLASS, jvmArgs: ['-Xverify:all'] });
    expect(original.exitCode, original.stderr).toBe(0);
    const dir = await makeTempDir('bigmethod');
    try {
      for (const { name, bytes: input } of compiled.classes) {
        const reader = new ClassReader(input);
        const writer = new ClassWriter(0);
        reader.accept(writer, 0);
        const path = join(dir, `${name}.class`);
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, writer.toByteArray());
      }
      const rewritten = await runJava({ classpath: dir, mainClass: BIG_METHOD_CLASS, jvmArgs: ['-Xverify:all'] });
      expect(rewritten.stderr).toBe(original.stderr);
      expect(rewritten.stdout).toBe(original.stdout);
      expect(rewritten.exitCode).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('module-info rewritten by the jar tool (ModulePackages, ModuleMainClass)', () => {
  let moduleInfo: { name: string; bytes: Uint8Array }[];
  beforeAll(async () => {
    const compiled = await compileFixtureBuild(fixtureBuilds()[0]!);
    const dir = await makeTempDir('jar');
    try {
      const jarPath = join(dir, 'fixtures.jar');
      // jar adds ModulePackages (JVMS §4.7.26) and ModuleMainClass (§4.7.27), which javac never writes.
      await execa(join(defaultJavaHome(), 'bin', 'jar'), ['--create', '--file', jarPath, '--main-class', 'fixtures.Main', '-C', compiled.dir, '.']);
      const zip = await JSZip.loadAsync(await readFile(jarPath));
      const entry = zip.file('module-info.class');
      if (entry === null) throw new Error('jar wrote no module-info.class');
      moduleInfo = [{ name: 'module-info (from jar)', bytes: await entry.async('uint8array') }];
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('has the attributes jar adds', () => {
    const coverage = scanCoverage(moduleInfo);
    expect([...coverage.attributes]).toEqual(expect.arrayContaining(['class:Module', 'class:ModulePackages', 'class:ModuleMainClass']));
  });

  it('copy path: byte for byte', () => {
    const result = checkCopyPath(moduleInfo);
    expect(result.failures, formatRoundTrip('jar module-info copy path', result)).toEqual([]);
  });

  it('full rewrite: structurally identical', () => {
    const result = checkFullRewrite(moduleInfo);
    expect(result.failures, formatRoundTrip('jar module-info full rewrite', result)).toEqual([]);
  });
});
