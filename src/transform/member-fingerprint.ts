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
import type { FieldVisitor } from '../asm/field-visitor.js';
import type { ConstantValue } from '../asm/java-values.js';
import { Label } from '../asm/label.js';
import { MethodVisitor } from '../asm/method-visitor.js';
import { Opcodes } from '../asm/opcodes.js';
import type { FieldNode } from '../tree/field-node.js';
import type { MethodNode } from '../tree/method-node.js';

/** The encoded events of one member; compare two with fingerprintsEqual. */
export type MemberFingerprint = readonly unknown[];

/** Fingerprints the members of one class; objects seen by identity keep their number across calls. */
export class MemberFingerprinter {
  private readonly identities = new Map<object, number>();
  private tokens: unknown[] = [];
  private labels = new Map<Label, number>();
  private readonly recorder: ClassVisitor;

  constructor() {
    const self = this;
    const record = (name: string, args: ArrayLike<unknown>): void => {
      self.tokens.push(name, args.length);
      for (let i = 0; i < args.length; i++) self.encode(args[i]);
    };
    // One proxy records every method, field and annotation event; visit…Annotation and visitArray
    // return it again, since nesting is delimited by the visitEnd events it records too.
    let proxy: unknown = null;
    const handler: ProxyHandler<object> = {
      get(target, property, receiver) {
        if (typeof property !== 'string' || !property.startsWith('visit')) return Reflect.get(target, property, receiver);
        const returnsVisitor = property === 'visitArray' || property.endsWith('Annotation') || property === 'visitAnnotationDefault';
        return function (...args: unknown[]): unknown {
          record(property, args);
          return returnsVisitor ? proxy : undefined;
        };
      },
    };
    proxy = new Proxy(new MethodVisitor(Opcodes.ASM9), handler);
    this.recorder = new (class extends ClassVisitor {
      override visitMethod(
        access: number,
        name: string,
        descriptor: string,
        signature: string | null,
        exceptions: string[] | null,
      ): MethodVisitor {
        record('method', [access, name, descriptor, signature, exceptions]);
        return proxy as MethodVisitor;
      }

      override visitField(
        access: number,
        name: string,
        descriptor: string,
        signature: string | null,
        value: ConstantValue | null,
      ): FieldVisitor {
        record('field', [access, name, descriptor, signature, value]);
        return proxy as FieldVisitor;
      }
    })(Opcodes.ASM9);
  }

  /** The fingerprint of what `member` replays now. */
  fingerprint(member: MethodNode | FieldNode): MemberFingerprint {
    this.tokens = [];
    this.labels = new Map();
    member.accept(this.recorder);
    const tokens = this.tokens;
    this.tokens = [];
    return tokens;
  }

  private encode(value: unknown): void {
    const tokens = this.tokens;
    if (value === null || typeof value !== 'object') {
      // Strings, numbers, booleans, bigints (long constants), null and undefined compare with Object.is.
      tokens.push(value);
      return;
    }
    if (value instanceof Label) {
      let id = this.labels.get(value);
      if (id === undefined) this.labels.set(value, (id = this.labels.size));
      tokens.push('#label', id);
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

/** Whether two fingerprints are the same event sequence. */
export function fingerprintsEqual(a: MemberFingerprint, b: MemberFingerprint): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (!Object.is(a[i], b[i])) return false;
  }
  return true;
}
