// The tree API (src/tree): ASM's asm-tree rebuilt in TypeScript.
//
// - InsnList behaves as ASM's (links, size, index cache, iterators, list moves);
// - nodes record visitor events and replay them in ASM's order (accept), clone, and check api levels;
// - javac-compiled classes survive ClassReader → ClassNode → ClassWriter(0) structurally unchanged;
// - a MethodNode built by hand, written with COMPUTE_MAXS, runs under `java -Xverify:all`.

import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AnnotationVisitor, type AnnotationValue } from '../src/asm/annotation-visitor.js';
import { ClassVisitor } from '../src/asm/class-visitor.js';
import { Handle } from '../src/asm/handle.js';
import { IllegalArgumentException, IllegalStateException, NoSuchElementException } from '../src/asm/java-exceptions.js';
import { Byte, Character, Double, Float, Short, type ConstantValue } from '../src/asm/java-values.js';
import { Label } from '../src/asm/label.js';
import { MethodVisitor, type FrameElement } from '../src/asm/method-visitor.js';
import { Opcodes } from '../src/asm/opcodes.js';
import { Type } from '../src/asm/type.js';
import type { TypePath } from '../src/asm/type-path.js';
import {
  AbstractInsnNode,
  AnnotationNode,
  ClassNode,
  FieldInsnNode,
  FieldNode,
  FrameNode,
  IincInsnNode,
  InsnList,
  InsnListIterator,
  InsnNode,
  IntInsnNode,
  InvokeDynamicInsnNode,
  JumpInsnNode,
  LabelNode,
  LdcInsnNode,
  LineNumberNode,
  LocalVariableNode,
  LookupSwitchInsnNode,
  MethodInsnNode,
  MethodNode,
  ModuleNode,
  MultiANewArrayInsnNode,
  RecordComponentNode,
  TableSwitchInsnNode,
  TryCatchBlockNode,
  TypeAnnotationNode,
  TypeInsnNode,
  UnsupportedClassVersionException,
  VarInsnNode,
} from '../src/tree/index.js';
import { javaBaseClasses } from './support/corpus.js';
import { compileJava, makeTempDir, runJava } from './support/javac.js';
import { firstDumpDifference, structuralDump } from './support/structural-dump.js';

// ## Helpers

function insns(count: number): InsnNode[] {
  const result: InsnNode[] = [];
  for (let i = 0; i < count; i++) result.push(new InsnNode(Opcodes.ICONST_0 + (i % 6)));
  return result;
}

function listOf(nodes: AbstractInsnNode[]): InsnList {
  const list = new InsnList();
  for (const node of nodes) list.add(node);
  return list;
}

/** Checks every link of `list` against `expected`, both directions, plus size/first/last/get/indexOf. */
function expectList(list: InsnList, expected: AbstractInsnNode[]): void {
  expect(list.size()).toBe(expected.length);
  expect(list.getFirst()).toBe(expected[0] ?? null);
  expect(list.getLast()).toBe(expected[expected.length - 1] ?? null);
  expect(list.toArray()).toEqual(expected);
  expect([...list]).toEqual(expected);
  for (let i = 0; i < expected.length; i++) {
    const node = expected[i]!;
    expect(node.getPrevious()).toBe(expected[i - 1] ?? null);
    expect(node.getNext()).toBe(expected[i + 1] ?? null);
    expect(list.get(i)).toBe(node);
    expect(list.indexOf(node)).toBe(i);
    expect(list.contains(node)).toBe(true);
  }
}

/** A MethodVisitor that logs every event as text, naming labels L0, L1… in order of appearance. */
class RecordingMethodVisitor extends MethodVisitor {
  readonly events: string[] = [];
  private readonly labels = new Map<Label, string>();

  constructor() {
    super(Opcodes.ASM9);
  }

  private l(label: Label | null): string {
    if (label === null) return 'null';
    let name = this.labels.get(label);
    if (name === undefined) {
      name = `L${this.labels.size}`;
      this.labels.set(label, name);
    }
    return name;
  }

  private frameElements(elements: FrameElement[] | null): string {
    return elements === null ? 'null' : `[${elements.map((e) => (e instanceof Label ? this.l(e) : String(e))).join(',')}]`;
  }

  private annotation(prefix: string): AnnotationVisitor {
    return new RecordingAnnotationVisitor(this.events, prefix);
  }

  override visitParameter(name: string | null, access: number): void {
    this.events.push(`parameter ${name} ${access}`);
  }
  override visitAnnotationDefault(): AnnotationVisitor {
    this.events.push('annotationDefault');
    return this.annotation('  default');
  }
  override visitAnnotation(descriptor: string, visible: boolean): AnnotationVisitor {
    this.events.push(`annotation ${descriptor} ${visible}`);
    return this.annotation('  ');
  }
  override visitTypeAnnotation(typeRef: number, typePath: TypePath | null, descriptor: string, visible: boolean): AnnotationVisitor {
    this.events.push(`typeAnnotation ${typeRef.toString(16)} ${typePath} ${descriptor} ${visible}`);
    return this.annotation('  ');
  }
  override visitAnnotableParameterCount(parameterCount: number, visible: boolean): void {
    this.events.push(`annotableParameterCount ${parameterCount} ${visible}`);
  }
  override visitParameterAnnotation(parameter: number, descriptor: string, visible: boolean): AnnotationVisitor {
    this.events.push(`parameterAnnotation ${parameter} ${descriptor} ${visible}`);
    return this.annotation('  ');
  }
  override visitCode(): void {
    this.events.push('code');
  }
  override visitFrame(type: number, numLocal: number, local: FrameElement[] | null, numStack: number, stack: FrameElement[] | null): void {
    this.events.push(`frame ${type} ${numLocal} ${this.frameElements(local)} ${numStack} ${this.frameElements(stack)}`);
  }
  override visitInsn(opcode: number): void {
    this.events.push(`insn ${opcode}`);
  }
  override visitIntInsn(opcode: number, operand: number): void {
    this.events.push(`intInsn ${opcode} ${operand}`);
  }
  override visitVarInsn(opcode: number, varIndex: number): void {
    this.events.push(`varInsn ${opcode} ${varIndex}`);
  }
  override visitTypeInsn(opcode: number, type: string): void {
    this.events.push(`typeInsn ${opcode} ${type}`);
  }
  override visitFieldInsn(opcode: number, owner: string, name: string, descriptor: string): void {
    this.events.push(`fieldInsn ${opcode} ${owner}.${name}:${descriptor}`);
  }
  override visitMethodInsn(opcode: number, owner: string, name: string, descriptor: string, isInterface?: boolean): void {
    const itf = isInterface ?? opcode === Opcodes.INVOKEINTERFACE;
    this.events.push(`methodInsn ${opcode} ${owner}.${name}${descriptor} ${itf}`);
  }
  override visitInvokeDynamicInsn(name: string, descriptor: string, bsm: Handle, args: ConstantValue[]): void {
    this.events.push(`indy ${name}${descriptor} ${bsm.getName()} ${args.map(String).join(',')}`);
  }
  override visitJumpInsn(opcode: number, label: Label): void {
    this.events.push(`jump ${opcode} ${this.l(label)}`);
  }
  override visitLabel(label: Label): void {
    this.events.push(`label ${this.l(label)}`);
  }
  override visitLdcInsn(value: ConstantValue): void {
    this.events.push(`ldc ${String(value)}`);
  }
  override visitIincInsn(varIndex: number, increment: number): void {
    this.events.push(`iinc ${varIndex} ${increment}`);
  }
  override visitTableSwitchInsn(min: number, max: number, dflt: Label, labels: Label[]): void {
    this.events.push(`tableswitch ${min} ${max} ${this.l(dflt)} ${labels.map((x) => this.l(x)).join(',')}`);
  }
  override visitLookupSwitchInsn(dflt: Label, keys: number[], labels: Label[]): void {
    this.events.push(`lookupswitch ${this.l(dflt)} ${keys.join(',')} ${labels.map((x) => this.l(x)).join(',')}`);
  }
  override visitMultiANewArrayInsn(descriptor: string, numDimensions: number): void {
    this.events.push(`multianewarray ${descriptor} ${numDimensions}`);
  }
  override visitInsnAnnotation(typeRef: number, typePath: TypePath | null, descriptor: string, visible: boolean): AnnotationVisitor {
    this.events.push(`insnAnnotation ${typeRef.toString(16)} ${descriptor} ${visible}`);
    return this.annotation('  ');
  }
  override visitTryCatchBlock(start: Label, end: Label, handler: Label, type: string | null): void {
    this.events.push(`tryCatch ${this.l(start)} ${this.l(end)} ${this.l(handler)} ${type}`);
  }
  override visitTryCatchAnnotation(typeRef: number, typePath: TypePath | null, descriptor: string, visible: boolean): AnnotationVisitor {
    this.events.push(`tryCatchAnnotation ${typeRef.toString(16)} ${descriptor} ${visible}`);
    return this.annotation('  ');
  }
  override visitLocalVariable(name: string, descriptor: string, signature: string | null, start: Label, end: Label, index: number): void {
    this.events.push(`localVariable ${name} ${descriptor} ${signature} ${this.l(start)} ${this.l(end)} ${index}`);
  }
  override visitLocalVariableAnnotation(
    typeRef: number,
    typePath: TypePath | null,
    start: Label[],
    end: Label[],
    index: number[],
    descriptor: string,
    visible: boolean,
  ): AnnotationVisitor {
    const ranges = start.map((s, i) => `${this.l(s)}-${this.l(end[i]!)}@${index[i]}`).join(',');
    this.events.push(`localVariableAnnotation ${typeRef.toString(16)} ${ranges} ${descriptor} ${visible}`);
    return this.annotation('  ');
  }
  override visitLineNumber(line: number, start: Label): void {
    this.events.push(`line ${line} ${this.l(start)}`);
  }
  override visitMaxs(maxStack: number, maxLocals: number): void {
    this.events.push(`maxs ${maxStack} ${maxLocals}`);
  }
  override visitEnd(): void {
    this.events.push('end');
  }
}

function describeValue(value: unknown): string {
  if (value instanceof Byte) return `B${value.value}`;
  if (value instanceof Short) return `S${value.value}`;
  if (value instanceof Character) return `C${value.value}`;
  if (value instanceof Float) return `F${value.bits}`;
  if (value instanceof Double) return `D${value.bits}`;
  if (typeof value === 'bigint') return `J${value}`;
  if (value instanceof Type) return `T${value.getDescriptor()}`;
  if (ArrayBuffer.isView(value) || Array.isArray(value)) return `${value.constructor.name}[${Array.from(value as ArrayLike<unknown>, describeValue).join(',')}]`;
  return `${typeof value}:${String(value)}`;
}

class RecordingAnnotationVisitor extends AnnotationVisitor {
  constructor(
    private readonly events: string[],
    private readonly indent: string,
  ) {
    super(Opcodes.ASM9);
  }
  override visit(name: string | null, value: AnnotationValue): void {
    this.events.push(`${this.indent}value ${name} ${describeValue(value)}`);
  }
  override visitEnum(name: string | null, descriptor: string, value: string): void {
    this.events.push(`${this.indent}enum ${name} ${descriptor} ${value}`);
  }
  override visitAnnotation(name: string | null, descriptor: string): AnnotationVisitor {
    this.events.push(`${this.indent}annotation ${name} ${descriptor}`);
    return new RecordingAnnotationVisitor(this.events, this.indent + '  ');
  }
  override visitArray(name: string | null): AnnotationVisitor {
    this.events.push(`${this.indent}array ${name}`);
    return new RecordingAnnotationVisitor(this.events, this.indent + '  ');
  }
  override visitEnd(): void {
    this.events.push(`${this.indent}end`);
  }
}

/** Replays the same scripted events into `mv` (labels are fresh for each call). */
function scriptMethod(mv: MethodVisitor): void {
  const start = new Label();
  const loop = new Label();
  const end = new Label();
  const handler = new Label();
  const case0 = new Label();
  const dflt = new Label();
  mv.visitParameter('x', Opcodes.ACC_FINAL);
  mv.visitAnnotation('LA;', true)!.visitEnd();
  mv.visitCode();
  mv.visitTryCatchBlock(start, end, handler, 'java/lang/Exception');
  mv.visitLabel(start);
  mv.visitLineNumber(10, start);
  mv.visitInsn(Opcodes.ICONST_0);
  mv.visitVarInsn(Opcodes.ISTORE, 1);
  mv.visitLabel(loop);
  mv.visitFrame(Opcodes.F_APPEND, 1, [Opcodes.INTEGER], 0, null);
  mv.visitIincInsn(1, 1);
  mv.visitVarInsn(Opcodes.ILOAD, 1);
  mv.visitIntInsn(Opcodes.BIPUSH, 10);
  mv.visitJumpInsn(Opcodes.IF_ICMPLT, loop);
  mv.visitVarInsn(Opcodes.ILOAD, 1);
  mv.visitTableSwitchInsn(0, 0, dflt, [case0]);
  mv.visitLabel(case0);
  mv.visitLookupSwitchInsn(dflt, [1, 5], [case0, dflt]);
  mv.visitLabel(dflt);
  mv.visitTypeInsn(Opcodes.NEW, 'java/lang/Object');
  mv.visitInsnAnnotation(0x44000000, null, 'LT;', false)!.visitEnd();
  mv.visitFieldInsn(Opcodes.GETSTATIC, 'java/lang/System', 'out', 'Ljava/io/PrintStream;');
  mv.visitLdcInsn('hi');
  mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, 'java/io/PrintStream', 'println', '(Ljava/lang/String;)V', false);
  mv.visitMethodInsn(Opcodes.INVOKEINTERFACE, 'java/util/List', 'size', '()I');
  mv.visitInvokeDynamicInsn('run', '()Ljava/lang/Runnable;', new Handle(Opcodes.H_INVOKESTATIC, 'B', 'bsm', '()V', false), [
    42,
    'x',
  ]);
  mv.visitMultiANewArrayInsn('[[I', 2);
  mv.visitLabel(end);
  mv.visitLabel(handler);
  mv.visitInsn(Opcodes.RETURN);
  mv.visitLocalVariable('i', 'I', null, loop, end, 1);
  mv.visitMaxs(4, 2);
  mv.visitEnd();
}

// ## InsnList

describe('InsnList', () => {
  it('adds, inserts and removes instructions, keeping links and size consistent', () => {
    const [a, b, c, d, e, f] = insns(6) as [InsnNode, InsnNode, InsnNode, InsnNode, InsnNode, InsnNode];
    const list = new InsnList();
    expectList(list, []);
    list.add(b);
    expectList(list, [b]);
    list.insert(a); // at the beginning
    expectList(list, [a, b]);
    list.add(d);
    list.insert(b, c); // after b
    expectList(list, [a, b, c, d]);
    list.insertBefore(a, e); // before the first
    expectList(list, [e, a, b, c, d]);
    list.insert(d, f); // after the last
    expectList(list, [e, a, b, c, d, f]);
    list.remove(e);
    list.remove(f);
    list.remove(b);
    expectList(list, [a, c, d]);
    // A removed instruction is unlinked and belongs to no list.
    expect(b.getPrevious()).toBeNull();
    expect(b.getNext()).toBeNull();
    expect(b.index).toBe(-1);
    expect(list.contains(b)).toBe(false);
    list.remove(a);
    list.remove(c);
    list.remove(d);
    expectList(list, []);
  });

  it('replaces instructions with set, with and without the index cache', () => {
    const [a, b, c, x, y] = insns(5) as [InsnNode, InsnNode, InsnNode, InsnNode, InsnNode];
    const list = listOf([a, b, c]);
    // Without cache.
    expect(list.cache).toBeNull();
    list.set(a, x);
    expect(list.cache).toBeNull();
    expectList(list, [x, b, c]);
    expect(a.index).toBe(-1);
    // With a cache: set keeps it valid and patches the new node's index.
    list.get(0);
    const cache = list.cache;
    expect(cache).not.toBeNull();
    list.set(c, y);
    expect(list.cache).toBe(cache);
    expect(list.indexOf(y)).toBe(2);
    expect(list.get(2)).toBe(y);
    expectList(list, [x, b, y]);
  });

  it('builds the index cache lazily and drops it on every modification', () => {
    const nodes = insns(4);
    const list = listOf(nodes.slice(0, 3));
    expect(list.cache).toBeNull();
    expect(list.get(1)).toBe(nodes[1]);
    expect(list.cache).not.toBeNull();
    const cache = list.cache;
    expect(list.get(2)).toBe(nodes[2]);
    expect(list.cache).toBe(cache); // reused
    list.add(nodes[3]!);
    expect(list.cache).toBeNull();
    expect(list.indexOf(nodes[3]!)).toBe(3);
    expect(list.cache).not.toBeNull();
    list.remove(nodes[0]!);
    expect(list.cache).toBeNull();
    expect(list.indexOf(nodes[3]!)).toBe(2);
    list.insert(nodes[0]!);
    expect(list.cache).toBeNull();
    list.get(0);
    list.insertBefore(nodes[1]!, new InsnNode(Opcodes.NOP));
    expect(list.cache).toBeNull();
    list.get(0);
    list.clear();
    expect(list.cache).toBeNull();
    expect(() => list.get(0)).toThrow(RangeError);
    expect(() => listOf(insns(2)).get(-1)).toThrow(RangeError);
    expect(() => listOf(insns(2)).get(2)).toThrow(RangeError);
  });

  it('moves whole lists with add, insert and insertBefore, emptying the source', () => {
    const n = insns(10);
    const target = listOf([n[0]!, n[1]!]);
    const other = listOf([n[2]!, n[3]!]);
    target.add(other); // at the end
    expectList(target, [n[0]!, n[1]!, n[2]!, n[3]!]);
    expectList(other, []);
    target.insert(listOf([n[4]!, n[5]!])); // at the beginning
    expectList(target, [n[4]!, n[5]!, n[0]!, n[1]!, n[2]!, n[3]!]);
    target.insert(n[1]!, listOf([n[6]!])); // after n1
    expectList(target, [n[4]!, n[5]!, n[0]!, n[1]!, n[6]!, n[2]!, n[3]!]);
    target.insert(n[3]!, listOf([n[7]!])); // after the last
    expectList(target, [n[4]!, n[5]!, n[0]!, n[1]!, n[6]!, n[2]!, n[3]!, n[7]!]);
    target.insertBefore(n[4]!, listOf([n[8]!])); // before the first
    target.insertBefore(n[2]!, listOf([n[9]!]));
    expectList(target, [n[8]!, n[4]!, n[5]!, n[0]!, n[1]!, n[6]!, n[9]!, n[2]!, n[3]!, n[7]!]);
    // Empty lists change nothing; into an empty list, the moved list becomes the whole list.
    target.add(new InsnList());
    target.insert(new InsnList());
    target.insert(n[0]!, new InsnList());
    target.insertBefore(n[0]!, new InsnList());
    expect(target.size()).toBe(10);
    const empty = new InsnList();
    empty.insert(target);
    expect(empty.size()).toBe(10);
    expect(target.size()).toBe(0);
    const empty2 = new InsnList();
    empty2.add(empty);
    expectList(empty2, [n[8]!, n[4]!, n[5]!, n[0]!, n[1]!, n[6]!, n[9]!, n[2]!, n[3]!, n[7]!]);
  });

  it('clear() forgets the instructions without unlinking them, as ASM does', () => {
    const [a, b] = insns(2) as [InsnNode, InsnNode];
    const list = listOf([a, b]);
    list.clear();
    expectList(list, []);
    expect(a.getNext()).toBe(b);
    list.removeAll(false);
    const marked = listOf(insns(2));
    const [m0, m1] = marked.toArray();
    marked.removeAll(true);
    expect(m0!.getNext()).toBeNull();
    expect(m1!.getPrevious()).toBeNull();
    expect(m0!.index).toBe(-1);
  });

  it('iterates with for…of, tolerating removal of the current instruction', () => {
    const n = insns(5);
    const list = listOf(n);
    const seen: AbstractInsnNode[] = [];
    for (const insn of list) {
      seen.push(insn);
      if (insn === n[1] || insn === n[2]) list.remove(insn);
    }
    expect(seen).toEqual(n);
    expectList(list, [n[0]!, n[3]!, n[4]!]);
    // As with ASM's iterator, an instruction inserted right after the current one is not visited.
    const added = new InsnNode(Opcodes.NOP);
    const visited: AbstractInsnNode[] = [];
    for (const insn of list) {
      visited.push(insn);
      if (insn === n[0]) list.insert(insn, added);
    }
    expect(visited).toEqual([n[0], n[3], n[4]]);
    expectList(list, [n[0]!, added, n[3]!, n[4]!]);
  });

  it('offers ASM ListIterator semantics (next, previous, indexes, remove, add, set)', () => {
    const n = insns(4);
    const list = listOf(n);
    const it = list.iterator();
    expect(it.hasPrevious()).toBe(false);
    expect(it.previousIndex()).toBe(-1);
    expect(it.nextIndex()).toBe(0);
    expect(it.next()).toBe(n[0]);
    expect(it.next()).toBe(n[1]);
    expect(it.nextIndex()).toBe(2);
    expect(it.previousIndex()).toBe(1);
    it.remove(); // removes n1
    expectList(list, [n[0]!, n[2]!, n[3]!]);
    expect(() => it.remove()).toThrow(IllegalStateException);
    const x = new InsnNode(Opcodes.NOP);
    it.add(x); // before n2
    expectList(list, [n[0]!, x, n[2]!, n[3]!]);
    expect(it.next()).toBe(n[2]);
    const y = new InsnNode(Opcodes.POP);
    it.set(y); // replaces n2
    expectList(list, [n[0]!, x, y, n[3]!]);
    expect(it.previous()).toBe(y);
    expect(it.previous()).toBe(x);
    it.remove(); // removes x, returned by previous()
    expectList(list, [n[0]!, y, n[3]!]);
    expect(it.next()).toBe(y);
    expect(it.next()).toBe(n[3]);
    expect(it.hasNext()).toBe(false);
    expect(it.nextIndex()).toBe(3);
    expect(() => it.next()).toThrow(NoSuchElementException);
    const z = new InsnNode(Opcodes.DUP);
    it.add(z); // at the end
    expectList(list, [n[0]!, y, n[3]!, z]);
    // Starting positions.
    expect(list.iterator(4).hasNext()).toBe(false);
    expect(list.iterator(4).previous()).toBe(z);
    expect(list.iterator(2).next()).toBe(n[3]);
    const emptyIterator = new InsnList().iterator();
    const w = new InsnNode(Opcodes.NOP);
    emptyIterator.add(w);
    expect(emptyIterator.hasPrevious()).toBe(true);
    expect(() => list.iterator(5)).toThrow(RangeError);
  });

  it('resets the labels of its label nodes', () => {
    const labelNode = new LabelNode();
    const list = listOf([labelNode, new InsnNode(Opcodes.NOP)]);
    const first = labelNode.getLabel();
    expect(labelNode.getLabel()).toBe(first);
    list.resetLabels();
    expect(labelNode.getLabel()).not.toBe(first);
    const given = new Label();
    expect(new LabelNode(given).getLabel()).toBe(given);
  });

  it('visits its instructions in order', () => {
    const recorder = new RecordingMethodVisitor();
    const label = new LabelNode();
    listOf([new InsnNode(Opcodes.NOP), label, new JumpInsnNode(Opcodes.GOTO, label)]).accept(recorder);
    expect(recorder.events).toEqual(['insn 0', 'label L0', 'jump 167 L0']);
  });
});

// ## InsnList against ASM itself
//
// The same random operation scripts run on our InsnList and on ASM 9's (Debian's libasm-java, a
// test oracle only); after each operation both print the result and the whole list, walked
// forwards and backwards.

const ASM_JARS = ['/usr/share/java/asm.jar', '/usr/share/java/asm-tree.jar'];

const INSN_LIST_DRIVER = `
import java.nio.file.*;
import java.util.*;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.*;

public class InsnListDriver {
  static Map<Integer, AbstractInsnNode> nodes = new HashMap<>();
  static AbstractInsnNode node(String id) {
    return nodes.computeIfAbsent(Integer.parseInt(id), k -> new IntInsnNode(Opcodes.BIPUSH, k));
  }
  static String id(AbstractInsnNode n) { return n == null ? "null" : String.valueOf(((IntInsnNode) n).operand); }
  static InsnList listOf(String[] op, int from) {
    InsnList l = new InsnList();
    for (int i = from; i < op.length; i++) l.add(node(op[i]));
    return l;
  }
  static String state(InsnList list) {
    StringBuilder sb = new StringBuilder().append(list.size()).append(" [");
    int steps = 0;
    for (AbstractInsnNode n = list.getFirst(); n != null && steps++ < 1000; n = n.getNext()) sb.append(id(n)).append(' ');
    sb.append("] [");
    steps = 0;
    for (AbstractInsnNode n = list.getLast(); n != null && steps++ < 1000; n = n.getPrevious()) sb.append(id(n)).append(' ');
    return sb.append(']').toString();
  }
  public static void main(String[] args) throws Exception {
    InsnList list = new InsnList();
    ListIterator<AbstractInsnNode> it = null;
    StringBuilder out = new StringBuilder();
    for (String line : Files.readAllLines(Paths.get(args[0]))) {
      String[] op = line.split(" ");
      String result = "";
      try {
        switch (op[0]) {
          case "add": list.add(node(op[1])); break;
          case "insert": list.insert(node(op[1])); break;
          case "insertAfter": list.insert(node(op[1]), node(op[2])); break;
          case "insertBefore": list.insertBefore(node(op[1]), node(op[2])); break;
          case "remove": list.remove(node(op[1])); break;
          case "set": list.set(node(op[1]), node(op[2])); break;
          case "addList": list.add(listOf(op, 1)); break;
          case "insertList": list.insert(listOf(op, 1)); break;
          case "insertListAfter": list.insert(node(op[1]), listOf(op, 2)); break;
          case "insertListBefore": list.insertBefore(node(op[1]), listOf(op, 2)); break;
          case "get": result = id(list.get(Integer.parseInt(op[1]))); break;
          case "indexOf": result = String.valueOf(list.indexOf(node(op[1]))); break;
          case "contains": result = String.valueOf(list.contains(node(op[1]))); break;
          case "toArray": result = String.valueOf(list.toArray().length); break;
          case "clear": list.clear(); break;
          case "resetLabels": list.resetLabels(); break;
          case "iter": it = list.iterator(Integer.parseInt(op[1])); break;
          case "next": result = id(it.next()); break;
          case "previous": result = id(it.previous()); break;
          case "hasNext": result = String.valueOf(it.hasNext()); break;
          case "hasPrevious": result = String.valueOf(it.hasPrevious()); break;
          case "nextIndex": result = String.valueOf(it.nextIndex()); break;
          case "previousIndex": result = String.valueOf(it.previousIndex()); break;
          case "itRemove": it.remove(); break;
          case "itAdd": it.add(node(op[1])); break;
          case "itSet": it.set(node(op[1])); break;
          default: throw new IllegalArgumentException(op[0]);
        }
      } catch (RuntimeException e) {
        result = "error";
      }
      out.append(line).append(" => ").append(result).append(" | ").append(state(list)).append('\\n');
    }
    System.out.print(out);
  }
}
`;

/** Our side of the driver: runs operations one by one and prints them as the Java driver does. */
class InsnListScriptRunner {
  readonly list = new InsnList();
  private readonly nodes = new Map<number, IntInsnNode>();
  private it: InsnListIterator | null = null;

  private node(id: string): IntInsnNode {
    const key = Number(id);
    let n = this.nodes.get(key);
    if (n === undefined) this.nodes.set(key, (n = new IntInsnNode(Opcodes.BIPUSH, key)));
    return n;
  }

  private nodeList(ids: string[]): InsnList {
    return listOf(ids.map((i) => this.node(i)));
  }

  /** The ids of the list, first to last. */
  ids(): string[] {
    return this.list.toArray().map((n) => id(n));
  }

  run(line: string): string {
    const op = line.split(' ');
    const list = this.list;
    const arg = (i: number): IntInsnNode => this.node(op[i]!);
    let result = '';
    try {
      switch (op[0]) {
        case 'add': list.add(arg(1)); break;
        case 'insert': list.insert(arg(1)); break;
        case 'insertAfter': list.insert(arg(1), arg(2)); break;
        case 'insertBefore': list.insertBefore(arg(1), arg(2)); break;
        case 'remove': list.remove(arg(1)); break;
        case 'set': list.set(arg(1), arg(2)); break;
        case 'addList': list.add(this.nodeList(op.slice(1))); break;
        case 'insertList': list.insert(this.nodeList(op.slice(1))); break;
        case 'insertListAfter': list.insert(arg(1), this.nodeList(op.slice(2))); break;
        case 'insertListBefore': list.insertBefore(arg(1), this.nodeList(op.slice(2))); break;
        case 'get': result = id(list.get(Number(op[1]))); break;
        case 'indexOf': result = String(list.indexOf(arg(1))); break;
        case 'contains': result = String(list.contains(arg(1))); break;
        case 'toArray': result = String(list.toArray().length); break;
        case 'clear': list.clear(); break;
        case 'resetLabels': list.resetLabels(); break;
        case 'iter': this.it = list.iterator(Number(op[1])); break;
        case 'next': result = id(this.it!.next()); break;
        case 'previous': result = id(this.it!.previous()); break;
        case 'hasNext': result = String(this.it!.hasNext()); break;
        case 'hasPrevious': result = String(this.it!.hasPrevious()); break;
        case 'nextIndex': result = String(this.it!.nextIndex()); break;
        case 'previousIndex': result = String(this.it!.previousIndex()); break;
        case 'itRemove': this.it!.remove(); break;
        case 'itAdd': this.it!.add(arg(1)); break;
        case 'itSet': this.it!.set(arg(1)); break;
        default: throw new Error(`unknown operation ${op[0]}`);
      }
    } catch {
      result = 'error';
    }
    return `${line} => ${result} | ${this.state()}\n`;
  }

  /** The list walked forwards then backwards (at most 1000 steps each, in case links were broken). */
  private state(): string {
    let text = `${this.list.size()} [`;
    let steps = 0;
    for (let n = this.list.getFirst(); n !== null && steps++ < 1000; n = n.getNext()) text += id(n) + ' ';
    text += '] [';
    steps = 0;
    for (let n = this.list.getLast(); n !== null && steps++ < 1000; n = n.getPrevious()) text += id(n) + ' ';
    return text + ']';
  }
}

function id(n: AbstractInsnNode | null): string {
  return n === null ? 'null' : String((n as IntInsnNode).operand);
}

/**
 * A random but valid script: single instructions added are fresh, instructions named as positions
 * are members of the list, and an iterator is only used until the list is changed behind its back.
 * (ASM's previous() at the start of a list moves before failing with a NullPointerException; the
 * script never asks for it.)
 */
function randomInsnListScript(seed: number, length: number, firstId: number): string[] {
  let state = seed >>> 0;
  const random = (n: number): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state >>> 8) % n;
  };
  let nextId = firstId;
  const fresh = (): string => String(nextId++);
  const freshList = (): string => Array.from({ length: 1 + random(3) }, fresh).join(' ');
  const runner = new InsnListScriptRunner();
  const lines: string[] = ['clear'];
  runner.run('clear');
  let iterating = false;
  let lastReturned = false; // whether the iterator may remove or set
  for (let i = 0; i < length; i++) {
    const members = runner.ids();
    const member = (): string => members[random(members.length)]!;
    let line: string;
    // While an iterator is in use, mostly drive it; otherwise favour removals a little so that the
    // list does not only grow.
    const choice = iterating && random(10) < 7 ? 16 : random(10) === 0 ? 4 : random(16);
    if (choice >= 16) {
      const ops = ['next', 'previous', 'hasNext', 'hasPrevious', 'nextIndex', 'previousIndex', 'itAdd', 'itRemove', 'itSet', 'next'];
      let op = ops[random(ops.length)]!;
      if (op === 'previous' && !runner.run('hasPrevious').includes('=> true')) op = 'hasPrevious';
      if ((op === 'itRemove' || op === 'itSet') && !lastReturned) op = 'nextIndex';
      line = op === 'itAdd' || op === 'itSet' ? `${op} ${fresh()}` : op;
      const output = runner.run(line);
      lines.push(line);
      if (op === 'next' || op === 'previous') lastReturned = !output.includes('=> error');
      if (op === 'itAdd' || op === 'itRemove') lastReturned = false;
      continue;
    }
    const needsMember = choice >= 2 && choice <= 5;
    switch (members.length === 0 && needsMember ? 0 : choice) {
      case 0: line = `add ${fresh()}`; break;
      case 1: line = `insert ${fresh()}`; break;
      case 2: line = `insertAfter ${member()} ${fresh()}`; break;
      case 3: line = `insertBefore ${member()} ${fresh()}`; break;
      case 4: line = `remove ${member()}`; break;
      case 5: line = `set ${member()} ${fresh()}`; break;
      case 6: line = `addList ${freshList()}`; break;
      case 7: line = `insertList ${freshList()}`; break;
      case 8: line = members.length === 0 ? `addList ${freshList()}` : `insertListAfter ${member()} ${freshList()}`; break;
      case 9: line = members.length === 0 ? `insertList ${freshList()}` : `insertListBefore ${member()} ${freshList()}`; break;
      case 10: line = `get ${random(members.length + 2) - 1}`; break;
      case 11: line = members.length === 0 ? 'toArray' : `indexOf ${member()}`; break;
      case 12: line = `contains ${members.length === 0 || random(3) === 0 ? fresh() : member()}`; break;
      case 13: line = 'toArray'; break;
      case 14: line = random(8) === 0 ? 'clear' : 'resetLabels'; break;
      default: line = `iter ${random(members.length + 1)}`; break;
    }
    runner.run(line);
    lines.push(line);
    const op = line.split(' ')[0]!;
    if (op === 'iter') {
      iterating = true;
      lastReturned = false;
    } else if (!['get', 'indexOf', 'contains', 'toArray', 'resetLabels'].includes(op)) {
      iterating = false;
    }
  }
  return lines;
}

function runInsnListScript(lines: string[]): string {
  const runner = new InsnListScriptRunner();
  return lines.map((line) => runner.run(line)).join('');
}

describe('InsnList against ASM 9', () => {
  it.skipIf(!ASM_JARS.every((jar) => existsSync(jar)))('gives the same results as ASM for random operation scripts', async () => {
    const { dir } = await compileJava({ 'InsnListDriver.java': INSN_LIST_DRIVER }, { release: 11, options: ['-cp', ASM_JARS.join(':')] });
    const work = await makeTempDir('insnlist');
    try {
      // One JVM runs all the scripts, concatenated: each starts with 'clear' and uses its own ids.
      const scripts = [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => randomInsnListScript(seed * 7919, 250, seed * 100_000));
      const path = join(work, 'script.txt');
      await writeFile(path, scripts.map((script) => script.join('\n')).join('\n') + '\n');
      const result = await runJava({ classpath: [dir, ...ASM_JARS], mainClass: 'InsnListDriver', args: [path] });
      expect(result.stderr).toBe('');
      const expected = result.stdout.split('\n');
      const actual = runInsnListScript(scripts.flat()).split('\n');
      for (let i = 0; i < expected.length; i++) {
        expect(actual[i], `line ${i + 1}`).toBe(expected[i]);
      }
      expect(actual.length).toBe(expected.length);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
});

// ## Instruction nodes

describe('instruction nodes', () => {
  it('report their type and opcode like ASM', () => {
    const label = new LabelNode();
    const cases: Array<[AbstractInsnNode, number, number]> = [
      [new InsnNode(Opcodes.NOP), AbstractInsnNode.INSN, Opcodes.NOP],
      [new IntInsnNode(Opcodes.BIPUSH, 3), AbstractInsnNode.INT_INSN, Opcodes.BIPUSH],
      [new VarInsnNode(Opcodes.ALOAD, 0), AbstractInsnNode.VAR_INSN, Opcodes.ALOAD],
      [new TypeInsnNode(Opcodes.NEW, 'A'), AbstractInsnNode.TYPE_INSN, Opcodes.NEW],
      [new FieldInsnNode(Opcodes.GETFIELD, 'A', 'f', 'I'), AbstractInsnNode.FIELD_INSN, Opcodes.GETFIELD],
      [new MethodInsnNode(Opcodes.INVOKESTATIC, 'A', 'm', '()V', false), AbstractInsnNode.METHOD_INSN, Opcodes.INVOKESTATIC],
      [
        new InvokeDynamicInsnNode('m', '()V', new Handle(Opcodes.H_INVOKESTATIC, 'A', 'b', '()V', false), []),
        AbstractInsnNode.INVOKE_DYNAMIC_INSN,
        Opcodes.INVOKEDYNAMIC,
      ],
      [new JumpInsnNode(Opcodes.GOTO, label), AbstractInsnNode.JUMP_INSN, Opcodes.GOTO],
      [label, AbstractInsnNode.LABEL, -1],
      [new LdcInsnNode('s'), AbstractInsnNode.LDC_INSN, Opcodes.LDC],
      [new IincInsnNode(1, 2), AbstractInsnNode.IINC_INSN, Opcodes.IINC],
      [new TableSwitchInsnNode(0, 0, label, [label]), AbstractInsnNode.TABLESWITCH_INSN, Opcodes.TABLESWITCH],
      [new LookupSwitchInsnNode(label, [1], [label]), AbstractInsnNode.LOOKUPSWITCH_INSN, Opcodes.LOOKUPSWITCH],
      [new MultiANewArrayInsnNode('[[I', 2), AbstractInsnNode.MULTIANEWARRAY_INSN, Opcodes.MULTIANEWARRAY],
      [new FrameNode(Opcodes.F_SAME, 0, null, 0, null), AbstractInsnNode.FRAME, -1],
      [new LineNumberNode(1, label), AbstractInsnNode.LINE, -1],
    ];
    for (const [node, type, opcode] of cases) {
      expect(node.getType()).toBe(type);
      expect(node.getOpcode()).toBe(opcode);
    }
    expect(AbstractInsnNode.LINE).toBe(15);
    const jump = new JumpInsnNode(Opcodes.IFEQ, label);
    jump.setOpcode(Opcodes.IFNE);
    expect(jump.getOpcode()).toBe(Opcodes.IFNE);
    expect(new MethodInsnNode(Opcodes.INVOKEINTERFACE, 'I', 'm', '()V').itf).toBe(true);
    expect(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, 'C', 'm', '()V').itf).toBe(false);
  });

  it('build frames as ASM does for each frame kind', () => {
    const label = new LabelNode();
    const full = new FrameNode(Opcodes.F_FULL, 2, ['A', Opcodes.INTEGER, 'ignored'], 1, [label]);
    expect(full.local).toEqual(['A', Opcodes.INTEGER]);
    expect(full.stack).toEqual([label]);
    expect(new FrameNode(Opcodes.F_APPEND, 1, [Opcodes.LONG], 0, null).stack).toBeNull();
    expect(new FrameNode(Opcodes.F_CHOP, 2, null, 0, null).local).toEqual([null, null]);
    expect(new FrameNode(Opcodes.F_SAME1, 0, null, 1, ['B']).stack).toEqual(['B']);
    expect(() => new FrameNode(42, 0, null, 0, null)).toThrow(IllegalArgumentException);
    const recorder = new RecordingMethodVisitor();
    full.accept(recorder);
    new FrameNode(Opcodes.F_CHOP, 2, null, 0, null).accept(recorder);
    expect(recorder.events).toEqual([`frame ${Opcodes.F_FULL} 2 [A,1] 1 [L0]`, `frame ${Opcodes.F_CHOP} 2 null 0 null`]);
  });

  it('clone with a label map, copying instruction annotations', () => {
    const l1 = new LabelNode();
    const l2 = new LabelNode();
    const c1 = new LabelNode();
    const c2 = new LabelNode();
    const map = new Map([
      [l1, c1],
      [l2, c2],
    ]);
    const jump = new JumpInsnNode(Opcodes.IFEQ, l1);
    const annotation = new TypeAnnotationNode(0x47000000, null, 'LT;');
    annotation.visit('v', 1);
    jump.visibleTypeAnnotations = [annotation];
    const jumpClone = jump.clone(map) as JumpInsnNode;
    expect(jumpClone).not.toBe(jump);
    expect(jumpClone.label).toBe(c1);
    expect(jumpClone.visibleTypeAnnotations).toHaveLength(1);
    expect(jumpClone.visibleTypeAnnotations![0]).not.toBe(annotation);
    expect(jumpClone.visibleTypeAnnotations![0]!.values).toEqual(['v', 1]);
    expect(jumpClone.invisibleTypeAnnotations).toBeNull();
    expect(jumpClone.index).toBe(-1);
    expect(l1.clone(map)).toBe(c1);
    const table = new TableSwitchInsnNode(1, 2, l1, [l1, l2]).clone(map) as TableSwitchInsnNode;
    expect(table.dflt).toBe(c1);
    expect(table.labels).toEqual([c1, c2]);
    const lookup = new LookupSwitchInsnNode(l2, [3, 7], [l1, l2]).clone(map) as LookupSwitchInsnNode;
    expect(lookup.keys).toEqual([3, 7]);
    expect(lookup.labels).toEqual([c1, c2]);
    const frame = new FrameNode(Opcodes.F_NEW, 1, [l2], 1, ['S']).clone(map) as FrameNode;
    expect(frame.local).toEqual([c2]);
    expect(frame.stack).toEqual(['S']);
    expect((new LineNumberNode(7, l2).clone(map) as LineNumberNode).start).toBe(c2);
    const ldc = new LdcInsnNode(new Float(1.5)).clone(map) as LdcInsnNode;
    expect((ldc.cst as Float).value).toBe(1.5);
    const iinc = new IincInsnNode(3, -1).clone(map) as IincInsnNode;
    expect([iinc.var, iinc.incr]).toEqual([3, -1]);
  });
});

// ## Annotations

describe('AnnotationNode', () => {
  it('stores values as ASM does, boxing primitive arrays, and replays them', () => {
    const node = new AnnotationNode('LA;');
    node.visit('i', 1);
    node.visit('bytes', new Int8Array([1, -2]));
    node.visit('chars', new Uint16Array([65]));
    node.visit('shorts', new Int16Array([-3]));
    node.visit('ints', new Int32Array([4, 5]));
    node.visit('longs', new BigInt64Array([6n]));
    node.visit('floats', new Float32Array([1.5]));
    node.visit('doubles', new Float64Array([2.5]));
    node.visit('booleans', [true, false]);
    node.visitEnum('e', 'LE;', 'X');
    node.visitAnnotation('nested', 'LN;')!.visit('s', 'str');
    const array = node.visitArray('arr')!;
    array.visit(null, 'a');
    array.visitEnum(null, 'LE;', 'Y');
    array.visitEnd();
    node.visitEnd();

    const values = node.values!;
    expect(values[0]).toBe('i');
    expect(values[3]).toEqual([new Byte(1), new Byte(-2)]);
    expect(values[5]).toEqual([new Character(65)]);
    expect(values[7]).toEqual([new Short(-3)]);
    expect(values[9]).toEqual([4, 5]);
    expect(values[11]).toEqual([6n]);
    expect((values[13] as Float[])[0]!.value).toBe(1.5);
    expect((values[15] as Double[])[0]!.value).toBe(2.5);
    expect(values[17]).toEqual([true, false]);
    expect(AnnotationNode.isEnumValue(values[19])).toBe(true);
    expect(values[19]).toEqual(['LE;', 'X']);
    expect(values[21]).toBeInstanceOf(AnnotationNode);
    expect(AnnotationNode.isEnumValue((values[23] as unknown[])[1])).toBe(true);
    // A plain two-string array is an array value, not an enum.
    expect(AnnotationNode.isEnumValue(['LE;', 'X'])).toBe(false);

    const events: string[] = [];
    node.accept(new RecordingAnnotationVisitor(events, ''));
    expect(events).toEqual([
      'value i number:1',
      'array bytes',
      '  value null B1',
      '  value null B-2',
      '  end',
      'array chars',
      '  value null C65',
      '  end',
      'array shorts',
      '  value null S-3',
      '  end',
      'array ints',
      '  value null number:4',
      '  value null number:5',
      '  end',
      'array longs',
      '  value null J6',
      '  end',
      'array floats',
      `  value null F${new Float(1.5).bits}`,
      '  end',
      'array doubles',
      `  value null D${new Double(2.5).bits}`,
      '  end',
      'array booleans',
      '  value null boolean:true',
      '  value null boolean:false',
      '  end',
      'enum e LE; X',
      'annotation nested LN;',
      '  value s string:str',
      '  end',
      'array arr',
      '  value null string:a',
      '  enum null LE; Y',
      '  end',
      'end',
    ]);
  });

  it('keeps NaN payloads of float and double arrays', () => {
    const floats = new Float32Array(1);
    new Int32Array(floats.buffer)[0] = 0x7fc00123;
    const doubles = new Float64Array(1);
    new BigInt64Array(doubles.buffer)[0] = 0x7ff8000000000123n;
    const node = new AnnotationNode('LA;');
    node.visit('f', floats);
    node.visit('d', doubles);
    expect((node.values![1] as Float[])[0]!.bits).toBe(0x7fc00123);
    expect((node.values![3] as Double[])[0]!.bits).toBe(0x7ff8000000000123n);
  });

  it('requires an api from subclasses, as ASM does', () => {
    class Sub extends AnnotationNode {}
    expect(() => new Sub('LA;')).toThrow(IllegalStateException);
    expect(new Sub(Opcodes.ASM9, 'LA;').desc).toBe('LA;');
    class SubClassNode extends ClassNode {}
    expect(() => new SubClassNode()).toThrow(IllegalStateException);
    expect(new SubClassNode(Opcodes.ASM9).interfaces).toEqual([]);
    class SubMethodNode extends MethodNode {}
    expect(() => new SubMethodNode()).toThrow(IllegalStateException);
    expect(() => new SubMethodNode(0, 'm', '()V', null, null)).toThrow(IllegalStateException);
    expect(new SubMethodNode(Opcodes.ASM9, 0, 'm', '()V', null, null).name).toBe('m');
  });
});

// ## MethodNode and ClassNode

describe('MethodNode', () => {
  it('initialises its lists as ASM does', () => {
    const bare = new MethodNode(Opcodes.ASM9);
    expect(bare.instructions.size()).toBe(0);
    expect(bare.tryCatchBlocks).toBeNull();
    expect(bare.exceptions).toBeNull();
    expect(bare.localVariables).toBeNull();
    const concrete = new MethodNode(Opcodes.ACC_PUBLIC, 'm', '()V', null, null);
    expect(concrete.exceptions).toEqual([]);
    expect(concrete.tryCatchBlocks).toEqual([]);
    expect(concrete.localVariables).toEqual([]);
    const abstract = new MethodNode(Opcodes.ASM9, Opcodes.ACC_ABSTRACT, 'm', '()V', null, ['E']);
    expect(abstract.exceptions).toEqual(['E']);
    expect(abstract.localVariables).toBeNull();
    expect(abstract.parameters).toBeNull();
  });

  it('records visitor events and replays them in the same order, twice', () => {
    const direct = new RecordingMethodVisitor();
    scriptMethod(direct);
    const node = new MethodNode(Opcodes.ACC_PUBLIC, 'm', '(I)V', null, null);
    scriptMethod(node);
    expect(node.instructions.size()).toBeGreaterThan(20);
    expect(node.tryCatchBlocks).toHaveLength(1);
    const replay = new RecordingMethodVisitor();
    node.accept(replay);
    // The node visits the try-catch block first, then the code; the script did the same.
    expect(replay.events).toEqual(direct.events);
    // A second accept resets the labels: new Label objects, same events.
    const firstLabel = (node.instructions.getFirst() as LabelNode).getLabel();
    const replay2 = new RecordingMethodVisitor();
    node.accept(replay2);
    expect(replay2.events).toEqual(direct.events);
    expect((node.instructions.getFirst() as LabelNode).getLabel()).not.toBe(firstLabel);
    // The instruction annotation went to the NEW instruction (the last real one before it).
    const annotated = node.instructions.toArray().filter((i) => i.invisibleTypeAnnotations !== null);
    expect(annotated).toHaveLength(1);
    expect(annotated[0]!.getOpcode()).toBe(Opcodes.NEW);
  });

  it('accepts a ClassVisitor through visitMethod', () => {
    const node = new MethodNode(Opcodes.ACC_STATIC, 'm', '()V', null, ['java/io/IOException']);
    node.visitCode();
    node.visitInsn(Opcodes.RETURN);
    node.visitMaxs(0, 0);
    const seen: unknown[] = [];
    node.accept(
      new (class extends ClassVisitor {
        override visitMethod(access: number, name: string, descriptor: string, signature: string | null, exceptions: string[] | null) {
          seen.push(access, name, descriptor, signature, exceptions);
          return new RecordingMethodVisitor();
        }
      })(Opcodes.ASM9),
    );
    expect(seen).toEqual([Opcodes.ACC_STATIC, 'm', '()V', null, ['java/io/IOException']]);
  });

  it('keeps annotation defaults, parameter annotations and try-catch annotations', () => {
    const node = new MethodNode(Opcodes.ACC_ABSTRACT, 'v', '(IJ)[I', null, null);
    const dflt = node.visitAnnotationDefault()!;
    const arr = dflt.visitArray(null)!;
    arr.visit(null, 1);
    arr.visit(null, 2);
    arr.visitEnd();
    dflt.visitEnd();
    expect(node.annotationDefault).toEqual([1, 2]);
    node.visitAnnotableParameterCount(2, true);
    node.visitParameterAnnotation(1, 'LP;', true)!.visitEnd();
    expect(node.visibleParameterAnnotations).toHaveLength(2);
    expect(node.visibleParameterAnnotations![0]).toBeNull();
    expect(node.visibleParameterAnnotations![1]![0]!.desc).toBe('LP;');
    const enumDefault = new MethodNode(Opcodes.ACC_ABSTRACT, 'e', '()LE;', null, null);
    enumDefault.visitAnnotationDefault()!.visitEnum(null, 'LE;', 'A');
    expect(AnnotationNode.isEnumValue(enumDefault.annotationDefault)).toBe(true);

    const recorder = new RecordingMethodVisitor();
    node.accept(recorder);
    expect(recorder.events).toEqual([
      'annotationDefault',
      '  defaultarray null',
      '  default  value null number:1',
      '  default  value null number:2',
      '  default  end',
      '  defaultend',
      'annotableParameterCount 2 true',
      'parameterAnnotation 1 LP; true',
      '  end',
      'end',
    ]);

    // Try-catch annotations are renumbered with the block's index when visited.
    const withHandlers = new MethodNode(Opcodes.ACC_STATIC, 't', '()V', null, null);
    const [s, e, h] = [new Label(), new Label(), new Label()];
    withHandlers.visitCode();
    withHandlers.visitTryCatchBlock(s, e, h, 'A');
    withHandlers.visitTryCatchBlock(s, e, h, 'B');
    withHandlers.visitTryCatchAnnotation(0x42000100, null, 'LT;', true)!.visitEnd();
    withHandlers.visitLabel(s);
    withHandlers.visitInsn(Opcodes.NOP);
    withHandlers.visitLabel(e);
    withHandlers.visitLabel(h);
    withHandlers.visitInsn(Opcodes.RETURN);
    withHandlers.visitMaxs(1, 0);
    expect(withHandlers.tryCatchBlocks![1]!.visibleTypeAnnotations).toHaveLength(1);
    withHandlers.tryCatchBlocks!.reverse();
    const replay = new RecordingMethodVisitor();
    withHandlers.accept(replay);
    expect(replay.events.slice(0, 4)).toEqual([
      'code',
      'tryCatch L0 L1 L2 B',
      'tryCatchAnnotation 42000000 LT; true',
      '  end',
    ]);
  });

  it('checks api levels like ASM', () => {
    const node = new MethodNode(Opcodes.ACC_STATIC, 'm', '()V', null, null);
    node.visitCode();
    node.visitMethodInsn(Opcodes.INVOKESTATIC, 'I', 'm', '()V', true);
    node.visitInsn(Opcodes.RETURN);
    expect(() => node.check(Opcodes.ASM4)).toThrow(UnsupportedClassVersionException);
    expect(() => node.check(Opcodes.ASM5)).not.toThrow();
    const ldc = new MethodNode(Opcodes.ACC_STATIC, 'm', '()V', null, null);
    ldc.visitLdcInsn(Type.getMethodType('()V'));
    expect(() => ldc.check(Opcodes.ASM4)).toThrow(UnsupportedClassVersionException);
    expect(() => ldc.check(Opcodes.ASM5)).not.toThrow();
  });
});

describe('ClassNode', () => {
  it('initialises its lists as ASM does and checks api levels', () => {
    const node = new ClassNode();
    expect(node.interfaces).toEqual([]);
    expect(node.innerClasses).toEqual([]);
    expect(node.fields).toEqual([]);
    expect(node.methods).toEqual([]);
    expect(node.nestMembers).toBeNull();
    expect(node.recordComponents).toBeNull();
    node.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, 'A', null, 'java/lang/Object', null);
    expect(node.interfaces).toEqual([]);
    node.check(Opcodes.ASM4);
    node.visitPermittedSubclass('B');
    expect(() => node.check(Opcodes.ASM8)).toThrow(UnsupportedClassVersionException);
    node.check(Opcodes.ASM9);
    const record = new ClassNode();
    record.visitRecordComponent('x', 'I', null);
    expect(record.recordComponents![0]).toBeInstanceOf(RecordComponentNode);
    expect(() => record.check(Opcodes.ASM7)).toThrow(UnsupportedClassVersionException);
    const nest = new ClassNode();
    nest.visitNestHost('H');
    expect(() => nest.check(Opcodes.ASM6)).toThrow(UnsupportedClassVersionException);
    const module = new ClassNode();
    const mv = module.visitModule('m', 0, null)!;
    mv.visitRequire('java.base', Opcodes.ACC_MANDATED, null);
    mv.visitExport('p', 0, null);
    mv.visitProvide('S', ['I']);
    expect(module.module).toBeInstanceOf(ModuleNode);
    expect(module.module!.exports![0]!.modules).toEqual([]);
    expect(() => module.check(Opcodes.ASM5)).toThrow(UnsupportedClassVersionException);
    const typeAnnotated = new ClassNode();
    typeAnnotated.visitTypeAnnotation(0, null, 'LT;', true);
    expect(() => typeAnnotated.check(Opcodes.ASM4)).toThrow(UnsupportedClassVersionException);
    const field = new FieldNode(0, 'f', 'I', null, 3);
    field.visitTypeAnnotation(0x13000000, null, 'LT;', false);
    expect(() => field.check(Opcodes.ASM4)).toThrow(UnsupportedClassVersionException);
    expect(new TryCatchBlockNode(new LabelNode(), new LabelNode(), new LabelNode(), null).visibleTypeAnnotations).toBeNull();
  });
});

// ## Round trips through ClassReader and ClassWriter

const FIXTURE_SOURCES: Record<string, string> = {
  'tree/Annotations.java': `
package tree;
import java.lang.annotation.*;
public class Annotations {
  public enum Color { RED, GREEN }
  @Retention(RetentionPolicy.RUNTIME) @Target({ElementType.TYPE, ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER})
  public @interface Visible {
    int i() default 1; byte b() default 2; char c() default 'c'; short s() default 3; long j() default 4L;
    float f() default 5.5f; double d() default 6.5; boolean z() default true; String str() default "x";
    Class<?> cls() default String.class; Color color() default Color.GREEN; int[] ints() default {1, 2};
    Invisible nested() default @Invisible; String[] strs() default {};
  }
  @Retention(RetentionPolicy.CLASS) public @interface Invisible { String value() default "v"; }
  @Retention(RetentionPolicy.RUNTIME) @Target({ElementType.TYPE_USE, ElementType.TYPE_PARAMETER})
  public @interface T { int value() default 0; }
}
`,
  'tree/Everything.java': `
package tree;
import java.util.*;
import java.util.function.*;
import tree.Annotations.*;
@Visible(i = 7, color = Color.RED, ints = {3}, nested = @Invisible("n"), cls = int[].class)
@Invisible
public class Everything<@T(1) E extends Comparable<E>> extends AbstractList<E> implements java.io.Serializable {
  private static final long serialVersionUID = 42L;
  public static final String S = "constant";
  public static final float F = Float.NaN;
  public static final double D = -0.0;
  @Visible @T(2) protected List<@T(3) String> names = new ArrayList<>();
  private int[] ints = {1, 2, 3};
  transient volatile Object lock = new Object();

  class Inner { int x = ints.length; }
  static class Nested implements Runnable { public void run() {} }

  @Override public E get(int index) { return null; }
  @Override public int size() { return ints.length; }

  public <X extends Throwable> void generic(@Visible @Invisible int a, @T(4) String b) throws X, java.io.IOException {
    @T(5) Object local = new @T(6) Object();
    String s = (@T(7) String) local.toString();
    if (local instanceof @T(8) String) { System.out.println(s); }
  }

  static int switches(int k, String s) {
    int r = 0;
    switch (k) { case 0: r = 1; break; case 1: r = 2; break; case 2: r = 3; break; case 3: r = 7; break; default: r = -1; }
    switch (k) { case -100: r += 1; break; case 0: r += 2; break; case 100000: r += 3; break; default: break; }
    switch (s) { case "a": r += 10; break; case "bb": r += 20; break; default: r += 30; }
    return r;
  }

  static long arithmetic(long a, double b, float c, short d, byte e, char f) {
    long x = a * 3 + (long) b - (long) c;
    x ^= d << e >>> 2;
    x += f;
    int[][] grid = new int[3][4];
    grid[1][2] = (int) x;
    Object[] objects = new String[2];
    x += objects.length + grid[1][2];
    for (int i = 0; i < 1000; i += 300) x += i;
    return x;
  }

  int exceptions(String s) {
    try {
      return Integer.parseInt(s);
    } catch (@T(9) NumberFormatException | NullPointerException e) {
      return -1;
    } finally {
      synchronized (lock) { lock.notifyAll(); }
    }
  }

  Supplier<String> lambdas(int captured) {
    Function<Integer, Integer> f = v -> v + captured;
    BiFunction<String, String, String> concat = String::concat;
    Runnable r = Nested::new;
    Object anon = new Object() { @Override public String toString() { return "anon" + captured; } };
    return () -> "v" + f.apply(1) + concat.apply("a", "b") + r + anon + ("x" + captured + 'c' + 1.5);
  }

  void localClass() {
    class Local { }
    new Local();
    try (java.io.StringReader reader = new java.io.StringReader("r")) { reader.read(); } catch (java.io.IOException e) { throw new RuntimeException(e); }
  }
}
`,
  'tree/Shapes.java': `
package tree;
public sealed interface Shapes permits Shapes.Circle, Shapes.Square {
  record Circle(@Annotations.T(1) double radius) implements Shapes {
    public Circle { if (radius < 0) throw new IllegalArgumentException(); }
  }
  record Square(int side, java.util.List<String> tags) implements Shapes {}
  default String describe() {
    if (this instanceof Circle c) return "circle " + c.radius();
    return switch (getClass().getSimpleName()) { case "Square" -> "square"; default -> "?"; };
  }
  static int kind(Object o) { return o instanceof Circle c && c.radius() > 1 ? 1 : 0; }
  enum Kind { A, B { @Override public String toString() { return "b"; } } }
}
`,
};

const MODULE_SOURCES: Record<string, string> = {
  'module-info.java': `
module tree.mod {
  requires java.base;
  requires transitive java.logging;
  requires static java.sql;
  exports tree.mod.api;
  exports tree.mod.internal to java.logging;
  opens tree.mod.internal;
  uses java.lang.Runnable;
  provides java.lang.Runnable with tree.mod.api.Impl;
}
`,
  'tree/mod/api/Impl.java': 'package tree.mod.api; public class Impl implements Runnable { public void run() {} }',
  'tree/mod/internal/Hidden.java': 'package tree.mod.internal; class Hidden {}',
};

/** Loads ClassReader and ClassWriter lazily, so that the suites above run even while they are being written. */
async function core() {
  const [{ ClassReader }, { ClassWriter }] = await Promise.all([
    import('../src/asm/class-reader.js'),
    import('../src/asm/class-writer.js'),
  ]);
  return { ClassReader, ClassWriter };
}

describe('ClassReader → ClassNode → ClassWriter', () => {
  it('rewrites javac output structurally unchanged (ClassWriter(0))', async () => {
    const { ClassReader, ClassWriter } = await core();
    const compiled = [
      ...(await compileJava(FIXTURE_SOURCES, { release: 17, options: ['-g', '-parameters'] })).classes,
      ...(await compileJava(MODULE_SOURCES, { release: 17 })).classes,
    ];
    expect(compiled.length).toBeGreaterThan(15);
    const failures: string[] = [];
    for (const { name, bytes } of compiled) {
      const node = new ClassNode();
      new ClassReader(bytes).accept(node, 0);
      node.check(Opcodes.ASM9);
      const writer = new ClassWriter(0);
      node.accept(writer);
      const rewritten = writer.toByteArray();
      const difference = firstDumpDifference(structuralDump(bytes), structuralDump(rewritten));
      if (difference !== null) failures.push(`${name}: ${difference}`);
      // accept() twice gives the same class (labels are reset between writers).
      const again = new ClassWriter(0);
      node.accept(again);
      const difference2 = firstDumpDifference(structuralDump(bytes), structuralDump(again.toByteArray()));
      if (difference2 !== null) failures.push(`${name} (second accept): ${difference2}`);
    }
    expect(failures).toEqual([]);
  });

  it('reads what javac wrote into the expected nodes', async () => {
    const { ClassReader } = await core();
    const { classes } = await compileJava(FIXTURE_SOURCES, { release: 17, options: ['-g', '-parameters'] });
    const read = (name: string): ClassNode => {
      const node = new ClassNode();
      new ClassReader(classes.find((c) => c.name === name)!.bytes).accept(node, 0);
      return node;
    };
    const everything = read('tree/Everything');
    expect(everything.superName).toBe('java/util/AbstractList');
    expect(everything.interfaces).toEqual(['java/io/Serializable']);
    expect(everything.signature).toContain('<E::Ljava/lang/Comparable<TE;>;>');
    expect(everything.visibleAnnotations!.map((a) => a.desc)).toEqual(['Ltree/Annotations$Visible;']);
    expect(everything.invisibleAnnotations!.map((a) => a.desc)).toEqual(['Ltree/Annotations$Invisible;']);
    const visible = everything.visibleAnnotations![0]!.values!;
    expect(visible[visible.indexOf('color') + 1]).toEqual(['Ltree/Annotations$Color;', 'RED']);
    expect(AnnotationNode.isEnumValue(visible[visible.indexOf('color') + 1])).toBe(true);
    expect((visible[visible.indexOf('cls') + 1] as Type).getDescriptor()).toBe('[I');
    expect(everything.innerClasses.length).toBeGreaterThan(3);
    const serial = everything.fields.find((f) => f.name === 'serialVersionUID')!;
    expect(serial.value).toBe(42n);
    expect((everything.fields.find((f) => f.name === 'F')!.value as Float).bits).toBe(0x7fc00000);
    const switches = everything.methods.find((m) => m.name === 'switches')!;
    const types = switches.instructions.toArray().map((i) => i.getType());
    expect(types).toContain(AbstractInsnNode.TABLESWITCH_INSN);
    expect(types).toContain(AbstractInsnNode.LOOKUPSWITCH_INSN);
    expect(types).toContain(AbstractInsnNode.FRAME);
    expect(types).toContain(AbstractInsnNode.LINE);
    expect(switches.localVariables!.map((v) => v.name)).toEqual(expect.arrayContaining(['k', 's', 'r']));
    const generic = everything.methods.find((m) => m.name === 'generic')!;
    expect(generic.parameters!.map((p) => p.name)).toEqual(['a', 'b']);
    expect(generic.exceptions).toEqual(['java/lang/Throwable', 'java/io/IOException']);
    expect(generic.visibleParameterAnnotations![0]![0]!.desc).toBe('Ltree/Annotations$Visible;');
    expect(generic.invisibleParameterAnnotations![0]![0]!.desc).toBe('Ltree/Annotations$Invisible;');
    expect(generic.visibleLocalVariableAnnotations!.length).toBeGreaterThan(0);
    expect(generic.instructions.toArray().some((i) => i.visibleTypeAnnotations !== null)).toBe(true);
    const exceptions = everything.methods.find((m) => m.name === 'exceptions')!;
    expect(exceptions.tryCatchBlocks!.some((t) => t.visibleTypeAnnotations !== null)).toBe(true);
    const lambdas = everything.methods.find((m) => m.name === 'lambdas')!;
    expect(lambdas.instructions.toArray().some((i) => i instanceof InvokeDynamicInsnNode)).toBe(true);
    const defaults = read('tree/Annotations$Visible');
    const colorDefault = defaults.methods.find((m) => m.name === 'color')!.annotationDefault;
    expect(colorDefault).toEqual(['Ltree/Annotations$Color;', 'GREEN']);
    expect(defaults.methods.find((m) => m.name === 'ints')!.annotationDefault).toEqual([1, 2]);
    expect(defaults.methods.find((m) => m.name === 'b')!.annotationDefault).toEqual(new Byte(2));
    const shapes = read('tree/Shapes');
    expect(shapes.permittedSubclasses).toEqual(['tree/Shapes$Circle', 'tree/Shapes$Square']);
    const circle = read('tree/Shapes$Circle');
    expect(circle.recordComponents!.map((r) => r.name)).toEqual(['radius']);
    expect(circle.nestHostClass).toBe('tree/Shapes');
    expect(() => circle.check(Opcodes.ASM7)).toThrow(UnsupportedClassVersionException);
  });

  it('clones a whole method body with a label map and writes the copy', async () => {
    const { ClassReader, ClassWriter } = await core();
    const { classes } = await compileJava(FIXTURE_SOURCES, { release: 17, options: ['-g'] });
    const bytes = classes.find((c) => c.name === 'tree/Everything')!.bytes;
    const node = new ClassNode();
    new ClassReader(bytes).accept(node, 0);
    const source = node.methods.find((m) => m.name === 'switches')!;
    const copy = new MethodNode(source.access, 'switchesCopy', source.desc, source.signature, null);
    const labels = new Map<LabelNode, LabelNode>();
    for (const insn of source.instructions) if (insn instanceof LabelNode) labels.set(insn, new LabelNode());
    for (const insn of source.instructions) copy.instructions.add(insn.clone(labels));
    for (const v of source.localVariables!) {
      copy.localVariables!.push(new LocalVariableNode(v.name, v.desc, v.signature, labels.get(v.start)!, labels.get(v.end)!, v.index));
    }
    copy.maxStack = source.maxStack;
    copy.maxLocals = source.maxLocals;
    node.methods.push(copy);
    const writer = new ClassWriter(0);
    node.accept(writer);
    const reread = new ClassNode();
    new ClassReader(writer.toByteArray()).accept(reread, 0);
    const a = new RecordingMethodVisitor();
    const b = new RecordingMethodVisitor();
    reread.methods.find((m) => m.name === 'switches')!.instructions.accept(a);
    reread.methods.find((m) => m.name === 'switchesCopy')!.instructions.accept(b);
    expect(b.events).toEqual(a.events);
    expect(a.events.filter((e) => e.startsWith('tableswitch') || e.startsWith('lookupswitch'))).toHaveLength(4);
  });
});

describe('java.base through the tree API', () => {
  it('every class survives ClassReader → ClassNode → ClassWriter(0) structurally unchanged', async () => {
    const { ClassReader, ClassWriter } = await core();
    const classes = await javaBaseClasses();
    expect(classes.length).toBeGreaterThan(5000);
    const failures: string[] = [];
    let sameBytesAsDirect = 0;
    for (const { name, bytes } of classes) {
      try {
        const node = new ClassNode();
        new ClassReader(bytes).accept(node, 0);
        const viaTree = new ClassWriter(0);
        node.accept(viaTree);
        const treeBytes = viaTree.toByteArray();
        // Replaying a ClassNode sends the events ClassReader sent: same bytes as a direct rewrite.
        const direct = new ClassWriter(0);
        new ClassReader(bytes).accept(direct, 0);
        const directBytes = direct.toByteArray();
        if (Buffer.from(treeBytes).equals(Buffer.from(directBytes))) {
          sameBytesAsDirect++;
          continue;
        }
        const difference = firstDumpDifference(structuralDump(bytes), structuralDump(treeBytes));
        if (difference !== null) failures.push(`${name}: ${difference}`);
      } catch (error) {
        failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    expect(failures.slice(0, 20)).toEqual([]);
    expect(sameBytesAsDirect).toBe(classes.length);
  });
});

// ## A method built by hand runs on HotSpot

describe('hand-built MethodNode', () => {
  it('is written with COMPUTE_MAXS and runs under java -Xverify:all', async () => {
    const { ClassWriter } = await import('../src/asm/class-writer.js');
    const cn = new ClassNode();
    cn.version = Opcodes.V1_6; // no StackMapTable needed
    cn.access = Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER;
    cn.name = 'TreeBuilt';
    cn.superName = 'java/lang/Object';

    const init = new MethodNode(Opcodes.ACC_PUBLIC, '<init>', '()V', null, null);
    init.instructions.add(new VarInsnNode(Opcodes.ALOAD, 0));
    init.instructions.add(new MethodInsnNode(Opcodes.INVOKESPECIAL, 'java/lang/Object', '<init>', '()V', false));
    init.instructions.add(new InsnNode(Opcodes.RETURN));
    cn.methods.push(init);

    // static void main(String[] args): sums 0..9 with a loop, maps it through a tableswitch,
    // catches an ArithmeticException from 1/0, and prints the results.
    const main = new MethodNode(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, 'main', '([Ljava/lang/String;)V', null, null);
    const il = main.instructions;
    const loop = new LabelNode();
    const loopEnd = new LabelNode();
    const case0 = new LabelNode();
    const case1 = new LabelNode();
    const dflt = new LabelNode();
    const afterSwitch = new LabelNode();
    const tryStart = new LabelNode();
    const tryEnd = new LabelNode();
    const handler = new LabelNode();
    const done = new LabelNode();
    const print = (load: AbstractInsnNode, descriptor: string): AbstractInsnNode[] => [
      new FieldInsnNode(Opcodes.GETSTATIC, 'java/lang/System', 'out', 'Ljava/io/PrintStream;'),
      load,
      new MethodInsnNode(Opcodes.INVOKEVIRTUAL, 'java/io/PrintStream', 'println', descriptor, false),
    ];
    const body: AbstractInsnNode[] = [
      new InsnNode(Opcodes.ICONST_0),
      new VarInsnNode(Opcodes.ISTORE, 1), // sum
      new InsnNode(Opcodes.ICONST_0),
      new VarInsnNode(Opcodes.ISTORE, 2), // i
      loop,
      new VarInsnNode(Opcodes.ILOAD, 2),
      new IntInsnNode(Opcodes.BIPUSH, 10),
      new JumpInsnNode(Opcodes.IF_ICMPGE, loopEnd),
      new VarInsnNode(Opcodes.ILOAD, 1),
      new VarInsnNode(Opcodes.ILOAD, 2),
      new InsnNode(Opcodes.IADD),
      new VarInsnNode(Opcodes.ISTORE, 1),
      new IincInsnNode(2, 1),
      new JumpInsnNode(Opcodes.GOTO, loop),
      loopEnd,
      ...print(new VarInsnNode(Opcodes.ILOAD, 1), '(I)V'),
      new VarInsnNode(Opcodes.ILOAD, 1),
      new IntInsnNode(Opcodes.BIPUSH, 45),
      new InsnNode(Opcodes.ISUB),
      new TableSwitchInsnNode(0, 1, dflt, [case0, case1]),
      case0,
      new LdcInsnNode('zero'),
      new JumpInsnNode(Opcodes.GOTO, afterSwitch),
      case1,
      new LdcInsnNode('one'),
      new JumpInsnNode(Opcodes.GOTO, afterSwitch),
      dflt,
      new LdcInsnNode('other'),
      afterSwitch,
      new VarInsnNode(Opcodes.ASTORE, 3),
      ...print(new VarInsnNode(Opcodes.ALOAD, 3), '(Ljava/lang/String;)V'),
      tryStart,
      new InsnNode(Opcodes.ICONST_1),
      new InsnNode(Opcodes.ICONST_0),
      new InsnNode(Opcodes.IDIV),
      new InsnNode(Opcodes.POP),
      tryEnd,
      new JumpInsnNode(Opcodes.GOTO, done),
      handler,
      new VarInsnNode(Opcodes.ASTORE, 4),
      ...print(new LdcInsnNode('caught'), '(Ljava/lang/String;)V'),
      done,
      ...print(new LdcInsnNode(new Double(2.5)), '(D)V'),
      ...print(new LdcInsnNode(1234567890123n), '(J)V'),
      new InsnNode(Opcodes.RETURN),
    ];
    for (const insn of body) il.add(insn);
    main.tryCatchBlocks!.push(new TryCatchBlockNode(tryStart, tryEnd, handler, 'java/lang/ArithmeticException'));
    // Some edits through the list API before writing: insert a NOP pair and remove it again.
    const nop1 = new InsnNode(Opcodes.NOP);
    const nop2 = new InsnNode(Opcodes.NOP);
    il.insertBefore(loop, nop1);
    il.insert(nop1, nop2);
    il.remove(nop1);
    il.set(nop2, new InsnNode(Opcodes.NOP));
    cn.methods.push(main);

    const writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    cn.accept(writer);
    const dir = await makeTempDir('tree');
    try {
      await writeFile(join(dir, 'TreeBuilt.class'), writer.toByteArray());
      const result = await runJava({ classpath: dir, mainClass: 'TreeBuilt', jvmArgs: ['-Xverify:all'] });
      expect(result.stderr).toBe('');
      expect(result.stdout.split('\n')).toEqual(['45', 'zero', 'caught', '2.5', '1234567890123', '']);
      expect(result.exitCode).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
