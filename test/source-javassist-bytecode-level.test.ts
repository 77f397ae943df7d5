// Javassist's bytecode level past the common calls, ported line by line: Bytecode.addRet,
// addMultiNewarray and addInvokedynamic; ConstPool's MethodHandle, MethodType, Dynamic and
// InvokeDynamic entries (add and read); `new CodeAttribute(cp, maxStack, maxLocals, code,
// new ExceptionTable(cp))` given to a method, its table live; CodeIterator insert, insertEx,
// insertGap and insertExGap before every instruction of methods with exception handlers (try/catch,
// finally, synchronized, nested, in a loop). test/support/JavassistBytecodeLevel.java does each with
// Javassist 3.27 on the same javac-compiled class and prints what the TypeScript twin prints (code[]
// as hex, pool indexes, stack depths, exception and line tables); the classes both write are loaded
// under java -Xverify:all and their methods answer the same.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { AccessFlag, Annotation, AnnotationDefaultAttribute, Modifier, ByteArray, InstructionPrinter, NestHostAttribute, NestMembersAttribute, BootstrapMethodsAttribute, ConstantAttribute, DeprecatedAttribute, Descriptor, EnclosingMethodAttribute, InnerClassesAttribute, SourceFileAttribute, Bytecode, CannotCompileException, ClassPool, CodeAttribute, ConstPool, CtClass, ExceptionsAttribute, ExceptionTable, LineNumberAttribute, LocalVariableAttribute, type ClassFile, Opcode, ParameterAnnotationsAttribute, StackMapTable, StringMemberValue, FloatMemberValue, DoubleMemberValue, LongMemberValue, CharMemberValue, ByteMemberValue, ShortMemberValue, BooleanMemberValue, ClassMemberValue, EnumMemberValue, ArrayMemberValue, IntegerMemberValue, AnnotationMemberValue } from '../src/source/index.js';
import { compileJava, runJava } from '../src/testing/index.js';

const JAVASSIST_JAR = '/usr/share/java/javassist.jar';
const HARNESS = readFileSync(fileURLToPath(new URL('./support/JavassistBytecodeLevel.java', import.meta.url)), 'utf8');

const CALC = `package dx;
public class Calc {
  public int value = 5;
  public static String concat(String a, int b) { return a + b; }
  public int guarded(int d) {
    try {
      return value / d;
    } catch (ArithmeticException e) {
      return -1;
    } finally {
      value++;
    }
  }
  public int guardedCopy(int d) { return 0; }
  public int locked(int x) {
    synchronized (this) {
      return x + value;
    }
  }
  public int nested(int[] a, int i) {
    try {
      try {
        return a[i];
      } catch (ArrayIndexOutOfBoundsException e) {
        return -2;
      }
    } catch (NullPointerException e) {
      return -3;
    }
  }
  public int looped(int n) {
    int s = 0;
    for (int k = 0; k < n; k++) {
      try {
        s += 10 / (k - 2);
      } catch (ArithmeticException e) {
        s -= 100;
      }
    }
    return s;
  }
  public int built(int d) { return 0; }
  public void risky() throws java.io.IOException, InterruptedException { }
  public Object grid() { return null; }
  public Object cube() { return null; }
  public String dyn(String s, int n) { return null; }
  public int parse(String s) { return 0; }
  public String checks() {
    StringBuilder sb = new StringBuilder();
    sb.append(concat("c", 1)).append(' ');
    sb.append(guarded(2)).append(',').append(guarded(0)).append(' ');
    sb.append(guardedCopy(2)).append(',').append(guardedCopy(0)).append(' ');
    sb.append(locked(3)).append(' ');
    sb.append(nested(new int[] {4}, 0)).append(',').append(nested(new int[] {4}, 5)).append(',').append(nested(null, 0)).append(' ');
    sb.append(looped(5)).append(' ');
    sb.append(built(2)).append(',').append(built(0)).append(' ');
    Object g = grid();
    sb.append(g == null ? "null" : g.getClass().getName() + java.util.Arrays.deepToString((Object[]) g)).append(' ');
    Object c = cube();
    sb.append(c == null ? "null" : c.getClass().getName() + java.util.Arrays.deepToString((Object[]) c)).append(' ');
    sb.append(dyn("d", 9)).append(' ');
    sb.append(parse("12")).append(',').append(parse("x")).append(' ');
    sb.append(java.util.List.of("q").size()).append(' ');
    sb.append(value);
    return sb.toString();
  }
}
`;

/** Parameter annotations, visible and invisible; an inner class's constructor annotates fewer parameters than it has. */
const PARAMS = `package dx;
import java.lang.annotation.*;
public class Params {
  @Retention(RetentionPolicy.RUNTIME) @interface Tag { String value(); }
  @Retention(RetentionPolicy.CLASS) @interface Hidden { int n() default 1; }
  public class Inner { public Inner(@Tag("in") String s, int k) { } }
  public void m(@Tag("a") String a, int b, @Tag("c") @Hidden(n = 3) long c) { }
  public void none(int x) { }
  public String checks() throws Exception {
    StringBuilder sb = new StringBuilder();
    for (String name : new String[] {"m", "none"}) {
      for (java.lang.reflect.Method m : Params.class.getDeclaredMethods()) {
        if (m.getName().equals(name)) sb.append(name).append(java.util.Arrays.deepToString(m.getParameterAnnotations())).append(' ');
      }
    }
    sb.append(java.util.Arrays.deepToString(Inner.class.getDeclaredConstructors()[0].getParameterAnnotations()));
    return sb.toString();
  }
}
`;

/** Nested, local and anonymous classes, constants, an annotation type with defaults, Deprecated. */
const OUTER = `package dx;
import java.lang.annotation.*;
@Deprecated
public class Outer {
  public static final int ANSWER = 42;
  public static final String NAME = "outer";
  public static final long BIG = 1L << 40;
  public static final double HALF = 0.5;
  public final int notStatic = 3;
  @Deprecated public static int old;
  @Retention(RetentionPolicy.RUNTIME)
  public @interface Config {
    String name() default "cfg";
    int[] sizes() default {1, 2};
    RetentionPolicy policy() default RetentionPolicy.CLASS;
    Class<?> type() default Object.class;
    Deprecated nested() default @Deprecated;
    long plain();
  }
  public static class Nested { }
  private class Inner { }
  @Deprecated public Runnable make() {
    class Local implements Runnable { public void run() { } }
    return new Runnable() { public void run() { new Local().run(); } };
  }
  static Object init = new Object() { };
}
`;
const OUTER_CLASSES = ['dx.Outer', 'dx.Outer$Config', 'dx.Outer$Nested', 'dx.Outer$Inner', 'dx.Outer$1Local', 'dx.Outer$1', 'dx.Outer$2'];

/** Every operand kind InstructionPrinter prints: switches, ldc of each constant kind, newarray of each type, iinc, wide. */
const OPS = `package dx;
public class Ops {
  public static Object all(int k, long j, float f, double d, Object o) {
    int r = 0;
    switch (k) { case 1: r = 10; break; case 2: r = 20; break; case 3: r = 30; break; default: r = -1; }
    switch (k * 1000) { case -5000: r += 1; break; case 7000: r += 2; break; default: r += 3; }
    r += 100000; r -= 7;
    long big = j + 123456789012L; float ff = f * 3.25f; double dd = d / 1.5e300;
    boolean[] zs = new boolean[k]; char[] cs = new char[2]; byte[] bs = new byte[3]; short[] ss = new short[4];
    long[] ls = new long[5]; float[] fs = new float[6]; double[] ds = new double[7]; String[][] grid = new String[2][3];
    Class<?> c = Ops.class;
    if (o instanceof String && o != null) r++;
    for (int i = 0; i < 3; i++) r += i;
    r += 200; r -= 300;
    return "" + r + big + ff + dd + zs.length + cs.length + bs.length + ss.length + ls.length + fs.length + ds.length + grid.length + c + (String) o;
  }
  public static long wide(long seed) {
${Array.from({ length: 130 }, (_, i) => `    long v${i} = seed + ${i};`).join('\n')}
    int w = 1; w += 5000; double x = w; x++;
    return v0 + v129 + w + (long) x;
  }
}
`;

/** Where the timing edit records each method's time (a count per method name). */
const TIMING = `package dx;
public class Timing {
  public static final java.util.Map<String, Integer> calls = new java.util.TreeMap<>();
  public static void record(long nanos, String method) { calls.merge(method, nanos >= 0 ? 1 : 1000, Integer::sum); }
}
`;

/** No string concatenation (no bootstrap methods): the bootstrap test gives it its first. */
const PLAIN = `package dx;
public class Plain {
  public static String hello(String a, int b) { return null; }
  public static int max() { return 0; }
  public String checks() { return String.valueOf(hello("a", 1)).concat(" ").concat(String.valueOf(max())); }
}
`;

/** Frames of every kind javac writes: uninitializedThis, uninitialized(offset), long/double locals, append/chop/full. */
const FRAMES = `package dx;
public class Frames {
  final Object held;
  public Frames(int k) { this(k > 0 ? "pos" : "neg", k); }
  public Frames(String s, int k) { held = new StringBuilder(k > 1 ? s : "x"); }
  public static double mix(long a, double b, float c, int n) {
    double r = 0;
    for (int i = 0; i < n; i++) {
      if (a > i) r += b;
      else r -= c;
    }
    long z = a;
    while (z > 0) z >>= 1;
    return r + z;
  }
  public static final int K = 7;
  public java.util.List<String> names;
  @Deprecated
  public <T> java.util.List<T> generic(T t) throws java.io.IOException { java.util.List<T> l = java.util.List.of(t); return l; }
  public static int wide(int n) {
    int s = 0;
    for (int i = 0; i < n; i++) {
      long a = i; double b = i; float c = i; Object d = null; int e = i;
      if (a + b + c + e > 3) s++;
    }
    return s;
  }
}
`;

/** JavassistBytecodeLevel.Recorder. */
class Recorder extends StackMapTable.Walker {
  constructor(
    info: Uint8Array,
    private readonly sb: string[],
  ) {
    super(info);
  }
  override sameFrame(pos: number, d: number): void { this.sb.push(` S${pos}/${d}`); }
  override sameLocals(pos: number, d: number, tag: number, data: number): void { this.sb.push(` L${pos}/${d}/${tag}/${data}`); }
  override chopFrame(pos: number, d: number, k: number): void { this.sb.push(` C${pos}/${d}/${k}`); }
  override appendFrame(pos: number, d: number, t: number[], data: number[]): void { this.sb.push(` A${pos}/${d}[${t.join(', ')}][${data.join(', ')}]`); }
  override fullFrame(pos: number, d: number, lt: number[], ld: number[], st: number[], sd: number[]): void {
    this.sb.push(` F${pos}/${d}[${lt.join(', ')}][${ld.join(', ')}][${st.join(', ')}][${sd.join(', ')}]`);
  }
  override objectOrUninitialized(tag: number, data: number, pos: number): void { this.sb.push(` o${tag}/${data}@${pos}`); }
}

/** JavassistBytecodeLevel's "frames". */
function classforgeFrames(classes: string): string[] {
  const lines: string[] = [];
  const pool = new ClassPool(true).appendPathList(classes);
  lines.push(`tags ${StackMapTable.TOP}${StackMapTable.INTEGER}${StackMapTable.FLOAT}${StackMapTable.DOUBLE}${StackMapTable.LONG}${StackMapTable.NULL}${StackMapTable.THIS}${StackMapTable.OBJECT}${StackMapTable.UNINIT}`);
  lines.push(`typeTagOf${[...'DFJL[IZBCSV'].map((c) => ` ${StackMapTable.typeTagOf(c)}`).join('')}`);
  for (const className of ['dx.Calc', 'dx.Frames']) {
    for (const mi of pool.get(className).getClassFile().getMethods()) {
      const smt = mi.getCodeAttribute()!.getAttribute(StackMapTable.tag) as StackMapTable | null;
      const label = `${className}.${mi.getName()}${mi.getDescriptor()}`;
      if (smt === null) {
        lines.push(`${label} none`);
        continue;
      }
      const sb = [`${label} ${smt.getName()} ${smt.length()} ${new StackMapTable.Walker(smt).size()} ${hex(smt.get())}`];
      new Recorder(smt.get(), sb).parse();
      lines.push(sb.join(''));
      smt.println((line) => void lines.push(line));
    }
  }
  const nb = new Bytecode(pool.get('dx.Calc').getClassFile().getConstPool(), 0, 2);
  nb.addIconst(1);
  nb.addOpcode(Opcode.IRETURN!);
  lines.push(`new code ${nb.toCodeAttribute().getAttribute(StackMapTable.tag)}`);
  return lines;
}

const HANDLER_METHODS = ['guarded', 'locked', 'nested', 'looped'];

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** JavassistBytecodeLevel.concatBootstrap. */
function concatBootstrap(cf: ClassFile): number {
  const cp = cf.getConstPool();
  const it = cf.getMethod('concat')!.getCodeAttribute()!.iterator();
  while (it.hasNext()) {
    const i = it.next();
    if (it.byteAt(i) === Opcode.INVOKEDYNAMIC) return cp.getInvokeDynamicBootstrap(it.u16bitAt(i + 1));
  }
  throw new Error('no invokedynamic in concat');
}

/** JavassistBytecodeLevel.tables. */
function tables(ca: CodeAttribute): string {
  let sb = '';
  const et = ca.getExceptionTable();
  for (let i = 0; i < et.size(); i++) sb += ` h${et.startPc(i)}-${et.endPc(i)}>${et.handlerPc(i)}:${et.catchType(i)}`;
  const lines = ca.getAttribute(LineNumberAttribute.tag) as LineNumberAttribute | null;
  if (lines !== null) for (let i = 0; i < lines.tableLength(); i++) sb += ` l${lines.startPc(i)}:${lines.lineNumber(i)}`;
  return sb;
}

/** JavassistBytecodeLevel's "ops". */
function classforgeOps(classes: string): string[] {
  const out: string[] = [];
  const pool = new ClassPool(true).appendPathList(classes);
  const cf = pool.get('dx.Calc').getClassFile();
  const cp = cf.getConstPool();
  let b = new Bytecode(cp, 0, 0);
  const line = (what: string): void => {
    out.push(`${what} ${hex(b.get())} depth ${b.getStackDepth()} max ${b.getMaxStack()}`);
    b = new Bytecode(b.getConstPool(), 0, 0);
  };
  for (const v of [0, 3, 255, 256, 1000]) { b.addRet(v); line(`ret ${v}`); }
  out.push(`dims ${b.addMultiNewarray(pool.get('int[][][]'), 2)}`); line('multi int[][][] 2');
  out.push(`dims ${b.addMultiNewarray('[[Ljava.lang.String;', 2)}`); line('multi desc 2');
  out.push(`dims ${b.addMultiNewarray(pool.get('int[][]'), [3, 4])}`); line('multi int[][] {3,4}');
  out.push(`dims ${b.addMultiNewarray(pool.get('java.lang.String[][][]'), [300, 2])}`); line('multi String[][][] {300,2}');
  out.push(`dims ${b.addMultiNewarray(pool.get('dx.Calc[][]'), 1)}`); line('multi Calc[][] 1');
  const bs = concatBootstrap(cf);
  b.addInvokedynamic(bs, 'makeConcatWithConstants', '(Ljava/lang/String;I)Ljava/lang/String;'); line('indy concat');
  b.addInvokedynamic(bs, 'makeConcatWithConstants', '(Ljava/lang/String;I)Ljava/lang/String;'); line('indy concat again');
  b.addInvokedynamic(0, 'run', '()V'); line('indy void');
  b.addInvokedynamic(1, 'fold', '(JD[I)J'); line('indy long');
  b.addIconst(1); b.addIconst(2); b.addInvokedynamic(3, 'pair', '(II)Ljava/lang/Object;'); line('indy after consts');
  out.push(`this class ${cp.addClassInfo(ConstPool.THIS)}`);
  b.addGetfield(Bytecode.THIS, 'value', 'I'); line('getfield THIS');
  b.addPutstatic(Bytecode.THIS, 'counter', 'J'); line('putstatic THIS');
  b.addInvokestatic(Bytecode.THIS, 'concat', '(Ljava/lang/String;I)Ljava/lang/String;'); line('invokestatic THIS');
  b.addInvokespecial(Bytecode.THIS, '<init>', '()V'); line('invokespecial THIS');
  b.addInvokevirtual(Bytecode.THIS, 'guarded', '(I)I'); line('invokevirtual THIS');
  b.addNew(Bytecode.THIS); line('new THIS');
  b.addCheckcast(Bytecode.THIS); line('checkcast THIS');
  b.addAnewarray(Bytecode.THIS, 3); line('anewarray THIS');
  b.addInvokespecial(true, cp.addClassInfo('java.util.List'), 'm', '(I)V'); line('invokespecial interface index');
  b.addInvokespecial(false, cp.addClassInfo('dx.Calc'), 'x', '(JD)V'); line('invokespecial class index');
  b.addInvokespecial(cp.addMethodrefInfo(cp.addClassInfo('java.lang.Object'), '<init>', '()V'), '()V'); line('invokespecial methodref');
  b.addInvokespecial(cp.addMethodrefInfo(cp.addClassInfo('dx.Calc'), 'y', '(JJ)I'), '(JJ)I'); line('invokespecial methodref args');
  b.addInvokeinterface(pool.get('java.util.Map'), 'get', pool.get('java.lang.Object'), [pool.get('java.lang.Object')], 2); line('invokeinterface types');
  b.addInvokeinterface(pool.get('java.util.List'), 'clear', CtClass.voidType, null, 1); line('invokeinterface void');
  out.push(`pool size ${cp.getSize()}`);
  return out;
}

/** JavassistBytecodeLevel's "pool"; the class is written to `out`. */
async function classforgePool(classes: string, out: string): Promise<string[]> {
  const lines: string[] = [];
  const p = (s: string): void => void lines.push(s);
  const pool = new ClassPool(true).appendPathList(classes);
  const cc = pool.get('dx.Calc');
  const cp = cc.getClassFile().getConstPool();
  p(`tags ${ConstPool.CONST_MethodHandle} ${ConstPool.CONST_MethodType} ${ConstPool.CONST_Dynamic} ${ConstPool.CONST_DynamicCallSite} ${ConstPool.CONST_InvokeDynamic}`);
  p(`refs ${ConstPool.REF_getField} ${ConstPool.REF_getStatic} ${ConstPool.REF_putField} ${ConstPool.REF_putStatic} ${ConstPool.REF_invokeVirtual} ${ConstPool.REF_invokeStatic} ${ConstPool.REF_invokeSpecial} ${ConstPool.REF_newInvokeSpecial} ${ConstPool.REF_invokeInterface}`);
  for (let i = 1; i < cp.getSize(); i++) {
    const tag = cp.getTag(i);
    if (tag === ConstPool.CONST_MethodHandle) p(`javac ${i} handle ${cp.getMethodHandleKind(i)} ${cp.getMethodHandleIndex(i)}`);
    else if (tag === ConstPool.CONST_MethodType) p(`javac ${i} type ${cp.getMethodTypeInfo(i)} ${cp.getUtf8Info(cp.getMethodTypeInfo(i))}`);
    else if (tag === ConstPool.CONST_InvokeDynamic) p(`javac ${i} indy ${cp.getInvokeDynamicBootstrap(i)} ${cp.getInvokeDynamicNameAndType(i)} ${cp.getNameAndTypeName(cp.getInvokeDynamicNameAndType(i))} ${cp.getInvokeDynamicType(i)}`);
    else if (tag === ConstPool.CONST_NameAndType) p(`javac ${i} nt ${cp.getNameAndTypeName(i)} ${cp.getNameAndTypeDescriptor(i)} ${cp.getUtf8Info(cp.getNameAndTypeName(i))}${cp.getUtf8Info(cp.getNameAndTypeDescriptor(i))}`);
    else if (tag === ConstPool.CONST_Fieldref) p(`javac ${i} field ${cp.getMemberClass(i)} ${cp.getMemberNameAndType(i)} ${cp.getFieldrefClass(i)} ${cp.getFieldrefNameAndType(i)}`);
    else if (tag === ConstPool.CONST_Methodref) p(`javac ${i} method ${cp.getMemberClass(i)} ${cp.getMemberNameAndType(i)} ${cp.getMethodrefClass(i)} ${cp.getMethodrefNameAndType(i)}`);
    else if (tag === ConstPool.CONST_InterfaceMethodref) p(`javac ${i} imethod ${cp.getMemberClass(i)} ${cp.getMemberNameAndType(i)} ${cp.getInterfaceMethodrefClass(i)} ${cp.getInterfaceMethodrefNameAndType(i)}`);
  }
  const calc = cp.addClassInfo('dx.Calc');
  const concat = cp.addMethodrefInfo(calc, 'concat', '(Ljava/lang/String;I)Ljava/lang/String;');
  const fresh = cp.addMethodrefInfo(calc, 'fresh', '()V');
  const field = cp.addFieldrefInfo(calc, 'value', 'I');
  const handles = [
    cp.addMethodHandleInfo(ConstPool.REF_invokeStatic, concat),
    cp.addMethodHandleInfo(ConstPool.REF_invokeStatic, concat),
    cp.addMethodHandleInfo(ConstPool.REF_invokeVirtual, fresh),
    cp.addMethodHandleInfo(ConstPool.REF_getField, field),
    cp.addMethodHandleInfo(ConstPool.REF_putField, field),
  ];
  for (const h of handles) p(`handle ${h} ${cp.getTag(h)} ${cp.getMethodHandleKind(h)} ${cp.getMethodHandleIndex(h)}`);
  const types = [cp.addMethodTypeInfo(cp.addUtf8Info('(I)V')), cp.addMethodTypeInfo(cp.addUtf8Info('(I)V')), cp.addMethodTypeInfo(cp.addUtf8Info('(JJ)Ljava/lang/Object;'))];
  for (const t of types) p(`type ${t} ${cp.getTag(t)} ${cp.getMethodTypeInfo(t)} ${cp.getUtf8Info(cp.getMethodTypeInfo(t))}`);
  const nt = cp.addNameAndTypeInfo('k', 'I');
  const nt2 = cp.addNameAndTypeInfo('call', '(I)J');
  const nt3 = cp.addNameAndTypeInfo('cfg', 'Ljava/lang/String;');
  const dynamics = [cp.addDynamicInfo(0, nt), cp.addDynamicInfo(0, nt), cp.addDynamicInfo(0, nt3)];
  for (const d of dynamics) p(`dynamic ${d} ${cp.getTag(d)} ${cp.getDynamicBootstrap(d)} ${cp.getDynamicNameAndType(d)} ${cp.getDynamicType(d)}`);
  const indys = [cp.addInvokeDynamicInfo(0, nt2), cp.addInvokeDynamicInfo(0, nt2), cp.addInvokeDynamicInfo(0, cp.addNameAndTypeInfo('go', '()V'))];
  for (const d of indys) p(`indy ${d} ${cp.getTag(d)} ${cp.getInvokeDynamicBootstrap(d)} ${cp.getInvokeDynamicNameAndType(d)} ${cp.getUtf8Info(cp.getNameAndTypeName(cp.getInvokeDynamicNameAndType(d)))} ${cp.getInvokeDynamicType(d)}`);
  p(`ldc ${cp.getLdcValue(handles[0]!)} ${cp.getLdcValue(types[0]!)} ${cp.getLdcValue(dynamics[0]!)}`);
  p(`pool size ${cp.getSize()}`);
  await cc.writeFile(out);
  return lines;
}

/** JavassistBytecodeLevel's "bodies"; the class is written to `out`. */
async function classforgeBodies(classes: string, out: string): Promise<string[]> {
  const lines: string[] = [];
  const p = (s: string): void => void lines.push(s);
  const pool = new ClassPool(true).appendPathList(classes);
  const cc = pool.get('dx.Calc');
  const cf = cc.getClassFile();
  const cp = cf.getConstPool();
  const valueRef = cp.addFieldrefInfo(cp.addClassInfo('dx.Calc'), 'value', 'I');
  const code = Uint8Array.of(Opcode.ALOAD_0!, Opcode.GETFIELD!, valueRef >> 8, valueRef, Opcode.ILOAD_1!, Opcode.IDIV!, Opcode.IRETURN!, Opcode.POP!, Opcode.ICONST_M1!, Opcode.IRETURN!);
  const et = new ExceptionTable(cp);
  const built = new CodeAttribute(cp, 2, 2, code, et);
  et.add(0, 7, 7, cp.addClassInfo('java.lang.ArithmeticException'));
  code[8] = Opcode.ICONST_0!; // the array is the attribute's code[]: built(0) now answers 0
  p(`built ${built.getMaxStack()} ${built.getMaxLocals()} ${built.getCodeLength()} ${et.size()} ${built.getExceptionTable().size()}`);
  const mi = cf.getMethod('built')!;
  mi.setCodeAttribute(built);
  const it = built.iterator();
  const nop = new Bytecode(cp);
  nop.addIconst(7);
  nop.addOpcode(Opcode.POP!);
  p(`insert ${it.insertAt(0, nop.get())} table ${et.startPc(0)}-${et.endPc(0)}>${et.handlerPc(0)}`);
  et.setEndPc(0, et.endPc(0));
  et.setCatchType(0, cp.addClassInfo('java.lang.ArithmeticException'));
  mi.rebuildStackMapIf6(pool, cf);
  p(`built ${hex(mi.getCodeAttribute()!.getCode())}${tables(mi.getCodeAttribute()!)}`);

  const g = cf.getMethod('guarded')!.getCodeAttribute()!;
  const copied = new ExceptionTable(cp);
  copied.add(0, g.getExceptionTable(), 0);
  copied.add(1, g.getExceptionTable(), 100);
  let sb = 'copied';
  for (let i = 0; i < copied.size(); i++) sb += ` ${copied.startPc(i)}-${copied.endPc(i)}>${copied.handlerPc(i)}:${copied.catchType(i)}`;
  p(sb);
  copied.remove(3);
  copied.remove(2);
  copied.remove(1);
  copied.remove(1);
  const gc = cf.getMethod('guardedCopy')!;
  gc.setCodeAttribute(new CodeAttribute(cp, g.getMaxStack(), g.getMaxLocals(), g.getCode(), copied));
  gc.rebuildStackMapIf6(pool, cf);
  p(`guardedCopy ${hex(gc.getCodeAttribute()!.getCode())}${tables(gc.getCodeAttribute()!)}`);

  const gb = new Bytecode(cp, 0, 1);
  gb.addIconst(2);
  gb.addIconst(3);
  gb.addMultiNewarray(pool.get('int[][]'), 2);
  gb.addOpcode(Opcode.ARETURN!);
  p(`grid max ${gb.getMaxStack()}`);
  cf.getMethod('grid')!.setCodeAttribute(gb.toCodeAttribute());
  const cb = new Bytecode(cp, 0, 1);
  cb.addMultiNewarray(pool.get('java.lang.String[][][]'), [2, 3]);
  cb.addOpcode(Opcode.ARETURN!);
  p(`cube max ${cb.getMaxStack()}`);
  cf.getMethod('cube')!.setCodeAttribute(cb.toCodeAttribute());

  const db = new Bytecode(cp, 0, 3);
  db.addAload(1);
  db.addIload(2);
  db.addInvokedynamic(concatBootstrap(cf), 'makeConcatWithConstants', '(Ljava/lang/String;I)Ljava/lang/String;');
  db.addOpcode(Opcode.ARETURN!);
  p(`dyn max ${db.getMaxStack()}`);
  cf.getMethod('dyn')!.setCodeAttribute(db.toCodeAttribute());

  const pb = new Bytecode(cp, 0, 2);
  pb.addAload(1);
  pb.addInvokestatic('java.lang.Integer', 'parseInt', '(Ljava/lang/String;)I');
  pb.addOpcode(Opcode.IRETURN!);
  pb.addAstore(1);
  pb.addIconst(-9);
  pb.addOpcode(Opcode.IRETURN!);
  const pca = pb.toCodeAttribute();
  pb.getExceptionTable().add(0, 5, 5, cp.addClassInfo('java.lang.NumberFormatException'));
  p(`parse table ${pca.getExceptionTable().size()}`);
  cf.getMethod('parse')!.setCodeAttribute(pca);
  for (const name of ['grid', 'cube', 'dyn', 'parse']) {
    const m = cf.getMethod(name)!;
    m.rebuildStackMapIf6(pool, cf);
    p(`${name} ${hex(m.getCodeAttribute()!.getCode())}${tables(m.getCodeAttribute()!)}`);
  }
  await cc.writeFile(out);
  return lines;
}

/** JavassistBytecodeLevel's "timing"; the class is written to `out`. */
async function classforgeTiming(classes: string, out: string): Promise<string[]> {
  const lines: string[] = [];
  const pool = new ClassPool(true).appendPathList(classes);
  const cc = pool.get('dx.Calc');
  const cf = cc.getClassFile();
  const cp = cf.getConstPool();
  for (const mi of cf.getMethods()) {
    const ca = mi.getCodeAttribute();
    if (ca === null || !mi.isMethod()) continue;
    const slot = ca.getMaxLocals();
    ca.setMaxLocals(slot + 2);
    const it = ca.iterator();
    const start = new Bytecode(cp);
    start.addInvokestatic('java.lang.System', 'nanoTime', '()J');
    start.addLstore(slot);
    const at = it.insertEx(start.get());
    let sb = `${mi.getName()} at ${at} next ${it.lookAhead()}`;
    while (it.hasNext()) {
      const i = it.next();
      const op = it.byteAt(i);
      if (op >= Opcode.IRETURN! && op <= Opcode.RETURN!) {
        const end = new Bytecode(cp);
        end.addInvokestatic('java.lang.System', 'nanoTime', '()J');
        end.addLload(slot);
        end.addOpcode(Opcode.LSUB!);
        end.addLdc(mi.getName());
        end.addInvokestatic('dx.Timing', 'record', '(JLjava/lang/String;)V');
        it.insert(i, end.get());
        sb += ` ret@${i}>${it.lookAhead()}`;
      }
    }
    ca.setMaxStack(ca.computeMaxStack());
    sb += ` max ${ca.getMaxStack()} ${hex(ca.getCode())}${tables(ca)}`;
    lines.push(sb);
  }
  for (const mi of cf.getMethods()) mi.rebuildStackMapIf6(pool, cf);
  await cc.writeFile(out);
  return lines;
}

/** JavassistBytecodeLevel's "exceptions"; the class is written to `out`. */
async function classforgeExceptions(classes: string, out: string): Promise<string[]> {
  const lines: string[] = [];
  const p = (s: string): void => void lines.push(s);
  const list = (values: readonly (string | number)[] | null): string => (values === null ? 'null' : `[${values.join(', ')}]`);
  const pool = new ClassPool(true).appendPathList(classes);
  const cc = pool.get('dx.Calc');
  const cf = cc.getClassFile();
  const cp = cf.getConstPool();
  for (const mi of cf.getMethods()) {
    const ea = mi.getExceptionsAttribute();
    if (ea === null) continue;
    let sb = `${mi.getName()} ${ea.getName()} ${ea.tableLength()} ${list(ea.getExceptions())} ${list(ea.getExceptionIndexes())}`;
    for (let i = 0; i < ea.tableLength(); i++) sb += ` ${ea.getException(i)}`;
    p(`${sb} same ${mi.getAttribute(ExceptionsAttribute.tag) !== null}`);
  }
  const fresh = new ExceptionsAttribute(cp);
  p(`fresh ${fresh.tableLength()} ${list(fresh.getExceptions())} ${list(fresh.getExceptionIndexes())}`);
  fresh.setExceptions(['java.lang.IllegalStateException', 'java.io.IOException']);
  p(`fresh ${fresh.tableLength()} ${list(fresh.getExceptions())} ${list(fresh.getExceptionIndexes())}`);
  const parse = cf.getMethod('parse')!;
  parse.setExceptionsAttribute(fresh);
  const risky = cf.getMethod('risky')!;
  risky.getExceptionsAttribute()!.setExceptions(['java.lang.Exception']);
  const built = new ExceptionsAttribute(cp);
  built.setExceptionIndexes([cp.addClassInfo('java.lang.CloneNotSupportedException')]);
  cf.getMethod('built')!.setExceptionsAttribute(built);
  for (const name of ['parse', 'risky', 'built', 'grid', 'cube']) {
    const ea = cf.getMethod(name)!.getExceptionsAttribute();
    p(`set ${name} ${ea === null ? 'null' : `${list(ea.getExceptions())} ${list(ea.getExceptionIndexes())}`}`);
  }
  risky.removeExceptionsAttribute();
  p(`removed ${risky.getExceptionsAttribute()}`);
  await cc.writeFile(out);
  const after = new ClassPool(true).appendPathList(out);
  for (const name of ['parse', 'risky', 'built', 'grid']) {
    p(`written ${name}${after.get('dx.Calc').getDeclaredMethod(name).getExceptionTypes().map((t) => ` ${t.getName()}`).join('')}`);
  }
  return lines;
}

/** JavassistBytecodeLevel's "mixedIndy"; the class is written to `out`. */
async function classforgeMixedIndy(classes: string, out: string): Promise<string[]> {
  const lines: string[] = [];
  const pool = new ClassPool(true).appendPathList(classes);
  const cc = pool.get('dx.Calc');
  const cf = cc.getClassFile();
  const cp = cf.getConstPool();
  const record = cp.addMethodrefInfo(cp.addClassInfo('dx.Timing'), 'record', '(JLjava/lang/String;)V');
  cc.getDeclaredMethod('concat').insertBefore('{ dx.Timing.record(1L, "src"); }');
  cc.getDeclaredMethod('checks').insertBefore('{ dx.Timing.record(3L, "checks"); }');
  for (const name of ['concat', 'checks']) {
    const mi = cf.getMethod(name)!;
    const it = mi.getCodeAttribute()!.iterator();
    const b = new Bytecode(cp);
    b.addLconst(2);
    b.addLdc(`bytes-${name}`);
    b.addOpcode(Opcode.INVOKESTATIC!);
    b.addIndex(record);
    it.insert(b.get());
    mi.rebuildStackMapIf6(pool, cf);
    let sb = name;
    for (it.begin(); it.hasNext(); ) {
      const i = it.next();
      const op = it.byteAt(i);
      if (op === Opcode.INVOKEDYNAMIC) {
        const r = it.u16bitAt(i + 1);
        sb += ` indy ${cp.getInvokeDynamicBootstrap(r)} ${cp.getUtf8Info(cp.getNameAndTypeName(cp.getInvokeDynamicNameAndType(r)))}${cp.getInvokeDynamicType(r)}`;
      } else if (op === Opcode.INVOKESTATIC && cp.getMethodrefName(it.u16bitAt(i + 1)) === 'record') {
        sb += ' record';
      }
    }
    lines.push(sb);
  }
  await cc.writeFile(out);
  return lines;
}

/** JavassistBytecodeLevel's "attributes". */
function classforgeAttributes(classes: string): string[] {
  const lines: string[] = [];
  const pool = new ClassPool(true).appendPathList(classes);
  const names = (attributes: readonly { getName(): string }[]): string => attributes.map((a) => ` ${a.getName()}`).join('');
  for (const className of ['dx.Calc', 'dx.Frames']) {
    const f = pool.get(className).getClassFile();
    lines.push(`${className}${names(f.getAttributes())}`);
    for (const fi of f.getFields()) lines.push(`  field ${fi.getName()}${names(fi.getAttributes())}`);
    for (const mi of f.getMethods()) {
      const ca = mi.getCodeAttribute();
      lines.push(`  method ${mi.getName()}${mi.getDescriptor()}${names(mi.getAttributes())}${ca === null ? '' : ` /${names(ca.getAttributes())}`}`);
      if (ca === null) continue;
      for (const tag of [LocalVariableAttribute.tag, LocalVariableAttribute.typeTag]) {
        const lva = ca.getAttribute(tag) as LocalVariableAttribute | null;
        if (lva === null) continue;
        let sb = `    ${lva.getName()} ${lva.constructor.name}`;
        for (let i = 0; i < lva.tableLength(); i++) {
          sb += ` ${lva.variableName(i)}/${lva.nameIndex(i)}/${lva.descriptorIndex(i)}/${lva.signatureIndex(i)}/${lva.descriptor(i)}/${lva.signature(i)}/${lva.startPc(i)}+${lva.codeLength(i)}@${lva.index(i)}`;
        }
        lines.push(sb);
      }
    }
  }
  return lines;
}

/** JavassistBytecodeLevel's "params"; dx.Params is written to `out`. */
async function classforgeParams(classes: string, out: string): Promise<string[]> {
  const lines: string[] = [];
  const pool = new ClassPool(true).appendPathList(classes);
  const memberNames = (names: Set<string> | null): string => (names === null ? 'null' : `[${[...names].join(', ')}]`);
  for (const className of ['dx.Params', 'dx.Params$Inner']) {
    for (const mi of pool.get(className).getClassFile().getMethods()) {
      for (const tag of [ParameterAnnotationsAttribute.visibleTag, ParameterAnnotationsAttribute.invisibleTag]) {
        const pa = mi.getAttribute(tag) as ParameterAnnotationsAttribute | null;
        if (pa === null) continue;
        let sb = `${className}.${mi.getName()}${mi.getDescriptor()} ${pa.getName()} ${pa.numParameters()} [${pa}]`;
        for (const parameter of pa.getAnnotations()) {
          sb += ' |';
          for (const a of parameter) sb += ` ${a.getTypeName()}${memberNames(a.getMemberNames())}`;
        }
        lines.push(sb);
      }
    }
  }
  const params = pool.get('dx.Params');
  const pf = params.getClassFile();
  const pcp = pf.getConstPool();
  const tagX = new Annotation('dx.Params$Tag', pcp);
  tagX.addMemberValue('value', new StringMemberValue('x', pcp));
  const added = new ParameterAnnotationsAttribute(pcp, ParameterAnnotationsAttribute.visibleTag);
  added.setAnnotations([[tagX]]);
  pf.getMethod('none')!.addAttribute(added);
  const tagY = new Annotation('dx.Params$Tag', pcp);
  tagY.addMemberValue('value', new StringMemberValue('y', pcp));
  const live = pf.getMethod('m')!.getAttribute(ParameterAnnotationsAttribute.visibleTag) as ParameterAnnotationsAttribute;
  live.setAnnotations([[], [tagY], [tagX, tagY]]);
  pf.getMethod('m')!.removeAttribute(ParameterAnnotationsAttribute.invisibleTag);
  lines.push(`after ${added} | ${pf.getMethod('m')!.getAttribute(ParameterAnnotationsAttribute.visibleTag)} | ${pf.getMethod('m')!.getAttribute(ParameterAnnotationsAttribute.invisibleTag)}`);
  const all = new Annotation('dx.Params$Tag', pcp);
  all.addMemberValue('s', new StringMemberValue('q', pcp));
  all.addMemberValue('f', new FloatMemberValue(1.0, pcp));
  all.addMemberValue('g', new FloatMemberValue(1.0e10, pcp));
  all.addMemberValue('d', new DoubleMemberValue(0.1, pcp));
  all.addMemberValue('e', new DoubleMemberValue(2.5e-5, pcp));
  all.addMemberValue('j', new LongMemberValue(5n, pcp));
  all.addMemberValue('c', new CharMemberValue('z', pcp));
  all.addMemberValue('b', new ByteMemberValue(3, pcp));
  all.addMemberValue('h', new ShortMemberValue(4, pcp));
  all.addMemberValue('z', new BooleanMemberValue(true, pcp));
  all.addMemberValue('k', new ClassMemberValue('java.util.Map$Entry', pcp));
  const policy = new EnumMemberValue(pcp);
  policy.setType('java.lang.annotation.RetentionPolicy');
  policy.setValue('RUNTIME');
  all.addMemberValue('p', policy);
  const array = new ArrayMemberValue(pcp);
  array.setValue([new IntegerMemberValue(pcp, 1), new StringMemberValue('w', pcp)]);
  all.addMemberValue('a', array);
  all.addMemberValue('n', new AnnotationMemberValue(tagY, pcp));
  lines.push(`all ${all}`);
  await params.writeFile(out);
  return lines;
}

/** JavassistBytecodeLevel's "small". */
function classforgeSmall(classes: string): string[] {
  const lines: string[] = [];
  const pool = new ClassPool(true).appendPathList(classes);
  for (const className of OUTER_CLASSES) {
    const f = pool.get(className).getClassFile();
    const p = f.getConstPool();
    const sf = f.getAttribute(SourceFileAttribute.tag) as SourceFileAttribute | null;
    let sb = `${className} source ${sf === null ? null : sf.getFileName()} deprecated ${f.getAttribute(DeprecatedAttribute.tag) !== null}`;
    const ic = f.getAttribute(InnerClassesAttribute.tag) as InnerClassesAttribute | null;
    if (ic !== null) {
      for (let i = 0; i < ic.tableLength(); i++) {
        sb += ` | ${ic.innerClassIndex(i)} ${ic.innerClass(i)} ${ic.outerClassIndex(i)} ${ic.outerClass(i)} ${ic.innerNameIndex(i)} ${ic.innerName(i)} ${ic.accessFlags(i)} ${ic.find(ic.innerClass(i)!)}`;
      }
      sb += ` find ${ic.find('nope')}`;
    }
    const em = f.getAttribute(EnclosingMethodAttribute.tag) as EnclosingMethodAttribute | null;
    if (em !== null) sb += ` enclosing ${em.classIndex()} ${em.methodIndex()} ${em.className()} ${em.methodName()} ${em.methodIndex() === 0 ? '-' : em.methodDescriptor()}`;
    const host = f.getAttribute(NestHostAttribute.tag) as NestHostAttribute | null;
    if (host !== null) sb += ` host ${host.hostClassIndex()} ${p.getClassInfo(host.hostClassIndex())}`;
    const members = f.getAttribute(NestMembersAttribute.tag) as NestMembersAttribute | null;
    if (members !== null) {
      sb += ` members ${members.numberOfClasses()}`;
      for (let i = 0; i < members.numberOfClasses(); i++) sb += ` ${members.memberClass(i)}=${p.getClassInfo(members.memberClass(i))}`;
    }
    lines.push(sb);
    for (const fi of f.getFields()) {
      const ca = fi.getAttribute(ConstantAttribute.tag) as ConstantAttribute | null;
      const value = ca === null ? 'none' : `${ca.getConstantValue()}=${String(p.getLdcValue(ca.getConstantValue()))}`;
      lines.push(`  field ${fi.getName()} ${fi.getConstantValue()} ${value} deprecated ${fi.getAttribute(DeprecatedAttribute.tag) !== null}`);
    }
    for (const mi of f.getMethods()) {
      const ad = mi.getAttribute(AnnotationDefaultAttribute.tag) as AnnotationDefaultAttribute | null;
      const deprecated = mi.getAttribute(DeprecatedAttribute.tag) !== null;
      if (ad !== null || deprecated) lines.push(`  method ${mi.getName()} default ${ad === null ? null : `${ad} ${ad.getDefaultValue().constructor.name}`} deprecated ${deprecated}`);
    }
  }
  return lines;
}

/** JavassistBytecodeLevel's "printer". */
function classforgePrinter(classes: string, classNames: readonly string[]): string[] {
  const lines: string[] = [];
  const pool = new ClassPool(true).appendPathList(classes);
  for (const className of classNames) {
    const c = pool.get(className);
    for (const m of c.getDeclaredMethods()) {
      lines.push(`== ${className}.${m.getName()}${m.getSignature()}`);
      InstructionPrinter.print(m, (line) => void lines.push(...line.split('\n')));
    }
    for (const k of c.getDeclaredConstructors()) {
      lines.push(`== ${className}.<init>${k.getSignature()}`);
      const it = k.getMethodInfo2().getCodeAttribute()!.iterator();
      while (it.hasNext()) {
        const pos = it.next();
        lines.push(...`${pos}: ${InstructionPrinter.instructionString(it, pos, k.getMethodInfo2().getConstPool())}`.split('\n'));
      }
    }
  }
  return lines;
}

/** JavassistBytecodeLevel's "hierarchy"; dx.Plain is written to `out`. */
async function classforgeHierarchy(classes: string, out: string): Promise<string[]> {
  const lines: string[] = [];
  const list = (names: readonly string[]): string => `[${names.join(', ')}]`;
  const pool = new ClassPool(true).appendPathList(classes);
  const plain = pool.get('dx.Plain');
  const pf = plain.getClassFile();
  pf.addInterface('java.io.Serializable');
  pf.addInterface('java.lang.Cloneable');
  lines.push(`added ${list(pf.getInterfaces())} ${plain.getInterfaces().length}`);
  pf.setInterfaces(null);
  lines.push(`null ${list(pf.getInterfaces())}`);
  pf.setInterfaces(['java.lang.Cloneable']);
  lines.push(`set ${list(pf.getInterfaces())}`);
  pf.setSuperclass('dx.Timing');
  lines.push(`super ${pf.getSuperclass()} ${plain.getSuperclass()!.getName()}`);
  await plain.writeFile(out);
  const written = new ClassPool(true).appendPathList(out).appendPathList(classes).get('dx.Plain');
  let sb = `written ${written.getSuperclass()!.getName()}`;
  for (const i of written.getInterfaces()) sb += ` ${i.getName()}`;
  const init = written.getClassFile().getMethod('<init>')!;
  const it = init.getCodeAttribute()!.iterator();
  while (it.hasNext()) {
    const i = it.next();
    if (it.byteAt(i) === Opcode.INVOKESPECIAL) sb += ` calls ${init.getConstPool().getMethodrefClassName(it.u16bitAt(i + 1))}`;
  }
  lines.push(sb);
  return lines;
}

/** JavassistBytecodeLevel's "rename"; the renamed class is written to `out`. */
async function classforgeRename(classes: string, out: string): Promise<string[]> {
  const lines: string[] = [];
  const pool = new ClassPool(true).appendPathList(classes);
  const plain = pool.get('dx.Plain');
  const pf = plain.getClassFile();
  const max = pf.getMethod('max')!;
  max.removeCodeAttribute();
  max.setAccessFlags(AccessFlag.PUBLIC | AccessFlag.STATIC | AccessFlag.NATIVE);
  lines.push(`removed ${max.getCodeAttribute() === null} ${Modifier.toString(plain.getDeclaredMethod('max').getModifiers())}`);
  pf.renameClass(new Map([['java.lang.StringBuilder', 'java.lang.StringBuffer']]));
  pf.renameClass('dx.Plain', 'dx.Plain3');
  lines.push(`renamed ${pf.getName()}`);
  pf.setName('dx.Plain2');
  // The CtClass follows (its name, the file writeFile writes); Javassist's keeps the old ones.
  expect(plain.getName()).toBe('dx.Plain2');
  lines.push(`named ${pf.getName()}`);
  const bytes = plain.toBytecode();
  mkdirSync(join(out, 'dx'), { recursive: true });
  writeFileSync(join(out, 'dx', 'Plain2.class'), bytes);
  const written = new ClassPool(true).makeClass(bytes);
  lines.push(`written [${[...written.getClassFile().getConstPool().getClassNames()].sort().join(', ')}] ${Modifier.toString(written.getDeclaredMethod('max').getModifiers())}`);
  return lines;
}

/** JavassistBytecodeLevel's "misc"; the class is written to `out`. */
async function classforgeMisc(classes: string, out: string): Promise<string[]> {
  const lines: string[] = [];
  const p = (s: string): void => void lines.push(s);
  const javaString = (v: string | null): string => (v === null ? 'null' : v);
  const pool = new ClassPool(true).appendPathList(classes);
  const cc = pool.get('dx.Calc');
  const cf = cc.getClassFile();
  const cp = cf.getConstPool();
  p(`this ${cp.getThisClassInfo()} ${cp.getClassInfo(cp.getThisClassInfo())}`);
  // Java's TreeSet order: UTF-16 code units, as JavaScript's default sort.
  p(`classes [${[...cp.getClassNames()].sort().join(', ')}]`);
  for (let i = 1; i < cp.getSize(); i++) {
    const tag = cp.getTag(i);
    if (tag !== ConstPool.CONST_Fieldref && tag !== ConstPool.CONST_Methodref && tag !== ConstPool.CONST_InterfaceMethodref) continue;
    p(
      `member ${i} ${cp.isMember('dx.Calc', 'value', i)} ${cp.isConstructor('dx.Calc', i)} ${cp.isConstructor('java.lang.Object', i)}` +
        ` ${cp.isMember('java.util.List', 'of', i)} ${javaString(cp.eqMember('value', 'I', i))} ${javaString(cp.eqMember('<init>', '()V', i))} ${javaString(cp.eqMember('size', '()I', i))}` +
        ` ${cp.getMethodrefClassName(i)}.${cp.getMethodrefName(i)}${cp.getMethodrefType(i)} ${cp.getInterfaceMethodrefClass(i)} ${cp.getInterfaceMethodrefName(i)}${cp.getInterfaceMethodrefType(i)}`,
    );
  }
  const it0 = cf.getMethod('guarded')!.getCodeAttribute()!.iterator();
  const starts: number[] = [];
  while (it0.hasNext()) starts.push(it0.next());
  for (const pos of starts) {
    for (const at of [pos - 1, pos, pos + 1]) {
      const it = new ClassPool(true).appendPathList(classes).get('dx.Calc').getClassFile().getMethod('guarded')!.getCodeAttribute()!.iterator();
      it.setMark(at);
      it.setMark2(at + 1);
      const g1 = it.insertGap(pos, 2);
      const first = `${it.getMark()},${it.getMark2()}`;
      it.setMark(pos);
      it.setMark2(pos);
      const g2 = it.insertExGap(pos, 1);
      p(`marks ${pos} ${at} ${g1} ${first} ${g2} ${it.getMark()},${it.getMark2()}`);
    }
  }
  const module = cp.addModuleInfo(cp.addUtf8Info('my.module'));
  const pkg = cp.addPackageInfo(cp.addUtf8Info('my/pkg'));
  p(`module ${module} ${cp.addModuleInfo(cp.addUtf8Info('my.module'))} ${cp.getTag(module)} ${cp.getModuleInfo(module)} package ${pkg} ${cp.getTag(pkg)} ${cp.getPackageInfo(pkg)}`);
  const raw = new Uint8Array(8);
  ByteArray.write16bit(0xfedc, raw, 0);
  ByteArray.write32bit(0x89abcdef, raw, 2);
  p(`bytearray ${hex(raw)} ${ByteArray.readU16bit(raw, 0)} ${ByteArray.readS16bit(raw, 0)} ${ByteArray.read32bit(raw, 2)} ${ByteArray.readS16bit(raw, 4)}`);
  const rb = new Bytecode(cp);
  rb.add32bit(0x89abcdef);
  rb.add32bit(0x01020304);
  p(`read32bit ${rb.read32bit(0)} ${rb.read32bit(2)} ${rb.read32bit(4)}`);
  for (const d of ['I', '[[Ljava/lang/String;', '[J', '(I[[JLjava/lang/Object;D)[Ljava/util/List;', '()V', '(JD)J']) {
    let sb = `descriptor ${d} ${Descriptor.arrayDimension(d)} ${Descriptor.toArrayComponent(d, Descriptor.arrayDimension(d))}`;
    const di = new Descriptor.Iterator(d);
    while (di.hasNext()) {
      const at = di.next();
      sb += ` ${at}${di.currentChar()}${di.isParameter() ? 'p' : ''}${di.is2byte() ? '2' : ''}`;
    }
    p(sb);
  }
  const parse = cf.getMethod('parse')!;
  parse.setName('parseRenamed');
  parse.setDescriptor('(Ljava/lang/CharSequence;)I');
  p(`renamed ${parse} ${cf.getMethod('parseRenamed')} ${cf.getMethod('parse')}`);
  await cc.writeFile(out);
  const after = new ClassPool(true).appendPathList(out);
  const names = after.get('dx.Calc').getDeclaredMethods().map((m) => m.getName() + m.getSignature()).sort();
  p(`written [${names.join(', ')}]`);
  return lines;
}

/** JavassistBytecodeLevel's "bootstrap"; the classes are written to `out`. */
async function classforgeBootstrap(classes: string, out: string): Promise<string[]> {
  const lines: string[] = [];
  const p = (s: string): void => void lines.push(s);
  const pool = new ClassPool(true).appendPathList(classes);
  const cc = pool.get('dx.Calc');
  const cf = cc.getClassFile();
  const cp = cf.getConstPool();
  const plain = pool.get('dx.Plain');
  const pf = plain.getClassFile();
  const pcp = pf.getConstPool();
  p(`plain before ${pf.getAttribute(BootstrapMethodsAttribute.tag) === null}`);
  const concatFactory = pcp.addMethodrefInfo(
    pcp.addClassInfo('java.lang.invoke.StringConcatFactory'),
    'makeConcatWithConstants',
    '(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;Ljava/lang/String;[Ljava/lang/Object;)Ljava/lang/invoke/CallSite;',
  );
  const getStaticFinal = pcp.addMethodrefInfo(
    pcp.addClassInfo('java.lang.invoke.ConstantBootstraps'),
    'getStaticFinal',
    '(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;Ljava/lang/Class;)Ljava/lang/Object;',
  );
  const methods = [
    new BootstrapMethodsAttribute.BootstrapMethod(pcp.addMethodHandleInfo(ConstPool.REF_invokeStatic, concatFactory), [pcp.addStringInfo('\u0001-\u0001')]),
    new BootstrapMethodsAttribute.BootstrapMethod(pcp.addMethodHandleInfo(ConstPool.REF_invokeStatic, getStaticFinal), [pcp.addClassInfo('java.lang.Integer')]),
  ];
  pf.addAttribute(new BootstrapMethodsAttribute(pcp, methods));
  const hb = new Bytecode(pcp, 0, 2);
  hb.addAload(0);
  hb.addIload(1);
  hb.addInvokedynamic(0, 'makeConcatWithConstants', '(Ljava/lang/String;I)Ljava/lang/String;');
  hb.addOpcode(Opcode.ARETURN!);
  const hello = pf.getMethod('hello')!;
  hello.setCodeAttribute(hb.toCodeAttribute());
  const mb = new Bytecode(pcp, 0, 0);
  mb.addLdc(pcp.addDynamicInfo(1, pcp.addNameAndTypeInfo('MAX_VALUE', 'I')));
  mb.addOpcode(Opcode.IRETURN!);
  const max = pf.getMethod('max')!;
  max.setCodeAttribute(mb.toCodeAttribute());
  hello.rebuildStackMapIf6(pool, pf);
  max.rebuildStackMapIf6(pool, pf);
  for (const m of (pf.getAttribute(BootstrapMethodsAttribute.tag) as BootstrapMethodsAttribute).getMethods()) {
    p(`plain bootstrap ${m.methodRef} [${m.arguments.join(', ')}] ${pcp.getMethodHandleKind(m.methodRef)} ${pcp.getMethodrefName(pcp.getMethodHandleIndex(m.methodRef))}`);
  }
  p(`hello ${hex(hello.getCodeAttribute()!.getCode())}`);
  p(`max ${hex(max.getCodeAttribute()!.getCode())}`);
  p(`plain pool ${pcp.getSize()}`);
  await plain.writeFile(out);

  const javacTable = cf.getAttribute(BootstrapMethodsAttribute.tag) as BootstrapMethodsAttribute;
  const all = javacTable.getMethods();
  for (const m of all) p(`calc bootstrap ${m.methodRef} [${m.arguments.join(', ')}]`);
  all.push(new BootstrapMethodsAttribute.BootstrapMethod(all[0]!.methodRef, [cp.addStringInfo('<\u0001|\u0001>')]));
  cf.addAttribute(new BootstrapMethodsAttribute(cp, all));
  const db = new Bytecode(cp, 0, 3);
  db.addAload(1);
  db.addIload(2);
  db.addInvokedynamic(all.length - 1, 'makeConcatWithConstants', '(Ljava/lang/String;I)Ljava/lang/String;');
  db.addOpcode(Opcode.ARETURN!);
  const dyn = cf.getMethod('dyn')!;
  dyn.setCodeAttribute(db.toCodeAttribute());
  dyn.rebuildStackMapIf6(pool, cf);
  p(`calc bootstraps ${(cf.getAttribute(BootstrapMethodsAttribute.tag) as BootstrapMethodsAttribute).getMethods().length}`);
  p(`dyn ${hex(dyn.getCodeAttribute()!.getCode())}`);
  await cc.writeFile(out);
  return lines;
}

/** JavassistBytecodeLevel's "handlers"; the classes of kinds 0, 1 and 3 are written under `out`. */
async function classforgeHandlers(classes: string, out: string): Promise<string[]> {
  const lines: string[] = [];
  for (const m of HANDLER_METHODS) {
    const it0 = new ClassPool(true).appendPathList(classes).get('dx.Calc').getClassFile().getMethod(m)!.getCodeAttribute()!.iterator();
    const starts: number[] = [];
    while (it0.hasNext()) starts.push(it0.next());
    starts.push(it0.getCodeLength());
    for (const pos of starts) {
      for (let kind = 0; kind < 6; kind++) {
        const pool = new ClassPool(true).appendPathList(classes);
        const cc = pool.get('dx.Calc');
        const mi = cc.getClassFile().getMethod(m)!;
        const ca = mi.getCodeAttribute()!;
        const it = ca.iterator();
        const two = [Opcode.ICONST_0!, Opcode.POP!];
        let r: string;
        if (kind === 0) { it.insert(pos, two); r = 'insert(pos)'; }
        else if (kind === 1) { it.insertEx(pos, two); r = 'insertEx(pos)'; }
        else if (kind === 2) r = `insertGap(pos) ${it.insertGap(pos, 3)}`;
        else if (kind === 3) r = `insertExGap(pos) ${it.insertExGap(pos, 5)}`;
        else if (kind === 4) { it.move(pos); r = `insert ${it.insert(two)} look ${it.lookAhead()}`; }
        else { it.move(pos); r = `insertEx ${it.insertEx(two)} look ${it.lookAhead()}`; }
        lines.push(`${m} ${pos} ${r} ${hex(ca.getCode())}${tables(ca)}`);
        if ((kind === 0 || kind === 1 || kind === 3) && pos < it0.getCodeLength()) {
          ca.setMaxStack(ca.getMaxStack() + 1);
          mi.rebuildStackMapIf6(pool, cc.getClassFile());
          await cc.writeFile(join(out, `${m}-${pos}-${kind}`));
        }
      }
    }
  }
  return lines;
}

describe('Javassist bytecode level: addRet, addMultiNewarray, addInvokedynamic, dynamic pool entries, new CodeAttribute, inserts around handlers (Javassist 3.27 oracle)', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'classforge-javassist-bytecode-level-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  let prepared: Promise<{ classes: string; harness: string }> | null = null;
  const prepare = (): Promise<{ classes: string; harness: string }> =>
    (prepared ??= (async () => {
      const classes = (await compileJava({ 'dx/Calc.java': CALC, 'dx/Plain.java': PLAIN, 'dx/Frames.java': FRAMES, 'dx/Timing.java': TIMING, 'dx/Params.java': PARAMS, 'dx/Outer.java': OUTER, 'dx/Ops.java': OPS }, { javacOptions: ['-g'] })).dir;
      const harness = (await compileJava({ 'JavassistBytecodeLevel.java': HARNESS }, { classpath: JAVASSIST_JAR })).dir;
      return { classes, harness };
    })());

  /** The harness's output lines for `pattern`, with the classes it writes under `out`. */
  async function oracle(pattern: string, out: string, extra: string[] = []): Promise<string[]> {
    const { classes, harness } = await prepare();
    const run = await runJava({ classpath: [JAVASSIST_JAR, harness], mainClass: 'JavassistBytecodeLevel', args: [classes, out, pattern, ...extra] });
    expect(run.stderr).toBe('');
    return run.stdout.split('\n').filter((line) => line !== '');
  }

  /** What dx.Calc.checks() answers in each directory, loaded under -Xverify:all: `<dir name> <answer>` lines. */
  async function checks(dirs: string[], className = 'dx.Calc'): Promise<string[]> {
    const { harness } = await prepare();
    // (javassist.jar: the verifier checks the harness's own use of it too.)
    const run = await runJava({ classpath: [harness, JAVASSIST_JAR], mainClass: 'JavassistBytecodeLevel', args: [dirs.join(','), '-', 'run', className], verify: true });
    expect(run.stderr).toBe('');
    return run.stdout.split('\n').filter((line) => line !== '');
  }

  it('Bytecode.addRet, addMultiNewarray and addInvokedynamic give the bytes, pool indexes and stack depths Javassist gives', async () => {
    const expected = await oracle('ops', join(scratch, 'ops-javassist'));
    expect(expected.length).toBe(36);
    const { classes } = await prepare();
    expect(classforgeOps(classes)).toEqual(expected);
  }, 120_000);

  it('ConstPool adds and reads MethodHandle, MethodType, Dynamic and InvokeDynamic entries at the indexes Javassist gives; the class loads', async () => {
    const javassistOut = join(scratch, 'pool-javassist');
    const expected = await oracle('pool', javassistOut);
    expect(expected.filter((line) => line.startsWith('javac ')).length).toBeGreaterThan(20);
    const { classes } = await prepare();
    const classforgeOut = join(scratch, 'pool-classforge');
    expect(await classforgePool(classes, classforgeOut)).toEqual(expected);
    const [original, ours, theirs] = await checks([classes, classforgeOut, javassistOut]);
    expect(ours!.split(' ').slice(1)).toEqual(original!.split(' ').slice(1));
    expect(theirs!.split(' ').slice(1)).toEqual(original!.split(' ').slice(1));
  }, 120_000);

  it('new CodeAttribute(cp, maxStack, maxLocals, code, new ExceptionTable(cp)) and Bytecode bodies with multianewarray and invokedynamic run as Javassist\'s', async () => {
    const javassistOut = join(scratch, 'bodies-javassist');
    const expected = await oracle('bodies', javassistOut);
    const { classes } = await prepare();
    const classforgeOut = join(scratch, 'bodies-classforge');
    expect(await classforgeBodies(classes, classforgeOut)).toEqual(expected);
    const [ours, theirs] = await checks([classforgeOut, javassistOut]);
    expect(ours!.split(' ').slice(1)).toEqual(theirs!.split(' ').slice(1));
    expect(ours).toContain('[[I[[0, 0, 0], [0, 0, 0]]');
  }, 120_000);

  it('BootstrapMethodsAttribute: read, replaced through ClassFile.addAttribute, and used by addInvokedynamic and a dynamic constant, as Javassist does', async () => {
    const javassistOut = join(scratch, 'bootstrap-javassist');
    const expected = await oracle('bootstrap', javassistOut);
    expect(expected).toContain('plain before true');
    const { classes } = await prepare();
    const classforgeOut = join(scratch, 'bootstrap-classforge');
    expect(await classforgeBootstrap(classes, classforgeOut)).toEqual(expected);
    const plain = await checks([classforgeOut, javassistOut], 'dx.Plain');
    expect(plain.map((line) => line.split(' ').slice(1).join(' '))).toEqual(['a-1 2147483647', 'a-1 2147483647']);
    const calc = await checks([classforgeOut, javassistOut]);
    expect(calc[0]!.split(' ').slice(1)).toEqual(calc[1]!.split(' ').slice(1));
    expect(calc[0]).toContain(' <d|9> ');
  }, 120_000);

  it('a profiler\'s edit (nanoTime into a new local, a record before every return) gives Javassist\'s code[] and tables, and runs', async () => {
    const javassistOut = join(scratch, 'timing-javassist');
    const expected = await oracle('timing', javassistOut);
    expect(expected.filter((line) => line.includes(' ret@')).length).toBeGreaterThan(10);
    const { classes } = await prepare();
    const classforgeOut = join(scratch, 'timing-classforge');
    expect(await classforgeTiming(classes, classforgeOut)).toEqual(expected);
    // dx.Timing comes from the fixture's directory, the edited dx.Calc from each output.
    const [original] = await checks([classes]);
    for (const out of [classforgeOut, javassistOut]) {
      cpSync(join(classes, 'dx', 'Timing.class'), join(out, 'dx', 'Timing.class'));
    }
    const answers = await checks([classforgeOut, javassistOut]);
    for (const line of answers) expect(line.split(' ').slice(1)).toEqual(original!.split(' ').slice(1));
  }, 120_000);

  it('ExceptionsAttribute: read, set by name and by index, given to methods and removed, as Javassist does', async () => {
    const expected = await oracle('exceptions', join(scratch, 'exceptions-javassist'));
    expect(expected.some((line) => line.startsWith('risky Exceptions 2 '))).toBe(true);
    const { classes } = await prepare();
    expect(await classforgeExceptions(classes, join(scratch, 'exceptions-classforge'))).toEqual(expected);
  }, 120_000);

  it('methods with invokedynamic changed by a snippet after the pool grew, then edited at the byte level, keep their call sites as in Javassist and run', async () => {
    const javassistOut = join(scratch, 'mixed-indy-javassist');
    const expected = await oracle('mixedIndy', javassistOut);
    expect(expected[0]).toContain(' indy ');
    const { classes } = await prepare();
    const classforgeOut = join(scratch, 'mixed-indy-classforge');
    expect(await classforgeMixedIndy(classes, classforgeOut)).toEqual(expected);
    const [original] = await checks([classes]);
    for (const out of [classforgeOut, javassistOut]) cpSync(join(classes, 'dx', 'Timing.class'), join(out, 'dx', 'Timing.class'));
    for (const line of await checks([classforgeOut, javassistOut])) expect(line.split(' ').slice(1)).toEqual(original!.split(' ').slice(1));
  }, 120_000);

  it('getAttributes of ClassFile, FieldInfo, MethodInfo and CodeAttribute list the class file\'s attributes in Javassist\'s order; LocalVariableTable and LocalVariableTypeTable read as Javassist\'s', async () => {
    const expected = await oracle('attributes', join(scratch, 'attributes-javassist'));
    expect(expected.join('\n')).toContain('RuntimeVisibleAnnotations');
    const { classes } = await prepare();
    expect(classforgeAttributes(classes)).toEqual(expected);
  }, 120_000);

  it('ParameterAnnotationsAttribute: read (num_parameters as the class file has it), added, changed and removed as Javassist does; reflection sees the same', async () => {
    const javassistOut = join(scratch, 'params-javassist');
    const expected = await oracle('params', javassistOut);
    expect(expected.some((line) => line.startsWith('dx.Params$Inner.<init>') && line.includes(' 2 '))).toBe(true);
    const { classes } = await prepare();
    const classforgeOut = join(scratch, 'params-classforge');
    expect(await classforgeParams(classes, classforgeOut)).toEqual(expected);
    // The nested classes come from the fixture's directory.
    for (const out of [classforgeOut, javassistOut]) {
      for (const nested of ['Inner', 'Tag', 'Hidden']) cpSync(join(classes, 'dx', `Params$${nested}.class`), join(out, 'dx', `Params$${nested}.class`));
    }
    const [ours, theirs] = await checks([classforgeOut, javassistOut], 'dx.Params');
    expect(ours!.split(' ').slice(1)).toEqual(theirs!.split(' ').slice(1));
    expect(ours).toContain('none[[@dx.Params$Tag("x")]]');
  }, 120_000);

  it('ConstantValue, SourceFile, InnerClasses, EnclosingMethod, Deprecated and AnnotationDefault read as Javassist reads them', async () => {
    const expected = await oracle('small', join(scratch, 'small-javassist'), [OUTER_CLASSES.join(',')]);
    expect(expected.some((line) => line.includes(' enclosing '))).toBe(true);
    expect(expected.some((line) => line.includes(' members 6 '))).toBe(true);
    const { classes } = await prepare();
    expect(classforgeSmall(classes)).toEqual(expected);
  }, 120_000);

  it('InstructionPrinter prints every instruction as Javassist 3.27 does', async () => {
    const classNames = ['dx.Ops', 'dx.Calc', 'dx.Frames', 'dx.Outer'];
    const expected = await oracle('printer', join(scratch, 'printer-javassist'), [classNames.join(',')]);
    const text = expected.join('\n');
    for (const shown of ['tableswitch {', 'lookupswitch {', '= long ', '= double ', '= float ', 'newarray short', 'multianewarray #', 'iinc 7, -7', 'invokedynamic ', 'lload 260', 'iinc 262']) expect(text).toContain(shown);
    const { classes } = await prepare();
    expect(classforgePrinter(classes, classNames)).toEqual(expected);
  }, 120_000);

  it('ClassFile.addInterface/setInterfaces/setSuperclass change the class as Javassist\'s do (the super(…) call retargeted); it runs', async () => {
    const javassistOut = join(scratch, 'hierarchy-javassist');
    const expected = await oracle('hierarchy', javassistOut);
    expect(expected.at(-1)).toContain('calls dx.Timing');
    const { classes } = await prepare();
    const classforgeOut = join(scratch, 'hierarchy-classforge');
    expect(await classforgeHierarchy(classes, classforgeOut)).toEqual(expected);
    for (const out of [classforgeOut, javassistOut]) cpSync(join(classes, 'dx', 'Timing.class'), join(out, 'dx', 'Timing.class'));
    const [original] = await checks([classes], 'dx.Plain');
    for (const line of await checks([classforgeOut, javassistOut], 'dx.Plain')) expect(line.split(' ').slice(1)).toEqual(original!.split(' ').slice(1));
  }, 120_000);

  it('MethodInfo.removeCodeAttribute, ClassFile.renameClass and setName change the class as Javassist\'s do; it loads and fails the same', async () => {
    const javassistOut = join(scratch, 'rename-javassist');
    const expected = await oracle('rename', javassistOut);
    expect(expected[0]).toBe('removed true public static native');
    const { classes } = await prepare();
    const classforgeOut = join(scratch, 'rename-classforge');
    expect(await classforgeRename(classes, classforgeOut)).toEqual(expected);
    const [ours, theirs] = await checks([classforgeOut, javassistOut], 'dx.Plain2');
    expect(ours!.split(' ').slice(1)).toEqual(theirs!.split(' ').slice(1));
    expect(ours).toContain('UnsatisfiedLinkError');
  }, 120_000);

  it('ConstPool.getThisClassInfo/getClassNames/isMember/isConstructor/eqMember, CodeIterator mark2, Bytecode.read32bit and MethodInfo.setName/setDescriptor answer as Javassist\'s', async () => {
    const expected = await oracle('misc', join(scratch, 'misc-javassist'));
    expect(expected.filter((line) => line.startsWith('marks ')).length).toBeGreaterThan(30);
    const { classes } = await prepare();
    expect(await classforgeMisc(classes, join(scratch, 'misc-classforge'))).toEqual(expected);
  }, 120_000);

  it('StackMapTable: getAttribute, println and a Walker give what Javassist gives for javac\'s frames; new code has none', async () => {
    const expected = await oracle('frames', join(scratch, 'frames-javassist'));
    expect(expected.filter((line) => line.includes(' StackMapTable ')).length).toBeGreaterThan(8);
    expect(expected).toContain('    uninitialized (offset 5)');
    const { classes } = await prepare();
    expect(classforgeFrames(classes)).toEqual(expected);
    // Code edited at the byte level gets its frames when the class is written: asking before is an error, not stale frames.
    const ca = new ClassPool(true).appendPathList(classes).get('dx.Calc').getClassFile().getMethod('looped')!.getCodeAttribute()!;
    ca.iterator().insertAt(0, [Opcode.NOP!]);
    expect(() => ca.getAttribute(StackMapTable.tag)).toThrow(CannotCompileException);
  }, 120_000);

  it('insert, insertEx, insertGap and insertExGap before every instruction of methods with exception handlers move the tables as Javassist does; the classes verify', async () => {
    const javassistOut = join(scratch, 'handlers-javassist');
    const expected = await oracle('handlers', javassistOut, [HANDLER_METHODS.join(',')]);
    expect(expected.length).toBeGreaterThan(400);
    const { classes } = await prepare();
    const classforgeOut = join(scratch, 'handlers-classforge');
    mkdirSync(classforgeOut);
    expect(await classforgeHandlers(classes, classforgeOut)).toEqual(expected);
    const [original] = await checks([classes]);
    const answer = original!.split(' ').slice(1).join(' ');
    // One directory per variant written, named as the harness names them; each runs as the unedited class.
    const dirs = readdirSync(classforgeOut).map((d) => join(classforgeOut, d));
    expect(readdirSync(classforgeOut).sort()).toEqual(readdirSync(javassistOut).sort());
    expect(dirs.length).toBeGreaterThan(200);
    const answers = await checks(dirs);
    expect(answers.length).toBe(dirs.length);
    for (const line of answers) expect(line.split(' ').slice(1).join(' '), line).toBe(answer);
  }, 300_000);
});
