// Test support: class files whose methods call subroutines through jsr/ret (JVMS §4.10.2.5), as
// javac 1.3 compiled try/finally, built by hand (javac no longer emits them): a finally reached from
// a return and from a handler, nested subroutines, a subroutine called twice, a loop inside one.
// Their main prints a known output (see commons-jsr.test.ts).

import { ClassWriter } from '../../src/asm/class-writer.js';
import { Label } from '../../src/asm/label.js';
import type { MethodVisitor } from '../../src/asm/method-visitor.js';
import { Opcodes } from '../../src/asm/opcodes.js';

const OUT = ['java/lang/System', 'out', 'Ljava/io/PrintStream;'] as const;

function print(mv: MethodVisitor, text: string): void {
  mv.visitFieldInsn(Opcodes.GETSTATIC, ...OUT);
  mv.visitLdcInsn(text);
  mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, 'java/io/PrintStream', 'println', '(Ljava/lang/String;)V', false);
}

function printInt(mv: MethodVisitor): void {
  // int on the stack → System.out.println(int)
  mv.visitFieldInsn(Opcodes.GETSTATIC, ...OUT);
  mv.visitInsn(Opcodes.SWAP);
  mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, 'java/io/PrintStream', 'println', '(I)V', false);
}

/** A class `name` of the given version whose methods call subroutines through jsr/ret. */
export function subroutineClass(name: string, version: number): Uint8Array {
  const cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
  cw.visit(version, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, name, null, 'java/lang/Object', null);

  // static int tf(int x) { try { if (x == 0) throw new RuntimeException("zero"); return x * 2; }
  //                        finally { println("finally " ) } } — the javac 1.3 shape.
  let mv = cw.visitMethod(Opcodes.ACC_STATIC, 'tf', '(I)I', null, null)!;
  const tryStart = new Label();
  const nonZero = new Label();
  const tryEnd = new Label();
  const handler = new Label();
  const fin = new Label();
  mv.visitCode();
  mv.visitTryCatchBlock(tryStart, tryEnd, handler, null);
  mv.visitLabel(tryStart);
  mv.visitVarInsn(Opcodes.ILOAD, 0);
  mv.visitJumpInsn(Opcodes.IFNE, nonZero);
  mv.visitTypeInsn(Opcodes.NEW, 'java/lang/RuntimeException');
  mv.visitInsn(Opcodes.DUP);
  mv.visitLdcInsn('zero');
  mv.visitMethodInsn(Opcodes.INVOKESPECIAL, 'java/lang/RuntimeException', '<init>', '(Ljava/lang/String;)V', false);
  mv.visitInsn(Opcodes.ATHROW);
  mv.visitLabel(nonZero);
  mv.visitVarInsn(Opcodes.ILOAD, 0);
  mv.visitInsn(Opcodes.ICONST_2);
  mv.visitInsn(Opcodes.IMUL);
  mv.visitVarInsn(Opcodes.ISTORE, 1);
  mv.visitJumpInsn(Opcodes.JSR, fin);
  mv.visitVarInsn(Opcodes.ILOAD, 1);
  mv.visitInsn(Opcodes.IRETURN);
  mv.visitLabel(tryEnd);
  mv.visitLabel(handler);
  mv.visitVarInsn(Opcodes.ASTORE, 2);
  mv.visitJumpInsn(Opcodes.JSR, fin);
  mv.visitVarInsn(Opcodes.ALOAD, 2);
  mv.visitInsn(Opcodes.ATHROW);
  mv.visitLabel(fin);
  mv.visitVarInsn(Opcodes.ASTORE, 3);
  print(mv, 'finally');
  mv.visitVarInsn(Opcodes.RET, 3);
  mv.visitMaxs(0, 0);
  mv.visitEnd();

  // static void nested() { jsr A; jsr A; return; A: print A; jsr B; print A again; ret; B: print B; ret }
  mv = cw.visitMethod(Opcodes.ACC_STATIC, 'nested', '()V', null, null)!;
  const a = new Label();
  const b = new Label();
  mv.visitCode();
  mv.visitJumpInsn(Opcodes.JSR, a);
  mv.visitJumpInsn(Opcodes.JSR, a);
  mv.visitInsn(Opcodes.RETURN);
  mv.visitLabel(a);
  mv.visitVarInsn(Opcodes.ASTORE, 0);
  print(mv, 'A');
  mv.visitJumpInsn(Opcodes.JSR, b);
  print(mv, 'A again');
  mv.visitVarInsn(Opcodes.RET, 0);
  mv.visitLabel(b);
  mv.visitVarInsn(Opcodes.ASTORE, 1);
  print(mv, 'B');
  mv.visitVarInsn(Opcodes.RET, 1);
  mv.visitMaxs(0, 0);
  mv.visitEnd();

  // static int loop(int n) { jsr S; jsr S; return n; S: do { n--; count++ } while (n > 0); ret }
  mv = cw.visitMethod(Opcodes.ACC_STATIC, 'loop', '(I)I', null, null)!;
  const s = new Label();
  const again = new Label();
  mv.visitCode();
  mv.visitInsn(Opcodes.ICONST_0);
  mv.visitVarInsn(Opcodes.ISTORE, 2);
  mv.visitJumpInsn(Opcodes.JSR, s);
  mv.visitIincInsn(0, 3);
  mv.visitJumpInsn(Opcodes.JSR, s);
  mv.visitVarInsn(Opcodes.ILOAD, 2);
  mv.visitInsn(Opcodes.IRETURN);
  mv.visitLabel(s);
  mv.visitVarInsn(Opcodes.ASTORE, 1);
  mv.visitLabel(again);
  mv.visitIincInsn(0, -1);
  mv.visitIincInsn(2, 1);
  mv.visitVarInsn(Opcodes.ILOAD, 0);
  mv.visitJumpInsn(Opcodes.IFGT, again);
  mv.visitVarInsn(Opcodes.RET, 1);
  mv.visitMaxs(0, 0);
  mv.visitEnd();

  // public static void main(String[] args)
  mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, 'main', '([Ljava/lang/String;)V', null, null)!;
  const start = new Label();
  const end = new Label();
  const caught = new Label();
  const after = new Label();
  mv.visitCode();
  mv.visitTryCatchBlock(start, end, caught, 'java/lang/RuntimeException');
  mv.visitIntInsn(Opcodes.BIPUSH, 21);
  mv.visitMethodInsn(Opcodes.INVOKESTATIC, name, 'tf', '(I)I', false);
  printInt(mv);
  mv.visitLabel(start);
  mv.visitInsn(Opcodes.ICONST_0);
  mv.visitMethodInsn(Opcodes.INVOKESTATIC, name, 'tf', '(I)I', false);
  printInt(mv);
  mv.visitLabel(end);
  mv.visitJumpInsn(Opcodes.GOTO, after);
  mv.visitLabel(caught);
  mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, 'java/lang/Throwable', 'getMessage', '()Ljava/lang/String;', false);
  mv.visitFieldInsn(Opcodes.GETSTATIC, ...OUT);
  mv.visitInsn(Opcodes.SWAP);
  mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, 'java/io/PrintStream', 'println', '(Ljava/lang/String;)V', false);
  mv.visitLabel(after);
  mv.visitMethodInsn(Opcodes.INVOKESTATIC, name, 'nested', '()V', false);
  mv.visitInsn(Opcodes.ICONST_5);
  mv.visitMethodInsn(Opcodes.INVOKESTATIC, name, 'loop', '(I)I', false);
  printInt(mv);
  mv.visitInsn(Opcodes.RETURN);
  mv.visitMaxs(0, 0);
  mv.visitEnd();
  cw.visitEnd();
  return cw.toByteArray();
}

