// Javassist's low-level code editing — Bytecode, a writing CodeIterator, MethodInfo.setCodeAttribute
// — ported line by line: the three programs of test/support/JavassistBytecode.java (a body built
// with Bytecode; Trace.enter(...) inserted at the start of every method, after super(...) in
// constructors; Hibernate-style field reads replaced by accessor calls, over a gap where the call is
// longer) run by Javassist 3.27 and by classforge/source on the same javac-compiled classes. Both
// print each edited method's code[] (the constant pool indexes included: ConstPool adds entries as
// Javassist does), exception table and line numbers; the classes both write run under
// java -Xverify:all and print the same.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  Bytecode,
  ClassPool,
  type ClassFile,
  CtClass,
  CtNewMethod,
  LineNumberAttribute,
  LocalVariableAttribute,
  Mnemonic,
  MethodInfo,
  Modifier,
  AccessFlag,
  Opcode,
} from '../src/source/index.js';
import { compileJava, runJava } from '../src/testing/index.js';

const JAVASSIST_JAR = '/usr/share/java/javassist.jar';
const HARNESS = readFileSync(fileURLToPath(new URL('./support/JavassistBytecode.java', import.meta.url)), 'utf8');

const FIXTURE: Record<string, string> = {
  'bc/Balanced.java': `package bc;
public interface Balanced { int readBalance(); }
`,
  'bc/Trace.java': `package bc;
public class Trace {
  public static final StringBuilder log = new StringBuilder();
  public static void enter(String m) { log.append(m).append(';'); }
}
`,
  'bc/Base.java': `package bc;
public class Base {
  protected final String tag;
  public Base(String tag) { this.tag = tag; }
}
`,
  'bc/Account.java': `package bc;
public class Account extends Base implements Balanced {
  private int balance;
  public String owner;
  public Account(String owner, int balance) {
    super(owner == null ? "none" : new StringBuilder("acct-").append(owner).toString());
    this.owner = owner;
    this.balance = balance;
  }
  public Account() { this("anon", 1); }
  public int readBalance() { return balance + 1000; }
  public int twice() { return balance * 2; }
  public String describe(int k) {
    int b = balance;
    switch (k) {
      case 0: return "zero " + b;
      case 1: return "one " + owner;
      case 2: return "two " + balance;
      default: return owner + ":" + balance + ":" + k;
    }
  }
  public String lookup(int k) {
    String o = owner;
    switch (k) {
      case 10: return "ten " + o;
      case 1000: return "thousand " + balance;
      default: return "other";
    }
  }
  public int safeDiv(int d) {
    try {
      return balance / d;
    } catch (ArithmeticException e) {
      return -balance;
    }
  }
  public int loop(int n) {
    int s = 0;
    for (int i = 0; i < n; i++) {
      if (balance > i) s += balance;
    }
    return s;
  }
  public int computed() { return 0; }
  public int parse(String s) { return 0; }
}
`,
  'bc/Main.java': `package bc;
public class Main {
  public static void main(String[] args) {
    Account a = new Account("ann", 7);
    Account b = new Account();
    System.out.println(a.twice() + " " + b.twice());
    for (int k = 0; k < 4; k++) System.out.println(a.describe(k));
    System.out.println(a.lookup(10) + " " + a.lookup(1000) + " " + a.lookup(3));
    System.out.println(a.safeDiv(2) + " " + a.safeDiv(0));
    System.out.println(a.loop(10));
    System.out.println(a.computed() + " " + a.parse("42") + " " + a.parse("x"));
    System.out.println(a.tag + " " + b.tag);
    try {
      System.out.println("sum " + Account.class.getMethod("sum", int.class, int.class).invoke(a, 2, 3));
    } catch (ReflectiveOperationException e) {
      System.out.println("no sum");
    }
    System.out.println(Trace.log);
  }
}
`,
};

type Pattern = 'body' | 'enter' | 'accessor' | 'mixed' | 'wrap';

/** A method whose loop spans 32,600 bytes: one more gap and its if_icmpge and goto no longer reach (JVMS §6.5 goto_w). */
const BIG_METHOD = `package gw;
public class Big {
  public static int run(int n) {
    int s = 0; int x = 1;
    for (int k = 0; k < n; k++) {
${Array.from({ length: 2728 }, (_, i) => `      s += x * ${i} ^ (s >>> 3);`).join('\n')}
      x++;
    }
    return s;
  }
  public static void main(String[] a) { System.out.println(run(3)); }
}
`;

/** The same loop with a tableswitch and a lookupswitch first: they are padded again when they move. */
const BIG_SWITCHES = BIG_METHOD.replace('class Big', 'class BigSwitches').replace(
  '    for (int k = 0; k < n; k++) {\n',
  `    for (int k = 0; k < n; k++) {
      switch (k) { case 0: s += 1; break; case 1: s += 7; break; case 2: s -= 3; break; default: s ^= 5; }
      switch (k * 1000) { case 0: s += 11; break; case 1000: s += 17; break; case 70000: s -= 3; break; default: s ^= 9; }
`,
).replace(/^ {6}s \+= x \* (271[2-9]|272[0-7]) .*\n/gm, ''); // 16 statements fewer: the switches take their place

/** The methods the wide-gap test edits: class, indexes, and the indexes where Javassist 3.27 goes wrong. */
const WIDE_CASES = [
  { className: 'gw.Big', positions: [0, 4, 8, 11, 20, 32619, 32622, 32623], broken: [8, 32619] },
  { className: 'gw.BigSwitches', positions: [0, 11, 12, 43, 62, 67, 123], broken: [12, 43, 67] },
];

/** JavassistBytecode.wide's lines (without the cases Javassist gets wrong), and every edited class. */
function classforgeWide(classes: string, className: string, positions: number[], broken: number[]): { lines: string[]; pools: { pos: number; kind: number; cc: CtClass }[] } {
  const lines: string[] = [];
  const pools: { pos: number; kind: number; cc: CtClass }[] = [];
  for (const pos of positions) {
    for (let kind = 0; kind < 3; kind++) {
      const javassistBroken = broken.includes(pos) && kind !== 1;
      const pool = new ClassPool(true).appendPathList(classes);
      const cc = pool.get(className);
      const mi = cc.getClassFile().getMethod('run')!;
      const ca = mi.getCodeAttribute()!;
      const it = ca.iterator();
      it.move(pos);
      const r = kind === 0 ? it.insertGap(pos, 201) : kind === 1 ? it.insertExGap(pos, 203) : it.insertAt(pos, new Uint8Array(300));
      let sb = `${pos} ${kind} ${r} next ${it.lookAhead()} ${hex(ca.getCode())}`;
      const table = ca.getAttribute(LineNumberAttribute.tag) as LineNumberAttribute;
      for (let i = 0; i < table.tableLength(); i += 100) sb += ` l${table.startPc(i)}`;
      const lv = ca.getAttribute(LocalVariableAttribute.tag) as LocalVariableAttribute;
      for (let i = 0; i < lv.tableLength(); i++) sb += ` v${lv.startPc(i)}+${lv.codeLength(i)}`;
      if (!javassistBroken) lines.push(sb);
      pools.push({ pos, kind, cc });
    }
  }
  return { lines, pools };
}

/** JavassistBytecode.library. */
async function classforgeLibrary(jar: string, out: string, names: readonly string[]): Promise<string[]> {
  const lines: string[] = [];
  for (let pass = 0; pass < 3; pass++) {
    const pool = new ClassPool(true).appendPathList(jar);
    for (const name of names) {
      const cc = pool.get(name);
      const cf = cc.getClassFile();
      const cp = cf.getConstPool();
      for (const mi of cf.getMethods()) {
        const ca = mi.getCodeAttribute();
        if (ca === null) continue;
        const it = ca.iterator();
        let at = 0;
        if (pass === 0) {
          const b = new Bytecode(cp);
          b.addLdc(`${name}.${mi.getName()}`);
          b.addInvokestatic('java.lang.String', 'valueOf', '(Ljava/lang/Object;)Ljava/lang/String;');
          b.addOpcode(Opcode.POP!);
          at = mi.isConstructor() ? it.skipConstructor() : 0;
          it.insert(b.get());
        } else if (pass === 2) {
          while (it.hasNext()) {
            const index = it.next();
            const op = it.byteAt(index);
            if (op >= Opcode.INVOKEVIRTUAL! && op <= Opcode.INVOKEINTERFACE!) at = it.insertAt(index, [Opcode.ICONST_0!, Opcode.POP!]);
          }
        } else {
          while (it.hasNext()) {
            const index = it.next();
            const op = it.byteAt(index);
            if (op === Opcode.GETFIELD || op === Opcode.GOTO || op === Opcode.ATHROW) at += it.insertGap(index, (index % 3) + 1);
            if (op === Opcode.IFEQ) at += it.insertExGap(index, 2);
          }
        }
        let sb = `${pass} ${name}.${mi.getName()}${mi.getDescriptor()} ${at} max ${ca.computeMaxStack()} ${hex(ca.getCode())}`;
        const et = ca.getExceptionTable();
        for (let i = 0; i < et.size(); i++) sb += ` h${et.startPc(i)}-${et.endPc(i)}>${et.handlerPc(i)}:${et.catchType(i)}`;
        const table = ca.getAttribute(LineNumberAttribute.tag) as LineNumberAttribute | null;
        if (table !== null) for (let i = 0; i < table.tableLength(); i++) sb += ` l${table.startPc(i)}:${table.lineNumber(i)}`;
        lines.push(sb);
      }
      if (pass === 0) {
        for (const mi of cf.getMethods()) mi.rebuildStackMapIf6(pool, cf);
        await cc.writeFile(out);
      }
    }
  }
  return lines;
}

/** JavassistBytecode.bytecodeOps, line by line (Java prints floats with a '.0'). */
function classforgeOps(classes: string): string[] {
  const pool = new ClassPool(true).appendPathList(classes);
  const cc = pool.get('bc.Account');
  const cp = cc.getClassFile().getConstPool();
  let b = new Bytecode(cp, 0, 0);
  const out: string[] = [];
  const println = (s: string): void => void out.push(s);
  const line = (what: string): void => { println(`${what} ${hex(b.get())} depth ${b.getStackDepth()} max ${b.getMaxStack()} locals ${b.getMaxLocals()}`); b = new Bytecode(b.getConstPool(), 0, 0); };
  const jf = (v: number): string => Object.is(v, -0) ? '-0.0' : Number.isInteger(v) ? v.toFixed(1) : String(v);
  for (const v of [-2, -1, 0, 5, 6, 127, 128, -128, -129, 32767, 32768, -32768, -32769, 100000, -2147483648]) { b.addIconst(v); line('iconst ' + v); }
  for (const v of [0n, 1n, 2n, -1n, 1n << 40n]) { b.addLconst(v); line('lconst ' + v); }
  for (const v of [0, 1, 2, 3, -0, 0.5]) { b.addFconst(v); line('fconst ' + jf(v)); }
  for (const v of [0, 1, 2, -0, 0.25]) { b.addDconst(v); line('dconst ' + jf(v)); }
  for (const n of [0, 3, 4, 255, 256, 1000]) {
    b.addAload(n); line('aload ' + n); b.addIload(n); line('iload ' + n); b.addLload(n); line('lload ' + n);
    b.addFload(n); line('fload ' + n); b.addDload(n); line('dload ' + n);
    b.addAstore(n); line('astore ' + n); b.addIstore(n); line('istore ' + n); b.addLstore(n); line('lstore ' + n);
    b.addFstore(n); line('fstore ' + n); b.addDstore(n); line('dstore ' + n);
  }
  const types = [CtClass.booleanType, CtClass.byteType, CtClass.charType, CtClass.shortType, CtClass.intType, CtClass.longType, CtClass.floatType, CtClass.doubleType, pool.get('java.lang.String'), pool.get('int[]')];
  for (const t of types) {
    println(`load ${t.getName()} ${b.addLoad(2, t)}`); line('load');
    println(`store ${t.getName()} ${b.addStore(5, t)}`); line('store');
    b.addReturn(t); line('return ' + t.getName());
    b.addConstZero(t); line('zero ' + t.getName());
  }
  b.addReturn(null); line('return null');
  b.addReturn(CtClass.voidType); line('return void');
  println('params ' + b.addLoadParameters(types, 1)); line('params');
  b.addLdc('hello'); line('ldc hello');
  b.addLdc('acct-'); line('ldc acct-');
  for (let i = 0; i < 300; i++) b.addLdc('s' + i);
  line('ldc many');
  b.addLdc2w(5n); line('ldc2w long');
  b.addLdc2w(2.5); line('ldc2w double');
  b.addNew(cc); line('new cc'); b.addNew('java.lang.StringBuilder'); line('new sb');
  b.addCheckcast('java.lang.String'); line('checkcast');
  b.addCheckcast(pool.get('java.lang.String[]')); line('checkcast array');
  b.addInstanceof('bc.Balanced'); line('instanceof');
  b.addAnewarray('java.lang.Object'); line('anewarray');
  b.addAnewarray(pool.get('int[]'), 3); line('anewarray int[] 3');
  b.addNewarray(Bytecode.T_INT, 4); line('newarray');
  b.addGetfield(cc, 'balance', 'I'); line('getfield');
  b.addPutfield(cc, 'balance', 'I'); line('putfield');
  b.addGetstatic('java.lang.System', 'out', 'Ljava/io/PrintStream;'); line('getstatic');
  b.addPutstatic('bc.X', 'l', 'J'); line('putstatic long');
  b.addGetfield('bc.X', 'd', 'D'); line('getfield double');
  b.addInvokevirtual('java.io.PrintStream', 'println', '(Ljava/lang/String;)V'); line('invokevirtual');
  b.addInvokevirtual(cc, 'm', '(J[DLjava/lang/String;[[I)D'); line('invokevirtual complex');
  b.addInvokestatic('java.lang.Math', 'max', '(JJ)J'); line('invokestatic');
  b.addInvokestatic(pool.get('java.util.List'), 'of', '()Ljava/util/List;'); line('invokestatic interface');
  b.addInvokespecial(cc, '<init>', '(Ljava/lang/String;I)V'); line('invokespecial');
  b.addInvokespecial(pool.get('java.util.List'), 'x', '()V'); line('invokespecial interface');
  b.addInvokeinterface('java.util.List', 'get', '(I)Ljava/lang/Object;', 2); line('invokeinterface');
  b.addInvokeinterface(pool.get('java.util.Map'), 'put', '(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;', 3); line('invokeinterface ct');
  b.addInvokestatic(cc, 'm', CtClass.intType, [CtClass.longType, pool.get('java.lang.String')]); line('invokestatic types');
  b.addInvokevirtual(pool.get('java.lang.Object'), 'notify', CtClass.voidType, null); line('invokevirtual void');
  b.addInvokespecial(cc, MethodInfo.nameInit, CtClass.voidType, [CtClass.doubleType]); line('invokespecial types');
  b.addPrintln('hi'); line('println');
  for (let op = 0; op <= 201; op++) { if (op >= 178 && op <= 186) continue; b.addOpcode(op); line('op ' + op); }
  b.addIconst(1); b.addIconst(2); b.addOpcode(Opcode.IADD!); b.setMaxLocals(false, types, 3); line('seq');
  b.add(1, 2); b.add(1, 2, 3, 4); b.add32bit(0x01020304); b.addGap(3); b.addIndex(7); line('raw');
  b.addExceptionHandler(0, 1, 2, 'java.lang.Exception'); b.addExceptionHandler(0, 1, 2, 0);
  println(`et ${b.getExceptionTable().size()} ${b.getExceptionTable().catchType(0)}`);
  println('pool size ' + cp.getSize());
  return out;
}

/** JavassistBytecode.gaps; each edited class is written too (its code decoded, frames computed). */
function classforgeGaps(classes: string): string[] {
  const lines: string[] = [];
  for (const m of ['twice', 'describe', 'lookup', 'safeDiv', 'loop']) {
    const pool0 = new ClassPool(true).appendPathList(classes);
    const it0 = pool0.get('bc.Account').getClassFile().getMethod(m)!.getCodeAttribute()!.iterator();
    const starts: number[] = [];
    while (it0.hasNext()) starts.push(it0.next());
    starts.push(it0.getCodeLength());
    for (const pos of starts) {
      for (let kind = 0; kind < 3; kind++) {
        const pool = new ClassPool(true).appendPathList(classes);
        const cc = pool.get('bc.Account');
        const mi = cc.getClassFile().getMethod(m)!;
        const ca = mi.getCodeAttribute()!;
        const it = ca.iterator();
        it.move(pos);
        let r: string;
        if (kind === 0) r = `insertAt ${it.insertAt(pos, [Opcode.ICONST_0!, Opcode.POP!])}`;
        else if (kind === 1) r = `insertExAt ${it.insertExAt(pos, [Opcode.ICONST_0!, Opcode.POP!])}`;
        else r = `insertExGap ${it.insertExGap(pos, 1)} look ${it.lookAhead()}`;
        let sb = `${m} ${pos} ${r} ${hex(ca.getCode())}`;
        const et = ca.getExceptionTable();
        for (let i = 0; i < et.size(); i++) sb += ` h${et.startPc(i)}-${et.endPc(i)}>${et.handlerPc(i)}`;
        const table = ca.getAttribute(LineNumberAttribute.tag) as LineNumberAttribute;
        for (let i = 0; i < table.tableLength(); i++) sb += ` l${table.startPc(i)}:${table.lineNumber(i)}`;
        const lv = ca.getAttribute(LocalVariableAttribute.tag) as LocalVariableAttribute;
        for (let i = 0; i < lv.tableLength(); i++) sb += ` v${lv.startPc(i)}+${lv.codeLength(i)}:${lv.variableName(i)}`;
        sb += ` line@${pos + 2}=${mi.getLineNumber(pos + 2)}`;
        lines.push(sb);
        expect(() => cc.toBytecode(), sb).not.toThrow();
      }
    }
  }
  return lines;
}

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** JavassistBytecode.print. */
function print(p: (line: string) => void, label: string, mi: MethodInfo): void {
  p(`${label} code ${hex(mi.getCodeAttribute()!.getCode())}`);
  printTables(p, label, mi);
}

/** JavassistBytecode.ops. */
function ops(mi: MethodInfo): string {
  const cp = mi.getConstPool();
  const it = mi.getCodeAttribute()!.iterator();
  let sb = '';
  while (it.hasNext()) {
    const i = it.next();
    const op = it.byteAt(i);
    sb += ` ${i}:${Mnemonic.OPCODE[op]}`;
    if (op >= Opcode.GETSTATIC! && op <= Opcode.PUTFIELD!) {
      const r = it.u16bitAt(i + 1);
      sb += `=${cp.getFieldrefClassName(r)}.${cp.getFieldrefName(r)}`;
    } else if (op >= Opcode.INVOKEVIRTUAL! && op <= Opcode.INVOKESTATIC!) {
      const r = it.u16bitAt(i + 1);
      sb += `=${cp.getMethodrefClassName(r)}.${cp.getMethodrefName(r)}`;
    } else if (op === Opcode.INVOKEINTERFACE) {
      const r = it.u16bitAt(i + 1);
      sb += `=${cp.getInterfaceMethodrefClassName(r)}.${cp.getInterfaceMethodrefName(r)}/${it.byteAt(i + 3)}`;
    } else if (op >= Opcode.IFEQ! && op <= Opcode.GOTO!) {
      sb += `=${i + it.s16bitAt(i + 1)}`;
    }
  }
  return sb;
}

function printTables(p: (line: string) => void, label: string, mi: MethodInfo): void {
  const ca = mi.getCodeAttribute()!;
  const et = ca.getExceptionTable();
  for (let i = 0; i < et.size(); i++) p(`${label} handler ${et.startPc(i)} ${et.endPc(i)} ${et.handlerPc(i)} ${et.catchType(i)}`);
  const lines = ca.getAttribute(LineNumberAttribute.tag) as LineNumberAttribute | null;
  if (lines !== null) {
    let sb = '';
    for (let i = 0; i < lines.tableLength(); i++) sb += ` ${lines.startPc(i)}:${lines.lineNumber(i)}`;
    p(`${label} lines${sb}`);
  }
}

/** JavassistBytecode.main, ported line by line to classforge/source. */
async function classforgeRun(classes: string, out: string, pattern: Pattern): Promise<string[]> {
  const lines: string[] = [];
  const p = (line: string): void => void lines.push(line);
  const pool = new ClassPool(true).appendPathList(classes);
  const cc = pool.get('bc.Account');
  const cf: ClassFile = cc.getClassFile();
  const cp = cf.getConstPool();
  if (pattern === 'wrap') {
    for (const name of ['twice', 'readBalance', 'loop', 'safeDiv']) {
      const mi = cf.getMethod(name)!;
      const ca = mi.getCodeAttribute()!;
      const it = ca.iterator();
      const end = it.getCodeLength();
      const h = new Bytecode(cp);
      h.addOpcode(Opcode.POP!);
      h.addIconst(-1);
      h.addOpcode(Opcode.IRETURN!);
      const handler = it.append(h.get());
      ca.getExceptionTable().add(0, end, handler, cp.addClassInfo('java.lang.RuntimeException'));
      p(`${name} handler at ${handler} entries ${ca.getExceptionTable().size()}`);
      mi.rebuildStackMapIf6(pool, cf);
      print(p, name, mi);
    }
  } else if (pattern === 'mixed') {
    const enter = cp.addMethodrefInfo(cp.addClassInfo('bc.Trace'), 'enter', '(Ljava/lang/String;)V');
    cc.getDeclaredMethod('twice').insertBefore('{ bc.Trace.enter("src-" + owner); }');
    cc.getDeclaredMethod('loop').insertBefore('{ bc.Trace.enter("loop-" + $1 + "-" + balance); }');
    for (const name of ['twice', 'loop', 'describe']) {
      const mi = cf.getMethod(name)!;
      const it = mi.getCodeAttribute()!.iterator();
      let reads = 0;
      let enters = 0;
      while (it.hasNext()) {
        const index = it.next();
        const op = it.byteAt(index);
        if (op === Opcode.GETFIELD && cp.getFieldrefName(it.u16bitAt(index + 1)) === 'owner') reads++;
        if (op === Opcode.INVOKESTATIC && cp.getMethodrefName(it.u16bitAt(index + 1)) === 'enter') enters++;
      }
      p(`${name} owner reads ${reads} enter calls ${enters}`);
      const b = new Bytecode(cp);
      b.addOpcode(Opcode.LDC_W!);
      b.addIndex(cp.addStringInfo(`bytes-${name}`));
      b.add(Opcode.INVOKESTATIC!);
      b.addIndex(enter);
      it.begin();
      it.insert(b.get());
      mi.rebuildStackMapIf6(pool, cf);
      let lines = `${name} lines`;
      for (it.begin(); it.hasNext(); ) {
        const index = it.next();
        lines += ` ${index}:${mi.getLineNumber(index)}`;
      }
      if (name === 'describe') p(lines);
    }
  } else if (pattern === 'body') {
    const computed = cf.getMethod('computed')!;
    const b = new Bytecode(cp, 0, 1);
    b.addAload(0);
    b.addGetfield(cc, 'balance', 'I');
    b.addIconst(3);
    b.addOpcode(Opcode.IMUL!);
    b.addAload(0);
    b.addGetfield('bc.Account', 'owner', 'Ljava/lang/String;');
    b.addInvokevirtual('java.lang.String', 'length', '()I');
    b.addOpcode(Opcode.IADD!);
    b.addIconst(100000);
    b.addOpcode(Opcode.IADD!);
    b.addReturn(CtClass.intType);
    p(`maxStack ${b.getMaxStack()} length ${b.length()}`);
    computed.setCodeAttribute(b.toCodeAttribute());
    computed.rebuildStackMapIf6(pool, cf);
    print(p, 'computed', computed);
    const parse = cf.getMethod('parse')!;
    const q = new Bytecode(cp, 0, 2);
    const start = q.currentPc();
    q.addAload(1);
    q.addInvokestatic('java.lang.Integer', 'parseInt', '(Ljava/lang/String;)I');
    q.addOpcode(Opcode.IRETURN!);
    const end = q.currentPc();
    q.addAstore(1);
    q.addIconst(-1);
    q.addOpcode(Opcode.IRETURN!);
    q.addExceptionHandler(start, end, end, 'java.lang.NumberFormatException');
    p(`maxStack ${q.getMaxStack()} maxLocals ${q.getMaxLocals()}`);
    parse.setCodeAttribute(q.toCodeAttribute());
    parse.rebuildStackMapIf6(pool, cf);
    print(p, 'parse', parse);
    const sum = new MethodInfo(cp, 'sum', '(II)I');
    sum.setAccessFlags(AccessFlag.PUBLIC);
    const s = new Bytecode(cp, 0, 3);
    s.addIload(1);
    s.addIload(2);
    s.addOpcode(Opcode.IADD!);
    s.addAload(0);
    s.addGetfield(cc, 'balance', 'I');
    s.addOpcode(Opcode.IADD!);
    s.addReturn(CtClass.intType);
    sum.setCodeAttribute(s.toCodeAttribute());
    cf.addMethod(sum);
    print(p, 'sum', sum);
    p(`sum ${cc.getDeclaredMethod('sum').getSignature()} ${Modifier.toString(cc.getDeclaredMethod('sum').getModifiers())}`);
  } else if (pattern === 'enter') {
    for (const mi of cf.getMethods()) {
      if (mi.getCodeAttribute() === null || mi.getName() === '<clinit>') continue;
      const b = new Bytecode(cp);
      b.addLdc(mi.getName());
      b.addInvokestatic('bc.Trace', 'enter', '(Ljava/lang/String;)V');
      const ca = mi.getCodeAttribute()!;
      const it = ca.iterator();
      if (mi.isConstructor()) p(`${mi.getName()} super call at ${it.skipSuperConstructor()}`);
      const at = it.insert(b.get());
      p(`${mi.getName()} inserted at ${at} next ${it.lookAhead()}`);
      ca.setMaxStack(ca.computeMaxStack());
      p(`${mi.getName()} maxStack ${ca.getMaxStack()} maxLocals ${ca.getMaxLocals()}`);
      mi.rebuildStackMapIf6(pool, cf);
      print(p, mi.getName(), mi);
    }
  } else {
    cc.addMethod(CtNewMethod.make('public String $$_read_owner() { return "[" + owner + "]"; }', cc));
    const ownerReader = cp.addMethodrefInfo(cp.addClassInfo(cc), '$$_read_owner', '()Ljava/lang/String;');
    const balanceReader = cp.addInterfaceMethodrefInfo(cp.addClassInfo('bc.Balanced'), 'readBalance', '()I');
    for (const mi of cf.getMethods()) {
      const name = mi.getName();
      if (mi.getCodeAttribute() === null || name.startsWith('$$_') || name === 'readBalance' || mi.isConstructor()) continue;
      const ca = mi.getCodeAttribute()!;
      const it = ca.iterator();
      let changed = false;
      while (it.hasNext()) {
        const index = it.next();
        if (it.byteAt(index) !== Opcode.GETFIELD) continue;
        const ref = it.u16bitAt(index + 1);
        const field = cp.getFieldrefName(ref);
        if (field === 'owner') {
          it.writeByte(Opcode.INVOKEVIRTUAL!, index);
          it.write16bit(ownerReader, index + 1);
          changed = true;
        } else if (field === 'balance') {
          const gap = it.insertGap(index, 2);
          it.writeByte(Opcode.INVOKEINTERFACE!, index);
          it.write16bit(balanceReader, index + 1);
          it.writeByte(1, index + 3);
          it.writeByte(0, index + 4);
          for (let i = index + 5; i < index + gap + 3; i++) it.writeByte(Opcode.NOP!, i);
          p(`${name} gap ${gap} at ${index}`);
          changed = true;
        }
      }
      if (!changed) continue;
      ca.setMaxStack(ca.computeMaxStack());
      mi.rebuildStackMapIf6(pool, cf);
      p(`${name} ops${ops(mi)}`);
      printTables(p, name, mi);
    }
  }
  await cc.writeFile(out);
  return lines;
}

const scratch = mkdtempSync(join(tmpdir(), 'classforge-javassist-bytecode-'));
const LANG3_JAR = '/usr/share/java/commons-lang3.jar';
/** The top-level classes of commons-lang3's root package (Debian's libcommons-lang3-java), listed in the jar. */
if (existsSync(LANG3_JAR)) {
  const listing = execFileSync('jar', ['tf', LANG3_JAR], { encoding: 'utf8' });
  const names = listing
    .split('\n')
    .filter((entry) => /^org\/apache\/commons\/lang3\/[A-Za-z]+\.class$/.test(entry))
    .map((entry) => entry.slice(0, -'.class'.length).replace(/\//g, '.'));
  writeFileSync(join(scratch, 'lang3.txt'), names.join('\n'));
}
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.skipIf(!existsSync(JAVASSIST_JAR))('Javassist low-level code editing, differential against Javassist 3.27', () => {
  let setup: Promise<{ classes: string; harness: string }> | null = null;
  const prepare = (): Promise<{ classes: string; harness: string }> =>
    (setup ??= (async () => {
      const classes = (await compileJava(FIXTURE, { javacOptions: ['-g'] })).dir;
      const harness = (await compileJava({ 'JavassistBytecode.java': HARNESS }, { classpath: JAVASSIST_JAR })).dir;
      return { classes, harness };
    })());

  for (const pattern of ['body', 'enter', 'accessor', 'mixed', 'wrap'] as const) {
    it(`${pattern}: the same code[], tables and run as Javassist's`, async () => {
      const { classes, harness } = await prepare();
      const javassistOut = join(scratch, `javassist-${pattern}`);
      const classforgeOut = join(scratch, `classforge-${pattern}`);
      for (const dir of [javassistOut, classforgeOut]) cpSync(classes, dir, { recursive: true });
      const oracle = await runJava({ classpath: [JAVASSIST_JAR, harness], mainClass: 'JavassistBytecode', args: [classes, javassistOut, pattern] });
      expect(oracle.stderr).toBe('');
      const expected = oracle.stdout.split('\n').filter((line) => line !== '');
      const actual = await classforgeRun(classes, classforgeOut, pattern);
      expect(actual).toEqual(expected);
      const javassistRun = await runJava({ classpath: javassistOut, mainClass: 'bc.Main', verify: true });
      const classforgeRunResult = await runJava({ classpath: classforgeOut, mainClass: 'bc.Main', verify: true });
      expect(classforgeRunResult.stderr).toBe('');
      expect(classforgeRunResult.stdout).toBe(javassistRun.stdout);
      writeFileSync(join(scratch, `${pattern}.txt`), actual.join('\n'));
    }, 120_000);
  }

  it.skipIf(!existsSync(LANG3_JAR))("commons-lang3's classes: the same code[] and tables as Javassist's after inserts and gaps, and they verify", async () => {
    const { harness } = await prepare();
    const names = readFileSync(join(scratch, 'lang3.txt'), 'utf8').split('\n').filter((n) => n !== '');
    const listFile = join(scratch, 'lang3.txt');
    const oracle = await runJava({ classpath: [JAVASSIST_JAR, harness], mainClass: 'JavassistBytecode', args: [LANG3_JAR, join(scratch, 'lang3-javassist'), 'library', listFile] });
    expect(oracle.stderr).toBe('');
    const expected = oracle.stdout.split('\n').filter((line) => line !== '');
    expect(expected.length).toBeGreaterThan(1000);
    const out = join(scratch, 'lang3-classforge');
    expect(await classforgeLibrary(LANG3_JAR, out, names)).toEqual(expected);
    const loaded = await runJava({ classpath: [harness, out, LANG3_JAR], mainClass: 'JavassistBytecode', args: ['', '', 'load', listFile], verify: true });
    expect(loaded.stderr).toBe('');
    expect(loaded.stdout.trim()).toBe(`loaded ${names.length}`);
  }, 180_000);

  it('a gap past 32767 bytes widens the branches that no longer reach, as Javassist does', async () => {
    const { harness } = await prepare();
    const classes = (await compileJava({ 'gw/Big.java': BIG_METHOD, 'gw/BigSwitches.java': BIG_SWITCHES }, { javacOptions: ['-g'] })).dir;
    for (const { className, positions, broken } of WIDE_CASES) {
      const args = [classes, '', 'wide', className, positions.join(','), broken.join(',')];
      const oracle = await runJava({ classpath: [JAVASSIST_JAR, harness], mainClass: 'JavassistBytecode', args });
      expect(oracle.stderr).toBe('');
      const expected = oracle.stdout.split('\n').filter((line) => line !== '');
      expect(expected.length).toBe(3 * positions.length - 2 * broken.length);
      const { lines, pools } = classforgeWide(classes, className, positions, broken);
      expect(lines).toEqual(expected);
      // Each edit past 32767 bytes, the ones Javassist gets wrong included, runs as the unedited method under the verifier.
      const original = await runJava({ classpath: classes, mainClass: className });
      for (const { pos, kind, cc } of pools.filter((p) => p.kind === 2 || broken.includes(p.pos))) {
        const out = join(scratch, `wide-${className}-${pos}-${kind}`);
        await cc.writeFile(out);
        const run = await runJava({ classpath: out, mainClass: className, verify: true });
        expect(run.stderr, `${className} ${pos} ${kind}`).toBe('');
        expect(run.stdout, `${className} ${pos} ${kind}`).toBe(original.stdout);
      }
    }
  }, 300_000);

  it('Bytecode.add* give the bytes, pool indexes and stack depths Javassist gives', async () => {
    const { classes, harness } = await prepare();
    const oracle = await runJava({ classpath: [JAVASSIST_JAR, harness], mainClass: 'JavassistBytecode', args: [classes, '', 'ops'] });
    expect(oracle.stderr).toBe('');
    const expected = oracle.stdout.split('\n').filter((line) => line !== '');
    expect(expected.length).toBeGreaterThan(300);
    expect(classforgeOps(classes)).toEqual(expected);
  }, 120_000);

  it('insertAt, insertExAt and insertExGap before every instruction move offsets and tables as Javassist does', async () => {
    const { classes, harness } = await prepare();
    const oracle = await runJava({ classpath: [JAVASSIST_JAR, harness], mainClass: 'JavassistBytecode', args: [classes, '', 'gaps'] });
    expect(oracle.stderr).toBe('');
    const expected = oracle.stdout.split('\n').filter((line) => line !== '');
    expect(expected.length).toBeGreaterThan(200);
    expect(classforgeGaps(classes)).toEqual(expected);
  }, 120_000);
});
