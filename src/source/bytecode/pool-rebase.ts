// # Moving written code into the frozen pool's index space
//
// Once a class's pool is frozen (pool-edits.ts), code[] read from the class file as written later
// can mean other entries by the same index: ASM keeps the original class file's entries where they
// were, but lays out the entries it adds (for methods changed through snippets, or decoded from
// byte-level edits) in the order it meets them, which need not be the frozen pool's. rebaseCode
// gives every constant pool reference of such code (JVMS §4.4: ldc, field and method instructions,
// new, anewarray, checkcast, instanceof, multianewarray, the exception table's catch types, the
// local variable tables' names and descriptors) the index of an equal entry of the frozen pool,
// adding the entry when it has none.

import { type ConstantPool, getUtf8 } from '../../classfile/constant-pool.js';
import { CannotCompileException } from '../cannot-compile-exception.js';
import type { EditableCode } from './code-edits.js';
import { nextOpcode } from './code-iterator-walk.js';
import type { PoolEdits } from './pool-edits.js';

/** Opcodes whose operand at +1 is a u2 constant pool index (ldc_w, ldc2_w, fields, invokes, new, anewarray, checkcast, instanceof, multianewarray). */
const U2_REFERENCES = new Set([19, 20, 178, 179, 180, 181, 182, 183, 184, 185, 186, 187, 189, 192, 193, 197]);
const LDC = 18;

/** A description of entry `index` of `pool` that equal entries of any pool share. */
function describe(pool: ConstantPool, index: number): string {
  const entry = pool.entries[index];
  if (entry == null) return `none ${index}`;
  switch (entry.kind) {
    case 'Utf8':
      return `Utf8 ${entry.value}`;
    case 'Integer':
    case 'Long':
      return `${entry.kind} ${entry.value}`;
    case 'Float':
    case 'Double':
      return `${entry.kind} ${entry.bits}`;
    case 'Class':
    case 'Module':
    case 'Package':
      return `${entry.kind} ${getUtf8(pool, entry.nameIndex)}`;
    case 'String':
      return `String ${getUtf8(pool, entry.stringIndex)}`;
    case 'NameAndType':
      return `NameAndType ${getUtf8(pool, entry.nameIndex)} ${getUtf8(pool, entry.descriptorIndex)}`;
    case 'Fieldref':
    case 'Methodref':
    case 'InterfaceMethodref':
      return `${entry.kind} ${describe(pool, entry.classIndex)} ${describe(pool, entry.nameAndTypeIndex)}`;
    default:
      // MethodHandle, MethodType, Dynamic, InvokeDynamic: their bootstrap methods are the class's.
      return `${entry.kind} at ${index}`;
  }
}

/** The index in `edits`' pool of an entry equal to entry `index` of `written`, added when missing. */
function importEntry(written: ConstantPool, index: number, edits: PoolEdits): number {
  const entry = written.entries[index];
  if (entry == null) throw new CannotCompileException(`bad constant pool index ${index}`);
  switch (entry.kind) {
    case 'Utf8':
      return edits.utf8(entry.value);
    case 'Integer':
      return edits.integerInfo(entry.value);
    case 'Float':
      return edits.floatInfo(entry.value);
    case 'Long':
      return edits.longInfo(entry.value);
    case 'Double':
      return edits.doubleInfo(entry.value);
    case 'Class':
      return edits.classInfo(getUtf8(written, entry.nameIndex));
    case 'String':
      return edits.stringInfo(getUtf8(written, entry.stringIndex));
    case 'NameAndType':
      return edits.nameAndType(edits.utf8(getUtf8(written, entry.nameIndex)), edits.utf8(getUtf8(written, entry.descriptorIndex)));
    case 'Fieldref':
    case 'Methodref':
    case 'InterfaceMethodref':
      return edits.memberref(entry.kind, importEntry(written, entry.classIndex, edits), importEntry(written, entry.nameAndTypeIndex, edits));
    default:
      throw new CannotCompileException(
        `a ${entry.kind} constant added to the class after its constant pool was frozen (ConstPool.add*Info) cannot be edited at the byte level; edit this method before adding pool entries`,
      );
  }
}

/** Rewrites the pool references of `edit` (read with pool `written`) to the frozen pool of `edits`. */
export function rebaseCode(edit: EditableCode, written: ConstantPool, edits: PoolEdits): void {
  const frozen = edits.pool();
  if (frozen === null) return;
  const rebase = (index: number): number => {
    if (index === 0) return 0;
    if (index < frozen.count && describe(written, index) === describe(frozen, index)) return index;
    return importEntry(written, index, edits);
  };
  const code = edit.code;
  for (let i = 0; i < code.length; i = nextOpcode(code, i)) {
    const op = code[i]!;
    if (op === LDC) {
      const index = rebase(code[i + 1]!);
      if (index > 0xff) throw new CannotCompileException(`ldc at ${i} would need pool index ${index} (over 255, JVMS §6.5 ldc)`);
      code[i + 1] = index;
    } else if (U2_REFERENCES.has(op)) {
      const index = rebase((code[i + 1]! << 8) | code[i + 2]!);
      code[i + 1] = index >>> 8;
      code[i + 2] = index & 0xff;
    }
  }
  for (const handler of edit.exceptionTable) handler.catchType = rebase(handler.catchType);
  for (const local of [...edit.localVariables, ...edit.localVariableTypes]) {
    local.nameIndex = rebase(local.nameIndex);
    local.descriptorIndex = rebase(local.descriptorIndex);
  }
}
