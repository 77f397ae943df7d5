// # The count and zero bytes of invokeinterface, as HotSpot's old verifier checks them
//
// invokeinterface carries the size of its arguments in words, the receiver included, and a zero
// byte (JVMS §6.5 invokeinterface). HotSpot's old verifier (check_code.c, verify_opcode_operands),
// which verifies classes before version 50 and version 50 ones whose type check fails over,
// rejects a count that does not match the descriptor ("Inconsistent args_size for
// invokeinterface") and a fourth byte that is not zero ("Fourth operand byte of invokeinterface
// must be zero"). ClassReader drops both bytes (it recomputes the count when writing), so the
// inference verifier, which works on its nodes, checks the raw code with this first. (The type
// checker checks them itself.)

import { Type } from '../asm/type.js';
import type { ConstantPool } from '../classfile/constant-pool.js';
import { instructionLength, type TypeCheckError } from './type-checker.js';

const INVOKEINTERFACE = 0xb9;

/** The descriptor of the method reference at `index`, or null when the pool holds none there. */
function methodDescriptor(pool: ConstantPool, index: number): string | null {
  const reference = pool.entries[index];
  if (reference?.kind !== 'InterfaceMethodref' && reference?.kind !== 'Methodref') return null;
  const nameAndType = pool.entries[reference.nameAndTypeIndex];
  if (nameAndType?.kind !== 'NameAndType') return null;
  const descriptor = pool.entries[nameAndType.descriptorIndex];
  return descriptor?.kind === 'Utf8' ? descriptor.value : null;
}

/** The first invokeinterface of `code` whose count or fourth byte HotSpot's old verifier refuses, or null. */
export function invokeinterfaceOperandError(code: Uint8Array, pool: ConstantPool): TypeCheckError | null {
  for (let offset = 0; offset < code.length; ) {
    const size = instructionLength(code, offset);
    if (size <= 0) return null; // a bad instruction: the analysis reports it where it is
    if (code[offset] === INVOKEINTERFACE) {
      const descriptor = methodDescriptor(pool, (code[offset + 1]! << 8) | code[offset + 2]!);
      // A bad constant or descriptor is the analysis's to report.
      if (descriptor !== null && descriptor.startsWith('(')) {
        let words: number;
        try {
          words = Type.getArgumentsAndReturnSizes(descriptor) >> 2; // the receiver included
        } catch {
          words = -1;
        }
        if (words >= 0 && code[offset + 3] !== words) return { offset, message: 'Inconsistent args_size for invokeinterface' };
      }
      if (code[offset + 4] !== 0) return { offset, message: 'Fourth operand byte of invokeinterface must be zero' };
    }
    offset += size;
  }
  return null;
}
