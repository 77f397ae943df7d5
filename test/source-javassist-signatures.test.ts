// SignatureAttribute (toClassSignature, toMethodSignature, toFieldSignature, toTypeSignature and the
// types they return) against Javassist 3.27 (test/support/JavassistSignatures.java, run at test
// time): every generic signature of a dozen JDK classes (classes, methods, fields) and hand-written
// ones (nested classes with `$` and `.`, bounds, wildcards, exceptions, malformed), printed with
// toString, encode, jvmTypeName and every part, line for line; and signatures built with the
// constructors encode as javac writes them.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BadBytecode, ClassPool, SignatureAttribute } from '../src/source/index.js';
import { compileJava, runJava } from '../src/testing/index.js';

const JAVASSIST_JAR = '/usr/share/java/javassist.jar';
const HARNESS = readFileSync(fileURLToPath(new URL('./support/JavassistSignatures.java', import.meta.url)), 'utf8');

const CLASSES = [
  'java.util.HashMap', 'java.util.ArrayList', 'java.util.stream.Collectors', 'java.util.concurrent.ConcurrentHashMap', 'java.util.Map',
  'java.util.function.Function', 'java.lang.Enum', 'java.lang.Class', 'java.util.Collections', 'java.util.Comparator', 'java.util.Optional',
  'java.util.stream.Stream', 'java.util.EnumMap', 'java.lang.invoke.MethodHandles',
];
const SIGNATURES = [
  'c:<K:Ljava/lang/Object;V:Ljava/lang/Object;>Ljava/util/AbstractMap<TK;TV;>;Ljava/util/Map<TK;TV;>;Ljava/lang/Cloneable;',
  'c:<E::Ljava/lang/Comparable<-TE;>;>Ljava/lang/Object;',
  'c:<T:Ljava/lang/Number;:Ljava/lang/Runnable;:Ljava/io/Serializable;>Ljava/lang/Object;Ljava/util/List<[TT;>;',
  'c:Ljava/lang/Object;Ljava/util/Map$Entry<Ljava/lang/String;*>;',
  'c:Ljava/lang/Object;Lcom/a/Outer<Ljava/lang/String;>.Inner<Ljava/lang/Integer;>;',
  'c:Lcom/a/Outer$Mid<TT;>$Leaf;',
  'm:<T:Ljava/lang/Object;>(Ljava/util/Collection<+TT;>;[[I[Ljava/util/List<*>;JZ)Ljava/util/List<TT;>;^Ljava/io/IOException;^TX;',
  'm:()V',
  'm:(Ljava/util/Map<Ljava/lang/String;Ljava/util/List<-Ljava/lang/Number;>;>;)[TT;',
  'm:<X:Ljava/lang/Throwable;>(Ljava/util/function/Supplier<+TX;>;)Ljava/lang/Object;^TX;',
  'f:Ljava/util/List<Ljava/lang/String;>;', 'f:TT;', 'f:[[Ljava/util/Map<TK;+TV;>;', 'f:Ljava/util/Map$Entry<TK;TV;>;', 'f:[I',
  't:I', 't:Z', 't:V', 't:Ljava/lang/String;', 't:[[D',
  'c:Ljava/lang/String', 'c:<T>V', 'm:(I', 'f:I', 'm:()V^[Ljava/lang/Exception;', 't:', 'c:',
];

type SigType = InstanceType<typeof SignatureAttribute.Type>;
type TypeParameter = InstanceType<typeof SignatureAttribute.TypeParameter>;

function t(x: SigType | null): string {
  if (x === null) return 'null';
  const S = SignatureAttribute;
  const kind = x instanceof S.BaseType ? 'base' : x instanceof S.ArrayType ? 'array' : x instanceof S.TypeVariable ? 'tvar' : x instanceof S.NestedClassType ? 'nested' : x instanceof S.ClassType ? 'class' : '?';
  let extra = '';
  if (x instanceof S.ClassType) {
    const declaring = x.getDeclaringClass();
    extra += ` name=${x.getName()} decl=${declaring === null ? 'null' : t(declaring)} args=`;
    const args = x.getTypeArguments();
    extra += args === null ? 'null' : args.map((a) => `(${a.getKind()}${a.isWildcard()} ${t(a.getType())})`).join('');
  }
  if (x instanceof S.ArrayType) extra += ` dim=${x.getDimension()} comp=${t(x.getComponentType())}`;
  if (x instanceof S.TypeVariable) extra += ` name=${x.getName()}`;
  if (x instanceof S.BaseType) extra += ` desc=${x.getDescriptor()}`;
  return `${kind}[${x.toString()} jvm=${x.jvmTypeName()} enc=${x instanceof S.ObjectType ? x.encode() : '-'}${extra}]`;
}

const params = (ps: readonly TypeParameter[]): string =>
  ps.map((p) => `{${p.getName()} cb=${t(p.getClassBound())} ib=${p.getInterfaceBound().map((o) => `${t(o)},`).join('')}}`).join('');

function sig(kind: string, s: string): string {
  try {
    switch (kind) {
      case 'c': {
        const c = SignatureAttribute.toClassSignature(s);
        return `c ${s} | ${c.toString()} | ${c.encode()} | ${params(c.getParameters())} super=${t(c.getSuperClass())} ifaces=${c.getInterfaces().map((i) => `${t(i)},`).join('')}`;
      }
      case 'm': {
        const m = SignatureAttribute.toMethodSignature(s);
        return `m ${s} | ${m.toString()} | ${m.encode()} | ${params(m.getTypeParameters())} params=${m.getParameterTypes().map((p) => `${t(p)},`).join('')} ret=${t(m.getReturnType())} exc=${m.getExceptionTypes().map((e) => `${t(e)},`).join('')}`;
      }
      case 'f':
        return `f ${s} | ${t(SignatureAttribute.toFieldSignature(s))}`;
      default:
        return `t ${s} | ${t(SignatureAttribute.toTypeSignature(s))}`;
    }
  } catch (error) {
    if (!(error instanceof BadBytecode)) throw error;
    return `${kind} ${s} | bad`;
  }
}

describe.skipIf(!existsSync(JAVASSIST_JAR))('SignatureAttribute against Javassist 3.27', () => {
  it('parses and prints generic signatures as Javassist does', async () => {
    const harness = (await compileJava({ 'JavassistSignatures.java': HARNESS }, { classpath: JAVASSIST_JAR })).dir;
    const run = await runJava({ classpath: [harness, JAVASSIST_JAR], mainClass: 'JavassistSignatures', args: [...CLASSES, '--', ...SIGNATURES] });
    expect(run.stderr).toBe('');
    const expected = run.stdout.trimEnd().split('\n');
    const pool = new ClassPool(true);
    const actual: string[] = [];
    for (const name of CLASSES) {
      const cc = pool.get(name);
      const classSignature = cc.getGenericSignature();
      if (classSignature !== null) actual.push(sig('c', classSignature));
      for (const b of cc.getDeclaredBehaviors()) {
        const s = b.getGenericSignature();
        if (s !== null) actual.push(sig('m', s));
      }
      for (const f of cc.getDeclaredFields()) {
        const s = f.getGenericSignature();
        if (s !== null) actual.push(sig('f', s));
      }
    }
    for (const s of SIGNATURES) actual.push(sig(s[0]!, s.slice(2)));
    expect(actual).toEqual(expected);
    expect(expected.length).toBeGreaterThan(300);
  }, 60_000);

  it('reads and sets Signature attributes through MethodInfo/FieldInfo/ClassFile, as HotSpot then reports', async () => {
    const classes = await compileJava({
      'g/H.java': `package g;
public class H<T> { public java.util.List<T> items; public <X> X first(java.util.List<X> xs) { return xs.get(0); } public Object plain(Object o) { return o; } }
`,
    });
    const pool = new ClassPool(true).appendClassPath(classes.dir);
    const cc = pool.get('g.H');
    const first = cc.getDeclaredMethod('first').getMethodInfo().getAttribute(SignatureAttribute.tag) as InstanceType<typeof SignatureAttribute>;
    expect(first.getSignature()).toBe('<X:Ljava/lang/Object;>(Ljava/util/List<TX;>;)TX;');
    expect(cc.getDeclaredMethod('plain').getMethodInfo().getAttribute(SignatureAttribute.tag)).toBeNull();
    // Live: setSignature changes the method; addAttribute gives a method one; removeAttribute takes a field's away.
    first.setSignature('<X:Ljava/lang/Number;>(Ljava/util/List<TX;>;)TX;');
    const plain = cc.getDeclaredMethod('plain').getMethodInfo();
    plain.addAttribute(new SignatureAttribute(plain.getConstPool(), SignatureAttribute.toMethodSignature('(TT;)TT;').encode()));
    cc.getDeclaredField('items').getFieldInfo().removeAttribute(SignatureAttribute.tag);
    expect(cc.getDeclaredMethod('plain').getGenericSignature()).toBe('(TT;)TT;');
    const out = mkdtempSync(join(tmpdir(), 'cf-sig-'));
    try {
      await cc.writeFile(out);
      const reader = await compileJava({
        'SigRead.java': `public class SigRead { public static void main(String[] a) throws Exception {
  Class<?> c = Class.forName("g.H");
  System.out.println(c.getMethod("first", java.util.List.class).toGenericString());
  System.out.println(c.getMethod("plain", Object.class).toGenericString());
  System.out.println(c.getField("items").toGenericString());
} }
`,
      });
      const run = await runJava({ classpath: [out, reader.dir], mainClass: 'SigRead', jvmArgs: ['-Xverify:all'] });
      expect(run.stderr).toBe('');
      expect(run.stdout.trimEnd().split('\n')).toEqual(['public <X> X g.H.first(java.util.List<X>)'.replace('<X>', '<X extends java.lang.Number>'), 'public T g.H.plain(T)', 'public java.util.List g.H.items']);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('encodes signatures built with the constructors as javac writes them', async () => {
    const S = SignatureAttribute;
    const t = new S.TypeVariable('T');
    const list = (arg: InstanceType<typeof S.TypeArgument>) => new S.ClassType('java.util.List', [arg]);
    const method = new S.MethodSignature(
      [new S.TypeParameter('T', null, [new S.ClassType('java.lang.Comparable', [S.TypeArgument.superOf(t)])])],
      [list(S.TypeArgument.subclassOf(t)), new S.ArrayType(2, new S.BaseType('int'))],
      list(new S.TypeArgument(t)),
      [new S.ClassType('java.io.IOException')],
    );
    const classes = await compileJava({
      'g/G.java': `package g;
public class G { public static <T extends Comparable<? super T>> java.util.List<T> m(java.util.List<? extends T> a, int[][] b) throws java.io.IOException { return null; } }
`,
    });
    const javac = new ClassPool(true).appendClassPath(classes.dir).get('g.G').getDeclaredMethod('m').getGenericSignature();
    // javac writes the Object class bound Javassist's encode adds (T:Ljava/lang/Object;:…) as an empty
    // one, and leaves a throws clause without type variables out (JVMS §4.7.9.1 allows both).
    expect(method.encode()).toBe(javac!.replace('<T::', '<T:Ljava/lang/Object;:') + '^Ljava/io/IOException;');
    expect(method.toString()).toBe('<T extends java.lang.Comparable<? super T>> (java.util.List<? extends T>, int[][]) java.util.List<T> throws java.io.IOException');
  });
});
