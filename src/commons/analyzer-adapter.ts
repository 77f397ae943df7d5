// A MethodVisitor that simulates each instruction on the current stack map frame, so that the
// next visitor in the chain can read the frame (locals and stack) before each instruction.

import { ConstantDynamic } from '../asm/constant-dynamic.js';
import { Handle } from '../asm/handle.js';
import { IllegalArgumentException, IllegalStateException } from '../asm/java-exceptions.js';
import { type ConstantValue, Double, Float } from '../asm/java-values.js';
import { Label } from '../asm/label.js';
import { type FrameElement, MethodVisitor } from '../asm/method-visitor.js';
import { Opcodes } from '../asm/opcodes.js';
import { Type } from '../asm/type.js';
import { varargsOf } from '../asm/varargs.js';

/**
 * ASM's AnalyzerAdapter: each visitX forwards the event, then simulates the instruction on
 * `locals` and `stack` (long and double take two slots, the second TOP; types as in visitFrame:
 * Opcodes.TOP…UNINITIALIZED_THIS, internal names, or the Label of a NEW). Both are null after an
 * instruction without successor, until the next frame. Requires expanded frames
 * (ClassReader.EXPAND_FRAMES); JSR/RET are refused; without frames (class version < 50) the state
 * is lost after the first unconditional jump.
 *
 * `new AnalyzerAdapter(owner, access, name, descriptor, methodVisitor)` is for this class itself;
 * subclasses call `super(api, owner, access, name, descriptor, methodVisitor)`.
 */
export class AnalyzerAdapter extends MethodVisitor {
  /** The local variable types of the current frame, or null for unreachable code. */
  locals: FrameElement[] | null;
  /** The operand stack types of the current frame, or null for unreachable code. */
  stack: FrameElement[] | null;
  /** The labels designating the next instruction, or null. */
  private labels: Label[] | null;
  /** For each uninitialized value (the Label of its NEW), the internal name given to NEW. */
  uninitializedTypes: Map<Label, string>;
  private maxStack: number;
  private maxLocals: number;
  private readonly owner: string;

  constructor(owner: string, access: number, name: string, descriptor: string, methodVisitor: MethodVisitor | null);
  constructor(
    api: number,
    owner: string,
    access: number,
    name: string,
    descriptor: string,
    methodVisitor: MethodVisitor | null,
  );
  constructor(
    a: string | number,
    b: string | number,
    c: number | string,
    d: string,
    e: string | MethodVisitor | null,
    f?: MethodVisitor | null,
  ) {
    const withApi = typeof a === 'number';
    super(withApi ? (a as number) : Opcodes.ASM9, withApi ? (f ?? null) : (e as MethodVisitor | null));
    if (!withApi && new.target !== AnalyzerAdapter) {
      throw new IllegalStateException('subclasses of AnalyzerAdapter must pass an api');
    }
    const owner = (withApi ? b : a) as string;
    const access = (withApi ? c : b) as number;
    const name = (withApi ? d : c) as string;
    const descriptor = (withApi ? e : d) as string;
    this.owner = owner;
    this.labels = null;
    this.uninitializedTypes = new Map();
    this.maxStack = 0;
    const locals: FrameElement[] = [];
    this.stack = [];
    if ((access & Opcodes.ACC_STATIC) === 0) {
      locals.push(name === '<init>' ? Opcodes.UNINITIALIZED_THIS : owner);
    }
    for (const argumentType of Type.getArgumentTypes(descriptor)) {
      switch (argumentType.getSort()) {
        case Type.BOOLEAN:
        case Type.CHAR:
        case Type.BYTE:
        case Type.SHORT:
        case Type.INT:
          locals.push(Opcodes.INTEGER);
          break;
        case Type.FLOAT:
          locals.push(Opcodes.FLOAT);
          break;
        case Type.LONG:
          locals.push(Opcodes.LONG, Opcodes.TOP);
          break;
        case Type.DOUBLE:
          locals.push(Opcodes.DOUBLE, Opcodes.TOP);
          break;
        case Type.ARRAY:
          locals.push(argumentType.getDescriptor());
          break;
        case Type.OBJECT:
          locals.push(argumentType.getInternalName());
          break;
        default:
          throw new Error(`AssertionError: bad argument type in ${descriptor}`);
      }
    }
    this.locals = locals;
    this.maxLocals = locals.length;
  }

  override visitFrame(
    type: number,
    numLocal: number,
    local: FrameElement[] | null,
    numStack: number,
    stack: FrameElement[] | null,
  ): void {
    if (type !== Opcodes.F_NEW) {
      throw new IllegalArgumentException('AnalyzerAdapter only accepts expanded frames (see ClassReader.EXPAND_FRAMES)');
    }
    super.visitFrame(type, numLocal, local, numStack, stack);
    const locals: FrameElement[] = [];
    const stackTypes: FrameElement[] = [];
    AnalyzerAdapter.visitFrameTypes(numLocal, local, locals);
    AnalyzerAdapter.visitFrameTypes(numStack, stack, stackTypes);
    this.locals = locals;
    this.stack = stackTypes;
    this.maxLocals = Math.max(this.maxLocals, locals.length);
    this.maxStack = Math.max(this.maxStack, stackTypes.length);
  }

  private static visitFrameTypes(numTypes: number, frameTypes: FrameElement[] | null, result: FrameElement[]): void {
    for (let i = 0; i < numTypes; ++i) {
      const frameType = frameTypes![i]!;
      result.push(frameType);
      if (frameType === Opcodes.LONG || frameType === Opcodes.DOUBLE) {
        result.push(Opcodes.TOP);
      }
    }
  }

  override visitInsn(opcode: number): void {
    super.visitInsn(opcode);
    this.execute(opcode, 0, null);
    if ((opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) || opcode === Opcodes.ATHROW) {
      this.locals = null;
      this.stack = null;
    }
  }

  override visitIntInsn(opcode: number, operand: number): void {
    super.visitIntInsn(opcode, operand);
    this.execute(opcode, operand, null);
  }

  override visitVarInsn(opcode: number, varIndex: number): void {
    super.visitVarInsn(opcode, varIndex);
    const isLongOrDouble =
      opcode === Opcodes.LLOAD || opcode === Opcodes.DLOAD || opcode === Opcodes.LSTORE || opcode === Opcodes.DSTORE;
    this.maxLocals = Math.max(this.maxLocals, varIndex + (isLongOrDouble ? 2 : 1));
    this.execute(opcode, varIndex, null);
  }

  override visitTypeInsn(opcode: number, type: string): void {
    if (opcode === Opcodes.NEW) {
      // The uninitialized value is named by a label at the NEW instruction (JVMS §4.7.4).
      if (this.labels === null) {
        const label = new Label();
        this.labels = [label];
        if (this.mv !== null) {
          this.mv.visitLabel(label);
        }
      }
      for (const label of this.labels) {
        this.uninitializedTypes.set(label, type);
      }
    }
    super.visitTypeInsn(opcode, type);
    this.execute(opcode, 0, type);
  }

  override visitFieldInsn(opcode: number, owner: string, name: string, descriptor: string): void {
    super.visitFieldInsn(opcode, owner, name, descriptor);
    this.execute(opcode, 0, descriptor);
  }

  override visitMethodInsn(
    opcodeAndSource: number,
    owner: string,
    name: string,
    descriptor: string,
    isInterface?: boolean,
  ): void {
    super.visitMethodInsn(opcodeAndSource, owner, name, descriptor, isInterface);
    const opcode = opcodeAndSource & ~Opcodes.SOURCE_MASK;
    const locals = this.locals;
    const stack = this.stack;
    if (locals === null || stack === null) {
      this.labels = null;
      return;
    }
    this.popDescriptor(descriptor);
    if (opcode !== Opcodes.INVOKESTATIC) {
      const value = this.pop();
      if (opcode === Opcodes.INVOKESPECIAL && name === '<init>') {
        // Every copy of the uninitialized value becomes initialized (JVMS §4.10.1.9.invokespecial).
        const initializedValue = value === Opcodes.UNINITIALIZED_THIS ? this.owner : owner;
        for (let i = 0; i < locals.length; ++i) {
          if (locals[i] === value) locals[i] = initializedValue;
        }
        for (let i = 0; i < stack.length; ++i) {
          if (stack[i] === value) stack[i] = initializedValue;
        }
      }
    }
    this.pushDescriptor(descriptor);
    this.labels = null;
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
    super.visitInvokeDynamicInsn(name, descriptor, bootstrapMethodHandle, bootstrapMethodArguments);
    if (this.locals === null) {
      this.labels = null;
      return;
    }
    this.popDescriptor(descriptor);
    this.pushDescriptor(descriptor);
    this.labels = null;
  }

  override visitJumpInsn(opcode: number, label: Label): void {
    super.visitJumpInsn(opcode, label);
    this.execute(opcode, 0, null);
    if (opcode === Opcodes.GOTO) {
      this.locals = null;
      this.stack = null;
    }
  }

  override visitLabel(label: Label): void {
    super.visitLabel(label);
    if (this.labels === null) {
      this.labels = [];
    }
    this.labels.push(label);
  }

  override visitLdcInsn(value: ConstantValue): void {
    super.visitLdcInsn(value);
    if (this.locals === null) {
      this.labels = null;
      return;
    }
    if (typeof value === 'number') {
      this.push(Opcodes.INTEGER);
    } else if (typeof value === 'bigint') {
      this.push(Opcodes.LONG);
      this.push(Opcodes.TOP);
    } else if (value instanceof Float) {
      this.push(Opcodes.FLOAT);
    } else if (value instanceof Double) {
      this.push(Opcodes.DOUBLE);
      this.push(Opcodes.TOP);
    } else if (typeof value === 'string') {
      this.push('java/lang/String');
    } else if (value instanceof Type) {
      const sort = value.getSort();
      if (sort === Type.OBJECT || sort === Type.ARRAY) {
        this.push('java/lang/Class');
      } else if (sort === Type.METHOD) {
        this.push('java/lang/invoke/MethodType');
      } else {
        throw new IllegalArgumentException(`invalid ldc type ${value.toString()}`);
      }
    } else if (value instanceof Handle) {
      this.push('java/lang/invoke/MethodHandle');
    } else if (value instanceof ConstantDynamic) {
      this.pushDescriptor(value.getDescriptor());
    } else {
      throw new IllegalArgumentException(`invalid ldc constant ${String(value)}`);
    }
    this.labels = null;
  }

  override visitIincInsn(varIndex: number, increment: number): void {
    super.visitIincInsn(varIndex, increment);
    this.maxLocals = Math.max(this.maxLocals, varIndex + 1);
    this.execute(Opcodes.IINC, varIndex, null);
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
    super.visitTableSwitchInsn(min, max, dflt, labels);
    this.execute(Opcodes.TABLESWITCH, 0, null);
    this.locals = null;
    this.stack = null;
  }

  override visitLookupSwitchInsn(dflt: Label, keys: number[], labels: Label[]): void {
    super.visitLookupSwitchInsn(dflt, keys, labels);
    this.execute(Opcodes.LOOKUPSWITCH, 0, null);
    this.locals = null;
    this.stack = null;
  }

  override visitMultiANewArrayInsn(descriptor: string, numDimensions: number): void {
    super.visitMultiANewArrayInsn(descriptor, numDimensions);
    this.execute(Opcodes.MULTIANEWARRAY, numDimensions, descriptor);
  }

  override visitLocalVariable(
    name: string,
    descriptor: string,
    signature: string | null,
    start: Label,
    end: Label,
    index: number,
  ): void {
    const firstDescriptorChar = descriptor.charAt(0);
    this.maxLocals = Math.max(this.maxLocals, index + (firstDescriptorChar === 'J' || firstDescriptorChar === 'D' ? 2 : 1));
    super.visitLocalVariable(name, descriptor, signature, start, end, index);
  }

  override visitMaxs(maxStack: number, maxLocals: number): void {
    if (this.mv !== null) {
      this.maxStack = Math.max(this.maxStack, maxStack);
      this.maxLocals = Math.max(this.maxLocals, maxLocals);
      this.mv.visitMaxs(this.maxStack, this.maxLocals);
    }
  }

  // ## Frame simulation

  private get(local: number): FrameElement {
    this.maxLocals = Math.max(this.maxLocals, local + 1);
    const locals = this.locals!;
    return local < locals.length ? locals[local]! : Opcodes.TOP;
  }

  private set(local: number, type: FrameElement): void {
    this.maxLocals = Math.max(this.maxLocals, local + 1);
    const locals = this.locals!;
    while (local >= locals.length) {
      locals.push(Opcodes.TOP);
    }
    locals[local] = type;
  }

  private push(type: FrameElement): void {
    const stack = this.stack!;
    stack.push(type);
    this.maxStack = Math.max(this.maxStack, stack.length);
  }

  /** Pushes the type of a field descriptor, or the return type of a method descriptor. */
  private pushDescriptor(fieldOrMethodDescriptor: string): void {
    const descriptor =
      fieldOrMethodDescriptor.charAt(0) === '('
        ? Type.getReturnType(fieldOrMethodDescriptor).getDescriptor()
        : fieldOrMethodDescriptor;
    switch (descriptor.charAt(0)) {
      case 'V':
        return;
      case 'Z':
      case 'C':
      case 'B':
      case 'S':
      case 'I':
        this.push(Opcodes.INTEGER);
        return;
      case 'F':
        this.push(Opcodes.FLOAT);
        return;
      case 'J':
        this.push(Opcodes.LONG);
        this.push(Opcodes.TOP);
        return;
      case 'D':
        this.push(Opcodes.DOUBLE);
        this.push(Opcodes.TOP);
        return;
      case '[':
        this.push(descriptor);
        break;
      case 'L':
        this.push(descriptor.substring(1, descriptor.length - 1));
        break;
      default:
        throw new Error(`AssertionError: invalid descriptor ${descriptor}`);
    }
  }

  private pop(): FrameElement {
    const value = this.stack!.pop();
    if (value === undefined) {
      throw new Error('AnalyzerAdapter: operand stack underflow');
    }
    return value;
  }

  private popSlots(numSlots: number): void {
    const stack = this.stack!;
    if (numSlots > stack.length) {
      throw new Error('AnalyzerAdapter: operand stack underflow');
    }
    stack.length -= numSlots;
  }

  /** Pops the arguments of a method descriptor, or one value of a field descriptor. */
  private popDescriptor(descriptor: string): void {
    const firstDescriptorChar = descriptor.charAt(0);
    if (firstDescriptorChar === '(') {
      this.popSlots((Type.getArgumentsAndReturnSizes(descriptor) >> 2) - 1);
    } else if (firstDescriptorChar === 'J' || firstDescriptorChar === 'D') {
      this.popSlots(2);
    } else {
      this.popSlots(1);
    }
  }

  private execute(opcode: number, intArg: number, stringArg: string | null): void {
    if (opcode === Opcodes.JSR || opcode === Opcodes.RET) {
      throw new IllegalArgumentException('JSR/RET are not supported');
    }
    if (this.locals === null) {
      this.labels = null;
      return;
    }
    let value1: FrameElement;
    let value2: FrameElement;
    let value3: FrameElement;
    let value4: FrameElement;
    switch (opcode) {
      case Opcodes.NOP:
      case Opcodes.INEG:
      case Opcodes.LNEG:
      case Opcodes.FNEG:
      case Opcodes.DNEG:
      case Opcodes.I2B:
      case Opcodes.I2C:
      case Opcodes.I2S:
      case Opcodes.GOTO:
      case Opcodes.RETURN:
        break;
      case Opcodes.ACONST_NULL:
        this.push(Opcodes.NULL);
        break;
      case Opcodes.ICONST_M1:
      case Opcodes.ICONST_0:
      case Opcodes.ICONST_1:
      case Opcodes.ICONST_2:
      case Opcodes.ICONST_3:
      case Opcodes.ICONST_4:
      case Opcodes.ICONST_5:
      case Opcodes.BIPUSH:
      case Opcodes.SIPUSH:
        this.push(Opcodes.INTEGER);
        break;
      case Opcodes.LCONST_0:
      case Opcodes.LCONST_1:
        this.push(Opcodes.LONG);
        this.push(Opcodes.TOP);
        break;
      case Opcodes.FCONST_0:
      case Opcodes.FCONST_1:
      case Opcodes.FCONST_2:
        this.push(Opcodes.FLOAT);
        break;
      case Opcodes.DCONST_0:
      case Opcodes.DCONST_1:
        this.push(Opcodes.DOUBLE);
        this.push(Opcodes.TOP);
        break;
      case Opcodes.ILOAD:
      case Opcodes.FLOAD:
      case Opcodes.ALOAD:
        this.push(this.get(intArg));
        break;
      case Opcodes.LLOAD:
      case Opcodes.DLOAD:
        this.push(this.get(intArg));
        this.push(Opcodes.TOP);
        break;
      case Opcodes.LALOAD:
      case Opcodes.D2L:
        this.popSlots(2);
        this.push(Opcodes.LONG);
        this.push(Opcodes.TOP);
        break;
      case Opcodes.DALOAD:
      case Opcodes.L2D:
        this.popSlots(2);
        this.push(Opcodes.DOUBLE);
        this.push(Opcodes.TOP);
        break;
      case Opcodes.AALOAD:
        this.popSlots(1);
        value1 = this.pop();
        if (typeof value1 === 'string') {
          this.pushDescriptor(value1.substring(1));
        } else if (value1 === Opcodes.NULL) {
          this.push(value1);
        } else {
          this.push('java/lang/Object');
        }
        break;
      case Opcodes.ISTORE:
      case Opcodes.FSTORE:
      case Opcodes.ASTORE:
        value1 = this.pop();
        this.set(intArg, value1);
        if (intArg > 0) {
          // Overwriting the second slot of a long or double invalidates it.
          value2 = this.get(intArg - 1);
          if (value2 === Opcodes.LONG || value2 === Opcodes.DOUBLE) {
            this.set(intArg - 1, Opcodes.TOP);
          }
        }
        break;
      case Opcodes.LSTORE:
      case Opcodes.DSTORE:
        this.popSlots(1);
        value1 = this.pop();
        this.set(intArg, value1);
        this.set(intArg + 1, Opcodes.TOP);
        if (intArg > 0) {
          value2 = this.get(intArg - 1);
          if (value2 === Opcodes.LONG || value2 === Opcodes.DOUBLE) {
            this.set(intArg - 1, Opcodes.TOP);
          }
        }
        break;
      case Opcodes.IASTORE:
      case Opcodes.BASTORE:
      case Opcodes.CASTORE:
      case Opcodes.SASTORE:
      case Opcodes.FASTORE:
      case Opcodes.AASTORE:
        this.popSlots(3);
        break;
      case Opcodes.LASTORE:
      case Opcodes.DASTORE:
        this.popSlots(4);
        break;
      case Opcodes.POP:
      case Opcodes.IFEQ:
      case Opcodes.IFNE:
      case Opcodes.IFLT:
      case Opcodes.IFGE:
      case Opcodes.IFGT:
      case Opcodes.IFLE:
      case Opcodes.IRETURN:
      case Opcodes.FRETURN:
      case Opcodes.ARETURN:
      case Opcodes.TABLESWITCH:
      case Opcodes.LOOKUPSWITCH:
      case Opcodes.ATHROW:
      case Opcodes.MONITORENTER:
      case Opcodes.MONITOREXIT:
      case Opcodes.IFNULL:
      case Opcodes.IFNONNULL:
        this.popSlots(1);
        break;
      case Opcodes.POP2:
      case Opcodes.IF_ICMPEQ:
      case Opcodes.IF_ICMPNE:
      case Opcodes.IF_ICMPLT:
      case Opcodes.IF_ICMPGE:
      case Opcodes.IF_ICMPGT:
      case Opcodes.IF_ICMPLE:
      case Opcodes.IF_ACMPEQ:
      case Opcodes.IF_ACMPNE:
      case Opcodes.LRETURN:
      case Opcodes.DRETURN:
        this.popSlots(2);
        break;
      case Opcodes.DUP:
        value1 = this.pop();
        this.push(value1);
        this.push(value1);
        break;
      case Opcodes.DUP_X1:
        value1 = this.pop();
        value2 = this.pop();
        this.push(value1);
        this.push(value2);
        this.push(value1);
        break;
      case Opcodes.DUP_X2:
        value1 = this.pop();
        value2 = this.pop();
        value3 = this.pop();
        this.push(value1);
        this.push(value3);
        this.push(value2);
        this.push(value1);
        break;
      case Opcodes.DUP2:
        value1 = this.pop();
        value2 = this.pop();
        this.push(value2);
        this.push(value1);
        this.push(value2);
        this.push(value1);
        break;
      case Opcodes.DUP2_X1:
        value1 = this.pop();
        value2 = this.pop();
        value3 = this.pop();
        this.push(value2);
        this.push(value1);
        this.push(value3);
        this.push(value2);
        this.push(value1);
        break;
      case Opcodes.DUP2_X2:
        value1 = this.pop();
        value2 = this.pop();
        value3 = this.pop();
        value4 = this.pop();
        this.push(value2);
        this.push(value1);
        this.push(value4);
        this.push(value3);
        this.push(value2);
        this.push(value1);
        break;
      case Opcodes.SWAP:
        value1 = this.pop();
        value2 = this.pop();
        this.push(value1);
        this.push(value2);
        break;
      case Opcodes.IALOAD:
      case Opcodes.BALOAD:
      case Opcodes.CALOAD:
      case Opcodes.SALOAD:
      case Opcodes.IADD:
      case Opcodes.ISUB:
      case Opcodes.IMUL:
      case Opcodes.IDIV:
      case Opcodes.IREM:
      case Opcodes.IAND:
      case Opcodes.IOR:
      case Opcodes.IXOR:
      case Opcodes.ISHL:
      case Opcodes.ISHR:
      case Opcodes.IUSHR:
      case Opcodes.L2I:
      case Opcodes.D2I:
      case Opcodes.FCMPL:
      case Opcodes.FCMPG:
        this.popSlots(2);
        this.push(Opcodes.INTEGER);
        break;
      case Opcodes.LADD:
      case Opcodes.LSUB:
      case Opcodes.LMUL:
      case Opcodes.LDIV:
      case Opcodes.LREM:
      case Opcodes.LAND:
      case Opcodes.LOR:
      case Opcodes.LXOR:
        this.popSlots(4);
        this.push(Opcodes.LONG);
        this.push(Opcodes.TOP);
        break;
      case Opcodes.FALOAD:
      case Opcodes.FADD:
      case Opcodes.FSUB:
      case Opcodes.FMUL:
      case Opcodes.FDIV:
      case Opcodes.FREM:
      case Opcodes.L2F:
      case Opcodes.D2F:
        this.popSlots(2);
        this.push(Opcodes.FLOAT);
        break;
      case Opcodes.DADD:
      case Opcodes.DSUB:
      case Opcodes.DMUL:
      case Opcodes.DDIV:
      case Opcodes.DREM:
        this.popSlots(4);
        this.push(Opcodes.DOUBLE);
        this.push(Opcodes.TOP);
        break;
      case Opcodes.LSHL:
      case Opcodes.LSHR:
      case Opcodes.LUSHR:
        this.popSlots(3);
        this.push(Opcodes.LONG);
        this.push(Opcodes.TOP);
        break;
      case Opcodes.IINC:
        this.set(intArg, Opcodes.INTEGER);
        break;
      case Opcodes.I2L:
      case Opcodes.F2L:
        this.popSlots(1);
        this.push(Opcodes.LONG);
        this.push(Opcodes.TOP);
        break;
      case Opcodes.I2F:
        this.popSlots(1);
        this.push(Opcodes.FLOAT);
        break;
      case Opcodes.I2D:
      case Opcodes.F2D:
        this.popSlots(1);
        this.push(Opcodes.DOUBLE);
        this.push(Opcodes.TOP);
        break;
      case Opcodes.F2I:
      case Opcodes.ARRAYLENGTH:
      case Opcodes.INSTANCEOF:
        this.popSlots(1);
        this.push(Opcodes.INTEGER);
        break;
      case Opcodes.LCMP:
      case Opcodes.DCMPL:
      case Opcodes.DCMPG:
        this.popSlots(4);
        this.push(Opcodes.INTEGER);
        break;
      case Opcodes.GETSTATIC:
        this.pushDescriptor(stringArg!);
        break;
      case Opcodes.PUTSTATIC:
        this.popDescriptor(stringArg!);
        break;
      case Opcodes.GETFIELD:
        this.popSlots(1);
        this.pushDescriptor(stringArg!);
        break;
      case Opcodes.PUTFIELD:
        this.popDescriptor(stringArg!);
        this.pop();
        break;
      case Opcodes.NEW:
        this.push(this.labels![0]!);
        break;
      case Opcodes.NEWARRAY:
        this.pop();
        switch (intArg) {
          case Opcodes.T_BOOLEAN:
            this.pushDescriptor('[Z');
            break;
          case Opcodes.T_CHAR:
            this.pushDescriptor('[C');
            break;
          case Opcodes.T_BYTE:
            this.pushDescriptor('[B');
            break;
          case Opcodes.T_SHORT:
            this.pushDescriptor('[S');
            break;
          case Opcodes.T_INT:
            this.pushDescriptor('[I');
            break;
          case Opcodes.T_FLOAT:
            this.pushDescriptor('[F');
            break;
          case Opcodes.T_DOUBLE:
            this.pushDescriptor('[D');
            break;
          case Opcodes.T_LONG:
            this.pushDescriptor('[J');
            break;
          default:
            throw new IllegalArgumentException(`Invalid array type ${intArg}`);
        }
        break;
      case Opcodes.ANEWARRAY:
        this.pop();
        this.pushDescriptor('[' + Type.getObjectType(stringArg!).getDescriptor());
        break;
      case Opcodes.CHECKCAST:
        this.pop();
        this.pushDescriptor(Type.getObjectType(stringArg!).getDescriptor());
        break;
      case Opcodes.MULTIANEWARRAY:
        this.popSlots(intArg);
        this.pushDescriptor(stringArg!);
        break;
      default:
        throw new IllegalArgumentException(`Invalid opcode ${opcode}`);
    }
    this.labels = null;
  }
}
