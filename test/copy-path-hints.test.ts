// A ClassWriter that copies its reader's pool (`new ClassWriter(reader, flags)`, the writer of every transform)
// finds the constants of the events an adapter passes on through the reader's positions (readerHints): the
// field or method reference, Class or String of the instruction being visited, the Utf8 of a local variable,
// the Class of a frame element or a handler's catch type, the name of an attribute. The output must not depend
// on it: these compare each result with the same events replayed from a ClassNode once the reader has finished
// (no hints), byte for byte, on classes whose pool holds equal references twice (javac writes such twins).

import { describe, expect, it } from 'vitest';
import { ClassReader } from '../src/asm/class-reader.js';
import { ClassVisitor } from '../src/asm/class-visitor.js';
import { ClassWriter } from '../src/asm/class-writer.js';
import { MethodVisitor } from '../src/asm/method-visitor.js';
import { Opcodes } from '../src/asm/opcodes.js';
import { readRawClassFile, readRawCode } from '../src/classfile/raw-class-file.js';
import { ClassPath } from '../src/classpath/class-path.js';
import { ClassNode } from '../src/tree/class-node.js';
import { compileJava } from './support/javac.js';

const jdk = new ClassPath([]);
// Phaser and ConcurrentLinkedQueue hold twin Methodrefs (VarHandle calls); the others none.
const JDK_CLASSES = [
  'java/lang/String',
  'java/util/HashMap',
  'java/lang/Thread',
  'java/util/concurrent/Phaser',
  'java/util/concurrent/ConcurrentLinkedQueue',
];
const FLAGS = [0, ClassWriter.COMPUTE_MAXS, ClassWriter.COMPUTE_FRAMES];

/** An instrumenting transform's shape: a MethodVisitor of its own on every method. */
class PassThrough extends ClassVisitor {
  constructor(cv: ClassVisitor) {
    super(Opcodes.ASM9, cv);
  }
  override visitMethod(...args: Parameters<ClassVisitor['visitMethod']>): MethodVisitor | null {
    return new MethodVisitor(Opcodes.ASM9, super.visitMethod(...args));
  }
}

/** Reader → PassThrough → writer sharing the reader's pool: the hints in use. */
function copyWhileReading(bytes: Uint8Array, flags: number): { out: Uint8Array; writer: ClassWriter } {
  const reader = new ClassReader(bytes);
  const writer = new ClassWriter(reader, flags, { classPath: jdk });
  reader.accept(new PassThrough(writer), 0);
  return { out: writer.toByteArray(), writer };
}

/** The same events replayed from a ClassNode once the reader is done: no hints. */
function copyFromTree(bytes: Uint8Array, flags: number): Uint8Array {
  const reader = new ClassReader(bytes);
  const node = new ClassNode();
  reader.accept(node, 0);
  const writer = new ClassWriter(reader, flags, { classPath: jdk });
  node.accept(new PassThrough(writer));
  return writer.toByteArray();
}

/** How many field and method references the writer's symbol table holds in its hash set (found by hashing). */
function hashedMemberReferences(writer: ClassWriter): number {
  type Chain = { tag: number; next: Chain | null } | null;
  const entries = (writer as unknown as { symbolTable: { entries: Chain[] } }).symbolTable.entries;
  let count = 0;
  for (let entry of entries) {
    for (; entry !== null; entry = entry.next) {
      // CONSTANT_Fieldref, CONSTANT_Methodref, CONSTANT_InterfaceMethodref (JVMS §4.4).
      if (entry.tag >= 9 && entry.tag <= 11) count++;
    }
  }
  return count;
}

/** The code of method `methodName` and the offset of its first byte in the class file. */
function codeOf(bytes: Uint8Array, methodName: string): { code: Uint8Array; codeOffset: number } {
  const raw = readRawClassFile(bytes);
  const method = raw.methods.find((m) => m.name === methodName)!;
  return readRawCode(method.attributes.find((a) => a.name === 'Code')!, raw.constantPool);
}

/** The Methodref operand of `s.length()` in `methodName`, whose code is `aload_0; invokevirtual #index; ireturn`. */
function lengthOperand(bytes: Uint8Array, methodName: string): number {
  const { code } = codeOf(bytes, methodName);
  expect([code[0], code[1], code[4]]).toEqual([0x2a /* aload_0 */, Opcodes.INVOKEVIRTUAL, Opcodes.IRETURN]);
  return (code[2]! << 8) | code[3]!;
}

/**
 * `original` with a twin of its constant `first` appended to the pool (the same tag and contents, as javac
 * writes for some member references and scalac for some classes); returns the twin's index.
 */
function withTwinConstant(original: Uint8Array, first: number, contentLength: number): { bytes: Uint8Array; twin: number } {
  const reader = new ClassReader(original);
  const twin = reader.getItemCount();
  const itemOffset = reader.getItem(first);
  // The tag byte precedes the contents at getItem (JVMS §4.4).
  const extra = original.subarray(itemOffset - 1, itemOffset + contentLength);
  const bytes = new Uint8Array(original.length + extra.length);
  bytes.set(original.subarray(0, reader.header));
  bytes.set(extra, reader.header);
  bytes.set(original.subarray(reader.header), reader.header + extra.length);
  bytes[8] = (twin + 1) >> 8;
  bytes[9] = (twin + 1) & 0xff;
  return { bytes, twin };
}

describe('the copy path finds constants through the reader hints', () => {
  it('gives the same bytes as the same events replayed without hints', () => {
    for (const name of JDK_CLASSES) {
      const bytes = jdk.getClassBytes(name)!;
      for (const flags of FLAGS) {
        const { out } = copyWhileReading(bytes, flags);
        expect(Buffer.from(out).equals(Buffer.from(copyFromTree(bytes, flags))), `${name} flags ${flags}`).toBe(true);
      }
    }
  });

  it('finds the member references of a class without twins without hashing them', () => {
    const { writer } = copyWhileReading(jdk.getClassBytes('java/util/HashMap')!, 0);
    expect(hashedMemberReferences(writer)).toBe(0);
    // Replayed without hints, the same writer hashes them: the probe can tell.
    const reader = new ClassReader(jdk.getClassBytes('java/util/HashMap')!);
    const node = new ClassNode();
    reader.accept(node, 0);
    const replayed = new ClassWriter(reader, 0);
    node.accept(new PassThrough(replayed));
    const sourceMemberReferences = readRawClassFile(jdk.getClassBytes('java/util/HashMap')!).constantPool.entries.filter(
      (entry) => entry !== null && entry !== undefined && entry.tag >= 9 && entry.tag <= 11,
    ).length;
    expect(sourceMemberReferences).toBeGreaterThan(50);
    expect(hashedMemberReferences(replayed)).toBe(sourceMemberReferences);
  });

  it('resolves twin references to the first one, hinted or not', async () => {
    const compiled = await compileJava({
      'twins/Twins.java':
        'package twins;\npublic class Twins {\n' +
        '  static int a(String s) { return s.length(); }\n' +
        '  static int b(String s) { return s.length(); }\n}\n',
    });
    const original = compiled.classes.find((c) => c.name === 'twins/Twins')!.bytes;
    // A twin of the Methodref (JVMS §4.4.2: class_index, name_and_type_index), and b() made to invoke it.
    const first = lengthOperand(original, 'b');
    const { bytes, twin } = withTwinConstant(original, first, 4);
    const { codeOffset } = codeOf(bytes, 'b');
    bytes[codeOffset + 2] = twin >> 8;
    bytes[codeOffset + 3] = twin & 0xff;
    expect([lengthOperand(bytes, 'a'), lengthOperand(bytes, 'b')]).toEqual([first, twin]);
    for (const flags of FLAGS) {
      const { out } = copyWhileReading(bytes, flags);
      expect(Buffer.from(out).equals(Buffer.from(copyFromTree(bytes, flags))), `flags ${flags}`).toBe(true);
      // The first equal constant, as a lookup by value finds it (the twin stays in the copied pool).
      expect([lengthOperand(out, 'a'), lengthOperand(out, 'b')]).toEqual([first, first]);
    }
  });

  it('resolves twin String constants to the first one, hinted or not', async () => {
    const compiled = await compileJava({
      'twins/Strings.java':
        'package twins;\npublic class Strings {\n' +
        '  static String a() { return "twin"; }\n' +
        '  static String b() { return "twin"; }\n}\n',
    });
    const original = compiled.classes.find((c) => c.name === 'twins/Strings')!.bytes;
    // The operand of `ldc #index; areturn` (JVMS §6.5.ldc: a one-byte index).
    const ldcOperand = (bytes: Uint8Array, methodName: string) => {
      const { code } = codeOf(bytes, methodName);
      expect([code[0], code[2]]).toEqual([Opcodes.LDC, Opcodes.ARETURN]);
      return code[1]!;
    };
    // A second CONSTANT_String_info of the same Utf8 (JVMS §4.4.3), and b() made to load it.
    const first = ldcOperand(original, 'b');
    const { bytes, twin } = withTwinConstant(original, first, 2);
    expect(twin).toBeLessThan(256);
    bytes[codeOf(bytes, 'b').codeOffset + 1] = twin;
    expect([ldcOperand(bytes, 'a'), ldcOperand(bytes, 'b')]).toEqual([first, twin]);
    for (const flags of FLAGS) {
      const { out } = copyWhileReading(bytes, flags);
      expect(Buffer.from(out).equals(Buffer.from(copyFromTree(bytes, flags))), `flags ${flags}`).toBe(true);
      expect([ldcOperand(out, 'a'), ldcOperand(out, 'b')]).toEqual([first, first]);
    }
  });

  it('never takes a Latin-1 string for the UTF-8 bytes of another (lookups by value)', async () => {
    // "αΩ" is CE B1 CE A9 in modified UTF-8; "Î±Î©" has those four values as its chars, and is C3 8E C2 B1….
    const compiled = await compileJava({
      'latin/Latin.java':
        'package latin;\npublic class Latin {\n' +
        '  static String greek() { return "\\u03b1\\u03a9"; }\n' +
        '  static String latin() { return "\\u00ce\\u00b1\\u00ce\\u00a9"; }\n}\n',
    });
    const bytes = compiled.classes.find((c) => c.name === 'latin/Latin')!.bytes;
    const constants = (classBytes: Uint8Array) => {
      const node = new ClassNode();
      new ClassReader(classBytes).accept(node, 0);
      return node.methods
        .filter((m) => m.name === 'greek' || m.name === 'latin')
        .map((m) => `${m.name} ${m.instructions.toArray().map((insn) => (insn as { cst?: unknown }).cst).filter((c) => c !== undefined).join()}`);
    };
    const expected = ['greek \u03b1\u03a9', 'latin \u00ce\u00b1\u00ce\u00a9'];
    expect(constants(bytes)).toEqual(expected);
    for (const flags of FLAGS) {
      expect(constants(copyWhileReading(bytes, flags).out), `streamed, flags ${flags}`).toEqual(expected);
      expect(constants(copyFromTree(bytes, flags)), `replayed, flags ${flags}`).toEqual(expected);
    }
    // A full rewrite takes the reader's pool as its dictionary, searched the same way.
    const writer = new ClassWriter(0);
    const node = new ClassNode();
    new ClassReader(bytes).accept(node, 0);
    class ReplayWhileReading extends ClassVisitor {
      constructor() {
        super(Opcodes.ASM9);
      }
      override visitEnd(): void {
        node.accept(writer);
      }
    }
    // The tree is written while its own reader visits: the dictionary is in use, its hints are stale.
    new ClassReader(bytes).accept(new ReplayWhileReading(), 0);
    expect(constants(writer.toByteArray())).toEqual(expected);
  });
});
