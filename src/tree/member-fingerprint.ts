// # Member fingerprints: did a tree transform touch this method (or field)?
//
// A tree transform gets a whole ClassNode and may change anything in place. To keep the methods
// it did not touch byte for byte (copied raw, their frames not recomputed), each MethodNode and
// FieldNode is fingerprinted before and after the transform, and a member whose fingerprint is
// unchanged is copied from the original class file.
//
// The fingerprint is the sequence of visitor events the node replays (MethodNode.accept), with
// every argument encoded: instruction fields, constants, annotations, try/catch blocks, local
// variables, max values. Labels are numbered by first appearance, so the fingerprint does not
// depend on Label identity (accept() replaces a node's Labels between replays). An object this
// encoding cannot see into (a non-standard Attribute) counts by identity: replacing it is seen,
// mutating its content in place is not.

import { Attribute } from '../asm/attribute.js';
import { ClassVisitor } from '../asm/class-visitor.js';
import { AnnotationVisitor } from '../asm/annotation-visitor.js';
import { FieldVisitor } from '../asm/field-visitor.js';
import type { ConstantValue } from '../asm/java-values.js';
import { Label } from '../asm/label.js';
import { MethodVisitor } from '../asm/method-visitor.js';
import { Opcodes } from '../asm/opcodes.js';
import type { FieldNode } from './field-node.js';
import { MethodNode } from './method-node.js';

/**
 * One visitor that records every method, field and annotation event of a member (it stands for all
 * three visitor kinds, which share their method names' prefix): its visit… methods are generated
 * from the visitor classes' prototypes, so that a visit method added to them is recorded too.
 * visit…Annotation, visitAnnotationDefault and visitArray return the recorder again, since nesting is
 * delimited by the visitEnd events it records too.
 */
class RecordingVisitor extends MethodVisitor {
  private readonly out: EventTokens;

  constructor(readonly fingerprinter: MemberFingerprinter) {
    super(Opcodes.ASM9);
    this.out = fingerprinter.encoder;
  }

  // The frequent instruction events, recorded as the generated methods record them (name, argument
  // count, each argument encoded), without rest arguments: a tree pass fingerprints every method twice.

  override visitInsn(opcode: number): void {
    this.out.tokens.push('visitInsn', 1, opcode);
  }

  override visitIntInsn(opcode: number, operand: number): void {
    this.out.tokens.push('visitIntInsn', 2, opcode, operand);
  }

  override visitVarInsn(opcode: number, varIndex: number): void {
    this.out.tokens.push('visitVarInsn', 2, opcode, varIndex);
  }

  override visitTypeInsn(opcode: number, type: string): void {
    this.out.tokens.push('visitTypeInsn', 2, opcode, type);
  }

  override visitFieldInsn(opcode: number, owner: string, name: string, descriptor: string): void {
    this.out.tokens.push('visitFieldInsn', 4, opcode, owner, name, descriptor);
  }

  override visitMethodInsn(opcode: number, owner: string, name: string, descriptor: string, isInterface?: boolean): void {
    this.out.tokens.push('visitMethodInsn', 5, opcode, owner, name, descriptor, isInterface);
  }

  override visitJumpInsn(opcode: number, label: Label): void {
    this.out.tokens.push('visitJumpInsn', 2, opcode);
    this.out.label(label);
  }

  override visitLabel(label: Label): void {
    this.out.tokens.push('visitLabel', 1);
    this.out.label(label);
  }

  override visitLineNumber(line: number, start: Label): void {
    this.out.tokens.push('visitLineNumber', 2, line);
    this.out.label(start);
  }

  override visitIincInsn(varIndex: number, increment: number): void {
    this.out.tokens.push('visitIincInsn', 2, varIndex, increment);
  }
}

/** What RecordingVisitor's own methods write to: the token list and the label numbering. */
interface EventTokens {
  readonly tokens: unknown[];
  label(label: Label): void;
}

for (const prototype of [MethodVisitor.prototype, FieldVisitor.prototype, AnnotationVisitor.prototype]) {
  for (const name of Object.getOwnPropertyNames(prototype)) {
    if (!name.startsWith('visit') || Object.prototype.hasOwnProperty.call(RecordingVisitor.prototype, name)) continue;
    const returnsVisitor = name === 'visitArray' || name.endsWith('Annotation') || name === 'visitAnnotationDefault';
    Object.defineProperty(RecordingVisitor.prototype, name, {
      value: function (this: RecordingVisitor, ...args: unknown[]): unknown {
        this.fingerprinter.record(name, args);
        return returnsVisitor ? this : undefined;
      },
      writable: true,
      configurable: true,
    });
  }
}

/** Records a member's declaration (visitMethod, visitField), then its content through `recorder`. */
class RecordingClassVisitor extends ClassVisitor {
  constructor(private readonly recorder: RecordingVisitor) {
    super(Opcodes.ASM9);
  }

  override visitMethod(
    access: number,
    name: string,
    descriptor: string,
    signature: string | null = null,
    exceptions: string[] | null = null,
  ): MethodVisitor {
    this.recorder.fingerprinter.record('method', [access, name, descriptor, signature, exceptions]);
    return this.recorder;
  }

  override visitField(
    access: number,
    name: string,
    descriptor: string,
    signature: string | null = null,
    value: ConstantValue | null = null,
  ): FieldVisitor {
    this.recorder.fingerprinter.record('field', [access, name, descriptor, signature, value]);
    return this.recorder as unknown as FieldVisitor;
  }
}

/** The encoded events of one member; compare two with fingerprintsEqual. */
export type MemberFingerprint = readonly unknown[];

/** Labels an EventEncoder numbers by linear search before it switches to a Map. */
const LINEAR_LABEL_SEARCH_LIMIT = 16;

/**
 * Encodes a stream of visitor events as tokens: each event's name, its argument count and each
 * argument encoded. Labels are numbered by first appearance in this stream; objects seen by
 * identity are numbered in the `identities` map, which encoders compared with each other share.
 */
export class EventEncoder {
  /** The tokens so far. */
  tokens: unknown[] = [];
  /**
   * The labels seen, in order of first appearance (a label's number is its index): searched
   * linearly while short — most streams compared end within a few labels, and a Map would give
   * each Label object an identity hash — and through `labelNumbers` beyond that.
   */
  private labels: Label[] = [];
  private labelNumbers: Map<Label, number> | null = null;

  constructor(private readonly identities: Map<object, number>) {}

  /** Appends one event: its name, its argument count and each argument encoded. */
  record(name: string, args: ArrayLike<unknown>): void {
    this.tokens.push(name, args.length);
    for (let i = 0; i < args.length; i++) this.encode(args[i]);
  }

  /** Appends a Label argument: its number by first appearance in this stream. */
  label(label: Label): void {
    this.tokens.push('#label', this.labelNumber(label));
  }

  private labelNumber(label: Label): number {
    const labels = this.labels;
    if (this.labelNumbers === null) {
      for (let i = 0; i < labels.length; i++) if (labels[i] === label) return i;
      labels.push(label);
      if (labels.length === LINEAR_LABEL_SEARCH_LIMIT) this.labelNumbers = new Map(labels.map((seen, i) => [seen, i]));
      return labels.length - 1;
    }
    let id = this.labelNumbers.get(label);
    if (id === undefined) {
      this.labelNumbers.set(label, (id = labels.length));
      labels.push(label);
    }
    return id;
  }

  /** Forgets the tokens and the label numbers: the next event starts a new stream. */
  reset(): void {
    this.tokens = [];
    this.labels = [];
    this.labelNumbers = null;
  }

  private encode(value: unknown): void {
    const tokens = this.tokens;
    if (value === null || typeof value !== 'object') {
      // Strings, numbers, booleans, bigints (long constants), null and undefined compare with Object.is.
      tokens.push(value);
      return;
    }
    if (value instanceof Label) {
      this.label(value);
      return;
    }
    if (Array.isArray(value) || ArrayBuffer.isView(value)) {
      const list = value as ArrayLike<unknown>;
      tokens.push('#array', list.length);
      for (let i = 0; i < list.length; i++) this.encode(list[i]);
      return;
    }
    if (value instanceof Attribute) {
      tokens.push('#attribute', value.type, this.identity(value));
      return;
    }
    const constructorName = (value as object).constructor?.name;
    if (constructorName !== undefined && constructorName !== 'Object' && typeof (value as object).toString === 'function') {
      // Type, Handle, ConstantDynamic, TypePath, Float/Double (by bits: NaN payloads), Byte, Short, Character.
      const bits = (value as { bits?: unknown }).bits;
      tokens.push('#' + constructorName, bits !== undefined ? bits : String(value));
      return;
    }
    tokens.push('#object', this.identity(value));
  }

  private identity(value: object): number {
    let id = this.identities.get(value);
    if (id === undefined) this.identities.set(value, (id = this.identities.size));
    return id;
  }
}

/** Fingerprints the members of one class; objects seen by identity keep their number across calls. */
export class MemberFingerprinter {
  /** @internal The encoder RecordingVisitor writes to. */
  readonly encoder = new EventEncoder(new Map<object, number>());
  private readonly recorder: ClassVisitor;

  constructor() {
    this.recorder = new RecordingClassVisitor(new RecordingVisitor(this));
  }

  /** @internal Appends one event: its name, its argument count and each argument encoded. */
  record(name: string, args: ArrayLike<unknown>): void {
    this.encoder.record(name, args);
  }

  /** The fingerprint of what `member` replays now. */
  fingerprint(member: MethodNode | FieldNode): MemberFingerprint {
    this.encoder.reset();
    if (member instanceof MethodNode) {
      // Labels are numbered here, not resolved: no need for fresh ones (accept would make them).
      member.replayWithoutLabelReset(this.recorder);
    } else {
      member.accept(this.recorder);
    }
    const tokens = this.encoder.tokens;
    this.encoder.reset();
    return tokens;
  }
}

/** Whether two fingerprints are the same event sequence. */
export function fingerprintsEqual(a: MemberFingerprint, b: MemberFingerprint): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (!Object.is(a[i], b[i])) return false;
  }
  return true;
}
