// # Printer: the abstract text converter behind TraceClassVisitor (ASM's asm-util Printer)
//
// A Printer receives every visit event of a class, one method per event, and turns the class into
// a string tree (`text`). Events of different methods can interleave (a visitor chain may visit
// the code of two methods at once), so a printer cannot write to a stream as it goes: it builds
// the tree and `print` writes it out once the class is complete.
//
// Java's varargs parameters are plain arrays, as in the visitor classes.
//
// Java's overloads that share a name on this class (`visit` for a class header and for an
// annotation value) become one TypeScript method with two signatures; implementations tell them
// apart by the type of the first argument (a class version is a number, an annotation element
// name is a string or null).

import type { Attribute } from '../asm/attribute.js';
import type { Handle } from '../asm/handle.js';
import type { Label } from '../asm/label.js';
import type { FrameElement } from '../asm/method-visitor.js';
import type { TypePath } from '../asm/type-path.js';
import { StringBuilder } from './string-builder.js';
import { UnsupportedOperationException } from '../asm/java-exceptions.js';

/** Where a printer writes its text: the part of java.io.PrintWriter that printers use. */
export interface PrintWriter {
  write(text: string): void;
  /** Called once a class has been printed, when the sink has it. */
  flush?(): void;
}


// ASM's message for the methods that a Printer of a newer API level must override.
const UNSUPPORTED_OPERATION = 'Must be overridden';

function unsupported(): never {
  throw new UnsupportedOperationException(UNSUPPORTED_OPERATION);
}

/** An abstract converter from visit events to text. */
export abstract class Printer {
  /** Mnemonics of the JVM opcodes, indexed by opcode (JVMS §6.5, §7). */
  static readonly OPCODES: readonly string[] = [
    'NOP', 'ACONST_NULL', 'ICONST_M1', 'ICONST_0', 'ICONST_1', 'ICONST_2', 'ICONST_3', 'ICONST_4', // 0
    'ICONST_5', 'LCONST_0', 'LCONST_1', 'FCONST_0', 'FCONST_1', 'FCONST_2', 'DCONST_0', 'DCONST_1', // 8
    'BIPUSH', 'SIPUSH', 'LDC', 'LDC_W', 'LDC2_W', 'ILOAD', 'LLOAD', 'FLOAD', // 16
    'DLOAD', 'ALOAD', 'ILOAD_0', 'ILOAD_1', 'ILOAD_2', 'ILOAD_3', 'LLOAD_0', 'LLOAD_1', // 24
    'LLOAD_2', 'LLOAD_3', 'FLOAD_0', 'FLOAD_1', 'FLOAD_2', 'FLOAD_3', 'DLOAD_0', 'DLOAD_1', // 32
    'DLOAD_2', 'DLOAD_3', 'ALOAD_0', 'ALOAD_1', 'ALOAD_2', 'ALOAD_3', 'IALOAD', 'LALOAD', // 40
    'FALOAD', 'DALOAD', 'AALOAD', 'BALOAD', 'CALOAD', 'SALOAD', 'ISTORE', 'LSTORE', // 48
    'FSTORE', 'DSTORE', 'ASTORE', 'ISTORE_0', 'ISTORE_1', 'ISTORE_2', 'ISTORE_3', 'LSTORE_0', // 56
    'LSTORE_1', 'LSTORE_2', 'LSTORE_3', 'FSTORE_0', 'FSTORE_1', 'FSTORE_2', 'FSTORE_3', 'DSTORE_0', // 64
    'DSTORE_1', 'DSTORE_2', 'DSTORE_3', 'ASTORE_0', 'ASTORE_1', 'ASTORE_2', 'ASTORE_3', 'IASTORE', // 72
    'LASTORE', 'FASTORE', 'DASTORE', 'AASTORE', 'BASTORE', 'CASTORE', 'SASTORE', 'POP', // 80
    'POP2', 'DUP', 'DUP_X1', 'DUP_X2', 'DUP2', 'DUP2_X1', 'DUP2_X2', 'SWAP', // 88
    'IADD', 'LADD', 'FADD', 'DADD', 'ISUB', 'LSUB', 'FSUB', 'DSUB', // 96
    'IMUL', 'LMUL', 'FMUL', 'DMUL', 'IDIV', 'LDIV', 'FDIV', 'DDIV', // 104
    'IREM', 'LREM', 'FREM', 'DREM', 'INEG', 'LNEG', 'FNEG', 'DNEG', // 112
    'ISHL', 'LSHL', 'ISHR', 'LSHR', 'IUSHR', 'LUSHR', 'IAND', 'LAND', // 120
    'IOR', 'LOR', 'IXOR', 'LXOR', 'IINC', 'I2L', 'I2F', 'I2D', // 128
    'L2I', 'L2F', 'L2D', 'F2I', 'F2L', 'F2D', 'D2I', 'D2L', // 136
    'D2F', 'I2B', 'I2C', 'I2S', 'LCMP', 'FCMPL', 'FCMPG', 'DCMPL', // 144
    'DCMPG', 'IFEQ', 'IFNE', 'IFLT', 'IFGE', 'IFGT', 'IFLE', 'IF_ICMPEQ', // 152
    'IF_ICMPNE', 'IF_ICMPLT', 'IF_ICMPGE', 'IF_ICMPGT', 'IF_ICMPLE', 'IF_ACMPEQ', 'IF_ACMPNE', 'GOTO', // 160
    'JSR', 'RET', 'TABLESWITCH', 'LOOKUPSWITCH', 'IRETURN', 'LRETURN', 'FRETURN', 'DRETURN', // 168
    'ARETURN', 'RETURN', 'GETSTATIC', 'PUTSTATIC', 'GETFIELD', 'PUTFIELD', 'INVOKEVIRTUAL', 'INVOKESPECIAL', // 176
    'INVOKESTATIC', 'INVOKEINTERFACE', 'INVOKEDYNAMIC', 'NEW', 'NEWARRAY', 'ANEWARRAY', 'ARRAYLENGTH', 'ATHROW', // 184
    'CHECKCAST', 'INSTANCEOF', 'MONITORENTER', 'MONITOREXIT', 'WIDE', 'MULTIANEWARRAY', 'IFNULL', 'IFNONNULL', // 192
  ];

  /** Names of the NEWARRAY operand values (JVMS §6.5.newarray, Table 6.5.newarray-A). */
  static readonly TYPES: readonly string[] = [
    '', '', '', '', 'T_BOOLEAN', 'T_CHAR', 'T_FLOAT', 'T_DOUBLE', 'T_BYTE', 'T_SHORT', 'T_INT', 'T_LONG',
  ];

  /** Names of the method handle kinds (JVMS §4.4.8, Table 5.4.3.5-A), as Opcodes' H_* constants. */
  static readonly HANDLE_TAG: readonly string[] = [
    '',
    'H_GETFIELD',
    'H_GETSTATIC',
    'H_PUTFIELD',
    'H_PUTSTATIC',
    'H_INVOKEVIRTUAL',
    'H_INVOKESTATIC',
    'H_INVOKESPECIAL',
    'H_NEWINVOKESPECIAL',
    'H_INVOKEINTERFACE',
  ];

  /** The ASM API level (Opcodes.ASM4…ASM9) this printer implements. */
  readonly api: number;

  /** Scratch buffer for the text of the current event. */
  readonly stringBuilder: StringBuilder;

  /**
   * The text built so far: strings and nested lists (the text of member printers, which may
   * still be growing while this list is built), printed depth-first by `print`.
   */
  readonly text: unknown[];

  protected constructor(api: number) {
    this.api = api;
    this.stringBuilder = new StringBuilder();
    this.text = [];
  }

  // ## Classes

  /** The class header (ClassVisitor.visit). */
  abstract visit(
    version: number,
    access: number,
    name: string,
    signature: string | null,
    superName: string | null,
    interfaces: readonly string[] | null,
  ): void;
  /** An annotation value (AnnotationVisitor.visit). */
  abstract visit(name: string | null, value: unknown): void;

  abstract visitSource(source: string | null, debug: string | null): void;

  visitModule(_name: string, _access: number, _version: string | null): Printer {
    return unsupported();
  }

  visitNestHost(_nestHost: string): void {
    unsupported();
  }

  abstract visitOuterClass(owner: string, name: string | null, descriptor: string | null): void;

  abstract visitClassAnnotation(descriptor: string, visible: boolean): Printer;

  visitClassTypeAnnotation(_typeRef: number, _typePath: TypePath | null, _descriptor: string, _visible: boolean): Printer {
    return unsupported();
  }

  abstract visitClassAttribute(attribute: Attribute): void;

  visitNestMember(_nestMember: string): void {
    unsupported();
  }

  visitPermittedSubclass(_permittedSubclass: string): void {
    unsupported();
  }

  abstract visitInnerClass(name: string, outerName: string | null, innerName: string | null, access: number): void;

  visitRecordComponent(_name: string, _descriptor: string, _signature: string | null): Printer {
    return unsupported();
  }

  abstract visitField(
    access: number,
    name: string,
    descriptor: string,
    signature: string | null,
    value: unknown,
  ): Printer;

  abstract visitMethod(
    access: number,
    name: string,
    descriptor: string,
    signature: string | null,
    exceptions: readonly string[] | null,
  ): Printer;

  abstract visitClassEnd(): void;

  // ## Modules

  visitMainClass(_mainClass: string): void {
    unsupported();
  }

  visitPackage(_packaze: string): void {
    unsupported();
  }

  visitRequire(_module: string, _access: number, _version: string | null): void {
    unsupported();
  }

  visitExport(_packaze: string, _access: number, ..._modules: (string | readonly string[] | null)[]): void {
    unsupported();
  }

  visitOpen(_packaze: string, _access: number, ..._modules: (string | readonly string[] | null)[]): void {
    unsupported();
  }

  visitUse(_service: string): void {
    unsupported();
  }

  visitProvide(_service: string, ..._providers: (string | readonly string[])[]): void {
    unsupported();
  }

  visitModuleEnd(): void {
    unsupported();
  }

  // ## Annotations (the annotation form of `visit` is declared with the class header above)

  abstract visitEnum(name: string | null, descriptor: string, value: string): void;

  abstract visitAnnotation(name: string | null, descriptor: string): Printer;

  abstract visitArray(name: string | null): Printer;

  abstract visitAnnotationEnd(): void;

  // ## Record components

  visitRecordComponentAnnotation(_descriptor: string, _visible: boolean): Printer {
    return unsupported();
  }

  visitRecordComponentTypeAnnotation(
    _typeRef: number,
    _typePath: TypePath | null,
    _descriptor: string,
    _visible: boolean,
  ): Printer {
    return unsupported();
  }

  visitRecordComponentAttribute(_attribute: Attribute): void {
    unsupported();
  }

  visitRecordComponentEnd(): void {
    unsupported();
  }

  // ## Fields

  abstract visitFieldAnnotation(descriptor: string, visible: boolean): Printer;

  visitFieldTypeAnnotation(_typeRef: number, _typePath: TypePath | null, _descriptor: string, _visible: boolean): Printer {
    return unsupported();
  }

  abstract visitFieldAttribute(attribute: Attribute): void;

  abstract visitFieldEnd(): void;

  // ## Methods

  visitParameter(_name: string | null, _access: number): void {
    unsupported();
  }

  abstract visitAnnotationDefault(): Printer;

  abstract visitMethodAnnotation(descriptor: string, visible: boolean): Printer;

  visitMethodTypeAnnotation(_typeRef: number, _typePath: TypePath | null, _descriptor: string, _visible: boolean): Printer {
    return unsupported();
  }

  visitAnnotableParameterCount(_parameterCount: number, _visible: boolean): Printer {
    return unsupported();
  }

  abstract visitParameterAnnotation(parameter: number, descriptor: string, visible: boolean): Printer;

  abstract visitMethodAttribute(attribute: Attribute): void;

  abstract visitCode(): void;

  abstract visitFrame(
    type: number,
    numLocal: number,
    local: readonly FrameElement[] | null,
    numStack: number,
    stack: readonly FrameElement[] | null,
  ): void;

  abstract visitInsn(opcode: number): void;

  abstract visitIntInsn(opcode: number, operand: number): void;

  abstract visitVarInsn(opcode: number, varIndex: number): void;

  abstract visitTypeInsn(opcode: number, type: string): void;

  abstract visitFieldInsn(opcode: number, owner: string, name: string, descriptor: string): void;

  /**
   * A method instruction. Called without `isInterface` (ASM's deprecated pre-ASM5 form), it only
   * exists to be overridden by printers of API level < ASM5; at ASM5+ this base version must be
   * overridden, as in ASM.
   */
  visitMethodInsn(_opcode: number, _owner: string, _name: string, _descriptor: string, _isInterface?: boolean): void {
    unsupported();
  }

  abstract visitInvokeDynamicInsn(
    name: string,
    descriptor: string,
    bootstrapMethodHandle: Handle,
    ...bootstrapMethodArguments: unknown[]
  ): void;

  abstract visitJumpInsn(opcode: number, label: Label): void;

  abstract visitLabel(label: Label): void;

  abstract visitLdcInsn(value: unknown): void;

  abstract visitIincInsn(varIndex: number, increment: number): void;

  abstract visitTableSwitchInsn(min: number, max: number, dflt: Label, ...labels: (Label | readonly Label[])[]): void;

  abstract visitLookupSwitchInsn(dflt: Label, keys: ArrayLike<number>, labels: readonly Label[]): void;

  abstract visitMultiANewArrayInsn(descriptor: string, numDimensions: number): void;

  visitInsnAnnotation(_typeRef: number, _typePath: TypePath | null, _descriptor: string, _visible: boolean): Printer {
    return unsupported();
  }

  abstract visitTryCatchBlock(start: Label, end: Label, handler: Label, type: string | null): void;

  visitTryCatchAnnotation(_typeRef: number, _typePath: TypePath | null, _descriptor: string, _visible: boolean): Printer {
    return unsupported();
  }

  abstract visitLocalVariable(
    name: string,
    descriptor: string,
    signature: string | null,
    start: Label,
    end: Label,
    index: number,
  ): void;

  visitLocalVariableAnnotation(
    _typeRef: number,
    _typePath: TypePath | null,
    _start: readonly Label[],
    _end: readonly Label[],
    _index: ArrayLike<number>,
    _descriptor: string,
    _visible: boolean,
  ): Printer {
    return unsupported();
  }

  abstract visitLineNumber(line: number, start: Label): void;

  abstract visitMaxs(maxStack: number, maxLocals: number): void;

  abstract visitMethodEnd(): void;

  // ## Printing and utilities

  /** The text built by this printer (see {@link text}). */
  getText(): unknown[] {
    return this.text;
  }

  /** Writes the text built by this printer to `printWriter`. */
  print(printWriter: PrintWriter): void {
    Printer.printList(printWriter, this.text);
  }

  /** Writes a string tree depth-first; non-list elements are written through String(). */
  static printList(printWriter: PrintWriter, list: readonly unknown[]): void {
    for (const element of list) {
      if (Array.isArray(element)) {
        Printer.printList(printWriter, element);
      } else {
        printWriter.write(String(element));
      }
    }
  }

  /** The text of a string tree as one string (what `print` would write). */
  static textToString(list: readonly unknown[]): string {
    const parts: string[] = [];
    Printer.printList({ write: (s) => parts.push(s) }, list);
    return parts.join('');
  }

  /**
   * Appends `string` as a Java string literal: quotes, backslash escapes for \n \r \\ \", and
   * \uXXXX (lower-case hex) for every other code unit outside 0x20..0x7F.
   */
  static appendString(stringBuilder: StringBuilder, string: string): void {
    let out = '"';
    for (let i = 0; i < string.length; ++i) {
      const c = string.charCodeAt(i);
      if (c === 0x0a) {
        out += '\\n';
      } else if (c === 0x0d) {
        out += '\\r';
      } else if (c === 0x5c) {
        out += '\\\\';
      } else if (c === 0x22) {
        out += '\\"';
      } else if (c < 0x20 || c > 0x7f) {
        out += '\\u' + c.toString(16).padStart(4, '0');
      } else {
        out += string.charAt(i);
      }
    }
    stringBuilder.append(out + '"');
  }
}
