// Test support: which opcodes and attributes a set of class files contains, so that fixture tests can assert
// that the fixtures really exercise every instruction family and attribute they claim to.
// Built on the raw parser of src/classfile (not on ClassReader), like the structural dump.

import type { ConstantPool } from '../../src/classfile/constant-pool.js';
import { readRawClassFile, readRawCode, type RawAttribute } from '../../src/classfile/raw-class-file.js';

/** JVMS §6.5 mnemonics by opcode (0x00–0xc9). */
export const MNEMONICS: readonly string[] = (
  'nop aconst_null iconst_m1 iconst_0 iconst_1 iconst_2 iconst_3 iconst_4 iconst_5 lconst_0 lconst_1 ' +
  'fconst_0 fconst_1 fconst_2 dconst_0 dconst_1 bipush sipush ldc ldc_w ldc2_w iload lload fload dload aload ' +
  'iload_0 iload_1 iload_2 iload_3 lload_0 lload_1 lload_2 lload_3 fload_0 fload_1 fload_2 fload_3 ' +
  'dload_0 dload_1 dload_2 dload_3 aload_0 aload_1 aload_2 aload_3 iaload laload faload daload aaload baload ' +
  'caload saload istore lstore fstore dstore astore istore_0 istore_1 istore_2 istore_3 lstore_0 lstore_1 ' +
  'lstore_2 lstore_3 fstore_0 fstore_1 fstore_2 fstore_3 dstore_0 dstore_1 dstore_2 dstore_3 astore_0 ' +
  'astore_1 astore_2 astore_3 iastore lastore fastore dastore aastore bastore castore sastore pop pop2 dup ' +
  'dup_x1 dup_x2 dup2 dup2_x1 dup2_x2 swap iadd ladd fadd dadd isub lsub fsub dsub imul lmul fmul dmul idiv ' +
  'ldiv fdiv ddiv irem lrem frem drem ineg lneg fneg dneg ishl lshl ishr lshr iushr lushr iand land ior lor ' +
  'ixor lxor iinc i2l i2f i2d l2i l2f l2d f2i f2l f2d d2i d2l d2f i2b i2c i2s lcmp fcmpl fcmpg dcmpl dcmpg ' +
  'ifeq ifne iflt ifge ifgt ifle if_icmpeq if_icmpne if_icmplt if_icmpge if_icmpgt if_icmple if_acmpeq ' +
  'if_acmpne goto jsr ret tableswitch lookupswitch ireturn lreturn freturn dreturn areturn return ' +
  'getstatic putstatic getfield putfield invokevirtual invokespecial invokestatic invokeinterface ' +
  'invokedynamic new newarray anewarray arraylength athrow checkcast instanceof monitorenter monitorexit ' +
  'wide multianewarray ifnull ifnonnull goto_w jsr_w'
).split(' ');

/** Instruction lengths by opcode for the fixed-length instructions (JVMS §6.5); 0 marks the variable ones. */
const LENGTHS: readonly number[] = (() => {
  const lengths = new Array<number>(256).fill(-1);
  for (let op = 0; op < MNEMONICS.length; op++) lengths[op] = 1;
  for (const op of [0x10, 0x12, 0x15, 0x16, 0x17, 0x18, 0x19, 0x36, 0x37, 0x38, 0x39, 0x3a, 0xa9, 0xbc]) lengths[op] = 2;
  for (const op of [0x11, 0x13, 0x14, 0x84, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xbb, 0xbd, 0xc0, 0xc1]) {
    lengths[op] = 3;
  }
  for (let op = 0x99; op <= 0xa8; op++) lengths[op] = 3;
  lengths[0xc6] = 3;
  lengths[0xc7] = 3;
  lengths[0xc5] = 4;
  lengths[0xb9] = 5;
  lengths[0xba] = 5;
  lengths[0xc8] = 5;
  lengths[0xc9] = 5;
  lengths[0xaa] = 0;
  lengths[0xab] = 0;
  lengths[0xc4] = 0;
  return lengths;
})();

function s4(code: Uint8Array, p: number): number {
  return (code[p]! << 24) | (code[p + 1]! << 16) | (code[p + 2]! << 8) | code[p + 3]!;
}

/** What one scan found: opcode mnemonics (plus `wide <op>` forms) and attribute names by owner kind. */
export interface BytecodeCoverage {
  instructions: Set<string>;
  /** `class:Name`, `field:Name`, `method:Name`, `code:Name`, `record:Name` for every attribute seen. */
  attributes: Set<string>;
  /** The largest code_length seen. */
  maxCodeLength: number;
  majorVersions: Set<number>;
}

function scanCode(code: Uint8Array, into: Set<string>): void {
  let p = 0;
  while (p < code.length) {
    const op = code[p]!;
    const length = LENGTHS[op]!;
    if (length < 0) throw new Error(`unknown opcode ${op} at ${p}`);
    into.add(MNEMONICS[op]!);
    if (length > 0) {
      p += length;
    } else if (op === 0xc4) {
      const widened = code[p + 1]!;
      into.add(`wide ${MNEMONICS[widened]!}`);
      p += widened === 0x84 ? 6 : 4;
    } else {
      const base = p;
      p = (p + 4) & ~3; // JVMS §6.5 tableswitch: 0-3 bytes of padding after the opcode
      if (op === 0xaa) {
        const low = s4(code, p + 4);
        const high = s4(code, p + 8);
        p += 12 + 4 * (high - low + 1);
      } else {
        p += 8 + 8 * s4(code, p + 4);
      }
      if (p <= base) throw new Error(`bad switch at ${base}`);
    }
  }
}

function recordComponentAttributes(record: RawAttribute, into: Set<string>, bytes: Uint8Array, pool: ConstantPool): void {
  // JVMS §4.7.30: components_count, then name, descriptor, attributes_count, attributes.
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let p = record.offset + 6;
  const count = view.getUint16(p);
  p += 2;
  for (let i = 0; i < count; i++) {
    p += 4;
    const attributes = view.getUint16(p);
    p += 2;
    for (let k = 0; k < attributes; k++) {
      const nameIndex = view.getUint16(p);
      const entry = pool.entries[nameIndex];
      into.add(`record:${entry && entry.kind === 'Utf8' ? entry.value : '?'}`);
      p += 6 + view.getUint32(p + 2);
    }
  }
}

/** Scans every method body and attribute of `classes`. */
export function scanCoverage(classes: Iterable<{ bytes: Uint8Array }>): BytecodeCoverage {
  const coverage: BytecodeCoverage = {
    instructions: new Set(),
    attributes: new Set(),
    maxCodeLength: 0,
    majorVersions: new Set(),
  };
  for (const { bytes } of classes) {
    const cf = readRawClassFile(bytes);
    coverage.majorVersions.add(cf.majorVersion);
    for (const a of cf.attributes) {
      coverage.attributes.add(`class:${a.name}`);
      if (a.name === 'Record') recordComponentAttributes(a, coverage.attributes, bytes, cf.constantPool);
    }
    for (const f of cf.fields) for (const a of f.attributes) coverage.attributes.add(`field:${a.name}`);
    for (const m of cf.methods) {
      for (const a of m.attributes) {
        coverage.attributes.add(`method:${a.name}`);
        if (a.name !== 'Code') continue;
        const code = readRawCode(a, cf.constantPool);
        coverage.maxCodeLength = Math.max(coverage.maxCodeLength, code.code.length);
        scanCode(code.code, coverage.instructions);
        for (const c of code.attributes) coverage.attributes.add(`code:${c.name}`);
      }
    }
  }
  return coverage;
}
