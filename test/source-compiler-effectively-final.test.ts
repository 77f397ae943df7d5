// The variables a lambda body captures must be final or effectively final (JLS §15.27.2, §4.12.4), and
// a final local takes no second value: javac refuses both, and so does classforge/source — a lambda that
// assigned a captured copy would change nothing outside it, silently. Each body is given to javac too:
// what it refuses we refuse, what it accepts (the tricky valid forms) we compile and run.
import { beforeAll, describe, expect, it } from 'vitest';
import { CannotCompileException, ClassPool, ExprEditor, type MethodCall } from '../src/source/index.js';
import { compileJava, JavaCompileError, runJava, type CompiledClasses } from '../src/testing/index.js';

const stub = (body: string) => `package demo;
public class Captures {
  static String run(int p, java.util.List<String> items) { ${body} }
  public static void main(String[] args) { System.out.println(run(3, java.util.List.of("a", "b"))); }
}`;

let program: CompiledClasses;

beforeAll(async () => {
  // With -g: the snippets name the parameters p and items, as in the javac build.
  program = await compileJava({ 'demo/Captures.java': stub('return null;') }, { javacOptions: ['-g'] });
});

/** Compiles `body` with classforge/source into `run`, and runs the class; throws CannotCompileException when refused. */
async function ours(body: string): Promise<string> {
  const pool = new ClassPool(true).appendClassPath(program.dir);
  const run = pool.get('demo.Captures').getDeclaredMethod('run');
  run.setBody(`{ ${body} }`);
  const result = await runJava({ classpath: [new Map([['demo/Captures', pool.get('demo.Captures').toBytecode()]]), program.dir], mainClass: 'demo.Captures', verify: true });
  expect(result.stderr).toBe('');
  return result.stdout.trim();
}

async function javac(body: string): Promise<string> {
  const compiled = await compileJava({ 'demo/Captures.java': stub(body) });
  return (await runJava({ classpath: compiled.dir, mainClass: 'demo.Captures' })).stdout.trim();
}

const REFUSED: Record<string, [body: string, message: string]> = {
  'assigned in the lambda body': ['int n = 0; Runnable r = () -> n++; r.run(); return "" + n;', 'n is assigned in the lambda body'],
  'assigned in a nested lambda': ['int n = 0; Runnable r = () -> { int m = 1; Runnable q = () -> { m = 2; }; }; return "" + n;', 'm is assigned in the lambda body'],
  'compound assignment in the lambda body': ['String s = "a"; Runnable r = () -> { s += "b"; }; return s;', 's is assigned in the lambda body'],
  'assigned after the lambda': ['int n = 1; java.util.function.IntSupplier f = () -> n; n = 2; return "" + f.getAsInt();', 'must be final or effectively final (n is assigned)'],
  'assigned before the lambda': ['int n = 1; n = 2; java.util.function.IntSupplier f = () -> n; return "" + f.getAsInt();', 'must be final or effectively final (n is assigned)'],
  'a for loop variable': ['StringBuilder sb = new StringBuilder(); for (int i = 0; i < 2; i++) { Runnable r = () -> sb.append(i); r.run(); } return sb.toString();', '(i is assigned)'],
  'a parameter assigned': ['p = p + 1; java.util.function.IntSupplier f = () -> p; return "" + f.getAsInt();', 'is assigned)'],
  'a blank local incremented': ['int n; n = 1; n++; java.util.function.IntSupplier f = () -> n; return "" + f.getAsInt();', '(n is assigned)'],
  'a final local assigned': ['final int n = 1; n = 2; return "" + n;', 'cannot assign a value to final variable n'],
  'a final constant incremented': ['final int K = 3; K++; return "" + K;', 'cannot assign a value to final variable K'],
  'a final var assigned': ['final var v = "a"; v = "b"; return v;', 'cannot assign a value to final variable v'],
  'a blank final with a compound assignment': ['final int n; n = 1; n += 1; return "" + n;', 'cannot assign a value to final variable n'],
  // Definite unassignment (JLS ch. 16): a blank final's assignment must be its first on every path.
  'a blank final assigned twice': ['final int n; n = 1; n = 2; return "" + n;', 'variable n might already have been assigned'],
  'a blank final assigned after a branch that may assign it': ['final int n; if (p > 2) n = 1; n = 2; return "" + n;', 'variable n might already have been assigned'],
  'a blank final assigned in a loop': ['final int n; for (int i = 0; i < p; i++) { n = i; } return "";', 'variable n might already have been assigned'],
  'a blank final assigned in a try and in its catch': [
    'final int n; try { n = Integer.parseInt("" + p); } catch (NumberFormatException e) { n = 0; } return "" + n;',
    'variable n might already have been assigned',
  ],
  'a blank final assigned twice in a lambda body': [
    'java.util.function.IntSupplier f = () -> { final int n; n = p; n = 2; return n; }; return "" + f.getAsInt();',
    'variable n might already have been assigned',
  ],
  'a blank local assigned twice, then captured': ['int n; n = 1; n = 2; java.util.function.IntSupplier f = () -> n; return "" + f.getAsInt();', '(n is assigned)'],
  'a blank local assigned in a loop, then captured': [
    'int n; while (true) { n = p; if (n > 0) break; } java.util.function.IntSupplier f = () -> n; return "" + f.getAsInt();',
    '(n is assigned)',
  ],
};

const ACCEPTED: Record<string, string> = {
  'a blank local assigned once, then captured': 'int n; if (p > 2) n = 10; else n = 20; java.util.function.IntSupplier f = () -> n + 1; return "" + f.getAsInt();',
  'a blank final assigned once': 'final int n; n = p * 2; java.util.function.IntSupplier f = () -> n; return "" + f.getAsInt();',
  'an enhanced-for variable': 'StringBuilder sb = new StringBuilder(); for (String s : items) { Runnable r = () -> sb.append(s); r.run(); } return sb.toString();',
  'a method reference receiver reassigned after': 'String s = "abc"; java.util.function.IntSupplier f = s::length; s = "z"; return f.getAsInt() + s;',
  'the same name in two blocks, one assigned': 'String out = ""; { int n = 1; n++; out += n; } { int n = 5; java.util.function.IntSupplier f = () -> n; out += f.getAsInt(); } return out;',
  "a lambda assigning its own parameter and locals": 'java.util.function.IntUnaryOperator f = (int x) -> { x = x * 2; int y = x; y++; return y; }; return "" + f.applyAsInt(p);',
  'a captured parameter never assigned': 'java.util.function.IntSupplier f = () -> p * 3; return "" + f.getAsInt();',
  'a blank final declared in a loop body, assigned once per iteration': 'String out = ""; for (int i = 0; i < 3; i++) { final int n; n = i * 2; out += n; } return out;',
  'a blank final assigned in each arm of a switch': 'final String s; switch (p) { case 1: s = "one"; break; case 3: s = "three"; break; default: s = "other"; } return s;',
  'a blank final assigned in a try whose catch returns': 'final int n; try { n = Integer.parseInt("4" + p); } catch (NumberFormatException e) { return "bad"; } return "" + n;',
  'a blank local declared in a loop body and captured': 'StringBuilder sb = new StringBuilder(); for (String s : items) { int len; len = s.length(); Runnable r = () -> sb.append(len); r.run(); } return sb.toString();',
  'a blank final assigned in both branches, then captured': 'final int n; if (p > 2) { n = 1; } else { n = 2; } java.util.function.IntSupplier f = () -> n * 10; return "" + f.getAsInt();',
  'a local assigned only inside its own lambda-free code': 'int n = 0; for (String s : items) n += s.length(); final int total = n; java.util.function.IntSupplier f = () -> total; return "" + f.getAsInt();',
};

describe('captured $ variables', () => {
  it('may be set by the snippet before a lambda captures them (Javassist\'s $_ = $proceed($$)), not in the lambda', async () => {
    const program = await compileJava({
      'demo/Calls.java': 'package demo; public class Calls { static String name(String s) { return s.trim(); } static String run() { return name(" x "); } public static void main(String[] a) { System.out.println(run()); } }',
    });
    const replaceWith = (snippet: string) => {
      const pool = new ClassPool(true).appendClassPath(program.dir);
      const calls = pool.get('demo.Calls');
      calls.getDeclaredMethod('run').instrument(
        new (class extends ExprEditor {
          override editMethodCall(call: MethodCall): void {
            if (call.getMethodName() === 'name') call.replace(snippet);
          }
        })(),
      );
      return calls.toBytecode();
    };
    const bytes = replaceWith('{ $_ = $proceed($$); java.util.function.Supplier<String> s = () -> "[" + $_ + "]"; $_ = s.get(); }');
    const result = await runJava({ classpath: [new Map([['demo/Calls', bytes]]), program.dir], mainClass: 'demo.Calls', verify: true });
    expect(result.stdout).toBe('[x]\n');
    expect(() => replaceWith('{ $_ = $proceed($$); Runnable r = () -> { $_ = "y"; }; }')).toThrow('$_ is assigned in the lambda body');
  });
});

describe('captured variables and final locals, as javac', () => {
  for (const [name, [body, message]] of Object.entries(REFUSED)) {
    it(`refuses ${name}`, async () => {
      await expect(javac(body)).rejects.toThrow(JavaCompileError);
      await expect(ours(body)).rejects.toThrow(CannotCompileException);
      await expect(ours(body)).rejects.toThrow(message);
    });
  }
  for (const [name, body] of Object.entries(ACCEPTED)) {
    it(`accepts ${name}`, async () => {
      expect(await ours(body)).toBe(await javac(body));
    });
  }
});
