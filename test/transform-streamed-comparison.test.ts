// Visitor passes compare the reader's events with the chain's as they stream through
// (src/transform/method-event-comparison.ts): methods whose events are the original's are copied
// raw, frames not recomputed, even when the chain delays, reorders, adds or drops methods or
// annotations; everything else is re-encoded and must still verify under HotSpot.

import { beforeAll, describe, expect, it } from 'vitest';
import { AnnotationVisitor } from '../src/asm/annotation-visitor.js';
import { ClassReader } from '../src/asm/class-reader.js';
import { ClassVisitor } from '../src/asm/class-visitor.js';
import { Label } from '../src/asm/label.js';
import { MethodVisitor } from '../src/asm/method-visitor.js';
import { Opcodes } from '../src/asm/opcodes.js';
import { ClassPath } from '../src/classpath/class-path.js';
import { runJava } from '../src/testing/index.js';
import { applyTransforms, type ActiveTransform } from '../src/transform/apply-transforms.js';
import { defineTransform, type TransformDefinition } from '../src/transform/define-transform.js';
import { ClassNode } from '../src/tree/class-node.js';
import { MethodNode } from '../src/tree/method-node.js';
import { methodBytes } from './support/method-bytes.js';
import { compileJava, type CompileResult } from './support/javac.js';

const SOURCES = {
  'streamed/Marked.java': `
    package streamed;
    import java.lang.annotation.*;
    @Retention(RetentionPolicy.RUNTIME) @Target(ElementType.METHOD)
    public @interface Marked { String value(); int[] codes() default {}; }
  `,
  'streamed/Shapes.java': `
    package streamed;
    public class Shapes {
      interface Shape { double area(); }
      static final class Square implements Shape { final double s; Square(double s) { this.s = s; } public double area() { return s * s; } }
      static final class Circle implements Shape { final double r; Circle(double r) { this.r = r; } public double area() { return 3 * r * r; } }
      @Marked(value = "pick", codes = {1, 2}) @Deprecated
      static Shape pick(int i) { return i % 2 == 0 ? new Square(i) : new Circle(i); }
      @Marked("sum")
      static double sum(int n) {
        double total = 0;
        for (int i = 0; i < n; i++) {
          try { total += pick(i).area(); } catch (RuntimeException e) { total = -1; }
        }
        return total;
      }
      static String describe(Object o) {
        switch (String.valueOf(o)) { case "a": return "A"; case "b": return "B"; default: return "?"; }
      }
      public static void main(String[] args) {
        System.out.println(sum(4) + " " + describe("a") + describe("z"));
      }
    }
  `,
};

let compiled: CompileResult;
let classPath: ClassPath;
let shapes: Uint8Array;

beforeAll(async () => {
  compiled = await compileJava(SOURCES);
  classPath = new ClassPath([compiled.dir]);
  shapes = compiled.classes.find((c) => c.name === 'streamed/Shapes')!.bytes;
}, 120_000);

function active(definition: TransformDefinition): ActiveTransform {
  return { definition, options: {} };
}

/** Runs Shapes (transformed) with the other compiled classes, under -Xverify:all. */
async function runShapes(bytes: Uint8Array): Promise<string> {
  const classes = new Map(compiled.classes.map((c) => [c.name, c.bytes] as const));
  classes.set('streamed/Shapes', bytes);
  const run = await runJava({ classpath: [classes], mainClass: 'streamed.Shapes', verify: true });
  expect(run.stderr).toBe('');
  return run.stdout;
}

/** A class visitor whose methods are each buffered whole (MethodNode) and sent on in reverse order at visitEnd. */
function reversingTransform(): TransformDefinition {
  return defineTransform({
    name: 'reverse',
    visitor: (next) =>
      new (class extends ClassVisitor {
        private readonly methods: MethodNode[] = [];
        override visitMethod(access: number, name: string, desc: string, signature: string | null, exceptions: string[] | null) {
          const method = new MethodNode(Opcodes.ASM9, access, name, desc, signature, exceptions);
          this.methods.push(method);
          return method;
        }
        override visitEnd(): void {
          for (const method of this.methods.reverse()) method.accept(this.cv!);
          super.visitEnd();
        }
      })(Opcodes.ASM9, next),
  });
}

describe('visitor passes compare the streams as they pass', () => {
  it('copies raw every method of a chain that buffers them and sends them reversed after the reader finished', async () => {
    // A bare class path: recomputing pick's or sum's frames would need Shape, Square and Circle.
    const result = applyTransforms(shapes, [active(reversingTransform())], { classPath: new ClassPath([]) });
    expect(result.status).toBe('changed');
    const before = methodBytes(shapes);
    const after = methodBytes(result.bytes);
    expect([...after.keys()]).toEqual([...before.keys()].reverse());
    for (const [key, bytes] of before) expect(after.get(key), key).toBe(bytes);
    expect(await runShapes(result.bytes)).toBe('34.0 A?\n');
  });

  it('re-encodes a method whose annotation the chain drops or changes, and copies the others raw', async () => {
    const editAnnotations = (mode: 'drop' | 'change') =>
      defineTransform({
        name: `annotation-${mode}`,
        visitor: (next) =>
          new (class extends ClassVisitor {
            override visitMethod(access: number, name: string, desc: string, signature: string | null, exceptions: string[] | null) {
              const mv = super.visitMethod(access, name, desc, signature, exceptions);
              if (mv === null) return null;
              return new (class extends MethodVisitor {
                override visitAnnotation(descriptor: string, visible: boolean): AnnotationVisitor | null {
                  const edited = name === 'pick' && descriptor === 'Lstreamed/Marked;';
                  if (edited && mode === 'drop') return null;
                  const av = super.visitAnnotation(descriptor, visible);
                  if (!edited) return av;
                  // The int[] value's second element changes (the reader passes it as one visit of an Int32Array).
                  return new (class extends AnnotationVisitor {
                    override visit(n: string | null, value: unknown): void {
                      super.visit(n, (n === 'codes' ? Int32Array.of(1, 3) : value) as never);
                    }
                  })(Opcodes.ASM9, av);
                }
              })(Opcodes.ASM9, mv);
            }
          })(Opcodes.ASM9, next),
      });
    const before = methodBytes(shapes);
    for (const mode of ['drop', 'change'] as const) {
      const result = applyTransforms(shapes, [active(editAnnotations(mode))], { classPath });
      expect(result.status, mode).toBe('changed');
      const after = methodBytes(result.bytes);
      const pick = '(I)Lstreamed/Shapes$Shape;';
      expect(after.get('pick' + pick), mode).not.toBe(before.get('pick' + pick));
      for (const [key, bytes] of before) if (key !== 'pick' + pick) expect(after.get(key), `${mode} ${key}`).toBe(bytes);
      const node = new ClassNode();
      new ClassReader(result.bytes).accept(node, 0);
      const marked = node.methods.find((m) => m.name === 'pick')!.visibleAnnotations?.find((a) => a.desc === 'Lstreamed/Marked;');
      if (mode === 'drop') expect(marked).toBeUndefined();
      else expect(marked!.values).toEqual(['value', 'pick', 'codes', [1, 3]]);
      expect(await runShapes(result.bytes)).toBe('34.0 A?\n');
    }
  });

  it('writes a method the chain adds, and a change in the last event of a method', async () => {
    const addAndEditLast = defineTransform({
      name: 'add-and-edit-last',
      visitor: (next) =>
        new (class extends ClassVisitor {
          override visitMethod(access: number, name: string, desc: string, signature: string | null, exceptions: string[] | null) {
            const mv = super.visitMethod(access, name, desc, signature, exceptions);
            if (mv === null) return null;
            return new (class extends MethodVisitor {
              // describe's default branch: "?" becomes "!" (its last constant).
              override visitLdcInsn(value: unknown): void {
                super.visitLdcInsn(name === 'describe' && value === '?' ? '!' : (value as string));
              }
            })(Opcodes.ASM9, mv);
          }
          override visitEnd(): void {
            const added = this.cv!.visitMethod(Opcodes.ACC_STATIC, 'added', '()I', null, null)!;
            added.visitCode();
            added.visitInsn(Opcodes.ICONST_5);
            added.visitInsn(Opcodes.IRETURN);
            added.visitMaxs(0, 0);
            added.visitEnd();
            super.visitEnd();
          }
        })(Opcodes.ASM9, next),
    });
    const result = applyTransforms(shapes, [active(addAndEditLast)], { classPath });
    const before = methodBytes(shapes);
    const after = methodBytes(result.bytes);
    expect(after.has('added()I')).toBe(true);
    const describe = 'describe(Ljava/lang/Object;)Ljava/lang/String;';
    expect(after.get(describe)).not.toBe(before.get(describe));
    for (const [key, bytes] of before) if (key !== describe) expect(after.get(key), key).toBe(bytes);
    expect(await runShapes(result.bytes)).toBe('34.0 A!\n');
  });

  it('sees no change in calls made in their short forms: the four-argument visitMethodInsn, varargs one by one', () => {
    const shortForms = defineTransform({
      name: 'short-forms',
      visitor: (next) =>
        new (class extends ClassVisitor {
          override visitMethod(access: number, name: string, desc: string, signature: string | null, exceptions: string[] | null) {
            const mv = super.visitMethod(access, name, desc, signature, exceptions);
            if (mv === null) return null;
            return new (class extends MethodVisitor {
              override visitMethodInsn(opcode: number, owner: string, method: string, descriptor: string, isInterface?: boolean): void {
                // The form ASM 4 code uses: the writer works isInterface out from the opcode.
                if (isInterface === (opcode === Opcodes.INVOKEINTERFACE)) super.visitMethodInsn(opcode, owner, method, descriptor);
                else super.visitMethodInsn(opcode, owner, method, descriptor, isInterface);
              }
              override visitLookupSwitchInsn(dflt: Label, keys: number[], labels: Label[]): void {
                super.visitLookupSwitchInsn(dflt, keys.slice(), labels.slice());
              }
              override visitTableSwitchInsn(min: number, max: number, dflt: Label, ...labels: (Label | readonly Label[])[]): void {
                const list = labels.flat() as Label[];
                super.visitTableSwitchInsn(min, max, dflt, ...list);
              }
            })(Opcodes.ASM9, mv);
          }
        })(Opcodes.ASM9, next),
    });
    const result = applyTransforms(shapes, [active(shortForms)], { classPath: new ClassPath([]) });
    expect(result.status).toBe('unchanged');
    expect(result.bytes).toBe(shapes);
  });

  it('gives the bytes the buffered comparison gave: a wrapper that changes nothing changes no byte', () => {
    // The same pass-through as a MethodNode replayed at visitEnd (a common ASM idiom), and as a plain wrapper.
    const replaying = defineTransform({
      name: 'replay',
      visitor: (next) =>
        new (class extends ClassVisitor {
          override visitMethod(access: number, name: string, desc: string, signature: string | null, exceptions: string[] | null) {
            const mv = super.visitMethod(access, name, desc, signature, exceptions);
            if (mv === null) return null;
            return new (class extends MethodNode {
              override visitEnd(): void {
                super.visitEnd();
                this.accept(mv);
              }
            })(Opcodes.ASM9, access, name, desc, signature, exceptions);
          }
        })(Opcodes.ASM9, next),
    });
    for (const bytes of compiled.classes.map((c) => c.bytes)) {
      const result = applyTransforms(bytes, [active(replaying)], { classPath: new ClassPath([]) });
      expect(result.status).toBe('unchanged');
      expect(result.bytes).toBe(bytes);
    }
  });
});
