// ASM's custom attribute example — a `Comment` attribute with `@Override protected Attribute read(…)` and
// `protected ByteVector write(…)` — ported line by line to TypeScript. ASM declares read, write and getLabels
// protected; classforge declared them public, so the port's `protected override read(…)` did not compile
// ("Property 'read' is protected in type 'CommentAttribute' but public in type 'Attribute'": this file is type-checked
// by `tsc -p tsconfig.test.json`). The port writes the class ASM 9.4 writes, and reads the comment back.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Attribute, ByteVector, ClassReader, ClassVisitor, ClassWriter, Label, Opcodes } from '../src/index.js';
import { compileJava, makeTempDir, runJava } from './support/javac.js';

const ASM_JAR = '/usr/share/java/asm.jar';

const JAVA = `
import org.objectweb.asm.*;
import java.nio.file.*;
public class CommentDemo {
  static class CommentAttribute extends Attribute {
    private String comment;
    public CommentAttribute(final String comment) { super("Comment"); this.comment = comment; }
    public String getComment() { return comment; }
    @Override public boolean isUnknown() { return false; }
    @Override protected Attribute read(ClassReader cr, int off, int len, char[] buf, int codeOff, Label[] labels) {
      return new CommentAttribute(cr.readUTF8(off, buf));
    }
    @Override protected ByteVector write(ClassWriter cw, byte[] code, int len, int maxStack, int maxLocals) {
      return new ByteVector().putShort(cw.newUTF8(comment));
    }
  }
  public static void main(String[] args) throws Exception {
    ClassWriter cw = new ClassWriter(0);
    cw.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC, "pkg/Commented", null, "java/lang/Object", null);
    cw.visitAttribute(new CommentAttribute("a class comment"));
    cw.visitEnd();
    Files.write(Paths.get(args[0]), cw.toByteArray());
  }
}
`;

class CommentAttribute extends Attribute {
  private comment: string;
  constructor(comment: string) {
    super('Comment');
    this.comment = comment;
  }
  getComment(): string {
    return this.comment;
  }
  override isUnknown(): boolean {
    return false;
  }
  protected override read(cr: ClassReader, off: number, len: number, buf: unknown, codeOff: number, labels: (Label | null | undefined)[] | null): Attribute {
    return new CommentAttribute(cr.readUTF8(off, buf as string[] | null)!);
  }
  protected override write(cw: ClassWriter, code: Uint8Array | null, len: number, maxStack: number, maxLocals: number): ByteVector {
    return new ByteVector().putShort(cw.newUTF8(this.comment));
  }
}

describe("ASM's custom attribute example ported to TypeScript", () => {
  it('writes the class ASM writes and reads its comment back', async () => {
    const demo = await compileJava({ 'CommentDemo.java': JAVA }, { options: ['-cp', ASM_JAR] });
    const out = join(await makeTempDir('asm-port-attribute-'), 'Commented.class');
    const run = await runJava({ classpath: [demo.dir, ASM_JAR], mainClass: 'CommentDemo', args: [out] });
    expect(run.exitCode, run.stderr).toBe(0);

    const cw = new ClassWriter(0);
    cw.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC, 'pkg/Commented', null, 'java/lang/Object', null);
    cw.visitAttribute(new CommentAttribute('a class comment'));
    cw.visitEnd();
    const bytes = cw.toByteArray();
    expect(Buffer.from(bytes)).toEqual(await readFile(out));

    const comments: string[] = [];
    new ClassReader(bytes).accept(
      new (class extends ClassVisitor {
        override visitAttribute(attribute: Attribute): void {
          if (attribute instanceof CommentAttribute) comments.push(attribute.getComment());
        }
      })(Opcodes.ASM9),
      [new CommentAttribute('')],
      0,
    );
    expect(comments).toEqual(['a class comment']);
  });
});
