// # Did a visitor chain change this method? Compared while the events stream through
//
// A visitor pass (apply-transforms.ts) copies a method raw, with its original frames, when the
// events the chain sends to the writer are those the reader sent into the chain: a wrapper that
// changes nothing changes no byte. The two event streams are recorded as they pass — the reader's
// (OriginalMethodRecorder, between the reader and the chain) and the chain's
// (ComparedMethodInput, between the chain and the MethodWriter) — as tokens
// (member-fingerprint.ts: labels numbered by first appearance, so Label identity does not
// matter) and compared as they grow. The first difference stops both recordings: an instrumenting
// transform, which changes nearly every method in its first events, pays for a few tokens only.
//
// Meanwhile the chain's events go straight on to the MethodWriter; only its visitMaxs (where the
// writer computes frames) is held back until the comparison is decided, at the chain's visitEnd
// or, if the reader has not finished that method by then (a chain that reorders methods), at
// the class's visitEnd. A method found unchanged is then made a raw copy (the writer drops what it
// encoded: every constant it used is already in the pool it shares with the reader) and never
// has its frames computed, so it needs no class path.

import { AnnotationVisitor } from '../asm/annotation-visitor.js';
import type { ConstantValue } from '../asm/java-values.js';
import type { Label } from '../asm/label.js';
import type { Handle } from '../asm/handle.js';
import { MethodVisitor, type FrameElement } from '../asm/method-visitor.js';
import { Opcodes } from '../asm/opcodes.js';
import { EventEncoder } from '../tree/member-fingerprint.js';
import { Util } from '../tree/util.js';

/** The two event streams of one method: the reader's (the original) and the chain's. */
export class MethodEventComparison {
  private readonly original: EventEncoder;
  private readonly written: EventEncoder;
  /** Tokens [0, compared) are equal in both streams. */
  private compared = 0;
  private differs = false;
  /** Whether the reader has sent the original method's visitEnd. */
  private originalComplete = false;

  constructor(identities: Map<object, number>) {
    this.original = new EventEncoder(identities);
    this.written = new EventEncoder(identities);
  }

  /** Whether both streams are still being recorded (no difference found yet). */
  get recording(): boolean {
    return !this.differs;
  }

  /** Whether the reader has visited the whole original method. */
  get originalVisited(): boolean {
    return this.originalComplete;
  }

  /** Appends an event of the reader's stream. */
  recordOriginal(name: string, args: ArrayLike<unknown>): void {
    if (this.differs) return;
    this.original.record(name, args);
    this.compare();
  }

  /** Marks the original as complete (the reader visited the method's visitEnd). */
  originalEnded(): void {
    this.originalComplete = true;
  }

  /** Appends an event of the chain's stream. */
  recordWritten(name: string, args: ArrayLike<unknown>): void {
    if (this.differs) return;
    this.written.record(name, args);
    this.compare();
  }

  /** Marks the method as changed: a difference the token streams do not show (e.g. a rename). */
  markChanged(): void {
    this.stop();
  }

  /** Whether the chain's whole stream equals the reader's whole stream (call once both are complete). */
  isUnchanged(): boolean {
    if (this.differs || !this.originalComplete) return false;
    this.compare();
    return !this.differs && this.original.tokens.length === this.written.tokens.length;
  }

  private compare(): void {
    const originalTokens = this.original.tokens;
    const writtenTokens = this.written.tokens;
    const end = Math.min(originalTokens.length, writtenTokens.length);
    for (let i = this.compared; i < end; i++) {
      if (!Object.is(originalTokens[i], writtenTokens[i])) {
        this.stop();
        return;
      }
    }
    this.compared = end;
  }

  private stop(): void {
    // The tokens are not cleared: nothing is recorded once a difference is found, and they go
    // with the class's pass (allocating empty streams for each changed method cost more).
    this.differs = true;
  }
}

/** The MethodVisitor methods whose result is an AnnotationVisitor whose events belong to the stream. */
function returnsAnnotationVisitor(name: string): boolean {
  return name.endsWith('Annotation') || name === 'visitAnnotationDefault';
}

/**
 * Records the events of an annotation into a stream, and forwards them to `av` (which may be null:
 * the reader's original annotation is recorded even where the chain drops it).
 */
class RecordingAnnotationVisitor extends AnnotationVisitor {
  constructor(
    annotationVisitor: AnnotationVisitor | null,
    readonly record: (name: string, args: ArrayLike<unknown>) => void,
    readonly active: () => boolean,
  ) {
    super(Opcodes.ASM9, annotationVisitor);
  }
}

for (const name of Object.getOwnPropertyNames(AnnotationVisitor.prototype)) {
  if (!name.startsWith('visit')) continue;
  const forward = (AnnotationVisitor.prototype as unknown as Record<string, (...args: unknown[]) => unknown>)[name]!;
  const nests = name === 'visitAnnotation' || name === 'visitArray';
  Object.defineProperty(RecordingAnnotationVisitor.prototype, name, {
    value: function (this: RecordingAnnotationVisitor, ...args: unknown[]): unknown {
      if (!this.active()) return forward.apply(this, args);
      if (name === 'visit' && Util.isAnnotationArray(args[1])) {
        // Recorded as an AnnotationNode replays it (ASM's form): a primitive array value given in
        // one visit is replayed as visitArray and one visit per element, boxed as ASM boxes them.
        this.record('visitArray', [args[0]]);
        for (const element of Util.asArrayList(args[1] as unknown[])) this.record('visit', [null, element]);
        this.record('visitEnd', []);
      } else {
        this.record(name, args);
      }
      const result = forward.apply(this, args) as AnnotationVisitor | null | undefined;
      return nests ? new RecordingAnnotationVisitor(result ?? null, this.record, this.active) : result;
    },
    writable: true,
    configurable: true,
  });
}

/**
 * Records each event into one stream of a comparison (`record`) and forwards it to `mv`. The
 * frequent instruction events have methods of their own (no rest arguments); the others are
 * generated from MethodVisitor's prototype (addRecordingMethods), so that a visit method added
 * there is recorded too. Events are recorded in their full form, as the reader sends them: the
 * calls a chain may shorten (the four-argument visitMethodInsn, varargs given one by one) are
 * brought to it first, as MethodVisitor's own forwarding does.
 */
abstract class RecordingMethodVisitor extends MethodVisitor {
  declare mv: MethodVisitor;

  constructor(
    next: MethodVisitor,
    readonly comparison: MethodEventComparison,
  ) {
    super(Opcodes.ASM9, next);
  }

  /** Appends one event to this visitor's stream. */
  abstract record(name: string, args: ArrayLike<unknown>): void;

  override visitCode(): void {
    if (this.comparison.recording) this.record('visitCode', []);
    this.mv.visitCode();
  }

  override visitInsn(opcode: number): void {
    if (this.comparison.recording) this.record('visitInsn', [opcode]);
    this.mv.visitInsn(opcode);
  }

  override visitIntInsn(opcode: number, operand: number): void {
    if (this.comparison.recording) this.record('visitIntInsn', [opcode, operand]);
    this.mv.visitIntInsn(opcode, operand);
  }

  override visitVarInsn(opcode: number, varIndex: number): void {
    if (this.comparison.recording) this.record('visitVarInsn', [opcode, varIndex]);
    this.mv.visitVarInsn(opcode, varIndex);
  }

  override visitTypeInsn(opcode: number, type: string): void {
    if (this.comparison.recording) this.record('visitTypeInsn', [opcode, type]);
    this.mv.visitTypeInsn(opcode, type);
  }

  override visitFieldInsn(opcode: number, owner: string, name: string, descriptor: string): void {
    if (this.comparison.recording) this.record('visitFieldInsn', [opcode, owner, name, descriptor]);
    this.mv.visitFieldInsn(opcode, owner, name, descriptor);
  }

  override visitMethodInsn(opcode: number, owner: string, name: string, descriptor: string, isInterface?: boolean): void {
    const plainOpcode = opcode & ~Opcodes.SOURCE_MASK;
    // The ASM 4 form, completed as MethodVisitor.visitMethodInsn does.
    if (isInterface === undefined) isInterface = plainOpcode === Opcodes.INVOKEINTERFACE;
    if (this.comparison.recording) this.record('visitMethodInsn', [plainOpcode, owner, name, descriptor, isInterface]);
    this.mv.visitMethodInsn(plainOpcode, owner, name, descriptor, isInterface);
  }

  override visitTableSwitchInsn(min: number, max: number, dflt: Label, ...labels: (Label | readonly Label[])[]): void {
    const list = labels.length === 1 && Array.isArray(labels[0]) ? (labels[0] as readonly Label[]) : (labels as Label[]);
    if (this.comparison.recording) this.record('visitTableSwitchInsn', [min, max, dflt, list]);
    this.mv.visitTableSwitchInsn(min, max, dflt, list as Label[]);
  }

  override visitInvokeDynamicInsn(name: string, descriptor: string, handle: Handle, ...bootstrapMethodArguments: (ConstantValue | readonly unknown[])[]): void {
    const list =
      bootstrapMethodArguments.length === 1 && Array.isArray(bootstrapMethodArguments[0])
        ? (bootstrapMethodArguments[0] as readonly unknown[])
        : bootstrapMethodArguments;
    if (this.comparison.recording) this.record('visitInvokeDynamicInsn', [name, descriptor, handle, list]);
    this.mv.visitInvokeDynamicInsn(name, descriptor, handle, list);
  }

  override visitJumpInsn(opcode: number, label: Label): void {
    if (this.comparison.recording) this.record('visitJumpInsn', [opcode, label]);
    this.mv.visitJumpInsn(opcode, label);
  }

  override visitLabel(label: Label): void {
    if (this.comparison.recording) this.record('visitLabel', [label]);
    this.mv.visitLabel(label);
  }

  override visitLdcInsn(value: ConstantValue): void {
    if (this.comparison.recording) this.record('visitLdcInsn', [value]);
    this.mv.visitLdcInsn(value);
  }

  override visitIincInsn(varIndex: number, increment: number): void {
    if (this.comparison.recording) this.record('visitIincInsn', [varIndex, increment]);
    this.mv.visitIincInsn(varIndex, increment);
  }

  override visitTryCatchBlock(start: Label, end: Label, handler: Label, type: string | null = null): void {
    if (this.comparison.recording) this.record('visitTryCatchBlock', [start, end, handler, type]);
    this.mv.visitTryCatchBlock(start, end, handler, type);
  }

  override visitLocalVariable(name: string, descriptor: string, signature: string | null, start: Label, end: Label, index: number): void {
    if (this.comparison.recording) this.record('visitLocalVariable', [name, descriptor, signature, start, end, index]);
    this.mv.visitLocalVariable(name, descriptor, signature, start, end, index);
  }

  override visitLineNumber(line: number, start: Label): void {
    if (this.comparison.recording) this.record('visitLineNumber', [line, start]);
    this.mv.visitLineNumber(line, start);
  }
}

/**
 * Sits between the reader and the chain for one method: records the reader's events (the
 * original method) and forwards them to the chain's visitor.
 */
export class OriginalMethodRecorder extends RecordingMethodVisitor {
  record(name: string, args: ArrayLike<unknown>): void {
    this.comparison.recordOriginal(name, args);
  }

  override visitEnd(): void {
    this.comparison.recordOriginal('visitEnd', []);
    this.comparison.originalEnded();
    this.mv.visitEnd();
  }
}

/**
 * Sits between the chain and the MethodWriter for one method: records the chain's events, drops
 * visitFrame where the class keeps no StackMapTable (`dropFrames`), forwards the rest to the
 * writer's visitor, and holds visitMaxs back until `decide` (see the file comment).
 */
export class ComparedMethodInput extends RecordingMethodVisitor {
  private heldMaxs: [number, number] | null = null;
  private decided = false;
  private ended = false;

  constructor(
    /** The writer's visitor for the method. */
    readonly writerVisitor: MethodVisitor,
    comparison: MethodEventComparison,
    private readonly dropFrames: boolean,
    /** Makes the writer's visitor a raw copy of the original method if it can; false when it cannot. */
    private readonly copyOriginal: () => boolean,
  ) {
    super(writerVisitor, comparison);
  }

  record(name: string, args: ArrayLike<unknown>): void {
    this.comparison.recordWritten(name, args);
  }

  override visitFrame(type: number, numLocal: number, local: FrameElement[] | null, numStack: number, stack: FrameElement[] | null): void {
    if (this.dropFrames) return;
    if (this.comparison.recording) this.record('visitFrame', [type, numLocal, local, numStack, stack]);
    this.mv.visitFrame(type, numLocal, local, numStack, stack);
  }

  override visitMaxs(maxStack: number, maxLocals: number): void {
    this.comparison.recordWritten('visitMaxs', [maxStack, maxLocals]);
    if (this.decided) {
      this.writerVisitor.visitMaxs(maxStack, maxLocals);
    } else {
      this.heldMaxs = [maxStack, maxLocals];
    }
  }

  override visitEnd(): void {
    this.comparison.recordWritten('visitEnd', []);
    this.ended = true;
    // Else the reader has not finished the original yet: the class's visitEnd decides.
    if (this.comparison.originalVisited || !this.comparison.recording) this.decide();
  }

  /**
   * Decides (once): a method whose events are the original's becomes a raw copy; any other gets
   * its held visitMaxs (frames computed now) and its visitEnd, if it had one. Called for a method
   * the chain never used (the reader got the writer's own visitor) it does nothing.
   */
  decide(): void {
    if (this.decided) return;
    this.decided = true;
    if (this.ended && this.comparison.isUnchanged() && this.copyOriginal()) return;
    if (this.heldMaxs !== null) {
      this.writerVisitor.visitMaxs(this.heldMaxs[0], this.heldMaxs[1]);
      this.heldMaxs = null;
    }
    if (this.ended) this.writerVisitor.visitEnd();
  }
}

/** Adds to `prototype` a recording, forwarding method for every visit… method of MethodVisitor it does not define itself. */
function addRecordingMethods(prototype: RecordingMethodVisitor): void {
  for (const name of Object.getOwnPropertyNames(MethodVisitor.prototype)) {
    if (!name.startsWith('visit') || Object.prototype.hasOwnProperty.call(RecordingMethodVisitor.prototype, name)) continue;
    if (Object.prototype.hasOwnProperty.call(prototype, name)) continue;
    const forward = (MethodVisitor.prototype as unknown as Record<string, (...args: unknown[]) => unknown>)[name]!;
    const annotation = returnsAnnotationVisitor(name);
    Object.defineProperty(prototype, name, {
      value: function (this: RecordingMethodVisitor, ...args: unknown[]): unknown {
        const comparison = this.comparison;
        if (!comparison.recording) return forward.apply(this, args);
        this.record(name, args);
        const result = forward.apply(this, args);
        if (!annotation) return result;
        return new RecordingAnnotationVisitor(
          (result as AnnotationVisitor | null | undefined) ?? null,
          (nestedName, nestedArgs) => this.record(nestedName, nestedArgs),
          () => comparison.recording,
        );
      },
      writable: true,
      configurable: true,
    });
  }
}

addRecordingMethods(OriginalMethodRecorder.prototype);
addRecordingMethods(ComparedMethodInput.prototype);
