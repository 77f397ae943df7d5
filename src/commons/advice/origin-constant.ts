// # The non-text @Advice.Origin values: the instrumented method as a Class, a reflective Method,
// Constructor or Executable, or a MethodType
//
// Byte Buddy loads these where the advice reads them: ldc of the declaring class (JVMS §4.4.1,
// class files 49+), Class.getDeclaredMethod(name, parameterTypes) or getDeclaredConstructor
// (recreated at every read, as Byte Buddy's Origin documents), and ldc of a MethodType
// (JVMS §4.4.9, class files 51+).

import type { MethodVisitor } from '../../asm/method-visitor.js';
import { Opcodes } from '../../asm/opcodes.js';
import { Type } from '../../asm/type.js';
import { IllegalStateException } from '../../asm/java-exceptions.js';
import { type AdvisedMethod, methodText } from './origin-text.js';

const CLASS = 'java/lang/Class';

/** The descriptors @Advice.Origin binds, besides String. */
export const ORIGIN_CONSTANT_DESCRIPTORS = new Set([
  'Ljava/lang/Class;',
  'Ljava/lang/reflect/Method;',
  'Ljava/lang/reflect/Constructor;',
  'Ljava/lang/reflect/Executable;',
  'Ljava/lang/invoke/MethodType;',
]);

/** The wrapper class whose TYPE field holds each primitive's Class (int.class is Integer.TYPE). */
const PRIMITIVE_CLASS_HOLDERS: Record<number, string> = {
  [Type.BOOLEAN]: 'java/lang/Boolean',
  [Type.CHAR]: 'java/lang/Character',
  [Type.BYTE]: 'java/lang/Byte',
  [Type.SHORT]: 'java/lang/Short',
  [Type.INT]: 'java/lang/Integer',
  [Type.FLOAT]: 'java/lang/Float',
  [Type.LONG]: 'java/lang/Long',
  [Type.DOUBLE]: 'java/lang/Double',
};

/** Pushes the Class of `type` (a primitive's from its wrapper's TYPE field). */
function pushClass(mv: MethodVisitor, type: Type): void {
  const holder = PRIMITIVE_CLASS_HOLDERS[type.getSort()];
  if (holder !== undefined) mv.visitFieldInsn(Opcodes.GETSTATIC, holder, 'TYPE', 'Ljava/lang/Class;');
  else mv.visitLdcInsn(type);
}

/** Throws unless `method`'s class (of `majorVersion`) can push the Origin value of `descriptor`, or it does not fit the method. */
export function checkOriginConstant(descriptor: string, method: AdvisedMethod, majorVersion: number, where: string): void {
  const isConstructor = method.name === '<init>';
  if (method.name === '<clinit>' && descriptor !== 'Ljava/lang/Class;' && descriptor !== 'Ljava/lang/invoke/MethodType;') {
    throw new IllegalStateException(`${where}: a type initializer has no reflective ${Type.getType(descriptor).getClassName()}`);
  }
  // Byte Buddy's words for a Method asked of a constructor and the reverse.
  if ((descriptor === 'Ljava/lang/reflect/Method;' && isConstructor) || (descriptor === 'Ljava/lang/reflect/Constructor;' && !isConstructor)) {
    throw new IllegalStateException(`Cannot represent ${methodText(method)} as given method constant`);
  }
  const needed = descriptor === 'Ljava/lang/invoke/MethodType;' ? Opcodes.V1_7 : Opcodes.V1_5;
  if (majorVersion !== 0 && majorVersion < needed) {
    throw new IllegalStateException(`${where}: a class file of version ${majorVersion} cannot load a ${Type.getType(descriptor).getClassName()} constant (version ${needed} or later)`);
  }
}

/** Pushes the Origin value of `descriptor` for `method`. */
export function pushOriginConstant(mv: MethodVisitor, descriptor: string, method: AdvisedMethod): void {
  if (descriptor === 'Ljava/lang/invoke/MethodType;') {
    mv.visitLdcInsn(Type.getMethodType(method.descriptor));
    return;
  }
  mv.visitLdcInsn(Type.getObjectType(method.owner));
  if (descriptor === 'Ljava/lang/Class;') return;
  const isConstructor = method.name === '<init>';
  if (!isConstructor) mv.visitLdcInsn(method.name);
  const parameters = Type.getArgumentTypes(method.descriptor);
  pushInt(mv, parameters.length);
  mv.visitTypeInsn(Opcodes.ANEWARRAY, CLASS);
  parameters.forEach((parameter, index) => {
    mv.visitInsn(Opcodes.DUP);
    pushInt(mv, index);
    pushClass(mv, parameter);
    mv.visitInsn(Opcodes.AASTORE);
  });
  if (isConstructor) {
    mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, CLASS, 'getDeclaredConstructor', '([Ljava/lang/Class;)Ljava/lang/reflect/Constructor;', false);
  } else {
    mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, CLASS, 'getDeclaredMethod', '(Ljava/lang/String;[Ljava/lang/Class;)Ljava/lang/reflect/Method;', false);
  }
}

function pushInt(mv: MethodVisitor, value: number): void {
  if (value <= 5) mv.visitInsn(Opcodes.ICONST_0 + value);
  else if (value <= 127) mv.visitIntInsn(Opcodes.BIPUSH, value);
  else mv.visitIntInsn(Opcodes.SIPUSH, value);
}
