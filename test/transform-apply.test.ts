// Transforms in process: defineTransform's checks, --options validation, applyTransforms on javac
// output (visitor and tree styles, composition, include/exclude, lossless copies of what a
// transform leaves alone, errors naming transform and class) and identity transforms over a
// sample of java.base coming back byte for byte.

import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ClassReader } from '../src/asm/class-reader.js';
import { ClassVisitor } from '../src/asm/class-visitor.js';
import { MethodVisitor } from '../src/asm/method-visitor.js';
import { Opcodes } from '../src/asm/opcodes.js';
import { ClassPath } from '../src/classpath/class-path.js';
import { ClassNode } from '../src/tree/class-node.js';
import { ClassRemapper } from '../src/commons/class-remapper.js';
import { SimpleRemapper } from '../src/commons/simple-remapper.js';
import { runJava } from '../src/testing/index.js';
import { FieldInsnNode } from '../src/tree/field-insn-node.js';
import { FrameNode } from '../src/tree/frame-node.js';
import { InsnNode } from '../src/tree/insn-node.js';
import { InsnList } from '../src/tree/insn-list.js';
import { LdcInsnNode } from '../src/tree/ldc-insn-node.js';
import { MethodInsnNode } from '../src/tree/method-insn-node.js';
import { applyTransforms, type ActiveTransform } from '../src/transform/apply-transforms.js';
import { defineTransform, type TransformDefinition } from '../src/transform/define-transform.js';
import { TransformDefinitionError } from '../src/transform/transform-definition-error.js';
import { TransformError } from '../src/transform/transform-error.js';
import { TransformOptionsError } from '../src/transform/transform-options-error.js';
import { parseTransformOptionsArguments, resolveTransformOptions, undeclaredOptionWarnings } from '../src/transform/transform-options.js';
import { javaBaseClasses } from './support/corpus.js';
import { methodBytes } from './support/method-bytes.js';
import { compileJava, FIXTURES_DIR, type CompileResult } from './support/javac.js';

let compiled: CompileResult;
let classPath: ClassPath;

function classBytes(name: string): Uint8Array {
  const found = compiled.classes.find((c) => c.name === name);
  if (found === undefined) throw new Error(`no compiled class ${name}`);
  return found.bytes;
}

function active(definition: TransformDefinition, options: unknown = {}): ActiveTransform {
  return { definition, options };
}

/** Prints "enter <class>.<method>" at the start of the methods named `only` (all when null). */
function traceVisitor(only: string | null) {
  return defineTransform({
    name: 'trace',
    visitor: (next, ctx) =>
      new (class extends ClassVisitor {
        override visitMethod(access: number, name: string, desc: string, signature: string | null, exceptions: string[] | null) {
          const mv = super.visitMethod(access, name, desc, signature, exceptions);
          if (mv === null || (only !== null && name !== only) || (access & Opcodes.ACC_ABSTRACT) !== 0) return mv;
          return new (class extends MethodVisitor {
            override visitCode(): void {
              super.visitCode();
              super.visitFieldInsn(Opcodes.GETSTATIC, 'java/lang/System', 'out', 'Ljava/io/PrintStream;');
              super.visitLdcInsn(`enter ${ctx.className}.${name}`);
              super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, 'java/io/PrintStream', 'println', '(Ljava/lang/String;)V', false);
            }
          })(Opcodes.ASM9, mv);
        }
      })(Opcodes.ASM9, next),
  });
}

/** Upper-cases every string constant of the methods named `only` (all when null). */
function shoutTree(only: string | null) {
  return defineTransform({
    name: 'shout',
    tree: (node) => {
      for (const method of node.methods) {
        if (only !== null && method.name !== only) continue;
        for (const insn of method.instructions.toArray()) {
          if (insn instanceof LdcInsnNode && typeof insn.cst === 'string') insn.cst = insn.cst.toUpperCase();
        }
      }
    },
  });
}

beforeAll(async () => {
  compiled = await compileJava(join(FIXTURES_DIR, 'transform'), { options: ['-g'] });
  classPath = new ClassPath([compiled.dir]);
});

describe('defineTransform', () => {
  it('returns a frozen definition with defaults', () => {
    const definition = defineTransform({ name: 'x', include: 'app.**', tree: () => {} });
    expect(Object.isFrozen(definition)).toBe(true);
    expect(definition.style).toBe('tree');
    expect(definition.include).toEqual(['app.**']);
    expect(definition.exclude).toEqual([]);
    expect(definition.options).toBeNull();
    expect(definition.matches('app.Main')).toBe(true);
    expect(definition.matches('other.Main')).toBe(false);
    expect(defineTransform(definition)).toBe(definition);
  });

  it.each([
    [{}, /needs a name/],
    [{ name: 'x' }, /give one of visitor/],
    [{ name: 'x', visitor: () => null, tree: () => {} }, /only one of visitor, tree and source/],
    [{ name: 'x', visiter: () => null }, /unknown property 'visiter'/],
    [{ name: 'x', include: [3], tree: () => {} }, /include must hold non-empty strings/],
    [{ name: 'x', options: 'string', tree: () => {} }, /options must be a JSON Schema object/],
    [{ name: 'two words', tree: () => {} }, /the name may only hold/],
    [{ name: 'x', tree: 'no' }, /tree must be a function/],
  ])('rejects %j', (spec, message) => {
    expect(() => defineTransform(spec as never)).toThrow(TransformDefinitionError);
    expect(() => defineTransform(spec as never)).toThrow(message);
  });

  it('accepts the source style (run by classforge/source)', () => {
    expect(defineTransform({ name: 's', source: () => {} }).style).toBe('source');
  });
});

describe('transform options', () => {
  const trace = defineTransform({
    name: 'trace',
    options: {
      type: 'object',
      properties: { level: { type: 'string', default: 'info' }, depth: { type: 'integer' } },
      additionalProperties: false,
    },
    visitor: (next) => next,
  });
  const other = defineTransform({ name: 'other', visitor: (next) => next });

  it('fills in defaults, shared and per transform', () => {
    expect(resolveTransformOptions([trace], parseTransformOptionsArguments([]))).toEqual([{ level: 'info' }]);
    const args = parseTransformOptionsArguments(['{"depth":2}', 'other={"x":1}']);
    expect(resolveTransformOptions([trace, other], args)).toEqual([{ level: 'info', depth: 2 }, { x: 1 }]);
  });

  it('names the transform and the offending path', () => {
    const run = (json: string) => () => resolveTransformOptions([trace], parseTransformOptionsArguments([json]));
    expect(run('{"level":3}')).toThrow('trace: options/level must be string');
    expect(run('{"levle":"x"}')).toThrow("trace: options must NOT have additional properties 'levle'");
    expect(run('{"level":')).toThrow(TransformOptionsError);
    expect(run('{"level":')).toThrow(/--options: invalid JSON/);
    expect(() => resolveTransformOptions([trace], parseTransformOptionsArguments(['nope={}']))).toThrow(
      /no transform is named 'nope'/,
    );
  });
});

// JSON Schema lets an undeclared name through unless additionalProperties is false: `{"prefx": "→"}` for a
// `prefix` option passed without a word, and the transform ran with its default.
describe('undeclared option names', () => {
  const prefixed = defineTransform({
    name: 'trace',
    options: { type: 'object', properties: { prefix: { type: 'string', default: 'enter' } } },
    visitor: (next) => next,
  });
  const timed = defineTransform({
    name: 'timing',
    options: { type: 'object', properties: { methods: { type: 'string' } } },
    visitor: (next) => next,
  });
  const open = defineTransform({ name: 'open', visitor: (next) => next });
  const patterned = defineTransform({
    name: 'patterned',
    options: { type: 'object', properties: { a: { type: 'string' } }, patternProperties: { '^x-': {} } },
    visitor: (next) => next,
  });
  const warnings = (definitions: TransformDefinition[], ...values: string[]) =>
    undeclaredOptionWarnings(definitions, parseTransformOptionsArguments(values));

  it('are reported for the shared value when no transform taking it declares them', () => {
    expect(warnings([prefixed], '{"prefx":"x"}')).toEqual(["--options: no transform declares an option 'prefx' (options of trace: prefix)"]);
    expect(warnings([prefixed, timed], '{"prefix":"x","methods":"m","mehtods":"n"}')).toEqual([
      "--options: no transform declares an option 'mehtods' (options of trace: prefix; timing: methods)",
    ]);
    // The value is still validated and passed on as before: the warning changes nothing else.
    expect(resolveTransformOptions([prefixed], parseTransformOptionsArguments(['{"prefx":"x"}']))).toEqual([{ prefx: 'x', prefix: 'enter' }]);
  });

  it('are reported for a scoped value against its transform only', () => {
    expect(warnings([prefixed, timed], '{"methods":"m"}', 'trace={"prefix":"x","extra":1}')).toEqual([
      "--options trace=…: trace declares no option 'extra' (options of trace: prefix)",
    ]);
  });

  it('are not reported where a schema takes names it does not list, or there is none', () => {
    expect(warnings([prefixed, open], '{"anything":1}')).toEqual([]);
    expect(warnings([patterned], '{"x-note":1,"a":"b"}')).toEqual([]);
    expect(warnings([prefixed], '{"prefix":"x"}')).toEqual([]);
    expect(warnings([prefixed])).toEqual([]);
  });
});

describe('applyTransforms', () => {
  it('adds code to one method and copies every other method byte for byte', () => {
    const original = classBytes('app/Main');
    const result = applyTransforms(original, [active(traceVisitor('main'))], { classPath });
    expect(result.status).toBe('changed');
    expect(result.className).toBe('app.Main');
    const before = methodBytes(original);
    const after = methodBytes(result.bytes);
    expect([...after.keys()]).toEqual([...before.keys()]);
    expect(after.get('<init>()V')).toBe(before.get('<init>()V'));
    expect(after.get('main([Ljava/lang/String;)V')).not.toBe(before.get('main([Ljava/lang/String;)V'));
  });

  it('returns the original bytes when nothing changes, and skips classes the globs leave out', () => {
    const original = classBytes('app/Helper');
    const identity = defineTransform({ name: 'identity', visitor: (next) => new ClassVisitor(Opcodes.ASM9, next) });
    const unchanged = applyTransforms(original, [active(identity)], { classPath });
    expect(unchanged.status).toBe('unchanged');
    expect(unchanged.bytes).toBe(original);
    const excluded = defineTransform({ name: 'x', include: 'app.**', exclude: 'app.Helper', visitor: (next) => next });
    expect(applyTransforms(original, [active(excluded)], { classPath }).status).toBe('skipped');
    const onlyGen = defineTransform({ name: 'y', include: 'app.gen.*', visitor: (next) => next });
    expect(applyTransforms(original, [active(onlyGen)], { classPath }).status).toBe('skipped');
    expect(applyTransforms(classBytes('app/gen/Generated'), [active(onlyGen)], { classPath }).status).toBe('unchanged');
  });

  it('keeps untouched methods and fields raw in tree transforms', () => {
    const original = classBytes('app/Main');
    const result = applyTransforms(original, [active(shoutTree('main'))], { classPath });
    expect(result.status).toBe('changed');
    const before = methodBytes(original);
    const after = methodBytes(result.bytes);
    expect(after.get('<init>()V')).toBe(before.get('<init>()V'));
    expect(after.get('main([Ljava/lang/String;)V')).not.toBe(before.get('main([Ljava/lang/String;)V'));
    // A tree transform that looks without touching leaves the class as it was.
    const look = defineTransform({ name: 'look', tree: (node) => void node.methods.map((m) => m.instructions.size()) });
    const helper = classBytes('app/Helper');
    expect(applyTransforms(helper, [active(look)], { classPath }).bytes).toBe(helper);
  });

  it('sees a method removed by a tree transform, and copies the others', () => {
    const original = classBytes('app/Helper');
    const dropCheck = defineTransform({
      name: 'drop',
      tree: (node) => {
        node.methods = node.methods.filter((m) => m.name !== 'check');
      },
    });
    const dropped = applyTransforms(original, [active(dropCheck)], { classPath });
    expect(dropped.status).toBe('changed');
    expect([...methodBytes(dropped.bytes).keys()]).toEqual(['<init>()V', 'twice(I)I']);
    expect(methodBytes(dropped.bytes).get('twice(I)I')).toBe(methodBytes(original).get('twice(I)I'));
  });

  it('composes transforms in order, across styles', () => {
    const original = classBytes('app/Main');
    const strings = (bytes: Uint8Array): string[] => {
      const node = new ClassNode();
      new ClassReader(bytes).accept(node, 0);
      const main = node.methods.find((m) => m.name === 'main')!;
      return main.instructions
        .toArray()
        .filter((insn): insn is LdcInsnNode => insn instanceof LdcInsnNode && typeof insn.cst === 'string')
        .map((insn) => insn.cst as string);
    };
    // trace first: shout sees the added constant too.
    const traceThenShout = applyTransforms(original, [active(traceVisitor('main')), active(shoutTree('main'))], { classPath });
    expect(strings(traceThenShout.bytes)[0]).toBe('ENTER APP.MAIN.MAIN');
    const shoutThenTrace = applyTransforms(original, [active(shoutTree('main')), active(traceVisitor('main'))], { classPath });
    expect(strings(shoutThenTrace.bytes)[0]).toBe('enter app.Main.main');
    expect(strings(shoutThenTrace.bytes)).toContain('HELLO');
  });

  it('passes options, names and the class path in ctx, and collects ctx.log', () => {
    const seen: unknown[] = [];
    const logs: string[] = [];
    const probe = defineTransform({
      name: 'probe',
      tree: (node, ctx) => {
        seen.push(ctx.options, ctx.className, ctx.internalName, ctx.transformName, ctx.classPath.getSuperName('app/Shape$Square'));
        ctx.log(`saw ${node.name}`);
      },
    });
    applyTransforms(classBytes('app/Main'), [active(probe, { level: 'x' })], {
      classPath,
      log: (entry) => logs.push(`${entry.transform} ${entry.className} ${entry.message}`),
    });
    expect(seen).toEqual([{ level: 'x' }, 'app.Main', 'app/Main', 'probe', 'app/Shape']);
    expect(logs).toEqual(['probe app.Main saw app/Main']);
  });

  it('wraps failures in a TransformError naming the transform and the class', () => {
    const boom = defineTransform({
      name: 'boom',
      visitor: (next) =>
        new (class extends ClassVisitor {
          override visitMethod(access: number, name: string, desc: string, signature: string | null, exceptions: string[] | null) {
            if (name === 'twice') throw new Error('no twice here');
            return super.visitMethod(access, name, desc, signature, exceptions);
          }
        })(Opcodes.ASM9, next),
    });
    const run = (transforms: ActiveTransform[]) => () => applyTransforms(classBytes('app/Helper'), transforms, { classPath });
    expect(run([active(boom)])).toThrow(TransformError);
    expect(run([active(boom)])).toThrow("transform 'boom' failed on app.Helper: no twice here");
    // In a chain, the culprit is found even when it is not first.
    expect(run([active(traceVisitor(null)), active(boom)])).toThrow("transform 'boom' failed on app.Helper");
    expect(run([active(boom), active(traceVisitor(null))])).toThrow("transform 'boom' failed on app.Helper");
    const notVisitor = defineTransform({ name: 'bad', visitor: () => ({}) as never });
    expect(run([active(notVisitor)])).toThrow("transform 'bad' failed on app.Helper: TypeError: visitor() must return a ClassVisitor");
    const promise = defineTransform({ name: 'async', tree: (async () => {}) as never });
    expect(run([active(promise)])).toThrow(/transform 'async' failed on app.Helper: TypeError: tree\(\) returned a promise/);
    const source = defineTransform({ name: 'src', source: (ctClass) => ctClass.getDeclaredMethod('nothing') });
    expect(run([active(source)])).toThrow("transform 'src' failed on app.Helper: NotFoundException: nothing(..) is not found in app.Helper");
    const badSnippet = defineTransform({ name: 'snippet', source: (ctClass) => ctClass.getDeclaredMethods()[0]!.insertBefore('undefinedCall();') });
    expect(run([active(badSnippet)])).toThrow(/transform 'snippet' failed on app.Helper: CannotCompileException: app.Helper.\w+\(.*\): cannot find method undefinedCall\(\) in app.Helper/);
  });

  it('names the class a frame computation cannot find', () => {
    // Without the fixtures on the class path, merging Shape.Square and Shape.Circle in main fails.
    const bare = new ClassPath([]);
    expect(() => applyTransforms(classBytes('app/Main'), [active(traceVisitor('main'))], { classPath: bare })).toThrow(
      /transform 'trace' failed on app.Main: UnknownClassError: .*app\/Shape/,
    );
  });

  it('a tree transform that renames the class gets every method written again: frames name the class even where code does not', async () => {
    const program = await compileJava({
      // pick's StackMapTable names ren/Counter (the stack item where `this` and null meet); its code and descriptor do not.
      'ren/Counter.java': 'package ren; public class Counter { Object pick(int n) { Counter c = n > 0 ? this : null; return c; } public static void main(String[] a) { System.out.println(new Counter().pick(1) != null); } }',
    });
    const rename = defineTransform({
      name: 'rename',
      tree: (node) => {
        const out = new ClassNode();
        node.accept(new ClassRemapper(out, new SimpleRemapper('ren/Counter', 'ren/Renamed')));
        return out;
      },
    });
    const original = program.classes.find((c) => c.name === 'ren/Counter')!.bytes;
    const result = applyTransforms(original, [active(rename)], { classPath: new ClassPath([program.dir]) });
    const run = await runJava({ classpath: [new Map([['ren/Renamed', result.bytes]])], mainClass: 'ren.Renamed', verify: true });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('true\n');
  });

  it('copies the methods a visitor wraps without changing them byte for byte, frames not recomputed', () => {
    // Every method wrapped in a MethodVisitor that forwards each event: the usual shape of an ASM transform.
    const wrapAll = (edit: string | null) =>
      defineTransform({
        name: 'wrap',
        visitor: (next) =>
          new (class extends ClassVisitor {
            override visitMethod(access: number, name: string, desc: string, signature: string | null, exceptions: string[] | null) {
              const mv = super.visitMethod(access, name, desc, signature, exceptions);
              if (mv === null) return null;
              return new (class extends MethodVisitor {
                override visitLdcInsn(value: unknown): void {
                  super.visitLdcInsn(name === edit && value === 'hello' ? 'HELLO' : (value as string));
                }
              })(Opcodes.ASM9, mv);
            }
          })(Opcodes.ASM9, next),
      });
    const original = classBytes('app/Main');
    // main merges Shape.Square and Shape.Circle: recomputing its frames would need them on the class path.
    const bare = new ClassPath([]);
    const passThrough = applyTransforms(original, [active(wrapAll(null))], { classPath: bare });
    expect(passThrough.status).toBe('unchanged');
    expect(passThrough.bytes).toBe(original);
    // Only the edited method is re-encoded; the other methods keep their bytes (and frames).
    const helper = classBytes('app/Helper');
    const helperBefore = methodBytes(helper);
    const edited = applyTransforms(original, [active(wrapAll('main'))], { classPath });
    expect(edited.status).toBe('changed');
    const before = methodBytes(original);
    const after = methodBytes(edited.bytes);
    expect(after.get('<init>()V')).toBe(before.get('<init>()V'));
    expect(after.get('main([Ljava/lang/String;)V')).not.toBe(before.get('main([Ljava/lang/String;)V'));
    // The same edit as a tree transform gives the same bytes.
    const tree = defineTransform({
      name: 'tree',
      tree: (node) => {
        for (const insn of node.methods.find((m) => m.name === 'main')!.instructions.toArray()) {
          if (insn instanceof LdcInsnNode && insn.cst === 'hello') insn.cst = 'HELLO';
        }
      },
    });
    expect(Buffer.from(applyTransforms(original, [active(tree)], { classPath }).bytes).equals(Buffer.from(edited.bytes))).toBe(true);
    expect(methodBytes(applyTransforms(helper, [active(wrapAll('main'))], { classPath: bare }).bytes)).toEqual(helperBefore);
  });

  it('writes changed methods of a version 50 class without the frames a transform inserts', () => {
    const original = new Uint8Array(classBytes('app/Helper'));
    original[6] = 0;
    original[7] = Opcodes.V1_6; // major version 50: HotSpot falls back to type inference without a StackMapTable
    const frameNodes = (bytes: Uint8Array, method: string) => {
      const node = new ClassNode();
      new ClassReader(bytes).accept(node, 0);
      return node.methods.find((m) => m.name === method)!.instructions.toArray().filter((insn) => insn instanceof FrameNode).length;
    };
    expect(frameNodes(original, 'check')).toBeGreaterThan(0);
    const tree = defineTransform({
      name: 'frames-tree',
      tree: (node) => {
        const check = node.methods.find((m) => m.name === 'check')!;
        check.instructions.insert(new FrameNode(Opcodes.F_SAME, 0, null, 0, null));
        check.instructions.insert(new InsnNode(Opcodes.NOP));
      },
    });
    const visitor = defineTransform({
      name: 'frames-visitor',
      visitor: (next) =>
        new (class extends ClassVisitor {
          override visitMethod(access: number, name: string, desc: string, signature: string | null, exceptions: string[] | null) {
            const mv = super.visitMethod(access, name, desc, signature, exceptions);
            if (mv === null || name !== 'check') return mv;
            return new (class extends MethodVisitor {
              override visitCode(): void {
                super.visitCode();
                super.visitInsn(Opcodes.NOP);
                super.visitFrame(Opcodes.F_SAME, 0, null, 0, null);
              }
            })(Opcodes.ASM9, mv);
          }
        })(Opcodes.ASM9, next),
    });
    for (const transform of [tree, visitor]) {
      const result = applyTransforms(original, [active(transform)], { classPath });
      expect(result.status, transform.name).toBe('changed');
      expect(frameNodes(result.bytes, 'check'), transform.name).toBe(0);
      expect(methodBytes(result.bytes).get('twice(I)I')).toBe(methodBytes(original).get('twice(I)I'));
    }
  });

  it('changes nothing in java.base classes with identity visitor and tree transforms', async () => {
    const classes = (await javaBaseClasses()).filter((_, i) => i % 10 === 0);
    const jdkPath = new ClassPath([]);
    const identityVisitor = defineTransform({ name: 'identity', visitor: (next) => new ClassVisitor(Opcodes.ASM9, next) });
    const identityTree = defineTransform({ name: 'identity-tree', tree: () => {} });
    const changed: string[] = [];
    for (const { name, bytes } of classes) {
      for (const transform of [identityVisitor, identityTree]) {
        const result = applyTransforms(bytes, [active(transform)], { classPath: jdkPath });
        if (result.status !== 'unchanged') changed.push(`${transform.name} ${name}`);
      }
    }
    expect(changed).toEqual([]);
    expect(classes.length).toBeGreaterThan(500);
  });

  it('gives the same bytes for the same change made by a visitor transform and by a tree transform', async () => {
    // Every method with code starts by printing its name: the visitor re-encodes every method from the reader
    // (its reader hints), the tree from the nodes (no hints); both write attributes in the source's order.
    const traceTree = defineTransform({
      name: 'trace-tree',
      tree: (node, ctx) => {
        for (const method of node.methods) {
          if (method.instructions.size() === 0) continue;
          const prologue = new InsnList();
          prologue.add(new FieldInsnNode(Opcodes.GETSTATIC, 'java/lang/System', 'out', 'Ljava/io/PrintStream;'));
          prologue.add(new LdcInsnNode(`enter ${ctx.className}.${method.name}`));
          prologue.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, 'java/io/PrintStream', 'println', '(Ljava/lang/String;)V', false));
          method.instructions.insert(prologue);
        }
      },
    });
    const classes = (await javaBaseClasses()).filter((_, i) => i % 10 === 0);
    const jdkPath = new ClassPath([]);
    const different: string[] = [];
    for (const { name, bytes } of classes) {
      const visited = applyTransforms(bytes, [active(traceVisitor(null))], { classPath: jdkPath });
      const treed = applyTransforms(bytes, [active(traceTree)], { classPath: jdkPath });
      expect(visited.status, name).toBe(treed.status);
      if (visited.status === 'changed' && treed.status === 'changed' && !Buffer.from(visited.bytes).equals(Buffer.from(treed.bytes))) {
        different.push(name);
      }
    }
    expect(classes.length).toBeGreaterThan(500);
    expect(different).toEqual([]);
  });
});

describe('loadTransform', () => {
  it('loads a .ts module from outside the project, its classforge imports resolving to this copy', async () => {
    const { loadTransform } = await import('../src/transform/load-transform.js');
    const { makeTempDir } = await import('./support/javac.js');
    const { writeFile, rm } = await import('node:fs/promises');
    const dir = await makeTempDir('load-transform');
    try {
      const file = join(dir, 'probe.ts');
      await writeFile(
        file,
        // A plain object default export is accepted (and checked) like defineTransform's result.
        `import { ClassVisitor, Opcodes } from 'classforge';
         const here: string = import.meta.url;
         export default { name: 'probe', description: here, visitor: (next: ClassVisitor) => new ClassVisitor(Opcodes.ASM9, next) };`,
      );
      const loaded = await loadTransform(file);
      expect(loaded.definition.name).toBe('probe');
      expect(loaded.definition.description).toBe(new URL(`file://${file}`).href);
      const visitor = loaded.definition.visitor!(new ClassVisitor(Opcodes.ASM9), {} as never);
      expect(visitor).toBeInstanceOf(ClassVisitor);
      expect(await loadTransform(file)).toBe(loaded);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
