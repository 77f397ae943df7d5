// Snippets for a class that replaces one a JVM already loaded (CtClass.setRedefining; `classforge attach` sets it,
// see agent-attach-session.test.ts for a real retransformation): the JVM takes new method bodies only (JVMTI
// RedefineClasses), so lambda bodies go to a companion class (src/source/lambda-companion.ts) and anonymous
// classes stay out of the nest. Checked here: the class keeps exactly its members, flags, supertypes and nest
// attributes; the code runs under -Xverify:all; and what another class cannot reach is refused with the reason.
import { describe, expect, it } from 'vitest';
import type { ClassNode } from '../src/tree/class-node.js';
import { ClassPool } from '../src/source/index.js';
import { compileJava, runJava, transformClasses } from '../src/testing/index.js';
import { defineTransform } from '../src/transform/index.js';
import { writtenWithCompanions } from './support/written-classes.js';

const SOURCES = {
  'redef/Shop.java': `package redef;
    import java.util.function.*;
    public class Shop extends Base {
      private int secret = 7;
      int sales;
      protected String name = "corner";
      public int sell(String item, int quantity) {
        sales += quantity;
        return sales;
      }
      public static void main(String[] args) {
        Shop shop = new Shop();
        shop.sell("tea", 2);
        System.out.println("sold " + shop.sell("milk", 3));
      }
    }`,
  'redef/Base.java': `package redef;
    public class Base {
      protected String hello() { return "base"; }
    }`,
  'redef/Asserting.java': `package redef;
    public class Asserting {
      public void check(int n) { assert n > 0; }
    }`,
};

/** What a redefinition must leave as it was (JVMTI RedefineClasses): members, flags, supertypes, nest. */
function shape(node: ClassNode): unknown {
  return {
    access: node.access,
    superName: node.superName,
    interfaces: node.interfaces,
    fields: node.fields.map((f) => `${f.access} ${f.name} ${f.desc}`),
    methods: node.methods.map((m) => `${m.access} ${m.name}${m.desc}`),
    nestHost: node.nestHostClass,
    nestMembers: node.nestMembers,
  };
}

describe('snippets of a class being redefined', () => {
  it('keep its members: lambda bodies go to a companion class, anonymous classes stay out of its nest', async () => {
    const compiled = await compileJava(SOURCES, { javacOptions: ['-g'] });
    const pool = new ClassPool(true).appendClassPath(compiled.dir);
    const shop = pool.get('redef.Shop');
    const before = shape(shop.classNode());
    shop.setRedefining(true);
    expect(shop.isRedefining()).toBe(true);
    shop.getDeclaredMethod('sell').insertBefore(
      'java.util.function.IntFunction<String> label = k -> "lambda " + k + " of " + $1;' +
        // Uses `this` (a package-private and a protected field of its own class, an inherited method): a static method taking the instance.
        'java.util.function.Supplier<String> self = () -> name + " " + sales + " " + hello() + " " + $2;' +
        // Nested: the inner lambda goes to the companion too.
        'java.util.function.Function<Integer, java.util.function.Supplier<String>> twice = n -> () -> "twice " + (n * 2);' +
        'Runnable r = new Runnable() { public void run() { System.out.println("anonymous " + $1 + " " + sales); } };' +
        'System.out.println(label.apply($2) + " / " + self.get() + " / " + twice.apply($2).get() + " / " + java.util.List.of($1).stream().map(String::toUpperCase).findFirst().get());' +
        'r.run();',
    );
    expect(shape(shop.classNode())).toEqual(before);
    expect(shop.getCompanionClasses().map((c) => c.getName())).toEqual(['redef.Shop$lambdas$1', 'redef.Shop$1']);
    const lambdas = shop.getCompanionClasses()[0]!.classNode();
    expect(lambdas.methods.map((m) => `${m.access} ${m.name}${m.desc}`)).toEqual([
      '4104 lambda$sell$0(Ljava/lang/String;I)Ljava/lang/String;',
      '4104 lambda$sell$1(Lredef/Shop;I)Ljava/lang/String;',
      '4104 lambda$sell$2(Ljava/lang/Integer;)Ljava/lang/String;',
      '4104 lambda$sell$3(Ljava/lang/Integer;)Ljava/util/function/Supplier;',
    ]);
    const run = await runJava({ classpath: [writtenWithCompanions(shop), compiled.dir], mainClass: 'redef.Shop', verify: true });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim().split('\n')).toEqual([
      'lambda 2 of tea / corner 0 base 2 / twice 4 / TEA',
      'anonymous tea 0',
      'lambda 3 of milk / corner 2 base 3 / twice 6 / MILK',
      'anonymous milk 2',
      'sold 5',
    ]);
  });

  it('refuse what code outside the class cannot reach, with the reason', async () => {
    const compiled = await compileJava(SOURCES, { javacOptions: ['-g'] });
    const refusal = (className: string, snippet: string): string => {
      const pool = new ClassPool(true).appendClassPath(compiled.dir);
      const ctClass = pool.get(className);
      const before = shape(ctClass.classNode());
      ctClass.setRedefining(true);
      const method = ctClass.getDeclaredMethods()[0]!;
      let message = '';
      try {
        method.insertBefore(snippet);
      } catch (error) {
        message = (error as Error).message;
      }
      // A snippet that fails takes back what it made: no companion is left behind.
      expect(ctClass.getCompanionClasses()).toEqual([]);
      expect(shape(ctClass.classNode())).toEqual(before);
      return message;
    };
    expect(refusal('redef.Shop', 'Runnable r = () -> System.out.println(secret);')).toMatch(
      /secret has private access in redef\.Shop: the lambda body runs in another class, as redef\.Shop is being redefined, and a loaded class takes no new method \(JVMTI RedefineClasses\)/,
    );
    expect(refusal('redef.Shop', 'java.util.function.Supplier<String> s = () -> super.hello();')).toMatch(
      /super\.hello\(…\) cannot be called here: the lambda body runs in another class, as redef\.Shop is being redefined, and a loaded class takes no new method/,
    );
    expect(refusal('redef.Shop', 'Runnable r = new Runnable() { public void run() { System.out.println(secret); } };')).toMatch(
      /secret is private in redef\.Shop: the anonymous class cannot join the nest of redef\.Shop, which is being redefined: a loaded class's NestMembers cannot change/,
    );
    expect(refusal('redef.Shop', 'Runnable r = (Runnable & java.io.Serializable) () -> System.out.println(sales);')).toMatch(
      /a serializable lambda needs a \$deserializeLambda\$ method, which redef\.Shop does not have and cannot take: it is being redefined/,
    );
    expect(refusal('redef.Asserting', 'assert $1 < 100;')).toBe('');
    expect(refusal('redef.Shop', 'assert $2 < 100;')).toMatch(/assert needs the field \$assertionsDisabled, which redef\.Shop does not have and cannot take: it is being redefined/);
  });

  it('in a source transform run as attach runs it (the test kit\'s redefining option): ctx.redefining, the companion added', async () => {
    const compiled = await compileJava(SOURCES, { javacOptions: ['-g'] });
    const seen: boolean[] = [];
    const transform = defineTransform({
      name: 'labels',
      include: ['redef.Shop'],
      source: (ctClass, ctx) => {
        seen.push(ctx.redefining);
        ctClass.getDeclaredMethod('sell').insertBefore('java.util.function.IntFunction<String> f = k -> "label " + k; System.out.println(f.apply($2));');
      },
    });
    const loaded = await transformClasses(compiled, transform);
    const redefined = await transformClasses(compiled, transform, { redefining: true });
    expect(seen).toEqual([false, true]);
    expect(loaded.added).toEqual([]);
    expect(redefined.added).toEqual(['redef/Shop$lambdas$1']);
    const run = await runJava({ classpath: [redefined.classes, compiled.dir], mainClass: 'redef.Shop', verify: true });
    expect(run.stdout.trim().split('\n')).toEqual(['label 2', 'label 3', 'sold 5']);
  });
});
