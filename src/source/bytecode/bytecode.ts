// # Javassist's Bytecode: a buffer that code[] bytes are built in, with its stack depth
//
// `const b = new Bytecode(cp, 0, 2); b.addAload(0); b.addGetfield(cc, 'x', 'I'); b.addReturn(CtClass.intType);`
// then `methodInfo.setCodeAttribute(b.toCodeAttribute())`, or `iterator.insert(b.get())`. Pool
// indexes go through `cp` (ConstPool.add*Info), so the bytes mean the same in the class's pool. The
// stack depth follows every add as Javassist's does (Opcode.STACK_GROW, descriptors for field and
// method instructions): getMaxStack() is the deepest it got. The bytes are the JVMS §6.5 encodings.

import type { CtClass } from '../ct-class.js';
import { CodeAttribute, ExceptionTable } from './attributes.js';
import type { ConstPool } from './const-pool.js';
import { Opcode } from './mnemonic.js';
import { Descriptor } from './descriptor.js';
import { STACK_GROW, dataSize, slots } from './stack-effects.js';

/** A method descriptor given as one, or as a return type (null: void) and parameter types. */
function methodDescriptor(descriptorOrReturn: string | CtClass | null, parameters: readonly CtClass[] | null | undefined): string {
  return typeof descriptorOrReturn === 'string' ? descriptorOrReturn : Descriptor.ofMethod(descriptorOrReturn, parameters ?? null);
}

export class Bytecode {
  // newarray's atype operand (JVMS §6.5 newarray, Table 6.5.newarray-A).
  static readonly T_BOOLEAN = 4;
  static readonly T_CHAR = 5;
  static readonly T_FLOAT = 6;
  static readonly T_DOUBLE = 7;
  static readonly T_BYTE = 8;
  static readonly T_SHORT = 9;
  static readonly T_INT = 10;
  static readonly T_LONG = 11;
  /** The class being edited, as an owner or type (ConstPool.THIS: its this_class entry). */
  static readonly THIS: CtClass | null = null;

  private readonly bytes: number[] = [];
  private stackDepth = 0;
  private maxStack: number;
  private maxLocals: number;
  /** The exception table (Javassist's tryblocks): live, shared with the CodeAttribute made by toCodeAttribute. */
  private readonly tryBlocks: ExceptionTable;

  /** Code for a class whose constant pool is `cp`; max_stack and max_locals start as given. */
  constructor(
    private readonly cp: ConstPool,
    stackSize = 0,
    localVars = 0,
  ) {
    this.maxStack = stackSize;
    this.maxLocals = localVars;
    this.tryBlocks = new ExceptionTable(cp);
  }

  getConstPool(): ConstPool {
    return this.cp;
  }

  /** The code: a copy of the bytes added so far. */
  get(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }

  length(): number {
    return this.bytes.length;
  }

  /** The index the next byte goes to. */
  currentPc(): number {
    return this.bytes.length;
  }

  getMaxStack(): number {
    return this.maxStack;
  }

  setMaxStack(size: number): void {
    this.maxStack = size;
  }

  getMaxLocals(): number {
    return this.maxLocals;
  }

  /** Sets max_locals; or, given (isStatic, parameter types, locals), to what they take (Javassist's). */
  setMaxLocals(sizeOrStatic: number | boolean, parameters?: readonly CtClass[], locals = 0): void {
    if (typeof sizeOrStatic === 'number') {
      this.maxLocals = sizeOrStatic;
      return;
    }
    let size = sizeOrStatic ? 0 : 1;
    for (const p of parameters ?? []) size += slots(p.getDescriptor());
    this.maxLocals = size + locals;
  }

  incMaxLocals(diff: number): void {
    this.maxLocals += diff;
  }

  getStackDepth(): number {
    return this.stackDepth;
  }

  /** Sets the current depth; max_stack grows to it. */
  setStackDepth(depth: number): void {
    this.stackDepth = depth;
    if (depth > this.maxStack) this.maxStack = depth;
  }

  growStack(diff: number): void {
    this.setStackDepth(this.stackDepth + diff);
  }

  /** A CodeAttribute with this code and exception table, for MethodInfo.setCodeAttribute. */
  toCodeAttribute(): CodeAttribute {
    return new CodeAttribute(this.cp, this.maxStack, this.maxLocals, this.bytes, this.tryBlocks);
  }

  /** The exception table: addExceptionHandler's entries, live (Javassist's getExceptionTable). */
  getExceptionTable(): ExceptionTable {
    return this.tryBlocks;
  }

  /** An exception table entry; the type as a CtClass, a dotted name, a pool index, or null/0 for all. */
  addExceptionHandler(start: number, end: number, handler: number, type: CtClass | string | number | null): void {
    const catchType = type === null ? 0 : typeof type === 'number' ? type : this.cp.addClassInfo(type);
    this.tryBlocks.add(start, end, handler, catchType);
  }

  /** The byte at `offset`. */
  read(offset: number): number {
    return this.bytes[offset]!;
  }

  read16bit(offset: number): number {
    return (this.bytes[offset]! << 8) | this.bytes[offset + 1]!;
  }

  read32bit(offset: number): number {
    return (this.read16bit(offset) << 16) | this.read16bit(offset + 2);
  }

  write(offset: number, value: number): void {
    this.bytes[offset] = value & 0xff;
  }

  write16bit(offset: number, value: number): void {
    this.write(offset, value >>> 8);
    this.write(offset + 1, value);
  }

  write32bit(offset: number, value: number): void {
    this.write16bit(offset, value >>> 16);
    this.write16bit(offset + 2, value);
  }

  /** Adds bytes as they are (the stack depth does not change: addOpcode does that). */
  add(...values: number[]): void {
    for (const value of values) this.bytes.push(value & 0xff);
  }

  add16bit(value: number): void {
    this.add(value >>> 8, value);
  }

  add32bit(value: number): void {
    this.add(value >>> 24, value >>> 16, value >>> 8, value);
  }

  /** `length` zero bytes. */
  addGap(length: number): void {
    for (let i = 0; i < length; i++) this.bytes.push(0);
  }

  /** Adds an opcode and grows the stack by its effect (Opcode.STACK_GROW). */
  addOpcode(op: number): void {
    this.add(op);
    this.growStack(STACK_GROW[op] ?? 0);
  }

  /** A 16-bit constant pool index. */
  addIndex(index: number): void {
    this.add16bit(index);
  }

  // --- Local variables (JVMS §6.5 *load, *store, wide) ---

  addAload(n: number): void {
    this.local(n, Opcode.ALOAD!, Opcode.ALOAD_0!);
  }

  addAstore(n: number): void {
    this.local(n, Opcode.ASTORE!, Opcode.ASTORE_0!);
  }

  addIload(n: number): void {
    this.local(n, Opcode.ILOAD!, Opcode.ILOAD_0!);
  }

  addIstore(n: number): void {
    this.local(n, Opcode.ISTORE!, Opcode.ISTORE_0!);
  }

  addLload(n: number): void {
    this.local(n, Opcode.LLOAD!, Opcode.LLOAD_0!);
  }

  addLstore(n: number): void {
    this.local(n, Opcode.LSTORE!, Opcode.LSTORE_0!);
  }

  addFload(n: number): void {
    this.local(n, Opcode.FLOAD!, Opcode.FLOAD_0!);
  }

  addFstore(n: number): void {
    this.local(n, Opcode.FSTORE!, Opcode.FSTORE_0!);
  }

  addDload(n: number): void {
    this.local(n, Opcode.DLOAD!, Opcode.DLOAD_0!);
  }

  addDstore(n: number): void {
    this.local(n, Opcode.DSTORE!, Opcode.DSTORE_0!);
  }

  /** Loads local `n` of `type` (null or a reference type: aload); the slots it takes. */
  addLoad(n: number, type: CtClass | null): number {
    return this.typed(n, type, [this.addIload, this.addLload, this.addFload, this.addDload, this.addAload]);
  }

  /** Stores into local `n` of `type`; the slots it takes. */
  addStore(n: number, type: CtClass | null): number {
    return this.typed(n, type, [this.addIstore, this.addLstore, this.addFstore, this.addDstore, this.addAstore]);
  }

  /** Loads the parameters of types `params` from local `offset` on; the stack slots they take. */
  addLoadParameters(params: readonly CtClass[], offset: number): number {
    let size = 0;
    for (const p of params) size += this.addLoad(offset + size, p);
    return size;
  }

  private typed(n: number, type: CtClass | null, [i, l, f, d, a]: ((this: Bytecode, n: number) => void)[]): number {
    const descriptor = type === null ? 'L' : type.getDescriptor();
    switch (descriptor) {
      case 'Z':
      case 'B':
      case 'C':
      case 'S':
      case 'I':
        i!.call(this, n);
        return 1;
      case 'J':
        l!.call(this, n);
        return 2;
      case 'F':
        f!.call(this, n);
        return 1;
      case 'D':
        d!.call(this, n);
        return 2;
      default:
        a!.call(this, n);
        return 1;
    }
  }

  private local(n: number, op: number, shortForm: number): void {
    if (n < 4) this.addOpcode(shortForm + n);
    else if (n < 0x100) {
      this.addOpcode(op);
      this.add(n);
    } else {
      this.add(Opcode.WIDE!);
      this.addOpcode(op);
      this.addIndex(n);
    }
  }

  // --- Constants ---

  /** An int: iconst, bipush, sipush, or ldc of an Integer entry. */
  addIconst(n: number): void {
    if (n >= -1 && n <= 5) this.addOpcode(Opcode.ICONST_0! + n);
    else if (n >= -128 && n <= 127) {
      this.addOpcode(Opcode.BIPUSH!);
      this.add(n);
    } else if (n >= -32768 && n <= 32767) {
      this.addOpcode(Opcode.SIPUSH!);
      this.add16bit(n);
    } else this.addLdc(this.cp.addIntegerInfo(n));
  }

  addLconst(n: bigint | number): void {
    const value = BigInt(n);
    if (value === 0n || value === 1n) this.addOpcode(Opcode.LCONST_0! + Number(value));
    else this.addLdc2w(value);
  }

  /** fconst_0/1/2, or ldc of a Float entry. -0.0 is 0.0 here, as in Javassist (`n == 0.0f` holds for it). */
  addFconst(n: number): void {
    if (n === 0 || n === 1 || n === 2) this.addOpcode(Opcode.FCONST_0! + n);
    else this.addLdc(this.cp.addFloatInfo(n));
  }

  /** dconst_0/1, or ldc2_w of a Double entry; -0.0 gives dconst_0, as in Javassist. */
  addDconst(n: number): void {
    if (n === 0 || n === 1) this.addOpcode(Opcode.DCONST_0! + n);
    else this.addLdc2w(n);
  }

  /** ldc of a String (its entry is added), or of the pool entry `index`; ldc_w past 255. */
  addLdc(value: string | number): void {
    const index = typeof value === 'string' ? this.cp.addStringInfo(value) : value;
    if (index > 0xff) {
      this.addOpcode(Opcode.LDC_W!);
      this.addIndex(index);
    } else {
      this.addOpcode(Opcode.LDC!);
      this.add(index);
    }
  }

  /** ldc2_w of a long (a bigint) or a double (a number). */
  addLdc2w(value: bigint | number): void {
    this.addOpcode(Opcode.LDC2_W!);
    this.addIndex(typeof value === 'bigint' ? this.cp.addLongInfo(value) : this.cp.addDoubleInfo(value));
  }

  /** The zero of `type` (iconst_0, lconst_0…, aconst_null), or nothing for void. */
  addConstZero(type: CtClass | null): void {
    const descriptor = type === null ? 'L' : type.getDescriptor();
    if (descriptor === 'V') return;
    const op = { J: Opcode.LCONST_0!, F: Opcode.FCONST_0!, D: Opcode.DCONST_0! }[descriptor as 'J'] ?? ('ZBCSI'.includes(descriptor) ? Opcode.ICONST_0! : Opcode.ACONST_NULL!);
    this.addOpcode(op);
  }

  // --- Objects, fields, methods ---

  addNew(type: CtClass | string | null): void {
    this.addOpcode(Opcode.NEW!);
    this.addIndex(this.cp.addClassInfo(type));
  }

  addCheckcast(type: CtClass | string | null): void {
    this.addOpcode(Opcode.CHECKCAST!);
    this.addIndex(this.cp.addClassInfo(type));
  }

  addInstanceof(type: CtClass | string | null): void {
    this.addOpcode(Opcode.INSTANCEOF!);
    this.addIndex(this.cp.addClassInfo(type));
  }

  /** anewarray of component `type`: the length on the stack, or `length` pushed first. */
  addAnewarray(type: CtClass | string | null, length?: number): void {
    if (length !== undefined) this.addIconst(length);
    this.addOpcode(Opcode.ANEWARRAY!);
    this.addIndex(this.cp.addClassInfo(type));
  }

  /** newarray of primitive `atype` (T_INT…, JVMS §6.5 newarray) with `length` pushed first. */
  addNewarray(atype: number, length: number): void {
    this.addIconst(length);
    this.addOpcode(Opcode.NEWARRAY!);
    this.add(atype);
  }

  /**
   * multianewarray (JVMS §6.5) of the array `type` (a CtClass, or a descriptor such as `[[I`) over
   * `dim` dimensions whose lengths are on the stack; the dimensions. Given the lengths instead, they
   * are pushed first — and, as in Javassist 3.27, counted twice in the stack depth (addIconst grew it
   * already), so max_stack may come out larger than the code needs, never smaller.
   */
  addMultiNewarray(type: CtClass | string | null, dim: number): number;
  addMultiNewarray(type: CtClass, dimensions: readonly number[]): number;
  addMultiNewarray(type: CtClass | string | null, dims: number | readonly number[]): number {
    if (typeof dims !== 'number') {
      for (const length of dims) this.addIconst(length);
      this.growStack(dims.length);
      return this.addMultiNewarray(type, dims.length);
    }
    this.add(Opcode.MULTIANEWARRAY!);
    this.addIndex(this.cp.addClassInfo(type));
    this.add(dims);
    this.growStack(1 - dims);
    return dims;
  }

  addGetfield(owner: CtClass | string | null, name: string, descriptor: string): void {
    this.field(Opcode.GETFIELD!, owner, name, descriptor, slots(descriptor) - 1);
  }

  addPutfield(owner: CtClass | string | null, name: string, descriptor: string): void {
    this.field(Opcode.PUTFIELD!, owner, name, descriptor, -slots(descriptor) - 1);
  }

  addGetstatic(owner: CtClass | string | null, name: string, descriptor: string): void {
    this.field(Opcode.GETSTATIC!, owner, name, descriptor, slots(descriptor));
  }

  addPutstatic(owner: CtClass | string | null, name: string, descriptor: string): void {
    this.field(Opcode.PUTSTATIC!, owner, name, descriptor, -slots(descriptor));
  }

  private field(op: number, owner: CtClass | string | null, name: string, descriptor: string, grow: number): void {
    this.add(op);
    this.addIndex(this.cp.addFieldrefInfo(this.cp.addClassInfo(owner), name, descriptor));
    this.growStack(grow);
  }

  /** invokevirtual; the owner as a CtClass, a dotted name, or a Class entry's index. */
  addInvokevirtual(owner: CtClass | string | number | null, name: string, descriptor: string): void;
  /** With the descriptor made of `returnType` (null: void) and `parameters`. */
  addInvokevirtual(owner: CtClass | string | number | null, name: string, returnType: CtClass | null, parameters: readonly CtClass[] | null): void;
  addInvokevirtual(owner: CtClass | string | number | null, name: string, descriptorOrReturn: string | CtClass | null, parameters?: readonly CtClass[] | null): void {
    const descriptor = methodDescriptor(descriptorOrReturn, parameters);
    this.add(Opcode.INVOKEVIRTUAL!);
    this.addIndex(this.cp.addMethodrefInfo(this.classIndex(owner), name, descriptor));
    this.growStack(dataSize(descriptor) - 1);
  }

  /** invokestatic; an interface's static method when the owner is an interface CtClass. */
  addInvokestatic(owner: CtClass | string | number | null, name: string, descriptor: string): void;
  /** With the descriptor made of `returnType` (null: void) and `parameters`. */
  addInvokestatic(owner: CtClass | string | number | null, name: string, returnType: CtClass | null, parameters: readonly CtClass[] | null): void;
  addInvokestatic(owner: CtClass | string | number | null, name: string, descriptorOrReturn: string | CtClass | null, parameters?: readonly CtClass[] | null): void {
    const descriptor = methodDescriptor(descriptorOrReturn, parameters);
    const isInterface = typeof owner === 'object' && owner !== null && owner.isInterface();
    this.add(Opcode.INVOKESTATIC!);
    const index = this.classIndex(owner);
    this.addIndex(isInterface ? this.cp.addInterfaceMethodrefInfo(index, name, descriptor) : this.cp.addMethodrefInfo(index, name, descriptor));
    this.growStack(dataSize(descriptor));
  }

  /** invokespecial (a constructor, a super call, a private method). */
  addInvokespecial(owner: CtClass | string | number | null, name: string, descriptor: string): void;
  /** With the descriptor made of `returnType` (null: void) and `parameters`. */
  addInvokespecial(owner: CtClass | string | number | null, name: string, returnType: CtClass | null, parameters: readonly CtClass[] | null): void;
  /** invokespecial of a Methodref or InterfaceMethodref of Class entry `clazz` (Javassist's addInvokespecial(boolean, int, String, String)). */
  addInvokespecial(isInterface: boolean, clazz: number, name: string, descriptor: string): void;
  /** invokespecial of the Methodref entry `index`, whose descriptor is `descriptor`. */
  addInvokespecial(index: number, descriptor: string): void;
  addInvokespecial(
    owner: CtClass | string | number | null | boolean,
    nameOrClass: string | number,
    descriptorOrReturn?: string | CtClass | null,
    parameters?: readonly CtClass[] | null | string,
  ): void {
    if (typeof owner === 'boolean') {
      const [clazz, memberName, desc] = [nameOrClass as number, descriptorOrReturn as string, parameters as string];
      const index = owner ? this.cp.addInterfaceMethodrefInfo(clazz, memberName, desc) : this.cp.addMethodrefInfo(clazz, memberName, desc);
      this.addInvokespecial(index, desc);
      return;
    }
    if (typeof owner === 'number' && descriptorOrReturn === undefined) {
      this.add(Opcode.INVOKESPECIAL!);
      this.addIndex(owner);
      this.growStack(dataSize(nameOrClass as string) - 1);
      return;
    }
    const name = nameOrClass as string;
    const descriptor = methodDescriptor(descriptorOrReturn ?? null, parameters as readonly CtClass[] | null | undefined);
    const isInterface = typeof owner === 'object' && owner !== null && owner.isInterface();
    this.add(Opcode.INVOKESPECIAL!);
    const index = this.classIndex(owner);
    this.addIndex(isInterface ? this.cp.addInterfaceMethodrefInfo(index, name, descriptor) : this.cp.addMethodrefInfo(index, name, descriptor));
    this.growStack(dataSize(descriptor) - 1);
  }

  /** invokeinterface; `count` is the argument slots plus one (JVMS §6.5 invokeinterface). */
  addInvokeinterface(owner: CtClass | string | number | null, name: string, descriptor: string, count: number): void;
  /** With the descriptor made of `returnType` (null: void) and `parameters`. */
  addInvokeinterface(owner: CtClass | null, name: string, returnType: CtClass | null, parameters: readonly CtClass[] | null, count: number): void;
  addInvokeinterface(owner: CtClass | string | number | null, name: string, descriptorOrReturn: string | CtClass | null, countOrParameters: number | readonly CtClass[] | null, count?: number): void {
    if (typeof countOrParameters !== 'number') {
      this.addInvokeinterface(owner, name, methodDescriptor(descriptorOrReturn, countOrParameters), count!);
      return;
    }
    const descriptor = descriptorOrReturn as string;
    this.add(Opcode.INVOKEINTERFACE!);
    this.addIndex(this.cp.addInterfaceMethodrefInfo(this.classIndex(owner), name, descriptor));
    this.add(countOrParameters, 0);
    this.growStack(dataSize(descriptor) - 1);
  }

  /**
   * invokedynamic (JVMS §6.5) of call site `name``descriptor`, linked by entry `bootstrap` of the
   * class's BootstrapMethods attribute (§4.7.23); the two zero bytes the instruction ends with.
   */
  addInvokedynamic(bootstrap: number, name: string, descriptor: string): void {
    const nameAndType = this.cp.addNameAndTypeInfo(name, descriptor);
    const callSite = this.cp.addInvokeDynamicInfo(bootstrap, nameAndType);
    this.add(Opcode.INVOKEDYNAMIC!);
    this.addIndex(callSite);
    this.add(0, 0);
    this.growStack(dataSize(descriptor));
  }

  private classIndex(owner: CtClass | string | number | null): number {
    return typeof owner === 'number' ? owner : this.cp.addClassInfo(owner);
  }

  /** System.err.println(message): Javassist's addPrintln prints to the error stream. */
  addPrintln(message: string): void {
    this.addGetstatic('java.lang.System', 'err', 'Ljava/io/PrintStream;');
    this.addLdc(message);
    this.addInvokevirtual('java.io.PrintStream', 'println', '(Ljava/lang/String;)V');
  }

  /** ret of the return address in local `n` (JVMS §6.5 ret; wide past 255). */
  addRet(n: number): void {
    if (n < 0x100) {
      this.addOpcode(Opcode.RET!);
      this.add(n);
    } else {
      this.addOpcode(Opcode.WIDE!);
      this.addOpcode(Opcode.RET!);
      this.addIndex(n);
    }
  }

  /** The return instruction for `type` (null or void: return). */
  addReturn(type: CtClass | null): void {
    const descriptor = type === null ? 'V' : type.getDescriptor();
    const op =
      descriptor === 'V' ? Opcode.RETURN! : descriptor === 'J' ? Opcode.LRETURN! : descriptor === 'F' ? Opcode.FRETURN! : descriptor === 'D' ? Opcode.DRETURN! : 'ZBCSI'.includes(descriptor) ? Opcode.IRETURN! : Opcode.ARETURN!;
    this.addOpcode(op);
  }
}
