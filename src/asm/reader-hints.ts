import type { ClassReader } from './class-reader.js';

/**
 * @internal Where, in its class file, the ClassReader visiting now found what it is passing to a
 * visitor: the method_info or field_info being visited, the LocalVariableTable entry, the field
 * or method reference of the instruction, the Class of a frame element. A ClassWriter whose
 * SymbolTable has this reader as its dictionary (see SymbolTable.useDictionary), or copies this
 * reader's pool (the copy path), reads candidate pool indices from there, and uses one only after
 * checking that the reader decoded exactly the value being added from it (and, on the copy path,
 * that the pool holds no twin of it: see findSourceTwins). So a position left by another reader, or
 * by an earlier event that an adapter changed or delayed, is harmless: the check fails and the
 * value is looked up as usual.
 *
 * One shared object rather than visitor arguments: the visitor API is ASM's, and events may pass
 * through any number of adapters between the reader and the writer.
 */
export const readerHints = {
  /** The reader that set the offsets below (the writer ignores them for any other). */
  reader: null as ClassReader | null,
  /** The offset of the method_info or field_info (JVMS §4.5, §4.6) being visited. */
  memberInfoOffset: 0,
  /**
   * For the class-level event being visited, the offset in the class file of: the signature_index
   * of the Signature attribute (visit, 0 without one: this_class, super_class and interfaces are
   * at fixed places after the reader's header), the sourcefile_index of SourceFile (visitSource),
   * the host_class_index of NestHost (visitNestHost), the EnclosingMethod attribute
   * (visitOuterClass), the entry of NestMembers or PermittedSubclasses (visitNestMember,
   * visitPermittedSubclass), or the InnerClasses entry (visitInnerClass) (JVMS §4.7).
   */
  classEntryOffset: 0,
  /** The pool index of the Signature (JVMS §4.7.9) of the field or method being visited, or 0. */
  memberSignatureIndex: 0,
  /** The offset of the Exceptions attribute (JVMS §4.7.5) of the method being visited, or 0. */
  methodExceptionsOffset: 0,
  /** The offset of the LocalVariableTable entry (JVMS §4.7.13) being visited. */
  localVariableOffset: 0,
  /** The pool index of the Fieldref or (Interface)Methodref of the instruction being visited. */
  memberReferenceIndex: 0,
  /**
   * The pool index of the Class of a NEW, ANEWARRAY, CHECKCAST or INSTANCEOF, of an LDC's
   * constant, or of a handler's catch type.
   */
  constantIndex: 0,
  /** The offset of the signature_index of the LocalVariableTypeTable entry visited with a local variable, or 0. */
  localVariableSignatureOffset: 0,
  /**
   * For each element of the local and stack arrays of the stack map frame being visited that is an
   * Object_variable_info (JVMS §4.7.4), the pool index of its Class; other elements are stale.
   */
  frameLocalClassIndices: new Int32Array(64),
  frameStackClassIndices: new Int32Array(64),
};

/** Makes the frame hint arrays of readerHints hold at least `maxLocals` and `maxStack` elements. */
export function reserveFrameClassIndices(maxLocals: number, maxStack: number): void {
  if (readerHints.frameLocalClassIndices.length < maxLocals) {
    readerHints.frameLocalClassIndices = new Int32Array(maxLocals);
  }
  if (readerHints.frameStackClassIndices.length < maxStack) {
    readerHints.frameStackClassIndices = new Int32Array(maxStack);
  }
}
