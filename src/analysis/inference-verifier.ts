// # The rules of HotSpot's inference verifier that ASM's SimpleVerifier leaves out
//
// HotSpot verifies class files before version 50 (and version 50 ones whose StackMapTable fails,
// the failover) with its older, inferencing verifier (JVMS §4.10.2). ASM's SimpleVerifier checks
// the types of operands, but knows nothing of object initialization nor of what invokespecial may
// call. A differential fuzz (mutated methods of Debian's jython, groovy, scala and kotlin jars,
// verified by both) found HotSpot rejecting, and us accepting:
// - `<init>` called by invokevirtual or invokestatic ("Must call initializers using invokespecial"),
//   or any other `<…>` method called at all ("Illegal call to internal method");
// - `invokespecial <init>` on an object that is already initialized ("Expecting to find
//   uninitialized object on stack"), or on a NEW of another class, or `this` initialized by a
//   constructor of neither the class nor its super class ("Call to wrong initialization method");
// - any other use of an object before its constructor ran (JVMS §4.10.2.4), but putfield on `this`
//   of a field of the class itself (javac's this$0 before super());
// - invokespecial of a method of a class that is neither the current class nor one of its super
//   classes ("Illegal use of nonvirtual function call"), or on a receiver that is not the current
//   class ("Incompatible object argument for invokespecial");
// - aastore into something that is not an array of references (ASM checks nothing there);
// - a NEW executed again while its previous object is still uninitialized on the stack, and an
//   operand stack deeper than max_stack counted in words, longs and doubles taking two (both
//   checked by InferenceAnalyzer's frames: ASM's frames count values);
// - athrow of something that is not a Throwable ("Can only throw Throwable objects"), and a catch
//   type that is not one ("catch_type not a subclass of Throwable", checked before the analysis);
// - a constructor returning before `super()` or `this()` (checked by InferenceAnalyzer's frames);
// - an array passed where an interface of fewer array dimensions is expected (but Cloneable and
//   Serializable), which SimpleVerifier accepts as it accepts anything for an interface.
//
// NEW pushes an UninitializedValue and `this` starts as one in constructors; InferenceAnalyzer's
// frames replace every copy of the object by an initialized value after its `invokespecial <init>`.

import { Opcodes } from '../asm/opcodes.js';
import { Type } from '../asm/type.js';
import type { AbstractInsnNode } from '../tree/abstract-insn-node.js';
import type { FieldInsnNode } from '../tree/field-insn-node.js';
import type { MethodInsnNode } from '../tree/method-insn-node.js';
import type { MethodNode } from '../tree/method-node.js';
import type { TypeInsnNode } from '../tree/type-insn-node.js';
import { AnalyzerException } from './analyzer-exception.js';
import { BasicValue } from './basic-value.js';
import { Frame } from './frame.js';
import type { ProtectedAccess } from './protected-access.js';
import { ProtectedCheckingVerifier } from './protected-checking-verifier.js';
import { UninitializedValue } from './uninitialized-value.js';

const THROWABLE_TYPE = Type.getObjectType('java/lang/Throwable');

export class InferenceVerifier extends ProtectedCheckingVerifier {
  private readonly currentSuperName: string | null;
  /** Whether the method verified is a constructor whose `this` starts uninitialized (not Object's). */
  readonly isConstructor: boolean;
  private readonly classType: Type;
  /** The fields declared by the class being verified, as `name:descriptor`. */
  private readonly classFields: ReadonlySet<string>;

  constructor(
    className: string,
    superName: string | null,
    interfaces: readonly string[],
    isInterface: boolean,
    protectedAccess: ProtectedAccess,
    methodName: string,
    classFields: ReadonlySet<string>,
  ) {
    super(className, superName, interfaces, isInterface, protectedAccess);
    this.classFields = classFields;
    this.currentSuperName = superName;
    this.classType = Type.getObjectType(className);
    this.isConstructor = methodName === '<init>' && superName !== null;
  }

  override newParameterValue(isInstanceMethod: boolean, local: number, type: Type): BasicValue {
    if (isInstanceMethod && local === 0 && this.isConstructor) return new UninitializedValue(type, null);
    return super.newParameterValue(isInstanceMethod, local, type);
  }

  override newOperation(insn: AbstractInsnNode): BasicValue {
    if (insn.getOpcode() === Opcodes.NEW) {
      const type = Type.getObjectType((insn as TypeInsnNode).desc);
      if (type.getSort() === Type.ARRAY) throw new AnalyzerException(insn, `Illegal use of an array class in new: ${type.getDescriptor()}`);
      return new UninitializedValue(type, insn);
    }
    return super.newOperation(insn);
  }

  /**
   * An uninitialized object is a reference of no class yet: aload, astore, ifnull and ifnonnull take
   * it (they only ask isReference), and nothing that asks for a type does, not even if_acmp or
   * checkcast (HotSpot's check_code.c, pop_stack 'A').
   */
  protected override isSubTypeOf(value: BasicValue, expected: BasicValue): boolean {
    if (value instanceof UninitializedValue) return false;
    if (this.checksArraysForInterfaces && this.isArrayForLowerInterface(value.getType(), expected.getType())) return false;
    return super.isSubTypeOf(value, expected);
  }

  /**
   * Whether an array of more dimensions than an expected interface is refused (see below). Off
   * while the analysis runs, on for recheckAtFixpoint: the rule is not monotonic (the array alone
   * fails, merged with a class into Object it passes), and HotSpot checks each instruction once its
   * predecessors in code order have merged into it, where ASM's Analyzer visits an instruction with
   * whatever path reached it first.
   */
  checksArraysForInterfaces = false;

  /**
   * Executes every instruction of `method` again on its frame at the fixpoint of the analysis (the
   * merge of all its paths), with the array rule on. Throws the AnalyzerException of the first
   * instruction that breaks it. Without loops, that frame is the one HotSpot's linear pass checks
   * the instruction with; with a back edge HotSpot may refuse an earlier, narrower frame, which
   * this misses (a missed error rather than a false one).
   */
  recheckAtFixpoint(method: MethodNode, frames: readonly (Frame<BasicValue> | null)[]): void {
    this.checksArraysForInterfaces = true;
    try {
      let index = 0;
      for (let insn = method.instructions.getFirst(); insn !== null; insn = insn.getNext(), index++) {
        const frame = frames[index];
        if (frame === null || frame === undefined || insn.getOpcode() < 0) continue;
        // The analysis passed this frame with the rule off: only the rule can fail now.
        new Frame<BasicValue>(frame).execute(insn, this);
      }
    } finally {
      this.checksArraysForInterfaces = false;
    }
  }

  /**
   * Whether `type` is an array of more dimensions than `expected`, an interface (or an array of
   * one) other than Cloneable and Serializable. SimpleVerifier accepts any reference where an
   * interface is expected; HotSpot's check_code.c (merge_fullinfo_types, for an assignment) does too
   * for classes and arrays of as many dimensions, but reduces an array of more dimensions to (an
   * array of) Object, which is assignable to such an interface only if it is Cloneable or
   * Serializable (JVMS §4.10.1.2: arrays implement those two alone). So `[Ljava/lang/String;`
   * passed for a Runnable, or `[[I` for a `[Ljava/lang/Comparable;`, is a VerifyError.
   */
  private isArrayForLowerInterface(type: Type | null, expected: Type | null): boolean {
    if (type === null || expected === null || type.getSort() !== Type.ARRAY) return false;
    if (expected.getSort() !== Type.OBJECT && expected.getSort() !== Type.ARRAY) return false;
    const element = type.getElementType();
    const dimensions = type.getDimensions() - (element.getSort() === Type.OBJECT ? 0 : 1);
    const expectedElement = expected.getSort() === Type.ARRAY ? expected.getElementType() : expected;
    const expectedDimensions = expected.getSort() === Type.ARRAY ? expected.getDimensions() : 0;
    if (expectedElement.getSort() !== Type.OBJECT || dimensions <= expectedDimensions) return false;
    const name = expectedElement.getInternalName();
    if (name === 'java/lang/Object' || name === 'java/lang/Cloneable' || name === 'java/io/Serializable') return false;
    return this.isInterface(expectedElement);
  }

  override merge(value1: BasicValue, value2: BasicValue): BasicValue {
    if (value1 instanceof UninitializedValue || value2 instanceof UninitializedValue) {
      return value1.equals(value2) ? value1 : BasicValue.UNINITIALIZED_VALUE;
    }
    return super.merge(value1, value2);
  }

  override unaryOperation(insn: AbstractInsnNode, value: BasicValue): BasicValue | null {
    const opcode = insn.getOpcode();
    if (value instanceof UninitializedValue && opcode !== Opcodes.IFNULL && opcode !== Opcodes.IFNONNULL) {
      throw new AnalyzerException(insn, 'Expecting to find object/array on stack', 'an initialized object', value);
    }
    if (opcode === Opcodes.ATHROW && !this.isSubTypeOf(value, this.newValue(THROWABLE_TYPE)!)) {
      throw new AnalyzerException(insn, 'Can only throw Throwable objects', THROWABLE_TYPE.getInternalName(), value);
    }
    return super.unaryOperation(insn, value);
  }

  override binaryOperation(insn: AbstractInsnNode, value1: BasicValue, value2: BasicValue): BasicValue | null {
    if (insn.getOpcode() === Opcodes.PUTFIELD && (value1 instanceof UninitializedValue || value2 instanceof UninitializedValue)) {
      // A constructor may set the fields its class declares before super() (JVMS §4.10.1.9
      // putfield); HotSpot's inference verifier then takes `this`, as the object or as the value
      // stored, for an object of the class.
      const field = insn as FieldInsnNode;
      const ownField = field.owner === this.className && this.classFields.has(`${field.name}:${field.desc}`);
      const asObject = (value: BasicValue): BasicValue => {
        if (!(value instanceof UninitializedValue)) return value;
        if (!value.isUninitializedThis() || !ownField) {
          throw new AnalyzerException(insn, 'Expecting to find object/array on stack', 'an initialized object', value);
        }
        return this.newValue(this.classType)!;
      };
      return super.binaryOperation(insn, asObject(value1), asObject(value2));
    }
    return super.binaryOperation(insn, value1, value2);
  }

  override ternaryOperation(insn: AbstractInsnNode, value1: BasicValue, value2: BasicValue, value3: BasicValue): BasicValue | null {
    if (insn.getOpcode() === Opcodes.AASTORE) {
      // ASM checks nothing of the array of an aastore; HotSpot wants an array of references.
      const type = value1.getType();
      const isNull = type !== null && type.getSort() === Type.OBJECT && type.getInternalName() === 'null';
      const isReferenceArray =
        type !== null && type.getSort() === Type.ARRAY && (type.getDimensions() > 1 || type.getElementType().getSort() === Type.OBJECT);
      if (value1 instanceof UninitializedValue || !(isNull || isReferenceArray)) {
        throw new AnalyzerException(insn, 'Expecting to find array of objects or arrays on stack', 'an array of references', value1);
      }
    }
    return super.ternaryOperation(insn, value1, value2, value3);
  }

  override naryOperation(insn: AbstractInsnNode, values: BasicValue[]): BasicValue | null {
    const opcode = insn.getOpcode();
    if (opcode === Opcodes.MULTIANEWARRAY || opcode === Opcodes.INVOKEDYNAMIC) return super.naryOperation(insn, values);
    const { owner, name } = insn as MethodInsnNode;
    if (name.charCodeAt(0) === 0x3c /* < */) {
      if (name !== '<init>' || opcode !== Opcodes.INVOKESPECIAL) {
        throw new AnalyzerException(insn, name === '<init>' ? 'Must call initializers using invokespecial' : `Illegal call to internal method ${name}`);
      }
      return super.naryOperation(insn, [this.initializedReceiver(insn as MethodInsnNode, values[0]!), ...values.slice(1)]);
    }
    if (opcode === Opcodes.INVOKESPECIAL) {
      if (owner !== this.className && !this.isSuperClassOfCurrent(owner)) {
        throw new AnalyzerException(insn, `Illegal use of nonvirtual function call: ${owner} is neither ${this.className} nor one of its super classes`);
      }
      if (!this.isSubTypeOf(values[0]!, this.newValue(this.classType)!)) {
        throw new AnalyzerException(insn, 'Incompatible object argument for invokespecial', this.newValue(this.classType), values[0]!);
      }
    }
    return super.naryOperation(insn, values);
  }

  /**
   * The receiver of an `invokespecial <init>`, checked to be an uninitialized object that this
   * constructor may initialize (JVMS §4.10.2.4), as the initialized object its owner makes.
   */
  private initializedReceiver(insn: MethodInsnNode, receiver: BasicValue): BasicValue {
    if (!(receiver instanceof UninitializedValue)) {
      throw new AnalyzerException(insn, 'Expecting to find uninitialized object on stack', 'an uninitialized object', receiver);
    }
    const owner = insn.owner;
    if (receiver.isUninitializedThis()) {
      if (owner !== this.className && owner !== this.currentSuperName) {
        throw new AnalyzerException(insn, `Call to wrong initialization method: ${owner}.<init> on this, of class ${this.className}`);
      }
    } else if (receiver.getType()!.getInternalName() !== owner) {
      throw new AnalyzerException(
        insn,
        `Call to wrong initialization method: ${owner}.<init> on a new ${receiver.getType()!.getInternalName()}`,
      );
    }
    return this.newValue(Type.getObjectType(owner))!;
  }

  /** Checks that an exception handler's catch type is a Throwable, as check_code.c does for every handler first. */
  checkCatchType(catchType: string): void {
    const value = this.newValue(Type.getObjectType(catchType))!;
    if (!this.isSubTypeOf(value, this.newValue(THROWABLE_TYPE)!)) {
      throw new AnalyzerException(null, `catch_type not a subclass of Throwable: ${catchType}`);
    }
  }

  /** Whether `owner` is a (direct or indirect) super class of the class being verified. */
  private isSuperClassOfCurrent(owner: string): boolean {
    let current = this.currentSuperName === null ? null : Type.getObjectType(this.currentSuperName);
    for (let depth = 0; current !== null && depth < 1000; depth++) {
      if (current.getInternalName() === owner) return true;
      current = this.getSuperClass(current);
    }
    return false;
  }
}
