// # Emitter: the bytecode the code generator writes, one JVM operation at a time
//
// Wraps a MethodVisitor (a scratch MethodNode whose instructions are then spliced into the method
// being edited) with the operations the Java compiler needs by type: constants in their shortest
// form (JVMS §6.5 iconst/bipush/sipush/ldc), loads and stores, primitive conversions (JLS §5.1.2,
// §5.1.3 as JVMS §2.11.4's i2l…), boxing and unboxing (JLS §5.1.7, §5.1.8, as javac does: valueOf
// and xxxValue), returns and default values.

import { Label } from '../../asm/label.js';
import type { MethodVisitor } from '../../asm/method-visitor.js';
import { Opcodes } from '../../asm/opcodes.js';
import { Type } from '../../asm/type.js';
import { Double, Float } from '../../asm/java-values.js';
import { JavaType } from './java-type.js';

export class Emitter {
  constructor(readonly mv: MethodVisitor) {}

  insn(opcode: number): void {
    this.mv.visitInsn(opcode);
  }

  label(label: Label): void {
    this.mv.visitLabel(label);
  }

  newLabel(): Label {
    return new Label();
  }

  jump(opcode: number, label: Label): void {
    this.mv.visitJumpInsn(opcode, label);
  }

  typeInsn(opcode: number, internalName: string): void {
    this.mv.visitTypeInsn(opcode, internalName);
  }

  field(opcode: number, owner: string, name: string, descriptor: string): void {
    this.mv.visitFieldInsn(opcode, owner, name, descriptor);
  }

  invoke(opcode: number, owner: string, name: string, descriptor: string, isInterface: boolean): void {
    this.mv.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
  }

  // ## Constants

  pushInt(value: number): void {
    const v = value | 0;
    if (v >= -1 && v <= 5) this.mv.visitInsn(Opcodes.ICONST_0 + v);
    else if (v >= -128 && v <= 127) this.mv.visitIntInsn(Opcodes.BIPUSH, v);
    else if (v >= -32768 && v <= 32767) this.mv.visitIntInsn(Opcodes.SIPUSH, v);
    else this.mv.visitLdcInsn(v);
  }

  pushLong(value: bigint): void {
    if (value === 0n || value === 1n) this.mv.visitInsn(value === 0n ? Opcodes.LCONST_0 : Opcodes.LCONST_1);
    else this.mv.visitLdcInsn(BigInt.asIntN(64, value));
  }

  pushFloat(value: number): void {
    const f = Math.fround(value);
    if ((f === 0 && !Object.is(f, -0)) || f === 1 || f === 2) this.mv.visitInsn(Opcodes.FCONST_0 + f);
    else this.mv.visitLdcInsn(new Float(f));
  }

  pushDouble(value: number): void {
    if ((value === 0 && !Object.is(value, -0)) || value === 1) this.mv.visitInsn(Opcodes.DCONST_0 + value);
    else this.mv.visitLdcInsn(new Double(value));
  }

  pushString(value: string): void {
    this.mv.visitLdcInsn(value);
  }

  pushNull(): void {
    this.mv.visitInsn(Opcodes.ACONST_NULL);
  }

  /** The Class object of `type`: an ldc for reference types, `Integer.TYPE`… for primitives and void. */
  pushClass(type: JavaType): void {
    if (type.isPrimitive() || type.isVoid()) {
      const wrapper = type.isVoid() ? 'java/lang/Void' : type.boxed()!.internalName!;
      this.mv.visitFieldInsn(Opcodes.GETSTATIC, wrapper, 'TYPE', 'Ljava/lang/Class;');
    } else {
      this.mv.visitLdcInsn(type.toAsmType());
    }
  }

  /** Pushes the default value of `type` (0, 0L, 0f, 0d, false, null); nothing for void. */
  pushDefault(type: JavaType): void {
    if (type.isVoid()) return;
    if (type.isReference() || type.isNull()) this.pushNull();
    else if (type === JavaType.LONG) this.mv.visitInsn(Opcodes.LCONST_0);
    else if (type === JavaType.FLOAT) this.mv.visitInsn(Opcodes.FCONST_0);
    else if (type === JavaType.DOUBLE) this.mv.visitInsn(Opcodes.DCONST_0);
    else this.mv.visitInsn(Opcodes.ICONST_0);
  }

  // ## Locals, stack, returns

  load(type: JavaType, slot: number): void {
    this.mv.visitVarInsn(asmType(type).getOpcode(Opcodes.ILOAD), slot);
  }

  store(type: JavaType, slot: number): void {
    this.mv.visitVarInsn(asmType(type).getOpcode(Opcodes.ISTORE), slot);
  }

  /** Discards a value of `type` from the stack. */
  pop(type: JavaType): void {
    if (type.isVoid()) return;
    this.mv.visitInsn(type.size === 2 ? Opcodes.POP2 : Opcodes.POP);
  }

  /** Duplicates a value of `type`. */
  dup(type: JavaType): void {
    this.mv.visitInsn(type.size === 2 ? Opcodes.DUP2 : Opcodes.DUP);
  }

  /** Duplicates the top value (of `type`) below `belowSize` slots (dup_x1/x2, dup2_x1/x2). */
  dupUnder(type: JavaType, belowSize: number): void {
    if (belowSize === 0) return this.dup(type);
    const big = type.size === 2;
    if (belowSize === 1) this.mv.visitInsn(big ? Opcodes.DUP2_X1 : Opcodes.DUP_X1);
    else this.mv.visitInsn(big ? Opcodes.DUP2_X2 : Opcodes.DUP_X2);
  }

  returnValue(type: JavaType): void {
    this.mv.visitInsn(type.isVoid() ? Opcodes.RETURN : asmType(type).getOpcode(Opcodes.IRETURN));
  }

  // ## Conversions

  /**
   * Converts the primitive on the stack from `from` to `to` (widening or narrowing, JLS §5.1.2,
   * §5.1.3; byte, short, char and boolean are ints on the stack, JVMS §2.11.1).
   */
  convertPrimitive(from: JavaType, to: JavaType): void {
    if (from === to) return;
    const f = stackKind(from);
    const t = stackKind(to);
    if (f !== t) {
      const opcode = CONVERSIONS[f + t];
      if (opcode === undefined) throw new Error(`no conversion from ${from} to ${to}`);
      this.mv.visitInsn(opcode);
    }
    // Narrowing to the sub-int types (int → byte/char/short) truncates (JLS §5.1.3).
    if (t === 'I') {
      if (to === JavaType.BYTE && from !== JavaType.BYTE) this.mv.visitInsn(Opcodes.I2B);
      else if (to === JavaType.CHAR && from !== JavaType.CHAR) this.mv.visitInsn(Opcodes.I2C);
      else if (to === JavaType.SHORT && from !== JavaType.SHORT && from !== JavaType.BYTE) this.mv.visitInsn(Opcodes.I2S);
    }
  }

  /** Boxes the primitive on the stack (`Integer.valueOf(int)`…). */
  box(primitive: JavaType): JavaType {
    const wrapper = primitive.boxed()!;
    this.mv.visitMethodInsn(Opcodes.INVOKESTATIC, wrapper.internalName!, 'valueOf', `(${primitive.descriptor()})${wrapper.descriptor()}`, false);
    return wrapper;
  }

  /**
   * Unboxes the reference on the stack to `primitive`: a checkcast to the wrapper unless the
   * static type already is it, then `intValue()`….
   */
  unbox(staticType: JavaType, primitive: JavaType): void {
    const wrapper = primitive.boxed()!;
    if (staticType !== wrapper) this.mv.visitTypeInsn(Opcodes.CHECKCAST, wrapper.internalName!);
    this.mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, wrapper.internalName!, `${primitive.primitiveName}Value`, `()${primitive.descriptor()}`, false);
  }

  checkcast(type: JavaType): void {
    this.mv.visitTypeInsn(Opcodes.CHECKCAST, type.isArray() ? type.descriptor() : type.internalName!);
  }
}

function asmType(type: JavaType): Type {
  return type.isNull() ? Type.getObjectType('java/lang/Object') : type.toAsmType();
}

/** The stack kind of a primitive: I (boolean, byte, char, short, int), J, F or D. */
function stackKind(type: JavaType): 'I' | 'J' | 'F' | 'D' {
  if (type === JavaType.LONG) return 'J';
  if (type === JavaType.FLOAT) return 'F';
  if (type === JavaType.DOUBLE) return 'D';
  return 'I';
}

const CONVERSIONS: Readonly<Record<string, number>> = {
  IJ: Opcodes.I2L,
  IF: Opcodes.I2F,
  ID: Opcodes.I2D,
  JI: Opcodes.L2I,
  JF: Opcodes.L2F,
  JD: Opcodes.L2D,
  FI: Opcodes.F2I,
  FJ: Opcodes.F2L,
  FD: Opcodes.F2D,
  DI: Opcodes.D2I,
  DJ: Opcodes.D2L,
  DF: Opcodes.D2F,
};
