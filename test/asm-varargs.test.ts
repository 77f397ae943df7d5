// Java varargs in the ASM-style API (`Object... bootstrapMethodArguments`, `Label... labels`, `String... modules`):
// as in Java, every method and constructor that ASM declares with `...` takes the trailing arguments one by one or
// as one array, and both forms give the same result. Both forms type-check (this file is compiled by
// `tsc -p tsconfig.test.json`), so a Java ASM snippet ports line by line.

import { describe, expect, it } from 'vitest';
import {
  AdviceAdapter,
  AnalyzerAdapter,
  CheckMethodAdapter,
  ClassReader,
  ClassVisitor,
  ClassWriter,
  CodeSizeEvaluator,
  ConstantDynamic,
  GeneratorAdapter,
  Handle,
  InstructionAdapter,
  InvokeDynamicInsnNode,
  Label,
  LabelNode,
  MethodNode,
  MethodRemapper,
  MethodVisitor,
  ModuleNode,
  ModuleRemapper,
  ModuleVisitor,
  Opcodes,
  SimpleRemapper,
  StringWriter,
  TableSwitchInsnNode,
  Textifier,
  TraceMethodVisitor,
  TraceModuleVisitor,
  Type,
  type ConstantValue,
} from '../src/index.js';

const BSM = new Handle(
  Opcodes.H_INVOKESTATIC,
  'p/Bootstraps',
  'bsm',
  '(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;ILjava/lang/String;)Ljava/lang/invoke/CallSite;',
  false,
);

/** Records the bootstrap arguments and switch labels a class's methods carry, as a ClassReader delivers them. */
function readBack(bytes: Uint8Array): { bsmArgs: ConstantValue[][]; switchLabels: number[]; exports: (string[] | null)[] } {
  const bsmArgs: ConstantValue[][] = [];
  const switchLabels: number[] = [];
  const exports: (string[] | null)[] = [];
  new ClassReader(bytes).accept(
    new (class extends ClassVisitor {
      override visitMethod(): MethodVisitor {
        return new (class extends MethodVisitor {
          override visitInvokeDynamicInsn(_n: string, _d: string, _h: Handle, args: ConstantValue[]): void {
            bsmArgs.push([...args]);
          }
          override visitTableSwitchInsn(_min: number, _max: number, _dflt: Label, labels: Label[]): void {
            switchLabels.push(labels.length);
          }
        })(Opcodes.ASM9);
      }
      override visitModule(): ModuleVisitor {
        return new (class extends ModuleVisitor {
          override visitExport(_p: string, _a: number, modules: string[] | null): void {
            exports.push(modules === null ? null : [...modules]);
          }
        })(Opcodes.ASM9);
      }
    })(Opcodes.ASM9),
    0,
  );
  return { bsmArgs, switchLabels, exports };
}

/** A class with one static method (I)V whose code `body` writes through `mv`. */
function writeClass(body: (mv: MethodVisitor) => void, flags = ClassWriter.COMPUTE_MAXS): Uint8Array {
  const cw = new ClassWriter(flags);
  cw.visit(Opcodes.V11, Opcodes.ACC_PUBLIC, 'p/C', null, 'java/lang/Object', null);
  const mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, 'm', '(I)V', null, null)!;
  mv.visitCode();
  body(mv);
  mv.visitInsn(Opcodes.RETURN);
  mv.visitMaxs(0, 0);
  mv.visitEnd();
  cw.visitEnd();
  return cw.toByteArray();
}

function indyThenSwitch(mv: MethodVisitor, form: 'spread' | 'array'): void {
  if (form === 'spread') {
    mv.visitInvokeDynamicInsn('run', '()V', BSM, 1, 'two');
  } else {
    mv.visitInvokeDynamicInsn('run', '()V', BSM, [1, 'two']);
  }
  const a = new Label();
  const b = new Label();
  mv.visitVarInsn(Opcodes.ILOAD, 0);
  if (form === 'spread') {
    mv.visitTableSwitchInsn(0, 1, b, a, b);
  } else {
    mv.visitTableSwitchInsn(0, 1, b, [a, b]);
  }
  mv.visitLabel(a);
  mv.visitLabel(b);
}

class Advice extends AdviceAdapter {
  constructor(next: MethodVisitor) {
    super(Opcodes.ASM9, next, Opcodes.ACC_STATIC, 'm', '(I)V');
  }
}

describe('Java varargs: one by one or as one array', () => {
  it('ClassWriter: visitInvokeDynamicInsn and visitTableSwitchInsn write the same code in both forms', () => {
    const spread = writeClass((mv) => indyThenSwitch(mv, 'spread'));
    const array = writeClass((mv) => indyThenSwitch(mv, 'array'));
    expect(Buffer.from(spread).equals(Buffer.from(array))).toBe(true);
    expect(readBack(spread)).toEqual({ bsmArgs: [[1, 'two']], switchLabels: [2], exports: [] });
    // No trailing argument at all: no bootstrap arguments (Java passes an empty array).
    const none = writeClass((mv) => mv.visitInvokeDynamicInsn('run', '()V', BSM));
    expect(readBack(none).bsmArgs).toEqual([[]]);
  });

  it('ClassWriter.newInvokeDynamic and newConstantDynamic take both forms', () => {
    const cw = new ClassWriter(0);
    const i1 = cw.newInvokeDynamic('x', '()V', BSM, 1, 'two');
    expect(cw.newInvokeDynamic('x', '()V', BSM, [1, 'two'])).toBe(i1);
    const c1 = cw.newConstantDynamic('c', 'I', BSM, 3, Type.getType('I'));
    expect(cw.newConstantDynamic('c', 'I', BSM, [3, Type.getType('I')])).toBe(c1);
    const c = new ConstantDynamic('c', 'I', BSM, [3, 'four']);
    expect(c.getBootstrapMethodArgumentCount()).toBe(2);
    expect(new ConstantDynamic('c', 'I', BSM, 3, 'four').equals(c)).toBe(true);
  });

  it('MethodNode and the tree nodes store arrays in both forms', () => {
    for (const form of ['spread', 'array'] as const) {
      const mn = new MethodNode(Opcodes.ASM9);
      indyThenSwitch(mn, form);
      const indy = mn.instructions.get(0) as InvokeDynamicInsnNode;
      expect(indy.bsmArgs).toEqual([1, 'two']);
      const ts = mn.instructions.get(2) as TableSwitchInsnNode;
      expect(ts.labels.length).toBe(2);
      expect(ts.labels[0]).toBe(mn.instructions.get(3));
    }
    expect(new InvokeDynamicInsnNode('x', '()V', BSM, 1, 'two').bsmArgs).toEqual([1, 'two']);
    expect(new InvokeDynamicInsnNode('x', '()V', BSM, [1, 'two']).bsmArgs).toEqual([1, 'two']);
    expect(new InvokeDynamicInsnNode('x', '()V', BSM).bsmArgs).toEqual([]);
    const l = new LabelNode();
    const e = new LabelNode();
    expect(new TableSwitchInsnNode(0, 1, e, l, e).labels).toEqual([l, e]);
    expect(new TableSwitchInsnNode(0, 1, e, [l, e]).labels).toEqual([l, e]);

    // A TableSwitchInsnNode made the Java way is written correctly.
    const mn = new MethodNode(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, 'm', '(I)V', null, null);
    const insn = new TableSwitchInsnNode(0, 1, e, l, e);
    mn.visitVarInsn(Opcodes.ILOAD, 0);
    mn.instructions.add(insn);
    mn.instructions.add(l);
    mn.instructions.add(e);
    const cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    cw.visit(Opcodes.V1_6, Opcodes.ACC_PUBLIC, 'p/C', null, 'java/lang/Object', null);
    mn.visitInsn(Opcodes.RETURN);
    mn.accept(cw);
    expect(readBack(cw.toByteArray()).switchLabels).toEqual([2]);
  });

  it('TraceMethodVisitor and Textifier print the same text for both forms', () => {
    const text = (form: 'spread' | 'array'): string => {
      const tmv = new TraceMethodVisitor(new Textifier());
      indyThenSwitch(tmv, form);
      const sw = new StringWriter();
      tmv.p.print(sw);
      return sw.toString();
    };
    expect(text('spread')).toBe(text('array'));
    expect(text('spread')).toContain('"two"');
    const t = new Textifier();
    t.visitInvokeDynamicInsn('x', '()V', BSM, 7, 'eight');
    expect(t.getText().join('')).toContain('"eight"');
  });

  it('the commons and util adapters pass both forms on as arrays', () => {
    const adapters: ((next: MethodNode) => MethodVisitor)[] = [
      (next) => new MethodVisitor(Opcodes.ASM9, next),
      (next) => new CheckMethodAdapter(next),
      (next) => new AnalyzerAdapter('p/C', Opcodes.ACC_STATIC, 'm', '(I)V', next),
      (next) => new CodeSizeEvaluator(next),
      (next) => new MethodRemapper(next, new SimpleRemapper(new Map())),
      (next) => new InstructionAdapter(next),
      (next) => new TraceMethodVisitor(next, new Textifier()),
      (next) => new Advice(next),
    ];
    for (const make of adapters) {
      const mn = new MethodNode(Opcodes.ASM9);
      const mv = make(mn);
      mv.visitCode();
      indyThenSwitch(mv, 'spread');
      const indy = mn.instructions.toArray().find((n) => n instanceof InvokeDynamicInsnNode) as InvokeDynamicInsnNode;
      expect(indy.bsmArgs, mv.constructor.name).toEqual([1, 'two']);
      const ts = mn.instructions.toArray().find((n) => n instanceof TableSwitchInsnNode) as TableSwitchInsnNode;
      expect(ts.labels.length, mv.constructor.name).toBe(2);
    }
  });

  it('GeneratorAdapter.invokeDynamic and InstructionAdapter.tableswitch take both forms', () => {
    const mn = new MethodNode(Opcodes.ASM9, Opcodes.ACC_STATIC, 'm', '(I)V', null, null);
    const ga = new GeneratorAdapter(mn, Opcodes.ACC_STATIC, 'm', '(I)V');
    ga.invokeDynamic('a', '()V', BSM, 1, 'two');
    ga.invokeDynamic('b', '()V', BSM, [3, 'four']);
    ga.invokeDynamic('c', '()V', BSM);
    const ia = new InstructionAdapter(mn);
    const a = new Label();
    ia.tableswitch(0, 0, a, a);
    ia.tableswitch(0, 0, a, [a]);
    ia.mark(a);
    const nodes = mn.instructions.toArray();
    expect(nodes.filter((n) => n instanceof InvokeDynamicInsnNode).map((n) => (n as InvokeDynamicInsnNode).bsmArgs)).toEqual([
      [1, 'two'],
      [3, 'four'],
      [],
    ]);
    expect(nodes.filter((n) => n instanceof TableSwitchInsnNode).map((n) => (n as TableSwitchInsnNode).labels.length)).toEqual([
      1, 1,
    ]);
  });

  it('ModuleVisitor.visitExport/visitOpen/visitProvide take both forms (and null for none)', () => {
    const write = (body: (mv: ModuleVisitor) => void): Uint8Array => {
      const cw = new ClassWriter(0);
      cw.visit(Opcodes.V9, Opcodes.ACC_MODULE, 'module-info', null, null, null);
      const mv = cw.visitModule('m', 0, null)!;
      body(mv);
      mv.visitEnd();
      cw.visitEnd();
      return cw.toByteArray();
    };
    const spread = write((mv) => {
      mv.visitExport('p/a', 0, 'm1', 'm2');
      mv.visitOpen('p/b', 0, 'm1');
      mv.visitProvide('p/S', 'p/I1', 'p/I2');
      mv.visitExport('p/c', 0);
    });
    const array = write((mv) => {
      mv.visitExport('p/a', 0, ['m1', 'm2']);
      mv.visitOpen('p/b', 0, ['m1']);
      mv.visitProvide('p/S', ['p/I1', 'p/I2']);
      mv.visitExport('p/c', 0, null);
    });
    expect(Buffer.from(spread).equals(Buffer.from(array))).toBe(true);
    expect(readBack(spread).exports).toEqual([['m1', 'm2'], null]);

    const node = new ModuleNode('m', 0, null);
    const remapper = new ModuleRemapper(Opcodes.ASM9, new TraceModuleVisitor(node, new Textifier()), new SimpleRemapper(new Map()));
    remapper.visitExport('p/a', 0, 'm1', 'm2');
    remapper.visitProvide('p/S', 'p/I1', 'p/I2');
    expect(node.exports![0]!.modules).toEqual(['m1', 'm2']);
    expect(node.provides![0]!.providers).toEqual(['p/I1', 'p/I2']);
  });
});
