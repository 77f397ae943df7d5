// Where ASM throws Java's IllegalArgumentException, IllegalStateException, UnsupportedOperationException,
// NoSuchElementException or IndexOutOfBoundsException, classforge throws its exported classes of those names
// (not a bare Error with the Java name pasted into the message), with ASM's message, so that a port of
// `catch (UnsupportedOperationException e)` written as `e instanceof UnsupportedOperationException` matches.

import { describe, expect, it } from 'vitest';
import {
  ClassVisitor,
  ClassWriter,
  Frame,
  BasicValue,
  FieldVisitor,
  GeneratorAdapter,
  Handle,
  IllegalArgumentException,
  IllegalStateException,
  IndexOutOfBoundsException,
  InsnList,
  InsnNode,
  InstructionAdapter,
  Label,
  LocalVariablesSorter,
  Method,
  MethodNode,
  MethodVisitor,
  NoSuchElementException,
  Opcodes,
  Textifier,
  Type,
  UnsupportedOperationException,
} from '../src/index.js';

type ErrorClass = new (message?: string) => Error;

/** `run` throws an instance of `errorClass`, named as the Java class, whose message is `message` (or matches it). */
function expectJava(run: () => unknown, errorClass: ErrorClass, message?: string | RegExp): void {
  let thrown: unknown = undefined;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, `expected ${errorClass.name}`).toBeInstanceOf(errorClass);
  const error = thrown as Error;
  expect(error.name).toBe(errorClass.name);
  if (typeof message === 'string') {
    expect(error.message).toBe(message);
  } else if (message !== undefined) {
    expect(error.message).toMatch(message);
  }
  expect(error.message).not.toMatch(/^(IllegalArgument|IllegalState|UnsupportedOperation|NoSuchElement|IndexOutOfBounds)Exception/);
}

const HANDLE = new Handle(Opcodes.H_INVOKESTATIC, 'p/B', 'bsm', '()V', false);

describe("Java's exceptions where ASM throws them", () => {
  it('the core: api levels, api-level features, unresolved labels, constants, Type.getOpcode', () => {
    expectJava(() => new ClassVisitor(12345), IllegalArgumentException, 'Unsupported api 12345');
    expectJava(() => new MethodVisitor(12345), IllegalArgumentException, 'Unsupported api 12345');
    const asm4 = new MethodVisitor(Opcodes.ASM4);
    expectJava(
      () => asm4.visitMethodInsn(Opcodes.INVOKESTATIC, 'p/I', 'm', '()V', true),
      UnsupportedOperationException,
      'INVOKESPECIAL/STATIC on interfaces requires ASM5',
    );
    expectJava(() => asm4.visitTypeAnnotation(0, null, 'LA;', true), UnsupportedOperationException, 'This feature requires ASM5');
    expectJava(() => asm4.visitLdcInsn(HANDLE), UnsupportedOperationException, 'This feature requires ASM5');
    expectJava(() => asm4.visitInvokeDynamicInsn('x', '()V', HANDLE), UnsupportedOperationException, 'This feature requires ASM5');
    expectJava(() => new FieldVisitor(Opcodes.ASM4).visitTypeAnnotation(0, null, 'LA;', true), UnsupportedOperationException);
    expectJava(() => new ClassVisitor(Opcodes.ASM6).visitRecordComponent('r', 'I', null), UnsupportedOperationException, 'Record requires ASM8');
    expectJava(() => new ClassVisitor(Opcodes.ASM4).visitTypeAnnotation(0, null, 'LA;', true), UnsupportedOperationException);
    expectJava(() => new Label().getOffset(), IllegalStateException, 'Label offset position has not been resolved yet');
    expectJava(() => new ClassWriter(0).newConst({}), IllegalArgumentException, /^value /);
    expectJava(() => Type.VOID_TYPE.getOpcode(Opcodes.IALOAD), UnsupportedOperationException);
    expectJava(() => Type.getMethodType('()V').getOpcode(Opcodes.IADD), UnsupportedOperationException);
  });

  it('the tree API: InsnList and its iterator', () => {
    const list = new InsnList();
    list.add(new InsnNode(Opcodes.NOP));
    expectJava(() => list.get(-1), IndexOutOfBoundsException);
    expect(() => list.get(1)).toThrow(RangeError);
    const iterator = list.iterator();
    expectJava(() => iterator.remove(), IllegalStateException);
    iterator.next();
    expectJava(() => iterator.next(), NoSuchElementException);
    expectJava(() => list.iterator().previous(), NoSuchElementException);
    expectJava(() => new (class extends MethodNode {})(), IllegalStateException);
  });

  it('commons: GeneratorAdapter, InstructionAdapter, LocalVariablesSorter, Method', () => {
    const ga = new GeneratorAdapter(new MethodNode(), Opcodes.ACC_STATIC, 'm', '()V');
    expectJava(() => ga.loadThis(), IllegalStateException, "no 'this' pointer within static method");
    expectJava(() => ga.push(1.5), IllegalArgumentException);
    expectJava(() => ga.cast(Type.VOID_TYPE, Type.INT_TYPE), IllegalArgumentException);
    const ia = new InstructionAdapter(Opcodes.ASM4, new MethodNode());
    expectJava(() => ia.visitLdcInsn(HANDLE), UnsupportedOperationException);
    expectJava(() => new InstructionAdapter(new MethodNode()).visitInsn(-5), IllegalArgumentException);
    const lvs = new LocalVariablesSorter(Opcodes.ACC_STATIC, '()V', new MethodNode());
    expectJava(
      () => lvs.visitFrame(Opcodes.F_SAME, 0, null, 0, null),
      IllegalArgumentException,
      'LocalVariablesSorter only accepts expanded frames (see ClassReader.EXPAND_FRAMES)',
    );
    expectJava(() => Method.getMethod('not a method'), IllegalArgumentException);
  });

  it('util and analysis: Printer, Textifier, Frame', () => {
    expectJava(() => new (class extends Textifier {})(), IllegalStateException);
    const frame = new Frame<BasicValue>(0, 1);
    expectJava(() => frame.pop(), IndexOutOfBoundsException, 'Cannot pop operand off an empty stack.');
    expect(() => frame.pop()).toThrow(RangeError);
  });
});
