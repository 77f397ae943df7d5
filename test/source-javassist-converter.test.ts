// CodeConverter (redirectMethodCall by method and by name, redirectMethodCallToStatic,
// insertBeforeMethod, insertAfterMethod, both replaceNew, redirectFieldAccess, replaceFieldRead,
// replaceFieldWrite): the same conversions applied by Javassist 3.27
// (test/support/JavassistConverter.java, run at test time) and by classforge/source to one class;
// both run under HotSpot with -Xverify:all and print the same.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ClassPool, CodeConverter } from '../src/source/index.js';
import { compileJava, runJava } from '../src/testing/index.js';

const JAVASSIST_JAR = '/usr/share/java/javassist.jar';
const HARNESS = readFileSync(fileURLToPath(new URL('./support/JavassistConverter.java', import.meta.url)), 'utf8');

const FIXTURE: Record<string, string> = {
  'conv/Account.java': `package conv;
public class Account {
  public String owner = "ann";
  public String alias = "alias-of-ann";
  public int total;
  public Account() { }
  public Account(int start) { total = start; }
  public void deposit(int n) { total += n; }
  public void depositTwice(int n) { total += 2 * n; }
  public int withdraw(int n) { total -= n; return total; }
  public int balance() { return total; }
  public void close() { System.out.println("closing " + total); }
  public static String legacy(String s) { return "legacy " + s; }
  public static String legacyToo(String s) { return "legacyToo " + s; }
}
`,
  'conv/SavingsAccount.java': `package conv;
public class SavingsAccount extends Account { public SavingsAccount() { super(100); } }
`,
  'conv/Hooks.java': `package conv;
public class Hooks {
  public static String modern(String s) { return "modern " + s; }
  public static String legacyToo(String s) { return "hooks legacyToo " + s; }
  public static int withdraw(Account account, int n) { System.out.println("static withdraw " + n); return account.withdraw(n * 10); }
  public static void beforeBalance(Account account) { System.out.println("before balance of " + account.getClass().getSimpleName()); }
  public static void afterClose(Account account) { System.out.println("after close"); }
  public static Account makeAccount(int start) { System.out.println("made by hook " + start); return new SavingsAccount(); }
  public static int readTotal(Object account) { System.out.println("read total"); return ((Account) account).balance() + 1000; }
  public static void writeTotal(Object account, int value) { System.out.println("write total " + value); }
}
`,
  'conv/LoudBuilder.java': `package conv;
public class LoudBuilder { public LoudBuilder() { System.out.println("loud builder"); } }
`,
  'conv/User.java': `package conv;
public class User {
  public static void main(String[] a) {
    Account acc = new Account(5);
    acc.deposit(3);
    Account savings = new SavingsAccount();
    savings.deposit(1);
    System.out.println(acc.withdraw(2) + " " + savings.withdraw(1));
    System.out.println(acc.balance() + " " + savings.balance());
    acc.close();
    System.out.println(Account.legacy("x") + " " + Hooks.legacyToo("y"));
    System.out.println(acc.owner);
    acc.owner = "bob";
    System.out.println(acc.alias + " " + acc.owner);
    System.out.println(acc.total);
    acc.total = 77;
    Object builder = new StringBuilder();
    System.out.println(builder.getClass().getSimpleName());
  }
}
`,
};

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!existsSync(JAVASSIST_JAR))('CodeConverter against Javassist 3.27', () => {
  it('redirects calls, new and field accesses as Javassist does', async () => {
    const classes = (await compileJava(FIXTURE)).dir;
    const harness = (await compileJava({ 'JavassistConverter.java': HARNESS }, { classpath: JAVASSIST_JAR })).dir;
    const javassistOut = mkdtempSync(join(tmpdir(), 'cf-conv-jv-'));
    const classforgeOut = mkdtempSync(join(tmpdir(), 'cf-conv-cf-'));
    scratch.push(javassistOut, classforgeOut);
    const run = await runJava({ classpath: [harness, JAVASSIST_JAR], mainClass: 'JavassistConverter', args: [classes, javassistOut] });
    expect(run.stderr).toBe('');

    const pool = new ClassPool(true).appendClassPath(classes);
    const account = pool.get('conv.Account');
    const hooks = pool.get('conv.Hooks');
    const conv = new CodeConverter();
    conv.redirectMethodCall(account.getDeclaredMethod('deposit'), account.getDeclaredMethod('depositTwice'));
    conv.redirectMethodCall('legacy', hooks.getDeclaredMethod('modern'));
    conv.redirectMethodCall('legacyToo', hooks.getDeclaredMethod('modern'));
    conv.redirectMethodCallToStatic(account.getDeclaredMethod('withdraw'), hooks.getDeclaredMethod('withdraw'));
    conv.insertBeforeMethod(account.getDeclaredMethod('balance'), hooks.getDeclaredMethod('beforeBalance'));
    conv.insertAfterMethod(account.getDeclaredMethod('close'), hooks.getDeclaredMethod('afterClose'));
    conv.replaceNew(pool.get('java.lang.StringBuilder'), pool.get('conv.LoudBuilder'));
    conv.replaceNew(pool.get('conv.Account'), hooks, 'makeAccount');
    conv.redirectFieldAccess(account.getDeclaredField('owner'), account, 'alias');
    conv.replaceFieldRead(account.getDeclaredField('total'), hooks, 'readTotal');
    conv.replaceFieldWrite(account.getDeclaredField('total'), hooks, 'writeTotal');
    const user = pool.get('conv.User');
    user.instrument(conv);
    await user.writeFile(classforgeOut);

    const outputs: string[] = [];
    for (const out of [javassistOut, classforgeOut]) {
      const result = await runJava({ classpath: [out, classes], mainClass: 'conv.User', jvmArgs: ['-Xverify:all'] });
      expect(result.stderr).toBe('');
      outputs.push(result.stdout);
    }
    expect(outputs[1]).toBe(outputs[0]);
    expect(outputs[0]).toContain('made by hook 5');
    expect(outputs[0]).toContain('legacy x modern y');
  }, 120_000);
});
