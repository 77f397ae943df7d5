// Classes and fields whose access flags HotSpot's class file parser refuses (JVMS §4.1, §4.5),
// found by flipping one flag of javac output: an annotation flag on a class, an enum interface, an
// interface that is not abstract, a final abstract class, a field both private and protected or
// final and volatile, an interface field that is not static. HotSpot throws ClassFormatError (for
// ACC_MODULE on a class, NoClassDefFoundError); we reported 0 errors. Legal flips stay valid on both
// sides, and a module-info (ACC_MODULE by rule) is not an error. HotSpot's verdict is computed
// here (java -Xverify:all), not assumed.

import { describe, expect, it } from 'vitest';
import { ClassVerifier } from '../src/analysis/class-verifier.js';
import { ChainedClassHierarchy, MapClassHierarchy } from '../src/analysis/verification-hierarchy.js';
import { ClassPath } from '../src/classpath/class-path.js';
import { readRawClassFile } from '../src/classfile/raw-class-file.js';
import { compileJava } from '../src/testing/compile-java.js';
import { verifyClasses } from '../src/testing/verify-classes.js';
import { javaHome } from './support/corpus.js';

const SOURCES = {
  'mods/Holder.java': `
package mods;
public class Holder {
  private int count;
  public static final String NAME = String.valueOf(7);
  public int count() { return count; }
}`,
  'mods/Consts.java': `
package mods;
public interface Consts {
  Object EMPTY = new Object();
  int size();
}`,
  'module-info.java': 'module mods { exports mods; }',
};

const PROTECTED = 0x0004;
const STATIC = 0x0008;
const FINAL = 0x0010;
const SUPER = 0x0020;
const VOLATILE = 0x0040;
const TRANSIENT = 0x0080;
const ABSTRACT = 0x0400;
const ANNOTATION = 0x2000;
const ENUM = 0x4000;
const MODULE = 0x8000;

/** `bytes` with `flags` xor-ed into the class's access flags (`field` null) or a field's. */
function withFlags(bytes: Uint8Array, field: string | null, flags: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  const classFile = readRawClassFile(copy);
  const at = field === null ? classFile.constantPool.endOffset : classFile.fields.find((f) => f.name === field)!.offset;
  const access = ((copy[at]! << 8) | copy[at + 1]!) ^ flags;
  copy[at] = access >> 8;
  copy[at + 1] = access & 0xff;
  return copy;
}

describe('verify: class and field flags HotSpot refuses', () => {
  it.each<[string, string | null, number, RegExp | null]>([
    ['mods/Holder', null, ANNOTATION, /^<class>: Illegal class modifiers in class mods\/Holder: 0x2021$/],
    ['mods/Holder', null, ABSTRACT | FINAL, /^<class>: Illegal class modifiers in class mods\/Holder: 0x431$/],
    ['mods/Holder', null, MODULE, /^<class>: mods\/Holder is not a class because access_flag ACC_MODULE is set$/],
    ['mods/Consts', null, ENUM, /^<class>: Illegal class modifiers in class mods\/Consts: 0x4601$/],
    ['mods/Consts', null, ABSTRACT, /^<class>: Illegal class modifiers in class mods\/Consts: 0x201$/],
    ['mods/Consts', null, SUPER, /^<class>: Illegal class modifiers in class mods\/Consts: 0x621$/],
    ['mods/Holder', 'count', PROTECTED, /^count:I: Illegal field modifiers in class mods\/Holder: 0x6$/],
    ['mods/Holder', 'count', FINAL | VOLATILE, /^count:I: Illegal field modifiers in class mods\/Holder: 0x52$/],
    ['mods/Consts', 'EMPTY', STATIC, /^EMPTY:Ljava\/lang\/Object;: Illegal field modifiers in class mods\/Consts: 0x11$/],
    // Legal: the verdicts must stay "valid".
    ['mods/Holder', null, FINAL | SUPER, null],
    ['mods/Holder', 'count', TRANSIENT | VOLATILE, null],
    ['mods/Holder', 'NAME', FINAL | STATIC, null],
  ])('%s field %s, flags ^ %d', async (name, field, flags, ourError) => {
    const compiled = await compileJava(SOURCES);
    const bytes = withFlags(compiled.classes.get(name)!, field, flags);
    const hotspot = await verifyClasses(new Map([[name, bytes]]), { timeout: 300_000 });
    const verifier = new ClassVerifier(new ChainedClassHierarchy([new MapClassHierarchy([bytes]), new ClassPath([], { jdk: javaHome() })]));
    const ours = verifier.verify(bytes).errors.map((e) => `${e.method}: ${e.message}`);
    if (ourError === null) {
      expect(hotspot.failures).toEqual([]);
      expect(ours).toEqual([]);
    } else {
      expect(hotspot.failures).toHaveLength(1);
      expect(hotspot.failures[0]!.error).toMatch(flags === MODULE ? /^java\.lang\.NoClassDefFoundError/ : /^java\.lang\.ClassFormatError/);
      expect(ours).toEqual([expect.stringMatching(ourError)]);
    }
  }, 600_000);

  it('module-info, ACC_MODULE by rule, is no error', async () => {
    const compiled = await compileJava(SOURCES);
    const descriptor = compiled.classes.get('module-info')!;
    expect(readRawClassFile(descriptor).access & MODULE).toBe(MODULE);
    const verifier = new ClassVerifier(new ClassPath([], { jdk: javaHome() }));
    expect(verifier.verify(descriptor).errors).toEqual([]);
  }, 600_000);
});
