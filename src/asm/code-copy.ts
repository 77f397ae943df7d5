// # Copying a Code attribute into another constant pool (JVMS §4.7.3)
//
// When a ClassReader hands a method straight to the MethodWriter of a ClassWriter that computes
// nothing (`new ClassWriter(0)`: a full rewrite, or an adapter that passes some methods through
// untouched), the visit of the Code attribute would decode every instruction into a visitor call
// and the MethodWriter would encode it back into the same bytes, with new constant pool indices.
// copyCode produces exactly what that visit produces, without it: it copies the bytecode and
// patches each pool index, adding the constants to the writer's SymbolTable through the very calls
// the MethodWriter's visit methods make, in the same order (catch types, then each instruction's
// and each frame's in code order, then the local variables'), so the constant pool comes out the
// same, constant for constant. A reader pool index already added is found again in an Int32Array.
//
// It gives up (returns false, having reset the writer) wherever the visit would write something else
// than the input or behave otherwise: an instruction that MethodWriter writes in another form
// (`iload 0` → `iload_0`, a needless `wide`, `goto_w`, an `ldc` whose new index needs `ldc_w` or the
// reverse), a label that would not be at an instruction, attributes it does not copy (type
// annotations, non-standard attributes, the old StackMap), and any malformed input: the
// visit then runs from the start and does (or throws) what it always does. Giving up midway is
// harmless: the constants added so far are the first ones the visit adds, in the same order.

import { readS4 as s4, readU2 as u2 } from './big-endian.js';
import { ByteVector } from './byte-vector.js';
import { Attr, type ClassReader, Tag } from './class-reader.js';
import { Constants } from './constants.js';
import { Handler } from './handler.js';
import { Insn, INSN_KINDS } from './instruction-kinds.js';
import { Label } from './label.js';
import type { MethodWriter } from './method-writer.js';
import { Opcodes } from './opcodes.js';
import { readerHints } from './reader-hints.js';
import type { SymbolTable } from './symbol-table.js';
import { Type } from './type.js';

/**
 * For each bytecode offset, the `stamp` of the last method whose instruction starts there: no
 * clearing between methods.
 */
let instructionStarts = new Int32Array(4096);
let stamp = 0;
/** The bytecode offsets that must hold an instruction (or be code_length), checked after the copy. */
let requiredStarts = new Int32Array(256);
let requiredStartCount = 0;

/**
 * The index in the writer's pool of each reader pool entry already added, plus one (0: not yet),
 * for one reader and one SymbolTable at a time.
 */
let newIndices = new Int32Array(256);
let newIndicesReader: ClassReader | null = null;
let newIndicesTable: SymbolTable | null = null;

/** How many Code attributes were copied, and how many were visited after all (for tests). */
export const codeCopyStatistics = { copied: 0, gaveUp: 0 };

/** The size of each instruction copied as it is (no pool index, label or form to check), or 0. */
const PLAIN_INSN_SIZES: Uint8Array = (() => {
  const sizes = new Uint8Array(256);
  for (let opcode = 0; opcode < 256; ++opcode) {
    const kind = INSN_KINDS[opcode];
    if (kind === Insn.INSN_NONE || kind === Insn.INSN_IMPLICIT_LOAD || kind === Insn.INSN_IMPLICIT_STORE) sizes[opcode] = 1;
    else if (kind === Insn.INSN_BYTE) sizes[opcode] = 2;
    else if (kind === Insn.INSN_SHORT || kind === Insn.INSN_IINC) sizes[opcode] = 3;
  }
  return sizes;
})();

/** Past any bytecode offset: no frame to copy. */
const NO_FRAME = 0x7fffffff;

// ClassReader's parsing options (not imported: ClassReader imports this module).
const SKIP_DEBUG = 2;
const SKIP_FRAMES = 4;

/** Thrown (and caught here) where the copy gives up. */
const GIVE_UP = new Error('code copy: give up');

/**
 * Writes into `writer` (COMPUTE_NOTHING, just after visitCode) what visiting the Code attribute
 * whose content starts at `codeOffset` would write, and its visitMaxs. Returns false, with the
 * writer as it was, if it cannot.
 */
export function copyCode(reader: ClassReader, writer: MethodWriter, codeOffset: number, parsingOptions: number): boolean {
  if (writer.code.length !== 0 || writer.firstHandler !== null) {
    return false;
  }
  try {
    copyCodeOrGiveUp(reader, writer, codeOffset, parsingOptions);
    codeCopyStatistics.copied++;
    return true;
  } catch {
    // GIVE_UP, or malformed input, which the visit then reports in its own words.
    writer.resetCode();
    codeCopyStatistics.gaveUp++;
    return false;
  }
}

function giveUp(): never {
  throw GIVE_UP;
}

function requireStart(bytecodeOffset: number): void {
  if (requiredStartCount === requiredStarts.length) {
    const grown = new Int32Array(requiredStarts.length * 2);
    grown.set(requiredStarts);
    requiredStarts = grown;
  }
  requiredStarts[requiredStartCount++] = bytecodeOffset;
}

function isLabelOffset(bytecodeOffset: number, codeLength: number): boolean {
  return bytecodeOffset === codeLength || (bytecodeOffset >= 0 && bytecodeOffset < codeLength && instructionStarts[bytecodeOffset] === stamp);
}

function copyCodeOrGiveUp(reader: ClassReader, writer: MethodWriter, codeOffset: number, parsingOptions: number): void {
  const b = reader.classFileBuffer;
  const codeAttributeEnd = codeOffset + s4(b, codeOffset - 4);
  if (codeOffset + 8 > codeAttributeEnd) giveUp();
  const maxStack = u2(b, codeOffset);
  const maxLocals = u2(b, codeOffset + 2);
  const codeLength = s4(b, codeOffset + 4);
  const bytecodeStart = codeOffset + 8;
  if (codeLength <= 0 || codeLength > codeAttributeEnd - bytecodeStart) giveUp();

  // The exception table and the attributes of the Code attribute: where they are, nothing added yet.
  let currentOffset = bytecodeStart + codeLength;
  if (currentOffset + 2 > codeAttributeEnd) giveUp();
  const exceptionTableLength = u2(b, currentOffset);
  const exceptionTableOffset = currentOffset + 2;
  currentOffset = exceptionTableOffset + 8 * exceptionTableLength;
  if (currentOffset + 2 > codeAttributeEnd) giveUp();
  let attributesCount = u2(b, currentOffset);
  currentOffset += 2;
  const skipDebug = (parsingOptions & SKIP_DEBUG) !== 0;
  const skipFrames = (parsingOptions & SKIP_FRAMES) !== 0;
  let lineNumberTableOffset = 0;
  let localVariableTableOffset = 0;
  let localVariableTypeTableOffset = 0;
  let stackMapTableOffset = 0;
  let stackMapTableEnd = 0;
  while (attributesCount-- > 0) {
    if (currentOffset + 6 > codeAttributeEnd) giveUp();
    const attributeKind = reader.readAttributeKind(currentOffset);
    const attributeLength = s4(b, currentOffset + 2);
    currentOffset += 6;
    if (attributeLength < 0 || attributeLength > codeAttributeEnd - currentOffset) giveUp();
    switch (attributeKind) {
      case Attr.ATTRIBUTE_LINE_NUMBER_TABLE:
        if (!skipDebug) {
          if (lineNumberTableOffset !== 0 || !isTable(b, currentOffset, attributeLength, 4)) giveUp();
          lineNumberTableOffset = currentOffset;
        }
        break;
      case Attr.ATTRIBUTE_LOCAL_VARIABLE_TABLE:
        if (!skipDebug) {
          if (localVariableTableOffset !== 0 || !isTable(b, currentOffset, attributeLength, 10)) giveUp();
          localVariableTableOffset = currentOffset;
        }
        break;
      case Attr.ATTRIBUTE_LOCAL_VARIABLE_TYPE_TABLE:
        if (localVariableTypeTableOffset !== 0 || !isTable(b, currentOffset, attributeLength, 10)) giveUp();
        localVariableTypeTableOffset = currentOffset;
        break;
      case Attr.ATTRIBUTE_STACK_MAP_TABLE:
        // Ignored before version 50, as ClassReader does (JVMS §4.7.4).
        if (!skipFrames && reader.majorVersion >= Opcodes.V1_6) {
          if (stackMapTableOffset !== 0 || attributeLength < 2) giveUp();
          stackMapTableOffset = currentOffset;
          stackMapTableEnd = currentOffset + attributeLength;
        }
        break;
      case Attr.ATTRIBUTE_STACK_MAP:
        if (!skipFrames) giveUp();
        break;
      default:
        // Type annotations (visited among the instructions), non-standard attributes.
        giveUp();
    }
    currentOffset += attributeLength;
  }
  const symbolTable = writer.symbolTable;
  if (stackMapTableOffset !== 0 && symbolTable.getMajorVersion() < Opcodes.V1_6) giveUp();

  // From here on, constants are added in the order of the visit.
  if (newIndicesReader !== reader || newIndicesTable !== symbolTable) {
    const itemCount = reader.getItemCount();
    if (newIndices.length < itemCount) newIndices = new Int32Array(Math.max(itemCount, 2 * newIndices.length));
    else newIndices.fill(0, 0, itemCount);
    newIndicesReader = reader;
    newIndicesTable = symbolTable;
  }
  if (++stamp === 0x7fffffff) {
    instructionStarts.fill(0);
    stamp = 1;
  }
  if (instructionStarts.length < codeLength) instructionStarts = new Int32Array(Math.max(codeLength, 2 * instructionStarts.length));
  requiredStartCount = 0;

  // The try catch blocks (ClassReader visits them before the instructions).
  for (let i = 0, entryOffset = exceptionTableOffset; i < exceptionTableLength; ++i, entryOffset += 8) {
    const startPc = u2(b, entryOffset);
    const endPc = u2(b, entryOffset + 2);
    const handlerPc = u2(b, entryOffset + 4);
    requireStart(startPc);
    requireStart(endPc);
    requireStart(handlerPc);
    const catchTypeIndex = u2(b, entryOffset + 6);
    let catchType: string | null = null;
    let newCatchTypeIndex = 0;
    if (catchTypeIndex !== 0) {
      catchType = reader.readRequiredClass(entryOffset + 6);
      newCatchTypeIndex = newIndexOf(reader, catchTypeIndex, Tag.CONSTANT_CLASS);
      if (newCatchTypeIndex < 0) {
        readerHints.constantIndex = catchTypeIndex;
        newCatchTypeIndex = symbolTable.addConstantClass(catchType).index;
        newIndices[catchTypeIndex] = newCatchTypeIndex + 1;
      }
    }
    const handler = new Handler(labelAt(startPc), labelAt(endPc), labelAt(handlerPc), newCatchTypeIndex, catchType);
    if (writer.firstHandler === null) writer.firstHandler = handler;
    else writer.lastHandler!.nextHandler = handler;
    writer.lastHandler = handler;
  }

  // The instructions, and the frame before each one that has one.
  const code = writer.code;
  code.reserve(codeLength);
  code.putByteArray(b, bytecodeStart, codeLength);
  const out = code.data;
  const frames = stackMapTableOffset === 0 ? null : new FrameCopier(reader, writer, stackMapTableOffset + 2, stackMapTableEnd, maxLocals, maxStack);
  let nextFrameOffset = frames === null ? NO_FRAME : frames.nextOffset();
  const starts = instructionStarts;
  const currentStamp = stamp;
  let bytecodeOffset = 0;
  let lastBytecodeOffset = 0;
  while (bytecodeOffset < codeLength) {
    starts[bytecodeOffset] = currentStamp;
    if (bytecodeOffset >= nextFrameOffset) {
      // A frame inside the previous instruction: give up.
      if (bytecodeOffset !== nextFrameOffset) giveUp();
      frames!.copy(bytecodeOffset, codeLength);
      nextFrameOffset = frames!.nextOffset();
    }
    lastBytecodeOffset = bytecodeOffset;
    const p = bytecodeStart + bytecodeOffset;
    const opcode = b[p]!;
    // Most instructions are copied as they are.
    const plainSize = PLAIN_INSN_SIZES[opcode]!;
    if (plainSize !== 0) {
      bytecodeOffset += plainSize;
      continue;
    }
    switch (INSN_KINDS[opcode]) {
      case Insn.INSN_VAR:
        // MethodWriter writes xLOAD 0…3 and xSTORE 0…3 as xLOAD_n, xSTORE_n.
        if (b[p + 1]! < 4 && opcode !== Opcodes.RET) giveUp();
        bytecodeOffset += 2;
        break;
      case Insn.INSN_JUMP:
        requireStart(bytecodeOffset + ((b[p + 1]! << 24) >> 16 | b[p + 2]!));
        bytecodeOffset += 3;
        break;
      case Insn.INSN_WIDE:
        if (b[p + 1] === Opcodes.IINC) {
          const increment = ((b[p + 4]! << 24) >> 16) | b[p + 5]!;
          if (u2(b, p + 2) < 256 && increment >= -128 && increment <= 127) giveUp();
          bytecodeOffset += 6;
        } else {
          // A load, store or ret; MethodWriter writes a wide one only for indices of 256 or more.
          if (u2(b, p + 2) < 256 || INSN_KINDS[b[p + 1]!] !== Insn.INSN_VAR) giveUp();
          bytecodeOffset += 4;
        }
        break;
      case Insn.INSN_TABLESWITCH: {
        // 0 to 3 bytes of padding, written as zeros (JVMS §6.5.tableswitch).
        let q = p + 1;
        while (((q - bytecodeStart) & 3) !== 0) out[q++ - bytecodeStart] = 0;
        if (q + 12 > bytecodeStart + codeLength) giveUp();
        requireStart(bytecodeOffset + s4(b, q));
        const low = s4(b, q + 4);
        const high = s4(b, q + 8);
        q += 12;
        const count = high - low + 1;
        if (high < low || count > (bytecodeStart + codeLength - q) / 4) giveUp();
        for (let i = 0; i < count; ++i, q += 4) requireStart(bytecodeOffset + s4(b, q));
        bytecodeOffset = q - bytecodeStart;
        break;
      }
      case Insn.INSN_LOOKUPSWITCH: {
        let q = p + 1;
        while (((q - bytecodeStart) & 3) !== 0) out[q++ - bytecodeStart] = 0;
        if (q + 8 > bytecodeStart + codeLength) giveUp();
        requireStart(bytecodeOffset + s4(b, q));
        const pairs = s4(b, q + 4);
        q += 8;
        if (pairs < 0 || pairs > (bytecodeStart + codeLength - q) / 8) giveUp();
        for (let i = 0; i < pairs; ++i, q += 8) requireStart(bytecodeOffset + s4(b, q + 4));
        bytecodeOffset = q - bytecodeStart;
        break;
      }
      case Insn.INSN_LDC: {
        const index = b[p + 1]!;
        if (!isSingleWordLoadable(reader, index)) giveUp();
        const newIndex = addLoadableConstant(reader, symbolTable, index, p + 1);
        // MethodWriter writes ldc_w for an index of 256 or more.
        if (newIndex >= 256) giveUp();
        out[bytecodeOffset + 1] = newIndex;
        bytecodeOffset += 2;
        break;
      }
      case Insn.INSN_LDC_W: {
        const index = u2(b, p + 1);
        if (opcode === Constants.LDC2_W) {
          const tag = constantTag(reader, index);
          if (tag !== Tag.CONSTANT_LONG && tag !== Tag.CONSTANT_DOUBLE) giveUp();
        } else if (!isSingleWordLoadable(reader, index)) {
          giveUp();
        }
        const newIndex = addLoadableConstant(reader, symbolTable, index, p + 1);
        // MethodWriter writes ldc for an index below 256.
        if (opcode === Constants.LDC_W && newIndex < 256) giveUp();
        putU2(out, bytecodeOffset + 1, newIndex);
        bytecodeOffset += 3;
        break;
      }
      case Insn.INSN_FIELD_OR_METHOD:
      case Insn.INSN_INVOKEINTERFACE: {
        const index = u2(b, p + 1);
        const tag = constantTag(reader, index);
        if (opcode < Opcodes.INVOKEVIRTUAL ? tag !== Tag.CONSTANT_FIELDREF : tag !== Tag.CONSTANT_METHODREF && tag !== Tag.CONSTANT_INTERFACE_METHODREF) {
          giveUp();
        }
        let newIndex = newIndices[index]! - 1;
        if (newIndex < 0) {
          const memberRef = reader.readMemberRef(index, p + 1);
          readerHints.memberReferenceIndex = index;
          newIndex =
            tag === Tag.CONSTANT_FIELDREF
              ? symbolTable.addConstantFieldref(memberRef.owner, memberRef.name, memberRef.descriptor).index
              : symbolTable.addConstantMethodref(memberRef.owner, memberRef.name, memberRef.descriptor, tag === Tag.CONSTANT_INTERFACE_METHODREF).index;
          newIndices[index] = newIndex + 1;
        }
        putU2(out, bytecodeOffset + 1, newIndex);
        if (opcode === Opcodes.INVOKEINTERFACE) {
          // The count operand, as MethodWriter computes it, and a zero byte (JVMS §6.5.invokeinterface).
          out[bytecodeOffset + 3] = Type.getArgumentsAndReturnSizes(reader.readMemberRef(index, p + 1).descriptor) >> 2;
          out[bytecodeOffset + 4] = 0;
          bytecodeOffset += 5;
        } else {
          bytecodeOffset += 3;
        }
        break;
      }
      case Insn.INSN_INVOKEDYNAMIC: {
        const index = u2(b, p + 1);
        let newIndex = newIndexOf(reader, index, Tag.CONSTANT_INVOKE_DYNAMIC);
        if (newIndex < 0) {
          const callSite = reader.readInvokeDynamic(p + 1);
          newIndex = symbolTable.addConstantInvokeDynamic(callSite.name, callSite.descriptor, callSite.handle, callSite.bootstrapMethodArguments).index;
          newIndices[index] = newIndex + 1;
        }
        putU2(out, bytecodeOffset + 1, newIndex);
        out[bytecodeOffset + 3] = 0;
        out[bytecodeOffset + 4] = 0;
        bytecodeOffset += 5;
        break;
      }
      case Insn.INSN_TYPE:
      case Insn.INSN_MULTIANEWARRAY: {
        const index = u2(b, p + 1);
        let newIndex = newIndexOf(reader, index, Tag.CONSTANT_CLASS);
        if (newIndex < 0) {
          const type = reader.readRequiredClass(p + 1);
          if (opcode !== Opcodes.MULTIANEWARRAY) readerHints.constantIndex = index;
          newIndex = symbolTable.addConstantClass(type).index;
          newIndices[index] = newIndex + 1;
        }
        putU2(out, bytecodeOffset + 1, newIndex);
        bytecodeOffset += opcode === Opcodes.MULTIANEWARRAY ? 4 : 3;
        break;
      }
      default:
        // goto_w and jsr_w (MethodWriter writes goto and jsr where they fit), ASM's own opcodes,
        // undefined opcodes.
        giveUp();
    }
  }
  if (bytecodeOffset !== codeLength || (frames !== null && !frames.done())) giveUp();
  for (let i = 0; i < requiredStartCount; ++i) {
    if (!isLabelOffset(requiredStarts[i]!, codeLength)) giveUp();
  }
  writer.lastBytecodeOffset = lastBytecodeOffset;

  if (lineNumberTableOffset !== 0) copyLineNumbers(b, writer, lineNumberTableOffset, codeLength);
  if (localVariableTableOffset !== 0) copyLocalVariables(reader, writer, localVariableTableOffset, localVariableTypeTableOffset, codeLength);
  writer.visitMaxs(maxStack, maxLocals);
}

/** Whether the attribute at `offset`, of `length` bytes, holds a u2 count of `entrySize`-byte entries. */
function isTable(b: Uint8Array, offset: number, length: number, entrySize: number): boolean {
  return length >= 2 && 2 + entrySize * u2(b, offset) <= length;
}

function putU2(out: Uint8Array, offset: number, value: number): void {
  out[offset] = value >>> 8;
  out[offset + 1] = value;
}

function labelAt(bytecodeOffset: number): Label {
  const label = new Label();
  label.bytecodeOffset = bytecodeOffset;
  label.flags |= Label.FLAG_RESOLVED;
  return label;
}

/**
 * The index in the writer's pool of the reader's pool entry `index` if it was added already, else
 * -1. Gives up if that entry is not a `tag` (a reused index is checked as the visit would check it).
 */
function newIndexOf(reader: ClassReader, index: number, tag: number): number {
  const newIndex = newIndices[index]! - 1;
  if (newIndex >= 0 && constantTag(reader, index) !== tag) giveUp();
  return newIndex;
}

/** The tag of pool entry `index`, or 0 if there is none (0, out of range, the slot after a Long or Double). */
function constantTag(reader: ClassReader, index: number): number {
  const cpInfoOffset = reader.cpInfoOffsets[index];
  return cpInfoOffset === undefined || cpInfoOffset === 0 ? 0 : reader.classFileBuffer[cpInfoOffset - 1]!;
}

/** Whether `ldc` and `ldc_w` can load pool entry `index` as MethodWriter would write them back (not a Dynamic). */
function isSingleWordLoadable(reader: ClassReader, index: number): boolean {
  switch (constantTag(reader, index)) {
    case Tag.CONSTANT_INTEGER:
    case Tag.CONSTANT_FLOAT:
    case Tag.CONSTANT_STRING:
    case Tag.CONSTANT_CLASS:
    case Tag.CONSTANT_METHOD_TYPE:
    case Tag.CONSTANT_METHOD_HANDLE:
      return true;
    default:
      return false;
  }
}

/** What MethodWriter.visitLdcInsn adds for the reader's pool entry `index` (whose reference is at `referenceOffset`). */
function addLoadableConstant(reader: ClassReader, symbolTable: SymbolTable, index: number, referenceOffset: number): number {
  let newIndex = newIndices[index]! - 1;
  if (newIndex < 0) {
    readerHints.constantIndex = index;
    newIndex = symbolTable.addConstant(reader.readLoadableConstant(index, referenceOffset)).index;
    newIndices[index] = newIndex + 1;
  }
  return newIndex;
}

/**
 * The LineNumberTable as the visit writes it: the entries at an instruction, in code order (the
 * visit visits the line numbers of each label as it reaches its instruction); the copy gives up on
 * entries out of order.
 */
function copyLineNumbers(b: Uint8Array, writer: MethodWriter, tableOffset: number, codeLength: number): void {
  const length = u2(b, tableOffset);
  let count = 0;
  let previousStartPc = 0;
  for (let i = 0, entryOffset = tableOffset + 2; i < length; ++i, entryOffset += 4) {
    const startPc = u2(b, entryOffset);
    if (startPc > codeLength) giveUp();
    // Entries at code_length or inside an instruction are never visited.
    if (startPc === codeLength || instructionStarts[startPc] !== stamp) continue;
    if (startPc < previousStartPc) giveUp();
    previousStartPc = startPc;
    count++;
  }
  if (count === 0) return;
  const table = new ByteVector();
  table.reserve(4 * count);
  if (count === length) {
    table.putByteArray(b, tableOffset + 2, 4 * length);
  } else {
    for (let i = 0, entryOffset = tableOffset + 2; i < length; ++i, entryOffset += 4) {
      const startPc = u2(b, entryOffset);
      if (startPc !== codeLength && instructionStarts[startPc] === stamp) table.putByteArray(b, entryOffset, 4);
    }
  }
  writer.lineNumberTable = table;
  writer.lineNumberTableLength = count;
}

/**
 * The LocalVariableTable and LocalVariableTypeTable as MethodWriter.visitLocalVariable writes them,
 * one visit per LocalVariableTable entry in order, with the signature of the last
 * LocalVariableTypeTable entry of the same start_pc and index (ClassReader's lookup).
 */
function copyLocalVariables(reader: ClassReader, writer: MethodWriter, tableOffset: number, typeTableOffset: number, codeLength: number): void {
  const b = reader.classFileBuffer;
  const symbolTable = writer.symbolTable;
  const length = u2(b, tableOffset);
  const typeTableLength = typeTableOffset === 0 ? 0 : u2(b, typeTableOffset);
  const table = new ByteVector();
  table.reserve(10 * length);
  let typeTable: ByteVector | null = null;
  let typeTableCount = 0;
  for (let i = 0, entryOffset = tableOffset + 2; i < length; ++i, entryOffset += 10) {
    const startPc = u2(b, entryOffset);
    const variableLength = u2(b, entryOffset + 2);
    if (!isLabelOffset(startPc, codeLength) || !isLabelOffset(startPc + variableLength, codeLength)) giveUp();
    const index = u2(b, entryOffset + 8);
    const nameIndex = addUtf8(reader, symbolTable, entryOffset + 4);
    let signatureOffset = 0;
    for (let j = typeTableLength - 1; j >= 0; --j) {
      const typeEntryOffset = typeTableOffset + 2 + 10 * j;
      if (u2(b, typeEntryOffset) === startPc && u2(b, typeEntryOffset + 8) === index) {
        signatureOffset = typeEntryOffset + 6;
        break;
      }
    }
    if (signatureOffset !== 0) {
      typeTable ??= new ByteVector();
      typeTable.putShort(startPc).putShort(variableLength).putShort(nameIndex).putShort(addUtf8(reader, symbolTable, signatureOffset)).putShort(index);
      typeTableCount++;
    }
    table.putShort(startPc).putShort(variableLength).putShort(nameIndex).putShort(addUtf8(reader, symbolTable, entryOffset + 6)).putShort(index);
  }
  if (length > 0) {
    writer.localVariableTable = table;
    writer.localVariableTableLength = length;
  }
  writer.localVariableTypeTable = typeTable;
  writer.localVariableTypeTableLength = typeTableCount;
}

/** What visitLocalVariable adds for the Utf8 constant whose index is the u2 at `indexOffset`. */
function addUtf8(reader: ClassReader, symbolTable: SymbolTable, indexOffset: number): number {
  const index = u2(reader.classFileBuffer, indexOffset);
  let newIndex = newIndexOf(reader, index, Tag.CONSTANT_UTF8);
  if (newIndex < 0) {
    // Added by index when the reader is the table's dictionary (a full rewrite): not decoded, when
    // its bytes are ASCII (valid modified UTF-8 as they are; the others are checked by decoding).
    newIndex = isAsciiUtf8(reader, index) ? symbolTable.addDictionaryUtf8Of(reader, index) : -1;
    if (newIndex < 0) newIndex = symbolTable.addConstantUtf8FromReader(reader.readRequiredUtf8(indexOffset), indexOffset);
    newIndices[index] = newIndex + 1;
  }
  return newIndex;
}

/** Whether pool entry `index` is a CONSTANT_Utf8 of bytes 01-7F only (JVMS §4.4.7). */
function isAsciiUtf8(reader: ClassReader, index: number): boolean {
  if (constantTag(reader, index) !== Tag.CONSTANT_UTF8) return false;
  const b = reader.classFileBuffer;
  const start = reader.cpInfoOffsets[index]! + 2;
  const end = start + u2(b, start - 2);
  if (end > b.length) return false;
  for (let i = start; i < end; ++i) {
    const c = b[i]!;
    if (c === 0 || c > 0x7f) return false;
  }
  return true;
}

/**
 * The frames of a StackMapTable (JVMS §4.7.4), each copied as MethodWriter.visitFrame writes the
 * compressed frame ClassReader visits: the same frame type, except that same_frame_extended and
 * same_locals_1_stack_item_frame_extended become their short forms when the offset delta fits, and
 * each Object_variable_info gets the index of its class in the new pool.
 */
class FrameCopier {
  private readonly reader: ClassReader;
  private readonly writer: MethodWriter;
  private frameOffset: number;
  private readonly end: number;
  private readonly maxLocals: number;
  private readonly maxStack: number;
  /** The bytecode offset of the frame at frameOffset (-1 before the first: the first is at offset_delta). */
  private bytecodeOffset: number;

  constructor(reader: ClassReader, writer: MethodWriter, firstFrameOffset: number, end: number, maxLocals: number, maxStack: number) {
    this.reader = reader;
    this.writer = writer;
    this.frameOffset = firstFrameOffset;
    this.end = end;
    this.maxLocals = maxLocals;
    this.maxStack = maxStack;
    this.bytecodeOffset = -1;
  }

  /** Whether every frame was copied. */
  done(): boolean {
    return this.frameOffset >= this.end;
  }

  /** The bytecode offset of the next frame, or NO_FRAME if there is none. */
  nextOffset(): number {
    if (this.frameOffset >= this.end) return NO_FRAME;
    const b = this.reader.classFileBuffer;
    const frameType = b[this.frameOffset]!;
    let offsetDelta: number;
    if (frameType < 128) {
      offsetDelta = frameType & 63;
    } else if (frameType >= 247) {
      if (this.frameOffset + 3 > this.end) giveUp();
      offsetDelta = u2(b, this.frameOffset + 1);
    } else {
      giveUp();
    }
    return this.bytecodeOffset + offsetDelta + 1;
  }

  /** Copies the next frame, which is at `bytecodeOffset`. */
  copy(bytecodeOffset: number, codeLength: number): void {
    const b = this.reader.classFileBuffer;
    const writer = this.writer;
    let entries = writer.stackMapTableEntries;
    let offsetDelta: number;
    if (entries === null) {
      entries = writer.stackMapTableEntries = new ByteVector();
      offsetDelta = bytecodeOffset;
    } else {
      offsetDelta = bytecodeOffset - writer.previousFrameOffset - 1;
    }
    let p = this.frameOffset;
    const frameType = b[p++]!;
    if (frameType >= 247) p += 2;
    if (frameType < 64 || frameType === 251) {
      // same_frame, same_frame_extended.
      if (offsetDelta < 64) entries.putByte(offsetDelta);
      else entries.putByte(251).putShort(offsetDelta);
    } else if (frameType < 128 || frameType === 247) {
      // same_locals_1_stack_item_frame[_extended].
      if (this.maxStack < 1) giveUp();
      if (offsetDelta < 64) entries.putByte(64 + offsetDelta);
      else entries.putByte(247).putShort(offsetDelta);
      p = this.copyType(p, codeLength);
    } else if (frameType < 251) {
      // chop_frame.
      writer.currentLocals -= 251 - frameType;
      entries.putByte(frameType).putShort(offsetDelta);
    } else if (frameType < 255) {
      // append_frame.
      writer.currentLocals += frameType - 251;
      entries.putByte(frameType).putShort(offsetDelta);
      for (let i = frameType - 251; i > 0; --i) p = this.copyType(p, codeLength);
    } else {
      // full_frame.
      if (p + 2 > this.end) giveUp();
      const numberOfLocals = u2(b, p);
      if (numberOfLocals > this.maxLocals) giveUp();
      writer.currentLocals = numberOfLocals;
      entries.putByte(255).putShort(offsetDelta).putShort(numberOfLocals);
      p += 2;
      for (let i = 0; i < numberOfLocals; ++i) p = this.copyType(p, codeLength);
      if (p + 2 > this.end) giveUp();
      const numberOfStackItems = u2(b, p);
      if (numberOfStackItems > this.maxStack) giveUp();
      entries.putShort(numberOfStackItems);
      p += 2;
      for (let i = 0; i < numberOfStackItems; ++i) p = this.copyType(p, codeLength);
    }
    if (p > this.end) giveUp();
    this.frameOffset = p;
    this.bytecodeOffset = bytecodeOffset;
    writer.previousFrameOffset = bytecodeOffset;
    writer.stackMapTableNumberOfEntries++;
  }

  /** Copies the verification_type_info at `p`; returns the offset after it. */
  private copyType(p: number, codeLength: number): number {
    const b = this.reader.classFileBuffer;
    if (p >= this.end) giveUp();
    const entries = this.writer.stackMapTableEntries!;
    const tag = b[p]!;
    if (tag <= 6) {
      // Top, Integer, Float, Double, Long, Null, UninitializedThis.
      entries.putByte(tag);
      return p + 1;
    }
    if (p + 3 > this.end) giveUp();
    if (tag === 7) {
      // Object_variable_info: a Class constant.
      const index = u2(b, p + 1);
      let newIndex = newIndexOf(this.reader, index, Tag.CONSTANT_CLASS);
      if (newIndex < 0) {
        newIndex = this.writer.symbolTable.addConstantClassFromReader(this.reader.readRequiredClass(p + 1), index).index;
        newIndices[index] = newIndex + 1;
      }
      entries.putByte(7).putShort(newIndex);
    } else if (tag === 8) {
      // Uninitialized_variable_info: the offset of a new instruction, unchanged.
      const newOffset = u2(b, p + 1);
      if (newOffset >= codeLength) giveUp();
      requireStart(newOffset);
      entries.putByte(8).putShort(newOffset);
    } else {
      giveUp();
    }
    return p + 3;
  }
}
