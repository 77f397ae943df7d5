// Plain JavaScript callers (transform modules may be .mjs) can leave out the trailing null arguments
// of the node constructors, as Java callers cannot. The nodes take an omitted signature, value or
// exception list as null, so that the class written from them is the one written with explicit nulls
// (an undefined signature used to reach the ClassWriter as a string and fail in toByteArray).

import { describe, expect, it } from 'vitest';
import { ClassWriter } from '../src/asm/class-writer.js';
import { Opcodes } from '../src/asm/opcodes.js';
import { ClassNode } from '../src/tree/class-node.js';
import { FieldNode } from '../src/tree/field-node.js';
import { InsnNode } from '../src/tree/insn-node.js';
import { MethodNode } from '../src/tree/method-node.js';
import { RecordComponentNode } from '../src/tree/record-component-node.js';

/** The constructors as a JavaScript caller sees them: every argument after the descriptor optional. */
type Loose<T extends abstract new (...args: never[]) => unknown> = new (...args: unknown[]) => InstanceType<T>;
const LooseFieldNode = FieldNode as unknown as Loose<typeof FieldNode>;
const LooseMethodNode = MethodNode as unknown as Loose<typeof MethodNode>;
const LooseRecordComponentNode = RecordComponentNode as unknown as Loose<typeof RecordComponentNode>;

function recordClass(members: { fields: FieldNode[]; methods: MethodNode[]; components: RecordComponentNode[] }): Uint8Array {
  const node = new ClassNode();
  node.version = Opcodes.V17;
  node.access = Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER | Opcodes.ACC_RECORD;
  node.name = 'p/R';
  node.superName = 'java/lang/Record';
  node.fields.push(...members.fields);
  node.methods.push(...members.methods);
  node.recordComponents = members.components;
  const writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
  node.accept(writer);
  return writer.toByteArray();
}

function method(node: MethodNode): MethodNode {
  node.instructions.add(new InsnNode(Opcodes.RETURN));
  return node;
}

describe('node constructors without their trailing null arguments', () => {
  it('write the same class as with explicit nulls', () => {
    const explicit = recordClass({
      fields: [new FieldNode(Opcodes.ACC_PRIVATE | Opcodes.ACC_FINAL, 'x', 'I', null, null), new FieldNode(Opcodes.ASM9, Opcodes.ACC_STATIC, 'y', 'J', null, null)],
      methods: [method(new MethodNode(Opcodes.ACC_STATIC, 'm', '()V', null, null)), method(new MethodNode(Opcodes.ASM9, Opcodes.ACC_STATIC, 'n', '()V', null, null))],
      components: [new RecordComponentNode('x', 'I', null), new RecordComponentNode(Opcodes.ASM9, 'z', 'I', null)],
    });
    const omitted = recordClass({
      fields: [new LooseFieldNode(Opcodes.ACC_PRIVATE | Opcodes.ACC_FINAL, 'x', 'I'), new LooseFieldNode(Opcodes.ASM9, Opcodes.ACC_STATIC, 'y', 'J')],
      methods: [method(new LooseMethodNode(Opcodes.ACC_STATIC, 'm', '()V')), method(new LooseMethodNode(Opcodes.ASM9, Opcodes.ACC_STATIC, 'n', '()V'))],
      components: [new LooseRecordComponentNode('x', 'I'), new LooseRecordComponentNode(Opcodes.ASM9, 'z', 'I')],
    });
    expect(Buffer.from(omitted).equals(Buffer.from(explicit))).toBe(true);
  });

  it('read back as null', () => {
    const field = new LooseFieldNode(0, 'f', 'I');
    expect(field.signature).toBeNull();
    expect(field.value).toBeNull();
    expect(new LooseRecordComponentNode('c', 'I').signature).toBeNull();
    const node = new LooseMethodNode(0, 'm', '()V');
    expect(node.signature).toBeNull();
    expect(node.exceptions).toEqual([]);
  });
});
