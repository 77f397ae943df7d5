// The source compiler's semantic model against javac: overload resolution (JLS §15.12.2), field
// resolution (§15.11), constructors (§15.9.3) and type names (§6.5.5, §7.5).
//
// Oracle: each call of CALLS below is compiled by the real javac in a method of its own; the invoke
// (or field) instruction javac emitted there names the owner (the qualifying type, JLS §13.1) and
// the descriptor of the member javac chose. Our resolution, given the static argument types stated
// next to each call, must pick the same descriptor and name the same owner. The declaring class,
// which javac does not write, is stated by hand. Ambiguous calls are compiled separately and javac
// must reject each with "is ambiguous" on the same line where we throw. Type names are checked
// against the descriptors javac wrote for fields declared with those names.

import { beforeAll, describe, expect, it } from 'vitest';
import { ClassReader } from '../src/asm/class-reader.js';
import { ClassVisitor } from '../src/asm/class-visitor.js';
import { MethodVisitor } from '../src/asm/method-visitor.js';
import { Opcodes } from '../src/asm/opcodes.js';
import { ClassPath } from '../src/classpath/class-path.js';
import { TypeEnvironment } from '../src/source/compiler/class-model.js';
import { CompileError } from '../src/source/compiler/compile-error.js';
import {
  binaryNumericPromotion,
  isPrimitiveNarrowing,
  isPrimitiveWidening,
  JavaType,
  unaryNumericPromotion,
} from '../src/source/compiler/java-type.js';
import { findConstructor, findField, findMethod } from '../src/source/compiler/member-resolution.js';
import { TypeNameResolver, type TypeNameContext } from '../src/source/compiler/type-names.js';
import { compileJava, JavaCompileError, type CompiledClasses } from '../src/testing/index.js';

// ## Fixtures

const FIXTURES: Record<string, string> = {
  'p/A.java': `package p;
public class A {
  public A() {}
  public A(int x) {}
  public A(long x) {}
  public A(Object x) {}
  public A(String s, Object... rest) {}
  public void f(int x) {}
  public void f(long x) {}
  public void f(Integer x) {}
  public void f(Object x) {}
  public void g(long x) {}
  public void g(Integer x) {}
  public void h(Object... xs) {}
  public void h(Object x) {}
  public void v(int... xs) {}
  public void v(Object... xs) {}
  public void w(String s, Object... rest) {}
  public void w(String s, String t) {}
  public static void s(char c) {}
  public static void s(int i) {}
  public void n(String s) {}
  public void n(Object o) {}
  public void arr(Object o) {}
  public void arr(Object[] o) {}
  public void oa(Object... o) {}
  public <T> void gen(T t) {}
  public void gen(String s) {}
  public <T extends Number> void genN(T t) {}
  public void prim(double d) {}
  public void prim(float f) {}
  public void chars(int i) {}
  public void chars(String s) {}
  public void bx(long l) {}
  public void bx(Object o) {}
  public void ub(int i) {}
  public void ub(Object o) {}
  public void ul(long l) {}
  public void wrapper(Number n) {}
  public void wrapper(Comparable<?> c) {}
  public void wrapper(Long l) {}
  public void k(A a) {}
  public void k(B b) {}
  public void sh(short s) {}
  public void sh(int i) {}
  public int x = 1;
  public static int SX = 2;
  public Object ox = null;
  protected void prot() {}
  void pkg() {}
  private void priv() {}
  public void ppriv(Object o) {}
  private void ppriv(String s) {}
}
`,
  'p/B.java': `package p;
public class B extends A {
  @Override public void f(int x) {}
  public String x = "b";
  public B covariant() { return this; }
}
`,
  'p/C.java': `package p;
public class C extends B {}
`,
  'p/Base.java': `package p;
public class Base { public Base covariant() { return this; } }
`,
  'p/Derived.java': `package p;
public class Derived extends Base { @Override public Derived covariant() { return this; } }
`,
  'p/I.java': `package p;
public interface I {
  default void d() {}
  void m(Object o);
  Object IO = new Object();
  static void st() {}
}
`,
  'p/J.java': `package p;
public interface J extends I {
  @Override default void d() {}
}
`,
  'p/K.java': `package p;
public interface K { default void kd() {} }
`,
  'p/D.java': `package p;
public class D extends C implements J, K {
  @Override public void m(Object o) {}
}
`,
  'p/E.java': `package p;
public abstract class E implements J {}
`,
  'p/F.java': `package p;
public class F extends E { @Override public void m(Object o) {} public void d() {} }
`,
  'p/Outer.java': `package p;
public class Outer {
  public static class Nested {
    public static int N = 1;
    public static Object NO = null;
    public static class Deep { public static int DN = 2; }
    Inner inNested;
  }
  public class Inner {}
  public interface Callback { void call(); }
}
`,
  'p/Sub.java': `package p;
public class Sub extends Outer {
  Nested nested;
  Nested.Deep deep;
  Inner inner;
  Callback callback;
}
`,
  'p/MyMap.java': `package p;
import java.util.*;
public abstract class MyMap<K, V> extends AbstractMap<K, V> {
  Entry<K, V> entry;
  SimpleEntry<K, V> simple;
  Map.Entry<K, V> mapEntry;
  List<String> list;
  String string;
  Object object;
  int[][] matrix;
  java.util.Map.Entry<K, V>[] entries;
}
`,
  'p2/Integer.java': `package p2;
public class Integer {}
`,
  'p2/User.java': `package p2;
public class User {
  Integer mine;
  java.lang.Integer theirs;
  String string;
}
`,
  'p2/Importer.java': `package p2;
import java.lang.Integer;
import java.util.Map.Entry;
import p.Outer.*;
public class Importer {
  Integer boxed;
  Entry<String, String> entry;
  Nested nested;
  Callback callback;
}
`,
  'p/Hid.java': `package p;
public class Hid extends A { private int x; }
`,
  'p/Hid2.java': `package p;
public class Hid2 extends Hid { public static Object HO = null; }
`,
  'p/Amb.java': `package p;
public class Amb {
  public void q(int... a) {}
  public void q(Integer... a) {}
  public void p2(Integer x, long y) {}
  public void p2(long x, Integer y) {}
  public void n2(String s) {}
  public void n2(Integer i) {}
  public void r(Object... a) {}
  public void r(int... a) {}
  public void z(long a, int b) {}
  public void z(int a, long b) {}
}
`,
};

/** The variables the calls use, with their static types (the `args` of each case name these types). */
const VARIABLES = `
  char ch = 'x'; byte by = 1; short sh = 1; int i = 1; long l = 1; float fl = 1; double db = 1; boolean bo = true;
  Integer boxedInt = 1; Long boxedLong = 1L; Character boxedChar = 'c'; Short boxedShort = 1;
  String s = ""; Object o = null; String[] sa = {}; Object[] oa = {}; char[] ca = {}; int[] ia = {};
  CharSequence cs = ""; StringBuilder sb = new StringBuilder(); StringBuffer sbuf = new StringBuffer();
  java.util.List<String> list = new java.util.ArrayList<>(); Runnable runnable = null;
  java.util.Collection<String> coll = list;
  A a = new A(); B b = new B(); C c = new C(); D d = new D(); E e = null; F f = new F(); I iface = d; J jface = d;
  Derived derived = new Derived(); Amb amb = new Amb(); Hid2 hid2 = new Hid2();
`;

interface CallCase {
  /** The Java statement (one call, or one field read). */
  readonly java: string;
  /** The static type of the qualifier: the type the member is looked up in (internal name or array descriptor). */
  readonly site: string;
  /** Method name, '<init>' for a constructor, or a field name with `field: true`. */
  readonly name: string;
  /** The static types of the arguments, as source type names (`int`, `java.lang.String`, `null`, `char[]`). */
  readonly args?: readonly string[];
  /** The declaring class we must report (javac does not write it). */
  readonly declaring: string;
  readonly field?: boolean;
  /** Expected phase of §15.12.2 (checked when given). */
  readonly phase?: 1 | 2 | 3;
}

const CALLS: readonly CallCase[] = [
  // Widening beats boxing (phase 1 before phase 2), most specific among widenings.
  { java: 'a.f(i);', site: 'p/A', name: 'f', args: ['int'], declaring: 'p/A', phase: 1 },
  { java: 'a.f(ch);', site: 'p/A', name: 'f', args: ['char'], declaring: 'p/A', phase: 1 },
  { java: 'a.f(by);', site: 'p/A', name: 'f', args: ['byte'], declaring: 'p/A', phase: 1 },
  { java: 'a.f(l);', site: 'p/A', name: 'f', args: ['long'], declaring: 'p/A', phase: 1 },
  { java: 'a.f(fl);', site: 'p/A', name: 'f', args: ['float'], declaring: 'p/A', phase: 2 },
  { java: 'a.f(boxedInt);', site: 'p/A', name: 'f', args: ['java.lang.Integer'], declaring: 'p/A', phase: 1 },
  { java: 'a.f(boxedLong);', site: 'p/A', name: 'f', args: ['java.lang.Long'], declaring: 'p/A', phase: 1 },
  { java: 'a.f(s);', site: 'p/A', name: 'f', args: ['java.lang.String'], declaring: 'p/A' },
  { java: 'a.f(null);', site: 'p/A', name: 'f', args: ['null'], declaring: 'p/A' },
  { java: 'a.g(i);', site: 'p/A', name: 'g', args: ['int'], declaring: 'p/A', phase: 1 },
  { java: 'a.g(boxedInt);', site: 'p/A', name: 'g', args: ['java.lang.Integer'], declaring: 'p/A', phase: 1 },
  { java: 'a.g(boxedShort);', site: 'p/A', name: 'g', args: ['java.lang.Short'], declaring: 'p/A', phase: 2 },
  { java: 'a.bx(i);', site: 'p/A', name: 'bx', args: ['int'], declaring: 'p/A', phase: 1 },
  { java: 'a.bx(boxedInt);', site: 'p/A', name: 'bx', args: ['java.lang.Integer'], declaring: 'p/A', phase: 1 },
  { java: 'a.ub(boxedInt);', site: 'p/A', name: 'ub', args: ['java.lang.Integer'], declaring: 'p/A', phase: 1 },
  { java: 'a.ub(boxedChar);', site: 'p/A', name: 'ub', args: ['java.lang.Character'], declaring: 'p/A', phase: 1 },
  { java: 'a.ul(boxedInt);', site: 'p/A', name: 'ul', args: ['java.lang.Integer'], declaring: 'p/A', phase: 2 },
  { java: 'a.ul(boxedChar);', site: 'p/A', name: 'ul', args: ['java.lang.Character'], declaring: 'p/A', phase: 2 },
  { java: 'a.wrapper(l);', site: 'p/A', name: 'wrapper', args: ['long'], declaring: 'p/A', phase: 2 },
  { java: 'a.wrapper(boxedLong);', site: 'p/A', name: 'wrapper', args: ['java.lang.Long'], declaring: 'p/A', phase: 1 },
  { java: 'a.prim(i);', site: 'p/A', name: 'prim', args: ['int'], declaring: 'p/A' },
  { java: 'a.prim(l);', site: 'p/A', name: 'prim', args: ['long'], declaring: 'p/A' },
  { java: 'a.prim(db);', site: 'p/A', name: 'prim', args: ['double'], declaring: 'p/A' },
  { java: 'a.chars(ch);', site: 'p/A', name: 'chars', args: ['char'], declaring: 'p/A' },
  { java: 'a.sh(by);', site: 'p/A', name: 'sh', args: ['byte'], declaring: 'p/A' },
  { java: 'a.sh(ch);', site: 'p/A', name: 'sh', args: ['char'], declaring: 'p/A' },
  { java: 'a.sh(boxedShort);', site: 'p/A', name: 'sh', args: ['java.lang.Short'], declaring: 'p/A', phase: 2 },
  { java: 'A.s(ch);', site: 'p/A', name: 's', args: ['char'], declaring: 'p/A' },
  { java: 'A.s(by);', site: 'p/A', name: 's', args: ['byte'], declaring: 'p/A' },
  { java: 'A.s(boxedChar);', site: 'p/A', name: 's', args: ['java.lang.Character'], declaring: 'p/A', phase: 2 },
  // null: the most specific reference type.
  { java: 'a.n(null);', site: 'p/A', name: 'n', args: ['null'], declaring: 'p/A' },
  { java: 'a.n(o);', site: 'p/A', name: 'n', args: ['java.lang.Object'], declaring: 'p/A' },
  { java: 'a.arr(sa);', site: 'p/A', name: 'arr', args: ['java.lang.String[]'], declaring: 'p/A' },
  { java: 'a.arr(null);', site: 'p/A', name: 'arr', args: ['null'], declaring: 'p/A' },
  { java: 'a.arr(ia);', site: 'p/A', name: 'arr', args: ['int[]'], declaring: 'p/A' },
  // Variable arity: fixed arity first; Object... with an array is no varargs call.
  { java: 'a.h(o);', site: 'p/A', name: 'h', args: ['java.lang.Object'], declaring: 'p/A', phase: 1 },
  { java: 'a.h(oa);', site: 'p/A', name: 'h', args: ['java.lang.Object[]'], declaring: 'p/A', phase: 1 },
  { java: 'a.h();', site: 'p/A', name: 'h', args: [], declaring: 'p/A', phase: 3 },
  { java: 'a.h(o, o);', site: 'p/A', name: 'h', args: ['java.lang.Object', 'java.lang.Object'], declaring: 'p/A', phase: 3 },
  { java: 'a.h(i);', site: 'p/A', name: 'h', args: ['int'], declaring: 'p/A', phase: 2 },
  { java: 'a.oa(sa);', site: 'p/A', name: 'oa', args: ['java.lang.String[]'], declaring: 'p/A', phase: 1 },
  { java: 'a.oa(ia);', site: 'p/A', name: 'oa', args: ['int[]'], declaring: 'p/A', phase: 3 },
  { java: 'a.oa(null, null);', site: 'p/A', name: 'oa', args: ['null', 'null'], declaring: 'p/A', phase: 3 },
  { java: 'a.v(s);', site: 'p/A', name: 'v', args: ['java.lang.String'], declaring: 'p/A', phase: 3 },
  { java: 'a.v(ia);', site: 'p/A', name: 'v', args: ['int[]'], declaring: 'p/A', phase: 1 },
  { java: 'a.w(s, s);', site: 'p/A', name: 'w', args: ['java.lang.String', 'java.lang.String'], declaring: 'p/A', phase: 1 },
  { java: 'a.w(s);', site: 'p/A', name: 'w', args: ['java.lang.String'], declaring: 'p/A', phase: 3 },
  { java: 'a.w(s, o);', site: 'p/A', name: 'w', args: ['java.lang.String', 'java.lang.Object'], declaring: 'p/A', phase: 3 },
  { java: 'a.w(s, s, s);', site: 'p/A', name: 'w', args: ['java.lang.String', 'java.lang.String', 'java.lang.String'], declaring: 'p/A', phase: 3 },
  // Generic methods, erased.
  { java: 'a.gen(s);', site: 'p/A', name: 'gen', args: ['java.lang.String'], declaring: 'p/A' },
  { java: 'a.gen(o);', site: 'p/A', name: 'gen', args: ['java.lang.Object'], declaring: 'p/A' },
  { java: 'a.gen(i);', site: 'p/A', name: 'gen', args: ['int'], declaring: 'p/A', phase: 2 },
  { java: 'a.genN(boxedInt);', site: 'p/A', name: 'genN', args: ['java.lang.Integer'], declaring: 'p/A' },
  { java: 'a.genN(db);', site: 'p/A', name: 'genN', args: ['double'], declaring: 'p/A', phase: 2 },
  // Class hierarchies: overriding, most specific parameter class, owner = qualifying type.
  { java: 'b.f(i);', site: 'p/B', name: 'f', args: ['int'], declaring: 'p/B' },
  { java: 'c.f(i);', site: 'p/C', name: 'f', args: ['int'], declaring: 'p/B' },
  { java: 'c.f(l);', site: 'p/C', name: 'f', args: ['long'], declaring: 'p/A' },
  { java: 'c.f(boxedInt);', site: 'p/C', name: 'f', args: ['java.lang.Integer'], declaring: 'p/A' },
  { java: 'a.k(c);', site: 'p/A', name: 'k', args: ['p.C'], declaring: 'p/A' },
  { java: 'a.k(a);', site: 'p/A', name: 'k', args: ['p.A'], declaring: 'p/A' },
  { java: 'a.k(null);', site: 'p/A', name: 'k', args: ['null'], declaring: 'p/A' },
  { java: 'a.f(c);', site: 'p/A', name: 'f', args: ['p.C'], declaring: 'p/A' },
  { java: 'c.covariant();', site: 'p/C', name: 'covariant', args: [], declaring: 'p/B' },
  { java: 'derived.covariant();', site: 'p/Derived', name: 'covariant', args: [], declaring: 'p/Derived' },
  { java: 'c.prot();', site: 'p/C', name: 'prot', args: [], declaring: 'p/A' },
  { java: 'c.pkg();', site: 'p/C', name: 'pkg', args: [], declaring: 'p/A' },
  { java: 'a.ppriv(s);', site: 'p/A', name: 'ppriv', args: ['java.lang.String'], declaring: 'p/A' },
  // Interfaces: default methods, the most specific interface, Object's methods.
  { java: 'd.d();', site: 'p/D', name: 'd', args: [], declaring: 'p/J' },
  { java: 'd.kd();', site: 'p/D', name: 'kd', args: [], declaring: 'p/K' },
  { java: 'd.m(s);', site: 'p/D', name: 'm', args: ['java.lang.String'], declaring: 'p/D' },
  { java: 'e.d();', site: 'p/E', name: 'd', args: [], declaring: 'p/J' },
  { java: 'e.m(o);', site: 'p/E', name: 'm', args: ['java.lang.Object'], declaring: 'p/I' },
  { java: 'f.d();', site: 'p/F', name: 'd', args: [], declaring: 'p/F' },
  { java: 'iface.d();', site: 'p/I', name: 'd', args: [], declaring: 'p/I' },
  { java: 'jface.d();', site: 'p/J', name: 'd', args: [], declaring: 'p/J' },
  { java: 'jface.m(o);', site: 'p/J', name: 'm', args: ['java.lang.Object'], declaring: 'p/I' },
  { java: 'jface.hashCode();', site: 'p/J', name: 'hashCode', args: [], declaring: 'java/lang/Object' },
  { java: 'jface.equals(o);', site: 'p/J', name: 'equals', args: ['java.lang.Object'], declaring: 'java/lang/Object' },
  { java: 'I.st();', site: 'p/I', name: 'st', args: [], declaring: 'p/I' },
  { java: 'd.toString();', site: 'p/D', name: 'toString', args: [], declaring: 'java/lang/Object' },
  { java: 'runnable.toString();', site: 'java/lang/Runnable', name: 'toString', args: [], declaring: 'java/lang/Object' },
  { java: 'ia.clone();', site: '[I', name: 'clone', args: [], declaring: 'java/lang/Object' },
  { java: 'sa.clone();', site: '[Ljava/lang/String;', name: 'clone', args: [], declaring: 'java/lang/Object' },
  { java: 'sa.hashCode();', site: '[Ljava/lang/String;', name: 'hashCode', args: [], declaring: 'java/lang/Object' },
  // Constructors.
  { java: 'new A();', site: 'p/A', name: '<init>', args: [], declaring: 'p/A' },
  { java: 'new A(ch);', site: 'p/A', name: '<init>', args: ['char'], declaring: 'p/A' },
  { java: 'new A(boxedInt);', site: 'p/A', name: '<init>', args: ['java.lang.Integer'], declaring: 'p/A' },
  { java: 'new A(s);', site: 'p/A', name: '<init>', args: ['java.lang.String'], declaring: 'p/A' },
  { java: 'new A(s, s);', site: 'p/A', name: '<init>', args: ['java.lang.String', 'java.lang.String'], declaring: 'p/A', phase: 3 },
  { java: 'new StringBuilder(i);', site: 'java/lang/StringBuilder', name: '<init>', args: ['int'], declaring: 'java/lang/StringBuilder' },
  { java: 'new StringBuilder(ch);', site: 'java/lang/StringBuilder', name: '<init>', args: ['char'], declaring: 'java/lang/StringBuilder' },
  { java: 'new StringBuilder(s);', site: 'java/lang/StringBuilder', name: '<init>', args: ['java.lang.String'], declaring: 'java/lang/StringBuilder' },
  { java: 'new StringBuilder(cs);', site: 'java/lang/StringBuilder', name: '<init>', args: ['java.lang.CharSequence'], declaring: 'java/lang/StringBuilder' },
  { java: 'new java.util.ArrayList<>(list);', site: 'java/util/ArrayList', name: '<init>', args: ['java.util.List'], declaring: 'java/util/ArrayList' },
  { java: 'new Object();', site: 'java/lang/Object', name: '<init>', args: [], declaring: 'java/lang/Object' },
  // JDK classes.
  { java: 'System.out.println(ch);', site: 'java/io/PrintStream', name: 'println', args: ['char'], declaring: 'java/io/PrintStream' },
  { java: 'System.out.println(by);', site: 'java/io/PrintStream', name: 'println', args: ['byte'], declaring: 'java/io/PrintStream' },
  { java: 'System.out.println(sa);', site: 'java/io/PrintStream', name: 'println', args: ['java.lang.String[]'], declaring: 'java/io/PrintStream' },
  { java: 'System.out.println(ca);', site: 'java/io/PrintStream', name: 'println', args: ['char[]'], declaring: 'java/io/PrintStream' },
  { java: 'System.out.println(boxedInt);', site: 'java/io/PrintStream', name: 'println', args: ['java.lang.Integer'], declaring: 'java/io/PrintStream' },
  { java: 'System.out.println(s);', site: 'java/io/PrintStream', name: 'println', args: ['java.lang.String'], declaring: 'java/io/PrintStream' },
  { java: 'System.out.println(sb);', site: 'java/io/PrintStream', name: 'println', args: ['java.lang.StringBuilder'], declaring: 'java/io/PrintStream' },
  { java: 'System.out.printf(s, i, s);', site: 'java/io/PrintStream', name: 'printf', args: ['java.lang.String', 'int', 'java.lang.String'], declaring: 'java/io/PrintStream', phase: 3 },
  { java: 'String.valueOf(ca);', site: 'java/lang/String', name: 'valueOf', args: ['char[]'], declaring: 'java/lang/String' },
  { java: 'String.valueOf(o);', site: 'java/lang/String', name: 'valueOf', args: ['java.lang.Object'], declaring: 'java/lang/String' },
  { java: 'String.valueOf(sa);', site: 'java/lang/String', name: 'valueOf', args: ['java.lang.String[]'], declaring: 'java/lang/String' },
  { java: 'String.valueOf(boxedChar);', site: 'java/lang/String', name: 'valueOf', args: ['java.lang.Character'], declaring: 'java/lang/String' },
  { java: 'String.valueOf(sh);', site: 'java/lang/String', name: 'valueOf', args: ['short'], declaring: 'java/lang/String' },
  { java: 'String.format(s, i);', site: 'java/lang/String', name: 'format', args: ['java.lang.String', 'int'], declaring: 'java/lang/String', phase: 3 },
  { java: 'Math.max(i, l);', site: 'java/lang/Math', name: 'max', args: ['int', 'long'], declaring: 'java/lang/Math' },
  { java: 'Math.max(i, ch);', site: 'java/lang/Math', name: 'max', args: ['int', 'char'], declaring: 'java/lang/Math' },
  { java: 'Math.max(fl, l);', site: 'java/lang/Math', name: 'max', args: ['float', 'long'], declaring: 'java/lang/Math' },
  { java: 'Math.abs(boxedInt);', site: 'java/lang/Math', name: 'abs', args: ['java.lang.Integer'], declaring: 'java/lang/Math', phase: 2 },
  { java: 'java.util.List.of(s, s);', site: 'java/util/List', name: 'of', args: ['java.lang.String', 'java.lang.String'], declaring: 'java/util/List', phase: 1 },
  { java: 'java.util.List.of(s, s, s, s, s, s, s, s, s, s, s, s);', site: 'java/util/List', name: 'of', args: Array(12).fill('java.lang.String'), declaring: 'java/util/List', phase: 3 },
  { java: 'java.util.List.of(sa);', site: 'java/util/List', name: 'of', args: ['java.lang.String[]'], declaring: 'java/util/List', phase: 1 },
  { java: 'java.util.List.of();', site: 'java/util/List', name: 'of', args: [], declaring: 'java/util/List' },
  { java: 'java.util.List.of(i);', site: 'java/util/List', name: 'of', args: ['int'], declaring: 'java/util/List', phase: 2 },
  { java: 'java.util.Arrays.asList(s, s);', site: 'java/util/Arrays', name: 'asList', args: ['java.lang.String', 'java.lang.String'], declaring: 'java/util/Arrays', phase: 3 },
  { java: 'java.util.Arrays.asList(sa);', site: 'java/util/Arrays', name: 'asList', args: ['java.lang.String[]'], declaring: 'java/util/Arrays', phase: 1 },
  { java: 'java.util.Arrays.toString(ia);', site: 'java/util/Arrays', name: 'toString', args: ['int[]'], declaring: 'java/util/Arrays' },
  { java: 'java.util.Arrays.toString(sa);', site: 'java/util/Arrays', name: 'toString', args: ['java.lang.String[]'], declaring: 'java/util/Arrays' },
  { java: 'java.util.Objects.hash(i, s);', site: 'java/util/Objects', name: 'hash', args: ['int', 'java.lang.String'], declaring: 'java/util/Objects', phase: 3 },
  { java: 'java.util.Collections.max(coll);', site: 'java/util/Collections', name: 'max', args: ['java.util.Collection'], declaring: 'java/util/Collections' },
  { java: 'sb.append(cs);', site: 'java/lang/StringBuilder', name: 'append', args: ['java.lang.CharSequence'], declaring: 'java/lang/StringBuilder' },
  { java: 'sb.append(s);', site: 'java/lang/StringBuilder', name: 'append', args: ['java.lang.String'], declaring: 'java/lang/StringBuilder' },
  { java: 'sb.append(sbuf);', site: 'java/lang/StringBuilder', name: 'append', args: ['java.lang.StringBuffer'], declaring: 'java/lang/StringBuilder' },
  { java: 'sb.append(sb);', site: 'java/lang/StringBuilder', name: 'append', args: ['java.lang.StringBuilder'], declaring: 'java/lang/StringBuilder' },
  { java: 'sb.append(ch);', site: 'java/lang/StringBuilder', name: 'append', args: ['char'], declaring: 'java/lang/StringBuilder' },
  { java: 'sb.append(sh);', site: 'java/lang/StringBuilder', name: 'append', args: ['short'], declaring: 'java/lang/StringBuilder' },
  { java: 'sb.append(boxedChar);', site: 'java/lang/StringBuilder', name: 'append', args: ['java.lang.Character'], declaring: 'java/lang/StringBuilder' },
  { java: 'sb.append(ca);', site: 'java/lang/StringBuilder', name: 'append', args: ['char[]'], declaring: 'java/lang/StringBuilder' },
  { java: 'sb.append(o);', site: 'java/lang/StringBuilder', name: 'append', args: ['java.lang.Object'], declaring: 'java/lang/StringBuilder' },
  { java: 'sb.append((String) null);', site: 'java/lang/StringBuilder', name: 'append', args: ['java.lang.String'], declaring: 'java/lang/StringBuilder' },
  { java: 'sb.length();', site: 'java/lang/StringBuilder', name: 'length', args: [], declaring: 'java/lang/AbstractStringBuilder' },
  { java: 'cs.length();', site: 'java/lang/CharSequence', name: 'length', args: [], declaring: 'java/lang/CharSequence' },
  { java: 's.indexOf(ch);', site: 'java/lang/String', name: 'indexOf', args: ['char'], declaring: 'java/lang/String' },
  { java: 'Character.toString(ch);', site: 'java/lang/Character', name: 'toString', args: ['char'], declaring: 'java/lang/Character' },
  { java: 'Long.valueOf(i);', site: 'java/lang/Long', name: 'valueOf', args: ['int'], declaring: 'java/lang/Long' },
  { java: 'Integer.valueOf(ch);', site: 'java/lang/Integer', name: 'valueOf', args: ['char'], declaring: 'java/lang/Integer' },
  { java: 'list.add(s);', site: 'java/util/List', name: 'add', args: ['java.lang.String'], declaring: 'java/util/List' },
  { java: 'list.hashCode();', site: 'java/util/List', name: 'hashCode', args: [], declaring: 'java/util/List' },
  { java: 'list.stream();', site: 'java/util/List', name: 'stream', args: [], declaring: 'java/util/Collection' },
  { java: 'list.remove(i);', site: 'java/util/List', name: 'remove', args: ['int'], declaring: 'java/util/List' },
  { java: 'list.remove(boxedInt);', site: 'java/util/List', name: 'remove', args: ['java.lang.Integer'], declaring: 'java/util/List' },
  { java: 'list.getClass();', site: 'java/util/List', name: 'getClass', args: [], declaring: 'java/lang/Object' },
  { java: 'Thread.currentThread().getName();', site: 'java/lang/Thread', name: 'getName', args: [], declaring: 'java/lang/Thread' },
  // Fields: the nearest declaration (hiding), interface fields, static nested classes.
  { java: 'Object v = b.x;', site: 'p/B', name: 'x', field: true, declaring: 'p/B' },
  { java: 'Object v = c.x;', site: 'p/C', name: 'x', field: true, declaring: 'p/B' },
  { java: 'Object v = a.x;', site: 'p/A', name: 'x', field: true, declaring: 'p/A' },
  { java: 'Object v = c.ox;', site: 'p/C', name: 'ox', field: true, declaring: 'p/A' },
  { java: 'Object v = C.SX;', site: 'p/C', name: 'SX', field: true, declaring: 'p/A' },
  { java: 'Object v = d.IO;', site: 'p/D', name: 'IO', field: true, declaring: 'p/I' },
  { java: 'Object v = J.IO;', site: 'p/J', name: 'IO', field: true, declaring: 'p/I' },
  { java: 'Object v = Outer.Nested.N;', site: 'p/Outer$Nested', name: 'N', field: true, declaring: 'p/Outer$Nested' },
  { java: 'Object v = Outer.Nested.Deep.DN;', site: 'p/Outer$Nested$Deep', name: 'DN', field: true, declaring: 'p/Outer$Nested$Deep' },
  { java: 'Object v = hid2.HO;', site: 'p/Hid2', name: 'HO', field: true, declaring: 'p/Hid2' },
  { java: 'Object v = hid2.ox;', site: 'p/Hid2', name: 'ox', field: true, declaring: 'p/A' },
  { java: 'Object v = System.out;', site: 'java/lang/System', name: 'out', field: true, declaring: 'java/lang/System' },
];

/** The static type of a type name written in a case (`int`, `null`, `java.lang.String[]`, `p.Outer$Nested`). */
function typeOf(name: string): JavaType {
  if (name === 'null') return JavaType.NULL;
  if (name.endsWith('[]')) return JavaType.arrayOf(typeOf(name.slice(0, -2)));
  return JavaType.fromKeyword(name) ?? JavaType.classType(name.replace(/\./g, '/'));
}

function callsSource(cases: readonly CallCase[]): string {
  const methods = cases.map((c, index) => `  void c${index}() throws Exception { ${c.java} }`).join('\n');
  return `package p;\npublic class Calls extends Sub {\n${VARIABLES}\n${methods}\n}\n`;
}

interface Reference {
  readonly opcode: number;
  readonly owner: string;
  readonly name: string;
  readonly descriptor: string;
  readonly isInterface: boolean;
}

/** The method and field instructions of each method of a class, by method name. */
function referencesByMethod(bytes: Uint8Array): Map<string, Reference[]> {
  const result = new Map<string, Reference[]>();
  new ClassReader(bytes).accept(
    new (class extends ClassVisitor {
      override visitMethod(_access: number, name: string): MethodVisitor {
        const refs: Reference[] = [];
        result.set(name, refs);
        return new (class extends MethodVisitor {
          override visitMethodInsn(opcode: number, owner: string, method: string, descriptor: string, isInterface?: boolean): void {
            refs.push({ opcode, owner, name: method, descriptor, isInterface: isInterface ?? false });
          }
          override visitFieldInsn(opcode: number, owner: string, field: string, descriptor: string): void {
            refs.push({ opcode, owner, name: field, descriptor, isInterface: false });
          }
        })(Opcodes.ASM9);
      }
    })(Opcodes.ASM9),
    ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES,
  );
  return result;
}

let compiled: CompiledClasses;
let env: TypeEnvironment;
let references: Map<string, Reference[]>;
const CALLER = { currentClass: 'p/Calls' };

beforeAll(async () => {
  compiled = await compileJava({ ...FIXTURES, 'p/Calls.java': callsSource(CALLS) });
  env = new TypeEnvironment(new ClassPath([compiled.dir]));
  references = referencesByMethod(compiled.classes.get('p/Calls')!);
});

describe('overload, constructor and field resolution against javac', () => {
  it.each(CALLS.map((c, index) => [index, c.java, c] as const))('c%i: %s', (index, _java, c) => {
    const emitted = references.get(`c${index}`)!.filter((r) => r.name === c.name);
    expect(emitted.length, `javac's instruction for ${c.name} in c${index}`).toBeGreaterThan(0);
    const javac = emitted[emitted.length - 1]!;
    if (c.field === true) {
      const field = findField(env, c.site, c.name, CALLER);
      expect(field).not.toBeNull();
      expect(field!.field.descriptor).toBe(javac.descriptor);
      expect(field!.owner).toBe(c.declaring);
      expect(c.site).toBe(javac.owner); // javac names the qualifying type (JLS §13.1)
      expect(field!.isStatic).toBe(javac.opcode === Opcodes.GETSTATIC);
      return;
    }
    const args = (c.args ?? []).map(typeOf);
    const resolved = c.name === '<init>' ? findConstructor(env, c.site, args, CALLER) : findMethod(env, c.site, c.name, args, CALLER);
    expect({ owner: resolved.binaryOwner, descriptor: resolved.descriptor }).toEqual({ owner: javac.owner, descriptor: javac.descriptor });
    expect(resolved.declaringClass).toBe(c.declaring);
    expect(resolved.isInterface).toBe(javac.isInterface);
    expect(resolved.isStatic).toBe(javac.opcode === Opcodes.INVOKESTATIC);
    if (javac.opcode === Opcodes.INVOKEINTERFACE) expect(resolved.isInterface).toBe(true);
    if (c.phase !== undefined) expect(resolved.phase).toBe(c.phase);
    expect(resolved.varargsCall).toBe(resolved.phase === 3);
    if (resolved.varargsCall) expect(resolved.varargsElementType).toBe(resolved.parameterTypes[resolved.parameterTypes.length - 1]!.componentType);
  });

  it('gives an array clone() the array type and names the array class', () => {
    const resolved = findMethod(env, '[I', 'clone', [], CALLER);
    expect(resolved.returnType).toBe(JavaType.arrayOf(JavaType.INT));
    expect(resolved.descriptor).toBe('()Ljava/lang/Object;');
  });
});

// ## Ambiguities and errors, with javac rejecting the same calls

interface FailingCase {
  readonly java: string;
  readonly site: string;
  readonly name: string;
  readonly args: readonly string[];
  /** What javac's diagnostic for the line says, and what our message matches. */
  readonly javac: RegExp;
  readonly ours: RegExp;
  /** A field read (name is the field's) rather than a call. */
  readonly field?: boolean;
}

const FAILING: readonly FailingCase[] = [
  { java: 'amb.q(i);', site: 'p/Amb', name: 'q', args: ['int'], javac: /reference to q is ambiguous/, ours: /reference to q is ambiguous: both q\(int\[\]\) and q\(java\.lang\.Integer\[\]\) match/ },
  { java: 'amb.p2(i, i);', site: 'p/Amb', name: 'p2', args: ['int', 'int'], javac: /reference to p2 is ambiguous/, ours: /reference to p2 is ambiguous/ },
  { java: 'amb.n2(null);', site: 'p/Amb', name: 'n2', args: ['null'], javac: /reference to n2 is ambiguous/, ours: /both n2\(java\.lang\.String\) and n2\(java\.lang\.Integer\) match/ },
  { java: 'amb.z(i, i);', site: 'p/Amb', name: 'z', args: ['int', 'int'], javac: /reference to z is ambiguous/, ours: /reference to z is ambiguous/ },
  { java: 'a.v(i);', site: 'p/A', name: 'v', args: ['int'], javac: /reference to v is ambiguous/, ours: /both v\(int\[\]\) and v\(java\.lang\.Object\[\]\) match/ },
  { java: 'a.v(boxedInt);', site: 'p/A', name: 'v', args: ['java.lang.Integer'], javac: /reference to v is ambiguous/, ours: /reference to v is ambiguous/ },
  { java: 'a.v();', site: 'p/A', name: 'v', args: [], javac: /reference to v is ambiguous/, ours: /reference to v is ambiguous/ },
  { java: 'amb.r(i);', site: 'p/Amb', name: 'r', args: ['int'], javac: /reference to r is ambiguous/, ours: /reference to r is ambiguous/ },
  { java: 'sb.append(null);', site: 'java/lang/StringBuilder', name: 'append', args: ['null'], javac: /reference to append is ambiguous/, ours: /reference to append is ambiguous/ },
  { java: 'a.g(bo);', site: 'p/A', name: 'g', args: ['boolean'], javac: /no suitable method found for g\(boolean\)/, ours: /cannot find method g\(boolean\) in p\.A \(candidates: g\(long\); g\(java\.lang\.Integer\)\)/ },
  { java: 'a.nothing(i, s);', site: 'p/A', name: 'nothing', args: ['int', 'java.lang.String'], javac: /cannot find symbol/, ours: /^cannot find method nothing\(int, java\.lang\.String\) in p\.A$/ },
  { java: 'a.priv();', site: 'p/A', name: 'priv', args: [], javac: /priv\(\) has private access in A/, ours: /priv\(\) has private access in p\.A/ },
  { java: 'I.st2();', site: 'p/I', name: 'st2', args: [], javac: /cannot find symbol/, ours: /cannot find method st2\(\) in p\.I/ },
  { java: 'new A(bo, i);', site: 'p/A', name: '<init>', args: ['boolean', 'int'], javac: /boolean cannot be converted to String/, ours: /cannot find constructor A\(boolean, int\) in p\.A/ },
  { java: 'd.st();', site: 'p/D', name: 'st', args: [], javac: /cannot find symbol/, ours: /cannot find method st\(\) in p\.D/ },
  { java: 'Object v = hid2.x;', site: 'p/Hid2', name: 'x', args: [], javac: /x has private access in Hid/, ours: /^x has private access in p\.Hid$/, field: true },
];

describe('ambiguities and missing members, as javac reports them', () => {
  let diagnostics = '';
  beforeAll(async () => {
    const source = `package p;\npublic class Failing extends Sub {\n${VARIABLES.replace(/\n/g, ' ')}\n${FAILING.map((c, index) => `  void f${index}() { ${c.java} }`).join('\n')}\n}\n`;
    // Every call is on its own line: line 4 + index (after the package, class and variables lines).
    try {
      await compileJava({ ...FIXTURES, 'p/Failing.java': source });
    } catch (error) {
      if (!(error instanceof JavaCompileError)) throw error;
      diagnostics = error.diagnostics;
    }
  });
  it.each(FAILING.map((c, index) => [index, c.java, c] as const))('f%i: %s', (index, _java, c) => {
    const line = 4 + index;
    const start = diagnostics.indexOf(`Failing.java:${line}: error:`);
    expect(start, `javac rejects line ${line}:\n${diagnostics}`).toBeGreaterThanOrEqual(0);
    const message = diagnostics.slice(start).split('\n').slice(0, 4).join('\n');
    expect(message).toMatch(c.javac);
    const args = c.args.map(typeOf);
    let thrown: unknown;
    try {
      if (c.field === true) findField(env, c.site, c.name, CALLER);
      else if (c.name === '<init>') findConstructor(env, c.site, args, CALLER);
      else findMethod(env, c.site, c.name, args, CALLER);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CompileError);
    expect((thrown as CompileError).message).toMatch(c.ours);
  });

  it('reports a class missing from the class path with the class path', () => {
    expect(() => findMethod(env, 'com/acme/Missing', 'foo', [], CALLER)).toThrow(/cannot find class com\.acme\.Missing on the class path: JDK .*dir /);
  });

  it('reports fields reached through two interfaces as ambiguous, as javac does', async () => {
    const sources = {
      'q/X.java': 'package q; public interface X { Object V = new Object(); }',
      'q/Y.java': 'package q; public interface Y { Object V = new Object(); }',
      'q/Z.java': 'package q; public abstract class Z implements X, Y {}',
    };
    const fields = await compileJava(sources);
    const fieldEnv = new TypeEnvironment(new ClassPath([fields.dir]));
    expect(() => findField(fieldEnv, 'q/Z', 'V', { currentClass: 'q/Z' })).toThrow(/reference to V is ambiguous/);
    await expect(compileJava({ ...sources, 'q/U.java': 'package q; class U { Object u(Z z) { return z.V; } }' })).rejects.toThrow(/reference to V is ambiguous/);
    expect(findField(fieldEnv, 'q/X', 'V')!.owner).toBe('q/X');
    expect(findField(fieldEnv, 'q/Z', 'nothing', { currentClass: 'q/Z' })).toBeNull();
  });
});

// ## Type names, against the field descriptors javac wrote

/** For a class: its fields' declared type names (as written in FIXTURES) and the imports in effect. */
const TYPE_NAME_CASES: readonly { currentClass: string; imports: TypeNameContext['imports']; fields: Record<string, string> }[] = [
  {
    currentClass: 'p/MyMap',
    imports: { singleType: [], onDemand: ['java.util'] },
    fields: {
      entry: 'Entry<K, V>',
      simple: 'SimpleEntry<K, V>',
      mapEntry: 'Map.Entry<K, V>',
      list: 'List<String>',
      string: 'String',
      object: 'Object',
      matrix: 'int[][]',
      entries: 'java.util.Map.Entry<K, V>[]',
    },
  },
  { currentClass: 'p/Sub', imports: { singleType: [], onDemand: [] }, fields: { nested: 'Nested', deep: 'Nested.Deep', inner: 'Inner', callback: 'Callback' } },
  { currentClass: 'p/Outer$Nested', imports: { singleType: [], onDemand: [] }, fields: { inNested: 'Inner' } },
  { currentClass: 'p2/User', imports: { singleType: [], onDemand: [] }, fields: { mine: 'Integer', theirs: 'java.lang.Integer', string: 'String' } },
  {
    currentClass: 'p2/Importer',
    imports: { singleType: ['java.lang.Integer', 'java.util.Map.Entry'], onDemand: ['p.Outer'] },
    fields: { boxed: 'Integer', entry: 'Entry<String, String>', nested: 'Nested', callback: 'Callback' },
  },
];

/** The descriptors of a class's fields, by name, as javac wrote them. */
function fieldDescriptors(internalName: string): Map<string, string> {
  const model = env.findClass(internalName)!;
  return new Map(model.fields.map((f) => [f.name, f.descriptor]));
}

describe('type names resolve as javac resolves them', () => {
  for (const { currentClass, imports, fields } of TYPE_NAME_CASES) {
    it.each(Object.entries(fields))(`in ${currentClass}: %s is %s`, (field, typeName) => {
      const resolver = new TypeNameResolver(env, { currentClass, imports });
      expect(resolver.resolveType(typeName).descriptor()).toBe(fieldDescriptors(currentClass).get(field));
    });
  }

  const context = (currentClass: string, onDemand: string[] = [], singleType: string[] = []): TypeNameResolver =>
    new TypeNameResolver(env, { currentClass, imports: { singleType, onDemand } });

  it('reads primitives, void, arrays and binary names', () => {
    const r = context('p/A');
    expect(r.resolveType('int')).toBe(JavaType.INT);
    expect(r.resolveType('void')).toBe(JavaType.VOID);
    expect(r.resolveType('boolean [] []').descriptor()).toBe('[[Z');
    expect(r.resolveType('String...').descriptor()).toBe('[Ljava/lang/String;');
    expect(r.resolveType('java.util.Map$Entry').descriptor()).toBe('Ljava/util/Map$Entry;');
    expect(r.resolveType('Outer.Nested.Deep').internalName).toBe('p/Outer$Nested$Deep');
    expect(r.resolveType('p.Outer.Nested').internalName).toBe('p/Outer$Nested');
    expect(() => r.resolveType('void[]')).toThrow(CompileError);
  });

  it('reports names that are no type, and on-demand ambiguities', () => {
    expect(() => context('p/A').resolveType('Map')).toThrow(/cannot find symbol: class Map/);
    expect(context('p/A').findType('java.util.Nope')).toBeNull();
    expect(context('p/A', ['java.util']).resolveType('Map').internalName).toBe('java/util/Map');
    expect(() => context('p/A', ['java.util', 'java.awt']).resolveType('List')).toThrow(/reference to List is ambiguous/);
    // A single-type import shadows the on-demand ones (JLS §6.4.1).
    expect(context('p/A', ['java.util', 'java.awt'], ['java.util.List']).resolveType('List').internalName).toBe('java/util/List');
    // The current package shadows java.lang; an on-demand import of a package with an Integer is ambiguous with java.lang's.
    expect(context('p2/User').resolveType('Integer').internalName).toBe('p2/Integer');
    expect(() => context('p/A', ['p2']).resolveType('Integer')).toThrow(/reference to Integer is ambiguous/);
  });

  it('reclassifies ambiguous names: variable, then type, then package (JLS §6.5.2)', () => {
    const r = context('p/Calls', ['java.util']);
    const none = (): boolean => false;
    expect(r.resolveAmbiguousName(['java', 'lang', 'System', 'out'], none)).toEqual({
      kind: 'type',
      type: JavaType.classType('java/lang/System'),
      typeParts: 3,
      fields: ['out'],
    });
    expect(r.resolveAmbiguousName(['Outer', 'Nested', 'N'], none)).toEqual({
      kind: 'type',
      type: JavaType.classType('p/Outer$Nested'),
      typeParts: 2,
      fields: ['N'],
    });
    expect(r.resolveAmbiguousName(['Nested', 'Deep'], none)).toMatchObject({ kind: 'type', typeParts: 2, fields: [] });
    expect(r.resolveAmbiguousName(['Map', 'Entry'], none)).toMatchObject({ kind: 'type', type: JavaType.classType('java/util/Map$Entry') });
    expect(r.resolveAmbiguousName(['list', 'size'], (n) => n === 'list')).toEqual({ kind: 'variable', name: 'list', fields: ['size'] });
    // A field in scope (declared in the class) is a variable without being told.
    expect(r.resolveAmbiguousName(['sb', 'length'], none)).toMatchObject({ kind: 'variable', name: 'sb' });
    // A variable shadows a type of the same name (JLS §6.4.2 obscuring).
    expect(r.resolveAmbiguousName(['System', 'out'], (n) => n === 'System')).toMatchObject({ kind: 'variable' });
    expect(() => r.resolveAmbiguousName(['nope'], none)).toThrow(/cannot find symbol: variable nope/);
    expect(() => r.resolveAmbiguousName(['com', 'nope', 'x'], none)).toThrow(/package com\.nope does not exist/);
  });
});

// ## Conversions (JLS §5), checked against the language rules directly

describe('JavaType and conversions', () => {
  it('reads and writes descriptors', () => {
    expect(JavaType.fromDescriptor('[[Ljava/lang/String;').toString()).toBe('java.lang.String[][]');
    expect(JavaType.fromDescriptor('Ljava/util/Map$Entry;').toString()).toBe('java.util.Map.Entry');
    expect(JavaType.fromDescriptor('J').size).toBe(2);
    expect(JavaType.fromDescriptor('I') === JavaType.INT).toBe(true);
    const { argumentTypes, returnType } = JavaType.methodTypes('(I[JLjava/lang/Object;)V');
    expect(argumentTypes.map(String)).toEqual(['int', 'long[]', 'java.lang.Object']);
    expect(returnType).toBe(JavaType.VOID);
    expect(JavaType.methodDescriptor(argumentTypes, returnType)).toBe('(I[JLjava/lang/Object;)V');
    expect(JavaType.arrayOf(JavaType.INT, 2).toAsmType().getDescriptor()).toBe('[[I');
    expect(() => JavaType.fromDescriptor('Lfoo')).toThrow();
  });

  it('boxes, unboxes, widens, narrows and promotes', () => {
    expect(JavaType.CHAR.boxed()!.internalName).toBe('java/lang/Character');
    expect(JavaType.classType('java/lang/Short').unboxed()).toBe(JavaType.SHORT);
    expect(isPrimitiveWidening(JavaType.CHAR, JavaType.INT)).toBe(true);
    expect(isPrimitiveWidening(JavaType.BYTE, JavaType.CHAR)).toBe(false);
    expect(isPrimitiveWidening(JavaType.LONG, JavaType.FLOAT)).toBe(true);
    expect(isPrimitiveNarrowing(JavaType.CHAR, JavaType.SHORT)).toBe(true);
    expect(unaryNumericPromotion(JavaType.classType('java/lang/Byte'))).toBe(JavaType.INT);
    expect(binaryNumericPromotion(JavaType.CHAR, JavaType.LONG)).toBe(JavaType.LONG);
    expect(binaryNumericPromotion(JavaType.INT, JavaType.classType('java/lang/Float'))).toBe(JavaType.FLOAT);
    expect(binaryNumericPromotion(JavaType.BOOLEAN, JavaType.INT)).toBeNull();
  });

  it('decides assignment (JLS §5.2) and casts (JLS §5.5)', () => {
    const t = typeOf;
    expect(env.isAssignable(t('int'), t('java.lang.Object'))).toBe(true);
    expect(env.isAssignable(t('int'), t('java.lang.Long'))).toBe(false);
    expect(env.isAssignable(t('java.lang.Integer'), t('long'))).toBe(true);
    expect(env.isAssignable(t('java.lang.Integer'), t('short'))).toBe(false);
    expect(env.isAssignable(t('null'), t('int[]'))).toBe(true);
    expect(env.isAssignable(t('null'), t('int'))).toBe(false);
    expect(env.isAssignable(t('java.lang.String[]'), t('java.lang.Object[]'))).toBe(true);
    expect(env.isAssignable(t('int[]'), t('java.lang.Object[]'))).toBe(false);
    expect(env.isAssignable(t('int[]'), t('java.lang.Cloneable'))).toBe(true);
    expect(env.isAssignable(t('p.D'), t('p.I'))).toBe(true);
    expect(env.isAssignableConstant(100, t('int'), t('byte'))).toBe(true);
    expect(env.isAssignableConstant(200, t('int'), t('byte'))).toBe(false);
    expect(env.isAssignableConstant(65, t('int'), t('java.lang.Character'))).toBe(true);
    expect(env.isAssignableConstant(65, t('long'), t('byte'))).toBe(false);
    expect(env.isCastable(t('double'), t('char'))).toBe(true);
    expect(env.isCastable(t('boolean'), t('int'))).toBe(false);
    expect(env.isCastable(t('java.lang.Object'), t('int'))).toBe(true);
    expect(env.isCastable(t('java.lang.Number'), t('int'))).toBe(true);
    expect(env.isCastable(t('java.lang.String'), t('int'))).toBe(false);
    expect(env.isCastable(t('java.lang.Integer'), t('long'))).toBe(true);
    expect(env.isCastable(t('java.lang.Long'), t('int'))).toBe(false);
    expect(env.isCastable(t('int'), t('java.lang.Object'))).toBe(true);
    expect(env.isCastable(t('int'), t('java.lang.Long'))).toBe(false);
    expect(env.isCastable(t('java.lang.String'), t('java.lang.Integer'))).toBe(false);
    expect(env.isCastable(t('java.lang.String'), t('java.lang.Runnable'))).toBe(false); // String is final
    expect(env.isCastable(t('p.A'), t('java.lang.Runnable'))).toBe(true);
    expect(env.isCastable(t('java.lang.Object'), t('int[]'))).toBe(true);
    expect(env.isCastable(t('java.lang.Object[]'), t('java.lang.String[]'))).toBe(true);
    expect(env.isCastable(t('int[]'), t('long[]'))).toBe(false);
    expect(env.isCastable(t('java.lang.Runnable'), t('java.util.List'))).toBe(true);
  });

  it('sees classes being edited in memory before the class path', async () => {
    const { ClassNode } = await import('../src/tree/class-node.js');
    const { MethodNode } = await import('../src/tree/method-node.js');
    const node = new ClassNode();
    node.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, 'p/A', null, 'java/lang/Object', []);
    const edited = new TypeEnvironment(new ClassPath([compiled.dir]), (name) => (name === 'p/A' ? node : undefined));
    expect(() => findMethod(edited, 'p/A', 'f', [JavaType.INT], CALLER)).toThrow(/cannot find method f\(int\) in p\.A/);
    node.methods.push(new MethodNode(Opcodes.ACC_PUBLIC, 'f', '(J)V', null, null));
    expect(findMethod(edited, 'p/A', 'f', [JavaType.INT], CALLER).descriptor).toBe('(J)V');
    expect(edited.findClass('p/B')!.superName).toBe('p/A');
  });
});
