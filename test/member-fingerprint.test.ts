// The member fingerprints that tell a tree transform's untouched methods and fields (copied raw) from the
// touched ones (re-encoded): replaying a member twice gives equal fingerprints, and any one change a transform
// can make to what the member writes — its declaration, an instruction, a constant, a label's place, a line
// number, a local variable, a handler, an annotation anywhere, max values — gives a different one.

import { beforeAll, describe, expect, it } from 'vitest';
import { ClassReader } from '../src/asm/class-reader.js';
import { Opcodes } from '../src/asm/opcodes.js';
import { ClassNode } from '../src/tree/class-node.js';
import type { FieldNode } from '../src/tree/field-node.js';
import { InsnNode } from '../src/tree/insn-node.js';
import { LdcInsnNode } from '../src/tree/ldc-insn-node.js';
import { LineNumberNode } from '../src/tree/line-number-node.js';
import type { MethodNode } from '../src/tree/method-node.js';
import { TypeInsnNode } from '../src/tree/type-insn-node.js';
import { Label } from '../src/asm/label.js';
import { VarInsnNode } from '../src/tree/var-insn-node.js';
import { EventEncoder, fingerprintsEqual, MemberFingerprinter } from '../src/tree/member-fingerprint.js';
import type { CompiledClass } from './support/javac.js';
import { compileFixtureBuild, fixtureBuilds } from './support/fixture-builds.js';

let classes: CompiledClass[];

beforeAll(async () => {
  classes = (await compileFixtureBuild(fixtureBuilds()[0]!)).classes;
});

function read(bytes: Uint8Array): ClassNode {
  const node = new ClassNode();
  // As the tree pass reads classes (frames are recomputed for touched methods).
  new ClassReader(bytes).accept(node, ClassReader.SKIP_FRAMES);
  return node;
}

/** A change a transform can make to a method, or null when the method has nothing it applies to. */
type MethodChange = (method: MethodNode) => boolean;

const METHOD_CHANGES: Record<string, MethodChange> = {
  access: (m) => ((m.access ^= Opcodes.ACC_SYNCHRONIZED), true),
  'an instruction added': (m) => m.instructions.size() > 0 && (m.instructions.insert(new InsnNode(Opcodes.NOP)), true),
  'a local variable operand': (m) => {
    const insn = m.instructions.toArray().find((i) => i instanceof VarInsnNode) as VarInsnNode | undefined;
    return insn !== undefined && ((insn.var += 1), true);
  },
  'a string constant': (m) => {
    const insn = m.instructions.toArray().find((i) => i instanceof LdcInsnNode && typeof i.cst === 'string') as LdcInsnNode | undefined;
    return insn !== undefined && ((insn.cst = `${String(insn.cst)}!`), true);
  },
  'a type operand': (m) => {
    const insn = m.instructions.toArray().find((i) => i instanceof TypeInsnNode) as TypeInsnNode | undefined;
    return insn !== undefined && ((insn.desc = insn.desc === 'java/lang/Object' ? 'java/lang/String' : 'java/lang/Object'), true);
  },
  'a line number': (m) => {
    const line = m.instructions.toArray().find((i) => i instanceof LineNumberNode) as LineNumberNode | undefined;
    return line !== undefined && ((line.line += 1), true);
  },
  'a line number moved to another label': (m) => {
    const lines = m.instructions.toArray().filter((i) => i instanceof LineNumberNode) as LineNumberNode[];
    return lines.length >= 2 && lines[0]!.start !== lines[1]!.start && ((lines[0]!.start = lines[1]!.start), true);
  },
  'a local variable name': (m) => {
    const variable = m.localVariables?.[0];
    return variable !== undefined && ((variable.name += 'x'), true);
  },
  'a handler type': (m) => {
    const handler = m.tryCatchBlocks?.[0];
    return handler !== undefined && ((handler.type = handler.type === 'java/lang/Error' ? null : 'java/lang/Error'), true);
  },
  'an annotation value': (m) => {
    const annotation = m.visibleAnnotations?.find((a) => a.values !== null && a.values.length >= 2);
    return annotation !== undefined && ((annotation.values![1] = 'changed'), true);
  },
  'a parameter annotation': (m) => {
    const annotations = m.visibleParameterAnnotations?.find((list) => list !== null && list.length > 0);
    return annotations !== undefined && annotations !== null && (annotations.pop(), true);
  },
  'a type annotation reference': (m) => {
    const annotation = m.visibleTypeAnnotations?.[0];
    return annotation !== undefined && ((annotation.typeRef ^= 1 << 16), true);
  },
  'an instruction type annotation': (m) => {
    const insn = m.instructions.toArray().find((i) => i.visibleTypeAnnotations !== null && i.visibleTypeAnnotations.length > 0);
    return insn !== undefined && ((insn.visibleTypeAnnotations = null), true);
  },
  'a parameter name': (m) => {
    const parameter = m.parameters?.[0];
    return parameter !== undefined && ((parameter.name = `${parameter.name ?? ''}x`), true);
  },
  'max stack': (m) => m.instructions.size() > 0 && ((m.maxStack += 1), true),
  'an exception declared': (m) => m.exceptions !== null && (m.exceptions.push('java/lang/Exception'), true),
  'an annotation default': (m) => m.annotationDefault !== null && m.annotationDefault !== undefined && ((m.annotationDefault = 'other'), true),
};

const FIELD_CHANGES: Record<string, (field: FieldNode) => boolean> = {
  access: (f) => ((f.access ^= Opcodes.ACC_TRANSIENT), true),
  signature: (f) => ((f.signature = 'Ljava/lang/Object;'), true),
  'a constant value': (f) => f.value !== null && ((f.value = 123), true),
  'an annotation removed': (f) => f.visibleAnnotations !== null && f.visibleAnnotations.length > 0 && (f.visibleAnnotations.pop(), true),
  'a type annotation removed': (f) =>
    f.visibleTypeAnnotations !== null && f.visibleTypeAnnotations.length > 0 && (f.visibleTypeAnnotations.pop(), true),
};

describe('member fingerprints', () => {
  it('are equal for a member replayed twice, and the replays leave the node as it was', () => {
    const fingerprinter = new MemberFingerprinter();
    for (const { bytes } of classes) {
      const node = read(bytes);
      for (const member of [...node.methods, ...node.fields]) {
        expect(fingerprintsEqual(fingerprinter.fingerprint(member), fingerprinter.fingerprint(member))).toBe(true);
      }
    }
  });

  it('differ after every kind of change a transform can make to a method', () => {
    const applied = new Map<string, number>();
    for (const { name, bytes } of classes) {
      const methodCount = read(bytes).methods.length;
      for (const [change, apply] of Object.entries(METHOD_CHANGES)) {
        for (let i = 0; i < methodCount; i++) {
          const method = read(bytes).methods[i]!;
          const fingerprinter = new MemberFingerprinter();
          const before = fingerprinter.fingerprint(method);
          if (!apply(method)) continue;
          applied.set(change, (applied.get(change) ?? 0) + 1);
          expect(fingerprintsEqual(before, fingerprinter.fingerprint(method)), `${change}: ${name}.${method.name}`).toBe(false);
        }
      }
    }
    // Every change applied somewhere in the fixtures.
    expect([...applied.keys()].sort()).toEqual(Object.keys(METHOD_CHANGES).sort());
  });

  it('differ after every kind of change a transform can make to a field', () => {
    const applied = new Set<string>();
    for (const { name, bytes } of classes) {
      const fieldCount = read(bytes).fields.length;
      for (const [change, apply] of Object.entries(FIELD_CHANGES)) {
        for (let i = 0; i < fieldCount; i++) {
          const field = read(bytes).fields[i]!;
          const fingerprinter = new MemberFingerprinter();
          const before = fingerprinter.fingerprint(field);
          if (!apply(field)) continue;
          applied.add(change);
          expect(fingerprintsEqual(before, fingerprinter.fingerprint(field)), `${change}: ${name}.${field.name}`).toBe(false);
        }
      }
    }
    expect([...applied].sort()).toEqual(Object.keys(FIELD_CHANGES).sort());
  });

  it('number labels by first appearance, in short streams and past the linear search (20 labels)', () => {
    const identities = new Map<object, number>();
    const encode = (labels: readonly Label[], order: readonly number[]): unknown[] => {
      const encoder = new EventEncoder(identities);
      for (const i of order) encoder.record('visitLabel', [labels[i]]);
      return encoder.tokens;
    };
    const first = Array.from({ length: 20 }, () => new Label());
    const second = Array.from({ length: 20 }, () => new Label());
    const order = [...Array.from({ length: 20 }, (_, i) => i), 3, 17, 0, 19, 15, 16];
    // Other Label objects in the same pattern of appearance: the same tokens.
    expect(encode(second, order)).toEqual(encode(first, order));
    const numbers = encode(first, order).filter((_, i) => i % 4 === 3);
    expect(numbers).toEqual([...Array.from({ length: 20 }, (_, i) => i), 3, 17, 0, 19, 15, 16]);
    // A label swapped for another after the 16th (Map) or before it (linear search): different tokens.
    for (const swapped of [5, 18]) {
      const other = [...order];
      other[other.length - 1] = swapped;
      expect(encode(first, other)).not.toEqual(encode(first, order));
    }
  });
});
