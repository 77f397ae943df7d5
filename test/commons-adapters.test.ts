// src/commons adapters: AdviceAdapter, GeneratorAdapter, LocalVariablesSorter, AnalyzerAdapter,
// InstructionAdapter and Method, judged by HotSpot (-Xverify:all) and, where the Debian asm jars
// are installed, by ASM 9.4's own asm-commons run on the same classes.

import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ClassReader } from '../src/asm/class-reader.js';
import { ClassVisitor } from '../src/asm/class-visitor.js';
import { type ClassHierarchy, ClassWriter } from '../src/asm/class-writer.js';
import { IllegalArgumentException, IllegalStateException } from '../src/asm/java-exceptions.js';
import { Double, Float } from '../src/asm/java-values.js';
import { Label } from '../src/asm/label.js';
import { type FrameElement, MethodVisitor } from '../src/asm/method-visitor.js';
import { Opcodes } from '../src/asm/opcodes.js';
import { Type } from '../src/asm/type.js';
import { AdviceAdapter } from '../src/commons/advice-adapter.js';
import { AnalyzerAdapter } from '../src/commons/analyzer-adapter.js';
import { GeneratorAdapter } from '../src/commons/generator-adapter.js';
import { InstructionAdapter } from '../src/commons/instruction-adapter.js';
import { LocalVariablesSorter } from '../src/commons/local-variables-sorter.js';
import { Method } from '../src/commons/method.js';
import type { TableSwitchGenerator } from '../src/commons/table-switch-generator.js';
import { MethodNode } from '../src/tree/method-node.js';
import { StringWriter } from '../src/util/string-writer.js';
import { Textifier } from '../src/util/textifier.js';
import { TraceClassVisitor } from '../src/util/trace-class-visitor.js';
import { TraceMethodVisitor } from '../src/util/trace-method-visitor.js';
import { javaBaseDirectory } from './support/corpus.js';
import { type CompiledClass, FIXTURES_DIR, compileJava, makeTempDir, runJava } from './support/javac.js';

const VERIFY = ['-Xverify:all'];
const ASM_JARS = ['asm', 'asm-tree', 'asm-analysis', 'asm-commons', 'asm-util'].map((n) => `/usr/share/java/${n}.jar`);
const HAVE_ASM = ASM_JARS.every((jar) => existsSync(jar));

// ## Helpers

/** A class hierarchy over the given classes, then java.base read from its extracted class files. */
function hierarchyOf(classes: readonly CompiledClass[]): ClassHierarchy {
  const readers = new Map<string, ClassReader | null>();
  for (const c of classes) readers.set(c.name, new ClassReader(c.bytes));
  let jdkRoot: string | null = null;
  const reader = (name: string): ClassReader | null => {
    let r = readers.get(name);
    if (r === undefined) {
      jdkRoot ??= javaBaseDirectory();
      const path = join(jdkRoot, `${name}.class`);
      r = existsSync(path) ? new ClassReader(readFileSync(path)) : null;
      readers.set(name, r);
    }
    return r;
  };
  return {
    getSuperName: (name) => {
      const r = reader(name);
      return r === null ? undefined : r.getSuperName();
    },
    isInterface: (name) => {
      const r = reader(name);
      return r === null ? undefined : (r.getAccess() & Opcodes.ACC_INTERFACE) !== 0;
    },
    getInterfaces: (name) => {
      const r = reader(name);
      return r === null ? undefined : r.getInterfaces();
    },
  };
}

async function writeClasses(dir: string, classes: ReadonlyArray<{ name: string; bytes: Uint8Array }>): Promise<void> {
  for (const { name, bytes } of classes) {
    const path = join(dir, `${name}.class`);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, bytes);
  }
}

/** The Textifier listing of a class. */
function textify(bytes: Uint8Array, wrap?: (mv: MethodVisitor) => MethodVisitor): string {
  const out = new StringWriter();
  const trace = new TraceClassVisitor(out);
  const visitor = wrap
    ? new (class extends ClassVisitor {
        override visitMethod(
          access: number,
          name: string,
          descriptor: string,
          signature: string | null,
          exceptions: string[] | null,
        ): MethodVisitor | null {
          const mv = super.visitMethod(access, name, descriptor, signature, exceptions);
          return mv === null ? null : wrap(mv);
        }
      })(Opcodes.ASM9, trace)
    : trace;
  new ClassReader(bytes).accept(visitor, 0);
  return out.toString();
}

/** Runs ASM 9.4's adapters through fixtures/commons/harness/AsmHarness.java. */
let harnessDir: string | null = null;
async function asmHarness(mode: 'analyzer' | 'jsr' | 'advice', classFiles: string[]): Promise<string> {
  if (harnessDir === null) {
    const compiled = await compileJava(join(FIXTURES_DIR, 'commons', 'harness'), { options: ['-cp', ASM_JARS.join(':')] });
    harnessDir = compiled.dir;
  }
  const run = await runJava({ classpath: [harnessDir, ...ASM_JARS], mainClass: 'AsmHarness', args: [mode, ...classFiles] });
  expect(run.stderr).toBe('');
  expect(run.exitCode).toBe(0);
  return run.stdout;
}

/** Applies a method-visitor factory to every method and writes with COMPUTE_FRAMES. */
function transform(
  bytes: Uint8Array,
  hierarchy: ClassHierarchy,
  factory: (owner: string, access: number, name: string, descriptor: string, mv: MethodVisitor) => MethodVisitor,
): Uint8Array {
  const writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES, { classPath: hierarchy });
  let owner = '';
  const visitor = new (class extends ClassVisitor {
    override visit(
      version: number,
      access: number,
      name: string,
      signature: string | null,
      superName: string | null,
      interfaces: string[] | null,
    ): void {
      owner = name;
      super.visit(version, access, name, signature, superName, interfaces);
    }

    override visitMethod(
      access: number,
      name: string,
      descriptor: string,
      signature: string | null,
      exceptions: string[] | null,
    ): MethodVisitor | null {
      const mv = super.visitMethod(access, name, descriptor, signature, exceptions);
      if (mv === null || (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) !== 0) return mv;
      return factory(owner, access, name, descriptor, mv);
    }
  })(Opcodes.ASM9, writer);
  new ClassReader(bytes).accept(visitor, ClassReader.EXPAND_FRAMES);
  return writer.toByteArray();
}

const PRINT_STREAM = Type.getObjectType('java/io/PrintStream');
const PRINTLN = Method.getMethod('void println(String)');

/** The tracing transform of the brief, as ASM users write it. */
class Tracer extends AdviceAdapter {
  private readonly id: string;

  constructor(mv: MethodVisitor, access: number, name: string, descriptor: string, id: string) {
    super(Opcodes.ASM9, mv, access, name, descriptor);
    this.id = id;
  }

  private print(text: string): void {
    this.getStatic(Type.getObjectType('java/lang/System'), 'out', Type.getType('Ljava/io/PrintStream;'));
    this.push(text);
    this.invokeVirtual(PRINT_STREAM, PRINTLN);
  }

  protected override onMethodEnter(): void {
    this.print(`enter ${this.id}`);
  }

  protected override onMethodExit(opcode: number): void {
    this.print(`${opcode === Opcodes.ATHROW ? 'throw' : 'exit'} ${this.id}`);
  }
}

// ## Fixtures

let advice: { dir: string; classes: CompiledClass[] };
let fixtures: { dir: string; classes: CompiledClass[] };

beforeAll(async () => {
  advice = await compileJava(join(FIXTURES_DIR, 'commons', 'advice'), { release: 17 });
  fixtures = await compileJava([join(FIXTURES_DIR, 'core'), join(FIXTURES_DIR, 'modern')], {
    options: ['-g', '-parameters'],
  });
}, 120_000);

// ## Method

describe('Method', () => {
  it('parses Java declarations as ASM does', () => {
    expect(Method.getMethod('void main (String[])').getDescriptor()).toBe('([Ljava/lang/String;)V');
    expect(Method.getMethod('int[][] f(long, java.util.List,double[] )').toString()).toBe(
      'f(JLjava/util/List;[D)[[I',
    );
    expect(Method.getMethod('Object g()', true).getDescriptor()).toBe('()LObject;');
    expect(Method.getMethod('void <init> ()').getName()).toBe('<init>');
    expect(() => Method.getMethod('nospace')).toThrow(IllegalArgumentException);
    const m = new Method('h', Type.LONG_TYPE, [Type.INT_TYPE, Type.getType('[Ljava/lang/String;')]);
    expect(m.getDescriptor()).toBe('(I[Ljava/lang/String;)J');
    expect(m.getReturnType()).toBe(Type.LONG_TYPE);
    expect(m.getArgumentTypes().map(String)).toEqual(['I', '[Ljava/lang/String;']);
    expect(m.equals(new Method('h', '(I[Ljava/lang/String;)J'))).toBe(true);
    expect(m.equals(new Method('h', '()J'))).toBe(false);
    // String.hashCode("h") ^ String.hashCode("(I[Ljava/lang/String;)J"), computed by Java.
    expect(m.hashCode()).toBe(104 ^ javaHash('(I[Ljava/lang/String;)J'));
  });
});

function javaHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

// ## AdviceAdapter

const ADVICE_EXPECTED = `enter AdviceApp.main([Ljava/lang/String;)V
enter AdviceApp$Base.<init>(Ljava/lang/String;)V
Base(pos5/sb5)
exit AdviceApp$Base.<init>(Ljava/lang/String;)V
enter AdviceApp$Base.<init>(Ljava/lang/String;Ljava/lang/Object;)V
exit AdviceApp$Base.<init>(Ljava/lang/String;Ljava/lang/Object;)V
enter AdviceApp$Derived.<init>(I)V
exit AdviceApp$Derived.<init>(I)V
enter AdviceApp$Derived.describe()Ljava/lang/String;
exit AdviceApp$Derived.describe()Ljava/lang/String;
pos5/sb5:5
enter AdviceApp$Base.<init>(Ljava/lang/String;)V
Base(neg/sb-2)
exit AdviceApp$Base.<init>(Ljava/lang/String;)V
enter AdviceApp$Base.<init>(Ljava/lang/String;Ljava/lang/Object;)V
exit AdviceApp$Base.<init>(Ljava/lang/String;Ljava/lang/Object;)V
enter AdviceApp$Derived.<init>(I)V
exit AdviceApp$Derived.<init>(I)V
enter AdviceApp$Derived.describe()Ljava/lang/String;
exit AdviceApp$Derived.describe()Ljava/lang/String;
neg/sb-2:-2
enter AdviceApp$Base.<init>(Ljava/lang/String;)V
Base(pos7/sb7)
exit AdviceApp$Base.<init>(Ljava/lang/String;)V
enter AdviceApp$Base.<init>(Ljava/lang/String;Ljava/lang/Object;)V
exit AdviceApp$Base.<init>(Ljava/lang/String;Ljava/lang/Object;)V
enter AdviceApp$Derived.<init>(I)V
exit AdviceApp$Derived.<init>(I)V
enter AdviceApp$Derived.<init>()V
Derived() n=7
exit AdviceApp$Derived.<init>()V
enter AdviceApp$Derived.describe()Ljava/lang/String;
exit AdviceApp$Derived.describe()Ljava/lang/String;
pos7/sb7:7
enter AdviceApp$Base.<init>(Ljava/lang/String;)V
Base(Object/3)
exit AdviceApp$Base.<init>(Ljava/lang/String;)V
enter AdviceApp$Base.<init>(Ljava/lang/String;Ljava/lang/Object;)V
exit AdviceApp$Base.<init>(Ljava/lang/String;Ljava/lang/Object;)V
enter AdviceApp$Derived.<init>(Ljava/lang/String;JD)V
exit AdviceApp$Derived.<init>(Ljava/lang/String;JD)V
enter AdviceApp$Derived.describe()Ljava/lang/String;
exit AdviceApp$Derived.describe()Ljava/lang/String;
Object/3:3
enter AdviceApp$Base.<init>(Ljava/lang/String;)V
Base(s/2.5)
exit AdviceApp$Base.<init>(Ljava/lang/String;)V
enter AdviceApp$Base.<init>(Ljava/lang/String;Ljava/lang/Object;)V
exit AdviceApp$Base.<init>(Ljava/lang/String;Ljava/lang/Object;)V
enter AdviceApp$Derived.<init>(Ljava/lang/String;JD)V
exit AdviceApp$Derived.<init>(Ljava/lang/String;JD)V
enter AdviceApp$Derived.describe()Ljava/lang/String;
exit AdviceApp$Derived.describe()Ljava/lang/String;
s/2.5:1
enter AdviceApp$Base.<init>(Ljava/lang/String;)V
Base(beta)
exit AdviceApp$Base.<init>(Ljava/lang/String;)V
enter AdviceApp$Derived.<init>(C)V
exit AdviceApp$Derived.<init>(C)V
enter AdviceApp$Derived.describe()Ljava/lang/String;
exit AdviceApp$Derived.describe()Ljava/lang/String;
beta:0
throw AdviceApp$Derived.<init>(C)V
caught kind z
enter AdviceApp$Failing.check(I)Ljava/lang/String;
exit AdviceApp$Failing.check(I)Ljava/lang/String;
enter AdviceApp$Base.<init>(Ljava/lang/String;)V
Base(ok4)
exit AdviceApp$Base.<init>(Ljava/lang/String;)V
enter AdviceApp$Failing.<init>(I)V
exit AdviceApp$Failing.<init>(I)V
ok4
enter AdviceApp$Failing.check(I)Ljava/lang/String;
throw AdviceApp$Failing.check(I)Ljava/lang/String;
caught negative -1
enter AdviceApp$Failing.check(I)Ljava/lang/String;
exit AdviceApp$Failing.check(I)Ljava/lang/String;
enter AdviceApp$Base.<init>(Ljava/lang/String;)V
Base(ok11)
exit AdviceApp$Base.<init>(Ljava/lang/String;)V
enter AdviceApp$Failing.<init>(I)V
throw AdviceApp$Failing.<init>(I)V
caught too big 11
enter AdviceApp.compute(IJ)I
finally 2
exit AdviceApp.compute(IJ)I
enter AdviceApp.compute(IJ)I
throw AdviceApp.compute(IJ)I
finally 3
exit AdviceApp.compute(IJ)I
42 -1
enter AdviceApp.twice(J)J
exit AdviceApp.twice(J)J
enter AdviceApp.half(D)D
exit AdviceApp.half(D)D
enter AdviceApp.third(F)F
exit AdviceApp.third(F)F
42 1.5 0.5
enter AdviceApp.thrower()V
throw AdviceApp.thrower()V
caught nope
exit AdviceApp.main([Ljava/lang/String;)V
`;

describe('AdviceAdapter', () => {
  it('traces entries (after super()/this() in constructors) and every exit; the program still runs under -Xverify:all', async () => {
    const original = await runJava({ classpath: advice.dir, mainClass: 'AdviceApp', jvmArgs: VERIFY });
    expect(original.exitCode).toBe(0);
    const hierarchy = hierarchyOf(advice.classes);
    const traced = advice.classes.map((c) => ({
      name: c.name,
      bytes: transform(c.bytes, hierarchy, (owner, access, name, descriptor, mv) =>
        new Tracer(mv, access, name, descriptor, `${owner}.${name}${descriptor}`),
      ),
    }));
    const dir = await makeTempDir('commons-advice');
    await writeClasses(dir, traced);
    const run = await runJava({ classpath: dir, mainClass: 'AdviceApp', jvmArgs: VERIFY });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const programLines = run.stdout.split('\n').filter((l) => !/^(enter|exit|throw) /.test(l));
    expect(programLines.join('\n')).toBe(original.stdout);
    expect(run.stdout).toBe(ADVICE_EXPECTED);
  }, 60_000);

  it.skipIf(!HAVE_ASM)('inserts its advice exactly where ASM 9.4 does', async () => {
    const ours = advice.classes
      .map((c) => {
        const reader = new ClassReader(c.bytes);
        const out: string[] = [];
        const owner = reader.getClassName();
        reader.accept(
          new (class extends ClassVisitor {
            override visitMethod(
              access: number,
              name: string,
              descriptor: string,
              _signature: string | null,
              _exceptions: string[] | null,
            ): MethodVisitor {
              const id = `${owner}.${name}${descriptor}`;
              const textifier = new Textifier();
              const trace = new (class extends MethodVisitor {
                override visitEnd(): void {
                  super.visitEnd();
                  const sw = new StringWriter();
                  textifier.print(sw);
                  out.push(`method ${id}\n${sw.toString()}`);
                }
              })(Opcodes.ASM9, new TraceMethodVisitor(null, textifier));
              return new Tracer(trace, access, name, descriptor, id);
            }
          })(Opcodes.ASM9),
          ClassReader.EXPAND_FRAMES,
        );
        return out.join('');
      })
      .join('');
    const theirs = await asmHarness(
      'advice',
      advice.classes.map((c) => c.path),
    );
    expect(ours).toBe(theirs);
  }, 60_000);

  it('simulates a handler after super() that calls private methods returning values (javac --release 8: invokespecial)', async () => {
    // log4j's ZeroConfSupport, xalan's XPathResultImpl: read without frames (as `classforge transform`
    // reads), a handler's code is simulated as if before the super call, and an invokespecial of a
    // private method must push its result (before: "operand stack underflow" at the putfield).
    const source = `public class PrivateCalls {
  Object info;
  PrivateCalls(String name) {
    super();
    boolean found = false;
    try { Class.forName(name); found = true; } catch (ClassNotFoundException e) { }
    if (found) info = build(name); else info = build(name + "?");
  }
  private Object build(String s) { return "built " + s; }
  private long twice(long x) { return 2 * x; }
  PrivateCalls(long x) {
    this(String.valueOf(x));
    long y = 0;
    try { y = Long.parseLong("" + x); } catch (NumberFormatException e) { y = twice(x) + twice(1); }
    info = y;
  }
  public static void main(String[] args) {
    System.out.println(new PrivateCalls("java.lang.String").info + " " + new PrivateCalls("nope").info + " " + new PrivateCalls(21).info);
  }
}`;
    const compiled = await compileJava({ 'PrivateCalls.java': source }, { release: 8 });
    const bytes = compiled.classes.find((c) => c.name === 'PrivateCalls')!.bytes;
    const writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES, { classPath: hierarchyOf(compiled.classes) });
    new ClassReader(bytes).accept(
      new (class extends ClassVisitor {
        override visitMethod(access: number, name: string, descriptor: string, signature: string | null, exceptions: string[] | null): MethodVisitor {
          const mv = super.visitMethod(access, name, descriptor, signature, exceptions)!;
          return new Tracer(mv, access, name, descriptor, name + descriptor);
        }
      })(Opcodes.ASM9, writer),
      ClassReader.SKIP_FRAMES,
    );
    const dir = await makeTempDir('commons-advice-private');
    await writeClasses(dir, [{ name: 'PrivateCalls', bytes: writer.toByteArray() }]);
    const run = await runJava({ classpath: dir, mainClass: 'PrivateCalls', jvmArgs: VERIFY });
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n').filter((l) => l.includes('<init>(Ljava/lang/String;)V'))).toEqual(
      Array(6).fill(0).map((_, i) => `${i % 2 === 0 ? 'enter' : 'exit'} <init>(Ljava/lang/String;)V`),
    );
    expect(run.stdout).toContain('built java.lang.String built nope? 21\n');
  }, 60_000);

  it('calls onMethodEnter once per method, in constructors at the super()/this() call whatever the branches in its arguments', () => {
    const derived = advice.classes.find((c) => c.name === 'AdviceApp$Derived')!;
    const counts = new Map<string, number>();
    new ClassReader(derived.bytes).accept(
      new (class extends ClassVisitor {
        override visitMethod(access: number, name: string, descriptor: string): MethodVisitor {
          const key = name + descriptor;
          counts.set(key, 0);
          return new (class extends AdviceAdapter {
            constructor() {
              super(Opcodes.ASM9, null, access, name, descriptor);
            }

            protected override onMethodEnter(): void {
              counts.set(key, counts.get(key)! + 1);
            }
          })();
        }
      })(Opcodes.ASM9),
      ClassReader.EXPAND_FRAMES,
    );
    expect(Object.fromEntries(counts)).toEqual({
      '<init>(I)V': 1,
      '<init>()V': 1,
      '<init>(Ljava/lang/String;JD)V': 1,
      '<init>(C)V': 1,
      'describe()Ljava/lang/String;': 1,
    });
  });
});

// ## GeneratorAdapter

/** Generates class Gen from scratch with GeneratorAdapter only. */
function generateClass(): Uint8Array {
  const cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES, { classPath: hierarchyOf([]) });
  cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, 'Gen', null, 'java/lang/Object', null);
  const gen = Type.getObjectType('Gen');
  const sb = Type.getObjectType('java/lang/StringBuilder');
  const out = Type.getObjectType('java/io/PrintStream');
  cw.visitField(Opcodes.ACC_PRIVATE, 'value', 'I', null, null)!.visitEnd();

  // Gen(int v) { this.value = v; }
  let m = new GeneratorAdapter(Opcodes.ACC_PUBLIC, Method.getMethod('void <init> (int)'), null, null, cw);
  m.visitCode();
  m.loadThis();
  m.invokeConstructor(Type.getObjectType('java/lang/Object'), Method.getMethod('void <init> ()'));
  m.loadThis();
  m.loadArg(0);
  m.putField(gen, 'value', Type.INT_TYPE);
  m.returnValue();
  m.endMethod();

  // static int square(int x) { return x * x; }
  m = new GeneratorAdapter(Opcodes.ACC_STATIC, Method.getMethod('int square(int)'), null, null, cw);
  m.visitCode();
  m.loadArg(0);
  m.dup();
  m.math(GeneratorAdapter.MUL, Type.INT_TYPE);
  m.returnValue();
  m.endMethod();

  // static String args(int a, long b, String c, double d) { return Arrays.toString(new Object[] {a, b, c, d}); }
  m = new GeneratorAdapter(Opcodes.ACC_STATIC, Method.getMethod('String args(int, long, String, double)'), null, null, cw);
  m.visitCode();
  m.loadArgArray();
  m.invokeStatic(Type.getObjectType('java/util/Arrays'), Method.getMethod('String toString(Object[])'));
  m.returnValue();
  m.endMethod();

  // public static void main(String[] args)
  const main = new GeneratorAdapter(
    Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC,
    Method.getMethod('void main (String[])'),
    null,
    [Type.getObjectType('java/lang/Exception')],
    cw,
  );
  const println = (descriptor: string): void => {
    main.invokeVirtual(out, new Method('println', `(${descriptor})V`));
  };
  const getOut = (): void => main.getStatic(Type.getObjectType('java/lang/System'), 'out', out);
  main.visitCode();

  // long sum = 0; for (int i = 0; i < 10; i++) sum += square(i); println(sum)
  const sum = main.newLocal(Type.LONG_TYPE);
  const i = main.newLocal(Type.INT_TYPE);
  main.push(0n);
  main.storeLocal(sum);
  main.push(0);
  main.storeLocal(i);
  const loop = main.mark();
  const done = main.newLabel();
  main.loadLocal(i);
  main.push(10);
  main.ifICmp(GeneratorAdapter.GE, done);
  main.loadLocal(sum);
  main.loadLocal(i);
  main.invokeStatic(gen, Method.getMethod('int square(int)'));
  main.cast(Type.INT_TYPE, Type.LONG_TYPE);
  main.math(GeneratorAdapter.ADD, Type.LONG_TYPE);
  main.storeLocal(sum);
  main.iinc(i, 1);
  main.goTo(loop);
  main.mark(done);
  getOut();
  main.loadLocal(sum);
  println('J');

  // switch over 0..6 with a table (keys 1,2,3,5) and a lookup (keys 0, 4, 6): prints one line each.
  const k = main.newLocal(Type.INT_TYPE);
  main.push(0);
  main.storeLocal(k);
  const switchLoop = main.mark();
  const switchDone = main.newLabel();
  main.loadLocal(k);
  main.push(7);
  main.ifICmp(GeneratorAdapter.GE, switchDone);
  const textCases = (prefix: string): TableSwitchGenerator => ({
    generateCase(key: number, end: Label): void {
      getOut();
      main.push(`${prefix} case ${key}`);
      println('Ljava/lang/String;');
      main.goTo(end);
    },
    generateDefault(): void {
      getOut();
      main.push(`${prefix} default`);
      println('Ljava/lang/String;');
    },
  });
  main.loadLocal(k);
  main.tableSwitch([1, 2, 3, 5], textCases('table'));
  main.loadLocal(k);
  main.tableSwitch([0, 4, 6], textCases('lookup'), false);
  main.iinc(k, 1);
  main.goTo(switchLoop);
  main.mark(switchDone);

  // new StringBuilder().append(boxed and unboxed values, pushes of every kind).toString()
  main.newInstance(sb);
  main.dup();
  main.invokeConstructor(sb, Method.getMethod('void <init>()'));
  const append = (descriptor: string): void => {
    main.invokeVirtual(sb, new Method('append', `(${descriptor})Ljava/lang/StringBuilder;`));
    main.push(' ');
    main.invokeVirtual(sb, Method.getMethod('StringBuilder append(String)'));
  };
  main.push(new Double(2.5));
  main.box(Type.DOUBLE_TYPE);
  append('Ljava/lang/Object;');
  main.push(41);
  main.valueOf(Type.INT_TYPE);
  main.unbox(Type.INT_TYPE);
  main.push(1);
  main.math(GeneratorAdapter.ADD, Type.INT_TYPE);
  append('I');
  main.push(new Float(2));
  main.push(new Float(0.25));
  main.math(GeneratorAdapter.MUL, Type.FLOAT_TYPE);
  append('F');
  main.push(123456789012n);
  main.push(1n);
  main.math(GeneratorAdapter.SUB, Type.LONG_TYPE);
  append('J');
  main.push(300);
  main.cast(Type.INT_TYPE, Type.BYTE_TYPE);
  append('I');
  main.push(true);
  main.not();
  append('Z');
  main.push(Type.INT_TYPE);
  append('Ljava/lang/Object;');
  main.push(Type.getObjectType('java/lang/String'));
  append('Ljava/lang/Object;');
  main.push(-70000);
  main.push(3);
  main.math(GeneratorAdapter.REM, Type.INT_TYPE);
  append('I');
  // swap(long, int): (7L, 2) → (2, 7L); 7L << 2.
  main.push(7n);
  main.push(2);
  main.swap(Type.LONG_TYPE, Type.INT_TYPE);
  main.swap(Type.INT_TYPE, Type.LONG_TYPE);
  main.math(GeneratorAdapter.SHL, Type.LONG_TYPE);
  append('J');
  // NaN < 1.0 and NaN > 1.0 are both false.
  const notLess = main.newLabel();
  const afterCompare = main.newLabel();
  main.pushDouble(Number.NaN);
  main.push(new Double(1));
  main.ifCmp(Type.DOUBLE_TYPE, GeneratorAdapter.LT, notLess);
  main.pushDouble(Number.NaN);
  main.push(new Double(1));
  main.ifCmp(Type.DOUBLE_TYPE, GeneratorAdapter.GT, notLess);
  main.push('nan-unordered');
  main.goTo(afterCompare);
  main.mark(notLess);
  main.push('nan-ordered');
  main.mark(afterCompare);
  append('Ljava/lang/String;');
  // new Gen(6).value
  main.newInstance(gen);
  main.dup();
  main.push(6);
  main.invokeConstructor(gen, Method.getMethod('void <init>(int)'));
  main.getField(gen, 'value', Type.INT_TYPE);
  append('I');
  main.push(3);
  main.push(4n);
  main.push('c');
  main.push(new Double(0.5));
  main.invokeStatic(gen, Method.getMethod('String args(int, long, String, double)'));
  append('Ljava/lang/String;');
  main.invokeVirtual(sb, Method.getMethod('String toString()'));
  const text = main.newLocal(Type.getObjectType('java/lang/String'));
  main.storeLocal(text);
  getOut();
  main.loadLocal(text);
  println('Ljava/lang/String;');

  // try { throw new IllegalStateException("boom"); } catch (IllegalStateException e) { println(e.getMessage()); }
  const start = main.mark();
  main.throwException(Type.getObjectType('java/lang/IllegalStateException'), 'boom');
  const end = main.mark();
  main.catchException(start, end, Type.getObjectType('java/lang/IllegalStateException'));
  main.invokeVirtual(Type.getObjectType('java/lang/Throwable'), Method.getMethod('String getMessage()'));
  const message = main.newLocal(Type.getObjectType('java/lang/String'));
  main.storeLocal(message);
  getOut();
  main.loadLocal(message);
  println('Ljava/lang/String;');
  main.returnValue();
  main.endMethod();
  cw.visitEnd();
  return cw.toByteArray();
}

describe('GeneratorAdapter', () => {
  it('generates a class from scratch that runs under -Xverify:all', async () => {
    const dir = await makeTempDir('commons-generator');
    await writeFile(join(dir, 'Gen.class'), generateClass());
    const run = await runJava({ classpath: dir, mainClass: 'Gen', jvmArgs: VERIFY });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      [
        '285',
        'table default',
        'lookup case 0',
        'table case 1',
        'lookup default',
        'table case 2',
        'lookup default',
        'table case 3',
        'lookup default',
        'table default',
        'lookup case 4',
        'table case 5',
        'lookup default',
        'table default',
        'lookup case 6',
        '2.5 42 0.5 123456789011 44 false int class java.lang.String -1 28 nan-unordered 6 [3, 4, c, 0.5] ',
        'boom',
        '',
      ].join('\n'),
    );
  }, 60_000);

  it('push picks the shortest instruction for each Java type', () => {
    const node = new MethodNode(Opcodes.ACC_STATIC, 'm', '()V', null, null);
    const g = new GeneratorAdapter(node, Opcodes.ACC_STATIC, 'm', '()V');
    g.push(-1);
    g.push(5);
    g.push(-128);
    g.push(32767);
    g.push(32768);
    g.push(false);
    g.push(0n);
    g.push(2n);
    g.push(new Float(2));
    g.push(new Float(-0));
    g.push(new Double(1));
    g.push(new Double(2));
    g.push(null);
    g.push('s');
    g.push(Type.VOID_TYPE);
    const text = new Textifier();
    node.accept(new TraceMethodVisitor(null, text));
    const sw = new StringWriter();
    text.print(sw);
    const lines = sw.toString().trim().split('\n').map((l) => l.trim());
    expect(lines.filter((l) => !l.startsWith('MAX')).map((l) => l.replace(/^(LDC -?[0-9.]+)[FD]$/, '$1'))).toEqual([
      'ICONST_M1',
      'ICONST_5',
      'BIPUSH -128',
      'SIPUSH 32767',
      'LDC 32768',
      'ICONST_0',
      'LCONST_0',
      'LDC 2',
      'FCONST_2',
      'LDC -0.0',
      'DCONST_1',
      'LDC 2.0',
      'ACONST_NULL',
      'LDC "s"',
      'GETSTATIC java/lang/Void.TYPE : Ljava/lang/Class;',
    ]);
    expect(() => g.push(1.5)).toThrow(/Java int/);
  });
});

// ## LocalVariablesSorter

/** Stores System.nanoTime() in a new local at entry and checks the elapsed time at each exit. */
class Timer extends MethodVisitor {
  private start = -1;

  constructor(
    private readonly sorter: LocalVariablesSorter,
    next: MethodVisitor,
    private readonly counter: { locals: number },
  ) {
    super(Opcodes.ASM9, next);
  }

  override visitCode(): void {
    super.visitCode();
    this.start = this.sorter.newLocal(Type.LONG_TYPE);
    this.counter.locals++;
    this.mv!.visitMethodInsn(Opcodes.INVOKESTATIC, 'java/lang/System', 'nanoTime', '()J', false);
    this.mv!.visitVarInsn(Opcodes.LSTORE, this.start);
  }

  override visitInsn(opcode: number): void {
    if ((opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) || opcode === Opcodes.ATHROW) {
      const elapsed = this.sorter.newLocal(Type.LONG_TYPE);
      this.counter.locals++;
      const ok = new Label();
      const mv = this.mv!;
      mv.visitMethodInsn(Opcodes.INVOKESTATIC, 'java/lang/System', 'nanoTime', '()J', false);
      mv.visitVarInsn(Opcodes.LLOAD, this.start);
      mv.visitInsn(Opcodes.LSUB);
      mv.visitVarInsn(Opcodes.LSTORE, elapsed);
      mv.visitVarInsn(Opcodes.LLOAD, elapsed);
      mv.visitInsn(Opcodes.LCONST_0);
      mv.visitInsn(Opcodes.LCMP);
      mv.visitJumpInsn(Opcodes.IFGE, ok);
      mv.visitFieldInsn(Opcodes.GETSTATIC, 'java/lang/System', 'out', 'Ljava/io/PrintStream;');
      mv.visitLdcInsn('clock went backwards');
      mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, 'java/io/PrintStream', 'println', '(Ljava/lang/String;)V', false);
      mv.visitLabel(ok);
    }
    super.visitInsn(opcode);
  }
}

describe('LocalVariablesSorter', () => {
  it('renumbers the original locals after the arguments and hands out fresh ones', () => {
    const node = new MethodNode(Opcodes.ACC_STATIC, 'm', '(IJ)V', null, null);
    const sorter = new LocalVariablesSorter(Opcodes.ACC_STATIC, '(IJ)V', node);
    sorter.visitCode();
    expect(sorter.newLocal(Type.DOUBLE_TYPE)).toBe(3);
    sorter.visitVarInsn(Opcodes.ILOAD, 0); // argument: unchanged
    sorter.visitVarInsn(Opcodes.ISTORE, 3); // first original local: next free slot
    sorter.visitVarInsn(Opcodes.ASTORE, 4);
    sorter.visitVarInsn(Opcodes.LSTORE, 3); // same slot, other size: another new slot
    sorter.visitIincInsn(3, 1);
    sorter.visitMaxs(4, 6);
    expect(node.instructions.toArray().map((insn) => (insn as unknown as { var: number }).var)).toEqual([0, 5, 6, 7, 5]);
    expect(node.maxLocals).toBe(9);
    expect(() => sorter.visitFrame(Opcodes.F_SAME, 0, null, 0, null)).toThrow(/EXPAND_FRAMES/);
  });

  it('a timing transform with newLocal runs under -Xverify:all with unchanged output', async () => {
    const counter = { locals: 0 };
    const hierarchy = hierarchyOf(advice.classes);
    const timed = advice.classes.map((c) => ({
      name: c.name,
      bytes: transform(c.bytes, hierarchy, (_owner, access, _name, descriptor, mv) => {
        const sorter = new LocalVariablesSorter(Opcodes.ASM9, access, descriptor, null);
        sorter.mv = new Timer(sorter, mv, counter);
        return sorter;
      }),
    }));
    expect(counter.locals).toBeGreaterThan(30);
    const dir = await makeTempDir('commons-sorter');
    await writeClasses(dir, timed);
    const original = await runJava({ classpath: advice.dir, mainClass: 'AdviceApp' });
    const run = await runJava({ classpath: dir, mainClass: 'AdviceApp', jvmArgs: VERIFY });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(original.stdout);
  }, 60_000);
});

// ## AnalyzerAdapter

/** The frame state as the harness prints it. */
function frameText(adapter: AnalyzerAdapter): string {
  if (adapter.locals === null || adapter.stack === null) return 'unreachable';
  const value = (v: FrameElement): string =>
    typeof v === 'number' ? `#${v}` : v instanceof Label ? `uninit:${adapter.uninitializedTypes.get(v)}` : v;
  return `L[${adapter.locals.map((v) => value(v) + ' ').join('')}] S[${adapter.stack.map((v) => value(v) + ' ').join('')}]`;
}

/** Records the adapter's state before each instruction, and checks it against each frame. */
class StateRecorder extends MethodVisitor {
  adapter!: AnalyzerAdapter;
  framesChecked = 0;

  constructor(private readonly out: string[]) {
    super(Opcodes.ASM9);
  }

  private line(insn: string): void {
    this.out.push(`  ${insn} ${frameText(this.adapter)}\n`);
  }

  override visitInsn(opcode: number): void {
    this.line(`insn ${opcode}`);
  }
  override visitIntInsn(opcode: number, operand: number): void {
    this.line(`int ${opcode} ${operand}`);
  }
  override visitVarInsn(opcode: number, varIndex: number): void {
    this.line(`var ${opcode} ${varIndex}`);
  }
  override visitTypeInsn(opcode: number, type: string): void {
    this.line(`type ${opcode} ${type}`);
  }
  override visitFieldInsn(opcode: number, owner: string, name: string): void {
    this.line(`field ${opcode} ${owner}.${name}`);
  }
  override visitMethodInsn(opcode: number, owner: string, name: string, descriptor: string): void {
    this.line(`method ${opcode} ${owner}.${name}${descriptor}`);
  }
  override visitInvokeDynamicInsn(name: string, descriptor: string): void {
    this.line(`indy ${name}${descriptor}`);
  }
  override visitJumpInsn(opcode: number): void {
    this.line(`jump ${opcode}`);
  }
  override visitLdcInsn(): void {
    this.line('ldc');
  }
  override visitIincInsn(varIndex: number, increment: number): void {
    this.line(`iinc ${varIndex} ${increment}`);
  }
  override visitTableSwitchInsn(): void {
    this.line('tableswitch');
  }
  override visitLookupSwitchInsn(): void {
    this.line('lookupswitch');
  }
  override visitMultiANewArrayInsn(descriptor: string): void {
    this.line(`multianewarray ${descriptor}`);
  }
  override visitMaxs(maxStack: number, maxLocals: number): void {
    this.out.push(`  maxs ${maxStack} ${maxLocals}\n`);
  }

  /**
   * At a frame reached by falling through, the simulated state must agree with the frame: same
   * stack height and, slot by slot, the same primitive types (javac's frames may drop dead locals
   * to TOP and widen references, so those are only checked for compatibility).
   */
  override visitFrame(
    _type: number,
    numLocal: number,
    local: FrameElement[] | null,
    numStack: number,
    stack: FrameElement[] | null,
  ): void {
    this.line('frame');
    const a = this.adapter;
    if (a.locals === null || a.stack === null) return;
    const expand = (n: number, values: FrameElement[] | null): FrameElement[] => {
      const result: FrameElement[] = [];
      for (let i = 0; i < n; i++) {
        const v = values![i]!;
        result.push(v);
        if (v === Opcodes.LONG || v === Opcodes.DOUBLE) result.push(Opcodes.TOP);
      }
      return result;
    };
    const frameLocals = expand(numLocal, local);
    const frameStack = expand(numStack, stack);
    expect(a.stack.length).toBe(frameStack.length);
    const compatible = (simulated: FrameElement | undefined, declared: FrameElement): boolean => {
      if (declared === Opcodes.TOP) return true;
      if (typeof declared === 'number') return simulated === declared;
      if (declared instanceof Label) return simulated instanceof Label;
      return typeof simulated === 'string' || simulated === Opcodes.NULL;
    };
    frameLocals.forEach((v, i) => expect(compatible(a.locals![i], v), `local ${i}`).toBe(true));
    frameStack.forEach((v, i) => expect(compatible(a.stack![i], v), `stack ${i}`).toBe(true));
    this.framesChecked++;
  }
}

function analyze(classes: readonly CompiledClass[]): { text: string; framesChecked: number } {
  const out: string[] = [];
  let framesChecked = 0;
  const recorders: StateRecorder[] = [];
  for (const c of classes) {
    const reader = new ClassReader(c.bytes);
    const owner = reader.getClassName();
    reader.accept(
      new (class extends ClassVisitor {
        override visitMethod(access: number, name: string, descriptor: string): MethodVisitor {
          out.push(`method ${owner}.${name}${descriptor}\n`);
          const recorder = new StateRecorder(out);
          recorders.push(recorder);
          const adapter = new AnalyzerAdapter(owner, access, name, descriptor, recorder);
          recorder.adapter = adapter;
          return adapter;
        }
      })(Opcodes.ASM9),
      ClassReader.EXPAND_FRAMES,
    );
  }
  for (const r of recorders) framesChecked += r.framesChecked;
  return { text: out.join(''), framesChecked };
}

describe('AnalyzerAdapter', () => {
  it('its state before each frame agrees with the frames javac wrote', () => {
    const { framesChecked } = analyze(fixtures.classes);
    expect(framesChecked).toBeGreaterThan(100);
  });

  it.skipIf(!HAVE_ASM)('gives the same locals, stack and maxs before every instruction as ASM 9.4', async () => {
    const classes = [...fixtures.classes, ...advice.classes];
    const ours = analyze(classes).text;
    const theirs = await asmHarness(
      'analyzer',
      classes.map((c) => c.path),
    );
    expect(ours.length).toBeGreaterThan(10_000);
    expect(ours).toBe(theirs);
  }, 60_000);
});

// ## InstructionAdapter

describe('InstructionAdapter', () => {
  it('a round trip through its per-operation methods gives the same instructions (Textifier)', () => {
    let compared = 0;
    for (const c of [...fixtures.classes, ...advice.classes]) {
      const direct = textify(c.bytes);
      const adapted = textify(c.bytes, (mv) => new InstructionAdapter(mv));
      expect(adapted, c.name).toBe(direct);
      compared++;
    }
    expect(compared).toBeGreaterThan(20);
  });

  it('maps each constant to the shortest push and keeps float/double bits', () => {
    const node = new MethodNode(Opcodes.ACC_STATIC, 'm', '()V', null, null);
    const ia = new InstructionAdapter(node);
    ia.visitLdcInsn(3);
    ia.visitLdcInsn(200);
    ia.visitLdcInsn(0n);
    ia.visitLdcInsn(new Float(1));
    ia.visitLdcInsn(Float.fromBits(0x7fc00001));
    ia.visitLdcInsn(new Double(0));
    ia.visitLdcInsn(new Double(-0));
    ia.visitIntInsn(Opcodes.BIPUSH, 2);
    expect(node.instructions.toArray().map((i) => i.getOpcode())).toEqual([
      Opcodes.ICONST_3,
      Opcodes.SIPUSH,
      Opcodes.LCONST_0,
      Opcodes.FCONST_1,
      Opcodes.LDC,
      Opcodes.DCONST_0,
      Opcodes.LDC,
      Opcodes.ICONST_2,
    ]);
    const nan = (node.instructions.get(4) as unknown as { cst: Float }).cst;
    expect(nan.bits).toBe(0x7fc00001);
    expect(() => new (class extends InstructionAdapter {})(node)).toThrow(IllegalStateException);
  });
});
