// ClassWriter: classes written from scratch with the visitor API are checked by the JDK itself
// (javap parses them, java -Xverify:all runs them); the copy path returns javac's output byte for
// byte; getCommonSuperClass walks the class hierarchy given in the options.

import { execa } from 'execa';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Attribute } from '../src/asm/attribute.js';
import { ByteVector } from '../src/asm/byte-vector.js';
import { ClassReader } from '../src/asm/class-reader.js';
import { ClassTooLargeException } from '../src/asm/class-too-large-exception.js';
import { ClassVisitor } from '../src/asm/class-visitor.js';
import { type ClassHierarchy, ClassWriter } from '../src/asm/class-writer.js';
import type { FieldVisitor } from '../src/asm/field-visitor.js';
import { Handle } from '../src/asm/handle.js';
import { Byte, Character, Double, Float, Short } from '../src/asm/java-values.js';
import { Label } from '../src/asm/label.js';
import { ModuleVisitor } from '../src/asm/module-visitor.js';
import { Opcodes } from '../src/asm/opcodes.js';
import { Type } from '../src/asm/type.js';
import { compileJava, defaultJavaHome, makeTempDir, runJava } from './support/javac.js';

let workDir: string;

beforeAll(async () => {
  workDir = await makeTempDir('class-writer');
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

/** Writes classes (internal name → bytes) under a fresh directory and returns it. */
async function writeClasses(name: string, classes: Record<string, Uint8Array>): Promise<string> {
  const dir = join(workDir, name);
  for (const [internalName, bytes] of Object.entries(classes)) {
    const path = join(dir, internalName + '.class');
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, bytes);
  }
  return dir;
}

/** `javap -v -p` of the class file `className` (internal name) under `dir`. */
async function javap(dir: string, className: string): Promise<string> {
  const path = join(dir, className + '.class');
  const result = await execa(join(defaultJavaHome(), 'bin', 'javap'), ['-v', '-p', path], {
    reject: false,
    all: true,
  });
  expect(result.exitCode, result.all).toBe(0);
  return result.stdout;
}

function addDefaultConstructor(classWriter: ClassWriter, superName = 'java/lang/Object'): void {
  const mv = classWriter.visitMethod(Opcodes.ACC_PUBLIC, '<init>', '()V', null, null);
  mv.visitCode();
  mv.visitVarInsn(Opcodes.ALOAD, 0);
  mv.visitMethodInsn(Opcodes.INVOKESPECIAL, superName, '<init>', '()V', false);
  mv.visitInsn(Opcodes.RETURN);
  mv.visitMaxs(0, 0);
  mv.visitEnd();
}

describe('ClassWriter from scratch', () => {
  it('writes a program that HotSpot verifies and runs (COMPUTE_MAXS, constants, invokedynamic)', async () => {
    const classWriter = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    expect(classWriter.hasFlags(ClassWriter.COMPUTE_MAXS)).toBe(true);
    expect(classWriter.hasFlags(ClassWriter.COMPUTE_FRAMES)).toBe(false);
    classWriter.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, 'gen/Hello', null, 'java/lang/Object', null);
    classWriter.visitSource('Hello.gen', null);
    addDefaultConstructor(classWriter);
    const mv = classWriter.visitMethod(
      Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC,
      'main',
      '([Ljava/lang/String;)V',
      null,
      null,
    );
    mv.visitCode();
    const print = (push: () => void, descriptor: string): void => {
      mv.visitFieldInsn(Opcodes.GETSTATIC, 'java/lang/System', 'out', 'Ljava/io/PrintStream;');
      push();
      mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, 'java/io/PrintStream', 'println', `(${descriptor})V`, false);
    };
    print(() => mv.visitLdcInsn('Hello, world'), 'Ljava/lang/String;');
    print(() => mv.visitLdcInsn(123456789), 'I');
    print(() => mv.visitLdcInsn(-9007199254740993n), 'J');
    print(() => mv.visitLdcInsn(new Float(1.5)), 'F');
    print(() => mv.visitLdcInsn(new Double(-0.25)), 'D');
    print(() => mv.visitLdcInsn(Type.getObjectType('java/lang/Runnable')), 'Ljava/lang/Object;');
    // A loop with a backward jump: sum 1..10.
    const loop = new Label();
    const end = new Label();
    mv.visitInsn(Opcodes.ICONST_0);
    mv.visitVarInsn(Opcodes.ISTORE, 1);
    mv.visitIntInsn(Opcodes.BIPUSH, 10);
    mv.visitVarInsn(Opcodes.ISTORE, 2);
    // Version 52 needs stack map frames at jump targets (JVMS §4.10.1); COMPUTE_MAXS derives
    // max_stack from them.
    mv.visitLabel(loop);
    mv.visitFrame(Opcodes.F_APPEND, 2, [Opcodes.INTEGER, Opcodes.INTEGER], 0, null);
    mv.visitVarInsn(Opcodes.ILOAD, 2);
    mv.visitJumpInsn(Opcodes.IFLE, end);
    mv.visitVarInsn(Opcodes.ILOAD, 1);
    mv.visitVarInsn(Opcodes.ILOAD, 2);
    mv.visitInsn(Opcodes.IADD);
    mv.visitVarInsn(Opcodes.ISTORE, 1);
    mv.visitIincInsn(2, -1);
    mv.visitJumpInsn(Opcodes.GOTO, loop);
    mv.visitLabel(end);
    mv.visitFrame(Opcodes.F_SAME, 0, null, 0, null);
    print(() => mv.visitVarInsn(Opcodes.ILOAD, 1), 'I');
    // String concatenation through invokedynamic (BootstrapMethods attribute, JVMS §4.7.23).
    const concat = new Handle(
      Opcodes.H_INVOKESTATIC,
      'java/lang/invoke/StringConcatFactory',
      'makeConcatWithConstants',
      '(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;' +
        'Ljava/lang/String;[Ljava/lang/Object;)Ljava/lang/invoke/CallSite;',
      false,
    );
    print(() => {
      mv.visitLdcInsn('indy');
      mv.visitInvokeDynamicInsn('makeConcatWithConstants', '(Ljava/lang/String;)Ljava/lang/String;', concat, [
        '<\u0001> \u00e9\u4e2d\ud83d\ude00',
      ]);
    }, 'Ljava/lang/String;');
    mv.visitInsn(Opcodes.RETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
    classWriter.visitEnd();
    const dir = await writeClasses('hello', { 'gen/Hello': classWriter.toByteArray() });

    const result = await runJava({ classpath: dir, mainClass: 'gen.Hello', jvmArgs: ['-Xverify:all'] });
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n')).toEqual([
      'Hello, world',
      '123456789',
      '-9007199254740993',
      '1.5',
      '-0.25',
      'interface java.lang.Runnable',
      '55',
      '<indy> \u00e9\u4e2d\ud83d\ude00',
      '',
    ]);
  });

  it('writes fields, annotations and class attributes that javap reads back', async () => {
    const classWriter = new ClassWriter(0);
    classWriter.visit(
      Opcodes.V17,
      Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER | Opcodes.ACC_DEPRECATED,
      'gen/Attributes',
      'Ljava/lang/Object;Ljava/lang/Comparable<Lgen/Attributes;>;',
      'java/lang/Object',
      ['java/lang/Comparable'],
    );
    classWriter.visitSource('Attributes.java', 'SMAP\nAttributes.java\nJava\n*E\n');
    classWriter.visitNestMember('gen/Attributes$Inner');
    classWriter.visitInnerClass('gen/Attributes$Inner', 'gen/Attributes', 'Inner', Opcodes.ACC_STATIC);
    // A duplicate InnerClasses entry is dropped (JVMS §4.7.6: one entry per class).
    classWriter.visitInnerClass('gen/Attributes$Inner', 'gen/Attributes', 'Inner', Opcodes.ACC_STATIC);
    const annotation = classWriter.visitAnnotation('Lgen/Marker;', true);
    annotation.visit('i', 42);
    annotation.visit('z', true);
    annotation.visit('b', new Byte(-3));
    annotation.visit('c', new Character('x'));
    annotation.visit('s', new Short(300));
    annotation.visit('j', 1234567890123n);
    annotation.visit('f', new Float(2.5));
    annotation.visit('d', new Double(0.125));
    annotation.visit('str', 'text');
    annotation.visit('cls', Type.getType('Ljava/util/List;'));
    annotation.visit('ints', new Int32Array([1, 2, 3]));
    annotation.visitEnum('e', 'Ljava/lang/annotation/RetentionPolicy;', 'RUNTIME');
    const nested = annotation.visitAnnotation('n', 'Lgen/Nested;')!;
    nested.visit('v', 'inner');
    nested.visitEnd();
    const array = annotation.visitArray('arr')!;
    array.visit(null, 'a');
    array.visit(null, 'b');
    array.visitEnd();
    annotation.visitEnd();
    const fields: [string, string, unknown][] = [
      ['I', 'INT', 7],
      ['J', 'LONG', 1n << 40n],
      ['F', 'FLOAT', new Float(3.25)],
      ['D', 'DOUBLE', new Double(6.5)],
      ['Ljava/lang/String;', 'STRING', 'constant'],
    ];
    for (const [descriptor, name, value] of fields) {
      const fv = classWriter.visitField(
        Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC | Opcodes.ACC_FINAL,
        name,
        descriptor,
        null,
        value as never,
      );
      fv.visitEnd();
    }
    const listField = classWriter.visitField(
      Opcodes.ACC_PRIVATE | Opcodes.ACC_DEPRECATED,
      'list',
      'Ljava/util/List;',
      'Ljava/util/List<Ljava/lang/String;>;',
      null,
    );
    listField.visitAnnotation('Ljava/lang/Deprecated;', true)!.visitEnd();
    listField.visitEnd();
    addDefaultConstructor(classWriter);
    const compareTo = classWriter.visitMethod(Opcodes.ACC_PUBLIC, 'compareTo', '(Ljava/lang/Object;)I', null, null);
    compareTo.visitCode();
    compareTo.visitInsn(Opcodes.ICONST_0);
    compareTo.visitInsn(Opcodes.IRETURN);
    compareTo.visitMaxs(1, 2);
    compareTo.visitEnd();
    classWriter.visitEnd();
    const bytes = classWriter.toByteArray();
    const dir = await writeClasses('attributes', { 'gen/Attributes': bytes });
    const text = await javap(dir, 'gen/Attributes');

    expect(text).toContain('public class gen.Attributes extends java.lang.Object implements java.lang.Comparable<gen.Attributes>');
    expect(text).toContain('public static final int INT;');
    expect(text).toContain('ConstantValue: int 7');
    expect(text).toContain('ConstantValue: long 1099511627776l');
    expect(text).toContain('ConstantValue: float 3.25f');
    expect(text).toContain('ConstantValue: double 6.5d');
    expect(text).toContain('ConstantValue: String constant');
    expect(text).toContain('private java.util.List<java.lang.String> list;');
    expect(text).toMatch(/Deprecated: true[\s\S]*Deprecated: true/);
    expect(text).toContain('SourceFile: "Attributes.java"');
    expect(text).toContain('SourceDebugExtension:');
    expect(text).toContain('NestMembers:');
    expect(text).toMatch(/InnerClasses:\n\s+static #\d+= #\d+ of #\d+;\s+\/\/ Inner=class gen\/Attributes\$Inner of class gen\/Attributes\n\S/);
    // javap's raw form of the annotation: one element_value tag per kind (JVMS §4.7.16.1).
    expect(text).toMatch(
      /#\d+\(#\d+=I#\d+,#\d+=Z#\d+,#\d+=B#\d+,#\d+=C#\d+,#\d+=S#\d+,#\d+=J#\d+,#\d+=F#\d+,#\d+=D#\d+,#\d+=s#\d+,#\d+=c#\d+,#\d+=\[I#\d+,I#\d+,I#\d+\],#\d+=e#\d+\.#\d+,#\d+=@#\d+\(#\d+=s#\d+\),#\d+=\[s#\d+,s#\d+\]\)/,
    );
    for (const value of ['i=42', 'z=true', 'b=(byte) -3', "c='x'", 's=(short) 300', 'j=1234567890123l', 'f=2.5f', 'd=0.125d']) {
      expect(text).toContain(value);
    }

    // Reading it back and copying it gives the same bytes.
    const reader = new ClassReader(bytes);
    const copy = new ClassWriter(reader, 0);
    reader.accept(copy, 0);
    expect(Buffer.from(copy.toByteArray()).equals(Buffer.from(bytes))).toBe(true);
  });

  it('writes records, sealed hierarchies and module descriptors', async () => {
    const record = new ClassWriter(0);
    record.visit(
      Opcodes.V17,
      Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER | Opcodes.ACC_RECORD,
      'gen/Point',
      null,
      'java/lang/Record',
      ['gen/Shape'],
    );
    for (const name of ['x', 'y']) {
      const rc = record.visitRecordComponent(name, 'I', null);
      rc.visitAnnotation('Lgen/Marker;', false)!.visitEnd();
      rc.visitEnd();
      record.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_FINAL, name, 'I', null, null).visitEnd();
    }
    addDefaultConstructor(record, 'java/lang/Record');
    record.visitEnd();

    const shape = new ClassWriter(0);
    shape.visit(
      Opcodes.V17,
      Opcodes.ACC_PUBLIC | Opcodes.ACC_INTERFACE | Opcodes.ACC_ABSTRACT,
      'gen/Shape',
      null,
      'java/lang/Object',
      null,
    );
    shape.visitPermittedSubclass('gen/Point');
    shape.visitEnd();

    const moduleInfo = new ClassWriter(0);
    moduleInfo.visit(Opcodes.V17, Opcodes.ACC_MODULE, 'module-info', null, null, null);
    const module = moduleInfo.visitModule('gen.module', Opcodes.ACC_OPEN, '1.0');
    module.visitMainClass('gen/Point');
    module.visitPackage('gen');
    module.visitRequire('java.base', Opcodes.ACC_MANDATED, null);
    module.visitExport('gen', 0, null);
    module.visitUse('gen/Shape');
    module.visitProvide('gen/Shape', ['gen/Point']);
    module.visitEnd();
    moduleInfo.visitEnd();

    const dir = await writeClasses('records', {
      'gen/Point': record.toByteArray(),
      'gen/Shape': shape.toByteArray(),
      'module-info': moduleInfo.toByteArray(),
    });
    const pointText = await javap(dir, 'gen/Point');
    expect(pointText).toContain('public final class gen.Point extends java.lang.Record implements gen.Shape');
    expect(pointText).toMatch(/Record:\n\s+int x;\n\s+descriptor: I\n\s+RuntimeInvisibleAnnotations:/);
    const shapeText = await javap(dir, 'gen/Shape');
    expect(shapeText).toMatch(/PermittedSubclasses:\n\s+gen\/Point/);
    const moduleText = await javap(dir, 'module-info');
    expect(moduleText).toContain('open module gen.module@1.0');
    expect(moduleText).toContain('ModulePackages:');
    expect(moduleText).toContain('ModuleMainClass: #');
  });

  it('throws ClassTooLargeException when the constant pool overflows', () => {
    const classWriter = new ClassWriter(0);
    classWriter.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC, 'gen/Big', null, 'java/lang/Object', null);
    for (let i = 0; i < 70000; ++i) {
      classWriter.newUTF8('constant' + i);
    }
    let error: unknown = null;
    try {
      classWriter.toByteArray();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ClassTooLargeException);
    expect((error as ClassTooLargeException).getClassName()).toBe('gen/Big');
    expect((error as ClassTooLargeException).getConstantPoolCount()).toBeGreaterThan(65535);
  });

  it('returns class files that stay intact while later ones are written (small ones share output slabs)', () => {
    const write = (name: string, fieldCount: number): Uint8Array => {
      const writer = new ClassWriter(0);
      writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, name, null, 'java/lang/Object', null);
      for (let i = 0; i < fieldCount; ++i) writer.visitField(Opcodes.ACC_PUBLIC, `field${i}`, 'I', null, null);
      writer.visitEnd();
      return writer.toByteArray();
    };
    // Sizes from tens of bytes to past an output slab's largest allocation (16 KiB), and enough of them
    // to fill several slabs.
    const written = Array.from({ length: 400 }, (_, i) => ({ name: `p/C${i}`, fields: (i * 37) % 1500, bytes: write(`p/C${i}`, (i * 37) % 1500) }));
    const copies = written.map(({ bytes }) => bytes.slice());
    for (let i = 0; i < written.length; ++i) {
      const { name, fields, bytes } = written[i]!;
      expect(bytes, name).toEqual(copies[i]);
      const reader = new ClassReader(bytes);
      expect(reader.getClassName()).toBe(name);
      const names: string[] = [];
      reader.accept(new (class extends ClassVisitor {
        constructor() { super(Opcodes.ASM9); }
        override visitField(_access: number, fieldName: string): FieldVisitor | null { names.push(fieldName); return null; }
      })(), 0);
      expect(names.length).toBe(fields);
    }
    expect(written.some(({ bytes }) => bytes.byteOffset !== 0)).toBe(true);
  });

  it('deduplicates constants and bootstrap methods', () => {
    const classWriter = new ClassWriter(0);
    classWriter.visit(Opcodes.V11, Opcodes.ACC_PUBLIC, 'gen/Pool', null, 'java/lang/Object', null);
    expect(classWriter.newUTF8('x')).toBe(classWriter.newUTF8('x'));
    expect(classWriter.newClass('a/B')).toBe(classWriter.newClass('a/B'));
    expect(classWriter.newConst(5)).toBe(classWriter.newConst(5));
    expect(classWriter.newConst(5n)).not.toBe(classWriter.newConst(5));
    expect(classWriter.newConst(new Double(1))).toBe(classWriter.newConst(new Double(1)));
    expect(classWriter.newField('a/B', 'f', 'I')).toBe(classWriter.newField('a/B', 'f', 'I'));
    expect(classWriter.newMethod('a/B', 'm', '()V', false)).not.toBe(classWriter.newMethod('a/B', 'm', '()V', true));
    const bsm = new Handle(Opcodes.H_INVOKESTATIC, 'a/B', 'bsm', '()V', false);
    const first = classWriter.newInvokeDynamic('run', '()V', bsm, 1, 'two');
    expect(classWriter.newInvokeDynamic('run', '()V', bsm, 1, 'two')).toBe(first);
    expect(classWriter.newConstantDynamic('c', 'I', bsm, 1, 'two')).toBeGreaterThan(first);
    expect(classWriter.newHandle(Opcodes.H_INVOKEINTERFACE, 'a/I', 'm', '()V')).toBe(
      classWriter.newHandle(Opcodes.H_INVOKEINTERFACE, 'a/I', 'm', '()V', true),
    );
  });
});

describe('ClassWriter copy path', () => {
  const sources = {
    'p/Sample.java': `
      package p;
      import java.util.*;
      @Deprecated
      public class Sample<T extends Comparable<T>> implements Comparable<Sample<T>> {
        public static final long L = 42L;
        @Deprecated protected transient List<? super T> items = new ArrayList<>();
        private final Runnable r = () -> System.out.println(L);
        public int compareTo(Sample<T> other) { return items.size() - other.items.size(); }
        class Inner { int x = items.size(); }
        static class Nested { }
        record R(int a, @Deprecated String b) implements java.io.Serializable { }
        sealed interface S permits A, B { }
        final class A implements S { }
        non-sealed class B implements S { }
        enum E { ONE, TWO { public String toString() { return "2"; } } }
        Object anonymous() { return new Object() { public String toString() { return "anon"; } }; }
        String sw(String s) { switch (s) { case "a": return "A"; case "b": return "B"; default: return s + L; } }
      }`,
  };

  it('returns javac output byte for byte, and keeps the original class attribute order', async () => {
    const compiled = await compileJava(sources, { options: ['-g', '-parameters'] });
    expect(compiled.classes.length).toBeGreaterThan(8);
    for (const compiledClass of compiled.classes) {
      const reader = new ClassReader(compiledClass.bytes);
      const writer = new ClassWriter(reader, 0);
      reader.accept(writer, 0);
      const copy = writer.toByteArray();
      expect(Buffer.from(copy).equals(Buffer.from(compiledClass.bytes)), compiledClass.name).toBe(true);
    }
  });

  it('copies untouched fields raw while a renamed one is rewritten', async () => {
    const compiled = await compileJava(sources, { options: ['-g'] });
    const sample = compiled.classes.find((c) => c.name === 'p/Sample')!;
    const reader = new ClassReader(sample.bytes);
    const writer = new ClassWriter(reader, 0);
    reader.accept(
      new (class extends ClassVisitor {
        override visitField(
          access: number,
          name: string,
          descriptor: string,
          signature: string | null,
          value: never,
        ): FieldVisitor | null {
          return super.visitField(access, name === 'items' ? 'elements' : name, descriptor, signature, value);
        }
      })(Opcodes.ASM9, writer),
      0,
    );
    const dir = await writeClasses('renamed', { 'p/Sample': writer.toByteArray() });
    const text = await javap(dir, 'p/Sample');
    expect(text).toContain('protected transient java.util.List<? super T> elements;');
    expect(text).toContain('public static final long L;');
    expect(text).toContain('ConstantValue: long 42l');
  });
});

/** Copies `bytes` through `new ClassWriter(reader, 0)` with nothing changed. */
function copyClass(bytes: Uint8Array): Uint8Array {
  const reader = new ClassReader(bytes);
  const writer = new ClassWriter(reader, 0);
  reader.accept(writer, 0);
  return writer.toByteArray();
}

function u2(bytes: Uint8Array, offset: number): number {
  return (bytes[offset]! << 8) | bytes[offset + 1]!;
}

/** A non-standard attribute with fixed content. */
class RawAttribute extends Attribute {
  constructor(
    type: string,
    private readonly bytes: number[],
  ) {
    super(type);
  }

  override write(): ByteVector {
    return new ByteVector(new Uint8Array(this.bytes));
  }
}

/** A small class (one field, a constructor) with the given version, access and attributes. */
function smallClass(version: number, access: number, attributes: Attribute[] = []): Uint8Array {
  const classWriter = new ClassWriter(0);
  classWriter.visit(version, access | Opcodes.ACC_SUPER, 'gen/Small', null, 'java/lang/Object', null);
  classWriter.visitSource('Small.java', null);
  for (const attribute of attributes) {
    classWriter.visitAttribute(attribute);
  }
  classWriter.visitField(access | Opcodes.ACC_PRIVATE, 'field', 'I', null, null).visitEnd();
  addDefaultConstructor(classWriter);
  classWriter.visitEnd();
  return classWriter.toByteArray();
}

describe('ClassWriter copy path, beyond ASM', () => {
  it('keeps Synthetic attributes of a version 49+ class and of its fields', () => {
    // Written as version 48, where synthetic members carry a Synthetic attribute (JVMS §4.7.8) and
    // no ACC_SYNTHETIC flag, then relabelled version 52: ASM would drop the attributes and set
    // the flags instead.
    const bytes = smallClass(Opcodes.V1_4, Opcodes.ACC_SYNTHETIC);
    bytes[7] = Opcodes.V1_8;
    expect(Buffer.from(bytes).includes(Buffer.from('Synthetic'))).toBe(true);
    expect(Buffer.from(copyClass(bytes)).equals(Buffer.from(bytes))).toBe(true);
  });

  it('keeps the original order of the class attributes, non-standard ones included', () => {
    const bytes = smallClass(Opcodes.V1_8, 0, [new RawAttribute('First', [1, 2]), new RawAttribute('Second', [3])]);
    // Reverse the class attributes (the last part of the class file, JVMS §4.1).
    const firstAttributeOffset = new ClassReader(bytes).getFirstAttributeOffset();
    const attributes: Uint8Array[] = [];
    let offset = firstAttributeOffset;
    for (let i = u2(bytes, firstAttributeOffset - 2); i > 0; --i) {
      const length = 6 + ((bytes[offset + 2]! << 24) | (bytes[offset + 3]! << 16) | u2(bytes, offset + 4));
      attributes.push(bytes.slice(offset, offset + length));
      offset += length;
    }
    expect(attributes.length).toBe(3);
    const reordered = new Uint8Array(bytes.length);
    reordered.set(bytes.subarray(0, firstAttributeOffset));
    offset = firstAttributeOffset;
    for (const attribute of attributes.reverse()) {
      reordered.set(attribute, offset);
      offset += attribute.length;
    }
    expect(Buffer.from(reordered).equals(Buffer.from(bytes))).toBe(false);
    expect(Buffer.from(copyClass(reordered)).equals(Buffer.from(reordered))).toBe(true);
  });

  it('keeps an empty ModulePackages attribute at its original position', () => {
    // A module-info whose ModulePackages (JVMS §4.7.26) sits between Module and ModuleMainClass,
    // then patched to package_count 0 (as in some JDK module descriptors).
    const writer = new ClassWriter(0);
    writer.visit(Opcodes.V17, Opcodes.ACC_MODULE, 'module-info', null, null, null);
    const module = writer.visitModule('gen.module', 0, null);
    module.visitMainClass('gen/Main');
    module.visitPackage('gen');
    module.visitRequire('java.base', Opcodes.ACC_MANDATED, null);
    module.visitEnd();
    writer.visitEnd();
    const bytes = writer.toByteArray();
    const reader = new ClassReader(bytes);
    const names: string[] = [];
    let offset = reader.getFirstAttributeOffset();
    let patched: Buffer | null = null;
    for (let i = u2(bytes, offset - 2); i > 0; --i) {
      const name = reader.readUTF8(offset, new Array<string>(reader.getMaxStringLength()))!;
      const length = 6 + ((bytes[offset + 2]! << 24) | (bytes[offset + 3]! << 16) | u2(bytes, offset + 4));
      names.push(name);
      if (name === 'ModulePackages') {
        expect(length).toBe(10);
        // attribute_length 2, package_count 0, and no package_index.
        patched = Buffer.concat([
          bytes.subarray(0, offset + 2),
          Buffer.from([0, 0, 0, 2, 0, 0]),
          bytes.subarray(offset + length),
        ]);
      }
      offset += length;
    }
    expect(names).toEqual(['Module', 'ModulePackages', 'ModuleMainClass']);
    expect(patched).not.toBeNull();
    const packages: string[] = [];
    new ClassReader(patched!).accept(
      new (class extends ClassVisitor {
        override visitModule() {
          return new (class extends ModuleVisitor {
            override visitPackage(packaze: string) {
              packages.push(packaze);
            }
          })(Opcodes.ASM9);
        }
      })(Opcodes.ASM9),
      0,
    );
    expect(packages).toEqual([]);
    const copy = copyClass(patched!);
    expect(copy.length).toBe(patched!.length);
    expect(Buffer.from(copy).equals(patched!)).toBe(true);
  });

  it('refers to the first of duplicated constants, as the source did', () => {
    const bytes = smallClass(Opcodes.V1_8, 0);
    // Append a second Utf8 "gen/Small" and a second Class for it at the end of the pool.
    const header = new ClassReader(bytes).header;
    const constantPoolCount = u2(bytes, 8);
    const name = Buffer.from('gen/Small');
    const extra = Buffer.concat([
      Buffer.from([1, 0, name.length]),
      name,
      Buffer.from([7, constantPoolCount >> 8, constantPoolCount & 0xff]),
    ]);
    const patched = Buffer.concat([bytes.subarray(0, header), extra, bytes.subarray(header)]);
    patched.writeUInt16BE(constantPoolCount + 2, 8);
    expect(Buffer.from(copyClass(patched)).equals(patched)).toBe(true);
  });
});

describe('ClassWriter.getCommonSuperClass', () => {
  const hierarchy: ClassHierarchy = {
    getSuperName: (name) =>
      ({
        'java/lang/Object': null,
        'java/lang/Number': 'java/lang/Object',
        'java/lang/Integer': 'java/lang/Number',
        'java/lang/Long': 'java/lang/Number',
        'java/lang/String': 'java/lang/Object',
        'java/lang/Comparable': 'java/lang/Object',
      })[name],
    isInterface: (name) =>
      name === 'java/lang/Comparable'
        ? true
        : ['java/lang/Object', 'java/lang/Number', 'java/lang/Integer', 'java/lang/Long', 'java/lang/String'].includes(
              name,
            )
          ? false
          : undefined,
  };

  it('walks the class hierarchy given in the options', () => {
    const classWriter = new ClassWriter(ClassWriter.COMPUTE_FRAMES, { classPath: hierarchy });
    expect(classWriter.getCommonSuperClass('java/lang/Integer', 'java/lang/Long')).toBe('java/lang/Number');
    expect(classWriter.getCommonSuperClass('java/lang/Integer', 'java/lang/Number')).toBe('java/lang/Number');
    expect(classWriter.getCommonSuperClass('java/lang/Number', 'java/lang/Integer')).toBe('java/lang/Number');
    expect(classWriter.getCommonSuperClass('java/lang/Integer', 'java/lang/String')).toBe('java/lang/Object');
    expect(classWriter.getCommonSuperClass('java/lang/Integer', 'java/lang/Comparable')).toBe('java/lang/Object');
    expect(() => classWriter.getCommonSuperClass('java/lang/Integer', 'a/Missing')).toThrow(/a\/Missing/);
  });

  /** `hierarchy` with a count of the questions asked, and answersAreFixed as given. */
  function countingHierarchy(answersAreFixed: boolean): ClassHierarchy & { questions: number } {
    const counting = {
      questions: 0,
      answersAreFixed,
      getSuperName: (name: string) => (counting.questions++, hierarchy.getSuperName(name)),
      isInterface: (name: string) => (counting.questions++, hierarchy.isInterface(name)),
    };
    return counting;
  }

  it('walks a hierarchy whose answers are fixed once per pair of types, for every writer using it', () => {
    const fixed = countingHierarchy(true);
    const first = new ClassWriter(ClassWriter.COMPUTE_FRAMES, { classPath: fixed });
    expect(first.getCommonSuperClass('java/lang/Integer', 'java/lang/Long')).toBe('java/lang/Number');
    const asked = fixed.questions;
    expect(asked).toBeGreaterThan(0);
    const second = new ClassWriter(ClassWriter.COMPUTE_FRAMES, { classPath: fixed });
    expect(second.getCommonSuperClass('java/lang/Integer', 'java/lang/Long')).toBe('java/lang/Number');
    expect(fixed.questions).toBe(asked);
    // Another pair, or the same pair the other way round, is a new question.
    expect(second.getCommonSuperClass('java/lang/Long', 'java/lang/Integer')).toBe('java/lang/Number');
    expect(fixed.questions).toBeGreaterThan(asked);
    // A missing class is not remembered: the error comes each time.
    expect(() => first.getCommonSuperClass('java/lang/Integer', 'a/Missing')).toThrow(/a\/Missing/);
    expect(() => second.getCommonSuperClass('java/lang/Integer', 'a/Missing')).toThrow(/a\/Missing/);
  });

  it('asks any other hierarchy again (its answers may change, e.g. about classes being generated)', () => {
    const changing = countingHierarchy(false);
    new ClassWriter(ClassWriter.COMPUTE_FRAMES, { classPath: changing }).getCommonSuperClass('java/lang/Integer', 'java/lang/Long');
    const asked = changing.questions;
    new ClassWriter(ClassWriter.COMPUTE_FRAMES, { classPath: changing }).getCommonSuperClass('java/lang/Integer', 'java/lang/Long');
    expect(changing.questions).toBe(2 * asked);
  });

  it('says how to provide a hierarchy when there is none', () => {
    const classWriter = new ClassWriter(ClassWriter.COMPUTE_FRAMES);
    expect(() => classWriter.getCommonSuperClass('a/A', 'b/B')).toThrow(/a\/A and b\/B.*classPath/s);
  });

  it('can be overridden', () => {
    const classWriter = new (class extends ClassWriter {
      override getCommonSuperClass(_type1: string, _type2: string): string {
        return 'x/Y';
      }
    })(0);
    expect(classWriter.getCommonSuperClass('a/A', 'b/B')).toBe('x/Y');
  });
});
