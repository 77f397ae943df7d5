// # A method's code as its class file has it (or would have it, written now)
//
// Javassist works on bytes: CodeIterator walks code[], MethodInfo.getLineNumber maps an offset
// through the LineNumberTable (JVMS §4.7.3, §4.7.12). classforge keeps a tree, so these views read
// the Code attribute of the class file the CtClass would write now (currentBytecode): for a class
// nobody changed, the class file itself, so offsets are the class file's as Javassist's are; for a
// changed method, the offsets of the code classforge writes for it (Javassist's edited code is
// Javassist's own, so there the offsets of the two differ anyway).

import { ClassWriter } from '../../asm/class-writer.js';
import { Opcodes } from '../../asm/opcodes.js';
import { readRawClassFile, readRawCode, type RawCode } from '../../classfile/raw-class-file.js';
import type { MethodNode } from '../../tree/method-node.js';

/** The Code attribute of method `name``desc` in `classBytes`, or null (abstract, native, or no such method). */
export function writtenCode(classBytes: Uint8Array, name: string, desc: string): RawCode | null {
  const file = readRawClassFile(classBytes);
  const method = file.methods.find((m) => m.name === name && m.descriptor === desc);
  const code = method?.attributes.find((attribute) => attribute.name === 'Code');
  return code === undefined ? null : readRawCode(code, file.constantPool);
}

/** The info bytes of the attribute `attribute` of method `name``desc` in `classBytes`, or null. */
export function writtenMethodAttribute(classBytes: Uint8Array, name: string, desc: string, attribute: string): Uint8Array | null {
  const method = readRawClassFile(classBytes).methods.find((m) => m.name === name && m.descriptor === desc);
  return method?.attributes.find((a) => a.name === attribute)?.info ?? null;
}

/** The LineNumberTable entries (start_pc, line_number), in table order, of every such attribute of `code`. */
export function lineNumberEntries(code: RawCode): { startPc: number; line: number }[] {
  const entries: { startPc: number; line: number }[] = [];
  for (const attribute of code.attributes) {
    if (attribute.name !== 'LineNumberTable') continue;
    const info = attribute.info;
    const count = (info[0]! << 8) | info[1]!;
    for (let i = 0; i < count; i++) {
      const at = 2 + 4 * i;
      entries.push({ startPc: (info[at]! << 8) | info[at + 1]!, line: (info[at + 2]! << 8) | info[at + 3]! });
    }
  }
  return entries;
}

/**
 * The source line of bytecode offset `pc`, as Javassist's LineNumberAttribute.toLineNumber: the
 * line of the entry before the first entry (in table order) that starts after `pc`; an offset before
 * the first entry gets the first entry's line; -1 without a table.
 */
export function lineNumberAt(code: RawCode, pc: number): number {
  const entries = lineNumberEntries(code);
  if (entries.length === 0) return -1;
  let i = 0;
  for (; i < entries.length; i++) {
    if (pc < entries[i]!.startPc) {
      if (i === 0) return entries[0]!.line;
      break;
    }
  }
  return entries[i - 1]!.line;
}

/**
 * The Code attribute of `method` written alone in a scratch class (maxima computed): for a method
 * made but not added to its class yet, which Javassist can already show.
 */
export function standaloneCode(method: MethodNode, internalName: string): RawCode | null {
  const writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
  writer.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC, internalName, null, 'java/lang/Object', null);
  method.accept(writer);
  writer.visitEnd();
  return writtenCode(writer.toByteArray(), method.name, method.desc);
}
