// Serializable lambdas, intersection casts and bridged function types in classforge/source snippets,
// beyond what the javac oracle over static bodies shows (source-compiler-javac.test.ts, t63–t65): the
// call sites' bootstrap arguments against javac's for the same expressions, a class whose own
// $deserializeLambda$ javac wrote (its lambdas and ours both read back), `this` captured, and a
// snippet that fails taking its deserialization case back.
import { describe, expect, it } from 'vitest';
import { ClassPool, CtNewMethod } from '../src/source/index.js';
import { compileJava, runJava } from '../src/testing/index.js';
import { compiledBothWays, invokeDynamicSites as callSites } from './support/call-sites.js';

const SUPPORT = {
  'ser/A.java': 'package ser; public interface A<T> { String m(T t); }',
  'ser/B.java': 'package ser; public interface B { String m(String s); }',
  'ser/C.java': 'package ser; public interface C extends A<String>, B {}',
  'ser/Fn.java': 'package ser; public interface Fn extends java.util.function.Function<String, String>, java.io.Serializable {}',
  'ser/IO.java': `package ser;
    public class IO {
      public static Object roundTrip(Object o) throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) { out.writeObject(o); }
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) { return in.readObject(); }
      }
    }`,
};

/** Bodies returning a lambda or method reference, each compiled by javac and by classforge/source. */
const CALL_SITES: Record<string, string> = {
  serializableCast: 'return (Runnable & java.io.Serializable) () -> System.out.println(k);',
  serializableFirst: 'return (java.io.Serializable & Runnable) () -> System.out.println(k);',
  marker: 'return (Runnable & Cloneable) () -> {};',
  markers: 'return (Runnable & java.io.Serializable & Cloneable & java.util.RandomAccess) () -> {};',
  serializableInterface: 'ser.Fn f = s -> s + k; return f;',
  bridged: 'ser.C c = s -> s + k; return c;',
  plain: 'Runnable r = () -> {}; return r;',
};

describe('serializable and intersection lambdas in snippets', () => {
  it('get the bootstrap method and arguments javac gives them (altMetafactory flags, markers, bridges)', async () => {
    const members = (stub: boolean) =>
      Object.entries(CALL_SITES)
        .map(([name, body]) => `static Object ${name}(int k) { ${stub ? 'return null;' : body} }`)
        .join('\n');
    const { ours, javacs } = await compiledBothWays((stub) => ({ ...SUPPORT, 'ser/Sites.java': `package ser; public class Sites { ${members(stub)} }` }), 'ser.Sites', CALL_SITES);
    for (const name of Object.keys(CALL_SITES)) expect(callSites(ours, name), name).toEqual(callSites(javacs, name));
    // The cases that must not be plain metafactory calls are not.
    expect(callSites(ours, 'markers')[0]).toContain('altMetafactory [()V, handle 6 ser/Sites.lambda$, ()V, 7, 2, Ljava/lang/Cloneable;, Ljava/util/RandomAccess;, 0]');
    expect(callSites(ours, 'bridged')[0]).toContain('altMetafactory [(Ljava/lang/String;)Ljava/lang/String;, handle 6 ser/Sites.lambda$, (Ljava/lang/String;)Ljava/lang/String;, 4, 1, (Ljava/lang/Object;)Ljava/lang/String;]');
  });

  it("read back next to the lambdas of javac's own $deserializeLambda$, with this captured", async () => {
    const compiled = await compileJava({
      ...SUPPORT,
      'ser/Owner.java': `package ser;
        public class Owner implements java.io.Serializable {
          final String name;
          public Owner(String name) { this.name = name; }
          Object javacs(int k) { return (java.util.function.Supplier<String> & java.io.Serializable) () -> name + k; }
          Object ours(int k) { return null; }
          public static void main(String[] args) throws Exception {
            Owner owner = new Owner("o");
            Object a = IO.roundTrip(owner.javacs(1));
            Object b = IO.roundTrip(owner.ours(2));
            System.out.println(((java.util.function.Supplier<?>) a).get() + " " + ((java.util.function.Supplier<?>) b).get());
          }
        }`,
    });
    const pool = new ClassPool(true).appendClassPath(compiled.dir);
    const owner = pool.get('ser.Owner');
    const javacMethod = owner.classNode().methods.find((m) => m.name === '$deserializeLambda$')!;
    const javacLength = javacMethod.instructions.size();
    owner.getDeclaredMethod('ours').setBody('{ long big = 5L; return (java.util.function.Supplier<String> & java.io.Serializable) () -> name + $1 + big + this.name.length(); }');
    // Our case goes first in javac's method, which keeps its own after it.
    expect(owner.classNode().methods.filter((m) => m.name === '$deserializeLambda$')).toHaveLength(1);
    expect(javacMethod.instructions.size()).toBeGreaterThan(javacLength);
    const run = await runJava({ classpath: [new Map([['ser/Owner', owner.toBytecode()]]), compiled.dir], mainClass: 'ser.Owner', verify: true });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('o1 o251\n');
  });

  it('make $deserializeLambda$ where the class has none, and take the case back with a snippet that fails', async () => {
    const compiled = await compileJava({
      ...SUPPORT,
      'ser/Plain.java': `package ser;
        public class Plain {
          static Object make(String s) { return null; }
          public static void main(String[] args) throws Exception {
            Object read = IO.roundTrip(make("p"));
            System.out.println(((ser.Fn) read).apply("q"));
          }
        }`,
    });
    const pool = new ClassPool(true).appendClassPath(compiled.dir);
    const plain = pool.get('ser.Plain');
    const methodNames = () => plain.classNode().methods.map((m) => m.name);
    expect(methodNames()).not.toContain('$deserializeLambda$');
    const before = methodNames();
    expect(() => plain.getDeclaredMethod('make').setBody('{ ser.Fn f = t -> t + $1; return undefinedName(f); }')).toThrow(/cannot find method undefinedName/);
    expect(methodNames()).toEqual(before);
    plain.getDeclaredMethod('make').setBody('{ ser.Fn f = t -> t + $1; return f; }');
    const made = plain.classNode().methods.find((m) => m.name === '$deserializeLambda$')!;
    expect(made.access).toBe(0x100a); // private static synthetic, as javac declares it
    expect(made.desc).toBe('(Ljava/lang/invoke/SerializedLambda;)Ljava/lang/Object;');
    const run = await runJava({ classpath: [new Map([['ser/Plain', plain.toBytecode()]]), compiled.dir], mainClass: 'ser.Plain', verify: true });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('qp\n');
  });

  it('refuse an intersection that is no functional interface, as javac does', () => {
    const pool = new ClassPool(true);
    const host = pool.makeClass('ser.Host');
    const method = (body: string) => () => host.addMethod(CtNewMethod.make(`static Object m() { ${body} }`, host));
    expect(method('return (java.io.Serializable & Cloneable) () -> {};')).toThrow(/incompatible types: java.io.Serializable & java.lang.Cloneable is not a functional interface/);
    expect(method('return (Runnable & Comparable<String>) () -> {};')).toThrow(/is not a functional interface/);
    expect(method('return (Runnable & String) () -> {};')).toThrow(/interface expected here/);
  });
});
