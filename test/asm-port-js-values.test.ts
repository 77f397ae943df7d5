// Java values a port of ASM code must spell differently in JavaScript (README, "The ASM-style API"): a JS number is a
// Java int, so `1L`, `0.5f`, `3.14` and `'x'` are written `1n`, `new Float(0.5)`, `new Double(3.14)` and
// `new Character('x')`. The documented forms give javac's constants (the oracle: a class javac compiles from the
// same Java source). A JS number that is not an int (`3.14`, `2 ** 40`, NaN) used to be truncated with `| 0` into
// another int constant without a word (`visitLdcInsn(3.14)` wrote `ldc 3`); it is refused, naming those forms.
// A field's constant given as a plain JS number or one-character string (`1`, `0.5`, `3.14`, `'x'`) takes the type
// the field's descriptor names (JVMS §4.7.2: a long field needs a CONSTANT_Long…), as javac's would; it was written
// as an int or a string, a class HotSpot refuses to load.
// Also: Java's `int[] keys` of visitLookupSwitchInsn as an Int32Array, and `new ClassReader("java.lang.Runnable")`.

import { describe, expect, it } from 'vitest';
import {
  AnnotationVisitor,
  Character,
  ClassPath,
  ClassReader,
  ClassWriter,
  Double,
  Float,
  IllegalArgumentException,
  Label,
  MethodVisitor,
  Opcodes,
  StringWriter,
  Textifier,
  TraceClassVisitor,
  Type,
} from '../src/index.js';
import { compileJava } from './support/javac.js';
import { firstDumpDifference, structuralDump } from './support/structural-dump.js';

const { ACC_PUBLIC, ACC_STATIC, ACC_FINAL, V1_8 } = Opcodes;
const CONSTANT = ACC_PUBLIC | ACC_STATIC | ACC_FINAL;

const JAVA_SOURCE = `
public class K {
  public static final int LESS = -1;
  public static final long BIG = 1L;
  public static final float HALF = 0.5f;
  public static final double PI = 3.14;
  public static final boolean FLAG = true;
  public static final char CH = 'x';
  public static final long MIN = -9223372036854775808L;
  static Object consts() {
    long a = 123456789012L;
    float b = 2.5f;
    double c = 3.14;
    int d = 100000;
    return String.class;
  }
}
`;

/** The class K of JAVA_SOURCE written through the ASM API with the JS forms of its Java constants. */
function writeK(plainFieldValues = false): Uint8Array {
  // The field constants as a JavaScript user may also write them: plain numbers and a one-character string.
  const plain = <T>(boxed: T, js: unknown) => (plainFieldValues ? js : boxed) as T;
  const cw = new ClassWriter(0);
  cw.visit(Opcodes.V17, ACC_PUBLIC | Opcodes.ACC_SUPER, 'K', null, 'java/lang/Object', null);
  cw.visitField(CONSTANT, 'LESS', 'I', null, -1).visitEnd();
  cw.visitField(CONSTANT, 'BIG', 'J', null, plain(1n, 1)).visitEnd();
  cw.visitField(CONSTANT, 'HALF', 'F', null, plain(new Float(0.5), 0.5)).visitEnd();
  cw.visitField(CONSTANT, 'PI', 'D', null, plain(new Double(3.14), 3.14)).visitEnd();
  cw.visitField(CONSTANT, 'FLAG', 'Z', null, true as unknown as number).visitEnd();
  cw.visitField(CONSTANT, 'CH', 'C', null, plain(new Character('x') as unknown as number, 'x')).visitEnd();
  cw.visitField(CONSTANT, 'MIN', 'J', null, -(2n ** 63n)).visitEnd();
  let mv = cw.visitMethod(ACC_PUBLIC, '<init>', '()V', null, null);
  mv.visitCode();
  mv.visitVarInsn(Opcodes.ALOAD, 0);
  mv.visitMethodInsn(Opcodes.INVOKESPECIAL, 'java/lang/Object', '<init>', '()V', false);
  mv.visitInsn(Opcodes.RETURN);
  mv.visitMaxs(1, 1);
  mv.visitEnd();
  mv = cw.visitMethod(ACC_STATIC, 'consts', '()Ljava/lang/Object;', null, null);
  mv.visitCode();
  mv.visitLdcInsn(123456789012n);
  mv.visitVarInsn(Opcodes.LSTORE, 0);
  mv.visitLdcInsn(new Float(2.5));
  mv.visitVarInsn(Opcodes.FSTORE, 2);
  mv.visitLdcInsn(new Double(3.14));
  mv.visitVarInsn(Opcodes.DSTORE, 3);
  mv.visitLdcInsn(100000);
  mv.visitVarInsn(Opcodes.ISTORE, 5);
  mv.visitLdcInsn(Type.getObjectType('java/lang/String')); // Java: Type.getType(String.class)
  mv.visitInsn(Opcodes.ARETURN);
  mv.visitMaxs(2, 6);
  mv.visitEnd();
  cw.visitEnd();
  return cw.toByteArray();
}

function textify(bytes: Uint8Array): string {
  const sw = new StringWriter();
  new ClassReader(bytes).accept(new TraceClassVisitor(null, new Textifier(), sw), 0);
  return sw.toString();
}

/** A class with one static method whose code `body` writes (maxima computed). */
function writeMethod(body: (mv: MethodVisitor) => void): Uint8Array {
  const cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
  cw.visit(V1_8, ACC_PUBLIC, 'T', null, 'java/lang/Object', null);
  const mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, 'm', '()V', null, null);
  mv.visitCode();
  body(mv);
  mv.visitMaxs(0, 0);
  mv.visitEnd();
  cw.visitEnd();
  return cw.toByteArray();
}

describe('Java constants ported to JavaScript', () => {
  it("gives javac's constants with the documented forms (1n, new Float, new Double, true, new Character)", async () => {
    const { classes } = await compileJava({ 'K.java': JAVA_SOURCE }, { options: ['-g:none'] });
    const javac = classes.find((c) => c.name === 'K')!.bytes;
    expect(textify(writeK())).toBe(textify(javac));
  });

  it("gives javac's constants for field values written as plain numbers and a one-character string", async () => {
    const { classes } = await compileJava({ 'K.java': JAVA_SOURCE }, { options: ['-g:none'] });
    const javac = classes.find((c) => c.name === 'K')!.bytes;
    expect(firstDumpDifference(structuralDump(javac), structuralDump(writeK(true)))).toBeNull();
    expect(firstDumpDifference(structuralDump(javac), structuralDump(writeK(false)))).toBeNull();
  });

  it.each([3.14, 2 ** 40, -(2 ** 31) - 1, 2 ** 31, NaN, Infinity, 0.5])(
    'refuses the JS number %s where it stands for a Java int, instead of writing another int',
    (value) => {
      const ldc = () => writeMethod((mv) => mv.visitLdcInsn(value));
      expect(ldc).toThrow(IllegalArgumentException);
      expect(ldc).toThrow(/new Double\(x\).*new Float\(x\).*bigint/);
      const field = () => new ClassWriter(0).visitField(CONSTANT, 'F', 'I', null, value);
      expect(field).toThrow(IllegalArgumentException);
      const annotation = () => {
        const cw = new ClassWriter(0);
        cw.visit(V1_8, ACC_PUBLIC, 'T', null, 'java/lang/Object', null);
        const av: AnnotationVisitor = cw.visitAnnotation('LA;', true)!;
        av.visit('value', value);
      };
      expect(annotation).toThrow(IllegalArgumentException);
    },
  );

  it('takes every JS number that is a Java int (-0 is 0, as in Java source)', () => {
    for (const value of [-(2 ** 31), 2 ** 31 - 1, -0, 100000]) {
      const text = textify(
        writeMethod((mv) => {
          mv.visitLdcInsn(value);
          mv.visitInsn(Opcodes.POP);
          mv.visitInsn(Opcodes.RETURN);
        }),
      );
      expect(text).toContain(`LDC ${value === 0 ? 0 : value}\n`);
    }
  });
});

describe("Java's int[] keys of visitLookupSwitchInsn", () => {
  const lookupSwitch = (keys: number[] | Int32Array) =>
    writeMethod((mv) => {
      const one = new Label();
      const five = new Label();
      const dflt = new Label();
      mv.visitInsn(Opcodes.ICONST_0);
      mv.visitLookupSwitchInsn(dflt, keys as number[], [one, five]);
      mv.visitLabel(one);
      mv.visitLabel(five);
      mv.visitLabel(dflt);
      mv.visitInsn(Opcodes.RETURN);
    });

  it('takes an Int32Array (a port of new int[] {1, 5}) as it takes an array', () => {
    expect(Buffer.from(lookupSwitch(new Int32Array([1, 5])))).toEqual(Buffer.from(lookupSwitch([1, 5])));
  });
});

describe('ClassReader given a class name, as Java\'s new ClassReader("java.lang.Runnable")', () => {
  it('says where the bytes come from instead of a bare type error', () => {
    const byName = () => new ClassReader('java.lang.Runnable' as unknown as Uint8Array);
    expect(byName).toThrow(TypeError);
    expect(byName).toThrow("new ClassReader(new ClassPath([]).getClassBytes('java/lang/Runnable'))");
  });

  it('reads the class with the form the message names', () => {
    const reader = new ClassReader(new ClassPath([]).getClassBytes('java/lang/Runnable')!);
    expect(reader.getClassName()).toBe('java/lang/Runnable');
  });

  it('names a class that was not found (getClassBytes gave undefined)', () => {
    const missing = new ClassPath([]).getClassBytes('does/not/Exist');
    expect(() => new ClassReader(missing!)).toThrow(/got undefined \(class not found\?\)/);
  });
});
