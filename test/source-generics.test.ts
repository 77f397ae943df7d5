// Generic types in classforge/source snippets: Signature attributes parsed (checked against every
// descriptor of java.base and the Debian jars), member types substituted from the receiver's type
// arguments, and snippets in generic methods and classes compiled by javac run under -Xverify:all.
// The javac oracle over whole bodies is in source-compiler-javac.test.ts (t22–t24).
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ClassReader } from '../src/asm/class-reader.js';
import { ClassPath } from '../src/classpath/class-path.js';
import { CannotCompileException, ClassPool, CtField, CtNewConstructor, CtNewMethod } from '../src/source/index.js';
import { TypeEnvironment } from '../src/source/compiler/class-model.js';
import { GenericMembers } from '../src/source/compiler/generic-members.js';
import { erasure, type GenericType, parseFieldSignature, parseMethodSignature, parseClassSignature } from '../src/source/compiler/generic-type.js';
import { JavaType } from '../src/source/compiler/java-type.js';
import { compileJava, runJava } from '../src/testing/index.js';
import { ClassNode } from '../src/tree/class-node.js';
import { type CorpusClass, jarClasses, javaBaseClasses } from './support/corpus.js';

/** A type spelled as in Java source, type variables by name: `java.util.List<java.lang.String>`. */
function spell(type: GenericType): string {
  switch (type.kind) {
    case 'class': {
      const args = type.args.map((arg) =>
        arg.kind === 'wildcard' ? (arg.bound === null ? '?' : `? ${arg.isSuper ? 'super' : 'extends'} ${spell(arg.bound)}`) : spell(arg),
      );
      return `${type.name.replaceAll('/', '.')}${args.length > 0 ? `<${args.join(', ')}>` : ''}`;
    }
    case 'array':
      return `${spell(type.component)}[]`;
    case 'variable':
      return type.name;
    case 'primitive':
      return type.type.toString();
  }
}

/** Every Signature of `classes` parsed; the ones that fail or disagree with their descriptor. */
function checkSignatures(classes: readonly CorpusClass[], members: GenericMembers): { signatures: number; disagreements: string[] } {
  let signatures = 0;
  const disagreements: string[] = [];
  for (const corpusClass of classes) {
    if (corpusClass.name.endsWith('module-info')) continue;
    const node = new ClassNode();
    new ClassReader(corpusClass.bytes).accept(node, ClassReader.SKIP_CODE);
    const scope = members.scopeOf(node.name);
    if (node.signature !== null) {
      signatures++;
      if (parseClassSignature(node.signature, scope) === null) disagreements.push(`${node.name}: ${node.signature}`);
    }
    for (const field of node.fields) {
      if (field.signature === null) continue;
      signatures++;
      const type = parseFieldSignature(field.signature, scope);
      if (type === null || erasure(type) !== JavaType.fromDescriptor(field.desc)) disagreements.push(`${node.name}.${field.name}: ${field.signature} vs ${field.desc}`);
    }
    for (const method of node.methods) {
      if (method.signature === null) continue;
      signatures++;
      const parsed = parseMethodSignature(method.signature, scope);
      const erased = JavaType.methodTypes(method.desc);
      if (parsed === null || erasure(parsed.returnType) !== erased.returnType) {
        disagreements.push(`${node.name}.${method.name}: ${method.signature} vs ${method.desc}`);
      } else if (parsed.parameters.length === erased.argumentTypes.length && parsed.parameters.some((p, i) => erasure(p) !== erased.argumentTypes[i])) {
        disagreements.push(`${node.name}.${method.name}: ${method.signature} vs ${method.desc} (parameters)`);
      }
    }
  }
  return { signatures, disagreements };
}

describe('Signature attributes', () => {
  it('parse into types whose erasures are the descriptors, for every signature of java.base', async () => {
    const members = GenericMembers.of(new TypeEnvironment(new ClassPath([])));
    const { signatures, disagreements } = checkSignatures(await javaBaseClasses(), members);
    console.log(`java.base: ${signatures} signatures, ${disagreements.length} disagreeing with their descriptors`);
    expect(signatures).toBeGreaterThan(10_000);
    expect(disagreements).toEqual([]);
  }, 120_000);

  const JARS = ['/usr/share/java/guava.jar', '/usr/share/java/commons-lang3.jar'];
  it.skipIf(!JARS.every(existsSync))('and for every signature of guava and commons-lang3', async () => {
    const members = GenericMembers.of(new TypeEnvironment(new ClassPath(JARS)));
    let total = 0;
    for (const jar of JARS) {
      const { signatures, disagreements } = checkSignatures(await jarClasses(jar), members);
      total += signatures;
      expect(disagreements).toEqual([]);
    }
    expect(total).toBeGreaterThan(10_000);
  }, 120_000);

  it('keep bounds that name other type variables of the same list, and wildcards', () => {
    const parsed = parseMethodSignature('<K:Ljava/lang/Object;V:TK;T::Ljava/lang/Comparable<-TT;>;>(Ljava/util/Map<+TK;*>;[TT;)TV;^TT;', new Map());
    expect(parsed).not.toBeNull();
    expect(parsed!.typeParameters.map((p) => p.name)).toEqual(['K', 'V', 'T']);
    // V extends K: erased to K's erasure; T's leftmost bound is an interface (JLS §4.6).
    expect(erasure(parsed!.returnType).toString()).toBe('java.lang.Object');
    expect(erasure(parsed!.parameters[1]!).toString()).toBe('java.lang.Comparable[]');
    expect(parsed!.parameters.map(spell)).toEqual(['java.util.Map<? extends K, ?>', 'T[]']);
    expect(parseFieldSignature('Ljava/util/List<Ljava/lang/String;', new Map())).toBeNull();
    expect(parseFieldSignature('Lpkg/Outer<TT;>.Inner<Ljava/lang/String;>;', new Map())).toEqual({
      kind: 'class',
      name: 'pkg/Outer$Inner',
      args: [{ kind: 'class', name: 'java/lang/String', args: [] }],
    });
  });
});

describe('member types seen from a receiver', () => {
  const members = GenericMembers.of(new TypeEnvironment(new ClassPath([])));
  const type = (name: string, ...args: GenericType[]): GenericType => ({ kind: 'class', name, args });
  const STRING = type('java/lang/String');

  it('follow the generic super types: an ArrayList<String> is an Iterable<String>', () => {
    expect(spell(members.asSuper(type('java/util/ArrayList', STRING), 'java/lang/Iterable')!)).toBe('java.lang.Iterable<java.lang.String>');
    const entries = members.asSuper(type('java/util/HashMap', STRING, type('java/lang/Integer')), 'java/util/Map');
    expect(spell(entries!)).toBe('java.util.Map<java.lang.String, java.lang.Integer>');
    // Raw types have erased members (JLS §4.8).
    expect(members.asSuper(type('java/util/ArrayList'), 'java/lang/Iterable')).toBeNull();
    expect(members.asSuper(STRING, 'java/lang/Comparable')).toEqual(type('java/lang/Comparable', STRING));
  });
});

const INVENTORY = {
  'inv/Inventory.java': `package inv;
    import java.util.*;
    public class Inventory<T extends Comparable<T>> {
      private final List<T> items = new ArrayList<>();
      private final Map<String, List<Integer>> index = new TreeMap<>();
      public void add(T item, List<String> tags) {
        List<String> copy = new ArrayList<>(tags);
        items.add(item);
        for (String tag : copy) index.computeIfAbsent(tag, k -> new ArrayList<>()).add(items.size());
      }
      public T best() { return Collections.max(items); }
      public static <E> E firstOf(List<E> list) { return list.get(0); }
      public static void main(String[] args) {
        Inventory<String> inventory = new Inventory<>();
        inventory.add("pear", List.of("fruit", "green"));
        inventory.add("plum", List.of("fruit"));
        System.out.println(inventory.best() + " " + firstOf(List.of(5, 6)));
      }
    }`,
};

describe('snippets in generic code', () => {
  it('see the generic types of parameters, locals, fields and this, with javac\'s casts', async () => {
    const compiled = await compileJava(INVENTORY, { javacOptions: ['-g'] });
    const pool = new ClassPool(true).appendClassPath(compiled.dir);
    const inventory = pool.get('inv.Inventory');
    const add = inventory.getDeclaredMethod('add');
    // tags (named, from the LocalVariableTable) and $2 (from the method's Signature) are List<String>;
    // items is a List<T> with T extends Comparable<T>: its elements are Comparables.
    add.insertBefore('System.out.println("add " + tags.get(0).toUpperCase() + " " + $2.get(0).length() + " " + (items.isEmpty() ? "-" : "" + items.get(0).compareTo($1)));');
    // copy is a local with a LocalVariableTypeTable entry; index a Map<String, List<Integer>>.
    add.insertAt(9, 'System.out.println("copy " + copy.get(0).charAt(0) + " " + index.size());');
    add.insertAfter('int first = index.get($2.get(0)).get(0); System.out.println("indexed " + first + " " + this.best().compareTo($1));');
    // A static generic method: E's erasure is Object, nothing narrower; E itself names a type in snippets.
    inventory.getDeclaredMethod('firstOf').insertBefore('E e = $1.get(0); java.util.List<E> copy = new java.util.ArrayList<>(list); System.out.println("first " + e + " " + copy.size());');
    // T (bounded by Comparable<T>) as a declared type: its erasure, Comparable, so compareTo applies.
    inventory.getDeclaredMethod('best').insertBefore('if (!items.isEmpty()) { T top = items.get(0); T[] none = null; System.out.println("top " + top.compareTo(top) + " " + (none == null)); }');
    const run = await runJava({ classpath: [new Map([['inv/Inventory', inventory.toBytecode()]]), compiled.dir], mainClass: 'inv.Inventory', verify: true });
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n')).toEqual([
      'add FRUIT 5 -',
      'copy f 0',
      'top 0 true',
      'indexed 1 0',
      'add FRUIT 5 -7',
      'copy f 2',
      'top 0 true',
      'indexed 1 0',
      'top 0 true',
      'first 5 2',
      'plum 5',
      '',
    ]);
  });

  it('reject type arguments javac rejects', () => {
    const pool = new ClassPool(true);
    const ctClass = pool.makeClass('demo.Bad');
    const method = (body: string) => () => ctClass.addMethod(CtNewMethod.make(body, ctClass));
    expect(method('public void a() { java.util.List<String, String> x = null; }')).toThrow(/wrong number of type arguments; required 1/);
    expect(method('public void b() { String<Integer> s = null; }')).toThrow(/type java.lang.String does not take parameters/);
    expect(method('public void c() { java.util.List<String> l = new java.util.ArrayList<>(); int n = l.get(0); }')).toThrow(CannotCompileException);
  });

  it('declares generic methods (JLS §8.4.4): erased descriptors, javac\'s Signature, bounds naming the list\'s own variables', async () => {
    const program = await compileJava({
      'g/Box.java': 'package g; public class Box<E> { E item; public Box(E e) { item = e; } }',
    });
    const pool = new ClassPool(true).appendClassPath(program.dir);
    const box = pool.get('g.Box');
    box.addMethod(CtNewMethod.make('public static <T extends Comparable<T>> T max(java.util.List<T> xs) { T best = xs.get(0); for (T x : xs) if (x.compareTo(best) > 0) best = x; return best; }', box));
    box.addMethod(CtNewMethod.make('public static <K, V extends K> java.util.Map<V, K> invert(java.util.Map<K, V> m) { java.util.Map<V, K> out = new java.util.HashMap<>(); for (java.util.Map.Entry<K, V> e : m.entrySet()) out.put(e.getValue(), e.getKey()); return out; }', box));
    // The class's own variable E in an instance method.
    box.addMethod(CtNewMethod.make('public <R extends java.io.Serializable & Comparable<R>> E pick(R r) { return item; }', box));
    expect(box.getDeclaredMethod('max').getSignature()).toBe('(Ljava/util/List;)Ljava/lang/Comparable;');
    expect(box.getDeclaredMethod('max').getGenericSignature()).toBe('<T::Ljava/lang/Comparable<TT;>;>(Ljava/util/List<TT;>;)TT;');
    expect(box.getDeclaredMethod('invert').getGenericSignature()).toBe('<K:Ljava/lang/Object;V:TK;>(Ljava/util/Map<TK;TV;>;)Ljava/util/Map<TV;TK;>;');
    expect(box.getDeclaredMethod('pick').getGenericSignature()).toBe('<R::Ljava/io/Serializable;:Ljava/lang/Comparable<TR;>;>(TR;)TE;');
    expect(() => box.addMethod(CtNewMethod.make('public static E bad() { return null; }', box))).toThrow('cannot find symbol: class E');
    box.addMethod(
      CtNewMethod.make(
        'public static void main(String[] a) throws Exception { System.out.println(max(java.util.List.of("b", "c", "a")) + " " + invert(java.util.Map.of(1, 2)) + " " + new Box<String>("i").pick(3)); ' +
          'System.out.println(Box.class.getMethod("max", java.util.List.class).toGenericString()); }',
        box,
      ),
    );
    const run = await runJava({ classpath: [new Map([['g/Box', box.toBytecode()]])], mainClass: 'g.Box', verify: true });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('c {2=1} i\npublic static <T extends java.lang.Comparable<T>> T g.Box.max(java.util.List<T>)\n');
  });

  it('give methods and fields declared with type arguments a Signature attribute, as javac does', async () => {
    const pool = new ClassPool(true);
    const made = pool.makeClass('gen.Made');
    made.addField(CtField.make('public java.util.Map<String, java.util.List<Integer>> index = new java.util.HashMap<>();', made));
    // main's `new gen.Made()` needs a constructor now (Javassist's compiler too): a class given none gets
    // its superclass's only when written.
    made.addConstructor(CtNewConstructor.defaultConstructor(made));
    made.addMethod(
      CtNewMethod.make(
        'public java.util.List<String> upper(java.util.List<? extends CharSequence> in, String... more) { java.util.List<String> out = new java.util.ArrayList<>(); for (var s : in) out.add(s.toString().toUpperCase()); out.add(more[0]); index.put(out.get(0), java.util.List.of(out.size())); return out; }',
        made,
      ),
    );
    made.addMethod(
      CtNewMethod.make(
        'public static void main(String[] args) throws Exception { gen.Made m = new gen.Made(); System.out.println(m.upper(java.util.List.of("a", "b"), "c") + " " + m.index); ' +
          'System.out.println(gen.Made.class.getMethod("upper", java.util.List.class, String[].class).toGenericString()); ' +
          'System.out.println(gen.Made.class.getField("index").getGenericType()); }',
        made,
      ),
    );
    expect(made.getDeclaredMethod('upper').methodNode().signature).toBe('(Ljava/util/List<+Ljava/lang/CharSequence;>;[Ljava/lang/String;)Ljava/util/List<Ljava/lang/String;>;');
    const run = await runJava({ classpath: [new Map([['gen/Made', made.toBytecode()]])], mainClass: 'gen.Made', verify: true });
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n')).toEqual([
      '[A, B, c] {A=[3]}',
      'public java.util.List<java.lang.String> gen.Made.upper(java.util.List<? extends java.lang.CharSequence>,java.lang.String...)',
      'java.util.Map<java.lang.String, java.util.List<java.lang.Integer>>',
      '',
    ]);
  });
});
