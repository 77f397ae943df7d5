// ByteVector's storage is not zero-filled (src/asm/zeroed-slab.ts): every byte a put method counts must
// be written by it. These tests reuse storage that held other bytes, where an unwritten byte would show.
import { describe, expect, it } from 'vitest';
import { ByteVector } from '../src/asm/byte-vector.js';
import { ClassReader } from '../src/asm/class-reader.js';
import { ClassWriter } from '../src/asm/class-writer.js';
import { Label } from '../src/asm/label.js';
import { Opcodes } from '../src/asm/opcodes.js';

describe('ByteVector', () => {
  it('putByteArray(null, …) appends zero bytes, even over storage that held others', () => {
    const vector = new ByteVector();
    vector.putByteArray(new Uint8Array(100).fill(0xab), 0, 100);
    // Rewind (as the writer does when it drops what it appended) and append zeros over the 0xab bytes.
    vector.length = 3;
    vector.putByteArray(null, 0, 50);
    expect(vector.length).toBe(53);
    expect([...vector.data.subarray(0, 3)]).toEqual([0xab, 0xab, 0xab]);
    expect(vector.data.subarray(3, 53).every((b) => b === 0)).toBe(true);
  });

  it('grows to hold everything put, in order', () => {
    const vector = new ByteVector();
    for (let i = 0; i < 10_000; ++i) vector.putShort(i).putByte(i & 0xff);
    expect(vector.length).toBe(30_000);
    for (let i = 0; i < 10_000; ++i) {
      expect(((vector.data[3 * i]! << 8) | vector.data[3 * i + 1]!) === (i & 0xffff) && vector.data[3 * i + 2] === (i & 0xff)).toBe(true);
    }
  });

  it('putByteRun gives putByteArray’s bytes: any length and offset, sources and targets alternating, targets growing', () => {
    // Deterministic pseudo-random runs (a linear congruential generator).
    let seed = 12345;
    const next = (bound: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % bound;
    };
    // Sources at odd offsets of larger buffers (unaligned views), as class files in a pool of Buffers.
    const sources = [1, 3].map((shift) => {
      const buffer = new Uint8Array(5000 + shift);
      for (let i = 0; i < buffer.length; ++i) buffer[i] = (i * 31 + shift) & 0xff;
      return buffer.subarray(shift);
    });
    const runs = [new ByteVector(), new ByteVector()];
    const expected = [new ByteVector(), new ByteVector()];
    for (let i = 0; i < 3000; ++i) {
      const source = sources[next(2)]!;
      const target = next(2);
      const length = i % 50 === 0 ? 128 + next(300) : next(70);
      const offset = next(source.length - length);
      // A byte first, so that the runs start at every alignment in the target.
      runs[target]!.putByte(i & 0xff).putByteRun(source, offset, length);
      expected[target]!.putByte(i & 0xff).putByteArray(source, offset, length);
    }
    for (let t = 0; t < 2; ++t) {
      expect(runs[t]!.length).toBe(expected[t]!.length);
      expect(Buffer.from(runs[t]!.data.subarray(0, runs[t]!.length)).equals(Buffer.from(expected[t]!.data.subarray(0, expected[t]!.length)))).toBe(true);
    }
  });
});

/** A class whose one method is a tableswitch (with padding after its opcode) on its argument. */
function switchClass(): Uint8Array {
  const writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
  writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, 'S', null, 'java/lang/Object', null);
  const method = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, 'f', '(I)I', null, null);
  method.visitCode();
  const cases = [new Label(), new Label()];
  const otherwise = new Label();
  method.visitVarInsn(Opcodes.ILOAD, 0);
  method.visitTableSwitchInsn(0, 1, otherwise, ...cases);
  for (const [i, label] of cases.entries()) {
    method.visitLabel(label);
    method.visitIntInsn(Opcodes.BIPUSH, 10 + i);
    method.visitInsn(Opcodes.IRETURN);
  }
  method.visitLabel(otherwise);
  method.visitInsn(Opcodes.ICONST_M1);
  method.visitInsn(Opcodes.IRETURN);
  method.visitMaxs(0, 0);
  method.visitEnd();
  writer.visitEnd();
  return writer.toByteArray();
}

describe('class files written on storage that is not zero-filled', () => {
  it('the padding of a switch is zero, class after class', () => {
    for (let round = 0; round < 200; ++round) {
      const bytes = switchClass();
      let code: Uint8Array | null = null;
      // The bytecode: iload_0 (0x1a) at 0, tableswitch (0xaa) at 1, two bytes of padding (JVMS §6.5.tableswitch).
      for (let i = 0; i + 4 < bytes.length; ++i) {
        if (bytes[i] === 0x1a && bytes[i + 1] === 0xaa) code = bytes.subarray(i, i + 4);
      }
      expect(code).not.toBeNull();
      expect([...code!]).toEqual([0x1a, 0xaa, 0, 0]);
      // And it reads back as written.
      expect(() => new ClassReader(bytes).accept(new ClassWriter(0), 0)).not.toThrow();
    }
  });

  it('the same class written twice gives the same bytes', () => {
    const first = switchClass();
    for (let round = 0; round < 50; ++round) {
      expect(switchClass()).toEqual(first);
    }
  });
});
