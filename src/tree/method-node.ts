import type { AnnotationValue, AnnotationVisitor } from '../asm/annotation-visitor.js';
import type { Attribute } from '../asm/attribute.js';
import type { ClassVisitor } from '../asm/class-visitor.js';
import { ConstantDynamic } from '../asm/constant-dynamic.js';
import { Handle } from '../asm/handle.js';
import { Label } from '../asm/label.js';
import type { ConstantValue } from '../asm/java-values.js';
import { MethodVisitor, type FrameElement } from '../asm/method-visitor.js';
import { Opcodes } from '../asm/opcodes.js';
import { Type } from '../asm/type.js';
import type { TypePath } from '../asm/type-path.js';
import type { AbstractInsnNode } from './abstract-insn-node.js';
import { AnnotationNode } from './annotation-node.js';
import { FieldInsnNode } from './field-insn-node.js';
import { FrameNode, type FrameNodeElement } from './frame-node.js';
import { IincInsnNode } from './iinc-insn-node.js';
import { InsnList } from './insn-list.js';
import { InsnNode } from './insn-node.js';
import { IntInsnNode } from './int-insn-node.js';
import { InvokeDynamicInsnNode } from './invoke-dynamic-insn-node.js';
import { JumpInsnNode } from './jump-insn-node.js';
import { LabelNode } from './label-node.js';
import { LdcInsnNode } from './ldc-insn-node.js';
import { LineNumberNode } from './line-number-node.js';
import { LocalVariableAnnotationNode } from './local-variable-annotation-node.js';
import { LocalVariableNode } from './local-variable-node.js';
import { LookupSwitchInsnNode } from './lookup-switch-insn-node.js';
import { MethodInsnNode } from './method-insn-node.js';
import { MultiANewArrayInsnNode } from './multi-a-new-array-insn-node.js';
import { ParameterNode } from './parameter-node.js';
import { TableSwitchInsnNode } from './table-switch-insn-node.js';
import { TryCatchBlockNode } from './try-catch-block-node.js';
import { TypeAnnotationNode } from './type-annotation-node.js';
import { TypeInsnNode } from './type-insn-node.js';
import { UnsupportedClassVersionException } from './unsupported-class-version-exception.js';
import { Util } from './util.js';
import { VarInsnNode } from './var-insn-node.js';
import { IllegalStateException, UnsupportedOperationException } from '../asm/java-exceptions.js';
import { varargsOf } from '../asm/varargs.js';

/**
 * The visitor returned by visitAnnotationDefault: an array-mode AnnotationNode whose single value
 * becomes the method's `annotationDefault` (ASM does this with an ArrayList whose `add` is
 * overridden).
 */
class AnnotationDefaultNode extends AnnotationNode {
  private readonly method: MethodNode;

  constructor(method: MethodNode) {
    super(Opcodes.ASM9, null);
    this.values = [];
    this.method = method;
  }

  private update(): void {
    const values = this.values!;
    this.method.annotationDefault = values[values.length - 1];
  }

  override visit(name: string | null, value: AnnotationValue): void {
    super.visit(name, value);
    this.update();
  }

  override visitEnum(name: string | null, descriptor: string, value: string): void {
    super.visitEnum(name, descriptor, value);
    this.update();
  }

  override visitAnnotation(name: string | null, descriptor: string): AnnotationVisitor {
    const result = super.visitAnnotation(name, descriptor);
    this.update();
    return result;
  }

  override visitArray(name: string | null): AnnotationVisitor {
    const result = super.visitArray(name);
    this.update();
    return result;
  }
}

/** A node that represents a method (a method_info structure and its Code attribute, JVMS §4.6, §4.7.3). */
export class MethodNode extends MethodVisitor {
  /** The method's access flags; also tells whether the method is synthetic and/or deprecated. */
  access: number;

  /** The method's name. */
  name: string;

  /** The method's descriptor. */
  desc: string;

  /** The method's generic signature. May be null. */
  signature: string | null;

  /** The internal names of the method's declared exceptions (null only for `new MethodNode(api)` nodes). */
  exceptions: string[] | null;

  /** The method's parameters (MethodParameters attribute). May be null. */
  parameters: ParameterNode[] | null;

  /** The runtime visible annotations of this method. May be null. */
  visibleAnnotations: AnnotationNode[] | null;

  /** The runtime invisible annotations of this method. May be null. */
  invisibleAnnotations: AnnotationNode[] | null;

  /** The runtime visible type annotations of this method. May be null. */
  visibleTypeAnnotations: TypeAnnotationNode[] | null;

  /** The runtime invisible type annotations of this method. May be null. */
  invisibleTypeAnnotations: TypeAnnotationNode[] | null;

  /** The non standard attributes of this method. May be null. */
  attrs: Attribute[] | null;

  /**
   * The default value of this annotation interface method (AnnotationDefault, JVMS §4.7.22), in
   * the representation of `AnnotationNode.values` elements. May be null.
   */
  annotationDefault: unknown;

  /**
   * The number of parameters that can have runtime visible annotations (0: all the parameters of
   * the descriptor). It can be less than the descriptor's count when synthetic parameters are not
   * counted (JVMS §4.7.18).
   */
  visibleAnnotableParameterCount: number;

  /** The runtime visible annotations of each parameter. May be null, and so may each entry. */
  visibleParameterAnnotations: (AnnotationNode[] | null)[] | null;

  /** The number of parameters that can have runtime invisible annotations (see the visible one). */
  invisibleAnnotableParameterCount: number;

  /** The runtime invisible annotations of each parameter. May be null, and so may each entry. */
  invisibleParameterAnnotations: (AnnotationNode[] | null)[] | null;

  /** The instructions of this method. */
  instructions: InsnList;

  /** The exception handlers of this method (null only for `new MethodNode(api)` nodes until one is visited). */
  tryCatchBlocks: TryCatchBlockNode[] | null;

  /** The maximum operand stack size of this method. */
  maxStack: number;

  /** The maximum number of local variable slots of this method. */
  maxLocals: number;

  /** The local variables of this method. May be null. */
  localVariables: LocalVariableNode[] | null;

  /** The visible local variable annotations of this method. May be null. */
  visibleLocalVariableAnnotations: LocalVariableAnnotationNode[] | null;

  /** The invisible local variable annotations of this method. May be null. */
  invisibleLocalVariableAnnotations: LocalVariableAnnotationNode[] | null;

  /** Whether accept() has already been called (labels must then be reset before replaying). */
  private visited: boolean;

  /**
   * `new MethodNode()`, `new MethodNode(api)`, `new MethodNode(access, name, descriptor, signature,
   * exceptions)` or `new MethodNode(api, access, name, descriptor, signature, exceptions)`. The
   * forms without an api are for MethodNode itself only: subclasses must pass an api.
   */
  constructor();
  constructor(api: number);
  constructor(access: number, name: string, descriptor: string, signature: string | null, exceptions: readonly string[] | null);
  constructor(
    api: number,
    access: number,
    name: string,
    descriptor: string,
    signature: string | null,
    exceptions: readonly string[] | null,
  );
  constructor(
    a?: number,
    b?: number | string,
    c?: string,
    d?: string | null,
    e?: string | null | readonly string[],
    f?: readonly string[] | null,
  ) {
    const withoutApi = a === undefined || typeof b === 'string';
    super(withoutApi ? Opcodes.ASM9 : a);
    if (withoutApi && new.target !== MethodNode) {
      throw new IllegalStateException('subclasses of MethodNode must pass an api');
    }
    this.access = 0;
    this.name = null as unknown as string;
    this.desc = null as unknown as string;
    this.signature = null;
    this.exceptions = null;
    this.parameters = null;
    this.visibleAnnotations = null;
    this.invisibleAnnotations = null;
    this.visibleTypeAnnotations = null;
    this.invisibleTypeAnnotations = null;
    this.attrs = null;
    this.annotationDefault = null;
    this.visibleAnnotableParameterCount = 0;
    this.visibleParameterAnnotations = null;
    this.invisibleAnnotableParameterCount = 0;
    this.invisibleParameterAnnotations = null;
    this.instructions = new InsnList();
    this.tryCatchBlocks = null;
    this.maxStack = 0;
    this.maxLocals = 0;
    this.localVariables = null;
    this.visibleLocalVariableAnnotations = null;
    this.invisibleLocalVariableAnnotations = null;
    this.visited = false;
    if (b !== undefined) {
      // The forms that describe a method: MethodNode(access, …) or MethodNode(api, access, …).
      let exceptions: readonly string[] | null;
      if (typeof b === 'string') {
        this.access = a!;
        this.name = b;
        this.desc = c!;
        this.signature = d ?? null;
        exceptions = (e ?? null) as readonly string[] | null;
      } else {
        this.access = b;
        this.name = c!;
        this.desc = d as string;
        this.signature = (e ?? null) as string | null;
        exceptions = f ?? null;
      }
      this.exceptions = Util.asArrayList(exceptions);
      if ((this.access & Opcodes.ACC_ABSTRACT) === 0) {
        this.localVariables = [];
      }
      this.tryCatchBlocks = [];
    }
  }

  // ## Implementation of MethodVisitor

  override visitParameter(name: string | null, access: number): void {
    this.parameters = Util.add(this.parameters, new ParameterNode(name, access));
  }

  override visitAnnotationDefault(): AnnotationVisitor {
    return new AnnotationDefaultNode(this);
  }

  override visitAnnotation(descriptor: string, visible: boolean): AnnotationVisitor {
    const annotation = new AnnotationNode(descriptor);
    if (visible) {
      this.visibleAnnotations = Util.add(this.visibleAnnotations, annotation);
    } else {
      this.invisibleAnnotations = Util.add(this.invisibleAnnotations, annotation);
    }
    return annotation;
  }

  override visitTypeAnnotation(typeRef: number, typePath: TypePath | null, descriptor: string, visible: boolean): AnnotationVisitor {
    const typeAnnotation = new TypeAnnotationNode(typeRef, typePath, descriptor);
    if (visible) {
      this.visibleTypeAnnotations = Util.add(this.visibleTypeAnnotations, typeAnnotation);
    } else {
      this.invisibleTypeAnnotations = Util.add(this.invisibleTypeAnnotations, typeAnnotation);
    }
    return typeAnnotation;
  }

  override visitAnnotableParameterCount(parameterCount: number, visible: boolean): void {
    if (visible) {
      this.visibleAnnotableParameterCount = parameterCount;
    } else {
      this.invisibleAnnotableParameterCount = parameterCount;
    }
  }

  override visitParameterAnnotation(parameter: number, descriptor: string, visible: boolean): AnnotationVisitor {
    const annotation = new AnnotationNode(descriptor);
    if (visible) {
      if (this.visibleParameterAnnotations === null) {
        this.visibleParameterAnnotations = MethodNode.newParameterAnnotations(this.desc);
      }
      this.visibleParameterAnnotations[parameter] = Util.add(this.visibleParameterAnnotations[parameter], annotation);
    } else {
      if (this.invisibleParameterAnnotations === null) {
        this.invisibleParameterAnnotations = MethodNode.newParameterAnnotations(this.desc);
      }
      this.invisibleParameterAnnotations[parameter] = Util.add(this.invisibleParameterAnnotations[parameter], annotation);
    }
    return annotation;
  }

  private static newParameterAnnotations(descriptor: string): (AnnotationNode[] | null)[] {
    const count = Type.getArgumentTypes(descriptor).length;
    const result: (AnnotationNode[] | null)[] = new Array(count);
    for (let i = 0; i < count; ++i) result[i] = null;
    return result;
  }

  override visitAttribute(attribute: Attribute): void {
    this.attrs = Util.add(this.attrs, attribute);
  }

  override visitCode(): void {
    // Nothing to do.
  }

  // The visit methods of the most frequent instructions append their node to `instructions`
  // themselves (see InsnList.appendLinked), unless `instructions` was replaced by a subclass.

  override visitFrame(
    type: number,
    numLocal: number,
    local: FrameElement[] | null,
    numStack: number,
    stack: FrameElement[] | null,
  ): void {
    const frameNode = new FrameNode(
      type,
      numLocal,
      local === null ? null : this.getFrameLabelNodes(numLocal, local),
      numStack,
      stack === null ? null : this.getFrameLabelNodes(numStack, stack),
    );
    const instructions = this.instructions;
    if (instructions.constructor === InsnList) {
      frameNode.previousInsn = instructions.lastInsn;
      frameNode.index = 0;
      instructions.appendLinked(frameNode);
    } else {
      instructions.add(frameNode);
    }
  }

  override visitInsn(opcode: number): void {
    const insnNode = new InsnNode(opcode);
    const instructions = this.instructions;
    if (instructions.constructor === InsnList) {
      insnNode.previousInsn = instructions.lastInsn;
      insnNode.index = 0;
      instructions.appendLinked(insnNode);
    } else {
      instructions.add(insnNode);
    }
  }

  override visitIntInsn(opcode: number, operand: number): void {
    const insnNode = new IntInsnNode(opcode, operand);
    const instructions = this.instructions;
    if (instructions.constructor === InsnList) {
      insnNode.previousInsn = instructions.lastInsn;
      insnNode.index = 0;
      instructions.appendLinked(insnNode);
    } else {
      instructions.add(insnNode);
    }
  }

  override visitVarInsn(opcode: number, varIndex: number): void {
    const insnNode = new VarInsnNode(opcode, varIndex);
    const instructions = this.instructions;
    if (instructions.constructor === InsnList) {
      insnNode.previousInsn = instructions.lastInsn;
      insnNode.index = 0;
      instructions.appendLinked(insnNode);
    } else {
      instructions.add(insnNode);
    }
  }

  override visitTypeInsn(opcode: number, type: string): void {
    const insnNode = new TypeInsnNode(opcode, type);
    const instructions = this.instructions;
    if (instructions.constructor === InsnList) {
      insnNode.previousInsn = instructions.lastInsn;
      insnNode.index = 0;
      instructions.appendLinked(insnNode);
    } else {
      instructions.add(insnNode);
    }
  }

  override visitFieldInsn(opcode: number, owner: string, name: string, descriptor: string): void {
    const insnNode = new FieldInsnNode(opcode, owner, name, descriptor);
    const instructions = this.instructions;
    if (instructions.constructor === InsnList) {
      insnNode.previousInsn = instructions.lastInsn;
      insnNode.index = 0;
      instructions.appendLinked(insnNode);
    } else {
      instructions.add(insnNode);
    }
  }

  override visitMethodInsn(opcodeAndSource: number, owner: string, name: string, descriptor: string, isInterface?: boolean): void {
    // One TS method stands for ASM's two overloads: a missing isInterface is the deprecated
    // four-argument form, whose interface flag follows the opcode.
    const opcode = opcodeAndSource & ~Opcodes.SOURCE_MASK;
    if (
      isInterface !== undefined &&
      this.api < Opcodes.ASM5 &&
      (opcodeAndSource & Opcodes.SOURCE_DEPRECATED) === 0 &&
      isInterface !== (opcode === Opcodes.INVOKEINTERFACE)
    ) {
      // As ASM, whose MethodNode sends an ASM4 node's calls through MethodVisitor's check: the
      // ASM4 API cannot express an INVOKESTATIC/INVOKESPECIAL on an interface (JVMS §4.4.2).
      throw new UnsupportedOperationException('INVOKESPECIAL/STATIC on interfaces requires ASM5');
    }
    const insnNode = new MethodInsnNode(opcode, owner, name, descriptor, isInterface ?? opcode === Opcodes.INVOKEINTERFACE);
    const instructions = this.instructions;
    if (instructions.constructor === InsnList) {
      insnNode.previousInsn = instructions.lastInsn;
      insnNode.index = 0;
      instructions.appendLinked(insnNode);
    } else {
      instructions.add(insnNode);
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
    this.instructions.add(new InvokeDynamicInsnNode(name, descriptor, bootstrapMethodHandle, bootstrapMethodArguments));
  }

  override visitJumpInsn(opcode: number, label: Label): void {
    const insnNode = new JumpInsnNode(opcode, this.getLabelNode(label));
    const instructions = this.instructions;
    if (instructions.constructor === InsnList) {
      insnNode.previousInsn = instructions.lastInsn;
      insnNode.index = 0;
      instructions.appendLinked(insnNode);
    } else {
      instructions.add(insnNode);
    }
  }

  override visitLabel(label: Label): void {
    const labelNode = this.getLabelNode(label);
    const instructions = this.instructions;
    if (instructions.constructor === InsnList) {
      labelNode.previousInsn = instructions.lastInsn;
      labelNode.index = 0;
      instructions.appendLinked(labelNode);
    } else {
      instructions.add(labelNode);
    }
  }

  override visitLdcInsn(value: ConstantValue): void {
    const insnNode = new LdcInsnNode(value);
    const instructions = this.instructions;
    if (instructions.constructor === InsnList) {
      insnNode.previousInsn = instructions.lastInsn;
      insnNode.index = 0;
      instructions.appendLinked(insnNode);
    } else {
      instructions.add(insnNode);
    }
  }

  override visitIincInsn(varIndex: number, increment: number): void {
    const insnNode = new IincInsnNode(varIndex, increment);
    const instructions = this.instructions;
    if (instructions.constructor === InsnList) {
      insnNode.previousInsn = instructions.lastInsn;
      insnNode.index = 0;
      instructions.appendLinked(insnNode);
    } else {
      instructions.add(insnNode);
    }
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
    this.instructions.add(new TableSwitchInsnNode(min, max, this.getLabelNode(dflt), this.getLabelNodes(labels)));
  }

  override visitLookupSwitchInsn(dflt: Label, keys: number[], labels: Label[]): void {
    this.instructions.add(new LookupSwitchInsnNode(this.getLabelNode(dflt), keys, this.getLabelNodes(labels)));
  }

  override visitMultiANewArrayInsn(descriptor: string, numDimensions: number): void {
    this.instructions.add(new MultiANewArrayInsnNode(descriptor, numDimensions));
  }

  override visitInsnAnnotation(typeRef: number, typePath: TypePath | null, descriptor: string, visible: boolean): AnnotationVisitor {
    // The annotation targets the last real instruction (labels, frames and lines have opcode -1).
    let currentInsn = this.instructions.getLast()!;
    while (currentInsn.getOpcode() === -1) {
      currentInsn = currentInsn.getPrevious()!;
    }
    const typeAnnotation = new TypeAnnotationNode(typeRef, typePath, descriptor);
    if (visible) {
      currentInsn.visibleTypeAnnotations = Util.add(currentInsn.visibleTypeAnnotations, typeAnnotation);
    } else {
      currentInsn.invisibleTypeAnnotations = Util.add(currentInsn.invisibleTypeAnnotations, typeAnnotation);
    }
    return typeAnnotation;
  }

  override visitTryCatchBlock(start: Label, end: Label, handler: Label, type: string | null = null): void {
    const tryCatchBlock = new TryCatchBlockNode(
      this.getLabelNode(start),
      this.getLabelNode(end),
      this.getLabelNode(handler),
      type,
    );
    this.tryCatchBlocks = Util.add(this.tryCatchBlocks, tryCatchBlock);
  }

  override visitTryCatchAnnotation(typeRef: number, typePath: TypePath | null, descriptor: string, visible: boolean): AnnotationVisitor {
    // JVMS §4.7.20.1 catch_target: bits 8-23 of the type reference hold the exception_table index.
    const tryCatchBlock = this.tryCatchBlocks![(typeRef & 0x00ffff00) >> 8]!;
    const typeAnnotation = new TypeAnnotationNode(typeRef, typePath, descriptor);
    if (visible) {
      tryCatchBlock.visibleTypeAnnotations = Util.add(tryCatchBlock.visibleTypeAnnotations, typeAnnotation);
    } else {
      tryCatchBlock.invisibleTypeAnnotations = Util.add(tryCatchBlock.invisibleTypeAnnotations, typeAnnotation);
    }
    return typeAnnotation;
  }

  override visitLocalVariable(
    name: string,
    descriptor: string,
    signature: string | null,
    start: Label,
    end: Label,
    index: number,
  ): void {
    const localVariable = new LocalVariableNode(
      name,
      descriptor,
      signature,
      this.getLabelNode(start),
      this.getLabelNode(end),
      index,
    );
    this.localVariables = Util.add(this.localVariables, localVariable);
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
    const localVariableAnnotation = new LocalVariableAnnotationNode(
      typeRef,
      typePath,
      this.getLabelNodes(start),
      this.getLabelNodes(end),
      index,
      descriptor,
    );
    if (visible) {
      this.visibleLocalVariableAnnotations = Util.add(this.visibleLocalVariableAnnotations, localVariableAnnotation);
    } else {
      this.invisibleLocalVariableAnnotations = Util.add(this.invisibleLocalVariableAnnotations, localVariableAnnotation);
    }
    return localVariableAnnotation;
  }

  override visitLineNumber(line: number, start: Label): void {
    const insnNode = new LineNumberNode(line, this.getLabelNode(start));
    const instructions = this.instructions;
    if (instructions.constructor === InsnList) {
      insnNode.previousInsn = instructions.lastInsn;
      insnNode.index = 0;
      instructions.appendLinked(insnNode);
    } else {
      instructions.add(insnNode);
    }
  }

  override visitMaxs(maxStack: number, maxLocals: number): void {
    this.maxStack = maxStack;
    this.maxLocals = maxLocals;
  }

  override visitEnd(): void {
    // Nothing to do.
  }

  /**
   * The LabelNode of `label`, created on first request. The default implementation keeps the
   * association in `label.info`; subclasses may override it (e.g. to share nodes between methods).
   */
  protected getLabelNode(label: Label): LabelNode {
    if (!(label.info instanceof LabelNode)) {
      label.info = new LabelNode();
    }
    return label.info as LabelNode;
  }

  private getLabelNodes(labels: readonly Label[]): LabelNode[] {
    const n = labels.length;
    const labelNodes: LabelNode[] = new Array(n);
    for (let i = 0; i < n; ++i) {
      labelNodes[i] = this.getLabelNode(labels[i]!);
    }
    return labelNodes;
  }

  /**
   * The first `count` elements of `objects`, with LabelNodes instead of Labels. Only these are used
   * by FrameNode: ClassReader passes arrays of max_locals / max_stack elements.
   */
  private getFrameLabelNodes(count: number, objects: readonly FrameElement[]): FrameNodeElement[] {
    const n = count;
    const labelNodes: FrameNodeElement[] = new Array(n);
    for (let i = 0; i < n; ++i) {
      const o = objects[i];
      labelNodes[i] = (o instanceof Label ? this.getLabelNode(o) : o) as FrameNodeElement;
    }
    return labelNodes;
  }

  // ## Accept methods

  /**
   * Throws UnsupportedClassVersionException if this method, or anything in it, uses features that
   * came after the given ASM API level.
   */
  check(api: number): void {
    if (api === Opcodes.ASM4) {
      if (this.parameters !== null && this.parameters.length > 0) {
        throw new UnsupportedClassVersionException();
      }
      if (this.visibleTypeAnnotations !== null && this.visibleTypeAnnotations.length > 0) {
        throw new UnsupportedClassVersionException();
      }
      if (this.invisibleTypeAnnotations !== null && this.invisibleTypeAnnotations.length > 0) {
        throw new UnsupportedClassVersionException();
      }
      if (this.tryCatchBlocks !== null) {
        for (let i = this.tryCatchBlocks.length - 1; i >= 0; --i) {
          const tryCatchBlock = this.tryCatchBlocks[i]!;
          if (tryCatchBlock.visibleTypeAnnotations !== null && tryCatchBlock.visibleTypeAnnotations.length > 0) {
            throw new UnsupportedClassVersionException();
          }
          if (tryCatchBlock.invisibleTypeAnnotations !== null && tryCatchBlock.invisibleTypeAnnotations.length > 0) {
            throw new UnsupportedClassVersionException();
          }
        }
      }
      for (let i = this.instructions.size() - 1; i >= 0; --i) {
        const insn: AbstractInsnNode = this.instructions.get(i);
        if (insn.visibleTypeAnnotations !== null && insn.visibleTypeAnnotations.length > 0) {
          throw new UnsupportedClassVersionException();
        }
        if (insn.invisibleTypeAnnotations !== null && insn.invisibleTypeAnnotations.length > 0) {
          throw new UnsupportedClassVersionException();
        }
        if (insn instanceof MethodInsnNode) {
          // ASM4 cannot express a call whose interface flag disagrees with its opcode.
          if (insn.itf !== (insn.getOpcode() === Opcodes.INVOKEINTERFACE)) {
            throw new UnsupportedClassVersionException();
          }
        } else if (insn instanceof LdcInsnNode) {
          const value = insn.cst;
          if (value instanceof Handle || (value instanceof Type && value.getSort() === Type.METHOD)) {
            throw new UnsupportedClassVersionException();
          }
        }
      }
      if (this.visibleLocalVariableAnnotations !== null && this.visibleLocalVariableAnnotations.length > 0) {
        throw new UnsupportedClassVersionException();
      }
      if (this.invisibleLocalVariableAnnotations !== null && this.invisibleLocalVariableAnnotations.length > 0) {
        throw new UnsupportedClassVersionException();
      }
    }
    if (api < Opcodes.ASM7) {
      for (let i = this.instructions.size() - 1; i >= 0; --i) {
        const insn = this.instructions.get(i);
        if (insn instanceof LdcInsnNode && insn.cst instanceof ConstantDynamic) {
          throw new UnsupportedClassVersionException();
        }
      }
    }
  }

  /**
   * `accept(classVisitor)` makes the class visitor visit this method (visitMethod, then the
   * content if it returns a visitor); `accept(methodVisitor)` makes the method visitor visit the
   * content of this method.
   */
  /**
   * @internal Replays this method to a class visitor that keeps no Label (a recorder of its events):
   * the labels are not reset first, and the next accept() behaves as if this replay had not happened.
   */
  replayWithoutLabelReset(classVisitor: ClassVisitor): void {
    const visited = this.visited;
    this.visited = false;
    try {
      this.accept(classVisitor);
    } finally {
      this.visited = visited;
    }
  }

  accept(classVisitor: ClassVisitor): void;
  accept(methodVisitor: MethodVisitor): void;
  accept(visitor: ClassVisitor | MethodVisitor): void {
    if (visitor instanceof MethodVisitor) {
      this.acceptMethodVisitor(visitor);
      return;
    }
    const methodVisitor = visitor.visitMethod(
      this.access,
      this.name,
      this.desc,
      this.signature,
      this.exceptions === null ? null : this.exceptions.slice(),
    );
    // `!= null`: a plain JavaScript visitMethod without `return null` returns undefined (skip, as null).
    if (methodVisitor != null) {
      this.acceptMethodVisitor(methodVisitor);
    }
  }

  private acceptMethodVisitor(methodVisitor: MethodVisitor): void {
    // Visit the parameters.
    if (this.parameters !== null) {
      for (let i = 0, n = this.parameters.length; i < n; i++) {
        this.parameters[i]!.accept(methodVisitor);
      }
    }
    // Visit the annotations.
    if (this.annotationDefault !== null && this.annotationDefault !== undefined) {
      const annotationVisitor = methodVisitor.visitAnnotationDefault();
      AnnotationNode.accept(annotationVisitor, null, this.annotationDefault);
      if (annotationVisitor != null) {
        annotationVisitor.visitEnd();
      }
    }
    if (this.visibleAnnotations !== null) {
      for (let i = 0, n = this.visibleAnnotations.length; i < n; ++i) {
        const annotation = this.visibleAnnotations[i]!;
        annotation.accept(methodVisitor.visitAnnotation(annotation.desc as string, true));
      }
    }
    if (this.invisibleAnnotations !== null) {
      for (let i = 0, n = this.invisibleAnnotations.length; i < n; ++i) {
        const annotation = this.invisibleAnnotations[i]!;
        annotation.accept(methodVisitor.visitAnnotation(annotation.desc as string, false));
      }
    }
    if (this.visibleTypeAnnotations !== null) {
      for (let i = 0, n = this.visibleTypeAnnotations.length; i < n; ++i) {
        const typeAnnotation = this.visibleTypeAnnotations[i]!;
        typeAnnotation.accept(
          methodVisitor.visitTypeAnnotation(typeAnnotation.typeRef, typeAnnotation.typePath, typeAnnotation.desc as string, true),
        );
      }
    }
    if (this.invisibleTypeAnnotations !== null) {
      for (let i = 0, n = this.invisibleTypeAnnotations.length; i < n; ++i) {
        const typeAnnotation = this.invisibleTypeAnnotations[i]!;
        typeAnnotation.accept(
          methodVisitor.visitTypeAnnotation(typeAnnotation.typeRef, typeAnnotation.typePath, typeAnnotation.desc as string, false),
        );
      }
    }
    if (this.visibleAnnotableParameterCount > 0) {
      methodVisitor.visitAnnotableParameterCount(this.visibleAnnotableParameterCount, true);
    }
    if (this.visibleParameterAnnotations !== null) {
      for (let i = 0, n = this.visibleParameterAnnotations.length; i < n; ++i) {
        const parameterAnnotations = this.visibleParameterAnnotations[i];
        if (parameterAnnotations === null || parameterAnnotations === undefined) {
          continue;
        }
        for (let j = 0, m = parameterAnnotations.length; j < m; ++j) {
          const annotation = parameterAnnotations[j]!;
          annotation.accept(methodVisitor.visitParameterAnnotation(i, annotation.desc as string, true));
        }
      }
    }
    if (this.invisibleAnnotableParameterCount > 0) {
      methodVisitor.visitAnnotableParameterCount(this.invisibleAnnotableParameterCount, false);
    }
    if (this.invisibleParameterAnnotations !== null) {
      for (let i = 0, n = this.invisibleParameterAnnotations.length; i < n; ++i) {
        const parameterAnnotations = this.invisibleParameterAnnotations[i];
        if (parameterAnnotations === null || parameterAnnotations === undefined) {
          continue;
        }
        for (let j = 0, m = parameterAnnotations.length; j < m; ++j) {
          const annotation = parameterAnnotations[j]!;
          annotation.accept(methodVisitor.visitParameterAnnotation(i, annotation.desc as string, false));
        }
      }
    }
    // A second accept must not reuse the Labels (and their offsets) of the first writer.
    if (this.visited) {
      this.instructions.resetLabels();
    }
    // Visit the non standard attributes.
    if (this.attrs !== null) {
      for (let i = 0, n = this.attrs.length; i < n; ++i) {
        methodVisitor.visitAttribute(this.attrs[i]!);
      }
    }
    // Visit the code.
    if (this.instructions.size() > 0) {
      methodVisitor.visitCode();
      // Visit the try catch blocks, renumbering their annotations' type references first.
      if (this.tryCatchBlocks !== null) {
        for (let i = 0, n = this.tryCatchBlocks.length; i < n; ++i) {
          this.tryCatchBlocks[i]!.updateIndex(i);
          this.tryCatchBlocks[i]!.accept(methodVisitor);
        }
      }
      // Visit the instructions.
      this.instructions.accept(methodVisitor);
      // Visit the local variables.
      if (this.localVariables !== null) {
        for (let i = 0, n = this.localVariables.length; i < n; ++i) {
          this.localVariables[i]!.accept(methodVisitor);
        }
      }
      // Visit the local variable annotations.
      if (this.visibleLocalVariableAnnotations !== null) {
        for (let i = 0, n = this.visibleLocalVariableAnnotations.length; i < n; ++i) {
          this.visibleLocalVariableAnnotations[i]!.accept(methodVisitor, true);
        }
      }
      if (this.invisibleLocalVariableAnnotations !== null) {
        for (let i = 0, n = this.invisibleLocalVariableAnnotations.length; i < n; ++i) {
          this.invisibleLocalVariableAnnotations[i]!.accept(methodVisitor, false);
        }
      }
      methodVisitor.visitMaxs(this.maxStack, this.maxLocals);
      this.visited = true;
    }
    methodVisitor.visitEnd();
  }
}
