// assert statements in classforge/source snippets (JLS §14.10), compiled as javac compiles them: a
// static final synthetic $assertionsDisabled flag set first thing in the static initializer from the
// top-level class's desiredAssertionStatus, checked before the condition. Run with and without -ea.
import { describe, expect, it } from 'vitest';
import { ClassPool } from '../src/source/index.js';
import { compileJava, runJava } from '../src/testing/index.js';

const SOURCES = {
  'asr/Account.java': `package asr;
    public class Account {
      static final String BANK = "b" + System.nanoTime() % 1;
      private long balance;
      public void deposit(long amount) { balance += amount; }
      public static class Audit {
        public static void check(String who) { System.out.println("audit " + who); }
      }
      public static void main(String[] args) {
        Account a = new Account();
        a.deposit(5);
        try { a.deposit(-3); System.out.println("deposited"); } catch (AssertionError e) { System.out.println("assertion: " + e.getMessage()); }
        try { Audit.check(""); } catch (AssertionError e) { System.out.println("audit assertion: " + e.getMessage()); }
        System.out.println("balance " + a.balance);
      }
    }`,
};

describe('assert in snippets', () => {
  it('checks only with -ea, in classes with and without a static initializer, with the message overloads', async () => {
    const compiled = await compileJava(SOURCES);
    const pool = new ClassPool(true).appendClassPath(compiled.dir);
    const account = pool.get('asr.Account');
    account.getDeclaredMethod('deposit').insertBefore('assert $1 > 0 : "not positive: " + $1; assert balance >= 0;');
    const audit = pool.get('asr.Account$Audit');
    audit.getDeclaredMethod('check').insertBefore('assert !$1.isEmpty() : $1.length();');
    expect(audit.getField('$assertionsDisabled').getModifiers()).toBe(0x1018); // static final synthetic
    const classpath = [new Map([['asr/Account', account.toBytecode()], ['asr/Account$Audit', audit.toBytecode()]]), compiled.dir];
    const disabled = await runJava({ classpath, mainClass: 'asr.Account', verify: true });
    expect(disabled.stdout).toBe('deposited\naudit \nbalance 2\n');
    const enabled = await runJava({ classpath, mainClass: "asr.Account", verify: true, jvmArgs: ["-ea"] });
    expect(enabled.stdout).toBe('assertion: not positive: -3\naudit assertion: 0\nbalance 5\n');
    // -ea for the package enables the nested class through its top-level class's status, as javac's flag does.
    const byPackage = await runJava({ classpath, mainClass: 'asr.Account', verify: true, jvmArgs: ['-ea:asr...'] });
    expect(byPackage.stdout).toBe(enabled.stdout);
  });

  it('takes the flag and its initialization back when the snippet does not compile', async () => {
    const compiled = await compileJava(SOURCES);
    const pool = new ClassPool(true).appendClassPath(compiled.dir);
    const audit = pool.get('asr.Account$Audit');
    const before = { fields: audit.classNode().fields.length, methods: audit.classNode().methods.map((m) => m.name) };
    expect(() => audit.getDeclaredMethod('check').insertBefore('assert $1 != null; undefinedCall();')).toThrow(/cannot find method undefinedCall/);
    expect({ fields: audit.classNode().fields.length, methods: audit.classNode().methods.map((m) => m.name) }).toEqual(before);
  });
});
