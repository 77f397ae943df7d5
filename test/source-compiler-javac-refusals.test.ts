// Method bodies javac refuses: classforge/source's compiler must refuse them too, rather than write
// code that runs where javac's never would (the accepting direction is test/source-compiler-javac.test.ts).
import { describe, expect, it } from 'vitest';
import { CannotCompileException, ClassPool } from '../src/source/index.js';
import { compileJava, JavaCompileError } from '../src/testing/index.js';

const REFUSED: Record<string, string> = {
  // JLS §15.21.3: neither operand's type can be cast to the other's.
  incomparableBoxAndString: 'Integer i = 1; String s = ""; return "" + (i == s);',
  incomparableFinalClassAndInterface: 'Integer i = 1; Runnable r = null; return "" + (i == r);',
  incomparablePrimitiveArrays: 'int[] a = null; long[] b = null; return "" + (a != b);',
  // JLS §15.28.2: a switch expression completes with a value or by throwing (a continue there broke the stack map).
  continueOutOfSwitchExpression: 'String s = ""; for (int i = 0; i < 3; i++) s += "a" + switch (i) { case 1 -> { continue; } default -> "x"; }; return s;',
  breakOutOfSwitchExpression: 'int r = 0; for (int i = 0; i < 3; i++) r += switch (i) { case 1 -> { break; } default -> 1; }; return "" + r;',
  returnOutOfSwitchExpression: 'int i = 1; int r = switch (i) { case 1 -> { return "early"; } default -> 0; }; return "" + r;',
  // JLS §15.12.2.2: the parameter's type as the call instantiates it, not its erasure (an Integer in a List<String>).
  wrongElementType: 'java.util.List<String> l = new java.util.ArrayList<>(); l.add(5); return "" + l;',
  wrongMapValue: 'java.util.Map<String, Integer> m = new java.util.HashMap<>(); m.put("k", 1L); return "" + m;',
  wrongConstructorArgument: 'Object e = new java.util.AbstractMap.SimpleEntry<String, Integer>("k", "v"); return "" + e;',
  // JLS §6.4: a local may not be redeclared where another is in scope.
  redeclaredInNestedBlock: 'int x = 1; { int x = 2; } return "" + x;',
  redeclaredByForEach: 'String s = "a"; for (String s : java.util.List.of("b")) { } return s;',
  redeclaredByCatch: 'Exception e = null; try { } catch (RuntimeException e) { } return "" + e;',
  // JLS §15.27.3: a long result is no int.
  lossyLambdaResult: 'java.util.function.IntSupplier s = () -> 1L; return "" + s.getAsInt();',
  // Pattern labels in switch are Java 21 (JEP 441); javac 17 refuses them without --enable-preview.
  switchTypePattern: 'Object o = 1; return switch (o) { case Integer i -> "i" + i; default -> "d"; };',
};

function stub(methods: readonly string[], bodyOf: (name: string) => string): string {
  return `package demo;\npublic class Refused {\n${methods.map((name) => `  static String ${name}() {\n${bodyOf(name)}\n  }`).join('\n')}\n}`;
}

describe('method bodies javac refuses', () => {
  it('are refused by classforge/source too', async () => {
    const names = Object.keys(REFUSED);
    for (const name of names) {
      await expect(compileJava({ 'demo/Refused.java': stub([name], (n) => REFUSED[n]!) }), `javac refuses ${name}`).rejects.toThrow(JavaCompileError);
    }
    const stubs = await compileJava({ 'demo/Refused.java': stub(names, () => 'return null;') });
    const refused = new ClassPool(true).appendClassPath(stubs.dir).get('demo.Refused');
    for (const name of names) {
      expect(() => refused.getDeclaredMethod(name).setBody(`{ ${REFUSED[name]} }`), name).toThrow(CannotCompileException);
    }
  });
});

describe('a pattern label in a switch', () => {
  it('is refused with what to write instead, not a parse error at the pattern variable', async () => {
    const stubs = await compileJava({ 'demo/Patterns.java': 'package demo;\npublic class Patterns { static String kind(Object o) { return null; } }' });
    const patterns = new ClassPool(true).appendClassPath(stubs.dir).get('demo.Patterns');
    expect(() => patterns.getDeclaredMethod('kind').setBody('{ switch (o) { case String s: return "s"; default: return "d"; } }')).toThrow(
      /pattern labels in switch \('case Integer i ->'\) are Java 21 .*'if \(o instanceof Integer i\)/,
    );
  });
});
