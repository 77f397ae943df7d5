// InstructionAdapter called from JavaScript ports: Java's `lconst(5)` widens an int to a long, and a
// port writes lconst(5) or lconst(5n) — both must push the long 5 (a number used to go to visitLdcInsn
// as an int, followed by the port's pop2: an invalid method; lconst(1) threw a TypeError). A number no
// Java int holds given to iconst (3.5) is refused instead of becoming a bogus opcode.

import { describe, expect, it } from 'vitest';
import { IllegalArgumentException } from '../src/asm/java-exceptions.js';
import { Opcodes } from '../src/asm/opcodes.js';
import { InstructionAdapter } from '../src/commons/instruction-adapter.js';
import { InsnNode } from '../src/tree/insn-node.js';
import { LdcInsnNode } from '../src/tree/ldc-insn-node.js';
import { MethodNode } from '../src/tree/method-node.js';

/** The instructions `body` emits through an InstructionAdapter, as opcode and ldc operand. */
function emitted(body: (adapter: InstructionAdapter) => void): unknown[] {
  const method = new MethodNode(Opcodes.ASM9, Opcodes.ACC_STATIC, 'm', '()V', null, null);
  body(new InstructionAdapter(method));
  return method.instructions.toArray().map((insn) => (insn instanceof LdcInsnNode ? ['LDC', insn.cst] : (insn as InsnNode).getOpcode()));
}

describe('InstructionAdapter with JavaScript numbers', () => {
  it('lconst takes an integer number as the long it is', () => {
    expect(emitted((a) => a.lconst(0))).toEqual([Opcodes.LCONST_0]);
    expect(emitted((a) => a.lconst(1))).toEqual([Opcodes.LCONST_1]);
    expect(emitted((a) => a.lconst(5))).toEqual([['LDC', 5n]]);
    expect(emitted((a) => a.lconst(5n))).toEqual([['LDC', 5n]]);
    expect(emitted((a) => a.lconst(-(2 ** 40)))).toEqual([['LDC', -(2n ** 40n)]]);
  });

  it('refuses numbers that are no long for lconst and no int for iconst', () => {
    expect(() => emitted((a) => a.lconst(1.5))).toThrow(IllegalArgumentException);
    expect(() => emitted((a) => a.iconst(3.5))).toThrow(IllegalArgumentException);
    expect(() => emitted((a) => a.iconst(2 ** 40))).toThrow(IllegalArgumentException);
    expect(emitted((a) => a.iconst(-1))).toEqual([Opcodes.ICONST_M1]);
  });
});
