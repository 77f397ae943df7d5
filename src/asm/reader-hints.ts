import type { ClassReader } from './class-reader.js';

/**
 * @internal Where, in its class file, the ClassReader visiting now found what it is passing to a
 * visitor: the method_info or field_info being visited, the LocalVariableTable entry, the field
 * or method reference of the instruction. A ClassWriter whose SymbolTable has this reader as its
 * dictionary (see SymbolTable.useDictionary) reads candidate Utf8 indices from there, and uses
 * one only after checking that the reader decoded exactly the value being added from it. So a
 * position left by another reader, or by an earlier event that an adapter changed or delayed, is
 * harmless: the check fails and the value is looked up as usual.
 *
 * One shared object rather than visitor arguments: the visitor API is ASM's, and events may pass
 * through any number of adapters between the reader and the writer.
 */
export const readerHints = {
  /** The reader that set the offsets below (the writer ignores them for any other). */
  reader: null as ClassReader | null,
  /** The offset of the method_info or field_info (JVMS §4.5, §4.6) being visited. */
  memberInfoOffset: 0,
  /** The offset of the LocalVariableTable entry (JVMS §4.7.13) being visited. */
  localVariableOffset: 0,
  /** The pool index of the Fieldref or (Interface)Methodref of the instruction being visited. */
  memberReferenceIndex: 0,
  /** The pool index of the Class of a NEW, ANEWARRAY, CHECKCAST or INSTANCEOF, or of an LDC's constant. */
  constantIndex: 0,
};
