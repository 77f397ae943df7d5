// COMPUTE_FRAMES for the methods the code transcoder writes is computed from their bytecode, with
// concrete types (src/asm/bytecode-frames.ts), where MethodWriter simulates each instruction on abstract
// types as it is visited. The oracle is MethodWriter's own algorithm, on the events path (a pass-through
// MethodVisitor before the writer): same bytes, or the same error. Each class here is built with the
// visitor API to hold one shape of control flow; the test also checks which algorithm ran: the one of
// bytecode-frames.ts for valid code, MethodWriter's (after giving up) where the code is invalid, so that
// the errors are MethodWriter's.

import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { BytecodeFrames } from '../src/asm/bytecode-frames.js';
import { ClassReader } from '../src/asm/class-reader.js';
import { ClassWriter } from '../src/asm/class-writer.js';
import { Label } from '../src/asm/label.js';
import type { MethodVisitor } from '../src/asm/method-visitor.js';
import { MethodWriter } from '../src/asm/method-writer.js';
import { Opcodes } from '../src/asm/opcodes.js';
import { readRawClassFile } from '../src/classfile/raw-class-file.js';
import { type CorpusClass, javaBaseClasses } from './support/corpus.js';
import { countCalls, outcome, type Rewrite } from './support/rewrite-paths.js';

const computeFrames: Rewrite = { writerFlags: ClassWriter.COMPUTE_FRAMES, parsingOptions: ClassReader.SKIP_FRAMES };

const { ACC_PUBLIC, ACC_STATIC } = Opcodes;
const STATIC = ACC_PUBLIC | ACC_STATIC;

/** A class `Sample` (version 52, no frames) with the methods `build` writes with `method`. */
function sampleClass(build: (cw: ClassWriter) => void): Uint8Array {
  const cw = new ClassWriter(0);
  cw.visit(Opcodes.V1_8, ACC_PUBLIC | Opcodes.ACC_SUPER, 'Sample', null, 'java/lang/Object', null);
  build(cw);
  cw.visitEnd();
  return cw.toByteArray();
}

function method(cw: ClassWriter, access: number, name: string, descriptor: string, body: (mv: MethodVisitor) => void): void {
  const mv = cw.visitMethod(access, name, descriptor, null, null);
  mv.visitCode();
  body(mv);
  mv.visitMaxs(16, 16);
  mv.visitEnd();
}

interface Paths {
  /** The transcoder's outcome and the events'. */
  readonly transcoded: string;
  readonly events: string;
  /** Methods whose frames bytecode-frames.ts wrote, and those MethodWriter computed, on the transcoder's path. */
  readonly computedFromBytecode: number;
  readonly computedByMethodWriter: number;
}

function bothPaths(bytes: Uint8Array): Paths {
  const written = countCalls(BytecodeFrames.prototype, 'write');
  const computed = countCalls(MethodWriter.prototype, 'computeAllFrames');
  const transcoded = outcome(bytes, computeFrames, false);
  const counts = { computedFromBytecode: written.calls, computedByMethodWriter: computed.calls };
  vi.restoreAllMocks();
  return { transcoded, events: outcome(bytes, computeFrames, true), ...counts };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('frames computed from the bytecode of valid code', () => {
  it('merges types at loops and joins as MethodWriter does (common super classes, long halves, repeated edges)', () => {
    const bytes = sampleClass((cw) => {
      // String and Integer joined in a local: java/lang/Object.
      method(cw, STATIC, 'join', '(I)Ljava/lang/Object;', (mv) => {
        const other = new Label();
        const end = new Label();
        mv.visitVarInsn(Opcodes.ILOAD, 0);
        mv.visitJumpInsn(Opcodes.IFEQ, other);
        mv.visitLdcInsn('s');
        mv.visitVarInsn(Opcodes.ASTORE, 1);
        mv.visitJumpInsn(Opcodes.GOTO, end);
        mv.visitLabel(other);
        mv.visitInsn(Opcodes.ICONST_1);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, 'java/lang/Integer', 'valueOf', '(I)Ljava/lang/Integer;', false);
        mv.visitVarInsn(Opcodes.ASTORE, 1);
        mv.visitLabel(end);
        mv.visitVarInsn(Opcodes.ALOAD, 1);
        mv.visitInsn(Opcodes.ARETURN);
      });
      // A loop over a long, whose second half a store breaks in one path.
      method(cw, STATIC, 'sum', '(I)J', (mv) => {
        const loop = new Label();
        const end = new Label();
        mv.visitInsn(Opcodes.LCONST_0);
        mv.visitVarInsn(Opcodes.LSTORE, 1);
        mv.visitLabel(loop);
        mv.visitVarInsn(Opcodes.ILOAD, 0);
        mv.visitJumpInsn(Opcodes.IFLE, end);
        mv.visitVarInsn(Opcodes.LLOAD, 1);
        mv.visitVarInsn(Opcodes.ILOAD, 0);
        mv.visitInsn(Opcodes.I2L);
        mv.visitInsn(Opcodes.LADD);
        mv.visitVarInsn(Opcodes.LSTORE, 1);
        mv.visitIincInsn(0, -1);
        mv.visitJumpInsn(Opcodes.GOTO, loop);
        mv.visitLabel(end);
        mv.visitInsn(Opcodes.ICONST_0);
        mv.visitVarInsn(Opcodes.ISTORE, 2);
        const last = new Label();
        mv.visitVarInsn(Opcodes.ILOAD, 0);
        mv.visitJumpInsn(Opcodes.IFNE, last);
        mv.visitInsn(Opcodes.ICONST_0);
        // Local 1's long loses its second half (local 2) on this path only.
        mv.visitVarInsn(Opcodes.ISTORE, 2);
        mv.visitLabel(last);
        mv.visitInsn(Opcodes.LCONST_1);
        mv.visitInsn(Opcodes.LRETURN);
      });
      // A jump to the next instruction, a switch whose targets repeat, a jump back to offset 0.
      method(cw, STATIC, 'edges', '(I)I', (mv) => {
        const start = new Label();
        const next = new Label();
        const a = new Label();
        const b = new Label();
        mv.visitLabel(start);
        mv.visitIincInsn(0, -1);
        mv.visitVarInsn(Opcodes.ILOAD, 0);
        mv.visitJumpInsn(Opcodes.IFEQ, next);
        mv.visitLabel(next);
        mv.visitVarInsn(Opcodes.ILOAD, 0);
        mv.visitJumpInsn(Opcodes.IFGT, start);
        mv.visitVarInsn(Opcodes.ILOAD, 0);
        mv.visitTableSwitchInsn(0, 2, b, a, a, b);
        mv.visitLabel(a);
        mv.visitInsn(Opcodes.ICONST_1);
        mv.visitInsn(Opcodes.IRETURN);
        mv.visitLabel(b);
        mv.visitInsn(Opcodes.ICONST_2);
        mv.visitInsn(Opcodes.IRETURN);
      });
    });
    const paths = bothPaths(bytes);
    expect(paths.transcoded).toBe(paths.events);
    expect(paths.transcoded).not.toMatch(/Error/);
    expect(paths.computedFromBytecode).toBe(3);
    expect(paths.computedByMethodWriter).toBe(0);
  });

  it('keeps uninitialized types across jumps and initializes them after the constructor call', () => {
    const bytes = sampleClass((cw) => {
      method(cw, STATIC, 'builder', '(Z)Ljava/lang/Object;', (mv) => {
        const b = new Label();
        const join = new Label();
        mv.visitTypeInsn(Opcodes.NEW, 'java/lang/StringBuilder');
        mv.visitInsn(Opcodes.DUP);
        mv.visitVarInsn(Opcodes.ILOAD, 0);
        mv.visitJumpInsn(Opcodes.IFEQ, b);
        mv.visitLdcInsn('a');
        mv.visitJumpInsn(Opcodes.GOTO, join);
        mv.visitLabel(b);
        mv.visitLdcInsn('b');
        mv.visitLabel(join);
        mv.visitMethodInsn(Opcodes.INVOKESPECIAL, 'java/lang/StringBuilder', '<init>', '(Ljava/lang/String;)V', false);
        mv.visitVarInsn(Opcodes.ASTORE, 1);
        const done = new Label();
        mv.visitVarInsn(Opcodes.ILOAD, 0);
        mv.visitJumpInsn(Opcodes.IFNE, done);
        mv.visitInsn(Opcodes.ACONST_NULL);
        mv.visitVarInsn(Opcodes.ASTORE, 1);
        mv.visitLabel(done);
        mv.visitVarInsn(Opcodes.ALOAD, 1);
        mv.visitInsn(Opcodes.ARETURN);
      });
      // A jump before super(): uninitializedThis in a frame.
      method(cw, ACC_PUBLIC, '<init>', '(Z)V', (mv) => {
        const call = new Label();
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitVarInsn(Opcodes.ILOAD, 1);
        mv.visitJumpInsn(Opcodes.IFEQ, call);
        mv.visitInsn(Opcodes.NOP);
        mv.visitLabel(call);
        mv.visitMethodInsn(Opcodes.INVOKESPECIAL, 'java/lang/Object', '<init>', '()V', false);
        mv.visitInsn(Opcodes.RETURN);
      });
    });
    const paths = bothPaths(bytes);
    expect(paths.transcoded).toBe(paths.events);
    expect(paths.transcoded).not.toMatch(/Error/);
    expect(paths.computedFromBytecode).toBe(2);
    expect(paths.computedByMethodWriter).toBe(0);
  });

  it('merges into handlers the locals of every block of their range (a block after each store)', () => {
    const bytes = sampleClass((cw) => {
      method(cw, STATIC, 'divide', '(I)I', (mv) => {
        const start = new Label();
        const end = new Label();
        const arithmetic = new Label();
        const any = new Label();
        const result = new Label();
        mv.visitTryCatchBlock(start, end, arithmetic, 'java/lang/ArithmeticException');
        mv.visitTryCatchBlock(start, end, any, null);
        mv.visitLabel(start);
        mv.visitLdcInsn('x');
        mv.visitVarInsn(Opcodes.ASTORE, 1);
        mv.visitVarInsn(Opcodes.ILOAD, 0);
        mv.visitInsn(Opcodes.ICONST_2);
        mv.visitInsn(Opcodes.IDIV);
        mv.visitVarInsn(Opcodes.ISTORE, 1);
        mv.visitVarInsn(Opcodes.ILOAD, 1);
        mv.visitVarInsn(Opcodes.ISTORE, 2);
        mv.visitLabel(end);
        mv.visitJumpInsn(Opcodes.GOTO, result);
        mv.visitLabel(arithmetic);
        mv.visitVarInsn(Opcodes.ASTORE, 3);
        mv.visitInsn(Opcodes.ICONST_0);
        mv.visitVarInsn(Opcodes.ISTORE, 2);
        mv.visitJumpInsn(Opcodes.GOTO, result);
        mv.visitLabel(any);
        mv.visitVarInsn(Opcodes.ASTORE, 3);
        mv.visitVarInsn(Opcodes.ALOAD, 3);
        mv.visitInsn(Opcodes.ATHROW);
        mv.visitLabel(result);
        mv.visitVarInsn(Opcodes.ILOAD, 2);
        mv.visitInsn(Opcodes.IRETURN);
      });
      // A handler range that ends with the code.
      method(cw, STATIC, 'toEnd', '()V', (mv) => {
        const start = new Label();
        const end = new Label();
        const handler = new Label();
        mv.visitTryCatchBlock(start, end, handler, 'java/lang/RuntimeException');
        mv.visitJumpInsn(Opcodes.GOTO, start);
        mv.visitLabel(handler);
        mv.visitInsn(Opcodes.POP);
        mv.visitInsn(Opcodes.RETURN);
        mv.visitLabel(start);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, 'java/lang/Thread', 'yield', '()V', false);
        mv.visitInsn(Opcodes.RETURN);
        mv.visitLabel(end);
      });
    });
    const paths = bothPaths(bytes);
    expect(paths.transcoded).toBe(paths.events);
    expect(paths.transcoded).not.toMatch(/Error/);
    expect(paths.computedFromBytecode).toBe(2);
    expect(paths.computedByMethodWriter).toBe(0);
  });

  it('replaces unreachable code with NOP…ATHROW and cuts it out of the handler ranges', () => {
    const bytes = sampleClass((cw) => {
      // After a return, without a label.
      method(cw, STATIC, 'afterReturn', '()V', (mv) => {
        mv.visitInsn(Opcodes.RETURN);
        mv.visitInsn(Opcodes.ICONST_0);
        mv.visitInsn(Opcodes.POP);
        mv.visitInsn(Opcodes.RETURN);
      });
      // Inside a handler range.
      method(cw, STATIC, 'inRange', '(I)I', (mv) => {
        const start = new Label();
        const end = new Label();
        const handler = new Label();
        mv.visitTryCatchBlock(start, end, handler, null);
        mv.visitLabel(start);
        mv.visitVarInsn(Opcodes.ILOAD, 0);
        mv.visitInsn(Opcodes.IRETURN);
        mv.visitInsn(Opcodes.ICONST_1);
        mv.visitInsn(Opcodes.IRETURN);
        mv.visitLabel(end);
        mv.visitLabel(handler);
        mv.visitInsn(Opcodes.POP);
        mv.visitInsn(Opcodes.ICONST_0);
        mv.visitInsn(Opcodes.IRETURN);
      });
      // A label only a dead jump goes to: a block MethodWriter simulates, never reached.
      method(cw, STATIC, 'deadTarget', '()V', (mv) => {
        const target = new Label();
        mv.visitInsn(Opcodes.RETURN);
        mv.visitJumpInsn(Opcodes.GOTO, target);
        mv.visitLabel(target);
        mv.visitInsn(Opcodes.ICONST_0);
        mv.visitInsn(Opcodes.POP);
        mv.visitInsn(Opcodes.RETURN);
      });
    });
    const paths = bothPaths(bytes);
    expect(paths.transcoded).toBe(paths.events);
    expect(paths.transcoded).not.toMatch(/Error/);
    expect(paths.computedFromBytecode).toBe(3);
    expect(paths.computedByMethodWriter).toBe(0);
  });
});

describe('invalid code, left to MethodWriter', () => {
  const cases: [string, (mv: MethodVisitor) => void][] = [
    ['pops below the empty stack (in one block)', (mv) => {
      mv.visitInsn(Opcodes.POP);
      mv.visitInsn(Opcodes.RETURN);
    }],
    ['pops below the stack a jump leaves', (mv) => {
      const target = new Label();
      mv.visitInsn(Opcodes.ICONST_0);
      mv.visitJumpInsn(Opcodes.IFEQ, target);
      mv.visitLabel(target);
      mv.visitInsn(Opcodes.POP);
      mv.visitInsn(Opcodes.RETURN);
    }],
    ['reaches two stack heights at one instruction', (mv) => {
      const join = new Label();
      mv.visitInsn(Opcodes.ICONST_0);
      mv.visitInsn(Opcodes.ICONST_1);
      mv.visitJumpInsn(Opcodes.IFEQ, join);
      mv.visitInsn(Opcodes.ICONST_2);
      mv.visitLabel(join);
      mv.visitInsn(Opcodes.RETURN);
    }],
    ['runs off the end of the code', (mv) => {
      const end = new Label();
      mv.visitInsn(Opcodes.ICONST_0);
      mv.visitJumpInsn(Opcodes.IFEQ, end);
      mv.visitInsn(Opcodes.RETURN);
      mv.visitLabel(end);
    }],
    ['has an invalid NEWARRAY type in a block never reached', (mv) => {
      const target = new Label();
      mv.visitInsn(Opcodes.RETURN);
      mv.visitJumpInsn(Opcodes.GOTO, target);
      mv.visitLabel(target);
      mv.visitInsn(Opcodes.ICONST_1);
      mv.visitIntInsn(Opcodes.NEWARRAY, 99);
      mv.visitInsn(Opcodes.POP);
      mv.visitInsn(Opcodes.RETURN);
    }],
    ['calls a method whose return type is not a type', (mv) => {
      const target = new Label();
      mv.visitInsn(Opcodes.ICONST_0);
      mv.visitJumpInsn(Opcodes.IFEQ, target);
      mv.visitLabel(target);
      mv.visitMethodInsn(Opcodes.INVOKESTATIC, 'Sample', 'odd', '()Q', false);
      mv.visitInsn(Opcodes.RETURN);
    }],
  ];
  for (const [what, body] of cases) {
    it(`gives MethodWriter's outcome for code that ${what}`, () => {
      const bytes = sampleClass((cw) => method(cw, STATIC, 'm', '()V', body));
      const paths = bothPaths(bytes);
      expect(paths.transcoded).toBe(paths.events);
      // Given up: MethodWriter simulated the code (and met the error there, or in computeAllFrames).
      expect(paths.computedFromBytecode).toBe(0);
    });
  }
});

describe('frames computed from the bytecode on java.base', () => {
  let classes: CorpusClass[];
  beforeAll(async () => {
    classes = await javaBaseClasses();
  }, 300_000);

  it('computes all but a few methods (the others through MethodWriter, with the same bytes: code-transcoder.test.ts)', () => {
    let methods = 0;
    for (const c of classes) {
      for (const m of readRawClassFile(c.bytes).methods) if (m.attributes.some((a) => a.name === 'Code')) methods++;
    }
    const written = countCalls(BytecodeFrames.prototype, 'write');
    const computed = countCalls(MethodWriter.prototype, 'computeAllFrames');
    for (const c of classes) outcome(c.bytes, computeFrames, false);
    console.log(
      `java.base: ${classes.length} classes, ${methods} methods with code; frames from the bytecode: ${written.calls}, ` +
        `through MethodWriter: ${computed.calls}`,
    );
    expect(written.calls + computed.calls).toBe(methods);
    expect(computed.calls * 200).toBeLessThan(methods);
  });
});
