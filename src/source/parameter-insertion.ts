// # A new parameter for an existing method (Javassist's CtBehavior.insertParameter / addParameter)
//
// Parameters are the first local variables (JVMS §2.6.1: `this` in slot 0 of an instance method,
// then the parameters in order, long and double taking two slots). A parameter of size `size` put
// in at slot `where` moves every local variable at `where` or above up by `size`, as Javassist's
// CodeAttribute.insertLocalVar does: the load/store/iinc instructions, the LocalVariableTable and
// LocalVariableTypeTable (one list in the tree) and the local variable type annotations. Frames
// are recomputed when the method is written (it is a changed member).
//
// Beyond Javassist, which leaves them as they were (then reflection finds parameter annotations and
// MethodParameters that no longer match the descriptor), the parameter gets an empty entry in the
// parameter annotations and in MethodParameters (JVMS §4.7.18, §4.7.24). The generic signature is
// left as it is, as Javassist does: it names the old parameters.

import { Type } from '../asm/type.js';
import { Opcodes } from '../asm/opcodes.js';
import { IincInsnNode } from '../tree/iinc-insn-node.js';
import type { MethodNode } from '../tree/method-node.js';
import { ParameterNode } from '../tree/parameter-node.js';
import { VarInsnNode } from '../tree/var-insn-node.js';

/** Adds a parameter of the type `descriptor` to `method`: first (`first`), or last. */
export function insertMethodParameter(method: MethodNode, descriptor: string, first: boolean): void {
  const size = descriptor === 'J' || descriptor === 'D' ? 2 : 1;
  const isStatic = (method.access & Opcodes.ACC_STATIC) !== 0;
  const argumentTypes = Type.getArgumentTypes(method.desc);
  const parameterSlots = argumentTypes.reduce((slots, type) => slots + type.getSize(), 0);
  const where = (isStatic ? 0 : 1) + (first ? 0 : parameterSlots);
  for (const insn of method.instructions) {
    if ((insn instanceof VarInsnNode || insn instanceof IincInsnNode) && insn.var >= where) insn.var += size;
  }
  for (const local of method.localVariables ?? []) if (local.index >= where) local.index += size;
  for (const annotation of [...(method.visibleLocalVariableAnnotations ?? []), ...(method.invisibleLocalVariableAnnotations ?? [])]) {
    annotation.index = annotation.index.map((index) => (index >= where ? index + size : index));
  }
  if (method.instructions.size() > 0) method.maxLocals += size;

  const returnType = Type.getReturnType(method.desc).getDescriptor();
  const parameters = argumentTypes.map((type) => type.getDescriptor());
  if (first) parameters.unshift(descriptor);
  else parameters.push(descriptor);
  method.desc = `(${parameters.join('')})${returnType}`;

  const at = first ? 0 : argumentTypes.length;
  if (method.visibleParameterAnnotations !== null) {
    method.visibleParameterAnnotations.splice(at, 0, null);
    if (method.visibleAnnotableParameterCount !== 0) method.visibleAnnotableParameterCount++;
  }
  if (method.invisibleParameterAnnotations !== null) {
    method.invisibleParameterAnnotations.splice(at, 0, null);
    if (method.invisibleAnnotableParameterCount !== 0) method.invisibleAnnotableParameterCount++;
  }
  if (method.parameters !== null && method.parameters.length === argumentTypes.length) {
    method.parameters.splice(at, 0, new ParameterNode(null, 0));
  }
}
