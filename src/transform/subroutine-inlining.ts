// jsr/ret subroutines are illegal from class file version 51 (JVMS §4.9.1), and a StackMapTable cannot
// describe them. A transform that raises an old class to 51 or more therefore needs its subroutines
// inlined before frames are computed: ASM's JSRInlinerAdapter does it, as ClassWriter does on its own
// for classes that stay below 51.

import { Opcodes } from '../asm/opcodes.js';
import { JSRInlinerAdapter } from '../commons/jsr-inliner-adapter.js';
import { MethodNode } from '../tree/method-node.js';

/** Whether `method` has a jsr or ret instruction (the reader turns jsr_w into jsr). */
export function hasSubroutines(method: MethodNode): boolean {
  for (let insn = method.instructions.getFirst(); insn !== null; insn = insn.getNext()) {
    const opcode = insn.getOpcode();
    if (opcode === Opcodes.JSR || opcode === Opcodes.RET) return true;
  }
  return false;
}

/** `method` with its subroutines inlined (a new MethodNode), or `method` itself when it has none. */
export function withSubroutinesInlined(method: MethodNode): MethodNode {
  if (!hasSubroutines(method)) return method;
  const inlined = new MethodNode(Opcodes.ASM9, method.access, method.name, method.desc, method.signature, method.exceptions);
  method.accept(new JSRInlinerAdapter(inlined, method.access, method.name, method.desc, method.signature, method.exceptions));
  return inlined;
}
