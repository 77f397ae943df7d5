// A visitor that wraps every method and field and changes nothing, over a ClassWriter that copies its reader's
// pool (the shape of every instrumenting transform, for the members it leaves alone): each member is re-encoded
// from its events, and must come back byte for byte, its attributes and its Code attribute's in the source's order
// (src/asm/source-attribute-order.ts; ASM writes them in an order of its own). What the visitor API cannot
// carry stays out of reach: an empty LocalVariableTable (no event), a non-canonical instruction form
// (`aload 0` for `aload_0`), a second twin constant (see copy-path-hints.test.ts).

import { describe, expect, it } from 'vitest';
import { ClassReader } from '../src/asm/class-reader.js';
import { ClassVisitor } from '../src/asm/class-visitor.js';
import { ClassWriter } from '../src/asm/class-writer.js';
import { FieldVisitor } from '../src/asm/field-visitor.js';
import { MethodVisitor } from '../src/asm/method-visitor.js';
import { Opcodes } from '../src/asm/opcodes.js';
import { type RawAttribute, readRawClassFile, readRawCode } from '../src/classfile/raw-class-file.js';
import { ClassPath } from '../src/classpath/class-path.js';
import { ClassNode } from '../src/tree/class-node.js';
import { type CorpusClass, javaBaseClasses } from './support/corpus.js';
import { compileFixtureBuild, fixtureBuilds } from './support/fixture-builds.js';

class PassThrough extends ClassVisitor {
  constructor(cv: ClassVisitor) {
    super(Opcodes.ASM9, cv);
  }
  override visitMethod(...args: Parameters<ClassVisitor['visitMethod']>): MethodVisitor | null {
    return new MethodVisitor(Opcodes.ASM9, super.visitMethod(...args));
  }
  override visitField(...args: Parameters<ClassVisitor['visitField']>): FieldVisitor | null {
    return new FieldVisitor(Opcodes.ASM9, super.visitField(...args));
  }
}

const jdk = new ClassPath([]);

function passThrough(bytes: Uint8Array, flags = 0): Uint8Array {
  const reader = new ClassReader(bytes);
  const writer = new ClassWriter(reader, flags, { classPath: jdk });
  reader.accept(new PassThrough(writer), 0);
  return writer.toByteArray();
}

function same(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a).equals(Buffer.from(b));
}

function isEmptyDebugTable(attribute: RawAttribute): boolean {
  return (attribute.name === 'LocalVariableTable' || attribute.name === 'LineNumberTable') && attribute.length === 2;
}

/** Whether some method's Code attribute has an empty debug table (see isEmptyDebugTable). */
function hasEmptyDebugTable(bytes: Uint8Array): boolean {
  const raw = readRawClassFile(bytes);
  return raw.methods.some((method) =>
    method.attributes.some((a) => a.name === 'Code' && readRawCode(a, raw.constantPool).attributes.some(isEmptyDebugTable)),
  );
}

/** Whether two field or method references of the pool have the same class and NameAndType (JVMS §4.4.2). */
function hasTwinMemberReferences(bytes: Uint8Array): boolean {
  const seen = new Set<string>();
  for (const entry of readRawClassFile(bytes).constantPool.entries) {
    if (entry === null || (entry.kind !== 'Fieldref' && entry.kind !== 'Methodref' && entry.kind !== 'InterfaceMethodref')) continue;
    const key = `${entry.kind} ${entry.classIndex} ${entry.nameAndTypeIndex}`;
    if (seen.has(key)) return true;
    seen.add(key);
  }
  return false;
}

/**
 * The names of each method's attributes and of its Code attribute's, in order: what the reordering decides.
 * Empty LocalVariableTable and LineNumberTable attributes (JVMS §4.7.12-13) are left out: no visitor event
 * carries them, and the writer leaves them out.
 */
function attributeOrder(bytes: Uint8Array): string[] {
  const raw = readRawClassFile(bytes);
  return raw.methods.map((method) => {
    const names = method.attributes.map((a) => {
      if (a.name !== 'Code') return a.name;
      const codeAttributes = readRawCode(a, raw.constantPool).attributes.filter((c) => !isEmptyDebugTable(c));
      return `Code[${codeAttributes.map((c) => c.name).join(',')}]`;
    });
    return `${method.name}${method.descriptor}: ${names.join(',')}`;
  }).concat(raw.fields.map((field) => `${field.name}: ${field.attributes.map((a) => a.name).join(',')}`));
}

/** For each corpus, how many classes came back identical, and the attribute orders that did not match. */
function checkCorpus(
  classes: readonly CorpusClass[],
  flags = 0,
): { identical: number; withEmptyTables: number; others: string[]; misordered: string[] } {
  let identical = 0;
  let withEmptyTables = 0;
  const others: string[] = [];
  const misordered: string[] = [];
  for (const { name, bytes } of classes) {
    const out = passThrough(bytes, flags);
    if (same(out, bytes)) {
      identical++;
    } else if (hasEmptyDebugTable(bytes)) {
      withEmptyTables++;
    } else {
      others.push(name);
    }
    if (!same(out, bytes) && JSON.stringify(attributeOrder(out)) !== JSON.stringify(attributeOrder(bytes))) {
      misordered.push(name);
    }
  }
  return { identical, withEmptyTables, others, misordered };
}

describe('a pass-through visitor on the copy path', () => {
  it('returns the fixtures of every build with their attributes in order, nearly all byte for byte', async () => {
    for (const build of fixtureBuilds()) {
      if (build.skipReason !== null) continue;
      const { classes } = await compileFixtureBuild(build);
      const { identical, withEmptyTables, others, misordered } = checkCorpus(classes);
      expect(misordered, build.name).toEqual([]);
      expect(identical + withEmptyTables + others.length).toBe(classes.length);
      // The others: fixtures/core/anno/Annotated's try-catch type annotations, which the reader visits before
      // the instructions' (as ASM does), so the writer puts them first in RuntimeVisibleTypeAnnotations; and
      // classes with twin references (JDK 25's javac writes some), whose second twin becomes the first.
      for (const name of others) {
        const bytes = classes.find((c) => c.name === name)!.bytes;
        expect(name === 'fixtures/core/anno/Annotated' || hasTwinMemberReferences(bytes), `${build.name}: ${name}`).toBe(true);
      }
    }
  }, 120_000);

  it('returns java.base with its attributes in order, nearly all byte for byte', async () => {
    const classes = await javaBaseClasses();
    expect(classes.length).toBeGreaterThan(6000);
    const { identical, misordered } = checkCorpus(classes);
    expect(misordered).toEqual([]);
    // JDK 17: 6,328 of 6,426 (2,643 in ASM's attribute order); the others hold an empty debug table or twin
    // constants.
    expect(identical).toBeGreaterThan(classes.length * 0.98);
  }, 120_000);

  it('keeps the source order when the events are replayed from a tree, and under COMPUTE_FRAMES', async () => {
    const classes = (await javaBaseClasses()).filter((_, index) => index % 10 === 0);
    for (const { name, bytes } of classes) {
      const reader = new ClassReader(bytes);
      const node = new ClassNode();
      reader.accept(node, 0);
      const writer = new ClassWriter(reader, 0);
      node.accept(new PassThrough(writer));
      expect(attributeOrder(writer.toByteArray()), name).toEqual(attributeOrder(passThrough(bytes)));
      expect(attributeOrder(passThrough(bytes, ClassWriter.COMPUTE_FRAMES)), name).toEqual(attributeOrder(bytes));
    }
  }, 120_000);
});
