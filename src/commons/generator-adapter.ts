// A LocalVariablesSorter with one method per code-generation idiom: push constants, load/store
// arguments and locals, arithmetic, comparisons and jumps, boxing, switches, invocations.

import type { ClassVisitor } from '../asm/class-visitor.js';
import { ConstantDynamic } from '../asm/constant-dynamic.js';
import { Handle } from '../asm/handle.js';
import { type ConstantValue, Double, Float } from '../asm/java-values.js';
import { Label } from '../asm/label.js';
import { MethodVisitor } from '../asm/method-visitor.js';
import { Opcodes } from '../asm/opcodes.js';
import { Type } from '../asm/type.js';
import { InstructionAdapter } from './instruction-adapter.js';
import { LocalVariablesSorter } from './local-variables-sorter.js';
import { Method } from './method.js';
import type { TableSwitchGenerator } from './table-switch-generator.js';
import { IllegalArgumentException, IllegalStateException } from '../asm/java-exceptions.js';
import { varargsOf } from '../asm/varargs.js';

const CLASS_DESCRIPTOR = 'Ljava/lang/Class;';
const BYTE_TYPE = Type.getObjectType('java/lang/Byte');
const BOOLEAN_TYPE = Type.getObjectType('java/lang/Boolean');
const SHORT_TYPE = Type.getObjectType('java/lang/Short');
const CHARACTER_TYPE = Type.getObjectType('java/lang/Character');
const INTEGER_TYPE = Type.getObjectType('java/lang/Integer');
const FLOAT_TYPE = Type.getObjectType('java/lang/Float');
const LONG_TYPE = Type.getObjectType('java/lang/Long');
const DOUBLE_TYPE = Type.getObjectType('java/lang/Double');
const NUMBER_TYPE = Type.getObjectType('java/lang/Number');
const OBJECT_TYPE = Type.getObjectType('java/lang/Object');
const BOOLEAN_VALUE = Method.getMethod('boolean booleanValue()');
const CHAR_VALUE = Method.getMethod('char charValue()');
const INT_VALUE = Method.getMethod('int intValue()');
const FLOAT_VALUE = Method.getMethod('float floatValue()');
const LONG_VALUE = Method.getMethod('long longValue()');
const DOUBLE_VALUE = Method.getMethod('double doubleValue()');

/**
 * ASM's GeneratorAdapter.
 *
 * Constructors, as in ASM:
 * - `new GeneratorAdapter(methodVisitor, access, name, descriptor)` (this class only),
 * - `new GeneratorAdapter(api, methodVisitor, access, name, descriptor)` (the one for subclasses),
 * - `new GeneratorAdapter(access, method, methodVisitor)`,
 * - `new GeneratorAdapter(access, method, signature, exceptions, classVisitor)` (calls
 *   classVisitor.visitMethod).
 *
 * `push(value)` replaces Java's push overloads and picks the instruction from the JS type, after
 * the project's Java value conventions: `boolean`; `number` is a Java **int** (it must be an
 * integer in the int range); `bigint` a long; `Float` and `Double` (src/asm/java-values.ts) a
 * float and a double; `string`, `Type`, `Handle`, `ConstantDynamic`; `null` pushes ACONST_NULL.
 * Use `pushFloat(x)` / `pushDouble(x)` to push a JS number as a float or double.
 */
export class GeneratorAdapter extends LocalVariablesSorter {
  /** Operations for math(). */
  static readonly ADD = Opcodes.IADD;
  static readonly SUB = Opcodes.ISUB;
  static readonly MUL = Opcodes.IMUL;
  static readonly DIV = Opcodes.IDIV;
  static readonly REM = Opcodes.IREM;
  static readonly NEG = Opcodes.INEG;
  static readonly SHL = Opcodes.ISHL;
  static readonly SHR = Opcodes.ISHR;
  static readonly USHR = Opcodes.IUSHR;
  static readonly AND = Opcodes.IAND;
  static readonly OR = Opcodes.IOR;
  static readonly XOR = Opcodes.IXOR;

  /** Comparison modes for ifCmp(), ifICmp() and ifZCmp(). */
  static readonly EQ = Opcodes.IFEQ;
  static readonly NE = Opcodes.IFNE;
  static readonly LT = Opcodes.IFLT;
  static readonly GE = Opcodes.IFGE;
  static readonly GT = Opcodes.IFGT;
  static readonly LE = Opcodes.IFLE;

  private readonly access: number;
  private readonly name: string;
  private readonly returnType: Type;
  private readonly argumentTypes: Type[];
  /** The types of the locals from firstLocal on (index local - firstLocal). */
  private readonly localTypes: (Type | null)[];

  constructor(methodVisitor: MethodVisitor | null, access: number, name: string, descriptor: string);
  constructor(api: number, methodVisitor: MethodVisitor | null, access: number, name: string, descriptor: string);
  constructor(access: number, method: Method, methodVisitor: MethodVisitor | null);
  constructor(
    access: number,
    method: Method,
    signature: string | null,
    exceptions: readonly Type[] | null,
    classVisitor: ClassVisitor,
  );
  constructor(
    a: MethodVisitor | number | null,
    b: number | MethodVisitor | Method | null,
    c?: number | string | MethodVisitor | null,
    d?: string | readonly Type[] | null,
    e?: string | ClassVisitor,
  ) {
    let api: number;
    let methodVisitor: MethodVisitor | null;
    let access: number;
    let name: string;
    let descriptor: string;
    let apiGiven = false;
    if (typeof a !== 'number') {
      // (methodVisitor, access, name, descriptor)
      api = Opcodes.ASM9;
      methodVisitor = a;
      access = b as number;
      name = c as string;
      descriptor = d as string;
    } else if (b instanceof Method) {
      api = Opcodes.ASM9;
      access = a;
      name = b.getName();
      descriptor = b.getDescriptor();
      if (e !== undefined) {
        // (access, method, signature, exceptions, classVisitor)
        const exceptions = d as readonly Type[] | null;
        methodVisitor = (e as ClassVisitor).visitMethod(
          access,
          name,
          descriptor,
          (c ?? null) as string | null,
          exceptions === null || exceptions === undefined ? null : exceptions.map((t) => t.getInternalName()),
        );
      } else {
        // (access, method, methodVisitor)
        methodVisitor = (c ?? null) as MethodVisitor | null;
      }
    } else {
      // (api, methodVisitor, access, name, descriptor)
      apiGiven = true;
      api = a;
      methodVisitor = b as MethodVisitor | null;
      access = c as number;
      name = d as string;
      descriptor = e as string;
    }
    super(api, access, descriptor, methodVisitor);
    if (!apiGiven && new.target !== GeneratorAdapter) {
      throw new IllegalStateException('subclasses of GeneratorAdapter must pass an api');
    }
    this.access = access;
    this.name = name;
    this.returnType = Type.getReturnType(descriptor);
    this.argumentTypes = Type.getArgumentTypes(descriptor);
    this.localTypes = [];
  }

  getAccess(): number {
    return this.access;
  }

  getName(): string {
    return this.name;
  }

  getReturnType(): Type {
    return this.returnType;
  }

  getArgumentTypes(): Type[] {
    return this.argumentTypes.slice();
  }

  // ## Constants

  /** Pushes a constant; see the class comment for how the JS type selects the Java type. */
  push(value: boolean | number | bigint | Float | Double | string | Type | Handle | ConstantDynamic | null): void {
    const mv = this.mv!;
    if (value === null) {
      mv.visitInsn(Opcodes.ACONST_NULL);
    } else if (typeof value === 'boolean') {
      this.pushInt(value ? 1 : 0);
    } else if (typeof value === 'number') {
      if (!Number.isInteger(value) || value < -2147483648 || value > 2147483647) {
        throw new IllegalArgumentException(
          `push(number) pushes a Java int, and ${value} is not one; ` +
            'use push(new Float(x)), push(new Double(x)) or push(bigint)',
        );
      }
      this.pushInt(value);
    } else if (typeof value === 'bigint') {
      const long = BigInt.asIntN(64, value);
      if (long === 0n || long === 1n) {
        mv.visitInsn(Opcodes.LCONST_0 + Number(long));
      } else {
        mv.visitLdcInsn(long);
      }
    } else if (value instanceof Float) {
      // Float.floatToIntBits: +0.0f, 1.0f and 2.0f have FCONST_x instructions.
      const bits = value.bits;
      if (bits === 0 || bits === 0x3f800000 || bits === 0x40000000) {
        mv.visitInsn(Opcodes.FCONST_0 + value.value);
      } else {
        mv.visitLdcInsn(value);
      }
    } else if (value instanceof Double) {
      const bits = value.bits;
      if (bits === 0n || bits === 0x3ff0000000000000n) {
        mv.visitInsn(Opcodes.DCONST_0 + value.value);
      } else {
        mv.visitLdcInsn(value);
      }
    } else if (typeof value === 'string') {
      mv.visitLdcInsn(value);
    } else if (value instanceof Type) {
      this.pushType(value);
    } else if (value instanceof Handle || value instanceof ConstantDynamic) {
      mv.visitLdcInsn(value);
    } else {
      throw new IllegalArgumentException(`cannot push ${String(value)}`);
    }
  }

  /** Pushes a JS number as a Java float (rounded to float precision). */
  pushFloat(value: number): void {
    this.push(new Float(value));
  }

  /** Pushes a JS number as a Java double. */
  pushDouble(value: number): void {
    this.push(new Double(value));
  }

  private pushInt(value: number): void {
    const mv = this.mv!;
    if (value >= -1 && value <= 5) {
      mv.visitInsn(Opcodes.ICONST_0 + value);
    } else if (value >= -128 && value <= 127) {
      mv.visitIntInsn(Opcodes.BIPUSH, value);
    } else if (value >= -32768 && value <= 32767) {
      mv.visitIntInsn(Opcodes.SIPUSH, value);
    } else {
      mv.visitLdcInsn(value);
    }
  }

  /** A class literal: primitive types through their wrapper's TYPE field, others by LDC. */
  private pushType(value: Type): void {
    const mv = this.mv!;
    let wrapper: string | null;
    switch (value.getSort()) {
      case Type.VOID:
        wrapper = 'java/lang/Void';
        break;
      case Type.BOOLEAN:
        wrapper = 'java/lang/Boolean';
        break;
      case Type.CHAR:
        wrapper = 'java/lang/Character';
        break;
      case Type.BYTE:
        wrapper = 'java/lang/Byte';
        break;
      case Type.SHORT:
        wrapper = 'java/lang/Short';
        break;
      case Type.INT:
        wrapper = 'java/lang/Integer';
        break;
      case Type.FLOAT:
        wrapper = 'java/lang/Float';
        break;
      case Type.LONG:
        wrapper = 'java/lang/Long';
        break;
      case Type.DOUBLE:
        wrapper = 'java/lang/Double';
        break;
      default:
        wrapper = null;
        break;
    }
    if (wrapper === null) {
      mv.visitLdcInsn(value);
    } else {
      mv.visitFieldInsn(Opcodes.GETSTATIC, wrapper, 'TYPE', CLASS_DESCRIPTOR);
    }
  }

  // ## Arguments

  /** The slot of argument `arg`. */
  private getArgIndex(arg: number): number {
    let index = (this.access & Opcodes.ACC_STATIC) === 0 ? 1 : 0;
    for (let i = 0; i < arg; i++) {
      index += this.argumentTypes[i]!.getSize();
    }
    return index;
  }

  // Like ASM, these go straight to `mv`: their slots are already in the remapped numbering.
  private loadInsn(type: Type, index: number): void {
    this.mv!.visitVarInsn(type.getOpcode(Opcodes.ILOAD), index);
  }

  private storeInsn(type: Type, index: number): void {
    this.mv!.visitVarInsn(type.getOpcode(Opcodes.ISTORE), index);
  }

  /** ALOAD 0; throws in a static method. */
  loadThis(): void {
    if ((this.access & Opcodes.ACC_STATIC) !== 0) {
      throw new IllegalStateException("no 'this' pointer within static method");
    }
    this.mv!.visitVarInsn(Opcodes.ALOAD, 0);
  }

  loadArg(arg: number): void {
    this.loadInsn(this.argumentTypes[arg]!, this.getArgIndex(arg));
  }

  /** Loads `count` arguments from `arg` on; with no arguments, all of them. */
  loadArgs(arg?: number, count?: number): void {
    const first = arg ?? 0;
    const n = count ?? this.argumentTypes.length - first;
    let index = this.getArgIndex(first);
    for (let i = 0; i < n; ++i) {
      const argumentType = this.argumentTypes[first + i]!;
      this.loadInsn(argumentType, index);
      index += argumentType.getSize();
    }
  }

  /** Pushes an Object[] holding every argument, boxed. */
  loadArgArray(): void {
    this.push(this.argumentTypes.length);
    this.newArray(OBJECT_TYPE);
    for (let i = 0; i < this.argumentTypes.length; i++) {
      this.dup();
      this.push(i);
      this.loadArg(i);
      this.box(this.argumentTypes[i]!);
      this.arrayStore(OBJECT_TYPE);
    }
  }

  storeArg(arg: number): void {
    this.storeInsn(this.argumentTypes[arg]!, this.getArgIndex(arg));
  }

  // ## Locals

  /** The type of a local created by newLocal (or last given to loadLocal/storeLocal). */
  getLocalType(local: number): Type {
    return this.localTypes[local - this.firstLocal]!;
  }

  protected override setLocalType(local: number, type: Type): void {
    const index = local - this.firstLocal;
    while (this.localTypes.length < index + 1) {
      this.localTypes.push(null);
    }
    this.localTypes[index] = type;
  }

  /** Loads a local created by newLocal; with `type`, records that type for it first. */
  loadLocal(local: number, type?: Type): void {
    if (type !== undefined) {
      this.setLocalType(local, type);
      this.loadInsn(type, local);
    } else {
      this.loadInsn(this.getLocalType(local), local);
    }
  }

  /** Stores into a local created by newLocal; with `type`, records that type for it first. */
  storeLocal(local: number, type?: Type): void {
    if (type !== undefined) {
      this.setLocalType(local, type);
      this.storeInsn(type, local);
    } else {
      this.storeInsn(this.getLocalType(local), local);
    }
  }

  arrayLoad(type: Type): void {
    this.mv!.visitInsn(type.getOpcode(Opcodes.IALOAD));
  }

  arrayStore(type: Type): void {
    this.mv!.visitInsn(type.getOpcode(Opcodes.IASTORE));
  }

  // ## Stack

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

  /**
   * SWAP; with types, swaps the two top values whatever their sizes (`prev` is below `type`),
   * through DUP_X2/DUP2_X1/DUP2_X2 and POP/POP2.
   */
  swap(prev?: Type, type?: Type): void {
    if (prev === undefined || type === undefined) {
      this.mv!.visitInsn(Opcodes.SWAP);
      return;
    }
    if (type.getSize() === 1) {
      if (prev.getSize() === 1) {
        this.swap();
      } else {
        this.dupX2();
        this.pop();
      }
    } else if (prev.getSize() === 1) {
      this.dup2X1();
      this.pop2();
    } else {
      this.dup2X2();
      this.pop2();
    }
  }

  // ## Arithmetic

  /** `op` is one of ADD, SUB, MUL, DIV, REM, NEG, SHL, SHR, USHR, AND, OR, XOR. */
  math(op: number, type: Type): void {
    this.mv!.visitInsn(type.getOpcode(op));
  }

  /** Boolean negation of the int on top of the stack (x ^ 1). */
  not(): void {
    this.mv!.visitInsn(Opcodes.ICONST_1);
    this.mv!.visitInsn(Opcodes.IXOR);
  }

  iinc(local: number, amount: number): void {
    this.mv!.visitIincInsn(local, amount);
  }

  /** Converts between primitive numeric types. */
  cast(from: Type, to: Type): void {
    if (from !== to) {
      if (
        from.getSort() < Type.BOOLEAN ||
        from.getSort() > Type.DOUBLE ||
        to.getSort() < Type.BOOLEAN ||
        to.getSort() > Type.DOUBLE
      ) {
        throw new IllegalArgumentException(`Cannot cast from ${from.toString()} to ${to.toString()}`);
      }
      InstructionAdapter.cast(this.mv!, from, to);
    }
  }

  // ## Boxing

  private static getBoxedType(type: Type): Type {
    switch (type.getSort()) {
      case Type.BYTE:
        return BYTE_TYPE;
      case Type.BOOLEAN:
        return BOOLEAN_TYPE;
      case Type.SHORT:
        return SHORT_TYPE;
      case Type.CHAR:
        return CHARACTER_TYPE;
      case Type.INT:
        return INTEGER_TYPE;
      case Type.FLOAT:
        return FLOAT_TYPE;
      case Type.LONG:
        return LONG_TYPE;
      case Type.DOUBLE:
        return DOUBLE_TYPE;
      default:
        return type;
    }
  }

  /** Boxes the top value with `new Wrapper(value)` (null for void; references unchanged). */
  box(type: Type): void {
    if (type.getSort() === Type.OBJECT || type.getSort() === Type.ARRAY) {
      return;
    }
    if (type === Type.VOID_TYPE) {
      this.push(null);
      return;
    }
    const boxedType = GeneratorAdapter.getBoxedType(type);
    this.newInstance(boxedType);
    if (type.getSize() === 2) {
      // value(2) → value(2) new → new value(2) new → new new value(2) new → new new value(2)
      this.dupX2();
      this.dupX2();
      this.pop();
    } else {
      // value → value new → new value new → new new value
      this.dupX1();
      this.swap();
    }
    this.invokeConstructor(boxedType, new Method('<init>', Type.VOID_TYPE, [type]));
  }

  /**
   * Boxes the top value with `Wrapper.valueOf(value)` (null for void; references unchanged). ASM's
   * name: it shadows Object.prototype.valueOf, so do not coerce a GeneratorAdapter to a primitive.
   */
  override valueOf(type: Type): void {
    if (type.getSort() === Type.OBJECT || type.getSort() === Type.ARRAY) {
      return;
    }
    if (type === Type.VOID_TYPE) {
      this.push(null);
      return;
    }
    const boxedType = GeneratorAdapter.getBoxedType(type);
    this.invokeStatic(boxedType, new Method('valueOf', boxedType, [type]));
  }

  /** Unboxes the top value to `type` (a CHECKCAST for reference types). */
  unbox(type: Type): void {
    let boxedType = NUMBER_TYPE;
    let unboxMethod: Method | null;
    switch (type.getSort()) {
      case Type.VOID:
        return;
      case Type.CHAR:
        boxedType = CHARACTER_TYPE;
        unboxMethod = CHAR_VALUE;
        break;
      case Type.BOOLEAN:
        boxedType = BOOLEAN_TYPE;
        unboxMethod = BOOLEAN_VALUE;
        break;
      case Type.DOUBLE:
        unboxMethod = DOUBLE_VALUE;
        break;
      case Type.FLOAT:
        unboxMethod = FLOAT_VALUE;
        break;
      case Type.LONG:
        unboxMethod = LONG_VALUE;
        break;
      case Type.INT:
      case Type.SHORT:
      case Type.BYTE:
        unboxMethod = INT_VALUE;
        break;
      default:
        unboxMethod = null;
        break;
    }
    if (unboxMethod === null) {
      this.checkCast(type);
    } else {
      this.checkCast(boxedType);
      this.invokeVirtual(boxedType, unboxMethod);
    }
  }

  // ## Jumps

  newLabel(): Label {
    return new Label();
  }

  /** Visits `label`, or a new label which is returned. */
  mark(label: Label): void;
  mark(): Label;
  mark(label?: Label): Label | void {
    if (label !== undefined) {
      this.mv!.visitLabel(label);
      return;
    }
    const newLabel = new Label();
    this.mv!.visitLabel(newLabel);
    return newLabel;
  }

  /**
   * Jumps to `label` when comparing the two top values of type `type` with `mode` (EQ, NE, LT, GE,
   * GT, LE) is true. For float and double, a NaN makes LT/LE/GT/GE false (FCMPG for LT/LE, FCMPL
   * for GT/GE, as javac does).
   */
  ifCmp(type: Type, mode: number, label: Label): void {
    const mv = this.mv!;
    switch (type.getSort()) {
      case Type.LONG:
        mv.visitInsn(Opcodes.LCMP);
        break;
      case Type.DOUBLE:
        mv.visitInsn(mode === GeneratorAdapter.GE || mode === GeneratorAdapter.GT ? Opcodes.DCMPL : Opcodes.DCMPG);
        break;
      case Type.FLOAT:
        mv.visitInsn(mode === GeneratorAdapter.GE || mode === GeneratorAdapter.GT ? Opcodes.FCMPL : Opcodes.FCMPG);
        break;
      case Type.ARRAY:
      case Type.OBJECT:
        if (mode === GeneratorAdapter.EQ) {
          mv.visitJumpInsn(Opcodes.IF_ACMPEQ, label);
          return;
        } else if (mode === GeneratorAdapter.NE) {
          mv.visitJumpInsn(Opcodes.IF_ACMPNE, label);
          return;
        }
        throw new IllegalArgumentException(`Bad comparison for type ${type.toString()}`);
      default: {
        let intOp: number;
        switch (mode) {
          case GeneratorAdapter.EQ:
            intOp = Opcodes.IF_ICMPEQ;
            break;
          case GeneratorAdapter.NE:
            intOp = Opcodes.IF_ICMPNE;
            break;
          case GeneratorAdapter.GE:
            intOp = Opcodes.IF_ICMPGE;
            break;
          case GeneratorAdapter.LT:
            intOp = Opcodes.IF_ICMPLT;
            break;
          case GeneratorAdapter.LE:
            intOp = Opcodes.IF_ICMPLE;
            break;
          case GeneratorAdapter.GT:
            intOp = Opcodes.IF_ICMPGT;
            break;
          default:
            throw new IllegalArgumentException(`Bad comparison mode ${mode}`);
        }
        mv.visitJumpInsn(intOp, label);
        return;
      }
    }
    mv.visitJumpInsn(mode, label);
  }

  ifICmp(mode: number, label: Label): void {
    this.ifCmp(Type.INT_TYPE, mode, label);
  }

  /** Compares the int on top of the stack with zero. */
  ifZCmp(mode: number, label: Label): void {
    this.mv!.visitJumpInsn(mode, label);
  }

  ifNull(label: Label): void {
    this.mv!.visitJumpInsn(Opcodes.IFNULL, label);
  }

  ifNonNull(label: Label): void {
    this.mv!.visitJumpInsn(Opcodes.IFNONNULL, label);
  }

  goTo(label: Label): void {
    this.mv!.visitJumpInsn(Opcodes.GOTO, label);
  }

  ret(local: number): void {
    this.mv!.visitVarInsn(Opcodes.RET, local);
  }

  /**
   * A switch over sorted `keys`: TABLESWITCH when `useTable` (by default when at least half of
   * the key range is used), else LOOKUPSWITCH; `generator` writes each case and the default.
   */
  tableSwitch(keys: readonly number[], generator: TableSwitchGenerator, useTable?: boolean): void {
    if (useTable === undefined) {
      // Java computes the density in float; the comparison with 0.5 is the same in double.
      const density = keys.length === 0 ? 0 : keys.length / (keys[keys.length - 1]! - keys[0]! + 1);
      useTable = density >= 0.5;
    }
    for (let i = 1; i < keys.length; ++i) {
      if (keys[i]! < keys[i - 1]!) {
        throw new IllegalArgumentException('keys must be sorted in ascending order');
      }
    }
    const defaultLabel = this.newLabel();
    const endLabel = this.newLabel();
    if (keys.length > 0) {
      const numKeys = keys.length;
      if (useTable) {
        const min = keys[0]!;
        const max = keys[numKeys - 1]!;
        const range = max - min + 1;
        const labels: Label[] = new Array(range).fill(defaultLabel);
        for (let i = 0; i < numKeys; ++i) {
          labels[keys[i]! - min] = this.newLabel();
        }
        this.mv!.visitTableSwitchInsn(min, max, defaultLabel, labels);
        for (let i = 0; i < range; ++i) {
          const label = labels[i]!;
          if (label !== defaultLabel) {
            this.mark(label);
            generator.generateCase(i + min, endLabel);
          }
        }
      } else {
        const labels: Label[] = new Array(numKeys);
        for (let i = 0; i < numKeys; ++i) {
          labels[i] = this.newLabel();
        }
        this.mv!.visitLookupSwitchInsn(defaultLabel, keys.slice(), labels);
        for (let i = 0; i < numKeys; ++i) {
          this.mark(labels[i]!);
          generator.generateCase(keys[i]!, endLabel);
        }
      }
    }
    this.mark(defaultLabel);
    generator.generateDefault();
    this.mark(endLabel);
  }

  /** The return instruction for the method's return type. */
  returnValue(): void {
    this.mv!.visitInsn(this.returnType.getOpcode(Opcodes.IRETURN));
  }

  // ## Fields

  private fieldInsn(opcode: number, ownerType: Type, name: string, fieldType: Type): void {
    this.mv!.visitFieldInsn(opcode, ownerType.getInternalName(), name, fieldType.getDescriptor());
  }

  getStatic(owner: Type, name: string, type: Type): void {
    this.fieldInsn(Opcodes.GETSTATIC, owner, name, type);
  }

  putStatic(owner: Type, name: string, type: Type): void {
    this.fieldInsn(Opcodes.PUTSTATIC, owner, name, type);
  }

  getField(owner: Type, name: string, type: Type): void {
    this.fieldInsn(Opcodes.GETFIELD, owner, name, type);
  }

  putField(owner: Type, name: string, type: Type): void {
    this.fieldInsn(Opcodes.PUTFIELD, owner, name, type);
  }

  // ## Invocations

  private invokeInsn(opcode: number, type: Type, method: Method, isInterface: boolean): void {
    // An array owner (e.g. clone on int[]) is named by its descriptor (JVMS §4.4.1).
    const owner = type.getSort() === Type.ARRAY ? type.getDescriptor() : type.getInternalName();
    this.mv!.visitMethodInsn(opcode, owner, method.getName(), method.getDescriptor(), isInterface);
  }

  invokeVirtual(owner: Type, method: Method): void {
    this.invokeInsn(Opcodes.INVOKEVIRTUAL, owner, method, false);
  }

  invokeConstructor(type: Type, method: Method): void {
    this.invokeInsn(Opcodes.INVOKESPECIAL, type, method, false);
  }

  invokeStatic(owner: Type, method: Method): void {
    this.invokeInsn(Opcodes.INVOKESTATIC, owner, method, false);
  }

  invokeInterface(owner: Type, method: Method): void {
    this.invokeInsn(Opcodes.INVOKEINTERFACE, owner, method, true);
  }

  /** INVOKEDYNAMIC; the bootstrap arguments are Java's varargs as an array. */
  invokeDynamic(
    name: string,
    descriptor: string,
    bootstrapMethodHandle: Handle,
    ...bootstrapMethodArguments: (ConstantValue | readonly unknown[])[]
  ): void;
  invokeDynamic(
    name: string,
    descriptor: string,
    bootstrapMethodHandle: Handle,
    bootstrapMethodArgumentsOrFirst?: ConstantValue | readonly unknown[],
    ...bootstrapMethodArgumentsMore: ConstantValue[]
  ): void {
    const bootstrapMethodArguments = varargsOf<ConstantValue>(bootstrapMethodArgumentsOrFirst as ConstantValue | readonly ConstantValue[] | undefined, bootstrapMethodArgumentsMore);
    this.mv!.visitInvokeDynamicInsn(name, descriptor, bootstrapMethodHandle, bootstrapMethodArguments);
  }

  // ## Objects and arrays

  private typeInsn(opcode: number, type: Type): void {
    this.mv!.visitTypeInsn(opcode, type.getInternalName());
  }

  newInstance(type: Type): void {
    this.typeInsn(Opcodes.NEW, type);
  }

  /** Creates an array whose elements have type `type` (its length is on the stack). */
  newArray(type: Type): void {
    InstructionAdapter.newarray(this.mv!, type);
  }

  // ## Miscellaneous

  arrayLength(): void {
    this.mv!.visitInsn(Opcodes.ARRAYLENGTH);
  }

  /** ATHROW; with arguments, creates and throws `new type(message)`. */
  throwException(type?: Type, message?: string): void {
    if (type !== undefined) {
      this.newInstance(type);
      this.dup();
      this.push(message ?? null);
      this.invokeConstructor(type, Method.getMethod('void <init> (String)'));
    }
    this.mv!.visitInsn(Opcodes.ATHROW);
  }

  /** CHECKCAST, omitted for java/lang/Object. */
  checkCast(type: Type): void {
    if (!type.equals(OBJECT_TYPE)) {
      this.typeInsn(Opcodes.CHECKCAST, type);
    }
  }

  instanceOf(type: Type): void {
    this.typeInsn(Opcodes.INSTANCEOF, type);
  }

  monitorEnter(): void {
    this.mv!.visitInsn(Opcodes.MONITORENTER);
  }

  monitorExit(): void {
    this.mv!.visitInsn(Opcodes.MONITOREXIT);
  }

  // ## Non instructions

  /** visitMaxs(0, 0) (unless abstract) and visitEnd: use with COMPUTE_MAXS or COMPUTE_FRAMES. */
  endMethod(): void {
    if ((this.access & Opcodes.ACC_ABSTRACT) === 0) {
      this.mv!.visitMaxs(0, 0);
    }
    this.mv!.visitEnd();
  }

  /**
   * Declares a handler for [start, end) catching `exception` (null: any), and marks the handler
   * at the current position.
   */
  catchException(start: Label, end: Label, exception: Type | null): void {
    const catchLabel = new Label();
    this.mv!.visitTryCatchBlock(start, end, catchLabel, exception === null ? null : exception.getInternalName());
    this.mark(catchLabel);
  }
}
