// Plain JavaScript ports of ASM code may leave out the trailing nulls of Java's signatures
// (`cw.visitMethod(ACC_PUBLIC, 'run', '()V')`), which Java callers cannot. ClassWriter takes an
// omitted signature, super name, interface list, constant value, exception list or outer/inner name
// as null: the class is the same as with the nulls written out (an undefined signature used to be
// taken for a string and fail in toByteArray).

import { describe, expect, it } from 'vitest';
import { ClassWriter } from '../src/asm/class-writer.js';
import { Opcodes } from '../src/asm/opcodes.js';

/** A class made through `call`, which passes the optional arguments (nulls) or leaves them out. */
function write(omit: boolean): Uint8Array {
  // The arguments after `fixed` as the caller passes them: all of them, or none (plain JavaScript).
  const call = <T>(f: (...args: never[]) => T, fixed: unknown[], optional: unknown[]): T =>
    (f as unknown as (...args: unknown[]) => T)(...fixed, ...(omit ? [] : optional));
  const cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
  call(cw.visit.bind(cw), [Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER | Opcodes.ACC_RECORD, 'p/Point'], [null, null, null]);
  call(cw.visitSource.bind(cw), ['Point.java'], [null]);
  call(cw.visitOuterClass.bind(cw), ['p/Outer'], [null, null]);
  call(cw.visitInnerClass.bind(cw), ['p/Point$In', 'p/Point', 'In', Opcodes.ACC_STATIC], []);
  call(cw.visitRecordComponent.bind(cw), ['x', 'I'], [null]).visitEnd();
  call(cw.visitField.bind(cw), [Opcodes.ACC_PRIVATE | Opcodes.ACC_FINAL, 'x', 'I'], [null, null]).visitEnd();
  const mv = call(cw.visitMethod.bind(cw), [Opcodes.ACC_PUBLIC, 'x', '()I'], [null, null]);
  mv.visitCode();
  mv.visitVarInsn(Opcodes.ALOAD, 0);
  mv.visitFieldInsn(Opcodes.GETFIELD, 'p/Point', 'x', 'I');
  mv.visitInsn(Opcodes.IRETURN);
  mv.visitMaxs(0, 0);
  mv.visitEnd();
  cw.visitEnd();
  return cw.toByteArray();
}

describe('ClassWriter called without the trailing nulls', () => {
  it('writes the class it writes with the nulls passed', () => {
    expect(Buffer.from(write(true)).equals(Buffer.from(write(false)))).toBe(true);
  });
});
