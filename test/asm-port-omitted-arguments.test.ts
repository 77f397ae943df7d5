// Plain JavaScript ports of ASM code leave out Java's trailing nulls — `mv.visitTryCatchBlock(start, end, handler)`
// for a finally handler, `cw.visitModule('m', 0)`, `module.visitRequire('java.base', ACC_MANDATED)` — or pass
// undefined where an object property is missing (`mv.visitLocalVariable(name, desc, node.signature, …)`), or the
// trailing `0, null` of a frame with an empty stack (`mv.visitFrame(F_NEW, 2, locals)`). The method
// and module writers take undefined as null, as ClassWriter does (test/class-writer-omitted-arguments): the class is
// the one written with the nulls. An undefined catch type, requires version or local variable signature used to reach
// the constant pool as a string and fail with "Cannot read properties of undefined (reading 'length')"; an F_NEW
// frame without its stack count was written wrong.

import { describe, expect, it } from 'vitest';
import { ClassWriter, Label, MethodVisitor, ModuleVisitor, Opcodes } from '../src/index.js';

/** Calls `f` with `fixed`, then with `optional` unless `omit` (a plain JavaScript caller leaving them out). */
function call<T>(omit: boolean, f: (...args: never[]) => T, fixed: unknown[], optional: unknown[]): T {
  return (f as unknown as (...args: unknown[]) => T)(...fixed, ...(omit ? [] : optional));
}

function methodClass(omit: boolean): Uint8Array {
  const cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
  cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, 'p/T', null, 'java/lang/Object', null);
  const mv: MethodVisitor = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, 'm', '(I)V', null, null);
  // A missing property reads as undefined: the same as an omitted argument.
  const parameter: { name?: string | null } = omit ? {} : { name: null };
  mv.visitParameter(parameter.name as string | null, Opcodes.ACC_FINAL);
  mv.visitCode();
  const start = new Label();
  const end = new Label();
  const handler = new Label();
  call(omit, mv.visitTryCatchBlock.bind(mv), [start, end, handler], [null]);
  mv.visitLabel(start);
  mv.visitInsn(Opcodes.NOP);
  mv.visitLabel(end);
  mv.visitInsn(Opcodes.RETURN);
  mv.visitLabel(handler);
  mv.visitInsn(Opcodes.ATHROW);
  const variable: { signature?: string | null } = omit ? {} : { signature: null };
  mv.visitLocalVariable('x', 'I', variable.signature as string | null, start, handler, 0);
  mv.visitMaxs(0, 0);
  mv.visitEnd();
  cw.visitEnd();
  return cw.toByteArray();
}

function moduleClass(omit: boolean): Uint8Array {
  const cw = new ClassWriter(0);
  cw.visit(Opcodes.V17, Opcodes.ACC_MODULE, 'module-info', null, null, null);
  const mod: ModuleVisitor = call(omit, cw.visitModule.bind(cw), ['m', Opcodes.ACC_OPEN], [null]);
  call(omit, mod.visitRequire.bind(mod), ['java.base', Opcodes.ACC_MANDATED], [null]);
  call(omit, mod.visitExport.bind(mod), ['p', 0], [null]);
  mod.visitEnd();
  cw.visitEnd();
  return cw.toByteArray();
}

/** A method with one frame of `type`, its empty stack's `0, null` passed or left out. */
function frameClass(omit: boolean, type: number, numLocal: number, local: unknown[] | null): Uint8Array {
  const cw = new ClassWriter(0);
  cw.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC, 'p/T', null, 'java/lang/Object', null);
  const mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, 'm', '(I)V', null, null);
  mv.visitCode();
  const target = new Label();
  mv.visitInsn(Opcodes.ICONST_0);
  mv.visitVarInsn(Opcodes.ISTORE, 1);
  mv.visitVarInsn(Opcodes.ILOAD, 0);
  mv.visitJumpInsn(Opcodes.IFEQ, target);
  mv.visitLabel(target);
  call(omit, mv.visitFrame.bind(mv), [type, numLocal, local], [0, null]);
  mv.visitInsn(Opcodes.RETURN);
  mv.visitMaxs(1, 2);
  mv.visitEnd();
  cw.visitEnd();
  return cw.toByteArray();
}

describe('method and module writers called without the trailing nulls', () => {
  it.each([
    ['F_NEW', Opcodes.F_NEW, 2, [Opcodes.INTEGER, Opcodes.INTEGER]],
    ['F_FULL', Opcodes.F_FULL, 2, [Opcodes.INTEGER, Opcodes.INTEGER]],
    ['F_APPEND', Opcodes.F_APPEND, 1, [Opcodes.INTEGER]],
    ['F_SAME', Opcodes.F_SAME, 0, null],
  ] as const)('write the %s frame written with its empty stack passed', (_name, type, numLocal, local) => {
    expect(Buffer.from(frameClass(true, type, numLocal, local as unknown[] | null))).toEqual(
      Buffer.from(frameClass(false, type, numLocal, local as unknown[] | null)),
    );
  });

  it('write the method written with the nulls (finally handler, parameter, local variable)', () => {
    expect(Buffer.from(methodClass(true))).toEqual(Buffer.from(methodClass(false)));
  });

  it('write the module written with the nulls (module and requires versions)', () => {
    expect(Buffer.from(moduleClass(true))).toEqual(Buffer.from(moduleClass(false)));
  });
});
