// API levels against ASM 9 itself: which constructors a subclass may call without an api (ASM throws
// IllegalStateException when a subclass uses the "latest api" form of most classes, but not of
// LocalVariableAnnotationNode), and which nodes MethodNode.check(api) rejects at each level
// (ASM4 already had invokedynamic; it lacked method handle and method type constants, parameters,
// type annotations and interface flags that disagree with the opcode, which an ASM4 MethodNode
// refuses as it records them; ASM7 added condy).
// The same cases run on ASM (Debian's libasm-java, compiled against with javac) and on ours.

import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConstantDynamic } from '../src/asm/constant-dynamic.js';
import { Handle } from '../src/asm/handle.js';
import { Label } from '../src/asm/label.js';
import { Opcodes } from '../src/asm/opcodes.js';
import { Type } from '../src/asm/type.js';
import { BasicInterpreter } from '../src/analysis/basic-interpreter.js';
import { BasicVerifier } from '../src/analysis/basic-verifier.js';
import { SimpleVerifier } from '../src/analysis/simple-verifier.js';
import { SourceInterpreter } from '../src/analysis/source-interpreter.js';
import { ClassNode } from '../src/tree/class-node.js';
import { LabelNode } from '../src/tree/label-node.js';
import { LocalVariableAnnotationNode } from '../src/tree/local-variable-annotation-node.js';
import { MethodNode } from '../src/tree/method-node.js';
import { ASMifier } from '../src/util/asmifier.js';
import { Textifier } from '../src/util/textifier.js';
import { compileJava, runJava } from './support/javac.js';

const ASM_JARS = ['asm.jar', 'asm-tree.jar', 'asm-analysis.jar', 'asm-util.jar'].map((jar) => `/usr/share/java/${jar}`);

const API_LEVELS = ['ASM4', 'ASM5', 'ASM6', 'ASM7', 'ASM8', 'ASM9'] as const;

const HARNESS = `
import org.objectweb.asm.*;
import org.objectweb.asm.tree.*;
import org.objectweb.asm.tree.analysis.*;
import org.objectweb.asm.util.*;

public class ApiLevels implements Opcodes {
  interface Case { void run() throws Exception; }
  static void t(String name, Case c) {
    try { c.run(); System.out.println(name + " ok"); } catch (Throwable e) { System.out.println(name + " " + e.getClass().getSimpleName()); }
  }
  static Handle handle() { return new Handle(H_INVOKESTATIC, "a/B", "m", "()V", false); }
  interface Body { void emit(MethodNode m); }
  static void check(String name, Body body) {
    int[] apis = { ASM4, ASM5, ASM6, ASM7, ASM8, ASM9 };
    String[] names = { "ASM4", "ASM5", "ASM6", "ASM7", "ASM8", "ASM9" };
    for (int i = 0; i < apis.length; i++) {
      int api = apis[i];
      MethodNode m = new MethodNode(ACC_STATIC, "m", "()V", null, null);
      body.emit(m);
      t(name + " " + names[i], () -> m.check(api));
    }
  }
  public static void main(String[] args) {
    t("BasicInterpreter", () -> new BasicInterpreter() {});
    t("BasicVerifier", () -> new BasicVerifier() {});
    t("SimpleVerifier()", () -> new SimpleVerifier() {});
    t("SimpleVerifier(3)", () -> new SimpleVerifier(null, null, false) {});
    t("SimpleVerifier(4)", () -> new SimpleVerifier(null, null, null, false) {});
    t("SimpleVerifier(api)", () -> new SimpleVerifier(ASM9, null, null, null, false) {});
    t("SourceInterpreter", () -> new SourceInterpreter() {});
    t("ASMifier", () -> new ASMifier() {});
    t("Textifier", () -> new Textifier() {});
    t("ClassNode", () -> new ClassNode() {});
    t("LocalVariableAnnotationNode", () -> new LocalVariableAnnotationNode(0x40000000, null, new LabelNode[0], new LabelNode[0], new int[0], "LA;") {});
    t("MethodNode(ASM4) invokestatic on an interface", () -> new MethodNode(ASM4) {}.visitMethodInsn(INVOKESTATIC, "a/I", "m", "()V", true));
    t("MethodNode(ASM4) invokestatic on a class", () -> new MethodNode(ASM4) {}.visitMethodInsn(INVOKESTATIC, "a/C", "m", "()V", false));
    t("MethodNode(ASM4) invokeinterface", () -> new MethodNode(ASM4) {}.visitMethodInsn(INVOKEINTERFACE, "a/I", "m", "()V", true));
    t("MethodNode(ASM5) invokestatic on an interface", () -> new MethodNode(ASM5) {}.visitMethodInsn(INVOKESTATIC, "a/I", "m", "()V", true));
    check("invokedynamic", m -> m.visitInvokeDynamicInsn("x", "()V", handle()));
    check("ldc handle", m -> m.visitLdcInsn(handle()));
    check("ldc method type", m -> m.visitLdcInsn(Type.getMethodType("()V")));
    check("ldc condy", m -> m.visitLdcInsn(new ConstantDynamic("c", "I", handle())));
    check("invokestatic on an interface", m -> m.visitMethodInsn(INVOKESTATIC, "a/I", "m", "()V", true));
    check("invokeinterface", m -> m.visitMethodInsn(INVOKEINTERFACE, "a/I", "m", "()V", true));
    check("parameter", m -> m.visitParameter("p", 0));
    check("instruction type annotation", m -> { m.visitInsn(NOP); m.visitInsnAnnotation(0x43000000, null, "LA;", true); });
    check("local variable annotation", m -> m.visitLocalVariableAnnotation(0x40000000, null, new Label[] { new Label() }, new Label[] { new Label() }, new int[] { 1 }, "LA;", true));
  }
}
`;

function outcome(name: string, run: () => unknown): string {
  try {
    run();
    return `${name} ok`;
  } catch (error) {
    return `${name} ${(error as Error).constructor.name}`;
  }
}

function ourOutcomes(): string[] {
  const lines: string[] = [];
  const t = (name: string, run: () => unknown): void => {
    lines.push(outcome(name, run));
  };
  const handle = (): Handle => new Handle(Opcodes.H_INVOKESTATIC, 'a/B', 'm', '()V', false);
  const check = (name: string, emit: (m: MethodNode) => void): void => {
    for (const level of API_LEVELS) {
      const m = new MethodNode(Opcodes.ACC_STATIC, 'm', '()V', null, null);
      emit(m);
      t(`${name} ${level}`, () => m.check(Opcodes[level]));
    }
  };
  t('BasicInterpreter', () => new (class extends BasicInterpreter {})());
  t('BasicVerifier', () => new (class extends BasicVerifier {})());
  t('SimpleVerifier()', () => new (class extends SimpleVerifier {})());
  t('SimpleVerifier(3)', () => new (class extends SimpleVerifier {})(null, null, false));
  t('SimpleVerifier(4)', () => new (class extends SimpleVerifier {})(null, null, null, false));
  t('SimpleVerifier(api)', () => new (class extends SimpleVerifier {})(Opcodes.ASM9, null, null, null, false));
  t('SourceInterpreter', () => new (class extends SourceInterpreter {})());
  t('ASMifier', () => new (class extends ASMifier {})());
  t('Textifier', () => new (class extends Textifier {})());
  t('ClassNode', () => new (class extends ClassNode {})());
  t('LocalVariableAnnotationNode', () => new (class extends LocalVariableAnnotationNode {})(0x40000000, null, [], [], [], 'LA;'));
  const methodNode = (api: number): MethodNode => new (class extends MethodNode {})(api);
  t('MethodNode(ASM4) invokestatic on an interface', () => methodNode(Opcodes.ASM4).visitMethodInsn(Opcodes.INVOKESTATIC, 'a/I', 'm', '()V', true));
  t('MethodNode(ASM4) invokestatic on a class', () => methodNode(Opcodes.ASM4).visitMethodInsn(Opcodes.INVOKESTATIC, 'a/C', 'm', '()V', false));
  t('MethodNode(ASM4) invokeinterface', () => methodNode(Opcodes.ASM4).visitMethodInsn(Opcodes.INVOKEINTERFACE, 'a/I', 'm', '()V', true));
  t('MethodNode(ASM5) invokestatic on an interface', () => methodNode(Opcodes.ASM5).visitMethodInsn(Opcodes.INVOKESTATIC, 'a/I', 'm', '()V', true));
  check('invokedynamic', (m) => m.visitInvokeDynamicInsn('x', '()V', handle()));
  check('ldc handle', (m) => m.visitLdcInsn(handle()));
  check('ldc method type', (m) => m.visitLdcInsn(Type.getMethodType('()V')));
  check('ldc condy', (m) => m.visitLdcInsn(new ConstantDynamic('c', 'I', handle())));
  check('invokestatic on an interface', (m) => m.visitMethodInsn(Opcodes.INVOKESTATIC, 'a/I', 'm', '()V', true));
  check('invokeinterface', (m) => m.visitMethodInsn(Opcodes.INVOKEINTERFACE, 'a/I', 'm', '()V', true));
  check('parameter', (m) => m.visitParameter('p', 0));
  check('instruction type annotation', (m) => {
    m.visitInsn(Opcodes.NOP);
    m.visitInsnAnnotation(0x43000000, null, 'LA;', true);
  });
  check('local variable annotation', (m) => m.visitLocalVariableAnnotation(0x40000000, null, [new Label()], [new Label()], [1], 'LA;', true));
  return lines;
}

describe('API levels against ASM 9', () => {
  it.skipIf(!ASM_JARS.every((jar) => existsSync(jar)))(
    'subclasses may skip the api exactly where ASM lets them, and check(api) rejects what ASM rejects',
    async () => {
      const { dir } = await compileJava({ 'ApiLevels.java': HARNESS }, { release: 11, options: ['-cp', ASM_JARS.join(':')] });
      const result = await runJava({ classpath: [dir, ...ASM_JARS], mainClass: 'ApiLevels' });
      expect(result.stderr).toBe('');
      const expected = result.stdout.trim().split('\n');
      // A sanity check on the oracle: the cases that distinguish the rules are there.
      expect(expected).toContain('LocalVariableAnnotationNode ok');
      expect(expected).toContain('invokedynamic ASM4 ok');
      expect(expected).toContain('BasicInterpreter IllegalStateException');
      expect(expected).toContain('MethodNode(ASM4) invokestatic on an interface UnsupportedOperationException');
      expect(ourOutcomes()).toEqual(expected);
    },
  );
});
