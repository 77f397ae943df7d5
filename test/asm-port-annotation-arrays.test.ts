// A port of `av.visit("ints", new int[] {1, 2})` to plain JavaScript writes `av.visit('ints', [1, 2])`. The writer
// took every plain array for a boolean[] (the one primitive array without a typed array) and wrote {true, true};
// the tree (AnnotationNode.accept) replays a plain array element by element, so a visitor and a tree transform
// wrote different annotations. A plain array is now written element by element as the tree does: an int[], a
// String[] and a boolean[] come out as javac writes them (the oracle: the same annotation compiled by javac), and
// Textifier prints them so (it printed {true, true}). CheckAnnotationAdapter still refuses a plain array that is not
// a boolean[], as ASM's refuses an Object array: checked code uses Int32Array and visitArray.

import { describe, expect, it } from 'vitest';
import {
  AnnotationVisitor,
  ClassNode,
  ClassReader,
  ClassVisitor,
  ClassWriter,
  Opcodes,
  StringWriter,
  TraceClassVisitor,
} from '../src/index.js';
import { compileJava } from './support/javac.js';

const SOURCES = {
  'A.java': `import java.lang.annotation.*;
@Retention(RetentionPolicy.RUNTIME) @interface A { int[] ints(); String[] names(); boolean[] flags(); }`,
  'K.java': `@A(ints = {1, 2}, names = {"a", "b"}, flags = {true, false}) public class K {}`,
};

function annotate(cv: ClassVisitor): void {
  cv.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, 'K', null, 'java/lang/Object', null);
  const av: AnnotationVisitor = cv.visitAnnotation('LA;', true)!;
  // Java: av.visit("ints", new int[] {1, 2}); String[] and boolean[] as a JS user writes them.
  av.visit('ints', [1, 2] as unknown as boolean[]);
  av.visit('names', ['a', 'b'] as unknown as boolean[]);
  av.visit('flags', [true, false]);
  av.visitEnd();
  cv.visitEnd();
}

function annotationText(bytes: Uint8Array): string {
  const sw = new StringWriter();
  new ClassReader(bytes).accept(new TraceClassVisitor(null, sw), 0);
  return sw.toString().split('\n').filter((line) => line.includes('@LA;')).join('\n');
}

describe('an annotation array given to visit as a plain JavaScript array', () => {
  it("is written as javac writes int[], String[] and boolean[] values", async () => {
    const { classes } = await compileJava(SOURCES);
    const javac = classes.find((c) => c.name === 'K')!.bytes;
    const writer = new ClassWriter(0);
    annotate(writer);
    expect(annotationText(writer.toByteArray())).toBe(annotationText(javac));
    expect(annotationText(javac)).toContain('ints={1, 2}');
  });

  it('gives the bytes the tree gives for the same calls', () => {
    const direct = new ClassWriter(0);
    annotate(direct);
    const node = new ClassNode();
    annotate(node);
    const viaTree = new ClassWriter(0);
    node.accept(viaTree);
    expect(Buffer.from(direct.toByteArray())).toEqual(Buffer.from(viaTree.toByteArray()));
  });

  it('is printed by Textifier as the class read back is', async () => {
    const { classes } = await compileJava(SOURCES);
    const javac = classes.find((c) => c.name === 'K')!.bytes;
    const printed = new StringWriter();
    annotate(new TraceClassVisitor(new ClassWriter(0), printed));
    const line = printed.toString().split('\n').filter((l) => l.includes('@LA;')).join('\n');
    expect(line).toBe(annotationText(javac));
  });
});
