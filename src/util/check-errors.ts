// # The errors the checking adapters throw (CheckClassAdapter, CheckMethodAdapter…)
//
// ASM's checkers throw Java's IllegalArgumentException for a bad argument, IllegalStateException
// for a call out of order and UnsupportedOperationException for something the element cannot
// have (code in an abstract method, `opens` in an open module): the classes of src/asm/java-exceptions.ts,
// which the core throws too. Messages name the visit method or argument at fault.

export { IllegalArgumentException, IllegalStateException, UnsupportedOperationException } from '../asm/java-exceptions.js';
