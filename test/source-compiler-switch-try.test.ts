// A try statement in a switch-expression arm (JLS §15.28.2) inside a larger expression: an exception
// handler starts with the exception alone on the stack (JVMS §2.10), so what the code around the
// switch has pushed is stored in locals before it and loaded back before its result
// (src/source/compiler/stack-spill.ts), as javac does. javac's oracle bodies (t50, t73 in
// fixtures/source/Bodies.java.txt) cover what javac itself compiles; here the forms javac 17 and 25
// crash on (a long or double, or a literal, below the switch: an NPE in Gen.doHandleSwitchExpression),
// snippets that start at a non-empty stack (ExprEditor replacements), inserted code, lambda bodies,
// nested switches and an uninitialized object below the switch — each run under -Xverify:all.
import { beforeAll, describe, expect, it } from 'vitest';
import { ClassPool, ExprEditor, type MethodCall } from '../src/source/index.js';
import { compileJava, runJava, type CompiledClasses } from '../src/testing/index.js';

const ARMS = `package demo;
public class Arms {
  static String twice(String s) { return s + s; }
  static int parse(String s) { return Integer.parseInt(s); }
  static String body(int k) { return null; }
  static String edited(int k) { return "<" + twice("e" + k) + ">"; }
  static String inserted(int k) { return "k" + k; }
  public static void main(String[] args) {
    for (int k = 1; k <= 2; k++) System.out.print(body(k) + " | " + edited(k) + " | " + inserted(k) + "\\n");
  }
}`;

/** A switch on $1 whose arm 1 yields `one` from a try whose finally appends to nothing, with a catch; other values yield `other`. */
const arm = (one: string, other: string, selector = '$1') =>
  `switch (${selector}) { case 1 -> { try { yield ${one}; } catch (RuntimeException e) { yield ${other}; } finally { count++; } } default -> ${other}; }`;

let program: CompiledClasses;

beforeAll(async () => {
  program = await compileJava({ 'demo/Arms.java': ARMS });
});

async function run(edit: (pool: ClassPool) => void): Promise<string> {
  const pool = new ClassPool(true).appendClassPath(program.dir);
  edit(pool);
  const result = await runJava({ classpath: [new Map([['demo/Arms', pool.get('demo.Arms').toBytecode()]]), program.dir], mainClass: 'demo.Arms', verify: true });
  expect(result.stderr).toBe('');
  return result.stdout;
}

describe('a try in a switch-expression arm inside a larger expression', () => {
  it('keeps longs, doubles and literals pushed before it (javac crashes on these)', async () => {
    const out = await run((pool) => {
      const body = [
        'int count = 0;',
        'long big = 40L;',
        'double h = 1.5;',
        `long l = big * ${arm('3L', '5L')};`,
        `double d = h + 2.0 * ${arm('0.25', '0.5')};`,
        `String s = "lit" + 7L + ${arm('"x"', '"y"')} + 'c';`,
        `int n = 10 + (int) big + ${arm('parse("x")', '-1')};`,
        'return l + " " + d + " " + s + " " + n + " " + count;',
      ].join('\n');
      pool.get('demo.Arms').getDeclaredMethod('body').setBody(`{ ${body} }`);
    });
    // k = 1: parse("x") throws NumberFormatException, caught by the catch: -1.
    expect(out.split('\n')[0]!.split(' | ')[0]).toBe('120 2.0 lit7xc 49 4');
    expect(out.split('\n')[1]!.split(' | ')[0]).toBe('200 2.5 lit7yc 49 0');
  });

  it('keeps an uninitialized object and its copy, with nested switches in several arms and a synchronized arm', async () => {
    const out = await run((pool) => {
      const inner = (v: string) => `1 + ${arm(v, '0', '$1 + 0')}`;
      const body = [
        'int count = 0;',
        `StringBuilder sb = new StringBuilder(${arm('"new"', '"old"')});`,
        `int nested = switch ($1) { case 1 -> 100 * (${inner('2')}); default -> { int base = 7; yield base * (${inner('3')}); } };`,
        // javac (17, 25) writes this one with a monitor-exit handler frame HotSpot refuses.
        'String sy = "v" + $1 + switch ($1) { case 1 -> { synchronized (sb) { try { yield "s"; } finally { count++; } } } default -> "d"; };',
        'return sb.reverse() + " " + nested + " " + sy + " " + count;',
      ].join('\n');
      pool.get('demo.Arms').getDeclaredMethod('body').setBody(`{ ${body} }`);
    });
    expect(out.split('\n')[0]!.split(' | ')[0]).toBe('wen 300 v1s 3');
    expect(out.split('\n')[1]!.split(' | ')[0]).toBe('dlo 7 v2d 0');
  });

  it('compiles in an ExprEditor replacement (which starts with the call operands on the stack), insertBefore and insertAfter, and a lambda body', async () => {
    const out = await run((pool) => {
      const arms = pool.get('demo.Arms');
      arms.getDeclaredMethod('body').setBody(
        `{ int count = 0; java.util.function.IntFunction<String> f = (int x) -> "f" + switch (x) { case 1 -> { try { yield "a"; } finally { } } default -> "b"; }; return f.apply($1) + f.apply(2); }`,
      );
      arms.getDeclaredMethod('edited').instrument(
        new (class extends ExprEditor {
          override editMethodCall(call: MethodCall): void {
            if (call.getMethodName() === 'twice') call.replace(`{ int count = 0; $_ = "[" + $proceed(${arm('$1', '"z"', "$1.charAt(1) - '0'")}) + count + "]"; }`);
          }
        })(),
      );
      const inserted = arms.getDeclaredMethod('inserted');
      inserted.insertBefore(`{ int count = 0; System.out.print("before " + ${arm('"one"', '"many"')} + count + " "); }`);
      inserted.insertAfter(`{ int count = 0; $_ = $_ + ":" + ${arm('$_.length()', '-1', '$_.length() - 1')} + count; }`);
    });
    expect(out).toBe('before one1 fafb | <[e1e11]> | k1:21\nbefore many0 fbfb | <[zz0]> | k2:21\n');
  });
});
