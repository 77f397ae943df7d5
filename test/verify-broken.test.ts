// The verifier against HotSpot on deliberately broken classes: each broken class is built from a
// javac-compiled one with a small bytecode edit; our verifier must report an error and HotSpot
// (java -Xverify:all, linking the class through getDeclaredMethods) must throw VerifyError. The
// unedited classes must pass both.

import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { delimiter, dirname, join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClassReader } from '../src/asm/class-reader.js';
import { ClassVisitor } from '../src/asm/class-visitor.js';
import { ClassWriter } from '../src/asm/class-writer.js';
import { MethodVisitor } from '../src/asm/method-visitor.js';
import { Opcodes } from '../src/asm/opcodes.js';
import { ClassVerifier, type ClassVerificationResult } from '../src/analysis/class-verifier.js';
import { ChainedClassHierarchy, MapClassHierarchy } from '../src/analysis/verification-hierarchy.js';
import { ClassPath } from '../src/classpath/class-path.js';
import { readRawClassFile, readRawCode } from '../src/classfile/raw-class-file.js';
import { compileJava, makeTempDir, runJava } from './support/javac.js';
import { javaHome } from './support/corpus.js';
import { stripFrames } from './support/class-versions.js';

const SOURCES: Record<string, string> = {
  'demo/Branchy.java': `
package demo;
public class Branchy {
  public static int sum(int n) { int s = 0; for (int i = 0; i < n; i++) s += i; return s; }
}`,
  'demo/Adder.java': `
package demo;
public class Adder {
  public static int inc(int x) { return x + 1; }
}`,
  'demo/Chooser.java': `
package demo;
public class Chooser {
  public static int pick(int x) { if (x > 0) return 1000; return 2; }
}`,
  'demo/Empty.java': `
package demo;
public class Empty {
  public static void nothing() { }
}`,
  'demo/Builder.java': `
package demo;
public class Builder {
  public static String build() { return new StringBuilder().append("x").toString(); }
}`,
  'demo/Ctor.java': `
package demo;
public class Ctor {
  int value;
  public Ctor() { super(); value = 3; }
}`,
  'demo/Returner.java': `
package demo;
public class Returner {
  public static String name(Object o) { return (String) o; }
}`,
  'demo/Thrower.java': `
package demo;
public class Thrower {
  public static void fail(RuntimeException e) { throw e; }
}`,
  // Protected access (JVMS §4.10.1.8): a superclass in another package, and one in the same package.
  'base/Base.java': `
package base;
public class Base {
  protected int f;
  protected void m() { }
}`,
  'demo/Sub.java': `
package demo;
public class Sub extends base.Base {
  public static int read(Sub self, base.Base other) { return self.f; }
  public static void call(Sub self, base.Base other) { self.m(); }
  public static Object copy(Sub self, int[] array, base.Base other) { return array.clone(); }
}`,
  'demo/Parent.java': `
package demo;
public class Parent {
  protected int g;
}`,
  'demo/Peer.java': `
package demo;
public class Peer extends Parent {
  public static int read(Peer self, Parent other) { return self.g; }
}`,
};

/**
 * Edits the method `method`: its aload_0 becomes aload_1 when `useSecondArgument`, and member
 * references to the class `from` (or to `from` as an array clone) get the owner `to`.
 */
function retarget(bytes: Uint8Array, method: string, edit: { useSecondArgument?: boolean; from: string; to: string }): Uint8Array {
  return editMethod(
    bytes,
    method,
    (mv) =>
      new (class extends MethodVisitor {
        override visitVarInsn(opcode: number, varIndex: number): void {
          super.visitVarInsn(opcode, edit.useSecondArgument === true && opcode === Opcodes.ALOAD && varIndex === 0 ? 1 : varIndex);
        }
        override visitFieldInsn(opcode: number, owner: string, name: string, descriptor: string): void {
          super.visitFieldInsn(opcode, owner === edit.from ? edit.to : owner, name, descriptor);
        }
        override visitMethodInsn(opcode: number, owner: string, name: string, descriptor: string, isInterface?: boolean): void {
          super.visitMethodInsn(opcode, owner === edit.from ? edit.to : owner, name, descriptor, isInterface);
        }
      })(Opcodes.ASM9, mv),
  );
}

const HARNESS = {
  'VerifyHarness.java': `
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
public class VerifyHarness {
  public static void main(String[] args) throws Exception {
    for (int i = 0; i + 1 < args.length; i += 2) {
      String[] dirs = args[i].split(File.pathSeparator);
      URL[] urls = new URL[dirs.length];
      for (int j = 0; j < dirs.length; j++) urls[j] = new File(dirs[j]).toURI().toURL();
      URLClassLoader loader = new URLClassLoader(urls, VerifyHarness.class.getClassLoader());
      try {
        Class.forName(args[i + 1], false, loader).getDeclaredMethods();
        System.out.println("OK " + args[i + 1] + " " + args[i]);
      } catch (Throwable t) {
        System.out.println("FAIL " + args[i + 1] + " " + args[i] + " " + t.getClass().getName() + ": " + String.valueOf(t.getMessage()).replace("\\n", " | "));
      }
    }
  }
}`,
};

/** Rewrites the method `method` of `bytes` through a MethodVisitor made by `wrap`, keeping frames. */
function editMethod(bytes: Uint8Array, method: string, wrap: (mv: MethodVisitor) => MethodVisitor): Uint8Array {
  const reader = new ClassReader(bytes);
  const writer = new ClassWriter(0);
  reader.accept(
    new (class extends ClassVisitor {
      override visitMethod(access: number, name: string, descriptor: string, signature: string | null, exceptions: string[] | null) {
        const mv = super.visitMethod(access, name, descriptor, signature, exceptions);
        return name === method && mv !== null ? wrap(mv) : mv;
      }
    })(Opcodes.ASM9, writer),
    0,
  );
  return writer.toByteArray();
}

/** A MethodVisitor that lets `onInsn` replace single instructions. */
class InsnEditor extends MethodVisitor {
  constructor(
    mv: MethodVisitor,
    private readonly edits: {
      insn?: (opcode: number, next: MethodVisitor) => boolean;
      methodInsn?: (opcode: number, owner: string, name: string, next: MethodVisitor) => boolean;
      maxs?: (maxStack: number, maxLocals: number) => [number, number];
    },
  ) {
    super(Opcodes.ASM9, mv);
  }
  override visitInsn(opcode: number): void {
    if (this.edits.insn?.(opcode, this.mv!) === true) return;
    super.visitInsn(opcode);
  }
  override visitMethodInsn(opcode: number, owner: string, name: string, descriptor: string, isInterface?: boolean): void {
    if (this.edits.methodInsn?.(opcode, owner, name, this.mv!) === true) return;
    super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
  }
  override visitMaxs(maxStack: number, maxLocals: number): void {
    const [s, l] = this.edits.maxs?.(maxStack, maxLocals) ?? [maxStack, maxLocals];
    super.visitMaxs(s, l);
  }
}

/** Demo.Thrower.fail with its athrow throwing a String instead of the exception. */
function throwString(bytes: Uint8Array): Uint8Array {
  return editMethod(bytes, 'fail', (mv) =>
    new InsnEditor(mv, {
      insn: (op, next) => {
        if (op !== Opcodes.ATHROW) return false;
        next.visitInsn(Opcodes.POP);
        next.visitLdcInsn('not a throwable');
        next.visitInsn(Opcodes.ATHROW);
        return true;
      },
    }),
  );
}

interface BrokenCase {
  title: string;
  /** What both verifiers must decide (default: reject). */
  verdict?: 'accept' | 'reject';
  className: string;
  method: string;
  /** A fragment of our message. */
  message?: string;
  edit: (bytes: Uint8Array) => Uint8Array;
}

const CASES: BrokenCase[] = [
  {
    title: 'frames stripped',
    className: 'demo/Branchy',
    method: 'sum(I)I',
    message: 'Expecting a stackmap frame at branch target',
    edit: (bytes) => {
      const writer = new ClassWriter(0);
      new ClassReader(bytes).accept(writer, ClassReader.SKIP_FRAMES);
      return writer.toByteArray();
    },
  },
  {
    title: 'a wrong type on the stack (null added to an int)',
    className: 'demo/Adder',
    method: 'inc(I)I',
    message: 'Bad type on operand stack',
    edit: (bytes) =>
      editMethod(bytes, 'inc', (mv) => new InsnEditor(mv, { insn: (op, next) => op === Opcodes.ICONST_1 && (next.visitInsn(Opcodes.ACONST_NULL), true) })),
  },
  {
    title: 'a branch into the middle of an instruction',
    className: 'demo/Chooser',
    method: 'pick(I)I',
    message: 'Expecting a stackmap frame at branch target 5',
    edit: (bytes) => {
      // 0 iload_0, 1 ifle <target>, 4 sipush 1000, 7 ireturn, 8 iconst_2 … : aim the ifle at 5.
      const copy = new Uint8Array(bytes);
      const file = readRawClassFile(copy);
      const method = file.methods.find((m) => m.name === 'pick')!;
      const code = readRawCode(method.attributes.find((a) => a.name === 'Code')!, file.constantPool);
      expect([code.code[0], code.code[1], code.code[4]]).toEqual([0x1a, 0x9e, 0x11]);
      copy[code.codeOffset + 2] = 0;
      copy[code.codeOffset + 3] = 4;
      return copy;
    },
  },
  {
    title: 'a missing return (falling off the end of the code)',
    className: 'demo/Empty',
    method: 'nothing()V',
    message: 'Control flow falls through code end',
    edit: (bytes) =>
      editMethod(bytes, 'nothing', (mv) => new InsnEditor(mv, { insn: (op, next) => op === Opcodes.RETURN && (next.visitInsn(Opcodes.NOP), true) })),
  },
  {
    title: 'a max_stack too small',
    className: 'demo/Adder',
    method: 'inc(I)I',
    message: 'Operand stack overflow',
    edit: (bytes) => editMethod(bytes, 'inc', (mv) => new InsnEditor(mv, { maxs: (s, l) => [s - 1, l] })),
  },
  {
    title: 'an uninitialized object used',
    className: 'demo/Builder',
    method: 'build()Ljava/lang/String;',
    message: 'Bad type on operand stack',
    edit: (bytes) =>
      editMethod(bytes, 'build', (mv) => new InsnEditor(mv, { methodInsn: (op, owner, name, next) => op === Opcodes.INVOKESPECIAL && name === '<init>' && (next.visitInsn(Opcodes.POP), true) })),
  },
  {
    title: 'a constructor that does not call super()',
    className: 'demo/Ctor',
    method: '<init>()V',
    message: 'Constructor must call super() or this() before return',
    edit: (bytes) =>
      editMethod(bytes, '<init>', (mv) =>
        new InsnEditor(mv, { methodInsn: (op, owner, name, next) => op === Opcodes.INVOKESPECIAL && name === '<init>' && (next.visitInsn(Opcodes.POP), true) }),
      ),
  },
  {
    title: 'an Object returned where a String is expected',
    className: 'demo/Returner',
    method: 'name(Ljava/lang/Object;)Ljava/lang/String;',
    message: 'Bad return type',
    edit: (bytes) =>
      editMethod(bytes, 'name', (mv) =>
        new (class extends MethodVisitor {
          override visitTypeInsn(opcode: number, type: string): void {
            if (opcode !== Opcodes.CHECKCAST) super.visitTypeInsn(opcode, type);
          }
        })(Opcodes.ASM9, mv),
      ),
  },
  {
    title: 'athrow of a non-Throwable',
    className: 'demo/Thrower',
    method: 'fail(Ljava/lang/RuntimeException;)V',
    message: "is not assignable to 'java/lang/Throwable'",
    edit: (bytes) => throwString(bytes),
  },
  {
    title: 'a version 49 class verified by inference (no StackMapTable)',
    verdict: 'accept',
    className: 'demo/Branchy',
    method: 'sum(I)I',
    edit: (bytes) => stripFrames(bytes, Opcodes.V1_5),
  },
  {
    title: 'a version 49 class with a wrong type, by inference',
    className: 'demo/Adder',
    method: 'inc(I)I',
    edit: (bytes) =>
      stripFrames(
        editMethod(bytes, 'inc', (mv) => new InsnEditor(mv, { insn: (op, next) => op === Opcodes.ICONST_1 && (next.visitInsn(Opcodes.ACONST_NULL), true) })),
        Opcodes.V1_5,
      ),
  },
  {
    title: 'a version 49 constructor that does not call super(), by inference',
    className: 'demo/Ctor',
    method: '<init>()V',
    message: 'Constructor must call super() or this() before return',
    edit: (bytes) =>
      stripFrames(
        editMethod(bytes, '<init>', (mv) =>
          new InsnEditor(mv, { methodInsn: (op, owner, name, next) => op === Opcodes.INVOKESPECIAL && name === '<init>' && (next.visitInsn(Opcodes.POP), true) }),
        ),
        Opcodes.V1_5,
      ),
  },
  {
    title: 'a version 49 constructor calling super() through invokevirtual, by inference',
    className: 'demo/Ctor',
    method: '<init>()V',
    message: 'Must call initializers using invokespecial',
    edit: (bytes) =>
      stripFrames(
        editMethod(bytes, '<init>', (mv) =>
          new InsnEditor(mv, {
            methodInsn: (op, owner, name, next) =>
              op === Opcodes.INVOKESPECIAL && name === '<init>' && (next.visitMethodInsn(Opcodes.INVOKEVIRTUAL, owner, name, '()V', false), true),
          }),
        ),
        Opcodes.V1_5,
      ),
  },
  {
    title: 'a version 49 class using an object before its constructor ran, by inference',
    className: 'demo/Builder',
    method: 'build()Ljava/lang/String;',
    message: 'uninitialized(',
    edit: (bytes) =>
      stripFrames(
        editMethod(bytes, 'build', (mv) => new InsnEditor(mv, { methodInsn: (op, owner, name, next) => op === Opcodes.INVOKESPECIAL && name === '<init>' && (next.visitInsn(Opcodes.POP), true) })),
        Opcodes.V1_5,
      ),
  },
  {
    title: 'a version 49 athrow of a non-Throwable, by inference',
    className: 'demo/Thrower',
    method: 'fail(Ljava/lang/RuntimeException;)V',
    message: 'Can only throw Throwable objects',
    edit: (bytes) => stripFrames(throwString(bytes), Opcodes.V1_5),
  },
  {
    title: 'a version 50 class without frames (HotSpot fails over to inference)',
    verdict: 'accept',
    className: 'demo/Branchy',
    method: 'sum(I)I',
    edit: (bytes) => stripFrames(bytes, Opcodes.V1_6),
  },
  {
    title: 'a protected field of a superclass in another package, on an object of the current class',
    verdict: 'accept',
    className: 'demo/Sub',
    method: 'read(Ldemo/Sub;Lbase/Base;)I',
    edit: (bytes) => retarget(bytes, 'read', { from: 'demo/Sub', to: 'base/Base' }),
  },
  {
    title: 'a protected field of a superclass in another package, on an object of that superclass',
    className: 'demo/Sub',
    method: 'read(Ldemo/Sub;Lbase/Base;)I',
    message: "Bad access to protected data in getfield: Type 'base/Base' (current frame, stack[0]) is not assignable to 'demo/Sub'",
    edit: (bytes) => retarget(bytes, 'read', { useSecondArgument: true, from: 'demo/Sub', to: 'base/Base' }),
  },
  {
    title: 'a protected method of a superclass in another package, on an object of that superclass',
    className: 'demo/Sub',
    method: 'call(Ldemo/Sub;Lbase/Base;)V',
    message: 'Bad access to protected data in invokevirtual',
    edit: (bytes) => retarget(bytes, 'call', { useSecondArgument: true, from: 'demo/Sub', to: 'base/Base' }),
  },
  {
    title: "a protected field of a superclass in the same package, on an object of that superclass",
    verdict: 'accept',
    className: 'demo/Peer',
    method: 'read(Ldemo/Peer;Ldemo/Parent;)I',
    edit: (bytes) => retarget(bytes, 'read', { useSecondArgument: true, from: 'demo/Peer', to: 'demo/Parent' }),
  },
  {
    title: "Object's protected clone() called on an array",
    verdict: 'accept',
    className: 'demo/Sub',
    method: 'copy(Ldemo/Sub;[ILbase/Base;)Ljava/lang/Object;',
    edit: (bytes) => retarget(bytes, 'copy', { from: '[I', to: 'java/lang/Object' }),
  },
  {
    title: "Object's protected clone() called on an object of another class",
    className: 'demo/Sub',
    method: 'copy(Ldemo/Sub;[ILbase/Base;)Ljava/lang/Object;',
    message: 'Bad access to protected data in invokevirtual',
    edit: (bytes) =>
      editMethod(
        bytes,
        'copy',
        (mv) =>
          new (class extends MethodVisitor {
            override visitVarInsn(opcode: number, varIndex: number): void {
              super.visitVarInsn(opcode, opcode === Opcodes.ALOAD && varIndex === 1 ? 2 : varIndex);
            }
            override visitMethodInsn(opcode: number, owner: string, name: string, descriptor: string, isInterface?: boolean): void {
              super.visitMethodInsn(opcode, owner === '[I' ? 'java/lang/Object' : owner, name, descriptor, isInterface);
            }
            override visitTypeInsn(opcode: number, type: string): void {
              if (opcode !== Opcodes.CHECKCAST) super.visitTypeInsn(opcode, type);
            }
          })(Opcodes.ASM9, mv),
      ),
  },
  {
    title: 'a version 49 class reading a protected field of a superclass in another package on an object of that superclass, by inference',
    className: 'demo/Sub',
    method: 'read(Ldemo/Sub;Lbase/Base;)I',
    message: 'Bad access to protected data in getfield',
    edit: (bytes) => stripFrames(retarget(bytes, 'read', { useSecondArgument: true, from: 'demo/Sub', to: 'base/Base' }), Opcodes.V1_5),
  },
  {
    title: "a version 49 class calling Object's protected clone() on an array, by inference",
    verdict: 'accept',
    className: 'demo/Sub',
    method: 'copy(Ldemo/Sub;[ILbase/Base;)Ljava/lang/Object;',
    edit: (bytes) => stripFrames(retarget(bytes, 'copy', { from: '[I', to: 'java/lang/Object' }), Opcodes.V1_5),
  },
];

describe('verify broken classes (agreement with HotSpot)', () => {
  let work = '';
  let goodDir = '';
  let harnessDir = '';
  const brokenDirs: string[] = [];
  const ours: ClassVerificationResult[] = [];
  const goodOurs: ClassVerificationResult[] = [];
  let hotspot = new Map<string, string>();

  beforeAll(async () => {
    const compiled = await compileJava(SOURCES, { options: ['-g'] });
    harnessDir = (await compileJava(HARNESS)).dir;
    goodDir = compiled.dir;
    work = await makeTempDir('verify-broken');
    const hierarchy = new ChainedClassHierarchy([
      new MapClassHierarchy(compiled.classes.map((c) => c.bytes)),
      new ClassPath([], { jdk: javaHome() }),
    ]);
    const verifier = new ClassVerifier(hierarchy);
    const args: string[] = [];
    for (const c of compiled.classes) {
      goodOurs.push(verifier.verify(c.bytes));
      args.push(goodDir, c.name.replace(/\//g, '.'));
    }
    for (let i = 0; i < CASES.length; i++) {
      const testCase = CASES[i]!;
      const original = compiled.classes.find((c) => c.name === testCase.className)!;
      const broken = testCase.edit(original.bytes);
      const dir = join(work, `case${i}`);
      const path = join(dir, `${testCase.className}.class`);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, broken);
      // The edited class first, then the compiled ones (its super classes).
      const classPath = `${dir}${delimiter}${goodDir}`;
      brokenDirs.push(classPath);
      ours.push(verifier.verify(broken));
      args.push(classPath, testCase.className.replace(/\//g, '.'));
    }
    const result = await runJava({ classpath: harnessDir, mainClass: 'VerifyHarness', jvmArgs: ['-Xverify:all', '-Xshare:off'], args });
    expect(result.exitCode).toBe(0);
    for (const line of result.stdout.split('\n')) {
      const m = /^(OK|FAIL) (\S+) (\S+)(.*)$/.exec(line);
      if (m) hotspot.set(`${m[3]} ${m[2]}`, m[1] === 'OK' ? 'OK' : m[4]!.trim());
    }
  }, 90_000);

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('reports a class missing from the hierarchy as unresolved, not as an error', async () => {
    const compiled = await compileJava(SOURCES, { options: ['-g'] });
    // Without the JDK, athrow cannot be checked: like HotSpot, the expected class (Throwable) is
    // resolved first, to know whether it is an interface.
    const verifier = new ClassVerifier(new MapClassHierarchy(compiled.classes.map((c) => c.bytes)));
    const result = verifier.verify(compiled.classes.find((c) => c.name === 'demo/Thrower')!.bytes);
    expect(result.errors).toEqual([]);
    // Its superclass too: no JDK, no java/lang/Object to load it on.
    expect(result.unresolved.map((u) => [u.method, u.missingClass])).toEqual([
      ['<class>', 'java/lang/Object'],
      ['fail(Ljava/lang/RuntimeException;)V', 'java/lang/Throwable'],
    ]);
  });

  it('accepts the classes javac compiled, as HotSpot does', () => {
    expect(goodOurs.flatMap((r) => r.errors)).toEqual([]);
    for (const r of goodOurs) expect(hotspot.get(`${goodDir} ${r.className.replace(/\//g, '.')}`)).toBe('OK');
  });

  it.each(CASES.map((c, i) => [c.verdict ?? 'reject', c.title, i] as const))('%ss %s, as HotSpot does', (_verdict, _title, i) => {
    const testCase = CASES[i]!;
    const result = ours[i]!;
    const verdict = hotspot.get(`${brokenDirs[i]} ${testCase.className.replace(/\//g, '.')}`);
    if (testCase.verdict === 'accept') {
      expect(result.errors).toEqual([]);
      expect(verdict).toBe('OK');
      return;
    }
    expect(result.errors).toHaveLength(1);
    const error = result.errors[0]!;
    expect(error.method).toBe(testCase.method);
    if (testCase.message !== undefined) expect(error.message).toContain(testCase.message);
    expect(verdict).toMatch(/^java\.lang\.VerifyError/);
    // The split verifier's report names the same method and offset ("Location: | demo/X.m(I)I @2: iadd").
    if (result.mode === 'type-checking') expect(verdict).toContain(`${testCase.className}.${error.method} @${error.offset}`);
  });
});

const LANG3 = '/usr/share/java/commons-lang3.jar';

describe.runIf(existsSync(LANG3))('verify a frame-stripped commons-lang3 (agreement with HotSpot)', () => {
  it('fails the same methods at the same offsets as HotSpot', async () => {
    const zip = await JSZip.loadAsync(readFileSync(LANG3));
    const work = await makeTempDir('verify-stripped');
    try {
      const stripped = new Map<string, Uint8Array>();
      for (const entry of Object.values(zip.files)) {
        if (entry.dir || !entry.name.endsWith('.class') || entry.name.includes('module-info') || entry.name.startsWith('META-INF/')) continue;
        const bytes = stripFrames(await entry.async('uint8array'), Opcodes.V1_8);
        const path = join(work, entry.name);
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, bytes);
        stripped.set(entry.name.slice(0, -'.class'.length), bytes);
      }
      const verifier = new ClassVerifier(
        new ChainedClassHierarchy([new MapClassHierarchy(stripped.values()), new ClassPath([], { jdk: javaHome() })]),
      );
      // Every failing method per class: HotSpot checks methods in its own order (sorted by name symbol).
      const failures = new Map<string, string[]>();
      for (const [name, bytes] of stripped) {
        const result = verifier.verify(bytes);
        expect(result.unresolved).toEqual([]);
        if (result.errors.length > 0) failures.set(name, result.errors.map((e) => `${e.method} @${e.offset}`));
      }
      const harnessDir = (await compileJava(HARNESS)).dir;
      const args = [...stripped.keys()].flatMap((name) => [work, name.replace(/\//g, '.')]);
      const run = await runJava({ classpath: harnessDir, mainClass: 'VerifyHarness', jvmArgs: ['-Xverify:all', '-Xshare:off'], args });
      expect(run.exitCode).toBe(0);
      let rejected = 0;
      let compared = 0;
      for (const line of run.stdout.split('\n')) {
        const m = /^(OK|FAIL) (\S+) \S+(.*)$/.exec(line);
        if (!m) continue;
        const name = m[2]!.replace(/\./g, '/');
        if (m[1] === 'OK') {
          expect(failures.get(name), name).toBeUndefined();
          continue;
        }
        rejected++;
        expect(m[3], name).toMatch(/java\.lang\.VerifyError/);
        // "… | Location: |     pkg/Cls.method(desc)V @12: ifne | …"
        const location = /Location: \|\s+(\S+)\.([^.\s]+\(\S*\)\S*) @(\d+)/.exec(m[3]!);
        expect(location, m[3]).not.toBeNull();
        const [, owner, method, offset] = location!;
        if (owner === name) {
          compared++;
          expect(failures.get(name), name).toContain(`${method} @${offset}`);
        } else {
          // HotSpot linked a failing super class first.
          expect(failures.has(owner!), `${name} (super ${owner})`).toBe(true);
        }
      }
      console.log(`${stripped.size} stripped classes: HotSpot rejects ${rejected}, ${compared} compared method by method; we flag ${failures.size}`);
      expect(compared).toBeGreaterThan(100);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }, 90_000);
});
