// # ASMifier: prints the TypeScript code that writes the visited class with classforge's API
//
// ASM's ASMifier prints the Java code that generates a class through ASM; this one prints the
// TypeScript module that does the same through classforge, so that "how do I generate this?" is
// answered by compiling the Java you want with javac and running `classforge print --asmify` on it.
// The module exports `dump(): Uint8Array`, which runs the visitor calls against a `new
// ClassWriter(0)` and returns the class file. The calls are those a ClassReader would make, one per
// line, in ASM's layout: the class header, then one block per field, method, record component,
// module or annotation; labels are declared where first used; constants keep their exact Java type
// (`5n` for a long, `new Float(1.5)` for a float, `Float.fromBits(…)` when only the bits say it).

import type { Attribute } from '../asm/attribute.js';
import { ConstantDynamic } from '../asm/constant-dynamic.js';
import { Handle } from '../asm/handle.js';
import { Byte, Character, Double, Float, Short } from '../asm/java-values.js';
import type { Label } from '../asm/label.js';
import { Opcodes } from '../asm/opcodes.js';
import { Type } from '../asm/type.js';
import type { TypePath } from '../asm/type-path.js';
import { Printer } from './printer.js';
import { IllegalArgumentException, IllegalStateException } from '../asm/java-exceptions.js';
import { nullableVarargsOf, varargsOf } from '../asm/varargs.js';

/** Where an access flag word appears: the same bit has different names (JVMS §4.1, §4.5, §4.6, §4.7). */
type AccessContext = 'class' | 'inner' | 'field' | 'method' | 'parameter' | 'module' | 'requires' | 'export';

const COMMON_FLAGS: readonly [number, string][] = [
  [0x0001, 'ACC_PUBLIC'],
  [0x0002, 'ACC_PRIVATE'],
  [0x0004, 'ACC_PROTECTED'],
  [0x0008, 'ACC_STATIC'],
  [0x0010, 'ACC_FINAL'],
];

const FLAGS: Record<AccessContext, readonly [number, string][]> = {
  class: [...COMMON_FLAGS, [0x0020, 'ACC_SUPER'], [0x0200, 'ACC_INTERFACE'], [0x0400, 'ACC_ABSTRACT'], [0x1000, 'ACC_SYNTHETIC'], [0x2000, 'ACC_ANNOTATION'], [0x4000, 'ACC_ENUM'], [0x8000, 'ACC_MODULE'], [0x10000, 'ACC_RECORD'], [0x20000, 'ACC_DEPRECATED']],
  inner: [...COMMON_FLAGS, [0x0200, 'ACC_INTERFACE'], [0x0400, 'ACC_ABSTRACT'], [0x1000, 'ACC_SYNTHETIC'], [0x2000, 'ACC_ANNOTATION'], [0x4000, 'ACC_ENUM']],
  field: [...COMMON_FLAGS, [0x0040, 'ACC_VOLATILE'], [0x0080, 'ACC_TRANSIENT'], [0x1000, 'ACC_SYNTHETIC'], [0x4000, 'ACC_ENUM'], [0x8000, 'ACC_MANDATED'], [0x20000, 'ACC_DEPRECATED']],
  method: [...COMMON_FLAGS, [0x0020, 'ACC_SYNCHRONIZED'], [0x0040, 'ACC_BRIDGE'], [0x0080, 'ACC_VARARGS'], [0x0100, 'ACC_NATIVE'], [0x0400, 'ACC_ABSTRACT'], [0x0800, 'ACC_STRICT'], [0x1000, 'ACC_SYNTHETIC'], [0x8000, 'ACC_MANDATED'], [0x20000, 'ACC_DEPRECATED']],
  parameter: [[0x0010, 'ACC_FINAL'], [0x1000, 'ACC_SYNTHETIC'], [0x8000, 'ACC_MANDATED']],
  module: [[0x0020, 'ACC_OPEN'], [0x1000, 'ACC_SYNTHETIC'], [0x8000, 'ACC_MANDATED']],
  requires: [[0x0020, 'ACC_TRANSITIVE'], [0x0040, 'ACC_STATIC_PHASE'], [0x1000, 'ACC_SYNTHETIC'], [0x8000, 'ACC_MANDATED']],
  export: [[0x1000, 'ACC_SYNTHETIC'], [0x8000, 'ACC_MANDATED']],
};

/** Frame element constants (ASM's Opcodes.TOP…UNINITIALIZED_THIS), by value. */
const FRAME_TYPES = ['Opcodes.TOP', 'Opcodes.INTEGER', 'Opcodes.FLOAT', 'Opcodes.DOUBLE', 'Opcodes.LONG', 'Opcodes.NULL', 'Opcodes.UNINITIALIZED_THIS'];

/** The `Opcodes.V…` names of the class file versions, by major version. */
const VERSION_NAMES = new Map<number, string>(
  Object.entries(Opcodes)
    .filter(([key]) => /^V(1_\d|\d+)$/.test(key))
    .map(([key, value]) => [(value as number) & 0xffff, `Opcodes.${key}`]),
);

/** A TypeScript string literal (JSON's escapes are TypeScript's; lone surrogates come out as \uXXXX). */
function literal(value: string | null): string {
  return value === null ? 'null' : JSON.stringify(value);
}

function literals(values: readonly string[] | null): string {
  return values === null ? 'null' : `[${values.map(literal).join(', ')}]`;
}

function hex(value: number): string {
  return `0x${(value >>> 0).toString(16)}`;
}

/** A Printer that prints TypeScript code generating the visited class with classforge (ASM's ASMifier). */
export class ASMifier extends Printer {
  /** The name of the visitor variable in the printed code ("classWriter", "methodVisitor"…). */
  protected readonly name: string;
  /** The suffix of the annotation visitor variables of this printer (annotationVisitor0, 1…). */
  protected readonly id: number;
  /** The printed names of the labels of the current method, declared where first used. */
  protected labelNames: Map<Label, string> | null = null;

  /** An ASMifier for a class: its visitor variable is `classWriter`. */
  constructor();
  constructor(api: number, visitorVariableName: string, annotationVisitorId: number);
  constructor(api?: number, visitorVariableName = 'classWriter', annotationVisitorId = 0) {
    super(api === undefined ? Opcodes.ASM9 : api);
    // As ASM: only ASMifier itself may use the api-less constructor (subclasses state the API they implement).
    if (api === undefined && new.target !== ASMifier) {
      throw new IllegalStateException('subclasses of ASMifier must pass an api');
    }
    this.name = visitorVariableName;
    this.id = annotationVisitorId;
  }

  /** The printer of a nested element; override to print it with a subclass. */
  protected createASMifier(visitorVariableName: string, annotationVisitorId: number): ASMifier {
    return new ASMifier(this.api, visitorVariableName, annotationVisitorId);
  }

  private line(code: string): void {
    this.text.push(`${code}\n`);
  }

  /** Pushes `child`'s text and returns it (its events print into that place, in order). */
  private nested(child: ASMifier): ASMifier {
    this.text.push(child.getText());
    return child;
  }

  // ## Classes

  override visit(version: number, access: number, name: string, signature: string | null, superName: string | null, interfaces: readonly string[] | null): void;
  override visit(name: string | null, value: unknown): void;
  override visit(...args: unknown[]): void {
    if (typeof args[0] === 'number') {
      this.visitClassHeader(args[0], args[1] as number, args[2] as string, (args[3] ?? null) as string | null, (args[4] ?? null) as string | null, (args[5] ?? null) as readonly string[] | null);
    } else {
      this.line(`${this.name}.visit(${literal((args[0] ?? null) as string | null)}, ${this.constant(args[1])});`);
    }
  }

  private visitClassHeader(version: number, access: number, name: string, signature: string | null, superName: string | null, interfaces: readonly string[] | null): void {
    this.text.push(
      `// Generated by classforge's ASMifier: dump() writes the class ${name} with classforge's visitor API.\n` +
        "import { AnnotationVisitor, Attribute, Byte, Character, ClassWriter, ConstantDynamic, Double, FieldVisitor, Float, Handle, Label, MethodVisitor, ModuleVisitor, Opcodes, RecordComponentVisitor, Short, Type, TypePath } from 'classforge';\n\n" +
        'export function dump(): Uint8Array {\n' +
        'const classWriter = new ClassWriter(0);\n' +
        'let fieldVisitor: FieldVisitor;\n' +
        'let recordComponentVisitor: RecordComponentVisitor;\n' +
        'let methodVisitor: MethodVisitor;\n' +
        'let annotationVisitor0: AnnotationVisitor;\n\n',
    );
    this.line(`classWriter.visit(${this.version(version)}, ${this.access(access, 'class')}, ${literal(name)}, ${literal(signature)}, ${literal(superName)}, ${literals(interfaces)});`);
  }

  private version(version: number): string {
    const major = version & 0xffff;
    const minor = version >>> 16;
    const name = VERSION_NAMES.get(major);
    if (name === undefined || (minor !== 0 && minor !== 0xffff && version !== Opcodes.V1_1)) return String(version);
    if (version === Opcodes.V1_1) return 'Opcodes.V1_1';
    return minor === 0xffff ? `${name} | Opcodes.V_PREVIEW` : name;
  }

  /** The flags of `access` as `Opcodes.ACC_…` names joined by `|`, with unnamed bits as a number. */
  private access(access: number, context: AccessContext): string {
    const names: string[] = [];
    let rest = access;
    for (const [bit, name] of FLAGS[context]) {
      if ((rest & bit) !== 0) {
        names.push(`Opcodes.${name}`);
        rest &= ~bit;
      }
    }
    if (rest !== 0) names.push(hex(rest));
    return names.length === 0 ? '0' : names.join(' | ');
  }

  override visitSource(source: string | null, debug: string | null): void {
    this.line(`classWriter.visitSource(${literal(source)}, ${literal(debug)});`);
  }

  override visitModule(name: string, access: number, version: string | null): Printer {
    this.line('{');
    this.line(`const moduleVisitor = classWriter.visitModule(${literal(name)}, ${this.access(access, 'module')}, ${literal(version)})!;`);
    return this.nested(this.createASMifier('moduleVisitor', 0));
  }

  override visitNestHost(nestHost: string): void {
    this.line(`classWriter.visitNestHost(${literal(nestHost)});`);
  }

  override visitOuterClass(owner: string, name: string | null, descriptor: string | null): void {
    this.line(`classWriter.visitOuterClass(${literal(owner)}, ${literal(name)}, ${literal(descriptor)});`);
  }

  override visitClassAnnotation(descriptor: string, visible: boolean): Printer {
    return this.annotation(`visitAnnotation(${literal(descriptor)}, ${visible})`);
  }

  override visitClassTypeAnnotation(typeRef: number, typePath: TypePath | null, descriptor: string, visible: boolean): Printer {
    return this.typeAnnotation('visitTypeAnnotation', typeRef, typePath, descriptor, visible);
  }

  override visitClassAttribute(attribute: Attribute): void {
    this.attribute(attribute);
  }

  override visitNestMember(nestMember: string): void {
    this.line(`classWriter.visitNestMember(${literal(nestMember)});`);
  }

  override visitPermittedSubclass(permittedSubclass: string): void {
    this.line(`classWriter.visitPermittedSubclass(${literal(permittedSubclass)});`);
  }

  override visitInnerClass(name: string, outerName: string | null, innerName: string | null, access: number): void {
    this.line(`classWriter.visitInnerClass(${literal(name)}, ${literal(outerName)}, ${literal(innerName)}, ${this.access(access, 'inner')});`);
  }

  override visitRecordComponent(name: string, descriptor: string, signature: string | null): Printer {
    this.line('{');
    this.line(`recordComponentVisitor = classWriter.visitRecordComponent(${literal(name)}, ${literal(descriptor)}, ${literal(signature)})!;`);
    return this.nested(this.createASMifier('recordComponentVisitor', 0));
  }

  override visitField(access: number, name: string, descriptor: string, signature: string | null, value: unknown): Printer {
    this.line('{');
    this.line(`fieldVisitor = classWriter.visitField(${this.access(access, 'field')}, ${literal(name)}, ${literal(descriptor)}, ${literal(signature)}, ${this.constant(value ?? null)})!;`);
    return this.nested(this.createASMifier('fieldVisitor', 0));
  }

  override visitMethod(access: number, name: string, descriptor: string, signature: string | null, exceptions: readonly string[] | null): Printer {
    this.line('{');
    this.line(`methodVisitor = classWriter.visitMethod(${this.access(access, 'method')}, ${literal(name)}, ${literal(descriptor)}, ${literal(signature)}, ${literals(exceptions)})!;`);
    return this.nested(this.createASMifier('methodVisitor', 0));
  }

  override visitClassEnd(): void {
    this.line('classWriter.visitEnd();\n');
    this.line('return classWriter.toByteArray();');
    this.line('}');
  }

  // ## Modules

  override visitMainClass(mainClass: string): void {
    this.line(`moduleVisitor.visitMainClass(${literal(mainClass)});`);
  }

  override visitPackage(packaze: string): void {
    this.line(`moduleVisitor.visitPackage(${literal(packaze)});`);
  }

  override visitRequire(module: string, access: number, version: string | null): void {
    this.line(`moduleVisitor.visitRequire(${literal(module)}, ${this.access(access, 'requires')}, ${literal(version)});`);
  }

  override visitExport(packaze: string, access: number, ...modules: (string | readonly string[] | null)[]): void;
  override visitExport(
    packaze: string,
    access: number,
    modulesOrFirst?: string | readonly string[] | null,
    ...modulesMore: string[]
  ): void {
    const modules = nullableVarargsOf(modulesOrFirst, modulesMore);
    this.line(`moduleVisitor.visitExport(${literal(packaze)}, ${this.access(access, 'export')}, ${literals(modules)});`);
  }

  override visitOpen(packaze: string, access: number, ...modules: (string | readonly string[] | null)[]): void;
  override visitOpen(
    packaze: string,
    access: number,
    modulesOrFirst?: string | readonly string[] | null,
    ...modulesMore: string[]
  ): void {
    const modules = nullableVarargsOf(modulesOrFirst, modulesMore);
    this.line(`moduleVisitor.visitOpen(${literal(packaze)}, ${this.access(access, 'export')}, ${literals(modules)});`);
  }

  override visitUse(service: string): void {
    this.line(`moduleVisitor.visitUse(${literal(service)});`);
  }

  override visitProvide(service: string, ...providers: (string | readonly string[])[]): void;
  override visitProvide(
    service: string,
    providersOrFirst?: string | readonly string[],
    ...providersMore: string[]
  ): void {
    const providers = varargsOf(providersOrFirst, providersMore);
    this.line(`moduleVisitor.visitProvide(${literal(service)}, ${literals(providers)});`);
  }

  override visitModuleEnd(): void {
    this.line('moduleVisitor.visitEnd();');
    this.line('}');
  }

  // ## Annotations

  override visitEnum(name: string | null, descriptor: string, value: string): void {
    this.line(`${this.name}.visitEnum(${literal(name)}, ${literal(descriptor)}, ${literal(value)});`);
  }

  override visitAnnotation(name: string | null, descriptor: string): Printer {
    this.line('{');
    this.line(`const annotationVisitor${this.id + 1} = ${this.name}.visitAnnotation(${literal(name)}, ${literal(descriptor)})!;`);
    return this.nested(this.createASMifier(`annotationVisitor${this.id + 1}`, this.id + 1));
  }

  override visitArray(name: string | null): Printer {
    this.line('{');
    this.line(`const annotationVisitor${this.id + 1} = ${this.name}.visitArray(${literal(name)})!;`);
    return this.nested(this.createASMifier(`annotationVisitor${this.id + 1}`, this.id + 1));
  }

  override visitAnnotationEnd(): void {
    this.line(`${this.name}.visitEnd();`);
    this.line('}');
  }

  /** An annotation of this printer's class, field, method or record component: `annotationVisitor0`. */
  private annotation(call: string): Printer {
    this.line('{');
    this.line(`annotationVisitor0 = ${this.name}.${call}!;`);
    return this.nested(this.createASMifier('annotationVisitor0', 0));
  }

  private typeAnnotation(method: string, typeRef: number, typePath: TypePath | null, descriptor: string, visible: boolean): Printer {
    return this.annotation(`${method}(${typeRef}, ${this.typePath(typePath)}, ${literal(descriptor)}, ${visible})`);
  }

  private typePath(typePath: TypePath | null): string {
    return typePath === null ? 'null' : `TypePath.fromString(${literal(typePath.toString())})`;
  }

  // ## Record components and fields

  override visitRecordComponentAnnotation(descriptor: string, visible: boolean): Printer {
    return this.annotation(`visitAnnotation(${literal(descriptor)}, ${visible})`);
  }

  override visitRecordComponentTypeAnnotation(typeRef: number, typePath: TypePath | null, descriptor: string, visible: boolean): Printer {
    return this.typeAnnotation('visitTypeAnnotation', typeRef, typePath, descriptor, visible);
  }

  override visitRecordComponentAttribute(attribute: Attribute): void {
    this.attribute(attribute);
  }

  override visitRecordComponentEnd(): void {
    this.line(`${this.name}.visitEnd();`);
    this.line('}');
  }

  override visitFieldAnnotation(descriptor: string, visible: boolean): Printer {
    return this.annotation(`visitAnnotation(${literal(descriptor)}, ${visible})`);
  }

  override visitFieldTypeAnnotation(typeRef: number, typePath: TypePath | null, descriptor: string, visible: boolean): Printer {
    return this.typeAnnotation('visitTypeAnnotation', typeRef, typePath, descriptor, visible);
  }

  override visitFieldAttribute(attribute: Attribute): void {
    this.attribute(attribute);
  }

  override visitFieldEnd(): void {
    this.line(`${this.name}.visitEnd();`);
    this.line('}');
  }

  /**
   * A non-standard attribute, recreated with its content as opaque bytes (what ClassReader does
   * with an attribute it has no prototype for).
   */
  private attribute(attribute: Attribute): void {
    const content = attribute.content;
    if (content === null) {
      this.line(`// ATTRIBUTE ${attribute.type}: no opaque content to print; pass its prototype to ClassReader.accept`);
      return;
    }
    this.line(`${this.name}.visitAttribute(Object.assign(new Attribute(${literal(attribute.type)}), { content: new Uint8Array([${Array.from(content).join(', ')}]) }));`);
  }

  // ## Methods

  override visitParameter(name: string | null, access: number): void {
    this.line(`${this.name}.visitParameter(${literal(name)}, ${this.access(access, 'parameter')});`);
  }

  override visitAnnotationDefault(): Printer {
    return this.annotation('visitAnnotationDefault()');
  }

  override visitMethodAnnotation(descriptor: string, visible: boolean): Printer {
    return this.annotation(`visitAnnotation(${literal(descriptor)}, ${visible})`);
  }

  override visitMethodTypeAnnotation(typeRef: number, typePath: TypePath | null, descriptor: string, visible: boolean): Printer {
    return this.typeAnnotation('visitTypeAnnotation', typeRef, typePath, descriptor, visible);
  }

  override visitAnnotableParameterCount(parameterCount: number, visible: boolean): Printer {
    this.line(`${this.name}.visitAnnotableParameterCount(${parameterCount}, ${visible});`);
    return this;
  }

  override visitParameterAnnotation(parameter: number, descriptor: string, visible: boolean): Printer {
    return this.annotation(`visitParameterAnnotation(${parameter}, ${literal(descriptor)}, ${visible})`);
  }

  override visitMethodAttribute(attribute: Attribute): void {
    this.attribute(attribute);
  }

  override visitCode(): void {
    this.line(`${this.name}.visitCode();`);
  }

  override visitFrame(type: number, numLocal: number, local: readonly unknown[] | null, numStack: number, stack: readonly unknown[] | null): void {
    const elements = (count: number, values: readonly unknown[] | null): string => {
      if (values === null) return 'null';
      return `[${values.slice(0, count).map((value) => this.frameElement(value)).join(', ')}]`;
    };
    switch (type) {
      case Opcodes.F_NEW:
      case Opcodes.F_FULL:
        this.declareFrameLabels(numLocal, local);
        this.declareFrameLabels(numStack, stack);
        this.line(`${this.name}.visitFrame(${type === Opcodes.F_NEW ? 'Opcodes.F_NEW' : 'Opcodes.F_FULL'}, ${numLocal}, ${elements(numLocal, local)}, ${numStack}, ${elements(numStack, stack)});`);
        break;
      case Opcodes.F_APPEND:
        this.declareFrameLabels(numLocal, local);
        this.line(`${this.name}.visitFrame(Opcodes.F_APPEND, ${numLocal}, ${elements(numLocal, local)}, 0, null);`);
        break;
      case Opcodes.F_CHOP:
        this.line(`${this.name}.visitFrame(Opcodes.F_CHOP, ${numLocal}, null, 0, null);`);
        break;
      case Opcodes.F_SAME:
        this.line(`${this.name}.visitFrame(Opcodes.F_SAME, 0, null, 0, null);`);
        break;
      case Opcodes.F_SAME1:
        this.declareFrameLabels(1, stack);
        this.line(`${this.name}.visitFrame(Opcodes.F_SAME1, 0, null, 1, ${elements(1, stack)});`);
        break;
      default:
        throw new IllegalArgumentException(`Invalid frame type: ${type}`);
    }
  }

  private declareFrameLabels(count: number, values: readonly unknown[] | null): void {
    for (let i = 0; i < count && values !== null; i++) {
      const value = values[i];
      if (typeof value === 'object' && value !== null && !(value instanceof Type)) this.declareLabel(value as Label);
    }
  }

  private frameElement(value: unknown): string {
    if (typeof value === 'string') return literal(value);
    if (typeof value === 'number') return FRAME_TYPES[value] ?? String(value);
    return this.labelName(value as Label);
  }

  override visitInsn(opcode: number): void {
    this.line(`${this.name}.visitInsn(Opcodes.${Printer.OPCODES[opcode]});`);
  }

  override visitIntInsn(opcode: number, operand: number): void {
    const value = opcode === Opcodes.NEWARRAY ? `Opcodes.${Printer.TYPES[operand]}` : String(operand);
    this.line(`${this.name}.visitIntInsn(Opcodes.${Printer.OPCODES[opcode]}, ${value});`);
  }

  override visitVarInsn(opcode: number, varIndex: number): void {
    this.line(`${this.name}.visitVarInsn(Opcodes.${Printer.OPCODES[opcode]}, ${varIndex});`);
  }

  override visitTypeInsn(opcode: number, type: string): void {
    this.line(`${this.name}.visitTypeInsn(Opcodes.${Printer.OPCODES[opcode]}, ${literal(type)});`);
  }

  override visitFieldInsn(opcode: number, owner: string, name: string, descriptor: string): void {
    this.line(`${this.name}.visitFieldInsn(Opcodes.${Printer.OPCODES[opcode]}, ${literal(owner)}, ${literal(name)}, ${literal(descriptor)});`);
  }

  override visitMethodInsn(opcode: number, owner: string, name: string, descriptor: string, isInterface?: boolean): void {
    const iface = isInterface ?? opcode === Opcodes.INVOKEINTERFACE;
    this.line(`${this.name}.visitMethodInsn(Opcodes.${Printer.OPCODES[opcode]}, ${literal(owner)}, ${literal(name)}, ${literal(descriptor)}, ${iface});`);
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
    this.line(
      `${this.name}.visitInvokeDynamicInsn(${literal(name)}, ${literal(descriptor)}, ${this.constant(bootstrapMethodHandle)}, [${bootstrapMethodArguments.map((a) => this.constant(a)).join(', ')}]);`,
    );
  }

  override visitJumpInsn(opcode: number, label: Label): void {
    this.declareLabel(label);
    this.line(`${this.name}.visitJumpInsn(Opcodes.${Printer.OPCODES[opcode]}, ${this.labelName(label)});`);
  }

  override visitLabel(label: Label): void {
    this.declareLabel(label);
    this.line(`${this.name}.visitLabel(${this.labelName(label)});`);
  }

  override visitLdcInsn(value: unknown): void {
    this.line(`${this.name}.visitLdcInsn(${this.constant(value)});`);
  }

  override visitIincInsn(varIndex: number, increment: number): void {
    this.line(`${this.name}.visitIincInsn(${varIndex}, ${increment});`);
  }

  override visitTableSwitchInsn(min: number, max: number, dflt: Label, ...labels: (Label | readonly Label[])[]): void;
  override visitTableSwitchInsn(
    min: number,
    max: number,
    dflt: Label,
    labelsOrFirst?: Label | readonly Label[],
    ...labelsMore: Label[]
  ): void {
    const labels = varargsOf(labelsOrFirst, labelsMore);
    for (const label of [dflt, ...labels]) this.declareLabel(label);
    this.line(`${this.name}.visitTableSwitchInsn(${min}, ${max}, ${this.labelName(dflt)}, [${labels.map((l) => this.labelName(l)).join(', ')}]);`);
  }

  override visitLookupSwitchInsn(dflt: Label, keys: ArrayLike<number>, labels: readonly Label[]): void {
    for (const label of [dflt, ...labels]) this.declareLabel(label);
    this.line(
      `${this.name}.visitLookupSwitchInsn(${this.labelName(dflt)}, [${Array.from(keys).join(', ')}], [${labels.map((l) => this.labelName(l)).join(', ')}]);`,
    );
  }

  override visitMultiANewArrayInsn(descriptor: string, numDimensions: number): void {
    this.line(`${this.name}.visitMultiANewArrayInsn(${literal(descriptor)}, ${numDimensions});`);
  }

  override visitInsnAnnotation(typeRef: number, typePath: TypePath | null, descriptor: string, visible: boolean): Printer {
    return this.typeAnnotation('visitInsnAnnotation', typeRef, typePath, descriptor, visible);
  }

  override visitTryCatchBlock(start: Label, end: Label, handler: Label, type: string | null): void {
    for (const label of [start, end, handler]) this.declareLabel(label);
    this.line(`${this.name}.visitTryCatchBlock(${this.labelName(start)}, ${this.labelName(end)}, ${this.labelName(handler)}, ${literal(type)});`);
  }

  override visitTryCatchAnnotation(typeRef: number, typePath: TypePath | null, descriptor: string, visible: boolean): Printer {
    return this.typeAnnotation('visitTryCatchAnnotation', typeRef, typePath, descriptor, visible);
  }

  override visitLocalVariable(name: string, descriptor: string, signature: string | null, start: Label, end: Label, index: number): void {
    this.line(`${this.name}.visitLocalVariable(${literal(name)}, ${literal(descriptor)}, ${literal(signature)}, ${this.labelName(start)}, ${this.labelName(end)}, ${index});`);
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
    const labels = (list: readonly Label[]): string => `[${list.map((l) => this.labelName(l)).join(', ')}]`;
    return this.annotation(
      `visitLocalVariableAnnotation(${typeRef}, ${this.typePath(typePath)}, ${labels(start)}, ${labels(end)}, [${Array.from(index).join(', ')}], ${literal(descriptor)}, ${visible})`,
    );
  }

  override visitLineNumber(line: number, start: Label): void {
    this.line(`${this.name}.visitLineNumber(${line}, ${this.labelName(start)});`);
  }

  override visitMaxs(maxStack: number, maxLocals: number): void {
    this.line(`${this.name}.visitMaxs(${maxStack}, ${maxLocals});`);
  }

  override visitMethodEnd(): void {
    this.line(`${this.name}.visitEnd();`);
    this.line('}');
  }

  // ## Labels and constants

  /** Declares `label` (`const labelN = new Label();`) before its first use. */
  protected declareLabel(label: Label): void {
    const names = (this.labelNames ??= new Map());
    if (!names.has(label)) {
      const name = `label${names.size}`;
      names.set(label, name);
      this.line(`const ${name} = new Label();`);
    }
  }

  /** The printed name of a label (declared if it was not: a debug-only label seen first in a table). */
  protected labelName(label: Label): string {
    const name = this.labelNames?.get(label);
    if (name !== undefined) return name;
    this.declareLabel(label);
    return this.labelNames!.get(label)!;
  }

  /** A TypeScript expression for an ldc, field, annotation or bootstrap argument constant. */
  protected constant(value: unknown): string {
    if (value === null || value === undefined) return 'null';
    if (typeof value === 'string') return literal(value);
    if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
    if (typeof value === 'bigint') return `${value}n`;
    if (typeof value === 'boolean') return String(value);
    if (value instanceof Type) return `Type.getType(${literal(value.getDescriptor())})`;
    if (value instanceof Handle) {
      return `new Handle(Opcodes.${Printer.HANDLE_TAG[value.getTag()]}, ${literal(value.getOwner())}, ${literal(value.getName())}, ${literal(value.getDesc())}, ${value.isInterface()})`;
    }
    if (value instanceof ConstantDynamic) {
      const args: string[] = [];
      for (let i = 0; i < value.getBootstrapMethodArgumentCount(); i++) args.push(this.constant(value.getBootstrapMethodArgument(i)));
      return `new ConstantDynamic(${literal(value.getName())}, ${literal(value.getDescriptor())}, ${this.constant(value.getBootstrapMethod())}, [${args.join(', ')}])`;
    }
    if (value instanceof Float) {
      return new Float(value.value).bits === value.bits && !Number.isNaN(value.value) ? `new Float(${this.constant(value.value)})` : `Float.fromBits(${value.bits})`;
    }
    if (value instanceof Double) {
      return new Double(value.value).bits === value.bits && !Number.isNaN(value.value) ? `new Double(${this.constant(value.value)})` : `Double.fromBits(${value.bits}n)`;
    }
    if (value instanceof Byte) return `new Byte(${value.value})`;
    if (value instanceof Short) return `new Short(${value.value})`;
    if (value instanceof Character) return `new Character(${value.value})`;
    if (Array.isArray(value)) return `[${value.map((v) => this.constant(v)).join(', ')}]`;
    if (value instanceof BigInt64Array) return `new BigInt64Array([${Array.from(value, (v) => `${v}n`).join(', ')}])`;
    if (ArrayBuffer.isView(value)) {
      const array = value as unknown as ArrayLike<number> & { constructor: { name: string } };
      return `new ${array.constructor.name}([${Array.from(array, (v) => this.constant(v)).join(', ')}])`;
    }
    throw new Error(`ASMifier: no TypeScript form for the constant ${String(value)}`);
  }
}
