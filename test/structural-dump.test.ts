// Self-test of the structural dump used as the full-rewrite oracle: it must see a change of one
// instruction, one constant or one annotation value, and must not see what a writer may legally
// change (unused pool entries, attribute order).

import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readRawClassFile, readRawCode } from '../src/classfile/raw-class-file.js';
import { ClassWriter, Label, Opcodes } from '../src/index.js';
import { type CorpusClass, javaBaseClasses, javaBaseDirectory } from './support/corpus.js';
import { compileJava, makeTempDir, runJava } from './support/javac.js';
import { firstDumpDifference, structuralDump } from './support/structural-dump.js';

let classes: CorpusClass[] = [];

beforeAll(async () => {
  classes = await javaBaseClasses();
});

/** A copy of `bytes` with `patch` applied at file offset `at`. */
function patched(bytes: Uint8Array, at: number, patch: number[]): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy.set(patch, at);
  return copy;
}

function expectDifferent(original: Uint8Array, mutated: Uint8Array): void {
  const before = structuralDump(original);
  const after = structuralDump(mutated);
  expect(after).not.toBe(before);
  expect(firstDumpDifference(before, after)).toMatch(/expected .* got/);
}

describe('structural dump', () => {
  it('dumps every class of java.base', () => {
    let lines = 0;
    for (const c of classes) lines += structuralDump(c.bytes).length > 0 ? 1 : 0;
    expect(lines).toBe(classes.length);
  });

  it('resolves constants and normalizes instructions', () => {
    const string = classes.find((c) => c.name === 'java/lang/String')!;
    const dump = structuralDump(string.bytes);
    expect(dump).toContain('class 0x0031 java/lang/String extends java/lang/Object');
    expect(dump).toContain('invokespecial Methodref java/lang/Object.<init>:()V');
    // aload_0 is dumped as its long form
    expect(dump).toMatch(/\n {4}0: aload 0\n/);
    expect(dump).not.toMatch(/aload_0|ldc_w|goto_w/);
  });

  it('differs when one instruction changes', () => {
    let opcodes = 0;
    let operands = 0;
    for (const c of classes) {
      const cf = readRawClassFile(c.bytes);
      for (const m of cf.methods) {
        const attribute = m.attributes.find((a) => a.name === 'Code');
        if (!attribute) continue;
        const code = readRawCode(attribute, cf.constantPool);
        if (opcodes < 3 && code.code[0] === 0x2a /* aload_0 */) {
          expectDifferent(c.bytes, patched(c.bytes, code.codeOffset, [0x2b /* aload_1 */]));
          opcodes++;
        }
        if (operands < 3 && code.code[0] === 0x10 /* bipush */) {
          expectDifferent(c.bytes, patched(c.bytes, code.codeOffset + 1, [(code.code[1]! + 1) & 0xff]));
          operands++;
        }
      }
      if (opcodes >= 3 && operands >= 3) break;
    }
    expect(opcodes).toBe(3);
    expect(operands).toBe(3);
  });

  it('differs when one constant changes', () => {
    const string = classes.find((c) => c.name === 'java/lang/String')!;
    const cf = readRawClassFile(string.bytes);
    // String.REPL is a ConstantValue int 65533 (U+FFFD).
    const repl = cf.fields.find((f) => f.name === 'REPL')!;
    const index = (repl.attributes[0]!.info[0]! << 8) | repl.attributes[0]!.info[1]!;
    const entry = cf.constantPool.entries[index]!;
    expect(entry.kind).toBe('Integer');
    expectDifferent(string.bytes, patched(string.bytes, entry.offset + 4, [0xfe]));
  });

  it('differs when one annotation value changes', () => {
    let changed = 0;
    for (const c of classes) {
      const cf = readRawClassFile(c.bytes);
      for (const m of cf.methods) {
        const rva = m.attributes.find((a) => a.name === 'RuntimeVisibleAnnotations');
        // First annotation, first element value pair, a String value: @Deprecated(since = "…").
        if (!rva || rva.length < 11) continue;
        const annotations = (rva.info[0]! << 8) | rva.info[1]!;
        const pairs = (rva.info[4]! << 8) | rva.info[5]!;
        if (annotations === 0 || pairs === 0 || rva.info[8] !== 0x73 /* 's' */) continue;
        const valueIndex = (rva.info[9]! << 8) | rva.info[10]!;
        const value = cf.constantPool.entries[valueIndex];
        if (value?.kind !== 'Utf8' || value.value === m.name) continue;
        expectDifferent(c.bytes, patched(c.bytes, rva.offset + 6 + 9, [m.nameIndex >> 8, m.nameIndex & 0xff]));
        changed++;
        break;
      }
      if (changed >= 3) break;
    }
    expect(changed).toBe(3);
  });

  it('reads a lookupswitch with no pairs that ends the code', () => {
    // javacc's token managers end methods so (Debian's tomcat10-util, itext1, commons-configuration):
    // the switch is 8 bytes after its padding, not the 12 of a tableswitch.
    const writer = new ClassWriter(0);
    writer.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC, 'EmptyLookup', null, 'java/lang/Object', null);
    const method = writer.visitMethod(Opcodes.ACC_STATIC, 'loop', '(I)V', null, null);
    method.visitCode();
    const start = new Label();
    method.visitLabel(start);
    method.visitVarInsn(Opcodes.ILOAD, 0);
    method.visitLookupSwitchInsn(start, [], []);
    method.visitMaxs(1, 1);
    method.visitEnd();
    writer.visitEnd();
    const dump = structuralDump(writer.toByteArray());
    expect(dump).toContain('lookupswitch');
  });

  it('ignores unused constant pool entries', () => {
    const object = classes.find((c) => c.name === 'java/lang/Object')!;
    const cf = readRawClassFile(object.bytes);
    const end = cf.constantPool.endOffset;
    const count = cf.constantPool.count + 1;
    const extra = [1, 0, 3, 0x78, 0x79, 0x7a]; // Utf8 "xyz"
    const grown = new Uint8Array(object.bytes.length + extra.length);
    grown.set(object.bytes.subarray(0, end));
    grown.set([count >> 8, count & 0xff], 8);
    grown.set(extra, end);
    grown.set(object.bytes.subarray(end), end + extra.length);
    expect(structuralDump(grown)).toBe(structuralDump(object.bytes));
  });

  it('reads the frames of a StackMap attribute (the uncompressed form of versions before 50) by meaning', () => {
    // A version 49 class with frames keeps them in a StackMap attribute (jython's classes do): a full rewrite
    // renumbers the constants its frames name, so a byte dump of the attribute would differ.
    const build = (padding: boolean, frameLocal: string): Uint8Array => {
      const writer = new ClassWriter(0);
      if (padding) {
        writer.newUTF8('padding');
        writer.newClass('p/Unused');
      }
      writer.visit(Opcodes.V1_5, Opcodes.ACC_PUBLIC, 'p/Old', null, 'java/lang/Object', null);
      const method = writer.visitMethod(Opcodes.ACC_STATIC, 'pick', '(Ljava/lang/String;)Ljava/lang/Object;', null, null);
      method.visitCode();
      const isNull = new Label();
      method.visitVarInsn(Opcodes.ALOAD, 0);
      method.visitJumpInsn(Opcodes.IFNULL, isNull);
      method.visitVarInsn(Opcodes.ALOAD, 0);
      method.visitInsn(Opcodes.ARETURN);
      method.visitLabel(isNull);
      method.visitFrame(Opcodes.F_NEW, 1, [frameLocal], 0, []);
      method.visitInsn(Opcodes.ACONST_NULL);
      method.visitInsn(Opcodes.ARETURN);
      method.visitMaxs(1, 1);
      method.visitEnd();
      writer.visitEnd();
      return writer.toByteArray();
    };
    const plain = build(false, 'java/lang/String');
    const shifted = build(true, 'java/lang/String');
    expect(readRawClassFile(plain).methods[0]!.attributes.find((a) => a.name === 'Code')).toBeDefined();
    expect(Buffer.from(plain).includes('StackMapTable')).toBe(false);
    const dump = structuralDump(plain);
    expect(dump).toMatch(/StackMap\n.* full \[java\/lang\/String\] \[\]/);
    expect(structuralDump(shifted)).toBe(dump);
    expectDifferent(plain, build(false, 'java/lang/Object'));
  });

  it('ignores the order of attributes', () => {
    let reordered = 0;
    for (const c of classes) {
      const cf = readRawClassFile(c.bytes);
      if (cf.attributes.length < 3) continue;
      const first = cf.attributes[0]!.offset;
      const pieces = cf.attributes.map((a) => c.bytes.subarray(a.offset, a.offset + 6 + a.length)).reverse();
      const copy = Uint8Array.from(c.bytes);
      let at = first;
      for (const piece of pieces) {
        copy.set(piece, at);
        at += piece.length;
      }
      expect(copy).not.toEqual(c.bytes);
      expect(structuralDump(copy)).toBe(structuralDump(c.bytes));
      if (++reordered >= 20) break;
    }
    expect(reordered).toBe(20);
  });
});

// ## Cross-check against ASM
//
// ASM's own full rewrite (`new ClassWriter(0)`) is structurally identical by ASM's own test oracle.
// Under this dump it must be too; otherwise the dump reports differences a correct writer makes.

const ASM_JAR = '/usr/share/java/asm.jar';

const ASM_REWRITE_HARNESS = `
import java.io.*;
import java.nio.file.*;
import java.util.*;
import org.objectweb.asm.*;

public class AsmRewrite {
  public static void main(String[] args) throws IOException {
    Path root = Paths.get(args[0]);
    List<Path> files = new ArrayList<>();
    try (var stream = Files.walk(root)) { stream.filter(p -> p.toString().endsWith(".class")).forEach(files::add); }
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(args[1])))) {
      for (Path file : files) {
        String name = root.relativize(file).toString().replace(File.separatorChar, '/');
        ClassReader reader = new ClassReader(Files.readAllBytes(file));
        ClassWriter writer = new ClassWriter(0);
        reader.accept(writer, 0);
        byte[] bytes = writer.toByteArray();
        out.writeUTF(name.substring(0, name.length() - 6));
        out.writeInt(bytes.length);
        out.write(bytes);
      }
    }
  }
}
`;

/** A small program with the structures java.base has few of: type annotations in code, records, lambdas. */
const STRUCTURES_SOURCE = `
package oracle;
import java.lang.annotation.*;
import java.util.*;
import java.util.function.*;
@Retention(RetentionPolicy.RUNTIME) @Target({ElementType.TYPE_USE, ElementType.TYPE_PARAMETER}) @interface T { int value() default 1; }
@Retention(RetentionPolicy.CLASS) @Target(ElementType.TYPE_USE) @interface I { String[] names() default {}; }
@Retention(RetentionPolicy.RUNTIME) @interface A { long l() default 3L; double d() default 1.5; char c() default 'x';
  Class<?> k() default Object.class; ElementType e() default ElementType.FIELD; T[] ts() default {}; }
public class Structures<@T(2) X extends @I(names = "b") Comparable<X>> {
  record Point(@T int x, @I int y) implements java.io.Serializable {}
  sealed interface Shape permits Circle, Square {}
  record Circle(double r) implements Shape {}
  record Square(double s) implements Shape {}
  @A(l = -7L, d = Double.NaN, c = '\\u0000', k = int[].class, e = ElementType.METHOD, ts = { @T(5), @T })
  <@T Y> List<@T(3) ? extends @I Y> method(@T(4) Map<@T String, @I List<@T Integer>> map) throws @T RuntimeException {
    @T(6) Object o = map;
    try {
      if (o instanceof @T(7) Map<?, ?> m && !m.isEmpty()) return new ArrayList<@T(8) Y>();
      Supplier<@T List<Y>> s = ArrayList::new;
      Function<String, Integer> f = (@T var v) -> v.length() + (int) (@I Object) v.hashCode();
      return s.get();
    } catch (@T(9) IllegalStateException | @I IllegalArgumentException e) {
      return new @T(10) LinkedList<>();
    }
  }
  static String describe(String name) {
    return switch (name) { case "circle", "round" -> "c"; case "square" -> "s"; default -> name; };
  }
  int loops(int[] values) {
    int sum = 0;
    label: for (int i = 0; i < values.length; i++) {
      switch (values[i]) { case 1: sum += 1; break; case 1000: continue label; case -5: sum -= 5; break; default: sum ^= i; }
      synchronized (this) { sum += switch (i) { case 0, 1 -> 2; case 100000 -> 3; default -> i; }; }
    }
    long w = sum; w <<= 3; float f = w; double d = f; return (int) d + "x".length();
  }
}
`;

describe('structural dump against ASM', () => {
  it.skipIf(!existsSync(ASM_JAR))(
    "finds ASM's own full rewrite of java.base and of javac output structurally identical",
    async () => {
      const harness = await compileJava({ 'AsmRewrite.java': ASM_REWRITE_HARNESS }, { options: ['-cp', ASM_JAR] });
      const structures = await compileJava({ 'oracle/Structures.java': STRUCTURES_SOURCE }, { options: ['-g'] });
      const corpora: Array<{ dir: string; classes: Array<{ name: string; bytes: Uint8Array }> }> = [
        { dir: structures.dir, classes: structures.classes },
        { dir: javaBaseDirectory(), classes },
      ];
      const failures: string[] = [];
      let compared = 0;
      const work = await makeTempDir('asm-oracle');
      try {
        for (const corpus of corpora) {
          const output = join(work, 'rewritten.bin');
          const run = await runJava({ classpath: [harness.dir, ASM_JAR], mainClass: 'AsmRewrite', args: [corpus.dir, output] });
          expect(run.exitCode, run.stderr).toBe(0);
          const rewritten = readRewritten(readFileSync(output));
          for (const c of corpus.classes) {
            const bytes = rewritten.get(c.name);
            if (bytes === undefined) {
              failures.push(`${c.name}: not rewritten by the harness`);
              continue;
            }
            const difference = firstDumpDifference(structuralDump(c.bytes), structuralDump(bytes));
            if (difference !== null) failures.push(`${c.name}: ${difference}`);
            compared++;
          }
        }
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
      expect(failures.slice(0, 20), `${failures.length} of ${compared} differ`).toEqual([]);
      expect(compared).toBe(classes.length + structures.classes.length);
      // The fixture does exercise code type annotations, whose offsets the dump maps to instructions.
      const dump = structuralDump(structures.classes.find((c) => c.name === 'oracle/Structures')!.bytes);
      expect(dump).toMatch(/0x0044 offset L\d+ path\[\] @Loracle\/T;\(value=I:int 10\)/);
      expect(dump).toMatch(/0x0047 type_argument L\d+ 0 /);
      expect(dump).toMatch(/0x0042 catch \d /);
      expect(dump).toMatch(/0x0040 localvar \[L\d+\.\.L\d+ var \d+\]/);
    },
    300_000,
  );
});

/** Parses the harness output: (writeUTF name, int length, bytes)*. */
function readRewritten(data: Uint8Array): Map<string, Uint8Array> {
  const result = new Map<string, Uint8Array>();
  const decoder = new TextDecoder();
  let p = 0;
  while (p < data.length) {
    const nameLength = (data[p]! << 8) | data[p + 1]!;
    const name = decoder.decode(data.subarray(p + 2, p + 2 + nameLength));
    p += 2 + nameLength;
    const length = ((data[p]! << 24) | (data[p + 1]! << 16) | (data[p + 2]! << 8) | data[p + 3]!) >>> 0;
    p += 4;
    result.set(name, data.subarray(p, p + length));
    p += length;
  }
  return result;
}
