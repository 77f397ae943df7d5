// # CheckMethodAdapter: checks the calls made to a MethodVisitor (JVMS §4.6, §4.7.3, chapter 6)
//
// Each call is checked on its own arguments (an opcode valid for that visit method, names,
// descriptors, operand ranges, LDC constants of the class version…) and against the order of
// the visit: instructions only between visitCode and visitMaxs, each label visited once, a
// try-catch block before its labels, local variable and line number labels already visited,
// every referenced label visited by visitMaxs, nothing after visitEnd.
//
// With the data-flow constructor `(access, name, descriptor, methodVisitor, labelInsnIndices)`,
// the method is also collected into a MethodNode and type-checked at visitEnd with an Analyzer
// over a BasicVerifier, as ASM does; an error there is an IllegalArgumentException whose message
// holds the analyzer's message and a dump of the method with the frame of each instruction.

import { Analyzer } from '../analysis/analyzer.js';
import { AnalyzerException } from '../analysis/analyzer-exception.js';
import type { BasicValue } from '../analysis/basic-value.js';
import { BasicVerifier } from '../analysis/basic-verifier.js';
import type { AnnotationVisitor } from '../asm/annotation-visitor.js';
import type { Attribute } from '../asm/attribute.js';
import { Handle } from '../asm/handle.js';
import type { ConstantValue } from '../asm/java-values.js';
import { Label } from '../asm/label.js';
import { type FrameElement, MethodVisitor } from '../asm/method-visitor.js';
import { Opcodes } from '../asm/opcodes.js';
import { ClassWriter } from '../asm/class-writer.js';
import type { TypePath } from '../asm/type-path.js';
import { MethodNode } from '../tree/method-node.js';
import { TypeReference } from '../asm/type-reference.js';
import { CheckAnnotationAdapter } from './check-annotation-adapter.js';
import { CheckFrameAnalyzer } from './check-frame-analyzer.js';
import { IllegalArgumentException, IllegalStateException, UnsupportedOperationException } from './check-errors.js';
import {
  checkAccess,
  checkConstant,
  checkDescriptor,
  checkFieldSignature,
  checkIdentifier,
  checkInternalName,
  checkLdcConstant,
  checkMethodDescriptor,
  checkMethodIdentifier,
  checkTypeRef,
  checkTypeRefSort,
  checkUnqualifiedName,
  describeValue,
} from './check-support.js';
import { Printer, type PrintWriter } from './printer.js';
import { StringWriter } from './string-writer.js';
import { Textifier } from './textifier.js';
import { TraceMethodVisitor } from './trace-method-visitor.js';
import { varargsOf } from '../asm/varargs.js';

// ## Which visit method each opcode belongs to

// The generic visit methods, those that take an opcode (0: the opcode has a dedicated method or is
// not a JVM instruction at all, e.g. LDC, ILOAD_0, TABLESWITCH, WIDE).
const VISIT_INSN = 1;
const VISIT_INT_INSN = 2;
const VISIT_VAR_INSN = 3;
const VISIT_TYPE_INSN = 4;
const VISIT_FIELD_INSN = 5;
const VISIT_METHOD_INSN = 6;
const VISIT_JUMP_INSN = 7;
const METHOD_NAMES = [
  '(a dedicated visit method)',
  'visitInsn',
  'visitIntInsn',
  'visitVarInsn',
  'visitTypeInsn',
  'visitFieldInsn',
  'visitMethodInsn',
  'visitJumpInsn',
];

/** The visit method of each opcode from NOP to IFNONNULL (JVMS §7, "Opcode Mnemonics by Opcode"). */
const OPCODE_METHODS: Uint8Array = (() => {
  const table = new Uint8Array(Opcodes.IFNONNULL + 1);
  const set = (from: number, to: number, method: number): void => {
    table.fill(method, from, to + 1);
  };
  set(Opcodes.NOP, Opcodes.DCONST_1, VISIT_INSN);
  set(Opcodes.BIPUSH, Opcodes.SIPUSH, VISIT_INT_INSN);
  set(Opcodes.ILOAD, Opcodes.ALOAD, VISIT_VAR_INSN);
  set(Opcodes.IALOAD, Opcodes.SALOAD, VISIT_INSN);
  set(Opcodes.ISTORE, Opcodes.ASTORE, VISIT_VAR_INSN);
  set(Opcodes.IASTORE, Opcodes.LXOR, VISIT_INSN);
  set(Opcodes.I2L, Opcodes.DCMPG, VISIT_INSN);
  set(Opcodes.IFEQ, Opcodes.JSR, VISIT_JUMP_INSN);
  set(Opcodes.RET, Opcodes.RET, VISIT_VAR_INSN);
  set(Opcodes.IRETURN, Opcodes.RETURN, VISIT_INSN);
  set(Opcodes.GETSTATIC, Opcodes.PUTFIELD, VISIT_FIELD_INSN);
  set(Opcodes.INVOKEVIRTUAL, Opcodes.INVOKEINTERFACE, VISIT_METHOD_INSN);
  set(Opcodes.NEW, Opcodes.NEW, VISIT_TYPE_INSN);
  set(Opcodes.NEWARRAY, Opcodes.NEWARRAY, VISIT_INT_INSN);
  set(Opcodes.ANEWARRAY, Opcodes.ANEWARRAY, VISIT_TYPE_INSN);
  set(Opcodes.ARRAYLENGTH, Opcodes.ATHROW, VISIT_INSN);
  set(Opcodes.CHECKCAST, Opcodes.INSTANCEOF, VISIT_TYPE_INSN);
  set(Opcodes.MONITORENTER, Opcodes.MONITOREXIT, VISIT_INSN);
  set(Opcodes.IFNULL, Opcodes.IFNONNULL, VISIT_JUMP_INSN);
  return table;
})();

const INVALID_LOCAL_VARIABLE_INDEX = 'Invalid local variable index';
const START_LABEL = 'start label';
const END_LABEL = 'end label';
const LABEL = 'label';

/**
 * A MethodVisitor that checks that its methods are called in a valid order with valid arguments,
 * then forwards them. Errors are IllegalArgumentException (bad argument),
 * IllegalStateException (call out of order) or UnsupportedOperationException (code in an
 * abstract method), from check-errors.ts.
 *
 * Constructors, as in ASM:
 * - `new CheckMethodAdapter(methodVisitor, labelInsnIndices?)`: no data-flow check;
 * - `new CheckMethodAdapter(api, methodVisitor, labelInsnIndices)`: the same, for subclasses;
 * - `new CheckMethodAdapter(access, name, descriptor, methodVisitor, labelInsnIndices)` and
 *   `new CheckMethodAdapter(api, access, name, descriptor, methodVisitor, labelInsnIndices)`:
 *   also a data-flow check at visitEnd: the method is analysed with a BasicVerifier; max stack and
 *   max locals, and the stack map frames (CheckFrameAnalyzer), are checked too when
 *   `methodVisitor` is a MethodWriterWrapper of a ClassWriter that does not compute them.
 */
export class CheckMethodAdapter extends MethodVisitor {
  /** The version of the class holding the method: name rules and LDC constants depend on it. */
  version: number;
  /** @internal The method's access flags, when known (data-flow constructors, CheckClassAdapter). */
  access: number;
  /** The number of parameters that may have visible annotations; 0: all of them. */
  private visibleAnnotableParameterCount: number;
  /** The number of parameters that may have invisible annotations; 0: all of them. */
  private invisibleAnnotableParameterCount: number;
  private visitCodeCalled: boolean;
  private visitMaxCalled: boolean;
  private visitEndCalled: boolean;
  /** The number of instructions visited so far. */
  private insnCount: number;
  /**
   * The instruction index of each visited label, shared with the other methods of the class so
   * that a label used in two methods is caught.
   */
  private readonly labelInsnIndices: Map<Label, number>;
  /** Every label referenced so far, with where it was first referenced. */
  private readonly referencedLabels: Map<Label, string>;
  /** The instruction index of the last visited frame (-1: none). */
  private lastFrameInsnIndex: number;
  private numExpandedFrames: number;
  private numCompressedFrames: number;
  /** Start and end labels of each try-catch block, in pairs. */
  private readonly handlers: Label[];

  constructor(methodVisitor: MethodVisitor | null, labelInsnIndices?: Map<Label, number>);
  constructor(api: number, methodVisitor: MethodVisitor | null, labelInsnIndices: Map<Label, number>);
  constructor(
    access: number,
    name: string,
    descriptor: string,
    methodVisitor: MethodVisitor | null,
    labelInsnIndices: Map<Label, number>,
  );
  constructor(
    api: number,
    access: number,
    name: string,
    descriptor: string,
    methodVisitor: MethodVisitor | null,
    labelInsnIndices: Map<Label, number>,
  );
  constructor(...args: unknown[]) {
    let api = Opcodes.ASM9;
    let withApi = true;
    let dataFlow: { access: number; name: string; descriptor: string } | null = null;
    let methodVisitor: MethodVisitor | null;
    let labelInsnIndices: Map<Label, number> | undefined;
    if (typeof args[0] !== 'number') {
      withApi = false;
      methodVisitor = (args[0] ?? null) as MethodVisitor | null;
      labelInsnIndices = args[1] as Map<Label, number> | undefined;
    } else if (typeof args[1] === 'string') {
      withApi = false;
      dataFlow = { access: args[0], name: args[1], descriptor: args[2] as string };
      methodVisitor = (args[3] ?? null) as MethodVisitor | null;
      labelInsnIndices = args[4] as Map<Label, number> | undefined;
    } else if (typeof args[1] === 'number') {
      api = args[0];
      dataFlow = { access: args[1], name: args[2] as string, descriptor: args[3] as string };
      methodVisitor = (args[4] ?? null) as MethodVisitor | null;
      labelInsnIndices = args[5] as Map<Label, number> | undefined;
    } else {
      api = args[0];
      methodVisitor = (args[1] ?? null) as MethodVisitor | null;
      labelInsnIndices = args[2] as Map<Label, number> | undefined;
    }
    let delegate = methodVisitor;
    if (dataFlow !== null) {
      delegate = new DataFlowCheckingMethodNode(api, dataFlow.access, dataFlow.name, dataFlow.descriptor, methodVisitor);
    }
    super(api, delegate);
    if (!withApi && new.target !== CheckMethodAdapter) {
      throw new IllegalStateException('subclasses of CheckMethodAdapter must pass an api');
    }
    this.version = 0;
    this.access = dataFlow === null ? 0 : dataFlow.access;
    this.visibleAnnotableParameterCount = 0;
    this.invisibleAnnotableParameterCount = 0;
    this.visitCodeCalled = false;
    this.visitMaxCalled = false;
    this.visitEndCalled = false;
    this.insnCount = 0;
    this.labelInsnIndices = labelInsnIndices ?? new Map();
    this.referencedLabels = new Map();
    this.lastFrameInsnIndex = -1;
    this.numExpandedFrames = 0;
    this.numCompressedFrames = 0;
    this.handlers = [];
  }

  // ## Static checks, public as ASM's package-private statics are used across its util package

  static readonly checkUnqualifiedName = checkUnqualifiedName;
  static readonly checkIdentifier = checkIdentifier;
  static readonly checkMethodIdentifier = checkMethodIdentifier;
  static readonly checkInternalName = checkInternalName;
  static readonly checkDescriptor = checkDescriptor;
  static readonly checkMethodDescriptor = checkMethodDescriptor;
  static readonly checkConstant = checkConstant;

  // ## Parameters, annotations, attributes

  override visitParameter(name: string | null, access: number): void {
    this.checkVisitEndNotCalled();
    if (name !== null && name !== undefined) {
      checkUnqualifiedName(this.version, name, 'name');
    }
    checkAccess(access, Opcodes.ACC_FINAL | Opcodes.ACC_MANDATED | Opcodes.ACC_SYNTHETIC);
    super.visitParameter(name, access);
  }

  override visitAnnotation(descriptor: string, visible: boolean): AnnotationVisitor {
    this.checkVisitEndNotCalled();
    checkDescriptor(this.version, descriptor, false);
    return new CheckAnnotationAdapter(super.visitAnnotation(descriptor, visible));
  }

  override visitTypeAnnotation(
    typeRef: number,
    typePath: TypePath | null,
    descriptor: string,
    visible: boolean,
  ): AnnotationVisitor {
    this.checkVisitEndNotCalled();
    checkTypeRefSort(typeRef, [
      TypeReference.METHOD_TYPE_PARAMETER,
      TypeReference.METHOD_TYPE_PARAMETER_BOUND,
      TypeReference.METHOD_RETURN,
      TypeReference.METHOD_RECEIVER,
      TypeReference.METHOD_FORMAL_PARAMETER,
      TypeReference.THROWS,
    ]);
    checkTypeRef(typeRef);
    checkDescriptor(this.version, descriptor, false);
    return new CheckAnnotationAdapter(super.visitTypeAnnotation(typeRef, typePath, descriptor, visible));
  }

  override visitAnnotationDefault(): AnnotationVisitor {
    this.checkVisitEndNotCalled();
    return new CheckAnnotationAdapter(super.visitAnnotationDefault(), false);
  }

  override visitAnnotableParameterCount(parameterCount: number, visible: boolean): void {
    this.checkVisitEndNotCalled();
    if (visible) {
      this.visibleAnnotableParameterCount = parameterCount;
    } else {
      this.invisibleAnnotableParameterCount = parameterCount;
    }
    super.visitAnnotableParameterCount(parameterCount, visible);
  }

  override visitParameterAnnotation(parameter: number, descriptor: string, visible: boolean): AnnotationVisitor {
    this.checkVisitEndNotCalled();
    const count = visible ? this.visibleAnnotableParameterCount : this.invisibleAnnotableParameterCount;
    if (count > 0 && parameter >= count) {
      throw new IllegalArgumentException(
        `Invalid parameter index ${parameter} (visitAnnotableParameterCount gave ${count} ${visible ? 'visible' : 'invisible'} parameters)`,
      );
    }
    checkDescriptor(this.version, descriptor, false);
    return new CheckAnnotationAdapter(super.visitParameterAnnotation(parameter, descriptor, visible));
  }

  override visitAttribute(attribute: Attribute): void {
    this.checkVisitEndNotCalled();
    if (attribute === null || attribute === undefined) {
      throw new IllegalArgumentException('Invalid attribute (must not be null)');
    }
    super.visitAttribute(attribute);
  }

  // ## Code

  override visitCode(): void {
    if ((this.access & Opcodes.ACC_ABSTRACT) !== 0) {
      throw new UnsupportedOperationException('Abstract methods cannot have code');
    }
    // Beyond ASM: JVMS §4.7.3, native methods have no Code attribute either.
    if ((this.access & Opcodes.ACC_NATIVE) !== 0) {
      throw new UnsupportedOperationException('Native methods cannot have code');
    }
    // Beyond ASM: a second visitCode, or one after visitEnd, would start a second Code attribute.
    this.checkVisitEndNotCalled();
    if (this.visitCodeCalled) {
      throw new IllegalStateException('visitCode must be called only once');
    }
    this.visitCodeCalled = true;
    super.visitCode();
  }

  override visitFrame(
    type: number,
    numLocal: number,
    local: FrameElement[] | null,
    numStack: number,
    stack: FrameElement[] | null,
  ): void {
    this.checkInsnState();
    if (this.insnCount === this.lastFrameInsnIndex) {
      throw new IllegalStateException('At most one frame can be visited at a given code location.');
    }
    let maxNumLocal: number;
    let maxNumStack: number;
    switch (type) {
      case Opcodes.F_NEW:
      case Opcodes.F_FULL:
        maxNumLocal = Number.MAX_SAFE_INTEGER;
        maxNumStack = Number.MAX_SAFE_INTEGER;
        break;
      case Opcodes.F_SAME:
        maxNumLocal = 0;
        maxNumStack = 0;
        break;
      case Opcodes.F_SAME1:
        maxNumLocal = 0;
        maxNumStack = 1;
        break;
      case Opcodes.F_APPEND:
      case Opcodes.F_CHOP:
        // JVMS §4.7.4: append_frame and chop_frame add or remove 1 to 3 locals.
        maxNumLocal = 3;
        maxNumStack = 0;
        break;
      default:
        throw new IllegalArgumentException(`Invalid frame type ${type}`);
    }
    if (numLocal > maxNumLocal) {
      throw new IllegalArgumentException(`Invalid numLocal=${numLocal} for frame type ${type}`);
    }
    if (numStack > maxNumStack) {
      throw new IllegalArgumentException(`Invalid numStack=${numStack} for frame type ${type}`);
    }
    if (type !== Opcodes.F_CHOP) {
      if (numLocal > 0 && (local === null || local === undefined || local.length < numLocal)) {
        throw new IllegalArgumentException('Array local[] is shorter than numLocal');
      }
      for (let i = 0; i < numLocal; ++i) {
        this.checkFrameValue(local![i]);
      }
    }
    if (numStack > 0 && (stack === null || stack === undefined || stack.length < numStack)) {
      throw new IllegalArgumentException('Array stack[] is shorter than numStack');
    }
    for (let i = 0; i < numStack; ++i) {
      this.checkFrameValue(stack![i]);
    }
    if (type === Opcodes.F_NEW) {
      ++this.numExpandedFrames;
    } else {
      ++this.numCompressedFrames;
    }
    if (this.numExpandedFrames > 0 && this.numCompressedFrames > 0) {
      throw new IllegalArgumentException('Expanded and compressed frames must not be mixed.');
    }
    // Recorded once the frame is accepted, so that a rejected frame does not block the next one.
    this.lastFrameInsnIndex = this.insnCount;
    super.visitFrame(type, numLocal, local, numStack, stack);
  }

  override visitInsn(opcode: number): void {
    this.checkInsnState();
    checkOpcodeMethod(opcode, VISIT_INSN);
    super.visitInsn(opcode);
    ++this.insnCount;
  }

  override visitIntInsn(opcode: number, operand: number): void {
    this.checkInsnState();
    checkOpcodeMethod(opcode, VISIT_INT_INSN);
    switch (opcode) {
      case Opcodes.BIPUSH:
        checkSignedByte(operand, 'Invalid operand of BIPUSH');
        break;
      case Opcodes.SIPUSH:
        checkSignedShort(operand, 'Invalid operand of SIPUSH');
        break;
      default:
        // NEWARRAY: the atype of JVMS §6.5.newarray, T_BOOLEAN (4) to T_LONG (11).
        if (!Number.isInteger(operand) || operand < Opcodes.T_BOOLEAN || operand > Opcodes.T_LONG) {
          throw new IllegalArgumentException(`Invalid operand (must be an array type code T_...): ${operand}`);
        }
        break;
    }
    super.visitIntInsn(opcode, operand);
    ++this.insnCount;
  }

  override visitVarInsn(opcode: number, varIndex: number): void {
    this.checkInsnState();
    checkOpcodeMethod(opcode, VISIT_VAR_INSN);
    checkUnsignedShort(varIndex, INVALID_LOCAL_VARIABLE_INDEX);
    super.visitVarInsn(opcode, varIndex);
    ++this.insnCount;
  }

  override visitTypeInsn(opcode: number, type: string): void {
    this.checkInsnState();
    checkOpcodeMethod(opcode, VISIT_TYPE_INSN);
    checkInternalName(this.version, type, 'type');
    if (opcode === Opcodes.NEW && type.charAt(0) === '[') {
      throw new IllegalArgumentException(`NEW cannot be used to create arrays: ${type}`);
    }
    super.visitTypeInsn(opcode, type);
    ++this.insnCount;
  }

  override visitFieldInsn(opcode: number, owner: string, name: string, descriptor: string): void {
    this.checkInsnState();
    checkOpcodeMethod(opcode, VISIT_FIELD_INSN);
    checkInternalName(this.version, owner, 'owner');
    checkUnqualifiedName(this.version, name, 'name');
    checkDescriptor(this.version, descriptor, false);
    super.visitFieldInsn(opcode, owner, name, descriptor);
    ++this.insnCount;
  }

  override visitMethodInsn(
    opcodeAndSource: number,
    owner: string,
    name: string,
    descriptor: string,
    isInterface?: boolean,
  ): void {
    const opcode = opcodeAndSource & ~Opcodes.SOURCE_MASK;
    const itf = isInterface ?? opcode === Opcodes.INVOKEINTERFACE;
    this.checkInsnState();
    checkOpcodeMethod(opcode, VISIT_METHOD_INSN);
    if (opcode !== Opcodes.INVOKESPECIAL || name !== '<init>') {
      checkMethodIdentifier(this.version, name, 'name');
    }
    checkInternalName(this.version, owner, 'owner');
    checkMethodDescriptor(this.version, descriptor);
    if (opcode === Opcodes.INVOKEVIRTUAL && itf) {
      throw new IllegalArgumentException(`INVOKEVIRTUAL can't be used with interfaces: ${owner}.${name}${descriptor}`);
    }
    if (opcode === Opcodes.INVOKEINTERFACE && !itf) {
      throw new IllegalArgumentException(`INVOKEINTERFACE can't be used with classes: ${owner}.${name}${descriptor}`);
    }
    // JVMS §4.9.1: invokespecial of an interface method needs class version 52.
    if (opcode === Opcodes.INVOKESPECIAL && itf && (this.version & 0xffff) < Opcodes.V1_8) {
      throw new IllegalArgumentException("INVOKESPECIAL can't be used with interfaces prior to Java 8");
    }
    super.visitMethodInsn(opcodeAndSource, owner, name, descriptor, itf);
    ++this.insnCount;
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
    this.checkInsnState();
    checkMethodIdentifier(this.version, name, 'name');
    checkMethodDescriptor(this.version, descriptor);
    if (!(bootstrapMethodHandle instanceof Handle)) {
      throw new IllegalArgumentException(`Invalid bootstrap method handle: ${describeValue(bootstrapMethodHandle)}`);
    }
    const tag = bootstrapMethodHandle.getTag();
    if (tag !== Opcodes.H_INVOKESTATIC && tag !== Opcodes.H_NEWINVOKESPECIAL) {
      throw new IllegalArgumentException(`invalid handle tag ${tag}`);
    }
    for (const argument of bootstrapMethodArguments) {
      checkLdcConstant(this.version, argument);
    }
    super.visitInvokeDynamicInsn(name, descriptor, bootstrapMethodHandle, bootstrapMethodArguments);
    ++this.insnCount;
  }

  override visitJumpInsn(opcode: number, label: Label): void {
    this.checkInsnState();
    checkOpcodeMethod(opcode, VISIT_JUMP_INSN);
    this.checkLabel(label, false, `${LABEL} of ${Printer.OPCODES[opcode]}`);
    super.visitJumpInsn(opcode, label);
    ++this.insnCount;
  }

  override visitLabel(label: Label): void {
    this.checkInsnState();
    this.checkLabel(label, false, LABEL);
    if (this.labelInsnIndices.has(label)) {
      throw new IllegalStateException(`Already visited label ${label}`);
    }
    this.labelInsnIndices.set(label, this.insnCount);
    super.visitLabel(label);
  }

  override visitLdcInsn(value: ConstantValue): void {
    this.checkInsnState();
    checkLdcConstant(this.version, value);
    super.visitLdcInsn(value);
    ++this.insnCount;
  }

  override visitIincInsn(varIndex: number, increment: number): void {
    this.checkInsnState();
    checkUnsignedShort(varIndex, INVALID_LOCAL_VARIABLE_INDEX);
    checkSignedShort(increment, 'Invalid increment');
    super.visitIincInsn(varIndex, increment);
    ++this.insnCount;
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
    this.checkInsnState();
    if (max < min) {
      throw new IllegalArgumentException(`Max = ${max} must be greater than or equal to min = ${min}`);
    }
    this.checkLabel(dflt, false, 'default label');
    if (labels === null || labels === undefined || labels.length !== max - min + 1) {
      throw new IllegalArgumentException('There must be max - min + 1 labels');
    }
    for (let i = 0; i < labels.length; ++i) {
      this.checkLabel(labels[i]!, false, `label at index ${i}`);
    }
    super.visitTableSwitchInsn(min, max, dflt, labels);
    ++this.insnCount;
  }

  override visitLookupSwitchInsn(dflt: Label, keys: number[], labels: Label[]): void {
    this.checkInsnState();
    this.checkLabel(dflt, false, 'default label');
    if (keys === null || keys === undefined || labels === null || labels === undefined || keys.length !== labels.length) {
      throw new IllegalArgumentException('There must be the same number of keys and labels');
    }
    for (let i = 1; i < keys.length; ++i) {
      if (keys[i]! < keys[i - 1]!) {
        throw new IllegalArgumentException('The keys must be sorted in increasing order');
      }
    }
    for (let i = 0; i < labels.length; ++i) {
      this.checkLabel(labels[i]!, false, `label at index ${i}`);
    }
    super.visitLookupSwitchInsn(dflt, keys, labels);
    ++this.insnCount;
  }

  override visitMultiANewArrayInsn(descriptor: string, numDimensions: number): void {
    this.checkInsnState();
    checkDescriptor(this.version, descriptor, false);
    if (descriptor.charAt(0) !== '[') {
      throw new IllegalArgumentException(`Invalid descriptor (must be an array type descriptor): ${descriptor}`);
    }
    if (numDimensions < 1) {
      throw new IllegalArgumentException(`Invalid dimensions (must be greater than 0): ${numDimensions}`);
    }
    if (numDimensions > descriptor.lastIndexOf('[') + 1) {
      throw new IllegalArgumentException(
        `Invalid dimensions (must not be greater than numDimensions(descriptor)): ${numDimensions}`,
      );
    }
    super.visitMultiANewArrayInsn(descriptor, numDimensions);
    ++this.insnCount;
  }

  override visitInsnAnnotation(
    typeRef: number,
    typePath: TypePath | null,
    descriptor: string,
    visible: boolean,
  ): AnnotationVisitor {
    this.checkInsnState();
    checkTypeRefSort(typeRef, [
      TypeReference.INSTANCEOF,
      TypeReference.NEW,
      TypeReference.CONSTRUCTOR_REFERENCE,
      TypeReference.METHOD_REFERENCE,
      TypeReference.CAST,
      TypeReference.CONSTRUCTOR_INVOCATION_TYPE_ARGUMENT,
      TypeReference.METHOD_INVOCATION_TYPE_ARGUMENT,
      TypeReference.CONSTRUCTOR_REFERENCE_TYPE_ARGUMENT,
      TypeReference.METHOD_REFERENCE_TYPE_ARGUMENT,
    ]);
    checkTypeRef(typeRef);
    checkDescriptor(this.version, descriptor, false);
    return new CheckAnnotationAdapter(super.visitInsnAnnotation(typeRef, typePath, descriptor, visible));
  }

  override visitTryCatchBlock(start: Label, end: Label, handler: Label, type: string | null = null): void {
    this.checkInsnState();
    this.checkLabel(start, false, `${START_LABEL} of try catch block ${this.handlers.length / 2}`);
    this.checkLabel(end, false, `${END_LABEL} of try catch block ${this.handlers.length / 2}`);
    this.checkLabel(handler, false, `handler label of try catch block ${this.handlers.length / 2}`);
    if (this.labelInsnIndices.has(start) || this.labelInsnIndices.has(end) || this.labelInsnIndices.has(handler)) {
      throw new IllegalStateException('Try catch blocks must be visited before their labels');
    }
    if (type !== null && type !== undefined) {
      checkInternalName(this.version, type, 'type');
    }
    super.visitTryCatchBlock(start, end, handler, type);
    this.handlers.push(start, end);
  }

  override visitTryCatchAnnotation(
    typeRef: number,
    typePath: TypePath | null,
    descriptor: string,
    visible: boolean,
  ): AnnotationVisitor {
    this.checkInsnState();
    checkTypeRefSort(typeRef, [TypeReference.EXCEPTION_PARAMETER]);
    checkTypeRef(typeRef);
    checkDescriptor(this.version, descriptor, false);
    return new CheckAnnotationAdapter(super.visitTryCatchAnnotation(typeRef, typePath, descriptor, visible));
  }

  override visitLocalVariable(
    name: string,
    descriptor: string,
    signature: string | null,
    start: Label,
    end: Label,
    index: number,
  ): void {
    this.checkInsnState();
    checkUnqualifiedName(this.version, name, 'name');
    checkDescriptor(this.version, descriptor, false);
    if (signature !== null && signature !== undefined) {
      checkFieldSignature(signature);
    }
    this.checkLabel(start, true, START_LABEL);
    this.checkLabel(end, true, END_LABEL);
    checkUnsignedShort(index, INVALID_LOCAL_VARIABLE_INDEX);
    if (this.labelInsnIndices.get(end)! < this.labelInsnIndices.get(start)!) {
      throw new IllegalArgumentException(
        `Invalid start and end labels of local variable ${name} (end must be greater than start)`,
      );
    }
    super.visitLocalVariable(name, descriptor, signature, start, end, index);
  }

  override visitLocalVariableAnnotation(
    typeRef: number,
    typePath: TypePath | null,
    start: Label[],
    end: Label[],
    index: number[],
    descriptor: string,
    visible: boolean,
  ): AnnotationVisitor {
    this.checkInsnState();
    checkTypeRefSort(typeRef, [TypeReference.LOCAL_VARIABLE, TypeReference.RESOURCE_VARIABLE]);
    checkTypeRef(typeRef);
    checkDescriptor(this.version, descriptor, false);
    if (
      start === null ||
      start === undefined ||
      end === null ||
      end === undefined ||
      index === null ||
      index === undefined ||
      end.length !== start.length ||
      index.length !== start.length
    ) {
      throw new IllegalArgumentException(
        'Invalid start, end and index arrays (must be non null and of identical length)',
      );
    }
    for (let i = 0; i < start.length; ++i) {
      this.checkLabel(start[i]!, true, START_LABEL);
      this.checkLabel(end[i]!, true, END_LABEL);
      checkUnsignedShort(index[i]!, INVALID_LOCAL_VARIABLE_INDEX);
      if (this.labelInsnIndices.get(end[i]!)! < this.labelInsnIndices.get(start[i]!)!) {
        throw new IllegalArgumentException('Invalid start and end labels (end must be greater than start)');
      }
    }
    return new CheckAnnotationAdapter(
      super.visitLocalVariableAnnotation(typeRef, typePath, start, end, index, descriptor, visible),
    );
  }

  override visitLineNumber(line: number, start: Label): void {
    this.checkInsnState();
    checkUnsignedShort(line, 'Invalid line number');
    this.checkLabel(start, true, START_LABEL);
    super.visitLineNumber(line, start);
  }

  override visitMaxs(maxStack: number, maxLocals: number): void {
    this.checkInsnState();
    this.visitMaxCalled = true;
    for (const [label, usage] of this.referencedLabels) {
      if (!this.labelInsnIndices.has(label)) {
        throw new IllegalStateException(`Undefined label used: the ${usage} was never visited (visitLabel)`);
      }
    }
    for (let i = 0; i < this.handlers.length; i += 2) {
      const startInsnIndex = this.labelInsnIndices.get(this.handlers[i]!)!;
      const endInsnIndex = this.labelInsnIndices.get(this.handlers[i + 1]!)!;
      if (endInsnIndex <= startInsnIndex) {
        throw new IllegalStateException(`Empty try catch block handler range (try catch block ${i / 2})`);
      }
    }
    checkUnsignedShort(maxStack, 'Invalid max stack');
    checkUnsignedShort(maxLocals, 'Invalid max locals');
    super.visitMaxs(maxStack, maxLocals);
  }

  override visitEnd(): void {
    this.checkVisitEndNotCalled();
    // Beyond ASM: a Code attribute is only complete once visitMaxs has been called.
    if (this.visitCodeCalled && !this.visitMaxCalled) {
      throw new IllegalStateException('visitMaxs must be called before visitEnd when visitCode has been called');
    }
    this.visitEndCalled = true;
    super.visitEnd();
  }

  /** @internal Whether visitEnd has been called (CheckClassAdapter checks it at its own visitEnd). */
  isVisitEndCalled(): boolean {
    return this.visitEndCalled;
  }

  // ## Helpers

  /** Instructions and code elements: after visitCode, before visitMaxs and visitEnd. */
  private checkInsnState(): void {
    if (!this.visitCodeCalled) {
      throw new IllegalStateException('Cannot visit instructions before visitCode has been called.');
    }
    if (this.visitMaxCalled) {
      throw new IllegalStateException('Cannot visit instructions after visitMaxs has been called.');
    }
  }

  private checkVisitEndNotCalled(): void {
    if (this.visitEndCalled) {
      throw new IllegalStateException('Cannot visit elements after visitEnd has been called.');
    }
  }

  /** A verification_type_info of JVMS §4.7.4: TOP…UNINITIALIZED_THIS, an internal name or a Label. */
  private checkFrameValue(value: FrameElement): void {
    if (typeof value === 'number') {
      if (Number.isInteger(value) && value >= Opcodes.TOP && value <= Opcodes.UNINITIALIZED_THIS) {
        return;
      }
    } else if (typeof value === 'string') {
      checkInternalName(this.version, value, 'stack frame value');
      return;
    } else if (value instanceof Label) {
      this.checkLabel(value, false, 'label of an uninitialized frame value');
      return;
    }
    throw new IllegalArgumentException(`Invalid stack frame value: ${describeValue(value)}`);
  }

  /** Checks a label argument, optionally already visited, and records it as referenced. */
  private checkLabel(label: Label, checkVisited: boolean, message: string): void {
    if (!(label instanceof Label)) {
      throw new IllegalArgumentException(`Invalid ${message} (must not be null)`);
    }
    if (checkVisited && !this.labelInsnIndices.has(label)) {
      throw new IllegalArgumentException(`Invalid ${message} (must be visited first)`);
    }
    if (!this.referencedLabels.has(label)) {
      this.referencedLabels.set(label, `${message} ${label} (first used at instruction ${this.insnCount})`);
    }
  }
}

/** Throws unless `opcode` is a JVM opcode visited by `method`. */
function checkOpcodeMethod(opcode: number, method: number): void {
  if (!Number.isInteger(opcode) || opcode < Opcodes.NOP || opcode > Opcodes.IFNONNULL) {
    throw new IllegalArgumentException(`Invalid opcode: ${opcode}`);
  }
  if (OPCODE_METHODS[opcode] !== method) {
    throw new IllegalArgumentException(
      `Invalid combination of opcode and method: ${opcode} (${Printer.OPCODES[opcode]}), ${METHOD_NAMES[method]}` +
        ` (${Printer.OPCODES[opcode]} goes to ${METHOD_NAMES[OPCODE_METHODS[opcode]!]})`,
    );
  }
}

function checkSignedByte(value: number, message: string): void {
  if (!Number.isInteger(value) || value < -128 || value > 127) {
    throw new IllegalArgumentException(`${message} (must be a signed byte): ${value}`);
  }
}

function checkSignedShort(value: number, message: string): void {
  if (!Number.isInteger(value) || value < -32768 || value > 32767) {
    throw new IllegalArgumentException(`${message} (must be a signed short): ${value}`);
  }
}

function checkUnsignedShort(value: number, message: string): void {
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new IllegalArgumentException(`${message} (must be an unsigned short): ${value}`);
  }
}

// ## The data-flow check

/**
 * Forwards to a MethodWriter and tells the data-flow check what its ClassWriter computes:
 * max stack and locals given by the caller are only checked when the writer does not compute
 * them. CheckClassAdapter puts one in front of each MethodWriter in data-flow mode.
 */
export class MethodWriterWrapper extends MethodVisitor {
  /** The class version: frames are required from version 50 on (JVMS §4.10.1). */
  private readonly version: number;
  private readonly owner: ClassWriter;

  constructor(api: number, version: number, owner: ClassWriter, methodWriter: MethodVisitor | null) {
    super(api, methodWriter);
    this.version = version;
    this.owner = owner;
  }

  computesMaxs(): boolean {
    return this.owner.hasFlags(ClassWriter.COMPUTE_MAXS) || this.owner.hasFlags(ClassWriter.COMPUTE_FRAMES);
  }

  computesFrames(): boolean {
    return this.owner.hasFlags(ClassWriter.COMPUTE_FRAMES);
  }

  requiresFrames(): boolean {
    return (this.version & 0xffff) >= Opcodes.V1_7;
  }
}

/**
 * Collects the method, runs an Analyzer with a BasicVerifier over it at visitEnd, then replays it
 * to the real delegate. In front of a MethodWriterWrapper whose writer needs frames (version 51+)
 * and does not compute them, a CheckFrameAnalyzer also checks the visited frames.
 */
class DataFlowCheckingMethodNode extends MethodNode {
  private readonly target: MethodVisitor | null;

  constructor(api: number, access: number, name: string, descriptor: string, target: MethodVisitor | null) {
    super(api, access, name, descriptor, null, null);
    this.target = target;
  }

  override visitEnd(): void {
    const originalMaxLocals = this.maxLocals;
    const originalMaxStack = this.maxStack;
    // Max stack and locals are checked only when the writer will not compute them; otherwise the
    // given values may be anything (often 0) and the analysis computes its own.
    const checkMaxStackAndLocals = this.target instanceof MethodWriterWrapper && !this.target.computesMaxs();
    // Likewise the frames are checked only when the writer needs them and will not compute them.
    const checkFrames =
      this.target instanceof MethodWriterWrapper && this.target.requiresFrames() && !this.target.computesFrames();
    const analyzer = checkFrames
      ? new CheckFrameAnalyzer<BasicValue>(new BasicVerifier())
      : new Analyzer<BasicValue>(new BasicVerifier());
    try {
      if (checkMaxStackAndLocals) {
        analyzer.analyze('dummy', this);
      } else {
        analyzer.analyzeAndComputeMaxs('dummy', this);
      }
    } catch (error) {
      if (error instanceof AnalyzerException || error instanceof RangeError) {
        const stringWriter = new StringWriter();
        printAnalyzerResult(this, analyzer, stringWriter);
        throw new IllegalArgumentException(`${error.message} ${stringWriter.toString()}`, { cause: error });
      }
      throw error;
    }
    if (this.target !== null) {
      this.maxLocals = originalMaxLocals;
      this.maxStack = originalMaxStack;
      this.accept(this.target);
    }
  }
}

/**
 * Prints `method` with the frame the analyzer computed before each instruction
 * (`index locals : stack : instruction`, '?' for unreachable code), then its try-catch blocks.
 */
export function printAnalyzerResult(method: MethodNode, analyzer: Analyzer<BasicValue>, printWriter: PrintWriter): void {
  const textifier = new Textifier();
  const traceMethodVisitor = new TraceMethodVisitor(textifier);
  printWriter.write(`${method.name}${method.desc}\n`);
  const frames = analyzer.getFrames();
  const size = method.instructions.size();
  for (let i = 0; i < size; ++i) {
    method.instructions.get(i).accept(traceMethodVisitor);
    let line = '';
    const frame = i < frames.length ? frames[i] : null;
    if (frame === null || frame === undefined) {
      line += '?';
    } else {
      for (let j = 0; j < frame.getLocals(); ++j) {
        line += `${getUnqualifiedName(String(frame.getLocal(j)))} `;
      }
      line += ' : ';
      for (let j = 0; j < frame.getStackSize(); ++j) {
        line += `${getUnqualifiedName(String(frame.getStack(j)))} `;
      }
    }
    while (line.length < method.maxStack + method.maxLocals + 1) {
      line += ' ';
    }
    printWriter.write(`${String(i + 100000).substring(1)} ${line} : ${String(textifier.text[textifier.text.length - 1])}`);
  }
  for (const tryCatchBlock of method.tryCatchBlocks ?? []) {
    tryCatchBlock.accept(traceMethodVisitor);
    printWriter.write(` ${String(textifier.text[textifier.text.length - 1])}`);
  }
  printWriter.write('\n');
}

/** `Ljava/lang/String;` → `String`, `[Ljava/lang/String;` → `[String`, for the frame dump. */
function getUnqualifiedName(name: string): string {
  const lastSlashIndex = name.lastIndexOf('/');
  if (lastSlashIndex === -1) {
    return name;
  }
  let endIndex = name.length;
  if (name.charAt(endIndex - 1) === ';') {
    endIndex--;
  }
  const lastBracketIndex = name.lastIndexOf('[');
  if (lastBracketIndex === -1) {
    return name.substring(lastSlashIndex + 1, endIndex);
  }
  return name.substring(0, lastBracketIndex + 1) + name.substring(lastSlashIndex + 1, endIndex);
}
