// classforge/source's object model without the snippet compiler: ClassPool lookups over the JDK and
// javac output, CtClass/CtMethod/CtField queries, structural edits (fields, accessors, modifiers,
// superclass, interfaces, new classes) written with toBytecode and judged by HotSpot (-Xverify:all).
import { describe, expect, it } from 'vitest';
import {
  CannotCompileException,
  ClassPool,
  CtClass,
  CtField,
  CtMethod,
  CtNewMethod,
  Modifier,
  NotFoundException,
} from '../src/source/index.js';
import { compileJava, runJava } from '../src/testing/index.js';

describe('ClassPool and CtClass over the JDK', () => {
  const pool = ClassPool.getDefault();

  it('finds classes, members and types as Javassist names them', () => {
    const string = pool.get('java.lang.String');
    expect(string.getName()).toBe('java.lang.String');
    expect(string.getSimpleName()).toBe('String');
    expect(string.getPackageName()).toBe('java.lang');
    expect(string.getSuperclass()!.getName()).toBe('java.lang.Object');
    expect(string.getInterfaces().map((c) => c.getName())).toContain('java.lang.CharSequence');
    expect(string.isInterface()).toBe(false);
    expect(Modifier.isFinal(string.getModifiers())).toBe(true);
    const length = string.getDeclaredMethod('length');
    expect(length.getReturnType()).toBe(CtClass.intType);
    expect(length.getParameterTypes()).toEqual([]);
    expect(length.getLongName()).toBe('java.lang.String.length()');
    const indexOf = string.getDeclaredMethod('indexOf', [pool.get('java.lang.String'), CtClass.intType]);
    expect(indexOf.getSignature()).toBe('(Ljava/lang/String;I)I');
    expect(string.getDeclaredConstructor([pool.get('char[]')]).getName()).toBe('String');
    expect(pool.get('java.util.Map.Entry').getName()).toBe('java.util.Map$Entry');
    expect(pool.get('java.util.Map$Entry').isInterface()).toBe(true);
    expect(pool.get('int[][]').getComponentType()!.getName()).toBe('int[]');
    expect(pool.get('java.lang.String[]').getDescriptor()).toBe('[Ljava/lang/String;');
    expect(pool.get('java.util.ArrayList').subtypeOf(pool.get('java.util.Collection'))).toBe(true);
    expect(pool.get('java.lang.String[]').subtypeOf(pool.get('java.lang.Object[]'))).toBe(true);
    expect(pool.get('java.lang.Integer').getField('MAX_VALUE').getConstantValue()).toBe(2147483647);
    expect(pool.get('java.util.ArrayList').getMethod('size', '()I').getDeclaringClass().getName()).toBe('java.util.ArrayList');
    expect(pool.get('java.util.ArrayList').getMethods().some((m) => m.getName() === 'stream')).toBe(true);
    expect(pool.get('java.lang.String')).toBe(string);
    // Nesting (InnerClasses) and generic signatures of classes.
    expect(pool.get('java.util.Map').getNestedClasses().map((c) => c.getName())).toContain('java.util.Map$Entry');
    expect(pool.get('java.util.Map$Entry').getDeclaringClass()!.getName()).toBe('java.util.Map');
    expect(string.getDeclaringClass()).toBeNull();
    // All annotations at once, with their types: Thread.stop is @Deprecated(since = "1.2"), forRemoval's default filled in.
    const deprecated = pool.get('java.lang.Thread').getDeclaredMethod('stop', []).getAnnotations().find((a) => a.type === 'java.lang.Deprecated');
    expect(deprecated?.values.since).toBe('1.2');
    expect(typeof deprecated?.values.forRemoval).toBe('boolean');
    expect(pool.get('java.lang.FunctionalInterface').getAnnotations().map((a) => a.type)).toEqual(['java.lang.annotation.Documented', 'java.lang.annotation.Retention', 'java.lang.annotation.Target']);
    expect(string.getAnnotations()).toEqual([]);
    expect(pool.get('java.util.ArrayList').getGenericSignature()).toBe('<E:Ljava/lang/Object;>Ljava/util/AbstractList<TE;>;Ljava/util/List<TE;>;Ljava/util/RandomAccess;Ljava/lang/Cloneable;Ljava/io/Serializable;');
  });

  it('reports what is missing with NotFoundException', () => {
    expect(() => pool.get('com.acme.Nothing')).toThrow(NotFoundException);
    expect(() => pool.get('java.lang.String').getDeclaredMethod('nothing')).toThrow('nothing(..) is not found in java.lang.String');
    expect(() => pool.get('java.lang.String').getDeclaredField('nothing')).toThrow(NotFoundException);
    expect(pool.getOrNull('com.acme.Nothing')).toBeNull();
  });

  it('refuses a jar that is not there when it is added, as Javassist does (NotFoundException naming it)', () => {
    const fresh = new ClassPool(false);
    expect(() => fresh.appendClassPath('/nonexistent/lib.jar')).toThrow(new NotFoundException('/nonexistent/lib.jar'));
    expect(() => fresh.insertClassPath('/nonexistent/LIB.ZIP')).toThrow(NotFoundException);
    expect(() => fresh.appendPathList(['/usr/share/java/guava.jar', '/nonexistent/other.jar'].join(':'))).toThrow('/nonexistent/other.jar');
    // A directory is taken as it is (Javassist's DirClassPath does not look either).
    expect(() => fresh.appendClassPath('/nonexistent/classes')).not.toThrow();
  });
});

describe('structural edits, written and run by HotSpot', () => {
  it('returns an untouched class byte for byte, and freezes a written class', async () => {
    const program = await compileJava({ 'demo/Plain.java': 'package demo; public class Plain { int x; public int get() { return x; } }' });
    const pool = new ClassPool(true).appendClassPath(program.dir);
    const plain = pool.get('demo.Plain');
    expect(plain.getDeclaredMethods().map((m) => m.getName())).toEqual(['get']);
    expect(plain.toBytecode()).toEqual(program.classes.get('demo/Plain'));
    expect(plain.isFrozen()).toBe(true);
    expect(() => plain.setModifiers(Modifier.PUBLIC | Modifier.FINAL)).toThrow(CannotCompileException);
    plain.defrost();
    plain.setModifiers(Modifier.PUBLIC | Modifier.FINAL);
    expect(plain.isModified()).toBe(true);
  });

  it('a new class with a field, CtNewMethod accessors and an interface: it runs', async () => {
    const pool = new ClassPool(true);
    const point = pool.makeClass('demo.Point');
    const x = new CtField(CtClass.intType, 'x', point);
    x.setModifiers(Modifier.PRIVATE);
    point.addField(x);
    point.addMethod(CtNewMethod.getter('getX', x));
    point.addMethod(CtNewMethod.setter('setX', x));
    // Javassist: accessors of a static field are instance methods too; a null body returns zero or null.
    const count = new CtField(CtClass.intType, 'count', point);
    count.setModifiers(Modifier.STATIC);
    point.addField(count);
    point.addMethod(CtNewMethod.getter('getCount', count));
    point.addMethod(CtNewMethod.setter('setCount', count));
    expect(point.getDeclaredMethods().filter((m) => Modifier.isStatic(m.getModifiers()))).toEqual([]);
    point.addMethod(CtNewMethod.make(CtClass.intType, 'zero', [CtClass.intType], null, null, point));
    point.addMethod(CtNewMethod.make(pool.get('java.lang.String'), 'none', [], null, null, point));
    point.addInterface(pool.get('java.io.Serializable'));
    const abstractOne = new CtMethod(CtClass.voidType, 'nothing', [], point);
    expect(Modifier.isAbstract(abstractOne.getModifiers())).toBe(true);
    const main = await compileJava({
      'demo/Main.java': `package demo;
        public class Main {
          public static void main(String[] args) throws Exception {
            Object p = Class.forName("demo.Point").getDeclaredConstructor().newInstance();
            p.getClass().getMethod("setX", int.class).invoke(p, 42);
            p.getClass().getMethod("setCount", int.class).invoke(p, 7);
            System.out.println(p.getClass().getMethod("getX").invoke(p) + " " + (p instanceof java.io.Serializable) + " " + p.getClass().getMethod("getCount").invoke(p)
              + " " + p.getClass().getMethod("zero", int.class).invoke(p, 5) + " " + p.getClass().getMethod("none").invoke(p));
          }
        }`,
    });
    const bytes = point.toBytecode();
    const run = await runJava({ classpath: [main.dir, new Map([['demo/Point', bytes]])], mainClass: 'demo.Main', verify: true });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('42 true 7 0 null\n');
  });

  it('setBody(method, map) copies another method\'s body, its class and the map\'s names renamed (Javassist)', async () => {
    const program = await compileJava({
      'demo/Src.java': 'package demo; public class Src { int n = 2; public String show(int k) { try { return "src " + this + " " + (n * k) + new Helper(); } catch (RuntimeException e) { return "x"; } } public String toString() { return "S"; } }',
      'demo/Helper.java': 'package demo; public class Helper { public String toString() { return "H"; } }',
      'demo/Other.java': 'package demo; public class Other { public String toString() { return "O"; } }',
      'demo/Dst.java': 'package demo; public class Dst { int n = 5; public String show(int k) { return "dst"; } public String toString() { return "D"; } public static void main(String[] a) { System.out.println(new Dst().show(3)); } }',
    });
    const pool = new ClassPool(true).appendClassPath(program.dir);
    const dst = pool.get('demo.Dst');
    const show = dst.getDeclaredMethod('show');
    show.setBody(pool.get('demo.Src').getDeclaredMethod('show'), new Map([['demo.Helper', 'demo.Other']]));
    expect(() => dst.getDeclaredMethod('main').setBody(pool.get('demo.Src').getDeclaredMethod('show'), null)).toThrow('their parameters differ');
    const result = await runJava({ classpath: [new Map([['demo/Dst', dst.toBytecode()]]), program.dir], mainClass: 'demo.Dst', verify: true });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('src D 15O\n');
  });

  it('makeNestedClass makes a public static member class that reaches its outer class\'s private members; ClassPool.getMethod', async () => {
    const pool = new ClassPool(true);
    const outer = pool.makeClass('nest.Outer');
    outer.getClassFile().setMajorVersion(55); // Java 11: nestmates may reach each other's private members
    outer.addField(CtField.make('private static int secret = 41;', outer));
    const inner = outer.makeNestedClass('Inner', true);
    expect(inner.getName()).toBe('nest.Outer$Inner');
    expect(Modifier.toString(inner.getModifiers())).toBe('public static');
    expect(inner.getDeclaringClass()!.getName()).toBe('nest.Outer');
    expect(outer.getNestedClasses().map((c) => c.getName())).toEqual(['nest.Outer$Inner']);
    expect(() => outer.makeNestedClass('Other', false)).toThrow('only static nested classes');
    inner.addMethod(CtNewMethod.make('public static int peek() { return nest.Outer.secret + 1; }', inner));
    outer.addMethod(CtNewMethod.make('public static void main(String[] a) { System.out.println(nest.Outer.Inner.peek() + " " + nest.Outer.Inner.class.getEnclosingClass().getName()); }', outer));
    expect(pool.getMethod('nest.Outer$Inner', 'peek').getName()).toBe('peek');
    const run = await runJava({ classpath: [new Map([['nest/Outer', outer.toBytecode()], ['nest/Outer$Inner', inner.toBytecode()]])], mainClass: 'nest.Outer', verify: true });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('42 nest.Outer\n');
  });

  it('setSuperclass moves the constructors\' super calls to the new superclass', async () => {
    const program = await compileJava({
      'demo/Base.java': 'package demo; public class Base { public String who() { return "base"; } }',
      'demo/Other.java': 'package demo; public class Other { public String who() { return "other"; } }',
      'demo/Child.java': 'package demo; public class Child extends Base { public static void main(String[] a) { System.out.println(new Child().who()); } }',
    });
    const pool = new ClassPool(true).appendClassPath(program.dir);
    const child = pool.get('demo.Child');
    child.setSuperclass(pool.get('demo.Other'));
    expect(child.getSuperclass()!.getName()).toBe('demo.Other');
    const run = await runJava({ classpath: [new Map([['demo/Child', child.toBytecode()]]), program.dir], mainClass: 'demo.Child', verify: true });
    expect(run.stdout).toBe('other\n');
  });
});

describe('renaming', () => {
  it('setName renames the class and its references to itself; replaceClassName retargets references', async () => {
    const program = await compileJava({
      'demo/Base.java': 'package demo; public class Base { public String who() { return "base"; } }',
      'demo/Other.java': 'package demo; public class Other { public String who() { return "other"; } }',
      'demo/Self.java': `package demo;
        public class Self {
          static Self make() { return new Self(); }
          String name() { return getClass().getName(); }
          public static void main(String[] a) { System.out.println(make().name() + " " + new Base().who()); }
        }`,
    });
    const pool = new ClassPool(true).appendClassPath(program.dir);
    const self = pool.get('demo.Self');
    self.setName('demo.Renamed');
    self.replaceClassName('demo.Base', 'demo.Other');
    expect(self.getName()).toBe('demo.Renamed');
    expect(pool.get('demo.Renamed')).toBe(self);
    expect(pool.get('demo.Self')).not.toBe(self);
    expect(self.getDeclaredMethod('make').getReturnType().getName()).toBe('demo.Renamed');
    const run = await runJava({ classpath: [new Map([['demo/Renamed', self.toBytecode()]]), program.dir], mainClass: 'demo.Renamed', verify: true });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('demo.Renamed other\n');
  });
});

// Javassist's writeFile is synchronous, and a port calls it without await. It was async here: the class was
// compiled a tick later (an edit made right after the call went into the file), the file did not exist yet when the
// call returned, and a class that could not be written rejected a promise nobody awaited.
describe('writeFile, as Javassist calls it (no await)', () => {
  it('writes the class as it is at the call, before returning, and throws at the call', async () => {
    const { existsSync, mkdtempSync, readFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const out = mkdtempSync(join(tmpdir(), 'classforge-writefile-'));
    try {
      const pool = new ClassPool(true);
      const made = pool.makeClass('demo.Made');
      made.addMethod(CtNewMethod.make('public static int two() { return 2; }', made));
      const pending = made.writeFile(out);
      const file = join(out, 'demo', 'Made.class');
      expect(existsSync(file)).toBe(true);
      const written = readFileSync(file);
      expect(Buffer.from(made.toBytecode()).equals(written)).toBe(true);
      // Frozen by the write, as Javassist's: the edit right after is refused, not slipped into the file.
      expect(() => made.addMethod(CtNewMethod.make('public static int three() { return 3; }', made))).toThrow(CannotCompileException);
      await pending;
      expect(readFileSync(file).equals(written)).toBe(true);

      const debug = pool.makeClass('demo.Debug');
      void debug.debugWriteFile(out);
      expect(existsSync(join(out, 'demo', 'Debug.class'))).toBe(true);
      debug.addMethod(CtNewMethod.make('public static int four() { return 4; }', debug)); // defrosted, as Javassist's

      // Javassist: a pruned class that was modified can no longer be written.
      const broken = pool.makeClass('demo.Broken');
      broken.addMethod(CtNewMethod.make('public static int five() { return 5; }', broken));
      broken.prune();
      const refused = (() => {
        try {
          void broken.writeFile(out);
          return null;
        } catch (error) {
          return error;
        }
      })();
      expect(refused).toBeInstanceOf(Error);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('lossless writing', () => {
  it('copies the methods an edit did not touch byte for byte, and keeps the constant pool', async () => {
    const { ClassReader } = await import('../src/asm/class-reader.js');
    const { readMemberLayout } = await import('../src/tree/member-layout.js');
    const program = await compileJava({
      'demo/Two.java': 'package demo; public class Two { int a = 1; int x(int v) { return v * 2 + a; } int y(int v) { for (int i = 0; i < v; i++) a += i; return a; } }',
    });
    const pool = new ClassPool(true).appendClassPath(program.dir);
    const two = pool.get('demo.Two');
    two.getDeclaredMethod('x').insertBefore('$1 = $1 + 1;');
    const written = two.toBytecode();
    const original = program.classes.get('demo/Two')!;
    /** The method_info bytes of each method, by name. */
    const methodInfos = (bytes: Uint8Array): Map<string, string> => {
      const reader = new ClassReader(bytes);
      const infos = new Map<string, string>();
      for (const info of readMemberLayout(reader).methods) {
        // method_info: access_flags, then name_index (JVMS §4.6).
        infos.set(reader.readUTF8(info.offset + 2)!, Buffer.from(bytes.subarray(info.offset, info.offset + info.length)).toString('hex'));
      }
      return infos;
    };
    const before = methodInfos(original);
    const after = methodInfos(written);
    expect(after.get('y')).toBe(before.get('y'));
    expect(after.get('x')).not.toBe(before.get('x'));
  });

  it('a class only given new members keeps every method byte for byte (their code is never read) and runs', async () => {
    const { ClassReader } = await import('../src/asm/class-reader.js');
    const { readMemberLayout } = await import('../src/tree/member-layout.js');
    const program = await compileJava({
      'demo/Counter.java': `package demo;
        public class Counter {
          private int n;
          int next() { try { return ++n; } finally { if (n > 100) n = 0; } }
          public static void main(String[] args) { Counter c = new Counter(); c.next(); c.next(); System.out.println(c.next() + " " + calls()); }
          static int calls() { return -1; }
        }`,
    });
    const pool = new ClassPool(true).appendClassPath(program.dir);
    const counter = pool.get('demo.Counter');
    counter.addField(CtField.make('static int made;', counter));
    counter.addMethod(CtNewMethod.make('static int twice() { return made * 2; }', counter));
    expect((counter as unknown as { codeLoaded: boolean }).codeLoaded).toBe(false);
    const written = counter.toBytecode();
    const original = program.classes.get('demo/Counter')!;
    const infos = (bytes: Uint8Array) => {
      const reader = new ClassReader(bytes);
      return new Map(readMemberLayout(reader).methods.map((info) => [reader.readUTF8(info.offset + 2)!, Buffer.from(bytes.subarray(info.offset, info.offset + info.length)).toString('hex')]));
    };
    const before = infos(original);
    const after = infos(written);
    for (const name of ['<init>', 'next', 'main', 'calls']) expect(after.get(name), name).toBe(before.get(name));
    expect(after.has('twice')).toBe(true);
    // A member changed afterwards has its code read first, and is written from it.
    counter.defrost();
    counter.getDeclaredMethod('calls').setModifiers(Modifier.STATIC | Modifier.PUBLIC);
    const again = counter.toBytecode();
    expect(infos(again).get('calls')).not.toBe(before.get('calls'));
    expect(infos(again).get('next')).toBe(before.get('next'));
    expect((await runJava({ classpath: [new Map([['demo/Counter', again]]), program.dir], mainClass: 'demo.Counter', verify: true })).stdout).toBe('3 -1\n');
    const run = await runJava({ classpath: [new Map([['demo/Counter', written]]), program.dir], mainClass: 'demo.Counter', verify: true });
    expect(run.stdout).toBe('3 -1\n');
  });
});

describe('writeCopyingMembers', () => {
  it('with copiesRequired, refuses to re-encode a member it was told to copy (CopyRefusedError)', async () => {
    const { ClassReader } = await import('../src/asm/class-reader.js');
    const { ClassNode } = await import('../src/tree/class-node.js');
    const { readMemberLayout } = await import('../src/tree/member-layout.js');
    const { CopyRefusedError, writeCopyingMembers } = await import('../src/tree/lossless-tree-writer.js');
    const program = await compileJava({ 'demo/Pair.java': 'package demo; public class Pair { int a() { return 1; } int b() throws Exception { return 2; } }' });
    const reader = new ClassReader(program.classes.get('demo/Pair')!);
    const node = new ClassNode();
    reader.accept(node, ClassReader.SKIP_CODE);
    const layout = readMemberLayout(reader);
    const copies = new Map(node.methods.map((method, i) => [method, layout.methods[i]!] as const));
    // Exceptions that are not the class file's: the writer cannot copy b's attributes.
    node.methods.find((m) => m.name === 'b')!.exceptions = ['java/io/IOException'];
    expect(() => writeCopyingMembers(reader, node, copies, 0, undefined, { copiesRequired: true })).toThrow(CopyRefusedError);
    expect(() => writeCopyingMembers(reader, node, copies, 0)).not.toThrow();
  });
});
