// The other asm-commons classes of issue 3: SerialVersionUIDAdder (checked against the JDK's serialver),
// StaticInitMerger (run by HotSpot), TryCatchBlockSorter, CodeSizeEvaluator (bounds checked against javac's
// code lengths), the ModuleHashes/ModuleResolution/ModuleTarget attributes, and Remapper's name helpers.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Attribute } from '../src/asm/attribute.js';
import { ClassReader } from '../src/asm/class-reader.js';
import { ClassVisitor } from '../src/asm/class-visitor.js';
import { ClassWriter } from '../src/asm/class-writer.js';
import { ConstantDynamic } from '../src/asm/constant-dynamic.js';
import { Handle } from '../src/asm/handle.js';
import { Double } from '../src/asm/java-values.js';
import { Label } from '../src/asm/label.js';
import type { MethodVisitor } from '../src/asm/method-visitor.js';
import { ModuleVisitor } from '../src/asm/module-visitor.js';
import { Opcodes } from '../src/asm/opcodes.js';
import { Type } from '../src/asm/type.js';
import { readRawClassFile, readRawCode } from '../src/classfile/raw-class-file.js';
import { ClassRemapper } from '../src/commons/class-remapper.js';
import { CodeSizeEvaluator } from '../src/commons/code-size-evaluator.js';
import { ModuleHashesAttribute } from '../src/commons/module-hashes-attribute.js';
import { ModuleRemapper } from '../src/commons/module-remapper.js';
import { ModuleResolutionAttribute } from '../src/commons/module-resolution-attribute.js';
import { ModuleTargetAttribute } from '../src/commons/module-target-attribute.js';
import { Remapper } from '../src/commons/remapper.js';
import { SerialVersionUIDAdder } from '../src/commons/serial-version-uid-adder.js';
import { SimpleRemapper } from '../src/commons/simple-remapper.js';
import { StaticInitMerger } from '../src/commons/static-init-merger.js';
import { TryCatchBlockSorter } from '../src/commons/try-catch-block-sorter.js';
import { ClassNode } from '../src/tree/class-node.js';
import { MethodNode } from '../src/tree/method-node.js';
import { javaBaseDirectory, javaHome } from './support/corpus.js';
import { compileFixtureBuild, fixtureBuilds } from './support/fixture-builds.js';
import { type CompileResult, compileJava, defaultJavaHome, makeTempDir, runJava } from './support/javac.js';

const tempDirs: string[] = [];
afterAll(async () => {
  for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
});

// ## SerialVersionUIDAdder

const SERIALIZABLE_SOURCES = {
  'svuid/Plain.java': `package svuid;
import java.io.Serializable;
public class Plain implements Serializable {
  public int a;
  protected static String b = "x";
  private transient Object c;
  private static int d;
  private long e;
  volatile boolean f;
  final double g = 1;
  transient int[] h;
  private static transient String i;
  static { d = 4; }
  public Plain() {}
  private Plain(int x) {}
  protected Plain(String s, long l) {}
  Plain(Object[] o) {}
  public void run() {}
  public static synchronized String[] names(java.util.List<String> l) { return null; }
  private void hidden() {}
  native void nat();
  protected final strictfp double calc(double x) { return x; }
}
`,
  'svuid/Outer.java': `package svuid;
import java.io.Serializable;
public class Outer {
  protected static class Nested implements Serializable { int x; }
  class Inner implements Serializable { void m() {} }
  private static final class Hidden implements Serializable { }
  static Object make() { return new Hidden(); }
}
`,
  'svuid/Api.java': `package svuid;
public interface Api extends java.io.Serializable {
  void run();
  default int x() { return 1; }
  static Api of() { return () -> {}; }
}
`,
  'svuid/Marker.java': `package svuid;
public interface Marker extends java.io.Serializable { int ZERO = 0; }
`,
  'svuid/Base.java': `package svuid;
public abstract class Base implements java.io.Serializable {
  abstract void f();
}
`,
  'svuid/WithLambdas.java': `package svuid;
import java.util.function.Supplier;
public final class WithLambdas extends Base implements Cloneable, Comparable<WithLambdas>, java.io.Serializable {
  private final Supplier<String> s = () -> "x";
  public static final Runnable R = () -> {};
  void f() {}
  public int compareTo(WithLambdas o) { return 0; }
}
`,
  'svuid/Declared.java': `package svuid;
public class Declared implements java.io.Serializable {
  private static final long serialVersionUID = 42L;
  int x;
}
`,
  'svuid/Kind.java': `package svuid;
public enum Kind { A, B }
`,
};

/** Captures the computed value instead of adding a field. */
class SvuidProbe extends SerialVersionUIDAdder {
  value: bigint | null = null;
  constructor() {
    super(Opcodes.ASM9, null);
    this.value = null;
  }
  protected override addSVUID(svuid: bigint): void {
    this.value = svuid;
  }
}

/** serialver's answers, by dotted binary name. */
function serialver(dir: string, names: string[]): Map<string, bigint> {
  const out = execFileSync(join(defaultJavaHome(), 'bin', 'serialver'), ['-classpath', dir, ...names], { encoding: 'utf8' });
  const result = new Map<string, bigint>();
  for (const line of out.split('\n')) {
    const match = /^(\S+):\s+(?:private )?static final long serialVersionUID = (-?\d+)L;/.exec(line.trim());
    if (match) result.set(match[1]!, BigInt(match[2]!));
  }
  return result;
}

describe('SerialVersionUIDAdder', () => {
  let compiled: CompileResult;
  beforeAll(async () => {
    compiled = await compileJava(SERIALIZABLE_SOURCES, { options: ['-g'] });
  });
  const computed = ['svuid/Plain', 'svuid/Outer$Nested', 'svuid/Outer$Inner', 'svuid/Outer$Hidden', 'svuid/Api', 'svuid/Marker', 'svuid/Base', 'svuid/WithLambdas'];

  it("computes what the JDK's serialver prints, for classes without a serialVersionUID", () => {
    const expected = serialver(compiled.dir, computed.map((n) => n.replace(/\//g, '.')));
    expect(expected.size).toBe(computed.length);
    const byName = new Map(compiled.classes.map((c) => [c.name, c.bytes]));
    for (const name of computed) {
      const probe = new SvuidProbe();
      new ClassReader(byName.get(name)!).accept(probe, 0);
      expect(probe.hasSVUID(), name).toBe(false);
      expect(probe.value, name).toBe(expected.get(name.replace(/\//g, '.')));
    }
  });

  it('adds the field through a ClassWriter, and leaves classes with one (and enums) alone', () => {
    const byName = new Map(compiled.classes.map((c) => [c.name, c.bytes]));
    const fieldValue = (bytes: Uint8Array): unknown => {
      const node = new ClassNode();
      new ClassReader(bytes).accept(node, 0);
      const fields = node.fields.filter((f) => f.name === 'serialVersionUID');
      expect(fields.length).toBeLessThanOrEqual(1);
      return fields.length === 0 ? undefined : { access: fields[0]!.access, desc: fields[0]!.desc, value: fields[0]!.value };
    };
    const add = (name: string): { adder: SerialVersionUIDAdder; bytes: Uint8Array } => {
      const writer = new ClassWriter(0);
      const adder = new SerialVersionUIDAdder(writer);
      new ClassReader(byName.get(name)!).accept(adder, 0);
      return { adder, bytes: writer.toByteArray() };
    };
    const expected = serialver(compiled.dir, ['svuid.Plain', 'svuid.Declared']);
    expect(fieldValue(add('svuid/Plain').bytes)).toEqual({ access: Opcodes.ACC_FINAL | Opcodes.ACC_STATIC, desc: 'J', value: expected.get('svuid.Plain') });
    const declared = add('svuid/Declared');
    expect(declared.adder.hasSVUID()).toBe(true);
    expect(fieldValue(declared.bytes)).toEqual({ access: Opcodes.ACC_PRIVATE | Opcodes.ACC_FINAL | Opcodes.ACC_STATIC, desc: 'J', value: 42n });
    expect(expected.get('svuid.Declared')).toBe(42n);
    expect(fieldValue(add('svuid/Kind').bytes)).toBeUndefined();
  });
});

// ## StaticInitMerger

/** A class with two <clinit> methods (as when classes are merged), each printing a line, and a main. */
function twoInitializers(next: ClassVisitor): void {
  next.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, 'merge/Merged', null, 'java/lang/Object', null);
  for (const text of ['first', 'second']) {
    const mv = next.visitMethod(Opcodes.ACC_STATIC, '<clinit>', '()V', null, null)!;
    mv.visitCode();
    mv.visitFieldInsn(Opcodes.GETSTATIC, 'java/lang/System', 'out', 'Ljava/io/PrintStream;');
    mv.visitLdcInsn(text);
    mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, 'java/io/PrintStream', 'println', '(Ljava/lang/String;)V', false);
    mv.visitInsn(Opcodes.RETURN);
    mv.visitMaxs(2, 0);
    mv.visitEnd();
  }
  const main = next.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, 'main', '([Ljava/lang/String;)V', null, null)!;
  main.visitCode();
  main.visitFieldInsn(Opcodes.GETSTATIC, 'java/lang/System', 'out', 'Ljava/io/PrintStream;');
  main.visitLdcInsn('main');
  main.visitMethodInsn(Opcodes.INVOKEVIRTUAL, 'java/io/PrintStream', 'println', '(Ljava/lang/String;)V', false);
  main.visitInsn(Opcodes.RETURN);
  main.visitMaxs(2, 1);
  main.visitEnd();
  next.visitEnd();
}

describe('StaticInitMerger', () => {
  it('renames every <clinit> and adds one that calls them in order', () => {
    const node = new ClassNode();
    twoInitializers(new StaticInitMerger('clinit$', node));
    expect(node.methods.map((m) => `${m.access} ${m.name}${m.desc}`)).toEqual([
      `${Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC} clinit$0()V`,
      `${Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC} <clinit>()V`,
      `${Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC} clinit$1()V`,
      `${Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC} main([Ljava/lang/String;)V`,
    ]);
    const clinit = node.methods[1]!;
    const calls: string[] = [];
    for (const insn of clinit.instructions) calls.push(`${insn.getOpcode()}`);
    expect(calls).toEqual([`${Opcodes.INVOKESTATIC}`, `${Opcodes.INVOKESTATIC}`, `${Opcodes.RETURN}`]);
  });

  it('the merged class runs both initializers under -Xverify:all', async () => {
    const writer = new ClassWriter(0);
    twoInitializers(new StaticInitMerger(Opcodes.ASM9, 'init$', writer));
    const dir = await makeTempDir('merge');
    tempDirs.push(dir);
    await mkdir(join(dir, 'merge'), { recursive: true });
    await writeFile(join(dir, 'merge', 'Merged.class'), writer.toByteArray());
    const run = await runJava({ classpath: dir, mainClass: 'merge.Merged', jvmArgs: ['-Xverify:all'] });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('first\nsecond\nmain\n');
  });
});

// ## TryCatchBlockSorter

describe('TryCatchBlockSorter', () => {
  it('orders handlers innermost first and replays the method to its delegate', () => {
    const target = new MethodNode(Opcodes.ASM9, Opcodes.ACC_STATIC, 'm', '()V', null, null);
    const sorter = new TryCatchBlockSorter(target, Opcodes.ACC_STATIC, 'm', '()V', null, null);
    const [l0, l1, l2, l3, l4, handler1, handler2, handler3] = Array.from({ length: 8 }, () => new Label());
    sorter.visitCode();
    // Outermost first, as a tool wrapping existing code would add them.
    sorter.visitTryCatchBlock(l0!, l4!, handler1!, 'java/lang/Throwable');
    sorter.visitTryCatchBlock(l1!, l3!, handler2!, 'java/lang/Exception');
    sorter.visitTryCatchBlock(l2!, l3!, handler3!, 'java/lang/RuntimeException');
    sorter.visitLabel(l0!);
    sorter.visitInsn(Opcodes.NOP);
    sorter.visitLabel(l1!);
    sorter.visitInsn(Opcodes.NOP);
    sorter.visitInsn(Opcodes.NOP);
    sorter.visitLabel(l2!);
    sorter.visitInsn(Opcodes.NOP);
    sorter.visitLabel(l3!);
    sorter.visitInsn(Opcodes.NOP);
    sorter.visitLabel(l4!);
    sorter.visitInsn(Opcodes.RETURN);
    for (const handler of [handler1!, handler2!, handler3!]) {
      sorter.visitLabel(handler);
      sorter.visitInsn(Opcodes.POP);
      sorter.visitInsn(Opcodes.RETURN);
    }
    sorter.visitMaxs(1, 0);
    sorter.visitEnd();
    expect(sorter.tryCatchBlocks!.map((b) => b.type)).toEqual(['java/lang/RuntimeException', 'java/lang/Exception', 'java/lang/Throwable']);
    expect(target.tryCatchBlocks!.map((b) => b.type)).toEqual(['java/lang/RuntimeException', 'java/lang/Exception', 'java/lang/Throwable']);
    expect(target.instructions.size()).toBe(sorter.instructions.size());
  });
});

// ## CodeSizeEvaluator

describe('CodeSizeEvaluator', () => {
  it('counts exact sizes for fixed-size instructions and a range for widenable ones', () => {
    const evaluator = new CodeSizeEvaluator(null);
    evaluator.visitInsn(Opcodes.NOP); // 1
    evaluator.visitIntInsn(Opcodes.BIPUSH, 5); // 2
    evaluator.visitIntInsn(Opcodes.SIPUSH, 500); // 3
    evaluator.visitVarInsn(Opcodes.ILOAD, 2); // 1
    evaluator.visitVarInsn(Opcodes.ILOAD, 200); // 2
    evaluator.visitVarInsn(Opcodes.ILOAD, 300); // 4
    evaluator.visitVarInsn(Opcodes.RET, 1); // 2
    evaluator.visitIincInsn(1, 1); // 3
    evaluator.visitIincInsn(1, 1000); // 6
    evaluator.visitMethodInsn(Opcodes.INVOKEINTERFACE, 'a/I', 'm', '()V', true); // 5
    evaluator.visitMethodInsn(Opcodes.INVOKESTATIC, 'a/C', 'm', '()V', false); // 3
    evaluator.visitInvokeDynamicInsn('run', '()Ljava/lang/Runnable;', new Handle(Opcodes.H_INVOKESTATIC, 'a/B', 'b', '()V', false), []); // 5
    evaluator.visitMultiANewArrayInsn('[[I', 2); // 4
    evaluator.visitLdcInsn(5n); // 3
    evaluator.visitLdcInsn(new Double(1.5)); // 3
    expect(evaluator.getMinSize()).toBe(47);
    expect(evaluator.getMaxSize()).toBe(evaluator.getMinSize());
    const label = new Label();
    evaluator.visitLdcInsn('text'); // 2..3
    evaluator.visitJumpInsn(Opcodes.GOTO, label); // 3..5
    evaluator.visitJumpInsn(Opcodes.IFEQ, label); // 3..8
    evaluator.visitTableSwitchInsn(0, 2, label, [label, label, label]); // 25..28
    evaluator.visitLookupSwitchInsn(label, [1, 9], [label, label]); // 25..28
    const condy = new ConstantDynamic('c', 'J', new Handle(Opcodes.H_INVOKESTATIC, 'a/B', 'b', '()J', false));
    evaluator.visitLdcInsn(condy); // 3
    expect(evaluator.getMinSize()).toBe(47 + 2 + 3 + 3 + 25 + 25 + 3);
    expect(evaluator.getMaxSize()).toBe(47 + 3 + 5 + 8 + 28 + 28 + 3);
  });

  it("brackets the code length javac produced for every method of the fixtures", async () => {
    const build = fixtureBuilds().find((b) => b.javaHome === null)!;
    const compiled = await compileFixtureBuild(build);
    let methods = 0;
    const outside: string[] = [];
    for (const { name, bytes } of compiled.classes) {
      const raw = readRawClassFile(bytes);
      const lengths = new Map<string, number>();
      for (const method of raw.methods) {
        const code = method.attributes.find((a) => a.name === 'Code');
        if (code !== undefined) lengths.set(method.name + method.descriptor, readRawCode(code, raw.constantPool).code.length);
      }
      new ClassReader(bytes).accept(
        new (class extends ClassVisitor {
          override visitMethod(_access: number, methodName: string, descriptor: string): MethodVisitor | null {
            const key = methodName + descriptor;
            if (!lengths.has(key)) return null;
            return new (class extends CodeSizeEvaluator {
              override visitEnd(): void {
                methods++;
                const actual = lengths.get(key)!;
                if (actual < this.getMinSize() || actual > this.getMaxSize()) {
                  outside.push(`${name}.${key}: ${actual} not in [${this.getMinSize()}, ${this.getMaxSize()}]`);
                }
              }
            })(Opcodes.ASM9, null);
          }
        })(Opcodes.ASM9),
        0,
      );
    }
    expect(outside).toEqual([]);
    expect(methods).toBeGreaterThan(200);
  });
});

// ## Module attributes

describe('ModuleHashesAttribute, ModuleTargetAttribute, ModuleResolutionAttribute', () => {
  const prototypes = (): Attribute[] => [new ModuleHashesAttribute(), new ModuleTargetAttribute(), new ModuleResolutionAttribute()];

  /** Collects the class-level attributes of a class read with the prototypes. */
  function attributesOf(bytes: Uint8Array, visitor?: ClassVisitor): Attribute[] {
    const found: Attribute[] = [];
    new ClassReader(bytes).accept(
      new (class extends ClassVisitor {
        override visitAttribute(attribute: Attribute): void {
          found.push(attribute);
          super.visitAttribute(attribute);
        }
      })(Opcodes.ASM9, visitor ?? null),
      prototypes(),
      0,
    );
    return found;
  }

  const moduleInfo = join(javaBaseDirectory(), 'module-info.class');
  it.skipIf(!existsSync(moduleInfo))("parse java.base's module-info (from jmods) and write it back identically", () => {
    const bytes = new Uint8Array(readFileSync(moduleInfo));
    const attributes = attributesOf(bytes);
    const hashes = attributes.find((a) => a instanceof ModuleHashesAttribute) as ModuleHashesAttribute;
    const target = attributes.find((a) => a instanceof ModuleTargetAttribute) as ModuleTargetAttribute;
    expect(hashes.algorithm).toBe('SHA-256');
    expect(hashes.modules!.length).toBeGreaterThan(5);
    expect(hashes.modules).toContain('java.logging');
    expect(hashes.hashes!.every((h) => h.length === 32)).toBe(true);
    expect(target.platform).toMatch(/^[a-z]+-[a-z0-9]+$/);
    // Written through the typed attributes, the class is structurally the same class (javap agrees).
    const writer = new ClassWriter(0);
    new ClassReader(bytes).accept(writer, prototypes(), 0);
    const rewritten = writer.toByteArray();
    const again = attributesOf(rewritten);
    const hashesAgain = again.find((a) => a instanceof ModuleHashesAttribute) as ModuleHashesAttribute;
    expect(hashesAgain.modules).toEqual(hashes.modules);
    expect(hashesAgain.hashes).toEqual(hashes.hashes);
    expect((again.find((a) => a instanceof ModuleTargetAttribute) as ModuleTargetAttribute).platform).toBe(target.platform);
    // javap -v of both, constant pool indices aside, must agree.
    const dir = mkdtempSync(join(tmpdir(), 'classforge-modattr-'));
    tempDirs.push(dir);
    const javap = (data: Uint8Array, file: string): string => {
      const path = join(dir, file);
      writeFileSync(path, data);
      return execFileSync(join(javaHome(), 'bin', 'javap'), ['-v', path], { encoding: 'utf8' })
        .split('\n')
        .filter((line) => !/^(Classfile|\s*Last modified|\s*SHA-256 checksum|\s*#\d+ = )/.test(line))
        .join('\n');
    };
    const strip = (text: string): string => text.replace(/#\d+/g, '#');
    const after = strip(javap(rewritten, 'rewritten.class'));
    expect(after).toContain('ModuleHashes');
    expect(after).toBe(strip(javap(bytes, 'original.class')));
  });

  it('ClassRemapper renames the modules of ModuleHashes and of the Module attribute', () => {
    const writer = new ClassWriter(0);
    writer.visit(Opcodes.V9, Opcodes.ACC_MODULE, 'module-info', null, null, null);
    const mv = writer.visitModule('app.core', 0, '1.0')!;
    mv.visitRequire('java.base', Opcodes.ACC_MANDATED, null);
    mv.visitRequire('lib.util', 0, null);
    mv.visitExport('app/core/api', 0, ['lib.util']);
    mv.visitOpen('app/core/impl', 0, null);
    mv.visitPackage('app/core/api');
    mv.visitPackage('app/core/impl');
    mv.visitMainClass('app/core/Main');
    mv.visitUse('app/core/api/Service');
    mv.visitProvide('app/core/api/Service', ['app/core/impl/ServiceImpl']);
    mv.visitEnd();
    writer.visitAttribute(new ModuleHashesAttribute('SHA-256', ['lib.util'], [new Uint8Array([1, 2, 3])]));
    writer.visitAttribute(new ModuleResolutionAttribute(ModuleResolutionAttribute.RESOLUTION_WARN_INCUBATING));
    writer.visitAttribute(new ModuleTargetAttribute('linux-amd64'));
    writer.visitEnd();
    const original = writer.toByteArray();

    class Renamer extends Remapper {
      override map(internalName: string): string {
        return internalName.startsWith('app/') ? 'org/' + internalName : internalName;
      }
      override mapPackageName(name: string): string {
        return name.startsWith('app/') ? 'org/' + name : name;
      }
      override mapModuleName(name: string): string {
        return name.startsWith('java.') ? name : 'org.' + name;
      }
    }
    const out = new ClassWriter(0);
    new ClassReader(original).accept(new ClassRemapper(out, new Renamer()), prototypes(), 0);
    const node = new ClassNode();
    const attributes = attributesOf(out.toByteArray(), node);
    const module = node.module!;
    expect(module.name).toBe('org.app.core');
    expect(module.requires!.map((r) => r.module)).toEqual(['java.base', 'org.lib.util']);
    expect(module.exports!.map((e) => `${e.packaze}->${e.modules}`)).toEqual(['org/app/core/api->org.lib.util']);
    expect(module.opens!.map((o) => o.packaze)).toEqual(['org/app/core/impl']);
    expect(module.packages).toEqual(['org/app/core/api', 'org/app/core/impl']);
    expect(module.mainClass).toBe('org/app/core/Main');
    expect(module.uses).toEqual(['org/app/core/api/Service']);
    expect(module.provides!.map((p) => `${p.service}:${p.providers}`)).toEqual(['org/app/core/api/Service:org/app/core/impl/ServiceImpl']);
    const hashes = attributes.find((a) => a instanceof ModuleHashesAttribute) as ModuleHashesAttribute;
    expect(hashes.modules).toEqual(['org.lib.util']);
    expect([...hashes.hashes![0]!]).toEqual([1, 2, 3]);
    expect((attributes.find((a) => a instanceof ModuleResolutionAttribute) as ModuleResolutionAttribute).resolution).toBe(8);
    expect((attributes.find((a) => a instanceof ModuleTargetAttribute) as ModuleTargetAttribute).platform).toBe('linux-amd64');
  });
});

// ## Remapper helpers

describe('Remapper and SimpleRemapper', () => {
  const remapper = new SimpleRemapper({
    'a/Outer': 'b/Renamed',
    'a/Outer$Inner': 'b/Renamed$Nested',
    'a/Outer$1Local': 'b/Renamed$1Local',
    'a/Plain': 'c/Plain',
    'a/Outer.f': 'g',
    'a/Outer.m(La/Plain;)V': 'n',
    '.run()Ljava/lang/Runnable;': 'go',
    'La/Note;.value': 'text',
  });

  it('maps descriptors, method descriptors, array types and values', () => {
    expect(remapper.mapDesc('[[La/Outer$Inner;')).toBe('[[Lb/Renamed$Nested;');
    expect(remapper.mapDesc('I')).toBe('I');
    expect(remapper.mapType('[La/Plain;')).toBe('[Lc/Plain;');
    expect(remapper.mapType('a/Unknown')).toBe('a/Unknown');
    expect(remapper.mapType(null)).toBeNull();
    expect(remapper.mapMethodDesc('(ILa/Plain;[J)La/Outer;')).toBe('(ILc/Plain;[J)Lb/Renamed;');
    expect(remapper.mapMethodDesc('()V')).toBe('()V');
    const names = ['a/Unknown', 'java/lang/Object'];
    expect(remapper.mapTypes(names)).not.toBe(names);
    expect(remapper.mapTypes(['a/Plain', 'x/Y'])).toEqual(['c/Plain', 'x/Y']);
    expect(remapper.mapValue(Type.getType('(La/Plain;)La/Outer;')).getDescriptor()).toBe('(Lc/Plain;)Lb/Renamed;');
    const handle = remapper.mapValue(new Handle(Opcodes.H_INVOKEVIRTUAL, 'a/Outer', 'm', '(La/Plain;)V', false));
    expect([handle.getOwner(), handle.getName(), handle.getDesc()]).toEqual(['b/Renamed', 'n', '(Lc/Plain;)V']);
    const field = remapper.mapValue(new Handle(Opcodes.H_GETFIELD, 'a/Outer', 'f', 'La/Plain;', false));
    expect([field.getOwner(), field.getName(), field.getDesc()]).toEqual(['b/Renamed', 'g', 'Lc/Plain;']);
    const condy = remapper.mapValue(
      new ConstantDynamic('run', 'La/Plain;', new Handle(Opcodes.H_INVOKESTATIC, 'a/Outer', 'm', '(La/Plain;)V', false), Type.getType('La/Outer;'), 3),
    );
    expect(condy.getDescriptor()).toBe('Lc/Plain;');
    expect(condy.getBootstrapMethod().getOwner()).toBe('b/Renamed');
    expect((condy.getBootstrapMethodArgument(0) as Type).getInternalName()).toBe('b/Renamed');
    expect(condy.getBootstrapMethodArgument(1)).toBe(3);
    expect(remapper.mapValue('a/Outer')).toBe('a/Outer');
  });

  it('maps signatures, including inner class types of parameterized outer types', () => {
    expect(remapper.mapSignature('<T:La/Plain;>La/Outer<TT;>;Ljava/lang/Comparable<La/Outer<TT;>.Inner;>;', false)).toBe(
      '<T:Lc/Plain;>Lb/Renamed<TT;>;Ljava/lang/Comparable<Lb/Renamed<TT;>.Nested;>;',
    );
    expect(remapper.mapSignature('Ljava/util/List<+[La/Plain;>;', true)).toBe('Ljava/util/List<+[Lc/Plain;>;');
    expect(remapper.mapSignature(null, true)).toBeNull();
  });

  it('maps inner class simple names as ASM does, and member names by ASM key', () => {
    expect(remapper.mapInnerClassName('a/Outer$Inner', 'a/Outer', 'Inner')).toBe('Nested');
    expect(remapper.mapInnerClassName('a/Outer$1Local', null, 'Local')).toBe('Local');
    expect(remapper.mapInnerClassName('a/Other$X', 'a/Other', 'X')).toBe('X');
    expect(new SimpleRemapper(new Map([['p/A$B', 'q/A$B']])).mapInnerClassName('p/A$B', 'p/A', 'B')).toBe('B');
    expect(remapper.mapFieldName('a/Outer', 'f', 'I')).toBe('g');
    expect(remapper.mapFieldName('a/Other', 'f', 'I')).toBe('f');
    expect(remapper.mapMethodName('a/Outer', 'm', '(La/Plain;)V')).toBe('n');
    expect(remapper.mapInvokeDynamicMethodName('run', '()Ljava/lang/Runnable;')).toBe('go');
    expect(remapper.mapAnnotationAttributeName('La/Note;', 'value')).toBe('text');
    expect(new SimpleRemapper('x/A', 'y/B').map('x/A')).toBe('y/B');
    expect(new SimpleRemapper(Opcodes.ASM9, 'x/A', 'y/B').mapType('x/A')).toBe('y/B');
    expect(new SimpleRemapper({}).map('constructor')).toBeNull();
  });

  it('ModuleRemapper forwards to its delegate with remapped names', () => {
    const seen: string[] = [];
    const sink = new (class extends ModuleVisitor {
      override visitExport(packaze: string, access: number, modules: string[] | null): void {
        seen.push(`export ${packaze} ${access} ${modules}`);
      }
      override visitUse(service: string): void {
        seen.push(`use ${service}`);
      }
    })(Opcodes.ASM9);
    const moduleRemapper = new ModuleRemapper(sink, new SimpleRemapper({ 'a/Plain': 'c/Plain' }));
    moduleRemapper.visitExport('a', 0, null);
    moduleRemapper.visitUse('a/Plain');
    expect(seen).toEqual(['export a 0 null', 'use c/Plain']);
  });
});
