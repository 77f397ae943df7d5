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
import { InsnList } from '../../tree/insn-list.js';
import { InsnNode } from '../../tree/insn-node.js';
import { IntInsnNode } from '../../tree/int-insn-node.js';
import { InvokeDynamicInsnNode } from '../../tree/invoke-dynamic-insn-node.js';
import { JumpInsnNode } from '../../tree/jump-insn-node.js';
import { LabelNode } from '../../tree/label-node.js';
import { LdcInsnNode } from '../../tree/ldc-insn-node.js';
import { MethodInsnNode } from '../../tree/method-insn-node.js';
import { TypeInsnNode } from '../../tree/type-insn-node.js';
import { VarInsnNode } from '../../tree/var-insn-node.js';
import type { JavaType } from './java-type.js';

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
  const code = new InsnList();
  const next = new LabelNode();
  const getter = (name: string, descriptor: string): void => {
    code.add(new VarInsnNode(Opcodes.ALOAD, 0));
    code.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, SERIALIZED_LAMBDA, name, descriptor, false));
  };
  const stringTest = (name: string, expected: string): void => {
    getter(name, '()Ljava/lang/String;');
    code.add(new LdcInsnNode(expected));
    code.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, 'java/lang/Object', 'equals', '(Ljava/lang/Object;)Z', false));
    code.add(new JumpInsnNode(Opcodes.IFEQ, next));
  };
  // The name first, as javac's switch does: it tells the lambdas of one class apart.
  stringTest('getImplMethodName', lambda.implMethodName);
  getter('getImplMethodKind', '()I');
  code.add(pushInt(lambda.implMethodKind));
  code.add(new JumpInsnNode(Opcodes.IF_ICMPNE, next));
  stringTest('getFunctionalInterfaceClass', lambda.functionalInterfaceClass);
  stringTest('getFunctionalInterfaceMethodName', lambda.functionalInterfaceMethodName);
  stringTest('getFunctionalInterfaceMethodSignature', lambda.functionalInterfaceMethodSignature);
  stringTest('getImplClass', lambda.implClass);
  stringTest('getImplMethodSignature', lambda.implMethodSignature);
  lambda.capturedTypes.forEach((type, i) => {
    code.add(new VarInsnNode(Opcodes.ALOAD, 0));
    code.add(pushInt(i));
    code.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, SERIALIZED_LAMBDA, 'getCapturedArg', '(I)Ljava/lang/Object;', false));
    code.add(fromObject(type));
  });
  code.add(new InvokeDynamicInsnNode(lambda.functionalInterfaceMethodName, lambda.callSiteDescriptor, lambda.bootstrapMethod, [...lambda.bootstrapArguments]));
  code.add(new InsnNode(Opcodes.ARETURN));
  code.add(next);
  return code;
}

/** The end of a new `$deserializeLambda$`: javac's `throw new IllegalArgumentException("Invalid lambda deserialization")`. */
export function invalidLambdaDeserialization(): InsnList {
  const code = new InsnList();
  code.add(new TypeInsnNode(Opcodes.NEW, 'java/lang/IllegalArgumentException'));
  code.add(new InsnNode(Opcodes.DUP));
  code.add(new LdcInsnNode('Invalid lambda deserialization'));
  code.add(new MethodInsnNode(Opcodes.INVOKESPECIAL, 'java/lang/IllegalArgumentException', '<init>', '(Ljava/lang/String;)V', false));
  code.add(new InsnNode(Opcodes.ATHROW));
  return code;
}

/** The cast (and unboxing, for a primitive) from the Object getCapturedArg returns to `type`. */
function fromObject(type: JavaType): InsnList {
  const code = new InsnList();
  if (type.isPrimitive()) {
    const box = type.boxed()!;
    code.add(new TypeInsnNode(Opcodes.CHECKCAST, box.internalName!));
    code.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, box.internalName!, `${type.toString()}Value`, `()${type.descriptor()}`, false));
  } else if (type.internalName !== 'java/lang/Object') {
    code.add(new TypeInsnNode(Opcodes.CHECKCAST, type.isArray() ? type.descriptor() : type.internalName!));
  }
  return code;
}

function pushInt(value: number): InsnNode | IntInsnNode {
  if (value >= -1 && value <= 5) return new InsnNode(Opcodes.ICONST_0 + value);
  return new IntInsnNode(value < 128 ? Opcodes.BIPUSH : Opcodes.SIPUSH, value);
}
