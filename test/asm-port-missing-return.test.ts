// A plain JavaScript port of a Java visitor method that "returns null" to skip a member, written without the
// `return null` (`visitField(access, name, desc) { log(name); }`), returns undefined. The reader takes undefined as
// null, as the Java code meant — it skips the field, method, record component, module or annotation — where it used
// to call visitEnd on undefined ("Cannot read properties of undefined"). Oracle: the same visitor returning null.

import { describe, expect, it } from 'vitest';
import { ClassNode, ClassReader, ClassVisitor, ClassWriter, MethodVisitor, Opcodes } from '../src/index.js';
import { compileJava } from './support/javac.js';

const SOURCES = {
  'p/Ann.java': `package p;
import java.lang.annotation.*;
@Retention(RetentionPolicy.RUNTIME) @Target({ElementType.TYPE, ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
public @interface Ann { String value() default "d"; int[] ints() default {1, 2}; }`,
  'p/TypeAnn.java': `package p;
import java.lang.annotation.*;
@Retention(RetentionPolicy.RUNTIME) @Target(ElementType.TYPE_USE) public @interface TypeAnn {}`,
  'p/Annotated.java': `package p;
@Ann("c") public class Annotated {
  @Ann("f") public java.util.List<@TypeAnn String> f;
  @Ann("m") public @TypeAnn String m(@Ann("p") int x) {
    @TypeAnn String local = "s";
    try { return (@TypeAnn String) local; } catch (@TypeAnn RuntimeException e) { return null; }
  }
}`,
  'p/Point.java': `package p;
public record Point(@Ann("x") int x, int y) {}`,
  'module-info.java': `module m.a { requires java.base; exports p; }`,
};

/** Skips every second member and every annotation: returning null (Java), or returning nothing (JavaScript). */
function skipping(next: ClassVisitor, returnNothing: boolean): ClassVisitor {
  const skip = () => (returnNothing ? (undefined as unknown as null) : null);
  let count = 0;
  const methodSkipping = (mv: MethodVisitor | null) =>
    new (class extends MethodVisitor {
      override visitAnnotation() {
        return skip();
      }
      override visitParameterAnnotation() {
        return skip();
      }
      override visitAnnotationDefault() {
        return skip();
      }
      override visitTypeAnnotation() {
        return skip();
      }
      override visitInsnAnnotation() {
        return skip();
      }
      override visitTryCatchAnnotation() {
        return skip();
      }
      override visitLocalVariableAnnotation() {
        return skip();
      }
    })(Opcodes.ASM9, mv);
  return new (class extends ClassVisitor {
    override visitAnnotation() {
      return skip();
    }
    override visitTypeAnnotation() {
      return skip();
    }
    override visitModule() {
      return skip();
    }
    override visitRecordComponent() {
      return skip();
    }
    override visitField(...args: Parameters<ClassVisitor['visitField']>) {
      return count++ % 2 === 0 ? skip() : super.visitField(...args);
    }
    override visitMethod(...args: Parameters<ClassVisitor['visitMethod']>) {
      return count++ % 2 === 0 ? skip() : methodSkipping(super.visitMethod(...args));
    }
  })(Opcodes.ASM9, next);
}

function transform(bytes: Uint8Array, returnNothing: boolean): Uint8Array {
  const writer = new ClassWriter(0);
  new ClassReader(bytes).accept(skipping(writer, returnNothing), 0);
  return writer.toByteArray();
}

/** The same through the tree API: ClassNode.accept (and the member and annotation nodes' accept). */
function transformTree(bytes: Uint8Array, returnNothing: boolean): Uint8Array {
  const node = new ClassNode(Opcodes.ASM9);
  new ClassReader(bytes).accept(node, 0);
  const writer = new ClassWriter(0);
  node.accept(skipping(writer, returnNothing));
  return writer.toByteArray();
}

describe('a visitor method that returns undefined (no return statement in JavaScript)', () => {
  it('skips the member or annotation as null does', async () => {
    const { classes } = await compileJava(SOURCES, { release: 17, options: ['-g'] });
    expect(classes.map((c) => c.name)).toEqual(expect.arrayContaining(['module-info', 'p/Annotated', 'p/Point', 'p/Ann']));
    for (const { name, bytes } of classes) {
      const javaStyle = transform(bytes, false);
      expect(Buffer.from(transform(bytes, true)), name).toEqual(Buffer.from(javaStyle));
      expect(javaStyle.length, name).toBeLessThan(bytes.length);
    }
  });

  it('is skipped as null is by the accept methods of the tree nodes too', async () => {
    const { classes } = await compileJava(SOURCES, { release: 17, options: ['-g'] });
    for (const { name, bytes } of classes) {
      const javaStyle = transformTree(bytes, false);
      expect(Buffer.from(transformTree(bytes, true)), name).toEqual(Buffer.from(javaStyle));
      expect(javaStyle.length, name).toBeLessThan(bytes.length);
    }
  });
});
