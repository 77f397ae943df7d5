// The independent raw parser of src/classfile (constant pool, class structure, Code attributes).

import { beforeAll, describe, expect, it } from 'vitest';
import { ClassFormatError } from '../src/classfile/class-format-error.js';
import { checkConstantPool, describeConstant, describeConstantOperands, readConstantPool } from '../src/classfile/constant-pool.js';
import { readRawClassFile, readRawCode } from '../src/classfile/raw-class-file.js';
import { type CorpusClass, javaBaseClasses } from './support/corpus.js';

let classes: CorpusClass[] = [];

beforeAll(async () => {
  classes = await javaBaseClasses();
});

describe('raw class file parser', () => {
  it('parses every class of java.base, its pool and its Code attributes', () => {
    let codes = 0;
    for (const c of classes) {
      const cf = readRawClassFile(c.bytes);
      expect(cf.thisClass).toBe(c.name);
      checkConstantPool(cf.constantPool);
      for (let i = 1; i < cf.constantPool.count; i++) {
        if (cf.constantPool.entries[i]) describeConstant(cf.constantPool, i);
      }
      for (const m of cf.methods) {
        for (const a of m.attributes) if (a.name === 'Code') codes += readRawCode(a, cf.constantPool).code.length > 0 ? 1 : 0;
      }
    }
    expect(codes).toBeGreaterThan(40000);
  });

  it('renders constants like javap', () => {
    const string = classes.find((c) => c.name === 'java/lang/String')!;
    const cf = readRawClassFile(string.bytes);
    const pool = cf.constantPool;
    const rendered = new Map<string, string[]>();
    for (let i = 1; i < pool.count; i++) {
      const e = pool.entries[i];
      if (e) rendered.set(e.kind, [...(rendered.get(e.kind) ?? []), describeConstant(pool, i)]);
    }
    expect(rendered.get('Methodref')).toContain('java/lang/Object."<init>":()V');
    expect(rendered.get('Fieldref')).toContain('java/lang/String.value:[B');
    expect(rendered.get('Long')).toContain('-6849794470754667710l');
    expect(rendered.get('MethodHandle')?.some((s) => s.startsWith('REF_invokeStatic '))).toBe(true);
    expect(rendered.get('InvokeDynamic')?.some((s) => /^#\d+:/.test(s))).toBe(true);
    expect(cf.superClass).toBe('java/lang/Object');
    expect(cf.interfaces).toContain('java/lang/CharSequence');
    expect(cf.majorVersion).toBe(61);
  });

  it('formats numbers and names as javap does', () => {
    const rendered = (name: string): string[] => {
      const cf = readRawClassFile(classes.find((c) => c.name === name)!.bytes);
      const out: string[] = [];
      for (let i = 1; i < cf.constantPool.count; i++) {
        const e = cf.constantPool.entries[i];
        if (e) out.push(`${e.kind} ${describeConstantOperands(e)} ${describeConstant(cf.constantPool, i)}`);
      }
      return out;
    };
    const math = rendered('java/lang/Math');
    expect(math).toContain('Double 4.9E-324d 4.9E-324d');
    expect(math).toContain('Float 1.4E-45f 1.4E-45f');
    expect(math).toContain('Double NaNd NaNd');
    expect(rendered('java/lang/Double')).toContain('Double 1.7976931348623157E308d 1.7976931348623157E308d');
    const moduleInfo = rendered('module-info');
    expect(moduleInfo).toContain('Class #1 "module-info"');
    expect(moduleInfo).toContain('Module #4 "java.base"');
    expect(moduleInfo).toContain('Package #7 com/sun/crypto/provider');
  });

  it('parses the module-info of java.base', () => {
    const info = classes.find((c) => c.name === 'module-info')!;
    const cf = readRawClassFile(info.bytes);
    expect(cf.superClass).toBeNull();
    expect(cf.attributes.map((a) => a.name)).toContain('Module');
    const kinds = new Set(cf.constantPool.entries.map((e) => e?.kind));
    expect(kinds.has('Module')).toBe(true);
    expect(kinds.has('Package')).toBe(true);
  });

  it('throws ClassFormatError with an offset on every truncation', () => {
    const object = classes.find((c) => c.name === 'java/lang/Object')!.bytes;
    for (let length = 0; length < object.length; length++) {
      let error: unknown = null;
      try {
        readRawClassFile(object.subarray(0, length));
      } catch (e) {
        error = e;
      }
      expect(error, `truncated to ${length}`).toBeInstanceOf(ClassFormatError);
      expect((error as ClassFormatError).offset).toBeGreaterThanOrEqual(0);
    }
  });

  it('rejects a bad magic number, an unknown tag and trailing bytes', () => {
    const object = classes.find((c) => c.name === 'java/lang/Object')!.bytes;
    const badMagic = Uint8Array.from(object);
    badMagic[0] = 0;
    expect(() => readRawClassFile(badMagic)).toThrow(ClassFormatError);
    const badTag = Uint8Array.from(object);
    badTag[10] = 2; // tag 2 is unassigned (JVMS §4.4)
    expect(() => readConstantPool(badTag)).toThrow(/unknown constant pool tag 2/);
    const trailing = new Uint8Array(object.length + 1);
    trailing.set(object);
    expect(() => readRawClassFile(trailing)).toThrow(/unexpected bytes/);
  });
});
