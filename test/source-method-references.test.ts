// Method references in classforge/source snippets get the call site javac gives them: the referenced
// method's or constructor's own handle where javac uses it (no synthetic lambda method), and a lambda
// method where javac needs one (super::, variable arity, array constructors, inner classes' constructors,
// protected members of a superclass in another package, an inaccessible declaring class).
import { describe, expect, it } from 'vitest';
import { ClassPool } from '../src/source/index.js';
import { compileJava, runJava } from '../src/testing/index.js';
import { compiledBothWays, invokeDynamicSites as callSites, lambdaMethodCount } from './support/call-sites.js';

const BASE = `package p;
  public class Base {
    protected String prot() { return "prot"; }
    protected static String sprot() { return "sprot"; }
  }`;

/** Bodies of `Object name(String s, Object o)` in q.N (extends p.Base), each returning a method reference. */
const REFERENCES: Record<string, string> = {
  staticMethod: 'java.util.function.Function<Object, String> f = java.util.Objects::toString; return f;',
  unboundInstance: 'java.util.function.Function<String, Integer> f = String::length; return f;',
  unboundInterface: 'java.util.function.Function<java.util.List<String>, Integer> f = java.util.List::size; return f;',
  bound: 'java.util.function.Supplier<Integer> f = s::length; return f;',
  boundObjectMethod: 'java.util.function.Supplier<Class<?>> f = o::getClass; return f;',
  thisInherited: 'java.util.function.Supplier<String> f = this::toString; return f;',
  thisPrivate: 'java.util.function.Supplier<String> f = this::priv; return f;',
  staticPrivate: 'java.util.function.Supplier<String> f = N::spriv; return f;',
  constructor: 'java.util.function.Function<String, StringBuilder> f = StringBuilder::new; return f;',
  nestedConstructor: 'java.util.function.Supplier<N.Nested> f = N.Nested::new; return f;',
  boxing: 'java.util.function.BinaryOperator<Integer> f = Integer::sum; return f;',
  widening: 'java.util.function.IntToLongFunction f = Math::abs; return f;',
  arrayArgument: 'java.util.function.BiFunction<String, Object[], String> f = String::format; return f;',
  unboxingWidening: 'java.util.function.ToLongBiFunction<Integer, Short> f = Math::addExact; return f;',
  genericStatic: 'java.util.function.UnaryOperator<String> f = java.util.Objects::requireNonNull; return f;',
  interfaceStatic: 'java.util.function.Supplier<java.util.Comparator<String>> f = java.util.Comparator::naturalOrder; return f;',
  inheritedDefault: 'java.util.function.Function<java.util.ArrayList<String>, java.util.stream.Stream<String>> f = java.util.ArrayList::stream; return f;',
  objectMethodOnInterface: 'Runnable r = () -> {}; java.util.function.Supplier<String> f = r::toString; return f;',
  subtypeReceiver: 'java.util.function.Function<java.util.ArrayList<String>, Integer> f = java.util.List::size; return f;',
  primitiveToBoxed: 'java.util.function.IntFunction<Integer> f = Integer::valueOf; return f;',
  voidDiscardsResult: 'java.util.function.Consumer<StringBuilder> f = StringBuilder::reverse; return f;',
  // javac: a lambda method for each of these.
  variableArity: 'java.util.function.Function<String, String> f = String::format; return f;',
  superMethod: 'java.util.function.Supplier<String> f = super::toString; return f;',
  protectedInherited: 'java.util.function.Supplier<String> f = this::prot; return f;',
  protectedStatic: 'java.util.function.Supplier<String> f = p.Base::sprot; return f;',
  innerConstructor: 'java.util.function.Supplier<N.Member> f = N.Member::new; return f;',
  arrayConstructor: 'java.util.function.IntFunction<int[]> f = int[]::new; return f;',
  inaccessibleDeclaringClass: 'java.util.function.ToIntFunction<StringBuilder> f = StringBuilder::length; return f;',
};

function nClass(stub: boolean): string {
  const members = Object.entries(REFERENCES)
    .map(([name, body]) => `Object ${name}(String s, Object o) { ${stub ? 'return null;' : body} }`)
    .join('\n  ');
  return `package q;
    public class N extends p.Base {
      private String priv() { return "priv"; }
      private static String spriv() { return "spriv"; }
      public static class Nested {}
      public class Member {}
      ${members}
      public static void main(String[] args) throws Exception {
        N n = new N();
        StringBuilder out = new StringBuilder();
        for (java.lang.reflect.Method m : N.class.getDeclaredMethods()) {
          if (m.getParameterCount() != 2 || m.getName().startsWith("lambda$")) continue;
          Object f = m.invoke(n, "text", 42);
          out.append(m.getName()).append('=').append(f != null).append(' ');
        }
        System.out.println(out.length() > 0);
      }
    }`;
}

describe('method references in snippets', () => {
  it("get javac's call sites: the method's own handle, or a lambda method where javac makes one", async () => {
    const { ours, javacs, stubs } = await compiledBothWays((stub) => ({ 'p/Base.java': BASE, 'q/N.java': nClass(stub) }), 'q.N', REFERENCES);
    for (const name of Object.keys(REFERENCES)) expect(callSites(ours, name), name).toEqual(callSites(javacs, name));
    // Lambda methods only where javac has them.
    expect(lambdaMethodCount(ours)).toBe(lambdaMethodCount(javacs));
    expect(lambdaMethodCount(ours)).toBe(8); // the 7 above, and objectMethodOnInterface's own Runnable
    // And they all link and run.
    const run = await runJava({ classpath: [new Map([['q/N', ours]]), stubs.dir], mainClass: 'q.N', verify: true });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('true\n');
  });

  it('infer a function type from an exact method reference, as javac: comparing(String::length) with no target type is the handle of String.length', async () => {
    const compiled = await compileJava({
      'r/Sort.java': `package r;
        public class Sort {
          static Object sorted(java.util.List<String> names) { return null; }
          public static void main(String[] args) { System.out.println(sorted(new java.util.ArrayList<>(java.util.List.of("ccc", "a", "bb")))); }
        }`,
    });
    const pool = new ClassPool(true).appendClassPath(compiled.dir);
    const sort = pool.get('r.Sort');
    // comparing(…) is the receiver of reversed(): no target type tells its T.
    sort.getDeclaredMethod('sorted').setBody('{ java.util.Comparator<String> c = java.util.Comparator.comparing(String::length).reversed(); $1.sort(c); $1.forEach(System.out::print); return $1; }');
    // JLS §18.2.1: String::length is exact, so comparing's T is String (it was Object here, and the reference a lambda with a cast).
    const bytes = sort.toBytecode();
    expect(callSites(bytes, 'sorted')[0]).toContain('metafactory [(Ljava/lang/Object;)Ljava/lang/Object;, handle 5 java/lang/String.length()I, (Ljava/lang/String;)Ljava/lang/Integer;]');
    expect(lambdaMethodCount(bytes)).toBe(0);
    const run = await runJava({ classpath: [new Map([['r/Sort', bytes]]), compiled.dir], mainClass: 'r.Sort', verify: true });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('cccbba[ccc, bb, a]\n');
  });
});
