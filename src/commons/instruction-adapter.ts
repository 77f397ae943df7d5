// A MethodVisitor whose instruction events are routed to one method per bytecode operation
// (iconst, load, add, invokevirtual, …), which in turn emit the corresponding events.

import { ConstantDynamic } from '../asm/constant-dynamic.js';
import { Handle } from '../asm/handle.js';
import { IllegalArgumentException, IllegalStateException, UnsupportedOperationException } from '../asm/java-exceptions.js';
import { Byte, Character, type ConstantValue, Double, Float, Short } from '../asm/java-values.js';
import type { Label } from '../asm/label.js';
import { MethodVisitor } from '../asm/method-visitor.js';
import { Opcodes } from '../asm/opcodes.js';
import { Type } from '../asm/type.js';
import { varargsOf } from '../asm/varargs.js';

/**
 * ASM's InstructionAdapter. Java overloads map as follows: `lconst` takes a bigint or an integer number; `fconst` and
 * `dconst` take a `Float`/`Double` (exact bits) or a JS number (rounded to float for `fconst`);
 * the deprecated 3-argument `invokevirtual/invokespecial/invokestatic` are the calls without
 * `isInterface`.
 */
export class InstructionAdapter extends MethodVisitor {
  /** The type of java.lang.Object. */
  static readonly OBJECT_TYPE: Type = Type.getType('Ljava/lang/Object;');

  /**
   * `new InstructionAdapter(methodVisitor)` (InstructionAdapter itself only) or
   * `new InstructionAdapter(api, methodVisitor)` (required for subclasses).
   */
  constructor(methodVisitor: MethodVisitor | null);
  constructor(api: number, methodVisitor: MethodVisitor | null);
  constructor(apiOrVisitor: number | MethodVisitor | null, methodVisitor?: MethodVisitor | null) {
    if (typeof apiOrVisitor === 'number') {
      super(apiOrVisitor, methodVisitor ?? null);
    } else {
      super(Opcodes.ASM9, apiOrVisitor);
      if (new.target !== InstructionAdapter) {
        throw new IllegalStateException('subclasses of InstructionAdapter must pass an api');
      }
    }
  }

  override visitInsn(opcode: number): void {
    switch (opcode) {
      case Opcodes.NOP:
        this.nop();
        break;
      case Opcodes.ACONST_NULL:
        this.aconst(null);
        break;
      case Opcodes.ICONST_M1:
      case Opcodes.ICONST_0:
      case Opcodes.ICONST_1:
      case Opcodes.ICONST_2:
      case Opcodes.ICONST_3:
      case Opcodes.ICONST_4:
      case Opcodes.ICONST_5:
        this.iconst(opcode - Opcodes.ICONST_0);
        break;
      case Opcodes.LCONST_0:
      case Opcodes.LCONST_1:
        this.lconst(BigInt(opcode - Opcodes.LCONST_0));
        break;
      case Opcodes.FCONST_0:
      case Opcodes.FCONST_1:
      case Opcodes.FCONST_2:
        this.fconst(new Float(opcode - Opcodes.FCONST_0));
        break;
      case Opcodes.DCONST_0:
      case Opcodes.DCONST_1:
        this.dconst(new Double(opcode - Opcodes.DCONST_0));
        break;
      case Opcodes.IALOAD:
        this.aload(Type.INT_TYPE);
        break;
      case Opcodes.LALOAD:
        this.aload(Type.LONG_TYPE);
        break;
      case Opcodes.FALOAD:
        this.aload(Type.FLOAT_TYPE);
        break;
      case Opcodes.DALOAD:
        this.aload(Type.DOUBLE_TYPE);
        break;
      case Opcodes.AALOAD:
        this.aload(InstructionAdapter.OBJECT_TYPE);
        break;
      case Opcodes.BALOAD:
        this.aload(Type.BYTE_TYPE);
        break;
      case Opcodes.CALOAD:
        this.aload(Type.CHAR_TYPE);
        break;
      case Opcodes.SALOAD:
        this.aload(Type.SHORT_TYPE);
        break;
      case Opcodes.IASTORE:
        this.astore(Type.INT_TYPE);
        break;
      case Opcodes.LASTORE:
        this.astore(Type.LONG_TYPE);
        break;
      case Opcodes.FASTORE:
        this.astore(Type.FLOAT_TYPE);
        break;
      case Opcodes.DASTORE:
        this.astore(Type.DOUBLE_TYPE);
        break;
      case Opcodes.AASTORE:
        this.astore(InstructionAdapter.OBJECT_TYPE);
        break;
      case Opcodes.BASTORE:
        this.astore(Type.BYTE_TYPE);
        break;
      case Opcodes.CASTORE:
        this.astore(Type.CHAR_TYPE);
        break;
      case Opcodes.SASTORE:
        this.astore(Type.SHORT_TYPE);
        break;
      case Opcodes.POP:
        this.pop();
        break;
      case Opcodes.POP2:
        this.pop2();
        break;
      case Opcodes.DUP:
        this.dup();
        break;
      case Opcodes.DUP_X1:
        this.dupX1();
        break;
      case Opcodes.DUP_X2:
        this.dupX2();
        break;
      case Opcodes.DUP2:
        this.dup2();
        break;
      case Opcodes.DUP2_X1:
        this.dup2X1();
        break;
      case Opcodes.DUP2_X2:
        this.dup2X2();
        break;
      case Opcodes.SWAP:
        this.swap();
        break;
      case Opcodes.IADD:
      case Opcodes.LADD:
      case Opcodes.FADD:
      case Opcodes.DADD:
        this.add(arithmeticType(opcode - Opcodes.IADD));
        break;
      case Opcodes.ISUB:
      case Opcodes.LSUB:
      case Opcodes.FSUB:
      case Opcodes.DSUB:
        this.sub(arithmeticType(opcode - Opcodes.ISUB));
        break;
      case Opcodes.IMUL:
      case Opcodes.LMUL:
      case Opcodes.FMUL:
      case Opcodes.DMUL:
        this.mul(arithmeticType(opcode - Opcodes.IMUL));
        break;
      case Opcodes.IDIV:
      case Opcodes.LDIV:
      case Opcodes.FDIV:
      case Opcodes.DDIV:
        this.div(arithmeticType(opcode - Opcodes.IDIV));
        break;
      case Opcodes.IREM:
      case Opcodes.LREM:
      case Opcodes.FREM:
      case Opcodes.DREM:
        this.rem(arithmeticType(opcode - Opcodes.IREM));
        break;
      case Opcodes.INEG:
      case Opcodes.LNEG:
      case Opcodes.FNEG:
      case Opcodes.DNEG:
        this.neg(arithmeticType(opcode - Opcodes.INEG));
        break;
      case Opcodes.ISHL:
        this.shl(Type.INT_TYPE);
        break;
      case Opcodes.LSHL:
        this.shl(Type.LONG_TYPE);
        break;
      case Opcodes.ISHR:
        this.shr(Type.INT_TYPE);
        break;
      case Opcodes.LSHR:
        this.shr(Type.LONG_TYPE);
        break;
      case Opcodes.IUSHR:
        this.ushr(Type.INT_TYPE);
        break;
      case Opcodes.LUSHR:
        this.ushr(Type.LONG_TYPE);
        break;
      case Opcodes.IAND:
        this.and(Type.INT_TYPE);
        break;
      case Opcodes.LAND:
        this.and(Type.LONG_TYPE);
        break;
      case Opcodes.IOR:
        this.or(Type.INT_TYPE);
        break;
      case Opcodes.LOR:
        this.or(Type.LONG_TYPE);
        break;
      case Opcodes.IXOR:
        this.xor(Type.INT_TYPE);
        break;
      case Opcodes.LXOR:
        this.xor(Type.LONG_TYPE);
        break;
      case Opcodes.I2L:
        this.cast(Type.INT_TYPE, Type.LONG_TYPE);
        break;
      case Opcodes.I2F:
        this.cast(Type.INT_TYPE, Type.FLOAT_TYPE);
        break;
      case Opcodes.I2D:
        this.cast(Type.INT_TYPE, Type.DOUBLE_TYPE);
        break;
      case Opcodes.L2I:
        this.cast(Type.LONG_TYPE, Type.INT_TYPE);
        break;
      case Opcodes.L2F:
        this.cast(Type.LONG_TYPE, Type.FLOAT_TYPE);
        break;
      case Opcodes.L2D:
        this.cast(Type.LONG_TYPE, Type.DOUBLE_TYPE);
        break;
      case Opcodes.F2I:
        this.cast(Type.FLOAT_TYPE, Type.INT_TYPE);
        break;
      case Opcodes.F2L:
        this.cast(Type.FLOAT_TYPE, Type.LONG_TYPE);
        break;
      case Opcodes.F2D:
        this.cast(Type.FLOAT_TYPE, Type.DOUBLE_TYPE);
        break;
      case Opcodes.D2I:
        this.cast(Type.DOUBLE_TYPE, Type.INT_TYPE);
        break;
      case Opcodes.D2L:
        this.cast(Type.DOUBLE_TYPE, Type.LONG_TYPE);
        break;
      case Opcodes.D2F:
        this.cast(Type.DOUBLE_TYPE, Type.FLOAT_TYPE);
        break;
      case Opcodes.I2B:
        this.cast(Type.INT_TYPE, Type.BYTE_TYPE);
        break;
      case Opcodes.I2C:
        this.cast(Type.INT_TYPE, Type.CHAR_TYPE);
        break;
      case Opcodes.I2S:
        this.cast(Type.INT_TYPE, Type.SHORT_TYPE);
        break;
      case Opcodes.LCMP:
        this.lcmp();
        break;
      case Opcodes.FCMPL:
        this.cmpl(Type.FLOAT_TYPE);
        break;
      case Opcodes.FCMPG:
        this.cmpg(Type.FLOAT_TYPE);
        break;
      case Opcodes.DCMPL:
        this.cmpl(Type.DOUBLE_TYPE);
        break;
      case Opcodes.DCMPG:
        this.cmpg(Type.DOUBLE_TYPE);
        break;
      case Opcodes.IRETURN:
        this.areturn(Type.INT_TYPE);
        break;
      case Opcodes.LRETURN:
        this.areturn(Type.LONG_TYPE);
        break;
      case Opcodes.FRETURN:
        this.areturn(Type.FLOAT_TYPE);
        break;
      case Opcodes.DRETURN:
        this.areturn(Type.DOUBLE_TYPE);
        break;
      case Opcodes.ARETURN:
        this.areturn(InstructionAdapter.OBJECT_TYPE);
        break;
      case Opcodes.RETURN:
        this.areturn(Type.VOID_TYPE);
        break;
      case Opcodes.ARRAYLENGTH:
        this.arraylength();
        break;
      case Opcodes.ATHROW:
        this.athrow();
        break;
      case Opcodes.MONITORENTER:
        this.monitorenter();
        break;
      case Opcodes.MONITOREXIT:
        this.monitorexit();
        break;
      default:
        throw new IllegalArgumentException(`invalid opcode ${opcode}`);
    }
  }

  override visitIntInsn(opcode: number, operand: number): void {
    switch (opcode) {
      case Opcodes.BIPUSH:
      case Opcodes.SIPUSH:
        this.iconst(operand);
        break;
      case Opcodes.NEWARRAY:
        switch (operand) {
          case Opcodes.T_BOOLEAN:
            this.newarray(Type.BOOLEAN_TYPE);
            break;
          case Opcodes.T_CHAR:
            this.newarray(Type.CHAR_TYPE);
            break;
          case Opcodes.T_BYTE:
            this.newarray(Type.BYTE_TYPE);
            break;
          case Opcodes.T_SHORT:
            this.newarray(Type.SHORT_TYPE);
            break;
          case Opcodes.T_INT:
            this.newarray(Type.INT_TYPE);
            break;
          case Opcodes.T_FLOAT:
            this.newarray(Type.FLOAT_TYPE);
            break;
          case Opcodes.T_LONG:
            this.newarray(Type.LONG_TYPE);
            break;
          case Opcodes.T_DOUBLE:
            this.newarray(Type.DOUBLE_TYPE);
            break;
          default:
            throw new IllegalArgumentException(`invalid array type ${operand}`);
        }
        break;
      default:
        throw new IllegalArgumentException(`invalid opcode ${opcode}`);
    }
  }

  override visitVarInsn(opcode: number, varIndex: number): void {
    switch (opcode) {
      case Opcodes.ILOAD:
        this.load(varIndex, Type.INT_TYPE);
        break;
      case Opcodes.LLOAD:
        this.load(varIndex, Type.LONG_TYPE);
        break;
      case Opcodes.FLOAD:
        this.load(varIndex, Type.FLOAT_TYPE);
        break;
      case Opcodes.DLOAD:
        this.load(varIndex, Type.DOUBLE_TYPE);
        break;
      case Opcodes.ALOAD:
        this.load(varIndex, InstructionAdapter.OBJECT_TYPE);
        break;
      case Opcodes.ISTORE:
        this.store(varIndex, Type.INT_TYPE);
        break;
      case Opcodes.LSTORE:
        this.store(varIndex, Type.LONG_TYPE);
        break;
      case Opcodes.FSTORE:
        this.store(varIndex, Type.FLOAT_TYPE);
        break;
      case Opcodes.DSTORE:
        this.store(varIndex, Type.DOUBLE_TYPE);
        break;
      case Opcodes.ASTORE:
        this.store(varIndex, InstructionAdapter.OBJECT_TYPE);
        break;
      case Opcodes.RET:
        this.ret(varIndex);
        break;
      default:
        throw new IllegalArgumentException(`invalid opcode ${opcode}`);
    }
  }

  override visitTypeInsn(opcode: number, type: string): void {
    const objectType = Type.getObjectType(type);
    switch (opcode) {
      case Opcodes.NEW:
        this.anew(objectType);
        break;
      case Opcodes.ANEWARRAY:
        this.newarray(objectType);
        break;
      case Opcodes.CHECKCAST:
        this.checkcast(objectType);
        break;
      case Opcodes.INSTANCEOF:
        this.instanceOf(objectType);
        break;
      default:
        throw new IllegalArgumentException(`invalid opcode ${opcode}`);
    }
  }

  override visitFieldInsn(opcode: number, owner: string, name: string, descriptor: string): void {
    switch (opcode) {
      case Opcodes.GETSTATIC:
        this.getstatic(owner, name, descriptor);
        break;
      case Opcodes.PUTSTATIC:
        this.putstatic(owner, name, descriptor);
        break;
      case Opcodes.GETFIELD:
        this.getfield(owner, name, descriptor);
        break;
      case Opcodes.PUTFIELD:
        this.putfield(owner, name, descriptor);
        break;
      default:
        throw new IllegalArgumentException(`invalid opcode ${opcode}`);
    }
  }

  override visitMethodInsn(
    opcodeAndSource: number,
    owner: string,
    name: string,
    descriptor: string,
    isInterface?: boolean,
  ): void {
    if (isInterface === undefined) {
      isInterface = (opcodeAndSource & ~Opcodes.SOURCE_MASK) === Opcodes.INVOKEINTERFACE;
    }
    const opcode = opcodeAndSource & ~Opcodes.SOURCE_MASK;
    switch (opcode) {
      case Opcodes.INVOKESPECIAL:
        this.invokespecial(owner, name, descriptor, isInterface);
        break;
      case Opcodes.INVOKEVIRTUAL:
        this.invokevirtual(owner, name, descriptor, isInterface);
        break;
      case Opcodes.INVOKESTATIC:
        this.invokestatic(owner, name, descriptor, isInterface);
        break;
      case Opcodes.INVOKEINTERFACE:
        this.invokeinterface(owner, name, descriptor);
        break;
      default:
        throw new IllegalArgumentException(`invalid opcode ${opcode}`);
    }
  }

  override visitInvokeDynamicInsn(
    name: string,
    descriptor: string,
    bootstrapMethodHandle: Handle,
    ...bootstrapMethodArguments: (ConstantValue | readonly unknown[])[]
  ): void;
  override visitInvokeDynamicInsn(
    name: string,
    descriptor: string,
    bootstrapMethodHandle: Handle,
    bootstrapMethodArgumentsOrFirst?: ConstantValue | readonly unknown[],
    ...bootstrapMethodArgumentsMore: ConstantValue[]
  ): void {
    const bootstrapMethodArguments = varargsOf<ConstantValue>(bootstrapMethodArgumentsOrFirst as ConstantValue | readonly ConstantValue[] | undefined, bootstrapMethodArgumentsMore);
    if (this.api < Opcodes.ASM5) {
      throw new UnsupportedOperationException('This feature requires ASM5');
    }
    this.invokedynamic(name, descriptor, bootstrapMethodHandle, bootstrapMethodArguments);
  }

  override visitJumpInsn(opcode: number, label: Label): void {
    switch (opcode) {
      case Opcodes.IFEQ:
        this.ifeq(label);
        break;
      case Opcodes.IFNE:
        this.ifne(label);
        break;
      case Opcodes.IFLT:
        this.iflt(label);
        break;
      case Opcodes.IFGE:
        this.ifge(label);
        break;
      case Opcodes.IFGT:
        this.ifgt(label);
        break;
      case Opcodes.IFLE:
        this.ifle(label);
        break;
      case Opcodes.IF_ICMPEQ:
        this.ificmpeq(label);
        break;
      case Opcodes.IF_ICMPNE:
        this.ificmpne(label);
        break;
      case Opcodes.IF_ICMPLT:
        this.ificmplt(label);
        break;
      case Opcodes.IF_ICMPGE:
        this.ificmpge(label);
        break;
      case Opcodes.IF_ICMPGT:
        this.ificmpgt(label);
        break;
      case Opcodes.IF_ICMPLE:
        this.ificmple(label);
        break;
      case Opcodes.IF_ACMPEQ:
        this.ifacmpeq(label);
        break;
      case Opcodes.IF_ACMPNE:
        this.ifacmpne(label);
        break;
      case Opcodes.GOTO:
        this.goTo(label);
        break;
      case Opcodes.JSR:
        this.jsr(label);
        break;
      case Opcodes.IFNULL:
        this.ifnull(label);
        break;
      case Opcodes.IFNONNULL:
        this.ifnonnull(label);
        break;
      default:
        throw new IllegalArgumentException(`invalid opcode ${opcode}`);
    }
  }

  override visitLabel(label: Label): void {
    this.mark(label);
  }

  override visitLdcInsn(value: ConstantValue): void {
    if (
      this.api < Opcodes.ASM5 &&
      (value instanceof Handle || (value instanceof Type && value.getSort() === Type.METHOD))
    ) {
      throw new UnsupportedOperationException(`visitLdcInsn requires ASM5, found ${this.api >> 16}`);
    }
    if (this.api < Opcodes.ASM7 && value instanceof ConstantDynamic) {
      throw new UnsupportedOperationException('This feature requires ASM7');
    }
    // Byte, Character, Short and boolean are not ldc operands in this API, but ASM accepts them.
    const anyValue: unknown = value;
    if (typeof value === 'number') {
      this.iconst(value);
    } else if (anyValue instanceof Byte || anyValue instanceof Short) {
      this.iconst(anyValue.value);
    } else if (anyValue instanceof Character) {
      this.iconst(anyValue.value);
    } else if (typeof anyValue === 'boolean') {
      this.iconst(anyValue ? 1 : 0);
    } else if (value instanceof Float) {
      this.fconst(value);
    } else if (typeof value === 'bigint') {
      this.lconst(value);
    } else if (value instanceof Double) {
      this.dconst(value);
    } else if (typeof value === 'string') {
      this.aconst(value);
    } else if (value instanceof Type) {
      this.tconst(value);
    } else if (value instanceof Handle) {
      this.hconst(value);
    } else if (value instanceof ConstantDynamic) {
      this.cconst(value);
    } else {
      throw new IllegalArgumentException(`invalid constant ${String(anyValue)}`);
    }
  }

  override visitIincInsn(varIndex: number, increment: number): void {
    this.iinc(varIndex, increment);
  }

  override visitTableSwitchInsn(min: number, max: number, dflt: Label, ...labels: (Label | readonly Label[])[]): void;
  override visitTableSwitchInsn(
    min: number,
    max: number,
    dflt: Label,
    labelsOrFirst?: Label | readonly Label[],
    ...labelsMore: Label[]
  ): void {
    const labels = varargsOf(labelsOrFirst, labelsMore);
    this.tableswitch(min, max, dflt, labels);
  }

  override visitLookupSwitchInsn(dflt: Label, keys: number[], labels: Label[]): void {
    this.lookupswitch(dflt, keys, labels);
  }

  override visitMultiANewArrayInsn(descriptor: string, numDimensions: number): void {
    this.multianewarray(descriptor, numDimensions);
  }

  // ## One method per operation; each emits its event on `mv`.

  nop(): void {
    this.mv!.visitInsn(Opcodes.NOP);
  }

  /** Pushes null (ACONST_NULL) or an ldc constant. */
  aconst(value: ConstantValue | null): void {
    if (value === null) {
      this.mv!.visitInsn(Opcodes.ACONST_NULL);
    } else {
      this.mv!.visitLdcInsn(value);
    }
  }

  /** Pushes an int with the shortest instruction: ICONST_x, BIPUSH, SIPUSH or LDC. */
  iconst(intValue: number): void {
    if ((intValue | 0) !== intValue) {
      // A JavaScript number that no Java int holds (3.5, 2 ** 40): no opcode pushes it as an int.
      throw new IllegalArgumentException(`iconst: ${intValue} is not an int; use dconst/fconst, or lconst for a long`);
    }
    const mv = this.mv!;
    if (intValue >= -1 && intValue <= 5) {
      mv.visitInsn(Opcodes.ICONST_0 + intValue);
    } else if (intValue >= -128 && intValue <= 127) {
      mv.visitIntInsn(Opcodes.BIPUSH, intValue);
    } else if (intValue >= -32768 && intValue <= 32767) {
      mv.visitIntInsn(Opcodes.SIPUSH, intValue);
    } else {
      mv.visitLdcInsn(intValue);
    }
  }

  /**
   * Pushes a long: LCONST_0/1 or LDC. Java's `lconst(5)` widens the int to a long; a JavaScript
   * port passes 5 or 5n, both taken as the long 5 (visitLdcInsn would take the number for an int).
   */
  lconst(value: bigint | number): void {
    let longValue: bigint;
    if (typeof value === 'bigint') {
      longValue = BigInt.asIntN(64, value);
    } else if (Number.isSafeInteger(value)) {
      longValue = BigInt(value);
    } else {
      throw new IllegalArgumentException(`lconst: ${value} is not a long; pass an integer (a bigint beyond 2^53)`);
    }
    if (longValue === 0n || longValue === 1n) {
      this.mv!.visitInsn(Opcodes.LCONST_0 + Number(longValue));
    } else {
      this.mv!.visitLdcInsn(longValue);
    }
  }

  /** Pushes a float: FCONST_0/1/2 for +0.0f, 1.0f and 2.0f exactly, else LDC. */
  fconst(floatValue: Float | number): void {
    const value = floatValue instanceof Float ? floatValue : new Float(floatValue);
    const bits = value.bits;
    if (bits === 0 || bits === 0x3f800000 || bits === 0x40000000) {
      this.mv!.visitInsn(Opcodes.FCONST_0 + value.value);
    } else {
      this.mv!.visitLdcInsn(value);
    }
  }

  /** Pushes a double: DCONST_0/1 for +0.0 and 1.0 exactly, else LDC. */
  dconst(doubleValue: Double | number): void {
    const value = doubleValue instanceof Double ? doubleValue : new Double(doubleValue);
    const bits = value.bits;
    if (bits === 0n || bits === 0x3ff0000000000000n) {
      this.mv!.visitInsn(Opcodes.DCONST_0 + value.value);
    } else {
      this.mv!.visitLdcInsn(value);
    }
  }

  tconst(type: Type): void {
    this.mv!.visitLdcInsn(type);
  }

  hconst(handle: Handle): void {
    this.mv!.visitLdcInsn(handle);
  }

  cconst(constantDynamic: ConstantDynamic): void {
    this.mv!.visitLdcInsn(constantDynamic);
  }

  load(varIndex: number, type: Type): void {
    this.mv!.visitVarInsn(type.getOpcode(Opcodes.ILOAD), varIndex);
  }

  aload(type: Type): void {
    this.mv!.visitInsn(type.getOpcode(Opcodes.IALOAD));
  }

  store(varIndex: number, type: Type): void {
    this.mv!.visitVarInsn(type.getOpcode(Opcodes.ISTORE), varIndex);
  }

  astore(type: Type): void {
    this.mv!.visitInsn(type.getOpcode(Opcodes.IASTORE));
  }

  pop(): void {
    this.mv!.visitInsn(Opcodes.POP);
  }

  pop2(): void {
    this.mv!.visitInsn(Opcodes.POP2);
  }

  dup(): void {
    this.mv!.visitInsn(Opcodes.DUP);
  }

  dup2(): void {
    this.mv!.visitInsn(Opcodes.DUP2);
  }

  dupX1(): void {
    this.mv!.visitInsn(Opcodes.DUP_X1);
  }

  dupX2(): void {
    this.mv!.visitInsn(Opcodes.DUP_X2);
  }

  dup2X1(): void {
    this.mv!.visitInsn(Opcodes.DUP2_X1);
  }

  dup2X2(): void {
    this.mv!.visitInsn(Opcodes.DUP2_X2);
  }

  swap(): void {
    this.mv!.visitInsn(Opcodes.SWAP);
  }

  add(type: Type): void {
    this.mv!.visitInsn(type.getOpcode(Opcodes.IADD));
  }

  sub(type: Type): void {
    this.mv!.visitInsn(type.getOpcode(Opcodes.ISUB));
  }

  mul(type: Type): void {
    this.mv!.visitInsn(type.getOpcode(Opcodes.IMUL));
  }

  div(type: Type): void {
    this.mv!.visitInsn(type.getOpcode(Opcodes.IDIV));
  }

  rem(type: Type): void {
    this.mv!.visitInsn(type.getOpcode(Opcodes.IREM));
  }

  neg(type: Type): void {
    this.mv!.visitInsn(type.getOpcode(Opcodes.INEG));
  }

  shl(type: Type): void {
    this.mv!.visitInsn(type.getOpcode(Opcodes.ISHL));
  }

  shr(type: Type): void {
    this.mv!.visitInsn(type.getOpcode(Opcodes.ISHR));
  }

  ushr(type: Type): void {
    this.mv!.visitInsn(type.getOpcode(Opcodes.IUSHR));
  }

  and(type: Type): void {
    this.mv!.visitInsn(type.getOpcode(Opcodes.IAND));
  }

  or(type: Type): void {
    this.mv!.visitInsn(type.getOpcode(Opcodes.IOR));
  }

  xor(type: Type): void {
    this.mv!.visitInsn(type.getOpcode(Opcodes.IXOR));
  }

  iinc(varIndex: number, increment: number): void {
    this.mv!.visitIincInsn(varIndex, increment);
  }

  /** Emits the conversion(s) from one primitive type to another (nothing when they are equal). */
  cast(from: Type, to: Type): void {
    InstructionAdapter.cast(this.mv!, from, to);
  }

  /**
   * The conversions from `from` to `to` on `methodVisitor`; a narrowing from long, float or double
   * to byte, char or short goes through int (JVMS §2.11.4).
   *
   * @internal
   */
  static cast(methodVisitor: MethodVisitor, from: Type, to: Type): void {
    if (from === to) {
      return;
    }
    if (from === Type.DOUBLE_TYPE) {
      if (to === Type.FLOAT_TYPE) {
        methodVisitor.visitInsn(Opcodes.D2F);
      } else if (to === Type.LONG_TYPE) {
        methodVisitor.visitInsn(Opcodes.D2L);
      } else {
        methodVisitor.visitInsn(Opcodes.D2I);
        InstructionAdapter.cast(methodVisitor, Type.INT_TYPE, to);
      }
    } else if (from === Type.FLOAT_TYPE) {
      if (to === Type.DOUBLE_TYPE) {
        methodVisitor.visitInsn(Opcodes.F2D);
      } else if (to === Type.LONG_TYPE) {
        methodVisitor.visitInsn(Opcodes.F2L);
      } else {
        methodVisitor.visitInsn(Opcodes.F2I);
        InstructionAdapter.cast(methodVisitor, Type.INT_TYPE, to);
      }
    } else if (from === Type.LONG_TYPE) {
      if (to === Type.DOUBLE_TYPE) {
        methodVisitor.visitInsn(Opcodes.L2D);
      } else if (to === Type.FLOAT_TYPE) {
        methodVisitor.visitInsn(Opcodes.L2F);
      } else {
        methodVisitor.visitInsn(Opcodes.L2I);
        InstructionAdapter.cast(methodVisitor, Type.INT_TYPE, to);
      }
    } else if (to === Type.BYTE_TYPE) {
      methodVisitor.visitInsn(Opcodes.I2B);
    } else if (to === Type.CHAR_TYPE) {
      methodVisitor.visitInsn(Opcodes.I2C);
    } else if (to === Type.DOUBLE_TYPE) {
      methodVisitor.visitInsn(Opcodes.I2D);
    } else if (to === Type.FLOAT_TYPE) {
      methodVisitor.visitInsn(Opcodes.I2F);
    } else if (to === Type.LONG_TYPE) {
      methodVisitor.visitInsn(Opcodes.I2L);
    } else if (to === Type.SHORT_TYPE) {
      methodVisitor.visitInsn(Opcodes.I2S);
    }
  }

  lcmp(): void {
    this.mv!.visitInsn(Opcodes.LCMP);
  }

  cmpl(type: Type): void {
    this.mv!.visitInsn(type === Type.FLOAT_TYPE ? Opcodes.FCMPL : Opcodes.DCMPL);
  }

  cmpg(type: Type): void {
    this.mv!.visitInsn(type === Type.FLOAT_TYPE ? Opcodes.FCMPG : Opcodes.DCMPG);
  }

  ifeq(label: Label): void {
    this.mv!.visitJumpInsn(Opcodes.IFEQ, label);
  }

  ifne(label: Label): void {
    this.mv!.visitJumpInsn(Opcodes.IFNE, label);
  }

  iflt(label: Label): void {
    this.mv!.visitJumpInsn(Opcodes.IFLT, label);
  }

  ifge(label: Label): void {
    this.mv!.visitJumpInsn(Opcodes.IFGE, label);
  }

  ifgt(label: Label): void {
    this.mv!.visitJumpInsn(Opcodes.IFGT, label);
  }

  ifle(label: Label): void {
    this.mv!.visitJumpInsn(Opcodes.IFLE, label);
  }

  ificmpeq(label: Label): void {
    this.mv!.visitJumpInsn(Opcodes.IF_ICMPEQ, label);
  }

  ificmpne(label: Label): void {
    this.mv!.visitJumpInsn(Opcodes.IF_ICMPNE, label);
  }

  ificmplt(label: Label): void {
    this.mv!.visitJumpInsn(Opcodes.IF_ICMPLT, label);
  }

  ificmpge(label: Label): void {
    this.mv!.visitJumpInsn(Opcodes.IF_ICMPGE, label);
  }

  ificmpgt(label: Label): void {
    this.mv!.visitJumpInsn(Opcodes.IF_ICMPGT, label);
  }

  ificmple(label: Label): void {
    this.mv!.visitJumpInsn(Opcodes.IF_ICMPLE, label);
  }

  ifacmpeq(label: Label): void {
    this.mv!.visitJumpInsn(Opcodes.IF_ACMPEQ, label);
  }

  ifacmpne(label: Label): void {
    this.mv!.visitJumpInsn(Opcodes.IF_ACMPNE, label);
  }

  goTo(label: Label): void {
    this.mv!.visitJumpInsn(Opcodes.GOTO, label);
  }

  jsr(label: Label): void {
    this.mv!.visitJumpInsn(Opcodes.JSR, label);
  }

  ret(varIndex: number): void {
    this.mv!.visitVarInsn(Opcodes.RET, varIndex);
  }

  tableswitch(min: number, max: number, dflt: Label, ...labels: (Label | readonly Label[])[]): void;
  tableswitch(
    min: number,
    max: number,
    dflt: Label,
    labelsOrFirst?: Label | readonly Label[],
    ...labelsMore: Label[]
  ): void {
    const labels = varargsOf(labelsOrFirst, labelsMore);
    this.mv!.visitTableSwitchInsn(min, max, dflt, labels);
  }

  lookupswitch(dflt: Label, keys: number[], labels: Label[]): void {
    this.mv!.visitLookupSwitchInsn(dflt, keys, labels);
  }

  /** Returns a value of the given type (RETURN for VOID_TYPE). */
  areturn(type: Type): void {
    this.mv!.visitInsn(type.getOpcode(Opcodes.IRETURN));
  }

  getstatic(owner: string, name: string, descriptor: string): void {
    this.mv!.visitFieldInsn(Opcodes.GETSTATIC, owner, name, descriptor);
  }

  putstatic(owner: string, name: string, descriptor: string): void {
    this.mv!.visitFieldInsn(Opcodes.PUTSTATIC, owner, name, descriptor);
  }

  getfield(owner: string, name: string, descriptor: string): void {
    this.mv!.visitFieldInsn(Opcodes.GETFIELD, owner, name, descriptor);
  }

  putfield(owner: string, name: string, descriptor: string): void {
    this.mv!.visitFieldInsn(Opcodes.PUTFIELD, owner, name, descriptor);
  }

  /** INVOKEVIRTUAL; without `isInterface` this is ASM's deprecated overload (owner is a class). */
  invokevirtual(owner: string, name: string, descriptor: string, isInterface?: boolean): void {
    this.invoke(Opcodes.INVOKEVIRTUAL, owner, name, descriptor, isInterface, 'INVOKEVIRTUAL');
  }

  /** INVOKESPECIAL; without `isInterface` this is ASM's deprecated overload (owner is a class). */
  invokespecial(owner: string, name: string, descriptor: string, isInterface?: boolean): void {
    this.invoke(Opcodes.INVOKESPECIAL, owner, name, descriptor, isInterface, 'INVOKESPECIAL');
  }

  /** INVOKESTATIC; without `isInterface` this is ASM's deprecated overload (owner is a class). */
  invokestatic(owner: string, name: string, descriptor: string, isInterface?: boolean): void {
    this.invoke(Opcodes.INVOKESTATIC, owner, name, descriptor, isInterface, 'INVOKESTATIC');
  }

  private invoke(
    opcode: number,
    owner: string,
    name: string,
    descriptor: string,
    isInterface: boolean | undefined,
    mnemonic: string,
  ): void {
    if (this.api < Opcodes.ASM5 && isInterface === true) {
      throw new UnsupportedOperationException(`${mnemonic} on interfaces require ASM 5`);
    }
    this.mv!.visitMethodInsn(opcode, owner, name, descriptor, isInterface ?? false);
  }

  invokeinterface(owner: string, name: string, descriptor: string): void {
    this.mv!.visitMethodInsn(Opcodes.INVOKEINTERFACE, owner, name, descriptor, true);
  }

  invokedynamic(
    name: string,
    descriptor: string,
    bootstrapMethodHandle: Handle,
    bootstrapMethodArguments: ConstantValue[],
  ): void {
    this.mv!.visitInvokeDynamicInsn(name, descriptor, bootstrapMethodHandle, bootstrapMethodArguments);
  }

  anew(type: Type): void {
    this.mv!.visitTypeInsn(Opcodes.NEW, type.getInternalName());
  }

  /** Creates an array whose elements have the given type: NEWARRAY for primitives, else ANEWARRAY. */
  newarray(type: Type): void {
    InstructionAdapter.newarray(this.mv!, type);
  }

  /** @internal */
  static newarray(methodVisitor: MethodVisitor, type: Type): void {
    let arrayType: number;
    switch (type.getSort()) {
      case Type.BOOLEAN:
        arrayType = Opcodes.T_BOOLEAN;
        break;
      case Type.CHAR:
        arrayType = Opcodes.T_CHAR;
        break;
      case Type.BYTE:
        arrayType = Opcodes.T_BYTE;
        break;
      case Type.SHORT:
        arrayType = Opcodes.T_SHORT;
        break;
      case Type.INT:
        arrayType = Opcodes.T_INT;
        break;
      case Type.FLOAT:
        arrayType = Opcodes.T_FLOAT;
        break;
      case Type.LONG:
        arrayType = Opcodes.T_LONG;
        break;
      case Type.DOUBLE:
        arrayType = Opcodes.T_DOUBLE;
        break;
      default:
        methodVisitor.visitTypeInsn(Opcodes.ANEWARRAY, type.getInternalName());
        return;
    }
    methodVisitor.visitIntInsn(Opcodes.NEWARRAY, arrayType);
  }

  arraylength(): void {
    this.mv!.visitInsn(Opcodes.ARRAYLENGTH);
  }

  athrow(): void {
    this.mv!.visitInsn(Opcodes.ATHROW);
  }

  checkcast(type: Type): void {
    this.mv!.visitTypeInsn(Opcodes.CHECKCAST, type.getInternalName());
  }

  instanceOf(type: Type): void {
    this.mv!.visitTypeInsn(Opcodes.INSTANCEOF, type.getInternalName());
  }

  monitorenter(): void {
    this.mv!.visitInsn(Opcodes.MONITORENTER);
  }

  monitorexit(): void {
    this.mv!.visitInsn(Opcodes.MONITOREXIT);
  }

  multianewarray(descriptor: string, numDimensions: number): void {
    this.mv!.visitMultiANewArrayInsn(descriptor, numDimensions);
  }

  ifnull(label: Label): void {
    this.mv!.visitJumpInsn(Opcodes.IFNULL, label);
  }

  ifnonnull(label: Label): void {
    this.mv!.visitJumpInsn(Opcodes.IFNONNULL, label);
  }

  mark(label: Label): void {
    this.mv!.visitLabel(label);
  }
}

/** INT, LONG, FLOAT or DOUBLE type for the offset of an opcode within its I/L/F/D family. */
function arithmeticType(offset: number): Type {
  switch (offset) {
    case 0:
      return Type.INT_TYPE;
    case 1:
      return Type.LONG_TYPE;
    case 2:
      return Type.FLOAT_TYPE;
    default:
      return Type.DOUBLE_TYPE;
  }
}
