// Renumbers the local variables of a method in their order of first use, so that new locals can
// be added (newLocal) without clashing with the existing ones.

import type { AnnotationVisitor } from '../asm/annotation-visitor.js';
import { IllegalArgumentException, IllegalStateException } from '../asm/java-exceptions.js';
import type { Label } from '../asm/label.js';
import { type FrameElement, MethodVisitor } from '../asm/method-visitor.js';
import { Opcodes } from '../asm/opcodes.js';
import { Type } from '../asm/type.js';
import { zeroedInt32Array } from '../asm/zeroed-slab.js';
import type { TypePath } from '../asm/type-path.js';

const OBJECT_TYPE = Type.getObjectType('java/lang/Object');

/**
 * ASM's LocalVariablesSorter. The arguments (and `this`) keep their slots; every other local is
 * given a new slot the first time an instruction uses it (a (slot, size) pair maps to one new
 * slot). Frames must be expanded (ClassReader.EXPAND_FRAMES).
 *
 * `new LocalVariablesSorter(access, descriptor, methodVisitor)` is for this class itself only;
 * subclasses call `super(api, access, descriptor, methodVisitor)`.
 */
export class LocalVariablesSorter extends MethodVisitor {
  /**
   * Old slot → new slot + 1 (0: not mapped yet). A size-1 local at slot i is key 2i, a size-2
   * local at slot i is key 2i+1.
   */
  private remappedVariableIndices: Int32Array;

  /**
   * The frame types of the remapped locals (visitFrame's format, but long and double take two
   * slots); null where unknown.
   */
  private remappedLocalTypes: (FrameElement | null)[];

  /** The first slot after the arguments. */
  protected readonly firstLocal: number;

  /** The slot the next newLocal returns. */
  protected nextLocal: number;

  constructor(access: number, descriptor: string, methodVisitor: MethodVisitor | null);
  constructor(api: number, access: number, descriptor: string, methodVisitor: MethodVisitor | null);
  constructor(
    a: number,
    b: number | string,
    c: string | MethodVisitor | null,
    d?: MethodVisitor | null,
  ) {
    const withApi = typeof b === 'number';
    super(withApi ? a : Opcodes.ASM9, withApi ? (d ?? null) : (c as MethodVisitor | null));
    if (!withApi && new.target !== LocalVariablesSorter) {
      throw new IllegalStateException('subclasses of LocalVariablesSorter must pass an api');
    }
    const access = withApi ? (b as number) : a;
    const descriptor = withApi ? (c as string) : (b as string);
    // One per method of an instrumenting transform: a view on a shared slab (a typed array of its
    // own costs an off-heap allocation) and a loop (fill() on a holey array takes V8's slow path).
    this.remappedVariableIndices = zeroedInt32Array(40);
    const remappedLocalTypes = new Array<FrameElement | null>(20);
    for (let i = 0; i < 20; i++) remappedLocalTypes[i] = null;
    this.remappedLocalTypes = remappedLocalTypes;
    // The arguments' slots, `this` included (Type.getArgumentsAndReturnSizes counts it always).
    const nextLocal = (Type.getArgumentsAndReturnSizes(descriptor) >> 2) - ((Opcodes.ACC_STATIC & access) === 0 ? 0 : 1);
    this.nextLocal = nextLocal;
    this.firstLocal = nextLocal;
  }

  override visitVarInsn(opcode: number, varIndex: number): void {
    let varType: Type;
    switch (opcode) {
      case Opcodes.LLOAD:
      case Opcodes.LSTORE:
        varType = Type.LONG_TYPE;
        break;
      case Opcodes.DLOAD:
      case Opcodes.DSTORE:
        varType = Type.DOUBLE_TYPE;
        break;
      case Opcodes.FLOAD:
      case Opcodes.FSTORE:
        varType = Type.FLOAT_TYPE;
        break;
      case Opcodes.ILOAD:
      case Opcodes.ISTORE:
        varType = Type.INT_TYPE;
        break;
      case Opcodes.ALOAD:
      case Opcodes.ASTORE:
      case Opcodes.RET:
        varType = OBJECT_TYPE;
        break;
      default:
        throw new IllegalArgumentException(`Invalid opcode ${opcode}`);
    }
    super.visitVarInsn(opcode, this.remap(varIndex, varType));
  }

  override visitIincInsn(varIndex: number, increment: number): void {
    super.visitIincInsn(this.remap(varIndex, Type.INT_TYPE), increment);
  }

  override visitMaxs(maxStack: number, _maxLocals: number): void {
    super.visitMaxs(maxStack, this.nextLocal);
  }

  override visitLocalVariable(
    name: string,
    descriptor: string,
    signature: string | null,
    start: Label,
    end: Label,
    index: number,
  ): void {
    const remappedIndex = this.remap(index, Type.getType(descriptor));
    super.visitLocalVariable(name, descriptor, signature, start, end, remappedIndex);
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
    const type = Type.getType(descriptor);
    const remappedIndex: number[] = new Array(index.length);
    for (let i = 0; i < remappedIndex.length; ++i) {
      remappedIndex[i] = this.remap(index[i]!, type);
    }
    return super.visitLocalVariableAnnotation(typeRef, typePath, start, end, remappedIndex, descriptor, visible);
  }

  override visitFrame(
    type: number,
    numLocal: number,
    local: FrameElement[] | null,
    numStack: number,
    stack: FrameElement[] | null,
  ): void {
    if (type !== Opcodes.F_NEW) {
      throw new IllegalArgumentException(
        'LocalVariablesSorter only accepts expanded frames (see ClassReader.EXPAND_FRAMES)',
      );
    }
    // The types of the new locals are frame-specific (updateNewLocals may change them): work on
    // the array in place and restore a copy afterwards.
    const oldRemappedLocals = this.remappedLocalTypes.slice();
    this.updateNewLocals(this.remappedLocalTypes);

    // Copy the frame's locals into their remapped slots.
    let oldVar = 0;
    for (let i = 0; i < numLocal; ++i) {
      const localType = local![i]!;
      if (localType !== Opcodes.TOP) {
        let varType = OBJECT_TYPE;
        if (localType === Opcodes.INTEGER) {
          varType = Type.INT_TYPE;
        } else if (localType === Opcodes.FLOAT) {
          varType = Type.FLOAT_TYPE;
        } else if (localType === Opcodes.LONG) {
          varType = Type.LONG_TYPE;
        } else if (localType === Opcodes.DOUBLE) {
          varType = Type.DOUBLE_TYPE;
        } else if (typeof localType === 'string') {
          varType = Type.getObjectType(localType);
        }
        this.setFrameLocal(this.remap(oldVar, varType), localType);
      }
      oldVar += localType === Opcodes.LONG || localType === Opcodes.DOUBLE ? 2 : 1;
    }

    // Back to visitFrame's format: drop the slot after each long/double, TOP for holes, no
    // trailing TOPs.
    const remapped = this.remappedLocalTypes;
    oldVar = 0;
    let newVar = 0;
    let remappedNumLocal = 0;
    while (oldVar < remapped.length) {
      const localType = remapped[oldVar];
      oldVar += localType === Opcodes.LONG || localType === Opcodes.DOUBLE ? 2 : 1;
      if (localType !== null && localType !== undefined && localType !== Opcodes.TOP) {
        remapped[newVar++] = localType;
        remappedNumLocal = newVar;
      } else {
        remapped[newVar++] = Opcodes.TOP;
      }
    }

    super.visitFrame(type, remappedNumLocal, remapped as FrameElement[], numStack, stack);
    this.remappedLocalTypes = oldRemappedLocals;
  }

  // ## New locals

  /** Creates a new local of the given type and returns its slot. */
  newLocal(type: Type): number {
    let localType: FrameElement;
    switch (type.getSort()) {
      case Type.BOOLEAN:
      case Type.CHAR:
      case Type.BYTE:
      case Type.SHORT:
      case Type.INT:
        localType = Opcodes.INTEGER;
        break;
      case Type.FLOAT:
        localType = Opcodes.FLOAT;
        break;
      case Type.LONG:
        localType = Opcodes.LONG;
        break;
      case Type.DOUBLE:
        localType = Opcodes.DOUBLE;
        break;
      case Type.ARRAY:
        localType = type.getDescriptor();
        break;
      case Type.OBJECT:
        localType = type.getInternalName();
        break;
      default:
        throw new Error(`AssertionError: not a local variable type: ${type.toString()}`);
    }
    const local = this.newLocalMapping(type);
    this.setLocalType(local, type);
    this.setFrameLocal(local, localType);
    return local;
  }

  /**
   * Called for each visited frame with the frame types of the locals created by newLocal (null
   * for the other slots; long and double take two slots), which may be changed in place for this
   * frame only, e.g. to TOP in an exception handler where the new local is not yet set.
   */
  protected updateNewLocals(_newLocals: (FrameElement | null)[]): void {
    // Nothing by default: a new local has the same type in every frame.
  }

  /** Called when a local is created or remapped; `local` is its new slot. */
  protected setLocalType(_local: number, _type: Type): void {
    // Nothing by default.
  }

  private setFrameLocal(local: number, type: FrameElement): void {
    const numLocals = this.remappedLocalTypes.length;
    if (local >= numLocals) {
      const grown = this.remappedLocalTypes.slice();
      const newLength = Math.max(2 * numLocals, local + 1);
      for (let i = numLocals; i < newLength; ++i) grown.push(null);
      this.remappedLocalTypes = grown;
    }
    this.remappedLocalTypes[local] = type;
  }

  private remap(varIndex: number, type: Type): number {
    if (varIndex + type.getSize() <= this.firstLocal) {
      return varIndex;
    }
    const key = 2 * varIndex + type.getSize() - 1;
    const size = this.remappedVariableIndices.length;
    if (key >= size) {
      const grown = new Int32Array(Math.max(2 * size, key + 1));
      grown.set(this.remappedVariableIndices);
      this.remappedVariableIndices = grown;
    }
    let value = this.remappedVariableIndices[key]!;
    if (value === 0) {
      value = this.newLocalMapping(type);
      this.setLocalType(value, type);
      this.remappedVariableIndices[key] = value + 1;
    } else {
      value--;
    }
    return value;
  }

  /** Allocates the slot(s) of a new local of the given type. */
  protected newLocalMapping(type: Type): number {
    const local = this.nextLocal;
    this.nextLocal += type.getSize();
    return local;
  }
}
