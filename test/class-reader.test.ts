// ClassReader: javac's classes are read with every event ASM produces, in ASM's order (a full rewrite
// through ClassWriter reads back to the same events and still runs under -Xverify:all; the copy path
// returns the bytes unchanged), the parsing options do what they say, the ASM-specific long jumps are
// expanded, and malformed class files throw ClassFormatError — never a TypeError, RangeError or a hang.

import { rm, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AnnotationValue, AnnotationVisitor } from '../src/asm/annotation-visitor.js';
import type { Attribute } from '../src/asm/attribute.js';
import { ClassReader } from '../src/asm/class-reader.js';
import { ClassVisitor } from '../src/asm/class-visitor.js';
import { ClassWriter } from '../src/asm/class-writer.js';
import { ConstantDynamic } from '../src/asm/constant-dynamic.js';
import { FieldVisitor } from '../src/asm/field-visitor.js';
import { Handle } from '../src/asm/handle.js';
import { Byte, Character, type ConstantValue, Double, Float, Short } from '../src/asm/java-values.js';
import { Label } from '../src/asm/label.js';
import { type FrameElement, MethodVisitor } from '../src/asm/method-visitor.js';
import { ModuleVisitor } from '../src/asm/module-visitor.js';
import { Opcodes } from '../src/asm/opcodes.js';
import { RecordComponentVisitor } from '../src/asm/record-component-visitor.js';
import { Type } from '../src/asm/type.js';
import type { TypePath } from '../src/asm/type-path.js';
import { ClassFormatError } from '../src/classfile/class-format-error.js';
import { type CompiledClass, compileJava, makeTempDir, runJava } from './support/javac.js';

const API = Opcodes.ASM9;

// ## Recording events

/** Formats a visited value so that equal values (bits included) give equal text. */
function show(value: unknown, labels: Map<Label, number>): string {
  if (value === null || value === undefined) return String(value);
  if (value instanceof Label) {
    let id = labels.get(value);
    if (id === undefined) labels.set(value, (id = labels.size));
    return `L${id}`;
  }
  if (value instanceof Float) return `F(${value.bits})`;
  if (value instanceof Double) return `D(${value.bits})`;
  if (value instanceof Byte) return `B(${value.value})`;
  if (value instanceof Short) return `S(${value.value})`;
  if (value instanceof Character) return `C(${value.value})`;
  if (typeof value === 'bigint') return `${value}L`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof Type || value instanceof Handle || value instanceof ConstantDynamic) {
    return `${value.constructor.name}(${String(value)})`;
  }
  if (value instanceof Float32Array) return `float[${Array.from(new Int32Array(value.buffer)).join(',')}]`;
  if (value instanceof Float64Array) return `double[${Array.from(new BigInt64Array(value.buffer)).join(',')}]`;
  if (ArrayBuffer.isView(value)) {
    return `${value.constructor.name}[${Array.from(value as unknown as ArrayLike<number | bigint>).join(',')}]`;
  }
  if (Array.isArray(value)) return `[${value.map((v) => show(v, labels)).join(',')}]`;
  if (typeof value === 'object' && value !== null && 'getLength' in value) return `path(${String(value as TypePath)})`;
  if (typeof value === 'object' && value !== null && 'type' in value && 'content' in value) {
    const attribute = value as Attribute;
    return `attribute(${attribute.type},${Array.from(attribute.content ?? []).join(',')})`;
  }
  return String(value);
}

/** Records every event a ClassReader produces, as text, asking for everything. */
class Recorder {
  readonly events: string[] = [];
  private readonly labels = new Map<Label, number>();

  log(kind: string, args: unknown[]): void {
    this.events.push(`${kind}(${args.map((arg) => show(arg, this.labels)).join(', ')})`);
  }

  /** Frame arrays are longer than the counts: only the visited elements count. */
  logFrame(type: number, numLocal: number, local: unknown[] | null, numStack: number, stack: unknown[] | null): void {
    this.log('visitFrame', [type, numLocal, local?.slice(0, Math.max(0, numLocal)), numStack, stack?.slice(0, numStack)]);
  }
}

class RecordingAnnotationVisitor extends AnnotationVisitor {
  constructor(private readonly recorder: Recorder) {
    super(API);
  }
  override visit(name: string | null, value: AnnotationValue): void {
    this.recorder.log('av.visit', [name, value]);
  }
  override visitEnum(name: string | null, descriptor: string, value: string): void {
    this.recorder.log('av.visitEnum', [name, descriptor, value]);
  }
  override visitAnnotation(name: string | null, descriptor: string): AnnotationVisitor {
    this.recorder.log('av.visitAnnotation', [name, descriptor]);
    return this;
  }
  override visitArray(name: string | null): AnnotationVisitor {
    this.recorder.log('av.visitArray', [name]);
    return this;
  }
  override visitEnd(): void {
    this.recorder.log('av.visitEnd', []);
  }
}

class RecordingFieldVisitor extends FieldVisitor {
  constructor(private readonly recorder: Recorder) {
    super(API);
  }
  override visitAnnotation(descriptor: string, visible: boolean): AnnotationVisitor {
    this.recorder.log('fv.visitAnnotation', [descriptor, visible]);
    return new RecordingAnnotationVisitor(this.recorder);
  }
  override visitTypeAnnotation(typeRef: number, typePath: TypePath | null, descriptor: string, visible: boolean): AnnotationVisitor {
    this.recorder.log('fv.visitTypeAnnotation', [typeRef, typePath, descriptor, visible]);
    return new RecordingAnnotationVisitor(this.recorder);
  }
  override visitAttribute(attribute: Attribute): void {
    this.recorder.log('fv.visitAttribute', [attribute]);
  }
  override visitEnd(): void {
    this.recorder.log('fv.visitEnd', []);
  }
}

class RecordingRecordComponentVisitor extends RecordComponentVisitor {
  constructor(private readonly recorder: Recorder) {
    super(API);
  }
  override visitAnnotation(descriptor: string, visible: boolean): AnnotationVisitor {
    this.recorder.log('rv.visitAnnotation', [descriptor, visible]);
    return new RecordingAnnotationVisitor(this.recorder);
  }
  override visitTypeAnnotation(typeRef: number, typePath: TypePath | null, descriptor: string, visible: boolean): AnnotationVisitor {
    this.recorder.log('rv.visitTypeAnnotation', [typeRef, typePath, descriptor, visible]);
    return new RecordingAnnotationVisitor(this.recorder);
  }
  override visitAttribute(attribute: Attribute): void {
    this.recorder.log('rv.visitAttribute', [attribute]);
  }
  override visitEnd(): void {
    this.recorder.log('rv.visitEnd', []);
  }
}

class RecordingModuleVisitor extends ModuleVisitor {
  constructor(private readonly recorder: Recorder) {
    super(API);
  }
  override visitMainClass(mainClass: string): void {
    this.recorder.log('mv.visitMainClass', [mainClass]);
  }
  override visitPackage(packaze: string): void {
    this.recorder.log('mv.visitPackage', [packaze]);
  }
  override visitRequire(module: string, access: number, version: string | null): void {
    this.recorder.log('mv.visitRequire', [module, access, version]);
  }
  override visitExport(packaze: string, access: number, modules: string[] | null): void {
    this.recorder.log('mv.visitExport', [packaze, access, modules]);
  }
  override visitOpen(packaze: string, access: number, modules: string[] | null): void {
    this.recorder.log('mv.visitOpen', [packaze, access, modules]);
  }
  override visitUse(service: string): void {
    this.recorder.log('mv.visitUse', [service]);
  }
  override visitProvide(service: string, providers: string[]): void {
    this.recorder.log('mv.visitProvide', [service, providers]);
  }
  override visitEnd(): void {
    this.recorder.log('mv.visitEnd', []);
  }
}

/** Logs every MethodVisitor event. */
class RecordingMethodVisitor extends MethodVisitor {
  constructor(private readonly recorder: Recorder) {
    super(API);
  }
  private av(kind: string, args: unknown[]): AnnotationVisitor {
    this.recorder.log(kind, args);
    return new RecordingAnnotationVisitor(this.recorder);
  }
  override visitParameter(name: string | null, access: number): void {
    this.recorder.log('visitParameter', [name, access]);
  }
  override visitAnnotationDefault(): AnnotationVisitor {
    return this.av('visitAnnotationDefault', []);
  }
  override visitAnnotation(descriptor: string, visible: boolean): AnnotationVisitor {
    return this.av('m.visitAnnotation', [descriptor, visible]);
  }
  override visitTypeAnnotation(typeRef: number, typePath: TypePath | null, descriptor: string, visible: boolean): AnnotationVisitor {
    return this.av('m.visitTypeAnnotation', [typeRef, typePath, descriptor, visible]);
  }
  override visitAnnotableParameterCount(parameterCount: number, visible: boolean): void {
    this.recorder.log('visitAnnotableParameterCount', [parameterCount, visible]);
  }
  override visitParameterAnnotation(parameter: number, descriptor: string, visible: boolean): AnnotationVisitor {
    return this.av('visitParameterAnnotation', [parameter, descriptor, visible]);
  }
  override visitAttribute(attribute: Attribute): void {
    this.recorder.log('m.visitAttribute', [attribute]);
  }
  override visitCode(): void {
    this.recorder.log('visitCode', []);
  }
  override visitFrame(type: number, numLocal: number, local: FrameElement[] | null, numStack: number, stack: FrameElement[] | null): void {
    this.recorder.logFrame(type, numLocal, local, numStack, stack);
  }
  override visitInsn(opcode: number): void {
    this.recorder.log('visitInsn', [opcode]);
  }
  override visitIntInsn(opcode: number, operand: number): void {
    this.recorder.log('visitIntInsn', [opcode, operand]);
  }
  override visitVarInsn(opcode: number, varIndex: number): void {
    this.recorder.log('visitVarInsn', [opcode, varIndex]);
  }
  override visitTypeInsn(opcode: number, type: string): void {
    this.recorder.log('visitTypeInsn', [opcode, type]);
  }
  override visitFieldInsn(opcode: number, owner: string, name: string, descriptor: string): void {
    this.recorder.log('visitFieldInsn', [opcode, owner, name, descriptor]);
  }
  override visitMethodInsn(opcode: number, owner: string, name: string, descriptor: string, isInterface?: boolean): void {
    this.recorder.log('visitMethodInsn', [opcode, owner, name, descriptor, isInterface]);
  }
  override visitInvokeDynamicInsn(name: string, descriptor: string, handle: Handle, args: ConstantValue[]): void {
    this.recorder.log('visitInvokeDynamicInsn', [name, descriptor, handle, args]);
  }
  override visitJumpInsn(opcode: number, label: Label): void {
    this.recorder.log('visitJumpInsn', [opcode, label]);
  }
  override visitLabel(label: Label): void {
    this.recorder.log('visitLabel', [label]);
  }
  override visitLdcInsn(value: ConstantValue): void {
    this.recorder.log('visitLdcInsn', [value]);
  }
  override visitIincInsn(varIndex: number, increment: number): void {
    this.recorder.log('visitIincInsn', [varIndex, increment]);
  }
  override visitTableSwitchInsn(min: number, max: number, dflt: Label, labels: Label[]): void {
    this.recorder.log('visitTableSwitchInsn', [min, max, dflt, labels]);
  }
  override visitLookupSwitchInsn(dflt: Label, keys: number[], labels: Label[]): void {
    this.recorder.log('visitLookupSwitchInsn', [dflt, keys, labels]);
  }
  override visitMultiANewArrayInsn(descriptor: string, numDimensions: number): void {
    this.recorder.log('visitMultiANewArrayInsn', [descriptor, numDimensions]);
  }
  override visitInsnAnnotation(typeRef: number, typePath: TypePath | null, descriptor: string, visible: boolean): AnnotationVisitor {
    return this.av('visitInsnAnnotation', [typeRef, typePath, descriptor, visible]);
  }
  override visitTryCatchBlock(start: Label, end: Label, handler: Label, type: string | null): void {
    this.recorder.log('visitTryCatchBlock', [start, end, handler, type]);
  }
  override visitTryCatchAnnotation(typeRef: number, typePath: TypePath | null, descriptor: string, visible: boolean): AnnotationVisitor {
    return this.av('visitTryCatchAnnotation', [typeRef, typePath, descriptor, visible]);
  }
  override visitLocalVariable(name: string, descriptor: string, signature: string | null, start: Label, end: Label, index: number): void {
    this.recorder.log('visitLocalVariable', [name, descriptor, signature, start, end, index]);
  }
  override visitLocalVariableAnnotation(
    typeRef: number,
    typePath: TypePath | null,
    start: Label[],
    end: Label[],
    index: number[],
    descriptor: string,
    visible: boolean,
  ): AnnotationVisitor {
    return this.av('visitLocalVariableAnnotation', [typeRef, typePath, start, end, index, descriptor, visible]);
  }
  override visitLineNumber(line: number, start: Label): void {
    this.recorder.log('visitLineNumber', [line, start]);
  }
  override visitMaxs(maxStack: number, maxLocals: number): void {
    this.recorder.log('visitMaxs', [maxStack, maxLocals]);
  }
  override visitEnd(): void {
    this.recorder.log('m.visitEnd', []);
  }
}

class RecordingClassVisitor extends ClassVisitor {
  readonly recorder = new Recorder();
  constructor() {
    super(API);
  }
  override visit(version: number, access: number, name: string, signature: string | null, superName: string | null, interfaces: string[] | null): void {
    this.recorder.log('visit', [version, access, name, signature, superName, interfaces]);
  }
  override visitSource(source: string | null, debug: string | null): void {
    this.recorder.log('visitSource', [source, debug]);
  }
  override visitModule(name: string, access: number, version: string | null): ModuleVisitor {
    this.recorder.log('visitModule', [name, access, version]);
    return new RecordingModuleVisitor(this.recorder);
  }
  override visitNestHost(nestHost: string): void {
    this.recorder.log('visitNestHost', [nestHost]);
  }
  override visitOuterClass(owner: string, name: string | null, descriptor: string | null): void {
    this.recorder.log('visitOuterClass', [owner, name, descriptor]);
  }
  override visitAnnotation(descriptor: string, visible: boolean): AnnotationVisitor {
    this.recorder.log('visitAnnotation', [descriptor, visible]);
    return new RecordingAnnotationVisitor(this.recorder);
  }
  override visitTypeAnnotation(typeRef: number, typePath: TypePath | null, descriptor: string, visible: boolean): AnnotationVisitor {
    this.recorder.log('visitTypeAnnotation', [typeRef, typePath, descriptor, visible]);
    return new RecordingAnnotationVisitor(this.recorder);
  }
  override visitAttribute(attribute: Attribute): void {
    this.recorder.log('visitAttribute', [attribute]);
  }
  override visitNestMember(nestMember: string): void {
    this.recorder.log('visitNestMember', [nestMember]);
  }
  override visitPermittedSubclass(permittedSubclass: string): void {
    this.recorder.log('visitPermittedSubclass', [permittedSubclass]);
  }
  override visitInnerClass(name: string, outerName: string | null, innerName: string | null, access: number): void {
    this.recorder.log('visitInnerClass', [name, outerName, innerName, access]);
  }
  override visitRecordComponent(name: string, descriptor: string, signature: string | null): RecordComponentVisitor {
    this.recorder.log('visitRecordComponent', [name, descriptor, signature]);
    return new RecordingRecordComponentVisitor(this.recorder);
  }
  override visitField(access: number, name: string, descriptor: string, signature: string | null, value: ConstantValue | null): FieldVisitor {
    this.recorder.log('visitField', [access, name, descriptor, signature, value]);
    return new RecordingFieldVisitor(this.recorder);
  }
  override visitMethod(access: number, name: string, descriptor: string, signature: string | null, exceptions: string[] | null): MethodVisitor {
    this.recorder.log('visitMethod', [access, name, descriptor, signature, exceptions]);
    return new RecordingMethodVisitor(this.recorder);
  }
  override visitEnd(): void {
    this.recorder.log('visitEnd', []);
  }
}

/** The events of `accept(parsingOptions)` on `bytes`. */
function eventsOf(bytes: Uint8Array, parsingOptions = 0): string[] {
  const visitor = new RecordingClassVisitor();
  new ClassReader(bytes).accept(visitor, parsingOptions);
  return visitor.recorder.events;
}

/** Reads `bytes` with every option combination that matters, with a visitor asking for everything. */
function acceptEverything(bytes: Uint8Array): void {
  const reader = new ClassReader(bytes);
  for (const options of [0, ClassReader.SKIP_DEBUG, ClassReader.EXPAND_FRAMES, ClassReader.SKIP_FRAMES, ClassReader.SKIP_CODE]) {
    reader.accept(new RecordingClassVisitor(), options);
  }
}

// ## Building class files byte by byte (for malformed inputs)

const u2 = (v: number): number[] => [(v >>> 8) & 0xff, v & 0xff];
const u4 = (v: number): number[] => [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];

interface MethodSpec {
  name?: string;
  descriptor?: string;
  access?: number;
  maxStack?: number;
  maxLocals?: number;
  code: number[];
  /** Raw exception_table entries (8 bytes each). */
  exceptionTable?: number[][];
  /** Raw attributes of the Code attribute: [name, content]. */
  codeAttributes?: [string, number[]][];
  /** Raw method attributes, besides Code: [name, content]. */
  attributes?: [string, number[]][];
  /** A code_length to write instead of the real one. */
  codeLength?: number;
}

/** A minimal class file assembler: a constant pool, one class, its methods and attributes. */
class ClassFileBuilder {
  private readonly pool: number[][] = [];
  private readonly utf8Indices = new Map<string, number>();
  version = 52;
  methods: MethodSpec[] = [];
  classAttributes: [string, number[]][] = [];

  /** Adds a raw constant pool entry (tag included); long/double take two slots. */
  raw(entry: number[]): number {
    this.pool.push(entry);
    const index = this.pool.length;
    // JVMS §4.4.5: the slot after a Long or Double is unusable (an empty placeholder here).
    if (entry[0] === 5 || entry[0] === 6) this.pool.push([]);
    return index;
  }
  utf8(value: string): number {
    let index = this.utf8Indices.get(value);
    if (index === undefined) {
      const bytes = Array.from(Buffer.from(value, 'utf8'));
      index = this.raw([1, ...u2(bytes.length), ...bytes]);
      this.utf8Indices.set(value, index);
    }
    return index;
  }
  classRef(name: string): number {
    return this.raw([7, ...u2(this.utf8(name))]);
  }
  nameAndType(name: string, descriptor: string): number {
    return this.raw([12, ...u2(this.utf8(name)), ...u2(this.utf8(descriptor))]);
  }
  methodRef(owner: string, name: string, descriptor: string): number {
    return this.raw([10, ...u2(this.classRef(owner)), ...u2(this.nameAndType(name, descriptor))]);
  }
  integer(value: number): number {
    return this.raw([3, ...u4(value)]);
  }

  private attribute(name: string, content: number[]): number[] {
    return [...u2(this.utf8(name)), ...u4(content.length), ...content];
  }

  build(): Uint8Array {
    const thisClass = this.classRef('T');
    const superClass = this.classRef('java/lang/Object');
    const methodBytes: number[] = [];
    for (const method of this.methods) {
      const exceptionTable = method.exceptionTable ?? [];
      const codeAttributes = (method.codeAttributes ?? []).flatMap(([name, content]) => this.attribute(name, content));
      const code = [
        ...u2(method.maxStack ?? 4),
        ...u2(method.maxLocals ?? 4),
        ...u4(method.codeLength ?? method.code.length),
        ...method.code,
        ...u2(exceptionTable.length),
        ...exceptionTable.flat(),
        ...u2((method.codeAttributes ?? []).length),
        ...codeAttributes,
      ];
      const attributes = [...(method.attributes ?? []).map(([name, content]) => this.attribute(name, content)), this.attribute('Code', code)];
      methodBytes.push(
        ...u2(method.access ?? Opcodes.ACC_STATIC),
        ...u2(this.utf8(method.name ?? 'm')),
        ...u2(this.utf8(method.descriptor ?? '()V')),
        ...u2(attributes.length),
        ...attributes.flat(),
      );
    }
    const classAttributes = this.classAttributes.map(([name, content]) => this.attribute(name, content));
    const pool = this.pool.flat();
    return Uint8Array.from([
      ...u4(0xcafebabe),
      ...u2(0),
      ...u2(this.version),
      ...u2(this.pool.length + 1),
      ...pool,
      ...u2(Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER),
      ...u2(thisClass),
      ...u2(superClass),
      ...u2(0), // interfaces
      ...u2(0), // fields
      ...u2(this.methods.length),
      ...methodBytes,
      ...u2(classAttributes.length),
      ...classAttributes.flat(),
    ]);
  }
}

/** A class with one static method whose Code is `code` (and more, from `method`). */
function classWithCode(code: number[], method: Partial<MethodSpec> = {}, configure?: (builder: ClassFileBuilder) => void): Uint8Array {
  const builder = new ClassFileBuilder();
  configure?.(builder);
  builder.methods.push({ ...method, code });
  return builder.build();
}

/** Expects `action` to throw a ClassFormatError whose message matches `message` (if given). */
function expectClassFormatError(action: () => unknown, message?: RegExp): ClassFormatError {
  let thrown: unknown = null;
  try {
    action();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, 'expected a ClassFormatError').toBeInstanceOf(ClassFormatError);
  if (message !== undefined) expect((thrown as Error).message).toMatch(message);
  return thrown as ClassFormatError;
}

/** Reads with every option; the only error allowed is ClassFormatError. */
function expectReadFailsCleanly(bytes: Uint8Array, message?: RegExp): void {
  expectClassFormatError(() => acceptEverything(bytes), message);
}

/** A tiny deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ## Fixtures: Java sources covering every structure the reader handles

const FIXTURE_SOURCES: Record<string, string> = {
  'module-info.java': `
module fixture.reader {
  requires java.logging;
  requires static java.compiler;
  exports r;
  exports r.internal to java.logging;
  opens r.internal;
  uses r.Service;
  provides r.Service with r.internal.ServiceImpl;
}`,
  'r/Service.java': `package r; public interface Service { String name(); }`,
  'r/internal/ServiceImpl.java': `package r.internal; public class ServiceImpl implements r.Service { public String name() { return "impl"; } }`,
  'r/Values.java': `
package r;
import java.lang.annotation.*;
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
public @interface Values {
  byte b() default 1; short s() default -2; char c() default 'x'; int i() default 3; long j() default 4L;
  float f() default 5.5f; double d() default Double.NaN; boolean z() default true; String str() default "s";
  Class<?> cls() default Object.class; Thread.State e() default Thread.State.NEW; Deprecated ann() default @Deprecated;
  byte[] bs() default {1, 2}; short[] ss() default {}; char[] cs() default {'a'}; int[] is() default {1, 2, 3};
  long[] js() default {-1L}; float[] fs() default {Float.NaN, 1f}; double[] ds() default {0.5}; boolean[] zs() default {true, false};
  String[] strs() default {"a", "b"}; Class<?>[] clss() default {int.class, String[].class, void.class};
  Thread.State[] es() default {Thread.State.BLOCKED}; Deprecated[] anns() default {@Deprecated(since = "1")};
}`,
  'r/TypeUse.java': `
package r;
import java.lang.annotation.*;
@Retention(RetentionPolicy.RUNTIME) @Target({ElementType.TYPE_USE, ElementType.TYPE_PARAMETER})
public @interface TypeUse { int value() default 0; }`,
  'r/Invisible.java': `
package r;
import java.lang.annotation.*;
@Retention(RetentionPolicy.CLASS) @Target({ElementType.TYPE_USE, ElementType.METHOD, ElementType.PARAMETER})
public @interface Invisible {}`,
  'r/Shape.java': `
package r;
public sealed interface Shape permits Shape.Circle, Shape.Square {
  record Circle(@Values(i = 7) @TypeUse double radius) implements Shape {}
  record Square(java.util.List<@TypeUse String> sides) implements Shape {}
}`,
  'r/Everything.java': `
package r;
import java.io.*;
import java.util.*;
import java.util.function.*;

@Values(b = -128, s = 32767, c = '\\u00e9', i = Integer.MIN_VALUE, j = Long.MAX_VALUE, f = -0.0f, d = 1e300,
    z = false, str = "\\u0000\\uD83D\\uDE00", cls = int[][].class, e = Thread.State.WAITING, ann = @Deprecated(forRemoval = true),
    bs = {-1, 0, 127}, zs = {false}, fs = {Float.POSITIVE_INFINITY}, ds = {-0.0, Double.MIN_VALUE})
public class Everything<@TypeUse(1) T extends @TypeUse(2) Comparable<T>> extends @TypeUse(3) AbstractList<T>
    implements @TypeUse(4) Serializable, Cloneable {
  public static final int CONSTANT_INT = 42;
  public static final long CONSTANT_LONG = 1234567890123L;
  public static final float CONSTANT_FLOAT = Float.NaN;
  public static final double CONSTANT_DOUBLE = -0.0;
  public static final String CONSTANT_STRING = "text\\n";
  @Deprecated @Values @TypeUse(5) protected List<@TypeUse(6) String> field = new ArrayList<>();
  private transient volatile int counter;
  private final Object lock = new Object();

  public Everything() {}

  @Override public T get(int index) { return null; }
  @Override public int size() { return counter; }

  @Values(str = "method") @Invisible
  public <@TypeUse U extends Number> @TypeUse(7) String generic(@Values(i = 1) @Invisible final U value, @TypeUse(8) List<? extends @TypeUse(9) U> list)
      throws @TypeUse(10) IOException, IllegalStateException {
    @TypeUse(11) String local = (@TypeUse(12) String) String.valueOf(value);
    if (value instanceof @TypeUse(13) Integer) { local += new @TypeUse(14) StringBuilder("x"); }
    try (@TypeUse(15) StringReader reader = new StringReader(local)) {
      local += (char) reader.read();
    } catch (@TypeUse(16) IOException | RuntimeException exception) {
      throw new IllegalStateException(exception);
    } finally {
      counter++;
    }
    Function<Object, String> f = @TypeUse(17) String::valueOf;
    Supplier<List<String>> s = ArrayList<@TypeUse(18) String>::new;
    return local + f.apply(list) + s.get() + Collections.<@TypeUse(19) String>emptyList();
  }

  static int switches(int key, String text, Object object) {
    int result;
    switch (key) { case 1: result = 10; break; case 2: result = 20; break; case 3: result = 30; break; case 4: result = 5; break; default: result = -1; }
    switch (key) { case -100000: result += 1; break; case 7: result += 2; break; case 1000000: result += 3; break; default: break; }
    switch (text) { case "a": result *= 2; break; case "b": result *= 3; break; default: break; }
    long l = key * 3L; double d = l / 7.0; float fl = (float) d; short sh = (short) key; byte by = (byte) key; char ch = (char) key;
    result += (int) (l + d + fl + sh + by + ch);
    result += key > 5 ? 1 : key < -5 ? 2 : 3;
    int[][][] cube = new int[2][3][4];
    Object[] objects = new Object[key & 3];
    long[] longs = {1L, 2L};
    result += cube.length + objects.length + longs.length;
    if (object instanceof String str && !str.isEmpty()) result += str.length();
    for (int i = 0; i < 300; i += 100) result ^= i;
    result += 1000;
    synchronized (Everything.class) { result--; }
    return result;
  }

  static double wide(double a, long b) {
    double d0 = a, d1 = a + 1, d2 = a + 2, d3 = a + 3, d4 = a + 4, d5 = a + 5, d6 = a + 6, d7 = a + 7, d8 = a + 8, d9 = a + 9;
    double e0 = d0 + d9, e1 = d1 + d8, e2 = d2 + d7, e3 = d3 + d6, e4 = d4 + d5, e5 = e0 * e1, e6 = e2 * e3, e7 = e4 * e5;
    double f0 = e6 + e7, f1 = f0 * 2, f2 = f1 * 3, f3 = f2 * 4, f4 = f3 * 5, f5 = f4 * 6, f6 = f5 * 7, f7 = f6 * 8;
    double g0 = f7 + b, g1 = g0 + b, g2 = g1 + b, g3 = g2 + b, g4 = g3 + b, g5 = g4 + b, g6 = g5 + b, g7 = g6 + b;
    double h0 = g7 + 1, h1 = h0 + 1, h2 = h1 + 1, h3 = h2 + 1, h4 = h3 + 1, h5 = h4 + 1, h6 = h5 + 1, h7 = h6 + 1;
    double i0 = h7 + 1, i1 = i0 + 1, i2 = i1 + 1, i3 = i2 + 1, i4 = i3 + 1, i5 = i4 + 1, i6 = i5 + 1, i7 = i6 + 1;
    double j0 = i7 + 1, j1 = j0 + 1, j2 = j1 + 1, j3 = j2 + 1, j4 = j3 + 1, j5 = j4 + 1, j6 = j5 + 1, j7 = j6 + 1;
    double k0 = j7 + 1, k1 = k0 + 1, k2 = k1 + 1, k3 = k2 + 1, k4 = k3 + 1, k5 = k4 + 1, k6 = k5 + 1, k7 = k6 + 1;
    double l0 = k7 + 1, l1 = l0 + 1, l2 = l1 + 1, l3 = l2 + 1, l4 = l3 + 1, l5 = l4 + 1, l6 = l5 + 1, l7 = l6 + 1;
    double m0 = l7 + 1, m1 = m0 + 1, m2 = m1 + 1, m3 = m2 + 1, m4 = m3 + 1, m5 = m4 + 1, m6 = m5 + 1, m7 = m6 + 1;
    double n0 = m7 + 1, n1 = n0 + 1, n2 = n1 + 1, n3 = n2 + 1, n4 = n3 + 1, n5 = n4 + 1, n6 = n5 + 1, n7 = n6 + 1;
    double o0 = n7 + 1, o1 = o0 + 1, o2 = o1 + 1, o3 = o2 + 1, o4 = o3 + 1, o5 = o4 + 1, o6 = o5 + 1, o7 = o6 + 1;
    double p0 = o7 + 1, p1 = p0 + 1, p2 = p1 + 1, p3 = p2 + 1, p4 = p3 + 1, p5 = p4 + 1, p6 = p5 + 1, p7 = p6 + 1;
    double q0 = p7 + 1, q1 = q0 + 1, q2 = q1 + 1, q3 = q2 + 1, q4 = q3 + 1, q5 = q4 + 1, q6 = q5 + 1, q7 = q6 + 1;
    double r0 = q7; r0 += 1; int big = 0; big += 200; big -= 30000;
    return r0 + big;
  }

  class Inner { int outerSize() { return size(); } }
  static class Nested { private int secret = 1; }
  int nestmate(Nested nested) { return nested.secret; }

  Runnable anonymous() {
    return new Runnable() { public void run() { counter += 2; } };
  }

  enum Color { RED, GREEN { @Override public String toString() { return "g"; } } }

  public static void main(String[] args) throws Exception {
    Everything<Integer> e = new Everything<>();
    System.out.println(e.generic(5, List.of(1)) + " " + switches(2, "b", "xyz") + " " + switches(100000, "q", null));
    System.out.println(wide(1.5, 3) + " " + Color.GREEN + " " + new Shape.Circle(2).radius() + " " + new Shape.Square(List.of("a")));
    e.anonymous().run();
    System.out.println(e.size() + " " + e.nestmate(new Nested()) + " " + e.new Inner().outerSize() + " " + CONSTANT_FLOAT + CONSTANT_DOUBLE);
    Values values = Everything.class.getAnnotation(Values.class);
    System.out.println(values.s() + " " + values.c() + " " + values.str().length() + " " + Arrays.toString(values.ds()) + " " + values.e());
  }
}`,
};

// ## The suites

let workDir: string;
let fixtures: CompiledClass[];
let fixtureDir: string;

beforeAll(async () => {
  workDir = await makeTempDir('class-reader');
  const compiled = await compileJava(FIXTURE_SOURCES, { release: 17, options: ['-g', '-parameters'] });
  fixtures = compiled.classes;
  fixtureDir = compiled.dir;
});

afterAll(async () => {
  if (workDir !== undefined) await rm(workDir, { recursive: true, force: true });
});

function fixture(name: string): Uint8Array {
  const found = fixtures.find((compiledClass) => compiledClass.name === name);
  if (found === undefined) throw new Error(`no fixture class ${name}`);
  return found.bytes;
}

describe("reading javac's classes", () => {
  it('compiles the fixtures', () => {
    expect(fixtures.map((c) => c.name)).toEqual(
      expect.arrayContaining(['module-info', 'r/Everything', 'r/Everything$1', 'r/Everything$Color$1', 'r/Shape$Circle', 'r/Values']),
    );
  });

  it('copies every class byte for byte through new ClassWriter(reader, 0)', () => {
    for (const { name, bytes } of fixtures) {
      const reader = new ClassReader(bytes);
      const writer = new ClassWriter(reader, 0);
      reader.accept(writer, 0);
      expect(Buffer.from(writer.toByteArray()).equals(Buffer.from(bytes)), name).toBe(true);
    }
  });

  it('reads a full rewrite back to the same events, with every parsing option', () => {
    for (const { name, bytes } of fixtures) {
      for (const options of [0, ClassReader.EXPAND_FRAMES, ClassReader.SKIP_DEBUG, ClassReader.SKIP_FRAMES | ClassReader.SKIP_CODE]) {
        const reader = new ClassReader(bytes);
        const writer = new ClassWriter(0);
        reader.accept(writer, options);
        const rewritten = writer.toByteArray();
        expect(eventsOf(rewritten, options), `${name} with options ${options}`).toEqual(eventsOf(bytes, options));
      }
    }
  });

  it('produces full rewrites that HotSpot verifies and runs like the originals', async () => {
    const rewrittenDir = join(workDir, 'rewritten');
    for (const { name, bytes } of fixtures) {
      const reader = new ClassReader(bytes);
      const writer = new ClassWriter(0);
      reader.accept(writer, ClassReader.EXPAND_FRAMES);
      const path = join(rewrittenDir, `${name}.class`);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, writer.toByteArray());
    }
    const original = await runJava({ classpath: fixtureDir, mainClass: 'r.Everything', jvmArgs: ['-Xverify:all'] });
    const rewritten = await runJava({ classpath: rewrittenDir, mainClass: 'r.Everything', jvmArgs: ['-Xverify:all'] });
    expect(original.exitCode, original.stderr).toBe(0);
    expect(rewritten.stderr).toBe('');
    expect(rewritten.stdout).toBe(original.stdout);
    expect(rewritten.exitCode).toBe(0);
  });

  it('visits every kind of event', () => {
    const kinds = new Set<string>();
    for (const { bytes } of fixtures) {
      for (const event of eventsOf(bytes)) kinds.add(event.slice(0, event.indexOf('(')));
    }
    const expected = [
      'visit', 'visitSource', 'visitModule', 'mv.visitRequire', 'mv.visitExport', 'mv.visitOpen', 'mv.visitUse',
      'mv.visitProvide', 'mv.visitEnd', 'visitNestHost', 'visitOuterClass', 'visitAnnotation',
      'visitTypeAnnotation', 'visitNestMember', 'visitPermittedSubclass', 'visitInnerClass', 'visitRecordComponent',
      'rv.visitAnnotation', 'rv.visitTypeAnnotation', 'rv.visitEnd', 'visitField', 'fv.visitAnnotation',
      'fv.visitTypeAnnotation', 'fv.visitEnd', 'visitMethod', 'visitParameter', 'visitAnnotationDefault',
      'm.visitAnnotation', 'm.visitTypeAnnotation', 'visitAnnotableParameterCount', 'visitParameterAnnotation',
      'visitCode', 'visitFrame', 'visitInsn', 'visitIntInsn', 'visitVarInsn', 'visitTypeInsn', 'visitFieldInsn',
      'visitMethodInsn', 'visitInvokeDynamicInsn', 'visitJumpInsn', 'visitLabel', 'visitLdcInsn', 'visitIincInsn',
      'visitTableSwitchInsn', 'visitLookupSwitchInsn', 'visitMultiANewArrayInsn', 'visitInsnAnnotation',
      'visitTryCatchBlock', 'visitTryCatchAnnotation', 'visitLocalVariable', 'visitLocalVariableAnnotation',
      'visitLineNumber', 'visitMaxs', 'm.visitEnd', 'visitEnd', 'av.visit', 'av.visitEnum', 'av.visitAnnotation',
      'av.visitArray', 'av.visitEnd',
    ];
    expect(expected.filter((kind) => !kinds.has(kind))).toEqual([]);
  });

  it('visits annotation values with their Java types and exact bits', () => {
    const events = eventsOf(fixture('r/Everything'));
    const missing = (expected: string[], actual: string[]): string[] => expected.filter((e) => !actual.includes(e));
    expect(
      missing([
        'av.visit("b", B(-128))',
        'av.visit("s", S(32767))',
        'av.visit("c", C(233))',
        'av.visit("i", -2147483648)',
        'av.visit("j", 9223372036854775807L)',
        `av.visit("f", F(${new Float(-0).bits}))`,
        `av.visit("d", D(${new Double(1e300).bits}))`,
        'av.visit("z", false)',
        'av.visit("str", "\\u0000😀")',
        'av.visit("cls", Type([[I))',
        'av.visitEnum("e", "Ljava/lang/Thread$State;", "WAITING")',
        'av.visit("bs", Int8Array[-1,0,127])',
        'av.visit("zs", [false])',
        `av.visit("fs", float[${new Float(Infinity).bits}])`,
        `av.visit("ds", double[${new Double(-0).bits},${new Double(Number.MIN_VALUE).bits}])`,
        `visitField(25, "CONSTANT_FLOAT", "F", null, F(${new Float(NaN).bits}))`,
        `visitField(25, "CONSTANT_DOUBLE", "D", null, D(${new Double(-0).bits}))`,
        'visitField(25, "CONSTANT_LONG", "J", null, 1234567890123L)',
        'visitField(25, "CONSTANT_STRING", "Ljava/lang/String;", null, "text\\n")',
      ], events),
    ).toEqual([]);
    const defaults = eventsOf(fixture('r/Values'));
    expect(
      missing([
        `av.visit(null, D(${new Double(NaN).bits}))`,
        'av.visit(null, Uint16Array[97])',
        'av.visit(null, BigInt64Array[-1])',
        `av.visit(null, float[${new Float(NaN).bits},${new Float(1).bits}])`,
        'av.visit(null, Int32Array[1,2,3])',
        'av.visit(null, [true,false])',
      ], defaults),
    ).toEqual([]);
  });
});

describe('parsing options', () => {
  it('SKIP_DEBUG drops the source, line numbers, local variables and parameters', () => {
    const events = eventsOf(fixture('r/Everything'), ClassReader.SKIP_DEBUG).join('\n');
    expect(events).not.toMatch(/^(visitSource|visitLineNumber|visitLocalVariable|visitParameter)\(/m);
    expect(events).toMatch(/^visitLocalVariableAnnotation\(/m);
  });

  it('SKIP_CODE drops the Code attributes, SKIP_FRAMES the frames', () => {
    expect(eventsOf(fixture('r/Everything'), ClassReader.SKIP_CODE).join('\n')).not.toMatch(/^(visitCode|visitInsn|visitMaxs)\(/m);
    expect(eventsOf(fixture('r/Everything'), ClassReader.SKIP_FRAMES).join('\n')).not.toMatch(/^visitFrame\(/m);
  });

  it('EXPAND_FRAMES visits every frame as F_NEW with all its locals', () => {
    const compressed = eventsOf(fixture('r/Everything')).filter((e) => e.startsWith('visitFrame('));
    const expanded = eventsOf(fixture('r/Everything'), ClassReader.EXPAND_FRAMES).filter((e) => e.startsWith('visitFrame('));
    expect(compressed.some((e) => !e.startsWith('visitFrame(-1,'))).toBe(true);
    expect(expanded.length).toBe(compressed.length);
    expect(expanded.every((e) => e.startsWith('visitFrame(-1,'))).toBe(true);
    // The implicit first frame of an instance method holds `this`.
    expect(expanded.join('\n')).toContain('"r/Everything"');
  });
});

describe('the ClassReader API', () => {
  it('gives the class header without a visit', () => {
    const reader = new ClassReader(fixture('r/Everything'));
    expect(reader.getClassName()).toBe('r/Everything');
    expect(reader.getSuperName()).toBe('java/util/AbstractList');
    expect(reader.getInterfaces()).toEqual(['java/io/Serializable', 'java/lang/Cloneable']);
    expect(reader.getAccess() & Opcodes.ACC_PUBLIC).toBe(Opcodes.ACC_PUBLIC);
    expect(new ClassReader(fixture('module-info')).getSuperName()).toBeNull();
    expect(reader.getItemCount()).toBeGreaterThan(10);
    expect(reader.readClass(reader.header + 2)).toBe('r/Everything');
    // The ASM idiom for Attribute subclasses: an entry's offset, then the Utf8 index it holds.
    expect(reader.readUTF8(reader.getItem(reader.readUnsignedShort(reader.header + 2)), null)).toBe('r/Everything');
    expect(reader.readConst(reader.readUnsignedShort(reader.header + 2), null)).toEqual(Type.getObjectType('r/Everything'));
  });

  it('reads a class file inside a larger buffer, and from a Node Buffer', () => {
    const bytes = fixture('r/Shape$Circle');
    const padded = new Uint8Array(bytes.length + 20);
    padded.set(bytes, 7);
    const events = eventsOf(bytes);
    const visitor = new RecordingClassVisitor();
    new ClassReader(padded, 7, bytes.length).accept(visitor, 0);
    expect(visitor.recorder.events).toEqual(events);
    expect(eventsOf(Buffer.from(bytes))).toEqual(events);
    expectClassFormatError(() => new ClassReader(padded, 7, bytes.length + 14), /outside the/);
    expectClassFormatError(() => new ClassReader(padded, 7, bytes.length - 1), /expected/);
  });

  it('accepts class versions 45 to 69 (Java 25), preview minor versions included', () => {
    const builder = new ClassFileBuilder();
    builder.methods.push({ code: [Opcodes.RETURN] });
    const bytes = builder.build();
    for (const [minor, major] of [[3, 45], [0, 52], [0, 69], [0xffff, 69]] as const) {
      bytes.set([...u2(minor), ...u2(major)], 4);
      expect(eventsOf(bytes)[0]).toBe(`visit(${(minor << 16) | major}, 33, "T", null, "java/lang/Object", [])`);
    }
    bytes.set(u2(70), 6);
    expectClassFormatError(() => new ClassReader(bytes), /Unsupported class file major version 70/);
    bytes.set(u2(44), 6);
    expectClassFormatError(() => new ClassReader(bytes), /Unsupported class file major version 44/);
  });

  it('expands the long jumps ClassWriter writes with ASM-specific opcodes (EXPAND_ASM_INSNS)', async () => {
    const classes: Record<string, Uint8Array> = {};
    for (const [name, version, flags] of [
      ['LongJump5', Opcodes.V1_5, 0],
      ['LongJump8', Opcodes.V1_8, ClassWriter.COMPUTE_FRAMES],
    ] as const) {
      const writer = new ClassWriter(flags);
      writer.visit(version, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, name, null, 'java/lang/Object', null);
      for (const method of ['ifeq', 'goto']) {
        const mv = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, method, '(I)I', null, null)!;
        mv.visitCode();
        const far = new Label();
        mv.visitVarInsn(Opcodes.ILOAD, 0);
        if (method === 'ifeq') {
          mv.visitJumpInsn(Opcodes.IFEQ, far);
        } else {
          const near = new Label();
          mv.visitJumpInsn(Opcodes.IFNE, near);
          mv.visitJumpInsn(Opcodes.GOTO, far);
          mv.visitLabel(near);
          if (version >= Opcodes.V1_6) mv.visitFrame(Opcodes.F_SAME, 0, null, 0, null);
        }
        // 33,000 bytes of code: the jump to `far` needs more than a signed 16-bit offset.
        for (let i = 0; i < 11000; i++) mv.visitIincInsn(0, 1);
        mv.visitVarInsn(Opcodes.ILOAD, 0);
        mv.visitInsn(Opcodes.IRETURN);
        mv.visitLabel(far);
        if (version >= Opcodes.V1_6) mv.visitFrame(Opcodes.F_SAME, 0, null, 0, null);
        mv.visitInsn(Opcodes.ICONST_M1);
        mv.visitInsn(Opcodes.IRETURN);
        mv.visitMaxs(1, 1);
        mv.visitEnd();
      }
      const main = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, 'main', '([Ljava/lang/String;)V', null, null)!;
      main.visitCode();
      for (const [method, argument] of [['ifeq', 0], ['ifeq', 5], ['goto', 0], ['goto', 5]] as const) {
        main.visitFieldInsn(Opcodes.GETSTATIC, 'java/lang/System', 'out', 'Ljava/io/PrintStream;');
        main.visitIntInsn(Opcodes.BIPUSH, argument);
        main.visitMethodInsn(Opcodes.INVOKESTATIC, name, method, '(I)I', false);
        main.visitMethodInsn(Opcodes.INVOKEVIRTUAL, 'java/io/PrintStream', 'println', '(I)V', false);
      }
      main.visitInsn(Opcodes.RETURN);
      main.visitMaxs(2, 1);
      main.visitEnd();
      writer.visitEnd();
      const bytes = writer.toByteArray();
      classes[name] = bytes;
      const events = eventsOf(bytes);
      // No ASM-specific opcode is left; read back without the internal option, each GOTO_W is
      // visited as a GOTO (as in ASM), and the IFEQ became IFNE over a GOTO_W.
      expect(events.some((e) => /^visit(Jump)?Insn\((20[2-9]|21\d|220),/.test(e))).toBe(false);
      expect(events.filter((e) => e.startsWith('visitJumpInsn(167,')).length).toBe(2);
      expect(events.filter((e) => e.startsWith('visitJumpInsn(154,')).length).toBe(2);
    }
    const dir = join(workDir, 'long-jumps');
    await mkdir(dir, { recursive: true });
    for (const [name, bytes] of Object.entries(classes)) {
      await writeFile(join(dir, `${name}.class`), bytes);
      const result = await runJava({ classpath: dir, mainClass: name, jvmArgs: ['-Xverify:all'] });
      expect(result.stderr).toBe('');
      expect(result.stdout.split(/\r?\n/).filter(Boolean)).toEqual(['-1', '11005', '-1', '11005']);
    }
  });
});

describe('malformed class files throw ClassFormatError', () => {
  const TABLESWITCH = Opcodes.TABLESWITCH;
  const LOOKUPSWITCH = Opcodes.LOOKUPSWITCH;

  it('rejects bad headers and constant pools', () => {
    expectClassFormatError(() => new ClassReader(new Uint8Array(0)), /Truncated class file/);
    expectClassFormatError(() => new ClassReader(Uint8Array.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 52, 0])), /Truncated/);
    const good = classWithCode([Opcodes.RETURN]);
    const badMagic = good.slice();
    badMagic[0] = 0xcb;
    expectClassFormatError(() => new ClassReader(badMagic), /magic/);
    const zeroCount = good.slice();
    zeroCount.set(u2(0), 8);
    expectClassFormatError(() => new ClassReader(zeroCount), /constant_pool_count/);
    const badTag = good.slice();
    badTag[10] = 2;
    expectClassFormatError(() => new ClassReader(badTag), /Unknown constant pool tag 2/);
    const longUtf8 = good.slice();
    longUtf8.set(u2(0xfff0), 11);
    expectClassFormatError(() => new ClassReader(longUtf8));
  });

  it('rejects invalid constant pool indices and wrong entry kinds', () => {
    // this_class designating a Utf8, index 0, an index past the pool, the slot after a Long.
    const builder = new ClassFileBuilder();
    builder.methods.push({ code: [Opcodes.RETURN] });
    const bytes = builder.build();
    const reader = new ClassReader(bytes);
    const thisClassOffset = reader.header + 2;
    for (const [index, message] of [
      [1, /should designate a CONSTANT_Class, but it is a CONSTANT_Utf8/],
      [0, /out of range/],
      [0xfff0, /out of range/],
    ] as const) {
      const patched = bytes.slice();
      patched.set(u2(index), thisClassOffset);
      expectReadFailsCleanly(patched, message);
    }
    const withLong = classWithCode([Opcodes.LDC, 0, Opcodes.POP, Opcodes.RETURN], {}, (b) => {
      const longIndex = b.raw([5, ...u4(0), ...u4(7)]);
      expect(longIndex).toBe(1);
    });
    // ldc #2: the unusable slot after the Long.
    const ldcOffset = withLong.indexOf(Opcodes.LDC, new ClassReader(withLong).header);
    withLong[ldcOffset + 1] = 2;
    expectReadFailsCleanly(withLong, /unusable slot/);
    // ldc of a Utf8 entry.
    const ldcUtf8 = classWithCode([Opcodes.LDC, 1, Opcodes.POP, Opcodes.RETURN], {}, (b) => b.utf8('x'));
    expectReadFailsCleanly(ldcUtf8, /loadable constant/);
    // invokestatic of a Fieldref.
    const builder2 = new ClassFileBuilder();
    const fieldRef = builder2.raw([9, ...u2(builder2.classRef('T')), ...u2(builder2.nameAndType('f', 'I'))]);
    builder2.methods.push({ code: [Opcodes.INVOKESTATIC, ...u2(fieldRef), Opcodes.RETURN] });
    const fieldAsMethod = builder2.build();
    expectReadFailsCleanly(fieldAsMethod, /CONSTANT_Methodref/);
  });

  it('rejects impossible code lengths and switch tables before allocating', () => {
    expectReadFailsCleanly(classWithCode([Opcodes.RETURN], { codeLength: 0xffffffff }), /code_length/);
    expectReadFailsCleanly(classWithCode([Opcodes.RETURN], { codeLength: 0x7fffffff }), /code_length/);
    const table = (low: number, high: number): number[] => [TABLESWITCH, 0, 0, 0, ...u4(16), ...u4(low), ...u4(high), Opcodes.RETURN];
    expectReadFailsCleanly(classWithCode([Opcodes.ICONST_0, ...table(5, 1)].slice(0, 16)), /tableswitch/);
    expectReadFailsCleanly(classWithCode([...table(5, 1)]), /tableswitch/);
    expectReadFailsCleanly(classWithCode([...table(0, 0x7ffffff0)]), /tableswitch/);
    expectReadFailsCleanly(classWithCode([...table(-0x80000000, 0x7fffffff)]), /tableswitch/);
    const lookup = (npairs: number): number[] => [LOOKUPSWITCH, 0, 0, 0, ...u4(12), ...u4(npairs), Opcodes.RETURN];
    expectReadFailsCleanly(classWithCode(lookup(-1)), /lookupswitch/);
    expectReadFailsCleanly(classWithCode(lookup(0x7fffffff)), /lookupswitch/);
    // A valid table for comparison.
    expect(() => acceptEverything(classWithCode([Opcodes.ICONST_0, TABLESWITCH, 0, 0, ...u4(15), ...u4(1), ...u4(1), ...u4(15), Opcodes.RETURN]))).not.toThrow();
  });

  it('rejects unknown opcodes, truncated instructions and out-of-code offsets', () => {
    for (const opcode of [0xba + 0x10, 0xcb, 0xd8, 0xdc, 0xfe, 0xff]) {
      expectReadFailsCleanly(classWithCode([opcode, Opcodes.RETURN]), /opcode/);
    }
    expectReadFailsCleanly(classWithCode([0xc4, Opcodes.NOP, 0, 1, Opcodes.RETURN]), /after wide/);
    expectReadFailsCleanly(classWithCode([Opcodes.BIPUSH]), /last instruction/);
    expectReadFailsCleanly(classWithCode([Opcodes.GOTO, ...u2(-5)]), /bytecode offset -5/);
    expectReadFailsCleanly(classWithCode([Opcodes.GOTO, ...u2(100)]), /bytecode offset 100/);
    expectReadFailsCleanly(classWithCode([0xc8, ...u4(0x7fffffff)]), /bytecode offset/);
    expectReadFailsCleanly(classWithCode([Opcodes.RETURN], { exceptionTable: [[0, 0, 0, 1, 0, 50, 0, 0]] }), /bytecode offset 50/);
    expectReadFailsCleanly(
      classWithCode([Opcodes.RETURN], { codeAttributes: [['LineNumberTable', [...u2(1), ...u2(9), ...u2(1)]]] }),
      /bytecode offset 9/,
    );
    expectReadFailsCleanly(
      classWithCode([Opcodes.RETURN], { codeAttributes: [['LineNumberTable', [...u2(3), ...u2(0), ...u2(1)]]] }),
      /LineNumberTable/,
    );
  });

  it('checks offsets against the code being read, whatever methods were read before', () => {
    // The reader keeps one labels array between methods (longer than most codes): an offset past
    // this method's code must still be rejected, naming this code's range.
    const branching = classWithCode([Opcodes.ICONST_0, Opcodes.IFEQ, ...u2(4), Opcodes.NOP, Opcodes.RETURN]);
    const rewrite = (bytes: Uint8Array): Uint8Array => {
      const writer = new ClassWriter(0);
      new ClassReader(bytes).accept(writer, 0);
      return writer.toByteArray();
    };
    const rewrittenFirst = rewrite(branching);
    const longCode = [...new Array<number>(1000).fill(Opcodes.NOP), Opcodes.RETURN];
    expect(() => acceptEverything(classWithCode(longCode))).not.toThrow();
    expectReadFailsCleanly(classWithCode([Opcodes.GOTO, ...u2(500), Opcodes.RETURN]), /bytecode offset 500 outside the method's code \[0, 4\]/);
    expectReadFailsCleanly(
      classWithCode([Opcodes.NOP, Opcodes.RETURN], { codeAttributes: [['LineNumberTable', [...u2(1), ...u2(300), ...u2(1)]]] }),
      /bytecode offset 300 outside the method's code \[0, 2\]/,
    );
    // And a valid class read after the failures gets its labels right.
    expect(rewrite(branching)).toEqual(rewrittenFirst);
  });

  it('reads another class from inside a visit without mixing their labels', () => {
    const outer = classWithCode([Opcodes.ICONST_0, Opcodes.IFEQ, ...u2(4), Opcodes.NOP, Opcodes.RETURN]);
    const inner = classWithCode([Opcodes.ICONST_1, Opcodes.IFNE, ...u2(5), Opcodes.NOP, Opcodes.NOP, Opcodes.ICONST_0, Opcodes.POP, Opcodes.RETURN]);
    // In visitCode (before the outer method's labels are created) and in visitInsn (between the
    // jump and its target, while the reader still needs the outer labels), the visitor reads the
    // inner class to the end.
    const readInner = (): void => new ClassReader(inner).accept(new RecordingClassVisitor(), 0);
    class NestingClassVisitor extends ClassVisitor {
      override visitMethod(access: number, name: string, descriptor: string, signature: string | null, exceptions: string[] | null): MethodVisitor | null {
        const mv = super.visitMethod(access, name, descriptor, signature, exceptions);
        return new (class extends MethodVisitor {
          override visitCode(): void { readInner(); super.visitCode(); }
          override visitInsn(opcode: number): void { readInner(); super.visitInsn(opcode); }
        })(API, mv);
      }
    }
    const plain = new ClassWriter(0);
    new ClassReader(outer).accept(plain, 0);
    const nested = new ClassWriter(0);
    new ClassReader(outer).accept(new NestingClassVisitor(API, nested), 0);
    expect(nested.toByteArray()).toEqual(plain.toByteArray());
    // The jump still lands on the return (offset 5), the label the outer method was given.
    const code = nested.toByteArray();
    const ifeq = code.indexOf(Opcodes.IFEQ, new ClassReader(code).header);
    expect([...code.subarray(ifeq, ifeq + 5)]).toEqual([Opcodes.IFEQ, 0, 4, Opcodes.NOP, Opcodes.RETURN]);
  });

  it('rejects bad stack map frames', () => {
    const framed = (frames: number[], count = 1): Uint8Array =>
      classWithCode([Opcodes.BIPUSH, 5, Opcodes.POP, Opcodes.RETURN], {
        maxStack: 1,
        maxLocals: 1,
        codeAttributes: [['StackMapTable', [...u2(count), ...frames]]],
      });
    expect(() => acceptEverything(framed([2]))).not.toThrow();
    expectReadFailsCleanly(framed([128]), /reserved 128/);
    expectReadFailsCleanly(framed([64, 9]), /verification_type_info tag/);
    expectReadFailsCleanly(framed([64 + 1, 1]), /stack map frame at an instruction offset/);
    expectReadFailsCleanly(framed([255, ...u2(0), ...u2(5), 1, 1, 1, 1, 1, ...u2(0)]), /max_locals/);
    expectReadFailsCleanly(framed([255, ...u2(0), ...u2(0), ...u2(2), 1, 1]), /max_stack/);
    expectReadFailsCleanly(framed([247]), /fit in their attribute|verification_type_info/);
    expectReadFailsCleanly(framed([64, 8, ...u2(77)]), /bytecode offset 77/);
  });

  it('rejects bad annotations and type annotation targets', () => {
    const annotated = (attributeName: string, content: number[]): Uint8Array =>
      classWithCode([Opcodes.RETURN], {}, (b) => {
        b.classAttributes.push([attributeName, content]);
        b.utf8('LA;');
        b.utf8('v');
      });
    // utf8 #1 is "LA;" and #2 "v" (added first by the configure callback).
    expect(() => acceptEverything(annotated('RuntimeVisibleAnnotations', [...u2(1), ...u2(1), ...u2(1), ...u2(2), 0x73, ...u2(2)]))).not.toThrow();
    expectReadFailsCleanly(annotated('RuntimeVisibleAnnotations', [...u2(1), ...u2(1), ...u2(1), ...u2(2), 0x58, ...u2(2)]), /element_value tag/);
    expectReadFailsCleanly(annotated('RuntimeVisibleAnnotations', [...u2(1), ...u2(1), ...u2(1), ...u2(2), 0x49, ...u2(2)]), /CONSTANT_Integer/);
    expectReadFailsCleanly(annotated('RuntimeVisibleAnnotations', [...u2(1), ...u2(1), ...u2(1), ...u2(2), 0x73]), /element_value|fit|constant pool index 0/);
    // 2000 nested one-element arrays.
    const nested: number[] = [];
    for (let i = 0; i < 2000; i++) nested.push(0x5b, ...u2(1));
    nested.push(0x73, ...u2(2));
    expectReadFailsCleanly(annotated('RuntimeVisibleAnnotations', [...u2(1), ...u2(1), ...u2(1), ...u2(2), ...nested]), /nested/);
    expectReadFailsCleanly(annotated('RuntimeVisibleTypeAnnotations', [...u2(1), 0x99, 0, ...u2(1), ...u2(0)]), /target_type/);
    expectReadFailsCleanly(annotated('RuntimeVisibleTypeAnnotations', [...u2(1), 0x40, ...u2(0), 0, ...u2(1), ...u2(0)]), /localvar_target/);
  });

  it('rejects cyclic dynamic constants and missing bootstrap methods', () => {
    const condy = classWithCode([Opcodes.LDC, 0, Opcodes.POP, Opcodes.RETURN], { maxStack: 1 }, (b) => {
      const bsm = b.methodRef('T', 'bsm', '(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;I)I');
      const handle = b.raw([15, 6, ...u2(bsm)]);
      const dynamic = b.raw([17, ...u2(0), ...u2(b.nameAndType('c', 'I'))]);
      // bootstrap_methods[0] = handle with the dynamic constant itself as its argument.
      b.classAttributes.push(['BootstrapMethods', [...u2(1), ...u2(handle), ...u2(1), ...u2(dynamic)]]);
      b.methods.push({ name: 'x', code: [Opcodes.LDC, dynamic, Opcodes.POP, Opcodes.RETURN] });
    });
    expectReadFailsCleanly(condy, /cyclic/);
    const noBootstrapMethods = classWithCode([Opcodes.RETURN], {}, (b) => {
      b.raw([18, ...u2(0), ...u2(b.nameAndType('run', '()V'))]);
    });
    expectClassFormatError(() => new ClassReader(noBootstrapMethods), /BootstrapMethods/);
  });

  it('rejects attributes longer than the class file', () => {
    const bytes = classWithCode([Opcodes.RETURN], {}, (b) => b.classAttributes.push(['Custom', [1, 2, 3]]));
    // The last attribute's length is 4 bytes before its 3 bytes of content.
    bytes.set(u4(0x7fffffff), bytes.length - 7);
    expectClassFormatError(() => new ClassReader(bytes), /attribute/);
    bytes.set(u4(0xffffffff), bytes.length - 7);
    expectClassFormatError(() => new ClassReader(bytes), /attribute/);
  });

  it('throws ClassFormatError for every truncation of real classes', () => {
    for (const name of ['r/Shape$Circle', 'r/Service', 'module-info', 'r/TypeUse']) {
      const bytes = fixture(name);
      for (let length = 0; length < bytes.length; length++) {
        expectReadFailsCleanly(bytes.subarray(0, length));
      }
    }
  });

  it('reads damaged classes (seeded mutations) fine or throws ClassFormatError, quickly', () => {
    const random = prng(20261122);
    const seeds = fixtures.map((c) => c.bytes).filter((bytes) => bytes.length < 20000);
    let failures = 0;
    for (let i = 0; i < 1500; i++) {
      const bytes = seeds[Math.floor(random() * seeds.length)]!.slice();
      const mutations = 1 + Math.floor(random() * 4);
      for (let m = 0; m < mutations; m++) {
        const position = Math.floor(random() * bytes.length);
        const kind = random();
        bytes[position] = kind < 0.3 ? bytes[position]! ^ (1 << Math.floor(random() * 8)) : kind < 0.5 ? 0 : kind < 0.7 ? 0xff : Math.floor(random() * 256);
      }
      const start = performance.now();
      try {
        acceptEverything(bytes);
      } catch (error) {
        if (!(error instanceof ClassFormatError)) {
          failures++;
          expect.soft(error, `case ${i}`).toBeInstanceOf(ClassFormatError);
        }
      }
      expect(performance.now() - start, `case ${i}`).toBeLessThan(2000);
    }
    expect(failures).toBe(0);
  });
});

describe('descriptor checks (JVMS §4.3)', () => {
  function classWith(member: 'method' | 'field', descriptor: string): Uint8Array {
    const writer = new ClassWriter(0);
    writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_ABSTRACT, 'p/C', null, 'java/lang/Object', null);
    if (member === 'method') {
      writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_ABSTRACT, 'm', descriptor, null, null).visitEnd();
    } else {
      writer.visitField(Opcodes.ACC_PUBLIC, 'f', descriptor, null, null).visitEnd();
    }
    writer.visitEnd();
    return writer.toByteArray();
  }
  function descriptorsSeen(bytes: Uint8Array): string[] {
    const seen: string[] = [];
    new ClassReader(bytes).accept(
      new (class extends ClassVisitor {
        constructor() {
          super(Opcodes.ASM9);
        }
        override visitMethod(_a: number, _n: string, descriptor: string) {
          seen.push(descriptor);
          return null;
        }
        override visitField(_a: number, _n: string, descriptor: string) {
          seen.push(descriptor);
          return null;
        }
      })(),
      0,
    );
    return seen;
  }
  const dims = (n: number) => '['.repeat(n);
  const validMethods = ['()V', '(I)V', '([[Ljava/lang/String;JD)Lx/Y;', '(Lé/ü;)[I', `(${dims(255)}I)V`, '()J'];
  const invalidMethods = ['', '(', '()', '()VV', '(L;)V', '(Lx)V', '(V)V', ')V', '(I', `(${dims(256)}I)V`, '()[V', '()Lx;;', 'I', '(I)V '];
  const validFields = ['I', 'Lx;', '[[J', 'Lé;', `${dims(255)}Z`];
  const invalidFields = ['V', 'L;', 'Lx', 'II', '[', 'Lx;I', `${dims(256)}I`, '(I)V'];

  it('accepts valid method and field descriptors, ASCII or not', () => {
    for (const d of validMethods) expect(descriptorsSeen(classWith('method', d)), d).toEqual([d]);
    for (const d of validFields) expect(descriptorsSeen(classWith('field', d)), d).toEqual([d]);
  });

  it('rejects malformed ones with a ClassFormatError naming the descriptor', () => {
    for (const d of invalidMethods) {
      expect(() => descriptorsSeen(classWith('method', d)), JSON.stringify(d)).toThrow(ClassFormatError);
      expect(() => descriptorsSeen(classWith('method', d))).toThrow(/a method descriptor/);
    }
    for (const d of invalidFields) {
      expect(() => descriptorsSeen(classWith('field', d)), JSON.stringify(d)).toThrow(/a field descriptor/);
    }
  });
});
