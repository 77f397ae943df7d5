// # Serializable lambdas: the class's `$deserializeLambda$` (JLS §15.27.4, java.lang.invoke.SerializedLambda)
//
// A lambda whose target is serializable (`(Runnable & Serializable) () -> …`, or an interface that
// extends Serializable) is created by LambdaMetafactory.altMetafactory with FLAG_SERIALIZABLE: its
// class writes itself out as a SerializedLambda naming the implementation method and the captured
// values. Reading it back calls `private static Object $deserializeLambda$(SerializedLambda)` of the
// capturing class, which javac writes: for each serializable lambda of the class, a test that the
// SerializedLambda names it (implementation method name and kind, functional interface, method and
// signatures), then the lambda's invokedynamic again with the captured values read from it; and
// `throw new IllegalArgumentException("Invalid lambda deserialization")` when none matches.
//
// Decisions:
// - One `if` per lambda, in the order added, rather than javac's switch on the name's hash: the same
//   tests and result, simpler to prepend to a method javac already wrote (its cases then run after
//   ours, unchanged).
// - Each snippet's serializable lambda adds its case when the snippet compiles; the case goes first in
//   the method (made when the class has none), so a class javac compiled keeps its own lambdas'.

import type { Handle } from '../../asm/handle.js';
import type { ConstantValue } from '../../asm/java-values.js';
import { Opcodes } from '../../asm/opcodes.js';
import type { InsnList } from '../../tree/insn-list.js';
import { MethodNode } from '../../tree/method-node.js';
import { Emitter } from './emitter.js';
import { JavaType } from './java-type.js';

/** The method a serializable lambda's capturing class must have, as javac names and declares it. */
export const DESERIALIZE_LAMBDA = '$deserializeLambda$';
export const DESERIALIZE_LAMBDA_DESCRIPTOR = '(Ljava/lang/invoke/SerializedLambda;)Ljava/lang/Object;';
export const DESERIALIZE_LAMBDA_ACCESS = Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC;

const SERIALIZED_LAMBDA = 'java/lang/invoke/SerializedLambda';

/** A serializable lambda's call site, and what its SerializedLambda says about it. */
export interface SerializableLambda {
  /** The implementation method handle's kind (H_INVOKESTATIC…), its class, name and descriptor. */
  readonly implMethodKind: number;
  readonly implClass: string;
  readonly implMethodName: string;
  readonly implMethodSignature: string;
  /** The functional interface (internal name), its method's name and erased descriptor. */
  readonly functionalInterfaceClass: string;
  readonly functionalInterfaceMethodName: string;
  readonly functionalInterfaceMethodSignature: string;
  /** The types of the captured values, in the call site's order (`this` first when captured). */
  readonly capturedTypes: readonly JavaType[];
  /** The invokedynamic that creates the lambda. */
  readonly callSiteDescriptor: string;
  readonly bootstrapMethod: Handle;
  readonly bootstrapArguments: readonly ConstantValue[];
}

/**
 * The code that returns `lambda` re-created from the SerializedLambda in local 0 when it names
 * this lambda, and otherwise falls through to what follows.
 */
export function deserializationCase(lambda: SerializableLambda): InsnList {
  const buffer = new MethodNode(Opcodes.ASM9);
  const e = new Emitter(buffer);
  const next = e.newLabel();
  const getter = (name: string, descriptor: string): void => {
    e.load(JavaType.OBJECT, 0);
    e.invoke(Opcodes.INVOKEVIRTUAL, SERIALIZED_LAMBDA, name, descriptor, false);
  };
  const stringTest = (name: string, expected: string): void => {
    getter(name, '()Ljava/lang/String;');
    e.pushString(expected);
    e.invoke(Opcodes.INVOKEVIRTUAL, 'java/lang/Object', 'equals', '(Ljava/lang/Object;)Z', false);
    e.jump(Opcodes.IFEQ, next);
  };
  // The name first, as javac's switch does: it tells the lambdas of one class apart.
  stringTest('getImplMethodName', lambda.implMethodName);
  getter('getImplMethodKind', '()I');
  e.pushInt(lambda.implMethodKind);
  e.jump(Opcodes.IF_ICMPNE, next);
  stringTest('getFunctionalInterfaceClass', lambda.functionalInterfaceClass);
  stringTest('getFunctionalInterfaceMethodName', lambda.functionalInterfaceMethodName);
  stringTest('getFunctionalInterfaceMethodSignature', lambda.functionalInterfaceMethodSignature);
  stringTest('getImplClass', lambda.implClass);
  stringTest('getImplMethodSignature', lambda.implMethodSignature);
  lambda.capturedTypes.forEach((type, i) => {
    e.load(JavaType.OBJECT, 0);
    e.pushInt(i);
    e.invoke(Opcodes.INVOKEVIRTUAL, SERIALIZED_LAMBDA, 'getCapturedArg', '(I)Ljava/lang/Object;', false);
    // From the Object getCapturedArg returns: unboxed for a primitive, else cast.
    if (type.isPrimitive()) e.unbox(JavaType.OBJECT, type);
    else if (type !== JavaType.OBJECT) e.checkcast(type);
  });
  buffer.visitInvokeDynamicInsn(lambda.functionalInterfaceMethodName, lambda.callSiteDescriptor, lambda.bootstrapMethod, [...lambda.bootstrapArguments]);
  e.insn(Opcodes.ARETURN);
  e.label(next);
  return buffer.instructions;
}

/** The end of a new `$deserializeLambda$`: javac's `throw new IllegalArgumentException("Invalid lambda deserialization")`. */
export function invalidLambdaDeserialization(): InsnList {
  const buffer = new MethodNode(Opcodes.ASM9);
  const e = new Emitter(buffer);
  e.typeInsn(Opcodes.NEW, 'java/lang/IllegalArgumentException');
  e.insn(Opcodes.DUP);
  e.pushString('Invalid lambda deserialization');
  e.invoke(Opcodes.INVOKESPECIAL, 'java/lang/IllegalArgumentException', '<init>', '(Ljava/lang/String;)V', false);
  e.insn(Opcodes.ATHROW);
  return buffer.instructions;
}
