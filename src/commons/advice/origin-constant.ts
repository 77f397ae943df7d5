// # The non-text @Advice.Origin values: the instrumented method as a Class, a reflective Method,
// Constructor or Executable, a MethodType, a MethodHandle, or a MethodHandles.Lookup
//
// Byte Buddy loads these where the advice reads them: ldc of the declaring class (JVMS §4.4.1,
// class files 49+), Class.getDeclaredMethod(name, parameterTypes) or getDeclaredConstructor
// (recreated at every read, as Byte Buddy's Origin documents), ldc of a MethodType or of a
// MethodHandle (JVMS §4.4.8–9, class files 51+), and a call of MethodHandles.lookup() in the
// instrumented method, which makes the Lookup its class's own (full privilege). Byte Buddy 1.12 binds
// neither MethodType, MethodHandle nor Lookup; later versions bind the last two as here.

import { Handle } from '../../asm/handle.js';
import { Opcodes } from '../../asm/opcodes.js';
import { Type } from '../../asm/type.js';
import type { GeneratorAdapter } from '../generator-adapter.js';
import { Method } from '../method.js';
import { IllegalStateException } from '../../asm/java-exceptions.js';
import { type AdvisedMethod, methodText } from './origin-text.js';

const CLASS = Type.getObjectType('java/lang/Class');
const METHOD_HANDLES = Type.getObjectType('java/lang/invoke/MethodHandles');

/**
 * The method as a MethodHandle constant (JVMS §4.4.8, §5.4.3.5): a constructor by newInvokeSpecial, a
 * static method by invokeStatic, a private one by invokeSpecial, else by invokeInterface or invokeVirtual
 * after its class — the kinds Byte Buddy's JavaConstant.MethodHandle.of chooses.
 */
function methodHandleOf(method: AdvisedMethod): Handle {
  const isInterface = method.ownerIsInterface === true;
  const tag =
    method.name === '<init>'
      ? Opcodes.H_NEWINVOKESPECIAL
      : (method.access & Opcodes.ACC_STATIC) !== 0
        ? Opcodes.H_INVOKESTATIC
        : (method.access & Opcodes.ACC_PRIVATE) !== 0
          ? Opcodes.H_INVOKESPECIAL
          : isInterface
            ? Opcodes.H_INVOKEINTERFACE
            : Opcodes.H_INVOKEVIRTUAL;
  return new Handle(tag, method.owner, method.name, method.descriptor, isInterface);
}

/** The descriptors @Advice.Origin binds, besides String. */
export const ORIGIN_CONSTANT_DESCRIPTORS = new Set([
  'Ljava/lang/Class;',
  'Ljava/lang/reflect/Method;',
  'Ljava/lang/reflect/Constructor;',
  'Ljava/lang/reflect/Executable;',
  'Ljava/lang/invoke/MethodType;',
  'Ljava/lang/invoke/MethodHandle;',
  'Ljava/lang/invoke/MethodHandles$Lookup;',
]);

/** The descriptors whose constant is in the pool from class files 51 (Java 7) on. */
const JAVA_7_CONSTANTS = new Set(['Ljava/lang/invoke/MethodType;', 'Ljava/lang/invoke/MethodHandle;']);

/** Throws unless `method`'s class (of `majorVersion`) can push the Origin value of `descriptor`, or it does not fit the method. */
export function checkOriginConstant(descriptor: string, method: AdvisedMethod, majorVersion: number, where: string): void {
  const isConstructor = method.name === '<init>';
  if (method.name === '<clinit>' && descriptor !== 'Ljava/lang/Class;' && descriptor !== 'Ljava/lang/invoke/MethodType;' && descriptor !== 'Ljava/lang/invoke/MethodHandles$Lookup;') {
    throw new IllegalStateException(`${where}: a type initializer has no reflective ${Type.getType(descriptor).getClassName()}`);
  }
  // Byte Buddy's words for a Method asked of a constructor and the reverse.
  if ((descriptor === 'Ljava/lang/reflect/Method;' && isConstructor) || (descriptor === 'Ljava/lang/reflect/Constructor;' && !isConstructor)) {
    throw new IllegalStateException(`Cannot represent ${methodText(method)} as given method constant`);
  }
  const needed = JAVA_7_CONSTANTS.has(descriptor) ? Opcodes.V1_7 : Opcodes.V1_5;
  if (majorVersion !== 0 && majorVersion < needed) {
    throw new IllegalStateException(`${where}: a class file of version ${majorVersion} cannot load a ${Type.getType(descriptor).getClassName()} constant (version ${needed} or later)`);
  }
}

/** Pushes the Origin value of `descriptor` for `method`, with `generator`'s instructions (which go past its own events). */
export function pushOriginConstant(generator: GeneratorAdapter, descriptor: string, method: AdvisedMethod): void {
  if (descriptor === 'Ljava/lang/invoke/MethodType;') {
    generator.push(Type.getMethodType(method.descriptor));
    return;
  }
  if (descriptor === 'Ljava/lang/invoke/MethodHandle;') {
    generator.push(methodHandleOf(method));
    return;
  }
  if (descriptor === 'Ljava/lang/invoke/MethodHandles$Lookup;') {
    generator.invokeStatic(METHOD_HANDLES, new Method('lookup', '()Ljava/lang/invoke/MethodHandles$Lookup;'));
    return;
  }
  generator.push(Type.getObjectType(method.owner));
  if (descriptor === 'Ljava/lang/Class;') return;
  const isConstructor = method.name === '<init>';
  if (!isConstructor) generator.push(method.name);
  const parameters = Type.getArgumentTypes(method.descriptor);
  generator.push(parameters.length);
  generator.newArray(CLASS);
  parameters.forEach((parameter, index) => {
    generator.dup();
    generator.push(index);
    // A primitive's Class is its wrapper's TYPE field (int.class is Integer.TYPE): push(Type) loads it.
    generator.push(parameter);
    generator.arrayStore(CLASS);
  });
  generator.invokeVirtual(
    CLASS,
    isConstructor
      ? new Method('getDeclaredConstructor', '([Ljava/lang/Class;)Ljava/lang/reflect/Constructor;')
      : new Method('getDeclaredMethod', '(Ljava/lang/String;[Ljava/lang/Class;)Ljava/lang/reflect/Method;'),
  );
}
