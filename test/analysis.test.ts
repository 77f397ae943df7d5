// The analysis package (src/analysis): ASM's asm-analysis rebuilt in TypeScript.
//
// - BasicValue, Frame, SmallSet-backed SourceValue and AnalyzerException behave as ASM's;
// - broken code (stack underflow, wrong operand types, falling off the end, RET outside a
//   subroutine, incompatible stack heights) fails with ASM's messages, the instruction index and
//   the method's name and descriptor;
// - JSR/RET subroutines, built by hand (javac no longer emits them), are analyzed as ASM does;
// - SimpleVerifier answers from a class hierarchy instead of a class loader, and names unknown classes;
// - ASM 9 itself (the Debian jars) is the oracle: the frames of every method of the fixtures and of
//   the hand-built classes, printed the same way, are identical for BasicInterpreter, BasicVerifier,
//   SimpleVerifier and SourceInterpreter, error messages included. The Debian jars are ASM 9.4; this
//   port follows ASM 9.8, whose Frame passes every value a DUP/SWAP pushes through copyOperation (the
//   harness's Frame98 does the same on 9.4) and whose Analyzer also merges the frame after an
//   instruction into its handlers (only SourceValues see that: methods with handlers are left out
//   of the SourceInterpreter comparison).

import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClassReader } from '../src/asm/class-reader.js';
import { ClassWriter, type ClassHierarchy } from '../src/asm/class-writer.js';
import { Label } from '../src/asm/label.js';
import type { MethodVisitor } from '../src/asm/method-visitor.js';
import { Opcodes } from '../src/asm/opcodes.js';
import { Type } from '../src/asm/type.js';
import { ClassNode } from '../src/tree/class-node.js';
import { InsnNode } from '../src/tree/insn-node.js';
import type { MethodNode } from '../src/tree/method-node.js';
import { Analyzer } from '../src/analysis/analyzer.js';
import { AnalyzerException } from '../src/analysis/analyzer-exception.js';
import { BasicInterpreter } from '../src/analysis/basic-interpreter.js';
import { BasicValue } from '../src/analysis/basic-value.js';
import { BasicVerifier } from '../src/analysis/basic-verifier.js';
import { Frame } from '../src/analysis/frame.js';
import type { Interpreter } from '../src/analysis/interpreter.js';
import { SimpleVerifier } from '../src/analysis/simple-verifier.js';
import { SmallSet } from '../src/analysis/small-set.js';
import { SourceInterpreter } from '../src/analysis/source-interpreter.js';
import { SourceValue } from '../src/analysis/source-value.js';
import type { Value } from '../src/analysis/value.js';
import { javaBaseClasses } from './support/corpus.js';
import { compileFixtureBuild, fixtureBuilds } from './support/fixture-builds.js';
import { compileJava, makeTempDir, runJava } from './support/javac.js';

// ## Hand-built classes (version 49: no StackMapTable needed, JSR allowed)

type Body = (mv: MethodVisitor) => void;

interface MethodSpec {
  name: string;
  desc: string;
  access?: number;
  maxStack: number;
  maxLocals: number;
  body: Body;
}

function buildClass(name: string, methods: MethodSpec[]): Uint8Array {
  const cw = new ClassWriter(0);
  cw.visit(Opcodes.V1_5, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, name, null, 'java/lang/Object', null);
  for (const spec of methods) {
    const mv = cw.visitMethod(spec.access ?? Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, spec.name, spec.desc, null, null)!;
    mv.visitCode();
    spec.body(mv);
    mv.visitMaxs(spec.maxStack, spec.maxLocals);
    mv.visitEnd();
  }
  cw.visitEnd();
  return cw.toByteArray();
}

/** Methods with JSR/RET subroutines (JVMS §4.10.2.5), valid for the old verifier. */
const subroutineMethods: MethodSpec[] = [
  {
    // try { x = 1 } finally { x++ } return x: a subroutine called once.
    name: 'finallyOnce',
    desc: '(I)I',
    maxStack: 1,
    maxLocals: 3,
    body: (mv) => {
      const sub = new Label();
      mv.visitInsn(Opcodes.ICONST_1);
      mv.visitVarInsn(Opcodes.ISTORE, 1);
      mv.visitJumpInsn(Opcodes.JSR, sub);
      mv.visitVarInsn(Opcodes.ILOAD, 1);
      mv.visitInsn(Opcodes.IRETURN);
      mv.visitLabel(sub);
      mv.visitVarInsn(Opcodes.ASTORE, 2);
      mv.visitIincInsn(1, 1);
      mv.visitVarInsn(Opcodes.RET, 2);
    },
  },
  {
    // A subroutine called from three places, where local 1 holds a reference, an int, or nothing:
    // after each RET, local 1 (unused by the subroutine) is the caller's again.
    name: 'finallyThrice',
    desc: '(I)I',
    maxStack: 1,
    maxLocals: 4,
    body: (mv) => {
      const start = new Label();
      const elseLabel = new Label();
      const end = new Label();
      const handler = new Label();
      const sub = new Label();
      mv.visitTryCatchBlock(start, end, handler, null);
      mv.visitLabel(start);
      mv.visitVarInsn(Opcodes.ILOAD, 0);
      mv.visitJumpInsn(Opcodes.IFEQ, elseLabel);
      mv.visitInsn(Opcodes.ACONST_NULL);
      mv.visitVarInsn(Opcodes.ASTORE, 1);
      mv.visitJumpInsn(Opcodes.JSR, sub);
      mv.visitVarInsn(Opcodes.ALOAD, 1);
      mv.visitInsn(Opcodes.POP);
      mv.visitJumpInsn(Opcodes.GOTO, end);
      mv.visitLabel(elseLabel);
      mv.visitInsn(Opcodes.ICONST_0);
      mv.visitVarInsn(Opcodes.ISTORE, 1);
      mv.visitJumpInsn(Opcodes.JSR, sub);
      mv.visitVarInsn(Opcodes.ILOAD, 1);
      mv.visitInsn(Opcodes.POP);
      mv.visitLabel(end);
      mv.visitVarInsn(Opcodes.ILOAD, 0);
      mv.visitInsn(Opcodes.IRETURN);
      mv.visitLabel(handler);
      mv.visitVarInsn(Opcodes.ASTORE, 3);
      mv.visitJumpInsn(Opcodes.JSR, sub);
      mv.visitVarInsn(Opcodes.ALOAD, 3);
      mv.visitInsn(Opcodes.ATHROW);
      mv.visitLabel(sub);
      mv.visitVarInsn(Opcodes.ASTORE, 2);
      mv.visitIincInsn(0, 1);
      mv.visitVarInsn(Opcodes.RET, 2);
    },
  },
  {
    // Nested subroutines: the outer one calls the inner one, which writes a long.
    name: 'nested',
    desc: '()J',
    maxStack: 2,
    maxLocals: 6,
    body: (mv) => {
      const outer = new Label();
      const inner = new Label();
      mv.visitInsn(Opcodes.LCONST_0);
      mv.visitVarInsn(Opcodes.LSTORE, 0);
      mv.visitJumpInsn(Opcodes.JSR, outer);
      mv.visitVarInsn(Opcodes.LLOAD, 0);
      mv.visitInsn(Opcodes.LRETURN);
      mv.visitLabel(outer);
      mv.visitVarInsn(Opcodes.ASTORE, 2);
      mv.visitJumpInsn(Opcodes.JSR, inner);
      mv.visitVarInsn(Opcodes.RET, 2);
      mv.visitLabel(inner);
      mv.visitVarInsn(Opcodes.ASTORE, 3);
      mv.visitInsn(Opcodes.LCONST_1);
      mv.visitVarInsn(Opcodes.LSTORE, 4);
      mv.visitVarInsn(Opcodes.RET, 3);
    },
  },
];

/** Methods that the analyzers must reject; `basic` is the message expected from BasicVerifier. */
const brokenMethods: (MethodSpec & { basic: string; index: number })[] = [
  {
    name: 'underflow',
    desc: '()V',
    maxStack: 1,
    maxLocals: 0,
    basic: 'Error at instruction 0: Cannot pop operand off an empty stack.',
    index: 0,
    body: (mv) => {
      mv.visitInsn(Opcodes.POP);
      mv.visitInsn(Opcodes.RETURN);
    },
  },
  {
    name: 'intAsReference',
    desc: '()Ljava/lang/Object;',
    maxStack: 1,
    maxLocals: 0,
    basic: 'Error at instruction 1: Expected an object reference, but found I',
    index: 1,
    body: (mv) => {
      mv.visitInsn(Opcodes.ICONST_1);
      mv.visitInsn(Opcodes.ARETURN);
    },
  },
  {
    name: 'referenceAsInt',
    desc: '(Ljava/lang/String;)I',
    maxStack: 2,
    maxLocals: 1,
    basic: 'Error at instruction 2: First argument: expected I, but found R',
    index: 2,
    body: (mv) => {
      mv.visitVarInsn(Opcodes.ALOAD, 0);
      mv.visitInsn(Opcodes.ICONST_1);
      mv.visitInsn(Opcodes.IADD);
      mv.visitInsn(Opcodes.IRETURN);
    },
  },
  {
    name: 'badArgument',
    desc: '()V',
    maxStack: 1,
    maxLocals: 0,
    basic: 'Error at instruction 1: Argument 1: expected R, but found F',
    index: 1,
    body: (mv) => {
      mv.visitInsn(Opcodes.FCONST_0);
      mv.visitMethodInsn(Opcodes.INVOKESTATIC, 'java/lang/String', 'valueOf', '(Ljava/lang/Object;)Ljava/lang/String;', false);
      mv.visitInsn(Opcodes.RETURN);
    },
  },
  {
    name: 'fallsOffTheEnd',
    desc: '()V',
    maxStack: 1,
    maxLocals: 0,
    basic: 'Execution can fall off the end of the code',
    index: 1,
    body: (mv) => {
      mv.visitInsn(Opcodes.ICONST_1);
      mv.visitInsn(Opcodes.POP);
    },
  },
  {
    name: 'stackHeights',
    desc: '(I)V',
    maxStack: 2,
    maxLocals: 1,
    basic: 'Error at instruction 3: Incompatible stack heights',
    index: 3,
    body: (mv) => {
      const join = new Label();
      mv.visitInsn(Opcodes.ICONST_0);
      mv.visitVarInsn(Opcodes.ILOAD, 0);
      mv.visitJumpInsn(Opcodes.IFEQ, join);
      mv.visitInsn(Opcodes.ICONST_0);
      mv.visitLabel(join);
      mv.visitInsn(Opcodes.RETURN);
    },
  },
  {
    name: 'retOutsideSubroutine',
    desc: '()V',
    maxStack: 1,
    maxLocals: 1,
    basic: 'Error at instruction 1: RET instruction outside of a subroutine',
    index: 1,
    body: (mv) => {
      mv.visitInsn(Opcodes.ACONST_NULL);
      mv.visitVarInsn(Opcodes.RET, 0);
    },
  },
  {
    name: 'stackOverflow',
    desc: '()V',
    maxStack: 1,
    maxLocals: 0,
    basic: 'Error at instruction 1: Insufficient maximum stack size.',
    index: 1,
    body: (mv) => {
      mv.visitInsn(Opcodes.ICONST_0);
      mv.visitInsn(Opcodes.ICONST_0);
      mv.visitInsn(Opcodes.RETURN);
    },
  },
  {
    name: 'wrongReturn',
    desc: '()I',
    maxStack: 0,
    maxLocals: 0,
    basic: 'Error at instruction 0: Incompatible return type',
    index: 0,
    body: (mv) => {
      mv.visitInsn(Opcodes.RETURN);
    },
  },
];

function classNodeOf(bytes: Uint8Array, flags = 0): ClassNode {
  const classNode = new ClassNode();
  new ClassReader(bytes).accept(classNode, flags);
  return classNode;
}

function methodOf(classNode: ClassNode, name: string): MethodNode {
  const method = classNode.methods.find((m) => m.name === name);
  if (method === undefined) throw new Error(`no method ${name}`);
  return method;
}

function analyzeError(interpreter: Interpreter<Value>, owner: string, method: MethodNode): AnalyzerException {
  try {
    new Analyzer<Value>(interpreter).analyze(owner, method);
  } catch (e) {
    expect(e).toBeInstanceOf(AnalyzerException);
    return e as AnalyzerException;
  }
  throw new Error(`${method.name} was accepted`);
}

// ## Values, frames, sets

describe('BasicValue', () => {
  it('has ASM constants, sizes, equality and strings', () => {
    expect(BasicValue.LONG_VALUE.getSize()).toBe(2);
    expect(BasicValue.DOUBLE_VALUE.getSize()).toBe(2);
    expect(BasicValue.INT_VALUE.getSize()).toBe(1);
    expect(BasicValue.UNINITIALIZED_VALUE.getSize()).toBe(1);
    expect(BasicValue.REFERENCE_VALUE.isReference()).toBe(true);
    expect(BasicValue.RETURNADDRESS_VALUE.isReference()).toBe(false);
    expect(BasicValue.UNINITIALIZED_VALUE.getType()).toBeNull();
    expect(
      [
        BasicValue.UNINITIALIZED_VALUE,
        BasicValue.INT_VALUE,
        BasicValue.FLOAT_VALUE,
        BasicValue.LONG_VALUE,
        BasicValue.DOUBLE_VALUE,
        BasicValue.REFERENCE_VALUE,
        BasicValue.RETURNADDRESS_VALUE,
      ].map(String),
    ).toEqual(['.', 'I', 'F', 'J', 'D', 'R', 'A']);
    const string = new BasicValue(Type.getObjectType('java/lang/String'));
    expect(string.toString()).toBe('Ljava/lang/String;');
    expect(string.equals(new BasicValue(Type.getType('Ljava/lang/String;')))).toBe(true);
    expect(string.hashCode()).toBe(Type.getObjectType('java/lang/String').hashCode());
    expect(new BasicValue(Type.getObjectType('java/lang/Object')).equals(BasicValue.REFERENCE_VALUE)).toBe(true);
    expect(new BasicValue(null).equals(BasicValue.UNINITIALIZED_VALUE)).toBe(true);
    expect(BasicValue.INT_VALUE.equals(BasicValue.FLOAT_VALUE)).toBe(false);
    expect(BasicValue.INT_VALUE.equals('I')).toBe(false);
  });
});

describe('Frame', () => {
  it('holds locals and a stack, copies, and prints as ASM', () => {
    const frame = new Frame<BasicValue>(3, 2);
    frame.setLocal(0, BasicValue.REFERENCE_VALUE);
    frame.setLocal(1, BasicValue.LONG_VALUE);
    frame.setLocal(2, BasicValue.UNINITIALIZED_VALUE);
    frame.push(BasicValue.INT_VALUE);
    frame.push(BasicValue.DOUBLE_VALUE);
    expect(frame.getLocals()).toBe(3);
    expect(frame.getStackSize()).toBe(2);
    expect(frame.getMaxStackSize()).toBe(2);
    expect(frame.toString()).toBe('RJ. ID');
    expect(() => frame.push(BasicValue.INT_VALUE)).toThrow('Insufficient maximum stack size.');
    const copy = new Frame<BasicValue>(frame);
    expect(copy.toString()).toBe('RJ. ID');
    expect(copy.pop()).toBe(BasicValue.DOUBLE_VALUE);
    expect(frame.getStack(1)).toBe(BasicValue.DOUBLE_VALUE);
    copy.setStack(0, BasicValue.FLOAT_VALUE);
    expect(copy.toString()).toBe('RJ. F');
    copy.clearStack();
    expect(() => copy.pop()).toThrow('Cannot pop operand off an empty stack.');
    expect(() => copy.getLocal(3)).toThrow('Trying to get an inexistant local variable 3');
    expect(() => copy.setLocal(3, BasicValue.INT_VALUE)).toThrow('Trying to set an inexistant local variable 3');
    expect(copy.init(frame).toString()).toBe('RJ. ID');
  });

  it('grows without bound when created with maxStack -1', () => {
    const frame = new Frame<BasicValue>(1, -1);
    for (let i = 0; i < 100; ++i) frame.push(BasicValue.INT_VALUE);
    expect(frame.getStackSize()).toBe(100);
  });

  it('merges with an interpreter, or with the locals a subroutine used', () => {
    const interpreter = new BasicInterpreter();
    const a = new Frame<BasicValue>(2, 1);
    a.setLocal(0, BasicValue.INT_VALUE);
    a.setLocal(1, BasicValue.REFERENCE_VALUE);
    const b = new Frame<BasicValue>(a);
    expect(a.merge(b, interpreter)).toBe(false);
    b.setLocal(1, BasicValue.FLOAT_VALUE);
    expect(a.merge(b, interpreter)).toBe(true);
    expect(a.toString()).toBe('I. ');
    b.push(BasicValue.INT_VALUE);
    expect(() => a.merge(b, interpreter)).toThrow('Incompatible stack heights');
    const c = new Frame<BasicValue>(2, 1);
    c.setLocal(0, BasicValue.LONG_VALUE);
    c.setLocal(1, BasicValue.LONG_VALUE);
    expect(a.merge(c, [true, false])).toBe(true);
    expect(a.toString()).toBe('IJ ');
  });

  it('executes instructions, rejecting misuse of the stack', () => {
    const interpreter = new BasicInterpreter();
    const frame = new Frame<BasicValue>(0, 4);
    frame.push(BasicValue.LONG_VALUE);
    expect(() => frame.execute(new InsnNode(Opcodes.POP), interpreter)).toThrow('Illegal use of POP');
    frame.push(BasicValue.INT_VALUE);
    frame.execute(new InsnNode(Opcodes.DUP), interpreter);
    frame.execute(new InsnNode(Opcodes.I2L), interpreter);
    expect(frame.toString()).toBe(' IJ');
    expect(() => frame.execute(new InsnNode(Opcodes.SWAP), interpreter)).toThrow('Illegal use of SWAP');
  });
});

describe('SourceValue and SmallSet', () => {
  it('unions sets of instructions by identity', () => {
    const [i1, i2, i3] = [new InsnNode(Opcodes.NOP), new InsnNode(Opcodes.NOP), new InsnNode(Opcodes.NOP)];
    const s1 = new SmallSet(i1);
    const s2 = new SmallSet(i2);
    const s12 = s1.union(s2);
    expect(s12.size).toBe(2);
    expect(s12).toBeInstanceOf(SmallSet);
    expect(s1.union(new SmallSet(i1))).toBe(s1);
    expect((s12 as SmallSet<InsnNode>).union(s1)).toBe(s12);
    expect(new SmallSet<InsnNode>().union(s1)).toBe(s1);
    const s123 = (s12 as SmallSet<InsnNode>).union(new SmallSet(i3));
    expect(s123).toBeInstanceOf(Set);
    expect([...s123]).toEqual([i1, i2, i3]);
    expect(new SourceValue(1, i1).equals(new SourceValue(1, new Set([i1])))).toBe(true);
    expect(new SourceValue(1, i1).equals(new SourceValue(2, i1))).toBe(false);
    const interpreter = new SourceInterpreter();
    const merged = interpreter.merge(new SourceValue(1, i1), new SourceValue(1, s12));
    expect([...merged.insns]).toEqual([i1, i2]);
    const v = new SourceValue(1, s12);
    expect(interpreter.merge(v, new SourceValue(1, i2))).toBe(v);
  });
});

describe('AnalyzerException', () => {
  it('formats ASM messages', () => {
    expect(new AnalyzerException(null, 'boom').message).toBe('boom');
    expect(new AnalyzerException(null, null, BasicValue.INT_VALUE, BasicValue.REFERENCE_VALUE).message).toBe('Expected I, but found R');
    expect(new AnalyzerException(null, 'Argument 1', 'an array', BasicValue.INT_VALUE).message).toBe('Argument 1: expected an array, but found I');
    const cause = new Error('inner');
    expect(new AnalyzerException(null, 'outer', cause).cause).toBe(cause);
  });
});

// ## Broken code

describe('Analyzer on broken code', () => {
  const bytes = buildClass('Broken', brokenMethods);
  const classNode = classNodeOf(bytes);

  for (const spec of brokenMethods) {
    it(`${spec.name}: ${spec.basic}`, () => {
      const method = methodOf(classNode, spec.name);
      const error = analyzeError(new BasicVerifier(), 'Broken', method);
      expect(error.message).toBe(spec.basic);
      expect(error.insnIndex).toBe(spec.index);
      expect(error.owner).toBe('Broken');
      expect(error.methodName).toBe(spec.name);
      expect(error.methodDescriptor).toBe(spec.desc);
      if (error.node !== null) expect(method.instructions.indexOf(error.node)).toBe(spec.index);
    });
  }

  it('BasicInterpreter does not check operand types, but still checks the stack', () => {
    const analyzer = new Analyzer(new BasicInterpreter());
    expect(() => analyzer.analyze('Broken', methodOf(classNode, 'intAsReference'))).not.toThrow();
    expect(() => analyzer.analyze('Broken', methodOf(classNode, 'underflow'))).toThrow(AnalyzerException);
  });
});

// ## Subroutines

describe('Analyzer with JSR/RET subroutines', () => {
  const bytes = buildClass('Subroutines', subroutineMethods);
  const classNode = classNodeOf(bytes);

  it('gives the caller its locals back after RET', () => {
    const method = methodOf(classNode, 'finallyThrice');
    const frames = new Analyzer(new BasicVerifier()).analyze('Subroutines', method);
    const insns = method.instructions;
    // The instructions right after each JSR: local 1 is R, I, then R again (the handler's frame).
    const afterJsr: string[] = [];
    for (let i = 0; i < insns.size(); ++i) {
      if (insns.get(i).getOpcode() === Opcodes.JSR) afterJsr.push(String(frames[i + 1]));
    }
    // After the 2nd and 3rd JSR, locals 0 and 2 (used by the subroutine) come from the RET, locals 1
    // and 3 from the caller. The code after the 1st JSR stays unreached, exactly as with ASM: the
    // RET was analyzed before that JSR was reached, and that JSR changes neither the subroutine's
    // frame nor its callers (found beforehand), so the RET is not analyzed again (ASM's Analyzer
    // "does not fully check that JSR and RET instructions are valid").
    expect(afterJsr).toEqual(['null', 'IIA. ', 'I.AR ']);
    // In the subroutine, local 1 is unusable (R merged with I).
    const retIndex = insns.toArray().findIndex((insn) => insn.getOpcode() === Opcodes.RET);
    expect(frames[retIndex]!.toString()).toBe('I.A. ');
  });

  it('tracks nested subroutines and long locals', () => {
    const method = methodOf(classNode, 'nested');
    const frames = new Analyzer(new BasicVerifier()).analyze('Subroutines', method);
    const lreturn = method.instructions.toArray().findIndex((insn) => insn.getOpcode() === Opcodes.LRETURN);
    expect(frames[lreturn]!.toString()).toBe('J.A... J');
  });

  it('computes maxs of methods with subroutines', () => {
    const method = methodOf(classNodeOf(bytes), 'nested');
    new Analyzer(new BasicInterpreter()).analyzeAndComputeMaxs('Subroutines', method);
    expect(method.maxLocals).toBe(6);
    expect(method.maxStack).toBe(2);
  });
});

// ## Analyzer API

describe('Analyzer', () => {
  it('returns null frames for dead code, no frames for abstract methods, and the handlers of each instruction', () => {
    const bytes = buildClass('Api', [
      {
        name: 'dead',
        desc: '()V',
        maxStack: 1,
        maxLocals: 1,
        body: (mv) => {
          const start = new Label();
          const end = new Label();
          const handler = new Label();
          mv.visitTryCatchBlock(start, end, handler, 'java/lang/RuntimeException');
          mv.visitLabel(start);
          mv.visitInsn(Opcodes.RETURN);
          mv.visitInsn(Opcodes.NOP);
          mv.visitLabel(end);
          mv.visitLabel(handler);
          mv.visitVarInsn(Opcodes.ASTORE, 0);
          mv.visitInsn(Opcodes.RETURN);
        },
      },
    ]);
    const classNode = classNodeOf(bytes);
    const method = methodOf(classNode, 'dead');
    const edges: string[] = [];
    class EdgeAnalyzer extends Analyzer<BasicValue> {
      protected override newControlFlowEdge(insnIndex: number, successorIndex: number): void {
        edges.push(`${insnIndex}->${successorIndex}`);
      }
      protected override newControlFlowExceptionEdge(insnIndex: number, successorIndex: number): boolean {
        edges.push(`${insnIndex}=>${successorIndex}`);
        return true;
      }
    }
    const analyzer = new EdgeAnalyzer(new BasicVerifier());
    const frames = analyzer.analyze('Api', method);
    expect(frames.length).toBe(method.instructions.size());
    expect(frames.map((f) => (f === null ? null : f.toString()))).toEqual(['. ', '. ', null, '. R', '. R', 'R ']);
    expect(analyzer.getFrames()).toBe(frames);
    expect(analyzer.getHandlers(1)!.map((h) => h.type)).toEqual(['java/lang/RuntimeException']);
    expect(analyzer.getHandlers(3)).toBeNull();
    // The work list is a stack: the handler's code is analyzed before the exception edge of insn 1.
    expect(edges).toEqual(['0->1', '0=>3', '3->4', '4->5', '1=>3']);

    const abstractMethod = new ClassNode();
    const mv = abstractMethod.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_ABSTRACT, 'a', '()V', null, null)!;
    mv.visitEnd();
    expect(new Analyzer(new BasicInterpreter()).analyze('A', abstractMethod.methods[0]!)).toEqual([]);
  });

  it('computes maxLocals and maxStack', () => {
    const bytes = buildClass('Maxs', [
      {
        name: 'm',
        desc: '(JI)D',
        maxStack: 0,
        maxLocals: 0,
        body: (mv) => {
          mv.visitVarInsn(Opcodes.LLOAD, 0);
          mv.visitInsn(Opcodes.L2D);
          mv.visitInsn(Opcodes.DUP2);
          mv.visitInsn(Opcodes.DADD);
          mv.visitVarInsn(Opcodes.DSTORE, 4);
          mv.visitVarInsn(Opcodes.DLOAD, 4);
          mv.visitInsn(Opcodes.DRETURN);
        },
      },
    ]);
    const method = methodOf(classNodeOf(bytes), 'm');
    new Analyzer(new BasicVerifier()).analyzeAndComputeMaxs('Maxs', method);
    expect(method.maxLocals).toBe(6);
    expect(method.maxStack).toBe(4);
  });
});

// ## SimpleVerifier

/** A ClassHierarchy from class files, as ClassPath answers it. */
function hierarchyOf(classes: readonly { name: string; bytes: Uint8Array }[]): ClassHierarchy {
  const infos = new Map<string, { superName: string | null; access: number; interfaces: string[] }>();
  for (const { name, bytes } of classes) {
    if (name.endsWith('module-info')) continue;
    const reader = new ClassReader(bytes);
    infos.set(reader.getClassName(), { superName: reader.getSuperName(), access: reader.getAccess(), interfaces: reader.getInterfaces() });
  }
  return {
    getSuperName: (name) => infos.get(name)?.superName,
    isInterface: (name) => {
      const info = infos.get(name);
      return info === undefined ? undefined : (info.access & Opcodes.ACC_INTERFACE) !== 0;
    },
    getInterfaces: (name) => infos.get(name)?.interfaces,
  };
}

function simpleVerifierFor(classNode: ClassNode, hierarchy: ClassHierarchy | null): SimpleVerifier {
  const verifier = new SimpleVerifier(
    Type.getObjectType(classNode.name),
    classNode.superName === null ? null : Type.getObjectType(classNode.superName),
    classNode.interfaces.map((name) => Type.getObjectType(name)),
    (classNode.access & Opcodes.ACC_INTERFACE) !== 0,
  );
  if (hierarchy !== null) verifier.setClassHierarchy(hierarchy);
  return verifier;
}

describe('SimpleVerifier', () => {
  it('merges to common super classes and checks assignability from the class hierarchy', async () => {
    const hierarchy = hierarchyOf(await javaBaseClasses());
    const verifier = new SimpleVerifier();
    verifier.setClassHierarchy(hierarchy);
    const value = (name: string) => verifier.newValue(Type.getType(name))!;
    expect(verifier.merge(value('Ljava/lang/Integer;'), value('Ljava/lang/Long;')).toString()).toBe('Ljava/lang/Number;');
    expect(verifier.merge(value('Ljava/util/ArrayList;'), value('Ljava/util/LinkedList;')).toString()).toBe('Ljava/util/AbstractList;');
    expect(verifier.merge(value('[Ljava/lang/Integer;'), value('[Ljava/lang/Long;')).toString()).toBe('[Ljava/lang/Number;');
    expect(verifier.merge(value('[I'), value('[J')).toString()).toBe('Ljava/lang/Object;');
    expect(verifier.merge(value('[[I'), value('[Ljava/lang/String;')).toString()).toBe('[Ljava/lang/Object;');
    expect(verifier.merge(verifier.newOperation(new InsnNode(Opcodes.ACONST_NULL)), value('Ljava/lang/String;')).toString()).toBe(
      'Ljava/lang/String;',
    );
    expect(verifier.merge(value('Ljava/util/List;'), value('Ljava/util/ArrayList;')).toString()).toBe('Ljava/util/List;');
    expect(verifier.merge(BasicValue.INT_VALUE, value('Ljava/lang/String;'))).toBe(BasicValue.UNINITIALIZED_VALUE);
  });

  it('names a class missing from the hierarchy, given or the default one', async () => {
    const bytes = buildClass('Unknown', [
      {
        name: 'm',
        desc: '(Z)Ljava/lang/Object;',
        maxStack: 1,
        maxLocals: 1,
        body: (mv) => {
          const other = new Label();
          const join = new Label();
          mv.visitVarInsn(Opcodes.ILOAD, 0);
          mv.visitJumpInsn(Opcodes.IFEQ, other);
          mv.visitTypeInsn(Opcodes.NEW, 'com/example/Missing');
          mv.visitJumpInsn(Opcodes.GOTO, join);
          mv.visitLabel(other);
          mv.visitLdcInsn('s');
          mv.visitLabel(join);
          mv.visitInsn(Opcodes.ARETURN);
        },
      },
    ]);
    const classNode = classNodeOf(bytes);
    const method = methodOf(classNode, 'm');
    const error = analyzeError(simpleVerifierFor(classNode, hierarchyOf(await javaBaseClasses())), 'Unknown', method);
    expect(error.message).toBe('Error at instruction 3: Class com/example/Missing not found in the class hierarchy given to SimpleVerifier');
    expect(error.insnIndex).toBe(3);
    const noHierarchy = analyzeError(simpleVerifierFor(classNode, null), 'Unknown', method);
    expect(noHierarchy.message).toMatch(
      /^Error at instruction 3: Class com\/example\/Missing not found in SimpleVerifier's default class hierarchy, the current JDK \(.*\): call setClassHierarchy/,
    );
  });

  it('without setClassHierarchy, knows the classes of the current JDK (as ASM, whose default class loader does)', () => {
    // The snippets of ASM's documentation: new Analyzer<>(new SimpleVerifier()).analyze(owner, method).
    const verifier = new SimpleVerifier();
    expect(verifier.getClassHierarchy()).toBeNull();
    const value = (name: string) => verifier.newValue(Type.getType(name))!;
    expect(verifier.merge(value('Ljava/lang/String;'), value('Ljava/lang/StringBuilder;')).toString()).toBe('Ljava/lang/Object;');
    expect(verifier.merge(value('Ljava/lang/Integer;'), value('Ljava/lang/Long;')).toString()).toBe('Ljava/lang/Number;');

    const bytes = buildClass('NoHierarchy', [
      {
        name: 'first',
        desc: '([Ljava/lang/String;)Ljava/lang/String;',
        maxStack: 2,
        maxLocals: 1,
        body: (mv) => {
          mv.visitVarInsn(Opcodes.ALOAD, 0);
          mv.visitInsn(Opcodes.ICONST_0);
          mv.visitInsn(Opcodes.AALOAD);
          mv.visitInsn(Opcodes.ARETURN);
        },
      },
      {
        name: 'wrong',
        desc: '()Ljava/lang/Integer;',
        maxStack: 1,
        maxLocals: 0,
        body: (mv) => {
          mv.visitLdcInsn('s');
          mv.visitInsn(Opcodes.ARETURN);
        },
      },
    ]);
    const classNode = classNodeOf(bytes);
    const frames = new Analyzer<BasicValue>(new SimpleVerifier()).analyze('NoHierarchy', methodOf(classNode, 'first'));
    expect(frames[3]!.getStack(0).toString()).toBe('Ljava/lang/String;');
    expect(analyzeError(new SimpleVerifier(), 'NoHierarchy', methodOf(classNode, 'wrong')).message).toBe(
      'Error at instruction 1: Incompatible return type: expected Ljava/lang/Integer;, but found Ljava/lang/String;',
    );
  });
});

// ## ASM as the oracle

const ASM_JARS = ['asm.jar', 'asm-tree.jar', 'asm-analysis.jar'].map((name) => join('/usr/share/java', name));
const asmMissing = ASM_JARS.filter((jar) => !existsSync(jar));

const ORACLE_SOURCE = `
import java.nio.file.*;
import java.net.*;
import java.util.*;
import java.util.stream.*;
import org.objectweb.asm.*;
import org.objectweb.asm.tree.*;
import org.objectweb.asm.tree.analysis.*;

/** Prints the frames ASM's Analyzer computes for every method of the classes under the given directories. */
public class AnalysisOracle {
  public static void main(String[] args) throws Exception {
    String mode = args[0];
    List<URL> urls = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      Path dir = Paths.get(args[i]);
      urls.add(dir.toUri().toURL());
      try (Stream<Path> s = Files.walk(dir)) {
        s.filter(p -> p.toString().endsWith(".class") && !p.getFileName().toString().equals("module-info.class")).forEach(files::add);
      }
    }
    ClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), AnalysisOracle.class.getClassLoader());
    List<ClassNode> classes = new ArrayList<>();
    for (Path file : files) {
      ClassNode classNode = new ClassNode();
      new ClassReader(Files.readAllBytes(file)).accept(classNode, 0);
      classes.add(classNode);
    }
    classes.sort(Comparator.comparing(c -> c.name));
    StringBuilder out = new StringBuilder();
    for (ClassNode classNode : classes) {
      for (MethodNode method : classNode.methods) {
        out.append("## ").append(classNode.name).append('.').append(method.name).append(method.desc).append('\\n');
        if (mode.equals("source") && !method.tryCatchBlocks.isEmpty()) continue;
        Interpreter<?> interpreter;
        switch (mode) {
          case "basic": interpreter = new BasicInterpreter(); break;
          case "verifier": interpreter = new BasicVerifier(); break;
          case "source": interpreter = new SourceInterpreter(); break;
          default: {
            List<Type> interfaces = new ArrayList<>();
            for (String name : classNode.interfaces) interfaces.add(Type.getObjectType(name));
            SimpleVerifier verifier = new SimpleVerifier(Type.getObjectType(classNode.name),
                classNode.superName == null ? null : Type.getObjectType(classNode.superName), interfaces,
                (classNode.access & Opcodes.ACC_INTERFACE) != 0);
            verifier.setClassLoader(loader);
            interpreter = verifier;
          }
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        Analyzer<Value> analyzer = new Analyzer<Value>((Interpreter) interpreter) {
          @Override protected Frame<Value> newFrame(int numLocals, int numStack) { return new Frame98(numLocals, numStack); }
          @Override protected Frame<Value> newFrame(Frame<? extends Value> frame) { return new Frame98(frame); }
        };
        try {
          Frame<Value>[] frames = analyzer.analyze(classNode.name, method);
          for (int i = 0; i < frames.length; i++) {
            out.append(i).append(": ").append(frames[i] == null ? "null" : render(frames[i], method, mode)).append('\\n');
          }
        } catch (AnalyzerException e) {
          out.append("ERROR ").append(e.getMessage()).append('\\n');
        }
      }
    }
    System.out.print(out);
  }

  /** ASM 9.8's Frame: every value that DUP*, SWAP push goes through copyOperation (9.4 pushes some back as is). */
  static class Frame98 extends Frame<Value> {
    Frame98(int numLocals, int numStack) { super(numLocals, numStack); }
    Frame98(Frame<? extends Value> frame) { super(frame); }

    @Override
    public void execute(AbstractInsnNode insn, Interpreter<Value> interpreter) throws AnalyzerException {
      int opcode = insn.getOpcode();
      if (opcode < Opcodes.DUP || opcode > Opcodes.SWAP) {
        super.execute(insn, interpreter);
        return;
      }
      int[] words = {1, 2, 3, 2, 3, 4, 2}; // DUP, DUP_X1, DUP_X2, DUP2, DUP2_X1, DUP2_X2, SWAP
      int first = getStackSize();
      for (int w = 0; w < words[opcode - Opcodes.DUP] && first > 0; ) w += getStack(--first).getSize();
      super.execute(insn, interpreter);
      for (int i = first; i < getStackSize(); i++) setStack(i, interpreter.copyOperation(insn, getStack(i)));
    }
  }

  static String render(Frame<Value> frame, MethodNode method, String mode) {
    if (!mode.equals("source")) return frame.toString();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < frame.getLocals(); i++) sb.append(source(frame.getLocal(i), method));
    sb.append(" |");
    for (int i = 0; i < frame.getStackSize(); i++) sb.append(source(frame.getStack(i), method));
    return sb.toString();
  }

  static String source(Value value, MethodNode method) {
    if (value == null) return " null";
    SourceValue v = (SourceValue) value;
    int[] indexes = v.insns.stream().mapToInt(insn -> method.instructions.indexOf(insn)).sorted().toArray();
    return " " + v.size + Arrays.toString(indexes).replace(" ", "");
  }
}
`;

function renderSource(value: SourceValue | null, method: MethodNode): string {
  if (value === null) return ' null';
  const indexes = [...value.insns].map((insn) => method.instructions.indexOf(insn)).sort((a, b) => a - b);
  return ` ${value.size}[${indexes.join(',')}]`;
}

/** Our side of the oracle's output, for the same classes (sorted by name) and mode. */
function ourFrames(classes: readonly { name: string; bytes: Uint8Array }[], mode: string, hierarchy: ClassHierarchy): string {
  const nodes = classes.filter((c) => !c.name.endsWith('module-info')).map((c) => classNodeOf(c.bytes));
  nodes.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let out = '';
  for (const classNode of nodes) {
    for (const method of classNode.methods) {
      out += `## ${classNode.name}.${method.name}${method.desc}\n`;
      // ASM 9.4 (the oracle) merges into a handler only the frame before each instruction; ASM 9.5+
      // and this port also merge the frame after it, which SourceValues (unlike types) always see.
      if (mode === 'source' && (method.tryCatchBlocks?.length ?? 0) > 0) continue;
      const interpreter: Interpreter<Value> =
        mode === 'basic'
          ? new BasicInterpreter()
          : mode === 'verifier'
            ? new BasicVerifier()
            : mode === 'source'
              ? (new SourceInterpreter() as Interpreter<Value>)
              : simpleVerifierFor(classNode, hierarchy);
      try {
        const frames = new Analyzer<Value>(interpreter).analyze(classNode.name, method);
        frames.forEach((frame, i) => {
          let text: string;
          if (frame === null) text = 'null';
          else if (mode !== 'source') text = frame.toString();
          else {
            text = '';
            for (let l = 0; l < frame.getLocals(); l++) text += renderSource(frame.getLocal(l) as SourceValue | null, method);
            text += ' |';
            for (let s = 0; s < frame.getStackSize(); s++) text += renderSource(frame.getStack(s) as SourceValue, method);
          }
          out += `${i}: ${text}\n`;
        });
      } catch (e) {
        if (!(e instanceof AnalyzerException)) throw e;
        out += `ERROR ${e.message}\n`;
      }
    }
  }
  return out;
}

describe.skipIf(asmMissing.length > 0)(
  asmMissing.length > 0 ? `ASM oracle (skipped: ${asmMissing.join(', ')} missing)` : 'ASM oracle: same frames as ASM 9',
  () => {
    let oracleDir = '';
    let handBuiltDir = '';
    let fixtureDir = '';
    let allClasses: { name: string; bytes: Uint8Array }[] = [];
    let hierarchy: ClassHierarchy;

    beforeAll(async () => {
      const harness = await compileJava({ 'AnalysisOracle.java': ORACLE_SOURCE }, { options: ['-cp', ASM_JARS.join(':')] });
      oracleDir = harness.dir;
      const fixtures = await compileFixtureBuild(fixtureBuilds()[0]!);
      fixtureDir = fixtures.dir;
      handBuiltDir = await makeTempDir('analysis');
      const handBuilt = [
        { name: 'Broken', bytes: buildClass('Broken', brokenMethods) },
        { name: 'Subroutines', bytes: buildClass('Subroutines', subroutineMethods) },
      ];
      for (const { name, bytes } of handBuilt) {
        const path = join(handBuiltDir, `${name}.class`);
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, bytes);
      }
      allClasses = [...fixtures.classes, ...handBuilt];
      hierarchy = hierarchyOf([...(await javaBaseClasses()), ...allClasses]);
    }, 300_000);

    afterAll(async () => {
      if (handBuiltDir !== '') await rm(handBuiltDir, { recursive: true, force: true });
    });

    for (const mode of ['basic', 'verifier', 'simple', 'source']) {
      it(`${mode}: every frame of the fixtures and of the hand-built classes`, async () => {
        const result = await runJava({ classpath: [oracleDir, ...ASM_JARS], mainClass: 'AnalysisOracle', args: [mode, fixtureDir, handBuiltDir] });
        expect(result.stderr).toBe('');
        expect(result.exitCode).toBe(0);
        const expected = result.stdout;
        const actual = ourFrames(allClasses, mode, hierarchy);
        expect(expected.length).toBeGreaterThan(10_000);
        if (actual !== expected) {
          // Show the first differing method rather than a huge diff.
          const a = actual.split('\n## ');
          const e = expected.split('\n## ');
          const i = a.findIndex((m, k) => m !== e[k]);
          expect(a[i]).toBe(e[i]);
        }
        expect(actual).toBe(expected);
      });
    }
  },
);
