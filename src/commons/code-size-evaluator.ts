import { ConstantDynamic } from '../asm/constant-dynamic.js';
import type { Handle } from '../asm/handle.js';
import { Double, type ConstantValue } from '../asm/java-values.js';
import type { Label } from '../asm/label.js';
import { MethodVisitor } from '../asm/method-visitor.js';
import { Opcodes } from '../asm/opcodes.js';
import { varargsOf } from '../asm/varargs.js';

/**
 * A MethodVisitor that bounds the size of the bytecode (JVMS §4.7.3 code array) the instructions
 * it visits will take: `getMinSize()` if every jump, ldc and switch gets its shortest encoding,
 * `getMaxSize()` if the writer must widen them (goto_w, ldc_w, inverted branches over goto_w,
 * worst-case switch padding). Constructors: `(methodVisitor)` (ASM9) or `(api, methodVisitor)`.
 */
export class CodeSizeEvaluator extends MethodVisitor {
  /** The minimum size in bytes of the visited code. */
  private minSize: number;
  /** The maximum size in bytes of the visited code. */
  private maxSize: number;

  constructor(methodVisitor: MethodVisitor | null);
  constructor(api: number, methodVisitor: MethodVisitor | null);
  constructor(apiOrVisitor: number | MethodVisitor | null, methodVisitor?: MethodVisitor | null) {
    const withApi = typeof apiOrVisitor === 'number';
    super(withApi ? apiOrVisitor : Opcodes.ASM9, withApi ? (methodVisitor ?? null) : apiOrVisitor);
    this.minSize = 0;
    this.maxSize = 0;
  }

  getMinSize(): number {
    return this.minSize;
  }

  getMaxSize(): number {
    return this.maxSize;
  }

  override visitInsn(opcode: number): void {
    this.minSize += 1;
    this.maxSize += 1;
    super.visitInsn(opcode);
  }

  override visitIntInsn(opcode: number, operand: number): void {
    // bipush and newarray take 1 operand byte, sipush 2.
    const size = opcode === Opcodes.SIPUSH ? 3 : 2;
    this.minSize += size;
    this.maxSize += size;
    super.visitIntInsn(opcode, operand);
  }

  override visitVarInsn(opcode: number, varIndex: number): void {
    // xload_<n>/xstore_<n> for slots 0–3 (not ret), wide form from slot 256 (JVMS §6.5.wide).
    let size: number;
    if (varIndex < 4 && opcode !== Opcodes.RET) {
      size = 1;
    } else if (varIndex >= 256) {
      size = 4;
    } else {
      size = 2;
    }
    this.minSize += size;
    this.maxSize += size;
    super.visitVarInsn(opcode, varIndex);
  }

  override visitTypeInsn(opcode: number, type: string): void {
    this.minSize += 3;
    this.maxSize += 3;
    super.visitTypeInsn(opcode, type);
  }

  override visitFieldInsn(opcode: number, owner: string, name: string, descriptor: string): void {
    this.minSize += 3;
    this.maxSize += 3;
    super.visitFieldInsn(opcode, owner, name, descriptor);
  }

  override visitMethodInsn(opcode: number, owner: string, name: string, descriptor: string, isInterface?: boolean): void {
    // invokeinterface carries a count and a zero byte (JVMS §6.5.invokeinterface).
    const size = (opcode & ~Opcodes.SOURCE_MASK) === Opcodes.INVOKEINTERFACE ? 5 : 3;
    this.minSize += size;
    this.maxSize += size;
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
    bootstrapMethodArgumentsOrFirst?: ConstantValue | readonly unknown[],
    ...bootstrapMethodArgumentsMore: ConstantValue[]
  ): void {
    const bootstrapMethodArguments = varargsOf<ConstantValue>(bootstrapMethodArgumentsOrFirst as ConstantValue | readonly ConstantValue[] | undefined, bootstrapMethodArgumentsMore);
    this.minSize += 5;
    this.maxSize += 5;
    super.visitInvokeDynamicInsn(name, descriptor, bootstrapMethodHandle, bootstrapMethodArguments);
  }

  override visitJumpInsn(opcode: number, label: Label): void {
    // A far goto/jsr becomes goto_w/jsr_w (5 bytes); a far conditional jump becomes the inverted
    // condition over a goto_w (3 + 5 bytes).
    this.minSize += 3;
    if (opcode === Opcodes.GOTO || opcode === Opcodes.JSR) {
      this.maxSize += 5;
    } else {
      this.maxSize += 8;
    }
    super.visitJumpInsn(opcode, label);
  }

  override visitLdcInsn(value: ConstantValue): void {
    // long and double always use ldc2_w; other constants ldc, or ldc_w past pool index 255.
    if (
      typeof value === 'bigint' ||
      value instanceof Double ||
      (value instanceof ConstantDynamic && value.getSize() === 2)
    ) {
      this.minSize += 3;
      this.maxSize += 3;
    } else {
      this.minSize += 2;
      this.maxSize += 3;
    }
    super.visitLdcInsn(value);
  }

  override visitIincInsn(varIndex: number, increment: number): void {
    const size = varIndex > 255 || increment > 127 || increment < -128 ? 6 : 3;
    this.minSize += size;
    this.maxSize += size;
    super.visitIincInsn(varIndex, increment);
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
    // Opcode, 0–3 padding bytes, default, low, high, then the offsets.
    this.minSize += 13 + labels.length * 4;
    this.maxSize += 16 + labels.length * 4;
    super.visitTableSwitchInsn(min, max, dflt, labels);
  }

  override visitLookupSwitchInsn(dflt: Label, keys: number[], labels: Label[]): void {
    // Opcode, 0–3 padding bytes, default, npairs, then the pairs.
    this.minSize += 9 + keys.length * 8;
    this.maxSize += 12 + keys.length * 8;
    super.visitLookupSwitchInsn(dflt, keys, labels);
  }

  override visitMultiANewArrayInsn(descriptor: string, numDimensions: number): void {
    this.minSize += 4;
    this.maxSize += 4;
    super.visitMultiANewArrayInsn(descriptor, numDimensions);
  }
}
