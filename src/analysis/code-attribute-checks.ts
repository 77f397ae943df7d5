// # The checks HotSpot makes of a Code attribute's tables when it verifies a class
//
// With verification on (-Xverify:all, and by default for every class not on the boot class path),
// HotSpot's ClassFileParser checks more of a Code attribute than its verifier reads, and rejects the
// class with a ClassFormatError when one fails (classFileParser.cpp, parse_localvariable_table,
// parse_linenumber_table, parse_code_attribute; and check_code.c for the exception table):
// - the exception table (JVMS §4.7.3): start_pc and handler_pc at the start of an instruction,
//   end_pc too or at code_length, start_pc < end_pc;
// - the LineNumberTable (§4.7.12): every start_pc inside the code;
// - the LocalVariableTable and LocalVariableTypeTable (§4.7.13, §4.7.14): each range inside the
//   code, the slot (two for a long or double) below max_locals, a legal name, a field descriptor
//   (LocalVariableTable only), no entry twice, and every LocalVariableTypeTable entry matching a
//   LocalVariableTable entry.
// A differential fuzz against HotSpot found us accepting classes with such tables (an end_pc inside
// an instruction, a local variable slot at max_locals).

import { type ConstantPool, getUtf8 } from '../classfile/constant-pool.js';
import type { RawCode } from '../classfile/raw-class-file.js';
import { instructionLength, type TypeCheckError } from './type-checker.js';

/** A field descriptor (JVMS §4.3.2): at most 255 array dimensions of a base type or a class name. */
const FIELD_DESCRIPTOR = /^\[{0,255}(?:[BCDFIJSZ]|L[^.;[/]+(?:\/[^.;[/]+)*;)$/;
/** An unqualified name (JVMS §4.2.2), from version 49. */
const UNQUALIFIED_NAME = /^[^.;[/]+$/;

function u2(bytes: Uint8Array, offset: number): number {
  return (bytes[offset]! << 8) | bytes[offset + 1]!;
}

/** The entries of a LocalVariableTable or LocalVariableTypeTable, by field (§4.7.13). */
interface LocalVariableEntry {
  startPc: number;
  length: number;
  nameIndex: number;
  descriptorIndex: number;
  slot: number;
}

function localVariableEntries(info: Uint8Array): LocalVariableEntry[] | null {
  if (info.length < 2) return null;
  const count = u2(info, 0);
  if (info.length !== 2 + 10 * count) return null;
  const entries: LocalVariableEntry[] = [];
  for (let i = 0, p = 2; i < count; i++, p += 10) {
    entries.push({ startPc: u2(info, p), length: u2(info, p + 2), nameIndex: u2(info, p + 4), descriptorIndex: u2(info, p + 6), slot: u2(info, p + 8) });
  }
  return entries;
}

/**
 * 1 at each offset of `bytecode` where an instruction starts, and at its end (a valid end_pc or range
 * end); null when an instruction is malformed (the verifier reports it where it is).
 */
function instructionStarts(bytecode: Uint8Array): Uint8Array | null {
  const starts = new Uint8Array(bytecode.length + 1);
  for (let offset = 0; offset < bytecode.length; ) {
    starts[offset] = 1;
    const length = instructionLength(bytecode, offset);
    if (length <= 0) return null;
    offset += length;
  }
  starts[bytecode.length] = 1;
  return starts;
}

/**
 * What HotSpot would reject in the tables of `code` (see the top of this file), as its message says
 * it, or null when nothing. `majorVersion` decides the rules for names (§4.2.2).
 */
export function codeAttributeError(code: RawCode, pool: ConstantPool, majorVersion: number): string | null {
  const codeLength = code.code.length;
  const starts = instructionStarts(code.code);
  if (starts === null) return null; // a bad instruction: the verifier reports it where it is
  for (const { startPc, endPc, handlerPc } of code.exceptionTable) {
    if (startPc >= codeLength || starts[startPc] === 0 || endPc <= startPc || endPc > codeLength || starts[endPc] === 0) {
      return `Illegal exception table range [${startPc}, ${endPc}) in a code of ${codeLength} bytes`;
    }
    if (handlerPc >= codeLength || starts[handlerPc] === 0) {
      return `Illegal exception table handler ${handlerPc}: not the start of an instruction`;
    }
  }
  const variableKeys = new Set<string>();
  const typeEntries: LocalVariableEntry[] = [];
  for (const attribute of code.attributes) {
    if (attribute.name === 'LineNumberTable') {
      const count = attribute.info.length >= 2 ? u2(attribute.info, 0) : 0;
      for (let i = 0, p = 2; i < count && p + 4 <= attribute.info.length; i++, p += 4) {
        const startPc = u2(attribute.info, p);
        if (startPc >= codeLength) return `Invalid pc ${startPc} in LineNumberTable`;
      }
      continue;
    }
    const isTypeTable = attribute.name === 'LocalVariableTypeTable';
    if (attribute.name !== 'LocalVariableTable' && !isTypeTable) continue;
    const entries = localVariableEntries(attribute.info);
    if (entries === null) return `Malformed ${attribute.name} of ${attribute.length} bytes`;
    for (const entry of entries) {
      if (entry.startPc >= codeLength) return `Invalid start_pc ${entry.startPc} in ${attribute.name}`;
      if (entry.startPc + entry.length > codeLength) return `Invalid length ${entry.length} in ${attribute.name}`;
      let name: string;
      let descriptor: string;
      try {
        name = getUtf8(pool, entry.nameIndex);
        descriptor = getUtf8(pool, entry.descriptorIndex);
      } catch {
        return `Name or descriptor index of a ${attribute.name} entry has bad constant type`;
      }
      if (majorVersion >= 49 ? !UNQUALIFIED_NAME.test(name) : name.length === 0) return `Illegal field name "${name}" in ${attribute.name}`;
      let extraSlot = 0;
      if (!isTypeTable) {
        if (!FIELD_DESCRIPTOR.test(descriptor)) return `Field "${name}" in ${attribute.name} has illegal signature "${descriptor}"`;
        if (descriptor === 'J' || descriptor === 'D') extraSlot = 1;
      }
      if (entry.slot + extraSlot >= code.maxLocals) return `Invalid index ${entry.slot} in ${attribute.name}`;
      if (isTypeTable) {
        typeEntries.push(entry);
        continue;
      }
      const key = `${entry.startPc}:${entry.length}:${entry.nameIndex}:${entry.slot}`;
      if (variableKeys.has(key)) return `Duplicated LocalVariableTable attribute entry for '${name}'`;
      variableKeys.add(key);
    }
  }
  for (const entry of typeEntries) {
    if (!variableKeys.has(`${entry.startPc}:${entry.length}:${entry.nameIndex}:${entry.slot}`)) {
      return `LVTT entry for '${getUtf8(pool, entry.nameIndex)}' does not match any LVT entry`;
    }
  }
  return null;
}

/**
 * The split verifier's check of the LocalVariableTable (verifier.cpp, verify_local_variable_table):
 * each range starts at an instruction and ends at one or at code_length. A ClassFormatError for
 * version 51 and later; a version 50 class fails over to the inference verifier, which does not look.
 */
export function localVariableRangeError(code: RawCode): TypeCheckError | null {
  const codeLength = code.code.length;
  let starts: Uint8Array | null = null;
  for (const attribute of code.attributes) {
    if (attribute.name !== 'LocalVariableTable') continue;
    const entries = localVariableEntries(attribute.info);
    if (entries === null) continue;
    starts ??= instructionStarts(code.code);
    if (starts === null) return null;
    for (const { startPc, length } of entries) {
      if (startPc >= codeLength || starts[startPc] === 0) return { offset: startPc, message: `Illegal local variable table start_pc ${startPc}` };
      const end = startPc + length;
      if (end > codeLength || starts[end] === 0) return { offset: startPc, message: `Illegal local variable table length ${length}` };
    }
  }
  return null;
}
