// classforge/testing through the package name, as users import it (needs `npm run build`: the
// package's exports point at dist/). Transforms given as files, from anywhere, load like `-t`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ClassVisitor, Opcodes, defineTransform } from 'classforge';
import * as testing from 'classforge/testing';

const outside = mkdtempSync(join(tmpdir(), 'classforge-kit-package-'));
afterAll(() => rmSync(outside, { recursive: true, force: true }));

const PROGRAM = {
  'p/Main.java': 'package p; public class Main { public static void main(String[] a) { System.out.println(new Main().name()); } String name() { return "main"; } }',
};

describe("import … from 'classforge/testing'", () => {
  it('exports the kit', () => {
    for (const name of ['compileJava', 'runJava', 'transformClasses', 'verifyClasses', 'cleanup', 'readClassFiles', 'writeClassFiles', 'JavaCompileError']) {
      expect(typeof (testing as Record<string, unknown>)[name], name).toBe('function');
    }
  });

  it('runs a .ts transform file from outside the project, whose classforge is the running one', async () => {
    const file = join(outside, 'rename.ts');
    writeFileSync(
      file,
      `import { ClassVisitor, MethodVisitor, Opcodes, defineTransform } from 'classforge';
interface Options { text: string }
export default defineTransform<Options>({
  name: 'constant-text',
  options: { type: 'object', properties: { text: { type: 'string', default: 'rewritten' } } },
  visitor: (next, ctx) => new (class extends ClassVisitor {
    override visitMethod(access: number, name: string, desc: string, sig: string | null, exc: string[] | null) {
      const mv = super.visitMethod(access, name, desc, sig, exc);
      return mv === null ? null : new (class extends MethodVisitor {
        override visitLdcInsn(value: unknown) { super.visitLdcInsn(value === 'main' ? ctx.options.text : value as never); }
      })(Opcodes.ASM9, mv);
    }
  })(Opcodes.ASM9, next),
});
`,
    );
    const program = await testing.compileJava(PROGRAM);
    const rewritten = await testing.transformClasses(program, file, { options: { text: 'from a file' } });
    const run = await testing.runJava({ classpath: rewritten, mainClass: 'p.Main', verify: true });
    expect(run.stdout).toBe('from a file\n');
    expect((await testing.verifyClasses(rewritten)).ok).toBe(true);
  });

  // The bundle is imported from a data: URL: the cause's frames named it (the whole module in base64, at the
  // bundle's lines) where a test runner prints the stack.
  it("a transform file's error names the file and line in its stack", async () => {
    const file = join(outside, 'picky.ts');
    writeFileSync(
      file,
      `import { defineTransform } from 'classforge';
type Unused = { a: number };
function refuse(name: string): never {
  throw new Error('not today: ' + name);
}
export default defineTransform({ name: 'picky', tree: (node) => refuse(node.name) });
`,
    );
    const program = await testing.compileJava(PROGRAM);
    const error: unknown = await testing.transformClasses(program, file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe("transform 'picky' failed on p.Main: not today: p/Main");
    const stack = ((error as Error).cause as Error).stack ?? '';
    expect(stack).not.toContain('data:text/javascript');
    expect(stack).toMatch(/\n {4}at refuse \(\S*picky\.ts:4:9\)\n {4}at Object\.tree \(\S*picky\.ts:6:/);
  });

  it("takes definitions built with the package's own classes", async () => {
    const identity = defineTransform({ name: 'identity', visitor: (next) => new ClassVisitor(Opcodes.ASM9, next) });
    const program = await testing.compileJava(PROGRAM);
    const result = await testing.transformClasses(program, identity);
    expect(result.status.get('p/Main')).toBe('unchanged');
  });
});
