// A try statement in a switch-expression arm (JLS §15.28.2) compiles where the switch starts at an
// empty operand stack; javac's oracle bodies (t50 in fixtures/source/Bodies.java.txt) run it. Inside a
// larger expression the values already pushed would be lost when a handler starts (JVMS §2.10), so
// the compiler refuses it there rather than write code HotSpot rejects.
import { describe, expect, it } from 'vitest';
import { CannotCompileException, ClassPool } from '../src/source/index.js';
import { compileJava } from '../src/testing/index.js';

describe('a try in a switch-expression arm', () => {
  it('is refused inside a larger expression, naming where it compiles', async () => {
    const program = await compileJava({ 'demo/Arms.java': 'package demo; public class Arms { static String f(int k) { return null; } }' });
    const pool = new ClassPool(true).appendClassPath(program.dir);
    const f = pool.get('demo.Arms').getDeclaredMethod('f');
    const body = (expression: string) => () => f.setBody(`{ return ${expression}; }`);
    const arm = 'switch ($1) { case 1 -> { try { yield "x"; } finally { } } default -> "d"; }';
    expect(body(`"a" + ${arm}`)).toThrow(CannotCompileException);
    expect(body(`"a" + ${arm}`)).toThrow('a try statement inside a switch expression is supported where the switch is the whole initializer of a local variable');
    expect(body(`String.valueOf(${arm})`)).toThrow('not inside a larger expression');
    expect(body(`(${arm})`)).not.toThrow();
  });
});
