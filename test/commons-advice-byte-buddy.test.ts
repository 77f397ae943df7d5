// Advice against Byte Buddy: the same advice classes (javac output, compiled against Debian's
// byte-buddy.jar) applied to the same classes by Byte Buddy 1.12's own Advice (the oracle harness
// test/support/ByteBuddyAdviceOracle.java) and by classforge's Advice through the transform pipeline;
// both results run under -Xverify:all and must print the same, or both refuse the advice.

import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Advice, type AdviceConstant, type AdviceCustomMapping } from '../src/commons/index.js';
import { Double } from '../src/asm/java-values.js';
import { Type } from '../src/asm/type.js';
import { ClassNode } from '../src/tree/class-node.js';
import { ClassReader } from '../src/asm/class-reader.js';
import { defineTransform } from '../src/transform/index.js';
import { compileJava, runJava, transformClasses, type CompiledClasses } from '../src/testing/index.js';
import { type ClassFilesInput, toClassFiles, writeClassFiles } from '../src/testing/class-files.js';
import { COMMONS_LANG3, TRACE_TEXT, callLibrary, commonsLang3, compileCaller, expectSameTrace } from './support/library-calls.js';
import { ClassWriter } from '../src/asm/class-writer.js';
import { Label } from '../src/asm/label.js';
import { Opcodes } from '../src/asm/opcodes.js';
import { ClassPath } from '../src/classpath/class-path.js';

const BYTE_BUDDY = '/usr/share/java/byte-buddy.jar';
const HARNESS = readFileSync(fileURLToPath(new URL('./support/ByteBuddyAdviceOracle.java', import.meta.url)), 'utf8');

const TARGETS: Record<string, string> = {
  'app/Store.java': `package app;
public class Store {
  protected String city = "Lyon";
}
`,
  'app/Shop.java': `package app;
public class Shop extends Store {
  static int sales;
  private final String name;
  private int stock;
  public Shop(String name, int stock) { this.name = name; this.stock = stock; }
  public int buy(int count) {
    if (count > stock) throw new IllegalStateException("only " + stock + " left");
    stock -= count;
    return stock;
  }
  public static long total(long price, int count, double discount) { return (long) (price * count * (1 - discount)); }
  public String label(String prefix, char sep) { return prefix + sep + name; }
  public synchronized void restock(int[] amounts) { for (int a : amounts) stock += a; }
  public int find(String key) {
    switch (key) {
      case "a": return 1;
      case "b": return 2;
      default:
        try { return Integer.parseInt(key); } catch (NumberFormatException e) { return -1; }
    }
  }
  public boolean available() { return stock > 0; }
  public double ratio(double x, long y) { return x / y; }
}
`,
  'app/Lines.java': `package app;
public class Lines {
  static int twice(int x) {
    int y = x * 2;
    return y;
  }
  public static void main(String[] args) {
    try {
      twice(3);
    } catch (RuntimeException e) {
      for (StackTraceElement element : e.getStackTrace()) if (element.getClassName().equals("app.Lines")) { System.out.println(element); break; }
    }
  }
}
`,
  // Methods and constructors that assign their parameters (OnMethodExit.backupArguments).
  'app/Args.java': `package app;
public class Args {
  private final String name;
  public Args(String name, int size) { this(name.trim() + size); name = null; size = -1; }
  public Args(String name) { super(); name = name + "!"; this.name = name; }
  public static String pad(String text, int width, long seed) { while (text.length() < width) text = text + "."; width = 0; seed++; return text + seed; }
  public double scale(double factor, int[] values) { factor *= 2; values = new int[] {values.length}; return factor * values[0]; }
  public int count(int n) { int total = 0; while (n > 0) { total += n; n--; } return total; }
  public String name() { return name; }
}
`,
  // Interface methods: a default one (this is the implementing object) and a static one.
  'app/Greeter.java': `package app;
public interface Greeter {
  String name();
  default String greet(String who) { who = who.trim(); return "hi " + who + " from " + name(); }
  static String shout(String text) { return text.toUpperCase(); }
}
`,
  'app/Hello.java': `package app;
public class Hello implements Greeter {
  public String name() { return tag() + "ello"; }
  private String tag() { return "h"; }
}
`,
  // Bean properties for @Advice.Origin("#p").
  'app/Bean.java': `package app;
public class Bean {
  private int size;
  public String getURL() { return "u"; }
  public boolean isOpen() { return true; }
  public void setSize(int size) { this.size = size; }
  public int getSize() { return size; }
}
`,
  // Fields a custom mapping binds (bind(annotation, Field)): statics of another class, the class's own and inherited fields.
  'app/Config.java': `package app;
public class Config {
  public static String MODE = "fast";
  static int level = 3;
  private static long secret = 9L;
  public int instanceField = 4;
}
`,
  // Wrappers and small primitives, for Byte Buddy's conversions (unboxing then widening, char/byte as int).
  'app/Boxes.java': `package app;
public class Boxes {
  public static Integer boxed(Integer x) { return x + 1; }
  public static int small(char c, byte b, short s) { return c + b + s; }
}
`,
  'app/Main.java': `package app;
public class Main {
  public static void main(String[] args) {
    Bean bean = new Bean();
    bean.setSize(3);
    System.out.println("bean " + bean.getURL() + " " + bean.isOpen() + " " + bean.getSize());
    System.out.println(new Hello().greet(" bob ") + " " + Greeter.shout("x"));
    Args a = new Args(" n ", 2);
    System.out.println("args " + a.name() + " " + Args.pad("ab", 4, 7L) + " " + new Args("m").scale(1.5, new int[] {1, 2, 3}) + " " + a.count(4));
    Shop s = new Shop("corner", 5);
    System.out.println("buy " + s.buy(2));
    try { System.out.println("buy " + s.buy(10)); } catch (IllegalStateException e) { System.out.println("caught " + e.getMessage()); }
    System.out.println("total " + Shop.total(100, 3, 0.25));
    System.out.println("label " + s.label("shop", ':'));
    s.restock(new int[] {1, 2});
    System.out.println("find " + s.find("a") + " " + s.find("b") + " " + s.find("7") + " " + s.find("x"));
    System.out.println("available " + s.available());
    System.out.println("ratio " + s.ratio(1.5, 3L));
    System.out.println("boxes " + Boxes.boxed(5) + " " + Boxes.small('a', (byte) 1, (short) 2));
  }
}
`,
};

const IMPORTS = 'package adv;\nimport net.bytebuddy.asm.Advice;\nimport net.bytebuddy.implementation.bytecode.assign.Assigner;\n';

const ADVICE: Record<string, string> = {
  // Enter value, origin texts, all arguments, the return value boxed, the exception.
  'adv/Trace.java': `${IMPORTS}public class Trace {
  @Advice.OnMethodEnter
  public static long enter(@Advice.Origin String origin, @Advice.AllArguments Object[] args) {
    System.out.println("> " + origin + " " + java.util.Arrays.deepToString(args));
    return 42L;
  }
  @Advice.OnMethodExit(onThrowable = Throwable.class)
  public static void exit(@Advice.Enter long token, @Advice.Origin("#t.#m#s:#r #d") String where,
      @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object ret, @Advice.Thrown Throwable thrown) {
    System.out.println("< " + where + " token=" + token + " ret=" + ret + " thrown=" + thrown);
  }
}
`,
  // Writable argument and return value, through boxing (typing DYNAMIC).
  'adv/Rewrite.java': `${IMPORTS}public class Rewrite {
  @Advice.OnMethodEnter
  public static void enter(@Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object first) {
    if (first instanceof Integer) first = (Integer) first + 1;
    else if (first instanceof String) first = ((String) first).toUpperCase();
  }
  @Advice.OnMethodExit
  public static void exit(@Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object ret) {
    if (ret instanceof String) ret = "[" + ret + "]";
    else if (ret instanceof Integer) ret = (Integer) ret * 10;
  }
}
`,
  // skipOn: the body does not run when the enter advice says so; the exit advice sets the result.
  'adv/Mock.java': `${IMPORTS}public class Mock {
  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
  public static boolean enter(@Advice.Argument(0) String key) { return key.equals("b"); }
  @Advice.OnMethodExit
  public static void exit(@Advice.Enter boolean skipped, @Advice.Return(readOnly = false) int ret) { if (skipped) ret = 99; }
}
`,
  // suppress, a @Local shared by both advices, an exception swallowed by assigning @Thrown.
  'adv/Guard.java': `${IMPORTS}public class Guard {
  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void enter(@Advice.Local("calls") int calls, @Advice.Origin("#m") String m) {
    calls = m.length();
    if (m.startsWith("b")) throw new RuntimeException("enter failed");
  }
  @Advice.OnMethodExit(onThrowable = IllegalStateException.class)
  public static void exit(@Advice.Local("calls") int calls, @Advice.Thrown(readOnly = false) Throwable t,
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object ret) {
    System.out.println("guard " + calls + " " + t);
    if (t != null) { t = null; ret = -1; }
  }
}
`,
  // inline = false: the advice methods are called, with this, the declaring class and an argument.
  'adv/Delegate.java': `${IMPORTS}public class Delegate {
  @Advice.OnMethodEnter(inline = false)
  public static String enter(@Advice.This Object self, @Advice.Origin Class<?> type, @Advice.Argument(0) Object arg) {
    return type.getSimpleName() + ":" + arg + ":" + (self != null);
  }
  @Advice.OnMethodExit(inline = false)
  public static void exit(@Advice.Enter String tag, @Advice.Return Object ret) { System.out.println(tag + " -> " + ret); }
}
`,
  // An advice with its own locals, a loop, a handler and a switch, on constructors too (before super()).
  'adv/Busy.java': `${IMPORTS}public class Busy {
  @Advice.OnMethodEnter
  public static int enter(@Advice.AllArguments Object[] args) {
    int n = 0;
    for (Object a : args) {
      try { n += Integer.parseInt(String.valueOf(a)); } catch (NumberFormatException e) { n -= 1; }
    }
    switch (args.length) { case 0: return -100; case 1: return n; default: return n * 2; }
  }
  @Advice.OnMethodExit
  public static void exit(@Advice.Enter int n, @Advice.Origin("#m") String m) {
    long big = 1L << (n & 7);
    double d = n / 4.0;
    System.out.println(m + " busy " + n + " " + big + " " + d);
  }
}
`,
  // Fields of the instance (its own and its superclass's) and a static one, read and written.
  'adv/Fields.java': `${IMPORTS}public class Fields {
  @Advice.OnMethodEnter
  public static void enter(@Advice.FieldValue("stock") int stock, @Advice.FieldValue("city") String city,
      @Advice.FieldValue(value = "sales", readOnly = false) int sales) {
    sales++;
    System.out.println("stock=" + stock + " city=" + city + " sales=" + sales);
  }
  @Advice.OnMethodExit
  public static void exit(@Advice.FieldValue(value = "stock", readOnly = false) int stock, @Advice.FieldValue(value = "city", readOnly = false) String city) {
    stock = stock + 100;
    city = city + "!";
  }
}
`,
  // @StubValue: the boxed default of the return type; a non-null one skips the method (which returns its default).
  'adv/Stub.java': `${IMPORTS}public class Stub {
  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
  public static Object enter(@Advice.StubValue Object stub, @Advice.Origin("#m") String m) {
    System.out.println(m + " stub=" + stub);
    return stub;
  }
}
`,
  // @Origin as reflective objects, constructors included.
  'adv/Reflect.java': `${IMPORTS}public class Reflect {
  @Advice.OnMethodEnter
  public static void enter(@Advice.Origin java.lang.reflect.Executable e, @Advice.Origin Class<?> c) {
    System.out.println(e.getName() + "/" + e.getParameterCount() + " " + c.getSimpleName() + " " + java.lang.reflect.Modifier.toString(e.getModifiers()));
  }
  @Advice.OnMethodExit
  public static void exit(@Advice.Origin java.lang.reflect.Executable e) {
    if (e instanceof java.lang.reflect.Method) System.out.println("returns " + ((java.lang.reflect.Method) e).getReturnType().getName());
  }
}
`,
  // A MethodType origin: Byte Buddy 1.12 refuses it (later versions take it); checked against Java's own text.
  'adv/OriginType.java': `${IMPORTS}public class OriginType {
  @Advice.OnMethodEnter
  public static void enter(@Advice.Origin java.lang.invoke.MethodType type) { System.out.println("type " + type); }
}
`,
  'adv/OriginHandle.java': `${IMPORTS}import java.lang.invoke.*;
public class OriginHandle {
  @Advice.OnMethodEnter
  public static void enter(@Advice.Origin MethodHandle handle, @Advice.Origin MethodHandles.Lookup lookup) {
    MethodHandleInfo info = lookup.revealDirect(handle);
    System.out.println("handle " + MethodHandleInfo.referenceKindToString(info.getReferenceKind()) + " " + info.getDeclaringClass().getName() + "." + info.getName() + " " + handle.type()
        + " lookup " + lookup.lookupClass().getName() + " private " + ((lookup.lookupModes() & MethodHandles.Lookup.PRIVATE) != 0));
  }
}
`,
  'adv/ReflectMethod.java': `${IMPORTS}public class ReflectMethod {
  @Advice.OnMethodEnter
  public static void enter(@Advice.Origin java.lang.reflect.Method m) {
    System.out.println(m.getDeclaringClass().getName() + "#" + m.getName() + java.util.Arrays.toString(m.getParameterTypes()));
  }
}
`,
  // The exit advice sees the arguments from before the body (backupArguments, the default), or as the body left them.
  'adv/Backup.java': `${IMPORTS}public class Backup {
  @Advice.OnMethodExit
  public static void exit(@Advice.Origin("#m") String m, @Advice.AllArguments Object[] all, @Advice.This(optional = true) Object self) {
    System.out.println("backup " + m + " " + java.util.Arrays.deepToString(all) + " " + (self != null) + " " + (all.length > 0 && all[all.length - 1] == Integer.valueOf(4)));
  }
}
`,
  'adv/NoBackup.java': `${IMPORTS}public class NoBackup {
  @Advice.OnMethodEnter
  public static void enter(@Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC, optional = true) Object first) {
    if (first instanceof String) first = first + "+";
  }
  @Advice.OnMethodExit(backupArguments = false)
  public static void exit(@Advice.Origin("#m") String m, @Advice.Argument(value = 0, typing = Assigner.Typing.DYNAMIC, optional = true) Object first) {
    System.out.println("no backup " + m + " " + first);
  }
}
`,
  // Every method of a library: its arguments at entry and exit (backupArguments), its result or exception.
  'adv/CallTrace.java': `${IMPORTS}import tracing.TraceText;
public class CallTrace {
  @Advice.OnMethodEnter
  public static int enter(@Advice.Origin("#t.#m#d") String origin, @Advice.AllArguments Object[] args) {
    System.out.println("> " + origin + " " + TraceText.all(args));
    return args.length;
  }
  @Advice.OnMethodExit(onThrowable = Throwable.class)
  public static void exit(@Advice.Enter int count, @Advice.Origin("#m") String m, @Advice.AllArguments Object[] args,
      @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object ret, @Advice.Thrown Throwable thrown) {
    System.out.println("< " + m + " " + count + " " + TraceText.all(args) + " = " + TraceText.one(ret) + (thrown == null ? "" : " ! " + thrown.getClass().getName()));
  }
}
`,
  // repeatOn: the body runs again while the exit advice's value says so; @Advice.Exit is its previous value.
  'adv/Retry.java': `${IMPORTS}public class Retry {
  @Advice.OnMethodExit(repeatOn = Advice.OnNonDefaultValue.class, onThrowable = RuntimeException.class)
  public static boolean exit(@Advice.Exit boolean again, @Advice.Origin("#m") String m, @Advice.AllArguments Object[] args,
      @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object ret, @Advice.Thrown Throwable thrown) {
    System.out.println("retry " + m + " " + java.util.Arrays.deepToString(args) + " again=" + again + " ret=" + ret + " thrown=" + thrown);
    return !again;
  }
}
`,
  // Three runs of each method; a writable @Advice.Exit assigned is then overwritten by the value returned.
  'adv/Countdown.java': `${IMPORTS}public class Countdown {
  @Advice.OnMethodExit(repeatOn = Advice.OnNonDefaultValue.class)
  public static long exit(@Advice.Exit(readOnly = false) long runs, @Advice.Exit long previous,
      @Advice.Origin("#m") String m, @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object ret) {
    long next = previous + 1;
    runs = next * 100;
    System.out.println("countdown " + m + " " + next + " " + ret);
    return next < 3 ? next : 0L;
  }
}
`,
  // The same with the writable @Advice.Exit boxed (typing DYNAMIC): Byte Buddy 1.12 stores the Object into
  // the long variable (HotSpot rejects it); classforge writes the unboxed copy back before the value returned.
  'adv/CountdownBoxed.java': `${IMPORTS}public class CountdownBoxed {
  @Advice.OnMethodExit(repeatOn = Advice.OnNonDefaultValue.class)
  public static long exit(@Advice.Exit(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object runs, @Advice.Exit long previous,
      @Advice.Origin("#m") String m, @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object ret) {
    long next = previous + 1;
    runs = Long.valueOf(next * 100);
    System.out.println("countdown " + m + " " + next + " " + ret);
    return next < 3 ? next : 0L;
  }
}
`,
  'adv/Again.java': `${IMPORTS}public class Again {
  @Advice.OnMethodExit(repeatOn = String.class)
  public static Object exit(@Advice.Exit Object previous, @Advice.Origin("#m") String m) {
    System.out.println("again " + m + " " + previous);
    return previous == null ? "again" : Integer.valueOf(1);
  }
}
`,
  // Annotations of the advice's own bound to constants (Advice.withCustomMapping), inlined and delegated.
  'adv/Label.java': 'package adv;\n@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME) public @interface Label {}\n',
  'adv/Limit.java': 'package adv;\n@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME) public @interface Limit {}\n',
  'adv/Big.java': 'package adv;\n@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME) public @interface Big {}\n',
  'adv/Ratio.java': 'package adv;\n@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME) public @interface Ratio {}\n',
  'adv/Flag.java': 'package adv;\n@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME) public @interface Flag {}\n',
  'adv/Kind.java': 'package adv;\n@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME) public @interface Kind {}\n',
  'adv/Configured.java': `${IMPORTS}public class Configured {
  @Advice.OnMethodEnter
  public static void enter(@Label String label, @Label Object labelObject, @Label CharSequence chars, @Limit int limit, @Limit Integer boxed,
      @Limit Number number, @Big long big, @Ratio double ratio, @Flag boolean flag, @Kind Class<?> kind, @Advice.Origin("#m") String m,
      @Limit long widened, @Limit double asDouble, @Limit Comparable<?> comparable, @Flag java.io.Serializable flagObject) {
    System.out.println("configured " + m + " " + label + " " + labelObject + " " + chars + " " + limit + " " + boxed + " " + number
        + " " + big + " " + ratio + " " + flag + " " + kind.getName() + " " + (boxed == Integer.valueOf(42)) + " " + widened + " " + asDouble
        + " " + comparable + " " + flagObject);
  }
  @Advice.OnMethodExit(inline = false)
  public static void exit(@Label String label, @Kind Class<?> kind, @Big Long big) { System.out.println("delegated " + label + " " + kind.getSimpleName() + " " + big); }
}
`,
  // bindProperty: each parameter gets its annotation's element (or the element's default); bind to an enum constant.
  'adv/Speed.java': 'package adv;\npublic enum Speed { SLOW, FAST }\n',
  'adv/Named.java': 'package adv;\n@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME) public @interface Named { String value() default "unnamed"; }\n',
  'adv/Weight.java': 'package adv;\n@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME) public @interface Weight { double value() default 1.5; }\n',
  'adv/Mode.java': 'package adv;\n@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME) public @interface Mode { Speed value() default Speed.SLOW; }\n',
  'adv/Symbol.java': 'package adv;\n@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME) public @interface Symbol { char value() default \'?\'; }\n',
  'adv/Tiny.java': 'package adv;\n@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME) public @interface Tiny { byte value() default 7; }\n',
  'adv/Kindly.java': 'package adv;\n@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME) public @interface Kindly { Class<?> value() default String.class; }\n',
  'adv/Chosen.java': 'package adv;\n@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME) public @interface Chosen {  }\n',
  'adv/Listed.java': 'package adv;\n@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME) public @interface Listed { String[] value(); }\n',
  'adv/Propertied.java': `${IMPORTS}public class Propertied {
  @Advice.OnMethodEnter
  public static void enter(@Advice.Origin("#m") String m, @Named("buyer") String named, @Named String unnamed, @Named CharSequence chars,
      @Weight(2.5) double weight, @Weight Double boxedWeight, @Mode(Speed.FAST) Speed fast, @Mode Object slow, @Mode Enum<?> asEnum,
      @Symbol('s') char symbol, @Symbol Character boxedSymbol, @Tiny byte tiny, @Tiny(-3) Number tinyNumber, @Kindly Class<?> kind,
      @Kindly(Integer.class) Object otherKind, @Chosen Speed chosen, @Chosen Comparable<?> chosenComparable) {
    System.out.println("props " + m + " " + named + " " + unnamed + " " + chars + " " + weight + " " + boxedWeight + " " + fast + " " + slow
        + " " + asEnum.ordinal() + " " + symbol + " " + boxedSymbol + " " + tiny + " " + tinyNumber + " " + kind.getName() + " " + otherKind
        + " " + chosen + " " + chosenComparable + " " + (chosen == Speed.FAST));
  }
  @Advice.OnMethodExit(inline = false)
  public static void exit(@Named("done") String named, @Mode Speed mode, @Chosen Speed chosen) { System.out.println("delegated " + named + " " + mode + " " + chosen); }
}
`,
  // Refused by both: an array element, and an enum where a String goes.
  'adv/ListedArray.java': `${IMPORTS}public class ListedArray {
  @Advice.OnMethodEnter
  public static void enter(@Listed({"a", "b"}) String[] listed) { System.out.println(listed.length); }
}
`,
  'adv/ChosenString.java': `${IMPORTS}public class ChosenString {
  @Advice.OnMethodEnter
  public static void enter(@Chosen String chosen) { System.out.println(chosen); }
}
`,
  'adv/MisConfigured.java': `${IMPORTS}public class MisConfigured {
  @Advice.OnMethodEnter
  public static void enter(@Label int label) { }
}
`,
  'adv/Property.java': `${IMPORTS}public class Property {
  @Advice.OnMethodEnter
  public static void enter(@Advice.Origin("#p") String property, @Advice.Origin("#t.#m") String method) { System.out.println("property " + method + " " + property); }
}
`,
  // @Advice.AssignReturned (Byte Buddy with AssignReturned.Factory): the advice's value assigned to arguments,
  // the return value, the exception, fields — whole (not when it is the default) or split from an array.
  'adv/Assign.java': `${IMPORTS}import net.bytebuddy.asm.Advice.AssignReturned;
public class Assign {
  @Advice.OnMethodEnter(inline = false)
  @AssignReturned.ToArguments(@AssignReturned.ToArguments.ToArgument(0))
  public static String enter(@Advice.Argument(0) String text) { return text.startsWith("a") ? text.toUpperCase() : null; }
  @Advice.OnMethodExit(inline = false)
  @AssignReturned.ToReturned(typing = Assigner.Typing.DYNAMIC)
  public static Object exit(@Advice.Return(typing = Assigner.Typing.DYNAMIC) Object ret) { return ret instanceof String && ((String) ret).length() > 3 ? "<" + ret + ">" : null; }
}
`,
  'adv/AssignArray.java': `${IMPORTS}import net.bytebuddy.asm.Advice.AssignReturned;
public class AssignArray {
  @Advice.OnMethodEnter
  @AssignReturned.ToArguments({
      @AssignReturned.ToArguments.ToArgument(value = 0, index = 0, typing = Assigner.Typing.DYNAMIC),
      @AssignReturned.ToArguments.ToArgument(value = 1, index = 1, typing = Assigner.Typing.DYNAMIC)})
  public static Object[] enter(@Advice.Argument(0) double x, @Advice.Argument(1) long y) { return x > 1 ? new Object[] {x * 2, y + 1} : null; }
}
`,
  'adv/AssignAll.java': `${IMPORTS}import net.bytebuddy.asm.Advice.AssignReturned;
public class AssignAll {
  @Advice.OnMethodEnter
  @AssignReturned.AsScalar
  @AssignReturned.ToAllArguments(typing = Assigner.Typing.DYNAMIC)
  public static Object[] enter(@Advice.AllArguments Object[] args) {
    Object[] changed = args.clone();
    if (changed.length > 0 && changed[0] instanceof Long) changed[0] = (Long) changed[0] + 1;
    return changed;
  }
}
`,
  'adv/AssignThrown.java': `${IMPORTS}import net.bytebuddy.asm.Advice.AssignReturned;
public class AssignThrown {
  @Advice.OnMethodExit(onThrowable = IllegalStateException.class)
  @AssignReturned.ToThrown
  public static Throwable exit(@Advice.Thrown Throwable thrown) { return thrown == null ? null : new IllegalStateException("wrapped: " + thrown.getMessage()); }
}
`,
  'adv/AssignField.java': `${IMPORTS}import net.bytebuddy.asm.Advice.AssignReturned;
public class AssignField {
  @Advice.OnMethodExit
  @AssignReturned.ToFields(@AssignReturned.ToFields.ToField("stock"))
  public static int exit(@Advice.FieldValue("stock") int stock) { return stock == 5 ? 0 : stock + 1000; }
}
`,
  'adv/AssignThis.java': `${IMPORTS}import net.bytebuddy.asm.Advice.AssignReturned;
public class AssignThis {
  @Advice.OnMethodEnter
  @AssignReturned.ToThis(typing = Assigner.Typing.DYNAMIC)
  public static Object enter(@Advice.This Object self, @Advice.Argument(0) String prefix) throws Exception {
    return prefix.equals("shop") ? self.getClass().getConstructor(String.class, int.class).newInstance("other", 1) : null;
  }
}
`,
  // A writable @Advice.AllArguments: every read is a new array of the arguments (an element assigned in one is
  // gone at the next read), every write spreads the array over the arguments, cast or unboxed (typing DYNAMIC).
  'adv/WriteAll.java': `${IMPORTS}public class WriteAll {
  @Advice.OnMethodEnter
  public static void enter(@Advice.Origin("#m") String m, @Advice.AllArguments(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object[] args) {
    if (args.length > 0) args[0] = "lost";
    Object[] changed = args.clone();
    for (int i = 0; i < changed.length; i++) {
      Object v = changed[i];
      if (v instanceof Integer) changed[i] = (Integer) v + 1;
      else if (v instanceof Long) changed[i] = (Long) v * 2;
      else if (v instanceof Double) changed[i] = (Double) v / 2;
      else if (v instanceof Character) changed[i] = '#';
      else if (v instanceof String) changed[i] = "<" + v + ">";
    }
    args = changed;
    System.out.println(m + " enter " + java.util.Arrays.deepToString(args));
  }
  @Advice.OnMethodExit
  public static void exit(@Advice.Origin("#m") String m, @Advice.AllArguments Object[] args) {
    System.out.println(m + " exit " + java.util.Arrays.deepToString(args));
  }
}
`,
  // Writable in the exit advice: what a repeated body (repeatOn) starts from.
  'adv/WriteAllRetry.java': `${IMPORTS}public class WriteAllRetry {
  @Advice.OnMethodExit(repeatOn = Advice.OnNonDefaultValue.class, onThrowable = IllegalStateException.class)
  public static boolean exit(@Advice.Thrown Throwable thrown, @Advice.AllArguments(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object[] args) {
    if (thrown == null || !(args[0] instanceof Integer) || (Integer) args[0] <= 1) return false;
    System.out.println("retry with " + ((Integer) args[0] - 1) + " after " + thrown.getMessage());
    args = new Object[] {(Integer) args[0] - 1};
    return true;
  }
}
`,
  // Refused by both: a writable @Advice.AllArguments without typing DYNAMIC on a method that takes a String.
  'adv/WriteAllStatic.java': `${IMPORTS}public class WriteAllStatic {
  @Advice.OnMethodEnter
  public static void enter(@Advice.AllArguments(readOnly = false) Object[] args) { args = args.clone(); }
}
`,
  // Byte Buddy's assigner widens primitives when it reads (JLS §5.1.2), also after unboxing (an Integer as a long).
  'adv/Widen.java': `${IMPORTS}public class Widen {
  @Advice.OnMethodEnter
  public static void enter(@Advice.Origin("#m") String m, @Advice.Argument(0) long n, @Advice.Argument(0) double d, @Advice.Argument(0) float f) {
    System.out.println("widened " + m + " " + n + " " + d + " " + f);
  }
  @Advice.OnMethodExit
  public static void exit(@Advice.Return long r, @Advice.Return double rd) { System.out.println("returned " + r + " " + rd); }
}
`,
  'adv/WidenSmall.java': `${IMPORTS}public class WidenSmall {
  @Advice.OnMethodEnter
  public static void enter(@Advice.Argument(0) int c, @Advice.Argument(1) short b, @Advice.Argument(1) long bl, @Advice.Argument(2) float s) {
    System.out.println("small " + c + " " + b + " " + bl + " " + s);
  }
}
`,
  'adv/WidenBoxed.java': `${IMPORTS}public class WidenBoxed {
  @Advice.OnMethodExit
  public static void exit(@Advice.Return long r, @Advice.Argument(0) double d, @Advice.Return Number n) { System.out.println("unboxed " + r + " " + d + " " + n); }
}
`,
  // Refused by both: a narrowing read (an int as a short), and a widened argument written back.
  'adv/Narrow.java': `${IMPORTS}public class Narrow {
  @Advice.OnMethodEnter
  public static void enter(@Advice.Argument(0) short n) { System.out.println(n); }
}
`,
  'adv/WritableObject.java': `${IMPORTS}public class WritableObject {
  @Advice.OnMethodEnter
  public static void enter(@Advice.Argument(value = 0, readOnly = false) Object n) { n = 7; }
}
`,
  'adv/WritableObjectReturn.java': `${IMPORTS}public class WritableObjectReturn {
  @Advice.OnMethodExit
  public static void exit(@Advice.Return(readOnly = false) Object r) { r = 7; }
}
`,
  // Refused by both (Byte Buddy's assigner): a char boxed as a Number; a Long written back into an int even with
  // typing DYNAMIC; an Integer unboxed into a byte even with typing DYNAMIC.
  'adv/CharNumber.java': `${IMPORTS}public class CharNumber {
  @Advice.OnMethodEnter
  public static void enter(@Advice.Argument(0) Number n) { System.out.println(n); }
}
`,
  'adv/LongBack.java': `${IMPORTS}public class LongBack {
  @Advice.OnMethodEnter
  public static void enter(@Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Long n) { n = 1L; }
}
`,
  'adv/IntegerByte.java': `${IMPORTS}public class IntegerByte {
  @Advice.OnMethodExit
  public static void exit(@Advice.Return(typing = Assigner.Typing.DYNAMIC) byte b) { System.out.println(b); }
}
`,
  // Refused by both: an int constant narrowed to a short.
  'adv/LimitShort.java': `${IMPORTS}public class LimitShort {
  @Advice.OnMethodEnter
  public static void enter(@Limit short limit) { System.out.println(limit); }
}
`,
  // Accepted by both: a writable argument of its wrapper type (unboxed when written back).
  'adv/WritableBoxed.java': `${IMPORTS}public class WritableBoxed {
  @Advice.OnMethodEnter
  public static void enter(@Advice.Argument(value = 0, readOnly = false) Integer n) { n = n + 1; }
}
`,
  'adv/WidenWritable.java': `${IMPORTS}public class WidenWritable {
  @Advice.OnMethodEnter
  public static void enter(@Advice.Argument(value = 0, readOnly = false) long n) { n = 7; }
}
`,
  'adv/ModeField.java': 'package adv;\n@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME) public @interface ModeField {}\n',
  'adv/SalesField.java': 'package adv;\n@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME) public @interface SalesField {}\n',
  'adv/CityField.java': 'package adv;\n@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME) public @interface CityField {}\n',
  'adv/StockField.java': 'package adv;\n@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME) public @interface StockField {}\n',
  'adv/LevelField.java': 'package adv;\n@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME) public @interface LevelField {}\n',
  'adv/SecretField.java': 'package adv;\n@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME) public @interface SecretField {}\n',
  'adv/InstanceField.java': 'package adv;\n@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME) public @interface InstanceField {}\n',
  'adv/BoundFields.java': `${IMPORTS}public class BoundFields {
  @Advice.OnMethodEnter
  public static void enter(@Advice.Origin("#m") String m, @ModeField String mode, @ModeField Object modeObject, @SalesField int sales, @SalesField Integer boxed,
      @SalesField long widened, @CityField String city, @StockField int stock, @LevelField int level) {
    System.out.println("fields " + m + " " + mode + " " + modeObject + " " + sales + " " + boxed + " " + widened + " " + city + " " + stock + " " + level);
  }
}
`,
  'adv/BoundCity.java': `${IMPORTS}public class BoundCity {
  @Advice.OnMethodEnter
  public static void enter(@CityField String city) { System.out.println(city); }
}
`,
  'adv/BoundSecret.java': `${IMPORTS}public class BoundSecret {
  @Advice.OnMethodEnter
  public static void enter(@SecretField long secret) { System.out.println(secret); }
}
`,
  'adv/BoundInstance.java': `${IMPORTS}public class BoundInstance {
  @Advice.OnMethodEnter
  public static void enter(@InstanceField int value) { System.out.println(value); }
}
`,
  // Inlined code calling the advice class's private helper: Byte Buddy copies it (IllegalAccessError when it runs).
  'adv/PrivateHelper.java': `${IMPORTS}public class PrivateHelper {
  @Advice.OnMethodEnter
  public static void enter(@Advice.Origin("#m") String m) { log(m); }
  private static void log(String m) { System.out.println("private " + m); }
}
`,
  // Refused by both: an enter advice assigning the return value or the exception; an argument the method lacks.
  'adv/AssignEarly.java': `${IMPORTS}import net.bytebuddy.asm.Advice.AssignReturned;
public class AssignEarly {
  @Advice.OnMethodEnter
  @AssignReturned.ToReturned
  public static String enter() { return "x"; }
}
`,
  'adv/AssignEarlyThrown.java': `${IMPORTS}import net.bytebuddy.asm.Advice.AssignReturned;
public class AssignEarlyThrown {
  @Advice.OnMethodEnter
  @AssignReturned.ToThrown
  public static Throwable enter() { return null; }
}
`,
  'adv/AssignMissing.java': `${IMPORTS}import net.bytebuddy.asm.Advice.AssignReturned;
public class AssignMissing {
  @Advice.OnMethodEnter
  @AssignReturned.ToArguments(@AssignReturned.ToArguments.ToArgument(3))
  public static String enter() { return "x"; }
}
`,
  // Refused by both: repeatOn without a value, or on a type for a primitive; @Advice.Exit in enter advice.
  'adv/RepeatVoid.java': `${IMPORTS}public class RepeatVoid {
  @Advice.OnMethodExit(repeatOn = Advice.OnNonDefaultValue.class)
  public static void exit() { }
}
`,
  'adv/RepeatOnType.java': `${IMPORTS}public class RepeatOnType {
  @Advice.OnMethodExit(repeatOn = String.class)
  public static int exit() { return 1; }
}
`,
  'adv/ExitInEnter.java': `${IMPORTS}public class ExitInEnter {
  @Advice.OnMethodEnter
  public static void enter(@Advice.Exit Object exit) { }
}
`,
  // Refused by both: onThrowable on constructors; this before super(); an argument a method lacks.
  'adv/CatchAll.java': `${IMPORTS}public class CatchAll {
  @Advice.OnMethodExit(onThrowable = Throwable.class)
  public static void exit() { System.out.println("exit"); }
}
`,
  'adv/EnterThis.java': `${IMPORTS}public class EnterThis {
  @Advice.OnMethodEnter
  public static void enter(@Advice.This Object self) { System.out.println(self); }
}
`,
  'adv/FirstArgument.java': `${IMPORTS}public class FirstArgument {
  @Advice.OnMethodEnter
  public static void enter(@Advice.Argument(0) Object first) { System.out.println(first); }
}
`,
  // Throws from the enter advice: the stack trace names the method's first line (prependLineNumber).
  'adv/Fails.java': `${IMPORTS}public class Fails {
  @Advice.OnMethodEnter
  public static void enter() { if (System.nanoTime() != 0) throw new IllegalStateException("enter"); }
}
`,
  'adv/WrongType.java': `${IMPORTS}public class WrongType {
  @Advice.OnMethodEnter
  public static void enter(@Advice.Argument(0) Integer first) { System.out.println(first); }
}
`,
  'adv/WritesReadOnly.java': `${IMPORTS}public class WritesReadOnly {
  @Advice.OnMethodEnter
  public static void enter(@Advice.Argument(0) int count) { count = 0; }
}
`,
};

interface Scenario {
  advice: string;
  /** Methods (by name, a whole-name regular expression) of every class; constructors only with `constructors`. */
  methods: string;
  constructors?: boolean;
  /** Byte Buddy applies @Advice.AssignReturned (with AssignReturned.Factory); classforge always does. */
  assignReturned?: boolean;
  /** Advice.withCustomMapping().bind(annotation, value) for each annotation: [kind, value as text]. */
  bind?: Record<string, readonly ['string' | 'int' | 'long' | 'boolean' | 'double' | 'class' | 'enum' | 'property' | 'field', string]>;
}

/** A --bind value of the harness as classforge's AdviceConstant. */
function constantOf([kind, text]: readonly [string, string]): AdviceConstant {
  switch (kind) {
    case 'int':
      return Number(text);
    case 'long':
      return BigInt(text);
    case 'boolean':
      return text === 'true';
    case 'double':
      return new Double(Number(text));
    case 'class':
      return Type.getObjectType(text.replace(/\./g, '/'));
    default:
      return text;
  }
}

const CONFIGURED: Scenario['bind'] = {
  'adv.Label': ['string', 'hello'],
  'adv.Limit': ['int', '42'],
  'adv.Big': ['long', '9000000000'],
  'adv.Ratio': ['double', '0.5'],
  'adv.Flag': ['boolean', 'true'],
  'adv.Kind': ['class', 'app.Shop'],
};

const PROPERTIES: Scenario['bind'] = {
  'adv.Named': ['property', 'value'],
  'adv.Weight': ['property', 'value'],
  'adv.Mode': ['property', 'value'],
  'adv.Symbol': ['property', 'value'],
  'adv.Tiny': ['property', 'value'],
  'adv.Kindly': ['property', 'value'],
  'adv.Chosen': ['enum', 'adv.Speed.FAST'],
};

const FIELDS: Scenario['bind'] = {
  'adv.ModeField': ['field', 'app.Config.MODE'],
  'adv.SalesField': ['field', 'app.Shop.sales'],
  'adv.CityField': ['field', 'app.Store.city'],
  'adv.StockField': ['field', 'app.Shop.stock'],
  'adv.LevelField': ['field', 'app.Config.level'],
  'adv.SecretField': ['field', 'app.Config.secret'],
  'adv.InstanceField': ['field', 'app.Config.instanceField'],
};

const RUNS: Scenario[] = [
  { advice: 'adv.Trace', methods: 'buy|total|label|restock|find|available|ratio' },
  { advice: 'adv.Trace', methods: 'nothing', constructors: false },
  { advice: 'adv.Rewrite', methods: 'buy|label|find' },
  { advice: 'adv.Mock', methods: 'find' },
  { advice: 'adv.Guard', methods: 'buy|ratio' },
  { advice: 'adv.Delegate', methods: 'buy|label|find' },
  { advice: 'adv.Busy', methods: 'buy|total|label|restock|find|available|ratio', constructors: true },
  { advice: 'adv.Fields', methods: 'buy|label|available' },
  { advice: 'adv.Stub', methods: 'find|label|ratio|restock|available' },
  { advice: 'adv.Reflect', methods: 'buy|total|label|restock', constructors: true },
  { advice: 'adv.ReflectMethod', methods: 'ratio|find|restock' },
  { advice: 'adv.Backup', methods: 'pad|scale|count|buy', constructors: true },
  { advice: 'adv.NoBackup', methods: 'pad|scale|count', constructors: true },
  { advice: 'adv.Retry', methods: 'buy|pad|count' },
  { advice: 'adv.Countdown', methods: 'label|total|count' },
  { advice: 'adv.Again', methods: 'ratio|find' },
  { advice: 'adv.Trace', methods: 'greet|shout|name' },
  { advice: 'adv.Backup', methods: 'greet|shout|name' },
  { advice: 'adv.Configured', methods: 'buy|total', bind: CONFIGURED },
  { advice: 'adv.Property', methods: 'get.*|is.*|set.*' },
  { advice: 'adv.Assign', methods: 'pad|label|find|greet', assignReturned: true },
  { advice: 'adv.AssignArray', methods: 'ratio', assignReturned: true },
  { advice: 'adv.AssignAll', methods: 'total|pad', assignReturned: true },
  { advice: 'adv.AssignThrown', methods: 'buy', assignReturned: true },
  { advice: 'adv.AssignField', methods: 'buy|available', assignReturned: true },
  { advice: 'adv.AssignThis', methods: 'label', assignReturned: true },
  { advice: 'adv.Propertied', methods: 'buy|total', bind: PROPERTIES },
  { advice: 'adv.BoundFields', methods: 'buy|label|available', bind: FIELDS },
  { advice: 'adv.BoundCity', methods: 'buy', bind: FIELDS },
  { advice: 'adv.Widen', methods: 'buy|count' },
  { advice: 'adv.WritableBoxed', methods: 'buy|count' },
  { advice: 'adv.WidenSmall', methods: 'small' },
  { advice: 'adv.WidenBoxed', methods: 'boxed' },
  { advice: 'adv.WriteAllRetry', methods: 'buy' },
];

const REFUSALS: (Scenario & { sameMessage: boolean })[] = [
  { advice: 'adv.CatchAll', methods: 'buy', constructors: true, sameMessage: true },
  { advice: 'adv.EnterThis', methods: 'buy', constructors: true, sameMessage: true },
  { advice: 'adv.FirstArgument', methods: 'available', sameMessage: true },
  { advice: 'adv.WritesReadOnly', methods: 'buy', sameMessage: false },
  { advice: 'adv.Fields', methods: 'total', sameMessage: true },
  { advice: 'adv.Fields', methods: 'buy', constructors: true, sameMessage: true },
  { advice: 'adv.ReflectMethod', methods: 'buy', constructors: true, sameMessage: true },
  // A String argument bound to an Integer parameter: refused from the class path (else HotSpot's VerifyError).
  { advice: 'adv.WrongType', methods: 'label', sameMessage: false },
  { advice: 'adv.RepeatVoid', methods: 'buy', sameMessage: true },
  { advice: 'adv.RepeatOnType', methods: 'buy', sameMessage: true },
  { advice: 'adv.ExitInEnter', methods: 'buy', sameMessage: true },
  { advice: 'adv.Countdown', methods: 'nothing', constructors: true, sameMessage: true },
  { advice: 'adv.MisConfigured', methods: 'buy', bind: { 'adv.Label': ['string', 'x'] }, sameMessage: false },
  { advice: 'adv.Property', methods: 'buy', sameMessage: true },
  { advice: 'adv.AssignEarly', methods: 'buy', assignReturned: true, sameMessage: true },
  { advice: 'adv.AssignEarlyThrown', methods: 'buy', assignReturned: true, sameMessage: true },
  { advice: 'adv.AssignMissing', methods: 'buy', assignReturned: true, sameMessage: true },
  { advice: 'adv.WriteAllStatic', methods: 'label', sameMessage: true },
  { advice: 'adv.BoundCity', methods: 'total', bind: FIELDS, sameMessage: true },
  { advice: 'adv.BoundSecret', methods: 'buy', bind: FIELDS, sameMessage: true },
  { advice: 'adv.BoundInstance', methods: 'buy', bind: FIELDS, sameMessage: true },
  { advice: 'adv.Narrow', methods: 'buy', sameMessage: false },
  { advice: 'adv.WidenWritable', methods: 'buy', sameMessage: false },
  { advice: 'adv.LimitShort', methods: 'buy', bind: CONFIGURED, sameMessage: false },
  { advice: 'adv.CharNumber', methods: 'small', sameMessage: false },
  { advice: 'adv.LongBack', methods: 'buy', sameMessage: false },
  { advice: 'adv.IntegerByte', methods: 'boxed', sameMessage: false },
  { advice: 'adv.WritableObject', methods: 'buy', sameMessage: false },
  { advice: 'adv.WritableObjectReturn', methods: 'buy', sameMessage: false },
  { advice: 'adv.ListedArray', methods: 'buy', bind: { 'adv.Listed': ['property', 'value'] }, sameMessage: false },
  { advice: 'adv.ChosenString', methods: 'buy', bind: { 'adv.Chosen': ['enum', 'adv.Speed.FAST'] }, sameMessage: false },
];

let scratch = '';
let targets: CompiledClasses;
let advice: CompiledClasses;
let harness = '';

/** Byte Buddy's result: the rewritten classes, or its one-line refusal. */
async function withByteBuddy(scenario: Scenario, name: string, targetDir = targets.dir): Promise<{ classes: Map<string, Uint8Array> } | { error: string }> {
  const out = join(scratch, `bb-${name}`);
  const run = await runJava({
    classpath: [BYTE_BUDDY, harness],
    mainClass: 'ByteBuddyAdviceOracle',
    args: [
      advice.dir, scenario.advice, targetDir, out, scenario.methods, ...(scenario.constructors === true ? ['--constructors'] : []),
      ...(scenario.assignReturned === true ? ['--assign-returned'] : []),
      ...Object.entries(scenario.bind ?? {}).flatMap(([annotation, [kind, value]]) => ['--bind', `${annotation}=${kind}:${value}`]),
    ],
  });
  if (run.exitCode !== 0) {
    const line = run.stderr.split('\n').find((l) => l.startsWith('ERROR: '));
    if (line === undefined) throw new Error(`the Byte Buddy harness failed: ${run.stderr}`);
    return { error: line.slice('ERROR: '.length) };
  }
  return { classes: toClassFiles(out) };
}

/** A scenario's bindings as classforge's custom mapping, each kind as the harness's --bind gives it to Byte Buddy. */
function customMapping(bind: Scenario['bind']): AdviceCustomMapping {
  let mapping = Advice.withCustomMapping();
  for (const [annotation, value] of Object.entries(bind ?? {})) {
    // field and enum values are <class binary name>.<member>.
    const owner = value[1].substring(0, value[1].lastIndexOf('.'));
    const member = value[1].substring(value[1].lastIndexOf('.') + 1);
    if (value[0] === 'property') mapping = mapping.bindProperty(annotation, value[1]);
    else if (value[0] === 'field') mapping = mapping.bindField(annotation, owner, member);
    else if (value[0] === 'enum') mapping = mapping.bindEnum(annotation, owner, member);
    else mapping = mapping.bind(annotation, constantOf(value));
  }
  return mapping;
}

/** classforge's result through the transform pipeline (frames computed as `classforge transform` computes them). */
async function withClassforge(scenario: Scenario, input: ClassFilesInput = targets): Promise<{ classes: Map<string, Uint8Array> } | { error: string }> {
  const methods = new RegExp(`^(?:${scenario.methods})$`);
  let applied: Advice;
  try {
    applied = customMapping(scenario.bind).to(advice.classes.get(scenario.advice.replace(/\./g, '/'))!);
  } catch (error) {
    return { error: (error as Error).message };
  }
  // Synthetic methods (lambda bodies, bridges) left out as Byte Buddy's builder leaves them out (its default ignoredMethods).
  const wrapper = applied.on((m) =>
    (m.access & Opcodes.ACC_SYNTHETIC) === 0 && (m.name === '<init>' ? scenario.constructors === true : m.name !== '<clinit>' && methods.test(m.name)),
  );
  // The class path finds the superclass's fields for @Advice.FieldValue.
  const transform = defineTransform({ name: 'advice', visitor: (next, ctx) => wrapper.wrap(next, { classPath: ctx.classPath }) });
  // The advice's own classes on the class path too: the annotation defaults bindProperty reads.
  const result = await transformClasses(input, transform, { keepGoing: true, classPath: [advice.dir] });
  const failure = result.failures[0];
  if (failure !== undefined) return { error: failure.cause instanceof Error ? failure.cause.message : failure.message };
  return { classes: result.classes };
}

async function runMain(classes: ReadonlyMap<string, Uint8Array>, mainClass = 'app.Main'): Promise<string> {
  // The advice classes on the class path too: a delegating advice (inline = false) calls them.
  const run = await runJava({ classpath: [classes, advice.dir], mainClass, verify: true });
  expect(run.stderr).toBe('');
  expect(run.exitCode).toBe(0);
  return run.stdout;
}

describe.skipIf(!existsSync(BYTE_BUDDY))('Advice = Byte Buddy 1.12 Advice on the same classes', () => {
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'classforge-advice-'));
    [targets, advice, harness] = await Promise.all([
      compileJava(TARGETS),
      compileJava({ ...ADVICE, ...TRACE_TEXT }, { classpath: BYTE_BUDDY }),
      compileJava({ 'ByteBuddyAdviceOracle.java': HARNESS }, { classpath: BYTE_BUDDY }).then((compiled) => compiled.dir),
    ]);
  }, 120_000);
  afterAll(async () => {
    if (scratch !== '') await rm(scratch, { recursive: true, force: true });
  });

  it.each(RUNS.map((scenario, i) => [`${scenario.advice} on ${scenario.methods}${scenario.constructors === true ? ' and constructors' : ''}`, scenario, i] as const))(
    '%s: the same output under -Xverify:all',
    async (_title, scenario, i) => {
      const [theirs, ours] = await Promise.all([withByteBuddy(scenario, `run${i}`), withClassforge(scenario)]);
      if ('error' in theirs) throw new Error(`Byte Buddy refused: ${theirs.error}`);
      if ('error' in ours) throw new Error(`classforge refused: ${ours.error}`);
      const [expected, actual] = await Promise.all([runMain(theirs.classes), runMain(ours.classes)]);
      expect(actual).toBe(expected);
      // The advice did something: the output differs from the original program's.
      expect(actual === (await runMain(targets.classes))).toBe(scenario.methods === 'nothing');
    },
    120_000,
  );

  it.each(REFUSALS.map((scenario, i) => [`${scenario.advice} on ${scenario.methods}${scenario.constructors === true ? ' and constructors' : ''}`, scenario, i] as const))(
    '%s is refused by both',
    async (_title, scenario, i) => {
      const [theirs, ours] = await Promise.all([withByteBuddy(scenario, `refusal${i}`), withClassforge(scenario)]);
      expect('error' in theirs).toBe(true);
      expect('error' in ours).toBe(true);
      if (scenario.sameMessage) expect((ours as { error: string }).error).toBe((theirs as { error: string }).error);
    },
    120_000,
  );

  it('empties what a return leaves under its value before jumping to the exit advice (Clojure writes such returns)', async () => {
    // f: 7 and 1L stay under the returned int; g: 1 under a void return; h: null under either string.
    const writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES, { classPath: new ClassPath([]) });
    writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, 'gen/Leftovers', null, 'java/lang/Object', null);
    const f = writer.visitMethod(Opcodes.ACC_STATIC, 'f', '(I)I')!;
    f.visitCode();
    f.visitIntInsn(Opcodes.BIPUSH, 7);
    f.visitInsn(Opcodes.LCONST_1);
    f.visitVarInsn(Opcodes.ILOAD, 0);
    f.visitInsn(Opcodes.IRETURN);
    f.visitMaxs(0, 0);
    f.visitEnd();
    const g = writer.visitMethod(Opcodes.ACC_STATIC, 'g', '()V')!;
    g.visitCode();
    g.visitInsn(Opcodes.ICONST_1);
    g.visitInsn(Opcodes.RETURN);
    g.visitMaxs(0, 0);
    g.visitEnd();
    const h = writer.visitMethod(Opcodes.ACC_STATIC, 'h', '(Z)Ljava/lang/String;')!;
    h.visitCode();
    const no = new Label();
    h.visitInsn(Opcodes.ACONST_NULL);
    h.visitVarInsn(Opcodes.ILOAD, 0);
    h.visitJumpInsn(Opcodes.IFEQ, no);
    h.visitLdcInsn('yes');
    h.visitInsn(Opcodes.ARETURN);
    h.visitLabel(no);
    h.visitLdcInsn('no');
    h.visitInsn(Opcodes.ARETURN);
    h.visitMaxs(0, 0);
    h.visitEnd();
    const main = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, 'main', '([Ljava/lang/String;)V')!;
    main.visitCode();
    for (const call of [['f', '(I)I', 'I'], ['g', '()V', ''], ['h', '(Z)Ljava/lang/String;', 'Ljava/lang/String;']] as const) {
      for (const argument of call[0] === 'h' ? [1, 0] : [0]) {
        if (call[2] !== '') main.visitFieldInsn(Opcodes.GETSTATIC, 'java/lang/System', 'out', 'Ljava/io/PrintStream;');
        if (call[0] !== 'g') main.visitIntInsn(Opcodes.BIPUSH, call[0] === 'f' ? 5 : argument);
        main.visitMethodInsn(Opcodes.INVOKESTATIC, 'gen/Leftovers', call[0], call[1], false);
        if (call[2] !== '') main.visitMethodInsn(Opcodes.INVOKEVIRTUAL, 'java/io/PrintStream', 'println', `(${call[2] === 'I' ? 'I' : 'Ljava/lang/Object;'})V`, false);
      }
    }
    main.visitInsn(Opcodes.RETURN);
    main.visitMaxs(0, 0);
    main.visitEnd();
    writer.visitEnd();
    const dir = join(scratch, 'leftovers');
    writeClassFiles(new Map([['gen/Leftovers', writer.toByteArray()]]), dir);
    const scenario = { advice: 'adv.Trace', methods: 'f|g|h' };
    const [theirs, ours] = await Promise.all([withByteBuddy(scenario, 'leftovers', dir), withClassforge(scenario, dir)]);
    if ('error' in theirs) throw new Error(`Byte Buddy refused: ${theirs.error}`);
    if ('error' in ours) throw new Error(`classforge refused: ${ours.error}`);
    const expected = await runMain(theirs.classes, 'gen.Leftovers');
    expect(expected).toContain('< gen.Leftovers.h(boolean):java.lang.String (Z)Ljava/lang/String; token=42 ret=no thrown=null');
    expect(await runMain(ours.classes, 'gen.Leftovers')).toBe(expected);
  }, 120_000);

  it.skipIf(!existsSync(COMMONS_LANG3))('traces every method of commons-lang3 as Byte Buddy does, over 11,000 calls of its static methods', async () => {
    const [library, caller] = await Promise.all([commonsLang3(scratch), compileCaller()]);
    const scenario = { advice: 'adv.CallTrace', methods: '.*' };
    const [theirs, ours] = await Promise.all([withByteBuddy(scenario, 'commons-lang3', library.dir), withClassforge(scenario, library.classes)]);
    if ('error' in theirs) throw new Error(`Byte Buddy refused: ${theirs.error}`);
    if ('error' in ours) throw new Error(`classforge refused: ${ours.error}`);
    const [expected, actual] = await Promise.all([callLibrary(theirs.classes, caller), callLibrary(ours.classes, caller)]);
    expectSameTrace(actual, expected, 11_000);
  }, 240_000);

  it("gives the enter advice the method's first line, as Byte Buddy's prependLineNumber does", async () => {
    const scenario = { advice: 'adv.Fails', methods: 'twice' };
    const [theirs, ours] = await Promise.all([withByteBuddy(scenario, 'lines'), withClassforge(scenario)]);
    if ('error' in theirs) throw new Error(`Byte Buddy refused: ${theirs.error}`);
    if ('error' in ours) throw new Error(`classforge refused: ${ours.error}`);
    const expected = await runMain(theirs.classes, 'app.Lines');
    expect(expected).toBe('app.Lines.twice(Lines.java:4)\n');
    expect(await runMain(ours.classes, 'app.Lines')).toBe(expected);
  }, 120_000);

  it('writes a boxed writable @Advice.Exit back before the exit advice\'s value, as the unboxed one (which Byte Buddy gets right)', async () => {
    const methods = 'label|total|count';
    const [theirs, ours] = await Promise.all([withByteBuddy({ advice: 'adv.Countdown', methods }, 'countdown'), withClassforge({ advice: 'adv.CountdownBoxed', methods })]);
    if ('error' in theirs) throw new Error(`Byte Buddy refused: ${theirs.error}`);
    if ('error' in ours) throw new Error(`classforge refused: ${ours.error}`);
    const expected = await runMain(theirs.classes);
    expect(expected).toContain('countdown count 3 10');
    expect(await runMain(ours.classes)).toBe(expected);
  }, 120_000);

  it('refuses inlined advice that calls a private method of its class, which Byte Buddy copies into code that fails when it runs', async () => {
    const scenario = { advice: 'adv.PrivateHelper', methods: 'buy' };
    const [theirs, ours] = await Promise.all([withByteBuddy(scenario, 'private'), withClassforge(scenario)]);
    if ('error' in theirs) throw new Error(`Byte Buddy refused: ${theirs.error}`);
    const run = await runJava({ classpath: [theirs.classes, advice.dir], mainClass: 'app.Main', verify: true });
    expect(run.stderr).toContain("java.lang.IllegalAccessError: class app.Shop tried to access private method 'void adv.PrivateHelper.log(java.lang.String)'");
    expect(ours).toEqual({
      error:
        "adv.PrivateHelper.enter(java.lang.String): its code is copied into the instrumented classes, which cannot reach the advice class's private method log; make it public (or use inline = false)",
    });
  }, 120_000);

  it('binds @Advice.Origin MethodType to the method\'s type (Byte Buddy 1.12 does not)', async () => {
    const ours = await withClassforge({ advice: 'adv.OriginType', methods: 'buy|total|restock' });
    if ('error' in ours) throw new Error(ours.error);
    const lines = (await runMain(ours.classes)).split('\n').filter((line) => line.startsWith('type '));
    expect(lines).toEqual(['type (int)int', 'type (int)int', 'type (long,int,double)long', 'type (int[])void']);
  }, 120_000);

  it('spreads what the advice writes to a writable @Advice.AllArguments over the arguments, and reads a new array each time', async () => {
    const scenario = { advice: 'adv.WriteAll', methods: 'buy|total|label|restock|find|available|ratio', constructors: true };
    const [theirs, ours] = await Promise.all([withByteBuddy(scenario, 'write-all'), withClassforge(scenario)]);
    if ('error' in theirs) throw new Error(`Byte Buddy refused: ${theirs.error}`);
    if ('error' in ours) throw new Error(`classforge refused: ${ours.error}`);
    const expected = await runMain(theirs.classes);
    // Unboxed, cast and re-boxed into int, long, double, char and String arguments; constructors too (before super()).
    for (const line of ['buy enter [3]', 'buy 3', 'total enter [200, 4, 0.125]', 'total 700', 'label enter [<shop>, #]', 'label <shop>#<corner>', '<init> enter [<corner>, 6]']) {
      expect(expected).toContain(line);
    }
    // The element assigned before the array was read again is gone.
    expect(expected).not.toContain('lost');
    expect(await runMain(ours.classes)).toBe(expected);
  }, 120_000);

  it('binds @Advice.Origin MethodHandle and MethodHandles.Lookup as later Byte Buddy versions do (1.12 does not)', async () => {
    const ours = await withClassforge({ advice: 'adv.OriginHandle', methods: 'buy|total|greet|shout|tag', constructors: true });
    if ('error' in ours) throw new Error(ours.error);
    const lines = (await runMain(ours.classes)).split('\n').filter((line) => line.startsWith('handle '));
    expect(lines).toEqual([
      'handle newInvokeSpecial app.Bean.<init> ()Bean lookup app.Bean private true',
      'handle newInvokeSpecial app.Hello.<init> ()Hello lookup app.Hello private true',
      'handle invokeInterface app.Greeter.greet (Greeter,String)String lookup app.Greeter private true',
      'handle invokeSpecial app.Hello.tag (Hello)String lookup app.Hello private true',
      'handle invokeStatic app.Greeter.shout (String)String lookup app.Greeter private true',
      'handle newInvokeSpecial app.Args.<init> (String,int)Args lookup app.Args private true',
      'handle newInvokeSpecial app.Args.<init> (String)Args lookup app.Args private true',
      'handle newInvokeSpecial app.Args.<init> (String)Args lookup app.Args private true',
      'handle newInvokeSpecial app.Shop.<init> (String,int)Shop lookup app.Shop private true',
      'handle newInvokeSpecial app.Store.<init> ()Store lookup app.Store private true',
      'handle invokeVirtual app.Shop.buy (Shop,int)int lookup app.Shop private true',
      'handle invokeVirtual app.Shop.buy (Shop,int)int lookup app.Shop private true',
      'handle invokeStatic app.Shop.total (long,int,double)long lookup app.Shop private true',
    ]);
  }, 120_000);

  it("reads bindProperty's defaults from the annotation type on the class path, and says so when it is not there", async () => {
    const applied = customMapping(PROPERTIES).to(advice.classes.get('adv/Propertied')!).on((m) => m.name === 'buy');
    const transform = defineTransform({ name: 'advice', visitor: (next, ctx) => applied.wrap(next, { classPath: ctx.classPath }) });
    const without = await transformClasses(targets, transform, { keepGoing: true });
    expect(without.failures.map((failure) => (failure.cause as Error).message)).toEqual([
      "adv.Propertied.enter(java.lang.String,java.lang.String,java.lang.String,java.lang.CharSequence,double,java.lang.Double,adv.Speed,java.lang.Object,java.lang.Enum,char,java.lang.Character,byte,java.lang.Number,java.lang.Class,java.lang.Object,adv.Speed,java.lang.Comparable): parameter java.lang.String arg2: @adv.Named's value is not given, and its default needs adv.Named on the class path",
    ]);
    const withDefaults = await transformClasses(targets, transform, { classPath: [advice.dir] });
    expect(await runMain(withDefaults.classes)).toContain('props buy buyer unnamed unnamed 2.5 1.5 FAST SLOW 0 s ? 7 -3 java.lang.String class java.lang.Integer FAST FAST true');
  }, 120_000);

  it('reads the advice from a ClassNode as from its bytes', () => {
    const node = new ClassNode();
    new ClassReader(advice.classes.get('adv/Trace')!).accept(node, 0);
    expect(Advice.to(node).adviceClass).toBe('adv/Trace');
  });

  it('refuses a class without advice methods, and two enter advices', async () => {
    expect(() => Advice.to(targets.classes.get('app/Shop')!)).toThrow('No advice defined by app.Shop');
    const twice = await compileJava(
      { 'adv/Twice.java': `${IMPORTS}public class Twice {\n  @Advice.OnMethodEnter public static void a() {}\n  @Advice.OnMethodEnter public static void b() {}\n}\n` },
      { classpath: BYTE_BUDDY },
    );
    expect(() => Advice.to(twice.classes.get('adv/Twice')!)).toThrow('Duplicate advice for adv.Twice.a() and adv.Twice.b()');
  });
});
