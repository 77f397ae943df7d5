// The superclass and interfaces a class names, which HotSpot loads before it verifies the class
// (JVMS §5.3.5; src/analysis/super-type-checks.ts): `Sub extends Base implements Iface` compiled,
// then put beside a Base or Iface recompiled differently — final, sealed, an interface, a class, not
// public, with a final method Sub overrides — or beside none; and classes whose super type is in a package
// of a JDK module that does not export it. verify said "0 errors" for each; HotSpot refuses every one. Its verdict is
// computed here (java -Xverify:all through verifyClasses), not assumed.

import { describe, expect, it } from 'vitest';
import { ClassVerifier } from '../src/analysis/class-verifier.js';
import { ChainedClassHierarchy, MapClassHierarchy } from '../src/analysis/verification-hierarchy.js';
import { ClassPath } from '../src/classpath/class-path.js';
import { compileJava } from '../src/testing/compile-java.js';
import { verifyClasses } from '../src/testing/verify-classes.js';
import { javaHome } from './support/corpus.js';

const ORIGINAL = {
  'p/Base.java': 'package p; public class Base { public void m() {} }',
  'p/Iface.java': 'package p; public interface Iface {}',
  'p/Sub.java': 'package p; public class Sub extends Base implements Iface { public void m() {} public static void main(String[] a) { new Sub().m(); } }',
  'q/Other.java': 'package q; public class Other extends p.Base implements p.Iface { void n() {} }',
};

/** What replaces Base or Iface (null: left out), and HotSpot's complaint about the class that uses it. */
const CASES: [string, Record<string, string | null>, string, RegExp][] = [
  ['a final superclass', { 'p/Base.java': 'package p; public final class Base { public void m() {} }' }, 'p/Sub', /^java\.lang\.IncompatibleClassChangeError: class p\.Sub cannot inherit from final class p\.Base/],
  ['a final method it overrides', { 'p/Base.java': 'package p; public class Base { public final void m() {} }' }, 'p/Sub', /^java\.lang\.IncompatibleClassChangeError: class p\.Sub overrides final method p\.Base\.m\(\)V/],
  ['an interface as superclass', { 'p/Base.java': 'package p; public interface Base {}' }, 'p/Sub', /^java\.lang\.IncompatibleClassChangeError: class p\.Sub has interface p\.Base as super class/],
  ['a class as interface', { 'p/Iface.java': 'package p; public class Iface {}' }, 'p/Sub', /^java\.lang\.IncompatibleClassChangeError: class p\.Sub can not implement p\.Iface, because it is not an interface/],
  ['a sealed superclass that does not permit it', { 'p/Base.java': 'package p; public sealed class Base permits Only { public void m() {} } final class Only extends Base {}' }, 'p/Sub', /^java\.lang\.IncompatibleClassChangeError: class p\.Sub cannot inherit from sealed class p\.Base/],
  ['a sealed interface that does not permit it', { 'p/Iface.java': 'package p; public sealed interface Iface permits Only {} final class Only implements Iface {}' }, 'p/Sub', /^java\.lang\.IncompatibleClassChangeError: class p\.Sub cannot implement sealed interface p\.Iface/],
  ['a superclass of another package that is not public', { 'p/Base.java': 'package p; class Base { public void m() {} }' }, 'q/Other', /^java\.lang\.IllegalAccessError: class q\.Other cannot access its superclass p\.Base/],
  ['an abstract superclass of another package that is not public', { 'p/Base.java': 'package p; abstract class Base { public void m() {} }' }, 'q/Other', /^java\.lang\.IllegalAccessError: class q\.Other cannot access its abstract superclass p\.Base/],
  ['an interface of another package that is not public', { 'p/Iface.java': 'package p; interface Iface {}' }, 'q/Other', /^java\.lang\.IllegalAccessError: class q\.Other cannot access its superinterface p\.Iface/],
];

/** The classes of ORIGINAL with `replaced` sources compiled in place of theirs (null: the class left out). */
async function classesWith(replaced: Record<string, string | null>): Promise<Map<string, Uint8Array>> {
  const original = await compileJava(ORIGINAL, { release: 17 });
  const classes = new Map(original.classes);
  for (const [file, source] of Object.entries(replaced)) {
    classes.delete(file.replace(/\.java$/, ''));
    if (source === null) continue;
    const alone = await compileJava({ [file]: source }, { release: 17 });
    for (const [name, bytes] of alone.classes) classes.set(name, bytes);
  }
  return classes;
}

function verifierFor(classes: Map<string, Uint8Array>): ClassVerifier {
  return new ClassVerifier(new ChainedClassHierarchy([new MapClassHierarchy(classes.values()), new ClassPath([], { jdk: javaHome() })]));
}

describe('verify: the superclass and interfaces, as HotSpot loads them', () => {
  it('accepts the classes as javac compiled them, as HotSpot does', async () => {
    const classes = await classesWith({});
    expect((await verifyClasses(classes, { timeout: 300_000 })).failures).toEqual([]);
    const verifier = verifierFor(classes);
    for (const bytes of classes.values()) {
      const result = verifier.verify(bytes);
      expect([result.errors, result.unresolved]).toEqual([[], []]);
    }
  });

  it.each(CASES)('refuses %s with HotSpot’s error', async (_what, replaced, user, hotspotError) => {
    const classes = await classesWith(replaced);
    const hotspot = await verifyClasses(classes, { timeout: 300_000 });
    const refused = hotspot.failures.filter((failure) => failure.className === user.replace('/', '.'));
    expect(refused.map((failure) => failure.error)).toEqual([expect.stringMatching(hotspotError)]);
    const result = verifierFor(classes).verify(classes.get(user)!);
    expect(result.unresolved).toEqual([]);
    expect(result.errors.map((error) => [error.method, error.message])).toEqual([['<class>', expect.any(String)]]);
    // The same words as HotSpot's message, which adds the modules and loaders in parentheses.
    expect(refused[0]!.error).toContain(result.errors[0]!.message);
  });

  it('refuses a class on the class path whose superclass or interface is in a package its JDK module does not export, as HotSpot does', async () => {
    // javac compiles them only when told to export the packages (--add-exports); java, without it, refuses them.
    const compiled = await compileJava(
      {
        'p/Sub.java': 'package p; public class Sub extends sun.net.www.protocol.http.Handler {}',
        'p/Impl.java': 'package p; public abstract class Impl implements sun.nio.ch.SelChImpl {}',
        'p/Fine.java': 'package p; public abstract class Fine extends java.util.AbstractList<String> implements java.util.RandomAccess {}',
      },
      { javacOptions: ['--add-exports', 'java.base/sun.net.www.protocol.http=ALL-UNNAMED', '--add-exports', 'java.base/sun.nio.ch=ALL-UNNAMED'] },
    );
    const classes = new Map(compiled.classes);
    const hotspot = await verifyClasses(classes, { timeout: 300_000 });
    const verifier = verifierFor(classes);
    for (const [name, check] of [['p/Sub', 'superclass access check'], ['p/Impl', 'superinterface check']] as const) {
      const refused = hotspot.failures.find((failure) => failure.className === name.replace('/', '.'))?.error ?? '';
      expect(refused).toMatch(new RegExp(`^java\\.lang\\.IllegalAccessError: ${check} failed: .* because module java\\.base does not export `));
      const result = verifier.verify(classes.get(name)!);
      expect(result.errors.map((error) => error.method)).toEqual(['<class>']);
      // HotSpot's words, but for the unnamed module's identity hash.
      expect(refused.replace(/ @0x[0-9a-f]+/g, '')).toContain(result.errors[0]!.message);
    }
    expect(hotspot.failures.map((failure) => failure.className)).not.toContain('p.Fine');
    expect(verifier.verify(classes.get('p/Fine')!).errors).toEqual([]);
  });

  it('accepts a method named as a final method it cannot access (package-private, another package), as HotSpot does', async () => {
    const classes = await classesWith({ 'p/Base.java': 'package p; public class Base { public void m() {} final void n() {} }' });
    const hotspot = await verifyClasses(classes, { timeout: 300_000 });
    expect(hotspot.failures).toEqual([]);
    const result = verifierFor(classes).verify(classes.get('q/Other')!);
    expect([result.errors, result.unresolved]).toEqual([[], []]);
  });

  it('refuses a class that is its own superclass through another, with HotSpot’s ClassCircularityError', async () => {
    // p.Sub extends p.Base as compiled; beside a p.Base compiled to extend p.Sub.
    const classes = new Map((await compileJava(ORIGINAL, { release: 17 })).classes);
    const circular = await compileJava({ 'p/Base.java': 'package p; public class Base extends Sub {}', 'p/Sub.java': 'package p; public class Sub {}' }, { release: 17 });
    classes.set('p/Base', circular.classes.get('p/Base')!);
    classes.delete('q/Other');
    const hotspot = await verifyClasses(classes, { timeout: 300_000 });
    const verifier = verifierFor(classes);
    for (const name of ['p/Sub', 'p/Base']) {
      const dotted = name.replace('/', '.');
      expect(hotspot.failures.find((failure) => failure.className === dotted)?.error).toMatch(/^java\.lang\.ClassCircularityError: /);
      const result = verifier.verify(classes.get(name)!);
      expect(result.errors.map((error) => [error.method, error.message])).toEqual([
        ['<class>', `ClassCircularityError: ${dotted} (its own superclass or superinterface, through others)`],
      ]);
    }
  });

  it('reports a superclass or interface found nowhere as unresolved, where HotSpot throws NoClassDefFoundError', async () => {
    for (const [missing, file] of [['p/Base', 'p/Base.java'], ['p/Iface', 'p/Iface.java']] as const) {
      const classes = await classesWith({ [file]: null });
      const hotspot = await verifyClasses(classes, { timeout: 300_000 });
      expect(hotspot.failures.find((failure) => failure.className === 'p.Sub')?.error).toMatch(new RegExp(`^java\\.lang\\.NoClassDefFoundError: ${missing}`));
      const result = verifierFor(classes).verify(classes.get('p/Sub')!);
      expect(result.errors).toEqual([]);
      expect(result.unresolved.map((u) => [u.method, u.missingClass])).toEqual([['<class>', missing]]);
    }
  });
});
