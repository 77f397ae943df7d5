// V8 representations the hot paths rely on, checked in child nodes with V8's own tracing or natives.
//
// 1. Symbol's `data` and `dataHigh` fields stay tagged in V8, never boxed doubles (see Symbol.data): a
// child node with --trace-generalization builds constants whose 32-bit values are not small integers
// (Integer.MIN_VALUE, float and double bits, long halves) and a merged type (COMPUTE_FRAMES at a join
// of two reference types), and V8 must not report either field generalized to a double ("->d{").
// Before the fix, `Number(bigint)` for a long's halves and ASM's `low + high * 2**32` key of a merged
// type made both fields doubles: a HeapNumber allocated with every symbol afterwards.
//
// 2. The per-class caches of ClassReader and the SymbolTable's hash set are arrays of one elements kind
// from the start (holey-array.ts, nullArray): HOLEY_ELEMENTS before the first store, PACKED_ELEMENTS
// for a hash set resized past 256 slots; else their load and store sites see two array maps.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const PROJECT_ROOT = join(__dirname, '..');
const DIST_INDEX = join(PROJECT_ROOT, 'dist', 'src', 'index.js');

const CHILD = `
const { ClassWriter, ClassReader, Opcodes, Label, Float, Double } = await import(${JSON.stringify(pathToFileURL(DIST_INDEX).href)});
const hierarchy = {
  getSuperName: (name) => ({ 'java/lang/Object': null, 'java/lang/Number': 'java/lang/Object', 'java/lang/Integer': 'java/lang/Number', 'java/lang/Long': 'java/lang/Number' })[name],
  isInterface: (name) => (['java/lang/Object', 'java/lang/Number', 'java/lang/Integer', 'java/lang/Long'].includes(name) ? false : undefined),
};
function build() {
  const cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES, { classPath: hierarchy });
  cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, 'p/Constants', null, 'java/lang/Object', null);
  const mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, 'f', '(ZLjava/lang/Integer;Ljava/lang/Long;)Ljava/lang/Number;', null, null);
  mv.visitCode();
  mv.visitLdcInsn(-2147483648);
  mv.visitInsn(Opcodes.POP);
  mv.visitLdcInsn(Float.fromBits(-1082130432));
  mv.visitInsn(Opcodes.POP);
  mv.visitLdcInsn(-9223372034707292160n);
  mv.visitInsn(Opcodes.POP2);
  mv.visitLdcInsn(new Double(-2.5));
  mv.visitInsn(Opcodes.POP2);
  // A join of Integer and Long: the merged type of two type table entries.
  const otherwise = new Label();
  const join = new Label();
  mv.visitVarInsn(Opcodes.ILOAD, 0);
  mv.visitJumpInsn(Opcodes.IFEQ, otherwise);
  mv.visitVarInsn(Opcodes.ALOAD, 1);
  mv.visitJumpInsn(Opcodes.GOTO, join);
  mv.visitLabel(otherwise);
  mv.visitVarInsn(Opcodes.ALOAD, 2);
  mv.visitLabel(join);
  mv.visitInsn(Opcodes.ARETURN);
  mv.visitMaxs(0, 0);
  mv.visitEnd();
  cw.visitEnd();
  return cw.toByteArray();
}
for (let i = 0; i < 50; i++) {
  const bytes = build();
  // Through the reader and the code transcoder too (its ldc path adds the constants read).
  const copy = new ClassWriter(ClassWriter.COMPUTE_FRAMES, { classPath: hierarchy });
  new ClassReader(bytes).accept(copy, ClassReader.SKIP_FRAMES);
  copy.toByteArray();
}
console.log('done');
`;

describe('Symbol field representation', () => {
  it('keeps data and dataHigh tagged (no HeapNumber per symbol) after constants beyond 31 bits and merged types', () => {
    expect(existsSync(DIST_INDEX), 'dist/ is built by npm install (npm run build)').toBe(true);
    const output = execFileSync(process.execPath, ['--trace-generalization', '--input-type=module', '-e', CHILD], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(output).toContain('done');
    // The flag works in this node: it reports the generalizations of our own fields.
    expect(output).toMatch(/\[generalizing\]data:/);
    const doubles = output.split('\n').filter((line) => /\[generalizing\](data|dataHigh):\S*->d\{/.test(line));
    expect(doubles).toEqual([]);
  });

  it('makes the reader caches and the hash set of a large pool in their final elements kind', () => {
    expect(existsSync(DIST_INDEX), 'dist/ is built by npm install (npm run build)').toBe(true);
    const child = `
const { ClassWriter, ClassReader, Opcodes } = await import(${JSON.stringify(pathToFileURL(DIST_INDEX).href)});
const cw = new ClassWriter(0);
cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, 'p/Big', null, 'java/lang/Object', null);
for (let i = 0; i < 400; i++) cw.newClass('p/C' + i);
cw.visitEnd();
const bytes = cw.toByteArray();
const reader = new ClassReader(bytes);
const report = {
  utf8Values: [%HasObjectElements(reader.constantUtf8Values), %HasHoleyElements(reader.constantUtf8Values)],
  classValues: [%HasObjectElements(reader.constantClassValues), %HasHoleyElements(reader.constantClassValues)],
  entries: [%HasObjectElements(cw.symbolTable.entries), %HasHoleyElements(cw.symbolTable.entries), cw.symbolTable.entries.length],
};
console.log(JSON.stringify(report));
`;
    const output = execFileSync(process.execPath, ['--allow-natives-syntax', '--input-type=module', '-e', child], { encoding: 'utf8' });
    const report = JSON.parse(output.trim().split('\n').pop()!) as Record<string, (boolean | number)[]>;
    expect(report.utf8Values).toEqual([true, true]);
    expect(report.classValues).toEqual([true, true]);
    // Resized past the 256 nulls nullArray started with: still packed.
    expect(report.entries!.slice(0, 2)).toEqual([true, false]);
    expect(report.entries![2]).toBeGreaterThan(256);
  });
});
