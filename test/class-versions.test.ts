// Class-file versions at both ends of what the issue names: 45.3 (JDK 1.1, with jsr/ret) through 61 with the
// preview minor version 65535, and a version from the future that must be refused with a clear error.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClassFormatError, ClassReader, ClassWriter, Label, Opcodes } from '../src/index.js';
import { structuralDump } from './support/structural-dump.js';
import { compileJava, makeTempDir, runJava } from './support/javac.js';

function copyPath(bytes: Uint8Array): Uint8Array {
  const reader = new ClassReader(bytes);
  const writer = new ClassWriter(reader, 0);
  reader.accept(writer, 0);
  return writer.toByteArray();
}

function fullRewrite(bytes: Uint8Array): Uint8Array {
  const reader = new ClassReader(bytes);
  const writer = new ClassWriter(0);
  reader.accept(writer, 0);
  return writer.toByteArray();
}

/** A JDK 1.1 class (45.3) whose main calls a finally-style subroutine through jsr/ret. */
function jdk11Class(): Uint8Array {
  const cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
  cw.visit(Opcodes.V1_1, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, 'Old', null, 'java/lang/Object', null);
  cw.visitSource('Old.java', null);
  const init = cw.visitMethod(Opcodes.ACC_PUBLIC, '<init>', '()V', null, null)!;
  init.visitCode();
  init.visitVarInsn(Opcodes.ALOAD, 0);
  init.visitMethodInsn(Opcodes.INVOKESPECIAL, 'java/lang/Object', '<init>', '()V', false);
  init.visitInsn(Opcodes.RETURN);
  init.visitMaxs(0, 0);
  init.visitEnd();
  const main = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, 'main', '([Ljava/lang/String;)V', null, null)!;
  const subroutine = new Label();
  main.visitCode();
  main.visitJumpInsn(Opcodes.JSR, subroutine);
  main.visitJumpInsn(Opcodes.JSR, subroutine);
  main.visitInsn(Opcodes.RETURN);
  main.visitLabel(subroutine);
  main.visitVarInsn(Opcodes.ASTORE, 1);
  main.visitFieldInsn(Opcodes.GETSTATIC, 'java/lang/System', 'out', 'Ljava/io/PrintStream;');
  main.visitLdcInsn('in the subroutine');
  main.visitMethodInsn(Opcodes.INVOKEVIRTUAL, 'java/io/PrintStream', 'println', '(Ljava/lang/String;)V', false);
  main.visitVarInsn(Opcodes.RET, 1);
  main.visitMaxs(0, 0);
  main.visitEnd();
  cw.visitEnd();
  return cw.toByteArray();
}

describe('class-file versions', () => {
  it('45.3: a JDK 1.1 class with jsr/ret round-trips and runs under -Xverify:all', async () => {
    const bytes = jdk11Class();
    expect([bytes[4]! << 8 | bytes[5]!, bytes[6]! << 8 | bytes[7]!]).toEqual([3, 45]);
    expect(copyPath(bytes)).toEqual(bytes);
    const rewritten = fullRewrite(bytes);
    expect(structuralDump(rewritten)).toBe(structuralDump(bytes));
    const dir = await makeTempDir('classforge-v45-');
    fs.writeFileSync(path.join(dir, 'Old.class'), rewritten);
    const run = await runJava({ classpath: dir, mainClass: 'Old', jvmArgs: ['-Xverify:all'] });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('in the subroutine\nin the subroutine\n');
  });

  it('61.65535: a preview class file (pattern switch under JDK 17 --enable-preview) round-trips and runs', async () => {
    const source = {
      'Preview.java': [
        'public class Preview {',
        '  static String describe(Object o) {',
        '    return switch (o) {',
        '      case Integer i -> "int " + i;',
        '      case String s -> "string " + s;',
        '      default -> "other";',
        '    };',
        '  }',
        '  public static void main(String[] args) { System.out.println(describe(42) + ", " + describe("x")); }',
        '}',
      ].join('\n'),
    };
    const compiled = await compileJava(source, { release: 17, options: ['--enable-preview', '-Xlint:-preview'] });
    const preview = compiled.classes.find((c) => c.name === 'Preview')!;
    const reader = new ClassReader(preview.bytes);
    expect(reader.readUnsignedShort(4)).toBe(65535);
    const dir = await makeTempDir('classforge-preview-');
    for (const c of compiled.classes) {
      expect(copyPath(c.bytes)).toEqual(c.bytes);
      const rewritten = fullRewrite(c.bytes);
      expect(structuralDump(rewritten)).toBe(structuralDump(c.bytes));
      fs.writeFileSync(path.join(dir, `${c.name}.class`), rewritten);
    }
    const run = await runJava({ classpath: dir, mainClass: 'Preview', jvmArgs: ['--enable-preview', '-Xverify:all'] });
    expect(run.stdout).toBe('int 42, string x\n');
  });

  it('a major version beyond 69 is refused with a ClassFormatError that names it', () => {
    const bytes = jdk11Class().slice();
    bytes[6] = 0;
    bytes[7] = 99;
    expect(() => new ClassReader(bytes)).toThrow(ClassFormatError);
    expect(() => new ClassReader(bytes)).toThrow(/99/);
  });
});
