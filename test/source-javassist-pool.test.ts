// The ClassPool/CtClass life cycle of Javassist's tutorial (§1-2: frozen classes and defrost, prune,
// detach, renaming a frozen class, cascaded pools and childFirstLookup), answered by Javassist 3.27
// (test/support/JavassistPool.java, run at test time) and by classforge/source, line for line.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AccessFlag, ClassFile, ClassPool, CtClass, CtField } from '../src/source/index.js';
import { compileJava, runJava } from '../src/testing/index.js';

const JAVASSIST_JAR = '/usr/share/java/javassist.jar';
const HARNESS = readFileSync(fileURLToPath(new URL('./support/JavassistPool.java', import.meta.url)), 'utf8');

const FIXTURE: Record<string, string> = {
  'life/Point.java': `package life;
public class Point { int x; public void move(int dx) { x += dx; } public int x() { return x; } }
`,
  'life/Line.java': `package life;
public class Line { Point a, b; }
`,
};

function classforgeAnswers(classPath: string): string[] {
  const lines: string[] = [];
  const t = (name: string, run: () => unknown): void => {
    try {
      lines.push(`${name} = ${String(run())}`);
    } catch {
      lines.push(`${name} error`);
    }
  };
  const pool = new ClassPool(true).appendClassPath(classPath);
  const cc = pool.get('life.Point');
  t('frozen0', () => cc.isFrozen());
  t('prune', () => {
    cc.prune();
    return cc.isFrozen();
  });
  t('modify after prune', () => {
    cc.addField(CtField.make('int q;', cc));
    return 'ok';
  });
  t('toBytecode after prune', () => cc.toBytecode().length > 0);
  t('methods after prune', () => cc.getDeclaredMethods().length);
  t('body after prune', () => {
    cc.getDeclaredMethod('move').insertBefore('System.out.println(1);');
    return 'ok';
  });
  t('defrost after prune', () => {
    cc.defrost();
    return cc.isFrozen();
  });
  t('detach', () => {
    cc.detach();
    return pool.get('life.Point') !== cc;
  });
  const c2 = pool.get('life.Point');
  t('toBytecode', () => c2.toBytecode().length > 0);
  t('frozen', () => c2.isFrozen());
  t('modify frozen', () => {
    c2.getDeclaredMethod('move').insertBefore('System.out.println(1);');
    return 'ok';
  });
  t('toBytecode again', () => c2.toBytecode().length > 0);
  t('defrost', () => {
    c2.defrost();
    return c2.isFrozen();
  });
  t('modify', () => {
    c2.getDeclaredMethod('move').insertBefore('System.out.println(1);');
    return 'ok';
  });
  t('isModified', () => c2.isModified());
  t('rename frozen', () => {
    c2.toBytecode();
    c2.setName('life.Pair');
    return c2.getName();
  });
  t('getAndRename', () => `${pool.getAndRename('life.Point', 'life.Pair2').getName()} ${pool.get('life.Pair2').isFrozen()}`);

  t('makeClass over frozen', () => {
    pool.get('life.Line').toBytecode();
    return pool.makeClass('life.Line').getName();
  });
  t('makeClass bytes over frozen', () => pool.makeClass(pool.get('life.Line').toBytecode()).getName());
  t('makeInterface over frozen', () => pool.makeInterface('life.Line').getName());
  t('makeClass over unfrozen', () => {
    const old = pool.get('life.Pair2');
    old.defrost();
    const made = pool.makeClass('life.Pair2');
    return `${made !== old} ${pool.get('life.Pair2') === made} ${made.isInterface()}`;
  });
  pool.get('life.Line').detach();
  for (const n of ['int', '[I', '[Ljava.lang.String;', '[[Ljava/lang/Object;', '[[Llife.Point;', 'java.lang.String[][]', 'java/lang/String', 'void', '[Lno.Such;', '[X']) {
    t(`name ${n}`, () => pool.get(n).getName());
  }
  t('interface setSuperclass', () => {
    const face = pool.makeInterface('life.Face');
    face.setSuperclass(pool.get('java.lang.Runnable'));
    return [face.getSuperclass()!.getName(), ...face.getInterfaces().map((i) => i.getName())].join(' ');
  });
  t('setInterfaces null', () => {
    const line = pool.get('life.Line');
    line.addInterface(pool.get('java.io.Serializable'));
    line.setInterfaces(null);
    return line.getInterfaces().length;
  });
  t('array package', () => `${pool.get('java.util.Map$Entry[][]').getPackageName()} ${pool.get('int[]').getPackageName()} ${pool.get('life.Point[]').getPackageName()}`);
  for (const type of [CtClass.booleanType, CtClass.charType, CtClass.byteType, CtClass.shortType, CtClass.intType, CtClass.longType, CtClass.floatType, CtClass.doubleType, CtClass.voidType]) {
    t(`primitive ${type.getName()}`, () => `${type.getDescriptor()} ${type.getWrapperName()} ${type.getGetMethodName()} ${type.getGetMethodDescriptor()} ${type.getReturnOp()} ${type.getArrayType()} ${type.getDataSize()}`);
  }
  t('class file versions', () => `${ClassFile.JAVA_1} ${ClassFile.JAVA_5} ${ClassFile.JAVA_8} ${ClassFile.JAVA_11}`);
  t('access flags', () => {
    const A = AccessFlag;
    const all = [A.PUBLIC, A.PRIVATE, A.PROTECTED, A.STATIC, A.FINAL, A.SYNCHRONIZED, A.VOLATILE, A.BRIDGE, A.TRANSIENT, A.VARARGS, A.NATIVE, A.INTERFACE, A.ABSTRACT, A.STRICT, A.SYNTHETIC, A.ANNOTATION, A.ENUM, A.MANDATED, A.SUPER, A.MODULE];
    let b = all.map((f) => `${f} `).join('');
    for (const m of [0x19, 0x6, 0x1042]) b += `${A.setPublic(m)} ${A.setPrivate(m)} ${A.isPackage(m)} ${A.clear(m, 0x10)} ${A.toModifier(m)} ${A.of(m)} `;
    return b;
  });
  ClassPool.doPruning = true;
  try {
    const pruning = new ClassPool(true).appendClassPath(classPath);
    const prunedPoint = pruning.get('life.Point');
    t('doPruning', () => {
      prunedPoint.getDeclaredMethod('move').insertBefore('System.out.println(1);');
      prunedPoint.toBytecode();
      prunedPoint.defrost();
      return 'defrosted';
    });
    const keptLine = pruning.get('life.Line');
    t('doPruning stopPruning', () => {
      keptLine.stopPruning(true);
      keptLine.addField(CtField.make('int z;', keptLine));
      keptLine.toBytecode();
      keptLine.defrost();
      return 'defrosted';
    });
    ClassPool.doPruning = false;
    const afterReset = pruning.makeClass('life.Fresh');
    t('doPruning reset', () => {
      afterReset.addField(CtField.make('int w;', afterReset));
      afterReset.toBytecode();
      afterReset.defrost();
      return 'defrosted';
    });
  } finally {
    ClassPool.doPruning = false;
  }
  const child = new ClassPool(pool);
  t('child get', () => child.get('life.Point') === pool.get('life.Point'));
  t('child shadow', () => {
    const own = child.makeClass('life.Point');
    return `${child.get('life.Point') === own} ${pool.get('life.Point') !== own}`;
  });
  const first = new ClassPool(pool);
  first.childFirstLookup = true;
  first.appendClassPath(classPath);
  t('child first', () => `${first.get('life.Line') !== pool.get('life.Line')} ${first.get('life.Line') === first.get('life.Line')}`);
  const parentFirst = new ClassPool(pool);
  parentFirst.appendClassPath(classPath);
  t('parent first', () => parentFirst.get('life.Line') === pool.get('life.Line'));
  const empty = new ClassPool(pool);
  empty.childFirstLookup = true;
  t('child first fallback', () => empty.get('life.Line') === pool.get('life.Line'));
  t('child makeClass', () => {
    const only = first.makeClass('life.Only');
    return `${pool.getOrNull('life.Only')} ${first.getOrNull('life.Only') === only}`;
  });
  return lines;
}

describe.skipIf(!existsSync(JAVASSIST_JAR))('the ClassPool and CtClass life cycle against Javassist 3.27', () => {
  it('freezes, defrosts, prunes, detaches and delegates between pools as Javassist does', async () => {
    const classes = (await compileJava(FIXTURE)).dir;
    const harness = (await compileJava({ 'JavassistPool.java': HARNESS }, { classpath: JAVASSIST_JAR })).dir;
    const run = await runJava({ classpath: [harness, JAVASSIST_JAR], mainClass: 'JavassistPool', args: [classes] });
    expect(run.stderr).toBe('');
    expect(classforgeAnswers(classes)).toEqual(run.stdout.trimEnd().split('\n'));
  }, 60_000);
});
