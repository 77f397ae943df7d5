// # Textifier: a Printer that prints a disassembled, javap-like view of a class (ASM's Textifier)
//
// The output format is ASM's, character for character, so that Textifier dumps from classforge and
// from ASM in Java can be diffed. Labels are named L0, L1… in order of first mention. Numbers print
// as Java's toString does (Float/Double from java-values implement Java's algorithm).
//
// Where ASM releases differ, the output follows ASM 9.4 (Debian's libasm-java, the oracle the tests
// run): LDC operands, field constant values and invokedynamic bootstrap arguments are printed with
// their plain Java string conversion (`LDC 42`, `= 1.5`), not with the L/F/D suffixes and the
// expanded handles and constant-dynamic trees that later ASM versions print.

import type { Attribute } from '../asm/attribute.js';
import { Handle } from '../asm/handle.js';
import { Byte, Character, Double, Float, Short } from '../asm/java-values.js';
import type { Label } from '../asm/label.js';
import type { FrameElement } from '../asm/method-visitor.js';
import { Opcodes } from '../asm/opcodes.js';
import { SignatureReader } from '../asm/signature/signature-reader.js';
import { Type } from '../asm/type.js';
import type { TypePath } from '../asm/type-path.js';
import { TypeReference } from '../asm/type-reference.js';
import { Printer } from './printer.js';
import { isTextifierSupport } from './textifier-support.js';
import { TraceSignatureVisitor } from './trace-signature-visitor.js';
import { IllegalArgumentException, IllegalStateException } from '../asm/java-exceptions.js';
import { nullableVarargsOf, varargsOf } from '../asm/varargs.js';

const CLASS_SUFFIX = '.class';
const DEPRECATED = '// DEPRECATED\n';
const RECORD = '// RECORD\n';
const INVISIBLE = ' // invisible\n';

// Printed names of the frame type constants Opcodes.TOP (0) … Opcodes.UNINITIALIZED_THIS (6).
const FRAME_TYPES: readonly string[] = ['T', 'I', 'F', 'D', 'J', 'N', 'U'];

/** Java's Integer.toHexString: the unsigned 32-bit value in lower-case hex. */
function toHexString(value: number): string {
  return (value >>> 0).toString(16);
}

/** A Printer that prints a disassembled view of the classes it visits. */
export class Textifier extends Printer {
  /** appendDescriptor kind: an internal name. */
  static readonly INTERNAL_NAME = 0;
  /** appendDescriptor kind: a field descriptor. */
  static readonly FIELD_DESCRIPTOR = 1;
  /** appendDescriptor kind: a field signature. */
  static readonly FIELD_SIGNATURE = 2;
  /** appendDescriptor kind: a method descriptor. */
  static readonly METHOD_DESCRIPTOR = 3;
  /** appendDescriptor kind: a method signature. */
  static readonly METHOD_SIGNATURE = 4;
  /** appendDescriptor kind: a class signature. */
  static readonly CLASS_SIGNATURE = 5;
  /** appendDescriptor kind: a method handle descriptor. */
  static readonly HANDLE_DESCRIPTOR = 9;

  /** Indentation of class members (fields, methods). */
  protected tab = '  ';
  /** Indentation of method body elements (instructions). */
  protected tab2 = '    ';
  /** Indentation of third-level elements (switch cases, bootstrap arguments). */
  protected tab3 = '      ';
  /** Indentation of labels. */
  protected ltab = '   ';

  /** The names given to labels so far; created on first use. */
  protected labelNames: Map<Label, string> | null = null;

  /** The access flags of the visited class (for `default` methods and TraceSignatureVisitor). */
  private access = 0;

  /** The number of annotation values visited so far, to place the ", " separators. */
  private numAnnotationValues = 0;

  /**
   * Without `api`, a Textifier of the latest API level (ASM's public no-arg constructor, which
   * subclasses may not use). Subclasses pass their API level explicitly.
   */
  constructor(api?: number) {
    super(api ?? Opcodes.ASM9);
    if (api === undefined && new.target !== Textifier) {
      throw new IllegalStateException('Textifier subclasses must pass an api level to the constructor');
    }
  }

  // ## Classes

  override visit(
    version: number,
    access: number,
    name: string,
    signature: string | null,
    superName: string | null,
    interfaces: readonly string[] | null,
  ): void;
  override visit(name: string | null, value: unknown): void;
  override visit(...args: unknown[]): void {
    if (typeof args[0] === 'number') {
      this.visitClassHeader(
        args[0],
        args[1] as number,
        args[2] as string,
        (args[3] ?? null) as string | null,
        (args[4] ?? null) as string | null,
        (args[5] ?? null) as readonly string[] | null,
      );
    } else {
      this.visitAnnotationValueOf((args[0] ?? null) as string | null, args[1]);
    }
  }

  private visitClassHeader(
    version: number,
    access: number,
    name: string,
    signature: string | null,
    superName: string | null,
    interfaces: readonly string[] | null,
  ): void {
    if ((access & Opcodes.ACC_MODULE) !== 0) {
      // A module-info class prints as its module declaration (visitModule).
      return;
    }
    this.access = access;
    const majorVersion = version & 0xffff;
    const minorVersion = version >>> 16;
    const sb = this.stringBuilder;
    sb.setLength(0);
    sb.append('// class version ')
      .append(majorVersion)
      .append('.')
      .append(minorVersion)
      .append(' (')
      .append(version | 0)
      .append(')\n');
    if ((access & Opcodes.ACC_DEPRECATED) !== 0) {
      sb.append(DEPRECATED);
    }
    if ((access & Opcodes.ACC_RECORD) !== 0) {
      sb.append(RECORD);
    }
    this.appendRawAccess(access);

    this.appendDescriptor(Textifier.CLASS_SIGNATURE, signature);
    if (signature !== null) {
      this.appendJavaDeclaration(name, signature);
    }

    this.appendAccess(access & ~(Opcodes.ACC_SUPER | Opcodes.ACC_MODULE));
    if ((access & Opcodes.ACC_ANNOTATION) !== 0) {
      sb.append('@interface ');
    } else if ((access & Opcodes.ACC_INTERFACE) !== 0) {
      sb.append('interface ');
    } else if ((access & Opcodes.ACC_ENUM) === 0) {
      sb.append('class ');
    }
    this.appendDescriptor(Textifier.INTERNAL_NAME, name);

    if (superName !== null && superName !== 'java/lang/Object') {
      sb.append(' extends ');
      this.appendDescriptor(Textifier.INTERNAL_NAME, superName);
    }
    if (interfaces !== null && interfaces.length > 0) {
      sb.append(' implements ');
      for (let i = 0; i < interfaces.length; ++i) {
        this.appendDescriptor(Textifier.INTERNAL_NAME, interfaces[i]!);
        if (i !== interfaces.length - 1) {
          sb.append(' ');
        }
      }
    }
    sb.append(' {\n\n');
    this.text.push(sb.toString());
  }

  override visitSource(file: string | null, debug: string | null): void {
    const sb = this.stringBuilder;
    sb.setLength(0);
    if (file !== null) {
      sb.append(this.tab).append('// compiled from: ').append(file).append('\n');
    }
    if (debug !== null) {
      sb.append(this.tab).append('// debug info: ').append(debug).append('\n');
    }
    if (sb.length() > 0) {
      this.text.push(sb.toString());
    }
  }

  override visitModule(name: string, access: number, version: string | null): Printer {
    const sb = this.stringBuilder;
    sb.setLength(0);
    if ((access & Opcodes.ACC_OPEN) !== 0) {
      sb.append('open ');
    }
    sb.append('module ')
      .append(name)
      .append(' { ')
      .append(version === null ? '' : '// ' + version)
      .append('\n\n');
    this.text.push(sb.toString());
    return this.addNewTextifier(null);
  }

  override visitNestHost(nestHost: string): void {
    const sb = this.stringBuilder;
    sb.setLength(0);
    sb.append(this.tab).append('NESTHOST ');
    this.appendDescriptor(Textifier.INTERNAL_NAME, nestHost);
    sb.append('\n');
    this.text.push(sb.toString());
  }

  override visitOuterClass(owner: string, name: string | null, descriptor: string | null): void {
    const sb = this.stringBuilder;
    sb.setLength(0);
    sb.append(this.tab).append('OUTERCLASS ');
    this.appendDescriptor(Textifier.INTERNAL_NAME, owner);
    sb.append(' ');
    if (name !== null) {
      sb.append(name).append(' ');
    }
    this.appendDescriptor(Textifier.METHOD_DESCRIPTOR, descriptor);
    sb.append('\n');
    this.text.push(sb.toString());
  }

  override visitClassAnnotation(descriptor: string, visible: boolean): Textifier {
    this.text.push('\n');
    return this.visitAnnotation(descriptor, visible);
  }

  override visitClassTypeAnnotation(
    typeRef: number,
    typePath: TypePath | null,
    descriptor: string,
    visible: boolean,
  ): Printer {
    this.text.push('\n');
    return this.visitTypeAnnotation(typeRef, typePath, descriptor, visible);
  }

  override visitClassAttribute(attribute: Attribute): void {
    this.text.push('\n');
    this.visitAttribute(attribute);
  }

  override visitNestMember(nestMember: string): void {
    const sb = this.stringBuilder;
    sb.setLength(0);
    sb.append(this.tab).append('NESTMEMBER ');
    this.appendDescriptor(Textifier.INTERNAL_NAME, nestMember);
    sb.append('\n');
    this.text.push(sb.toString());
  }

  override visitPermittedSubclass(permittedSubclass: string): void {
    const sb = this.stringBuilder;
    sb.setLength(0);
    sb.append(this.tab).append('PERMITTEDSUBCLASS ');
    this.appendDescriptor(Textifier.INTERNAL_NAME, permittedSubclass);
    sb.append('\n');
    this.text.push(sb.toString());
  }

  override visitInnerClass(name: string, outerName: string | null, innerName: string | null, access: number): void {
    const sb = this.stringBuilder;
    sb.setLength(0);
    sb.append(this.tab);
    this.appendRawAccess(access & ~Opcodes.ACC_SUPER);
    sb.append(this.tab);
    this.appendAccess(access);
    sb.append('INNERCLASS ');
    this.appendDescriptor(Textifier.INTERNAL_NAME, name);
    sb.append(' ');
    this.appendDescriptor(Textifier.INTERNAL_NAME, outerName);
    sb.append(' ');
    this.appendDescriptor(Textifier.INTERNAL_NAME, innerName);
    sb.append('\n');
    this.text.push(sb.toString());
  }

  override visitRecordComponent(name: string, descriptor: string, signature: string | null): Printer {
    const sb = this.stringBuilder;
    sb.setLength(0);
    sb.append(this.tab).append('RECORDCOMPONENT ');
    if (signature !== null) {
      sb.append(this.tab);
      this.appendDescriptor(Textifier.FIELD_SIGNATURE, signature);
      sb.append(this.tab);
      this.appendJavaDeclaration(name, signature);
    }
    sb.append(this.tab);
    this.appendDescriptor(Textifier.FIELD_DESCRIPTOR, descriptor);
    sb.append(' ').append(name);
    sb.append('\n');
    this.text.push(sb.toString());
    return this.addNewTextifier(null);
  }

  override visitField(
    access: number,
    name: string,
    descriptor: string,
    signature: string | null,
    value: unknown,
  ): Textifier {
    const sb = this.stringBuilder;
    sb.setLength(0);
    sb.append('\n');
    if ((access & Opcodes.ACC_DEPRECATED) !== 0) {
      sb.append(this.tab).append(DEPRECATED);
    }
    sb.append(this.tab);
    this.appendRawAccess(access);
    if (signature !== null) {
      sb.append(this.tab);
      this.appendDescriptor(Textifier.FIELD_SIGNATURE, signature);
      sb.append(this.tab);
      this.appendJavaDeclaration(name, signature);
    }
    sb.append(this.tab);
    this.appendAccess(access);
    this.appendDescriptor(Textifier.FIELD_DESCRIPTOR, descriptor);
    sb.append(' ').append(name);
    if (value !== null && value !== undefined) {
      sb.append(' = ');
      if (typeof value === 'string') {
        // Quoted but not escaped, as in ASM 9.4.
        sb.append('"').append(value).append('"');
      } else {
        sb.append(value);
      }
    }
    sb.append('\n');
    this.text.push(sb.toString());
    return this.addNewTextifier(null);
  }

  override visitMethod(
    access: number,
    name: string,
    descriptor: string,
    signature: string | null,
    exceptions: readonly string[] | null,
  ): Textifier {
    const sb = this.stringBuilder;
    sb.setLength(0);
    sb.append('\n');
    if ((access & Opcodes.ACC_DEPRECATED) !== 0) {
      sb.append(this.tab).append(DEPRECATED);
    }
    sb.append(this.tab);
    this.appendRawAccess(access);
    if (signature !== null) {
      sb.append(this.tab);
      this.appendDescriptor(Textifier.METHOD_SIGNATURE, signature);
      sb.append(this.tab);
      this.appendJavaDeclaration(name, signature);
    }
    sb.append(this.tab);
    // ACC_VOLATILE and ACC_TRANSIENT share their bits with ACC_BRIDGE and ACC_VARARGS on methods.
    this.appendAccess(access & ~(Opcodes.ACC_VOLATILE | Opcodes.ACC_TRANSIENT));
    if ((access & Opcodes.ACC_NATIVE) !== 0) {
      sb.append('native ');
    }
    if ((access & Opcodes.ACC_VARARGS) !== 0) {
      sb.append('varargs ');
    }
    if ((access & Opcodes.ACC_BRIDGE) !== 0) {
      sb.append('bridge ');
    }
    if ((this.access & Opcodes.ACC_INTERFACE) !== 0 && (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_STATIC)) === 0) {
      sb.append('default ');
    }
    sb.append(name);
    this.appendDescriptor(Textifier.METHOD_DESCRIPTOR, descriptor);
    if (exceptions !== null && exceptions.length > 0) {
      // Each exception is followed by a space, the last one too (ASM 9.4).
      sb.append(' throws ');
      for (const exception of exceptions) {
        this.appendDescriptor(Textifier.INTERNAL_NAME, exception);
        sb.append(' ');
      }
    }
    sb.append('\n');
    this.text.push(sb.toString());
    return this.addNewTextifier(null);
  }

  override visitClassEnd(): void {
    this.text.push('}\n');
  }

  // ## Modules (JVMS §4.7.25)

  override visitMainClass(mainClass: string): void {
    const sb = this.stringBuilder;
    sb.setLength(0);
    sb.append('  // main class ').append(mainClass).append('\n');
    this.text.push(sb.toString());
  }

  override visitPackage(packaze: string): void {
    const sb = this.stringBuilder;
    sb.setLength(0);
    sb.append('  // package ').append(packaze).append('\n');
    this.text.push(sb.toString());
  }

  override visitRequire(require: string, access: number, version: string | null): void {
    const sb = this.stringBuilder;
    sb.setLength(0);
    sb.append(this.tab).append('requires ');
    if ((access & Opcodes.ACC_TRANSITIVE) !== 0) {
      sb.append('transitive ');
    }
    if ((access & Opcodes.ACC_STATIC_PHASE) !== 0) {
      sb.append('static ');
    }
    sb.append(require).append(';');
    this.appendRawAccess(access);
    if (version !== null) {
      sb.append('  // version ').append(version).append('\n');
    }
    this.text.push(sb.toString());
  }

  override visitExport(packaze: string, access: number, ...modules: (string | readonly string[] | null)[]): void;
  override visitExport(
    packaze: string,
    access: number,
    modulesOrFirst?: string | readonly string[] | null,
    ...modulesMore: string[]
  ): void {
    const modules = nullableVarargsOf(modulesOrFirst, modulesMore);
    this.visitExportOrOpen('exports ', packaze, access, modules);
  }

  override visitOpen(packaze: string, access: number, ...modules: (string | readonly string[] | null)[]): void;
  override visitOpen(
    packaze: string,
    access: number,
    modulesOrFirst?: string | readonly string[] | null,
    ...modulesMore: string[]
  ): void {
    const modules = nullableVarargsOf(modulesOrFirst, modulesMore);
    this.visitExportOrOpen('opens ', packaze, access, modules);
  }

  private visitExportOrOpen(method: string, packaze: string, access: number, modules: readonly string[] | null): void {
    const sb = this.stringBuilder;
    sb.setLength(0);
    sb.append(this.tab).append(method);
    sb.append(packaze);
    const hasModules = modules !== null && modules.length > 0;
    sb.append(hasModules ? ' to' : ';');
    this.appendRawAccess(access);
    if (hasModules) {
      for (let i = 0; i < modules.length; ++i) {
        sb.append(this.tab2).append(modules[i]);
        sb.append(i !== modules.length - 1 ? ',\n' : ';\n');
      }
    }
    this.text.push(sb.toString());
  }

  override visitUse(use: string): void {
    const sb = this.stringBuilder;
    sb.setLength(0);
    sb.append(this.tab).append('uses ');
    this.appendDescriptor(Textifier.INTERNAL_NAME, use);
    sb.append(';\n');
    this.text.push(sb.toString());
  }

  override visitProvide(provide: string, ...providers: (string | readonly string[])[]): void;
  override visitProvide(
    provide: string,
    providersOrFirst?: string | readonly string[],
    ...providersMore: string[]
  ): void {
    const providers = varargsOf(providersOrFirst, providersMore);
    const sb = this.stringBuilder;
    sb.setLength(0);
    sb.append(this.tab).append('provides ');
    this.appendDescriptor(Textifier.INTERNAL_NAME, provide);
    sb.append(' with\n');
    for (let i = 0; i < providers.length; ++i) {
      sb.append(this.tab2);
      this.appendDescriptor(Textifier.INTERNAL_NAME, providers[i]!);
      sb.append(i !== providers.length - 1 ? ',\n' : ';\n');
    }
    this.text.push(sb.toString());
  }

  override visitModuleEnd(): void {
    // The module's closing text is part of the class text (visitClassEnd).
  }

  // ## Annotations (JVMS §4.7.16.1 element values)

  private visitAnnotationValueOf(name: string | null, value: unknown): void {
    this.visitAnnotationValue(name);
    this.appendAnnotationValue(value);
    this.text.push(this.stringBuilder.toString());
  }

  /** Appends one element value; a plain array's elements each by their own kind, as visitArray prints them. */
  private appendAnnotationValue(value: unknown): void {
    if (typeof value === 'string') {
      this.visitString(value);
    } else if (value instanceof Type) {
      this.visitType(value);
    } else if (value instanceof Byte) {
      this.visitByte(value.value);
    } else if (typeof value === 'boolean') {
      this.visitBoolean(value);
    } else if (value instanceof Short) {
      this.visitShort(value.value);
    } else if (value instanceof Character) {
      this.visitChar(value.value);
    } else if (typeof value === 'number') {
      this.visitInt(value);
    } else if (value instanceof Float) {
      this.visitFloat(value);
    } else if (typeof value === 'bigint') {
      this.visitLong(value);
    } else if (value instanceof Double) {
      this.visitDouble(value);
    } else if (Array.isArray(value) || ArrayBuffer.isView(value)) {
      // Primitive arrays (the shorthand for visitArray + one visit per element).
      this.stringBuilder.append('{');
      if (value instanceof Int8Array) {
        for (let i = 0; i < value.length; i++) {
          this.maybeAppendComma(i);
          this.visitByte(value[i]!);
        }
      } else if (Array.isArray(value)) {
        // boolean[] — or the elements of an int[], String[]… a JavaScript port gives as a plain array, which the
        // writer and the tree write element by element.
        for (let i = 0; i < value.length; i++) {
          this.maybeAppendComma(i);
          this.appendAnnotationValue(value[i]);
        }
      } else if (value instanceof Int16Array) {
        for (let i = 0; i < value.length; i++) {
          this.maybeAppendComma(i);
          this.visitShort(value[i]!);
        }
      } else if (value instanceof Uint16Array) {
        for (let i = 0; i < value.length; i++) {
          this.maybeAppendComma(i);
          this.visitChar(value[i]!);
        }
      } else if (value instanceof Int32Array) {
        for (let i = 0; i < value.length; i++) {
          this.maybeAppendComma(i);
          this.visitInt(value[i]!);
        }
      } else if (value instanceof BigInt64Array) {
        for (let i = 0; i < value.length; i++) {
          this.maybeAppendComma(i);
          this.visitLong(value[i]!);
        }
      } else if (value instanceof Float32Array) {
        for (let i = 0; i < value.length; i++) {
          this.maybeAppendComma(i);
          this.visitFloat(new Float(value[i]!));
        }
      } else if (value instanceof Float64Array) {
        for (let i = 0; i < value.length; i++) {
          this.maybeAppendComma(i);
          this.visitDouble(new Double(value[i]!));
        }
      }
      this.stringBuilder.append('}');
    }
  }

  private visitInt(value: number): void {
    this.stringBuilder.append(value);
  }

  private visitLong(value: bigint): void {
    this.stringBuilder.append(value).append('L');
  }

  private visitFloat(value: Float): void {
    this.stringBuilder.append(value.toString()).append('F');
  }

  private visitDouble(value: Double): void {
    this.stringBuilder.append(value.toString()).append('D');
  }

  private visitChar(value: number): void {
    this.stringBuilder.append('(char)').append(value);
  }

  private visitShort(value: number): void {
    this.stringBuilder.append('(short)').append(value);
  }

  private visitByte(value: number): void {
    this.stringBuilder.append('(byte)').append(value);
  }

  private visitBoolean(value: boolean): void {
    this.stringBuilder.append(value);
  }

  private visitString(value: string): void {
    Printer.appendString(this.stringBuilder, value);
  }

  private visitType(value: Type): void {
    this.stringBuilder.append(value.getClassName()).append(CLASS_SUFFIX);
  }

  override visitEnum(name: string | null, descriptor: string, value: string): void {
    this.visitAnnotationValue(name);
    this.appendDescriptor(Textifier.FIELD_DESCRIPTOR, descriptor);
    this.stringBuilder.append('.').append(value);
    this.text.push(this.stringBuilder.toString());
  }

  /** A nested annotation value (AnnotationVisitor.visitAnnotation). */
  override visitAnnotation(name: string | null, descriptor: string): Textifier;
  /** An annotation on a class, field, method or record component (ASM's common visitAnnotation). */
  override visitAnnotation(descriptor: string, visible: boolean): Textifier;
  override visitAnnotation(first: string | null, second: string | boolean): Textifier {
    if (typeof second === 'boolean') {
      return this.visitMemberAnnotation(first as string, second);
    }
    this.visitAnnotationValue(first);
    this.stringBuilder.append('@');
    this.appendDescriptor(Textifier.FIELD_DESCRIPTOR, second);
    this.stringBuilder.append('(');
    this.text.push(this.stringBuilder.toString());
    return this.addNewTextifier(')');
  }

  override visitArray(name: string | null): Textifier {
    this.visitAnnotationValue(name);
    this.stringBuilder.append('{');
    this.text.push(this.stringBuilder.toString());
    return this.addNewTextifier('}');
  }

  override visitAnnotationEnd(): void {
    // The closing text was added with the annotation's Textifier (addNewTextifier).
  }

  private visitAnnotationValue(name: string | null): void {
    this.stringBuilder.setLength(0);
    this.maybeAppendComma(this.numAnnotationValues++);
    if (name !== null) {
      this.stringBuilder.append(name).append('=');
    }
  }

  // ## Record components

  override visitRecordComponentAnnotation(descriptor: string, visible: boolean): Textifier {
    return this.visitMemberAnnotation(descriptor, visible);
  }

  override visitRecordComponentTypeAnnotation(
    typeRef: number,
    typePath: TypePath | null,
    descriptor: string,
    visible: boolean,
  ): Printer {
    return this.visitTypeAnnotation(typeRef, typePath, descriptor, visible);
  }

  override visitRecordComponentAttribute(attribute: Attribute): void {
    this.visitAttribute(attribute);
  }

  override visitRecordComponentEnd(): void {
    // Nothing to print.
  }

  // ## Fields

  override visitFieldAnnotation(descriptor: string, visible: boolean): Textifier {
    return this.visitMemberAnnotation(descriptor, visible);
  }

  override visitFieldTypeAnnotation(
    typeRef: number,
    typePath: TypePath | null,
    descriptor: string,
    visible: boolean,
  ): Printer {
    return this.visitTypeAnnotation(typeRef, typePath, descriptor, visible);
  }

  override visitFieldAttribute(attribute: Attribute): void {
    this.visitAttribute(attribute);
  }

  override visitFieldEnd(): void {
    // Nothing to print.
  }

  // ## Methods

  override visitParameter(name: string | null, access: number): void {
    const sb = this.stringBuilder;
    sb.setLength(0);
    sb.append(this.tab2).append('// parameter ');
    this.appendAccess(access);
    sb.append(' ').append(name === null ? '<no name>' : name).append('\n');
    this.text.push(sb.toString());
  }

  override visitAnnotationDefault(): Textifier {
    this.text.push(this.tab2 + 'default=');
    return this.addNewTextifier('\n');
  }

  override visitMethodAnnotation(descriptor: string, visible: boolean): Textifier {
    return this.visitMemberAnnotation(descriptor, visible);
  }

  override visitMethodTypeAnnotation(
    typeRef: number,
    typePath: TypePath | null,
    descriptor: string,
    visible: boolean,
  ): Printer {
    return this.visitTypeAnnotation(typeRef, typePath, descriptor, visible);
  }

  override visitAnnotableParameterCount(parameterCount: number, visible: boolean): Textifier {
    const sb = this.stringBuilder;
    sb.setLength(0);
    sb.append(this.tab2).append('// annotable parameter count: ');
    sb.append(parameterCount);
    sb.append(visible ? ' (visible)\n' : ' (invisible)\n');
    this.text.push(sb.toString());
    return this;
  }

  override visitParameterAnnotation(parameter: number, descriptor: string, visible: boolean): Textifier {
    const sb = this.stringBuilder;
    sb.setLength(0);
    sb.append(this.tab2).append('@');
    this.appendDescriptor(Textifier.FIELD_DESCRIPTOR, descriptor);
    sb.append('(');
    this.text.push(sb.toString());

    sb.setLength(0);
    sb.append(visible ? ') // parameter ' : ') // invisible, parameter ')
      .append(parameter)
      .append('\n');
    return this.addNewTextifier(sb.toString());
  }

  override visitMethodAttribute(attribute: Attribute): void {
    this.visitAttribute(attribute);
  }

  override visitCode(): void {
    // Nothing to print.
  }

  override visitFrame(
    type: number,
    numLocal: number,
    local: readonly FrameElement[] | null,
    numStack: number,
    stack: readonly FrameElement[] | null,
  ): void {
    const sb = this.stringBuilder;
    sb.setLength(0);
    sb.append(this.ltab);
    sb.append('FRAME ');
    switch (type) {
      case Opcodes.F_NEW:
      case Opcodes.F_FULL:
        sb.append('FULL [');
        this.appendFrameTypes(numLocal, local);
        sb.append('] [');
        this.appendFrameTypes(numStack, stack);
        sb.append(']');
        break;
      case Opcodes.F_APPEND:
        sb.append('APPEND [');
        this.appendFrameTypes(numLocal, local);
        sb.append(']');
        break;
      case Opcodes.F_CHOP:
        sb.append('CHOP ').append(numLocal);
        break;
      case Opcodes.F_SAME:
        sb.append('SAME');
        break;
      case Opcodes.F_SAME1:
        sb.append('SAME1 ');
        this.appendFrameTypes(1, stack);
        break;
      default:
        throw illegalArgument(`invalid frame type ${type}`);
    }
    sb.append('\n');
    this.text.push(sb.toString());
  }

  override visitInsn(opcode: number): void {
    const sb = this.stringBuilder;
    sb.setLength(0);
    sb.append(this.tab2).append(Printer.OPCODES[opcode]).append('\n');
    this.text.push(sb.toString());
  }

  override visitIntInsn(opcode: number, operand: number): void {
    const sb = this.stringBuilder;
    sb.setLength(0);
    sb.append(this.tab2)
      .append(Printer.OPCODES[opcode])
      .append(' ')
      .append(opcode === Opcodes.NEWARRAY ? Printer.TYPES[operand] : String(operand))
      .append('\n');
    this.text.push(sb.toString());
  }

  override visitVarInsn(opcode: number, varIndex: number): void {
    const sb = this.stringBuilder;
    sb.setLength(0);
    sb.append(this.tab2).append(Printer.OPCODES[opcode]).append(' ').append(varIndex).append('\n');
    this.text.push(sb.toString());
  }

  override visitTypeInsn(opcode: number, type: string): void {
    const sb = this.stringBuilder;
    sb.setLength(0);
    sb.append(this.tab2).append(Printer.OPCODES[opcode]).append(' ');
    this.appendDescriptor(Textifier.INTERNAL_NAME, type);
    sb.append('\n');
    this.text.push(sb.toString());
  }

  override visitFieldInsn(opcode: number, owner: string, name: string, descriptor: string): void {
    const sb = this.stringBuilder;
    sb.setLength(0);
    sb.append(this.tab2).append(Printer.OPCODES[opcode]).append(' ');
    this.appendDescriptor(Textifier.INTERNAL_NAME, owner);
    sb.append('.').append(name).append(' : ');
    this.appendDescriptor(Textifier.FIELD_DESCRIPTOR, descriptor);
    sb.append('\n');
    this.text.push(sb.toString());
  }

  override visitMethodInsn(opcode: number, owner: string, name: string, descriptor: string, isInterface?: boolean): void {
    // The deprecated form without isInterface means "the owner is an interface iff INVOKEINTERFACE".
    const itf = isInterface ?? opcode === Opcodes.INVOKEINTERFACE;
    const sb = this.stringBuilder;
    sb.setLength(0);
    sb.append(this.tab2).append(Printer.OPCODES[opcode]).append(' ');
    this.appendDescriptor(Textifier.INTERNAL_NAME, owner);
    sb.append('.').append(name).append(' ');
    this.appendDescriptor(Textifier.METHOD_DESCRIPTOR, descriptor);
    if (itf) {
      sb.append(' (itf)');
    }
    sb.append('\n');
    this.text.push(sb.toString());
  }

  override visitInvokeDynamicInsn(
    name: string,
    descriptor: string,
    bootstrapMethodHandle: Handle,
    ...bootstrapMethodArguments: unknown[]
  ): void;
  override visitInvokeDynamicInsn(
    name: string,
    descriptor: string,
    bootstrapMethodHandle: Handle,
    bootstrapMethodArgumentsOrFirst?: unknown,
    ...bootstrapMethodArgumentsMore: unknown[]
  ): void {
    const bootstrapMethodArguments = varargsOf(bootstrapMethodArgumentsOrFirst, bootstrapMethodArgumentsMore);
    const sb = this.stringBuilder;
    sb.setLength(0);
    sb.append(this.tab2).append('INVOKEDYNAMIC').append(' ');
    sb.append(name);
    this.appendDescriptor(Textifier.METHOD_DESCRIPTOR, descriptor);
    sb.append(' [');
    sb.append('\n');
    sb.append(this.tab3);
    this.appendHandle(bootstrapMethodHandle);
    sb.append('\n');
    sb.append(this.tab3).append('// arguments:');
    if (bootstrapMethodArguments.length === 0) {
      sb.append(' none');
    } else {
      sb.append('\n');
      for (const value of bootstrapMethodArguments) {
        sb.append(this.tab3);
        if (typeof value === 'string') {
          Printer.appendString(sb, value);
        } else if (value instanceof Type) {
          if (value.getSort() === Type.METHOD) {
            this.appendDescriptor(Textifier.METHOD_DESCRIPTOR, value.getDescriptor());
          } else {
            this.visitType(value);
          }
        } else if (value instanceof Handle) {
          this.appendHandle(value);
        } else {
          // Numbers and ConstantDynamic: their string conversion.
          sb.append(value);
        }
        sb.append(', \n');
      }
      // Drop the last ", \n".
      sb.setLength(sb.length() - 3);
    }
    sb.append('\n');
    sb.append(this.tab2).append(']\n');
    this.text.push(sb.toString());
  }

  override visitJumpInsn(opcode: number, label: Label): void {
    const sb = this.stringBuilder;
    sb.setLength(0);
    sb.append(this.tab2).append(Printer.OPCODES[opcode]).append(' ');
    this.appendLabel(label);
    sb.append('\n');
    this.text.push(sb.toString());
  }

  override visitLabel(label: Label): void {
    const sb = this.stringBuilder;
    sb.setLength(0);
    sb.append(this.ltab);
    this.appendLabel(label);
    sb.append('\n');
    this.text.push(sb.toString());
  }

  override visitLdcInsn(value: unknown): void {
    const sb = this.stringBuilder;
    sb.setLength(0);
    sb.append(this.tab2).append('LDC ');
    if (typeof value === 'string') {
      Printer.appendString(sb, value);
    } else if (value instanceof Type) {
      sb.append(value.getDescriptor()).append(CLASS_SUFFIX);
    } else {
      // int, long, Float, Double, Handle, ConstantDynamic: their string conversion.
      sb.append(value);
    }
    sb.append('\n');
    this.text.push(sb.toString());
  }

  override visitIincInsn(varIndex: number, increment: number): void {
    const sb = this.stringBuilder;
    sb.setLength(0);
    sb.append(this.tab2).append('IINC ').append(varIndex).append(' ').append(increment).append('\n');
    this.text.push(sb.toString());
  }

  override visitTableSwitchInsn(min: number, _max: number, dflt: Label, ...labels: (Label | readonly Label[])[]): void;
  override visitTableSwitchInsn(
    min: number,
    _max: number,
    dflt: Label,
    labelsOrFirst?: Label | readonly Label[],
    ...labelsMore: Label[]
  ): void {
    const labels = varargsOf(labelsOrFirst, labelsMore);
    const sb = this.stringBuilder;
    sb.setLength(0);
    sb.append(this.tab2).append('TABLESWITCH\n');
    for (let i = 0; i < labels.length; ++i) {
      sb.append(this.tab3).append((min + i) | 0).append(': ');
      this.appendLabel(labels[i]!);
      sb.append('\n');
    }
    sb.append(this.tab3).append('default: ');
    this.appendLabel(dflt);
    sb.append('\n');
    this.text.push(sb.toString());
  }

  override visitLookupSwitchInsn(dflt: Label, keys: ArrayLike<number>, labels: readonly Label[]): void {
    const sb = this.stringBuilder;
    sb.setLength(0);
    sb.append(this.tab2).append('LOOKUPSWITCH\n');
    for (let i = 0; i < labels.length; ++i) {
      sb.append(this.tab3).append(keys[i]).append(': ');
      this.appendLabel(labels[i]!);
      sb.append('\n');
    }
    sb.append(this.tab3).append('default: ');
    this.appendLabel(dflt);
    sb.append('\n');
    this.text.push(sb.toString());
  }

  override visitMultiANewArrayInsn(descriptor: string, numDimensions: number): void {
    const sb = this.stringBuilder;
    sb.setLength(0);
    sb.append(this.tab2).append('MULTIANEWARRAY ');
    this.appendDescriptor(Textifier.FIELD_DESCRIPTOR, descriptor);
    sb.append(' ').append(numDimensions).append('\n');
    this.text.push(sb.toString());
  }

  override visitInsnAnnotation(typeRef: number, typePath: TypePath | null, descriptor: string, visible: boolean): Printer {
    return this.visitTypeAnnotation(typeRef, typePath, descriptor, visible);
  }

  override visitTryCatchBlock(start: Label, end: Label, handler: Label, type: string | null): void {
    const sb = this.stringBuilder;
    sb.setLength(0);
    sb.append(this.tab2).append('TRYCATCHBLOCK ');
    this.appendLabel(start);
    sb.append(' ');
    this.appendLabel(end);
    sb.append(' ');
    this.appendLabel(handler);
    sb.append(' ');
    this.appendDescriptor(Textifier.INTERNAL_NAME, type);
    sb.append('\n');
    this.text.push(sb.toString());
  }

  override visitTryCatchAnnotation(
    typeRef: number,
    typePath: TypePath | null,
    descriptor: string,
    visible: boolean,
  ): Printer {
    const sb = this.stringBuilder;
    sb.setLength(0);
    sb.append(this.tab2).append('TRYCATCHBLOCK @');
    this.appendDescriptor(Textifier.FIELD_DESCRIPTOR, descriptor);
    sb.append('(');
    this.text.push(sb.toString());

    sb.setLength(0);
    sb.append(') : ');
    this.appendTypeReference(typeRef);
    sb.append(', ').append(typePath);
    sb.append(visible ? '\n' : INVISIBLE);
    return this.addNewTextifier(sb.toString());
  }

  override visitLocalVariable(
    name: string,
    descriptor: string,
    signature: string | null,
    start: Label,
    end: Label,
    index: number,
  ): void {
    const sb = this.stringBuilder;
    sb.setLength(0);
    sb.append(this.tab2).append('LOCALVARIABLE ').append(name).append(' ');
    this.appendDescriptor(Textifier.FIELD_DESCRIPTOR, descriptor);
    sb.append(' ');
    this.appendLabel(start);
    sb.append(' ');
    this.appendLabel(end);
    sb.append(' ').append(index).append('\n');

    if (signature !== null) {
      sb.append(this.tab2);
      this.appendDescriptor(Textifier.FIELD_SIGNATURE, signature);
      sb.append(this.tab2);
      this.appendJavaDeclaration(name, signature);
    }
    this.text.push(sb.toString());
  }

  override visitLocalVariableAnnotation(
    typeRef: number,
    typePath: TypePath | null,
    start: readonly Label[],
    end: readonly Label[],
    index: ArrayLike<number>,
    descriptor: string,
    visible: boolean,
  ): Printer {
    const sb = this.stringBuilder;
    sb.setLength(0);
    sb.append(this.tab2).append('LOCALVARIABLE @');
    this.appendDescriptor(Textifier.FIELD_DESCRIPTOR, descriptor);
    sb.append('(');
    this.text.push(sb.toString());

    sb.setLength(0);
    sb.append(') : ');
    this.appendTypeReference(typeRef);
    sb.append(', ').append(typePath);
    for (let i = 0; i < start.length; ++i) {
      sb.append(' [ ');
      this.appendLabel(start[i]!);
      sb.append(' - ');
      this.appendLabel(end[i]!);
      sb.append(' - ').append(index[i]).append(' ]');
    }
    sb.append(visible ? '\n' : INVISIBLE);
    return this.addNewTextifier(sb.toString());
  }

  override visitLineNumber(line: number, start: Label): void {
    const sb = this.stringBuilder;
    sb.setLength(0);
    sb.append(this.tab2).append('LINENUMBER ').append(line).append(' ');
    this.appendLabel(start);
    sb.append('\n');
    this.text.push(sb.toString());
  }

  override visitMaxs(maxStack: number, maxLocals: number): void {
    const sb = this.stringBuilder;
    sb.setLength(0);
    sb.append(this.tab2).append('MAXSTACK = ').append(maxStack).append('\n');
    this.text.push(sb.toString());

    sb.setLength(0);
    sb.append(this.tab2).append('MAXLOCALS = ').append(maxLocals).append('\n');
    this.text.push(sb.toString());
  }

  override visitMethodEnd(): void {
    // Nothing to print.
  }

  // ## Common methods

  /** Prints an annotation of a class, field, method or record component. */
  private visitMemberAnnotation(descriptor: string, visible: boolean): Textifier {
    const sb = this.stringBuilder;
    sb.setLength(0);
    sb.append(this.tab).append('@');
    this.appendDescriptor(Textifier.FIELD_DESCRIPTOR, descriptor);
    sb.append('(');
    this.text.push(sb.toString());
    return this.addNewTextifier(visible ? ')\n' : ') // invisible\n');
  }

  /** Prints a type annotation (JVMS §4.7.20): descriptor, target and type path. */
  visitTypeAnnotation(typeRef: number, typePath: TypePath | null, descriptor: string, visible: boolean): Textifier {
    const sb = this.stringBuilder;
    sb.setLength(0);
    sb.append(this.tab).append('@');
    this.appendDescriptor(Textifier.FIELD_DESCRIPTOR, descriptor);
    sb.append('(');
    this.text.push(sb.toString());

    sb.setLength(0);
    sb.append(') : ');
    this.appendTypeReference(typeRef);
    sb.append(', ').append(typePath);
    sb.append(visible ? '\n' : INVISIBLE);
    return this.addNewTextifier(sb.toString());
  }

  /** Prints a non-standard attribute: its own text when it implements TextifierSupport. */
  visitAttribute(attribute: Attribute): void {
    const sb = this.stringBuilder;
    sb.setLength(0);
    sb.append(this.tab).append('ATTRIBUTE ');
    this.appendDescriptor(-1, attribute.type);
    if (isTextifierSupport(attribute)) {
      if (this.labelNames === null) {
        this.labelNames = new Map();
      }
      attribute.textify(sb, this.labelNames);
    } else {
      sb.append(' : unknown\n');
    }
    this.text.push(sb.toString());
  }

  // ## Utility methods

  private appendAccess(accessFlags: number): void {
    const sb = this.stringBuilder;
    if ((accessFlags & Opcodes.ACC_PUBLIC) !== 0) sb.append('public ');
    if ((accessFlags & Opcodes.ACC_PRIVATE) !== 0) sb.append('private ');
    if ((accessFlags & Opcodes.ACC_PROTECTED) !== 0) sb.append('protected ');
    if ((accessFlags & Opcodes.ACC_FINAL) !== 0) sb.append('final ');
    if ((accessFlags & Opcodes.ACC_STATIC) !== 0) sb.append('static ');
    if ((accessFlags & Opcodes.ACC_SYNCHRONIZED) !== 0) sb.append('synchronized ');
    if ((accessFlags & Opcodes.ACC_VOLATILE) !== 0) sb.append('volatile ');
    if ((accessFlags & Opcodes.ACC_TRANSIENT) !== 0) sb.append('transient ');
    if ((accessFlags & Opcodes.ACC_ABSTRACT) !== 0) sb.append('abstract ');
    if ((accessFlags & Opcodes.ACC_STRICT) !== 0) sb.append('strictfp ');
    if ((accessFlags & Opcodes.ACC_SYNTHETIC) !== 0) sb.append('synthetic ');
    if ((accessFlags & Opcodes.ACC_MANDATED) !== 0) sb.append('mandated ');
    if ((accessFlags & Opcodes.ACC_ENUM) !== 0) sb.append('enum ');
  }

  private appendRawAccess(accessFlags: number): void {
    this.stringBuilder.append('// access flags 0x').append(toHexString(accessFlags).toUpperCase()).append('\n');
  }

  /**
   * Appends an internal name, descriptor or signature; `type` is one of the INTERNAL_NAME…
   * HANDLE_DESCRIPTOR constants. Signatures print as a "// signature" comment line; a null
   * value prints as "null" (as in ASM).
   */
  protected appendDescriptor(type: number, value: string | null): void {
    if (type === Textifier.CLASS_SIGNATURE || type === Textifier.FIELD_SIGNATURE || type === Textifier.METHOD_SIGNATURE) {
      if (value !== null) {
        this.stringBuilder.append('// signature ').append(value).append('\n');
      }
    } else {
      this.stringBuilder.append(value);
    }
  }

  /** Appends the Java generic declaration of a class, field or method signature (JVMS §4.7.9.1). */
  private appendJavaDeclaration(name: string, signature: string): void {
    const traceSignatureVisitor = new TraceSignatureVisitor(this.access);
    new SignatureReader(signature).accept(traceSignatureVisitor);
    const sb = this.stringBuilder;
    sb.append('// declaration: ');
    const returnType = traceSignatureVisitor.getReturnType();
    if (returnType !== null) {
      sb.append(returnType);
      sb.append(' ');
    }
    sb.append(name);
    sb.append(traceSignatureVisitor.getDeclaration());
    const exceptions = traceSignatureVisitor.getExceptions();
    if (exceptions !== null) {
      sb.append(' throws ').append(exceptions);
    }
    sb.append('\n');
  }

  /** Appends the name of `label`, naming it L<n> (n = labels named so far) on first use. */
  protected appendLabel(label: Label): void {
    if (this.labelNames === null) {
      this.labelNames = new Map();
    }
    let name = this.labelNames.get(label);
    if (name === undefined) {
      name = 'L' + this.labelNames.size;
      this.labelNames.set(label, name);
    }
    this.stringBuilder.append(name);
  }

  /**
   * Appends a method handle (JVMS §4.4.8): its kind as a comment, then on the next line (prefixed
   * by `afterComment`, tab3 by default as in ASM 9.4) owner.name and descriptor; field handles put
   * the descriptor in parentheses.
   */
  protected appendHandle(handle: Handle, afterComment: string = this.tab3): void {
    const sb = this.stringBuilder;
    const tag = handle.getTag();
    sb.append('// handle kind 0x').append(toHexString(tag)).append(' : ');
    let isMethodHandle = false;
    switch (tag) {
      case Opcodes.H_GETFIELD:
        sb.append('GETFIELD');
        break;
      case Opcodes.H_GETSTATIC:
        sb.append('GETSTATIC');
        break;
      case Opcodes.H_PUTFIELD:
        sb.append('PUTFIELD');
        break;
      case Opcodes.H_PUTSTATIC:
        sb.append('PUTSTATIC');
        break;
      case Opcodes.H_INVOKEINTERFACE:
        sb.append('INVOKEINTERFACE');
        isMethodHandle = true;
        break;
      case Opcodes.H_INVOKESPECIAL:
        sb.append('INVOKESPECIAL');
        isMethodHandle = true;
        break;
      case Opcodes.H_INVOKESTATIC:
        sb.append('INVOKESTATIC');
        isMethodHandle = true;
        break;
      case Opcodes.H_INVOKEVIRTUAL:
        sb.append('INVOKEVIRTUAL');
        isMethodHandle = true;
        break;
      case Opcodes.H_NEWINVOKESPECIAL:
        sb.append('NEWINVOKESPECIAL');
        isMethodHandle = true;
        break;
      default:
        throw illegalArgument(`invalid method handle kind ${tag}`);
    }
    sb.append('\n');
    sb.append(afterComment);
    this.appendDescriptor(Textifier.INTERNAL_NAME, handle.getOwner());
    sb.append('.');
    sb.append(handle.getName());
    if (!isMethodHandle) {
      sb.append('(');
    }
    this.appendDescriptor(Textifier.HANDLE_DESCRIPTOR, handle.getDesc());
    if (!isMethodHandle) {
      sb.append(')');
    }
    if (handle.isInterface()) {
      sb.append(' itf');
    }
  }

  private maybeAppendComma(numValues: number): void {
    if (numValues > 0) {
      this.stringBuilder.append(', ');
    }
  }

  /** Appends the target of a type annotation (JVMS §4.7.20.1, Table 4.7.20-A/B/C). */
  private appendTypeReference(typeRef: number): void {
    const sb = this.stringBuilder;
    const typeReference = new TypeReference(typeRef);
    switch (typeReference.getSort()) {
      case TypeReference.CLASS_TYPE_PARAMETER:
        sb.append('CLASS_TYPE_PARAMETER ').append(typeReference.getTypeParameterIndex());
        break;
      case TypeReference.METHOD_TYPE_PARAMETER:
        sb.append('METHOD_TYPE_PARAMETER ').append(typeReference.getTypeParameterIndex());
        break;
      case TypeReference.CLASS_EXTENDS:
        sb.append('CLASS_EXTENDS ').append(typeReference.getSuperTypeIndex());
        break;
      case TypeReference.CLASS_TYPE_PARAMETER_BOUND:
        sb.append('CLASS_TYPE_PARAMETER_BOUND ')
          .append(typeReference.getTypeParameterIndex())
          .append(', ')
          .append(typeReference.getTypeParameterBoundIndex());
        break;
      case TypeReference.METHOD_TYPE_PARAMETER_BOUND:
        sb.append('METHOD_TYPE_PARAMETER_BOUND ')
          .append(typeReference.getTypeParameterIndex())
          .append(', ')
          .append(typeReference.getTypeParameterBoundIndex());
        break;
      case TypeReference.FIELD:
        sb.append('FIELD');
        break;
      case TypeReference.METHOD_RETURN:
        sb.append('METHOD_RETURN');
        break;
      case TypeReference.METHOD_RECEIVER:
        sb.append('METHOD_RECEIVER');
        break;
      case TypeReference.METHOD_FORMAL_PARAMETER:
        sb.append('METHOD_FORMAL_PARAMETER ').append(typeReference.getFormalParameterIndex());
        break;
      case TypeReference.THROWS:
        sb.append('THROWS ').append(typeReference.getExceptionIndex());
        break;
      case TypeReference.LOCAL_VARIABLE:
        sb.append('LOCAL_VARIABLE');
        break;
      case TypeReference.RESOURCE_VARIABLE:
        sb.append('RESOURCE_VARIABLE');
        break;
      case TypeReference.EXCEPTION_PARAMETER:
        sb.append('EXCEPTION_PARAMETER ').append(typeReference.getTryCatchBlockIndex());
        break;
      case TypeReference.INSTANCEOF:
        sb.append('INSTANCEOF');
        break;
      case TypeReference.NEW:
        sb.append('NEW');
        break;
      case TypeReference.CONSTRUCTOR_REFERENCE:
        sb.append('CONSTRUCTOR_REFERENCE');
        break;
      case TypeReference.METHOD_REFERENCE:
        sb.append('METHOD_REFERENCE');
        break;
      case TypeReference.CAST:
        sb.append('CAST ').append(typeReference.getTypeArgumentIndex());
        break;
      case TypeReference.CONSTRUCTOR_INVOCATION_TYPE_ARGUMENT:
        sb.append('CONSTRUCTOR_INVOCATION_TYPE_ARGUMENT ').append(typeReference.getTypeArgumentIndex());
        break;
      case TypeReference.METHOD_INVOCATION_TYPE_ARGUMENT:
        sb.append('METHOD_INVOCATION_TYPE_ARGUMENT ').append(typeReference.getTypeArgumentIndex());
        break;
      case TypeReference.CONSTRUCTOR_REFERENCE_TYPE_ARGUMENT:
        sb.append('CONSTRUCTOR_REFERENCE_TYPE_ARGUMENT ').append(typeReference.getTypeArgumentIndex());
        break;
      case TypeReference.METHOD_REFERENCE_TYPE_ARGUMENT:
        sb.append('METHOD_REFERENCE_TYPE_ARGUMENT ').append(typeReference.getTypeArgumentIndex());
        break;
      default:
        throw illegalArgument(`invalid type reference sort 0x${toHexString(typeReference.getSort())}`);
    }
  }

  /** Appends `numTypes` frame elements (see MethodVisitor.visitFrame), separated by spaces. */
  private appendFrameTypes(numTypes: number, frameTypes: readonly FrameElement[] | null): void {
    const sb = this.stringBuilder;
    for (let i = 0; i < numTypes; ++i) {
      if (i > 0) {
        sb.append(' ');
      }
      const frameType = frameTypes![i];
      if (typeof frameType === 'string') {
        // Array types are printed as descriptors, other reference types as internal names.
        if (frameType.charAt(0) === '[') {
          this.appendDescriptor(Textifier.FIELD_DESCRIPTOR, frameType);
        } else {
          this.appendDescriptor(Textifier.INTERNAL_NAME, frameType);
        }
      } else if (typeof frameType === 'number') {
        sb.append(FRAME_TYPES[frameType]);
      } else {
        this.appendLabel(frameType as Label);
      }
    }
  }

  /** Adds a new Textifier's text to this one's, followed by `endText` when not null. */
  private addNewTextifier(endText: string | null): Textifier {
    const textifier = this.createTextifier();
    this.text.push(textifier.getText());
    if (endText !== null) {
      this.text.push(endText);
    }
    return textifier;
  }

  /** Creates the Textifier for a member or annotation; subclasses return their own kind. */
  protected createTextifier(): Textifier {
    return new Textifier(this.api);
  }
}

function illegalArgument(message: string): Error {
  return new IllegalArgumentException(message);
}
