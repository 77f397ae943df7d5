// JSRInlinerAdapter: hand-built class files of versions 45.3 and 49 whose methods use jsr/ret
// (try/finally shapes, nested subroutines, a RET reached from several JSRs, a loop inside a
// subroutine) are inlined, rewritten as version 51 with COMPUTE_FRAMES, and run by HotSpot under
// -Xverify:all with the original's output; where the Debian asm jars are installed, the inlined
// code is also compared with ASM 9.4's JSRInlinerAdapter, instruction by instruction.

import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClassReader } from '../src/asm/class-reader.js';
import { ClassVisitor } from '../src/asm/class-visitor.js';
import { type ClassHierarchy, ClassWriter } from '../src/asm/class-writer.js';
import { Label } from '../src/asm/label.js';
import { MethodVisitor } from '../src/asm/method-visitor.js';
import { Opcodes } from '../src/asm/opcodes.js';
import { JSRInlinerAdapter } from '../src/commons/jsr-inliner-adapter.js';
import { StringWriter } from '../src/util/string-writer.js';
import { Textifier } from '../src/util/textifier.js';
import { TraceMethodVisitor } from '../src/util/trace-method-visitor.js';
import { javaBaseDirectory } from './support/corpus.js';
import { FIXTURES_DIR, compileJava, makeTempDir, runJava } from './support/javac.js';
import { subroutineClass } from './support/subroutine-classes.js';

const ASM_JARS = ['asm', 'asm-tree', 'asm-analysis', 'asm-commons', 'asm-util'].map((n) => `/usr/share/java/${n}.jar`);
const HAVE_ASM = ASM_JARS.every((jar) => existsSync(jar));

const EXPECTED = ['finally', '42', 'finally', 'zero', 'A', 'B', 'A again', 'A', 'B', 'A again', '8', ''].join('\n');

function jdkHierarchy(): ClassHierarchy {
  const root = javaBaseDirectory();
  const cache = new Map<string, ClassReader | null>();
  const reader = (name: string): ClassReader | null => {
    let r = cache.get(name);
    if (r === undefined) {
      const path = join(root, `${name}.class`);
      r = existsSync(path) ? new ClassReader(readFileSync(path)) : null;
      cache.set(name, r);
    }
    return r;
  };
  return {
    getSuperName: (name) => reader(name)?.getSuperName() ?? (reader(name) === null ? undefined : null),
    isInterface: (name) => {
      const r = reader(name);
      return r === null ? undefined : (r.getAccess() & Opcodes.ACC_INTERFACE) !== 0;
    },
  };
}

/** Inlines every subroutine and writes the class as version 51 with computed frames. */
function inline(bytes: Uint8Array): Uint8Array {
  const writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES, { classPath: jdkHierarchy() });
  new ClassReader(bytes).accept(
    new (class extends ClassVisitor {
      override visit(
        _version: number,
        access: number,
        name: string,
        signature: string | null,
        superName: string | null,
        interfaces: string[] | null,
      ): void {
        super.visit(Opcodes.V1_7, access, name, signature, superName, interfaces);
      }

      override visitMethod(
        access: number,
        name: string,
        descriptor: string,
        signature: string | null,
        exceptions: string[] | null,
      ): MethodVisitor | null {
        const mv = super.visitMethod(access, name, descriptor, signature, exceptions);
        return new JSRInlinerAdapter(mv, access, name, descriptor, signature, exceptions);
      }
    })(Opcodes.ASM9, writer),
    0,
  );
  return writer.toByteArray();
}

/** Every opcode of every method (to check that no JSR or RET is left). */
function opcodes(bytes: Uint8Array): number[] {
  const result: number[] = [];
  new ClassReader(bytes).accept(
    new (class extends ClassVisitor {
      override visitMethod(): MethodVisitor {
        return new (class extends MethodVisitor {
          override visitJumpInsn(opcode: number): void {
            result.push(opcode);
          }
          override visitVarInsn(opcode: number): void {
            result.push(opcode);
          }
        })(Opcodes.ASM9);
      }
    })(Opcodes.ASM9),
    0,
  );
  return result;
}

describe('JSRInlinerAdapter', () => {
  for (const [label, version] of [
    ['45.3', Opcodes.V1_1],
    ['49', Opcodes.V1_5],
  ] as const) {
    it(`inlines the subroutines of a version ${label} class; the result (51, COMPUTE_FRAMES) runs as the original`, async () => {
      const name = `Jsr${label.replace('.', '_')}`;
      const original = subroutineClass(name, version);
      expect(opcodes(original)).toContain(Opcodes.JSR);
      const dir = await makeTempDir('commons-jsr-original');
      await writeFile(join(dir, `${name}.class`), original);
      const before = await runJava({ classpath: dir, mainClass: name, jvmArgs: ['-Xverify:all'] });
      expect(before.stderr).toBe('');
      expect(before.stdout).toBe(EXPECTED);

      const inlined = inline(original);
      const reader = new ClassReader(inlined);
      expect(reader.readUnsignedShort(6)).toBe(51);
      const ops = opcodes(inlined);
      expect(ops).not.toContain(Opcodes.JSR);
      expect(ops).not.toContain(Opcodes.RET);
      const inlinedDir = await makeTempDir('commons-jsr-inlined');
      await writeFile(join(inlinedDir, `${name}.class`), inlined);
      const after = await runJava({ classpath: inlinedDir, mainClass: name, jvmArgs: ['-Xverify:all'] });
      expect(after.stderr).toBe('');
      expect(after.stdout).toBe(before.stdout);
    }, 60_000);
  }

  it('ClassWriter COMPUTE_FRAMES inlines subroutines by itself (classforge, unlike ASM, does not refuse jsr/ret)', async () => {
    // Through the package entry point, which installs the commons layer's inliner into ClassWriter.
    const api = await import('../src/index.js');
    const original = subroutineClass('JsrAuto', Opcodes.V1_5);
    const writer = new api.ClassWriter(api.ClassWriter.COMPUTE_FRAMES, { classPath: jdkHierarchy() });
    new api.ClassReader(original).accept(writer, 0);
    const rewritten = writer.toByteArray();
    expect(new ClassReader(rewritten).readUnsignedShort(6)).toBe(49);
    const ops = opcodes(rewritten);
    expect(ops).not.toContain(Opcodes.JSR);
    expect(ops).not.toContain(Opcodes.RET);
    const dir = await makeTempDir('commons-jsr-auto');
    await writeFile(join(dir, 'JsrAuto.class'), rewritten);
    const run = await runJava({ classpath: dir, mainClass: 'JsrAuto', jvmArgs: ['-Xverify:all'] });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(EXPECTED);
  }, 60_000);

  it('leaves methods without JSR unchanged', () => {
    const original = subroutineClass('Plain', Opcodes.V1_5);
    const text = (inlineIt: boolean): string => {
      const out: string[] = [];
      new ClassReader(original).accept(
        new (class extends ClassVisitor {
          override visitMethod(access: number, name: string, descriptor: string): MethodVisitor {
            const textifier = new Textifier();
            const trace = new TraceMethodVisitor(null, textifier);
            const tail = new (class extends MethodVisitor {
              override visitEnd(): void {
                super.visitEnd();
                const sw = new StringWriter();
                textifier.print(sw);
                out.push(sw.toString());
              }
            })(Opcodes.ASM9, trace);
            return inlineIt ? new JSRInlinerAdapter(tail, access, name, descriptor, null, null) : tail;
          }
        })(Opcodes.ASM9),
        0,
      );
      return out.join('');
    };
    const plainMain = (t: string): string => t.slice(t.lastIndexOf('BIPUSH 21') - 10);
    expect(plainMain(text(true))).toBe(plainMain(text(false)));
  });

  it.skipIf(!HAVE_ASM)('produces the same code as ASM 9.4 JSRInlinerAdapter', async () => {
    const original = subroutineClass('JsrAsm', Opcodes.V1_5);
    const dir = await makeTempDir('commons-jsr-asm');
    const path = join(dir, 'JsrAsm.class');
    await writeFile(path, original);
    const ours: string[] = [];
    const reader = new ClassReader(original);
    const owner = reader.getClassName();
    reader.accept(
      new (class extends ClassVisitor {
        override visitMethod(
          access: number,
          name: string,
          descriptor: string,
          signature: string | null,
          exceptions: string[] | null,
        ): MethodVisitor {
          const textifier = new Textifier();
          const tail = new (class extends MethodVisitor {
            override visitEnd(): void {
              super.visitEnd();
              const sw = new StringWriter();
              textifier.print(sw);
              ours.push(`method ${owner}.${name}${descriptor}\n${sw.toString()}`);
            }
          })(Opcodes.ASM9, new TraceMethodVisitor(null, textifier));
          return new JSRInlinerAdapter(tail, access, name, descriptor, signature, exceptions);
        }
      })(Opcodes.ASM9),
      ClassReader.EXPAND_FRAMES,
    );
    const harness = await compileJava(join(FIXTURES_DIR, 'commons', 'harness'), { options: ['-cp', ASM_JARS.join(':')] });
    const run = await runJava({ classpath: [harness.dir, ...ASM_JARS], mainClass: 'AsmHarness', args: ['jsr', path] });
    expect(run.stderr).toBe('');
    expect(ours.join('')).toContain('GOTO');
    expect(ours.join('')).toBe(run.stdout);
  }, 60_000);
});
