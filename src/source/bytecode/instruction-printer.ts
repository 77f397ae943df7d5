// # Javassist's InstructionPrinter: a method's code[] as text, one instruction a line
//
// `InstructionPrinter.print(ctMethod, out)` prints `<offset>: <instruction>` lines, the way ported
// debugging code and tests dump a method after an edit; instructionString(iterator, pos, cp) is one
// instruction. The text is Javassist 3.27's: pool operands as `#<index> = <kind> <what>`, branch
// targets as absolute offsets, switches over several lines.

import type { CtMethod } from '../ct-method.js';
import type { CodeIterator } from './code-iterator.js';
import type { ConstPool } from './const-pool.js';
import { Mnemonic } from './mnemonic.js';
import { Double, Float } from '../../asm/java-values.js';

/** Where print writes: a stream (process.stdout), or a function given each line. */
export type InstructionPrinterOutput = { write(text: string): unknown } | ((line: string) => void);

const NEWARRAY_TYPES: Readonly<Record<number, string>> = { 4: 'boolean', 5: 'char', 6: 'float', 7: 'double', 8: 'byte', 9: 'short', 10: 'int', 11: 'long' };

export class InstructionPrinter {
  private readonly println: (line: string) => void;

  constructor(out: InstructionPrinterOutput = process.stdout) {
    this.println = typeof out === 'function' ? out : (line) => void out.write(`${line}\n`);
  }

  /** Prints `method`'s instructions to `out`. */
  static print(method: CtMethod, out: InstructionPrinterOutput = process.stdout): void {
    new InstructionPrinter(out).print(method);
  }

  /** Prints `method`'s instructions (nothing for an abstract or native method). */
  print(method: CtMethod): void {
    const info = method.getMethodInfo2();
    const code = info.getCodeAttribute();
    if (code === null) return;
    const pool = info.getConstPool();
    const it = code.iterator();
    while (it.hasNext()) {
      const pos = it.next();
      this.println(`${pos}: ${InstructionPrinter.instructionString(it, pos, pool)}`);
    }
  }

  /** The text of the instruction at `pos`. */
  static instructionString(it: CodeIterator, pos: number, pool: ConstPool): string {
    const op = it.byteAt(pos);
    const name = Mnemonic.OPCODE[op];
    if (name === undefined) throw new RangeError(`Invalid opcode, opcode: ${op} pos: ${pos}`);
    const u1 = (): number => it.byteAt(pos + 1);
    const u2 = (): number => it.u16bitAt(pos + 1);
    const target16 = (): number => it.s16bitAt(pos + 1) + pos;
    if (op === 16 || (op >= 21 && op <= 25) || (op >= 54 && op <= 58) || op === 169) return `${name} ${u1()}`; // bipush, loads, stores, ret
    if (op === 17) return `${name} ${it.s16bitAt(pos + 1)}`; // sipush
    if (op === 18) return `${name} ${ldc(pool, u1())}`;
    if (op === 19 || op === 20) return `${name} ${ldc(pool, u2())}`;
    if (op === 132) return `${name} ${u1()}, ${it.signedByteAt(pos + 2)}`; // iinc
    if ((op >= 153 && op <= 168) || op === 198 || op === 199) return `${name} ${target16()}`; // if<cond>, goto, jsr, ifnull
    if (op === 170 || op === 171) return switchString(it, pos, op === 170);
    if (op >= 178 && op <= 181) return `${name} ${memberInfo(pool, u2(), 'Field')}`;
    if (op >= 182 && op <= 184) return `${name} ${memberInfo(pool, u2(), 'Method')}`;
    if (op === 185) return `${name} ${memberInfo(pool, u2(), 'Interface')}`;
    if (op === 186) return `${name} ${u2()}`; // invokedynamic: its InvokeDynamic entry's index
    // new, anewarray, checkcast, multianewarray (instanceof prints its name alone in Javassist 3.27)
    if (op === 187 || op === 189 || op === 192 || op === 197) return `${name} ${classInfo(pool, u2())}`;
    if (op === 188) {
      const type = NEWARRAY_TYPES[u1()];
      if (type === undefined) throw new RangeError('Invalid array type');
      return `${name} ${type}`;
    }
    if (op === 196) {
      // wide: the widened instruction and its 16-bit local index.
      const widened = it.byteAt(pos + 1);
      if (!((widened >= 21 && widened <= 25) || (widened >= 54 && widened <= 58) || widened === 132 || widened === 169)) throw new RangeError('Invalid WIDE operand');
      return `${Mnemonic.OPCODE[widened]} ${it.u16bitAt(pos + 2)}`;
    }
    if (op === 200 || op === 201) return `${name} ${it.s32bitAt(pos + 1) + pos}`;
    return name;
  }
}

function classInfo(pool: ConstPool, index: number): string {
  return `#${index} = Class ${pool.getClassInfo(index)}`;
}

function memberInfo(pool: ConstPool, index: number, kind: 'Field' | 'Method' | 'Interface'): string {
  if (kind === 'Field') return `#${index} = Field ${pool.getFieldrefClassName(index)}.${pool.getFieldrefName(index)}(${pool.getFieldrefType(index)})`;
  if (kind === 'Method') return `#${index} = Method ${pool.getMethodrefClassName(index)}.${pool.getMethodrefName(index)}(${pool.getMethodrefType(index)})`;
  return `#${index} = Method ${pool.getInterfaceMethodrefClassName(index)}.${pool.getInterfaceMethodrefName(index)}(${pool.getInterfaceMethodrefType(index)})`;
}

/** An ldc operand: the constant with its kind (Java's text for float and double). */
function ldc(pool: ConstPool, index: number): string {
  switch (pool.getTag(index)) {
    case 8:
      return `#${index} = "${pool.getStringInfo(index)}"`;
    case 3:
      return `#${index} = int ${pool.getIntegerInfo(index)}`;
    case 4:
      return `#${index} = float ${new Float(pool.getFloatInfo(index)).toString()}`;
    case 5:
      return `#${index} = long ${pool.getLongInfo(index)}`;
    case 6:
      return `#${index} = double ${new Double(pool.getDoubleInfo(index)).toString()}`;
    case 7:
      return classInfo(pool, index);
    default:
      throw new RangeError(`bad LDC: ${pool.getTag(index)}`);
  }
}

/** A tableswitch or lookupswitch: its default and each case on a line of its own, targets absolute. */
function switchString(it: CodeIterator, pos: number, table: boolean): string {
  const lines = [`${table ? 'tableswitch' : 'lookupswitch'} {`];
  let at = (pos & ~3) + 4; // after the padding (JVMS §6.5 tableswitch)
  lines.push(`\t\tdefault: ${pos + it.s32bitAt(at)}`);
  if (table) {
    const low = it.s32bitAt(at + 4);
    const high = it.s32bitAt(at + 8);
    at += 12;
    for (let key = low; key <= high; key++, at += 4) lines.push(`\t\t${key}: ${it.s32bitAt(at) + pos}`);
  } else {
    const pairs = it.s32bitAt(at + 4);
    at += 8;
    for (let i = 0; i < pairs; i++, at += 8) lines.push(`\t\t${it.s32bitAt(at)}: ${it.s32bitAt(at + 4) + pos}`);
  }
  return `${lines.join('\n')}}`;
}
