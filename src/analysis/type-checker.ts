// # The type-checking verifier (JVMS §4.10.1), as HotSpot's split verifier runs it
//
// One linear pass over a method's code: the current frame is carried from instruction to
// instruction, replaced by the StackMapTable frame wherever one is declared (after checking that the
// incoming frame is assignable to it), and checked against the frame of every branch target and
// exception handler. The first error ends the method, as it does in HotSpot; messages follow
// HotSpot's wording so that a user can compare them with a VerifyError.

import { ClassFormatError } from '../classfile/class-format-error.js';
import {
  type ConstantPool,
  type DynamicConstant,
  type MemberRefConstant,
  getClassName,
  getConstant,
  getNameAndType,
} from '../classfile/constant-pool.js';
import type { RawCode } from '../classfile/raw-class-file.js';
import type { ProtectedAccess } from './protected-access.js';
import {
  CATEGORY1_CHECK,
  CATEGORY2_CHECK,
  DOUBLE,
  DOUBLE_2ND,
  FLOAT,
  INTEGER,
  LONG,
  LONG_2ND,
  NULL,
  REFERENCE_BASE,
  REFERENCE_CHECK,
  TOP,
  UNINITIALIZED_BASE,
  UNINITIALIZED_THIS,
  type VerificationTypeTable,
  isCategory1,
  isUninitialized,
} from './verification-type.js';

/** One method as the type checker needs it. */
export interface MethodToCheck {
  /** Internal name of the class declaring the method. */
  readonly className: string;
  /** Internal name of its super class (null for java/lang/Object). */
  readonly superName: string | null;
  /** Internal names of the direct super interfaces of the class. */
  readonly interfaces: readonly string[];
  readonly pool: ConstantPool;
  readonly access: number;
  readonly name: string;
  readonly descriptor: string;
  readonly code: RawCode;
  /** The StackMapTable attribute's info bytes, or null when the method has none. */
  readonly stackMapTable: Uint8Array | null;
  /** `name:descriptor` of every field declared by the class (putfield on uninitializedThis, JVMS §4.10.1.9). */
  readonly classFields: ReadonlySet<string>;
}

/** The first error found in a method. */
export interface TypeCheckError {
  /** Bytecode offset of the instruction (or of the code end for falling off it). */
  readonly offset: number;
  readonly message: string;
  /** The expected type, in HotSpot's spelling, when the error is a type mismatch. */
  readonly expected?: string;
  /** The type found, when the error is a type mismatch. */
  readonly found?: string;
}

/** An error found while checking: unwinds to checkMethod. */
class VerifyFailure extends Error {
  readonly offset: number;
  readonly expected: string | undefined;
  readonly found: string | undefined;
  constructor(offset: number, message: string, expected?: string, found?: string) {
    super(message);
    this.offset = offset;
    this.expected = expected;
    this.found = found;
  }
}

/** The frame flag of JVMS §4.10.1.4: `this` is not initialized yet. */
const FLAG_THIS_UNINIT = 1;
const ACC_STATIC = 0x0008;

/** A StackMapTable frame, locals expanded to max_locals slots (long and double take two). */
interface StackMapFrame {
  readonly offset: number;
  readonly locals: Int32Array;
  readonly stack: Int32Array;
  readonly flags: number;
}

interface MethodDescriptor {
  /** Argument types; long and double appear once. */
  readonly args: Int32Array;
  /** Number of local slots the arguments take. */
  readonly argSlots: number;
  /** The return type, or -1 for void. */
  readonly returnType: number;
}

const VOID = -1;

/**
 * Lengths of the fixed-size instructions (0 for variable-size ones and for invalid opcodes, which
 * the decoder tells apart). JVMS §6.5.
 */
const INSTRUCTION_LENGTHS = (() => {
  const lengths = new Uint8Array(256);
  const set = (from: number, to: number, length: number): void => {
    for (let op = from; op <= to; op++) lengths[op] = length;
  };
  set(0x00, 0x0f, 1); // nop … dconst_1
  lengths[0x10] = 2; // bipush
  lengths[0x11] = 3; // sipush
  lengths[0x12] = 2; // ldc
  set(0x13, 0x14, 3); // ldc_w, ldc2_w
  set(0x15, 0x19, 2); // iload … aload
  set(0x1a, 0x35, 1); // iload_0 … saload
  set(0x36, 0x3a, 2); // istore … astore
  set(0x3b, 0x83, 1); // istore_0 … lxor
  lengths[0x84] = 3; // iinc
  set(0x85, 0x98, 1); // i2l … dcmpg
  set(0x99, 0xa8, 3); // ifeq … jsr
  lengths[0xa9] = 2; // ret
  set(0xac, 0xb1, 1); // ireturn … return
  set(0xb2, 0xb8, 3); // getstatic … invokestatic
  set(0xb9, 0xba, 5); // invokeinterface, invokedynamic
  lengths[0xbb] = 3; // new
  lengths[0xbc] = 2; // newarray
  lengths[0xbd] = 3; // anewarray
  set(0xbe, 0xbf, 1); // arraylength, athrow
  set(0xc0, 0xc1, 3); // checkcast, instanceof
  set(0xc2, 0xc3, 1); // monitorenter, monitorexit
  lengths[0xc5] = 4; // multianewarray
  set(0xc6, 0xc7, 3); // ifnull, ifnonnull
  set(0xc8, 0xc9, 5); // goto_w, jsr_w
  return lengths;
})();

/** Marks in the instruction map: the start of an instruction, and the start of a `new`. */
const INSTRUCTION_START = 1;
const NEW_START = 2;

/** Array names of newarray's atype operand (JVMS §6.5 newarray), indexed by atype. */
const NEWARRAY_TYPES = ['', '', '', '', '[Z', '[C', '[F', '[D', '[B', '[S', '[I', '[J'];

function u2(code: Uint8Array, offset: number): number {
  return (code[offset]! << 8) | code[offset + 1]!;
}

function s2(code: Uint8Array, offset: number): number {
  return ((code[offset]! << 24) >> 16) | code[offset + 1]!;
}

function s4(code: Uint8Array, offset: number): number {
  return (code[offset]! << 24) | (code[offset + 1]! << 16) | (code[offset + 2]! << 8) | code[offset + 3]!;
}

/**
 * Checks methods against their StackMapTable. One instance can check any number of methods of any
 * number of classes (it shares the type table and a descriptor cache between them).
 */
export class TypeChecker {
  readonly types: VerificationTypeTable;
  /** Answers the protected-access check (JVMS §4.10.1.8), or null to skip it. */
  private readonly protectedAccess: ProtectedAccess | null;
  private readonly descriptors = new Map<string, MethodDescriptor>();
  private readonly objectType: number;
  private readonly throwableType: number;
  private readonly stringType: number;
  private readonly classType: number;
  private readonly methodTypeType: number;
  private readonly methodHandleType: number;

  // The method being checked (set by checkMethod).
  private method!: MethodToCheck;
  private code: Uint8Array = new Uint8Array(0);
  private codeLength = 0;
  private pool!: ConstantPool;
  private currentType = 0;
  private maxLocals = 0;
  private maxStack = 0;
  /** INSTRUCTION_START / NEW_START marks per code offset. */
  private starts: Uint8Array = new Uint8Array(0);
  private frames: StackMapFrame[] = [];
  /** Index into `frames` of the frame declared at each offset, or -1. */
  private frameAt: Int32Array = new Int32Array(0);
  private returnType = VOID;

  // The current frame.
  private locals: Int32Array = new Int32Array(0);
  private stack: Int32Array = new Int32Array(0);
  private sp = 0;
  private flags = 0;
  /** Offset of the instruction being checked, for errors. */
  private bci = 0;

  constructor(types: VerificationTypeTable, protectedAccess: ProtectedAccess | null = null) {
    this.types = types;
    this.protectedAccess = protectedAccess;
    this.objectType = types.reference('java/lang/Object');
    this.throwableType = types.reference('java/lang/Throwable');
    this.stringType = types.reference('java/lang/String');
    this.classType = types.reference('java/lang/Class');
    this.methodTypeType = types.reference('java/lang/invoke/MethodType');
    this.methodHandleType = types.reference('java/lang/invoke/MethodHandle');
  }

  /**
   * Checks one method; returns its first error, or null when it verifies. Throws
   * UnresolvedClassError when an assignability check needs a class the hierarchy does not know.
   */
  checkMethod(method: MethodToCheck): TypeCheckError | null {
    this.bci = 0;
    try {
      this.check(method);
      return null;
    } catch (error) {
      if (error instanceof VerifyFailure) {
        const result: { offset: number; message: string; expected?: string; found?: string } = {
          offset: error.offset,
          message: error.message,
        };
        if (error.expected !== undefined) result.expected = error.expected;
        if (error.found !== undefined) result.found = error.found;
        return result;
      }
      if (error instanceof ClassFormatError) {
        // A bad constant pool reference from the code: HotSpot's parser would reject the class.
        return { offset: this.bci, message: error.message };
      }
      throw error;
    }
  }

  // ## Failures

  private fail(message: string, offset = this.bci): never {
    throw new VerifyFailure(offset, message);
  }

  private failType(headline: string, found: number, where: string, expected: number): never {
    const foundText = this.types.describe(found);
    const expectedText = this.types.describe(expected);
    throw new VerifyFailure(
      this.bci,
      `${headline}: Type ${foundText} (current frame, ${where}) is not assignable to ${expectedText}`,
      expectedText,
      foundText,
    );
  }

  // ## Setup

  private check(method: MethodToCheck): void {
    this.method = method;
    const code = method.code;
    this.code = code.code;
    this.codeLength = code.code.length;
    this.pool = method.pool;
    this.maxLocals = code.maxLocals;
    this.maxStack = code.maxStack;
    this.currentType = this.types.reference(method.className);
    if (this.codeLength === 0) this.fail('Code attribute has no instructions (code_length is 0)');
    this.decodeInstructions();
    const descriptor = this.parseMethodDescriptor(method.descriptor, 0);
    this.returnType = descriptor.returnType;
    this.locals = new Int32Array(this.maxLocals);
    this.stack = new Int32Array(this.maxStack);
    this.sp = 0;
    this.flags = 0;
    this.initialFrame(descriptor);
    this.readStackMapTable(method.stackMapTable, descriptor);
    this.checkExceptionTable();
    this.run();
  }

  /** Marks instruction starts; rejects unknown opcodes and instructions cut by the code end. */
  private decodeInstructions(): void {
    const code = this.code;
    const length = this.codeLength;
    if (this.starts.length < length + 1) this.starts = new Uint8Array(length + 1);
    else this.starts.fill(0, 0, length + 1);
    const starts = this.starts;
    let offset = 0;
    while (offset < length) {
      this.bci = offset;
      const size = this.instructionLength(offset);
      if (offset + size > length) this.fail('Bad instruction: the code ends inside it');
      starts[offset] = code[offset] === 0xbb ? NEW_START : INSTRUCTION_START;
      offset += size;
    }
  }

  private instructionLength(offset: number): number {
    const size = instructionLength(this.code, offset, this.codeLength);
    if (size > 0) return size;
    const opcode = this.code[offset]!;
    switch (size) {
      case TRUNCATED:
        return this.fail(`Bad instruction: truncated ${opcode === 0xaa ? 'tableswitch' : opcode === 0xab ? 'lookupswitch' : 'wide'}`);
      case BAD_TABLESWITCH:
        return this.fail('low must be less than or equal to high in tableswitch');
      case BAD_LOOKUPSWITCH:
        return this.fail('Bad instruction: bad lookupswitch pair count');
      case BAD_WIDE:
        return this.fail(`Bad instruction: wide ${this.code[offset + 1]!.toString(16).padStart(2, '0')}`);
      default:
        return this.fail(`Bad instruction: ${opcode.toString(16).padStart(2, '0')}`);
    }
  }

  /** Parses a method descriptor (cached); arguments and return type as verification types. */
  private parseMethodDescriptor(descriptor: string, offset: number): MethodDescriptor {
    let parsed = this.descriptors.get(descriptor);
    if (parsed !== undefined) return parsed;
    const args: number[] = [];
    let slots = 0;
    let i = 1;
    if (descriptor.charCodeAt(0) !== 0x28) this.fail(`Bad method descriptor ${descriptor}`, offset);
    while (i < descriptor.length && descriptor.charCodeAt(i) !== 0x29) {
      const end = this.fieldDescriptorEnd(descriptor, i, offset);
      const type = this.types.fromDescriptor(descriptor, i, end);
      args.push(type);
      slots += type === LONG || type === DOUBLE ? 2 : 1;
      i = end;
    }
    if (i >= descriptor.length) this.fail(`Bad method descriptor ${descriptor}`, offset);
    i++;
    let returnType = VOID;
    if (descriptor.charCodeAt(i) !== 0x56) {
      const end = this.fieldDescriptorEnd(descriptor, i, offset);
      if (end !== descriptor.length) this.fail(`Bad method descriptor ${descriptor}`, offset);
      returnType = this.types.fromDescriptor(descriptor, i, end);
    } else if (i + 1 !== descriptor.length) {
      this.fail(`Bad method descriptor ${descriptor}`, offset);
    }
    parsed = { args: Int32Array.from(args), argSlots: slots, returnType };
    this.descriptors.set(descriptor, parsed);
    return parsed;
  }

  private fieldDescriptorEnd(descriptor: string, start: number, offset: number): number {
    let i = start;
    while (descriptor.charCodeAt(i) === 0x5b) i++;
    const c = descriptor.charCodeAt(i);
    if (c === 0x4c) {
      const semicolon = descriptor.indexOf(';', i);
      if (semicolon < 0) this.fail(`Bad descriptor ${descriptor}`, offset);
      return semicolon + 1;
    }
    if ('ZBCSIFJD'.indexOf(descriptor.charAt(i)) < 0 || i >= descriptor.length) {
      this.fail(`Bad descriptor ${descriptor}`, offset);
    }
    return i + 1;
  }

  /** The frame at offset 0 (JVMS §4.10.1.6 methodInitialStackFrame). */
  private initialFrame(descriptor: MethodDescriptor): void {
    const method = this.method;
    const locals = this.locals;
    let index = 0;
    const needed = descriptor.argSlots + ((method.access & ACC_STATIC) === 0 ? 1 : 0);
    if (needed > this.maxLocals) this.fail(`Too many arguments in method signature for max_locals ${this.maxLocals}`);
    if ((method.access & ACC_STATIC) === 0) {
      if (method.name === '<init>' && method.className !== 'java/lang/Object') {
        locals[index++] = UNINITIALIZED_THIS;
        this.flags = FLAG_THIS_UNINIT;
      } else {
        locals[index++] = this.currentType;
      }
    }
    const args = descriptor.args;
    for (let i = 0; i < args.length; i++) {
      const type = args[i]!;
      locals[index++] = type;
      if (type === LONG) locals[index++] = LONG_2ND;
      else if (type === DOUBLE) locals[index++] = DOUBLE_2ND;
    }
  }

  // ## StackMapTable (JVMS §4.7.4)

  private readStackMapTable(table: Uint8Array | null, descriptor: MethodDescriptor): void {
    this.frames = [];
    if (this.frameAt.length < this.codeLength) this.frameAt = new Int32Array(this.codeLength);
    this.frameAt.fill(-1, 0, this.codeLength);
    if (table === null) return;
    // The previous frame's locals as declared (long/double once), starting from the initial frame.
    let declared: number[] = [];
    {
      const method = this.method;
      if ((method.access & ACC_STATIC) === 0) declared.push(this.locals[0]!);
      for (let i = 0; i < descriptor.args.length; i++) declared.push(descriptor.args[i]!);
    }
    let pos = 0;
    const bad = (message: string): never => this.fail(`StackMapTable format error: ${message}`, 0);
    const need = (count: number): void => {
      if (pos + count > table.length) bad('truncated');
    };
    const readType = (): number => {
      need(1);
      const tag = table[pos++]!;
      switch (tag) {
        case 0:
          return TOP;
        case 1:
          return INTEGER;
        case 2:
          return FLOAT;
        case 3:
          return DOUBLE;
        case 4:
          return LONG;
        case 5:
          return NULL;
        case 6:
          return UNINITIALIZED_THIS;
        case 7: {
          need(2);
          const index = u2(table, pos);
          pos += 2;
          return this.types.reference(getClassName(this.pool, index));
        }
        case 8: {
          need(2);
          const offset = u2(table, pos);
          pos += 2;
          if (offset >= this.codeLength || this.starts[offset] !== NEW_START) bad(`bad offset ${offset} for Uninitialized`);
          return UNINITIALIZED_BASE + offset;
        }
        default:
          return bad(`bad verification type tag ${tag}`);
      }
    };
    need(2);
    const count = u2(table, 0);
    pos = 2;
    let offset = -1;
    for (let n = 0; n < count; n++) {
      need(1);
      const frameType = table[pos++]!;
      let delta: number;
      let stack: number[] = [];
      if (frameType < 64) {
        delta = frameType;
      } else if (frameType < 128) {
        delta = frameType - 64;
        stack = [readType()];
      } else if (frameType < 247) {
        return bad(`reserved frame type ${frameType}`);
      } else {
        need(2);
        delta = u2(table, pos);
        pos += 2;
        if (frameType === 247) {
          stack = [readType()];
        } else if (frameType < 251) {
          const chop = 251 - frameType;
          if (chop > declared.length) bad('chop frame removes more locals than there are');
          declared = declared.slice(0, declared.length - chop);
        } else if (frameType === 251) {
          // same_frame_extended
        } else if (frameType < 255) {
          declared = declared.slice();
          for (let i = 0; i < frameType - 251; i++) declared.push(readType());
        } else {
          need(2);
          const localCount = u2(table, pos);
          pos += 2;
          declared = [];
          for (let i = 0; i < localCount; i++) declared.push(readType());
          need(2);
          const stackCount = u2(table, pos);
          pos += 2;
          for (let i = 0; i < stackCount; i++) stack.push(readType());
        }
      }
      offset = n === 0 ? delta : offset + delta + 1;
      if (offset >= this.codeLength || this.starts[offset] === 0) {
        this.fail(`StackMapTable error: bad offset ${offset}`, offset < this.codeLength ? offset : 0);
      }
      this.frames.push(this.expandFrame(offset, declared, stack));
      this.frameAt[offset] = this.frames.length - 1;
    }
    if (pos !== table.length) bad('extra bytes after the frames');
  }

  private expandFrame(offset: number, declared: readonly number[], declaredStack: readonly number[]): StackMapFrame {
    const locals = new Int32Array(this.maxLocals);
    let flags = 0;
    let index = 0;
    for (const type of declared) {
      const size = type === LONG || type === DOUBLE ? 2 : 1;
      if (index + size > this.maxLocals) this.fail(`StackMapTable error: local size exceeds max_locals ${this.maxLocals}`, offset);
      locals[index++] = type;
      if (type === LONG) locals[index++] = LONG_2ND;
      else if (type === DOUBLE) locals[index++] = DOUBLE_2ND;
      else if (type === UNINITIALIZED_THIS) flags = FLAG_THIS_UNINIT;
    }
    let size = 0;
    for (const type of declaredStack) size += type === LONG || type === DOUBLE ? 2 : 1;
    if (size > this.maxStack) this.fail(`StackMapTable error: stack size exceeds max_stack ${this.maxStack}`, offset);
    const stack = new Int32Array(size);
    let sp = 0;
    for (const type of declaredStack) {
      stack[sp++] = type;
      if (type === LONG) stack[sp++] = LONG_2ND;
      else if (type === DOUBLE) stack[sp++] = DOUBLE_2ND;
    }
    return { offset, locals, stack, flags };
  }

  // ## Exception table

  private exMin = 0;
  private exMax = -1;

  private checkExceptionTable(): void {
    const handlers = this.method.code.exceptionTable;
    this.exMin = this.codeLength;
    this.exMax = -1;
    for (const handler of handlers) {
      const { startPc, endPc, handlerPc } = handler;
      if (
        startPc >= this.codeLength ||
        this.starts[startPc] === 0 ||
        endPc <= startPc ||
        endPc > this.codeLength ||
        (endPc < this.codeLength && this.starts[endPc] === 0)
      ) {
        this.fail(`Illegal exception table range in class file`, 0);
      }
      if (handlerPc >= this.codeLength || this.starts[handlerPc] === 0) {
        this.fail(`Illegal exception table handler in class file`, 0);
      }
      if (handler.catchType !== null) {
        const catchType = this.types.reference(handler.catchType);
        if (!this.types.isAssignable(this.throwableType, catchType)) {
          this.fail(`Catch type is not a subclass of Throwable in exception handler ${handlerPc}`, 0);
        }
      }
      if (startPc < this.exMin) this.exMin = startPc;
      if (endPc > this.exMax) this.exMax = endPc;
    }
  }

  /** Every handler covering `bci` must accept the current locals with its catch type on the stack. */
  private checkHandlers(thisUninit: boolean): void {
    const bci = this.bci;
    const handlers = this.method.code.exceptionTable;
    for (let i = 0; i < handlers.length; i++) {
      const handler = handlers[i]!;
      if (bci < handler.startPc || bci >= handler.endPc) continue;
      const target = this.frames[this.frameAt[handler.handlerPc]!];
      const catchType = handler.catchType === null ? this.throwableType : this.types.reference(handler.catchType);
      const headline = `Stack map does not match the one at exception handler ${handler.handlerPc}`;
      if (target === undefined) this.fail(`${headline}: Expecting a stackmap frame at branch target ${handler.handlerPc}`);
      const flags = thisUninit ? this.flags | FLAG_THIS_UNINIT : this.flags;
      const localsReason = this.compareLocals(target);
      if (localsReason !== null) this.fail(`${headline}: ${localsReason}`);
      if (target.stack.length !== 1) this.fail(`${headline}: Current frame's stack size doesn't match stackmap.`);
      if (!this.types.isAssignable(target.stack[0]!, catchType)) {
        this.fail(
          `${headline}: Type ${this.types.describe(catchType)} (current frame, stack[0]) is not assignable to ` +
            `${this.types.describe(target.stack[0]!)} (stack map, stack[0])`,
        );
      }
      if ((flags | target.flags) !== target.flags) {
        this.fail(`${headline}: Current frame's flags are not assignable to stack map frame's.`);
      }
    }
  }

  // ## Frame comparison (JVMS §4.10.1.4 frameIsAssignable)

  private compareLocals(target: StackMapFrame): string | null {
    const locals = this.locals;
    const targetLocals = target.locals;
    for (let i = 0; i < this.maxLocals; i++) {
      const to = targetLocals[i]!;
      const from = locals[i]!;
      if (to !== from && to !== TOP && !this.types.isAssignable(to, from)) {
        return (
          `Type ${this.types.describe(from)} (current frame, locals[${i}]) is not assignable to ` +
          `${this.types.describe(to)} (stack map, locals[${i}])`
        );
      }
    }
    return null;
  }

  /** Why the current frame is not assignable to `target`, or null when it is. */
  private compareFrame(target: StackMapFrame): string | null {
    if (this.sp !== target.stack.length) return "Current frame's stack size doesn't match stackmap.";
    const reason = this.compareLocals(target);
    if (reason !== null) return reason;
    const stack = this.stack;
    for (let i = 0; i < this.sp; i++) {
      const to = target.stack[i]!;
      const from = stack[i]!;
      if (to !== from && !this.types.isAssignable(to, from)) {
        return (
          `Type ${this.types.describe(from)} (current frame, stack[${i}]) is not assignable to ` +
          `${this.types.describe(to)} (stack map, stack[${i}])`
        );
      }
    }
    if ((this.flags | target.flags) !== target.flags) return "Current frame's flags are not assignable to stack map frame's.";
    return null;
  }

  private useFrame(frame: StackMapFrame): void {
    this.locals.set(frame.locals);
    this.stack.set(frame.stack);
    this.sp = frame.stack.length;
    this.flags = frame.flags;
  }

  private checkJumpTarget(target: number): void {
    const index = target >= 0 && target < this.codeLength ? this.frameAt[target]! : -1;
    if (index < 0) this.fail(`Expecting a stackmap frame at branch target ${target}`);
    const reason = this.compareFrame(this.frames[index]!);
    if (reason !== null) this.fail(`Inconsistent stackmap frames at branch target ${target}: ${reason}`);
    if (target < this.bci && this.hasNewObject()) {
      this.fail(`Uninitialized object exists on backward branch ${target}`);
    }
  }

  private hasNewObject(): boolean {
    for (let i = 0; i < this.maxLocals; i++) if (isUninitialized(this.locals[i]!)) return true;
    for (let i = 0; i < this.sp; i++) if (isUninitialized(this.stack[i]!)) return true;
    return false;
  }

  // ## Operand stack and locals

  private push(type: number): void {
    if (this.sp >= this.maxStack) this.fail('Operand stack overflow');
    this.stack[this.sp++] = type;
  }

  private push2(type: number): void {
    this.push(type);
    this.push(type === LONG ? LONG_2ND : DOUBLE_2ND);
  }

  /** Pushes a value of `type`, two slots for long and double; nothing for void. */
  private pushValue(type: number): void {
    if (type === VOID) return;
    if (type === LONG || type === DOUBLE) this.push2(type);
    else this.push(type);
  }

  private pop(expected: number): number {
    const sp = this.sp;
    if (sp === 0) this.fail('Operand stack underflow');
    const top = this.stack[sp - 1]!;
    if (top !== expected && !this.types.isAssignable(expected, top)) {
      this.failType('Bad type on operand stack', top, `stack[${sp - 1}]`, expected);
    }
    this.sp = sp - 1;
    return top;
  }

  private popAny(): number {
    if (this.sp === 0) this.fail('Operand stack underflow');
    return this.stack[--this.sp]!;
  }

  private pop2(type: number): void {
    this.pop(type === LONG ? LONG_2ND : DOUBLE_2ND);
    this.pop(type);
  }

  private popValue(type: number): void {
    if (type === LONG || type === DOUBLE) this.pop2(type);
    else this.pop(type);
  }

  private getLocal(index: number, expected: number): number {
    if (index >= this.maxLocals) this.fail(`Illegal local variable number ${index}`);
    const type = this.locals[index]!;
    if (type !== expected && !this.types.isAssignable(expected, type)) {
      this.failType('Bad local variable type', type, `locals[${index}]`, expected);
    }
    return type;
  }

  private getLocal2(index: number, type: number): void {
    if (index + 1 >= this.maxLocals) this.fail(`get long/double overflows locals: local ${index}`);
    this.getLocal(index, type);
    this.getLocal(index + 1, type === LONG ? LONG_2ND : DOUBLE_2ND);
  }

  private setLocal(index: number, type: number): void {
    if (index >= this.maxLocals) this.fail(`Local variable table overflow: local ${index}`);
    const locals = this.locals;
    const old = locals[index]!;
    // Overwriting half of a long or double makes the other half unusable.
    if (old === LONG || old === DOUBLE) locals[index + 1] = TOP;
    else if (old === LONG_2ND || old === DOUBLE_2ND) locals[index - 1] = TOP;
    locals[index] = type;
  }

  private setLocal2(index: number, type: number): void {
    if (index + 1 >= this.maxLocals) this.fail(`Local variable table overflow: local ${index}`);
    const locals = this.locals;
    const next = locals[index + 1]!;
    if (next === LONG || next === DOUBLE) locals[index + 2] = TOP;
    const old = locals[index]!;
    if (old === LONG_2ND || old === DOUBLE_2ND) locals[index - 1] = TOP;
    locals[index] = type;
    locals[index + 1] = type === LONG ? LONG_2ND : DOUBLE_2ND;
  }

  /** Replaces every occurrence of `from` in the frame by `to` (initialization, JVMS §4.10.1.9 invokespecial). */
  private replaceAll(from: number, to: number): void {
    for (let i = 0; i < this.maxLocals; i++) if (this.locals[i] === from) this.locals[i] = to;
    for (let i = 0; i < this.sp; i++) if (this.stack[i] === from) this.stack[i] = to;
  }

  /** Pops an array reference whose name is `arrayName` (or one of two names), or null. */
  private popArray(name: string, headline: string, other: string | null = null): number {
    const type = this.pop(REFERENCE_CHECK);
    if (type === NULL) return type;
    if (type >= REFERENCE_BASE) {
      const actual = this.types.nameOf(type);
      if (actual === name || actual === other) return type;
    }
    return this.failType(headline, type, `stack[${this.sp}]`, this.types.reference(name));
  }

  // ## The instruction loop (JVMS §4.10.1.9)

  private run(): void {
    const code = this.code;
    const length = this.codeLength;
    let noControlFlow = false;
    let frameIndex = 0;
    let bci = 0;
    while (bci < length) {
      this.bci = bci;
      let opcode = code[bci]!;
      const size = this.instructionLength(bci);
      const frame = frameIndex < this.frames.length ? this.frames[frameIndex]! : null;
      if (frame !== null && frame.offset === bci) {
        if (!noControlFlow) {
          const reason = this.compareFrame(frame);
          if (reason !== null) this.fail(`Instruction type does not match stack map: ${reason}`);
        }
        this.useFrame(frame);
        frameIndex++;
      } else if (noControlFlow) {
        this.fail('Expecting a stack map frame');
      }
      noControlFlow = false;
      const inHandlerRange = bci >= this.exMin && bci < this.exMax;
      let wide = false;
      if (opcode === 0xc4) {
        wide = true;
        opcode = code[bci + 1]!;
      }
      // Stores change the locals: handlers see the incoming locals (HotSpot checks them first).
      let handlersChecked = false;
      if (inHandlerRange && opcode >= 0x36 && opcode <= 0x4e) {
        this.checkHandlers(false);
        handlersChecked = true;
      }
      let thisUninit = false;
      switch (opcode) {
        case 0x00: // nop
          break;
        case 0x01: // aconst_null
          this.push(NULL);
          break;
        case 0x02: case 0x03: case 0x04: case 0x05: case 0x06: case 0x07: case 0x08: // iconst_m1 … iconst_5
        case 0x10: case 0x11: // bipush, sipush
          this.push(INTEGER);
          break;
        case 0x09: case 0x0a: // lconst_0, lconst_1
          this.push2(LONG);
          break;
        case 0x0b: case 0x0c: case 0x0d: // fconst_0 … fconst_2
          this.push(FLOAT);
          break;
        case 0x0e: case 0x0f: // dconst_0, dconst_1
          this.push2(DOUBLE);
          break;
        case 0x12: // ldc
          this.ldc(code[bci + 1]!, false);
          break;
        case 0x13: // ldc_w
          this.ldc(u2(code, bci + 1), false);
          break;
        case 0x14: // ldc2_w
          this.ldc(u2(code, bci + 1), true);
          break;
        case 0x15: // iload
          this.getLocal(wide ? u2(code, bci + 2) : code[bci + 1]!, INTEGER);
          this.push(INTEGER);
          break;
        case 0x16: // lload
          this.getLocal2(wide ? u2(code, bci + 2) : code[bci + 1]!, LONG);
          this.push2(LONG);
          break;
        case 0x17: // fload
          this.getLocal(wide ? u2(code, bci + 2) : code[bci + 1]!, FLOAT);
          this.push(FLOAT);
          break;
        case 0x18: // dload
          this.getLocal2(wide ? u2(code, bci + 2) : code[bci + 1]!, DOUBLE);
          this.push2(DOUBLE);
          break;
        case 0x19: // aload
          this.push(this.getLocal(wide ? u2(code, bci + 2) : code[bci + 1]!, REFERENCE_CHECK));
          break;
        case 0x1a: case 0x1b: case 0x1c: case 0x1d: // iload_<n>
          this.getLocal(opcode - 0x1a, INTEGER);
          this.push(INTEGER);
          break;
        case 0x1e: case 0x1f: case 0x20: case 0x21: // lload_<n>
          this.getLocal2(opcode - 0x1e, LONG);
          this.push2(LONG);
          break;
        case 0x22: case 0x23: case 0x24: case 0x25: // fload_<n>
          this.getLocal(opcode - 0x22, FLOAT);
          this.push(FLOAT);
          break;
        case 0x26: case 0x27: case 0x28: case 0x29: // dload_<n>
          this.getLocal2(opcode - 0x26, DOUBLE);
          this.push2(DOUBLE);
          break;
        case 0x2a: case 0x2b: case 0x2c: case 0x2d: // aload_<n>
          this.push(this.getLocal(opcode - 0x2a, REFERENCE_CHECK));
          break;
        case 0x2e: // iaload
          this.pop(INTEGER);
          this.popArray('[I', 'Bad type on operand stack in iaload');
          this.push(INTEGER);
          break;
        case 0x2f: // laload
          this.pop(INTEGER);
          this.popArray('[J', 'Bad type on operand stack in laload');
          this.push2(LONG);
          break;
        case 0x30: // faload
          this.pop(INTEGER);
          this.popArray('[F', 'Bad type on operand stack in faload');
          this.push(FLOAT);
          break;
        case 0x31: // daload
          this.pop(INTEGER);
          this.popArray('[D', 'Bad type on operand stack in daload');
          this.push2(DOUBLE);
          break;
        case 0x32: {
          // aaload: the component type of a reference array (null stays null).
          this.pop(INTEGER);
          const array = this.pop(REFERENCE_CHECK);
          if (array === NULL) {
            this.push(NULL);
          } else {
            const name = array >= REFERENCE_BASE ? this.types.nameOf(array) : '';
            const c = name.charCodeAt(1);
            if (name.charCodeAt(0) !== 0x5b || (c !== 0x4c && c !== 0x5b)) {
              this.failType('Bad type on operand stack in aaload', array, `stack[${this.sp}]`, this.types.reference('[Ljava/lang/Object;'));
            }
            this.push(this.types.fromDescriptor(name, 1));
          }
          break;
        }
        case 0x33: // baload
          this.pop(INTEGER);
          this.popArray('[B', 'Bad type on operand stack in baload', '[Z');
          this.push(INTEGER);
          break;
        case 0x34: // caload
          this.pop(INTEGER);
          this.popArray('[C', 'Bad type on operand stack in caload');
          this.push(INTEGER);
          break;
        case 0x35: // saload
          this.pop(INTEGER);
          this.popArray('[S', 'Bad type on operand stack in saload');
          this.push(INTEGER);
          break;
        case 0x36: // istore
          this.pop(INTEGER);
          this.setLocal(wide ? u2(code, bci + 2) : code[bci + 1]!, INTEGER);
          break;
        case 0x37: // lstore
          this.pop2(LONG);
          this.setLocal2(wide ? u2(code, bci + 2) : code[bci + 1]!, LONG);
          break;
        case 0x38: // fstore
          this.pop(FLOAT);
          this.setLocal(wide ? u2(code, bci + 2) : code[bci + 1]!, FLOAT);
          break;
        case 0x39: // dstore
          this.pop2(DOUBLE);
          this.setLocal2(wide ? u2(code, bci + 2) : code[bci + 1]!, DOUBLE);
          break;
        case 0x3a: // astore
          this.setLocal(wide ? u2(code, bci + 2) : code[bci + 1]!, this.pop(REFERENCE_CHECK));
          break;
        case 0x3b: case 0x3c: case 0x3d: case 0x3e: // istore_<n>
          this.pop(INTEGER);
          this.setLocal(opcode - 0x3b, INTEGER);
          break;
        case 0x3f: case 0x40: case 0x41: case 0x42: // lstore_<n>
          this.pop2(LONG);
          this.setLocal2(opcode - 0x3f, LONG);
          break;
        case 0x43: case 0x44: case 0x45: case 0x46: // fstore_<n>
          this.pop(FLOAT);
          this.setLocal(opcode - 0x43, FLOAT);
          break;
        case 0x47: case 0x48: case 0x49: case 0x4a: // dstore_<n>
          this.pop2(DOUBLE);
          this.setLocal2(opcode - 0x47, DOUBLE);
          break;
        case 0x4b: case 0x4c: case 0x4d: case 0x4e: // astore_<n>
          this.setLocal(opcode - 0x4b, this.pop(REFERENCE_CHECK));
          break;
        case 0x4f: // iastore
          this.pop(INTEGER);
          this.pop(INTEGER);
          this.popArray('[I', 'Bad type on operand stack in iastore');
          break;
        case 0x50: // lastore
          this.pop2(LONG);
          this.pop(INTEGER);
          this.popArray('[J', 'Bad type on operand stack in lastore');
          break;
        case 0x51: // fastore
          this.pop(FLOAT);
          this.pop(INTEGER);
          this.popArray('[F', 'Bad type on operand stack in fastore');
          break;
        case 0x52: // dastore
          this.pop2(DOUBLE);
          this.pop(INTEGER);
          this.popArray('[D', 'Bad type on operand stack in dastore');
          break;
        case 0x53: {
          // aastore: the value's type against the component is a run-time check.
          this.pop(this.objectType);
          this.pop(INTEGER);
          const array = this.pop(REFERENCE_CHECK);
          if (array !== NULL) {
            const name = array >= REFERENCE_BASE ? this.types.nameOf(array) : '';
            const c = name.charCodeAt(1);
            if (name.charCodeAt(0) !== 0x5b || (c !== 0x4c && c !== 0x5b)) {
              this.failType('Bad type on operand stack in aastore', array, `stack[${this.sp}]`, this.types.reference('[Ljava/lang/Object;'));
            }
          }
          break;
        }
        case 0x54: // bastore
          this.pop(INTEGER);
          this.pop(INTEGER);
          this.popArray('[B', 'Bad type on operand stack in bastore', '[Z');
          break;
        case 0x55: // castore
          this.pop(INTEGER);
          this.pop(INTEGER);
          this.popArray('[C', 'Bad type on operand stack in castore');
          break;
        case 0x56: // sastore
          this.pop(INTEGER);
          this.pop(INTEGER);
          this.popArray('[S', 'Bad type on operand stack in sastore');
          break;
        case 0x57: // pop
          this.pop(CATEGORY1_CHECK);
          break;
        case 0x58: {
          // pop2: two category-1 values or one category-2 value.
          const top = this.popAny();
          if (isCategory1(top)) this.pop(CATEGORY1_CHECK);
          else if (top === LONG_2ND || top === DOUBLE_2ND) this.pop(CATEGORY2_CHECK);
          else this.fail('Bad type on operand stack in pop2');
          break;
        }
        case 0x59: {
          // dup
          const t1 = this.pop(CATEGORY1_CHECK);
          this.push(t1);
          this.push(t1);
          break;
        }
        case 0x5a: {
          // dup_x1
          const t1 = this.pop(CATEGORY1_CHECK);
          const t2 = this.pop(CATEGORY1_CHECK);
          this.push(t1);
          this.push(t2);
          this.push(t1);
          break;
        }
        case 0x5b: {
          // dup_x2
          const t1 = this.pop(CATEGORY1_CHECK);
          const t2 = this.popAny();
          let t3: number;
          if (isCategory1(t2)) t3 = this.pop(CATEGORY1_CHECK);
          else if (t2 === LONG_2ND || t2 === DOUBLE_2ND) t3 = this.pop(CATEGORY2_CHECK);
          else t3 = this.fail('Bad type on operand stack in dup_x2');
          this.push(t1);
          this.push(t3);
          this.push(t2);
          this.push(t1);
          break;
        }
        case 0x5c: {
          // dup2
          const t1 = this.popAny();
          let t2: number;
          if (isCategory1(t1)) t2 = this.pop(CATEGORY1_CHECK);
          else if (t1 === LONG_2ND || t1 === DOUBLE_2ND) t2 = this.pop(CATEGORY2_CHECK);
          else t2 = this.fail('Bad type on operand stack in dup2');
          this.push(t2);
          this.push(t1);
          this.push(t2);
          this.push(t1);
          break;
        }
        case 0x5d: {
          // dup2_x1
          const t1 = this.popAny();
          let t2: number;
          if (isCategory1(t1)) t2 = this.pop(CATEGORY1_CHECK);
          else if (t1 === LONG_2ND || t1 === DOUBLE_2ND) t2 = this.pop(CATEGORY2_CHECK);
          else t2 = this.fail('Bad type on operand stack in dup2_x1');
          const t3 = this.pop(CATEGORY1_CHECK);
          this.push(t2);
          this.push(t1);
          this.push(t3);
          this.push(t2);
          this.push(t1);
          break;
        }
        case 0x5e: {
          // dup2_x2
          const t1 = this.popAny();
          let t2: number;
          if (isCategory1(t1)) t2 = this.pop(CATEGORY1_CHECK);
          else if (t1 === LONG_2ND || t1 === DOUBLE_2ND) t2 = this.pop(CATEGORY2_CHECK);
          else t2 = this.fail('Bad type on operand stack in dup2_x2');
          const t3 = this.popAny();
          let t4: number;
          if (isCategory1(t3)) t4 = this.pop(CATEGORY1_CHECK);
          else if (t3 === LONG_2ND || t3 === DOUBLE_2ND) t4 = this.pop(CATEGORY2_CHECK);
          else t4 = this.fail('Bad type on operand stack in dup2_x2');
          this.push(t2);
          this.push(t1);
          this.push(t4);
          this.push(t3);
          this.push(t2);
          this.push(t1);
          break;
        }
        case 0x5f: {
          // swap
          const t1 = this.pop(CATEGORY1_CHECK);
          const t2 = this.pop(CATEGORY1_CHECK);
          this.push(t1);
          this.push(t2);
          break;
        }
        case 0x60: case 0x64: case 0x68: case 0x6c: case 0x70: // iadd isub imul idiv irem
        case 0x78: case 0x7a: case 0x7c: case 0x7e: case 0x80: case 0x82: // ishl ishr iushr iand ior ixor
          this.pop(INTEGER);
          this.pop(INTEGER);
          this.push(INTEGER);
          break;
        case 0x61: case 0x65: case 0x69: case 0x6d: case 0x71: // ladd … lrem
        case 0x7f: case 0x81: case 0x83: // land lor lxor
          this.pop2(LONG);
          this.pop2(LONG);
          this.push2(LONG);
          break;
        case 0x62: case 0x66: case 0x6a: case 0x6e: case 0x72: // fadd … frem
          this.pop(FLOAT);
          this.pop(FLOAT);
          this.push(FLOAT);
          break;
        case 0x63: case 0x67: case 0x6b: case 0x6f: case 0x73: // dadd … drem
          this.pop2(DOUBLE);
          this.pop2(DOUBLE);
          this.push2(DOUBLE);
          break;
        case 0x74: // ineg
          this.pop(INTEGER);
          this.push(INTEGER);
          break;
        case 0x75: // lneg
          this.pop2(LONG);
          this.push2(LONG);
          break;
        case 0x76: // fneg
          this.pop(FLOAT);
          this.push(FLOAT);
          break;
        case 0x77: // dneg
          this.pop2(DOUBLE);
          this.push2(DOUBLE);
          break;
        case 0x79: case 0x7b: case 0x7d: // lshl lshr lushr
          this.pop(INTEGER);
          this.pop2(LONG);
          this.push2(LONG);
          break;
        case 0x84: // iinc
          this.getLocal(wide ? u2(code, bci + 2) : code[bci + 1]!, INTEGER);
          break;
        case 0x85: // i2l
          this.pop(INTEGER);
          this.push2(LONG);
          break;
        case 0x86: // i2f
          this.pop(INTEGER);
          this.push(FLOAT);
          break;
        case 0x87: // i2d
          this.pop(INTEGER);
          this.push2(DOUBLE);
          break;
        case 0x88: // l2i
          this.pop2(LONG);
          this.push(INTEGER);
          break;
        case 0x89: // l2f
          this.pop2(LONG);
          this.push(FLOAT);
          break;
        case 0x8a: // l2d
          this.pop2(LONG);
          this.push2(DOUBLE);
          break;
        case 0x8b: // f2i
          this.pop(FLOAT);
          this.push(INTEGER);
          break;
        case 0x8c: // f2l
          this.pop(FLOAT);
          this.push2(LONG);
          break;
        case 0x8d: // f2d
          this.pop(FLOAT);
          this.push2(DOUBLE);
          break;
        case 0x8e: // d2i
          this.pop2(DOUBLE);
          this.push(INTEGER);
          break;
        case 0x8f: // d2l
          this.pop2(DOUBLE);
          this.push2(LONG);
          break;
        case 0x90: // d2f
          this.pop2(DOUBLE);
          this.push(FLOAT);
          break;
        case 0x91: case 0x92: case 0x93: // i2b i2c i2s
          this.pop(INTEGER);
          this.push(INTEGER);
          break;
        case 0x94: // lcmp
          this.pop2(LONG);
          this.pop2(LONG);
          this.push(INTEGER);
          break;
        case 0x95: case 0x96: // fcmpl fcmpg
          this.pop(FLOAT);
          this.pop(FLOAT);
          this.push(INTEGER);
          break;
        case 0x97: case 0x98: // dcmpl dcmpg
          this.pop2(DOUBLE);
          this.pop2(DOUBLE);
          this.push(INTEGER);
          break;
        case 0x99: case 0x9a: case 0x9b: case 0x9c: case 0x9d: case 0x9e: // ifeq … ifle
          this.pop(INTEGER);
          this.checkJumpTarget(bci + s2(code, bci + 1));
          break;
        case 0x9f: case 0xa0: case 0xa1: case 0xa2: case 0xa3: case 0xa4: // if_icmpeq … if_icmple
          this.pop(INTEGER);
          this.pop(INTEGER);
          this.checkJumpTarget(bci + s2(code, bci + 1));
          break;
        case 0xa5: case 0xa6: // if_acmpeq if_acmpne
          this.pop(REFERENCE_CHECK);
          this.pop(REFERENCE_CHECK);
          this.checkJumpTarget(bci + s2(code, bci + 1));
          break;
        case 0xc6: case 0xc7: // ifnull ifnonnull
          this.pop(REFERENCE_CHECK);
          this.checkJumpTarget(bci + s2(code, bci + 1));
          break;
        case 0xa7: // goto
          this.checkJumpTarget(bci + s2(code, bci + 1));
          noControlFlow = true;
          break;
        case 0xc8: // goto_w
          this.checkJumpTarget(bci + s4(code, bci + 1));
          noControlFlow = true;
          break;
        case 0xaa: case 0xab: // tableswitch lookupswitch
          this.pop(INTEGER);
          this.checkSwitch(opcode === 0xaa);
          noControlFlow = true;
          break;
        case 0xac: // ireturn
          this.pop(INTEGER);
          this.checkReturnValue(INTEGER);
          noControlFlow = true;
          break;
        case 0xad: // lreturn
          this.pop2(LONG);
          this.checkReturnValue(LONG);
          noControlFlow = true;
          break;
        case 0xae: // freturn
          this.pop(FLOAT);
          this.checkReturnValue(FLOAT);
          noControlFlow = true;
          break;
        case 0xaf: // dreturn
          this.pop2(DOUBLE);
          this.checkReturnValue(DOUBLE);
          noControlFlow = true;
          break;
        case 0xb0: // areturn
          this.checkReturnValue(this.pop(REFERENCE_CHECK));
          noControlFlow = true;
          break;
        case 0xb1: // return
          if (this.returnType !== VOID) this.fail('Method expects a return value');
          if (this.method.name === '<init>' && (this.flags & FLAG_THIS_UNINIT) !== 0) {
            this.fail('Constructor must call super() or this() before return');
          }
          noControlFlow = true;
          break;
        case 0xb2: case 0xb3: case 0xb4: case 0xb5: // getstatic putstatic getfield putfield
          this.fieldInstruction(opcode, u2(code, bci + 1));
          break;
        case 0xb6: case 0xb7: case 0xb8: case 0xb9: case 0xba: // invoke*
          thisUninit = this.invokeInstruction(opcode, u2(code, bci + 1));
          break;
        case 0xbb: {
          // new: the class must not be an array; the result is uninitialized(bci).
          const name = getClassName(this.pool, u2(code, bci + 1));
          if (name.charCodeAt(0) === 0x5b) this.fail(`Illegal new instruction: ${name} is an array class`);
          this.push(UNINITIALIZED_BASE + bci);
          break;
        }
        case 0xbc: {
          // newarray
          const atype = code[bci + 1]!;
          if (atype < 4 || atype > 11) this.fail(`Illegal newarray instruction: atype ${atype}`);
          this.pop(INTEGER);
          this.push(this.types.reference(NEWARRAY_TYPES[atype]!));
          break;
        }
        case 0xbd: {
          // anewarray
          const name = getClassName(this.pool, u2(code, bci + 1));
          this.pop(INTEGER);
          const arrayName = name.charCodeAt(0) === 0x5b ? '[' + name : `[L${name};`;
          if (arrayDimensions(arrayName) > 255) this.fail('Array with too many dimensions');
          this.push(this.types.reference(arrayName));
          break;
        }
        case 0xbe: {
          // arraylength
          const type = this.pop(REFERENCE_CHECK);
          if (type !== NULL && !(type >= REFERENCE_BASE && this.types.nameOf(type).charCodeAt(0) === 0x5b)) {
            this.failType('Bad type on operand stack in arraylength', type, `stack[${this.sp}]`, this.types.reference('[Ljava/lang/Object;'));
          }
          this.push(INTEGER);
          break;
        }
        case 0xbf: // athrow
          this.pop(this.throwableType);
          noControlFlow = true;
          break;
        case 0xc0: // checkcast
          this.pop(this.objectType);
          this.push(this.types.reference(getClassName(this.pool, u2(code, bci + 1))));
          break;
        case 0xc1: // instanceof
          getClassName(this.pool, u2(code, bci + 1));
          this.pop(this.objectType);
          this.push(INTEGER);
          break;
        case 0xc2: case 0xc3: // monitorenter monitorexit
          this.pop(REFERENCE_CHECK);
          break;
        case 0xc5: {
          // multianewarray
          const name = getClassName(this.pool, u2(code, bci + 1));
          const dimensions = code[bci + 3]!;
          if (dimensions < 1 || name.charCodeAt(0) !== 0x5b || arrayDimensions(name) < dimensions) {
            this.fail(`Illegal dimension in multianewarray instruction: ${dimensions}`);
          }
          for (let i = 0; i < dimensions; i++) this.pop(INTEGER);
          this.push(this.types.reference(name));
          break;
        }
        case 0xa8: case 0xa9: case 0xc9: // jsr ret jsr_w: not allowed with StackMapTable (JVMS §4.9.1)
        default:
          this.fail(`Bad instruction: ${code[bci]!.toString(16).padStart(2, '0')}`);
      }
      if (!handlersChecked && inHandlerRange) this.checkHandlers(thisUninit);
      bci += size;
    }
    if (!noControlFlow) this.fail('Control flow falls through code end', length);
  }

  private checkSwitch(isTable: boolean): void {
    const code = this.code;
    const bci = this.bci;
    const base = (bci + 4) & ~3;
    this.checkJumpTarget(bci + s4(code, base));
    if (isTable) {
      const low = s4(code, base + 4);
      const high = s4(code, base + 8);
      for (let i = 0; i <= high - low; i++) this.checkJumpTarget(bci + s4(code, base + 12 + i * 4));
    } else {
      const pairs = s4(code, base + 4);
      for (let i = 0; i < pairs; i++) {
        if (i > 0 && s4(code, base + 8 + i * 8) <= s4(code, base + i * 8)) this.fail('Bad lookupswitch instruction');
        this.checkJumpTarget(bci + s4(code, base + 12 + i * 8));
      }
    }
  }

  private checkReturnValue(type: number): void {
    const returnType = this.returnType;
    if (returnType === VOID) this.fail('Method does not expect a return value');
    if (returnType !== type && !this.types.isAssignable(returnType, type)) {
      this.failType('Bad return type', type, `stack[${this.sp}]`, returnType);
    }
  }

  private ldc(index: number, wide: boolean): void {
    const entry = getConstant(this.pool, index);
    let type = TOP;
    switch (entry.kind) {
      case 'Integer':
        type = INTEGER;
        break;
      case 'Float':
        type = FLOAT;
        break;
      case 'Long':
        type = LONG;
        break;
      case 'Double':
        type = DOUBLE;
        break;
      case 'String':
        type = this.stringType;
        break;
      case 'Class':
        type = this.classType;
        break;
      case 'MethodType':
        type = this.methodTypeType;
        break;
      case 'MethodHandle':
        type = this.methodHandleType;
        break;
      case 'Dynamic': {
        const descriptor = getNameAndType(this.pool, entry.nameAndTypeIndex).descriptor;
        type = this.types.fromDescriptor(descriptor);
        break;
      }
      default:
        break;
    }
    const category2 = type === LONG || type === DOUBLE;
    if (type === TOP || category2 !== wide) this.fail(`Invalid index in ${wide ? 'ldc2_w' : 'ldc'}: constant #${index} is ${entry.kind}`);
    this.pushValue(type);
  }

  // ## Fields and methods

  private fieldInstruction(opcode: number, index: number): void {
    const ref = getConstant(this.pool, index, ['Fieldref']) as MemberRefConstant;
    const owner = getClassName(this.pool, ref.classIndex);
    const { name, descriptor } = getNameAndType(this.pool, ref.nameAndTypeIndex);
    const fieldType = this.types.fromDescriptor(descriptor);
    if (fieldType === TOP) this.fail(`Bad field descriptor ${descriptor}`);
    const ownerType = this.types.reference(owner);
    switch (opcode) {
      case 0xb2: // getstatic
        this.pushValue(fieldType);
        break;
      case 0xb3: // putstatic
        this.popValue(fieldType);
        break;
      case 0xb4: // getfield
        this.checkProtectedAccess(this.pop(ownerType), owner, name, descriptor, 'getfield');
        this.pushValue(fieldType);
        break;
      default: {
        // putfield: a constructor may set its own class's fields before super() (JVMS §4.10.1.9 putfield).
        this.popValue(fieldType);
        let object = this.popAny();
        if (
          object === UNINITIALIZED_THIS &&
          ownerType === this.currentType &&
          this.method.classFields.has(name + ':' + descriptor)
        ) {
          object = this.currentType;
        }
        if (object !== ownerType && !this.types.isAssignable(ownerType, object)) {
          this.failType('Bad type on operand stack in putfield', object, `stack[${this.sp}]`, ownerType);
        }
        this.checkProtectedAccess(object, owner, name, descriptor, 'putfield');
      }
    }
  }

  /**
   * The protected check of getfield, putfield and invokevirtual (JVMS §4.10.1.8): a protected
   * member of a superclass in another package must be used on an object of the current class.
   * `object` was just popped (at stack[sp]).
   */
  private checkProtectedAccess(object: number, owner: string, name: string, descriptor: string, instruction: string): void {
    const protectedAccess = this.protectedAccess;
    if (object === this.currentType || protectedAccess === null) return;
    const isArray = object >= REFERENCE_BASE && this.types.nameOf(object).charCodeAt(0) === 0x5b;
    if (!protectedAccess.needsCurrentClassObject(this.method.className, owner, name, descriptor, instruction === 'invokevirtual', isArray)) {
      return;
    }
    if (!this.types.isAssignable(this.currentType, object)) {
      this.failType(`Bad access to protected data in ${instruction}`, object, `stack[${this.sp}]`, this.currentType);
    }
  }

  /** Checks an invoke instruction; returns true when it initialized `this` (invokespecial <init>). */
  private invokeInstruction(opcode: number, index: number): boolean {
    const code = this.code;
    const bci = this.bci;
    let owner = '';
    let isInterfaceRef = false;
    let name: string;
    let descriptor: string;
    if (opcode === 0xba) {
      const ref = getConstant(this.pool, index, ['InvokeDynamic']) as DynamicConstant;
      ({ name, descriptor } = getNameAndType(this.pool, ref.nameAndTypeIndex));
      if (code[bci + 3] !== 0 || code[bci + 4] !== 0) this.fail('Third and fourth operand bytes of invokedynamic must be zero');
    } else {
      const ref = (
        opcode === 0xb6
          ? getConstant(this.pool, index, ['Methodref'])
          : getConstant(this.pool, index, ['Methodref', 'InterfaceMethodref'])
      ) as MemberRefConstant;
      isInterfaceRef = ref.kind === 'InterfaceMethodref';
      if (opcode === 0xb9 && !isInterfaceRef) this.fail('invokeinterface needs an InterfaceMethodref');
      owner = getClassName(this.pool, ref.classIndex);
      ({ name, descriptor } = getNameAndType(this.pool, ref.nameAndTypeIndex));
    }
    if (name.charCodeAt(0) === 0x3c && (opcode !== 0xb7 || name !== '<init>')) {
      this.fail(`Illegal call to internal method ${name}`);
    }
    const parsed = this.parseMethodDescriptor(descriptor, bci);
    if (opcode === 0xb9) {
      if (code[bci + 3] !== parsed.argSlots + 1) this.fail('Inconsistent args count operand in invokeinterface');
      if (code[bci + 4] !== 0) this.fail('Fourth operand byte of invokeinterface must be zero');
    }
    const ownerType = opcode === 0xba ? 0 : this.types.reference(owner);
    if (opcode === 0xb7 && name !== '<init>') this.checkInvokespecialOwner(owner, ownerType, isInterfaceRef);
    const args = parsed.args;
    for (let i = args.length - 1; i >= 0; i--) this.popValue(args[i]!);
    let initializedThis = false;
    if (opcode === 0xb7 && name === '<init>') {
      if (parsed.returnType !== VOID) this.fail('Return type must be void in <init> method');
      initializedThis = this.invokeInit(owner, ownerType);
    } else if (opcode === 0xb7) {
      this.pop(this.currentType);
    } else if (opcode === 0xb6) {
      this.checkProtectedAccess(this.pop(ownerType), owner, name, descriptor, 'invokevirtual');
    } else if (opcode === 0xb9) {
      this.pop(ownerType);
    }
    this.pushValue(parsed.returnType);
    return initializedThis;
  }

  /** invokespecial of a non-<init> method: the owner must be this class, its super class or a direct interface, or an ancestor. */
  private checkInvokespecialOwner(owner: string, ownerType: number, isInterfaceRef: boolean): void {
    const method = this.method;
    if (owner === method.className || owner === method.superName || method.interfaces.includes(owner)) return;
    if (!this.types.isAssignable(ownerType, this.currentType)) {
      this.fail("Bad invokespecial instruction: current class isn't assignable to reference class.");
    }
    if (isInterfaceRef) {
      this.fail('Bad invokespecial instruction: interface method reference is in an indirect superinterface.');
    }
  }

  /** invokespecial <init>: initializes uninitializedThis or an uninitialized(offset) (JVMS §4.10.1.9). */
  private invokeInit(owner: string, ownerType: number): boolean {
    const type = this.pop(REFERENCE_CHECK);
    if (type === UNINITIALIZED_THIS) {
      const method = this.method;
      if (owner !== method.className && owner !== method.superName) this.fail('Bad <init> method call');
      this.replaceAll(UNINITIALIZED_THIS, this.currentType);
      this.flags &= ~FLAG_THIS_UNINIT;
      return true;
    }
    if (isUninitialized(type)) {
      const newOffset = type - UNINITIALIZED_BASE;
      if (newOffset >= this.codeLength || this.starts[newOffset] !== NEW_START) this.fail('Expecting new instruction');
      const created = getClassName(this.pool, u2(this.code, newOffset + 1));
      if (created !== owner) this.fail(`Call to wrong <init> method: ${owner}.<init> on a new ${created}`);
      this.replaceAll(type, ownerType);
      return false;
    }
    return this.failType('Bad operand type when invoking <init>', type, `stack[${this.sp}]`, REFERENCE_CHECK);
  }
}

const TRUNCATED = -1;
const BAD_TABLESWITCH = -2;
const BAD_LOOKUPSWITCH = -3;
const BAD_WIDE = -4;
const BAD_OPCODE = -5;

/**
 * The length of the instruction at `offset` of `code` (whose first `length` bytes are the code),
 * or a negative number when it is not a valid instruction (an unknown opcode, a bad wide, a switch
 * cut by the end of the code or with inconsistent bounds). JVMS §6.5.
 */
export function instructionLength(code: Uint8Array, offset: number, length = code.length): number {
  const opcode = code[offset]!;
  const fixed = INSTRUCTION_LENGTHS[opcode]!;
  if (fixed !== 0) return fixed;
  switch (opcode) {
    case 0xaa: {
      // tableswitch: padding to a multiple of 4, then default, low, high, jump offsets.
      const base = (offset + 4) & ~3;
      if (base + 12 > length) return TRUNCATED;
      const low = s4(code, base + 4);
      const high = s4(code, base + 8);
      if (low > high) return BAD_TABLESWITCH;
      const count = high - low + 1;
      if (count > (length - base - 12) / 4) return TRUNCATED;
      return base + 12 + count * 4 - offset;
    }
    case 0xab: {
      const base = (offset + 4) & ~3;
      if (base + 8 > length) return TRUNCATED;
      const pairs = s4(code, base + 4);
      if (pairs < 0) return BAD_LOOKUPSWITCH;
      if (pairs > (length - base - 8) / 8) return TRUNCATED;
      return base + 8 + pairs * 8 - offset;
    }
    case 0xc4: {
      // wide: a local-variable instruction with a two-byte index (iinc: and a two-byte constant).
      if (offset + 1 >= length) return TRUNCATED;
      const modified = code[offset + 1]!;
      if ((modified >= 0x15 && modified <= 0x19) || (modified >= 0x36 && modified <= 0x3a) || modified === 0xa9) return 4;
      if (modified === 0x84) return 6;
      return BAD_WIDE;
    }
    default:
      return BAD_OPCODE;
  }
}

function arrayDimensions(name: string): number {
  let i = 0;
  while (name.charCodeAt(i) === 0x5b) i++;
  return i;
}
