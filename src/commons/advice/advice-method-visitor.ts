// # Advice applied to one method: enter advice at its start, exit advice at each of its exits
//
// The layout, as Byte Buddy's Advice lays out an instrumented method:
//
//     [@Local variables := default values]  [exit local := default]
//     enter advice (its value into the enter local)       -- in a constructor: before super(...)
//     [@AssignReturned: the value into arguments, this, fields]
//     [skipOn: if the value says so, goto skip]
//   repeat:
//     [backupArguments: copies of this and the arguments, which the body uses instead]
//   bodyStart:
//     the method's own code, every xRETURN replaced by: store the value, goto returned
//   bodyEnd:
//   skip:      return local := default; goto returned       (or: return the default, without exit advice)
//   returned:  thrown local := null
//   exitAdvice:
//     exit advice (its value into the exit local)  [@AssignReturned: into the return value, the exception…]
//     [repeatOn: if the exit local says so, goto repeat]
//     [if thrown != null: throw thrown]
//     return the return local
//   handler:   (onThrowable) thrown local := the exception; return local := default; goto exitAdvice
//
// The exit advice is copied once, whatever the number of returns. An inlined advice's code is copied
// instruction by instruction: its parameters become the instrumented method's values (an argument's
// own slot, the return local…) or a local holding the value (a boxed argument, an @Origin text), its
// own locals fresh locals of the method (LocalVariablesSorter keeps the method's own locals apart), its
// returns jumps to its end. Frames are not kept: the class must be written with COMPUTE_FRAMES (the
// transform pipeline does) when its version has them (JVMS §4.10.1). Before any of it, the advice's
// bindings are checked against the method (advice-binding-checks.ts).

import { Label } from '../../asm/label.js';
import type { FrameElement, MethodVisitor } from '../../asm/method-visitor.js';
import { Opcodes } from '../../asm/opcodes.js';
import { Type } from '../../asm/type.js';
import { AbstractInsnNode } from '../../tree/abstract-insn-node.js';
import type { IincInsnNode } from '../../tree/iinc-insn-node.js';
import type { InsnNode } from '../../tree/insn-node.js';
import type { JumpInsnNode } from '../../tree/jump-insn-node.js';
import type { LabelNode } from '../../tree/label-node.js';
import type { LookupSwitchInsnNode } from '../../tree/lookup-switch-insn-node.js';
import type { TableSwitchInsnNode } from '../../tree/table-switch-insn-node.js';
import type { VarInsnNode } from '../../tree/var-insn-node.js';
import { GeneratorAdapter } from '../generator-adapter.js';
import { type AdviceConstant, type AdviceMethod, type AdviceParameter, type SkipCondition, adviceConstantType, isWritable } from './advice-method.js';
import { type ReturnedAssignment, assignedType } from './assign-returned.js';
import { type AdvisedMethod, originText } from './origin-text.js';
import type { AdvisedField, FieldLookup } from './advised-fields.js';
import { OperandStackSizes } from './operand-stack-sizes.js';
import { AdviceBindingChecks } from './advice-binding-checks.js';
import { OBJECT_TYPE, THROWABLE_TYPE, WRAPPERS, boxesTo, isPrimitive, isReference, unwrapped } from './advice-value-types.js';
import { pushOriginConstant } from './origin-constant.js';
import type { ClassPath } from '../../classpath/class-path.js';
import type { Handle } from '../../asm/handle.js';
import type { AnnotationVisitor } from '../../asm/annotation-visitor.js';
import type { TypePath } from '../../asm/type-path.js';
import { Byte, Character, type ConstantValue, Short } from '../../asm/java-values.js';
import { varargsOf } from '../../asm/varargs.js';

/** How a value of the instrumented method reaches an advice parameter. */
interface Source {
  /** The instrumented method's type of the value (void: a void method's return value). */
  readonly type: Type;
  /** The slot holding it, or -1 for a value computed by `push`. */
  readonly slot: number;
  /** Pushes the value (of `type`). */
  readonly push: () => void;
}

export class AdviceMethodVisitor extends GeneratorAdapter {
  private readonly method: AdvisedMethod;
  private readonly targetArgumentTypes: Type[];
  private readonly targetReturnType: Type;
  private readonly isStatic: boolean;
  private readonly isConstructor: boolean;
  private readonly enter: AdviceMethod | null;
  private readonly exit: AdviceMethod | null;
  private enterLocal = -1;
  /** The exit advice's value, kept from one repetition to the next (repeatOn, @Advice.Exit); -1 when void. */
  private exitLocal = -1;
  /** repeatOn: where the body starts again (after the enter advice, before the arguments are copied). */
  private readonly repeat = new Label();
  private returnLocal = -1;
  private thrownLocal = -1;
  private readonly namedLocals = new Map<string, { local: number; type: Type }>();
  private readonly bodyStart = new Label();
  private readonly bodyEnd = new Label();
  private readonly returned = new Label();
  private readonly exitAdvice = new Label();
  private readonly handler = new Label();
  private skip: Label | null = null;
  /** Where the enter advice starts, until the method's first line number is known (prependLineNumber). */
  private prepended: Label | null = null;
  /** With exit advice: the operand stack's shape, to empty it before a return jumps to the exit block. */
  private readonly stack: OperandStackSizes | null;
  /** The field each @Advice.FieldValue parameter names (see AdviceBindingChecks). */
  private readonly fieldOf: ReadonlyMap<AdviceParameter, AdvisedField>;
  /** The field each @AssignReturned.ToFields assignment names. */
  private readonly assignedFields: ReadonlyMap<ReturnedAssignment, AdvisedField>;
  /** The default each bindProperty parameter whose annotation does not give the property takes. */
  private readonly annotationDefaults: ReadonlyMap<AdviceParameter, AdviceConstant>;
  /**
   * backupArguments: for each slot of `this` and the arguments that the exit advice reads, the local
   * the body uses instead (-1: the body keeps the slot), so that the exit advice sees their values
   * from before the body; null when no slot is copied.
   */
  private argumentCopies: Int32Array | null = null;

  /**
   * `context.fields` finds the fields @Advice.FieldValue names (none without it: such an advice is
   * refused); `context.majorVersion` is the class file's (0: unknown), for the constants it can hold.
   */
  constructor(
    next: MethodVisitor | null,
    method: AdvisedMethod,
    enter: AdviceMethod | null,
    exit: AdviceMethod | null,
    context: { fields?: FieldLookup | null; majorVersion?: number; classPath?: ClassPath | null } = {},
  ) {
    super(Opcodes.ASM9, next, method.access, method.name, method.descriptor);
    this.method = method;
    this.targetArgumentTypes = Type.getArgumentTypes(method.descriptor);
    this.targetReturnType = Type.getReturnType(method.descriptor);
    this.isStatic = (method.access & Opcodes.ACC_STATIC) !== 0;
    this.isConstructor = method.name === '<init>';
    this.enter = enter;
    this.exit = exit;
    this.stack = exit === null ? null : new OperandStackSizes();
    const checks = new AdviceBindingChecks(method, enter, exit, { fields: context.fields ?? null, majorVersion: context.majorVersion ?? 0, classPath: context.classPath ?? null });
    this.fieldOf = checks.fieldOf;
    this.assignedFields = checks.assignedFields;
    this.annotationDefaults = checks.annotationDefaults;
  }

  /**
   * The advice's value (in its local) assigned where its @AssignReturned annotations say: the whole of it
   * unless it is its type's default, or the elements of the array it is unless that is null.
   */
  private assignReturnedValue(advice: AdviceMethod): void {
    const assignReturned = advice.assignReturned;
    if (assignReturned === null) return;
    const local = advice.kind === 'enter' ? this.enterLocal : this.exitLocal;
    const from = assignedType(advice.returnType, assignReturned);
    const mv = this.mv!;
    const skip = new Label();
    if (assignReturned.splitsArray) {
      this.loadLocal(local, advice.returnType);
      mv.visitJumpInsn(Opcodes.IFNULL, skip);
    } else if (assignReturned.skipsDefault) {
      this.loadLocal(local, advice.returnType);
      this.jumpIf({ kind: 'default' }, advice.returnType, skip);
    }
    for (const assignment of assignReturned.assignments) {
      const push = (): void => {
        this.loadLocal(local, advice.returnType);
        if (assignment.element >= 0) {
          this.push(assignment.element);
          this.arrayLoad(from);
        }
      };
      const target = assignment.target;
      switch (target.kind) {
        case 'argument':
          push();
          this.convert(from, this.targetArgumentTypes[target.index]!);
          mv.visitVarInsn(this.targetArgumentTypes[target.index]!.getOpcode(Opcodes.ISTORE), this.argumentSlot(target.index));
          break;
        case 'allArguments':
          push();
          this.spreadArgumentArray();
          break;
        case 'returned':
          push();
          this.convert(from, this.targetReturnType);
          this.storeLocal(this.returnLocal, this.targetReturnType);
          break;
        case 'thrown':
          push();
          this.convert(from, THROWABLE_TYPE);
          this.storeLocal(this.thrownLocal, THROWABLE_TYPE);
          break;
        case 'this':
          push();
          this.convert(from, Type.getObjectType(this.method.owner));
          mv.visitVarInsn(Opcodes.ASTORE, 0);
          break;
        case 'field': {
          const field = this.assignedFields.get(assignment)!;
          const isStaticField = (field.access & Opcodes.ACC_STATIC) !== 0;
          if (!isStaticField) mv.visitVarInsn(Opcodes.ALOAD, 0);
          push();
          this.convert(from, Type.getType(field.descriptor));
          mv.visitFieldInsn(isStaticField ? Opcodes.PUTSTATIC : Opcodes.PUTFIELD, field.owner, field.name, field.descriptor);
          break;
        }
      }
    }
    mv.visitLabel(skip);
  }

  /** The local variable slot of argument `index` (JVMS §2.6.1: `this` first, longs and doubles in two). */
  private argumentSlot(index: number): number {
    let slot = this.isStatic ? 0 : 1;
    for (let i = 0; i < index; i++) slot += this.targetArgumentTypes[i]!.getSize();
    return slot;
  }

  override visitCode(): void {
    super.visitCode();
    if (this.enter?.prependLineNumber === true) {
      // The method's first line number is given to this label too when it comes (visitLineNumber).
      this.prepended = new Label();
      this.mv!.visitLabel(this.prepended);
    }
    for (const advice of [this.enter, this.exit]) {
      for (const parameter of advice?.parameters ?? []) {
        if (parameter.binding.kind !== 'local' || this.namedLocals.has(parameter.binding.name)) continue;
        const local = this.newLocal(parameter.type);
        this.pushDefault(parameter.type);
        this.storeLocal(local, parameter.type);
        this.namedLocals.set(parameter.binding.name, { local, type: parameter.type });
      }
    }
    if (this.exit !== null) {
      if (this.targetReturnType.getSort() !== Type.VOID) this.returnLocal = this.newLocal(this.targetReturnType);
      if (this.exit.onThrowable !== null) this.thrownLocal = this.newLocal(THROWABLE_TYPE);
      if (this.exit.returnType.getSort() !== Type.VOID) {
        // Its default until the exit advice first runs: what @Advice.Exit reads the first time (Byte Buddy's layout).
        this.exitLocal = this.newLocal(this.exit.returnType);
        this.pushDefault(this.exit.returnType);
        this.storeLocal(this.exitLocal, this.exit.returnType);
      }
    }
    const enter = this.enter;
    if (enter !== null) {
      if (enter.returnType.getSort() !== Type.VOID) this.enterLocal = this.newLocal(enter.returnType);
      this.applyAdvice(enter);
      if (enter.skipOn !== null) {
        this.skip = new Label();
        this.loadLocal(this.enterLocal, enter.returnType);
        this.jumpIf(enter.skipOn, enter.returnType, this.skip);
      }
    }
    if (this.exit?.repeatOn != null) this.mv!.visitLabel(this.repeat);
    this.copyArguments();
    if (this.exit?.onThrowable != null) this.mv!.visitLabel(this.bodyStart);
  }

  /**
   * OnMethodExit.backupArguments (Byte Buddy's default): the body works on copies of `this` and of
   * the arguments, made after the enter advice, so that the exit advice reads them as they were when
   * the body started even if the body assigned them (javac lets a method assign its parameters), and a
   * repeated body (repeatOn) starts from them again. Byte Buddy copies every one; without repeatOn only
   * those the exit advice reads are copied here, which nobody can tell apart.
   */
  private copyArguments(): void {
    const exit = this.exit;
    if (exit === null || !exit.backupArguments) return;
    const slots: { slot: number; type: Type }[] = [];
    const add = (slot: number, type: Type): void => {
      if (!slots.some((copied) => copied.slot === slot)) slots.push({ slot, type });
    };
    if (exit.repeatOn !== null) {
      if (!this.isStatic) add(0, Type.getObjectType(this.method.owner));
      this.targetArgumentTypes.forEach((type, index) => add(this.argumentSlot(index), type));
    }
    for (const parameter of exit.parameters) {
      const binding = parameter.binding;
      if (binding.kind === 'this' && !this.isStatic) add(0, Type.getObjectType(this.method.owner));
      else if (binding.kind === 'argument' && binding.index >= 0 && binding.index < this.targetArgumentTypes.length) {
        add(this.argumentSlot(binding.index), this.targetArgumentTypes[binding.index]!);
      } else if (binding.kind === 'allArguments') {
        this.targetArgumentTypes.forEach((type, index) => add(this.argumentSlot(index), type));
      }
    }
    if (slots.length === 0) return;
    const copies = new Int32Array(this.firstLocal).fill(-1);
    const mv = this.mv!;
    for (const { slot, type } of slots.sort((a, b) => a.slot - b.slot)) {
      // In a constructor `this` is still uninitialized here; a copy of it is initialized with it (JVMS §4.10.1.9.invokespecial).
      const copy = this.newLocal(type);
      mv.visitVarInsn(type.getOpcode(Opcodes.ILOAD), slot);
      mv.visitVarInsn(type.getOpcode(Opcodes.ISTORE), copy);
      copies[slot] = copy;
    }
    this.argumentCopies = copies;
  }

  /** The local the body uses for `slot` of `this` or an argument, or -1 if it keeps the slot. */
  private copyOf(slot: number): number {
    const copies = this.argumentCopies;
    return copies === null || slot >= copies.length ? -1 : copies[slot]!;
  }

  /** Jumps to `target` when the advice's value on the stack meets `condition` (skipOn, repeatOn). */
  private jumpIf(condition: SkipCondition, type: Type, target: Label): void {
    const mv = this.mv!;
    if (condition.kind === 'instanceOf') {
      mv.visitTypeInsn(Opcodes.INSTANCEOF, condition.type);
      mv.visitJumpInsn(Opcodes.IFNE, target);
      return;
    }
    const onDefault = condition.kind === 'default';
    if (isReference(type)) {
      mv.visitJumpInsn(onDefault ? Opcodes.IFNULL : Opcodes.IFNONNULL, target);
      return;
    }
    switch (type.getSort()) {
      case Type.LONG:
        mv.visitInsn(Opcodes.LCONST_0);
        mv.visitInsn(Opcodes.LCMP);
        break;
      case Type.FLOAT:
        mv.visitInsn(Opcodes.FCONST_0);
        mv.visitInsn(Opcodes.FCMPL);
        break;
      case Type.DOUBLE:
        mv.visitInsn(Opcodes.DCONST_0);
        mv.visitInsn(Opcodes.DCMPL);
        break;
      default:
        break;
    }
    mv.visitJumpInsn(onDefault ? Opcodes.IFEQ : Opcodes.IFNE, target);
  }

  override visitInsn(opcode: number): void {
    if (this.exit !== null && opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
      if (this.returnLocal >= 0) this.storeLocal(this.returnLocal, this.targetReturnType);
      // What a return would have discarded under its value (see operand-stack-sizes.ts).
      const below = this.stack!.below(this.targetReturnType.getSize());
      for (let i = below.length - 1; i >= 0; i--) this.mv!.visitInsn(below[i] === 2 ? Opcodes.POP2 : Opcodes.POP);
      this.stack!.insn(opcode);
      this.mv!.visitJumpInsn(Opcodes.GOTO, this.returned);
      return;
    }
    this.stack?.insn(opcode);
    super.visitInsn(opcode);
  }

  /**
   * The method's first line also covers the enter advice before it, so that a stack trace taken in the
   * advice names that line (Byte Buddy's LineNumberPrependingMethodVisitor).
   */
  override visitLineNumber(line: number, start: Label): void {
    if (this.prepended !== null) {
      this.mv!.visitLineNumber(line, this.prepended);
      this.prepended = null;
    }
    super.visitLineNumber(line, start);
  }

  // ## Following the operand stack (exit advice only)

  override visitLabel(label: Label): void {
    this.stack?.label(label);
    super.visitLabel(label);
  }

  override visitTryCatchBlock(start: Label, end: Label, handler: Label, type: string | null): void {
    this.stack?.handler(handler);
    super.visitTryCatchBlock(start, end, handler, type);
  }

  override visitIntInsn(opcode: number, operand: number): void {
    this.stack?.fixed(opcode);
    super.visitIntInsn(opcode, operand);
  }

  override visitVarInsn(opcode: number, varIndex: number): void {
    this.stack?.fixed(opcode);
    const copy = this.copyOf(varIndex);
    // Straight to the next visitor: LocalVariablesSorter would take the copy's slot for one of the body's locals.
    if (copy >= 0) this.mv!.visitVarInsn(opcode, copy);
    else super.visitVarInsn(opcode, varIndex);
  }

  override visitIincInsn(varIndex: number, increment: number): void {
    const copy = this.copyOf(varIndex);
    if (copy >= 0) this.mv!.visitIincInsn(copy, increment);
    else super.visitIincInsn(varIndex, increment);
  }

  override visitLocalVariable(name: string, descriptor: string, signature: string | null, start: Label, end: Label, index: number): void {
    const copy = this.copyOf(index);
    if (copy >= 0) this.mv!.visitLocalVariable(name, descriptor, signature, start, end, copy);
    else super.visitLocalVariable(name, descriptor, signature, start, end, index);
  }

  override visitLocalVariableAnnotation(
    typeRef: number,
    typePath: TypePath | null,
    start: Label[],
    end: Label[],
    index: number[],
    descriptor: string,
    visible: boolean,
  ): AnnotationVisitor | null {
    // The ranges of one annotation are all of the same variable: a parameter's, or one of the body's.
    const copies = index.map((slot) => this.copyOf(slot));
    if (copies.length > 0 && copies.every((copy) => copy >= 0)) {
      return this.mv!.visitLocalVariableAnnotation(typeRef, typePath, start, end, copies, descriptor, visible);
    }
    return super.visitLocalVariableAnnotation(typeRef, typePath, start, end, index, descriptor, visible);
  }

  override visitTypeInsn(opcode: number, type: string): void {
    this.stack?.fixed(opcode);
    super.visitTypeInsn(opcode, type);
  }

  override visitFieldInsn(opcode: number, owner: string, name: string, descriptor: string): void {
    this.stack?.field(opcode, descriptor);
    super.visitFieldInsn(opcode, owner, name, descriptor);
  }

  override visitMethodInsn(opcode: number, owner: string, name: string, descriptor: string, isInterface?: boolean): void {
    this.stack?.invoke(opcode !== Opcodes.INVOKESTATIC, descriptor);
    super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
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
    argumentsOrFirst?: ConstantValue | readonly unknown[],
    ...more: ConstantValue[]
  ): void {
    this.stack?.invoke(false, descriptor);
    super.visitInvokeDynamicInsn(name, descriptor, bootstrapMethodHandle, varargsOf<ConstantValue>(argumentsOrFirst as ConstantValue | readonly ConstantValue[] | undefined, more));
  }

  override visitJumpInsn(opcode: number, label: Label): void {
    this.stack?.jump(opcode, label);
    super.visitJumpInsn(opcode, label);
  }

  override visitLdcInsn(value: ConstantValue): void {
    this.stack?.ldc(value);
    super.visitLdcInsn(value);
  }

  override visitTableSwitchInsn(min: number, max: number, dflt: Label, ...labels: (Label | readonly Label[])[]): void;
  override visitTableSwitchInsn(min: number, max: number, dflt: Label, labelsOrFirst?: Label | readonly Label[], ...more: Label[]): void {
    const labels = varargsOf(labelsOrFirst, more);
    this.stack?.switch([dflt, ...labels]);
    super.visitTableSwitchInsn(min, max, dflt, labels);
  }

  override visitLookupSwitchInsn(dflt: Label, keys: number[], labels: Label[]): void {
    this.stack?.switch([dflt, ...labels]);
    super.visitLookupSwitchInsn(dflt, keys, labels);
  }

  override visitMultiANewArrayInsn(descriptor: string, numDimensions: number): void {
    this.stack?.multiANewArray(numDimensions);
    super.visitMultiANewArrayInsn(descriptor, numDimensions);
  }

  /** The method's own frames no longer fit its code: they are recomputed (COMPUTE_FRAMES). */
  override visitFrame(_type: number, _numLocal: number, _local: FrameElement[] | null, _numStack: number, _stack: FrameElement[] | null): void {}

  override visitMaxs(maxStack: number, maxLocals: number): void {
    const mv = this.mv!;
    const exit = this.exit;
    const onThrowable = exit?.onThrowable ?? null;
    if (onThrowable !== null) mv.visitLabel(this.bodyEnd);
    if (this.skip !== null) {
      mv.visitLabel(this.skip);
      if (exit !== null) {
        if (this.returnLocal >= 0) {
          this.pushDefault(this.targetReturnType);
          this.storeLocal(this.returnLocal, this.targetReturnType);
        }
        mv.visitJumpInsn(Opcodes.GOTO, this.returned);
      } else {
        this.pushDefault(this.targetReturnType);
        mv.visitInsn(this.targetReturnType.getOpcode(Opcodes.IRETURN));
      }
    }
    if (exit !== null) {
      mv.visitLabel(this.returned);
      if (onThrowable !== null) {
        mv.visitInsn(Opcodes.ACONST_NULL);
        this.storeLocal(this.thrownLocal, THROWABLE_TYPE);
      }
      mv.visitLabel(this.exitAdvice);
      this.applyAdvice(exit);
      if (exit.repeatOn !== null) {
        this.loadLocal(this.exitLocal, exit.returnType);
        this.jumpIf(exit.repeatOn, exit.returnType, this.repeat);
      }
      if (onThrowable !== null) {
        const normal = new Label();
        this.loadLocal(this.thrownLocal, THROWABLE_TYPE);
        mv.visitJumpInsn(Opcodes.IFNULL, normal);
        this.loadLocal(this.thrownLocal, THROWABLE_TYPE);
        mv.visitInsn(Opcodes.ATHROW);
        mv.visitLabel(normal);
      }
      if (this.returnLocal >= 0) this.loadLocal(this.returnLocal, this.targetReturnType);
      mv.visitInsn(this.targetReturnType.getOpcode(Opcodes.IRETURN));
      if (onThrowable !== null) {
        mv.visitLabel(this.handler);
        this.storeLocal(this.thrownLocal, THROWABLE_TYPE);
        if (this.returnLocal >= 0) {
          this.pushDefault(this.targetReturnType);
          this.storeLocal(this.returnLocal, this.targetReturnType);
        }
        mv.visitJumpInsn(Opcodes.GOTO, this.exitAdvice);
        // Last in the exception table: the method's own handlers are searched first (JVMS §2.10).
        mv.visitTryCatchBlock(this.bodyStart, this.bodyEnd, this.handler, onThrowable);
      }
    }
    super.visitMaxs(maxStack, maxLocals);
  }

  // ## Applying one advice method

  /** Inlines or calls `advice` here; an enter advice's value goes to the enter local. */
  private applyAdvice(advice: AdviceMethod): void {
    if (advice.inline) {
      this.inlineAdvice(advice);
      return;
    }
    const suppression = this.openSuppression(advice);
    for (const parameter of advice.parameters) this.pushParameter(advice, parameter);
    this.mv!.visitMethodInsn(Opcodes.INVOKESTATIC, advice.owner, advice.node.name, advice.node.desc, advice.ownerIsInterface);
    this.takeAdviceValue(advice);
    this.closeSuppression(advice, suppression);
    this.assignReturnedValue(advice);
  }

  /**
   * With `suppress`, starts the region whose exceptions are dropped: its handler is declared here,
   * after the advice's own handlers (an inner handler comes first in the exception table, JVMS §2.10).
   */
  private openSuppression(advice: AdviceMethod): { end: Label; handler: Label } | null {
    if (advice.suppress === null) return null;
    const start = new Label();
    const suppression = { end: new Label(), handler: new Label() };
    this.mv!.visitTryCatchBlock(start, suppression.end, suppression.handler, advice.suppress);
    this.mv!.visitLabel(start);
    return suppression;
  }

  /** Ends the suppressed region: its handler drops the exception (an enter advice's value is then the default). */
  private closeSuppression(advice: AdviceMethod, suppression: { end: Label; handler: Label } | null): void {
    if (suppression === null) return;
    const mv = this.mv!;
    const after = new Label();
    mv.visitLabel(suppression.end);
    mv.visitJumpInsn(Opcodes.GOTO, after);
    mv.visitLabel(suppression.handler);
    mv.visitInsn(Opcodes.POP);
    const local = advice.kind === 'enter' ? this.enterLocal : this.exitLocal;
    if (local >= 0) {
      this.pushDefault(advice.returnType);
      this.storeLocal(local, advice.returnType);
    }
    mv.visitLabel(after);
  }

  /** An advice's value on the stack: into the enter local or the exit local. */
  private takeAdviceValue(advice: AdviceMethod): void {
    if (advice.returnType.getSize() === 0) return;
    this.storeLocal(advice.kind === 'enter' ? this.enterLocal : this.exitLocal, advice.returnType);
  }

  /** Copies `advice`'s code here, its parameters and locals mapped to this method's slots. */
  private inlineAdvice(advice: AdviceMethod): void {
    const mv = this.mv!;
    const node = advice.node;
    const slots = new Int32Array(Math.max(node.maxLocals, advice.parameterSize));
    const writeBacks: (() => void)[] = [];
    // The advice's value, when a writable @Advice.Exit copy must be written back first: in Byte Buddy that
    // parameter is the exit local itself, which the value returned then overwrites.
    let value = -1;
    // @Advice.AllArguments parameters by advice slot: each read makes a new array of the arguments and each
    // write (readOnly = false) spreads the array written over them, as Byte Buddy's array target does.
    const argumentArrays = new Map<number, AdviceParameter>();
    for (const parameter of advice.parameters) {
      if (parameter.binding.kind === 'allArguments') {
        argumentArrays.set(parameter.slot, parameter);
        continue;
      }
      const alias = this.aliasOf(advice, parameter);
      if (alias >= 0) {
        slots[parameter.slot] = alias;
        continue;
      }
      // A local of its own holding the value, converted to the parameter's type.
      const local = this.newLocal(parameter.type);
      this.pushParameter(advice, parameter);
      this.storeLocal(local, parameter.type);
      slots[parameter.slot] = local;
      if (isWritable(parameter.binding) && parameter.binding.kind !== 'unused') writeBacks.push(() => this.writeBack(advice, parameter, local));
      if (parameter.binding.kind === 'exit' && isWritable(parameter.binding) && value < 0) {
        value = this.newLocal(advice.returnType);
        this.pushDefault(advice.returnType);
        this.storeLocal(value, advice.returnType);
      }
    }
    // The advice's own locals: a block of fresh slots, in the advice's order.
    let ownBase = -1;
    for (let slot = advice.parameterSize; slot < node.maxLocals; slot++) {
      const local = this.newLocal(Type.INT_TYPE);
      if (ownBase < 0) ownBase = local;
    }
    for (let slot = advice.parameterSize; slot < node.maxLocals; slot++) slots[slot] = ownBase + (slot - advice.parameterSize);

    const labels = new Map<LabelNode, Label>();
    const labelOf = (labelNode: LabelNode): Label => {
      let label = labels.get(labelNode);
      if (label === undefined) labels.set(labelNode, (label = new Label()));
      return label;
    };
    const end = new Label();
    for (const block of node.tryCatchBlocks ?? []) mv.visitTryCatchBlock(labelOf(block.start), labelOf(block.end), labelOf(block.handler), block.type);
    const suppression = this.openSuppression(advice);
    for (let insn = node.instructions.getFirst(); insn !== null; insn = insn.getNext()) {
      switch (insn.getType()) {
        case AbstractInsnNode.LABEL:
          mv.visitLabel(labelOf(insn as LabelNode));
          break;
        case AbstractInsnNode.LINE:
        case AbstractInsnNode.FRAME:
          break;
        case AbstractInsnNode.VAR_INSN: {
          const arrayParameter = argumentArrays.get((insn as VarInsnNode).var);
          if (arrayParameter === undefined) mv.visitVarInsn(insn.getOpcode(), slots[(insn as VarInsnNode).var]!);
          else if (insn.getOpcode() === Opcodes.ALOAD) this.pushParameter(advice, arrayParameter);
          else this.spreadArgumentArray();
          break;
        }
        case AbstractInsnNode.IINC_INSN:
          mv.visitIincInsn(slots[(insn as IincInsnNode).var]!, (insn as IincInsnNode).incr);
          break;
        case AbstractInsnNode.JUMP_INSN:
          mv.visitJumpInsn(insn.getOpcode(), labelOf((insn as JumpInsnNode).label));
          break;
        case AbstractInsnNode.TABLESWITCH_INSN: {
          const tableSwitch = insn as TableSwitchInsnNode;
          mv.visitTableSwitchInsn(tableSwitch.min, tableSwitch.max, labelOf(tableSwitch.dflt), ...tableSwitch.labels.map(labelOf));
          break;
        }
        case AbstractInsnNode.LOOKUPSWITCH_INSN: {
          const lookupSwitch = insn as LookupSwitchInsnNode;
          mv.visitLookupSwitchInsn(labelOf(lookupSwitch.dflt), lookupSwitch.keys, lookupSwitch.labels.map(labelOf));
          break;
        }
        case AbstractInsnNode.INSN: {
          const opcode = (insn as InsnNode).getOpcode();
          if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
            if (value >= 0) this.storeLocal(value, advice.returnType);
            else this.takeAdviceValue(advice);
            mv.visitJumpInsn(Opcodes.GOTO, end);
          } else {
            mv.visitInsn(opcode);
          }
          break;
        }
        default:
          insn.accept(mv);
          break;
      }
    }
    mv.visitLabel(end);
    this.closeSuppression(advice, suppression);
    // After a suppressed exception too: what the advice assigned before it stays assigned, as in Byte Buddy,
    // whose advice writes the method's variables directly.
    for (const writeBack of writeBacks) writeBack();
    if (value >= 0) {
      this.loadLocal(value, advice.returnType);
      this.takeAdviceValue(advice);
    }
    this.assignReturnedValue(advice);
  }

  /**
   * The slot of this method the parameter can use as its own (the same type, or a reference read as
   * another reference without typing DYNAMIC), or -1 when it needs a converted copy.
   */
  private aliasOf(advice: AdviceMethod, parameter: AdviceParameter): number {
    const source = this.sourceOf(advice, parameter);
    if (source === null || source.slot < 0) return -1;
    if (source.type.getDescriptor() === parameter.type.getDescriptor()) return source.slot;
    const binding = parameter.binding;
    const dynamic = 'dynamic' in binding && binding.dynamic;
    return isReference(source.type) && isReference(parameter.type) && !dynamic ? source.slot : -1;
  }

  /** Where the value of `parameter` comes from; null for values of its own (@Unused, a missing optional). */
  private sourceOf(advice: AdviceMethod, parameter: AdviceParameter): Source | null {
    const binding = parameter.binding;
    const mv = this.mv!;
    const load = (type: Type, slot: number): Source => ({ type, slot, push: () => mv.visitVarInsn(type.getOpcode(Opcodes.ILOAD), slot) });
    switch (binding.kind) {
      case 'this':
        if (this.isStatic || (this.isConstructor && advice.kind === 'enter')) return null;
        return load(Type.getObjectType(this.method.owner), 0);
      case 'argument': {
        if (binding.index < 0 || binding.index >= this.targetArgumentTypes.length) return null;
        return load(this.targetArgumentTypes[binding.index]!, this.argumentSlot(binding.index));
      }
      case 'allArguments':
        return {
          type: Type.getType('[Ljava/lang/Object;'),
          slot: -1,
          push: () => (binding.nullIfEmpty && this.targetArgumentTypes.length === 0 ? mv.visitInsn(Opcodes.ACONST_NULL) : this.pushArgumentArray()),
        };
      case 'origin':
        return parameter.type.getDescriptor() === 'Ljava/lang/String;'
          ? { type: parameter.type, slot: -1, push: () => mv.visitLdcInsn(originText(binding.pattern, this.method)) }
          : { type: parameter.type, slot: -1, push: () => pushOriginConstant(this, parameter.type.getDescriptor(), this.method) };
      case 'enter':
        return load(this.enter!.returnType, this.enterLocal);
      case 'exit':
        return load(this.exit!.returnType, this.exitLocal);
      case 'return':
        return this.returnLocal < 0 ? null : load(this.targetReturnType, this.returnLocal);
      case 'thrown':
        return load(THROWABLE_TYPE, this.thrownLocal);
      case 'local': {
        const named = this.namedLocals.get(binding.name)!;
        return load(named.type, named.local);
      }
      case 'field':
      case 'boundField': {
        const field = this.fieldOf.get(parameter)!;
        const isStaticField = (field.access & Opcodes.ACC_STATIC) !== 0;
        return {
          type: Type.getType(field.descriptor),
          slot: -1,
          push: () => {
            if (!isStaticField) mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitFieldInsn(isStaticField ? Opcodes.GETSTATIC : Opcodes.GETFIELD, field.owner, field.name, field.descriptor);
          },
        };
      }
      case 'stubValue': {
        // The method's default return value, boxed (null for void and references).
        const returnType = this.targetReturnType;
        return {
          type: isPrimitive(returnType) ? returnType : OBJECT_TYPE,
          slot: -1,
          push: () => this.pushDefault(isPrimitive(returnType) ? returnType : OBJECT_TYPE),
        };
      }
      case 'constant':
        return { type: adviceConstantType(binding.value), slot: -1, push: () => this.pushConstant(binding.value) };
      case 'annotationDefault': {
        const value = this.annotationDefaults.get(parameter)!;
        return { type: adviceConstantType(value), slot: -1, push: () => this.pushConstant(value) };
      }
      case 'unused':
        return null;
    }
  }

  /**
   * Pushes a new Object[] of the arguments, primitives boxed by valueOf as Byte Buddy boxes them
   * (GeneratorAdapter.loadArgArray's `new Integer(…)` would make `==` differ for cached values).
   */
  private pushArgumentArray(): void {
    const types = this.targetArgumentTypes;
    this.push(types.length);
    this.newArray(OBJECT_TYPE);
    for (let i = 0; i < types.length; i++) {
      this.dup();
      this.push(i);
      this.loadArg(i);
      if (isPrimitive(types[i]!)) this.valueOf(types[i]!);
      this.arrayStore(OBJECT_TYPE);
    }
  }

  /**
   * Pops an array (written to a writable @Advice.AllArguments parameter, or returned for
   * @AssignReturned.ToAllArguments) and stores its elements into the arguments, each converted to the argument's type (a cast or unboxing with typing DYNAMIC).
   */
  private spreadArgumentArray(): void {
    const mv = this.mv!;
    this.targetArgumentTypes.forEach((type, index) => {
      this.dup();
      this.push(index);
      this.arrayLoad(OBJECT_TYPE);
      this.convert(OBJECT_TYPE, type);
      mv.visitVarInsn(type.getOpcode(Opcodes.ISTORE), this.argumentSlot(index));
    });
    this.pop();
  }

  /** Pushes a custom binding's constant: an ldc or a short form, getstatic for an enum constant. */
  private pushConstant(value: AdviceConstant): void {
    if (value instanceof Byte || value instanceof Short || value instanceof Character) {
      this.push(value.value);
    } else if (typeof value === 'object' && 'enumType' in value) {
      this.mv!.visitFieldInsn(Opcodes.GETSTATIC, value.enumType, value.name, `L${value.enumType};`);
    } else {
      this.push(value);
    }
  }

  /** Pushes the value of `parameter`, converted to its type. */
  private pushParameter(advice: AdviceMethod, parameter: AdviceParameter): void {
    const source = this.sourceOf(advice, parameter);
    if (source === null) {
      this.pushDefault(parameter.type);
      return;
    }
    source.push();
    this.convert(source.type, parameter.type);
  }

  /** Stores a writable parameter's copy back where its value came from. */
  private writeBack(advice: AdviceMethod, parameter: AdviceParameter, local: number): void {
    const field = this.fieldOf.get(parameter);
    if (field !== undefined) {
      const isStaticField = (field.access & Opcodes.ACC_STATIC) !== 0;
      if (!isStaticField) this.mv!.visitVarInsn(Opcodes.ALOAD, 0);
      this.loadLocal(local, parameter.type);
      this.convert(parameter.type, Type.getType(field.descriptor));
      this.mv!.visitFieldInsn(isStaticField ? Opcodes.PUTSTATIC : Opcodes.PUTFIELD, field.owner, field.name, field.descriptor);
      return;
    }
    const source = this.sourceOf(advice, parameter);
    if (source === null || source.slot < 0) return; // A void method's return value: nothing to assign.
    this.loadLocal(local, parameter.type);
    this.convert(parameter.type, source.type);
    this.mv!.visitVarInsn(source.type.getOpcode(Opcodes.ISTORE), source.slot);
  }

  /** Converts the value on the stack from `from` to `to`: boxing, unboxing or a cast (JLS §5.1.7–8). */
  private convert(from: Type, to: Type): void {
    if (from.getDescriptor() === to.getDescriptor()) return;
    if (isPrimitive(from) && isPrimitive(to)) {
      // A widening (the checks allow no other): i2l, l2d…
      this.cast(from, to);
    } else if (isPrimitive(from) && isReference(to)) {
      // Boxed, then cast when the target is not a supertype of the wrapper (typing DYNAMIC: a long into an
      // Integer parameter fails with ClassCastException here, as in Byte Buddy, instead of at the advice's first use).
      this.valueOf(from);
      if (!boxesTo(from, to.getInternalName())) this.mv!.visitTypeInsn(Opcodes.CHECKCAST, to.getInternalName());
    } else if (isReference(from) && isPrimitive(to)) {
      // A wrapper's own value, then widened (an Integer read as a long); any other reference (typing DYNAMIC) cast to to's wrapper.
      const primitive = unwrapped(from) ?? to;
      const wrapper = WRAPPERS[primitive.getSort()]!;
      this.mv!.visitTypeInsn(Opcodes.CHECKCAST, wrapper);
      this.mv!.visitMethodInsn(Opcodes.INVOKEVIRTUAL, wrapper, `${primitive.getClassName()}Value`, `()${primitive.getDescriptor()}`, false);
      this.convert(primitive, to);
    } else if (isReference(from) && isReference(to) && to.getInternalName() !== 'java/lang/Object') {
      this.mv!.visitTypeInsn(Opcodes.CHECKCAST, to.getInternalName());
    }
  }

  /** Pushes the default value of `type` (JVMS §2.3, §2.4): 0, 0L, 0.0f, 0.0 or null. */
  private pushDefault(type: Type): void {
    const mv = this.mv!;
    switch (type.getSort()) {
      case Type.VOID:
        break;
      case Type.LONG:
        mv.visitInsn(Opcodes.LCONST_0);
        break;
      case Type.FLOAT:
        mv.visitInsn(Opcodes.FCONST_0);
        break;
      case Type.DOUBLE:
        mv.visitInsn(Opcodes.DCONST_0);
        break;
      case Type.OBJECT:
      case Type.ARRAY:
        mv.visitInsn(Opcodes.ACONST_NULL);
        break;
      default:
        mv.visitInsn(Opcodes.ICONST_0);
        break;
    }
  }
}
