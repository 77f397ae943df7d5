// A ClassWriter written from scratch while a ClassReader visits takes that reader's pool as a dictionary
// (SymbolTable.useDictionary) and the reader's positions as hints (readerHints): its Utf8 constants are found
// by pool index instead of being hashed. The output must not depend on it: these compare each result with the
// same events replayed from a ClassNode after the reader has finished (no dictionary), byte for byte, through
// an adapter that renames things, with a pool that holds a Utf8 constant twice, and with a foreign dictionary.

import { describe, expect, it } from 'vitest';
import { ClassReader } from '../src/asm/class-reader.js';
import { ClassVisitor } from '../src/asm/class-visitor.js';
import { ClassWriter } from '../src/asm/class-writer.js';
import { Opcodes } from '../src/asm/opcodes.js';
import { ClassPath } from '../src/classpath/class-path.js';
import { ClassRemapper } from '../src/commons/class-remapper.js';
import { SimpleRemapper } from '../src/commons/simple-remapper.js';
import { ClassNode } from '../src/tree/class-node.js';
import { compileJava } from './support/javac.js';

const jdk = new ClassPath([]);
// With every class-level hint of readerHints.classEntryOffset (Signature, SourceFile, InnerClasses, NestMembers,
// NestHost, PermittedSubclasses, EnclosingMethod) and the members' Signature and Exceptions.
const JDK_CLASSES = [
  'java/lang/String',
  'java/util/HashMap',
  'java/lang/Thread',
  'java/util/concurrent/ConcurrentHashMap',
  'java/util/HashMap$TreeNode',
  'java/lang/constant/ConstantDesc',
  'java/util/Collections$1',
];

type Wrap = (writer: ClassWriter) => ClassVisitor;
const identity: Wrap = (writer) => writer;

/** Reader → wrap(writer), the writer's dictionary in use; returns the bytes and the writer. */
function rewriteWhileReading(bytes: Uint8Array, wrap: Wrap, flags = 0): { out: Uint8Array; writer: ClassWriter } {
  const writer = new ClassWriter(flags);
  new ClassReader(bytes).accept(wrap(writer), 0);
  return { out: writer.toByteArray(), writer };
}

/** The same events replayed from a ClassNode once the reader is done: no dictionary, no hints. */
function rewriteFromTree(bytes: Uint8Array, wrap: Wrap, flags = 0): Uint8Array {
  const node = new ClassNode();
  new ClassReader(bytes).accept(node, 0);
  const writer = new ClassWriter(flags);
  node.accept(wrap(writer));
  expect(dictionaryOf(writer)).toBeNull();
  return writer.toByteArray();
}

function dictionaryOf(writer: ClassWriter): unknown {
  return (writer as unknown as { symbolTable: { dictionaryReader: unknown } }).symbolTable.dictionaryReader;
}

function u2(b: Uint8Array, offset: number): number {
  return (b[offset]! << 8) | b[offset + 1]!;
}

describe('the dictionary of a ClassWriter written while a reader visits', () => {
  it('is used through adapters, and gives the same bytes as without it', () => {
    const renamer: Wrap = (writer) =>
      new ClassRemapper(
        writer,
        new SimpleRemapper({
          'java/util/HashMap': 'renamed/Map',
          'java/lang/String.length()I': 'size',
          'java/lang/Object': 'renamed/Base',
        }),
      );
    for (const name of JDK_CLASSES) {
      const bytes = jdk.getClassBytes(name)!;
      for (const wrap of [identity, renamer]) {
        for (const flags of [0, ClassWriter.COMPUTE_MAXS]) {
          const { out, writer } = rewriteWhileReading(bytes, wrap, flags);
          expect(dictionaryOf(writer)).not.toBeNull();
          expect(Buffer.from(out).equals(Buffer.from(rewriteFromTree(bytes, wrap, flags))), `${name} flags ${flags}`).toBe(true);
        }
      }
    }
  });

  it('adds a value once when the reader pool holds its Utf8 constant twice', async () => {
    const compiled = await compileJava(
      { 'dup/Dup.java': 'package dup;\npublic class Dup {\n  public int twice(int x) { int twice = x * 2; return twice; }\n}\n' },
      { options: ['-g'] },
    );
    const original = compiled.classes.find((c) => c.name === 'dup/Dup')!.bytes;
    const reader = new ClassReader(original);
    // Append a second Utf8 "twice" to the pool (JVMS §4.4.7) and make the method twice() use it.
    const count = reader.getItemCount();
    const header = reader.header;
    const extra = new Uint8Array([1, 0, 5, ...Buffer.from('twice')]);
    const bytes = new Uint8Array(original.length + extra.length);
    bytes.set(original.subarray(0, header));
    bytes.set(extra, header);
    bytes.set(original.subarray(header), header + extra.length);
    bytes[8] = (count + 1) >> 8;
    bytes[9] = (count + 1) & 0xff;
    // access_flags, this_class, super_class, interfaces_count (0), fields_count (0), methods_count, then <init>.
    let offset = header + extra.length + 8;
    expect(u2(bytes, offset - 2)).toBe(0);
    expect(u2(bytes, offset)).toBe(0);
    offset += 4;
    const skipMethod = (at: number) => {
      let p = at + 8;
      for (let n = u2(bytes, at + 6); n > 0; n--) p += 6 + ((bytes[p + 2]! << 24) | (bytes[p + 3]! << 16) | u2(bytes, p + 4));
      return p;
    };
    const twiceOffset = skipMethod(offset);
    const twiceNameIndex = u2(bytes, twiceOffset + 2);
    expect(new ClassReader(bytes).readUTF8(twiceOffset + 2)).toBe('twice');
    bytes[twiceOffset + 2] = count >> 8;
    bytes[twiceOffset + 3] = count & 0xff;
    expect(u2(bytes, twiceOffset + 2)).not.toBe(twiceNameIndex);

    const { out, writer } = rewriteWhileReading(bytes, identity);
    expect(dictionaryOf(writer)).not.toBeNull();
    expect(Buffer.from(out).equals(Buffer.from(rewriteFromTree(bytes, identity)))).toBe(true);
    // One "twice" in the result, shared by the method and its local variable.
    const text = Buffer.from(out).toString('latin1');
    const twiceConstants = text.split('\u0001\u0000\u0005twice').length - 1;
    expect(twiceConstants).toBe(1);
  });

  it('tolerates a dictionary from an unrelated reader and stale hints', () => {
    const [first, second] = [jdk.getClassBytes(JDK_CLASSES[0]!)!, jdk.getClassBytes(JDK_CLASSES[1]!)!];
    const node = new ClassNode();
    new ClassReader(second).accept(node, 0);
    let out: Uint8Array | null = null;
    let writer: ClassWriter | null = null;
    // While the first class is read, the second is written from its tree: the first reader is the
    // writer's dictionary, and the hints point into the first class.
    class ReplayInside extends ClassVisitor {
      constructor() {
        super(Opcodes.ASM9);
      }
      override visitEnd(): void {
        writer = new ClassWriter(0);
        node.accept(writer);
        out = writer.toByteArray();
      }
    }
    new ClassReader(first).accept(new ReplayInside(), 0);
    expect(dictionaryOf(writer!)).not.toBeNull();
    expect(Buffer.from(out!).equals(Buffer.from(rewriteFromTree(second, identity)))).toBe(true);
  });
});
