// Test support: targeted malformations of real classes, each naming the structure it breaks. Random fuzzing
// mostly damages the constant pool; these reach the places a reader or writer trusts most: descriptors,
// Module attribute indexes, class versions, and counts/lengths that would size an allocation or a loop.

import { readRawClassFile, readRawCode, type RawClassFile } from '../../src/classfile/raw-class-file.js';

export interface Malformation {
  /** What is broken, and in which class. */
  name: string;
  bytes: Uint8Array;
  /** True when the result is certainly malformed, so a ClassFormatError is the only right answer. */
  mustFail: boolean;
}

function setU2(bytes: Uint8Array, offset: number, value: number): void {
  bytes[offset] = (value >>> 8) & 0xff;
  bytes[offset + 1] = value & 0xff;
}

function setU4(bytes: Uint8Array, offset: number, value: number): void {
  new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).setUint32(offset, value >>> 0);
}

function u2(bytes: Uint8Array, offset: number): number {
  return (bytes[offset]! << 8) | bytes[offset + 1]!;
}

/** Offsets of the u2 index fields of a Module attribute (JVMS §4.7.25), by role. */
function moduleIndexOffsets(bytes: Uint8Array, infoOffset: number): Record<string, number> {
  const found: Record<string, number> = { module_name_index: infoOffset };
  let p = infoOffset + 6;
  const requires = u2(bytes, p);
  p += 2;
  if (requires > 0) found.requires_index = p;
  p += 6 * requires;
  for (const kind of ['exports', 'opens']) {
    const count = u2(bytes, p);
    p += 2;
    for (let i = 0; i < count; i++) {
      if (i === 0) found[`${kind}_index`] = p;
      const to = u2(bytes, p + 4);
      if (i === 0 && to > 0) found[`${kind}_to_index`] = p + 6;
      p += 6 + 2 * to;
    }
  }
  const uses = u2(bytes, p);
  p += 2;
  if (uses > 0) found.uses_index = p;
  p += 2 * uses;
  const provides = u2(bytes, p);
  p += 2;
  if (provides > 0) {
    found.provides_index = p;
    found.provides_with_index = p + 4;
  }
  return found;
}

function firstMethodWithCode(cf: RawClassFile): { attributeOffset: number; infoOffset: number; codeLength: number } {
  for (const m of cf.methods) {
    for (const a of m.attributes) {
      if (a.name === 'Code') {
        const code = readRawCode(a, cf.constantPool);
        return { attributeOffset: a.offset, infoOffset: a.offset + 6, codeLength: code.code.length };
      }
    }
  }
  throw new Error('no method with code');
}

/**
 * The targeted malformations of `classes` (which must include fixtures/core/Lambdas, fixtures/core/Switches,
 * fixtures/core/anno/Annotated, fixtures/modern/Records$Point and module-info from the JDK 17 -g fixture build)
 * and, when given, of the generated big method class (see bigMethodSource in fixture-builds.ts).
 */
export function malformations(
  classes: readonly { name: string; bytes: Uint8Array }[],
  bigMethod: Uint8Array | null = null,
): Malformation[] {
  const byName = (name: string): Uint8Array => {
    const found = classes.find((c) => c.name === name);
    if (found === undefined) throw new Error(`fixture class ${name} not found`);
    return found.bytes;
  };
  const out: Malformation[] = [];
  const edit = (name: string, className: string, mustFail: boolean, change: (b: Uint8Array, cf: RawClassFile) => void): void => {
    const bytes = byName(className).slice();
    change(bytes, readRawClassFile(bytes));
    out.push({ name: `${className}: ${name}`, bytes, mustFail });
  };

  // Method descriptors without their ')': a descriptor parser that scans for ')' must stop at the end.
  // Descriptors used only by invoke instructions (not by any method_info), so that nothing but the code of
  // a method reaches them. A writer needs invokeinterface's argument count, so it parses that descriptor.
  for (const kind of ['Methodref', 'InterfaceMethodref', 'InvokeDynamic'] as const) {
    edit(`every ${kind} descriptor used by code only with '(' for ')'`, 'fixtures/core/Lambdas', false, (b, cf) => {
      const pool = cf.constantPool.entries;
      const declared = new Set(cf.methods.map((m) => m.descriptorIndex));
      for (const e of pool) {
        if (e === null || e.kind !== kind) continue;
        const nat = pool[e.nameAndTypeIndex];
        if (nat === null || nat === undefined || nat.kind !== 'NameAndType' || declared.has(nat.descriptorIndex)) continue;
        const d = pool[nat.descriptorIndex];
        if (d !== null && d !== undefined && d.kind === 'Utf8' && d.value.includes(')')) {
          b[d.offset + 3 + d.value.indexOf(')')] = 0x28;
        }
      }
    });
  }
  edit("every method descriptor with '(' for ')'", 'fixtures/core/Switches', false, (b, cf) => {
    for (const e of cf.constantPool.entries) {
      if (e !== null && e.kind === 'Utf8' && e.value.startsWith('(') && e.value.includes(')')) {
        b[e.offset + 3 + e.value.indexOf(')')] = 0x28;
      }
    }
  });
  edit("every method descriptor with ')' for its last character", 'fixtures/core/Switches', false, (b, cf) => {
    for (const e of cf.constantPool.entries) {
      if (e !== null && e.kind === 'Utf8' && e.value.startsWith('(') && e.value.includes(')') && e.value.length > 2) {
        b[e.offset + 3 + e.value.length - 1] = 0x29;
      }
    }
  });

  // Module attribute indexes set to 0 (no constant): a reader must not hand null names to a writer.
  const moduleInfo = readRawClassFile(byName('module-info'));
  const moduleAttribute = moduleInfo.attributes.find((a) => a.name === 'Module');
  if (moduleAttribute === undefined) throw new Error('module-info has no Module attribute');
  for (const [role, offset] of Object.entries(moduleIndexOffsets(byName('module-info'), moduleAttribute.offset + 6))) {
    edit(`Module ${role} = 0`, 'module-info', true, (b) => setU2(b, offset, 0));
    edit(`Module ${role} = 0xffff`, 'module-info', true, (b) => setU2(b, offset, 0xffff));
    // An index to a constant of the wrong kind (a Utf8 where a Module, Package or Class is required).
    edit(`Module ${role} = a Utf8 constant`, 'module-info', true, (b, cf) => {
      setU2(b, offset, cf.constantPool.entries.findIndex((e) => e !== null && e.kind === 'Utf8'));
    });
  }

  // Class versions: StackMapTable in a version-45 class; versions below 45 and past the newest.
  edit('major version 45 with StackMapTable frames', 'fixtures/core/Switches', false, (b) => setU2(b, 6, 45));
  edit('major version 49 with StackMapTable frames', 'fixtures/core/Switches', false, (b) => setU2(b, 6, 49));
  edit('major version 44', 'fixtures/core/Switches', true, (b) => setU2(b, 6, 44));
  edit('major version 0xffff', 'fixtures/core/Switches', true, (b) => setU2(b, 6, 0xffff));

  // this_class / super_class pointing nowhere or at the wrong kind of constant.
  edit('this_class = 0', 'fixtures/core/Switches', true, (b, cf) => setU2(b, cf.constantPool.endOffset + 2, 0));
  edit('this_class = 0xffff', 'fixtures/core/Switches', true, (b, cf) => setU2(b, cf.constantPool.endOffset + 2, 0xffff));
  edit('super_class = a Utf8 constant', 'fixtures/core/Switches', true, (b, cf) => {
    const utf8 = cf.constantPool.entries.findIndex((e) => e !== null && e.kind === 'Utf8');
    setU2(b, cf.constantPool.endOffset + 4, utf8);
  });

  // Huge counts and lengths in a small file: must fail fast, before allocating or looping on them.
  edit('constant_pool_count = 0xffff', 'fixtures/core/Switches', true, (b) => setU2(b, 8, 0xffff));
  edit('interfaces_count = 0xffff', 'fixtures/core/Switches', true, (b, cf) => setU2(b, cf.constantPool.endOffset + 6, 0xffff));
  edit('fields_count = 0xffff', 'fixtures/core/Switches', true, (b, cf) =>
    setU2(b, cf.constantPool.endOffset + 8 + 2 * cf.interfaces.length, 0xffff),
  );
  edit('methods_count = 0xffff', 'fixtures/core/Switches', true, (b, cf) => {
    const methodsCount = cf.methods.length > 0 ? cf.methods[0]!.offset - 2 : cf.length - 4;
    setU2(b, methodsCount, 0xffff);
  });
  edit('Code attribute_length = 0xffffffff', 'fixtures/core/Switches', true, (b, cf) =>
    setU4(b, firstMethodWithCode(cf).attributeOffset + 2, 0xffffffff),
  );
  edit('code_length = 0x7fffffff', 'fixtures/core/Switches', true, (b, cf) =>
    setU4(b, firstMethodWithCode(cf).infoOffset + 4, 0x7fffffff),
  );
  edit('code_length = 0', 'fixtures/core/Switches', true, (b, cf) => setU4(b, firstMethodWithCode(cf).infoOffset + 4, 0));
  edit('exception_table_length = 0xffff', 'fixtures/core/Switches', true, (b, cf) => {
    const code = firstMethodWithCode(cf);
    setU2(b, code.infoOffset + 8 + code.codeLength, 0xffff);
  });
  edit('max_locals = 0 and max_stack = 0', 'fixtures/core/Switches', false, (b, cf) => {
    const code = firstMethodWithCode(cf);
    setU2(b, code.infoOffset, 0);
    setU2(b, code.infoOffset + 2, 0);
  });
  edit('every tableswitch high = 0x7fffffff', 'fixtures/core/Switches', true, (b, cf) => {
    for (const m of cf.methods) {
      for (const a of m.attributes) {
        if (a.name !== 'Code') continue;
        const code = readRawCode(a, cf.constantPool);
        // Only the first instruction of each method is certainly an opcode; look for a method starting
        // with iload_0 + tableswitch (javac's switch (k) on the first int parameter).
        if (code.code[0] === 0x1a && code.code[1] === 0xaa) {
          const padded = code.codeOffset + ((2 + 3) & ~3);
          setU4(b, padded + 8, 0x7fffffff);
        }
      }
    }
  });
  edit('every lookupswitch npairs = 0x7fffffff', 'fixtures/core/Switches', true, (b, cf) => {
    for (const m of cf.methods) {
      for (const a of m.attributes) {
        if (a.name !== 'Code') continue;
        const code = readRawCode(a, cf.constantPool);
        if (code.code[0] === 0x1a && code.code[1] === 0xab) {
          const padded = code.codeOffset + ((2 + 3) & ~3);
          setU4(b, padded + 4, 0x7fffffff);
        }
      }
    }
  });
  // One more parameter annotation table than the descriptor has parameters, holding one annotation (of the
  // first parameter's first annotation type, no elements); attribute_length is fixed, so the attribute stays
  // well-formed on its own (JVMS §4.7.18 does not tie num_parameters to the descriptor).
  {
    const className = 'fixtures/modern/Records$Point';
    const source = byName(className);
    const cf = readRawClassFile(source);
    const m = cf.methods.find((x) => x.attributes.some((a) => a.name === 'RuntimeVisibleParameterAnnotations'));
    const a = m?.attributes.find((x) => x.name === 'RuntimeVisibleParameterAnnotations');
    if (m === undefined || a === undefined || u2(source, a.offset + 7) === 0) {
      throw new Error(`${className} has no annotated first parameter`);
    }
    const typeIndex = u2(source, a.offset + 9);
    const extra = [0x00, 0x01, typeIndex >>> 8, typeIndex & 0xff, 0x00, 0x00];
    const end = a.offset + 6 + a.length;
    const bytes = new Uint8Array(source.length + extra.length);
    bytes.set(source.subarray(0, end), 0);
    bytes.set(extra, end);
    bytes.set(source.subarray(end), end + extra.length);
    setU4(bytes, a.offset + 2, a.length + extra.length);
    bytes[a.offset + 6] = source[a.offset + 6]! + 1;
    out.push({
      name: `${className}: ${m.name}${m.descriptor} RuntimeVisibleParameterAnnotations num_parameters + 1, the extra one annotated`,
      bytes,
      mustFail: false,
    });
  }
  edit('RuntimeVisibleAnnotations num_annotations = 0xffff', 'fixtures/core/anno/Annotated', true, (b, cf) => {
    const a = cf.attributes.find((x) => x.name === 'RuntimeVisibleAnnotations');
    if (a === undefined) throw new Error('no RuntimeVisibleAnnotations');
    setU2(b, a.offset + 6, 0xffff);
  });
  edit('BootstrapMethods num_bootstrap_methods = 0xffff', 'fixtures/core/Lambdas', true, (b, cf) => {
    const a = cf.attributes.find((x) => x.name === 'BootstrapMethods');
    if (a === undefined) throw new Error('no BootstrapMethods');
    setU2(b, a.offset + 6, 0xffff);
  });
  // Invalid code in a method whose full rewrite needs goto_w: the writer's second pass computes frames
  // for the instructions it inserts, over code that underflows its stack.
  if (bigMethod !== null) {
    const bytes = bigMethod.slice();
    const cf = readRawClassFile(bytes);
    const big = cf.methods.find((m) => m.name === 'big');
    const codeAttribute = big?.attributes.find((a) => a.name === 'Code');
    if (codeAttribute === undefined) throw new Error('generated/BigMethod has no big() code');
    const code = readRawCode(codeAttribute, cf.constantPool);
    // javac starts big() with iconst_0; istore_1 (int acc = 0): a nop there leaves istore_1 an empty stack.
    if (code.code[0] !== 0x03 || code.code[1] !== 0x3c) throw new Error('unexpected start of big()');
    bytes[code.codeOffset] = 0x00;
    out.push({ name: 'generated/BigMethod: big() starting with nop; istore_1 (stack underflow)', bytes, mustFail: false });
  }
  return out;
}
