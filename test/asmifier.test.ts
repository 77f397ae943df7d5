// ASMifier: the TypeScript it prints for a class, run, writes that class again. Checked on every
// fixture class (every structure javac writes, modules, records, type annotations, --release 8 and
// -g:none builds), on a sample of java.base, and on a hand-built class with the constants whose exact
// Java type or bits a careless printer would lose (a float NaN payload, -0.0, long extremes, condy,
// method handles, every annotation value kind, a non-standard attribute). The printed code also
// type-checks under tsc --strict against classforge's declarations.

import { execFileSync } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { transform } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import * as classforge from '../src/index.js';
import { Attribute } from '../src/asm/attribute.js';
import { ClassReader } from '../src/asm/class-reader.js';
import { ClassWriter } from '../src/asm/class-writer.js';
import { ConstantDynamic } from '../src/asm/constant-dynamic.js';
import { Handle } from '../src/asm/handle.js';
import { Byte, Character, Double, Float, Short } from '../src/asm/java-values.js';
import { Label } from '../src/asm/label.js';
import { Opcodes } from '../src/asm/opcodes.js';
import { Type } from '../src/asm/type.js';
import { TypePath } from '../src/asm/type-path.js';
import { TypeReference } from '../src/asm/type-reference.js';
import { ASMifier } from '../src/util/asmifier.js';
import { StringWriter } from '../src/util/string-writer.js';
import { TraceClassVisitor } from '../src/util/trace-class-visitor.js';
import { javaBaseClasses } from './support/corpus.js';
import { compileFixtureBuild, fixtureBuilds } from './support/fixture-builds.js';
import { makeTempDir, PROJECT_ROOT } from './support/javac.js';
import { firstDumpDifference, structuralDump } from './support/structural-dump.js';

const tempDirs: string[] = [];
afterAll(async () => {
  for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
});

function asmify(bytes: Uint8Array): string {
  const writer = new StringWriter();
  new ClassReader(bytes).accept(new TraceClassVisitor(null, new ASMifier(), writer), 0);
  return writer.toString();
}

/** Runs printed code: esbuild strips the types, `import … from 'classforge'` gets this checkout's API. */
async function runDump(code: string): Promise<Uint8Array> {
  const { code: js } = await transform(code, { loader: 'ts', format: 'cjs' });
  const module = { exports: {} as { dump?: () => Uint8Array } };
  new Function('require', 'module', 'exports', js)(
    (name: string) => {
      if (name !== 'classforge') throw new Error(`unexpected import ${name}`);
      return classforge;
    },
    module,
    module.exports,
  );
  return module.exports.dump!();
}

/** The classes whose printed code does not write them back structurally unchanged. */
async function regenerationFailures(classes: readonly { name: string; bytes: Uint8Array }[]): Promise<string[]> {
  const failures: string[] = [];
  for (const { name, bytes } of classes) {
    try {
      const again = await runDump(asmify(bytes));
      const difference = firstDumpDifference(structuralDump(bytes), structuralDump(again));
      if (difference !== null) failures.push(`${name}: ${difference}`);
    } catch (error) {
      failures.push(`${name}: ${(error as Error).message.slice(0, 300)}`);
    }
  }
  return failures;
}

describe('ASMifier', () => {
  for (const build of fixtureBuilds()) {
    it.skipIf(build.skipReason !== null)(`regenerates every fixture class (${build.name})${build.skipReason ? ` — skipped: ${build.skipReason}` : ''}`, { timeout: 120_000 }, async () => {
      const compiled = await compileFixtureBuild(build);
      const classes = compiled.classes.map(({ name, bytes }) => ({ name, bytes }));
      expect(classes.length).toBeGreaterThan(20);
      expect(await regenerationFailures(classes)).toEqual([]);
    });
  }

  it('regenerates a sample of java.base (every 8th class)', { timeout: 120_000 }, async () => {
    const classes = (await javaBaseClasses()).filter((_, i) => i % 8 === 0);
    expect(classes.length).toBeGreaterThan(700);
    expect(await regenerationFailures(classes)).toEqual([]);
  });

  it('keeps the exact type and bits of every kind of constant', async () => {
    const bytes = constantsClass();
    const code = asmify(bytes);
    expect(code).toContain('Float.fromBits(2143289345)'); // a NaN payload has no number form
    expect(code).toContain('new Double(-0)');
    expect(code).toContain('-9223372036854775808n');
    expect(code).toContain('new ConstantDynamic("condy", "Ljava/lang/Object;", new Handle(Opcodes.H_INVOKESTATIC');
    expect(code).toContain('new Int32Array([1, -2])');
    expect(code).toContain('TypePath.fromString("[*")');
    // Written by the same events, the class comes back byte for byte; and printing it again prints the same code.
    const again = await runDump(code);
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
    expect(asmify(again)).toBe(code);
  });

  it('prints code that type-checks under tsc --strict', { timeout: 120_000 }, async () => {
    const build = fixtureBuilds().find((b) => b.skipReason === null)!;
    const compiled = await compileFixtureBuild(build);
    const dir = await makeTempDir('asmifier-tsc');
    tempDirs.push(dir);
    const declarations = join(PROJECT_ROOT, 'dist', 'src', 'index.js');
    const files: string[] = [];
    let i = 0;
    for (const bytes of [...compiled.classes.map((c) => c.bytes), constantsClass()]) {
      const file = join(dir, `Dump${i++}.ts`);
      await writeFile(file, asmify(bytes).replace("from 'classforge'", `from ${JSON.stringify(declarations)}`));
      files.push(file);
    }
    await mkdir(join(dir, 'node_modules'), { recursive: true });
    const tsc = join(PROJECT_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const args = ['--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--skipLibCheck', '--types', 'node'];
    let output = '';
    try {
      execFileSync(process.execPath, [tsc, ...args, '--typeRoots', join(PROJECT_ROOT, 'node_modules', '@types'), ...files], { cwd: dir, encoding: 'utf8' });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(output).toBe('');
  });
});

/** A class whose constants, annotations and attributes cover every value kind of the printed code. */
function constantsClass(): Uint8Array {
  const writer = new ClassWriter(0);
  writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, 'p/Constants', null, 'java/lang/Object', null);
  const bootstrap = new Handle(Opcodes.H_INVOKESTATIC, 'p/Constants', 'bsm', '(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;)Ljava/lang/Object;', false);
  const annotation = writer.visitAnnotation('Lp/Values;', true)!;
  annotation.visit('b', new Byte(-1));
  annotation.visit('s', new Short(300));
  annotation.visit('c', new Character(0x263a));
  annotation.visit('z', true);
  annotation.visit('j', 1n << 40n);
  annotation.visit('f', new Float(1.5));
  annotation.visit('d', Double.fromBits(0x7ff8000000000001n));
  annotation.visit('t', Type.getType('[Ljava/lang/String;'));
  annotation.visit('ints', new Int32Array([1, -2]));
  annotation.visit('bools', [true, false]);
  annotation.visit('bytes', new Int8Array([-128, 127]));
  annotation.visit('chars', new Uint16Array([65, 0xffff]));
  annotation.visit('shorts', new Int16Array([-5]));
  annotation.visit('longs', new BigInt64Array([-1n]));
  annotation.visit('floats', new Float32Array([0.5]));
  annotation.visit('doubles', new Float64Array([-0.25]));
  annotation.visitEnum('e', 'Lp/E;', 'A');
  const nested = annotation.visitAnnotation('n', 'Lp/Nested;')!;
  nested.visit('s', 'text "quoted" \u0000 \ud800');
  nested.visitEnd();
  const array = annotation.visitArray('a')!;
  array.visit(null, 'x');
  array.visitEnd();
  annotation.visitEnd();
  writer.visitTypeAnnotation(TypeReference.newSuperTypeReference(-1).getValue(), TypePath.fromString('[*'), 'Lp/T;', false)!.visitEnd();
  const attribute = Object.assign(new Attribute('p.Custom'), { content: new Uint8Array([1, 2, 3]) });
  writer.visitAttribute(attribute);
  writer.visitField(Opcodes.ACC_STATIC | Opcodes.ACC_FINAL, 'F', 'F', null, Float.fromBits(0x7fc00001))!.visitEnd();
  writer.visitField(Opcodes.ACC_STATIC | Opcodes.ACC_FINAL, 'J', 'J', null, -(1n << 63n))!.visitEnd();
  const mv = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC | Opcodes.ACC_VARARGS, 'm', '([Ljava/lang/Object;)V', null, ['java/lang/Exception'])!;
  mv.visitParameter('args', Opcodes.ACC_FINAL);
  mv.visitCode();
  const start = new Label();
  const end = new Label();
  mv.visitLabel(start);
  mv.visitLdcInsn(Float.fromBits(0x7fc00001));
  mv.visitInsn(Opcodes.POP);
  mv.visitLdcInsn(new Double(-0));
  mv.visitInsn(Opcodes.POP2);
  mv.visitLdcInsn(-(1n << 63n));
  mv.visitInsn(Opcodes.POP2);
  mv.visitLdcInsn(-2147483648);
  mv.visitInsn(Opcodes.POP);
  mv.visitLdcInsn(new ConstantDynamic('condy', 'Ljava/lang/Object;', bootstrap, [Type.getType('(I)V'), 'arg']));
  mv.visitInsn(Opcodes.POP);
  mv.visitLdcInsn(new Handle(Opcodes.H_GETFIELD, 'p/Constants', 'x', 'I', false));
  mv.visitInsn(Opcodes.POP);
  mv.visitInvokeDynamicInsn('run', '()Ljava/lang/Runnable;', bootstrap, [new Float(2), 7n]);
  mv.visitInsn(Opcodes.POP);
  mv.visitIntInsn(Opcodes.NEWARRAY, Opcodes.T_LONG);
  mv.visitInsn(Opcodes.RETURN);
  mv.visitLabel(end);
  mv.visitLocalVariable('args', '[Ljava/lang/Object;', null, start, end, 0);
  mv.visitMaxs(3, 1);
  mv.visitEnd();
  writer.visitEnd();
  return writer.toByteArray();
}
