// A member reference an adapter adds on the copy path (new ClassWriter(reader, …)) is added once,
// and reuses the source's own constant when the source has it: whether the source pool's references
// were hashed for the lookup (a NameAndType of that name exists) or not (none does, see
// SymbolTable.sourceMayHoldNameAndType), the pool is the one a full search gives.
import { describe, expect, it } from 'vitest';
import { ClassReader } from '../src/asm/class-reader.js';
import { ClassVisitor } from '../src/asm/class-visitor.js';
import { ClassWriter } from '../src/asm/class-writer.js';
import { MethodVisitor } from '../src/asm/method-visitor.js';
import { Opcodes } from '../src/asm/opcodes.js';
import { readRawClassFile } from '../src/classfile/raw-class-file.js';
import type { ConstantPoolEntry } from '../src/classfile/constant-pool.js';
import { compileJava } from './support/javac.js';

/** Calls System.nanoTime() (result dropped) at the start of every method body. */
class NanoTimeAtEntry extends ClassVisitor {
  constructor(next: ClassVisitor) {
    super(Opcodes.ASM9, next);
  }
  override visitMethod(access: number, name: string, descriptor: string, signature: string | null, exceptions: string[] | null): MethodVisitor | null {
    const next = super.visitMethod(access, name, descriptor, signature, exceptions);
    return new (class extends MethodVisitor {
      override visitCode(): void {
        super.visitCode();
        super.visitMethodInsn(Opcodes.INVOKESTATIC, 'java/lang/System', 'nanoTime', '()J', false);
        super.visitInsn(Opcodes.POP2);
      }
    })(Opcodes.ASM9, next);
  }
}

/** The class's constants as text: `Methodref java/lang/System.nanoTime:()J`, `NameAndType nanoTime:()J`, `Utf8 nanoTime`… */
function constants(bytes: Uint8Array): string[] {
  const entries = readRawClassFile(bytes).constantPool.entries;
  const utf8 = (index: number): string => {
    const entry = entries[index]!;
    return entry.kind === 'Utf8' ? entry.value : `#${index}`;
  };
  const text = (entry: ConstantPoolEntry): string => {
    switch (entry.kind) {
      case 'Utf8':
        return `Utf8 ${entry.value}`;
      case 'Class':
        return `Class ${utf8(entry.nameIndex)}`;
      case 'NameAndType':
        return `NameAndType ${utf8(entry.nameIndex)}:${utf8(entry.descriptorIndex)}`;
      case 'Fieldref':
      case 'Methodref':
      case 'InterfaceMethodref': {
        const owner = entries[entry.classIndex]!;
        const nameAndType = entries[entry.nameAndTypeIndex]!;
        if (owner.kind !== 'Class' || nameAndType.kind !== 'NameAndType') return `${entry.kind} ?`;
        return `${entry.kind} ${utf8(owner.nameIndex)}.${utf8(nameAndType.nameIndex)}:${utf8(nameAndType.descriptorIndex)}`;
      }
      default:
        return entry.kind;
    }
  };
  return entries.flatMap((entry) => (entry === null ? [] : [text(entry)]));
}

const count = (list: string[], item: string): number => list.filter((x) => x === item).length;

describe('member references added on the copy path', () => {
  it('are added once, or found in the source pool, whether or not its references had to be hashed', async () => {
    const compiled = await compileJava({
      // Never says nanoTime: its references are not hashed for the lookup.
      'p/Plain.java': 'package p; public class Plain { int f(int x) { return x + 1; } int g() { return f(2) * f(3); } }',
      // Calls it: the lookup must find the source's Methodref, not add a second one.
      'p/Caller.java': 'package p; public class Caller { long t() { return System.nanoTime(); } long u() { return t() + System.nanoTime(); } }',
      // Holds the name as a string and as a field name of another class, never as a method name of System.
      'p/NameOnly.java': 'package p; public class NameOnly { long nanoTime; String s() { return "nanoTime"; } long v() { return nanoTime; } }',
      // A NameAndType nanoTime:()J of another owner: the Methodref is new, the NameAndType shared.
      'p/OtherOwner.java': 'package p; public class OtherOwner { static long nanoTime() { return 1; } long w() { return nanoTime(); } }',
    });
    for (const name of ['Plain', 'Caller', 'NameOnly', 'OtherOwner']) {
      const input = compiled.classes.find((c) => c.name === `p/${name}`)!.bytes;
      const reader = new ClassReader(input);
      const writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
      reader.accept(new NanoTimeAtEntry(writer), 0);
      const before = constants(input);
      const after = constants(writer.toByteArray());
      // The source pool comes first, unchanged (the copy path keeps it as it was).
      expect(after.slice(0, before.length), name).toEqual(before);
      for (const constant of ['Methodref java/lang/System.nanoTime:()J', 'NameAndType nanoTime:()J', 'Utf8 nanoTime', 'Utf8 ()J', 'Class java/lang/System']) {
        expect(count(after, constant), `${name}: ${constant}`).toBe(1);
      }
      // Nothing but what the call needs is added, and nothing the source had is added again.
      const added = after.slice(before.length);
      for (const constant of added) expect(before, `${name}: ${constant} added again`).not.toContain(constant);
      if (name === 'Caller') expect(added).toEqual([]);
    }
  });
});
